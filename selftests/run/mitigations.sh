#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash disable=SC2317  # functions run through check()
# Speculative-execution mitigations of the world switch (vmx/spec.c). By
# default rtvmx uses what the host kernel wants for guests, which follows
# /sys/devices/system/cpu/vulnerabilities; rtvmx caps, debugfs and dmesg say
# the same. The module parameter "mitigations" turns each on alone or all
# off (with a warning when the host needs them); guests run under each
# setting, and the cost of each is printed: CPUID round trip, OUT to the
# UART and MMIO read, in TSC ticks.
# shellcheck source=SCRIPTDIR/../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"
# shellcheck source=SCRIPTDIR/../lib/run.sh
. "$(dirname "$0")/../lib/run.sh"

VULN=/sys/devices/system/cpu/vulnerabilities

# vuln_affected NAME: the host reports itself affected by NAME.
vuln_affected() {
	[ -r "$VULN/$1" ] && ! grep -q '^Not affected' "$VULN/$1"
}

# caps_mitigations KEY: the names after "KEY:" in rtvmx caps.
caps_mitigations() {
	"$RTVMX_CLI" caps | sed -n "s/^$1: //p"
}

debugfs_mitigations() {
	sed -n "s/^$1: *//p" "$RTVMX_DEBUGFS/mitigations"
}

# has_word LIST WORD
has_word() {
	case " $1 " in *" $2 "*) return 0 ;; esac
	return 1
}

# measure SETTING: the guests' tick figures under the loaded module; sets FIGURES.
measure() {
	local cpuid uart mmio

	run_guest cpuid
	check "$1: the cpuid guest runs" status_is 0
	cpuid=$(console_value cpuid_exit_ticks)
	run_guest uart_ticks
	check "$1: the uart_ticks guest runs" status_is 0
	uart=$(console_value uart_out_ticks)
	run_guest mmio --test-mmio
	check "$1: the mmio guest runs" status_is 0
	mmio=$(console_value mmio_read_ticks)
	FIGURES="cpuid ${cpuid:-?}, uart out ${uart:-?}, mmio read ${mmio:-?}"
}

vm_test_start
needed=$(caps_mitigations mitigations_needed)
active=$(caps_mitigations mitigations)
diag "host needs: $needed; in use: $active"
check "default: in use is what the host needs" [ "$needed" = "$active" ]
check "debugfs agrees with caps (in use)" [ "$(debugfs_mitigations active)" = "$active" ]
check "debugfs agrees with caps (needed)" [ "$(debugfs_mitigations host_needs)" = "$needed" ]
check "dmesg names the set in use" dmesg_has "rtvmx: mitigations in use: $active"
if vuln_affected l1tf; then
	check "l1tf affected: L1D flush in use" has_word "$active" l1d_flush
else
	check "l1tf not affected: no L1D flush" not has_word "$active" l1d_flush
fi
if vuln_affected itlb_multihit; then
	check "itlb_multihit affected: 4 KiB executable EPT pages" has_word "$active" ept_4k_exec
else
	check "itlb_multihit not affected: large EPT pages" not has_word "$active" ept_4k_exec
fi
if grep -q 'RSB filling' "$VULN/spectre_v2" 2>/dev/null; then
	check "the host fills the RSB: so does rtvmx after VM exit" has_word "$active" rsb_fill
fi
measure "default"
diag "default ($active): $FIGURES"
check "rmmod rtvmx" rtvmx_rmmod

# mitigations=0 leaves guests exposed where the host needs any: it says so.
dmesg_mark
check "insmod rtvmx mitigations=0" rtvmx_insmod mitigations=0
check "mitigations=0: none in use" [ "$(caps_mitigations mitigations)" = none ]
if [ "$needed" != none ]; then
	check "mitigations=0: dmesg warns" dmesg_has "less contained than the host wants"
fi
measure "mitigations=0"
diag "none: $FIGURES"
check "rmmod rtvmx" rtvmx_rmmod

# One at a time: RSB refill, BHI clearing and IBPB only where the host has them.
bit=1
for name in rsb_fill verw l1d_flush l1d_flush_always bhi_clear ibpb ept_4k_exec; do
	check "insmod rtvmx mitigations=$bit" rtvmx_insmod mitigations=$bit
	got=$(caps_mitigations mitigations)
	case $name in
	rsb_fill | bhi_clear | ibpb)
		if has_word "$needed" "$name"; then
			check "mitigations=$bit: $name in use" [ "$got" = "$name" ]
		else
			check "mitigations=$bit: $name not in use (the host has no sequence for it)" \
				[ "$got" = none ]
		fi
		;;
	l1d_flush_always)
		check "mitigations=$bit: L1D flush before every entry" \
			[ "$got" = "l1d_flush l1d_flush_always" ]
		;;
	*)
		check "mitigations=$bit: $name in use" [ "$got" = "$name" ]
		;;
	esac
	measure "mitigations=$bit"
	diag "$name ($got): $FIGURES"
	check "rmmod rtvmx" rtvmx_rmmod
	bit=$((bit * 2))
done

check "insmod rtvmx mitigations=128 is refused" not rtvmx_insmod mitigations=128
check "mitigations=128: dmesg names the unknown bit" dmesg_has "mitigations=0x80: unknown bits 0x80"
check "insmod rtvmx" rtvmx_insmod
vm_test_end
