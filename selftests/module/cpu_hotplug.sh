#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash disable=SC2317  # functions run through check()
# A reserved CPU taken offline leaves VMX (debugfs "offline") and enters it
# again when it comes back ("on"); unloading while it is offline, then
# bringing it back, leaves it out of VMX with no kernel warning.
# shellcheck source=SCRIPTDIR/../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"

set_online() {
	echo "$1" >"$ONLINE"
}

debugfs_cpu_state() {
	grep -qx "cpu$TEST_CPU: $1" "$RTVMX_DEBUGFS/cpus"
}

cli_vmx_on() {
	has_line "$("$RTVMX_CLI" caps 2>&1)" "vmx_on_cpus: $1"
}

test_cleanup() {
	[ "$(cat "$ONLINE" 2>/dev/null)" = 1 ] || set_online 1
}

rtvmx_require
rtvmx_unload_stale
ONLINE=/sys/devices/system/cpu/cpu$TEST_CPU/online
[ -w "$ONLINE" ] || tap_skip "cpu$TEST_CPU cannot be taken offline (no writable $ONLINE)"
dmesg_mark
check "insmod rtvmx" rtvmx_insmod || tap_done
check "debugfs shows cpu$TEST_CPU: on" debugfs_cpu_state on
check "take cpu$TEST_CPU offline" set_online 0 || tap_done
check "debugfs shows cpu$TEST_CPU: offline" debugfs_cpu_state offline
check "rtvmx caps: vmx_on_cpus: none" cli_vmx_on none
check "bring cpu$TEST_CPU back online" set_online 1 || tap_done
check "debugfs shows cpu$TEST_CPU: on again" debugfs_cpu_state on
check "rtvmx caps: vmx_on_cpus: $ISOLATED" cli_vmx_on "$ISOLATED"
check "take cpu$TEST_CPU offline again" set_online 0
check "rmmod rtvmx while cpu$TEST_CPU is offline" rtvmx_rmmod
check "bring cpu$TEST_CPU online without rtvmx" set_online 1
check "no kernel warnings" dmesg_clean
check "VMXOFF did not fault" not dmesg_has "VMXOFF faulted"
tap_done
