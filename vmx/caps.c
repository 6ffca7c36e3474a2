// SPDX-License-Identifier: GPL-2.0
/*
 * Load-time VMX capability probe (SDM Vol. 3C, 24.6 "Discovering support for
 * VMX"; Vol. 3D, Appendix A "VMX capability reporting facility").
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bits.h>
#include <linux/cache.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/smp.h>
#include <asm/msr.h>
#include <asm/msr-index.h>
#include <asm/processor.h>
#include <asm/vmx.h>

#include <linux/rtvmx.h>
#include "caps.h"

struct rtvmx_vmx_caps rtvmx_vmx __ro_after_init;

static const char *const cap_names[RTVMX_NR_CAPS] = { RTVMX_CAP_NAMES };

const char *rtvmx_cap_name(unsigned int bit)
{
	return bit < ARRAY_SIZE(cap_names) ? cap_names[bit] : "?";
}

static int read_vmx_msr(u32 msr, u64 *val)
{
	if (rdmsrl_safe(msr, val)) {
		pr_err("cpu%d: reading VMX capability MSR %#x faults; the CPU or the hypervisor below hides VMX\n",
		       raw_smp_processor_id(), msr);
		return -ENODEV;
	}
	return 0;
}

/* The "true" control MSRs supersede the legacy ones when VMX_BASIC bit 55 is set (SDM Vol. 3D, A.2). */
static int read_ctl(u32 legacy, u32 true_msr, bool use_true, struct vmx_ctl_msr *ctl)
{
	u64 v;
	int ret = read_vmx_msr(use_true ? true_msr : legacy, &v);

	if (ret)
		return ret;
	ctl->must_be_1 = lower_32_bits(v);
	ctl->may_be_1 = upper_32_bits(v);
	return 0;
}

static int read_all(struct rtvmx_vmx_caps *c)
{
	bool t;
	int ret;

	ret = read_vmx_msr(MSR_IA32_VMX_BASIC, &c->basic);
	if (ret)
		return ret;
	t = c->basic & VMX_BASIC_TRUE_CONTROLS;
	ret = read_ctl(MSR_IA32_VMX_PINBASED_CTLS, MSR_IA32_VMX_TRUE_PINBASED_CTLS, t, &c->pin) ?:
	      read_ctl(MSR_IA32_VMX_PROCBASED_CTLS, MSR_IA32_VMX_TRUE_PROCBASED_CTLS, t, &c->proc) ?:
	      read_ctl(MSR_IA32_VMX_EXIT_CTLS, MSR_IA32_VMX_TRUE_EXIT_CTLS, t, &c->exit) ?:
	      read_ctl(MSR_IA32_VMX_ENTRY_CTLS, MSR_IA32_VMX_TRUE_ENTRY_CTLS, t, &c->entry) ?:
	      read_vmx_msr(MSR_IA32_VMX_MISC, &c->misc) ?:
	      read_vmx_msr(MSR_IA32_VMX_CR0_FIXED0, &c->cr0_fixed0) ?:
	      read_vmx_msr(MSR_IA32_VMX_CR0_FIXED1, &c->cr0_fixed1) ?:
	      read_vmx_msr(MSR_IA32_VMX_CR4_FIXED0, &c->cr4_fixed0) ?:
	      read_vmx_msr(MSR_IA32_VMX_CR4_FIXED1, &c->cr4_fixed1);
	if (ret)
		return ret;

	/* The secondary and EPT/VPID MSRs exist only when their controls can be set (A.3.3, A.10). */
	if (c->proc.may_be_1 & CPU_BASED_ACTIVATE_SECONDARY_CONTROLS) {
		ret = read_ctl(MSR_IA32_VMX_PROCBASED_CTLS2, MSR_IA32_VMX_PROCBASED_CTLS2, false, &c->proc2);
		if (ret)
			return ret;
	}
	if (c->proc2.may_be_1 & (SECONDARY_EXEC_ENABLE_EPT | SECONDARY_EXEC_ENABLE_VPID))
		ret = read_vmx_msr(MSR_IA32_VMX_EPT_VPID_CAP, &c->ept_vpid);
	return ret;
}

static u64 derive_caps(const struct rtvmx_vmx_caps *c)
{
	u32 proc = c->proc.may_be_1, proc2 = c->proc2.may_be_1;
	u64 ev = c->ept_vpid, caps = 0;

	if (proc & CPU_BASED_ACTIVATE_SECONDARY_CONTROLS)
		caps |= RTVMX_CAP_SECONDARY_CTLS;
	if (proc & CPU_BASED_USE_MSR_BITMAPS)
		caps |= RTVMX_CAP_MSR_BITMAP;
	if (proc & CPU_BASED_USE_IO_BITMAPS)
		caps |= RTVMX_CAP_IO_BITMAP;
	if (proc & CPU_BASED_TPR_SHADOW)
		caps |= RTVMX_CAP_TPR_SHADOW;
	if (c->pin.may_be_1 & PIN_BASED_VMX_PREEMPTION_TIMER)
		caps |= RTVMX_CAP_PREEMPTION_TIMER;
	if (c->pin.may_be_1 & PIN_BASED_POSTED_INTR)
		caps |= RTVMX_CAP_POSTED_INTR;
	if ((proc2 & SECONDARY_EXEC_ENABLE_EPT) &&
	    (ev & VMX_EPT_CAP_WALK_4) && (ev & VMX_EPT_CAP_WB))
		caps |= RTVMX_CAP_EPT;
	if ((caps & RTVMX_CAP_EPT) && (ev & VMX_EPT_CAP_2M))
		caps |= RTVMX_CAP_EPT_2M;
	if ((caps & RTVMX_CAP_EPT) && (ev & VMX_EPT_CAP_1G))
		caps |= RTVMX_CAP_EPT_1G;
	if ((caps & RTVMX_CAP_EPT) && (ev & VMX_EPT_CAP_INVEPT))
		caps |= RTVMX_CAP_INVEPT;
	if (proc2 & SECONDARY_EXEC_ENABLE_VPID)
		caps |= RTVMX_CAP_VPID;
	if ((caps & RTVMX_CAP_VPID) && (ev & VMX_VPID_CAP_INVVPID))
		caps |= RTVMX_CAP_INVVPID;
	if (proc2 & SECONDARY_EXEC_UNRESTRICTED_GUEST)
		caps |= RTVMX_CAP_UNRESTRICTED_GUEST;
	if (proc2 & SECONDARY_EXEC_APIC_REGISTER_VIRT)
		caps |= RTVMX_CAP_APIC_REG_VIRT;
	if (proc2 & SECONDARY_EXEC_VIRTUAL_INTR_DELIVERY)
		caps |= RTVMX_CAP_VIRT_INTR_DELIVERY;
	if (proc2 & SECONDARY_EXEC_VIRTUALIZE_X2APIC_MODE)
		caps |= RTVMX_CAP_X2APIC_VIRT;
	caps |= RTVMX_CAP_SMP_VCPUS | RTVMX_CAP_CPUID_MODEL;	/* ours, not the CPU's */
	return caps;
}

/* Names of the set bits of @mask, space separated, into @buf. */
static void cap_list(u64 mask, char *buf, size_t len)
{
	unsigned int bit;
	size_t n = 0;

	buf[0] = '\0';
	for (bit = 0; bit < RTVMX_NR_CAPS && n < len; bit++)
		if (mask & BIT_ULL(bit))
			n += scnprintf(buf + n, len - n, " %s", cap_names[bit]);
}

static int check_firmware(void)
{
	int cpu = raw_smp_processor_id();
	u64 fc;

	if (!(cpuid_ecx(1) & BIT(X86_FEATURE_VMX & 31))) {
		pr_err("cpu%d: no VMX in CPUID; rtvmx needs an Intel CPU with VT-x (nested: expose vmx to this VM)\n",
		       cpu);
		return -ENODEV;
	}
	if (rdmsrl_safe(MSR_IA32_FEAT_CTL, &fc))
		fc = 0;
	if ((fc & FEAT_CTL_LOCKED) && !(fc & FEAT_CTL_VMX_ENABLED_OUTSIDE_SMX)) {
		pr_err("cpu%d: VMX disabled by firmware (IA32_FEATURE_CONTROL=%#llx); enable VT-x in the firmware setup\n",
		       cpu, fc);
		return -ENODEV;
	}
	return 0;
}

int rtvmx_vmx_probe(struct rtvmx_vmx_caps *c)
{
	char missing[160];
	u64 lacking;
	int ret;

	ret = check_firmware() ?: read_all(c);
	if (ret)
		return ret;

	c->revision = c->basic & VMX_BASIC_REVISION_MASK;
	c->region_size = VMX_BASIC_REGION_SIZE(c->basic);
	c->preemption_timer_shift = VMX_MISC_PREEMPTION_TIMER_SHIFT(c->misc);
	c->caps = derive_caps(c);

	if (VMX_BASIC_MEMTYPE(c->basic) != VMX_BASIC_MEMTYPE_WB ||
	    c->region_size > PAGE_SIZE) {
		pr_err("cpu%d: unsupported VMCS layout (IA32_VMX_BASIC=%#llx): needs write-back memory and a region of at most 4 KiB\n",
		       raw_smp_processor_id(), c->basic);
		return -ENODEV;
	}
	lacking = RTVMX_CAPS_REQUIRED & ~c->caps;
	if (lacking) {
		cap_list(lacking, missing, sizeof(missing));
		pr_err("cpu%d: VMX lacks features rtvmx needs:%s; use a CPU (or nested hypervisor) that offers them\n",
		       raw_smp_processor_id(), missing);
		return -ENODEV;
	}
	return 0;
}
