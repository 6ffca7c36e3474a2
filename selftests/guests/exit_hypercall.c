// SPDX-License-Identifier: GPL-2.0
/* exit_hypercall: RTVMX_HC_SHUTDOWN with exit code 42 ("rtvmx run" exits 42). */
#include "guest.h"

#define EXIT_CODE	42

int guest_main(unsigned long arg)
{
	(void)arg;
	guest_printf("shutting down with exit code %d\n", EXIT_CODE);
	guest_shutdown(EXIT_CODE);
}
