#!/usr/bin/env bash
# Runs test commands, shows their output, and sums the "N passed, N failed"
# line each one prints last into one closing line. A command that dies
# without such a line, or that reports 0 passed and 0 failed (it tested
# nothing), counts as one failure.
set -u
total_pass=0
total_fail=0
for cmd in "$@"; do
	echo "== $cmd"
	out=$(bash -c "$cmd" 2>&1)
	rc=$?
	printf '%s\n' "$out"
	line=$(printf '%s\n' "$out" | grep -E '([A-Za-z0-9_.-]+: )?[0-9]+ passed, [0-9]+ failed' | tail -n 1)
	if [ -z "$line" ]; then
		echo "!! $cmd exited $rc without a result line"
		total_fail=$((total_fail + 1))
		continue
	fi
	p=$(printf '%s' "$line" | grep -oE '[0-9]+ passed' | grep -oE '[0-9]+')
	f=$(printf '%s' "$line" | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+')
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "!! $cmd exited $rc although it reported no failure"
		f=1
	fi
	if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
		echo "!! $cmd tested nothing (0 passed, 0 failed)"
		f=1
	fi
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
done
echo "${total_pass} passed, ${total_fail} failed"
[ "$total_fail" -eq 0 ]
