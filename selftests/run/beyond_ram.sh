#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash disable=SC2317  # functions run through check()
# A read beyond guest RAM (16 MiB) stops that VM with an EPT violation:
# status 115, the guest-physical address in the message and the dump.
# shellcheck source=SCRIPTDIR/../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"
# shellcheck source=SCRIPTDIR/../lib/run.sh
. "$(dirname "$0")/../lib/run.sh"

# check_beyond ADDR [OPTION...]
check_beyond() {
	local addr=$1

	shift
	run_guest beyond_ram -v "$@"
	check "read at $addr: exit status $RUN_EPT_VIOLATION" status_is "$RUN_EPT_VIOLATION"
	check "read at $addr: console" console_has "reading guest-physical $addr"
	check "read at $addr: message" \
		stderr_has "rtvmx: guest stopped (ept_violation): access outside RAM at guest-physical $addr"
	check "read at $addr: stop_detail" stat_is stop_detail "$addr"
	check "read at $addr: the debugfs dump was there" stderr_has "guest_phys: $addr"
	check "read at $addr: no assertion (the read did not return)" no_assert
}

vm_test_start
check_beyond 0x40000000
check_beyond 0x1000000 --arg 0x1000000
check_beyond 0xfffff000 --arg 0xfffff000
check "no kernel warnings" dmesg_clean
run_guest hello
check "hello afterwards: exit status 0" status_is 0
vm_test_end
