// SPDX-License-Identifier: GPL-2.0
/*
 * Fixed priority over sporadic servers (Sprunt, Sha & Lehoczky), with the
 * corrections of Stanovich et al. (RTAS 2010) to the POSIX rules. A server is
 * active from the moment it is runnable with budget (its activation) until
 * it blocks or runs dry; what it consumed in that stretch comes back one
 * period after the activation. Budget that comes back while it is active
 * ends the stretch there and starts a new one, so no budget ever returns
 * early. Response-time analysis may then treat a server as a periodic task
 * (Q, P). With every replenishment slot in use, the newest is merged into
 * the last at the later time: that only delays budget.
 */
#include "rts_internal.h"

static struct rts_repl *ss_tail(struct rts_ss_state *ss)
{
	return &ss->repl[(ss->head + ss->nr - 1) % RTS_SS_MAX_REPL];
}

static void ss_post(struct rts_ss_state *ss, u64 at, u64 amount)
{
	struct rts_repl *tail;

	if (ss->nr == RTS_SS_MAX_REPL) {
		tail = ss_tail(ss);
		tail->at = rts_max(tail->at, at);
		tail->amount += amount;
		return;
	}
	ss->nr++;
	*ss_tail(ss) = (struct rts_repl){ .at = at, .amount = amount };
}

static void ss_begin(struct rts_vcpu *v, u64 t)
{
	struct rts_ss_state *ss = &v->ss;

	if (ss->active || !v->runnable || !ss->capacity)
		return;
	ss->active = true;
	ss->activation = t;
	ss->consumed = 0;
}

static void ss_end(struct rts_vcpu *v)
{
	struct rts_ss_state *ss = &v->ss;

	if (!ss->active)
		return;
	ss->active = false;
	if (ss->consumed)
		ss_post(ss, ss->activation + v->params.server.period, ss->consumed);
	ss->consumed = 0;
}

/*
 * Each replenishment due by @now, at the time it was due or, if the server
 * became ready only later, at @ready. It ends an active stretch even before
 * anything was consumed in it: all the budget then counts from the later
 * time, so none comes back early.
 */
static void ss_replenish(struct rts_vcpu *v, u64 now, u64 ready)
{
	struct rts_ss_state *ss = &v->ss;
	struct rts_repl r;

	while (ss->nr && ss->repl[ss->head].at <= now) {
		r = ss->repl[ss->head];
		ss->head = (ss->head + 1) % RTS_SS_MAX_REPL;
		ss->nr--;
		ss_end(v);
		ss->capacity += r.amount;
		ss_begin(v, rts_max(r.at, ready));
	}
}

static u64 ss_next_repl(const struct rts_ss_state *ss)
{
	return ss->nr ? ss->repl[ss->head].at : RTS_NEVER;
}

static void fp_attach(struct rts_core *c, struct rts_vcpu *v, u64 now)
{
	v->ss = (struct rts_ss_state){ .capacity = v->params.server.budget };
	ss_begin(v, now);
}

static bool fp_before(const struct rts_vcpu *a, const struct rts_vcpu *b)
{
	return !b || a->params.server.prio > b->params.server.prio;
}

/*
 * Events: @best running dry or getting budget back (which splits its
 * stretch), and budget coming back to a depleted server above it.
 */
static struct rts_vcpu *fp_pick(struct rts_core *c, u64 now, u64 *next)
{
	struct rts_vcpu *best = NULL, *v;
	u32 i;

	for (i = 0; i < c->nr; i++) {
		v = c->vcpus[i];
		ss_replenish(v, now, 0);
		if (v->runnable && v->ss.capacity && fp_before(v, best))
			best = v;
	}
	if (best)
		*next = rts_min(now + best->ss.capacity, ss_next_repl(&best->ss));
	for (i = 0; i < c->nr; i++) {
		v = c->vcpus[i];
		if (v->runnable && !v->ss.capacity && fp_before(v, best))
			*next = rts_min(*next, ss_next_repl(&v->ss));
	}
	return best;
}

static u64 fp_account(struct rts_core *c, struct rts_vcpu *v, u64 now, u64 ran)
{
	struct rts_ss_state *ss = &v->ss;
	u64 used = rts_min(ran, ss->capacity);

	ss->capacity -= used;
	ss->consumed += used;
	if (!ss->capacity)
		ss_end(v);
	return ran - used;
}

static void fp_block(struct rts_core *c, struct rts_vcpu *v, u64 now)
{
	ss_end(v);
}

static void fp_wake(struct rts_core *c, struct rts_vcpu *v, u64 now)
{
	ss_replenish(v, now, now);
	ss_begin(v, now);
}

static bool fp_has_budget(const struct rts_vcpu *v)
{
	return v->ss.capacity;
}

const struct rts_policy_ops rts_fp_ops = {
	.name		= "fp",
	.check		= rts_check_server,
	.admit		= rts_fp_admit,
	.attach		= fp_attach,
	.pick		= fp_pick,
	.account	= fp_account,
	.block		= fp_block,
	.wake		= fp_wake,
	.has_budget	= fp_has_budget,
};
