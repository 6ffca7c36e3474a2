// SPDX-License-Identifier: GPL-2.0
/* Dedicated: one vCPU owns the core. No timer, nothing to account. */
#include "rts_internal.h"

static int dedicated_admit(const struct rts_vcpu *const *set, u32 n, char *why, size_t len)
{
	if (n > 1)
		return rts_refuse(why, len, -EBUSY,
				  "dedicated: vcpu %s already owns the core; vcpu %s cannot share it",
				  set[0]->name, set[n - 1]->name);
	return 0;
}

static struct rts_vcpu *dedicated_pick(struct rts_core *c, u64 now, u64 *next)
{
	struct rts_vcpu *v = c->vcpus[0];

	return v->runnable ? v : NULL;
}

static u64 dedicated_account(struct rts_core *c, struct rts_vcpu *v, u64 now, u64 ran)
{
	return 0;
}

const struct rts_policy_ops rts_dedicated_ops = {
	.name		= "dedicated",
	.admit		= dedicated_admit,
	.pick		= dedicated_pick,
	.account	= dedicated_account,
};
