"""coverage.py - the engine lines a suite run reaches: mip6kit built with
gcc --coverage (build.py), one `mip6kit run --long` under the test network's
lock (refd writes its counts when SIGTERM stops it), then gcov per engine
file. A mutant on a line no case executes cannot be killed by the suites,
so it is not worth a run. Kept in OUT/covered.tsv (file, line, count)
until a source changes."""

import glob
import json
import os
import shutil
import subprocess

import build
from run import LOCK


def _stale(top, path):
    if not os.path.exists(path):
        return True
    when = os.path.getmtime(path)
    return any(os.path.getmtime(os.path.join(top, s)) > when for s in build.sources(top))


def _gcov(top, cov, src):
    objdir = os.path.join(cov, "obj", os.path.dirname(src))
    r = subprocess.run(["gcov", "--stdout", "--json-format", "-o", objdir, src], cwd=top,
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise build.BuildError(f"gcov {src}: {r.stderr.strip()}")
    lines = {}
    for doc in r.stdout.splitlines():
        if not doc.strip():
            continue
        for f in json.loads(doc)["files"]:
            if os.path.normpath(f["file"]) == os.path.normpath(src):
                for ln in f["lines"]:
                    lines[ln["line_number"]] = lines.get(ln["line_number"], 0) + ln["count"]
    return lines


def covered(top, out, engine_files, log):
    """{(file, line): count} over the engine's C files, counts > 0 only."""
    table = os.path.join(out, "covered.tsv")
    if _stale(top, table):
        cov = os.path.join(out, "cov")
        shutil.rmtree(cov, ignore_errors=True)
        objs = build.objects(top, cov, flags=build.COV_CFLAGS, sub="obj")
        binary = os.path.join(cov, "mip6kit")
        build.link(top, objs.values(), binary, flags=build.COV_CFLAGS)
        reports = os.path.join(cov, "reports")
        os.makedirs(reports, exist_ok=True)
        log(f"coverage: a suite run with {os.path.relpath(binary, top)} (waits for {LOCK})")
        with open(os.path.join(cov, "run.log"), "w") as f:
            r = subprocess.run(["flock", LOCK, binary, "run", "-q", "--long", "--reports", reports], cwd=top,
                               stdout=f, stderr=subprocess.STDOUT)
        if r.returncode != 0:
            raise build.BuildError(f"the coverage run failed (exit {r.returncode}), see {cov}/run.log")
        if not glob.glob(os.path.join(cov, "obj", "harness", "engine", "*.gcda")):
            raise build.BuildError("the coverage run left no .gcda for the engine")
        with open(table + ".tmp", "w") as f:
            for src in engine_files:
                for line, count in sorted(_gcov(top, cov, src).items()):
                    f.write(f"{src}\t{line}\t{count}\n")
        os.replace(table + ".tmp", table)
    out_lines = {}
    with open(table) as f:
        for row in f:
            src, line, count = row.rstrip("\n").split("\t")
            if int(count) > 0:
                out_lines[(src, int(line))] = int(count)
    return out_lines
