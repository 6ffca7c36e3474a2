#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash disable=SC2317  # functions run through check()
# insmod rtvmx with defaults: /dev/rtvmx, debugfs "cpuN: on" for the isolated
# CPUs, and "rtvmx caps [--json]" reporting them; then rmmod.
# shellcheck source=SCRIPTDIR/../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"

caps_list_has() {
	printf '%s\n' "$1" | grep -qE "^caps:(.* )?$2( |\$)"
}

json_caps_have() {
	printf '%s\n' "$1" | sed -n 's/.*"caps": \[\([^]]*\)\].*/\1/p' | grep -qF "\"$2\""
}

json_object() {
	one_line "$1" && contains "$1" "{" && [ "${1%\}}" != "$1" ] && [ "${1#\{}" != "$1" ]
}

check_debugfs() {
	local f=$RTVMX_DEBUGFS/cpus key

	check "debugfs shows cpu$TEST_CPU: on" debugfs_cpu_on "$TEST_CPU"
	for key in caps missing vmcs_revision preemption_timer_shift; do
		check "debugfs has a '$key:' line" grep -q "^$key:" "$f"
	done
	check "debugfs vmcs_revision is nonzero hex" grep -qE '^vmcs_revision: 0x0*[1-9a-f]' "$f"
	diag "$(cat "$f")"
}

check_cli_text() {
	local out rc

	out=$("$RTVMX_CLI" caps 2>&1)
	rc=$?
	diag "$out"
	check "rtvmx caps exits 0" [ "$rc" -eq 0 ]
	check "rtvmx caps: reserved_cpus: $ISOLATED" has_line "$out" "reserved_cpus: $ISOLATED"
	check "rtvmx caps: vmx_on_cpus: $ISOLATED" has_line "$out" "vmx_on_cpus: $ISOLATED"
	check "rtvmx caps: ept present" caps_list_has "$out" ept
}

check_cli_json() {
	local out rc

	out=$("$RTVMX_CLI" caps --json 2>&1)
	rc=$?
	diag "$out"
	check "rtvmx caps --json exits 0" [ "$rc" -eq 0 ]
	check "rtvmx caps --json prints one object on one line" json_object "$out"
	check "rtvmx caps --json: reserved_cpus $ISOLATED" \
		contains "$out" "\"reserved_cpus\": \"$ISOLATED\""
	check "rtvmx caps --json: vmx_on_cpus $ISOLATED" \
		contains "$out" "\"vmx_on_cpus\": \"$ISOLATED\""
	check "rtvmx caps --json: ept present" json_caps_have "$out" ept
}

rtvmx_require
rtvmx_unload_stale
check "insmod rtvmx (defaults)" rtvmx_insmod || tap_done
check "$RTVMX_NODE is a character device" [ -c "$RTVMX_NODE" ]
check "$RTVMX_NODE has mode 0600" contains "$(ls -l "$RTVMX_NODE")" "crw------- "
check_debugfs
check_cli_text
check_cli_json
check "rmmod rtvmx" rtvmx_rmmod
check "$RTVMX_NODE is gone" [ ! -e "$RTVMX_NODE" ]
tap_done
