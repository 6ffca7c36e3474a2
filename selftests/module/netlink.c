// SPDX-License-Identifier: GPL-2.0
/*
 * The rtvmx generic netlink family, request by request: the family and its
 * events group resolve; VM and CPU get (do and dump); stop and destroy by id
 * and by name; strict validation (unknown, misplaced, reply-only and
 * wrongly typed attributes, an over-long name, an unknown command), each
 * with its errno and extack message; stop and destroy refused to a user
 * without CAP_NET_ADMIN, who may still read.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <linux/rtvmx_netlink.h>

#include "tap.h"
#include "rtvmx_test.h"

#define NOBODY		65534
#define NAME		"nl-test"
#define ATTR_BOGUS	200	/* beyond RTVMX_A_MAX */

#ifndef SOL_NETLINK
#define SOL_NETLINK	270
#endif

static struct nl_sock *sk;
static int family;

/* What one request brought back. */
static struct {
	bool done;
	int err;		/* errno of NLMSG_ERROR, 0 for an ACK */
	char msg[256];		/* extack message */
	int replies;		/* data messages */
	__u32 id, state, cpu, cpu_state, stop_reason;
	bool has_cpu;
	char name[RTVMX_NAME_LEN];
} res;

static int on_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	size_t payload = sizeof(*e);
	int len;

	(void)nla;
	(void)arg;
	res.done = true;
	res.err = -e->error;
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return NL_STOP;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		payload += e->msg.nlmsg_len - NLMSG_HDRLEN;
	len = (int)nlh->nlmsg_len - NLMSG_HDRLEN - (int)NLMSG_ALIGN(payload);
	if (len > 0 && !nla_parse(tb, NLMSGERR_ATTR_MAX,
				  (struct nlattr *)((char *)e + NLMSG_ALIGN(payload)), len, NULL) &&
	    tb[NLMSGERR_ATTR_MSG])
		snprintf(res.msg, sizeof(res.msg), "%s", nla_get_string(tb[NLMSGERR_ATTR_MSG]));
	return NL_STOP;
}

static int on_done(struct nl_msg *msg, void *arg)
{
	(void)msg;
	(void)arg;
	res.done = true;
	return NL_STOP;
}

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[RTVMX_A_MAX + 1];

	(void)arg;
	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, RTVMX_A_MAX, NULL))
		return NL_SKIP;
	res.replies++;
	if (tb[RTVMX_A_VM_ID])
		res.id = nla_get_u32(tb[RTVMX_A_VM_ID]);
	if (tb[RTVMX_A_VM_STATE])
		res.state = nla_get_u32(tb[RTVMX_A_VM_STATE]);
	if (tb[RTVMX_A_VM_STOP_REASON])
		res.stop_reason = nla_get_u32(tb[RTVMX_A_VM_STOP_REASON]);
	if (tb[RTVMX_A_VM_NAME])
		snprintf(res.name, sizeof(res.name), "%s", nla_get_string(tb[RTVMX_A_VM_NAME]));
	if (tb[RTVMX_A_CPU]) {
		res.has_cpu = true;
		res.cpu = nla_get_u32(tb[RTVMX_A_CPU]);
	}
	if (tb[RTVMX_A_CPU_STATE])
		res.cpu_state = nla_get_u32(tb[RTVMX_A_CPU_STATE]);
	return NL_OK;
}

static int nl_setup(void)
{
	int one = 1;

	sk = nl_socket_alloc();
	if (!sk || genl_connect(sk))
		return -1;
	setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, on_valid, NULL);
	nl_socket_modify_cb(sk, NL_CB_ACK, NL_CB_CUSTOM, on_done, NULL);
	nl_socket_modify_cb(sk, NL_CB_FINISH, NL_CB_CUSTOM, on_done, NULL);
	nl_socket_modify_err_cb(sk, NL_CB_CUSTOM, on_error, NULL);
	family = genl_ctrl_resolve(sk, RTVMX_GENL_NAME);
	return family < 0 ? -1 : 0;
}

/* An attribute to put: type, and either a u32, a string or raw bytes. */
struct attr {
	int type;
	enum { NONE, U32, STR, U8 } kind;
	__u32 u32;
	const char *str;
};

/* Sends @cmd with the attributes; 0 or an errno in res.err (-1: local failure). */
static int request(__u8 cmd, int flags, const struct attr *attrs, int n)
{
	struct nl_msg *msg = nlmsg_alloc();
	int i, ret;

	memset(&res, 0, sizeof(res));
	if (!msg || !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, flags, cmd,
				 RTVMX_GENL_VERSION))
		return -1;
	for (i = 0; i < n; i++) {
		if (attrs[i].kind == U32)
			ret = nla_put_u32(msg, attrs[i].type, attrs[i].u32);
		else if (attrs[i].kind == STR)
			ret = nla_put_string(msg, attrs[i].type, attrs[i].str);
		else
			ret = nla_put_u8(msg, attrs[i].type, (__u8)attrs[i].u32);
		if (ret)
			return -1;
	}
	ret = nl_send_auto(sk, msg);
	nlmsg_free(msg);
	if (ret < 0)
		return -1;
	while (!res.done)
		if (nl_recvmsgs_default(sk) < 0 && !res.err)
			return -1;
	return res.err;
}

#define A_U32(t, v)	{ .type = (t), .kind = U32, .u32 = (v) }
#define A_U8(t, v)	{ .type = (t), .kind = U8, .u32 = (v) }
#define A_STR(t, s)	{ .type = (t), .kind = STR, .str = (s) }
#define REQ(cmd, flags, ...) ({ \
	const struct attr a_[] = { __VA_ARGS__ }; \
	request(cmd, flags, a_, sizeof(a_) / sizeof(a_[0])); })
#define REQ0(cmd, flags)	request(cmd, flags, NULL, 0)

static bool msg_has(const char *part)
{
	bool ok = strstr(res.msg, part) != NULL;

	if (!ok)
		tap_diag("extack: '%s', want '%s'", res.msg, part);
	return ok;
}

static int create_vm(int dev, const char *name)
{
	struct rtvmx_vm_config c = { .mem_size = RTVMX_MIN_MEM };

	snprintf(c.name, sizeof(c.name), "%s", name);
	return ioctl(dev, RTVMX_CREATE_VM, &c);
}

static void check_cpus(int cpu)
{
	int ret;

	ret = REQ0(RTVMX_CMD_CPU_GET, NLM_F_DUMP);
	tap_check(ret == 0 && res.replies >= 1, "CPU dump: %d CPU(s)", res.replies);
	tap_check(REQ(RTVMX_CMD_CPU_GET, 0, A_U32(RTVMX_A_CPU, cpu)) == 0 && res.replies == 1 &&
		  res.has_cpu && res.cpu == (__u32)cpu && res.cpu_state == RTVMX_CPU_STATE_ON,
		  "CPU get %d: one reply, state on", cpu);
	tap_check(REQ(RTVMX_CMD_CPU_GET, 0, A_U32(RTVMX_A_CPU, 0)) == ENOENT &&
		  msg_has("not reserved"), "CPU get 0 (housekeeping): ENOENT, 'not reserved'");
	tap_check(REQ(RTVMX_CMD_CPU_GET, 0, A_U32(RTVMX_A_CPU, RTVMX_MAX_CPUS)) == ERANGE,
		  "CPU get %d (above the policy's maximum): ERANGE", RTVMX_MAX_CPUS);
	tap_check(REQ0(RTVMX_CMD_CPU_GET, 0) == EINVAL && msg_has("RTVMX_A_CPU"),
		  "CPU get without RTVMX_A_CPU: EINVAL, extack names it");
}

static void check_strict(__u32 id)
{
	char long_name[RTVMX_NAME_LEN + 1];

	memset(long_name, 'a', RTVMX_NAME_LEN);
	long_name[RTVMX_NAME_LEN] = '\0';
	tap_check(REQ0(RTVMX_CMD_VM_GET, 0) == EINVAL && msg_has("name the VM"),
		  "VM get without id or name: EINVAL, extack says what is missing");
	tap_check(REQ(RTVMX_CMD_VM_GET, 0, A_U8(RTVMX_A_VM_ID, id)) == EINVAL,
		  "VM get with a 1-byte RTVMX_A_VM_ID: EINVAL");
	tap_check(REQ(RTVMX_CMD_VM_GET, 0, A_STR(RTVMX_A_VM_NAME, long_name)) == EINVAL,
		  "VM get with a %d-character name: EINVAL", RTVMX_NAME_LEN);
	tap_check(REQ(RTVMX_CMD_VM_GET, 0, A_U32(RTVMX_A_VM_ID, id),
		      A_U32(ATTR_BOGUS, 1)) == EINVAL,
		  "VM get with an unknown attribute type %d: EINVAL", ATTR_BOGUS);
	tap_check(REQ(RTVMX_CMD_VM_GET, 0, A_U32(RTVMX_A_VM_ID, id),
		      A_U32(RTVMX_A_CPU, 1)) == EINVAL,
		  "VM get with RTVMX_A_CPU (not one of its attributes): EINVAL");
	tap_check(REQ(RTVMX_CMD_VM_GET, 0, A_U32(RTVMX_A_VM_ID, id),
		      A_U32(RTVMX_A_VM_STATE, 1)) == EINVAL,
		  "VM get with RTVMX_A_VM_STATE (reply only): EINVAL");
	tap_check(REQ(RTVMX_CMD_VM_DESTROY, 0, A_U32(RTVMX_A_VM_ID, id),
		      A_U32(RTVMX_A_VM_EXITS, 1)) == EINVAL,
		  "VM destroy with RTVMX_A_VM_EXITS (reply only): EINVAL");
	tap_check(REQ0(RTVMX_CMD_VM_GET, NLM_F_DUMP) == 0, "VM dump: ends with NLMSG_DONE");
	tap_check(REQ(RTVMX_CMD_VM_GET, NLM_F_DUMP, A_U32(ATTR_BOGUS, 1)) == EINVAL,
		  "VM dump with an unknown attribute: EINVAL");
	tap_check(REQ0(RTVMX_CMD_MAX + 1, 0) == EOPNOTSUPP,
		  "unknown command %d: EOPNOTSUPP", RTVMX_CMD_MAX + 1);
	tap_check(REQ0(RTVMX_CMD_EVENT_VM_STARTED, 0) == EOPNOTSUPP,
		  "an event command sent as a request: EOPNOTSUPP");
}

/* In a child as uid 65534: reads work, stop and destroy give EPERM. */
static int nonadmin(__u32 id)
{
	int bad = 0;

	if (setgroups(0, NULL) || setgid(NOBODY) || setuid(NOBODY)) {
		tap_diag("dropping to uid %d: %s", NOBODY, strerror(errno));
		return 2;
	}
	if (REQ(RTVMX_CMD_VM_GET, 0, A_U32(RTVMX_A_VM_ID, id)) || res.id != id) {
		tap_diag("uid %d: VM get: %s", NOBODY, strerror(res.err));
		bad = 1;
	}
	if (REQ(RTVMX_CMD_VM_STOP, 0, A_U32(RTVMX_A_VM_ID, id)) != EPERM) {
		tap_diag("uid %d: VM stop: %s, want EPERM", NOBODY, strerror(res.err));
		bad = 1;
	}
	if (REQ(RTVMX_CMD_VM_DESTROY, 0, A_STR(RTVMX_A_VM_NAME, NAME)) != EPERM) {
		tap_diag("uid %d: VM destroy: %s, want EPERM", NOBODY, strerror(res.err));
		bad = 1;
	}
	return bad;
}

static bool as_nobody(__u32 id)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return false;
	if (!pid)
		_exit(nonadmin(id));
	return waitpid(pid, &status, 0) == pid && WIFEXITED(status) && !WEXITSTATUS(status);
}

static void check_vm(int dev)
{
	struct rtvmx_vm_info info;
	int vm, vm2;
	__u32 id;

	vm = create_vm(dev, NAME);
	if (!tap_check(vm >= 0, "CREATE_VM '%s'", NAME))
		return;
	tap_check_errno(create_vm(dev, NAME), EEXIST, "a second VM named '%s': EEXIST", NAME);
	tap_check_errno(create_vm(dev, "vm12"), EINVAL, "the name 'vm12' (kept for unnamed VMs): EINVAL");
	ioctl(vm, RTVMX_GET_INFO, &info);
	id = info.id;
	tap_check(REQ0(RTVMX_CMD_VM_GET, NLM_F_DUMP) == 0 && res.replies == 1 && res.id == id,
		  "VM dump: the one VM, id %u", id);
	tap_check(REQ(RTVMX_CMD_VM_GET, 0, A_STR(RTVMX_A_VM_NAME, NAME)) == 0 &&
		  res.replies == 1 && res.id == id && res.state == RTVMX_VM_CREATED &&
		  !strcmp(res.name, NAME), "VM get by name: id %u, state created", id);
	tap_check(REQ(RTVMX_CMD_VM_GET, 0, A_U32(RTVMX_A_VM_ID, id)) == 0 &&
		  !strcmp(res.name, NAME), "VM get by id %u: name '%s'", id, NAME);
	tap_check(REQ(RTVMX_CMD_VM_GET, 0, A_U32(RTVMX_A_VM_ID, id + 1000)) == ENOENT &&
		  msg_has("no VM with this id"), "VM get of a missing id: ENOENT, 'no VM with this id'");
	tap_check(REQ(RTVMX_CMD_VM_GET, 0, A_STR(RTVMX_A_VM_NAME, "nope")) == ENOENT &&
		  msg_has("no VM with this name"), "VM get 'nope': ENOENT, 'no VM with this name'");
	check_strict(id);
	tap_check(REQ(RTVMX_CMD_VM_STOP, 0, A_U32(RTVMX_A_VM_ID, id)) == EINVAL &&
		  msg_has("not running"), "VM stop of a VM never started: EINVAL, 'not running'");
	tap_check_errno(ioctl(dev, RTVMX_ATTACH_VM, &(struct rtvmx_vm_attach){ .id = id }), EINVAL,
			"ATTACH_VM of a VM that is not persistent: EINVAL");
	tap_check_errno(ioctl(dev, RTVMX_ATTACH_VM, &(struct rtvmx_vm_attach){ .id = id + 1000 }),
			ENOENT, "ATTACH_VM of a missing id: ENOENT");
	tap_check_errno(ioctl(dev, RTVMX_ATTACH_VM, &(struct rtvmx_vm_attach){ .id = id, .flags = 1 }),
			EINVAL, "ATTACH_VM with flags: EINVAL");
	tap_check(as_nobody(id), "uid %d: VM get works, stop and destroy give EPERM", NOBODY);
	tap_check(REQ(RTVMX_CMD_VM_DESTROY, 0, A_STR(RTVMX_A_VM_NAME, NAME)) == 0,
		  "VM destroy by name: ACK");
	tap_check(REQ(RTVMX_CMD_VM_GET, 0, A_U32(RTVMX_A_VM_ID, id)) == ENOENT,
		  "VM get after destroy: ENOENT");
	tap_check(REQ(RTVMX_CMD_VM_DESTROY, 0, A_U32(RTVMX_A_VM_ID, id)) == ENOENT,
		  "VM destroy again: ENOENT");
	tap_check(ioctl(vm, RTVMX_GET_INFO, &info) == 0 && info.id == id,
		  "the launcher's fd still works after destroy");
	vm2 = create_vm(dev, NAME);
	tap_check(vm2 >= 0, "the name is free again after destroy");
	if (vm2 >= 0)
		close(vm2);
	close(vm);
	tap_check(REQ0(RTVMX_CMD_VM_GET, NLM_F_DUMP) == 0 && res.replies == 0,
		  "VM dump after the fds closed: no VM");
}

int main(void)
{
	int cpu, dev;

	tap_start();
	cpu = rtvmx_require();
	if (!tap_check(rtvmx_load("") == 0, "load rtvmx"))
		return tap_done();
	if (tap_check(nl_setup() == 0, "generic netlink family '%s' resolves", RTVMX_GENL_NAME)) {
		tap_check(genl_ctrl_resolve_grp(sk, RTVMX_GENL_NAME, RTVMX_GENL_MCGRP_EVENTS) > 0,
			  "multicast group '%s' resolves", RTVMX_GENL_MCGRP_EVENTS);
		tap_check(REQ0(RTVMX_CMD_VM_GET, NLM_F_DUMP) == 0 && res.replies == 0,
			  "VM dump with no VM: no reply");
		check_cpus(cpu);
		dev = open(RTVMX_NODE, O_RDWR | O_CLOEXEC);
		if (tap_check(dev >= 0, "open %s", RTVMX_NODE)) {
			check_vm(dev);
			close(dev);
		}
		nl_socket_free(sk);
	}
	tap_check(rtvmx_unload() == 0, "unload rtvmx");
	return tap_done();
}
