/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What "rtvmx run" makes of a stopped VM (pure, unit-tested): its exit status
 * and message, and the names of stop and exit reasons.
 *
 * Exit status of "rtvmx run":
 *   0-255  the guest's exit code & 0xff (RTVMX_STOP_SHUTDOWN, RTVMX_STOP_EXIT_PORT)
 *   1      the CLI or the VM setup failed       2   bad usage
 *   113    triple fault                         114 invalid guest state
 *   115    EPT violation (access outside RAM)   116 unknown exit reason
 *   117    VMLAUNCH/VMRESUME failed             118 an exit rtvmx does not emulate
 *   119    the host could not run the guest     120 a stop reason this CLI does not know
 *   130    stopped by the user (RTVMX_STOP, Ctrl-C, SIGTERM)
 * A guest exit code can take those values too; the message on stderr tells.
 */
#ifndef RTVMX_CLI_RESULT_H
#define RTVMX_CLI_RESULT_H

#include <stddef.h>
#include <linux/rtvmx.h>

#define RUN_STATUS_TRIPLE_FAULT		113
#define RUN_STATUS_INVALID_STATE	114
#define RUN_STATUS_EPT_VIOLATION	115
#define RUN_STATUS_UNKNOWN_EXIT		116
#define RUN_STATUS_VMFAIL		117
#define RUN_STATUS_UNSUPPORTED		118
#define RUN_STATUS_HOST			119
#define RUN_STATUS_UNKNOWN_REASON	120
#define RUN_STATUS_USER			130

/* "shutdown", "triple_fault", ... as in debugfs; NULL for an unknown reason. */
const char *stop_reason_name(__u32 reason);

/* "cpuid", "io_instruction", ...; NULL for a reason without a name here. */
const char *exit_reason_name(unsigned int reason);

/*
 * The exit status for @info, a stopped VM. Writes the one-line message
 * (no "rtvmx: " prefix, no newline) to @msg: empty for a guest exit code,
 * unless @verbose.
 */
int run_status(const struct rtvmx_vm_info *info, int verbose, char *msg, size_t size);

#endif
