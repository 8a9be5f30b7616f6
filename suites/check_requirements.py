#!/usr/bin/env python3
"""check_requirements.py - keeps suites/requirements.tsv honest.

Every row must be well formed (8 tab-separated columns, a unique id, a
known level and role), and every test it names as covering it
("program:test", a unit test program and one of its M6T_RUN cases) must
exist, so that renaming or deleting a test breaks this check. A row that
no test covers must say why in its note. Over the wire, every row must be
checked by a conformance case (suites/ha, suites/cn: its "checks" line),
be mobile-node behaviour, or have a note "untestable: REASON" (or "every
frame: HOW" for a rule `mip6kit check` judges on every frame the IUT
sends); and every
id a case checks must be a row. Prints a coverage summary and
"requirements: N passed, N failed" last (one per row and one per case).

usage: suites/check_requirements.py [--uncovered]
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABLE = os.path.join(ROOT, 'suites', 'requirements.tsv')
TEST_DIRS = ['codec/tests', 'harness/engine/tests']
CASE_DIRS = ['suites/ha', 'suites/cn']
UNTESTABLE = 'untestable: '
# a rule about every frame the IUT sends, judged by `mip6kit check` over
# the case pcaps of make check's runs rather than by a case of its own
EVERY_FRAME = 'every frame: '
LEVELS = {'MUST', 'MUST NOT', 'SHOULD', 'SHOULD NOT', 'SHALL', 'REQUIRED', 'MAY', 'rule'}
ROLES = {'MN', 'HA', 'CN', 'HA+CN', 'router'}


def test_cases():
    cases = {}
    for d in TEST_DIRS:
        for name in os.listdir(os.path.join(ROOT, d)):
            if name.startswith('test_') and name.endswith('.c'):
                with open(os.path.join(ROOT, d, name)) as f:
                    cases[name[:-2]] = set(re.findall(r'M6T_RUN\((\w+)\)', f.read()))
    return cases


def conformance_cases():
    """{case file: [requirement ids of its checks lines]}"""
    checks = {}
    for d in CASE_DIRS:
        for name in sorted(os.listdir(os.path.join(ROOT, d))):
            if name.endswith('.case'):
                with open(os.path.join(ROOT, d, name)) as f:
                    ids = [w for line in f if line.startswith('checks ') for w in line.split()[1:]]
                checks[os.path.join(d, name)] = ids
    return checks


def check_wire(fields, checked):
    """None when the row is checked by a case or marked untestable."""
    rid, role, note = fields[0], fields[4], fields[7]
    if rid in checked or role == 'MN' or note.startswith((UNTESTABLE, EVERY_FRAME)):
        return None
    return 'no conformance case checks it and its note starts with neither %r nor %r' % (UNTESTABLE, EVERY_FRAME)


def check_row(fields, seen, cases):
    if len(fields) != 8:
        return 'has %d columns, not 8' % len(fields)
    rid, _source, _section, level, role, text, covered, note = fields
    if rid in seen:
        return 'duplicate id'
    seen.add(rid)
    if level not in LEVELS:
        return 'unknown level %r' % level
    if role not in ROLES:
        return 'unknown role %r' % role
    if not text.strip():
        return 'no requirement text'
    if covered == '-':
        return None if note.strip() else 'not covered and no note says why'
    for ref in covered.split(','):
        prog, _, case = ref.partition(':')
        if prog not in cases:
            return 'names test program %r, which does not exist' % prog
        if case not in cases[prog]:
            return 'names %s:%s, which %s does not run' % (prog, case, prog)
    return None


def main():
    cases = test_cases()
    case_checks = conformance_cases()
    checked = {rid for ids in case_checks.values() for rid in ids}
    seen = set()
    passed = failed = 0
    uncovered = []
    with open(TABLE) as f:
        lines = f.read().splitlines()
    for n, line in enumerate(lines[1:], start=2):
        fields = line.split('\t')
        problem = check_row(fields, seen, cases) or check_wire(fields, checked)
        if problem:
            print('requirements.tsv:%d: %s: %s' % (n, fields[0], problem))
            failed += 1
            continue
        passed += 1
        if fields[6] == '-':
            uncovered.append(fields)
    for path, ids in case_checks.items():
        unknown = [rid for rid in ids if rid not in seen]
        if not ids or unknown:
            print('%s: checks %s' % (path, 'no requirement' if not ids else
                                     'ids not in requirements.tsv: ' + ' '.join(unknown)))
            failed += 1
        else:
            passed += 1
    print('conformance cases: %d; requirement rows checked by them: %d'
          % (len(case_checks), len(checked & seen)))
    print('requirements: %d rows, %d covered by tests, %d not (%d of them mobile-node behaviour)'
          % (len(seen), len(seen) - len(uncovered), len(uncovered),
             sum(1 for u in uncovered if u[4] == 'MN')))
    if '--uncovered' in sys.argv:
        for u in uncovered:
            print('  %-14s %-6s %s' % (u[0], u[4], u[7]))
    print('requirements: %d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
