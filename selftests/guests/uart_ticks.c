// SPDX-License-Identifier: GPL-2.0
/*
 * uart_ticks: the cost of one OUT to the UART's THR (an I/O exit that puts
 * a byte on the console), printed as "uart_out_ticks: <average TSC ticks>".
 * The bytes are lines of dots, so the console stays readable.
 */
#include "guest.h"

#define LINES		10
#define LINE_LEN	80	/* with the newline */

int guest_main(unsigned long arg)
{
	uint64_t t0, t1;
	int i;

	(void)arg;
	t0 = rdtsc();
	for (i = 0; i < LINES * LINE_LEN; i++)
		outb(COM1 + UART_THR, i % LINE_LEN == LINE_LEN - 1 ? '\n' : '.');
	t1 = rdtsc();
	guest_printf("uart_out_ticks: %lu\n", (unsigned long)((t1 - t0) / (LINES * LINE_LEN)));
	GUEST_DONE();
}
