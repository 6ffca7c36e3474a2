/* SPDX-License-Identifier: GPL-2.0 */
/* The host perf's MSRs switched by VM entry and exit (perf_switch.c). */
#ifndef RTVMX_VMX_PERF_SWITCH_H
#define RTVMX_VMX_PERF_SWITCH_H

#include <linux/types.h>

struct rtvmx_vcpu;

/* Whether the host perf has MSRs to switch at all (a PMU driver is in use). */
extern bool rtvmx_perf_switch_needed;
void rtvmx_perf_switch_init(void);

int rtvmx_perf_switch_alloc(struct rtvmx_vcpu *vcpu, int node);
void rtvmx_perf_switch_free(struct rtvmx_vcpu *vcpu);
/* The VMCS's MSR-load lists, empty; with the vCPU's VMCS current. */
void rtvmx_perf_switch_setup(struct rtvmx_vcpu *vcpu);
/* Before every entry, interrupts off: the lists as perf wants them now. */
void rtvmx_perf_switch_update(struct rtvmx_vcpu *vcpu);

#endif
