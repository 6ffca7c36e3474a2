/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Guest image loading, split in a pure planning step (unit-tested on the
 * host) and a copy into guest RAM.
 *
 * ELF64: an x86-64 ET_EXEC; each PT_LOAD segment with p_memsz > 0 goes to
 * guest-physical p_paddr (not p_vaddr: the guest runs identity-mapped, so the
 * two agree for images linked at their load address), p_filesz bytes copied
 * from p_offset and the rest of p_memsz zeroed; the entry is e_entry.
 * Flat: the whole file at the load address (default IMAGE_FLAT_LOAD), entry
 * at the load address. Either way an explicit entry replaces the default.
 *
 * Every segment must lie inside guest RAM, clear of the boot area the module
 * writes ([RTVMX_BOOT_AREA_GPA, + RTVMX_BOOT_AREA_SIZE(mem))) and of the
 * other segments, and the entry must lie inside a segment.
 */
#ifndef RTVMX_CLI_IMAGE_H
#define RTVMX_CLI_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

#define IMAGE_MAX_SEGMENTS	16
#define IMAGE_FLAT_LOAD		0x100000ULL

enum image_format {
	IMAGE_AUTO,	/* ELF when the file starts with the ELF magic, else flat */
	IMAGE_ELF,
	IMAGE_FLAT,
};

struct image_opts {
	enum image_format format;
	__u64 mem_size;		/* guest RAM in bytes */
	__u64 load;		/* flat: guest-physical load address */
	__u64 entry;		/* used when has_entry */
	bool has_load;		/* --load given (an error for ELF) */
	bool has_entry;
};

struct image_segment {
	__u64 gpa;		/* guest-physical start */
	__u64 offset;		/* file offset of the bytes to copy */
	__u64 filesz;		/* bytes copied */
	__u64 memsz;		/* bytes occupied; memsz - filesz are zeroed */
};

struct image_plan {
	bool elf;
	unsigned int nr_segments;
	struct image_segment seg[IMAGE_MAX_SEGMENTS];
	__u64 entry;
};

/*
 * Plans loading the @len bytes at @img. Returns 0, or -EINVAL with a one-line
 * reason (no trailing newline) in @err.
 */
int image_plan(const void *img, size_t len, const struct image_opts *opts,
	       struct image_plan *plan, char *err, size_t errlen);

/* Copies and zeroes the planned segments into @ram (guest-physical 0). */
void image_copy(const struct image_plan *plan, const void *img, void *ram);

#endif
