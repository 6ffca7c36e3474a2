// SPDX-License-Identifier: GPL-2.0
/*
 * triple_fault: UD2 with no IDT (the flat boot state has IDTR 0/0): #UD
 * cannot be delivered, nor the #GP and #DF that follow, so the CPU triple
 * faults and the VM stops with RTVMX_STOP_TRIPLE_FAULT at the UD2's RIP.
 */
#include "guest.h"

int guest_main(unsigned long arg)
{
	(void)arg;
	serial_puts("executing ud2 without an IDT\n");
	asm volatile("ud2");
	GUEST_ASSERT(!"ud2 returned");
	return 1;
}
