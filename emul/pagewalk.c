// SPDX-License-Identifier: GPL-2.0
/*
 * Guest linear→physical page walk (see pagewalk.h). Entry formats and
 * reserved bits: SDM Vol. 3A, Tables 4-4 to 4-6 (32-bit), 4-8 to 4-11 (PAE),
 * 4-14 to 4-20 (4-level and 5-level); access rights: 4.6; error code: 4.7.
 */
#include "emul_host.h"
#include "pagewalk.h"
#include "x86.h"

#define WALK_TRIES	4
#define ADDR_MASK64	0x000ffffffffff000ULL	/* bits 51:12 */
#define ADDR_MASK32	0xfffff000ULL

/* The shape of a paging mode */
struct walk_fmt {
	u8 levels;	/* 2: 32-bit, 3: PAE, 4: 4-level, 5: 5-level */
	u8 esize;	/* entry bytes */
	u8 bits;	/* linear-address bits each level indexes */
};

/* Entries met on the way down, by level - 1, and the rights they add up to. */
struct walk_state {
	struct walk_fmt fmt;
	u64 gpa[5];
	u64 pte[5];
	unsigned int leaf;
	bool user;
	bool writable;
	bool nx;
};

static struct walk_fmt walk_fmt(const struct emul_paging *pg)
{
	struct walk_fmt f = { 4, 8, 9 };

	if (!(pg->cr4 & EMUL_CR4_PAE))
		f = (struct walk_fmt){ 2, 4, 10 };
	else if (!(pg->efer & EMUL_EFER_LMA))
		f.levels = 3;
	else if (pg->cr4 & EMUL_CR4_LA57)
		f.levels = 5;
	return f;
}

static bool is_pae(const struct walk_fmt *f)
{
	return f->levels == 3;
}

/* Bits @hi:@lo set (@lo <= @hi + 1; an empty range gives 0). */
static u64 bits(unsigned int hi, unsigned int lo)
{
	if (lo > hi)
		return 0;
	return (~0ULL >> (63 - hi)) & ~((1ULL << lo) - 1);
}

static unsigned int level_shift(const struct walk_fmt *f, unsigned int level)
{
	return 12 + f->bits * (level - 1);
}

static u64 table_root(const struct emul_paging *pg, const struct walk_fmt *f)
{
	if (f->esize == 4)
		return pg->cr3 & ADDR_MASK32;
	if (is_pae(f))
		return pg->cr3 & 0xffffffe0ULL;
	return pg->cr3 & ADDR_MASK64 & bits(pg->maxphyaddr - 1, 0);
}

/* Reserved bits of a 32-bit paging entry: only a 4 MiB PDE has them. */
static u64 rsvd32(const struct emul_paging *pg, unsigned int level, u64 pte)
{
	unsigned int m = pg->maxphyaddr < 40 ? pg->maxphyaddr : 40;

	if (level != 2 || !(pte & EMUL_PTE_PS) || !(pg->cr4 & EMUL_CR4_PSE))
		return 0;
	return bits(21, m - 19);
}

static u64 rsvd_mask(const struct emul_paging *pg, const struct walk_fmt *f,
		     unsigned int level, u64 pte)
{
	u64 m;

	if (f->esize == 4)
		return rsvd32(pg, level, pte);
	if (is_pae(f) && level == 3)
		return bits(63, pg->maxphyaddr) | bits(8, 5) | bits(2, 1);
	m = is_pae(f) ? bits(62, pg->maxphyaddr) : bits(51, pg->maxphyaddr);
	if (!(pg->efer & EMUL_EFER_NXE))
		m |= EMUL_PTE_XD;
	if (level >= 4)
		return m | EMUL_PTE_PS;
	if (!(pte & EMUL_PTE_PS) || level == 1)
		return m;
	return m | bits(level_shift(f, level) - 1, 13);
}

static bool is_leaf(const struct emul_paging *pg, const struct walk_fmt *f,
		    unsigned int level, u64 pte)
{
	if (level == 1)
		return true;
	if (!(pte & EMUL_PTE_PS) || (is_pae(f) && level == 3))
		return false;
	if (f->esize == 4)
		return pg->cr4 & EMUL_CR4_PSE;
	return level <= 3;
}

/* Physical address of the page a leaf maps, offset included. */
static u64 leaf_gpa(const struct walk_fmt *f, unsigned int level, u64 pte, u64 la)
{
	u64 size = 1ULL << level_shift(f, level);

	if (f->esize == 4 && level == 2)	/* 4 MiB page, PSE-36 (Table 4-4) */
		return (pte & 0xffc00000ULL) | ((pte >> 13) & 0xff) << 32 | (la & (size - 1));
	return (pte & ADDR_MASK64 & ~(size - 1)) | (la & (size - 1));
}

static int read_entry(const struct emul_ops *ops, void *opaque, u64 gpa,
		      unsigned int esize, u64 *pte)
{
	u8 buf[8];
	unsigned int i;
	int ret = ops->read_phys(opaque, gpa, buf, esize);

	if (ret) {
		emul_log("page-table read at gpa %#llx failed: %d", gpa, ret);
		return -EIO;
	}
	*pte = 0;
	for (i = 0; i < esize; i++)
		*pte |= (u64)buf[i] << (8 * i);
	return 0;
}

/* The entry for @la at @level, whose table is at @table. */
static int get_entry(const struct emul_paging *pg, const struct emul_ops *ops, void *opaque,
		     struct walk_state *st, unsigned int level, u64 table, u64 la)
{
	const struct walk_fmt *f = &st->fmt;
	unsigned int idx = (la >> level_shift(f, level)) & ((1u << f->bits) - 1);

	st->gpa[level - 1] = table + (u64)idx * f->esize;
	if (is_pae(f) && level == 3 && pg->pdpte_valid) {
		st->pte[level - 1] = pg->pdpte[idx & 3];
		return 0;
	}
	return read_entry(ops, opaque, st->gpa[level - 1], f->esize, &st->pte[level - 1]);
}

static void add_rights(const struct emul_paging *pg, struct walk_state *st,
		       unsigned int level, u64 pte)
{
	if (is_pae(&st->fmt) && level == 3)	/* PDPTEs carry no rights */
		return;
	st->user &= !!(pte & EMUL_PTE_US);
	st->writable &= !!(pte & EMUL_PTE_RW);
	if (st->fmt.esize == 8 && (pg->efer & EMUL_EFER_NXE))
		st->nx |= !!(pte & EMUL_PTE_XD);
}

static u32 pf_error(const struct emul_paging *pg, unsigned int access, u32 pfec)
{
	if (access & EMUL_ACC_WRITE)
		pfec |= EMUL_PFEC_W;
	if (access & EMUL_ACC_USER)
		pfec |= EMUL_PFEC_U;
	if ((access & EMUL_ACC_FETCH) && ((pg->cr4 & EMUL_CR4_SMEP) ||
	    ((pg->cr4 & EMUL_CR4_PAE) && (pg->efer & EMUL_EFER_NXE))))
		pfec |= EMUL_PFEC_I;
	return pfec;
}

/* Descends from CR3 to the leaf; faults for not-present and reserved bits. */
static int walk_tables(const struct emul_paging *pg, const struct emul_ops *ops, void *opaque,
		       struct walk_state *st, u64 la, unsigned int access, struct emul_walk *w)
{
	u64 table = table_root(pg, &st->fmt), pte;
	unsigned int level;
	int ret;

	for (level = st->fmt.levels; level >= 1; level--) {
		ret = get_entry(pg, ops, opaque, st, level, table, la);
		if (ret)
			return ret;
		pte = st->pte[level - 1];
		if (!(pte & EMUL_PTE_P)) {
			w->pfec = pf_error(pg, access, 0);
			return -EFAULT;
		}
		if (pte & rsvd_mask(pg, &st->fmt, level, pte)) {
			w->pfec = pf_error(pg, access, EMUL_PFEC_P | EMUL_PFEC_RSVD);
			return -EFAULT;
		}
		add_rights(pg, st, level, pte);
		if (is_leaf(pg, &st->fmt, level, pte)) {
			st->leaf = level;
			w->gpa = leaf_gpa(&st->fmt, level, pte, la);
			return 0;
		}
		table = pte & (st->fmt.esize == 4 ? ADDR_MASK32 : ADDR_MASK64);
	}
	return -EIO;	/* not reached: level 1 is always a leaf */
}

/* SDM 4.6.1: may an access of kind @access use a page with these rights? */
static bool access_denied(const struct emul_paging *pg, const struct walk_state *st,
			  unsigned int access)
{
	bool write = access & EMUL_ACC_WRITE, fetch = access & EMUL_ACC_FETCH;

	if (fetch && st->nx)
		return true;
	if (access & EMUL_ACC_USER)
		return !st->user || (write && !st->writable);
	if (write && !st->writable && (pg->cr0 & EMUL_CR0_WP))
		return true;
	if (st->user && fetch)
		return pg->cr4 & EMUL_CR4_SMEP;
	if (st->user)
		return (pg->cr4 & EMUL_CR4_SMAP) && !(access & EMUL_ACC_AC);
	return false;
}

/* Sets A in each entry used and D in the leaf for a write (SDM 4.8). */
static int set_accessed_dirty(const struct emul_ops *ops, void *opaque,
			      const struct walk_state *st, unsigned int access)
{
	unsigned int level;
	u64 old, new;
	int ret;

	if (!ops->cmpxchg_phys)
		return 0;
	for (level = st->fmt.levels; level >= st->leaf; level--) {
		if (is_pae(&st->fmt) && level == 3)
			continue;
		old = st->pte[level - 1];
		new = old | EMUL_PTE_A;
		if (level == st->leaf && (access & EMUL_ACC_WRITE))
			new |= EMUL_PTE_D;
		if (new == old)
			continue;
		ret = ops->cmpxchg_phys(opaque, st->gpa[level - 1], old, new, st->fmt.esize);
		if (ret == -EAGAIN)
			return ret;
		if (ret) {
			emul_log("A/D update at gpa %#llx failed: %d", st->gpa[level - 1], ret);
			return -EIO;
		}
	}
	return 0;
}

static int walk_once(const struct emul_paging *pg, const struct emul_ops *ops, void *opaque,
		     u64 la, unsigned int access, struct emul_walk *w)
{
	struct walk_state st = { .fmt = walk_fmt(pg), .user = true, .writable = true };
	int ret;

	if (st.fmt.levels <= 3)
		la &= 0xffffffffULL;
	ret = walk_tables(pg, ops, opaque, &st, la, access, w);
	if (ret)
		return ret;
	if (access_denied(pg, &st, access)) {
		w->pfec = pf_error(pg, access, EMUL_PFEC_P);
		return -EFAULT;
	}
	return set_accessed_dirty(ops, opaque, &st, access);
}

int emul_walk(const struct emul_paging *pg, const struct emul_ops *ops, void *opaque,
	      u64 la, unsigned int access, struct emul_walk *w)
{
	unsigned int i;
	int ret = -EAGAIN;

	w->gpa = 0;
	w->pfec = 0;
	if (!(pg->cr0 & EMUL_CR0_PG)) {
		w->gpa = la & 0xffffffffULL;
		return 0;
	}
	if (pg->maxphyaddr < 32 || pg->maxphyaddr > 52)
		return -EINVAL;
	for (i = 0; i < WALK_TRIES && ret == -EAGAIN; i++)
		ret = walk_once(pg, ops, opaque, la, access, w);
	return ret;
}
