// SPDX-License-Identifier: GPL-2.0
/* TAP output for rtvmx selftests written in C (see tap.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

static int tap_nr;
static int tap_nr_failed;

void tap_start(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("TAP version 13\n");
}

void tap_diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static void tap_vresult(bool ok, const char *fmt, va_list ap)
{
	tap_nr++;
	if (!ok)
		tap_nr_failed++;
	printf("%sok %d - ", ok ? "" : "not ", tap_nr);
	vprintf(fmt, ap);
	putchar('\n');
}

bool tap_check(bool ok, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_vresult(ok, fmt, ap);
	va_end(ap);
	return ok;
}

bool tap_check_errno(long ret, int want, const char *fmt, ...)
{
	int err = ret == -1 ? errno : 0;
	bool ok = ret == -1 && err == want;
	va_list ap;

	va_start(ap, fmt);
	tap_vresult(ok, fmt, ap);
	va_end(ap);
	if (!ok)
		tap_diag("got %ld (errno %d, %s); want -1 with errno %d (%s)",
			 ret, err, strerror(err), want, strerror(want));
	return ok;
}

int tap_done(void)
{
	printf("1..%d\n", tap_nr);
	if (!tap_nr)
		tap_diag("no check ran");
	return tap_nr && !tap_nr_failed ? KSFT_PASS : KSFT_FAIL;
}

void tap_skip(const char *fmt, ...)
{
	va_list ap;

	if (tap_nr_failed)
		exit(tap_done());
	fputs(tap_nr ? "# SKIP " : "1..0 # SKIP ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (tap_nr)
		printf("1..%d\n", tap_nr);
	exit(KSFT_SKIP);
}
