#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Host tests of the rtvmx CLI's argument handling and error messages (TAP).
# usage: test_cli.sh PATH_TO_RTVMX   (runs with RTVMX_DEV pointing nowhere)
cli=${1:?usage: test_cli.sh PATH_TO_RTVMX}
RTVMX_DEV=/nonexistent/rtvmx
export RTVMX_DEV
n=0
failed=0
out=$(mktemp) || exit 1
err=$(mktemp) || exit 1
trap 'rm -f "$out" "$err"' EXIT

# expect RC STDOUT_PATTERN STDERR_PATTERN ARGS...: exit code and grep -E patterns ('' = must be empty)
expect() {
	want_rc=$1 want_out=$2 want_err=$3
	shift 3
	"$cli" "$@" >"$out" 2>"$err"
	rc=$?
	n=$((n + 1))
	if [ "$rc" = "$want_rc" ] && matches "$out" "$want_out" && matches "$err" "$want_err"; then
		echo "ok $n - rtvmx ${*:-(no arguments)}"
		return
	fi
	failed=$((failed + 1))
	echo "not ok $n - rtvmx ${*:-(no arguments)}"
	echo "# exit $rc (want $want_rc)"
	sed 's/^/# stdout: /' "$out"
	sed 's/^/# stderr: /' "$err"
}

matches() {
	if [ -z "$2" ]; then
		[ ! -s "$1" ]
	else
		grep -Eq -- "$2" "$1"
	fi
}

echo "TAP version 13"
expect 0 '^usage: rtvmx ' '' --help
expect 0 '^usage: rtvmx ' '' -h
expect 0 '^  caps ' '' help
expect 0 '^usage: rtvmx caps ' '' help caps
expect 0 '^usage: rtvmx caps ' '' caps --help
expect 0 '^usage: rtvmx caps ' '' caps -h
expect 0 '^usage: rtvmx help' '' help --help
expect 2 '' '^usage: rtvmx ' 
expect 2 '' "^rtvmx: unknown command 'bogus'" bogus
expect 2 '' "^rtvmx: unknown option '--bogus'" --bogus
expect 2 '' "^rtvmx: unknown command 'bogus'" help bogus
expect 2 '' "^rtvmx: caps: invalid option '--bogus'" caps --bogus
expect 2 '' "^rtvmx: caps: invalid option '-x'" caps -x
expect 2 '' "^rtvmx: caps: invalid option '-x'" caps -jx
expect 2 '' "^rtvmx: caps: invalid option '--json=1'" caps --json=1
expect 2 '' "^rtvmx: caps: unexpected argument 'extra'" caps extra
expect 2 '' '^usage: rtvmx caps ' caps --bogus
expect 1 '' "^rtvmx: cannot open $RTVMX_DEV: No such file or directory \(is rtvmx.ko loaded\?\)$" caps
expect 1 '' "^rtvmx: cannot open $RTVMX_DEV: No such file or directory \(is rtvmx.ko loaded\?\)$" caps --json
RTVMX_DEV=/dev/null expect 1 '' '^rtvmx: RTVMX_GET_API_VERSION: Inappropriate ioctl for device$' caps
echo "1..$n"
[ "$failed" -eq 0 ]
