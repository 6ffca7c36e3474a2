#!/usr/bin/env bash
# Boots the rtvmx test machine from an ISO made by mkimage.sh and judges the run
# from its serial log.
#   run.sh --iso PATH --out DIR [--mode test|demo|bench] [--timeout SEC] [--backend auto|qemu|bochs]
# Backend "auto": QEMU+KVM where the host has nested VMX, else Bochs.
# Exit: 0 passed; 1 failed (a "not ok", no tests, plan mismatch, no RTVMX-END,
# kernel errors in the log, demo or bench exit status, a test run whose final
# reboot with a guest running did not restart the machine); 2 usage; 4 skipped
# (nothing here can give the guest VMX). Artifacts in OUT: serial.log,
# bochs.log, bochsrc, emulator.out, summary.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"

usage() {
	sed -n '4,4s/^# //p' "$0" >&2
	exit 2
}

iso='' out='' mode=test timeout=1800 backend=auto megs=1024
while [ $# -gt 0 ]; do
	[ $# -ge 2 ] || usage
	case $1 in
	--iso) iso=$2 ;;
	--out) out=$2 ;;
	--mode) mode=$2 ;;
	--timeout) timeout=$2 ;;
	--backend) backend=$2 ;;
	*) usage ;;
	esac
	shift 2
done
if [ -z "$iso" ] || [ -z "$out" ]; then usage; fi
case $mode in test | demo | bench) ;; *) usage ;; esac
[[ $timeout =~ ^[0-9]+$ ]] || usage
[ -f "$iso" ] || die "no ISO at $iso (build it with mkimage.sh)"
iso=$(realpath "$iso")
mkdir -p "$out"
out=$(cd "$out" && pwd)
serial=$out/serial.log summary=$out/summary
rm -f "$serial" "$summary" "$out/bochs.log" "$out/bochsrc" "$out/emulator.out" "$out/.began"

# Prints to stdout and to the summary file.
say() {
	echo "$*" | tee -a "$summary"
}

# Indents stdin by two spaces and the prefix $1, into the summary too.
indent() {
	sed "s|^|  ${1:-}|" | tee -a "$summary"
}

skip() {
	say "SKIP: full-system tier: $*"
	exit 4
}

# Empty when QEMU with KVM can give the guest VMX, else why not.
why_not_qemu() {
	if [ ! -r /dev/kvm ] || [ ! -w /dev/kvm ]; then
		echo "/dev/kvm is not usable"
	elif ! grep -qw vmx /proc/cpuinfo; then
		echo "the host CPU has no vmx flag"
	elif ! grep -qE '^(Y|1)$' /sys/module/kvm_intel/parameters/nested 2>/dev/null; then
		echo "kvm_intel has nested virtualization off"
	elif ! command -v qemu-system-x86_64 >/dev/null; then
		echo "qemu-system-x86_64 is not installed (apt-get install qemu-system-x86)"
	fi
}

no_qemu=$(why_not_qemu)
case $backend in
auto)
	if [ -z "$no_qemu" ]; then
		backend=qemu
	elif command -v bochs >/dev/null; then
		backend=bochs
	else
		skip "no QEMU with nested VMX ($no_qemu) and bochs is not installed"
	fi
	;;
qemu) [ -z "$no_qemu" ] || skip "$no_qemu" ;;
bochs) command -v bochs >/dev/null || skip "bochs is not installed" ;;
*) usage ;;
esac

case $backend in
qemu)
	emulator=(qemu-system-x86_64 -enable-kvm -cpu host -smp 2 -m "$megs" -cdrom "$iso" -boot d
		-serial "file:$serial" -display none -monitor none -no-reboot)
	;;
bochs)
	sed -e "s|@ISO@|$iso|" -e "s|@SERIAL@|$serial|" -e "s|@LOG@|$out/bochs.log|" \
		-e "s|@MEGS@|$megs|g" "$here/bochsrc.in" >"$out/bochsrc"
	# Bochs' debugger stops before the first instruction: continue, then quit.
	printf 'c\nquit\n' >"$out/bochs.rc"
	emulator=(bochs -q -f "$out/bochsrc" -rc "$out/bochs.rc")
	;;
esac

# The guest's own output: the lines between RTVMX-BEGIN and the kernel log dump.
# With an argument, writes the host time of RTVMX-BEGIN to that file.
# (A shell loop, not awk: mawk holds back piped input until its buffer fills.)
guest_output() {
	local line on=0
	while IFS= read -r line || [ -n "$line" ]; do
		line=${line%$'\r'}
		case $line in
		RTVMX-BEGIN*)
			on=1
			[ $# -eq 0 ] || date +%s >"$1"
			continue
			;;
		"==== dmesg begin ====" | RTVMX-END*) on=0 ;;
		esac
		[ "$on" -eq 0 ] || printf '%s\n' "$line"
	done
}

# The last step of a test run (init): "RTVMX-REBOOT guest=STATE", then the
# kernel's reboot, which must reach RESTART_LINE. The machine is stopped from
# here once it has (Bochs may reset and boot again), or REBOOT_WAIT seconds
# after RTVMX-REBOOT if it has not.
REBOOT_WAIT=120
RESTART_LINE='reboot: Restarting system'

# reboot_watch PID: ends the emulator PID once the serial log shows the restart.
reboot_watch() {
	local waited=0

	while kill -0 "$1" 2>/dev/null; do
		if grep -aq "^RTVMX-REBOOT" "$serial"; then
			if grep -aqF "$RESTART_LINE" "$serial" || [ "$waited" -ge "$REBOOT_WAIT" ]; then
				# Whatever the kernel prints on its way down reaches the log.
				sleep 3
				kill "$1" 2>/dev/null || true
				return
			fi
			waited=$((waited + 1))
		fi
		sleep 1
	done
}

echo "full-system ($mode): booting $iso with $backend, timeout ${timeout}s"
echo "artifacts: $out"
: >"$serial"
start=$(date +%s)
timeout --kill-after=10 "$timeout" "${emulator[@]}" </dev/null >"$out/emulator.out" 2>&1 &
emu=$!
trap 'kill "$emu" 2>/dev/null || true' EXIT
tail -n +1 -F --pid="$emu" "$serial" 2>/dev/null | guest_output "$out/.began" &
streamer=$!
reboot_watch "$emu" &
watcher=$!
emu_rc=0
wait "$emu" || emu_rc=$?
wait "$streamer" || true
kill "$watcher" 2>/dev/null || true
wait "$watcher" 2>/dev/null || true
end=$(date +%s)
trap - EXIT

problems=0
problem() {
	say "FAIL: $*"
	problems=$((problems + 1))
}

log=$(tr -d '\r\0' <"$serial")
end_line=$(grep -a '^RTVMX-END' <<<"$log" | tail -n 1 || true)
guest_rc=${end_line#RTVMX-END rc=}
if [ -z "$end_line" ]; then
	if [ "$emu_rc" -eq 124 ] || [ "$emu_rc" -eq 137 ]; then
		problem "no RTVMX-END: the run timed out after ${timeout}s"
	else
		problem "no RTVMX-END: $backend exited with status $emu_rc (guest crash or reset?)"
		# Bochs' own panics (a triple fault, say) are the "p" lines of its log.
		grep -asE '^[0-9]+p\[' "$out/bochs.log" | tail -n 5 | indent "bochs.log: " || true
	fi
fi

errors=$(grep -anE "$KERNEL_ERROR_RE" <<<"$log" || true)
if [ -n "$errors" ]; then
	problem "kernel errors in serial.log:"
	indent serial.log: <<<"$errors"
fi

# The final reboot of a test run, with a guest running: what follows RTVMX-END.
if [ "$mode" = test ] && [ -n "$end_line" ]; then
	after_end=$(sed -n '/^RTVMX-END/,$p' <<<"$log")
	reboot_line=$(grep -a -m 1 '^RTVMX-REBOOT' <<<"$after_end" || true)
	if [ -z "$reboot_line" ]; then
		problem "no RTVMX-REBOOT line after RTVMX-END: init did not reach its reboot step"
	else
		say "reboot step: $reboot_line"
		if [ "$reboot_line" != "RTVMX-REBOOT guest=running" ]; then
			problem "reboot step: no guest was running at the reboot (${reboot_line#RTVMX-REBOOT })"
		fi
		if ! grep -aqF "$RESTART_LINE" <<<"$after_end"; then
			problem "reboot -f with a guest running: no '$RESTART_LINE' within ${REBOOT_WAIT}s"
			sed -n '/^RTVMX-REBOOT/,$p' <<<"$after_end" | tail -n 20 | indent "serial.log: "
		fi
		reboot_errors=$(sed -n '/^RTVMX-REBOOT/,$p' <<<"$after_end" | grep -aE "$KERNEL_ERROR_RE" || true)
		if [ -n "$reboot_errors" ]; then
			problem "kernel errors during reboot -f with a guest running (also listed above)"
		fi
	fi
fi

if [ "$mode" = test ]; then
	body=$(guest_output <<<"$log")
	results=$(grep -E '^(not )?ok [0-9]+' <<<"$body" || true)
	plan=$(grep -m 1 -E '^1\.\.[0-9]+' <<<"$body" | sed -E 's/^1\.\.([0-9]+).*/\1/' || true)
	skips=$(grep -iE '#[[:space:]]*skip' <<<"$results" || true)
	failures=$(grep -E '^not ok' <<<"$results" | grep -viE '#[[:space:]]*skip' || true)
	count() { if [ -n "$1" ]; then wc -l <<<"$1"; else echo 0; fi; }
	total=$(count "$results") skipped=$(count "$skips") failed=$(count "$failures")
	passed=$((total - skipped - failed))
	echo "$results" >>"$summary"
	if [ "$failed" -gt 0 ]; then
		problem "failed tests:"
		indent <<<"$failures"
	fi
	if [ "$total" -eq 0 ]; then
		problem "no test ran"
	elif [ -z "$plan" ]; then
		problem "no TAP plan (1..N) seen"
	elif [ "$plan" -ne "$total" ]; then
		problem "the plan says 1..$plan but $total results came"
	fi
	if [ -n "$guest_rc" ] && [ "$guest_rc" != 0 ]; then
		echo "(run_all.sh exit status $guest_rc)"
	fi
elif [ -n "$guest_rc" ] && [ "$guest_rc" != 0 ]; then
	problem "$mode script exit status $guest_rc"
fi

began=$(cat "$out/.began" 2>/dev/null || true)
say "wall time: $((end - start)) s in $backend${began:+ (boot to init $((began - start)) s)}"
say "artifacts: $out"
if [ "$mode" = test ]; then
	line="full-system: $passed passed, $failed failed"
	if [ "$skipped" -gt 0 ]; then
		line="$line, $skipped skipped"
	fi
	say "$line"
fi
[ "$problems" -eq 0 ]
