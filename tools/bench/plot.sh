#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# After the VM: the scale series as an SVG plot for the documentation.
#
#   tools/bench/plot.sh RESULTS_DIR OUT.svg
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
csv=${1:?usage: plot.sh RESULTS_DIR OUT.svg}/scale.csv
out=${2:?usage: plot.sh RESULTS_DIR OUT.svg}

if [ ! -s "$csv" ]; then
	echo "bench: no $csv, no plot" >&2
	exit 0
fi
if ! command -v gnuplot >/dev/null; then
	echo "bench: gnuplot not installed (make deps), no plot" >&2
	exit 0
fi
gnuplot -e "csv='$csv'; out='$out'" "$here/scale.gp" && echo "bench: plot in $out"
