// SPDX-License-Identifier: GPL-2.0
/* CPL 3 for 64-bit test guests (user.h). */
#include "intr.h"
#include "user.h"

#define PTE_P		(1ULL << 0)
#define PTE_US		(1ULL << 2)
#define PTE_PS		(1ULL << 7)
#define PTE_ADDR	0x000ffffffffff000ULL

struct tss64 {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3, iomap_base;
} __attribute__((packed));

static uint64_t gdt[7] __attribute__((aligned(16)));
static struct tss64 tss __attribute__((aligned(16)));
static uint8_t kernel_stack[8192] __attribute__((aligned(16)));

volatile long user_syscalls;
volatile uint64_t user_kernel_rflags;

void syscall_entry(void);

/* Called by syscall_entry (user.S) for every SYSCALL but SYS_EXIT. */
long user_syscall_dispatch(long nr, long arg, uint64_t rflags);

long user_syscall_dispatch(long nr, long arg, uint64_t rflags)
{
	user_kernel_rflags = rflags;
	user_syscalls++;
	return nr == SYS_ECHO ? arg + 1 : -1;
}

/* Every paging-structure entry that maps RAM gets U/S = 1 (SDM Vol. 3A 4.6). */
static void open_page_tables(void)
{
	uint64_t cr3, *pml4, *pdpt, *pd;
	unsigned int i, j;

	asm volatile("mov %%cr3, %0" : "=r"(cr3));
	pml4 = (uint64_t *)(cr3 & PTE_ADDR);
	pml4[0] |= PTE_US;
	pdpt = (uint64_t *)(pml4[0] & PTE_ADDR);
	for (i = 0; i < 512; i++) {
		if (!(pdpt[i] & PTE_P))
			continue;
		pdpt[i] |= PTE_US;
		if (pdpt[i] & PTE_PS)
			continue;
		pd = (uint64_t *)(pdpt[i] & PTE_ADDR);
		for (j = 0; j < 512; j++)
			if (pd[j] & PTE_P)
				pd[j] |= PTE_US;
	}
	asm volatile("mov %0, %%cr3" : : "r"(cr3) : "memory");
}

void user_set_ist(unsigned int n, uint64_t top)
{
	tss.ist[n - 1] = top;
}

void user_init(void)
{
	struct { uint16_t limit; uint64_t base; } __attribute__((packed)) gdtr;
	uint64_t base = (uint64_t)&tss, limit = sizeof(tss) - 1;

	gdt[1] = 0x00af9b000000ffffULL;	/* kernel code: 64-bit, DPL 0 */
	gdt[2] = 0x00cf93000000ffffULL;	/* kernel data */
	gdt[3] = 0x00cff3000000ffffULL;	/* user data, DPL 3 */
	gdt[4] = 0x00affb000000ffffULL;	/* user code: 64-bit, DPL 3 */
	/* 64-bit available TSS, 16 bytes (SDM Vol. 3A 8.2.3) */
	gdt[5] = (limit & 0xffff) | (base & 0xffffff) << 16 | 0x89ULL << 40 |
		 (limit >> 16 & 0xf) << 48 | (base >> 24 & 0xff) << 56;
	gdt[6] = base >> 32;
	tss.rsp[0] = (uint64_t)kernel_stack + sizeof(kernel_stack);
	tss.iomap_base = sizeof(tss);

	gdtr.limit = sizeof(gdt) - 1;
	gdtr.base = (uint64_t)gdt;
	asm volatile("lgdt %0\n\t"
		     "mov %1, %%ds\n\t"
		     "mov %1, %%es\n\t"
		     "mov %1, %%ss\n\t"
		     "ltr %w2"
		     : : "m"(gdtr), "r"(0x10), "r"(GDT_TSS) : "memory");
	open_page_tables();
	wrmsr(MSR_STAR, STAR_VALUE);
	wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
	wrmsr(MSR_SFMASK, SFMASK_VALUE);
}
