#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# devlink, the standard window onto a fabric's health, through iproute2's
# own devlink: the instance and its info, the two reporters, their counts
# against HEALTH_GET, diagnose, dump, recover, the automatic recovery and
# its grace period, devlink monitor during injected faults, and the
# instance's namespace.  Prints TAP.
set -u
FAB=33
SHAPE="racks=2 trays=2 slots=2 engines=2 ports=4 lambdas=8 min_lanes=6 switch_racks=2 time_scale=1"
. "$(dirname "$0")/lib.sh"
DEV=ophoton/ophoton$FAB
F="-F $FAB"
NS=ophoton-dl-$$
mon=

cleanup() {
	[ -n "$mon" ] && kill "$mon" 2>/dev/null
	ip netns del "$NS" 2>/dev/null
	"$C" fabric destroy 34 >/dev/null 2>&1
	lib_cleanup
}
trap cleanup EXIT
lib_begin
if ! command -v devlink >/dev/null; then
	echo "1..0 # SKIP iproute2's devlink is not installed"
	exit 4
fi

# rep NAME [DEV]: the reporter's line of "devlink -j health show", in $tmp/out
rep() {
	devlink -j health show "${2:-$DEV}" reporter "$1" |
		jq '.health[][0]' >"$tmp/out" && jq -e . "$tmp/out" >/dev/null
}

# settle NAME ERRORS [DEV]: devlink was told ERRORS faults (a work item
# tells it)
settle() {
	local _
	for _ in $(seq 100); do
		rep "$1" "${3:-$DEV}" && q ".error == $2" >/dev/null && return 0
		sleep 0.1
	done
	rep "$1" "${3:-$DEV}"
	echo "devlink never counted $2 errors"
	cat "$tmp/out"
	return 1
}

# same NAME DOMAIN: the reporter's counts are HEALTH_GET's, summed
same() {
	local e r
	"$C" -j $F health show "$2" >"$tmp/h" || return 1
	e=$(jq '[.[]."health-errors"] | add' "$tmp/h")
	r=$(jq '[.[]."health-recoveries"] | add' "$tmp/h")
	rep "$1" && q ".error == $e and .recover == $r"
}

# settle_same NAME DOMAIN: devlink was told every fault HEALTH_GET counts
settle_same() {
	local _
	for _ in $(seq 100); do
		same "$@" >/dev/null && return 0
		sleep 0.1
	done
	same "$@"
}

ok "fabric create makes a fabric" "$C" fabric create $FAB $SHAPE
ok "its links come up" "$C" $F -w --timeout 120 fabric set up

t_dev() {
	devlink dev show | grep -qx "$DEV" &&
		devlink -j dev info "$DEV" >"$tmp/out" &&
		q ".info[\"$DEV\"] | .driver == \"ophoton\" and
			(.serial_number | startswith(\"$FAB-\")) and
			.versions.fixed[\"board.id\"] == \"ophoton-cpo-fabric\" and
			(.versions.running.fw | length > 0)" &&
		[ "$(basename "$(readlink /sys/bus/ophoton/devices/ophoton$FAB/driver)")" = ophoton ]
}
ok "devlink dev show and info: one instance per fabric, its driver, serial and board" t_dev

t_reporters() {
	rep laser_module &&
		q '.state == "healthy" and .error == 0 and .recover == 0 and
			.grace_period == 60000 and .auto_recover and .auto_dump' &&
		rep engine && q '.state == "healthy" and .error == 0 and .grace_period == 60000'
}
ok "two reporters, laser_module and engine, healthy, with the fabric's grace period" t_reporters

t_mon_start() {
	timeout --foreground 120 devlink monitor health >"$tmp/mon" 2>&1 &
	mon=$!
	sleep 1
	kill -0 $mon
}
ok "devlink monitor health listens" t_mon_start

t_faults() {
	# Three laser deaths within the grace quarantine GPU 2's module 0 (4).
	"$C" $F sim fault inject laser-death 2/0 lane 0 &&
		"$C" $F sim fault inject laser-death 2/0 lane 1 &&
		"$C" $F sim fault inject laser-death 2/0 lane 2 &&
		settle laser_module 3 && q '.state == "error" and .recover == 0' &&
		same laser_module module
}
ok "three faults: three devlink errors, its count HEALTH_GET's sum, state error" t_faults

t_monitor() {
	local _
	# Each status is two lines: the reporter, then its state and counts.
	for _ in $(seq 50); do
		paste -sd ' ' "$tmp/mon" | grep -qE "reporter laser_module +state error error 3 " && break
		sleep 0.1
	done
	paste -sd ' ' "$tmp/mon" >"$tmp/mon1"
	grep -q "ophoton/ophoton$FAB" "$tmp/mon" &&
		grep -qE "reporter laser_module +state error error 1 " "$tmp/mon1" &&
		grep -qE "reporter laser_module +state error error 3 " "$tmp/mon1" ||
		{ cat "$tmp/mon"; false; }
}
ok "devlink monitor health saw each fault" t_monitor

t_diagnose() {
	devlink -j health diagnose "$DEV" reporter laser_module >"$tmp/out" &&
		q '.quarantined == 1 and .errors == 3 and .recoveries == 0 and .domains == 32 and
			(.not_healthy | length) == 1' &&
		q '.not_healthy[0] | .side == "gpu" and .id == 4 and .health == "quarantined" and
			.errors == 3 and .cause == "quarantine" and .state == "fault" and
			.action == "swap-module" and .severity == "critical" and .links_down == 4' &&
		devlink health diagnose "$DEV" reporter laser_module | grep -q "health: quarantined"
}
ok "diagnose names the quarantined module, its cause and the action" t_diagnose

t_dump() {
	# Taken by devlink at the first fault: one laser dead, not yet quarantined.
	devlink -j health dump show "$DEV" reporter laser_module >"$tmp/out" &&
		q '.fault == {"side": "gpu", "id": 4, "quarantined": false} and .quarantined == 0 and
			.errors == 1 and .not_healthy[0].health == "error" and
			.not_healthy[0].cause == "laser"' &&
		rep laser_module && q 'has("last_dump_date")'
}
ok "dump is the state at the first fault" t_dump

t_dump_now() {
	# Cleared, a dump is taken when asked for where devlink holds the
	# instance meanwhile (6.12); 6.1 does not, and it is refused there.
	devlink health dump clear "$DEV" reporter engine || return 1
	case "$(uname -r)" in
	6.1.*)
		! devlink health dump show "$DEV" reporter engine 2>"$tmp/err" &&
			grep -q "at the first fault only" "$tmp/err"
		;;
	*)
		devlink -j health dump show "$DEV" reporter engine >"$tmp/out" &&
			q '(has("fault") | not) and .domains > 0 and .quarantined == 0'
		;;
	esac
}
ok "a dump asked for with none kept: taken now, or refused on 6.1" t_dump_now

t_recover() {
	devlink health recover "$DEV" reporter laser_module &&
		j $F health show module 4 &&
		q '.[0]."health-quarantined" != true and .[0]."health-recoveries" == 1' &&
		rep laser_module && q '.recover == 1 and .state == "healthy"' &&
		same laser_module module &&
		j $F laser show 4 && q '.[0]."module-cause" != "quarantine"'
}
ok "recover does what ophotonctl recovery does: the module out of quarantine, counted once" t_recover

t_nothing() {
	# A fault that quarantines nothing leaves nothing to recover: refused,
	# and nothing counted.
	"$C" $F sim fault inject laser-death 3/0 lane 0 && settle laser_module 4 &&
		q '.state == "error"' &&
		! devlink health recover "$DEV" reporter laser_module 2>"$tmp/err" &&
		grep -q "nothing to recover" "$tmp/err" &&
		rep laser_module && q '.recover == 1' && same laser_module module
}
ok "recover with nothing quarantined is refused, saying so, and counts nothing" t_nothing

t_engine() {
	# Three deaths quarantine GPU 1's engine 0 (2); dead again, devlink's
	# recovery is refused as the operator's is, then succeeds once cleared.
	local i
	for i in 1 2 3; do
		"$C" $F sim fault inject engine-death 1/0 && "$C" $F sim fault clear engine-death 1/0 ||
			return 1
	done
	"$C" $F sim fault inject engine-death 1/0 && settle_same engine engine &&
		! devlink health recover "$DEV" reporter engine 2>"$tmp/err" &&
		grep -q "still dead" "$tmp/err" &&
		j $F health show engine side gpu 2 && q '.[0]."health-quarantined" == true' &&
		"$C" $F sim fault clear engine-death 1/0 &&
		devlink health recover "$DEV" reporter engine &&
		j $F health show engine side gpu 2 && q '.[0]."health-quarantined" != true' &&
		rep engine && q '.recover == 1 and .state == "healthy"' && same engine engine &&
		devlink -j health diagnose "$DEV" reporter engine >"$tmp/out" &&
		q '.quarantined == 0 and .recoveries == 1'
}
ok "the engine reporter: counts, recovery refused while dead, then done" t_engine

t_auto() {
	# quarantine_errors=1: a fault quarantines at once.  The first finds
	# the reporter healthy, and devlink recovers it; the second, within
	# devlink's grace period, stays; with no grace period, it would not.
	local d=ophoton/ophoton34
	"$C" fabric create 34 $SHAPE quarantine_errors=1 && "$C" -F 34 -w --timeout 120 fabric set up &&
		"$C" -F 34 sim fault inject laser-death 2/0 lane 0 && settle laser_module 1 $d &&
		rep laser_module $d && q '.recover == 1 and .state == "healthy"' &&
		"$C" -j -F 34 health show module 4 >"$tmp/out" &&
		q '.[0]."health-quarantined" != true and .[0]."health-recoveries" == 1' &&
		"$C" -F 34 sim fault inject module-death 3/0 &&
		settle laser_module 2 $d &&
		rep laser_module $d && q '.error == 2 and .recover == 1 and .state == "error"' &&
		"$C" -j -F 34 health show module 6 >"$tmp/out" && q '.[0]."health-quarantined" == true' &&
		"$C" -F 34 sim fault clear module-death 3/0 &&
		devlink health recover $d reporter laser_module &&
		devlink health set $d reporter laser_module grace_period 0 &&
		"$C" -F 34 sim fault inject laser-death 1/1 lane 0 &&
		settle laser_module 3 $d &&
		sleep 0.5 && rep laser_module $d && q '.error == 3 and .recover == 3' &&
		"$C" -j -F 34 health show module >"$tmp/h" &&
		jq -e '[.[]."health-recoveries"] | add == 3' "$tmp/h" >/dev/null &&
		"$C" -j -F 34 health show module 3 >"$tmp/out" && q '.[0]."health-quarantined" != true'
}
ok "auto_recover: a quarantine that finds the reporter healthy is recovered, unless within the grace period" t_auto

t_auto_off() {
	local d=ophoton/ophoton34
	devlink health set $d reporter laser_module auto_recover false &&
		"$C" -F 34 sim fault inject laser-death 0/0 lane 0 &&
		settle laser_module 4 $d &&
		sleep 0.5 && rep laser_module $d && q '.error == 4 and .recover == 3 and (.auto_recover | not)' &&
		"$C" -j -F 34 health show module 0 >"$tmp/out" && q '.[0]."health-quarantined" == true'
}
ok "auto_recover false: the quarantine stays for the operator" t_auto_off

t_netns() {
	# The instance lives in its fabric's namespace, and goes with it.
	ip netns add "$NS" &&
		ip netns exec "$NS" "$C" fabric create 35 $SHAPE &&
		ip netns exec "$NS" devlink dev show | grep -qx ophoton/ophoton35 &&
		! devlink dev show | grep -q ophoton35 &&
		ip netns del "$NS" &&
		for _ in $(seq 50); do [ ! -e /sys/bus/ophoton/devices/ophoton35 ] && break; sleep 0.1; done &&
		[ ! -e /sys/bus/ophoton/devices/ophoton35 ]
}
ok "the instance is in its fabric's namespace only, and goes with it" t_netns

t_gone() {
	"$C" fabric destroy 34 && "$C" fabric destroy $FAB &&
		! devlink dev show | grep -q "ophoton/ophoton3[34]"
}
ok "fabric destroy takes its devlink instance with it" t_gone

echo "1..$n"
[ "$failed" = 0 ]
