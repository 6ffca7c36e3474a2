// SPDX-License-Identifier: GPL-2.0
/*
 * irqstorm: the LAPIC timer at the highest rate a guest can program
 * (periodic, initial count 1, divide by 1: one interrupt per TSC tick asked
 * for) for --arg milliseconds of guest time (default 2000). Prints
 * "storm_ready" when it starts and "storm: N interrupts in T ms" at the end.
 */
#include "intr.h"

#define V_TIMER		0x40

static volatile uint64_t n;
static uint64_t t0, end;

/*
 * At this rate the next interrupt is pending at every IRET, so the main
 * loop never runs again: the handler itself stops the timer at the end.
 */
static void on_timer(struct intr_frame *f)
{
	(void)f;
	n++;
	if (rdtsc() - t0 >= end)
		apic_write(APIC_TIMER_ICR, 0);
	apic_eoi();
}

int guest_main(unsigned long arg)
{
	uint64_t ms = arg ? arg : 2000, khz = tsc_khz();

	if (!khz)
		GUEST_SKIP("no rtvmx timing leaf");
	intr_init();
	intr_set_handler(V_TIMER, on_timer);
	apic_enable();
	apic_write(APIC_TIMER_DCR, APIC_DCR_DIV1);
	apic_write(APIC_LVT_TIMER, V_TIMER | APIC_TIMER_PERIODIC);
	serial_puts("storm_ready\n");
	end = ms * khz;
	t0 = rdtsc();
	apic_write(APIC_TIMER_ICR, 1);
	sti();
	while (rdtsc() - t0 < end)
		asm volatile("pause");
	cli();
	guest_printf("storm: %lu interrupts in %lu ms\n", (unsigned long)n, (unsigned long)ms);
	GUEST_ASSERT(n > 0);
	GUEST_DONE();
}
