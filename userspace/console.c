// SPDX-License-Identifier: GPL-2.0
/*
 * Console of a running VM: ppoll() on the VM fd and stdin with the stop
 * signals unblocked only inside ppoll(), so a signal can never slip in
 * between the check of stop_requested and the wait.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>

#include "cli.h"
#include "console.h"

#define STOP_SIGNALS	{ SIGINT, SIGTERM, SIGHUP }
/* How often to retry console input the guest has not taken yet. */
#define INPUT_RETRY_NS	10000000L

static volatile sig_atomic_t stop_requested;
static bool detach_on_signal;	/* console_attach(): a signal ends the session only */
static sigset_t wait_mask;	/* the mask inside ppoll(): stop signals unblocked */

struct console {
	int vm;
	int in;			/* stdin; -1 once it has ended */
	char pending[256];	/* stdin bytes the VM has not taken yet */
	size_t len, off;
	bool stop_sent;
};

static void on_stop_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

int console_signals_setup(void)
{
	static const int sigs[] = STOP_SIGNALS;
	struct sigaction sa;
	sigset_t block;
	unsigned int i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop_signal;	/* no SA_RESTART: ppoll() returns EINTR */
	sigemptyset(&sa.sa_mask);
	sigemptyset(&block);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		sigaddset(&block, sigs[i]);
		if (sigaction(sigs[i], &sa, NULL)) {
			cli_err("sigaction: %s", strerror(errno));
			return -1;
		}
	}
	if (sigprocmask(SIG_BLOCK, &block, &wait_mask)) {
		cli_err("sigprocmask: %s", strerror(errno));
		return -1;
	}
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigdelset(&wait_mask, sigs[i]);
	return 0;
}

static int write_all(int fd, const char *buf, size_t len)
{
	ssize_t n;

	while (len) {
		n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			cli_err("writing the console to stdout: %s", strerror(errno));
			return -1;
		}
		buf += n;
		len -= n;
	}
	return 0;
}

/* Console output to stdout: 1 when some came, 0 at end of file, -1 on error. */
static int console_output(struct console *con)
{
	char buf[4096];
	ssize_t n = read(con->vm, buf, sizeof(buf));

	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return 1;
	if (n < 0) {
		cli_err("reading the console: %s", strerror(errno));
		return -1;
	}
	if (n && write_all(STDOUT_FILENO, buf, n))
		return -1;
	return n ? 1 : 0;
}

/* stdin to the pending buffer; stdin's end or failure just ends forwarding. */
static void console_input(struct console *con)
{
	ssize_t n = read(con->in, con->pending, sizeof(con->pending));

	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n <= 0) {
		con->in = -1;
		return;
	}
	con->len = n;
	con->off = 0;
}

/* Pending input to the VM, as much as its receive buffer takes now. */
static int console_forward(struct console *con)
{
	ssize_t n = write(con->vm, con->pending + con->off, con->len - con->off);

	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return 0;
	if (n < 0) {
		cli_err("writing to the console: %s", strerror(errno));
		return -1;
	}
	con->off += n;
	if (con->off == con->len)
		con->len = con->off = 0;
	return 0;
}

/* RTVMX_STOP waits until the guest has stopped; EINVAL means it had already. */
static void console_stop(struct console *con)
{
	con->stop_sent = true;
	if (ioctl(con->vm, RTVMX_STOP) && errno != EINVAL && errno != EINTR)
		cli_err("RTVMX_STOP: %s", strerror(errno));
}

static int console_wait(struct console *con, struct pollfd *fds)
{
	static const struct timespec retry = { 0, INPUT_RETRY_NS };

	fds[0].fd = con->vm;
	fds[0].events = POLLIN | (con->len ? POLLOUT : 0);
	fds[1].fd = con->len || con->in < 0 ? -1 : con->in;
	fds[1].events = POLLIN;
	fds[0].revents = fds[1].revents = 0;
	if (ppoll(fds, 2, con->len ? &retry : NULL, &wait_mask) >= 0 || errno == EINTR)
		return 0;
	cli_err("ppoll: %s", strerror(errno));
	return -1;
}

int console_run(int vm)
{
	struct console con = { .vm = vm, .in = STDIN_FILENO };
	struct pollfd fds[2];
	int ret;

	if (fcntl(vm, F_SETFL, O_NONBLOCK)) {
		cli_err("fcntl(O_NONBLOCK) on the VM fd: %s", strerror(errno));
		return -1;
	}
	for (;;) {
		if (stop_requested && detach_on_signal)
			return 0;
		if (stop_requested && !con.stop_sent)
			console_stop(&con);
		if (console_wait(&con, fds))
			return -1;
		if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
			ret = console_output(&con);
			if (ret <= 0)
				return ret;
		}
		if (con.len && console_forward(&con))
			return -1;
		if (fds[1].revents & (POLLIN | POLLHUP | POLLERR | POLLNVAL))
			console_input(&con);
	}
}

int console_attach(int vm)
{
	detach_on_signal = true;
	return console_run(vm);
}
