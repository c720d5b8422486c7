"""Make the checkout's ``trio_rxrpc`` importable when a benchmark is run as a script.

``python benchmarks/x.py`` puts ``benchmarks/`` first on ``sys.path``, not the repository
root.  With the setuptools editable install found on the development machines, the package
then resolves to an empty namespace package (its ``__init__`` is never run), so the public
names are missing.  Importing this module first puts the repository root in front in that
case only: a regular ``trio_rxrpc`` found elsewhere (say through ``PYTHONPATH``, to measure
another copy of the code) is left alone.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
"""The repository root."""

_spec = importlib.util.find_spec("trio_rxrpc")
if (_spec is None or _spec.origin is None) and str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
