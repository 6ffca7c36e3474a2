// SPDX-License-Identifier: GPL-2.0
/*
 * Operand access (see access.h): effective address, segmentation (SDM Vol.
 * 3A, 3.4 and 5.3; canonical addresses in 64-bit mode, 3.3.7.1), translation
 * and the host callbacks for data.
 */
#include "emul_host.h"
#include "access.h"
#include "bits.h"
#include "x86.h"

int emul_raise(struct emul_ctxt *ctxt, unsigned int vector, bool has_error_code,
	       u32 error_code, u64 cr2)
{
	ctxt->exc.vector = vector;
	ctxt->exc.has_error_code = has_error_code;
	ctxt->exc.error_code = error_code;
	ctxt->exc.cr2 = cr2;
	return EMUL_EXCEPTION;
}

u64 emul_gpr_read(const struct emul_cpu *cpu, unsigned int reg, unsigned int size)
{
	return cpu->gpr[reg] & emul_mask(size);
}

void emul_gpr_write(struct emul_cpu *cpu, unsigned int reg, unsigned int size, u64 val)
{
	u64 *r = &cpu->gpr[reg];

	if (size >= 4)
		*r = val & emul_mask(size);
	else
		*r = (*r & ~emul_mask(size)) | (val & emul_mask(size));
}

bool emul_canonical(const struct emul_cpu *cpu, u64 la)
{
	unsigned int shift = cpu->paging.cr4 & EMUL_CR4_LA57 ? 64 - 57 : 64 - 48;

	return (u64)((s64)(la << shift) >> shift) == la;
}

static bool within_limit(const struct emul_seg *s, u64 ea, unsigned int size)
{
	u64 last = ea + size - 1;

	if (s->ar & EMUL_AR_UNUSABLE)
		return false;
	if (!(s->ar & EMUL_AR_TYPE_CODE) && (s->ar & EMUL_AR_TYPE_ED))
		return ea > s->limit && last <= (s->ar & EMUL_AR_DB ? 0xffffffffULL : 0xffffULL);
	return last <= s->limit;
}

/* Linear address of @size bytes at offset @ea in segment @seg. */
static int linear(struct emul_ctxt *ctxt, unsigned int seg, u64 ea, unsigned int size, u64 *la)
{
	const struct emul_seg *s = &ctxt->cpu->seg[seg];
	unsigned int vector = seg == EMUL_SS ? EMUL_SS_VECTOR : EMUL_GP_VECTOR;

	if (ctxt->insn.mode == EMUL_MODE64) {
		*la = ea + (seg >= EMUL_FS ? s->base : 0);
		if (emul_canonical(ctxt->cpu, *la) && emul_canonical(ctxt->cpu, *la + size - 1))
			return 0;
	} else {
		*la = (s->base + ea) & 0xffffffffULL;
		if (within_limit(s, ea, size))
			return 0;
	}
	return emul_raise(ctxt, vector, true, 0, 0);
}

static u64 effective_address(const struct emul_ctxt *ctxt, const struct emul_mem *m)
{
	const struct emul_cpu *cpu = ctxt->cpu;
	u64 ea = (u64)m->disp;

	if (m->base == EMUL_RIP)
		ea += cpu->rip + ctxt->insn.len;
	else if (m->base != EMUL_REG_NONE)
		ea += cpu->gpr[m->base];
	if (m->index != EMUL_REG_NONE)
		ea += cpu->gpr[m->index] * m->scale;
	return ea & emul_mask(ctxt->insn.addrsize);
}

/* Whether ctxt->known translates @la for @access (EMUL_ACC_READ or _WRITE, no other bits). */
static bool known_xlate(const struct emul_ctxt *ctxt, u64 la, unsigned int access, u64 *gpa)
{
	const struct emul_known_xlate *k = &ctxt->known;
	unsigned int want = access == EMUL_ACC_WRITE ? EMUL_KNOWN_WRITE :
			    access == EMUL_ACC_READ ? EMUL_KNOWN_READ : 0;

	if (!(k->access & want) || (la & EMUL_PAGE_MASK) != k->la)
		return false;
	*gpa = k->gpa | (la & ~EMUL_PAGE_MASK);
	return true;
}

int emul_translate_page(struct emul_ctxt *ctxt, u64 la, unsigned int access, u64 *gpa)
{
	struct emul_walk w;
	int ret;

	if (known_xlate(ctxt, la, access, gpa))
		return 0;
	if (emul_cpl(ctxt->cpu) == 3)
		access |= EMUL_ACC_USER;
	else if (ctxt->cpu->rflags & EMUL_RFLAGS_AC)
		access |= EMUL_ACC_AC;
	ret = emul_walk(&ctxt->cpu->paging, ctxt->ops, ctxt->opaque, la, access, &w);
	if (ret == -EFAULT)
		return emul_raise(ctxt, EMUL_PF_VECTOR, true, w.pfec, la);
	if (ret == -EAGAIN)
		return EMUL_RETRY;
	*gpa = w.gpa;
	return ret;
}

/* Splits the access at the page boundary and translates each part. */
static int translate(struct emul_ctxt *ctxt, struct emul_ref *ref, unsigned int access)
{
	unsigned int size = ref->o->size;
	unsigned int first = EMUL_PAGE_SIZE - (ref->la & ~EMUL_PAGE_MASK);
	u64 next;
	int ret;

	if (first > size)
		first = size;
	ref->len[0] = first;
	ref->len[1] = size - first;
	ret = emul_translate_page(ctxt, ref->la, access, &ref->gpa[0]);
	if (ret || !ref->len[1])
		return ret;
	next = ref->la + first;
	if (ctxt->insn.mode != EMUL_MODE64)
		next &= 0xffffffffULL;
	return emul_translate_page(ctxt, next, access, &ref->gpa[1]);
}

int emul_ref_map(struct emul_ctxt *ctxt, const struct emul_operand *o, unsigned int access,
		 struct emul_ref *ref)
{
	int ret;

	memset(ref, 0, sizeof(*ref));
	ref->o = o;
	if (o->type != EMUL_OPND_MEM)
		return 0;
	ret = linear(ctxt, o->mem.seg, effective_address(ctxt, &o->mem), o->size, &ref->la);
	if (ret)
		return ret;
	return translate(ctxt, ref, access);
}

static int host_failed(const char *what, u64 gpa, int err)
{
	emul_log("%s at gpa %#llx failed: %d", what, gpa, err);
	return -EIO;
}

static int mem_read(struct emul_ctxt *ctxt, struct emul_ref *ref)
{
	u8 buf[8] = { 0 };
	unsigned int i, off = 0;
	int ret;

	for (i = 0; i < 2 && ref->len[i]; off += ref->len[i], i++) {
		ret = ctxt->ops->read_mem(ctxt->opaque, ref->gpa[i], buf + off, ref->len[i]);
		if (ret)
			return host_failed("read", ref->gpa[i], ret);
	}
	ref->val = 0;
	for (i = 0; i < ref->o->size; i++)
		ref->val |= (u64)buf[i] << (8 * i);
	return 0;
}

static int mem_write(struct emul_ctxt *ctxt, const struct emul_ref *ref, u64 val)
{
	u8 buf[8];
	unsigned int i, off = 0;
	int ret;

	for (i = 0; i < ref->o->size; i++)
		buf[i] = val >> (8 * i);
	for (i = 0; i < 2 && ref->len[i]; off += ref->len[i], i++) {
		ret = ctxt->ops->write_mem(ctxt->opaque, ref->gpa[i], buf + off, ref->len[i]);
		if (ret)
			return host_failed("write", ref->gpa[i], ret);
	}
	return 0;
}

int emul_ref_load(struct emul_ctxt *ctxt, struct emul_ref *ref)
{
	const struct emul_operand *o = ref->o;

	switch (o->type) {
	case EMUL_OPND_REG:
		if (o->high8)
			ref->val = (ctxt->cpu->gpr[o->reg] >> 8) & 0xff;
		else
			ref->val = emul_gpr_read(ctxt->cpu, o->reg, o->size);
		return 0;
	case EMUL_OPND_IMM:
		ref->val = (u64)o->imm;
		return 0;
	case EMUL_OPND_MEM:
		return mem_read(ctxt, ref);
	}
	return -EINVAL;
}

int emul_ref_store(struct emul_ctxt *ctxt, struct emul_ref *ref, u64 val)
{
	const struct emul_operand *o = ref->o;
	u64 *r;

	switch (o->type) {
	case EMUL_OPND_REG:
		r = &ctxt->cpu->gpr[o->reg];
		if (o->high8)
			*r = (*r & ~0xff00ULL) | (val & 0xff) << 8;
		else
			emul_gpr_write(ctxt->cpu, o->reg, o->size, val);
		return 0;
	case EMUL_OPND_MEM:
		return mem_write(ctxt, ref, val);
	}
	return -EINVAL;
}
