// SPDX-License-Identifier: GPL-2.0
/* Cyclic table: hand-computed schedules and the window arithmetic. */
#include "harness.h"

/*
 * Frame 10ms: a 0-3 and 5-6, b 3-5, c 7-10. a's 4ms job takes 0-3 and 5-6;
 * b's 3ms job gets 2ms a frame and runs behind; c's 1ms job leaves 8-10 idle.
 */
static void test_schedule(void)
{
	check_schedule("table: windows run as computed by hand",
		       "span 20ms\n"
		       "vcpu a table exec=4ms\n"
		       "vcpu b table exec=3ms\n"
		       "vcpu c table exec=1ms\n"
		       "table frame=10ms window=a:0-3ms window=b:3ms-5ms window=a:5ms-6ms "
		       "window=c:7ms-10ms\n",
		       "a@0ns b@3ms a@5ms -@6ms c@7ms -@8ms a@10ms b@13ms a@15ms -@16ms c@17ms -@18ms");
}

static void test_windows(void)
{
	static const u64 wa[] = { 2 * MS, 4 * MS }, wb[] = { 6 * MS, 9 * MS };
	struct rts_params pa = table_params(10 * MS, wa, 1), pb = table_params(10 * MS, wb, 1);
	u64 e = 1 * MS, next;	/* frames start at 1ms, 11ms, ... */
	struct rts_vcpu a, b;
	struct rts_core c;

	rts_core_init(&c);
	add_vcpu(&c, &a, "a", &pa, e);
	add_vcpu(&c, &b, "b", &pb, 5 * MS);
	tap_check(!rts_pick(&c, e, &next) && next == e + 2 * MS,
		  "table: the frame starts when the first vcpu joins; idle to the first window");
	tap_check(rts_pick(&c, e + 3 * MS, &next) == &a && next == e + 4 * MS,
		  "table: inside a's window, the event is its end");
	tap_check(!rts_pick(&c, e + 9 * MS, &next) && next == e + 12 * MS,
		  "table: after the last window, idle to the first one of the next frame");
	rts_block(&c, &b, e + 16 * MS);
	tap_check(!rts_pick(&c, e + 16 * MS, &next) && next == e + 19 * MS,
		  "table: a blocked owner's window stays idle");
	rts_wake(&c, &b, e + 17 * MS);
	tap_check(rts_pick(&c, e + 17 * MS, &next) == &b && next == e + 19 * MS,
		  "table: and is its own again when it wakes");
	rts_account(&c, e + 19 * MS + 7 * US, 2 * MS + 7 * US);
	tap_check(b.stats.nr_overruns == 1 && b.stats.overrun_max == 7 * US,
		  "table: running 7us past the window end is an overrun");
	tap_check(!rts_remove(&c, &a) && !rts_pick(&c, e + 23 * MS, &next) &&
		  next == e + 26 * MS, "table: a removed vcpu's window is a gap");
	tap_check(!rts_remove(&c, &b) && c.policy == RTS_POLICY_NONE &&
		  rts_remove(&c, &b) == -EINVAL, "table: the empty core forgets its policy");
}

int main(void)
{
	tap_start();
	test_schedule();
	test_windows();
	return tap_done();
}
