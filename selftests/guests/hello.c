// SPDX-License-Identifier: GPL-2.0
/* hello: one line on the console, then shutdown with exit code 0. */
#include "guest.h"

int guest_main(unsigned long arg)
{
	(void)arg;
	serial_puts("hello from rtvmx guest\n");
	return 0;
}
