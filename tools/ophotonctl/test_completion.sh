#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The bash completion, with this directory's ophotonctl (no module needed).
set -e
cd "$(dirname "$0")"
PATH=$PWD:$PATH
# shellcheck source=/dev/null
source ./ophotonctl.bash
comp() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _ophotonctl; echo "${COMPREPLY[*]}"; }
[ "$(comp ophotonctl li)" = "link" ]
[ "$(comp ophotonctl -j laser pre)" = "prepare-remove" ]
[ "$(comp ophotonctl blast e)" = "engine" ]
[ "$(comp ophotonctl link show 1 side s)" = "switch" ]
[ "$(comp ophotonctl --timeo)" = "--timeout" ]
[ "$(comp ophotonctl fabric export --fo)" = "--format" ]
[ "$(comp ophotonctl fabric export --format o)" = "openmetrics" ]
[ "$(comp ophotonctl fabric export format "")" = "prometheus openmetrics" ]
comp ophotonctl "" | grep -qw monitor
