#!/bin/sh
# bench_check.sh - `mip6kit check` against `mip6kit decode` on the same
# capture of bulk registrations (`make bench`): best wall-clock time of
# RUNS runs each, and the ratio (goal <= 3x).
# usage: harness/check/bench_check.sh BIN/mip6kit [PACKETS]
set -eu
kit=$1
packets=${2:-1000000}
runs=${RUNS:-3}
work=$(mktemp -d /tmp/m6check.XXXXXX)
trap 'rm -rf "$work"' EXIT
pcap=$work/bulk.pcap
build/rel/bench/gen_bulk_pcap "$pcap" "$packets"
cat "$pcap" >/dev/null

best() {
	b=
	for _ in $(seq "$runs"); do
		s=$(date +%s.%N)
		"$@" >/dev/null 2>"$work/err" || { echo "bench_check: $* failed: $(cat "$work/err")" >&2; exit 1; }
		e=$(date +%s.%N)
		b=$(echo "$s $e ${b:-999999}" | awk '{t = $2 - $1; print (t < $3 ? t : $3)}')
	done
	echo "$b"
}

decode=$(best "$kit" decode "$pcap")
check=$(best "$kit" check --role ha --from-start "$pcap")
echo
echo "== mip6kit check over $packets packets of bulk registrations (BU with 4 BIDs, BA), best of $runs"
echo "$decode $check $packets" | awk '{
	printf "%-36s %9.3f s %7.1f ns/packet\n", "mip6kit decode", $1, $1 * 1e9 / $3
	printf "%-36s %9.3f s %7.1f ns/packet  %.2fx decode (goal <= 3x)\n", "mip6kit check --role ha", $2, $2 * 1e9 / $3, $2 / $1
}'
