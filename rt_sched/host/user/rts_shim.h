/* SPDX-License-Identifier: GPL-2.0 */
/* rt_sched/ host shim for userspace: the simulator and the unit tests. */
#ifndef RTS_SHIM_H
#define RTS_SHIM_H

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* The kernel's types: u64 is unsigned long long there too, so %llu fits both. */
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef long long s64;

#define U64_MAX		(~0ULL)
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#define RTS_PRINTF(f, a)	__attribute__((format(printf, f, a)))

static inline u64 rts_div64(u64 a, u64 b)
{
	return a / b;
}

static inline u64 rts_rem64(u64 a, u64 b)
{
	return a % b;
}

#define rts_mul_overflow(a, b, d)	__builtin_mul_overflow(a, b, d)
#define rts_add_overflow(a, b, d)	__builtin_add_overflow(a, b, d)

#endif
