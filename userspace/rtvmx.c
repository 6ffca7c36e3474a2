// SPDX-License-Identifier: GPL-2.0
/*
 * rtvmx: command-line front end of the rtvmx module.
 * main() looks the subcommand up in commands[]; a new subcommand is one
 * cmd_NAME.c file plus one line in that table.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <getopt.h>

#include "cli.h"

static int cmd_help(int argc, char **argv);
static void cmd_help_usage(FILE *f);

static const struct command commands[] = {
	{ "caps", "show reserved CPUs, VMX state and capabilities", cmd_caps, cmd_caps_usage },
	{ "run", "run a guest image on a reserved CPU, its console on stdio", cmd_run, cmd_run_usage },
	{ "list", "list the VMs", cmd_list, cmd_list_usage },
	{ "info", "show one VM", cmd_info, cmd_info_usage },
	{ "stats", "show a VM's exits per reason and their rates", cmd_stats, cmd_stats_usage },
	{ "stop", "stop a running VM", cmd_stop, cmd_stop_usage },
	{ "destroy", "stop a VM if it runs and free it", cmd_destroy, cmd_destroy_usage },
	{ "console", "attach to a persistent VM's console", cmd_console, cmd_console_usage },
	{ "monitor", "print VM and CPU events as they happen", cmd_monitor, cmd_monitor_usage },
	{ "cpus", "list the reserved CPUs and the VM on each", cmd_cpus, cmd_cpus_usage },
	{ "help", "show help for rtvmx or one of its commands", cmd_help, cmd_help_usage },
};

#define NR_COMMANDS	(sizeof(commands) / sizeof(commands[0]))

void cli_err(const char *fmt, ...)
{
	va_list ap;

	fputs("rtvmx: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_bad_option(char **argv, void (*usage)(FILE *f))
{
	const char *arg = argv[optind - 1];

	if (optopt && strncmp(arg, "--", 2))
		cli_err("%s: invalid option '-%c'", argv[0], optopt);
	else
		cli_err("%s: invalid option '%s'", argv[0], arg);
	usage(stderr);
	return EXIT_USAGE;
}

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: rtvmx [--help] COMMAND [ARGS]\n\ncommands:\n");
	for (i = 0; i < NR_COMMANDS; i++)
		fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\n'rtvmx help COMMAND' or 'rtvmx COMMAND --help' shows a command's options.\n"
		"Environment: RTVMX_DEV overrides the device path (default /dev/%s).\n",
		RTVMX_DEVICE_NAME);
}

static bool is_help_flag(const char *arg)
{
	return !strcmp(arg, "-h") || !strcmp(arg, "--help");
}

static const struct command *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < NR_COMMANDS; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

static void cmd_help_usage(FILE *f)
{
	fprintf(f, "usage: rtvmx help [COMMAND]\n");
}

static int cmd_help(int argc, char **argv)
{
	const struct command *cmd;

	if (argc == 1) {
		usage(stdout);
		return EXIT_SUCCESS;
	}
	if (argc > 2 || is_help_flag(argv[1])) {
		cmd_help_usage(argc > 2 ? stderr : stdout);
		return argc > 2 ? EXIT_USAGE : EXIT_SUCCESS;
	}
	cmd = find_command(argv[1]);
	if (!cmd) {
		cli_err("unknown command '%s'", argv[1]);
		usage(stderr);
		return EXIT_USAGE;
	}
	cmd->usage(stdout);
	return EXIT_SUCCESS;
}

int main(int argc, char **argv)
{
	const struct command *cmd;

	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (is_help_flag(argv[1])) {
		usage(stdout);
		return EXIT_SUCCESS;
	}
	cmd = find_command(argv[1]);
	if (!cmd) {
		cli_err("unknown %s '%s'", argv[1][0] == '-' ? "option" : "command", argv[1]);
		usage(stderr);
		return EXIT_USAGE;
	}
	return cmd->run(argc - 1, argv + 1);
}
