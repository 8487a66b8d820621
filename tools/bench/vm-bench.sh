#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run inside the stock-kernel test VM by "make bench": the model benchmark,
# then ophoton.ko measured over netlink beside the kernel's own netlink
# paths, all in this one boot.  Results go to OUTDIR (the VM's writable
# results share).  Measures, never gates: exits 0 unless it could not run.
#
#   tools/bench/vm-bench.sh OUTDIR [--quick]
set -uo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:?usage: vm-bench.sh OUTDIR [--quick]}
shift

echo "== model, in the test VM (${OPHOTON_VM_ACCEL:-tcg})"
if [ -z "${OPHOTON_BENCH_QUICK:-}" ] && [ "${1:-}" != --quick ]; then
	# Up to 8,192 GPUs: the largest shapes are measured natively (TCG
	# would take most of the bench's quarter of an hour on them).
	"$top/tools/bench/model_bench" "$out/model_vm.csv" 8192
fi

echo "== ophoton.ko over netlink, in the test VM"
insmod "${OPHOTON_KO:-$top/driver/ophoton.ko}" || exit 1
# rtnetlink's side of the comparison: interfaces the benchmark creates.
modprobe dummy numdummies=0 || echo "vm-bench: no dummy module, rtnetlink figures skipped"
# ophotonctl resolves the family through libnl in the same namespace.
OPHOTONCTL=$top/tools/ophotonctl/ophotonctl "$top/tools/bench/nl_bench" "$out" "$@"
rc=$?
rmmod ophoton
rmmod dummy 2>/dev/null
exit $rc
