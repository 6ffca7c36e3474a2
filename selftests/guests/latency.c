// SPDX-License-Identifier: GPL-2.0
/*
 * latency: an RTOS-like cyclic task at 1 kHz on the LAPIC timer, first in
 * periodic mode, then in TSC-deadline mode. Each tick records actual -
 * expected in TSC ticks (actual: the handler's first RDTSC; expected: the
 * k-th period from the start, or the deadline written); between ticks the
 * vCPU halts. Prints per mode
 *	latency MODE: n N min A avg B max C ticks
 *	latency MODE hist: LO-HI COUNT ...   (power-of-two buckets)
 * --arg N sets the ticks per mode (default 200, at most MAX_TICKS). Then it
 * prints "latency_done" and halts with interrupts off until stopped.
 * Periodic mode's expected times start at an RDTSC just before the initial
 * count is written, so they include that MMIO exit; TSC-deadline mode's are
 * exact.
 */
#include "intr.h"

#define V_TIMER		0x40
#define MAX_TICKS	2000
#define BUCKETS		24

static uint64_t period, apic_period, start;
static volatile uint64_t ticks;
static uint64_t want;
static int64_t diff[MAX_TICKS];
static bool tscdl;

static void on_timer(struct intr_frame *f)
{
	uint64_t now = rdtsc(), expected = start + (ticks + 1) * period;

	(void)f;
	if (ticks < want)
		diff[ticks] = (int64_t)(now - expected);
	ticks++;
	if (tscdl && ticks < want)
		wrmsr(MSR_TSC_DEADLINE, start + (ticks + 1) * period);
	apic_eoi();
}

static void report(const char *mode)
{
	int64_t min = INT64_MAX, max = INT64_MIN, sum = 0;
	uint64_t hist[BUCKETS] = { 0 }, neg = 0;
	unsigned int i, b;

	for (i = 0; i < want; i++) {
		int64_t d = diff[i];

		min = d < min ? d : min;
		max = d > max ? d : max;
		sum += d;
		if (d < 0) {
			neg++;
			continue;
		}
		for (b = 0; b < BUCKETS - 1 && (uint64_t)d >= (1ULL << b); b++)
			;
		hist[b]++;
	}
	guest_printf("latency %s: n %lu min %ld avg %ld max %ld ticks\n", mode,
		     (unsigned long)want, (long)min, (long)(sum / (int64_t)want), (long)max);
	if (neg)
		guest_printf("latency %s hist: <0 %lu\n", mode, (unsigned long)neg);
	for (b = 0; b < BUCKETS; b++)
		if (hist[b])
			guest_printf("latency %s hist: %lu-%lu %lu\n", mode,
				     b ? 1UL << (b - 1) : 0UL, b ? (1UL << b) - 1 : 0UL,
				     (unsigned long)hist[b]);
}

static void run(bool deadline_mode)
{
	ticks = 0;
	tscdl = deadline_mode;
	if (deadline_mode) {
		apic_write(APIC_LVT_TIMER, V_TIMER | APIC_TIMER_TSCDL);
		start = rdtsc();
		wrmsr(MSR_TSC_DEADLINE, start + period);
	} else {
		apic_write(APIC_TIMER_DCR, APIC_DCR_DIV1);
		apic_write(APIC_LVT_TIMER, V_TIMER | APIC_TIMER_PERIODIC);
		start = rdtsc();
		apic_write(APIC_TIMER_ICR, apic_period);
	}
	while (ticks < want)
		sti_hlt();
	cli();
	apic_write(APIC_TIMER_ICR, 0);
	wrmsr(MSR_TSC_DEADLINE, 0);
	apic_write(APIC_LVT_TIMER, APIC_MASKED | V_TIMER);
	report(deadline_mode ? "tscdl" : "periodic");
}

int guest_main(unsigned long arg)
{
	want = arg ? arg : 200;
	if (want > MAX_TICKS)
		want = MAX_TICKS;
	period = tsc_khz();		/* 1 ms in TSC ticks */
	apic_period = apic_timer_khz();	/* 1 ms in LAPIC timer counts (DCR: divide by 1) */
	if (!period || !apic_period)
		GUEST_SKIP("no rtvmx timing leaf");
	guest_printf("latency: %lu ticks per mode, period %lu TSC ticks (tsc %lu kHz)\n",
		     (unsigned long)want, (unsigned long)period, (unsigned long)period);
	intr_init();
	intr_set_handler(V_TIMER, on_timer);
	apic_enable();
	run(false);
	run(true);
	/* Halted with IF = 0 until the host stops it, so that debugfs can be read first. */
	serial_puts("latency_done\n");
	for (;;)
		asm volatile("cli; hlt");
}
