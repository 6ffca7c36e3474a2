#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
# The bench, inside the test machine: the same payloads under rtvmx (without
# and with the speculative-execution mitigations the host needs) and under
# KVM (kvm_intel with the kvm_run VMM), on the same reserved CPU, one after
# the other (they cannot both hold VMX). Prints progress as "# bench: ..."
# and one result a line, for selftests/bench/report.sh:
#	BENCH <workload> <hypervisor> <value>
#	BENCH_HIST <workload> <hypervisor> <low>-<high> <count>
# Values are TSC ticks (1 per emulated instruction in Bochs).
#   bench.sh [--smoke]   --smoke: one short round of each, to keep it working
# Exit: 0 when every workload gave a figure on every hypervisor.
cd "$(dirname "$0")/.." || exit 1
RTVMX_KO=${RTVMX_KO:-/rtvmx/rtvmx.ko}
RTVMX_CLI=${RTVMX_CLI:-/usr/bin/rtvmx}
GUESTS=guests
KVM_RUN=bench/kvm_run
TMPDIR=${TMPDIR:-/tmp}
OUT=$TMPDIR/bench.$$.out
TICKS=200
[ "${1:-}" = --smoke ] && TICKS=20
CPU=$(cut -d, -f1 /sys/devices/system/cpu/isolated | cut -d- -f1)
missing=0
trap 'rm -f "$OUT"' EXIT

say() {
	echo "# bench: $*"
}

# value KEY: the number after "KEY: " in the last run's console.
value() {
	sed -n "s/^$1: \([0-9][0-9]*\)\$/\1/p" "$OUT" | head -n 1
}

# result WORKLOAD HV VALUE
result() {
	if [ -n "$3" ]; then
		echo "BENCH $1 $2 $3"
	else
		echo "# bench: $1 under $2 gave no figure"
		sed 's/^/#   /' "$OUT" | tail -n 5
		missing=$((missing + 1))
	fi
}

# latency_result HV: the TSC-deadline figures and histogram of the latency guest's run.
latency_result() {
	local line

	line=$(grep '^latency tscdl: ' "$OUT")
	result timer_tscdl_max "$1" "$(echo "$line" | sed -n 's/.* max \(-*[0-9]*\) .*/\1/p')"
	result timer_tscdl_avg "$1" "$(echo "$line" | sed -n 's/.* avg \(-*[0-9]*\) .*/\1/p')"
	result timer_periodic_max "$1" \
		"$(grep '^latency periodic: ' "$OUT" | sed -n 's/.* max \(-*[0-9]*\) .*/\1/p')"
	grep '^latency tscdl hist: ' "$OUT" |
		sed "s/^latency tscdl hist: \(.*\) \([0-9]*\)\$/BENCH_HIST timer_tscdl $1 \1 \2/"
}

# on HV RUNNER...: each workload through RUNNER (a command taking [OPTIONS] IMAGE).
on() {
	local hv=$1

	shift
	say "cpuid round trip under $hv"
	"$@" --arg 1 "$GUESTS/cpuid.elf" >"$OUT" 2>&1
	result cpuid "$hv" "$(value cpuid_exit_ticks)"
	say "OUT to the UART under $hv"
	"$@" "$GUESTS/uart_ticks.elf" >"$OUT" 2>&1
	result uart_out "$hv" "$(value uart_out_ticks)"
	say "MMIO read and write under $hv"
	# shellcheck disable=SC2086  # no option, or one
	"$@" $MMIO_OPT --arg 5 "$GUESTS/mmio.elf" >"$OUT" 2>&1
	result mmio_read "$hv" "$(value mmio_read_ticks)"
	result mmio_write "$hv" "$(value mmio_write_ticks)"
	say "timer deadline to guest handler under $hv ($TICKS ticks, halted between them)"
	"$@" --arg "$TICKS" "$GUESTS/latency.elf" >"$OUT" 2>&1
	latency_result "$hv"
}

# rtvmx run; the latency guest halts for debugfs once done: stopped then.
rtvmx_runner() {
	local pid i=0

	case " $* " in
	*latency.elf*)
		"$RTVMX_CLI" run --cpu "$CPU" "$@" &
		pid=$!
		while [ "$i" -lt 300 ] && ! grep -qx latency_done "$OUT" 2>/dev/null; do
			sleep 1
			i=$((i + 1))
		done
		kill -s INT "$pid"
		wait "$pid"
		;;
	*)
		"$RTVMX_CLI" run --cpu "$CPU" "$@"
		;;
	esac
}

# kvm_run, ended by the guest's last console line (no hypercall needed).
kvm_runner() {
	local done="UCALL DONE"

	case " $* " in *latency.elf*) done=latency_done ;; esac
	timeout 300 "$KVM_RUN" --cpu "$CPU" --until "$done" "$@"
}

say "CPU $CPU; $(uname -r); $TICKS timer ticks per run"
for setting in 0 -1; do
	hv=rtvmx
	[ "$setting" = -1 ] && hv=rtvmx_mitigated
	if ! lib/modload "$RTVMX_KO" "mitigations=$setting" 2>"$OUT"; then
		say "insmod rtvmx mitigations=$setting failed: $(cat "$OUT")"
		exit 1
	fi
	say "$hv: $("$RTVMX_CLI" caps | grep '^mitigations:')"
	MMIO_OPT=--test-mmio
	on "$hv" rtvmx_runner
	rmmod rtvmx || exit 1
done

if ! out=$(modprobe kvm_intel 2>&1) || [ ! -c /dev/kvm ]; then
	say "kvm_intel cannot be loaded: ${out:-no /dev/kvm}"
	exit 1
fi
say "kvm: $(cat /sys/module/kvm_intel/parameters/vmentry_l1d_flush 2>/dev/null) L1D flush"
MMIO_OPT=''
on kvm kvm_runner
rmmod kvm_intel kvm 2>/dev/null
say "$missing figures missing"
[ "$missing" -eq 0 ]
