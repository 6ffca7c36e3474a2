/* SPDX-License-Identifier: GPL-2.0 */
/* Module and host helpers for the rtvmx selftests written in C. */
#ifndef RTVMX_SELFTEST_RTVMX_TEST_H
#define RTVMX_SELFTEST_RTVMX_TEST_H

#include <stdbool.h>
#include <linux/rtvmx.h>

#define RTVMX_NODE	"/dev/" RTVMX_DEVICE_NAME
#define RTVMX_DEBUGFS	"/sys/kernel/debug/rtvmx"

/*
 * Skips the test (exit KSFT_SKIP) unless it runs as root on a CPU with VMX
 * and the host has an isolated CPU; returns the first isolated CPU.
 */
int rtvmx_require(void);

bool rtvmx_loaded(void);
/* Loads $RTVMX_KO (default /rtvmx/rtvmx.ko) with @params; 0 or -errno. */
int rtvmx_load(const char *params);
/* Unloads rtvmx; 0 or -errno. */
int rtvmx_unload(void);

/* Mounts debugfs if needed, reads "KEY: 0xHEX" or "KEY: DEC" from rtvmx's cpus file. */
int rtvmx_debugfs_value(const char *key, unsigned long *val);

static inline bool rtvmx_cpu_in(const __u64 *mask, unsigned int cpu)
{
	return cpu < RTVMX_MAX_CPUS && ((mask[cpu / 64] >> (cpu % 64)) & 1);
}

#endif
