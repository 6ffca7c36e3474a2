#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash disable=SC2317  # functions run through check()
# Guests in 32-bit protected mode (an ELF32 boots RTVMX_BOOT_32BIT_FLAT) and in
# real mode (--boot real, unrestricted guest): each runs the MMIO encoding
# table of its mode against the test device, checking every row in the guest
# against the same instruction on RAM, prints the cost of an MMIO read and
# write, and ends with the shutdown hypercall, whose registers are 32 bits
# wide there. The 32-bit table runs without paging, under 32-bit paging and
# under PAE paging.
# shellcheck source=SCRIPTDIR/../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"
# shellcheck source=SCRIPTDIR/../lib/run.sh
. "$(dirname "$0")/../lib/run.sh"

# has_ticks KEY: the console has "KEY: <number>".
has_ticks() {
	[ -n "$(console_value "$1")" ]
}

# mode_table WHAT PAYLOAD [OPTION...]
mode_table() {
	local what=$1 payload=$2

	shift 2
	run_guest "$payload" --test-mmio -v "$@"
	check_guest_done "$what: encoding table"
	check "$what: the guest reports how many it checked" \
		contains "$RUN_OUT" "UCALL REPORT $payload: "
	check "$what: mmio_read_ticks printed" has_ticks mmio_read_ticks
	check "$what: mmio_write_ticks printed" has_ticks mmio_write_ticks
	diag "$what: $(printf '%s\n' "$RUN_OUT" | grep 'UCALL REPORT')," \
		"mmio_read_ticks: $(console_value mmio_read_ticks)," \
		"mmio_write_ticks: $(console_value mmio_write_ticks)"
}

vm_test_start
mode_table "32-bit" mmio32
check "32-bit: the CLI boots an ELF32 in 32-bit mode" stderr_has "ELF32 image, 1 segment, 32-bit entry"
check "32-bit: the table ran under 32-bit paging" console_has "mmio32: 32-bit paging, 4 MiB pages"
check "32-bit: the table ran under PAE paging" console_has "mmio32: PAE paging, 2 MiB pages"
mode_table "real mode" mmio16 --boot real
check "real mode: the CLI says so" stderr_has "ELF32 image, 1 segment, real-mode entry 0x1000"

run_guest mmio32 --test-mmio --boot real
check "32-bit code booted in real mode at 1 MiB: refused (status 1)" status_is 1
check "32-bit code booted in real mode at 1 MiB: the message says why" \
	stderr_has "real mode starts below 1 MiB"
vm_test_end
