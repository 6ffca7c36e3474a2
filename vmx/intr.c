// SPDX-License-Identifier: GPL-2.0
/*
 * Events into the guest and its device timers, on the vCPU's exit path.
 *
 * Injection (SDM Vol. 3C 27.6): an NMI goes in through the VM-entry
 * interruption-information field unless blocked by NMI, STI or MOV SS, else
 * NMI-window exiting asks for the next chance; an interrupt goes in when
 * RFLAGS.IF = 1 and nothing blocks it, else interrupt-window exiting does.
 * An exit during event delivery leaves the event in the IDT-vectoring
 * information (27.2.4); it is injected again at the next entry (26.6).
 *
 * Timers: the earliest device deadline is folded into the VMX preemption
 * timer (the shared loop's next_event_tsc(), or rtvmx_intr_arm_timer() on a
 * dedicated core), and the models fire at the exit that follows. The timer
 * counts TSC >> IA32_VMX_MISC[4:0] (26.5.1), so a deadline is met to within
 * 2^shift TSC ticks plus the exit itself; nothing here arms a host timer.
 */
#include <linux/kernel.h>
#include <asm/msr.h>
#include <asm/processor-flags.h>
#include <asm/vmx.h>

#include "../module/trace.h"
#include "apicv.h"
#include "caps.h"
#include "exits.h"
#include "intr.h"
#include "vcpu.h"
#include "vmcs_ops.h"
#include "vmcs_setup.h"
#include "../emul/event.h"

#define INTR_BLOCK_STI_MOVSS	(GUEST_INTR_STATE_STI | GUEST_INTR_STATE_MOV_SS)

void rtvmx_vcpu_dev_changed(struct rtvmx_vcpu *vcpu)
{
	vcpu->dev_deadline = vcpu->ops->next_deadline(vcpu->vm);
	vcpu->intr_check = true;
}

u64 rtvmx_guest_tsc(const struct rtvmx_vcpu *vcpu)
{
	return rdtsc();
}

void rtvmx_vcpu_intr_kick(struct rtvmx_vcpu *vcpu)
{
	vcpu->intr_check = true;
}

static void set_proc(struct rtvmx_vcpu *vcpu, u32 bits, bool on)
{
	u32 ctl = on ? vcpu->proc_ctl | bits : vcpu->proc_ctl & ~bits;

	if (ctl != vcpu->proc_ctl) {
		vcpu->proc_ctl = ctl;
		vmcs_write32(CPU_BASED_VM_EXEC_CONTROL, ctl);
	}
}

/*
 * What rtvmx must inject itself: with virtual-interrupt delivery the CPU
 * takes the LAPIC's vectors, but not the 8259A's ExtINT (no IRR vector).
 */
static unsigned int injectable(struct rtvmx_vcpu *vcpu)
{
	unsigned int ready = vcpu->ops->intr_ready(vcpu->vm);

	if ((vcpu->apicv & RTVMX_APICV_INTR_DELIVERY) && !(ready & RTVMX_INTR_EXTINT))
		ready &= ~RTVMX_INTR_IRQ;
	return ready;
}

/*
 * An NMI or an ExtINT goes in at this entry and another interrupt may be
 * deliverable right after it: the interrupt window opens once the guest's
 * handler re-enables interrupts, after the injected event (SDM Vol. 3C
 * 26.7.5). Not after a LAPIC vector: its handler's EOI exits (emulated
 * APIC) and that exit looks again, off the injection's latency; with
 * virtual-interrupt delivery the CPU delivers LAPIC vectors itself.
 */
static void after_injection(struct rtvmx_vcpu *vcpu)
{
	set_proc(vcpu, CPU_BASED_INTR_WINDOW_EXITING, injectable(vcpu) & RTVMX_INTR_IRQ);
}

/* The event for this entry, or the window that asks for the next chance. */
static void inject(struct rtvmx_vcpu *vcpu)
{
	unsigned int ready = injectable(vcpu);
	u32 block, info;
	int vec;

	if (!ready) {
		vcpu->intr_check = false;
		set_proc(vcpu, CPU_BASED_INTR_WINDOW_EXITING | CPU_BASED_NMI_WINDOW_EXITING, false);
		return;
	}
	/* A re-injected or handler-made event goes first; come back right after it. */
	if (vmcs_read32(VM_ENTRY_INTR_INFO_FIELD) & INTR_INFO_VALID_MASK) {
		set_proc(vcpu, CPU_BASED_INTR_WINDOW_EXITING, true);
		return;
	}
	block = vmcs_read32(GUEST_INTERRUPTIBILITY_INFO);
	if (ready & RTVMX_INTR_NMI) {
		if (!(block & (INTR_BLOCK_STI_MOVSS | GUEST_INTR_STATE_NMI))) {
			if (vcpu->ops->intr_take(vcpu->vm, true) >= 0) {
				vmcs_write32(VM_ENTRY_INTR_INFO_FIELD,
					     INTR_INFO_VALID_MASK | INTR_TYPE_NMI_INTR | EXC_NMI);
				trace_rtvmx_inject(EXC_NMI, INTR_TYPE_NMI_INTR >> 8, false, 0);
				vcpu->nmi_injected++;
			}
			set_proc(vcpu, CPU_BASED_NMI_WINDOW_EXITING, false);
			after_injection(vcpu);
			return;
		}
		/* Without virtual NMIs there is no window: any later exit retries. */
		if (vcpu->virtual_nmis)
			set_proc(vcpu, CPU_BASED_NMI_WINDOW_EXITING, true);
	}
	if (!(ready & RTVMX_INTR_IRQ)) {
		set_proc(vcpu, CPU_BASED_INTR_WINDOW_EXITING, false);
		return;
	}
	if (!(vmcs_readl(GUEST_RFLAGS) & X86_EFLAGS_IF) || (block & INTR_BLOCK_STI_MOVSS)) {
		set_proc(vcpu, CPU_BASED_INTR_WINDOW_EXITING, true);
		return;
	}
	vec = vcpu->ops->intr_take(vcpu->vm, false);
	if (vec >= 0) {
		info = INTR_INFO_VALID_MASK | INTR_TYPE_EXT_INTR | vec;
		vmcs_write32(VM_ENTRY_INTR_INFO_FIELD, info);
		trace_rtvmx_inject(vec, INTR_TYPE_EXT_INTR >> 8, false, 0);
		vcpu->intr_injected++;
	}
	if (vec < 0 || (ready & RTVMX_INTR_EXTINT))
		after_injection(vcpu);
	else
		set_proc(vcpu, CPU_BASED_INTR_WINDOW_EXITING, false);
}

/* Last: the LAPIC model into the virtual-APIC page, after the injection took its vector. */
void rtvmx_intr_prepare(struct rtvmx_vcpu *vcpu)
{
	inject(vcpu);
	if (vcpu->apicv)
		rtvmx_apicv_sync(vcpu);
}

void rtvmx_intr_reinject(struct rtvmx_vcpu *vcpu, u32 idt_info, u32 reason)
{
	struct vmx_event ev;
	int ret;

	ret = event_from_idt_vectoring(idt_info, vmcs_read32(IDT_VECTORING_ERROR_CODE),
				       vmcs_read32(VM_EXIT_INSTRUCTION_LEN), &ev);
	if (ret <= 0) {
		rtvmx_stop_with_dump(vcpu, RTVMX_STOP_INVALID_STATE, idt_info,
				     "reserved IDT-vectoring information");
		return;
	}
	/* Event delivery that touches MMIO (an IDT or stack there) is not emulated. */
	if (reason == EXIT_REASON_EPT_VIOLATION &&
	    vcpu->ops->is_mmio(vcpu->vm, vmcs_read64(GUEST_PHYSICAL_ADDRESS))) {
		rtvmx_stop_with_dump(vcpu, RTVMX_STOP_UNSUPPORTED, reason,
				     "event delivery through MMIO");
		return;
	}
	if (ev.has_error)
		vmcs_write32(VM_ENTRY_EXCEPTION_ERROR_CODE, ev.error_code);
	vmcs_write32(VM_ENTRY_INSTRUCTION_LEN, ev.insn_len);
	vmcs_write32(VM_ENTRY_INTR_INFO_FIELD, event_entry_intr_info(&ev));
	trace_rtvmx_inject(ev.vector, ev.type, ev.has_error, ev.error_code);
	/* An NMI whose delivery did not complete is not blocking NMIs yet (26.3.1.5). */
	if (ev.type == EVENT_TYPE_NMI)
		vmcs_write32(GUEST_INTERRUPTIBILITY_INFO,
			     vmcs_read32(GUEST_INTERRUPTIBILITY_INFO) & ~GUEST_INTR_STATE_NMI);
	vcpu->reinjected++;
}

void rtvmx_intr_expire(struct rtvmx_vcpu *vcpu, u64 now)
{
	vcpu->ops->expire(vcpu->vm, now);
	rtvmx_vcpu_dev_changed(vcpu);
}

void rtvmx_intr_catch_up(struct rtvmx_vcpu *vcpu, u64 tsc)
{
	if (unlikely(tsc >= vcpu->dev_deadline))
		rtvmx_intr_expire(vcpu, tsc);	/* sets intr_check: injected at this entry */
}

/*
 * HLT with RFLAGS.IF = 1 and a device deadline armed: the vCPU stays on its
 * core in the HLT activity state (SDM Vol. 3C 25.4.2), so the preemption
 * timer ends it at the deadline and the injection wakes it (26.6.x: an
 * injected event leaves HLT). No host timer, no thread wake-up on the path.
 * With nothing armed, or IF = 0, nothing can wake it: the vCPU blocks.
 */
void rtvmx_intr_hlt(struct rtvmx_vcpu *vcpu)
{
	if (!(vmcs_readl(GUEST_RFLAGS) & X86_EFLAGS_IF)) {
		vcpu->halted = true;
		return;
	}
	/* STI; HLT: the exit handler ended the STI shadow (HLT state forbids it, 26.3.1.5). */
	if (vcpu->ops->intr_ready(vcpu->vm) & RTVMX_INTR_IRQ) {
		vcpu->intr_check = true;
		return;
	}
	if (vcpu->dev_deadline == U64_MAX) {
		vcpu->halted = true;
		return;
	}
	/* Without the HLT activity state the guest's HLT returns at once (it re-checks). */
	if (!(rtvmx_vmx.misc & VMX_MISC_ACTIVITY_HLT))
		return;
	vmcs_write32(GUEST_ACTIVITY_STATE, GUEST_ACTIVITY_HLT);
	vcpu->hlt_in_guest++;
}

void rtvmx_intr_window(struct rtvmx_vcpu *vcpu)
{
	vcpu->intr_check = true;
}

/*
 * A deadline that is already due (a periodic timer faster than the exit path)
 * still lets the guest run min_guest_ticks: else every entry would exit
 * before the first instruction and the guest could not make progress.
 */
u64 rtvmx_intr_next_exit(const struct rtvmx_vcpu *vcpu, u64 tsc)
{
	if (vcpu->dev_deadline == U64_MAX)
		return U64_MAX;
	return max(vcpu->dev_deadline, tsc + vcpu->min_guest_ticks);
}

void rtvmx_intr_arm_timer(struct rtvmx_vcpu *vcpu, u64 tsc)
{
	unsigned int shift = rtvmx_vmx.preemption_timer_shift;
	u64 slice = rtvmx_slice_ticks(), ticks;

	if (vcpu->dev_deadline == U64_MAX) {
		vmcs_write32(VMX_PREEMPTION_TIMER_VALUE, rtvmx_slice_timer_value());
		vcpu->timer_custom = false;
		return;
	}
	ticks = min(rtvmx_intr_next_exit(vcpu, tsc) - tsc, slice);
	/* Rounded up: the exit comes at or after the deadline. */
	vmcs_write32(VMX_PREEMPTION_TIMER_VALUE, (ticks + BIT(shift) - 1) >> shift);
	vcpu->timer_custom = true;
}
