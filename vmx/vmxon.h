/* SPDX-License-Identifier: GPL-2.0 */
/* Entering and leaving VMX root operation on one CPU. */
#ifndef RTVMX_VMX_VMXON_H
#define RTVMX_VMX_VMXON_H

#include <linux/mm_types.h>

/*
 * Both run on the CPU they act on, with preemption disabled.
 * rtvmx_vmxon() prints one line naming the CPU, the cause and the fix when it
 * fails: -EBUSY (VMX held by another hypervisor), -ENODEV (VMX unusable on
 * this CPU) or -EIO (VMXON itself failed).
 */
int rtvmx_vmxon(struct page *vmxon_region);
void rtvmx_vmxoff(void);

/*
 * True from the reboot notifier on: the loops stop entering guests, and a
 * VMX instruction that faults because VMX was turned off under them is not
 * reported (KVM's kvm_rebooting).
 */
extern bool rtvmx_vmx_rebooting;

/* Write the VMCS revision identifier into a fresh VMXON region (SDM Vol. 3C, 25.11.5). */
void rtvmx_vmxon_region_init(struct page *vmxon_region);

#endif
