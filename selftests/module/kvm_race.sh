#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash disable=SC2317  # functions run through check()
# rtvmx's VMXON races kvm_intel's: while KVM VMs are created and closed in a
# loop (each turns VMX on and off on every online CPU), the reserved CPU goes
# offline and online again and again, so rtvmx's VMXON of the CPU coming
# back meets kvm_intel's. Each time exactly one of them gets the CPU: rtvmx
# ("on"), or kvm_intel, when rtvmx says EBUSY with the reason ("failed");
# never a #GP, a WARNING or a KVM error other than EBUSY. Once KVM is done,
# rtvmx takes the CPU back and both unload cleanly.
# shellcheck source=SCRIPTDIR/../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"

ROUNDS=${RTVMX_KVM_RACE_ROUNDS:-40}
KVM_LOG=$TMPDIR/rtvmx-kvm-race.$$.log
KVM_LOOP=

set_online() {
	echo "$1" >"$ONLINE"
}

cpu_state() {
	sed -n "s/^cpu$TEST_CPU: //p" "$RTVMX_DEBUGFS/cpus"
}

kvm_loop_stop() {
	[ -n "$KVM_LOOP" ] || return 0
	kill "$KVM_LOOP" 2>/dev/null
	wait "$KVM_LOOP" 2>/dev/null
	KVM_LOOP=
}

test_cleanup() {
	kvm_loop_stop
	[ "$(cat "$ONLINE" 2>/dev/null)" = 1 ] || set_online 1
	rm -f "$KVM_LOG"
}

# kvm_loop: create and close KVM VMs until killed, one result line each,
# with pauses of 0-90 ms between them, so that either side may hold VMX when
# the CPU comes back.
kvm_loop() {
	local n=0

	while :; do
		"$SELFTESTS_DIR/module/kvm_vm" 2>&1
		sleep "0.0$((n % 10))"
		n=$((n + 1))
	done >"$KVM_LOG"
}

# kvm_results_sane: every KVM_CREATE_VM either worked or got EBUSY.
kvm_results_sane() {
	local other

	other=$(grep -v -e '^created$' -e 'KVM_CREATE_VM: EBUSY ' "$KVM_LOG" | sort | uniq -c)
	[ -z "$other" ] && return 0
	diag "other KVM results: $other"
	return 1
}

# refusals_explained N: rtvmx logged its EBUSY reason at least N times.
refusals_explained() {
	local n

	n=$(dmesg_new | grep -c "rtvmx: cpu$TEST_CPU: VMX already enabled by another hypervisor")
	[ "$n" -ge "$1" ]
}

rtvmx_require
rtvmx_unload_stale
ONLINE=/sys/devices/system/cpu/cpu$TEST_CPU/online
[ -w "$ONLINE" ] || tap_skip "cpu$TEST_CPU cannot be taken offline (no writable $ONLINE)"
kvm_load || tap_skip "$KVM_SKIP_REASON"
dmesg_mark
check "insmod rtvmx" rtvmx_insmod || tap_done

kvm_loop &
KVM_LOOP=$!
on=0
failed=0
odd=0
for i in $(seq 1 "$ROUNDS"); do
	if ! set_online 0 || ! set_online 1; then
		diag "round $i: cpu$TEST_CPU did not go offline and online"
		odd=$((odd + 1))
		continue
	fi
	state=$(cpu_state)
	case $state in
	on) on=$((on + 1)) ;;
	failed) failed=$((failed + 1)) ;;
	*)
		diag "round $i: cpu$TEST_CPU is '$state'"
		odd=$((odd + 1))
		;;
	esac
done
kvm_loop_stop
created=$(grep -c '^created$' "$KVM_LOG")
busy=$(grep -c 'KVM_CREATE_VM: EBUSY ' "$KVM_LOG")
diag "cpu$TEST_CPU back online $ROUNDS times: rtvmx got it $on, kvm_intel $failed"
diag "KVM_CREATE_VM: $created created, $busy EBUSY"

check "every online gives cpu$TEST_CPU to rtvmx (on) or kvm_intel (failed)" [ "$odd" -eq 0 ]
check "KVM VMs were created and closed during the race" [ $((created + busy)) -gt 0 ]
check "KVM_CREATE_VM either worked or got EBUSY" kvm_results_sane
check "each refusal named the other hypervisor" refusals_explained "$failed"
check "no kernel warnings (no #GP, no VMXON fault)" dmesg_clean
check "take cpu$TEST_CPU offline once KVM is done" set_online 0
check "bring it online: rtvmx has VMX on it again" set_online 1
check "debugfs shows cpu$TEST_CPU: on" [ "$(cpu_state)" = on ]
check "rmmod rtvmx" rtvmx_rmmod
check "VMXOFF did not fault" not dmesg_has "VMXOFF faulted"
kvm_vm_run
check "KVM_CREATE_VM succeeds after rmmod rtvmx" kvm_vm_created
check "unload kvm_intel and kvm" kvm_unload
tap_done
