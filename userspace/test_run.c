// SPDX-License-Identifier: GPL-2.0
/*
 * Host unit tests of what "rtvmx run" computes without the device: size,
 * CPU, time and --sched parsing, image planning (ELF64 images built here, flat images), and
 * the exit status and message of each stop reason. Prints TAP.
 */
#include <elf.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "image.h"
#include "parse.h"
#include "result.h"
#include "sched.h"

#define MEM_16M		(16ULL << 20)

static int nr_tests, nr_failed;

static __attribute__((format(printf, 2, 3)))
bool check(bool ok, const char *fmt, ...)
{
	va_list ap;

	nr_tests++;
	printf("%sok %d - ", ok ? "" : "not ", nr_tests);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (!ok)
		nr_failed++;
	return ok;
}

/* ---- parse_size, parse_cpu, vm_name_valid ------------------------------ */

static void size_ok(const char *s, __u64 want)
{
	__u64 v = 0;
	int ret = parse_size(s, &v);

	if (!check(!ret && v == want, "parse_size(\"%s\") = %#llx", s, (unsigned long long)want))
		printf("# got %d, %#llx\n", ret, (unsigned long long)v);
}

static void size_bad(const char *s, int want)
{
	__u64 v = 0x1234;
	int ret = parse_size(s, &v);

	if (!check(ret == want && v == 0x1234, "parse_size(\"%s\") fails with %s", s,
		   want == -ERANGE ? "ERANGE" : "EINVAL"))
		printf("# got %d, %#llx\n", ret, (unsigned long long)v);
}

static void test_parse(void)
{
	unsigned int cpu = 77;

	size_ok("0", 0);
	size_ok("1", 1);
	size_ok("16M", MEM_16M);
	size_ok("16m", MEM_16M);
	size_ok("65536K", 64ULL << 20);
	size_ok("2G", 2ULL << 30);
	size_ok("0x1000000", MEM_16M);
	size_ok("0X10k", 16ULL << 10);
	size_ok("18446744073709551615", ~0ULL);
	size_ok("0xffffffffffffffff", ~0ULL);
	size_ok("17179869183G", 17179869183ULL << 30);
	size_bad("", -EINVAL);
	size_bad("M", -EINVAL);
	size_bad("0x", -EINVAL);
	size_bad("-1", -EINVAL);
	size_bad("+1", -EINVAL);
	size_bad(" 1", -EINVAL);
	size_bad("1 ", -EINVAL);
	size_bad("16MB", -EINVAL);
	size_bad("16MM", -EINVAL);
	size_bad("1.5M", -EINVAL);
	size_bad("16T", -EINVAL);
	size_bad("0x1g0", -EINVAL);
	size_bad("12a", -EINVAL);
	size_bad("18446744073709551616", -ERANGE);
	size_bad("0x10000000000000000", -ERANGE);
	size_bad("17179869184G", -ERANGE);
	size_bad("16777216T", -EINVAL);
	check(parse_size(NULL, &(__u64){ 0 }) == -EINVAL, "parse_size(NULL) fails");

	check(!parse_cpu("3", &cpu) && cpu == 3, "parse_cpu(\"3\") = 3");
	check(!parse_cpu("0", &cpu) && cpu == 0, "parse_cpu(\"0\") = 0");
	check(!parse_cpu("1023", &cpu) && cpu == 1023, "parse_cpu(\"1023\") = 1023");
	check(parse_cpu("1024", &cpu) == -EINVAL, "parse_cpu(\"1024\") fails (RTVMX_MAX_CPUS)");
	check(parse_cpu("", &cpu) == -EINVAL, "parse_cpu(\"\") fails");
	check(parse_cpu("0x1", &cpu) == -EINVAL, "parse_cpu(\"0x1\") fails");
	check(parse_cpu("1K", &cpu) == -EINVAL, "parse_cpu(\"1K\") fails");
	check(parse_cpu("-1", &cpu) == -EINVAL, "parse_cpu(\"-1\") fails");
	check(parse_cpu("99999999999999999999999", &cpu) == -EINVAL, "parse_cpu(huge) fails");
	check(!parse_vcpus("1", &cpu) && cpu == 1, "parse_vcpus(\"1\") = 1");
	check(!parse_vcpus("8", &cpu) && cpu == 8, "parse_vcpus(\"8\") = 8 (RTVMX_MAX_VCPUS)");
	check(parse_vcpus("9", &cpu) == -EINVAL, "parse_vcpus(\"9\") fails");
	check(parse_vcpus("0", &cpu) == -EINVAL, "parse_vcpus(\"0\") fails");
	check(parse_vcpus("", &cpu) == -EINVAL, "parse_vcpus(\"\") fails");
	check(parse_vcpus("2x", &cpu) == -EINVAL, "parse_vcpus(\"2x\") fails");
	check(parse_vcpus("0x2", &cpu) == -EINVAL, "parse_vcpus(\"0x2\") fails");
	check(parse_vcpus("-1", &cpu) == -EINVAL, "parse_vcpus(\"-1\") fails");

	check(vm_name_valid(""), "vm name \"\" is valid (the module names it vm<id>)");
	check(vm_name_valid("guest-1.test_A"), "vm name guest-1.test_A is valid");
	check(vm_name_valid("0123456789012345678901234567890"), "31-char vm name is valid");
	check(!vm_name_valid("01234567890123456789012345678901"), "32-char vm name is not");
	check(!vm_name_valid("a b"), "vm name with a space is not valid");
	check(!vm_name_valid("a/b"), "vm name with a slash is not valid");
	check(!vm_name_valid("\xc3\xa9"), "vm name with UTF-8 is not valid");
}

/* ---- image_plan -------------------------------------------------------- */

#define ELF_PHOFF	sizeof(Elf64_Ehdr)
#define ELF_DATA	0x600	/* segment bytes start here in the test images */

/* An ELF64 image of @len bytes. */
struct elf_img {
	unsigned char buf[0x1000];
	size_t len;
};

static Elf64_Ehdr *ehdr(struct elf_img *e)
{
	return (Elf64_Ehdr *)e->buf;
}

static Elf64_Phdr *phdr(struct elf_img *e, unsigned int i)
{
	return (Elf64_Phdr *)(e->buf + ELF_PHOFF) + i;
}

/* A valid image: @nph PT_LOAD headers, each @filesz bytes of 0xAA + i at 1 MiB + i * 64 KiB. */
static void elf_build(struct elf_img *e, unsigned int nph, __u64 filesz, __u64 memsz)
{
	Elf64_Ehdr *eh = ehdr(e);
	unsigned int i;

	memset(e, 0, sizeof(*e));
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = ET_EXEC;
	eh->e_machine = EM_X86_64;
	eh->e_version = EV_CURRENT;
	eh->e_entry = 0x100010;
	eh->e_phoff = ELF_PHOFF;
	eh->e_ehsize = sizeof(*eh);
	eh->e_phentsize = sizeof(Elf64_Phdr);
	eh->e_phnum = nph;
	for (i = 0; i < nph; i++) {
		Elf64_Phdr *ph = phdr(e, i);

		ph->p_type = PT_LOAD;
		ph->p_flags = PF_R | PF_X;
		ph->p_offset = ELF_DATA + i * filesz;
		ph->p_vaddr = ph->p_paddr = 0x100000 + i * 0x10000ULL;
		ph->p_filesz = filesz;
		ph->p_memsz = memsz;
		memset(e->buf + ph->p_offset, 0xaa + i, filesz);
	}
	e->len = ELF_DATA + nph * filesz;
}

static const struct image_opts opts_16m = { .format = IMAGE_AUTO, .mem_size = MEM_16M };

static int plan(const void *img, size_t len, const struct image_opts *o, struct image_plan *p,
		char *err)
{
	return image_plan(img, len, o, p, err, 256);
}

/* @what must be refused with an error containing @want. */
static void elf_bad(struct elf_img *e, const struct image_opts *o, const char *want,
		    const char *what)
{
	struct image_plan p;
	char err[256];
	int ret = plan(e->buf, e->len, o ? o : &opts_16m, &p, err);

	if (!check(ret == -EINVAL && strstr(err, want), "elf: %s is refused", what))
		printf("# got %d, '%s'; want '%s'\n", ret, err, want);
}

static void test_elf_valid(void)
{
	static unsigned char ram[0x130000];
	struct elf_img e;
	struct image_plan p;
	char err[256];
	bool bytes_ok = true;
	unsigned int i;
	int ret;

	elf_build(&e, 2, 0x100, 0x180);
	ret = plan(e.buf, e.len, &opts_16m, &p, err);
	if (!check(!ret, "elf: two PT_LOAD segments plan"))
		printf("# %s\n", err);
	check(p.elf && p.nr_segments == 2 && p.entry == 0x100010, "elf: 2 segments, entry e_entry");
	check(p.seg[1].gpa == 0x110000 && p.seg[1].offset == ELF_DATA + 0x100 &&
	      p.seg[1].filesz == 0x100 && p.seg[1].memsz == 0x180,
	      "elf: segment 1 at p_paddr with its offset, filesz and memsz");

	memset(ram, 0x55, sizeof(ram));
	image_copy(&p, e.buf, ram);
	for (i = 0; i < 0x180; i++) {
		bytes_ok &= ram[0x100000 + i] == (i < 0x100 ? 0xaa : 0);
		bytes_ok &= ram[0x110000 + i] == (i < 0x100 ? 0xab : 0);
	}
	bytes_ok &= ram[0x100180] == 0x55 && ram[0xfffff] == 0x55;
	check(bytes_ok, "elf: image_copy copies p_filesz, zeroes to p_memsz, touches nothing else");

	phdr(&e, 1)->p_type = PT_NOTE;
	phdr(&e, 1)->p_paddr = 0;
	ret = plan(e.buf, e.len, &opts_16m, &p, err);
	check(!ret && p.nr_segments == 1, "elf: non-PT_LOAD headers are ignored");

	elf_build(&e, 2, 0x100, 0x100);
	phdr(&e, 1)->p_filesz = 0;
	phdr(&e, 1)->p_memsz = 0;
	phdr(&e, 1)->p_paddr = 0;
	ret = plan(e.buf, e.len, &opts_16m, &p, err);
	check(!ret && p.nr_segments == 1, "elf: empty PT_LOAD (p_memsz 0) is ignored");

	elf_build(&e, 1, 0x100, 0x100);
	phdr(&e, 0)->p_filesz = 0;
	phdr(&e, 0)->p_memsz = 0x2000;
	ret = plan(e.buf, e.len, &opts_16m, &p, err);
	check(!ret && p.seg[0].filesz == 0 && p.seg[0].memsz == 0x2000,
	      "elf: bss-only segment (p_filesz 0)");

	elf_build(&e, 1, 0x100, 0x100);
	phdr(&e, 0)->p_paddr = MEM_16M - 0x100;
	ehdr(&e)->e_entry = MEM_16M - 1;
	ret = plan(e.buf, e.len, &opts_16m, &p, err);
	check(!ret, "elf: segment ending exactly at the top of RAM");

	elf_build(&e, 1, 0x100, 0x100);
	phdr(&e, 0)->p_paddr = 0x8000;	/* right after the boot area of 16 MiB RAM */
	phdr(&e, 0)->p_vaddr = 0xffffffff80000000ULL;
	ehdr(&e)->e_entry = 0x8000;
	ret = plan(e.buf, e.len, &opts_16m, &p, err);
	check(!ret && p.seg[0].gpa == 0x8000, "elf: loads at p_paddr, not p_vaddr; 0x8000 is free");

	elf_build(&e, 1, 0x100, 0x100);
	phdr(&e, 0)->p_paddr = 0;
	phdr(&e, 0)->p_memsz = 0x1000;
	ehdr(&e)->e_entry = 0;
	ret = plan(e.buf, e.len, &opts_16m, &p, err);
	check(!ret, "elf: page 0, below the boot area, is usable");

	elf_build(&e, 1, 0x100, 0x100);
	{
		struct image_opts o = opts_16m;

		o.has_entry = true;
		o.entry = 0x100080;
		ret = plan(e.buf, e.len, &o, &p, err);
		check(!ret && p.entry == 0x100080, "elf: --entry replaces e_entry");
	}
	elf_build(&e, IMAGE_MAX_SEGMENTS, 0x10, 0x10);
	ehdr(&e)->e_entry = 0x100000;
	ret = plan(e.buf, e.len, &opts_16m, &p, err);
	check(!ret && p.nr_segments == IMAGE_MAX_SEGMENTS, "elf: %d segments", IMAGE_MAX_SEGMENTS);
}

/* An ELF32 i386 image: one PT_LOAD of 0x40 bytes at 1 MiB, entry at +0x10. */
static size_t elf32_build(unsigned char *buf)
{
	Elf32_Ehdr *eh = (Elf32_Ehdr *)buf;
	Elf32_Phdr *ph = (Elf32_Phdr *)(buf + sizeof(*eh));

	memset(buf, 0, 0x200);
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS32;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = ET_EXEC;
	eh->e_machine = EM_386;
	eh->e_version = EV_CURRENT;
	eh->e_entry = 0x100010;
	eh->e_phoff = sizeof(*eh);
	eh->e_ehsize = sizeof(*eh);
	eh->e_phentsize = sizeof(*ph);
	eh->e_phnum = 1;
	ph->p_type = PT_LOAD;
	ph->p_offset = 0x100;
	ph->p_paddr = ph->p_vaddr = 0x100000;
	ph->p_filesz = 0x40;
	ph->p_memsz = 0x80;
	memset(buf + 0x100, 0x5a, 0x40);
	return 0x140;
}

static void test_elf32_and_boot_modes(void)
{
	static unsigned char buf[0x200];
	struct image_opts o = opts_16m;
	struct image_plan p;
	size_t len = elf32_build(buf);
	char err[256];
	int ret;

	ret = plan(buf, len, &o, &p, err);
	check(!ret && p.elf && p.elf_class == 32 && p.boot_mode == RTVMX_BOOT_32BIT_FLAT &&
	      p.nr_segments == 1 && p.seg[0].gpa == 0x100000 && p.seg[0].offset == 0x100 &&
	      p.seg[0].filesz == 0x40 && p.seg[0].memsz == 0x80 && p.entry == 0x100010,
	      "elf32: one segment at 1 MiB, 32-bit flat boot, entry 0x100010");
	((Elf32_Ehdr *)buf)->e_phentsize = sizeof(Elf64_Phdr);
	check(plan(buf, len, &o, &p, err) == -EINVAL && strstr(err, "program header size 56 is not 32"),
	      "elf32: an ELF64 program header size is refused");
	elf32_build(buf);
	o.boot_mode = RTVMX_BOOT_64BIT_FLAT;
	check(!plan(buf, len, &o, &p, err) && p.boot_mode == RTVMX_BOOT_64BIT_FLAT,
	      "elf32: --boot 64bit overrides the ELF class");

	o = opts_16m;
	o.format = IMAGE_FLAT;
	o.boot_mode = RTVMX_BOOT_REAL_MODE;
	o.has_load = true;
	o.load = 0x2000;
	ret = plan(buf, 0x40, &o, &p, err);
	check(!ret && p.boot_mode == RTVMX_BOOT_REAL_MODE && p.entry == 0x2000,
	      "real mode: a flat image may sit where the flat modes keep their boot area");
	o.load = 0xffff0;
	o.has_entry = true;
	o.entry = 0x100000;
	check(plan(buf, 0x40, &o, &p, err) == -EINVAL && strstr(err, "real mode starts below 1 MiB"),
	      "real mode: an entry at 1 MiB is refused");
	o.boot_mode = RTVMX_BOOT_32BIT_FLAT;
	o.mem_size = 8ULL << 30;
	o.load = 0x100000000ULL;
	o.entry = 0x100000000ULL;
	check(plan(buf, 0x40, &o, &p, err) == -EINVAL && strstr(err, "32-bit mode starts below 4 GiB"),
	      "32-bit: an entry at 4 GiB is refused");
}

static void test_elf_header_bad(void)
{
	struct image_opts o = opts_16m;
	struct elf_img e;

	elf_build(&e, 1, 0x100, 0x100);
	e.len = sizeof(Elf64_Ehdr) - 1;
	elf_bad(&e, NULL, "truncated ELF header", "truncated header");
	e.len = 4;
	elf_bad(&e, NULL, "truncated ELF header", "bare magic");

	elf_build(&e, 1, 0x100, 0x100);
	e.buf[0] = 0x7e;
	o.format = IMAGE_ELF;
	elf_bad(&e, &o, "bad magic", "bad magic with --format elf");

	elf_build(&e, 1, 0x100, 0x100);
	ehdr(&e)->e_ident[EI_CLASS] = ELFCLASS32;
	elf_bad(&e, NULL, "ELF machine 62 is not i386 (3)", "ELF64 body with ELFCLASS32");
	elf_build(&e, 1, 0x100, 0x100);
	ehdr(&e)->e_ident[EI_CLASS] = ELFCLASSNONE;
	elf_bad(&e, NULL, "neither ELF32 nor ELF64", "ELFCLASSNONE");
	elf_build(&e, 1, 0x100, 0x100);
	ehdr(&e)->e_ident[EI_DATA] = ELFDATA2MSB;
	elf_bad(&e, NULL, "little-endian", "big-endian");
	elf_build(&e, 1, 0x100, 0x100);
	ehdr(&e)->e_machine = EM_AARCH64;
	elf_bad(&e, NULL, "is not x86-64", "EM_AARCH64");
	elf_build(&e, 1, 0x100, 0x100);
	ehdr(&e)->e_type = ET_DYN;
	elf_bad(&e, NULL, "is not ET_EXEC", "ET_DYN");
	elf_build(&e, 1, 0x100, 0x100);
	ehdr(&e)->e_phentsize = 32;
	elf_bad(&e, NULL, "program header size", "e_phentsize 32");
	elf_build(&e, 1, 0x100, 0x100);
	ehdr(&e)->e_phnum = 0;
	elf_bad(&e, NULL, "no program headers", "e_phnum 0");
	elf_build(&e, 1, 0x100, 0x100);
	ehdr(&e)->e_phoff = e.len - 8;
	elf_bad(&e, NULL, "truncated ELF image: program headers", "program headers past the end");
	elf_build(&e, 1, 0x100, 0x100);
	ehdr(&e)->e_phoff = ~0ULL - 8;
	elf_bad(&e, NULL, "truncated ELF image: program headers", "e_phoff near 2^64");
	elf_build(&e, 1, 0x100, 0x100);
	ehdr(&e)->e_phnum = 0xffff;
	elf_bad(&e, NULL, "truncated ELF image: program headers", "e_phnum 65535");
	elf_build(&e, 1, 0x100, 0x100);
	phdr(&e, 0)->p_type = PT_NOTE;
	elf_bad(&e, NULL, "no PT_LOAD", "no PT_LOAD");
	elf_build(&e, 1, 0x100, 0x100);
	o = opts_16m;
	o.has_load = true;
	o.load = 0x200000;
	elf_bad(&e, &o, "--load applies to flat images only", "--load with an ELF image");
}

static void test_elf_segment_bad(void)
{
	struct image_opts o = opts_16m;
	struct elf_img e;

	elf_build(&e, 1, 0x100, 0x100);
	e.len -= 1;
	elf_bad(&e, NULL, "truncated ELF image: segment", "segment bytes past the end");
	elf_build(&e, 1, 0x100, 0x100);
	phdr(&e, 0)->p_offset = ~0ULL - 0x10;
	elf_bad(&e, NULL, "truncated ELF image: segment", "p_offset near 2^64");
	elf_build(&e, 1, 0x100, 0x100);
	phdr(&e, 0)->p_memsz = 0x80;
	elf_bad(&e, NULL, "exceeds p_memsz", "p_filesz > p_memsz");
	elf_build(&e, 1, 0x100, 0x100);
	phdr(&e, 0)->p_paddr = MEM_16M - 0x80;
	elf_bad(&e, NULL, "does not fit in guest RAM", "segment crossing the top of RAM");
	elf_build(&e, 1, 0x100, 0x100);
	phdr(&e, 0)->p_paddr = 0x40000000;
	elf_bad(&e, NULL, "does not fit in guest RAM", "segment beyond RAM");
	elf_build(&e, 1, 0x100, 0x100);
	phdr(&e, 0)->p_paddr = ~0ULL - 0x10;
	elf_bad(&e, NULL, "does not fit in guest RAM", "p_paddr + p_memsz wrapping 2^64");
	elf_build(&e, 1, 0x100, 0x100);
	phdr(&e, 0)->p_memsz = MEM_16M + 0x1000;
	elf_bad(&e, NULL, "does not fit in guest RAM", "segment larger than RAM");
	elf_build(&e, 1, 0x100, 0x100);
	phdr(&e, 0)->p_paddr = 0x7f80;	/* the boot area of 16 MiB RAM is [0x1000, 0x8000) */
	elf_bad(&e, NULL, "overlaps the boot area [0x1000, 0x8000)", "segment ending in the boot area");
	elf_build(&e, 1, 0x100, 0x100);
	phdr(&e, 0)->p_paddr = 0xf80;
	elf_bad(&e, NULL, "overlaps the boot area", "segment starting below the boot area");
	elf_build(&e, 1, 0x100, 0x100);
	phdr(&e, 0)->p_paddr = 0x2000;
	elf_bad(&e, NULL, "overlaps the boot area", "segment inside the boot area");
	elf_build(&e, 1, 0x100, 0x100);
	o.mem_size = 8ULL << 30;	/* 8 GiB: 3 + 8 pages of boot area, to 0xc000 */
	phdr(&e, 0)->p_paddr = 0xb000;
	elf_bad(&e, &o, "overlaps the boot area [0x1000, 0xc000)", "boot area grows with RAM > 4 GiB");
	elf_build(&e, 2, 0x100, 0x100);
	phdr(&e, 1)->p_paddr = 0x1000ff;
	elf_bad(&e, NULL, "overlaps segment", "overlapping segments");
	elf_build(&e, 1, 0x100, 0x100);
	ehdr(&e)->e_entry = 0x200000;
	elf_bad(&e, NULL, "entry 0x200000 is outside the loaded image", "entry outside the segments");
	elf_build(&e, 1, 0x100, 0x100);
	ehdr(&e)->e_entry = 0x40000000;
	elf_bad(&e, NULL, "is outside the loaded image", "entry beyond RAM");
	elf_build(&e, IMAGE_MAX_SEGMENTS + 1, 0x10, 0x10);
	elf_bad(&e, NULL, "more than 16 loadable segments", "17 PT_LOAD segments");
}

static void test_flat(void)
{
	static unsigned char img[0x2000];
	static unsigned char ram[0x104000];
	struct image_opts o = opts_16m;
	struct image_plan p;
	char err[256];
	int ret;

	memset(img, 0x90, sizeof(img));
	ret = plan(img, sizeof(img), &o, &p, err);
	check(!ret && !p.elf && p.nr_segments == 1 && p.seg[0].gpa == IMAGE_FLAT_LOAD &&
	      p.seg[0].filesz == sizeof(img) && p.seg[0].memsz == sizeof(img) &&
	      p.entry == IMAGE_FLAT_LOAD, "flat: at 0x100000, entry there");
	memset(ram, 0, sizeof(ram));
	image_copy(&p, img, ram);
	check(ram[0x100000] == 0x90 && ram[0x101fff] == 0x90 && !ram[0x102000] && !ram[0xfffff],
	      "flat: image_copy puts the bytes at the load address");

	o.has_load = true;
	o.load = 0x8000;
	o.has_entry = true;
	o.entry = 0x8010;
	ret = plan(img, sizeof(img), &o, &p, err);
	check(!ret && p.seg[0].gpa == 0x8000 && p.entry == 0x8010, "flat: --load and --entry");

	o = opts_16m;
	o.format = IMAGE_FLAT;
	memcpy(img, ELFMAG, SELFMAG);
	ret = plan(img, sizeof(img), &o, &p, err);
	check(!ret && !p.elf, "flat: --format flat loads an ELF file as bytes");
	o.format = IMAGE_AUTO;
	img[0] = 0x90;
	ret = plan(img, 3, &o, &p, err);
	check(!ret && !p.elf, "flat: 3 bytes, shorter than the ELF magic, are flat");

	ret = plan(img, 0, &o, &p, err);
	check(ret == -EINVAL && strstr(err, "image is empty"), "flat: empty image is refused");
	o.mem_size = 2ULL << 20;
	{
		unsigned char *big = calloc(1, (2ULL << 20) + 1);

		ret = big ? plan(big, (2ULL << 20) + 1, &o, &p, err) : -ENOMEM;
		check(ret == -EINVAL && strstr(err, "is larger than guest RAM"),
		      "flat: image larger than RAM is refused");
		free(big);
	}
	ret = plan(img, 0x100001, &o, &p, err);
	check(ret == -EINVAL && strstr(err, "does not fit in guest RAM"),
	      "flat: image past the top of RAM is refused");
	o = opts_16m;
	o.has_load = true;
	o.load = 0x4000;
	ret = plan(img, 0x100, &o, &p, err);
	check(ret == -EINVAL && strstr(err, "image [0x4000, 0x4100) overlaps the boot area"),
	      "flat: --load in the boot area is refused");
	o.load = ~0ULL - 0x10;
	ret = plan(img, 0x100, &o, &p, err);
	check(ret == -EINVAL && strstr(err, "does not fit in guest RAM"),
	      "flat: --load near 2^64 is refused");
	o = opts_16m;
	o.has_entry = true;
	o.entry = 0x100100;
	ret = plan(img, 0x100, &o, &p, err);
	check(ret == -EINVAL && strstr(err, "entry 0x100100 is outside the loaded image"),
	      "flat: --entry past the image is refused");
	ret = image_plan(img, 0, &o, &p, err, 8);
	check(ret == -EINVAL && strlen(err) == 7, "plan: the error message is truncated to errlen");
	check(image_plan(img, 0, &o, &p, NULL, 0) == -EINVAL, "plan: errlen 0 is allowed");
}

/* ---- run_status -------------------------------------------------------- */

static void status_case(__u32 reason, __u64 detail, __u64 code, int want, const char *want_msg)
{
	struct rtvmx_vm_info info;
	char msg[256];
	int status;

	memset(&info, 0, sizeof(info));
	info.state = RTVMX_VM_STOPPED;
	info.stop_reason = reason;
	info.stop_detail = detail;
	info.exit_code = code;
	status = run_status(&info, 0, msg, sizeof(msg));
	if (!check(status == want && !strcmp(msg, want_msg), "status of stop reason %u: %d, '%s'",
		   reason, want, want_msg))
		printf("# got %d, '%s'\n", status, msg);
}

static void test_status(void)
{
	struct rtvmx_vm_info info;
	char msg[256];
	int status;

	status_case(RTVMX_STOP_SHUTDOWN, 0, 0, 0, "");
	status_case(RTVMX_STOP_SHUTDOWN, 0, 42, 42, "");
	status_case(RTVMX_STOP_SHUTDOWN, 0, 0x1ff, 0xff, "");
	status_case(RTVMX_STOP_SHUTDOWN, 0, 0x100, 0, "");
	status_case(RTVMX_STOP_EXIT_PORT, 0x21, 0x43, 0x43, "");
	status_case(RTVMX_STOP_EXIT_PORT, 0xff, 0x1ff, 0xff, "");
	status_case(RTVMX_STOP_USER, 0, 0, 130, "guest stopped (user): stopped on request");
	status_case(RTVMX_STOP_TRIPLE_FAULT, 0x100123, 0, 113,
		    "guest stopped (triple_fault): triple fault at rip 0x100123");
	status_case(RTVMX_STOP_INVALID_STATE, 2, 0, 114,
		    "guest stopped (invalid_state): VM entry failed on invalid guest state, exit qualification 0x2");
	status_case(RTVMX_STOP_EPT_VIOLATION, 0x40000000, 0, 115,
		    "guest stopped (ept_violation): access outside RAM at guest-physical 0x40000000");
	status_case(RTVMX_STOP_UNKNOWN_EXIT, 37, 0, 116,
		    "guest stopped (unknown_exit): unexpected exit reason 37 (monitor_trap)");
	status_case(RTVMX_STOP_UNKNOWN_EXIT, 1000, 0, 116,
		    "guest stopped (unknown_exit): unexpected exit reason 1000 (unnamed)");
	status_case(RTVMX_STOP_VMFAIL, 7, 0, 117,
		    "guest stopped (vmfail): VMLAUNCH/VMRESUME failed, VM-instruction error 7");
	status_case(RTVMX_STOP_UNSUPPORTED, 30, 0, 118,
		    "guest stopped (unsupported): exit reason 30 (io_instruction) is not emulated");
	status_case(RTVMX_STOP_UNSUPPORTED, 48 | 0x00c3909003ffULL << 16, 0, 118,
		    "guest stopped (unsupported): exit reason 48 (ept_violation): an instruction rtvmx does not emulate, bytes at rip: ff 03 90 90 c3 00");
	status_case(RTVMX_STOP_HOST, (__u64)-ENOMEM, 0, 119,
		    "guest stopped (host): the host could not run it: Cannot allocate memory (errno 12)");
	status_case(RTVMX_STOP_HOST, 0, 0, 119,
		    "guest stopped (host): the host could not run it: unknown error (errno 0)");
	status_case(RTVMX_NR_STOP_REASONS, 5, 0, 120,
		    "guest stopped (reason 11): a stop reason this rtvmx does not know, detail 0x5");

	memset(&info, 0, sizeof(info));
	info.stop_reason = RTVMX_STOP_SHUTDOWN;
	info.exit_code = 42;
	status = run_status(&info, 1, msg, sizeof(msg));
	check(status == 42 && !strcmp(msg, "guest shut down (shutdown) with exit code 42"),
	      "status, verbose: shutdown message");
	info.stop_reason = RTVMX_STOP_EXIT_PORT;
	info.stop_detail = 0x21;
	info.exit_code = 0x43;
	status = run_status(&info, 1, msg, sizeof(msg));
	check(status == 0x43 &&
	      !strcmp(msg, "guest wrote 0x21 to the exit port (exit_port): exit code 67"),
	      "status, verbose: exit port message");
	info.stop_reason = RTVMX_STOP_EPT_VIOLATION;
	status = run_status(&info, 0, msg, 10);
	check(status == 115 && strlen(msg) == 9, "status: message truncated to its buffer");

	check(!strcmp(stop_reason_name(RTVMX_STOP_EPT_VIOLATION), "ept_violation") &&
	      !strcmp(stop_reason_name(RTVMX_STOP_NONE), "none") &&
	      !stop_reason_name(RTVMX_NR_STOP_REASONS), "stop_reason_name");
	check(!strcmp(exit_reason_name(10), "cpuid") &&
	      !strcmp(exit_reason_name(30), "io_instruction") &&
	      !strcmp(exit_reason_name(18), "vmcall") && !exit_reason_name(5) &&
	      !exit_reason_name(RTVMX_NR_EXIT_REASONS), "exit_reason_name");
}

/* ---- parse_duration, parse_sched --------------------------------------- */

static void duration_ok(const char *s, __u64 want)
{
	__u64 v = 0;

	check(!parse_duration(s, &v) && v == want, "parse_duration(\"%s\") = %llu ns", s,
	      (unsigned long long)want);
}

static void duration_bad(const char *s, int want)
{
	__u64 v = 7;

	check(parse_duration(s, &v) == want && v == 7, "parse_duration(\"%s\") fails with %d", s,
	      want);
}

/* parse_sched(@s) succeeds with @want, and leaves cpu alone. */
static void sched_ok(const char *s, const struct rtvmx_vcpu_config *want)
{
	struct rtvmx_vcpu_config c;
	char err[160] = "";
	int ret;

	memset(&c, 0, sizeof(c));
	c.cpu = 3;
	ret = parse_sched(s, &c, err, sizeof(err));
	check(!ret && c.cpu == 3 && c.sched_policy == want->sched_policy &&
	      !memcmp(c.reserved, want->reserved, sizeof(c.reserved)),
	      "parse_sched(\"%s\") %s", s, ret ? err : "as expected");
}

/* parse_sched(@s) fails, and its message contains @part. */
static void sched_bad(const char *s, const char *part)
{
	struct rtvmx_vcpu_config c;
	char err[160] = "";
	int ret;

	memset(&c, 0, sizeof(c));
	ret = parse_sched(s, &c, err, sizeof(err));
	check(ret == -EINVAL && strstr(err, part), "parse_sched(\"%s\") fails naming '%s' (got '%s')",
	      s, part, err);
}

static void test_sched(void)
{
	struct rtvmx_vcpu_config w;
	char longspec[300];

	duration_ok("0", 0);
	duration_ok("250", 250);
	duration_ok("250ns", 250);
	duration_ok("3us", 3000);
	duration_ok("2ms", 2000000);
	duration_ok("4s", 4000000000ULL);
	duration_ok("18446744073709551615ns", ~0ULL);
	duration_bad("", -EINVAL);
	duration_bad("ms", -EINVAL);
	duration_bad("2 ms", -EINVAL);
	duration_bad("2MS", -EINVAL);
	duration_bad("2m", -EINVAL);
	duration_bad("-1ms", -EINVAL);
	duration_bad("1.5ms", -EINVAL);
	duration_bad("0x10us", -EINVAL);
	duration_bad("18446744073709551616", -ERANGE);
	duration_bad("18446744073709552s", -ERANGE);

	memset(&w, 0, sizeof(w));
	w.sched_policy = RTVMX_SCHED_DEDICATED;
	sched_ok("dedicated", &w);
	w.sched_policy = RTVMX_SCHED_EDF;
	w.edf.budget = 2000000;
	w.edf.period = 10000000;
	sched_ok("edf:budget=2ms,period=10ms", &w);
	sched_ok("edf:period=10000us,budget=2000000", &w);
	w.edf.deadline = 8000000;
	sched_ok("edf:budget=2ms,period=10ms,deadline=8ms", &w);
	memset(&w, 0, sizeof(w));
	w.sched_policy = RTVMX_SCHED_FP;
	w.fp.prio = 7;
	w.fp.budget = 1000000;
	w.fp.period = 5000000;
	sched_ok("fp:prio=7,budget=1ms,period=5ms", &w);
	memset(&w, 0, sizeof(w));
	w.sched_policy = RTVMX_SCHED_TABLE;
	w.table.offset = 4000000;
	w.table.length = 500000;
	w.table.frame = 1000000000;
	sched_ok("table:offset=4ms,length=500us,frame=1s", &w);

	sched_bad("", "unknown policy ''");
	sched_bad("rr", "unknown policy 'rr'");
	sched_bad("EDF:budget=1ms,period=2ms", "unknown policy 'EDF'");
	sched_bad("dedicated:prio=1", "dedicated takes no parameters, got 'prio=1'");
	sched_bad("edf", "edf needs budget=");
	sched_bad("edf:", "edf needs budget=");
	sched_bad("edf:budget=2ms", "edf needs period=");
	sched_bad("edf:budget=2ms,period=10ms,prio=3", "unknown key 'prio' for edf");
	sched_bad("edf:budget=2ms,budget=3ms,period=10ms", "'budget' given twice for edf");
	sched_bad("edf:budget=2xs,period=10ms", "budget '2xs': want a time");
	sched_bad("edf:budget=,period=10ms", "budget '': want a time");
	sched_bad("edf:budget2ms,period=10ms", "'budget2ms' is not KEY=VALUE");
	sched_bad("fp:budget=1ms,period=5ms", "fp needs prio=");
	sched_bad("fp:prio=high,budget=1ms,period=5ms", "prio 'high': want a number");
	sched_bad("fp:prio=4294967296,budget=1ms,period=5ms", "prio '4294967296': want a number");
	sched_bad("table:offset=0,length=1ms", "table needs frame=");
	sched_bad("table:offset=0,length=1ms,frame=10ms,window=2", "unknown key 'window' for table");
	memset(longspec, 'a', sizeof(longspec) - 1);
	longspec[sizeof(longspec) - 1] = '\0';
	sched_bad(longspec, "longer than 255 characters");
}

/* format_sched_params(@spec's config) gives @want, which parse_sched takes back to the same config. */
static void sched_format_ok(const char *spec, const char *want)
{
	struct rtvmx_vcpu_config a, b;
	char err[256], params[128], back[160];
	const char *name;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	parse_sched(spec, &a, err, sizeof(err));
	format_sched_params(&a, params, sizeof(params));
	name = sched_policy_name(a.sched_policy);
	snprintf(back, sizeof(back), "%s%s%s", name ? name : "?", params[0] ? ":" : "", params);
	check(!strcmp(params, want) && !parse_sched(back, &b, err, sizeof(err)) &&
	      !memcmp(&a, &b, sizeof(a)), "format_sched_params(%s) = '%s', and parses back", spec,
	      params);
}

static void test_sched_format(void)
{
	sched_format_ok("dedicated", "");
	sched_format_ok("edf:budget=2000us,period=10ms", "budget=2ms,period=10ms,deadline=0");
	sched_format_ok("edf:budget=1500us,period=1s,deadline=7", "budget=1500us,period=1s,deadline=7ns");
	sched_format_ok("fp:prio=7,budget=1ms,period=5000000", "prio=7,budget=1ms,period=5ms");
	sched_format_ok("table:offset=0,length=500us,frame=1s", "offset=0,length=500us,frame=1s");
	check(!sched_policy_name(99), "sched_policy_name of an unknown policy is NULL");
}

int main(void)
{
	printf("TAP version 13\n");
	test_parse();
	test_elf_valid();
	test_elf32_and_boot_modes();
	test_elf_header_bad();
	test_elf_segment_bad();
	test_flat();
	test_status();
	test_sched();
	test_sched_format();
	printf("1..%d\n", nr_tests);
	return nr_failed ? 1 : 0;
}
