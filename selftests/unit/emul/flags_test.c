// SPDX-License-Identifier: GPL-2.0
/*
 * emul_alu() against the host CPU: every ALU operation at every size, on
 * edge values and seeded random ones, with CF in as 0 and 1. Result and
 * CF PF AF ZF SF OF must match; AF only where the SDM defines it (not after
 * AND, OR, XOR, TEST).
 */
#include <stdio.h>

#include "bits.h"
#include "flags.h"
#include "support.h"
#include "tap.h"

#define RANDOM_PAIRS	20000

/* CF in from bit 0 of cin; flags out via LAHF (SF ZF AF PF CF) and SETO. */
#define ALU_ASM(mn, m)							\
	asm("bt $0, %[cin]\n\t"						\
	    mn " %" m "[src], %" m "[dst]\n\t"				\
	    "lahf\n\t"							\
	    "seto %%al"							\
	    : [dst] "+r"(d), "=&a"(ax)					\
	    : [src] "r"(s), [cin] "r"(cin)				\
	    : "cc")

#define ALU_SIZES(mn)							\
	do {								\
		switch (size) {						\
		case 1:							\
			ALU_ASM(mn, "b");				\
			break;						\
		case 2:							\
			ALU_ASM(mn, "w");				\
			break;						\
		case 4:							\
			ALU_ASM(mn, "k");				\
			break;						\
		default:						\
			ALU_ASM(mn, "q");				\
			break;						\
		}							\
	} while (0)

static u64 native(unsigned int op, unsigned int size, u64 d, u64 s, u64 cin, u64 *flags)
{
	u64 ax = 0;

	switch (op) {
	case EMUL_OP_ADD:
		ALU_SIZES("add");
		break;
	case EMUL_OP_OR:
		ALU_SIZES("or");
		break;
	case EMUL_OP_ADC:
		ALU_SIZES("adc");
		break;
	case EMUL_OP_SBB:
		ALU_SIZES("sbb");
		break;
	case EMUL_OP_AND:
		ALU_SIZES("and");
		break;
	case EMUL_OP_SUB:
		ALU_SIZES("sub");
		break;
	case EMUL_OP_XOR:
		ALU_SIZES("xor");
		break;
	case EMUL_OP_CMP:
		ALU_SIZES("cmp");
		break;
	default:
		ALU_SIZES("test");
		break;
	}
	*flags = ((ax >> 8) & 0xd5) | (ax & 1 ? EMUL_RFLAGS_OF : 0);
	return d & emul_mask(size);
}

static const u64 edges[] = {
	0, 1, 2, 0x0f, 0x10, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff,
	0x7fffffff, 0x80000000, 0xffffffff, 0x7fffffffffffffffULL, 0x8000000000000000ULL, ~0ULL,
};

static bool logic_op(unsigned int op)
{
	return op == EMUL_OP_OR || op == EMUL_OP_AND || op == EMUL_OP_XOR || op == EMUL_OP_TEST;
}

/* One comparison; prints the first few mismatches. */
static bool same(unsigned int op, unsigned int size, u64 d, u64 s, u64 cin, unsigned int *bad)
{
	u64 mask = EMUL_RFLAGS_ARITH & ~(logic_op(op) ? EMUL_RFLAGS_AF : 0);
	u64 want_flags, rflags = cin ? EMUL_RFLAGS_CF : 0;
	u64 want = native(op, size, d, s, cin, &want_flags);
	u64 got = emul_alu(op, d, s, size, &rflags);
	bool writes = op != EMUL_OP_CMP && op != EMUL_OP_TEST;

	if ((!writes || got == want) && (rflags & mask) == (want_flags & mask))
		return true;
	if ((*bad)++ < 3)
		tap_diag("%s/%u %#llx, %#llx, cf %llu: got %#llx flags %#llx, cpu %#llx flags %#llx",
			 emul_op_name(op), size, d, s, cin, got, rflags & mask, want,
			 want_flags & mask);
	return false;
}

static void check_op(unsigned int op, unsigned int size)
{
	unsigned int i, j, n = 0, bad = 0;
	u64 cin;

	for (cin = 0; cin < 2; cin++) {
		for (i = 0; i < ARRAY_SIZE(edges); i++)
			for (j = 0; j < ARRAY_SIZE(edges); j++, n++)
				same(op, size, edges[i], edges[j], cin, &bad);
		for (i = 0; i < RANDOM_PAIRS; i++, n++)
			same(op, size, test_rand(), test_rand(), cin, &bad);
	}
	tap_check(!bad, "%s at %u bytes: %u operand pairs match the CPU (%u differ)",
		  emul_op_name(op), size, n, bad);
}

int main(void)
{
	static const unsigned int ops[] = {
		EMUL_OP_ADD, EMUL_OP_OR, EMUL_OP_ADC, EMUL_OP_SBB, EMUL_OP_AND,
		EMUL_OP_SUB, EMUL_OP_XOR, EMUL_OP_CMP, EMUL_OP_TEST,
	};
	unsigned int i, size;

	tap_start();
	test_srand(1);
	for (i = 0; i < ARRAY_SIZE(ops); i++)
		for (size = 1; size <= 8; size *= 2)
			check_op(ops[i], size);
	return tap_done();
}
