/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Pure formatting for the rtvmx CLI (no I/O, unit-tested on the host).
 * Each function writes at most @size bytes into @buf, always NUL-terminated
 * when @size > 0, and returns the length of the whole output the way
 * snprintf() does, so (NULL, 0) asks for the length.
 */
#ifndef RTVMX_CLI_FORMAT_H
#define RTVMX_CLI_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/rtvmx.h>

/* CPUs set in a bitmap of @nbits bits as a kernel-style list: "1-3,5"; "" when empty. */
int cpulist_format(char *buf, size_t size, const __u64 *mask, unsigned int nbits);

struct out;
/* The APIC virtualization bits: "apicv: name ..." (or "none") and a newline; JSON: "apicv": [...]. */
void out_apicv(struct out *o, __u32 apicv, bool json);

/* "key: value" lines for RTVMX_CHECK_CAP's answer. */
int caps_format_text(char *buf, size_t size, int api_version, const struct rtvmx_caps *caps);

/* The same as one JSON object on one line. */
int caps_format_json(char *buf, size_t size, int api_version, const struct rtvmx_caps *caps);

/*
 * RTVMX_GET_INFO's answer as "key: value" lines: vm, name, cpu, stop_reason,
 * stop_detail, exit_code, exits (the total), one "exits.NAME: N" line per
 * exit reason seen (NAME from exit_reason_name(), else "reasonN"), guest_ns,
 * host_ns, the scheduler's counters and apicv (out_apicv()).
 */
int vm_stats_format(char *buf, size_t size, const struct rtvmx_vm_info *info);

#endif
