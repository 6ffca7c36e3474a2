// SPDX-License-Identifier: GPL-2.0
/* The MSRs a guest reads and writes through RDMSR/WRMSR exits (SDM Vol. 4). */
#include <linux/kernel.h>
#include <asm/cpufeature.h>
#include <asm/msr.h>
#include <asm/page.h>
#include <asm/vmx.h>

#include "apicv.h"
#include "exits.h"
#include "spec.h"
#include "vcpu.h"
#include "vmcs_ops.h"

#define MSR_X2APIC_FIRST	0x800
#define MSR_X2APIC_LAST		0x8ff
#define MISC_ENABLE_FAST_STRING	BIT_ULL(0)

/* Reads and writes of the virtualized MSRs; false for any other MSR. */
static bool apic_msr(u32 msr)
{
	return msr == MSR_IA32_APICBASE || msr == MSR_IA32_TSC_DEADLINE ||
	       (msr >= MSR_X2APIC_FIRST && msr <= MSR_X2APIC_LAST);
}

static bool msr_read(struct rtvmx_vcpu *vcpu, u32 msr, u64 *val)
{
	if (apic_msr(msr))
		return !vcpu->ops->msr(vcpu->vm, msr, false, val);
	switch (msr) {
	case MSR_IA32_TSC:
		*val = rdtsc();
		return true;
	case MSR_IA32_MISC_ENABLE:
		*val = MISC_ENABLE_FAST_STRING;
		return true;
	case MSR_EFER:
		*val = vmcs_read64(GUEST_IA32_EFER);
		return true;
	case MSR_IA32_CR_PAT:
		*val = vmcs_read64(GUEST_IA32_PAT);
		return true;
	case MSR_STAR:
		*val = vcpu->star;
		return true;
	case MSR_LSTAR:
		*val = vcpu->lstar;
		return true;
	case MSR_CSTAR:
		*val = vcpu->cstar;
		return true;
	case MSR_SYSCALL_MASK:
		*val = vcpu->sfmask;
		return true;
	case MSR_TSC_AUX:
		*val = vcpu->tsc_aux;
		return true;
	case MSR_IA32_SPEC_CTRL:
		*val = vcpu->spec_ctrl;
		return rtvmx_spec_ctrl_switch;
	}
	return false;
}

/* Where the guest's value of an MSR run.c switches lives. */
static u64 *switched_msr(struct rtvmx_vcpu *vcpu, u32 msr)
{
	switch (msr) {
	case MSR_STAR:
		return &vcpu->star;
	case MSR_LSTAR:
		return &vcpu->lstar;
	case MSR_CSTAR:
		return &vcpu->cstar;
	case MSR_SYSCALL_MASK:
		return &vcpu->sfmask;
	default:
		return &vcpu->tsc_aux;
	}
}

static bool msr_write(struct rtvmx_vcpu *vcpu, u32 msr, u64 val)
{
	if (msr == MSR_IA32_APICBASE) {
		if (vcpu->ops->msr(vcpu->vm, msr, true, &val))
			return false;
		rtvmx_apicv_mode_changed(vcpu);
		return true;
	}
	if (apic_msr(msr))
		return !vcpu->ops->msr(vcpu->vm, msr, true, &val);
	switch (msr) {
	case MSR_EFER:
		/* Only SCE, LME, LMA and NXE; LMA must follow LME in this boot state. */
		if (val & ~(u64)(EFER_SCE | EFER_LME | EFER_LMA | EFER_NX))
			return false;
		vmcs_write64(GUEST_IA32_EFER, val);
		return true;
	case MSR_IA32_CR_PAT:
		vmcs_write64(GUEST_IA32_PAT, val);
		return true;
	case MSR_IA32_SPEC_CTRL:
		/* entry.S loads it for the guest (vmx/spec.c). */
		if (!rtvmx_spec_ctrl_switch || (val & ~rtvmx_spec_ctrl_valid_bits()))
			return false;
		vcpu->spec_ctrl = val;
		return true;
	case MSR_IA32_PRED_CMD:
		if (!boot_cpu_has(X86_FEATURE_IBPB) || (val & ~PRED_CMD_IBPB))
			return false;
		if (val)
			wrmsrl(MSR_IA32_PRED_CMD, PRED_CMD_IBPB);
		return true;
	case MSR_IA32_FLUSH_CMD:
		if (!boot_cpu_has(X86_FEATURE_FLUSH_L1D) || (val & ~L1D_FLUSH))
			return false;
		if (val)
			wrmsrl(MSR_IA32_FLUSH_CMD, L1D_FLUSH);
		return true;
	case MSR_STAR:
	case MSR_SYSCALL_MASK:
		break;
	case MSR_LSTAR:
	case MSR_CSTAR:
		/* A non-canonical SYSCALL target is refused (SDM Vol. 4, IA32_LSTAR). */
		if (!__is_canonical_address(val, boot_cpu_has(X86_FEATURE_LA57) ? 57 : 48))
			return false;
		break;
	case MSR_TSC_AUX:
		/* Bits 63:32 are reserved (SDM Vol. 4, IA32_TSC_AUX). */
		if (upper_32_bits(val))
			return false;
		break;
	default:
		return false;
	}
	/*
	 * The guest's values of these are in the CPU while its loop runs
	 * (run.c); a value the CPU still refuses is the guest's #GP.
	 */
	if (wrmsrl_safe(msr, val))
		return false;
	*switched_msr(vcpu, msr) = val;
	return true;
}

void rtvmx_handle_msr_read(struct rtvmx_vcpu *vcpu)
{
	u64 val;

	if (!msr_read(vcpu, vcpu->regs[GPR_RCX], &val)) {
		rtvmx_inject_gp(vcpu);
		return;
	}
	vcpu->regs[GPR_RAX] = lower_32_bits(val);
	vcpu->regs[GPR_RDX] = upper_32_bits(val);
	rtvmx_skip_instruction();
}

void rtvmx_handle_msr_write(struct rtvmx_vcpu *vcpu)
{
	u64 val = (vcpu->regs[GPR_RDX] << 32) | lower_32_bits(vcpu->regs[GPR_RAX]);

	if (!msr_write(vcpu, vcpu->regs[GPR_RCX], val)) {
		rtvmx_inject_gp(vcpu);
		return;
	}
	rtvmx_skip_instruction();
}
