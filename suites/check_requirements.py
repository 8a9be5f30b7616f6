#!/usr/bin/env python3
"""check_requirements.py - keeps suites/requirements.tsv honest.

Every row must be well formed (8 tab-separated columns, a unique id, a
known level and role), and every test it names as covering it
("program:test", a unit test program and one of its M6T_RUN cases) must
exist, so that renaming or deleting a test breaks this check. A row that
no test covers must say why in its note. Prints a coverage summary and
"requirements: N passed, N failed" last (one per row).

usage: suites/check_requirements.py [--uncovered]
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABLE = os.path.join(ROOT, 'suites', 'requirements.tsv')
TEST_DIRS = ['codec/tests', 'harness/engine/tests']
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
    seen = set()
    passed = failed = 0
    uncovered = []
    with open(TABLE) as f:
        lines = f.read().splitlines()
    for n, line in enumerate(lines[1:], start=2):
        fields = line.split('\t')
        problem = check_row(fields, seen, cases)
        if problem:
            print('requirements.tsv:%d: %s: %s' % (n, fields[0], problem))
            failed += 1
            continue
        passed += 1
        if fields[6] == '-':
            uncovered.append(fields)
    print('requirements: %d rows, %d covered by tests, %d not (%d of them mobile-node behaviour)'
          % (passed + failed, passed - len(uncovered), len(uncovered),
             sum(1 for u in uncovered if u[4] == 'MN')))
    if '--uncovered' in sys.argv:
        for u in uncovered:
            print('  %-14s %-6s %s' % (u[0], u[4], u[7]))
    print('requirements: %d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
