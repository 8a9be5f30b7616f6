"""run.py - one suite run against a build of mip6kit, and its verdict.
The run starts refd from its own binary, so a mutated binary means a
mutated reference IUT. Wrapped in flock on the test network's lock; a
run that outlives its timeout is stopped (SIGTERM: the run takes its
network down) and what it left is cleaned up. Each run's output and
summary are kept as OUT/logs/NAME.log and NAME.summary.txt."""

import os
import re
import shutil
import subprocess
import time

from results import Verdict

LOCK = "/tmp/m6k-session.lock"
# a case line: verdict, id, title (the verdict table above has only counts)
CASE = re.compile(r"^(pass|fail|inconclusive|warn|n/a)\s+([A-Za-z][\w.-]*)\s+\S")
DURATION = re.compile(r" cases in ([0-9.]+) s")


def _cases(summary):
    """The cases of summary.txt that did not pass, as 'verdict:ID'."""
    bad = []
    with open(summary) as f:
        for line in f:
            m = CASE.match(line)
            if m and m.group(1) != "pass":
                bad.append(f"{m.group(1)}:{m.group(2)}")
    return bad


def _keep(out, name, reports):
    logs = os.path.join(out, "logs")
    os.makedirs(logs, exist_ok=True)
    base = os.path.join(logs, name.replace(":", "_").replace("/", "_"))
    shutil.copyfile(os.path.join(out, "run.log"), base + ".log")
    summary = os.path.join(reports, "latest", "summary.txt")
    if os.path.exists(summary):
        shutil.copyfile(summary, base + ".summary.txt")


def suites(top, out, binary, timeout, name, long_cases=False):
    """Runs every case with binary, the long ones too with long_cases;
    timeout 0 waits as long as it takes."""
    verdict = _suites(top, out, binary, timeout, long_cases)
    _keep(out, name, os.path.join(out, "reports"))
    return verdict


def _suites(top, out, binary, timeout, long_cases):
    reports = os.path.join(out, "reports")
    shutil.rmtree(reports, ignore_errors=True)
    os.makedirs(reports)
    cmd = [binary, "run", "-q", "--reports", reports] + (["--long"] if long_cases else [])
    if timeout:
        # a run killed after its SIGTERM grace leaves the network: cleaned
        # up under the same lock
        cmd = ["sh", "-c", 't=$1; shift; timeout -k 10 "$t" "$@"; rc=$?; '
               'if [ $rc = 137 ]; then "$1" clean >/dev/null 2>&1; fi; exit $rc',
               "sh", str(timeout)] + cmd
    start = time.monotonic()  # the wait for the lock included: the summary has the run's own time
    with open(os.path.join(out, "run.log"), "w") as f:
        rc = subprocess.run(["flock", LOCK] + cmd, cwd=top, stdout=f, stderr=subprocess.STDOUT).returncode
    seconds = time.monotonic() - start
    if timeout and rc in (124, 137):
        return Verdict("timeout", float(timeout), "", f"stopped after {timeout} s")
    summary = os.path.join(reports, "latest", "summary.txt")
    if not os.path.exists(summary):
        with open(os.path.join(out, "run.log")) as f:
            tail = " ".join(f.read().split()[-20:])
        return Verdict("error", seconds, "", f"exit {rc}, no summary: {tail}")
    with open(summary) as f:
        took = DURATION.search(f.readline())
    seconds = float(took.group(1)) if took else seconds  # without the wait for the lock
    bad = _cases(summary)
    if bad:
        return Verdict("killed", seconds, ",".join(bad), "")
    if rc != 0:
        return Verdict("error", seconds, "", f"exit {rc} with every case passed")
    return Verdict("survived", seconds, "", "")
