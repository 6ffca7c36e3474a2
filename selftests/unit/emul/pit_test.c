// SPDX-License-Identifier: GPL-2.0
/*
 * 8254 tests: mode 2 and mode 3 counts and OUT at known times (even and odd
 * counts), latch and read-back, access modes, BCD, Linux's counter-2
 * calibration sequence through port 0x61 (mode 0, OUT2, gate), and a 1 kHz
 * counter-0 deadline sequence over 10,000 periods without drift.
 */
#include <stdio.h>

#include "pit8254.h"
#include "timebase.h"
#include "tap.h"

#define TSC_PER_TICK	2000ULL
#define EPOCH		5000ULL

struct fake_clock {
	u64 now;
	unsigned int edges;
};

static u64 fake_now(void *opaque)
{
	return ((struct fake_clock *)opaque)->now;
}

static void fake_irq0(void *opaque)
{
	((struct fake_clock *)opaque)->edges++;
}

static const struct pit8254_ops ops = { .now = fake_now, .irq0 = fake_irq0 };

static void setup(struct pit8254 *pit, struct fake_clock *clk, u64 tsc_hz)
{
	clk->now = EPOCH;
	clk->edges = 0;
	pit8254_init(pit, &ops, clk, tsc_hz);
}

/* At PIT tick @t (2000 TSC ticks each). */
static void at(struct fake_clock *clk, u64 t)
{
	clk->now = EPOCH + t * TSC_PER_TICK;
}

static u16 latch_read(struct pit8254 *pit, unsigned int ch)
{
	u16 lo, hi;

	pit8254_write(pit, 0x43, ch << 6);
	lo = pit8254_read(pit, 0x40 + ch);
	hi = pit8254_read(pit, 0x40 + ch);
	return lo | hi << 8;
}

static void test_mode2(void)
{
	struct fake_clock clk;
	struct pit8254 pit;
	u8 st;

	setup(&pit, &clk, PIT_HZ * TSC_PER_TICK);
	pit8254_write(&pit, 0x43, 0x34);		/* counter 0, lohi, mode 2 */
	pit8254_write(&pit, 0x40, 1193 & 0xff);
	pit8254_write(&pit, 0x40, 1193 >> 8);
	at(&clk, 100);
	tap_check(latch_read(&pit, 0) == 1093, "pit: mode 2, 100 ticks in: 1093");
	at(&clk, 1192);
	pit8254_write(&pit, 0x43, 0xe2);		/* read-back status, counter 0 */
	st = pit8254_read(&pit, 0x40);
	tap_check(latch_read(&pit, 0) == 1 && st == 0x34,
		  "pit: mode 2 at tick 1192: count 1, OUT low (status 0x34)");
	at(&clk, 1193);
	pit8254_write(&pit, 0x43, 0xe2);
	st = pit8254_read(&pit, 0x40);
	tap_check(latch_read(&pit, 0) == 1193 && st == 0xb4,
		  "pit: tick 1193 reloads 1193, OUT high (status 0xb4)");
	at(&clk, 1193 * 5 + 7);
	tap_check(latch_read(&pit, 0) == 1186, "pit: five periods later: 1186");
}

static void test_mode3(void)
{
	static const struct {
		u64 t;
		u16 count;
		bool out;
	} even[] = { { 0, 10, 1 }, { 1, 8, 1 }, { 4, 2, 1 }, { 5, 10, 0 }, { 9, 2, 0 },
		     { 10, 10, 1 } },
	  odd[] = { { 0, 6, 1 }, { 3, 0, 1 }, { 4, 6, 0 }, { 6, 2, 0 }, { 7, 6, 1 } };
	struct fake_clock clk;
	struct pit8254 pit;
	unsigned int i;
	bool ok = true;

	setup(&pit, &clk, PIT_HZ * TSC_PER_TICK);
	pit8254_write(&pit, 0x43, 0xb6);		/* counter 2, lohi, mode 3 */
	pit8254_write(&pit, 0x61, 0x01);		/* gate 2 up */
	pit8254_write(&pit, 0x42, 10);
	pit8254_write(&pit, 0x42, 0);
	for (i = 0; i < ARRAY_SIZE(even); i++) {
		at(&clk, even[i].t);
		ok &= latch_read(&pit, 2) == even[i].count;
		ok &= !!(pit8254_read(&pit, 0x61) & 0x20) == even[i].out;
	}
	tap_check(ok, "pit: mode 3, N=10: 10,8..2 high for 5 ticks, then low for 5");
	at(&clk, 0);
	pit8254_write(&pit, 0x42, 7);
	pit8254_write(&pit, 0x42, 0);
	ok = true;
	for (i = 0; i < ARRAY_SIZE(odd); i++) {
		at(&clk, odd[i].t);
		ok &= latch_read(&pit, 2) == odd[i].count;
		ok &= !!(pit8254_read(&pit, 0x61) & 0x20) == odd[i].out;
	}
	tap_check(ok, "pit: mode 3, N=7: high 4 ticks (6,4,2,0), low 3 (6,4,2)");
	at(&clk, 2);
	pit8254_write(&pit, 0x61, 0x00);
	at(&clk, 5);
	tap_check(pit8254_read(&pit, 0x61) & 0x20, "pit: gate 2 low forces OUT2 high in mode 3");
	pit8254_write(&pit, 0x61, 0x01);
	at(&clk, 6);
	tap_check(latch_read(&pit, 2) == 4, "pit: gate rising edge restarts the count");
}

static void test_access(void)
{
	struct fake_clock clk;
	struct pit8254 pit;
	u8 lo, hi;

	setup(&pit, &clk, PIT_HZ * TSC_PER_TICK);
	pit8254_write(&pit, 0x43, 0x50);		/* counter 1, lobyte, mode 0 */
	pit8254_write(&pit, 0x41, 0x40);
	at(&clk, 0x10);
	tap_check(pit8254_read(&pit, 0x41) == 0x30 && pit8254_read(&pit, 0x41) == 0x30,
		  "pit: lobyte access reads the low byte each time");
	pit8254_write(&pit, 0x43, 0x64);		/* counter 1, hibyte, mode 2 */
	pit8254_write(&pit, 0x41, 0x02);
	at(&clk, 0x10 + 0x11);
	tap_check(pit8254_read(&pit, 0x41) == 0x01,
		  "pit: hibyte count 0x200, 0x11 ticks: high byte 0x01");
	pit8254_write(&pit, 0x43, 0x34);
	pit8254_write(&pit, 0x40, 0x00);
	pit8254_write(&pit, 0x40, 0x00);
	at(&clk, 0x10 + 0x11 + 3);
	lo = pit8254_read(&pit, 0x40);
	hi = pit8254_read(&pit, 0x40);
	tap_check(lo == 0xfd && hi == 0xff, "pit: count 0 is 65536: 0xfffd after 3 ticks");
	pit8254_write(&pit, 0x43, 0x00);		/* latch counter 0 */
	at(&clk, 0x10 + 0x11 + 100);
	pit8254_write(&pit, 0x43, 0x00);		/* ignored: still latched */
	lo = pit8254_read(&pit, 0x40);
	hi = pit8254_read(&pit, 0x40);
	tap_check(lo == 0xfd && hi == 0xff, "pit: latched value survives time and a second latch");
	lo = pit8254_read(&pit, 0x40);
	hi = pit8254_read(&pit, 0x40);
	tap_check(lo == 0x9c && hi == 0xff, "pit: then live again: 0xff9c");
	pit8254_write(&pit, 0x43, 0xc2);		/* read-back count and status */
	tap_check(pit8254_read(&pit, 0x40) == 0xb4 && pit8254_read(&pit, 0x40) == 0x9c &&
		  pit8254_read(&pit, 0x40) == 0xff, "pit: read-back: status first, then the count");
	pit8254_write(&pit, 0x43, 0x35);		/* lohi, mode 2, BCD */
	pit8254_write(&pit, 0x43, 0xe2);
	tap_check(pit8254_read(&pit, 0x40) == 0xf5,
		  "pit: status after a control word: null count, OUT high");
	pit8254_write(&pit, 0x40, 0x00);
	pit8254_write(&pit, 0x40, 0x10);		/* 1000 decimal */
	clk.now += 3 * TSC_PER_TICK;
	tap_check(latch_read(&pit, 0) == 0x0997, "pit: BCD count 1000, 3 ticks: 0x0997");
	pit8254_write(&pit, 0x43, 0x3c);		/* mode 6 → 2 */
	pit8254_write(&pit, 0x43, 0xe2);
	tap_check((pit8254_read(&pit, 0x40) & 0x0e) == 0x04, "pit: mode 6 reads back as mode 2");
}

/* arch/x86/kernel/tsc.c pit_calibrate_tsc(): counter 2, mode 0, poll OUT2. */
static void test_linux_calibration(void)
{
	const unsigned int latch = PIT_HZ / 20;	/* 50 ms */
	struct fake_clock clk;
	struct pit8254 pit;
	bool ok;

	setup(&pit, &clk, PIT_HZ * TSC_PER_TICK);
	pit8254_write(&pit, 0x61, (pit8254_read(&pit, 0x61) & ~0x02) | 0x01);
	pit8254_write(&pit, 0x43, 0xb0);
	pit8254_write(&pit, 0x42, latch & 0xff);
	pit8254_write(&pit, 0x42, latch >> 8);
	ok = !(pit8254_read(&pit, 0x61) & 0x20);
	at(&clk, latch - 1);
	ok &= !(pit8254_read(&pit, 0x61) & 0x20);
	tap_check(ok, "pit: mode 0 OUT2 low until the count expires");
	at(&clk, latch);
	tap_check(pit8254_read(&pit, 0x61) & 0x20, "pit: OUT2 high after exactly %u ticks", latch);
	at(&clk, latch + 5);
	tap_check(latch_read(&pit, 2) == 0xfffb, "pit: mode 0 wraps on: 0xfffb");
	at(&clk, 0);
	tap_check(!(pit8254_read(&pit, 0x61) & 0x10), "pit: refresh bit low at tick 0");
	at(&clk, 18);
	tap_check(pit8254_read(&pit, 0x61) & 0x10, "pit: refresh bit toggled at tick 18");

	pit8254_write(&pit, 0x43, 0xb0);
	pit8254_write(&pit, 0x42, 100);
	pit8254_write(&pit, 0x42, 0);			/* at tick 18 */
	at(&clk, 58);
	pit8254_write(&pit, 0x61, 0x00);		/* gate low: pause at 60 left */
	at(&clk, 1000);
	ok = latch_read(&pit, 2) == 60 && !(pit8254_read(&pit, 0x61) & 0x20);
	pit8254_write(&pit, 0x61, 0x01);
	at(&clk, 1059);
	ok &= latch_read(&pit, 2) == 1 && !(pit8254_read(&pit, 0x61) & 0x20);
	at(&clk, 1060);
	tap_check(ok &&
		  (pit8254_read(&pit, 0x61) & 0x20),
		  "pit: gate low pauses mode 0, high resumes it");
	tap_check(pit8254_next_deadline(&pit) == EMUL_NO_DEADLINE,
		  "pit: counter 2 makes no IRQ0 deadline");
}

static void test_irq0(void)
{
	const u64 tsc_hz = 3000000017ULL;
	u64 prev = EPOCH, d, min_gap = ~0ULL, max_gap = 0;
	struct fake_clock clk;
	struct pit8254 pit;
	unsigned int k;
	bool exact = true;

	setup(&pit, &clk, tsc_hz);
	pit8254_write(&pit, 0x43, 0x34);
	pit8254_write(&pit, 0x40, 1193 & 0xff);
	pit8254_write(&pit, 0x40, 1193 >> 8);
	for (k = 1; k <= 10000; k++) {
		d = pit8254_next_deadline(&pit);
		/* k * 1193 PIT ticks in TSC ticks, rounded up, computed here the long way */
		exact &= d == EPOCH + (u64)(((unsigned __int128)k * 1193 * tsc_hz + PIT_HZ - 1) /
					    PIT_HZ);
		if (d - prev < min_gap)
			min_gap = d - prev;
		if (d - prev > max_gap)
			max_gap = d - prev;
		prev = d;
		if (pit8254_expire(&pit, d - 1) || !pit8254_expire(&pit, d))
			break;
	}
	tap_check(exact && clk.edges == 10000 && pit.irq0_missed == 0,
		  "pit: 10,000 IRQ0 edges, each at its exact deadline, none early");
	tap_check(prev - EPOCH == 29995424171ULL && min_gap == 2999542 && max_gap == 2999543,
		  "pit: edge 10,000 at %llu TSC ticks: no drift",
		  (unsigned long long)(prev - EPOCH));
	tap_check(pit8254_expire(&pit, pit8254_next_deadline(&pit) + 2 * 2999543) &&
		  pit.irq0_missed == 2 &&
		  clk.edges == 10001, "pit: a late expiry delivers one edge and counts two missed");

	clk.now = pit8254_next_deadline(&pit);
	pit8254_write(&pit, 0x43, 0x30);		/* mode 0: one edge */
	pit8254_write(&pit, 0x40, 10);
	pit8254_write(&pit, 0x40, 0);
	d = pit8254_next_deadline(&pit);
	tap_check(pit8254_expire(&pit, d) && pit8254_next_deadline(&pit) == EMUL_NO_DEADLINE &&
		  clk.edges == 10002, "pit: mode 0 makes one IRQ0 edge");
	pit8254_write(&pit, 0x43, 0x38);		/* mode 4: edge after the strobe */
	clk.now = EPOCH;
	pit8254_write(&pit, 0x40, 10);
	pit8254_write(&pit, 0x40, 0);
	tap_check(pit8254_next_deadline(&pit) == EPOCH + (11 * tsc_hz + PIT_HZ - 1) / PIT_HZ,
		  "pit: mode 4 edge when OUT0 rises after the strobe, tick 11");
}

int main(void)
{
	tap_start();
	test_mode2();
	test_mode3();
	test_access();
	test_linux_calibration();
	test_irq0();
	return tap_done();
}
