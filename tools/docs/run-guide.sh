#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run the commands the administrator's guide shows, as a reader would type
# them, so that its examples cannot rot.  Run in the test VM as root, with
# ophoton installed (tools/pkg/guest.sh, after "make install"): ophotonctl
# on PATH, the module where modprobe finds it and not loaded.
#
# The literal blocks of these sections are taken from the page itself
# (tools/docs/guide-commands.py): the Quick start, run twice (it ends with
# rmmod: the second run shows that "fabric create" loads the module
# again), then the task sections in their order on the Quick start's
# fabric.  "sudo" is dropped (we are root); a command that follows
# notifications until ^C ("monitor") runs for two seconds.  Each block
# runs as one script that stops at its first failing command; one TAP
# line per block; exits non-zero if one failed.
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
guide=$top/Documentation/admin-guide.rst
n=0
failed=0
out=$(mktemp)
trap 'rm -f "$out"; ophotonctl fabric destroy 1 >/dev/null 2>&1' EXIT

run() {	# run SECTION SCRIPT
	local sec=$1 body=$2 rc first
	n=$((n + 1))
	first=${body%%$'\n'*}
	bash -e -x -c "$body" >"$out" 2>&1
	rc=$?
	if [ $rc = 0 ]; then
		echo "ok $n $sec: $first (a block of $(grep -c . <<<"$body"))"
	else
		echo "not ok $n $sec: $first (exit $rc)"
		tail -n 15 "$out" | sed 's/^/# /'
		# What the fabric was doing, should a wait have timed out.
		{ cat /sys/kernel/debug/ophoton/ophoton1/clock
		  ophotonctl -F 1 -s fabric show | head -n 1
		  ophotonctl -F 1 link show unhealthy | head -n 5; } 2>&1 | sed 's/^/# state: /'
		failed=$((failed + 1))
	fi
}

section() {	# section TITLE: run each literal block of it
	local body
	while IFS= read -r -d '' body; do
		run "$1" "$body"
	done < <("$top/tools/docs/guide-commands.py" "$guide" "$1")
}

echo "TAP version 13"
if [ "$(id -u)" != 0 ] || ! command -v ophotonctl >/dev/null; then
	echo "1..0 # SKIP needs root and an installed ophotonctl"
	exit 4
fi
section "Quick start"
section "Quick start"
# The tasks, on the fabric the Quick start makes.
run "setup" "ophotonctl fabric create 1 gpus=64 time_scale=100 && ophotonctl -w fabric set up
mkdir -p /var/lib/prometheus/node-exporter"
for s in "Creating fabrics" "Bring-up" "Hot-swapping a laser module" \
	"Telemetry and thresholds" "Health and quarantine" "Blast radius" \
	"Notifications" "Alarms: the history, and acknowledging" \
	"Finding what is wrong" "Exporting to Prometheus" \
	"Troubleshooting"; do
	section "$s"
done
run "teardown" "ophotonctl fabric destroy 1"
echo "1..$n"
echo "# $((n - failed)) passed, $failed failed"
[ $failed = 0 ]
