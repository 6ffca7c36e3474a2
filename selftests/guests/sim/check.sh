#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
# Host check of the guest payloads under guest-sim (no VMX needed): exit
# statuses and console lines as the selftests in ../run expect them from
# "rtvmx run". Prints TAP.
# usage: check.sh DIR   (DIR holds the payloads and guest-sim)
dir=${1:?usage: check.sh DIR}
sim=$dir/guest-sim
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
n=0
failed=0
limit=20	# seconds per run

# sim_run INPUT GUEST [--arg N]: sets rc, out (console) and err.
sim_run() {
	local input=$1 guest=$2

	shift 2
	printf '%s' "$input" | timeout "$limit" "$sim" "$@" "$dir/$guest.elf" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	out=$(cat "$tmp/out")
	err=$(cat "$tmp/err")
}

# expect WHAT RC LINE...: the last run exited RC and printed each LINE.
expect() {
	local what=$1 want=$2 line ok=1

	shift 2
	[ "$rc" = "$want" ] || ok=0
	for line in "$@"; do
		printf '%s\n' "$out" | grep -qxF -- "$line" || ok=0
	done
	printf '%s\n' "$out" | grep -q '^UCALL ASSERT' && ok=0
	n=$((n + 1))
	if [ "$ok" = 1 ]; then
		echo "ok $n - $what"
		return
	fi
	failed=$((failed + 1))
	echo "not ok $n - $what (exit $rc, want $want)"
	printf '%s\n' "$out" "$err" | sed 's/^/# /'
}

echo "TAP version 13"
sim_run "" hello
expect "hello" 0 "hello from rtvmx guest"
sim_run "" exit_hypercall
expect "exit_hypercall: 42" 42 "shutting down with exit code 42"
sim_run "" exit_port
expect "exit_port: (0x21 << 1) | 1" 67 "writing 0x21 to port 0xf4"
sim_run "" triple_fault
expect "triple_fault" 113 "executing ud2 without an IDT"
sim_run "" beyond_ram
expect "beyond_ram" 115 "reading guest-physical 0x40000000"
sim_run "" beyond_ram --arg 0x2000000
expect "beyond_ram --arg 0x2000000" 115 "reading guest-physical 0x2000000"
sim_run "one
two
quit
" uart
expect "uart: loopback and echo" 0 "UCALL REPORT loopback: 0 of 256 bytes wrong" \
	"uart echo ready" "echo: one" "echo: two" "echo: quit" "UCALL DONE"
sim_run "" uart_ticks
expect "uart_ticks" 0 "UCALL DONE"
n=$((n + 1))
if printf '%s\n' "$out" | grep -q '^uart_out_ticks: [0-9][0-9]*$'; then
	echo "ok $n - uart_ticks prints uart_out_ticks"
else
	failed=$((failed + 1))
	echo "not ok $n - uart_ticks prints uart_out_ticks"
fi
sim_run "" mmio --test-mmio
expect "mmio --test-mmio (the device as plain memory)" 0 "UCALL DONE"
n=$((n + 1))
if printf '%s\n' "$out" | grep -q '^mmio_read_ticks: [0-9][0-9]*$' &&
	printf '%s\n' "$out" | grep -q '^mmio_write_ticks: [0-9][0-9]*$'; then
	echo "ok $n - mmio prints mmio_read_ticks and mmio_write_ticks"
else
	failed=$((failed + 1))
	echo "not ok $n - mmio prints mmio_read_ticks and mmio_write_ticks"
fi
sim_run "" mmio
expect "mmio without the device" 115 "mmio: test device at 0xd0000000"
sim_run "" mmio --arg 2 --test-mmio
expect "mmio --arg 2: movs beyond RAM" 115 "mmio: movsb from the device to 0x40000000"
sim_run "" share --arg 2000000
expect "share --arg 2000000" 0 "share: spinning for 2000000 ticks" "UCALL DONE"
n=$((n + 1))
if printf '%s\n' "$out" | grep -q '^share_ppm: [0-9][0-9]*$' &&
	printf '%s\n' "$out" | grep -q '^max_gap_ticks: [0-9][0-9]*$' &&
	[ "$(printf '%s\n' "$out" | sed -n 's/^span_ticks: //p')" -ge 2000000 ]; then
	echo "ok $n - share prints share_ppm, max_gap_ticks and a span of at least --arg"
else
	failed=$((failed + 1))
	echo "not ok $n - share prints share_ppm, max_gap_ticks and a span of at least --arg"
fi
sim_run "" fpu
if [ "$rc" = 4 ]; then
	expect "fpu (no AVX on this host)" 4 "UCALL REPORT sse: 0 of 256 xmm bytes changed across 500 rounds of exits"
else
	expect "fpu" 0 "UCALL REPORT sse: 0 of 256 xmm bytes changed across 500 rounds of exits" \
		"UCALL REPORT avx: 0 of 512 ymm bytes changed across 500 rounds of exits" "UCALL DONE"
fi
limit=2
sim_run "" loop
limit=20
[ "$rc" = 124 ] && rc=timeout
expect "loop runs until stopped" timeout "looping"
sim_run "" cpuid
if printf '%s\n' "$err" | grep -q "no CPUID faulting"; then
	echo "# cpuid: not checked, this CPU cannot fault on CPUID"
else
	expect "cpuid" 0 "UCALL DONE"
fi
echo "1..$n"
[ "$failed" -eq 0 ]
