// SPDX-License-Identifier: GPL-2.0
/*
 * Writes the fuzzer's seed corpus into a directory: for every encoding in
 * the tables, its bare bytes (the decoder alone) and a whole input
 * (fuzz_input.h) that runs it: real mode, 32-bit protected mode, or long
 * mode through a 1 GiB identity page (PML4 at 0, PDPT at 0x1000).
 *
 *   fuzz_seeds DIR
 */
#include <stdio.h>
#include <stdlib.h>

#include "cases.h"
#include "fuzz_input.h"

static u8 input[FZ_RAM_IMAGE + FZ_CODE + 0x1000];

static void put64(u8 *p, u64 v)
{
	unsigned int i;

	for (i = 0; i < 8; i++)
		p[i] = v >> (8 * i);
}

static void write_file(const char *dir, const char *name, unsigned int i, const u8 *buf,
		       size_t len)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s%03u", dir, name, i);
	f = fopen(path, "wb");
	if (!f || fwrite(buf, 1, len, f) != len || fclose(f)) {
		perror(path);
		exit(1);
	}
}

/* A whole input running @bytes in @mode with registers @gprs; returns its size. */
static size_t make_input(const u8 *bytes, int n, unsigned int mode, const u64 *gprs)
{
	u8 *ram = input + FZ_RAM_IMAGE;
	unsigned int i;

	memset(input, 0, sizeof(input));
	input[FZ_CONFIG] = mode == EMUL_MODE16 ? FZ_MODE_REAL :
			   mode == EMUL_MODE32 ? FZ_MODE_PROT : FZ_MODE_LONG;
	input[FZ_MORE] = mode == EMUL_MODE32 ? 8 : 0;	/* CS.D */
	put64(input + FZ_CR3, 0);
	put64(input + FZ_RIP, FZ_CODE);
	for (i = 0; i < EMUL_NR_GPRS; i++)
		put64(input + FZ_GPRS + 8 * i, gprs[i]);
	put64(ram, 0x1000 | EMUL_PTE_P | EMUL_PTE_RW);
	put64(ram + 0x1000, EMUL_PTE_P | EMUL_PTE_RW | EMUL_PTE_PS);
	memcpy(ram + FZ_CODE, bytes, n);
	return FZ_RAM_IMAGE + 0x1008;
}

int main(int argc, char **argv)
{
	static const u64 gprs[EMUL_NR_GPRS] = { [EMUL_RAX] = MMIO_BASE, [EMUL_RCX] = 3,
						[EMUL_RSI] = MMIO_BASE, [EMUL_RDI] = 0x8000 };
	unsigned int i;
	u8 bytes[32];
	int n;

	if (argc != 2) {
		fprintf(stderr, "usage: %s DIR\n", argv[0]);
		return 2;
	}
	for (i = 0; i < nr_decode_cases; i++) {
		n = hex_parse(decode_cases[i].hex, bytes, sizeof(bytes));
		if (n <= 0)
			continue;
		write_file(argv[1], "d", i, bytes, n);
		if (n <= EMUL_INSN_MAX)
			write_file(argv[1], "x", i, input,
				   make_input(bytes, n, decode_cases[i].mode, gprs));
	}
	for (i = 0; i < nr_exec_cases; i++) {
		n = hex_parse(exec_cases[i].hex, bytes, sizeof(bytes));
		write_file(argv[1], "e", i, input,
			   make_input(bytes, n, exec_cases[i].mode, exec_cases[i].in));
	}
	return 0;
}
