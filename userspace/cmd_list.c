// SPDX-License-Identifier: GPL-2.0
/* rtvmx list: every VM, from the kernel's netlink dump. */
#include <stdlib.h>

#include "cli.h"
#include "nl.h"
#include "vmcmd.h"

void cmd_list_usage(FILE *f)
{
	fprintf(f, "usage: rtvmx list [--json]\n\n"
		"List every VM: id, name, state, CPU, memory, flags and why it stopped.\n\n"
		"  -j, --json   print one JSON array of objects (as 'rtvmx info --json')\n"
		"  -h, --help   show this help\n");
}

struct list_state {
	bool json;
	unsigned int n;
};

static int list_one(const struct vm_status *st, void *arg)
{
	struct list_state *ls = arg;
	char buf[VMCMD_BUF];

	if (ls->json) {
		vm_info_json(buf, sizeof(buf), st);
		printf("%s%s", ls->n ? ", " : "", buf);
	} else {
		vm_list_line(buf, sizeof(buf), st);
		fputs(buf, stdout);
	}
	ls->n++;
	return 0;
}

int cmd_list(int argc, char **argv)
{
	struct list_state ls = { 0 };
	char header[128];
	struct vmcmd c;
	struct rnl *r;
	int ret;

	ret = vmcmd_parse(argc, argv, VMCMD_JSON, &c, cmd_list_usage);
	if (ret)
		return ret < 0 ? EXIT_SUCCESS : ret;
	r = rnl_open();
	if (!r)
		return EXIT_FAILURE;
	ls.json = c.json;
	if (c.json) {
		fputs("[", stdout);
	} else {
		vm_list_header(header, sizeof(header));
		fputs(header, stdout);
	}
	ret = rnl_vm_list(r, list_one, &ls);
	rnl_close(r);
	if (c.json)
		fputs("]\n", stdout);
	return ret ? EXIT_FAILURE : vmcmd_flush();
}
