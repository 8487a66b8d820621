# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# What the shell kselftests share: TAP lines, jq checks, exit code checks,
# loading the module and cleaning up.  Sourced after FAB is set; a script
# that needs more cleanup defines its own cleanup() calling lib_cleanup.
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
C=${OPHOTONCTL:-$top/tools/ophotonctl/ophotonctl}
KO=${OPHOTON_KO:-$top/driver/ophoton.ko}
tmp=$(mktemp -d)
n=0
failed=0
loaded=0

# ok DESCRIPTION COMMAND...: the command's status is the result; with
# OK_TIMED=1 each line says how long it took.
ok() {
	local what=$1 t0=$SECONDS took=
	shift
	n=$((n + 1))
	if "$@" >"$tmp/log" 2>&1; then
		[ "${OK_TIMED:-0}" = 1 ] && took=" # $((SECONDS - t0)) s"
		echo "ok $n $what$took"
	else
		[ "${OK_TIMED:-0}" = 1 ] && took=" # $((SECONDS - t0)) s"
		echo "not ok $n $what$took"
		sed 's/^/# /' "$tmp/log" | head -"${OK_LOG_LINES:-20}"
		failed=$((failed + 1))
	fi
}

# j ARGS... : ophotonctl -j ARGS, its output valid JSON, kept in $tmp/out
j() {
	"$C" -j "$@" >"$tmp/out" && jq -e . "$tmp/out" >/dev/null
}

# q FILTER: jq over the last output, true when it yields true; else the
# output, for the log
q() {
	jq -e "$1" "$tmp/out" >/dev/null || { echo "false: $1"; head -c 1500 "$tmp/out"; echo; return 1; }
}

# code WANT ARGS...: ophotonctl exits with WANT
code() {
	local want=$1 got
	shift
	"$C" "$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	[ "$got" = "$want" ] || { echo "exit $got, wanted $want"; cat "$tmp/err"; return 1; }
}

lib_cleanup() {
	"$C" fabric destroy "$FAB" >/dev/null 2>&1
	[ $loaded = 1 ] && rmmod ophoton 2>/dev/null
	rm -rf "$tmp"
}

# The TAP header; as root, the module loaded unless it is (exit 4 skips).
lib_begin() {
	echo "TAP version 13"
	if [ "$(id -u)" != 0 ]; then
		echo "1..0 # SKIP needs root to load the module"
		exit 4
	fi
	if ! grep -q '^ophoton ' /proc/modules; then
		insmod "$KO" || { echo "1..0 # SKIP cannot load $KO"; exit 4; }
		loaded=1
	fi
}
