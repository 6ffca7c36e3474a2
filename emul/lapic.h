/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A local APIC per vCPU (Intel SDM Vol. 3A chapter 10), reachable as an
 * xAPIC (a 4 KiB MMIO page, 32-bit registers at 16-byte strides) and as an
 * x2APIC (MSRs 0x800-0x8ff), with IA32_APIC_BASE switching between them.
 *
 * Modelled: ID, version, TPR/APR/PPR, EOI, LDR/DFR, SVR, ISR/TMR/IRR, ESR,
 * ICR (fixed and NMI IPIs to itself; every other IPI goes to ops->ipi),
 * SELF_IPI, six LVT entries (timer, thermal, perf, LINT0, LINT1, error; no
 * CMCI) and the timer in one-shot, periodic and TSC-deadline modes.
 * The divide configuration is latched when the initial count is written.
 * Not modelled: remote IRR and delivery status (always idle), directed EOI,
 * SMI/INIT/SIPI to itself, the spurious vector (acceptance and INTA happen
 * in one step here, so an interrupt cannot vanish in between), thermal and
 * performance-counter events (their LVTs are plain registers).
 *
 * The model is not locked: the caller serializes every call on one LAPIC,
 * including those made by another vCPU's IPI or by a device.
 */
#ifndef EMUL_LAPIC_H
#define EMUL_LAPIC_H

#include "emul_host.h"
#include "apic_defs.h"
#include "mmio_bus.h"

#define LAPIC_DEFAULT_BASE	0xfee00000ULL
#define LAPIC_MMIO_SIZE		0x1000u
#define LAPIC_VERSION		0x00050014u	/* integrated APIC, max LVT index 5 */

#define MSR_IA32_APIC_BASE	0x1b
#define MSR_IA32_TSC_DEADLINE	0x6e0
#define MSR_X2APIC_FIRST	0x800
#define MSR_X2APIC_LAST		0x8ff

/* IA32_APIC_BASE bits (SDM Vol. 3A 10.4.4, 10.12.1) */
#define APIC_BASE_BSP		(1ULL << 8)
#define APIC_BASE_EXTD		(1ULL << 10)
#define APIC_BASE_EN		(1ULL << 11)
#define APIC_BASE_ADDR_MASK	0x000ffffffffff000ULL

/* LVT fields (SDM Vol. 3A 10.5.1) */
#define APIC_LVT_MASKED		(1u << 16)
#define APIC_LVT_LEVEL		(1u << 15)
#define APIC_LVT_TIMER_ONESHOT	(0u << 17)
#define APIC_LVT_TIMER_PERIODIC	(1u << 17)
#define APIC_LVT_TIMER_TSCDL	(2u << 17)
#define APIC_LVT_TIMER_MODE	(3u << 17)

/* SVR (SDM Vol. 3A 10.9) */
#define APIC_SVR_ENABLE		(1u << 8)

/* ESR bits (SDM Vol. 3A 10.5.3) */
#define APIC_ESR_SEND_ILLEGAL	(1u << 5)
#define APIC_ESR_RECV_ILLEGAL	(1u << 6)
#define APIC_ESR_ILLEGAL_REG	(1u << 7)

enum lapic_lvt_index {
	LAPIC_LVT_TIMER,
	LAPIC_LVT_THERMAL,
	LAPIC_LVT_PERF,
	LAPIC_LVT_LINT0,
	LAPIC_LVT_LINT1,
	LAPIC_LVT_ERROR,
	LAPIC_NR_LVT
};

/* ICR destination shorthand, bits 19:18 */
enum lapic_shorthand {
	LAPIC_SH_NONE,
	LAPIC_SH_SELF,
	LAPIC_SH_ALL_INCL,
	LAPIC_SH_ALL_EXCL,
};

/* An IPI as written to the ICR, for delivery to the other vCPUs. */
struct lapic_ipi {
	u32 dest;		/* 8 bits in xAPIC mode, 32 in x2APIC mode */
	u8 vector;
	u8 mode;		/* APIC_DM_* */
	u8 shorthand;		/* enum lapic_shorthand */
	bool logical;
	bool level_trigger;
	bool assert;		/* the ICR's level bit (INIT de-assert when clear) */
};

struct lapic;

/* All three callbacks are required. */
struct lapic_ops {
	/* Guest TSC now (see timebase.h). */
	u64 (*now)(void *opaque);
	/* EOI of a level-triggered vector: broadcast it to the IOAPIC. */
	void (*eoi_level)(void *opaque, struct lapic *apic, u8 vector);
	/*
	 * An IPI that may target other vCPUs of this VM: deliver it to every
	 * LAPIC but @src that lapic_match_dest() accepts (or all but @src for
	 * the ALL shorthands). @src has already taken its own share.
	 */
	void (*ipi)(void *opaque, struct lapic *src, const struct lapic_ipi *ipi);
};

struct lapic {
	const struct lapic_ops *ops;
	void *opaque;
	u64 tsc_hz;		/* guest TSC rate */
	u64 bus_hz;		/* the timer's input clock before the divider */

	u64 apic_base;		/* IA32_APIC_BASE */
	u32 id;			/* initial APIC ID; the xAPIC ID register holds its low 8 bits */
	u32 tpr, ldr, dfr, svr;
	u32 esr, esr_pending;	/* ESR as last latched, errors since */
	u32 icr_lo, icr_hi;
	u32 lvt[LAPIC_NR_LVT];
	u32 irr[8], isr[8], tmr[8];
	u32 irr_new[8];		/* accepted since the last lapic_page_store() */
	bool lint_level[2];
	bool nmi_pending;

	/* timer */
	u32 timer_icr, timer_dcr;
	u32 timer_div;		/* divider latched when the count was written */
	bool timer_armed;
	u64 timer_start;	/* guest TSC when counting began */
	u64 timer_next;		/* one-shot/periodic: index of the next expiry (1-based) */
	u64 tsc_deadline;	/* IA32_TSC_DEADLINE, 0 when disarmed */
	u64 deadline;		/* the next expiry, guest TSC */
	u64 timer_fired;	/* expiries delivered (or dropped by the mask) */
	u64 timer_missed;	/* periodic expiries merged because expire came late */
};

/*
 * Power-up state (SDM Vol. 3A 10.4.7.1) with APIC ID @id, enabled in xAPIC
 * mode at LAPIC_DEFAULT_BASE (BSP flag when @bsp). @bus_hz must be nonzero.
 */
void lapic_init(struct lapic *apic, const struct lapic_ops *ops, void *opaque, u32 id, bool bsp,
		u64 tsc_hz, u64 bus_hz);
/* INIT: registers to their power-up values, ID and IA32_APIC_BASE kept. */
void lapic_reset(struct lapic *apic);

bool lapic_x2apic_mode(const struct lapic *apic);
/* Hardware-enabled (IA32_APIC_BASE.EN) and software-enabled (SVR bit 8). */
bool lapic_sw_enabled(const struct lapic *apic);
bool lapic_hw_enabled(const struct lapic *apic);

/* IA32_APIC_BASE; -EINVAL (#GP) for reserved bits or an invalid mode switch. */
u64 lapic_get_apic_base(const struct lapic *apic);
int lapic_set_apic_base(struct lapic *apic, u64 val);

/*
 * xAPIC MMIO, @offset within the page. 32-bit accesses to a register's first
 * dword are served; other sizes and offsets read 0 and ignore writes (their
 * effect is undefined, SDM Vol. 3A 10.4.1). Always returns 0; in x2APIC mode
 * or hardware-disabled the page reads 0 and ignores writes.
 */
extern const struct mmio_ops lapic_mmio_ops;
int lapic_mmio_read(struct lapic *apic, u32 offset, u32 *val);
int lapic_mmio_write(struct lapic *apic, u32 offset, u32 val);

/*
 * x2APIC MSRs 0x800-0x8ff. Returns 0, or -EINVAL where the CPU raises #GP:
 * not in x2APIC mode, an MSR with no register, a read of EOI/SELF_IPI, a
 * write to a read-only register, reserved bits set (SDM Vol. 3A 10.12.1.2).
 */
int lapic_msr_read(struct lapic *apic, u32 msr, u64 *val);
int lapic_msr_write(struct lapic *apic, u32 msr, u64 val);

/* IA32_TSC_DEADLINE: reads 0 and ignores writes outside TSC-deadline mode. */
u64 lapic_get_tsc_deadline(const struct lapic *apic);
void lapic_set_tsc_deadline(struct lapic *apic, u64 val);

/* CR8 is TPR[7:4] (SDM Vol. 3A 10.8.6.1). */
u8 lapic_get_cr8(const struct lapic *apic);
void lapic_set_cr8(struct lapic *apic, u8 val);
u32 lapic_ppr(const struct lapic *apic);

/*
 * A fixed interrupt arrives: IRR set, TMR set for level, cleared for edge.
 * Vectors 0-15 are refused with ESR "receive illegal vector"; a
 * software-disabled or hardware-disabled APIC drops it. True if accepted.
 */
bool lapic_set_irq(struct lapic *apic, u8 vector, bool level);
/* An NMI arrives (IPI, IOAPIC, LINT in NMI mode). */
void lapic_nmi(struct lapic *apic);
/* Takes the pending NMI, if any, for injection. */
bool lapic_take_nmi(struct lapic *apic);

/*
 * LINT0/LINT1 input level, handled per its LVT entry: fixed (edge: rising
 * edge; level: follows the line), NMI (rising edge) or ExtINT (the line is
 * sampled by lapic_extint_pending()). Masked entries ignore the line.
 */
void lapic_set_lint(struct lapic *apic, unsigned int pin, bool level);
/* An ExtINT input is asserted and unmasked: the vector comes from the PIC's INTA. */
bool lapic_extint_pending(const struct lapic *apic);

/* The highest IRR vector whose priority class beats the PPR's, or -1. */
int lapic_pending_vector(const struct lapic *apic);
/* INTA for @vector (as given by lapic_pending_vector()): IRR → ISR. */
void lapic_ack(struct lapic *apic, u8 vector);

/* Physical or logical destination @dest (SDM Vol. 3A 10.6.2) names this APIC. */
bool lapic_match_dest(const struct lapic *apic, u32 dest, bool logical);

/*
 * The virtual-APIC page of the CPU's APIC virtualization (SDM Vol. 3C 29.5):
 * 1024 32-bit words, register at xAPIC offset o in word o / 4.
 *
 * lapic_page_store() writes TPR, PPR, ISR, TMR and IRR, and with @all_regs
 * every other register a guest may read without an exit (29.4.2; not the
 * current count), in the current mode's format. lapic_page_load() takes
 * back what the CPU changes while the guest runs: the TPR (TPR shadow);
 * with @irq, the ISR and IRR (interrupt delivery, EOI and self-IPI
 * virtualization): a vector is requested when the page has it or when the
 * model accepted it after the store, even if the CPU delivered an earlier
 * request of it in between; with @all_regs, ICR_HI, which an xAPIC guest
 * writes into the page without an exit under register virtualization
 * (the APIC-write exit comes with the write to ICR_LO).
 */
#define LAPIC_PAGE_WORDS	1024
void lapic_page_store(struct lapic *apic, u32 *page, bool all_regs);
void lapic_page_load(struct lapic *apic, const u32 *page, bool irq, bool all_regs);
/*
 * The CPU retired @vector from the ISR by EOI virtualization and exited
 * because the EOI-exit bitmap names it (29.1.3): a level-triggered vector's
 * EOI goes on to the I/O APIC.
 */
void lapic_eoi_virtualized(struct lapic *apic, u8 vector);

/* The next timer expiry in guest TSC ticks, or EMUL_NO_DEADLINE. */
u64 lapic_next_deadline(const struct lapic *apic);
/*
 * Fires the timer if it is due at @now: IRR gets the LVT vector unless it is
 * masked, one-shot and TSC-deadline disarm, periodic re-arms at the next
 * period boundary counted from the start (late expiries are merged and
 * counted in timer_missed). Returns true if it fired.
 */
bool lapic_timer_expire(struct lapic *apic, u64 now);

#endif
