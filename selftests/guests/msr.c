// SPDX-License-Identifier: GPL-2.0
/*
 * msr: the MSR allow-list. With arg 0, the virtualized MSRs read and write
 * back as they should. Arg 1 reads an MSR outside the list and arg 2 sets
 * CR4.VMXE: both must raise #GP, which without an IDT is a triple fault.
 */
#include "guest.h"

#define MSR_IA32_TSC		0x10
#define MSR_IA32_APICBASE	0x1b
#define MSR_IA32_CR_PAT		0x277
#define MSR_EFER		0xc0000080
#define MSR_LSTAR		0xc0000082
#define MSR_NOT_ALLOWED		0x1234
#define APIC_BASE_DEFAULT	0xfee00900ULL
#define CR4_VMXE		(1UL << 13)

static uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static void wrmsr(uint32_t msr, uint64_t v)
{
	asm volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

static void check_allowed(void)
{
	uint64_t efer = rdmsr(MSR_EFER);

	GUEST_ASSERT(rdmsr(MSR_IA32_TSC) != 0);
	GUEST_ASSERT_EQ(rdmsr(MSR_IA32_APICBASE), APIC_BASE_DEFAULT);
	wrmsr(MSR_EFER, efer);
	GUEST_ASSERT_EQ(rdmsr(MSR_EFER), efer);
	wrmsr(MSR_IA32_CR_PAT, 0x0007040600070406ULL);
	GUEST_ASSERT_EQ(rdmsr(MSR_IA32_CR_PAT), 0x0007040600070406ULL);
	wrmsr(MSR_LSTAR, 0xffffffff81000000ULL);
	GUEST_ASSERT_EQ(rdmsr(MSR_LSTAR), 0xffffffff81000000ULL);
	guest_report("msr: efer %#llx, allow-listed MSRs read back", (unsigned long long)efer);
}

int guest_main(unsigned long arg)
{
	unsigned long cr4;

	switch (arg) {
	case 0:
		check_allowed();
		GUEST_DONE();
	case 1:
		guest_printf("reading MSR %#x\n", MSR_NOT_ALLOWED);
		rdmsr(MSR_NOT_ALLOWED);
		break;
	case 2:
		guest_printf("setting CR4.VMXE\n");
		asm volatile("mov %%cr4, %0" : "=r"(cr4));
		asm volatile("mov %0, %%cr4" : : "r"(cr4 | CR4_VMXE));
		break;
	}
	guest_printf("no #GP\n");
	return 1;
}
