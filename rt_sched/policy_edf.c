// SPDX-License-Identifier: GPL-2.0
/*
 * EDF over hard constant-bandwidth servers (Abeni & Buttazzo), with the
 * constrained-deadline rules of Linux's SCHED_DEADLINE. A server owns budget
 * Q in each period [start, start + P) and competes with deadline start + D.
 * Out of budget it is throttled until start + P, when a new period begins.
 * An overrun is not carried into the next period; the stats record it.
 */
#include "rts_internal.h"

static u64 edf_deadline(const struct rts_vcpu *v)
{
	return v->edf.start + v->params.server.deadline;
}

static u64 edf_period_end(const struct rts_vcpu *v)
{
	return v->edf.start + v->params.server.period;
}

static void edf_new_period(struct rts_vcpu *v, u64 start)
{
	v->edf.start = start;
	v->edf.budget = v->params.server.budget;
	v->edf.throttled = false;
}

static void edf_attach(struct rts_core *c, struct rts_vcpu *v, u64 now)
{
	edf_new_period(v, now);
}

/*
 * Brings a runnable server up to @now: a deadline passed with budget left is
 * a miss and ends the period's budget; a throttled server whose period ended
 * starts the next one (at @now when even that one's deadline has passed).
 */
static void edf_update(struct rts_vcpu *v, u64 now)
{
	u64 end = edf_period_end(v);

	if (!v->edf.throttled && now >= edf_deadline(v)) {
		v->stats.nr_misses++;
		v->stats.miss_lateness = now - edf_deadline(v);
		v->edf.throttled = true;
	}
	if (v->edf.throttled && now >= end)
		edf_new_period(v, now < end + v->params.server.deadline ? end : now);
}

/*
 * @a (found later in the scan) goes before @b: an earlier deadline, or the
 * same one while @a holds the core; other ties go to the vCPU added first.
 */
static bool edf_before(const struct rts_core *c, const struct rts_vcpu *a,
		       const struct rts_vcpu *b)
{
	u64 da = edf_deadline(a), db = edf_deadline(b);

	return da < db || (da == db && a == c->cur);
}

/* The replenishments that would preempt @best (or end idling) are events. */
static u64 edf_next_release(const struct rts_core *c, const struct rts_vcpu *best, u64 next)
{
	const struct rts_vcpu *v;
	u64 end;
	u32 i;

	for (i = 0; i < c->nr; i++) {
		v = c->vcpus[i];
		if (!v->runnable || !v->edf.throttled)
			continue;
		end = edf_period_end(v);
		if (!best || end + v->params.server.deadline < edf_deadline(best))
			next = rts_min(next, end);
	}
	return next;
}

static struct rts_vcpu *edf_pick(struct rts_core *c, u64 now, u64 *next)
{
	struct rts_vcpu *best = NULL, *v;
	u32 i;

	for (i = 0; i < c->nr; i++) {
		v = c->vcpus[i];
		if (!v->runnable)
			continue;
		edf_update(v, now);
		if (!v->edf.throttled && (!best || edf_before(c, v, best)))
			best = v;
	}
	if (best)
		*next = rts_min(now + best->edf.budget, edf_deadline(best));
	*next = edf_next_release(c, best, *next);
	return best;
}

static u64 edf_account(struct rts_core *c, struct rts_vcpu *v, u64 now, u64 ran)
{
	u64 used = rts_min(ran, v->edf.budget);

	v->edf.budget -= used;
	if (!v->edf.budget)
		v->edf.throttled = true;
	return ran - used;
}

/*
 * The CBS wake-up rule: keep the deadline while the budget left fits the
 * server's density Q/D until it, else start a new period now. A constrained
 * server (D < P) may not start periods closer than P apart: it keeps its
 * deadline with the budget cut to fit (the "revised wake-up" of
 * SCHED_DEADLINE), or after its deadline waits for the period end.
 * Budgets and periods under 2^32 keep the products in range.
 */
static void edf_wake(struct rts_core *c, struct rts_vcpu *v, u64 now)
{
	const struct rts_server *s = &v->params.server;
	struct rts_edf_state *e = &v->edf;
	u64 d = edf_deadline(v);

	if (now >= edf_period_end(v)) {
		edf_new_period(v, now);
		return;
	}
	if (e->throttled)
		return;
	if (now >= d) {
		e->throttled = true;
		return;
	}
	if (e->budget * s->deadline <= (d - now) * s->budget)
		return;
	if (s->deadline == s->period) {
		edf_new_period(v, now);
		return;
	}
	e->budget = rts_div64((d - now) * s->budget, s->deadline);
	e->throttled = !e->budget;
}

static bool edf_has_budget(const struct rts_vcpu *v)
{
	return !v->edf.throttled;
}

const struct rts_policy_ops rts_edf_ops = {
	.name		= "edf",
	.check		= rts_check_server,
	.admit		= rts_edf_admit,
	.attach		= edf_attach,
	.pick		= edf_pick,
	.account	= edf_account,
	.wake		= edf_wake,
	.has_budget	= edf_has_budget,
};
