#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash disable=SC2317  # functions run through check()
# insmod refuses bad cpus= lists with EINVAL and one dmesg line naming the
# cause, and stays unloaded; cpus=<an isolated CPU> loads.
# shellcheck source=SCRIPTDIR/../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"

EINVAL_TEXT="Invalid argument"

rtvmx_require
rtvmx_unload_stale
absent=$(($(last_possible_cpu) + 1))

expect_refusal "$EINVAL_TEXT" "cpu0 is a housekeeping CPU" cpus=0
expect_refusal "$EINVAL_TEXT" "cpu$absent does not exist" "cpus=$absent"
expect_refusal "$EINVAL_TEXT" "not a CPU list" cpus=abc
expect_refusal "$EINVAL_TEXT" "cpu0 is a housekeeping CPU" "cpus=0-$TEST_CPU"

dmesg_mark
if check "insmod rtvmx cpus=$TEST_CPU" rtvmx_insmod "cpus=$TEST_CPU"; then
	check "debugfs shows cpu$TEST_CPU: on" debugfs_cpu_on "$TEST_CPU"
	check "debugfs lists one CPU" [ "$(grep -c '^cpu[0-9]*:' "$RTVMX_DEBUGFS/cpus")" -eq 1 ]
	check "rmmod rtvmx" rtvmx_rmmod
fi
check "no kernel warnings" dmesg_clean
tap_done
