#!/bin/bash
# realism_check.sh - the whole suite against the reference IUT under each
# realism switch (`mip6kit run --realism`): DAD before a home registration,
# answers late and jittered, Binding Error 1 only for non-MH packets, the
# other answer wherever the RFCs allow two, a daemon that is slow to come
# up. Every case must pass under each: one that passes only against the
# kind model is wrong. Prints a table of run times and
# "realism: N passed, N failed" (one per switch).
# usage: harness/tests/realism_check.sh BIN/mip6kit [SWITCH...]
set -u
kit=$1
shift
switches=${*:-dad delay be1-non-mh alternatives slow-start}
pass=0 bad=0 table=""
for r in $switches; do
	start=$(date +%s)
	out=$("$kit" run -q --reports build/check-reports --realism "$r" 2>&1)
	rc=$?
	secs=$(($(date +%s) - start))
	cases=$(printf '%s\n' "$out" | grep -oE '^run .*, [0-9]+ cases in [0-9.]+ s' | grep -oE '[0-9]+ cases in [0-9.]+ s')
	table="$table$(printf '%-14s %s (%d s with set-up)' "$r" "$cases" "$secs")\n"
	if [ "$rc" -eq 0 ] && printf '%s\n' "$out" | grep -qE '^fail +0$' &&
		printf '%s\n' "$out" | grep -qE '^inconclusive +0$' && printf '%s\n' "$out" | grep -qE '^warn +0$'; then
		echo "ok   every case passes with --realism $r"
		pass=$((pass + 1))
	else
		echo "FAIL cases that do not pass with --realism $r:"
		printf '%s\n' "$out" | grep -E '^(fail|inconclusive|warn) +[A-Z]' -A1 | head -40
		bad=$((bad + 1))
	fi
done
printf 'switch         run time\n%b' "$table"
echo "realism: $pass passed, $bad failed"
[ "$bad" -eq 0 ]
