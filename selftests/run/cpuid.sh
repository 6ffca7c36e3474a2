#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash disable=SC2317  # functions run through check()
# The cpuid guest: hypervisor bit set, VMX hidden, the rtvmx signature at
# 0x40000000; prints the ticks per CPUID exit round trip.
# shellcheck source=SCRIPTDIR/../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"
# shellcheck source=SCRIPTDIR/../lib/run.sh
. "$(dirname "$0")/../lib/run.sh"

vm_test_start
run_guest cpuid
check_guest_done "cpuid"
check "cpuid: signature rtvmxrtvmxrt reported" \
	contains "$RUN_OUT" 'signature "rtvmxrtvmxrt"'
ticks=$(console_value cpuid_exit_ticks)
check "cpuid: cpuid_exit_ticks printed" [ -n "$ticks" ]
diag "cpuid_exit_ticks: ${ticks:-none} (Debian 6.1 KVM in Bochs: about 948)"
check "cpuid: at least 1000 cpuid exits counted" stat_at_least exits.cpuid 1000
vm_test_end
