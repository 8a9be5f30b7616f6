#!/usr/bin/env python3
"""mutants.py - how many engine faults that nobody designed do the suites
catch? Generates mutants of harness/engine/*.c by rule (rules.py), keeps
those on lines a suite run executes (coverage.py), builds each into
mip6kit (build.py) and runs the suites against it (run.py). Writes
OUT/results.tsv as it goes (a second run resumes) and OUT/summary.md.
`make mutants` runs it; --help says the rest."""

import argparse
import difflib
import os
import random
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import build  # noqa: E402
import coverage  # noqa: E402
import results  # noqa: E402
import run  # noqa: E402
from rules import mutants_of  # noqa: E402

TOP = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
ENGINE = "harness/engine"

EPILOG = """Statuses: killed (some case failed, warned or was inconclusive), timeout
(the run outlived --timeout, since cases that fail wait out their
windows: killed too, and said so), survived (every case
passed, the long ones too: `run --long` runs only for a mutant that every
other case passes), build-failed and error (the run could not be done): the last two
are not counted. Score = killed + timeout over those plus survived.

Each suite run is wrapped in 'flock /tmp/m6k-session.lock' (one test network
per machine). Exit status: 0 done, 2 usage error or the run could not start
(a build error, or the unmutated build does not pass every case)."""


def parse_args(argv):
    p = argparse.ArgumentParser(prog="mutants.py", description=__doc__.split("\n\n")[0],
                                epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--files", default="", help="engine files to mutate, comma- or space-separated "
                   "(bu_plan.c or harness/engine/bu_plan.c; default all)")
    p.add_argument("--max", type=int, default=0, help="a sample of N mutants (0: all)")
    p.add_argument("--seed", type=int, default=1, help="the sample's seed (default 1)")
    p.add_argument("--timeout", type=int, default=0,
                   help="seconds a suite run may take (default 2x the unmutated run's + 10; "
                   "a run with the long cases always takes 2x the unmutated one's + 10)")
    p.add_argument("--all-lines", action="store_true", help="do not leave out lines no case executes")
    p.add_argument("--list", action="store_true", help="print the mutants that would run, and stop")
    p.add_argument("--show", metavar="ID", help="print one mutant's diff, and stop")
    p.add_argument("--summary", action="store_true",
                   help="write OUT/summary.md from the verdicts so far (of the same choice), run nothing")
    p.add_argument("--build", metavar="ID",
                   help="build one mutant into OUT/bin/mip6kit-mutant (to run cases against it), and stop")
    p.add_argument("--out", default="build/mutants", help="work folder (default build/mutants)")
    return p.parse_args(argv)


def log(msg):
    print(msg, flush=True)


def fail(msg):
    print(f"mutants.py: {msg}", file=sys.stderr)
    sys.exit(2)


def engine_files(spec):
    every = sorted(f"{ENGINE}/{f}" for f in os.listdir(os.path.join(TOP, ENGINE)) if f.endswith(".c"))
    if not spec.strip():
        return every
    chosen = []
    for name in spec.replace(",", " ").split():
        path = name if name.startswith(ENGINE + "/") else f"{ENGINE}/{name}"
        if path not in every:
            fail(f"no engine file {name} (one of: {', '.join(os.path.basename(f) for f in every)})")
        chosen.append(path)
    return chosen


def all_mutants(files):
    out, texts = [], {}
    for path in files:
        with open(os.path.join(TOP, path)) as f:
            texts[path] = f.read()
        out += mutants_of(path, texts[path], os.path.basename(path))
    return out, texts


def diff(m, texts):
    before = texts[m.file].splitlines(keepends=True)
    after = m.apply(texts[m.file]).splitlines(keepends=True)
    return "".join(difflib.unified_diff(before, after, m.file, m.file + " (" + m.id + ")", n=2))


def pick(mutants, covered, args):
    """The mutants to run: all, or a sample fixed by the seed, in an order
    fixed by the seed too, so that a run cut short has still measured a
    random part of the sample."""
    if not args.all_lines:
        mutants = [m for m in mutants if (m.file, m.line) in covered]
    rng = random.Random(args.seed)
    if args.max and args.max < len(mutants):
        mutants = rng.sample(mutants, args.max)
    mutants = list(mutants)
    rng.shuffle(mutants)
    return mutants


def unmutated(out, base, long_cases):
    """Seconds the unmutated build takes to pass every case (the long ones
    too with long_cases): run once per state of the sources and the cases
    (OUT/unmutated.txt, OUT/unmutated-long.txt keep it)."""
    state = []
    for d in build.SOURCE_DIRS + ["suites/ha", "suites/cn", "suites/probes"]:
        for f in sorted(os.listdir(os.path.join(TOP, d))):
            if not os.path.isfile(os.path.join(TOP, d, f)):
                continue
            with open(os.path.join(TOP, d, f), "rb") as fh:
                state.append(f + fh.read().decode(errors="replace"))
    key = results.key_of("".join(state))
    name = "unmutated-long" if long_cases else "unmutated"
    path = os.path.join(out, name + ".txt")
    if os.path.exists(path):
        with open(path) as f:
            held = f.read().split()
        if len(held) == 2 and held[0] == key:
            return float(held[1])
    log(f"the unmutated build first{', the long cases too' if long_cases else ''} "
        "(waits for the test network's lock)")
    verdict = run.suites(TOP, out, base, 0, name, long_cases)
    if verdict.status != "survived":
        fail(f"the unmutated build does not pass every case ({verdict.status}: "
             f"{verdict.cases or verdict.note}); nothing to measure")
    with open(path, "w") as f:
        f.write(f"{key} {verdict.seconds:.1f}\n")
    return verdict.seconds


def main(argv):
    args = parse_args(argv)
    out = os.path.abspath(os.path.join(TOP, args.out))
    os.makedirs(out, exist_ok=True)
    files = engine_files(args.files)
    mutants, texts = all_mutants(files)
    by_id = {m.id: m for m in mutants}
    one = args.show or args.build
    if one:
        if one not in by_id:
            fail(f"no mutant {one} (--list names them)")
        if args.show:
            sys.stdout.write(diff(by_id[one], texts))
            return 0
        _, objs = build.base_binary(TOP, out)
        m = by_id[one]
        log(build.mutant_binary(TOP, out, objs, m.file, m.apply(texts[m.file])))
        return 0

    covered = {} if args.all_lines else coverage.covered(TOP, out, engine_files(""), log)
    chosen = pick(mutants, covered, args)
    log(f"{len(mutants)} mutants of {len(files)} files, {len(chosen)} to run"
        + ("" if args.all_lines else " (on lines the suites execute)")
        + (f", a sample of {args.max} (seed {args.seed})" if args.max else ""))
    if args.list:
        for m in chosen:
            log(f"{m.id}\t{m.what}")
        return 0

    table = results.Table(os.path.join(out, "results.tsv"))
    if args.summary:
        return write_summary(out, table, chosen, texts, args, len(mutants))
    base, objs = build.base_binary(TOP, out)
    seconds = unmutated(out, base, False)
    # a run whose cases fail waits out each one's window, so a run well
    # past the unmutated one's time has failures: stop it there
    timeout = args.timeout or int(2 * seconds) + 10
    long_timeout = 0  # known once a mutant survives the other cases
    log(f"unmutated: every case passed in {seconds:.0f} s; timeout per mutant {timeout} s")

    for n, m in enumerate(chosen, 1):
        text = m.apply(texts[m.file])
        key = results.key_of(text)
        if table.done(m.id, key):
            continue
        try:
            binary = build.mutant_binary(TOP, out, objs, m.file, text)
        except build.BuildError as e:
            table.add(m, key, results.Verdict("build-failed", 0.0, "", str(e)))
            log(f"[{n}/{len(chosen)}] {m.id}: build failed")
            continue
        verdict = run.suites(TOP, out, binary, timeout, m.id)
        if verdict.status == "survived":
            # the long cases (a minute each) only for a mutant the others miss
            if not long_timeout:
                long_timeout = int(2 * unmutated(out, base, True)) + 10
                log(f"with the long cases: timeout per mutant {long_timeout} s")
            verdict = run.suites(TOP, out, binary, long_timeout, m.id, long_cases=True)
            if verdict.status == "survived":
                verdict.note = results.LONG_TOO
        table.add(m, key, verdict)
        log(f"[{n}/{len(chosen)}] {m.id} ({m.what}): {verdict.status}"
            + (f" by {verdict.cases}" if verdict.cases else "") + (f" ({verdict.note})" if verdict.note else ""))

    return write_summary(out, table, chosen, texts, args, len(mutants))


def write_summary(out, table, chosen, texts, args, total):
    summary = results.summarize(table, chosen, lambda m: diff(m, texts), args, total)
    with open(os.path.join(out, "summary.md"), "w") as f:
        f.write(summary)
    log(summary.split("\n\n")[1])
    log(f"summary: {os.path.relpath(os.path.join(out, 'summary.md'), TOP)}, "
        f"results: {os.path.relpath(table.path, TOP)}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except build.BuildError as e:
        fail(str(e))
    except ValueError as e:
        fail(f"cannot read the engine's sources: {e}")
