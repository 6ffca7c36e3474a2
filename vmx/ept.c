// SPDX-License-Identifier: GPL-2.0
/*
 * EPT construction. Everything is mapped up front when the VM is created, so
 * the run loop never takes an EPT fault for RAM (SDM Vol. 3C, 29.3.2 for the
 * entry formats, 25.6.11 for the EPT pointer).
 */
#include <linux/gfp.h>
#include <linux/mm.h>
#include <asm/io.h>

#include "ept.h"

#define EPT_READ		BIT_ULL(0)
#define EPT_WRITE		BIT_ULL(1)
#define EPT_EXEC		BIT_ULL(2)
#define EPT_RWX			(EPT_READ | EPT_WRITE | EPT_EXEC)
#define EPT_MEMTYPE_WB		(6ULL << 3)	/* leaf memory type, bits 5:3 */
#define EPT_LARGE		BIT_ULL(7)	/* a 2 MiB leaf in a PDE */
#define EPT_ADDR_MASK		GENMASK_ULL(51, 12)
#define EPTP_WB			6ULL
#define EPTP_WALK_4		(3ULL << 3)	/* page-walk length - 1 */

static u64 *new_table(struct rtvmx_ept *ept)
{
	struct page *page = alloc_page(GFP_KERNEL_ACCOUNT | __GFP_ZERO);

	if (!page)
		return NULL;
	list_add(&page->lru, &ept->tables);
	return page_address(page);
}

int rtvmx_ept_init(struct rtvmx_ept *ept)
{
	INIT_LIST_HEAD(&ept->tables);
	ept->nr_2m = 0;
	ept->nr_4k = 0;
	ept->pml4 = new_table(ept);
	if (!ept->pml4)
		return -ENOMEM;
	ept->eptp = virt_to_phys(ept->pml4) | EPTP_WALK_4 | EPTP_WB;
	return 0;
}

/* The table that entry @idx of @table points to, created on first use. */
static u64 *next_table(struct rtvmx_ept *ept, u64 *table, unsigned int idx)
{
	u64 *next;

	if (table[idx])
		return phys_to_virt(table[idx] & EPT_ADDR_MASK);
	next = new_table(ept);
	if (next)
		table[idx] = virt_to_phys(next) | EPT_RWX;
	return next;
}

int rtvmx_ept_map(struct rtvmx_ept *ept, u64 gpa, u64 hpa, bool huge)
{
	u64 *pdpt, *pd, *pt;

	pdpt = next_table(ept, ept->pml4, (gpa >> 39) & 511);
	pd = pdpt ? next_table(ept, pdpt, (gpa >> 30) & 511) : NULL;
	if (!pd)
		return -ENOMEM;
	if (huge) {
		pd[(gpa >> 21) & 511] = hpa | EPT_LARGE | EPT_MEMTYPE_WB | EPT_RWX;
		ept->nr_2m++;
		return 0;
	}
	pt = next_table(ept, pd, (gpa >> 21) & 511);
	if (!pt)
		return -ENOMEM;
	pt[(gpa >> 12) & 511] = hpa | EPT_MEMTYPE_WB | EPT_RWX;
	ept->nr_4k++;
	return 0;
}

void rtvmx_ept_free(struct rtvmx_ept *ept)
{
	struct page *page, *tmp;

	list_for_each_entry_safe(page, tmp, &ept->tables, lru) {
		list_del(&page->lru);
		__free_page(page);
	}
	ept->pml4 = NULL;
}
