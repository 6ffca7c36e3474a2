// SPDX-License-Identifier: GPL-2.0
/*
 * VMXON and VMXOFF on the current CPU (SDM Vol. 3C, 24.7 "Enabling and
 * entering VMX operation" and 24.8 "Restrictions on VMX operation").
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/smp.h>
#include <asm/asm.h>
#include <asm/io.h>
#include <asm/special_insns.h>
#include <asm/tlbflush.h>

#include "caps.h"
#include "vmcs_ops.h"
#include "vmxon.h"

/* Set by the reboot notifier before it turns VMX off under the loops. */
bool rtvmx_vmx_rebooting __read_mostly;

void rtvmx_vmx_fault(const char *insn, unsigned long arg)
{
	if (READ_ONCE(rtvmx_vmx_rebooting))
		return;
	pr_err_ratelimited("cpu%d: %s (%#lx) faulted: the CPU is not in VMX operation\n",
			   raw_smp_processor_id(), insn, arg);
}

void rtvmx_vmxon_region_init(struct page *vmxon_region)
{
	u32 *rev = page_address(vmxon_region);

	*rev = rtvmx_vmx.revision;
}

/* SDM 24.8: CR0 and CR4 must honour the IA32_VMX_CRx_FIXED0/1 MSRs in VMX operation. */
static bool cr_fixed_ok(unsigned long cr, u64 fixed0, u64 fixed1)
{
	return (cr & fixed0) == fixed0 && !(cr & ~fixed1);
}

/* Returns 0, -EIO on VMfail (CF or ZF set, SDM 31.2) or -EFAULT on a fault. */
static int vmxon_insn(u64 pa)
{
	asm goto("1: vmxon %[pa]\n\t"
		 "jna %l[vmfail]\n\t"
		 _ASM_EXTABLE(1b, %l[fault])
		 : : [pa] "m"(pa) : "cc", "memory" : vmfail, fault);
	return 0;
vmfail:
	return -EIO;
fault:
	return -EFAULT;
}

/*
 * With interrupts off from the CR4.VMXE check to the end: another
 * hypervisor enables VMX from an IPI or a CPU-starting callback (kvm_intel
 * sets CR4.VMXE, then runs VMXON), so it cannot slip in between. Were it to
 * VMXON after our check, clearing CR4.VMXE on our failure would #GP (SDM
 * 24.8: CR4.VMXE cannot be cleared in VMX operation).
 */
int rtvmx_vmxon(struct page *vmxon_region)
{
	int cpu = smp_processor_id();
	unsigned long flags, cr4;
	int ret;

	local_irq_save(flags);
	cr4 = cr4_read_shadow();
	if ((cr4 | __read_cr4()) & X86_CR4_VMXE) {
		local_irq_restore(flags);
		pr_err("cpu%d: VMX already enabled by another hypervisor (kvm_intel?); stop its VMs or unload it, or leave this CPU out of cpus=\n",
		       cpu);
		return -EBUSY;
	}
	if (!cr_fixed_ok(read_cr0(), rtvmx_vmx.cr0_fixed0, rtvmx_vmx.cr0_fixed1) ||
	    !cr_fixed_ok(cr4 | X86_CR4_VMXE, rtvmx_vmx.cr4_fixed0, rtvmx_vmx.cr4_fixed1)) {
		local_irq_restore(flags);
		pr_err("cpu%d: CR0=%#lx/CR4=%#lx break the VMX fixed-bit rules (SDM 24.8); this host setup cannot enter VMX\n",
		       cpu, read_cr0(), cr4);
		return -ENODEV;
	}

	cr4_set_bits(X86_CR4_VMXE);
	ret = vmxon_insn(page_to_phys(vmxon_region));
	/* VMXON failed, so this CPU is not in VMX operation: CR4.VMXE, ours, can go. */
	if (ret)
		cr4_clear_bits(X86_CR4_VMXE);
	local_irq_restore(flags);
	if (ret) {
		pr_err("cpu%d: VMXON %s (SDM 31.3 VMXON); another agent may own VMX here, check firmware settings and dmesg\n",
		       cpu, ret == -EIO ? "failed (VMfail)" : "faulted");
		return -EIO;
	}
	return 0;
}

void rtvmx_vmxoff(void)
{
	asm goto("1: vmxoff\n\t"
		 _ASM_EXTABLE(1b, %l[fault])
		 : : : "cc", "memory" : fault);
	cr4_clear_bits(X86_CR4_VMXE);
	return;
fault:
	/* Not in VMX operation after all: nothing to leave, just drop CR4.VMXE. */
	pr_err("cpu%d: VMXOFF faulted: the CPU was not in VMX operation\n", smp_processor_id());
	cr4_clear_bits(X86_CR4_VMXE);
}
