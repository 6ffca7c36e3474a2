/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The CPU a guest sees: its CPUID, built once from the host's CPUID and the
 * table in cpu_model_table.c (one row per leaf field or feature bit: passed,
 * hidden, set or computed, and why), and the rules that follow from it (the
 * XCR0, CR4 and EFER bits a guest may set). Plain C, host-testable.
 */
#ifndef EMUL_CPU_MODEL_H
#define EMUL_CPU_MODEL_H

#include "emul_host.h"

enum cm_reg { CM_EAX, CM_EBX, CM_ECX, CM_EDX, CM_NR_REGS };

/* How a row makes its bits of the guest's CPUID. */
enum cpu_model_policy {
	CM_PASS,	/* the host's bits, when the row's condition holds */
	CM_SET,		/* the row's value: rtvmx emulates it */
	CM_HIDE,	/* 0: the guest would get #UD/#GP or a wrong answer */
	CM_VCPU,	/* per vCPU at the CPUID exit (APIC ID, CR4.OSXSAVE, XSAVE size) */
	CM_CALC,	/* computed by cpu_model_build() (leaf maxima, XCR0, topology) */
};

/* Conditions of CM_PASS rows, beside the host having the bit. */
enum cpu_model_cond {
	CMC_ALWAYS,
	CMC_INVPCID,	/* the VMCS has "enable INVPCID" */
	CMC_RDTSCP,	/* the VMCS has "enable RDTSCP" (RDTSCP, RDPID) */
	CMC_YMM,	/* the guest may enable AVX state in XCR0 */
	CMC_AVX512,	/* the guest may enable the AVX-512 state group */
	CMC_SPEC_CTRL,	/* each guest gets its own IA32_SPEC_CTRL (vmx/spec.c) */
};

struct cpu_model_row {
	u32 leaf, sub;
	u8 reg;			/* enum cm_reg */
	u8 policy;		/* enum cpu_model_policy */
	u8 cond;		/* enum cpu_model_cond, CM_PASS only */
	u32 mask;		/* the bits of the register this row decides */
	u32 value;		/* CM_SET */
	const char *name;
	const char *why;
};

extern const struct cpu_model_row cpu_model_rows[];
extern const unsigned int cpu_model_nr_rows;

/* Leaves the model has; every other leaf in range reads as 0. */
struct cpu_model_leaf {
	u32 leaf;
	u8 subleaves;		/* 0: subleaf ignored; n: at most subleaves 0..n-1 */
	const char *why;
};

extern const struct cpu_model_leaf cpu_model_leaves[];
extern const unsigned int cpu_model_nr_leaves;

/* cpu_model_entry.flags */
#define CPUID_F_INDEXED		(1u << 0)	/* the subleaf (ECX) selects the entry */
#define CPUID_F_APIC_ID		(1u << 1)	/* leaf 1 EBX[31:24], 0BH/1FH EDX */
#define CPUID_F_OSXSAVE		(1u << 2)	/* leaf 1 ECX[27] = guest CR4.OSXSAVE */
#define CPUID_F_XSAVE_SIZE	(1u << 3)	/* leaf 0DH.0 EBX: for the guest's XCR0 */
#define CPUID_F_TOPOLOGY	(1u << 4)	/* 0BH/1FH: past the last, ECX[7:0] = subleaf */

struct cpu_model_entry {
	u32 leaf, sub, flags;
	u32 r[CM_NR_REGS];
};

#define CPU_MODEL_MAX_ENTRIES	80
#define CPU_MODEL_NR_BASIC	0x20		/* leaves 0..1FH */
#define CPU_MODEL_EXT_BASE	0x80000000u
#define CPU_MODEL_NR_EXT	9		/* leaves 80000000H..80000008H */
#define CPU_MODEL_HV_BASE	0x40000000u
#define CPU_MODEL_NR_HV		0x11		/* leaves 40000000H..40000010H */
#define CPU_MODEL_NR_XSAVE	19		/* XSAVE state components 0..18 */

/* Where the entries of one leaf are: first index and how many (0: none, reads 0). */
struct cpu_model_slot {
	u8 first, count;
};

struct cpu_model {
	unsigned int nr;
	struct cpu_model_entry e[CPU_MODEL_MAX_ENTRIES];
	u32 max_basic, max_ext;
	struct cpu_model_slot basic[CPU_MODEL_NR_BASIC];
	struct cpu_model_slot ext[CPU_MODEL_NR_EXT];
	struct cpu_model_slot hv[CPU_MODEL_NR_HV];
	u64 xcr0;		/* XCR0 bits the guest may set: CPUID.(0DH,0).EDX:EAX */
	u32 xsave_end[CPU_MODEL_NR_XSAVE];	/* offset + size of each user component */
	u64 cr4_allowed;	/* CR4 bits the guest may set */
	u64 efer_allowed;	/* IA32_EFER bits the guest may set */
};

/* What the builder needs from the host. */
struct cpu_model_host {
	/* CPUID on the host. */
	void (*cpuid)(void *opaque, u32 leaf, u32 sub, u32 out[CM_NR_REGS]);
	void *opaque;
	u64 xcr0;		/* the host's XCR0: the guest's is a subset */
	u32 tsc_khz;		/* for the rtvmx timing leaf 40000010H */
	bool invpcid;		/* the guest's VMCS sets "enable INVPCID" */
	bool rdtscp;		/* and "enable RDTSCP" */
	bool spec_ctrl;		/* IA32_SPEC_CTRL is switched per guest (PRED_CMD with it) */
};

/* The per-vCPU inputs of the CPUID exit. */
struct cpu_model_vcpu {
	u32 apic_id;
	bool osxsave;		/* the guest's CR4.OSXSAVE */
	u64 xcr0;		/* the guest's XCR0 */
};

/* Fills @m; -E2BIG if the table outgrows CPU_MODEL_MAX_ENTRIES. */
int cpu_model_build(struct cpu_model *m, const struct cpu_model_host *h);

/* The guest's CPUID(@leaf, @sub) for vCPU @v (SDM Vol. 2A, CPUID). */
void cpu_model_cpuid(const struct cpu_model *m, const struct cpu_model_vcpu *v,
		     u32 leaf, u32 sub, u32 out[CM_NR_REGS]);

/* Whether the model advertises the bit (@leaf, @sub, @reg, @bit). */
bool cpu_model_has(const struct cpu_model *m, u32 leaf, u32 sub, unsigned int reg,
		   unsigned int bit);

/* XSAVE area size for the user state components in @xcr0 (CPUID.(0DH,0).EBX). */
u32 cpu_model_xsave_size(const struct cpu_model *m, u64 xcr0);

/* Feature bits the rules below test (leaf, register, bit). */
#define CPUID_1_ECX_PCID	17
#define CPUID_1_ECX_XSAVE	26
#define CPUID_1_ECX_OSXSAVE	27
#define CPUID_1_EDX_VME		1
#define CPUID_1_EDX_DE		2
#define CPUID_1_EDX_PSE		3
#define CPUID_1_EDX_PAE		6
#define CPUID_1_EDX_MCE		7
#define CPUID_1_EDX_PGE		13
#define CPUID_1_EDX_FXSR	24
#define CPUID_7_EBX_FSGSBASE	0
#define CPUID_7_EBX_SMEP	7
#define CPUID_7_EBX_SMAP	20
#define CPUID_7_ECX_UMIP	2
#define CPUID_7_ECX_PKU		3
#define CPUID_7_ECX_LA57	16
#define CPUID_7_ECX_RDPID	22
#define CPUID_7_EDX_SPEC_CTRL	26
#define CPUID_7_EDX_FLUSH_L1D	28
#define CPUID_80000001_EDX_SYSCALL	11
#define CPUID_80000001_EDX_NX	20
#define CPUID_80000001_EDX_RDTSCP	27
#define CPUID_80000001_EDX_LM	29

#endif
