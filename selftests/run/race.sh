#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash disable=SC2317  # functions run through check()
# Two launchers race on one persistent VM: two stops (one stops it, the other
# hears "not running"), two destroys of a stopped and of a running VM (one
# destroys it, the other hears it is gone), a stop against a destroy; each
# time nothing is left behind and the kernel log stays clean.
# shellcheck source=SCRIPTDIR/../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"
# shellcheck source=SCRIPTDIR/../lib/run.sh
. "$(dirname "$0")/../lib/run.sh"

ROUNDS=3
A_ERR=$TMPDIR/rtvmx-race.$$.a
B_ERR=$TMPDIR/rtvmx-race.$$.b

test_cleanup() {
	local i

	for i in $(seq 1 "$ROUNDS") d sd; do
		"$RTVMX_CLI" destroy "r$i" >/dev/null 2>&1
	done
	rm -f "$A_ERR" "$B_ERR" "$RUN_OUT_FILE" "$RUN_ERR_FILE"
}

# race CMD_A CMD_B VM: both at once; sets A_RC, B_RC, A_MSG, B_MSG.
race() {
	"$RTVMX_CLI" "$1" "$3" 2>"$A_ERR" &
	a=$!
	"$RTVMX_CLI" "$2" "$3" 2>"$B_ERR" &
	b=$!
	wait "$a"
	A_RC=$?
	wait "$b"
	B_RC=$?
	A_MSG=$(cat "$A_ERR")
	B_MSG=$(cat "$B_ERR")
	diag "$1 $3: exit $A_RC ${A_MSG:+($A_MSG)}; $2 $3: exit $B_RC ${B_MSG:+($B_MSG)}"
}

# one_won MESSAGE...: one exited 0 and silent, the other 1 with one of the messages.
one_won() {
	local loser_rc loser_msg m

	if [ "$A_RC" -eq 0 ] && [ -z "$A_MSG" ]; then
		loser_rc=$B_RC loser_msg=$B_MSG
	elif [ "$B_RC" -eq 0 ] && [ -z "$B_MSG" ]; then
		loser_rc=$A_RC loser_msg=$A_MSG
	else
		return 1
	fi
	[ "$loser_rc" -eq 1 ] || return 1
	for m in "$@"; do
		contains "$loser_msg" "$m" && return 0
	done
	return 1
}

# stop_sane VM: the racing stop exited 0 or said the VM was not running or gone.
stop_sane() {
	[ "$B_RC" -eq 0 ] || contains "$B_MSG" "not running" || contains "$B_MSG" "no VM named $1"
}

gone() {
	not "$RTVMX_CLI" info "$1" 2>/dev/null && no_vm_in_debugfs
}

vm_test_start
for i in $(seq 1 "$ROUNDS"); do
	vm=r$i
	run_detached "$vm" loop || { fail "round $i: run -d $vm"; continue; }
	race stop stop "$vm"
	check "round $i: two stops: one stops $vm, the other hears 'not running'" \
		one_won "the VM is not running"
	check "round $i: $vm is stopped" vm_state_is "$vm" stopped
	race destroy destroy "$vm"
	check "round $i: two destroys of a stopped VM: one wins, the other hears it is gone" \
		one_won "no VM named $vm" "destroyed by another request"
	check "round $i: $vm is gone" gone "$vm"
done

if run_detached rd loop; then
	race destroy destroy rd
	check "two destroys of a running VM: one wins, the other hears it is gone" \
		one_won "no VM named rd" "destroyed by another request"
	check "rd is gone" gone rd
else
	fail "run -d rd"
fi

if run_detached rsd loop; then
	race destroy stop rsd
	check "destroy against stop: destroy exits 0" [ "$A_RC" -eq 0 ]
	check "destroy against stop: stop exits 0, or says the VM is not running or gone" \
		stop_sane rsd
	check "rsd is gone" gone rsd
else
	fail "run -d rsd"
fi
vm_test_end
