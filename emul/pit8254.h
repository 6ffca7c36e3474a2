/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The 8254 programmable interval timer (Intel 8254 data sheet) at ports
 * 0x40-0x43, and the PC's port 0x61 bits that belong to it (channel 2's gate
 * and speaker enable in, OUT2 and the refresh toggle out).
 *
 * Time is the guest TSC through ops->now, converted to the 1.193182 MHz PIT
 * clock from a fixed start (see timebase.h), so periodic counts do not
 * drift. Counters 0 and 1 have their gates tied high; OUT0 is IRQ0, whose
 * rising edges are reported through ops->irq0 by pit8254_expire().
 *
 * Modelled: modes 0-5 (6 and 7 alias 2 and 3), binary and BCD counting,
 * lobyte/hibyte/lohi access, counter latch, read-back of count and status,
 * gate effects on counter 2, OUT levels, a next-deadline query for IRQ0.
 * Not modelled: counting starts at the PIT tick the count is written in
 * (no extra load clock); a count rewritten in modes 2 and 3 restarts at once
 * instead of at the end of the current period; writing the first byte of a
 * lohi count does not stop a mode-0 count; counter 1 (DRAM refresh) counts
 * but drives nothing; the speaker makes no sound.
 */
#ifndef EMUL_PIT8254_H
#define EMUL_PIT8254_H

#include "emul_host.h"

#define PIT_HZ			1193182u
#define PIT_PORT_BASE		0x40
#define PIT_PORT_CONTROL	0x43
#define PIT_PORT_61		0x61

struct pit8254_ops {
	u64 (*now)(void *opaque);	/* guest TSC */
	void (*irq0)(void *opaque);	/* a rising edge of OUT0: pulse ISA IRQ0 */
};

struct pit_channel {
	u32 count;		/* N: 1..65536 (10000 in BCD); 0 before a count is written */
	u8 mode, rw, bcd;
	bool loaded;		/* a whole count was written since the control word */
	bool counting;		/* started (modes 1 and 5: triggered by the gate) */
	bool gate;
	bool paused;		/* gate low in modes 0, 2, 3, 4 */
	u64 start;		/* PIT tick at which the current count began */
	u64 frozen;		/* ticks counted when paused */
	bool write_hi, read_hi;	/* lohi flip-flops: the next byte is the high one */
	u8 write_lo;
	u16 latch;
	u8 latch_left;		/* bytes of a latched count still to read */
	bool latch_hi;		/* lohi: the next latched byte is the high one */
	u8 status;
	bool status_latched;
	u64 irq_next;		/* elapsed ticks of the next OUT0 rising edge, or ~0 */
};

struct pit8254 {
	struct pit_channel ch[3];
	u8 port61;		/* bits 0-3 as written */
	u64 tsc_hz;
	u64 epoch;		/* guest TSC of PIT tick 0 */
	u64 irq0_edges;		/* edges delivered */
	u64 irq0_missed;	/* edges merged because expire came late */
	const struct pit8254_ops *ops;
	void *opaque;
};

/* All counters unprogrammed; PIT tick 0 is ops->now() at this call. */
void pit8254_init(struct pit8254 *pit, const struct pit8254_ops *ops, void *opaque, u64 tsc_hz);

/* Ports 0x40-0x43 and 0x61; 0xff elsewhere. */
u8 pit8254_read(struct pit8254 *pit, u16 port);
void pit8254_write(struct pit8254 *pit, u16 port, u8 val);

/* The guest TSC of the next IRQ0 edge, or EMUL_NO_DEADLINE. */
u64 pit8254_next_deadline(const struct pit8254 *pit);
/* Delivers the IRQ0 edge if due at @now (late edges merged); true if it did. */
bool pit8254_expire(struct pit8254 *pit, u64 now);

#endif
