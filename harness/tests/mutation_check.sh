#!/bin/bash
# mutation_check.sh - the suites must catch seeded faults of the reference
# IUT (`make check` runs a few; `mip6kit run --mutation` runs them all).
# Prints "mutation: N passed, N failed" (one per fault).
# usage: harness/tests/mutation_check.sh BIN/mip6kit FAULT,FAULT,...
set -u
kit=$1 faults=$2
out=$("$kit" run --reports build/check-reports --mutation="$faults" 2>&1)
printf '%s\n' "$out"
pass=$(printf '%s\n' "$out" | grep -c '^caught ')
fail=$(printf '%s\n' "$out" | grep -c '^MISSED ')
want=$(printf '%s\n' "$faults" | tr ',' '\n' | grep -c .)
[ $((pass + fail)) -ne "$want" ] && fail=$((want - pass))
echo "mutation: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
