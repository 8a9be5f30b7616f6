#!/bin/bash
# install_check.sh - `make install` and `make uninstall` into a DESTDIR
# temp folder (`make check`): the binary, the suites and a man page per
# command land under PREFIX, `man -l` formats each page without a warning,
# the installed suites load, and uninstall leaves nothing behind.
# Prints "install_check: N passed, N failed".
# usage: harness/tests/install_check.sh BIN/mip6kit PREFIX
# (PREFIX as bin/mip6kit was built with: installing elsewhere would build it again)
set -u
kit=$1
prefix=$2
pass=0 fail=0
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
root=$dest$prefix

. "$(dirname "$0")/checks.sh"

out=$(make -s install DESTDIR="$dest" PREFIX="$prefix" 2>&1)
verdict $? "make install DESTDIR=..." "$out"

missing=""
pages="mip6kit mip6kit-decode mip6kit-build mip6kit-rr mip6kit-run mip6kit-refd mip6kit-send mip6kit-net mip6kit-clean mip6kit-replay"
for f in bin/mip6kit share/mip6kit/suites/requirements.tsv share/mip6kit/suites/README.md \
	$(cd suites && ls ha/*.case cn/*.case probes/*.case | sed 's|^|share/mip6kit/suites/|') \
	$(for p in $pages; do echo "share/man/man1/$p.1"; done); do
	[ -f "$root/$f" ] || missing="$missing $f"
done
[ -z "$missing" ]
verdict $? "the binary, every case, the requirements, README and 10 man pages are under PREFIX" "missing:$missing"

cmp -s "$kit" "$root/bin/mip6kit" && [ -x "$root/bin/mip6kit" ]
verdict $? "the installed binary is $kit, executable" "$(ls -l "$root/bin/mip6kit" 2>&1)"

out=$("$root/bin/mip6kit" --version 2>&1)
printf '%s\n' "$out" | grep -qE '^mip6kit [0-9]+\.[0-9]+\.[0-9]+ \(commit [^ ]+\)$'
verdict $? "mip6kit --version names the release and the commit" "$out"

out=$("$root/bin/mip6kit" run --help 2>&1)
printf '%s\n' "$out" | grep -q "else the installed $prefix/share/mip6kit/suites)"
verdict $? "mip6kit run --help names the installed suites folder" "$out"

# from a folder without suites/, run falls back to the installed ones
# (not there, or not holding this id: either way the message names them)
out=$(cd "$dest" && "$root/bin/mip6kit" run --case no-such-case --coverage 2>&1)
printf '%s\n' "$out" | grep -q "$prefix/share/mip6kit/suites"
verdict $? "outside the source tree run looks in $prefix/share/mip6kit/suites" "$out"

out=$("$root/bin/mip6kit" run --suites "$root/share/mip6kit/suites" --coverage 2>&1)
verdict $? "the installed suites load (run --coverage)" "$out"

for p in $pages; do
	page=$root/share/man/man1/$p.1
	out=$(MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
	text=$(MANWIDTH=80 man -l "$page" 2>/dev/null)
	[ -z "$out" ] && printf '%s\n' "$text" | grep -q '^NAME' && ! printf '%s\n' "$text" | grep -q '@[A-Z_]*@'
	verdict $? "man -l $p.1 formats without warnings, with the version filled in" "$out"
done

out=$(make -s uninstall DESTDIR="$dest" PREFIX="$prefix" 2>&1)
left=$(find "$dest" -type f)
[ -z "$left" ]
verdict $? "make uninstall removes every file" "$out$left"

echo "install_check: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
