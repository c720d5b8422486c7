"""``python -m trio_rxrpc demo`` runs, over real UDP on loopback, and reports what it checked.

The first test runs the command exactly as a user would, in a subprocess, against the
checkout this file belongs to.  The others call the command line and the demo in process:
the parser's shape, and that a server sending wrong replies makes the demo fail.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from trio_rxrpc import __main__ as cli, _demo

if TYPE_CHECKING:
    import pytest

    from trio_rxrpc import Call

REPO = Path(__file__).resolve().parents[2]


def test_demo_command_succeeds_and_says_what_happened() -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    result = subprocess.run(
        [sys.executable, "-m", "trio_rxrpc", "demo"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    for size in ("0 B", "10 B", "1412 B", "64 KiB", "1 MiB"):
        assert f"{size:>9}" in out
    assert "MISMATCH" not in out
    assert "FAILED" not in out
    assert "512 of 512 replies matched their requests" in out
    assert "64 in flight at once" in out
    assert "calls/s" in out
    assert "the call ended LOCALLY_ABORTED, abort code RX_USER_ABORT (-6)" in out
    assert "raised RemoteAbort, abort code RX_USER_ABORT (-6)" in out
    # The listings, rendered by format_table.
    assert "CLIENT_SEND_REQUEST" in out
    assert "SERVER_RECV_REQUEST" in out
    assert "RTT_MS" in out
    # The file round trip: sendfile() one way, splice() the other, digests compared.
    assert "echo service 1234, file service 1235" in out
    assert "A 4 MiB file of random bytes goes to a file store and comes back" in out
    assert "upload: client sendfile() -> server splice()    4 MiB in" in out
    assert "download: server sendfile() -> client splice()    4 MiB in" in out
    assert "SHA-256 of the server's copy:  the same" in out
    assert "SHA-256 of the fetched copy:   the same" in out
    assert "OK: all 520 calls behaved as expected" in out
    assert result.stderr == ""


def test_help_lists_the_demo(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--help"]) == 0
    assert "demo" in capsys.readouterr().out


def test_a_command_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([]) == 2
    assert "COMMAND" in capsys.readouterr().err


def test_demo_options_are_checked(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["demo", "--concurrency", "0"]) == 2
    assert "argument --concurrency: wants a number of calls" in capsys.readouterr().err


def test_small_demo_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["demo", "--calls", "8", "--concurrency", "4"]) == 0
    out = capsys.readouterr().out
    assert "8 of 8 replies matched" in out
    assert "OK: all 16 calls behaved as expected" in out


async def test_a_small_file_round_trip() -> None:
    out = io.StringIO()
    assert await _demo.run_demo(out, calls=2, concurrency=2, file_size=1413)
    report = out.getvalue()
    assert "A 1413 B file of random bytes" in report
    assert "upload: client sendfile() -> server splice()   1413 B in" in report
    assert "SHA-256 of the fetched copy:   the same" in report


async def test_wrong_replies_fail_the_demo() -> None:
    async def reverse(call: Call) -> None:
        request = await call.receive_all()
        await call.send_all(request[::-1])
        await call.send_eof()

    out = io.StringIO()
    assert not await _demo.run_demo(out, calls=4, concurrency=2, handler=reverse)
    report = out.getvalue()
    assert "MISMATCH" in report
    assert "got a different reply back" in report
    assert "FAILED:" in report.splitlines()[-1]
