// SPDX-License-Identifier: GPL-2.0
/*
 * beyond_ram: reads guest-physical @arg (default 0x40000000, 1 GiB: beyond
 * 16 MiB of RAM but identity-mapped by the boot page tables), which has no
 * EPT mapping: the VM stops with RTVMX_STOP_EPT_VIOLATION and that address.
 */
#include "guest.h"

#define DEFAULT_ADDR	0x40000000UL

int guest_main(unsigned long arg)
{
	unsigned long addr = arg ? arg : DEFAULT_ADDR;
	uint64_t v;

	guest_printf("reading guest-physical %#lx\n", addr);
	v = *(volatile uint64_t *)addr;
	GUEST_ASSERT_EQ(v, ~0ULL);	/* not reached: the read must stop the VM */
	return 1;
}
