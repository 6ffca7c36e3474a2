/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A fake guest for emul/ host tests: RAM at guest-physical 0, an MMIO
 * register file that logs every access, callbacks (struct emul_ops) over
 * both, CPU states for each mode, and hex parsing and formatting helpers.
 */
#ifndef EMUL_TEST_SUPPORT_H
#define EMUL_TEST_SUPPORT_H

#include "emul.h"
#include "pagewalk.h"

#define RAM_SIZE	(4u << 20)
#define MMIO_BASE	0xa0000ULL	/* two pages of registers, inside the RAM range */
#define MMIO_SIZE	0x2000u
#define CODE_BASE	0x10000ULL	/* where the table tests put the instruction */
#define DATA_BASE	0x20000ULL	/* RAM the string tests copy from and to */
#define PT_BASE		0x1000ULL	/* 64-bit mode: PML4, PDPT, PD at 0x1000-0x3fff */
#define MAX_LOG		64

struct mmio_access {
	u64 gpa;
	u64 val;
	u8 len;
	bool write;
};

struct fake_guest {
	u8 *ram;
	u8 mmio[MMIO_SIZE];
	struct mmio_access log[MAX_LOG];
	unsigned int nlog;
	unsigned int reads;
	unsigned int writes;
	unsigned int cmpxchg_conflicts;	/* next this many cmpxchg_phys calls say -EAGAIN */
	bool fail_mem;			/* read_mem/write_mem fail */
};

extern const struct emul_ops fake_ops;

/* RAM zeroed, MMIO zeroed, log empty. fake_free() releases the RAM. */
void fake_init(struct fake_guest *g);
void fake_free(struct fake_guest *g);
u64 fake_get(const struct fake_guest *g, u64 gpa, unsigned int len);
void fake_put(struct fake_guest *g, u64 gpa, u64 val, unsigned int len);

/*
 * A CPU in @mode at RIP CODE_BASE: real mode (CS base CODE_BASE, IP 0, DS
 * ES SS base MMIO_BASE), flat 32-bit protected mode without paging, or
 * 64-bit mode with the first GiB identity-mapped by 2 MiB pages built in @g.
 */
void cpu_init(struct emul_cpu *cpu, struct fake_guest *g, enum emul_mode mode);
void ctxt_init(struct emul_ctxt *ctxt, struct emul_cpu *cpu, struct fake_guest *g);

/* Seeds, then draws from, the tests' one pseudo-random sequence (xorshift64). */
void test_srand(u64 seed);
u64 test_rand(void);

/* "f0 01 08" → bytes; returns the count, or -1 on bad input. */
int hex_parse(const char *hex, u8 *out, unsigned int max);

/* Intel-syntax text of a decoded instruction: "lock add dword ptr [rax], ecx" */
void insn_format(const struct emul_insn *insn, char *buf, unsigned int size);
/* Register name as Capstone spells it: "r8d", "ah", "rip"; "?" if none. */
const char *reg_name(unsigned int reg, unsigned int size, bool high8);
/* "es" .. "gs" for enum emul_sreg, "?" otherwise. */
const char *sreg_name(unsigned int seg);

#endif
