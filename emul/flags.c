// SPDX-License-Identifier: GPL-2.0
/*
 * ALU results and arithmetic flags (SDM Vol. 1, 3.4.3.1; Vol. 2 for each
 * instruction). Carry and overflow come from the operands' and result's
 * bits, so there is no wider type and no branch on the host's own flags.
 */
#include "emul_host.h"
#include "bits.h"
#include "flags.h"
#include "insn.h"
#include "x86.h"

/* PF: set when the low byte of the result has an even number of ones. */
static bool parity_even(u64 res)
{
	unsigned int v = res & 0xff;

	v ^= v >> 4;
	return !((0x6996 >> (v & 0xf)) & 1);
}

/* ZF, SF and PF of @res. */
static u64 flags_zsp(u64 res, unsigned int size)
{
	u64 f = 0;

	if (!res)
		f |= EMUL_RFLAGS_ZF;
	if (res & emul_msb(size))
		f |= EMUL_RFLAGS_SF;
	if (parity_even(res))
		f |= EMUL_RFLAGS_PF;
	return f;
}

/* @a + @b + @cin; operands already masked to @size. */
static u64 alu_add(u64 a, u64 b, u64 cin, unsigned int size, u64 *f)
{
	u64 res = (a + b + cin) & emul_mask(size);

	*f = flags_zsp(res, size);
	if (res < a || (cin && res == a))
		*f |= EMUL_RFLAGS_CF;
	if ((a ^ res) & (b ^ res) & emul_msb(size))
		*f |= EMUL_RFLAGS_OF;
	if ((a ^ b ^ res) & 0x10)
		*f |= EMUL_RFLAGS_AF;
	return res;
}

/* @a - @b - @bin; operands already masked to @size. */
static u64 alu_sub(u64 a, u64 b, u64 bin, unsigned int size, u64 *f)
{
	u64 res = (a - b - bin) & emul_mask(size);

	*f = flags_zsp(res, size);
	if (a < b || (bin && a == b))
		*f |= EMUL_RFLAGS_CF;
	if ((a ^ b) & (a ^ res) & emul_msb(size))
		*f |= EMUL_RFLAGS_OF;
	if ((a ^ b ^ res) & 0x10)
		*f |= EMUL_RFLAGS_AF;
	return res;
}

u64 emul_alu(unsigned int op, u64 dst, u64 src, unsigned int size, u64 *rflags)
{
	u64 cf = *rflags & EMUL_RFLAGS_CF ? 1 : 0;
	u64 res, f;

	dst &= emul_mask(size);
	src &= emul_mask(size);
	switch (op) {
	case EMUL_OP_ADD:
		res = alu_add(dst, src, 0, size, &f);
		break;
	case EMUL_OP_ADC:
		res = alu_add(dst, src, cf, size, &f);
		break;
	case EMUL_OP_SUB:
	case EMUL_OP_CMP:
		res = alu_sub(dst, src, 0, size, &f);
		break;
	case EMUL_OP_SBB:
		res = alu_sub(dst, src, cf, size, &f);
		break;
	case EMUL_OP_OR:
		res = dst | src;
		f = flags_zsp(res, size);
		break;
	case EMUL_OP_XOR:
		res = dst ^ src;
		f = flags_zsp(res, size);
		break;
	default:	/* AND, TEST */
		res = dst & src;
		f = flags_zsp(res, size);
		break;
	}
	*rflags = (*rflags & ~EMUL_RFLAGS_ARITH) | f;
	return res;
}
