/* SPDX-License-Identifier: GPL-2.0 */
/*
 * emul/ host interface, userspace side (unit tests, differential test, fuzzer).
 *
 * emul/ reaches the outside only through "emul_host.h". Two files carry that
 * name, this one and host/kernel/emul_host.h; the include path picks one
 * (-Iemul/host/user for host programs, -Iemul/host/kernel in Kbuild). Both
 * give the same things and nothing more:
 *   u8 u16 u32 u64 s8 s16 s32 s64 bool true false NULL   kernel-named types
 *   E2BIG EAGAIN EBUSY EFAULT EILSEQ EINVAL EIO ENODATA ENOSPC EOPNOTSUPP   errno values
 *   memcpy() memset() ARRAY_SIZE() fallthrough
 *   emul_log(fmt, ...)   one diagnostic line (no trailing newline needed)
 */
#ifndef EMUL_HOST_H
#define EMUL_HOST_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/* The kernel's types, with the kernel's underlying types (so %llx fits u64). */
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef signed char s8;
typedef short s16;
typedef int s32;
typedef long long s64;

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif

#define fallthrough	__attribute__((__fallthrough__))

/* Defined by the host program; quiet unless it chooses otherwise. */
void emul_host_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#define emul_log(fmt, ...)	emul_host_log(fmt, ##__VA_ARGS__)

#endif
