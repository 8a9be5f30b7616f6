#!/bin/bash
# linkfault_check.sh - the link faults (`mip6kit net fault`, harness/net/
# linkfault.h) proved with real frames (`make check`): a Care-of Test Init
# from the tester through link 1 to the reference IUT (`mip6kit refd`) and
# its Care-of Test back, with each fault on and after it is cleared; what
# `clean` and a new `net up` remove; what is refused. Needs root and the
# nftables package. Prints "linkfault_check: N passed, N failed".
# usage: harness/tests/linkfault_check.sh BIN/mip6kit
set -u
kit=$1
pass=0 fail=0
log=$(mktemp) cap=$(mktemp) err=$(mktemp)
refd_pid=

finish() {
	[ -n "$refd_pid" ] && kill "$refd_pid" 2>/dev/null && wait "$refd_pid" 2>/dev/null
	"$kit" clean >/dev/null
	rm -f "$log" "$cap" "$err"
}
trap finish EXIT

. "$(dirname "$0")/checks.sh"

if [ "$(id -u)" -ne 0 ] || ! command -v nft >/dev/null; then
	echo "linkfault_check: needs root and nft (make deps installs nftables)"
	echo "linkfault_check: 0 passed, 1 failed"
	exit 1
fi

start_refd() {
	ip netns exec m6k-iut "$kit" refd --iface m6k-i0 --iface m6k-i1 --home-prefix 2001:db8:1::/64 -v 2>"$log" &
	refd_pid=$!
	for _ in $(seq 50); do grep -q serving "$log" && return 0; sleep 0.1; done
	echo "FAIL refd did not start:"; cat "$log"; fail=$((fail + 1))
}

# A CoTI from care-of address $1 on link 1; the CoT within $2 ms (default 300).
coti() {
	"$kit" send --iface m6k-t1 --wait "${2:-300}" coti src="$1" cookie=0102030405060708 ethdst="$mac1"
}
coa1=2001:db8:2::100 coa2=2001:db8:2::101
cot1="2001:db8:1::1 > $coa1 cot" cot2="2001:db8:1::1 > $coa2 cot"

check "net up with two links" 0 '^$' "$kit" net up --links 2
mac1=$("$kit" net iut-mac 1)
start_refd
check "no fault: the CoT comes back" 0 "$cot1" coti $coa1

# one care-of address dies, the other lives; the capture still sees what is dropped
check "loss 100 from the IUT for one address" 0 '^$' "$kit" net fault 1 loss 100 --dir from-iut --addr $coa1
check "the rule is in table netdev m6k_faults, ingress of m6k-t1" 0 \
	"ip6 daddr $coa1 counter packets 0 bytes 0 drop" nft list chain netdev m6k_faults l0_t1_from_iut
timeout 3 tcpdump -l -nn -i m6k-t1 -c 1 "ip6 dst $coa1" >"$cap" 2>/dev/null &
cap_pid=$!
sleep 0.5
# packet taps see an arriving frame before the ingress hook: the tester's
# own capture (send's, tcpdump's) still gets what the rule drops, and the
# rule counts it; the kernel's stack behind m6k-t1 never sees it
check "... the tester's capture still gets its CoT" 0 "$cot1" coti $coa1
wait "$cap_pid"
check "... so does tcpdump's" 0 "$coa1: .*CoT" cat "$cap"
check "... and the rule dropped it" 0 "ip6 daddr $coa1 counter packets 1 .* drop" \
	nft list chain netdev m6k_faults l0_t1_from_iut
check "clear" 0 '^$' "$kit" net fault 1 clear
check "... the link's chains are gone" 0 '^table netdev m6k_faults \{$' nft list table netdev m6k_faults
check "... the first care-of address lives again" 0 "$cot1" coti $coa1

check "loss 100 towards the IUT for one address" 0 '^$' "$kit" net fault 1 loss 100 --dir to-iut --addr $coa1
check "... its CoTI does not reach the IUT" 1 '^$' coti $coa1
check "... the other's does" 0 "$cot2" coti $coa2
check "... lost in the sink, not an error for the sender (exit 1 above, not 2)" 0 \
	"ip6 saddr $coa1 counter packets 1 .* fwd to \"m6k-sink\"" nft list chain netdev m6k_faults l0_t1_to_iut
"$kit" net fault 1 clear

# 50% each way: a quarter of the exchanges get through (none or all of 40: 1e-5)
check "loss 50 both ways" 0 '^$' "$kit" net fault 1 loss 50
got=0
for _ in $(seq 40); do coti $coa2 100 2>>"$err" | grep -q "$cot2" && got=$((got + 1)); done
check "... some exchanges get through, not all ($got of 40)" 0 '' test "$got" -gt 0 -a "$got" -lt 40
check "... and no send was an error" 1 '^0$' grep -c 'only -1 bytes' "$err"
check "... both chains lost some" 0 'packets [1-9].*fwd.*packets [1-9].*drop' bash -c \
	"(nft list chain netdev m6k_faults l0_t1_to_iut; nft list chain netdev m6k_faults l0_t1_from_iut) | tr '\n' ' '"
"$kit" net fault 1 clear

for dir in to-iut from-iut; do
	check "delay 400 $dir" 0 '^$' "$kit" net fault 1 delay 400 --dir $dir
	check "... no CoT within 200 ms" 1 '^$' coti $coa2 200
	sleep 0.6 # the late one passes
	check "... the CoT within 1500 ms" 0 "$cot1" coti $coa1 1500
	check "... a relay holds the frames, through tap m6k-d1" 0 'm6k-d1' bash -c \
		"ip link show m6k-d1 2>/dev/null; ip -n m6k-iut link show m6k-d1 2>/dev/null; true"
	check "clear" 0 '^$' "$kit" net fault 1 clear
	check "... the CoT within 200 ms again" 0 "$cot2" coti $coa2 200
	check "... tap and relay gone" 0 '^$' bash -c "sleep 0.2; ip link show m6k-d1 2>/dev/null;
		ip -n m6k-iut link show m6k-d1 2>/dev/null; pgrep -f '[m]ip6kit net fault 1 delay' || true"
done

check "link 1 down" 0 '^$' "$kit" net fault 1 down
check "... the IUT's end has no carrier" 0 'NO-CARRIER' ip -n m6k-iut link show m6k-i1
check "... nothing goes through" 2 'not up' coti $coa2
check "up" 0 '^$' "$kit" net fault 1 up
sleep 0.3
check "... carrier again, the CoT comes back" 0 "$cot2" coti $coa2 1000

# refused: other links, other addresses, values out of range
check "a link the network does not have" 2 'links 0 to 1' "$kit" net fault 2 down
check "a link the tool never makes" 2 'LINK is 0 to 2' "$kit" net fault 7 loss 10
check "an address outside 2001:db8::/32" 2 '2001:db8::/32' "$kit" net fault 1 loss 100 --addr 2001:db9::1
check "an IPv4 address" 2 '2001:db8::/32' "$kit" net fault 1 loss 100 --addr 192.0.2.1
check "loss 101" 2 '0 to 100' "$kit" net fault 1 loss 101
check "delay 0" 2 '1 to 10000' "$kit" net fault 1 delay 0
check "an unknown direction" 2 'to-iut or from-iut' "$kit" net fault 1 loss 10 --dir sideways
check "an address on a delay" 2 "unexpected '--addr'" "$kit" net fault 1 delay 10 --addr $coa1
check "nothing was made by them" 0 '^$' bash -c \
	"nft list table netdev m6k_faults 2>/dev/null | grep -E 'chain|drop|fwd'; ip link show m6k-d1 2>/dev/null; true"

# what a killed run leaves: the next 'net up' and 'clean' remove it
check "faults of every kind left behind" 0 '^$' bash -c "$kit net fault 1 loss 100 && $kit net fault 1 delay 50 &&
	$kit net fault 0 loss 100 --dir to-iut --addr $coa1 && $kit net fault 1 down"
kill -9 "$refd_pid"; wait "$refd_pid" 2>/dev/null; refd_pid=
check "net up over them" 0 '^$' "$kit" net up --links 2
check "... no fault table hooks the new links" 0 '^$' bash -c "nft list tables | grep m6k; true"
start_refd
check "... the CoT comes back at once" 0 "$cot1" coti $coa1 200
check "faults left again" 0 '^$' bash -c "$kit net fault 1 loss 100 && $kit net fault 1 delay 50 --dir from-iut"
check "clean" 0 'leftovers? removed' "$kit" clean
check "... no table, tap, sink or relay left" 0 '^$' bash -c "sleep 0.2; nft list tables | grep m6k;
	ip link show m6k-d1 2>/dev/null; ip link show m6k-sink 2>/dev/null;
	pgrep -f '[m]ip6kit net fault 1 delay' || true"
kill "$refd_pid" 2>/dev/null; wait "$refd_pid" 2>/dev/null; refd_pid=

echo "linkfault_check: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
