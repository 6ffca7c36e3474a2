#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash disable=SC2317  # functions run through check()
# Guest SSE/AVX registers survive exits while host tasks compute with the
# FPU, and the host's floating-point results stay right.
# shellcheck source=SCRIPTDIR/../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"
# shellcheck source=SCRIPTDIR/../lib/run.sh
. "$(dirname "$0")/../lib/run.sh"

HOST_LOAD_PID=

# A sum of 1/i in double precision: the same digits every time unless
# something corrupts the host's FPU/SSE state.
harmonic() {
	awk 'BEGIN { s = 0; for (i = 1; i <= 20000; i++) s += 1 / i; printf "%.15f\n", s }'
}

# host_load WANT: recompute until killed; a different result is logged.
host_load() {
	while :; do
		[ "$(harmonic)" = "$1" ] || echo "host FPU result changed: $(harmonic)" >>"$RUN_ERR_FILE.host"
	done
}

test_cleanup() {
	[ -z "$HOST_LOAD_PID" ] || kill "$HOST_LOAD_PID" 2>/dev/null
	rm -f "$RUN_OUT_FILE" "$RUN_ERR_FILE" "$RUN_ERR_FILE.host"
}

vm_test_start
want=$(harmonic)
diag "host harmonic(20000) = $want"
: >"$RUN_ERR_FILE.host"
host_load "$want" &
HOST_LOAD_PID=$!
run_guest fpu
kill "$HOST_LOAD_PID"
wait "$HOST_LOAD_PID" 2>/dev/null
HOST_LOAD_PID=
check "fpu: no guest assertion failed" no_assert
check "fpu: xmm registers intact" contains "$RUN_OUT" "UCALL REPORT sse: 0 of 256 xmm bytes changed"
if status_is "$GUEST_EXIT_SKIP"; then
	diag "the guest has no AVX: only SSE was checked"
else
	check "fpu: ymm registers intact" contains "$RUN_OUT" "UCALL REPORT avx: 0 of 512 ymm bytes changed"
	check_guest_done "fpu"
	check "fpu: an xsetbv exit" stat_is exits.xsetbv 1
fi
check "fpu: host results unchanged meanwhile" [ ! -s "$RUN_ERR_FILE.host" ]
[ ! -s "$RUN_ERR_FILE.host" ] || diag "$(cat "$RUN_ERR_FILE.host")"
check "fpu: host result unchanged afterwards" [ "$(harmonic)" = "$want" ]
vm_test_end
