#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Print the kernel build directory to build ophoton.ko against: the running
# kernel's when it has one, else the newest Debian amd64 headers that come
# with a kernel image in /boot (so the stock test VM boots the kernel the
# module was built for).  "kdir.sh kver" prints that kernel's version.
#
# OPHOTON_KSERIES=6.12 (or 6.1) picks the newest headers of that series,
# whatever runs.  Without it, when the running kernel has none, Debian
# 12's default series, 6.1, is preferred to any other installed.
set -euo pipefail

series=${OPHOTON_KSERIES:-}
kver=$(uname -r)
kdir=/lib/modules/$kver/build
if [ -n "$series" ] || [ ! -e "$kdir/Makefile" ]; then
	kdir=
	# The series asked for; else 6.1 first, then any other.
	for d in $( (ls -1d /usr/src/linux-headers-"${series:-6.1}".*-amd64 2>/dev/null | sort -rV
		     [ -n "$series" ] || ls -1d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -rV) ); do
		v=${d#/usr/src/linux-headers-}
		if [ -e "/boot/vmlinuz-$v" ]; then
			kdir=$d
			kver=$v
			break
		fi
	done
fi
if [ -z "$kdir" ]; then
	echo "kdir: no kernel headers with a matching image (run 'make deps')" >&2
	exit 1
fi
case "${1:-}" in
kver) echo "$kver" ;;
*) echo "$kdir" ;;
esac
