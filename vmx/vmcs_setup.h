/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RTVMX_VMX_VMCS_SETUP_H
#define RTVMX_VMX_VMCS_SETUP_H

struct rtvmx_vcpu;

/* The longest stretch a guest runs without an exit (the preemption timer's slice). */
#define RTVMX_SLICE_US		1000

int rtvmx_vmcs_setup(struct rtvmx_vcpu *vcpu);
void rtvmx_vmcs_refresh_host(struct rtvmx_vcpu *vcpu);

#endif
