# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
# shellcheck disable=SC2034  # the variables set here are for the tests
#
# Helpers for the scheduling selftests: several "share" guests (guests/share.c)
# on the test CPU at once, each with its own --sched, and checks of what each
# measured against its reservation. Source lib/tap.sh and lib/run.sh first.
# Guest names must be shell-variable-safe (a, b, c).

# Each guest spins this long in emulated time: long enough for several
# periods of every reservation used, short enough to keep the tier quick.
SCHED_SPAN_MS=${SCHED_SPAN_MS:-60}
SCHED_GUESTS=
SCHED_FILE=$TMPDIR/rtvmx-sched.$$

test_cleanup() {
	local g pid

	for g in $SCHED_GUESTS; do
		eval "pid=\${SCHED_PID_$g:-}"
		[ -n "$pid" ] && kill "$pid" 2>/dev/null
	done
	if [ -n "$BG_PID" ]; then
		kill "$BG_PID" 2>/dev/null
	fi
	wait 2>/dev/null
	rm -f "$SCHED_FILE".* "$RUN_OUT_FILE" "$RUN_ERR_FILE"
}

# sched_init: TSC_KHZ from debugfs and SPAN_TICKS, the guests' span.
sched_init() {
	TSC_KHZ=$(sed -n 's/^tsc_khz: //p' "$RTVMX_DEBUGFS/cpu$TEST_CPU/sched")
	check "debugfs cpu$TEST_CPU/sched gives the TSC rate" [ -n "$TSC_KHZ" ] || vm_test_end
	SPAN_TICKS=$((SCHED_SPAN_MS * TSC_KHZ))
	diag "tsc_khz: $TSC_KHZ, span: $SCHED_SPAN_MS ms = $SPAN_TICKS ticks"
}

# us_ticks US: microseconds in TSC ticks.
us_ticks() {
	echo $(($1 * TSC_KHZ / 1000))
}

# sched_start NAME SCHED: a share guest named NAME, --sched SCHED, in the background.
sched_start() {
	sched_start_payload "$1" share "$SPAN_TICKS" "$2"
}

# sched_start_payload NAME PAYLOAD ARG SCHED: any payload the same way.
sched_start_payload() {
	diag "\$ rtvmx run --stats --cpu $TEST_CPU --name $1 --arg $3 --sched $4 $2.elf &"
	"$RTVMX_CLI" run --stats --cpu "$TEST_CPU" --mem 4M --name "$1" --arg "$3" \
		--sched "$4" "$GUESTS_DIR/$2.elf" </dev/null >"$SCHED_FILE.$1.out" \
		2>"$SCHED_FILE.$1.err" &
	eval "SCHED_PID_$1=\$!"
	SCHED_GUESTS="$SCHED_GUESTS $1"
}

# sched_wait: waits for every guest; each must end with UCALL DONE and status 0.
sched_wait() {
	local g pid rc

	for g in $SCHED_GUESTS; do
		eval "pid=\$SCHED_PID_$g"
		wait "$pid"
		rc=$?
		eval "SCHED_PID_$g="
		diag "$(sed "s/^/$g console: /" "$SCHED_FILE.$g.out")"
		diag "$(grep -E '^(stop_reason|exits|guest_ns|sched_)' "$SCHED_FILE.$g.err" | sed "s/^/$g stats: /")"
		check "guest $g: exit status 0" [ "$rc" -eq 0 ]
		check "guest $g: reports UCALL DONE" grep -qx "UCALL DONE" "$SCHED_FILE.$g.out"
	done
}

# sched_out NAME KEY: the number after "KEY: " on guest NAME's console.
sched_out() {
	sed -n "s/^$2: \([0-9][0-9]*\)\$/\1/p" "$SCHED_FILE.$1.out" | head -n 1
}

# sched_stat NAME KEY: the number after "KEY: " in guest NAME's --stats.
sched_stat() {
	sed -n "s/^$2: \([0-9][0-9]*\)\$/\1/p" "$SCHED_FILE.$1.err" | head -n 1
}

# check_share NAME BUDGET_US PERIOD_US: the guest's measured share is
# BUDGET/PERIOD within a tolerance of BUDGET/span (the span does not end on a
# period boundary, so the last period's budget may be in or out) plus 2
# percentage points (exits charged to the guest's budget, the loop's switch
# and wake-up latency).
check_share() {
	local ppm want tol

	ppm=$(sched_out "$1" share_ppm)
	want=$(($2 * 1000000 / $3))
	tol=$(($2 * 1000 / SCHED_SPAN_MS + 20000))
	diag "guest $1: share ${ppm:-none} ppm, configured $want ppm, tolerance $tol ppm"
	check "guest $1: CPU share $want ppm +- $tol" within "$ppm" $((want - tol)) $((want + tol))
}

# check_gap NAME MIN_US MAX_US: its longest stretch off the CPU lies in [MIN, MAX].
check_gap() {
	local gap

	gap=$(sched_out "$1" max_gap_ticks)
	diag "guest $1: longest gap ${gap:-none} ticks ($((${gap:-0} * 1000 / TSC_KHZ)) us), allowed $2..$3 us"
	check "guest $1: longest gap within $2..$3 us" within "$gap" "$(us_ticks "$2")" "$(us_ticks "$3")"
}

# check_overrun NAME: the worst budget overrun (GET_INFO): the exit that ends
# a budget comes within one exit's latency of its end, far under 100 us.
check_overrun() {
	local n max

	n=$(sched_stat "$1" sched_overruns)
	max=$(sched_stat "$1" sched_overrun_max_ticks)
	diag "guest $1: ${n:-?} budget overruns, worst ${max:-?} ticks"
	check "guest $1: worst overrun under 100 us" within "$max" 0 "$(us_ticks 100)"
}
