/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tables of MMIO instruction encodings, checked against the CPU itself: each
 * row runs once on a window of guest RAM and once on the same bytes in the
 * test device (RTVMX_TEST_MMIO_GPA), from the same registers and flags, and
 * the registers, the flags in the row's mask and the whole window must come
 * out the same. The mmio, mmio32 and mmio16 guests hold one table per mode.
 */
#ifndef RTVMX_GUEST_MMIO_TABLE_H
#define RTVMX_GUEST_MMIO_TABLE_H

#include "guest.h"

#define MMIO_DEV	((unsigned long)RTVMX_TEST_MMIO_GPA)
#define MMIO_GUARD	64			/* window bytes before the operand */
#define MMIO_WIN	(MMIO_GUARD + 256)	/* window: guard, operand and what follows */
#define MMIO_WIN_OFF	0x100			/* the window's offset in the device */

#define CF		0x0001UL
#define PF		0x0004UL
#define AF		0x0010UL
#define ZF		0x0040UL
#define SF		0x0080UL
#define DF		0x0400UL
#define OF		0x0800UL
#define RFLAGS_FIXED	0x0002UL
#define ARITH		(CF | PF | AF | ZF | SF | OF)
#define LOGIC		(CF | PF | ZF | SF | OF)	/* AF is undefined */
#define ALL		(ARITH | DF)	/* mov, xchg, strings: nothing changes */

/*
 * @a in a register: gas assembles a constant address in 16-bit code with a
 * 16-bit displacement, cutting off the device's address; through a register
 * it gets the 0x67 prefix and all 32 bits.
 */
static inline volatile void *mmio_ptr(unsigned long a)
{
	asm("" : "+r"(a));
	return (volatile void *)a;
}

static inline uint8_t ld8(unsigned long a) { return *(volatile uint8_t *)mmio_ptr(a); }
static inline uint16_t ld16(unsigned long a) { return *(volatile uint16_t *)mmio_ptr(a); }
static inline uint32_t ld32(unsigned long a) { return *(volatile uint32_t *)mmio_ptr(a); }
static inline uint64_t ld64(unsigned long a) { return *(volatile uint64_t *)mmio_ptr(a); }
static inline void st8(unsigned long a, uint8_t v) { *(volatile uint8_t *)mmio_ptr(a) = v; }
static inline void st32(unsigned long a, uint32_t v) { *(volatile uint32_t *)mmio_ptr(a) = v; }
static inline void st64(unsigned long a, uint64_t v) { *(volatile uint64_t *)mmio_ptr(a) = v; }

/* Registers an encoding reads and writes (as wide as the mode's registers). */
struct mmio_state {
	unsigned long rax, rcx, rdx, rsi, rdi;
	unsigned long flags;
};

#define REL_RSI		1	/* state.rsi is an offset from the operand */
#define REL_RDI		2

/* One encoding: it runs with RBX (EBX, BX) = @mem, the operand. */
struct mmio_row {
	const char *name;
	void (*fn)(struct mmio_state *s, unsigned long mem);
	uint64_t mem;		/* the operand's first 8 bytes */
	struct mmio_state s;
	unsigned long mask;	/* flags to compare */
	unsigned int rel;	/* REL_* */
};

#define ROW(f, m, mk, ...) { .name = #f, .fn = f, .mem = m, .mask = mk, .s = { __VA_ARGS__ } }
/* A string instruction: RSI and RDI are offsets from the operand. */
#define STR(f, m, ...)	{ .name = #f, .fn = f, .mem = m, .mask = ALL,			\
			  .rel = REL_RSI | REL_RDI, .s = { __VA_ARGS__ } }
#define FL(f)		.flags = RFLAGS_FIXED | (f)
#define P8		0x8877665544332211ULL

/*
 * One encoding, @text, run with RBX (EBX, BX) = the operand and RAX RCX RDX
 * RSI RDI and the flags (DF included) loaded from @s and stored back; DF is
 * clear again after. R9 and R10 are free for 64-bit rows.
 */
#ifdef __x86_64__
#define MMIO_PUSHF	"pushfq"
#define MMIO_POPF	"popfq"
#define MMIO_CLOBBERS	"r9", "r10", "memory", "cc"
#else
#define MMIO_PUSHF	"pushfl"
#define MMIO_POPF	"popfl"
#define MMIO_CLOBBERS	"memory", "cc"
#endif
#define INSN(name, text)							\
static void name(struct mmio_state *s, unsigned long mem)			\
{									\
	asm volatile("push %[fl]\n\t" MMIO_POPF "\n\t"			\
		     text "\n\t"						\
		     MMIO_PUSHF "\n\tpop %[fl]\n\tcld"				\
		     : "+a"(s->rax), "+c"(s->rcx), "+d"(s->rdx), "+S"(s->rsi),	\
		       "+D"(s->rdi), [fl] "+m"(s->flags)			\
		     : "b"(mem) : MMIO_CLOBBERS);				\
}

/*
 * How the rows reach a window. By default the operand is the window's linear
 * address + MMIO_GUARD. With @select, a real-mode table calls it with the
 * window's linear base before each run (to base segments there), passes the
 * operand as the offset MMIO_GUARD, and calls select(0) after the device run
 * to give the C code its segments back.
 */
struct mmio_table {
	const struct mmio_row *rows;
	unsigned int nr_rows;
	void (*select)(unsigned long window);
};

/* Runs every row; a mismatch ends the guest through guest_assert_fail(). */
void mmio_run_table(const struct mmio_table *t);

/*
 * The cost of one emulated 32-bit read and write of the device, averaged over
 * 1000 each and printed as "mmio_read_ticks: <avg>" and "mmio_write_ticks: <avg>".
 */
void mmio_measure(void);

#endif
