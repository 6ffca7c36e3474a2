#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# golden.sh RTSIM DIR: runs RTSIM on every DIR/*.cfg and compares what it
# prints (stdout, stderr, then "exit N") with DIR/*.out, as TAP.
# golden.sh --update RTSIM DIR rewrites the .out files instead.
update=
[ "$1" = --update ] && { update=1; shift; }
[ $# -eq 2 ] || { echo "usage: golden.sh [--update] RTSIM DIR" >&2; exit 2; }
rtsim=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") n=0 failed=0
# Relative file names keep the outputs the same in every checkout.
cd "$2" || exit 2

echo "TAP version 13"
for cfg in *.cfg; do
	want=${cfg%.cfg}.out
	got=$("$rtsim" "$cfg" 2>&1; echo "exit $?")
	n=$((n + 1))
	if [ -n "$update" ]; then
		printf '%s\n' "$got" >"$want"
		echo "ok $n - golden: wrote $want"
	elif printf '%s\n' "$got" | diff -u "$want" - >/dev/null 2>&1; then
		echo "ok $n - golden: $cfg"
	else
		echo "not ok $n - golden: $cfg"
		printf '%s\n' "$got" | diff -u "$want" - | sed 's/^/# /'
		failed=$((failed + 1))
	fi
done
echo "1..$n"
[ "$n" -gt 0 ] && [ "$failed" -eq 0 ]
