// SPDX-License-Identifier: GPL-2.0
/* Argument parsing and output shared by the netlink subcommands. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <getopt.h>

#include "cli.h"
#include "vmcmd.h"

static int bad(char **argv, void (*usage)(FILE *f), const char *fmt, const char *arg)
{
	char msg[160];

	snprintf(msg, sizeof(msg), fmt, arg);
	cli_err("%s: %s", argv[0], msg);
	usage(stderr);
	return EXIT_USAGE;
}

static int parse_interval(const char *s, double *v)
{
	char *end;

	errno = 0;
	*v = strtod(s, &end);
	return errno || end == s || *end || !(*v > 0 && *v <= 3600) ? -1 : 0;
}

static int parse_count(const char *s, unsigned long *v)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	*v = strtoul(s, &end, 10);
	return errno || *end || !*v ? -1 : 0;
}

/* An option this command does not take, named as it was written. */
static int not_taken(char **argv, const struct option *options, int idx, int opt,
		     void (*usage)(FILE *f))
{
	if (idx >= 0)
		cli_err("%s: invalid option '--%s'", argv[0], options[idx].name);
	else
		cli_err("%s: invalid option '-%c'", argv[0], opt);
	usage(stderr);
	return EXIT_USAGE;
}

int vmcmd_parse(int argc, char **argv, unsigned int takes, struct vmcmd *c,
		void (*usage)(FILE *f))
{
	static const struct option options[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "interval", required_argument, NULL, 'i' },
		{ "count", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt, idx;

	memset(c, 0, sizeof(c[0]));
	c->interval = 1.0;
	opterr = 0;
	optind = 1;
	for (idx = -1; (opt = getopt_long(argc, argv, "+ji:n:h", options, &idx)) != -1; idx = -1) {
		switch (opt) {
		case 'h':
			usage(stdout);
			return -1;
		case 'j':
			if (!(takes & VMCMD_JSON))
				return not_taken(argv, options, idx, opt, usage);
			c->json = true;
			break;
		case 'i':
			if (!(takes & VMCMD_INTERVAL))
				return not_taken(argv, options, idx, opt, usage);
			if (parse_interval(optarg, &c->interval))
				return bad(argv, usage, "--interval '%s': want seconds, more than 0 and at most 3600", optarg);
			break;
		case 'n':
			if (!(takes & VMCMD_COUNT))
				return not_taken(argv, options, idx, opt, usage);
			if (parse_count(optarg, &c->count))
				return bad(argv, usage, "--count '%s': want a number of events above 0", optarg);
			break;
		default:
			if (optopt && strchr("in", optopt) && optind == argc &&
			    (takes & (optopt == 'i' ? VMCMD_INTERVAL : VMCMD_COUNT)))
				return bad(argv, usage, "option '%s' needs a value", argv[optind - 1]);
			return cli_bad_option(argv, usage);
		}
	}
	if (takes & VMCMD_VM) {
		if (optind == argc)
			return bad(argv, usage, "%sno VM given (an id or a name)", "");
		if (vm_ref_parse(argv[optind], &c->ref))
			return bad(argv, usage, "'%s' is neither a VM id nor a VM name ([A-Za-z0-9._-], up to 31 chars)", argv[optind]);
		optind++;
	}
	if (optind < argc)
		return bad(argv, usage, "unexpected argument '%s'", argv[optind]);
	return 0;
}

int vmcmd_flush(void)
{
	if (fflush(stdout) || ferror(stdout)) {
		cli_err("cannot write the output");
		return EXIT_FAILURE;
	}
	return EXIT_SUCCESS;
}
