#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash disable=SC2317  # functions run through check()
# The irqstorm guest programs its LAPIC timer at the highest rate it can
# (periodic, count 1, divide by 1) for 2.5 s of guest time. A shell loop on
# CPU 0 must keep at least half the progress it makes without the guest;
# prints the host interrupts that reached the reserved CPU per second of
# guest time (/proc/interrupts before and after the run).
# shellcheck source=SCRIPTDIR/../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"
# shellcheck source=SCRIPTDIR/../lib/run.sh
. "$(dirname "$0")/../lib/run.sh"

STORM_MS=2500
COUNT_S=2
# Bounds near the measured figures (75 timer interrupts per ms; 29 host
# interrupts on the reserved CPU in a run), with room for the timing of a run.
GUEST_IRQS_PER_MS=40
HOST_IRQS_MAX=60

# cpu_irqs CPU: "<source> <count>" per interrupt source on CPU so far.
cpu_irqs() {
	awk -v col=$(($1 + 2)) 'NR > 1 && $col ~ /^[0-9]+$/ { print $1, $col }' /proc/interrupts
}

# irq_delta BEFORE AFTER (files): "<source>+<n>" for each source that grew, then "total <n>".
irq_delta() {
	awk 'NR == FNR { b[$1] = $2; next }
		{ d = $2 - b[$1]; if (d > 0) { printf "%s+%d ", $1, d; t += d } }
		END { print "total " t + 0 }' "$1" "$2"
}

# loop_rounds: iterations of a shell loop on CPU 0 in COUNT_S seconds.
loop_rounds() {
	# shellcheck disable=SC2016  # expanded by the inner shell
	timeout -s TERM "$COUNT_S" taskset -c 0 sh -c \
		'n=0; trap "echo \$n; exit 0" TERM; while :; do n=$((n + 1)); done'
}

vm_test_start
base=$(loop_rounds)
diag "CPU 0 loop without a guest: $base rounds in $COUNT_S s"
IRQ_FILE=$TMPDIR/rtvmx-irqstorm.$$
cpu_irqs "$TEST_CPU" >"$IRQ_FILE.before"
run_guest_bg irqstorm --arg "$STORM_MS"
if check "guest prints 'storm_ready'" wait_console storm_ready 60; then
	during=$(loop_rounds)
	diag "CPU 0 loop during the storm: $during rounds in $COUNT_S s"
	check "CPU 0 keeps at least half its progress ($during of $base)" \
		[ "$((${during:-0} * 2))" -ge "${base:-1}" ]
fi
check "guest ends its storm" wait_console "UCALL DONE" 300 || kill -s INT "$BG_PID"
run_bg_wait
cpu_irqs "$TEST_CPU" >"$IRQ_FILE.after"
check "guest done (status 0)" status_is 0
check "guest reports its interrupts" contains "$RUN_OUT" "storm: "
delta=$(irq_delta "$IRQ_FILE.before" "$IRQ_FILE.after")
total=${delta##*total }
guest_ns=$(run_stat guest_ns)
diag "host interrupts on CPU $TEST_CPU during the run: $delta"
diag "per second of the guest's ${STORM_MS} ms run: $((total * 1000 / STORM_MS));" \
	"per second spent in VMX non-root (guest_ns ${guest_ns:-?}):" \
	"$([ "${guest_ns:-0}" -gt 0 ] && echo $((total * 1000000000 / guest_ns)))"
check "/proc/interrupts had the reserved CPU's local timer row" grep -q '^LOC: ' "$IRQ_FILE.before"
check "host interrupts on the reserved CPU: at most $HOST_IRQS_MAX in the run (${total:-none})" \
	within "${total:-}" 0 "$HOST_IRQS_MAX"
n=$(printf '%s\n' "$RUN_OUT" | sed -n 's/^storm: \([0-9]*\) interrupts.*/\1/p')
check "at least $GUEST_IRQS_PER_MS timer interrupts per ms of the storm (${n:-none} in $STORM_MS ms)" \
	[ "${n:-0}" -ge $((GUEST_IRQS_PER_MS * STORM_MS)) ]
rm -f "$IRQ_FILE.before" "$IRQ_FILE.after"
vm_test_end
