#!/usr/bin/env python3
"""rr_vectors.py - check `mip6kit rr` against independent oracles.

Usage: python3 codec/tests/rr_vectors.py BIN/mip6kit

Random vectors (fixed seed) for every `rr` subcommand are computed with
Python's hmac/hashlib (RFC 6275 s5.2.5, s6.2.7 as PROTOCOL.md states them)
and compared byte for byte with what the binary prints. A few are also
recomputed with the openssl command line (`openssl dgst`), so that the
oracle does not rest on one implementation. Error cases must exit 2 with
one line on stderr. Last line: "rr_vectors: N passed, N failed".
"""
import hashlib
import hmac
import ipaddress
import random
import shutil
import subprocess
import sys

SEED = 6275
N_TOKEN = 80   # half home, half care-of
N_KBM = 50     # half with a care-of token, half deregistration
N_AUTH = 50
N_SIGN = 50
N_OPENSSL = 6  # of each kind: token, kbm, auth

BAD, NONCE, PADN, PAD1 = 5, 4, 1, 0
AUTH_LEN = 12


class Tally:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL " + what)


def run(binary, args):
    try:
        p = subprocess.run([binary, "rr"] + args, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired) as e:
        return -1, "", str(e)
    return p.returncode, p.stdout, p.stderr


def hmac_sha1(key, data):
    return hmac.new(key, data, hashlib.sha1).digest()


def rand_bytes(rng, n):
    return bytes(rng.getrandbits(8) for _ in range(n))


def rand_addr(rng):
    """Addresses of every shape inet_pton accepts: documentation prefixes,
    but also ::, v4-mapped and random 128-bit values (the crypto does not care)."""
    kind = rng.randrange(4)
    if kind == 0:
        a = ipaddress.IPv6Address(b"\x20\x01\x0d\xb8" + rand_bytes(rng, 12))
    elif kind == 1:
        a = ipaddress.IPv6Address("2001:db8:%x::%x" % (rng.randrange(1 << 16), rng.randrange(1 << 16)))
    elif kind == 2:
        a = ipaddress.IPv6Address("::ffff:192.0.2.%d" % rng.randrange(256))
    else:
        a = ipaddress.IPv6Address(rand_bytes(rng, 16))
    return a.packed, str(a) if rng.randrange(2) else a.exploded


def hexcase(rng, b):
    h = b.hex()
    return h.upper() if rng.randrange(3) == 0 else h


# ---- oracles (RFC 6275 s5.2.5, s6.2.7; PROTOCOL.md "Return routability") ----

def token(kcn, addr, nonce, ident):
    return hmac_sha1(kcn, addr + nonce + bytes([ident]))[:8]


def kbm_of(home, coa):
    return hashlib.sha1(home + (coa or b"")).digest()


def authenticator(kbm, coa, cn, mh_data):
    return hmac_sha1(kbm, coa + cn + mh_data)[:AUTH_LEN]


def sign(kbm, coa, cn, mh):
    """The MH with Checksum zero and without the 12 Authenticator octets
    (the BAD Type and Length stay in) is what the Authenticator covers."""
    data = mh[:4] + b"\0\0" + mh[6:-AUTH_LEN]
    return mh[:-AUTH_LEN] + authenticator(kbm, coa, cn, data)


def random_mh(rng):
    """A BU or BA with random fixed fields and checksum, a few options, and
    a BAD at 8n+2 that ends the message."""
    mh_type = rng.choice([5, 6])
    body = rand_bytes(rng, 6)
    opts = b""
    for _ in range(rng.randrange(4)):
        kind = rng.randrange(4)
        if kind == 0:
            opts += bytes([NONCE, 4]) + rand_bytes(rng, 4)
        elif kind == 1:
            opts += bytes([35, 4]) + rand_bytes(rng, 4)   # BID without CoA
        elif kind == 2:
            n = rng.randrange(0, 30)
            opts += bytes([rng.choice([200, 250, 33]), n]) + rand_bytes(rng, n)
        else:
            opts += bytes([PAD1])
    pos = 6 + len(body) + len(opts)
    pad = (2 - pos) % 8
    if pad == 1:
        opts += bytes([PAD1])
    elif pad >= 2:
        opts += bytes([PADN, pad - 2]) + bytes(pad - 2)
    rest = body + opts + bytes([BAD, AUTH_LEN]) + rand_bytes(rng, AUTH_LEN)
    total = 6 + len(rest)
    assert total % 8 == 0
    return bytes([59, total // 8 - 1, mh_type, rng.randrange(2) * rng.randrange(256)]) + \
        rand_bytes(rng, 2) + rest


# ---- the openssl command line as a second oracle ----------------------------

def openssl_dgst(data, hexkey=None):
    args = ["openssl", "dgst", "-sha1"]
    if hexkey is not None:
        args += ["-mac", "HMAC", "-macopt", "hexkey:" + hexkey]
    p = subprocess.run(args, input=data, capture_output=True, timeout=10)
    if p.returncode != 0:
        return None
    return bytes.fromhex(p.stdout.decode().strip().split("= ")[-1])


# ---- the checks ---------------------------------------------------------------

def check_output(t, what, rc, out, err, want_hex):
    ok = rc == 0 and out == want_hex + "\n" and err == ""
    t.check(ok, "%s: want %s, got rc=%d out=%r err=%r" % (what, want_hex, rc, out.strip(), err.strip()))


def check_tokens(t, binary, rng, keep):
    for i in range(N_TOKEN):
        kcn = rand_bytes(rng, 20)
        addr, addr_text = rand_addr(rng)
        nonce = rand_bytes(rng, rng.choice([8, 8, 8, 1, 2, 16, 32, rng.randrange(1, 257)]))
        ident = i % 2
        want = token(kcn, addr, nonce, ident)
        rc, out, err = run(binary, ["token", "--kcn", hexcase(rng, kcn), "--addr", addr_text,
                                    "--nonce", hexcase(rng, nonce), "--id", ("home", "careof")[ident]])
        check_output(t, "token #%d (%s, nonce %d octets)" % (i, addr_text, len(nonce)), rc, out, err, want.hex())
        if i < N_OPENSSL:
            keep.append(("token", kcn, addr + nonce + bytes([ident]), want, out.strip()))


def check_kbm(t, binary, rng, keep):
    for i in range(N_KBM):
        home = rand_bytes(rng, 8)
        coa = rand_bytes(rng, 8) if i % 2 == 0 else None
        want = kbm_of(home, coa)
        args = ["kbm", "--home-token", hexcase(rng, home)]
        if coa:
            args += ["--coa-token", hexcase(rng, coa)]
        rc, out, err = run(binary, args)
        check_output(t, "kbm #%d (%s)" % (i, "registration" if coa else "deregistration"), rc, out, err, want.hex())
        if i < N_OPENSSL:
            keep.append(("kbm", None, home + (coa or b""), want, out.strip()))


def check_auth(t, binary, rng, keep):
    for i in range(N_AUTH):
        kbm = rand_bytes(rng, 20)
        coa, coa_text = rand_addr(rng)
        cn, cn_text = rand_addr(rng)
        data = rand_bytes(rng, rng.choice([0, 1, 20, 32, rng.randrange(0, 2049)]))
        want = authenticator(kbm, coa, cn, data)
        rc, out, err = run(binary, ["auth", "--kbm", hexcase(rng, kbm), "--coa", coa_text,
                                    "--cn", cn_text, "--mh", hexcase(rng, data)])
        check_output(t, "auth #%d (%d octets)" % (i, len(data)), rc, out, err, want.hex())
        if i < N_OPENSSL:
            keep.append(("auth", kbm, coa + cn + data, want, out.strip()))


def check_sign(t, binary, rng):
    for i in range(N_SIGN):
        kbm = rand_bytes(rng, 20)
        coa, coa_text = rand_addr(rng)
        cn, cn_text = rand_addr(rng)
        mh = random_mh(rng)
        want = sign(kbm, coa, cn, mh)
        rc, out, err = run(binary, ["sign", "--kbm", hexcase(rng, kbm), "--coa", coa_text,
                                    "--cn", cn_text, "--mh", hexcase(rng, mh)])
        check_output(t, "sign #%d (%s)" % (i, mh.hex()), rc, out, err, want.hex())


def check_openssl(t, keep):
    """The kept vectors once more, through `openssl dgst`: Python, openssl
    and mip6kit must all agree."""
    if not shutil.which("openssl"):
        t.check(False, "openssl: command not found (needed for the cross-check)")
        return
    for kind, key, data, want, got in keep:
        if kind == "kbm":
            full = openssl_dgst(data)
            n = 20
        else:
            full = openssl_dgst(data, key.hex())
            n = 8 if kind == "token" else AUTH_LEN
        ok = full is not None and full[:n] == want and got == want.hex()
        t.check(ok, "openssl %s: openssl %s, python %s, mip6kit %s"
                % (kind, full[:n].hex() if full else "failed", want.hex(), got))


KCN = "0102030405060708090a0b0c0d0e0f1011121314"
KBM = "f28452858b206eabd09ee96a4bf5258aab792a8c"
GOOD_MH = "3b030500beef000780000064040412345678050c000000000000000000000000"

ERROR_CASES = [
    ("odd hex digits", ["token", "--kcn", KCN, "--addr", "::1", "--nonce", "abc", "--id", "home"]),
    ("non-hex nonce", ["token", "--kcn", KCN, "--addr", "::1", "--nonce", "0g", "--id", "home"]),
    ("short kcn", ["token", "--kcn", KCN[:38], "--addr", "::1", "--nonce", "00", "--id", "home"]),
    ("long kcn", ["token", "--kcn", KCN + "00", "--addr", "::1", "--nonce", "00", "--id", "home"]),
    ("non-hex kcn", ["token", "--kcn", "x" * 40, "--addr", "::1", "--nonce", "00", "--id", "home"]),
    ("empty nonce", ["token", "--kcn", KCN, "--addr", "::1", "--nonce", "", "--id", "home"]),
    ("bad address", ["token", "--kcn", KCN, "--addr", "2001:db8::zz", "--nonce", "00", "--id", "home"]),
    ("IPv4 address", ["token", "--kcn", KCN, "--addr", "192.0.2.1", "--nonce", "00", "--id", "home"]),
    ("bad id", ["token", "--kcn", KCN, "--addr", "::1", "--nonce", "00", "--id", "2"]),
    ("missing --kcn", ["token", "--addr", "::1", "--nonce", "00", "--id", "home"]),
    ("missing --id", ["token", "--kcn", KCN, "--addr", "::1", "--nonce", "00"]),
    ("missing value", ["token", "--kcn"]),
    ("missing --home-token", ["kbm"]),
    ("missing --home-token with coa", ["kbm", "--coa-token", "0011223344556677"]),
    ("short home token", ["kbm", "--home-token", "00112233445566"]),
    ("non-hex coa token", ["kbm", "--home-token", "0011223344556677", "--coa-token", "001122334455667z"]),
    ("option of another subcommand", ["kbm", "--home-token", "0011223344556677", "--kcn", KCN]),
    ("unknown option", ["auth", "--bogus", "1"]),
    ("missing --mh", ["auth", "--kbm", KBM, "--coa", "::1", "--cn", "::2"]),
    ("odd --mh", ["auth", "--kbm", KBM, "--coa", "::1", "--cn", "::2", "--mh", "abc"]),
    ("stray argument", ["auth", "--kbm", KBM, "--coa", "::1", "--cn", "::2", "--mh", "00", "extra"]),
    ("sign without BAD", ["sign", "--kbm", KBM, "--coa", "::1", "--cn", "::2", "--mh", "3b01050000000000" + "0000000000000000"]),
    ("sign length disagrees", ["sign", "--kbm", KBM, "--coa", "::1", "--cn", "::2", "--mh", GOOD_MH + "0000000000000000"]),
    ("sign BAD not last", ["sign", "--kbm", KBM, "--coa", "::1", "--cn", "::2",
                           "--mh", GOOD_MH[:2] + "04" + GOOD_MH[4:] + "0106000000000000"]),
    ("no subcommand", []),
    ("unknown subcommand", ["frobnicate"]),
]


def check_errors(t, binary):
    for what, args in ERROR_CASES:
        rc, out, err = run(binary, args)
        lines = err.splitlines()
        ok = rc == 2 and out == "" and len(lines) == 1 and lines[0].startswith("mip6kit rr: ")
        t.check(ok, "error case '%s': want exit 2 and one 'mip6kit rr: ' line on stderr, "
                "got rc=%d stdout=%r stderr=%r" % (what, rc, out, err))
    for args in (["--help"], ["-h"], ["token", "--help"], ["kbm", "-h"], ["auth", "--help"], ["sign", "--help"]):
        rc, out, err = run(binary, args)
        t.check(rc == 0 and out.startswith("usage: mip6kit rr") and err == "",
                "help %s: rc=%d stdout=%r stderr=%r" % (args, rc, out[:60], err))


def main():
    if len(sys.argv) != 2:
        print("usage: rr_vectors.py BIN/mip6kit", file=sys.stderr)
        return 2
    binary = sys.argv[1]
    rng = random.Random(SEED)
    t = Tally()
    keep = []
    check_tokens(t, binary, rng, keep)
    check_kbm(t, binary, rng, keep)
    check_auth(t, binary, rng, keep)
    check_sign(t, binary, rng)
    check_openssl(t, keep)
    check_errors(t, binary)
    print("rr_vectors: %d passed, %d failed" % (t.passed, t.failed))
    return 1 if t.failed else 0


if __name__ == "__main__":
    sys.exit(main())
