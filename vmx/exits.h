/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RTVMX_VMX_EXITS_H
#define RTVMX_VMX_EXITS_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <asm/msr-index.h>
#include <asm/vmx.h>

#include "vmcs_ops.h"

struct rtvmx_vcpu;

/* Handles the exit just taken; interrupts are off, the vCPU's VMCS is current. */
void rtvmx_handle_exit(struct rtvmx_vcpu *vcpu);
/* Writes the VMCS and registers into vcpu->dump, headed by @why. */
void rtvmx_dump_vcpu(struct rtvmx_vcpu *vcpu, const char *why);
/* Drops stale EPT and VPID translations before the vCPU's first entry. */
void rtvmx_flush_guest_tlb(struct rtvmx_vcpu *vcpu);
/* Writes the dump headed by @why, then stops the vCPU (the first reason wins). */
void rtvmx_stop_with_dump(struct rtvmx_vcpu *vcpu, u32 reason, u64 detail, const char *why);
/*
 * Delivers hardware exception @vector at the next VM entry, with @error_code
 * if @has_error_code; over an event already queued, as #DF or a triple fault.
 */
void rtvmx_inject_exception(struct rtvmx_vcpu *vcpu, unsigned int vector, bool has_error_code,
			    u32 error_code);

/*
 * The instruction that exited retired: blocking by STI or MOV SS lasts for
 * one instruction and ends with it (SDM Vol. 3C 25.4.2, interruptibility).
 */
static __always_inline void rtvmx_end_interrupt_shadow(void)
{
	u32 intr = vmcs_read32(GUEST_INTERRUPTIBILITY_INFO);

	if (unlikely(intr & (GUEST_INTR_STATE_STI | GUEST_INTR_STATE_MOV_SS)))
		vmcs_write32(GUEST_INTERRUPTIBILITY_INFO,
			     intr & ~(GUEST_INTR_STATE_STI | GUEST_INTR_STATE_MOV_SS));
}

/* The exiting instruction is done: past it, and past the shadow of an STI or MOV SS before it. */
static __always_inline void rtvmx_skip_instruction(void)
{
	vmcs_writel(GUEST_RIP, vmcs_readl(GUEST_RIP) + vmcs_read32(VM_EXIT_INSTRUCTION_LEN));
	rtvmx_end_interrupt_shadow();
}

/* CPL = SS.DPL (SDM Vol. 3C 26.3.1.2: VM entry checks that SS.DPL is the CPL). */
static __always_inline unsigned int rtvmx_guest_cpl(void)
{
	return (vmcs_read32(GUEST_SS_AR_BYTES) >> 5) & 3;
}

/* 64-bit mode: IA32_EFER.LMA and CS.L (SDM Vol. 3A 3.4.5); else registers are 32 bits wide. */
static __always_inline bool rtvmx_guest_in_64bit_mode(void)
{
	return (vmcs_read64(GUEST_IA32_EFER) & EFER_LMA) &&
	       (vmcs_read32(GUEST_CS_AR_BYTES) & VMX_AR_L_MASK);
}

void rtvmx_inject_gp(struct rtvmx_vcpu *vcpu);
void rtvmx_inject_ud(struct rtvmx_vcpu *vcpu);

/* vmx/cpuid.c: the guest's CPUID. */
void rtvmx_handle_cpuid(struct rtvmx_vcpu *vcpu);
/* vmx/msr.c: RDMSR and WRMSR exits; the MSRs' reset values (the vCPU's VMCS loaded). */
void rtvmx_handle_msr_read(struct rtvmx_vcpu *vcpu);
void rtvmx_handle_msr_write(struct rtvmx_vcpu *vcpu);
void rtvmx_msr_reset(struct rtvmx_vcpu *vcpu);
/* vmx/cr.c: control-register accesses and XSETBV; the guest's first CR0 and CR4. */
void rtvmx_handle_cr(struct rtvmx_vcpu *vcpu);
void rtvmx_handle_xsetbv(struct rtvmx_vcpu *vcpu);
void rtvmx_cr_init(struct rtvmx_vcpu *vcpu, unsigned long cr0, unsigned long cr4);

/* vmx/exceptions.c: an exception or NMI exit, and a machine check during VM entry. */
void rtvmx_handle_exception_nmi(struct rtvmx_vcpu *vcpu);
void rtvmx_handle_mce_during_entry(struct rtvmx_vcpu *vcpu);

/* vmx/mmio.c: an EPT violation at @gpa, inside an MMIO region of the VM. */
void rtvmx_handle_mmio(struct rtvmx_vcpu *vcpu, u64 gpa);
/* vmx/mmio.c: an APIC-access exit for a data access at @gpa (vmx/apicv.c). */
void rtvmx_handle_apic_access_mmio(struct rtvmx_vcpu *vcpu, u64 gpa);

#endif
