#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
# Host test of lib/tap.sh with the kernel faked: insmod, rmmod and dmesg are
# shell functions over a log file, so the helpers' verdicts can be checked.
# Runs each case with sh, and with busybox sh when busybox is installed.
cd "$(dirname "$0")/.." || exit 1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
n=0
failed=0

# The fake kernel, appended to every case after sourcing lib/tap.sh.
cat >"$tmp/fakes.sh" <<'EOF_FAKES'
# The fake kernel log; tap.sh's markers reach it through KMSG as through /dev/kmsg.
FAKE_LOG=$FAKE_DIR/kmsg
KMSG=$FAKE_LOG
: >"$FAKE_LOG"
: >"$FAKE_DIR/calls"
dmesg() {
	if [ "$1" = -c ]; then : >"$FAKE_LOG"; else cat "$FAKE_LOG"; fi
}
log() {
	echo "[    1.000000] $*" >>"$FAKE_LOG"
}
# FAKE_INSMOD_RC, FAKE_INSMOD_ERR and FAKE_KLOG (lines) shape the next insmod.
insmod() {
	printf '%s\n' "$FAKE_KLOG" | while read -r line; do log "$line"; done
	[ -z "$FAKE_INSMOD_ERR" ] || echo "insmod: can't insert '$1': $FAKE_INSMOD_ERR" >&2
	return "${FAKE_INSMOD_RC:-0}"
}
rmmod() {
	echo "rmmod $*" >>"$FAKE_DIR/calls"
}
rtvmx_loaded() {
	return 1
}
EOF_FAKES

# case WHAT WANT_RC WANT_STDOUT_FILE: the case's script body is on stdin.
case_() {
	local what=$1 want_rc=$2 want=$3 rc

	{
		echo ". ./lib/tap.sh"
		echo ". $tmp/fakes.sh"
		cat
	} >"$tmp/case.sh"
	RTVMX_INSMOD=insmod FAKE_DIR=$tmp $SH "$tmp/case.sh" >"$tmp/got" 2>&1
	rc=$?
	n=$((n + 1))
	if [ "$rc" = "$want_rc" ] && diff -u "$want" "$tmp/got" >"$tmp/diff"; then
		echo "ok $n - $what ($SH)"
	else
		failed=$((failed + 1))
		echo "not ok $n - $what ($SH): exit $rc, want $want_rc"
		sed 's/^/# /' "$tmp/diff"
	fi
}

want() {
	cat >"$tmp/want"
}

run_cases() {
	want <<'EOT'
TAP version 13
# insmod: insmod: can't insert 'x': Invalid argument
ok 1 - insmod rtvmx cpus=0 is refused
ok 2 - insmod rtvmx cpus=0: error is 'Invalid argument'
ok 3 - insmod rtvmx cpus=0: rtvmx stays unloaded
# kernel: [    1.000000] rtvmx: cpus=0: cpu0 is a housekeeping CPU (the boot CPU)
ok 4 - insmod rtvmx cpus=0: one rtvmx line in dmesg
ok 5 - insmod rtvmx cpus=0: dmesg says 'cpu0 is a housekeeping CPU'
1..5
EOT
	case_ "expect_refusal: the refusal as specified" 0 "$tmp/want" <<'EOT'
RTVMX_KO=x
log "rtvmx: an old line from before the mark"
FAKE_INSMOD_RC=1 FAKE_INSMOD_ERR="Invalid argument"
FAKE_KLOG="rtvmx: loading out-of-tree module taints kernel.
rtvmx: cpus=0: cpu0 is a housekeeping CPU (the boot CPU)"
expect_refusal "Invalid argument" "cpu0 is a housekeeping CPU" cpus=0
tap_done
EOT

	want <<'EOT'
TAP version 13
# insmod: insmod: can't insert 'x': Device or resource busy
ok 1 - insmod rtvmx (defaults) is refused
not ok 2 - insmod rtvmx (defaults): error is 'Invalid argument'
ok 3 - insmod rtvmx (defaults): rtvmx stays unloaded
# kernel: [    1.000000] rtvmx: cpu1: one
# [    1.000000] rtvmx: two
not ok 4 - insmod rtvmx (defaults): one rtvmx line in dmesg
not ok 5 - insmod rtvmx (defaults): dmesg says 'cpu0 is a housekeeping CPU'
1..5
EOT
	case_ "expect_refusal: wrong errno, two lines, wrong text" 1 "$tmp/want" <<'EOT'
RTVMX_KO=x
FAKE_INSMOD_RC=1 FAKE_INSMOD_ERR="Device or resource busy"
FAKE_KLOG="rtvmx: cpu1: one
rtvmx: two"
expect_refusal "Invalid argument" "cpu0 is a housekeeping CPU"
tap_done
EOT

	want <<'EOT'
TAP version 13
not ok 1 - insmod rtvmx cpus=abc is refused
rmmod rtvmx
1..1
EOT
	case_ "expect_refusal: insmod that succeeds" 1 "$tmp/want" <<'EOT'
FAKE_INSMOD_RC=0
expect_refusal "Invalid argument" "not a CPU list" cpus=abc
cat "$FAKE_DIR/calls"
tap_done
EOT

	want <<'EOT'
TAP version 13
ok 1 - clean before the warning
# kernel log since the mark:
# [    1.000000] WARNING: CPU: 1 PID: 1 at somewhere
not ok 2 - warning after the mark is seen
ok 3 - a new mark hides it
1..3
EOT
	case_ "dmesg_mark and dmesg_clean" 1 "$tmp/want" <<'EOT'
log "BUG: an old one"
dmesg_mark
check "clean before the warning" dmesg_clean
log "WARNING: CPU: 1 PID: 1 at somewhere"
check "warning after the mark is seen" dmesg_clean
dmesg_mark
check "a new mark hides it" dmesg_clean
tap_done
EOT

	want <<'EOT'
TAP version 13
# kernel log since the mark:
# [    1.000000] Oops: 0000 [#1] SMP
not ok 1 - with /dev/kmsg unusable the log is cleared instead
1..1
EOT
	case_ "dmesg_mark falls back to dmesg -c" 1 "$tmp/want" <<'EOT'
log "BUG: an old one"
KMSG=/nonexistent/kmsg
dmesg_mark
log "Oops: 0000 [#1] SMP"
check "with /dev/kmsg unusable the log is cleared instead" dmesg_clean
tap_done
EOT

	want <<'EOT'
TAP version 13
1..0 # SKIP no kvm
cleanup ran
EOT
	case_ "tap_skip before any check" 4 "$tmp/want" <<'EOT'
test_cleanup() { echo "cleanup ran"; }
tap_skip "no kvm"
EOT

	want <<'EOT'
TAP version 13
ok 1 - a pass
# SKIP no kvm
1..1
EOT
	case_ "tap_skip after a pass" 4 "$tmp/want" <<'EOT'
check "a pass" true
tap_skip "no kvm"
EOT

	want <<'EOT'
TAP version 13
not ok 1 - a failure
1..1
EOT
	case_ "tap_skip after a failure fails" 1 "$tmp/want" <<'EOT'
check "a failure" false
tap_skip "no kvm"
EOT

	want <<'EOT'
TAP version 13
1..0
# no check ran
EOT
	case_ "tap_done without checks fails" 1 "$tmp/want" <<'EOT'
tap_done
EOT

	want <<'EOT'
TAP version 13
1..0 # SKIP the CPU has no VMX
EOT
	case_ "tap_missing elsewhere is a skip" 4 "$tmp/want" <<'EOT'
tap_missing "the CPU has no VMX"
EOT

	want <<'EOT'
TAP version 13
not ok 1 - the test machine lacks what it is built to have: the CPU has no VMX
1..1
EOT
	case_ "tap_missing in the test machine fails" 1 "$tmp/want" <<'EOT'
RTVMX_TEST_MACHINE=1
tap_missing "the CPU has no VMX"
EOT

	want <<'EOT'
TAP version 13
not ok 1 - the test machine lacks what it is built to have: no isolated CPU; boot with isolcpus= and nohz_full=
1..1
EOT
	case_ "rtvmx_require in a test machine without an isolated CPU fails" 1 "$tmp/want" <<'EOT'
RTVMX_TEST_MACHINE=1
id() { echo 0; }
grep() { [ "$2" = vmx ] && return 0; command grep "$@"; }
cat() { [ "$1" = /sys/devices/system/cpu/isolated ] && return 0; command cat "$@"; }
rtvmx_require
EOT

	want <<'EOT'
TAP version 13
ok 1 - has_line
ok 2 - has_line is exact
ok 3 - contains
ok 4 - one_line
ok 5 - one_line rejects two
ok 6 - one_line rejects none
cleanup ran
EOT
	case_ "small predicates; TERM runs the cleanup" 1 "$tmp/want" <<'EOT'
test_cleanup() { echo "cleanup ran"; }
check "has_line" has_line "a
reserved_cpus: 1
b" "reserved_cpus: 1"
check "has_line is exact" not has_line "reserved_cpus: 1-3" "reserved_cpus: 1"
check "contains" contains '{"caps": ["ept"]}' '"ept"'
check "one_line" one_line "x"
check "one_line rejects two" not one_line "x
y"
check "one_line rejects none" not one_line ""
kill -TERM $$
echo "not reached"
EOT
}

echo "TAP version 13"
SH="sh"
run_cases
if command -v busybox >/dev/null; then
	SH="busybox sh"
	run_cases
fi
echo "1..$n"
[ "$failed" -eq 0 ]
