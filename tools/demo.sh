#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The scripted session of "make demo", run inside the test VM: what ophoton
# can do so far, driven through ophotonctl as an operator would.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
# This tree's ophotonctl, shown as an operator types it.
PATH=$top/tools/ophotonctl:$PATH
ctl=ophotonctl
ko=${OPHOTON_KO:-$top/driver/ophoton.ko}

bold= plain=
if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then
	bold=$(printf '\033[1m') plain=$(printf '\033[0m')
fi

step() {
	printf '\n%s$ %s%s\n' "$bold" "$*" "$plain"
	"$@"
}

# A pipeline, shown as typed.
step_sh() {
	printf '\n%s$ %s%s\n' "$bold" "$1" "$plain"
	bash -c "$1"
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
step "$ctl" fabric create 1 gpus=64 time_scale=1000
step "$ctl" fabric show
echo "Bring every laser module and link up, and wait for it:"
step "$ctl" -w fabric set up
step "$ctl" -s rack show 0
step "$ctl" -s link show 17/2/5
step "$ctl" -j -s lane show link 17/2/5 lane 3 dir up
echo "What would laser module 1 of GPU 17 take down?"
step "$ctl" blast laser 17/1
step env NO_COLOR=1 "$ctl" fabric map blast laser 17/1
echo "Swap it: drain, pull, plug a new one in, activate; a monitor watches:"
monlog=$(mktemp)
"$ctl" -t monitor config gpu 17 >"$monlog" 2>&1 &
mon=$!
sleep 1
step "$ctl" -w laser prepare-remove 17/1
step "$ctl" sim laser remove 17/1
step "$ctl" sim laser insert 17/1 serial 4242
step "$ctl" -w laser activate 17/1
kill -INT $mon
wait $mon || true
echo "What the monitor saw (first lines):"
head -n 8 "$monlog"
echo "A dirty fibre, found by the thresholds before it takes a link down:"
step "$ctl" sim fault inject fibre-dirty 3/0/1 fibre feed value 300
step "$ctl" -s link show 3/0/1
echo "Four more faults at once, the clock at real time: a laser wearing out,"
echo "an engine's rings drifting, a laser dying, an engine losing its coolant."
step "$ctl" fabric set time-scale 1
step "$ctl" sim fault inject laser-aging 41/0 laser 5 value 10000000
step "$ctl" sim fault inject ring-drift 42/2 value 1000 amount 22000
step "$ctl" sim fault inject laser-death 43/1 laser 7
step "$ctl" sim fault inject cooling 44/0 value 1000
step "$ctl" sim clock step 50s
echo "What is wrong, worst first, and what to do, in one request:"
step "$ctl" fabric diagnose
for fix in "sim fault clear fibre-dirty 3/0/1 fibre feed" "sim fault clear laser-aging 41/0 laser 5" \
	"sim fault clear ring-drift 42/2" "sim fault clear laser-death 43/1 laser 7" \
	"sim fault clear cooling 44/0"; do
	# shellcheck disable=SC2086
	"$ctl" $fix
done
step "$ctl" fabric set time-scale 1000
echo "Telemetry for Prometheus (first lines of $("$ctl" fabric export | wc -l)):"
step_sh "$ctl fabric export | head -n 8"
echo "Sensors of the fabric (hwmon: millidegrees Celsius, microwatts):"
hw=$(grep -l ophoton /sys/class/hwmon/hwmon*/name | head -n 1)
for f in temp1 temp2 power1; do
	printf '  %-18s %s\n' "$(cat "${hw%/name}/${f}_label")" "$(cat "${hw%/name}/${f}_input")"
done
echo "Tracepoints available to trace-cmd and perf:"
step ls /sys/kernel/debug/tracing/events/ophoton/
step "$ctl" fabric destroy 1
step rmmod ophoton
echo
echo "Module unloaded cleanly; the demo is over."
