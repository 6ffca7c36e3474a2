// SPDX-License-Identifier: GPL-2.0
/* rtvmx destroy VM: stop a VM if it runs and free it (a persistent one included). */
#include <stdlib.h>

#include "cli.h"
#include "nl.h"
#include "vmcmd.h"

void cmd_destroy_usage(FILE *f)
{
	fprintf(f, "usage: rtvmx destroy VM\n\n"
		"Destroy a VM (VM: its id, or its name): stop it if it runs, remove it from\n"
		"the list and free it once no fd (a launcher or console) holds it any more.\n"
		"Needs CAP_NET_ADMIN.\n\n"
		"  -h, --help   show this help\n");
}

int cmd_destroy(int argc, char **argv)
{
	struct vmcmd c;
	struct rnl *r;
	int ret;

	ret = vmcmd_parse(argc, argv, VMCMD_VM, &c, cmd_destroy_usage);
	if (ret)
		return ret < 0 ? EXIT_SUCCESS : ret;
	r = rnl_open();
	if (!r)
		return EXIT_FAILURE;
	ret = rnl_vm_destroy(r, &c.ref);
	rnl_close(r);
	return ret ? EXIT_FAILURE : EXIT_SUCCESS;
}
