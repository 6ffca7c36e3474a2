// SPDX-License-Identifier: GPL-2.0
/* rtvmx info VM: one VM's state, CPU, memory, scheduling and stop reason. */
#include <stdlib.h>

#include "cli.h"
#include "nl.h"
#include "vmcmd.h"

void cmd_info_usage(FILE *f)
{
	fprintf(f, "usage: rtvmx info [--json] VM\n\n"
		"Show one VM (VM: its id, or its name): id, name, state, persistence,\n"
		"memory, CPU, scheduling policy, stop reason and detail, exit code, time\n"
		"in the guest and in the host's run loop, and the number of exits.\n\n"
		"  -j, --json   print one JSON object instead of 'key: value' lines\n"
		"  -h, --help   show this help\n");
}

int cmd_info(int argc, char **argv)
{
	char buf[VMCMD_BUF];
	struct vm_status st;
	struct vmcmd c;
	struct rnl *r;
	int ret;

	ret = vmcmd_parse(argc, argv, VMCMD_JSON | VMCMD_VM, &c, cmd_info_usage);
	if (ret)
		return ret < 0 ? EXIT_SUCCESS : ret;
	r = rnl_open();
	if (!r)
		return EXIT_FAILURE;
	ret = rnl_vm_get(r, &c.ref, &st);
	rnl_close(r);
	if (ret)
		return EXIT_FAILURE;
	if (c.json) {
		vm_info_json(buf, sizeof(buf), &st);
		puts(buf);
	} else {
		vm_info_text(buf, sizeof(buf), &st);
		fputs(buf, stdout);
	}
	return vmcmd_flush();
}
