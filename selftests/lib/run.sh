# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
# shellcheck disable=SC2034  # the variables set here are for the tests
#
# Helpers for the selftests that run guest payloads with "rtvmx run"
# (busybox sh). A test sources lib/tap.sh, then this file:
#	. "$(dirname "$0")/../lib/tap.sh"
#	. "$(dirname "$0")/../lib/run.sh"
# Payloads are $GUESTS_DIR/NAME.elf (selftests/guests, installed by make).
# "rtvmx run" exits with the guest's exit code, or with one of these for the
# other stop reasons (userspace/result.h):
RUN_USER=130
RUN_TRIPLE_FAULT=113
RUN_EPT_VIOLATION=115
RUN_UNSUPPORTED=118
GUEST_EXIT_ASSERT=3	# GUEST_ASSERT failed (selftests/guests/lib/guest.h)
GUEST_EXIT_SKIP=4	# GUEST_SKIP

GUESTS_DIR=${GUESTS_DIR:-$SELFTESTS_DIR/guests}
# A guest that does not stop by then gets SIGTERM: rtvmx stops it and exits 130.
RUN_TIMEOUT=${RTVMX_RUN_TIMEOUT:-120}
RUN_OUT_FILE=$TMPDIR/rtvmx-run.$$.out
RUN_ERR_FILE=$TMPDIR/rtvmx-run.$$.err
BG_PID=

test_cleanup() {
	if [ -n "$BG_PID" ]; then
		kill "$BG_PID" 2>/dev/null
		wait "$BG_PID" 2>/dev/null
	fi
	rm -f "$RUN_OUT_FILE" "$RUN_ERR_FILE"
}

# vm_test_start: skip without VMX or an isolated CPU, load rtvmx, mark dmesg.
vm_test_start() {
	rtvmx_require
	rtvmx_unload_stale
	[ -f "$GUESTS_DIR/hello.elf" ] || tap_skip "no guest payloads in $GUESTS_DIR (make -C selftests)"
	dmesg_mark
	check "insmod rtvmx" rtvmx_insmod || tap_done
}

# vm_test_end: no kernel warnings, no VM left in debugfs, rtvmx unloads; exits.
vm_test_end() {
	check "no kernel warnings" dmesg_clean
	check "no VM left in debugfs" no_vm_in_debugfs
	check "rmmod rtvmx" rtvmx_rmmod
	tap_done
}

no_vm_in_debugfs() {
	local left

	left=$(ls -d "$RTVMX_DEBUGFS"/vm* 2>/dev/null)
	[ -z "$left" ] && return 0
	diag "left in debugfs: $left"
	return 1
}

run_timeout() {
	if command -v timeout >/dev/null; then
		timeout "$RUN_TIMEOUT" "$@"
	else
		"$@"
	fi
}

# run_guest PAYLOAD [OPTION...]: "rtvmx run --stats OPTION... PAYLOAD.elf"
# with stdin from $RUN_INPUT (text; default none); sets RUN_RC, RUN_OUT
# (the console) and RUN_ERR (messages and statistics), printed as diagnostics.
# PAYLOAD may also be a path (with a /).
run_guest() {
	local image=$1

	shift
	case $image in
	*/*) ;;
	*) image=$GUESTS_DIR/$image.elf ;;
	esac
	diag "\$ rtvmx run --stats $* $image"
	printf '%s' "${RUN_INPUT:-}" |
		run_timeout "$RTVMX_CLI" run --stats "$@" "$image" >"$RUN_OUT_FILE" 2>"$RUN_ERR_FILE"
	RUN_RC=$?
	run_collect
}

# run_collect: RUN_OUT and RUN_ERR from the files, shown as diagnostics.
run_collect() {
	RUN_OUT=$(cat "$RUN_OUT_FILE")
	RUN_ERR=$(cat "$RUN_ERR_FILE")
	diag "exit status $RUN_RC"
	[ -z "$RUN_OUT" ] || diag "$(printf '%s\n' "$RUN_OUT" | sed 's/^/console: /')"
	[ -z "$RUN_ERR" ] || diag "$(printf '%s\n' "$RUN_ERR" | sed 's/^/stderr: /')"
}

# run_guest_bg PAYLOAD [OPTION...]: the same in the background; sets BG_PID.
run_guest_bg() {
	local image=$GUESTS_DIR/$1.elf

	shift
	diag "\$ rtvmx run --stats $* $image &"
	# Empty the files first: the background shell truncates them only later,
	# and wait_console must not see an earlier run's output.
	: >"$RUN_OUT_FILE"
	: >"$RUN_ERR_FILE"
	"$RTVMX_CLI" run --stats "$@" "$image" </dev/null >"$RUN_OUT_FILE" 2>"$RUN_ERR_FILE" &
	BG_PID=$!
}

# run_bg_wait: wait for the background run; sets RUN_RC, RUN_OUT, RUN_ERR.
run_bg_wait() {
	wait "$BG_PID"
	RUN_RC=$?
	BG_PID=
	run_collect
}

# wait_until SECONDS COMMAND...: COMMAND succeeds within SECONDS (polled each second).
wait_until() {
	local i=0 seconds=$1

	shift
	while [ "$i" -lt "$seconds" ]; do
		"$@" && return 0
		sleep 1
		i=$((i + 1))
	done
	return 1
}

# wait_grep SECONDS GREP-ARGUMENTS...: grep -q with them succeeds within SECONDS.
wait_grep() {
	local seconds=$1

	shift
	wait_until "$seconds" grep -q "$@" 2>/dev/null
}

# wait_console LINE SECONDS: the console shows LINE within SECONDS.
wait_console() {
	wait_grep "$2" -xF -- "$1" "$RUN_OUT_FILE"
}

status_is() {
	[ "$RUN_RC" -eq "$1" ]
}

console_has() {
	has_line "$RUN_OUT" "$1"
}

# run_stat KEY: the value of "KEY: value" in rtvmx run --stats output.
run_stat() {
	printf '%s\n' "$RUN_ERR" | sed -n "s/^$1: //p" | head -n 1
}

stat_is() {
	[ "$(run_stat "$1")" = "$2" ]
}

# stat_at_least KEY N
stat_at_least() {
	local v

	v=$(run_stat "$1")
	[ -n "$v" ] && [ "$v" -ge "$2" ]
}

# no_assert: no guest assertion failed.
no_assert() {
	not contains "$RUN_OUT" "UCALL ASSERT"
}

# stderr_has TEXT: rtvmx printed a line containing TEXT on stderr.
stderr_has() {
	contains "$RUN_ERR" "$1"
}

# check_guest_done WHAT: the guest reported UCALL DONE, no assertion, status 0.
check_guest_done() {
	check "$1: no guest assertion failed" no_assert
	check "$1: guest reports UCALL DONE" console_has "UCALL DONE"
	check "$1: exit status 0" status_is 0
}

# console_value KEY: the number after "KEY: " on the console.
console_value() {
	printf '%s\n' "$RUN_OUT" | sed -n "s/^$1: \([0-9][0-9]*\)\$/\1/p" | head -n 1
}

# ---- the netlink commands -----------------------------------------------

CLI_ERR_FILE=$TMPDIR/rtvmx-cli.$$.err

# cli ARG...: "rtvmx ARG..."; sets CLI_RC, CLI_OUT and CLI_ERR (diagnostics too).
cli() {
	diag "\$ rtvmx $*"
	CLI_OUT=$("$RTVMX_CLI" "$@" 2>"$CLI_ERR_FILE")
	CLI_RC=$?
	CLI_ERR=$(cat "$CLI_ERR_FILE")
	rm -f "$CLI_ERR_FILE"
	[ "$CLI_RC" -eq 0 ] || diag "exit status $CLI_RC"
	[ -z "$CLI_OUT" ] || diag "$(printf '%s\n' "$CLI_OUT" | sed 's/^/stdout: /')"
	[ -z "$CLI_ERR" ] || diag "$(printf '%s\n' "$CLI_ERR" | sed 's/^/stderr: /')"
}

cli_status_is() {
	[ "$CLI_RC" -eq "$1" ]
}

cli_out_has_line() {
	has_line "$CLI_OUT" "$1"
}

cli_out_has() {
	contains "$CLI_OUT" "$1"
}

cli_err_has() {
	contains "$CLI_ERR" "$1"
}

# run_detached NAME PAYLOAD: "rtvmx run -d --name NAME PAYLOAD.elf"; sets VM_ID.
run_detached() {
	cli run -d --name "$1" "$GUESTS_DIR/$2.elf"
	VM_ID=$(printf '%s\n' "$CLI_OUT" | sed -n "s/^started VM $1 (id \([0-9]*\)) on cpu $TEST_CPU\$/\1/p")
	[ "$CLI_RC" -eq 0 ] && [ -n "$VM_ID" ]
}

# vm_field KEY VM: the value of "KEY: value" in "rtvmx info VM".
vm_field() {
	"$RTVMX_CLI" info "$2" 2>/dev/null | sed -n "s/^$1: //p"
}

# vm_state_is VM STATE
vm_state_is() {
	[ "$(vm_field state "$1")" = "$2" ]
}

# wait_vm_state VM STATE SECONDS
wait_vm_state() {
	local i=0

	while [ "$i" -lt "$3" ]; do
		vm_state_is "$1" "$2" && return 0
		sleep 1
		i=$((i + 1))
	done
	return 1
}

# vm_dir: the debugfs directory of the one VM there is; nothing when there is none.
vm_dir() {
	local d

	for d in "$RTVMX_DEBUGFS"/vm*; do
		[ -d "$d" ] && echo "$d"
		return
	done
}

# vcpu_dir: that VM's vcpu0 directory; nothing when there is no VM.
vcpu_dir() {
	local d

	d=$(vm_dir)
	[ -z "$d" ] || echo "$d/vcpu0"
}

# field FILE KEY: the value of "KEY: value" in FILE.
field() {
	sed -n "s/^$2: //p" "$1"
}

# wait_file_has FILE TEXT SECONDS: a line of FILE contains TEXT within SECONDS.
wait_file_has() {
	wait_grep "$3" -F -- "$2" "$1"
}
