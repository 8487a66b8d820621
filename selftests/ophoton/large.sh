#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A large fabric through every long operation: creation, bring-up of
# everything, clock steps short and long, full dumps, aggregates, hot swap,
# fault injection, take-down of everything, destruction and unload.  The
# VM runner fails the run on any kernel report (soft lockup, RCU stall,
# hung task, lockdep, KASAN); here each operation must also do what it
# says.  Prints TAP.
#
# OPHOTON_LARGE_GPUS sets the size: 2,048 GPUs by default (65,536 links),
# 8,192 in the debug-kernel lane of "make check-debug", 65,536 (2,097,152
# links, the largest new_device accepts) in "make reliability".
set -u
GPUS=${OPHOTON_LARGE_GPUS:-2048}
FAB=31
OK_TIMED=1
. "$(dirname "$0")/lib.sh"

trap lib_cleanup EXIT
lib_begin
F="-F $FAB"
links=$((GPUS * 32))

ok "a fabric of $GPUS GPUs is created" "$C" fabric create $FAB gpus=$GPUS time_scale=1
# Polled through the fabric's aggregate, which costs what changed since
# the last read: --wait would follow millions of notifications.
links_up() {
	"$C" $F -j -s fabric show >"$tmp/out" && jq '.[0]."fabric-stats"."links-up"' "$tmp/out"
}
t_up() {
	local up=0 t=0
	"$C" $F fabric set up || return 1
	while [ $t -lt 3000 ]; do
		up=$(links_up) || return 1
		[ "$up" = $links ] && break
		sleep 5
		t=$((t + 5))
	done
	echo "$up of $links links up after $t s"
	[ "$up" = $links ]
}
ok "every one of its $links links comes up" t_up
t_step() {
	"$C" $F sim clock step 10s && "$C" $F sim clock step 30d && "$C" $F -j fabric show >"$tmp/out" &&
		q '.[0]."fabric-clock-s" >= 2592010'
}
ok "clock steps of 10 s and 30 days" t_step
t_dump() {
	local up
	# Streamed and counted: at 65,536 GPUs the JSON of every link is a
	# gigabyte, more than jq or the guest's /tmp should hold.
	up=$("$C" $F -j -p -s link show | grep -c '"link-state": "up"') &&
		echo "$up of $links links up in the dump" && [ "$up" = $links ]
}
ok "a full dump with statistics has every link, up" t_dump
t_racks() {
	"$C" $F -j -s rack show >"$tmp/out" &&
		q "([.[] | select(.\"rack-kind\" != \"switch\") | .\"links-up\"] | add) == $links and
			([.[] | select(.\"rack-kind\" == \"switch\") | .\"links-up\"] | add) == $links"
}
ok "the racks' aggregates add up to every link" t_racks
t_swap() {
	"$C" $F -w --timeout 600 laser prepare-remove 17/1 >/dev/null &&
		"$C" $F sim laser remove 17/1 && "$C" $F sim laser insert 17/1 serial 4242 &&
		"$C" $F -w --timeout 600 laser activate 17/1 >/dev/null &&
		"$C" $F -j link show gpu 17 >"$tmp/out" && q 'all(.[]; ."link-state" == "up")'
}
ok "a laser module is swapped and its links come back" t_swap
t_faults() {
	"$C" $F sim fault inject engine-death 200/0 &&
		"$C" $F sim fault inject module-death 300/1 &&
		"$C" $F sim fault inject fibre-dirty 400/1/3 value 3000 &&
		"$C" $F sim clock step 10s &&
		"$C" $F -j -s fabric show >"$tmp/out" &&
		q ".[0].\"fabric-stats\".\"links-up\" < $links" &&
		"$C" $F sim fault clear engine-death 200/0 &&
		"$C" $F sim fault clear module-death 300/1 &&
		"$C" $F sim fault clear fibre-dirty 400/1/3
}
ok "faults take their links down, and clear" t_faults
t_down() {
	"$C" $F fabric set down && "$C" $F sim clock step 10s &&
		"$C" $F -j -s fabric show >"$tmp/out" && q '.[0]."fabric-stats"."links-up" == 0'
}
ok "every link is taken down" t_down
ok "the fabric is destroyed" "$C" fabric destroy $FAB
t_unload() {
	[ $loaded = 1 ] || return 0
	rmmod ophoton && loaded=0
}
ok "the module unloads" t_unload

echo "# figures: large fabric of $GPUS GPUs ($links links): $((n - failed)) of $n operations passed"
echo "1..$n"
echo "# $((n - failed)) passed, $failed failed"
[ $failed = 0 ]
