// SPDX-License-Identifier: GPL-2.0
/*
 * Running one vCPU on the current core: switching the guest state VMX leaves
 * alone (FPU/XSAVE state, XCR0, KERNEL_GS_BASE), one VM entry with the
 * handling of its exit, and the dedicated policy's inner loop. The per-core
 * loop (sched.c) calls these with preemption disabled and the vCPU's VMCS
 * current; host interrupts are taken after every exit.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <asm/desc.h>
#include <asm/fpu/api.h>
#include <asm/fpu/xcr.h>
#include <linux/mm.h>
#include <asm/io.h>
#include <asm/msr.h>
#include <asm/special_insns.h>

#include "../module/trace.h"
#include "exits.h"
#include "intr.h"
#include "vcpu.h"
#include "vmcs_ops.h"
#include "vmcs_setup.h"
#include "vmxon.h"

static void xsave_all(void *area, u64 mask)
{
	asm volatile("xsave64 (%[area])"
		     : : [area] "r"(area), "a"((u32)mask), "d"((u32)(mask >> 32)) : "memory");
}

static void xrstor_all(const void *area, u64 mask)
{
	asm volatile("xrstor64 (%[area])"
		     : : [area] "r"(area), "a"((u32)mask), "d"((u32)(mask >> 32)) : "memory");
}

/*
 * XSAVE/XRSTOR run under the host's XCR0, a superset of the guest's, so the
 * whole guest register file is kept whatever the guest enabled.
 */
void rtvmx_guest_context_load(struct rtvmx_vcpu *vcpu)
{
	kernel_fpu_begin();
	xrstor_all(vcpu->xsave, vcpu->host_xcr0);
	if (vcpu->xcr0 != vcpu->host_xcr0)
		xsetbv(XCR_XFEATURE_ENABLED_MASK, vcpu->xcr0);
	wrmsrl(MSR_KERNEL_GS_BASE, vcpu->kernel_gs_base);
}

void rtvmx_guest_context_save(struct rtvmx_vcpu *vcpu)
{
	struct desc_ptr idt;

	rdmsrl(MSR_KERNEL_GS_BASE, vcpu->kernel_gs_base);
	if (vcpu->xcr0 != vcpu->host_xcr0)
		xsetbv(XCR_XFEATURE_ENABLED_MASK, vcpu->host_xcr0);
	xsave_all(vcpu->xsave, vcpu->host_xcr0);
	kernel_fpu_end();

	/*
	 * A VM exit leaves GDTR/IDTR limits at 0xffff and the TR limit at 0x67
	 * (SDM 28.5.2); the bases are right. No VMREAD here: VMX may be off
	 * already when the host reboots.
	 */
	load_fixmap_gdt(smp_processor_id());
	store_idt(&idt);
	idt.size = IDT_ENTRIES * 16 - 1;
	load_idt(&idt);
	invalidate_tss_limit();
}

/*
 * One VM entry and the handling of its exit; interrupts are off throughout.
 * The caller has run rtvmx_intr_prepare() and armed the preemption timer,
 * in that order: the timer counts from the entry, so work done after it was
 * computed would delay a deadline by as much.
 * Inlined into the dedicated loop, whose exit path stays as short as it was.
 */
static __always_inline void enter_and_exit(struct rtvmx_vcpu *vcpu)
{
	u64 t0, t1;
	int ret;

	rtvmx_vmcs_refresh_host(vcpu);
	if (native_read_cr2() != vcpu->cr2)
		native_write_cr2(vcpu->cr2);

	/*
	 * Guest time is a quiescent state for RCU. Context tracking cannot say
	 * so for a kernel thread (it has no user context), so report the
	 * quiescent state on every entry, as KVM does without context tracking.
	 */
	rcu_note_context_switch(false);
	if (trace_rtvmx_entry_enabled())
		trace_rtvmx_entry(vcpu->vpid, vmcs_readl(GUEST_RIP));
	t0 = rdtsc();
	ret = rtvmx_entry(vcpu, vcpu->launched);
	t1 = rdtsc();

	vcpu->cr2 = native_read_cr2();
	vcpu->guest_tsc += t1 - t0;
	if (ret) {
		rtvmx_vcpu_stop(vcpu, RTVMX_STOP_VMFAIL, vmcs_read32(VM_INSTRUCTION_ERROR));
		rtvmx_dump_vcpu(vcpu, "VMLAUNCH/VMRESUME failed");
		return;
	}
	vcpu->launched = true;
	rtvmx_handle_exit(vcpu);
	if (unlikely(t1 >= vcpu->dev_deadline))
		rtvmx_intr_expire(vcpu, t1);
	vcpu->host_tsc += rdtsc() - t1;
}

/*
 * The dedicated policy's inner loop: the vCPU owns the core, so no budget
 * and no accounting on the exit path; the slice watchdog stays as
 * vmcs_setup.c wrote it unless a device deadline is armed. Returns when the
 * vCPU halts or is asked to stop (the only requests a dedicated core gets),
 * or the host wants the CPU.
 */
void rtvmx_enter_and_exit(struct rtvmx_vcpu *vcpu)
{
	enter_and_exit(vcpu);
}

void rtvmx_run_dedicated(struct rtvmx_vcpu *vcpu)
{
	bool timed;

	rtvmx_guest_context_load(vcpu);
	for (;;) {
		local_irq_disable();
		if (READ_ONCE(vcpu->stop_requested) || vcpu->halted || need_resched() ||
		    READ_ONCE(vcpu->kick_req) || READ_ONCE(rtvmx_vmx_rebooting)) {
			local_irq_enable();
			break;
		}
		timed = vcpu->dev_deadline != U64_MAX || vcpu->timer_custom;
		if (unlikely(timed))
			rtvmx_intr_catch_up(vcpu, rdtsc());
		if (unlikely(vcpu->intr_check))
			rtvmx_intr_prepare(vcpu);
		if (unlikely(timed))
			rtvmx_intr_arm_timer(vcpu, rdtsc());
		enter_and_exit(vcpu);
		local_irq_enable();
	}
	vcpu->ops->tick(vcpu->vm);
	rtvmx_guest_context_save(vcpu);
}
