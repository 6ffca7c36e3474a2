// SPDX-License-Identifier: GPL-2.0
/*
 * cr32: MOV to CR0 that rtvmx emulates in 32-bit protected mode (CR0.NE
 * changes, so the write exits). Arg 0: PAE paging on and off together with
 * NE = 0, so rtvmx loads the PDPTEs itself (SDM Vol. 3A 4.4.1); the page
 * tables map memory at a second address whose contents must match, and CR0
 * reads back as written. Arg 1: the same with a present PDPTE that sets a
 * reserved bit: #GP, which without an IDT is a triple fault.
 */
#include "guest.h"

#define PTE_P		0x001
#define PTE_RW		0x002
#define PTE_PS		0x080
#define PDPTE_RSVD	0x002		/* bit 1 of a PAE PDPTE is reserved */
#define CR0_NE		0x00000020
#define CR0_PG		0x80000000
#define CR4_PAE		0x020
#define ALIAS		0x40000000UL	/* GiB 1 maps GiB 0 */

static uint64_t pae_pd[512] __attribute__((aligned(4096)));
static uint64_t pae_pdpt[4] __attribute__((aligned(32)));
static volatile uint32_t marker = 0x5a5aa5a5;

static unsigned long read_cr0(void)
{
	unsigned long v;

	asm volatile("mov %%cr0, %0" : "=r"(v));
	return v;
}

static void write_cr0(unsigned long v) { asm volatile("mov %0, %%cr0" : : "r"(v) : "memory"); }

int guest_main(unsigned long arg)
{
	unsigned long cr0 = read_cr0(), cr4, seen;
	unsigned int j;

	for (j = 0; j < 512; j++)
		pae_pd[j] = (uint64_t)j << 21 | PTE_P | PTE_RW | PTE_PS;
	pae_pdpt[0] = (unsigned long)pae_pd | PTE_P;
	pae_pdpt[1] = (unsigned long)pae_pd | PTE_P | (arg == 1 ? PDPTE_RSVD : 0);
	asm volatile("mov %%cr4, %0" : "=r"(cr4));
	asm volatile("mov %0, %%cr4" : : "r"(cr4 | CR4_PAE) : "memory");
	asm volatile("mov %0, %%cr3" : : "r"(pae_pdpt) : "memory");
	guest_printf("paging on with CR0.NE = 0\n");
	write_cr0((cr0 | CR0_PG) & ~CR0_NE);
	seen = read_cr0();
	GUEST_ASSERT_EQ(seen, (cr0 | CR0_PG) & ~CR0_NE);
	GUEST_ASSERT_EQ(*(volatile uint32_t *)((unsigned long)&marker + ALIAS), 0x5a5aa5a5);
	marker = 0x12345678;
	GUEST_ASSERT_EQ(*(volatile uint32_t *)((unsigned long)&marker + ALIAS), 0x12345678);
	write_cr0(cr0);
	GUEST_ASSERT_EQ(read_cr0(), cr0);
	guest_report("cr32: PAE paging on and off with CR0.NE = 0, CR0 %#lx read back", seen);
	GUEST_DONE();
}
