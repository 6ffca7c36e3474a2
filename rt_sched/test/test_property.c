// SPDX-License-Identifier: GPL-2.0
/*
 * Admission against simulation over many generated sets (a fixed seed, so
 * the same sets every run): whatever EDF admits never misses over its
 * hyperperiod; whatever fixed priority admits never responds later than its
 * analysed bound; busy table vCPUs get exactly their windows.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"

#define NR_SETS		1000

static const u64 periods_ms[] = { 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 24, 30, 40 };
static u64 seed = 6;

static u64 rnd(u64 n)
{
	seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return (seed >> 33) % n;
}

static u64 gcd(u64 a, u64 b)
{
	return b ? gcd(b, a % b) : a;
}

/* A generated set, times in 100us units. */
struct gen {
	char cfg[1024];
	size_t len;
	u64 hyper;
	u32 n;
	u64 q[5], p[5], d[5];
};

__attribute__((format(printf, 2, 3)))
static void gen_add(struct gen *g, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	g->len += vsnprintf(g->cfg + g->len, sizeof(g->cfg) - g->len, fmt, ap);
	va_end(ap);
}

/* 2 to 5 servers, budgets up to P/2 in 100us steps, half of them with D < P. */
static void gen_servers(struct gen *g, const char *policy)
{
	u64 p, q, d;
	u32 i;

	g->len = 0;
	g->hyper = 1;
	g->n = 2 + rnd(4);
	for (i = 0; i < g->n; i++) {
		p = periods_ms[rnd(ARRAY_SIZE(periods_ms))] * 10;
		q = 1 + rnd(p / 2);
		d = rnd(2) ? p : q + rnd(p - q + 1);
		g->q[i] = q;
		g->p[i] = p;
		g->d[i] = d;
		g->hyper = g->hyper / gcd(g->hyper, p) * p;
		gen_add(g, "vcpu v%u %s prio=%u budget=%lluus period=%lluus deadline=%lluus exec=%lluus\n",
			i, policy, g->n - i, q * 100, p * 100, d * 100, q * 100);
	}
	gen_add(g, "span %lluus\n", g->hyper * 100);
}

/* EDF feasibility the slow way: U <= 1 and dbf(t) <= t at every t up to H + D. */
static bool edf_feasible(const struct gen *g)
{
	u64 t, demand = 0;
	u32 i;

	for (i = 0; i < g->n; i++)
		demand += g->q[i] * (g->hyper / g->p[i]);
	if (demand > g->hyper)
		return false;
	for (t = 1; t <= 2 * g->hyper; t++) {
		demand = 0;
		for (i = 0; i < g->n; i++)
			if (t >= g->d[i])
				demand += ((t - g->d[i]) / g->p[i] + 1) * g->q[i];
		if (demand > t)
			return false;
	}
	return true;
}

/* The prio= key is for fp only: drop it for EDF. */
static void strip_prio(char *cfg)
{
	char *p, *end;

	while ((p = strstr(cfg, " prio="))) {
		end = strchr(p + 1, ' ');
		memmove(p, end, strlen(end) + 1);
	}
}

/* Admitted sets at U >= 90%: the ones near the bound. */
static u32 nr_tight(const struct sim *s)
{
	const struct rts_server *p;
	u64 permille = 0;
	u32 i;

	for (i = 0; i < s->nr; i++) {
		p = &s->vcpus[i].rv.params.server;
		permille += p->budget * 1000 / p->period;
	}
	return permille >= 900;
}

static bool run_set(struct sim *s, const char *cfg)
{
	char err[256];

	if (sim_parse(s, cfg, err, sizeof(err))) {
		tap_diag("%s", err);
		return false;
	}
	if (sim_setup(s, err, sizeof(err)))
		return false;
	sim_run(s);
	return true;
}

static void test_edf(void)
{
	static struct sim s;
	u32 set, i, admitted = 0, tight = 0, bad = 0, disagree = 0;
	struct gen g;
	bool ok;

	for (set = 0; set < NR_SETS; set++) {
		gen_servers(&g, "edf");
		strip_prio(g.cfg);
		ok = run_set(&s, g.cfg);
		if (ok != edf_feasible(&g) && !disagree++)
			tap_diag("admission says %d, brute force the opposite:\n%s", ok, g.cfg);
		if (!ok)
			continue;
		admitted++;
		tight += nr_tight(&s);
		for (i = 0; i < s.nr; i++) {
			if (s.vcpus[i].res.missed || s.vcpus[i].rv.stats.nr_misses || s.bad_events) {
				if (!bad++)
					tap_diag("missed:\n%s", g.cfg);
				break;
			}
		}
	}
	tap_diag("edf: %u of %d sets admitted, %u at U >= 90%%", admitted, NR_SETS, tight);
	tap_check(!disagree, "edf: admission agrees with a brute-force demand check (%u differ)",
		  disagree);
	tap_check(!bad && admitted > NR_SETS / 4,
		  "edf: no admitted set misses over its hyperperiod (%u bad)", bad);
}

static void test_fp(void)
{
	static struct sim s;
	const struct rts_vcpu *set_v[RTS_MAX_VCPUS];
	u64 resp[RTS_MAX_VCPUS];
	u32 set, i, admitted = 0, tight = 0, bad = 0;
	struct gen g;

	for (set = 0; set < NR_SETS; set++) {
		gen_servers(&g, "fp");
		if (!run_set(&s, g.cfg))
			continue;
		admitted++;
		tight += nr_tight(&s);
		for (i = 0; i < s.nr; i++)
			set_v[i] = &s.vcpus[i].rv;
		rts_fp_response_times(set_v, s.nr, resp, NULL, 0);
		for (i = 0; i < s.nr; i++) {
			if (s.vcpus[i].res.missed || s.vcpus[i].res.resp_max != resp[i]) {
				if (!bad++)
					tap_diag("vcpu v%u: worst %llu, R %llu:\n%s", i,
						 s.vcpus[i].res.resp_max, resp[i], g.cfg);
				break;
			}
		}
	}
	tap_diag("fp: %u of %d sets admitted, %u at U >= 90%%", admitted, NR_SETS, tight);
	tap_check(!bad && admitted > NR_SETS / 4,
		  "fp: in every admitted set the worst response is the bound R, reached at 0 (%u bad)",
		  bad);
}

/* Up to 4 busy vCPUs with 1 to 3 windows each, cut from a 10ms frame in 0.5ms steps. */
static void test_table(void)
{
	static struct sim s;
	u64 at, len, share[RTS_MAX_VCPUS];
	u32 set, i, k, n, ran = 0, bad = 0;
	struct gen g;

	for (set = 0; set < NR_SETS / 3; set++) {
		g.len = 0;
		n = 1 + rnd(4);
		for (i = 0; i < n; i++)
			gen_add(&g, "vcpu v%u table busy\n", i);
		gen_add(&g, "span 100ms\ntable frame=10ms");
		memset(share, 0, sizeof(share));
		for (at = rnd(4), k = 0; at < 20 && k < 3 * n; k++, at += len + rnd(2)) {
			len = 1 + rnd(4);
			if (at + len > 20)
				break;
			i = k % n;
			share[i] += len * 500 * US;
			gen_add(&g, " window=v%u:%lluus-%lluus", i, at * 500, (at + len) * 500);
		}
		gen_add(&g, "\n");
		if (!run_set(&s, g.cfg))
			continue;	/* a vCPU left without a window */
		ran++;
		for (i = 0; i < n; i++) {
			if (s.vcpus[i].rv.stats.runtime != share[i] * 10) {
				if (!bad++)
					tap_diag("v%u ran %llu:\n%s", i, s.vcpus[i].rv.stats.runtime,
						 g.cfg);
				break;
			}
		}
	}
	tap_diag("table: %u of %d sets had a window for every vcpu", ran, NR_SETS / 3);
	tap_check(!bad && ran > NR_SETS / 12,
		  "table: busy vcpus get exactly their windows (%u bad)", bad);
}

int main(void)
{
	tap_start();
	test_edf();
	test_fp();
	test_table();
	return tap_done();
}
