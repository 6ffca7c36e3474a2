// SPDX-License-Identifier: GPL-2.0
/*
 * libnl-genl-3 client of the rtvmx family. Requests ask for an ACK, so every
 * command ends in an ACK, an error (with the kernel's extack message) or,
 * for dumps, NLMSG_DONE.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include "cli.h"
#include "extack.h"
#include "nl.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK	270
#endif

struct rnl {
	struct nl_sock *sk;
	int family;
	/* One request's outcome, set by the callbacks. */
	bool done;
	int err;		/* errno from the kernel's NLMSG_ERROR, 0 if none */
	char msg[256];		/* its extack message, "" if none */
	int (*parse)(struct rnl *r, struct nlattr **tb);
	void *fn;
	void *arg;
	int fn_ret;
	struct vm_event *ev;
};

static int on_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct rnl *r = arg;

	(void)nla;
	r->done = true;
	r->err = -e->error;
	extack_msg((struct nlmsghdr *)((char *)e - NLMSG_HDRLEN), r->msg, sizeof(r->msg));
	return NL_STOP;
}

static int on_done(struct nl_msg *msg, void *arg)
{
	struct rnl *r = arg;

	(void)msg;
	r->done = true;
	return NL_STOP;
}

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[RTVMX_A_MAX + 1];
	struct rnl *r = arg;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, RTVMX_A_MAX, NULL))
		return NL_SKIP;
	if (r->parse && !r->fn_ret)
		r->fn_ret = r->parse(r, tb);
	return NL_OK;
}

struct rnl *rnl_open(void)
{
	struct rnl *r = calloc(1, sizeof(*r));
	int one = 1;

	if (!r) {
		cli_err("out of memory");
		return NULL;
	}
	r->sk = nl_socket_alloc();
	if (!r->sk) {
		cli_err("cannot allocate a netlink socket");
		goto out_free;
	}
	if (genl_connect(r->sk)) {
		cli_err("cannot open a generic netlink socket: %s", strerror(errno));
		goto out_free;
	}
	/* Ask for extack messages; an older kernel without them is fine. */
	setsockopt(nl_socket_get_fd(r->sk), SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	r->family = genl_ctrl_resolve(r->sk, RTVMX_GENL_NAME);
	if (r->family < 0) {
		cli_err("the generic netlink family '%s' is not registered (is rtvmx.ko loaded?)",
			RTVMX_GENL_NAME);
		goto out_free;
	}
	nl_socket_modify_cb(r->sk, NL_CB_VALID, NL_CB_CUSTOM, on_valid, r);
	nl_socket_modify_cb(r->sk, NL_CB_ACK, NL_CB_CUSTOM, on_done, r);
	nl_socket_modify_cb(r->sk, NL_CB_FINISH, NL_CB_CUSTOM, on_done, r);
	nl_socket_modify_err_cb(r->sk, NL_CB_CUSTOM, on_error, r);
	return r;

out_free:
	nl_socket_free(r->sk);
	free(r);
	return NULL;
}

void rnl_close(struct rnl *r)
{
	if (!r)
		return;
	nl_socket_free(r->sk);
	free(r);
}

static int put_ref(struct nl_msg *msg, const struct vm_ref *ref)
{
	if (ref->by_id)
		return nla_put_u32(msg, RTVMX_A_VM_ID, ref->id);
	return nla_put_string(msg, RTVMX_A_VM_NAME, ref->name);
}

/* Sends one request and reads until its end; 0 or the kernel's errno (-1: local failure). */
static int request(struct rnl *r, __u8 cmd, int flags, const struct vm_ref *ref,
		   const char *what)
{
	struct nl_msg *msg = nlmsg_alloc();
	int ret;

	if (!msg) {
		cli_err("%s: out of memory", what);
		return -1;
	}
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, r->family, 0, flags, cmd,
			 RTVMX_GENL_VERSION) || (ref && put_ref(msg, ref))) {
		nlmsg_free(msg);
		cli_err("%s: cannot build the request", what);
		return -1;
	}
	r->done = false;
	r->err = 0;
	r->msg[0] = '\0';
	r->fn_ret = 0;
	ret = nl_send_auto(r->sk, msg);
	nlmsg_free(msg);
	if (ret < 0) {
		cli_err("%s: sending the request: %s", what, nl_geterror(ret));
		return -1;
	}
	while (!r->done) {
		ret = nl_recvmsgs_default(r->sk);
		if (ret < 0 && !r->err) {
			cli_err("%s: reading the answer: %s", what, nl_geterror(ret));
			return -1;
		}
	}
	return r->err;
}

/* The message for a failed request on a VM. */
static int vm_failed(struct rnl *r, int err, const struct vm_ref *ref, const char *what)
{
	char buf[64];

	if (err < 0)
		return -1;
	if (err == ENOENT && ref && (!r->msg[0] || strstr(r->msg, "no VM")))
		cli_err("%s: %s", what, vm_ref_missing(ref, buf, sizeof(buf)));
	else if (err == EPERM)
		cli_err("%s: %s (needs CAP_NET_ADMIN)", what, strerror(err));
	else if (r->msg[0])
		cli_err("%s: %s (%s)", what, r->msg, strerror(err));
	else
		cli_err("%s: %s", what, strerror(err));
	return -1;
}

static void parse_exits(struct nlattr *nest, struct rtvmx_vm_info *info)
{
	struct nlattr *e, *etb[RTVMX_A_MAX + 1];
	int rem;
	__u32 reason;

	nla_for_each_nested(e, nest, rem) {
		if (nla_parse_nested(etb, RTVMX_A_MAX, e, NULL) ||
		    !etb[RTVMX_A_EXIT_REASON] || !etb[RTVMX_A_EXIT_COUNT])
			continue;
		reason = nla_get_u32(etb[RTVMX_A_EXIT_REASON]);
		if (reason < RTVMX_NR_EXIT_REASONS)
			info->exits[reason] = nla_get_u64(etb[RTVMX_A_EXIT_COUNT]);
	}
}

static __u64 get_u64(struct nlattr *a)
{
	return a ? nla_get_u64(a) : 0;
}

static __u32 get_u32(struct nlattr *a)
{
	return a ? nla_get_u32(a) : 0;
}

static void get_name(struct nlattr *a, char *name)
{
	memset(name, 0, RTVMX_NAME_LEN);
	if (a)
		snprintf(name, RTVMX_NAME_LEN, "%s", nla_get_string(a));
}

/* RTVMX_A_VM_SCHED's attributes back into the uapi config and GET_INFO's counters. */
static void parse_sched_attrs(struct nlattr **stb, struct vm_status *st)
{
	struct rtvmx_vcpu_config *c = &st->sched;

	st->has_sched = true;
	c->sched_policy = nla_get_u32(stb[RTVMX_A_SCHED_POLICY]);
	switch (c->sched_policy) {
	case RTVMX_SCHED_TABLE:
		c->table.offset = get_u64(stb[RTVMX_A_SCHED_OFFSET_NS]);
		c->table.length = get_u64(stb[RTVMX_A_SCHED_LENGTH_NS]);
		c->table.frame = get_u64(stb[RTVMX_A_SCHED_FRAME_NS]);
		break;
	case RTVMX_SCHED_EDF:
		c->edf.budget = get_u64(stb[RTVMX_A_SCHED_BUDGET_NS]);
		c->edf.period = get_u64(stb[RTVMX_A_SCHED_PERIOD_NS]);
		c->edf.deadline = get_u64(stb[RTVMX_A_SCHED_DEADLINE_NS]);
		break;
	case RTVMX_SCHED_FP:
		c->fp.prio = get_u32(stb[RTVMX_A_SCHED_PRIO]);
		c->fp.budget = get_u64(stb[RTVMX_A_SCHED_BUDGET_NS]);
		c->fp.period = get_u64(stb[RTVMX_A_SCHED_PERIOD_NS]);
		break;
	}
	st->info.sched_runtime_ns = get_u64(stb[RTVMX_A_SCHED_RUNTIME_NS]);
	st->info.sched_overruns = get_u64(stb[RTVMX_A_SCHED_OVERRUNS]);
	st->info.sched_deadline_misses = get_u64(stb[RTVMX_A_SCHED_DEADLINE_MISSES]);
}

static void parse_vm(struct nlattr **tb, struct vm_status *st)
{
	struct rtvmx_vm_info *i = &st->info;
	struct nlattr *stb[RTVMX_A_MAX + 1];

	memset(st, 0, sizeof(*st));
	i->id = get_u32(tb[RTVMX_A_VM_ID]);
	get_name(tb[RTVMX_A_VM_NAME], i->name);
	i->state = get_u32(tb[RTVMX_A_VM_STATE]);
	st->flags = get_u32(tb[RTVMX_A_VM_FLAGS]);
	i->mem_size = get_u64(tb[RTVMX_A_VM_MEM]);
	i->cpu = tb[RTVMX_A_VM_CPU] ? (int)nla_get_u32(tb[RTVMX_A_VM_CPU]) : -1;
	/* A module without RTVMX_CAP_SMP_VCPUS has one vCPU once it has a CPU. */
	i->nr_vcpus = tb[RTVMX_A_VM_NR_VCPUS] ? nla_get_u32(tb[RTVMX_A_VM_NR_VCPUS]) : i->cpu >= 0;
	if (tb[RTVMX_A_VM_SCHED] && !nla_parse_nested(stb, RTVMX_A_MAX, tb[RTVMX_A_VM_SCHED], NULL) &&
	    stb[RTVMX_A_SCHED_POLICY])
		parse_sched_attrs(stb, st);
	i->apicv = get_u32(tb[RTVMX_A_VM_APICV]);
	i->stop_reason = get_u32(tb[RTVMX_A_VM_STOP_REASON]);
	i->stop_detail = get_u64(tb[RTVMX_A_VM_STOP_DETAIL]);
	i->exit_code = get_u64(tb[RTVMX_A_VM_EXIT_CODE]);
	i->guest_ns = get_u64(tb[RTVMX_A_VM_GUEST_NS]);
	i->host_ns = get_u64(tb[RTVMX_A_VM_HOST_NS]);
	i->exits_total = get_u64(tb[RTVMX_A_VM_EXITS_TOTAL]);
	if (tb[RTVMX_A_VM_EXITS])
		parse_exits(tb[RTVMX_A_VM_EXITS], i);
}

static int parse_vm_into(struct rnl *r, struct nlattr **tb)
{
	parse_vm(tb, r->arg);
	return 0;
}

int rnl_vm_get(struct rnl *r, const struct vm_ref *ref, struct vm_status *st)
{
	int err;

	r->parse = parse_vm_into;
	r->arg = st;
	memset(st, 0, sizeof(*st));
	st->info.cpu = -1;
	err = request(r, RTVMX_CMD_VM_GET, 0, ref, "get VM");
	if (err)
		return vm_failed(r, err, ref, "get VM");
	if (!st->info.name[0]) {
		cli_err("get VM: the kernel's answer has no VM in it");
		return -1;
	}
	return 0;
}

static int parse_vm_cb(struct rnl *r, struct nlattr **tb)
{
	int (*fn)(const struct vm_status *, void *) = r->fn;
	struct vm_status st;

	parse_vm(tb, &st);
	return fn(&st, r->arg);
}

int rnl_vm_list(struct rnl *r, int (*fn)(const struct vm_status *st, void *arg), void *arg)
{
	int err;

	r->parse = parse_vm_cb;
	r->fn = fn;
	r->arg = arg;
	err = request(r, RTVMX_CMD_VM_GET, NLM_F_DUMP, NULL, "list VMs");
	if (err)
		return vm_failed(r, err, NULL, "list VMs");
	return r->fn_ret ? -1 : 0;
}

static int vm_change(struct rnl *r, __u8 cmd, const struct vm_ref *ref, const char *what)
{
	int err;

	r->parse = NULL;
	err = request(r, cmd, 0, ref, what);
	return err ? vm_failed(r, err, ref, what) : 0;
}

int rnl_vm_stop(struct rnl *r, const struct vm_ref *ref)
{
	return vm_change(r, RTVMX_CMD_VM_STOP, ref, "stop");
}

int rnl_vm_destroy(struct rnl *r, const struct vm_ref *ref)
{
	return vm_change(r, RTVMX_CMD_VM_DESTROY, ref, "destroy");
}

static int parse_cpu_cb(struct rnl *r, struct nlattr **tb)
{
	int (*fn)(const struct cpu_status *, void *) = r->fn;
	struct cpu_status c;

	memset(&c, 0, sizeof(c));
	c.cpu = get_u32(tb[RTVMX_A_CPU]);
	c.state = get_u32(tb[RTVMX_A_CPU_STATE]);
	c.has_vm = tb[RTVMX_A_VM_ID];
	c.vm_id = get_u32(tb[RTVMX_A_VM_ID]);
	get_name(tb[RTVMX_A_VM_NAME], c.vm_name);
	return fn(&c, r->arg);
}

int rnl_cpu_list(struct rnl *r, int (*fn)(const struct cpu_status *c, void *arg), void *arg)
{
	int err;

	r->parse = parse_cpu_cb;
	r->fn = fn;
	r->arg = arg;
	err = request(r, RTVMX_CMD_CPU_GET, NLM_F_DUMP, NULL, "list CPUs");
	if (err)
		return vm_failed(r, err, NULL, "list CPUs");
	return r->fn_ret ? -1 : 0;
}

int rnl_subscribe(struct rnl *r)
{
	int grp = genl_ctrl_resolve_grp(r->sk, RTVMX_GENL_NAME, RTVMX_GENL_MCGRP_EVENTS);

	if (grp < 0) {
		cli_err("monitor: no multicast group '%s' in family '%s': %s",
			RTVMX_GENL_MCGRP_EVENTS, RTVMX_GENL_NAME, nl_geterror(grp));
		return -1;
	}
	nl_socket_disable_seq_check(r->sk);
	if (nl_socket_add_membership(r->sk, grp)) {
		cli_err("monitor: cannot join the events group: %s", strerror(errno));
		return -1;
	}
	return 0;
}

static int on_event(struct nl_msg *msg, void *arg)
{
	struct genlmsghdr *gh = nlmsg_data(nlmsg_hdr(msg));
	struct nlattr *tb[RTVMX_A_MAX + 1];
	struct rnl *r = arg;
	struct vm_event *ev = r->ev;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, RTVMX_A_MAX, NULL))
		return NL_SKIP;
	memset(ev, 0, sizeof(*ev));
	ev->cmd = gh->cmd;
	ev->id = get_u32(tb[RTVMX_A_VM_ID]);
	get_name(tb[RTVMX_A_VM_NAME], ev->name);
	ev->cpu = tb[RTVMX_A_VM_CPU] ? (int)nla_get_u32(tb[RTVMX_A_VM_CPU]) :
		  tb[RTVMX_A_CPU] ? (int)nla_get_u32(tb[RTVMX_A_CPU]) : -1;
	ev->stop_reason = get_u32(tb[RTVMX_A_VM_STOP_REASON]);
	ev->stop_detail = get_u64(tb[RTVMX_A_VM_STOP_DETAIL]);
	ev->exit_code = get_u64(tb[RTVMX_A_VM_EXIT_CODE]);
	ev->lateness_ns = get_u64(tb[RTVMX_A_LATENESS_NS]);
	r->done = true;
	return NL_STOP;
}

int rnl_next_event(struct rnl *r, struct vm_event *ev)
{
	int ret;

	r->parse = NULL;
	r->ev = ev;
	r->done = false;
	nl_socket_modify_cb(r->sk, NL_CB_VALID, NL_CB_CUSTOM, on_event, r);
	while (!r->done) {
		ret = nl_recvmsgs_default(r->sk);
		if (ret < 0 && ret != -NLE_INTR) {
			cli_err("monitor: reading events: %s", nl_geterror(ret));
			return -1;
		}
		if (ret < 0)
			return -1;
	}
	return 0;
}
