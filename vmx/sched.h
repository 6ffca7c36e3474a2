/* SPDX-License-Identifier: GPL-2.0 */
/* The per-core loop: one thread per reserved CPU with vCPUs, over rt_sched. */
#ifndef RTVMX_VMX_SCHED_H
#define RTVMX_VMX_SCHED_H

#include <linux/cpumask.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include "../rt_sched/rts.h"

struct rtvmx_vcpu;

#define RTVMX_TRACE_LEN		32	/* scheduling decisions kept per core */
#define RTVMX_TRACE_IDLE	U32_MAX	/* vm_id of an idle decision */

enum rtvmx_trace_what {
	RTVMX_TRACE_RUN,	/* the core switched to vm_id */
	RTVMX_TRACE_IDLE_UNTIL,	/* nothing runnable */
	RTVMX_TRACE_BLOCK,	/* vm_id halted */
	RTVMX_TRACE_START,	/* vm_id joined the run queue */
	RTVMX_TRACE_STOP,	/* vm_id left the core for good */
};

struct rtvmx_trace_entry {
	u64 tsc;
	u64 until;		/* IDLE_UNTIL: the TSC of the next event, U64_MAX for none */
	u32 vm_id;
	u32 what;		/* enum rtvmx_trace_what */
};

struct rtvmx_core {
	int cpu;
	/*
	 * @lock protects @rts (membership and every vCPU's rt_sched state). The
	 * loop takes it, interrupts off, around each rt_sched call; other CPUs
	 * take it to add and remove vCPUs and to read statistics. Raw, so that
	 * it stays a spinning lock on PREEMPT_RT.
	 */
	raw_spinlock_t lock;
	struct rts_core rts;
	/* @mutex serializes add, start and remove, and the thread's creation and stop. */
	struct mutex mutex;
	struct task_struct *thread;	/* "rtvmx/<cpu>"; set under @mutex */
	bool pending;			/* a vCPU to start, stop or signal; set from anywhere */
	call_single_data_t kick_csd;	/* the IPI of core_kick() */
	unsigned long kick_busy;	/* bit 0: kick_csd is in flight */

	/* TSC to the scheduler's nanoseconds: ns = tsc * @mult >> 32. */
	u64 mult;
	u32 tsc_khz;
	u64 slice_ticks;		/* the longest stretch in the guest without an exit */

	/* The loop's own: the VMCS current on this CPU and the last decision. */
	struct rtvmx_vcpu *loaded;
	void *last_vm;			/* whose guest ran last here; NULL: unknown (vmx/spec.c IBPB) */
	u64 clock_ns;			/* never goes back */
	u64 grant_end_ns;		/* the event the last pick returned, or RTS_NEVER */
	u64 grant_end_tsc;		/* the same in TSC ticks; U64_MAX for none */
	u64 charged_ns;			/* runtime is charged up to here */

	/* The last RTVMX_TRACE_LEN decisions; written by the loop only. */
	u32 trace_head;			/* entries written so far */
	u32 trace_last;			/* vm_id of the last RUN/IDLE entry */
	struct rtvmx_trace_entry trace[RTVMX_TRACE_LEN];
};

int rtvmx_cores_init(const struct cpumask *cpus);
void rtvmx_cores_exit(void);
/* The host reboots (rtvmx_vmx_rebooting set): kick every loop to stop its vCPUs. */
void rtvmx_cores_reboot(void);
/* The core of a reserved CPU, NULL for any other. */
struct rtvmx_core *rtvmx_core_of(unsigned int cpu);

/*
 * Admission and membership: @vcpu (its cpu set) joins its core's scheduler
 * with @p, not runnable until started. 0, or -EINVAL/-EBUSY with the reason
 * naming the violated bound in @why.
 */
int rtvmx_core_add(struct rtvmx_vcpu *vcpu, const struct rts_params *p, char *why, size_t len);
/* START: the core's loop sets the vCPU up and runs it; starts the thread on first use. */
int rtvmx_core_start(struct rtvmx_vcpu *vcpu);
/* Off the core, once stopped (ops->stopped called) or never started; ends an idle thread. */
void rtvmx_core_remove(struct rtvmx_vcpu *vcpu);
/* The core's clock now (for statistics). */
u64 rtvmx_core_now(const struct rtvmx_core *c);
u64 rtvmx_core_ticks(const struct rtvmx_core *c, u64 ns);

#endif
