// SPDX-License-Identifier: GPL-2.0
/*
 * kvm_vm [--hold]: open /dev/kvm and create a VM (KVM_CREATE_VM), which makes
 * kvm_intel turn VMX on on every online CPU.
 * Prints "created" and exits 0, or names the errno and exits 1 (2: bad usage
 * or no /dev/kvm). With --hold, prints "held" once the VM exists and keeps it
 * until stdin reaches EOF or a signal ends the program, then exits 0.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <linux/kvm.h>

static void report(const char *what, int err)
{
	printf("kvm_vm: %s: %s (%s)\n", what, strerrorname_np(err) ?: "?", strerror(err));
}

static void wait_for_eof(void)
{
	char buf[64];
	ssize_t n;

	do
		n = read(STDIN_FILENO, buf, sizeof(buf));
	while (n > 0 || (n < 0 && errno == EINTR));
}

int main(int argc, char **argv)
{
	bool hold = argc == 2 && !strcmp(argv[1], "--hold");
	int kvm, vm;

	if (argc > 2 || (argc == 2 && !hold)) {
		fprintf(stderr, "usage: kvm_vm [--hold]\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm < 0) {
		report("open /dev/kvm", errno);
		return 2;
	}
	vm = ioctl(kvm, KVM_CREATE_VM, 0);
	if (vm < 0) {
		report("KVM_CREATE_VM", errno);
		return 1;
	}
	if (!hold) {
		printf("created\n");
		return 0;
	}
	printf("held\n");
	wait_for_eof();
	close(vm);
	printf("released\n");
	return 0;
}
