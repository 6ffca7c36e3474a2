// SPDX-License-Identifier: GPL-2.0
/*
 * Exception and NMI exits. The exception bitmap (vmcs_setup.c) holds #DB,
 * #AC and #MC, as in KVM:
 * - #AC and #DB can recur during their own delivery without end, inside the
 *   CPU, with no VM exit, so nothing (not the preemption timer, not an IPI)
 *   would get the core back (CVE-2015-5307, CVE-2015-8104). Intercepted,
 *   each delivery is an exit and the guest gets the exception again from
 *   rtvmx: the guest still loops if it wants to, the core stays the host's.
 * - A machine check belongs to the host's handler whatever ran when it hit.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/ptrace.h>
#include <asm/mce.h>
#include <asm/processor-flags.h>
#include <asm/trapnr.h>
#include <asm/vmx.h>

#include "debugreg.h"
#include "exits.h"
#include "vcpu.h"
#include "vmcs_ops.h"

/*
 * The host's #MC handler, as if the machine check had hit user mode (it
 * interrupted a guest, not the kernel), with interrupts as they were:
 * off. KVM's kvm_machine_check() calls it the same way.
 */
static void host_machine_check(void)
{
#ifdef CONFIG_X86_MCE
	struct pt_regs regs = {
		.cs = 3,
		.flags = X86_EFLAGS_IF,
	};

	do_machine_check(&regs);
#endif
}

void rtvmx_handle_exception_nmi(struct rtvmx_vcpu *vcpu)
{
	u32 info = vmcs_read32(VM_EXIT_INTR_INFO);
	u32 type = info & INTR_INFO_INTR_TYPE_MASK;
	unsigned int vector = info & INTR_INFO_VECTOR_MASK;

	/* A host NMI arrived while the guest ran: hand it to the host's handler. */
	if (type == INTR_TYPE_NMI_INTR) {
		asm volatile("int $2");
		return;
	}
	switch (vector) {
	case X86_TRAP_MC:
		vcpu->machine_checks++;
		host_machine_check();
		return;
	case X86_TRAP_AC:
		/* Alignment check: error code 0 (SDM Vol. 3A 6.15, interrupt 17). */
		rtvmx_inject_exception(vcpu, X86_TRAP_AC, true, 0);
		return;
	case X86_TRAP_DB:
		/* The exit qualification holds what DR6 would (SDM Vol. 3C 28.2.1). */
		rtvmx_dr_deliver_db(vcpu, vmcs_readl(EXIT_QUALIFICATION));
		if (type == INTR_TYPE_PRIV_SW_EXCEPTION) {
			/* INT1 (ICEBP): delivered as it was, past the instruction (27.6.1.3). */
			vmcs_write32(VM_ENTRY_INSTRUCTION_LEN, vmcs_read32(VM_EXIT_INSTRUCTION_LEN));
			vmcs_write32(VM_ENTRY_INTR_INFO_FIELD, INTR_INFO_VALID_MASK | type | vector);
			return;
		}
		rtvmx_inject_exception(vcpu, X86_TRAP_DB, false, 0);
		return;
	}
	rtvmx_stop_with_dump(vcpu, RTVMX_STOP_UNKNOWN_EXIT, EXIT_REASON_EXCEPTION_NMI,
			     "unexpected exception exit");
}

/* Exit reason 41 (SDM Vol. 3C 28.1): the entry failed; the host handles the #MC. */
void rtvmx_handle_mce_during_entry(struct rtvmx_vcpu *vcpu)
{
	vcpu->machine_checks++;
	host_machine_check();
	rtvmx_stop_with_dump(vcpu, RTVMX_STOP_INVALID_STATE, EXIT_REASON_MCE_DURING_VMENTRY,
			     "machine check during VM entry");
}
