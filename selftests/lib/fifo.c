// SPDX-License-Identifier: GPL-2.0
/*
 * fifo PRIO COMMAND [ARG...]: run COMMAND as SCHED_FIFO at PRIO (busybox has
 * no chrt). Its children inherit the policy.
 */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct sched_param sp;
	char *end;

	if (argc < 3) {
		fprintf(stderr, "usage: fifo PRIO COMMAND [ARG...]\n");
		return 2;
	}
	sp.sched_priority = strtol(argv[1], &end, 10);
	if (*end || sp.sched_priority < sched_get_priority_min(SCHED_FIFO) ||
	    sp.sched_priority > sched_get_priority_max(SCHED_FIFO)) {
		fprintf(stderr, "fifo: priority %s out of range\n", argv[1]);
		return 2;
	}
	if (sched_setscheduler(0, SCHED_FIFO, &sp)) {
		fprintf(stderr, "fifo: sched_setscheduler: %s\n", strerror(errno));
		return 1;
	}
	execvp(argv[2], argv + 2);
	fprintf(stderr, "fifo: %s: %s\n", argv[2], strerror(errno));
	return 127;
}
