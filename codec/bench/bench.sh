#!/bin/sh
# bench.sh - the speed figures (`make bench`): codec decode +
# validate from memory, then `mip6kit decode` over a generated capture
# against the libpcap I/O floor and tcpdump, then the binding cache and the
# engine (bench_engine), and the engine's instructions per BU (valgrind).
# Each time is the best of RUNS runs (wall clock); the ratios come from
# those same numbers.
# usage: codec/bench/bench.sh BIN/mip6kit [PACKETS]
set -eu
kit=$1
packets=${2:-1000000}
runs=${RUNS:-3}
bench=build/rel/bench
work=$(mktemp -d /tmp/m6bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

echo "== codec, from memory (best of 5 rounds of 2M calls)"
"$bench/bench_codec"

pcap=$work/mh.pcap
"$bench/gen_pcap" "$pcap" "$packets"
echo
echo "== mip6kit decode over $packets packets ($(du -m "$pcap" | cut -f1) MiB pcap, page cache warm), best of $runs"
cat "$pcap" >/dev/null

# best wall-clock seconds of a command, its output to /dev/null
best() {
	b=
	for _ in $(seq "$runs"); do
		s=$(date +%s.%N)
		"$@" >/dev/null 2>&1 || [ $? -eq 1 ]
		e=$(date +%s.%N)
		b=$(echo "$s $e ${b:-999999}" | awk '{t = $2 - $1; print (t < $3 ? t : $3)}')
	done
	echo "$b"
}

floor=$(best "$bench/pcap_floor" "$pcap")
line=$(best "$kit" decode "$pcap")
json=$(best "$kit" decode --json "$pcap")
verbose=$(best "$kit" decode -v "$pcap")
tcpd=$(RUNS=1 best tcpdump -nn -v -r "$pcap")

awk -v f="$floor" -v l="$line" -v j="$json" -v v="$verbose" -v t="$tcpd" -v n="$packets" 'BEGIN {
	printf "%-36s %9s %9s  %s\n", "run", "seconds", "ns/pkt", "ratio"
	printf "%-36s %9.3f %9.1f  %s\n", "libpcap loop, empty callback", f, f * 1e9 / n, "1.00x (floor)"
	printf "%-36s %9.3f %9.1f  %.2fx floor (goal <= 2x)\n", "mip6kit decode", l, l * 1e9 / n, l / f
	printf "%-36s %9.3f %9.1f  %.2fx plain (goal <= 3x)\n", "mip6kit decode --json", j, j * 1e9 / n, j / l
	printf "%-36s %9.3f %9.1f  %.2fx plain\n", "mip6kit decode -v", v, v * 1e9 / n, v / l
	printf "%-36s %9.3f %9.1f  mip6kit decode is %.1fx faster (goal >= 10x)\n", "tcpdump -nn -v -r (1 run)", t, t * 1e9 / n, t / l
}'

# The engine issue's figures: binding cache and BU processing.
echo
"$bench/bench_engine"

# Instructions per BU: callgrind counts what runs inside the BU loop
# (process_bus) of the engine benchmark built like bin/mip6kit.
cg=$work/callgrind.out
bus=$(valgrind --tool=callgrind --collect-atstart=no '--toggle-collect=*process_bus*' \
	--callgrind-out-file="$cg" "$bench/bench_engine_generic" --bus-only 2>/dev/null)
awk -v n="$bus" '/^totals:/ {
	printf "%-44s %10.0f instructions (valgrind --tool=callgrind, %d BUs)\n",
		"engine: bulk BU (4 BIDs) -> cache -> BA", $2 / n, n; found = 1 }
	END { if (!found) { print "bench: no callgrind totals" > "/dev/stderr"; exit 1 } }' "$cg"
