/* SPDX-License-Identifier: GPL-2.0 */
/* Strict parsing of command-line numbers and names (pure, unit-tested). */
#ifndef RTVMX_CLI_PARSE_H
#define RTVMX_CLI_PARSE_H

#include <stdbool.h>
#include <linux/types.h>

/*
 * A byte count: decimal or 0x-hex digits, then at most one suffix K, M or G
 * (either case, powers of 1024). No sign, space or other text is accepted.
 * Returns 0, -EINVAL for malformed text or -ERANGE when it overflows 64 bits.
 */
int parse_size(const char *s, __u64 *val);

/* An unsigned number or address with the same syntax as parse_size(). */
#define parse_u64 parse_size

/* A CPU number: decimal digits only, below RTVMX_MAX_CPUS; 0 or -EINVAL. */
int parse_cpu(const char *s, unsigned int *cpu);

/* A vCPU count: decimal digits only, 1 to RTVMX_MAX_VCPUS; 0 or -EINVAL. */
int parse_vcpus(const char *s, unsigned int *n);

/* A VM name the module accepts: shorter than RTVMX_NAME_LEN, of [A-Za-z0-9._-]. */
bool vm_name_valid(const char *name);

#endif
