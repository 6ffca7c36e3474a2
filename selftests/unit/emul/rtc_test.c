// SPDX-License-Identifier: GPL-2.0
/*
 * CMOS RTC tests: the time in BCD and binary, 24 and 12 hours, the century
 * byte, rollover across a year end and a leap day, setting the time under
 * SET, UIP before the update, periodic rates and their deadlines (1024
 * interrupts in one second at 1024 Hz), update-ended and alarm interrupts,
 * register C clearing IRQ8, the NMI mask bit and CMOS storage.
 */
#include <stdio.h>

#include "rtc_cmos.h"
#include "timebase.h"
#include "tap.h"

#define HZ	2000000000ULL
#define T0	1000ULL

struct fake {
	u64 now;
	bool irq;
	unsigned int raised;
};

static u64 fake_now(void *opaque)
{
	return ((struct fake *)opaque)->now;
}

static void fake_irq(void *opaque, bool level)
{
	struct fake *f = opaque;

	f->raised += level && !f->irq;
	f->irq = level;
}

static const struct rtc_cmos_ops ops = { .now = fake_now, .irq = fake_irq };

static u8 rd(struct rtc_cmos *rtc, u8 reg)
{
	rtc_cmos_write(rtc, 0x70, reg);
	return rtc_cmos_read(rtc, 0x71);
}

static void wr(struct rtc_cmos *rtc, u8 reg, u8 val)
{
	rtc_cmos_write(rtc, 0x70, reg);
	rtc_cmos_write(rtc, 0x71, val);
}

static void setup(struct rtc_cmos *rtc, struct fake *f, u64 secs)
{
	memset(f, 0, sizeof(*f));
	f->now = T0;
	rtc_cmos_init(rtc, &ops, f, HZ, secs);
}

static void test_formats(void)
{
	struct rtc_cmos rtc;
	struct fake f;

	setup(&rtc, &f, 1700000000);		/* Tuesday 2023-11-14 22:13:20 UTC */
	tap_check(rd(&rtc, 0) == 0x20 && rd(&rtc, 2) == 0x13 && rd(&rtc, 4) == 0x22 &&
		  rd(&rtc, 6) == 0x03 && rd(&rtc, 7) == 0x14 && rd(&rtc, 8) == 0x11 &&
		  rd(&rtc, 9) == 0x23 && rd(&rtc, 0x32) == 0x20,
		  "rtc: BCD 24h: 22:13:20 Tuesday(3) 14.11.(20)23");
	tap_check(rd(&rtc, 0x0a) == 0x26 && rd(&rtc, 0x0b) == 0x02 && rd(&rtc, 0x0d) == 0x80,
		  "rtc: registers A 0x26, B 0x02, D VRT");
	wr(&rtc, 0x0b, 0x06);
	tap_check(rd(&rtc, 0) == 20 && rd(&rtc, 4) == 22 && rd(&rtc, 9) == 23 &&
		  rd(&rtc, 0x32) == 20,
		  "rtc: binary 24h: 22, 20 s, year 23, century 20");
	wr(&rtc, 0x0b, 0x00);
	tap_check(rd(&rtc, 4) == 0x90, "rtc: BCD 12h: 10 PM is 0x90");
	wr(&rtc, 0x0b, 0x04);
	tap_check(rd(&rtc, 4) == 0x8a, "rtc: binary 12h: 10 PM is 0x8a");
	wr(&rtc, 4, 0x0c);			/* 12 AM */
	tap_check(rtc_cmos_time(&rtc) == 1700000000 - 22 * 3600, "rtc: writing 12 AM sets hour 0");
	wr(&rtc, 4, 0x8c);			/* 12 PM */
	tap_check(rtc_cmos_time(&rtc) == 1700000000 - 10 * 3600 && rd(&rtc, 4) == 0x8c,
		  "rtc: writing 12 PM sets hour 12");
	wr(&rtc, 0x0b, 0x02);
	f.now += 3 * HZ - 1;
	tap_check(rd(&rtc, 0) == 0x22, "rtc: 3 s less a tick later: 22 s");
	f.now += 1;
	tap_check(rd(&rtc, 0) == 0x23, "rtc: ... and 23 s on the tick");
}

static void test_set_and_rollover(void)
{
	struct rtc_cmos rtc;
	struct fake f;

	setup(&rtc, &f, 1700000000);
	wr(&rtc, 0x0b, 0x82);			/* SET */
	wr(&rtc, 0x32, 0x20);
	wr(&rtc, 9, 0x23);
	wr(&rtc, 8, 0x12);
	wr(&rtc, 7, 0x31);
	wr(&rtc, 4, 0x23);
	wr(&rtc, 2, 0x59);
	wr(&rtc, 0, 0x59);
	f.now += 5 * HZ;
	tap_check(rtc_cmos_time(&rtc) == 1704067199 && rd(&rtc, 0) == 0x59,
		  "rtc: SET holds 2023-12-31 23:59:59 while time passes");
	wr(&rtc, 0x0b, 0x02);
	f.now += HZ;
	tap_check(rd(&rtc, 9) == 0x24 && rd(&rtc, 8) == 0x01 && rd(&rtc, 7) == 0x01 &&
		  rd(&rtc, 4) == 0 &&
		  rd(&rtc, 2) == 0 && rd(&rtc, 0) == 0 && rd(&rtc, 6) == 2,
		  "rtc: one second after SET clears: Monday 2024-01-01 00:00:00");
	wr(&rtc, 0x0b, 0x86);
	wr(&rtc, 8, 2);
	wr(&rtc, 7, 28);
	wr(&rtc, 4, 23);
	wr(&rtc, 2, 59);
	wr(&rtc, 0, 59);
	wr(&rtc, 0x0b, 0x06);
	f.now += HZ;
	tap_check(rd(&rtc, 8) == 2 && rd(&rtc, 7) == 29 && rd(&rtc, 6) == 5,
		  "rtc: binary: 2024-02-28 23:59:59 + 1 s is Thursday 02-29");
	wr(&rtc, 0x0b, 0x86);
	wr(&rtc, 0x32, 21);
	wr(&rtc, 9, 0);
	wr(&rtc, 8, 2);
	wr(&rtc, 7, 28);
	wr(&rtc, 4, 23);
	wr(&rtc, 2, 59);
	wr(&rtc, 0, 59);
	wr(&rtc, 0x0b, 0x06);
	f.now += HZ;
	tap_check(rd(&rtc, 8) == 3 && rd(&rtc, 7) == 1 && rd(&rtc, 0x32) == 21,
		  "rtc: 2100-02-28 23:59:59 + 1 s is 03-01 (no leap day)");
	wr(&rtc, 0x0a, 0x66);			/* divider in reset: halted */
	f.now += 10 * HZ;
	tap_check(rd(&rtc, 7) == 1 && rd(&rtc, 0) == 0, "rtc: divider reset halts the clock");
	wr(&rtc, 0x0b, 0x96);
	tap_check(rd(&rtc, 0x0b) == 0x86, "rtc: SET clears UIE");
}

static void test_uip(void)
{
	struct rtc_cmos rtc;
	struct fake f;

	setup(&rtc, &f, 1700000000);
	f.now = T0 + HZ - 300000;		/* 150 us before the update */
	tap_check(rd(&rtc, 0x0a) == 0xa6, "rtc: UIP set 150 us before the update");
	f.now = T0 + HZ - 600000;		/* 300 us before */
	tap_check(rd(&rtc, 0x0a) == 0x26, "rtc: UIP clear 300 us before");
	f.now = T0 + HZ;
	tap_check(rd(&rtc, 0x0a) == 0x26 &&
		  rd(&rtc, 0) == 0x21, "rtc: clear again once the second is 21");
}

static void test_periodic(void)
{
	static const struct {
		u8 rs;
		u32 ticks;
	} rates[] = { { 1, 128 }, { 2, 256 }, { 3, 4 }, { 6, 32 }, { 15, 16384 } };
	struct rtc_cmos rtc;
	struct fake f;
	unsigned int i, n = 0;
	u64 d;
	bool ok = true;

	setup(&rtc, &f, 1700000000);
	tap_check(rtc_cmos_next_deadline(&rtc) == EMUL_NO_DEADLINE,
		  "rtc: no interrupt enabled, no deadline");
	wr(&rtc, 0x0b, 0x42);			/* PIE */
	for (i = 0; i < ARRAY_SIZE(rates); i++) {
		wr(&rtc, 0x0a, 0x20 | rates[i].rs);
		ok &= rtc_cmos_next_deadline(&rtc) ==
		      T0 + (rates[i].ticks * HZ + RTC_HZ - 1) / RTC_HZ;
	}
	tap_check(ok, "rtc: rates 256, 128, 8192, 1024 and 2 Hz: first deadline at their period");
	wr(&rtc, 0x0a, 0x26);
	for (;;) {
		d = rtc_cmos_next_deadline(&rtc);
		if (d > T0 + HZ)
			break;
		f.now = d;
		if (!rtc_cmos_expire(&rtc, d) || !f.irq)
			break;
		/* the last one coincides with the update: UF too */
		ok = rd(&rtc, 0x0c) == (n == 1023 ? 0xd0 : 0xc0) && !f.irq;
		n++;
		if (!ok)
			break;
	}
	tap_check(ok && n == 1024 &&
		  f.raised == 1024,
		  "rtc: 1024 Hz: 1024 interrupts in one second, C 0xc0 each (0xd0 at the update)");
	tap_check(d == T0 + HZ + (32 * HZ + RTC_HZ - 1) / RTC_HZ,
		  "rtc: the next one is on the same grid");
	f.now = d - 1;
	tap_check(!rtc_cmos_expire(&rtc, d - 1) && !f.irq, "rtc: not a tick early");
	wr(&rtc, 0x0b, 0x02);
	f.now = d + 1000000;
	tap_check(rd(&rtc, 0x0c) == 0x40 && !f.irq && f.raised == 1024,
		  "rtc: PF is set with PIE off, without IRQ8");
}

static void test_update_alarm(void)
{
	struct rtc_cmos rtc;
	struct fake f;

	setup(&rtc, &f, 1700000000);
	wr(&rtc, 0x0b, 0x12);			/* UIE */
	tap_check(rtc_cmos_next_deadline(&rtc) == T0 + HZ,
		  "rtc: update interrupt due at the next second");
	f.now = T0 + HZ;
	tap_check(rtc_cmos_expire(&rtc, f.now) && f.irq, "rtc: IRQ8 raised at the update");
	tap_check(rtc_cmos_next_deadline(&rtc) == EMUL_NO_DEADLINE,
		  "rtc: no deadline while IRQ8 waits for C");
	tap_check(rd(&rtc, 0x0c) == 0xd0 && !f.irq, "rtc: C reads IRQF|PF|UF and lowers IRQ8");
	wr(&rtc, 0x0b, 0x22);			/* AIE only */
	wr(&rtc, 1, 0x23);
	wr(&rtc, 3, 0xff);
	wr(&rtc, 5, 0xc0);
	f.now = T0 + 2 * HZ;
	rtc_cmos_expire(&rtc, f.now);
	tap_check(!f.irq && !(rd(&rtc, 0x0c) & 0x20), "rtc: 22 s does not match the alarm at 23 s");
	f.now = T0 + 3 * HZ;
	rtc_cmos_expire(&rtc, f.now);
	tap_check(f.irq &&
		  rd(&rtc, 0x0c) == 0xf0, "rtc: 23 s matches (minute, hour don't care): C 0xf0");
	wr(&rtc, 5, 0x21);
	f.now = T0 + 63 * HZ;
	rtc_cmos_expire(&rtc, f.now);
	tap_check(!f.irq, "rtc: a wrong hour does not match");
}

static void test_storage(void)
{
	struct rtc_cmos rtc;
	struct fake f;

	setup(&rtc, &f, 0);
	rtc_cmos_write(&rtc, 0x70, 0x80 | 0x40);
	rtc_cmos_write(&rtc, 0x71, 0x5a);
	tap_check(rtc.nmi_masked && rd(&rtc, 0x40) == 0x5a && !rtc.nmi_masked,
		  "rtc: index bit 7 masks NMI; byte 0x40 stored");
	wr(&rtc, 0x7f, 0xa5);
	wr(&rtc, 0x0c, 0xff);
	wr(&rtc, 0x0d, 0x00);
	tap_check(rd(&rtc, 0x7f) == 0xa5 && rd(&rtc, 0x0d) == 0x80 &&
		  rtc_cmos_read(&rtc, 0x70) == 0xff,
		  "rtc: byte 0x7f stored, C and D read-only, port 0x70 reads 0xff");
	tap_check(rd(&rtc, 7) == 0x01 && rd(&rtc, 8) == 0x01 && rd(&rtc, 9) == 0x70 &&
		  rd(&rtc, 6) == 5 &&
		  rd(&rtc, 0x32) == 0x19, "rtc: time 0 is Thursday 1970-01-01");
}

int main(void)
{
	tap_start();
	test_formats();
	test_set_and_rollover();
	test_uip();
	test_periodic();
	test_update_alarm();
	test_storage();
	return tap_done();
}
