"""The Linux guest's module list (``interop/linux``), on a fake module tree: a rebuilt
``rxrpc.ko`` replaces the package's, named helpers come first, and the rebuilt modules live in
a directory named after their build recipe."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import guest_image
import rxperf_module

if TYPE_CHECKING:
    import pytest


def fake_module(path: Path, depends: str, tag: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(f"\0{tag}\0depends={depends}\0".encode())
    return path


def test_rebuilt_rxrpc_replaces_the_package_one(tmp_path: Path) -> None:
    tree = tmp_path / "modules"
    fake_module(tree / "kernel" / "net" / "rxrpc.ko", "libdes", "debian")
    fake_module(tree / "kernel" / "lib" / "libdes.ko", "", "debian")
    fake_module(tree / "kernel" / "crypto" / "krb5.ko", "", "debian")
    fake_module(tree / "kernel" / "crypto" / "cts.ko", "", "debian")
    fake_module(tree / "kernel" / "drivers" / "e1000.ko", "", "debian")
    kernel = guest_image.Kernel(tmp_path / "vmlinuz", "7.3", tree)
    rebuilt = fake_module(tmp_path / "out" / "rxrpc.ko", "krb5,libdes", "rebuilt")
    rxperf = fake_module(tmp_path / "out" / "rxperf.ko", "rxrpc", "rebuilt")
    order = guest_image.module_load_order(kernel, extra=(Path("cts"), rebuilt, rxperf))
    assert [name for name, _ in order] == ["cts", "krb5", "libdes", "rxrpc", "e1000", "rxperf"]
    assert b"rebuilt" in dict(order)["rxrpc"]


def test_the_build_is_cached_per_recipe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = guest_image.PackageCache(tmp_path)
    version = guest_image.KERNEL_PACKAGE.removeprefix("linux-image-")
    directory = rxperf_module.module_dir(cache, version)
    assert rxperf_module.built(cache) is None
    for name in rxperf_module.KEPT:
        fake_module(directory / f"{name}.ko", "", "built")
    paths = rxperf_module.built(cache)
    assert paths is not None
    assert [path.name for path in paths] == ["rxrpc.ko", "rxperf.ko"]
    assert rxperf_module.guest_modules(paths)[:len(rxperf_module.PRELOAD)] == list(
        rxperf_module.PRELOAD)
    monkeypatch.setattr(rxperf_module, "RECIPE", rxperf_module.RECIPE + " changed")
    assert rxperf_module.built(cache) is None
