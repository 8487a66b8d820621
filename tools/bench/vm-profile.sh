#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run inside the stock-kernel test VM: profile one kind of request with
# perf (software cpu-clock sampling: TCG has no PMU) while nl_bench sends
# it in a loop to the default fabric with every link up.  Writes
# OUTDIR/perf-KIND.txt for each KIND, the flat profile of the whole machine.
#
#   tools/vm/run.sh --kernel stock --results build/bench -- \
#       tools/bench/vm-profile.sh build/bench "nlctrl LINK" [SECONDS]
#
# KIND: nlctrl, VERSION, LINK, LANE, LASER (single gets), LINKDUMP, LANEDUMP
# (full dumps with statistics) or RTNL (rtnetlink dumps of dummy interfaces).
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:?usage: vm-profile.sh OUTDIR KIND [SECONDS]}
kinds=${2:?usage: vm-profile.sh OUTDIR "KIND..." [SECONDS]}
secs=${3:-15}

insmod "${OPHOTON_KO:-$top/driver/ophoton.ko}" || exit 1
# RTNL dumps dummy interfaces, as make bench's comparison does.
modprobe dummy numdummies=0 2>/dev/null
echo 0 >/proc/sys/kernel/kptr_restrict
echo -1 >/proc/sys/kernel/perf_event_paranoid
cat /sys/devices/system/clocksource/clocksource0/current_clocksource
for kind in $kinds; do
	# Recording starts disabled; nl_bench enables it for the loop only,
	# after creating the fabric and bringing it up.
	rm -f /tmp/perf.ctl
	mkfifo /tmp/perf.ctl
	OPHOTON_PERF_CTL=/tmp/perf.ctl perf record -q -D -1 --control fifo:/tmp/perf.ctl \
		-e cpu-clock -F 2000 -a -g -o /tmp/perf.data -- \
		"$top/tools/bench/nl_bench" /tmp --loop "$kind" "$secs" | grep -v '^#'
	perf report -i /tmp/perf.data --no-children --sort symbol --stdio -g none \
		--percent-limit 0.3 2>/dev/null | grep -v '^$' >"$out/perf-$kind.txt"
	perf report -i /tmp/perf.data --no-children --sort dso --stdio -g none \
		2>/dev/null | grep -v '^#' | grep -v '^$' | head -8 >>"$out/perf-$kind.txt"
done
rmmod ophoton
rmmod dummy 2>/dev/null
