#!/bin/bash
# fuzz/build.sh - builds every fuzz target the OSS-Fuzz way.
#
# Inputs (environment, as OSS-Fuzz sets them):
#   CC                 compiler (clang)
#   CFLAGS             sanitizer and coverage flags, e.g.
#                      "-fsanitize=address,undefined,fuzzer-no-link"
#   LIB_FUZZING_ENGINE the engine to link, e.g. "-fsanitize=fuzzer"
#   OUT                where binaries, seed corpora and dictionaries go
#   SRC                the directory that holds the mip6kit checkout
#                      (default: the parent of this script's folder)
# Outputs, per target T in fuzz/targets/T.c:
#   $OUT/T, $OUT/T_seed_corpus.zip, $OUT/T.dict
# By hand:
#   CC=clang CFLAGS="-fsanitize=address,undefined,fuzzer-no-link -g -O1" \
#   LIB_FUZZING_ENGINE=-fsanitize=fuzzer OUT=/tmp/out SRC=$PWD/.. fuzz/build.sh
set -euo pipefail

: "${CC:?set CC (clang)}"
: "${LIB_FUZZING_ENGINE:?set LIB_FUZZING_ENGINE (e.g. -fsanitize=fuzzer)}"
: "${OUT:?set OUT (output directory)}"
CFLAGS=${CFLAGS:-}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
if [ -n "${SRC:-}" ] && [ -d "$SRC/mip6kit/fuzz" ]; then top="$SRC/mip6kit"; fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$OUT"

flags="-std=c11 -D_GNU_SOURCE -I$top/codec -I$top/harness/engine -I$top/fuzz/targets $CFLAGS"
objs=()
for src in "$top"/codec/*.c "$top"/harness/engine/*.c; do
	[ -e "$src" ] || continue
	obj="$work/$(basename "$(dirname "$src")")_$(basename "$src" .c).o"
	# shellcheck disable=SC2086
	$CC $flags -c "$src" -o "$obj"
	objs+=("$obj")
done

for target_src in "$top"/fuzz/targets/*.c; do
	t=$(basename "$target_src" .c)
	# shellcheck disable=SC2086
	$CC $flags $LIB_FUZZING_ENGINE -o "$OUT/$t" "$target_src" "${objs[@]}" -lcrypto
	if [ -d "$top/fuzz/corpus/$t" ]; then
		rm -f "$OUT/${t}_seed_corpus.zip"
		(cd "$top/fuzz/corpus/$t" && python3 -c '
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w") as z:
    for name in sorted(os.listdir(".")):
        z.write(name)
' "$OUT/${t}_seed_corpus.zip")
	fi
	cp "$top/fuzz/mh.dict" "$OUT/$t.dict"
	echo "built $OUT/$t"
done
