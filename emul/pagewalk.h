/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Guest linear→physical translation (SDM Vol. 3A, chapter 4): no paging (real
 * mode, protected mode with CR0.PG=0), 32-bit paging with 4 MiB pages and
 * PSE-36, PAE paging, 4-level and 5-level paging with 2 MiB and 1 GiB pages.
 * Access rights: U/S, R/W with CR0.WP, XD with EFER.NXE, SMEP, SMAP with
 * EFLAGS.AC and implicit supervisor accesses. Protection keys, CET shadow
 * stacks and HLAT are not modelled.
 *
 * Accessed and dirty flags are set as the CPU would (SDM 4.8): A in every
 * entry used, D in the leaf for a write, and only for a translation that
 * succeeds, through ops->cmpxchg_phys (none when it is NULL). PAE PDPTEs have
 * no A flag. When an entry changed under the update, the walk restarts (four
 * tries at most).
 */
#ifndef EMUL_PAGEWALK_H
#define EMUL_PAGEWALK_H

#include "emul.h"

/* Access kinds */
#define EMUL_ACC_READ	0
#define EMUL_ACC_WRITE	(1u << 0)
#define EMUL_ACC_FETCH	(1u << 1)
#define EMUL_ACC_USER	(1u << 2)	/* user-mode access: CPL 3 and not implicit */
#define EMUL_ACC_AC	(1u << 3)	/* explicit supervisor access with EFLAGS.AC=1 */

struct emul_walk {
	u64 gpa;		/* the translation, when the walk succeeds */
	u32 pfec;		/* the #PF error code (EMUL_PFEC_*), when it fails */
};

/*
 * Translates linear address @la for an access of kind @access (EMUL_ACC_*).
 * Returns 0 with w->gpa, -EFAULT with w->pfec (CR2 is @la), -EIO when a
 * callback failed, -EAGAIN when the A/D update kept losing races, or -EINVAL
 * when pg->maxphyaddr is outside 32..52.
 * Without paging, the translation is @la's low 32 bits.
 */
int emul_walk(const struct emul_paging *pg, const struct emul_ops *ops, void *opaque,
	      u64 la, unsigned int access, struct emul_walk *w);

#endif
