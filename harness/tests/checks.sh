# checks.sh - the counted checks of the shell tests, sourced by them; each
# test keeps pass and fail and prints "NAME: $pass passed, $fail failed".

# check NAME EXPECTED-EXIT-CODE EXPECTED-REGEX COMMAND...
check() {
	local name=$1 want_rc=$2 want=$3 got rc
	shift 3
	got=$("$@" 2>&1)
	rc=$?
	if [ "$rc" -eq "$want_rc" ] && printf '%s\n' "$got" | grep -qE -- "$want"; then
		echo "ok   $name"
		pass=$((pass + 1))
	else
		echo "FAIL $name: wanted exit $want_rc and /$want/, got exit $rc and:"
		printf '%s\n' "$got" | sed 's/^/    /'
		fail=$((fail + 1))
	fi
}

# verdict RC NAME OUTPUT: ok when RC is 0, else FAIL with the output's start
verdict() {
	if [ "$1" = 0 ]; then
		echo "ok   $2"
		pass=$((pass + 1))
	else
		echo "FAIL $2:"
		printf '%s\n' "$3" | head -20 | sed 's/^/    /'
		fail=$((fail + 1))
	fi
}
