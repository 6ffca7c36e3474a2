// SPDX-License-Identifier: GPL-2.0
/*
 * Admission: the analytical bounds, checked against sets whose answer is
 * known (textbook response times, exactly 100% EDF), and against the
 * simulator: what is admitted never misses over whole hyperperiods.
 */
#include <string.h>

#include "harness.h"

static const char *const names[] = { "a", "b", "c", "d", "e", "f", "g", "h" };

/* Adds @n vCPUs named a, b, ...; 0, or the first refusal with its reason in @why. */
static int add_all(const struct rts_params *p, u32 n, char *why, size_t len)
{
	static struct rts_vcpu v[ARRAY_SIZE(names)];
	struct rts_core c;
	int err = 0;
	u32 i;

	rts_core_init(&c);
	for (i = 0; i < n && !err; i++) {
		rts_vcpu_init(&v[i], names[i], &p[i]);
		err = rts_add(&c, &v[i], 0, why, len);
	}
	return err;
}

static bool refused(int err, int want, const char *why, const char *reason)
{
	if (err == want && !strcmp(why, reason))
		return true;
	tap_diag("got %d \"%s\"", err, err ? why : "");
	tap_diag("want %d \"%s\"", want, reason);
	return false;
}

/* Runs @cfg; true when its vCPUs had jobs and none missed. */
static bool never_misses(const char *cfg)
{
	static struct sim s;
	u64 jobs = 0, missed = 0;
	u32 i;

	if (!sim_load(&s, cfg))
		return false;
	sim_run(&s);
	for (i = 0; i < s.nr; i++) {
		jobs += s.vcpus[i].res.met;
		missed += s.vcpus[i].res.missed;
	}
	if (missed || !jobs)
		tap_diag("%llu jobs met, %llu missed", jobs, missed);
	return jobs && !missed;
}

static void test_edf_full(void)
{
	struct rts_params full[] = {
		edf_params(2 * MS, 5 * MS, 0), edf_params(3 * MS, 10 * MS, 0),
		edf_params(6 * MS, 20 * MS, 0),
	};
	struct rts_params odd[] = {
		edf_params(1 * MS, 3 * MS, 0), edf_params(1 * MS, 4 * MS, 0),
		edf_params(5 * MS, 12 * MS, 0),
	};
	char why[200];

	tap_check(!add_all(full, 3, why, sizeof(why)),
		  "edf: 2/5 + 3/10 + 6/20 = 100%% is admitted");
	tap_check(never_misses("span 100ms\n"
			       "vcpu a edf budget=2ms period=5ms exec=2ms\n"
			       "vcpu b edf budget=3ms period=10ms exec=3ms\n"
			       "vcpu c edf budget=6ms period=20ms exec=6ms\n"),
		  "edf: and never misses over five hyperperiods");
	tap_check(!add_all(odd, 3, why, sizeof(why)), "edf: 1/3 + 1/4 + 5/12 = 100%% is admitted");
	tap_check(never_misses("span 120ms\n"
			       "vcpu a edf budget=1ms period=3ms exec=1ms\n"
			       "vcpu b edf budget=1ms period=4ms exec=1ms\n"
			       "vcpu c edf budget=5ms period=12ms exec=5ms\n"),
		  "edf: and never misses over ten hyperperiods");
	full[2].server.budget += 1;
	tap_check(refused(add_all(full, 3, why, sizeof(why)), -EBUSY, why,
			  "EDF utilization bound violated: U = 100.0001% > 100%"),
		  "edf: 1ns over 100%% is refused, naming the bound");
}

static void test_edf_constrained(void)
{
	struct rts_params tight[] = {
		edf_params(2 * MS, 10 * MS, 2 * MS), edf_params(2 * MS, 10 * MS, 3 * MS),
	};
	struct rts_params full[] = {
		edf_params(1 * MS, 2 * MS, 1 * MS), edf_params(1 * MS, 2 * MS, 0),
	};
	char why[200];

	tap_check(refused(add_all(tight, 2, why, sizeof(why)), -EBUSY, why,
			  "EDF demand bound violated: dbf(3000000 ns) = 4000000 ns > 3000000 ns"),
		  "edf: U = 40%% but 4ms due by 3ms is refused by the demand bound");
	tap_check(!add_all(full, 2, why, sizeof(why)),
		  "edf: U = 100%% with one deadline 1ms in 2ms is admitted");
	full[1].server.deadline = 1 * MS;
	tap_check(refused(add_all(full, 2, why, sizeof(why)), -EBUSY, why,
			  "EDF demand bound violated: dbf(1000000 ns) = 2000000 ns > 1000000 ns"),
		  "edf: U = 100%% with both due 1ms in 2ms is refused");
	tap_check(never_misses("span 240ms\n"
			       "vcpu a edf budget=1ms period=4ms deadline=2ms exec=1ms\n"
			       "vcpu b edf budget=2ms period=6ms deadline=4ms exec=2ms\n"
			       "vcpu c edf budget=2ms period=8ms exec=2ms\n"
			       "vcpu d edf budget=1ms period=24ms deadline=10ms exec=1ms\n"),
		  "edf: an admitted constrained set never misses over ten hyperperiods");
}

/* Five prime periods near 1ms: the hyperperiod overflows, the fixed-point path decides. */
static void test_edf_long_hyperperiod(void)
{
	static const u64 primes[] = { 999983, 999979, 999961, 999959, 999953 };
	struct rts_params p[ARRAY_SIZE(primes)];
	char why[200];
	u32 i;

	for (i = 0; i < ARRAY_SIZE(primes); i++)
		p[i] = edf_params(50 * US, primes[i], primes[i] / 2);
	tap_check(!add_all(p, 5, why, sizeof(why)),
		  "edf: U = 25%%, D = P/2 over prime periods is admitted (checked up to La)");
	for (i = 0; i < ARRAY_SIZE(primes); i++)
		p[i] = edf_params(100 * US, primes[i], 200 * US);
	tap_check(refused(add_all(p, 5, why, sizeof(why)), -EBUSY, why,
			  "EDF demand bound violated: dbf(200000 ns) = 300000 ns > 200000 ns"),
		  "edf: 100us budgets due by 200us: the third is refused");
	for (i = 0; i < ARRAY_SIZE(primes); i++)
		p[i] = edf_params(210 * US, primes[i], 0);
	tap_check(refused(add_all(p, 5, why, sizeof(why)), -EBUSY, why,
			  "EDF utilization bound violated: U = 105.0035% > 100% "
			  "(rounded up: hyperperiod too long to sum exactly)"),
		  "edf: U = 105%% over prime periods is refused");
}

static bool response_times(const struct rts_params *p, u32 n, const u64 *want)
{
	struct rts_vcpu v[ARRAY_SIZE(names)];
	const struct rts_vcpu *set[ARRAY_SIZE(names)];
	u64 resp[ARRAY_SIZE(names)];
	char why[200];
	u32 i;

	for (i = 0; i < n; i++) {
		rts_vcpu_init(&v[i], names[i], &p[i]);
		set[i] = &v[i];
	}
	if (rts_fp_response_times(set, n, resp, why, sizeof(why))) {
		tap_diag("%s", why);
		return false;
	}
	for (i = 0; i < n; i++) {
		if (resp[i] != want[i]) {
			tap_diag("vcpu %s: R = %llu, want %llu", names[i], resp[i], want[i]);
			return false;
		}
	}
	return true;
}

static void test_fp_rta(void)
{
	struct rts_params burns[] = {
		fp_params(3, 3 * MS, 7 * MS), fp_params(2, 3 * MS, 12 * MS),
		fp_params(1, 5 * MS, 20 * MS),
	};
	struct rts_params buttazzo[] = {
		fp_params(3, 1 * MS, 4 * MS), fp_params(2, 2 * MS, 6 * MS),
		fp_params(1, 3 * MS, 10 * MS),
	};
	struct rts_params rm[] = { fp_params(2, 2 * MS, 5 * MS), fp_params(1, 4 * MS, 7 * MS) };
	struct rts_params edf[] = { edf_params(2 * MS, 5 * MS, 0), edf_params(4 * MS, 7 * MS, 0) };
	static const u64 burns_r[] = { 3 * MS, 6 * MS, 20 * MS };
	static const u64 buttazzo_r[] = { 1 * MS, 3 * MS, 10 * MS };
	char why[200];

	tap_check(response_times(burns, 3, burns_r), "fp: Burns & Wellings' set has R = 3, 6, 20");
	tap_check(response_times(buttazzo, 3, buttazzo_r), "fp: Buttazzo's set has R = 1, 3, 10");
	buttazzo[2].server.budget = 4 * MS;
	tap_check(refused(add_all(buttazzo, 3, why, sizeof(why)), -EBUSY, why,
			  "fp: response-time bound violated: vcpu c's response time reaches 11000000 ns, over its 10000000 ns deadline"),
		  "fp: with C3 = 4 the lowest priority misses its deadline and is refused");
	tap_check(refused(add_all(rm, 2, why, sizeof(why)), -EBUSY, why,
			  "fp: response-time bound violated: vcpu b's response time reaches 8000000 ns, over its 7000000 ns deadline"),
		  "fp: (2, 5) + (4, 7) at U = 97%% fails under fixed priority...");
	tap_check(!add_all(edf, 2, why, sizeof(why)), "edf: ...and passes under EDF");
	rm[1].server.prio = 2;
	tap_check(refused(add_all(rm, 2, why, sizeof(why)), -EBUSY, why,
			  "fp: vcpu b's priority 2 is vcpu a's already"),
		  "fp: priorities are unique");
}

/* Over a hyperperiod from the critical instant the worst response is the bound. */
static void test_fp_simulated(void)
{
	static struct sim s;
	bool ok;

	ok = sim_load(&s, "span 420ms\n"
		      "vcpu a fp prio=3 budget=3ms period=7ms exec=3ms\n"
		      "vcpu b fp prio=2 budget=3ms period=12ms exec=3ms\n"
		      "vcpu c fp prio=1 budget=5ms period=20ms exec=5ms\n");
	if (ok)
		sim_run(&s);
	tap_check(ok && s.vcpus[0].res.resp_max == 3 * MS && s.vcpus[1].res.resp_max == 6 * MS &&
		  s.vcpus[2].res.resp_max == 20 * MS && !s.vcpus[2].res.missed,
		  "fp: simulated worst responses equal R = 3, 6, 20 and none misses");
}

static void test_table(void)
{
	static const u64 a[] = { 0, 3 * MS }, b[] = { 2 * MS, 4 * MS };
	static const u64 late[] = { 8 * MS, 12 * MS };
	static const u64 twice[] = { 0, 2 * MS, 1 * MS, 3 * MS };
	struct rts_params p[5];
	u64 w[2 * RTS_MAX_WINDOWS];
	char why[200];
	u32 i, k;

	p[0] = table_params(10 * MS, a, 1);
	p[1] = table_params(10 * MS, b, 1);
	tap_check(refused(add_all(p, 2, why, sizeof(why)), -EBUSY, why,
			  "table: vcpu b's window [2000000, 4000000) ns overlaps vcpu a's [0, 3000000) ns"),
		  "table: overlapping windows are refused");
	p[1] = table_params(10 * MS, late, 1);
	tap_check(refused(add_all(p, 2, why, sizeof(why)), -EINVAL, why,
			  "vcpu b: window [8000000, 12000000) ns ends after the 10000000 ns frame"),
		  "table: a window past the frame is refused");
	p[1] = table_params(10 * MS, twice, 2);
	tap_check(add_all(p + 1, 1, why, sizeof(why)) == -EINVAL && strstr(why, "overlap"),
		  "table: a vcpu's own windows may not overlap");
	p[1] = table_params(20 * MS, b + 1, 0);
	tap_check(add_all(p + 1, 1, why, sizeof(why)) == -EINVAL && strstr(why, "0 windows"),
		  "table: a vcpu needs a window");
	p[1] = table_params(20 * MS, late, 1);
	tap_check(refused(add_all(p, 2, why, sizeof(why)), -EBUSY, why,
			  "table: vcpu b's frame 20000000 ns differs from vcpu a's 10000000 ns"),
		  "table: all vcpus share one frame");
	for (i = 0; i < 5; i++) {
		for (k = 0; k < 2 * RTS_MAX_WINDOWS; k++)
			w[k] = ((i * RTS_MAX_WINDOWS + k / 2) * 2 + k % 2) * MS;
		p[i] = table_params(100 * MS, w, RTS_MAX_WINDOWS);
	}
	tap_check(refused(add_all(p, 5, why, sizeof(why)), -EBUSY, why,
			  "table: 40 windows on the core, over its 32"),
		  "table: at most 32 windows per core");
}

static void test_params(void)
{
	struct {
		struct rts_params p;
		const char *why;
	} bad[] = {
		{ edf_params(2 * MS, 10 * MS, 12 * MS),
		  "vcpu a: deadline 12000000 ns is over its period 10000000 ns" },
		{ edf_params(3 * MS, 10 * MS, 2 * MS),
		  "vcpu a: budget 3000000 ns is over its deadline 2000000 ns" },
		{ fp_params(1, 999, 10 * MS),
		  "vcpu a: budget 999 ns is under the 1000 ns minimum" },
		{ fp_params(1, 1 * MS, 5000 * MS),
		  "vcpu a: period 5000000000 ns is not in 1..4000000000 ns" },
		{ edf_params(1 * MS, 0, 0),
		  "vcpu a: period 0 ns is not in 1..4000000000 ns" },
	};
	char why[200];
	u32 i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		tap_check(refused(add_all(&bad[i].p, 1, why, sizeof(why)), -EINVAL, why,
				  bad[i].why),
			  "params: %s", bad[i].why);
}

int main(void)
{
	tap_start();
	test_edf_full();
	test_edf_constrained();
	test_edf_long_hyperperiod();
	test_fp_rta();
	test_fp_simulated();
	test_table();
	test_params();
	return tap_done();
}
