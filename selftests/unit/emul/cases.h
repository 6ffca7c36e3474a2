/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tables of encodings for the emul/ host tests: what each decodes to, and
 * what executing it does. The same tables feed the Capstone differential
 * test and the fuzzer's seed corpus.
 */
#ifndef EMUL_TEST_CASES_H
#define EMUL_TEST_CASES_H

#include "support.h"

/* One encoding: bytes, mode, and the text it decodes to or the error. */
struct decode_case {
	u8 mode;		/* enum emul_mode */
	const char *hex;	/* the bytes, "f0 01 08" */
	const char *text;	/* insn_format() of the decoded instruction */
	int err;		/* or emul_decode()'s -Exxx */
};

extern const struct decode_case decode_cases[];
extern const unsigned int nr_decode_cases;

/*
 * One encoding executed through emul_run() on cpu_init(mode). The MMIO
 * register at MMIO_BASE (8 bytes) starts as mmio and must end as mmio_out;
 * the RAM at DATA_BASE likewise with ram/ram_out. Registers in out_mask must
 * end as out[], the others as in[]. RFLAGS starts as flags; the bits in
 * flags_mask must end as flags_out, the others unchanged. RIP must end past
 * the instruction when ret is EMUL_RETIRED, else where it was.
 */
struct exec_case {
	u8 mode;
	const char *hex;
	const char *text;	/* for the reader and the TAP line */
	u64 in[EMUL_NR_GPRS];
	u64 flags;
	u64 mmio;
	u64 ram;
	u64 fs_base;
	unsigned int max_rep;
	/* expected */
	int ret;		/* enum emul_result */
	u64 out[EMUL_NR_GPRS];
	u32 out_mask;		/* 1 << EMUL_Rxx for each register in out[] */
	u64 flags_out;
	u64 flags_mask;
	u64 mmio_out;
	u64 ram_out;
	u8 reads;		/* MMIO accesses */
	u8 writes;
	u8 vector;		/* ret == EMUL_EXCEPTION */
};

extern const struct exec_case exec_cases[];
extern const unsigned int nr_exec_cases;

#endif
