#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash disable=SC2317  # functions run through check()
# rtvmx and kvm_intel never share VMX: (a) with rtvmx loaded KVM_CREATE_VM
# gets EBUSY and rtvmx keeps VMX on; (b) with a KVM VM alive insmod rtvmx
# gets EBUSY and names the other hypervisor. Each works once the other is gone.
# shellcheck source=SCRIPTDIR/../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"

HOLD_PID=
HOLD_FIFO=$TMPDIR/rtvmx-kvm-hold.$$
HOLD_OUT=$TMPDIR/rtvmx-kvm-hold.$$.out

# hold_vm: start "kvm_vm --hold" reading a FIFO that fd 3 keeps open; wait for "held".
hold_vm() {
	local i=0

	mkdir -p "$TMPDIR" && mkfifo "$HOLD_FIFO" || return 1
	exec 3<>"$HOLD_FIFO"
	"$SELFTESTS_DIR/module/kvm_vm" --hold <"$HOLD_FIFO" 3>&- >"$HOLD_OUT" 2>&1 &
	HOLD_PID=$!
	while [ "$i" -lt 30 ] && kill -0 "$HOLD_PID" 2>/dev/null; do
		grep -q '^held$' "$HOLD_OUT" && return 0
		sleep 1
		i=$((i + 1))
	done
	diag "kvm_vm --hold: $(cat "$HOLD_OUT")"
	return 1
}

# release_vm: close the FIFO so kvm_vm sees EOF, closes its VM and exits 0.
release_vm() {
	local rc

	[ -n "$HOLD_PID" ] || return 1
	exec 3>&-
	wait "$HOLD_PID"
	rc=$?
	HOLD_PID=
	diag "kvm_vm --hold: $(cat "$HOLD_OUT")"
	return "$rc"
}

test_cleanup() {
	if [ -n "$HOLD_PID" ]; then
		exec 3>&-
		kill "$HOLD_PID" 2>/dev/null
		wait "$HOLD_PID"
	fi
	rm -f "$HOLD_FIFO" "$HOLD_OUT"
}

rtvmx_first() {
	check "insmod rtvmx" rtvmx_insmod || tap_done
	dmesg_mark
	kvm_vm_run
	check "KVM_CREATE_VM fails with EBUSY while rtvmx holds VMX" kvm_vm_failed_with EBUSY
	check "no kernel warnings" dmesg_clean
	check "rtvmx keeps cpu$TEST_CPU: on" debugfs_cpu_on "$TEST_CPU"
	check "rmmod rtvmx" rtvmx_rmmod || tap_done
	check "KVM did not take VMX from rtvmx (VMXOFF did not fault)" \
		not dmesg_has "VMXOFF faulted"
	kvm_vm_run
	check "KVM_CREATE_VM succeeds after rmmod rtvmx" kvm_vm_created
}

kvm_first() {
	check "kvm_vm --hold keeps a KVM VM" hold_vm || tap_done
	expect_refusal "Device or resource busy" "VMX already enabled by another hypervisor"
	check "no kernel warnings" dmesg_clean
	check "the KVM VM is released" release_vm
	check "insmod rtvmx once the VM is gone" rtvmx_insmod || tap_done
	check "debugfs shows cpu$TEST_CPU: on" debugfs_cpu_on "$TEST_CPU"
	check "rmmod rtvmx" rtvmx_rmmod
}

rtvmx_require
rtvmx_unload_stale
kvm_load || tap_missing "$KVM_SKIP_REASON"
rtvmx_first
kvm_first
check "unload kvm_intel and kvm" kvm_unload
tap_done
