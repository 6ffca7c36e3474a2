#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash disable=SC2317  # functions run through check()
# rmmod with persistent guests: a running one and one that stopped by itself.
# Unloading stops and destroys them, with one kernel log line naming each;
# the module unloads cleanly and the CPU is free for the next load. A
# persistent VM whose launcher failed before START is not left behind.
# shellcheck source=SCRIPTDIR/../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"
# shellcheck source=SCRIPTDIR/../lib/run.sh
. "$(dirname "$0")/../lib/run.sh"

vm_exists() {
	"$RTVMX_CLI" info "$1" >/dev/null 2>&1
}

unloaded_line() {
	dmesg_has "rtvmx: unloading: stopping and destroying VM $1 \\(id $2\\)\$"
}

vm_test_start
check "run -d --name keep loop" run_detached keep loop
keep=$VM_ID
check "run -d --name late hello: refused, keep holds the CPU" not run_detached late hello
check "late: CREATE_VCPU says EBUSY" \
	cli_err_has "RTVMX_CREATE_VCPU: Device or resource busy: cpu $TEST_CPU"
check "late: dmesg says the CPU is dedicated" dmesg_has "cpu $TEST_CPU is dedicated to another vCPU"
check "the failed launcher left nothing: no VM named late" not vm_exists late
check "keep runs" vm_state_is keep running
check "rmmod with a running persistent guest succeeds" rtvmx_rmmod
check "kernel log: 'stopping and destroying VM keep (id $keep)'" unloaded_line keep "$keep"
check "rtvmx is unloaded" not rtvmx_loaded

check "insmod rtvmx again" rtvmx_insmod
check "run -d --name ended hello (stops by itself)" run_detached ended hello
ended=$VM_ID
check "ended stops with shutdown" wait_vm_state ended stopped 60
check "rmmod with a stopped persistent guest succeeds" rtvmx_rmmod
check "kernel log: 'stopping and destroying VM ended (id $ended)'" unloaded_line ended "$ended"

check "insmod rtvmx a third time" rtvmx_insmod
run_guest hello
check "the CPU is free: hello runs in the foreground, exit 0" status_is 0
vm_test_end
