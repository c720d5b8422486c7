"""The sans-I/O Rx core.

Nothing in this package performs I/O, reads a clock or draws randomness: datagrams, the
current time (``now``, in seconds) and a random source come in as arguments, and datagrams to
send, events and the next deadline come out.  The trio layer in :mod:`trio_rxrpc` drives it.

Most of its modules can be compiled with mypyc (``scripts/compile_core.py``, which
``scripts/setup.sh`` runs); the Python source is the reference and is what runs when no
build was made.  :data:`COMPILED` tells which one this process runs.
"""

from __future__ import annotations

from importlib.machinery import ExtensionFileLoader
from importlib.util import find_spec


def is_compiled(module: str) -> bool:
    """Whether the module of that full name is (or would be) loaded from a compiled extension
    module rather than from its Python source."""
    spec = find_spec(module)
    return spec is not None and isinstance(spec.loader, ExtensionFileLoader)


COMPILED: bool = is_compiled(f"{__name__}.call")
"""Whether the core's call machinery was loaded from a compiled extension module."""
