/* SPDX-License-Identifier: GPL-2.0 */
/* Rendering RTVMX_GET_CPUID_MODEL's answer (pure, as format.h). */
#ifndef RTVMX_CLI_CPUID_FORMAT_H
#define RTVMX_CLI_CPUID_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/rtvmx.h>

/*
 * Text: a header line, one line per entry ("leaf sub eax ebx ecx edx
 * flags", sub "-" when the leaf is not indexed), then for leaves 1, 7.0 and
 * 80000001H one indented line per register naming its set feature bits.
 * JSON: {"cpuid": [{"leaf": N, "subleaf": N, "eax": "0x..", ..., "flags":
 * [..], "features": {"ecx": [..], ..}}, ...]}.
 */
int cpuid_format(char *buf, size_t size, const struct rtvmx_cpuid_entry *e, unsigned int n,
		 bool json);

#endif
