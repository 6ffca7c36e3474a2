// SPDX-License-Identifier: GPL-2.0
/*
 * Filling a fresh VMCS: execution controls, host state and the guest's boot
 * state (SDM Vol. 3C, 25 "Virtual machine control structures"; the checks it
 * must pass are in 27.2 and 27.3).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/smp.h>
#include <asm/cpu_entry_area.h>
#include <asm/debugreg.h>
#include <asm/desc.h>
#include <asm/io.h>
#include <asm/msr.h>
#include <asm/processor-flags.h>
#include <asm/segment.h>
#include <asm/special_insns.h>
#include <asm/tlbflush.h>
#include <asm/trapnr.h>
#include <asm/tsc.h>

#include "apicv.h"
#include "caps.h"
#include "debugreg.h"
#include "exits.h"
#include "perf_switch.h"
#include "spec.h"
#include "vcpu.h"
#include "vmcs_ops.h"
#include "vmcs_setup.h"

#define AR_CODE64		0xa09b	/* P, DPL0, S, code exec/read accessed, L, G */
#define AR_CODE32		0xc09b	/* P, DPL0, S, code exec/read accessed, D, G */
#define AR_DATA			0xc093	/* P, DPL0, S, data read/write accessed, D/B, G */
#define AR_CODE16		0x009b	/* P, DPL0, S, code exec/read accessed, 16-bit, byte granular */
#define AR_DATA16		0x0093	/* P, DPL0, S, data read/write accessed, 16-bit, byte granular */
#define AR_TSS_BUSY		0x008b	/* busy 32-bit TSS; in IA-32e mode, busy 64-bit TSS */
#define AR_UNUSABLE		0x10000
#define GUEST_DR7_RESET		0x400	/* bit 10 reads as 1 */

/*
 * Without "save preemption timer value" every entry reloads this count, so
 * no guest runs longer than RTVMX_SLICE_US without an exit, whatever its
 * RFLAGS.IF: the run loop gets to see stop requests and host work. The timer
 * counts down once per 2^shift TSC ticks (IA32_VMX_MISC[4:0], SDM 26.5.1).
 */
u64 rtvmx_slice_ticks(void)
{
	return (u64)tsc_khz * RTVMX_SLICE_US / 1000;
}

u32 rtvmx_slice_timer_value(void)
{
	return min_t(u64, max_t(u64, rtvmx_slice_ticks() >> rtvmx_vmx.preemption_timer_shift, 1),
		     U32_MAX);
}

/* @want | must-be-1 bits, or -EIO naming the controls this CPU cannot set. */
static int adjust(const char *what, u32 want, const struct vmx_ctl_msr *ctl, u32 *out)
{
	if (want & ~ctl->may_be_1) {
		pr_err("cpu%d: %s controls %#x not supported (allowed %#x)\n",
		       smp_processor_id(), what, want & ~ctl->may_be_1, ctl->may_be_1);
		return -EIO;
	}
	*out = want | ctl->must_be_1;
	return 0;
}

/* Exceptions that always exit: see exceptions.c for why. */
#define RTVMX_EXCEPTION_BITMAP	(BIT(X86_TRAP_DB) | BIT(X86_TRAP_AC) | BIT(X86_TRAP_MC))

static int setup_controls(struct rtvmx_vcpu *vcpu)
{
	u32 pin, proc, proc2, exit, entry;
	int ret;

	/* Virtual NMIs give NMI-window exiting and track the guest's NMI blocking (25.6.1). */
	vcpu->virtual_nmis = (rtvmx_vmx.pin.may_be_1 & PIN_BASED_VIRTUAL_NMIS) &&
			     (rtvmx_vmx.proc.may_be_1 & CPU_BASED_NMI_WINDOW_EXITING);
	/*
	 * CR8 accesses exit: without a TPR shadow they would reach the host's
	 * TPR (29.3). With one, rtvmx_apicv_controls() lets them go to VTPR.
	 */
	ret = adjust("pin-based", PIN_BASED_EXT_INTR_MASK | PIN_BASED_NMI_EXITING |
		     PIN_BASED_VMX_PREEMPTION_TIMER |
		     (vcpu->virtual_nmis ? PIN_BASED_VIRTUAL_NMIS : 0),
		     &rtvmx_vmx.pin, &pin) ?:
	      adjust("processor-based", CPU_BASED_HLT_EXITING | CPU_BASED_UNCOND_IO_EXITING |
		     CPU_BASED_CR8_LOAD_EXITING | CPU_BASED_CR8_STORE_EXITING |
		     CPU_BASED_USE_MSR_BITMAPS | CPU_BASED_MWAIT_EXITING |
		     CPU_BASED_MONITOR_EXITING | CPU_BASED_RDPMC_EXITING |
		     CPU_BASED_MOV_DR_EXITING |
		     CPU_BASED_ACTIVATE_SECONDARY_CONTROLS, &rtvmx_vmx.proc, &proc) ?:
	      adjust("secondary", SECONDARY_EXEC_ENABLE_EPT | SECONDARY_EXEC_ENABLE_VPID |
		     SECONDARY_EXEC_UNRESTRICTED_GUEST |
		     (rtvmx_vmx.proc2.may_be_1 &
		      (SECONDARY_EXEC_ENABLE_RDTSCP | SECONDARY_EXEC_ENABLE_INVPCID |
		       SECONDARY_EXEC_WBINVD_EXITING)),
		     &rtvmx_vmx.proc2, &proc2) ?:
	      adjust("VM-exit", VM_EXIT_HOST_ADDR_SPACE_SIZE | VM_EXIT_SAVE_IA32_EFER |
		     VM_EXIT_LOAD_IA32_EFER | VM_EXIT_SAVE_IA32_PAT | VM_EXIT_LOAD_IA32_PAT,
		     &rtvmx_vmx.exit, &exit) ?:
	      adjust("VM-entry", VM_ENTRY_LOAD_IA32_EFER | VM_ENTRY_LOAD_IA32_PAT |
		     (vcpu->boot.mode == RTVMX_BOOT_64BIT_FLAT ? VM_ENTRY_IA32E_MODE : 0),
		     &rtvmx_vmx.entry, &entry);
	if (ret)
		return ret;
	/* CPUs that offer the APIC virtualization in use (rtvmx_apicv_for_vm() checked). */
	rtvmx_apicv_controls(vcpu, &proc, &proc2);

	vmcs_write32(PIN_BASED_VM_EXEC_CONTROL, pin);
	vmcs_write32(CPU_BASED_VM_EXEC_CONTROL, proc);
	vcpu->proc_ctl = proc;
	vmcs_write32(SECONDARY_VM_EXEC_CONTROL, proc2);
	vmcs_write32(VM_EXIT_CONTROLS, exit);
	vmcs_write32(VM_ENTRY_CONTROLS, entry);
	vmcs_write32(EXCEPTION_BITMAP, RTVMX_EXCEPTION_BITMAP);
	vmcs_write32(PAGE_FAULT_ERROR_CODE_MASK, 0);
	vmcs_write32(PAGE_FAULT_ERROR_CODE_MATCH, 0);
	vmcs_write32(CR3_TARGET_COUNT, 0);
	vmcs_write32(VM_EXIT_MSR_STORE_COUNT, 0);
	rtvmx_perf_switch_setup(vcpu);
	vmcs_write32(VM_ENTRY_INTR_INFO_FIELD, 0);
	vmcs_write64(MSR_BITMAP, page_to_phys(vcpu->msr_bitmap));
	vmcs_write64(EPT_POINTER, vcpu->eptp);
	vmcs_write16(VIRTUAL_PROCESSOR_ID, vcpu->vpid);
	vmcs_write64(VMCS_LINK_POINTER, -1ULL);
	vmcs_write32(VMX_PREEMPTION_TIMER_VALUE, rtvmx_slice_timer_value());
	rtvmx_apicv_setup(vcpu);
	return 0;
}

/* Host state that holds for as long as this CPU runs this VMCS (SDM 25.5). */
static void setup_host_state(struct rtvmx_vcpu *vcpu)
{
	int cpu = smp_processor_id();
	struct desc_ptr idt;
	u64 msr;

	vcpu->host_cr3 = __read_cr3();
	vcpu->host_cr4 = cr4_read_shadow();
	vmcs_writel(HOST_CR0, read_cr0());
	vmcs_writel(HOST_CR3, vcpu->host_cr3);
	vmcs_writel(HOST_CR4, vcpu->host_cr4);

	vmcs_write16(HOST_CS_SELECTOR, __KERNEL_CS);
	vmcs_write16(HOST_SS_SELECTOR, __KERNEL_DS);
	vmcs_write16(HOST_DS_SELECTOR, 0);
	vmcs_write16(HOST_ES_SELECTOR, 0);
	vmcs_write16(HOST_FS_SELECTOR, 0);
	vmcs_write16(HOST_GS_SELECTOR, 0);
	vmcs_write16(HOST_TR_SELECTOR, GDT_ENTRY_TSS * 8);
	rdmsrl(MSR_FS_BASE, msr);
	vmcs_writel(HOST_FS_BASE, msr);
	rdmsrl(MSR_GS_BASE, msr);
	vmcs_writel(HOST_GS_BASE, msr);
	vmcs_writel(HOST_TR_BASE, (unsigned long)&get_cpu_entry_area(cpu)->tss.x86_tss);
	vmcs_writel(HOST_GDTR_BASE, (unsigned long)get_current_gdt_ro());
	store_idt(&idt);
	vmcs_writel(HOST_IDTR_BASE, idt.address);

	rdmsrl(MSR_IA32_SYSENTER_CS, msr);
	vmcs_write32(HOST_IA32_SYSENTER_CS, msr);
	rdmsrl(MSR_IA32_SYSENTER_ESP, msr);
	vmcs_writel(HOST_IA32_SYSENTER_ESP, msr);
	rdmsrl(MSR_IA32_SYSENTER_EIP, msr);
	vmcs_writel(HOST_IA32_SYSENTER_EIP, msr);
	rdmsrl(MSR_EFER, msr);
	vmcs_write64(HOST_IA32_EFER, msr);
	rdmsrl(MSR_IA32_CR_PAT, msr);
	vmcs_write64(HOST_IA32_PAT, msr);
	/* The exit label of the entry function run.c calls (spec.c). */
	vmcs_writel(HOST_RIP, static_branch_unlikely(&rtvmx_spec_asm) ?
		    (unsigned long)rtvmx_vmexit_mitigated : (unsigned long)rtvmx_vmexit);
}

#define write_segment(seg, sel, base, limit, ar)		\
	do {							\
		vmcs_write16(GUEST_##seg##_SELECTOR, sel);	\
		vmcs_writel(GUEST_##seg##_BASE, base);		\
		vmcs_write32(GUEST_##seg##_LIMIT, limit);	\
		vmcs_write32(GUEST_##seg##_AR_BYTES, ar);	\
	} while (0)

/* uapi RTVMX_BOOT_64BIT_FLAT; the GDT and page tables are already in guest RAM. Returns CR0. */
static unsigned long setup_guest_64bit_flat(const struct rtvmx_boot_regs *b)
{
	vmcs_writel(GUEST_CR3, b->cr3);
	vmcs_write64(GUEST_IA32_EFER, EFER_SCE | EFER_LME | EFER_LMA | EFER_NX);
	write_segment(CS, RTVMX_BOOT_CS, 0, 0xffffffff, AR_CODE64);
	return X86_CR0_PG | X86_CR0_WP | X86_CR0_NE | X86_CR0_ET | X86_CR0_MP | X86_CR0_PE;
}

/* uapi RTVMX_BOOT_32BIT_FLAT: protected mode, no paging; the GDT is in guest RAM. Returns CR0. */
static unsigned long setup_guest_32bit_flat(const struct rtvmx_boot_regs *b)
{
	vmcs_writel(GUEST_CR3, 0);
	vmcs_write64(GUEST_IA32_EFER, 0);
	write_segment(CS, RTVMX_BOOT_CS, 0, 0xffffffff, AR_CODE32);
	return X86_CR0_NE | X86_CR0_ET | X86_CR0_MP | X86_CR0_PE;
}

/* The flat states share data segments, TR and descriptor tables. */
static void setup_guest_flat_segments(void)
{
	write_segment(DS, RTVMX_BOOT_DS, 0, 0xffffffff, AR_DATA);
	write_segment(ES, RTVMX_BOOT_DS, 0, 0xffffffff, AR_DATA);
	write_segment(SS, RTVMX_BOOT_DS, 0, 0xffffffff, AR_DATA);
	write_segment(FS, RTVMX_BOOT_DS, 0, 0xffffffff, AR_DATA);
	write_segment(GS, RTVMX_BOOT_DS, 0, 0xffffffff, AR_DATA);
	write_segment(TR, RTVMX_BOOT_TSS, 0, 0x67, AR_TSS_BUSY);
	vmcs_writel(GUEST_GDTR_BASE, RTVMX_BOOT_AREA_GPA);
	vmcs_write32(GUEST_GDTR_LIMIT, RTVMX_BOOT_GDT_LIMIT);
	vmcs_writel(GUEST_IDTR_BASE, 0);
	vmcs_write32(GUEST_IDTR_LIMIT, 0);
}

/*
 * uapi RTVMX_BOOT_REAL_MODE. With "unrestricted guest" CR0.PE and PG may be
 * 0 and the segment registers hold real-mode values (SDM Vol. 3C 26.3.1.1,
 * 26.3.1.2); TR must still be a usable busy TSS, as KVM also sets it.
 */
static unsigned long setup_guest_real_mode(const struct rtvmx_boot_regs *b)
{
	unsigned long base = (unsigned long)b->seg << 4;

	vmcs_writel(GUEST_CR3, 0);
	vmcs_write64(GUEST_IA32_EFER, 0);
	write_segment(CS, b->seg, base, 0xffff, AR_CODE16);
	write_segment(DS, b->seg, base, 0xffff, AR_DATA16);
	write_segment(ES, b->seg, base, 0xffff, AR_DATA16);
	write_segment(SS, b->seg, base, 0xffff, AR_DATA16);
	write_segment(FS, b->seg, base, 0xffff, AR_DATA16);
	write_segment(GS, b->seg, base, 0xffff, AR_DATA16);
	write_segment(TR, 0, 0, 0xffff, AR_TSS_BUSY);
	vmcs_writel(GUEST_GDTR_BASE, 0);
	vmcs_write32(GUEST_GDTR_LIMIT, 0xffff);
	vmcs_writel(GUEST_IDTR_BASE, 0);
	vmcs_write32(GUEST_IDTR_LIMIT, 0x3ff);
	return X86_CR0_NE | X86_CR0_ET;
}

static void setup_guest_state(struct rtvmx_vcpu *vcpu)
{
	const struct rtvmx_boot_regs *b = &vcpu->boot;
	unsigned long cr0, cr4 = X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT;

	switch (b->mode) {
	case RTVMX_BOOT_64BIT_FLAT:
		cr4 |= X86_CR4_PAE;
		cr0 = setup_guest_64bit_flat(b);
		setup_guest_flat_segments();
		break;
	case RTVMX_BOOT_32BIT_FLAT:
		cr0 = setup_guest_32bit_flat(b);
		setup_guest_flat_segments();
		break;
	default:
		cr4 = 0;
		cr0 = setup_guest_real_mode(b);
	}
	vcpu->cpuid_state.apic_id = vcpu->index;
	vcpu->cpuid_state.xcr0 = vcpu->xcr0;
	rtvmx_cr_init(vcpu, cr0, cr4);
	write_segment(LDTR, 0, 0, 0, AR_UNUSABLE);
	rtvmx_msr_reset(vcpu);
	vmcs_writel(GUEST_DR7, GUEST_DR7_RESET);
	rtvmx_dr_reset(vcpu);

	vmcs_writel(GUEST_RIP, b->rip);
	vmcs_writel(GUEST_RSP, b->rsp);
	vmcs_writel(GUEST_RFLAGS, X86_EFLAGS_FIXED);
	vcpu->regs[GPR_RDI] = b->rdi;

	vmcs_write32(GUEST_ACTIVITY_STATE, 0);
	vmcs_write32(GUEST_INTERRUPTIBILITY_INFO, 0);
	vmcs_writel(GUEST_PENDING_DBG_EXCEPTIONS, 0);
}

/* Runs on the vCPU's CPU with preemption disabled; loads the VMCS and fills it. */
int rtvmx_vmcs_setup(struct rtvmx_vcpu *vcpu)
{
	u64 pa = page_to_phys(vcpu->vmcs);
	int ret;

	ret = vmcs_clear(pa) ?: vmcs_load(pa);
	if (ret) {
		pr_err("cpu%d: VMCLEAR/VMPTRLD of a fresh VMCS failed\n", smp_processor_id());
		return ret;
	}
	ret = setup_controls(vcpu);
	if (ret)
		return ret;
	setup_host_state(vcpu);
	setup_guest_state(vcpu);
	vcpu->dev_deadline = vcpu->ops->next_deadline(vcpu->vm);
	vcpu->intr_check = true;
	vcpu->timer_custom = false;
	vcpu->min_guest_ticks = max_t(u64, tsc_khz / 1000, 1);	/* 1 us */
	return 0;
}

/* HOST_CR3/CR4 follow the live values; the kthread may borrow another mm between runs. */
void rtvmx_vmcs_refresh_host(struct rtvmx_vcpu *vcpu)
{
	unsigned long cr3 = __read_cr3(), cr4 = cr4_read_shadow();

	if (unlikely(cr3 != vcpu->host_cr3)) {
		vmcs_writel(HOST_CR3, cr3);
		vcpu->host_cr3 = cr3;
	}
	if (unlikely(cr4 != vcpu->host_cr4)) {
		vmcs_writel(HOST_CR4, cr4);
		vcpu->host_cr4 = cr4;
	}
}
