// SPDX-License-Identifier: GPL-2.0
/*
 * Differential test of the decoder against Capstone: for every instruction
 * our decoder accepts, Capstone must agree on the length, the operation, the
 * LOCK/REP prefixes and each operand (register; base, index, scale,
 * displacement, segment and size of memory; immediate value). Inputs: the
 * tables, then seeded random byte strings in all three modes (compared where
 * our decoder accepts them), then seeded random strings built from random
 * prefixes, a supported opcode and random bytes, which reach the supported
 * space far more often. Prints the compared and mismatch counts per set.
 *
 * Capstone 4.0.2 (Debian 12) gets three things wrong that binutils' objdump
 * and the SDM get right; for those the comparison skips just the field
 * Capstone cannot report, and counts how often it did:
 *   Q1 66 before an F2 or F3: Capstone reports the operand size without the
 *      66 ("66 f2 81 b4 1f 59 c3 b2 85 bc e9" is "xor dword ptr [...],
 *      0xe9bc" with a 16-bit immediate and length 11; objdump: "repnz xor
 *      WORD PTR [...],0xe9bc"), and refuses MOV moffs ("36 66 f2 a1 22 34 4e
 *      1a"; objdump: "repnz mov ax,ss:0x1a4e3422"). Registers are compared by
 *      number, memory and MOVS/STOS without their size; the refused MOVs are
 *      counted, not compared.
 *   Q2 F0 with F2 or F3: cs_x86.prefix[0] holds one of them and the LOCK is
 *      lost ("f0 64 f2 0f bb 3a" is "btc"; objdump: "lock xacquire btc").
 *      LOCK is not compared then.
 *   Q3 F2 A5 loses its REPNE ("movsd", taken for the SSE2 MOVSD; objdump:
 *      "repnz movs DWORD PTR es:[rdi],DWORD PTR ds:[rsi]"). REP is not
 *      compared then.
 *
 *   capstone_diff [random-count [seed]]     (default 1000000, 1)
 */
#include <capstone/capstone.h>
#include <stdio.h>
#include <stdlib.h>

#include "bits.h"
#include "cases.h"
#include "opcodes.h"
#include "tap.h"

#define SHOW_MAX	10

enum quirk {
	Q1_REP_OPSIZE = 1 << 0,
	Q2_LOCK_REP = 1 << 1,
	Q3_REPNE_MOVSD = 1 << 2,
};

struct diff {
	csh cs[3];		/* 16-, 32-, 64-bit */
	cs_insn *ci;
	unsigned long decoded, compared, mismatches, quirks[3], q1_refused;
	unsigned int quirk;	/* of the instruction being compared */
	char why[160];
};

/* Q1: does a 66 come before the last F2/F3? */
static bool opsize_before_rep(const struct emul_insn *insn)
{
	int i, first66 = -1, last_rep = -1;

	for (i = 0; i < insn->prefixes.nbytes; i++) {
		if (insn->bytes[i] == 0x66 && first66 < 0)
			first66 = i;
		if (insn->bytes[i] == 0xf2 || insn->bytes[i] == 0xf3)
			last_rep = i;
	}
	return first66 >= 0 && first66 < last_rep;
}

static unsigned int quirks_of(const struct emul_insn *insn)
{
	const struct emul_prefixes *p = &insn->prefixes;
	unsigned int q = 0;

	if (opsize_before_rep(insn))
		q |= Q1_REP_OPSIZE;
	if (p->lock && p->rep)
		q |= Q2_LOCK_REP;
	if (insn->op == EMUL_OP_MOVS && p->rep == 0xf2 && insn->opcode.bytes[0] == 0xa5)
		q |= Q3_REPNE_MOVSD;
	return q;
}

/* Q1: the GPR a Capstone register name stands for, whatever its width. */
static bool same_gpr(const char *cs_reg, const struct emul_operand *o)
{
	static const unsigned int sizes[] = { 1, 2, 4, 8 };
	unsigned int i;

	if (o->high8)
		return !strcmp(cs_reg, reg_name(o->reg, 1, true));
	for (i = 0; i < ARRAY_SIZE(sizes); i++)
		if (!strcmp(cs_reg, reg_name(o->reg, sizes[i], false)))
			return true;
	return false;
}

static unsigned int mode_index(unsigned int mode)
{
	return mode == EMUL_MODE16 ? 0 : mode == EMUL_MODE32 ? 1 : 2;
}

static bool id_ok(const struct emul_insn *insn, unsigned int id, bool q1)
{
	static const unsigned int movs[] = { 0, X86_INS_MOVSB, X86_INS_MOVSW, 0, X86_INS_MOVSD,
					     0, 0, 0, X86_INS_MOVSQ };
	static const unsigned int stos[] = { 0, X86_INS_STOSB, X86_INS_STOSW, 0, X86_INS_STOSD,
					     0, 0, 0, X86_INS_STOSQ };
	static const unsigned int ids[EMUL_OP_NR] = {
		[EMUL_OP_MOV] = X86_INS_MOV, [EMUL_OP_MOVZX] = X86_INS_MOVZX,
		[EMUL_OP_MOVSX] = X86_INS_MOVSX, [EMUL_OP_MOVSXD] = X86_INS_MOVSXD,
		[EMUL_OP_ADD] = X86_INS_ADD, [EMUL_OP_OR] = X86_INS_OR,
		[EMUL_OP_ADC] = X86_INS_ADC, [EMUL_OP_SBB] = X86_INS_SBB,
		[EMUL_OP_AND] = X86_INS_AND, [EMUL_OP_SUB] = X86_INS_SUB,
		[EMUL_OP_XOR] = X86_INS_XOR, [EMUL_OP_CMP] = X86_INS_CMP,
		[EMUL_OP_TEST] = X86_INS_TEST, [EMUL_OP_XCHG] = X86_INS_XCHG,
		[EMUL_OP_BT] = X86_INS_BT, [EMUL_OP_BTS] = X86_INS_BTS,
		[EMUL_OP_BTR] = X86_INS_BTR, [EMUL_OP_BTC] = X86_INS_BTC,
	};

	if (insn->op == EMUL_OP_MOVS)
		return id == movs[insn->dst.size] || (q1 && id == movs[4]);
	if (insn->op == EMUL_OP_STOS)
		return id == stos[insn->dst.size] || (q1 && id == stos[4]);
	if (insn->op == EMUL_OP_MOV && id == X86_INS_MOVABS)
		return true;
	return id == ids[insn->op];
}

static const char *cs_name(csh cs, unsigned int reg)
{
	return reg == X86_REG_INVALID ? "-" : cs_reg_name(cs, reg);
}

static const char *our_name(unsigned int reg, unsigned int size)
{
	return reg == EMUL_REG_NONE ? "-" : reg_name(reg, size, false);
}

/*
 * The segment Capstone shows: the override prefix, even where 64-bit mode
 * ignores it; for the ES:[rDI] of a string destination, which no prefix
 * overrides, "es" outside 64-bit mode.
 */
static const char *our_seg(const struct emul_insn *insn, const struct emul_operand *o)
{
	if ((insn->op == EMUL_OP_MOVS || insn->op == EMUL_OP_STOS) && o == &insn->dst)
		return insn->mode == EMUL_MODE64 ? "-" : "es";
	if (insn->prefixes.seg == EMUL_SEG_NONE)
		return "-";
	return sreg_name(insn->prefixes.seg);
}

static bool mem_ok(struct diff *d, csh cs, const struct emul_insn *insn,
		   const struct emul_operand *o, const cs_x86_op *c)
{
	const struct emul_mem *m = &o->mem;
	unsigned int a = insn->addrsize;
	const char *base = m->base == EMUL_RIP ? (a == 8 ? "rip" : "eip") : our_name(m->base, a);
	u64 mask = emul_mask(a);

	if ((c->size == o->size || (d->quirk & Q1_REP_OPSIZE)) &&
	    !strcmp(cs_name(cs, c->mem.base), base) &&
	    !strcmp(cs_name(cs, c->mem.index), our_name(m->index, a)) &&
	    (m->index == EMUL_REG_NONE || (unsigned int)c->mem.scale == m->scale) &&
	    ((u64)c->mem.disp & mask) == ((u64)m->disp & mask) &&
	    !strcmp(cs_name(cs, c->mem.segment), our_seg(insn, o)))
		return true;
	snprintf(d->why, sizeof(d->why), "memory: capstone %s:[%s + %s*%d + %#llx] size %u",
		 cs_name(cs, c->mem.segment), cs_name(cs, c->mem.base), cs_name(cs, c->mem.index),
		 c->mem.scale, (unsigned long long)c->mem.disp, c->size);
	return false;
}

static bool operand_ok(struct diff *d, csh cs, const struct emul_insn *insn,
		       const struct emul_operand *o, const cs_x86_op *c)
{
	u64 mask = emul_mask(insn->op >= EMUL_OP_BT ? 1 : insn->dst.size);

	switch (o->type) {
	case EMUL_OPND_REG:
		if (c->type != X86_OP_REG)
			break;
		if (!strcmp(cs_name(cs, c->reg), reg_name(o->reg, o->size, o->high8)))
			return true;
		if ((d->quirk & Q1_REP_OPSIZE) && same_gpr(cs_name(cs, c->reg), o))
			return true;
		break;
	case EMUL_OPND_MEM:
		if (c->type == X86_OP_MEM)
			return mem_ok(d, cs, insn, o, c);
		break;
	case EMUL_OPND_IMM:
		if (c->type == X86_OP_IMM && ((u64)c->imm & mask) == ((u64)o->imm & mask))
			return true;
		break;
	}
	snprintf(d->why, sizeof(d->why), "operand: capstone type %d reg %s imm %#llx",
		 c->type, c->type == X86_OP_REG ? cs_name(cs, c->reg) : "-",
		 (unsigned long long)c->imm);
	return false;
}

static bool prefixes_ok(const struct diff *d, const struct emul_insn *insn, const cs_x86 *x)
{
	bool string = insn->op == EMUL_OP_MOVS || insn->op == EMUL_OP_STOS;

	if (!(d->quirk & Q2_LOCK_REP) && insn->prefixes.lock != (x->prefix[0] == X86_PREFIX_LOCK))
		return false;
	if (!string || (d->quirk & Q3_REPNE_MOVSD))
		return true;
	return insn->prefixes.rep == (x->prefix[0] == X86_PREFIX_LOCK ? 0 : x->prefix[0]);
}

static bool agree(struct diff *d, csh cs, const struct emul_insn *insn)
{
	const cs_x86 *x = &d->ci->detail->x86;
	const struct emul_operand *ours[2] = { &insn->dst, &insn->src };
	unsigned int n = insn->src.type == EMUL_OPND_NONE ? 1 : 2, i;

	snprintf(d->why, sizeof(d->why), "length %u, op, prefixes or operand count %u",
		 d->ci->size, x->op_count);
	if (d->ci->size != insn->len || !id_ok(insn, d->ci->id,
	    d->quirk & Q1_REP_OPSIZE) || x->op_count != n ||
	    !prefixes_ok(d, insn, x))
		return false;
	for (i = 0; i < n; i++)
		if (!operand_ok(d, cs, insn, ours[i], &x->operands[i]))
			return false;
	return true;
}

static void show(struct diff *d, const u8 *bytes, unsigned int n, unsigned int mode,
		 const struct emul_insn *insn, bool cs_ok)
{
	char text[128], hex[64] = "";
	unsigned int i;

	for (i = 0; i < n && i < EMUL_INSN_MAX; i++)
		snprintf(hex + 3 * i, sizeof(hex) - 3 * i, "%02x ", bytes[i]);
	insn_format(insn, text, sizeof(text));
	tap_diag("mismatch %d-bit %s: ours \"%s\" (%u bytes), capstone \"%s %s\": %s",
		 8 * mode, hex, text, insn->len, cs_ok ? d->ci->mnemonic : "(invalid)",
		 cs_ok ? d->ci->op_str : "", cs_ok ? d->why : "refused");
}

static bool is_moffs(const struct emul_insn *insn)
{
	return insn->opcode.nbytes == 1 && (insn->opcode.bytes[0] & 0xfc) == 0xa0;
}

/* Decodes with both; compares when ours accepts. */
static void compare(struct diff *d, const u8 *bytes, unsigned int n, unsigned int mode)
{
	struct emul_insn insn;
	csh cs = d->cs[mode_index(mode)];
	const u8 *p = bytes;
	size_t left = n;
	uint64_t addr = 0x1000;
	unsigned int i;
	bool cs_ok;

	d->decoded++;
	if (emul_decode(&insn, bytes, n, mode))
		return;
	d->quirk = quirks_of(&insn);
	cs_ok = cs_disasm_iter(cs, &p, &left, &addr, d->ci);
	if (!cs_ok && (d->quirk & Q1_REP_OPSIZE) && is_moffs(&insn)) {
		d->q1_refused++;
		return;
	}
	d->compared++;
	for (i = 0; i < ARRAY_SIZE(d->quirks); i++)
		d->quirks[i] += !!(d->quirk & (1u << i));
	if (cs_ok && agree(d, cs, &insn))
		return;
	if (d->mismatches++ < SHOW_MAX)
		show(d, bytes, n, mode, &insn, cs_ok);
}

/*
 * No mismatch, and at least @min compared: a decoder or a Capstone that
 * refuses most of what it is given must not pass for agreement.
 */
static void report(struct diff *d, const char *what, unsigned long min)
{
	tap_check(!d->mismatches, "%s: %lu decoded, %lu compared, %lu mismatches", what,
		  d->decoded, d->compared, d->mismatches);
	tap_check(d->compared >= min, "%s: at least %lu compared (%lu)", what, min, d->compared);
	tap_diag("  compared with a Capstone quirk set aside: Q1 %lu, Q2 %lu, Q3 %lu; "
		 "not compared, MOV moffs Capstone refuses (Q1): %lu",
		 d->quirks[0], d->quirks[1], d->quirks[2], d->q1_refused);
	memset(d->quirks, 0, sizeof(d->quirks));
	d->q1_refused = 0;
	d->decoded = d->compared = d->mismatches = 0;
}

static void run_tables(struct diff *d)
{
	unsigned int i;
	u8 bytes[32];
	int n;

	unsigned long rows = nr_exec_cases;

	for (i = 0; i < nr_decode_cases; i++) {
		n = hex_parse(decode_cases[i].hex, bytes, sizeof(bytes));
		if (decode_cases[i].text) {
			compare(d, bytes, n, decode_cases[i].mode);
			rows++;
		}
	}
	for (i = 0; i < nr_exec_cases; i++) {
		n = hex_parse(exec_cases[i].hex, bytes, sizeof(bytes));
		compare(d, bytes, n, exec_cases[i].mode);
	}
	/* Every row: the tables hold only what both decoders take. */
	report(d, "table encodings", rows);
}

static void run_random(struct diff *d, unsigned long count)
{
	static const unsigned int modes[] = { EMUL_MODE16, EMUL_MODE32, EMUL_MODE64 };
	u8 bytes[EMUL_INSN_MAX];
	unsigned long i;
	unsigned int j, m;

	for (i = 0; i < count; i++) {
		for (j = 0; j < EMUL_INSN_MAX; j++)
			bytes[j] = test_rand();
		for (m = 0; m < 3; m++)
			compare(d, bytes, EMUL_INSN_MAX, modes[m]);
	}
	/* About 36 % of random strings decode in both (1,079,866 of 3,000,000). */
	report(d, "random byte strings, each in 16-, 32- and 64-bit mode", count * 3 * 30 / 100);
}

/* Every opcode our tables have: one byte, or 0F and one byte. */
static unsigned int supported_opcodes(u8 (*ops)[2])
{
	unsigned int map, b, n = 0;

	for (map = 1; map <= 2; map++)
		for (b = 0; b < 256; b++)
			if (emul_opdesc(map, b)) {
				ops[n][0] = map == 1 ? b : 0x0f;
				ops[n][1] = b;
				n++;
			}
	return n;
}

/* Random legacy prefixes, maybe a REX, a supported opcode, random bytes. */
static unsigned int make_structured(u8 *bytes, const u8 (*ops)[2], unsigned int nops,
				    unsigned int mode)
{
	static const u8 legacy[] = { 0x66, 0x67, 0xf0, 0xf2, 0xf3, 0x26, 0x2e, 0x36, 0x3e,
				     0x64, 0x65 };
	unsigned int n = 0, i, npfx = test_rand() % 5, op = test_rand() % nops;

	for (i = 0; i < npfx; i++)
		bytes[n++] = legacy[test_rand() % ARRAY_SIZE(legacy)];
	if (mode == EMUL_MODE64 && test_rand() % 2)
		bytes[n++] = 0x40 | (test_rand() & 0xf);
	if (ops[op][0] == 0x0f)
		bytes[n++] = 0x0f;
	bytes[n++] = ops[op][1];
	while (n < EMUL_INSN_MAX)
		bytes[n++] = test_rand();
	return n;
}

static void run_structured(struct diff *d, unsigned long count)
{
	static const unsigned int modes[] = { EMUL_MODE16, EMUL_MODE32, EMUL_MODE64 };
	u8 ops[512][2], bytes[EMUL_INSN_MAX];
	unsigned int nops = supported_opcodes(ops), mode;
	unsigned long i;

	for (i = 0; i < count; i++) {
		mode = modes[i % 3];
		compare(d, bytes, make_structured(bytes, ops, nops, mode), mode);
	}
	/* About 82 % of these decode in both (817,463 of 1,000,000). */
	report(d, "random prefixes + supported opcode + random bytes", count * 70 / 100);
}

static void open_all(struct diff *d)
{
	static const cs_mode modes[] = { CS_MODE_16, CS_MODE_32, CS_MODE_64 };
	unsigned int i;

	for (i = 0; i < 3; i++) {
		if (cs_open(CS_ARCH_X86, modes[i], &d->cs[i]) != CS_ERR_OK)
			tap_skip("capstone cannot open x86 mode %u", i);
		cs_option(d->cs[i], CS_OPT_DETAIL, CS_OPT_ON);
	}
	d->ci = cs_malloc(d->cs[0]);
}

int main(int argc, char **argv)
{
	unsigned long count = argc > 1 ? strtoul(argv[1], NULL, 0) : 1000000;
	struct diff d = { 0 };
	unsigned int i;

	test_srand(argc > 2 ? strtoull(argv[2], NULL, 0) : 1);
	tap_start();
	open_all(&d);
	tap_diag("capstone %u.%u, %lu random strings, seed %s", CS_API_MAJOR, CS_API_MINOR,
		 count, argc > 2 ? argv[2] : "1");
	run_tables(&d);
	run_random(&d, count);
	run_structured(&d, count);
	cs_free(d.ci, 1);
	for (i = 0; i < 3; i++)
		cs_close(&d.cs[i]);
	return tap_done();
}
