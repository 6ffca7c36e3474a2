/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The PC's CMOS RTC (Motorola MC146818 data sheet): index port 0x70 (bit 7
 * masks NMI), data port 0x71, 128 bytes of which 0x00-0x0d are the clock.
 *
 * Modelled: seconds to year with the century at 0x32 (the PC convention),
 * BCD or binary (register B DM) and 12 or 24 hours, the SET bit and the
 * divider bits of register A (either one halts the clock; it restarts at the
 * start of a second), UIP for the 244 us before each update, the periodic
 * rates of register A, update-ended and alarm interrupts (0xc0-0xff is a
 * don't-care alarm byte), register C flags cleared by reading it, IRQ8 as a
 * level raised when C's IRQF sets, and the rest as plain storage.
 * Not modelled: daylight saving (DSE is stored), the square-wave output, the
 * date alarm of later parts; after a gap of several seconds without
 * rtc_cmos_expire() the alarm is checked against the latest second only.
 */
#ifndef EMUL_RTC_CMOS_H
#define EMUL_RTC_CMOS_H

#include "emul_host.h"

#define RTC_PORT_INDEX		0x70
#define RTC_PORT_DATA		0x71
#define RTC_HZ			32768u
#define RTC_CENTURY		0x32

struct rtc_cmos_ops {
	u64 (*now)(void *opaque);		/* guest TSC */
	void (*irq)(void *opaque, bool level);	/* ISA IRQ8 */
};

struct rtc_cmos {
	u8 cmos[128];		/* storage; 0x00-0x0d and 0x32 are served by the clock */
	u8 index;
	bool nmi_masked;
	u8 reg_a, reg_b, reg_c;
	u8 alarm[3];		/* seconds, minutes, hours alarm bytes as written */
	u64 tsc_hz;
	u64 base_tsc;		/* start of the second base_secs */
	u64 base_secs;		/* seconds since 1970-01-01 00:00:00 */
	u64 frozen_secs;	/* the time while halted */
	bool halted;
	u64 checked;		/* events up to this TSC are in reg_c */
	bool irq_level;
	const struct rtc_cmos_ops *ops;
	void *opaque;
};

/*
 * The clock runs from @unix_secs at ops->now(); 24-hour BCD mode, 1024 Hz
 * periodic rate selected, no interrupt enabled (as a PC BIOS leaves it).
 */
void rtc_cmos_init(struct rtc_cmos *rtc, const struct rtc_cmos_ops *ops, void *opaque,
		   u64 tsc_hz, u64 unix_secs);

/* Ports 0x70 and 0x71; 0xff elsewhere (0x70 is write-only and reads 0xff). */
u8 rtc_cmos_read(struct rtc_cmos *rtc, u16 port);
void rtc_cmos_write(struct rtc_cmos *rtc, u16 port, u8 val);

/* The current time in seconds since 1970 (what the guest would read). */
u64 rtc_cmos_time(struct rtc_cmos *rtc);

/* The next event that would raise IRQ8, guest TSC, or EMUL_NO_DEADLINE. */
u64 rtc_cmos_next_deadline(const struct rtc_cmos *rtc);
/* Sets the flags of events up to @now and raises IRQ8 if due; true if raised. */
bool rtc_cmos_expire(struct rtc_cmos *rtc, u64 now);

#endif
