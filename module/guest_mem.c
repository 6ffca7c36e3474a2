// SPDX-License-Identifier: GPL-2.0
/* Guest RAM allocation, EPT mapping, host access and mmap. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <asm/io.h>

#include "guest_mem.h"
#include "../vmx/spec.h"

#define HUGE_ORDER	(GUEST_CHUNK_SHIFT - PAGE_SHIFT)

static void free_chunk(struct guest_chunk *c)
{
	unsigned int i;

	if (c->huge) {
		for (i = 0; i < GUEST_CHUNK_PAGES; i++)
			clear_highpage(c->huge + i);
		__free_pages(c->huge, HUGE_ORDER);
		c->huge = NULL;
	}
	if (c->pages) {
		for (i = 0; i < c->nr_pages; i++) {
			if (!c->pages[i])
				continue;
			clear_highpage(c->pages[i]);
			__free_page(c->pages[i]);
		}
		kfree(c->pages);
		c->pages = NULL;
	}
}

/* A full chunk tries one 2 MiB page first; no warning and no OOM kill when memory is short. */
static int alloc_chunk(struct guest_chunk *c, unsigned int nr_pages)
{
	const gfp_t gfp = GFP_KERNEL_ACCOUNT | __GFP_ZERO | __GFP_NOWARN;
	unsigned int i;

	c->nr_pages = nr_pages;
	if (nr_pages == GUEST_CHUNK_PAGES) {
		c->huge = alloc_pages(gfp | __GFP_NORETRY, HUGE_ORDER);
		if (c->huge)
			return 0;
	}
	c->pages = kcalloc(nr_pages, sizeof(*c->pages), GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
	if (!c->pages)
		return -ENOMEM;
	for (i = 0; i < nr_pages; i++) {
		c->pages[i] = alloc_page(gfp | __GFP_RETRY_MAYFAIL);
		if (!c->pages[i])
			return -ENOMEM;
	}
	return 0;
}

static int map_chunk(struct rtvmx_guest_mem *mem, unsigned int idx)
{
	struct guest_chunk *c = &mem->chunks[idx];
	u64 gpa = (u64)idx << GUEST_CHUNK_SHIFT;
	unsigned int i;
	int ret;

	/* With iTLB multihit, executable memory takes 4 KiB EPT pages only (vmx/spec.c). */
	if (c->huge && !rtvmx_spec_small_exec_pages())
		return rtvmx_ept_map(&mem->ept, gpa, page_to_phys(c->huge), true);
	for (i = 0; i < c->nr_pages; i++) {
		u64 hpa = c->huge ? page_to_phys(c->huge) + ((u64)i << PAGE_SHIFT) :
				    page_to_phys(c->pages[i]);

		ret = rtvmx_ept_map(&mem->ept, gpa + ((u64)i << PAGE_SHIFT), hpa, false);
		if (ret)
			return ret;
	}
	return 0;
}

void rtvmx_guest_mem_free(struct rtvmx_guest_mem *mem)
{
	unsigned int i;

	if (mem->ept.pml4)
		rtvmx_ept_free(&mem->ept);
	for (i = 0; mem->chunks && i < mem->nr_chunks; i++) {
		free_chunk(&mem->chunks[i]);
		cond_resched();
	}
	kvfree(mem->chunks);
	mem->chunks = NULL;
}

/* @size is validated by the caller (multiple of 4 KiB, within uapi bounds). */
int rtvmx_guest_mem_alloc(struct rtvmx_guest_mem *mem, u64 size)
{
	unsigned long avail = si_mem_available();
	unsigned int i;
	int ret;

	memset(mem, 0, sizeof(*mem));
	if (size >> PAGE_SHIFT > avail) {
		pr_notice("guest RAM of %llu MiB exceeds the %lu MiB the host has available\n",
			  size >> 20, avail >> (20 - PAGE_SHIFT));
		return -ENOMEM;
	}
	mem->size = size;
	mem->nr_chunks = DIV_ROUND_UP(size, GUEST_CHUNK_SIZE);
	mem->chunks = kvcalloc(mem->nr_chunks, sizeof(*mem->chunks), GFP_KERNEL_ACCOUNT);
	if (!mem->chunks)
		return -ENOMEM;
	ret = rtvmx_ept_init(&mem->ept);
	for (i = 0; !ret && i < mem->nr_chunks; i++) {
		u64 left = size - ((u64)i << GUEST_CHUNK_SHIFT);

		ret = alloc_chunk(&mem->chunks[i], min_t(u64, left, GUEST_CHUNK_SIZE) >> PAGE_SHIFT) ?:
		      map_chunk(mem, i);
		cond_resched();
	}
	if (ret)
		rtvmx_guest_mem_free(mem);
	return ret;
}

void *rtvmx_gpa_to_hva(const struct rtvmx_guest_mem *mem, u64 gpa)
{
	const struct guest_chunk *c;

	if (gpa >= mem->size)
		return NULL;
	c = &mem->chunks[gpa >> GUEST_CHUNK_SHIFT];
	if (c->huge)
		return page_address(c->huge) + (gpa & (GUEST_CHUNK_SIZE - 1));
	return page_address(c->pages[(gpa & (GUEST_CHUNK_SIZE - 1)) >> PAGE_SHIFT]) +
	       offset_in_page(gpa);
}

int rtvmx_guest_mem_mmap(const struct rtvmx_guest_mem *mem, struct vm_area_struct *vma)
{
	u64 off = (u64)vma->vm_pgoff << PAGE_SHIFT;
	u64 len = vma->vm_end - vma->vm_start;
	u64 done;
	int ret;

	if (off >= mem->size || len > mem->size - off)
		return -EINVAL;
	for (done = 0; done < len; done += PAGE_SIZE) {
		void *hva = rtvmx_gpa_to_hva(mem, off + done);

		ret = remap_pfn_range(vma, vma->vm_start + done, virt_to_phys(hva) >> PAGE_SHIFT,
				      PAGE_SIZE, vma->vm_page_prot);
		if (ret)
			return ret;
	}
	return 0;
}
