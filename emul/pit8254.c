// SPDX-License-Identifier: GPL-2.0
/* 8254 programmable interval timer (Intel 8254 data sheet; see pit8254.h). */
#include "pit8254.h"
#include "timebase.h"

#define CW_SC(v)	(((v) >> 6) & 3)
#define CW_RW(v)	(((v) >> 4) & 3)
#define CW_MODE(v)	(((v) >> 1) & 7)
#define CW_BCD		0x01
#define SC_READBACK	3
#define RB_NO_COUNT	0x20
#define RB_NO_STATUS	0x10
#define RW_LATCH	0
#define RW_LO		1
#define RW_HI		2
#define RW_LOHI		3
#define P61_GATE2	0x01
#define P61_WRITABLE	0x0f
#define P61_REFRESH	0x10
#define P61_OUT2	0x20
#define REFRESH_TICKS	18	/* counter 1 toggles the refresh bit every ~15 us */
#define NO_EDGE		(~0ULL)

static u64 pit_tick(const struct pit8254 *pit)
{
	return emul_ticks_since(pit->epoch, pit->ops->now(pit->opaque), pit->tsc_hz, PIT_HZ);
}

void pit8254_init(struct pit8254 *pit, const struct pit8254_ops *ops, void *opaque, u64 tsc_hz)
{
	unsigned int i;

	memset(pit, 0, sizeof(*pit));
	pit->ops = ops;
	pit->opaque = opaque;
	pit->tsc_hz = tsc_hz;
	pit->epoch = ops->now(opaque);
	for (i = 0; i < 3; i++) {
		pit->ch[i].gate = i < 2;
		pit->ch[i].irq_next = NO_EDGE;
	}
}

static u32 modulus(const struct pit_channel *c)
{
	return c->bcd ? 10000 : 65536;
}

static u16 to_bcd(u32 v)
{
	return (v % 10) | ((v / 10 % 10) << 4) | ((v / 100 % 10) << 8) | ((v / 1000 % 10) << 12);
}

static u32 from_bcd(u16 v)
{
	return (v & 0xf) + ((v >> 4) & 0xf) * 10 + ((v >> 8) & 0xf) * 100 + (v >> 12) * 1000;
}

static u64 elapsed(const struct pit8254 *pit, const struct pit_channel *c)
{
	u64 t;

	if (!c->counting)
		return 0;
	if (c->paused)
		return c->frozen;
	t = pit_tick(pit);
	return t > c->start ? t - c->start : 0;
}

/* Mode 3: high for ceil(N/2) ticks, then low for floor(N/2). */
static bool mode3_high(u32 n, u64 d, u64 *pos)
{
	u64 in = d % n, high = (n + 1) / 2;

	*pos = in < high ? in : in - high;
	return in < high;
}

static bool channel_out(const struct pit8254 *pit, const struct pit_channel *c)
{
	u64 d, n = c->count, pos;

	if (!c->loaded)
		return c->mode != 0;
	if (!c->counting || (c->paused && (c->mode == 2 || c->mode == 3)))
		return true;		/* waiting for a trigger, or held by the gate */
	d = elapsed(pit, c);
	switch (c->mode) {
	case 0:
		return d >= n;
	case 1:
		return d >= n;
	case 2:
		return d % n != n - 1;
	case 3:
		return mode3_high(n, d, &pos);
	default:			/* 4, 5: one low tick when the count reaches 0 */
		return d != n;
	}
}

/* The counting element, as the data sheet's modes decrement it. */
static u32 channel_value(const struct pit8254 *pit, const struct pit_channel *c)
{
	u64 d, n = c->count, pos;

	if (!c->loaded || !c->counting)
		return c->count % modulus(c);
	d = elapsed(pit, c);
	switch (c->mode) {
	case 2:
		return (n - d % n) % modulus(c);
	case 3:
		/* even N: N, N-2 .. 2 in each half; odd N: N-1 .. 0 high, N-1 .. 2 low */
		mode3_high(n, d, &pos);
		return ((n & 1 ? n - 1 : n) - 2 * pos) % modulus(c);
	default:
		return (n + modulus(c) - d % modulus(c)) % modulus(c);
	}
}

static u16 channel_read_value(const struct pit8254 *pit, const struct pit_channel *c)
{
	u32 v = channel_value(pit, c);

	return c->bcd ? to_bcd(v) : v;
}

/* OUT0 rising edges, as elapsed ticks: the first one after a count is loaded. */
static u64 first_edge(const struct pit_channel *c)
{
	switch (c->mode) {
	case 0:
	case 2:
	case 3:
		return c->count;
	case 4:
		return (u64)c->count + 1;
	}
	return NO_EDGE;			/* modes 1, 5: counter 0's gate never rises */
}

static void channel_start(struct pit8254 *pit, struct pit_channel *c)
{
	c->counting = true;
	c->paused = false;
	c->start = pit_tick(pit);
	c->irq_next = c == &pit->ch[0] ? first_edge(c) : NO_EDGE;
}

static void load_count(struct pit8254 *pit, struct pit_channel *c, u16 raw)
{
	u32 n = c->bcd ? from_bcd(raw) : raw;

	if (!n)
		n = modulus(c);
	if (n == 1 && (c->mode == 2 || c->mode == 3))
		n = 2;			/* 1 is illegal in modes 2 and 3 */
	c->count = n;
	c->loaded = true;
	c->counting = false;
	if (c->mode == 1 || c->mode == 5)
		return;			/* waits for a gate trigger */
	if (c->gate) {
		channel_start(pit, c);
	} else {
		c->counting = true;
		c->paused = true;
		c->frozen = 0;
		c->irq_next = NO_EDGE;
	}
}

static void write_counter(struct pit8254 *pit, struct pit_channel *c, u8 val)
{
	switch (c->rw) {
	case RW_LO:
		load_count(pit, c, val);
		break;
	case RW_HI:
		load_count(pit, c, (u16)val << 8);
		break;
	case RW_LOHI:
		if (!c->write_hi) {
			c->write_lo = val;
			c->write_hi = true;
		} else {
			c->write_hi = false;
			load_count(pit, c, c->write_lo | (u16)val << 8);
		}
		break;
	}
}

static u8 read_counter(struct pit8254 *pit, struct pit_channel *c)
{
	u16 v;

	if (c->status_latched) {
		c->status_latched = false;
		return c->status;
	}
	if (c->latch_left) {
		c->latch_left--;
		if (c->rw == RW_HI || (c->rw == RW_LOHI && c->latch_hi))
			return c->latch >> 8;
		c->latch_hi = true;
		return c->latch;
	}
	v = channel_read_value(pit, c);
	switch (c->rw) {
	case RW_LO:
		return v;
	case RW_HI:
		return v >> 8;
	default:
		c->read_hi = !c->read_hi;
		return c->read_hi ? v : v >> 8;
	}
}

static void latch_count(struct pit8254 *pit, struct pit_channel *c)
{
	if (c->latch_left)
		return;			/* a second latch before the read is ignored */
	c->latch = channel_read_value(pit, c);
	c->latch_left = c->rw == RW_LOHI ? 2 : 1;
	c->latch_hi = false;
}

static void latch_status(struct pit8254 *pit, struct pit_channel *c)
{
	if (c->status_latched)
		return;
	c->status = (channel_out(pit, c) ? 0x80 : 0) | (c->loaded ? 0 : 0x40) |
		    (c->rw << 4) | (c->mode << 1) | c->bcd;
	c->status_latched = true;
}

static void write_control(struct pit8254 *pit, u8 val)
{
	struct pit_channel *c;
	unsigned int i;

	if (CW_SC(val) == SC_READBACK) {
		for (i = 0; i < 3; i++) {
			if (!(val & (2u << i)))
				continue;
			if (!(val & RB_NO_COUNT))
				latch_count(pit, &pit->ch[i]);
			if (!(val & RB_NO_STATUS))
				latch_status(pit, &pit->ch[i]);
		}
		return;
	}
	c = &pit->ch[CW_SC(val)];
	if (CW_RW(val) == RW_LATCH) {
		latch_count(pit, c);
		return;
	}
	c->rw = CW_RW(val);
	c->mode = CW_MODE(val) > 5 ? CW_MODE(val) - 4 : CW_MODE(val);
	c->bcd = val & CW_BCD;
	c->loaded = c->counting = c->paused = false;
	c->write_hi = c->read_hi = false;
	c->latch_left = 0;
	c->status_latched = false;
	c->irq_next = NO_EDGE;
}

/* Counter 2's gate changed (data sheet, Figure "Gate pin operations"). */
static void set_gate2(struct pit8254 *pit, bool gate)
{
	struct pit_channel *c = &pit->ch[2];
	bool rising = gate && !c->gate, changed = gate != c->gate;

	c->gate = gate;
	if (!c->loaded || !changed)
		return;
	switch (c->mode) {
	case 0:
	case 4:
		if (!gate) {
			c->frozen = elapsed(pit, c);
			c->paused = true;
		} else {
			c->start = pit_tick(pit) - c->frozen;
			c->paused = false;
		}
		break;
	case 2:
	case 3:
		if (!gate) {
			c->paused = true;
			c->frozen = 0;
		} else {
			channel_start(pit, c);
		}
		break;
	default:			/* 1, 5: the rising edge triggers */
		if (rising)
			channel_start(pit, c);
		break;
	}
}

u8 pit8254_read(struct pit8254 *pit, u16 port)
{
	if (port >= PIT_PORT_BASE && port < PIT_PORT_CONTROL)
		return read_counter(pit, &pit->ch[port - PIT_PORT_BASE]);
	if (port == PIT_PORT_61)
		return (pit->port61 & P61_WRITABLE) |
		       ((pit_tick(pit) / REFRESH_TICKS) & 1 ? P61_REFRESH : 0) |
		       (channel_out(pit, &pit->ch[2]) ? P61_OUT2 : 0);
	return 0xff;
}

void pit8254_write(struct pit8254 *pit, u16 port, u8 val)
{
	if (port >= PIT_PORT_BASE && port < PIT_PORT_CONTROL) {
		write_counter(pit, &pit->ch[port - PIT_PORT_BASE], val);
	} else if (port == PIT_PORT_CONTROL) {
		write_control(pit, val);
	} else if (port == PIT_PORT_61) {
		pit->port61 = val & P61_WRITABLE;
		set_gate2(pit, val & P61_GATE2);
	}
}

u64 pit8254_next_deadline(const struct pit8254 *pit)
{
	const struct pit_channel *c = &pit->ch[0];

	if (!c->counting || c->irq_next == NO_EDGE)
		return EMUL_NO_DEADLINE;
	return emul_tsc_at_tick(pit->epoch, c->start + c->irq_next, pit->tsc_hz, PIT_HZ);
}

bool pit8254_expire(struct pit8254 *pit, u64 now)
{
	struct pit_channel *c = &pit->ch[0];
	u64 t, d, next;

	if (!c->counting || c->irq_next == NO_EDGE)
		return false;
	t = emul_ticks_since(pit->epoch, now, pit->tsc_hz, PIT_HZ);
	d = t > c->start ? t - c->start : 0;
	if (d < c->irq_next)
		return false;
	pit->irq0_edges++;
	pit->ops->irq0(pit->opaque);
	if (c->mode == 2 || c->mode == 3) {
		next = (d / c->count + 1) * c->count;
		pit->irq0_missed += (next - c->irq_next) / c->count - 1;
		c->irq_next = next;
	} else {
		c->irq_next = NO_EDGE;
	}
	return true;
}
