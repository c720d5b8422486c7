"""The real-peer fixtures work: the OpenAFS cell in both modes, crxperf, rxdebug and tshark.

These tests exercise only the harness (real OpenAFS and C Rx programs talking to each other);
the protocol tests against trio_rxrpc use the same fixtures.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pathlib import Path

    from conftest import CellEnv

pytestmark = pytest.mark.interop


def run(*argv: str | Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in argv],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def result_fields(line: str) -> dict[str, str]:
    """Split a crxperf ``RESULT``/``READY``/``SERVER`` line into its ``key=value`` fields."""
    return dict(word.split("=", 1) for word in line.split()[1:] if "=" in word)


def free_udp_port() -> int:
    """A UDP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_cell_noauth_answers_rxdebug_version(openafs_cell_noauth: CellEnv, rxdebug: Path) -> None:
    cell = openafs_cell_noauth
    assert cell.mode == "noauth"
    assert cell.host == "127.0.0.1"
    assert cell.ports == {"fs": 7000, "pt": 7002, "vl": 7003, "vol": 7005, "bos": 7007}
    assert cell.key == bytes.fromhex("0123456789abcdef")
    assert cell.kvno == 3

    done = run(rxdebug, cell.host, str(cell.pt_port), "-version")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "AFS version: OpenAFS" in done.stdout


def test_cell_noauth_lets_anonymous_list_entries(openafs_cell_noauth: CellEnv) -> None:
    pts = shutil.which("pts")
    assert pts is not None, "cell-up.sh installs openafs-client, which has pts"
    done = run(pts, "listentries", "-noauth", "-config", openafs_cell_noauth.config_dir)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "admin" in done.stdout
    assert "user1" in done.stdout


def test_cell_auth_refuses_anonymous_list_entries(openafs_cell_auth: CellEnv) -> None:
    # Runs after the noauth tests (the conftest orders them): the cell is rebuilt in auth mode.
    assert openafs_cell_auth.mode == "auth"
    pts = shutil.which("pts")
    assert pts is not None
    done = run(pts, "listentries", "-noauth", "-config", openafs_cell_auth.config_dir)
    assert done.returncode != 0
    assert "Permission denied" in done.stderr
    # Unprivileged calls still work as rxnull.
    done = run(pts, "examine", "admin", "-noauth", "-config", openafs_cell_auth.config_dir)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "id: 1," in done.stdout


def test_crxperf_client_and_server_make_100_rpc_calls(crxperf: Path) -> None:
    port = str(free_udp_port())
    with subprocess.Popen(
        [str(crxperf), "server", "-p", port, "-N", "100", "-t", "60"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    ) as server:
        try:
            assert server.stdout is not None
            ready = server.stdout.readline()
            assert ready.startswith("READY "), ready
            assert result_fields(ready)["port"] == port

            client = run(crxperf, "client", "-p", port, "-c", "rpc", "-n", "100", "-t", "60")
            assert client.returncode == 0, client.stdout + client.stderr
            result = result_fields(client.stdout.strip().splitlines()[-1])
            assert (result["calls"], result["ok"], result["failed"]) == ("100", "100", "0")

            # -N 100: the server reports and exits after its hundredth call.
            rest, _ = server.communicate(timeout=30)
        finally:
            if server.poll() is None:
                server.kill()
                server.communicate()
    summary = result_fields(next(ln for ln in rest.splitlines() if ln.startswith("SERVER ")))
    assert (summary["calls"], summary["rpc"], summary["sec_null"]) == ("100", "100", "100")
    assert server.returncode == 0


def test_tshark_runs(tshark: Path) -> None:
    done = run(tshark, "-v")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("TShark")
