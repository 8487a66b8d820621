#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# ophotonctl end to end against the real module: every command, its JSON
# checked with jq, its exit code, and the notifications --wait and monitor
# follow.  Prints TAP.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
C=${OPHOTONCTL:-$top/tools/ophotonctl/ophotonctl}
KO=${OPHOTON_KO:-$top/driver/ophoton.ko}
FAB=21
SHAPE="racks=2 trays=2 slots=2 engines=2 ports=4 lambdas=8 min_lanes=6 switch_racks=2 time_scale=1000"
tmp=$(mktemp -d)
n=0
failed=0
loaded=0

ok() {	# ok DESCRIPTION COMMAND...: the command's status is the result
	local what=$1
	shift
	n=$((n + 1))
	if "$@" >"$tmp/log" 2>&1; then
		echo "ok $n $what"
	else
		echo "not ok $n $what"
		sed 's/^/# /' "$tmp/log" | head -20
		failed=$((failed + 1))
	fi
}

# j ARGS... : ophotonctl -j ARGS, its output valid JSON, kept in $tmp/out
j() {
	"$C" -j "$@" >"$tmp/out" && jq -e . "$tmp/out" >/dev/null
}

# q FILTER: jq over the last output, true when it yields true
q() {
	jq -e "$1" "$tmp/out" >/dev/null
}

# code WANT ARGS...: ophotonctl exits with WANT
code() {
	local want=$1 got
	shift
	"$C" "$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	[ "$got" = "$want" ] || { echo "exit $got, wanted $want"; cat "$tmp/err"; return 1; }
}

cleanup() {
	"$C" fabric destroy $FAB >/dev/null 2>&1
	[ $loaded = 1 ] && rmmod ophoton 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

echo "TAP version 13"
if [ "$(id -u)" != 0 ]; then
	echo "1..0 # SKIP needs root to load the module"
	exit 4
fi
if ! grep -q '^ophoton ' /proc/modules; then
	insmod "$KO" || { echo "1..0 # SKIP cannot load $KO"; exit 4; }
	loaded=1
fi

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

t_link() { j $F link show 1/1/2 && q '.[0]."link-id" == 14 and .[0]."link-state" == "up"'; }
ok "link show by GPU/ENGINE/PORT" t_link
t_link_gpu() { j $F link show gpu 1 && q 'length == 8 and all(."gpu-id" == 1)'; }
ok "link show filters by GPU" t_link_gpu
t_link_label() { j $F link show rack 1 tray 0 slot 1 engine 0 port 0 && q '.[0]."link-id" == 40'; }
ok "link show by rack, tray and slot labels" t_link_label
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
		"$C" $F engine recover 1/0 && "$C" $F sim clock step 10s &&
		j $F engine show 1/0 && q '.[0]."links-up" == 4' &&
		"$C" $F engine clear 1/0 && code 2 $F engine recover 99 &&
		grep -q "(attribute engine-id)" "$tmp/err"
	rc=$?
	"$C" $F fabric set time-scale 1000 && return $rc
}
ok "engine recover brings a quarantined engine back; engine clear" t_engine
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
	timeout 5 "$C" $F -j -t monitor config link 0/1/2 >"$tmp/mon" &
	local pid=$!
	sleep 1
	"$C" $F link set 7 down && "$C" $F -w link set 7 up >/dev/null &&
		"$C" $F link set 6 down && "$C" $F -w link set 6 up >/dev/null
	wait $pid
	[ $? = 124 ] || return 1	# still watching when timeout ended it
	# One JSON object per line, consecutive sequence numbers.
	jq -e -s 'length >= 3 and all(.name == "link-ntf" and .msg."link-id" == 6 and
		."timestamp-realtime-ns" > 0)' "$tmp/mon" >/dev/null &&
		jq -e -s '[.[].msg."ntf-seq"] as $s | all(range(1; $s | length); $s[.] == $s[. - 1] + 1)' \
			"$tmp/mon" >/dev/null
}
ok "monitor prints NDJSON events with gap-free sequence numbers" t_monitor
t_overrun() {
	# A receive buffer too small for a fabric going down at once.
	# (timeout only guards against a hang; SIGINT ends it.)
	timeout 300 "$C" -j --rcvbuf 1024 monitor config >"$tmp/mon" 2>"$tmp/mon.err" &
	local pid=$! st
	sleep 1
	"$C" $F fabric set down && "$C" $F -w --timeout 60 fabric set up >/dev/null
	sleep 1
	kill -INT $pid
	wait $pid
	st=$?
	# SIGINT ends it cleanly, exit 0
	[ $st = 0 ] || { echo "monitor exited $st"; return 1; }
	jq -e -s 'any(.name? == "overrun") and any(.name? == "resync-end") and
		any(.name? == "link-ntf")' "$tmp/mon" >/dev/null &&
		grep -q "dropped notifications" "$tmp/mon.err"
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
t_destroy() { "$C" fabric destroy $FAB && code 4 fabric show $FAB; }
ok "fabric destroy removes it" t_destroy
ok "fabric destroy of nothing exits 4" code 4 fabric destroy $FAB

echo "1..$n"
echo "# $((n - failed)) passed, $failed failed"
[ $failed = 0 ]
