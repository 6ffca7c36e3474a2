#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash disable=SC2317  # functions run through check()
# CYCLES load/unload cycles leak neither unreclaimable slab nor free memory.
# The figures are printed so the thresholds can be tuned from real runs.

CYCLES=20
SUNRECLAIM_MAX_GROWTH_KB=64
MEMFREE_MAX_DROP_KB=256
PAGE_KB=4

# shellcheck source=SCRIPTDIR/../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"

meminfo_kb() {
	awk -v k="$1:" '$1 == k { print $2 }' /proc/meminfo
}

# sample NAME: drop caches, then set NAME_memfree, NAME_slab, NAME_sunreclaim, NAME_freepages (KiB).
sample() {
	sync
	echo 3 >/proc/sys/vm/drop_caches
	eval "$1_memfree=$(meminfo_kb MemFree)"
	eval "$1_slab=$(meminfo_kb Slab)"
	eval "$1_sunreclaim=$(meminfo_kb SUnreclaim)"
	eval "$1_freepages=$(($(awk '$1 == "nr_free_pages" { print $2 }' /proc/vmstat) * PAGE_KB))"
}

# report WHAT BEFORE AFTER
report() {
	diag "$1: before $2 KiB, after $3 KiB, change $(($3 - $2)) KiB"
}

cycle() {
	rtvmx_insmod && rtvmx_rmmod
}

cycles() {
	local i=1

	while [ "$i" -le "$CYCLES" ]; do
		if ! cycle; then
			diag "cycle $i failed"
			return 1
		fi
		i=$((i + 1))
	done
}

rtvmx_require
rtvmx_unload_stale
dmesg_mark
check "warm-up load and unload" cycle || tap_done
sample before
check "$CYCLES load/unload cycles" cycles || tap_done
sample after
# shellcheck disable=SC2154  # set by sample() through eval
{
	report MemFree "$before_memfree" "$after_memfree"
	report Slab "$before_slab" "$after_slab"
	report SUnreclaim "$before_sunreclaim" "$after_sunreclaim"
	report nr_free_pages "$before_freepages" "$after_freepages"
	check "SUnreclaim grew at most $SUNRECLAIM_MAX_GROWTH_KB KiB" \
		[ $((after_sunreclaim - before_sunreclaim)) -le "$SUNRECLAIM_MAX_GROWTH_KB" ]
	check "MemFree dropped at most $MEMFREE_MAX_DROP_KB KiB" \
		[ $((before_memfree - after_memfree)) -le "$MEMFREE_MAX_DROP_KB" ]
}
check "no kernel warnings" dmesg_clean
tap_done
