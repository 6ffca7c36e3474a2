/* SPDX-License-Identifier: GPL-2.0 */
/* The rtvmx generic netlink family (uapi/linux/rtvmx_netlink.h). */
#ifndef RTVMX_MODULE_NETLINK_H
#define RTVMX_MODULE_NETLINK_H

#include <linux/types.h>
#include <linux/rtvmx_netlink.h>

struct rtvmx_vm;

int rtvmx_nl_init(void);
void rtvmx_nl_exit(void);

/* Events on the "events" group. Process context; they may sleep. */
void rtvmx_nl_vm_started(struct rtvmx_vm *vm);
/* STOPPED or CRASHED, by the VM's stop reason; after it reads as stopped. */
void rtvmx_nl_vm_stopped(struct rtvmx_vm *vm);
/* RTVMX_CMD_EVENT_CPU_RESERVED or RTVMX_CMD_EVENT_CPU_RELEASED for @vm's vCPU on @cpu. */
void rtvmx_nl_cpu_event(u8 cmd, unsigned int cpu, struct rtvmx_vm *vm);
/* For the scheduler: does not sleep (GFP_ATOMIC); not with interrupts off. */
void rtvmx_nl_deadline_missed(struct rtvmx_vm *vm, unsigned int cpu, u64 lateness_ns);

#endif
