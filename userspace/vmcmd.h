/* SPDX-License-Identifier: GPL-2.0 */
/* Command-line handling shared by the netlink subcommands (list, info, stats, ...). */
#ifndef RTVMX_CLI_VMCMD_H
#define RTVMX_CLI_VMCMD_H

#include <stdbool.h>
#include <stdio.h>
#include "vmstatus.h"

/* Which options a command takes besides -h/--help. */
#define VMCMD_JSON	(1U << 0)	/* -j, --json */
#define VMCMD_VM	(1U << 1)	/* one VM argument (id or name) */
#define VMCMD_INTERVAL	(1U << 2)	/* -i, --interval SECONDS */
#define VMCMD_COUNT	(1U << 3)	/* -n, --count N */

struct vmcmd {
	bool json;
	struct vm_ref ref;
	double interval;	/* seconds; default 1 */
	unsigned long count;	/* 0: no limit */
};

/*
 * Parses argv (argv[0] is the command) for the options in @takes.
 * Returns 0, -1 when help was printed (exit 0), or EXIT_USAGE after
 * printing the cause and @usage.
 */
int vmcmd_parse(int argc, char **argv, unsigned int takes, struct vmcmd *c,
		void (*usage)(FILE *f));

/* Room for any one rendering of vmstatus.h (80 exit reasons at most). */
#define VMCMD_BUF	16384

/* Flushes stdout; EXIT_SUCCESS, or EXIT_FAILURE after saying it could not write. */
int vmcmd_flush(void);

#endif
