#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Print the path of an unpacked linux-source-6.1 tree, unpacking Debian's
# /usr/src/linux-source-6.1.tar.xz into the cache on first use.  The tree is
# only read from: checkpatch.pl, kselftest_harness.h, the kselftest runner and
# the debug kernel's sources come from here, never from copies in the repo.
set -euo pipefail

cache=${OPHOTON_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ophoton}
tarball=/usr/src/linux-source-6.1.tar.xz
[ -r "$tarball" ] || { echo "ksrc: $tarball missing (run 'make deps')" >&2; exit 1; }

ver=$(dpkg-query -W -f '${Version}' linux-source-6.1)
dir=$cache/linux-source-$ver
if [ ! -e "$dir/.unpacked" ]; then
	mkdir -p "$cache"
	tmp=$(mktemp -d "$cache/.unpack.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	echo "ksrc: unpacking linux-source $ver into $dir" >&2
	tar -C "$tmp" -xf "$tarball"
	rm -rf "$dir"
	mv "$tmp"/linux-source-6.1 "$dir"
	touch "$dir/.unpacked"
fi
echo "$dir"
