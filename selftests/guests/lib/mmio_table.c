// SPDX-License-Identifier: GPL-2.0
/* The RAM-against-device runner of mmio_table.h. */
#include "mmio_table.h"

static uint64_t ram_win[MMIO_WIN / 8];

/* Both windows: @mem at the operand, a pattern of @seed everywhere else. */
static void fill_windows(const struct mmio_row *r, unsigned int seed)
{
	unsigned long dev = MMIO_DEV + MMIO_WIN_OFF;
	unsigned int i, j;
	uint64_t v;

	for (i = 0; i < MMIO_WIN; i += 8) {
		v = 0;
		for (j = 0; j < 8; j++)
			v |= (uint64_t)(uint8_t)((i + j) * 37 + seed * 11 + 1) << (8 * j);
		if (i == MMIO_GUARD)
			v = r->mem;
		ram_win[i / 8] = v;
		st64(dev + i, v);
	}
}

static void row_fail(const struct mmio_row *r, const char *what, uint64_t got, uint64_t want)
{
	guest_assert_fail(__FILE__, __LINE__, "%s: %s %#llx, on RAM %#llx", r->name, what,
			  (unsigned long long)got, (unsigned long long)want);
}

static void check_reg(const struct mmio_row *r, const char *name, unsigned long dev,
		      unsigned long ram)
{
	if (dev != ram)
		row_fail(r, name, dev, ram);
}

static void run_row(const struct mmio_table *t, const struct mmio_row *r, unsigned int seed)
{
	unsigned long ram_base = (unsigned long)ram_win, dev_base = MMIO_DEV + MMIO_WIN_OFF;
	unsigned long ram = t->select ? MMIO_GUARD : ram_base + MMIO_GUARD;
	unsigned long dev = t->select ? MMIO_GUARD : dev_base + MMIO_GUARD;
	struct mmio_state a = r->s, b = r->s;
	unsigned int i;

	if (!a.flags)
		a.flags = b.flags = RFLAGS_FIXED;
	if (r->rel & REL_RSI) {
		a.rsi += ram;
		b.rsi += dev;
	}
	if (r->rel & REL_RDI) {
		a.rdi += ram;
		b.rdi += dev;
	}
	fill_windows(r, seed);
	if (t->select)
		t->select(ram_base);
	r->fn(&a, ram);
	if (t->select) {
		t->select(dev_base);
		r->fn(&b, dev);
		t->select(0);
	} else {
		r->fn(&b, dev);
	}
	if (r->rel & REL_RSI)
		b.rsi = b.rsi - dev + ram;
	if (r->rel & REL_RDI)
		b.rdi = b.rdi - dev + ram;
	check_reg(r, "rax", b.rax, a.rax);
	check_reg(r, "rcx", b.rcx, a.rcx);
	check_reg(r, "rdx", b.rdx, a.rdx);
	check_reg(r, "rsi", b.rsi, a.rsi);
	check_reg(r, "rdi", b.rdi, a.rdi);
	if ((b.flags & r->mask) != (a.flags & r->mask))
		row_fail(r, "flags", b.flags, a.flags);
	for (i = 0; i < MMIO_WIN; i += 8)
		if (ld64(dev_base + i) != ram_win[i / 8])
			row_fail(r, "window qword", ld64(dev_base + i), ram_win[i / 8]);
}

void mmio_run_table(const struct mmio_table *t)
{
	unsigned int i;

	for (i = 0; i < t->nr_rows; i++)
		run_row(t, &t->rows[i], i);
}

#define TIME_OFF	0xf00
#define TIMED		1000

void mmio_measure(void)
{
	uint64_t t0, t1, t2;
	int i;

	t0 = rdtsc();
	for (i = 0; i < TIMED; i++)
		(void)ld32(MMIO_DEV + TIME_OFF);
	t1 = rdtsc();
	for (i = 0; i < TIMED; i++)
		st32(MMIO_DEV + TIME_OFF, i);
	t2 = rdtsc();
	GUEST_ASSERT_EQ(ld32(MMIO_DEV + TIME_OFF), TIMED - 1);
	guest_printf("mmio_read_ticks: %lu\n", (unsigned long)((t1 - t0) / TIMED));
	guest_printf("mmio_write_ticks: %lu\n", (unsigned long)((t2 - t1) / TIMED));
}
