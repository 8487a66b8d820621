#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The operator's night: the default fabric (1,024 GPUs) with five faults,
# a dirty feed fibre, an aging laser, a ring drift, a dead laser and a hot
# engine, then one "fabric diagnose": every fault named by the object to
# act on, its cause and its action, in JSON and in the table.  Prints TAP.
set -u
FAB=23
. "$(dirname "$0")/lib.sh"

# The problem of one object in the last diagnosis, by its spec fields.
has() {	# has OBJ ID CAUSE-FILTER ACTION
	jq -e --arg o "$1" --argjson id "$2" --arg a "$4" \
		"[.[0].\"diag-problem\"[] | select(.obj == \$o and .id == \$id and $3 and .action == \$a)] | length == 1" \
		"$tmp/diag" >/dev/null || { echo "no $1 $2 ($3, $4) in:"; jq -c '.[0]."diag-problem"' "$tmp/diag"; return 1; }
}

trap lib_cleanup EXIT
lib_begin
F="-F $FAB"

t_healthy() {
	"$C" fabric create $FAB time_scale=1 && "$C" $F -w fabric set up &&
		"$C" -j $F fabric diagnose >"$tmp/diag" &&
		jq -e '.[0]."diag-problems" == 0 and .[0]."diag-units-walked" == 0 and
			.[0]."diag-links-down" == 0' "$tmp/diag" >/dev/null
}
ok "a healthy fabric of 1,024 GPUs has nothing to diagnose and looks into no unit" t_healthy

t_inject() {
	"$C" $F sim fault inject fibre-dirty 100/1/3 fibre feed value 300 &&
		"$C" $F sim fault inject laser-aging 200/0 laser 5 value 10000000 &&
		"$C" $F sim fault inject ring-drift 300/2 value 1000 amount 22000 &&
		"$C" $F sim fault inject laser-death 400/1 laser 7 &&
		"$C" $F sim fault inject cooling 500/0 value 1000 &&
		"$C" $F sim clock step 50s
}
ok "five faults injected, 50 s of virtual time" t_inject

t_five() {
	"$C" -j $F fabric diagnose >"$tmp/diag" &&
		{ jq -e '.[0]."diag-problems" == 5 and .[0]."diag-unlisted" == 0 and
			.[0]."diag-units-walked" == 5' "$tmp/diag" >/dev/null ||
			{ jq -c . "$tmp/diag"; false; }; } &&
		has fibre 3211 '.cause == "feed-fibre" and .fibre == "feed"' clean-fibre &&
		has module 400 '."module-cause" == "aging"' plan-swap &&
		has engine 1202 '.cause == "ring"' cooling &&
		has module 801 '."module-cause" == "laser" and .links >= 1' swap-module &&
		has engine 2000 '.cause == "thermal" and .links >= 1' cooling
}
ok "one diagnose names all five, each by its object, cause and action, looking into their five units of 64" t_five

t_order() {
	jq -e '[.[0]."diag-problem"[].severity | {"critical": 0, "major": 1, "minor": 2, "info": 3}[.]] |
		. == sort' "$tmp/diag" >/dev/null
}
ok "problems come worst first" t_order

t_table() {
	"$C" $F fabric diagnose >"$tmp/text" &&
		grep -q "^fabric $FAB at .*: 5 problems" "$tmp/text" &&
		grep -Eq "^(minor|major) +link 100/1/3 feed +feed-fibre .*clean-fibre$" "$tmp/text" &&
		grep -Eq "laser 200/0 +aging .*plan-swap$" "$tmp/text" &&
		grep -Eq "engine 300/2 +ring .*cooling$" "$tmp/text" &&
		grep -Eq "laser 400/1 +laser .*swap-module$" "$tmp/text" &&
		grep -Eq "engine 500/0 +thermal .*cooling$" "$tmp/text" ||
		{ cat "$tmp/text"; return 1; }
}
ok "the table names each in the address the other commands take" t_table

t_fixed() {
	"$C" $F sim fault clear fibre-dirty 100/1/3 fibre feed &&
		"$C" $F link set 100/1/3 clear &&
		"$C" -j $F fabric diagnose >"$tmp/diag" &&
		jq -e '([.[0]."diag-problem"[] | select(.obj == "fibre")] | length == 0) and
			.[0]."diag-problems" == 4' "$tmp/diag" >/dev/null ||
		{ jq -c . "$tmp/diag"; return 1; }
}
ok "a fibre cleaned and its flags cleared leaves the diagnosis" t_fixed

t_usage() {
	"$C" $F fabric diagnose 1 2 >/dev/null 2>&1
	[ $? = 1 ] && { "$C" fabric diagnose 65000 >/dev/null 2>&1; [ $? = 4 ]; }
}
ok "bad arguments are usage errors (exit 1), an absent fabric exit 4" t_usage

ok "fabric destroy" "$C" fabric destroy $FAB
echo "1..$n"
[ $failed = 0 ]
