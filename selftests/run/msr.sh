#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash disable=SC2317  # functions run through check()
# MSR and CR4 exits: the allow-listed MSRs work; an MSR outside the list and
# setting CR4.VMXE inject #GP (a triple fault here: the guest has no IDT).
# shellcheck source=SCRIPTDIR/../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"
# shellcheck source=SCRIPTDIR/../lib/run.sh
. "$(dirname "$0")/../lib/run.sh"

# expect_gp ARG WHAT
expect_gp() {
	run_guest msr --arg "$1"
	check "$2: #GP, so a triple fault (status $RUN_TRIPLE_FAULT)" status_is "$RUN_TRIPLE_FAULT"
	check "$2: the guest got that far" console_has "$2"
	check "$2: the guest did not go on" not console_has "no #GP"
}

vm_test_start
run_guest msr
check "allow-listed MSRs: exit status 0" status_is 0
check "allow-listed MSRs: UCALL DONE" console_has "UCALL DONE"
check "allow-listed MSRs: RDMSR exits counted" stat_at_least exits.rdmsr 1
check "allow-listed MSRs: WRMSR exits counted" stat_at_least exits.wrmsr 1
expect_gp 1 "reading MSR 0x1234"
expect_gp 2 "setting CR4.VMXE"
check "no kernel warnings" dmesg_clean
vm_test_end
