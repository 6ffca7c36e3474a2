#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash disable=SC2317  # functions run through check()
# The 16550: loopback mode in the guest, console input echoed line by line
# until "quit", and the ticks per OUT to the THR (uart_ticks guest).
# shellcheck source=SCRIPTDIR/../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"
# shellcheck source=SCRIPTDIR/../lib/run.sh
. "$(dirname "$0")/../lib/run.sh"

vm_test_start
RUN_INPUT='hello uart
second line
quit
'
run_guest uart
RUN_INPUT=
check_guest_done "uart"
check "uart: loopback returned all 256 bytes" \
	console_has "UCALL REPORT loopback: 0 of 256 bytes wrong"
check "uart: ready line" console_has "uart echo ready"
check "uart: first line echoed" console_has "echo: hello uart"
check "uart: second line echoed" console_has "echo: second line"
check "uart: quit echoed" console_has "echo: quit"

# Without input the guest would wait forever: stdin's end must not stop it.
run_guest uart_ticks
check_guest_done "uart_ticks"
ticks=$(console_value uart_out_ticks)
check "uart_ticks: uart_out_ticks printed" [ -n "$ticks" ]
diag "uart_out_ticks: ${ticks:-none}"
check "uart_ticks: 800 dots and newlines on the console" \
	[ "$(printf '%s\n' "$RUN_OUT" | grep -c '^\.\{79\}$')" -eq 10 ]
vm_test_end
