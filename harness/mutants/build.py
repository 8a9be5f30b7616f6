"""build.py - mip6kit binaries for mutation runs, built apart from the
Makefile's so that a mutant costs one compile and one link: every object
is built once under OUT/obj (again only when its source or a header
changed), a mutant's file is compiled from OUT/src into OUT/mut and
linked with the others. No link-time optimisation, so the link is quick.
The coverage build (-O0 --coverage, OUT/cov) is the same sources."""

import os
import subprocess
from concurrent.futures import ThreadPoolExecutor

# The Makefile's CLI_SRC and include folders (its -I list)
SOURCE_DIRS = ["codec", "harness/engine", "harness/cli", "harness/net", "harness/run",
               "harness/trace", "harness/check", "harness/replay"]
INCLUDES = ["-Icodec", "-Iharness/engine", "-Iharness/net", "-Iharness/run",
            "-Iharness/trace", "-Iharness/check", "-Iharness/replay"]
# The Makefile's flags but -Werror: a mutant that only draws a warning (a
# variable now unused) is still a program whose behaviour can be tested.
CFLAGS = ["-std=c11", "-D_GNU_SOURCE", "-Wall", "-Wextra", "-O2", "-g"] + INCLUDES
COV_CFLAGS = ["-std=c11", "-D_GNU_SOURCE", "-O0", "-g", "--coverage"] + INCLUDES
LIBS = ["-lpcap", "-lnet", "-lcrypto"]


class BuildError(Exception):
    pass


def sources(top):
    out = []
    for d in SOURCE_DIRS:
        out += sorted(os.path.join(d, f) for f in os.listdir(os.path.join(top, d)) if f.endswith(".c"))
    return out


def _newest_header(top):
    newest = 0.0
    for d in SOURCE_DIRS:
        for f in os.listdir(os.path.join(top, d)):
            if f.endswith(".h"):
                newest = max(newest, os.path.getmtime(os.path.join(top, d, f)))
    return newest


def _compile(top, flags, src, obj, log):
    os.makedirs(os.path.dirname(obj), exist_ok=True)
    r = subprocess.run(["cc"] + flags + ["-c", src, "-o", obj], cwd=top, capture_output=True, text=True)
    if log is not None:
        with open(log, "a") as f:
            f.write(r.stderr)
    if r.returncode != 0:
        raise BuildError(f"cc {src}: {r.stderr.strip().splitlines()[-1] if r.stderr.strip() else 'failed'}")


def objects(top, out, flags=CFLAGS, sub="obj", jobs=2):
    """Builds (when stale) and returns {source: object} for every source."""
    headers = _newest_header(top)
    objs, todo = {}, []
    for src in sources(top):
        obj = os.path.join(out, sub, src[:-2] + ".o")
        objs[src] = obj
        if not os.path.exists(obj) or os.path.getmtime(obj) < max(headers, os.path.getmtime(os.path.join(top, src))):
            todo.append((src, obj))
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for f in [pool.submit(_compile, top, flags, s, o, None) for s, o in todo]:
            f.result()
    return objs


def link(top, objs, binary, flags=CFLAGS):
    os.makedirs(os.path.dirname(binary), exist_ok=True)
    r = subprocess.run(["cc"] + flags + ["-o", binary] + list(objs) + LIBS, cwd=top, capture_output=True, text=True)
    if r.returncode != 0:
        raise BuildError(f"link {binary}: {r.stderr.strip()}")


def base_binary(top, out):
    """The unmutated binary of this build, OUT/bin/mip6kit-base."""
    objs = objects(top, out)
    binary = os.path.join(out, "bin", "mip6kit-base")
    link(top, objs.values(), binary)
    return binary, objs


def mutant_binary(top, out, objs, path, text):
    """OUT/bin/mip6kit-mutant: every object but path's, which is compiled
    from text. Raises BuildError when the mutant does not compile."""
    src = os.path.join(out, "src", path)
    obj = os.path.join(out, "mut", path[:-2] + ".o")
    os.makedirs(os.path.dirname(src), exist_ok=True)
    with open(src, "w") as f:
        f.write(text)
    log = os.path.join(out, "mut", "cc.log")
    if os.path.exists(obj):
        os.remove(obj)
    _compile(top, CFLAGS, src, obj, log)
    binary = os.path.join(out, "bin", "mip6kit-mutant")
    link(top, [obj if s == path else o for s, o in objs.items()], binary)
    return binary
