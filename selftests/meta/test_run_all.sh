#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
# Host test of run_all.sh's TAP aggregation with fake tests (pass, fail, skip,
# crash, timeout, missing). With busybox installed it runs again with
# busybox's sh, sed, tee, grep, timeout... first in PATH, as in the test VM.
cd "$(dirname "$0")/.." || exit 1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
n=0
failed=0

expected_mixed() {
	cat <<'EOT'
TAP version 13
1..7
# selftests: rtvmx: meta/fake_pass
# TAP version 13
# ok 1 - something works
# # a diagnostic
# 1..1
ok 1 - meta/fake_pass
# selftests: rtvmx: meta/fake_fail
# not ok 1 - something broke
# 1..1
# exit code 1
not ok 2 - meta/fake_fail
# selftests: rtvmx: meta/fake_skip
# ok 1 - a first check # SKIP not this one
# # SKIP kvm_intel cannot be loaded: no such module
# 1..1
ok 3 - meta/fake_skip # SKIP kvm_intel cannot be loaded: no such module
# selftests: rtvmx: meta/fake_skip_noreason
ok 4 - meta/fake_skip_noreason # SKIP no reason given
# selftests: rtvmx: meta/fake_crash
# ok 1 - looks fine
# partial line
# exit code 3
not ok 5 - meta/fake_crash
# selftests: rtvmx: meta/missing
# meta/missing is missing or not executable
# exit code 1
not ok 6 - meta/missing
# selftests: rtvmx: meta/fake_hang
# going to sleep
# meta/fake_hang.sh: ended by a signal or timed out after 1s (exit TIMEOUT_RC)
# exit code TIMEOUT_RC
not ok 7 - meta/fake_hang
# totals: pass 1, fail 4, skip 2
EOT
}

# expect WHAT WANT_RC EXPECTED_FILE RUN_ALL_ARGS...
expect() {
	local what=$1 want_rc=$2 want=$3 rc

	shift 3
	# busybox sh reports the killed test as "Terminated"
	{
		RTVMX_TEST_TIMEOUT=1 sh ./run_all.sh "$@"
		echo $? >"$tmp/rc"
	} | grep -v -e '^# kernel ' -e '^# Terminated$' |
		sed -E 's/\(exit (124|137|143)\)/(exit TIMEOUT_RC)/; s/^# exit code (124|137|143)$/# exit code TIMEOUT_RC/' \
		>"$tmp/got"
	rc=$(cat "$tmp/rc")
	n=$((n + 1))
	if [ "$rc" = "$want_rc" ] && diff -u "$want" "$tmp/got" >"$tmp/diff"; then
		echo "ok $n - $what"
	else
		failed=$((failed + 1))
		echo "not ok $n - $what (exit $rc, want $want_rc)"
		sed 's/^/# /' "$tmp/diff"
	fi
}

run_suite() {
	expected_mixed >"$tmp/mixed"
	expect "mixed results ($1)" 1 "$tmp/mixed" meta/fake_pass.sh meta/fake_fail.sh \
		meta/fake_skip.sh meta/fake_skip_noreason.sh meta/fake_crash.sh meta/missing \
		meta/fake_hang.sh
	printf 'TAP version 13\n1..1\n# selftests: rtvmx: meta/fake_pass\n# TAP version 13\n%s\n%s\n%s\nok 1 - meta/fake_pass\n# totals: pass 1, fail 0, skip 0\n' \
		'# ok 1 - something works' '# # a diagnostic' '# 1..1' >"$tmp/pass"
	expect "all pass exits 0 ($1)" 0 "$tmp/pass" meta/fake_pass.sh
}

echo "TAP version 13"
run_suite "$(readlink -f /bin/sh)"
if command -v busybox >/dev/null; then
	mkdir "$tmp/bin"
	for app in sh sed awk tee grep wc cat tail timeout rm mkdir uname; do
		ln -s "$(command -v busybox)" "$tmp/bin/$app"
	done
	PATH=$tmp/bin:$PATH run_suite busybox
fi
echo "1..$n"
[ "$failed" -eq 0 ]
