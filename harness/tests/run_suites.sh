#!/bin/bash
# run_suites.sh - the conformance suites against the reference IUT, as a
# test of the harness itself (`make check`): every case must pass, and
# run without root, the long cases too (a minute more: they are run here
# once). Reports go to build/check-reports/. Prints "suites: N passed, N failed".
# usage: harness/tests/run_suites.sh BIN/mip6kit
set -u
. "$(dirname "$0")/checks.sh"
kit=$1
out=$("$kit" run --long --reports build/check-reports 2>&1)
rc=$?
printf '%s\n' "$out" | grep -E '^\[|^run |^reports:|mip6kit run:'
pass=$(printf '%s\n' "$out" | grep -cE '^\[ *[0-9]+/[0-9]+\] pass ')
fail=$(printf '%s\n' "$out" | grep -cE '^\[ *[0-9]+/[0-9]+\] (fail|inconclusive) ')
[ "$rc" -ne 0 ] && [ "$fail" -eq 0 ] && fail=1
# the cases and the reports are written without root: the captures and
# the reports belong to nobody; root wrote only iut.log, opened before
# the run folder was handed over
latest=build/check-reports/latest
owners=$(stat -c %U $latest/cases/*.pcap $latest/summary.txt $latest/junit.xml $latest/report.html 2>/dev/null | sort -u)
if [ "$(id -u)" -eq 0 ] && { [ "$owners" != "nobody" ] || [ "$(stat -c %U $latest/iut.log)" != root ]; }; then
	echo "FAIL the captures and reports belong to '$owners', not nobody: root was not dropped"
	fail=$((fail + 1))
fi

# A user's IUT through --iut-cmd, without profile: refd with BID support
# switched off, and with the DAD every home agent performs, stands for a
# plain RFC 6275 node. The probes must find that out, so that the MCoA
# cases are n/a and the rest passes: a clean base-protocol report, not a
# wall of failures. (refd works below the kernel, so the namespace's
# kernel, which knows no MIPv6, is switched off on the interface, as the
# reference IUT has it.)
plain=$("$kit" run -q --reports build/check-reports \
	--iut-cmd "sysctl -qw net.ipv6.conf.\$M6K_IUT_IF.disable_ipv6=1; exec $(readlink -f "$kit") refd --iface \$M6K_IUT_IF --addr \$M6K_IUT_ADDR --home-prefix \$M6K_HOME_PREFIX --dad --fault ignores-bids" 2>&1)
printf '%s\n' "$plain" | grep -q 'as HA: mcoa no bulk no ipv4coa no home-binding no data-plane yes dhaad yes mpd yes; as CN: mcoa no rr yes data-plane yes' &&
	[ -s build/check-reports/latest/probes.pcap ] &&
	printf '%s\n' "$plain" | grep -qE '^fail +0$' && printf '%s\n' "$plain" | grep -qE '^inconclusive +0$' &&
	printf '%s\n' "$plain" | grep -qE '^[1-9][0-9]* long cases? not run \(--long\)$'
verdict $? "a plain RFC 6275 node (--iut-cmd, probes): MCoA cases n/a, no failure, long cases left out" "$plain"

# Long cases run only with --long: a --case that selects only long ones
# is refused before anything runs.
long_out=$("$kit" run -q --reports build/check-reports --case HA-LIFE-02 2>&1)
long_rc=$?
[ "$long_rc" = 2 ] && printf '%s\n' "$long_out" | grep -q "the 1 selected is long (--long)"
verdict $? "only long cases selected, without --long: exit 2, saying so" "$long_out"

# A correspondent node that is no home agent, probed as a CN: its features
# are found by CN probes (return routability, then a BU with a BID), so
# its MCoA cases run instead of being n/a through an HA probe's 131.
cn_out=$("$kit" run -q --reports build/check-reports --role cn --case CN-BID-0 \
	--iut-cmd "sysctl -qw net.ipv6.conf.\$M6K_IUT_IF.disable_ipv6=1; exec $(readlink -f "$kit") refd --iface \$M6K_IUT_IF --role cn" 2>&1)
printf '%s\n' "$cn_out" | grep -q 'as CN: mcoa yes rr yes' &&
	printf '%s\n' "$cn_out" | grep -qE '^pass +CN-BID-02' && printf '%s\n' "$cn_out" | grep -qE '^n/a +0$'
verdict $? "a CN-only node without profile: probed as a CN, its MCoA cases run" "$cn_out"

profile=build/check-reports/profile-all
mkdir -p build/check-reports
printf '%s yes\n' mcoa bulk ipv4coa rr home-binding settings >"$profile"

# Cases with settings against a user's IUT: the command is restarted per
# set of settings, applies M6K_SETTINGS (here: turned into refd flags, the
# way the README shows) and serves every interface of M6K_IUT_IFS (two
# links for HA-LINK-01); without 'settings yes' they are n/a.
apply='flags=""; for s in $M6K_SETTINGS; do case ${s#*=} in yes) flags="$flags --${s%%=*}";; *) flags="$flags --${s%%=*} ${s#*=}";; esac; done'
ifaces='for i in $M6K_IUT_IFS; do sysctl -qw net.ipv6.conf.$i.disable_ipv6=1; flags="$flags --iface $i"; done'
iut="$apply; $ifaces; exec $(readlink -f "$kit") refd --home-prefix \$M6K_HOME_PREFIX \$flags"
set_out=$("$kit" run -q --reports build/check-reports --profile "$profile" --iut-cmd "$iut" \
	--case HA-LIM-02 --case CN-HOME-01 --case CN-NONCE-02 --case HA-LINK-01 2>&1)
printf '%s\n' "$set_out" | grep -qE '^pass +4$'
verdict $? "settings through --iut-cmd, M6K_SETTINGS and M6K_IUT_IFS: 4 cases with settings pass" "$set_out"
grep -v settings "$profile" >"$profile-nosettings"
na_out=$("$kit" run -q --reports build/check-reports --profile "$profile-nosettings" --iut-cmd "$iut" \
	--case HA-LIM-02 --case HA-REG-01 2>&1)
printf '%s\n' "$na_out" | grep -qE "^n/a +HA-LIM-02 " &&
	printf '%s\n' "$na_out" | grep -q "needs the IUT set up with 'max-lifetime=10'" &&
	printf '%s\n' "$na_out" | grep -qE '^pass +HA-REG-01'
verdict $? "without 'settings yes' a case with settings is n/a, the others run" "$na_out"

# An IUT that does not answer an unknown MH type with Binding Error 2 (a
# SHOULD): "no reply" is then told by another probe, so those steps still
# conclude; only the case that checks Binding Error 2 warns (a SHOULD, not a MUST).
silent_out=$("$kit" run -q --reports build/check-reports --fault silent-unknown-type \
	--case HA-ACK-01 --case CN-BU-02 --case HA-S92-04 2>&1)
printf '%s\n' "$silent_out" | grep -q "told by a probe sent after: a Home Test Init" &&
	printf '%s\n' "$silent_out" | grep -qE '^pass +HA-ACK-01' &&
	printf '%s\n' "$silent_out" | grep -qE '^pass +CN-BU-02' &&
	printf '%s\n' "$silent_out" | grep -qE '^warn +HA-S92-04'
verdict $? "no Binding Error 2 for an unknown MH type: 'no reply' told by a HoTI probe instead" "$silent_out"

# A case with a setting the run does not know is refused before anything
# runs, with the file and line.
bad_suite=build/check-reports/bad-suite
mkdir -p "$bad_suite/ha" "$bad_suite/cn"
printf 'id X-1\ntitle t\nrole ha\nchecks MIP6-9.2-1\nsetting max-lifetim=10\nsend bu A H hao={hoa} seq=1\n' \
	>"$bad_suite/ha/x.case"
bad_out=$("$kit" run -q --suites "$bad_suite" 2>&1)
bad_rc=$?
[ "$bad_rc" = 2 ] && printf '%s\n' "$bad_out" | grep -q "x.case:5: setting 'max-lifetim=10': unknown setting"
verdict $? "an unknown setting in a case: exit 2 with file and line" "$bad_out"

# An IUT that never answers: the run ends within twice its cases'
# timeouts with failed and inconclusive cases, and exit status 1.
start=$(date +%s)
dead_out=$("$kit" run -q --reports build/check-reports --profile "$profile" --iut-cmd "sleep 600" --case CN-BU 2>&1)
dead_rc=$?
took=$(($(date +%s) - start))
limit=$(printf '%s\n' "$dead_out" | sed -n 's/.*timeouts add up to \([0-9]*\) s.*/\1/p')
[ "$dead_rc" = 1 ] && [ -n "$limit" ] && [ "$took" -le $((2 * limit)) ] &&
	! printf '%s\n' "$dead_out" | grep -qE '^pass +[1-9]'
verdict $? "an IUT that never answers: exit 1 after ${took} s (timeouts add up to ${limit:-?} s), no pass" "$dead_out"

# Every frame the IUT sends is checked, replies or not: a stack whose DAD
# Neighbor Solicitations carry a wrong checksum is reported, with the frame.
nsck_out=$("$kit" run -q --reports build/check-reports --fault dad-bad-checksum --case HA-DAD-01 2>&1)
printf '%s\n' "$nsck_out" | grep -q "findings: the IUT sent [0-9]* frame" &&
	printf '%s\n' "$nsck_out" | grep -qE "the IUT sent [0-9]+ invalid frames? \(cases/HA-DAD-01.pcap\): frame [0-9]+: an ICMPv6 message with a wrong checksum" &&
	printf '%s\n' "$nsck_out" | grep -qE '^fail +HA-DAD-01'
verdict $? "a DAD probe with a wrong checksum: a finding with its frame number, and no DAD seen" "$nsck_out"

# A command that forks (sh runs the daemon in the background): the
# daemon stops with the run, since the IUT has a process group of its own.
pidfile=$(mktemp)
fork_out=$("$kit" run -q --reports build/check-reports --case CN-RR-01 --role cn --profile "$profile" \
	--iut-cmd "sysctl -qw net.ipv6.conf.\$M6K_IUT_IF.disable_ipv6=1; $(readlink -f "$kit") refd --iface \$M6K_IUT_IF & echo \$! > $pidfile; wait" 2>&1)
fork_rc=$?
state=$(ps -o stat= -p "$(cat "$pidfile")" 2>/dev/null) # gone, or a zombie init has not reaped yet
[ "$fork_rc" = 0 ] && [ -s "$pidfile" ] && { [ -z "$state" ] || [ "${state#Z}" != "$state" ]; }
verdict $? "an IUT that sh runs in the background is stopped with the run" "$fork_out"
rm -f "$pidfile"

# A stop sent to the run's process alone (as `timeout` sends it), not to
# its process group: the cases of every lane and job stop at once, and the
# network is taken down. HA-LIFE-02 would wait a minute otherwise.
for sig in INT TERM; do
	"$kit" run -q --long --reports build/check-reports --case HA-LIFE-02 >build/check-reports/stop.out 2>&1 &
	run_pid=$!
	sleep 8
	start=$(date +%s)
	kill -"$sig" "$run_pid"
	wait "$run_pid"
	stop_rc=$?
	took=$(($(date +%s) - start))
	stop_out=$(cat build/check-reports/stop.out)
	[ "$stop_rc" = 2 ] && [ "$took" -le 5 ] && printf '%s\n' "$stop_out" | grep -q "interrupted; the network was taken down" &&
		! ip netns list | grep -q '^m6k-'
	verdict $? "SIG$sig to the run's process alone: exit 2 after ${took} s, network down" "$stop_out"
done

echo "suites: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
