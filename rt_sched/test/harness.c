// SPDX-License-Identifier: GPL-2.0
/* What the rt_sched/ unit tests share. */
#include <string.h>

#include "harness.h"

struct rts_params edf_params(u64 budget, u64 period, u64 deadline)
{
	return (struct rts_params){
		.policy = RTS_POLICY_EDF,
		.server = { .budget = budget, .period = period, .deadline = deadline },
	};
}

struct rts_params fp_params(u32 prio, u64 budget, u64 period)
{
	return (struct rts_params){
		.policy = RTS_POLICY_FP,
		.server = { .budget = budget, .period = period, .prio = prio },
	};
}

struct rts_params table_params(u64 frame, const u64 *windows, u32 n)
{
	struct rts_params p = { .policy = RTS_POLICY_TABLE, .table = { .frame = frame } };
	u32 i;

	for (i = 0; i < n && i < RTS_MAX_WINDOWS; i++)
		p.table.windows[i] = (struct rts_window){ windows[2 * i], windows[2 * i + 1] };
	p.table.nr_windows = n;
	return p;
}

int add_vcpu(struct rts_core *c, struct rts_vcpu *v, const char *name,
	     const struct rts_params *p, u64 now)
{
	char why[200];
	int err;

	rts_vcpu_init(v, name, p);
	err = rts_add(c, v, now, why, sizeof(why));
	if (err)
		tap_diag("vcpu %s refused (%d): %s", name, err, why);
	return err;
}

void one_vcpu(struct rts_core *c, struct rts_vcpu *v, const struct rts_params *p)
{
	rts_core_init(c);
	add_vcpu(c, v, "v", p, 0);
}

void run_and_block(struct rts_core *c, struct rts_vcpu *v, u64 from, u64 to)
{
	u64 next;

	if (rts_pick(c, from, &next) != v)
		tap_diag("vcpu %s not picked at %llu", v->name, from);
	rts_account(c, to, to - from);
	rts_block(c, v, to);
}

bool sim_load(struct sim *s, const char *cfg)
{
	char err[256];

	if (sim_parse(s, cfg, err, sizeof(err)) || sim_setup(s, err, sizeof(err))) {
		tap_diag("%s", err);
		return false;
	}
	return true;
}

struct schedule {
	char *buf;
	size_t len;
	size_t used;
};

static void add_stretch(void *arg, const struct sim_vcpu *v, u64 start, u64 end)
{
	struct schedule *sc = arg;
	char t[24];
	int n;

	n = snprintf(sc->buf + sc->used, sc->len - sc->used, "%s%s@%s", sc->used ? " " : "",
		     v ? v->name : "-", sim_time(t, sizeof(t), start));
	if (n > 0)
		sc->used = strnlen(sc->buf, sc->len - 1);
}

const char *sim_schedule(struct sim *s, char *buf, size_t len)
{
	struct schedule sc = { .buf = buf, .len = len };

	buf[0] = '\0';
	s->segment = add_stretch;
	s->segment_arg = &sc;
	sim_run(s);
	return buf;
}

bool check_schedule(const char *what, const char *cfg, const char *want)
{
	static struct sim s;
	char got[2048];
	bool ok;

	if (!sim_load(&s, cfg))
		return tap_check(false, "%s", what);
	sim_schedule(&s, got, sizeof(got));
	ok = !strcmp(got, want) && !s.bad_events;
	if (!ok) {
		tap_diag("got  %s", got);
		tap_diag("want %s", want);
		tap_diag("picks whose next event was not after now: %llu", s.bad_events);
	}
	return tap_check(ok, "%s", what);
}
