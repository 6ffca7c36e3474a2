// SPDX-License-Identifier: GPL-2.0
/* EDF/CBS: schedules computed by hand, and the server rules one at a time. */
#include "harness.h"

/*
 * 2/5 + 3/10 + 6/20 = 100%. At 0 the deadlines are 5, 10, 20: a, then b;
 * a's next job (5) has deadline 10 and goes before c (20); at 10 a and b
 * tie with c at 20 after a: b goes first, being added first; at 15 a (20)
 * ties with c and was added first.
 */
static void test_full_schedule(void)
{
	check_schedule("edf: 100% set runs as computed by hand",
		       "span 20ms\n"
		       "vcpu a edf budget=2ms period=5ms exec=2ms\n"
		       "vcpu b edf budget=3ms period=10ms exec=3ms\n"
		       "vcpu c edf budget=6ms period=20ms exec=6ms\n",
		       "a@0ns b@2ms a@5ms c@7ms a@10ms b@12ms a@15ms c@17ms");
}

/* b never halts; its server throttles it after 3ms of each 10ms period. */
static void test_cbs_isolation(void)
{
	check_schedule("edf: a busy vcpu is held to its budget",
		       "span 20ms\n"
		       "vcpu a edf budget=4ms period=10ms exec=4ms\n"
		       "vcpu b edf budget=3ms period=10ms busy\n",
		       "a@0ns b@4ms -@7ms a@10ms b@14ms -@17ms");
}

/*
 * (Q, D, P) = (1, 2, 4), (2, 4, 6), (2, 8, 8): a, b, c by deadline; a's job
 * at 4 (deadline 6) preempts c (8); b's job at 6 runs alone; at 8 a's job
 * (deadline 10) goes before c's (16).
 */
static void test_constrained_schedule(void)
{
	check_schedule("edf: constrained deadlines run as computed by hand",
		       "span 12ms\n"
		       "vcpu a edf budget=1ms period=4ms deadline=2ms exec=1ms\n"
		       "vcpu b edf budget=2ms period=6ms deadline=4ms exec=2ms\n"
		       "vcpu c edf budget=2ms period=8ms exec=2ms\n",
		       "a@0ns b@1ms c@3ms a@4ms c@5ms b@6ms a@8ms c@9ms -@11ms");
}

/* Q=2 P=10: 1ms left at deadline 10. */
static void test_wake_rule(void)
{
	struct rts_params p = edf_params(2 * MS, 10 * MS, 0);
	struct rts_core c;
	struct rts_vcpu v;
	u64 next;

	one_vcpu(&c, &v, &p);
	run_and_block(&c, &v, 0, 1 * MS);
	rts_wake(&c, &v, 5 * MS);
	tap_check(rts_pick(&c, 5 * MS, &next) == &v && next == 6 * MS && v.edf.start == 0,
		  "edf: waking at 5ms, 1ms left fits 1/5 <= 2/10: deadline kept");
	run_and_block(&c, &v, 5 * MS, 5 * MS + 500 * US);
	rts_wake(&c, &v, 9 * MS);
	tap_check(rts_pick(&c, 9 * MS, &next) == &v && next == 11 * MS && v.edf.start == 9 * MS,
		  "edf: waking at 9ms, 0.5ms left over 1ms is too dense: new period at 9ms");
}

/* Q=2 D=4 P=10: 1ms left, deadline 4. */
static void test_constrained_wake(void)
{
	struct rts_params p = edf_params(2 * MS, 10 * MS, 4 * MS);
	struct rts_core c;
	struct rts_vcpu v;
	u64 next;

	one_vcpu(&c, &v, &p);
	run_and_block(&c, &v, 0, 1 * MS);
	rts_wake(&c, &v, 3500 * US);
	tap_check(rts_pick(&c, 3500 * US, &next) == &v && next == 3750 * US,
		  "edf: constrained wake-up keeps deadline 4ms with budget cut to 0.5ms * 2/4");
	run_and_block(&c, &v, 3500 * US, 3600 * US);
	rts_wake(&c, &v, 5 * MS);
	tap_check(!rts_pick(&c, 5 * MS, &next) && next == 10 * MS,
		  "edf: woken after its deadline, a constrained server waits for its period end");
	tap_check(rts_pick(&c, 10 * MS, &next) == &v && next == 12 * MS && !v.stats.nr_misses,
		  "edf: and gets a full budget at 10ms, no miss counted");
}

static void test_overrun_and_miss(void)
{
	struct rts_params p = edf_params(2 * MS, 10 * MS, 0);
	struct rts_core c;
	struct rts_vcpu v;
	u64 next;

	one_vcpu(&c, &v, &p);
	rts_pick(&c, 0, &next);
	tap_check(next == 2 * MS, "edf: the next event is budget exhaustion at 2ms");
	rts_account(&c, 2500 * US, 2500 * US);
	tap_check(v.stats.nr_overruns == 1 && v.stats.overrun_max == 500 * US &&
		  v.stats.runtime == 2500 * US, "edf: running to 2.5ms is a 0.5ms overrun");
	tap_check(!rts_pick(&c, 2500 * US, &next) && next == 10 * MS,
		  "edf: throttled until the period ends at 10ms");
	rts_pick(&c, 10 * MS, &next);
	rts_account(&c, 11 * MS, 1 * MS);
	/* The loop comes back only at 21ms: the deadline 20ms passed with 1ms left. */
	tap_check(rts_pick(&c, 21 * MS, &next) == &v && v.stats.nr_misses == 1 &&
		  v.stats.miss_lateness == 1 * MS && v.edf.start == 20 * MS && next == 23 * MS,
		  "edf: a deadline passed with budget left is a miss; the next period is on time");
}

/*
 * a (2 ms / 4 ms) and b (4 ms / 10 ms), both busy: at 4 ms a's new deadline
 * (8) beats b's (10) while b has 2 ms left, the one preemption; at 2 and 8
 * the switches come from budgets running out.
 */
static void test_preemptions_counted(void)
{
	struct sim s;

	if (!sim_load(&s, "span 10ms\n"
			  "vcpu a edf budget=2ms period=4ms busy\n"
			  "vcpu b edf budget=4ms period=10ms busy\n")) {
		tap_check(false, "edf: preemptions counted");
		return;
	}
	sim_run(&s);
	tap_check(s.vcpus[0].rv.stats.nr_preemptions == 0 &&
		  s.vcpus[1].rv.stats.nr_preemptions == 1,
		  "edf: preemptions a %llu b %llu (want 0, 1)",
		  s.vcpus[0].rv.stats.nr_preemptions, s.vcpus[1].rv.stats.nr_preemptions);
}

int main(void)
{
	tap_start();
	test_full_schedule();
	test_cbs_isolation();
	test_constrained_schedule();
	test_wake_rule();
	test_constrained_wake();
	test_overrun_and_miss();
	test_preemptions_counted();
	return tap_done();
}
