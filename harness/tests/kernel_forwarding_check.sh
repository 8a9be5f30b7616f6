#!/bin/bash
# kernel_forwarding_check.sh - the home agent's data-plane cases (HA-PND,
# HA-TUN, HA-HDATA, HA-RTUN, HA-FAIL, HA-CFG) against an IUT whose Linux
# kernel forwards: `mip6kit refd --forwarding kernel` started through
# --iut-cmd as a user wraps their HA, from the run's placeholders only
# (M6K_IUT_IF, M6K_IUT_ADDR, M6K_HOME_PREFIX, M6K_SETTINGS). The kernel
# chooses its own care-of address (the highest BID), answers unicast
# Neighbor Solicitations without the Target Link-Layer Address option and
# multicast ones after its proxy_delay, sends its own ICMPv6 errors: the
# cases must hold all the same. Then a killed refd: `mip6kit clean`
# removes what its mode made (the namespace takes the veth pair, routes
# and nft table with it). Reports go to build/check-reports/.
# Left out: HA-PND-06 (a unicast Neighbor Solicitation for a proxied
# link-local address): this kernel (6.18) answers none, refd's engine does.
# Prints "kernel-forwarding: N passed, N failed".
# usage: harness/tests/kernel_forwarding_check.sh BIN/mip6kit
set -u
kit=$(readlink -f "$1")
pass=0 fail=0
top=$(mktemp -d)
trap 'rm -rf "$top"' EXIT
mkdir -p build/check-reports
printf '%s yes\n' mcoa bulk ipv4coa rr home-binding data-plane settings >"$top/profile"

. "$(dirname "$0")/checks.sh"

wrapper="flags=; for s in \$M6K_SETTINGS; do case \${s#*=} in yes) flags=\"\$flags --\${s%%=*}\";;"
wrapper="$wrapper *) flags=\"\$flags --\${s%%=*} \${s#*=}\";; esac; done;"
wrapper="$wrapper for i in \$M6K_IUT_IFS; do flags=\"\$flags --iface \$i\"; done;"
wrapper="$wrapper exec $kit refd --forwarding kernel --addr \$M6K_IUT_ADDR --home-prefix \$M6K_HOME_PREFIX -v \$flags"

cases=()
for c in HA-PND HA-TUN HA-HDATA HA-RTUN HA-FAIL HA-CFG; do cases+=(--case "$c"); done
out=$("$kit" run -q --role ha --reports build/check-reports --profile "$top/profile" "${cases[@]}" --iut-cmd "$wrapper" 2>&1)
rc=$?
printf '%s\n' "$out" | grep -E '^(fail|warn|inconclusive|n/a) +HA-' | grep -v ' HA-PND-06 '
bad=$(printf '%s\n' "$out" | grep -E '^(fail|warn|inconclusive|n/a) +HA-' | grep -vc ' HA-PND-06 ')
n=$(printf '%s\n' "$out" | grep -cE '^pass +HA-')
[ "$bad" = 0 ] && [ "$n" -ge 45 ] && ! grep -q 'kernel: failed' build/check-reports/latest/iut.log
verdict $? "the data-plane cases against refd --forwarding kernel ($n passed, exit $rc)" "$out"

# a refd in kernel mode killed: what it made goes with `mip6kit clean`
up=$("$kit" net up --iut-addr 2001:db8:1::1/64 2>&1)
ip netns exec m6k-iut "$kit" refd --forwarding kernel --iface m6k-i0 --addr 2001:db8:1::1 \
	--home-prefix 2001:db8:1::/64 2>/dev/null &
refd=$!
# the nft table is the last thing refd makes
for _ in $(seq 50); do ip netns exec m6k-iut nft list table ip6 m6k_refd >/dev/null 2>&1 && break; sleep 0.1; done
made=$(echo "$up"; ip -n m6k-iut link show m6k-kt0 2>&1; ip netns exec m6k-iut nft list table ip6 m6k_refd 2>&1)
kill -KILL $refd
wait $refd 2>/dev/null
"$kit" clean >/dev/null 2>&1
printf '%s\n' "$made" | grep -q m6k-kt1 && printf '%s\n' "$made" | grep -q 'set reverse' &&
	! ip netns list | grep -q '^m6k' && ! ip link show m6k-kt0 >/dev/null 2>&1
verdict $? "a killed refd --forwarding kernel: its veth pair and nft table made, gone after mip6kit clean" "$made"

echo "kernel-forwarding: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
