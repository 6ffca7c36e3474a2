/* SPDX-License-Identifier: GPL-2.0 */
/* rt_sched/ host shim for rtvmx.ko. */
#ifndef RTS_SHIM_H
#define RTS_SHIM_H

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/math64.h>
#include <linux/overflow.h>
#include <linux/stdarg.h>
#include <linux/types.h>

#define RTS_PRINTF(f, a)	__printf(f, a)

static inline u64 rts_div64(u64 a, u64 b)
{
	return div64_u64(a, b);
}

static inline u64 rts_rem64(u64 a, u64 b)
{
	u64 rem;

	div64_u64_rem(a, b, &rem);
	return rem;
}

#define rts_mul_overflow(a, b, d)	check_mul_overflow(a, b, d)
#define rts_add_overflow(a, b, d)	check_add_overflow(a, b, d)

#endif
