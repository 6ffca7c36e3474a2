// SPDX-License-Identifier: GPL-2.0
/*
 * mmio16: the MMIO encoding table in real mode ("rtvmx run --test-mmio
 * --boot real mmio16.elf"), each row checked here against the same
 * instruction on guest RAM (see lib/mmio_table.h). lib/start16.S gives the
 * data segments 4 GiB limits, so one table reaches the device with 32-bit
 * addresses (the 0x67 prefix) through DS; the other uses 16-bit addressing
 * through FS and ES based at the window by real_set_window(). Then the cost
 * of one emulated read and write ("mmio_read_ticks:", "mmio_write_ticks:").
 */
#include "mmio_table.h"

void real_set_window(unsigned long base);	/* lib/start16.S */

/* 32-bit addresses through DS (base 0, limit 4 GiB); operand sizes as 16-bit code has them. */
INSN(mov_st8,		"mov %%al, (%%ebx)")			/* 67 88 03 */
INSN(mov_st16,		"mov %%ax, (%%ebx)")			/* 67 89 03 */
INSN(mov_st32,		"mov %%eax, (%%ebx)")			/* 67 66 89 03 */
INSN(mov_ld16,		"mov (%%ebx), %%cx")			/* 67 8b 0b */
INSN(mov_ld32_sib,	"mov 0x8(%%ebx,%%esi,4), %%edx")	/* 67 66 8b 54 b3 08 */
INSN(mov_imm16,		"movw $0x1234, 0x2(%%ebx)")		/* 67 c7 43 02 34 12 */
INSN(movzx_8,		"movzbw (%%ebx), %%ax")			/* 67 0f b6 03 */
INSN(movsx_16,		"movswl (%%ebx), %%edx")		/* 67 66 0f bf 13 */
INSN(add_mr,		"add %%ax, (%%ebx)")			/* 67 01 03 */
INSN(or_mr32,		"or %%eax, (%%ebx)")			/* 67 66 09 03 */
INSN(sub_rm8,		"sub (%%ebx), %%cl")			/* 67 2a 0b */
INSN(cmp_b_imm,		"cmpb $0x80, (%%ebx)")			/* 67 80 3b 80 */
INSN(test_mr,		"test %%ax, (%%ebx)")			/* 67 85 03 */
INSN(xchg_16,		"xchg %%dx, (%%ebx)")			/* 67 87 13 */
INSN(bt_reg,		"bt %%ax, (%%ebx)")			/* 67 0f a3 03 */
INSN(bts_imm32,		"btsl $5, (%%ebx)")			/* 67 66 0f ba 2b 05 */
INSN(a32_rep_stosw,	"addr32 rep stosw")			/* 67 f3 ab */
INSN(a32_movsl,		"addr32 movsl")				/* 67 66 a5 */
INSN(a32_rep_movsb,	"addr32 rep movsb")			/* 67 f3 a4 */

static const struct mmio_row rows[] = {
	ROW(mov_st8, P8, ALL, .rax = 0x5a, FL(ARITH)),
	ROW(mov_st16, P8, ALL, .rax = 0xffff1234),
	ROW(mov_st32, P8, ALL, .rax = 0xdeadbeef, FL(CF | ZF)),
	ROW(mov_ld16, P8, ALL, .rcx = ~0UL),
	ROW(mov_ld32_sib, P8, ALL, .rsi = 2, .rdx = ~0UL),
	ROW(mov_imm16, P8, ALL),
	ROW(movzx_8, 0x80, ALL, .rax = ~0UL),
	ROW(movsx_16, 0x8000, ALL, .rdx = ~0UL),
	ROW(add_mr, 0xffff, ARITH, .rax = 1),
	ROW(or_mr32, 0xf0f0f0f0, LOGIC, .rax = 0x0f0f0f0f),
	ROW(sub_rm8, 3, ARITH, .rcx = 2),
	ROW(cmp_b_imm, 0x7f, ARITH),
	ROW(test_mr, 0x8000, LOGIC, .rax = 0x8001),
	ROW(xchg_16, P8, ALL, .rdx = 0x11223344),
	ROW(bt_reg, P8, CF, .rax = 19),		/* bit 3 of the word at +2 */
	ROW(bts_imm32, 0, CF),
	STR(a32_rep_stosw, P8, .rax = 0xa55a, .rcx = 9, .rdi = 2),
	STR(a32_movsl, P8, .rsi = 0, .rdi = 64),
	STR(a32_rep_movsb, P8, .rsi = 15, .rdi = -1, .rcx = 16, FL(DF)),
};

/* 16-bit addressing through FS and ES based at the window; the operand is the offset BX. */
INSN(fs_mov_ld,		"mov %%fs:(%%bx), %%ax")		/* 64 8b 07 */
INSN(fs_mov_st_si,	"mov %%al, %%fs:0x1(%%bx,%%si)")	/* 64 88 40 01 */
INSN(fs_mov_ld_di,	"mov %%fs:(%%bx,%%di), %%dl")		/* 64 8a 11 */
INSN(fs_mov_imm,	"movw $0xbeef, %%fs:(%%bx)")		/* 64 c7 07 ef be */
INSN(fs_moffs,		"mov %%fs:0x40, %%ax")			/* 64 a1 40 00 */
INSN(fs_mov_st32,	"mov %%eax, %%fs:(%%bx)")		/* 64 66 89 07 */
INSN(es_mov_ld32,	"mov %%es:(%%bx), %%ecx")		/* 26 66 8b 0f */
INSN(fs_movzx,		"movzbw %%fs:0x7(%%bx), %%cx")		/* 64 0f b6 4f 07 */
INSN(fs_add_rm,		"add %%fs:(%%bx), %%cx")		/* 64 03 0f */
INSN(fs_and_imm,	"andw $0x0f0f, %%fs:(%%bx)")		/* 64 81 27 0f 0f */
INSN(fs_xor_mr,		"xor %%dx, %%fs:(%%bx)")		/* 64 31 17 */
INSN(fs_xchg_8,		"xchg %%cl, %%fs:(%%bx)")		/* 64 86 0f */
INSN(fs_btr,		"btr %%ax, %%fs:(%%bx)")		/* 64 0f b3 07 */
INSN(stosw,		"stosw")				/* ab (ES:DI) */
INSN(rep_stosb,		"rep stosb")				/* f3 aa */
INSN(fs_movsw,		"movsw %%fs:(%%si), %%es:(%%di)")	/* 64 a5 */
INSN(fs_rep_movsb,	"rep movsb %%fs:(%%si), %%es:(%%di)")	/* 64 f3 a4 */

static const struct mmio_row seg_rows[] = {
	ROW(fs_mov_ld, P8, ALL, .rax = ~0UL),
	ROW(fs_mov_st_si, P8, ALL, .rax = 0x77, .rsi = 3),
	ROW(fs_mov_ld_di, P8, ALL, .rdx = ~0UL, .rdi = 5),
	ROW(fs_mov_imm, P8, ALL),
	ROW(fs_moffs, P8, ALL),		/* moffs 0x40 = MMIO_GUARD: the operand */
	ROW(fs_mov_st32, P8, ALL, .rax = 0x89abcdef),
	ROW(es_mov_ld32, P8, ALL, .rcx = 0),
	ROW(fs_movzx, P8, ALL, .rcx = ~0UL),
	ROW(fs_add_rm, 0xfffe, ARITH, .rcx = 3),
	ROW(fs_and_imm, 0xf0f0, LOGIC),
	ROW(fs_xor_mr, 0xffff, LOGIC, .rdx = 0x8000),
	ROW(fs_xchg_8, P8, ALL, .rcx = 0x42),
	ROW(fs_btr, 0x8000, CF, .rax = 15),
	STR(stosw, P8, .rax = 0x1234, .rdi = 6),
	STR(rep_stosb, P8, .rax = 0xee, .rcx = 24, .rdi = 1),
	STR(fs_movsw, P8, .rsi = 0, .rdi = 40),
	STR(fs_rep_movsb, P8, .rsi = 0, .rdi = 100, .rcx = 33),
	STR(fs_rep_movsb, P8, .rsi = 20, .rdi = 10, .rcx = 12, FL(DF)),
};

int guest_main(unsigned long arg)
{
	static const struct mmio_table table = { rows, ARRAY_SIZE(rows), NULL };
	static const struct mmio_table seg_table = { seg_rows, ARRAY_SIZE(seg_rows),
						     real_set_window };
	uint32_t cr0;

	(void)arg;
	asm volatile("mov %%cr0, %0" : "=r"(cr0));
	GUEST_ASSERT(!(cr0 & 1));	/* PE off: real mode */
	guest_printf("mmio16: test device at %#lx\n", MMIO_DEV);
	GUEST_ASSERT_EQ(ld32(MMIO_DEV), 0);
	mmio_run_table(&table);
	mmio_run_table(&seg_table);
	guest_report("mmio16: %u encodings checked against the test device",
		     (unsigned int)(ARRAY_SIZE(rows) + ARRAY_SIZE(seg_rows)));
	mmio_measure();
	GUEST_DONE();
}
