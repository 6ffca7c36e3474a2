// SPDX-License-Identifier: GPL-2.0
/*
 * The CPUID a guest sees (SDM Vol. 2A, CPUID): the table-driven model of
 * emul/cpu_model_table.c, built once at load from the host's CPUID, its
 * XCR0 and the VMX controls every guest runs with; an exit is a lookup.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cache.h>
#include <linux/kernel.h>
#include <asm/fpu/xcr.h>
#include <asm/processor.h>
#include <asm/tsc.h>
#include <asm/vmx.h>

#include "caps.h"
#include "cpuid.h"
#include "exits.h"
#include "vcpu.h"

struct cpu_model rtvmx_cpu_model __ro_after_init;

static void host_cpuid(void *opaque, u32 leaf, u32 sub, u32 out[CM_NR_REGS])
{
	cpuid_count(leaf, sub, &out[CM_EAX], &out[CM_EBX], &out[CM_ECX], &out[CM_EDX]);
}

int __init rtvmx_cpu_model_init(void)
{
	/* vmcs_setup.c sets these controls whenever the CPU offers them. */
	struct cpu_model_host h = {
		.cpuid = host_cpuid,
		.xcr0 = boot_cpu_has(X86_FEATURE_OSXSAVE) ? xgetbv(XCR_XFEATURE_ENABLED_MASK) : 0,
		.tsc_khz = tsc_khz,
		.invpcid = rtvmx_vmx.proc2.may_be_1 & SECONDARY_EXEC_ENABLE_INVPCID,
		.rdtscp = rtvmx_vmx.proc2.may_be_1 & SECONDARY_EXEC_ENABLE_RDTSCP,
		.spec_ctrl = boot_cpu_has(X86_FEATURE_MSR_SPEC_CTRL),
	};
	int ret = cpu_model_build(&rtvmx_cpu_model, &h);

	if (ret)
		pr_err("cannot build the guest CPU model (%pe): more than CPU_MODEL_MAX_ENTRIES\n",
		       ERR_PTR(ret));
	return ret;
}

void rtvmx_handle_cpuid(struct rtvmx_vcpu *vcpu)
{
	unsigned long *r = vcpu->regs;
	u32 out[CM_NR_REGS];

	cpu_model_cpuid(vcpu->model, &vcpu->cpuid_state, r[GPR_RAX], r[GPR_RCX], out);
	r[GPR_RAX] = out[CM_EAX];
	r[GPR_RBX] = out[CM_EBX];
	r[GPR_RCX] = out[CM_ECX];
	r[GPR_RDX] = out[CM_EDX];
	rtvmx_skip_instruction();
}
