#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# ophotonctl end to end against the real module: every command, its JSON
# checked with jq, its exit code, and the notifications --wait and monitor
# follow.  Prints TAP.
set -u
FAB=21
SHAPE="racks=2 trays=2 slots=2 engines=2 ports=4 lambdas=8 min_lanes=6 switch_racks=2 time_scale=1000"
. "$(dirname "$0")/lib.sh"

cleanup() {
	[ -n "${mon_alarms:-}" ] && kill "$mon_alarms" 2>/dev/null
	[ -n "${mon_human:-}" ] && kill "$mon_human" 2>/dev/null
	lib_cleanup
}
trap cleanup EXIT
lib_begin

t_version() {
	local v
	v=$(sed -n 's/^#define OPHOTON_VERSION "\(.*\)"/\1/p' "$top/driver/version.h")
	j version && q ".\"version-module\" == \"$v\" and .\"version-proto\" == 1"
}
ok "version reports the module and protocol" t_version

ok "fabric create makes a fabric on the bus" "$C" fabric create $FAB $SHAPE
t_refused() {
	code 2 fabric create $FAB $SHAPE && grep -q "fabric $FAB already exists" "$tmp/err" &&
		code 2 fabric create 22 lambdas=99 &&
		grep -q 'Invalid argument: lambdas must be 1 to 16' "$tmp/err" &&
		code 1 fabric create nope && code 4 fabric destroy 22 &&
		grep -q 'no fabric 22' "$tmp/err"
}
ok "fabric create refuses duplicates and bad shapes, saying why" t_refused
t_list() { j fabric list && q "map(.\"fabric-id\") | index($FAB) != null"; }
ok "fabric list shows it" t_list

export OPHOTON_FABRIC=$FAB
F="-F $FAB"
t_up() {
	"$C" $F -w --timeout 60 fabric set up >"$tmp/wait" &&
		j $F -s fabric show && q '.[0]."fabric-stats"."links-up" == .[0]."fabric-links"'
}
ok "fabric set up --wait returns with every link up" t_up
t_list_unhealthy() { j fabric list unhealthy && q 'length == 0'; }
ok "fabric list unhealthy: none once every link is up" t_list_unhealthy

t_link() { j $F link show 1/1/2 && q '.[0]."link-id" == 14 and .[0]."link-state" == "up"'; }
ok "link show by GPU/ENGINE/PORT" t_link
t_link_gpu() { j $F link show gpu 1 && q 'length == 8 and all(."gpu-id" == 1)'; }
ok "link show filters by GPU" t_link_gpu
t_link_label() { j $F link show rack 1 tray 0 slot 1 engine 0 port 0 && q '.[0]."link-id" == 40'; }
ok "link show by rack, tray and slot labels" t_link_label
t_link_filters() {
	j $F link show gpu 1 engine 1 && q 'map(."link-id") == [12, 13, 14, 15]' &&
		j $F link show rack 1 && q 'length == 32 and all(."gpu-id" >= 4)' &&
		j $F -ss link show gpu 1 engine 1 && q 'all(.lanes | length == 16)'
}
ok "link show filters by a GPU's engine and by rack; -ss lists each link's lanes" t_link_filters
t_lane() {
	j $F -s lane show link 14 lane 2 dir up &&
		q '.[0]."lane-stats"."rx-power-udbm" < 0 and .[0]."lane-state" == "active"'
}
ok "lane show with telemetry" t_lane
t_aggs() {
	j $F rack show && q 'length == 4' && j $F gpu show && q 'length == 8' &&
		j $F gpu show rack 1 tray 0 slot 1 && q '.[0]."gpu-id" == 5' &&
		j $F -s engine show side switch && q 'length > 0 and all(."agg-stats"."temp-mc" > 0)'
}
ok "rack, gpu and engine show" t_aggs
t_laser() {
	j $F -s laser show 1/0 && q '.[0]."module-state" == "ready" and .[0]."module-stats"."temp-mc" > 0' &&
		j $F laser show 1/0 lasers && q 'length == 8' &&
		j $F -s laser show 1/0/3 && q '.[0]."laser-state" == "on" and .[0]."laser-stats"."power-uw" > 0'
}
ok "laser show: the module, its lasers, one laser" t_laser
t_ss() {
	j $F -ss link show 1/1/2 && q '(.[0].lanes | length) == 16 and all(.[0].lanes[]; ."lane-stats" != null)' &&
		j $F -ss laser show 1/0 && q '(.[0].lasers | length) == 8' &&
		j $F link list && q 'length == 64'
}
ok "-ss shows a link's lanes and a module's lasers; list is show" t_ss
t_health() { j $F health show module 2 && q '.[0]."health-errors" == 0'; }
ok "health show" t_health
t_blast() {
	j $F blast laser 1/0 && q '.[0]."blast-links" == 4 and (.[0]."blast-link-ids" | length) == 4' &&
		j $F blast laser 1/0/3 && q '.[0]."blast-obj" == "laser" and .[0]."blast-links-down" == 0' &&
		j $F blast rack 1 && q '.[0]."blast-gpus" == 4'
}
ok "blast radius of a module, a laser and a rack" t_blast
t_drain() {
	j $F -w laser prepare-remove 1/0 && q '.result == "done" and ."module-safe-to-remove"'
}
ok "laser prepare-remove --wait ends safe to remove" t_drain
t_swap() {
	"$C" $F sim laser remove 1/0 && j $F laser show 1/0 && q '.[0]."module-state" == "absent"' &&
		"$C" $F sim laser insert 1/0 serial 77 &&
		j $F -w --timeout 60 laser activate 1/0 && q '.result == "done" and ."links-up" == 4' &&
		j $F link show 1/0/0 && q '.[0]."link-state" == "up"'
}
ok "hot swap: remove, insert, activate --wait brings the links back" t_swap
t_pull() {
	# 1/0 drained, its partner 1/1 lights GPU 1's last links: pulling it
	# too is refused (exit 2, nothing changes) unless forced.
	"$C" $F -w laser prepare-remove 1/0 >/dev/null &&
		j $F blast laser 1/1 &&
		q '.[0]."pull-carrying" == 4 and .[0]."pull-gpus-cut" == 1 and
			.[0]."pull-partners-out" == 1 and (.[0]."pull-refused" | test("cut a GPU off"))' &&
		code 2 $F laser prepare-remove 1/1 && grep -q "cut a GPU off" "$tmp/err" &&
		grep -q "attribute module-id" "$tmp/err" &&
		j $F laser show 1/1 && q '.[0]."module-admin" == "active"' &&
		j $F -w laser prepare-remove 1/1 force && q '.result == "done"' &&
		"$C" $F -w --timeout 60 laser activate 1/0 >/dev/null &&
		"$C" $F -w --timeout 60 laser activate 1/1 >/dev/null &&
		j $F blast laser 1/1 &&
		q '.[0]."pull-refused" == null and .[0]."pull-gpus-cut" == 0 and .[0]."pull-carrying" == 4'
}
ok "prepare-remove refuses to cut a GPU off (exit 2, the reason, nothing changed) unless forced" t_pull
t_fault() {
	"$C" $F sim fault inject fibre-cut 0/0/1 fibre tx &&
		j $F link show unhealthy && q 'map(."link-id") == [1]' &&
		"$C" $F sim fault clear fibre-cut 0/0/1 fibre tx &&
		"$C" $F -w --timeout 60 link set 0/0/1 clear >/dev/null &&
		j $F link show unhealthy && q 'length == 0'
}
ok "a fibre cut shows among the unhealthy, and clears" t_fault
t_failed() {
	"$C" $F sim fault inject arbitration 0/0/2 && code 3 $F -w --timeout 60 link set 0/0/2 retrain &&
		"$C" $F sim fault clear arbitration 0/0/2 && "$C" $F -w link set 0/0/2 clear >/dev/null
}
ok "--wait exits 3 when the operation fails" t_failed
t_bulk() {
	# Every link of GPU 2 in one request, followed to its end, then back.
	j $F -w --timeout 60 link set gpu 2 down && q '.result == "done" and .links == 8' &&
		j $F link show gpu 2 && q 'all(."link-state" == "down")' &&
		j $F link show gpu 3 && q 'all(."link-state" == "up")' &&
		j $F -w --timeout 60 link set rack 0 tray 1 up &&
		q '.result == "done" and ."links-up" == 16' &&
		j $F link show unhealthy && q 'length == 0'
}
ok "link set gpu and rack tray: every link of a place in one request, --wait follows them" t_bulk
t_trace_cmd() {
	# Debian's trace-cmd reads the events' format: names, not numbers.
	command -v trace-cmd >/dev/null || { echo "no trace-cmd"; return 1; }
	local rc=0

	trace-cmd record -q -o "$tmp/trace.dat" -e ophoton:ophoton_link -e ophoton:ophoton_module \
		"$C" $F -w --timeout 60 link set 0/0/3 down >/dev/null &&
		trace-cmd report -i "$tmp/trace.dat" >"$tmp/report" 2>/dev/null &&
		grep -E "ophoton_link: +fabric=$FAB link=3 state=up->down reason=admin seq=[0-9]+ vtime=" \
			"$tmp/report" || { rc=1; head -20 "$tmp/report"; }
	# Up again whatever the report said: the tests after it want every link.
	"$C" $F -w --timeout 60 link set 0/0/3 up >/dev/null || rc=1
	return $rc
}
ok "trace-cmd report names states and reasons as the spec does" t_trace_cmd
t_engine() {
	# Three deaths within the 60 s grace quarantine GPU 1's engine 0; it
	# stays dark until recovered.  At x1000 a slow machine spends minutes
	# of fabric time between commands: run the clock at real time meanwhile.
	local i rc
	"$C" $F fabric set time-scale 1 || return 1
	for i in 1 2 3; do
		"$C" $F sim fault inject engine-death 1/0 && "$C" $F sim fault clear engine-death 1/0 ||
			return 1
	done
	j $F health show engine side gpu 2 && q '.[0]."health-quarantined" == true' &&
		"$C" $F sim clock step 10s && j $F engine show 1/0 && q '.[0]."links-up" == 0' &&
		# Dead again: recovering it would change nothing; refused unless forced.
		"$C" $F sim fault inject engine-death 1/0 &&
		code 2 $F engine recover 1/0 && grep -q "still dead" "$tmp/err" &&
		j $F health show engine side gpu 2 && q '.[0]."health-quarantined" == true' &&
		"$C" $F engine recover 1/0 force && "$C" $F sim clock step 1s &&
		j $F engine show 1/0 && q '.[0]."links-up" == 0' &&
		"$C" $F sim fault clear engine-death 1/0 &&
		j $F health show engine side gpu 2 && q '.[0]."health-quarantined" != true' &&
		"$C" $F sim clock step 10s &&
		j $F engine show 1/0 && q '.[0]."links-up" == 4' &&
		"$C" $F engine clear 1/0 && code 2 $F engine recover 99 &&
		grep -q "(attribute engine-id)" "$tmp/err"
	rc=$?
	"$C" $F fabric set time-scale 1000 && return $rc
}
ok "engine recover brings a quarantined engine back (refused while it is still dead, unless forced); engine clear" t_engine
# Real time for what follows: the virtual clock moves by sim clock step, and
# a burst of faults falls within the 60 s grace however slow the machine.
t_slow() { "$C" -F $FAB fabric set time-scale 1 && j -F $FAB fabric show && q '.[0]."fabric-time-scale" == 1'; }
ok "fabric set time-scale 1 runs the fabric clock at real time" t_slow
t_retrain() {
	# At real time the BER qualification alone lasts a second: the link is
	# up right after --wait returns only because --wait followed it.
	local n
	j -F $FAB -s link show 0/1/0 && n=$(jq '.[0]."link-stats"."retrain-count"' "$tmp/out") &&
		j -F $FAB -w --timeout 60 link set 0/1/0 retrain &&
		q '.result == "done" and ."links-up" == 1 and ."links-failed" == 0' &&
		j -F $FAB -s link show 0/1/0 &&
		q ".[0].\"link-state\" == \"up\" and .[0].\"link-stats\".\"retrain-count\" == $((n + 1))"
}
ok "link set retrain restarts an up link and --wait follows it back up" t_retrain
mon_alarms=
mon_human=
t_mon_start() {
	# Until the laser module below is recovered: the alarms as NDJSON, and
	# GPU 2's configuration changes for people, both with timestamps.
	# --foreground: one SIGINT for the monitor, not a second one to its
	# process group, which can reach it after it restored the default
	# action and end it with 130.
	timeout --foreground 300 "$C" -F $FAB -j -t monitor alarms >"$tmp/alarms" 2>"$tmp/alarms.err" &
	mon_alarms=$!
	timeout --foreground 300 "$C" -F $FAB -t monitor config gpu 2 >"$tmp/human" 2>"$tmp/human.err" &
	mon_human=$!
	for _ in $(seq 50); do
		[ -s "$tmp/human.err" ] && break
		sleep 0.2
	done
	sleep 0.5
	kill -0 $mon_alarms && kill -0 $mon_human && [ ! -s "$tmp/alarms.err" ] &&
		grep -qx 'ophotonctl: listening to config (Ctrl-C ends)' "$tmp/human.err"
}
ok "monitor says on stderr what it listens to, except in JSON" t_mon_start
t_lane_unhealthy() {
	# Laser 0 of GPU 2's module 0 dies: the up lane of its wavelength goes
	# dark on the four links the module feeds, which run on 7 lanes of 8.
	"$C" -F $FAB sim fault inject laser-death 2/0 lane 0 &&
		j -F $FAB lane show unhealthy &&
		q 'map([."link-id", .lane, .dir, ."lane-state"]) ==
			[[16, 0, "up", "dark"], [17, 0, "up", "dark"], [18, 0, "up", "dark"], [19, 0, "up", "dark"]]' &&
		j -F $FAB lane show gpu 2 unhealthy && q 'length == 4' &&
		j -F $FAB lane show gpu 1 unhealthy && q 'length == 0' &&
		j -F $FAB link show unhealthy &&
		q 'map(."link-id") == [16, 17, 18, 19] and all(."link-state" == "degraded" and ."link-lanes-up" == 7)' &&
		j -F $FAB -s laser show 2/0/0 && q '.[0]."laser-state" == "fault" and .[0]."laser-stats".latched != 0'
}
ok "a dead laser: lane show unhealthy lists the lanes it darkened, its links run degraded" t_lane_unhealthy
t_quarantine() {
	# The second and third fault within the grace: the slot is quarantined
	# and goes dark.
	"$C" -F $FAB sim fault inject laser-death 2/0 lane 1 &&
		"$C" -F $FAB sim fault inject laser-death 2/0 lane 2 &&
		j -F $FAB health show module 4 &&
		q '.[0]."health-errors" == 3 and .[0]."health-quarantined" == true' &&
		j -F $FAB laser show 2/0 && q '.[0]."module-state" == "fault" and .[0]."module-lasers-on" == 0' &&
		j -F $FAB laser show unhealthy && q 'map([.side, ."module-id"]) == [["gpu", 4]]' &&
		j -F $FAB link show unhealthy &&
		q 'map(."link-id") == [16, 17, 18, 19] and all(."link-state" == "wait-light")'
}
ok "three laser deaths within the grace quarantine the laser module" t_quarantine
t_warn() {
	# The quarantined module cannot follow a fabric-wide up, whether its
	# admin state still asks for light or it was drained: the request
	# succeeds, and warns.
	local w="Warning: some laser modules did not follow (quarantined, in fault or mid-transition): see 'ophotonctl laser show unhealthy'"
	code 0 -F $FAB fabric set up && grep -qxF "$w" "$tmp/err" &&
		"$C" -F $FAB laser prepare-remove 2/0 &&
		j -F $FAB laser show 2/0 && q '.[0]."module-admin" == "unprovisioned"' &&
		code 0 -F $FAB fabric set up && [ ! -s "$tmp/out" ] &&
		grep -qxF "$w" "$tmp/err" &&
		j -F $FAB laser show 2/0 && q '.[0]."module-state" == "fault" and .[0]."module-admin" == "unprovisioned"' &&
		j -F $FAB link show unhealthy && q 'map(."link-id") == [16, 17, 18, 19]'
}
ok "fabric set up with a quarantined laser module, drained or not, succeeds and warns on stderr" t_warn
t_recover() {
	# Recovered, the module resets; asked for light again it comes back.
	local k
	for k in 0 1 2; do
		"$C" -F $FAB sim fault clear laser-death 2/0 lane $k || return 1
	done
	"$C" -F $FAB laser recover 2/0 &&
		j -F $FAB health show module 4 &&
		q '.[0]."health-quarantined" != true and .[0]."health-recoveries" == 1' &&
		j -F $FAB laser show 2/0 && q '.[0]."module-state" == "resetting" or .[0]."module-state" == "low-power"' &&
		code 0 -F $FAB fabric set up && [ ! -s "$tmp/err" ] &&
		"$C" -F $FAB sim clock step 10s &&
		j -F $FAB laser show 2/0 &&
		q '.[0] | ."module-state" == "ready" and ."module-admin" == "active" and ."module-lasers-on" == 8' &&
		j -F $FAB link show unhealthy && q 'length == 0' && j -F $FAB lane show unhealthy && q 'length == 0'
}
ok "laser recover ends the quarantine; fabric set up then brings the module back, silently" t_recover
t_laser_clear() {
	j -F $FAB -ss laser show 2/0 &&
		q '[.[0].lasers[]."laser-stats".latched] | (.[0:3] | all(. != 0)) and (.[3:] | all(. == 0))' &&
		"$C" -F $FAB laser clear 2/0 && j -F $FAB -ss laser show 2/0 &&
		q '.[0]."module-stats".latched == 0 and all(.[0].lasers[]; ."laser-stats".latched == 0)'
}
ok "laser clear clears the flags the dead lasers latched" t_laser_clear
t_aging() {
	# 10 % of its life an hour, at real time but for the hour stepped: the
	# predictor flags the laser long before its bias warns.
	"$C" -F $FAB sim fault inject laser-aging 6/0 lane 3 value 100000 && "$C" -F $FAB sim clock step 1h &&
		j -F $FAB -ss laser show 6/0 &&
		q '.[0].lasers | (map(."laser-stats"."age-ppm") | .[3] - (.[0:3] + .[4:] | max) >= 100000) and
			map(."laser-aging-predicted" == true) == [false, false, false, true, false, false, false, false]' &&
		"$C" -F $FAB sim fault clear laser-aging 6/0 lane 3 &&
		j -F $FAB -s laser show 6/0/3 && q '.[0]."laser-stats"."age-ppm" >= 100000'
}
ok "laser-aging: one laser uses its life faster, the predictor flags it, the life stays used" t_aging
t_top() {
	# 6/0's laser 3 aged 10 % in the hour: at the rate they age now, all
	# lasers end their lives in decades, so the soonest is a question of
	# life used: the aged one comes first, and each figure is ordered.
	"$C" -F $FAB sim fault inject laser-aging 6/1 lane 5 value 1000000 &&
		j -F $FAB laser top 3 &&
		q 'length == 3 and .[0]."gpu-id" == 6 and .[0]."module-id" == 13 and .[0].lane == 5 and
			.[0]."aging-rate-ppb-h" > 1000000000 and .[0]."end-of-life-in-s" < 3600 and
			(map(."end-of-life-in-s") | . == sort) and
			all(."bias-warn-in-s" <= ."end-of-life-in-s")' &&
		"$C" -F $FAB laser top 1 >"$tmp/text" &&
		grep -Eq '^6/1 laser 5 +on +[0-9.]+% +[0-9.]+ ppm/h' "$tmp/text" &&
		"$C" -F $FAB fabric export >"$tmp/prom" &&
		grep -q '^ophoton_laser_module_end_of_life_in_seconds{fabric="'$FAB'",side="gpu",module="13"} [0-9]' "$tmp/prom" &&
		"$C" -F $FAB sim fault clear laser-aging 6/1 lane 5 &&
		code 1 -F $FAB laser top 0 ||
		{ cat "$tmp/text" "$tmp/out"; return 1; }
}
ok "laser top: the lasers that end their life first, in JSON, text and the Prometheus export" t_top
t_mon_alarms() {
	local rc
	kill -INT "$mon_alarms"
	wait "$mon_alarms"
	rc=$?
	mon_alarms=
	[ $rc = 0 ] || { echo "monitor exit $rc after SIGINT"; return 1; }
	# One alarm per line, numbered without gaps; module 4's faults, its
	# quarantine and its recovery in order.
	{ jq -e -s 'length >= 4 and all(.name == "alarm-ntf" and ."timestamp-realtime-ns" > 0 and .msg."fabric-id" == '$FAB')' \
		"$tmp/alarms" >/dev/null &&
		jq -e -s '[.[].msg."ntf-seq"] as $s | all(range(1; $s | length); $s[.] == $s[. - 1] + 1)' \
			"$tmp/alarms" >/dev/null &&
		jq -e -s 'any(.[].msg; ."alarm-kind" == "aging-predicted" and ."module-id" == 12 and
			."alarm-lasers" == 8 and ."alarm-lasers-list" == [3])' "$tmp/alarms" >/dev/null &&
		# A laser alarm's flags by the names of a laser's, beside the number.
		jq -e -s '[.[].msg | select(."alarm-kind" == "threshold-lasers")] |
			length > 0 and all(.[]; ."alarm-flags-names" | length > 0 and
				all(.[]; test("^(bias|power|freq)-(warn|alarm)-(lo|hi)$")))' \
			"$tmp/alarms" >/dev/null &&
		jq -e -s '[.[].msg | select(.side == "gpu" and ."module-id" == 4 and
				."health-domain" == "module") | ."alarm-kind"] as $all |
			($all | map(select(. != "cleared"))) as $k |
			($k | map(select(. == "health-error")) | length) == 2 and
			($k | index("threshold-lasers")) < ($k | index("quarantine")) and
			($k | index("health-error")) < ($k | index("quarantine")) and
			$k[-1] == "recovered" and
			($all | index("threshold-lasers")) < ($all | index("cleared"))' \
			"$tmp/alarms" >/dev/null
	} || { head -c 3000 "$tmp/alarms"; return 1; }
}
ok "monitor alarms: faults, quarantine, recovery, aging, flags cleared as NDJSON, gap-free; SIGINT exits 0" t_mon_alarms
t_alarm_history() {
	local last
	# The fabric's history holds every alarm the monitor heard (those it
	# still keeps), numbered alike, each with its severity and times.
	j -F $FAB alarm show &&
		q 'length > 0 and all(."ntf-seq" > 0 and ."alarm-severity" != null and
			."alarm-wall-ns" > 0 and ."alarm-time-ns" != null)' &&
		jq -e -s --slurpfile h "$tmp/out" '($h[0] | map(."ntf-seq")) as $kept |
			[.[].msg."ntf-seq" | select(. >= $kept[0])] - $kept == []' \
			"$tmp/alarms" >/dev/null &&
		last=$(jq '.[-1]."ntf-seq"' "$tmp/out") &&
		j -F $FAB alarm show active && q 'all(."alarm-active" == true)' &&
		"$C" -F $FAB alarm ack "$last" &&
		j -F $FAB alarm show "$last" &&
		q 'length == 1 and .[0]."alarm-acked" == true and .[0]."ntf-seq" == '"$last" &&
		"$C" -F $FAB alarm show from "$last" | grep -q ' acked' &&
		code 2 -F $FAB alarm ack $((last + 1000000)) &&
		grep -q "no such alarm in the fabric's history" "$tmp/err" &&
		code 1 -F $FAB alarm ack x
}
ok "alarm show and ack: the history holds what the monitor heard; acked stays listed" t_alarm_history
t_mon_human() {
	local rc ts='^\[[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}\] '
	kill -INT "$mon_human"
	wait "$mon_human"
	rc=$?
	mon_human=
	[ $rc = 0 ] || { echo "monitor exit $rc after SIGINT"; return 1; }
	# A line per event, GPU 2's only: its links, its laser modules.
	{ [ -s "$tmp/human" ] &&
		! grep -Ev "$ts(link-ntf link [0-9]+|module-ntf side gpu module [0-9]+) gpu 2 " "$tmp/human" &&
		grep -Eq "${ts}link-ntf link 16 gpu 2 engine 0 port 0 plane 0 state degraded .*lanes-up 7 cause laser ntf-seq [0-9]+ " \
			"$tmp/human" &&
		grep -Eq "${ts}module-ntf side gpu module 4 gpu 2 state fault .*cause quarantine " "$tmp/human" &&
		grep -Eq "${ts}module-ntf side gpu module 4 gpu 2 state ready admin active " "$tmp/human"
	} || { head -c 3000 "$tmp/human"; return 1; }
}
ok "monitor -t prints a timestamped line per event for people; SIGINT exits 0" t_mon_human
t_fast() { "$C" -F $FAB fabric set time-scale 1000 && j -F $FAB fabric show && q '.[0]."fabric-time-scale" == 1000'; }
ok "fabric set time-scale 1000 runs the fabric clock fast again" t_fast
# One of each kind of fault the tests above do not inject, and what a -j read
# shows of it.  Each its own GPU's module: no burst, no quarantine.
t_module_death() {
	"$C" -F $FAB sim fault inject module-death 3/0 &&
		j -F $FAB laser show 3/0 && q '.[0]."module-state" == "fault" and .[0]."module-lasers-on" == 0' &&
		j -F $FAB link show gpu 3 &&
		q 'map(select(.engine == 0)) | length == 4 and
			all(."link-state" == "wait-light" and ."link-down-reason" == "module" and
			    ."link-cause" == "module")' &&
		j -F $FAB laser show 3/0 && q '.[0]."module-cause" == "supply"' &&
		j -F $FAB health show module 6 && q '.[0]."health-errors" == 1' &&
		# Its cause gone, a module stays in fault until it is reset.
		"$C" -F $FAB sim fault clear module-death 3/0 &&
		j -F $FAB laser show 3/0 && q '.[0]."module-state" == "fault"' &&
		j -F $FAB -w --timeout 60 laser reset 3/0 &&
		q '.result == "done" and ."module-state" == "ready" and ."links-up" == 4' &&
		j -F $FAB link show gpu 3 && q 'all(."link-state" == "up")'
}
ok "module-death: the module faults, its links lose light; laser reset --wait brings them back" t_module_death
t_fw_hang() {
	# The firmware hangs in its next transition, the reset: the host gives
	# up after 5 s and the module faults.
	"$C" -F $FAB sim fault inject fw-hang 5/1 &&
		j -F $FAB laser show 5/1 && q '.[0]."module-state" == "ready"' &&
		code 3 -F $FAB -j -w --timeout 60 laser reset 5/1 &&
		q '.result == "failed" and ."module-state" == "fault"' &&
		grep -qx 'ophotonctl: the operation failed' "$tmp/err" &&
		j -F $FAB health show module 11 && q '.[0]."health-errors" == 1' &&
		"$C" -F $FAB sim fault clear fw-hang 5/1 &&
		j -F $FAB -w --timeout 60 laser reset 5/1 &&
		q '.result == "done" and ."module-state" == "ready" and ."links-up" == 4'
}
ok "fw-hang: laser reset --wait exits 3 when the module hangs, and succeeds once cleared" t_fw_hang
t_tec() {
	# The lasers warm at 1 K/s and walk off their grid line (freq warn-hi,
	# bit 9, then alarm-hi, bit 11); after 20 s, TEC runaway: a fault.
	local l
	"$C" -F $FAB sim fault inject tec 4/0 && "$C" -F $FAB sim clock step 30s &&
		j -F $FAB -ss laser show 4/0 &&
		q '.[0]."module-state" == "fault" and
			all(.[0].lasers[]."laser-stats".latched; (. / 512 | floor) % 2 == 1 and (. / 2048 | floor) % 2 == 1) and
			all(.[0].lasers[]."laser-stats"."latched-names"; index("freq-warn-hi") and index("freq-alarm-hi"))' &&
		"$C" -F $FAB -ss laser show 4/0 >"$tmp/text" && grep -q "latched .*freq-warn-hi,freq-alarm-hi" "$tmp/text" &&
		j -F $FAB health show module 8 && q '.[0]."health-errors" == 1' &&
		"$C" -F $FAB sim fault clear tec 4/0 && "$C" -F $FAB laser clear 4/0 &&
		j -F $FAB -ss laser show 4/0 && q 'all(.[0].lasers[]; ."laser-stats".latched == 0)' &&
		"$C" -F $FAB laser reset 4/0 || return 1
	# Its links may have used up their retries meanwhile: cleared, they come up.
	for l in 0 1 2 3; do
		"$C" -F $FAB -w --timeout 60 link set 4/0/$l clear >/dev/null || return 1
	done
	j -F $FAB laser show 4/0 && q '.[0]."module-state" == "ready"'
}
ok "tec: the lasers latch frequency alarms, the module faults; laser clear clears them" t_tec
t_dirty() {
	# 3 dB more on the GPU's transmit fibre: every up lane receives exactly
	# that much less, the down lanes as much as before.
	j -F $FAB -s lane show link 0/1/1 && mv "$tmp/out" "$tmp/clean" &&
		"$C" -F $FAB sim fault inject fibre-dirty 0/1/1 fibre tx value 300 &&
		j -F $FAB -s lane show link 0/1/1 &&
		jq -e --slurpfile c "$tmp/clean" '[., $c[0]] | transpose | length == 16 and
			all(.[]; .[0]."lane-state" == "active" and
				.[1]."lane-stats"."rx-power-udbm" - .[0]."lane-stats"."rx-power-udbm" ==
				(if .[0].dir == "up" then 3000 else 0 end))' "$tmp/out" >/dev/null &&
		j -F $FAB -s link show 0/1/1 && q '.[0]."link-state" == "up" and .[0]."link-stats".latched != 0' &&
		# Each fibre its own figures: the transmit fibre lost the 3 dB.
		q '.[0]."link-stats" | ."tx-fibre-loss-mdb" - ."rx-fibre-loss-mdb" == 3000 and
			."feed-loss-mdb" < 2001 and ."fibre-length-dm" > 0' &&
		"$C" -F $FAB sim fault clear fibre-dirty 0/1/1 fibre tx &&
		j -F $FAB -s lane show link 0/1/1 &&
		jq -e --slurpfile c "$tmp/clean" 'map(."lane-stats"."rx-power-udbm") == ($c[0] | map(."lane-stats"."rx-power-udbm"))' \
			"$tmp/out" >/dev/null &&
		"$C" -F $FAB link set 0/1/1 clear && j -F $FAB -s link show 0/1/1 && q '.[0]."link-stats".latched == 0'
}
ok "fibre-dirty: the up lanes receive 3 dB less, until cleared; link set clear clears the flag" t_dirty
t_drift() {
	# 1 K/s up to 2 K: the engine is 2 K warmer, and the rings receiving
	# there (the down lanes) need 44 uW/K less heater.
	local t
	j -F $FAB -s engine show 7/0 && t=$(jq '.[0]."agg-stats"."temp-mc"' "$tmp/out") &&
		j -F $FAB -s lane show link 7/0/0 && mv "$tmp/out" "$tmp/cool" &&
		"$C" -F $FAB sim fault inject ring-drift 7/0 value 1000 amount 2000 &&
		"$C" -F $FAB sim clock step 5s &&
		j -F $FAB -s engine show 7/0 && q ".[0].\"agg-stats\".\"temp-mc\" == $((t + 2000)) and .[0].\"links-up\" == 4" &&
		j -F $FAB -s lane show link 7/0/0 &&
		jq -e --slurpfile c "$tmp/cool" '[., $c[0]] | transpose | length == 16 and
			all(.[]; .[0]."lane-state" == "active" and
				.[1]."lane-stats"."heater-uw" - .[0]."lane-stats"."heater-uw" ==
				(if .[0].dir == "down" then 88 else 0 end))' "$tmp/out" >/dev/null &&
		"$C" -F $FAB sim fault clear ring-drift 7/0 &&
		j -F $FAB -s engine show 7/0 && q ".[0].\"agg-stats\".\"temp-mc\" == $t"
}
ok "ring-drift: the engine warms by the amount, its rings need less heater" t_drift
t_cooling() {
	# Coolant lost on 7/1 at 5 K/s: past 30 K its rings lose lanes (cause
	# thermal), at 105 C it shuts down and reads no temperature; coolant
	# back, it runs again.
	"$C" -F $FAB sim fault inject cooling 7/1 value 5000 && "$C" -F $FAB sim clock step 20s &&
		j -F $FAB -s engine show 7/1 &&
		q '.[0]."engine-dead" == true and .[0]."agg-stats"."temp-mc" == null and
			.[0]."agg-stats"."latched" == 10' &&
		j -F $FAB link show gpu 7 &&
		q 'map(select(.engine == 1)) | length == 4 and all(."link-cause" == "thermal")' &&
		"$C" -F $FAB sim fault clear cooling 7/1 && "$C" -F $FAB sim clock step 10s &&
		j -F $FAB link show gpu 7 && q 'map(select(.engine == 1)) | all(."link-state" == "up")'
}
ok "cooling: the engine climbs through warning and alarm to a thermal shutdown (cause thermal)" t_cooling
t_ber() {
	# 1e-9 on every lane: above 1e-10, the GPU's receivers (no FEC) run the
	# link degraded.  1e-5 on one lane: above 1e-6, the GPU loses it; the
	# switch's KP4 FEC corrects it.  5e-4 into the switch only: past FEC's
	# 2.4e-4 limit, degraded, and codewords are lost.
	"$C" -F $FAB sim fault inject ber 0/1/2 value 900 &&
		j -F $FAB -s lane show link 0/1/2 && q 'length == 16 and all(."lane-stats"."ber-e" == 900)' &&
		j -F $FAB link show 0/1/2 && q '.[0]."link-state" == "degraded" and .[0]."link-lanes-up" == 8' &&
		"$C" -F $FAB sim fault clear ber 0/1/2 &&
		code 2 -F $FAB sim fault clear ber 0/1/2 && grep -q 'no such fault is injected' "$tmp/err" &&
		j -F $FAB link show 0/1/2 && q '.[0]."link-state" == "up"' &&
		"$C" -F $FAB sim fault inject ber 0/1/2 lane 1 value 500 && "$C" -F $FAB sim clock step 5s &&
		j -F $FAB lane show unhealthy &&
		q 'map([."link-id", .lane, .dir, ."lane-state"]) == [[6, 1, "down", "failed"]]' &&
		j -F $FAB link show 0/1/2 && q '.[0]."link-state" == "degraded" and .[0]."link-lanes-up" == 7' &&
		"$C" -F $FAB sim fault clear ber 0/1/2 lane 1 && "$C" -F $FAB sim clock step 5s &&
		j -F $FAB link show unhealthy && q 'length == 0' &&
		"$C" -F $FAB sim fault inject ber 0/1/2 fibre tx value 330 && "$C" -F $FAB sim clock step 5s &&
		j -F $FAB link show 0/1/2 && q '.[0]."link-state" == "degraded" and .[0]."link-lanes-up" == 8' &&
		j -F $FAB -s lane show link 0/1/2 &&
		q 'map(select(.dir == "up")) | all(."lane-stats"."fec-uncorrectable" > 0)' &&
		"$C" -F $FAB sim fault clear ber 0/1/2 && "$C" -F $FAB sim clock step 5s &&
		j -F $FAB link show unhealthy && q 'length == 0'
}
ok "ber: each direction judged by its receiver (no FEC, KP4); clearing a fault that is not there exits 2" t_ber
t_refusal() {
	code 2 $F fabric set thresh engine-temp-mc warn-lo 100 warn-hi 50 &&
		grep -q "ordered.*(attribute thresh)" "$tmp/err"
}
ok "a refusal prints the kernel's message and the attribute" t_refusal
t_thresh() {
	"$C" $F fabric set thresh engine-temp-mc warn-hi 90000 rack-budget-w 200000 &&
		j $F fabric show && q '.[0]."fabric-rack-budget-w" == 200000 and
			(.[0].thresh[] | select(.id == "engine-temp-mc") | ."warn-hi") == 90000'
}
ok "fabric set thresholds and budget" t_thresh
t_clock() {
	local before after
	j $F fabric show && before=$(jq '.[0]."fabric-clock-ns"' "$tmp/out") &&
		"$C" $F sim clock step 1h && j $F fabric show &&
		after=$(jq '.[0]."fabric-clock-ns"' "$tmp/out") &&
		[ $((after - before)) -ge 3600000000000 ]
}
ok "sim clock step moves the virtual clock" t_clock
t_monitor() {
	# Link 6 by its place (GPU 0, engine 1, port 2): its events only, not
	# those of link 7 on the same GPU.
	# Ended by SIGINT once the changes are made, not by a fixed time:
	# on the debug kernel the four commands alone can take seconds.
	# (timeout only guards against a hang; --foreground as above.)
	timeout --foreground 120 "$C" $F -j -t monitor config link 0/1/2 >"$tmp/mon" &
	local pid=$! rc
	sleep 2	# JSON mode says nothing when it listens: give it time to join
	"$C" $F link set 7 down && "$C" $F -w link set 7 up >/dev/null &&
		"$C" $F link set 6 down && "$C" $F -w link set 6 up >/dev/null ||
		{ kill $pid; wait $pid; return 1; }
	sleep 1
	kill -INT $pid
	wait $pid
	rc=$?
	[ $rc = 0 ] || { echo "monitor exit $rc after SIGINT"; return 1; }
	# One JSON object per line, consecutive sequence numbers.
	jq -e -s 'length >= 3 and all(.name == "link-ntf" and .msg."link-id" == 6 and
		."timestamp-realtime-ns" > 0)' "$tmp/mon" >/dev/null &&
		jq -e -s '[.[].msg."ntf-seq"] as $s | all(range(1; $s | length); $s[.] == $s[. - 1] + 1)' \
			"$tmp/mon" >/dev/null || { echo "monitor printed:"; cat "$tmp/mon"; return 1; }
}
ok "monitor prints NDJSON events with gap-free sequence numbers" t_monitor
t_overrun() {
	# A receive buffer too small for a fabric going down at once.
	# (timeout only guards against a hang; SIGINT ends it.  --foreground:
	# the signal goes to ophotonctl alone, once.)
	timeout --foreground 300 "$C" -j --rcvbuf 1024 monitor config >"$tmp/mon" 2>"$tmp/mon.err" &
	local pid=$! st mon
	sleep 1
	# The monitor stopped while the fabric goes down and up: its buffer
	# overflows however the kernel spreads the notifications out (a
	# fabric-set lets the fabric go every 2 ms, and the clock runs).
	mon=$(pgrep -P $pid)
	[ -n "$mon" ] && kill -STOP $mon
	"$C" $F fabric set down && "$C" $F -w --timeout 60 fabric set up >/dev/null
	[ -n "$mon" ] && kill -CONT $mon
	sleep 1
	kill -INT $pid
	wait $pid
	st=$?
	# SIGINT ends it cleanly, exit 0
	[ $st = 0 ] || { echo "monitor exited $st"; return 1; }
	jq -e -s 'any(.name? == "overrun") and any(.name? == "resync-end") and
		any(.name? == "link-ntf")' "$tmp/mon" >/dev/null &&
		grep -q "dropped notifications" "$tmp/mon.err" ||
		{ echo "monitor printed:"; head -c 2000 "$tmp/mon"; cat "$tmp/mon.err"; return 1; }
}
ok "monitor reports an overrun, re-reads the state and goes on" t_overrun
t_map() {
	j $F fabric map && q 'length == 8 and all(.state == "up")' &&
		j $F fabric map blast laser 1/0 && q '[.[] | select(."in-blast")] | map(."gpu-id") == [1]' &&
		NO_COLOR=1 "$C" $F fabric map >"$tmp/map" && ! grep -q $'\033' "$tmp/map" &&
		grep -q '^rack   1  oo oo' "$tmp/map"
}
ok "fabric map, with a blast radius, without colour in a pipe" t_map
# check-export.py: the same checks as the host tests', on the real module's text.
X=$top/tools/ophotonctl/check-export.py
t_export() {
	# Prometheus text 0.0.4 by default: prometheus_client parses every family
	# with its type, every TYPE is one of 0.0.4's and names its samples.
	"$C" $F fabric export >"$tmp/prom" && "$X" "$tmp/prom" &&
		"$C" $F fabric export format prometheus >"$tmp/prom2" &&
		diff <(grep '^#' "$tmp/prom") <(grep '^#' "$tmp/prom2") &&
		! grep -q '^# EOF\|^# UNIT\|stateset' "$tmp/prom" &&
		grep -qx '# TYPE ophoton_link_downs_total counter' "$tmp/prom" &&
		grep -q '^ophoton_laser_module_state{fabric="'$FAB'",side="gpu",module="0",state="ready"} 1$' "$tmp/prom"
}
ok "fabric export is Prometheus text 0.0.4" t_export
t_export_ne() {
	# Its own network namespace, for a loopback of its own in the VM.
	unshare -n bash -c 'ip link set lo up && exec "$0" --node-exporter "$1"' "$X" "$tmp/prom"
}
if command -v prometheus-node-exporter >/dev/null; then
	ok "node_exporter's textfile collector reads fabric export" t_export_ne
else
	n=$((n + 1))
	echo "ok $n node_exporter's textfile collector reads fabric export # SKIP not installed"
fi
t_export_om() {
	"$C" $F fabric export --format openmetrics >"$tmp/om" && tail -1 "$tmp/om" | grep -qx '# EOF' &&
		"$X" --openmetrics "$tmp/om" &&
		grep -qx '# TYPE ophoton_laser_module_state stateset' "$tmp/om"
}
ok "fabric export --format openmetrics is valid OpenMetrics" t_export_om
t_batch() {
	printf 'link show 1\n# a comment\nrack show 0\n' | "$C" $F -b - >"$tmp/out" &&
		! printf 'link show 1\nlink show 999\nrack show 0\n' | "$C" $F -b - 2>"$tmp/err" >/dev/null &&
		grep -q '^-:2: ' "$tmp/err"
}
ok "batch mode runs lines and names the failing one" t_batch
# state: what a bad command must not change (states, not moving counters)
state() {
	{ "$C" -j $F link show | jq -c 'map([."link-id", ."link-state", ."link-admin-up"])'
	  "$C" -j $F laser show | jq -c 'map([."module-id", ."module-state", ."module-admin"])'
	  "$C" -j $F fabric show | jq -c '.[0] | [."fabric-time-scale", ."fabric-rack-budget-w", .thresh]'
	  "$C" -j $F lane show | jq -c 'map([."link-id", ."lane", ."dir", ."lane-state"])'
	  "$C" -j $F engine show | jq -c 'map([."side", ."engine-id", ."engine-dead"])'
	  "$C" -j $F health show | jq -c 'map([."health-domain", ."health-id", ."health-errors", ."health-quarantined"])'
	} 2>&1
}
t_bad_input() {
	local before after want args bad=0
	before=$(state)
	while read -r want args; do
		# shellcheck disable=SC2086
		"$C" $F $args >/dev/null 2>"$tmp/err"
		got=$?
		if [ "$got" != "$want" ] || [ ! -s "$tmp/err" ]; then
			echo "'$args': exit $got (wanted $want), stderr: $(cat "$tmp/err")"
			bad=1
		fi
	done <<-EOF
		1 link show 999
		1 link show x
		1 link show 1/2
		1 link show gpu
		1 link show gp 1
		1 link sh
		1 link set 1 sideways
		1 link set
		1 link set 999 up
		1 lane show lane 3
		1 laser show 99/0
		1 laser prepare-remove
		1 laser activate 0/9
		1 gpu show rack 9 tray 0 slot 0
		1 gpu show rack 0 tray 0
		1 engine show 0/9
		1 blast laser
		1 blast tray 1
		1 sim fault inject gremlins 1
		1 sim fault inject fibre-cut
		1 sim fault inject fibre-cut 0/0/1 fibre sideways
		1 sim clock step -5
		1 sim clock step 0
		1 sim clock step soon
		1 sim laser remove
		1 fabric set
		1 fabric set time-scale abc
		1 fabric set thresh bogus warn-hi 1
		1 fabric set thresh engine-temp-mc
		2 fabric set time-scale 0
		2 fabric set rack-budget-w 0
		2 fabric set thresh engine-temp-mc warn-lo 9 warn-hi 1
		1 fabric create
		1 fabric create 70000
		1 fabric destroy abc
		2 fabric create 23 bogus=1
		1 monitor bogus
		1 bogus
		1 link bogus
		2 health show module 99999
		4 laser show 0/0 laser 9 side gpu fabric 99
		1 fabric map bogus
		1 fabric export format bogus
		1 fabric show x
		1 rack show x
		1 engine clear 0/9
		1 engine recover
		1 laser reset 99/0
		1 laser recover x
		1 laser clear
		1 sim laser insert 99/0
		1 sim laser insert 0/0 serial x
		1 blast engine 0/9
		1 blast link 999
		1 blast rack x
		1 version bogus
		1 link show 2 gpu 0
		1 -w sim clock step 1s
		1 --timeout 5 link show
		1 link set help-me
	EOF
	after=$(state)
	[ "$before" = "$after" ] || { echo "state changed:"; diff <(echo "$before") <(echo "$after"); bad=1; }
	return $bad
}
ok "every bad command line exits with its code, says why, changes nothing" t_bad_input
ok "an absent fabric exits 4" code 4 -F 99 link show 1
ok "a bad place exits 1 with the usage" code 1 $F link show 9/9/9
t_json_all() {
	local cmd
	while read -r cmd; do
		# shellcheck disable=SC2086
		"$C" -j -s $F $cmd >"$tmp/out" || { echo "$cmd failed"; return 1; }
		jq -e . "$tmp/out" >/dev/null || { echo "$cmd: bad JSON"; return 1; }
	done <<-EOF
		fabric show
		rack show
		gpu show
		engine show
		link show
		lane show link 3
		laser show
		laser show 0/0 lasers
		health show
		blast engine 2/1
		blast tray 1/1
		fabric map engines
	EOF
}
ok "every read's JSON, with statistics, is valid" t_json_all
t_help() { "$C" help >/dev/null && "$C" sim help | grep -q "sim fault"; }
ok "help at every level" t_help
t_ns() {
	unshare -n "$C" -F $FAB link show 1 >/dev/null 2>&1
	[ $? = 4 ]
}
ok "another network namespace does not see the fabric (exit 4)" t_ns
# At the highest time scale u64 nanoseconds of virtual time last 51 real
# hours; two steps of 584 years go past them.  The clock in ns saturates,
# in seconds it runs on at the scale, and the fabric keeps working.
t_clock_end() {
	local G="-F 24" s0 s1
	"$C" fabric create 24 ${SHAPE/time_scale=1000/time_scale=100000} && "$C" $G -w --timeout 60 fabric set up &&
		"$C" $G sim clock step 584y && "$C" $G sim clock step 584y &&
		j $G fabric show && q '.[0]."fabric-clock-ns" == 18446744073709551615' &&
		s0=$(jq '.[0]."fabric-clock-s"' "$tmp/out") &&
		[ "$s0" -ge $((1168 * 365 * 86400)) ] && sleep 1 &&
		j $G fabric show && s1=$(jq '.[0]."fabric-clock-s"' "$tmp/out") &&
		[ $((s1 - s0)) -ge 100000 ] &&
		"$C" $G link set 3 down && "$C" $G -w --timeout 60 link set 3 up &&
		j $G link show 3 && q '.[0]."link-state" == "up"'
	local rc=$?
	"$C" fabric destroy 24 >/dev/null
	return $rc
}
ok "the clock runs on past 584 virtual years at the highest time scale" t_clock_end
t_destroy() { "$C" fabric destroy $FAB && code 4 fabric show $FAB; }
ok "fabric destroy removes it" t_destroy
ok "fabric destroy of nothing exits 4" code 4 fabric destroy $FAB

echo "1..$n"
echo "# $((n - failed)) passed, $failed failed"
[ $failed = 0 ]
