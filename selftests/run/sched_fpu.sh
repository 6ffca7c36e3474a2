#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash disable=SC2317  # functions run through check()
# Each vCPU keeps its own FPU/SSE/AVX registers, XCR0 and KERNEL_GS_BASE when
# vCPUs take turns on one CPU: two fpu guests, each with its own register pattern, and
# a share guest that never enables AVX (XCR0 = x87 only) run under EDF with
# 300 us every 1 ms each, so the core switches between them many times while
# the patterns sit in the registers (debugfs must show all three on the CPU
# at once). Both fpu guests find every byte and their KERNEL_GS_BASE intact.
# shellcheck source=SCRIPTDIR/../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"
# shellcheck source=SCRIPTDIR/../lib/run.sh
. "$(dirname "$0")/../lib/run.sh"
# shellcheck source=SCRIPTDIR/../lib/sched.sh
. "$(dirname "$0")/../lib/sched.sh"

ROUNDS=8000
SLOT=edf:budget=300us,period=1ms
POLLS=2000

# all_three: debugfs shows three vCPUs on the test CPU, polled while they start.
all_three() {
	local i=0

	while [ "$i" -lt "$POLLS" ]; do
		grep -qx "vcpus: 3" "$RTVMX_DEBUGFS/cpu$TEST_CPU/sched" && return 0
		i=$((i + 1))
	done
	return 1
}

vm_test_start
sched_init
sched_start_payload s share "$(us_ticks 400000)" $SLOT
sched_start_payload f1 fpu $((ROUNDS << 8 | 0x11)) $SLOT
sched_start_payload f2 fpu $((ROUNDS << 8 | 0x7e)) $SLOT
check "cpu$TEST_CPU/sched shows the three vCPUs at once" all_three
sched_wait
for g in f1 f2; do
	check "guest $g: xmm registers intact" \
		grep -qx "UCALL REPORT sse: 0 of 256 xmm bytes changed across $ROUNDS rounds of exits" \
		"$SCHED_FILE.$g.out"
	if grep -q "^UCALL SKIP" "$SCHED_FILE.$g.out"; then
		diag "guest $g has no AVX: only SSE was checked"
	else
		check "guest $g: ymm registers intact" \
			grep -qx "UCALL REPORT avx: 0 of 512 ymm bytes changed across $ROUNDS rounds of exits" \
			"$SCHED_FILE.$g.out"
		check "guest $g: KERNEL_GS_BASE intact" grep -q "^UCALL REPORT kernel_gs_base: " \
			"$SCHED_FILE.$g.out"
	fi
	n=$(sched_stat $g sched_overruns)
	check "guest $g: its budget ran out at least 10 times (switched away mid-test)" \
		within "$n" 10 1000000
done
vm_test_end
