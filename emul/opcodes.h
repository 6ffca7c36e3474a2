/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Opcode tables (internal to emul/): what each supported opcode byte means,
 * written in the SDM's operand notation (Vol. 2, Appendix A.2).
 */
#ifndef EMUL_OPCODES_H
#define EMUL_OPCODES_H

#include "emul_host.h"
#include "insn.h"

/* Operand kinds (SDM A.2.1 addressing methods) */
enum emul_okind {
	EMUL_K_NONE,
	EMUL_K_E,	/* ModRM r/m: register or memory */
	EMUL_K_G,	/* ModRM reg */
	EMUL_K_I,	/* immediate */
	EMUL_K_A,	/* the accumulator: AL, AX, EAX, RAX */
	EMUL_K_O,	/* moffs: an address-size offset, no ModRM */
	EMUL_K_Z,	/* register in the opcode's low 3 bits (+ REX.B) */
	EMUL_K_X,	/* DS:rSI, segment overridable */
	EMUL_K_Y,	/* ES:rDI */
};

/* Operand sizes (SDM A.2.2 operand types) */
enum emul_osize {
	EMUL_S_B = 1,	/* byte */
	EMUL_S_W,	/* word */
	EMUL_S_V,	/* operand size: 2, 4 or 8 */
	EMUL_S_Z,	/* operand size capped at 4 (the iz immediates, MOVSXD's source) */
};

#define EMUL_OPND(kind, size)	((kind) | ((size) << 4))
#define EMUL_OPND_KIND(spec)	((spec) & 0xf)
#define EMUL_OPND_SIZE(spec)	((spec) >> 4)

/* Flags of an opcode */
#define EMUL_D_GROUP	(1u << 0)	/* op is a group: ModRM.reg picks the operation */
#define EMUL_D_NO64	(1u << 1)	/* undefined in 64-bit mode */
#define EMUL_D_REXW	(1u << 2)	/* supported with REX.W only, and in 64-bit mode only */

struct emul_opdesc {
	u8 op;		/* enum emul_op, or enum emul_grp with EMUL_D_GROUP */
	u8 flags;	/* EMUL_D_* */
	u8 dst;		/* EMUL_OPND(kind, size) */
	u8 src;
};

enum emul_grp {
	EMUL_GRP1,	/* 80-83: ADD OR ADC SBB AND SUB XOR CMP */
	EMUL_GRP3,	/* F6/F7: TEST, then NOT NEG MUL IMUL DIV IDIV (not emulated) */
	EMUL_GRP8,	/* 0F BA: BT BTS BTR BTC at /4-/7 */
	EMUL_GRP11,	/* C6/C7: MOV at /0 */
	EMUL_NR_GRPS,
};

struct emul_group {
	u8 ops[8];	/* by ModRM.reg; EMUL_OP_NONE: not emulated */
	u8 undefined;	/* bit n set: ModRM.reg == n is #UD */
};

/* Properties of an operation */
#define EMUL_OPF_LOCK	(1u << 0)	/* LOCK allowed when the destination is memory */
#define EMUL_OPF_RD_DST	(1u << 1)	/* reads its destination */
#define EMUL_OPF_WR_DST	(1u << 2)	/* writes its destination */
#define EMUL_OPF_WR_SRC	(1u << 3)	/* writes its source too (XCHG) */

/* The opcode's entry in @map (1: one-byte, 2: 0F), or NULL if not emulated. */
const struct emul_opdesc *emul_opdesc(unsigned int map, u8 opcode);
const struct emul_group *emul_group(unsigned int grp);
/* True when an opcode that has no entry is architecturally undefined (#UD). */
bool emul_opcode_undefined(unsigned int map, u8 opcode, enum emul_mode mode);
unsigned int emul_op_flags(unsigned int op);

#endif
