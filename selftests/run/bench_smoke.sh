#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash disable=SC2317  # functions run through check()
# A short round of the bench (make bench) so that it cannot rot: every
# workload gives a figure under rtvmx, rtvmx with its mitigations, and KVM.
# shellcheck source=SCRIPTDIR/../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"

BENCH_OUT=$TMPDIR/rtvmx-bench-smoke.$$
WORKLOADS="cpuid uart_out mmio_read mmio_write timer_tscdl_avg timer_tscdl_max timer_periodic_max"

test_cleanup() {
	rm -f "$BENCH_OUT"
}

# has_figure WORKLOAD HV: a BENCH line with a number.
has_figure() {
	grep -qE "^BENCH $1 $2 -?[0-9]+\$" "$BENCH_OUT"
}

rtvmx_require
rtvmx_unload_stale
dmesg_mark
"$SELFTESTS_DIR/bench/bench.sh" --smoke >"$BENCH_OUT" 2>&1
rc=$?
diag "$(cat "$BENCH_OUT")"
grep -q "kvm_intel cannot be loaded" "$BENCH_OUT" && tap_missing "kvm_intel cannot be loaded"
check "bench.sh --smoke: exit status 0" [ "$rc" -eq 0 ]
for hv in rtvmx rtvmx_mitigated kvm; do
	for w in $WORKLOADS; do
		check "$w under $hv: a figure" has_figure "$w" "$hv"
	done
done
check "timer histogram lines for KVM" grep -q '^BENCH_HIST timer_tscdl kvm ' "$BENCH_OUT"
check "no kernel warnings" dmesg_clean
check "rtvmx is unloaded afterwards" not rtvmx_loaded
tap_done
