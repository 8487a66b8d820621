#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The scripted session of "make demo", run inside the test VM: what ophoton
# can do so far, driven through ophotonctl as an operator would.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
ctl=$top/tools/ophotonctl/ophotonctl
ko=${OPHOTON_KO:-$top/driver/ophoton.ko}

bold= plain=
if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then
	bold=$(printf '\033[1m') plain=$(printf '\033[0m')
fi

step() {
	printf '\n%s$ %s%s\n' "$bold" "$*" "$plain"
	"$@"
}

echo "ophoton demo on $(uname -sr)"
echo "Before loading, ophotonctl says the module is absent (exit code 4):"
step "$ctl" version || echo "(exit $?)"
step insmod "$ko"
step grep ophoton /proc/modules
step "$ctl" version
step "$ctl" -j -p version
step "$ctl" version help

echo
echo "A fabric of 64 GPUs (2,048 links), its clock 1000x real time:"
step sh -c 'echo "1 gpus=64 time_scale=1000" > /sys/bus/ophoton/new_device'
step ls /sys/bus/ophoton/devices/
for a in gpus links lambdas feed; do
	printf '  %-8s %s\n' "$a" "$(cat /sys/bus/ophoton/devices/ophoton1/$a)"
done
echo "Every laser module resets, then waits in low power (debugfs mirror):"
step sh -c 'head -n 4 /sys/kernel/debug/ophoton/ophoton1/modules'
echo "The virtual clock and its next event:"
step cat /sys/kernel/debug/ophoton/ophoton1/clock
echo "Sensors of the fabric (hwmon):"
hw=$(grep -l ophoton /sys/class/hwmon/hwmon*/name | head -n 1)
for f in temp1 temp2 power1; do
	printf '  %-18s %s\n' "$(cat "${hw%/name}/${f}_label")" "$(cat "${hw%/name}/${f}_input")"
done
echo "Tracepoints available to trace-cmd and perf:"
step ls /sys/kernel/debug/tracing/events/ophoton/
step sh -c 'echo 1 > /sys/bus/ophoton/del_device'
step rmmod ophoton
echo
echo "Module unloaded cleanly; the demo is over."
