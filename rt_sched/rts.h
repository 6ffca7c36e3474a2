/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rt_sched: the per-core real-time vCPU scheduler, neutral about policy.
 *
 * One struct rts_core per reserved core holds the vCPUs sharing it; all of
 * them use one policy, set by the first vCPU added. Policies:
 *   DEDICATED	one vCPU owns the core; no timer, no overhead.
 *   TABLE	ARINC-653-like major frame: each vCPU owns fixed windows of the
 *		frame; a window its owner does not use stays idle.
 *   EDF	earliest deadline first over hard constant-bandwidth servers
 *		(budget Q every period P, relative deadline D <= P).
 *   FP		fixed priority over sporadic servers (budget Q, period P).
 *
 * Time is u64 nanoseconds of one monotonic clock the caller picks (the
 * per-core loop converts TSC ticks; the simulator starts at 0). It must not go
 * backwards between calls on one core. RTS_NEVER means "no event".
 *
 * Storage is the caller's: it embeds struct rts_vcpu in its vCPU and gives one
 * struct rts_core per core. Nothing here allocates or locks: the caller
 * serializes all calls on one core (the per-core loop makes them itself, or
 * parks the loop around rts_add/rts_remove). A wake-up coming from another
 * CPU is handed to the owning core first.
 *
 * The run loop, interrupts off:
 *	v = rts_pick(core, now, &next);	NULL: idle until next or a wake-up
 *	program the preemption timer for next - now (none at RTS_NEVER)
 *	VM entry ... VM exit at time t
 *	rts_account(core, t, ran);	ran: time charged to v for this entry
 *	rts_block(core, v, t);		on HLT; rts_wake() when it has work again
 * rts_pick, rts_account, rts_block and rts_wake are O(vCPUs on the core) with
 * bounded loops, and the event rts_pick returns always lies after now.
 * rts_add and rts_admit run the admission tests: bounded too, but heavier.
 */
#ifndef RTS_H
#define RTS_H

#include "rts_host.h"

#define RTS_NEVER		U64_MAX
#define RTS_MAX_VCPUS		16	/* per core */
#define RTS_MAX_WINDOWS		8	/* per table vCPU */
#define RTS_TABLE_SLOTS		32	/* windows per core */
#define RTS_SS_MAX_REPL		8	/* pending sporadic-server replenishments */
/* Longest period or frame: 4 s keeps budget * period under 2^64. */
#define RTS_PERIOD_MAX		4000000000ULL
/* Shortest budget or window: 1 us; shorter slices would be all VM exits. */
#define RTS_SLICE_MIN		1000ULL

enum rts_policy {
	RTS_POLICY_NONE,	/* an empty core */
	RTS_POLICY_DEDICATED,
	RTS_POLICY_TABLE,
	RTS_POLICY_EDF,
	RTS_POLICY_FP,
	RTS_NR_POLICIES,
};

/* An EDF/CBS or fixed-priority/sporadic-server reservation. */
struct rts_server {
	u64 budget;	/* Q, per period */
	u64 period;	/* P */
	u64 deadline;	/* D, relative: Q <= D <= P; 0 at rts_vcpu_init means P */
	u32 prio;	/* FP only: larger runs first; unique on a core */
};

struct rts_window {
	u64 start;	/* offset into the major frame */
	u64 end;	/* exclusive */
};

/* A vCPU's share of a cyclic table: its windows in a frame all share. */
struct rts_table {
	u64 frame;
	u32 nr_windows;
	struct rts_window windows[RTS_MAX_WINDOWS];
};

struct rts_params {
	enum rts_policy policy;
	union {
		struct rts_server server;	/* EDF, FP */
		struct rts_table table;		/* TABLE */
	};
};

/* EDF: the current server period [start, start + P), deadline start + D. */
struct rts_edf_state {
	u64 start;
	u64 budget;		/* left in this period */
	bool throttled;		/* no budget until start + P */
};

struct rts_repl {
	u64 at;
	u64 amount;
};

/*
 * FP: a sporadic server. It is active while runnable with budget; what it
 * consumes in an active stretch comes back one period after the stretch
 * began. capacity + consumed + the pending amounts == Q.
 */
struct rts_ss_state {
	u64 capacity;
	u64 activation;		/* when the active stretch began */
	u64 consumed;		/* in it, not yet a pending replenishment */
	bool active;
	u32 head;		/* pending replenishments, a ring, by time */
	u32 nr;
	struct rts_repl repl[RTS_SS_MAX_REPL];
};

struct rts_stats {
	u64 runtime;		/* ns charged by rts_account */
	u64 nr_runs;		/* times given the core by a switch */
	u64 nr_overruns;	/* accounts that ran past the budget or window */
	u64 overrun_max;	/* ns */
	u64 overrun_total;	/* ns */
	u64 nr_misses;		/* EDF: server deadline passed, runnable, budget left */
	u64 miss_lateness;	/* ns past the deadline when the last miss was found */
	u64 nr_preemptions;	/* lost the core while runnable with budget left */
};

struct rts_vcpu {
	const char *name;	/* the caller's; named in admission reasons */
	struct rts_params params;
	bool runnable;
	union {
		struct rts_edf_state edf;
		struct rts_ss_state ss;
	};
	struct rts_stats stats;
};

struct rts_slot {
	u64 start;
	u64 end;
	struct rts_vcpu *vcpu;
};

/* TABLE: every vCPU's windows, sorted by start; frame 0 began at epoch. */
struct rts_table_state {
	u64 epoch;
	u64 frame;
	u32 nr_slots;
	struct rts_slot slots[RTS_TABLE_SLOTS];
};

struct rts_core {
	enum rts_policy policy;
	u32 nr;
	struct rts_vcpu *vcpus[RTS_MAX_VCPUS];	/* as added: ties go to the first */
	struct rts_vcpu *cur;		/* last picked; NULL when idle or it blocked */
	u64 granted_until;		/* the event that pick returned */
	struct rts_table_state table;
};

void rts_core_init(struct rts_core *c);
/* Copies @p; the vCPU is not on any core yet. */
void rts_vcpu_init(struct rts_vcpu *v, const char *name, const struct rts_params *p);
const char *rts_policy_name(enum rts_policy policy);

/*
 * Admission: would @v fit on @c? 0, or -EINVAL for parameters that are wrong
 * in themselves, -EBUSY for ones that do not fit with what the core holds;
 * either way a NUL-terminated reason naming the violated bound goes to
 * @why[@len] (@why may be NULL when @len is 0).
 */
int rts_admit(const struct rts_core *c, const struct rts_vcpu *v, char *why, size_t len);
/* rts_admit, then adds @v, runnable, its budget full, from @now. */
int rts_add(struct rts_core *c, struct rts_vcpu *v, u64 now, char *why, size_t len);
/*
 * rts_add's second half, for a caller that ran rts_admit apart (outside the
 * lock its run loop takes) and kept the core's membership from changing since.
 */
void rts_join(struct rts_core *c, struct rts_vcpu *v, u64 now);
/* -EINVAL when @v is not on @c. An empty core forgets its policy. */
int rts_remove(struct rts_core *c, struct rts_vcpu *v);

/*
 * The vCPU to run at @now (NULL: idle), and in @next the time of the next
 * scheduling event: budget exhaustion, window end, a replenishment or release
 * that would preempt it, or RTS_NEVER. Always @next > @now.
 */
struct rts_vcpu *rts_pick(struct rts_core *c, u64 now, u64 *next);
/*
 * Charges @ran ns to the vCPU the last rts_pick returned, at exit time @now;
 * call it before rts_block, which forgets that vCPU. Running past the budget
 * or window counts as an overrun in its stats.
 */
void rts_account(struct rts_core *c, u64 now, u64 ran);
void rts_block(struct rts_core *c, struct rts_vcpu *v, u64 now);
void rts_wake(struct rts_core *c, struct rts_vcpu *v, u64 now);

/*
 * The analyses behind rts_admit, over any set of vCPUs of one policy whose
 * parameters have passed rts_admit's own checks; same returns.
 * rts_fp_response_times also gives each vCPU's worst-case response time.
 */
int rts_edf_admit(const struct rts_vcpu *const *set, u32 n, char *why, size_t len);
int rts_fp_response_times(const struct rts_vcpu *const *set, u32 n, u64 *resp,
			  char *why, size_t len);
int rts_table_admit(const struct rts_vcpu *const *set, u32 n, char *why, size_t len);

#endif
