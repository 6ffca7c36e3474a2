/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a guest may load into CR0, CR4 and XCR0 (SDM Vol. 3A 2.5 and MOV CR;
 * Vol. 1 13.3 and Vol. 2B XSETBV), and which bits rtvmx keeps to itself
 * with the VMX guest/host masks (SDM Vol. 3C 25.6.6). Plain C, host-testable.
 */
#ifndef EMUL_CR_RULES_H
#define EMUL_CR_RULES_H

#include "emul_host.h"

/* XCR0 state components (SDM Vol. 1, 13.1). */
#define XCR0_FP			(1ULL << 0)
#define XCR0_SSE		(1ULL << 1)
#define XCR0_YMM		(1ULL << 2)
#define XCR0_BNDREGS		(1ULL << 3)
#define XCR0_BNDCSR		(1ULL << 4)
#define XCR0_AVX512		(7ULL << 5)	/* opmask, ZMM_Hi256, Hi16_ZMM */
#define XCR0_PKRU		(1ULL << 9)
#define XCR0_TILECFG		(1ULL << 17)
#define XCR0_TILEDATA		(1ULL << 18)

/* XSETBV of @val to XCR0 with the guest's CPUID.(0DH,0).EDX:EAX = @supported: #GP unless true. */
bool xcr0_valid(u64 supported, u64 val);

/* The guest's view of the state a CR write depends on. */
struct cr_state {
	u64 cr0, cr3, cr4, efer;
	bool cs_l;		/* CS.L: 64-bit code, with EFER.LMA */
};

/* cr_write.flags */
#define CR_W_PDPTRS	(1u << 0)	/* PAE paging: load the PDPTEs (SDM Vol. 3A 4.4.1) */
#define CR_W_FLUSH	(1u << 1)	/* paging changed: flush the guest's TLB */
#define CR_W_LMA	(1u << 2)	/* EFER.LMA changed: "IA-32e mode guest" follows */

struct cr_write {
	u64 value;		/* what the register becomes, as the guest sees it */
	u64 efer;		/* EFER after it */
	unsigned int flags;
};

/* MOV to CR0 of @val: 0, or -EINVAL for #GP(0). */
int cr0_write(const struct cr_state *s, u64 val, struct cr_write *w);
/* MOV to CR4 of @val, with the CR4 bits the CPU model allows: 0, or -EINVAL for #GP(0). */
int cr4_write(const struct cr_state *s, u64 allowed, u64 val, struct cr_write *w);
/* LMSW @src: the CR0 it asks for (it sets PE, never clears it). */
u64 cr0_lmsw(u64 cr0, u16 src);

/*
 * The guest/host masks: CR0 bits VMX fixes (without PE and PG under
 * unrestricted guest); CR4 bits VMX fixes, MCE (kept set underneath),
 * OSXSAVE (CPUID follows it) and every bit the model does not allow.
 */
u64 cr0_host_mask(u64 fixed0, u64 fixed1, bool unrestricted);
u64 cr4_host_mask(u64 fixed0, u64 fixed1, u64 allowed);
/* The value the CPU runs with for the guest's @cr0 / @cr4. */
u64 cr0_hw_value(u64 cr0, u64 fixed0, bool unrestricted);
u64 cr4_hw_value(u64 cr4, u64 fixed0);

#endif
