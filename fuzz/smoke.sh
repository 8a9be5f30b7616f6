#!/bin/bash
# fuzz/smoke.sh - every libFuzzer target for a short time (what `make check`
# runs). Usage: fuzz/smoke.sh SECONDS. Prints "fuzz-smoke: N passed, N failed".
set -u
seconds=${1:-10}
top=$(cd "$(dirname "$0")/.." && pwd)
pass=0 fail=0
for t in "$top"/fuzz/targets/*.c; do
	t=$(basename "$t" .c)
	if FUZZ_LOG=smoke "$top/fuzz/campaign.sh" "$t" "$seconds" libfuzzer >/dev/null 2>&1; then
		echo "ok   $t: $(grep -oE 'exec/s: [0-9]+' "$top/fuzz/findings/$t/smoke.log" | tail -n 1)"
		pass=$((pass + 1))
	else
		echo "FAIL $t: see fuzz/findings/$t/"
		tail -n 20 "$top/fuzz/findings/$t/smoke.log"
		fail=$((fail + 1))
	fi
done
echo "fuzz-smoke: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
