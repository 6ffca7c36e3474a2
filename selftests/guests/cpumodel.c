// SPDX-License-Identifier: GPL-2.0
/*
 * cpumodel: walks the CPUID rtvmx gives and, for every feature it promises,
 * executes the instruction, sets the CR4 bit or reads the MSR; a #UD or #GP
 * (or a wrong value) is a broken promise, printed as "BROKEN <name>: ...".
 * Then what the model hides or hardware refuses must fault as on hardware
 * ("refuse <name>: #GP"). Ends with "cpumodel: N promises kept, M refusals,
 * B broken" and UCALL DONE only when B is 0. Arg 1: XSETBV at CPL 3 only.
 */
#include "intr.h"

#define VEC_NONE	-1
#define UD		6
#define GP		13

#define CR0_NE		(1UL << 5)
#define CR0_TS		(1UL << 3)
#define CR0_NW		(1UL << 29)
#define CR0_PG		(1UL << 31)
#define CR4_PAE		(1UL << 5)
#define CR4_MCE		(1UL << 6)
#define CR4_PCIDE	(1UL << 17)
#define CR4_OSXSAVE	(1UL << 18)
#define CR4_FSGSBASE	(1UL << 16)

#define MSR_TSC_AUX	0xc0000103
#define MSR_PAT		0x277
#define MSR_EFER	0xc0000080
#define MSR_LSTAR	0xc0000082
#define MSR_STAR	0xc0000081
#define MSR_SYSENTER_CS	0x174
#define MSR_SYSENTER_ESP 0x175
#define MSR_SYSENTER_EIP 0x176
#define MSR_MISC_ENABLE	0x1a0
#define MSR_DEBUGCTL	0x1d9
#define MSR_UCODE_REV	0x8b
#define PAT_RESET	0x0007040600070406ULL
#define NONCANONICAL	0x0000800000000000ULL

/* The GDT of the CPL 3 probe (cpl3_xsetbv()): the boot layout plus user data and code. */
#define SEL_KCODE	0x08
#define SEL_KDATA	0x10
#define SEL_UDATA	0x2b
#define SEL_UCODE	0x33
#define PTE_US		4ULL
#define PTE_ADDR	0x000ffffffffff000ULL

/* Set by the fault handler: the vector, and where the faulting probe resumes. */
volatile int fault_vec;
volatile uint64_t fault_resume;

static unsigned int kept, refused, broken;
static uint32_t l1c, l1d, l7b, l7c, l7d, e1c, e1d, dxa, d1a;
static uint64_t xcr0_supported;
static uint8_t buf[4096] __attribute__((aligned(64)));

/* Kernel stack of the CPL 3 probe: where a fault there comes back to at CPL 0. */
volatile uint64_t cpl0_rsp;

static void on_fault(struct intr_frame *f)
{
	fault_vec = f->vector;
	f->rip = fault_resume;
	if (f->cs & 3) {
		f->cs = SEL_KCODE;
		f->ss = SEL_KDATA;
		f->rsp = cpl0_rsp;
	}
}

/* Before a probe: no fault seen; its asm stores the resume address first. */
#define ARM		"leaq 1f(%%rip), %%r11\n\tmovq %%r11, fault_resume(%%rip)\n\t"
#define PROBE(insn, ...)	asm volatile(ARM insn "\n1:" __VA_ARGS__)

static void arm(void)
{
	fault_vec = VEC_NONE;
}

static const char *vec_name(int v)
{
	return v == UD ? "#UD" : v == GP ? "#GP" : v == VEC_NONE ? "no fault" : "another fault";
}

/* A promised feature worked (@ok) or not; @detail says what went wrong. */
static void promise(const char *name, bool ok, const char *detail)
{
	if (ok && fault_vec == VEC_NONE) {
		kept++;
		return;
	}
	broken++;
	guest_printf("BROKEN %s: %s%s%s\n", name, vec_name(fault_vec),
		     detail ? ", " : "", detail ? detail : "");
}

/* Something hidden or invalid must raise @want. */
static void refuse(const char *name, int want)
{
	if (fault_vec == want) {
		refused++;
		guest_printf("refuse %s: %s\n", name, vec_name(want));
		return;
	}
	broken++;
	guest_printf("BROKEN refuse %s: %s, want %s\n", name, vec_name(fault_vec), vec_name(want));
}

static unsigned long read_cr0(void)
{
	unsigned long v;

	asm volatile("mov %%cr0, %0" : "=r"(v));
	return v;
}

static unsigned long read_cr4(void)
{
	unsigned long v;

	asm volatile("mov %%cr4, %0" : "=r"(v));
	return v;
}

static void try_write_cr0(unsigned long v)
{
	arm();
	PROBE("mov %0, %%cr0", : : "r"(v) : "r11", "memory");
}

static void try_write_cr4(unsigned long v)
{
	arm();
	PROBE("mov %0, %%cr4", : : "r"(v) : "r11", "memory");
}

/* Sets CR4 bit @bit, reads it back, puts CR4 back; true when it read back set. */
static bool toggle_cr4(unsigned int bit)
{
	unsigned long old = read_cr4(), seen = 0;

	arm();
	PROBE("mov %1, %%cr4\n\tmov %%cr4, %0\n\tmov %2, %%cr4", : "+r"(seen)
	      : "r"(old | (1UL << bit)), "r"(old) : "r11", "memory");
	return seen & (1UL << bit);
}

static uint64_t try_rdmsr(uint32_t msr)
{
	uint32_t lo = 0, hi = 0;

	arm();
	PROBE("rdmsr", : "+a"(lo), "+d"(hi) : "c"(msr) : "r11", "memory");
	return ((uint64_t)hi << 32) | lo;
}

static void try_wrmsr(uint32_t msr, uint64_t v)
{
	arm();
	PROBE("wrmsr", : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)) : "r11", "memory");
}

static void try_xsetbv(uint32_t ecx, uint64_t v)
{
	arm();
	PROBE("xsetbv", : : "c"(ecx), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)) : "r11", "memory");
}

static uint64_t xgetbv(uint32_t ecx)
{
	uint32_t lo = 0, hi = 0;

	arm();
	PROBE("xgetbv", : "+a"(lo), "+d"(hi) : "c"(ecx) : "r11", "memory");
	return ((uint64_t)hi << 32) | lo;
}

/* One instruction with no operands the compiler must know about. */
#define INSN(name, text) do {						\
		arm();							\
		PROBE(text, : : "r"(buf) : "r11", "rax", "rcx", "rdx", "memory", "cc"); \
		promise(name, true, NULL);				\
	} while (0)

#define HAS(reg, bit)	((reg) & (1u << (bit)))

static void read_cpuid(void)
{
	uint32_t a, b, c, d;

	cpuid(1, 0, &a, &b, &l1c, &l1d);
	cpuid(7, 0, &a, &l7b, &l7c, &l7d);
	cpuid(0x80000001, 0, &a, &b, &e1c, &e1d);
	cpuid(0xd, 0, &dxa, &b, &c, &d);
	xcr0_supported = ((uint64_t)d << 32) | dxa;
	cpuid(0xd, 1, &d1a, &b, &c, &d);
	guest_report("cpuid: 1 ecx %#x edx %#x, 7 ebx %#x ecx %#x edx %#x, 80000001 ecx %#x edx %#x, xcr0 %#llx",
		     l1c, l1d, l7b, l7c, l7d, e1c, e1d, (unsigned long long)xcr0_supported);

	/* No host topology, no PMU, no MONITOR leaf. */
	arm();
	cpuid(1, 0, &a, &b, &c, &d);
	promise("topology: one logical CPU per package, HTT 0", ((b >> 16) & 0xff) == 1 && !HAS(d, 28), NULL);
	cpuid(4, 0, &a, &b, &c, &d);
	promise("topology: leaf 4 one core, no sharing", !(a >> 14), NULL);
	cpuid(0xb, 1, &a, &b, &c, &d);
	promise("topology: leaf 0BH one core per package", b == 1 && a == 0, NULL);
	cpuid(0xa, 0, &a, &b, &c, &d);
	promise("pmu: leaf 0AH is 0", !a && !b && !c && !d, NULL);
	cpuid(5, 0, &a, &b, &c, &d);
	promise("monitor: leaf 5 is 0", !a && !b && !c && !d, NULL);
}

/* Leaf 1 EDX: x87, MMX, SSE/SSE2, FXSR, TSC, CX8, CMOV, CLFLUSH, MSR, PAT, SEP, MCE, APIC. */
static void leaf1_edx(void)
{
	uint64_t v;

	if (HAS(l1d, 0))
		INSN("fpu", "fninit; fld1; fstp %%st(0)");
	if (HAS(l1d, 4))
		INSN("tsc", "rdtsc");
	if (HAS(l1d, 8))
		INSN("cx8", "movq %0, %%rcx; xorl %%eax, %%eax; xorl %%edx, %%edx; lock cmpxchg8b (%%rcx)");
	if (HAS(l1d, 15))
		INSN("cmov", "xorl %%eax, %%eax; cmove %%eax, %%ecx");
	if (HAS(l1d, 19))
		INSN("clflush", "clflush (%0)");
	if (HAS(l1d, 23))
		INSN("mmx", "pxor %%mm0, %%mm0; emms");
	if (HAS(l1d, 24))
		INSN("fxsr", "fxsave (%0); fxrstor (%0)");
	if (HAS(l1d, 25))
		INSN("sse", "xorps %%xmm0, %%xmm0");
	if (HAS(l1d, 26))
		INSN("sse2", "pxor %%xmm0, %%xmm0");
	if (HAS(l1d, 5)) {
		v = try_rdmsr(MSR_EFER);
		promise("msr", v & (1ULL << 10), "EFER.LMA not read back");
	}
	if (HAS(l1d, 16)) {
		try_wrmsr(MSR_PAT, 0x0007010600070106ULL);
		v = try_rdmsr(MSR_PAT);
		promise("pat", v == 0x0007010600070106ULL, "PAT not read back");
		try_wrmsr(MSR_PAT, PAT_RESET);
	}
	if (HAS(l1d, 11)) {
		try_wrmsr(MSR_SYSENTER_CS, 0x10);
		try_wrmsr(MSR_SYSENTER_ESP, 0xffff800000001000ULL);
		try_wrmsr(MSR_SYSENTER_EIP, 0xffffffff81000000ULL);
		promise("sep", try_rdmsr(MSR_SYSENTER_CS) == 0x10 &&
			try_rdmsr(MSR_SYSENTER_ESP) == 0xffff800000001000ULL &&
			try_rdmsr(MSR_SYSENTER_EIP) == 0xffffffff81000000ULL, "SYSENTER MSRs not read back");
	}
	if (HAS(l1d, 9)) {
		v = try_rdmsr(MSR_APIC_BASE);
		promise("apic", (v & ~0xfffULL) == LAPIC_BASE && (v & APIC_BASE_EN), "IA32_APIC_BASE");
	}
	if (HAS(l1d, 7)) {
		unsigned long cr4 = read_cr4();

		try_write_cr4(cr4 | CR4_MCE);
		promise("mce: CR4.MCE set reads 1", read_cr4() & CR4_MCE, NULL);
		try_write_cr4(cr4 & ~CR4_MCE);
		promise("mce: CR4.MCE clear reads 0", !(read_cr4() & CR4_MCE), NULL);
		try_write_cr4(cr4 | CR4_MCE);
	}
	if (HAS(l1d, 1))
		promise("vme: CR4.VME", toggle_cr4(0), NULL);
	if (HAS(l1d, 1))
		promise("vme: CR4.PVI", toggle_cr4(1), NULL);
	if (HAS(l1d, 2))
		promise("de: CR4.DE", toggle_cr4(3), NULL);
	if (HAS(l1d, 3))
		promise("pse: CR4.PSE", toggle_cr4(4), NULL);
	if (HAS(l1d, 13))
		promise("pge: CR4.PGE", toggle_cr4(7), NULL);
	promise("tsd: CR4.TSD", toggle_cr4(2), NULL);
	promise("pce: CR4.PCE", toggle_cr4(8), NULL);
}

/* XSAVE, OSXSAVE, XCR0 and the AVX family. */
static void xsave_family(void)
{
	unsigned long cr4 = read_cr4();
	uint32_t a, b, c, d;

	cpuid(1, 0, &a, &b, &c, &d);
	promise("osxsave: 0 while CR4.OSXSAVE is 0", !HAS(c, 27), NULL);
	if (!HAS(l1c, 26))
		return;
	try_write_cr4(cr4 | CR4_OSXSAVE);
	promise("xsave: CR4.OSXSAVE", read_cr4() & CR4_OSXSAVE, NULL);
	cpuid(1, 0, &a, &b, &c, &d);
	promise("osxsave: follows CR4.OSXSAVE", HAS(c, 27), NULL);
	promise("xsave: XGETBV reads x87", xgetbv(0) == 1, NULL);
	try_xsetbv(0, xcr0_supported);
	promise("xsave: XSETBV of CPUID.(0DH,0) EDX:EAX", xgetbv(0) == xcr0_supported, NULL);
	cpuid(0xd, 0, &a, &b, &c, &d);
	promise("xsave: 0DH.0 EBX = ECX with every component on", b == c && b >= 576, NULL);
	arm();
	PROBE("xsave64 (%0)", : : "r"(buf), "a"((uint32_t)xcr0_supported), "d"(0) : "r11", "memory");
	promise("xsave", true, NULL);
	if (HAS(d1a, 0)) {
		arm();
		PROBE("xsaveopt64 (%0)", : : "r"(buf), "a"((uint32_t)xcr0_supported), "d"(0) : "r11", "memory");
		promise("xsaveopt", true, NULL);
	}
	if (HAS(d1a, 2)) {
		xgetbv(1);
		promise("xgetbv_ecx1", true, NULL);
	}
	arm();
	PROBE("xrstor64 (%0)", : : "r"(buf), "a"((uint32_t)xcr0_supported), "d"(0) : "r11", "memory");
	promise("xrstor", true, NULL);

	if (HAS(l1c, 28))
		INSN("avx", "vxorps %%ymm0, %%ymm0, %%ymm0");
	if (HAS(l1c, 12))
		INSN("fma", "vfmadd132ps %%ymm0, %%ymm0, %%ymm0");
	if (HAS(l1c, 29))
		INSN("f16c", "vcvtph2ps %%xmm0, %%ymm0");
	if (HAS(l7b, 5))
		INSN("avx2", "vpaddd %%ymm0, %%ymm0, %%ymm0");
	if (HAS(l7c, 9))
		INSN("vaes", "vaesenc %%ymm0, %%ymm0, %%ymm0");
	if (HAS(l7c, 10))
		INSN("vpclmulqdq", "vpclmulqdq $0, %%ymm0, %%ymm0, %%ymm0");
	if (HAS(l7b, 16))
		INSN("avx512f", "vpxord %%zmm0, %%zmm0, %%zmm0");
}

/* The rest of leaf 1 ECX. */
static void leaf1_ecx(void)
{
	uint64_t v;

	if (HAS(l1c, 0))
		INSN("sse3", "addsubpd %%xmm0, %%xmm0");
	if (HAS(l1c, 1))
		INSN("pclmulqdq", "pclmulqdq $0, %%xmm0, %%xmm0");
	if (HAS(l1c, 9))
		INSN("ssse3", "pshufb %%xmm0, %%xmm0");
	if (HAS(l1c, 13))
		INSN("cx16", "movq %0, %%rcx; xorl %%eax, %%eax; xorl %%edx, %%edx; pushq %%rbx; "
		     "xorl %%ebx, %%ebx; lock cmpxchg16b (%%rcx); popq %%rbx");
	if (HAS(l1c, 19))
		INSN("sse4_1", "ptest %%xmm0, %%xmm0");
	if (HAS(l1c, 20))
		INSN("sse4_2", "crc32l %%eax, %%eax");
	if (HAS(l1c, 22))
		INSN("movbe", "movbe (%0), %%eax");
	if (HAS(l1c, 23))
		INSN("popcnt", "popcnt %%eax, %%eax");
	if (HAS(l1c, 25))
		INSN("aes", "aesenc %%xmm0, %%xmm0");
	if (HAS(l1c, 30))
		INSN("rdrand", "rdrand %%eax");
	if (HAS(l1c, 24)) {
		try_wrmsr(MSR_TSC_DEADLINE, 0);
		v = try_rdmsr(MSR_TSC_DEADLINE);
		promise("tsc_deadline: IA32_TSC_DEADLINE", v == 0, NULL);
	}
	if (HAS(l1c, 17)) {
		unsigned long cr3;

		asm volatile("mov %%cr3, %0" : "=r"(cr3));
		promise("pcid: CR3[11:0] = 0 to start", !(cr3 & 0xfff), NULL);
		promise("pcid: CR4.PCIDE", toggle_cr4(17), NULL);
	}
}

/* Leaf 7 and 80000001H. */
static void leaf7_ext(void)
{
	uint64_t v;

	if (HAS(l7b, 0)) {
		unsigned long cr4 = read_cr4();

		try_write_cr4(cr4 | CR4_FSGSBASE);
		INSN("fsgsbase", "rdfsbase %%rax; rdgsbase %%rax; wrfsbase %%rax");
		try_write_cr4(cr4);
	}
	if (HAS(l7b, 3))
		INSN("bmi1", "andn %%eax, %%eax, %%eax");
	if (HAS(l7b, 11))
		INSN("rtm", "xbegin 2f; xend; 2:");
	if (HAS(l7b, 7))
		promise("smep: CR4.SMEP", toggle_cr4(20), NULL);
	if (HAS(l7b, 20)) {
		promise("smap: CR4.SMAP", toggle_cr4(21), NULL);
		INSN("smap: stac/clac", "stac; clac");
	}
	if (HAS(l7b, 8))
		INSN("bmi2", "pdep %%eax, %%eax, %%eax");
	if (HAS(l7b, 9))
		promise("erms: MISC_ENABLE.FAST_STRING", try_rdmsr(MSR_MISC_ENABLE) & 1, NULL);
	if (HAS(l7b, 10)) {
		/* Type 2, all contexts; descriptor bits 63:12 must be 0 (SDM Vol. 2A INVPCID). */
		static const uint64_t desc[2] __attribute__((aligned(16)));

		arm();
		PROBE("movq $2, %%rax; invpcid (%0), %%rax", : : "r"(desc) : "r11", "rax", "memory");
		promise("invpcid", true, NULL);
	}
	if (HAS(l7b, 18))
		INSN("rdseed", "rdseed %%eax");
	if (HAS(l7b, 19))
		INSN("adx", "adcx %%eax, %%eax");
	if (HAS(l7b, 23))
		INSN("clflushopt", "clflushopt (%0)");
	if (HAS(l7b, 24))
		INSN("clwb", "clwb (%0)");
	if (HAS(l7b, 29))
		INSN("sha", "sha1nexte %%xmm0, %%xmm0");
	if (HAS(l7c, 0))
		INSN("prefetchwt1", "prefetchwt1 (%0)");
	if (HAS(l7c, 2))
		promise("umip: CR4.UMIP", toggle_cr4(11), NULL);
	if (HAS(l7c, 8))
		INSN("gfni", "gf2p8affineqb $0, %%xmm0, %%xmm0");
	if (HAS(l7c, 25))
		INSN("cldemote", "cldemote (%0)");
	if (HAS(l7c, 27))
		INSN("movdiri", "movdiri %%eax, (%0)");
	if (HAS(l7c, 28))
		INSN("movdir64b", "movq %0, %%rax; movdir64b (%%rax), %%rcx");
	if (HAS(l7d, 14))
		INSN("serialize", "serialize");
	if (HAS(l7d, 10))
		INSN("md_clear", "subq $8, %%rsp; movw %%ds, (%%rsp); verw (%%rsp); addq $8, %%rsp");

	if (HAS(e1c, 0))
		INSN("lahf_lm", "lahf; sahf");
	if (HAS(e1c, 5))
		INSN("lzcnt", "lzcnt %%eax, %%eax");
	if (HAS(e1c, 8))
		INSN("prefetchw", "prefetchw (%0)");
	if (HAS(e1d, 11)) {
		try_wrmsr(MSR_STAR, 0x0023001000000000ULL);
		try_wrmsr(MSR_LSTAR, 0xffffffff81000000ULL);
		promise("syscall: STAR, LSTAR", try_rdmsr(MSR_STAR) == 0x0023001000000000ULL &&
			try_rdmsr(MSR_LSTAR) == 0xffffffff81000000ULL, NULL);
		v = try_rdmsr(MSR_EFER);
		try_wrmsr(MSR_EFER, v | 1);
		promise("syscall: EFER.SCE", try_rdmsr(MSR_EFER) & 1, NULL);
	}
	if (HAS(e1d, 20))
		promise("nx: EFER.NXE", try_rdmsr(MSR_EFER) & (1ULL << 11), NULL);
	if (HAS(e1d, 27) || HAS(l7c, 22)) {
		uint32_t aux = 0;

		try_wrmsr(MSR_TSC_AUX, 0x1234);
		promise("rdtscp: IA32_TSC_AUX", try_rdmsr(MSR_TSC_AUX) == 0x1234, NULL);
		try_wrmsr(MSR_TSC_AUX, 0);
		arm();
		PROBE("rdtscp", : "=c"(aux) : : "r11", "rax", "rdx", "memory");
		promise("rdtscp", true, NULL);
		guest_report("rdtscp: ECX %#x (the hardware TSC_AUX; IA32_TSC_AUX reads 0)", aux);
		if (HAS(l7c, 22)) {
			uint64_t id = 0;

			arm();
			PROBE("rdpid %0", : "=r"(id) : : "r11", "memory");
			promise("rdpid", true, NULL);
		}
	}
}

/* Other MSRs the model has. */
static void msrs(void)
{
	try_rdmsr(MSR_UCODE_REV);
	promise("IA32_UCODE_REV", true, NULL);
	try_wrmsr(MSR_DEBUGCTL, 2);
	promise("IA32_DEBUGCTL: BTF", true, NULL);
	try_wrmsr(MSR_DEBUGCTL, 0);
	try_rdmsr(0x10);
	promise("IA32_TSC", true, NULL);
}

/* CR0.NE = 0 (a bare-metal idiom): taken, read back, the vCPU runs on with it. */
static void cr0_cases(void)
{
	unsigned long cr0 = read_cr0();
	uint16_t msw = 0;

	try_write_cr0(cr0 & ~CR0_NE);
	promise("CR0.NE = 0 reads back 0", !(read_cr0() & CR0_NE), NULL);
	INSN("x87 with CR0.NE = 0", "fninit; fld1; fstp %%st(0)");
	try_write_cr0(cr0);
	promise("CR0.NE = 1 reads back 1", read_cr0() & CR0_NE, NULL);

	arm();
	PROBE("smsw %%ax; orw $8, %%ax; lmsw %%ax; smsw %0; clts", : "=r"(msw) : : "r11", "rax", "memory");
	promise("LMSW sets TS, CLTS clears it", (msw & CR0_TS) && !(read_cr0() & CR0_TS), NULL);

	try_write_cr0(cr0 | CR0_NW);
	refuse("CR0.NW = 1 with CD = 0", GP);
	try_write_cr0(cr0 | (1UL << 32));
	refuse("CR0 bit 32", GP);
	try_write_cr0(cr0 & ~CR0_PG);
	refuse("CR0.PG = 0 in 64-bit mode", GP);
	arm();
	promise("CR0 unchanged after the refusals", read_cr0() == cr0, NULL);
}

/* CR4 bits the model does not allow (hidden features, VMX, reserved). */
static void cr4_cases(void)
{
	static const struct { unsigned int bit; const char *name; uint32_t *reg; int cpuid_bit; } t[] = {
		{ 11, "CR4.UMIP (hidden)", &l7c, 2 },
		{ 12, "CR4.LA57 (hidden)", &l7c, 16 },
		{ 13, "CR4.VMXE (VMX hidden)", NULL, 0 },
		{ 14, "CR4.SMXE (SMX hidden)", NULL, 0 },
		{ 15, "CR4 bit 15 (reserved)", NULL, 0 },
		{ 19, "CR4.KL (hidden)", NULL, 0 },
		{ 22, "CR4.PKE (PKU hidden)", &l7c, 3 },
		{ 23, "CR4.CET (hidden)", NULL, 0 },
		{ 24, "CR4.PKS (hidden)", NULL, 0 },
		{ 40, "CR4 bit 40 (reserved)", NULL, 0 },
	};
	unsigned long cr4 = read_cr4();
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(t); i++) {
		if (t[i].reg && HAS(*t[i].reg, t[i].cpuid_bit))
			continue;
		toggle_cr4(t[i].bit);
		refuse(t[i].name, GP);
	}
	try_write_cr4(cr4 & ~CR4_PAE);
	refuse("CR4.PAE = 0 in IA-32e mode", GP);
	arm();
	promise("CR4 unchanged after the refusals", read_cr4() == cr4, NULL);
}

static void xsetbv_cases(void)
{
	unsigned long cr4 = read_cr4();

	try_xsetbv(1, 1);
	refuse("XSETBV ECX = 1", GP);
	try_xsetbv(0, 0);
	refuse("XSETBV XCR0 = 0 (x87 clear)", GP);
	try_xsetbv(0, 5);
	refuse("XSETBV AVX without SSE", GP);
	try_xsetbv(0, 0x18 | 3);
	refuse("XSETBV MPX (not advertised)", GP);
	try_xsetbv(0, 0x200 | 3);
	refuse("XSETBV PKRU (not advertised)", GP);
	if ((xcr0_supported & 0xe0) != 0xe0) {
		try_xsetbv(0, 0xe7);
		refuse("XSETBV AVX-512 (not advertised)", GP);
	} else {
		try_xsetbv(0, 0x27);
		refuse("XSETBV opmask without ZMM", GP);
	}
	try_xsetbv(0, 1ULL << 63);
	refuse("XSETBV bit 63", GP);
	promise("XCR0 unchanged after the refusals", xgetbv(0) == xcr0_supported, NULL);
	try_write_cr4(cr4 & ~CR4_OSXSAVE);
	try_xsetbv(0, 3);
	refuse("XSETBV with CR4.OSXSAVE = 0", UD);
	try_write_cr4(cr4);
}

static void hidden(void)
{
	arm();
	PROBE("monitor", : : "a"(buf), "c"(0), "d"(0) : "r11", "memory");
	refuse("MONITOR (hidden)", UD);
	arm();
	PROBE("mwait", : : "a"(0), "c"(0) : "r11", "memory");
	refuse("MWAIT (hidden)", UD);
	if (!HAS(d1a, 3)) {
		arm();
		PROBE("xsaves64 (%0)", : : "r"(buf), "a"(3), "d"(0) : "r11", "memory");
		refuse("XSAVES (hidden)", UD);
	}
	arm();
	PROBE("vmxon (%0)", : : "r"(buf) : "r11", "memory");
	refuse("VMXON (VMX hidden)", UD);

	try_rdmsr(0x1234);
	refuse("RDMSR 0x1234 (unknown)", GP);
	try_wrmsr(0x1234, 0);
	refuse("WRMSR 0x1234 (unknown)", GP);
	try_rdmsr(0xfe);
	refuse("RDMSR IA32_MTRRCAP (MTRR hidden)", GP);
	try_rdmsr(0x179);
	refuse("RDMSR IA32_MCG_CAP (MCA hidden)", GP);
	try_rdmsr(0x3b);
	refuse("RDMSR IA32_TSC_ADJUST (hidden)", GP);
	try_rdmsr(0x345);
	refuse("RDMSR IA32_PERF_CAPABILITIES (PDCM hidden)", GP);
	try_rdmsr(0x48);
	refuse("RDMSR IA32_SPEC_CTRL (hidden)", GP);
	try_rdmsr(0x10a);
	refuse("RDMSR IA32_ARCH_CAPABILITIES (hidden)", GP);
	try_rdmsr(0x6e1);
	refuse("RDMSR 0x6e1 (past TSC_DEADLINE)", GP);
}

/* Values hardware refuses: #GP, never a failed VM entry. */
static void bad_values(void)
{
	try_wrmsr(MSR_PAT, 0x0007040600070402ULL);
	refuse("PAT memory type 2", GP);
	try_wrmsr(MSR_PAT, 0x0007040600070408ULL);
	refuse("PAT entry bit 3", GP);
	promise("PAT unchanged", try_rdmsr(MSR_PAT) == PAT_RESET, NULL);
	try_wrmsr(MSR_EFER, try_rdmsr(MSR_EFER) | (1ULL << 1));
	refuse("EFER bit 1 (reserved)", GP);
	try_wrmsr(MSR_EFER, try_rdmsr(MSR_EFER) & ~(1ULL << 8));
	refuse("EFER.LME cleared with paging on", GP);
	try_wrmsr(MSR_SYSENTER_EIP, NONCANONICAL);
	refuse("SYSENTER_EIP non-canonical", GP);
	try_wrmsr(MSR_SYSENTER_ESP, NONCANONICAL);
	refuse("SYSENTER_ESP non-canonical", GP);
	try_wrmsr(MSR_LSTAR, NONCANONICAL);
	refuse("LSTAR non-canonical", GP);
	try_wrmsr(0xc0000100, NONCANONICAL);
	refuse("FS_BASE non-canonical", GP);
	try_wrmsr(0xc0000101, NONCANONICAL);
	refuse("GS_BASE non-canonical", GP);
	try_wrmsr(0xc0000102, NONCANONICAL);
	refuse("KERNEL_GS_BASE non-canonical", GP);
	try_wrmsr(MSR_DEBUGCTL, 1ULL << 2);
	refuse("DEBUGCTL bit 2", GP);
	if (HAS(e1d, 27) || HAS(l7c, 22)) {
		try_wrmsr(MSR_TSC_AUX, 1ULL << 32);
		refuse("TSC_AUX bit 32", GP);
	}
	try_wrmsr(MSR_MISC_ENABLE, 1ULL << 22);
	refuse("MISC_ENABLE limit-CPUID bit", GP);
	try_wrmsr(MSR_TSC_DEADLINE + 0, 0);
	promise("TSC_DEADLINE 0 after the refusals", try_rdmsr(MSR_TSC_DEADLINE) == 0, NULL);
}

static void set_us(uint64_t *e, bool on)
{
	*e = on ? *e | PTE_US : *e & ~PTE_US;
}

/* The PML4E, PDPTE and 2 MiB PDE that map linear 0-2 MiB (code, data, TSS) get U/S = @on. */
static void user_low_2m(bool on)
{
	uint64_t *pml4, *pdpt, *pd;
	unsigned long cr3;

	asm volatile("mov %%cr3, %0" : "=r"(cr3));
	pml4 = (uint64_t *)(cr3 & PTE_ADDR);
	pdpt = (uint64_t *)(pml4[0] & PTE_ADDR);
	pd = (uint64_t *)(pdpt[0] & PTE_ADDR);
	set_us(&pml4[0], on);
	set_us(&pdpt[0], on);
	set_us(&pd[0], on);
	asm volatile("mov %0, %%cr3" : : "r"(cr3) : "memory");
}

/*
 * XSETBV at CPL 3 (SDM Vol. 2B XSETBV: #GP(0) if CPL > 0): IRETQ to a user
 * code segment that runs XSETBV of a valid value; its #GP comes back to CPL
 * 0 on the stack in the boot TSS's RSP0 (the TSS is at linear 0).
 */
static void cpl3_xsetbv(void)
{
	static uint64_t gdt[7] __attribute__((aligned(16)));
	static uint8_t kstack[4096] __attribute__((aligned(16)));
	struct { uint16_t limit; uint64_t base; } __attribute__((packed)) old, new;
	const uint64_t *boot;

	asm volatile("sgdt %0" : "=m"(old));
	boot = (const uint64_t *)old.base;
	gdt[0] = 0;
	gdt[1] = boot[1];			/* 0x08 kernel code */
	gdt[2] = boot[2];			/* 0x10 kernel data */
	gdt[3] = boot[3];			/* 0x18 the boot TSS, 16 bytes */
	gdt[4] = boot[4];
	gdt[5] = 0x00cff3000000ffffULL;		/* 0x28 user data, DPL 3 */
	gdt[6] = 0x00affb000000ffffULL;		/* 0x30 user code, DPL 3, L */
	new.limit = sizeof(gdt) - 1;
	new.base = (uint64_t)gdt;
	asm volatile("lgdt %0" : : "m"(new));
	/* RSP0 of the 64-bit TSS at offset 4 (SDM Vol. 3A 7.7). */
	asm volatile("movq %0, 4" : : "r"((uint64_t)kstack + sizeof(kstack)) : "memory");
	user_low_2m(true);

	arm();
	asm volatile("leaq 1f(%%rip), %%r11\n\t"
		     "movq %%r11, fault_resume(%%rip)\n\t"
		     "movq %%rsp, cpl0_rsp(%%rip)\n\t"
		     "pushq %[ss]\n\t"
		     "pushq %%rsp\n\t"
		     "pushq $2\n\t"
		     "pushq %[cs]\n\t"
		     "leaq 2f(%%rip), %%r11\n\t"
		     "pushq %%r11\n\t"
		     "iretq\n"
		     "2:\txorl %%ecx, %%ecx\n\t"
		     "movl $3, %%eax\n\t"
		     "xorl %%edx, %%edx\n\t"
		     "xsetbv\n\t"
		     "ud2\n"
		     "1:\tmovl %[ds], %%eax\n\t"
		     "movl %%eax, %%ds\n\t"
		     "movl %%eax, %%es\n\t"
		     : : [ss] "i"(SEL_UDATA), [cs] "i"(SEL_UCODE), [ds] "i"(SEL_KDATA)
		     : "r11", "rax", "rcx", "rdx", "memory");
	user_low_2m(false);
	asm volatile("lgdt %0" : : "m"(old));
	refuse("XSETBV at CPL 3", GP);
}

int guest_main(unsigned long arg)
{
	intr_init();
	intr_set_handler(UD, on_fault);
	intr_set_handler(GP, on_fault);
	if (arg == 1) {
		unsigned long cr4 = read_cr4();

		/* CR4.OSXSAVE = 1: the CPL check is what refuses it. */
		try_write_cr4(cr4 | CR4_OSXSAVE);
		cpl3_xsetbv();
		try_write_cr4(cr4);
		guest_printf("cpumodel: %u refusals, %u broken\n", refused, broken);
		GUEST_ASSERT(broken == 0);
		GUEST_DONE();
	}
	read_cpuid();
	leaf1_edx();
	leaf1_ecx();
	xsave_family();
	leaf7_ext();
	msrs();
	cr0_cases();
	cr4_cases();
	xsetbv_cases();
	hidden();
	bad_values();
	guest_printf("cpumodel: %u promises kept, %u refusals, %u broken\n", kept, refused, broken);
	GUEST_ASSERT(broken == 0);
	GUEST_DONE();
}
