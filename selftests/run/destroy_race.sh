#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash disable=SC2317  # functions run through check()
# Teardown racing a guest that stops by itself at once, many times over:
# (a) "run -d" of a persistent triple_fault guest, a busy wait of growing
# length, then "rtvmx destroy", all SCHED_FIFO on the housekeeping CPU: its
# workers (which finish a stop) cannot run in between, so the destroy meets
# a VM whose vCPUs have stopped and whose stop work is still queued. A loop
# guest shares the CPU with them (EDF), so that the core's thread stays and
# the teardown does not sleep on it before it frees the vCPU; (b) the same guest started
# while "rtvmx destroy" is retried in a loop, so the destroy meets it
# created, running, stopping or stopped; (c) "rtvmx run" of exit_hypercall
# killed after a short, varying delay, so the last fd closes while the guest
# stops. "rtvmx monitor" listens throughout, so the stop event is built
# from the VM as it goes.
# Every round leaves nothing behind; every stop event names a real reason
# (freed vCPU memory would not: with slub_debug=P, mkimage.sh, it reads as
# 0x6b); the kernel log stays clean; a normal guest still runs afterwards.
# shellcheck source=SCRIPTDIR/../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"
# shellcheck source=SCRIPTDIR/../lib/run.sh
. "$(dirname "$0")/../lib/run.sh"

ROUNDS=${RTVMX_DESTROY_RACE_ROUNDS:-30}
MON_OUT=$TMPDIR/rtvmx-destroy-race.$$.mon
MON_ERR=$TMPDIR/rtvmx-destroy-race.$$.monerr
MON_PID=
DESTROYER=

test_cleanup() {
	local i

	[ -z "$DESTROYER" ] || kill "$DESTROYER" 2>/dev/null
	if [ -n "$MON_PID" ]; then
		kill "$MON_PID" 2>/dev/null
		wait "$MON_PID" 2>/dev/null
	fi
	"$RTVMX_CLI" destroy drkeep >/dev/null 2>&1
	for i in $(seq 1 "$ROUNDS"); do
		"$RTVMX_CLI" destroy "dr$i" >/dev/null 2>&1
	done
	rm -f "$MON_OUT" "$MON_ERR" "$RUN_OUT_FILE" "$RUN_ERR_FILE"
}

monitor_start() {
	"$RTVMX_CLI" monitor >"$MON_OUT" 2>"$MON_ERR" &
	MON_PID=$!
	wait_file_has "$MON_ERR" "listening for events" 20
}

# destroy_until_gone VM: "rtvmx destroy VM" until one succeeds (at most 600 tries).
destroy_until_gone() {
	local n=0

	while [ "$n" -lt 600 ]; do
		"$RTVMX_CLI" destroy "$1" >/dev/null 2>&1 && return 0
		n=$((n + 1))
	done
	return 1
}

# run_then_destroy VM SPIN: "run -d VM triple_fault", SPIN turns of a shell
# loop (the guest stops meanwhile), "destroy VM", all SCHED_FIFO; sets DESTROY_RC.
run_then_destroy() {
	# shellcheck disable=SC2016  # expanded by the inner shell
	"$FIFO" 10 sh -c '
		"$1" run -d --name "$2" --sched "$5" "$3" >/dev/null || exit
		i=0
		while [ "$i" -lt "$4" ]; do i=$((i + 1)); done
		exec "$1" destroy "$2"' fifo "$RTVMX_CLI" "$1" "$GUESTS_DIR/triple_fault.elf" "$2" "$EDF"
	DESTROY_RC=$?
}

# race_persistent VM: start the destroyer, then "run -d VM triple_fault".
race_persistent() {
	local rc

	destroy_until_gone "$1" &
	DESTROYER=$!
	"$RTVMX_CLI" run -d --name "$1" "$GUESTS_DIR/triple_fault.elf" >/dev/null 2>&1
	rc=$?
	wait "$DESTROYER"
	DESTROYER_RC=$?
	DESTROYER=
	# run -d fails when the destroy came between CREATE_VM and START.
	[ "$rc" -eq 0 ] || diag "$1: run -d exited $rc (destroyed before START)"
}

# race_close I: "rtvmx run exit_hypercall" killed after 0-90 ms; sets KILL_RC.
race_close() {
	"$RTVMX_CLI" run --name "dc$1" "$GUESTS_DIR/exit_hypercall.elf" </dev/null >/dev/null 2>&1 &
	BG_PID=$!
	sleep "0.0$(($1 % 10))"
	kill -9 "$BG_PID" 2>/dev/null
	# Without the shell's "Killed" notice.
	wait "$BG_PID" 2>/dev/null
	KILL_RC=$?
	BG_PID=
}

# bad_events: stop events of the dr/dc VMs whose reason is not one the race can give.
bad_events() {
	grep -E '^(stopped|crashed) .* name=d[rc][0-9]+ ' "$MON_OUT" |
		grep -vE ' stop_reason=(triple_fault|user|shutdown) '
}

sane_events() {
	local bad

	bad=$(bad_events)
	[ -z "$bad" ] && return 0
	diag "$bad"
	return 1
}

# all_gone: no dr/dc VM is listed.
all_gone() {
	local left

	left=$("$RTVMX_CLI" list 2>/dev/null | grep -E ' d[rc][0-9]+ ')
	[ -z "$left" ] && return 0
	diag "still listed: $left"
	return 1
}

FIFO=$SELFTESTS_DIR/lib/fifo
EDF=edf:budget=1ms,period=10ms
vm_test_start
poison=$(cat /sys/kernel/slab/kmalloc-cg-4k/poison 2>/dev/null)
diag "kmalloc-cg-4k (the vCPUs' cache) poisons freed objects: ${poison:-unknown}"
check "rtvmx monitor listens" monitor_start

cli run -d --name drkeep --sched "$EDF" "$GUESTS_DIR/loop.elf"
check "run -d drkeep (loop, $EDF) beside them" cli_status_is 0
failed=0
for i in $(seq 1 "$ROUNDS"); do
	run_then_destroy "dr$i" $((i * 300))
	if [ "$DESTROY_RC" -ne 0 ]; then
		diag "round $i: run -d and destroy of dr$i exited $DESTROY_RC"
		failed=$((failed + 1))
	fi
done
check "$ROUNDS persistent triple_fault guests destroyed right after START" [ "$failed" -eq 0 ]
check "none of them is left" all_gone
cli destroy drkeep
check "destroy drkeep" cli_status_is 0

failed=0
for i in $(seq 1 "$ROUNDS"); do
	race_persistent "dr$i"
	if [ "$DESTROYER_RC" -ne 0 ]; then
		diag "round $i: destroy dr$i never succeeded"
		failed=$((failed + 1))
	fi
done
check "$ROUNDS persistent triple_fault guests destroyed while they start and stop" [ "$failed" -eq 0 ]

killed=0
for i in $(seq 1 "$ROUNDS"); do
	race_close "$i"
	# 42: the guest's own exit; 137: SIGKILL.
	case $KILL_RC in
	42 | 137) ;;
	*) diag "round $i: rtvmx run exited $KILL_RC" ;;
	esac
	[ "$KILL_RC" -ne 137 ] || killed=$((killed + 1))
done
diag "$killed of $ROUNDS launchers were killed before their guest ended"
check "$ROUNDS launchers of exit_hypercall killed while it stops" all_gone

# The last events may still be on their way to the monitor.
sleep 1
check "monitor: stop events name the guest's reason or the user" sane_events
diag "$(grep -cE '^(stopped|crashed) ' "$MON_OUT") stop events seen"
check "no VM left in debugfs" no_vm_in_debugfs
check "no kernel warnings" dmesg_clean

run_guest hello
check "hello runs afterwards: exit status 0" status_is 0
check "hello runs afterwards: console" console_has "hello from rtvmx guest"
vm_test_end
