#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash disable=SC2317  # functions run through check()
# CYCLES create -> run (hello) -> destroy cycles through "rtvmx run" leak
# neither unreclaimable slab nor free memory.

CYCLES=100
MEM=4M
SUNRECLAIM_MAX_GROWTH_KB=128
MEMFREE_MAX_DROP_KB=512

# shellcheck source=SCRIPTDIR/../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"
# shellcheck source=SCRIPTDIR/../lib/run.sh
. "$(dirname "$0")/../lib/run.sh"

cycle() {
	"$RTVMX_CLI" run --mem "$MEM" "$GUESTS_DIR/hello.elf" </dev/null >"$RUN_OUT_FILE" 2>&1 &&
		grep -qx "hello from rtvmx guest" "$RUN_OUT_FILE" && return 0
	diag "$(cat "$RUN_OUT_FILE")"
	return 1
}

vm_test_start
check "warm-up run" cycle || vm_test_end
mem_sample before
check "$CYCLES create/run/destroy cycles" repeat_cycles "$CYCLES" cycle
mem_sample after
check_no_leak "$SUNRECLAIM_MAX_GROWTH_KB" "$MEMFREE_MAX_DROP_KB"
vm_test_end
