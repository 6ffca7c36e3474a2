#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash disable=SC2317  # functions run through check()
# Two guests share the test CPU under fixed priority with sporadic servers:
# a (priority 2) 2 ms every 5 ms, b (priority 1) 3 ms every 10 ms; response-time
# analysis gives b 5 ms <= 10 ms. Each guest's share must be budget/period
# (tolerance in lib/sched.sh); its longest gap at most 2 (period - budget) plus
# 500 us, the worst case for a server whose budget returns a period after use.
# shellcheck source=SCRIPTDIR/../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"
# shellcheck source=SCRIPTDIR/../lib/run.sh
. "$(dirname "$0")/../lib/run.sh"
# shellcheck source=SCRIPTDIR/../lib/sched.sh
. "$(dirname "$0")/../lib/sched.sh"

vm_test_start
sched_init
sched_start a fp:prio=2,budget=2ms,period=5ms
sched_start b fp:prio=1,budget=3ms,period=10ms
sched_wait
check_share a 2000 5000
check_share b 3000 10000
check_gap a 0 6500
check_gap b 0 14500
check_overrun a
check_overrun b
vm_test_end
