// SPDX-License-Identifier: GPL-2.0
/* rtvmx caps: what the module and this host offer. */
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>
#include <getopt.h>

#include "cli.h"
#include "format.h"

void cmd_caps_usage(FILE *f)
{
	fprintf(f, "usage: rtvmx caps [--json]\n\n"
		"Show the API version, the reserved CPUs, the CPUs in VMX root operation,\n"
		"the VMCS revision, the preemption-timer shift, the VMX capabilities\n"
		"present and missing, the APIC virtualization new VMs get, and the\n"
		"speculative-execution mitigations in use and those the host needs.\n\n"
		"  -j, --json   print one JSON object instead of 'key: value' lines\n"
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

static int show_caps(bool json)
{
	struct rtvmx_caps caps;
	int fd, api, ret = EXIT_FAILURE;

	fd = rtvmx_open();
	if (fd < 0)
		return EXIT_FAILURE;
	api = rtvmx_api_version(fd);
	if (api >= 0 && !rtvmx_check_cap(fd, &caps))
		ret = print_caps(json ? caps_format_json : caps_format_text, api, &caps);
	close(fd);
	return ret;
}

int cmd_caps(int argc, char **argv)
{
	static const struct option options[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool json = false;
	int opt;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+jh", options, NULL)) != -1) {
		switch (opt) {
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
	return show_caps(json);
}
