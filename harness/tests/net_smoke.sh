#!/bin/bash
# net_smoke.sh - the live path end to end (`make check`): the test network
# is built, the reference IUT (`mip6kit refd`) runs in its namespace, and
# packets built from specs go out at the link layer and come back through
# libpcap. Needs root (network namespaces). Prints "net_smoke: N passed, N failed".
# usage: harness/tests/net_smoke.sh BIN/mip6kit
set -u
kit=$1
pass=0 fail=0
log=$(mktemp)
refd_pid=

finish() {
	[ -n "$refd_pid" ] && kill "$refd_pid" 2>/dev/null && wait "$refd_pid" 2>/dev/null
	"$kit" clean >/dev/null
	rm -f "$log"
}
trap finish EXIT

. "$(dirname "$0")/checks.sh"

start_refd() {
	ip netns exec m6k-iut "$kit" refd --iface m6k-i0 --home-prefix 2001:db8:1::/64 -v "$@" 2>"$log" &
	refd_pid=$!
	# refd says it serves once its capture is open
	for _ in $(seq 50); do grep -q serving "$log" && return 0; sleep 0.1; done
	echo "FAIL refd did not start:"; cat "$log"; fail=$((fail + 1))
}

if [ "$(id -u)" -ne 0 ]; then
	echo "net_smoke: needs root for network namespaces"
	echo "net_smoke: 0 passed, 1 failed"
	exit 1
fi

check "net up" 0 '^$' "$kit" net up
mac=$("$kit" net iut-mac)
start_refd
send() { "$kit" send --iface m6k-t0 --wait 1000 "$@" "ethdst=$mac"; }
check "bulk home registration -> BA 0 with both BIDs" 0 \
	'ba status=0 seq=1 lifetime_s=400 bid=1 bid=2 rh2=2001:db8:1::100 : valid' \
	send bu seq=1 A H lifetime=100 hao=2001:db8:1::100 bid=1,coa=2001:db8:2::100 bid=2,coa=2001:db8:3::100
check "same sequence number -> BA 135" 0 'ba status=135 seq=1 ' \
	send bu seq=1 A H lifetime=100 hao=2001:db8:1::100
check "bad checksum -> no reply" 1 '^$' \
	send --wait 300 bu seq=2 A H lifetime=100 hao=2001:db8:1::100 csum=bad
check "HoTI -> HoT" 0 'hot index=[0-9]+ cookie=0102030405060708 token=[0-9a-f]{16} : valid' \
	send hoti src=2001:db8:1::100 cookie=0102030405060708
check "Payload Proto 6 -> ICMPv6 Parameter Problem at the field" 0 "icmp6 type=4 code=0 param=64 : valid" \
	send bu seq=3 A H lifetime=100 hao=2001:db8:1::100 proto=6
check "refd logged the registrations" 0 'added hoa=2001:db8:1::100 bid=2' cat "$log"

# An IUT with a kernel (here: the namespace's own, which knows no MH)
# must resolve the router in front of the care-of addresses first: the
# tester answers that Neighbor Solicitation, then the kernel's ICMPv6
# error (unrecognized Next Header 135, pointer at the IPv6 Next Header
# field) comes back through it.
kill "$refd_pid"; wait "$refd_pid" 2>/dev/null; refd_pid=
check "net up with an address for the IUT" 0 '^$' "$kit" net up --iut-addr 2001:db8:1::1/64
mac=$("$kit" net iut-mac)
check "neighbour solicitation answered, kernel's ICMPv6 error received" 0 \
	'2001:db8:1::1 > 2001:db8:2::100 icmp6 type=4 code=1 param=6 : valid' \
	send bu seq=1 A H lifetime=100

# The data plane, with the kernel's address in place: refd keeps its
# kernel from answering (protocol 41, UDP 7, echo), proxies the home
# address, tunnels to a bound care-of address, takes reverse tunnelled
# packets from bound ones only, and answers echoes through RH2.
start_refd --addr 2001:db8:1::1
mn="hao=2001:db8:1::100"
check "home registration announced by an unsolicited NA, then the BA" 0 \
	'2001:db8:1::1 > ff02::1 na target=2001:db8:1::100 O tlla=02:6d:36:6b:01:00 : valid' \
	send bu seq=1 A H lifetime=100 $mn bid=1,coa=2001:db8:2::100 bid=2,coa=2001:db8:3::100
check "a packet for the home address comes back tunnelled" 0 \
	'^1 2001:db8:4::1 > 2001:db8:1::100 echo-request id=3 seq=0 data=0102 tunnel=2001:db8:1::1,2001:db8:2::100 hlim=63 : valid$' \
	send echo-request id=3 data=0102 src=2001:db8:4::1 dst=2001:db8:1::100
check "reverse tunnelled from a bound care-of address: forwarded, kernel silent" 0 \
	'^1 2001:db8:1::100 > 2001:db8:4::1 echo-request id=4 seq=0 hlim=63 : valid$' \
	send echo-request id=4 src=2001:db8:1::100 dst=2001:db8:4::1 tunnel=2001:db8:3::100,2001:db8:1::1
check "reverse tunnelled from an unbound address: dropped" 1 '^$' \
	send --wait 300 echo-request src=2001:db8:1::100 dst=2001:db8:4::1 tunnel=2001:db8:9::9,2001:db8:1::1
check "echo from the home address: answered through RH2 to the care-of address" 0 \
	'2001:db8:1::1 > 2001:db8:2::100 echo-reply id=5 seq=0 rh2=2001:db8:1::100 : valid' \
	send echo-request id=5 $mn src=2001:db8:2::100
check "UDP echo: ports swapped, no Port Unreachable" 0 '^1 2001:db8:1::1 > 2001:db8:4::1 udp sport=7 dport=5000 : valid$' \
	send udp sport=5000 dport=7 src=2001:db8:4::1
check "refd logged the tunnel" 0 'tunnelled hoa=2001:db8:1::100 bid=1 coa=2001:db8:2::100' cat "$log"
check "refd logged the drop" 0 'reason=tunnel-source' cat "$log"
kill "$refd_pid"; wait "$refd_pid" 2>/dev/null; refd_pid=

# a run killed with its network up: the next one must still work
start_refd
kill -9 "$refd_pid"; wait "$refd_pid" 2>/dev/null; refd_pid=
check "net up over leftovers" 0 '^$' "$kit" net up
check "clean removes everything" 0 'leftovers? removed' "$kit" clean
check "nothing left" 0 '^$' bash -c '! ip netns list | grep m6k && ! ip link show m6k-t0 2>/dev/null'

# three links, fixed MAC addresses, the IUT routed through link 1; all removed by clean
check "net up with three links" 0 '^$' "$kit" net up --links 3 --iut-addr 2001:db8:1::1/64
check "the IUT's end of link 2 has its fixed MAC address" 0 '^02:6d:36:6b:01:02$' "$kit" net iut-mac 2
check "the care-of prefixes go through link 1" 0 '2001:db8::/32 via 2001:db8:ff01::fe dev m6k-i1' \
	ip -n m6k-iut -6 route show 2001:db8::/32
check "clean removes the three links" 0 'leftovers? removed' "$kit" clean
check "no link left" 0 '^$' bash -c '! ip link show | grep m6k-t'

echo "net_smoke: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
