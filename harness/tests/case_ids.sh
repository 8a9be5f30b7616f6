#!/bin/bash
# case_ids.sh - case ids name files (reports/<run>/cases/<id>.pcap), so
# `mip6kit run` must refuse an id that is not [A-Za-z0-9._-] or is '.'
# or '..', and an id used twice, in one folder or across ha/ and cn/,
# with the file and line and exit status 2 (`make check`); so must it bad
# timing words on a step (within=, not-before=). The cases are
# loaded through `mip6kit run --coverage`, which needs no network.
# Prints "case_ids: N passed, N failed".
# usage: harness/tests/case_ids.sh BIN/mip6kit
set -u
kit=$1
pass=0 fail=0
top=$(mktemp -d)
trap 'rm -rf "$top"' EXIT

# A fresh suites folder with empty ha/ and cn/ and the real requirements.
fresh() {
	rm -rf "$top/s"
	mkdir -p "$top/s/ha" "$top/s/cn"
	cp suites/requirements.tsv "$top/s/"
}

# write_case FOLDER/FILE ID [ROLE]: a minimal valid case
write_case() {
	printf 'id %s\ntitle t\nrole %s\nchecks MCOA-5.1-1\nsend bu A H hao={hoa} seq=1\n' \
		"$2" "${3:-ha}" >"$top/s/$1"
}

# check NAME WANT-RC WANT-REGEX [RUN-OPTIONS...]
check() {
	local name=$1 want_rc=$2 want=$3 got rc
	shift 3
	got=$("$kit" run --suites "$top/s" --coverage "$@" 2>&1)
	rc=$?
	if [ "$rc" -eq "$want_rc" ] && printf '%s\n' "$got" | grep -qE -- "$want"; then
		echo "ok   $name"
		pass=$((pass + 1))
	else
		echo "FAIL $name: wanted exit $want_rc and /$want/, got exit $rc:"
		printf '%s\n' "$got" | head -5 | sed 's/^/    /'
		fail=$((fail + 1))
	fi
}

for bad in ../../x a/b . .. 'A B' 'x;rm' ''; do
	fresh
	write_case ha/a.case "$bad"
	check "id '$bad' refused" 2 "^mip6kit run: $top/s/ha/a.case:1: id '.*' (takes only|cannot be|needs)"
done

fresh
write_case ha/a.case HA-x.1_b-2
write_case cn/b.case CN-Y 'cn'
check "ids of letters, digits, '.', '_' and '-' load" 0 'requirements: [0-9]+ checked by cases'

fresh
write_case ha/a.case HA-DUP
write_case ha/b.case HA-DUP
check "a duplicate id in one folder names both files" 2 \
	"^mip6kit run: $top/s/ha/b.case:1: id 'HA-DUP' is already the id of $top/s/ha/a.case:1$"

fresh
write_case ha/a.case X-DUP
write_case cn/a.case X-DUP cn
check "a duplicate id across ha/ and cn/ is refused" 2 \
	"^mip6kit run: $top/s/cn/a.case:1: id 'X-DUP' is already the id of $top/s/ha/a.case:1$"
check "one folder alone (--role cn) has no duplicate" 0 'requirements: [0-9]+ checked by cases' --role cn

fresh
printf 'id A\ntitle t\nrole ha\nid B\nchecks MCOA-5.1-1\nsend bu\n' >"$top/s/ha/a.case"
check "a second id line is refused" 2 "^mip6kit run: $top/s/ha/a.case:4: a second 'id' line \\(the first is line 1\\)$"

# step timing words: within= on expect and poll, not-before= on poll only, each once
for bad in 'expect ba not-before=100' 'poll brr until ba not-before=0' 'poll brr until ba within=5 within=6' \
	'poll brr until ba not-before=70000'; do
	fresh
	printf 'id A\ntitle t\nrole ha\nchecks MCOA-5.1-1\n%s\n' "$bad" >"$top/s/ha/a.case"
	check "'$bad' is refused" 2 "^mip6kit run: $top/s/ha/a.case:5: "
done
fresh
printf 'id A\ntitle t\nrole ha\nchecks MCOA-5.1-1\npoll brr until ba within=900 not-before=100\n' >"$top/s/ha/a.case"
check "poll with not-before= and within= in either order loads" 0 'requirements: [0-9]+ checked by cases'

got=$("$kit" run --coverage 2>&1)
rc=$?
if [ "$rc" -eq 0 ]; then
	echo "ok   the suites' own ids are valid and unique"
	pass=$((pass + 1))
else
	echo "FAIL the suites' own ids: exit $rc"
	printf '%s\n' "$got" | head -5
	fail=$((fail + 1))
fi

echo "case_ids: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
