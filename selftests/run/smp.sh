#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash disable=SC2317  # functions run through check()
# Two vCPUs of one VM sharing the test CPU under EDF: the smp guest's BSP
# starts its AP with INIT and STARTUP IPIs, then sends and answers fixed
# IPIs (physical and logical destination, the all-excluding-self shorthand)
# and NMIs both ways, and prints the IPI round trip in TSC ticks. Then what
# rtvmx info and debugfs say of such a VM, a VM stopped as a whole by its
# AP's triple fault and by Ctrl-C while its AP still waits for STARTUP, and
# bad input: two dedicated vCPUs on one CPU, --vcpus 9.
# shellcheck source=SCRIPTDIR/../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"
# shellcheck source=SCRIPTDIR/../lib/run.sh
. "$(dirname "$0")/../lib/run.sh"

SCHED=edf:budget=4ms,period=10ms
CASES="fixed physical|fixed logical|fixed all-excluding-self|nmi bsp->ap|nmi ap->bsp"

roundtrip_reported() {
	local line

	line=$(printf '%s\n' "$RUN_OUT" | grep -o 'ipi_roundtrip_ticks: min=[0-9]* avg=[0-9]* max=[0-9]* n=100')
	[ -n "$line" ] || return 1
	diag "$line"
}

# debugfs_vcpus_stopped: vcpu0 and vcpu1 of the one VM exist and read as stopped.
debugfs_vcpus_stopped() {
	local d

	d=$(vm_dir)
	[ -n "$d" ] && [ "$(field "$d/vcpu0/sched" state)" = stopped ] &&
		[ "$(field "$d/vcpu1/sched" state)" = stopped ] && [ ! -e "$d/vcpu2" ]
}

vm_test_start

run_guest smp --vcpus 2 --sched "$SCHED"
check "the AP starts at its STARTUP vector, APIC ID 1" console_has "UCALL REPORT ap started: apic id 1"
IFS='|'
for c in $CASES; do
	check "ipi: $c" console_has "UCALL REPORT $c: ok"
done
unset IFS
check "ipi round trip reported over 100 rounds" roundtrip_reported
check_guest_done "smp, 2 vCPUs on one CPU"

cli run -d --name smp2 --vcpus 2 --sched "$SCHED" "$GUESTS_DIR/smp.elf"
check "persistent 2-vCPU VM starts" cli_status_is 0
check "it stops by itself (the BSP's shutdown stops the AP)" wait_vm_state smp2 stopped 60
check "rtvmx info: vcpus: 2" [ "$(vm_field vcpus smp2)" = 2 ]
check "rtvmx info: stop_reason shutdown" [ "$(vm_field stop_reason smp2)" = shutdown ]
check "debugfs: vcpu0 and vcpu1, both stopped" debugfs_vcpus_stopped
check "debugfs info: vcpus: 2" [ "$(field "$(vm_dir)/info" vcpus)" = 2 ]
cli destroy smp2
check "destroy it" cli_status_is 0

run_guest smp --vcpus 2 --sched "$SCHED" --arg 1
check "the AP's triple fault stops the VM: status $RUN_TRIPLE_FAULT" status_is "$RUN_TRIPLE_FAULT"
check "the BSP was waiting for it" console_has "UCALL REPORT waiting for the AP's triple fault"
check "the stop reason is named" stderr_has "triple_fault"

run_guest_bg loop --vcpus 2 --sched "$SCHED"
check "a 2-vCPU loop guest runs" wait_grep 30 -q . "$RUN_OUT_FILE"
kill -INT "$BG_PID"
run_bg_wait
check "Ctrl-C stops it as a whole, the AP still waiting: status $RUN_USER" status_is "$RUN_USER"

run_guest smp --vcpus 2
check "two dedicated vCPUs on one CPU: setup error" status_is 1
check "the refusal is named" stderr_has "RTVMX_CREATE_VCPU"
run_guest smp --vcpus 9
check "--vcpus 9: usage error" status_is 2
vm_test_end
