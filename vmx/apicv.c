// SPDX-License-Identifier: GPL-2.0
/*
 * The CPU's APIC virtualization (SDM Vol. 3C chapter 29), used as far as the
 * CPU offers it and the module parameter "apicv" allows (RTVMX_APICV_*):
 *
 * - TPR shadow: the guest's CR8 and TPR live in the virtual-APIC page (VTPR);
 *   without virtual-interrupt delivery, an interrupt held back by the TPR
 *   sets the TPR threshold, so lowering the TPR below it exits (29.1.2).
 * - APIC-access page: guest-physical 0xfee00000 maps to the VM's APIC-access
 *   page, and accesses to it become virtualized reads and writes of the
 *   virtual-APIC page, APIC-write exits (trap-like, after the write) or
 *   APIC-access exits (fault-like), which run through the MMIO emulator.
 *   Only while the LAPIC is an enabled xAPIC (29.4).
 * - APIC-register virtualization: reads of the registers in 29.4.2 come
 *   from the page without an exit, so the page holds them all.
 * - Virtual-interrupt delivery: rtvmx posts requested vectors in the page's
 *   IRR and RVI; the CPU delivers them when the guest can take them, with no
 *   interrupt-window exit, and retires EOIs itself, except for vectors in
 *   the EOI-exit bitmap (level-triggered, from the TMR), whose EOI exits
 *   for the I/O APIC (29.1.3, 29.2).
 *
 * The x2APIC MSRs still exit ("virtualize x2APIC mode" is not used) and the
 * CPU's posted-interrupt processing is not used.
 *
 * The LAPIC model stays the reference (module/vm_devices.c): it writes what
 * changed into the page before an entry (ops->apic_push) and takes back what
 * the CPU changed (TPR, IRR, ISR) before its next use.
 */
#include <linux/bitops.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <asm/apicdef.h>
#include <asm/io.h>
#include <asm/vmx.h>

#include <linux/rtvmx.h>
#include "apicv.h"
#include "caps.h"
#include "exits.h"
#include "intr.h"
#include "vcpu.h"
#include "vmcs_ops.h"

/* Word index in the virtual-APIC page of the register at xAPIC offset @off. */
#define VAPIC(off)		((off) / 4)
/* APIC-access exit qualification, bits 15:12 (SDM Vol. 3C Table 28-6). */
#define APIC_ACCESS_LINEAR_READ	0
#define APIC_ACCESS_LINEAR_WRITE 1

unsigned int rtvmx_apicv_allowed = RTVMX_APICV_ALL;

u32 rtvmx_apicv_for_vm(bool xapic_page)
{
	u32 proc = rtvmx_vmx.proc.may_be_1, proc2 = rtvmx_vmx.proc2.may_be_1, have = 0, use;

	if (proc & CPU_BASED_TPR_SHADOW)
		have |= RTVMX_APICV_TPR_SHADOW;
	if ((proc2 & SECONDARY_EXEC_VIRTUALIZE_APIC_ACCESSES) && xapic_page)
		have |= RTVMX_APICV_APIC_ACCESS;
	if (proc2 & SECONDARY_EXEC_APIC_REGISTER_VIRT)
		have |= RTVMX_APICV_REG_VIRT;
	if (proc2 & SECONDARY_EXEC_VIRTUAL_INTR_DELIVERY)
		have |= RTVMX_APICV_INTR_DELIVERY;
	use = READ_ONCE(rtvmx_apicv_allowed) & have;
	/* Register virtualization and interrupt delivery need the TPR shadow (26.2.1.1). */
	if (!(use & RTVMX_APICV_TPR_SHADOW))
		return 0;
	/* Register virtualization acts on accesses to the APIC-access page. */
	if (!(use & RTVMX_APICV_APIC_ACCESS))
		use &= ~RTVMX_APICV_REG_VIRT;
	return use;
}

void rtvmx_apicv_controls(const struct rtvmx_vcpu *vcpu, u32 *proc, u32 *proc2)
{
	if (!vcpu->apicv)
		return;
	/* CR8 reads and writes go to VTPR (29.3). */
	*proc = (*proc | CPU_BASED_TPR_SHADOW) &
		~(CPU_BASED_CR8_LOAD_EXITING | CPU_BASED_CR8_STORE_EXITING);
	if (vcpu->apicv & RTVMX_APICV_APIC_ACCESS)
		*proc2 |= SECONDARY_EXEC_VIRTUALIZE_APIC_ACCESSES;
	if (vcpu->apicv & RTVMX_APICV_REG_VIRT)
		*proc2 |= SECONDARY_EXEC_APIC_REGISTER_VIRT;
	if (vcpu->apicv & RTVMX_APICV_INTR_DELIVERY)
		*proc2 |= SECONDARY_EXEC_VIRTUAL_INTR_DELIVERY;
}

void rtvmx_apicv_setup(struct rtvmx_vcpu *vcpu)
{
	unsigned int i;

	if (!vcpu->apicv)
		return;
	vmcs_write64(VIRTUAL_APIC_PAGE_ADDR, page_to_phys(vcpu->vapic));
	if (vcpu->apicv & RTVMX_APICV_APIC_ACCESS)
		vmcs_write64(APIC_ACCESS_ADDR, vcpu->apic_access_hpa);
	vmcs_write32(TPR_THRESHOLD, 0);
	vcpu->tpr_threshold = 0;
	if (vcpu->apicv & RTVMX_APICV_INTR_DELIVERY) {
		vmcs_write16(GUEST_INTR_STATUS, 0);
		for (i = 0; i < 4; i++)
			vmcs_write64(EOI_EXIT_BITMAP0 + i * 2, 0);
	}
	memset(vcpu->eoi_exit, 0, sizeof(vcpu->eoi_exit));
	/* The model's power-up registers go in before the first entry. */
	vcpu->intr_check = true;
}

/* The highest vector set in the page's 256-bit register at word @reg, or -1. */
static int page_highest(const u32 *page, unsigned int reg)
{
	int i;

	for (i = 7; i >= 0; i--)
		if (page[reg + i * 4])
			return i * 32 + __fls(page[reg + i * 4]);
	return -1;
}

/* Without interrupt delivery: exit when VTPR drops below a vector it holds back. */
static void update_tpr_threshold(struct rtvmx_vcpu *vcpu, int irr, int isr, u32 tpr)
{
	u8 thr = 0;

	/* Entry requires threshold <= VTPR[7:4] (26.2.1.1); held back by the TPR, not the ISR. */
	if (irr >= 0 && (irr & 0xf0) > (isr < 0 ? 0 : (isr & 0xf0)) && (irr >> 4) <= (tpr >> 4))
		thr = irr >> 4;
	if (thr != vcpu->tpr_threshold) {
		vmcs_write32(TPR_THRESHOLD, thr);
		vcpu->tpr_threshold = thr;
	}
}

/* RVI, SVI and the EOI-exit bitmap from the page (29.1.1, 29.1.3). */
static void update_delivery(struct rtvmx_vcpu *vcpu, int irr, int isr, u32 tpr)
{
	const u32 *page = vcpu->vapic_regs;
	u16 status = (isr < 0 ? 0 : isr << 8) | (irr < 0 ? 0 : irr);
	u32 ppr_class = max_t(u32, tpr & 0xf0, isr < 0 ? 0 : isr & 0xf0);
	unsigned int i;
	u64 tmr;

	/* Always written: delivery and EOI virtualization change RVI and SVI (29.2.2, 29.1.2). */
	vmcs_write16(GUEST_INTR_STATUS, status);
	for (i = 0; i < 4; i++) {
		tmr = page[VAPIC(APIC_TMR) + i * 8] | (u64)page[VAPIC(APIC_TMR) + i * 8 + 4] << 32;
		if (tmr != vcpu->eoi_exit[i]) {
			vmcs_write64(EOI_EXIT_BITMAP0 + i * 2, tmr);
			vcpu->eoi_exit[i] = tmr;
		}
	}
	/*
	 * The guest halted in the HLT activity state (vmx/intr.c) and a vector it
	 * can take is now posted: its HLT is over, as an injected event would end it.
	 */
	if (irr >= 0 && (irr & 0xf0) > ppr_class &&
	    vmcs_read32(GUEST_ACTIVITY_STATE) == GUEST_ACTIVITY_HLT)
		vmcs_write32(GUEST_ACTIVITY_STATE, GUEST_ACTIVITY_ACTIVE);
}

void rtvmx_apicv_sync(struct rtvmx_vcpu *vcpu)
{
	const u32 *page = vcpu->vapic_regs;
	int irr, isr;
	u32 tpr;

	vcpu->ops->apic_push(vcpu->vm);
	irr = page_highest(page, VAPIC(APIC_IRR));
	isr = page_highest(page, VAPIC(APIC_ISR));
	tpr = page[VAPIC(APIC_TASKPRI)] & 0xff;
	if (vcpu->apicv & RTVMX_APICV_INTR_DELIVERY)
		update_delivery(vcpu, irr, isr, tpr);
	else
		update_tpr_threshold(vcpu, irr, isr, tpr);
}

void rtvmx_apicv_mode_changed(struct rtvmx_vcpu *vcpu)
{
	u32 proc2;

	if (!(vcpu->apicv & RTVMX_APICV_APIC_ACCESS))
		return;
	proc2 = vmcs_read32(SECONDARY_VM_EXEC_CONTROL);
	if (vcpu->ops->apic_xapic_page(vcpu->vm))
		proc2 |= SECONDARY_EXEC_VIRTUALIZE_APIC_ACCESSES;
	else
		proc2 &= ~SECONDARY_EXEC_VIRTUALIZE_APIC_ACCESSES;
	vmcs_write32(SECONDARY_VM_EXEC_CONTROL, proc2);
}

/* The guest lowered VTPR below the threshold (trap-like, 29.1.2): look again. */
void rtvmx_handle_tpr_below_threshold(struct rtvmx_vcpu *vcpu)
{
	rtvmx_vcpu_intr_kick(vcpu);
}

/*
 * An access to the APIC-access page the CPU did not virtualize (fault-like,
 * 29.4.1): a data read or write by the instruction at RIP is emulated; a
 * fetch from the page or an access during event delivery is not.
 */
void rtvmx_handle_apic_access(struct rtvmx_vcpu *vcpu)
{
	unsigned long q = vmcs_readl(EXIT_QUALIFICATION);
	unsigned int type = (q & APIC_ACCESS_TYPE) >> 12;

	if ((type != APIC_ACCESS_LINEAR_READ && type != APIC_ACCESS_LINEAR_WRITE) ||
	    (vmcs_read32(IDT_VECTORING_INFO_FIELD) & VECTORING_INFO_VALID_MASK)) {
		rtvmx_stop_with_dump(vcpu, RTVMX_STOP_UNSUPPORTED, EXIT_REASON_APIC_ACCESS,
				     "APIC-access page fetched or touched by event delivery");
		return;
	}
	rtvmx_handle_apic_access_mmio(vcpu, RTVMX_XAPIC_GPA + (q & APIC_ACCESS_OFFSET));
}

/* The EOI of a vector in the EOI-exit bitmap (trap-like, 29.1.3). */
void rtvmx_handle_eoi_induced(struct rtvmx_vcpu *vcpu)
{
	vcpu->ops->apic_eoi(vcpu->vm, vmcs_readl(EXIT_QUALIFICATION) & 0xff);
}

/* A write the CPU made to the page and left for us to act on (trap-like, 29.4.3.3). */
void rtvmx_handle_apic_write(struct rtvmx_vcpu *vcpu)
{
	vcpu->ops->apic_write(vcpu->vm, (vmcs_readl(EXIT_QUALIFICATION) & APIC_ACCESS_OFFSET) & ~3u);
}
