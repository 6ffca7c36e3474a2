#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash disable=SC2317  # functions run through check()
# Two guests share the test CPU under a cyclic table: a 10 ms frame, a owns
# [0, 3 ms), b [4, 8 ms), the rest idles. Each guest's share must be its
# window over the frame (tolerance in lib/sched.sh), and its longest gap the
# rest of the frame: 7 ms for a, 6 ms for b, within -300/+500 us (a window's
# first entry comes one wake-up latency late, its last exit one exit late).
# shellcheck source=SCRIPTDIR/../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"
# shellcheck source=SCRIPTDIR/../lib/run.sh
. "$(dirname "$0")/../lib/run.sh"
# shellcheck source=SCRIPTDIR/../lib/sched.sh
. "$(dirname "$0")/../lib/sched.sh"

vm_test_start
sched_init
sched_start a table:offset=0,length=3ms,frame=10ms
sched_start b table:offset=4ms,length=4ms,frame=10ms
sched_wait
check_share a 3000 10000
check_share b 4000 10000
check_gap a 6700 7500
check_gap b 5700 6500
check_overrun a
check_overrun b
vm_test_end
