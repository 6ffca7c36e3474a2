/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86 instruction decoder for the instructions guests use to reach
 * memory-mapped devices.
 *
 * Supported (opcode maps in opcodes.c, one line per encoding):
 *   MOV        88-8B, A0-A3 (moffs), B0-BF (imm), C6 /0, C7 /0
 *   MOVZX      0F B6, 0F B7          MOVSX  0F BE, 0F BF
 *   MOVSXD     REX.W 63 (64-bit mode)
 *   MOVS/STOS  A4, A5, AA, AB, with and without REP (F3, or F2 which acts alike)
 *   ADD OR ADC SBB AND SUB XOR CMP   00-3D (the six forms each), 80, 81, 82 (not
 *              in 64-bit mode), 83
 *   TEST       84, 85, A8, A9, F6 /0, F7 /0
 *   XCHG       86, 87
 *   BT BTS BTR BTC   0F A3, 0F AB, 0F B3, 0F BB, 0F BA /4-/7
 * with the legacy prefixes 66, 67, F0, F2, F3, 26, 2E, 36, 3E, 64, 65, REX,
 * 16/32/64-bit modes, ModRM/SIB in all forms, 16-bit addressing and
 * RIP-relative addressing. Register-only forms decode (and execute) too.
 *
 * What emul_decode() returns, and the policy the emulator applies (emul.h):
 *   0            decoded; the instruction is in struct emul_insn.
 *   -EILSEQ      architecturally undefined, so the guest gets #UD: LOCK on an
 *                instruction or operand that cannot be locked; UD0/UD1/UD2
 *                (0F FF, 0F B9, 0F 0B); C6/C7 /1-/6; 0F BA /0-/3; one-byte
 *                opcodes invalid in 64-bit mode (06 07 0E 16 17 1E 1F 27 2F 37
 *                3F 60 61 82 9A CE D4 D5 D6 EA).
 *   -EOPNOTSUPP  anything else we do not emulate. The VM stops with reason
 *                EMUL_UNSUPPORTED; insn->opcode (and insn->modrm for groups)
 *                says what it was. The CPU has just executed the instruction up
 *                to its memory access, so it is valid: injecting #UD would lie
 *                to the guest. When in doubt (C6/C7 /7 may be XABORT/XBEGIN),
 *                the decoder says -EOPNOTSUPP, never -EILSEQ.
 *   -E2BIG       longer than 15 bytes: #GP(0).
 *   -ENODATA     the bytes ran out before the instruction ended.
 *   -EINVAL      @mode is not an enum emul_mode.
 * On failure, the fields whose got flag is set are valid.
 */
#ifndef EMUL_INSN_H
#define EMUL_INSN_H

#include "emul_host.h"

#define EMUL_INSN_MAX	15	/* longest legal instruction (SDM Vol. 2, 2.3.11) */

/* CPU mode as the decoder sees it: the default address size in bytes. */
enum emul_mode {
	EMUL_MODE16 = 2,
	EMUL_MODE32 = 4,
	EMUL_MODE64 = 8,
};

enum emul_op {
	EMUL_OP_NONE,
	EMUL_OP_MOV,
	EMUL_OP_MOVZX,
	EMUL_OP_MOVSX,
	EMUL_OP_MOVSXD,
	EMUL_OP_MOVS,
	EMUL_OP_STOS,
	EMUL_OP_ADD,
	EMUL_OP_OR,
	EMUL_OP_ADC,
	EMUL_OP_SBB,
	EMUL_OP_AND,
	EMUL_OP_SUB,
	EMUL_OP_XOR,
	EMUL_OP_CMP,
	EMUL_OP_TEST,
	EMUL_OP_XCHG,
	EMUL_OP_BT,
	EMUL_OP_BTS,
	EMUL_OP_BTR,
	EMUL_OP_BTC,
	EMUL_OP_NR,
};

/*
 * One decoding step's result (after the kernel's struct insn_field): got says
 * the step ran, nbytes how many bytes it consumed (0: the field is absent),
 * value the bytes, little-endian, zero-extended (the operands hold the
 * sign-extended displacement and immediate).
 */
struct emul_field {
	u64 value;
	u8 nbytes;
	bool got;
};

struct emul_prefixes {
	u8 nbytes;		/* bytes before the opcode, the REX that counts excluded */
	u8 rep;			/* 0, 0xf2 or 0xf3: the last one given */
	u8 seg;			/* enum emul_sreg of the last override, or EMUL_SEG_NONE */
	bool lock;
	bool opsize;		/* 66 */
	bool addrsize;		/* 67 */
	bool got;
};

struct emul_opcode {
	u8 bytes[2];		/* 0F xx, or one byte */
	u8 nbytes;		/* 1: one-byte map; 2: 0F map */
	bool got;
};

enum emul_operand_type {
	EMUL_OPND_NONE,
	EMUL_OPND_REG,
	EMUL_OPND_MEM,
	EMUL_OPND_IMM,
};

/* seg:[base + index * scale + disp], wrapped to the address size */
struct emul_mem {
	s64 disp;		/* displacement or moffs, sign-extended */
	u8 seg;			/* segment used: the override, or DS/SS/ES by default */
	u8 base;		/* enum emul_gpr, EMUL_RIP, or EMUL_REG_NONE */
	u8 index;		/* enum emul_gpr or EMUL_REG_NONE */
	u8 scale;		/* 1, 2, 4 or 8 */
};

#define EMUL_REG_NONE	0xff

struct emul_operand {
	u8 type;		/* enum emul_operand_type */
	u8 size;		/* bytes: 1, 2, 4 or 8 (an immediate: its encoded size) */
	u8 reg;			/* EMUL_OPND_REG: enum emul_gpr */
	bool high8;		/* EMUL_OPND_REG: AH, CH, DH or BH (bits 15:8 of reg) */
	struct emul_mem mem;	/* EMUL_OPND_MEM */
	s64 imm;		/* EMUL_OPND_IMM: sign-extended to 64 bits */
};

struct emul_insn {
	u8 bytes[EMUL_INSN_MAX];
	u8 avail;		/* valid bytes in bytes[] */
	u8 mode;		/* enum emul_mode */
	u8 len;			/* bytes consumed so far; the length once decoded */

	/* Decoding steps, in order. */
	struct emul_prefixes prefixes;
	struct emul_field rex;
	struct emul_opcode opcode;
	struct emul_field modrm;
	struct emul_field sib;
	struct emul_field disp;		/* ModRM displacement, or moffs */
	struct emul_field imm;

	/* What the bytes mean. */
	u8 op;			/* enum emul_op */
	u8 opsize;		/* operand size in bytes: 2, 4 or 8 */
	u8 addrsize;		/* address size in bytes: 2, 4 or 8 */
	struct emul_operand dst;	/* Intel operand order: dst, src */
	struct emul_operand src;
};

/*
 * Decodes the instruction at @bytes (@avail bytes readable, at most 15 are
 * looked at) for a CPU in @mode. Fills @insn; returns 0 or a -Exxx above.
 */
int emul_decode(struct emul_insn *insn, const u8 *bytes, unsigned int avail,
		enum emul_mode mode);

/* Lower-case mnemonic of @op ("mov", "add", ...), "?" when out of range. */
const char *emul_op_name(unsigned int op);

#endif
