/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What netlink reports about VMs, CPUs and events, as plain structs, and
 * their text and JSON renderings (pure, unit-tested; format.h's buffer
 * conventions: snprintf-like return, always NUL-terminated).
 */
#ifndef RTVMX_CLI_VMSTATUS_H
#define RTVMX_CLI_VMSTATUS_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/rtvmx.h>

/* A VM named on the command line: all digits is an id, anything else a name. */
struct vm_ref {
	bool by_id;
	__u32 id;
	const char *name;
};

/* 0, or -1 when @s is neither an id nor a valid VM name. */
int vm_ref_parse(const char *s, struct vm_ref *ref);
/* "no VM with id 3" or "no VM named foo": the message for ENOENT. */
const char *vm_ref_missing(const struct vm_ref *ref, char *buf, size_t size);

struct vm_status {
	struct rtvmx_vm_info info;	/* info.cpu = -1 when there is no vCPU */
	__u32 flags;			/* RTVMX_VM_* */
	bool has_sched;			/* the VM has a vCPU and sched says how it runs */
	struct rtvmx_vcpu_config sched;	/* policy and parameters (not cpu) */
};

struct cpu_status {
	__u32 cpu;
	__u32 state;			/* RTVMX_CPU_STATE_* */
	bool has_vm;
	__u32 vm_id;
	char vm_name[RTVMX_NAME_LEN];
};

struct vm_event {
	__u8 cmd;			/* RTVMX_CMD_EVENT_* */
	__u32 id;
	char name[RTVMX_NAME_LEN];
	int cpu;			/* -1 when not given */
	__u32 stop_reason;
	__u64 stop_detail;
	__u64 exit_code;
	__u64 lateness_ns;
};

const char *vm_state_name(__u32 state);
const char *cpu_state_name(__u32 state);
/* "started", "stopped", "crashed", "deadline_missed", "cpu_reserved", "cpu_released". */
const char *event_name(__u8 cmd);

/* "rtvmx list": the header line, then one line per VM. */
int vm_list_header(char *buf, size_t size);
int vm_list_line(char *buf, size_t size, const struct vm_status *st);
/* "rtvmx info": "key: value" lines, or one JSON object on one line. */
int vm_info_text(char *buf, size_t size, const struct vm_status *st);
int vm_info_json(char *buf, size_t size, const struct vm_status *st);
/*
 * "rtvmx stats": per exit reason seen, its count in @now and its rate per
 * second between @before and @now, @interval_ns apart (no rates when 0).
 */
int vm_stats_text(char *buf, size_t size, const struct vm_status *before,
		  const struct vm_status *now, __u64 interval_ns);
int vm_stats_json(char *buf, size_t size, const struct vm_status *before,
		  const struct vm_status *now, __u64 interval_ns);
/* "rtvmx cpus": one line per CPU, or a JSON object. */
int cpu_text(char *buf, size_t size, const struct cpu_status *c);
int cpu_json(char *buf, size_t size, const struct cpu_status *c);
/* "rtvmx monitor": one line per event, or one JSON object per line. */
int event_text(char *buf, size_t size, const struct vm_event *ev);
int event_json(char *buf, size_t size, const struct vm_event *ev);

#endif
