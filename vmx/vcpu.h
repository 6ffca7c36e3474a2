/* SPDX-License-Identifier: GPL-2.0 */
/* One virtual CPU: its VMCS, the guest state VMX does not switch, and its counters. */
#ifndef RTVMX_VMX_VCPU_H
#define RTVMX_VMX_VCPU_H

#include <linux/mm_types.h>
#include <linux/types.h>
#include <linux/wait.h>

#include <linux/rtvmx.h>
#include "../emul/cpu_model.h"
#include "../emul/emul.h"
#include "../rt_sched/rts.h"
#include "signal.h"

struct rtvmx_core;
struct vmx_msr_entry;

/* Host MSRs the guest's values replace while the run loop holds the core (run.c). */
struct rtvmx_host_msrs {
	u64 star, lstar, cstar, sfmask, kernel_gs_base, tsc_aux;
	unsigned long debugctl;		/* VM exit clears it (SDM 28.5.1) */
};

#define RTVMX_ENTRY_WORK_DR		BIT(0)
#define RTVMX_ENTRY_WORK_PERF		BIT(1)
#define RTVMX_ENTRY_WORK_L1D_FLUSH	BIT(2)

/* Guest general-purpose registers, in the x86 encoding order (entry.S relies on it). */
enum rtvmx_gpr {
	GPR_RAX, GPR_RCX, GPR_RDX, GPR_RBX, GPR_RSP, GPR_RBP, GPR_RSI, GPR_RDI,
	GPR_R8, GPR_R9, GPR_R10, GPR_R11, GPR_R12, GPR_R13, GPR_R14, GPR_R15,
	NR_GPRS
};

/*
 * What the vCPU's exits need from the VM that owns it. Called on the vCPU's
 * CPU from the run loop, with preemption disabled: they must not sleep.
 */
struct rtvmx_vcpu_ops {
	/* Port I/O; @val in for writes (already cut to @size bytes), out for reads. */
	void (*pio)(void *vm, u16 port, unsigned int size, bool write, u32 *val);
	/* Periodic work, at every slice end (at most RTVMX_SLICE_US apart) and when leaving the inner loop. */
	void (*tick)(void *vm);
	/*
	 * @vcpu left its core for good (stopped, VMCS cleared); called once per
	 * vCPU, and the loop does not touch it after. Must not sleep.
	 */
	void (*stopped)(void *vm, struct rtvmx_vcpu *vcpu);
	/* The scheduler found a deadline miss, @lateness_ns past it. Must not sleep. */
	void (*deadline_missed)(void *vm, u64 lateness_ns);
	/* Whether guest-physical @gpa lies in one of the VM's MMIO regions. */
	bool (*is_mmio)(void *vm, u64 gpa);
	/*
	 * Guest RAM and the MMIO bus for the instruction emulator (vmx/mmio.c),
	 * called with the VM as opaque. An access outside RAM and every region
	 * stops the vCPU with RTVMX_STOP_EPT_VIOLATION before failing.
	 */
	const struct emul_ops *emul;

	/*
	 * The VM's interrupt controllers and timers (module/vm_devices.c), for
	 * the vCPU running on this CPU (rtvmx_vcpu_running()); the VM's models
	 * serialize on its own lock. Guest TSC = host TSC.
	 */
	/* The earliest device timer deadline in TSC ticks, or U64_MAX. */
	u64 (*next_deadline)(void *vm);
	/* Fires the device timers due at @now. */
	void (*expire)(void *vm, u64 now);
	/* What the LAPIC could deliver now: RTVMX_INTR_* (vmx/intr.h). */
	unsigned int (*intr_ready)(void *vm);
	/* Acknowledges the NMI (@nmi) or the highest interrupt: its vector, or -1 if none. */
	int (*intr_take)(void *vm, bool nmi);
	/* APIC MSRs (IA32_APIC_BASE, TSC_DEADLINE, x2APIC): 0, or -EINVAL for #GP or not ours. */
	int (*msr)(void *vm, u32 msr, bool write, u64 *val);
	/* CR8 (the TPR's priority class). */
	u8 (*get_cr8)(void *vm);
	void (*set_cr8)(void *vm, u8 val);

	/*
	 * With APIC virtualization (vcpu->apicv, vmx/apicv.c). apic_push writes
	 * what changed in the LAPIC into vcpu->vapic_regs; the model takes back
	 * what the CPU changed there before its next use.
	 */
	void (*apic_push)(void *vm);
	/* An APIC-write exit: the guest wrote the register at @offset of the page. */
	void (*apic_write)(void *vm, u32 offset);
	/* An EOI-induced exit for @vector. */
	void (*apic_eoi)(void *vm, u8 vector);
	/* The LAPIC answers at its xAPIC page (enabled, not in x2APIC mode). */
	bool (*apic_xapic_page)(void *vm);
};


/* The uapi boot state (RTVMX_BOOT_*), loaded into the VMCS when the vCPU starts. */
struct rtvmx_boot_regs {
	u32 mode;		/* RTVMX_BOOT_* */
	u16 seg;		/* real mode: the selector of every segment register */
	u64 rip, rsp, rdi, cr3;
};

struct rtvmx_vcpu {
	unsigned long regs[NR_GPRS];	/* RSP lives in the VMCS; its slot is unused */
	unsigned long cr2;
	u64 spec_ctrl;			/* the guest's IA32_SPEC_CTRL; entry.S reads it at 136 */
	bool launched;

	int cpu;
	u16 vpid;
	struct page *vmcs;
	struct page *msr_bitmap;
	u64 eptp;
	void *vm;
	const struct rtvmx_vcpu_ops *ops;
	struct rtvmx_boot_regs boot;

	/* Host state that can change between entries (KVM re-checks them too). */
	unsigned long host_cr3, host_cr4;
	u64 host_xcr0;

	/* The CPU model (vmx/cpuid.c); the per-vCPU inputs of CPUID: APIC ID, CR4.OSXSAVE, XCR0. */
	const struct cpu_model *model;
	struct cpu_model_vcpu cpuid_state;

	/* MSRs of the table in vmx/msr.c that live here (reset there). */
	u64 tsc_aux;
	u64 misc_enable;

	/* Guest state VMX leaves alone, switched by the run loop (run.c). */
	u64 xcr0;
	u64 kernel_gs_base;
	u64 star, lstar, cstar, sfmask;
	struct rtvmx_host_msrs host_msrs;	/* the host's, while the guest's are loaded */
	/*
	 * Debug registers (debugreg.c): DR0-DR3 and DR6 as the guest sees
	 * them; its DR7 lives in the VMCS. While DR7 enables a breakpoint
	 * (RTVMX_ENTRY_WORK_DR), DR0-DR3 go into the CPU before every entry;
	 * @dr_loaded: they are there and the host's must come back.
	 */
	unsigned long dr[4], dr6;
	bool dr_loaded;
	/*
	 * Work before each entry, RTVMX_ENTRY_WORK_* (run.c), one test on the
	 * path when there is none: the guest's breakpoints armed, perf's MSRs
	 * to switch, the L1D flush in use.
	 */
	u8 entry_work;
	/* perf's guest-switch MSRs, loaded by VM entry and VM exit (perf_switch.c). */
	struct vmx_msr_entry *autoload_guest, *autoload_host;
	unsigned int nr_autoload;
	/* L1D flush "cond" (spec.c): host code ran that may have left secrets in the L1D. */
	bool l1d_flush_needed;
	u64 l1d_flushes;
	void *xsave;			/* guest FPU/SSE/AVX state, XSAVE format */
	unsigned int xsave_size;

	/* Control: stop_requested may be set from any CPU; halted by HLT. */
	bool stop_requested;
	bool halted;

	/*
	 * Several vCPUs per VM. @index is the APIC ID. Another vCPU (any CPU)
	 * signals this one only through @kick_req (xchg'd to 0 by the core's
	 * loop, which then sets intr_check, re-reads dev_deadline and wakes a
	 * halted vCPU) and, for an AP, @sipi_vector: -1 until the first
	 * STARTUP IPI sets it (cmpxchg), which makes the loop set the AP up
	 * (SDM Vol. 3A 8.4.4). @waits_sipi is fixed at creation.
	 */
	u32 index;
	bool waits_sipi;
	int sipi_vector;
	int kick_req;

	/*
	 * Scheduling on the core (vmx/sched.c). @sched is rt_sched's, under the
	 * core's lock. @start_requested is set by START; @set_up and @retired
	 * (VMCS cleared, off the run queue for good) belong to the core's loop.
	 */
	u32 vm_id;			/* for traces and debugfs */
	struct rtvmx_core *core;	/* NULL until added to one */
	struct rts_vcpu sched;
	bool start_requested;
	bool set_up;
	bool retired;
	u64 sched_start_ns, sched_end_ns;	/* core clock: START taken, retired */
	u64 overrun_max_ticks;		/* worst TSC ticks past a budget or window end */
	u64 misses_reported;		/* sched.stats.nr_misses already passed to ops->deadline_missed */

	/* Outcome and counters, read by GET_INFO and debugfs. */
	u32 stop_reason;
	u64 stop_detail;
	u64 exit_code;
	u64 exits[RTVMX_NR_EXIT_REASONS];
	u64 exits_total;
	u64 hypercalls_refused;		/* VMCALLs at CPL > 0 */
	u64 machine_checks;		/* #MC exits handed to the host */
	u64 guest_tsc, host_tsc;	/* TSC ticks in the guest, and in the loop outside it */
	char *dump;			/* VMCS and register dump of an abnormal stop */

	/* Instruction emulation for MMIO exits; only touched by the vCPU's thread. */
	struct emul_cpu emul_cpu;
	struct emul_ctxt emul;
	u8 maxphyaddr;			/* CPUID.80000008H:EAX[7:0], as the guest sees it */
	u64 mmio_emulated;		/* MMIO instructions retired by the emulator */

	/*
	 * Interrupts and guest timers (vmx/intr.c); only touched by the vCPU's
	 * thread (other vCPUs go through @kick_req).
	 */
	u64 dev_deadline;		/* cached ops->next_deadline(), U64_MAX for none */
	bool intr_check;		/* something may be deliverable: evaluate before entry */
	bool timer_custom;		/* dedicated path: the preemption timer holds a deadline */
	bool virtual_nmis;		/* "virtual NMIs" is on: NMI-window exiting works */
	u64 min_guest_ticks;		/* guest time an entry gets before a due device deadline */
	u32 proc_ctl;			/* primary processor-based controls as last written */
	u64 intr_injected, nmi_injected, reinjected;
	u64 hlt_in_guest;		/* HLTs left to the guest (activity state HLT) */

	/* APIC virtualization (vmx/apicv.c), fixed at creation: RTVMX_APICV_*. */
	u32 apicv;
	struct page *vapic;		/* virtual-APIC page, with RTVMX_APICV_TPR_SHADOW */
	u32 *vapic_regs;		/* its mapping */
	u64 apic_access_hpa;		/* the VM's APIC-access page, with RTVMX_APICV_APIC_ACCESS */
	u8 tpr_threshold;		/* as last written */
	u64 eoi_exit[4];		/* EOI-exit bitmap as last written */
};

/* @apicv: RTVMX_APICV_*; @apic_access_hpa: the VM's APIC-access page, with RTVMX_APICV_APIC_ACCESS. */
int rtvmx_vcpu_init(struct rtvmx_vcpu *vcpu, int cpu, u64 eptp, u32 apicv, u64 apic_access_hpa);
void rtvmx_vcpu_destroy(struct rtvmx_vcpu *vcpu);
/* Make the vCPU's core notice a stop request soon (vmx/sched.c). */
void rtvmx_vcpu_kick(struct rtvmx_vcpu *vcpu);
/* Stop with a reason, from an exit handler (the first reason wins). */
void rtvmx_vcpu_stop(struct rtvmx_vcpu *vcpu, u32 reason, u64 detail);

/* entry.S; the second with spec.c's mitigations (rtvmx_spec_asm). */
int rtvmx_entry(struct rtvmx_vcpu *vcpu, bool launched);
int rtvmx_entry_mitigated(struct rtvmx_vcpu *vcpu, bool launched);
extern const char rtvmx_vmexit[], rtvmx_vmexit_mitigated[];

/* run.c: on the vCPU's core, preemption disabled, its VMCS current. */
void rtvmx_guest_context_load(struct rtvmx_vcpu *vcpu);
void rtvmx_guest_context_save(struct rtvmx_vcpu *vcpu);
/* One VM entry and the handling of its exit; interrupts off. */
void rtvmx_enter_and_exit(struct rtvmx_vcpu *vcpu);
void rtvmx_run_dedicated(struct rtvmx_vcpu *vcpu);

#endif
