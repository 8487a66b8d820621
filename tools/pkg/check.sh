#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The packaging test ("make package-check", part of "make check"), as TAP.
#
# On this machine: make install / uninstall into a DESTDIR; the Debian
# packages (tools/pkg/deb.sh) and what they hold; lintian; "make
# dkms-install" and "make dkms-uninstall" against Debian's 6.1 headers,
# in a sandbox that discards every write (tools/pkg/sandbox.sh).  In the
# stock-kernel VM with a writable overlay root (tools/pkg/guest.sh): make
# install into the live root, modprobe, make uninstall (while the packages
# are built here: the guest is mostly one busy vCPU); then dpkg -i, DKMS,
# modprobe, autoload, the CLI, man page, completion and header, and
# dpkg --purge.
#
# DKMS compiles the module on the machine it is installed on.  In the VM
# under TCG that alone takes 5 to 9 minutes (a process start costs about
# 0.2 s there, and kbuild starts thousands), beyond this test's budget.  So
# by default the guest's DKMS is given the module that the sandboxed "make
# dkms-install" compiled here against the same headers (dkms mktarball /
# ldtarball) and does everything else itself; OPHOTON_PKG_DKMS=vm lets
# dpkg -i compile it in the guest, as on a real machine.
#
# Where Debian 12's 6.12 kernel is installed with its headers (make deps
# installs them), the sandboxed DKMS builds and installs the module for it
# too (compressed there, as the kernel's own are: ophoton.ko.xz), and a
# second dpkg VM boots 6.12 and installs the packages there, after 6.1's.
# "make check" has that VM run later, beside the 6.12 kselftest lane, the
# longer one (OPHOTON_PKG_612=later here, then "check.sh dpkg-6.12", which
# takes the packages and the module this run left in build/pkg).
#
# Build products go to build/pkg; nothing is installed on this machine.
#
#   tools/pkg/check.sh [dpkg-6.12]
set -euo pipefail

# TAP: number the results in order, then the plan; fail if any failed.
renumber() {
	awk 'BEGIN { print "TAP version 13" }
	/^(not )?ok [0-9]+ / { n++; sub(/ok [0-9]+ /, "ok " n " "); if (/^not ok/) bad++ }
	{ print; fflush() }
	END { print "1.." n; exit (bad > 0 || n == 0) }'
}

top=$(cd "$(dirname "$0")/../.." && pwd)
out=$top/build/pkg
phase=${1:-all}
case "$phase" in all|dpkg-6.12) ;; *) echo "usage: check.sh [dpkg-6.12]" >&2; exit 2 ;; esac
mode=${OPHOTON_PKG_DKMS:-host}
case "$mode" in host|vm) ;; *) echo "pkg: OPHOTON_PKG_DKMS must be host or vm, not '$mode'" >&2; exit 2 ;; esac
kver=${OPHOTON_KVER:-$("$top/tools/vm/kdir.sh" kver)}
k612=$(OPHOTON_KSERIES=6.12 "$top/tools/vm/kdir.sh" kver 2>/dev/null || true)
[ "$k612" != "$kver" ] || k612=
ver=$(sed -n 's/^#define OPHOTON_VERSION "\(.*\)"/\1/p' "$top/driver/version.h")
log=$(mktemp)
vm1_pid=
cleanup() {
	rm -f "$log"
	[ -z "$vm1_pid" ] || kill "$vm1_pid" 2>/dev/null || true
}

# Results are numbered at the end (renumber), the VM's among them.
ok() {	# ok DESCRIPTION COMMAND...
	local desc=$1 s=$SECONDS
	shift
	if "$@" >"$log" 2>&1; then
		echo "ok 0 $desc ($((SECONDS - s))s)"
	else
		echo "not ok 0 $desc"
		tail -n 30 "$log" | sed 's/^/# /'
	fi
}
vm() {	# vm NAME ENV GUEST-ARGS...: a stock-kernel VM with an overlay root
	local name=$1 env=$2 rc=0
	shift 2
	OPHOTON_KVER=${vm_kver:-$kver} OPHOTON_VM_ENV="$env" \
		"$top/tools/vm/run.sh" --kernel stock --overlay --timeout 1200 \
		--results "$out/vm-$name" -- "$top/tools/pkg/guest.sh" "$@" >"$out/$name.tap" 2>&1 || rc=$?
	if [ "$rc" = 0 ] && grep -qE '^(not )?ok ' "$out/$name.tap"; then
		echo "ok 0 the VM ($name) ran to the end" >>"$out/$name.tap"
	else
		echo "not ok 0 the VM ($name) exited $rc (console: $out/vm-$name/console.log)" >>"$out/$name.tap"
	fi
}

# The 6.12 dpkg VM, on what a whole run left in build/pkg.
dpkg_612() {
	local env612="PKG_DEBS=$out/deb"
	[ "$mode" = vm ] || env612="$env612 PKG_DKMS_TARBALL=$out/ophoton-$ver-$k612.dkms.tar.gz"
	vm_kver=$k612 vm dpkg-6.12 "$env612" dpkg
	cat "$out/dpkg-6.12.tap"
}
if [ "$phase" = dpkg-6.12 ]; then
	trap cleanup EXIT
	[ -n "$k612" ] || { echo "pkg: no 6.12 kernel with its headers: run 'make deps'" >&2; exit 1; }
	ls "$out"/deb/ophoton-dkms_"$ver"_all.deb >/dev/null ||
		{ echo "pkg: no packages in $out/deb: run 'make package-check' first" >&2; exit 1; }
	t0=$SECONDS
	{
		dpkg_612
		echo "# time: $((SECONDS - t0))s dpkg VM on $k612 (DKMS build: $mode)"
	} | renumber
	exit 0	# pipefail: a failure has ended the script already
fi
rm -rf "$out"
mkdir -p "$out"

t0=$SECONDS
{
# make install into the guest's live root needs no package: it runs while
# the packages are built.
trap cleanup EXIT
vm make "" make &
vm1_pid=$!

# --- make install / uninstall, staged ----------------------------------
dest=$out/destdir
expected=$(printf '%s\n' \
	"/lib/modules/$kver/updates/driver/ophoton.ko" /usr/bin/ophotonctl \
	/usr/include/linux/ophoton.h /usr/share/bash-completion/completions/ophotonctl \
	/usr/share/man/man8/ophotonctl.8 | sort)
staged() { (cd "$dest" && find . -type f -o -type l) | sed 's/^\.//' | sort; }
install_staged() {
	make -s -C "$top" install DESTDIR="$dest" PREFIX=/usr &&
		diff -u <(echo "$expected") <(staged)
}
uninstall_staged() {
	make -s -C "$top" uninstall DESTDIR="$dest" PREFIX=/usr &&
		[ -z "$(staged)" ] && [ -z "$(find "$dest/lib/modules" -mindepth 2)" ]
}
ok "make install DESTDIR= PREFIX=/usr: exactly the module, tool, man page, completion, header" install_staged
ok "make uninstall DESTDIR= PREFIX=/usr: removes all of them" uninstall_staged

# --- the Debian packages ------------------------------------------------
ok "dpkg-buildpackage -us -uc (in a copy under build/pkg/deb)" "$top/tools/pkg/deb.sh" "$out/deb"
debs=$out/deb
holds() {	# holds DEB PATH...
	local deb=$1 list
	shift
	list=$(dpkg-deb -c "$deb" | awk '{ print substr($6, 2) }')
	for p in "$@"; do
		grep -qx "$p" <<<"$list" || { echo "$deb lacks $p"; echo "$list"; return 1; }
	done
}
dkms_conf() {
	dpkg-deb --fsys-tarfile "$debs/ophoton-dkms_${ver}_all.deb" |
		tar -xO "./usr/src/ophoton-$ver/dkms.conf" | grep -qx "PACKAGE_VERSION=\"$ver\""
}
dkms_holds() {
	holds "$debs/ophoton-dkms_${ver}_all.deb" /usr/src/ophoton-$ver/Kbuild \
		/usr/src/ophoton-$ver/driver/main.c /usr/src/ophoton-$ver/driver/model/fabric.c \
		/usr/src/ophoton-$ver/driver/version.h /usr/src/ophoton-$ver/uapi/linux/ophoton.h
}
cli_holds() {
	holds "$(ls "$debs"/ophotonctl_"$ver"_*.deb)" /usr/bin/ophotonctl \
		/usr/share/man/man8/ophotonctl.8.gz /usr/share/bash-completion/completions/ophotonctl &&
		holds "$debs/ophoton-dev_${ver}_all.deb" /usr/include/linux/ophoton.h
}
ok "ophoton-dkms holds the module's sources under /usr/src/ophoton-$ver" dkms_holds
ok "ophoton-dkms: dkms.conf says PACKAGE_VERSION=\"$ver\"" dkms_conf
ok "ophotonctl holds the tool, man page and completion; ophoton-dev the header" cli_holds
# Every tag, down to pedantic and experimental ones, is shown; errors and
# warnings fail.  There are no overrides: there was nothing to explain.
lint() {
	lintian --info --display-experimental --pedantic --show-overrides \
		--fail-on error,warning "$debs"/ophoton_"$ver"_*.changes 2>&1 |
		grep -v '^running with root privileges' >"$out/lintian.txt"
	local rc=${PIPESTATUS[0]}
	cat "$out/lintian.txt"
	return "$rc"
}
ok "lintian (pedantic): no error or warning" lint
if [ -s "$out/lintian.txt" ]; then
	sed 's/^/# lintian: /' "$out/lintian.txt"
else
	echo "# lintian: no tags at all (info, pedantic and experimental included)"
fi
man_renders() {
	dpkg-deb --fsys-tarfile "$(ls "$debs"/ophotonctl_"$ver"_*.deb)" |
		tar -xO ./usr/share/man/man8/ophotonctl.8.gz >"$out/ophotonctl.8.gz" &&
		MANWIDTH=80 man -l -P cat "$out/ophotonctl.8.gz" 2>"$log.man" |
		grep -qE '^ +ophotonctl +- +manage' && cat "$log.man" && [ ! -s "$log.man" ]
}
ok "the packaged man page renders, without a warning" man_renders
rm -f "$log.man"
host_s=$((SECONDS - t0))

# --- DKMS against the installed headers, sandboxed --------------------------
t1=$SECONDS
tarball=$out/ophoton-$ver-$kver.dkms.tar.gz
dkms_sandboxed() {	# dkms_sandboxed KVER TARBALL
	"$top/tools/pkg/sandbox.sh" bash -c "set -e
		cd '$top'
		make -s dkms-install OPHOTON_KVER=$1
		dkms status -m ophoton -v $ver -k $1 | grep ': installed'
		modinfo -F version /lib/modules/$1/updates/dkms/ophoton.ko* | grep -qx $ver
		dkms mktarball -m ophoton -v $ver -k $1 --binaries-only --archive '$2'
		make -s dkms-uninstall
		[ -z \"\$(dkms status -m ophoton)\" ] && [ ! -e /usr/src/ophoton-$ver ] &&
			! ls /lib/modules/$1/updates/dkms/ophoton.ko* 2>/dev/null"
}
ok "make dkms-install / dkms-uninstall for $kver (sandboxed: dkms add, build, install, remove)" \
	dkms_sandboxed "$kver" "$tarball"
if [ -n "$k612" ]; then
	tarball612=$out/ophoton-$ver-$k612.dkms.tar.gz
	ok "make dkms-install / dkms-uninstall for $k612 (sandboxed)" \
		dkms_sandboxed "$k612" "$tarball612"
fi
dkms_s=$((SECONDS - t1))

# --- in the VM -----------------------------------------------------------
wait "$vm1_pid" || true
vm1_pid=
vm1_s=$((SECONDS - t0))
cat "$out/make.tap"
t2=$SECONDS
env="PKG_DEBS=$debs"
[ "$mode" = vm ] || env="$env PKG_DKMS_TARBALL=$tarball"
vm dpkg "$env" dpkg
cat "$out/dpkg.tap"
# Then on 6.12.  One after the other: side by side, two guests reading
# their root over 9p took four times as long each (130 s against 33 s).
if [ -n "$k612" ] && [ "${OPHOTON_PKG_612:-}" != later ]; then
	dpkg_612
fi
vm2_s=$((SECONDS - t2))
echo "# time: ${host_s}s make install staged + packages + lintian, ${dkms_s}s sandboxed dkms, ${vm1_s}s for all that and the make-install VM beside it, ${vm2_s}s dpkg VM (DKMS build: $mode); total $((SECONDS - t0))s"
} | tee "$out/raw.tap" | renumber
