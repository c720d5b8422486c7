"""The two builds of the core: which one runs, and the warning about a stale compiled one."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

import trio_rxrpc
from trio_rxrpc import _build
from trio_rxrpc._proto import COMPILED

ROOT = Path(__file__).resolve().parent.parent
SUFFIX = EXTENSION_SUFFIXES[0]


def test_the_expected_core_runs() -> None:
    """scripts/test.sh runs the suite once per build and says which one it expects."""
    expected = os.environ.get("TRIO_RXRPC_EXPECT_CORE")
    if expected is None:
        pytest.skip("TRIO_RXRPC_EXPECT_CORE is not set (scripts/test.sh sets it for each pass)")
    assert expected in ("pure", "compiled")
    assert (expected == "compiled") == COMPILED
    build = "compiled core" if COMPILED else "pure-Python core"
    done = subprocess.run([sys.executable, "-m", "trio_rxrpc", "--version"],
                          capture_output=True, text=True, check=True)
    assert done.stdout.strip() == f"trio-rxrpc {trio_rxrpc.__version__} ({build})"


def _touch(path: Path, mtime: float) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"")
    os.utime(path, (mtime, mtime))


def test_stale_modules_are_those_older_than_their_source(tmp_path: Path) -> None:
    _touch(tmp_path / "call.py", 1000)
    _touch(tmp_path / f"call{SUFFIX}", 2000)         # built after its source: current
    _touch(tmp_path / "inbound.py", 3000)
    _touch(tmp_path / f"inbound{SUFFIX}", 2000)      # source edited after the build
    _touch(tmp_path / "security" / "rxkad.py", 5000)
    _touch(tmp_path / "security" / f"rxkad{SUFFIX}", 4000)
    _touch(tmp_path / f"orphan{SUFFIX}", 1)          # no source beside it: not judged
    assert _build.stale_modules(tmp_path) == ["inbound.py", "security/rxkad.py"]


def test_a_stale_compiled_core_warns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _touch(tmp_path / "call.py", 3000)
    _touch(tmp_path / f"call{SUFFIX}", 2000)
    monkeypatch.setattr(_build, "PACKAGE", tmp_path)
    monkeypatch.setattr(_build, "COMPILED", True)
    with pytest.warns(RuntimeWarning, match=r"older than its source \(call\.py\)"):
        _build.warn_if_stale()
    monkeypatch.setattr(_build, "COMPILED", False)  # the pure core runs: nothing to say
    _build.warn_if_stale()


def test_the_installed_core_is_not_stale() -> None:
    assert _build.stale_modules() == []


def test_compile_core_status_names_the_running_core() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "compile_core.py"),
                           "--status"], capture_output=True, text=True, check=True)
    build = "compiled" if COMPILED else "pure-Python"
    assert done.stdout.strip() == f"compile_core: the {build} core runs"


@pytest.mark.parametrize(("require", "exit_status"), [(False, 0), (True, 1)])
def test_compile_core_without_a_compiler_says_why(require: bool, exit_status: int) -> None:
    """With no C compiler on PATH nothing is built or removed, and the reason is given."""
    before = sorted((ROOT / "trio_rxrpc").rglob("*.so"))
    args = [sys.executable, str(ROOT / "scripts" / "compile_core.py")]
    done = subprocess.run([*args, "--require"] if require else args,
                          env=dict(os.environ, PATH="/nonexistent", CC="no-such-cc"),
                          capture_output=True, text=True, check=False)
    assert done.returncode == exit_status, done.stdout + done.stderr
    assert "not building the compiled core: no C compiler" in done.stdout
    build = "compiled" if COMPILED else "pure-Python"
    assert f"the {build} core runs" in done.stdout
    assert sorted((ROOT / "trio_rxrpc").rglob("*.so")) == before
