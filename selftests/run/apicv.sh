#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash disable=SC2317  # functions run through check()
# The CPU's APIC virtualization and its fallbacks. The module parameter
# apicv (writable at run time) limits what a new VM gets; the irq guest's
# thirteen cases (every LAPIC timer mode, windows, nesting, CR8, NMIs, PIT
# through the 8259A and the I/O APIC, level-triggered EOI, exceptions,
# word-wide device ports, x2APIC) must pass under each setting, and the exits show which path ran:
#   0  emulated: CR8 and every LAPIC access exit, rtvmx injects;
#   1  TPR shadow: CR8 without exits, TPR-below-threshold exits instead;
#   3  + APIC-access page: xAPIC accesses arrive as APIC-access exits;
#   7  + register virtualization: reads stay in the guest, writes trap;
#   9  TPR shadow + virtual-interrupt delivery, xAPIC page by EPT violation;
#   15 everything (the default; run/irq.sh covers it too): no window exits
#      for LAPIC vectors, level-triggered EOIs as EOI-induced exits.
# Under each setting the smp guest's two vCPUs also start and exchange IPIs.
# caps, debugfs and "rtvmx info" report the setting; an unknown bit is ignored.
# shellcheck source=SCRIPTDIR/../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"
# shellcheck source=SCRIPTDIR/../lib/run.sh
. "$(dirname "$0")/../lib/run.sh"

CASES="lapic_oneshot lapic_periodic lapic_tscdl window nested cr8 nmi pit_pic_masked pit_ioapic level exceptions word_ports x2apic"
PARAM=/sys/module/rtvmx/parameters/apicv

# names MASK: the RTVMX_APICV_NAMES of MASK, space-separated, or "none".
names() {
	local out="" bit=0 name

	for name in tpr_shadow apic_access apic_reg_virt virt_intr_delivery; do
		[ $(($1 >> bit & 1)) -eq 1 ] && out="$out $name"
		bit=$((bit + 1))
	done
	echo "${out# }" | sed 's/^$/none/'
}

stat_none() {
	[ -z "$(run_stat "$1")" ]
}

# stat_below KEY N: run --stats has KEY under N (absent: 0).
stat_below() {
	local v

	v=$(run_stat "$1")
	[ "${v:-0}" -lt "$2" ]
}

# caps_apicv_is WANT: rtvmx caps prints "apicv: WANT".
caps_apicv_is() {
	"$RTVMX_CLI" caps | grep -qx "apicv: $1"
}

# info_apicv_is ID WANT: rtvmx info ID (netlink) prints "apicv: WANT".
info_apicv_is() {
	"$RTVMX_CLI" info "$1" | grep -qx "apicv: $2"
}

# run_with MASK: with apicv=MASK, the smp guest, then the irq guest (whose
# exit counts the checks after run_with look at); every case, and the report.
run_with() {
	local want c roundtrip

	want=$(names "$1")
	echo "$1" >"$PARAM"
	check "apicv=$1: rtvmx caps says apicv: $want" caps_apicv_is "$want"
	run_guest smp --vcpus 2 --sched edf:budget=4ms,period=10ms
	check "apicv=$1: smp guest: AP started, IPIs both ways, exit status 0" status_is 0
	roundtrip=$(printf '%s\n' "$RUN_OUT" | grep -o 'ipi_roundtrip_ticks: .*')
	check "apicv=$1: smp guest: IPI round trip reported" [ -n "$roundtrip" ]
	diag "apicv=$1 $roundtrip"
	run_guest irq
	for c in $CASES; do
		check "apicv=$1: case $c" console_has "case $c: ok"
	done
	check "apicv=$1: exit status 0" status_is 0
	check "apicv=$1: run --stats says apicv: $want" [ "$(run_stat apicv)" = "$want" ]
}

vm_test_start
check "apicv parameter defaults to 15" [ "$(cat "$PARAM")" = 15 ]

run_with 0
check "apicv=0: CR8 exits" stat_at_least exits.cr_access 1
check "apicv=0: interrupt windows" stat_at_least exits.interrupt_window 1
for kind in apic_access apic_write virtualized_eoi; do
	check "apicv=0: no $kind exits" stat_none "exits.$kind"
done

run_with 1
check "apicv=1: no CR8 exits" stat_none exits.cr_access
check "apicv=1: CR8 lowered under a held-back vector exits" stat_at_least exits.tpr_below_threshold 1

run_with 3
check "apicv=3: xAPIC accesses as APIC-access exits" stat_at_least exits.apic_access 20
check "apicv=3: no APIC-write exits" stat_none exits.apic_write

run_with 7
check "apicv=7: register writes as APIC-write exits" stat_at_least exits.apic_write 10
check "apicv=7: reads stay in the guest (under 20 APIC-access exits)" stat_below exits.apic_access 20

run_with 9
check "apicv=9: no APIC-access exits" stat_none exits.apic_access

run_with 15
check "apicv=15: level-triggered EOIs exit as EOI-induced" stat_at_least exits.virtualized_eoi 1

# A VM keeps what it got at creation; the debugfs and netlink reports agree.
echo 0 >"$PARAM"
run_guest_bg loop
if check "a loop guest runs" wait_console looping 30; then
	echo 15 >"$PARAM"
	dir=$(vm_dir)
	check "debugfs: apic_virtualization: emulated" \
		grep -qx 'apic_virtualization: emulated' "$dir/vcpu0/apic"
	check "rtvmx info (netlink): apicv: none" info_apicv_is "${dir##*/vm}" none
fi
kill -s INT "$BG_PID"
run_bg_wait

echo 255 >"$PARAM"
check "an unknown apicv bit is ignored" caps_apicv_is "$(names 15)"
echo 15 >"$PARAM"
vm_test_end
