// SPDX-License-Identifier: GPL-2.0
/* "--sched" parsing: a policy name, then its KEY=VALUE parameters. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "sched.h"

#define MAX_SPEC	256

static const struct {
	const char *name;
	unsigned long long ns;
} units[] = {
	{ "ns", 1 }, { "us", 1000 }, { "ms", 1000000 }, { "s", 1000000000 },
};

int parse_duration(const char *s, __u64 *ns)
{
	unsigned long long v = 0, mult = 0;
	const char *p = s;
	unsigned int i;

	if (!s || *p < '0' || *p > '9')
		return -EINVAL;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (~0ULL - (*p - '0')) / 10)
			return -ERANGE;
		v = v * 10 + (*p - '0');
	}
	if (!*p)
		mult = 1;
	for (i = 0; i < sizeof(units) / sizeof(units[0]) && !mult; i++)
		if (!strcmp(p, units[i].name))
			mult = units[i].ns;
	if (!mult)
		return -EINVAL;
	if (v > ~0ULL / mult)
		return -ERANGE;
	*ns = v * mult;
	return 0;
}

/* A policy's keys, in the order their values land in @vals. */
struct policy {
	const char *name;
	__u32 id;
	const char *keys[3];
	unsigned int required;	/* bit i: keys[i] must be given */
	int number_key;		/* index of a plain number key (fp's prio), else -1 */
};

static const struct policy policies[] = {
	{ "dedicated", RTVMX_SCHED_DEDICATED, { NULL }, 0, -1 },
	{ "table", RTVMX_SCHED_TABLE, { "offset", "length", "frame" }, 7, -1 },
	{ "edf", RTVMX_SCHED_EDF, { "budget", "period", "deadline" }, 3, -1 },
	{ "fp", RTVMX_SCHED_FP, { "prio", "budget", "period" }, 7, 0 },
};

static int fail(char *err, size_t len, const char *fmt, const char *a, const char *b)
{
	snprintf(err, len, fmt, a, b);
	return -EINVAL;
}

static int key_index(const struct policy *p, const char *key)
{
	int i;

	for (i = 0; i < 3 && p->keys[i]; i++)
		if (!strcmp(key, p->keys[i]))
			return i;
	return -1;
}

static int parse_number(const char *s, __u32 *v)
{
	unsigned long long n = 0;

	if (!*s)
		return -EINVAL;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -EINVAL;
		n = n * 10 + (*s - '0');
		if (n > 0xffffffffULL)
			return -ERANGE;
	}
	*v = n;
	return 0;
}

/* "KEY=VALUE,..." of @p into @vals; @given gets a bit per key seen. */
static int parse_params(const struct policy *p, char *list, __u64 *vals, unsigned int *given,
			char *err, size_t len)
{
	char *item, *save = NULL, *eq;
	__u32 n;
	int i;

	for (item = strtok_r(list, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
		eq = strchr(item, '=');
		if (!eq)
			return fail(err, len, "'%s' is not KEY=VALUE (in %s parameters)", item, p->name);
		*eq = '\0';
		i = key_index(p, item);
		if (i < 0)
			return fail(err, len, "unknown key '%s' for %s", item, p->name);
		if (*given & (1U << i))
			return fail(err, len, "'%s' given twice for %s", item, p->name);
		*given |= 1U << i;
		if (i == p->number_key) {
			if (parse_number(eq + 1, &n))
				return fail(err, len, "%s '%s': want a number below 2^32", item, eq + 1);
			vals[i] = n;
		} else if (parse_duration(eq + 1, &vals[i])) {
			return fail(err, len, "%s '%s': want a time such as 500us, 2ms or 1s", item,
				    eq + 1);
		}
	}
	return 0;
}

static void store(const struct policy *p, const __u64 *v, struct rtvmx_vcpu_config *c)
{
	c->sched_policy = p->id;
	switch (p->id) {
	case RTVMX_SCHED_TABLE:
		c->table.offset = v[0];
		c->table.length = v[1];
		c->table.frame = v[2];
		break;
	case RTVMX_SCHED_EDF:
		c->edf.budget = v[0];
		c->edf.period = v[1];
		c->edf.deadline = v[2];
		break;
	case RTVMX_SCHED_FP:
		c->fp.prio = v[0];
		c->fp.budget = v[1];
		c->fp.period = v[2];
		break;
	}
}

/* The policy of @id in policies[], or NULL. */
static const struct policy *policy_of(__u32 id)
{
	unsigned int i;

	for (i = 0; i < sizeof(policies) / sizeof(policies[0]); i++)
		if (policies[i].id == id)
			return &policies[i];
	return NULL;
}

const char *sched_policy_name(__u32 policy)
{
	const struct policy *p = policy_of(policy);

	return p ? p->name : NULL;
}

/* @ns in the largest unit that divides it ("2ms"; "0" for 0). */
static int format_duration(char *buf, size_t len, __u64 ns)
{
	int i;

	for (i = sizeof(units) / sizeof(units[0]) - 1; i > 0; i--)
		if (ns && !(ns % units[i].ns))
			break;
	return snprintf(buf, len, "%llu%s", ns / units[i].ns, ns ? units[i].name : "");
}

int format_sched_params(const struct rtvmx_vcpu_config *c, char *buf, size_t len)
{
	const struct policy *p = policy_of(c->sched_policy);
	__u64 vals[3] = { 0 };
	char t[3][32];
	int i;

	switch (c->sched_policy) {
	case RTVMX_SCHED_TABLE:
		vals[0] = c->table.offset;
		vals[1] = c->table.length;
		vals[2] = c->table.frame;
		break;
	case RTVMX_SCHED_EDF:
		vals[0] = c->edf.budget;
		vals[1] = c->edf.period;
		vals[2] = c->edf.deadline;
		break;
	case RTVMX_SCHED_FP:
		vals[0] = c->fp.prio;
		vals[1] = c->fp.budget;
		vals[2] = c->fp.period;
		break;
	default:
		return snprintf(buf, len, "%s", "");
	}
	for (i = 0; i < 3; i++) {
		if (i == p->number_key)
			snprintf(t[i], sizeof(t[i]), "%llu", (unsigned long long)vals[i]);
		else
			format_duration(t[i], sizeof(t[i]), vals[i]);
	}
	return snprintf(buf, len, "%s=%s,%s=%s,%s=%s", p->keys[0], t[0], p->keys[1], t[1],
			p->keys[2], t[2]);
}

int parse_sched(const char *s, struct rtvmx_vcpu_config *c, char *err, size_t len)
{
	char buf[MAX_SPEC], *params;
	const struct policy *p = NULL;
	unsigned int i, given = 0;
	__u64 vals[3] = { 0 };
	int ret;

	if (strlen(s) >= sizeof(buf))
		return fail(err, len, "longer than %s characters%s", "255", "");
	strcpy(buf, s);
	params = strchr(buf, ':');
	if (params)
		*params++ = '\0';
	for (i = 0; i < sizeof(policies) / sizeof(policies[0]); i++)
		if (!strcmp(buf, policies[i].name))
			p = &policies[i];
	if (!p)
		return fail(err, len, "unknown policy '%s'%s (want dedicated, table, edf or fp)",
			    buf, "");
	if (params && !p->keys[0])
		return fail(err, len, "%s takes no parameters, got '%s'", p->name, params);
	if (params) {
		ret = parse_params(p, params, vals, &given, err, len);
		if (ret)
			return ret;
	}
	for (i = 0; i < 3; i++)
		if ((p->required & (1U << i)) && !(given & (1U << i)))
			return fail(err, len, "%s needs %s=", p->name, p->keys[i]);
	store(p, vals, c);
	return 0;
}
