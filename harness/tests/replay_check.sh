#!/bin/bash
# replay_check.sh - `mip6kit replay` end to end: the replay TESTLIST
# (pcaps/replay/TESTLIST: case pcaps of a reference-IUT run and hand-built
# anomalies, the same again against seeded faults) against the reference
# IUT, what its reports hold, and the ways it refuses to run.
# usage: harness/tests/replay_check.sh BIN/mip6kit
set -u
kit=$1
pass=0 fail=0
. "$(dirname "$0")/checks.sh"
out=build/check-replay
rm -rf "$out" && mkdir -p build

# the hand-built captures are what their specs build
for spec in pcaps/replay/*.spec; do
	check "${spec%.spec}.pcap is what its spec builds" 0 '^$' bash -c \
		"'$kit' build -f '$spec' -o '$out.pcap' >/dev/null && cmp '$out.pcap' '${spec%.spec}.pcap' && rm '$out.pcap'"
done

# every line of the TESTLIST exits as it says (its own count: N passed, N failed)
got=$("$kit" replay --testlist pcaps/replay/TESTLIST --reports "$out" 2>&1)
rc=$?
line=$(printf '%s\n' "$got" | tail -n 1)
printf '%s\n' "$got" | grep -E '^(ok|FAIL) '
verdict "$([ "$rc" -eq 0 ] && [[ $line =~ ^[1-9][0-9]*\ passed,\ 0\ failed$ ]] && echo 0 || echo 1)" \
	"pcaps/replay/TESTLIST: $line" "$got"

# the reports of one replay with a seeded fault: the difference with both frame
# numbers and its requirement row, the new capture, JUnit and HTML
check "a BID missing from the BA names both frames and its MCOA rows" 1 \
	'changed options#[0-9]+ \(Binding Identifier\): recorded frame [0-9]+ .present., replayed frame [0-9]+ .\(absent\). \[MCOA-6\.2-12 MCOA-6\.2-13\]' \
	bash -c "'$kit' replay -q --reports '$out/one' --fault ba-drops-bids pcaps/replay/HA-BULK-01.pcap >/dev/null; \
		 rc=\$?; cat '$out'/one/replay-*/summary.txt; exit \$rc"
check "the new capture decodes" 0 'bu seq=' "$kit" decode "$(ls -d "$out"/one/replay-*)/cases/HA-BULK-01.pcap"
check "junit.xml: one failing testcase" 0 '<failure message="[0-9]+ of 7 exchanges' cat "$(ls -d "$out"/one/replay-*)/junit.xml"
check "report.html: differing fields highlighted" 0 '<tr class=diff>.*<mark>' cat "$(ls -d "$out"/one/replay-*)/report.html"
check "the address map is in the report" 0 'fd00:55::/64 +-> 2001:db8:1::/64 \(home prefix\)' \
	bash -c "'$kit' replay -q --reports '$out/map' pcaps/replay/anomalies.pcap >/dev/null; cat '$out'/map/replay-*/summary.txt"

# the regression loop: a case that fails in a run names, in its JUnit message,
# the replay that reproduces it alone, and that replay gives the same answers
"$kit" run -q --reports "$out/run" --fault ba-wrong-auth --case CN-BU-01 >/dev/null 2>&1
hint=$(grep -o 'Reproduce it alone: mip6kit replay [^"]*' "$out"/run/latest/junit.xml 2>/dev/null)
check "a failing case's JUnit message says how to reproduce it" 0 'cases/CN-BU-01\.pcap --fault ba-wrong-auth$' \
	echo "$hint"
check "and that replay answers the same" 0 '1 same, 0 with differences' \
	bash -c "'$kit' replay --reports '$out/loop' ${hint#*mip6kit replay } >/dev/null; cat '$out'/loop/replay-*/summary.txt"

# a binding's end is judged by time (harness/replay/expiry.h): the clean
# HA-LIFE-01 of the TESTLIST replays the same, while recordings of an IUT
# whose binding outlives its lifetime, or ends at half of it, differ at the poll
mkdir -p "$out/expiry"
python3 harness/tests/expiry_variants.py pcaps/replay/HA-LIFE-01.pcap "$out/expiry"
check "a binding that never expired in the recording differs where the IUT's does" 1 \
	'missing answer: recorded frame 45 .*echo-reply id=0 seq=0 rh2=' \
	bash -c "'$kit' replay -q --reports '$out/never' '$out/expiry/never-expires.pcap' >/dev/null; \
		 rc=\$?; cat '$out'/never/replay-*/summary.txt; exit \$rc"
check "a binding that expired at half its lifetime in the recording differs" 1 \
	'missing answer: recorded frame 21 .*be status=1 home=' \
	bash -c "'$kit' replay -q --reports '$out/early' '$out/expiry/expires-early.pcap' >/dev/null; \
		 rc=\$?; cat '$out'/early/replay-*/summary.txt; exit \$rc"
# the lifetime runs on the IUT's clock: --time-scale stretches the reply
# windows, not the wait for the end of the lifetime (polls kept their place)
for scale in 2 0.5; do
	check "--time-scale $scale keeps HA-LIFE-01's polls around the end of the lifetime: the same" 0 \
		'^same +pcaps/replay/HA-LIFE-01\.pcap: 22 exchanges, 0 with differences' \
		bash -c "'$kit' replay -q --time-scale $scale --reports '$out/scale-$scale' pcaps/replay/HA-LIFE-01.pcap >/dev/null; \
			 rc=\$?; cat '$out'/scale-$scale/replay-*/summary.txt; exit \$rc"
done

# --stop-on-diff: nothing after the first differing exchange, neither the rest
# of its capture nor the captures after it; in a testlist, nothing after the
# first entry that does not exit as expected
check "--stop-on-diff: the rest of the capture is not replayed" 1 \
	'^differs .*HA-BULK-01\.pcap: 1 exchanges, 1 with differences, [0-9]+ differences \([0-9.]+ s\): stopped at the first difference \(--stop-on-diff\), 6 of 7 exchanges not replayed' \
	bash -c "'$kit' replay -q --stop-on-diff --one-iut --fault ba-drops-bids --reports '$out/stop' \
		 pcaps/replay/HA-BULK-01.pcap pcaps/replay/CN-BU-01.pcap >/dev/null; rc=\$?; cat '$out'/stop/replay-*/summary.txt; exit \$rc"
check "--stop-on-diff: the captures after it are skipped" 0 \
	'^skipped +pcaps/replay/CN-BU-01\.pcap: an earlier capture differed \(--stop-on-diff\)$' \
	bash -c "grep -qx '1 captures skipped after the first difference (--stop-on-diff)' '$out'/stop/replay-*/summary.txt &&
		 grep '^skipped ' '$out'/stop/replay-*/summary.txt"
check "--stop-on-diff: a skipped testcase in junit.xml" 0 'skipped="1">.*<skipped message="an earlier capture differed' \
	bash -c "tr -d '\n' < '$(ls -d "$out"/stop/replay-* | head -1)/junit.xml'"
printf '%s\n' "first pcaps/replay/CN-BU-01.pcap - 0" "second pcaps/replay/HA-BULK-01.pcap --fault,ba-drops-bids 0" \
	"third pcaps/replay/HA-BID-02.pcap - 0" >"$out/stop.list"
check "--stop-on-diff --testlist: the entries after the first unexpected exit are skipped" 1 \
	'ok   first: exit 0.*FAIL second: exit 1, expected 0.*skip third: after the first unexpected exit.*1 passed, 1 failed, 1 skipped$' \
	bash -c "'$kit' replay --stop-on-diff --testlist '$out/stop.list' --reports '$out/stoplist' | tr '\n' ' ' | sed 's/ $//'; exit \${PIPESTATUS[0]}"

# every requirement id the diff names is a row of the table
missing=""
for id in $(grep -ohE '(MIP6|MCOA)-[0-9.]+-[0-9]+' harness/replay/reqmap.c | sort -u); do
	cut -f1 suites/requirements.tsv | grep -qx "$id" || missing="$missing $id"
done
verdict "$([ -z "$missing" ] && echo 0 || echo 1)" "the requirement ids of harness/replay/reqmap.c are rows of suites/requirements.tsv" \
	"not in the table:$missing"

# refused: exit 2 with why
check "no capture" 2 'name a capture' "$kit" replay
check "a capture that is not there" 2 'no-such\.pcap' "$kit" replay --reports "$out/x" pcaps/replay/no-such.pcap
"$kit" build -o "$out/echo.pcap" echo-request src=2001:db8:2::1 dst=2001:db8:3::1 >/dev/null
check "no signalling to tell the IUT by" 2 'cannot tell which side is the IUT' "$kit" replay --reports "$out/x" "$out/echo.pcap"
check "--keep-addresses with the IUT elsewhere" 2 'keep-addresses needs the IUT at 2001:db8:1::1' \
	"$kit" replay --keep-addresses --reports "$out/x" pcaps/replay/anomalies.pcap
check "--fault with --iut-cmd" 2 'reference IUT only' "$kit" replay --iut-cmd true --fault ignores-bids x.pcap
check "--role" 2 'ha or cn' "$kit" replay --role mn x.pcap
check "--help" 0 'Exit status: 0 every answer the same' "$kit" replay --help

echo "replay_check: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
