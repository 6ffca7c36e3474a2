/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vCPUs of one VM signalling each other (vmx/sched.c), for code that cannot
 * include vcpu.h (the emul/ models' headers clash with the kernel's APIC ones).
 */
#ifndef RTVMX_VMX_SIGNAL_H
#define RTVMX_VMX_SIGNAL_H

#include <linux/types.h>

struct rtvmx_vcpu;

/* The vCPU whose exits this CPU's loop handles now, or NULL. */
struct rtvmx_vcpu *rtvmx_vcpu_running(void);
/* Its index in its VM: its APIC ID. */
unsigned int rtvmx_vcpu_index(const struct rtvmx_vcpu *vcpu);
/*
 * Something for @vcpu's LAPIC, from any vCPU: on its own exit path it just
 * looks before the next entry; else it is signalled through kick_req and its
 * core is kicked. Any context, interrupts off included.
 */
void rtvmx_vcpu_signal(struct rtvmx_vcpu *vcpu);
/*
 * A STARTUP IPI with @vector (SDM Vol. 3A 8.4.4): true if @vcpu is an AP
 * that waited for one and now starts; false if it is ignored.
 */
bool rtvmx_vcpu_sipi(struct rtvmx_vcpu *vcpu, u8 vector);
/* Whether @vcpu is an AP still waiting for its STARTUP IPI. */
bool rtvmx_vcpu_waits_sipi(const struct rtvmx_vcpu *vcpu);

#endif
