// SPDX-License-Identifier: GPL-2.0
/*
 * Page-walk tests: page tables built in the fake guest's RAM for each paging
 * mode; translations for every page size, every #PF error-code bit
 * (P, W, U, RSVD, I), the access-rights rules (U/S, R/W with CR0.WP, XD,
 * SMEP, SMAP with EFLAGS.AC and implicit accesses), reserved bits, A/D
 * updates with their retry, and the callback failures.
 */
#include <stdio.h>

#include "support.h"
#include "tap.h"

#define P	EMUL_PTE_P
#define RW	EMUL_PTE_RW
#define US	EMUL_PTE_US
#define XD	EMUL_PTE_XD
#define PFP	EMUL_PFEC_P
#define PFW	EMUL_PFEC_W
#define PFU	EMUL_PFEC_U
#define PFR	EMUL_PFEC_RSVD
#define PFI	EMUL_PFEC_I
#define RD	EMUL_ACC_READ
#define WR	EMUL_ACC_WRITE
#define FE	EMUL_ACC_FETCH
#define USR	EMUL_ACC_USER
#define AC	EMUL_ACC_AC
#define TABLES	0x100000ULL	/* page tables are allocated from here */

enum pt_mode { PT_32, PT_PAE, PT_4L, PT_5L };

struct pt {
	struct fake_guest g;
	struct emul_paging pg;
	u64 next;
	unsigned int levels, esize, bits;
};

static u64 pt_alloc(struct pt *pt)
{
	u64 a = pt->next;

	pt->next += 0x1000;
	return a;
}

static void pt_init(struct pt *pt, enum pt_mode mode)
{
	static const u8 levels[] = { 2, 3, 4, 5 };

	fake_init(&pt->g);
	memset(&pt->pg, 0, sizeof(pt->pg));
	pt->next = TABLES;
	pt->levels = levels[mode];
	pt->esize = mode == PT_32 ? 4 : 8;
	pt->bits = mode == PT_32 ? 10 : 9;
	pt->pg.maxphyaddr = 40;
	pt->pg.cr0 = EMUL_CR0_PE | EMUL_CR0_PG | EMUL_CR0_WP;
	pt->pg.cr3 = pt_alloc(pt);
	if (mode != PT_32)
		pt->pg.cr4 |= EMUL_CR4_PAE;
	if (mode >= PT_4L)
		pt->pg.efer |= EMUL_EFER_LMA;
	if (mode == PT_5L)
		pt->pg.cr4 |= EMUL_CR4_LA57;
	if (mode != PT_32)
		pt->pg.efer |= EMUL_EFER_NXE;
}

static unsigned int pt_shift(const struct pt *pt, unsigned int level)
{
	return 12 + pt->bits * (level - 1);
}

/* Guest-physical address of the entry for @la at @level (tables made as needed). */
static u64 pt_entry(struct pt *pt, u64 la, unsigned int level)
{
	u64 table = pt->pg.cr3 & ~0x1fULL, e, ea;
	unsigned int l;

	for (l = pt->levels; ; l--) {
		ea = table + ((la >> pt_shift(pt, l)) & ((1u << pt->bits) - 1)) * pt->esize;
		if (l == 2 && pt->levels == 3)
			ea = table + ((la >> 21) & 0x1ff) * 8;
		if (l == level)
			return ea;
		e = fake_get(&pt->g, ea, pt->esize);
		if (!(e & P)) {
			e = pt_alloc(pt) | P | (pt->levels == 3 && l == 3 ? 0 : RW | US);
			fake_put(&pt->g, ea, e, pt->esize);
		}
		table = e & (pt->esize == 4 ? 0xfffff000ULL : 0x000ffffffffff000ULL);
	}
}

/* Maps @la to @gpa with a leaf at @level (1: 4 KiB, 2: 2/4 MiB, 3: 1 GiB). */
static void pt_map(struct pt *pt, u64 la, u64 gpa, unsigned int level, u64 flags)
{
	u64 e = gpa | flags | (level > 1 ? EMUL_PTE_PS : 0);

	if (pt->esize == 4 && level == 2)	/* PSE-36: bits 39:32 go to 20:13 */
		e = (gpa & 0xffc00000ULL) | ((gpa >> 32) & 0xff) << 13 | flags | EMUL_PTE_PS;
	fake_put(&pt->g, pt_entry(pt, la, level), e, pt->esize);
}

static void pt_or(struct pt *pt, u64 la, unsigned int level, u64 set, u64 clear)
{
	u64 ea = pt_entry(pt, la, level);

	fake_put(&pt->g, ea, (fake_get(&pt->g, ea, pt->esize) | set) & ~clear, pt->esize);
}

/* One walk, checked: @want_ret 0 with @want (gpa), or -EFAULT with @want (pfec). */
static void walk_is(struct pt *pt, u64 la, unsigned int acc, int want_ret, u64 want,
		    const char *what)
{
	struct emul_walk w;
	int ret = emul_walk(&pt->pg, &fake_ops, &pt->g, la, acc, &w);
	u64 got = ret ? w.pfec : w.gpa;

	tap_check(ret == want_ret && got == want, "%s", what);
	if (ret != want_ret || got != want)
		tap_diag("la %#llx: ret %d %s %#llx; want ret %d %#llx", la, ret,
			 ret ? "pfec" : "gpa", got, want_ret, want);
}

static void test_no_paging(void)
{
	struct pt pt;

	pt_init(&pt, PT_32);
	pt.pg.cr0 = 0;
	walk_is(&pt, 0x123456789ULL, WR, 0, 0x23456789, "real mode: linear is physical (32 bits)");
	pt.pg.cr0 = EMUL_CR0_PE;
	walk_is(&pt, 0xfee00000, FE | USR, 0, 0xfee00000, "protected mode, CR0.PG=0: identity");
	fake_free(&pt.g);
}

static void test_32bit(void)
{
	struct pt pt;

	pt_init(&pt, PT_32);
	pt_map(&pt, 0x00401000, 0x00302000, 1, P | RW | US);
	walk_is(&pt, 0x00401234, RD, 0, 0x00302234, "32-bit: 4 KiB page");
	walk_is(&pt, 0x00402000, RD, -EFAULT, 0, "32-bit: not present: error 0");
	walk_is(&pt, 0x00402000, FE, -EFAULT, 0, "32-bit: fetch, no SMEP: I stays 0");
	pt.pg.cr4 |= EMUL_CR4_SMEP;
	walk_is(&pt, 0x00402000, FE, -EFAULT, PFI, "32-bit: fetch with SMEP: error I");
	pt.pg.cr4 &= ~EMUL_CR4_SMEP;
	pt_map(&pt, 0x00c00000, 0, 2, P | RW);
	walk_is(&pt, 0x00c00000, RD, -EFAULT, 0,
		"32-bit, CR4.PSE=0: PS ignored, the PDE points to a table (empty)");
	pt.pg.cr4 |= EMUL_CR4_PSE;
	walk_is(&pt, 0x00c00000, RD, 0, 0, "32-bit, CR4.PSE=1: the same PDE maps 4 MiB");
	pt_map(&pt, 0x00c00000, 0x12345400000ULL, 2, P | RW);
	walk_is(&pt, 0x00c12345, WR, 0, 0x2345412345ULL,
		"32-bit 4 MiB page, PSE-36 (MAXPHYADDR 40): bits 39:32 from PDE 20:13");
	pt_or(&pt, 0x00c00000, 2, 1u << 21, 0);
	walk_is(&pt, 0x00c00000, RD, -EFAULT, PFP | PFR, "32-bit 4 MiB page, bit 21 set: RSVD");
	pt.pg.maxphyaddr = 36;
	pt_or(&pt, 0x00c00000, 2, 0, 1u << 21);
	walk_is(&pt, 0x00c00000, RD, -EFAULT, PFP | PFR,
		"32-bit 4 MiB page, MAXPHYADDR 36: PDE bits 20:17 reserved");
	pt_map(&pt, 0x00800000, 0x00800000, 2, P);
	walk_is(&pt, 0x00800000, WR, -EFAULT, PFP | PFW, "32-bit: write to read-only, WP=1: P|W");
	pt.pg.cr0 &= ~EMUL_CR0_WP;
	walk_is(&pt, 0x00800000, WR, 0, 0x00800000,
		"32-bit: supervisor write to read-only, WP=0: allowed");
	walk_is(&pt, 0x00800000, RD | USR, -EFAULT, PFP | PFU,
		"32-bit: user read of supervisor page: P|U");
	fake_free(&pt.g);
}

static void test_pae(void)
{
	struct pt pt;

	pt_init(&pt, PT_PAE);
	pt_map(&pt, 0xc0001000, 0xfd00003000ULL, 1, P | RW | US);
	walk_is(&pt, 0xc0001abc, RD | USR, 0, 0xfd00003abcULL, "PAE: 4 KiB page above 4 GiB");
	pt_map(&pt, 0x40200000, 0x80000000, 2, P | RW | XD);
	walk_is(&pt, 0x40212345, WR, 0, 0x80012345, "PAE: 2 MiB page");
	walk_is(&pt, 0x40200000, FE, -EFAULT, PFP | PFI, "PAE: fetch from an XD page, NXE=1: P|I");
	pt.pg.efer &= ~EMUL_EFER_NXE;
	walk_is(&pt, 0x40200000, RD, -EFAULT, PFP | PFR, "PAE: XD set with NXE=0: RSVD");
	walk_is(&pt, 0x80000000, FE, -EFAULT, 0, "PAE, NXE=0, no SMEP: fetch has no I bit");
	pt.pg.efer |= EMUL_EFER_NXE;
	walk_is(&pt, 0x80000000, FE, -EFAULT, PFI, "PAE, NXE=1: not-present fetch: I");
	pt_or(&pt, 0xc0001000, 1, 1ULL << 60, 0);
	walk_is(&pt, 0xc0001000, RD, -EFAULT, PFP | PFR, "PAE: bit 60 (62:MAXPHYADDR) reserved");
	pt_or(&pt, 0xc0001000, 1, 0, 1ULL << 60);
	pt_or(&pt, 0xc0001000, 3, RW, 0);
	walk_is(&pt, 0xc0001000, RD, -EFAULT, PFP | PFR, "PAE: PDPTE bit 1 reserved");
	pt.pg.pdpte_valid = true;
	pt.pg.pdpte[3] = fake_get(&pt.g, pt_entry(&pt, 0xc0001000, 3), 8) & ~RW;
	walk_is(&pt, 0xc0001abc, RD, 0, 0xfd00003abcULL,
		"PAE: the PDPTE registers win over memory");
	pt.pg.pdpte[3] = 0;
	walk_is(&pt, 0xc0001abc, RD, -EFAULT, 0, "PAE: PDPTE register not present: error 0");
	fake_free(&pt.g);
}

static void test_4level_sizes(void)
{
	struct pt pt;

	pt_init(&pt, PT_4L);
	pt_map(&pt, 0x00007f0000001000ULL, 0x1234567000ULL, 1, P | RW);
	walk_is(&pt, 0x00007f0000001fffULL, WR, 0, 0x1234567fffULL, "4-level: 4 KiB page");
	pt_map(&pt, 0xffff800000200000ULL, 0x40000000, 2, P | RW);
	walk_is(&pt, 0xffff8000003fffffULL, RD, 0, 0x401fffff, "4-level: 2 MiB page, kernel half");
	pt_map(&pt, 0x0000004000000000ULL, 0xc0000000, 3, P | RW);
	walk_is(&pt, 0x000000403fffffffULL, RD, 0, 0xffffffff, "4-level: 1 GiB page");
	pt_or(&pt, 0x0000004000000000ULL, 3, 1ULL << 13, 0);
	walk_is(&pt, 0x0000004000000000ULL, RD, -EFAULT, PFP | PFR,
		"4-level: 1 GiB page, bit 13 reserved");
	pt_or(&pt, 0xffff800000200000ULL, 2, 1ULL << 20, 0);
	walk_is(&pt, 0xffff800000200000ULL, RD, -EFAULT, PFP | PFR,
		"4-level: 2 MiB page, bit 20 reserved");
	pt_or(&pt, 0x00007f0000001000ULL, 1, 1ULL << 45, 0);
	walk_is(&pt, 0x00007f0000001000ULL, RD, -EFAULT, PFP | PFR,
		"4-level: address bit 45 above MAXPHYADDR 40: RSVD");
	pt_or(&pt, 0x00007f0000001000ULL, 1, 0x7ffULL << 52, 1ULL << 45);
	walk_is(&pt, 0x00007f0000001000ULL, RD, 0, 0x1234567000ULL,
		"4-level: bits 62:52 are ignored");
	pt.pg.maxphyaddr = 52;
	pt_or(&pt, 0x00007f0000001000ULL, 1, 1ULL << 51, 0x7ffULL << 52);
	walk_is(&pt, 0x00007f0000001000ULL, RD, 0, 0x8001234567000ULL,
		"4-level, MAXPHYADDR 52: bit 51 is an address bit");
	pt.pg.maxphyaddr = 40;
	pt_or(&pt, 0x00007f0000001000ULL, 1, 0, 1ULL << 51);
	pt_or(&pt, 0x00007f0000001000ULL, 4, EMUL_PTE_PS, 0);
	walk_is(&pt, 0x00007f0000001000ULL, RD, -EFAULT, PFP | PFR, "4-level: PS in a PML4E: RSVD");
	fake_free(&pt.g);
}

static void test_5level(void)
{
	struct pt pt;
	u64 la = 0x00ff000000001000ULL;

	pt_init(&pt, PT_5L);
	pt_map(&pt, la, 0x5000, 1, P | RW);
	walk_is(&pt, la | 0x123, RD, 0, 0x5123, "5-level: 4 KiB page, PML5 index 255");
	walk_is(&pt, la & ~(0xffULL << 48), RD, -EFAULT, 0, "5-level: PML5 index 0 not present");
	pt_or(&pt, la, 5, EMUL_PTE_PS, 0);
	walk_is(&pt, la, RD, -EFAULT, PFP | PFR, "5-level: PS in a PML5E: RSVD");
	fake_free(&pt.g);
}

/* SDM 4.6: one user page (U/S=1 everywhere) and one supervisor page. */
static void test_rights(void)
{
	struct pt pt;
	u64 up = 0x10000000, sp = 0x20000000, ro = 0x30000000, nx = 0x40000000;

	pt_init(&pt, PT_4L);
	pt_map(&pt, up, 0x1000, 1, P | RW | US);
	pt_map(&pt, sp, 0x2000, 1, P | RW);
	pt_map(&pt, ro, 0x3000, 1, P | US);
	pt_map(&pt, nx, 0x4000, 1, P | RW | US | XD);
	walk_is(&pt, up, RD | USR, 0, 0x1000, "user read of a user page");
	walk_is(&pt, up, WR | USR, 0, 0x1000, "user write of a user page");
	walk_is(&pt, sp, RD | USR, -EFAULT, PFP | PFU, "user read of a supervisor page: P|U");
	walk_is(&pt, sp, FE | USR, -EFAULT, PFP | PFU | PFI,
		"user fetch of a supervisor page: P|U|I");
	walk_is(&pt, ro, WR | USR, -EFAULT, PFP | PFW | PFU,
		"user write of a read-only page: P|W|U");
	pt.pg.cr0 &= ~EMUL_CR0_WP;
	walk_is(&pt, ro, WR | USR, -EFAULT, PFP | PFW | PFU,
		"user write of a read-only page, WP=0: P|W|U");
	walk_is(&pt, ro, WR, 0, 0x3000, "supervisor write of a read-only page, WP=0: allowed");
	pt.pg.cr0 |= EMUL_CR0_WP;
	walk_is(&pt, ro, WR, -EFAULT, PFP | PFW, "supervisor write of a read-only page, WP=1: P|W");
	walk_is(&pt, nx, FE | USR, -EFAULT, PFP | PFU | PFI, "user fetch of an XD page: P|U|I");
	walk_is(&pt, nx, RD | USR, 0, 0x4000, "user read of an XD page");
	walk_is(&pt, up, FE, 0, 0x1000, "supervisor fetch of a user page, SMEP=0");
	pt.pg.cr4 |= EMUL_CR4_SMEP;
	walk_is(&pt, up, FE, -EFAULT, PFP | PFI, "supervisor fetch of a user page, SMEP=1: P|I");
	walk_is(&pt, sp, FE, 0, 0x2000, "supervisor fetch of a supervisor page, SMEP=1");
	walk_is(&pt, up, RD, 0, 0x1000, "supervisor read of a user page, SMAP=0");
	pt.pg.cr4 |= EMUL_CR4_SMAP;
	walk_is(&pt, up, RD, -EFAULT, PFP,
		"supervisor read of a user page, SMAP=1, implicit or AC=0: P");
	walk_is(&pt, up, RD | AC, 0, 0x1000, "supervisor read of a user page, SMAP=1, AC=1");
	walk_is(&pt, up, WR | AC, 0, 0x1000, "supervisor write of a user page, SMAP=1, AC=1");
	walk_is(&pt, ro, WR | AC, -EFAULT, PFP | PFW,
		"supervisor write of a read-only user page, SMAP=1, AC=1, WP=1: P|W");
	walk_is(&pt, up, RD | USR, 0, 0x1000, "SMAP leaves user accesses alone");
	pt_or(&pt, up, 3, 0, US);
	walk_is(&pt, up, RD | USR, -EFAULT, PFP | PFU,
		"U/S clear in one upper level: supervisor page");
	walk_is(&pt, up, RD, 0, 0x1000, "... which SMAP then lets the supervisor read");
	fake_free(&pt.g);
}

static void test_accessed_dirty(void)
{
	struct pt pt;
	struct emul_ops no_ad = fake_ops;
	struct emul_walk w;
	u64 la = 0x10000000, big = 0x0000008000000000ULL;
	unsigned int l;
	bool a_all = true;
	int ret;

	pt_init(&pt, PT_4L);
	pt_map(&pt, la, 0x1000, 1, P | RW);
	pt_map(&pt, big, 0x40000000, 3, P | RW);
	no_ad.cmpxchg_phys = NULL;
	ret = emul_walk(&pt.pg, &no_ad, &pt.g, la, WR, &w);
	tap_check(!ret && !(fake_get(&pt.g, pt_entry(&pt, la, 1), 8) & EMUL_PTE_A),
		  "without cmpxchg_phys, A/D stay clear");
	ret = emul_walk(&pt.pg, &fake_ops, &pt.g, la, RD, &w);
	for (l = 1; l <= 4; l++)
		a_all &= !!(fake_get(&pt.g, pt_entry(&pt, la, l), 8) & EMUL_PTE_A);
	tap_check(!ret && a_all && !(fake_get(&pt.g, pt_entry(&pt, la, 1), 8) & EMUL_PTE_D),
		  "read: A set at all four levels, D clear");
	ret = emul_walk(&pt.pg, &fake_ops, &pt.g, la, WR, &w);
	tap_check(!ret && (fake_get(&pt.g, pt_entry(&pt, la, 1), 8) & EMUL_PTE_D) &&
		  !(fake_get(&pt.g, pt_entry(&pt, la, 2), 8) & EMUL_PTE_D),
		    "write: D set in the leaf only");
	ret = emul_walk(&pt.pg, &fake_ops, &pt.g, big, WR, &w);
	tap_check(!ret && (fake_get(&pt.g, pt_entry(&pt, big, 3), 8) & EMUL_PTE_D),
		  "write through a 1 GiB page: D set in the PDPTE");
	ret = emul_walk(&pt.pg, &fake_ops, &pt.g, la + 0x1000, WR, &w);
	tap_check(ret == -EFAULT && !(fake_get(&pt.g, pt_entry(&pt, la, 1), 8) & (1ULL << 9)),
		  "a failing walk sets nothing");
	pt_map(&pt, la, 0x1000, 1, P | RW);
	pt.g.cmpxchg_conflicts = 3;
	ret = emul_walk(&pt.pg, &fake_ops, &pt.g, la, RD, &w);
	tap_check(!ret && w.gpa == 0x1000, "three lost A/D races, then the walk succeeds");
	pt_map(&pt, la, 0x1000, 1, P | RW);
	pt.g.cmpxchg_conflicts = 4;
	ret = emul_walk(&pt.pg, &fake_ops, &pt.g, la, RD, &w);
	tap_check(ret == -EAGAIN, "four lost A/D races: -EAGAIN");
	pt.g.cmpxchg_conflicts = 0;
	fake_free(&pt.g);
}

static int cmpxchg_fails(void *opaque, u64 gpa, u64 old, u64 new, unsigned int len)
{
	(void)opaque, (void)gpa, (void)old, (void)new, (void)len;
	return -EFAULT;
}

static void test_failures(void)
{
	struct emul_ops bad_ad = fake_ops;
	struct pt pt;
	struct emul_walk w;
	int ret;

	pt_init(&pt, PT_4L);
	pt_map(&pt, 0x1000, 0x1000, 1, P | RW);
	bad_ad.cmpxchg_phys = cmpxchg_fails;
	ret = emul_walk(&pt.pg, &bad_ad, &pt.g, 0x1000, RD, &w);
	tap_check(ret == -EIO, "A/D update refused by the host: -EIO");
	fake_free(&pt.g);

	pt_init(&pt, PT_4L);
	pt.pg.cr3 = 0x80000000;		/* outside the fake RAM */
	ret = emul_walk(&pt.pg, &fake_ops, &pt.g, 0x1000, RD, &w);
	tap_check(ret == -EIO, "page table outside RAM: -EIO");
	pt.pg.maxphyaddr = 53;
	ret = emul_walk(&pt.pg, &fake_ops, &pt.g, 0x1000, RD, &w);
	tap_check(ret == -EINVAL, "MAXPHYADDR 53: -EINVAL");
	fake_free(&pt.g);
}

int main(void)
{
	tap_start();
	test_no_paging();
	test_32bit();
	test_pae();
	test_4level_sizes();
	test_5level();
	test_rights();
	test_accessed_dirty();
	test_failures();
	return tap_done();
}
