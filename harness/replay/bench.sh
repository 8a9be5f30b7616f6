#!/bin/bash
# bench.sh - `make bench`'s replay figures: a run against the reference
# IUT, then its case pcaps replayed against the reference IUT (exchanges
# per second; differences, goal 0), then against each of its seeded
# faults (fault_score.sh: how many a replay of a few clean traces each
# finds, as a score like the mutation score). Only the case pcaps a replay
# can reproduce as they are take part in the first: those of cases without
# settings or a held address (a case pcap does not carry them), with a
# request to tell the IUT by. REPLAY_BENCH_FAULTS=a,b limits the faults.
# Needs root (the test network).
# usage: harness/replay/bench.sh BIN/mip6kit
set -u
kit=$1
out=build/bench-replay
rm -rf "$out"
mkdir -p "$out"

# The case file of a case id (a template's ids carry a suffix: HA-CFG-01-1x1).
case_file() {
	local id=$1
	while [ -n "$id" ]; do
		f=$(grep -lE "^id +$id$" suites/ha/*.case suites/cn/*.case 2>/dev/null | head -1)
		[ -n "$f" ] && { echo "$f"; return; }
		[[ $id == *-* ]] || return
		id=${id%-*}
	done
}

"$kit" run -q --reports "$out/run" >/dev/null 2>&1
list=()
for p in "$out"/run/latest/cases/*.pcap; do
	f=$(case_file "$(basename "$p" .pcap)")
	[ -n "$f" ] && ! grep -qE '^(setting|hold) ' "$f" && list+=("$p")
done
echo "replay: ${#list[@]} of $(ls "$out"/run/latest/cases/*.pcap | wc -l) case pcaps of a run (those without settings or a held address)"

# the exchanges and differences of one replay, from its summary.txt
figures() {
	awk '/^[0-9]+ captures:/ { print $11, $13 }' "$1"/replay-*/summary.txt
}

start=$(date +%s.%N)
"$kit" replay -q --one-iut --reports "$out/clean" "${list[@]}" >/dev/null 2>&1
secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
read -r ex diffs < <(figures "$out/clean")
echo "$ex $diffs $secs" | awk '{ printf "replay against the reference IUT: %d exchanges in %.1f s with set-up, %.0f exchanges/s; %d differences (goal 0)\n", $1, $3, $1 / $3, $2 }'
"$kit" replay -q --one-iut --pacing --reports "$out/paced" "${list[@]}" >/dev/null 2>&1
read -r ex diffs < <(figures "$out/paced")
echo "the same with --pacing (the capture's times kept): $diffs differences (goal 0)"

# the seeded faults, each against the few clean traces harness/replay/fault_cases.tsv lists for it
harness/replay/fault_score.sh "$kit" "$out/run/latest/cases" "$out/faults"
