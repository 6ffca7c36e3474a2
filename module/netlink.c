// SPDX-License-Identifier: GPL-2.0
/*
 * The "rtvmx" generic netlink family: VM and CPU queries, stop and destroy
 * (CAP_NET_ADMIN), and the "events" multicast group. Every command has its
 * own strict policy, so an attribute it does not take is refused.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpu.h>
#include <linux/slab.h>
#include <net/genetlink.h>

#include <linux/rtvmx.h>
#include "netlink.h"
#include "rtvmx.h"
#include "vm.h"

enum rtvmx_nl_groups {
	RTVMX_NLGRP_EVENTS,
};

static const struct nla_policy vm_policy[RTVMX_A_MAX + 1] = {
	[RTVMX_A_VM_ID]		= { .type = NLA_U32 },
	[RTVMX_A_VM_NAME]	= { .type = NLA_NUL_STRING, .len = RTVMX_NAME_LEN - 1 },
};

static const struct nla_policy cpu_policy[RTVMX_A_MAX + 1] = {
	[RTVMX_A_CPU]		= NLA_POLICY_MAX(NLA_U32, RTVMX_MAX_CPUS - 1),
};

static struct genl_family rtvmx_nl_family;

static bool normal_stop(u32 reason)
{
	return reason == RTVMX_STOP_SHUTDOWN || reason == RTVMX_STOP_EXIT_PORT ||
	       reason == RTVMX_STOP_USER;
}

static int put_ns(struct sk_buff *skb, int attr, u64 ns)
{
	return nla_put_u64_64bit(skb, attr, ns, RTVMX_A_PAD);
}

/* The vCPU's policy and parameters, and what the scheduler counted. */
static int put_sched(struct sk_buff *skb, const struct rtvmx_vcpu_config *c,
		     const struct rtvmx_vm_info *info)
{
	int ret = nla_put_u32(skb, RTVMX_A_SCHED_POLICY, c->sched_policy);

	switch (c->sched_policy) {
	case RTVMX_SCHED_TABLE:
		ret = ret ?: put_ns(skb, RTVMX_A_SCHED_OFFSET_NS, c->table.offset) ?:
		      put_ns(skb, RTVMX_A_SCHED_LENGTH_NS, c->table.length) ?:
		      put_ns(skb, RTVMX_A_SCHED_FRAME_NS, c->table.frame);
		break;
	case RTVMX_SCHED_EDF:
		ret = ret ?: put_ns(skb, RTVMX_A_SCHED_BUDGET_NS, c->edf.budget) ?:
		      put_ns(skb, RTVMX_A_SCHED_PERIOD_NS, c->edf.period) ?:
		      put_ns(skb, RTVMX_A_SCHED_DEADLINE_NS, c->edf.deadline);
		break;
	case RTVMX_SCHED_FP:
		ret = ret ?: nla_put_u32(skb, RTVMX_A_SCHED_PRIO, c->fp.prio) ?:
		      put_ns(skb, RTVMX_A_SCHED_BUDGET_NS, c->fp.budget) ?:
		      put_ns(skb, RTVMX_A_SCHED_PERIOD_NS, c->fp.period);
		break;
	}
	return ret ?: put_ns(skb, RTVMX_A_SCHED_RUNTIME_NS, info->sched_runtime_ns) ?:
	       put_ns(skb, RTVMX_A_SCHED_OVERRUNS, info->sched_overruns) ?:
	       put_ns(skb, RTVMX_A_SCHED_DEADLINE_MISSES, info->sched_deadline_misses);
}

/* Identity of a VM: id, name and, once it has a vCPU, its CPU. */
static int put_vm_ids(struct sk_buff *skb, struct rtvmx_vm *vm)
{
	if (nla_put_u32(skb, RTVMX_A_VM_ID, vm->id) ||
	    nla_put_string(skb, RTVMX_A_VM_NAME, vm->name))
		return -EMSGSIZE;
	if (smp_load_acquire(&vm->nr_vcpus) && nla_put_u32(skb, RTVMX_A_VM_CPU, vm->vcpus[0]->cpu))
		return -EMSGSIZE;
	return 0;
}

static int put_exits(struct sk_buff *skb, const struct rtvmx_vm_info *info)
{
	struct nlattr *exits, *e;
	unsigned int i;

	exits = nla_nest_start(skb, RTVMX_A_VM_EXITS);
	if (!exits)
		return -EMSGSIZE;
	for (i = 0; i < RTVMX_NR_EXIT_REASONS; i++) {
		if (!info->exits[i])
			continue;
		e = nla_nest_start(skb, RTVMX_A_EXIT);
		if (!e || nla_put_u32(skb, RTVMX_A_EXIT_REASON, i) ||
		    nla_put_u64_64bit(skb, RTVMX_A_EXIT_COUNT, info->exits[i], RTVMX_A_PAD))
			return -EMSGSIZE;
		nla_nest_end(skb, e);
	}
	nla_nest_end(skb, exits);
	return 0;
}

/* Everything RTVMX_GET_INFO says, plus flags and scheduling. */
static int put_vm_attrs(struct sk_buff *skb, struct rtvmx_vm *vm)
{
	struct rtvmx_vm_info *info;
	struct nlattr *sched;
	int ret = -EMSGSIZE;

	info = kmalloc(sizeof(*info), GFP_KERNEL);
	if (!info)
		return -ENOMEM;
	mutex_lock(&vm->lock);
	rtvmx_vm_get_info(vm, info);
	mutex_unlock(&vm->lock);

	if (put_vm_ids(skb, vm) ||
	    nla_put_u32(skb, RTVMX_A_VM_STATE, info->state) ||
	    nla_put_u32(skb, RTVMX_A_VM_FLAGS, vm->flags) ||
	    nla_put_u32(skb, RTVMX_A_VM_APICV, info->apicv) ||
	    nla_put_u64_64bit(skb, RTVMX_A_VM_MEM, info->mem_size, RTVMX_A_PAD) ||
	    nla_put_u32(skb, RTVMX_A_VM_STOP_REASON, info->stop_reason) ||
	    nla_put_u64_64bit(skb, RTVMX_A_VM_STOP_DETAIL, info->stop_detail, RTVMX_A_PAD) ||
	    nla_put_u64_64bit(skb, RTVMX_A_VM_EXIT_CODE, info->exit_code, RTVMX_A_PAD) ||
	    nla_put_u64_64bit(skb, RTVMX_A_VM_GUEST_NS, info->guest_ns, RTVMX_A_PAD) ||
	    nla_put_u64_64bit(skb, RTVMX_A_VM_HOST_NS, info->host_ns, RTVMX_A_PAD) ||
	    nla_put_u64_64bit(skb, RTVMX_A_VM_EXITS_TOTAL, info->exits_total, RTVMX_A_PAD) ||
	    nla_put_u32(skb, RTVMX_A_VM_NR_VCPUS, info->nr_vcpus))
		goto out;
	if (info->cpu >= 0) {
		sched = nla_nest_start(skb, RTVMX_A_VM_SCHED);
		if (!sched || put_sched(skb, &vm->vcpu_config[0], info))
			goto out;
		nla_nest_end(skb, sched);
	}
	ret = put_exits(skb, info);
out:
	kfree(info);
	return ret;
}

static int put_cpu_attrs(struct sk_buff *skb, unsigned int cpu)
{
	struct rtvmx_vm *vm;
	int ret = 0;

	BUILD_BUG_ON(RTVMX_PCPU_OFF != RTVMX_CPU_STATE_OFF || RTVMX_PCPU_ON != RTVMX_CPU_STATE_ON ||
		     RTVMX_PCPU_OFFLINE != RTVMX_CPU_STATE_OFFLINE ||
		     RTVMX_PCPU_FAILED != RTVMX_CPU_STATE_FAILED);
	cpus_read_lock();
	if (nla_put_u32(skb, RTVMX_A_CPU, cpu) ||
	    nla_put_u32(skb, RTVMX_A_CPU_STATE, rtvmx_cpu_state(cpu)))
		ret = -EMSGSIZE;
	cpus_read_unlock();
	vm = ret ? NULL : rtvmx_vm_on_cpu(cpu);
	if (vm) {
		if (nla_put_u32(skb, RTVMX_A_VM_ID, vm->id) ||
		    nla_put_string(skb, RTVMX_A_VM_NAME, vm->name))
			ret = -EMSGSIZE;
		rtvmx_vm_put(vm);
	}
	return ret;
}

/* The VM a request names, with a reference, or an ERR_PTR with extack set. */
static struct rtvmx_vm *vm_from_request(struct genl_info *info)
{
	struct nlattr *id = info->attrs[RTVMX_A_VM_ID];
	struct nlattr *name = info->attrs[RTVMX_A_VM_NAME];
	struct rtvmx_vm *vm;

	if (id) {
		vm = rtvmx_vm_find(nla_get_u32(id));
		if (!vm)
			NL_SET_ERR_MSG_ATTR(info->extack, id, "no VM with this id");
	} else if (name) {
		vm = rtvmx_vm_find_name(nla_data(name));
		if (!vm)
			NL_SET_ERR_MSG_ATTR(info->extack, name, "no VM with this name");
	} else {
		NL_SET_ERR_MSG_MOD(info->extack, "name the VM: RTVMX_A_VM_ID or RTVMX_A_VM_NAME");
		return ERR_PTR(-EINVAL);
	}
	return vm ?: ERR_PTR(-ENOENT);
}

/* A unicast reply to @info with what @put adds. */
static int reply(struct genl_info *info, u8 cmd, int (*put)(struct sk_buff *, void *), void *arg)
{
	struct sk_buff *skb;
	void *hdr;
	int ret;

	skb = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!skb)
		return -ENOMEM;
	hdr = genlmsg_put_reply(skb, info, &rtvmx_nl_family, 0, cmd);
	if (!hdr) {
		ret = -EMSGSIZE;
		goto out_free;
	}
	ret = put(skb, arg);
	if (ret)
		goto out_free;
	genlmsg_end(skb, hdr);
	return genlmsg_reply(skb, info);

out_free:
	nlmsg_free(skb);
	return ret;
}

static int put_vm_cb(struct sk_buff *skb, void *vm)
{
	return put_vm_attrs(skb, vm);
}

static int put_cpu_cb(struct sk_buff *skb, void *cpu)
{
	return put_cpu_attrs(skb, *(unsigned int *)cpu);
}

static int vm_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct rtvmx_vm *vm = vm_from_request(info);
	int ret;

	if (IS_ERR(vm))
		return PTR_ERR(vm);
	ret = reply(info, RTVMX_CMD_VM_GET, put_vm_cb, vm);
	rtvmx_vm_put(vm);
	return ret;
}

/* cb->args[0]: the next VM id to look at. Attributes are validated, not used. */
static int vm_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct rtvmx_vm *vm;
	void *hdr;
	u32 id;
	int ret;

	while ((vm = rtvmx_vm_next(cb->args[0]))) {
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
				  &rtvmx_nl_family, NLM_F_MULTI, RTVMX_CMD_VM_GET);
		ret = hdr ? put_vm_attrs(skb, vm) : -EMSGSIZE;
		id = vm->id;
		rtvmx_vm_put(vm);
		if (ret) {
			if (hdr)
				genlmsg_cancel(skb, hdr);
			/* A VM that does not fit an empty message is an error. */
			return ret == -EMSGSIZE && skb->len ? skb->len : ret;
		}
		genlmsg_end(skb, hdr);
		cb->args[0] = (u64)id + 1;
	}
	return skb->len;
}

static int vm_stop_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct rtvmx_vm *vm = vm_from_request(info);
	int ret;

	if (IS_ERR(vm))
		return PTR_ERR(vm);
	ret = rtvmx_vm_stop(vm);
	if (ret == -EINVAL)
		NL_SET_ERR_MSG_MOD(info->extack, "the VM is not running");
	rtvmx_vm_put(vm);
	return ret;
}

static int vm_destroy_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct rtvmx_vm *vm = vm_from_request(info);
	int ret;

	if (IS_ERR(vm))
		return PTR_ERR(vm);
	ret = rtvmx_vm_destroy(vm);
	if (ret == -ENOENT)
		NL_SET_ERR_MSG_MOD(info->extack, "the VM was destroyed by another request");
	rtvmx_vm_put(vm);
	return ret;
}

static int cpu_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *attr = info->attrs[RTVMX_A_CPU];
	unsigned int cpu;

	if (!attr) {
		NL_SET_ERR_MSG_MOD(info->extack, "name the CPU: RTVMX_A_CPU");
		return -EINVAL;
	}
	cpu = nla_get_u32(attr);
	if (cpu >= nr_cpu_ids || !cpumask_test_cpu(cpu, &rtvmx_reserved_cpus)) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr, "CPU is not reserved by rtvmx");
		return -ENOENT;
	}
	return reply(info, RTVMX_CMD_CPU_GET, put_cpu_cb, &cpu);
}

/* cb->args[0]: the next CPU to look at. Attributes are validated, not used. */
static int cpu_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	unsigned int cpu;
	void *hdr;

	for (cpu = cb->args[0]; cpu < nr_cpu_ids; cpu++) {
		if (!cpumask_test_cpu(cpu, &rtvmx_reserved_cpus))
			continue;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
				  &rtvmx_nl_family, NLM_F_MULTI, RTVMX_CMD_CPU_GET);
		if (!hdr)
			break;
		if (put_cpu_attrs(skb, cpu)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
	}
	cb->args[0] = cpu;
	return skb->len;
}

static const struct genl_ops rtvmx_nl_ops[] = {
	{
		.cmd = RTVMX_CMD_VM_GET,
		.doit = vm_get_doit,
		.dumpit = vm_get_dumpit,
		.policy = vm_policy,
		.maxattr = RTVMX_A_MAX,
	},
	{
		.cmd = RTVMX_CMD_VM_STOP,
		.flags = GENL_ADMIN_PERM,
		.doit = vm_stop_doit,
		.policy = vm_policy,
		.maxattr = RTVMX_A_MAX,
	},
	{
		.cmd = RTVMX_CMD_VM_DESTROY,
		.flags = GENL_ADMIN_PERM,
		.doit = vm_destroy_doit,
		.policy = vm_policy,
		.maxattr = RTVMX_A_MAX,
	},
	{
		.cmd = RTVMX_CMD_CPU_GET,
		.doit = cpu_get_doit,
		.dumpit = cpu_get_dumpit,
		.policy = cpu_policy,
		.maxattr = RTVMX_A_MAX,
	},
};

static const struct genl_multicast_group rtvmx_nl_mcgrps[] = {
	[RTVMX_NLGRP_EVENTS] = { .name = RTVMX_GENL_MCGRP_EVENTS },
};

static struct genl_family rtvmx_nl_family __ro_after_init = {
	.name		= RTVMX_GENL_NAME,
	.version	= RTVMX_GENL_VERSION,
	.module		= THIS_MODULE,
	.parallel_ops	= true,
	.ops		= rtvmx_nl_ops,
	.n_ops		= ARRAY_SIZE(rtvmx_nl_ops),
	.mcgrps		= rtvmx_nl_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(rtvmx_nl_mcgrps),
};

/* One event message, filled by @put, to the events group if anyone listens. */
static void send_event(u8 cmd, gfp_t gfp, int (*put)(struct sk_buff *, const void *),
		       const void *arg)
{
	struct sk_buff *skb;
	void *hdr;

	if (!genl_has_listeners(&rtvmx_nl_family, &init_net, RTVMX_NLGRP_EVENTS))
		return;
	skb = genlmsg_new(NLMSG_GOODSIZE, gfp);
	if (!skb)
		goto out_lost;
	hdr = genlmsg_put(skb, 0, 0, &rtvmx_nl_family, 0, cmd);
	if (!hdr || put(skb, arg)) {
		nlmsg_free(skb);
		goto out_lost;
	}
	genlmsg_end(skb, hdr);
	/* -ESRCH only says no one listens any more. */
	genlmsg_multicast(&rtvmx_nl_family, skb, 0, RTVMX_NLGRP_EVENTS, gfp);
	return;

out_lost:
	pr_notice_ratelimited("netlink event %u lost: out of memory\n", cmd);
}

static int put_started(struct sk_buff *skb, const void *vm)
{
	return put_vm_ids(skb, (struct rtvmx_vm *)vm);
}

void rtvmx_nl_vm_started(struct rtvmx_vm *vm)
{
	send_event(RTVMX_CMD_EVENT_VM_STARTED, GFP_KERNEL, put_started, vm);
}

static int put_stopped(struct sk_buff *skb, const void *arg)
{
	struct rtvmx_vm *vm = (struct rtvmx_vm *)arg;
	const struct rtvmx_vcpu *v = rtvmx_vm_stop_vcpu(vm);

	if (put_vm_ids(skb, vm) ||
	    nla_put_u32(skb, RTVMX_A_VM_STOP_REASON, READ_ONCE(v->stop_reason)) ||
	    nla_put_u64_64bit(skb, RTVMX_A_VM_STOP_DETAIL, READ_ONCE(v->stop_detail),
			      RTVMX_A_PAD) ||
	    nla_put_u64_64bit(skb, RTVMX_A_VM_EXIT_CODE, READ_ONCE(v->exit_code),
			      RTVMX_A_PAD))
		return -EMSGSIZE;
	return 0;
}

void rtvmx_nl_vm_stopped(struct rtvmx_vm *vm)
{
	u8 cmd = normal_stop(READ_ONCE(rtvmx_vm_stop_vcpu(vm)->stop_reason)) ?
		 RTVMX_CMD_EVENT_VM_STOPPED : RTVMX_CMD_EVENT_VM_CRASHED;

	send_event(cmd, GFP_KERNEL, put_stopped, vm);
}

struct cpu_event {
	unsigned int cpu;
	struct rtvmx_vm *vm;
};

static int put_cpu_event(struct sk_buff *skb, const void *arg)
{
	const struct cpu_event *e = arg;

	if (nla_put_u32(skb, RTVMX_A_CPU, e->cpu) ||
	    nla_put_u32(skb, RTVMX_A_VM_ID, e->vm->id) ||
	    nla_put_string(skb, RTVMX_A_VM_NAME, e->vm->name))
		return -EMSGSIZE;
	return 0;
}

void rtvmx_nl_cpu_event(u8 cmd, unsigned int cpu, struct rtvmx_vm *vm)
{
	struct cpu_event e = { .cpu = cpu, .vm = vm };

	send_event(cmd, GFP_KERNEL, put_cpu_event, &e);
}

struct deadline_event {
	unsigned int cpu;
	struct rtvmx_vm *vm;
	u64 lateness_ns;
};

static int put_deadline(struct sk_buff *skb, const void *arg)
{
	const struct deadline_event *e = arg;

	if (nla_put_u32(skb, RTVMX_A_VM_ID, e->vm->id) ||
	    nla_put_string(skb, RTVMX_A_VM_NAME, e->vm->name) ||
	    nla_put_u32(skb, RTVMX_A_VM_CPU, e->cpu) ||
	    nla_put_u64_64bit(skb, RTVMX_A_LATENESS_NS, e->lateness_ns, RTVMX_A_PAD))
		return -EMSGSIZE;
	return 0;
}

void rtvmx_nl_deadline_missed(struct rtvmx_vm *vm, unsigned int cpu, u64 lateness_ns)
{
	struct deadline_event e = { .cpu = cpu, .vm = vm, .lateness_ns = lateness_ns };

	send_event(RTVMX_CMD_EVENT_DEADLINE_MISSED, GFP_ATOMIC, put_deadline, &e);
}

int rtvmx_nl_init(void)
{
	return genl_register_family(&rtvmx_nl_family);
}

void rtvmx_nl_exit(void)
{
	genl_unregister_family(&rtvmx_nl_family);
}
