// SPDX-License-Identifier: GPL-2.0
/*
 * The per-core loop: one SCHED_FIFO thread "rtvmx/<cpu>" per reserved CPU
 * that has vCPUs, owning that CPU's rt_sched instance. It picks the next
 * vCPU, makes its VMCS current (VMPTRLD; VMCLEAR only when the vCPU leaves
 * the core for good), runs it with the VMX preemption timer set to the next
 * scheduling event, charges the time at every exit, and switches when the
 * budget or window ends or the vCPU halts or stops. With nothing runnable it
 * sleeps until the next replenishment or window, or a kick.
 *
 * While a guest is runnable the loop neither sleeps nor allocates, and the
 * only lock it takes is the core's raw spinlock, which other CPUs hold just
 * for a bounded rt_sched call.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/hrtimer.h>
#include <linux/kthread.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <asm/fpu/xcr.h>
#include <asm/io.h>
#include <asm/processor-flags.h>
#include <asm/tsc.h>

#include "../module/trace.h"
#include "caps.h"
#include "exits.h"
#include "intr.h"
#include "sched.h"
#include "spec.h"
#include "vcpu.h"
#include "vmcs_ops.h"
#include "vmcs_setup.h"
#include "vmxon.h"

static struct rtvmx_core **rtvmx_cores;	/* by CPU; NULL where not reserved */
/* The vCPU whose exits and device calls this CPU's loop handles now. */
static DEFINE_PER_CPU(struct rtvmx_vcpu *, running_vcpu);

struct rtvmx_vcpu *rtvmx_vcpu_running(void)
{
	return this_cpu_read(running_vcpu);
}

struct rtvmx_core *rtvmx_core_of(unsigned int cpu)
{
	return rtvmx_cores && cpu < nr_cpu_ids ? rtvmx_cores[cpu] : NULL;
}

static u64 tsc_to_ns(const struct rtvmx_core *c, u64 tsc)
{
	return mul_u64_u64_shr(tsc, c->mult, 32);
}

/* TSC ticks covering @ns, rounded up so that an exit comes at or after it. */
u64 rtvmx_core_ticks(const struct rtvmx_core *c, u64 ns)
{
	return DIV_ROUND_UP_ULL(ns * c->tsc_khz, NSEC_PER_MSEC);
}

u64 rtvmx_core_now(const struct rtvmx_core *c)
{
	return tsc_to_ns(c, rdtsc());
}

static struct rtvmx_vcpu *to_vcpu(struct rts_vcpu *v)
{
	return v ? container_of(v, struct rtvmx_vcpu, sched) : NULL;
}

/* A decision: into the core's debugfs ring and the rtvmx_sched tracepoint (vm -1: idle). */
static void trace(struct rtvmx_core *c, u32 what, u32 vm_id, u64 tsc)
{
	struct rtvmx_trace_entry *e = &c->trace[c->trace_head % RTVMX_TRACE_LEN];

	trace_rtvmx_sched(c->cpu, vm_id, 0, what);
	e->tsc = tsc;
	e->until = c->grant_end_tsc;
	e->vm_id = vm_id;
	e->what = what;
	smp_store_release(&c->trace_head, c->trace_head + 1);
}

/*
 * The scheduler's clock at @tsc, under c->lock. An exit the preemption timer
 * placed at the granted event counts as reaching it, whatever the rounding
 * of the two conversions.
 */
static u64 core_clock(struct rtvmx_core *c, u64 tsc)
{
	u64 ns = tsc_to_ns(c, tsc);

	if (tsc >= c->grant_end_tsc && c->grant_end_ns != RTS_NEVER)
		ns = max(ns, c->grant_end_ns);
	c->clock_ns = max(c->clock_ns, ns);
	return c->clock_ns;
}

/* The same from another CPU, which knows nothing of the loop's grant. */
static u64 core_clock_remote(struct rtvmx_core *c)
{
	c->clock_ns = max(c->clock_ns, rtvmx_core_now(c));
	return c->clock_ns;
}

/* Deadline misses rt_sched found since the last look go to their VMs; c->lock held. */
static void report_misses(struct rtvmx_core *c)
{
	struct rtvmx_vcpu *v;
	unsigned int i;

	for (i = 0; i < c->rts.nr; i++) {
		v = to_vcpu(c->rts.vcpus[i]);
		if (v->sched.stats.nr_misses == v->misses_reported)
			continue;
		v->misses_reported = v->sched.stats.nr_misses;
		v->ops->deadline_missed(v->vm, v->sched.stats.miss_lateness);
	}
}

/* The next scheduling decision; interrupts off. */
static struct rtvmx_vcpu *core_pick(struct rtvmx_core *c, u64 tsc)
{
	struct rts_vcpu *rv;
	u64 now, next;

	raw_spin_lock(&c->lock);
	now = core_clock(c, tsc);
	rv = rts_pick(&c->rts, now, &next);
	if (c->rts.policy == RTS_POLICY_EDF)
		report_misses(c);
	raw_spin_unlock(&c->lock);

	c->charged_ns = now;
	c->grant_end_ns = next;
	c->grant_end_tsc = next == RTS_NEVER ? U64_MAX : tsc + rtvmx_core_ticks(c, next - now);
	if (rv ? to_vcpu(rv)->vm_id != c->trace_last : c->trace_last != RTVMX_TRACE_IDLE) {
		c->trace_last = rv ? to_vcpu(rv)->vm_id : RTVMX_TRACE_IDLE;
		trace(c, rv ? RTVMX_TRACE_RUN : RTVMX_TRACE_IDLE_UNTIL, c->trace_last, tsc);
	}
	return to_vcpu(rv);
}

/* Charges the time since the last charge to the running vCPU; interrupts off. */
static void core_account(struct rtvmx_core *c, struct rtvmx_vcpu *v, u64 tsc)
{
	struct rts_stats *st = &v->sched.stats;
	u64 now, over;

	raw_spin_lock(&c->lock);
	now = core_clock(c, tsc);
	over = st->overrun_total;
	rts_account(&c->rts, now, now - c->charged_ns);
	over = st->overrun_total - over;
	raw_spin_unlock(&c->lock);
	c->charged_ns = now;
	if (over)
		v->overrun_max_ticks = max(v->overrun_max_ticks, rtvmx_core_ticks(c, over));
}

/*
 * The earliest time the vCPU must leave the guest for: the scheduler's next
 * event, or its earliest device timer deadline (guest TSC = host TSC).
 */
static u64 next_event_tsc(const struct rtvmx_core *c, const struct rtvmx_vcpu *v, u64 tsc)
{
	return min(c->grant_end_tsc, rtvmx_intr_next_exit(v, tsc));
}

/* VMX preemption timer for min(slice, next event) from @tsc (SDM Vol. 3C, 26.5.1). */
static void arm_preemption_timer(const struct rtvmx_core *c, const struct rtvmx_vcpu *v, u64 tsc)
{
	u64 end = next_event_tsc(c, v, tsc);
	u64 ticks = end > tsc ? min(end - tsc, c->slice_ticks) : 0;
	unsigned int shift = rtvmx_vmx.preemption_timer_shift;

	/* A value of 0 exits before the guest's first instruction (SDM 26.7.4). */
	vmcs_write32(VMX_PREEMPTION_TIMER_VALUE, (ticks + BIT(shift) - 1) >> shift);
}

static bool must_leave(struct rtvmx_core *c, struct rtvmx_vcpu *v)
{
	return READ_ONCE(v->stop_requested) || v->halted || need_resched() ||
	       READ_ONCE(c->pending) || READ_ONCE(rtvmx_vmx_rebooting);
}

/*
 * The inner loop of the shared policies: @v runs until its grant ends and
 * the scheduler picks another, or it halts or stops, or the core has
 * requests. Each exit is charged to it.
 */
static void run_budgeted(struct rtvmx_core *c, struct rtvmx_vcpu *v)
{
	u64 tsc;

	rtvmx_guest_context_load(v);
	for (;;) {
		local_irq_disable();
		if (must_leave(c, v))
			break;
		tsc = rdtsc();
		if (tsc >= c->grant_end_tsc && core_pick(c, tsc) != v)
			break;
		rtvmx_intr_catch_up(v, tsc);
		if (unlikely(v->intr_check))
			rtvmx_intr_prepare(v);
		arm_preemption_timer(c, v, rdtsc());
		rtvmx_enter_and_exit(v);
		core_account(c, v, rdtsc());
		local_irq_enable();
	}
	local_irq_enable();
	v->ops->tick(v->vm);
	rtvmx_guest_context_save(v);
}

static void run_dedicated(struct rtvmx_core *c, struct rtvmx_vcpu *v)
{
	rtvmx_run_dedicated(v);
	local_irq_disable();
	core_account(c, v, rdtsc());
	local_irq_enable();
}

/* Make @v's VMCS the current one on this CPU (SDM Vol. 3C, 25.1: VMPTRLD). */
static int core_load(struct rtvmx_core *c, struct rtvmx_vcpu *v)
{
	this_cpu_write(running_vcpu, v);
	if (c->last_vm != v->vm) {
		rtvmx_spec_vm_switch();
		c->last_vm = v->vm;
	}
	if (c->loaded == v)
		return 0;
	c->loaded = NULL;
	if (vmcs_load(page_to_phys(v->vmcs))) {
		rtvmx_vcpu_stop(v, RTVMX_STOP_HOST, -EIO);
		return -EIO;
	}
	c->loaded = v;
	return 0;
}

static void run_one(struct rtvmx_core *c, struct rtvmx_vcpu *v)
{
	u64 tsc;

	if (!core_load(c, v)) {
		if (c->rts.policy == RTS_POLICY_DEDICATED)
			run_dedicated(c, v);
		else
			run_budgeted(c, v);
	}
	if (READ_ONCE(v->stop_requested)) {
		WRITE_ONCE(c->pending, true);
	} else if (v->halted) {
		tsc = rdtsc();
		raw_spin_lock_irq(&c->lock);
		rts_block(&c->rts, &v->sched, core_clock(c, tsc));
		raw_spin_unlock_irq(&c->lock);
		trace(c, RTVMX_TRACE_BLOCK, v->vm_id, tsc);
	}
}

/* A started vCPU's first time on the core: fill its VMCS, make it runnable. */
static void core_setup(struct rtvmx_core *c, struct rtvmx_vcpu *v)
{
	int ret;
	u64 tsc;

	v->host_xcr0 = xgetbv(XCR_XFEATURE_ENABLED_MASK);
	this_cpu_write(running_vcpu, v);
	c->loaded = NULL;
	ret = rtvmx_vmcs_setup(v);
	if (!ret) {
		c->loaded = v;
		rtvmx_flush_guest_tlb(v);
	}
	v->set_up = true;
	if (ret) {
		rtvmx_vcpu_stop(v, RTVMX_STOP_HOST, ret);
		return;
	}
	tsc = rdtsc();
	raw_spin_lock_irq(&c->lock);
	v->sched_start_ns = core_clock(c, tsc);
	rts_wake(&c->rts, &v->sched, v->sched_start_ns);
	raw_spin_unlock_irq(&c->lock);
	trace(c, RTVMX_TRACE_START, v->vm_id, tsc);
}

/* A stopped vCPU leaves the core for good; the last the loop does with it. */
static void core_retire(struct rtvmx_core *c, struct rtvmx_vcpu *v)
{
	u64 tsc;

	/* VMCLEAR on the CPU where the VMCS is active writes it back (SDM 25.11.3). */
	if (v->set_up)
		vmcs_clear(page_to_phys(v->vmcs));
	if (c->loaded == v)
		c->loaded = NULL;
	/* The VM may be freed and its address reused by a new one: forget it. */
	if (c->last_vm == v->vm)
		c->last_vm = NULL;
	if (this_cpu_read(running_vcpu) == v)
		this_cpu_write(running_vcpu, NULL);
	tsc = rdtsc();
	raw_spin_lock_irq(&c->lock);
	v->sched_end_ns = core_clock(c, tsc);
	rts_block(&c->rts, &v->sched, v->sched_end_ns);
	v->retired = true;
	raw_spin_unlock_irq(&c->lock);
	trace(c, RTVMX_TRACE_STOP, v->vm_id, tsc);
	v->ops->stopped(v->vm, v);
}

/*
 * An AP's first STARTUP IPI with vector V: real mode at V << 8 : 0 (SDM Vol.
 * 3A 8.4.4.1), through the real-mode boot state. False while none came.
 */
static bool core_sipi_boot(struct rtvmx_vcpu *v)
{
	int vec = READ_ONCE(v->sipi_vector);

	if (vec < 0)
		return false;
	v->boot.mode = RTVMX_BOOT_REAL_MODE;
	v->boot.seg = vec << 8;
	v->boot.rip = 0;
	v->boot.rsp = 0;
	v->boot.rdi = 0;
	v->boot.cr3 = 0;
	return true;
}

/*
 * Another vCPU signalled @v (rtvmx_vcpu_signal()): look at its devices again
 * and wake it from a blocking HLT when the SDM would (Vol. 3A 8.10.2 and
 * 6.9: an NMI, or with RFLAGS.IF = 1 an interrupt). With IF = 1 and only a
 * device deadline newly armed it waits in the HLT activity state instead,
 * as rtvmx_intr_hlt() would have put it.
 */
static void core_wake(struct rtvmx_core *c, struct rtvmx_vcpu *v)
{
	unsigned int ready;
	bool irq_on;
	u64 tsc;

	this_cpu_write(running_vcpu, v);
	rtvmx_vcpu_dev_changed(v);
	if (!v->halted || core_load(c, v))
		return;
	ready = v->ops->intr_ready(v->vm);
	irq_on = vmcs_readl(GUEST_RFLAGS) & X86_EFLAGS_IF;
	if (!(ready & RTVMX_INTR_NMI) && !(irq_on && (ready & RTVMX_INTR_IRQ))) {
		if (!irq_on || v->dev_deadline == U64_MAX)
			return;
		if (rtvmx_vmx.misc & VMX_MISC_ACTIVITY_HLT)
			vmcs_write32(GUEST_ACTIVITY_STATE, GUEST_ACTIVITY_HLT);
	}
	v->halted = false;
	tsc = rdtsc();
	raw_spin_lock_irq(&c->lock);
	rts_wake(&c->rts, &v->sched, core_clock(c, tsc));
	raw_spin_unlock_irq(&c->lock);
}

/*
 * Starts, stops and signals asked for from other CPUs (and other vCPUs of
 * this one). A started vCPU stays on the core at least until the loop
 * retires it, so the pointers taken under the lock stay good after it is
 * dropped. An AP is set up at its first STARTUP IPI, not at START.
 */
static void core_service(struct rtvmx_core *c)
{
	struct rtvmx_vcpu *todo[RTS_MAX_VCPUS], *v;
	unsigned int i, n = 0;

	raw_spin_lock_irq(&c->lock);
	for (i = 0; i < c->rts.nr; i++) {
		v = to_vcpu(c->rts.vcpus[i]);
		if (READ_ONCE(v->start_requested) && !v->retired &&
		    (READ_ONCE(v->stop_requested) || !v->set_up || READ_ONCE(v->kick_req)))
			todo[n++] = v;
	}
	raw_spin_unlock_irq(&c->lock);

	for (i = 0; i < n; i++) {
		v = todo[i];
		if (!v->set_up && !READ_ONCE(v->stop_requested) &&
		    (!v->waits_sipi || core_sipi_boot(v)))
			core_setup(c, v);
		if (READ_ONCE(v->stop_requested)) {
			core_retire(c, v);
			continue;
		}
		/* Pairs with the smp_wmb() of rtvmx_vcpu_signal(). */
		if (xchg(&v->kick_req, 0) && v->set_up)
			core_wake(c, v);
	}
}

/* Nothing runnable: sleep until the granted event or a kick (an hrtimer on this CPU). */
static void core_idle(struct rtvmx_core *c)
{
	ktime_t wait;
	u64 now;

	set_current_state(TASK_INTERRUPTIBLE);
	if (READ_ONCE(c->pending) || kthread_should_stop()) {
		__set_current_state(TASK_RUNNING);
		return;
	}
	if (c->grant_end_ns == RTS_NEVER) {
		schedule();
		return;
	}
	now = rtvmx_core_now(c);
	if (now >= c->grant_end_ns) {
		__set_current_state(TASK_RUNNING);
		return;
	}
	wait = ns_to_ktime(c->grant_end_ns - now);
	schedule_hrtimeout_range(&wait, 0, HRTIMER_MODE_REL_HARD);
}

/*
 * The host reboots: every started vCPU of the core stops (RTVMX_STOP_HOST,
 * -ESHUTDOWN) and core_service() retires it. The loop enters no guest once
 * it has seen rtvmx_vmx_rebooting, whether VMX is still on or not.
 */
static void core_shutdown(struct rtvmx_core *c)
{
	struct rtvmx_vcpu *v;
	unsigned int i;

	raw_spin_lock_irq(&c->lock);
	for (i = 0; i < c->rts.nr; i++) {
		v = to_vcpu(c->rts.vcpus[i]);
		if (READ_ONCE(v->start_requested) && !v->retired &&
		    !READ_ONCE(v->stop_requested)) {
			rtvmx_vcpu_stop(v, RTVMX_STOP_HOST, -ESHUTDOWN);
			WRITE_ONCE(c->pending, true);
		}
	}
	raw_spin_unlock_irq(&c->lock);
}

static int core_thread(void *data)
{
	struct rtvmx_core *c = data;
	struct rtvmx_vcpu *v;

	while (!kthread_should_stop()) {
		preempt_disable();
		if (unlikely(READ_ONCE(rtvmx_vmx_rebooting)))
			core_shutdown(c);
		if (xchg(&c->pending, false))
			core_service(c);
		local_irq_disable();
		v = core_pick(c, rdtsc());
		local_irq_enable();
		if (v)
			run_one(c, v);
		preempt_enable();
		if (v)
			cond_resched();
		else
			core_idle(c);
	}
	return 0;
}

/* After the csd is released (async csds are unlocked before the call). */
static void kick_ipi(void *core)
{
	struct rtvmx_core *c = core;

	clear_bit(0, &c->kick_busy);
}

/*
 * Make the loop look at its requests soon: wake it from idle, or force an
 * exit (external-interrupt exiting is on). Any context, interrupts off
 * included: the IPI goes through the core's own csd, which kick_busy keeps
 * to one sender at a time; while one IPI is in flight, its handler has not
 * run yet, so the loop reads c->pending after it and another IPI is not
 * needed.
 */
static void core_kick(struct rtvmx_core *c)
{
	struct task_struct *t;

	WRITE_ONCE(c->pending, true);
	smp_mb();	/* pending before the thread's state, against core_idle() */
	t = READ_ONCE(c->thread);
	if (t)
		wake_up_process(t);
	if (cpu_online(c->cpu) && c->cpu != raw_smp_processor_id() &&
	    !test_and_set_bit(0, &c->kick_busy) &&
	    smp_call_function_single_async(c->cpu, &c->kick_csd))
		clear_bit(0, &c->kick_busy);
}

void rtvmx_vcpu_kick(struct rtvmx_vcpu *vcpu)
{
	if (vcpu->core)
		core_kick(vcpu->core);
}

unsigned int rtvmx_vcpu_index(const struct rtvmx_vcpu *vcpu)
{
	return vcpu->index;
}

bool rtvmx_vcpu_waits_sipi(const struct rtvmx_vcpu *vcpu)
{
	return vcpu->waits_sipi && READ_ONCE(vcpu->sipi_vector) < 0;
}

/* The first STARTUP wins; the loop of the AP's core sets it up (core_service()). */
bool rtvmx_vcpu_sipi(struct rtvmx_vcpu *vcpu, u8 vector)
{
	if (!vcpu->waits_sipi || cmpxchg(&vcpu->sipi_vector, -1, vector) != -1)
		return false;
	rtvmx_vcpu_signal(vcpu);
	return true;
}

void rtvmx_vcpu_signal(struct rtvmx_vcpu *vcpu)
{
	if (vcpu == this_cpu_read(running_vcpu)) {
		rtvmx_vcpu_intr_kick(vcpu);
		return;
	}
	WRITE_ONCE(vcpu->kick_req, 1);
	smp_wmb();	/* the request before c->pending; the loop's xchg() orders its reads */
	rtvmx_vcpu_kick(vcpu);
}

int rtvmx_core_add(struct rtvmx_vcpu *vcpu, const struct rts_params *p, char *why, size_t len)
{
	struct rtvmx_core *c = rtvmx_core_of(vcpu->cpu);
	u64 now;
	int ret;

	if (!c) {
		snprintf(why, len, "cpu %d is not reserved", vcpu->cpu);
		return -EINVAL;
	}
	/*
	 * Admission reads only membership and parameters, which change under
	 * c->mutex alone, so the heavier tests run without c->lock: the loop
	 * never waits for them.
	 */
	mutex_lock(&c->mutex);
	ret = rts_admit(&c->rts, &vcpu->sched, why, len);
	if (!ret) {
		raw_spin_lock_irq(&c->lock);
		now = core_clock_remote(c);
		rts_join(&c->rts, &vcpu->sched, now);
		rts_block(&c->rts, &vcpu->sched, now);
		raw_spin_unlock_irq(&c->lock);
		vcpu->core = c;
	}
	mutex_unlock(&c->mutex);
	return ret;
}

static int core_thread_start(struct rtvmx_core *c)
{
	struct task_struct *t;

	if (c->thread)
		return 0;
	t = kthread_create_on_cpu(core_thread, c, c->cpu, "rtvmx/%u");
	if (IS_ERR(t))
		return PTR_ERR(t);
	get_task_struct(t);
	sched_set_fifo(t);
	WRITE_ONCE(c->thread, t);
	wake_up_process(t);
	return 0;
}

int rtvmx_core_start(struct rtvmx_vcpu *vcpu)
{
	struct rtvmx_core *c = vcpu->core;
	int ret;

	mutex_lock(&c->mutex);
	ret = core_thread_start(c);
	if (!ret) {
		WRITE_ONCE(vcpu->start_requested, true);
		core_kick(c);
	}
	mutex_unlock(&c->mutex);
	return ret;
}

/* Stops the thread of an empty core; c->mutex held. */
static void core_thread_stop(struct rtvmx_core *c)
{
	struct task_struct *t = c->thread;

	if (!t || c->rts.nr)
		return;
	kthread_stop(t);
	put_task_struct(t);
	WRITE_ONCE(c->thread, NULL);
	c->loaded = NULL;
	c->trace_last = RTVMX_TRACE_IDLE;
}

void rtvmx_core_remove(struct rtvmx_vcpu *vcpu)
{
	struct rtvmx_core *c = vcpu->core;

	if (!c)
		return;
	/* A started vCPU is retired by the loop first (its VM reads as stopped). */
	WARN_ON_ONCE(vcpu->start_requested && !READ_ONCE(vcpu->retired));
	mutex_lock(&c->mutex);
	raw_spin_lock_irq(&c->lock);
	rts_remove(&c->rts, &vcpu->sched);
	raw_spin_unlock_irq(&c->lock);
	vcpu->core = NULL;
	core_thread_stop(c);
	mutex_unlock(&c->mutex);
}

static struct rtvmx_core *core_alloc(unsigned int cpu)
{
	struct rtvmx_core *c = kzalloc_node(sizeof(*c), GFP_KERNEL, cpu_to_node(cpu));

	if (!c)
		return NULL;
	c->cpu = cpu;
	INIT_CSD(&c->kick_csd, kick_ipi, c);
	raw_spin_lock_init(&c->lock);
	mutex_init(&c->mutex);
	rts_core_init(&c->rts);
	c->tsc_khz = tsc_khz;
	c->mult = div64_u64((u64)NSEC_PER_MSEC << 32, tsc_khz);
	c->slice_ticks = rtvmx_core_ticks(c, RTVMX_SLICE_US * NSEC_PER_USEC);
	c->grant_end_ns = RTS_NEVER;
	c->grant_end_tsc = U64_MAX;
	c->trace_last = RTVMX_TRACE_IDLE;
	return c;
}

int rtvmx_cores_init(const struct cpumask *cpus)
{
	unsigned int cpu;

	if (!tsc_khz) {
		pr_err("the TSC frequency is unknown; budgets need it\n");
		return -ENODEV;
	}
	rtvmx_cores = kcalloc(nr_cpu_ids, sizeof(*rtvmx_cores), GFP_KERNEL);
	if (!rtvmx_cores)
		return -ENOMEM;
	for_each_cpu(cpu, cpus) {
		rtvmx_cores[cpu] = core_alloc(cpu);
		if (!rtvmx_cores[cpu]) {
			rtvmx_cores_exit();
			return -ENOMEM;
		}
	}
	return 0;
}

/* After rtvmx_vmx_rebooting is set: every loop stops its vCPUs soon. */
void rtvmx_cores_reboot(void)
{
	unsigned int cpu;

	for (cpu = 0; rtvmx_cores && cpu < nr_cpu_ids; cpu++)
		if (rtvmx_cores[cpu] && READ_ONCE(rtvmx_cores[cpu]->thread))
			core_kick(rtvmx_cores[cpu]);
}

/* Every VM is gone by now, and with the last vCPU of a core its thread. */
void rtvmx_cores_exit(void)
{
	unsigned int cpu;

	if (!rtvmx_cores)
		return;
	for (cpu = 0; cpu < nr_cpu_ids; cpu++)
		kfree(rtvmx_cores[cpu]);
	kfree(rtvmx_cores);
	rtvmx_cores = NULL;
}
