"""Optional compiled build of the sans-I/O core with mypyc.

Everything about the package is in ``pyproject.toml``; this file only adds extension modules
when asked to.  With ``TRIO_RXRPC_COMPILE=1`` in the environment the modules in
:data:`COMPILED_MODULES` are compiled with mypyc (which must be importable: install ``mypy``
and use ``--no-build-isolation``, or have it in the build environment), for example::

    TRIO_RXRPC_COMPILE=1 python setup.py build_ext --inplace   # next to the sources
    TRIO_RXRPC_COMPILE=1 pip install --no-build-isolation .

Without it, or when mypyc or a C compiler is missing or the compilation fails, the pure-Python
package is built unchanged and one warning line says why.  The Python source stays the
reference; ``trio_rxrpc._proto.COMPILED`` (and ``trio-rxrpc --version``) tell which one runs.
An in-place build shadows the ``.py`` files it came from: after editing one of them, build
again or delete the ``.so`` files (``python setup.py clean_compiled``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

# No type stubs for setuptools here: its classes are Any to mypy.
from setuptools import Command, setup  # type: ignore[import-untyped]
from setuptools.command.build_ext import build_ext  # type: ignore[import-untyped]

if TYPE_CHECKING:
    from setuptools import Extension

ROOT = Path(__file__).resolve().parent

_PROTO = "trio_rxrpc/_proto"
COMPILED_MODULES = [
    f"{_PROTO}/{name}.py" for name in (
        "boundary", "call", "call_life", "call_rx", "call_tx", "callhost", "clientside",
        "codes", "congestion", "endpoint", "inbound", "rtt", "rxdebug", "serverside",
        "states", "tables", "upgrade",
    )
] + [
    f"{_PROTO}/security/{name}.py" for name in ("rxkad", "_fcrypt")
]
"""The modules compiled.  Left out, because mypyc 1.x/2.x cannot build them as they are:
``wire``, ``ack``, ``connection``, ``counters`` and ``config`` (attrs classes whose fields use
``attrs.field(...)`` or ``attrs.Factory(...)``: mypyc checks the value against the field's
type at class creation and fails), ``pmtud`` (an attrs field annotated ``object``),
``transitions`` (an exception class derived from ``RuntimeError``), ``malformed`` and
``security.base`` (classes that interpreted modules derive from: a compiled class cannot be
subclassed by Python code), ``security.null`` (derived from those), and the package
``__init__`` (it reports whether the rest is compiled)."""


def _warn(why: str) -> None:
    print(f"trio-rxrpc: building the pure-Python core only: {why}", file=sys.stderr)


def _compiled_extensions() -> list[Extension]:
    """mypyc's extension modules for :data:`COMPILED_MODULES`, or none if it cannot."""
    if os.environ.get("TRIO_RXRPC_COMPILE", "") not in ("1", "yes", "true"):
        return []
    try:
        from mypyc.build import mypycify
    except ImportError as exc:
        _warn(f"mypyc is not importable ({exc})")
        return []
    here = Path.cwd()
    os.chdir(ROOT)
    try:
        return list(mypycify(COMPILED_MODULES, opt_level="3"))
    except (Exception, SystemExit) as exc:
        _warn(f"mypyc failed ({exc!r})")
        return []
    finally:
        os.chdir(here)


class BuildExtOrPure(build_ext):  # type: ignore[misc]
    """``build_ext`` that leaves the package pure when the C compilation fails."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:  # any compiler failure means: stay pure
            _warn(f"the C compilation failed ({exc})")
            nothing: list[Extension] = []
            self.extensions = nothing
            self.distribution.ext_modules = nothing


class CleanCompiled(Command):  # type: ignore[misc]
    """Delete the compiled modules an in-place build left next to the sources."""

    description = "delete in-place mypyc builds of trio_rxrpc._proto"
    user_options: ClassVar[list[tuple[str, str | None, str]]] = []

    def initialize_options(self) -> None:
        pass

    def finalize_options(self) -> None:
        pass

    def run(self) -> None:
        found = [*(ROOT / _PROTO).rglob("*.so"), *ROOT.glob("*__mypyc*.so")]
        for path in found:
            path.unlink()
        print(f"deleted {len(found)} compiled module(s)")


setup(ext_modules=_compiled_extensions(),
      cmdclass={"build_ext": BuildExtOrPure, "clean_compiled": CleanCompiled})
