// SPDX-License-Identifier: GPL-2.0
/*
 * Control registers and XCR0 as the guest sees them. CR0 and CR4 run with
 * the bits VMX fixes set underneath (CR0.NE, CR4.VMXE) and CR4.MCE kept
 * set; the guest/host masks make the guest read its own values from the
 * read shadows and make a write that changes a host-owned bit, or sets a bit
 * the CPU model hides, exit here (SDM Vol. 3C 25.6.6, 26.1.3). The rules
 * themselves are emul/cr_rules.c.
 */
#include <linux/kernel.h>
#include <asm/fpu/xcr.h>
#include <asm/processor-flags.h>
#include <asm/trapnr.h>
#include <asm/vmx.h>

#include "caps.h"
#include "cpuid.h"
#include "exits.h"
#include "vcpu.h"
#include "vmcs_ops.h"
#include "../emul/cr_rules.h"

#define CR3_PAE_PDPT_MASK	0xffffffe0UL
#define PDPTE_PRESENT		BIT_ULL(0)
#define PDPTE_RESERVED		(GENMASK_ULL(2, 1) | GENMASK_ULL(8, 5) | BIT_ULL(63))
#define NR_PDPTES		4

static u64 cr4_allowed(const struct rtvmx_vcpu *vcpu)
{
	return vcpu->model->cr4_allowed & rtvmx_vmx.cr4_fixed1;
}

static unsigned long cr0_mask(void)
{
	return cr0_host_mask(rtvmx_vmx.cr0_fixed0, rtvmx_vmx.cr0_fixed1, true);
}

/* The CR as the guest reads it: its own bits from the read shadow. */
static unsigned long guest_cr(unsigned long hw, unsigned long shadow, unsigned long mask)
{
	return (hw & ~mask) | (shadow & mask);
}

static void read_state(struct rtvmx_vcpu *vcpu, struct cr_state *s)
{
	s->cr0 = guest_cr(vmcs_readl(GUEST_CR0), vmcs_readl(CR0_READ_SHADOW), cr0_mask());
	s->cr4 = guest_cr(vmcs_readl(GUEST_CR4), vmcs_readl(CR4_READ_SHADOW),
			  vmcs_readl(CR4_GUEST_HOST_MASK));
	s->cr3 = vmcs_readl(GUEST_CR3);
	s->efer = vmcs_read64(GUEST_IA32_EFER);
	s->cs_l = (s->efer & EFER_LMA) && (vmcs_read32(GUEST_CS_AR_BYTES) & VMX_AR_L_MASK);
}

static void set_guest_cr0(unsigned long cr0)
{
	vmcs_writel(GUEST_CR0, cr0_hw_value(cr0, rtvmx_vmx.cr0_fixed0, true));
	vmcs_writel(CR0_READ_SHADOW, cr0);
}

static void set_guest_cr4(struct rtvmx_vcpu *vcpu, unsigned long cr4)
{
	vmcs_writel(GUEST_CR4, cr4_hw_value(cr4, rtvmx_vmx.cr4_fixed0));
	vmcs_writel(CR4_READ_SHADOW, cr4);
	vcpu->cpuid_state.osxsave = cr4 & X86_CR4_OSXSAVE;
}

void rtvmx_cr_init(struct rtvmx_vcpu *vcpu, unsigned long cr0, unsigned long cr4)
{
	vmcs_writel(CR0_GUEST_HOST_MASK, cr0_mask());
	vmcs_writel(CR4_GUEST_HOST_MASK, cr4_host_mask(rtvmx_vmx.cr4_fixed0, rtvmx_vmx.cr4_fixed1,
						       cr4_allowed(vcpu)));
	set_guest_cr0(cr0);
	set_guest_cr4(vcpu, cr4);
}

/*
 * PAE paging: a MOV to CR0/CR4 that changes paging loads the four PDPTEs
 * from CR3; one present with a reserved bit set is #GP(0) (SDM Vol. 3A
 * 4.4.1). With EPT, VM entry takes them from the VMCS (SDM Vol. 3C 27.3.2.4).
 */
static bool load_pdptrs(struct rtvmx_vcpu *vcpu, unsigned long cr3)
{
	u64 rsvd = PDPTE_RESERVED | ~GENMASK_ULL(vcpu->maxphyaddr - 1, 0);
	u64 pdpte[NR_PDPTES];
	unsigned int i;

	for (i = 0; i < NR_PDPTES; i++) {
		if (vcpu->ops->emul->read_phys(vcpu->vm, (cr3 & CR3_PAE_PDPT_MASK) + 8 * i,
					       &pdpte[i], sizeof(pdpte[i])))
			return false;
		if ((pdpte[i] & PDPTE_PRESENT) && (pdpte[i] & rsvd))
			return false;
	}
	vmcs_write64(GUEST_PDPTR0, pdpte[0]);
	vmcs_write64(GUEST_PDPTR1, pdpte[1]);
	vmcs_write64(GUEST_PDPTR2, pdpte[2]);
	vmcs_write64(GUEST_PDPTR3, pdpte[3]);
	return true;
}

/* The side effects of a CR write the rules accepted; false for #GP. */
static bool commit(struct rtvmx_vcpu *vcpu, const struct cr_state *s, const struct cr_write *w)
{
	if ((w->flags & CR_W_PDPTRS) && !load_pdptrs(vcpu, s->cr3))
		return false;
	if (w->flags & CR_W_LMA) {
		u32 entry = vmcs_read32(VM_ENTRY_CONTROLS);

		/* "IA-32e mode guest" must equal EFER.LMA at entry (SDM Vol. 3C 27.3.1.1). */
		if (w->efer & EFER_LMA)
			entry |= VM_ENTRY_IA32E_MODE;
		else
			entry &= ~VM_ENTRY_IA32E_MODE;
		vmcs_write32(VM_ENTRY_CONTROLS, entry);
		vmcs_write64(GUEST_IA32_EFER, w->efer);
	}
	return true;
}

/* MOV to CR0, CLTS and LMSW (SDM Vol. 2B MOV CR; Vol. 3A 2.5, 9.8.5). */
static void set_cr0(struct rtvmx_vcpu *vcpu, const struct cr_state *s, unsigned long val)
{
	struct cr_write w;

	if (cr0_write(s, val, &w) || !commit(vcpu, s, &w)) {
		rtvmx_inject_gp(vcpu);
		return;
	}
	set_guest_cr0(w.value);
	if (w.flags & CR_W_FLUSH)
		rtvmx_flush_guest_tlb(vcpu);
	rtvmx_skip_instruction();
}

static void set_cr4(struct rtvmx_vcpu *vcpu, const struct cr_state *s, unsigned long val)
{
	struct cr_write w;

	if (cr4_write(s, cr4_allowed(vcpu), val, &w) || !commit(vcpu, s, &w)) {
		rtvmx_inject_gp(vcpu);
		return;
	}
	set_guest_cr4(vcpu, w.value);
	if (w.flags & CR_W_FLUSH)
		rtvmx_flush_guest_tlb(vcpu);
	rtvmx_skip_instruction();
}

static unsigned long gpr_read(struct rtvmx_vcpu *vcpu, unsigned int reg)
{
	return reg == GPR_RSP ? vmcs_readl(GUEST_RSP) : vcpu->regs[reg];
}

/* MOV to and from CR8: the TPR of the VM's LAPIC (SDM Vol. 3A 10.8.6.1). */
static void handle_cr8(struct rtvmx_vcpu *vcpu, unsigned int type, unsigned int reg)
{
	unsigned long val;

	if (type == 0) {
		val = gpr_read(vcpu, reg);
		if (val & ~0xfUL) {
			rtvmx_inject_gp(vcpu);
			return;
		}
		vcpu->ops->set_cr8(vcpu->vm, val);
	} else {
		val = vcpu->ops->get_cr8(vcpu->vm);
		if (reg == GPR_RSP)
			vmcs_writel(GUEST_RSP, val);
		else
			vcpu->regs[reg] = val;
	}
	rtvmx_skip_instruction();
}

/* Exit qualification of a control-register access: SDM Vol. 3C Table 28-3. */
void rtvmx_handle_cr(struct rtvmx_vcpu *vcpu)
{
	unsigned long q = vmcs_readl(EXIT_QUALIFICATION), val;
	unsigned int cr = q & 15, type = (q >> 4) & 3, reg = (q >> 8) & 15;
	struct cr_state s;

	if (cr == 8 && type <= 1) {
		handle_cr8(vcpu, type, reg);
		return;
	}
	read_state(vcpu, &s);
	switch (type) {
	case 0:			/* MOV to CR: 32-bit operands outside 64-bit mode */
		val = gpr_read(vcpu, reg);
		if (!s.cs_l)
			val = lower_32_bits(val);
		if (cr == 0) {
			set_cr0(vcpu, &s, val);
			return;
		}
		if (cr == 4) {
			set_cr4(vcpu, &s, val);
			return;
		}
		break;
	case 2:			/* CLTS */
		set_cr0(vcpu, &s, s.cr0 & ~X86_CR0_TS);
		return;
	case 3:			/* LMSW: the source operand in bits 31:16 */
		set_cr0(vcpu, &s, cr0_lmsw(s.cr0, q >> 16));
		return;
	}
	rtvmx_stop_with_dump(vcpu, RTVMX_STOP_UNSUPPORTED, EXIT_REASON_CR_ACCESS,
			     "unexpected control-register access");
}

/*
 * XSETBV (SDM Vol. 2B XSETBV; Vol. 1 13.3): #UD with CR4.OSXSAVE = 0, #GP
 * at CPL > 0 (virtual-8086 mode included), for ECX != 0 and for a value
 * the rules refuse against the guest's CPUID. What passes is a subset of
 * the host's XCR0 that is itself valid, so the XSETBV below cannot fault.
 */
void rtvmx_handle_xsetbv(struct rtvmx_vcpu *vcpu)
{
	u64 val = (vcpu->regs[GPR_RDX] << 32) | lower_32_bits(vcpu->regs[GPR_RAX]);

	if (!vcpu->cpuid_state.osxsave) {
		rtvmx_inject_ud(vcpu);
		return;
	}
	if (VMX_AR_DPL(vmcs_read32(GUEST_SS_AR_BYTES)) ||
	    (vmcs_readl(GUEST_RFLAGS) & X86_EFLAGS_VM) ||
	    lower_32_bits(vcpu->regs[GPR_RCX]) != 0 ||
	    !xcr0_valid(vcpu->model->xcr0, val) || (val & ~vcpu->host_xcr0)) {
		rtvmx_inject_gp(vcpu);
		return;
	}
	vcpu->xcr0 = val;
	vcpu->cpuid_state.xcr0 = val;
	xsetbv(XCR_XFEATURE_ENABLED_MASK, val);
	rtvmx_skip_instruction();
}
