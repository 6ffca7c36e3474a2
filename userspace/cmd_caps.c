// SPDX-License-Identifier: GPL-2.0
/* rtvmx caps: what the module and this host offer. */
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>
#include <getopt.h>

#include "cli.h"
#include "cpuid_format.h"
#include "format.h"

void cmd_caps_usage(FILE *f)
{
	fprintf(f, "usage: rtvmx caps [--cpuid] [--json]\n\n"
		"Show the API version, the reserved CPUs, the CPUs in VMX root operation,\n"
		"the VMCS revision, the preemption-timer shift, the VMX capabilities\n"
		"present and missing, the APIC virtualization new VMs get, and the\n"
		"speculative-execution mitigations in use and those the host needs;\n"
		"with --cpuid, the CPUID a new VM gets instead.\n\n"
		"  -c, --cpuid  the guest CPU model: one line per leaf and subleaf, the\n"
		"               feature bits of leaves 1, 7 and 0x80000001 by name\n"
		"  -j, --json   print one JSON object instead of text lines\n"
		"  -h, --help   show this help\n");
}

static int print_caps(int (*format)(char *, size_t, int, const struct rtvmx_caps *),
		      int api_version, const struct rtvmx_caps *caps)
{
	int len = format(NULL, 0, api_version, caps);
	char *buf = malloc(len + 1);

	if (!buf) {
		cli_err("out of memory");
		return EXIT_FAILURE;
	}
	format(buf, len + 1, api_version, caps);
	fputs(buf, stdout);
	free(buf);
	if (fflush(stdout) || ferror(stdout)) {
		cli_err("cannot write the output");
		return EXIT_FAILURE;
	}
	return EXIT_SUCCESS;
}

static int show_cpuid(int fd, bool json)
{
	struct rtvmx_cpuid_model *m = rtvmx_get_cpuid_model(fd);
	int len, ret = EXIT_FAILURE;
	char *buf;

	if (!m)
		return EXIT_FAILURE;
	len = cpuid_format(NULL, 0, m->entries, m->nr, json);
	buf = malloc(len + 1);
	if (buf) {
		cpuid_format(buf, len + 1, m->entries, m->nr, json);
		fputs(buf, stdout);
		ret = fflush(stdout) || ferror(stdout) ? EXIT_FAILURE : EXIT_SUCCESS;
		if (ret)
			cli_err("cannot write the output");
	} else {
		cli_err("out of memory");
	}
	free(buf);
	free(m);
	return ret;
}

static int show_caps(bool json, bool cpuid)
{
	struct rtvmx_caps caps;
	int fd, api, ret = EXIT_FAILURE;

	fd = rtvmx_open();
	if (fd < 0)
		return EXIT_FAILURE;
	api = rtvmx_api_version(fd);
	if (api >= 0 && !rtvmx_check_cap(fd, &caps)) {
		if (!cpuid)
			ret = print_caps(json ? caps_format_json : caps_format_text, api, &caps);
		else if (!(caps.caps & RTVMX_CAP_CPUID_MODEL))
			cli_err("caps --cpuid: this rtvmx.ko does not report its CPU model (no cpuid_model capability)");
		else
			ret = show_cpuid(fd, json);
	}
	close(fd);
	return ret;
}

int cmd_caps(int argc, char **argv)
{
	static const struct option options[] = {
		{ "cpuid", no_argument, NULL, 'c' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool json = false, cpuid = false;
	int opt;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+cjh", options, NULL)) != -1) {
		switch (opt) {
		case 'c':
			cpuid = true;
			break;
		case 'j':
			json = true;
			break;
		case 'h':
			cmd_caps_usage(stdout);
			return EXIT_SUCCESS;
		default:
			return cli_bad_option(argv, cmd_caps_usage);
		}
	}
	if (optind < argc) {
		cli_err("caps: unexpected argument '%s'", argv[optind]);
		cmd_caps_usage(stderr);
		return EXIT_USAGE;
	}
	return show_caps(json, cpuid);
}
