// SPDX-License-Identifier: GPL-2.0
/*
 * VM ioctls refuse bad input with the documented errno and leave nothing
 * half-made: CREATE_VM sizes, flags (and RAM over the MMIO test device),
 * padding, reserved fields and names;
 * mmap beyond RAM; SET_BOOT_STATE outside RAM or in the boot area;
 * CREATE_VCPU on a CPU not reserved or busy; START without a vCPU or boot
 * state, START twice, STOP when not running. Then closing the fd of a
 * running VM stops and frees it (its debugfs directory goes, its CPU is free).
 *
 * The guest is two bytes at 1 MiB: "jmp ." (eb fe), an endless loop.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "tap.h"
#include "rtvmx_test.h"

#define MEM		(16ULL << 20)
#define ENTRY		0x100000ULL
#define NR_RESERVED(s)	(sizeof(s.reserved) / sizeof(s.reserved[0]))

static int test_cpu;

static void config_init(struct rtvmx_vm_config *c, __u64 mem)
{
	memset(c, 0, sizeof(*c));
	c->mem_size = mem;
}

static int create_vm(int dev, const struct rtvmx_vm_config *c)
{
	return ioctl(dev, RTVMX_CREATE_VM, c);
}

static int create_vm_mem(int dev, __u64 mem)
{
	struct rtvmx_vm_config c;

	config_init(&c, mem);
	return create_vm(dev, &c);
}

static void boot_init(struct rtvmx_boot_state *b, __u64 entry)
{
	memset(b, 0, sizeof(*b));
	b->mode = RTVMX_BOOT_64BIT_FLAT;
	b->entry = entry;
}

static int set_boot(int vm, const struct rtvmx_boot_state *b)
{
	return ioctl(vm, RTVMX_SET_BOOT_STATE, b);
}

static int create_vcpu(int vm, unsigned int cpu)
{
	struct rtvmx_vcpu_config c;

	memset(&c, 0, sizeof(c));
	c.cpu = cpu;
	c.sched_policy = RTVMX_SCHED_DEDICATED;
	return ioctl(vm, RTVMX_CREATE_VCPU, &c);
}

static void sched_edf(struct rtvmx_vcpu_config *c, __u64 budget, __u64 period)
{
	memset(c, 0, sizeof(*c));
	c->cpu = test_cpu;
	c->sched_policy = RTVMX_SCHED_EDF;
	c->edf.budget = budget;
	c->edf.period = period;
}

static void sched_fp(struct rtvmx_vcpu_config *c, __u32 prio, __u64 budget, __u64 period)
{
	memset(c, 0, sizeof(*c));
	c->cpu = test_cpu;
	c->sched_policy = RTVMX_SCHED_FP;
	c->fp.prio = prio;
	c->fp.budget = budget;
	c->fp.period = period;
}

static void sched_table(struct rtvmx_vcpu_config *c, __u64 offset, __u64 length, __u64 frame)
{
	memset(c, 0, sizeof(*c));
	c->cpu = test_cpu;
	c->sched_policy = RTVMX_SCHED_TABLE;
	c->table.offset = offset;
	c->table.length = length;
	c->table.frame = frame;
}

/* The debugfs directory of VM @id exists. */
static bool vm_in_debugfs(__u32 id)
{
	char path[128];
	struct stat st;

	snprintf(path, sizeof(path), RTVMX_DEBUGFS "/vm%u", id);
	return !stat(path, &st);
}

/*/* "state: WANT" in the VM's debugfs info file. */
static bool debugfs_state_is(__u32 id, const char *want)
{
	char path[128], line[256], key[256];
	bool found = false;
	FILE *f;

	snprintf(path, sizeof(path), RTVMX_DEBUGFS "/vm%u/info", id);
	snprintf(key, sizeof(key), "state: %s\n", want);
	f = fopen(path, "r");
	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f))
		found = !strcmp(line, key);
	fclose(f);
	return found;
}

static void check_create_sizes(int dev)
{
	static const struct {
		__u64 mem;
		const char *what;
	} bad[] = {
		{ 0, "0" },
		{ 1, "1" },
		{ 4096, "4 KiB" },
		{ RTVMX_MIN_MEM - 4096, "RTVMX_MIN_MEM - 4 KiB" },
		{ MEM + 1, "16 MiB + 1" },
		{ MEM + 2048, "16 MiB + 2 KiB" },
		{ RTVMX_MAX_MEM + 4096, "RTVMX_MAX_MEM + 4 KiB" },
		{ 1ULL << 62, "2^62" },
		{ ~0ULL & ~4095ULL, "2^64 - 4 KiB" },
	};
	unsigned int i;
	int fd;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		tap_check_errno(create_vm_mem(dev, bad[i].mem), EINVAL,
				"CREATE_VM mem_size %s gives EINVAL", bad[i].what);
	fd = create_vm_mem(dev, RTVMX_MIN_MEM);
	if (tap_check(fd >= 0, "CREATE_VM mem_size RTVMX_MIN_MEM works"))
		close(fd);
}

static void check_create_fields(int dev)
{
	static const char *const bad_names[] = {
		"a b", "a/b", "vm:1", "caf\xc3\xa9", "-\n",
	};
	struct rtvmx_vm_config c;
	unsigned int k;
	int fd;

	config_init(&c, MEM);
	c.flags = RTVMX_VM_FLAGS + 1;
	tap_check_errno(create_vm(dev, &c), EINVAL, "CREATE_VM flags=%#x (unknown) gives EINVAL",
			RTVMX_VM_FLAGS + 1);
	config_init(&c, RTVMX_TEST_MMIO_GPA + 4096);
	c.flags = RTVMX_VM_TEST_MMIO;
	tap_check_errno(create_vm(dev, &c), EINVAL,
			"CREATE_VM TEST_MMIO with RAM over the device gives EINVAL");
	config_init(&c, MEM);
	c.flags = RTVMX_VM_TEST_MMIO;
	fd = create_vm(dev, &c);
	if (tap_check(fd >= 0, "CREATE_VM TEST_MMIO works"))
		close(fd);
	config_init(&c, MEM);
	c.flags = 0x80000000;
	tap_check_errno(create_vm(dev, &c), EINVAL, "CREATE_VM flags=0x80000000 gives EINVAL");
	config_init(&c, MEM);
	c.pad = 1;
	tap_check_errno(create_vm(dev, &c), EINVAL, "CREATE_VM pad=1 gives EINVAL");
	for (k = 0; k < NR_RESERVED(c); k++) {
		config_init(&c, MEM);
		c.reserved[k] = 1ULL << 63;
		tap_check_errno(create_vm(dev, &c), EINVAL,
				"CREATE_VM reserved[%u] gives EINVAL", k);
	}
	for (k = 0; k < sizeof(bad_names) / sizeof(bad_names[0]); k++) {
		config_init(&c, MEM);
		strcpy(c.name, bad_names[k]);
		tap_check_errno(create_vm(dev, &c), EINVAL, "CREATE_VM name #%u gives EINVAL", k);
	}
	config_init(&c, MEM);
	memset(c.name, 'a', sizeof(c.name));
	tap_check_errno(create_vm(dev, &c), EINVAL, "CREATE_VM name without NUL gives EINVAL");
	config_init(&c, MEM);
	memset(c.name, 'a', sizeof(c.name) - 1);
	fd = create_vm(dev, &c);
	if (tap_check(fd >= 0, "CREATE_VM name of %zu chars [a-z.-_0-9] works", sizeof(c.name) - 1))
		close(fd);
	config_init(&c, MEM);
	strcpy(c.name, "Az09._-");
	fd = create_vm(dev, &c);
	if (tap_check(fd >= 0, "CREATE_VM name Az09._- works"))
		close(fd);
}

static void check_mmap(int vm)
{
	void *p;

	p = mmap(NULL, MEM + 4096, PROT_READ | PROT_WRITE, MAP_SHARED, vm, 0);
	tap_check(p == MAP_FAILED && errno == EINVAL, "mmap of RAM + 4 KiB gives EINVAL");
	if (p != MAP_FAILED)
		munmap(p, MEM + 4096);
	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, vm, MEM);
	tap_check(p == MAP_FAILED && errno == EINVAL, "mmap at offset RAM size gives EINVAL");
	if (p != MAP_FAILED)
		munmap(p, 4096);
	p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, vm, MEM - 4096);
	tap_check(p == MAP_FAILED && errno == EINVAL, "mmap across the end of RAM gives EINVAL");
	if (p != MAP_FAILED)
		munmap(p, 8192);
}

/* mmap all of RAM and put "jmp ." at ENTRY. */
static bool load_loop(int vm)
{
	unsigned char *ram = mmap(NULL, MEM, PROT_READ | PROT_WRITE, MAP_SHARED, vm, 0);
	bool zero;

	if (!tap_check(ram != MAP_FAILED, "mmap of all guest RAM"))
		return false;
	zero = !ram[0] && !ram[ENTRY] && !ram[MEM - 1];
	tap_check(zero, "guest RAM starts zeroed");
	ram[ENTRY] = 0xeb;
	ram[ENTRY + 1] = 0xfe;
	munmap(ram, MEM);
	return true;
}

static void check_boot_state(int vm)
{
	__u64 boot_end = RTVMX_BOOT_AREA_GPA + RTVMX_BOOT_AREA_SIZE(MEM);
	struct rtvmx_boot_state b;
	unsigned int k;

	boot_init(&b, ENTRY);
	b.mode = 0;
	tap_check_errno(set_boot(vm, &b), EINVAL, "SET_BOOT_STATE mode 0 gives EINVAL");
	b.mode = RTVMX_BOOT_REAL_MODE + 1;
	tap_check_errno(set_boot(vm, &b), EINVAL, "SET_BOOT_STATE unknown mode gives EINVAL");
	boot_init(&b, RTVMX_REAL_MODE_LIMIT);
	b.mode = RTVMX_BOOT_REAL_MODE;
	tap_check_errno(set_boot(vm, &b), EINVAL, "SET_BOOT_STATE real mode, entry at 1 MiB gives EINVAL");
	boot_init(&b, 0x8000);
	b.mode = RTVMX_BOOT_REAL_MODE;
	b.stack = 0x10002;
	tap_check_errno(set_boot(vm, &b), EINVAL,
			"SET_BOOT_STATE real mode, stack past the entry's segment gives EINVAL");
	boot_init(&b, 0x18000);
	b.mode = RTVMX_BOOT_REAL_MODE;
	b.stack = 0x10000;
	tap_check_errno(set_boot(vm, &b), EINVAL,
			"SET_BOOT_STATE real mode, stack at the segment's base gives EINVAL");
	boot_init(&b, RTVMX_BOOT_AREA_GPA);
	b.mode = RTVMX_BOOT_32BIT_FLAT;
	tap_check_errno(set_boot(vm, &b), EINVAL,
			"SET_BOOT_STATE 32-bit, entry at the boot area gives EINVAL");
	boot_init(&b, ENTRY);
	b.flags = 1;
	tap_check_errno(set_boot(vm, &b), EINVAL, "SET_BOOT_STATE flags=1 gives EINVAL");
	for (k = 0; k < NR_RESERVED(b); k++) {
		boot_init(&b, ENTRY);
		b.reserved[k] = 1;
		tap_check_errno(set_boot(vm, &b), EINVAL,
				"SET_BOOT_STATE reserved[%u] gives EINVAL", k);
	}
	boot_init(&b, MEM);
	tap_check_errno(set_boot(vm, &b), EINVAL, "SET_BOOT_STATE entry = RAM size gives EINVAL");
	boot_init(&b, 0x40000000);
	tap_check_errno(set_boot(vm, &b), EINVAL, "SET_BOOT_STATE entry beyond RAM gives EINVAL");
	boot_init(&b, RTVMX_BOOT_AREA_GPA);
	tap_check_errno(set_boot(vm, &b), EINVAL, "SET_BOOT_STATE entry at the boot area gives EINVAL");
	boot_init(&b, boot_end - 1);
	tap_check_errno(set_boot(vm, &b), EINVAL,
			"SET_BOOT_STATE entry at the boot area's end gives EINVAL");
	boot_init(&b, ENTRY);
	b.stack = MEM + 16;
	tap_check_errno(set_boot(vm, &b), EINVAL, "SET_BOOT_STATE stack beyond RAM gives EINVAL");
}

static void check_vcpu_config(int vm)
{
	struct rtvmx_vcpu_config c;
	unsigned int k;

	tap_check_errno(create_vcpu(vm, 0), EINVAL, "CREATE_VCPU on cpu 0 (not reserved) gives EINVAL");
	tap_check_errno(create_vcpu(vm, RTVMX_MAX_CPUS + 5), EINVAL,
			"CREATE_VCPU on cpu %d gives EINVAL", RTVMX_MAX_CPUS + 5);
	tap_check_errno(create_vcpu(vm, ~0U), EINVAL, "CREATE_VCPU on cpu 0xffffffff gives EINVAL");
	memset(&c, 0, sizeof(c));
	c.cpu = test_cpu;
	c.sched_policy = RTVMX_NR_SCHED_POLICIES;
	tap_check_errno(ioctl(vm, RTVMX_CREATE_VCPU, &c), EINVAL,
			"CREATE_VCPU unknown sched_policy gives EINVAL");
	c.sched_policy = ~0U;
	tap_check_errno(ioctl(vm, RTVMX_CREATE_VCPU, &c), EINVAL,
			"CREATE_VCPU sched_policy 0xffffffff gives EINVAL");
	for (k = 0; k < NR_RESERVED(c); k++) {
		memset(&c, 0, sizeof(c));
		c.cpu = test_cpu;
		c.reserved[k] = 1;
		tap_check_errno(ioctl(vm, RTVMX_CREATE_VCPU, &c), EINVAL,
				"CREATE_VCPU dedicated reserved[%u] gives EINVAL", k);
	}
	/* Valid parameters of each shared policy, with one nonzero byte past them. */
	for (k = 3; k < NR_RESERVED(c); k++) {
		sched_edf(&c, 2000000, 10000000);
		c.reserved[k] = 1;
		tap_check_errno(ioctl(vm, RTVMX_CREATE_VCPU, &c), EINVAL,
				"CREATE_VCPU edf with reserved[%u] gives EINVAL", k);
		sched_table(&c, 0, 1000000, 10000000);
		c.reserved[k] = 1;
		tap_check_errno(ioctl(vm, RTVMX_CREATE_VCPU, &c), EINVAL,
				"CREATE_VCPU table with reserved[%u] gives EINVAL", k);
		sched_fp(&c, 1, 1000000, 10000000);
		c.reserved[k] = 1;
		tap_check_errno(ioctl(vm, RTVMX_CREATE_VCPU, &c), EINVAL,
				"CREATE_VCPU fp with reserved[%u] gives EINVAL", k);
	}
	sched_fp(&c, 1, 1000000, 10000000);
	c.fp.pad = 1;
	tap_check_errno(ioctl(vm, RTVMX_CREATE_VCPU, &c), EINVAL, "CREATE_VCPU fp pad=1 gives EINVAL");
	/* Parameters wrong in themselves: EINVAL, whatever the CPU holds. */
	sched_edf(&c, 20000000, 10000000);
	tap_check_errno(ioctl(vm, RTVMX_CREATE_VCPU, &c), EINVAL,
			"CREATE_VCPU edf budget over period gives EINVAL");
	sched_edf(&c, 500, 10000000);
	tap_check_errno(ioctl(vm, RTVMX_CREATE_VCPU, &c), EINVAL,
			"CREATE_VCPU edf budget under 1 us gives EINVAL");
	sched_edf(&c, 2000000, 10000000);
	c.edf.deadline = 20000000;
	tap_check_errno(ioctl(vm, RTVMX_CREATE_VCPU, &c), EINVAL,
			"CREATE_VCPU edf deadline over period gives EINVAL");
	sched_fp(&c, 1, 1000000, 0);
	tap_check_errno(ioctl(vm, RTVMX_CREATE_VCPU, &c), EINVAL,
			"CREATE_VCPU fp period 0 gives EINVAL");
	sched_table(&c, 9000000, 2000000, 10000000);
	tap_check_errno(ioctl(vm, RTVMX_CREATE_VCPU, &c), EINVAL,
			"CREATE_VCPU table window past the frame gives EINVAL");
	sched_table(&c, ~0ULL, 2000000, 10000000);
	tap_check_errno(ioctl(vm, RTVMX_CREATE_VCPU, &c), EINVAL,
			"CREATE_VCPU table offset + length overflowing gives EINVAL");
	sched_table(&c, 0, 1000000, 0);
	tap_check_errno(ioctl(vm, RTVMX_CREATE_VCPU, &c), EINVAL,
			"CREATE_VCPU table frame 0 gives EINVAL");
	sched_table(&c, 0, 1000000, 5000000000ULL);
	tap_check_errno(ioctl(vm, RTVMX_CREATE_VCPU, &c), EINVAL,
			"CREATE_VCPU table frame over 4 s gives EINVAL");
}

static void check_info(int vm, __u32 state, __u32 reason, const char *what)
{
	struct rtvmx_vm_info info;

	memset(&info, 0xff, sizeof(info));
	if (!tap_check(!ioctl(vm, RTVMX_GET_INFO, &info), "GET_INFO %s", what))
		return;
	tap_check(info.state == state && info.stop_reason == reason,
		  "%s: state %u stop_reason %u (want %u, %u)", what, info.state,
		  info.stop_reason, state, reason);
}

/* A second VM cannot take the CPU the first one holds. */
static void check_busy_cpu(int dev)
{
	int vm2 = create_vm_mem(dev, RTVMX_MIN_MEM);
	struct rtvmx_vcpu_config c;

	if (!tap_check(vm2 >= 0, "second VM"))
		return;
	tap_check_errno(create_vcpu(vm2, test_cpu), EBUSY,
			"CREATE_VCPU on cpu %d, held by the first VM, gives EBUSY", test_cpu);
	sched_edf(&c, 1000000, 10000000);
	tap_check_errno(ioctl(vm2, RTVMX_CREATE_VCPU, &c), EBUSY,
			"CREATE_VCPU edf on cpu %d, dedicated to the first VM, gives EBUSY", test_cpu);
	close(vm2);
}

static void check_lifecycle(int vm, int dev)
{
	struct rtvmx_boot_state b;
	char c;

	tap_check_errno(ioctl(vm, RTVMX_START), EINVAL,
			"START without vCPU and boot state gives EINVAL");
	tap_check_errno(ioctl(vm, RTVMX_STOP), EINVAL, "STOP on a created VM gives EINVAL");
	check_vcpu_config(vm);
	if (!tap_check(!create_vcpu(vm, test_cpu), "CREATE_VCPU on cpu %d", test_cpu))
		return;
	tap_check_errno(create_vcpu(vm, test_cpu), EBUSY,
			"a second vCPU cannot join a dedicated one on cpu %d: EBUSY", test_cpu);
	check_busy_cpu(dev);
	tap_check_errno(ioctl(vm, RTVMX_START), EINVAL, "START without boot state gives EINVAL");
	check_boot_state(vm);
	boot_init(&b, ENTRY);
	if (!tap_check(!set_boot(vm, &b), "SET_BOOT_STATE at %#llx", ENTRY))
		return;
	check_info(vm, RTVMX_VM_CREATED, RTVMX_STOP_NONE, "before START");
	if (!tap_check(!ioctl(vm, RTVMX_START), "START"))
		return;
	tap_check_errno(ioctl(vm, RTVMX_START), EBUSY, "START twice gives EBUSY");
	tap_check_errno(create_vcpu(vm, test_cpu), EBUSY,
			"CREATE_VCPU on a running VM gives EBUSY");
	tap_check_errno(set_boot(vm, &b), EBUSY, "SET_BOOT_STATE on a running VM gives EBUSY");
	check_info(vm, RTVMX_VM_RUNNING, RTVMX_STOP_NONE, "while running");
	tap_check_errno(ioctl(vm, _IO(RTVMX_IO, 0x7f)), ENOTTY, "unknown VM ioctl gives ENOTTY");
	tap_check(!ioctl(vm, RTVMX_STOP), "STOP a running VM");
	check_info(vm, RTVMX_VM_STOPPED, RTVMX_STOP_USER, "after STOP");
	tap_check_errno(ioctl(vm, RTVMX_STOP), EINVAL, "STOP on a stopped VM gives EINVAL");
	tap_check_errno(ioctl(vm, RTVMX_START), EINVAL, "START on a stopped VM gives EINVAL");
	tap_check(read(vm, &c, 1) == 0, "console read of a stopped VM gives end of file");
}

/* Closing the only fd of a running VM stops and frees it. */
static void check_close_running(int dev)
{
	struct rtvmx_vm_info info;
	struct rtvmx_boot_state b;
	int vm = create_vm_mem(dev, MEM);

	if (!tap_check(vm >= 0, "CREATE_VM for the close test") || !load_loop(vm))
		return;
	boot_init(&b, ENTRY);
	if (!tap_check(!set_boot(vm, &b) && !create_vcpu(vm, test_cpu) &&
		       !ioctl(vm, RTVMX_START) && !ioctl(vm, RTVMX_GET_INFO, &info),
		       "start the endless guest")) {
		close(vm);
		return;
	}
	usleep(200000);
	tap_check(debugfs_state_is(info.id, "running"), "debugfs vm%u: state running", info.id);
	tap_check(!close(vm), "close the fd of the running VM");
	tap_check(!vm_in_debugfs(info.id), "debugfs vm%u is gone after close", info.id);
	vm = create_vm_mem(dev, RTVMX_MIN_MEM);
	if (tap_check(vm >= 0, "a new VM")) {
		tap_check(!create_vcpu(vm, test_cpu), "its vCPU gets cpu %d again", test_cpu);
		close(vm);
	}
}

/* The newest kernel log lines hold @text (a refusal's reason). */
static bool dmesg_has(const char *text)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "dmesg | tail -n 20 | grep -qF '%s'", text);
	return system(cmd) == 0;
}

static bool vcpu_in_debugfs(__u32 id, unsigned int n)
{
	char path[128];
	struct stat st;

	snprintf(path, sizeof(path), RTVMX_DEBUGFS "/vm%u/vcpu%u/sched", id, n);
	return !stat(path, &st);
}

/*
 * RTVMX_MAX_VCPUS vCPUs share one CPU under EDF; one more is ENOSPC, a bad
 * one in between leaves nothing behind, and closing the VM frees them all.
 */
static void check_smp_vcpus(int dev)
{
	struct rtvmx_vm_info info;
	struct rtvmx_vcpu_config c;
	int vm = create_vm_mem(dev, RTVMX_MIN_MEM);
	unsigned int i;
	bool ok;

	if (!tap_check(vm >= 0, "CREATE_VM for the vCPU count test"))
		return;
	sched_edf(&c, 100000, 10000000);
	c.cpu = test_cpu;
	tap_check(!ioctl(vm, RTVMX_CREATE_VCPU, &c), "vCPU 0: edf 100us/10ms on cpu %d", test_cpu);
	sched_edf(&c, 0, 10000000);
	c.cpu = test_cpu;
	tap_check_errno(ioctl(vm, RTVMX_CREATE_VCPU, &c), EINVAL,
			"vCPU 1 with a zero budget gives EINVAL");
	memset(&info, 0, sizeof(info));
	ok = !ioctl(vm, RTVMX_GET_INFO, &info);
	tap_check(ok && info.nr_vcpus == 1 && !vcpu_in_debugfs(info.id, 1),
		  "the refused vCPU left nothing: nr_vcpus %u, no debugfs vcpu1", info.nr_vcpus);
	sched_edf(&c, 100000, 10000000);
	c.cpu = test_cpu;
	for (i = 1, ok = true; i < RTVMX_MAX_VCPUS; i++)
		ok &= !ioctl(vm, RTVMX_CREATE_VCPU, &c);
	tap_check(ok, "vCPUs 1-%d on cpu %d too", RTVMX_MAX_VCPUS - 1, test_cpu);
	tap_check_errno(ioctl(vm, RTVMX_CREATE_VCPU, &c), ENOSPC,
			"vCPU %d gives ENOSPC", RTVMX_MAX_VCPUS);
	tap_check(dmesg_has("a VM has at most 8 vCPUs"), "dmesg says why (at most 8 vCPUs)");
	ok = !ioctl(vm, RTVMX_GET_INFO, &info);
	tap_check(ok && info.nr_vcpus == RTVMX_MAX_VCPUS && info.cpu == test_cpu,
		  "GET_INFO: nr_vcpus %u, cpu %d", info.nr_vcpus, info.cpu);
	tap_check(vcpu_in_debugfs(info.id, 0) && vcpu_in_debugfs(info.id, RTVMX_MAX_VCPUS - 1),
		  "debugfs vm%u/vcpu0 and vcpu%d", info.id, RTVMX_MAX_VCPUS - 1);
	close(vm);
	vm = create_vm_mem(dev, RTVMX_MIN_MEM);
	if (tap_check(vm >= 0, "a new VM")) {
		tap_check(!create_vcpu(vm, test_cpu),
			  "a dedicated vCPU gets cpu %d: the 8 were released", test_cpu);
		close(vm);
	}
}

static void run_tests(int dev)
{
	int vm;

	check_create_sizes(dev);
	check_create_fields(dev);
	vm = create_vm_mem(dev, MEM);
	if (!tap_check(vm >= 0, "CREATE_VM 16 MiB"))
		return;
	check_mmap(vm);
	if (load_loop(vm))
		check_lifecycle(vm, dev);
	close(vm);
	check_close_running(dev);
	check_smp_vcpus(dev);
}

int main(void)
{
	int dev, err;

	tap_start();
	test_cpu = rtvmx_require();
	if (!tap_check(rtvmx_load("") == 0, "load rtvmx"))
		return tap_done();
	dev = open(RTVMX_NODE, O_RDWR | O_CLOEXEC);
	err = errno;
	if (tap_check(dev >= 0, "open %s", RTVMX_NODE)) {
		run_tests(dev);
		close(dev);
	} else {
		tap_diag("open: %s", strerror(err));
	}
	tap_check(rtvmx_unload() == 0, "unload rtvmx");
	return tap_done();
}
