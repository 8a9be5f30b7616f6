#!/bin/bash
# run_suites.sh - the conformance suites against the reference IUT, as a
# test of the harness itself (`make check`): every case must pass, and
# run without root. Reports go to build/check-reports/. Prints "suites: N passed, N failed".
# usage: harness/tests/run_suites.sh BIN/mip6kit
set -u
kit=$1
out=$("$kit" run --reports build/check-reports 2>&1)
rc=$?
printf '%s\n' "$out" | grep -E '^\[|^run |^reports:|mip6kit run:'
pass=$(printf '%s\n' "$out" | grep -cE '^\[ *[0-9]+/[0-9]+\] pass ')
bad=$(printf '%s\n' "$out" | grep -cE '^\[ *[0-9]+/[0-9]+\] (fail|inconclusive) ')
[ "$rc" -ne 0 ] && [ "$bad" -eq 0 ] && bad=1
# the cases run without root: the captures they wrote belong to nobody
owners=$(stat -c %U build/check-reports/latest/cases/*.pcap 2>/dev/null | sort -u)
if [ "$(id -u)" -eq 0 ] && [ "$owners" != "nobody" ]; then
	echo "FAIL the per-case captures belong to '$owners', not nobody: root was not dropped"
	bad=$((bad + 1))
fi
# A user's IUT through --iut-cmd, without profile: refd with BID support
# switched off stands for a plain RFC 6275 node. The probes must find that
# out, so that the MCoA cases are n/a and the rest passes: a clean
# base-protocol report, not a wall of failures. (refd works below the
# kernel, so the namespace's kernel, which knows no MIPv6, is switched off
# on the interface, as the reference IUT has it.)
plain=$("$kit" run -q --reports build/check-reports \
	--iut-cmd "sysctl -qw net.ipv6.conf.\$M6K_IUT_IF.disable_ipv6=1; exec $(readlink -f "$kit") refd --iface \$M6K_IUT_IF --home-prefix \$M6K_HOME_PREFIX --fault ignores-bids" 2>&1)
if printf '%s\n' "$plain" | grep -q 'Features found by probes: mcoa no bulk no ipv4coa no rr yes' &&
	printf '%s\n' "$plain" | grep -qE '^fail +0$' && printf '%s\n' "$plain" | grep -qE '^inconclusive +0$'; then
	echo "ok   a plain RFC 6275 node (--iut-cmd, probes): MCoA cases n/a, no failure"
	pass=$((pass + 1))
else
	echo "FAIL a plain RFC 6275 node (--iut-cmd, probes):"
	printf '%s\n' "$plain" | head -20
	bad=$((bad + 1))
fi
echo "suites: $pass passed, $bad failed"
[ "$bad" -eq 0 ]
