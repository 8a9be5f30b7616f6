#!/bin/bash
# check_unit.sh - `mip6kit check` on small hand-built traces with known
# answers (`mip6kit build`, packets 1 ms apart): each rule once kept and
# once broken. Prints "check-unit: N passed, N failed".
# usage: harness/tests/check_unit.sh BIN/mip6kit
set -u
kit=$1
. "$(dirname "$0")/checks.sh"
pass=0 fail=0
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

IUT=2001:db8:1::1 HOA=2001:db8:1::100 COA=2001:db8:2::5
TO_IUT="src=$COA dst=$IUT hao=$HOA"
TO_MN="src=$IUT dst=$COA rh2=$HOA"
BU="bu seq=7 A H lifetime=100 bid=1,coa=$COA bid=2,coa=2001:db8:3::5 $TO_IUT"

# trace NAME SPEC-LINE...: NAME.pcap from the specs, one packet each
trace() {
	local name=$1
	shift
	printf '%s\n' "$@" > "$dir/$name.spec"
	"$kit" build -f "$dir/$name.spec" -o "$dir/$name.pcap" >/dev/null
}
# 3.1 s of unrelated traffic: a reply window that has passed
filler() {
	for _ in $(seq 3100); do echo "echo-request src=2001:db8:9::1 dst=2001:db8:9::2"; done
}

ck() { # NAME EXIT REGEX TRACE [check options]
	local name=$1 rc=$2 re=$3 t=$4
	shift 4
	check "$name" "$rc" "$re" "$kit" check --role ha --from-start "$@" "$dir/$t.pcap"
}

trace ok "$BU" "ba status=0 seq=7 lifetime=100 bid=1 bid=2 $TO_MN"
ck "a bulk registration acknowledged as asked is clean" 0 "0 findings" ok
trace long "$BU" "ba status=0 seq=7 lifetime=101 bid=1 bid=2 $TO_MN"
ck "a lifetime above the one asked" 1 "frame 1,2: MIP6-10.3.1-4: expected a granted lifetime of at most the 400 s" long
trace capped "$BU" "ba status=0 seq=7 lifetime=10 bid=1 bid=2 $TO_MN"
ck "a lifetime below the one asked is policy" 0 "lifetimes granted below those asked: 1" capped
ck "... unless max-lifetime says less" 1 "MIP6-10.3.1-4: expected a lifetime of at most 20 s" capped --settings max-lifetime=5
trace notc "$BU" "ba status=4 seq=7 lifetime=100 bid=1 bid=2 $TO_MN"
ck "NOTCOMPLETE without a refused BID" 1 "MCOA-6.2-16" notc
trace notc_ok "$BU" "ba status=4 seq=7 lifetime=100 bid=1,status=167 bid=2 $TO_MN"
ck "NOTCOMPLETE with a refused BID is clean" 0 "0 findings" notc_ok
trace bidst "$BU" "ba status=0 seq=7 lifetime=100 bid=1,status=167 bid=2 $TO_MN"
ck "a BID status under status 0" 1 "MCOA-6.2-17" bidst
trace drop "$BU" "ba status=0 seq=7 lifetime=100 bid=1 $TO_MN"
ck "a BID left out of the BA" 1 "MCOA-6.2-13: expected the BU's BID 2 copied" drop
trace norh2 "$BU" "ba status=0 seq=7 lifetime=100 bid=1 bid=2 src=$IUT dst=$COA"
ck "a BA to the care-of address without RH2" 1 "MIP6-9.5.4-3" norh2
trace elsewhere "$BU" "ba status=0 seq=7 lifetime=100 bid=1 bid=2 src=$IUT dst=2001:db8:4::5 rh2=$HOA"
ck "a BA to another address" 1 "MIP6-9.5.1-8: .*IUT sent it to 2001:db8:4::5" elsewhere
trace replay "$BU" "ba status=0 seq=7 lifetime=100 bid=1 bid=2 $TO_MN" "$BU" "ba status=0 seq=7 lifetime=100 bid=1 bid=2 $TO_MN"
ck "a replayed sequence number accepted" 1 "frame 3,4: MIP6-9.5.1-4: expected status 135" replay
trace replay135 "$BU" "ba status=0 seq=7 lifetime=100 bid=1 bid=2 $TO_MN" "$BU" "ba status=135 seq=7 bid=1 bid=2 $TO_MN"
ck "a replayed sequence number refused with 135 is clean" 0 "0 findings" replay135
trace old135 "$BU" "ba status=0 seq=7 lifetime=100 bid=1 bid=2 $TO_MN" "${BU/seq=7/seq=3}" "ba status=135 seq=8 bid=1 bid=2 $TO_MN"
ck "135 carrying another number than the last accepted" 1 "MIP6-9.5.1-4: expected status 135 carrying 7" old135
trace csum "$BU csum=1" "ba status=0 seq=7 lifetime=100 bid=1 bid=2 $TO_MN"
ck "a BU with a bad checksum answered" 1 "MIP6-9.2-1: expected a silent discard" csum
trace csum_quiet "$BU csum=1"
ck "a BU with a bad checksum left unanswered is clean" 0 "0 findings" csum_quiet
trace be2 "mh=42 body=0000 src=$COA dst=$IUT" "be status=2 src=$IUT dst=$COA"
ck "an unknown MH type answered with Binding Error 2 is clean" 0 "0 findings" be2
{ echo "mh=42 body=0000 src=$COA dst=$IUT"; filler; } > "$dir/be2_missing.spec"
"$kit" build -f "$dir/be2_missing.spec" -o "$dir/be2_missing.pcap" >/dev/null
ck "no Binding Error 2 within the window" 1 "frame 1: MIP6-9.2-4: expected a Binding Error \(SHOULD\) within 3 s; IUT no answer" \
	be2_missing --iut-addr $IUT
trace be2_end "mh=42 body=0000 src=$COA dst=$IUT"
ck "a capture that ends within the window proves nothing" 0 "frame 1: cannot judge: the capture ends before" be2_end \
	--iut-addr $IUT
trace hao "echo-request src=$COA dst=$IUT hao=$HOA" "be status=1 home=$HOA src=$IUT dst=$COA"
ck "a Home Address option without binding gets Binding Error 1" 0 "0 findings" hao
trace hao_echo "echo-request src=$COA dst=$IUT hao=$HOA" "echo-reply src=$IUT dst=$COA rh2=$HOA"
ck "... and is not answered" 1 "MIP6-9.3.1-1" hao_echo --iut-addr $IUT
check "... unless the binding may predate the capture" 0 "cannot judge: a Home Address option" \
	"$kit" check --role ha --iut-addr $IUT "$dir/hao_echo.pcap"
trace brr "$BU" "ba status=0 seq=7 lifetime=100 bid=1 bid=2 $TO_MN" "brr bid=2 src=$IUT dst=2001:db8:3::5 rh2=$HOA"
ck "a BRR for a binding in use is clean" 0 "0 findings" brr
trace brr_none "brr bid=2 src=$IUT dst=2001:db8:3::5 rh2=$HOA"
ck "a BRR for no binding" 1 "MIP6-9.5.5-1" brr_none
trace home "bu seq=7 A H lifetime=100 bid=1,h,coa=$HOA $TO_IUT" "ba status=0 seq=7 lifetime=100 bid=1,h $TO_MN"
ck "a home binding answered 0 where return-home=5 says 5" 1 "MCOA-6.3-1: expected status 5" home --settings return-home=5
ck "... and accepted without settings, the policy reported" 0 "answered 0: 1, 5: 0" home
trace noa "bu seq=7 H lifetime=100 $TO_IUT" "ba status=0 seq=7 lifetime=100 $TO_MN"
ck "a BA to an accepted BU without the A flag" 1 "SHOULD NOT" noa

# The data plane (home agent): frames from the IUT carry its MAC address, so
# that what it forwards (another node's source address) is told from what
# it was given.
IUT_MAC=02:00:00:00:00:0a MN_MAC=02:00:00:00:00:0b CN=2001:db8:6::7
FROM_IUT="ethsrc=$IUT_MAC ethdst=$MN_MAC" TO_IUT_MAC="ethsrc=$MN_MAC ethdst=$IUT_MAC"
REG="bu seq=7 A H lifetime=100 $TO_IUT $TO_IUT_MAC"
REGD="ba status=0 seq=7 lifetime=100 $TO_MN $FROM_IUT"
TO_HOA="echo-request id=1 seq=1 src=$CN dst=$HOA $TO_IUT_MAC"
trace tun "$REG" "$REGD" "$TO_HOA hlim=9" "echo-request id=1 seq=1 src=$CN dst=$HOA hlim=8 tunnel=$IUT,$COA $FROM_IUT"
ck "a packet tunnelled to the bound care-of address, hop limit one less, is clean" 0 "0 findings" tun
trace tun_src "$REG" "$REGD" "$TO_HOA hlim=9" "echo-request id=1 seq=1 src=$CN dst=$HOA hlim=8 tunnel=$CN,$COA $FROM_IUT"
ck "a tunnel whose outer source is not the home agent" 1 "frame 4: MIP6-10.4.2-1: .*IUT tunnelled from $CN" tun_src
trace tun_hlim "$REG" "$REGD" "$TO_HOA hlim=9" "echo-request id=1 seq=1 src=$CN dst=$HOA hlim=9 tunnel=$IUT,$COA $FROM_IUT"
ck "a tunnelled packet whose hop limit was not decremented" 1 "frame 3,4: MIP6-10.4.2-2: expected the packet forwarded with hop limit 8" tun_hlim
trace tun_one "$REG" "$REGD" "$TO_HOA hlim=1" "echo-request id=1 seq=1 src=$CN dst=$HOA hlim=1 tunnel=$IUT,$COA $FROM_IUT"
ck "a packet whose hop limit ran out tunnelled" 1 "frame 3,4: MIP6-10.4.2-2: expected the packet dropped" tun_one
COA2=2001:db8:3::5
BULK="bu seq=7 A H lifetime=100 bid=1,coa=$COA bid=2,coa=$COA2 $TO_IUT $TO_IUT_MAC"
BULKD="ba status=0 seq=7 lifetime=100 bid=1 bid=2 $TO_MN $FROM_IUT"
DEREG1="bu seq=8 A H lifetime=0 bid=1 $TO_IUT $TO_IUT_MAC"
DEREG1D="ba status=0 seq=8 lifetime=0 bid=1 $TO_MN $FROM_IUT"
trace stale "$BULK" "$BULKD" "$DEREG1" "$DEREG1D" "$TO_HOA" "echo-request id=1 seq=1 src=$CN dst=$HOA hlim=63 tunnel=$IUT,$COA $FROM_IUT"
ck "a packet tunnelled to the care-of address of a deregistered BID" 1 "frame 6: MIP6-10.4.2-3: .*IUT tunnelled to $COA" stale
trace moved "$BULK" "$BULKD" "$DEREG1" "$DEREG1D" "$TO_HOA" "echo-request id=1 seq=1 src=$CN dst=$HOA hlim=63 tunnel=$IUT,$COA2 $FROM_IUT"
ck "... and to the other BID's care-of address is clean" 0 "0 findings" moved
REV="echo-request id=2 seq=1 src=$HOA dst=$CN"
# nested (seed 003 s6.3.1): HOA2 bound to COA, HOA bound to HOA2
HOA2=2001:db8:1::200
REG2="bu seq=1 A H lifetime=100 src=$COA dst=$IUT hao=$HOA2 $TO_IUT_MAC"
REG2D="ba status=0 seq=1 lifetime=100 src=$IUT dst=$COA rh2=$HOA2 $FROM_IUT"
REGN="bu seq=7 A H lifetime=100 src=$HOA2 dst=$IUT hao=$HOA $TO_IUT_MAC"
REGND="ba status=0 seq=7 lifetime=100 src=$IUT dst=$HOA2 rh2=$HOA $FROM_IUT"
trace nested "$REG2" "$REG2D" "$REGN" "$REGND" "$TO_HOA hlim=9" \
	"echo-request id=1 seq=1 src=$CN dst=$HOA hlim=8 tunnel=$IUT,$COA tunnel2=$IUT,$HOA2 $FROM_IUT"
ck "a nested tunnel, each level to a care-of address of the address inside it, is clean" 0 "0 findings" nested
trace nested_bad "$REG2" "$REG2D" "$REGN" "$REGND" "$TO_HOA hlim=9" \
	"echo-request id=1 seq=1 src=$CN dst=$HOA hlim=8 tunnel=$IUT,2001:db8:4::5 tunnel2=$IUT,$HOA2 $FROM_IUT"
ck "a nested tunnel whose outer level goes to an address not bound to the inner one" 1 \
	"frame 6: MIP6-10.4.2-3: expected a tunnel only to a care-of address bound to $HOA2" nested_bad
trace rev "$REG" "$REGD" "$REV hlim=9 tunnel=$COA,$IUT $TO_IUT_MAC" "$REV $FROM_IUT hlim=8"
ck "a reverse tunnelled packet from the bound care-of address forwarded is clean" 0 "0 findings" rev
trace rev_any "$REG" "$REGD" "$REV hlim=9 tunnel=2001:db8:4::5,$IUT $TO_IUT_MAC" "$REV $FROM_IUT hlim=8"
ck "a reverse tunnelled packet from an unbound address forwarded" 1 "frame 3,4: MIP6-10.4.5-2: expected the reverse tunnelled packet dropped" rev_any
trace rev_hlim "$REG" "$REGD" "$REV hlim=9 tunnel=$COA,$IUT $TO_IUT_MAC" "$REV hlim=9 $FROM_IUT"
ck "a reverse tunnelled packet forwarded with its hop limit" 1 "frame 3,4: MIP6-10.4.5-1: expected the packet forwarded with hop limit 8" rev_hlim
NS="ns target=$HOA src=2001:db8:1::fe dst=$HOA $TO_IUT_MAC"
trace na "$REG" "$REGD" "$NS" "na target=$HOA S tlla=$IUT_MAC src=$IUT dst=2001:db8:1::fe $FROM_IUT"
ck "a proxy Neighbor Advertisement for a registered home address is clean" 0 "0 findings" na
trace na_mac "$REG" "$REGD" "$NS" "na target=$HOA S tlla=$MN_MAC src=$IUT dst=2001:db8:1::fe $FROM_IUT"
ck "... with another link-layer address than the home agent's" 1 "frame 3,4: MIP6-10.4.1-1: expected the home agent's own link-layer" na_mac
{ echo "$REG"; echo "$REGD"; echo "$NS"; filler; } > "$dir/na_missing.spec"
"$kit" build -f "$dir/na_missing.spec" -o "$dir/na_missing.pcap" >/dev/null
ck "no proxy Neighbor Advertisement for a registered home address" 1 "frame 3: MIP6-10.4.1-1: expected a Neighbor Advertisement within 1.5 s" na_missing
trace na_unbound "$REG" "$REGD" "na target=2001:db8:1::200 S tlla=$IUT_MAC src=$IUT dst=2001:db8:1::fe $FROM_IUT"
ck "a proxy Neighbor Advertisement for a home address nobody registered" 1 "frame 3: MIP6-10.4.1-4" na_unbound
UNREG="bu seq=8 A H lifetime=0 $TO_IUT $TO_IUT_MAC"
UNREGD="ba status=0 seq=8 lifetime=0 $TO_MN $FROM_IUT"
trace na_dereg "$REG" "$REGD" "$UNREG" "$UNREGD" "$NS" "na target=$HOA S tlla=$IUT_MAC src=$IUT dst=2001:db8:1::fe $FROM_IUT"
ck "... and for one deregistered" 1 "frame 6: MIP6-10.4.1-4" na_dereg
trace na_late "$REG" "$REGD" "$UNREG" "$UNREGD" "na target=$HOA O tlla=$IUT_MAC src=$IUT dst=ff02::1 $FROM_IUT"
ck "... but the registration's unsolicited one may come late" 0 "0 findings" na_late
# checksums of what the IUT makes: a home agent's DAD probe (from ::, before
# it sends anything from its own address: its MAC is the BU's destination)
DAD="ns target=$HOA src=:: dst=ff02::1:ff00:100 ethsrc=$IUT_MAC ethdst=33:33:ff:00:01:00"
trace dad "$REG" "$DAD" "$REGD"
ck "a DAD probe whose checksum verifies is clean" 0 "0 findings" dad
trace dad_csum "$REG" "$DAD csum=bad" "$REGD"
ck "a DAD probe with a wrong checksum" 1 "frame 2: ICMP6-2.3-1: .*DAD probe \\(Neighbor Solicitation\\) for $HOA" dad_csum
trace dad_other "$REG" "${DAD/ethsrc=$IUT_MAC/ethsrc=$MN_MAC} csum=bad" "$REGD"
ck "... from another node's MAC address is not the IUT's" 0 "0 findings" dad_other
trace ba_csum "$REG" "$REGD csum=bad"
ck "a BA with a wrong checksum" 1 "frame 2: MIP6-6.1.1-1: .*Binding Acknowledgement" ba_csum
trace tun_csum "$REG" "$REGD" "$TO_HOA hlim=9 csum=bad" \
	"echo-request id=1 seq=1 src=$CN dst=$HOA hlim=8 csum=bad tunnel=$IUT,$COA $FROM_IUT"
ck "a packet it forwards is not its own: its checksum is the sender's" 0 "0 findings" tun_csum
# a binding acknowledged, then denied: NOTCOMPLETE accepts BID 1 only
NC="bu seq=7 A H lifetime=100 bid=1,coa=$COA bid=2 $TO_IUT"
NCD="ba status=4 seq=7 lifetime=100 bid=1 bid=2,status=167 $TO_MN"
HAO_DATA="echo-request src=$COA dst=$IUT hao=$HOA"
BE1="be status=1 home=$HOA src=$IUT dst=$COA"
trace nc_kept "$NC" "$NCD" "$HAO_DATA" "echo-reply src=$IUT dst=$COA rh2=$HOA"
ck "a BID NOTCOMPLETE accepted, then used, is clean" 0 "0 findings" nc_kept
trace nc_none "$NC" "$NCD" "$HAO_DATA" "$BE1"
ck "a BID NOTCOMPLETE accepted, then Binding Error 1 for its care-of address" 1 \
	"frame 2,4: MCOA-6.2-23: expected the binding BA frame 2 accepted kept \\(BID 1 of $HOA at $COA, 400 s\\); IUT answered the packet of frame 3" nc_none
trace plain_none "$BU" "ba status=0 seq=7 lifetime=100 bid=1 bid=2 $TO_MN" "$HAO_DATA" "$BE1"
ck "... or a bulk registration's" 1 "frame 2,4: MCOA-6.2-23" plain_none
trace nc_dereg "$NC" "$NCD" "bu seq=8 A H lifetime=0 bid=1 $TO_IUT" "$HAO_DATA" "$BE1" "ba status=0 seq=8 lifetime=0 bid=1 $TO_MN"
ck "... but not while a deregistration is on its way" 0 "0 findings" nc_dereg
{ echo "bu seq=7 A H lifetime=1 $TO_IUT"; echo "ba status=0 seq=7 lifetime=1 $TO_MN"; filler | head -2000
  echo "$HAO_DATA"; filler | head -2200; echo "$HAO_DATA"; echo "$BE1"; } > "$dir/expiring.spec"
"$kit" build -f "$dir/expiring.spec" -o "$dir/expiring.pcap" >/dev/null
ck "... nor for a packet sent as the binding's lifetime ran out" 0 "0 findings" expiring
DHAAD="dhaad-req id=7 src=$COA dst=2001:db8:1::fdff:ffff:ffff:fffe $TO_IUT_MAC"
trace dhaad "$DHAAD" "dhaad-rep id=7 ha=$IUT src=$IUT dst=$COA $FROM_IUT"
ck "a DHAAD Reply listing the home agent is clean" 0 "0 findings" dhaad
trace dhaad_self "$DHAAD" "dhaad-rep id=7 ha=2001:db8:1::2 src=$IUT dst=$COA $FROM_IUT"
ck "a DHAAD Reply without the home agent's own address" 1 "frame 1,2: MIP6-10.5-1: expected a Reply listing the home agent's own address" dhaad_self
trace dereg_life "$REG" "$REGD" "bu seq=8 A H lifetime=0 $TO_IUT" "ba status=0 seq=8 lifetime=5 $TO_MN"
ck "a deregistration answered with a lifetime above 0" 1 "frame 3,4: MIP6-10.3.2-2: expected lifetime 0" dereg_life
BRR="brr src=$IUT dst=$COA rh2=$HOA"
trace brr_early "$BU" "ba status=0 seq=7 lifetime=100 bid=1 bid=2 $TO_MN" "$BRR bid=1"
ck "a BRR long before refresh-lead says" 1 "frame 2,3: MIP6-9.5.5-1: expected a Binding Refresh Request about 7 s before" brr_early \
	--settings refresh-lead=7
{ echo "bu seq=7 A H lifetime=2 $TO_IUT"; echo "ba status=0 seq=7 lifetime=2 $TO_MN"; filler | head -1000; echo "$BRR"; } > "$dir/brr_lead.spec"
"$kit" build -f "$dir/brr_lead.spec" -o "$dir/brr_lead.pcap" >/dev/null
ck "a BRR refresh-lead seconds before expiry is clean" 0 "0 findings" brr_lead --settings refresh-lead=7
{ echo "bu seq=7 A H lifetime=2 $TO_IUT"; echo "ba status=0 seq=7 lifetime=2 $TO_MN"; filler; filler; } > "$dir/brr_none.spec"
"$kit" build -f "$dir/brr_none.spec" -o "$dir/brr_none.pcap" >/dev/null
ck "no BRR where refresh-lead says one" 1 "frame 2: MIP6-9.5.5-1: .*IUT sent none" brr_none --settings refresh-lead=7
ck "... and none needed without it" 0 "0 findings" brr_none
CNBU="bu seq=7 A lifetime=100 nonce=0,0 bad=000102030405060708090a0b $TO_IUT"
CNBA="ba status=0 seq=7 lifetime=100 $TO_MN"
trace cn_rh2 "$CNBU" "$CNBA" "echo-reply id=3 seq=1 src=$IUT dst=$COA rh2=$HOA"
check "a correspondent node's packet to a bound home address through RH2 is clean" 0 "0 findings" \
	"$kit" check --role cn --from-start "$dir/cn_rh2.pcap"
trace cn_plain "$CNBU" "$CNBA" "echo-reply id=3 seq=1 src=$IUT dst=$HOA"
check "... sent to the home address without RH2" 1 "frame 3: MIP6-9.3.2-1: .*IUT sent it to $HOA without one" \
	"$kit" check --role cn --from-start "$dir/cn_plain.pcap"
trace cn_unbound "echo-reply id=3 seq=1 src=$IUT dst=$COA rh2=$HOA"
check "... and through RH2 without a binding" 1 "frame 1: MIP6-9.3.2-2" \
	"$kit" check --role cn --from-start --iut-addr $IUT "$dir/cn_unbound.pcap"
check "--json: one object per finding" 1 '^\{"capture":1,"frame":1,"answer_frame":2,"requirement":"MCOA-6.2-16"' \
	"$kit" check --role ha --json "$dir/notc.pcap"
check "the IUT is found: the side that answers" 0 "IUT 2001:db8:1::1;" "$kit" check --role ha "$dir/ok.pcap"
trace two "be status=2 src=$IUT dst=$COA" "be status=2 src=2001:db8:7::1 dst=$COA"
check "two sides that answer: a clear error" 2 "cannot tell which side is the IUT: 2 addresses .*--iut-addr" \
	"$kit" check --role ha "$dir/two.pcap"
check "no signalling: a clear error" 2 "no mobility signalling" "$kit" check --role ha "$dir/be2_end.pcap"
check "a missing capture: exit 2" 2 "No such file" "$kit" check --role ha /nonexistent.pcap
check "--role is required" 2 "say --role" "$kit" check "$dir/ok.pcap"
check "a bad setting is refused" 2 "--settings: 'max-lifetime=x'" "$kit" check --role ha --settings max-lifetime=x "$dir/ok.pcap"
# every requirement id the checker names is a row of the table
missing=""
for id in $(grep -ohE '"[A-Z0-9]+-[0-9.]+-[0-9]+"' harness/check/*.c | tr -d '"' | sort -u); do
	cut -f1 suites/requirements.tsv | grep -qx "$id" || missing="$missing $id"
done
verdict "$([ -z "$missing" ] && echo 0 || echo 1)" "the requirement ids of harness/check/*.c are rows of suites/requirements.tsv" \
	"not in the table:$missing"
echo "check-unit: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
