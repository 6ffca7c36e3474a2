#!/usr/bin/env bash
# Installs the Debian packages the project needs (plus any named as arguments).
# Quick and quiet when everything is already installed.
#   deps.sh [EXTRA-PACKAGE...]
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

pkgs=(build-essential pkg-config kmod linux-headers-amd64 linux-image-amd64
	bochs bochsbios vgabios bochs-term busybox-static cpio isolinux syslinux-common xorriso
	libnl-3-dev libnl-genl-3-dev xz-utils libcapstone-dev clang libclang-rt-14-dev shellcheck "$@")

missing=()
for p in "${pkgs[@]}"; do
	status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	[ "$status" = installed ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps: installing ${missing[*]}"
as_root apt-get update -q
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
