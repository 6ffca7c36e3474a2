// SPDX-License-Identifier: GPL-2.0
/*
 * The guest's debug registers. MOV DR always exits (SDM Vol. 3C 25.6.2,
 * "MOV-DR exiting"): DR0-DR3 and DR6 are kept per vCPU and DR7 in the VMCS,
 * which VM entry loads and VM exit saves ("load/save debug controls").
 * #DB is intercepted (exceptions.c), so the CPU never writes the guest's
 * DR6; rtvmx does it when it reflects the #DB. DR0-DR3 go into the CPU only
 * while the guest's DR7 enables a breakpoint, and the host's come back
 * after guest execution (KVM's vcpu_enter_guest does the same).
 */
#include <linux/kernel.h>
#include <linux/percpu.h>
#include <asm/cpufeature.h>
#include <asm/special_insns.h>
#include <asm/debugreg.h>
#include <asm/processor-flags.h>
#include <asm/trapnr.h>
#include <asm/vmx.h>

#include "debugreg.h"
#include "exits.h"
#include "vcpu.h"
#include "vmcs_ops.h"

#define DR7_ENABLES	0xffUL		/* L0-L3, G0-G3 */
#define DR7_GD		BIT(13)
/* DR6 bits that always read 1; RTM (bit 16, active low) too, as the CPU model hides RTM. */
#define DR6_FIXED_1	0xffff0ff0UL
#define DR6_VOLATILE	0x0000e00fUL	/* B0-B3, BD, BS, BT */
#define DR6_BD		BIT(13)
#define DR7_FIXED_1	0x400UL
#define DR7_VOLATILE	0xffff2bffUL

/* Exit qualification of a MOV DR exit (SDM Vol. 3C, Table 28-4). */
#define DR_QUAL_REG(q)		((q) & 7)
#define DR_QUAL_FROM_DR		BIT(4)
#define DR_QUAL_GPR(q)		(((q) >> 8) & 15)

void rtvmx_dr_reset(struct rtvmx_vcpu *vcpu)
{
	memset(vcpu->dr, 0, sizeof(vcpu->dr));
	vcpu->dr6 = DR6_FIXED_1;
	vcpu->entry_work &= ~RTVMX_ENTRY_WORK_DR;
}

/* DR0-DR3 into the CPU for an entry with the guest's breakpoints enabled. */
void rtvmx_dr_load_guest(struct rtvmx_vcpu *vcpu)
{
	native_set_debugreg(0, vcpu->dr[0]);
	native_set_debugreg(1, vcpu->dr[1]);
	native_set_debugreg(2, vcpu->dr[2]);
	native_set_debugreg(3, vcpu->dr[3]);
	vcpu->dr_loaded = true;
}

/* The host's DR0-DR3, DR6 and DR7, as its hw_breakpoint code keeps them. */
void rtvmx_dr_restore_host(struct rtvmx_vcpu *vcpu)
{
	hw_breakpoint_restore();
	vcpu->dr_loaded = false;
}

static void set_dr7(struct rtvmx_vcpu *vcpu, unsigned long val)
{
	val = (val & DR7_VOLATILE) | DR7_FIXED_1;
	vmcs_writel(GUEST_DR7, val);
	if (val & DR7_ENABLES)
		vcpu->entry_work |= RTVMX_ENTRY_WORK_DR;
	else
		vcpu->entry_work &= ~RTVMX_ENTRY_WORK_DR;
}

/*
 * A #DB for the guest: DR6 takes the new conditions as the CPU would have
 * written them (@payload in the exit qualification's layout, SDM 28.2.1),
 * and the CPU clears DR7.GD when it delivers a #DB (SDM Vol. 3B 17.2.4).
 */
void rtvmx_dr_deliver_db(struct rtvmx_vcpu *vcpu, unsigned long payload)
{
	unsigned long dr7 = vmcs_readl(GUEST_DR7);

	/* B0-B3 report this #DB only; BD, BS and BT stay set until software clears them. */
	vcpu->dr6 = (vcpu->dr6 & ~DR_TRAP_BITS) | (payload & DR6_VOLATILE) | DR6_FIXED_1;
	if (dr7 & DR7_GD)
		set_dr7(vcpu, dr7 & ~DR7_GD);
}

/* MOV to or from DR0-DR7 (SDM Vol. 2B, MOV—Move to/from Debug Registers). */
void rtvmx_handle_dr_access(struct rtvmx_vcpu *vcpu)
{
	unsigned long q = vmcs_readl(EXIT_QUALIFICATION), val;
	unsigned int dr = DR_QUAL_REG(q), reg = DR_QUAL_GPR(q);
	bool wide = rtvmx_guest_in_64bit_mode();

	if (rtvmx_guest_cpl()) {
		rtvmx_inject_gp(vcpu);
		return;
	}
	/* DR4/DR5 alias DR6/DR7 unless CR4.DE (the guest's, from the read shadow). */
	if (dr == 4 || dr == 5) {
		if (vmcs_readl(CR4_READ_SHADOW) & X86_CR4_DE) {
			rtvmx_inject_ud(vcpu);
			return;
		}
		dr += 2;
	}
	/* General detect: the access faults as a #DB with DR6.BD (SDM Vol. 3B 17.2.4). */
	if (vmcs_readl(GUEST_DR7) & DR7_GD) {
		rtvmx_dr_deliver_db(vcpu, DR6_BD);
		rtvmx_inject_exception(vcpu, X86_TRAP_DB, false, 0);
		return;
	}
	if (q & DR_QUAL_FROM_DR) {
		switch (dr) {
		case 6:
			val = vcpu->dr6;
			break;
		case 7:
			val = vmcs_readl(GUEST_DR7);
			break;
		default:
			val = vcpu->dr[dr];
		}
		if (reg == GPR_RSP)
			vmcs_writel(GUEST_RSP, wide ? val : (u32)val);
		else
			vcpu->regs[reg] = wide ? val : (u32)val;
		rtvmx_skip_instruction();
		return;
	}
	val = reg == GPR_RSP ? vmcs_readl(GUEST_RSP) : vcpu->regs[reg];
	if (!wide)
		val = (u32)val;
	/* Bits 63:32 of DR6 and DR7 are reserved: #GP (SDM Vol. 3B 17.2.6). */
	if (dr >= 6 && upper_32_bits(val)) {
		rtvmx_inject_gp(vcpu);
		return;
	}
	switch (dr) {
	case 6:
		vcpu->dr6 = (val & DR6_VOLATILE) | DR6_FIXED_1;
		break;
	case 7:
		set_dr7(vcpu, val);
		break;
	default:
		vcpu->dr[dr] = val;
	}
	rtvmx_skip_instruction();
}
