// SPDX-License-Identifier: GPL-2.0
/* /dev/rtvmx access: open and ioctls, each failure reported with its cause. */
#include <errno.h>
#include <fcntl.h>
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
