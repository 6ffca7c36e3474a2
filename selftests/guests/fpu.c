// SPDX-License-Identifier: GPL-2.0
/*
 * fpu: the guest's SSE and AVX registers survive exits. Fills xmm0-15 (then
 * ymm0-15 where AVX is present, after CR4.OSXSAVE and XSETBV enable it) with
 * a pattern, makes ROUNDS CPUID and port-write exits without touching them,
 * and checks they still hold the pattern. Another vCPU sharing the CPU with
 * its own pattern (arg) must not show through. Built with SSE allowed (the other
 * guests are general-registers-only); the register work is all in asm, so
 * the compiler cannot use the registers in between.
 */
#include "guest.h"

#define CPUID_1_ECX_XSAVE	(1U << 26)
#define CPUID_1_ECX_AVX		(1U << 28)
#define CR4_OSXSAVE		(1UL << 18)
#define XCR0_X87_SSE_AVX	0x7ULL
#define ROUNDS			500
#define MSR_KERNEL_GS_BASE	0xc0000102	/* passed through: no exit */

#define FOR_16_REGS	".irp i, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15\n"
#define CLOBBER_XMM	"xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", \
			"xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15"
/* One CPUID exit and one write to the UART's scratch register per round. */
#define EXIT_LOOP	"1:\n\txorl %%eax, %%eax\n\tcpuid\n"			\
			"\tmovl $0x3ff, %%edx\n\tmovl %%esi, %%eax\n\toutb %%al, %%dx\n"	\
			"\tdecq %%rsi\n\tjnz 1b\n"

static uint8_t pattern[16][32] __attribute__((aligned(32)));
static uint8_t result[16][32] __attribute__((aligned(32)));

static void fill(uint8_t seed)
{
	unsigned int r, i;

	for (r = 0; r < 16; r++)
		for (i = 0; i < 32; i++)
			pattern[r][i] = (r * 32 + i) ^ seed;
	memset(result, 0, sizeof(result));
}

static void sse_rounds(unsigned long n)
{
	asm volatile(FOR_16_REGS "movdqu \\i*32(%[in]), %%xmm\\i\n.endr\n"
		     EXIT_LOOP
		     FOR_16_REGS "movdqu %%xmm\\i, \\i*32(%[out])\n.endr\n"
		     : "+S"(n)
		     : [in] "D"(pattern), [out] "r"(result)
		     : "rax", "rbx", "rcx", "rdx", "memory", CLOBBER_XMM);
}

static void avx_rounds(unsigned long n)
{
	asm volatile(FOR_16_REGS "vmovdqu \\i*32(%[in]), %%ymm\\i\n.endr\n"
		     EXIT_LOOP
		     FOR_16_REGS "vmovdqu %%ymm\\i, \\i*32(%[out])\n.endr\n"
		     "vzeroupper\n"
		     : "+S"(n)
		     : [in] "D"(pattern), [out] "r"(result)
		     : "rax", "rbx", "rcx", "rdx", "memory", CLOBBER_XMM);
}

/* Bytes of registers 0..15 that differ, counting @bytes per register. */
static int differences(unsigned int bytes)
{
	unsigned int r, i;
	int bad = 0;

	for (r = 0; r < 16; r++)
		for (i = 0; i < bytes; i++)
			bad += pattern[r][i] != result[r][i];
	return bad;
}

static bool enable_avx(void)
{
	uint32_t a, b, c, d;
	unsigned long cr4;

	cpuid(1, 0, &a, &b, &c, &d);
	if (!(c & CPUID_1_ECX_XSAVE) || !(c & CPUID_1_ECX_AVX))
		return false;
	cpuid(0xd, 0, &a, &b, &c, &d);
	if ((a & XCR0_X87_SSE_AVX) != XCR0_X87_SSE_AVX)
		return false;
	asm volatile("mov %%cr4, %0" : "=r"(cr4));
	asm volatile("mov %0, %%cr4" : : "r"(cr4 | CR4_OSXSAVE) : "memory");
	asm volatile("xsetbv" : : "c"(0), "a"((uint32_t)XCR0_X87_SSE_AVX),
		     "d"((uint32_t)(XCR0_X87_SSE_AVX >> 32)));
	return true;
}

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

/*
 * arg: bits 7:0 vary the pattern, bits 63:8 the rounds (0: ROUNDS). A nonzero
 * arg also puts a pattern in KERNEL_GS_BASE, which must hold it throughout.
 */
int guest_main(unsigned long arg)
{
	unsigned long rounds = arg >> 8 ? arg >> 8 : ROUNDS;
	uint64_t gs = 0xffff800000000000ULL | (uint64_t)arg << 12;
	uint8_t tweak = arg & 0xff;
	int bad;

	if (arg)
		wrmsr(MSR_KERNEL_GS_BASE, gs);
	fill(0x5a ^ tweak);
	sse_rounds(rounds);
	bad = differences(16);
	guest_report("sse: %d of 256 xmm bytes changed across %lu rounds of exits", bad, rounds);
	GUEST_ASSERT_EQ(bad, 0);
	if (!enable_avx())
		GUEST_SKIP("no AVX with XSAVE: only SSE checked");
	fill(0xc3 ^ tweak);
	avx_rounds(rounds);
	bad = differences(32);
	guest_report("avx: %d of 512 ymm bytes changed across %lu rounds of exits", bad, rounds);
	GUEST_ASSERT_EQ(bad, 0);
	if (arg) {
		guest_report("kernel_gs_base: %#lx, wrote %#lx", (unsigned long)rdmsr(MSR_KERNEL_GS_BASE),
			     (unsigned long)gs);
		GUEST_ASSERT_EQ(rdmsr(MSR_KERNEL_GS_BASE), gs);
	}
	GUEST_DONE();
}
