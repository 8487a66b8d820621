# SPDX-License-Identifier: GPL-2.0
#
# The scale series of "make bench" (build/bench/scale.csv, from nl_bench in
# the test VM): creation and dump time per lane-direction, and the model's
# bytes per lane-direction, against the fabric's size.  Flat lines are the
# target.
#
#   gnuplot -e "csv='build/bench/scale.csv'; out='Documentation/bench-scale.svg'" \
#       tools/bench/scale.gp
if (!exists("csv")) csv = 'build/bench/scale.csv'
if (!exists("out")) out = 'Documentation/bench-scale.svg'

set terminal svg size 800,480 dynamic font "sans,12" background rgb "white"
set output out
set datafile separator ","
set key top right box opaque
set title "ophoton in the test VM (TCG): per lane-direction as the fabric grows"
set xlabel "GPUs"
set logscale x 2
set xtics (1024, 2048, 4096, 8192)
set xrange [800:10500]
set ylabel "ns per lane-direction (log)"
set logscale y 10
set yrange [10:100000]
set y2label "model bytes per lane-direction"
set y2range [0:40]
set y2tics 0, 8
set ytics nomirror
set grid xtics ytics

plot csv using 1:8 skip 1 with linespoints lw 2 pt 7 title "dump with stats (ns)", \
     csv using 1:4 skip 1 with linespoints lw 2 pt 5 title "creation (ns)", \
     csv using 1:5 skip 1 axes x1y2 with linespoints lw 2 pt 9 title "model bytes (right)", \
     16 axes x1y2 with lines dt 2 lc rgb "gray40" title "16-byte target (right)"
