// SPDX-License-Identifier: GPL-2.0
/* exit_port: writes 0x21 to the isa-debug-exit port: exit code (0x21 << 1) | 1 = 0x43 (67). */
#include "guest.h"

#define EXIT_VALUE	0x21

int guest_main(unsigned long arg)
{
	(void)arg;
	guest_printf("writing %#x to port %#x\n", EXIT_VALUE, RTVMX_EXIT_PORT);
	exit_port(EXIT_VALUE);
}
