#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash disable=SC2317  # functions run through check()
# CYCLES load/unload cycles leak neither unreclaimable slab nor free memory.

CYCLES=20
SUNRECLAIM_MAX_GROWTH_KB=64
MEMFREE_MAX_DROP_KB=256

# shellcheck source=SCRIPTDIR/../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"

cycle() {
	rtvmx_insmod && rtvmx_rmmod
}

rtvmx_require
rtvmx_unload_stale
dmesg_mark
check "warm-up load and unload" cycle || tap_done
mem_sample before
check "$CYCLES load/unload cycles" repeat_cycles "$CYCLES" cycle || tap_done
mem_sample after
check_no_leak "$SUNRECLAIM_MAX_GROWTH_KB" "$MEMFREE_MAX_DROP_KB"
check "no kernel warnings" dmesg_clean
tap_done
