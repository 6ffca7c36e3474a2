// SPDX-License-Identifier: GPL-2.0
/*
 * Admission for fixed priority: response-time analysis (Joseph & Pandya;
 * Audsley et al.). Each sporadic server counts as a periodic task (Q, P); the
 * worst-case response time of server i is the least fixed point of
 *	R = Q_i + sum over higher priorities j of ceil(R / P_j) * Q_j
 * and it must not exceed D_i. Priorities are unique on a core.
 */
#include "rts_internal.h"

/* R grows by at least RTS_SLICE_MIN a step and stops above D <= RTS_PERIOD_MAX. */
#define RTS_RTA_MAX_STEPS	(RTS_PERIOD_MAX / RTS_SLICE_MIN + 1)

static int fp_unique(const struct rts_vcpu *const *set, u32 n, char *why, size_t len)
{
	u32 i, k;

	for (i = 0; i < n; i++)
		for (k = 0; k < i; k++)
			if (set[k]->params.server.prio == set[i]->params.server.prio)
				return rts_refuse(why, len, -EBUSY,
						  "fp: vcpu %s's priority %u is vcpu %s's already",
						  set[i]->name, set[i]->params.server.prio,
						  set[k]->name);
	return 0;
}

/* One step: Q_i plus the interference of higher priorities in a window of @w. */
static u64 fp_demand(const struct rts_vcpu *const *set, u32 n, u32 i, u64 w)
{
	const struct rts_server *s = &set[i]->params.server, *h;
	u64 demand = s->budget;
	u32 k;

	for (k = 0; k < n; k++) {
		h = &set[k]->params.server;
		if (h->prio > s->prio)
			demand += rts_div64_up(w, h->period) * h->budget;
	}
	return demand;
}

static int fp_response_time(const struct rts_vcpu *const *set, u32 n, u32 i, u64 *resp,
			    char *why, size_t len)
{
	const struct rts_server *s = &set[i]->params.server;
	u64 w = s->budget, next, step;

	for (step = 0; step < RTS_RTA_MAX_STEPS; step++) {
		next = fp_demand(set, n, i, w);
		if (next > s->deadline)
			return rts_refuse(why, len, -EBUSY,
					  "fp: response-time bound violated: vcpu %s's response time reaches %llu ns, over its %llu ns deadline",
					  set[i]->name, next, s->deadline);
		if (next == w) {
			*resp = w;
			return 0;
		}
		w = next;
	}
	return rts_refuse(why, len, -EBUSY,
			  "fp: response-time analysis of vcpu %s did not converge",
			  set[i]->name);
}

int rts_fp_response_times(const struct rts_vcpu *const *set, u32 n, u64 *resp,
			  char *why, size_t len)
{
	int err = fp_unique(set, n, why, len);
	u64 r;
	u32 i;

	for (i = 0; i < n && !err; i++)
		err = fp_response_time(set, n, i, resp ? &resp[i] : &r, why, len);
	return err;
}

int rts_fp_admit(const struct rts_vcpu *const *set, u32 n, char *why, size_t len)
{
	return rts_fp_response_times(set, n, NULL, why, len);
}
