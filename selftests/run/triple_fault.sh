#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash disable=SC2317  # functions run through check()
# A triple fault (ud2 without an IDT) stops that VM only: status 113, a
# message with the RIP, the debugfs dump (printed by "rtvmx run -v" while
# it holds the VM fd), a clean kernel log, and the CPU runs the next guest.
# shellcheck source=SCRIPTDIR/../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"
# shellcheck source=SCRIPTDIR/../lib/run.sh
. "$(dirname "$0")/../lib/run.sh"

vm_test_start
run_guest triple_fault -v
check "triple fault: exit status $RUN_TRIPLE_FAULT" status_is "$RUN_TRIPLE_FAULT"
check "triple fault: console before the fault" console_has "executing ud2 without an IDT"
check "triple fault: message names the reason and rip" \
	stderr_has "rtvmx: guest stopped (triple_fault): triple fault at rip 0x10"
check "triple fault: stop_reason triple_fault" stat_is stop_reason triple_fault
check "triple fault: the debugfs dump was there" stderr_has "reason: triple fault"
check "triple fault: the dump has registers" stderr_has "rip: 0x10"
check "triple fault: no kernel warnings" dmesg_clean
run_guest hello
check "hello after the triple fault: exit status 0" status_is 0
vm_test_end
