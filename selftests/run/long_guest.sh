#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash disable=SC2317  # functions run through check()
# A guest that spins on its reserved CPU for longer than RCU's CPU stall
# timeout and the soft-lockup threshold: the host reports neither, and its
# housekeeping CPU keeps serving timers. Debian's kernels wait 21 s (RCU)
# and 20 s (2 * watchdog_thresh) before they report; the test lowers both
# for its run, to 3 s and 2 s, so that a few seconds of emulated time would
# show a stall, and puts them back after. (With nohz_full the soft-lockup
# detector watches the housekeeping CPUs only; RCU watches every CPU.)
# shellcheck source=SCRIPTDIR/../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"
# shellcheck source=SCRIPTDIR/../lib/run.sh
. "$(dirname "$0")/../lib/run.sh"

STALL_PARAM=/sys/module/rcupdate/parameters/rcu_cpu_stall_timeout
THRESH=/proc/sys/kernel/watchdog_thresh
STALL_S=3
THRESH_S=1		# soft lockup after 2 * THRESH_S
GUEST_S=6		# guest run: longer than both, with margin

old_stall=$(cat "$STALL_PARAM" 2>/dev/null)
old_thresh=$(cat "$THRESH" 2>/dev/null)

restore_limits() {
	[ -z "$old_stall" ] || echo "$old_stall" >"$STALL_PARAM"
	[ -z "$old_thresh" ] || echo "$old_thresh" >"$THRESH"
}

uptime_s() {
	cut -d. -f1 /proc/uptime
}

# sleep_rounds SECONDS: one-second sleeps on the housekeeping CPU; sets ROUNDS.
sleep_rounds() {
	local end

	end=$(($(uptime_s) + $1))
	ROUNDS=0
	while [ "$(uptime_s)" -lt "$end" ]; do
		sleep 1
		ROUNDS=$((ROUNDS + 1))
	done
}

set_limit() {
	echo "$2" >"$1" 2>/dev/null && [ "$(cat "$1")" = "$2" ]
}

vm_test_start
if [ -z "$old_stall" ] || [ -z "$old_thresh" ]; then
	rtvmx_rmmod
	tap_skip "no $STALL_PARAM or $THRESH in this kernel"
fi
check "RCU stall timeout lowered to $STALL_S s" set_limit "$STALL_PARAM" "$STALL_S"
check "watchdog_thresh lowered to $THRESH_S s" set_limit "$THRESH" "$THRESH_S"
run_guest_bg loop
if check "guest prints 'looping'" wait_console looping 60; then
	sleep_rounds "$GUEST_S"
	check "the host's timers kept running ($ROUNDS one-second sleeps in $GUEST_S s)" \
		within "$ROUNDS" $((GUEST_S - 1)) "$GUEST_S"
	kill -s INT "$BG_PID"
	run_bg_wait
	check "the guest ran until stopped (status $RUN_USER)" status_is "$RUN_USER"
	check "guest time at least $((GUEST_S - 1)) s" \
		stat_at_least guest_ns $(((GUEST_S - 1) * 1000000000))
else
	kill -s TERM "$BG_PID"
	run_bg_wait
fi
restore_limits
check "no RCU stall reported" not dmesg_has 'rcu.*(stall|detected stalls)'
check "no soft lockup reported" not dmesg_has 'soft lockup'
vm_test_end
