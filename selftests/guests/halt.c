// SPDX-License-Identifier: GPL-2.0
/* halt: prints "halting", then halts with interrupts off until the host stops it. */
#include "guest.h"

int guest_main(unsigned long arg)
{
	(void)arg;
	serial_puts("halting\n");
	for (;;)
		asm volatile("hlt" : : : "memory");
}
