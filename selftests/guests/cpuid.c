// SPDX-License-Identifier: GPL-2.0
/*
 * cpuid: rtvmx's CPUID filter as a guest sees it (hypervisor bit set, VMX
 * clear, the rtvmx signature at 0x40000000), then the cost of a CPUID exit
 * round trip, printed as "cpuid_exit_ticks: <average TSC ticks>"; with
 * --arg 1 only the round trip.
 */
#include "guest.h"

#define CPUID_1_ECX_VMX		(1U << 5)
#define CPUID_1_ECX_HYPERVISOR	(1U << 31)
#define ROUND_TRIPS		1000

static void check_features(void)
{
	uint32_t a, b, c, d;

	cpuid(1, 0, &a, &b, &c, &d);
	guest_report("cpuid.1: eax %#x ecx %#x edx %#x", a, c, d);
	GUEST_ASSERT(c & CPUID_1_ECX_HYPERVISOR);
	GUEST_ASSERT(!(c & CPUID_1_ECX_VMX));
}

static void check_signature(void)
{
	uint32_t a, sig[3];
	char text[13];

	cpuid(RTVMX_CPUID_SIGNATURE, 0, &a, &sig[0], &sig[1], &sig[2]);
	memcpy(text, sig, 12);
	text[12] = '\0';
	guest_report("cpuid.0x40000000: max leaf %#x signature \"%s\"", a, text);
	GUEST_ASSERT(!memcmp(text, "rtvmxrtvmxrt", 12));
	GUEST_ASSERT(a >= RTVMX_CPUID_SIGNATURE && a < RTVMX_CPUID_SIGNATURE + 0x100);
}

static void measure(void)
{
	uint32_t a, b, c, d;
	uint64_t t0, t1;
	int i;

	t0 = rdtsc();
	for (i = 0; i < ROUND_TRIPS; i++)
		cpuid(0, 0, &a, &b, &c, &d);
	t1 = rdtsc();
	guest_printf("cpuid_exit_ticks: %lu\n", (unsigned long)((t1 - t0) / ROUND_TRIPS));
}

/* --arg 1: the round trip only (the bench runs it under other hypervisors too). */
int guest_main(unsigned long arg)
{
	if (arg != 1) {
		check_features();
		check_signature();
	}
	measure();
	GUEST_DONE();
}
