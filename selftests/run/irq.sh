#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash disable=SC2317  # functions run through check()
# The irq guest on a dedicated core and on a shared (EDF) one: the LAPIC
# timer in one-shot, periodic and TSC-deadline modes, an interrupt held by
# IF = 0 and delivered after STI (interrupt window), nesting by priority
# class, CR8, NMIs (one blocked inside the other's handler), IRQ0 from the
# PIT through the 8259A (masked, then unmasked) and through the I/O APIC, a
# level-triggered RTC interrupt re-delivered after EOI, exceptions handled by
# the guest's own IDT, 16-bit accesses to the 8-bit device ports, and x2APIC
# mode. Then an INT3 whose delivery pushes onto MMIO: the exit comes with
# valid IDT-vectoring information and the VM stops as unsupported, alone.
# shellcheck source=SCRIPTDIR/../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"
# shellcheck source=SCRIPTDIR/../lib/run.sh
. "$(dirname "$0")/../lib/run.sh"

CASES="lapic_oneshot lapic_periodic lapic_tscdl window nested cr8 nmi pit_pic_masked pit_ioapic level exceptions word_ports x2apic"

# irq_checks WHAT: every case passed in the last run.
irq_checks() {
	local c

	for c in $CASES; do
		check "$1: case $c" console_has "case $c: ok"
	done
	check "$1: exit status 0 (no case failed)" status_is 0
	check "$1: interrupt-window exits counted" stat_at_least exits.interrupt_window 1
}

vm_test_start
run_guest irq
irq_checks dedicated
run_guest irq --sched edf:budget=8ms,period=10ms
irq_checks "shared (edf)"
run_guest irq --test-mmio --arg 1
check "event delivery onto MMIO: status $RUN_UNSUPPORTED" status_is "$RUN_UNSUPPORTED"
check "event delivery onto MMIO: the guest got that far" console_has "int3 with the stack on MMIO"
check "event delivery onto MMIO: the guest did not go on" not console_has "still running"
check "event delivery onto MMIO: the reason is named" contains "$RUN_ERR" "unsupported"
vm_test_end
