// SPDX-License-Identifier: GPL-2.0
/*
 * share: spins reading the TSC for a span of arg ticks and measures its own
 * CPU share. The emulated TSC is global, so time the vCPU spends off the CPU
 * (other guests, idling out of budget) shows as a jump between two reads.
 * A jump of GAP_TICKS or more counts as a gap; shorter ones (VM exits that
 * come back quickly) count as running time. Prints, in TSC ticks:
 *	span_ticks: N		the measured wall time (>= arg)
 *	run_ticks: N		the time it ran
 *	share_ppm: N		run_ticks / span_ticks, in millionths
 *	max_gap_ticks: N	the longest stretch between two runs
 *	gaps: N			how many stretches off the CPU
 */
#include "guest.h"

/* 10 us at the test machine's 200 MHz TSC; an exit handled by rtvmx takes far less. */
#define GAP_TICKS		2000
#define DEFAULT_SPAN		10000000ULL	/* 50 ms at 200 MHz */

int guest_main(unsigned long arg)
{
	uint64_t span = arg ? arg : DEFAULT_SPAN;
	uint64_t start, prev, now, d, run = 0, max_gap = 0, gaps = 0;

	guest_printf("share: spinning for %lu ticks\n", (unsigned long)span);
	start = prev = rdtsc();
	do {
		now = rdtsc();
		d = now - prev;
		if (d >= GAP_TICKS) {
			gaps++;
			if (d > max_gap)
				max_gap = d;
		} else {
			run += d;
		}
		prev = now;
	} while (now - start < span);

	span = now - start;
	guest_printf("span_ticks: %lu\n", (unsigned long)span);
	guest_printf("run_ticks: %lu\n", (unsigned long)run);
	guest_printf("share_ppm: %lu\n", (unsigned long)(run * 1000000 / span));
	guest_printf("max_gap_ticks: %lu\n", (unsigned long)max_gap);
	guest_printf("gaps: %lu\n", (unsigned long)gaps);
	GUEST_DONE();
}
