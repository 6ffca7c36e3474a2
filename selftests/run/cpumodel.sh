#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash disable=SC2317  # functions run through check()
# The cpumodel guest: every feature the CPU model promises works (the
# instruction runs, the CR4 bit sets, the MSR reads back), and what it hides
# or hardware refuses faults as on hardware, with the VM running on; then
# "rtvmx caps --cpuid" shows the same model, the cr32 guest's emulated CR0
# writes switch PAE paging, and a normal guest still runs.
# shellcheck source=SCRIPTDIR/../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"
# shellcheck source=SCRIPTDIR/../lib/run.sh
. "$(dirname "$0")/../lib/run.sh"

# refused WHAT VECTOR: the guest reported WHAT refused with VECTOR.
refused() {
	check "$1: $2, the guest ran on" console_has "refuse $1: $2"
}

vm_test_start
run_guest cpumodel
check_guest_done "cpumodel"
summary=$(printf '%s\n' "$RUN_OUT" | grep '^cpumodel: ')
diag "${summary:-no summary}"
check "cpumodel: 0 promises broken" contains "$summary" ", 0 broken"
check "cpumodel: no BROKEN line" not contains "$RUN_OUT" "BROKEN"
kept=$(printf '%s\n' "$summary" | sed -n 's/^cpumodel: \([0-9]*\) promises kept.*/\1/p')
check "cpumodel: at least 60 promises exercised (${kept:-0})" [ "${kept:-0}" -ge 60 ]
refused "MONITOR (hidden)" "#UD"
refused "MWAIT (hidden)" "#UD"
refused "XSAVES (hidden)" "#UD"
refused "RDMSR 0x1234 (unknown)" "#GP"
refused "RDMSR IA32_MTRRCAP (MTRR hidden)" "#GP"
refused "CR4.PKE (PKU hidden)" "#GP"
refused "CR4.VMXE (VMX hidden)" "#GP"
refused "CR0.NW = 1 with CD = 0" "#GP"
refused "XSETBV ECX = 1" "#GP"
refused "XSETBV AVX without SSE" "#GP"
refused "XSETBV AVX-512 (not advertised)" "#GP"
refused "XSETBV with CR4.OSXSAVE = 0" "#UD"
refused "PAT memory type 2" "#GP"
refused "EFER bit 1 (reserved)" "#GP"
refused "SYSENTER_EIP non-canonical" "#GP"
refused "LSTAR non-canonical" "#GP"
refused "KERNEL_GS_BASE non-canonical" "#GP"
check "cpumodel: CR0.NE = 0 read back and the guest ran on" not contains "$RUN_OUT" "BROKEN CR0.NE"
check "cpumodel: CR0 writes exited" stat_at_least exits.cr_access 2
check "cpumodel: XSETBV exits counted" stat_at_least exits.xsetbv 8

cli caps --cpuid
check "caps --cpuid: exit status 0" cli_status_is 0
check "caps --cpuid: leaf 0x40000000 with the rtvmx signature" \
	contains "$CLI_OUT" "0x40000000   - 0x40000010 0x6d767472 0x76747278 0x7472786d"
check "caps --cpuid: names hypervisor in leaf 1" contains "$CLI_OUT" "hypervisor"
check "caps --cpuid: no vmx in leaf 1" not contains "$CLI_OUT" " vmx "
cli caps --cpuid --json
check "caps --cpuid --json: exit status 0" cli_status_is 0
check "caps --cpuid --json: entries" contains "$CLI_OUT" '"leaf": 1,'

run_guest cpumodel --arg 1
check_guest_done "cpumodel, CPL 3"
refused "XSETBV at CPL 3" "#GP"

# 32-bit: MOV to CR0 that rtvmx emulates turns PAE paging on (PDPTEs loaded by rtvmx) and off.
run_guest cr32
check_guest_done "cr32"
check "cr32: PAE paging with CR0.NE = 0, CR0 read back" contains "$RUN_OUT" "CR0 0x80000013 read back"
run_guest cr32 --arg 1
check "cr32, PDPTE reserved bit: #GP, so a triple fault (status $RUN_TRIPLE_FAULT)" \
	status_is "$RUN_TRIPLE_FAULT"
check "cr32, PDPTE reserved bit: the guest got to the MOV to CR0" console_has "paging on with CR0.NE = 0"
check "cr32, PDPTE reserved bit: paging did not come on" not contains "$RUN_OUT" "read back"

run_guest hello
check "hello after cpumodel: exit status 0" status_is 0
check "hello after cpumodel: greeting" console_has "hello from rtvmx guest"
vm_test_end
