#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
# The README demo: load rtvmx, show what it found, run the hello guest on
# the reserved CPU with its exit statistics, unload it.
RTVMX_KO=${RTVMX_KO:-/rtvmx/rtvmx.ko}
RTVMX_CLI=${RTVMX_CLI:-/usr/bin/rtvmx}
GUESTS_DIR=${GUESTS_DIR:-$(cd "$(dirname "$0")" && pwd)/guests}

run() {
	echo "\$ $*"
	"$@"
}

grep -q '^[^ ]* /sys/kernel/debug debugfs ' /proc/mounts ||
	mount -t debugfs debugfs /sys/kernel/debug
run insmod "$RTVMX_KO" || exit 1
run "$RTVMX_CLI" caps
rc=$?
run cat /sys/kernel/debug/rtvmx/cpus || rc=1
run "$RTVMX_CLI" run --stats "$GUESTS_DIR/hello.elf" </dev/null || rc=1
run rmmod rtvmx || rc=1
exit "$rc"
