#!/usr/bin/env bash
# Builds rtvmx.ko (W=1, warnings are errors) against each headers tree given,
# each in its own scratch copy of the sources, and prints one summary line.
#   build_matrix.sh OUTDIR KDIR...
#   build_matrix.sh --install [all]   installs Debian's 6.1 headers, generic and -rt
#                                     (with "all" also the newest 6.12 pair, which pulls its images)
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)

if [ "${1:-}" = --install ]; then
	pkgs=(linux-headers-amd64 linux-headers-rt-amd64)
	if [ "${2:-}" = all ]; then
		v612=$(apt-cache search --names-only '^linux-headers-6\.12\.[0-9]+\+deb12-amd64$' |
			awk '{print $1}' | sort -V | tail -n 1)
		[ -n "$v612" ] || { echo "build-matrix: no 6.12 headers in the package lists" >&2; exit 1; }
		pkgs+=("$v612" "${v612%-amd64}-rt-amd64")
	fi
	exec bash "$top/selftests/vm/deps.sh" "${pkgs[@]}"
fi

out=$(realpath -m "${1:?usage: build_matrix.sh OUTDIR KDIR...}")
shift
[ $# -gt 0 ] || { echo "build-matrix: no kernel headers given" >&2; exit 1; }
passed=0 failed=0
for kdir in "$@"; do
	name=$(basename "$kdir")
	dir=$out/$name
	rm -rf "$dir" && mkdir -p "$dir"
	cp -r "$top/Kbuild" "$top/module" "$top/vmx" "$top/emul" "$top/rt_sched" "$top/uapi" "$dir/"
	if make -C "$kdir" M="$dir" W=1 modules >"$dir/build.log" 2>&1 &&
	   ! grep -E 'warning:|WARNING:' "$dir/build.log"; then
		echo "ok - build against $name"
		passed=$((passed + 1))
	else
		echo "not ok - build against $name (log: $dir/build.log)"
		tail -n 20 "$dir/build.log" | sed 's/^/# /'
		failed=$((failed + 1))
	fi
done
echo "build-matrix: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
