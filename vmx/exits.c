// SPDX-License-Identifier: GPL-2.0
/*
 * VM exit dispatch (SDM Vol. 3D, Appendix C for the basic exit reasons; Vol.
 * 3C, 28.2 for the exit information fields). Every reason without a handler,
 * and every exit rtvmx does not expect, stops this VM only, with a dump.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/nospec.h>
#include <asm/asm.h>
#include <asm/msr.h>
#include <asm/processor.h>
#include <asm/trapnr.h>
#include <asm/vmx.h>

#include "../module/trace.h"
#include "apicv.h"
#include "caps.h"
#include "debugreg.h"
#include "exits.h"
#include "intr.h"
#include "vcpu.h"
#include "vmcs_ops.h"
#include "../emul/event.h"

#define EPT_CAP_INVEPT_SINGLE	BIT_ULL(25)
#define VPID_CAP_INVVPID_SINGLE	BIT_ULL(41)
#define EXIT_QUAL_IO_IN		BIT(3)
#define EXIT_QUAL_IO_STRING	BIT(4)

void rtvmx_vmread_error(unsigned long field)
{
	pr_err_ratelimited("VMREAD of field %#lx failed\n", field);
}

void rtvmx_vmwrite_error(unsigned long field, unsigned long value)
{
	pr_err_ratelimited("VMWRITE of %#lx to field %#lx failed (VM-instruction error %u)\n",
			   value, field, (u32)__vmcs_read(VM_INSTRUCTION_ERROR));
}

static void invept_ctx(u64 type, u64 eptp)
{
	struct { u64 eptp, zero; } desc = { eptp, 0 };

	asm volatile goto("1: invept %[desc], %[type]\n\t"
			  _ASM_EXTABLE(1b, %l[fault])
			  : : [desc] "m"(desc), [type] "r"(type) : "cc", "memory" : fault);
	return;
fault:
	rtvmx_vmx_fault("INVEPT", eptp);
}

static void invvpid_ctx(u64 type, u16 vpid)
{
	struct { u64 vpid, gla; } desc = { vpid, 0 };

	asm volatile goto("1: invvpid %[desc], %[type]\n\t"
			  _ASM_EXTABLE(1b, %l[fault])
			  : : [desc] "m"(desc), [type] "r"(type) : "cc", "memory" : fault);
	return;
fault:
	rtvmx_vmx_fault("INVVPID", vpid);
}

void rtvmx_flush_guest_tlb(struct rtvmx_vcpu *vcpu)
{
	u64 cap = rtvmx_vmx.ept_vpid;

	/* Type 1: single context, type 2: all contexts (SDM Vol. 3C, 31.3 INVEPT/INVVPID). */
	invept_ctx(cap & EPT_CAP_INVEPT_SINGLE ? 1 : 2, vcpu->eptp);
	invvpid_ctx(cap & VPID_CAP_INVVPID_SINGLE ? 1 : 2, vcpu->vpid);
}

void rtvmx_dump_vcpu(struct rtvmx_vcpu *vcpu, const char *why)
{
	unsigned long *r = vcpu->regs;

	scnprintf(vcpu->dump, PAGE_SIZE,
		  "reason: %s\n"
		  "exit_reason: %#x qualification: %#lx guest_phys: %#llx\n"
		  "intr_info: %#x idt_vectoring: %#x instr_len: %u vm_instr_error: %u\n"
		  "rip: %#lx rsp: %#lx rflags: %#lx\n"
		  "cr0: %#lx cr3: %#lx cr4: %#lx efer: %#llx\n"
		  "cs: %#x/%#x ss: %#x/%#x ds: %#x tr: %#x/%#x\n"
		  "gdtr: %#lx/%#x idtr: %#lx/%#x activity: %u interruptibility: %#x\n"
		  "rax: %#lx rbx: %#lx rcx: %#lx rdx: %#lx\n"
		  "rsi: %#lx rdi: %#lx rbp: %#lx cr2: %#lx\n"
		  "r8: %#lx r9: %#lx r10: %#lx r11: %#lx\n"
		  "r12: %#lx r13: %#lx r14: %#lx r15: %#lx\n"
		  "pin: %#x proc: %#x proc2: %#x exit: %#x entry: %#x\n",
		  why,
		  vmcs_read32(VM_EXIT_REASON), vmcs_readl(EXIT_QUALIFICATION),
		  vmcs_read64(GUEST_PHYSICAL_ADDRESS),
		  vmcs_read32(VM_EXIT_INTR_INFO), vmcs_read32(IDT_VECTORING_INFO_FIELD),
		  vmcs_read32(VM_EXIT_INSTRUCTION_LEN), vmcs_read32(VM_INSTRUCTION_ERROR),
		  vmcs_readl(GUEST_RIP), vmcs_readl(GUEST_RSP), vmcs_readl(GUEST_RFLAGS),
		  vmcs_readl(GUEST_CR0), vmcs_readl(GUEST_CR3), vmcs_readl(GUEST_CR4),
		  vmcs_read64(GUEST_IA32_EFER),
		  vmcs_read16(GUEST_CS_SELECTOR), vmcs_read32(GUEST_CS_AR_BYTES),
		  vmcs_read16(GUEST_SS_SELECTOR), vmcs_read32(GUEST_SS_AR_BYTES),
		  vmcs_read16(GUEST_DS_SELECTOR),
		  vmcs_read16(GUEST_TR_SELECTOR), vmcs_read32(GUEST_TR_AR_BYTES),
		  vmcs_readl(GUEST_GDTR_BASE), vmcs_read32(GUEST_GDTR_LIMIT),
		  vmcs_readl(GUEST_IDTR_BASE), vmcs_read32(GUEST_IDTR_LIMIT),
		  vmcs_read32(GUEST_ACTIVITY_STATE), vmcs_read32(GUEST_INTERRUPTIBILITY_INFO),
		  r[GPR_RAX], r[GPR_RBX], r[GPR_RCX], r[GPR_RDX],
		  r[GPR_RSI], r[GPR_RDI], r[GPR_RBP], vcpu->cr2,
		  r[GPR_R8], r[GPR_R9], r[GPR_R10], r[GPR_R11],
		  r[GPR_R12], r[GPR_R13], r[GPR_R14], r[GPR_R15],
		  vmcs_read32(PIN_BASED_VM_EXEC_CONTROL), vmcs_read32(CPU_BASED_VM_EXEC_CONTROL),
		  vmcs_read32(SECONDARY_VM_EXEC_CONTROL), vmcs_read32(VM_EXIT_CONTROLS),
		  vmcs_read32(VM_ENTRY_CONTROLS));
}

void rtvmx_stop_with_dump(struct rtvmx_vcpu *vcpu, u32 reason, u64 detail, const char *why)
{
	rtvmx_dump_vcpu(vcpu, why);
	rtvmx_vcpu_stop(vcpu, reason, detail);
}

/*
 * A hardware exception, delivered at the next entry (SDM Vol. 3C, 27.6.1). In
 * real mode (unrestricted guest, CR0.PE = 0) no error code may be delivered:
 * VM entry would fail its checks on the interruption-information field (SDM
 * 27.2.1.3).
 */
void rtvmx_inject_exception(struct rtvmx_vcpu *vcpu, unsigned int vector, bool has_error_code,
			    u32 error_code)
{
	u32 info = INTR_INFO_VALID_MASK | INTR_TYPE_HARD_EXCEPTION | vector;
	u32 pending = vmcs_read32(VM_ENTRY_INTR_INFO_FIELD);

	/* An event already waits (re-injected): the double-fault rules decide (SDM Vol. 3A 6.15). */
	if (unlikely(pending & INTR_INFO_VALID_MASK)) {
		struct vmx_event first = {
			.type = (pending >> INTR_INFO_TYPE_SHIFT) & 7,
			.vector = pending & INTR_INFO_VECTOR_MASK,
		};
		struct vmx_event second = { .type = EVENT_TYPE_HW_EXC, .vector = vector };

		switch (event_combine(&first, &second)) {
		case EVENT_TRIPLE_FAULT:
			vmcs_write32(VM_ENTRY_INTR_INFO_FIELD, 0);
			rtvmx_stop_with_dump(vcpu, RTVMX_STOP_TRIPLE_FAULT, 0,
					     "triple fault while re-injecting");
			return;
		case EVENT_RAISE_DF:
			vector = X86_TRAP_DF;
			has_error_code = true;
			error_code = 0;
			info = INTR_INFO_VALID_MASK | INTR_TYPE_HARD_EXCEPTION | vector;
			break;
		case EVENT_SERIAL:
			break;
		}
	}

	if (has_error_code && (vmcs_readl(GUEST_CR0) & X86_CR0_PE)) {
		info |= INTR_INFO_DELIVER_CODE_MASK;
		vmcs_write32(VM_ENTRY_EXCEPTION_ERROR_CODE, error_code);
	}
	vmcs_write32(VM_ENTRY_INTR_INFO_FIELD, info);
	trace_rtvmx_inject(vector, (info & INTR_INFO_INTR_TYPE_MASK) >> 8,
			   info & INTR_INFO_DELIVER_CODE_MASK, error_code);
}

void rtvmx_inject_gp(struct rtvmx_vcpu *vcpu)
{
	rtvmx_inject_exception(vcpu, X86_TRAP_GP, true, 0);
}

void rtvmx_inject_ud(struct rtvmx_vcpu *vcpu)
{
	rtvmx_inject_exception(vcpu, X86_TRAP_UD, false, 0);
}

static void handle_external_interrupt(struct rtvmx_vcpu *vcpu)
{
	/* Served by the host once the run loop enables interrupts. */
}

static void handle_window(struct rtvmx_vcpu *vcpu)
{
	rtvmx_intr_window(vcpu);
}

/* The slice watchdog of vmcs_setup.c fired: the VM's periodic work, then back in. */
static void handle_preemption_timer(struct rtvmx_vcpu *vcpu)
{
	vcpu->ops->tick(vcpu->vm);
}

static void handle_triple_fault(struct rtvmx_vcpu *vcpu)
{
	rtvmx_stop_with_dump(vcpu, RTVMX_STOP_TRIPLE_FAULT, vmcs_readl(GUEST_RIP), "triple fault");
}

static void handle_hlt(struct rtvmx_vcpu *vcpu)
{
	rtvmx_skip_instruction();
	rtvmx_intr_hlt(vcpu);
}

static void handle_io(struct rtvmx_vcpu *vcpu)
{
	unsigned long q = vmcs_readl(EXIT_QUALIFICATION);
	unsigned int size = (q & 7) + 1;
	u16 port = q >> 16;
	bool in = q & EXIT_QUAL_IO_IN;
	u32 mask = size == 4 ? ~0U : (1U << (size * 8)) - 1;
	u32 val = vcpu->regs[GPR_RAX] & mask;

	if (q & EXIT_QUAL_IO_STRING) {
		rtvmx_stop_with_dump(vcpu, RTVMX_STOP_UNSUPPORTED, EXIT_REASON_IO_INSTRUCTION,
				     "string port I/O is not emulated yet");
		return;
	}
	vcpu->ops->pio(vcpu->vm, port, size, !in, &val);
	if (in) {
		/* A 32-bit IN zero-extends into RAX; 8 and 16-bit ones merge. */
		if (size == 4)
			vcpu->regs[GPR_RAX] = val;
		else
			vcpu->regs[GPR_RAX] = (vcpu->regs[GPR_RAX] & ~(unsigned long)mask) | (val & mask);
	}
	rtvmx_skip_instruction();
}

/* Hypercalls are for the guest's kernel: at CPL > 0 they fail and change nothing. */
static void handle_vmcall(struct rtvmx_vcpu *vcpu)
{
	unsigned long *r = vcpu->regs, width = rtvmx_guest_in_64bit_mode() ? ~0UL : U32_MAX;

	rtvmx_skip_instruction();
	if (rtvmx_guest_cpl()) {
		vcpu->hypercalls_refused++;
		r[GPR_RAX] = -EPERM & width;
		return;
	}
	switch (r[GPR_RAX] & width) {
	case RTVMX_HC_SHUTDOWN:
		vcpu->exit_code = r[GPR_RDI] & width;
		rtvmx_vcpu_stop(vcpu, RTVMX_STOP_SHUTDOWN, 0);
		r[GPR_RAX] = 0;
		break;
	default:
		r[GPR_RAX] = -ENOSYS & width;
	}
}

/* No virtual PMU: RDPMC at any CPL faults as with CR4.PCE = 0 (SDM Vol. 2B, RDPMC). */
static void handle_rdpmc(struct rtvmx_vcpu *vcpu)
{
	rtvmx_inject_gp(vcpu);
}

/*
 * WBINVD and INVD: guest RAM is write-back and no device writes it behind
 * the caches, so there is nothing to write back or drop; flushing the
 * shared caches for the guest would only stall the host's other cores.
 * INVD is done as WBINVD: dropping modified lines would lose host data.
 */
static void handle_cache_invalidation(struct rtvmx_vcpu *vcpu)
{
	rtvmx_skip_instruction();
}

static void handle_vmx_instruction(struct rtvmx_vcpu *vcpu)
{
	rtvmx_inject_ud(vcpu);
}

/* RAM is mapped up front, so an EPT violation is MMIO or an access to nothing. */
static void handle_ept_violation(struct rtvmx_vcpu *vcpu)
{
	u64 gpa = vmcs_read64(GUEST_PHYSICAL_ADDRESS);

	if (vcpu->ops->is_mmio(vcpu->vm, gpa))
		rtvmx_handle_mmio(vcpu, gpa);
	else
		rtvmx_stop_with_dump(vcpu, RTVMX_STOP_EPT_VIOLATION, gpa,
				     "access outside guest RAM");
}

static void handle_ept_misconfig(struct rtvmx_vcpu *vcpu)
{
	rtvmx_stop_with_dump(vcpu, RTVMX_STOP_UNKNOWN_EXIT, EXIT_REASON_EPT_MISCONFIG,
			     "EPT misconfiguration");
}

static void (*const exit_handlers[])(struct rtvmx_vcpu *vcpu) = {
	[EXIT_REASON_EXCEPTION_NMI]	= rtvmx_handle_exception_nmi,
	[EXIT_REASON_EXTERNAL_INTERRUPT] = handle_external_interrupt,
	[EXIT_REASON_TRIPLE_FAULT]	= handle_triple_fault,
	[EXIT_REASON_INTERRUPT_WINDOW]	= handle_window,
	[EXIT_REASON_NMI_WINDOW]	= handle_window,
	[EXIT_REASON_CPUID]		= rtvmx_handle_cpuid,
	[EXIT_REASON_HLT]		= handle_hlt,
	[EXIT_REASON_INVD]		= handle_cache_invalidation,
	[EXIT_REASON_RDPMC]		= handle_rdpmc,
	[EXIT_REASON_VMCALL]		= handle_vmcall,
	[EXIT_REASON_VMCLEAR]		= handle_vmx_instruction,
	[EXIT_REASON_VMLAUNCH]		= handle_vmx_instruction,
	[EXIT_REASON_VMPTRLD]		= handle_vmx_instruction,
	[EXIT_REASON_VMPTRST]		= handle_vmx_instruction,
	[EXIT_REASON_VMREAD]		= handle_vmx_instruction,
	[EXIT_REASON_VMRESUME]		= handle_vmx_instruction,
	[EXIT_REASON_VMWRITE]		= handle_vmx_instruction,
	[EXIT_REASON_VMOFF]		= handle_vmx_instruction,
	[EXIT_REASON_VMON]		= handle_vmx_instruction,
	[EXIT_REASON_INVEPT]		= handle_vmx_instruction,
	[EXIT_REASON_INVVPID]		= handle_vmx_instruction,
	[EXIT_REASON_CR_ACCESS]		= rtvmx_handle_cr,
	[EXIT_REASON_DR_ACCESS]		= rtvmx_handle_dr_access,
	[EXIT_REASON_IO_INSTRUCTION]	= handle_io,
	[EXIT_REASON_MSR_READ]		= rtvmx_handle_msr_read,
	[EXIT_REASON_MSR_WRITE]		= rtvmx_handle_msr_write,
	[EXIT_REASON_MWAIT_INSTRUCTION]	= handle_vmx_instruction,
	[EXIT_REASON_MONITOR_INSTRUCTION] = handle_vmx_instruction,
	[EXIT_REASON_EPT_VIOLATION]	= handle_ept_violation,
	[EXIT_REASON_EPT_MISCONFIG]	= handle_ept_misconfig,
	[EXIT_REASON_PREEMPTION_TIMER]	= handle_preemption_timer,
	[EXIT_REASON_WBINVD]		= handle_cache_invalidation,
	[EXIT_REASON_XSETBV]		= rtvmx_handle_xsetbv,
	[EXIT_REASON_TPR_BELOW_THRESHOLD] = rtvmx_handle_tpr_below_threshold,
	[EXIT_REASON_APIC_ACCESS]	= rtvmx_handle_apic_access,
	[EXIT_REASON_EOI_INDUCED]	= rtvmx_handle_eoi_induced,
	[EXIT_REASON_APIC_WRITE]	= rtvmx_handle_apic_write,
};

void rtvmx_handle_exit(struct rtvmx_vcpu *vcpu)
{
	u32 reason = vmcs_read32(VM_EXIT_REASON), idt;
	u16 basic = reason & 0xffff;

	if (trace_rtvmx_exit_enabled())
		trace_rtvmx_exit(vcpu->vpid, reason, vmcs_readl(EXIT_QUALIFICATION),
				 vmcs_readl(GUEST_RIP));
	vcpu->exits_total++;
	if (basic < RTVMX_NR_EXIT_REASONS)
		vcpu->exits[basic]++;

	/* Bit 31: the VM entry failed on guest state or MSR loading (SDM 27.8). */
	if (reason & VMX_EXIT_REASONS_FAILED_VMENTRY) {
		if (basic == EXIT_REASON_MCE_DURING_VMENTRY) {
			rtvmx_handle_mce_during_entry(vcpu);
			return;
		}
		rtvmx_stop_with_dump(vcpu, RTVMX_STOP_INVALID_STATE, vmcs_readl(EXIT_QUALIFICATION),
				     "VM entry failed: invalid guest state");
		return;
	}
	/* An exit during event delivery: the event goes in again (SDM Vol. 3C 27.2.4). */
	idt = vmcs_read32(IDT_VECTORING_INFO_FIELD);
	if (unlikely(idt & INTR_INFO_VALID_MASK)) {
		rtvmx_intr_reinject(vcpu, idt, basic);
		if (READ_ONCE(vcpu->stop_requested))
			return;
	}
	if (basic < ARRAY_SIZE(exit_handlers)) {
		unsigned int idx = array_index_nospec(basic, ARRAY_SIZE(exit_handlers));

		if (exit_handlers[idx]) {
			exit_handlers[idx](vcpu);
			return;
		}
	}
	rtvmx_stop_with_dump(vcpu, RTVMX_STOP_UNKNOWN_EXIT, basic, "unexpected exit reason");
}
