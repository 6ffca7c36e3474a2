#!/usr/bin/env bash
# The bench's report, on the build host, from the test machine's serial log
# (the BENCH lines of selftests/bench/bench.sh):
#   report.sh SERIAL-LOG OUTDIR [BASELINE.json]
# Prints the table (workload, rtvmx, rtvmx with the mitigations its host
# needs, KVM, KVM / rtvmx) and, with a baseline, the change against it;
# writes OUTDIR/results.json, OUTDIR/report.md and, with gnuplot,
# OUTDIR/exit_costs.png and OUTDIR/timer_hist.png.
set -euo pipefail
log=${1:?usage: report.sh SERIAL-LOG OUTDIR [BASELINE.json]}
out=${2:?usage: report.sh SERIAL-LOG OUTDIR [BASELINE.json]}
baseline=${3:-}
mkdir -p "$out"
results=$(tr -d '\r' <"$log" | grep -a '^BENCH ' || true)
hists=$(tr -d '\r' <"$log" | grep -a '^BENCH_HIST ' || true)
[ -n "$results" ] || { echo "bench: no BENCH lines in $log" >&2; exit 1; }

WORKLOADS="cpuid uart_out mmio_read mmio_write timer_tscdl_avg timer_tscdl_max timer_periodic_max"
HVS="rtvmx rtvmx_mitigated kvm"
declare -A what=(
	[cpuid]="CPUID round trip"
	[uart_out]="OUT to the UART"
	[mmio_read]="MMIO read (test device)"
	[mmio_write]="MMIO write (test device)"
	[timer_tscdl_avg]="timer deadline → handler, avg"
	[timer_tscdl_max]="timer deadline → handler, max"
	[timer_periodic_max]="periodic timer tick, max late"
)

# fig WORKLOAD HV: the figure, or nothing.
fig() {
	awk -v w="$1" -v h="$2" '$2 == w && $3 == h { print $4; exit }' <<<"$results"
}

# base WORKLOAD HV: the baseline's figure, or nothing.
base() {
	[ -n "$baseline" ] && [ -f "$baseline" ] || return 0
	grep "\"workload\": \"$1\"" "$baseline" | sed -n "s/.*\"$2\": \\([0-9-]*\\).*/\\1/p"
}

ratio() {
	if [ -n "$1" ] && [ -n "$2" ] && [ "$1" -gt 0 ]; then
		awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b / a }'
	else
		echo "-"
	fi
}

# change NOW THEN: "+3.1%", or nothing.
change() {
	[ -n "$1" ] && [ -n "$2" ] && [ "$2" -ne 0 ] || return 0
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.1f%%", (a - b) * 100 / b }'
}

table_row() {
	local w=$1 r m k

	r=$(fig "$w" rtvmx) m=$(fig "$w" rtvmx_mitigated) k=$(fig "$w" kvm)
	printf '| %s | %s | %s | %s | %s |\n' "${what[$w]}" "${r:--}" "${m:--}" "${k:--}" "$(ratio "$r" "$k")"
}

{
	echo "# rtvmx and KVM, the same payloads on the same emulated core"
	echo
	echo "TSC ticks (one per emulated instruction). \"rtvmx\": no speculative-execution mitigation, as on a"
	echo "CPU that needs no entry flushes; \"rtvmx, mitigated\": what this host needs"
	echo "($(tr -d '\r' <"$log" | grep -a -m1 '^# bench: rtvmx_mitigated: mitigations:' | sed 's/.*mitigations: //'));"
	echo "KVM: kvm_intel with its defaults, its in-kernel LAPIC, the console and test device in its VMM."
	echo
	echo "| workload | rtvmx | rtvmx, mitigated | KVM | KVM ÷ rtvmx |"
	echo "|---|---|---|---|---|"
	for w in $WORKLOADS; do
		table_row "$w"
	done
	if [ -n "$baseline" ] && [ -f "$baseline" ]; then
		echo
		echo "Change against $(basename "$baseline"):"
		echo
		echo "| workload | rtvmx | rtvmx, mitigated | KVM |"
		echo "|---|---|---|---|"
		for w in $WORKLOADS; do
			printf '| %s |' "${what[$w]}"
			for h in $HVS; do
				c=$(change "$(fig "$w" "$h")" "$(base "$w" "$h")")
				printf ' %s |' "${c:--}"
			done
			echo
		done
	fi
} >"$out/report.md"
cat "$out/report.md"

{
	echo "{"
	echo "  \"unit\": \"TSC ticks\","
	echo "  \"results\": ["
	sep=""
	for w in $WORKLOADS; do
		printf '%s    {"workload": "%s"' "$sep" "$w"
		for h in $HVS; do
			v=$(fig "$w" "$h")
			printf ', "%s": %s' "$h" "${v:-null}"
		done
		printf '}'
		sep=$',\n'
	done
	echo
	echo "  ]"
	echo "}"
} >"$out/results.json"

if ! command -v gnuplot >/dev/null; then
	echo "bench: gnuplot is missing: no plots (selftests/vm/deps.sh gnuplot-nox)"
	exit 0
fi
for w in cpuid uart_out mmio_read mmio_write timer_tscdl_max; do
	printf '"%s"' "${what[$w]}"
	for h in $HVS; do
		v=$(fig "$w" "$h")
		printf ' %s' "${v:-0}"
	done
	echo
done >"$out/exit_costs.dat"
gnuplot <<EOF
set terminal pngcairo size 1000,520 noenhanced
set output "$out/exit_costs.png"
set title "Exit paths: TSC ticks (lower is better)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set logscale y
set ylabel "TSC ticks"
set xtics rotate by -15
set key top left
plot "$out/exit_costs.dat" using 2:xtic(1) title "rtvmx", '' using 3 title "rtvmx, mitigated", '' using 4 title "KVM"
EOF
# Histogram buckets (power-of-two ranges of actual - expected) per hypervisor.
awk '{ key = $4; n[key, $3] = $5; if (!(key in seen)) { seen[key] = 1; order[++k] = key } }
	END { for (i = 1; i <= k; i++) {
		split(order[i], r, "-");
		printf "%s %d %d %d\n", order[i], n[order[i], "rtvmx"] + 0,
			n[order[i], "rtvmx_mitigated"] + 0, n[order[i], "kvm"] + 0 } }' <<<"$hists" |
	sort -t- -k1,1n >"$out/timer_hist.dat"
gnuplot <<EOF
set terminal pngcairo size 1000,520 noenhanced
set output "$out/timer_hist.png"
set title "Timer deadline to guest handler: ticks per latency bucket (TSC ticks late)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set ylabel "ticks of the 1 kHz task"
set xlabel "late by (TSC ticks)"
set key top right
plot "$out/timer_hist.dat" using 2:xtic(1) title "rtvmx", '' using 3 title "rtvmx, mitigated", '' using 4 title "KVM"
EOF
echo "bench: $out/exit_costs.png $out/timer_hist.png"
