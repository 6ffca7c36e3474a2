// SPDX-License-Identifier: GPL-2.0
/*
 * Instruction fetch at CS:RIP through the guest page tables, and decode.
 *
 * Only the bytes up to the end of RIP's page are read first. When the decoder
 * needs more, the next page is translated and read too, so that page's walk
 * (its A flag, its #PF) happens only for an instruction that crosses into
 * it, as on the CPU. Outside 64-bit mode, the fetch stops at the CS limit
 * and an instruction that runs past it gets #GP(0).
 */
#include "emul_host.h"
#include "access.h"
#include "bits.h"
#include "fetch.h"
#include "x86.h"

struct fetch {
	u8 buf[EMUL_INSN_MAX];
	unsigned int have;	/* bytes read into buf */
	unsigned int room;	/* bytes the CS limit allows, at most 15 */
	u64 la;			/* linear address of RIP */
};

static int fetch_gp(struct emul_ctxt *ctxt)
{
	return emul_raise(ctxt, EMUL_GP_VECTOR, true, 0, 0);
}

/* Where RIP is, and how many bytes may be fetched from there. */
static int fetch_start(struct emul_ctxt *ctxt, enum emul_mode mode, struct fetch *f)
{
	const struct emul_seg *cs = &ctxt->cpu->seg[EMUL_CS];
	u64 ip = ctxt->cpu->rip & emul_mask(mode);

	f->have = 0;
	f->room = EMUL_INSN_MAX;
	if (mode == EMUL_MODE64) {
		f->la = ip;
		return emul_canonical(ctxt->cpu, ip) ? 0 : fetch_gp(ctxt);
	}
	if (ip > cs->limit)
		return fetch_gp(ctxt);
	if (cs->limit - ip + 1 < f->room)
		f->room = cs->limit - ip + 1;
	f->la = (cs->base + ip) & 0xffffffffULL;
	return 0;
}

/* Reads from the next unread byte to the end of its page (or of the room). */
static int fetch_more(struct emul_ctxt *ctxt, enum emul_mode mode, struct fetch *f)
{
	u64 la = f->la + f->have, gpa;
	unsigned int n;
	int ret;

	if (mode != EMUL_MODE64)
		la &= 0xffffffffULL;
	else if (!emul_canonical(ctxt->cpu, la))
		return fetch_gp(ctxt);
	n = EMUL_PAGE_SIZE - (la & ~EMUL_PAGE_MASK);
	if (n > f->room - f->have)
		n = f->room - f->have;
	ret = emul_translate_page(ctxt, la, EMUL_ACC_FETCH, &gpa);
	if (ret)
		return ret;
	ret = ctxt->ops->read_phys(ctxt->opaque, gpa, f->buf + f->have, n);
	if (ret) {
		emul_log("instruction fetch at gpa %#llx failed: %d", gpa, ret);
		return -EIO;
	}
	f->have += n;
	return 0;
}

/* What the guest gets for an instruction the decoder refused. */
static int refused(struct emul_ctxt *ctxt, int err)
{
	switch (err) {
	case -EILSEQ:
		return emul_raise(ctxt, EMUL_UD_VECTOR, false, 0, 0);
	case -E2BIG:
	case -ENODATA:		/* ran past the CS limit */
		return fetch_gp(ctxt);
	}
	return err;		/* -EOPNOTSUPP: the VM stops */
}

int emul_fetch_decode(struct emul_ctxt *ctxt)
{
	enum emul_mode mode = emul_cpu_mode(ctxt->cpu);
	struct fetch f;
	int ret;

	memset(&ctxt->insn, 0, sizeof(ctxt->insn));
	ret = fetch_start(ctxt, mode, &f);
	if (ret)
		return ret;
	do {
		ret = fetch_more(ctxt, mode, &f);
		if (ret)
			return ret;
		ret = emul_decode(&ctxt->insn, f.buf, f.have, mode);
	} while (ret == -ENODATA && f.have < f.room);
	return refused(ctxt, ret);
}
