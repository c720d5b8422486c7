"""Which build of the sans-I/O core this process runs, and whether that build is current.

``scripts/compile_core.py`` compiles most of ``trio_rxrpc._proto``, and the trio layer's
modules on every call's path, with mypyc, in place: each extension module sits beside its
source and is imported instead of it.  A source edited (or
checked out) after the build would then be silently ignored, so importing :mod:`trio_rxrpc`
checks the files' times and warns (:class:`RuntimeWarning`) about any compiled module older
than its source.  The test suite treats warnings as errors, so a stale build fails it loudly.
"""

from __future__ import annotations

import warnings
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

from ._proto import COMPILED

__all__ = ["COMPILED", "stale_modules", "warn_if_stale"]

PACKAGE = Path(__file__).parent


def stale_modules(root: Path | None = None) -> list[str]:
    """The compiled modules under ``root`` (default: the package, so the core and the trio
    layer's compiled modules) whose source is newer than they are."""
    root = PACKAGE if root is None else root
    stale = []
    for suffix in EXTENSION_SUFFIXES:
        for built in root.rglob(f"*{suffix}"):
            source = built.with_name(built.name[: -len(suffix)] + ".py")
            if source.exists() and source.stat().st_mtime > built.stat().st_mtime:
                stale.append(source.relative_to(root).as_posix())
    return sorted(stale)


def warn_if_stale() -> None:
    """Warn when the compiled core is older than its source (see the module docstring)."""
    if not COMPILED:
        return
    stale = stale_modules()
    if stale:
        warnings.warn(
            f"the compiled core is older than its source ({', '.join(stale)}); run "
            "scripts/compile_core.py to build it again, or with --clean to use the source",
            RuntimeWarning, stacklevel=3)
