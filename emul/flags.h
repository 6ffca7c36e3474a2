/* SPDX-License-Identifier: GPL-2.0 */
/* Two-operand ALU operations and the arithmetic flags they leave (internal). */
#ifndef EMUL_FLAGS_H
#define EMUL_FLAGS_H

#include "emul_host.h"

/*
 * Computes @dst op @src on @size bytes (1, 2, 4 or 8) for op = EMUL_OP_ADD,
 * OR, ADC, SBB, AND, SUB, XOR, CMP (as SUB) or TEST (as AND); ADC and SBB
 * take CF from *@rflags. Returns the result, masked to @size, and replaces
 * CF, PF, AF, ZF, SF and OF in *@rflags as the CPU does. AF, undefined after
 * AND, OR, XOR and TEST, is cleared.
 */
u64 emul_alu(unsigned int op, u64 dst, u64 src, unsigned int size, u64 *rflags);

#endif
