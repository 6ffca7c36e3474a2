// SPDX-License-Identifier: GPL-2.0
/* Intel-syntax text of decoded instructions, for the tables and diagnostics. */
#include <stdarg.h>
#include <stdio.h>

#include "bits.h"
#include "support.h"

static const char *const names64[] = {
	"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
	"r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rip",
};
static const char *const names32[] = {
	"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
	"r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d", "eip",
};
static const char *const names16[] = {
	"ax", "cx", "dx", "bx", "sp", "bp", "si", "di",
	"r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w", "ip",
};
static const char *const names8[] = {
	"al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
	"r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b", "?",
};
static const char *const names8h[] = { "ah", "ch", "dh", "bh" };
static const char *const sregs[] = { "es", "cs", "ss", "ds", "fs", "gs" };

const char *sreg_name(unsigned int seg)
{
	return seg < EMUL_NR_SREGS ? sregs[seg] : "?";
}

const char *reg_name(unsigned int reg, unsigned int size, bool high8)
{
	if (reg > EMUL_RIP)
		return "?";
	if (high8)
		return reg < 4 ? names8h[reg] : "?";
	switch (size) {
	case 8:
		return names64[reg];
	case 4:
		return names32[reg];
	case 2:
		return names16[reg];
	case 1:
		return names8[reg];
	}
	return "?";
}

static const char *ptr_name(unsigned int size)
{
	switch (size) {
	case 1:
		return "byte";
	case 2:
		return "word";
	case 4:
		return "dword";
	}
	return "qword";
}

struct out {
	char *p;
	unsigned int left;
};

static void put(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(o->p, o->left, fmt, ap);
	va_end(ap);
	if (n < 0 || (unsigned int)n >= o->left)
		n = o->left ? o->left - 1 : 0;
	o->p += n;
	o->left -= n;
}

/* @show_seg: print an override (ES:[rDI] of a string destination has none). */
static void put_mem(struct out *o, const struct emul_insn *insn, const struct emul_operand *op,
		    bool show_seg)
{
	const struct emul_mem *m = &op->mem;
	u64 disp = (u64)m->disp & emul_mask(insn->addrsize);
	bool any = false;

	put(o, "%s ptr ", ptr_name(op->size));
	if (show_seg && insn->prefixes.seg != EMUL_SEG_NONE && m->seg == insn->prefixes.seg)
		put(o, "%s:", sreg_name(m->seg));
	put(o, "[");
	if (m->base != EMUL_REG_NONE) {
		put(o, "%s", reg_name(m->base, insn->addrsize, false));
		any = true;
	}
	if (m->index != EMUL_REG_NONE) {
		put(o, "%s%s*%u", any ? " + " : "", reg_name(m->index, insn->addrsize, false),
		    m->scale);
		any = true;
	}
	if (!any)
		put(o, "0x%llx", disp);
	else if (m->disp < 0 && m->base != EMUL_REG_NONE)
		put(o, " - 0x%llx", (u64)-m->disp & emul_mask(insn->addrsize));
	else if (m->disp)
		put(o, " + 0x%llx", disp);
	put(o, "]");
}

static void put_operand(struct out *o, const struct emul_insn *insn,
			const struct emul_operand *op, unsigned int imm_size)
{
	bool string = insn->op == EMUL_OP_MOVS || insn->op == EMUL_OP_STOS;

	switch (op->type) {
	case EMUL_OPND_REG:
		put(o, "%s", reg_name(op->reg, op->size, op->high8));
		break;
	case EMUL_OPND_MEM:
		put_mem(o, insn, op, !(string && op == &insn->dst));
		break;
	case EMUL_OPND_IMM:
		put(o, "0x%llx", (u64)op->imm & emul_mask(imm_size));
		break;
	}
}

void insn_format(const struct emul_insn *insn, char *buf, unsigned int size)
{
	struct out o = { buf, size };
	bool string = insn->op == EMUL_OP_MOVS || insn->op == EMUL_OP_STOS;

	buf[0] = 0;
	if (insn->prefixes.lock)
		put(&o, "lock ");
	if (string && insn->prefixes.rep)
		put(&o, insn->prefixes.rep == 0xf3 ? "rep " : "repne ");
	put(&o, "%s ", emul_op_name(insn->op));
	put_operand(&o, insn, &insn->dst, insn->dst.size);
	if (insn->src.type != EMUL_OPND_NONE) {
		put(&o, ", ");
		/* an immediate shows at the operation's size; BT's bit offset is a byte */
		put_operand(&o, insn, &insn->src, insn->op >= EMUL_OP_BT ? 1 : insn->dst.size);
	}
}
