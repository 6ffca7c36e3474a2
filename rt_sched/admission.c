// SPDX-License-Identifier: GPL-2.0
/* Admission: the reason helper and the checks of one vCPU's own parameters (-EINVAL). */
#include "rts_internal.h"

int rts_refuse(char *why, size_t len, int err, const char *fmt, ...)
{
	va_list ap;

	if (len) {
		va_start(ap, fmt);
		vsnprintf(why, len, fmt, ap);
		va_end(ap);
	}
	return err;
}

int rts_check_server(const struct rts_vcpu *v, char *why, size_t len)
{
	const struct rts_server *s = &v->params.server;

	if (!s->period || s->period > RTS_PERIOD_MAX)
		return rts_refuse(why, len, -EINVAL,
				  "vcpu %s: period %llu ns is not in 1..%llu ns",
				  v->name, s->period, RTS_PERIOD_MAX);
	if (s->budget < RTS_SLICE_MIN)
		return rts_refuse(why, len, -EINVAL,
				  "vcpu %s: budget %llu ns is under the %llu ns minimum",
				  v->name, s->budget, RTS_SLICE_MIN);
	if (s->deadline > s->period)
		return rts_refuse(why, len, -EINVAL,
				  "vcpu %s: deadline %llu ns is over its period %llu ns",
				  v->name, s->deadline, s->period);
	if (s->budget > s->deadline)
		return rts_refuse(why, len, -EINVAL,
				  "vcpu %s: budget %llu ns is over its deadline %llu ns",
				  v->name, s->budget, s->deadline);
	return 0;
}

static int rts_check_window(const struct rts_vcpu *v, const struct rts_window *w,
			    char *why, size_t len)
{
	const struct rts_table *t = &v->params.table;

	if (w->end > t->frame)
		return rts_refuse(why, len, -EINVAL,
				  "vcpu %s: window [%llu, %llu) ns ends after the %llu ns frame",
				  v->name, w->start, w->end, t->frame);
	if (w->start >= w->end || w->end - w->start < RTS_SLICE_MIN)
		return rts_refuse(why, len, -EINVAL,
				  "vcpu %s: window [%llu, %llu) ns is shorter than the %llu ns minimum",
				  v->name, w->start, w->end, RTS_SLICE_MIN);
	return 0;
}

int rts_check_table(const struct rts_vcpu *v, char *why, size_t len)
{
	const struct rts_table *t = &v->params.table;
	u32 i, k;
	int err;

	if (!t->frame || t->frame > RTS_PERIOD_MAX)
		return rts_refuse(why, len, -EINVAL,
				  "vcpu %s: frame %llu ns is not in 1..%llu ns",
				  v->name, t->frame, RTS_PERIOD_MAX);
	if (!t->nr_windows || t->nr_windows > RTS_MAX_WINDOWS)
		return rts_refuse(why, len, -EINVAL, "vcpu %s: %u windows, not 1..%d",
				  v->name, t->nr_windows, RTS_MAX_WINDOWS);
	for (i = 0; i < t->nr_windows; i++) {
		err = rts_check_window(v, &t->windows[i], why, len);
		for (k = 0; k < i && !err; k++)
			if (rts_windows_overlap(&t->windows[k], &t->windows[i]))
				err = rts_refuse(why, len, -EINVAL,
						 "vcpu %s: its windows [%llu, %llu) and [%llu, %llu) ns overlap",
						 v->name, t->windows[k].start, t->windows[k].end,
						 t->windows[i].start, t->windows[i].end);
		if (err)
			return err;
	}
	return 0;
}
