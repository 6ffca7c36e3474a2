#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash disable=SC2317  # functions run through check()
# An endless guest is stopped by the host: SIGINT and SIGTERM to "rtvmx run"
# issue RTVMX_STOP, the status is 130 and the stop reason "user"; debugfs
# shows the VM running meanwhile and drops it once the CLI has exited.
# shellcheck source=SCRIPTDIR/../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"
# shellcheck source=SCRIPTDIR/../lib/run.sh
. "$(dirname "$0")/../lib/run.sh"

START_SECONDS=60

# The debugfs info file of the one VM there is.
vm_state_file() {
	local d

	d=$(vm_dir)
	[ -z "$d" ] || echo "$d/info"
}

vm_running() {
	local f

	f=$(vm_state_file)
	[ -n "$f" ] && grep -qx "state: running" "$f"
}

# stop_loop SIGNAL
stop_loop() {
	local sig=$1 f

	run_guest_bg loop
	if ! check "$sig: guest prints 'looping'" wait_console looping "$START_SECONDS"; then
		kill -s TERM "$BG_PID"
		run_bg_wait
		return
	fi
	check "$sig: debugfs shows the VM running" vm_running
	f=$(vm_state_file)
	[ -z "$f" ] || diag "$(cat "$f")"
	sleep 1
	check "$sig: the guest still runs a second later" vm_running
	kill -s "$sig" "$BG_PID"
	run_bg_wait
	check "$sig: exit status $RUN_USER" status_is "$RUN_USER"
	check "$sig: stop_reason user" stat_is stop_reason user
	check "$sig: message" stderr_has "rtvmx: guest stopped (user): stopped on request"
	check "$sig: the VM is gone from debugfs" no_vm_in_debugfs
}

vm_test_start
stop_loop INT
stop_loop TERM
vm_test_end
