#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the Debian packages (ophoton-dkms, ophotonctl, ophoton-dev) from a
# copy of the tree under build/deb/, since dpkg-buildpackage writes its
# results next to the source directory: nothing lands outside the checkout.
# The source package is built too, so that lintian sees debian/ as well.
# Prints the directory holding the .changes, .deb and .dsc files.
#
#   tools/pkg/deb.sh [OUTDIR]      (default: build/deb)
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$top/build/deb}
ver=$(sed -n 's/^#define OPHOTON_VERSION "\(.*\)"/\1/p' "$top/driver/version.h")
[ -n "$ver" ] || { echo "deb: no OPHOTON_VERSION in driver/version.h" >&2; exit 1; }
# The package's version is the module's: one number, written twice.
chver=$(dpkg-parsechangelog -l "$top/debian/changelog" -S Version)
if [ "$chver" != "$ver" ]; then
	echo "deb: debian/changelog says $chver, driver/version.h says $ver: add a changelog entry (dch -v $ver)" >&2
	exit 1
fi
for tool in dpkg-buildpackage dh dh_dkms; do
	command -v "$tool" >/dev/null || { echo "deb: $tool missing: run 'make deps'" >&2; exit 1; }
done

rm -rf "$out"
src=$out/ophoton-$ver
mkdir -p "$src"
# The files git knows (tracked, or new and not ignored), else all but build/.
if git -C "$top" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	git -C "$top" ls-files -z --cached --others --exclude-standard |
		while IFS= read -r -d '' f; do
			[ -e "$top/$f" ] && printf '%s\0' "$f"
		done |
		rsync -a --from0 --files-from=- "$top/" "$src/"
else
	rsync -a --exclude=/build --exclude='*.o' --exclude='*.ko' "$top/" "$src/"
fi

log=$out/build.log
if ! (cd "$src" && dpkg-buildpackage -us -uc) >"$log" 2>&1; then
	tail -n 40 "$log" >&2
	echo "deb: dpkg-buildpackage failed (log: $log)" >&2
	exit 1
fi
echo "$out"
