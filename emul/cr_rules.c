// SPDX-License-Identifier: GPL-2.0
/* CR0, CR4 and XCR0 write rules and the VMX guest/host masks (cr_rules.h). */
#include "cr_rules.h"
#include "x86.h"

#define CR0_DEFINED	(EMUL_CR0_PE | EMUL_CR0_MP | EMUL_CR0_EM | EMUL_CR0_TS | EMUL_CR0_ET | \
			 EMUL_CR0_NE | EMUL_CR0_WP | EMUL_CR0_AM | EMUL_CR0_NW | EMUL_CR0_CD | \
			 EMUL_CR0_PG)
#define CR0_LMSW_BITS	(EMUL_CR0_PE | EMUL_CR0_MP | EMUL_CR0_EM | EMUL_CR0_TS)
#define CR0_PAGING_BITS	(EMUL_CR0_PG | EMUL_CR0_WP | EMUL_CR0_PE | EMUL_CR0_CD)
#define CR4_PDPTR_BITS	(EMUL_CR4_PAE | EMUL_CR4_PGE | EMUL_CR4_PSE | EMUL_CR4_SMEP)
#define CR4_PAGING_BITS	(EMUL_CR4_PAE | EMUL_CR4_PGE | EMUL_CR4_PSE | EMUL_CR4_PCIDE | \
			 EMUL_CR4_SMEP | EMUL_CR4_SMAP | EMUL_CR4_PKE | EMUL_CR4_LA57)
#define CR3_PCID_MASK	0xfffULL

/* SDM Vol. 1 13.3 "Enabling the XSAVE feature set and XSAVE-enabled features". */
bool xcr0_valid(u64 supported, u64 val)
{
	if (val & ~supported)
		return false;
	if (!(val & XCR0_FP))
		return false;
	if ((val & XCR0_YMM) && !(val & XCR0_SSE))
		return false;
	if (!(val & XCR0_BNDREGS) != !(val & XCR0_BNDCSR))
		return false;
	if ((val & XCR0_AVX512) && ((val & XCR0_AVX512) != XCR0_AVX512 || !(val & XCR0_YMM)))
		return false;
	if (!(val & XCR0_TILECFG) != !(val & XCR0_TILEDATA))
		return false;
	return true;
}

static bool pae_paging(u64 cr0, u64 cr4, u64 efer)
{
	return (cr0 & EMUL_CR0_PG) && (cr4 & EMUL_CR4_PAE) && !(efer & EMUL_EFER_LMA);
}

/* SDM Vol. 2B MOV (control registers), #GP(0) list; Vol. 3A 9.8.5 for IA-32e mode. */
int cr0_write(const struct cr_state *s, u64 val, struct cr_write *w)
{
	u64 old = s->cr0, efer = s->efer;

	if (val >> 32)
		return -EINVAL;
	/* Reserved bits 31:0 are ignored; ET is fixed 1 since the Pentium 4. */
	val = (val & CR0_DEFINED) | EMUL_CR0_ET;
	if ((val & EMUL_CR0_NW) && !(val & EMUL_CR0_CD))
		return -EINVAL;
	if ((val & EMUL_CR0_PG) && !(val & EMUL_CR0_PE))
		return -EINVAL;

	if (!(old & EMUL_CR0_PG) && (val & EMUL_CR0_PG) && (efer & EMUL_EFER_LME)) {
		if (!(s->cr4 & EMUL_CR4_PAE) || s->cs_l)
			return -EINVAL;
		efer |= EMUL_EFER_LMA;
	}
	if ((old & EMUL_CR0_PG) && !(val & EMUL_CR0_PG)) {
		if (((efer & EMUL_EFER_LMA) && s->cs_l) || (s->cr4 & EMUL_CR4_PCIDE))
			return -EINVAL;
		efer &= ~EMUL_EFER_LMA;
	}

	w->value = val;
	w->efer = efer;
	w->flags = 0;
	if (efer != s->efer)
		w->flags |= CR_W_LMA;
	if ((val ^ old) & CR0_PAGING_BITS)
		w->flags |= CR_W_FLUSH;
	if (pae_paging(val, s->cr4, efer) &&
	    ((val ^ old) & (EMUL_CR0_PG | EMUL_CR0_CD | EMUL_CR0_NW)))
		w->flags |= CR_W_PDPTRS;
	return 0;
}

int cr4_write(const struct cr_state *s, u64 allowed, u64 val, struct cr_write *w)
{
	u64 old = s->cr4;
	bool lma = s->efer & EMUL_EFER_LMA;

	if (val & ~allowed)
		return -EINVAL;
	if (lma && !(val & EMUL_CR4_PAE))
		return -EINVAL;
	if (lma && ((val ^ old) & EMUL_CR4_LA57))
		return -EINVAL;
	if (!(old & EMUL_CR4_PCIDE) && (val & EMUL_CR4_PCIDE) &&
	    (!lma || (s->cr3 & CR3_PCID_MASK)))
		return -EINVAL;

	w->value = val;
	w->efer = s->efer;
	w->flags = 0;
	if ((val ^ old) & CR4_PAGING_BITS)
		w->flags |= CR_W_FLUSH;
	if (pae_paging(s->cr0, val, s->efer) && ((val ^ old) & CR4_PDPTR_BITS))
		w->flags |= CR_W_PDPTRS;
	return 0;
}

/* SDM Vol. 2A LMSW: loads CR0[3:0]; PE can be set, not cleared. */
u64 cr0_lmsw(u64 cr0, u16 src)
{
	return (cr0 & ~(CR0_LMSW_BITS & ~EMUL_CR0_PE)) | (src & CR0_LMSW_BITS);
}

/* SDM Vol. 3C 24.8 (fixed bits) and 26.3.1.1 (PE, PG under unrestricted guest). */
u64 cr0_host_mask(u64 fixed0, u64 fixed1, bool unrestricted)
{
	u64 must1 = fixed0;

	if (unrestricted)
		must1 &= ~(EMUL_CR0_PE | EMUL_CR0_PG);
	return (must1 | ~fixed1) & CR0_DEFINED;
}

u64 cr4_host_mask(u64 fixed0, u64 fixed1, u64 allowed)
{
	return fixed0 | ~fixed1 | ~allowed | EMUL_CR4_MCE | EMUL_CR4_OSXSAVE;
}

u64 cr0_hw_value(u64 cr0, u64 fixed0, bool unrestricted)
{
	if (unrestricted)
		fixed0 &= ~(EMUL_CR0_PE | EMUL_CR0_PG);
	return cr0 | fixed0;
}

u64 cr4_hw_value(u64 cr4, u64 fixed0)
{
	return cr4 | fixed0 | EMUL_CR4_MCE;
}
