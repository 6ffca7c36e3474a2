#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash disable=SC2317  # functions run through check()
# The hostile guest: debug registers, #AC at CPL 3, SYSCALL with the guest's
# own MSRs, VMCALL at CPL 3, RDPMC, WBINVD/INVD, TSC_AUX and KERNEL_GS_BASE
# each get what hardware gives; a #DB that recurs in its own delivery keeps
# exiting (the core stays the host's) until the host stops the VM; then a
# normal guest runs on the same core, and the host log stays clean.
# shellcheck source=SCRIPTDIR/../lib/tap.sh
. "$(dirname "$0")/../lib/tap.sh"
# shellcheck source=SCRIPTDIR/../lib/run.sh
. "$(dirname "$0")/../lib/run.sh"

vm_test_start

run_guest hostile
check_guest_done "hostile"
# Bochs 2.7 raises no data-breakpoint #DB in VMX non-root.
data_breakpoints=yes
contains "$RUN_OUT" "write breakpoint: 0 #DB" && data_breakpoints=no
for line in \
	"dr: reset values, DR0-DR3 and DR6 read back" \
	"dr: icebp #DB at the next instruction" \
	"ac: #AC at CPL 3 with error code 0, then the access ran" \
	"syscall: through the guest's LSTAR and SFMASK, and back by SYSRET" \
	"vmcall: at CPL 3 returns -1, the VM runs on" \
	"rdpmc: #GP at CPL 3 and at CPL 0 (no PMU)" \
	"wbinvd, invd: done, no fault" \
	"tsc_aux: 0 at reset (vCPU 0), then as written" \
	"kernel_gs_base: kept across exits"; do
	check "hostile: $line" console_has "UCALL REPORT $line"
done
check "hostile: MOV DR exits counted" stat_at_least exits.dr_access 10
check "hostile: #DB (single step, ICEBP) and #AC exits counted" stat_at_least exits.exception_nmi 3
check "hostile: RDPMC exit counted" stat_at_least exits.rdpmc 1
check "hostile: WBINVD exit counted" stat_at_least exits.wbinvd 1
check "hostile: INVD exit counted" stat_at_least exits.invd 1

# storm GUEST WHAT [OPTION...]: an exception that recurs in its own delivery
# runs until the host stops it (SIGTERM after 5 s: status 130), one exit each.
storm() {
	local guest=$1 what=$2

	shift 2
	RUN_TIMEOUT=5
	run_guest "$guest" "$@"
	RUN_TIMEOUT=${RTVMX_RUN_TIMEOUT:-120}
	check "$what storm: stopped by the host (status $RUN_USER)" status_is "$RUN_USER"
	check "$what storm: started" console_has "$what storm: starting"
	check "$what storm: never left the loop" not console_has "$what storm: ended"
	check "$what storm: every delivery was an exit" stat_at_least exits.exception_nmi 1000
}

storm ac_storm ac
if [ "$data_breakpoints" = no ]; then
	skip_check "db storm" "the emulated CPU raises no data-breakpoint #DB in guests"
else
	storm hostile db --arg 1
fi

run_guest hello
check "a normal guest runs on the same core afterwards" status_is 0
vm_test_end
