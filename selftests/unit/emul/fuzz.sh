#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Runs the emul/ libFuzzer target for a fixed, seeded budget from a fresh
# corpus of the table encodings, and prints the result as TAP.
#   fuzz.sh BUILD_DIR RUNS SEED
set -u
dir=$1 runs=$2 seed=$3
corpus=$dir/fuzz-corpus
log=$dir/fuzz.log

echo "TAP version 13"
rm -rf "$corpus" "$dir"/crash-* "$dir"/leak-* "$dir"/timeout-* "$dir"/oom-*
mkdir -p "$corpus"
if ! "$dir/fuzz_seeds" "$corpus"; then
	echo "not ok 1 - fuzz: could not write the seed corpus"
	echo "1..1"
	exit 1
fi
seeds=$(find "$corpus" -type f | wc -l)
# -runs is the budget; -max_total_time only guards against a slow machine.
# The same seed gives the same run only without the corpus reload (a timer)
# and without address-space randomisation (libFuzzer hashes code addresses).
norand=
if setarch "$(uname -m)" -R true 2>/dev/null; then
	norand="setarch $(uname -m) -R"
fi
(cd "$dir" && $norand ./fuzz_emul -seed="$seed" -runs="$runs" -reload=0 \
	-max_total_time=150 -timeout=10 -print_final_stats=1 "$corpus") >"$log" 2>&1
rc=$?
done_line=$(grep -E '^Done [0-9]+ runs' "$log" | tail -n 1)
cov=$(grep -E '#[0-9]+[[:space:]]+DONE' "$log" | sed -E 's/.*(cov: [0-9]+ ft: [0-9]+).*/\1/')
if [ "$rc" -eq 0 ] && [ -n "$done_line" ]; then
	echo "ok 1 - fuzz decoder+emulator: $done_line, seed $seed, $seeds seeds, $cov, no crash${norand:+ (ASLR off)}"
else
	echo "not ok 1 - fuzz decoder+emulator: exit $rc (log: $log)"
	grep -E 'ERROR|SUMMARY|runtime error|deadly signal|Test unit written' "$log" | head -n 20 |
		sed 's/^/# /'
fi
echo "1..1"
[ "$rc" -eq 0 ]
