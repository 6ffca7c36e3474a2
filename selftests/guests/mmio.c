// SPDX-License-Identifier: GPL-2.0
/*
 * mmio: a table of MMIO instruction encodings run against the test device
 * ("rtvmx run --test-mmio": a register file at RTVMX_TEST_MMIO_GPA), each
 * checked here in the guest; then the cost of one emulated MMIO read and
 * write, printed as "mmio_read_ticks: <avg>" and "mmio_write_ticks: <avg>".
 *
 * Most rows are checked against the CPU itself: the instruction runs once
 * on a window of guest RAM and once on the same bytes in the device, from
 * the same registers and flags, and the registers, the defined flags and
 * the whole window must come out the same. The rows the CPU cannot run on
 * RAM unchanged (moffs, strings between RAM and the device, a REP longer
 * than one emulation batch, a fetch across a page) check their results
 * directly.
 *
 * --arg 4 writes a pattern for the host to read back and halts; --arg 5
 * only measures.
 * --arg 1, 2 and 3 end the VM on purpose, each after a line on the console:
 *   1  inc with a memory operand, which rtvmx does not emulate: status 118
 *   2  movs from the device to guest-physical 1 GiB, beyond RAM: 115
 *   3  movs from the device to an unmapped linear address: #PF, which
 *      without an IDT is a triple fault: 113
 * Without --test-mmio the first access stops the VM (EPT violation, 115).
 */
#include "mmio_table.h"

#define DEV		MMIO_DEV
#define BIG_OFF		0x400		/* the long REP STOS area */
#define BIG_QWORDS	200		/* > EMUL_REP_BATCH (64): the REP yields twice */

#define UNMAPPED_LA	0x8000000000UL	/* PML4 entry 1: not present in the boot tables */
#define BEYOND_RAM	0x40000000UL

/* MOV, with ModRM, SIB, displacement, immediate and prefix variants */
INSN(mov_st8,		"mov %%al, (%%rbx)")			/* 88 03 */
INSN(mov_st16,		"mov %%ax, (%%rbx)")			/* 66 89 03 */
INSN(mov_st32,		"mov %%eax, (%%rbx)")			/* 89 03 */
INSN(mov_st64,		"mov %%rax, (%%rbx)")			/* 48 89 03 */
INSN(mov_ld8,		"mov (%%rbx), %%cl")			/* 8a 0b */
INSN(mov_ld8_high,	"mov 0x1(%%rbx), %%ah")			/* 8a 63 01 */
INSN(mov_ld16,		"mov 0x2(%%rbx), %%dx")			/* 66 8b 53 02 */
INSN(mov_ld32,		"mov (%%rbx), %%ecx")			/* 8b 0b */
INSN(mov_ld64,		"mov (%%rbx), %%rcx")			/* 48 8b 0b */
INSN(mov_sib,		"mov 0x8(%%rbx,%%rsi,4), %%edx")	/* 8b 54 b3 08 */
INSN(mov_r9_disp32,	"mov %%rcx, %%r9\n\t"
			"mov %%r9, 0x80(%%rbx)")		/* 4c 89 8b 80 00 00 00 */
INSN(mov_imm8,		"movb $0x5a, (%%rbx)")			/* c6 03 5a */
INSN(mov_imm16,		"movw $0x1234, 0x2(%%rbx)")		/* 66 c7 43 02 34 12 */
INSN(mov_imm32,		"movl $0xdeadbeef, (%%rbx)")		/* c7 03 ef be ad de */
INSN(mov_imm64,		"movq $-2, (%%rbx)")		/* 48 c7 03 fe ff ff ff */
INSN(mov_gs,		"mov %%gs:(%%rbx), %%eax")		/* 65 8b 03 (GS base 0) */
INSN(mov_addr32,	"mov (%%ebx), %%eax")			/* 67 8b 03 */
INSN(mov_st8_rex,	"mov %%sil, 0x3(%%rbx)")		/* 40 88 73 03 */
/* MOVZX, MOVSX, MOVSXD */
INSN(movzx_8,		"movzbl (%%rbx), %%eax")		/* 0f b6 03 */
INSN(movzx_16,		"movzwl (%%rbx), %%ecx")		/* 0f b7 0b */
INSN(movsx_8,		"movsbq (%%rbx), %%rax")		/* 48 0f be 03 */
INSN(movsx_16,		"movswl (%%rbx), %%edx")		/* 0f bf 13 */
INSN(movsxd,		"movslq (%%rbx), %%rax")		/* 48 63 03 */
/* MOVS, STOS: RSI and RDI inside the window */
INSN(stosb,		"stosb")				/* aa */
INSN(rep_stosl,		"rep stosl")				/* f3 ab */
INSN(stosq,		"stosq")				/* 48 ab */
INSN(rep_movsb,		"rep movsb")				/* f3 a4 */
INSN(movsl,		"movsl")				/* a5 */
INSN(rep_movsq,		"rep movsq")				/* f3 48 a5 */
INSN(rep_movsw,		"rep movsw")				/* 66 f3 a5 */
/* ALU with memory operands */
INSN(or_mr,		"or %%eax, (%%rbx)")			/* 09 03 */
INSN(or_rm8,		"or (%%rbx), %%cl")			/* 0a 0b */
INSN(and_imm8,		"andl $0x0f, (%%rbx)")			/* 83 23 0f */
INSN(and_b_imm,		"andb $0x0f, (%%rbx)")			/* 80 23 0f */
INSN(xor_mr64,		"xor %%rcx, (%%rbx)")			/* 48 31 0b */
INSN(xor_rm,		"xor (%%rbx), %%ecx")			/* 33 0b */
INSN(add_mr,		"add %%eax, (%%rbx)")			/* 01 03 */
INSN(add_imm32,		"addl $0x1000, (%%rbx)")		/* 81 03 00 10 00 00 */
INSN(add_w_imm8,	"addw $-1, (%%rbx)")			/* 66 83 03 ff */
INSN(adc_mr,		"adc %%eax, (%%rbx)")			/* 11 03 */
INSN(sub_rm,		"sub (%%rbx), %%ecx")			/* 2b 0b */
INSN(sub_imm8,		"subl $1, (%%rbx)")			/* 83 2b 01 */
INSN(sbb_mr8,		"sbb %%al, (%%rbx)")			/* 18 03 */
INSN(cmp_mr,		"cmp %%eax, (%%rbx)")			/* 39 03 */
INSN(cmp_b_imm,		"cmpb $0x80, (%%rbx)")			/* 80 3b 80 */
INSN(cmp_rm64,		"cmp (%%rbx), %%rdx")			/* 48 3b 13 */
INSN(test_mr,		"test %%eax, (%%rbx)")			/* 85 03 */
INSN(test_b_imm,	"testb $0x01, (%%rbx)")			/* f6 03 01 */
INSN(test_imm32,	"testl $0x80000000, (%%rbx)")		/* f7 03 00 00 00 80 */
INSN(lock_or,		"lock orl $0x100, (%%rbx)")		/* f0 81 0b 00 01 00 00 */
INSN(lock_add64,	"lock add %%rax, (%%rbx)")		/* f0 48 01 03 */
/* XCHG */
INSN(xchg_32,		"xchg %%eax, (%%rbx)")			/* 87 03 */
INSN(xchg_8,		"xchg %%cl, (%%rbx)")			/* 86 0b */
INSN(xchg_r10,		"mov %%rdx, %%r10\n\t"
			"xchg %%r10, (%%rbx)\n\t"		/* 4c 87 13 */
			"mov %%r10, %%rdx")
/* BT, BTS, BTR, BTC */
INSN(bt_reg,		"bt %%eax, (%%rbx)")			/* 0f a3 03 */
INSN(bts_imm,		"btsl $5, (%%rbx)")			/* 0f ba 2b 05 */
INSN(btr_reg64,		"btr %%rcx, (%%rbx)")			/* 48 0f b3 0b */
INSN(btc_imm16,		"btcw $3, (%%rbx)")			/* 66 0f ba 3b 03 */
INSN(bts_reg,		"bts %%eax, (%%rbx)")			/* 0f ab 03 */
INSN(lock_btr,		"lock btr %%eax, (%%rbx)")		/* f0 0f b3 03 */

static const struct mmio_row rows[] = {
	ROW(mov_st8, P8, ALL, .rax = 0x5a, FL(ARITH)),
	ROW(mov_st16, P8, ALL, .rax = 0xffff1234),
	ROW(mov_st32, P8, ALL, .rax = 0xdeadbeef, FL(CF | ZF)),
	ROW(mov_st64, P8, ALL, .rax = 0x0123456789abcdefULL),
	ROW(mov_ld8, P8, ALL, .rcx = ~0ULL),
	ROW(mov_ld8_high, P8, ALL, .rax = 0),
	ROW(mov_ld16, P8, ALL, .rdx = ~0ULL),
	ROW(mov_ld32, P8, ALL, .rcx = ~0ULL, FL(SF)),
	ROW(mov_ld64, P8, ALL),
	ROW(mov_sib, P8, ALL, .rsi = 2, .rdx = ~0ULL),
	ROW(mov_r9_disp32, P8, ALL, .rcx = 0xfeedfacecafef00dULL),
	ROW(mov_imm8, P8, ALL),
	ROW(mov_imm16, P8, ALL),
	ROW(mov_imm32, P8, ALL),
	ROW(mov_imm64, P8, ALL),
	ROW(mov_gs, P8, ALL, .rax = ~0ULL),
	ROW(mov_addr32, P8, ALL, .rax = ~0ULL),
	ROW(mov_st8_rex, P8, ALL, .rsi = 0x1234567890abcdefULL),
	ROW(movzx_8, 0x80, ALL, .rax = ~0ULL),
	ROW(movzx_16, 0x8001, ALL, .rcx = ~0ULL),
	ROW(movsx_8, 0x80, ALL),
	ROW(movsx_16, 0x8000, ALL, .rdx = ~0ULL),
	ROW(movsxd, 0x80000001, ALL),
	STR(stosb, P8, .rax = 0xa5, .rdi = 4),
	STR(rep_stosl, P8, .rax = 0x11223344, .rcx = 8, .rdi = 0),
	STR(rep_stosl, P8, .rax = 0x55667788, .rcx = 8, .rdi = 28, FL(DF)),
	STR(stosq, P8, .rax = 0x0102030405060708ULL, .rdi = 8),
	STR(rep_movsb, P8, .rsi = 0, .rdi = 32, .rcx = 16),
	STR(rep_movsb, P8, .rsi = 15, .rdi = -1, .rcx = 16, FL(DF)),
	STR(movsl, P8, .rsi = 0, .rdi = 64),
	STR(rep_movsq, P8, .rsi = -MMIO_GUARD, .rdi = 16, .rcx = 12),	/* overlapping */
	STR(rep_movsw, P8, .rsi = 2, .rdi = 100, .rcx = 20),
	ROW(or_mr, 0xf0f0f0f0, LOGIC, .rax = 0x0f0f0f0f),
	ROW(or_rm8, 0x80, LOGIC, .rcx = 0x01),
	ROW(and_imm8, 0x12345678, LOGIC),
	ROW(and_b_imm, 0xf0, LOGIC),
	ROW(xor_mr64, P8, LOGIC, .rcx = P8),
	ROW(xor_rm, 0xffff0000, LOGIC, .rcx = 0x0000ffff),
	ROW(add_mr, 0xffffffff, ARITH, .rax = 1),
	ROW(add_imm32, 0x7ffff000, ARITH),
	ROW(add_w_imm8, 0x8000, ARITH),
	ROW(adc_mr, 5, ARITH, .rax = 6, FL(CF)),
	ROW(sub_rm, 3, ARITH, .rcx = 10),
	ROW(sub_imm8, 0, ARITH),
	ROW(sbb_mr8, 0x80, ARITH, .rax = 0, FL(CF)),
	ROW(cmp_mr, 0x1234, ARITH, .rax = 0x1234),
	ROW(cmp_b_imm, 0x7f, ARITH),
	ROW(cmp_rm64, P8, ARITH, .rdx = 1),
	ROW(test_mr, 0xf0, LOGIC, .rax = 0x0f),
	ROW(test_b_imm, 0x01, LOGIC),
	ROW(test_imm32, 0x80000000, LOGIC),
	ROW(lock_or, 0x1, LOGIC),
	ROW(lock_add64, 0x8000000000000000ULL, ARITH, .rax = 0x8000000000000000ULL),
	ROW(xchg_32, P8, ALL, .rax = 0xcafebabe),
	ROW(xchg_8, P8, ALL, .rcx = 0x99),
	ROW(xchg_r10, P8, ALL, .rdx = 0x1122334455667788ULL),
	ROW(bt_reg, 0x8, CF, .rax = 3),
	ROW(bt_reg, P8, CF, .rax = 67),		/* bit 3 of the dword at +8 */
	ROW(bts_imm, 0, CF),
	ROW(btr_reg64, 1ULL << 40, CF, .rcx = 40),
	ROW(btc_imm16, 0x8, CF),
	ROW(bts_reg, P8, CF, .rax = -1),	/* bit 31 of the dword at -4 */
	ROW(lock_btr, 0xff, CF, .rax = 7),
};

/*
 * Rows that check themselves: moffs, strings between RAM and the device, a
 * long REP, a fetch across a page.
 */

/* The device's address as moffs operands spell it, in the asm text. */
#define DEV_TEXT	"0xd0000000"
_Static_assert(DEV == 0xd0000000ULL, "DEV_TEXT must follow RTVMX_TEST_MMIO_GPA");

static void moffs_rows(void)
{
	uint64_t rax;
	uint32_t eax;
	uint16_t ax;
	uint8_t al;

	st64(DEV + 0x10, P8);
	/* a1 10 00 00 d0 00 00 00 00 */
	asm volatile("movabs " DEV_TEXT " + 0x10, %0" : "=a"(eax));
	GUEST_ASSERT_EQ(eax, 0x44332211);
	/* a0 13 00 00 d0 00 00 00 00 */
	asm volatile("movabs " DEV_TEXT " + 0x13, %0" : "=a"(al));
	GUEST_ASSERT_EQ(al, 0x44);
	/* 66 a1 16 00 00 d0 00 00 00 00 */
	asm volatile("movabs " DEV_TEXT " + 0x16, %0" : "=a"(ax));
	GUEST_ASSERT_EQ(ax, 0x8877);
	/* a3 18 00 00 d0 00 00 00 00 */
	asm volatile("movabs %0, " DEV_TEXT " + 0x18" : : "a"(0xa1b2c3d4) : "memory");
	GUEST_ASSERT_EQ(ld64(DEV + 0x18), 0xa1b2c3d4);
	/* 48 a3 20 00 00 d0 00 00 00 00 */
	asm volatile("movabs %0, " DEV_TEXT " + 0x20" : : "a"(0x0badc0dedeadba11ULL) : "memory");
	GUEST_ASSERT_EQ(ld64(DEV + 0x20), 0x0badc0dedeadba11ULL);
	/* 48 a1 1c 00 00 d0 00 00 00 00 */
	asm volatile("movabs " DEV_TEXT " + 0x1c, %0" : "=a"(rax));
	GUEST_ASSERT_EQ(rax, 0xdeadba1100000000ULL);
}

static const char text[] = "rtvmx: MMIO string copy, 32 bytes";

static void string_rows(void)
{
	uint64_t rsi, rdi, rcx;
	char back[32];
	unsigned int i;

	/* rep movsb from RAM into the device: f3 a4 */
	rsi = (uint64_t)text;
	rdi = DEV + 0x40;
	rcx = sizeof(back);
	asm volatile("rep movsb" : "+S"(rsi), "+D"(rdi), "+c"(rcx) : : "memory");
	GUEST_ASSERT(!rcx && rdi == DEV + 0x40 + sizeof(back));
	for (i = 0; i < sizeof(back); i++)
		GUEST_ASSERT_EQ(ld8(DEV + 0x40 + i), (uint8_t)text[i]);
	/* rep movsl from the device back into RAM: f3 a5 */
	memset(back, 0, sizeof(back));
	rsi = DEV + 0x40;
	rdi = (uint64_t)back;
	rcx = sizeof(back) / 4;
	asm volatile("rep movsl" : "+S"(rsi), "+D"(rdi), "+c"(rcx) : : "memory");
	GUEST_ASSERT(!rcx && rsi == DEV + 0x40 + sizeof(back));
	GUEST_ASSERT(!memcmp(back, text, sizeof(back)));
}

/* rep stosq of BIG_QWORDS: more than one emulation batch, so the exit resumes it. */
static void long_rep_row(void)
{
	uint64_t rdi = DEV + BIG_OFF, rcx = BIG_QWORDS;
	unsigned int i;

	st64(DEV + BIG_OFF - 8, 0);
	st64(DEV + BIG_OFF + 8 * BIG_QWORDS, 0);
	/* rep stosq: f3 48 ab */
	asm volatile("rep stosq" : "+D"(rdi), "+c"(rcx) : "a"(0x5555aaaa5555aaaaULL) : "memory");
	GUEST_ASSERT(!rcx && rdi == DEV + BIG_OFF + 8 * BIG_QWORDS);
	for (i = 0; i < BIG_QWORDS; i++)
		GUEST_ASSERT_EQ(ld64(DEV + BIG_OFF + 8 * i), 0x5555aaaa5555aaaaULL);
	GUEST_ASSERT_EQ(ld64(DEV + BIG_OFF - 8), 0);
	GUEST_ASSERT_EQ(ld64(DEV + BIG_OFF + 8 * BIG_QWORDS), 0);
}

/*
 * movl $0xcafef00d,(%rbx): c7 03 0d f0 fe ca, placed so that a 4 KiB page
 * boundary falls after its third byte: the emulator fetches it in two parts.
 */
asm(".pushsection .text.cross_page, \"ax\"\n"
    ".p2align 12\n"
    ".skip 4096 - 3, 0xcc\n"
    "cross_page_store:\n"
    "	movl $0xcafef00d, (%rbx)\n"
    "	ret\n"
    ".popsection");

static void cross_page_row(void)
{
	st64(DEV + 0x60, ~0ULL);
	asm volatile("call cross_page_store" : : "b"(DEV + 0x60) : "memory");
	GUEST_ASSERT_EQ(ld64(DEV + 0x60), 0xffffffffcafef00dULL);
}

static unsigned int run_table(void)
{
	static const struct mmio_table table = { rows, ARRAY_SIZE(rows), NULL };

	mmio_run_table(&table);
	moffs_rows();
	string_rows();
	long_rep_row();
	cross_page_row();
	return ARRAY_SIZE(rows) + 6 + 2 + 1 + 1;
}
/* The ends on purpose of --arg 1, 2, 3. */
static void misuse(unsigned long arg)
{
	uint64_t rsi = DEV, rdi = arg == 2 ? BEYOND_RAM : UNMAPPED_LA, rcx = 1;

	switch (arg) {
	case 1:
		guest_printf("mmio: inc of a device register\n");
		asm volatile("incl (%%rbx)" : : "b"(DEV) : "memory");	/* ff 03 */
		break;
	case 2:
	case 3:
		guest_printf("mmio: movsb from the device to %#lx\n", (unsigned long)rdi);
		asm volatile("rep movsb" : "+S"(rsi), "+D"(rdi), "+c"(rcx) : : "memory");
		break;
	}
	guest_printf("mmio: the VM went on\n");
}

/*
 * --arg 4: a known pattern into the device, through the emulator, for the
 * host to read back from its side (debugfs vm<id>/test_mmio), then halt.
 */
static void host_pattern(void)
{
	uint64_t rdi = DEV + 0x100, rcx = 16;

	*(volatile uint8_t *)(DEV + 0x10) = 0xa5;
	*(volatile uint16_t *)(DEV + 0x20) = 0x1234;
	*(volatile uint32_t *)(DEV + 0x30) = 0xdeadbeef;
	*(volatile uint64_t *)(DEV + 0x40) = 0x0123456789abcdefULL;
	asm volatile("rep stosb" : "+D"(rdi), "+c"(rcx) : "a"(0x5a) : "memory");
	guest_printf("mmio: pattern written\n");
	for (;;)
		asm volatile("cli; hlt");
}

int guest_main(unsigned long arg)
{
	unsigned int n;

	guest_printf("mmio: test device at %#llx\n", (unsigned long long)DEV);
	GUEST_ASSERT_EQ(ld32(DEV), 0);	/* the first access: it exits */
	if (arg == 4)
		host_pattern();
	if (arg == 5) {
		mmio_measure();	/* the bench: the cost only, under any hypervisor */
		GUEST_DONE();
	}
	if (arg) {
		misuse(arg);
		return 1;
	}
	n = run_table();
	guest_report("mmio: %u encodings checked against the test device", n);
	mmio_measure();
	GUEST_DONE();
}
