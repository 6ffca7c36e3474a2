#!/usr/bin/env bash
# Builds the initramfs and the bootable ISO of the rtvmx test machine.
#   mkimage.sh --ko RTVMX.KO --cli RTVMX-BINARY --tests DIR --mode test|demo|bench --out DIR
#              [--append "EXTRA KERNEL ARGS"]
# The guest kernel is /boot/vmlinuz-KVER, KVER taken from the module's vermagic.
# Writes OUT/rtvmx-MODE.iso (and OUT/initramfs-MODE.cpio.gz, OUT/cmdline-MODE).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"

usage() {
	sed -n '2,6s/^# \{0,1\}//p' "$0" >&2
	exit 2
}

ko='' cli='' tests='' mode=test out='' append=''
while [ $# -gt 0 ]; do
	[ $# -ge 2 ] || usage
	case $1 in
	--ko) ko=$2 ;;
	--cli) cli=$2 ;;
	--tests) tests=$2 ;;
	--mode) mode=$2 ;;
	--out) out=$2 ;;
	--append) append=$2 ;;
	*) usage ;;
	esac
	shift 2
done
for arg in "$ko" "$cli" "$tests" "$out"; do
	[ -n "$arg" ] || usage
done
case $mode in test | demo | bench) ;; *) usage ;; esac
[ -f "$ko" ] || die "no module at $ko"
[ -f "$cli" ] || die "no CLI binary at $cli"
[ -d "$tests" ] || die "no test directory at $tests"
if [ "$mode" = test ] && [ ! -f "$tests/run_all.sh" ]; then
	die "$tests/run_all.sh is missing (the test entry point)"
fi
for tool in busybox cpio xorriso depmod modinfo; do
	command -v "$tool" >/dev/null || die "$tool not found; run selftests/vm/deps.sh"
done
isolinux_bin=/usr/lib/ISOLINUX/isolinux.bin
ldlinux=/usr/lib/syslinux/modules/bios/ldlinux.c32
for f in "$isolinux_bin" "$ldlinux"; do
	[ -f "$f" ] || die "$f is missing; run selftests/vm/deps.sh"
done

kver=$(modinfo -F vermagic "$ko" | awk '{print $1}')
[ -n "$kver" ] || die "$ko has no vermagic"
kernel=/boot/vmlinuz-$kver
[ -f "$kernel" ] || die "$ko is built for $kver but $kernel is missing (install linux-image-$kver)"
moddir=/lib/modules/$kver
[ -d "$moddir/kernel" ] || die "$moddir is missing (install linux-image-$kver)"

cmdline="console=ttyS0,115200 isolcpus=1 nohz_full=1 irqaffinity=0 idle=halt panic=-1 reboot=t slub_debug=FZP,kmalloc-cg-* quiet cryptomgr.notests rtvmx_mode=$mode"
[ -n "$append" ] && cmdline="$cmdline $append"

mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d "$out/.mkimage.XXXXXX")
trap 'rm -rf "$work"' EXIT
root=$work/root iso=$work/iso
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,proc,sys,dev,tmp,root,rtvmx,selftests}

# busybox and its applets
cp "$(command -v busybox)" "$root/bin/busybox"
for applet in $("$root/bin/busybox" --list-full); do
	[ -e "$root/$applet" ] || ln -s /bin/busybox "$root/$applet"
done
install -m 0755 "$here/init" "$root/init"
install -m 0644 "$ko" "$root/rtvmx/rtvmx.ko"
install -m 0755 "$cli" "$root/usr/bin/rtvmx"
cp -a "$tests/." "$root/selftests/"

# kvm_intel and what it needs, uncompressed (busybox modprobe reads plain .ko)
for name in irqbypass kvm kvm-intel; do
	src=$(find "$moddir/kernel" -name "$name.ko" -o -name "$name.ko.*" | head -n 1)
	[ -n "$src" ] || die "$name.ko not found under $moddir/kernel"
	rel=${src#/lib/modules/}
	dst=$root/lib/modules/${rel%.ko*}.ko
	mkdir -p "$(dirname "$dst")"
	case $src in
	*.ko) cp "$src" "$dst" ;;
	*.ko.xz) xz -dc "$src" >"$dst" ;;
	*.ko.zst) zstd -qdc "$src" >"$dst" ;;
	*.ko.gz) gzip -dc "$src" >"$dst" ;;
	*) die "do not know how to unpack $src" ;;
	esac
	echo "${dst#"$root/lib/modules/$kver/"}" >>"$root/lib/modules/$kver/modules.order"
done
cp "$moddir"/modules.builtin* "$root/lib/modules/$kver/"
depmod -b "$root" "$kver"

initrd=$out/initramfs-$mode.cpio.gz
(cd "$root" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) | gzip -6 >"$initrd"

# isolinux ISO
mkdir -p "$iso/isolinux"
cp "$isolinux_bin" "$ldlinux" "$iso/isolinux/"
cp "$kernel" "$iso/vmlinuz"
cp "$initrd" "$iso/initrd.gz"
cat >"$iso/isolinux/isolinux.cfg" <<EOF
SERIAL 0 115200
DEFAULT rtvmx
PROMPT 0
TIMEOUT 0
LABEL rtvmx
  KERNEL /vmlinuz
  INITRD /initrd.gz
  APPEND $cmdline
EOF
isofile=$out/rtvmx-$mode.iso
xorriso -as mkisofs -o "$isofile" -R -J -V RTVMX \
	-b isolinux/isolinux.bin -c isolinux/boot.cat \
	-no-emul-boot -boot-load-size 4 -boot-info-table "$iso" 2>"$work/xorriso.log" ||
	{ cat "$work/xorriso.log" >&2; die "xorriso failed"; }
echo "$cmdline" >"$out/cmdline-$mode"
echo "mkimage: $isofile (kernel $kver; cmdline: $cmdline)"
