/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Architectural constants emul/ needs, named EMUL_* so that they never clash
 * with the kernel's own definitions. Bit positions cite the Intel SDM, Vol. 3A.
 */
#ifndef EMUL_X86_H
#define EMUL_X86_H

/* General-purpose registers in encoding order (ModRM.reg/rm + REX.R/B). */
enum emul_gpr {
	EMUL_RAX, EMUL_RCX, EMUL_RDX, EMUL_RBX, EMUL_RSP, EMUL_RBP, EMUL_RSI, EMUL_RDI,
	EMUL_R8, EMUL_R9, EMUL_R10, EMUL_R11, EMUL_R12, EMUL_R13, EMUL_R14, EMUL_R15,
	EMUL_NR_GPRS,
	EMUL_RIP = EMUL_NR_GPRS,	/* base of a RIP-relative operand */
};

/* Segment registers in encoding order (Sreg field, SDM Vol. 2 Table 3-6). */
enum emul_sreg {
	EMUL_ES, EMUL_CS, EMUL_SS, EMUL_DS, EMUL_FS, EMUL_GS,
	EMUL_NR_SREGS,
	EMUL_SEG_NONE = 0xff,		/* no segment override prefix */
};

/* RFLAGS (SDM 2.3) */
#define EMUL_RFLAGS_CF		(1ULL << 0)
#define EMUL_RFLAGS_PF		(1ULL << 2)
#define EMUL_RFLAGS_AF		(1ULL << 4)
#define EMUL_RFLAGS_ZF		(1ULL << 6)
#define EMUL_RFLAGS_SF		(1ULL << 7)
#define EMUL_RFLAGS_DF		(1ULL << 10)
#define EMUL_RFLAGS_OF		(1ULL << 11)
#define EMUL_RFLAGS_RF		(1ULL << 16)
#define EMUL_RFLAGS_VM		(1ULL << 17)
#define EMUL_RFLAGS_AC		(1ULL << 18)
#define EMUL_RFLAGS_ARITH	(EMUL_RFLAGS_CF | EMUL_RFLAGS_PF | EMUL_RFLAGS_AF | \
				 EMUL_RFLAGS_ZF | EMUL_RFLAGS_SF | EMUL_RFLAGS_OF)

/* Control registers and EFER (SDM 2.5, 2.2.1) */
#define EMUL_CR0_PE		(1ULL << 0)
#define EMUL_CR0_MP		(1ULL << 1)
#define EMUL_CR0_EM		(1ULL << 2)
#define EMUL_CR0_TS		(1ULL << 3)
#define EMUL_CR0_ET		(1ULL << 4)
#define EMUL_CR0_NE		(1ULL << 5)
#define EMUL_CR0_WP		(1ULL << 16)
#define EMUL_CR0_AM		(1ULL << 18)
#define EMUL_CR0_NW		(1ULL << 29)
#define EMUL_CR0_CD		(1ULL << 30)
#define EMUL_CR0_PG		(1ULL << 31)
#define EMUL_CR4_VME		(1ULL << 0)
#define EMUL_CR4_PVI		(1ULL << 1)
#define EMUL_CR4_TSD		(1ULL << 2)
#define EMUL_CR4_DE		(1ULL << 3)
#define EMUL_CR4_PSE		(1ULL << 4)
#define EMUL_CR4_PAE		(1ULL << 5)
#define EMUL_CR4_MCE		(1ULL << 6)
#define EMUL_CR4_PGE		(1ULL << 7)
#define EMUL_CR4_PCE		(1ULL << 8)
#define EMUL_CR4_OSFXSR		(1ULL << 9)
#define EMUL_CR4_OSXMMEXCPT	(1ULL << 10)
#define EMUL_CR4_UMIP		(1ULL << 11)
#define EMUL_CR4_LA57		(1ULL << 12)
#define EMUL_CR4_VMXE		(1ULL << 13)
#define EMUL_CR4_SMXE		(1ULL << 14)
#define EMUL_CR4_FSGSBASE	(1ULL << 16)
#define EMUL_CR4_PCIDE		(1ULL << 17)
#define EMUL_CR4_OSXSAVE	(1ULL << 18)
#define EMUL_CR4_SMEP		(1ULL << 20)
#define EMUL_CR4_SMAP		(1ULL << 21)
#define EMUL_CR4_PKE		(1ULL << 22)
#define EMUL_CR4_CET		(1ULL << 23)
#define EMUL_EFER_SCE		(1ULL << 0)
#define EMUL_EFER_LME		(1ULL << 8)
#define EMUL_EFER_LMA		(1ULL << 10)
#define EMUL_EFER_NXE		(1ULL << 11)

/* Paging-structure entry bits (SDM 4.3, 4.4.2, 4.5.4) */
#define EMUL_PTE_P		(1ULL << 0)
#define EMUL_PTE_RW		(1ULL << 1)
#define EMUL_PTE_US		(1ULL << 2)
#define EMUL_PTE_A		(1ULL << 5)
#define EMUL_PTE_D		(1ULL << 6)
#define EMUL_PTE_PS		(1ULL << 7)
#define EMUL_PTE_XD		(1ULL << 63)

/* Page-fault error code (SDM 4.7) */
#define EMUL_PFEC_P		(1u << 0)	/* 0: not present; 1: protection violation */
#define EMUL_PFEC_W		(1u << 1)	/* write access */
#define EMUL_PFEC_U		(1u << 2)	/* user-mode access */
#define EMUL_PFEC_RSVD		(1u << 3)	/* a reserved bit set in an entry */
#define EMUL_PFEC_I		(1u << 4)	/* fetch (only with SMEP, or PAE and NXE) */

/* VMX segment access rights (SDM Vol. 3C, "Guest Register State": format of access rights) */
#define EMUL_AR_TYPE_ED		(1u << 2)	/* data segment: expand-down */
#define EMUL_AR_TYPE_CODE	(1u << 3)
#define EMUL_AR_DPL(ar)		(((ar) >> 5) & 3)
#define EMUL_AR_L		(1u << 13)
#define EMUL_AR_DB		(1u << 14)
#define EMUL_AR_UNUSABLE	(1u << 16)

/* Exception vectors (SDM 6.3.1) */
#define EMUL_UD_VECTOR		6
#define EMUL_SS_VECTOR		12
#define EMUL_GP_VECTOR		13
#define EMUL_PF_VECTOR		14

#define EMUL_PAGE_SIZE		4096ULL
#define EMUL_PAGE_MASK		(~(EMUL_PAGE_SIZE - 1))

#endif
