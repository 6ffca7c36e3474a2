#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash disable=SC2317  # functions run through check()
# Three guests share the test CPU under EDF (constant-bandwidth servers, 90%
# in all; c has a deadline shorter than its period). Each measures its own CPU
# share and its longest gap between runs: the share must be budget/period
# (lib/sched.sh states the tolerance), the gap at most 2 (period - budget),
# the worst case of a server that ran at the start of one period and at the
# end of the next, plus 500 us for wake-up latency. No server misses a
# deadline, and no budget overrun exceeds an exit's latency.
# shellcheck source=SCRIPTDIR/../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"
# shellcheck source=SCRIPTDIR/../lib/run.sh
. "$(dirname "$0")/../lib/run.sh"
# shellcheck source=SCRIPTDIR/../lib/sched.sh
. "$(dirname "$0")/../lib/sched.sh"

vm_test_start
sched_init
sched_start a edf:budget=2ms,period=10ms
sched_start b edf:budget=3ms,period=6ms
sched_start c edf:budget=1ms,period=5ms,deadline=4ms
sched_wait
check_share a 2000 10000
check_share b 3000 6000
check_share c 1000 5000
check_gap a 0 16500
check_gap b 0 6500
check_gap c 0 8500
for g in a b c; do
	check "guest $g: no deadline misses" [ "$(sched_stat $g sched_deadline_misses)" = 0 ]
	check_overrun $g
done
vm_test_end
