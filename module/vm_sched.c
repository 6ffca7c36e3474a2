// SPDX-License-Identifier: GPL-2.0
/*
 * A vCPU's scheduling in the uapi: its parameters (struct rtvmx_vcpu_config)
 * checked and turned into rt_sched's (admission itself is rt_sched's), and
 * its statistics for GET_INFO.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/overflow.h>
#include <linux/spinlock.h>

#include "rtvmx.h"
#include "vm.h"

/* Every byte of the policy union after @used bytes must be zero. */
static bool tail_zero(const struct rtvmx_vcpu_config *c, size_t used)
{
	return rtvmx_all_zero((const u8 *)c->reserved + used, sizeof(c->reserved) - used);
}

int rtvmx_sched_params(const struct rtvmx_vcpu_config *c, struct rts_params *p,
		       const char *vm_name)
{
	u64 end;

	memset(p, 0, sizeof(*p));
	switch (c->sched_policy) {
	case RTVMX_SCHED_DEDICATED:
		if (!tail_zero(c, 0))
			goto bad_tail;
		p->policy = RTS_POLICY_DEDICATED;
		return 0;
	case RTVMX_SCHED_TABLE:
		if (!tail_zero(c, sizeof(c->table)))
			goto bad_tail;
		if (check_add_overflow(c->table.offset, c->table.length, &end)) {
			pr_notice("%s: CREATE_VCPU: table window offset %llu + length %llu ns overflows\n",
				  vm_name, c->table.offset, c->table.length);
			return -EINVAL;
		}
		p->policy = RTS_POLICY_TABLE;
		p->table.frame = c->table.frame;
		p->table.nr_windows = 1;
		p->table.windows[0].start = c->table.offset;
		p->table.windows[0].end = end;
		return 0;
	case RTVMX_SCHED_EDF:
		if (!tail_zero(c, sizeof(c->edf)))
			goto bad_tail;
		p->policy = RTS_POLICY_EDF;
		p->server.budget = c->edf.budget;
		p->server.period = c->edf.period;
		p->server.deadline = c->edf.deadline;
		return 0;
	case RTVMX_SCHED_FP:
		if (c->fp.pad || !tail_zero(c, sizeof(c->fp)))
			goto bad_tail;
		p->policy = RTS_POLICY_FP;
		p->server.prio = c->fp.prio;
		p->server.budget = c->fp.budget;
		p->server.period = c->fp.period;
		return 0;
	}
	pr_notice("%s: CREATE_VCPU: unknown scheduling policy %u\n", vm_name, c->sched_policy);
	return -EINVAL;

bad_tail:
	pr_notice("%s: CREATE_VCPU: nonzero pad or reserved bytes for scheduling policy %u\n",
		  vm_name, c->sched_policy);
	return -EINVAL;
}

void rtvmx_sched_add_info(const struct rtvmx_vcpu *v, struct rtvmx_vm_info *info)
{
	struct rtvmx_core *c = v->core;
	struct rts_stats st;
	unsigned long flags;

	if (!c)
		return;
	/* c->lock keeps rt_sched's statistics whole; the loop writes them under it. */
	raw_spin_lock_irqsave(&c->lock, flags);
	st = v->sched.stats;
	raw_spin_unlock_irqrestore(&c->lock, flags);
	info->sched_runtime_ns += st.runtime;
	info->sched_overruns += st.nr_overruns;
	info->sched_overrun_max_ticks = max(info->sched_overrun_max_ticks,
					    READ_ONCE(v->overrun_max_ticks));
	info->sched_deadline_misses += st.nr_misses;
	info->sched_preemptions += st.nr_preemptions;
}
