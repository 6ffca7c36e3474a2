/* SPDX-License-Identifier: GPL-2.0 */
/* Width helpers shared by the decoder, the flags and the emulator (internal). */
#ifndef EMUL_BITS_H
#define EMUL_BITS_H

#include "emul_host.h"

/* All ones in the low @bytes bytes (1, 2, 4 or 8). */
static inline u64 emul_mask(unsigned int bytes)
{
	return bytes >= 8 ? ~0ULL : (1ULL << (8 * bytes)) - 1;
}

/* @v's low @bytes bytes, sign-extended to 64 bits. */
static inline s64 emul_sext(u64 v, unsigned int bytes)
{
	unsigned int shift = 64 - 8 * (bytes >= 8 ? 8 : bytes);

	return (s64)(v << shift) >> shift;
}

/* The sign bit of a @bytes-wide value. */
static inline u64 emul_msb(unsigned int bytes)
{
	return 1ULL << (8 * bytes - 1);
}

#endif
