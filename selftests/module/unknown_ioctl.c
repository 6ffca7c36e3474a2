// SPDX-License-Identifier: GPL-2.0
/* ioctl numbers /dev/rtvmx does not know give ENOTTY and leave it working. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>

#include "tap.h"
#include "rtvmx_test.h"

static const struct {
	unsigned long nr;
	const char *what;
} unknown[] = {
	{ _IO(0xAE, 0x01), "KVM_CREATE_VM (wrong magic)" },
	{ _IO(RTVMX_IO + 1, 0x00), "wrong magic, nr 0" },
	{ _IOWR(RTVMX_IO + 1, 0x01, struct rtvmx_caps), "wrong magic, CHECK_CAP's nr and size" },
	{ _IO(RTVMX_IO, 0x7f), "right magic, unknown nr 0x7f" },
	{ _IO(RTVMX_IO, 0xff), "right magic, unknown nr 0xff" },
	{ _IOWR(RTVMX_IO, 0x01, __u64), "CHECK_CAP's nr, wrong size" },
	{ _IOR(RTVMX_IO, 0x01, struct rtvmx_caps), "CHECK_CAP's nr, read-only direction" },
	{ _IOW(RTVMX_IO, 0x01, struct rtvmx_caps), "CHECK_CAP's nr, write-only direction" },
	{ _IO(RTVMX_IO, 0x01), "CHECK_CAP's nr, no size or direction" },
	{ _IOR(RTVMX_IO, 0x00, int), "GET_API_VERSION's nr with a size" },
	{ 0x5401, "TCGETS" },
	{ 0, "ioctl 0" },
};

int main(void)
{
	struct rtvmx_caps buf;
	unsigned int i;
	int fd, err, ver;

	tap_start();
	rtvmx_require();
	if (!tap_check(rtvmx_load("") == 0, "load rtvmx"))
		return tap_done();
	fd = open(RTVMX_NODE, O_RDWR | O_CLOEXEC);
	err = errno;
	if (tap_check(fd >= 0, "open %s", RTVMX_NODE)) {
		for (i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
			memset(&buf, 0, sizeof(buf));
			tap_check_errno(ioctl(fd, unknown[i].nr, &buf), ENOTTY,
					"0x%08lx %s gives ENOTTY", unknown[i].nr, unknown[i].what);
		}
		ver = ioctl(fd, RTVMX_GET_API_VERSION);
		tap_check(ver == RTVMX_API_VERSION, "RTVMX_GET_API_VERSION still works (%d)", ver);
		close(fd);
	} else {
		tap_diag("open: %s", strerror(err));
	}
	tap_check(rtvmx_unload() == 0, "unload rtvmx");
	return tap_done();
}
