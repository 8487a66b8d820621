#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The scripted session of "make demo", run inside the test VM: what ophoton
# can do so far, driven through ophotonctl as an operator would.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
ctl=$top/tools/ophotonctl/ophotonctl
ko=${OPHOTON_KO:-$top/driver/ophoton.ko}

bold= plain=
if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then
	bold=$(printf '\033[1m') plain=$(printf '\033[0m')
fi

step() {
	printf '\n%s$ %s%s\n' "$bold" "$*" "$plain"
	"$@"
}

echo "ophoton demo on $(uname -sr)"
echo "Before loading, ophotonctl says the module is absent (exit code 4):"
step "$ctl" version || echo "(exit $?)"
step insmod "$ko"
step grep ophoton /proc/modules
step "$ctl" version
step "$ctl" -j -p version
step "$ctl" version help
step rmmod ophoton
echo
echo "Module unloaded cleanly; the demo is over."
