/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host interface of rt_sched/: the one header through which these files
 * reach anything outside themselves. It includes "rts_shim.h", which the build
 * picks by include path:
 *
 *   host/user/rts_shim.h	userspace (simulator, unit tests), over libc
 *   host/kernel/rts_shim.h	rtvmx.ko, over Linux headers
 *
 * A shim provides exactly this, and the files here use nothing else:
 *   u8 u16 u32 u64 s64, bool/true/false, size_t, NULL, U64_MAX, ARRAY_SIZE()
 *   EINVAL EBUSY
 *   va_list, va_start(), va_end(), vsnprintf()
 *   RTS_PRINTF(fmt, args)		printf format checking attribute
 *   u64 rts_div64(u64 a, u64 b)	a / b
 *   u64 rts_rem64(u64 a, u64 b)	a % b
 *   bool rts_mul_overflow(a, b, d)	*d = a * b; true when it overflowed
 *   bool rts_add_overflow(a, b, d)	*d = a + b; true when it overflowed
 *
 * No floating point, no allocation: the kernel side has neither to offer on
 * the paths that use these files.
 */
#ifndef RTS_HOST_H
#define RTS_HOST_H

#include "rts_shim.h"

static inline u64 rts_min(u64 a, u64 b)
{
	return a < b ? a : b;
}

static inline u64 rts_max(u64 a, u64 b)
{
	return a > b ? a : b;
}

/* ceil(a / b) for b > 0, without the overflow of (a + b - 1) / b. */
static inline u64 rts_div64_up(u64 a, u64 b)
{
	u64 q = rts_div64(a, b);

	return q * b == a ? q : q + 1;
}

#endif
