#!/bin/sh
# shellcheck shell=dash
# A test that outlives RTVMX_TEST_TIMEOUT, for test_run_all.sh.
echo "going to sleep"
sleep 10
