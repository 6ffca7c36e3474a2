#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash disable=SC2317  # functions run through check()
# Admission control and sharing one CPU: with an EDF guest holding 60% of the
# test CPU, a second asking for 50% is refused (EBUSY, dmesg names the EDF
# bound), as are an FP guest (policies do not mix) and a dedicated one; one
# asking for 30% runs beside it, and debugfs shows both on the core. Stopping
# one, or its halting, leaves the other running with its share. A dedicated
# guest's CPU takes no other vCPU.
# shellcheck source=SCRIPTDIR/../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"
# shellcheck source=SCRIPTDIR/../lib/run.sh
. "$(dirname "$0")/../lib/run.sh"
# shellcheck source=SCRIPTDIR/../lib/sched.sh
. "$(dirname "$0")/../lib/sched.sh"

START_SECONDS=60

# guest_start NAME PAYLOAD SCHED: a guest that runs until stopped, in the background.
guest_start() {
	diag "\$ rtvmx run --cpu $TEST_CPU --name $1 --sched $3 $2.elf &"
	"$RTVMX_CLI" run --cpu "$TEST_CPU" --mem 4M --name "$1" --sched "$3" \
		"$GUESTS_DIR/$2.elf" </dev/null >"$SCHED_FILE.$1.out" 2>"$SCHED_FILE.$1.err" &
	eval "SCHED_PID_$1=\$!"
	SCHED_GUESTS="$SCHED_GUESTS $1"
}

loop_start() {
	guest_start "$1" loop "$2"
}

# console_says NAME LINE: guest NAME's console shows LINE within START_SECONDS.
console_says() {
	local i=0

	while [ "$i" -lt "$START_SECONDS" ]; do
		grep -qx "$2" "$SCHED_FILE.$1.out" 2>/dev/null && return 0
		sleep 1
		i=$((i + 1))
	done
	return 1
}

loop_looping() {
	console_says "$1" looping
}

# loop_stop NAME: SIGINT, then its exit status must be 130.
loop_stop() {
	local pid rc

	eval "pid=\$SCHED_PID_$1"
	kill -s INT "$pid"
	wait "$pid"
	rc=$?
	eval "SCHED_PID_$1="
	check "guest $1 stops on SIGINT with status $RUN_USER" [ "$rc" -eq "$RUN_USER" ]
}

# refused SCHED ERRNO_TEXT DMESG_PATTERN: a hello guest with SCHED cannot be created.
refused() {
	dmesg_mark
	run_guest hello --cpu "$TEST_CPU" --sched "$1"
	check "--sched $1: refused, exit status 1" status_is 1
	check "--sched $1: '$2'" stderr_has "RTVMX_CREATE_VCPU: $2"
	diag "kernel: $(rtvmx_log_new)"
	check "--sched $1: dmesg says '$3'" dmesg_has "$3"
}

vcpu_sched_of() {
	local d

	for d in "$RTVMX_DEBUGFS"/vm*; do
		grep -qx "name: $1" "$d/info" 2>/dev/null && echo "$d/vcpu0/sched" && return
	done
}

vm_test_start
core=$RTVMX_DEBUGFS/cpu$TEST_CPU/sched
loop_start a edf:budget=6ms,period=10ms
check "guest a (edf 6 ms / 10 ms) is looping" loop_looping a || vm_test_end

refused edf:budget=5ms,period=10ms "Device or resource busy" \
	"refuses the vCPU .*EDF utilization bound violated: U = 110"
refused fp:prio=1,budget=1ms,period=10ms "Device or resource busy" "asks for fp, but the core runs edf"
refused dedicated "Device or resource busy" \
	"cpu $TEST_CPU already runs 1 vCPU; a dedicated vCPU needs the CPU to itself"
refused edf:budget=2ms,period=1ms "Invalid argument" "budget 2000000 ns is over its deadline 1000000 ns"

run_guest hello --cpu "$TEST_CPU" --sched edf:budget=3ms,period=10ms
check "edf 3 ms / 10 ms fits beside a: hello runs" console_has "hello from rtvmx guest"
check "edf 3 ms / 10 ms fits beside a: exit status 0" status_is 0

loop_start b edf:budget=3ms,period=10ms
check "guest b (edf 3 ms / 10 ms) is looping beside a" loop_looping b
sleep 1
diag "$(sed 's/^/cpu sched: /' "$core")"
check "cpu$TEST_CPU/sched: policy edf" grep -qx "policy: edf" "$core"
check "cpu$TEST_CPU/sched: two vCPUs" grep -qx "vcpus: 2" "$core"
check "cpu$TEST_CPU/sched: a and b both ran lately" \
	[ "$(grep -cE '^[0-9]+ run vm[0-9]+$' "$core")" -ge 2 ]
sa=$(vcpu_sched_of a)
sb=$(vcpu_sched_of b)
diag "$(sed 's/^/a sched: /' "$sa")"
check "a's vcpu0/sched: budget 6 ms, period 10 ms" \
	[ "$(field "$sa" budget_ns)/$(field "$sa" period_ns)" = 6000000/10000000 ]
check "a's vcpu0/sched: runnable" [ "$(field "$sa" state)" = runnable ]
check "a's vcpu0/sched: several periods" [ "$(field "$sa" periods)" -ge 10 ]
check "a's vcpu0/sched: runtime near 60% of its periods" \
	within "$(($(field "$sa" runtime_ns) / $(field "$sa" periods)))" 5500000 6500000
check "a's vcpu0/sched: no deadline misses" [ "$(field "$sa" deadline_misses)" = 0 ]

loop_stop a
b1=$(field "$sb" runtime_ns)
sleep 1
b2=$(field "$sb" runtime_ns)
diag "b runtime: $b1 ns, a second later $b2 ns"
check "b keeps running after a stopped" [ "$b2" -gt "$b1" ]
check "cpu$TEST_CPU/sched: one vCPU left" grep -qx "vcpus: 1" "$core"

# A halted vCPU leaves the run queue; the other keeps its share.
guest_start h halt edf:budget=2ms,period=10ms
check "guest h (edf, halts) says halting" console_says h halting
sleep 1
sh=$(vcpu_sched_of h)
diag "$(sed 's/^/h sched: /' "$sh")"
check "h's vcpu0/sched: state halted" [ "$(field "$sh" state)" = halted ]
check "cpu$TEST_CPU/sched: h blocked" grep -qE "^vcpu: vm[0-9]+ h blocked " "$core"
b1=$(field "$sb" runtime_ns)
sleep 1
b2=$(field "$sb" runtime_ns)
diag "b runtime: $b1 ns, a second later $b2 ns"
check "b keeps 30% beside the halted h" within $((b2 - b1)) 250000000 350000000
loop_stop h
loop_stop b
check "cpu$TEST_CPU/sched: no vCPU, no thread" grep -qx "thread: none" "$core"

loop_start d dedicated
check "guest d (dedicated) is looping" loop_looping d || vm_test_end
check "cpu$TEST_CPU/sched: policy dedicated" grep -qx "policy: dedicated" "$core"
refused dedicated "Device or resource busy" "cpu $TEST_CPU is dedicated to another vCPU"
refused edf:budget=1ms,period=10ms "Device or resource busy" \
	"cpu $TEST_CPU is dedicated to another vCPU"
loop_stop d

loop_start f fp:prio=2,budget=3ms,period=5ms
check "guest f (fp prio 2, 3 ms / 5 ms) is looping" loop_looping f || vm_test_end
refused fp:prio=1,budget=5ms,period=10ms "Device or resource busy" \
	"response-time bound violated"
refused fp:prio=2,budget=1ms,period=10ms "Device or resource busy" "priority 2 is vcpu f.s already"
loop_stop f

loop_start t table:offset=0,length=4ms,frame=10ms
check "guest t (table [0, 4 ms) of 10 ms) is looping" loop_looping t || vm_test_end
refused table:offset=3ms,length=2ms,frame=10ms "Device or resource busy" "overlap"
refused table:offset=5ms,length=2ms,frame=20ms "Device or resource busy" "frame 20000000 ns differs"
loop_stop t
vm_test_end
