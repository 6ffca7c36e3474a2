// SPDX-License-Identifier: GPL-2.0
/*
 * rtvmx run: load a guest image into a new VM, run it on a reserved CPU with
 * its console on stdin/stdout, and exit with the guest's exit code or a
 * status naming why it stopped (result.h has the table).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <getopt.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "cli.h"
#include "console.h"
#include "format.h"
#include "image.h"
#include "parse.h"
#include "result.h"
#include "sched.h"

#define DEFAULT_MEM	(16ULL << 20)
#define OPT_TEST_MMIO	256	/* long options without a short form */
#define OPT_SCHED	257
#define OPT_VCPUS	258

struct run_opts {
	const char *image;
	const char *name;
	struct image_opts img;	/* format, mem_size, load, entry */
	__u64 arg;
	__u32 vm_flags;		/* RTVMX_VM_* */
	struct rtvmx_vcpu_config vcpu;	/* the scheduling part; cpu is set at the end */
	unsigned int cpu;
	unsigned int nr_vcpus;	/* all on @cpu with @vcpu's scheduling */
	bool has_cpu;
	bool stats;
	bool verbose;
	bool detach;
};

/* An image file mapped read-only. */
struct image_file {
	void *data;
	size_t len;
};

void cmd_run_usage(FILE *f)
{
	fprintf(f, "usage: rtvmx run [OPTIONS] IMAGE\n\n"
		"Run IMAGE, an ELF64 x86-64 or ELF32 i386 executable (PT_LOAD segments at\n"
		"p_paddr, entry e_entry) or a flat binary, in a new VM on a reserved CPU: in\n"
		"64-bit flat mode, or 32-bit flat protected mode for ELF32, unless --boot.\n"
		"The guest's console (16550 UART at 0x3f8) goes to stdout and stdin goes to\n"
		"it; Ctrl-C (SIGINT), SIGTERM or SIGHUP stops the guest.\n\n"
		"  -c, --cpu N         reserved CPU (default: the first in VMX operation)\n"
		"  -m, --mem SIZE      guest RAM, K/M/G suffixes (default 16M)\n"
		"  -e, --entry ADDR    entry point (default: e_entry, or the flat load address)\n"
		"  -l, --load ADDR     load address of a flat image (default 0x%llx)\n"
		"  -f, --format FMT    auto (default: ELF if it has the ELF magic), elf or flat\n"
		"  -b, --boot MODE     64bit (long mode, RAM identity-mapped), 32bit (protected\n"
		"                      mode, paging off) or real (CS=DS=SS = the entry's\n"
		"                      64 KiB segment, entry below 1 MiB)\n"
		"  -a, --arg VALUE     guest RDI at entry (default 0)\n"
		"  -n, --name NAME     VM name, [A-Za-z0-9._-], up to %d chars (default vm<id>)\n"
		"      --test-mmio     attach the MMIO test device, a 4 KiB register file at\n"
		"                      guest-physical 0x%llx (RAM must end at or below it)\n"
		"      --sched POLICY  how the vCPU shares its CPU (times take ns, us, ms, s):\n"
		"                        dedicated (default): the CPU is the vCPU's alone\n"
		"                        edf:budget=T,period=T[,deadline=T]\n"
		"                        fp:prio=N,budget=T,period=T (larger prio runs first)\n"
		"                        table:offset=T,length=T,frame=T\n"
		"                      the module refuses a set that would not fit (see dmesg)\n"
		"      --vcpus N       N vCPUs, 1 to %d (default 1), all on --cpu with the same\n"
		"                      --sched; vCPU 0 boots the image, the others wait for\n"
		"                      INIT and STARTUP IPIs from it\n"
		"  -d, --detach        run it as a persistent VM: print its id and name, and\n"
		"                      return; see 'rtvmx list', 'console', 'stop', 'destroy'\n"
		"  -s, --stats         print exit statistics to stderr when the guest stops\n"
		"  -v, --verbose       say what is loaded, print the statistics, the exit code\n"
		"                      and, after an abnormal stop, the VMCS dump from debugfs\n"
		"  -h, --help          show this help\n\n"
		"Exit status: the guest's exit code & 0xff (shutdown hypercall, exit port 0x%x\n"
		"writes v: (v << 1) | 1); 130 stopped by a signal; 113 triple fault; 114 invalid\n"
		"guest state; 115 access outside RAM; 116 unknown exit; 117 VM entry failed;\n"
		"118 unemulated exit; 119 host failure; 120 unknown stop reason; 1 setup error;\n"
		"2 bad usage. Every status but a guest exit code comes with a line on stderr.\n",
		IMAGE_FLAT_LOAD, RTVMX_NAME_LEN - 1, RTVMX_TEST_MMIO_GPA, RTVMX_MAX_VCPUS,
		RTVMX_EXIT_PORT);
}

static int bad_value(const char *opt, const char *val, const char *want)
{
	cli_err("run: %s '%s': %s", opt, val, want);
	cmd_run_usage(stderr);
	return EXIT_USAGE;
}

static int parse_boot_mode(const char *s, __u32 *mode)
{
	if (!strcmp(s, "64bit"))
		*mode = RTVMX_BOOT_64BIT_FLAT;
	else if (!strcmp(s, "32bit"))
		*mode = RTVMX_BOOT_32BIT_FLAT;
	else if (!strcmp(s, "real"))
		*mode = RTVMX_BOOT_REAL_MODE;
	else
		return -1;
	return 0;
}

static int parse_format(const char *s, enum image_format *fmt)
{
	if (!strcmp(s, "auto"))
		*fmt = IMAGE_AUTO;
	else if (!strcmp(s, "elf"))
		*fmt = IMAGE_ELF;
	else if (!strcmp(s, "flat"))
		*fmt = IMAGE_FLAT;
	else
		return -1;
	return 0;
}

/* One option with its value; 0 or an exit code. */
static int run_option(struct run_opts *o, int opt, const char *val)
{
	switch (opt) {
	case 'c':
		o->has_cpu = true;
		return parse_cpu(val, &o->cpu) ?
			bad_value("--cpu", val, "want a CPU number") : 0;
	case 'm':
		return parse_size(val, &o->img.mem_size) ?
			bad_value("--mem", val, "want a size such as 16M, 65536K or 0x1000000") : 0;
	case 'e':
		o->img.has_entry = true;
		return parse_u64(val, &o->img.entry) ?
			bad_value("--entry", val, "want an address such as 0x100000") : 0;
	case 'l':
		o->img.has_load = true;
		return parse_u64(val, &o->img.load) ?
			bad_value("--load", val, "want an address such as 0x100000") : 0;
	case 'a':
		return parse_u64(val, &o->arg) ?
			bad_value("--arg", val, "want a number such as 0x40000000") : 0;
	case 'b':
		return parse_boot_mode(val, &o->img.boot_mode) ?
			bad_value("--boot", val, "want 64bit, 32bit or real") : 0;
	case 'f':
		return parse_format(val, &o->img.format) ?
			bad_value("--format", val, "want auto, elf or flat") : 0;
	case 'n':
		o->name = val;
		return vm_name_valid(val) ? 0 :
			bad_value("--name", val, "want up to 31 of [A-Za-z0-9._-]");
	case OPT_SCHED: {
		char err[160];

		memset(&o->vcpu, 0, sizeof(o->vcpu));
		return parse_sched(val, &o->vcpu, err, sizeof(err)) ?
			bad_value("--sched", val, err) : 0;
	case OPT_VCPUS:
		return parse_vcpus(val, &o->nr_vcpus) ?
			bad_value("--vcpus", val, "want a number from 1 to 8") : 0;
	}
	}
	return 0;
}

/* Fills @o from the command line; -1 when the command is done (help), or an exit code. */
static int parse_run_args(int argc, char **argv, struct run_opts *o)
{
	static const struct option options[] = {
		{ "cpu", required_argument, NULL, 'c' },
		{ "mem", required_argument, NULL, 'm' },
		{ "entry", required_argument, NULL, 'e' },
		{ "load", required_argument, NULL, 'l' },
		{ "arg", required_argument, NULL, 'a' },
		{ "format", required_argument, NULL, 'f' },
		{ "boot", required_argument, NULL, 'b' },
		{ "name", required_argument, NULL, 'n' },
		{ "test-mmio", no_argument, NULL, OPT_TEST_MMIO },
		{ "sched", required_argument, NULL, OPT_SCHED },
		{ "vcpus", required_argument, NULL, OPT_VCPUS },
		{ "stats", no_argument, NULL, 's' },
		{ "detach", no_argument, NULL, 'd' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt, ret;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+c:m:e:l:a:f:b:n:svdh", options, NULL)) != -1) {
		switch (opt) {
		case 's':
			o->stats = true;
			break;
		case 'v':
			o->verbose = true;
			break;
		case 'd':
			o->detach = true;
			o->vm_flags |= RTVMX_VM_PERSISTENT;
			break;
		case OPT_TEST_MMIO:
			o->vm_flags |= RTVMX_VM_TEST_MMIO;
			break;
		case 'h':
			cmd_run_usage(stdout);
			return -1;
		case '?':
			if (((optopt > 0 && optopt < OPT_TEST_MMIO && strchr("cmelafbn", optopt)) ||
			     optopt == OPT_SCHED || optopt == OPT_VCPUS) && optind == argc) {
				cli_err("run: option '%s' needs a value", argv[optind - 1]);
				cmd_run_usage(stderr);
				return EXIT_USAGE;
			}
			return cli_bad_option(argv, cmd_run_usage);
		default:
			ret = run_option(o, opt, optarg);
			if (ret)
				return ret;
		}
	}
	if (optind != argc - 1) {
		if (optind == argc)
			cli_err("run: no IMAGE given");
		else
			cli_err("run: unexpected argument '%s'", argv[optind + 1]);
		cmd_run_usage(stderr);
		return EXIT_USAGE;
	}
	o->image = argv[optind];
	if (o->detach && o->stats) {
		cli_err("run: --stats needs the guest in the foreground; see 'rtvmx stats' for --detach");
		cmd_run_usage(stderr);
		return EXIT_USAGE;
	}
	return 0;
}

static int image_open(const char *path, struct image_file *f)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &st)) {
		cli_err("cannot open %s: %s", path, strerror(errno));
		goto out_close;
	}
	if (!S_ISREG(st.st_mode)) {
		cli_err("%s is not a regular file", path);
		goto out_close;
	}
	if (!st.st_size) {
		cli_err("%s: image is empty", path);
		goto out_close;
	}
	f->len = st.st_size;
	f->data = mmap(NULL, f->len, PROT_READ, MAP_PRIVATE, fd, 0);
	if (f->data == MAP_FAILED) {
		cli_err("cannot map %s: %s", path, strerror(errno));
		goto out_close;
	}
	close(fd);
	return 0;

out_close:
	if (fd >= 0)
		close(fd);
	return -1;
}

/* The first reserved CPU in VMX operation. */
static int default_cpu(int dev, unsigned int *cpu)
{
	struct rtvmx_caps caps;
	unsigned int i;

	if (rtvmx_check_cap(dev, &caps))
		return -1;
	for (i = 0; i < RTVMX_MAX_CPUS; i++) {
		if ((caps.vmx_on_cpus[i / 64] >> (i % 64)) & 1) {
			*cpu = i;
			return 0;
		}
	}
	cli_err("no reserved CPU is in VMX operation (see 'rtvmx caps'; boot with isolcpus=)");
	return -1;
}

static int load_image(int vm, const struct run_opts *o, const struct image_file *f,
		      const struct image_plan *plan)
{
	__u64 mem = o->img.mem_size;
	void *ram = mmap(NULL, mem, PROT_READ | PROT_WRITE, MAP_SHARED, vm, 0);

	if (ram == MAP_FAILED) {
		cli_err("cannot map %llu bytes of guest RAM: %s",
			(unsigned long long)mem, strerror(errno));
		return -1;
	}
	image_copy(plan, f->data, ram);
	munmap(ram, mem);
	return 0;
}

static void say_plan(const struct run_opts *o, const struct image_plan *p)
{
	unsigned int i;

	static const char *const modes[] = {
		[RTVMX_BOOT_64BIT_FLAT] = "64-bit", [RTVMX_BOOT_32BIT_FLAT] = "32-bit",
		[RTVMX_BOOT_REAL_MODE] = "real-mode",
	};

	cli_err("%s: %s image, %u segment%s, %s entry %#llx, %llu KiB RAM, cpu %u",
		o->image, p->elf ? (p->elf_class == 32 ? "ELF32" : "ELF64") : "flat",
		p->nr_segments, p->nr_segments == 1 ? "" : "s", modes[p->boot_mode],
		(unsigned long long)p->entry, (unsigned long long)o->img.mem_size >> 10, o->cpu);
	for (i = 0; i < p->nr_segments; i++)
		cli_err("  segment [%#llx, %#llx): %#llx bytes from file offset %#llx",
			(unsigned long long)p->seg[i].gpa,
			(unsigned long long)(p->seg[i].gpa + p->seg[i].memsz),
			(unsigned long long)p->seg[i].filesz, (unsigned long long)p->seg[i].offset);
}

/* The VM is ready to start once this returns 0. */
static int setup_vm(int vm, const struct run_opts *o, const struct image_file *f,
		    const struct image_plan *plan)
{
	unsigned int i;

	if (load_image(vm, o, f, plan) ||
	    rtvmx_set_boot_state(vm, plan->boot_mode, plan->entry, 0, o->arg))
		return -1;
	for (i = 0; i < o->nr_vcpus; i++)
		if (rtvmx_create_vcpu(vm, o->cpu, &o->vcpu))
			return -1;
	return 0;
}

static void print_stats(const struct rtvmx_vm_info *info)
{
	char buf[8192];

	vm_stats_format(buf, sizeof(buf), info);
	fputs(buf, stderr);
}

/*
 * The debugfs dump of an abnormal stop, read while the VM fd keeps it alive:
 * that of the vCPU that stopped the VM, the only one with a dump.
 */
static void print_dump(__u32 id, unsigned int nr_vcpus)
{
	char path[128], line[512];
	unsigned int i;
	FILE *f = NULL;

	for (i = 0; i < (nr_vcpus ?: 1); i++) {
		snprintf(path, sizeof(path), "/sys/kernel/debug/%s/vm%u/vcpu%u/vmcs",
			 RTVMX_DEVICE_NAME, id, i);
		f = fopen(path, "r");
		if (!f) {
			cli_err("no dump: %s: %s", path, strerror(errno));
			return;
		}
		if (fgets(line, sizeof(line), f))
			break;
		fclose(f);
		f = NULL;
	}
	if (!f) {
		cli_err("no dump in debugfs vm%u/vcpu*/vmcs", id);
		return;
	}
	cli_err("dump (%s):", path);
	do
		fprintf(stderr, "  %s", line);
	while (fgets(line, sizeof(line), f));
	fclose(f);
}

static bool guest_exited(__u32 reason)
{
	return reason == RTVMX_STOP_SHUTDOWN || reason == RTVMX_STOP_EXIT_PORT;
}

static int report(int vm, const struct run_opts *o)
{
	struct rtvmx_vm_info info;
	char msg[256];
	int status;

	if (rtvmx_get_info(vm, &info))
		return EXIT_FAILURE;
	if (info.state != RTVMX_VM_STOPPED) {
		cli_err("the console ended but the VM is still %s",
			info.state == RTVMX_VM_RUNNING ? "running" : "not started");
		return EXIT_FAILURE;
	}
	if (o->stats || o->verbose)
		print_stats(&info);
	status = run_status(&info, o->verbose, msg, sizeof(msg));
	if (o->verbose && !guest_exited(info.stop_reason) &&
	    info.stop_reason != RTVMX_STOP_USER)
		print_dump(info.id, info.nr_vcpus);
	if (msg[0])
		cli_err("%s", msg);
	return status;
}

/* A persistent VM left running: "started VM NAME (id N) on cpu C". */
static int say_detached(int vm)
{
	struct rtvmx_vm_info info;

	if (rtvmx_get_info(vm, &info))
		return EXIT_FAILURE;
	printf("started VM %.*s (id %u) on cpu %d\n", RTVMX_NAME_LEN, info.name, info.id, info.cpu);
	return fflush(stdout) ? EXIT_FAILURE : EXIT_SUCCESS;
}

static int run_vm(const struct run_opts *o, const struct image_file *f,
		  const struct image_plan *plan, int dev)
{
	int vm, status = EXIT_FAILURE;

	vm = rtvmx_create_vm(dev, o->name, o->img.mem_size, o->vm_flags);
	if (vm < 0)
		return EXIT_FAILURE;
	if (o->detach) {
		if (!setup_vm(vm, o, f, plan) && !rtvmx_start(vm))
			status = say_detached(vm);
		goto out_close;
	}
	if (setup_vm(vm, o, f, plan) || console_signals_setup() || rtvmx_start(vm))
		goto out_close;
	fflush(stdout);
	if (!console_run(vm))
		status = report(vm, o);
out_close:
	close(vm);
	return status;
}

static int run(struct run_opts *o)
{
	struct image_plan plan;
	struct image_file f;
	char err[256];
	int dev, status = EXIT_FAILURE;

	if (image_open(o->image, &f))
		return EXIT_FAILURE;
	if (image_plan(f.data, f.len, &o->img, &plan, err, sizeof(err))) {
		cli_err("%s: %s", o->image, err);
		goto out_unmap;
	}
	dev = rtvmx_open();
	if (dev < 0)
		goto out_unmap;
	if (o->has_cpu || !default_cpu(dev, &o->cpu)) {
		if (o->verbose)
			say_plan(o, &plan);
		status = run_vm(o, &f, &plan, dev);
	}
	close(dev);
out_unmap:
	munmap(f.data, f.len);
	return status;
}

int cmd_run(int argc, char **argv)
{
	struct run_opts o = {
		.img = { .format = IMAGE_AUTO, .mem_size = DEFAULT_MEM },
		.nr_vcpus = 1,
	};
	int ret;

	ret = parse_run_args(argc, argv, &o);
	if (ret)
		return ret < 0 ? EXIT_SUCCESS : ret;
	if (o.img.mem_size < RTVMX_MIN_MEM || o.img.mem_size > RTVMX_MAX_MEM ||
	    o.img.mem_size % 4096) {
		cli_err("run: --mem %llu: guest RAM must be a multiple of 4 KiB from %llu MiB to %llu GiB",
			(unsigned long long)o.img.mem_size, RTVMX_MIN_MEM >> 20,
			RTVMX_MAX_MEM >> 30);
		return EXIT_USAGE;
	}
	if ((o.vm_flags & RTVMX_VM_TEST_MMIO) && o.img.mem_size > RTVMX_TEST_MMIO_GPA) {
		cli_err("run: --test-mmio: guest RAM must end at or below the device at %#llx",
			RTVMX_TEST_MMIO_GPA);
		return EXIT_USAGE;
	}
	return run(&o);
}
