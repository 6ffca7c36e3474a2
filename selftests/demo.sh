#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
# The README demo: load rtvmx, show what it found, run the hello guest on
# the reserved CPU with its exit statistics, then the README's session with a
# persistent guest (run --detach, list, info, stats, console, stop, destroy)
# while "rtvmx monitor" prints the events; unload rtvmx.
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

"$RTVMX_CLI" monitor &
mon=$!
sleep 1
run "$RTVMX_CLI" run -d --name web "$GUESTS_DIR/loop.elf" || rc=1
run "$RTVMX_CLI" list || rc=1
run "$RTVMX_CLI" info --json web || rc=1
run "$RTVMX_CLI" stats --interval 0.5 web || rc=1
echo "\$ rtvmx console web    # SIGINT after 3 s detaches"
timeout -s INT 3 "$RTVMX_CLI" console web </dev/null || rc=1
run "$RTVMX_CLI" stop web || rc=1
run "$RTVMX_CLI" destroy web || rc=1
sleep 1
kill "$mon"
wait "$mon" 2>/dev/null
run rmmod rtvmx || rc=1
exit "$rc"
