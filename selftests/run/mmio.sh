#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash disable=SC2317  # functions run through check()
# Emulated MMIO: the mmio payload runs its table of encodings against the
# test device (--test-mmio), each checked in the guest, and prints the cost
# of an MMIO read and write. Without the device the first access is an EPT
# violation; an instruction rtvmx does not emulate stops the VM (118) with
# its bytes; an emulated access beyond RAM is an EPT violation at that
# address; a #PF found by the emulator is injected (a triple fault here: the
# guest has no IDT) with CR2 loaded.
# shellcheck source=SCRIPTDIR/../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"
# shellcheck source=SCRIPTDIR/../lib/run.sh
. "$(dirname "$0")/../lib/run.sh"

TIMED=1000	# accesses per measurement in the payload

# has_ticks KEY: the console has "KEY: <number>".
has_ticks() {
	[ -n "$(console_value "$1")" ]
}

# dev_bytes DIR OFFSET COUNT: the device's registers there, from the host's side, as "a5 34 12".
dev_bytes() {
	dd if="$1/test_mmio" bs=1 skip="$2" count="$3" 2>/dev/null | od -An -tx1 | xargs
}

# host_sees OFFSET BYTES: the host reads BYTES at OFFSET of the register file.
host_sees() {
	[ "$(dev_bytes "$PATTERN_DIR" "$1" "$(echo "$2" | wc -w)")" = "$2" ]
}

vm_test_start
run_guest mmio --test-mmio
check_guest_done "encoding table"
check "encoding table: the guest reports how many it checked" \
	contains "$RUN_OUT" "UCALL REPORT mmio: "
check "mmio_read_ticks printed" has_ticks mmio_read_ticks
check "mmio_write_ticks printed" has_ticks mmio_write_ticks
check "ept_violation exits counted (at least $((2 * TIMED)))" \
	stat_at_least exits.ept_violation $((2 * TIMED))
diag "mmio_read_ticks: $(console_value mmio_read_ticks)," \
	"mmio_write_ticks: $(console_value mmio_write_ticks)"

run_guest mmio
check "without --test-mmio: exit status $RUN_EPT_VIOLATION" status_is "$RUN_EPT_VIOLATION"
check "without --test-mmio: the guest got that far" console_has "mmio: test device at 0xd0000000"
check "without --test-mmio: message names the device's address" \
	stderr_has "rtvmx: guest stopped (ept_violation): access outside RAM at guest-physical 0xd0000000"
check "without --test-mmio: no assertion" no_assert

run_guest mmio --test-mmio --arg 1 -v
check "inc (ff 03): exit status $RUN_UNSUPPORTED" status_is "$RUN_UNSUPPORTED"
check "inc (ff 03): the message has its bytes" stderr_has "bytes at rip: ff 03"
check "inc (ff 03): the dump names the MMIO address" stderr_has "mmio: gpa 0xd0000000"
check "inc (ff 03): the VM did not go on" not console_has "mmio: the VM went on"

run_guest mmio --test-mmio --arg 2
check "movs to beyond RAM: exit status $RUN_EPT_VIOLATION" status_is "$RUN_EPT_VIOLATION"
check "movs to beyond RAM: stop_detail is the destination" stat_is stop_detail 0x40000000
check "movs to beyond RAM: the VM did not go on" not console_has "mmio: the VM went on"

run_guest mmio --test-mmio --arg 3 -v
check "movs to an unmapped page: #PF, a triple fault (status $RUN_TRIPLE_FAULT)" \
	status_is "$RUN_TRIPLE_FAULT"
check "movs to an unmapped page: CR2 holds the address" stderr_has "cr2: 0x8000000000"
check "movs to an unmapped page: the VM did not go on" not console_has "mmio: the VM went on"

# What the guest wrote through the emulator, read from the host side (debugfs).
STOS_BYTES="5a 5a 5a 5a 5a 5a 5a 5a 5a 5a 5a 5a 5a 5a 5a 5a"
cli run -d --name pattern --test-mmio --arg 4 "$GUESTS_DIR/mmio.elf"
check "pattern: started (run -d)" cli_status_is 0
PATTERN_DIR=$(vm_dir)
check "pattern: debugfs has the device's registers" [ -r "$PATTERN_DIR/test_mmio" ]
check "pattern: the last store reached the device (within 30 s)" \
	wait_until 30 host_sees 256 "$STOS_BYTES"
check "pattern: byte store at 0x10" host_sees 16 "a5"
check "pattern: word store at 0x20, little-endian" host_sees 32 "34 12"
check "pattern: dword store at 0x30" host_sees 48 "ef be ad de"
check "pattern: qword store at 0x40" host_sees 64 "ef cd ab 89 67 45 23 01"
check "pattern: rep stosb wrote 16 bytes at 0x100, no more" host_sees 255 "00 $STOS_BYTES 00"
check "pattern: nothing else written" host_sees 0 "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
cli destroy pattern
check "pattern: destroyed" cli_status_is 0

run_guest hello
check "hello afterwards: exit status 0" status_is 0
vm_test_end
