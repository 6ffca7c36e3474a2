/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Time for the device models. Every model is driven by one "now": the guest's
 * TSC (host TSC plus the VMCS TSC offset), read through its ops. A device
 * clock (the PIT's 1.193182 MHz, the APIC timer's bus clock, the RTC's
 * 32.768 kHz) is derived from the TSC by scaling the time elapsed since a
 * fixed start, never by adding rounded periods, so it does not drift.
 *
 * Each model answers "when is your next event" in TSC ticks, or
 * EMUL_NO_DEADLINE; the run loop programs the VMX preemption timer with the
 * earliest one and calls the model's expire function when it is due.
 */
#ifndef EMUL_TIMEBASE_H
#define EMUL_TIMEBASE_H

#include "emul_host.h"

#define EMUL_NO_DEADLINE	(~0ULL)

/*
 * floor(@a * @mul / @div) with a 128-bit intermediate product, @div != 0.
 * Saturates to ~0ULL when the result does not fit in 64 bits.
 */
u64 emul_mul_div(u64 a, u64 mul, u64 div);

/* The same, rounded up. */
u64 emul_mul_div_up(u64 a, u64 mul, u64 div);

/*
 * Device ticks at @dev_hz counted since TSC @start, at TSC value @now:
 * floor((@now - @start) * @dev_hz / @tsc_hz); 0 before @start.
 */
u64 emul_ticks_since(u64 start, u64 now, u64 tsc_hz, u64 dev_hz);

/*
 * The first TSC value at which emul_ticks_since(@start, ...) reaches @ticks:
 * @start + ceil(@ticks * @tsc_hz / @dev_hz), EMUL_NO_DEADLINE past the end.
 */
u64 emul_tsc_at_tick(u64 start, u64 ticks, u64 tsc_hz, u64 dev_hz);

#endif
