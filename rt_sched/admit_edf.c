// SPDX-License-Identifier: GPL-2.0
/*
 * Admission for EDF: the processor-demand criterion (Baruah, Rosier & Howell).
 * A set of servers (Q, D, P) is schedulable iff U = sum Q/P <= 1 and, for
 * every absolute deadline t up to a bound L, the demand bound
 *	dbf(t) = sum over D_i <= t of (floor((t - D_i) / P_i) + 1) * Q_i <= t.
 * With all D = P, U <= 1 suffices. Otherwise Quick Processor-demand Analysis
 * (Zhang & Burns, 2009) walks the deadlines down from L, where L is the
 * hyperperiod or, when U < 1, the bound
 *	La = max(D_max, sum (P_i - D_i) * U_i / (1 - U)),
 * whichever is smaller. U is exact as a sum over the hyperperiod while that
 * fits; past that a fixed-point sum rounded up decides, which can only refuse
 * a set within rounding of 100%.
 */
#include "rts_internal.h"

#define EDF_FX_SHIFT		32
#define EDF_FX_ONE		(1ULL << EDF_FX_SHIFT)
/* RTS_MAX_VCPUS terms of at most this keep the exact sum under 2^63. */
#define EDF_HYPER_MAX		(1ULL << 59)
#define EDF_QPA_MAX_STEPS	(1U << 20)

struct edf_load {
	u64 hyper;	/* lcm of the periods; 0 when over EDF_HYPER_MAX */
	u64 demand;	/* sum of Q * hyper / P, so U = demand / hyper (when hyper) */
	u64 fx;		/* sum of U_i * 2^32, each rounded up */
};

static const struct rts_server *edf_server(const struct rts_vcpu *v)
{
	return &v->params.server;
}

static u64 edf_gcd(u64 a, u64 b)
{
	u64 r;

	while (b) {
		r = rts_rem64(a, b);
		a = b;
		b = r;
	}
	return a;
}

static u64 edf_hyperperiod(const struct rts_vcpu *const *set, u32 n)
{
	u64 h = 1, p, lcm;
	u32 i;

	for (i = 0; i < n; i++) {
		p = edf_server(set[i])->period;
		if (rts_mul_overflow(rts_div64(h, edf_gcd(h, p)), p, &lcm) || lcm > EDF_HYPER_MAX)
			return 0;
		h = lcm;
	}
	return h;
}

/* Q < 2^32 (Q <= P <= RTS_PERIOD_MAX), so the shift cannot overflow. */
static u64 edf_fx_util(const struct rts_server *s)
{
	return rts_div64_up(s->budget << EDF_FX_SHIFT, s->period);
}

static void edf_load(const struct rts_vcpu *const *set, u32 n, struct edf_load *l)
{
	const struct rts_server *s;
	u32 i;

	*l = (struct edf_load){ .hyper = edf_hyperperiod(set, n) };
	for (i = 0; i < n; i++) {
		s = edf_server(set[i]);
		l->fx += edf_fx_util(s);
		if (l->hyper)
			l->demand += s->budget * rts_div64(l->hyper, s->period);
	}
}

static bool edf_over_one(const struct edf_load *l)
{
	return l->hyper ? l->demand > l->hyper : l->fx > EDF_FX_ONE;
}

static int edf_refuse_util(const struct edf_load *l, char *why, size_t len)
{
	/* U in ten-thousandths of a percent (100% is 1000000), rounded up. */
	u64 u = rts_div64_up(l->fx * 1000000, EDF_FX_ONE);

	return rts_refuse(why, len, -EBUSY,
			  "EDF utilization bound violated: U = %llu.%04llu%% > 100%%%s",
			  rts_div64(u, 10000), rts_rem64(u, 10000),
			  l->hyper ? "" : " (rounded up: hyperperiod too long to sum exactly)");
}

static bool edf_implicit(const struct rts_vcpu *const *set, u32 n)
{
	u32 i;

	for (i = 0; i < n; i++)
		if (edf_server(set[i])->deadline != edf_server(set[i])->period)
			return false;
	return true;
}

/* La rounded up, or 0 when it cannot be had (U rounds to 1, or overflow). */
static u64 edf_la(const struct rts_vcpu *const *set, u32 n, const struct edf_load *l)
{
	const struct rts_server *s;
	u64 num = 0, term, dmax = 0;
	u32 i;

	if (l->fx >= EDF_FX_ONE)
		return 0;
	for (i = 0; i < n; i++) {
		s = edf_server(set[i]);
		dmax = rts_max(dmax, s->deadline);
		if (rts_mul_overflow(s->period - s->deadline, edf_fx_util(s), &term) ||
		    rts_add_overflow(num, term, &num))
			return 0;
	}
	return rts_max(dmax, rts_div64_up(num, EDF_FX_ONE - l->fx));
}

/* dbf(t); t <= EDF_HYPER_MAX and U <= 1 keep it in range. */
static u64 edf_dbf(const struct rts_vcpu *const *set, u32 n, u64 t)
{
	const struct rts_server *s;
	u64 demand = 0;
	u32 i;

	for (i = 0; i < n; i++) {
		s = edf_server(set[i]);
		if (t >= s->deadline)
			demand += (rts_div64(t - s->deadline, s->period) + 1) * s->budget;
	}
	return demand;
}

/* The latest absolute deadline before @t, or 0 when there is none. */
static u64 edf_deadline_before(const struct rts_vcpu *const *set, u32 n, u64 t)
{
	const struct rts_server *s;
	u64 latest = 0, k;
	u32 i;

	for (i = 0; i < n; i++) {
		s = edf_server(set[i]);
		if (t <= s->deadline)
			continue;
		k = rts_div64(t - 1 - s->deadline, s->period);
		latest = rts_max(latest, s->deadline + k * s->period);
	}
	return latest;
}

static u64 edf_dmin(const struct rts_vcpu *const *set, u32 n)
{
	u64 dmin = RTS_NEVER;
	u32 i;

	for (i = 0; i < n; i++)
		dmin = rts_min(dmin, edf_server(set[i])->deadline);
	return dmin;
}

static int edf_qpa(const struct rts_vcpu *const *set, u32 n, u64 limit, char *why, size_t len)
{
	u64 dmin = edf_dmin(set, n), t, h;
	u32 step;

	t = edf_deadline_before(set, n, limit + 1);
	for (step = 0; step < EDF_QPA_MAX_STEPS && t; step++) {
		h = edf_dbf(set, n, t);
		if (h > t)
			return rts_refuse(why, len, -EBUSY,
					  "EDF demand bound violated: dbf(%llu ns) = %llu ns > %llu ns",
					  t, h, t);
		if (h <= dmin)
			return 0;
		t = h < t ? h : edf_deadline_before(set, n, t);
	}
	if (t)
		return rts_refuse(why, len, -EBUSY,
				  "EDF demand-bound test undecided after %u steps",
				  EDF_QPA_MAX_STEPS);
	return 0;
}

int rts_edf_admit(const struct rts_vcpu *const *set, u32 n, char *why, size_t len)
{
	struct edf_load l;
	u64 limit;

	edf_load(set, n, &l);
	if (edf_over_one(&l))
		return edf_refuse_util(&l, why, len);
	if (edf_implicit(set, n))
		return 0;
	limit = edf_la(set, n, &l);
	if (l.hyper && (!limit || limit > l.hyper))
		limit = l.hyper;
	if (!limit || limit > EDF_HYPER_MAX)
		return rts_refuse(why, len, -EBUSY,
				  "EDF demand-bound test has no interval to check: U too close to 100%% and hyperperiod too long");
	return edf_qpa(set, n, limit, why, len);
}
