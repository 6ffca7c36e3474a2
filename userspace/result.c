// SPDX-License-Identifier: GPL-2.0
/* Exit status, message and statistics of a stopped VM. */
#include <stdio.h>
#include <string.h>

#include "result.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static const char *const stop_names[] = { RTVMX_STOP_NAMES };

_Static_assert(ARRAY_SIZE(stop_names) == RTVMX_NR_STOP_REASONS,
	       "stop_names and RTVMX_NR_STOP_REASONS disagree");

/* Basic exit reasons (SDM Vol. 3D, Appendix C). */
static const char *const exit_names[RTVMX_NR_EXIT_REASONS] = {
	[0] = "exception_nmi",		[1] = "external_interrupt",
	[2] = "triple_fault",		[3] = "init",
	[4] = "sipi",			[7] = "interrupt_window",
	[8] = "nmi_window",		[9] = "task_switch",
	[10] = "cpuid",			[11] = "getsec",
	[12] = "hlt",			[13] = "invd",
	[14] = "invlpg",		[15] = "rdpmc",
	[16] = "rdtsc",			[18] = "vmcall",
	[19] = "vmclear",		[20] = "vmlaunch",
	[21] = "vmptrld",		[22] = "vmptrst",
	[23] = "vmread",		[24] = "vmresume",
	[25] = "vmwrite",		[26] = "vmxoff",
	[27] = "vmxon",			[28] = "cr_access",
	[29] = "dr_access",		[30] = "io_instruction",
	[31] = "rdmsr",			[32] = "wrmsr",
	[33] = "invalid_state",		[34] = "msr_load_fail",
	[36] = "mwait",			[37] = "monitor_trap",
	[39] = "monitor",		[40] = "pause",
	[41] = "machine_check",		[43] = "tpr_below_threshold",
	[44] = "apic_access",		[45] = "virtualized_eoi",
	[46] = "gdtr_idtr",		[47] = "ldtr_tr",
	[48] = "ept_violation",		[49] = "ept_misconfig",
	[50] = "invept",		[51] = "rdtscp",
	[52] = "preemption_timer",	[53] = "invvpid",
	[54] = "wbinvd",		[55] = "xsetbv",
	[56] = "apic_write",		[57] = "rdrand",
	[58] = "invpcid",		[59] = "vmfunc",
	[60] = "encls",			[61] = "rdseed",
	[62] = "pml_full",		[63] = "xsaves",
	[64] = "xrstors",
};

const char *stop_reason_name(__u32 reason)
{
	return reason < ARRAY_SIZE(stop_names) ? stop_names[reason] : NULL;
}

const char *exit_reason_name(unsigned int reason)
{
	return reason < ARRAY_SIZE(exit_names) ? exit_names[reason] : NULL;
}

static const char *exit_name_or(unsigned long long reason)
{
	const char *name = reason < ARRAY_SIZE(exit_names) ? exit_names[reason] : NULL;

	return name ? name : "unnamed";
}

/* The guest ended itself: its exit code is the status. */
static int guest_exit(const struct rtvmx_vm_info *info, int verbose, char *msg, size_t size)
{
	unsigned long long code = info->exit_code;

	if (!verbose)
		snprintf(msg, size, "%s", "");
	else if (info->stop_reason == RTVMX_STOP_SHUTDOWN)
		snprintf(msg, size, "guest shut down (shutdown) with exit code %llu", code);
	else
		snprintf(msg, size, "guest wrote %#llx to the exit port (exit_port): exit code %llu",
			 (unsigned long long)info->stop_detail, code);
	return code & 0xff;
}

/* An exit rtvmx does not handle; for an MMIO instruction, its first bytes too (uapi). */
static int unsupported(const struct rtvmx_vm_info *info, char *msg, size_t size)
{
	unsigned long long reason = RTVMX_UNSUPPORTED_REASON(info->stop_detail);
	unsigned long long bytes = RTVMX_UNSUPPORTED_BYTES(info->stop_detail);
	char hex[3 * RTVMX_UNSUPPORTED_NR_BYTES] = "";
	int i, n = 0;

	if (!bytes) {
		snprintf(msg, size, "guest stopped (unsupported): exit reason %llu (%s) is not emulated",
			 reason, exit_name_or(reason));
		return RUN_STATUS_UNSUPPORTED;
	}
	for (i = 0; i < RTVMX_UNSUPPORTED_NR_BYTES; i++)
		n += snprintf(hex + n, sizeof(hex) - n, "%s%02llx", i ? " " : "",
			      (bytes >> (8 * i)) & 0xff);
	snprintf(msg, size, "guest stopped (unsupported): exit reason %llu (%s): an instruction rtvmx does not emulate, bytes at rip: %s",
		 reason, exit_name_or(reason), hex);
	return RUN_STATUS_UNSUPPORTED;
}

static int host_failure(const struct rtvmx_vm_info *info, char *msg, size_t size)
{
	int err = -(int)info->stop_detail;

	snprintf(msg, size, "guest stopped (host): the host could not run it: %s (errno %d)",
		 err > 0 ? strerror(err) : "unknown error", err);
	return RUN_STATUS_HOST;
}

int run_status(const struct rtvmx_vm_info *info, int verbose, char *msg, size_t size)
{
	unsigned long long d = info->stop_detail;

	switch (info->stop_reason) {
	case RTVMX_STOP_SHUTDOWN:
	case RTVMX_STOP_EXIT_PORT:
		return guest_exit(info, verbose, msg, size);
	case RTVMX_STOP_USER:
		snprintf(msg, size, "guest stopped (user): stopped on request");
		return RUN_STATUS_USER;
	case RTVMX_STOP_TRIPLE_FAULT:
		snprintf(msg, size, "guest stopped (triple_fault): triple fault at rip %#llx", d);
		return RUN_STATUS_TRIPLE_FAULT;
	case RTVMX_STOP_INVALID_STATE:
		snprintf(msg, size, "guest stopped (invalid_state): VM entry failed on invalid guest state, exit qualification %#llx",
			 d);
		return RUN_STATUS_INVALID_STATE;
	case RTVMX_STOP_EPT_VIOLATION:
		snprintf(msg, size, "guest stopped (ept_violation): access outside RAM at guest-physical %#llx",
			 d);
		return RUN_STATUS_EPT_VIOLATION;
	case RTVMX_STOP_UNKNOWN_EXIT:
		snprintf(msg, size, "guest stopped (unknown_exit): unexpected exit reason %llu (%s)",
			 d, exit_name_or(d));
		return RUN_STATUS_UNKNOWN_EXIT;
	case RTVMX_STOP_VMFAIL:
		snprintf(msg, size, "guest stopped (vmfail): VMLAUNCH/VMRESUME failed, VM-instruction error %llu",
			 d);
		return RUN_STATUS_VMFAIL;
	case RTVMX_STOP_UNSUPPORTED:
		return unsupported(info, msg, size);
	case RTVMX_STOP_HOST:
		return host_failure(info, msg, size);
	default:
		snprintf(msg, size, "guest stopped (reason %u): a stop reason this rtvmx does not know, detail %#llx",
			 info->stop_reason, d);
		return RUN_STATUS_UNKNOWN_REASON;
	}
}
