#!/bin/sh
# shellcheck shell=dash
# A test dying with an odd exit code and no final newline, for test_run_all.sh.
printf 'ok 1 - looks fine\npartial line'
exit 3
