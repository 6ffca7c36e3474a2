// SPDX-License-Identifier: GPL-2.0
/* rtsim's text format (README.md): one statement per line, '#' comments. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

#define SIM_LINE_MAX	512

struct parse {
	struct sim *s;
	u32 line;
	bool table_seen;
	char *err;
	size_t len;
};

__attribute__((format(printf, 2, 3)))
static int parse_error(struct parse *p, const char *fmt, ...)
{
	int n = p->line ? snprintf(p->err, p->len, "line %u: ", p->line) : 0;
	va_list ap;

	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < p->len)
		vsnprintf(p->err + n, p->len - n, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static int parse_time_arg(struct parse *p, const char *key, const char *val, u64 *ns)
{
	if (!sim_parse_time(val, ns))
		return parse_error(p, "%s: '%s' is not a time such as 10ms", key, val);
	return 0;
}

static struct sim_vcpu *find_vcpu(struct sim *s, const char *name)
{
	u32 i;

	for (i = 0; i < s->nr; i++)
		if (!strcmp(s->vcpus[i].name, name))
			return &s->vcpus[i];
	return NULL;
}

static int parse_exec(struct parse *p, struct sim_load *l, char *val)
{
	char *save, *tok;

	l->nr_exec = 0;
	for (tok = strtok_r(val, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (l->nr_exec == SIM_MAX_EXEC)
			return parse_error(p, "exec: more than %d times", SIM_MAX_EXEC);
		if (parse_time_arg(p, "exec", tok, &l->exec[l->nr_exec]))
			return -EINVAL;
		if (!l->exec[l->nr_exec++])
			return parse_error(p, "exec: a job needs more than 0ns");
	}
	return l->nr_exec ? 0 : parse_error(p, "exec: no time given");
}

static int parse_load_key(struct parse *p, struct sim_vcpu *v, const char *key, char *val)
{
	struct sim_load *l = &v->load;

	if (!strcmp(key, "exec"))
		return parse_exec(p, l, val);
	if (!strcmp(key, "every"))
		return parse_time_arg(p, key, val, &l->every);
	if (!strcmp(key, "offset"))
		return parse_time_arg(p, key, val, &l->offset);
	if (!strcmp(key, "due"))
		return parse_time_arg(p, key, val, &l->due);
	return parse_error(p, "vcpu %s: unknown key '%s'", v->name, key);
}

static int parse_server_key(struct parse *p, struct sim_vcpu *v, const char *key, char *val)
{
	struct rts_server *srv = &v->params.server;
	char *end;

	if (!strcmp(key, "budget"))
		return parse_time_arg(p, key, val, &srv->budget);
	if (!strcmp(key, "period"))
		return parse_time_arg(p, key, val, &srv->period);
	if (!strcmp(key, "deadline"))
		return parse_time_arg(p, key, val, &srv->deadline);
	if (strcmp(key, "prio") || v->params.policy != RTS_POLICY_FP)
		return parse_load_key(p, v, key, val);
	srv->prio = strtoul(val, &end, 10);
	if (*val < '0' || *val > '9' || *end)
		return parse_error(p, "prio: '%s' is not a number", val);
	return 0;
}

static int parse_vcpu_arg(struct parse *p, struct sim_vcpu *v, char *arg)
{
	char *val = strchr(arg, '=');
	enum rts_policy policy = v->params.policy;

	if (!strcmp(arg, "busy")) {
		v->load.busy = true;
		return 0;
	}
	if (!val)
		return parse_error(p, "vcpu %s: '%s' is not key=value", v->name, arg);
	*val++ = '\0';
	if (policy == RTS_POLICY_EDF || policy == RTS_POLICY_FP)
		return parse_server_key(p, v, arg, val);
	return parse_load_key(p, v, arg, val);
}

static int parse_policy(const char *name, enum rts_policy *policy)
{
	enum rts_policy i;

	for (i = RTS_POLICY_NONE + 1; i < RTS_NR_POLICIES; i++) {
		if (!strcmp(name, rts_policy_name(i))) {
			*policy = i;
			return 0;
		}
	}
	return -EINVAL;
}

/* vcpu NAME POLICY [key=value | busy]... */
static int parse_vcpu(struct parse *p, char **save)
{
	char *name = strtok_r(NULL, " \t", save), *pol = strtok_r(NULL, " \t", save), *arg;
	struct sim *s = p->s;
	struct sim_vcpu *v;
	int err;

	if (!name || !pol)
		return parse_error(p, "expected: vcpu NAME POLICY [key=value]...");
	if (strlen(name) >= SIM_NAME_LEN || find_vcpu(s, name))
		return parse_error(p, "vcpu name '%s' is taken or longer than %d", name,
				   SIM_NAME_LEN - 1);
	if (s->nr == RTS_MAX_VCPUS)
		return parse_error(p, "more than %d vcpus", RTS_MAX_VCPUS);
	v = &s->vcpus[s->nr++];
	strcpy(v->name, name);
	if (parse_policy(pol, &v->params.policy))
		return parse_error(p, "unknown policy '%s' (dedicated, table, edf, fp)", pol);
	while ((arg = strtok_r(NULL, " \t", save))) {
		err = parse_vcpu_arg(p, v, arg);
		if (err)
			return err;
	}
	return 0;
}

/* window=NAME:START-END */
static int parse_window(struct parse *p, char *val)
{
	char *colon = strchr(val, ':'), *dash;
	struct rts_table *t;
	struct rts_window w;
	struct sim_vcpu *v;

	if (!colon || !(dash = strchr(colon, '-')))
		return parse_error(p, "window: expected NAME:START-END, not '%s'", val);
	*colon++ = '\0';
	*dash++ = '\0';
	v = find_vcpu(p->s, val);
	if (!v || v->params.policy != RTS_POLICY_TABLE)
		return parse_error(p, "window: no table vcpu '%s' declared above", val);
	if (parse_time_arg(p, "window", colon, &w.start) ||
	    parse_time_arg(p, "window", dash, &w.end))
		return -EINVAL;
	t = &v->params.table;
	if (t->nr_windows == RTS_MAX_WINDOWS)
		return parse_error(p, "window: vcpu %s has %d already", val, RTS_MAX_WINDOWS);
	t->windows[t->nr_windows++] = w;
	return 0;
}

/* table frame=T window=NAME:START-END... */
static int parse_table(struct parse *p, char **save)
{
	u64 frame = 0;
	char *arg;
	u32 i;

	if (p->table_seen)
		return parse_error(p, "a second table line");
	p->table_seen = true;
	while ((arg = strtok_r(NULL, " \t", save))) {
		if (!strncmp(arg, "frame=", 6)) {
			if (parse_time_arg(p, "frame", arg + 6, &frame))
				return -EINVAL;
		} else if (!strncmp(arg, "window=", 7)) {
			if (parse_window(p, arg + 7))
				return -EINVAL;
		} else {
			return parse_error(p, "table: unknown argument '%s'", arg);
		}
	}
	for (i = 0; i < p->s->nr; i++)
		if (p->s->vcpus[i].params.policy == RTS_POLICY_TABLE)
			p->s->vcpus[i].params.table.frame = frame;
	return frame ? 0 : parse_error(p, "table: frame=T is missing");
}

static int parse_setting(struct parse *p, const char *key, char **save, u64 *ns)
{
	char *val = strtok_r(NULL, " \t", save);

	if (!val || strtok_r(NULL, " \t", save))
		return parse_error(p, "expected: %s TIME", key);
	return parse_time_arg(p, key, val, ns);
}

static int parse_line(struct parse *p, char *line)
{
	char *save, *word;

	line[strcspn(line, "#")] = '\0';
	word = strtok_r(line, " \t\r", &save);
	if (!word)
		return 0;
	if (!strcmp(word, "vcpu"))
		return parse_vcpu(p, &save);
	if (!strcmp(word, "table"))
		return parse_table(p, &save);
	if (!strcmp(word, "span"))
		return parse_setting(p, word, &save, &p->s->span);
	if (!strcmp(word, "latency"))
		return parse_setting(p, word, &save, &p->s->latency);
	return parse_error(p, "unknown statement '%s' (vcpu, table, span, latency)", word);
}

static int check_span(struct parse *p)
{
	if (!p->s->span || p->s->span > SIM_SPAN_MAX)
		return parse_error(p, "span must be in 1ns..1h");
	return 0;
}

/* Job defaults: every period or frame; due at the server's own deadline, else every. */
static int parse_finish_load(struct parse *p, struct sim_vcpu *v)
{
	const struct rts_params *r = &v->params;
	struct sim_load *l = &v->load;
	bool server = r->policy == RTS_POLICY_EDF || r->policy == RTS_POLICY_FP;

	if (!l->nr_exec) {
		l->busy = true;
		return 0;
	}
	if (l->busy)
		return parse_error(p, "vcpu %s: busy and exec= exclude each other", v->name);
	if (!l->every && server)
		l->every = r->server.period;
	if (!l->every && r->policy == RTS_POLICY_TABLE)
		l->every = r->table.frame;
	if (!l->every)
		return parse_error(p, "vcpu %s: jobs need every=T", v->name);
	if (!l->due)
		l->due = server && r->server.deadline ? r->server.deadline : l->every;
	return 0;
}

int sim_parse(struct sim *s, const char *text, char *err, size_t len)
{
	struct parse p = { .s = s, .err = err, .len = len };
	char line[SIM_LINE_MAX];
	size_t n;
	u32 i;
	int ret;

	*s = (struct sim){ .span = 100000000 };
	for (; *text; text += n + (text[n] == '\n')) {
		n = strcspn(text, "\n");
		p.line++;
		if (n >= sizeof(line))
			return parse_error(&p, "longer than %d characters", SIM_LINE_MAX - 1);
		memcpy(line, text, n);
		line[n] = '\0';
		ret = parse_line(&p, line);
		if (ret)
			return ret;
	}
	p.line = 0;
	for (i = 0; i < s->nr; i++) {
		ret = parse_finish_load(&p, &s->vcpus[i]);
		if (ret)
			return ret;
	}
	return check_span(&p);
}

int sim_override(struct sim *s, const char *span, const char *latency, char *err, size_t len)
{
	struct parse p = { .s = s, .err = err, .len = len };

	if (span && parse_time_arg(&p, "span", span, &s->span))
		return -EINVAL;
	if (latency && parse_time_arg(&p, "latency", latency, &s->latency))
		return -EINVAL;
	return check_span(&p);
}
