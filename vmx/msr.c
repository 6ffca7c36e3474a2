// SPDX-License-Identifier: GPL-2.0
/*
 * The MSRs a guest reads and writes through RDMSR/WRMSR exits (SDM Vol. 4),
 * one row each: reset value, what a write may hold (emul/msr_rules.c),
 * where the value lives. Every other MSR gets #GP, as on hardware that
 * lacks it. FS_BASE, GS_BASE and KERNEL_GS_BASE are not here: the MSR
 * bitmap passes them through (vmx/vcpu.c) and the CPU checks them.
 *
 * MSR                 reset              writes accepted             lives in
 * P5_MC_ADDR/TYPE     0                  none (#GP)                  constant: MCE without MCA
 * TSC                 host TSC           none (#GP): no offsetting   RDTSC
 * UCODE_REV           0x100000000        any, ignored (KVM's idiom)  constant
 * SYSENTER_CS         0                  bits 31:0                   VMCS GUEST_SYSENTER_CS
 * SYSENTER_ESP/EIP    0                  canonical                   VMCS GUEST_SYSENTER_*
 * MISC_ENABLE         FAST_STRING        FAST_STRING only            vcpu->misc_enable
 * DEBUGCTL            0                  0, BTF; LBR dropped         VMCS GUEST_IA32_DEBUGCTL
 * PAT                 0x0007040600070406 memory types 0,1,4-7        VMCS GUEST_IA32_PAT
 * EFER                the boot state's   model bits; LME not while   VMCS GUEST_IA32_EFER
 *                                        paging; LMA read-only
 * STAR, SFMASK        0                  any                         vcpu->star, sfmask
 * LSTAR, CSTAR        0                  canonical                   vcpu->lstar, cstar
 * TSC_AUX             vCPU index         bits 31:0, with RDTSCP/RDPID vcpu->tsc_aux
 * SPEC_CTRL           0                  the CPU's IBRS/STIBP/SSBD   vcpu->spec_ctrl (entry.S)
 * PRED_CMD, FLUSH_CMD -                  IBPB, L1D_FLUSH: done now   write-only
 * STAR..SFMASK and TSC_AUX are in the CPU while the guest's loop runs: a write reaches it at once.
 * APIC_BASE, TSC_DEADLINE, x2APIC 800H-8FFH: the VM's LAPIC model (module/vm_devices.c)
 */
#include <linux/kernel.h>
#include <asm/msr.h>
#include <asm/vmx.h>

#include "apicv.h"
#include "exits.h"
#include "spec.h"
#include "vcpu.h"
#include "vmcs_ops.h"
#include "../emul/msr_rules.h"

#define MSR_X2APIC_FIRST	0x800
#define MSR_X2APIC_LAST		0x8ff
#define MISC_ENABLE_FAST_STRING	BIT_ULL(0)
#define UCODE_REV_DEFAULT	0x100000000ULL	/* KVM's, so guests see a revision */
#define PAT_RESET		0x0007040600070406ULL	/* SDM Vol. 3A 11.12.4 */
#define GUEST_VA_BITS		48		/* LA57 is hidden */

struct msr_row {
	u32 index;
	u64 reset;
	bool reset_at_setup;		/* rtvmx_msr_reset() writes @reset */
	bool in_cpu;			/* the guest's value is in the CPU while its loop runs (run.c) */
	u64 (*read)(struct rtvmx_vcpu *vcpu);
	/* 0, or -EINVAL for #GP; NULL: read-only, every write #GP. */
	int (*write)(struct rtvmx_vcpu *vcpu, u64 val);
};

static u64 read_zero(struct rtvmx_vcpu *vcpu)
{
	return 0;
}

static u64 read_tsc(struct rtvmx_vcpu *vcpu)
{
	return rdtsc();
}

static u64 read_ucode_rev(struct rtvmx_vcpu *vcpu)
{
	return UCODE_REV_DEFAULT;
}

static int write_ignored(struct rtvmx_vcpu *vcpu, u64 val)
{
	return 0;
}

static u64 read_sysenter_cs(struct rtvmx_vcpu *vcpu)
{
	return vmcs_read32(GUEST_SYSENTER_CS);
}

static int write_sysenter_cs(struct rtvmx_vcpu *vcpu, u64 val)
{
	vmcs_write32(GUEST_SYSENTER_CS, val);
	return 0;
}

/* VM entry checks these two for canonical addresses (SDM Vol. 3C 27.3.1.1): #GP first. */
static u64 read_sysenter_esp(struct rtvmx_vcpu *vcpu)
{
	return vmcs_readl(GUEST_SYSENTER_ESP);
}

static int write_sysenter_esp(struct rtvmx_vcpu *vcpu, u64 val)
{
	if (!msr_canonical(val, GUEST_VA_BITS))
		return -EINVAL;
	vmcs_writel(GUEST_SYSENTER_ESP, val);
	return 0;
}

static u64 read_sysenter_eip(struct rtvmx_vcpu *vcpu)
{
	return vmcs_readl(GUEST_SYSENTER_EIP);
}

static int write_sysenter_eip(struct rtvmx_vcpu *vcpu, u64 val)
{
	if (!msr_canonical(val, GUEST_VA_BITS))
		return -EINVAL;
	vmcs_writel(GUEST_SYSENTER_EIP, val);
	return 0;
}

static u64 read_misc_enable(struct rtvmx_vcpu *vcpu)
{
	return vcpu->misc_enable;
}

static int write_misc_enable(struct rtvmx_vcpu *vcpu, u64 val)
{
	if ((val ^ vcpu->misc_enable) & ~MISC_ENABLE_FAST_STRING)
		return -EINVAL;
	vcpu->misc_enable = val;
	return 0;
}

static u64 read_debugctl(struct rtvmx_vcpu *vcpu)
{
	return vmcs_read64(GUEST_IA32_DEBUGCTL);
}

/* VM entry checks DEBUGCTL's reserved bits (SDM 27.3.1.1): only what the rules keep gets there. */
static int write_debugctl(struct rtvmx_vcpu *vcpu, u64 val)
{
	u64 keep;

	if (msr_debugctl_write(val, &keep))
		return -EINVAL;
	vmcs_write64(GUEST_IA32_DEBUGCTL, keep);
	return 0;
}

static u64 read_pat(struct rtvmx_vcpu *vcpu)
{
	return vmcs_read64(GUEST_IA32_PAT);
}

/* A reserved memory type would fail VM entry (SDM 27.3.1.1); hardware gives #GP. */
static int write_pat(struct rtvmx_vcpu *vcpu, u64 val)
{
	if (!msr_pat_valid(val))
		return -EINVAL;
	vmcs_write64(GUEST_IA32_PAT, val);
	return 0;
}

static u64 read_efer(struct rtvmx_vcpu *vcpu)
{
	return vmcs_read64(GUEST_IA32_EFER);
}

/* CR0.PG is the guest's own under unrestricted guest (not in the CR0 mask). */
static int write_efer(struct rtvmx_vcpu *vcpu, u64 val)
{
	u64 efer;

	if (msr_efer_write(vcpu->model->efer_allowed, vmcs_read64(GUEST_IA32_EFER), val,
			   vmcs_readl(GUEST_CR0) & X86_CR0_PG, &efer))
		return -EINVAL;
	vmcs_write64(GUEST_IA32_EFER, efer);
	return 0;
}

static u64 read_star(struct rtvmx_vcpu *vcpu)
{
	return vcpu->star;
}

static int write_star(struct rtvmx_vcpu *vcpu, u64 val)
{
	vcpu->star = val;
	return 0;
}

static u64 read_lstar(struct rtvmx_vcpu *vcpu)
{
	return vcpu->lstar;
}

/* WRMSR of a non-canonical LSTAR/CSTAR is #GP (SDM Vol. 4, Table 2-2). */
static int write_lstar(struct rtvmx_vcpu *vcpu, u64 val)
{
	if (!msr_canonical(val, GUEST_VA_BITS))
		return -EINVAL;
	vcpu->lstar = val;
	return 0;
}

static u64 read_cstar(struct rtvmx_vcpu *vcpu)
{
	return vcpu->cstar;
}

static int write_cstar(struct rtvmx_vcpu *vcpu, u64 val)
{
	if (!msr_canonical(val, GUEST_VA_BITS))
		return -EINVAL;
	vcpu->cstar = val;
	return 0;
}

static u64 read_sfmask(struct rtvmx_vcpu *vcpu)
{
	return vcpu->sfmask;
}

static int write_sfmask(struct rtvmx_vcpu *vcpu, u64 val)
{
	vcpu->sfmask = val;
	return 0;
}

static u64 read_tsc_aux(struct rtvmx_vcpu *vcpu)
{
	return vcpu->tsc_aux;
}

static int write_tsc_aux(struct rtvmx_vcpu *vcpu, u64 val)
{
	if (!msr_tsc_aux_valid(val))
		return -EINVAL;
	vcpu->tsc_aux = val;
	return 0;
}

static u64 read_spec_ctrl(struct rtvmx_vcpu *vcpu)
{
	return vcpu->spec_ctrl;
}

/* entry.S loads it for the guest where it differs from the host's (vmx/spec.c). */
static int write_spec_ctrl(struct rtvmx_vcpu *vcpu, u64 val)
{
	if (val & ~rtvmx_spec_ctrl_valid_bits())
		return -EINVAL;
	vcpu->spec_ctrl = val;
	return 0;
}

/* Write-only command MSRs (SDM Vol. 4): done at once for the guest. */
static int write_pred_cmd(struct rtvmx_vcpu *vcpu, u64 val)
{
	if (val & ~PRED_CMD_IBPB)
		return -EINVAL;
	if (val)
		wrmsrl(MSR_IA32_PRED_CMD, PRED_CMD_IBPB);
	return 0;
}

static int write_flush_cmd(struct rtvmx_vcpu *vcpu, u64 val)
{
	if (val & ~L1D_FLUSH)
		return -EINVAL;
	if (val)
		wrmsrl(MSR_IA32_FLUSH_CMD, L1D_FLUSH);
	return 0;
}

static const struct msr_row msr_table[] = {
	{ MSR_IA32_P5_MC_ADDR, 0, false, false, read_zero, NULL },
	{ MSR_IA32_P5_MC_TYPE, 0, false, false, read_zero, NULL },
	{ MSR_IA32_TSC, 0, false, false, read_tsc, NULL },
	{ MSR_IA32_UCODE_REV, UCODE_REV_DEFAULT, false, false, read_ucode_rev, write_ignored },
	{ MSR_IA32_SYSENTER_CS, 0, true, false, read_sysenter_cs, write_sysenter_cs },
	{ MSR_IA32_SYSENTER_ESP, 0, true, false, read_sysenter_esp, write_sysenter_esp },
	{ MSR_IA32_SYSENTER_EIP, 0, true, false, read_sysenter_eip, write_sysenter_eip },
	{ MSR_IA32_MISC_ENABLE, MISC_ENABLE_FAST_STRING, false, false, read_misc_enable,
	  write_misc_enable },
	{ MSR_IA32_DEBUGCTLMSR, 0, true, false, read_debugctl, write_debugctl },
	{ MSR_IA32_CR_PAT, PAT_RESET, true, false, read_pat, write_pat },
	{ MSR_EFER, 0, false, false, read_efer, write_efer },
	{ MSR_STAR, 0, true, true, read_star, write_star },
	{ MSR_LSTAR, 0, true, true, read_lstar, write_lstar },
	{ MSR_CSTAR, 0, true, true, read_cstar, write_cstar },
	{ MSR_SYSCALL_MASK, 0, true, true, read_sfmask, write_sfmask },
	{ MSR_TSC_AUX, 0, false, true, read_tsc_aux, write_tsc_aux },
	{ MSR_IA32_SPEC_CTRL, 0, false, false, read_spec_ctrl, write_spec_ctrl },
	{ MSR_IA32_PRED_CMD, 0, false, false, NULL, write_pred_cmd },
	{ MSR_IA32_FLUSH_CMD, 0, false, false, NULL, write_flush_cmd },
};

static bool tsc_aux_exists(const struct rtvmx_vcpu *vcpu)
{
	return cpu_model_has(vcpu->model, 0x80000001, 0, CM_EDX, CPUID_80000001_EDX_RDTSCP) ||
	       cpu_model_has(vcpu->model, 7, 0, CM_ECX, CPUID_7_ECX_RDPID);
}

/* An MSR the CPU model does not promise is absent: #GP. */
static bool msr_exists(const struct rtvmx_vcpu *vcpu, u32 msr)
{
	switch (msr) {
	case MSR_TSC_AUX:
		return tsc_aux_exists(vcpu);
	case MSR_IA32_SPEC_CTRL:
	case MSR_IA32_PRED_CMD:
		return cpu_model_has(vcpu->model, 7, 0, CM_EDX, CPUID_7_EDX_SPEC_CTRL);
	case MSR_IA32_FLUSH_CMD:
		return cpu_model_has(vcpu->model, 7, 0, CM_EDX, CPUID_7_EDX_FLUSH_L1D);
	}
	return true;
}

static const struct msr_row *find(const struct rtvmx_vcpu *vcpu, u32 msr)
{
	unsigned int i;

	if (!msr_exists(vcpu, msr))
		return NULL;
	for (i = 0; i < ARRAY_SIZE(msr_table); i++)
		if (msr_table[i].index == msr)
			return &msr_table[i];
	return NULL;
}

/* Reset values (SDM Vol. 3A 9.1.1, Table 9-1): the VMCS-resident ones need it loaded. */
void rtvmx_msr_reset(struct rtvmx_vcpu *vcpu)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(msr_table); i++)
		if (msr_table[i].reset_at_setup)
			msr_table[i].write(vcpu, msr_table[i].reset);
	vcpu->misc_enable = MISC_ENABLE_FAST_STRING;
	vcpu->tsc_aux = vcpu->index;
}

/* Reads and writes of the virtualized APIC MSRs; false for any other MSR. */
static bool apic_msr(u32 msr)
{
	return msr == MSR_IA32_APICBASE || msr == MSR_IA32_TSC_DEADLINE ||
	       (msr >= MSR_X2APIC_FIRST && msr <= MSR_X2APIC_LAST);
}

static bool msr_read(struct rtvmx_vcpu *vcpu, u32 msr, u64 *val)
{
	const struct msr_row *row;

	if (apic_msr(msr))
		return !vcpu->ops->msr(vcpu->vm, msr, false, val);
	row = find(vcpu, msr);
	if (!row || !row->read)
		return false;
	*val = row->read(vcpu);
	return true;
}

static bool msr_write(struct rtvmx_vcpu *vcpu, u32 msr, u64 val)
{
	const struct msr_row *row;

	if (msr == MSR_IA32_APICBASE) {
		if (vcpu->ops->msr(vcpu->vm, msr, true, &val))
			return false;
		rtvmx_apicv_mode_changed(vcpu);
		return true;
	}
	if (apic_msr(msr))
		return !vcpu->ops->msr(vcpu->vm, msr, true, &val);
	row = find(vcpu, msr);
	if (!row || !row->write || row->write(vcpu, val))
		return false;
	/* Checked by the row: the CPU takes it (wrmsrl_safe as a last guard). */
	if (row->in_cpu && wrmsrl_safe(msr, val))
		return false;
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
