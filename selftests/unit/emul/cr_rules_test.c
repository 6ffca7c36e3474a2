// SPDX-License-Identifier: GPL-2.0
/*
 * XSETBV, MOV to CR0/CR4 and LMSW rules and the guest/host masks
 * (emul/cr_rules.c), and the MSR value checks (emul/msr_rules.c), case by
 * case against the SDM's #GP lists.
 */
#include <stdio.h>

#include "cr_rules.h"
#include "msr_rules.h"
#include "tap.h"
#include "x86.h"

#define CR0_64	(EMUL_CR0_PG | EMUL_CR0_WP | EMUL_CR0_NE | EMUL_CR0_ET | EMUL_CR0_MP | EMUL_CR0_PE)
#define CR4_64	(EMUL_CR4_PAE | EMUL_CR4_OSFXSR | EMUL_CR4_OSXMMEXCPT)
#define EFER_64	(EMUL_EFER_SCE | EMUL_EFER_LME | EMUL_EFER_LMA | EMUL_EFER_NXE)
#define ALLOWED	(CR4_64 | EMUL_CR4_PGE | EMUL_CR4_PSE | EMUL_CR4_MCE | EMUL_CR4_PCIDE | \
		 EMUL_CR4_OSXSAVE | EMUL_CR4_FSGSBASE | EMUL_CR4_SMEP | EMUL_CR4_SMAP | EMUL_CR4_DE)
/* Bochs broadwell_ult: IA32_VMX_CR0_FIXED0/1, CR4_FIXED0/1 as typical parts report them. */
#define CR0_FIXED0	0x80000021ULL
#define CR0_FIXED1	0xffffffffULL
#define CR4_FIXED0	0x2000ULL
#define CR4_FIXED1	0x3727ffULL

static const struct cr_state long_mode = { CR0_64, 0x2000, CR4_64, EFER_64, true };
static const struct cr_state real_mode = { EMUL_CR0_ET | EMUL_CR0_NE, 0, 0, 0, false };

static void test_xcr0(void)
{
	static const struct {
		u64 supported, val;
		bool ok;
		const char *what;
	} t[] = {
		{ 0x7, 0x1, true, "x87 only" },
		{ 0x7, 0x3, true, "x87|SSE" },
		{ 0x7, 0x7, true, "x87|SSE|AVX" },
		{ 0x7, 0x0, false, "x87 clear" },
		{ 0x7, 0x2, false, "SSE without x87" },
		{ 0x7, 0x5, false, "AVX without SSE" },
		{ 0x7, 0x8, false, "BNDREGS, not advertised" },
		{ 0x3, 0x7, false, "AVX not advertised to the guest" },
		{ 0xe7, 0xe7, true, "the AVX-512 group whole" },
		{ 0xe7, 0x27, false, "opmask alone (part of the AVX-512 group)" },
		{ 0xe7, 0x67, false, "opmask and ZMM_Hi256 without Hi16_ZMM" },
		{ 0xe7, 0xe3, false, "AVX-512 without AVX" },
		{ 0x1f, 0x0b, false, "MPX BNDREGS without BNDCSR" },
		{ 0x1f, 0x13, false, "MPX BNDCSR without BNDREGS" },
		{ 0x1f, 0x1b, true, "MPX both" },
		{ 0x60007, 0x20007, false, "AMX TILECFG without TILEDATA" },
		{ 0x60007, 0x40007, false, "AMX TILEDATA without TILECFG" },
		{ 0x60007, 0x60007, true, "AMX both" },
		{ 0x7, 0x8000000000000007ULL, false, "bit 63" },
		{ 0x7, 0x207, false, "PKRU, not advertised" },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(t); i++)
		tap_check(xcr0_valid(t[i].supported, t[i].val) == t[i].ok, "XSETBV %#llx: %s (%s)",
			  t[i].val, t[i].ok ? "loaded" : "#GP", t[i].what);
}

static void test_cr0(void)
{
	struct cr_state s = real_mode;
	struct cr_write w;

	tap_check(cr0_write(&long_mode, CR0_64 & ~EMUL_CR0_NE, &w) == 0 && w.value == (CR0_64 & ~EMUL_CR0_NE) &&
		  !(w.flags & (CR_W_LMA | CR_W_PDPTRS)), "CR0: NE = 0 in long mode is taken");
	tap_check(cr0_write(&long_mode, CR0_64 | (1ULL << 32), &w) == -EINVAL, "CR0: bit 32 gives #GP");
	tap_check(cr0_write(&long_mode, CR0_64 | EMUL_CR0_NW, &w) == -EINVAL, "CR0: NW without CD gives #GP");
	tap_check(cr0_write(&long_mode, CR0_64 | EMUL_CR0_NW | EMUL_CR0_CD, &w) == 0 &&
		  (w.flags & CR_W_FLUSH), "CR0: NW with CD is taken");
	tap_check(cr0_write(&long_mode, CR0_64 & ~EMUL_CR0_PE, &w) == -EINVAL, "CR0: PG without PE gives #GP");
	tap_check(cr0_write(&long_mode, CR0_64 & ~EMUL_CR0_PG, &w) == -EINVAL,
		  "CR0: clearing PG in 64-bit mode gives #GP");
	s = long_mode;
	s.cs_l = false;
	tap_check(cr0_write(&s, CR0_64 & ~EMUL_CR0_PG, &w) == 0 && !(w.efer & EMUL_EFER_LMA) &&
		  (w.flags & CR_W_LMA), "CR0: clearing PG in compatibility mode leaves IA-32e mode");
	s.cr4 |= EMUL_CR4_PCIDE;
	tap_check(cr0_write(&s, CR0_64 & ~EMUL_CR0_PG, &w) == -EINVAL, "CR0: clearing PG with PCIDE gives #GP");
	tap_check(cr0_write(&real_mode, EMUL_CR0_PE, &w) == 0 && w.value == (EMUL_CR0_PE | EMUL_CR0_ET),
		  "CR0: PE with NE = 0 from real mode; ET reads 1");
	tap_check(cr0_write(&real_mode, 0xffc0 | EMUL_CR0_PE, &w) == 0 && w.value == (EMUL_CR0_PE | EMUL_CR0_ET),
		  "CR0: reserved bits 15:6 are ignored");
	s = real_mode;
	s.cr0 = EMUL_CR0_PE | EMUL_CR0_ET;
	s.efer = EMUL_EFER_LME;
	tap_check(cr0_write(&s, EMUL_CR0_PE | EMUL_CR0_PG, &w) == -EINVAL,
		  "CR0: PG with LME but without CR4.PAE gives #GP");
	s.cr4 = EMUL_CR4_PAE;
	tap_check(cr0_write(&s, EMUL_CR0_PE | EMUL_CR0_PG, &w) == 0 && (w.efer & EMUL_EFER_LMA) &&
		  (w.flags & CR_W_LMA) && !(w.flags & CR_W_PDPTRS), "CR0: PG with LME and PAE enters IA-32e mode");
	s.efer = 0;
	tap_check(cr0_write(&s, EMUL_CR0_PE | EMUL_CR0_PG, &w) == 0 && !(w.efer & EMUL_EFER_LMA) &&
		  (w.flags & CR_W_PDPTRS), "CR0: PG with PAE and no LME loads the PDPTEs");
	tap_check(cr0_lmsw(EMUL_CR0_PE | EMUL_CR0_TS | EMUL_CR0_NE, 0) == (EMUL_CR0_PE | EMUL_CR0_NE) &&
		  cr0_lmsw(EMUL_CR0_NE, 0xf) == (EMUL_CR0_NE | 0xf) &&
		  cr0_lmsw(EMUL_CR0_ET, 0xfff0) == EMUL_CR0_ET, "LMSW: bits 3:0, PE not cleared");
}

static void test_cr4(void)
{
	struct cr_state s = long_mode;
	struct cr_write w;

	tap_check(cr4_write(&long_mode, ALLOWED, CR4_64 | EMUL_CR4_OSXSAVE | EMUL_CR4_PGE, &w) == 0 &&
		  (w.flags & CR_W_FLUSH), "CR4: OSXSAVE and PGE taken; PGE flushes");
	tap_check(cr4_write(&long_mode, ALLOWED, CR4_64 | EMUL_CR4_VMXE, &w) == -EINVAL, "CR4: VMXE gives #GP");
	tap_check(cr4_write(&long_mode, ALLOWED, CR4_64 | EMUL_CR4_PKE, &w) == -EINVAL,
		  "CR4: PKE of a hidden feature gives #GP");
	tap_check(cr4_write(&long_mode, ALLOWED, CR4_64 | (1ULL << 15), &w) == -EINVAL,
		  "CR4: reserved bit 15 gives #GP");
	tap_check(cr4_write(&long_mode, ALLOWED, CR4_64 & ~EMUL_CR4_PAE, &w) == -EINVAL,
		  "CR4: clearing PAE in IA-32e mode gives #GP");
	tap_check(cr4_write(&long_mode, ALLOWED, CR4_64 | EMUL_CR4_PCIDE, &w) == 0,
		  "CR4: PCIDE with CR3[11:0] = 0 in IA-32e mode");
	s.cr3 |= 5;
	tap_check(cr4_write(&s, ALLOWED, CR4_64 | EMUL_CR4_PCIDE, &w) == -EINVAL,
		  "CR4: PCIDE with CR3[11:0] != 0 gives #GP");
	tap_check(cr4_write(&real_mode, ALLOWED, EMUL_CR4_PCIDE, &w) == -EINVAL,
		  "CR4: PCIDE outside IA-32e mode gives #GP");
	tap_check(cr4_write(&real_mode, ALLOWED, EMUL_CR4_MCE | EMUL_CR4_DE, &w) == 0 &&
		  w.value == (EMUL_CR4_MCE | EMUL_CR4_DE), "CR4: MCE and DE taken in real mode");
	s = real_mode;
	s.cr0 |= EMUL_CR0_PE | EMUL_CR0_PG;
	s.cr4 = EMUL_CR4_PAE;
	tap_check(cr4_write(&s, ALLOWED, EMUL_CR4_PAE | EMUL_CR4_PGE, &w) == 0 && (w.flags & CR_W_PDPTRS),
		  "CR4: PGE under PAE paging loads the PDPTEs");
}

static void test_masks(void)
{
	u64 m0 = cr0_host_mask(CR0_FIXED0, CR0_FIXED1, true);
	u64 m4 = cr4_host_mask(CR4_FIXED0, CR4_FIXED1, ALLOWED);

	tap_check(m0 == EMUL_CR0_NE, "CR0 mask, unrestricted guest: NE only (%#llx)", m0);
	tap_check(cr0_host_mask(CR0_FIXED0, CR0_FIXED1, false) == (EMUL_CR0_NE | EMUL_CR0_PE | EMUL_CR0_PG),
		  "CR0 mask, restricted: PE, NE, PG");
	tap_check(cr0_hw_value(0, CR0_FIXED0, true) == EMUL_CR0_NE &&
		  cr0_hw_value(EMUL_CR0_PE, CR0_FIXED0, false) == (CR0_FIXED0 | EMUL_CR0_PE),
		  "CR0 underneath: NE always");
	tap_check((m4 & EMUL_CR4_VMXE) && (m4 & EMUL_CR4_MCE) && (m4 & EMUL_CR4_OSXSAVE) &&
		  (m4 & EMUL_CR4_PKE) && (m4 & EMUL_CR4_SMXE) && (m4 & EMUL_CR4_LA57) && (m4 & (1ULL << 40)),
		  "CR4 mask: VMXE, MCE, OSXSAVE, hidden and reserved bits");
	tap_check(!(m4 & (EMUL_CR4_PGE | EMUL_CR4_PAE | EMUL_CR4_PCIDE | EMUL_CR4_FSGSBASE | EMUL_CR4_SMEP)),
		  "CR4 mask: PGE, PAE, PCIDE, FSGSBASE, SMEP stay the guest's (no exit)");
	tap_check(cr4_hw_value(0, CR4_FIXED0) == (EMUL_CR4_VMXE | EMUL_CR4_MCE),
		  "CR4 underneath: VMXE and MCE always");
}

static void test_msrs(void)
{
	u64 out = 0;

	tap_check(msr_pat_valid(0x0007040600070406ULL), "PAT: the reset value");
	tap_check(msr_pat_valid(0x0707070707070707ULL) && msr_pat_valid(0x0001040500010405ULL) &&
		  msr_pat_valid(0), "PAT: types 0, 1, 4, 5, 6, 7");
	tap_check(!msr_pat_valid(0x0007040600070402ULL) && !msr_pat_valid(0x0307040600070406ULL),
		  "PAT: type 2 or 3 gives #GP");
	tap_check(!msr_pat_valid(0x0007040600070408ULL) && !msr_pat_valid(0x0007040600070486ULL),
		  "PAT: bits 7:3 of an entry give #GP");
	tap_check(msr_canonical(0x00007fffffffffffULL, 48) && msr_canonical(0xffff800000000000ULL, 48) &&
		  msr_canonical(0, 48), "canonical: both halves");
	tap_check(!msr_canonical(0x0000800000000000ULL, 48) && !msr_canonical(0x8000000000000000ULL, 48) &&
		  !msr_canonical(0xfffe7fffffffffffULL, 48), "non-canonical: the hole");
	tap_check(msr_efer_write(EFER_64, EFER_64, EFER_64 & ~EMUL_EFER_SCE, true, &out) == 0 &&
		  out == (EFER_64 & ~EMUL_EFER_SCE), "EFER: SCE off in long mode");
	tap_check(msr_efer_write(EFER_64, EFER_64, EFER_64 & ~EMUL_EFER_LMA, true, &out) == 0 &&
		  out == EFER_64, "EFER: LMA is read-only");
	tap_check(msr_efer_write(EFER_64, EFER_64, EFER_64 | (1ULL << 1), true, &out) == -EINVAL &&
		  msr_efer_write(EFER_64, EFER_64, EFER_64 | (1ULL << 12), true, &out) == -EINVAL &&
		  msr_efer_write(EFER_64, EFER_64, EFER_64 | (1ULL << 63), true, &out) == -EINVAL,
		  "EFER: reserved bits 1, 12 (SVME), 63 give #GP");
	tap_check(msr_efer_write(EFER_64, EFER_64, EFER_64 & ~EMUL_EFER_LME, true, &out) == -EINVAL,
		  "EFER: LME changed with paging on gives #GP");
	tap_check(msr_efer_write(EFER_64, 0, EMUL_EFER_LME, false, &out) == 0 && out == EMUL_EFER_LME,
		  "EFER: LME with paging off");
	tap_check(msr_efer_write(EMUL_EFER_SCE, 0, EMUL_EFER_NXE, false, &out) == -EINVAL,
		  "EFER: NXE without NX in CPUID gives #GP");
	tap_check(msr_debugctl_write(0, &out) == 0 && out == 0 &&
		  msr_debugctl_write(MSR_DEBUGCTL_BTF, &out) == 0 && out == MSR_DEBUGCTL_BTF &&
		  msr_debugctl_write(MSR_DEBUGCTL_LBR, &out) == 0 && out == 0,
		  "DEBUGCTL: 0 and BTF kept, LBR accepted and dropped");
	tap_check(msr_debugctl_write(1ULL << 6, &out) == -EINVAL && msr_debugctl_write(1ULL << 2, &out) == -EINVAL,
		  "DEBUGCTL: TR, bit 2 give #GP");
	tap_check(msr_tsc_aux_valid(0xffffffffULL) && !msr_tsc_aux_valid(1ULL << 32),
		  "TSC_AUX: bits 63:32 give #GP");
}

int main(void)
{
	tap_start();
	test_xcr0();
	test_cr0();
	test_cr4();
	test_masks();
	test_msrs();
	return tap_done();
}
