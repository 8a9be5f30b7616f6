#!/usr/bin/env bash
# goldens.sh - pcap goldens of mip6kit (pcaps/TESTLIST).
#
#   codec/tests/goldens.sh check  MIP6KIT   rerun every TESTLIST line, diff against
#                                           pcaps/expected/, and rebuild every pcap
#                                           from pcaps/specs/ to check its bytes
#   codec/tests/goldens.sh update MIP6KIT   rebuild the pcaps from their specs,
#                                           rewrite the expected outputs, show the diff
#
# TESTLIST lines: NAME PCAP OPTIONS EXPECTED EXIT (see pcaps/README.md).
# OPTIONS is one word: decode's options joined by commas, or "-" for none.
# Run from anywhere; paths in TESTLIST are relative to the repository root.
set -u

usage() {
	echo "usage: $0 check|update MIP6KIT_BINARY" >&2
	exit 2
}
[ $# -eq 2 ] || usage
mode=$1
case "$mode" in check | update) ;; *) usage ;; esac

root=$(cd "$(dirname "$0")/../.." && pwd)
bin=$2
case "$bin" in /*) ;; *) bin="$PWD/$bin" ;; esac
[ -x "$bin" ] || { echo "goldens: $bin is not an executable" >&2; echo "goldens: 0 passed, 1 failed"; exit 1; }
cd "$root" || exit 2

testlist=pcaps/TESTLIST
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

passed=0
failed=0
fail() {
	echo "FAIL $*"
	failed=$((failed + 1))
}

# The TESTLIST lines, without comments and blank lines.
entries() {
	sed -e 's/#.*//' -e 's/[[:space:]]*$//' "$testlist" | grep -v '^[[:space:]]*$'
}

# The spec a pcap is built from: pcaps/foo.pcap <- pcaps/specs/foo.spec.
spec_of() {
	local b
	b=$(basename "$1" .pcap)
	echo "pcaps/specs/$b.spec"
}

# build_pcap SPEC OUT: mip6kit build -f, stderr shown on failure.
build_pcap() {
	if ! "$bin" build -f "$1" -o "$2" 2>"$tmp/build.err"; then
		sed 's/^/    /' "$tmp/build.err"
		return 1
	fi
}

# run_decode PCAP OPTIONS OUT: decode's stdout, then its stderr (the
# summary line), into OUT; prints decode's exit code.
run_decode() {
	local -a opts=()
	local rc
	if [ "$2" != "-" ]; then
		IFS=, read -r -a opts <<<"$2"
	fi
	"$bin" decode "${opts[@]}" "$1" >"$3" 2>"$3.err"
	rc=$?
	cat "$3.err" >>"$3"
	rm -f "$3.err"
	echo "$rc"
}

pcaps() {
	entries | awk '{ print $2 }' | sort -u
}

if [ ! -f "$testlist" ]; then
	echo "goldens: $testlist is missing"
	echo "goldens: 0 passed, 1 failed"
	exit 1
fi

# Malformed lines are failures, never skipped.
while read -r line; do
	set -- $line
	if [ $# -ne 5 ] || ! [[ "$5" =~ ^[0-9]+$ ]]; then
		fail "TESTLIST line has not the form NAME PCAP OPTIONS EXPECTED EXIT: $line"
	fi
done < <(entries)

if [ "$mode" = update ]; then
	for p in $(pcaps); do
		s=$(spec_of "$p")
		if [ ! -f "$s" ]; then
			fail "$p: no spec $s"
			continue
		fi
		build_pcap "$s" "$p" || fail "$p: mip6kit build -f $s failed"
	done
	while read -r name pcap opts expected rc; do
		[ -f "$pcap" ] || continue
		mkdir -p "$(dirname "$expected")"
		got=$(run_decode "$pcap" "$opts" "$expected")
		if [ "$got" != "$rc" ]; then
			echo "note: $name: decode exits $got, TESTLIST says $rc: fix the TESTLIST line if $got is right"
		fi
	done < <(entries)
	echo "== git diff --stat pcaps/"
	git diff --stat -- pcaps/
	git status --short -- pcaps/ | grep '^??' | sed 's/^?? /new: /'
	echo "goldens: updated; review with: git diff pcaps/"
	[ "$failed" -eq 0 ]
	exit
fi

# check: first every pcap against its spec (the build side), then every line.
for p in $(pcaps); do
	s=$(spec_of "$p")
	if [ ! -f "$s" ]; then
		fail "$p: no spec $s"
		continue
	fi
	if [ ! -f "$p" ]; then
		fail "$p: missing (run: codec/tests/goldens.sh update bin/mip6kit)"
		continue
	fi
	out="$tmp/$(basename "$p")"
	if ! build_pcap "$s" "$out"; then
		fail "$p: mip6kit build -f $s failed"
	elif ! cmp -s "$p" "$out"; then
		fail "$p: rebuilding from $s gives different bytes:"
		cmp -l "$p" "$out" 2>&1 | head -n 10 | sed 's/^/    /'
		diff <(od -A d -t x1 -v "$p") <(od -A d -t x1 -v "$out") | head -n 20 | sed 's/^/    /'
	else
		echo "ok   $p == build -f $s"
		passed=$((passed + 1))
	fi
done

while read -r name pcap opts expected rc; do
	[ -n "${rc:-}" ] || continue
	if [ ! -f "$expected" ]; then
		fail "$name: no expected output $expected (run: codec/tests/goldens.sh update bin/mip6kit)"
		continue
	fi
	out="$tmp/$name.out"
	got=$(run_decode "$pcap" "$opts" "$out")
	ok=1
	if [ "$got" != "$rc" ]; then
		fail "$name: mip6kit decode $opts $pcap exited $got, expected $rc"
		ok=0
	fi
	if ! cmp -s "$expected" "$out"; then
		fail "$name: output differs from $expected (- expected, + got):"
		diff -u "$expected" "$out" | sed 's/^/    /'
		ok=0
	fi
	if [ "$ok" -eq 1 ]; then
		echo "ok   $name"
		passed=$((passed + 1))
	fi
done < <(entries)

echo "goldens: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
