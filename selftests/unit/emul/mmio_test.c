// SPDX-License-Identifier: GPL-2.0
/*
 * MMIO bus and test-device tests: registration rules (overlap, wrap, full
 * bus), lookup at region edges, little-endian routing and error paths, the
 * register file at every width and offset against a reference copy, and
 * instructions run by emul_run() with their data accesses routed as the
 * module routes them: guest RAM, else the bus, else refused.
 */
#include <stdio.h>

#include "mmio_bus.h"
#include "regfile.h"
#include "support.h"
#include "tap.h"

/* Beyond the fake guest's 4 MiB of RAM, inside its identity-mapped first GiB. */
#define BUS_GPA		0x800000ULL

static int nop_read(void *opaque, u64 offset, unsigned int size, u64 *val)
{
	(void)opaque;
	(void)size;
	*val = offset;
	return 0;
}

static int nop_write(void *opaque, u64 offset, unsigned int size, u64 val)
{
	(void)opaque;
	(void)offset;
	(void)size;
	(void)val;
	return -EIO;
}

static const struct mmio_ops nop_ops = { .read = nop_read, .write = nop_write };
static const struct mmio_ops half_ops = { .read = nop_read };

static void test_register(void)
{
	struct mmio_bus bus;
	unsigned int i;
	int ret;

	mmio_bus_init(&bus);
	tap_check(!mmio_bus_register(&bus, 0x1000, 0x1000, &nop_ops, NULL),
		  "register [0x1000, 0x2000)");
	tap_check(mmio_bus_register(&bus, 0x1000, 0x1000, &nop_ops, NULL) == -EBUSY,
		  "the same range again: -EBUSY");
	tap_check(mmio_bus_register(&bus, 0x800, 0x801, &nop_ops, NULL) == -EBUSY,
		  "a range over the first byte: -EBUSY");
	tap_check(mmio_bus_register(&bus, 0x1fff, 0x10, &nop_ops, NULL) == -EBUSY,
		  "a range over the last byte: -EBUSY");
	tap_check(mmio_bus_register(&bus, 0, 0x10000, &nop_ops, NULL) == -EBUSY,
		  "a range around it: -EBUSY");
	tap_check(!mmio_bus_register(&bus, 0x2000, 0x1000, &nop_ops, NULL) &&
		  !mmio_bus_register(&bus, 0x800, 0x800, &nop_ops, NULL),
		  "adjacent ranges on both sides");
	tap_check(mmio_bus_register(&bus, 0x10000, 0, &nop_ops, NULL) == -EINVAL,
		  "size 0: -EINVAL");
	tap_check(mmio_bus_register(&bus, ~0ULL - 0xfff, 0x2000, &nop_ops, NULL) == -EINVAL,
		  "a range that wraps: -EINVAL");
	tap_check(!mmio_bus_register(&bus, ~0ULL - 0xfff, 0x1000, &nop_ops, NULL),
		  "a range that ends at the top of the address space");
	tap_check(mmio_bus_register(&bus, 0x10000, 0x1000, NULL, NULL) == -EINVAL &&
		  mmio_bus_register(&bus, 0x10000, 0x1000, &half_ops, NULL) == -EINVAL,
		  "missing callbacks: -EINVAL");
	ret = 0;
	for (i = bus.nr; i < MMIO_BUS_MAX_REGIONS && !ret; i++)
		ret = mmio_bus_register(&bus, 0x100000 * (i + 1), 0x1000, &nop_ops, NULL);
	tap_check(!ret && bus.nr == MMIO_BUS_MAX_REGIONS, "%u regions fit", MMIO_BUS_MAX_REGIONS);
	tap_check(mmio_bus_register(&bus, 0x10000000, 0x1000, &nop_ops, NULL) == -ENOSPC,
		  "one more: -ENOSPC");
}

static void test_find(void)
{
	struct mmio_bus bus;
	const struct mmio_region *r;

	mmio_bus_init(&bus);
	tap_check(!mmio_bus_find(&bus, 0, 1), "an empty bus finds nothing");
	mmio_bus_register(&bus, 0x1000, 0x1000, &nop_ops, NULL);
	mmio_bus_register(&bus, 0x3000, 0x10, &nop_ops, NULL);
	mmio_bus_register(&bus, ~0ULL - 0xfff, 0x1000, &nop_ops, NULL);
	r = mmio_bus_find(&bus, 0x1000, 8);
	tap_check(r && r->base == 0x1000, "the first byte");
	tap_check(mmio_bus_find(&bus, 0x1ff8, 8) == r && mmio_bus_find(&bus, 0x1fff, 1) == r,
		  "the last bytes");
	tap_check(!mmio_bus_find(&bus, 0x1ffc, 8) && !mmio_bus_find(&bus, 0xffc, 8),
		  "accesses across either end are refused");
	tap_check(!mmio_bus_find(&bus, 0x2000, 1) && !mmio_bus_find(&bus, 0xfff, 1),
		  "the bytes beside it are outside");
	tap_check(!mmio_bus_find(&bus, 0x1000, 0), "length 0 finds nothing");
	r = mmio_bus_find(&bus, 0x300c, 4);
	tap_check(r && r->base == 0x3000 && !mmio_bus_find(&bus, 0x3000, 0x11),
		  "a 16-byte region: its last dword, not more than it holds");
	r = mmio_bus_find(&bus, ~0ULL - 7, 8);
	tap_check(r && r->base == ~0ULL - 0xfff && !mmio_bus_find(&bus, ~0ULL - 3, 8),
		  "the top of the address space, and no wrap past it");
}

static int fail_read(void *opaque, u64 offset, unsigned int size, u64 *val)
{
	(void)opaque;
	(void)offset;
	(void)size;
	(void)val;
	return -ENODATA;
}

static const struct mmio_ops fail_ops = { .read = fail_read, .write = nop_write };

static void test_routing(void)
{
	u8 buf[9] = { 0 };
	struct regfile rf;
	struct mmio_bus bus;
	u64 v;

	mmio_bus_init(&bus);
	regfile_init(&rf);
	mmio_bus_register(&bus, BUS_GPA, REGFILE_SIZE, &regfile_mmio_ops, &rf);
	mmio_bus_register(&bus, 0x10000, 0x1000, &nop_ops, NULL);
	mmio_bus_register(&bus, 0x20000, 0x1000, &fail_ops, NULL);
	memcpy(buf, "\x11\x22\x33\x44\x55\x66\x77\x88", 8);
	tap_check(!mmio_bus_write(&bus, BUS_GPA + 0x10, buf, 8) &&
		  rf.regs[0x10] == 0x11 && rf.regs[0x17] == 0x88,
		  "an 8-byte write lands little-endian");
	memset(buf, 0, sizeof(buf));
	tap_check(!mmio_bus_read(&bus, BUS_GPA + 0x12, buf, 3) && buf[0] == 0x33 &&
		  buf[2] == 0x55 && !buf[3], "a 3-byte read (a split access) takes three bytes");
	tap_check(!mmio_bus_read(&bus, 0x10123, &v, 8) && v == 0x123,
		  "the device sees the offset from its base");
	tap_check(mmio_bus_read(&bus, BUS_GPA, buf, 9) == -EINVAL &&
		  mmio_bus_write(&bus, BUS_GPA, buf, 0) == -EINVAL, "lengths 9 and 0: -EINVAL");
	tap_check(mmio_bus_read(&bus, 0x30000, buf, 4) == -EFAULT &&
		  mmio_bus_write(&bus, BUS_GPA + REGFILE_SIZE - 2, buf, 4) == -EFAULT,
		  "outside every region, or across an end: -EFAULT");
	tap_check(mmio_bus_read(&bus, 0x20000, buf, 4) == -ENODATA &&
		  mmio_bus_write(&bus, 0x10000, buf, 4) == -EIO,
		  "device errors come back as they are");
	tap_check(rf.reads == 1 && rf.writes == 1, "the register file counted 1 read, 1 write");
}

static u64 ref_get(const u8 *ref, unsigned int off, unsigned int size)
{
	u64 v = 0;
	unsigned int i;

	for (i = 0; i < size; i++)
		v |= (u64)ref[off + i] << (8 * i);
	return v;
}

/* Random accesses of every width at every offset, against a plain array. */
static void test_regfile(void)
{
	static const u8 sizes[] = { 1, 2, 4, 8 };
	static u8 ref[REGFILE_SIZE];
	struct regfile rf;
	unsigned int i, j, bad = 0, off, size;
	u64 v, w;

	regfile_init(&rf);
	memset(ref, 0, sizeof(ref));
	test_srand(4);
	for (i = 0; i < 200000; i++) {
		size = sizes[test_rand() % 4];
		off = test_rand() % (REGFILE_SIZE - size + 1);
		if (test_rand() & 1) {
			v = test_rand();
			regfile_mmio_ops.write(&rf, off, size, v);
			for (j = 0; j < size; j++)
				ref[off + j] = v >> (8 * j);
		} else if (regfile_mmio_ops.read(&rf, off, size, &w) ||
			   w != ref_get(ref, off, size)) {
			bad++;
		}
	}
	tap_check(!bad && !memcmp(rf.regs, ref, sizeof(ref)),
		  "200000 random accesses of 1/2/4/8 bytes agree with a plain array (%u bad)", bad);
	tap_check(rf.reads + rf.writes == 200000, "every access counted (%llu reads, %llu writes)",
		  rf.reads, rf.writes);
	tap_check(!regfile_mmio_ops.read(&rf, REGFILE_SIZE - 8, 8, &v) &&
		  !regfile_mmio_ops.write(&rf, REGFILE_SIZE - 1, 1, 0),
		  "the last qword and the last byte");
	tap_check(regfile_mmio_ops.read(&rf, REGFILE_SIZE - 1, 2, &v) == -EINVAL &&
		  regfile_mmio_ops.write(&rf, REGFILE_SIZE, 1, 0) == -EINVAL &&
		  regfile_mmio_ops.read(&rf, 0, 9, &v) == -EINVAL &&
		  regfile_mmio_ops.write(&rf, 0, 0, 0) == -EINVAL,
		  "out of range or bad size: -EINVAL");
	regfile_init(&rf);
	tap_check(!regfile_mmio_ops.read(&rf, 0x123, 8, &v) && !v && rf.reads == 1,
		  "a fresh register file reads zero");
}

/* The module's routing: guest RAM, else an MMIO region, else refused. */
struct bus_guest {
	struct fake_guest g;
	struct mmio_bus bus;
	struct regfile rf;
	u64 refused_gpa;
};

static int bus_read_phys(void *opaque, u64 gpa, void *buf, unsigned int len)
{
	return fake_ops.read_phys(&((struct bus_guest *)opaque)->g, gpa, buf, len);
}

static int bus_access(struct bus_guest *bg, u64 gpa, void *buf, unsigned int len, bool write)
{
	int ret;

	if (gpa < RAM_SIZE)
		return write ? fake_ops.write_mem(&bg->g, gpa, buf, len) :
			       fake_ops.read_mem(&bg->g, gpa, buf, len);
	if (write)
		ret = mmio_bus_write(&bg->bus, gpa, buf, len);
	else
		ret = mmio_bus_read(&bg->bus, gpa, buf, len);
	if (ret)
		bg->refused_gpa = gpa;
	return ret;
}

static int bus_read_mem(void *opaque, u64 gpa, void *buf, unsigned int len)
{
	return bus_access(opaque, gpa, buf, len, false);
}

static int bus_write_mem(void *opaque, u64 gpa, const void *buf, unsigned int len)
{
	return bus_access(opaque, gpa, (void *)buf, len, true);
}

static const struct emul_ops bus_ops = {
	.read_phys = bus_read_phys,
	.read_mem = bus_read_mem,
	.write_mem = bus_write_mem,
};

struct bus_case {
	const char *what;
	const char *hex;
	u64 rbx, rsi, rcx, rax;
	int ret;
	unsigned int reads, writes;	/* register-file accesses */
	u64 rax_out;
};

static const struct bus_case bus_cases[] = {
	{ "mov %eax,(%rbx): 89 03", "89 03", BUS_GPA, 0, 0, 0xdeadbeef, EMUL_RETIRED, 0, 1,
	  0xdeadbeef },
	{ "mov (%rbx),%rax: 48 8b 03", "48 8b 03", BUS_GPA, 0, 0, 0, EMUL_RETIRED, 1, 0,
	  0xdeadbeef },
	{ "add %eax,(%rbx): 01 03 (a read, then a write)", "01 03", BUS_GPA, 0, 0, 1,
	  EMUL_RETIRED, 1, 1, 1 },
	{ "rep movsb from RAM to the device: f3 a4", "f3 a4", 0, 0x30000, 8, 0, EMUL_RETIRED, 0, 8,
	  0 },
	{ "mov %rax,0xffc(%rbx) across the device's end: the first half lands, then -EIO",
	  "48 89 83 fc 0f 00 00", BUS_GPA, 0, 0, 0, -EIO, 0, 1, 0 },
	{ "mov (%rbx),%eax outside RAM and devices: -EIO", "8b 03", 0x900000, 0, 0, 0, -EIO, 0, 0,
	  0 },
};

static void run_bus_case(const struct bus_case *c, struct bus_guest *bg)
{
	struct emul_cpu cpu;
	struct emul_ctxt ctxt;
	u64 reads = bg->rf.reads, writes = bg->rf.writes;
	u8 bytes[16];
	int n, ret;

	cpu_init(&cpu, &bg->g, EMUL_MODE64);
	memset(&ctxt, 0, sizeof(ctxt));
	ctxt.cpu = &cpu;
	ctxt.ops = &bus_ops;
	ctxt.opaque = bg;
	n = hex_parse(c->hex, bytes, sizeof(bytes));
	memcpy(&bg->g.ram[CODE_BASE], bytes, n);
	cpu.gpr[EMUL_RBX] = c->rbx;
	cpu.gpr[EMUL_RSI] = c->rsi;
	cpu.gpr[EMUL_RDI] = BUS_GPA + 0x100;
	cpu.gpr[EMUL_RCX] = c->rcx;
	cpu.gpr[EMUL_RAX] = c->rax;
	ret = emul_run(&ctxt);
	if (!tap_check(ret == c->ret && bg->rf.reads - reads == c->reads &&
		       bg->rf.writes - writes == c->writes &&
		       (ret != EMUL_RETIRED || (cpu.gpr[EMUL_RAX] == c->rax_out &&
						cpu.rip == CODE_BASE + n)), "%s", c->what))
		tap_diag("ret %d, %llu reads, %llu writes, rax %#llx", ret, bg->rf.reads - reads,
			 bg->rf.writes - writes, cpu.gpr[EMUL_RAX]);
}

static void test_emulated(void)
{
	static struct bus_guest bg;
	unsigned int i;

	fake_init(&bg.g);
	mmio_bus_init(&bg.bus);
	regfile_init(&bg.rf);
	mmio_bus_register(&bg.bus, BUS_GPA, REGFILE_SIZE, &regfile_mmio_ops, &bg.rf);
	memcpy(&bg.g.ram[0x30000], "rtvmx-mm", 8);
	for (i = 0; i < ARRAY_SIZE(bus_cases); i++)
		run_bus_case(&bus_cases[i], &bg);
	tap_check(!memcmp(&bg.rf.regs[0x100], "rtvmx-mm", 8), "the string reached the device");
	tap_check(bg.refused_gpa == 0x900000, "the refused access was at 0x900000");
	fake_free(&bg.g);
}

int main(void)
{
	tap_start();
	test_register();
	test_find();
	test_routing();
	test_regfile();
	test_emulated();
	return tap_done();
}
