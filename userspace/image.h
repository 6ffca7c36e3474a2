/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Guest image loading, split in a pure planning step (unit-tested on the
 * host) and a copy into guest RAM.
 *
 * ELF64 (x86-64) or ELF32 (i386): an ET_EXEC; each PT_LOAD segment with p_memsz > 0 goes to
 * guest-physical p_paddr (not p_vaddr: the guest runs identity-mapped, so the
 * two agree for images linked at their load address), p_filesz bytes copied
 * from p_offset and the rest of p_memsz zeroed; the entry is e_entry.
 * Flat: the whole file at the load address (default IMAGE_FLAT_LOAD), entry
 * at the load address. Either way an explicit entry replaces the default.
 *
 * The boot state: RTVMX_BOOT_32BIT_FLAT for ELF32, RTVMX_BOOT_64BIT_FLAT for
 * ELF64 and flat images, unless image_opts.boot_mode says otherwise.
 *
 * Every segment must lie inside guest RAM, clear of the other segments and,
 * except in real mode, of the boot area the module writes
 * ([RTVMX_BOOT_AREA_GPA, + RTVMX_BOOT_AREA_SIZE(mem))); the entry must lie
 * inside a segment, below 4 GiB in 32-bit mode and below 1 MiB in real mode.
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
	__u32 boot_mode;	/* RTVMX_BOOT_*, 0: from the image */
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
	unsigned int elf_class;	/* 32 or 64 for ELF images */
	__u32 boot_mode;	/* RTVMX_BOOT_* */
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
