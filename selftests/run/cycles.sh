#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash disable=SC2317  # functions run through check()
# CYCLES create -> run (hello) -> destroy cycles through "rtvmx run" leak
# neither unreclaimable slab nor free memory. The figures are printed so the
# thresholds can be tuned from real runs.

CYCLES=100
MEM=4M
SUNRECLAIM_MAX_GROWTH_KB=128
MEMFREE_MAX_DROP_KB=512

# shellcheck source=SCRIPTDIR/../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"
# shellcheck source=SCRIPTDIR/../lib/run.sh
. "$(dirname "$0")/../lib/run.sh"

meminfo_kb() {
	awk -v k="$1:" '$1 == k { print $2 }' /proc/meminfo
}

# sample NAME: drop caches, then set NAME_memfree and NAME_sunreclaim (KiB).
sample() {
	sync
	echo 3 >/proc/sys/vm/drop_caches
	eval "$1_memfree=$(meminfo_kb MemFree)"
	eval "$1_sunreclaim=$(meminfo_kb SUnreclaim)"
}

report() {
	diag "$1: before $2 KiB, after $3 KiB, change $(($3 - $2)) KiB"
}

cycle() {
	"$RTVMX_CLI" run --mem "$MEM" "$GUESTS_DIR/hello.elf" </dev/null >"$RUN_OUT_FILE" 2>&1 &&
		grep -qx "hello from rtvmx guest" "$RUN_OUT_FILE"
}

cycles() {
	local i=1

	while [ "$i" -le "$CYCLES" ]; do
		if ! cycle; then
			diag "cycle $i failed: $(cat "$RUN_OUT_FILE")"
			return 1
		fi
		i=$((i + 1))
	done
}

vm_test_start
check "warm-up run" cycle || vm_test_end
sample before
check "$CYCLES create/run/destroy cycles" cycles
sample after
# shellcheck disable=SC2154  # set by sample() through eval
{
	report MemFree "$before_memfree" "$after_memfree"
	report SUnreclaim "$before_sunreclaim" "$after_sunreclaim"
	check "SUnreclaim grew at most $SUNRECLAIM_MAX_GROWTH_KB KiB" \
		[ $((after_sunreclaim - before_sunreclaim)) -le "$SUNRECLAIM_MAX_GROWTH_KB" ]
	check "MemFree dropped at most $MEMFREE_MAX_DROP_KB KiB" \
		[ $((before_memfree - after_memfree)) -le "$MEMFREE_MAX_DROP_KB" ]
}
vm_test_end
