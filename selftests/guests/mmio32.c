// SPDX-License-Identifier: GPL-2.0
/*
 * mmio32: the MMIO encoding table in 32-bit protected mode without paging
 * ("rtvmx run --test-mmio mmio32.elf": an ELF32 boots RTVMX_BOOT_32BIT_FLAT),
 * each row checked here against the same instruction on guest RAM (see
 * lib/mmio_table.h). A second table reaches the operand through a segment
 * based at the window, with 16-bit addressing (the 0x67 prefix); moffs rows
 * check themselves. All of it runs three times: without paging, with 32-bit
 * paging (4 MiB pages) and with PAE paging (2 MiB pages), each identity-
 * mapping the 4 GiB, so rtvmx walks the guest's tables of each kind. Then
 * the cost of one emulated read and write without paging, printed as
 * "mmio_read_ticks: <avg>" and "mmio_write_ticks: <avg>".
 */
#include "mmio_table.h"

#define DEV		MMIO_DEV
/* The boot GDT's slot 0x20 (the upper half of the 64-bit TSS descriptor, unused in 32-bit mode). */
#define SEL_WINDOW	0x20

/* MOV */
INSN(mov_st8,		"mov %%al, (%%ebx)")			/* 88 03 */
INSN(mov_st16,		"mov %%ax, (%%ebx)")			/* 66 89 03 */
INSN(mov_st32,		"mov %%eax, (%%ebx)")			/* 89 03 */
INSN(mov_ld8,		"mov (%%ebx), %%cl")			/* 8a 0b */
INSN(mov_ld8_high,	"mov 0x1(%%ebx), %%ah")			/* 8a 63 01 */
INSN(mov_ld16,		"mov 0x2(%%ebx), %%dx")			/* 66 8b 53 02 */
INSN(mov_ld32,		"mov (%%ebx), %%ecx")			/* 8b 0b */
INSN(mov_sib,		"mov 0x8(%%ebx,%%esi,4), %%edx")	/* 8b 54 b3 08 */
INSN(mov_disp32,	"mov %%ecx, 0x80(%%ebx)")		/* 89 8b 80 00 00 00 */
INSN(mov_imm8,		"movb $0x5a, (%%ebx)")			/* c6 03 5a */
INSN(mov_imm16,		"movw $0x1234, 0x2(%%ebx)")		/* 66 c7 43 02 34 12 */
INSN(mov_imm32,		"movl $0xdeadbeef, (%%ebx)")		/* c7 03 ef be ad de */
INSN(mov_fs,		"mov %%fs:(%%ebx), %%eax")		/* 64 8b 03 (FS base 0) */
INSN(mov_sib_nobase,	"mov 0x0(,%%ebx,1), %%eax")		/* 8b 04 1d 00 00 00 00 */
/* MOVZX, MOVSX */
INSN(movzx_8,		"movzbl (%%ebx), %%eax")		/* 0f b6 03 */
INSN(movzx_16,		"movzwl (%%ebx), %%ecx")		/* 0f b7 0b */
INSN(movsx_8,		"movsbl (%%ebx), %%eax")		/* 0f be 03 */
INSN(movsx_16w,		"movsbw (%%ebx), %%dx")			/* 66 0f be 13 */
/* MOVS, STOS: ESI and EDI inside the window */
INSN(stosb,		"stosb")				/* aa */
INSN(rep_stosl,		"rep stosl")				/* f3 ab */
INSN(stosw,		"stosw")				/* 66 ab */
INSN(rep_movsb,		"rep movsb")				/* f3 a4 */
INSN(movsl,		"movsl")				/* a5 */
INSN(rep_movsw,		"rep movsw")				/* 66 f3 a5 */
/* ALU with memory operands */
INSN(or_mr,		"or %%eax, (%%ebx)")			/* 09 03 */
INSN(or_rm8,		"or (%%ebx), %%cl")			/* 0a 0b */
INSN(and_imm8,		"andl $0x0f, (%%ebx)")			/* 83 23 0f */
INSN(xor_rm,		"xor (%%ebx), %%ecx")			/* 33 0b */
INSN(add_mr,		"add %%eax, (%%ebx)")			/* 01 03 */
INSN(add_w_imm8,	"addw $-1, (%%ebx)")			/* 66 83 03 ff */
INSN(adc_mr,		"adc %%eax, (%%ebx)")			/* 11 03 */
INSN(sub_imm32,		"subl $0x10000, (%%ebx)")		/* 81 2b 00 00 01 00 */
INSN(sbb_rm8,		"sbb (%%ebx), %%al")			/* 1a 03 */
INSN(cmp_mr,		"cmp %%eax, (%%ebx)")			/* 39 03 */
INSN(cmp_b_imm,		"cmpb $0x80, (%%ebx)")			/* 80 3b 80 */
INSN(test_mr,		"test %%eax, (%%ebx)")			/* 85 03 */
INSN(test_w_imm,	"testw $0x8001, (%%ebx)")		/* 66 f7 03 01 80 */
INSN(lock_or,		"lock orl $0x100, (%%ebx)")		/* f0 81 0b 00 01 00 00 */
/* XCHG, BT* */
INSN(xchg_32,		"xchg %%eax, (%%ebx)")			/* 87 03 */
INSN(xchg_16,		"xchg %%dx, (%%ebx)")			/* 66 87 13 */
INSN(bt_reg,		"bt %%eax, (%%ebx)")			/* 0f a3 03 */
INSN(bts_imm,		"btsl $5, (%%ebx)")			/* 0f ba 2b 05 */
INSN(btr_reg,		"btr %%ecx, (%%ebx)")			/* 0f b3 0b */
INSN(btc_imm16,		"btcw $3, (%%ebx)")			/* 66 0f ba 3b 03 */

static const struct mmio_row rows[] = {
	ROW(mov_st8, P8, ALL, .rax = 0x5a, FL(ARITH)),
	ROW(mov_st16, P8, ALL, .rax = 0xffff1234),
	ROW(mov_st32, P8, ALL, .rax = 0xdeadbeef, FL(CF | ZF)),
	ROW(mov_ld8, P8, ALL, .rcx = ~0UL),
	ROW(mov_ld8_high, P8, ALL, .rax = 0),
	ROW(mov_ld16, P8, ALL, .rdx = ~0UL),
	ROW(mov_ld32, P8, ALL, .rcx = ~0UL, FL(SF)),
	ROW(mov_sib, P8, ALL, .rsi = 2, .rdx = ~0UL),
	ROW(mov_disp32, P8, ALL, .rcx = 0xcafef00d),
	ROW(mov_imm8, P8, ALL),
	ROW(mov_imm16, P8, ALL),
	ROW(mov_imm32, P8, ALL),
	ROW(mov_fs, P8, ALL, .rax = ~0UL),
	ROW(mov_sib_nobase, P8, ALL),
	ROW(movzx_8, 0x80, ALL, .rax = ~0UL),
	ROW(movzx_16, 0x8001, ALL, .rcx = ~0UL),
	ROW(movsx_8, 0x80, ALL),
	ROW(movsx_16w, 0x81, ALL, .rdx = ~0UL),
	STR(stosb, P8, .rax = 0xa5, .rdi = 4),
	STR(rep_stosl, P8, .rax = 0x11223344, .rcx = 8, .rdi = 0),
	STR(rep_stosl, P8, .rax = 0x55667788, .rcx = 8, .rdi = 28, FL(DF)),
	STR(stosw, P8, .rax = 0x0708, .rdi = 8),
	STR(rep_movsb, P8, .rsi = 0, .rdi = 32, .rcx = 16),
	STR(rep_movsb, P8, .rsi = 15, .rdi = -1, .rcx = 16, FL(DF)),
	STR(movsl, P8, .rsi = 0, .rdi = 64),
	STR(rep_movsw, P8, .rsi = 2, .rdi = 100, .rcx = 20),
	ROW(or_mr, 0xf0f0f0f0, LOGIC, .rax = 0x0f0f0f0f),
	ROW(or_rm8, 0x80, LOGIC, .rcx = 0x01),
	ROW(and_imm8, 0x12345678, LOGIC),
	ROW(xor_rm, 0xffff0000, LOGIC, .rcx = 0x0000ffff),
	ROW(add_mr, 0xffffffff, ARITH, .rax = 1),
	ROW(add_w_imm8, 0x8000, ARITH),
	ROW(adc_mr, 5, ARITH, .rax = 6, FL(CF)),
	ROW(sub_imm32, 0x8000, ARITH),
	ROW(sbb_rm8, 0x80, ARITH, .rax = 0, FL(CF)),
	ROW(cmp_mr, 0x1234, ARITH, .rax = 0x1234),
	ROW(cmp_b_imm, 0x7f, ARITH),
	ROW(test_mr, 0xf0, LOGIC, .rax = 0x0f),
	ROW(test_w_imm, 0x8000, LOGIC),
	ROW(lock_or, 0x1, LOGIC),
	ROW(xchg_32, P8, ALL, .rax = 0xcafebabe),
	ROW(xchg_16, P8, ALL, .rdx = 0x11223344),
	ROW(bt_reg, 0x8, CF, .rax = 3),
	ROW(bt_reg, P8, CF, .rax = 35),		/* bit 3 of the dword at +4 */
	ROW(bts_imm, 0, CF),
	ROW(btr_reg, 1UL << 20, CF, .rcx = 20),
	ROW(btc_imm16, 0x8, CF),
};

/* Through FS based at the window: 16-bit addressing (0x67), operands as offsets. */
INSN(a16_mov_ld,	"mov %%fs:(%%bx), %%eax")		/* 64 67 8b 07 */
INSN(a16_mov_st_si,	"mov %%dx, %%fs:0x4(%%bx,%%si)")	/* 64 67 66 89 50 04 */
INSN(a16_add_di,	"add %%fs:(%%bx,%%di), %%ecx")		/* 64 67 03 09 */
INSN(fs_moffs,		"mov %%fs:0x40, %%eax")			/* 64 a1 40 00 00 00 */
INSN(fs_movsb,		"rep movsb %%fs:(%%esi), %%es:(%%edi)")	/* 64 f3 a4 (to RAM at EDI) */

static const struct mmio_row seg_rows[] = {
	ROW(a16_mov_ld, P8, ALL, .rax = ~0UL),
	ROW(a16_mov_st_si, P8, ALL, .rdx = 0x7788, .rsi = 2),
	ROW(a16_add_di, 0x7fffffff, ARITH, .rcx = 1, .rdi = 0),
	ROW(fs_moffs, P8, ALL),	/* moffs 0x40 = MMIO_GUARD: the operand */
};

/* FS gets a data segment based at @window (0: back to the flat FS). */
static void select_window(unsigned long window)
{
	struct { uint16_t limit; uint32_t base; } __attribute__((packed)) gdtr;
	uint64_t *gdt;
	uint16_t sel = window ? SEL_WINDOW : RTVMX_BOOT_DS;

	asm volatile("sgdt %0" : "=m"(gdtr));
	gdt = (uint64_t *)gdtr.base;
	gdt[SEL_WINDOW / 8] = 0x00cf93000000ffffULL | (uint64_t)(window & 0xffffff) << 16 |
			      (uint64_t)(window >> 24) << 56;
	asm volatile("mov %0, %%fs" : : "rm"(sel) : "memory");
}

/* rep movsb from the device, through FS, into RAM: checked against the device's bytes. */
static void fs_string_row(void)
{
	static uint8_t dst[32];
	struct mmio_state s = { .rsi = MMIO_GUARD, .rdi = (unsigned long)dst, .rcx = sizeof(dst),
				.flags = RFLAGS_FIXED };
	unsigned int i;

	for (i = 0; i < sizeof(dst); i++)
		st8(DEV + MMIO_WIN_OFF + MMIO_GUARD + i, 0x30 + i);
	select_window(DEV + MMIO_WIN_OFF);
	fs_movsb(&s, 0);
	select_window(0);
	GUEST_ASSERT(!s.rcx && s.rsi == MMIO_GUARD + sizeof(dst));
	for (i = 0; i < sizeof(dst); i++)
		GUEST_ASSERT_EQ(dst[i], 0x30 + i);
}

#define DEV_TEXT	"0xd0000000"
_Static_assert(RTVMX_TEST_MMIO_GPA == 0xd0000000ULL, "DEV_TEXT must follow RTVMX_TEST_MMIO_GPA");

static void moffs_rows(void)
{
	uint32_t eax;
	uint16_t ax;
	uint8_t al;

	st64(DEV + 0x10, P8);
	asm volatile("mov " DEV_TEXT " + 0x10, %0" : "=a"(eax));	/* a1 10 00 00 d0 */
	GUEST_ASSERT_EQ(eax, 0x44332211);
	asm volatile("mov " DEV_TEXT " + 0x13, %0" : "=a"(al));	/* a0 13 00 00 d0 */
	GUEST_ASSERT_EQ(al, 0x44);
	asm volatile("mov " DEV_TEXT " + 0x16, %0" : "=a"(ax));	/* 66 a1 16 00 00 d0 */
	GUEST_ASSERT_EQ(ax, 0x8877);
	asm volatile("mov %0, " DEV_TEXT " + 0x18" : : "a"(0xa1b2c3d4) : "memory"); /* a3 18 00 00 d0 */
	GUEST_ASSERT_EQ(ld64(DEV + 0x18), 0xa1b2c3d4);
}

#define PTE_P		0x001
#define PTE_RW		0x002
#define PTE_PS		0x080		/* a large page */
#define CR0_PE		0x00000001
#define CR0_PG		0x80000000
#define CR4_PSE		0x010
#define CR4_PAE		0x020

static uint32_t pd32[1024] __attribute__((aligned(4096)));
static uint64_t pae_pd[4][512] __attribute__((aligned(4096)));
static uint64_t pae_pdpt[4] __attribute__((aligned(32)));

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

static void write_cr0(unsigned long v) { asm volatile("mov %0, %%cr0" : : "r"(v) : "memory"); }
static void write_cr3(unsigned long v) { asm volatile("mov %0, %%cr3" : : "r"(v) : "memory"); }
static void write_cr4(unsigned long v) { asm volatile("mov %0, %%cr4" : : "r"(v) : "memory"); }

/* Paging off, then on with CR4.PSE/PAE as @cr4_mode and CR3 = @cr3 (0: stays off). */
static void set_paging(unsigned long cr4_mode, unsigned long cr3)
{
	write_cr0(read_cr0() & ~CR0_PG);
	write_cr4((read_cr4() & ~(CR4_PSE | CR4_PAE)) | cr4_mode);
	if (!cr3)
		return;
	write_cr3(cr3);
	write_cr0(read_cr0() | CR0_PG);
}

/* 32-bit paging: 1024 4 MiB pages (SDM Vol. 3A 4.3). */
static void paging_32bit(void)
{
	unsigned int i;

	for (i = 0; i < 1024; i++)
		pd32[i] = (uint32_t)i << 22 | PTE_P | PTE_RW | PTE_PS;
	set_paging(CR4_PSE, (unsigned long)pd32);
}

/* PAE paging: 4 PDPTEs, 2048 2 MiB pages (SDM Vol. 3A 4.4); the CPU loads the PDPTEs at MOV CR0. */
static void paging_pae(void)
{
	unsigned int i, j;

	for (i = 0; i < 4; i++) {
		for (j = 0; j < 512; j++)
			pae_pd[i][j] = (uint64_t)i << 30 | (uint64_t)j << 21 | PTE_P | PTE_RW | PTE_PS;
		pae_pdpt[i] = (unsigned long)pae_pd[i] | PTE_P;
	}
	set_paging(CR4_PAE, (unsigned long)pae_pdpt);
}

static void run_all(const char *paging)
{
	static const struct mmio_table table = { rows, ARRAY_SIZE(rows), NULL };
	static const struct mmio_table seg_table = { seg_rows, ARRAY_SIZE(seg_rows), select_window };

	guest_printf("mmio32: %s\n", paging);
	mmio_run_table(&table);
	mmio_run_table(&seg_table);
	fs_string_row();
	moffs_rows();
}

int guest_main(unsigned long arg)
{
	(void)arg;
	GUEST_ASSERT((read_cr0() & (CR0_PE | CR0_PG)) == CR0_PE);
	guest_printf("mmio32: test device at %#lx\n", DEV);
	GUEST_ASSERT_EQ(ld32(DEV), 0);
	run_all("no paging");
	paging_32bit();
	run_all("32-bit paging, 4 MiB pages");
	paging_pae();
	run_all("PAE paging, 2 MiB pages");
	set_paging(0, 0);
	guest_report("mmio32: %u encodings checked against the test device, in 3 paging modes",
		     (unsigned int)(ARRAY_SIZE(rows) + ARRAY_SIZE(seg_rows) + 1 + 4));
	mmio_measure();
	GUEST_DONE();
}
