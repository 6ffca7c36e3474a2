#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Host tests of "rtvmx run" against a fake device (fake_dev.so, LD_PRELOAD):
# the ioctl sequence, console streaming both ways, Ctrl-C and SIGTERM, exit
# statuses and messages, --stats. The fake guest runs the flat image as a
# script (see fake_dev.c). Prints TAP.
# usage: test_run.sh PATH_TO_RTVMX PATH_TO_FAKE_DEV_SO
cli=${1:?usage: test_run.sh PATH_TO_RTVMX PATH_TO_FAKE_DEV_SO}
fake=$(cd "$(dirname "${2:?}")" && pwd)/$(basename "$2")
RTVMX_DEV=/fake/rtvmx
ASAN_OPTIONS=verify_asan_link_order=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}
export RTVMX_DEV ASAN_OPTIONS
n=0
failed=0
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# script TEXT: the flat image the fake guest runs.
script() {
	printf '%s\n' "$1" >"$tmp/guest.bin"
}

# run [OPTION...]: rtvmx run OPTION... guest.bin, stdin from $input; sets rc.
run() {
	printf '%s' "$input" | LD_PRELOAD=$fake "$cli" run "$@" "$tmp/guest.bin" \
		>"$tmp/out" 2>"$tmp/err"
	rc=$?
}

# expect WHAT RC STDOUT_PATTERN STDERR_PATTERN: grep -E patterns, '' = must be
# empty, '*' = anything
expect() {
	n=$((n + 1))
	if [ "$rc" = "$2" ] && matches "$tmp/out" "$3" && matches "$tmp/err" "$4"; then
		echo "ok $n - $1"
		return
	fi
	failed=$((failed + 1))
	echo "not ok $n - $1"
	echo "# exit $rc (want $2)"
	sed 's/^/# stdout: /' "$tmp/out"
	sed 's/^/# stderr: /' "$tmp/err"
}

matches() {
	if [ "$2" = '*' ]; then
		return 0
	elif [ -z "$2" ]; then
		[ ! -s "$1" ]
	else
		grep -Eq -- "$2" "$1"
	fi
}

# wait_out TEXT: stdout of the background run shows TEXT within 10 s.
wait_out() {
	i=0
	while [ $i -lt 100 ]; do
		grep -qF -- "$1" "$tmp/out" 2>/dev/null && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# signal_case SIGNAL
signal_case() {
	script "print started
wait"
	# Empty the files first, so wait_out cannot see the previous case's output.
	: >"$tmp/out"
	: >"$tmp/err"
	LD_PRELOAD=$fake "$cli" run --stats "$tmp/guest.bin" </dev/null >"$tmp/out" 2>"$tmp/err" &
	pid=$!
	wait_out started
	kill -s "$1" "$pid"
	wait "$pid"
	rc=$?
	expect "SIG$1 stops the guest: 130, stop reason user" 130 '^started$' \
		'^rtvmx: guest stopped \(user\): stopped on request$'
	n=$((n + 1))
	if grep -qx 'stop_reason: user' "$tmp/err"; then
		echo "ok $n - SIG$1: statistics say stop_reason user"
	else
		failed=$((failed + 1))
		echo "not ok $n - SIG$1: statistics say stop_reason user"
	fi
}

echo "TAP version 13"
input=
script "print hello from the fake guest"
run
expect "console to stdout, exit 0, quiet stderr" 0 '^hello from the fake guest$' ''
run --stats
expect "--stats: exit counts" 0 '^hello from the fake guest$' '^exits\.io_instruction: 26$'
expect "--stats: vm, name, cpu" 0 '*' '^vm: 7$'
run --stats --name demo-1
expect "--stats: name" 0 '*' '^name: demo-1$'
FAKE_CPU=3 run --stats
expect "default cpu: the first in VMX operation" 0 '*' '^cpu: 3$'
run -v
expect "-v: what is loaded" 0 '*' "^rtvmx: $tmp/guest.bin: flat image, 1 segment, 64-bit entry 0x100000, 16384 KiB RAM, cpu 1$"
expect "-v: the exit code" 0 '*' '^rtvmx: guest shut down \(shutdown\) with exit code 0$'

script "flags"
run
expect "CREATE_VM flags 0 by default" 0 '^vm flags: 0$' ''
run --test-mmio
expect "--test-mmio: CREATE_VM flag RTVMX_VM_TEST_MMIO" 0 '^vm flags: 0x1$' ''
run --test-mmio --mem 0xd0000000
expect "--test-mmio: RAM up to the device's base" 0 '^vm flags: 0x1$' ''
script "stop 9 $((48 | 0x03ff << 16)) 0"
run --test-mmio
expect "unemulated MMIO instruction: 118, its bytes" 118 '' \
	'^rtvmx: guest stopped \(unsupported\): exit reason 48 \(ept_violation\): an instruction rtvmx does not emulate, bytes at rip: ff 03 00 00 00 00$'

script "print x
stop 2 33 67"
run --stats
expect "exit port: status 67" 67 '^x$' '^stop_reason: exit_port$'
expect "exit port: stop_detail" 67 '*' '^stop_detail: 0x21$'
script "stop 1 0 298"
run
expect "shutdown code 298: status 298 & 0xff" 42 '' ''
script "stop 6 1073741824 0"
run
expect "EPT violation: 115 and its message" 115 '' \
	'^rtvmx: guest stopped \(ept_violation\): access outside RAM at guest-physical 0x40000000$'
run -v
expect "EPT violation -v: the dump is looked for" 115 '*' '^rtvmx: no dump: /sys/kernel/debug/rtvmx/vm7/vcpu0/vmcs'
script "stop 4 1048579 0"
run
expect "triple fault: 113" 113 '' '^rtvmx: guest stopped \(triple_fault\): triple fault at rip 0x100003$'
script "stop 10 18446744073709551604 0"
run
expect "host failure: 119 with the errno text" 119 '' 'the host could not run it: Cannot allocate memory \(errno 12\)$'
script "stop 42 1 0"
run
expect "unknown stop reason: 120" 120 '' '^rtvmx: guest stopped \(reason 42\)'

script "print ready
echo
print done"
input='first line
second line
quit
'
run
expect "stdin to the guest: echoed lines" 0 '^echo: second line$' ''
expect "stdin to the guest: quit, then the rest" 0 '^done$' ''
input=
script "print no input needed"
run
expect "stdin at its end does not stop the guest" 0 '^no input needed$' ''

i=0
: >"$tmp/many"
while [ $i -lt 3000 ]; do
	echo "print line $i of a long console output" >>"$tmp/many"
	i=$((i + 1))
done
cp "$tmp/many" "$tmp/guest.bin"
run
expect "3000 lines streamed" 0 '^line 2999 of a long console output$' ''
n=$((n + 1))
if [ "$(wc -l <"$tmp/out")" -eq 3000 ]; then
	echo "ok $n - 3000 lines, none lost"
else
	failed=$((failed + 1))
	echo "not ok $n - 3000 lines, none lost ($(wc -l <"$tmp/out"))"
fi

signal_case INT
signal_case TERM

script "print x"
FAKE_VCPU_ERRNO=16 run
expect "EBUSY on CREATE_VCPU names the cause" 1 '' \
	'^rtvmx: RTVMX_CREATE_VCPU: Device or resource busy: cpu 1 cannot take this vCPU beside the ones it runs: a dedicated CPU, another policy, or the set would not fit \(dmesg names the reason\)$'
run --cpu 0
expect "a CPU not reserved" 1 '' \
	'^rtvmx: RTVMX_CREATE_VCPU: Invalid argument: cpu 0 is not reserved by rtvmx'
script "print x"
FAKE_VCPU_LOG=1 run
expect "no --sched: dedicated, no parameters" 0 '^x$' '^fake_dev: CREATE_VCPU cpu 1 policy 0 params 0 0 0$'
FAKE_VCPU_LOG=1 run --sched edf:budget=2ms,period=10ms,deadline=8ms
expect "--sched edf reaches CREATE_VCPU" 0 '^x$' \
	'^fake_dev: CREATE_VCPU cpu 1 policy 2 params 2000000 10000000 8000000$'
FAKE_VCPU_LOG=1 run --sched fp:prio=7,budget=1ms,period=5ms
expect "--sched fp reaches CREATE_VCPU" 0 '^x$' \
	'^fake_dev: CREATE_VCPU cpu 1 policy 3 params 7 1000000 5000000$'
FAKE_VCPU_LOG=1 run --sched table:offset=3ms,length=4ms,frame=10ms
expect "--sched table reaches CREATE_VCPU" 0 '^x$' \
	'^fake_dev: CREATE_VCPU cpu 1 policy 1 params 3000000 4000000 10000000$'
FAKE_VCPU_LOG=1 run --vcpus 3 --sched edf:budget=2ms,period=10ms
expect "--vcpus 3: three CREATE_VCPU on the cpu with the --sched" 0 '^x$' \
	'^fake_dev: CREATE_VCPU cpu 1 policy 2 params 2000000 10000000 0 \(vcpu 2\)$'
run --vcpus 9
expect "--vcpus 9: usage error" 2 '' "run: --vcpus '9': want a number from 1 to 8"
run --vcpus 0
expect "--vcpus 0: usage error" 2 '' "run: --vcpus '0': want a number from 1 to 8"
run --vcpus
expect "--vcpus takes the next word as its value" 2 '' "run: --vcpus '.*guest.bin': want a number"
FAKE_VCPU_LOG=1 run --sched edf:budget=1ms,period=2ms --sched dedicated
expect "the last --sched wins, whole" 0 '^x$' '^fake_dev: CREATE_VCPU cpu 1 policy 0 params 0 0 0$'
FAKE_VCPU_ERRNO=22 run --sched edf:budget=1ms,period=2ms
expect "EINVAL on CREATE_VCPU points at the parameters" 1 '' \
	'or the scheduling parameters are invalid \(dmesg names the reason\)$'
FAKE_VCPU_ERRNO=5 run
expect "EIO on CREATE_VCPU" 1 '' 'cpu 1 is not in VMX operation'
run --mem 2M --load 0x1ff000
expect "image at the top of a 2 MiB RAM" 0 '^x$' ''

# caps --cpuid against the fake's two-entry model (E2BIG first, then the entries).
LD_PRELOAD=$fake "$cli" caps --cpuid >"$tmp/out" 2>"$tmp/err"
rc=$?
expect "caps --cpuid: leaf 1 with its feature names" 0 '^    ecx: hypervisor$' ''
LD_PRELOAD=$fake "$cli" caps --cpuid --json >"$tmp/out" 2>"$tmp/err"
rc=$?
expect "caps --cpuid --json: two entries" 0 '^\{"cpuid": \[\{"leaf": 0, .*\{"leaf": 1, .*"edx": \["sse2"\]\}\}\]\}$' ''
echo "1..$n"
[ "$failed" -eq 0 ]
