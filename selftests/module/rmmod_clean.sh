#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash disable=SC2317  # functions run through check()
# rmmod removes /dev/rtvmx and the debugfs files without a kernel warning and
# really leaves VMX: afterwards KVM can turn VMX on on every CPU (KVM_CREATE_VM).
# shellcheck source=SCRIPTDIR/../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"

rtvmx_require
rtvmx_unload_stale
dmesg_mark
check "insmod rtvmx" rtvmx_insmod || tap_done
check "debugfs shows cpu$TEST_CPU: on" debugfs_cpu_on "$TEST_CPU"
check "rmmod rtvmx" rtvmx_rmmod || tap_done
check "rtvmx is unloaded" not rtvmx_loaded
check "$RTVMX_NODE is gone" [ ! -e "$RTVMX_NODE" ]
check "$RTVMX_DEBUGFS is gone" [ ! -e "$RTVMX_DEBUGFS" ]
check "no kernel warnings during load and unload" dmesg_clean
check "VMXOFF did not fault" not dmesg_has "VMXOFF faulted"

kvm_load || tap_missing "cannot prove VMX is off: $KVM_SKIP_REASON"
dmesg_mark
kvm_vm_run
check "KVM_CREATE_VM succeeds after rmmod rtvmx (VMX off everywhere)" kvm_vm_created
check "no kernel warnings from KVM" dmesg_clean
check "unload kvm_intel and kvm" kvm_unload
tap_done
