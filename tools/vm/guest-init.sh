#!/bin/busybox sh
# SPDX-License-Identifier: GPL-2.0
#
# /init of the test VM's initramfs (busybox-static).  It loads what the
# kernel needs to reach the host's root filesystem over virtio-9p, mounts it
# read-only at /host (or, with VM_OVERLAY=1, under a writable tmpfs overlay)
# with a writable results share at the same path as on the host, chroots
# into it and runs the command the runner left there.  The
# command's exit status is written to the results share; the runner treats a
# missing status file as a crashed or hung guest.
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null

. /ophoton.env

for m in $VM_INSMOD; do
	insmod "$m" || echo "vm-init: insmod $m failed"
done

mkdir -p /host
if [ "$VM_OVERLAY" = 1 ]; then
	# --overlay: the host's root, read-only, under a tmpfs that takes every
	# write; what the command installs is gone when the guest is.
	mkdir -p /lower /upper
	if ! mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=512000,cache=loose hostroot /lower ||
	   ! mount -t tmpfs -o mode=0755 tmpfs /upper ||
	   ! mkdir -p /upper/data /upper/work ||
	   ! mount -t overlay -o lowerdir=/lower,upperdir=/upper/data,workdir=/upper/work overlay /host; then
		echo "vm-init: cannot mount the host root filesystem with a writable overlay"
		poweroff -f
	fi
	# request_module() runs modprobe in this init's root, the initramfs:
	# hand it to the modprobe of the command's root, and its modules.
	printf '#!/bin/busybox sh\nexec chroot /host /sbin/modprobe "$@"\n' >/bin/modprobe-host
	chmod +x /bin/modprobe-host
	echo /bin/modprobe-host >/proc/sys/kernel/modprobe
elif ! mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=512000,cache=loose hostroot /host; then
	echo "vm-init: cannot mount the host root filesystem"
	poweroff -f
fi
mount -t proc proc /host/proc
mount -t sysfs sysfs /host/sys
mount -t devtmpfs devtmpfs /host/dev
# devtmpfs has no /dev/fd and /dev/std*; udev would make them.
ln -sf /proc/self/fd /host/dev/fd
ln -sf /proc/self/fd/0 /host/dev/stdin
ln -sf /proc/self/fd/1 /host/dev/stdout
ln -sf /proc/self/fd/2 /host/dev/stderr
mkdir -p /host/dev/pts /host/dev/shm
mount -t devpts devpts /host/dev/pts
mount -t tmpfs tmpfs /host/dev/shm
mount -t debugfs debugfs /host/sys/kernel/debug
# /tmp and friends become writable tmpfs.  The checkout (or a CI clone)
# may itself live under /tmp, so the host's directories stay reachable
# under /hostfs and the paths the runner asked to keep are bound back.
mkdir -p /hostfs/tmp /hostfs/var/tmp
mount -o bind /host/tmp /hostfs/tmp
mount -o bind /host/var/tmp /hostfs/var/tmp
mount -t tmpfs tmpfs /host/tmp
mount -t tmpfs tmpfs /host/run
mount -t tmpfs tmpfs /host/var/tmp
for p in $VM_KEEP; do
	case "$p" in
	/tmp/*|/var/tmp/*)
		mkdir -p "/host$p"
		mount -o bind "/hostfs$p" "/host$p"
		;;
	esac
done
mkdir -p "/host$VM_RESULTS" 2>/dev/null
mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 results "/host$VM_RESULTS"

# A kernel whose modules are not installed on the host (the debug kernel)
# brings its own directory; give it the usual /lib/modules path.
if [ -n "$VM_MODDIR" ]; then
	mount -t tmpfs tmpfs /host/lib/modules
	mkdir -p "/host/lib/modules/$(uname -r)"
	mount -o bind "/host$VM_MODDIR" "/host/lib/modules/$(uname -r)"
fi

hostname ophoton-vm
echo "vm-init: running $VM_RESULTS/cmd.sh"
# The command runs in a mount namespace of its own where the host's tree is
# moved onto / (as switch_root does), not merely chrooted into: a chrooted
# process may not create user namespaces, which the selftests need.  This
# init keeps its own view, to record the exit status afterwards.
export VM_CWD VM_RESULTS
unshare -m sh -c 'cd /host && mount --move . / && exec chroot . /bin/bash -c \
	"cd \"\$VM_CWD\" && exec /bin/bash \"\$VM_RESULTS/cmd.sh\""' \
	</dev/ttyS1 >/dev/ttyS1 2>&1
echo $? >"/host$VM_RESULTS/exit-status"
sync
umount "/host$VM_RESULTS" 2>/dev/null
poweroff -f
