#!/bin/bash
# run_suites.sh - the conformance suites against the reference IUT, as a
# test of the harness itself (`make check`): every case must pass. Reports
# go to build/check-reports/. Prints "suites: N passed, N failed".
# usage: harness/tests/run_suites.sh BIN/mip6kit
set -u
kit=$1
out=$("$kit" run --reports build/check-reports 2>&1)
rc=$?
printf '%s\n' "$out" | grep -E '^\[|^run |^reports:|mip6kit run:'
pass=$(printf '%s\n' "$out" | grep -cE '^\[ *[0-9]+/[0-9]+\] pass ')
bad=$(printf '%s\n' "$out" | grep -cE '^\[ *[0-9]+/[0-9]+\] (fail|inconclusive) ')
[ "$rc" -ne 0 ] && [ "$bad" -eq 0 ] && bad=1
echo "suites: $pass passed, $bad failed"
[ "$bad" -eq 0 ]
