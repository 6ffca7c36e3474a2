// SPDX-License-Identifier: GPL-2.0
/*
 * LAPIC model tests: power-up state, TPR/PPR masking, nested interrupts and
 * EOI order, level-triggered EOI broadcast, ESR, the timer in one-shot,
 * periodic (10,000 periods at 1 kHz without drift) and TSC-deadline modes,
 * IPIs and shorthands, LINT inputs, logical destinations, the x2APIC MSR
 * interface with its #GP cases, and the virtual-APIC page: what is stored,
 * and what is taken back after the CPU delivered, retired or got vectors.
 */
#include <stdio.h>

#include "lapic.h"
#include "timebase.h"
#include "tap.h"

struct fake_vm {
	u64 now;
	unsigned int eoi_count;
	u8 eoi_vector;
	unsigned int ipi_count;
	struct lapic_ipi last_ipi;
};

static u64 fake_now(void *opaque)
{
	return ((struct fake_vm *)opaque)->now;
}

static void fake_eoi(void *opaque, struct lapic *apic, u8 vector)
{
	struct fake_vm *vm = opaque;

	(void)apic;
	vm->eoi_count++;
	vm->eoi_vector = vector;
}

static void fake_ipi(void *opaque, struct lapic *src, const struct lapic_ipi *ipi)
{
	struct fake_vm *vm = opaque;

	(void)src;
	vm->ipi_count++;
	vm->last_ipi = *ipi;
}

static const struct lapic_ops fake_ops = {
	.now = fake_now,
	.eoi_level = fake_eoi,
	.ipi = fake_ipi,
};

static u32 rd(struct lapic *apic, u32 off)
{
	u32 v;

	lapic_mmio_read(apic, off, &v);
	return v;
}

static void wr(struct lapic *apic, u32 off, u32 v)
{
	lapic_mmio_write(apic, off, v);
}

static bool isr_has(struct lapic *apic, u8 v)
{
	return rd(apic, 0x100 + (v >> 5) * 0x10) & (1u << (v & 31));
}

static bool irr_has(struct lapic *apic, u8 v)
{
	return rd(apic, 0x200 + (v >> 5) * 0x10) & (1u << (v & 31));
}

static void setup(struct lapic *apic, struct fake_vm *vm, u64 tsc_hz, u64 bus_hz)
{
	memset(vm, 0, sizeof(*vm));
	lapic_init(apic, &fake_ops, vm, 1, true, tsc_hz, bus_hz);
	wr(apic, 0xf0, 0x1ff);		/* SVR: enabled, spurious 0xff */
}

static void test_reset(void)
{
	struct fake_vm vm = { 0 };
	struct lapic apic;
	unsigned int i;
	bool masked = true;

	lapic_init(&apic, &fake_ops, &vm, 3, false, 1000, 1000);
	for (i = 0x320; i <= 0x370; i += 0x10)
		masked &= rd(&apic, i) == APIC_LVT_MASKED;
	tap_check(rd(&apic, 0x20) == 0x03000000 && rd(&apic, 0x30) == 0x50014 &&
		  rd(&apic, 0xf0) == 0xff && rd(&apic, 0xe0) == 0xffffffff && masked,
		  "lapic: power-up ID, version, SVR, DFR and masked LVTs");
	tap_check(lapic_get_apic_base(&apic) == (0xfee00000ULL | APIC_BASE_EN),
		  "lapic: IA32_APIC_BASE enabled at 0xfee00000, no BSP flag on an AP");
	tap_check(!lapic_set_irq(&apic, 0x40, false) && lapic_pending_vector(&apic) == -1,
		  "lapic: software-disabled APIC drops a fixed interrupt");
	wr(&apic, 0x350, 0x700);
	tap_check(rd(&apic, 0x350) == (0x700 | APIC_LVT_MASKED),
		  "lapic: LVT mask cannot be cleared while software-disabled");
	wr(&apic, 0xf0, 0x1ff);
	wr(&apic, 0x350, 0x700);
	tap_check(rd(&apic, 0x350) == 0x700, "lapic: ... and can once enabled");
	wr(&apic, 0xf0, 0x0ff);
	tap_check(rd(&apic, 0x350) == (0x700 | APIC_LVT_MASKED),
		  "lapic: clearing SVR.enable masks every LVT");
}

static void test_priority(void)
{
	struct fake_vm vm;
	struct lapic apic;

	setup(&apic, &vm, 1000, 1000);
	lapic_set_irq(&apic, 0x51, false);
	wr(&apic, 0x80, 0x50);
	tap_check(lapic_pending_vector(&apic) == -1 && rd(&apic, 0xa0) == 0x50,
		  "lapic: TPR 0x50 holds back vector 0x51 (same class)");
	wr(&apic, 0x80, 0x4f);
	tap_check(lapic_pending_vector(&apic) == 0x51 && rd(&apic, 0xa0) == 0x4f,
		  "lapic: TPR 0x4f lets 0x51 through, PPR = TPR");
	lapic_ack(&apic, 0x51);
	tap_check(rd(&apic, 0xa0) == 0x50 && isr_has(&apic, 0x51) && !irr_has(&apic, 0x51),
		  "lapic: INTA moves 0x51 to ISR, PPR = ISR class 0x50");
	wr(&apic, 0x80, 0x5a);
	tap_check(rd(&apic, 0xa0) == 0x5a, "lapic: TPR 0x5a in the ISR's class: PPR = TPR 0x5a");
	wr(&apic, 0x80, 0x6a);
	tap_check(rd(&apic, 0xa0) == 0x6a, "lapic: TPR 0x6a above the ISR class: PPR 0x6a");
	lapic_set_cr8(&apic, 3);
	tap_check(rd(&apic, 0x80) == 0x30 && lapic_get_cr8(&apic) == 3 && rd(&apic, 0xa0) == 0x50,
		  "lapic: CR8 3 is TPR 0x30, PPR back to 0x50");
	lapic_set_irq(&apic, 0x62, false);
	tap_check(rd(&apic, 0x90) == 0x60, "lapic: APR is the IRR class 0x60");
}

static void test_nested(void)
{
	struct fake_vm vm;
	struct lapic apic;
	bool ok;

	setup(&apic, &vm, 1000, 1000);
	lapic_set_irq(&apic, 0x40, false);
	lapic_ack(&apic, lapic_pending_vector(&apic));
	lapic_set_irq(&apic, 0x80, false);
	ok = lapic_pending_vector(&apic) == 0x80;
	lapic_ack(&apic, 0x80);
	lapic_set_irq(&apic, 0x60, false);
	tap_check(ok && lapic_pending_vector(&apic) == -1 && isr_has(&apic, 0x40) &&
		  isr_has(&apic, 0x80), "lapic: 0x80 nests over 0x40, then 0x60 waits");
	wr(&apic, 0xb0, 0);
	tap_check(!isr_has(&apic, 0x80) && isr_has(&apic, 0x40) &&
		  lapic_pending_vector(&apic) == 0x60,
		  "lapic: EOI retires 0x80 first, then 0x60 beats 0x40");
	lapic_ack(&apic, 0x60);
	wr(&apic, 0xb0, 0);
	ok = !isr_has(&apic, 0x60) && isr_has(&apic, 0x40);
	wr(&apic, 0xb0, 0);
	tap_check(ok && !isr_has(&apic, 0x40) && rd(&apic, 0xa0) == 0 && vm.eoi_count == 0,
		  "lapic: EOIs retire 0x60, then 0x40; no broadcast for edge vectors");
	wr(&apic, 0xb0, 0);
	tap_check(rd(&apic, 0xa0) == 0, "lapic: EOI with ISR empty does nothing");
	lapic_set_irq(&apic, 0x91, true);
	tap_check(rd(&apic, 0x180 + 0x40) == 1u << 17, "lapic: level vector 0x91 sets TMR");
	lapic_ack(&apic, 0x91);
	wr(&apic, 0xb0, 0);
	tap_check(vm.eoi_count == 1 && vm.eoi_vector == 0x91, "lapic: EOI of 0x91 is broadcast");
	lapic_set_irq(&apic, 0x91, false);
	tap_check(rd(&apic, 0x180 + 0x40) == 0, "lapic: the same vector edge-triggered clears TMR");
}

static void test_esr(void)
{
	struct fake_vm vm;
	struct lapic apic;

	setup(&apic, &vm, 1000, 1000);
	wr(&apic, 0x370, 0xfe);
	tap_check(!lapic_set_irq(&apic, 5, false), "lapic: vector 5 refused");
	tap_check(rd(&apic, 0x280) == 0, "lapic: ESR reads 0 before the latch write");
	wr(&apic, 0x280, 0);
	tap_check(rd(&apic, 0x280) == APIC_ESR_RECV_ILLEGAL && irr_has(&apic, 0xfe),
		  "lapic: ESR latches receive-illegal-vector, error LVT 0xfe raised");
	wr(&apic, 0x280, 0);
	tap_check(rd(&apic, 0x280) == 0, "lapic: the next ESR write clears it");
	rd(&apic, 0x2a0);
	wr(&apic, 0x280, 0);
	tap_check(rd(&apic, 0x280) == APIC_ESR_ILLEGAL_REG,
		  "lapic: reserved offset 0x2a0: illegal register");
	wr(&apic, 0x310, 0x05000000);
	wr(&apic, 0x300, 0x4004);
	wr(&apic, 0x280, 0);
	tap_check(rd(&apic, 0x280) == APIC_ESR_SEND_ILLEGAL && vm.ipi_count == 0,
		  "lapic: IPI with vector 4: send-illegal-vector, nothing sent");
}

static void test_oneshot(void)
{
	struct fake_vm vm;
	struct lapic apic;
	u64 t0 = 1000000;

	setup(&apic, &vm, 3000000000ULL, 1000000000ULL);
	vm.now = t0;
	wr(&apic, 0x320, 0x31);			/* one-shot, vector 0x31 */
	wr(&apic, 0x3e0, 0x0);			/* divide by 2 */
	wr(&apic, 0x380, 1000);
	tap_check(lapic_next_deadline(&apic) == t0 + 6000,
		  "lapic: one-shot 1000 counts /2 at 1 GHz = 6000 TSC ticks at 3 GHz");
	vm.now = t0 + 300;
	tap_check(rd(&apic, 0x390) == 950, "lapic: current count 950 after 100 ns");
	tap_check(!lapic_timer_expire(&apic, t0 + 5999) && !irr_has(&apic, 0x31),
		  "lapic: not due one tick early");
	tap_check(lapic_timer_expire(&apic, t0 + 6000) && irr_has(&apic, 0x31),
		  "lapic: fires at the deadline, IRR 0x31");
	vm.now = t0 + 6001;
	tap_check(!lapic_timer_expire(&apic, t0 + 20000) &&
		  lapic_next_deadline(&apic) == EMUL_NO_DEADLINE && rd(&apic, 0x390) == 0 &&
		  rd(&apic, 0x380) == 1000,
		  "lapic: fires once; current count 0, initial count kept");
	wr(&apic, 0x3e0, 0xb);			/* divide by 1 */
	wr(&apic, 0x380, 10);
	tap_check(lapic_next_deadline(&apic) == vm.now + 30,
		  "lapic: divide-by-1 count 10: 30 ticks");
	wr(&apic, 0x380, 0);
	tap_check(lapic_next_deadline(&apic) == EMUL_NO_DEADLINE,
		  "lapic: initial count 0 stops it");
	wr(&apic, 0x3e0, 0xa);			/* divide by 128 */
	wr(&apic, 0x320, 0x31 | APIC_LVT_MASKED);
	wr(&apic, 0x380, 2);
	tap_check(lapic_next_deadline(&apic) == vm.now + 768 &&
		  lapic_timer_expire(&apic, vm.now + 768) && apic.timer_fired == 2 &&
		  lapic_pending_vector(&apic) == 0x31 && !apic.irr[0] && apic.irr[1] == 1u << 17,
		  "lapic: divide-by-128, masked: expires without a new IRR bit");
}

static void test_periodic(void)
{
	const u64 tsc_hz = 2394123457ULL, t0 = 777;
	struct fake_vm vm;
	struct lapic apic;
	u64 prev = t0, d, min_gap = ~0ULL, max_gap = 0;
	unsigned int k, delivered = 0;
	bool exact = true;

	setup(&apic, &vm, tsc_hz, 100000000ULL);
	vm.now = t0;
	wr(&apic, 0x320, APIC_LVT_TIMER_PERIODIC | 0xec);
	wr(&apic, 0x3e0, 0x3);			/* divide by 16 */
	wr(&apic, 0x380, 6250);			/* 1 ms at 100 MHz */
	for (k = 1; k <= 10000; k++) {
		d = lapic_next_deadline(&apic);
		/* k periods are k * 2394123.457 TSC ticks, rounded up */
		exact &= d == t0 + (k * 2394123457ULL + 999) / 1000;
		if (d - prev < min_gap)
			min_gap = d - prev;
		if (d - prev > max_gap)
			max_gap = d - prev;
		prev = d;
		if (!lapic_timer_expire(&apic, d))
			break;
		if (lapic_pending_vector(&apic) == 0xec) {
			lapic_ack(&apic, 0xec);
			wr(&apic, 0xb0, 0);
			delivered++;
		}
	}
	tap_check(exact &&
		  delivered == 10000, "lapic: 10,000 periodic ticks at 1 kHz, each delivered");
	tap_check(prev == t0 + 23941234570ULL && min_gap == 2394123 && max_gap == 2394124 &&
		  apic.timer_missed == 0,
		  "lapic: period 10,000 ends at exactly 10 s of TSC (%llu), no drift",
		  (unsigned long long)(prev - t0));
	vm.now = prev + 1197061;		/* 49,999 bus ticks into period 10,001 */
	tap_check(rd(&apic, 0x390) == 3126, "lapic: periodic current count 3126 halfway through");
	d = lapic_next_deadline(&apic);
	tap_check(lapic_timer_expire(&apic, d + 3 * 2394124 + 1000000) && apic.timer_missed == 3 &&
		  lapic_next_deadline(&apic) == t0 + (10005 * 2394123457ULL + 999) / 1000,
		  "lapic: a late expiry merges 3 periods and stays on the grid");
}

static void test_tsc_deadline(void)
{
	struct fake_vm vm;
	struct lapic apic;

	setup(&apic, &vm, 2000000000ULL, 1000000000ULL);
	vm.now = 100;
	lapic_set_tsc_deadline(&apic, 5000);
	tap_check(lapic_get_tsc_deadline(&apic) == 0 &&
		  lapic_next_deadline(&apic) == EMUL_NO_DEADLINE,
		  "lapic: IA32_TSC_DEADLINE ignored outside TSC-deadline mode");
	wr(&apic, 0x320, APIC_LVT_TIMER_TSCDL | 0xef);
	wr(&apic, 0x380, 1234);
	tap_check(rd(&apic, 0x380) == 0 && lapic_next_deadline(&apic) == EMUL_NO_DEADLINE,
		  "lapic: initial count ignored in TSC-deadline mode");
	lapic_set_tsc_deadline(&apic, 123456789);
	tap_check(lapic_next_deadline(&apic) == 123456789 &&
		  lapic_get_tsc_deadline(&apic) == 123456789,
		  "lapic: deadline armed at the written value");
	tap_check(!lapic_timer_expire(&apic, 123456788), "lapic: not due one tick before");
	tap_check(lapic_timer_expire(&apic, 123456789) && irr_has(&apic, 0xef) &&
		  lapic_get_tsc_deadline(&apic) == 0 &&
		  lapic_next_deadline(&apic) == EMUL_NO_DEADLINE,
		  "lapic: fires at the value, then reads 0 and is disarmed");
	lapic_set_tsc_deadline(&apic, 200000000);
	lapic_set_tsc_deadline(&apic, 0);
	tap_check(lapic_next_deadline(&apic) == EMUL_NO_DEADLINE &&
		  !lapic_timer_expire(&apic, ~0ULL),
		  "lapic: writing 0 disarms");
	lapic_set_tsc_deadline(&apic, 50);
	tap_check(lapic_timer_expire(&apic, vm.now), "lapic: a deadline in the past fires at once");
	lapic_set_tsc_deadline(&apic, 300000000);
	wr(&apic, 0x320, APIC_LVT_TIMER_ONESHOT | 0xef);
	tap_check(lapic_next_deadline(&apic) == EMUL_NO_DEADLINE,
		  "lapic: switching to one-shot disarms the deadline");
}

static void test_ipi(void)
{
	struct fake_vm vm;
	struct lapic apic;

	setup(&apic, &vm, 1000, 1000);
	wr(&apic, 0x310, 0x03000000);
	wr(&apic, 0x300, 0x4041);
	tap_check(vm.ipi_count == 1 && vm.last_ipi.dest == 3 && vm.last_ipi.vector == 0x41 &&
		  vm.last_ipi.mode == APIC_DM_FIXED && !vm.last_ipi.logical &&
		  !irr_has(&apic, 0x41),
		  "lapic: fixed IPI to APIC 3 goes out, not to itself");
	wr(&apic, 0x310, 0x01000000);
	wr(&apic, 0x300, 0x4042);
	tap_check(vm.ipi_count == 1 &&
		  irr_has(&apic, 0x42), "lapic: IPI to its own ID stays local");
	wr(&apic, 0x300, 0x44043);		/* shorthand self */
	tap_check(vm.ipi_count == 1 && irr_has(&apic, 0x43), "lapic: shorthand self");
	wr(&apic, 0x300, 0xc4044);		/* all excluding self */
	tap_check(vm.ipi_count == 2 && vm.last_ipi.shorthand == LAPIC_SH_ALL_EXCL &&
		  !irr_has(&apic, 0x44), "lapic: all-excluding-self skips itself");
	wr(&apic, 0x300, 0x84045);		/* all including self */
	tap_check(vm.ipi_count == 3 && irr_has(&apic, 0x45), "lapic: all-including-self");
	wr(&apic, 0x310, 0xff000000);
	wr(&apic, 0x300, 0x4046);
	tap_check(vm.ipi_count == 4 &&
		  irr_has(&apic, 0x46), "lapic: broadcast ID 0xff: self and others");
	wr(&apic, 0x300, 0x44400);		/* NMI to self */
	tap_check(lapic_take_nmi(&apic) && !lapic_take_nmi(&apic), "lapic: self NMI, taken once");
	tap_check(rd(&apic, 0x300) == 0x44400, "lapic: ICR reads back, delivery status idle");
}

static void test_lint_and_dest(void)
{
	struct fake_vm vm;
	struct lapic apic;

	setup(&apic, &vm, 1000, 1000);
	lapic_set_lint(&apic, 0, true);
	tap_check(!lapic_extint_pending(&apic), "lapic: masked LINT0 ignores the PIC");
	wr(&apic, 0x350, 0x700);		/* ExtINT */
	lapic_set_lint(&apic, 0, true);
	tap_check(lapic_extint_pending(&apic), "lapic: LINT0 ExtINT follows the line");
	lapic_set_lint(&apic, 0, false);
	tap_check(!lapic_extint_pending(&apic), "lapic: ... and its fall");
	wr(&apic, 0x360, 0x400);		/* NMI */
	lapic_set_lint(&apic, 1, true);
	lapic_set_lint(&apic, 1, true);
	tap_check(lapic_take_nmi(&apic) &&
		  !lapic_take_nmi(&apic), "lapic: LINT1 NMI on the rising edge only");
	wr(&apic, 0x350, 0x8000 | 0x57);	/* fixed, level */
	lapic_set_lint(&apic, 0, true);
	tap_check(irr_has(&apic, 0x57) && (rd(&apic, 0x180 + 0x20) & (1u << 23)),
		  "lapic: LINT0 fixed level-triggered sets IRR and TMR");

	wr(&apic, 0xd0, 0x01000000);
	tap_check(lapic_match_dest(&apic, 0x03, true) && !lapic_match_dest(&apic, 0x02, true) &&
		  lapic_match_dest(&apic, 0x01, false) && !lapic_match_dest(&apic, 0x02, false),
		  "lapic: flat logical and physical destinations");
	wr(&apic, 0xe0, 0x0fffffff);
	wr(&apic, 0xd0, 0x21000000);
	tap_check(lapic_match_dest(&apic, 0x21, true) && !lapic_match_dest(&apic, 0x11, true) &&
		  !lapic_match_dest(&apic, 0x22, true), "lapic: cluster logical destination");
}

static void test_x2apic(void)
{
	u64 base = 0xfee00000ULL | APIC_BASE_EN | APIC_BASE_BSP, v = 0;
	struct fake_vm vm;
	struct lapic apic;

	memset(&vm, 0, sizeof(vm));
	lapic_init(&apic, &fake_ops, &vm, 0x123, true, 1000, 1000);
	tap_check(lapic_msr_read(&apic, 0x802, &v) == -EINVAL, "x2apic: MSRs #GP in xAPIC mode");
	tap_check(lapic_set_apic_base(&apic, base | APIC_BASE_EXTD | 1) == -EINVAL,
		  "x2apic: reserved IA32_APIC_BASE bit: #GP");
	tap_check(!lapic_set_apic_base(&apic, base | APIC_BASE_EXTD) && lapic_x2apic_mode(&apic),
		  "x2apic: xAPIC → x2APIC");
	tap_check(!lapic_msr_read(&apic, 0x802, &v) && v == 0x123, "x2apic: 32-bit ID 0x123");
	tap_check(!lapic_msr_read(&apic, 0x80d, &v) &&
		  v == 0x120008, "x2apic: LDR cluster 0x12, bit 3");
	tap_check(lapic_msr_write(&apic, 0x802, 5) == -EINVAL &&
		  lapic_msr_write(&apic, 0x80d, 0) == -EINVAL,
		  "x2apic: ID and LDR are read-only");
	tap_check(lapic_msr_read(&apic, 0x80e, &v) == -EINVAL &&
		  lapic_msr_write(&apic, 0x80e, 0) == -EINVAL,
		  "x2apic: no DFR");
	tap_check(lapic_msr_read(&apic, 0x831, &v) == -EINVAL, "x2apic: no ICR high half");
	tap_check(!lapic_msr_write(&apic, 0x80f, 0x1ff), "x2apic: SVR enable");
	tap_check(lapic_msr_write(&apic, 0x808, 0x100) == -EINVAL &&
		  lapic_msr_write(&apic, 0x808, 1ULL << 32) == -EINVAL &&
		  !lapic_msr_write(&apic, 0x808, 0x20),
		  "x2apic: TPR reserved bits #GP, 0x20 accepted");
	tap_check(lapic_msr_read(&apic, 0x80b, &v) == -EINVAL &&
		  lapic_msr_write(&apic, 0x80b, 1) == -EINVAL &&
		  !lapic_msr_write(&apic, 0x80b, 0), "x2apic: EOI write-only, only 0");
	tap_check(!lapic_msr_write(&apic, 0x830, (0x123ULL << 32) | 0x4031) && vm.ipi_count == 0 &&
		  apic.irr[1] == 1u << 17, "x2apic: 64-bit ICR to its own 32-bit ID");
	tap_check(!lapic_msr_write(&apic, 0x830, (0x7ULL << 32) | 0x4032) && vm.ipi_count == 1 &&
		  vm.last_ipi.dest == 7, "x2apic: ICR to ID 7 goes out");
	tap_check(lapic_msr_write(&apic, 0x830, 0x1032) == -EINVAL, "x2apic: ICR bit 12 reserved");
	tap_check(!lapic_msr_write(&apic, 0x83f, 0x33) && apic.irr[1] == (1u << 17 | 1u << 19),
		  "x2apic: SELF_IPI vector 0x33");
	tap_check(lapic_msr_write(&apic, 0x83f, 0x133) == -EINVAL &&
		  lapic_msr_read(&apic, 0x83f, &v) == -EINVAL,
		  "x2apic: SELF_IPI reserved bits and reads #GP");
	tap_check(lapic_msr_write(&apic, 0x832, 0x80000) == -EINVAL &&
		  !lapic_msr_write(&apic, 0x832, 0x20030),
		  "x2apic: LVT timer reserved bit 19 #GP, periodic accepted");
	tap_check(lapic_msr_write(&apic, 0x83e, 0x4) == -EINVAL &&
		  lapic_msr_write(&apic, 0x828, 1) == -EINVAL,
		  "x2apic: TDCR bit 2 and nonzero ESR writes #GP");
	tap_check(lapic_msr_read(&apic, 0x809, &v) == -EINVAL &&
		  lapic_msr_read(&apic, 0x840, &v) == -EINVAL,
		  "x2apic: no APR, nothing at 0x840");
	tap_check(!lapic_msr_read(&apic, 0x80a, &v) && v == 0x20, "x2apic: PPR 0x20 from TPR");
	tap_check(rd(&apic, 0x20) == 0, "x2apic: the MMIO page reads 0");
	tap_check(lapic_set_apic_base(&apic, base) == -EINVAL, "x2apic: x2APIC → xAPIC #GP");
	tap_check(!lapic_set_apic_base(&apic, 0xfee00000ULL) && !apic.irr[1] &&
		  !lapic_hw_enabled(&apic),
		  "x2apic: disabling resets the APIC");
	tap_check(lapic_set_apic_base(&apic, base | APIC_BASE_EXTD) == -EINVAL &&
		  !lapic_set_apic_base(&apic, base) && rd(&apic, 0x20) == 0x23000000,
		  "x2apic: disabled → x2APIC #GP; → xAPIC works, 8-bit ID");
}

static void test_bus(void)
{
	struct fake_vm vm;
	struct lapic apic;
	u64 v = 1;

	setup(&apic, &vm, 1000, 1000);
	lapic_mmio_ops.write(&apic, 0x80, 4, 0x45);
	lapic_mmio_ops.read(&apic, 0x80, 4, &v);
	tap_check(v == 0x45, "lapic bus: 32-bit TPR write and read");
	lapic_mmio_ops.read(&apic, 0x80, 2, &v);
	lapic_mmio_ops.write(&apic, 0x80, 1, 0x99);
	tap_check(v == 0 &&
		  rd(&apic, 0x80) == 0x45, "lapic bus: other sizes read 0 and are ignored");
}

static u32 page_bit(const u32 *page, u32 reg, u8 v)
{
	return page[(reg + (v >> 5) * 0x10) / 4] & (1u << (v & 31));
}

static void test_page(void)
{
	static u32 page[LAPIC_PAGE_WORDS];
	struct fake_vm vm;
	struct lapic apic;

	setup(&apic, &vm, 1000, 1000);
	wr(&apic, 0x80, 0x20);
	wr(&apic, 0x320, 0x20040);	/* LVT timer: periodic, vector 0x40 */
	lapic_set_irq(&apic, 0x50, false);
	lapic_set_irq(&apic, 0x61, true);
	memset(page, 0xaa, sizeof(page));
	lapic_page_store(&apic, page, false);
	tap_check(page[0x80 / 4] == 0x20 && page[0xa0 / 4] == 0x20 && page_bit(page, 0x200, 0x50) &&
		  page_bit(page, 0x200, 0x61) && page_bit(page, 0x180, 0x61) &&
		  !page_bit(page, 0x180, 0x50) && page[0x100 / 4] == 0 &&
		  page[0x320 / 4] == 0xaaaaaaaa,
		  "page: TPR, PPR, IRR, TMR and ISR stored, other registers left alone");

	lapic_page_store(&apic, page, true);
	tap_check(page[0x20 / 4] == 1u << 24 && page[0x30 / 4] == LAPIC_VERSION &&
		  page[0xf0 / 4] == 0x1ff && page[0x320 / 4] == 0x20040 && page[0xb0 / 4] == 0 &&
		  page[0x390 / 4] == 0xaaaaaaaa,
		  "page: every register read without an exit stored, not the current count");

	/* The CPU delivers 0x61 (IRR → ISR), the guest sets VTPR; 0x70 arrives in the model. */
	page[(0x200 + 3 * 0x10) / 4] &= ~(1u << 1);
	page[(0x100 + 3 * 0x10) / 4] |= 1u << 1;
	page[0x80 / 4] = 0x10;
	lapic_set_irq(&apic, 0x70, false);
	lapic_page_load(&apic, page, true, false);
	tap_check(!irr_has(&apic, 0x61) && isr_has(&apic, 0x61) && irr_has(&apic, 0x50) &&
		  irr_has(&apic, 0x70) && rd(&apic, 0x80) == 0x10,
		  "page load: delivered vector in ISR, new model vector kept, TPR taken");
	tap_check(lapic_pending_vector(&apic) == 0x70, "page load: 0x70 beats the ISR's 0x61");

	/* Self-IPI virtualization: the CPU adds 0x90 to the page's IRR. */
	lapic_page_store(&apic, page, false);
	page[(0x200 + 4 * 0x10) / 4] |= 1u << 16;
	lapic_page_load(&apic, page, true, false);
	tap_check(irr_has(&apic, 0x90), "page load: a vector the CPU added to the IRR is taken");

	/* The CPU delivers 0x90; the model accepts 0x90 again before the page comes back. */
	lapic_page_store(&apic, page, false);
	page[(0x200 + 4 * 0x10) / 4] &= ~(1u << 16);
	page[(0x100 + 4 * 0x10) / 4] |= 1u << 16;
	lapic_set_irq(&apic, 0x90, false);
	lapic_page_load(&apic, page, true, false);
	tap_check(irr_has(&apic, 0x90) && isr_has(&apic, 0x90),
		  "page load: a vector accepted again while its first request was delivered stays requested");

	/* Without interrupt delivery only the TPR comes back. */
	page[(0x200 + 4 * 0x10) / 4] = 0;
	page[0x80 / 4] = 0x30;
	lapic_page_load(&apic, page, false, false);
	tap_check(irr_has(&apic, 0x90) && rd(&apic, 0x80) == 0x30,
		  "page load without interrupt delivery: TPR only");

	/* Register virtualization: ICR_HI was written into the page without an exit. */
	page[0x310 / 4] = 0x05000000;
	lapic_page_load(&apic, page, false, true);
	tap_check(rd(&apic, 0x310) == 0x05000000, "page load with register virtualization: ICR_HI taken");

	/* EOI virtualization retired 0x61, level-triggered: the EOI goes on. */
	lapic_eoi_virtualized(&apic, 0x61);
	tap_check(!isr_has(&apic, 0x61) && vm.eoi_count == 1 && vm.eoi_vector == 0x61,
		  "EOI-induced exit: a level vector's EOI is broadcast");
	lapic_ack(&apic, 0x50);
	lapic_eoi_virtualized(&apic, 0x50);
	tap_check(!isr_has(&apic, 0x50) && vm.eoi_count == 1, "EOI-induced exit: edge vector, no broadcast");
}

int main(void)
{
	tap_start();
	test_reset();
	test_priority();
	test_nested();
	test_esr();
	test_oneshot();
	test_periodic();
	test_tsc_deadline();
	test_ipi();
	test_lint_and_dest();
	test_x2apic();
	test_bus();
	test_page();
	return tap_done();
}
