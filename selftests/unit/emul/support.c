// SPDX-License-Identifier: GPL-2.0
/* The fake guest for emul/ host tests (see support.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "support.h"

void emul_host_log(const char *fmt, ...)
{
	va_list ap;

	if (!getenv("EMUL_LOG"))
		return;
	va_start(ap, fmt);
	fputs("# emul: ", stdout);
	vprintf(fmt, ap);
	putchar('\n');
	va_end(ap);
}

static bool in_mmio(u64 gpa, unsigned int len)
{
	return gpa >= MMIO_BASE && gpa + len <= MMIO_BASE + MMIO_SIZE;
}

static bool in_ram(u64 gpa, unsigned int len)
{
	return gpa + len <= RAM_SIZE && !in_mmio(gpa, 1) && !in_mmio(gpa + len - 1, 1);
}

u64 fake_get(const struct fake_guest *g, u64 gpa, unsigned int len)
{
	const u8 *p = in_mmio(gpa, len) ? &g->mmio[gpa - MMIO_BASE] : &g->ram[gpa];
	u64 v = 0;
	unsigned int i;

	for (i = 0; i < len; i++)
		v |= (u64)p[i] << (8 * i);
	return v;
}

void fake_put(struct fake_guest *g, u64 gpa, u64 val, unsigned int len)
{
	u8 *p = in_mmio(gpa, len) ? &g->mmio[gpa - MMIO_BASE] : &g->ram[gpa];
	unsigned int i;

	for (i = 0; i < len; i++)
		p[i] = val >> (8 * i);
}

static int fake_read_phys(void *opaque, u64 gpa, void *buf, unsigned int len)
{
	struct fake_guest *g = opaque;

	if (!len || len > 15 || !in_ram(gpa, len) || (gpa ^ (gpa + len - 1)) >> 12)
		return -EFAULT;
	memcpy(buf, &g->ram[gpa], len);
	return 0;
}

static int fake_cmpxchg_phys(void *opaque, u64 gpa, u64 old, u64 new, unsigned int len)
{
	struct fake_guest *g = opaque;

	if ((len != 4 && len != 8) || !in_ram(gpa, len))
		return -EFAULT;
	if (g->cmpxchg_conflicts) {
		g->cmpxchg_conflicts--;
		return -EAGAIN;
	}
	if (fake_get(g, gpa, len) != old)
		return -EAGAIN;
	fake_put(g, gpa, new, len);
	return 0;
}

static void log_access(struct fake_guest *g, u64 gpa, u64 val, unsigned int len, bool write)
{
	if (write)
		g->writes++;
	else
		g->reads++;
	if (g->nlog < MAX_LOG)
		g->log[g->nlog++] = (struct mmio_access){ gpa, val, len, write };
}

static int fake_access(struct fake_guest *g, u64 gpa, void *buf, unsigned int len, bool write)
{
	u8 *p;

	if (g->fail_mem || !len || len > 8 || (gpa ^ (gpa + len - 1)) >> 12)
		return -EIO;
	if (in_mmio(gpa, len))
		p = &g->mmio[gpa - MMIO_BASE];
	else if (in_ram(gpa, len))
		p = &g->ram[gpa];
	else
		return -EIO;
	if (write)
		memcpy(p, buf, len);
	else
		memcpy(buf, p, len);
	if (in_mmio(gpa, len))
		log_access(g, gpa, fake_get(g, gpa, len), len, write);
	return 0;
}

static int fake_read_mem(void *opaque, u64 gpa, void *buf, unsigned int len)
{
	return fake_access(opaque, gpa, buf, len, false);
}

static int fake_write_mem(void *opaque, u64 gpa, const void *buf, unsigned int len)
{
	return fake_access(opaque, gpa, (void *)buf, len, true);
}

const struct emul_ops fake_ops = {
	.read_phys = fake_read_phys,
	.cmpxchg_phys = fake_cmpxchg_phys,
	.read_mem = fake_read_mem,
	.write_mem = fake_write_mem,
};

void fake_init(struct fake_guest *g)
{
	memset(g, 0, sizeof(*g));
	g->ram = calloc(1, RAM_SIZE);
	if (!g->ram) {
		perror("calloc");
		exit(1);
	}
}

void fake_free(struct fake_guest *g)
{
	free(g->ram);
	g->ram = NULL;
}

static void seg_set(struct emul_seg *s, u16 sel, u64 base, u32 limit, u32 ar)
{
	s->sel = sel;
	s->base = base;
	s->limit = limit;
	s->ar = ar;
}

/* PML4[0] → PDPT[0] → PD: 512 × 2 MiB, present, writable, supervisor. */
static void build_identity_1g(struct fake_guest *g)
{
	unsigned int i;

	fake_put(g, PT_BASE, (PT_BASE + 0x1000) | 3, 8);
	fake_put(g, PT_BASE + 0x1000, (PT_BASE + 0x2000) | 3, 8);
	for (i = 0; i < 512; i++)
		fake_put(g, PT_BASE + 0x2000 + 8 * i, ((u64)i << 21) | 0x83, 8);
}

void cpu_init(struct emul_cpu *cpu, struct fake_guest *g, enum emul_mode mode)
{
	unsigned int s;

	memset(cpu, 0, sizeof(*cpu));
	cpu->rflags = 2;
	cpu->paging.maxphyaddr = 46;
	for (s = 0; s < EMUL_NR_SREGS; s++)
		seg_set(&cpu->seg[s], 0x10, 0, 0xffffffff, 0xc093);
	seg_set(&cpu->seg[EMUL_CS], 0x08, 0, 0xffffffff, 0xc09b);
	cpu->rip = CODE_BASE;
	if (mode == EMUL_MODE16) {
		for (s = 0; s < EMUL_NR_SREGS; s++)
			seg_set(&cpu->seg[s], MMIO_BASE >> 4, MMIO_BASE, 0xffff, 0x93);
		seg_set(&cpu->seg[EMUL_CS], CODE_BASE >> 4, CODE_BASE, 0xffff, 0x9b);
		cpu->rip = 0;
		return;
	}
	cpu->paging.cr0 = EMUL_CR0_PE | 0x10;	/* PE, ET */
	if (mode == EMUL_MODE32)
		return;
	build_identity_1g(g);
	cpu->paging.cr0 |= EMUL_CR0_PG | EMUL_CR0_WP;
	cpu->paging.cr3 = PT_BASE;
	cpu->paging.cr4 = EMUL_CR4_PAE;
	cpu->paging.efer = EMUL_EFER_LMA | (1u << 8) | EMUL_EFER_NXE;
	cpu->seg[EMUL_CS].ar = 0xa09b;		/* L=1, D=0 */
}

void ctxt_init(struct emul_ctxt *ctxt, struct emul_cpu *cpu, struct fake_guest *g)
{
	memset(ctxt, 0, sizeof(*ctxt));
	ctxt->cpu = cpu;
	ctxt->ops = &fake_ops;
	ctxt->opaque = g;
}

static u64 rand_state = 0x9e3779b97f4a7c15ULL;

void test_srand(u64 seed)
{
	rand_state = seed * 0x9e3779b97f4a7c15ULL + 1;
}

u64 test_rand(void)
{
	rand_state ^= rand_state << 13;
	rand_state ^= rand_state >> 7;
	rand_state ^= rand_state << 17;
	return rand_state;
}

int hex_parse(const char *hex, u8 *out, unsigned int max)
{
	unsigned int n = 0;
	char *end;
	unsigned long v;

	for (;;) {
		while (*hex == ' ')
			hex++;
		if (!*hex)
			return n;
		v = strtoul(hex, &end, 16);
		if (end != hex + 2 || v > 0xff || n == max)
			return -1;
		out[n++] = v;
		hex = end;
	}
}
