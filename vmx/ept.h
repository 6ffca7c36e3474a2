/* SPDX-License-Identifier: GPL-2.0 */
/* Extended page tables: guest-physical → host-physical, 4-level (SDM Vol. 3C, 29.3). */
#ifndef RTVMX_VMX_EPT_H
#define RTVMX_VMX_EPT_H

#include <linux/list.h>
#include <linux/types.h>

struct rtvmx_ept {
	u64 *pml4;
	struct list_head tables;	/* every table page, for freeing */
	u64 eptp;			/* EPT pointer for the VMCS */
	unsigned long nr_2m, nr_4k;	/* leaves mapped */
};

int rtvmx_ept_init(struct rtvmx_ept *ept);
/* Map one guest page, RWX and write-back, at a 2 MiB or 4 KiB leaf. */
int rtvmx_ept_map(struct rtvmx_ept *ept, u64 gpa, u64 hpa, bool huge);
void rtvmx_ept_free(struct rtvmx_ept *ept);

#endif
