#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Self-test of the VM runner: it must return the guest command's status,
# time out a hung guest, boot once more a guest kernel that never reached
# /init, and fail a run whose guest kernel printed a WARNING (made by the
# test-only module in splat/), naming the line.  Prints TAP.
#
#   tools/vm/selftest.sh KDIR
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
kdir=${1:?usage: selftest.sh KDIR}
run=$here/run.sh
n=0
failed=0

ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n $2"
	else
		echo "not ok $n $2"
		failed=$((failed + 1))
	fi
}

echo "TAP version 13"
echo "1..6"

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

"$run" --timeout 120 -- true >"$out/1" 2>&1
rc=$?
[ "$rc" = 0 ]; ok $? "vm: a passing command returns 0 (got $rc)"

"$run" --timeout 120 -- sh -c 'exit 7' >"$out/2" 2>&1
rc=$?
[ "$rc" = 7 ]; ok $? "vm: the guest command's exit status is returned (got $rc)"

"$run" --timeout 30 -- sleep 600 >"$out/3" 2>&1
rc=$?
[ "$rc" = 124 ] && grep -q 'timed out' "$out/3"; ok $? "vm: a hung guest times out (got $rc)"

# A boot deadline shorter than any boot stands for a kernel that hangs
# before /init: the runner boots it twice, then fails saying why.
OPHOTON_VM_BOOT_TIMEOUT=1 "$run" --timeout 120 -- true >"$out/4" 2>&1
rc=$?
[ "$rc" = 124 ] && [ "$(grep -c 'did not run /init' "$out/4")" = 2 ] &&
	grep -q 'booting once more' "$out/4" && grep -q 'FAIL: guest kernel did not run /init' "$out/4"
ok $? "vm: a guest that never reaches /init is booted once more, then fails (got $rc)"

if make -s -C "$kdir" M="$here/splat" modules >"$out/build" 2>&1; then
	"$run" --timeout 120 -- insmod "$here/splat/ophoton_splat.ko" >"$out/5" 2>&1
	rc=$?
	[ "$rc" = 125 ] && grep -q 'guest kernel report: .*WARNING:' "$out/5"
	ok $? "vm: a guest kernel WARNING fails the run and is named (got $rc)"
	grep -m1 'guest kernel report' "$out/5" | sed 's/^/# /'

	"$run" --allow-splat --timeout 120 -- insmod "$here/splat/ophoton_splat.ko" >"$out/6" 2>&1
	rc=$?
	[ "$rc" = 0 ] && grep -q 'report (allowed)' "$out/6"
	ok $? "vm: --allow-splat reports the WARNING without failing (got $rc)"
else
	sed 's/^/# /' "$out/build"
	ok 1 "vm: build the splat module"
	ok 1 "vm: --allow-splat"
fi
make -s -C "$kdir" M="$here/splat" clean >/dev/null 2>&1
for f in "$out"/[0-9]; do
	[ -s "$f" ] && sed "s|^|# $(basename "$f"): |" "$f" | tail -n 5
done
exit $((failed > 0))
