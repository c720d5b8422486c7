"""The generated AFS modules in the package are exactly what the compiler makes of xg/."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from trio_rxrpc.afs import _build

if TYPE_CHECKING:
    from pathlib import Path


@pytest.mark.parametrize("path", sorted(_build.outputs()), ids=lambda p: p.name)
def test_module_is_up_to_date(path: Path) -> None:
    expected = _build.outputs()[path]
    assert path.read_text(encoding="utf-8") == expected, (
        f"{path.name} is stale: run python -m trio_rxrpc.afs._build")


def test_every_procedure_is_in_opcodes() -> None:
    from trio_rxrpc.afs import bos, pt, ubik, ubik_disk, vl, vol

    for module in (vl, pt, bos, vol, ubik, ubik_disk):
        assert module.OPCODES
        assert set(module.OPCODES.values()) == set(module.Service.PROCEDURES)
        for name in module.OPCODES:
            assert callable(getattr(module.Client, name))
