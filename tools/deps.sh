#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install every Debian package ophoton's build, VM and tests need.
# Idempotent, and quick when everything is present: apt is only consulted
# for what is missing.
set -euo pipefail

pkgs=(
	# the module, against Debian's 6.1 kernel, and the kernel for the VM
	linux-image-amd64 linux-headers-amd64 linux-source-6.1
	build-essential kmod dwarves
	# the debug kernel, built from linux-source-6.1
	bc bison flex libelf-dev libssl-dev cpio xz-utils rsync
	# the test VM
	qemu-system-x86 busybox-static
	# ophotonctl and the tests
	libnl-3-dev libnl-genl-3-dev pkg-config clang llvm jq python3 python3-yaml
	python3-prometheus-client
	# the tracepoints as trace-cmd reads their format; devlink's own client
	trace-cmd iproute2
	# the kernel's YNL client (tools/vm/ynl.sh unpacks it) and the schema check
	linux-source-6.12 python3-jsonschema
	# make bench: the scale plot
	gnuplot-nox
	# fabric export's tests run node_exporter's textfile collector on its
	# output (Debian also enables the package's own service on port 9100)
	prometheus-node-exporter
	# the documentation (make htmldocs)
	python3-sphinx
	# the packages and their test: make dkms-install, make deb, lintian
	dkms debhelper dh-dkms lintian dpkg-dev fakeroot man-db
	# lint: sparse; checkpatch.pl runs on perl from linux-source-6.1
	sparse perl
)

missing=()
for p in "${pkgs[@]}"; do
	status=$(dpkg-query -W -f '${Status}' "$p" 2>/dev/null || true)
	[ "$status" = "install ok installed" ] || missing+=("$p")
done
# The second stock lane boots Debian 12's 6.12 (bookworm-security), the
# kernel of Debian 13 and RHEL 10: its newest image, unsigned as the
# module is, and the headers to match, unless a pair is installed.
k612=0
OPHOTON_KSERIES=6.12 "$(dirname "$0")/vm/kdir.sh" >/dev/null 2>&1 || k612=1
[ ${#missing[@]} -eq 0 ] && [ $k612 = 0 ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "deps: missing packages: ${missing[*]}${missing[*]:+ }$([ $k612 = 1 ] && echo "a 6.12 kernel image and its headers")" >&2
	echo "deps: run 'sudo make deps' (or install them with apt-get)" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
if [ $k612 = 1 ]; then
	v=$(apt-cache search --names-only '^linux-image-6\.12\.[0-9]+\+deb12-amd64-unsigned$' |
		awk '{print $1}' | sed 's/^linux-image-//; s/-amd64-unsigned$//' | sort -V | tail -1)
	if [ -z "$v" ]; then
		echo "deps: no 6.12 kernel in the package lists (is bookworm-security in sources.list?)" >&2
		exit 1
	fi
	missing+=("linux-image-$v-amd64-unsigned" "linux-headers-$v-amd64")
fi
echo "deps: installing ${missing[*]}" >&2
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
