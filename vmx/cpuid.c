// SPDX-License-Identifier: GPL-2.0
/* The CPUID a guest sees (SDM Vol. 2A, CPUID). */
#include <linux/kernel.h>
#include <asm/processor.h>
#include <asm/tsc.h>

#include "exits.h"
#include "vcpu.h"

#define CPUID_1_ECX_VMX		BIT(5)
#define CPUID_1_ECX_HYPERVISOR	BIT(31)
#define CPUID_1_ECX_X2APIC	BIT(21)
#define CPUID_1_ECX_TSC_DEADLINE BIT(24)
#define CPUID_1_EDX_APIC	BIT(9)
#define CPUID_6_EAX_ARAT	BIT(2)	/* the APIC timer runs in every C-state */

/*
 * Host CPUID, minus VMX, plus the hypervisor bit and the rtvmx leaves. The
 * APIC is the VM's model: present, x2APIC- and TSC-deadline-capable, APIC ID
 * = vCPU index (leaf 1 EBX[31:24], leaves 0BH and 1FH EDX).
 */
void rtvmx_handle_cpuid(struct rtvmx_vcpu *vcpu)
{
	unsigned long *r = vcpu->regs;
	u32 leaf = r[GPR_RAX], sub = r[GPR_RCX];
	u32 eax, ebx, ecx, edx;

	if ((leaf & 0xffffff00) == RTVMX_CPUID_SIGNATURE) {
		eax = ebx = ecx = edx = 0;
		if (leaf == RTVMX_CPUID_SIGNATURE) {
			eax = RTVMX_CPUID_TIMING;
			ebx = 0x6d767472;	/* "rtvm" */
			ecx = 0x76747278;	/* "xrtv" */
			edx = 0x7472786d;	/* "mxrt" */
		} else if (leaf == RTVMX_CPUID_TIMING) {
			eax = tsc_khz;
			ebx = tsc_khz;		/* the LAPIC timer's input clock */
		}
	} else {
		cpuid_count(leaf, sub, &eax, &ebx, &ecx, &edx);
		switch (leaf) {
		case 1:
			ecx &= ~CPUID_1_ECX_VMX;
			ecx |= CPUID_1_ECX_HYPERVISOR | CPUID_1_ECX_X2APIC | CPUID_1_ECX_TSC_DEADLINE;
			edx |= CPUID_1_EDX_APIC;
			ebx = (ebx & 0x00ffffff) | vcpu->index << 24;
			break;
		case 6:
			eax |= CPUID_6_EAX_ARAT;
			break;
		case 0xb:
		case 0x1f:
			edx = vcpu->index;
			break;
		}
	}
	r[GPR_RAX] = eax;
	r[GPR_RBX] = ebx;
	r[GPR_RCX] = ecx;
	r[GPR_RDX] = edx;
	rtvmx_skip_instruction();
}
