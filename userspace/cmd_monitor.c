// SPDX-License-Identifier: GPL-2.0
/* rtvmx monitor: the kernel's VM and CPU events, one line each, as they come. */
#include <stdlib.h>

#include "cli.h"
#include "nl.h"
#include "vmcmd.h"

void cmd_monitor_usage(FILE *f)
{
	fprintf(f, "usage: rtvmx monitor [--json] [--count N]\n\n"
		"Print rtvmx events as they happen, one per line: started, stopped (normal\n"
		"stop: shutdown, exit_port, user), crashed (any other stop reason),\n"
		"deadline_missed, cpu_reserved (a VM's vCPU took a CPU), cpu_released,\n"
		"as 'EVENT id=N name=NAME cpu=N ...'. Ctrl-C ends it.\n\n"
		"  -n, --count N   exit after N events\n"
		"  -j, --json      one JSON object per line\n"
		"  -h, --help      show this help\n");
}

int cmd_monitor(int argc, char **argv)
{
	unsigned long seen = 0;
	struct vm_event ev;
	char buf[512];
	struct vmcmd c;
	struct rnl *r;
	int ret;

	ret = vmcmd_parse(argc, argv, VMCMD_JSON | VMCMD_COUNT, &c, cmd_monitor_usage);
	if (ret)
		return ret < 0 ? EXIT_SUCCESS : ret;
	r = rnl_open();
	if (!r)
		return EXIT_FAILURE;
	ret = rnl_subscribe(r);
	if (!ret)
		fprintf(stderr, "rtvmx: monitor: listening for events\n");
	/* Line-buffered, so a pipe sees each event when it happens. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	while (!ret && (!c.count || seen < c.count)) {
		ret = rnl_next_event(r, &ev);
		if (ret)
			break;
		if (c.json) {
			event_json(buf, sizeof(buf), &ev);
			puts(buf);
		} else {
			event_text(buf, sizeof(buf), &ev);
			fputs(buf, stdout);
		}
		seen++;
	}
	rnl_close(r);
	return ret ? EXIT_FAILURE : vmcmd_flush();
}
