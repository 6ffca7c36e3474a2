#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash disable=SC2317  # functions run through check()
# A guest that halts with interrupts off idles: the vCPU thread sleeps (no
# further exits, not even the slice watchdog's) until the host stops it.
# shellcheck source=SCRIPTDIR/../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"
# shellcheck source=SCRIPTDIR/../lib/run.sh
. "$(dirname "$0")/../lib/run.sh"

START_SECONDS=60
HLT_EXIT=12

same_number() {
	[ -n "$1" ] && [ "$1" = "$2" ]
}

exits_total() {
	sed -n 's/^exits: //p' "$(vcpu_dir)/../info"
}

vm_test_start
run_guest_bg halt
if check "guest prints 'halting'" wait_console halting "$START_SECONDS"; then
	sleep 1
	check "debugfs counts one HLT exit" grep -qx "$HLT_EXIT 1" "$(vcpu_dir)/exits"
	before=$(exits_total)
	sleep 2
	after=$(exits_total)
	diag "exits while halted: $before, two seconds later: $after"
	check "no exits while halted (the vCPU sleeps)" same_number "$before" "$after"
	check "debugfs still shows the VM running" grep -qx "state: running" "$(vcpu_dir)/../info"
fi
kill -s INT "$BG_PID"
run_bg_wait
check "exit status $RUN_USER after SIGINT" status_is "$RUN_USER"
check "stop_reason user" stat_is stop_reason user
check "the VM is gone from debugfs" no_vm_in_debugfs
vm_test_end
