// SPDX-License-Identifier: GPL-2.0
/*
 * Only root with CAP_SYS_ADMIN may open /dev/rtvmx: uid 65534 gets EACCES or
 * EPERM, root without CAP_SYS_ADMIN gets EPERM or EACCES, root opens it.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <linux/capability.h>

#include "tap.h"
#include "rtvmx_test.h"

#define NOBODY	65534

/* Child exit codes. */
#define OPEN_REFUSED	0
#define OPEN_ALLOWED	1
#define SETUP_FAILED	2

static int become_nobody(void)
{
	if (setgroups(0, NULL) || setgid(NOBODY) || setuid(NOBODY)) {
		tap_diag("dropping to uid/gid %d: %s", NOBODY, strerror(errno));
		return -1;
	}
	return 0;
}

/* Stays uid 0 but clears CAP_SYS_ADMIN from the effective and permitted sets. */
static int drop_sys_admin(void)
{
	struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];
	unsigned int word = CAP_TO_INDEX(CAP_SYS_ADMIN);

	if (syscall(SYS_capget, &hdr, data)) {
		tap_diag("capget: %s", strerror(errno));
		return -1;
	}
	data[word].effective &= ~CAP_TO_MASK(CAP_SYS_ADMIN);
	data[word].permitted &= ~CAP_TO_MASK(CAP_SYS_ADMIN);
	if (syscall(SYS_capset, &hdr, data)) {
		tap_diag("capset: %s", strerror(errno));
		return -1;
	}
	return 0;
}

static int child_open(int (*drop)(void), const char *who)
{
	int fd, err;

	if (drop())
		return SETUP_FAILED;
	fd = open(RTVMX_NODE, O_RDWR | O_CLOEXEC);
	err = errno;
	if (fd >= 0) {
		tap_diag("%s opened %s", who, RTVMX_NODE);
		return OPEN_ALLOWED;
	}
	tap_diag("%s: open: %s", who, strerror(err));
	return err == EACCES || err == EPERM ? OPEN_REFUSED : SETUP_FAILED;
}

/* Runs child_open() in a child so the test keeps its own credentials. */
static int open_as(int (*drop)(void), const char *who)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		tap_diag("fork: %s", strerror(errno));
		return SETUP_FAILED;
	}
	if (!pid)
		_exit(child_open(drop, who));
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return SETUP_FAILED;
	return WEXITSTATUS(status);
}

int main(void)
{
	int fd, err;

	tap_start();
	rtvmx_require();
	if (!tap_check(rtvmx_load("") == 0, "load rtvmx"))
		return tap_done();
	fd = open(RTVMX_NODE, O_RDWR | O_CLOEXEC);
	err = errno;
	if (!tap_check(fd >= 0, "root opens %s", RTVMX_NODE))
		tap_diag("open: %s", strerror(err));
	if (fd >= 0)
		close(fd);
	tap_check(open_as(become_nobody, "uid 65534") == OPEN_REFUSED,
		  "uid %d cannot open %s (EACCES or EPERM)", NOBODY, RTVMX_NODE);
	tap_check(open_as(drop_sys_admin, "root without CAP_SYS_ADMIN") == OPEN_REFUSED,
		  "root without CAP_SYS_ADMIN cannot open %s (EPERM or EACCES)", RTVMX_NODE);
	tap_check(rtvmx_unload() == 0, "unload rtvmx");
	return tap_done();
}
