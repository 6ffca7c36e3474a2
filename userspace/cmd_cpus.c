// SPDX-License-Identifier: GPL-2.0
/* rtvmx cpus: the reserved CPUs, their VMX state and the VM on each. */
#include <stdlib.h>

#include "cli.h"
#include "nl.h"
#include "vmcmd.h"

void cmd_cpus_usage(FILE *f)
{
	fprintf(f, "usage: rtvmx cpus [--json]\n\n"
		"List the CPUs reserved by rtvmx: 'cpuN: STATE' (off, on, offline, failed)\n"
		"and the VM whose vCPU holds the CPU, if any.\n\n"
		"  -j, --json   print one JSON array of objects\n"
		"  -h, --help   show this help\n");
}

struct cpus_state {
	bool json;
	unsigned int n;
};

static int cpus_one(const struct cpu_status *cs, void *arg)
{
	struct cpus_state *s = arg;
	char buf[256];

	if (s->json) {
		cpu_json(buf, sizeof(buf), cs);
		printf("%s%s", s->n ? ", " : "", buf);
	} else {
		cpu_text(buf, sizeof(buf), cs);
		fputs(buf, stdout);
	}
	s->n++;
	return 0;
}

int cmd_cpus(int argc, char **argv)
{
	struct cpus_state s = { 0 };
	struct vmcmd c;
	struct rnl *r;
	int ret;

	ret = vmcmd_parse(argc, argv, VMCMD_JSON, &c, cmd_cpus_usage);
	if (ret)
		return ret < 0 ? EXIT_SUCCESS : ret;
	r = rnl_open();
	if (!r)
		return EXIT_FAILURE;
	s.json = c.json;
	if (c.json)
		fputs("[", stdout);
	ret = rnl_cpu_list(r, cpus_one, &s);
	rnl_close(r);
	if (c.json)
		fputs("]\n", stdout);
	return ret ? EXIT_FAILURE : vmcmd_flush();
}
