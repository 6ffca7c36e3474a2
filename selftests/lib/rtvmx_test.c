// SPDX-License-Identifier: GPL-2.0
/* Module and host helpers for the rtvmx selftests written in C. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "tap.h"
#include "rtvmx_test.h"

static bool file_has_word(const char *path, const char *word)
{
	char line[4096];
	bool found = false;
	FILE *f = fopen(path, "r");

	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f))
		found = strstr(line, word) != NULL;
	fclose(f);
	return found;
}

/* First CPU of /sys/devices/system/cpu/isolated, or -1 when none is. */
static int first_isolated_cpu(void)
{
	FILE *f = fopen("/sys/devices/system/cpu/isolated", "r");
	int cpu = -1;

	if (f) {
		if (fscanf(f, "%d", &cpu) != 1)
			cpu = -1;
		fclose(f);
	}
	return cpu;
}

int rtvmx_require(void)
{
	int cpu;

	if (geteuid())
		tap_skip("needs root");
	if (!file_has_word("/proc/cpuinfo", " vmx"))
		tap_skip("the CPU has no VMX (no 'vmx' in /proc/cpuinfo)");
	cpu = first_isolated_cpu();
	if (cpu < 0)
		tap_skip("no isolated CPU; boot with isolcpus= and nohz_full=");
	return cpu;
}

bool rtvmx_loaded(void)
{
	struct stat st;

	return !stat("/sys/module/rtvmx", &st);
}

int rtvmx_load(const char *params)
{
	const char *ko = getenv("RTVMX_KO");
	int fd, err = 0;

	if (!ko || !*ko)
		ko = "/rtvmx/rtvmx.ko";
	if (rtvmx_loaded()) {
		tap_diag("rtvmx was already loaded; unloading it first");
		rtvmx_unload();
	}
	fd = open(ko, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || syscall(SYS_finit_module, fd, params, 0))
		err = errno;
	if (err)
		tap_diag("loading %s %s: %s", ko, params, strerror(err));
	if (fd >= 0)
		close(fd);
	return -err;
}

int rtvmx_unload(void)
{
	if (syscall(SYS_delete_module, "rtvmx", O_NONBLOCK)) {
		int err = errno;

		tap_diag("unloading rtvmx: %s", strerror(err));
		return -err;
	}
	return 0;
}

/* debugfs is mounted when /sys/kernel/debug lies on another device than /sys/kernel. */
static void mount_debugfs(void)
{
	struct stat dir, parent;

	if (stat("/sys/kernel/debug", &dir) || stat("/sys/kernel", &parent) ||
	    dir.st_dev != parent.st_dev)
		return;
	if (mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL))
		tap_diag("mounting debugfs: %s", strerror(errno));
}

int rtvmx_debugfs_value(const char *key, unsigned long *val)
{
	char line[4096], *end;
	size_t len = strlen(key);
	int ret = -ENOENT;
	FILE *f;

	mount_debugfs();
	f = fopen(RTVMX_DEBUGFS "/cpus", "r");
	if (!f)
		return -errno;
	while (ret && fgets(line, sizeof(line), f)) {
		if (strncmp(line, key, len) || line[len] != ':')
			continue;
		errno = 0;
		*val = strtoul(line + len + 1, &end, 0);
		ret = errno || end == line + len + 1 ? -EINVAL : 0;
	}
	fclose(f);
	return ret;
}
