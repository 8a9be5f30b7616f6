#!/bin/bash
# fault_score.sh - the replay fault score: for each seeded fault of the
# reference IUT, the few clean case pcaps that harness/replay/fault_cases.tsv
# lists for it replayed against `refd --fault NAME`, stopping at the first
# difference (--stop-on-diff). A fault is found when the replay differs.
# The lists are first replayed against the clean IUT, which must answer
# them the same (a capture that differs there proves nothing).
# REPLAY_BENCH_FAULTS=a,b limits the faults. Needs root (the test network).
# usage: harness/replay/fault_score.sh BIN/mip6kit CASES_DIR OUT_DIR
#   CASES_DIR: the cases/ folder of a clean `mip6kit run`
set -u
kit=$1 cases=$2 out=$3
table=harness/replay/fault_cases.tsv
rm -rf "$out" && mkdir -p "$out"

# the fields of the table's line for fault $1 into line_cases, line_opts, line_note
table_line() {
	local fault case_ids opts note
	line_cases="" line_opts=() line_note=""
	while IFS=$'\t' read -r fault case_ids opts note; do
		[ "$fault" = "$1" ] || continue
		line_cases=$case_ids line_note=$note
		[ "$opts" = - ] || IFS=, read -ra line_opts <<<"$opts"
		return 0
	done < <(grep -v '^#' "$table")
	return 1
}

# the pcaps of the comma-separated case ids $1, or nothing when one is missing
pcaps_of() {
	local id list=()
	for id in ${1//,/ }; do
		[ -f "$cases/$id.pcap" ] || return 1
		list+=("$cases/$id.pcap")
	done
	printf '%s\n' "${list[@]}"
}

# replay into $out/$1 (the other arguments replay's); prints its exit status
replay_into() {
	local dir=$out/$1
	shift
	"$kit" replay -q --one-iut --reports "$dir" "$@" >/dev/null 2>&1
	echo $?
}

faults=${REPLAY_BENCH_FAULTS:-$("$kit" refd --fault list | awk '{ print $1 }' | paste -sd,)}
found=0 total=0 missed=()
start=$(date +%s)
for f in ${faults//,/ }; do
	total=$((total + 1))
	if ! table_line "$f"; then
		missed+=("$f: no line in $table")
		continue
	fi
	mapfile -t caps < <(pcaps_of "$line_cases")
	if [ ${#caps[@]} -eq 0 ]; then
		missed+=("$f: a case pcap of $line_cases is not in $cases")
		continue
	fi
	if [ "$(replay_into "clean-$f" "${line_opts[@]}" "${caps[@]}")" != 0 ]; then
		missed+=("$f: $line_cases do not replay the same against the clean IUT (see $out/clean-$f)")
		continue
	fi
	t0=$(date +%s)
	rc=$(replay_into "fault-$f" --stop-on-diff --fault "$f" "${line_opts[@]}" "${caps[@]}")
	secs=$(($(date +%s) - t0))
	if [ "$rc" = 1 ]; then
		found=$((found + 1))
		by=$(awk '$1 == "differs" { sub(/:$/, "", $2); print $2; exit }' "$out/fault-$f"/replay-*/summary.txt)
		echo "  $f: found by $(basename "$by" .pcap) ($secs s)"
	else
		note=""
		[ "$line_note" != - ] && note=": $line_note"
		missed+=("$f: not found in $line_cases (exit $rc)$note")
	fi
done
echo "$found $total" | awk '{ printf "replay fault score: %d of %d (%.0f%%)\n", $1, $2, $2 ? 100 * $1 / $2 : 0 }'
echo "fault pass: $(($(date +%s) - start)) s"
for m in "${missed[@]}"; do
	echo "  missed $m"
done
exit 0
