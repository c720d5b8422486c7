"""How the package looks to a user's project after the README's set-up.

``scripts/setup.sh`` installs the checkout in editable mode.  A user's type checker must see
the package's types from there (it cannot follow setuptools' import hooks, hence the
"compat" editable mode), so this runs mypy on a small program outside the repository.
"""

from __future__ import annotations

import subprocess
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

USER_PROGRAM = '''
import trio
import trio_rxrpc


async def main() -> None:
    async with trio_rxrpc.open_endpoint(("127.0.0.1", 0)) as ep:
        async with ep.socket() as sock:
            async with sock.call(("127.0.0.1", 7100), 1234) as call:
                await call.send_all(b"hello")
                reply: bytes = await call.receive_all()
                print(reply, ep.statistics().datagrams_sent)


trio.run(main)
'''

WRONG_PROGRAM = '''
import trio_rxrpc

config = trio_rxrpc.EndpointConfig(dead_time="soon")
'''


def _mypy(directory: Path, source: str) -> subprocess.CompletedProcess[str]:
    (directory / "app.py").write_text(source)
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental",
         "--cache-dir", str(directory / ".mypy_cache"), "app.py"],
        cwd=directory, capture_output=True, text=True, timeout=300, check=False)


def test_a_users_mypy_sees_the_package(tmp_path: Path) -> None:
    done = _mypy(tmp_path, USER_PROGRAM)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "import-not-found" not in done.stdout


def test_a_users_mypy_checks_against_real_types(tmp_path: Path) -> None:
    done = _mypy(tmp_path, WRONG_PROGRAM)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "dead_time" in done.stdout
    assert "arg-type" in done.stdout
