# SPDX-License-Identifier: GPL-2.0
# bash completion for ophotonctl(8).  Objects and commands come from the
# tool's own help, so they never drift from it; ids come from the module.

_ophotonctl_objects() {
	ophotonctl help 2>/dev/null | awk '/^Objects:/ { on = 1; next } on && NF == 0 { exit } on { print $1 }'
}

_ophotonctl_commands() {
	ophotonctl "$1" help 2>/dev/null | awk -v o="$1" '$1 == "ophotonctl" && $2 == o && $3 != "help" { print $3 }' | sort -u
}

_ophotonctl() {
	local cur prev words cword obj i
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD - 1]}
	case $prev in
	-F|--fabric|fabric)
		COMPREPLY=($(compgen -W "$(ophotonctl -j fabric list 2>/dev/null |
			jq -r '.[]."fabric-id"' 2>/dev/null)" -- "$cur"))
		return ;;
	-b|--batch)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	side)
		COMPREPLY=($(compgen -W "gpu switch" -- "$cur"))
		return ;;
	dir)
		COMPREPLY=($(compgen -W "up down" -- "$cur"))
		return ;;
	fibre)
		COMPREPLY=($(compgen -W "tx rx feed" -- "$cur"))
		return ;;
	format|--format)
		COMPREPLY=($(compgen -W "prometheus openmetrics" -- "$cur"))
		return ;;
	esac
	# The object is the first word that is not an option.
	obj=
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-F|--fabric|-b|--batch|--timeout) ((i++)) ;;
		-*) ;;
		*) obj=${COMP_WORDS[i]}; break ;;
		esac
	done
	if [[ $cur == -* && $obj == fabric ]]; then
		# Options end at the object: after it, only export's --format.
		COMPREPLY=($(compgen -W "--format" -- "$cur"))
	elif [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "-j --json -p --pretty -s --stats -t --timestamp -F --fabric
			-w --wait --timeout -b --batch -f --force -c --color -h --help -V --version" -- "$cur"))
	elif [[ -z $obj ]]; then
		COMPREPLY=($(compgen -W "$(_ophotonctl_objects) help" -- "$cur"))
	elif ((i + 1 == COMP_CWORD)); then
		COMPREPLY=($(compgen -W "$(_ophotonctl_commands "$obj") help" -- "$cur"))
	else
		case $obj in
		sim) COMPREPLY=($(compgen -W "remove insert inject clear step module-death laser-death
			laser-aging fibre-cut fibre-dirty ring-drift tec ber arbitration engine-death
			fw-hang cooling lane fibre value amount serial side" -- "$cur")) ;;
		monitor) COMPREPLY=($(compgen -W "config alarms all fabric link gpu module" -- "$cur")) ;;
		fabric) COMPREPLY=($(compgen -W "fabric up down time-scale rack-budget-w thresh alarm-lo
			warn-lo warn-hi alarm-hi engines blast format --format" -- "$cur")) ;;
		*) COMPREPLY=($(compgen -W "rack tray slot gpu engine port link module laser lane dir
			side unhealthy lasers up down retrain clear" -- "$cur")) ;;
		esac
	fi
}
complete -F _ophotonctl ophotonctl
