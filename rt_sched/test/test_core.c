// SPDX-License-Identifier: GPL-2.0
/* The policy-neutral core, with the dedicated policy. */
#include <string.h>

#include "harness.h"

static void test_dedicated(void)
{
	struct rts_params p = { .policy = RTS_POLICY_DEDICATED };
	struct rts_vcpu a, b;
	struct rts_core c;
	char why[200];
	u64 next;

	rts_core_init(&c);
	add_vcpu(&c, &a, "a", &p, 0);
	tap_check(rts_pick(&c, 5, &next) == &a && next == RTS_NEVER,
		  "dedicated: the owner runs with no timer");
	rts_account(&c, 1 * MS, 1 * MS);
	rts_block(&c, &a, 1 * MS);
	tap_check(!rts_pick(&c, 1 * MS, &next) && next == RTS_NEVER,
		  "dedicated: a halted owner leaves the core idle until it wakes");
	rts_wake(&c, &a, 2 * MS);
	tap_check(rts_pick(&c, 2 * MS, &next) == &a && a.stats.nr_runs == 2 &&
		  a.stats.runtime == 1 * MS && !a.stats.nr_overruns,
		  "dedicated: runs and runtime are counted, never an overrun");
	rts_vcpu_init(&b, "b", &p);
	tap_check(rts_add(&c, &b, 0, why, sizeof(why)) == -EBUSY &&
		  !strcmp(why, "dedicated: vcpu a already owns the core; vcpu b cannot share it"),
		  "dedicated: a second vcpu is refused: %s", why);
	check_schedule("dedicated: jobs of 1, 2, 3ms every 5ms",
		       "span 15ms\nvcpu a dedicated exec=1ms,2ms,3ms every=5ms\n",
		       "a@0ns -@1ms a@5ms -@7ms a@10ms -@13ms");
}

static void test_membership(void)
{
	struct rts_params edf = edf_params(500 * US, 10 * MS, 0);
	struct rts_params fp = fp_params(1, 1 * MS, 10 * MS);
	struct rts_vcpu v[RTS_MAX_VCPUS + 1];
	struct rts_params bad = { .policy = RTS_NR_POLICIES };
	struct rts_core c;
	char why[200];
	u32 i;

	rts_core_init(&c);
	for (i = 0; i < RTS_MAX_VCPUS; i++)
		add_vcpu(&c, &v[i], "v", &edf, 0);
	rts_vcpu_init(&v[i], "x", &edf);
	tap_check(rts_add(&c, &v[i], 0, why, sizeof(why)) == -EBUSY && strstr(why, "16 vcpus"),
		  "core: the 17th vcpu is refused: %s", why);
	tap_check(rts_add(&c, &v[0], 0, why, sizeof(why)) == -EINVAL &&
		  strstr(why, "already on this core"), "core: adding a vcpu twice is refused");
	rts_vcpu_init(&v[i], "x", &fp);
	tap_check(rts_add(&c, &v[i], 0, why, sizeof(why)) == -EBUSY &&
		  !strcmp(why, "vcpu x asks for fp, but the core runs edf"),
		  "core: one policy per core: %s", why);
	rts_vcpu_init(&v[i], "x", &bad);
	tap_check(rts_add(&c, &v[i], 0, why, sizeof(why)) == -EINVAL &&
		  strstr(why, "unknown policy"),
		  "core: an unknown policy is refused");
	tap_check(rts_add(&c, &v[i], 0, NULL, 0) == -EINVAL, "core: the reason buffer is optional");
	for (i = 0; i < RTS_MAX_VCPUS; i++)
		rts_remove(&c, &v[i]);
	tap_check(c.nr == 0 && c.policy == RTS_POLICY_NONE && !c.cur,
		  "core: removing every vcpu empties the core");
	tap_check(!add_vcpu(&c, &v[0], "f", &fp, 0), "core: an empty core takes another policy");
}

int main(void)
{
	tap_start();
	test_dedicated();
	test_membership();
	return tap_done();
}
