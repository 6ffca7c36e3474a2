// SPDX-License-Identifier: GPL-2.0
/* loop: prints "looping" once, then spins without exits until the host stops it. */
#include "guest.h"

int guest_main(unsigned long arg)
{
	(void)arg;
	serial_puts("looping\n");
	for (;;)
		asm volatile("" : : : "memory");
}
