#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run by tools/pkg/check.sh inside the stock-kernel VM, whose root is a
# throw-away overlay (tools/vm/run.sh --overlay): install ophoton as an
# operator would and check that it works and goes away.  Prints TAP result
# lines (check.sh numbers them and prints the plan).
#
#   guest.sh make   make install into the live root: modprobe, the CLI,
#                   man page, header, completion; make uninstall leaves the
#                   tree as it was.
#   guest.sh dpkg   dpkg -i of ophoton-dkms, ophotonctl and ophoton-dev: DKMS
#                   installs the module for the running kernel; modprobe;
#                   resolving the family loads it; /usr/bin/ophotonctl, man,
#                   completion, header; dpkg --purge leaves nothing behind.
#
# Environment for dpkg: PKG_DEBS (directory of the .deb files) and
# PKG_DKMS_TARBALL: when set, a "dkms mktarball --binaries-only" archive of
# the module that dkms compiled on the host, loaded into the guest's DKMS
# in place of the compilation (which takes minutes under TCG); when empty,
# the package's postinst has DKMS compile the module here.
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
phase=${1:-}
n=0
kver=$(uname -r)
ver=$(sed -n 's/^#define OPHOTON_VERSION "\(.*\)"/\1/p' "$top/driver/version.h")
log=$(mktemp)

# Never on a real root: only in the VM, on its overlay.
if [ "${OPHOTON_IN_VM:-}" != 1 ] || [ "$(findmnt -n -o FSTYPE /)" != overlay ]; then
	echo "pkg-guest: run me in the VM with a writable overlay root (tools/vm/run.sh --overlay)" >&2
	exit 2
fi

t0=$SECONDS
ok() {	# ok DESCRIPTION COMMAND...: one TAP line; the command's output if it failed
	local desc=$1 s=$SECONDS
	shift
	n=$((n + 1))
	if "$@" >"$log" 2>&1; then
		echo "ok $n $desc ($((SECONDS - s))s)"
	else
		echo "not ok $n $desc"
		tail -n 25 "$log" | sed 's/^/# /'
	fi
}

loaded() { [ -d /sys/module/ophoton ]; }
unload() { if loaded; then rmmod ophoton; fi; ! loaded; }

# What installs touch, to compare before and after.  The MOK key pair that
# DKMS makes on its first build, to sign modules, is the machine's: DKMS
# keeps it for every package, so that it is enrolled only once.
snapshot() {
	{
		find /lib/modules/"$kver" -path "/lib/modules/$kver/kernel" -prune -o -print
		find /usr/local /var/lib/dkms /etc/dkms
		find /usr/src /usr/bin /usr/share/man/man8 /usr/include/linux \
			/usr/share/bash-completion/completions /usr/share/doc \
			-maxdepth 1 -name '*ophoton*'
	} 2>/dev/null | grep -v '^/var/lib/dkms/mok\.' | sort
}
same_as() {	# same_as FILE: the snapshot now is FILE's, else the difference
	snapshot >"$log.now"
	diff -u "$1" "$log.now"
}

header_compiles() {
	printf '#include <linux/ophoton.h>\nint v = OPHOTON_GENL_VERSION;\n' |
		gcc -x c -Wall -Werror -fsyntax-only -
}
man_finds() {	# man_finds PATH: man -w resolves ophotonctl to PATH
	local where
	where=$(man -w ophotonctl) && echo "man -w: $where" &&
		[ "$(readlink -f "$where")" = "$1" ]
}
completion_loads() {
	bash -c ". $1 && complete -p ophotonctl" | grep -q _ophotonctl
}
# "ophotonctl version" prints the module's version only when it reached it.
cli_version() {	# cli_version PATH
	local out
	out=$("$1" version) && echo "$out" && grep -q "$ver" <<<"$out"
}
autoload() {
	unload && "$1" version && loaded
}

# man-db re-indexes every manual page after each dpkg run, minutes under
# TCG; man -w and man need no index, so this guest does without.
rm -f /var/lib/man-db/auto-update

# depmod reads every module of the kernel: Debian's 4,023 over 9p take it
# one to two minutes under TCG, and installs and removals here run it four
# times.  ophoton needs none of them (it depends on no module), so this
# throw-away root sets them aside; what is tested is what ophoton adds.
# One of them stays, one that depends on no other: DKMS reads the kernel's
# module compression (6.12's are .ko.xz, 6.1's plain .ko) from modules.dep,
# and an index without it makes DKMS look for an uncompressed build and
# compile again what it was given.
if [ -z "$(modinfo -F depends "$top/driver/ophoton.ko")" ]; then
	mods=/lib/modules/$kver
	keep=$(awk -F: '$2 == "" { print $1; exit }' "$mods/modules.dep")
	cp "$mods/$keep" "$log.keep"
	mount -t tmpfs -o mode=0755 tmpfs "$mods/kernel"
	install -D -m 0644 "$log.keep" "$mods/$keep"
	rm "$log.keep"
	depmod "$kver"
fi

case "$phase" in
make)
# --- make install / make uninstall into the live root ----------------------
snapshot >"$log.before-make"
ok "make install into / (module for $kver, PREFIX=/usr/local)" make -C "$top" -s install
ok "make install: modprobe ophoton loads updates/driver/ophoton.ko" \
	sh -c "modprobe ophoton && [ -d /sys/module/ophoton ] &&
		[ \"\$(modinfo -n ophoton)\" = /lib/modules/$kver/updates/driver/ophoton.ko ]"
ok "make install: /usr/local/bin/ophotonctl talks to the module" cli_version /usr/local/bin/ophotonctl
ok "make install: resolving the family autoloads the module (rmmod; ophotonctl version)" \
	autoload /usr/local/bin/ophotonctl
ok "make install: man finds /usr/local/share/man/man8/ophotonctl.8" man_finds /usr/local/share/man/man8/ophotonctl.8
ok "make install: <linux/ophoton.h> from /usr/local/include compiles" header_compiles
ok "make install: bash completion loads" completion_loads /usr/local/share/bash-completion/completions/ophotonctl
# The administrator's guide, as a reader types it, against this install.
guide() {
	"$top/tools/docs/run-guide.sh" | tee "$log.guide" && ! grep -q '^not ok' "$log.guide"
}
ok "make install: every command of the admin guide's Quick start (twice) and tasks runs" guide
ok "make uninstall: unload, then nothing of the install is left" \
	sh -c "rmmod ophoton && make -C '$top' -s uninstall && ! modprobe -n ophoton 2>/dev/null"
ok "make uninstall: the tree is as before make install" same_as "$log.before-make"
;;
dpkg)
# --- the Debian packages --------------------------------------------------
debs=${PKG_DEBS:?PKG_DEBS: the directory of the .deb files}
tarball=${PKG_DKMS_TARBALL:-}
snapshot >"$log.before-dpkg"
mapfile -t pkgs < <(ls "$debs"/ophoton-dkms_*.deb "$debs"/ophotonctl_*.deb "$debs"/ophoton-dev_*.deb)
dpkg_install() {
	if [ -n "$tarball" ]; then
		# The postinst's own steps (dkms add, build, install), with the
		# build replaced by loading what dkms built on the host.
		touch /etc/dkms/no-autoinstall
		dpkg -i "${pkgs[@]}"
		rm /etc/dkms/no-autoinstall
		dkms add -m ophoton -v "$ver"
		dkms ldtarball --force "$tarball"
		dkms install -m ophoton -v "$ver" -k "$kver"
	else
		dpkg -i "${pkgs[@]}"
	fi
}
how="DKMS compiles the module here"
[ -z "$tarball" ] || how="the module compiled by DKMS on the host"
ok "dpkg -i ophoton-dkms ophotonctl ophoton-dev ($how)" dpkg_install
ok "dkms status: ophoton/$ver installed for $kver" \
	sh -c "dkms status -m ophoton -v $ver -k $kver | grep -q ': installed'"
ok "modprobe ophoton loads updates/dkms/ophoton.ko (.xz where the kernel compresses its own), version $ver" \
	sh -c "modprobe ophoton && case \"\$(modinfo -n ophoton)\" in /lib/modules/$kver/updates/dkms/ophoton.ko|/lib/modules/$kver/updates/dkms/ophoton.ko.xz) ;; *) false ;; esac &&
		[ \"\$(cat /sys/module/ophoton/version)\" = $ver ]"
ok "resolving the ophoton family autoloads the module (rmmod; ophotonctl version)" autoload /usr/bin/ophotonctl
on_path() { [ "$(command -v ophotonctl)" = /usr/bin/ophotonctl ] && cli_version ophotonctl; }
ok "ophotonctl is /usr/bin/ophotonctl and talks to the module" on_path
ok "man finds /usr/share/man/man8/ophotonctl.8.gz" man_finds /usr/share/man/man8/ophotonctl.8.gz
ok "bash completion loads from /usr/share/bash-completion/completions" \
	completion_loads /usr/share/bash-completion/completions/ophotonctl
ok "<linux/ophoton.h> from ophoton-dev compiles" header_compiles
ok "dpkg --purge: the module, the tool and DKMS's tree are gone" \
	sh -c "rmmod ophoton && dpkg --purge ophotonctl ophoton-dev ophoton-dkms &&
		[ ! -e /var/lib/dkms/ophoton ] && ! modprobe -n ophoton 2>/dev/null &&
		! command -v ophotonctl && ! ls /lib/modules/$kver/updates/dkms/ophoton.ko* 2>/dev/null &&
		! dpkg-query -W ophotonctl ophoton-dev ophoton-dkms 2>/dev/null"
ok "dpkg --purge: the tree is as before dpkg -i" same_as "$log.before-dpkg"
;;
*)
	echo "usage: guest.sh make|dpkg" >&2
	exit 2
	;;
esac
echo "# guest $phase: $((SECONDS - t0))s on $kver"
rm -f "$log"*
