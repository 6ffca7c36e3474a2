// SPDX-License-Identifier: GPL-2.0
/*
 * Routing tests with every model wired as the module will wire them: the
 * PIT's IRQ0 through the 8259A and LINT0 (ExtINT), the same IRQ0 through
 * I/O APIC pin 2, a level-triggered GSI with remote IRR and the EOI
 * broadcast from the LAPIC, logical and broadcast destinations, lowest
 * priority, IPIs between two vCPUs, INIT/STARTUP, and the RTC on IRQ8.
 */
#include <stdio.h>

#include "irq_route.h"
#include "pit8254.h"
#include "rtc_cmos.h"
#include "timebase.h"
#include "tap.h"

#define TSC_HZ	(PIT_HZ * 2000ULL)

struct vm {
	u64 now;
	unsigned int kicks[2];
	unsigned int init_sipi;
	u8 sipi_vector;
	struct pic8259 pic;
	struct ioapic ioapic;
	struct lapic apic[2];
	struct irq_route route;
	struct pit8254 pit;
	struct rtc_cmos rtc;
};

static u64 vm_now(void *opaque)
{
	return ((struct vm *)opaque)->now;
}

static void vm_kick(void *opaque, unsigned int vcpu)
{
	((struct vm *)opaque)->kicks[vcpu]++;
}

static void vm_init_sipi(void *opaque, unsigned int vcpu, u8 mode, u8 vector)
{
	struct vm *vm = opaque;

	(void)vcpu;
	vm->init_sipi++;
	if (mode == APIC_DM_STARTUP)
		vm->sipi_vector = vector;
}

static void vm_irq0(void *opaque)
{
	irq_route_pulse_isa(&((struct vm *)opaque)->route, 0);
}

static void vm_irq8(void *opaque, bool level)
{
	irq_route_set_isa(&((struct vm *)opaque)->route, 8, level);
}

static const struct irq_route_ops route_ops = {
	.now = vm_now, .kick = vm_kick, .init_sipi = vm_init_sipi,
};
static const struct pit8254_ops pit_ops = { .now = vm_now, .irq0 = vm_irq0 };
static const struct rtc_cmos_ops rtc_ops = { .now = vm_now, .irq = vm_irq8 };

static void apic_wr(struct lapic *apic, u32 off, u32 val)
{
	lapic_mmio_write(apic, off, val);
}

static void ioapic_rte(struct vm *vm, unsigned int pin, u64 rte)
{
	ioapic_mmio_write(&vm->ioapic, 0, 0x11 + 2 * pin);
	ioapic_mmio_write(&vm->ioapic, 0x10, rte >> 32);
	ioapic_mmio_write(&vm->ioapic, 0, 0x10 + 2 * pin);
	ioapic_mmio_write(&vm->ioapic, 0x10, (u32)rte);
}

static u32 rte_lo(struct vm *vm, unsigned int pin)
{
	ioapic_mmio_write(&vm->ioapic, 0, 0x10 + 2 * pin);
	return ioapic_mmio_read(&vm->ioapic, 0x10);
}

static void vm_init(struct vm *vm)
{
	unsigned int i;

	memset(vm, 0, sizeof(*vm));
	vm->now = 1000;
	irq_route_init(&vm->route, &route_ops, vm, &vm->pic, &vm->ioapic);
	pic8259_init(&vm->pic, &irq_route_pic_ops, &vm->route);
	ioapic_init(&vm->ioapic, &irq_route_ioapic_ops, &vm->route, 0);
	for (i = 0; i < 2; i++) {
		lapic_init(&vm->apic[i], &irq_route_lapic_ops, &vm->route, i, i == 0, TSC_HZ,
			   1000000000);
		irq_route_add_lapic(&vm->route, &vm->apic[i]);
		apic_wr(&vm->apic[i], 0xf0, 0x1ff);
	}
	pit8254_init(&vm->pit, &pit_ops, vm, TSC_HZ);
	rtc_cmos_init(&vm->rtc, &rtc_ops, vm, TSC_HZ, 1700000000);
	/* Linux's 8259A init, vectors 0x30-0x3f, everything masked */
	pic8259_write(&vm->pic, 0x20, 0x11);
	pic8259_write(&vm->pic, 0x21, 0x30);
	pic8259_write(&vm->pic, 0x21, 0x04);
	pic8259_write(&vm->pic, 0x21, 0x01);
	pic8259_write(&vm->pic, 0xa0, 0x11);
	pic8259_write(&vm->pic, 0xa1, 0x38);
	pic8259_write(&vm->pic, 0xa1, 0x02);
	pic8259_write(&vm->pic, 0xa1, 0x01);
	pic8259_write(&vm->pic, 0x21, 0xff);
	pic8259_write(&vm->pic, 0xa1, 0xff);
}

/* PIT counter 0 at 1 kHz, rate generator. */
static void pit_1khz(struct vm *vm)
{
	pit8254_write(&vm->pit, 0x43, 0x34);
	pit8254_write(&vm->pit, 0x40, 1193 & 0xff);
	pit8254_write(&vm->pit, 0x40, 1193 >> 8);
}

static void test_pit_through_pic(void)
{
	struct vm vm;
	u64 d;
	u8 v;

	vm_init(&vm);
	tap_check(irq_route_add_lapic(&vm.route, &vm.apic[0]) == 2,
		  "route: a third vCPU gets index 2");
	vm.route.nr_lapics = 2;
	apic_wr(&vm.apic[0], 0x350, 0x700);		/* LINT0: ExtINT (virtual wire) */
	pic8259_write(&vm.pic, 0x21, 0xfe);		/* IRQ0 only */
	pit_1khz(&vm);
	d = pit8254_next_deadline(&vm.pit);
	tap_check(d == 1000 + 1193 * 2000, "route: PIT IRQ0 due 1193 PIT ticks on");
	vm.now = d;
	pit8254_expire(&vm.pit, d);
	tap_check(lapic_extint_pending(&vm.apic[0]) && vm.kicks[0] == 1 &&
		  !lapic_extint_pending(&vm.apic[1]),
		  "route: IRQ0 → 8259A → LINT0 ExtINT on the BSP, BSP kicked");
	tap_check(lapic_pending_vector(&vm.apic[0]) == -1 && rte_lo(&vm, 2) == 0x10000,
		  "route: nothing in the IRR; I/O APIC pin 2 masked");
	v = irq_route_extint_ack(&vm.route);
	tap_check(v == 0x30 &&
		  !lapic_extint_pending(&vm.apic[0]), "route: INTA gives 0x30, the line falls");
	pic8259_write(&vm.pic, 0x20, 0x20);
	d = pit8254_next_deadline(&vm.pit);
	vm.now = d;
	pit8254_expire(&vm.pit, d);
	tap_check(d == 1000 + 2 * 1193 * 2000 && lapic_extint_pending(&vm.apic[0]) &&
		  irq_route_extint_ack(&vm.route) == 0x30, "route: the second period, after EOI");
	pic8259_write(&vm.pic, 0x21, 0xff);
	pic8259_write(&vm.pic, 0x20, 0x20);
	vm.now = pit8254_next_deadline(&vm.pit);
	pit8254_expire(&vm.pit, vm.now);
	tap_check(!lapic_extint_pending(&vm.apic[0]), "route: masked in the PIC: nothing");
	apic_wr(&vm.apic[0], 0x350, 0x10700);
	pic8259_write(&vm.pic, 0x21, 0xfe);
	tap_check(vm.pic.output && !lapic_extint_pending(&vm.apic[0]),
		  "route: PIC INT high but LINT0 masked: no ExtINT");
}

static void test_pit_through_ioapic(void)
{
	struct vm vm;

	vm_init(&vm);
	ioapic_rte(&vm, 2, 0x0100000000000040ULL);	/* vector 0x40, physical APIC 1 */
	pit_1khz(&vm);
	vm.now = pit8254_next_deadline(&vm.pit);
	pit8254_expire(&vm.pit, vm.now);
	tap_check(lapic_pending_vector(&vm.apic[1]) == 0x40 && vm.kicks[1] == 1 &&
		  lapic_pending_vector(&vm.apic[0]) == -1 && vm.kicks[0] == 0,
		  "route: ISA IRQ0 → I/O APIC pin 2 → vector 0x40 on APIC 1 only");
	lapic_ack(&vm.apic[1], 0x40);
	apic_wr(&vm.apic[1], 0xb0, 0);
	vm.now = pit8254_next_deadline(&vm.pit);
	pit8254_expire(&vm.pit, vm.now);
	tap_check(lapic_pending_vector(&vm.apic[1]) == 0x40 && vm.kicks[1] == 2 &&
		  vm.ioapic.delivered[2] == 2,
		  "route: and again next period (edge, no remote IRR)");
	ioapic_rte(&vm, 2, 0xff00000000000041ULL);	/* broadcast */
	vm.now = pit8254_next_deadline(&vm.pit);
	pit8254_expire(&vm.pit, vm.now);
	tap_check(lapic_pending_vector(&vm.apic[0]) == 0x41 && (vm.apic[1].irr[2] & 2),
		  "route: destination 0xff reaches both LAPICs");
	tap_check(irq_route_set_gsi(&vm.route, 24, true) == -EINVAL &&
		  irq_route_set_isa(&vm.route, 16, true) == -EINVAL,
		  "route: GSI 24 and ISA IRQ16 refused");
	tap_check(irq_route_pulse_isa(&vm.route, 2) == -EINVAL, "route: the cascade IRQ2 refused");
	ioapic_rte(&vm, 0, 0x0100000000000042ULL);
	vm.pic.chip[0].irr = 0;
	irq_route_pulse_gsi(&vm.route, 0);
	tap_check((vm.apic[1].irr[2] & 4) && !vm.pic.chip[0].irr,
		  "route: GSI 0 pulses I/O APIC pin 0 only, not the PIC's IRQ0");
}

static void test_level(void)
{
	struct vm vm;
	u16 pic_irr;

	vm_init(&vm);
	ioapic_rte(&vm, 10, 0x0000000000008051ULL);	/* level, 0x51, APIC 0 */
	irq_route_set_isa(&vm.route, 10, true);
	tap_check(lapic_pending_vector(&vm.apic[0]) == 0x51 && (vm.apic[0].tmr[2] & (1u << 17)) &&
		  (rte_lo(&vm, 10) & (1u << 14)),
		  "route: level GSI 10: 0x51 with TMR, remote IRR set");
	lapic_ack(&vm.apic[0], 0x51);
	apic_wr(&vm.apic[0], 0xb0, 0);			/* EOI: broadcast, line still up */
	tap_check(lapic_pending_vector(&vm.apic[0]) == 0x51 && (rte_lo(&vm, 10) & (1u << 14)) &&
		  vm.ioapic.delivered[10] == 2, "route: EOI broadcast redelivers the held line");
	irq_route_set_isa(&vm.route, 10, false);
	lapic_ack(&vm.apic[0], 0x51);
	apic_wr(&vm.apic[0], 0xb0, 0);
	tap_check(lapic_pending_vector(&vm.apic[0]) == -1 && !(rte_lo(&vm, 10) & (1u << 14)) &&
		  vm.ioapic.delivered[10] == 2,
		  "route: line low: EOI clears remote IRR, nothing more");
	ioapic_rte(&vm, 20, 0x0100000000000062ULL);
	pic_irr = vm.pic.chip[0].irr | vm.pic.chip[1].irr << 8;
	irq_route_set_gsi(&vm.route, 20, true);
	tap_check(lapic_pending_vector(&vm.apic[1]) == 0x62 &&
		  pic_irr == (vm.pic.chip[0].irr | vm.pic.chip[1].irr << 8) && pic_irr == 0x0400,
		  "route: GSI 20 reaches the I/O APIC only");
	apic_wr(&vm.apic[1], 0xd0, 0x02000000);		/* logical ID bit 1 */
	apic_wr(&vm.apic[0], 0xd0, 0x01000000);
	ioapic_rte(&vm, 5, 0x0200000000000863ULL);	/* logical 0x02 */
	irq_route_set_isa(&vm.route, 5, true);
	tap_check((vm.apic[1].irr[3] & (1u << 3)) && !(vm.apic[0].irr[3] & (1u << 3)),
		  "route: logical destination 0x02 is APIC 1");
	ioapic_rte(&vm, 6, 0x0300000000000964ULL);	/* lowest priority, logical 0x03 */
	irq_route_set_isa(&vm.route, 6, true);
	tap_check((vm.apic[0].irr[3] & (1u << 4)) && !(vm.apic[1].irr[3] & (1u << 4)),
		  "route: lowest priority to 0x03 goes to the first match only");
	ioapic_rte(&vm, 7, 0x0500000000000070ULL);	/* physical APIC 5: nobody */
	irq_route_set_isa(&vm.route, 7, true);
	tap_check(vm.route.dropped == 1,
		  "route: a message for an absent APIC is counted as dropped");
}

static void test_ipi(void)
{
	struct vm vm;

	vm_init(&vm);
	apic_wr(&vm.apic[0], 0x310, 0x01000000);
	apic_wr(&vm.apic[0], 0x300, 0x4060);
	tap_check(lapic_pending_vector(&vm.apic[1]) == 0x60 && vm.kicks[1] == 1 &&
		  lapic_pending_vector(&vm.apic[0]) == -1,
		  "route: fixed IPI 0x60 from vCPU 0 to APIC 1");
	apic_wr(&vm.apic[1], 0x300, 0xc4061);		/* all excluding self */
	tap_check(lapic_pending_vector(&vm.apic[0]) == 0x61 && !(vm.apic[1].irr[3] & 2),
		  "route: all-excluding-self from vCPU 1 reaches vCPU 0 only");
	apic_wr(&vm.apic[0], 0x300, 0x4400);		/* NMI to APIC 1 */
	tap_check(lapic_take_nmi(&vm.apic[1]) && !lapic_take_nmi(&vm.apic[0]), "route: NMI IPI");
	apic_wr(&vm.apic[0], 0x300, 0x4500);		/* INIT assert */
	apic_wr(&vm.apic[0], 0x300, 0x8500);		/* INIT de-assert */
	apic_wr(&vm.apic[0], 0x300, 0x4608);		/* STARTUP at 0x8000 */
	tap_check(vm.init_sipi == 2 && vm.sipi_vector == 0x08,
		  "route: INIT and STARTUP to ops->init_sipi, de-assert ignored");
}

static void test_rtc(void)
{
	struct vm vm;

	vm_init(&vm);
	ioapic_rte(&vm, 8, 0x0000000000000028ULL);
	rtc_cmos_write(&vm.rtc, 0x70, 0x0b);
	rtc_cmos_write(&vm.rtc, 0x71, 0x42);		/* PIE, 1024 Hz */
	vm.now = rtc_cmos_next_deadline(&vm.rtc);
	rtc_cmos_expire(&vm.rtc, vm.now);
	tap_check(lapic_pending_vector(&vm.apic[0]) == 0x28,
		  "route: RTC periodic interrupt on IRQ8 → 0x28");
	lapic_ack(&vm.apic[0], 0x28);
	apic_wr(&vm.apic[0], 0xb0, 0);
	tap_check(rtc_cmos_next_deadline(&vm.rtc) == EMUL_NO_DEADLINE,
		  "route: no RTC deadline until C is read");
	rtc_cmos_write(&vm.rtc, 0x70, 0x0c);
	rtc_cmos_read(&vm.rtc, 0x71);
	vm.now = rtc_cmos_next_deadline(&vm.rtc);
	rtc_cmos_expire(&vm.rtc, vm.now);
	tap_check(lapic_pending_vector(&vm.apic[0]) == 0x28 && vm.ioapic.delivered[8] == 2,
		  "route: after reading C the next period raises IRQ8 again");
}

static u64 rng = 0x9e3779b97f4a7c15ULL;

static u64 next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static u64 min_deadline(struct vm *vm)
{
	u64 d = pit8254_next_deadline(&vm->pit), t;
	unsigned int i;

	t = rtc_cmos_next_deadline(&vm->rtc);
	if (t < d)
		d = t;
	for (i = 0; i < 2; i++) {
		t = lapic_next_deadline(&vm->apic[i]);
		if (t < d)
			d = t;
	}
	return d;
}

/* One random guest access to a device register, port or line. */
static void poke(struct vm *vm)
{
	static const u16 ports[] = { 0x20, 0x21, 0xa0, 0xa1, 0x4d0, 0x4d1, 0x40, 0x41, 0x42, 0x43,
				     0x61, 0x70, 0x71 };
	u64 r = next_rand(), v = next_rand();
	u16 port = ports[(r >> 8) % ARRAY_SIZE(ports)];
	struct lapic *apic = &vm->apic[(r >> 16) & 1];
	u64 msr_val = 0;

	switch (r % 8) {
	case 0:
	case 1:
		pic8259_write(&vm->pic, port, v);
		pit8254_write(&vm->pit, port, v >> 8);
		rtc_cmos_write(&vm->rtc, port, v >> 16);
		break;
	case 2:
		pic8259_read(&vm->pic, port);
		pit8254_read(&vm->pit, port);
		rtc_cmos_read(&vm->rtc, port);
		break;
	case 3:
		lapic_mmio_write(apic, ((r >> 20) & 0x3f) << 4, v & 0x1ff ? v : (u32)(v >> 32));
		break;
	case 4:
		lapic_msr_write(apic, 0x800 + ((r >> 20) & 0x3f), v & 0xffff);
		lapic_msr_read(apic, 0x800 + ((r >> 20) & 0x3f), &msr_val);
		if (!(v & 0xf00))
			lapic_set_apic_base(apic, 0xfee00000ULL | ((v >> 20) & 3) << 10);
		lapic_set_tsc_deadline(apic, vm->now + (v & 0xfffff));
		break;
	case 5:
		ioapic_mmio_write(&vm->ioapic, (r >> 20) & 0x10, v);
		break;
	case 6:
		irq_route_set_gsi(&vm->route, (r >> 20) % 24, v & 1);
		break;
	default:
		vm->now += v & 0xfffff;
		break;
	}
}

/* Takes whatever the LAPICs offer, as the run loop will before an entry. */
static bool take_events(struct vm *vm)
{
	unsigned int i;
	int v;

	for (i = 0; i < 2; i++) {
		lapic_take_nmi(&vm->apic[i]);
		if (lapic_extint_pending(&vm->apic[i]))
			irq_route_extint_ack(&vm->route);
		v = lapic_pending_vector(&vm->apic[i]);
		if (v >= 0 && v < 16)
			return false;
		if (v >= 0) {
			lapic_ack(&vm->apic[i], v);
			if (next_rand() & 1)
				lapic_mmio_write(&vm->apic[i], 0xb0, 0);
		}
	}
	return true;
}

/*
 * 200,000 random accesses to every device, time moving on, each due timer
 * expired: after the expiries every next deadline lies in the future (the
 * run loop cannot spin on the preemption timer), and no vector below 16 is
 * ever offered. Under ASan/UBSan this also checks the models for UB.
 */
static void test_storm(void)
{
	static struct vm vm;
	unsigned int i, fired = 0;
	bool ok = true;
	u64 d;

	vm_init(&vm);
	for (i = 0; i < 200000 && ok; i++) {
		poke(&vm);
		d = min_deadline(&vm);
		if (d <= vm.now || !(i % 64)) {
			fired += pit8254_expire(&vm.pit, vm.now);
			fired += rtc_cmos_expire(&vm.rtc, vm.now);
			fired += lapic_timer_expire(&vm.apic[0], vm.now);
			fired += lapic_timer_expire(&vm.apic[1], vm.now);
			if (min_deadline(&vm) <= vm.now) {
				tap_diag("step %u: deadline %llu not after now %llu", i,
					 (unsigned long long)min_deadline(&vm),
					 (unsigned long long)vm.now);
				ok = false;
			}
		}
		ok &= take_events(&vm);
	}
	tap_check(ok && fired > 100, "route: 200,000 random accesses: deadlines always ahead (%u expiries)",
		  fired);
}

int main(void)
{
	tap_start();
	test_pit_through_pic();
	test_pit_through_ioapic();
	test_level();
	test_ipi();
	test_rtc();
	test_storm();
	return tap_done();
}
