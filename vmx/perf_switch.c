// SPDX-License-Identifier: GPL-2.0
/*
 * Host performance monitoring must not count or sample guest execution
 * unless the event asked for it: perf names the MSRs whose value differs
 * between host and guest (IA32_PERF_GLOBAL_CTRL without the host-only
 * counters, IA32_PEBS_ENABLE at 0 where PEBS would write through guest
 * addresses), and VM entry loads the guest values from the VM-entry
 * MSR-load list, VM exit the host values from the VM-exit one (SDM Vol. 3C
 * 25.7.2, 25.8.2; 27.4, 28.6). KVM's atomic_switch_perf_msrs() does this.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/preempt.h>
#include <linux/printk.h>
#include <asm/perf_event.h>
#include <asm/vmx.h>

#include "perf_switch.h"
#include "vcpu.h"
#include "vmcs_ops.h"

/* Two lists in one page; perf names at most a handful of MSRs (KVM allows 8). */
#define AUTOLOAD_MAX	8

bool rtvmx_perf_switch_needed __ro_after_init;

/*
 * Without a PMU driver (perf's "software events only"), perf has nothing to
 * switch, now or later: the driver is chosen once, at boot.
 */
void rtvmx_perf_switch_init(void)
{
	int nr = 0;

	preempt_disable();
	rtvmx_perf_switch_needed = perf_guest_get_msrs(&nr, NULL) != NULL;
	preempt_enable();
}

int rtvmx_perf_switch_alloc(struct rtvmx_vcpu *vcpu, int node)
{
	struct page *page = alloc_pages_node(node, GFP_KERNEL_ACCOUNT | __GFP_ZERO, 0);

	if (!page)
		return -ENOMEM;
	vcpu->autoload_guest = page_address(page);
	vcpu->autoload_host = page_address(page) + PAGE_SIZE / 2;
	return 0;
}

void rtvmx_perf_switch_free(struct rtvmx_vcpu *vcpu)
{
	if (vcpu->autoload_guest)
		free_page((unsigned long)vcpu->autoload_guest);
	vcpu->autoload_guest = NULL;
	vcpu->autoload_host = NULL;
}

void rtvmx_perf_switch_setup(struct rtvmx_vcpu *vcpu)
{
	vmcs_write64(VM_ENTRY_MSR_LOAD_ADDR, __pa(vcpu->autoload_guest));
	vmcs_write64(VM_EXIT_MSR_LOAD_ADDR, __pa(vcpu->autoload_host));
	vmcs_write32(VM_ENTRY_MSR_LOAD_COUNT, 0);
	vmcs_write32(VM_EXIT_MSR_LOAD_COUNT, 0);
	vcpu->nr_autoload = 0;
}

void rtvmx_perf_switch_update(struct rtvmx_vcpu *vcpu)
{
	struct perf_guest_switch_msr *msrs;
	unsigned int i, n = 0;
	int nr = 0;

	msrs = perf_guest_get_msrs(&nr, NULL);
	for (i = 0; msrs && i < nr; i++) {
		if (msrs[i].host == msrs[i].guest)
			continue;
		if (n == AUTOLOAD_MAX) {
			pr_warn_once("perf switches more than %d MSRs for guests; the rest stay the host's\n",
				     AUTOLOAD_MAX);
			break;
		}
		vcpu->autoload_guest[n] = (struct vmx_msr_entry){ .index = msrs[i].msr,
								  .value = msrs[i].guest };
		vcpu->autoload_host[n] = (struct vmx_msr_entry){ .index = msrs[i].msr,
								 .value = msrs[i].host };
		n++;
	}
	if (unlikely(n != vcpu->nr_autoload)) {
		vmcs_write32(VM_ENTRY_MSR_LOAD_COUNT, n);
		vmcs_write32(VM_EXIT_MSR_LOAD_COUNT, n);
		vcpu->nr_autoload = n;
	}
}
