#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
#
# Run the rtvmx selftests in a fixed order and report one TAP 13 line per
# test; each test's own output follows its "# selftests:" line, prefixed "# ".
# A test exits 0 (pass), 4 (skip, reason from its last "# SKIP" line) or
# anything else (fail); one that leaves rtvmx loaded fails too.
#
# usage: run_all.sh [TEST...]    (paths relative to this folder; default: all)
# env:   RTVMX_KO, RTVMX_CLI     passed on to the tests
#        RTVMX_TEST_TIMEOUT      seconds per test (default 600)

ALL_TESTS="
module/load.sh
module/caps_ioctl
module/cpuid_model
module/unknown_ioctl
module/nonroot_open
module/bad_cpus.sh
module/rmmod_clean.sh
module/cpu_hotplug.sh
module/load_unload_leak.sh
module/kvm_conflict.sh
module/kvm_race.sh
module/vm_bad_input
module/netlink
run/hello.sh
run/cpuid.sh
run/cpumodel.sh
run/uart.sh
run/exit_codes.sh
run/loop.sh
run/long_guest.sh
run/halt.sh
run/msr.sh
run/hostile.sh
run/mitigations.sh
run/triple_fault.sh
run/beyond_ram.sh
run/mmio.sh
run/boot_modes.sh
run/fpu.sh
run/irq.sh
run/apicv.sh
run/latency.sh
run/irqstorm.sh
run/smp.sh
run/sched_admit.sh
run/sched_edf.sh
run/sched_fp.sh
run/sched_table.sh
run/sched_fpu.sh
run/cycles.sh
run/persistent.sh
run/race.sh
run/destroy_race.sh
run/rmmod_persistent.sh
run/trace.sh
"

cd "$(dirname "$0")" || exit 1
TMPDIR=${TMPDIR:-/tmp}
mkdir -p "$TMPDIR" || exit 1
log=$TMPDIR/rtvmx-selftest.$$.log
rcfile=$TMPDIR/rtvmx-selftest.$$.rc
timeout_s=${RTVMX_TEST_TIMEOUT:-600}
trap 'rm -f "$log" "$rcfile"' EXIT

with_timeout() {
	if command -v timeout >/dev/null; then
		timeout "$timeout_s" "$@"
	else
		"$@"
	fi
}

# run_test TEST: run it, its output prefixed "# " (awk ends a last partial
# line, so the result line always starts a line); sets rc.
run_test() {
	rm -f "$rcfile"
	(
		with_timeout "./$1" 2>&1
		echo $? >"$rcfile"
	) | tee "$log" | awk '{ print "# " $0 }'
	rc=$(cat "$rcfile")
	case $rc in
	124 | 137 | 143) echo "# $1: ended by a signal or timed out after ${timeout_s}s (exit $rc)" ;;
	esac
	if [ -d /sys/module/rtvmx ]; then
		echo "# $1 left rtvmx loaded; unloading it"
		rmmod rtvmx
		rc=1
	fi
}

skip_reason() {
	grep '# SKIP' "$log" | tail -n 1 | sed 's/.*# SKIP *//'
}

tests=${*:-$ALL_TESTS}
n=0
total=$(echo "$tests" | wc -w)
pass=0
fail=0
skip=0
echo "TAP version 13"
echo "1..$total"
echo "# kernel $(uname -r): $(cat /proc/cmdline 2>/dev/null)"
for t in $tests; do
	n=$((n + 1))
	name=${t%.sh}
	echo "# selftests: rtvmx: $name"
	if [ ! -x "$t" ]; then
		echo "# $t is missing or not executable"
		rc=1
	else
		run_test "$t"
	fi
	case $rc in
	0)
		echo "ok $n - $name"
		pass=$((pass + 1))
		;;
	4)
		reason=$(skip_reason)
		echo "ok $n - $name # SKIP ${reason:-no reason given}"
		skip=$((skip + 1))
		;;
	*)
		echo "# exit code $rc"
		echo "not ok $n - $name"
		fail=$((fail + 1))
		;;
	esac
done
echo "# totals: pass $pass, fail $fail, skip $skip"
[ "$fail" -eq 0 ]
