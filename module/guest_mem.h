/* SPDX-License-Identifier: GPL-2.0 */
/* Guest RAM: allocated, zeroed and pinned at VM creation, zeroed again when freed. */
#ifndef RTVMX_MODULE_GUEST_MEM_H
#define RTVMX_MODULE_GUEST_MEM_H

#include <linux/mm_types.h>
#include <linux/types.h>

#include "../vmx/ept.h"

#define GUEST_CHUNK_SHIFT	21			/* 2 MiB */
#define GUEST_CHUNK_SIZE	(1ULL << GUEST_CHUNK_SHIFT)
#define GUEST_CHUNK_PAGES	(GUEST_CHUNK_SIZE >> PAGE_SHIFT)

/* One 2 MiB slice of guest RAM: one huge page, or (at a tail, or when memory is fragmented) 4 KiB pages. */
struct guest_chunk {
	struct page *huge;
	struct page **pages;
	unsigned int nr_pages;
};

struct rtvmx_guest_mem {
	u64 size;
	unsigned int nr_chunks;
	struct guest_chunk *chunks;
	struct rtvmx_ept ept;
};

int rtvmx_guest_mem_alloc(struct rtvmx_guest_mem *mem, u64 size);
void rtvmx_guest_mem_free(struct rtvmx_guest_mem *mem);
/* Host address of guest-physical @gpa; the caller keeps [gpa, gpa + len) inside one page. */
void *rtvmx_gpa_to_hva(const struct rtvmx_guest_mem *mem, u64 gpa);
int rtvmx_guest_mem_mmap(const struct rtvmx_guest_mem *mem, struct vm_area_struct *vma);

#endif
