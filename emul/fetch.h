/* SPDX-License-Identifier: GPL-2.0 */
/* Instruction fetch and decode for emul_run() (internal). */
#ifndef EMUL_FETCH_H
#define EMUL_FETCH_H

#include "emul.h"

/*
 * Fills ctxt->insn from the guest's CS:RIP. Returns 0 when decoded,
 * EMUL_EXCEPTION (#PF, #GP, #UD in ctxt->exc), EMUL_RETRY, -EOPNOTSUPP or
 * -EIO.
 */
int emul_fetch_decode(struct emul_ctxt *ctxt);

#endif
