#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run a command as root on this machine where DKMS and module installs go
# to a throw-away layer: in a mount namespace of its own, /usr/src,
# /var/lib/dkms, /lib/modules and /usr/local are overlays whose upper layer
# is a tmpfs, gone when the command ends.  The rest of the system, this
# checkout included, is the real one.  Used by the packaging test to run
# "make dkms-install" against the installed kernel headers without
# installing anything.
#
#   tools/pkg/sandbox.sh COMMAND [ARG...]
set -euo pipefail

[ $# -gt 0 ] || { echo "usage: sandbox.sh COMMAND [ARG...]" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "sandbox: needs root (mount namespaces, overlayfs)" >&2; exit 1; }
grep -qw overlay /proc/filesystems ||
	modprobe overlay 2>/dev/null ||
	{ echo "sandbox: this kernel has no overlayfs" >&2; exit 1; }

# Outside: make the layer's mount point, run ourselves in a new mount
# namespace, remove the mount point when that is gone.
if [ -z "${OPHOTON_SANDBOX_LAYER:-}" ]; then
	layer=$(mktemp -d)
	rc=0
	OPHOTON_SANDBOX_LAYER=$layer unshare --mount --propagation private "$0" "$@" || rc=$?
	rmdir "$layer"
	exit "$rc"
fi

layer=$OPHOTON_SANDBOX_LAYER
unset OPHOTON_SANDBOX_LAYER
mkdir -p /var/lib/dkms /usr/local
mount -t tmpfs -o mode=0755 ophoton-sandbox "$layer"
for d in /usr/src /var/lib/dkms /lib/modules /usr/local; do
	real=$(readlink -f "$d")
	mkdir -p "$layer$real/upper" "$layer$real/work"
	mount -t overlay -o "lowerdir=$real,upperdir=$layer$real/upper,workdir=$layer$real/work" \
		ophoton-sandbox "$real"
done
exec "$@"
