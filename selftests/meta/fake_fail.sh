#!/bin/sh
# shellcheck shell=dash
# A failing test, for test_run_all.sh.
echo "not ok 1 - something broke"
echo "1..1"
exit 1
