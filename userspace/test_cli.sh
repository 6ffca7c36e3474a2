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
img=$(mktemp -d) || exit 1
trap 'rm -f "$out" "$err"; rm -rf "$img"' EXIT

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

# rtvmx run: options and images are checked before the device is opened.
printf '\364\353\375' >"$img/flat.bin"	# hlt; jmp .-1
: >"$img/empty.bin"
printf '\177ELF\002\001\001' >"$img/short.elf"
printf '\177ELF\001\001\001' >"$img/elf32.elf"
head -c 64 /dev/zero >>"$img/elf32.elf"
dd if=/dev/zero of="$img/big.bin" bs=1024 count=0 seek=16385 2>/dev/null
nodev="^rtvmx: cannot open $RTVMX_DEV: No such file or directory"
expect 0 '^usage: rtvmx run ' '' run --help
expect 0 '^usage: rtvmx run ' '' help run
expect 0 '^  run ' '' help
expect 2 '' '^rtvmx: run: no IMAGE given$' run
expect 2 '' "^rtvmx: run: unexpected argument 'b'$" run a b
expect 2 '' "^rtvmx: run: invalid option '--bogus'$" run --bogus "$img/flat.bin"
expect 2 '' "^rtvmx: run: invalid option '--stats=1'$" run --stats=1 "$img/flat.bin"
expect 2 '' "^rtvmx: run: option '--cpu' needs a value$" run --cpu
expect 2 '' "^rtvmx: run: option '-m' needs a value$" run -m
expect 2 '' "^rtvmx: run: --cpu 'x': want a CPU number$" run --cpu x "$img/flat.bin"
expect 0 '^      --test-mmio     attach the MMIO test device' '' run --help
expect 2 '' "^rtvmx: run: invalid option '--test-mmio=1'$" run --test-mmio=1 "$img/flat.bin"
expect 2 '' "^rtvmx: run: invalid option '--test-mmio=1'$" run --test-mmio=1
expect 2 '' "^rtvmx: run: --test-mmio: guest RAM must end at or below the device at 0xd0000000$" \
	run --test-mmio --mem 0xd0001000 "$img/flat.bin"
expect 2 '' "^rtvmx: run: --test-mmio: guest RAM must end at or below the device at 0xd0000000$" \
	run --mem 4G --test-mmio "$img/flat.bin"
expect 1 '' "$nodev" run --test-mmio --mem 0xd0000000 "$img/flat.bin"
expect 1 '' "$nodev" run --test-mmio "$img/flat.bin"
expect 2 '' "^rtvmx: run: --cpu '1024': want a CPU number$" run --cpu 1024 "$img/flat.bin"
expect 0 '^      --sched POLICY  how the vCPU shares its CPU' '' run --help
expect 2 '' "^rtvmx: run: option '--sched' needs a value$" run --sched
expect 2 '' "^rtvmx: run: --sched 'edf:budget=2ms': edf needs period=$" \
	run --sched edf:budget=2ms "$img/flat.bin"
expect 2 '' "^rtvmx: run: --sched 'edf:budget=2qs,period=1s': budget '2qs': want a time such as 500us, 2ms or 1s$" \
	run --sched edf:budget=2qs,period=1s "$img/flat.bin"
expect 2 '' "^rtvmx: run: --sched 'lottery': unknown policy 'lottery' \(want dedicated, table, edf or fp\)$" \
	run --sched lottery "$img/flat.bin"
expect 2 '' "^rtvmx: run: --sched 'fp:prio=1,budget=1ms,period=5ms,deadline=4ms': unknown key 'deadline' for fp$" \
	run --sched fp:prio=1,budget=1ms,period=5ms,deadline=4ms "$img/flat.bin"
expect 2 '' "^rtvmx: run: --sched 'table:offset=0,length=1ms': table needs frame=$" \
	run --sched table:offset=0,length=1ms "$img/flat.bin"
expect 1 '' "$nodev" run --sched edf:budget=2ms,period=10ms,deadline=8ms "$img/flat.bin"
expect 1 '' "$nodev" run --sched dedicated "$img/flat.bin"
expect 2 '' "^rtvmx: run: --mem '16MB': want a size" run --mem 16MB "$img/flat.bin"
expect 2 '' "^rtvmx: run: --mem '99999999999G': want a size" run --mem 99999999999G "$img/flat.bin"
expect 2 '' '^rtvmx: run: --mem 1048576: guest RAM must be a multiple of 4 KiB from 2 MiB to 64 GiB$' run --mem 1M "$img/flat.bin"
expect 2 '' '^rtvmx: run: --mem 16777217: guest RAM must be' run --mem 16777217 "$img/flat.bin"
expect 2 '' '^rtvmx: run: --mem 0: guest RAM must be' run -m 0 "$img/flat.bin"
expect 2 '' '^rtvmx: run: --mem 68719480832: guest RAM must be' run -m 0x1000001000 "$img/flat.bin"
expect 2 '' "^rtvmx: run: --entry '0x': want an address" run --entry 0x "$img/flat.bin"
expect 2 '' "^rtvmx: run: --load '-1': want an address" run --load -1 "$img/flat.bin"
expect 2 '' "^rtvmx: run: --arg 'x': want a number" run --arg x "$img/flat.bin"
expect 2 '' "^rtvmx: run: --format 'coff': want auto, elf or flat$" run --format coff "$img/flat.bin"
expect 2 '' "^rtvmx: run: --name 'a b': want up to 31" run --name 'a b' "$img/flat.bin"
expect 2 '' "^rtvmx: run: --name '01234567890123456789012345678901': " run --name 01234567890123456789012345678901 "$img/flat.bin"
expect 1 '' "^rtvmx: cannot open $img/none.elf: No such file or directory$" run "$img/none.elf"
expect 1 '' "^rtvmx: $img is not a regular file$" run "$img"
expect 1 '' "^rtvmx: $img/empty.bin: image is empty$" run "$img/empty.bin"
expect 1 '' "^rtvmx: $img/big.bin: image \(16778240 bytes\) is larger than guest RAM \(16777216 bytes\)$" run "$img/big.bin"
expect 1 '' "$nodev" run --mem 32M "$img/big.bin"
expect 1 '' "^rtvmx: $img/short.elf: truncated ELF header \(7 of 64 bytes\)$" run "$img/short.elf"
expect 1 '' "^rtvmx: $img/elf32.elf: ELF machine 0 is not i386 \(3\)$" run "$img/elf32.elf"
expect 2 '' "^rtvmx: run: --boot 'v86': want 64bit, 32bit or real$" run --boot v86 "$img/flat.bin"
expect 1 '' "^rtvmx: $img/flat.bin: entry 0x100000: real mode starts below 1 MiB$" run --boot real "$img/flat.bin"
expect 1 '' "$nodev" run --boot real --load 0x2000 "$img/flat.bin"
expect 1 '' "$nodev" run --boot 32bit "$img/flat.bin"
expect 1 '' "$nodev" run --format flat "$img/elf32.elf"
expect 1 '' "^rtvmx: $img/flat.bin: not an ELF image \(bad magic\)$" run --format elf "$img/flat.bin"
expect 1 '' "^rtvmx: $img/flat.bin: image \\[0x2000, 0x2003\\) overlaps the boot area \\[0x1000, 0x8000\\)$" run --load 0x2000 "$img/flat.bin"
expect 1 '' "^rtvmx: $img/flat.bin: image \[0xfffffe, \+0x3\) does not fit in guest RAM \[0, 0x1000000\)$" run --load 0xfffffe "$img/flat.bin"
expect 1 '' "^rtvmx: $img/flat.bin: entry 0x100003 is outside the loaded image$" run --entry 0x100003 "$img/flat.bin"
expect 1 '' "$nodev" run "$img/flat.bin"
expect 1 '' "$nodev" run -c 1 -m 2M -l 0x8000 -e 0x8002 -a 7 -n t.1 -s -v -f flat "$img/flat.bin"
expect 1 '' "$nodev" run --cpu=1 --mem=64M --load=0x200000 --name=x "$img/flat.bin"
# The netlink commands: usage is checked before the family is looked up;
# on a host without rtvmx.ko the family is missing.
nofam="^rtvmx: (the generic netlink family 'rtvmx' is not registered \(is rtvmx.ko loaded\?\)|cannot open a generic netlink socket: .*)$"
for c in list info stats stop destroy console monitor cpus; do
	expect 0 "^usage: rtvmx $c " '' "$c" --help
	expect 0 "^usage: rtvmx $c " '' help "$c"
	expect 0 "^  $c " '' help
	expect 2 '' "^rtvmx: $c: invalid option '--bogus'$" "$c" --bogus
done
for c in info stats stop destroy console; do
	expect 2 '' "^rtvmx: $c: no VM given \(an id or a name\)$" "$c"
	expect 2 '' "^rtvmx: $c: 'a b' is neither a VM id nor a VM name" "$c" 'a b'
	expect 2 '' "^rtvmx: $c: '12x' is neither a VM id nor a VM name" "$c" 12x
	expect 2 '' "^rtvmx: $c: '99999999999' is neither a VM id nor a VM name" "$c" 99999999999
	expect 2 '' "^rtvmx: $c: unexpected argument 'b'$" "$c" a b
	expect 1 '' "$nofam" "$c" web-1
done
for c in info stats stop destroy; do
	expect 1 '' "$nofam" "$c" 3
done
expect 1 '' "$nodev" console 3
for c in stop destroy console; do
	expect 2 '' "^rtvmx: $c: invalid option '-j'$" "$c" -j 3
done
expect 2 '' "^rtvmx: list: unexpected argument 'x'$" list x
expect 2 '' "^rtvmx: list: invalid option '-i'$" list -i 1
expect 2 '' "^rtvmx: list: invalid option '--interval'$" list --interval 1
expect 2 '' "^rtvmx: stop: invalid option '--json'$" stop --json x
expect 1 '' "$nofam" list
expect 1 '' "$nofam" list --json
expect 1 '' "$nofam" cpus -j
expect 1 '' "$nofam" info --json vm3
expect 2 '' "^rtvmx: stats: --interval '0': want seconds" stats -i 0 x
expect 2 '' "^rtvmx: stats: --interval 'x': want seconds" stats --interval x x
expect 2 '' "^rtvmx: stats: option '--interval' needs a value$" stats --interval
expect 1 '' "$nofam" stats -i 0.5 -j x
expect 2 '' "^rtvmx: monitor: --count '0': want a number of events" monitor --count 0
expect 2 '' "^rtvmx: monitor: --count '-1': want a number of events" monitor -n -1
expect 2 '' "^rtvmx: monitor: option '-n' needs a value$" monitor -n
expect 2 '' "^rtvmx: monitor: unexpected argument 'x'$" monitor x
expect 1 '' "$nofam" monitor -j -n 1
expect 0 '^  -d, --detach ' '' run --help
expect 2 '' "^rtvmx: run: --stats needs the guest in the foreground" run -d -s "$img/flat.bin"
expect 1 '' "$nodev" run --detach --name web "$img/flat.bin"
echo "1..$n"
[ "$failed" -eq 0 ]
