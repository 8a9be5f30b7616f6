#!/bin/bash
# fuzz/campaign.sh - one libFuzzer or AFL++ campaign (what `make fuzz` runs).
# Usage: fuzz/campaign.sh TARGET SECONDS [libfuzzer|afl]
#   The libFuzzer build lives in build/fuzz/libfuzzer/, the AFL++ build in
#   build/fuzz/afl/ (`make fuzz` builds them first). The campaign starts
#   from fuzz/corpus/TARGET/, keeps what it grows in build/fuzz/work/TARGET/
#   (AFL++: build/fuzz/afl-work/TARGET/),
#   and writes crashes, leaks, timeouts and the log (ENGINE.log, or
#   $FUZZ_LOG.log) to fuzz/findings/TARGET/.
#   Exit status: 0 no finding, 1 findings (listed), 2 usage.
set -uo pipefail

usage() { echo "usage: $0 TARGET SECONDS [libfuzzer|afl]" >&2; exit 2; }
[ $# -ge 2 ] || usage
target=$1 seconds=$2 engine=${3:-libfuzzer}
case $seconds in ''|*[!0-9]*) usage ;; esac
top=$(cd "$(dirname "$0")/.." && pwd)
seeds=$top/fuzz/corpus/$target
[ -d "$seeds" ] || { echo "$0: no corpus for target '$target' in fuzz/corpus/" >&2; exit 2; }
findings=$top/fuzz/findings/$target
work=$top/build/fuzz/work/$target
mkdir -p "$findings" "$work"
log=$findings/${FUZZ_LOG:-$engine}.log
started=$(mktemp)
trap 'rm -f "$started"' EXIT

case $engine in
libfuzzer)
	bin=$top/build/fuzz/libfuzzer/$target
	[ -x "$bin" ] || { echo "$0: $bin not built (make fuzz builds it)" >&2; exit 2; }
	ASAN_OPTIONS=detect_leaks=1 "$bin" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 \
		-dict="$top/fuzz/mh.dict" -artifact_prefix="$findings/" -print_final_stats=1 \
		"$work" "$seeds" 2>&1 | tee "$log" | grep -E '^#[0-9]+.*(pulse|DONE)|^(==|SUMMARY|stat::)'
	rc=${PIPESTATUS[0]}
	;;
afl)
	bin=$top/build/fuzz/afl/$target
	[ -x "$bin" ] || { echo "$0: $bin not built (make fuzz ENGINE=afl builds it)" >&2; exit 2; }
	out=$top/build/fuzz/afl-work/$target
	mkdir -p "$out"
	AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_AUTORESUME=1 \
		afl-fuzz -V "$seconds" -x "$top/fuzz/mh.dict" -i "$seeds" -o "$out" -- "$bin" \
		>"$log" 2>&1
	rc=$?
	tail -n 5 "$log"
	for d in crashes hangs; do
		for f in "$out"/default/$d/id:*; do
			# a resumed campaign keeps older findings in its output: only new ones
			[ -e "$f" ] && [ "$f" -nt "$started" ] && cp "$f" "$findings/afl-$d-$(basename "$f" | tr ':,' '__')"
		done
	done
	;;
*) usage ;;
esac

# only what this campaign found: older findings belong to earlier runs
found=$(find "$findings" -maxdepth 1 -type f ! -name '*.log' -newer "$started" | sort)
if [ -n "$found" ]; then
	echo "findings for $target (reproduce: build/san/fuzz/$target FILE):"; echo "$found"
	exit 1
fi
if [ "$rc" -ne 0 ]; then
	echo "$target: the fuzzer exited $rc without a finding file; see $log"
	exit 1
fi
echo "$target: no findings in ${seconds}s ($engine)"
