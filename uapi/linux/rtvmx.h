/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * rtvmx userspace ABI: the one source of truth for the /dev/rtvmx ioctls.
 *
 * Rules: fixed-width types, explicit padding, every "in" reserved or pad
 * field must be zero (else -EINVAL). New features are announced through
 * capability bits (RTVMX_CAP_*), never through API version bumps.
 */
#ifndef _UAPI_LINUX_RTVMX_H
#define _UAPI_LINUX_RTVMX_H

#include <linux/types.h>
#include <linux/ioctl.h>

#define RTVMX_DEVICE_NAME	"rtvmx"
#define RTVMX_API_VERSION	1

/* ioctl magic, chosen clear of KVM (0xAE) and vhost (0xAF). */
#define RTVMX_IO		0xB9

/* Capability bits reported in struct rtvmx_caps.caps. */
#define RTVMX_CAP_EPT			(1ULL << 0)  /* EPT, 4-level walk, WB */
#define RTVMX_CAP_EPT_2M		(1ULL << 1)  /* EPT 2 MiB pages */
#define RTVMX_CAP_EPT_1G		(1ULL << 2)  /* EPT 1 GiB pages */
#define RTVMX_CAP_VPID			(1ULL << 3)
#define RTVMX_CAP_UNRESTRICTED_GUEST	(1ULL << 4)
#define RTVMX_CAP_PREEMPTION_TIMER	(1ULL << 5)
#define RTVMX_CAP_MSR_BITMAP		(1ULL << 6)
#define RTVMX_CAP_IO_BITMAP		(1ULL << 7)
#define RTVMX_CAP_SECONDARY_CTLS	(1ULL << 8)
#define RTVMX_CAP_TPR_SHADOW		(1ULL << 9)
#define RTVMX_CAP_APIC_REG_VIRT		(1ULL << 10)
#define RTVMX_CAP_VIRT_INTR_DELIVERY	(1ULL << 11)
#define RTVMX_CAP_POSTED_INTR		(1ULL << 12)
#define RTVMX_CAP_X2APIC_VIRT		(1ULL << 13)
#define RTVMX_CAP_INVEPT		(1ULL << 14)
#define RTVMX_CAP_INVVPID		(1ULL << 15)
/* Not a VMX feature: up to RTVMX_MAX_VCPUS vCPUs per VM, IPIs, INIT/STARTUP. */
#define RTVMX_CAP_SMP_VCPUS		(1ULL << 16)
/* Not a VMX feature: RTVMX_GET_CPUID_MODEL tells the CPUID a new VM gets. */
#define RTVMX_CAP_CPUID_MODEL		(1ULL << 17)
/* The features rtvmx cannot run a guest without; all must be present to load. */
#define RTVMX_CAPS_REQUIRED \
	(RTVMX_CAP_EPT | RTVMX_CAP_EPT_2M | RTVMX_CAP_VPID | \
	 RTVMX_CAP_UNRESTRICTED_GUEST | RTVMX_CAP_PREEMPTION_TIMER | \
	 RTVMX_CAP_MSR_BITMAP | RTVMX_CAP_IO_BITMAP | RTVMX_CAP_SECONDARY_CTLS)
#define RTVMX_CAP_NAMES \
	"ept", "ept_2m", "ept_1g", "vpid", "unrestricted_guest", \
	"preemption_timer", "msr_bitmap", "io_bitmap", "secondary_ctls", \
	"tpr_shadow", "apic_reg_virt", "virt_intr_delivery", "posted_intr", \
	"x2apic_virt", "invept", "invvpid", "smp_vcpus", "cpuid_model"
#define RTVMX_NR_CAPS		18

/*
 * The CPU's APIC virtualization, as rtvmx uses it (struct rtvmx_caps.apicv:
 * what new VMs get; struct rtvmx_vm_info.apicv: what a VM has). Without any,
 * every LAPIC access exits and is emulated, and rtvmx injects each interrupt.
 */
#define RTVMX_APICV_TPR_SHADOW		(1U << 0)  /* CR8 and the TPR without exits (SDM Vol. 3C 29.1.1) */
#define RTVMX_APICV_APIC_ACCESS		(1U << 1)  /* xAPIC page accesses reach rtvmx as APIC-access exits */
#define RTVMX_APICV_REG_VIRT		(1U << 2)  /* xAPIC register reads without exits, writes trap */
#define RTVMX_APICV_INTR_DELIVERY	(1U << 3)  /* the CPU delivers interrupts and takes EOIs (29.2) */
#define RTVMX_APICV_ALL			0xfU
#define RTVMX_APICV_NAMES	"tpr_shadow", "apic_access", "apic_reg_virt", "virt_intr_delivery"
#define RTVMX_NR_APICV		4

/*
 * Speculative-execution mitigations of the world switch (struct
 * rtvmx_caps.mitigations: in use; .mitigations_needed: what the host kernel
 * wants for guests on this CPU). Module parameter "mitigations".
 */
#define RTVMX_MITIGATION_RSB_FILL	(1U << 0)  /* refill the RSB after every VM exit */
#define RTVMX_MITIGATION_VERW		(1U << 1)  /* clear CPU buffers right before VM entry */
#define RTVMX_MITIGATION_L1D_FLUSH	(1U << 2)  /* flush the L1D before entry after host work */
#define RTVMX_MITIGATION_L1D_FLUSH_ALWAYS (1U << 3) /* ... before every entry */
#define RTVMX_MITIGATION_BHI_CLEAR	(1U << 4)  /* clear branch history after VM exit */
#define RTVMX_MITIGATION_IBPB		(1U << 5)  /* IBPB when a core switches VMs */
#define RTVMX_MITIGATION_EPT_4K_EXEC	(1U << 6)  /* executable guest RAM in 4 KiB EPT pages only */
#define RTVMX_MITIGATIONS_ALL		0x7fU
#define RTVMX_MITIGATION_NAMES \
	"rsb_fill", "verw", "l1d_flush", "l1d_flush_always", "bhi_clear", "ibpb", "ept_4k_exec"
#define RTVMX_NR_MITIGATIONS		7

/* CPUs are reported as a bitmap of this many bits (CPU n = bit n % 64 of word n / 64). */
#define RTVMX_MAX_CPUS		1024

/* RTVMX_CHECK_CAP: what this host and module offer. */
struct rtvmx_caps {
	__u32 flags;			/* in: must be 0 */
	__u32 pad;			/* in: must be 0 */
	__u64 caps;			/* out: RTVMX_CAP_* */
	__u64 vmx_basic;		/* out: raw IA32_VMX_BASIC */
	__u64 ept_vpid_cap;		/* out: raw IA32_VMX_EPT_VPID_CAP */
	__u32 preemption_timer_shift;	/* out: timer ticks once per 2^shift TSC ticks */
	__u32 nr_cpu_ids;		/* out: host CPU id bound */
	__u64 reserved_cpus[RTVMX_MAX_CPUS / 64]; /* out: CPUs reserved by rtvmx */
	__u64 vmx_on_cpus[RTVMX_MAX_CPUS / 64];   /* out: reserved CPUs now in VMX root */
	__u32 apicv;			/* out: RTVMX_APICV_* a VM created now gets */
	__u32 pad2;			/* in: must be 0 */
	__u32 mitigations;		/* out: RTVMX_MITIGATION_* in use */
	__u32 mitigations_needed;	/* out: RTVMX_MITIGATION_* the host wants for guests */
	__u64 reserved[6];		/* in: must be 0 */
};

/*
 * RTVMX_GET_CPUID_MODEL: the CPUID a VM created now gets, one entry per
 * leaf (and subleaf, with RTVMX_CPUID_F_INDEXED), as for vCPU 0 at reset
 * (APIC ID 0, CR4.OSXSAVE = 0, XCR0 = x87). A leaf above the maximum of its
 * range reads as the highest basic leaf, a leaf in range without an entry
 * as 0, a subleaf past the last entry of an indexed leaf as 0 (leaves 0BH
 * and 1FH: ECX[7:0] = the subleaf, EDX = the x2APIC ID).
 * nr in: room in entries[]; out: entries written, or, with E2BIG, needed.
 */
#define RTVMX_CPUID_F_INDEXED	(1U << 0)	/* the subleaf (ECX) selects the entry */
#define RTVMX_CPUID_F_APIC_ID	(1U << 1)	/* APIC ID: leaf 1 EBX[31:24], 0BH/1FH EDX */
#define RTVMX_CPUID_F_OSXSAVE	(1U << 2)	/* leaf 1 ECX[27] = the guest's CR4.OSXSAVE */
#define RTVMX_CPUID_F_XSAVE_SIZE (1U << 3)	/* leaf 0DH.0 EBX follows the guest's XCR0 */
#define RTVMX_CPUID_MAX_ENTRIES	256

struct rtvmx_cpuid_entry {
	__u32 leaf;		/* out: EAX input */
	__u32 subleaf;		/* out: ECX input, with RTVMX_CPUID_F_INDEXED */
	__u32 flags;		/* out: RTVMX_CPUID_F_* */
	__u32 eax, ebx, ecx, edx;	/* out */
	__u32 pad;		/* out: 0 */
};

struct rtvmx_cpuid_model {
	__u32 nr;		/* in: room in entries[], <= RTVMX_CPUID_MAX_ENTRIES; out: above */
	__u32 flags;		/* in: must be 0 */
	__u64 reserved[3];	/* in: must be 0 */
	struct rtvmx_cpuid_entry entries[];	/* out */
};

/* ---- VMs --------------------------------------------------------------- */

#define RTVMX_NAME_LEN		32
#define RTVMX_MIN_MEM		(2ULL << 20)	/* 2 MiB */
#define RTVMX_MAX_MEM		(64ULL << 30)	/* 64 GiB */

/*
 * RTVMX_CREATE_VM: guest RAM is allocated, zeroed, pinned and mapped in EPT
 * at guest-physical 0 before the call returns. Returns a VM fd; the VM lives
 * until its last fd is closed, which stops it, unless it is persistent
 * (RTVMX_VM_PERSISTENT): then, once started, it lives until destroyed over
 * netlink (RTVMX_CMD_VM_DESTROY) or until rtvmx is unloaded (which stops and
 * destroys it); closing a persistent VM's fd before RTVMX_START destroys it. VM names are unique
 * among the VMs that exist; names of the form "vm<digits>" are kept for
 * unnamed VMs.
 */
struct rtvmx_vm_config {
	__u64 mem_size;			/* in: bytes, multiple of 4 KiB, RTVMX_MIN_MEM..RTVMX_MAX_MEM */
	__u32 flags;			/* in: RTVMX_VM_*; unknown bits give EINVAL */
	__u32 pad;			/* in: must be 0 */
	char name[RTVMX_NAME_LEN];	/* in: NUL-terminated, [A-Za-z0-9._-]; "" = "vm<id>" */
	__u64 reserved[4];		/* in: must be 0 */
};

/* rtvmx_vm_config.flags */
#define RTVMX_VM_TEST_MMIO	(1U << 0)	/* attach the MMIO test device */
#define RTVMX_VM_PERSISTENT	(1U << 1)	/* outlives its fds (see above) */
#define RTVMX_VM_FLAGS		(RTVMX_VM_TEST_MMIO | RTVMX_VM_PERSISTENT) /* every flag defined */

/* RTVMX_ATTACH_VM: a new fd for an existing persistent VM. */
struct rtvmx_vm_attach {
	__u32 id;			/* in: VM id */
	__u32 flags;			/* in: must be 0 */
	__u64 reserved[2];		/* in: must be 0 */
};

/*
 * The MMIO test device of RTVMX_VM_TEST_MMIO: a register file of
 * RTVMX_TEST_MMIO_SIZE bytes at guest-physical RTVMX_TEST_MMIO_GPA (below
 * 4 GiB, so RTVMX_BOOT_64BIT_FLAT maps it). It starts zeroed and reads back
 * what was written, at any offset and width (1, 2, 4 or 8 bytes,
 * little-endian). It is not RAM: every guest access to it is an EPT
 * violation that rtvmx emulates. Guest RAM must end at or below its base
 * (mem_size <= RTVMX_TEST_MMIO_GPA), else CREATE_VM gives EINVAL.
 */
#define RTVMX_TEST_MMIO_GPA	0xd0000000ULL
#define RTVMX_TEST_MMIO_SIZE	0x1000ULL

/*
 * Boot states (SET_BOOT_STATE). In all of them RFLAGS.IF = 0, the vCPU is at
 * CPL 0, RDI (EDI) = arg, and IDTR is 0/0 in the protected modes, so an
 * exception before the guest loads its own IDT is a triple fault.
 *
 * RTVMX_BOOT_64BIT_FLAT: long mode, paging on with all of guest RAM, and at
 * least the first 4 GiB, identity-mapped (2 MiB pages), so an access beyond
 * RAM reaches the hypervisor; flat 64-bit code and data segments, RIP =
 * entry, RSP = stack (0: top of RAM). The module builds the GDT and page
 * tables in guest RAM at [RTVMX_BOOT_AREA_GPA, RTVMX_BOOT_AREA_GPA +
 * RTVMX_BOOT_AREA_SIZE(mem_size)): GDT page, PML4, PDPT, then one page
 * directory per GiB.
 *
 * RTVMX_BOOT_32BIT_FLAT: protected mode, paging off (guest-linear =
 * guest-physical, so the whole 4 GiB space is reachable), flat 4 GiB 32-bit
 * code and data segments, EIP = entry, ESP = stack (0: top of RAM, at most
 * 4 GiB). The module writes the GDT page of the boot area only; the rest of
 * the area is reserved the same way, entry and stack below 4 GiB.
 *
 * RTVMX_BOOT_REAL_MODE: real mode (unrestricted guest, SDM Vol. 3C 26.6),
 * CS = DS = ES = FS = GS = SS = the 64 KiB-aligned segment that holds the
 * entry (selector (entry >> 4) & 0xf000, base selector << 4, limit 0xffff),
 * IP = entry - base, SP = stack - base (stack 0: SP = 0, the top of that
 * segment), IDTR 0/0x3ff. The entry lies below 1 MiB and stack, when not 0,
 * in (base, base + 64 KiB]. The module writes nothing into guest RAM.
 */
#define RTVMX_BOOT_64BIT_FLAT		1
#define RTVMX_BOOT_32BIT_FLAT		2
#define RTVMX_BOOT_REAL_MODE		3
#define RTVMX_BOOT_AREA_GPA		0x1000ULL
#define RTVMX_BOOT_MAPPED_GIB(mem)	((mem) > (4ULL << 30) ? ((mem) + (1ULL << 30) - 1) >> 30 : 4)
#define RTVMX_BOOT_AREA_SIZE(mem)	((3 + RTVMX_BOOT_MAPPED_GIB(mem)) << 12)
/* GDT selectors of the flat states: code is 64-bit in RTVMX_BOOT_64BIT_FLAT, 32-bit in _32BIT_FLAT. */
#define RTVMX_BOOT_CS			0x08
#define RTVMX_BOOT_DS			0x10
#define RTVMX_BOOT_TSS			0x18	/* busy TSS at 0: 16 bytes in 64-bit, 8 in 32-bit */
#define RTVMX_BOOT_GDT_LIMIT		0x27
#define RTVMX_REAL_MODE_LIMIT		0x100000ULL	/* real-mode entries lie below */

struct rtvmx_boot_state {
	__u32 mode;		/* in: RTVMX_BOOT_* */
	__u32 flags;		/* in: must be 0 */
	__u64 entry;		/* in: guest RIP (linear = physical), inside guest RAM */
	__u64 stack;		/* in: guest RSP, 0 = the mode's default (above) */
	__u64 arg;		/* in: guest RDI at entry */
	__u64 reserved[4];	/* in: must be 0 */
};

/*
 * Scheduling policies of a vCPU on its reserved CPU. All vCPUs on one CPU use
 * one policy; a DEDICATED vCPU has its CPU to itself. Times are nanoseconds.
 */
#define RTVMX_SCHED_DEDICATED	0	/* the vCPU owns the CPU; no parameters */
#define RTVMX_SCHED_TABLE	1	/* a fixed window of a repeating major frame */
#define RTVMX_SCHED_EDF		2	/* EDF over a constant-bandwidth server */
#define RTVMX_SCHED_FP		3	/* fixed priority over a sporadic server */
#define RTVMX_NR_SCHED_POLICIES	4
#define RTVMX_SCHED_NAMES	"dedicated", "table", "edf", "fp"

/* RTVMX_SCHED_TABLE: the window [offset, offset + length) of every frame. */
struct rtvmx_sched_table {
	__u64 offset;		/* in: from the frame's start, < frame */
	__u64 length;		/* in: >= 1 us; offset + length <= frame */
	__u64 frame;		/* in: major frame, <= 4 s; the same for all vCPUs of the CPU */
};

/* RTVMX_SCHED_EDF: budget every period, due by deadline after the period starts. */
struct rtvmx_sched_edf {
	__u64 budget;		/* in: >= 1 us */
	__u64 period;		/* in: <= 4 s */
	__u64 deadline;		/* in: relative, budget <= deadline <= period; 0 = period */
};

/* RTVMX_SCHED_FP: a sporadic server of budget per period at a priority. */
struct rtvmx_sched_fp {
	__u32 prio;		/* in: larger runs first; unique on the CPU */
	__u32 pad;		/* in: must be 0 */
	__u64 budget;		/* in: >= 1 us */
	__u64 period;		/* in: <= 4 s */
};

/*
 * RTVMX_CREATE_VCPU runs admission control: parameters wrong in themselves
 * give EINVAL, ones that do not fit beside the CPU's other vCPUs EBUSY; dmesg
 * names the violated bound either way.
 *
 * A VM has up to RTVMX_MAX_VCPUS vCPUs (RTVMX_CAP_SMP_VCPUS), created before
 * RTVMX_START (after it: EBUSY; one too many: ENOSPC). vCPU n is the n-th
 * call and has APIC ID n; each names its own CPU and scheduling parameters,
 * and vCPUs of one VM may share a CPU under a shared policy. vCPU 0 (the
 * bootstrap processor) starts in the SET_BOOT_STATE state; the others wait
 * for a STARTUP IPI (SDM Vol. 3A 8.4.4: INIT, then STARTUP from another
 * vCPU's ICR). At the first STARTUP with vector V an AP begins in real mode
 * as RTVMX_BOOT_REAL_MODE puts it, at CS:IP = (V << 8):0 (CS base V << 12;
 * DS, ES, FS, GS and SS the same, SP 0, interrupts off); later STARTUPs,
 * and INIT to a vCPU that has started, are ignored. The VM stops as a
 * whole: the first vCPU to stop gives the reason, the others stop with it.
 */
#define RTVMX_MAX_VCPUS		8
struct rtvmx_vcpu_config {
	__u32 cpu;		/* in: a CPU reserved by rtvmx */
	__u32 sched_policy;	/* in: RTVMX_SCHED_* */
	union {			/* in: by sched_policy; every byte it leaves unused must be 0 */
		struct rtvmx_sched_table table;
		struct rtvmx_sched_edf edf;
		struct rtvmx_sched_fp fp;
		__u64 reserved[6];
	};
};

/* VM states */
#define RTVMX_VM_CREATED	0	/* not started yet */
#define RTVMX_VM_RUNNING	1
#define RTVMX_VM_STOPPED	2	/* see stop_reason; cannot be started again */

/* Why a VM stopped (struct rtvmx_vm_info.stop_reason) and what stop_detail holds. */
#define RTVMX_STOP_NONE			0	/* still created or running */
#define RTVMX_STOP_SHUTDOWN		1	/* RTVMX_HC_SHUTDOWN; exit_code from the guest */
#define RTVMX_STOP_EXIT_PORT		2	/* write to the exit port; exit_code = (v << 1) | 1 */
#define RTVMX_STOP_USER			3	/* RTVMX_STOP, or the last fd closed */
#define RTVMX_STOP_TRIPLE_FAULT		4	/* detail: guest RIP */
#define RTVMX_STOP_INVALID_STATE	5	/* VM entry failed; detail: exit qualification */
#define RTVMX_STOP_EPT_VIOLATION	6	/* access outside RAM; detail: guest-physical address */
#define RTVMX_STOP_UNKNOWN_EXIT		7	/* detail: basic exit reason */
#define RTVMX_STOP_VMFAIL		8	/* VMLAUNCH/VMRESUME failed; detail: VM-instruction error */
#define RTVMX_STOP_UNSUPPORTED		9	/* an exit rtvmx cannot emulate yet; detail below */
#define RTVMX_STOP_HOST			10	/* the host could not run it; detail: -errno */
#define RTVMX_NR_STOP_REASONS		11
/* The names debugfs and the CLI use for the stop reasons, in RTVMX_STOP_* order. */
#define RTVMX_STOP_NAMES \
	"none", "shutdown", "exit_port", "user", "triple_fault", "invalid_state", \
	"ept_violation", "unknown_exit", "vmfail", "unsupported", "host"

/*
 * RTVMX_STOP_UNSUPPORTED's stop_detail: the basic exit reason in bits 15:0.
 * For an MMIO access (exit reason 48, EPT violation) by an instruction that
 * rtvmx does not emulate, bits 63:16 hold the first six bytes at the guest's
 * RIP, the first one in bits 23:16: the instruction, and what follows it
 * when it is shorter (0 for bytes that were not fetched).
 */
#define RTVMX_UNSUPPORTED_REASON(detail)	((detail) & 0xffff)
#define RTVMX_UNSUPPORTED_BYTES(detail)		((detail) >> 16)
#define RTVMX_UNSUPPORTED_NR_BYTES		6

#define RTVMX_NR_EXIT_REASONS		80	/* basic exit reasons counted (SDM Vol. 3D, App. C) */

/*
 * RTVMX_GET_INFO. The time and exit counters are sums over the VM's vCPUs,
 * the sched_* ones too (sched_overrun_max_ticks: the worst of them).
 */
struct rtvmx_vm_info {
	__u32 id;				/* out: VM id, as in debugfs vm<id> */
	__u32 state;				/* out: RTVMX_VM_* */
	char name[RTVMX_NAME_LEN];		/* out */
	__u64 mem_size;				/* out */
	__s32 cpu;				/* out: CPU of vCPU 0, -1 when none */
	__u32 stop_reason;			/* out: RTVMX_STOP_* */
	__u64 stop_detail;			/* out: see RTVMX_STOP_* */
	__u64 exit_code;			/* out: guest exit code (SHUTDOWN, EXIT_PORT) */
	__u64 guest_ns;				/* out: time in VMX non-root mode */
	__u64 host_ns;				/* out: time in the run loop outside the guest */
	__u64 exits_total;			/* out */
	__u64 exits[RTVMX_NR_EXIT_REASONS];	/* out: by basic exit reason */
	/* Scheduling of the vCPUs on their CPUs (zero before START). */
	__u64 sched_runtime_ns;			/* out: time charged to them */
	__u64 sched_overruns;			/* out: exits past its budget or window end */
	__u64 sched_overrun_max_ticks;		/* out: the worst, in TSC ticks past that end */
	__u64 sched_deadline_misses;		/* out: EDF server deadlines missed */
	__u64 sched_preemptions;		/* out: lost the CPU while runnable with budget left */
	__u32 nr_vcpus;				/* out: vCPUs created */
	__u32 apicv;				/* out: RTVMX_APICV_* this VM uses */
	__u64 reserved[2];			/* out: zero */
};

/*
 * Hypercalls: VMCALL with the number in RAX and arguments in RDI, RSI; the
 * result comes back in RAX (-errno on failure). Unknown numbers give -ENOSYS.
 * Outside 64-bit mode the registers are read and written as 32 bits (EAX,
 * EDI, ESI).
 */
#define RTVMX_HC_SHUTDOWN	1	/* RDI: exit code; the VM stops */

/* The QEMU isa-debug-exit compatible port: writing v stops the VM with exit code (v << 1) | 1. */
#define RTVMX_EXIT_PORT		0xf4

/* CPUID leaf 0x40000000: EAX = max hypervisor leaf, EBX:ECX:EDX = "rtvmxrtvmxrt" */
#define RTVMX_CPUID_SIGNATURE	0x40000000
/*
 * CPUID leaf 0x40000010: EAX = guest TSC rate in kHz, EBX = the LAPIC timer's
 * input clock in kHz (before the divide configuration; equal to the TSC's).
 */
#define RTVMX_CPUID_TIMING	0x40000010

/* ---- ioctls ----------------------------------------------------------- */

/* on /dev/rtvmx */
#define RTVMX_GET_API_VERSION	_IO(RTVMX_IO, 0x00)	/* returns RTVMX_API_VERSION */
#define RTVMX_CHECK_CAP		_IOWR(RTVMX_IO, 0x01, struct rtvmx_caps)
#define RTVMX_CREATE_VM		_IOW(RTVMX_IO, 0x02, struct rtvmx_vm_config)	/* returns a VM fd */
/* A fd for a started persistent VM; ENOENT: no such VM, EINVAL: not persistent, EBUSY: not started. */
#define RTVMX_ATTACH_VM		_IOW(RTVMX_IO, 0x03, struct rtvmx_vm_attach)
/* E2BIG: nr too small (nr out = entries needed); EINVAL: flags, reserved or nr out of range. */
#define RTVMX_GET_CPUID_MODEL	_IOWR(RTVMX_IO, 0x04, struct rtvmx_cpuid_model)

/*
 * On a VM fd. Also: mmap (offset 0 = guest-physical 0) of guest RAM; read and
 * poll give the guest's console (its 16550 UART at 0x3f8) output, write feeds
 * its receive FIFO.
 */
#define RTVMX_SET_BOOT_STATE	_IOW(RTVMX_IO, 0x10, struct rtvmx_boot_state)
#define RTVMX_CREATE_VCPU	_IOW(RTVMX_IO, 0x11, struct rtvmx_vcpu_config)	/* returns 0 */
#define RTVMX_START		_IO(RTVMX_IO, 0x12)
#define RTVMX_STOP		_IO(RTVMX_IO, 0x13)
#define RTVMX_GET_INFO		_IOR(RTVMX_IO, 0x14, struct rtvmx_vm_info)

#endif /* _UAPI_LINUX_RTVMX_H */
