/* SPDX-License-Identifier: GPL-2.0 */
/* The CPU's APIC virtualization for a vCPU (vmx/apicv.c). */
#ifndef RTVMX_VMX_APICV_H
#define RTVMX_VMX_APICV_H

#include <linux/types.h>

struct rtvmx_vcpu;

/* Where the module maps a VM's APIC-access page: the xAPIC page's guest-physical address. */
#define RTVMX_XAPIC_GPA		0xfee00000ULL

/* The module parameter "apicv": the RTVMX_APICV_* bits new VMs may use. */
extern unsigned int rtvmx_apicv_allowed;

/*
 * What a VM created now gets: rtvmx_apicv_allowed, cut to what the CPU
 * offers and to what the parts need; @xapic_page: the VM has an xAPIC page.
 */
u32 rtvmx_apicv_for_vm(bool xapic_page);
/* Controls to add at VMCS setup (primary, secondary). */
void rtvmx_apicv_controls(const struct rtvmx_vcpu *vcpu, u32 *proc, u32 *proc2);
/* Addresses and initial state in a fresh VMCS. */
void rtvmx_apicv_setup(struct rtvmx_vcpu *vcpu);
/*
 * Last before an entry with vcpu->apicv: the LAPIC model into the page, then
 * the VMCS fields that follow from the page.
 */
void rtvmx_apicv_sync(struct rtvmx_vcpu *vcpu);
/* After IA32_APIC_BASE changed: APIC-access virtualization follows the xAPIC page. */
void rtvmx_apicv_mode_changed(struct rtvmx_vcpu *vcpu);

/* Exit handlers. */
void rtvmx_handle_tpr_below_threshold(struct rtvmx_vcpu *vcpu);
void rtvmx_handle_apic_access(struct rtvmx_vcpu *vcpu);
void rtvmx_handle_eoi_induced(struct rtvmx_vcpu *vcpu);
void rtvmx_handle_apic_write(struct rtvmx_vcpu *vcpu);

#endif
