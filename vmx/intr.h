/* SPDX-License-Identifier: GPL-2.0 */
/* Event injection and guest timers on the exit path (vmx/intr.c). */
#ifndef RTVMX_VMX_INTR_H
#define RTVMX_VMX_INTR_H

#include <linux/bits.h>
#include <linux/compiler.h>
#include <linux/types.h>

/* rtvmx_vcpu_ops.intr_ready() */
#define RTVMX_INTR_NMI		BIT(0)
#define RTVMX_INTR_IRQ		BIT(1)
#define RTVMX_INTR_EXTINT	BIT(2)	/* with RTVMX_INTR_IRQ: the 8259A's (ExtINT) goes first */

struct rtvmx_vcpu;

/* The guest's TSC now: the host's (no TSC offsetting). */
u64 rtvmx_guest_tsc(const struct rtvmx_vcpu *vcpu);
/* A device was accessed: its deadline and the pending interrupts may have changed. */
void rtvmx_vcpu_dev_changed(struct rtvmx_vcpu *vcpu);
/* A line or message reached the LAPIC: evaluate before the next entry. */
void rtvmx_vcpu_intr_kick(struct rtvmx_vcpu *vcpu);

/* Before an entry: inject what the LAPIC has, or open a window; vcpu->intr_check set. */
void rtvmx_intr_prepare(struct rtvmx_vcpu *vcpu);
/* After an exit whose IDT-vectoring information is valid: re-inject that event. */
void rtvmx_intr_reinject(struct rtvmx_vcpu *vcpu, u32 idt_info, u32 reason);
/* The device timers are due at @now (>= vcpu->dev_deadline). */
void rtvmx_intr_expire(struct rtvmx_vcpu *vcpu, u64 now);
/*
 * Before an entry at @tsc: timers that fell due while the vCPU was out of the
 * guest (descheduled, or in the host's exit path) fire now, and their
 * interrupt goes in at this entry rather than one preemption-timer exit later.
 */
void rtvmx_intr_catch_up(struct rtvmx_vcpu *vcpu, u64 tsc);
/* A HLT exit: halt in the guest, block, or go on (an interrupt is ready). */
void rtvmx_intr_hlt(struct rtvmx_vcpu *vcpu);
/* The interrupt- or NMI-window exit: nothing to do but evaluate again. */
void rtvmx_intr_window(struct rtvmx_vcpu *vcpu);
/*
 * The TSC at which the device timers want the next exit, seen from @tsc: at
 * least vcpu->min_guest_ticks ahead, U64_MAX for none.
 */
u64 rtvmx_intr_next_exit(const struct rtvmx_vcpu *vcpu, u64 tsc);
/* Dedicated path: the preemption timer for min(slice, device deadline) from @tsc, after catch-up. */
void rtvmx_intr_arm_timer(struct rtvmx_vcpu *vcpu, u64 tsc);

#endif
