# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
# shellcheck disable=SC2034  # the variables set here are for the tests
#
# Helpers for the rtvmx shell selftests (busybox sh). A test sources it:
#	. "$(dirname "$0")/../lib/tap.sh"
# Every check prints "ok N - what" or "not ok N - what", diagnostics are "# "
# lines, and tap_done / tap_skip exit KSFT_PASS, KSFT_FAIL or KSFT_SKIP.
# On any exit an EXIT trap runs test_cleanup (a test may redefine it), then
# unloads rtvmx and the KVM modules the test loaded.

KSFT_PASS=0
KSFT_FAIL=1
KSFT_SKIP=4

RTVMX_KO=${RTVMX_KO:-/rtvmx/rtvmx.ko}
RTVMX_CLI=${RTVMX_CLI:-/usr/bin/rtvmx}
RTVMX_NODE=/dev/rtvmx
RTVMX_DEBUGFS=/sys/kernel/debug/rtvmx
KMSG=/dev/kmsg
TMPDIR=${TMPDIR:-/tmp}
# Tests live one folder below the selftests root (module/load.sh).
SELFTESTS_DIR=$(cd "$(dirname "$0")/.." && pwd)
# One finit_module() per load, unlike busybox insmod (see lib/modload.c).
RTVMX_INSMOD=${RTVMX_INSMOD:-$SELFTESTS_DIR/lib/modload}

tap_nr=0
tap_nr_failed=0
DMESG_MARK=
dmesg_marks=0
KVM_MODS_LOADED=

echo "TAP version 13"

# ---- TAP ----------------------------------------------------------------

diag() {
	printf '%s\n' "$*" | sed 's/^/# /'
}

pass() {
	tap_nr=$((tap_nr + 1))
	echo "ok $tap_nr - $*"
}

fail() {
	tap_nr=$((tap_nr + 1))
	tap_nr_failed=$((tap_nr_failed + 1))
	echo "not ok $tap_nr - $*"
}

# within N LO HI: N is a number from LO to HI.
within() {
	[ -n "$1" ] && [ "$1" -ge "$2" ] && [ "$1" -le "$3" ]
}

# skip_check WHAT REASON: a check this machine cannot make, said as a TAP SKIP.
skip_check() {
	tap_nr=$((tap_nr + 1))
	echo "ok $tap_nr - $1 # SKIP $2"
}

# check WHAT COMMAND [ARGS...]: one check, passing when COMMAND succeeds.
check() {
	local what=$1

	shift
	if "$@"; then
		pass "$what"
	else
		fail "$what"
		return 1
	fi
}

# tap_done: print the plan and exit; no check at all is a failure.
tap_done() {
	echo "1..$tap_nr"
	if [ "$tap_nr" -eq 0 ]; then
		diag "no check ran"
		exit $KSFT_FAIL
	fi
	[ "$tap_nr_failed" -eq 0 ] && exit $KSFT_PASS
	exit $KSFT_FAIL
}

# tap_missing REASON: this machine lacks what the test needs: a skip, but a
# failure in the rtvmx test machine (RTVMX_TEST_MACHINE=1, set by its /init),
# which is built to have VMX, an isolated CPU and kvm_intel.
tap_missing() {
	if [ "${RTVMX_TEST_MACHINE:-0}" = 1 ]; then
		fail "the test machine lacks what it is built to have: $*"
		tap_done
	fi
	tap_skip "$*"
}

# tap_skip REASON: skip the rest of the test; an earlier failure still fails it.
tap_skip() {
	[ "$tap_nr_failed" -eq 0 ] || tap_done
	if [ "$tap_nr" -eq 0 ]; then
		echo "1..0 # SKIP $*"
	else
		echo "# SKIP $*"
		echo "1..$tap_nr"
	fi
	exit $KSFT_SKIP
}

not() {
	! "$@"
}

# contains TEXT PART
contains() {
	case $1 in
	*"$2"*) return 0 ;;
	esac
	return 1
}

# has_line TEXT LINE: TEXT has LINE as a whole line.
has_line() {
	printf '%s\n' "$1" | grep -qxF -- "$2"
}

# ---- cleanup ------------------------------------------------------------

test_cleanup() {
	:
}

tap_on_exit() {
	test_cleanup
	if rtvmx_loaded; then
		diag "cleanup: unloading rtvmx"
		rmmod rtvmx
	fi
	kvm_unload
}

trap tap_on_exit EXIT
trap 'exit $KSFT_FAIL' INT TERM HUP

# ---- host ---------------------------------------------------------------

# rtvmx_require: skip unless root, VMX and an isolated CPU; sets ISOLATED
# (the isolated CPU list, rtvmx's default cpus=) and TEST_CPU (its first CPU).
rtvmx_require() {
	[ "$(id -u)" = 0 ] || tap_skip "needs root"
	grep -qw vmx /proc/cpuinfo || tap_missing "the CPU has no VMX (no 'vmx' in /proc/cpuinfo)"
	ISOLATED=$(cat /sys/devices/system/cpu/isolated 2>/dev/null)
	[ -n "$ISOLATED" ] || tap_missing "no isolated CPU; boot with isolcpus= and nohz_full="
	TEST_CPU=${ISOLATED%%[,-]*}
	ensure_debugfs
}

ensure_debugfs() {
	grep -q '^[^ ]* /sys/kernel/debug debugfs ' /proc/mounts ||
		mount -t debugfs debugfs /sys/kernel/debug ||
		diag "cannot mount debugfs"
}

# The highest possible CPU number (from "0-1" or "0,2-5").
last_possible_cpu() {
	sed 's/.*[,-]//' /sys/devices/system/cpu/possible
}

# ---- rtvmx module -------------------------------------------------------

rtvmx_loaded() {
	[ -d /sys/module/rtvmx ]
}

# rtvmx_insmod [PARAM=VALUE...]: load $RTVMX_KO; its messages land in INSMOD_OUT.
rtvmx_insmod() {
	local rc

	INSMOD_OUT=$("$RTVMX_INSMOD" "$RTVMX_KO" "$@" 2>&1)
	rc=$?
	[ -z "$INSMOD_OUT" ] || diag "insmod: $INSMOD_OUT"
	return "$rc"
}

rtvmx_rmmod() {
	local out

	out=$(rmmod rtvmx 2>&1) && return 0
	diag "rmmod rtvmx: $out"
	return 1
}

# Start from an unloaded rtvmx even if an earlier test left it loaded.
rtvmx_unload_stale() {
	rtvmx_loaded || return 0
	diag "rtvmx was loaded already; unloading it"
	rmmod rtvmx
}

# debugfs_cpu_on CPU: debugfs has the line "cpuCPU: on".
debugfs_cpu_on() {
	grep -qx "cpu$1: on" "$RTVMX_DEBUGFS/cpus"
}

# ---- kernel log ---------------------------------------------------------

# dmesg_mark: later dmesg_new calls show only what the kernel logs after this.
# Writes a marker to /dev/kmsg; where that does not reach the log, clears it.
dmesg_mark() {
	dmesg_marks=$((dmesg_marks + 1))
	DMESG_MARK="rtvmx-selftest-mark-$$-$dmesg_marks"
	echo "$DMESG_MARK" 2>/dev/null >"$KMSG"
	if ! dmesg | grep -q -- "$DMESG_MARK"; then
		DMESG_MARK=
		dmesg -c >/dev/null
	fi
}

dmesg_new() {
	if [ -n "$DMESG_MARK" ]; then
		dmesg | sed -n "/$DMESG_MARK/,\$p" | sed 1d
	else
		dmesg
	fi
}

# dmesg_clean: no warning, BUG (SLUB's "BUG cache (...)" too) or oops since the mark.
dmesg_clean() {
	local bad

	bad=$(dmesg_new | grep -E 'WARNING:|BUG:|BUG [^ ]+ \(|Oops|Call Trace|general protection fault|invalid opcode:')
	[ -z "$bad" ] && return 0
	diag "kernel log since the mark:"
	diag "$(dmesg_new)"
	return 1
}

# dmesg_has PATTERN: the kernel logged a line matching PATTERN (grep -E) since the mark.
dmesg_has() {
	dmesg_new | grep -qE -- "$1"
}

# rtvmx's lines since the mark, without the kernel's module-taint notices.
rtvmx_log_new() {
	dmesg_new | grep 'rtvmx: ' | grep -v 'taint'
}

# one_line TEXT: TEXT is exactly one nonempty line.
one_line() {
	[ -n "$1" ] && [ "$(printf '%s\n' "$1" | wc -l)" -eq 1 ]
}

# expect_refusal ERRNO_TEXT MESSAGE [PARAM=VALUE...]: insmod must fail with
# strerror() text ERRNO_TEXT, leave rtvmx unloaded, and log exactly one rtvmx
# line, which contains MESSAGE. Leaves the dmesg mark set before the insmod.
expect_refusal() {
	local errtext=$1 msg=$2 what lines

	shift 2
	what="insmod rtvmx ${*:-(defaults)}"
	dmesg_mark
	if rtvmx_insmod "$@"; then
		fail "$what is refused"
		rtvmx_rmmod
		return 1
	fi
	pass "$what is refused"
	check "$what: error is '$errtext'" contains "$INSMOD_OUT" "$errtext"
	check "$what: rtvmx stays unloaded" not rtvmx_loaded
	lines=$(rtvmx_log_new)
	diag "kernel: $lines"
	check "$what: one rtvmx line in dmesg" one_line "$lines"
	check "$what: dmesg says '$msg'" contains "$lines" "$msg"
}

# ---- leaks --------------------------------------------------------------

# repeat_cycles N COMMAND [ARGS...]: run COMMAND N times, stopping at the first failure.
repeat_cycles() {
	local n=$1 i=1

	shift
	while [ "$i" -le "$n" ]; do
		if ! "$@"; then
			diag "cycle $i failed"
			return 1
		fi
		i=$((i + 1))
	done
}

meminfo_kb() {
	awk -v k="$1:" '$1 == k { print $2 }' /proc/meminfo
}

# mem_sample NAME: drop caches, then set NAME_memfree and NAME_sunreclaim (KiB).
mem_sample() {
	sync
	echo 3 >/proc/sys/vm/drop_caches
	eval "$1_memfree=$(meminfo_kb MemFree)"
	eval "$1_sunreclaim=$(meminfo_kb SUnreclaim)"
}

# check_no_leak SUNRECLAIM_MAX_KB MEMFREE_MAX_KB: compare the samples "before"
# and "after", printing the figures so thresholds can be tuned from real runs.
# shellcheck disable=SC2154  # set by mem_sample() through eval
check_no_leak() {
	diag "MemFree: before $before_memfree KiB, after $after_memfree KiB," \
		"change $((after_memfree - before_memfree)) KiB"
	diag "SUnreclaim: before $before_sunreclaim KiB, after $after_sunreclaim KiB," \
		"change $((after_sunreclaim - before_sunreclaim)) KiB"
	check "SUnreclaim grew at most $1 KiB" [ $((after_sunreclaim - before_sunreclaim)) -le "$1" ]
	check "MemFree dropped at most $2 KiB" [ $((before_memfree - after_memfree)) -le "$2" ]
}

# ---- KVM ----------------------------------------------------------------

# kvm_load: modprobe kvm_intel, remembering which modules this loaded;
# on failure KVM_SKIP_REASON says why.
kvm_load() {
	local m missing="" out

	for m in irqbypass kvm kvm_intel; do
		[ -d "/sys/module/$m" ] || missing="$missing $m"
	done
	if ! out=$(modprobe kvm_intel 2>&1); then
		KVM_SKIP_REASON="kvm_intel cannot be loaded: ${out:-modprobe failed}"
		return 1
	fi
	for m in $missing; do
		[ -d "/sys/module/$m" ] && KVM_MODS_LOADED="$m $KVM_MODS_LOADED"
	done
	if [ ! -c /dev/kvm ]; then
		KVM_SKIP_REASON="no /dev/kvm after modprobe kvm_intel"
		return 1
	fi
}

# kvm_unload: unload what kvm_load loaded (kvm_intel first).
kvm_unload() {
	local m ok=0

	for m in kvm_intel kvm irqbypass; do
		case " $KVM_MODS_LOADED " in
		*" $m "*) rmmod "$m" || ok=1 ;;
		esac
	done
	KVM_MODS_LOADED=
	return "$ok"
}

# kvm_vm_run: create a KVM VM with the kvm_vm helper; sets KVM_OUT and KVM_RC.
kvm_vm_run() {
	KVM_OUT=$("$SELFTESTS_DIR/module/kvm_vm" 2>&1)
	KVM_RC=$?
	diag "$KVM_OUT"
}

kvm_vm_created() {
	[ "$KVM_RC" -eq 0 ] && has_line "$KVM_OUT" created
}

# kvm_vm_failed_with ERRNO_NAME
kvm_vm_failed_with() {
	[ "$KVM_RC" -eq 1 ] && contains "$KVM_OUT" "KVM_CREATE_VM: $1 "
}
