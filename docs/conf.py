"""Sphinx configuration for the trio-rxrpc documentation.

Build with ``python -m sphinx -W -b html docs docs/_build/html`` from the repository root.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Document the package in this checkout, whatever happens to be installed.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import trio_rxrpc  # from the path above

project = "trio-rxrpc"
author = "The trio-rxrpc developers"
copyright = f"%Y, {author}"  # noqa: A001 - the name Sphinx reads
release = trio_rxrpc.__version__
version = release

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
]

# Google-style docstrings (Args/Returns/Raises), as the library writes them.
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_rtype = False

autodoc_member_order = "bysource"
autodoc_typehints_format = "short"

html_theme = "alabaster"
html_theme_options = {
    "description": "RxRPC over UDP for trio",
    "fixed_sidebar": True,
}
html_static_path: list[str] = []
exclude_patterns = ["_build", "_generated"]  # (generated parts are included)
