// SPDX-License-Identifier: GPL-2.0
/*
 * Running one vCPU on the current core: switching the guest state VMX leaves
 * alone (FPU/XSAVE state, XCR0, SYSCALL MSRs, KERNEL_GS_BASE, TSC_AUX, debug
 * registers, perf's MSRs), one VM entry with the
 * handling of its exit, and the dedicated policy's inner loop. The per-core
 * loop (sched.c) calls these with preemption disabled and the vCPU's VMCS
 * current; host interrupts are taken after every exit.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/percpu.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <asm/cpufeature.h>
#include <asm/special_insns.h>
#include <asm/debugreg.h>
#include <asm/desc.h>
#include <asm/fpu/api.h>
#include <asm/fpu/xcr.h>
#include <linux/mm.h>
#include <asm/io.h>
#include <asm/msr.h>

#include "../module/trace.h"
#include "debugreg.h"
#include "exits.h"
#include "intr.h"
#include "perf_switch.h"
#include "spec.h"
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
 * MSRs VMX does not switch and the host uses only outside this loop: the
 * SYSCALL MSRs (user space's system calls), KERNEL_GS_BASE (user space's
 * GS base, swapped in by SWAPGS) and TSC_AUX (RDTSCP/RDPID in user space;
 * the kernel's paranoid entry reads the CPU number from the GDT, not with
 * RDPID, so that KVM can leave a guest's TSC_AUX loaded the same way). The
 * guest's stay loaded for the whole inner loop; host interrupts and NMIs
 * between entries do not use them.
 */
static bool has_tsc_aux(void)
{
	return boot_cpu_has(X86_FEATURE_RDTSCP) || boot_cpu_has(X86_FEATURE_RDPID);
}

static void swap_msrs_in(struct rtvmx_vcpu *vcpu)
{
	struct rtvmx_host_msrs *h = &vcpu->host_msrs;

	rdmsrl(MSR_STAR, h->star);
	rdmsrl(MSR_LSTAR, h->lstar);
	rdmsrl(MSR_CSTAR, h->cstar);
	rdmsrl(MSR_SYSCALL_MASK, h->sfmask);
	rdmsrl(MSR_KERNEL_GS_BASE, h->kernel_gs_base);
	h->debugctl = get_debugctlmsr();
	wrmsrl(MSR_STAR, vcpu->star);
	wrmsrl(MSR_LSTAR, vcpu->lstar);
	wrmsrl(MSR_CSTAR, vcpu->cstar);
	wrmsrl(MSR_SYSCALL_MASK, vcpu->sfmask);
	wrmsrl(MSR_KERNEL_GS_BASE, vcpu->kernel_gs_base);
	if (has_tsc_aux()) {
		rdmsrl(MSR_TSC_AUX, h->tsc_aux);
		wrmsrl(MSR_TSC_AUX, vcpu->tsc_aux);
	}
}

/* The guest writes KERNEL_GS_BASE without an exit (the MSR bitmap lets it), SWAPGS too. */
static void swap_msrs_out(struct rtvmx_vcpu *vcpu)
{
	struct rtvmx_host_msrs *h = &vcpu->host_msrs;

	rdmsrl(MSR_KERNEL_GS_BASE, vcpu->kernel_gs_base);
	wrmsrl(MSR_STAR, h->star);
	wrmsrl(MSR_LSTAR, h->lstar);
	wrmsrl(MSR_CSTAR, h->cstar);
	wrmsrl(MSR_SYSCALL_MASK, h->sfmask);
	wrmsrl(MSR_KERNEL_GS_BASE, h->kernel_gs_base);
	if (has_tsc_aux())
		wrmsrl(MSR_TSC_AUX, h->tsc_aux);
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
	swap_msrs_in(vcpu);
	vcpu->l1d_flush_needed = true;	/* the host ran since this vCPU's last entry */
	vcpu->entry_work &= RTVMX_ENTRY_WORK_DR;
	if (rtvmx_perf_switch_needed)
		vcpu->entry_work |= RTVMX_ENTRY_WORK_PERF;
	if (rtvmx_spec_active & RTVMX_MITIGATION_L1D_FLUSH)
		vcpu->entry_work |= RTVMX_ENTRY_WORK_L1D_FLUSH;
}

void rtvmx_guest_context_save(struct rtvmx_vcpu *vcpu)
{
	struct desc_ptr idt;

	swap_msrs_out(vcpu);
	if (vcpu->dr_loaded)
		rtvmx_dr_restore_host(vcpu);
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
 * The last steps before VM entry, in this order: perf's MSR lists, the
 * guest's breakpoints, then the L1D flush (nothing after it may bring host
 * data into the L1D; entry.S adds VERW as the very last access).
 */
static void entry_work(struct rtvmx_vcpu *vcpu)
{
	if (vcpu->entry_work & RTVMX_ENTRY_WORK_PERF)
		rtvmx_perf_switch_update(vcpu);
	if (vcpu->entry_work & RTVMX_ENTRY_WORK_DR)
		rtvmx_dr_load_guest(vcpu);
	if (vcpu->entry_work & RTVMX_ENTRY_WORK_L1D_FLUSH)
		rtvmx_spec_l1d_flush(vcpu);
}

/* VM exit set DR7 to 0x400 and cleared DEBUGCTL (SDM 28.5.1): the host's back. */
static void restore_host_debug(struct rtvmx_vcpu *vcpu)
{
	if (hw_breakpoint_active())
		rtvmx_dr_restore_host(vcpu);
	if (vcpu->host_msrs.debugctl)
		update_debugctlmsr(vcpu->host_msrs.debugctl);
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
	if (unlikely(vcpu->entry_work))
		entry_work(vcpu);

	/*
	 * Guest time is a quiescent state for RCU. Context tracking cannot say
	 * so for a kernel thread (it has no user context), so report the
	 * quiescent state on every entry, as KVM does without context tracking.
	 */
	rcu_note_context_switch(false);
	if (trace_rtvmx_entry_enabled())
		trace_rtvmx_entry(vcpu->vpid, vmcs_readl(GUEST_RIP));
	t0 = rdtsc();
	if (static_branch_unlikely(&rtvmx_spec_asm))
		ret = rtvmx_entry_mitigated(vcpu, vcpu->launched);
	else
		ret = rtvmx_entry(vcpu, vcpu->launched);
	t1 = rdtsc();

	vcpu->cr2 = native_read_cr2();
	vcpu->guest_tsc += t1 - t0;
	if (unlikely(hw_breakpoint_active() || vcpu->host_msrs.debugctl))
		restore_host_debug(vcpu);
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
