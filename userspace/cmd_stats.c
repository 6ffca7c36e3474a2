// SPDX-License-Identifier: GPL-2.0
/* rtvmx stats VM: exits per reason, with their rates over a sampling interval. */
#include <stdlib.h>
#include <time.h>

#include "cli.h"
#include "nl.h"
#include "vmcmd.h"

void cmd_stats_usage(FILE *f)
{
	fprintf(f, "usage: rtvmx stats [--json] [--interval SECONDS] VM\n\n"
		"Show a VM's exits (VM: its id, or its name): the count per exit reason\n"
		"and, for a running VM, the rate per second, from two samples taken\n"
		"SECONDS apart. A VM that is not running is sampled once, without rates.\n\n"
		"  -i, --interval S   seconds between the samples (default 1)\n"
		"  -j, --json         print one JSON object\n"
		"  -h, --help         show this help\n");
}

static __u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (__u64)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static void sleep_s(double s)
{
	struct timespec ts = { (time_t)s, (long)((s - (time_t)s) * 1e9) };

	while (nanosleep(&ts, &ts))
		;
}

int cmd_stats(int argc, char **argv)
{
	struct vm_status before, now;
	char buf[VMCMD_BUF];
	__u64 t0, interval = 0;
	struct vmcmd c;
	struct rnl *r;
	int ret;

	ret = vmcmd_parse(argc, argv, VMCMD_JSON | VMCMD_VM | VMCMD_INTERVAL, &c, cmd_stats_usage);
	if (ret)
		return ret < 0 ? EXIT_SUCCESS : ret;
	r = rnl_open();
	if (!r)
		return EXIT_FAILURE;
	t0 = now_ns();
	ret = rnl_vm_get(r, &c.ref, &before);
	now = before;
	if (!ret && before.info.state == RTVMX_VM_RUNNING) {
		sleep_s(c.interval);
		ret = rnl_vm_get(r, &c.ref, &now);
		interval = now_ns() - t0;
	}
	rnl_close(r);
	if (ret)
		return EXIT_FAILURE;
	if (c.json) {
		vm_stats_json(buf, sizeof(buf), &before, &now, interval);
		puts(buf);
	} else {
		vm_stats_text(buf, sizeof(buf), &before, &now, interval);
		fputs(buf, stdout);
	}
	return vmcmd_flush();
}
