#!/bin/sh
# run-decode.sh - the main job (`make run`) until the conformance harness
# exists: decode every pcap shipped under pcaps/ and print a summary.
# usage: harness/run-decode.sh BIN/mip6kit
set -u
kit=${1:?usage: harness/run-decode.sh BIN/mip6kit}
cd "$(dirname "$0")/.." || exit 2

files=0
errors=0
for p in pcaps/*.pcap; do
	[ -e "$p" ] || continue
	files=$((files + 1))
	echo "== $p"
	"$kit" decode "$p"
	rc=$?
	# exit 1 = the capture holds invalid packets: expected for pcaps/invalid.pcap
	[ $rc -le 1 ] || errors=$((errors + 1))
done
if [ "$files" -eq 0 ]; then
	echo "run-decode: no pcaps under pcaps/" >&2
	exit 2
fi
echo "run-decode: decoded $files captures, $errors could not be read"
[ "$errors" -eq 0 ]
