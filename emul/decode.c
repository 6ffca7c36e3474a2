// SPDX-License-Identifier: GPL-2.0
/*
 * x86 instruction decoder (see insn.h for scope and return codes).
 *
 * Decoding runs in steps, each filling one field and setting its got flag:
 * prefixes, opcode, ModRM, SIB, displacement (or moffs), immediate, operands.
 * A step first runs the steps before it that have not run yet, as in the
 * kernel's arch/x86/lib/insn.c. Operand forms come from opcodes.c.
 */
#include "emul_host.h"
#include "bits.h"
#include "insn.h"
#include "opcodes.h"
#include "x86.h"

#define REX_W(insn)	(((insn)->rex.value >> 3) & 1)
#define REX_R(insn)	(((insn)->rex.value >> 2) & 1)
#define REX_X(insn)	(((insn)->rex.value >> 1) & 1)
#define REX_B(insn)	((insn)->rex.value & 1)

#define MODRM_MOD(insn)	(((insn)->modrm.value >> 6) & 3)
#define MODRM_REG(insn)	(((insn)->modrm.value >> 3) & 7)
#define MODRM_RM(insn)	((insn)->modrm.value & 7)
#define SIB_SCALE(insn)	(((insn)->sib.value >> 6) & 3)
#define SIB_INDEX(insn)	(((insn)->sib.value >> 3) & 7)
#define SIB_BASE(insn)	((insn)->sib.value & 7)

/* 0 when @n more bytes can be read, else why not. */
static int insn_need(const struct emul_insn *insn, unsigned int n)
{
	if (insn->len + n > EMUL_INSN_MAX)
		return -E2BIG;
	if (insn->len + n > insn->avail)
		return -ENODATA;
	return 0;
}

/* Reads @n (0, 1, 2, 4 or 8) bytes into @f and marks it got. */
static int insn_field(struct emul_insn *insn, struct emul_field *f, unsigned int n)
{
	u64 v = 0;
	unsigned int i;
	int ret = insn_need(insn, n);

	if (ret)
		return ret;
	for (i = 0; i < n; i++)
		v |= (u64)insn->bytes[insn->len + i] << (8 * i);
	insn->len += n;
	f->value = v;
	f->nbytes = n;
	f->got = true;
	return 0;
}

static bool note_legacy_prefix(struct emul_prefixes *p, u8 b)
{
	switch (b) {
	case 0x66:
		p->opsize = true;
		return true;
	case 0x67:
		p->addrsize = true;
		return true;
	case 0xf0:
		p->lock = true;
		return true;
	case 0xf2:
	case 0xf3:
		p->rep = b;
		return true;
	case 0x26:
	case 0x2e:
	case 0x36:
	case 0x3e:
		p->seg = (b >> 3) & 3;	/* ES, CS, SS, DS */
		return true;
	case 0x64:
	case 0x65:
		p->seg = b - 0x64 + EMUL_FS;
		return true;
	}
	return false;
}

/*
 * Legacy prefixes in any order, then REX in 64-bit mode. A REX that a legacy
 * prefix follows is ignored, and of several REX bytes the last counts
 * (SDM Vol. 2, 2.2.1).
 */
static int get_prefixes(struct emul_insn *insn)
{
	struct emul_prefixes *p = &insn->prefixes;
	u8 b;
	int ret;

	if (p->got)
		return 0;
	p->seg = EMUL_SEG_NONE;
	for (;;) {
		ret = insn_need(insn, 1);
		if (ret)
			return ret;
		b = insn->bytes[insn->len];
		if (note_legacy_prefix(p, b)) {
			insn->rex.nbytes = 0;
			insn->rex.value = 0;
		} else if (insn->mode == EMUL_MODE64 && (b & 0xf0) == 0x40) {
			insn->rex.value = b;
			insn->rex.nbytes = 1;
		} else {
			break;
		}
		insn->len++;
	}
	p->nbytes = insn->len - insn->rex.nbytes;
	p->got = true;
	insn->rex.got = true;
	return 0;
}

static void set_sizes(struct emul_insn *insn)
{
	bool p66 = insn->prefixes.opsize, p67 = insn->prefixes.addrsize;

	switch (insn->mode) {
	case EMUL_MODE64:
		insn->opsize = REX_W(insn) ? 8 : p66 ? 2 : 4;
		insn->addrsize = p67 ? 4 : 8;
		break;
	case EMUL_MODE32:
		insn->opsize = p66 ? 2 : 4;
		insn->addrsize = p67 ? 2 : 4;
		break;
	default:
		insn->opsize = p66 ? 4 : 2;
		insn->addrsize = p67 ? 4 : 2;
		break;
	}
}

static const struct emul_opdesc *insn_desc(const struct emul_insn *insn)
{
	return emul_opdesc(insn->opcode.nbytes, insn->opcode.bytes[insn->opcode.nbytes - 1]);
}

/* Why an opcode without a usable entry is refused. */
static int refuse_opcode(const struct emul_insn *insn, const struct emul_opdesc *d)
{
	u8 b = insn->opcode.bytes[insn->opcode.nbytes - 1];

	if (d && (d->flags & EMUL_D_NO64))
		return -EILSEQ;
	if (!d && emul_opcode_undefined(insn->opcode.nbytes, b, insn->mode))
		return -EILSEQ;
	return -EOPNOTSUPP;
}

static bool desc_usable(const struct emul_insn *insn, const struct emul_opdesc *d)
{
	if (!d)
		return false;
	if ((d->flags & EMUL_D_NO64) && insn->mode == EMUL_MODE64)
		return false;
	if ((d->flags & EMUL_D_REXW) && !(insn->mode == EMUL_MODE64 && REX_W(insn)))
		return false;
	return true;
}

/* One opcode byte, or 0F and one more (0F 38 and 0F 3A are not emulated). */
static int get_opcode(struct emul_insn *insn)
{
	struct emul_opcode *op = &insn->opcode;
	const struct emul_opdesc *d;
	int ret;

	if (op->got)
		return 0;
	ret = get_prefixes(insn);
	if (ret)
		return ret;
	do {
		ret = insn_need(insn, 1);
		if (ret)
			return ret;
		op->bytes[op->nbytes++] = insn->bytes[insn->len++];
	} while (op->nbytes == 1 && op->bytes[0] == 0x0f);
	op->got = true;
	set_sizes(insn);
	d = insn_desc(insn);
	if (!desc_usable(insn, d))
		return refuse_opcode(insn, d);
	insn->op = d->flags & EMUL_D_GROUP ? EMUL_OP_NONE : d->op;
	return 0;
}

static bool spec_has_modrm(u8 spec)
{
	return EMUL_OPND_KIND(spec) == EMUL_K_E || EMUL_OPND_KIND(spec) == EMUL_K_G;
}

/* A group's operation comes from ModRM.reg. */
static int resolve_group(struct emul_insn *insn, const struct emul_opdesc *d)
{
	const struct emul_group *g = emul_group(d->op);
	unsigned int reg = MODRM_REG(insn);

	if (g->ops[reg] != EMUL_OP_NONE) {
		insn->op = g->ops[reg];
		return 0;
	}
	return g->undefined & (1u << reg) ? -EILSEQ : -EOPNOTSUPP;
}

static int get_modrm(struct emul_insn *insn)
{
	const struct emul_opdesc *d;
	int ret;

	if (insn->modrm.got)
		return 0;
	ret = get_opcode(insn);
	if (ret)
		return ret;
	d = insn_desc(insn);
	if (!(d->flags & EMUL_D_GROUP) && !spec_has_modrm(d->dst) && !spec_has_modrm(d->src))
		return insn_field(insn, &insn->modrm, 0);
	ret = insn_field(insn, &insn->modrm, 1);
	if (ret)
		return ret;
	return d->flags & EMUL_D_GROUP ? resolve_group(insn, d) : 0;
}

static bool modrm_is_mem(const struct emul_insn *insn)
{
	return insn->modrm.nbytes && MODRM_MOD(insn) != 3;
}

static int get_sib(struct emul_insn *insn)
{
	int ret;

	if (insn->sib.got)
		return 0;
	ret = get_modrm(insn);
	if (ret)
		return ret;
	if (modrm_is_mem(insn) && insn->addrsize != 2 && MODRM_RM(insn) == 4)
		return insn_field(insn, &insn->sib, 1);
	return insn_field(insn, &insn->sib, 0);
}

static bool desc_has_kind(const struct emul_opdesc *d, enum emul_okind kind)
{
	return EMUL_OPND_KIND(d->dst) == kind || EMUL_OPND_KIND(d->src) == kind;
}

/* Bytes of the ModRM displacement (SDM Vol. 2, Tables 2-1 and 2-2). */
static unsigned int disp_bytes(const struct emul_insn *insn)
{
	unsigned int mod = MODRM_MOD(insn), rm = MODRM_RM(insn);

	if (!modrm_is_mem(insn))
		return 0;
	if (mod == 1)
		return 1;
	if (insn->addrsize == 2)
		return mod == 2 || rm == 6 ? 2 : 0;
	if (mod == 2 || rm == 5)
		return 4;
	return insn->sib.nbytes && SIB_BASE(insn) == 5 ? 4 : 0;
}

static int get_disp(struct emul_insn *insn)
{
	int ret;

	if (insn->disp.got)
		return 0;
	ret = get_sib(insn);
	if (ret)
		return ret;
	if (desc_has_kind(insn_desc(insn), EMUL_K_O))
		return insn_field(insn, &insn->disp, insn->addrsize);
	return insn_field(insn, &insn->disp, disp_bytes(insn));
}

/* Bytes of an operand of size class @size. */
static unsigned int size_bytes(const struct emul_insn *insn, unsigned int size)
{
	switch (size) {
	case EMUL_S_B:
		return 1;
	case EMUL_S_W:
		return 2;
	case EMUL_S_Z:
		return insn->opsize > 4 ? 4 : insn->opsize;
	default:
		return insn->opsize;
	}
}

static int get_imm(struct emul_insn *insn)
{
	const struct emul_opdesc *d;
	int ret;

	if (insn->imm.got)
		return 0;
	ret = get_disp(insn);
	if (ret)
		return ret;
	d = insn_desc(insn);
	if (EMUL_OPND_KIND(d->src) != EMUL_K_I)
		return insn_field(insn, &insn->imm, 0);
	return insn_field(insn, &insn->imm, size_bytes(insn, EMUL_OPND_SIZE(d->src)));
}

static void set_reg(const struct emul_insn *insn, struct emul_operand *o, unsigned int reg)
{
	o->type = EMUL_OPND_REG;
	o->reg = reg;
	/* Without REX, byte registers 4-7 are AH, CH, DH, BH. */
	if (o->size == 1 && !insn->rex.nbytes && reg >= 4 && reg < 8) {
		o->reg = reg - 4;
		o->high8 = true;
	}
}

/* A segment override applies, except ES/CS/SS/DS ones in 64-bit mode. */
static unsigned int mem_seg(const struct emul_insn *insn, unsigned int dflt)
{
	unsigned int seg = insn->prefixes.seg;

	if (seg == EMUL_SEG_NONE)
		return dflt;
	if (insn->mode == EMUL_MODE64 && seg < EMUL_FS)
		return dflt;
	return seg;
}

/* A field's value sign-extended from its size; 0 when absent. */
static s64 field_sext(const struct emul_field *f)
{
	return f->nbytes ? emul_sext(f->value, f->nbytes) : 0;
}

static void set_mem(struct emul_operand *o, unsigned int base, unsigned int index,
		    unsigned int scale, s64 disp)
{
	o->type = EMUL_OPND_MEM;
	o->mem.base = base;
	o->mem.index = index;
	o->mem.scale = scale;
	o->mem.disp = disp;
}

/* 16-bit addressing: base and index by r/m (SDM Vol. 2, Table 2-1). */
static void modrm_mem16(const struct emul_insn *insn, struct emul_operand *o)
{
	static const u8 base[8] = {
		EMUL_RBX, EMUL_RBX, EMUL_RBP, EMUL_RBP, EMUL_RSI, EMUL_RDI, EMUL_RBP, EMUL_RBX,
	};
	static const u8 index[8] = {
		EMUL_RSI, EMUL_RDI, EMUL_RSI, EMUL_RDI,
		EMUL_REG_NONE, EMUL_REG_NONE, EMUL_REG_NONE, EMUL_REG_NONE,
	};
	unsigned int rm = MODRM_RM(insn);
	unsigned int b = MODRM_MOD(insn) == 0 && rm == 6 ? EMUL_REG_NONE : base[rm];

	set_mem(o, b, index[rm], 1, field_sext(&insn->disp));
	o->mem.seg = mem_seg(insn, b == EMUL_RBP ? EMUL_SS : EMUL_DS);
}

/* 32/64-bit addressing, with SIB and RIP-relative forms (Tables 2-2, 2-3). */
static void modrm_mem32(const struct emul_insn *insn, struct emul_operand *o)
{
	unsigned int base, index = EMUL_REG_NONE, scale = 1;

	if (insn->sib.nbytes) {
		base = SIB_BASE(insn) | REX_B(insn) << 3;
		index = SIB_INDEX(insn) | REX_X(insn) << 3;
		scale = 1u << SIB_SCALE(insn);
		if (index == EMUL_RSP)
			index = EMUL_REG_NONE;
		if (SIB_BASE(insn) == 5 && MODRM_MOD(insn) == 0)
			base = EMUL_REG_NONE;
	} else if (MODRM_RM(insn) == 5 && MODRM_MOD(insn) == 0) {
		base = insn->mode == EMUL_MODE64 ? EMUL_RIP : EMUL_REG_NONE;
	} else {
		base = MODRM_RM(insn) | REX_B(insn) << 3;
	}
	set_mem(o, base, index, scale, field_sext(&insn->disp));
	o->mem.seg = mem_seg(insn, base == EMUL_RSP || base == EMUL_RBP ? EMUL_SS : EMUL_DS);
}

static void operand_e(const struct emul_insn *insn, struct emul_operand *o)
{
	if (!modrm_is_mem(insn))
		set_reg(insn, o, MODRM_RM(insn) | REX_B(insn) << 3);
	else if (insn->addrsize == 2)
		modrm_mem16(insn, o);
	else
		modrm_mem32(insn, o);
}

static void operand_string(struct emul_operand *o, unsigned int reg, unsigned int seg)
{
	set_mem(o, reg, EMUL_REG_NONE, 1, 0);
	o->mem.seg = seg;
}

static void decode_operand(const struct emul_insn *insn, struct emul_operand *o, u8 spec)
{
	o->size = size_bytes(insn, EMUL_OPND_SIZE(spec));
	switch (EMUL_OPND_KIND(spec)) {
	case EMUL_K_E:
		operand_e(insn, o);
		break;
	case EMUL_K_G:
		set_reg(insn, o, MODRM_REG(insn) | REX_R(insn) << 3);
		break;
	case EMUL_K_I:
		o->type = EMUL_OPND_IMM;
		o->size = insn->imm.nbytes;
		o->imm = field_sext(&insn->imm);
		break;
	case EMUL_K_A:
		set_reg(insn, o, EMUL_RAX);
		break;
	case EMUL_K_O:
		set_mem(o, EMUL_REG_NONE, EMUL_REG_NONE, 1, field_sext(&insn->disp));
		o->mem.seg = mem_seg(insn, EMUL_DS);
		break;
	case EMUL_K_Z:
		set_reg(insn, o, (insn->opcode.bytes[0] & 7) | REX_B(insn) << 3);
		break;
	case EMUL_K_X:
		operand_string(o, EMUL_RSI, mem_seg(insn, EMUL_DS));
		break;
	case EMUL_K_Y:
		operand_string(o, EMUL_RDI, EMUL_ES);
		break;
	}
}

/* LOCK needs a lockable operation with a memory destination (SDM Vol. 2, LOCK). */
static bool lock_ok(const struct emul_insn *insn)
{
	if (!insn->prefixes.lock)
		return true;
	return (emul_op_flags(insn->op) & EMUL_OPF_LOCK) && insn->dst.type == EMUL_OPND_MEM;
}

static int get_operands(struct emul_insn *insn)
{
	const struct emul_opdesc *d;
	int ret;

	ret = get_imm(insn);
	if (ret)
		return ret;
	d = insn_desc(insn);
	decode_operand(insn, &insn->dst, d->dst);
	decode_operand(insn, &insn->src, d->src);
	return lock_ok(insn) ? 0 : -EILSEQ;
}

int emul_decode(struct emul_insn *insn, const u8 *bytes, unsigned int avail,
		enum emul_mode mode)
{
	memset(insn, 0, sizeof(*insn));
	if (mode != EMUL_MODE16 && mode != EMUL_MODE32 && mode != EMUL_MODE64)
		return -EINVAL;
	insn->avail = avail < EMUL_INSN_MAX ? avail : EMUL_INSN_MAX;
	if (insn->avail)
		memcpy(insn->bytes, bytes, insn->avail);
	insn->mode = mode;
	return get_operands(insn);
}
