// SPDX-License-Identifier: GPL-2.0
/* Guest image planning (ELF64, ELF32 and flat) and copying into guest RAM. */
#include <elf.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <linux/rtvmx.h>

#include "image.h"

struct ctx {
	const unsigned char *img;
	size_t len;
	const struct image_opts *opts;
	struct image_plan *plan;
	char *err;
	size_t errlen;
};

static __attribute__((format(printf, 2, 3)))
int fail(struct ctx *c, const char *fmt, ...)
{
	va_list ap;

	if (c->errlen) {
		va_start(ap, fmt);
		vsnprintf(c->err, c->errlen, fmt, ap);
		va_end(ap);
	}
	return -EINVAL;
}

/* [gpa, gpa + size) fits in RAM and misses the boot area; size > 0. */
static int check_range(struct ctx *c, const char *what, __u64 gpa, __u64 size)
{
	__u64 mem = c->opts->mem_size;
	__u64 boot_end = RTVMX_BOOT_AREA_GPA + RTVMX_BOOT_AREA_SIZE(mem);

	if (gpa >= mem || size > mem - gpa)
		return fail(c, "%s [%#llx, +%#llx) does not fit in guest RAM [0, %#llx)",
			    what, (unsigned long long)gpa, (unsigned long long)size,
			    (unsigned long long)mem);
	if (c->plan->boot_mode != RTVMX_BOOT_REAL_MODE &&
	    gpa < boot_end && gpa + size > RTVMX_BOOT_AREA_GPA)
		return fail(c, "%s [%#llx, %#llx) overlaps the boot area [%#llx, %#llx)",
			    what, (unsigned long long)gpa, (unsigned long long)(gpa + size),
			    RTVMX_BOOT_AREA_GPA, (unsigned long long)boot_end);
	return 0;
}

static int add_segment(struct ctx *c, __u64 gpa, __u64 offset, __u64 filesz, __u64 memsz)
{
	struct image_plan *p = c->plan;
	struct image_segment *s;
	unsigned int i;
	int ret;

	if (p->nr_segments == IMAGE_MAX_SEGMENTS)
		return fail(c, "more than %d loadable segments", IMAGE_MAX_SEGMENTS);
	ret = check_range(c, p->elf ? "segment" : "image", gpa, memsz);
	if (ret)
		return ret;
	for (i = 0; i < p->nr_segments; i++) {
		s = &p->seg[i];
		if (gpa < s->gpa + s->memsz && s->gpa < gpa + memsz)
			return fail(c, "segment [%#llx, %#llx) overlaps segment [%#llx, %#llx)",
				    (unsigned long long)gpa, (unsigned long long)(gpa + memsz),
				    (unsigned long long)s->gpa,
				    (unsigned long long)(s->gpa + s->memsz));
	}
	s = &p->seg[p->nr_segments++];
	s->gpa = gpa;
	s->offset = offset;
	s->filesz = filesz;
	s->memsz = memsz;
	return 0;
}

static int check_entry(struct ctx *c)
{
	const struct image_plan *p = c->plan;
	__u64 entry = p->entry;
	unsigned int i;

	if (p->boot_mode == RTVMX_BOOT_32BIT_FLAT && entry >= (1ULL << 32))
		return fail(c, "entry %#llx: 32-bit mode starts below 4 GiB",
			    (unsigned long long)entry);
	if (p->boot_mode == RTVMX_BOOT_REAL_MODE && entry >= RTVMX_REAL_MODE_LIMIT)
		return fail(c, "entry %#llx: real mode starts below 1 MiB", (unsigned long long)entry);
	for (i = 0; i < p->nr_segments; i++)
		if (entry >= p->seg[i].gpa && entry - p->seg[i].gpa < p->seg[i].memsz)
			return 0;
	return fail(c, "entry %#llx is outside the loaded image", (unsigned long long)entry);
}

/* ELF32 headers widened to the ELF64 layout the planner reads. */
static void widen_ehdr(const Elf32_Ehdr *e, Elf64_Ehdr *eh)
{
	memcpy(eh->e_ident, e->e_ident, EI_NIDENT);
	eh->e_type = e->e_type;
	eh->e_machine = e->e_machine;
	eh->e_entry = e->e_entry;
	eh->e_phoff = e->e_phoff;
	eh->e_phentsize = e->e_phentsize;
	eh->e_phnum = e->e_phnum;
}

static void widen_phdr(const Elf32_Phdr *p, Elf64_Phdr *ph)
{
	ph->p_type = p->p_type;
	ph->p_offset = p->p_offset;
	ph->p_paddr = p->p_paddr;
	ph->p_filesz = p->p_filesz;
	ph->p_memsz = p->p_memsz;
}

/* @ehsize and @phsize: the sizes of the image's ELF class. */
static int check_ehdr(struct ctx *c, const Elf64_Ehdr *eh, size_t ehsize, size_t phsize)
{
	bool elf32 = c->plan->elf_class == 32;

	if (c->len < ehsize)
		return fail(c, "truncated ELF header (%zu of %zu bytes)", c->len, ehsize);
	if (eh->e_ident[EI_DATA] != ELFDATA2LSB)
		return fail(c, "not a little-endian ELF image");
	if (eh->e_machine != (elf32 ? EM_386 : EM_X86_64))
		return fail(c, "ELF machine %u is not %s (%u)", eh->e_machine,
			    elf32 ? "i386" : "x86-64", elf32 ? EM_386 : EM_X86_64);
	if (eh->e_type != ET_EXEC)
		return fail(c, "ELF type %u is not ET_EXEC (link statically at a fixed address)",
			    eh->e_type);
	if (eh->e_phentsize != phsize)
		return fail(c, "ELF program header size %u is not %zu", eh->e_phentsize, phsize);
	if (!eh->e_phnum)
		return fail(c, "ELF image has no program headers");
	if (eh->e_phoff > c->len || c->len - eh->e_phoff < (__u64)eh->e_phnum * phsize)
		return fail(c, "truncated ELF image: program headers at %#llx end beyond its %zu bytes",
			    (unsigned long long)eh->e_phoff, c->len);
	if (c->opts->has_load)
		return fail(c, "--load applies to flat images only; ELF segments carry their addresses");
	return 0;
}

static int plan_phdr(struct ctx *c, const Elf64_Phdr *ph)
{
	if (ph->p_type != PT_LOAD || !ph->p_memsz)
		return 0;
	if (ph->p_filesz > ph->p_memsz)
		return fail(c, "segment at %#llx: p_filesz %#llx exceeds p_memsz %#llx",
			    (unsigned long long)ph->p_paddr, (unsigned long long)ph->p_filesz,
			    (unsigned long long)ph->p_memsz);
	if (ph->p_offset > c->len || c->len - ph->p_offset < ph->p_filesz)
		return fail(c, "truncated ELF image: segment at %#llx needs file bytes [%#llx, +%#llx) of %zu",
			    (unsigned long long)ph->p_paddr, (unsigned long long)ph->p_offset,
			    (unsigned long long)ph->p_filesz, c->len);
	return add_segment(c, ph->p_paddr, ph->p_offset, ph->p_filesz, ph->p_memsz);
}

static int plan_elf(struct ctx *c)
{
	size_t ehsize = sizeof(Elf64_Ehdr), phsize = sizeof(Elf64_Phdr);
	Elf64_Ehdr eh = { 0 };
	Elf64_Phdr ph = { 0 };
	Elf32_Ehdr eh32 = { 0 };
	Elf32_Phdr ph32;
	unsigned int i;
	int ret;

	if (c->len <= EI_CLASS)
		return fail(c, "truncated ELF header (%zu of %zu bytes)", c->len, ehsize);
	switch (c->img[EI_CLASS]) {
	case ELFCLASS64:
		c->plan->elf_class = 64;
		memcpy(&eh, c->img, c->len < ehsize ? c->len : ehsize);
		break;
	case ELFCLASS32:
		c->plan->elf_class = 32;
		ehsize = sizeof(Elf32_Ehdr);
		phsize = sizeof(Elf32_Phdr);
		memcpy(&eh32, c->img, c->len < ehsize ? c->len : ehsize);
		widen_ehdr(&eh32, &eh);
		break;
	default:
		return fail(c, "ELF class %u is neither ELF32 nor ELF64", c->img[EI_CLASS]);
	}
	if (!c->opts->boot_mode)
		c->plan->boot_mode = c->plan->elf_class == 32 ? RTVMX_BOOT_32BIT_FLAT :
							       RTVMX_BOOT_64BIT_FLAT;
	ret = check_ehdr(c, &eh, ehsize, phsize);
	for (i = 0; !ret && i < eh.e_phnum; i++) {
		if (c->plan->elf_class == 32) {
			memcpy(&ph32, c->img + eh.e_phoff + i * phsize, phsize);
			widen_phdr(&ph32, &ph);
		} else {
			memcpy(&ph, c->img + eh.e_phoff + i * phsize, phsize);
		}
		ret = plan_phdr(c, &ph);
	}
	if (ret)
		return ret;
	if (!c->plan->nr_segments)
		return fail(c, "ELF image has no PT_LOAD segment");
	c->plan->entry = c->opts->has_entry ? c->opts->entry : eh.e_entry;
	return 0;
}

static int plan_flat(struct ctx *c)
{
	const struct image_opts *o = c->opts;
	__u64 load = o->has_load ? o->load : IMAGE_FLAT_LOAD;
	int ret;

	if (!c->len)
		return fail(c, "image is empty");
	if (c->len > o->mem_size)
		return fail(c, "image (%zu bytes) is larger than guest RAM (%llu bytes)",
			    c->len, (unsigned long long)o->mem_size);
	ret = add_segment(c, load, 0, c->len, c->len);
	if (ret)
		return ret;
	c->plan->entry = o->has_entry ? o->entry : load;
	return 0;
}

static bool is_elf(const unsigned char *img, size_t len)
{
	return len >= SELFMAG && !memcmp(img, ELFMAG, SELFMAG);
}

int image_plan(const void *img, size_t len, const struct image_opts *opts,
	       struct image_plan *plan, char *err, size_t errlen)
{
	struct ctx c = { img, len, opts, plan, err, errlen };
	int ret;

	memset(plan, 0, sizeof(*plan));
	plan->boot_mode = opts->boot_mode ?: RTVMX_BOOT_64BIT_FLAT;
	if (errlen)
		err[0] = '\0';
	switch (opts->format) {
	case IMAGE_ELF:
		if (!is_elf(img, len))
			return fail(&c, "not an ELF image (bad magic)");
		plan->elf = true;
		break;
	case IMAGE_AUTO:
		plan->elf = is_elf(img, len);
		break;
	case IMAGE_FLAT:
		break;
	}
	ret = plan->elf ? plan_elf(&c) : plan_flat(&c);
	return ret ? ret : check_entry(&c);
}

void image_copy(const struct image_plan *plan, const void *img, void *ram)
{
	const struct image_segment *s;
	unsigned int i;

	for (i = 0; i < plan->nr_segments; i++) {
		s = &plan->seg[i];
		memcpy((char *)ram + s->gpa, (const char *)img + s->offset, s->filesz);
		memset((char *)ram + s->gpa + s->filesz, 0, s->memsz - s->filesz);
	}
}
