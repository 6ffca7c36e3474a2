#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash disable=SC2317  # functions run through check()
# The hello guest, as ELF and as a flat binary: its line on the console, exit
# status 0, the exit statistics of "rtvmx run --stats"; then the CLI's refusals
# of a CPU that rtvmx does not reserve and of an image larger than RAM.
# shellcheck source=SCRIPTDIR/../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"
# shellcheck source=SCRIPTDIR/../lib/run.sh
. "$(dirname "$0")/../lib/run.sh"

HELLO="hello from rtvmx guest"

check_hello() {
	local what=$1

	check "$what: exit status 0" status_is 0
	check "$what: console says '$HELLO'" console_has "$HELLO"
	check "$what: stop_reason shutdown" stat_is stop_reason shutdown
	check "$what: exit_code 0" stat_is exit_code 0
	check "$what: cpu $TEST_CPU" stat_is cpu "$TEST_CPU"
	check "$what: one vmcall exit" stat_is exits.vmcall 1
	# Per character at least one LSR read and one THR write.
	check "$what: at least 2 I/O exits per character" \
		stat_at_least exits.io_instruction $((2 * (${#HELLO} + 1)))
	check "$what: exits total counted" stat_at_least exits 47
	check "$what: guest time counted" stat_at_least guest_ns 1
	check "$what: no message besides the statistics" not stderr_has "rtvmx:"
}

vm_test_start
run_guest hello
check_hello "hello.elf"
run_guest "$GUESTS_DIR/hello.bin"
check_hello "hello.bin (flat)"
run_guest hello --cpu "$TEST_CPU" --mem 2M --name hello-2m
check "hello.elf with --mem 2M --name: exit status 0" status_is 0
check "hello.elf with --mem 2M --name: name in the statistics" stat_is name hello-2m
check "hello.elf with --mem 2M --name: console" console_has "$HELLO"

run_guest hello --cpu 0
check "--cpu 0 (not reserved): exit status 1" status_is 1
check "--cpu 0: message names the cause" stderr_has "cpu 0 is not reserved by rtvmx"
run_guest hello --mem 256M
check "--mem 256M: exit status 0" status_is 0
dd if=/dev/zero of="$RUN_OUT_FILE.big" bs=1024 count=0 seek=16385 2>/dev/null
run_guest "$RUN_OUT_FILE.big" --format flat
rm -f "$RUN_OUT_FILE.big"
check "image larger than RAM: exit status 1" status_is 1
check "image larger than RAM: message" stderr_has "is larger than guest RAM"
vm_test_end
