/* SPDX-License-Identifier: GPL-2.0 */
/* The guest's debug registers (debugreg.c). */
#ifndef RTVMX_VMX_DEBUGREG_H
#define RTVMX_VMX_DEBUGREG_H

struct rtvmx_vcpu;

/* The reset state: DR0-DR3 zero, DR6 0xffff0ff0 (DR7 0x400 is in the VMCS). */
void rtvmx_dr_reset(struct rtvmx_vcpu *vcpu);
void rtvmx_dr_load_guest(struct rtvmx_vcpu *vcpu);
void rtvmx_dr_restore_host(struct rtvmx_vcpu *vcpu);
/* The guest's DR6 and DR7 as delivering a #DB with @payload (DR6 layout) leaves them. */
void rtvmx_dr_deliver_db(struct rtvmx_vcpu *vcpu, unsigned long payload);
/* A MOV DR exit. */
void rtvmx_handle_dr_access(struct rtvmx_vcpu *vcpu);

#endif
