// SPDX-License-Identifier: GPL-2.0
/* Fixed priority over sporadic servers: hand-computed schedules and the replenishment rules. */
#include "harness.h"

/*
 * Burns & Wellings' set, (C, T) = (3, 7), (3, 12), (5, 20), rate-monotonic:
 * jobs as long as the budgets make the servers act as the periodic tasks.
 * b's job at 12 preempts c; c's job done at 20 is followed at once by its
 * next one, preempted by a's job at 21.
 */
static void test_textbook_schedule(void)
{
	check_schedule("fp: Burns & Wellings' set runs as computed by hand",
		       "span 24ms\n"
		       "vcpu a fp prio=3 budget=3ms period=7ms exec=3ms\n"
		       "vcpu b fp prio=2 budget=3ms period=12ms exec=3ms\n"
		       "vcpu c fp prio=1 budget=5ms period=20ms exec=5ms\n",
		       "a@0ns b@3ms c@6ms a@7ms c@10ms b@12ms a@14ms b@17ms c@18ms a@21ms");
}

/*
 * The same set's preemptions: c loses the core with budget left at 7 (a),
 * 12 (b) and 21 (a), b at 14 (a); a never does.
 */
static void test_preemptions_counted(void)
{
	struct sim s;

	if (!sim_load(&s, "span 24ms\n"
			  "vcpu a fp prio=3 budget=3ms period=7ms exec=3ms\n"
			  "vcpu b fp prio=2 budget=3ms period=12ms exec=3ms\n"
			  "vcpu c fp prio=1 budget=5ms period=20ms exec=5ms\n")) {
		tap_check(false, "fp: preemptions of Burns & Wellings' set");
		return;
	}
	sim_run(&s);
	tap_check(s.vcpus[0].rv.stats.nr_preemptions == 0 &&
		  s.vcpus[1].rv.stats.nr_preemptions == 1 &&
		  s.vcpus[2].rv.stats.nr_preemptions == 3,
		  "fp: preemptions a %llu b %llu c %llu (want 0, 1, 3)",
		  s.vcpus[0].rv.stats.nr_preemptions, s.vcpus[1].rv.stats.nr_preemptions,
		  s.vcpus[2].rv.stats.nr_preemptions);
}

/* Running out of budget is no preemption: busy servers that use theirs count none. */
static void test_budget_end_is_no_preemption(void)
{
	struct sim s;

	if (!sim_load(&s, "span 20ms\n"
			  "vcpu a fp prio=2 budget=3ms period=10ms busy\n"
			  "vcpu b fp prio=1 budget=2ms period=10ms busy\n")) {
		tap_check(false, "fp: budget ends are no preemptions");
		return;
	}
	sim_run(&s);
	tap_check(!s.vcpus[0].rv.stats.nr_preemptions && !s.vcpus[1].rv.stats.nr_preemptions,
		  "fp: budget ends are no preemptions (a %llu, b %llu)",
		  s.vcpus[0].rv.stats.nr_preemptions, s.vcpus[1].rv.stats.nr_preemptions);
}

static void test_budget_enforced(void)
{
	check_schedule("fp: busy servers get their budget, then idle until replenished",
		       "span 20ms\n"
		       "vcpu a fp prio=2 budget=3ms period=10ms busy\n"
		       "vcpu b fp prio=1 budget=2ms period=10ms busy\n",
		       "a@0ns b@3ms -@5ms a@10ms b@13ms -@15ms");
}

static u64 ss_pending(const struct rts_ss_state *ss, u32 i)
{
	return ss->repl[(ss->head + i) % RTS_SS_MAX_REPL].at;
}

static u64 ss_total(const struct rts_ss_state *ss)
{
	u64 sum = ss->capacity + ss->consumed;
	u32 i;

	for (i = 0; i < ss->nr; i++)
		sum += ss->repl[(ss->head + i) % RTS_SS_MAX_REPL].amount;
	return sum;
}

/*
 * b wakes at 1ms but a (above it) runs until 3ms: b's budget, used 3-5ms,
 * comes back at 1 + 10ms, one period after b became ready, not after it ran.
 */
static void test_replenish_from_activation(void)
{
	struct rts_params pa = fp_params(2, 3 * MS, 10 * MS), pb = fp_params(1, 2 * MS, 10 * MS);
	struct rts_vcpu a, b;
	struct rts_core c;
	u64 next;

	rts_core_init(&c);
	add_vcpu(&c, &a, "a", &pa, 0);
	add_vcpu(&c, &b, "b", &pb, 0);
	rts_block(&c, &b, 0);
	rts_pick(&c, 0, &next);
	rts_account(&c, 1 * MS, 1 * MS);
	rts_wake(&c, &b, 1 * MS);
	tap_check(rts_pick(&c, 1 * MS, &next) == &a && next == 3 * MS,
		  "fp: a keeps the core to 3ms");
	rts_account(&c, 3 * MS, 2 * MS);
	tap_check(rts_pick(&c, 3 * MS, &next) == &b && next == 5 * MS, "fp: then b to 5ms");
	rts_account(&c, 5 * MS, 2 * MS);
	tap_check(b.ss.nr == 1 && ss_pending(&b.ss, 0) == 11 * MS,
		  "fp: b's budget comes back at 11ms, a period after it woke");
	tap_check(!rts_pick(&c, 5 * MS, &next) && next == 10 * MS,
		  "fp: idle until a's budget at 10ms");
}

/*
 * A replenishment reaching the running server is an event; it ends the
 * active stretch there so the budget used before it comes back first.
 */
static void test_split_at_replenishment(void)
{
	struct rts_params p = fp_params(1, 2 * MS, 10 * MS);
	struct rts_core c;
	struct rts_vcpu v;
	u64 next;

	one_vcpu(&c, &v, &p);
	run_and_block(&c, &v, 0, 1 * MS);
	rts_wake(&c, &v, 9500 * US);
	tap_check(rts_pick(&c, 9500 * US, &next) == &v && next == 10 * MS,
		  "fp: own replenishment at 10ms comes before exhaustion at 10.5ms");
	rts_account(&c, 10 * MS, 500 * US);
	tap_check(rts_pick(&c, 10 * MS, &next) == &v && next == 11500 * US,
		  "fp: 1.5ms of budget at 10ms");
	rts_account(&c, 11500 * US, 1500 * US);
	tap_check(v.ss.nr == 2 && ss_pending(&v.ss, 0) == 19500 * US &&
		  ss_pending(&v.ss, 1) == 20 * MS && ss_total(&v.ss) == 2 * MS,
		  "fp: 0.5ms comes back at 19.5ms and 1.5ms at 20ms");
}

/* Budget that came back while the server was halted counts from its wake-up. */
static void test_replenish_while_halted(void)
{
	struct rts_params p = fp_params(1, 2 * MS, 10 * MS);
	struct rts_core c;
	struct rts_vcpu v;
	u64 next;

	one_vcpu(&c, &v, &p);
	run_and_block(&c, &v, 0, 2 * MS);
	rts_wake(&c, &v, 15 * MS);
	tap_check(rts_pick(&c, 15 * MS, &next) == &v && next == 17 * MS,
		  "fp: woken at 15ms with the budget back since 10ms");
	rts_account(&c, 17 * MS, 2 * MS);
	tap_check(v.ss.nr == 1 && ss_pending(&v.ss, 0) == 25 * MS,
		  "fp: what it uses then comes back at 25ms, not 20ms");
}

/* Ten 10us stretches in a 100ms period fill the eight slots; the last ones merge late. */
static void test_replenishment_slots(void)
{
	struct rts_params p = fp_params(1, 1 * MS, 100 * MS);
	struct rts_core c;
	struct rts_vcpu v;
	u64 next, t;
	u32 i;

	one_vcpu(&c, &v, &p);
	for (i = 0; i < 10; i++) {
		t = i * 20 * US;
		rts_wake(&c, &v, t);
		rts_pick(&c, t, &next);
		rts_account(&c, t + 10 * US, 10 * US);
		rts_block(&c, &v, t + 10 * US);
	}
	tap_check(v.ss.nr == RTS_SS_MAX_REPL && ss_pending(&v.ss, 7) == 100 * MS + 180 * US &&
		  v.ss.repl[(v.ss.head + 7) % RTS_SS_MAX_REPL].amount == 30 * US,
		  "fp: with all slots taken the newest merge into the last, at the latest time");
	tap_check(ss_total(&v.ss) == 1 * MS && v.ss.capacity == 900 * US,
		  "fp: capacity + consumed + pending is still the budget");
}

int main(void)
{
	tap_start();
	test_textbook_schedule();
	test_budget_enforced();
	test_preemptions_counted();
	test_budget_end_is_no_preemption();
	test_replenish_from_activation();
	test_split_at_replenishment();
	test_replenish_while_halted();
	test_replenishment_slots();
	return tap_done();
}
