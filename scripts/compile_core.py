"""Build, check or remove the compiled sans-I/O core (mypyc, in place).

Usage, from the repository root::

    python3 scripts/compile_core.py            # build it, or say why not and keep the pure core
    python3 scripts/compile_core.py --require  # the same, but fail when it cannot be built
    python3 scripts/compile_core.py --clean    # remove it: the pure-Python core runs again
    python3 scripts/compile_core.py --status   # say which core an import would load

mypyc compiles the typed modules of ``trio_rxrpc/_proto`` listed in :data:`MODULES`, and the
trio layer's modules on every call's path (:data:`TRIO_LAYER`), into extension modules placed
beside their sources (``call.cpython-311-x86_64-linux-gnu.so`` next to ``call.py``), which
Python then imports in place of the source.  This suits the editable
install ``scripts/setup.sh`` makes; an ordinary ``pip install`` of the package is pure Python.
The Python source stays the reference: it is what runs when nothing was built, and the test
suite runs against both (``scripts/test.sh``).  ``trio-rxrpc --version`` says which one runs.

A build needs mypyc (it comes with mypy, in the ``test`` extra), a C compiler and Python's
headers.  When one is missing the script says so and leaves the pure core in place (exit 0),
unless ``--require`` is given (exit 1).  An extension module older than its source is reported
by ``import trio_rxrpc`` with a warning; building again (or ``--clean``) fixes it.
The build takes one to two minutes of one core.
"""

from __future__ import annotations

import argparse
import importlib.machinery
import importlib.util
import os
import shutil
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
"""The repository root: the build runs there, so the modules keep their package names."""

PROTO = Path("trio_rxrpc") / "_proto"

MODULES = (
    "ack", "boundary", "call", "call_life", "call_rx", "call_timers", "call_tx", "callhost",
    "clientside", "codes", "congestion", "connection", "counters", "ended", "endpoint",
    "handshake", "header", "inbound", "pmtud", "rtt", "rxdebug", "serverside", "states",
    "tables", "upgrade",
    "security/rxkad", "security/rxkad_packets", "security/_fcrypt", "security/_fcrypt_native",
)
"""The modules compiled, relative to ``trio_rxrpc/_proto``.  The others stay interpreted:
attrs classes whose fields use ``attrs.field``/``attrs.Factory`` (``wire``, ``config``),
classes that interpreted code derives from (``malformed``, ``security/base``,
``security/null``), an exception class derived from a built-in one (``transitions``), and
the package ``__init__``."""


def say(message: str) -> None:
    print(f"compile_core: {message}", flush=True)


TRIO_LAYER = ("_leave", "_pump", "_receive", "_sender", "_write")
"""Modules of the trio layer compiled with the core, relative to ``trio_rxrpc``: what every
receive, write into a call, end of a call and send of datagrams runs through, behind the
public classes (plain functions, async functions and a class, which mypyc compiles as they
are and trio runs like any other coroutine).  The public classes themselves
(:class:`~trio_rxrpc.Call`, :class:`~trio_rxrpc.BoundSocket`, :class:`~trio_rxrpc.Endpoint`)
stay interpreted: a compiled method checks its annotated argument types itself, with messages
of its own, and refuses what the source takes (any buffer for ``send_all``), so the two
builds would no longer behave alike where the application calls in."""


def sources() -> list[Path]:
    return ([PROTO / f"{name}.py" for name in MODULES]
            + [PROTO.parent / f"{name}.py" for name in TRIO_LAYER])


def built_files() -> list[Path]:
    """Every extension module of a previous build: beside the sources, and mypyc's shared
    library at the root."""
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    found = [path for path in (ROOT / "trio_rxrpc").rglob("*.so")
             if path.name.endswith(suffixes)]
    found += ROOT.glob("*__mypyc*.so")
    return sorted(found)


def missing_tools() -> str | None:
    """Why a build cannot be made here, or None."""
    if importlib.util.find_spec("mypyc") is None:
        return "mypyc is not installed (python3 -m pip install mypy)"
    compiler = (os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(compiler) is None:
        return f"no C compiler ({compiler!r} is not on PATH)"
    include = Path(sysconfig.get_paths()["include"]) / "Python.h"
    if not include.exists():
        return f"Python's headers are missing ({include}; on Debian: apt-get install python3-dev)"
    return None


def clean() -> None:
    removed = built_files()
    for path in removed:
        path.unlink()
    say(f"removed {len(removed)} extension modules: the pure-Python core runs")


def build(require: bool) -> int:
    why = missing_tools()
    if why is not None:
        say(f"not building the compiled core: {why}")
        status()
        return 1 if require else 0
    clean()
    say(f"building {len(MODULES)} modules of {PROTO} and {len(TRIO_LAYER)} of the trio layer "
        "with mypyc (one to two minutes)")
    start = time.monotonic()
    log = ROOT / "build" / "mypyc-core.log"
    log.parent.mkdir(exist_ok=True)
    env = dict(os.environ, MYPYC_OPT_LEVEL=os.environ.get("MYPYC_OPT_LEVEL", "3"))
    with log.open("w") as out:
        done = subprocess.run(
            [sys.executable, "-m", "mypyc", *map(str, sources())],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env, check=False)
    if done.returncode != 0:
        tail = log.read_text().splitlines()[-20:]
        print("\n".join(tail), file=sys.stderr)
        clean()
        say(f"the build failed (exit {done.returncode}; whole log in {log}); "
            "the pure-Python core runs")
        return 1
    # The build may reuse object files (and setuptools copies them with their old times), so
    # date every module now: the import-time check compares these times with the sources'.
    built = built_files()
    for path in built:
        os.utime(path)
    say(f"built {len(built)} extension modules in {time.monotonic() - start:.0f} s")
    return status()


def status() -> int:
    """Print which core an import loads now (in a fresh interpreter)."""
    code = ("import warnings; warnings.simplefilter('error'); import trio_rxrpc._proto as p; "
            "print('compiled' if p.COMPILED else 'pure-Python')")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, check=False)
    if done.returncode != 0:
        say(f"importing the core failed: {done.stderr.strip().splitlines()[-1]}")
        return 1
    say(f"the {done.stdout.strip()} core runs")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description="Build, check or remove the compiled sans-I/O core (mypyc, in place).")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--clean", action="store_true", help="remove the compiled core")
    group.add_argument("--status", action="store_true", help="say which core runs")
    parser.add_argument("--require", action="store_true",
                        help="fail (exit 1) when the compiled core cannot be built")
    args = parser.parse_args()
    os.chdir(ROOT)
    if args.clean:
        clean()
        return 0
    if args.status:
        return status()
    return build(args.require)


if __name__ == "__main__":
    sys.exit(main())
