/* SPDX-License-Identifier: GPL-2.0 */
/*
 * TAP output for rtvmx selftests written in C, kselftest style: every check
 * prints "ok N - what" or "not ok N - what", diagnostics are "# " lines, and
 * the program exits KSFT_PASS, KSFT_FAIL or KSFT_SKIP.
 */
#ifndef RTVMX_SELFTEST_TAP_H
#define RTVMX_SELFTEST_TAP_H

#include <stdbool.h>

#define KSFT_PASS	0
#define KSFT_FAIL	1
#define KSFT_SKIP	4

#define TAP_PRINTF(f, a)	__attribute__((format(printf, f, a)))

/* Line-buffers stdout (children fork) and prints the TAP version line. */
void tap_start(void);
TAP_PRINTF(1, 2) void tap_diag(const char *fmt, ...);
/* One check; returns @ok so a test can stop when a step it needs failed. */
TAP_PRINTF(2, 3) bool tap_check(bool ok, const char *fmt, ...);
/* Checks that a syscall result @ret is -1 with errno @want (errno read at entry). */
TAP_PRINTF(3, 4) bool tap_check_errno(long ret, int want, const char *fmt, ...);
/* Prints the plan and returns the exit code; no check at all is a failure. */
int tap_done(void);
/* Skips the rest of the test with a reason; an earlier failure still fails it. */
TAP_PRINTF(1, 2) __attribute__((noreturn)) void tap_skip(const char *fmt, ...);

#endif
