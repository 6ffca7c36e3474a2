/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * rtvmx generic netlink family: listing, inspecting, stopping and destroying
 * VMs, reading the reserved CPUs, and a multicast group of lifecycle events.
 *
 * Requests name a VM by RTVMX_A_VM_ID or RTVMX_A_VM_NAME (the ID wins when
 * both are given). Every request is validated strictly: an attribute that a
 * command does not take, a wrong type or an over-long name gives EINVAL, a
 * CPU number of RTVMX_MAX_CPUS or more ERANGE, each with an extack message.
 * Commands that change state need CAP_NET_ADMIN.
 */
#ifndef _UAPI_LINUX_RTVMX_NETLINK_H
#define _UAPI_LINUX_RTVMX_NETLINK_H

#define RTVMX_GENL_NAME			"rtvmx"
#define RTVMX_GENL_VERSION		1
#define RTVMX_GENL_MCGRP_EVENTS		"events"

enum rtvmx_nl_cmd {
	RTVMX_CMD_UNSPEC,
	/* Requests. */
	RTVMX_CMD_VM_GET,	/* do: one VM (ID or NAME); dump: every VM, by id */
	RTVMX_CMD_VM_STOP,	/* admin; ID or NAME; EINVAL when it is not running */
	RTVMX_CMD_VM_DESTROY,	/* admin; ID or NAME; stops it first when running */
	RTVMX_CMD_CPU_GET,	/* do: one reserved CPU (RTVMX_A_CPU); dump: all */
	/* Events, on RTVMX_GENL_MCGRP_EVENTS. */
	RTVMX_CMD_EVENT_VM_STARTED,	/* ID, NAME, CPU */
	RTVMX_CMD_EVENT_VM_STOPPED,	/* ID, NAME, CPU, STOP_*, EXIT_CODE: a normal stop */
	RTVMX_CMD_EVENT_VM_CRASHED,	/* the same for an abnormal stop (below) */
	RTVMX_CMD_EVENT_DEADLINE_MISSED, /* ID, NAME, CPU, LATENESS_NS */
	RTVMX_CMD_EVENT_CPU_RESERVED,	/* CPU, ID, NAME: a VM's vCPU took the CPU */
	RTVMX_CMD_EVENT_CPU_RELEASED,	/* CPU, ID, NAME: the VM is gone, the CPU is free */
	__RTVMX_CMD_MAX,
};
#define RTVMX_CMD_MAX	(__RTVMX_CMD_MAX - 1)

/*
 * A VM's life on the event group: STARTED, then exactly one of STOPPED (stop
 * reason shutdown, exit_port or user) or CRASHED (any other stop reason).
 * DEADLINE_MISSED: a vCPU did not finish the work of a scheduling period by
 * its deadline; LATENESS_NS says by how much.
 */

enum rtvmx_nl_attr {
	RTVMX_A_UNSPEC,
	RTVMX_A_PAD,
	RTVMX_A_VM_ID,		/* u32 */
	RTVMX_A_VM_NAME,	/* NUL-terminated string, < RTVMX_NAME_LEN bytes */
	RTVMX_A_VM_STATE,	/* u32: RTVMX_VM_* */
	RTVMX_A_VM_FLAGS,	/* u32: RTVMX_VM_* creation flags (RTVMX_VM_PERSISTENT) */
	RTVMX_A_VM_MEM,		/* u64: guest RAM in bytes */
	RTVMX_A_VM_CPU,		/* u32: CPU of vCPU 0; absent before CREATE_VCPU */
	RTVMX_A_VM_SCHED,	/* nested RTVMX_A_SCHED_*: the vCPU's scheduling */
	RTVMX_A_VM_STOP_REASON,	/* u32: RTVMX_STOP_* */
	RTVMX_A_VM_STOP_DETAIL,	/* u64: see RTVMX_STOP_* */
	RTVMX_A_VM_EXIT_CODE,	/* u64 */
	RTVMX_A_VM_GUEST_NS,	/* u64: time in VMX non-root mode */
	RTVMX_A_VM_HOST_NS,	/* u64: time in the run loop outside the guest */
	RTVMX_A_VM_EXITS_TOTAL,	/* u64 */
	RTVMX_A_VM_EXITS,	/* nested: one RTVMX_A_EXIT per reason seen */
	RTVMX_A_EXIT,		/* nested: RTVMX_A_EXIT_REASON, RTVMX_A_EXIT_COUNT */
	RTVMX_A_EXIT_REASON,	/* u32: basic exit reason */
	RTVMX_A_EXIT_COUNT,	/* u64 */
	RTVMX_A_CPU,		/* u32: a host CPU number */
	RTVMX_A_CPU_STATE,	/* u32: RTVMX_CPU_STATE_* */
	RTVMX_A_LATENESS_NS,	/* u64 */
	RTVMX_A_SCHED_POLICY,	/* u32: RTVMX_SCHED_* */
	/* In RTVMX_A_VM_SCHED, as struct rtvmx_vcpu_config has them for the policy: */
	RTVMX_A_SCHED_PRIO,	/* u32: fp */
	RTVMX_A_SCHED_BUDGET_NS,	/* u64: edf, fp */
	RTVMX_A_SCHED_PERIOD_NS,	/* u64: edf, fp */
	RTVMX_A_SCHED_DEADLINE_NS,	/* u64: edf (0: the period) */
	RTVMX_A_SCHED_OFFSET_NS,	/* u64: table */
	RTVMX_A_SCHED_LENGTH_NS,	/* u64: table */
	RTVMX_A_SCHED_FRAME_NS,	/* u64: table */
	/* and, once started, what the scheduler counted (as RTVMX_GET_INFO's sched_*): */
	RTVMX_A_SCHED_RUNTIME_NS,	/* u64 */
	RTVMX_A_SCHED_OVERRUNS,	/* u64 */
	RTVMX_A_SCHED_DEADLINE_MISSES,	/* u64 */
	RTVMX_A_VM_NR_VCPUS,	/* u32: vCPUs created (RTVMX_CAP_SMP_VCPUS) */
	RTVMX_A_VM_APICV,	/* u32: RTVMX_APICV_* the VM uses */
	__RTVMX_A_MAX,
};
#define RTVMX_A_MAX	(__RTVMX_A_MAX - 1)

/* RTVMX_A_CPU_STATE */
#define RTVMX_CPU_STATE_OFF	0	/* reserved, online, VMX off */
#define RTVMX_CPU_STATE_ON	1	/* in VMX root operation, free or running a vCPU */
#define RTVMX_CPU_STATE_OFFLINE	2	/* reserved but offline */
#define RTVMX_CPU_STATE_FAILED	3	/* VMXON failed when it came online (dmesg) */
#define RTVMX_CPU_STATE_NAMES	"off", "on", "offline", "failed"

#endif /* _UAPI_LINUX_RTVMX_NETLINK_H */
