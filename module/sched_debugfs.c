// SPDX-License-Identifier: GPL-2.0
/*
 * Scheduling in debugfs: rtvmx/vm<id>/vcpu0/sched (the vCPU's policy,
 * parameters and statistics) and rtvmx/cpu<n>/sched (a core's policy, its
 * vCPUs and its last scheduling decisions). "key: value" lines; README.md
 * has the format. Statistics are copied under the core's lock, the trace
 * without it (an entry being written may show half-old).
 */
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/spinlock.h>

#include "rtvmx.h"
#include "vm.h"

static const char *const policy_names[] = { RTVMX_SCHED_NAMES };

/* rt_sched's policy as the uapi names it. */
static const char *policy_name(enum rts_policy p)
{
	switch (p) {
	case RTS_POLICY_DEDICATED:
		return policy_names[RTVMX_SCHED_DEDICATED];
	case RTS_POLICY_TABLE:
		return policy_names[RTVMX_SCHED_TABLE];
	case RTS_POLICY_EDF:
		return policy_names[RTVMX_SCHED_EDF];
	case RTS_POLICY_FP:
		return policy_names[RTVMX_SCHED_FP];
	default:
		return "none";
	}
}

static void show_params(struct seq_file *m, const struct rts_params *p)
{
	seq_printf(m, "policy: %s\n", policy_name(p->policy));
	switch (p->policy) {
	case RTS_POLICY_TABLE:
		seq_printf(m, "offset_ns: %llu\nlength_ns: %llu\nframe_ns: %llu\n",
			   p->table.windows[0].start,
			   p->table.windows[0].end - p->table.windows[0].start, p->table.frame);
		break;
	case RTS_POLICY_FP:
		seq_printf(m, "prio: %u\n", p->server.prio);
		fallthrough;
	case RTS_POLICY_EDF:
		seq_printf(m, "budget_ns: %llu\nperiod_ns: %llu\ndeadline_ns: %llu\n",
			   p->server.budget, p->server.period, p->server.deadline);
		break;
	default:
		break;
	}
}

/* Server periods (table: frames) from START to the stop, or to now. */
static u64 periods(const struct rtvmx_vcpu *v, const struct rts_params *p, u64 now)
{
	u64 len = p->policy == RTS_POLICY_TABLE ? p->table.frame :
		  p->policy == RTS_POLICY_DEDICATED ? 0 : p->server.period;
	u64 end = v->retired ? v->sched_end_ns : now;

	if (!len || !v->set_up || end < v->sched_start_ns)
		return 0;
	return div64_u64(end - v->sched_start_ns, len);
}

static int vcpu_sched_show(struct seq_file *m, void *unused)
{
	struct rtvmx_vcpu *v = m->private;
	struct rtvmx_core *c = v->core;
	struct rts_stats st;
	unsigned long flags;
	bool runnable;
	u64 now;

	if (!c)
		return 0;
	raw_spin_lock_irqsave(&c->lock, flags);
	st = v->sched.stats;
	runnable = v->sched.runnable;
	raw_spin_unlock_irqrestore(&c->lock, flags);
	now = rtvmx_core_now(c);

	show_params(m, &v->sched.params);
	seq_printf(m, "cpu: %d\nstate: %s\n", v->cpu,
		   READ_ONCE(v->retired) ? "stopped" : !READ_ONCE(v->set_up) ? "not started" :
		   runnable ? "runnable" : "halted");
	seq_printf(m, "runtime_ns: %llu\nperiods: %llu\nruns: %llu\npreemptions: %llu\n",
		   st.runtime, periods(v, &v->sched.params, now), st.nr_runs,
		   st.nr_preemptions);
	seq_printf(m, "deadline_misses: %llu\nbudget_overruns: %llu\n",
		   st.nr_misses, st.nr_overruns);
	seq_printf(m, "overrun_worst_ns: %llu\noverrun_worst_ticks: %llu\noverrun_total_ns: %llu\n",
		   st.overrun_max, READ_ONCE(v->overrun_max_ticks), st.overrun_total);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(vcpu_sched);

void rtvmx_sched_debugfs_vcpu(struct rtvmx_vcpu *v, struct dentry *dir)
{
	debugfs_create_file("sched", 0400, dir, v, &vcpu_sched_fops);
}

struct core_vcpu_line {
	u32 vm_id;
	char name[RTVMX_NAME_LEN];
	bool runnable;
	u64 runtime;
};

static const char *const trace_names[] = {
	[RTVMX_TRACE_RUN] = "run",
	[RTVMX_TRACE_IDLE_UNTIL] = "idle",
	[RTVMX_TRACE_BLOCK] = "halt",
	[RTVMX_TRACE_START] = "start",
	[RTVMX_TRACE_STOP] = "stop",
};

static void show_trace(struct seq_file *m, const struct rtvmx_core *c)
{
	u32 head = smp_load_acquire(&c->trace_head), i, n = min(head, (u32)RTVMX_TRACE_LEN);

	seq_printf(m, "decisions: %u\n", head);
	for (i = head - n; i != head; i++) {
		const struct rtvmx_trace_entry *e = &c->trace[i % RTVMX_TRACE_LEN];
		u32 what = READ_ONCE(e->what), id = READ_ONCE(e->vm_id);

		seq_printf(m, "%llu %s", READ_ONCE(e->tsc),
			   what < ARRAY_SIZE(trace_names) ? trace_names[what] : "?");
		if (id != RTVMX_TRACE_IDLE)
			seq_printf(m, " vm%u", id);
		else if (READ_ONCE(e->until) != U64_MAX)
			seq_printf(m, " until %llu", READ_ONCE(e->until));
		seq_putc(m, '\n');
	}
}

static int core_sched_show(struct seq_file *m, void *unused)
{
	struct rtvmx_core *c = m->private;
	struct core_vcpu_line *lines;
	enum rts_policy policy;
	unsigned long flags;
	u32 i, n;

	lines = kcalloc(RTS_MAX_VCPUS, sizeof(*lines), GFP_KERNEL);
	if (!lines)
		return -ENOMEM;
	raw_spin_lock_irqsave(&c->lock, flags);
	policy = c->rts.policy;
	n = c->rts.nr;
	for (i = 0; i < n; i++) {
		const struct rts_vcpu *rv = c->rts.vcpus[i];
		const struct rtvmx_vcpu *v = container_of(rv, struct rtvmx_vcpu, sched);

		lines[i].vm_id = v->vm_id;
		strscpy(lines[i].name, rv->name, sizeof(lines[i].name));
		lines[i].runnable = rv->runnable;
		lines[i].runtime = rv->stats.runtime;
	}
	raw_spin_unlock_irqrestore(&c->lock, flags);

	seq_printf(m, "cpu: %d\npolicy: %s\nthread: %s\nvcpus: %u\n", c->cpu, policy_name(policy),
		   READ_ONCE(c->thread) ? "running" : "none", n);
	for (i = 0; i < n; i++)
		seq_printf(m, "vcpu: vm%u %s %s runtime_ns=%llu\n", lines[i].vm_id, lines[i].name,
			   lines[i].runnable ? "runnable" : "blocked", lines[i].runtime);
	kfree(lines);
	seq_printf(m, "tsc_khz: %u\n", c->tsc_khz);
	show_trace(m, c);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(core_sched);

void rtvmx_sched_debugfs_init(struct dentry *root)
{
	unsigned int cpu;
	char name[16];

	for_each_cpu(cpu, &rtvmx_reserved_cpus) {
		struct rtvmx_core *c = rtvmx_core_of(cpu);

		if (!c)
			continue;
		snprintf(name, sizeof(name), "cpu%u", cpu);
		debugfs_create_file("sched", 0400, debugfs_create_dir(name, root), c,
				    &core_sched_fops);
	}
}
