// SPDX-License-Identifier: GPL-2.0
/* rtsim's output: what each vCPU was given, then what it got. */
#include <stdio.h>

#include "sim.h"

#define TIME_LEN	24

static void describe_params(const struct rts_params *r, FILE *out)
{
	const struct rts_server *s = &r->server;
	char a[TIME_LEN], b[TIME_LEN], c[TIME_LEN];
	u32 i;

	fputs(rts_policy_name(r->policy), out);
	if (r->policy == RTS_POLICY_EDF || r->policy == RTS_POLICY_FP)
		fprintf(out, " budget=%s period=%s deadline=%s", sim_time(a, sizeof(a), s->budget),
			sim_time(b, sizeof(b), s->period), sim_time(c, sizeof(c), s->deadline));
	if (r->policy == RTS_POLICY_FP)
		fprintf(out, " prio=%u", s->prio);
	if (r->policy != RTS_POLICY_TABLE)
		return;
	fprintf(out, " frame=%s windows", sim_time(a, sizeof(a), r->table.frame));
	for (i = 0; i < r->table.nr_windows; i++)
		fprintf(out, " %s-%s", sim_time(a, sizeof(a), r->table.windows[i].start),
			sim_time(b, sizeof(b), r->table.windows[i].end));
}

static void describe_load(const struct sim_load *l, FILE *out)
{
	char a[TIME_LEN], b[TIME_LEN], c[TIME_LEN];
	u32 i;

	if (l->busy) {
		fputs(" | busy", out);
		return;
	}
	fputs(" | exec=", out);
	for (i = 0; i < l->nr_exec; i++)
		fprintf(out, "%s%s", i ? "," : "", sim_time(a, sizeof(a), l->exec[i]));
	fprintf(out, " every=%s offset=%s due=%s", sim_time(a, sizeof(a), l->every),
		sim_time(b, sizeof(b), l->offset), sim_time(c, sizeof(c), l->due));
}

/* Fixed priority: each vCPU's response-time bound, from the admission analysis. */
static bool fp_bounds(const struct sim *s, u64 *resp)
{
	const struct rts_vcpu *set[RTS_MAX_VCPUS];
	u32 i;

	if (s->core.policy != RTS_POLICY_FP)
		return false;
	for (i = 0; i < s->nr; i++)
		set[i] = &s->vcpus[i].rv;
	return !rts_fp_response_times(set, s->nr, resp, NULL, 0);
}

static void describe(const struct sim *s, FILE *out)
{
	u64 resp[RTS_MAX_VCPUS];
	bool fp = fp_bounds(s, resp);
	char a[TIME_LEN], b[TIME_LEN];
	u32 i;

	fprintf(out, "# rtsim: %s, %u vcpu%s, span %s, exit latency %s\n",
		rts_policy_name(s->core.policy), s->nr, s->nr == 1 ? "" : "s",
		sim_time(a, sizeof(a), s->span), sim_time(b, sizeof(b), s->latency));
	for (i = 0; i < s->nr; i++) {
		fprintf(out, "# %s: ", s->vcpus[i].name);
		describe_params(&s->vcpus[i].rv.params, out);
		if (fp)
			fprintf(out, " (response time <= %s)", sim_time(a, sizeof(a), resp[i]));
		describe_load(&s->vcpus[i].load, out);
		fputc('\n', out);
	}
}

static void report_vcpu(const struct sim *s, const struct sim_vcpu *v, FILE *out)
{
	const struct sim_result *r = &v->res;
	const struct rts_stats *st = &v->rv.stats;
	u64 done = v->done;
	u64 util = st->runtime * 10000 / s->span;
	char a[TIME_LEN], b[TIME_LEN], c[TIME_LEN];

	fprintf(out, "%-8s", v->name);
	if (v->load.busy)
		fprintf(out, " %6s %6s %6s %7s %11s %11s", "-", "-", "-", "-", "-", "-");
	else
		fprintf(out, " %6llu %6llu %6llu %7llu %11s %11s", v->released, r->met, r->missed,
			r->pending, sim_time(a, sizeof(a), r->resp_max),
			sim_time(b, sizeof(b), done ? r->resp_sum / done : 0));
	fprintf(out, " %4llu.%02llu%% %8llu %11s %8llu\n", util / 100, util % 100,
		st->nr_overruns, sim_time(c, sizeof(c), st->overrun_max), st->nr_misses);
}

void sim_report(const struct sim *s, FILE *out)
{
	u32 i;

	describe(s, out);
	fprintf(out, "%-8s %6s %6s %6s %7s %11s %11s %8s %8s %11s %8s\n", "vcpu", "jobs", "met",
		"missed", "pending", "worst_resp", "avg_resp", "util", "overruns", "max_overrun",
		"srv_miss");
	for (i = 0; i < s->nr; i++)
		report_vcpu(s, &s->vcpus[i], out);
}
