#!/bin/bash
# stream_check.sh - the stream steps live (`make check`): the example
# cases of harness/tests/stream_cases/ (a stream to the home address while
# its traffic is moved from {coa1} to {coa2}) against refd under each of
# its care-of address policies (the cases assume none), with their figures
# in summary.txt and junit.xml; and against refd with the seeded fault
# tunnel-stale-coa (it keeps tunnelling to a deregistered care-of
# address), which the deregistration case must catch through max-dead.
# Reports go to build/check-reports/. Prints "stream: N passed, N failed".
# usage: harness/tests/stream_check.sh BIN/mip6kit
set -u
kit=$(readlink -f "$1")
pass=0 fail=0
top=$(mktemp -d)
trap 'rm -rf "$top"' EXIT
mkdir -p "$top/s/cn" build/check-reports
cp -r harness/tests/stream_cases/ha "$top/s/"
cp suites/requirements.tsv "$top/s/"
printf '%s yes\n' mcoa bulk ipv4coa rr home-binding >"$top/profile"

. "$(dirname "$0")/checks.sh"

# refd through --iut-cmd with FLAGS
refd() {
	"$kit" run -q --reports build/check-reports --suites "$top/s" --profile "$top/profile" --iut-cmd \
		"sysctl -qw net.ipv6.conf.\$M6K_IUT_IF.disable_ipv6=1; exec $kit refd --iface \$M6K_IUT_IF --addr \$M6K_IUT_ADDR --home-prefix \$M6K_HOME_PREFIX $*" 2>&1
}

# the figures of a passing stream with dead= and live=: all received, nothing at the dead address
figures='stream: ([0-9]+) sent, \1 received, 0 lost, 0 duplicated; BA [0-9]+ ms into the stream; failover [0-9]+ ms \(to the first packet at \{coa2\}\); 0 at \{coa1\} \(dead\) sent after the BA'

out=$("$kit" run -q --reports build/check-reports --suites "$top/s" 2>&1)
rc=$?
[ "$rc" = 0 ] && [ "$(grep -cE "^ +$figures" build/check-reports/latest/summary.txt)" = 2 ] &&
	[ "$(grep -c 'mip6kit.stream.dead_after_ba" value="0"' build/check-reports/latest/junit.xml)" = 2 ] &&
	grep -q 'class="strip"' build/check-reports/latest/report.html
verdict $? "the reference IUT: both cases pass, their figures in summary.txt, junit.xml and report.html" "$out"
printf '%s\n' "$out" | grep -oE 'STREAM-[^ ]+|failover [0-9]+ ms' | paste -sd' '

for policy in lowest-bid newest flow-hash; do
	out=$(refd --coa-choice $policy)
	verdict $? "refd --coa-choice $policy: both cases pass" "$out"
done

out=$(refd --fault tunnel-stale-coa)
printf '%s\n' "$out" | grep -qE '^fail +STREAM-FAILOVER-01 ' &&
	printf '%s\n' "$out" | grep -qE 'stream packets? sent after the BA .* came out at \{coa1\}, whose binding it ended; max-dead=0' &&
	grep -qE 'mip6kit.stream.dead_after_ba" value="[1-9]' build/check-reports/latest/junit.xml
verdict $? "refd --fault tunnel-stale-coa: STREAM-FAILOVER-01 fails on packets at the dead care-of address" "$out"

echo "stream: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
