#!/bin/bash
# bridge_check.sh - an IUT in a "virtual machine": refd in a namespace of
# its own (m6k-guest, made and removed here), reached from this host
# through a veth pair whose host end, tap-m6k, stands for a guest's tap.
# `mip6kit run --iut-bridge tap-m6k` must bridge it with the test link for
# the run, reach the guest at its MAC address, and give the interface back
# afterwards. Prints "bridge: N passed, N failed".
# usage: harness/tests/bridge_check.sh BIN/mip6kit
set -u
kit=$(readlink -f "$1")
guest=m6k-guest tap=tap-m6k guest_mac=02:6d:36:6b:02:00
pass=0 bad=0

check() { # NAME, then the command that must succeed
	local name=$1
	shift
	if "$@"; then
		echo "ok   $name"
		pass=$((pass + 1))
	else
		echo "FAIL $name"
		bad=$((bad + 1))
	fi
}

cleanup() {
	[ -n "${refd:-}" ] && kill "$refd" 2>/dev/null && wait "$refd" 2>/dev/null
	ip netns del $guest 2>/dev/null
	ip link del $tap 2>/dev/null
	rm -f "${guest_log:-}"
}
cleanup
trap cleanup EXIT
ip netns add $guest &&
	ip link add $tap type veth peer name eth0 address $guest_mac netns $guest &&
	ip netns exec $guest sysctl -qw net.ipv6.conf.eth0.disable_ipv6=1 &&
	ip -n $guest link set eth0 up && ip link set $tap up
check "a guest namespace behind $tap" [ $? = 0 ]
guest_log=$(mktemp)
echo "an earlier line of the guest's log" >"$guest_log"
ip netns exec $guest "$kit" refd --iface eth0 --home-prefix 2001:db8:1::/64 --addr 2001:db8:1::1 --dad -v \
	2>>"$guest_log" &
refd=$!

out=$("$kit" run -q --reports build/check-reports --iut-bridge $tap --iut-mac $guest_mac --iut-log "$guest_log" \
	--case HA-REG-01 --case HA-DAD-02 --case CN-RR-01 2>&1)
rc=$?
check "cases against the guest through the bridge pass (exit $rc)" \
	bash -c '[ '$rc' = 0 ] && printf "%s\n" "$1" | grep -qE "^pass +3$"' _ "$out"
check "the guest's features are found by probes" \
	bash -c 'printf "%s\n" "$1" | grep -q "Features found by probes"' _ "$out"
check "the guest's log, from the run on, is in iut.log (--iut-log)" \
	bash -c 'grep -q "refd: added" build/check-reports/latest/iut.log && ! grep -q "an earlier line" build/check-reports/latest/iut.log'
check "$tap is back in this namespace after the run" bash -c "ip link show $tap >/dev/null 2>&1"
check "the test namespace is gone" bash -c '! ip netns list | grep -q "^m6k-iut"'
[ "$bad" -gt 0 ] && printf '%s\n' "$out" | tail -20
echo "bridge: $pass passed, $bad failed"
[ "$bad" -eq 0 ]
