"""results.py - the verdicts of a mutation run: OUT/results.tsv, one row
per mutant, written as each run ends so that an interrupted run resumes
where it stopped (a row counts only while its mutant's text is the same:
the key is a hash of the mutated file), and the summary (OUT/summary.md)."""

import collections
import hashlib
import os
from dataclasses import dataclass

COLUMNS = ["id", "status", "seconds", "cases", "note", "what", "key"]
# the note of a mutant that survived the long cases too (mutants.py runs
# them only for a mutant the others miss); a survivor without it has
# not met them yet
LONG_TOO = "long cases too"


@dataclass
class Verdict:
    status: str     # killed, timeout, survived, build-failed, error
    seconds: float
    cases: str      # the cases that did not pass, verdict:ID,...
    note: str


def key_of(text):
    return hashlib.sha1(text.encode()).hexdigest()[:12]


def _clean(s):
    return " ".join(str(s).split())


class Table:
    def __init__(self, path):
        self.path = path
        self.rows = {}
        if os.path.exists(path):
            with open(path) as f:
                header = f.readline().rstrip("\n").split("\t")
                if header == COLUMNS:
                    for line in f:
                        row = dict(zip(COLUMNS, line.rstrip("\n").split("\t")))
                        self.rows[row["id"]] = row
        self._write_all()

    def _write_all(self):
        with open(self.path + ".tmp", "w") as f:
            f.write("\t".join(COLUMNS) + "\n")
            for row in self.rows.values():
                f.write("\t".join(row[c] for c in COLUMNS) + "\n")
        os.replace(self.path + ".tmp", self.path)

    def done(self, mid, key):
        row = self.rows.get(mid)
        return (row is not None and row["key"] == key and row["status"] != "error"
                and (row["status"] != "survived" or row["note"] == LONG_TOO))

    def add(self, m, key, v):
        self.rows[m.id] = {"id": m.id, "status": v.status, "seconds": f"{v.seconds:.1f}",
                           "cases": _clean(v.cases), "note": _clean(v.note), "what": _clean(m.what), "key": key}
        self._write_all()


def summarize(table, chosen, diff_of, args, total):
    rows = [table.rows[m.id] for m in chosen if m.id in table.rows]
    count = collections.Counter(r["status"] for r in rows)
    killed = count["killed"] + count["timeout"]
    counted = killed + count["survived"]
    score = f"{100.0 * killed / counted:.1f}%" if counted else "n/a"
    lines = ["# Mutation run over harness/engine/*.c", "",
             f"mutation score {score}: {killed} killed ({count['timeout']} of them by timeout), "
             f"{count['survived']} survived, of {counted} counted; {count['build-failed']} did not build, "
             f"{count['error']} runs could not be done; {len(rows)} of {len(chosen)} chosen mutants have a verdict "
             f"({total} generated)", "",
             f"options: files={args.files or 'all'} max={args.max or 'all'} seed={args.seed} "
             f"all-lines={'yes' if args.all_lines else 'no'}", "",
             "| rule | killed | survived | score |", "|---|---|---|---|"]
    by_rule = collections.defaultdict(collections.Counter)
    by_file = collections.defaultdict(collections.Counter)
    for r in rows:
        rule = r["id"].rsplit(":", 1)[1].rsplit("-", 1)[0]
        by_rule[rule][r["status"]] += 1
        by_file[r["id"].split(":")[0]][r["status"]] += 1
    for name, c in sorted(by_rule.items()) + [("", None)] + sorted(by_file.items()):
        if c is None:
            lines += ["", "| file | killed | survived | score |", "|---|---|---|---|"]
            continue
        k, s = c["killed"] + c["timeout"], c["survived"]
        lines.append(f"| {name} | {k} | {s} | {100.0 * k / (k + s):.0f}% |" if k + s else f"| {name} | 0 | 0 | - |")
    survivors = [m for m in chosen if table.rows.get(m.id, {}).get("status") == "survived"]
    lines += ["", f"## Survivors ({len(survivors)})", ""]
    for m in survivors:
        lines += [f"### {m.id}: {m.what}", "", "```diff", diff_of(m).rstrip("\n"), "```", ""]
    others = [r for r in rows if r["status"] in ("timeout", "build-failed", "error")]
    if others:
        lines += ["## Timeouts, build failures, errors", ""]
        lines += [f"- {r['id']} ({r['what']}): {r['status']} {r['note']}" for r in others]
        lines.append("")
    return "\n".join(lines)
