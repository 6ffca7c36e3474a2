// SPDX-License-Identifier: GPL-2.0
/*
 * hostile: a guest that does what hardware answers with an exception or a
 * value, where a hypervisor could give it the host's state or lose the core.
 *   arg 0: debug registers (reset values, MOV DR, single step, ICEBP, data
 *          breakpoints, general detect), #AC at CPL 3, SYSCALL through the
 *          guest's own STAR/LSTAR/SFMASK, VMCALL at CPL 3, RDPMC, WBINVD,
 *          INVD, TSC_AUX with RDTSCP, KERNEL_GS_BASE; each reported, then DONE.
 *   arg 1: a #DB that recurs during its own delivery, for ever: a write
 *          breakpoint on the IST stack the #DB gate switches to (the
 *          CVE-2015-8104 pattern). Never stops by itself.
 */
#include "intr.h"
#include "user.h"

#define X86_EFLAGS_TF		(1UL << 8)
#define X86_EFLAGS_DF		(1UL << 10)
#define X86_EFLAGS_AC		(1UL << 18)
#define X86_EFLAGS_IF		(1UL << 9)
#define X86_CR0_AM		(1UL << 18)
#define DR6_RESET		0xffff0ff0UL
#define DR6_B0			(1UL << 0)
#define DR6_BD			(1UL << 13)
#define DR6_BS			(1UL << 14)
#define DR7_RESET		0x400UL
#define DR7_GD			(1UL << 13)
/* L0, R/W0 = 01 (data writes), LEN0 = 11 (4 bytes) */
#define DR7_WRITE_WATCH0	(1UL | 1UL << 16 | 3UL << 18)
#define MSR_TSC_AUX		0xc0000103
#define MSR_KERNEL_GS_BASE	0xc0000102
#define EPERM			1

struct fault {
	unsigned long vector, error, rip, dr6;
	unsigned int count;
};

static volatile struct fault last;
static volatile unsigned int skip_len;	/* #GP/#UD: resume this many bytes on */

#define get_dr(n) ({ unsigned long v_; asm volatile("mov %%db" #n ", %0" : "=r"(v_)); v_; })
#define set_dr(n, v) asm volatile("mov %0, %%db" #n : : "r"((unsigned long)(v)) : "memory")

static void record(struct intr_frame *f)
{
	last.vector = f->vector;
	last.error = f->error;
	last.rip = f->rip;
	last.count++;
}

static void on_skip(struct intr_frame *f)
{
	record(f);
	f->rip += skip_len;
}

static void on_ac(struct intr_frame *f)
{
	record(f);
	f->rflags &= ~X86_EFLAGS_AC;	/* the access runs again, unchecked */
}

static void on_db(struct intr_frame *f)
{
	record(f);
	last.dr6 = get_dr(6);
	set_dr(6, DR6_RESET);
	set_dr(7, DR7_RESET);
	f->rflags &= ~X86_EFLAGS_TF;
}

/*
 * Bochs checks breakpoints only on TLB misses, and VM entry (VPID-tagged)
 * keeps its TLB: drop the page's translation so the access is checked.
 */
static void invlpg(const volatile void *p)
{
	asm volatile("invlpg (%0)" : : "r"(p) : "memory");
}

static void reset_fault(void)
{
	memset((void *)&last, 0, sizeof(last));
}

static void check_debug_registers(void)
{
	static volatile uint32_t watched;
	unsigned long rip;

	GUEST_ASSERT_EQ(get_dr(0) | get_dr(1) | get_dr(2) | get_dr(3), 0UL);
	GUEST_ASSERT_EQ(get_dr(6), DR6_RESET);
	GUEST_ASSERT_EQ(get_dr(7), DR7_RESET);
	set_dr(0, 0x1111);
	set_dr(1, 0x2222);
	set_dr(2, 0x3333);
	set_dr(3, 0x4444);
	GUEST_ASSERT_EQ(get_dr(0) + get_dr(1) + get_dr(2) + get_dr(3), 0xaaaaUL);
	set_dr(6, 0);
	GUEST_ASSERT_EQ(get_dr(6), DR6_RESET);
	guest_report("dr: reset values, DR0-DR3 and DR6 read back");

	/* Single step: a trap after the instruction that ran with TF = 1. */
	reset_fault();
	asm volatile("pushfq; orq %0, (%%rsp); popfq; nop; nop" : : "i"(X86_EFLAGS_TF) : "memory", "cc");
	GUEST_ASSERT_EQ(last.vector, 1UL);
	GUEST_ASSERT(last.dr6 & DR6_BS);
	guest_report("dr: single step #DB, dr6 %#lx", last.dr6);

	/* ICEBP (F1): a #DB past the instruction. */
	reset_fault();
	asm volatile("lea 1f(%%rip), %0; .byte 0xf1; 1:" : "=r"(rip));
	GUEST_ASSERT_EQ(last.vector, 1UL);
	GUEST_ASSERT_EQ(last.rip, rip);
	guest_report("dr: icebp #DB at the next instruction");

	/* General detect: the next MOV DR faults with DR6.BD, and DR7.GD is cleared. */
	reset_fault();
	set_dr(7, DR7_RESET | DR7_GD);
	(void)get_dr(0);
	GUEST_ASSERT_EQ(last.vector, 1UL);
	GUEST_ASSERT(last.dr6 & DR6_BD);
	GUEST_ASSERT_EQ(get_dr(7), DR7_RESET);
	guest_report("dr: general detect #DB, dr6 %#lx", last.dr6);

	/* A data breakpoint: DR0-DR3 must be in the CPU while the guest runs. */
	reset_fault();
	set_dr(0, (unsigned long)&watched);
	set_dr(7, DR7_WRITE_WATCH0);
	invlpg(&watched);
	watched = 1;
	set_dr(7, DR7_RESET);
	/* Bochs 2.7 raises no data-breakpoint #DB in VMX non-root: the test skips then. */
	guest_report("dr: write breakpoint: %u #DB, dr6 %#lx", last.count, last.dr6);
	if (last.count)
		GUEST_ASSERT(last.dr6 & DR6_B0);
}

static long user_misaligned_load(long arg)
{
	static uint8_t buf[16] __attribute__((aligned(8)));

	return *(volatile uint32_t *)(buf + arg);
}

static void check_alignment_check(void)
{
	unsigned long cr0;

	asm volatile("mov %%cr0, %0" : "=r"(cr0));
	asm volatile("mov %0, %%cr0" : : "r"(cr0 | X86_CR0_AM));
	reset_fault();
	user_run(user_misaligned_load, 1, X86_EFLAGS_AC | 2);
	GUEST_ASSERT_EQ(last.vector, 17UL);
	GUEST_ASSERT_EQ(last.error, 0UL);
	GUEST_ASSERT_EQ(last.count, 1u);
	asm volatile("mov %0, %%cr0" : : "r"(cr0));
	guest_report("ac: #AC at CPL 3 with error code 0, then the access ran");
}

static long user_echo(long arg)
{
	return user_syscall(SYS_ECHO, arg);
}

static long user_vmcall(long code)
{
	return hypercall(RTVMX_HC_SHUTDOWN, code, 0);
}

static long user_rdpmc(long arg)
{
	uint32_t lo, hi;

	skip_len = 2;
	asm volatile("rdpmc" : "=a"(lo), "=d"(hi) : "c"((uint32_t)arg));
	return lo;
}

static void check_syscall(void)
{
	long ret;

	/* DF set in user mode stays set: the guest's SFMASK (not the host's) masks RFLAGS. */
	ret = user_run(user_echo, 41, X86_EFLAGS_DF | X86_EFLAGS_AC | 2);
	GUEST_ASSERT_EQ(ret, 42L);
	GUEST_ASSERT_EQ(user_syscalls, 1L);
	GUEST_ASSERT(user_kernel_rflags & X86_EFLAGS_DF);
	GUEST_ASSERT(!(user_kernel_rflags & (X86_EFLAGS_AC | X86_EFLAGS_IF | X86_EFLAGS_TF)));
	GUEST_ASSERT_EQ(rdmsr(MSR_STAR), STAR_VALUE);
	GUEST_ASSERT_EQ(rdmsr(MSR_SFMASK), (uint64_t)SFMASK_VALUE);
	guest_report("syscall: through the guest's LSTAR and SFMASK, and back by SYSRET");
}

static void check_privilege(void)
{
	long ret;

	ret = user_run(user_vmcall, 77, 2);
	GUEST_ASSERT_EQ(ret, -EPERM);
	guest_report("vmcall: at CPL 3 returns %ld, the VM runs on", ret);

	reset_fault();
	user_run(user_rdpmc, 0, 2);
	GUEST_ASSERT_EQ(last.vector, 13UL);
	reset_fault();
	skip_len = 2;
	asm volatile("rdpmc" : : "c"(0) : "rax", "rdx");
	GUEST_ASSERT_EQ(last.vector, 13UL);
	guest_report("rdpmc: #GP at CPL 3 and at CPL 0 (no PMU)");

	reset_fault();
	asm volatile("wbinvd; invd" : : : "memory");
	GUEST_ASSERT_EQ(last.count, 0u);
	guest_report("wbinvd, invd: done, no fault");
}

static void check_msrs(void)
{
	uint32_t lo, hi, aux;
	unsigned int i;

	asm volatile("rdtscp" : "=a"(lo), "=d"(hi), "=c"(aux));
	GUEST_ASSERT_EQ(aux, 0u);
	wrmsr(MSR_TSC_AUX, 0x1234);
	for (i = 0; i < 4; i++)
		cpuid(0, 0, &lo, &hi, &aux, &aux);
	asm volatile("rdtscp" : "=a"(lo), "=d"(hi), "=c"(aux));
	GUEST_ASSERT_EQ(aux, 0x1234u);
	guest_report("tsc_aux: 0 at reset (vCPU 0), then as written");

	wrmsr(MSR_KERNEL_GS_BASE, 0xffff800012345000ULL);
	for (i = 0; i < 4; i++)
		cpuid(0, 0, &lo, &hi, &aux, &aux);
	GUEST_ASSERT_EQ(rdmsr(MSR_KERNEL_GS_BASE), 0xffff800012345000ULL);
	guest_report("kernel_gs_base: kept across exits");
}

/* Arg 1: each #DB delivery writes the watched IST slot, which raises the next #DB. */
static void db_storm(void)
{
	static uint8_t ist_stack[4096] __attribute__((aligned(16)));
	uint64_t top = (uint64_t)ist_stack + sizeof(ist_stack);

	user_set_ist(1, top);
	intr_set_ist(1, 1);
	set_dr(0, top - 8);		/* where the CPU pushes SS */
	set_dr(7, DR7_WRITE_WATCH0 | 2);	/* + G0 */
	invlpg((void *)(top - 8));
	guest_printf("db storm: starting\n");
	asm volatile(".byte 0xf1");
	guest_printf("db storm: ended\n");
}

int guest_main(unsigned long arg)
{
	intr_init();
	user_init();
	intr_set_handler(1, on_db);
	intr_set_handler(6, on_skip);
	intr_set_handler(13, on_skip);
	intr_set_handler(17, on_ac);
	if (arg == 1) {
		db_storm();
		return 1;
	}
	check_debug_registers();
	check_alignment_check();
	check_syscall();
	check_privilege();
	check_msrs();
	GUEST_DONE();
	return 0;
}
