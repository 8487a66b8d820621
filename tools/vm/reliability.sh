#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run inside the debug-kernel VM by "make reliability": the long forms of
# the reliability tests, then one summary of their figures.  The sizes asked
# for come from the environment (OPHOTON_FUZZ_COUNT, OPHOTON_STRESS_SECONDS,
# OPHOTON_CYCLES, OPHOTON_LARGE_GPUS); the summary reports what the tests
# say ran.  The runner
# fails the run on any kernel report.
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
st=$top/selftests/ophoton
log=$(mktemp)
rc=0
kmemleak=/sys/kernel/debug/kmemleak

if [ -w "$kmemleak" ]; then
	echo scan >"$kmemleak"
	echo clear >"$kmemleak"
fi
for t in nlfuzz stress failslab lifecycle privilege large.sh; do
	echo "== $t"
	"$st/$t" 2>&1 | tee -a "$log" || rc=1
done
leaks=0
if [ -w "$kmemleak" ]; then
	sleep 6
	echo scan >"$kmemleak"
	echo scan >"$kmemleak"
	leaks=$(grep -c '^unreferenced object' "$kmemleak")
	[ "$leaks" = 0 ] || { sed 's/^/# /' "$kmemleak"; rc=1; }
fi
# The lines of the log matching @2, under the heading @1; a test that
# reported none is named, so a figure cannot go missing unnoticed.
figures() {
	local out

	out=$(grep -E "$2" "$log" | sed -e 's/^.*# figures: //' -e "s/^/  $1 /")
	echo "${out:-  $1 no figures reported}"
}
echo
echo "== reliability summary (debug kernel $(uname -r))"
figures 'fuzz:     ' '^ok 1 [0-9]+ messages|# figures: sent'
figures 'stress:   ' 'workers x [0-9]+ s|hot-swap cycles'
figures 'failslab: ' '# figures: .*allocation points tried'
figures 'largest:  ' '# figures: large'
# What ran, as lifecycle counted it after each cycle, not what was asked.
cycles=$(sed -n 's/^.*# figures: cycles \([0-9]* of [0-9]*\)$/\1/p' "$log" | tail -n 1)
verdict=$(grep -E '^(not )?ok .*cycles_leave_nothing_behind' "$log" | head -n 1)
case "$verdict" in
"not ok"*) verdict=failed ;;
*"# SKIP"*) verdict=skipped ;;
ok*) verdict=passed ;;
*) verdict="did not report" ;;
esac
echo "  lifecycle: ${cycles:-no} load/use/destroy/unload cycles ran; the test $verdict"
echo "  failures:  $(grep -c '^not ok' "$log")"
echo "  leaks:     $leaks (kmemleak)"
# The kernel reports (splats) are counted on the host, from the console.
exit $rc
