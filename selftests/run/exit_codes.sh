#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash disable=SC2317  # functions run through check()
# Exit codes: the shutdown hypercall with 42 gives status 42; 0x21 written to
# the isa-debug-exit port gives (0x21 << 1) | 1 = 67, as under QEMU.
# shellcheck source=SCRIPTDIR/../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"
# shellcheck source=SCRIPTDIR/../lib/run.sh
. "$(dirname "$0")/../lib/run.sh"

vm_test_start
run_guest exit_hypercall
check "hypercall: exit status 42" status_is 42
check "hypercall: console" console_has "shutting down with exit code 42"
check "hypercall: stop_reason shutdown" stat_is stop_reason shutdown
check "hypercall: exit_code 42" stat_is exit_code 42
check "hypercall: no message" not stderr_has "rtvmx:"

run_guest exit_port
check "exit port: exit status 67" status_is 67
check "exit port: console" console_has "writing 0x21 to port 0xf4"
check "exit port: stop_reason exit_port" stat_is stop_reason exit_port
check "exit port: stop_detail 0x21" stat_is stop_detail 0x21
check "exit port: exit_code 67" stat_is exit_code 67

run_guest exit_port -v
check "exit port -v: names the exit code" stderr_has "exit port (exit_port): exit code 67"
vm_test_end
