#!/usr/bin/env bash
# Runs every test tier in order and ends with one line "total: N passed, N failed".
# A tier prints its own "<tier>: N passed, N failed[, N skipped]" line, or else
# TAP ("ok N", "not ok N" at the start of a line), which is counted; a tier
# that prints neither counts as one test (exit 0 pass, 4 skip, else fail).
# Exits non-zero when anything failed or the emulated machine did not finish.
# RTVMX_REQUIRE_SYSTEM=1 (set by CI) turns a skipped full-system tier into a failure.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
logs=$top/build/tiers
mkdir -p "$logs"
passed=0 failed=0 skipped=0

run_tier() {
	local name=$1 rc line p f s
	shift
	echo "=== tier $name: $*"
	"$@" 2>&1 | tee "$logs/$name.log"
	rc=${PIPESTATUS[0]}
	# make turns the emulated machine's "skipped" (exit 4) into its own exit 2: read it from the log.
	if [ "$name" = full-system ] && grep -q '^SKIP: full-system tier' "$logs/$name.log"; then
		rc=4
	fi
	line=$(grep -E "^$name: [0-9]+ passed, [0-9]+ failed" "$logs/$name.log" | tail -n 1)
	if [ -z "$line" ] && grep -qE '^(not )?ok [0-9]' "$logs/$name.log"; then
		s=$(grep -cE '^ok [0-9]+.*# *SKIP' "$logs/$name.log")
		p=$(($(grep -cE '^ok [0-9]' "$logs/$name.log") - s))
		f=$(grep -cE '^not ok [0-9]' "$logs/$name.log")
		[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
	elif [ -z "$line" ]; then
		case $rc in
		0) p=1 f=0 s=0 ;;
		4) p=0 f=0 s=1 ;;
		*) p=0 f=1 s=0 ;;
		esac
	else
		p=$(sed -E 's/.*: ([0-9]+) passed.*/\1/' <<<"$line")
		f=$(sed -E 's/.* ([0-9]+) failed.*/\1/' <<<"$line")
		s=$(sed -nE 's/.* ([0-9]+) skipped.*/\1/p' <<<"$line")
		s=${s:-0}
		# A tier that failed without counting a failure (a crash, a timeout) still failed.
		[ "$rc" -ne 0 ] && [ "$rc" -ne 4 ] && [ "$f" -eq 0 ] && f=1
	fi
	if [ "$rc" -eq 4 ] && [ "$name" = full-system ] && [ "${RTVMX_REQUIRE_SYSTEM:-0}" = 1 ]; then
		echo "full-system tier skipped, but RTVMX_REQUIRE_SYSTEM=1 requires it"
		f=$((f + 1))
	fi
	echo "=== tier $name: $p passed, $f failed, $s skipped (exit $rc)"
	passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
}

run_tier build make all KDIR="$(make -s -f Makefile print-vm-kdir)"
run_tier unit make unit
run_tier build-matrix-deps selftests/build_matrix.sh --install
run_tier build-matrix make build-matrix \
	MATRIX_KDIRS="$(ls -d /usr/src/linux-headers-6.1.*-amd64 /usr/src/linux-headers-6.12.*-amd64 2>/dev/null |
		grep -v -- -cloud- | tr '\n' ' ')"
run_tier full-system make check-system

summary="total: $passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
[ "$failed" -eq 0 ]
