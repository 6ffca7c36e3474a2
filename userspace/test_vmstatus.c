// SPDX-License-Identifier: GPL-2.0
/* Host unit tests of vmstatus.c; prints TAP, exits non-zero on any failure. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <linux/netlink.h>
#include <linux/rtvmx_netlink.h>

#include "extack.h"
#include "vmstatus.h"

static int nr_tests, nr_failed;

static void check(bool ok, const char *name)
{
	nr_tests++;
	printf("%sok %d - %s\n", ok ? "" : "not ", nr_tests, name);
	if (!ok)
		nr_failed++;
}

static void check_str(const char *got, int got_len, const char *want, const char *name)
{
	bool ok = !strcmp(got, want) && got_len == (int)strlen(want);

	check(ok, name);
	if (!ok)
		printf("# want (%zu): '%s'\n# got  (%d): '%s'\n", strlen(want), want, got_len, got);
}

static void test_vm_ref(void)
{
	struct vm_ref ref;
	char buf[64];

	check(!vm_ref_parse("7", &ref) && ref.by_id && ref.id == 7, "vm_ref '7' is id 7");
	check(!vm_ref_parse("4294967295", &ref) && ref.by_id && ref.id == 4294967295U,
	      "vm_ref '4294967295' is the largest id");
	check(vm_ref_parse("4294967296", &ref), "vm_ref '4294967296' is refused (over 32 bits)");
	check(vm_ref_parse("12345678901", &ref), "vm_ref with 11 digits is refused");
	check(vm_ref_parse("3x", &ref), "vm_ref '3x' is refused (a digit starts an id)");
	check(!vm_ref_parse("web-1.a_b", &ref) && !ref.by_id && !strcmp(ref.name, "web-1.a_b"),
	      "vm_ref 'web-1.a_b' is a name");
	check(!vm_ref_parse("vm3", &ref) && !ref.by_id, "vm_ref 'vm3' is a name");
	check(vm_ref_parse("", &ref), "vm_ref '' is refused");
	check(vm_ref_parse("a b", &ref), "vm_ref 'a b' is refused");
	check(vm_ref_parse("a23456789012345678901234567890123", &ref),
	      "vm_ref of 32 characters is refused");
	vm_ref_parse("foo", &ref);
	check(!strcmp(vm_ref_missing(&ref, buf, sizeof(buf)), "no VM named foo"),
	      "missing name: 'no VM named foo'");
	vm_ref_parse("3", &ref);
	check(!strcmp(vm_ref_missing(&ref, buf, sizeof(buf)), "no VM with id 3"),
	      "missing id: 'no VM with id 3'");
}

static void sample_vm(struct vm_status *st)
{
	memset(st, 0, sizeof(*st));
	st->info.id = 3;
	strcpy(st->info.name, "web");
	st->info.state = RTVMX_VM_RUNNING;
	st->info.mem_size = 16 << 20;
	st->info.cpu = 1;
	st->info.nr_vcpus = 2;
	st->flags = RTVMX_VM_PERSISTENT;
	st->has_sched = true;
	st->sched.sched_policy = RTVMX_SCHED_DEDICATED;
	st->info.guest_ns = 2000;
	st->info.host_ns = 500;
	st->info.exits_total = 130;
	st->info.exits[10] = 100;	/* cpuid */
	st->info.exits[30] = 30;	/* io_instruction */
	st->info.apicv = RTVMX_APICV_ALL;
}

static void test_vm_render(void)
{
	struct vm_status st, before;
	char buf[4096];
	int len;

	sample_vm(&st);
	len = vm_list_line(buf, sizeof(buf), &st);
	check_str(buf, len, "3     web                  running  1    16M      persistent -\n",
		  "list line of a running persistent VM");
	st.info.state = RTVMX_VM_STOPPED;
	st.info.stop_reason = RTVMX_STOP_TRIPLE_FAULT;
	st.info.cpu = -1;
	st.flags = 0;
	st.info.mem_size = 0x201000;
	len = vm_list_line(buf, sizeof(buf), &st);
	check_str(buf, len, "3     web                  stopped  -    2052K    -          triple_fault\n",
		  "list line of a stopped VM without CPU");

	sample_vm(&st);
	len = vm_info_json(buf, sizeof(buf), &st);
	check_str(buf, len,
		  "{\"id\": 3, \"name\": \"web\", \"state\": \"running\", \"persistent\": true, "
		  "\"mem_size\": 16777216, \"cpu\": 1, \"vcpus\": 2, "
		  "\"sched_policy\": \"dedicated\", "
		  "\"apicv\": [\"tpr_shadow\", \"apic_access\", \"apic_reg_virt\", \"virt_intr_delivery\"], "
		  "\"stop_reason\": \"none\", \"stop_detail\": 0, \"exit_code\": 0, "
		  "\"guest_ns\": 2000, \"host_ns\": 500, \"exits\": 130}", "info JSON");
	st.info.cpu = -1;
	st.has_sched = false;
	strcpy(st.info.name, "a\"b\\c");
	len = vm_info_json(buf, sizeof(buf), &st);
	check(strstr(buf, "\"name\": \"a\\\"b\\\\c\"") && strstr(buf, "\"cpu\": null") &&
	      strstr(buf, "\"sched_policy\": null") && len == (int)strlen(buf),
	      "info JSON escapes the name, null CPU and policy");
	check(vm_info_json(NULL, 0, &st) == len, "info JSON length with a NULL buffer");
	len = vm_info_json(buf, 10, &st);
	check(strlen(buf) == 9 && len > 10, "info JSON truncates like snprintf");

	sample_vm(&st);
	len = vm_info_text(buf, sizeof(buf), &st);
	check_str(buf, len,
		  "id: 3\nname: web\nstate: running\npersistent: yes\nmem_size: 16777216\ncpu: 1\n"
		  "vcpus: 2\n"
		  "sched_policy: dedicated\napicv: tpr_shadow apic_access apic_reg_virt virt_intr_delivery\n"
		  "stop_reason: none\nstop_detail: 0\nexit_code: 0\n"
		  "guest_ns: 2000\nhost_ns: 500\nexits: 130\n", "info text");
	st.sched.sched_policy = RTVMX_SCHED_EDF;
	st.sched.edf.budget = 2000000;
	st.sched.edf.period = 10000000;
	st.sched.edf.deadline = 7500;
	st.info.sched_runtime_ns = 4000000;
	st.info.sched_deadline_misses = 2;
	len = vm_info_text(buf, sizeof(buf), &st);
	check(strstr(buf, "sched_policy: edf\nsched_params: budget=2ms,period=10ms,deadline=7500ns\n"
			  "sched_runtime_ns: 4000000\nsched_overruns: 0\nsched_deadline_misses: 2\n") &&
	      len == (int)strlen(buf), "info text: an EDF vCPU's parameters and counters");

	sample_vm(&before);
	before.info.exits[10] = 50;
	before.info.exits[30] = 30;
	len = vm_stats_json(buf, sizeof(buf), &before, &st, 500000000ULL);
	check_str(buf, len,
		  "{\"id\": 3, \"name\": \"web\", \"state\": \"running\", \"exits\": 130, "
		  "\"guest_ns\": 2000, \"host_ns\": 500, \"interval_ns\": 500000000, \"by_reason\": ["
		  "{\"reason\": 10, \"name\": \"cpuid\", \"count\": 100, \"rate\": 100.0}, "
		  "{\"reason\": 30, \"name\": \"io_instruction\", \"count\": 30, \"rate\": 0.0}]}",
		  "stats JSON: counts and rates over half a second");
	len = vm_stats_text(buf, sizeof(buf), &before, &st, 500000000ULL);
	check(strstr(buf, "cpuid                               100        100.0\n") &&
	      strstr(buf, "REASON") && strstr(buf, "RATE/s") && len == (int)strlen(buf),
	      "stats text: a row per reason with its rate");
	st.info.exits[77] = 2;
	len = vm_stats_text(buf, sizeof(buf), &st, &st, 0);
	check(!strstr(buf, "RATE/s") && strstr(buf, "reason77 ") && len == (int)strlen(buf),
	      "stats text without an interval has no rates; unnamed reasons are reasonN");
}

static void test_events(void)
{
	struct vm_event ev = { .cmd = RTVMX_CMD_EVENT_VM_STOPPED, .id = 4, .cpu = 1,
			       .stop_reason = RTVMX_STOP_SHUTDOWN, .exit_code = 7 };
	struct cpu_status c = { .cpu = 1, .state = RTVMX_CPU_STATE_ON, .has_vm = true, .vm_id = 4 };
	char buf[512];
	int len;

	strcpy(ev.name, "db");
	len = event_text(buf, sizeof(buf), &ev);
	check_str(buf, len, "stopped id=4 name=db cpu=1 stop_reason=shutdown exit_code=7 stop_detail=0\n",
		  "stopped event text");
	len = event_json(buf, sizeof(buf), &ev);
	check_str(buf, len, "{\"event\": \"stopped\", \"id\": 4, \"name\": \"db\", \"cpu\": 1, "
		  "\"stop_reason\": \"shutdown\", \"exit_code\": 7, \"stop_detail\": 0}",
		  "stopped event JSON");
	ev.cmd = RTVMX_CMD_EVENT_VM_STARTED;
	len = event_text(buf, sizeof(buf), &ev);
	check_str(buf, len, "started id=4 name=db cpu=1\n", "started event text");
	ev.cmd = RTVMX_CMD_EVENT_DEADLINE_MISSED;
	ev.lateness_ns = 1500;
	len = event_json(buf, sizeof(buf), &ev);
	check_str(buf, len, "{\"event\": \"deadline_missed\", \"id\": 4, \"name\": \"db\", "
		  "\"cpu\": 1, \"lateness_ns\": 1500}", "deadline_missed event JSON");
	ev.cmd = RTVMX_CMD_EVENT_VM_CRASHED;
	ev.stop_reason = RTVMX_STOP_TRIPLE_FAULT;
	ev.stop_detail = 0x10;
	len = event_text(buf, sizeof(buf), &ev);
	check_str(buf, len, "crashed id=4 name=db cpu=1 stop_reason=triple_fault exit_code=7 stop_detail=0x10\n",
		  "crashed event text");
	check(!strcmp(event_name(200), "unknown"), "unknown event command");

	strcpy(c.vm_name, "db");
	len = cpu_text(buf, sizeof(buf), &c);
	check_str(buf, len, "cpu1: on vm 4 db\n", "cpu line with its VM");
	len = cpu_json(buf, sizeof(buf), &c);
	check_str(buf, len, "{\"cpu\": 1, \"state\": \"on\", \"vm\": {\"id\": 4, \"name\": \"db\"}}",
		  "cpu JSON with its VM");
	c.has_vm = false;
	c.state = RTVMX_CPU_STATE_OFFLINE;
	len = cpu_json(buf, sizeof(buf), &c);
	check_str(buf, len, "{\"cpu\": 1, \"state\": \"offline\", \"vm\": null}", "cpu JSON, no VM");
	check(!strcmp(cpu_state_name(9), "unknown") && !strcmp(vm_state_name(9), "unknown"),
	      "unknown CPU and VM states");
}

/*
 * An NLMSG_ERROR for a request of @req_len bytes, @capped or not: an
 * NLMSGERR_ATTR_OFFS, then @msg as NLMSGERR_ATTR_MSG (none when NULL).
 */
static size_t make_error(unsigned char *buf, size_t req_len, int capped, const char *msg)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	struct nlmsgerr *e = NLMSG_DATA(nlh);
	size_t payload = sizeof(*e) + (capped ? 0 : req_len - NLMSG_HDRLEN);
	size_t off = NLMSG_HDRLEN + NLMSG_ALIGN(payload);
	struct nlattr *a;

	memset(buf, 0xee, 512);
	memset(nlh, 0, off);
	nlh->nlmsg_type = NLMSG_ERROR;
	nlh->nlmsg_flags = NLM_F_ACK_TLVS | (capped ? NLM_F_CAPPED : 0);
	e->error = -22;
	e->msg.nlmsg_len = req_len;
	a = (struct nlattr *)(buf + off);
	a->nla_type = NLMSGERR_ATTR_OFFS;
	a->nla_len = NLA_HDRLEN + 4;
	off += NLA_ALIGN(a->nla_len);
	if (msg) {
		a = (struct nlattr *)(buf + off);
		a->nla_type = NLMSGERR_ATTR_MSG;
		a->nla_len = NLA_HDRLEN + strlen(msg) + 1;
		memcpy((char *)a + NLA_HDRLEN, msg, strlen(msg) + 1);
		off += NLA_ALIGN(a->nla_len);
	}
	nlh->nlmsg_len = off;
	return off;
}

static void test_extack(void)
{
	unsigned char buf[512] __attribute__((aligned(4)));
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	char msg[64];

	make_error(buf, 28, 1, "rtvmx: the VM is not running");
	extack_msg(nlh, msg, sizeof(msg));
	check(!strcmp(msg, "the VM is not running"), "extack, capped: message without the module prefix");
	make_error(buf, 37, 0, "no VM with this name");
	extack_msg(nlh, msg, sizeof(msg));
	check(!strcmp(msg, "no VM with this name"), "extack after an uncapped 37-byte request");
	make_error(buf, 28, 1, NULL);
	extack_msg(nlh, msg, sizeof(msg));
	check(!msg[0], "extack without a message: empty");
	make_error(buf, 28, 1, "rtvmx: the VM is not running");
	nlh->nlmsg_flags &= ~NLM_F_ACK_TLVS;
	extack_msg(nlh, msg, sizeof(msg));
	check(!msg[0], "no NLM_F_ACK_TLVS: empty");
	nlh->nlmsg_len = make_error(buf, 28, 1, "rtvmx: the VM is not running") - 8;
	extack_msg(nlh, msg, sizeof(msg));
	check(!msg[0], "a message attribute cut by nlmsg_len is not read");
	make_error(buf, 28, 1, "rtvmx: the VM is not running");
	extack_msg(nlh, msg, 8);
	check(!strcmp(msg, "the VM "), "extack truncated to the buffer");
}

int main(void)
{
	printf("TAP version 13\n");
	test_vm_ref();
	test_vm_render();
	test_events();
	test_extack();
	printf("1..%d\n", nr_tests);
	return nr_failed ? 1 : 0;
}
