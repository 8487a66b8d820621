#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Print the path of the kernel's YNL client and the netlink spec schemas,
# unpacked from Debian's linux-source-6.12 into the cache on first use
# (only tools/net/ynl and Documentation/netlink: YNL came with 6.4, so
# linux-source-6.1 has none).  Used from the package, never copied into
# the repository.
set -euo pipefail

cache=${OPHOTON_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ophoton}
tarball=/usr/src/linux-source-6.12.tar.xz
[ -r "$tarball" ] || { echo "ynl: $tarball missing (run 'make deps')" >&2; exit 1; }

ver=$(dpkg-query -W -f '${Version}' linux-source-6.12)
dir=$cache/ynl-$ver
if [ ! -e "$dir/.unpacked" ]; then
	mkdir -p "$cache"
	tmp=$(mktemp -d "$cache/.unpack.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	echo "ynl: unpacking YNL of linux-source $ver into $dir" >&2
	tar -C "$tmp" -xf "$tarball" linux-source-6.12/tools/net/ynl \
		linux-source-6.12/Documentation/netlink
	rm -rf "$dir"
	mv "$tmp"/linux-source-6.12 "$dir"
	touch "$dir/.unpacked"
fi
echo "$dir"
