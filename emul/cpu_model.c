// SPDX-License-Identifier: GPL-2.0
/*
 * Building the guest's CPUID from cpu_model_table.c and answering CPUID
 * exits from it (SDM Vol. 2A, CPUID). The build runs once; an exit is an
 * index into the leaf's slot plus the per-vCPU fields.
 */
#include "cpu_model.h"
#include "x86.h"

#define ANY_SUB			0xffffffffu
#define XFEATURE_FP		(1ULL << 0)
#define XFEATURE_SSE		(1ULL << 1)
#define XFEATURE_YMM		(1ULL << 2)
#define XFEATURE_AVX512		(7ULL << 5)	/* opmask, ZMM_Hi256, Hi16_ZMM */
#define XSAVE_LEGACY_SIZE	576	/* legacy area + XSAVE header (SDM Vol. 1, 13.4) */
#define CPUID_4_TYPE(eax)	((eax) & 0x1f)
#define TOPO_LEVEL_SMT		(1u << 8)
#define TOPO_LEVEL_CORE		(2u << 8)

/* The user state components rtvmx switches with XSAVE/XRSTOR under the host's XCR0. */
static u64 guest_xcr0(u64 host)
{
	u64 x = host & (XFEATURE_FP | XFEATURE_SSE | XFEATURE_YMM | XFEATURE_AVX512);

	if (!(x & XFEATURE_FP))
		return 0;
	if (!(x & XFEATURE_SSE))
		x &= ~XFEATURE_YMM;
	if (!(x & XFEATURE_YMM) || (x & XFEATURE_AVX512) != XFEATURE_AVX512)
		x &= ~XFEATURE_AVX512;
	return x;
}

static bool cond_holds(const struct cpu_model *m, const struct cpu_model_host *h, u8 cond)
{
	switch (cond) {
	case CMC_INVPCID:
		return h->invpcid;
	case CMC_RDTSCP:
		return h->rdtscp;
	case CMC_YMM:
		return m->xcr0 & XFEATURE_YMM;
	case CMC_AVX512:
		return (m->xcr0 & XFEATURE_AVX512) == XFEATURE_AVX512;
	case CMC_SPEC_CTRL:
		return h->spec_ctrl;
	}
	return true;
}

static void apply_rows(const struct cpu_model *m, const struct cpu_model_host *h,
		       struct cpu_model_entry *e, const u32 host[CM_NR_REGS])
{
	unsigned int i;

	for (i = 0; i < cpu_model_nr_rows; i++) {
		const struct cpu_model_row *row = &cpu_model_rows[i];

		if (row->leaf != e->leaf || (row->sub != ANY_SUB && row->sub != e->sub))
			continue;
		if (row->policy == CM_PASS && cond_holds(m, h, row->cond))
			e->r[row->reg] |= host[row->reg] & row->mask;
		else if (row->policy == CM_SET)
			e->r[row->reg] |= row->value & row->mask;
	}
}

/* The CM_CALC and CM_VCPU parts of an entry. */
static void calc_entry(const struct cpu_model *m, const struct cpu_model_host *h,
		       struct cpu_model_entry *e, const u32 host[CM_NR_REGS])
{
	switch (e->leaf) {
	case 0x0:
		e->r[CM_EAX] = m->max_basic;
		break;
	case 0x1:
		e->flags |= CPUID_F_APIC_ID | CPUID_F_OSXSAVE;
		break;
	case 0xb:
	case 0x1f:
		/* Shift 0 at both levels: the package ID is the x2APIC ID (SDM Vol. 3A 8.9.1). */
		e->flags |= CPUID_F_APIC_ID | CPUID_F_TOPOLOGY;
		e->r[CM_EBX] = 1;
		e->r[CM_ECX] = e->sub | (e->sub ? TOPO_LEVEL_CORE : TOPO_LEVEL_SMT);
		break;
	case 0xd:
		if (e->sub == 0) {
			e->flags |= CPUID_F_XSAVE_SIZE;
			e->r[CM_EAX] = (u32)m->xcr0;
			e->r[CM_ECX] = cpu_model_xsave_size(m, m->xcr0);
			e->r[CM_EDX] = (u32)(m->xcr0 >> 32);
		} else if (e->sub >= 2 && (m->xcr0 & (1ULL << e->sub))) {
			e->r[CM_EAX] = host[CM_EAX];
			e->r[CM_EBX] = host[CM_EBX];
			e->r[CM_ECX] = host[CM_ECX] & 2;
		}
		break;
	case CPU_MODEL_HV_BASE + 0x10:
		e->r[CM_EAX] = h->tsc_khz;
		e->r[CM_EBX] = h->tsc_khz;
		break;
	case CPU_MODEL_EXT_BASE:
		e->r[CM_EAX] = m->max_ext;
		break;
	}
}

/* Subleaves of @l the model holds, 0 for a leaf it does not hold. */
static unsigned int nr_subleaves(const struct cpu_model *m, const struct cpu_model_host *h,
				 const struct cpu_model_leaf *l)
{
	u32 r[CM_NR_REGS];
	unsigned int n;

	if (l->leaf < CPU_MODEL_HV_BASE && l->leaf > m->max_basic)
		return 0;
	if (l->leaf >= CPU_MODEL_EXT_BASE && l->leaf > m->max_ext)
		return 0;
	if (!l->subleaves)
		return 1;
	switch (l->leaf) {
	case 0x4:
		for (n = 0; n < l->subleaves; n++) {
			h->cpuid(h->opaque, l->leaf, n, r);
			if (!CPUID_4_TYPE(r[CM_EAX]))
				break;
		}
		return n;
	case 0xd:
		for (n = l->subleaves; n > 2; n--)
			if (m->xcr0 & (1ULL << (n - 1)))
				break;
		return n;
	}
	return l->subleaves;
}

static struct cpu_model_slot *slot_for(struct cpu_model *m, u32 leaf)
{
	if (leaf < CPU_MODEL_NR_BASIC)
		return &m->basic[leaf];
	if (leaf - CPU_MODEL_EXT_BASE < CPU_MODEL_NR_EXT)
		return &m->ext[leaf - CPU_MODEL_EXT_BASE];
	if (leaf - CPU_MODEL_HV_BASE < CPU_MODEL_NR_HV)
		return &m->hv[leaf - CPU_MODEL_HV_BASE];
	return NULL;
}

static int add_leaf(struct cpu_model *m, const struct cpu_model_host *h,
		    const struct cpu_model_leaf *l)
{
	unsigned int n = nr_subleaves(m, h, l), s;
	struct cpu_model_slot *slot = slot_for(m, l->leaf);
	u32 host[CM_NR_REGS];

	if (!slot)
		return -EINVAL;
	if (!n)
		return 0;
	if (m->nr + n > CPU_MODEL_MAX_ENTRIES)
		return -E2BIG;
	slot->first = m->nr;
	slot->count = n;
	for (s = 0; s < n; s++) {
		struct cpu_model_entry *e = &m->e[m->nr++];

		e->leaf = l->leaf;
		e->sub = s;
		e->flags = l->subleaves ? CPUID_F_INDEXED : 0;
		memset(host, 0, sizeof(host));
		if (l->leaf - CPU_MODEL_HV_BASE >= CPU_MODEL_NR_HV)
			h->cpuid(h->opaque, l->leaf, s, host);
		apply_rows(m, h, e, host);
		calc_entry(m, h, e, host);
	}
	return 0;
}

static bool has(const struct cpu_model *m, u32 leaf, unsigned int reg, unsigned int bit)
{
	return cpu_model_has(m, leaf, 0, reg, bit);
}

/* CR4 bits whose feature the model advertises (SDM Vol. 3A 2.5). */
static u64 calc_cr4_allowed(const struct cpu_model *m)
{
	u64 cr4 = EMUL_CR4_TSD | EMUL_CR4_PCE;

	if (has(m, 1, CM_EDX, CPUID_1_EDX_VME))
		cr4 |= EMUL_CR4_VME | EMUL_CR4_PVI;
	if (has(m, 1, CM_EDX, CPUID_1_EDX_DE))
		cr4 |= EMUL_CR4_DE;
	if (has(m, 1, CM_EDX, CPUID_1_EDX_PSE))
		cr4 |= EMUL_CR4_PSE;
	if (has(m, 1, CM_EDX, CPUID_1_EDX_PAE))
		cr4 |= EMUL_CR4_PAE;
	if (has(m, 1, CM_EDX, CPUID_1_EDX_MCE))
		cr4 |= EMUL_CR4_MCE;
	if (has(m, 1, CM_EDX, CPUID_1_EDX_PGE))
		cr4 |= EMUL_CR4_PGE;
	if (has(m, 1, CM_EDX, CPUID_1_EDX_FXSR))
		cr4 |= EMUL_CR4_OSFXSR | EMUL_CR4_OSXMMEXCPT;
	if (has(m, 7, CM_ECX, CPUID_7_ECX_UMIP))
		cr4 |= EMUL_CR4_UMIP;
	if (has(m, 7, CM_ECX, CPUID_7_ECX_LA57))
		cr4 |= EMUL_CR4_LA57;
	if (has(m, 7, CM_EBX, CPUID_7_EBX_FSGSBASE))
		cr4 |= EMUL_CR4_FSGSBASE;
	if (has(m, 1, CM_ECX, CPUID_1_ECX_PCID))
		cr4 |= EMUL_CR4_PCIDE;
	if (has(m, 1, CM_ECX, CPUID_1_ECX_XSAVE))
		cr4 |= EMUL_CR4_OSXSAVE;
	if (has(m, 7, CM_EBX, CPUID_7_EBX_SMEP))
		cr4 |= EMUL_CR4_SMEP;
	if (has(m, 7, CM_EBX, CPUID_7_EBX_SMAP))
		cr4 |= EMUL_CR4_SMAP;
	if (has(m, 7, CM_ECX, CPUID_7_ECX_PKU))
		cr4 |= EMUL_CR4_PKE;
	return cr4;
}

/* IA32_EFER bits whose feature the model advertises (SDM Vol. 4, IA32_EFER). */
static u64 calc_efer_allowed(const struct cpu_model *m)
{
	u64 efer = 0;

	if (has(m, 0x80000001, CM_EDX, CPUID_80000001_EDX_SYSCALL))
		efer |= EMUL_EFER_SCE;
	if (has(m, 0x80000001, CM_EDX, CPUID_80000001_EDX_LM))
		efer |= EMUL_EFER_LME | EMUL_EFER_LMA;
	if (has(m, 0x80000001, CM_EDX, CPUID_80000001_EDX_NX))
		efer |= EMUL_EFER_NXE;
	return efer;
}

int cpu_model_build(struct cpu_model *m, const struct cpu_model_host *h)
{
	u32 r[CM_NR_REGS];
	unsigned int i;
	int ret;

	memset(m, 0, sizeof(*m));
	h->cpuid(h->opaque, 0, 0, r);
	m->max_basic = r[CM_EAX] < CPU_MODEL_NR_BASIC - 1 ? r[CM_EAX] : CPU_MODEL_NR_BASIC - 1;
	h->cpuid(h->opaque, CPU_MODEL_EXT_BASE, 0, r);
	m->max_ext = r[CM_EAX] < CPU_MODEL_EXT_BASE ? CPU_MODEL_EXT_BASE : r[CM_EAX];
	if (m->max_ext > CPU_MODEL_EXT_BASE + CPU_MODEL_NR_EXT - 1)
		m->max_ext = CPU_MODEL_EXT_BASE + CPU_MODEL_NR_EXT - 1;

	h->cpuid(h->opaque, 1, 0, r);
	m->xcr0 = (r[CM_ECX] & (1u << CPUID_1_ECX_XSAVE)) ? guest_xcr0(h->xcr0) : 0;
	for (i = 2; i < CPU_MODEL_NR_XSAVE; i++) {
		if (!(m->xcr0 & (1ULL << i)))
			continue;
		h->cpuid(h->opaque, 0xd, i, r);
		m->xsave_end[i] = r[CM_EAX] + r[CM_EBX];
	}

	for (i = 0; i < cpu_model_nr_leaves; i++) {
		ret = add_leaf(m, h, &cpu_model_leaves[i]);
		if (ret)
			return ret;
	}
	m->cr4_allowed = calc_cr4_allowed(m);
	m->efer_allowed = calc_efer_allowed(m);
	return 0;
}

u32 cpu_model_xsave_size(const struct cpu_model *m, u64 xcr0)
{
	u32 size = XSAVE_LEGACY_SIZE;
	unsigned int i;

	for (i = 2; i < CPU_MODEL_NR_XSAVE; i++)
		if ((xcr0 & m->xcr0 & (1ULL << i)) && m->xsave_end[i] > size)
			size = m->xsave_end[i];
	return size;
}

/*
 * A leaf above the maximum of its range reads as the highest basic leaf
 * (SDM Vol. 2A, CPUID: "INPUT EAX = 0"); unmodeled hypervisor leaves as 0.
 */
static const struct cpu_model_slot *find_slot(const struct cpu_model *m, u32 *leaf)
{
	static const struct cpu_model_slot none;

	if (*leaf <= m->max_basic)
		return &m->basic[*leaf];
	if (*leaf - CPU_MODEL_EXT_BASE <= m->max_ext - CPU_MODEL_EXT_BASE)
		return &m->ext[*leaf - CPU_MODEL_EXT_BASE];
	if (*leaf - CPU_MODEL_HV_BASE < 0x100)
		return *leaf - CPU_MODEL_HV_BASE < CPU_MODEL_NR_HV ?
		       &m->hv[*leaf - CPU_MODEL_HV_BASE] : &none;
	*leaf = m->max_basic;
	return &m->basic[m->max_basic];
}

static void vcpu_fields(const struct cpu_model *m, const struct cpu_model_entry *e,
			const struct cpu_model_vcpu *v, u32 out[CM_NR_REGS])
{
	if (e->flags & CPUID_F_APIC_ID) {
		if (e->leaf == 1)
			out[CM_EBX] |= v->apic_id << 24;
		else
			out[CM_EDX] = v->apic_id;
	}
	if ((e->flags & CPUID_F_OSXSAVE) && v->osxsave)
		out[CM_ECX] |= 1u << CPUID_1_ECX_OSXSAVE;
	if (e->flags & CPUID_F_XSAVE_SIZE)
		out[CM_EBX] = cpu_model_xsave_size(m, v->xcr0);
}

void cpu_model_cpuid(const struct cpu_model *m, const struct cpu_model_vcpu *v,
		     u32 leaf, u32 sub, u32 out[CM_NR_REGS])
{
	const struct cpu_model_slot *s = find_slot(m, &leaf);
	const struct cpu_model_entry *e;

	memset(out, 0, CM_NR_REGS * sizeof(u32));
	if (!s->count)
		return;
	e = &m->e[s->first];
	if (e->flags & CPUID_F_INDEXED) {
		if (sub >= s->count) {
			/* Past the last level: ECX[7:0] echoes the subleaf, EDX the x2APIC ID. */
			if (e->flags & CPUID_F_TOPOLOGY) {
				out[CM_ECX] = sub & 0xff;
				out[CM_EDX] = v->apic_id;
			}
			return;
		}
		e += sub;
	}
	memcpy(out, e->r, sizeof(e->r));
	if (e->flags & ~CPUID_F_INDEXED)
		vcpu_fields(m, e, v, out);
}

bool cpu_model_has(const struct cpu_model *m, u32 leaf, u32 sub, unsigned int reg,
		   unsigned int bit)
{
	const struct cpu_model_vcpu v = { 0 };
	u32 out[CM_NR_REGS];

	if (leaf >= CPU_MODEL_EXT_BASE ? leaf > m->max_ext : leaf > m->max_basic)
		return false;
	cpu_model_cpuid(m, &v, leaf, sub, out);
	return reg < CM_NR_REGS && bit < 32 && (out[reg] & (1u << bit));
}
