// SPDX-License-Identifier: GPL-2.0
/* MC146818 real-time clock and CMOS RAM (Motorola MC146818 data sheet). */
#include "rtc_cmos.h"
#include "timebase.h"

#define REG_SEC		0x00
#define REG_SEC_ALARM	0x01
#define REG_MIN		0x02
#define REG_MIN_ALARM	0x03
#define REG_HOUR	0x04
#define REG_HOUR_ALARM	0x05
#define REG_DOW		0x06
#define REG_DAY		0x07
#define REG_MONTH	0x08
#define REG_YEAR	0x09
#define REG_A		0x0a
#define REG_B		0x0b
#define REG_C		0x0c
#define REG_D		0x0d

#define A_UIP		0x80
#define A_DV_MASK	0x70
#define A_DV_NORMAL	0x20	/* 32.768 kHz time base, running */
#define A_RS_MASK	0x0f
#define B_SET		0x80
#define B_PIE		0x40
#define B_AIE		0x20
#define B_UIE		0x10
#define B_DM_BINARY	0x04
#define B_24H		0x02
#define C_IRQF		0x80
#define C_PF		0x40
#define C_AF		0x20
#define C_UF		0x10
#define D_VRT		0x80
#define UIP_TICKS	8	/* 244 us of 32.768 kHz before the update */
#define ALARM_ANY	0xc0

struct rtc_tm {
	u32 year;
	u8 mon, day, hour, min, sec, dow;	/* mon 1-12, day 1-31, dow 1 = Sunday */
};

/* Days since 1970-01-01 of a proleptic Gregorian date (era arithmetic). */
static u64 days_from_date(u32 y, u32 m, u32 d)
{
	u32 era, yoe, doy, doe;

	if (m <= 2)
		y--;
	era = y / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (u64)era * 146097 + doe - 719468;
}

static void date_from_days(u64 days, struct rtc_tm *tm)
{
	u64 z = days + 719468;
	u32 era = z / 146097, doe = z - (u64)era * 146097;
	u32 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	u32 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	u32 mp = (5 * doy + 2) / 153;

	tm->day = doy - (153 * mp + 2) / 5 + 1;
	tm->mon = mp < 10 ? mp + 3 : mp - 9;
	tm->year = yoe + era * 400 + (tm->mon <= 2);
	tm->dow = (days + 4) % 7 + 1;		/* 1970-01-01 was a Thursday */
}

static void tm_from_secs(u64 secs, struct rtc_tm *tm)
{
	u64 s = secs % 86400;

	date_from_days(secs / 86400, tm);
	tm->hour = s / 3600;
	tm->min = s / 60 % 60;
	tm->sec = s % 60;
}

static u64 secs_from_tm(const struct rtc_tm *tm)
{
	u32 y = tm->year < 1970 ? 1970 : tm->year;

	return days_from_date(y, tm->mon, tm->day) * 86400 + tm->hour * 3600 + tm->min * 60 +
	       tm->sec;
}

static u8 to_bcd(u32 v)
{
	return ((v / 10) << 4) | (v % 10);
}

static u32 from_bcd(u8 v)
{
	return (v >> 4) * 10 + (v & 0xf);
}

static u8 encode(const struct rtc_cmos *rtc, u32 v)
{
	return rtc->reg_b & B_DM_BINARY ? v : to_bcd(v);
}

static u32 decode(const struct rtc_cmos *rtc, u8 v)
{
	return rtc->reg_b & B_DM_BINARY ? v : from_bcd(v);
}

static u8 encode_hour(const struct rtc_cmos *rtc, u32 h)
{
	if (rtc->reg_b & B_24H)
		return encode(rtc, h);
	return encode(rtc, h % 12 ? h % 12 : 12) | (h >= 12 ? 0x80 : 0);
}

static u32 decode_hour(const struct rtc_cmos *rtc, u8 v)
{
	if (rtc->reg_b & B_24H)
		return decode(rtc, v);
	return decode(rtc, v & 0x7f) % 12 + (v & 0x80 ? 12 : 0);
}

static u64 rtc_now(const struct rtc_cmos *rtc)
{
	return rtc->ops->now(rtc->opaque);
}

/* 32.768 kHz ticks since the start of second base_secs. */
static u64 rtc_ticks(const struct rtc_cmos *rtc, u64 tsc)
{
	return emul_ticks_since(rtc->base_tsc, tsc, rtc->tsc_hz, RTC_HZ);
}

static u64 secs_at(const struct rtc_cmos *rtc, u64 tsc)
{
	if (rtc->halted)
		return rtc->frozen_secs;
	return rtc->base_secs + rtc_ticks(rtc, tsc) / RTC_HZ;
}

u64 rtc_cmos_time(struct rtc_cmos *rtc)
{
	return secs_at(rtc, rtc_now(rtc));
}

/* Register A rate select → period in 32.768 kHz ticks, 0 for none (data sheet Table 3). */
static u32 periodic_ticks(const struct rtc_cmos *rtc)
{
	u32 rs = rtc->reg_a & A_RS_MASK;

	if (!rs)
		return 0;
	return rs <= 2 ? 0x40u << rs : 1u << (rs - 1);
}

static void update_irq(struct rtc_cmos *rtc)
{
	u8 on = rtc->reg_c & rtc->reg_b & (C_PF | C_AF | C_UF);

	if (on)
		rtc->reg_c |= C_IRQF;
	if (!!(rtc->reg_c & C_IRQF) != rtc->irq_level) {
		rtc->irq_level = rtc->reg_c & C_IRQF;
		rtc->ops->irq(rtc->opaque, rtc->irq_level);
	}
}

static bool alarm_matches(const struct rtc_cmos *rtc, u64 secs)
{
	struct rtc_tm tm;
	u8 now[3];
	unsigned int i;

	tm_from_secs(secs, &tm);
	now[0] = encode(rtc, tm.sec);
	now[1] = encode(rtc, tm.min);
	now[2] = encode_hour(rtc, tm.hour);
	for (i = 0; i < 3; i++)
		if (rtc->alarm[i] < ALARM_ANY && rtc->alarm[i] != now[i])
			return false;
	return true;
}

/* Flags for the events in (checked, @now]. */
static void catch_up(struct rtc_cmos *rtc, u64 now)
{
	u64 from, to;
	u32 p;

	if (now <= rtc->checked)
		return;
	if (!rtc->halted) {
		from = rtc_ticks(rtc, rtc->checked);
		to = rtc_ticks(rtc, now);
		p = periodic_ticks(rtc);
		if (p && to / p > from / p)
			rtc->reg_c |= C_PF;
		if (to / RTC_HZ > from / RTC_HZ) {
			rtc->reg_c |= C_UF;
			if (alarm_matches(rtc, rtc->base_secs + to / RTC_HZ))
				rtc->reg_c |= C_AF;
		}
	}
	rtc->checked = now;
}

bool rtc_cmos_expire(struct rtc_cmos *rtc, u64 now)
{
	bool was = rtc->irq_level;

	catch_up(rtc, now);
	update_irq(rtc);
	return rtc->irq_level && !was;
}

u64 rtc_cmos_next_deadline(const struct rtc_cmos *rtc)
{
	u64 t, next = EMUL_NO_DEADLINE, d;
	u32 p = periodic_ticks(rtc);

	if (rtc->halted || rtc->irq_level)
		return EMUL_NO_DEADLINE;	/* IRQ8 stays up until C is read */
	t = rtc_ticks(rtc, rtc->checked);
	if ((rtc->reg_b & B_PIE) && p)
		next = emul_tsc_at_tick(rtc->base_tsc, (t / p + 1) * p, rtc->tsc_hz, RTC_HZ);
	if (rtc->reg_b & (B_UIE | B_AIE)) {
		d = emul_tsc_at_tick(rtc->base_tsc, (t / RTC_HZ + 1) * RTC_HZ, rtc->tsc_hz, RTC_HZ);
		if (d < next)
			next = d;
	}
	return next;
}

static void set_halted(struct rtc_cmos *rtc, bool halt, u64 now)
{
	if (halt == rtc->halted)
		return;
	if (halt) {
		rtc->frozen_secs = secs_at(rtc, now);
	} else {
		rtc->base_secs = rtc->frozen_secs;
		rtc->base_tsc = now;		/* the clock restarts at a second's start */
	}
	rtc->halted = halt;
	rtc->checked = now;
}

static bool should_halt(const struct rtc_cmos *rtc)
{
	return (rtc->reg_b & B_SET) || (rtc->reg_a & A_DV_MASK) != A_DV_NORMAL;
}

void rtc_cmos_init(struct rtc_cmos *rtc, const struct rtc_cmos_ops *ops, void *opaque,
		   u64 tsc_hz, u64 unix_secs)
{
	memset(rtc, 0, sizeof(*rtc));
	rtc->ops = ops;
	rtc->opaque = opaque;
	rtc->tsc_hz = tsc_hz;
	rtc->base_tsc = rtc->checked = ops->now(opaque);
	rtc->base_secs = unix_secs;
	rtc->reg_a = A_DV_NORMAL | 0x6;
	rtc->reg_b = B_24H;
}

static u8 read_time(struct rtc_cmos *rtc, u8 reg, u64 now)
{
	struct rtc_tm tm;

	tm_from_secs(secs_at(rtc, now), &tm);
	switch (reg) {
	case REG_SEC:
		return encode(rtc, tm.sec);
	case REG_MIN:
		return encode(rtc, tm.min);
	case REG_HOUR:
		return encode_hour(rtc, tm.hour);
	case REG_DOW:
		return encode(rtc, tm.dow);
	case REG_DAY:
		return encode(rtc, tm.day);
	case REG_MONTH:
		return encode(rtc, tm.mon);
	case REG_YEAR:
		return encode(rtc, tm.year % 100);
	}
	return encode(rtc, tm.year / 100);	/* RTC_CENTURY */
}

static void write_time(struct rtc_cmos *rtc, u8 reg, u8 val, u64 now)
{
	u64 old = secs_at(rtc, now), secs;
	struct rtc_tm tm;

	tm_from_secs(old, &tm);
	switch (reg) {
	case REG_SEC:
		tm.sec = decode(rtc, val) % 60;
		break;
	case REG_MIN:
		tm.min = decode(rtc, val) % 60;
		break;
	case REG_HOUR:
		tm.hour = decode_hour(rtc, val) % 24;
		break;
	case REG_DOW:
		return;			/* derived from the date */
	case REG_DAY:
		tm.day = decode(rtc, val);
		break;
	case REG_MONTH:
		tm.mon = decode(rtc, val);
		break;
	case REG_YEAR:
		tm.year = tm.year / 100 * 100 + decode(rtc, val) % 100;
		break;
	case RTC_CENTURY:
		tm.year = decode(rtc, val) * 100 + tm.year % 100;
		break;
	}
	if (tm.mon < 1 || tm.mon > 12 || tm.day < 1 || tm.day > 31)
		return;			/* an impossible date is not stored */
	secs = secs_from_tm(&tm);
	if (rtc->halted)
		rtc->frozen_secs = secs;
	else
		rtc->base_secs += secs - old;	/* same second phase */
}

static u8 read_data(struct rtc_cmos *rtc)
{
	u64 now = rtc_now(rtc);
	u8 v;

	switch (rtc->index) {
	case REG_SEC_ALARM:
		return rtc->alarm[0];
	case REG_MIN_ALARM:
		return rtc->alarm[1];
	case REG_HOUR_ALARM:
		return rtc->alarm[2];
	case REG_A:
		v = rtc->reg_a;
		if (!rtc->halted && rtc_ticks(rtc, now) % RTC_HZ >= RTC_HZ - UIP_TICKS)
			v |= A_UIP;
		return v;
	case REG_B:
		return rtc->reg_b;
	case REG_C:
		catch_up(rtc, now);
		update_irq(rtc);
		v = rtc->reg_c;
		rtc->reg_c = 0;
		update_irq(rtc);
		return v;
	case REG_D:
		return D_VRT;
	case REG_SEC: case REG_MIN: case REG_HOUR: case REG_DOW: case REG_DAY:
	case REG_MONTH: case REG_YEAR: case RTC_CENTURY:
		return read_time(rtc, rtc->index, now);
	}
	return rtc->cmos[rtc->index];
}

static void write_data(struct rtc_cmos *rtc, u8 val)
{
	u64 now = rtc_now(rtc);

	catch_up(rtc, now);
	switch (rtc->index) {
	case REG_SEC_ALARM:
	case REG_MIN_ALARM:
	case REG_HOUR_ALARM:
		rtc->alarm[rtc->index / 2] = val;
		break;
	case REG_A:
		rtc->reg_a = val & ~A_UIP;
		set_halted(rtc, should_halt(rtc), now);
		break;
	case REG_B:
		if (val & B_SET)
			val &= ~B_UIE;		/* SET clears UIE */
		rtc->reg_b = val;
		set_halted(rtc, should_halt(rtc), now);
		update_irq(rtc);
		break;
	case REG_C:
	case REG_D:
		break;			/* read-only */
	case REG_SEC: case REG_MIN: case REG_HOUR: case REG_DOW: case REG_DAY:
	case REG_MONTH: case REG_YEAR: case RTC_CENTURY:
		write_time(rtc, rtc->index, val, now);
		break;
	default:
		rtc->cmos[rtc->index] = val;
		break;
	}
}

u8 rtc_cmos_read(struct rtc_cmos *rtc, u16 port)
{
	return port == RTC_PORT_DATA ? read_data(rtc) : 0xff;
}

void rtc_cmos_write(struct rtc_cmos *rtc, u16 port, u8 val)
{
	if (port == RTC_PORT_INDEX) {
		rtc->index = val & 0x7f;
		rtc->nmi_masked = val & 0x80;
	} else if (port == RTC_PORT_DATA) {
		write_data(rtc, val);
	}
}
