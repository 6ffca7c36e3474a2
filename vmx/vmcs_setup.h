/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RTVMX_VMX_VMCS_SETUP_H
#define RTVMX_VMX_VMCS_SETUP_H

struct rtvmx_vcpu;

/* The longest stretch a guest runs without an exit (the preemption timer's slice). */
#define RTVMX_SLICE_US		1000

/* The slice in TSC ticks, and as a preemption-timer value. */
u64 rtvmx_slice_ticks(void);
u32 rtvmx_slice_timer_value(void);

int rtvmx_vmcs_setup(struct rtvmx_vcpu *vcpu);
void rtvmx_vmcs_refresh_host(struct rtvmx_vcpu *vcpu);

#endif
