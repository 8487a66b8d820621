#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build (once) and print the build directory of the debug kernel: Debian's
# linux-source-6.1, x86_64_defconfig + kvm_guest.config + tools/vm/debug.config.
# The result is cached outside the checkout under a key made of the config
# fragment and the source package version, so it is rebuilt only when one of
# them changes.  The directory holds arch/x86/boot/bzImage and is a valid
# KDIR for building ophoton.ko against the debug kernel.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cache=${OPHOTON_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ophoton}
src=$("$here/ksrc.sh")
ver=$(dpkg-query -W -f '${Version}' linux-source-6.1)
key=$( (echo "$ver"; cat "$here/debug.config") | sha256sum | cut -c1-16)
out=$cache/debug-kernel-$key

if [ -e "$out/.built" ]; then
	echo "$out"
	exit 0
fi

jobs=$(nproc)
log=$cache/debug-kernel-$key.log
echo "debug-kernel: building $out (log: $log); about 15 min on 2 cores" >&2
rm -rf "$out"
mkdir -p "$out"
{
	make -C "$src" O="$out" x86_64_defconfig
	"$src/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" \
		"$src/kernel/configs/kvm_guest.config" "$here/debug.config"
	make -C "$src" O="$out" olddefconfig
} >"$log" 2>&1

# merge_config only warns when a symbol does not take; a debug kernel that
# silently lacks KASAN or lockdep would make the debug lane meaningless.
missing=0
while IFS= read -r line; do
	case "$line" in CONFIG_*=y|CONFIG_*=m) ;; *) continue ;; esac
	grep -qx "$line" "$out/.config" || { echo "debug-kernel: $line did not take" >&2; missing=1; }
done <"$here/debug.config"
[ "$missing" = 0 ] || exit 1

if ! make -C "$src" O="$out" -j"$jobs" bzImage modules >>"$log" 2>&1; then
	tail -n 30 "$log" >&2
	exit 1
fi
# Module.symvers and the scripts are what an M= build needs; the guest gets
# the in-tree test modules (dummy, netdevsim) from here by path.
make -C "$src" O="$out" INSTALL_MOD_PATH="$out/mods" modules_install >>"$log" 2>&1
touch "$out/.built"
echo "$out"
