// SPDX-License-Identifier: GPL-2.0
/* rtvmx stop VM: stop a running VM over netlink; it stays listed until destroyed. */
#include <stdlib.h>

#include "cli.h"
#include "nl.h"
#include "vmcmd.h"

void cmd_stop_usage(FILE *f)
{
	fprintf(f, "usage: rtvmx stop VM\n\n"
		"Stop a running VM (VM: its id, or its name) and wait until it has stopped.\n"
		"Its state, statistics and console output stay until it is destroyed.\n"
		"Needs CAP_NET_ADMIN.\n\n"
		"  -h, --help   show this help\n");
}

int cmd_stop(int argc, char **argv)
{
	struct vmcmd c;
	struct rnl *r;
	int ret;

	ret = vmcmd_parse(argc, argv, VMCMD_VM, &c, cmd_stop_usage);
	if (ret)
		return ret < 0 ? EXIT_SUCCESS : ret;
	r = rnl_open();
	if (!r)
		return EXIT_FAILURE;
	ret = rnl_vm_stop(r, &c.ref);
	rnl_close(r);
	return ret ? EXIT_FAILURE : EXIT_SUCCESS;
}
