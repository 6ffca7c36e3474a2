// SPDX-License-Identifier: GPL-2.0
/* Text and JSON renderings of VMs, CPUs and events reported over netlink. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/rtvmx_netlink.h>

#include "format.h"
#include "parse.h"
#include "out.h"
#include "result.h"
#include "sched.h"
#include "vmstatus.h"

static const char *const vm_states[] = { "created", "running", "stopped" };
static const char *const cpu_states[] = { RTVMX_CPU_STATE_NAMES };

/* A JSON string: quotes, backslashes and control characters escaped. */
static void out_json_str(struct out *o, const char *s, size_t max)
{
	size_t i;

	out_printf(o, "\"");
	for (i = 0; i < max && s[i]; i++) {
		unsigned char c = s[i];

		if (c == '"' || c == '\\')
			out_printf(o, "\\%c", c);
		else if (c < 0x20)
			out_printf(o, "\\u%04x", c);
		else
			out_printf(o, "%c", c);
	}
	out_printf(o, "\"");
}

int vm_ref_parse(const char *s, struct vm_ref *ref)
{
	char *end;
	unsigned long v;

	memset(ref, 0, sizeof(*ref));
	if (*s >= '0' && *s <= '9') {
		if (strspn(s, "0123456789") != strlen(s) || strlen(s) > 10)
			return -1;
		v = strtoul(s, &end, 10);
		if (v > 0xffffffffUL)
			return -1;
		ref->by_id = true;
		ref->id = v;
		return 0;
	}
	if (!*s || !vm_name_valid(s))
		return -1;
	ref->name = s;
	return 0;
}

const char *vm_ref_missing(const struct vm_ref *ref, char *buf, size_t size)
{
	if (ref->by_id)
		snprintf(buf, size, "no VM with id %u", ref->id);
	else
		snprintf(buf, size, "no VM named %s", ref->name);
	return buf;
}

const char *vm_state_name(__u32 state)
{
	return state < sizeof(vm_states) / sizeof(vm_states[0]) ? vm_states[state] : "unknown";
}

const char *cpu_state_name(__u32 state)
{
	return state < sizeof(cpu_states) / sizeof(cpu_states[0]) ? cpu_states[state] : "unknown";
}

const char *event_name(__u8 cmd)
{
	switch (cmd) {
	case RTVMX_CMD_EVENT_VM_STARTED:
		return "started";
	case RTVMX_CMD_EVENT_VM_STOPPED:
		return "stopped";
	case RTVMX_CMD_EVENT_VM_CRASHED:
		return "crashed";
	case RTVMX_CMD_EVENT_DEADLINE_MISSED:
		return "deadline_missed";
	case RTVMX_CMD_EVENT_CPU_RESERVED:
		return "cpu_reserved";
	case RTVMX_CMD_EVENT_CPU_RELEASED:
		return "cpu_released";
	default:
		return "unknown";
	}
}

static const char *stop_name(__u32 reason)
{
	const char *name = stop_reason_name(reason);

	return name ? name : "unknown";
}

/* A vCPU that shares its CPU: it has parameters, and the scheduler counts its time. */
static bool shared(const struct vm_status *st)
{
	return st->sched.sched_policy != RTVMX_SCHED_DEDICATED;
}

static const char *sched_name(__u32 policy)
{
	const char *name = sched_policy_name(policy);

	return name ? name : "unknown";
}

int vm_list_header(char *buf, size_t size)
{
	return snprintf(buf, size, "%-5s %-20s %-8s %-4s %-8s %-10s %s\n",
			"ID", "NAME", "STATE", "CPU", "MEM", "FLAGS", "STOP");
}

/* Bytes as "16M", "512K" or "1G" when exact, else bytes. */
static void out_size(struct out *o, __u64 n)
{
	if (n && !(n % (1ULL << 30)))
		out_printf(o, "%lluG", (unsigned long long)(n >> 30));
	else if (n && !(n % (1ULL << 20)))
		out_printf(o, "%lluM", (unsigned long long)(n >> 20));
	else if (n && !(n % 1024))
		out_printf(o, "%lluK", (unsigned long long)(n >> 10));
	else
		out_printf(o, "%llu", (unsigned long long)n);
}

int vm_list_line(char *buf, size_t size, const struct vm_status *st)
{
	const struct rtvmx_vm_info *i = &st->info;
	char cpu[12], mem[24];
	struct out o;

	if (i->cpu >= 0)
		snprintf(cpu, sizeof(cpu), "%d", i->cpu);
	else
		snprintf(cpu, sizeof(cpu), "-");
	out_init(&o, mem, sizeof(mem));
	out_size(&o, i->mem_size);
	return snprintf(buf, size, "%-5u %-20.*s %-8s %-4s %-8s %-10s %s\n", i->id,
			RTVMX_NAME_LEN, i->name, vm_state_name(i->state), cpu, mem,
			st->flags & RTVMX_VM_PERSISTENT ? "persistent" : "-",
			i->stop_reason ? stop_name(i->stop_reason) : "-");
}

int vm_info_text(char *buf, size_t size, const struct vm_status *st)
{
	const struct rtvmx_vm_info *i = &st->info;
	char params[128];
	struct out o;

	out_init(&o, buf, size);
	out_printf(&o, "id: %u\nname: %.*s\nstate: %s\npersistent: %s\nmem_size: %llu\n",
		   i->id, RTVMX_NAME_LEN, i->name, vm_state_name(i->state),
		   st->flags & RTVMX_VM_PERSISTENT ? "yes" : "no",
		   (unsigned long long)i->mem_size);
	if (i->cpu >= 0)
		out_printf(&o, "cpu: %d\n", i->cpu);
	else
		out_printf(&o, "cpu: -\n");
	out_printf(&o, "vcpus: %u\n", i->nr_vcpus);
	if (st->has_sched) {
		format_sched_params(&st->sched, params, sizeof(params));
		out_printf(&o, "sched_policy: %s\n", sched_name(st->sched.sched_policy));
		if (shared(st))
			out_printf(&o, "sched_params: %s\nsched_runtime_ns: %llu\n"
				   "sched_overruns: %llu\nsched_deadline_misses: %llu\n", params,
				   (unsigned long long)i->sched_runtime_ns,
				   (unsigned long long)i->sched_overruns,
				   (unsigned long long)i->sched_deadline_misses);
	}
	out_apicv(&o, i->apicv, false);
	out_printf(&o, "stop_reason: %s\nstop_detail: %#llx\nexit_code: %llu\n",
		   stop_name(i->stop_reason), (unsigned long long)i->stop_detail,
		   (unsigned long long)i->exit_code);
	out_printf(&o, "guest_ns: %llu\nhost_ns: %llu\nexits: %llu\n",
		   (unsigned long long)i->guest_ns, (unsigned long long)i->host_ns,
		   (unsigned long long)i->exits_total);
	return o.len;
}

int vm_info_json(char *buf, size_t size, const struct vm_status *st)
{
	const struct rtvmx_vm_info *i = &st->info;
	char params[128];
	struct out o;

	out_init(&o, buf, size);
	out_printf(&o, "{\"id\": %u, \"name\": ", i->id);
	out_json_str(&o, i->name, RTVMX_NAME_LEN);
	out_printf(&o, ", \"state\": \"%s\", \"persistent\": %s, \"mem_size\": %llu, ",
		   vm_state_name(i->state), st->flags & RTVMX_VM_PERSISTENT ? "true" : "false",
		   (unsigned long long)i->mem_size);
	if (i->cpu >= 0)
		out_printf(&o, "\"cpu\": %d, ", i->cpu);
	else
		out_printf(&o, "\"cpu\": null, ");
	out_printf(&o, "\"vcpus\": %u, ", i->nr_vcpus);
	if (st->has_sched) {
		format_sched_params(&st->sched, params, sizeof(params));
		out_printf(&o, "\"sched_policy\": \"%s\", ", sched_name(st->sched.sched_policy));
		if (shared(st))
			out_printf(&o, "\"sched_params\": \"%s\", \"sched_runtime_ns\": %llu, "
				   "\"sched_overruns\": %llu, \"sched_deadline_misses\": %llu, ",
				   params, (unsigned long long)i->sched_runtime_ns,
				   (unsigned long long)i->sched_overruns,
				   (unsigned long long)i->sched_deadline_misses);
	} else {
		out_printf(&o, "\"sched_policy\": null, ");
	}
	out_apicv(&o, i->apicv, true);
	out_printf(&o, ", \"stop_reason\": \"%s\", \"stop_detail\": %llu, \"exit_code\": %llu, ",
		   stop_name(i->stop_reason), (unsigned long long)i->stop_detail,
		   (unsigned long long)i->exit_code);
	out_printf(&o, "\"guest_ns\": %llu, \"host_ns\": %llu, \"exits\": %llu}",
		   (unsigned long long)i->guest_ns, (unsigned long long)i->host_ns,
		   (unsigned long long)i->exits_total);
	return o.len;
}

static double rate(const struct vm_status *before, const struct vm_status *now,
		   unsigned int reason, __u64 interval_ns)
{
	__u64 a = before->info.exits[reason], b = now->info.exits[reason];

	return b >= a ? (double)(b - a) * 1e9 / (double)interval_ns : 0.0;
}

static const char *reason_label(unsigned int reason, char *buf, size_t size)
{
	const char *name = exit_reason_name(reason);

	if (name)
		return name;
	snprintf(buf, size, "reason%u", reason);
	return buf;
}

int vm_stats_text(char *buf, size_t size, const struct vm_status *before,
		  const struct vm_status *now, __u64 interval_ns)
{
	const struct rtvmx_vm_info *i = &now->info;
	char label[16];
	unsigned int r;
	struct out o;

	out_init(&o, buf, size);
	out_printf(&o, "vm: %u\nname: %.*s\nstate: %s\nexits: %llu\nguest_ns: %llu\nhost_ns: %llu\n",
		   i->id, RTVMX_NAME_LEN, i->name, vm_state_name(i->state),
		   (unsigned long long)i->exits_total, (unsigned long long)i->guest_ns,
		   (unsigned long long)i->host_ns);
	if (interval_ns)
		out_printf(&o, "%-24s %14s %12s\n", "REASON", "COUNT", "RATE/s");
	else
		out_printf(&o, "%-24s %14s\n", "REASON", "COUNT");
	for (r = 0; r < RTVMX_NR_EXIT_REASONS; r++) {
		if (!i->exits[r])
			continue;
		out_printf(&o, "%-24s %14llu", reason_label(r, label, sizeof(label)),
			   (unsigned long long)i->exits[r]);
		if (interval_ns)
			out_printf(&o, " %12.1f", rate(before, now, r, interval_ns));
		out_printf(&o, "\n");
	}
	return o.len;
}

int vm_stats_json(char *buf, size_t size, const struct vm_status *before,
		  const struct vm_status *now, __u64 interval_ns)
{
	const struct rtvmx_vm_info *i = &now->info;
	const char *sep = "";
	char label[16];
	unsigned int r;
	struct out o;

	out_init(&o, buf, size);
	out_printf(&o, "{\"id\": %u, \"name\": ", i->id);
	out_json_str(&o, i->name, RTVMX_NAME_LEN);
	out_printf(&o, ", \"state\": \"%s\", \"exits\": %llu, \"guest_ns\": %llu, \"host_ns\": %llu, \"interval_ns\": %llu, \"by_reason\": [",
		   vm_state_name(i->state), (unsigned long long)i->exits_total,
		   (unsigned long long)i->guest_ns, (unsigned long long)i->host_ns,
		   (unsigned long long)interval_ns);
	for (r = 0; r < RTVMX_NR_EXIT_REASONS; r++) {
		if (!i->exits[r])
			continue;
		out_printf(&o, "%s{\"reason\": %u, \"name\": \"%s\", \"count\": %llu", sep, r,
			   reason_label(r, label, sizeof(label)), (unsigned long long)i->exits[r]);
		if (interval_ns)
			out_printf(&o, ", \"rate\": %.1f", rate(before, now, r, interval_ns));
		out_printf(&o, "}");
		sep = ", ";
	}
	out_printf(&o, "]}");
	return o.len;
}

int cpu_text(char *buf, size_t size, const struct cpu_status *c)
{
	if (c->has_vm)
		return snprintf(buf, size, "cpu%u: %s vm %u %.*s\n", c->cpu, cpu_state_name(c->state),
				c->vm_id, RTVMX_NAME_LEN, c->vm_name);
	return snprintf(buf, size, "cpu%u: %s\n", c->cpu, cpu_state_name(c->state));
}

int cpu_json(char *buf, size_t size, const struct cpu_status *c)
{
	struct out o;

	out_init(&o, buf, size);
	out_printf(&o, "{\"cpu\": %u, \"state\": \"%s\", ", c->cpu, cpu_state_name(c->state));
	if (c->has_vm) {
		out_printf(&o, "\"vm\": {\"id\": %u, \"name\": ", c->vm_id);
		out_json_str(&o, c->vm_name, RTVMX_NAME_LEN);
		out_printf(&o, "}}");
	} else {
		out_printf(&o, "\"vm\": null}");
	}
	return o.len;
}

static bool is_stop_event(__u8 cmd)
{
	return cmd == RTVMX_CMD_EVENT_VM_STOPPED || cmd == RTVMX_CMD_EVENT_VM_CRASHED;
}

int event_text(char *buf, size_t size, const struct vm_event *ev)
{
	struct out o;

	out_init(&o, buf, size);
	out_printf(&o, "%s id=%u name=%.*s", event_name(ev->cmd), ev->id, RTVMX_NAME_LEN, ev->name);
	if (ev->cpu >= 0)
		out_printf(&o, " cpu=%d", ev->cpu);
	if (is_stop_event(ev->cmd))
		out_printf(&o, " stop_reason=%s exit_code=%llu stop_detail=%#llx",
			   stop_name(ev->stop_reason), (unsigned long long)ev->exit_code,
			   (unsigned long long)ev->stop_detail);
	if (ev->cmd == RTVMX_CMD_EVENT_DEADLINE_MISSED)
		out_printf(&o, " lateness_ns=%llu", (unsigned long long)ev->lateness_ns);
	out_printf(&o, "\n");
	return o.len;
}

int event_json(char *buf, size_t size, const struct vm_event *ev)
{
	struct out o;

	out_init(&o, buf, size);
	out_printf(&o, "{\"event\": \"%s\", \"id\": %u, \"name\": ", event_name(ev->cmd), ev->id);
	out_json_str(&o, ev->name, RTVMX_NAME_LEN);
	if (ev->cpu >= 0)
		out_printf(&o, ", \"cpu\": %d", ev->cpu);
	else
		out_printf(&o, ", \"cpu\": null");
	if (is_stop_event(ev->cmd))
		out_printf(&o, ", \"stop_reason\": \"%s\", \"exit_code\": %llu, \"stop_detail\": %llu",
			   stop_name(ev->stop_reason), (unsigned long long)ev->exit_code,
			   (unsigned long long)ev->stop_detail);
	if (ev->cmd == RTVMX_CMD_EVENT_DEADLINE_MISSED)
		out_printf(&o, ", \"lateness_ns\": %llu", (unsigned long long)ev->lateness_ns);
	out_printf(&o, "}");
	return o.len;
}
