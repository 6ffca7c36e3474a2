// SPDX-License-Identifier: GPL-2.0
/* The policy-neutral per-core scheduler: membership, dispatch, statistics. */
#include "rts_internal.h"

static const struct rts_policy_ops *const rts_ops[RTS_NR_POLICIES] = {
	[RTS_POLICY_DEDICATED]	= &rts_dedicated_ops,
	[RTS_POLICY_TABLE]	= &rts_table_ops,
	[RTS_POLICY_EDF]	= &rts_edf_ops,
	[RTS_POLICY_FP]		= &rts_fp_ops,
};

static bool rts_policy_valid(enum rts_policy policy)
{
	return policy > RTS_POLICY_NONE && policy < RTS_NR_POLICIES;
}

const char *rts_policy_name(enum rts_policy policy)
{
	return rts_policy_valid(policy) ? rts_ops[policy]->name : "none";
}

void rts_core_init(struct rts_core *c)
{
	*c = (struct rts_core){ .policy = RTS_POLICY_NONE, .granted_until = RTS_NEVER };
}

void rts_vcpu_init(struct rts_vcpu *v, const char *name, const struct rts_params *p)
{
	struct rts_server *s = &v->params.server;

	*v = (struct rts_vcpu){ .name = name, .params = *p };
	if ((p->policy == RTS_POLICY_EDF || p->policy == RTS_POLICY_FP) && !s->deadline)
		s->deadline = s->period;
}

/* Where @v is in c->vcpus; c->nr when it is not there. */
static u32 rts_index(const struct rts_core *c, const struct rts_vcpu *v)
{
	u32 i;

	for (i = 0; i < c->nr && c->vcpus[i] != v; i++)
		;
	return i;
}

int rts_admit(const struct rts_core *c, const struct rts_vcpu *v, char *why, size_t len)
{
	const struct rts_vcpu *set[RTS_MAX_VCPUS];
	enum rts_policy policy = v->params.policy;
	const struct rts_policy_ops *ops;
	int err;
	u32 i;

	if (!rts_policy_valid(policy))
		return rts_refuse(why, len, -EINVAL, "vcpu %s: unknown policy %d", v->name, policy);
	ops = rts_ops[policy];
	if (ops->check) {
		err = ops->check(v, why, len);
		if (err)
			return err;
	}
	if (rts_index(c, v) < c->nr)
		return rts_refuse(why, len, -EINVAL, "vcpu %s is already on this core", v->name);
	if (c->nr && c->policy != policy)
		return rts_refuse(why, len, -EBUSY, "vcpu %s asks for %s, but the core runs %s",
				  v->name, ops->name, rts_policy_name(c->policy));
	if (c->nr == RTS_MAX_VCPUS)
		return rts_refuse(why, len, -EBUSY, "core already holds %d vcpus, its most",
				  RTS_MAX_VCPUS);
	for (i = 0; i < c->nr; i++)
		set[i] = c->vcpus[i];
	set[c->nr] = v;
	return ops->admit(set, c->nr + 1, why, len);
}

void rts_join(struct rts_core *c, struct rts_vcpu *v, u64 now)
{
	c->policy = v->params.policy;
	c->vcpus[c->nr++] = v;
	v->runnable = true;
	if (rts_ops[c->policy]->attach)
		rts_ops[c->policy]->attach(c, v, now);
}

int rts_add(struct rts_core *c, struct rts_vcpu *v, u64 now, char *why, size_t len)
{
	int err = rts_admit(c, v, why, len);

	if (err)
		return err;
	rts_join(c, v, now);
	return 0;
}

int rts_remove(struct rts_core *c, struct rts_vcpu *v)
{
	u32 i = rts_index(c, v);

	if (i == c->nr)
		return -EINVAL;
	for (c->nr--; i < c->nr; i++)
		c->vcpus[i] = c->vcpus[i + 1];
	if (c->cur == v)
		c->cur = NULL;
	if (rts_ops[c->policy]->detach)
		rts_ops[c->policy]->detach(c);
	if (!c->nr)
		c->policy = RTS_POLICY_NONE;
	return 0;
}

/* @prev lost the core to @v, or to idling, while it could still run. */
static bool rts_preempted(const struct rts_core *c, const struct rts_vcpu *prev,
			  const struct rts_vcpu *v)
{
	const struct rts_policy_ops *ops = rts_ops[c->policy];

	return prev && prev != v && prev->runnable && ops->has_budget && ops->has_budget(prev);
}

struct rts_vcpu *rts_pick(struct rts_core *c, u64 now, u64 *next)
{
	struct rts_vcpu *v = NULL;

	*next = RTS_NEVER;
	if (c->nr)
		v = rts_ops[c->policy]->pick(c, now, next);
	if (c->nr && rts_preempted(c, c->cur, v))
		c->cur->stats.nr_preemptions++;
	if (v && v != c->cur)
		v->stats.nr_runs++;
	c->cur = v;
	c->granted_until = *next;
	return v;
}

void rts_account(struct rts_core *c, u64 now, u64 ran)
{
	struct rts_vcpu *v = c->cur;
	struct rts_stats *st;
	u64 over;

	if (!v)
		return;
	st = &v->stats;
	st->runtime += ran;
	over = rts_ops[c->policy]->account(c, v, now, ran);
	if (!over)
		return;
	st->nr_overruns++;
	st->overrun_total += over;
	st->overrun_max = rts_max(st->overrun_max, over);
}

void rts_block(struct rts_core *c, struct rts_vcpu *v, u64 now)
{
	if (!v->runnable)
		return;
	v->runnable = false;
	if (rts_ops[c->policy]->block)
		rts_ops[c->policy]->block(c, v, now);
	if (c->cur == v)
		c->cur = NULL;
}

void rts_wake(struct rts_core *c, struct rts_vcpu *v, u64 now)
{
	if (v->runnable)
		return;
	v->runnable = true;
	if (rts_ops[c->policy]->wake)
		rts_ops[c->policy]->wake(c, v, now);
}
