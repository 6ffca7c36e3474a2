// SPDX-License-Identifier: GPL-2.0
/*
 * A fake /dev/rtvmx for host tests of "rtvmx run" (LD_PRELOAD): open() of
 * $RTVMX_DEV when it is FAKE_PATH, its ioctls, and the VM fd: a socketpair
 * whose other end is the "guest", a thread that runs the flat image as a
 * script, one command per line:
 *	print TEXT			TEXT and a newline on the console
 *	echo				console input lines back as "echo: LINE" until "quit"
 *	wait				until RTVMX_STOP (stop reason user)
 *	stop REASON DETAIL CODE		stop with these numbers
 *	flags				"vm flags: 0xN", the CREATE_VM flags
 * The end of the script is a shutdown with exit code 0. Environment:
 * FAKE_CPU (default 1) is the one reserved CPU; FAKE_VCPU_ERRNO makes
 * CREATE_VCPU fail with that errno; FAKE_VCPU_LOG prints each CREATE_VCPU's
 * cpu, policy and first three parameter words on stderr.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <linux/rtvmx.h>

#define FAKE_PATH	"/fake/rtvmx"

static struct {
	int dev, vm, guest, ram_fd;
	char *ram;
	struct rtvmx_vm_info info;
	__u64 entry;
	__u32 flags;
	bool has_boot, stop;
	pthread_t thread;
	pthread_mutex_t lock;
} f = { .dev = -1, .vm = -1, .guest = -1, .ram_fd = -1, .lock = PTHREAD_MUTEX_INITIALIZER };

static int fake_cpu(void)
{
	const char *s = getenv("FAKE_CPU");

	return s ? atoi(s) : 1;
}

static void guest_print(const char *text, size_t len)
{
	if (write(f.guest, text, len) < 0 || write(f.guest, "\n", 1) < 0)
		return;
	f.info.exits[30] += len + 1;
	f.info.exits_total += len + 1;
}

/* One line of console input; false when a stop came first. */
static bool guest_read_line(char *line, size_t size)
{
	struct pollfd p = { .fd = f.guest, .events = POLLIN };
	size_t n = 0;
	char c;

	while (!f.stop) {
		if (poll(&p, 1, 10) <= 0)
			continue;
		if (read(f.guest, &c, 1) != 1)
			return false;
		if (c == '\n') {
			line[n] = '\0';
			return true;
		}
		if (n + 1 < size)
			line[n++] = c;
	}
	return false;
}

static void guest_stop(__u32 reason, __u64 detail, __u64 code)
{
	f.info.stop_reason = reason;
	f.info.stop_detail = detail;
	f.info.exit_code = code;
	f.info.state = RTVMX_VM_STOPPED;
	shutdown(f.guest, SHUT_WR);
}

/* Runs one command; false when it stopped the guest. */
static bool guest_command(const char *cmd, size_t len)
{
	char line[256];
	unsigned long long reason, detail, code;

	f.info.exits_total++;
	if (!strncmp(cmd, "print ", 6)) {
		guest_print(cmd + 6, len - 6);
	} else if (len == 4 && !strncmp(cmd, "echo", 4)) {
		while (guest_read_line(line, sizeof(line))) {
			dprintf(f.guest, "echo: %s\n", line);
			if (!strcmp(line, "quit"))
				return true;
		}
		guest_stop(RTVMX_STOP_USER, 0, 0);
		return false;
	} else if (len == 4 && !strncmp(cmd, "wait", 4)) {
		while (!f.stop)
			usleep(1000);
		guest_stop(RTVMX_STOP_USER, 0, 0);
		return false;
	} else if (len == 5 && !strncmp(cmd, "flags", 5)) {
		len = snprintf(line, sizeof(line), "vm flags: %#x", f.flags);
		guest_print(line, len);
	} else if (sscanf(cmd, "stop %llu %llu %llu", &reason, &detail, &code) == 3) {
		guest_stop(reason, detail, code);
		return false;
	}
	return true;
}

static void *guest_thread(void *unused)
{
	const char *p = f.ram + f.entry, *end = f.ram + f.info.mem_size, *nl;

	(void)unused;
	f.info.exits[18] = 1;
	while (p < end && *p) {
		nl = memchr(p, '\n', end - p);
		if (!nl)
			nl = p + strnlen(p, end - p);
		if (!guest_command(p, nl - p))
			return NULL;
		p = nl + (nl < end && *nl == '\n');
	}
	guest_stop(RTVMX_STOP_SHUTDOWN, 0, 0);
	return NULL;
}

static int fail(int err)
{
	errno = err;
	return -1;
}

static int create_vm(const struct rtvmx_vm_config *c)
{
	int sv[2];

	if (f.vm >= 0)
		return fail(ENOSPC);
	if (c->mem_size % 4096 || (c->flags & ~RTVMX_VM_FLAGS) || c->pad ||
	    ((c->flags & RTVMX_VM_TEST_MMIO) && c->mem_size > RTVMX_TEST_MMIO_GPA))
		return fail(EINVAL);
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv))
		return -1;
	f.ram_fd = memfd_create("fake-ram", MFD_CLOEXEC);
	if (f.ram_fd < 0 || ftruncate(f.ram_fd, c->mem_size))
		return -1;
	f.ram = mmap(NULL, c->mem_size, PROT_READ | PROT_WRITE, MAP_SHARED, f.ram_fd, 0);
	if (f.ram == MAP_FAILED)
		return -1;
	f.flags = c->flags;
	f.vm = sv[0];
	f.guest = sv[1];
	memset(&f.info, 0, sizeof(f.info));
	f.info.id = 7;
	f.info.mem_size = c->mem_size;
	f.info.cpu = -1;
	snprintf(f.info.name, sizeof(f.info.name), "%s", c->name[0] ? c->name : "vm7");
	return f.vm;
}

/* Two entries: leaf 0 and leaf 1 (SSE2 and hypervisor), as RTVMX_GET_CPUID_MODEL gives them. */
static int cpuid_model(struct rtvmx_cpuid_model *m)
{
	static const struct rtvmx_cpuid_entry e[] = {
		{ .leaf = 0, .eax = 1, .ebx = 0x756e6547, .ecx = 0x6c65746e, .edx = 0x49656e69 },
		{ .leaf = 1, .flags = RTVMX_CPUID_F_APIC_ID | RTVMX_CPUID_F_OSXSAVE, .eax = 0x306d4,
		  .ecx = 1u << 31, .edx = 1u << 26 },
	};

	if (m->flags || m->reserved[0] || m->reserved[1] || m->reserved[2])
		return fail(EINVAL);
	if (m->nr < 2) {
		m->nr = 2;
		return fail(E2BIG);
	}
	memcpy(m->entries, e, sizeof(e));
	m->nr = 2;
	return 0;
}

static int dev_ioctl(unsigned long req, void *arg)
{
	struct rtvmx_caps *caps = arg;

	switch (req) {
	case RTVMX_GET_API_VERSION:
		return RTVMX_API_VERSION;
	case RTVMX_CHECK_CAP:
		memset(caps, 0, sizeof(*caps));
		caps->reserved_cpus[0] = caps->vmx_on_cpus[0] = 1ULL << fake_cpu();
		caps->caps = RTVMX_CAP_CPUID_MODEL;
		return 0;
	case RTVMX_CREATE_VM:
		return create_vm(arg);
	case RTVMX_GET_CPUID_MODEL:
		return cpuid_model(arg);
	}
	return fail(ENOTTY);
}

static int create_vcpu(const struct rtvmx_vcpu_config *c)
{
	const char *err = getenv("FAKE_VCPU_ERRNO");

	char nth[16] = "";

	if (err)
		return fail(atoi(err));
	if (f.info.nr_vcpus >= RTVMX_MAX_VCPUS)
		return fail(ENOSPC);
	if (f.info.nr_vcpus)
		snprintf(nth, sizeof(nth), " (vcpu %u)", f.info.nr_vcpus);
	if (getenv("FAKE_VCPU_LOG"))
		fprintf(stderr, "fake_dev: CREATE_VCPU cpu %u policy %u params %llu %llu %llu%s\n",
			c->cpu, c->sched_policy, (unsigned long long)c->reserved[0],
			(unsigned long long)c->reserved[1], (unsigned long long)c->reserved[2],
			nth);
	if (c->cpu != (__u32)fake_cpu() || c->sched_policy >= RTVMX_NR_SCHED_POLICIES ||
	    c->reserved[3] || c->reserved[4] || c->reserved[5] ||
	    (c->sched_policy == RTVMX_SCHED_DEDICATED &&
	     (c->reserved[0] || c->reserved[1] || c->reserved[2])))
		return fail(EINVAL);
	if (!f.info.nr_vcpus++)
		f.info.cpu = c->cpu;
	return 0;
}

static int vm_ioctl(unsigned long req, void *arg)
{
	const struct rtvmx_boot_state *b = arg;

	switch (req) {
	case RTVMX_SET_BOOT_STATE:
		if (b->mode < RTVMX_BOOT_64BIT_FLAT || b->mode > RTVMX_BOOT_REAL_MODE ||
		    b->entry >= f.info.mem_size)
			return fail(EINVAL);
		f.entry = b->entry;
		f.has_boot = true;
		return 0;
	case RTVMX_CREATE_VCPU:
		return create_vcpu(arg);
	case RTVMX_START:
		if (!f.info.nr_vcpus || !f.has_boot)
			return fail(EINVAL);
		f.info.state = RTVMX_VM_RUNNING;
		return pthread_create(&f.thread, NULL, guest_thread, NULL) ? fail(EAGAIN) : 0;
	case RTVMX_STOP:
		if (f.info.state != RTVMX_VM_RUNNING)
			return fail(EINVAL);
		f.stop = true;
		pthread_join(f.thread, NULL);
		return 0;
	case RTVMX_GET_INFO:
		memcpy(arg, &f.info, sizeof(f.info));
		return 0;
	}
	return fail(ENOTTY);
}

int ioctl(int fd, unsigned long req, ...)
{
	static int (*real)(int, unsigned long, ...);
	va_list ap;
	void *arg;
	int ret;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	pthread_mutex_lock(&f.lock);
	if (fd >= 0 && fd == f.dev)
		ret = dev_ioctl(req, arg);
	else if (fd >= 0 && fd == f.vm)
		ret = vm_ioctl(req, arg);
	else
		ret = -2;
	pthread_mutex_unlock(&f.lock);
	if (ret != -2)
		return ret;
	if (!real)
		real = dlsym(RTLD_NEXT, "ioctl");
	return real(fd, req, arg);
}

static int fake_open(const char *path)
{
	if (strcmp(path, FAKE_PATH))
		return -2;
	f.dev = open("/dev/null", O_RDWR | O_CLOEXEC);
	return f.dev;
}

int open(const char *path, int flags, ...)
{
	static int (*real)(const char *, int, ...);
	int fd = fake_open(path);
	va_list ap;
	mode_t mode;

	if (fd != -2)
		return fd;
	va_start(ap, flags);
	mode = va_arg(ap, mode_t);
	va_end(ap);
	if (!real)
		real = dlsym(RTLD_NEXT, "open");
	return real(path, flags, mode);
}

int open64(const char *path, int flags, ...) __attribute__((alias("open")));

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	static void *(*real)(void *, size_t, int, int, int, off_t);

	if (!real)
		real = dlsym(RTLD_NEXT, "mmap");
	if (fd >= 0 && fd == f.vm) {
		if ((__u64)off >= f.info.mem_size || len > f.info.mem_size - off) {
			errno = EINVAL;
			return MAP_FAILED;
		}
		fd = f.ram_fd;
	}
	return real(addr, len, prot, flags, fd, off);
}

void *mmap64(void *addr, size_t len, int prot, int flags, int fd, off_t off)
	__attribute__((alias("mmap")));
