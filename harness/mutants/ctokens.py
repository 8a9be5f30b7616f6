"""ctokens.py - C source as tokens with their offsets and lines, for the
mutation rules (rules.py). Comments, string and character literals and
preprocessor lines are not tokens, so that no rule can touch them; string
and character literals become one opaque token each."""

import re
from dataclasses import dataclass

# Longest punctuators first, so that '<<=' is never read as '<' '<='.
PUNCT = sorted("""<<= >>= ... -> ++ -- << >> <= >= == != && || += -= *= /= %= &= ^= |=
               { } [ ] ( ) ; , < > + - * / % & | ^ ! ~ ? : = . #""".split(), key=len, reverse=True)
TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<comment>/\*.*?\*/|//[^\n]*)
  | (?P<string>"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')
  | (?P<number>(?:0[xX][0-9a-fA-F]+|\d+)[uUlL]*)
  | (?P<ident>[A-Za-z_]\w*)
  | (?P<punct>""" + "|".join(re.escape(p) for p in PUNCT) + r""")
""", re.VERBOSE | re.DOTALL)


@dataclass
class Token:
    kind: str   # number, ident, punct, string
    text: str
    start: int  # offset in the source
    end: int
    line: int   # 1-based


def preprocessor_spans(src):
    """Offsets (start, end) of every preprocessor line, continuations included."""
    spans = []
    for m in re.finditer(r"^[ \t]*#(?:[^\n\\]|\\.)*", src, re.MULTILINE | re.DOTALL):
        spans.append((m.start(), m.end()))
    return spans


def tokenize(src):
    """The tokens of a C file. Raises ValueError on a character no C token starts with."""
    pp = preprocessor_spans(src)
    tokens, pos, k = [], 0, 0
    while pos < len(src):
        while k < len(pp) and pp[k][1] <= pos:
            k += 1
        if k < len(pp) and pp[k][0] <= pos < pp[k][1]:
            pos = pp[k][1]
            continue
        m = TOKEN.match(src, pos)
        if not m:
            line = src.count("\n", 0, pos) + 1
            raise ValueError(f"line {line}: cannot read {src[pos:pos + 10]!r}")
        kind = m.lastgroup
        if kind not in ("space", "comment"):
            tokens.append(Token(kind, m.group(), m.start(), m.end(), src.count("\n", 0, m.start()) + 1))
        pos = m.end()
    return tokens


def match_pairs(tokens):
    """index of each bracket -> index of its partner, for (), [] and {}."""
    pairs, stack = {}, []
    closing = {")": "(", "]": "[", "}": "{"}
    for i, t in enumerate(tokens):
        if t.kind != "punct":
            continue
        if t.text in "([{":
            stack.append(i)
        elif t.text in closing:
            if not stack or tokens[stack[-1]].text != closing[t.text]:
                raise ValueError(f"line {t.line}: unbalanced {t.text!r}")
            j = stack.pop()
            pairs[i], pairs[j] = j, i
    if stack:
        raise ValueError(f"line {tokens[stack[-1]].line}: unclosed {tokens[stack[-1]].text!r}")
    return pairs
