#!/bin/bash
# case_ids.sh - case ids name files (reports/<run>/cases/<id>.pcap), so
# `mip6kit run` must refuse an id that is not [A-Za-z0-9._-] or is '.'
# or '..', and an id used twice, in one folder or across ha/ and cn/,
# with the file and line and exit status 2 (`make check`); so must it bad
# timing words on a step (within=, not-before=), bad stream, stream-check
# and link-fault steps, bad 'long' and wait-iut-age lines, and max-lifetime=0
# (in a case, and refd's flag). The cases are
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

# step timing words: within= on expect and poll, not-before= and every= on poll only, each once
for bad in 'expect ba not-before=100' 'poll brr until ba not-before=0' 'poll brr until ba within=5 within=6' \
	'poll brr until ba not-before=70000' 'expect ba every=20' 'poll brr until ba every=0' \
	'poll brr until ba every=10001' 'poll brr until ba every=20 every=30'; do
	fresh
	printf 'id A\ntitle t\nrole ha\nchecks MCOA-5.1-1\n%s\n' "$bad" >"$top/s/ha/a.case"
	check "'$bad' is refused" 2 "^mip6kit run: $top/s/ha/a.case:5: "
done
fresh
printf 'id A\ntitle t\nrole ha\nchecks MCOA-5.1-1\npoll brr until ba within=900 every=20 not-before=100\n' >"$top/s/ha/a.case"
check "poll with not-before=, every= and within= in any order loads" 0 'requirements: [0-9]+ checked by cases'

# stream steps: every= and count= in range, one stream, each with a stream-check after it;
# the words of stream-check and link-fault
stream='stream echo-request src={cn} dst={hoa}'
while IFS='|' read -r steps want; do
	fresh
	printf 'id A\ntitle t\nrole ha\nchecks MCOA-5.1-1\n%b\n' "$steps" >"$top/s/ha/a.case"
	check "'$steps' is refused" 2 "^mip6kit run: $top/s/ha/a.case:$want"
done <<EOF
$stream every=0 count=5\nstream-check|5: every= takes 1 to 10000 milliseconds
$stream every=10001 count=5\nstream-check|5: every= takes
$stream every=x count=5\nstream-check|5: every= takes
$stream every=10 count=0\nstream-check|5: count= takes 1 to 1000 packets
$stream every=10 count=1001\nstream-check|5: count= takes
$stream every=100 count=602\nstream-check|5: a stream lasts at most 60000 ms
$stream count=5\nstream-check|5: stream takes 'SPEC every=MS count=N'
stream every=10 count=5\nstream-check|5: stream needs the spec
$stream tag=3 every=10 count=5\nstream-check|5: the stream tags its packets itself
stream-check|5: stream-check without a stream before it
stream-check\n$stream every=10 count=5\nstream-check|5: stream-check without a stream before it
$stream every=10 count=5|5: a stream needs a stream-check after it
$stream every=10 count=5\nstream-check\n$stream every=10 count=5\nstream-check|7: a case has one stream
$stream every=10 count=5\nstream-check dead={coa1} live={coa1}|6: dead= and live= name the same address
$stream every=10 count=5\nstream-check dead=2001:db8:2::1|6: dead= and live= take
$stream every=10 count=5\nstream-check max-lost=-1|6: max-lost= takes
$stream every=10 count=5\nstream-check live={coa2} soon|6: stream-check takes dead=
link-fault 1 loss 101|5: loss takes 0 to 100 percent
link-fault 1 delay 0|5: delay takes 1 to 10000 ms
link-fault 3 down|5: link-fault takes
link-fault 1 down now|5: link-fault takes
link-fault 1 delay 50 addr={coa1}|5: link-fault takes
EOF
fresh
printf 'id A\ntitle t\nrole ha\nchecks MCOA-5.1-1\n%s every=20 count=50\nlink-fault 1 loss 100 from-iut addr={coa1}\nlink-fault 1 delay 30 to-iut\nstream-check dead={coa1} live={coa2} max-lost=2 max-dead=1\nlink-fault 1 clear\n' "$stream" >"$top/s/ha/a.case"
check "a stream with its check and link faults loads" 0 'requirements: [0-9]+ checked by cases'

# long cases: 'long' alone on its line; wait-iut-age takes 1 to 300000 ms
for bad in 'long yes' 'wait-iut-age 0' 'wait-iut-age 300001' 'wait-iut-age 5s' 'wait-iut-age'; do
	fresh
	printf 'id A\ntitle t\nrole ha\nchecks MCOA-5.1-1\n%s\nsend bu A H hao={hoa} seq=1\n' "$bad" >"$top/s/ha/a.case"
	check "'$bad' is refused" 2 "^mip6kit run: $top/s/ha/a.case:5: "
done
fresh
printf 'id A\ntitle t\nrole ha\nchecks MCOA-5.1-1\nlong\nwait-iut-age 59250\nsend bu A H hao={hoa} seq=1\n' >"$top/s/ha/a.case"
check "a long case with wait-iut-age loads" 0 'requirements: [0-9]+ checked by cases'

# max-lifetime=0 would make every registration a deregistration (status 0,
# lifetime 0): refused in a case, and by refd as a flag
fresh
printf 'id A\ntitle t\nrole ha\nchecks MCOA-5.1-1\nsetting max-lifetime=0\nsend bu A H hao={hoa} seq=1\n' >"$top/s/ha/a.case"
check "'setting max-lifetime=0' is refused" 2 "^mip6kit run: $top/s/ha/a.case:5: setting 'max-lifetime=0'"
got=$("$kit" refd --iface m6k-no-such-if --max-lifetime 0 2>&1) # options are read before the interface
rc=$?
if [ "$rc" -eq 2 ] && printf '%s\n' "$got" | grep -q -- "--max-lifetime (1 to 65535)"; then
	echo "ok   refd --max-lifetime 0 is refused"
	pass=$((pass + 1))
else
	echo "FAIL refd --max-lifetime 0: exit $rc: $got"
	fail=$((fail + 1))
fi

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
