#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Host check (TAP) that the man page and the bash completion know every
# command "rtvmx --help" lists, and every long option of each command.
# usage: check_docs.sh PATH_TO_RTVMX
cli=${1:?usage: check_docs.sh PATH_TO_RTVMX}
dir=$(dirname "$0")
n=0
failed=0

ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n - $2"
	else
		failed=$((failed + 1))
		echo "not ok $n - $2"
	fi
}

echo "TAP version 13"
cmds=$("$cli" --help | sed -n 's/^  \([a-z]*\) .*/\1/p')
[ -n "$cmds" ]
ok $? "rtvmx --help lists commands"
for c in $cmds; do
	grep -q "^\.B $c\( \|$\)" "$dir/rtvmx.1"
	ok $? "man page describes '$c'"
	grep -q "cmds=\".*\<$c\>" "$dir/rtvmx.bash-completion"
	ok $? "bash completion knows '$c'"
	[ "$c" = help ] && continue
	for o in $("$cli" "$c" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
		grep -q -- "$o" "$dir/rtvmx.bash-completion"
		ok $? "bash completion knows '$c $o'"
	done
done
if command -v groff >/dev/null; then
	warn=$(groff -man -ww -z "$dir/rtvmx.1" 2>&1)
	[ -z "$warn" ]
	ok $? "groff: rtvmx.1 without warnings${warn:+ ($warn)}"
fi
if command -v bash >/dev/null; then
	bash -n "$dir/rtvmx.bash-completion"
	ok $? "bash -n rtvmx.bash-completion"
fi
echo "1..$n"
[ "$failed" -eq 0 ]
