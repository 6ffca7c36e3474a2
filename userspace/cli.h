/* SPDX-License-Identifier: GPL-2.0 */
/* The rtvmx CLI: subcommand table entries and the helpers they share. */
#ifndef RTVMX_CLI_H
#define RTVMX_CLI_H

#include <stdio.h>
#include <linux/rtvmx.h>

/* Exit codes: 0 success, 1 (EXIT_FAILURE) the operation failed, 2 bad usage. */
#define EXIT_USAGE	2

struct command {
	const char *name;
	const char *summary;
	/* argv[0] is the command's name; returns an exit code. */
	int (*run)(int argc, char **argv);
	void (*usage)(FILE *f);
};

/* Subcommands, one file each (cmd_NAME.c). */
int cmd_caps(int argc, char **argv);
void cmd_caps_usage(FILE *f);
int cmd_run(int argc, char **argv);
void cmd_run_usage(FILE *f);
int cmd_list(int argc, char **argv);
void cmd_list_usage(FILE *f);
int cmd_info(int argc, char **argv);
void cmd_info_usage(FILE *f);
int cmd_stats(int argc, char **argv);
void cmd_stats_usage(FILE *f);
int cmd_stop(int argc, char **argv);
void cmd_stop_usage(FILE *f);
int cmd_destroy(int argc, char **argv);
void cmd_destroy_usage(FILE *f);
int cmd_console(int argc, char **argv);
void cmd_console_usage(FILE *f);
int cmd_monitor(int argc, char **argv);
void cmd_monitor_usage(FILE *f);
int cmd_cpus(int argc, char **argv);
void cmd_cpus_usage(FILE *f);

/* rtvmx.c: "rtvmx: MESSAGE" on stderr. */
void cli_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* rtvmx.c: report the option getopt_long() just refused, print @usage; returns EXIT_USAGE. */
int cli_bad_option(char **argv, void (*usage)(FILE *f));

/* dev.c: the device, with one line naming the cause on failure. */
int rtvmx_open(void);
int rtvmx_api_version(int fd);
int rtvmx_check_cap(int fd, struct rtvmx_caps *caps);
/* The CPU model a new VM gets (RTVMX_GET_CPUID_MODEL), malloc'd; NULL after an error message. */
struct rtvmx_cpuid_model *rtvmx_get_cpuid_model(int fd);
/* dev.c: VMs; -1 after printing the cause (with a hint where one helps). */
int rtvmx_create_vm(int fd, const char *name, __u64 mem_size, __u32 flags);	/* the VM fd */
int rtvmx_set_boot_state(int vm, __u32 mode, __u64 entry, __u64 stack, __u64 arg);
/* @sched: the policy and its parameters; its cpu field is ignored. */
int rtvmx_create_vcpu(int vm, unsigned int cpu, const struct rtvmx_vcpu_config *sched);
int rtvmx_start(int vm);
int rtvmx_get_info(int vm, struct rtvmx_vm_info *info);
/* dev.c: a fd for the persistent VM @id (RTVMX_ATTACH_VM). */
int rtvmx_attach_vm(int fd, __u32 id);

#endif
