#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run one command in a throw-away VM and return its exit status.
#
#   tools/vm/run.sh [--kernel stock|debug|PATH] [--timeout S] [--log FILE]
#                   [--results DIR] [--mem MB] [--cpus N] [--interactive]
#                   [--allow-splat] [--overlay] -- COMMAND [ARG...]
#
# The guest sees the host's root filesystem read-only (so this checkout, its
# build products, python3 and libnl are all there at the same paths), a
# writable results directory at the same path as on the host, and tmpfs on
# /tmp.  The guest console goes to the log file; the command's own output to
# our stdout.  The run fails (exit 125) when the guest kernel printed a BUG,
# WARNING, KASAN, UBSAN, lockdep, kmemleak, RCU stall or Call Trace report,
# naming the first such line, and fails (exit 124) on timeout or when the
# guest died before reporting a status.  (kmemleak prints only if it scans
# by itself; the kselftest lanes scan after the tests and read its report.)
# A guest kernel that has not run /init after $OPHOTON_VM_BOOT_TIMEOUT
# seconds (300) is killed and booted once more; a second such boot fails.
#
# --overlay gives the command a writable root: an overlayfs whose lower
# layer is the host's root and whose upper layer is a tmpfs, so packages
# and "make install" can be installed in the guest and vanish with it; the
# host is never written.  The kernel's module autoloading then runs the
# guest root's modprobe, so request_module() finds what was installed there.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
kernel=stock
timeout=${OPHOTON_VM_TIMEOUT:-900}
log=
results=
mem=${OPHOTON_VM_MEM:-4096}
cpus=${OPHOTON_VM_CPUS:-2}
interactive=0
allow_splat=0
overlay=0

usage() {
	sed -n '4,8p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
}

while [ $# -gt 0 ]; do
	case "$1" in
	--kernel) kernel=$2; shift 2 ;;
	--timeout) timeout=$2; shift 2 ;;
	--log) log=$2; shift 2 ;;
	--results) results=$2; shift 2 ;;
	--mem) mem=$2; shift 2 ;;
	--cpus) cpus=$2; shift 2 ;;
	--interactive) interactive=1; shift ;;
	--allow-splat) allow_splat=1; shift ;;
	--overlay) overlay=1; shift ;;
	--) shift; break ;;
	-h|--help) usage ;;
	*) echo "vm: unknown option '$1'" >&2; usage ;;
	esac
done
[ $# -gt 0 ] || [ "$interactive" = 1 ] || usage

moddir=
case "$kernel" in
stock)
	# Debian's kernel that ophoton.ko is built for (see kdir.sh).
	kver=${OPHOTON_KVER:-$("$here/kdir.sh" kver)}
	image=/boot/vmlinuz-$kver
	;;
debug)
	kdir=$("$here/debug-kernel.sh")
	image=$kdir/arch/x86/boot/bzImage
	kver=$(cat "$kdir/include/config/kernel.release")
	moddir=$kdir/mods/lib/modules/$kver
	;;
*)
	image=$kernel
	kver=
	;;
esac
[ -r "$image" ] || { echo "vm: kernel image '$image' not readable" >&2; exit 2; }

cache=${OPHOTON_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ophoton}
mkdir -p "$cache"
cache=$(cd "$cache" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/ophoton-vm.XXXXXX")
keep_log=
cleanup() {
	# A failed run's console log outlives the work directory.
	if [ -n "$keep_log" ] && [ "$log" = "$results/console.log" ] && [ "$results" = "$work/results" ]; then
		cp "$log" "$keep_log"
	fi
	rm -rf "$work"
}
trap cleanup EXIT
if [ -z "$results" ]; then
	results=$work/results
fi
mkdir -p "$results"
results=$(cd "$results" && pwd)
rm -f "$results/exit-status" "$results/splats"
[ -n "$log" ] || log=$results/console.log
: >"$log"
saved_log=$log
if [ "$log" = "$results/console.log" ] && [ "$results" = "$work/results" ]; then
	saved_log=${TMPDIR:-/tmp}/ophoton-vm-console.$$.log
fi

# The command, quoted so that arguments survive the trip.
{
	echo "export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
	printf 'export HOME=/tmp TERM=%q OPHOTON_IN_VM=1\n' "${TERM:-dumb}"
	printf 'export OPHOTON_VM_KERNEL=%q\n' "$kernel"
	# The guest's HOME is a tmpfs; share the host's cache (linux-source).
	printf 'export OPHOTON_CACHE=%q\n' "$cache"
	if [ -n "${OPHOTON_VM_ENV:-}" ]; then
		set -f
		for kv in $OPHOTON_VM_ENV; do
			printf 'export %s=%q\n' "${kv%%=*}" "${kv#*=}"
		done
		set +f
	fi
	if [ "$interactive" = 1 ] && [ $# -eq 0 ]; then
		echo "exec /bin/bash -i"
	else
		printf '%q ' "$@"
		echo
	fi
} >"$results/cmd.sh"

# Initramfs: busybox, our init, and the modules this kernel needs to reach
# 9p (none for the debug kernel, which has them built in), and overlayfs
# for --overlay (from the debug kernel's own modules where it is one).
ird=$work/initramfs
mkdir -p "$ird"/{bin,proc,sys,dev,host,lib/modules}
cp /bin/busybox "$ird/bin/busybox"
cp "$here/guest-init.sh" "$ird/init"
chmod +x "$ird/init"
insmods=
mods=
depmod_args=()
if [ -z "$moddir" ] && [ -n "$kver" ]; then
	mods="virtio_pci 9pnet_virtio 9p"
	depmod_args=(-S "$kver")
elif [ -n "$moddir" ]; then
	depmod_args=(-d "${moddir%/lib/modules/*}" -S "$kver")
fi
if [ "$overlay" = 1 ]; then
	[ ${#depmod_args[@]} -gt 0 ] || { echo "vm: --overlay needs --kernel stock or debug" >&2; exit 2; }
	mods="$mods overlay"
fi
if [ -n "$mods" ]; then
	for ko in $(for m in $mods; do
			modprobe "${depmod_args[@]}" --show-depends "$m" ||
				echo "vm: no module '$m' for $kver" >&2
		    done | awk '$1 == "insmod" { print $2 }'); do
		case " $insmods " in *" /lib/modules/$(basename "$ko") "*) continue ;; esac
		cp "$ko" "$ird/lib/modules/"
		insmods="$insmods /lib/modules/$(basename "$ko")"
	done
fi
# Paths with spaces would split VM_KEEP; the runner refuses them.
for p in "$results" "$PWD" "$cache" "$here"; do
	case "$p" in *[[:space:]]*) echo "vm: path with white space not supported: '$p'" >&2; exit 2 ;; esac
done
{
	printf 'VM_INSMOD=%q\n' "$insmods"
	printf 'VM_RESULTS=%q\n' "$results"
	printf 'VM_MODDIR=%q\n' "$moddir"
	printf 'VM_OVERLAY=%q\n' "$overlay"
	printf 'VM_CWD=%q\n' "$PWD"
	# Under /tmp these would be hidden by the guest's tmpfs: bind them back.
	printf 'VM_KEEP=%q\n' "$(cd "$here/../.." && pwd) $PWD $cache"
} >"$ird/ophoton.env"
(cd "$ird" && find . | cpio -o -H newc --quiet) >"$work/initramfs.cpio"

accel=${OPHOTON_VM_ACCEL:-tcg}
cpu=max
[ "$accel" = kvm ] && cpu=host
# No LA57 in the guest CPU: 6.1 with KASAN misreports a 5-level address
# as wild when an interrupt lands in the boot CPU's identify_cpu() just
# after it has cleared its feature bits (pgtable_l5_enabled() reads them):
# a report 4 s into boot that fails the run and turns lockdep off for the
# rest of it.  Nothing here needs more than 4-level paging.
[ "$accel" = kvm ] || cpu=max,la57=off

qemu=(qemu-system-x86_64 -machine q35,accel="$accel" -cpu "$cpu" -m "$mem" -smp "$cpus"
	-kernel "$image" -initrd "$work/initramfs.cpio"
	-append "console=ttyS0 printk.time=1 panic=-1 loglevel=7 rcupdate.rcu_cpu_stall_suppress_at_boot=1"
	-display none -monitor none -no-reboot
	-serial "file:$log"
	-virtfs "local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap"
	-virtfs "local,path=$results,mount_tag=results,security_model=none,multidevs=remap"
	-nic none)

splat_re='(BUG:|WARNING:|KASAN|UBSAN|possible circular locking|inconsistent lock state|unreferenced object|rcu: INFO: .* detected stall|detected stalls on CPUs|Call Trace|general protection fault|kernel BUG at|Oops)'

# Boot the guest once; 3 when its kernel never ran /init within
# $boot_wait seconds (qemu is killed then), else qemu's (or timeout's) exit.
boot_wait=${OPHOTON_VM_BOOT_TIMEOUT:-300}
boot() {
	local pid waited=0

	: >"$log"
	timeout --foreground -k 10 "$timeout" "${qemu[@]}" </dev/null &
	pid=$!
	while ! grep -aq 'Run /init as init process' "$log"; do
		kill -0 "$pid" 2>/dev/null || break
		if [ "$waited" -ge "$boot_wait" ]; then
			kill "$pid"
			wait "$pid" || true
			return 3
		fi
		sleep 1
		waited=$((waited + 1))
	done
	wait "$pid"
}

rc=0
if [ "$interactive" = 1 ]; then
	qemu+=(-chardev stdio,id=cmd,signal=off -serial chardev:cmd)
	"${qemu[@]}" || true
else
	qemu+=(-serial stdio)
	boot || rc=$?
	# Under TCG the debug kernel has, rarely, stopped for good during its
	# own boot-time self-tests, before /init and so before any of our
	# code is loaded.  Boot such a guest once more, saying so; a report
	# on the console, or a second such hang, fails the run as usual.
	if [ "$rc" = 3 ] && ! grep -aqE "^\[ *[0-9]+\.[0-9]+\] .*$splat_re" "$log"; then
		cp "$log" "$saved_log.boot-hang"
		echo "vm: guest kernel did not run /init within ${boot_wait}s; booting once more (console log: $saved_log.boot-hang)" >&2
		rc=0
		boot || rc=$?
	fi
fi
first=$(grep -aE -m1 "^\[ *[0-9]+\.[0-9]+\] .*$splat_re" "$log" || true)
# How many report lines, for summaries that state it (make reliability).
grep -acE "^\[ *[0-9]+\.[0-9]+\] .*$splat_re" "$log" >"$results/splats" || true
if [ -n "$first" ] && [ "$allow_splat" = 0 ]; then
	echo "vm: FAIL: guest kernel report: $first" >&2
	echo "vm: console log: $saved_log" >&2
	keep_log=$saved_log
	exit 125
fi
if [ "$rc" = 3 ]; then
	echo "vm: FAIL: guest kernel did not run /init within ${boot_wait}s (console log: $saved_log)" >&2
	keep_log=$saved_log
	tail -n 5 "$log" >&2
	exit 124
fi
if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
	echo "vm: FAIL: timed out after ${timeout}s (console log: $saved_log)" >&2
	keep_log=$saved_log
	exit 124
fi
if [ ! -s "$results/exit-status" ]; then
	echo "vm: FAIL: guest died before reporting a status (qemu exit $rc; console log: $saved_log)" >&2
	keep_log=$saved_log
	tail -n 20 "$log" >&2
	exit 124
fi
status=$(cat "$results/exit-status")
[ -n "$first" ] && echo "vm: guest kernel report (allowed): $first" >&2
exit "$status"
