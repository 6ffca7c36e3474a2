#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash disable=SC2317  # functions run through check()
# The rtvmx tracepoints in tracefs: with events/rtvmx enabled, a guest that
# reads an unknown MSR (#GP injected, then a triple fault) leaves one
# rtvmx_exit per exit it took (as many as "rtvmx run --stats" counts), entries
# with the guest RIP, the #GP injection (vector 13, type 3 = hardware
# exception, error code 0) and the vCPU's run and stop on its CPU; disabled,
# a guest leaves nothing.
# shellcheck source=SCRIPTDIR/../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"
# shellcheck source=SCRIPTDIR/../lib/run.sh
. "$(dirname "$0")/../lib/run.sh"

TRACEFS=/sys/kernel/tracing
[ -d "$TRACEFS/events" ] || TRACEFS=/sys/kernel/debug/tracing
TRACE_OUT=$TMPDIR/rtvmx-trace.$$.out

test_cleanup() {
	[ -w "$TRACEFS/events/rtvmx/enable" ] && echo 0 >"$TRACEFS/events/rtvmx/enable"
	[ -w "$TRACEFS/trace" ] && : >"$TRACEFS/trace"
	rm -f "$TRACE_OUT" "$RUN_OUT_FILE" "$RUN_ERR_FILE"
}

# trace_count EVENT [FIELDS]: lines of EVENT (whose fields start with FIELDS).
trace_count() {
	grep -c ": $1: $2" "$TRACE_OUT"
}

trace_has() {
	[ "$(trace_count "$1" "$2")" -ge 1 ]
}

vm_test_start
[ -d "$TRACEFS/events" ] || tap_skip "no tracefs at /sys/kernel/tracing or /sys/kernel/debug/tracing"
for e in rtvmx_entry rtvmx_exit rtvmx_inject rtvmx_sched; do
	check "tracefs has events/rtvmx/$e" test -d "$TRACEFS/events/rtvmx/$e"
done
echo 4096 >"$TRACEFS/buffer_size_kb"
: >"$TRACEFS/trace"
echo 1 >"$TRACEFS/events/rtvmx/enable"
echo 1 >"$TRACEFS/tracing_on"
run_guest msr --arg 1
echo 0 >"$TRACEFS/events/rtvmx/enable"
cat "$TRACEFS/trace" >"$TRACE_OUT"
diag "$(grep -c rtvmx_ "$TRACE_OUT") rtvmx events; the last ones:"
diag "$(grep rtvmx_ "$TRACE_OUT" | tail -n 5)"
check "msr --arg 1: triple fault after the #GP" status_is "$RUN_TRIPLE_FAULT"
exits=$(run_stat exits)
check "one rtvmx_exit per exit counted ($exits)" [ "$(trace_count rtvmx_exit)" = "$exits" ]
check "one rtvmx_entry per exit" [ "$(trace_count rtvmx_entry)" = "$exits" ]
check "rtvmx_entry carries a guest RIP" trace_has rtvmx_entry "vpid=[0-9]* rip=0x"
check "rtvmx_exit: I/O exits (reason 30) with their RIP" trace_has rtvmx_exit "vpid=[0-9]* reason=30 qualification=0x[0-9a-f]* rip=0x"
check "rtvmx_exit: the RDMSR exit (reason 31)" trace_has rtvmx_exit "vpid=[0-9]* reason=31 "
check "rtvmx_exit: the triple fault (reason 2)" trace_has rtvmx_exit "vpid=[0-9]* reason=2 "
check "rtvmx_inject: #GP, vector 13, type 3, error code 0" \
	trace_has rtvmx_inject "vector=13 type=3 has_error_code=1 error_code=0x0"
check "rtvmx_sched: the vCPU runs on cpu $TEST_CPU" trace_has rtvmx_sched "cpu=$TEST_CPU vm=[0-9]* vcpu=0 decision=run"
check "rtvmx_sched: the vCPU stops on cpu $TEST_CPU" trace_has rtvmx_sched "cpu=$TEST_CPU vm=[0-9]* vcpu=0 decision=stop"

: >"$TRACEFS/trace"
run_guest hello
cat "$TRACEFS/trace" >"$TRACE_OUT"
check "hello: exit status 0" status_is 0
check "events disabled: a guest leaves no rtvmx event" [ "$(grep -c ': rtvmx_' "$TRACE_OUT")" -eq 0 ]
vm_test_end
