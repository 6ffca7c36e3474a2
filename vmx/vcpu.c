// SPDX-License-Identifier: GPL-2.0
/* vCPU resources: VMCS, MSR bitmap, VPID, guest FPU area; stop requests. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/gfp.h>
#include <linux/idr.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <asm/cpufeature.h>
#include <asm/fpu/xcr.h>
#include <asm/msr-index.h>
#include <asm/processor.h>

#include "caps.h"
#include "cpuid.h"
#include "perf_switch.h"
#include "vcpu.h"

#define XSAVE_MXCSR_OFFSET	24
#define MXCSR_DEFAULT		0x1f80
#define DUMP_SIZE		4096

static DEFINE_IDA(rtvmx_vpids);

/* Let the guest use these MSRs directly: their values are switched by VMX or by the run loop. */
static void msr_pass_through(unsigned long *bitmap, u32 msr)
{
	/* Read-high at byte 1024, write-high at 3072 (SDM Vol. 3C, 25.6.9). */
	u32 bit = msr - 0xc0000000;

	clear_bit(bit, bitmap + 1024 / sizeof(long));
	clear_bit(bit, bitmap + 3072 / sizeof(long));
}

/* The guest sees the host's CPUID.80000008H (passed by emul/cpu_model_table.c). */
static u8 guest_maxphyaddr(void)
{
	if (cpuid_eax(0x80000000) < 0x80000008)
		return 36;
	return cpuid_eax(0x80000008) & 0xff;
}

static unsigned int xsave_area_size(void)
{
	unsigned int eax, ebx, ecx, edx;

	/* CPUID.(0xD,0).ECX: size for every feature XCR0 may enable. */
	cpuid_count(0xd, 0, &eax, &ebx, &ecx, &edx);
	return ecx;
}

int rtvmx_vcpu_init(struct rtvmx_vcpu *vcpu, int cpu, u64 eptp, u32 apicv, u64 apic_access_hpa)
{
	unsigned long *bitmap;
	int vpid;

	if (!boot_cpu_has(X86_FEATURE_OSXSAVE)) {
		pr_err("the host does not use XSAVE; rtvmx needs it to keep guest FPU state\n");
		return -ENODEV;
	}
	vpid = ida_alloc_range(&rtvmx_vpids, 1, 0xffff, GFP_KERNEL);
	if (vpid < 0)
		return vpid;
	vcpu->vpid = vpid;
	vcpu->cpu = cpu;
	vcpu->eptp = eptp;
	vcpu->xcr0 = XFEATURE_MASK_FP;
	vcpu->model = &rtvmx_cpu_model;
	vcpu->maxphyaddr = guest_maxphyaddr();

	vcpu->xsave_size = xsave_area_size();
	vcpu->vmcs = alloc_pages_node(cpu_to_node(cpu), GFP_KERNEL_ACCOUNT | __GFP_ZERO, 0);
	vcpu->msr_bitmap = alloc_pages_node(cpu_to_node(cpu), GFP_KERNEL_ACCOUNT, 0);
	vcpu->xsave = kzalloc(PAGE_ALIGN(vcpu->xsave_size), GFP_KERNEL_ACCOUNT);
	vcpu->dump = kzalloc(DUMP_SIZE, GFP_KERNEL_ACCOUNT);
	vcpu->apicv = apicv;
	vcpu->apic_access_hpa = apic_access_hpa;
	if (apicv & RTVMX_APICV_TPR_SHADOW) {
		vcpu->vapic = alloc_pages_node(cpu_to_node(cpu), GFP_KERNEL_ACCOUNT | __GFP_ZERO, 0);
		vcpu->vapic_regs = vcpu->vapic ? page_address(vcpu->vapic) : NULL;
	}
	if (!vcpu->vmcs || !vcpu->msr_bitmap || !vcpu->xsave || !vcpu->dump ||
	    (apicv && !vcpu->vapic) || rtvmx_perf_switch_alloc(vcpu, cpu_to_node(cpu))) {
		rtvmx_vcpu_destroy(vcpu);
		return -ENOMEM;
	}
	*(u32 *)page_address(vcpu->vmcs) = rtvmx_vmx.revision;
	*(u32 *)(vcpu->xsave + XSAVE_MXCSR_OFFSET) = MXCSR_DEFAULT;

	bitmap = page_address(vcpu->msr_bitmap);
	memset(bitmap, 0xff, PAGE_SIZE);
	msr_pass_through(bitmap, MSR_FS_BASE);
	msr_pass_through(bitmap, MSR_GS_BASE);
	msr_pass_through(bitmap, MSR_KERNEL_GS_BASE);
	return 0;
}

void rtvmx_vcpu_destroy(struct rtvmx_vcpu *vcpu)
{
	if (vcpu->vmcs)
		__free_page(vcpu->vmcs);
	if (vcpu->msr_bitmap)
		__free_page(vcpu->msr_bitmap);
	if (vcpu->vapic)
		__free_page(vcpu->vapic);
	rtvmx_perf_switch_free(vcpu);
	kfree(vcpu->xsave);
	kfree(vcpu->dump);
	if (vcpu->vpid)
		ida_free(&rtvmx_vpids, vcpu->vpid);
	vcpu->vmcs = NULL;
	vcpu->msr_bitmap = NULL;
	vcpu->vapic = NULL;
	vcpu->vapic_regs = NULL;
	vcpu->xsave = NULL;
	vcpu->dump = NULL;
	vcpu->vpid = 0;
}

void rtvmx_vcpu_stop(struct rtvmx_vcpu *vcpu, u32 reason, u64 detail)
{
	if (!cmpxchg(&vcpu->stop_reason, 0, reason))
		vcpu->stop_detail = detail;
	WRITE_ONCE(vcpu->stop_requested, true);
}

