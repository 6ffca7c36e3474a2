// SPDX-License-Identifier: GPL-2.0
/*
 * modload FILE [PARAM=VALUE...]: load a module with exactly one finit_module()
 * call. busybox insmod retries a refused finit_module() with init_module(),
 * which runs the module's init twice and logs every refusal twice.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

int main(int argc, char **argv)
{
	char params[1024] = "";
	size_t len = 0;
	int fd, i;

	if (argc < 2) {
		fprintf(stderr, "usage: modload FILE [PARAM=VALUE...]\n");
		return 2;
	}
	for (i = 2; i < argc; i++) {
		int n = snprintf(params + len, sizeof(params) - len, "%s%s",
				 i > 2 ? " " : "", argv[i]);

		if (n < 0 || (size_t)n >= sizeof(params) - len) {
			fprintf(stderr, "modload: parameters longer than %zu bytes\n", sizeof(params));
			return 2;
		}
		len += n;
	}
	fd = open(argv[1], O_RDONLY | O_CLOEXEC);
	if (fd < 0 || syscall(SYS_finit_module, fd, params, 0)) {
		fprintf(stderr, "modload: can't insert '%s': %s\n", argv[1], strerror(errno));
		return 1;
	}
	close(fd);
	return 0;
}
