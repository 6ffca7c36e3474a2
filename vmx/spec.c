// SPDX-License-Identifier: GPL-2.0
/*
 * Speculative-execution mitigations of the world switch, chosen from the
 * host kernel's own view of the CPU (its X86_BUG_* and X86_FEATURE_* bits,
 * as KVM reads them), so a guest of rtvmx is never less contained than a
 * KVM guest on the same host:
 * - RSB refill after every VM exit, before the first RET (entry.S), where
 *   the host fills it on VM exit (X86_FEATURE_RSB_VMEXIT[_LITE]);
 * - branch-history clearing after VM exit (BHI) where the host does it;
 * - VERW right before VM entry (MDS, TAA, MMIO stale data, RFDS) where the
 *   host clears CPU buffers for guests;
 * - an L1D flush before VM entry (L1TF), "cond" by default as in KVM: after
 *   the host may have pulled sensitive data into the L1D (the loop started,
 *   host interrupts ran, MMIO was emulated), or "always";
 * - each guest its own IA32_SPEC_CTRL where the CPU has it: loaded right
 *   before entry, the host's back after exit before the first RET;
 * - IBPB when a core switches from one VM to another, where the host uses
 *   IBPB;
 * - on CPUs with iTLB multihit, guest RAM mapped executable in 4 KiB EPT
 *   pages only (a guest cannot make the iTLB hold 4 KiB and 2 MiB entries
 *   for one address).
 * The module parameter "mitigations" turns each off or on; only to measure
 * what each costs: a host that needs one is exposed without it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/gfp.h>
#include <linux/jump_label.h>
#include <linux/mm.h>
#include <linux/moduleparam.h>
#include <linux/string.h>
#include <asm/cpufeature.h>
#include <asm/hardirq.h>
#include <asm/msr.h>
#include <asm/nospec-branch.h>

#include "spec.h"
#include "vcpu.h"

#define L1D_FLUSH_ORDER		4	/* 64 KiB: the L1D of every CPU KVM knows */

static int mitigations = -1;
module_param(mitigations, int, 0444);
MODULE_PARM_DESC(mitigations, "Speculative-execution mitigations of the world switch, RTVMX_MITIGATION_* bits: "
		 "1 RSB refill, 2 VERW, 4 L1D flush (cond), 8 L1D flush always, 16 BHI clearing, "
		 "32 IBPB between VMs, 64 4 KiB executable EPT pages (default -1: what the host needs)");

u32 rtvmx_spec_active __ro_after_init;
/* Any of VERW, RSB refill or BHI clearing: the entry.S variant that runs them. */
DEFINE_STATIC_KEY_FALSE(rtvmx_spec_asm);
/* Read by entry.S, one byte each: RSB refill, BHI clearing, VERW. */
u8 rtvmx_spec_rsb_fill __ro_after_init;
u8 rtvmx_spec_bhi_clear __ro_after_init;
u8 rtvmx_spec_verw __ro_after_init;
/* The CPU has IA32_SPEC_CTRL: guests get their own value (entry.S switches it). */
u8 rtvmx_spec_ctrl_switch __ro_after_init;
static u32 host_needs __ro_after_init;
static void *l1d_flush_pages;

/* What the host kernel does for its own guests on this CPU (arch/x86/kernel/cpu/bugs.c). */
static u32 mitigations_host_needs(void)
{
	u32 needs = 0;
	u64 arch_cap = 0;

	if (boot_cpu_has(X86_FEATURE_RSB_VMEXIT) || boot_cpu_has(X86_FEATURE_RSB_VMEXIT_LITE))
		needs |= RTVMX_MITIGATION_RSB_FILL;
#ifdef X86_FEATURE_CLEAR_CPU_BUF_VM
	if (boot_cpu_has(X86_FEATURE_CLEAR_CPU_BUF_VM))
		needs |= RTVMX_MITIGATION_VERW;
#else
	if (boot_cpu_has(X86_FEATURE_CLEAR_CPU_BUF))
		needs |= RTVMX_MITIGATION_VERW;
#endif
#ifdef X86_FEATURE_CLEAR_BHB_LOOP_ON_VMEXIT
	if (boot_cpu_has(X86_FEATURE_CLEAR_BHB_LOOP_ON_VMEXIT))
		needs |= RTVMX_MITIGATION_BHI_CLEAR;
#endif
	if (boot_cpu_has(X86_FEATURE_USE_IBPB))
		needs |= RTVMX_MITIGATION_IBPB;
	if (boot_cpu_has(X86_FEATURE_ARCH_CAPABILITIES))
		rdmsrl_safe(MSR_IA32_ARCH_CAPABILITIES, &arch_cap);
	if (boot_cpu_has_bug(X86_BUG_L1TF) && !(arch_cap & ARCH_CAP_SKIP_VMENTRY_L1DFLUSH))
		needs |= RTVMX_MITIGATION_L1D_FLUSH;
	if (boot_cpu_has_bug(X86_BUG_ITLB_MULTIHIT))
		needs |= RTVMX_MITIGATION_EPT_4K_EXEC;
	return needs;
}

/*
 * RSB refill, BHI clearing and IBPB run the host's own sequences, patched in
 * only where the host uses them: they cannot be turned on beyond that.
 */
#define HOST_PATCHED	(RTVMX_MITIGATION_RSB_FILL | RTVMX_MITIGATION_BHI_CLEAR | \
			 RTVMX_MITIGATION_IBPB)

static void log_set(const char *what, u32 set)
{
	static const char *const names[] = { RTVMX_MITIGATION_NAMES };
	char buf[128] = "";
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (set & BIT(i)) {
			strlcat(buf, " ", sizeof(buf));
			strlcat(buf, names[i], sizeof(buf));
		}
	pr_info("%s:%s\n", what, set ? buf : " none");
}

int rtvmx_spec_init(void)
{
	u32 want;

	host_needs = mitigations_host_needs();
	want = mitigations < 0 ? host_needs : (u32)mitigations;
	if (want & ~RTVMX_MITIGATIONS_ALL) {
		pr_err("mitigations=%#x: unknown bits %#x\n", want, want & ~RTVMX_MITIGATIONS_ALL);
		return -EINVAL;
	}
	if (want & RTVMX_MITIGATION_L1D_FLUSH_ALWAYS)
		want |= RTVMX_MITIGATION_L1D_FLUSH;
	rtvmx_spec_active = want & (host_needs | ~HOST_PATCHED);
	rtvmx_spec_rsb_fill = !!(rtvmx_spec_active & RTVMX_MITIGATION_RSB_FILL);
	rtvmx_spec_bhi_clear = !!(rtvmx_spec_active & RTVMX_MITIGATION_BHI_CLEAR);
	rtvmx_spec_verw = !!(rtvmx_spec_active & RTVMX_MITIGATION_VERW);
	rtvmx_spec_ctrl_switch = boot_cpu_has(X86_FEATURE_MSR_SPEC_CTRL);
	if (rtvmx_spec_rsb_fill || rtvmx_spec_bhi_clear || rtvmx_spec_verw || rtvmx_spec_ctrl_switch)
		static_branch_enable(&rtvmx_spec_asm);
	if ((rtvmx_spec_active & RTVMX_MITIGATION_L1D_FLUSH) && !boot_cpu_has(X86_FEATURE_FLUSH_L1D)) {
		l1d_flush_pages = (void *)__get_free_pages(GFP_KERNEL | __GFP_ZERO, L1D_FLUSH_ORDER);
		if (!l1d_flush_pages)
			return -ENOMEM;
	}
	return 0;
}

/* Once the module is up: a refused load keeps to its one line of reason. */
void rtvmx_spec_log(void)
{
	log_set("mitigations the host needs for guests", host_needs);
	log_set("mitigations in use", rtvmx_spec_active);
	if (host_needs & ~rtvmx_spec_active)
		pr_warn("mitigations=%#x leaves guests less contained than the host wants\n",
			mitigations);
}

void rtvmx_spec_exit(void)
{
	if (l1d_flush_pages)
		free_pages((unsigned long)l1d_flush_pages, L1D_FLUSH_ORDER);
	l1d_flush_pages = NULL;
}

u32 rtvmx_spec_host_needs(void)
{
	return host_needs;
}

/*
 * Without the FLUSH_CMD MSR, read 64 KiB so that nothing else stays in the
 * L1D: first one byte per page so the TLB walks happen before, then one per
 * line (KVM's vmx_l1d_flush does the same).
 */
static void l1d_flush_sw(void)
{
	unsigned long size = PAGE_SIZE << L1D_FLUSH_ORDER, off;
	volatile u8 *p = l1d_flush_pages;

	for (off = 0; off < size; off += PAGE_SIZE)
		(void)p[off];
	for (off = 0; off < size; off += L1_CACHE_BYTES)
		(void)p[off];
}

/*
 * After VM exit, before the first RET, from entry.S: the host's SPEC_CTRL
 * back where the guest's differs, and always with IBRS in the kernel (the
 * CPU went through a less privileged predictor mode); KVM's
 * vmx_spec_ctrl_restore_host().
 */
noinstr void rtvmx_spec_ctrl_restore_host(struct rtvmx_vcpu *vcpu)
{
	u64 host = this_cpu_read(x86_spec_ctrl_current);

	BUILD_BUG_ON(offsetof(struct rtvmx_vcpu, spec_ctrl) != 136);	/* entry.S VCPU_SPEC_CTRL */
	if (cpu_feature_enabled(X86_FEATURE_KERNEL_IBRS) || vcpu->spec_ctrl != host)
		native_wrmsrl(MSR_IA32_SPEC_CTRL, host);
	barrier_nospec();
}

/* IA32_SPEC_CTRL bits a guest may set: those this CPU implements (as KVM allows). */
u64 rtvmx_spec_ctrl_valid_bits(void)
{
	u64 bits = SPEC_CTRL_IBRS;

	if (boot_cpu_has(X86_FEATURE_STIBP))
		bits |= SPEC_CTRL_STIBP;
	if (boot_cpu_has(X86_FEATURE_SPEC_CTRL_SSBD))
		bits |= SPEC_CTRL_SSBD;
	return bits;
}

/* The host's interrupt entry marks the CPU for KVM's conditional flush; so for ours. */
static bool host_irq_since_flush(void)
{
#if IS_ENABLED(CONFIG_KVM_INTEL)
	bool ran = kvm_get_cpu_l1tf_flush_l1d();

	kvm_clear_cpu_l1tf_flush_l1d();
	return ran;
#else
	return true;
#endif
}

/* Before VM entry, interrupts off. */
void rtvmx_spec_l1d_flush(struct rtvmx_vcpu *vcpu)
{
	bool irq = host_irq_since_flush();

	/* cond: host code that may have touched secrets ran since the last flush. */
	if (!(rtvmx_spec_active & RTVMX_MITIGATION_L1D_FLUSH_ALWAYS) &&
	    !vcpu->l1d_flush_needed && !irq)
		return;
	vcpu->l1d_flush_needed = false;
	vcpu->l1d_flushes++;
	if (boot_cpu_has(X86_FEATURE_FLUSH_L1D))
		wrmsrl(MSR_IA32_FLUSH_CMD, L1D_FLUSH);
	else
		l1d_flush_sw();
}
