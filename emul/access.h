/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Operand access for the emulator (internal): registers, segmentation,
 * translation through the guest page tables, and guest memory. Functions
 * that can fail return 0 to go on, a positive enum emul_result to stop with
 * (EMUL_EXCEPTION with ctxt->exc set, EMUL_RETRY), or -Exxx.
 */
#ifndef EMUL_ACCESS_H
#define EMUL_ACCESS_H

#include "emul.h"
#include "pagewalk.h"

/* An operand made ready for access; a memory operand is translated. */
struct emul_ref {
	const struct emul_operand *o;
	u64 val;		/* after emul_ref_load() */
	u64 la;			/* memory: linear address of the first byte */
	u64 gpa[2];		/* memory: where each part is */
	u8 len[2];		/* memory: bytes in each page; len[1] is 0 within one page */
};

/* Records exception @vector for the guest; returns EMUL_EXCEPTION. */
int emul_raise(struct emul_ctxt *ctxt, unsigned int vector, bool has_error_code,
	       u32 error_code, u64 cr2);

/* The low @size bytes of a GPR; a write of 4 or 8 bytes zero-extends. */
u64 emul_gpr_read(const struct emul_cpu *cpu, unsigned int reg, unsigned int size);
void emul_gpr_write(struct emul_cpu *cpu, unsigned int reg, unsigned int size, u64 val);

/* Is @la canonical for the guest's paging mode (48 or 57 bits)? */
bool emul_canonical(const struct emul_cpu *cpu, u64 la);

/* Translates the page of @la for @access (EMUL_ACC_READ/WRITE/FETCH). */
int emul_translate_page(struct emul_ctxt *ctxt, u64 la, unsigned int access, u64 *gpa);

/* Segmentation and translation of operand @o for @access; registers and immediates pass. */
int emul_ref_map(struct emul_ctxt *ctxt, const struct emul_operand *o, unsigned int access,
		 struct emul_ref *ref);
/* Reads the operand into ref->val (an immediate stays sign-extended). */
int emul_ref_load(struct emul_ctxt *ctxt, struct emul_ref *ref);
/* Writes the low ref->o->size bytes of @val to the operand. */
int emul_ref_store(struct emul_ctxt *ctxt, struct emul_ref *ref, u64 val);

#endif
