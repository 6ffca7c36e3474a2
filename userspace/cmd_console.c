// SPDX-License-Identifier: GPL-2.0
/* rtvmx console VM: the console of a persistent VM on stdin and stdout. */
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"
#include "console.h"
#include "nl.h"
#include "vmcmd.h"

void cmd_console_usage(FILE *f)
{
	fprintf(f, "usage: rtvmx console VM\n\n"
		"Attach to the console (16550 UART) of a persistent VM (VM: its id, or its\n"
		"name; see 'rtvmx run --detach'): its output goes to stdout, stdin goes to\n"
		"it. The session ends when the VM stops, or on Ctrl-C (SIGINT), SIGTERM or\n"
		"SIGHUP, which leave the VM running. Output written while no console was\n"
		"attached is kept up to 4 KiB.\n\n"
		"  -h, --help   show this help\n");
}

int cmd_console(int argc, char **argv)
{
	struct vm_status st;
	int dev, vm, ret;
	struct vmcmd c;
	struct rnl *r;
	__u32 id;

	ret = vmcmd_parse(argc, argv, VMCMD_VM, &c, cmd_console_usage);
	if (ret)
		return ret < 0 ? EXIT_SUCCESS : ret;
	id = c.ref.id;
	if (!c.ref.by_id) {
		r = rnl_open();
		if (!r)
			return EXIT_FAILURE;
		ret = rnl_vm_get(r, &c.ref, &st);
		rnl_close(r);
		if (ret)
			return EXIT_FAILURE;
		id = st.info.id;
	}
	dev = rtvmx_open();
	if (dev < 0)
		return EXIT_FAILURE;
	vm = rtvmx_attach_vm(dev, id);
	close(dev);
	if (vm < 0)
		return EXIT_FAILURE;
	ret = console_signals_setup() || console_attach(vm);
	close(vm);
	return ret ? EXIT_FAILURE : EXIT_SUCCESS;
}
