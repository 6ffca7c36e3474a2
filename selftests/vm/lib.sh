# shellcheck shell=bash
# Shared helpers for the full-system test rig (sourced, not run).

# Guest kernel log lines that fail a run ("BUG cache (...)": SLUB's debug checks).
# shellcheck disable=SC2034 # used by run.sh
KERNEL_ERROR_RE='Oops|BUG:|BUG [^ ]+ \(|WARNING:|Call Trace|Kernel panic|invalid opcode:'

die() {
	echo "${0##*/}: $*" >&2
	exit 1
}

# Runs a command as root: directly, or through sudo when not root.
as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	elif command -v sudo >/dev/null; then
		sudo "$@"
	else
		die "need root (or sudo) to run: $*"
	fi
}
