#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash disable=SC2317  # functions run through check()
# A persistent guest ("rtvmx run --detach") outlives its launcher and is
# listed, inspected, attached to, stopped and destroyed over netlink by name
# and by id; "rtvmx monitor" sees its life in order (cpu_reserved, started,
# stopped, cpu_released); an echo guest answers through "rtvmx console";
# a crashing guest gives a crashed event; a user without CAP_NET_ADMIN may
# list but not stop or destroy.
# shellcheck source=SCRIPTDIR/../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"
# shellcheck source=SCRIPTDIR/../lib/run.sh
. "$(dirname "$0")/../lib/run.sh"

MON_OUT=$TMPDIR/rtvmx-monitor.$$.out
MON_ERR=$TMPDIR/rtvmx-monitor.$$.err
CON_OUT=$TMPDIR/rtvmx-console.$$.out
MON_PID=

test_cleanup() {
	if [ -n "$MON_PID" ]; then
		kill "$MON_PID" 2>/dev/null
		wait "$MON_PID" 2>/dev/null
	fi
	"$RTVMX_CLI" destroy p1 >/dev/null 2>&1
	"$RTVMX_CLI" destroy echo1 >/dev/null 2>&1
	"$RTVMX_CLI" destroy tf >/dev/null 2>&1
	rm -f "$MON_OUT" "$MON_ERR" "$CON_OUT" "$RUN_OUT_FILE" "$RUN_ERR_FILE"
}

monitor_start() {
	"$RTVMX_CLI" monitor >"$MON_OUT" 2>"$MON_ERR" &
	MON_PID=$!
	wait_file_has "$MON_ERR" "listening for events" 20
}

# events_of ID NAME: the event names of VM ID named NAME, in order, on one line.
events_of() {
	grep " id=$1 name=$2 " "$MON_OUT" | cut -d' ' -f1 | tr '\n' ' '
}

events_are() {
	local got

	got=$(events_of "$1" "$2")
	[ "$got" = "$3" ] && return 0
	diag "events of VM $1 ($2): '$got', want '$3'"
	return 1
}

# as_nobody ARG...: "rtvmx ARG..." as uid 65534; sets CLI_RC and CLI_OUT (stdout and stderr).
as_nobody() {
	diag "\$ (uid 65534) rtvmx $*"
	CLI_OUT=$(su -s /bin/sh nobody -c "$RTVMX_CLI $*" 2>&1)
	CLI_RC=$?
	diag "exit status $CLI_RC; $CLI_OUT"
}

list_line_matches() {
	printf '%s\n' "$CLI_OUT" | grep -Eq "$1"
}

is_running_after_launcher() {
	vm_state_is p1 running
}

vm_test_start
check "rtvmx monitor listens" monitor_start

check "run -d --name p1 loop: exit 0, 'started VM p1 (id N) on cpu $TEST_CPU'" run_detached p1 loop
id=$VM_ID
check "p1 runs after its launcher exited" is_running_after_launcher
cli list
check "list: p1 running on cpu $TEST_CPU, 16M, persistent" \
	list_line_matches "^$id +p1 +running +$TEST_CPU +16M +persistent +-\$"
cli list --json
check "list --json: p1 as a running persistent VM" \
	cli_out_has "\"name\": \"p1\", \"state\": \"running\", \"persistent\": true"
cli info "$id"
check "info by id $id: name p1" cli_out_has_line "name: p1"
check "info by id: sched_policy dedicated" cli_out_has_line "sched_policy: dedicated"
cli info --json p1
check "info --json p1: cpu $TEST_CPU" cli_out_has "\"cpu\": $TEST_CPU,"
check "debugfs vm$id/info: persistent: 1" grep -qx "persistent: 1" "$RTVMX_DEBUGFS/vm$id/info"
check "debugfs vm$id/info: state: running" grep -qx "state: running" "$RTVMX_DEBUGFS/vm$id/info"
check "debugfs vm$id/vcpu0/exits counts I/O exits" grep -q "^30 " "$RTVMX_DEBUGFS/vm$id/vcpu0/exits"
check "debugfs vm$id/vcpu0/vmcs is empty while running" not test -s "$RTVMX_DEBUGFS/vm$id/vcpu0/vmcs"
cli cpus
check "cpus: cpu$TEST_CPU on, held by p1" cli_out_has_line "cpu$TEST_CPU: on vm $id p1"
as_nobody list
check "uid 65534: list works and shows p1" list_line_matches "^$id +p1 +running "
as_nobody stop p1
check "uid 65534: stop p1 refused with exit 1" cli_status_is 1
check "uid 65534: stop p1: 'needs CAP_NET_ADMIN'" \
	cli_out_has "stop: Operation not permitted (needs CAP_NET_ADMIN)"
as_nobody destroy p1
check "uid 65534: destroy p1 refused" cli_out_has "destroy: Operation not permitted (needs CAP_NET_ADMIN)"
check "p1 still runs after the refused stop and destroy" vm_state_is p1 running
cli stats --interval 0.5 p1
check "stats: exit 0" cli_status_is 0
check "stats: a rate column and I/O exits" list_line_matches "^io_instruction +[0-9]+ +[0-9.]+\$"
cli stats --json p1
check "stats --json: interval and I/O exits" cli_out_has "\"name\": \"io_instruction\", \"count\": "

# The console keeps what the guest printed while no one read it.
timeout -s INT 5 "$RTVMX_CLI" console p1 </dev/null >"$CON_OUT" 2>&1
rc=$?
diag "console p1: exit $rc; $(cat "$CON_OUT")"
check "console p1: Ctrl-C detaches with exit 0" [ "$rc" -eq 0 ]
check "console p1: shows 'looping'" grep -qx looping "$CON_OUT"
check "p1 still runs after the console detached" vm_state_is p1 running

cli run -d --name p1 "$GUESTS_DIR/loop.elf"
check "a second VM named p1: exit 1, 'exists already'" cli_err_has "a VM named p1 exists already"
cli run -d --name vm7 "$GUESTS_DIR/loop.elf"
check "the name vm7 is refused: kept for unnamed VMs" cli_err_has "kept for unnamed VMs"

cli stop p1
check "stop p1: exit 0" cli_status_is 0
check "p1 is stopped, stop_reason user" [ "$(vm_field stop_reason p1)" = user ]
cli stop p1
check "stop p1 again: exit 1, 'the VM is not running'" cli_err_has "stop: the VM is not running"
cli destroy "$id"
check "destroy $id: exit 0" cli_status_is 0
cli info p1
check "info p1 after destroy: exit 1, 'no VM named p1'" cli_err_has "get VM: no VM named p1"
cli destroy p1
check "destroy p1 again: 'no VM named p1'" cli_err_has "destroy: no VM named p1"
cli stop "$id"
check "stop $id after destroy: 'no VM with id $id'" cli_err_has "stop: no VM with id $id"
check "p1 is gone from debugfs" not test -e "$RTVMX_DEBUGFS/vm$id"
check "monitor: p1's events came" wait_file_has "$MON_OUT" "cpu_released id=$id " 10
check "monitor: cpu_reserved, started, stopped, cpu_released in order" \
	events_are "$id" p1 "cpu_reserved started stopped cpu_released "
check "monitor: stopped says stop_reason=user" \
	grep -q "^stopped id=$id name=p1 cpu=$TEST_CPU stop_reason=user " "$MON_OUT"

# Console input reaches a persistent guest; its exit ends the session.
if check "run -d --name echo1 uart" run_detached echo1 uart; then
	printf 'hello\nquit\n' | timeout 60 "$RTVMX_CLI" console echo1 >"$CON_OUT" 2>&1
	rc=$?
	diag "console echo1: exit $rc; $(cat "$CON_OUT")"
	check "console echo1: exit 0 when the guest ends" [ "$rc" -eq 0 ]
	check "console echo1: 'uart echo ready'" grep -qx "uart echo ready" "$CON_OUT"
	check "console echo1: 'echo: hello'" grep -qx "echo: hello" "$CON_OUT"
	check "echo1 stopped with shutdown, exit code 0" \
		[ "$(vm_field stop_reason echo1)/$(vm_field exit_code echo1)" = shutdown/0 ]
	cli destroy echo1
	check "destroy echo1: exit 0" cli_status_is 0
fi

# A vCPU that shares its CPU: info gives its policy and parameters back.
cli run -d --name edf1 --sched edf:budget=2ms,period=10ms "$GUESTS_DIR/loop.elf"
check "run -d --sched edf:budget=2ms,period=10ms: exit 0" cli_status_is 0
cli info edf1
check "info edf1: sched_policy edf" cli_out_has_line "sched_policy: edf"
check "info edf1: its parameters" cli_out_has_line "sched_params: budget=2ms,period=10ms,deadline=0"
cli info --json edf1
check "info --json edf1: sched_params" \
	cli_out_has '"sched_policy": "edf", "sched_params": "budget=2ms,period=10ms,deadline=0"'
cli destroy edf1
check "destroy edf1: exit 0" cli_status_is 0

# A crash is its own event.
if check "run -d --name tf triple_fault" run_detached tf triple_fault; then
	tf=$VM_ID
	check "monitor: crashed event for tf" wait_file_has "$MON_OUT" "crashed id=$tf name=tf" 30
	check "crashed event: stop_reason=triple_fault" \
		grep -q "^crashed id=$tf name=tf cpu=$TEST_CPU stop_reason=triple_fault " "$MON_OUT"
	check "tf: debugfs vcpu0/vmcs holds the dump" grep -q "triple fault" "$RTVMX_DEBUGFS/vm$tf/vcpu0/vmcs"
	cli destroy tf
	check "destroy tf (stopped): exit 0" cli_status_is 0
fi
kill "$MON_PID"
wait "$MON_PID" 2>/dev/null
MON_PID=
diag "monitor: $(cat "$MON_OUT")"
vm_test_end
