#!/bin/bash
# check_traces.sh - `mip6kit check` over the case pcaps of conformance
# runs against the reference IUT (`make check`).
#   check_traces.sh BIN/mip6kit clean [N]
#     the N newest whole-suite runs of the reference IUT in
#     build/check-reports (default 6: run_suites.sh's plain run and
#     realism_check.sh's five):
#     every case pcap must check clean (exit 0), each with its case's
#     settings and --from-start (every case has addresses of its own).
#   check_traces.sh BIN/mip6kit faults FAULT[:REQ-ID],... [CASE-TEXT...]
#     a run per seeded fault of the reference IUT (only the cases whose id
#     holds a CASE-TEXT, if any): check must report a finding, naming
#     REQ-ID when given. Without REQ-IDs it prints the score.
# Prints "check-traces: N passed, N failed".
set -u
kit=$1 mode=$2
shift 2
. "$(dirname "$0")/checks.sh"
pass=0 fail=0
iut=2001:db8:1::1

# The settings of the case a pcap is of ("NAME=VALUE ..."): template ids
# (HA-CFG-01-1x1) take their template's.
case_settings() {
	local id=$1 file
	file=$(grep -lE "^id ${id}( |$)" suites/ha/*.case suites/cn/*.case 2>/dev/null | head -1)
	[ -z "$file" ] && file=$(grep -lE "^id ${id%-*}( |$)" suites/ha/*.case suites/cn/*.case 2>/dev/null | head -1)
	[ -n "$file" ] && sed -n 's/^setting //p' "$file" | tr '\n' ' '
}

# check_run DIR: every case pcap of a run; prints the findings, returns
# how many pcaps had some.
check_run() {
	local dir=$1 bad=0 f id role out
	for f in "$dir"/cases/*.pcap; do
		id=$(basename "$f" .pcap)
		role=ha
		[ "${id#CN-}" != "$id" ] && role=cn
		# the findings only (standard output); the summary is on standard error
		out=$("$kit" check --role $role --iut-addr $iut --from-start --settings "$(case_settings "$id")" "$f" 2>/dev/null)
		case $? in
		0) ;;
		1) printf '%s\n' "$out" | grep -v 'cannot judge' | head -3 | sed "s/^/$id: /"; bad=$((bad + 1)) ;;
		*) echo "$id: mip6kit check could not read the capture"; bad=$((bad + 1)) ;;
		esac
	done
	return $bad
}

if [ "$mode" = clean ]; then
	n=${1:-6}
	# whole-suite runs of the reference IUT, plain or with realism (not the
	# user-IUT runs of run_suites.sh, nor seeded faults)
	runs=$(for d in build/check-reports/2*/; do
		head -1 "$d/summary.txt" 2>/dev/null | grep -qE 'against the reference IUT(, realism: [a-z0-9,-]+)?, [0-9]{3,} cases' &&
			echo "${d%/}"
	done | sort | tail -n "$n")
	[ -z "$runs" ] && { echo "FAIL no run in build/check-reports (run_suites.sh and realism_check.sh write them)"; fail=1; }
	for d in $runs; do
		out=$(check_run "$d")
		rc=$?
		kind=$(head -1 "$d/summary.txt" | grep -oE 'realism: [a-z0-9-]+(,[a-z0-9-]+)*')
		verdict $rc "every case pcap of $(basename "$d") (${kind:-reference IUT, plain}) checks clean" "$out"
	done
else
	fault_list=$1
	shift
	cases=()
	for c in "$@"; do cases+=(--case "$c"); done
	caught=0 total=0 scored=
	for item in $(printf '%s\n' "$fault_list" | tr ',' ' '); do
		fault=${item%%:*} req=
		[ "$item" != "$fault" ] && req=${item#*:}
		"$kit" run -q --reports build/check-faults --fault "$fault" "${cases[@]}" >/dev/null 2>&1
		out=$(check_run build/check-faults/latest)
		total=$((total + 1))
		if [ -z "$req" ]; then
			scored=yes
			if [ -n "$out" ]; then
				caught=$((caught + 1))
				echo "found  $fault: $(printf '%s\n' "$out" | grep -oE ': [A-Z0-9.-]+-[0-9]+:' | sort | uniq -c | sort -rn | head -3 | tr -s ' \n' ' ')"
			else
				echo "MISSED $fault"
			fi
		elif printf '%s\n' "$out" | grep -q ": $req:"; then
			verdict 0 "check finds fault $fault ($req)" ""
		else
			verdict 1 "check finds fault $fault ($req)" "${out:-no finding}"
		fi
	done
	[ -n "$scored" ] && echo "check-traces: seeded faults found by check: $caught of $total"
fi
echo "check-traces: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
