// SPDX-License-Identifier: GPL-2.0
/* /dev/rtvmx access: open and ioctls, each failure reported with its cause. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "cli.h"

static const char *dev_path(void)
{
	const char *path = getenv("RTVMX_DEV");

	return path && *path ? path : "/dev/" RTVMX_DEVICE_NAME;
}

static const char *open_hint(int err)
{
	switch (err) {
	case ENOENT:
	case ENODEV:
	case ENXIO:
		return " (is rtvmx.ko loaded?)";
	case EACCES:
	case EPERM:
		return " (needs root with CAP_SYS_ADMIN)";
	default:
		return "";
	}
}

int rtvmx_open(void)
{
	const char *path = dev_path();
	int fd = open(path, O_RDWR | O_CLOEXEC);
	int err = errno;

	if (fd < 0)
		cli_err("cannot open %s: %s%s", path, strerror(err), open_hint(err));
	return fd;
}

int rtvmx_api_version(int fd)
{
	int ret = ioctl(fd, RTVMX_GET_API_VERSION);

	if (ret < 0)
		cli_err("RTVMX_GET_API_VERSION: %s", strerror(errno));
	return ret;
}

int rtvmx_check_cap(int fd, struct rtvmx_caps *caps)
{
	memset(caps, 0, sizeof(*caps));
	if (ioctl(fd, RTVMX_CHECK_CAP, caps) < 0) {
		cli_err("RTVMX_CHECK_CAP: %s", strerror(errno));
		return -1;
	}
	return 0;
}

struct rtvmx_cpuid_model *rtvmx_get_cpuid_model(int fd)
{
	struct rtvmx_cpuid_model probe, *m;

	/* Ask with no room: E2BIG and the count; then with room for it. */
	memset(&probe, 0, sizeof(probe));
	if (!ioctl(fd, RTVMX_GET_CPUID_MODEL, &probe) || errno != E2BIG) {
		cli_err("RTVMX_GET_CPUID_MODEL: %s", strerror(errno));
		return NULL;
	}
	m = calloc(1, sizeof(*m) + probe.nr * sizeof(m->entries[0]));
	if (!m) {
		cli_err("out of memory");
		return NULL;
	}
	m->nr = probe.nr;
	if (ioctl(fd, RTVMX_GET_CPUID_MODEL, m) < 0) {
		cli_err("RTVMX_GET_CPUID_MODEL: %s", strerror(errno));
		free(m);
		return NULL;
	}
	return m;
}

int rtvmx_create_vm(int fd, const char *name, __u64 mem_size, __u32 flags)
{
	struct rtvmx_vm_config cfg;
	int vm, err;

	memset(&cfg, 0, sizeof(cfg));
	cfg.mem_size = mem_size;
	cfg.flags = flags;
	snprintf(cfg.name, sizeof(cfg.name), "%s", name ? name : "");
	vm = ioctl(fd, RTVMX_CREATE_VM, &cfg);
	if (vm >= 0)
		return vm;
	err = errno;
	if (err == EEXIST)
		cli_err("a VM named %s exists already (see 'rtvmx list')", cfg.name);
	else if (err == EINVAL && cfg.name[0] == 'v' && cfg.name[1] == 'm' && cfg.name[2] &&
		 strspn(cfg.name + 2, "0123456789") == strlen(cfg.name + 2))
		cli_err("RTVMX_CREATE_VM: %s (names vm<digits> are kept for unnamed VMs)",
			strerror(err));
	else if (err == EINVAL && (flags & ~RTVMX_VM_FLAGS))
		cli_err("RTVMX_CREATE_VM: %s (flags %#x unknown to this rtvmx.ko)", strerror(err), flags);
	else if (err == EINVAL && flags)
		cli_err("RTVMX_CREATE_VM: %s (memory must be a multiple of 4 KiB from %llu MiB to %llu GiB, the name [A-Za-z0-9._-], and the loaded rtvmx.ko must know flags %#x; see dmesg)",
			strerror(err), RTVMX_MIN_MEM >> 20, RTVMX_MAX_MEM >> 30, flags);
	else if (err == EINVAL)
		cli_err("RTVMX_CREATE_VM: %s (memory must be a multiple of 4 KiB from %llu MiB to %llu GiB, the name [A-Za-z0-9._-]; see dmesg)",
			strerror(err), RTVMX_MIN_MEM >> 20, RTVMX_MAX_MEM >> 30);
	else if (err == ENOMEM)
		cli_err("RTVMX_CREATE_VM: %s (no room for %llu KiB of pinned guest RAM; try a smaller --mem)",
			strerror(err), (unsigned long long)mem_size >> 10);
	else if (err == ENOTTY)
		cli_err("RTVMX_CREATE_VM: %s (the loaded rtvmx.ko cannot run guests; load a newer one)",
			strerror(err));
	else
		cli_err("RTVMX_CREATE_VM: %s", strerror(err));
	return -1;
}

int rtvmx_set_boot_state(int vm, __u32 mode, __u64 entry, __u64 stack, __u64 arg)
{
	struct rtvmx_boot_state b;
	int err;

	memset(&b, 0, sizeof(b));
	b.mode = mode;
	b.entry = entry;
	b.stack = stack;
	b.arg = arg;
	if (!ioctl(vm, RTVMX_SET_BOOT_STATE, &b))
		return 0;
	err = errno;
	cli_err("RTVMX_SET_BOOT_STATE: %s%s", strerror(err),
		err == EINVAL ? " (entry or stack not valid for the boot mode; see dmesg)" : "");
	return -1;
}

static const char *vcpu_hint(int err)
{
	switch (err) {
	case EBUSY:
		return "cannot take this vCPU beside the ones it runs: a dedicated CPU, another policy, or the set would not fit (dmesg names the reason)";
	case EINVAL:
		return "is not reserved by rtvmx (see 'rtvmx caps'), or the scheduling parameters are invalid (dmesg names the reason)";
	case EIO:
		return "is not in VMX operation (offline, or VMXON failed; see dmesg)";
	default:
		return NULL;
	}
}

int rtvmx_create_vcpu(int vm, unsigned int cpu, const struct rtvmx_vcpu_config *sched)
{
	struct rtvmx_vcpu_config c = *sched;
	const char *hint;
	int err;

	c.cpu = cpu;
	if (!ioctl(vm, RTVMX_CREATE_VCPU, &c))
		return 0;
	err = errno;
	hint = vcpu_hint(err);
	if (hint)
		cli_err("RTVMX_CREATE_VCPU: %s: cpu %u %s", strerror(err), cpu, hint);
	else
		cli_err("RTVMX_CREATE_VCPU: cpu %u: %s", cpu, strerror(err));
	return -1;
}

int rtvmx_start(int vm)
{
	int err;

	if (!ioctl(vm, RTVMX_START))
		return 0;
	err = errno;
	cli_err("RTVMX_START: %s%s", strerror(err),
		err == EINVAL ? " (the VM needs a vCPU and a boot state; see dmesg)" : "");
	return -1;
}

int rtvmx_get_info(int vm, struct rtvmx_vm_info *info)
{
	memset(info, 0, sizeof(*info));
	if (!ioctl(vm, RTVMX_GET_INFO, info))
		return 0;
	cli_err("RTVMX_GET_INFO: %s", strerror(errno));
	return -1;
}

int rtvmx_attach_vm(int fd, __u32 id)
{
	struct rtvmx_vm_attach a = { .id = id };
	int vm = ioctl(fd, RTVMX_ATTACH_VM, &a);

	if (vm >= 0)
		return vm;
	if (errno == ENOENT)
		cli_err("no VM with id %u", id);
	else if (errno == EINVAL)
		cli_err("VM %u is not persistent: only the 'rtvmx run' that started it has its console", id);
	else if (errno == EBUSY)
		cli_err("VM %u is not started yet", id);
	else
		cli_err("RTVMX_ATTACH_VM: %s", strerror(errno));
	return -1;
}
