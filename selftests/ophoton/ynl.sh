#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The kernel's own YNL client, a client this project did not write, driven
# by the spec alone: tools/net/ynl/cli.py of Debian's linux-source-6.12,
# unpacked by tools/vm/ynl.sh (OPHOTON_YNL), never copied here.  The spec
# passes YNL's schema; every read op, as do and as dump, decodes to what
# "ophotonctl -j" prints for the same request; a refusal's extended ACK is
# decoded; both groups' notifications arrive during a hot swap.  Prints TAP.
set -u
FAB=24
SHAPE="racks=2 trays=2 slots=2 engines=2 ports=4 lambdas=8 min_lanes=6 switch_racks=2"
. "$(dirname "$0")/lib.sh"

Y=${OPHOTON_YNL:-}
spec=$top/Documentation/netlink/specs/ophoton.yaml

cleanup() {
	[ -n "${sub_config:-}" ] && kill "$sub_config" 2>/dev/null
	[ -n "${sub_alarms:-}" ] && kill "$sub_alarms" 2>/dev/null
	lib_cleanup
}
trap cleanup EXIT
lib_begin
if [ "$Y" = elsewhere ]; then
	# A lane that leaves YNL to another (make check: the 6.12 lane runs it).
	echo "1..0 # SKIP YNL runs in another lane of this run"
	exit 4
fi
if [ ! -e "$Y/tools/net/ynl/cli.py" ]; then
	# make check passes it; by hand: OPHOTON_YNL=$(tools/vm/ynl.sh)
	echo "1..1"
	echo "not ok 1 YNL: no tools/net/ynl/cli.py under OPHOTON_YNL='$Y' (run 'make deps', then tools/vm/ynl.sh)"
	exit 1
fi
F="-F $FAB"

ynl() {
	python3 "$Y/tools/net/ynl/cli.py" --spec "$spec" \
		--schema "$Y/Documentation/netlink/genetlink-legacy.yaml" --output-json "$@"
}

# YNL subscribed and waiting: "--subscribe G --sleep S" joins the group
# once the spec is loaded (seconds under emulation), then sleeps.
subscribed() {
	local i

	for i in $(seq 1200); do
		grep -q nanosleep "/proc/$1/wchan" 2>/dev/null && return 0
		sleep 0.1
	done
	echo "YNL ($1) did not get to its sleep"
	return 1
}

# What changes between two reads of a settled fabric: clocks, counters
# and ages.  Left out of both sides of a comparison.
VOLATILE='walk(if type == "object" then with_entries(select(.key |
	test("clock|bits|fec-|-ns$|-in-s$|time|age|since|used|heater|ring-offset|temp|power|bias|rx-|margin|ber|freq|current|supply|-uw$|-mw$|-mv$|-ua$|-mc$") | not)) else . end)'

# ophotonctl's JSON decodes flag words and laser bitmaps beside the
# spec's numbers ("latched-names", "alarm-lasers-list"); YNL has the
# numbers only.
DECODED='walk(if type == "object" then with_entries(select(.key |
	test("-names$|-list$") | not)) else . end)'

# same do|dump OP JSON-REQ CLI-ARGS...: YNL's reply to OP and the CLI's to
# the same request, equal but for what changes by itself.  A do is one
# object, the first of the CLI's list; a dump is the list, not empty.
same() {
	local mode=$1 op=$2 req=$3 pick=.
	shift 3
	[ "$mode" = do ] && pick='.[0]'
	ynl "--$mode" "$op" --json "$req" >"$tmp/ynl" || { cat "$tmp/ynl"; return 1; }
	"$C" -j $F "$@" >"$tmp/cli" || return 1
	jq -S "$VOLATILE" "$tmp/ynl" >"$tmp/a" &&
		jq -S "$pick | $DECODED | $VOLATILE" "$tmp/cli" >"$tmp/b" &&
		jq -e 'length > 0' "$tmp/a" >/dev/null &&
		diff -u "$tmp/b" "$tmp/a"
}

same_do() { same do "$@"; }
same_dump() { same dump "$@"; }

t_setup() {
	# shellcheck disable=SC2086
	"$C" fabric create $FAB $SHAPE && "$C" $F -w --timeout 120 fabric set up >/dev/null
}
ok "a fabric of 8 GPUs, every link up" t_setup

t_ops() {
	# Every request op of the spec (notifications are not listed), known
	# to YNL under the family the kernel registered.
	ynl --list-ops >"$tmp/ops" &&
		[ "$(grep -c '\[' "$tmp/ops")" = "$(python3 -c "import yaml, sys
s = yaml.safe_load(open(sys.argv[1]))
print(sum('do' in o or 'dump' in o for o in s['operations']['list']))" "$spec")" ] ||
		{ cat "$tmp/ops"; return 1; }
}
ok "YNL takes the spec (genetlink-legacy schema) and lists every op" t_ops

t_version() {
	ynl --do version-get >"$tmp/ynl" && "$C" -j version >"$tmp/cli" &&
		jq -e '."version-proto" == 1' "$tmp/ynl" >/dev/null &&
		[ "$(jq -r '."version-module"' "$tmp/ynl")" = \
		  "$(jq -r 'if type == "array" then .[0] else . end | ."version-module"' "$tmp/cli")" ] ||
		{ cat "$tmp/ynl" "$tmp/cli"; return 1; }
}
ok "version-get: the module's version and protocol 1, as ophotonctl reads them" t_version

ok "fabric-get do and dump decode as ophotonctl reads them" \
	eval 'same_do fabric-get "{\"fabric-id\": $FAB}" fabric show &&
	      same_dump fabric-get "{}" fabric list'
ok "rack-get do and dump" \
	eval 'same_do rack-get "{\"fabric-id\": $FAB, \"rack-id\": 1}" rack show 1 &&
	      same_dump rack-get "{\"fabric-id\": $FAB}" rack show'
ok "gpu-get do and dump" \
	eval 'same_do gpu-get "{\"fabric-id\": $FAB, \"gpu-id\": 3}" gpu show 3 &&
	      same_dump gpu-get "{\"fabric-id\": $FAB}" gpu show'
ok "engine-get do and dump" \
	eval 'same_do engine-get "{\"fabric-id\": $FAB, \"side\": \"gpu\", \"engine-id\": 1}" engine show 0/1 &&
	      same_dump engine-get "{\"fabric-id\": $FAB}" engine show'
ok "link-get do and dump" \
	eval 'same_do link-get "{\"fabric-id\": $FAB, \"link-id\": 3}" link show 3 &&
	      same_dump link-get "{\"fabric-id\": $FAB}" link show'
ok "lane-get do and dump (enum by name in the request)" \
	eval 'same_do lane-get "{\"fabric-id\": $FAB, \"link-id\": 3, \"lane\": 2, \"dir\": \"up\"}" lane show link 3 lane 2 dir up &&
	      same_dump lane-get "{\"fabric-id\": $FAB, \"link-id\": 3}" lane show link 3'
ok "module-get do and dump" \
	eval 'same_do module-get "{\"fabric-id\": $FAB, \"side\": \"gpu\", \"module-id\": 1}" laser show 0/1 &&
	      same_dump module-get "{\"fabric-id\": $FAB}" laser show'
ok "laser-get do and dump" \
	eval 'same_do laser-get "{\"fabric-id\": $FAB, \"side\": \"gpu\", \"module-id\": 1, \"lane\": 3}" laser show 0/1 laser 3 &&
	      same_dump laser-get "{\"fabric-id\": $FAB, \"side\": \"gpu\", \"module-id\": 1}" laser show 0/1 lasers'
ok "health-get do and dump" \
	eval 'same_do health-get "{\"fabric-id\": $FAB, \"side\": \"gpu\", \"health-domain\": \"module\", \"health-id\": 1}" health show module 1 &&
	      same_dump health-get "{\"fabric-id\": $FAB}" health show'

t_blast() {
	# The affected links, a nest of u32: the reply YNL could not read before.
	same_do blast-get "{\"fabric-id\": $FAB, \"side\": \"gpu\", \"blast-obj\": \"module\", \"blast-id\": 1}" \
		blast laser 0/1 &&
		jq -e '(."blast-link-ids" | length) == ."blast-links" and ."blast-links" > 0' "$tmp/ynl" >/dev/null
}
ok "blast-get do: blast-link-ids decoded as a list of link ids" t_blast

t_stats() {
	# With statistics the counters move between the two reads: the same attributes.
	ynl --dump link-get --json "{\"fabric-id\": $FAB, \"stats\": true}" >"$tmp/ynl" &&
		"$C" -j -s $F link show >"$tmp/cli" &&
		[ "$(jq -c '[.[] | [paths | map(tostring) | join(".")]] | unique' "$tmp/ynl")" = \
		  "$(jq -c "[.[] | $DECODED | [paths | map(tostring) | join(\".\")]] | unique" "$tmp/cli")" ]
}
ok "link-get dump with stats: the same attributes, nests and all" t_stats

t_diag() {
	# The fault's consequences settled before the two reads.
	"$C" $F sim fault inject laser-death 0/1 lane 3 >/dev/null &&
		"$C" $F sim clock step 10s >/dev/null &&
		same_do diagnose "{\"fabric-id\": $FAB}" fabric diagnose &&
		same_dump alarm-get "{\"fabric-id\": $FAB}" alarm show &&
		seq=$(jq '.[0]."ntf-seq"' "$tmp/ynl") &&
		same_do alarm-get "{\"fabric-id\": $FAB, \"ntf-seq\": $seq}" alarm show "$seq"
}
ok "diagnose do, alarm-get do and dump, after a laser dies" t_diag

t_extack() {
	# The kernel's refusal, decoded: its message and the attribute it names.
	! ynl --do link-get --json "{\"fabric-id\": $FAB, \"link-id\": 99999}" >"$tmp/err" 2>&1 &&
		grep -q "bad-attr.*link-id" "$tmp/err" && grep -q "'msg'" "$tmp/err" ||
		{ cat "$tmp/err"; return 1; }
}
ok "a refusal: YNL decodes the extended ACK's message and bad attribute" t_extack

t_ntf() {
	# Both groups heard during a hot swap of the module whose laser died.
	python3 "$Y/tools/net/ynl/cli.py" --spec "$spec" --no-schema --output-json \
		--subscribe config --sleep 90 >"$tmp/config" 2>&1 &
	sub_config=$!
	python3 "$Y/tools/net/ynl/cli.py" --spec "$spec" --no-schema --output-json \
		--subscribe alarms --sleep 90 >"$tmp/alarms" 2>&1 &
	sub_alarms=$!
	subscribed $sub_config && subscribed $sub_alarms || return 1
	# A second laser of the module dies: the reason to swap it.
	"$C" $F sim fault inject laser-death 0/1 lane 4 >/dev/null &&
		"$C" $F -w --timeout 60 laser prepare-remove 0/1 >/dev/null &&
		"$C" $F sim laser remove 0/1 >/dev/null &&
		"$C" $F sim laser insert 0/1 serial 79 >/dev/null &&
		"$C" $F -w --timeout 60 laser activate 0/1 >/dev/null || return 1
	# YNL reads what queued once its sleep ends: it must not have ended yet.
	kill -0 "$sub_config" && kill -0 "$sub_alarms" ||
		{ echo "YNL stopped listening before the swap was over"; return 1; }
	wait "$sub_config" "$sub_alarms"
	sub_config= sub_alarms=
	# The swap's own records: the slot empty, then the new module lighting its links.
	jq -e '[.[] | select(.name == "module-ntf" and .msg.side == "gpu" and
			     .msg."module-id" == 1) | .msg] |
		(map(."module-state") | index("absent")) as $out |
		$out != null and
		(.[$out:] | any(."module-serial" == 79 and ."module-state" == "ready" and
				."module-admin" == "active"))' "$tmp/config" >/dev/null &&
		jq -e '[.[] | select(.name == "link-ntf")] | length > 0' "$tmp/config" >/dev/null &&
		jq -e '[.[] | select(.name == "alarm-ntf")] | length > 0' "$tmp/alarms" >/dev/null ||
		{ head -c 2000 "$tmp/config"; head -c 2000 "$tmp/alarms"; return 1; }
}
ok "a hot swap: module-ntf and link-ntf on config, alarm-ntf on alarms" t_ntf

echo "1..$n"
[ "$failed" = 0 ]
