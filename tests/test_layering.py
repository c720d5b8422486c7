"""The sans-I/O core stays sans-I/O: no trio, sockets, clocks or ambient randomness in _proto."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import trio_rxrpc

PROTO = Path(trio_rxrpc.__file__).parent / "_proto"
FORBIDDEN = {"trio", "socket", "time", "secrets", "random", "os", "select", "selectors",
             "asyncio", "threading"}
"""Modules whose use would tie the core to I/O, a clock or hidden randomness."""
ALLOWED = {("endpoint.py", "random")}
"""endpoint.py imports random only to build a *seeded* default when no source is given."""


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


PROTO_FILES = sorted(PROTO.rglob("*.py"))


def test_proto_files_found() -> None:
    assert len(PROTO_FILES) >= 10


@pytest.mark.parametrize("path", PROTO_FILES, ids=lambda p: str(p.relative_to(PROTO)))
def test_proto_module_imports_nothing_forbidden(path: Path) -> None:
    bad = {m for m in _imports(path) & FORBIDDEN if (path.name, m) not in ALLOWED}
    assert not bad, f"{path.relative_to(PROTO)} imports {sorted(bad)}"


def test_the_checker_catches_a_forbidden_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import trio\nfrom time import monotonic\nfrom . import wire\n")
    assert _imports(sample) & FORBIDDEN == {"trio", "time"}
