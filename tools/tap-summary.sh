#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Count the results in TAP/KTAP logs and print "N passed, N failed, N skipped".
# A result counts when it is a leaf: a test program's own line counts only
# when no results were nested under it (its cases are counted instead),
# except that a failing program whose cases all passed adds one failure.
#
#   tools/tap-summary.sh LOG...
awk '
function depth(line,   d) {
	d = 0
	while (substr(line, 1, 2) == "# ") { line = substr(line, 3); d++ }
	return d
}
FNR == 1 { for (i in children) delete children[i]; for (i in childfail) delete childfail[i] }
{
	line = $0
	d = depth(line)
	rest = line
	for (i = 0; i < d; i++) rest = substr(rest, 3)
	if (rest !~ /^(not )?ok [0-9]+/)
		next
	failedline = (rest ~ /^not ok/)
	skipline = (rest ~ /# *SKIP/)
	if (children[d + 1] == 0) {
		if (skipline) skipped++
		else if (failedline) failed++
		else passed++
	} else if (failedline && childfail[d + 1] == 0) {
		failed++
	}
	children[d + 1] = 0
	childfail[d + 1] = 0
	children[d]++
	if (failedline && !skipline) childfail[d]++
}
END { printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped }
' "$@"
