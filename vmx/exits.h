/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RTVMX_VMX_EXITS_H
#define RTVMX_VMX_EXITS_H

struct rtvmx_vcpu;

/* Handles the exit just taken; interrupts are off, the vCPU's VMCS is current. */
void rtvmx_handle_exit(struct rtvmx_vcpu *vcpu);
/* Writes the VMCS and registers into vcpu->dump, headed by @why. */
void rtvmx_dump_vcpu(struct rtvmx_vcpu *vcpu, const char *why);
/* Drops stale EPT and VPID translations before the vCPU's first entry. */
void rtvmx_flush_guest_tlb(struct rtvmx_vcpu *vcpu);

#endif
