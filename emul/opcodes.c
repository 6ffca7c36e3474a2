// SPDX-License-Identifier: GPL-2.0
/*
 * Opcode tables: one entry per supported opcode, with the bytes and the SDM
 * form in a comment. Operand notation (SDM Vol. 2, Appendix A.2): E r/m, G reg,
 * I immediate, A accumulator, O moffs, Z register in the opcode, X DS:rSI,
 * Y ES:rDI; b byte, w word, v operand size, z operand size capped at 4.
 */
#include "emul_host.h"
#include "opcodes.h"

#define K(x)		EMUL_K_##x
#define S(x)		EMUL_S_##x
#define OPND(k, s)	EMUL_OPND(K(k), S(s))
#define OP(x)		EMUL_OP_##x

#define D(op, dk, ds, sk, ss) \
	{ OP(op), 0, OPND(dk, ds), OPND(sk, ss) }
#define G(grp, flags, dk, ds, sk, ss) \
	{ EMUL_##grp, EMUL_D_GROUP | (flags), OPND(dk, ds), OPND(sk, ss) }

/* The six encodings of each classic ALU operation, at @base .. @base + 5 */
#define ALU_ROW(base, op)				\
	[(base) + 0] = D(op, E, B, G, B),		\
	[(base) + 1] = D(op, E, V, G, V),		\
	[(base) + 2] = D(op, G, B, E, B),		\
	[(base) + 3] = D(op, G, V, E, V),		\
	[(base) + 4] = D(op, A, B, I, B),		\
	[(base) + 5] = D(op, A, V, I, Z)

#define ROW8(base, entry)						\
	[(base) + 0] = entry, [(base) + 1] = entry, [(base) + 2] = entry,	\
	[(base) + 3] = entry, [(base) + 4] = entry, [(base) + 5] = entry,	\
	[(base) + 6] = entry, [(base) + 7] = entry

static const struct emul_opdesc one_byte[256] = {
	/* x0 /r Eb,Gb; x1 /r Ev,Gv; x2 /r Gb,Eb; x3 /r Gv,Ev; x4 ib AL,Ib; x5 iz rAX,Iz */
	ALU_ROW(0x00, ADD),	/* 00-05 ADD */
	ALU_ROW(0x08, OR),	/* 08-0D OR */
	ALU_ROW(0x10, ADC),	/* 10-15 ADC */
	ALU_ROW(0x18, SBB),	/* 18-1D SBB */
	ALU_ROW(0x20, AND),	/* 20-25 AND */
	ALU_ROW(0x28, SUB),	/* 28-2D SUB */
	ALU_ROW(0x30, XOR),	/* 30-35 XOR */
	ALU_ROW(0x38, CMP),	/* 38-3D CMP */
	/* REX.W 63 /r		MOVSXD Gv, Ed */
	[0x63] = { OP(MOVSXD), EMUL_D_REXW, OPND(G, V), OPND(E, Z) },
	/* 80 /n ib		ADD..CMP Eb, Ib */
	[0x80] = G(GRP1, 0, E, B, I, B),
	/* 81 /n iz		ADD..CMP Ev, Iz */
	[0x81] = G(GRP1, 0, E, V, I, Z),
	/* 82 /n ib		ADD..CMP Eb, Ib (alias of 80, not in 64-bit mode) */
	[0x82] = G(GRP1, EMUL_D_NO64, E, B, I, B),
	/* 83 /n ib		ADD..CMP Ev, Ib (sign-extended) */
	[0x83] = G(GRP1, 0, E, V, I, B),
	/* 84 /r		TEST Eb, Gb */
	[0x84] = D(TEST, E, B, G, B),
	/* 85 /r		TEST Ev, Gv */
	[0x85] = D(TEST, E, V, G, V),
	/* 86 /r		XCHG Eb, Gb */
	[0x86] = D(XCHG, E, B, G, B),
	/* 87 /r		XCHG Ev, Gv */
	[0x87] = D(XCHG, E, V, G, V),
	/* 88 /r		MOV Eb, Gb */
	[0x88] = D(MOV, E, B, G, B),
	/* 89 /r		MOV Ev, Gv */
	[0x89] = D(MOV, E, V, G, V),
	/* 8A /r		MOV Gb, Eb */
	[0x8a] = D(MOV, G, B, E, B),
	/* 8B /r		MOV Gv, Ev */
	[0x8b] = D(MOV, G, V, E, V),
	/* A0 moffs		MOV AL, Ob */
	[0xa0] = D(MOV, A, B, O, B),
	/* A1 moffs		MOV rAX, Ov */
	[0xa1] = D(MOV, A, V, O, V),
	/* A2 moffs		MOV Ob, AL */
	[0xa2] = D(MOV, O, B, A, B),
	/* A3 moffs		MOV Ov, rAX */
	[0xa3] = D(MOV, O, V, A, V),
	/* A4			MOVSB Yb, Xb */
	[0xa4] = D(MOVS, Y, B, X, B),
	/* A5			MOVSW/D/Q Yv, Xv */
	[0xa5] = D(MOVS, Y, V, X, V),
	/* A8 ib		TEST AL, Ib */
	[0xa8] = D(TEST, A, B, I, B),
	/* A9 iz		TEST rAX, Iz */
	[0xa9] = D(TEST, A, V, I, Z),
	/* AA			STOSB Yb, AL */
	[0xaa] = D(STOS, Y, B, A, B),
	/* AB			STOSW/D/Q Yv, rAX */
	[0xab] = D(STOS, Y, V, A, V),
	/* B0+r ib		MOV Zb, Ib */
	ROW8(0xb0, D(MOV, Z, B, I, B)),
	/* B8+r iv		MOV Zv, Iv (imm64 with REX.W) */
	ROW8(0xb8, D(MOV, Z, V, I, V)),
	/* C6 /0 ib		MOV Eb, Ib */
	[0xc6] = G(GRP11, 0, E, B, I, B),
	/* C7 /0 iz		MOV Ev, Iz */
	[0xc7] = G(GRP11, 0, E, V, I, Z),
	/* F6 /0 ib		TEST Eb, Ib */
	[0xf6] = G(GRP3, 0, E, B, I, B),
	/* F7 /0 iz		TEST Ev, Iz */
	[0xf7] = G(GRP3, 0, E, V, I, Z),
};

static const struct emul_opdesc two_byte[256] = {
	/* 0F A3 /r		BT Ev, Gv */
	[0xa3] = D(BT, E, V, G, V),
	/* 0F AB /r		BTS Ev, Gv */
	[0xab] = D(BTS, E, V, G, V),
	/* 0F B3 /r		BTR Ev, Gv */
	[0xb3] = D(BTR, E, V, G, V),
	/* 0F B6 /r		MOVZX Gv, Eb */
	[0xb6] = D(MOVZX, G, V, E, B),
	/* 0F B7 /r		MOVZX Gv, Ew */
	[0xb7] = D(MOVZX, G, V, E, W),
	/* 0F BA /n ib		BT/BTS/BTR/BTC Ev, Ib */
	[0xba] = G(GRP8, 0, E, V, I, B),
	/* 0F BB /r		BTC Ev, Gv */
	[0xbb] = D(BTC, E, V, G, V),
	/* 0F BE /r		MOVSX Gv, Eb */
	[0xbe] = D(MOVSX, G, V, E, B),
	/* 0F BF /r		MOVSX Gv, Ew */
	[0xbf] = D(MOVSX, G, V, E, W),
};

static const struct emul_group groups[EMUL_NR_GRPS] = {
	[EMUL_GRP1] = {
		.ops = { OP(ADD), OP(OR), OP(ADC), OP(SBB), OP(AND), OP(SUB), OP(XOR), OP(CMP) },
	},
	[EMUL_GRP3] = {
		/* /1 is an undocumented TEST alias; /2-/7 NOT NEG MUL IMUL DIV IDIV */
		.ops = { OP(TEST) },
	},
	[EMUL_GRP8] = {
		.ops = { [4] = OP(BT), OP(BTS), OP(BTR), OP(BTC) },
		.undefined = 0x0f,
	},
	[EMUL_GRP11] = {
		/* /7 with ModRM F8 is XABORT (C6) or XBEGIN (C7): not #UD */
		.ops = { OP(MOV) },
		.undefined = 0x7e,
	},
};

#define RD	EMUL_OPF_RD_DST
#define WR	EMUL_OPF_WR_DST
#define RMW	(EMUL_OPF_RD_DST | EMUL_OPF_WR_DST)
#define LOCK	EMUL_OPF_LOCK

static const struct {
	const char *name;
	u8 flags;
} ops[EMUL_OP_NR] = {
	[OP(NONE)]	= { "?", 0 },
	[OP(MOV)]	= { "mov", WR },
	[OP(MOVZX)]	= { "movzx", WR },
	[OP(MOVSX)]	= { "movsx", WR },
	[OP(MOVSXD)]	= { "movsxd", WR },
	[OP(MOVS)]	= { "movs", WR },
	[OP(STOS)]	= { "stos", WR },
	[OP(ADD)]	= { "add", RMW | LOCK },
	[OP(OR)]	= { "or", RMW | LOCK },
	[OP(ADC)]	= { "adc", RMW | LOCK },
	[OP(SBB)]	= { "sbb", RMW | LOCK },
	[OP(AND)]	= { "and", RMW | LOCK },
	[OP(SUB)]	= { "sub", RMW | LOCK },
	[OP(XOR)]	= { "xor", RMW | LOCK },
	[OP(CMP)]	= { "cmp", RD },
	[OP(TEST)]	= { "test", RD },
	[OP(XCHG)]	= { "xchg", RMW | LOCK | EMUL_OPF_WR_SRC },
	[OP(BT)]	= { "bt", RD },
	[OP(BTS)]	= { "bts", RMW | LOCK },
	[OP(BTR)]	= { "btr", RMW | LOCK },
	[OP(BTC)]	= { "btc", RMW | LOCK },
};

/* One-byte opcodes that are #UD in 64-bit mode (SDM Vol. 2, Table A-2 "i64") */
static const u8 invalid64[] = {
	0x06, 0x07, 0x0e, 0x16, 0x17, 0x1e, 0x1f, 0x27, 0x2f, 0x37, 0x3f,
	0x60, 0x61, 0x82, 0x9a, 0xce, 0xd4, 0xd5, 0xd6, 0xea,
};

/* 0F opcodes that are #UD everywhere: UD2, UD1, UD0 */
static const u8 invalid_0f[] = { 0x0b, 0xb9, 0xff };

const struct emul_opdesc *emul_opdesc(unsigned int map, u8 opcode)
{
	const struct emul_opdesc *d = map == 1 ? &one_byte[opcode] : &two_byte[opcode];

	if (map != 1 && map != 2)
		return NULL;
	return d->op == OP(NONE) && !(d->flags & EMUL_D_GROUP) ? NULL : d;
}

const struct emul_group *emul_group(unsigned int grp)
{
	return grp < EMUL_NR_GRPS ? &groups[grp] : NULL;
}

static bool byte_in(u8 b, const u8 *set, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (set[i] == b)
			return true;
	return false;
}

bool emul_opcode_undefined(unsigned int map, u8 opcode, enum emul_mode mode)
{
	if (map == 2)
		return byte_in(opcode, invalid_0f, ARRAY_SIZE(invalid_0f));
	return mode == EMUL_MODE64 && byte_in(opcode, invalid64, ARRAY_SIZE(invalid64));
}

unsigned int emul_op_flags(unsigned int op)
{
	return op < EMUL_OP_NR ? ops[op].flags : 0;
}

const char *emul_op_name(unsigned int op)
{
	return op < EMUL_OP_NR ? ops[op].name : "?";
}
