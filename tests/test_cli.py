"""``trio-rxrpc`` as a user runs it: program name, usage errors, ``list`` against the wrong peer.

Every test runs the real program in a process and checks what a user sees: the exit status,
and that a failure is one line on stderr with no traceback.
"""

from __future__ import annotations

import os
import socket
import struct
import subprocess
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from trio_rxrpc._proto.wire import HEADER, HEADER_SIZE, PacketType

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from conftest import CellEnv

REPO = Path(__file__).resolve().parent.parent


def environment() -> dict[str, str]:
    """The environment for the programs: this checkout's ``trio_rxrpc`` first."""
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": f"{REPO}{os.pathsep}{path}" if path else str(REPO)}


def run_cli(*argv: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """``python -m trio_rxrpc ARGV...``, finished."""
    return subprocess.run([sys.executable, "-m", "trio_rxrpc", *argv], env=environment(),
                          stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          timeout=timeout, check=False)


def assert_one_line_failure(done: subprocess.CompletedProcess[str], status: int,
                            *fragments: str) -> str:
    """The process exited with ``status`` and said why in one stderr line holding
    ``fragments``; that line is returned."""
    assert done.returncode == status, (done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])
    return lines[0]


# ------------------------------------------------------------------- program name


def test_help_names_the_module_when_run_as_a_module() -> None:
    done = run_cli("--help")
    assert done.returncode == 0
    assert done.stdout.startswith("usage: python -m trio_rxrpc [-h]")
    assert "exit status:" in done.stdout
    assert "130" in done.stdout


def test_help_names_the_console_script(tmp_path: Path) -> None:
    """Run as the installed ``trio-rxrpc`` script, the messages call it that."""
    script = tmp_path / "trio-rxrpc"
    script.write_text("import sys\nfrom trio_rxrpc.__main__ import main\nsys.exit(main())\n")
    done = subprocess.run([sys.executable, str(script), "list", "--help"], env=environment(),
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: trio-rxrpc list ")
    assert "python -m" not in done.stdout
    error = subprocess.run([sys.executable, str(script), "list", "127.0.0.1"],
                           env=environment(), capture_output=True, text=True, timeout=60,
                           check=False)
    assert_one_line_failure(error, 2, "trio-rxrpc list: error:")


@pytest.mark.parametrize("command", [("demo",), ("list",), ("rxperf", "server"),
                                     ("rxperf", "client"), ("group",)])
def test_every_command_documents_its_exit_statuses(command: tuple[str, ...]) -> None:
    done = run_cli(*command, "--help")
    assert done.returncode == 0, done.stderr
    table = done.stdout.split("exit status:\n", 1)[1]
    assert "  0    " in table
    assert "  2    usage error" in table


# ------------------------------------------------------------------ list: usage


@pytest.mark.parametrize(("argv", "fragment"), [
    (("127.0.0.1",), "has no port"),
    (("host:-5",), "1 to 65535"),
    (("host:99999",), "1 to 65535"),
    (("127.0.0.1:0",), "1 to 65535"),
    (("127.0.0.1:7009", "bogus"), "'bogus' is not a listing"),
    (("127.0.0.1:7009", "--timeout", "-1"), "argument --timeout"),
    (("127.0.0.1:7009", "--timeout", "nan"), "argument --timeout"),
])
def test_list_usage_errors_are_one_line(argv: tuple[str, ...], fragment: str) -> None:
    done = run_cli("list", *argv)
    assert_one_line_failure(done, 2, "list: error:", fragment)
    assert done.stdout == ""


# --------------------------------------------------------- list: nobody answers


def closed_udp_port() -> int:
    """A loopback UDP port that nothing listens on (it was free a moment ago)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_list_reports_a_closed_port_at_once() -> None:
    """The ICMP port unreachable ends the wait: the generous timeout is never reached."""
    port = closed_udp_port()
    done = run_cli("list", f"127.0.0.1:{port}", "--timeout", "600", timeout=120)
    assert_one_line_failure(done, 1, f"nothing listens on UDP 127.0.0.1:{port}")
    assert done.stdout == ""


def test_list_reports_silence_on_stderr() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as silent:
        silent.bind(("127.0.0.1", 0))
        port = silent.getsockname()[1]
        done = run_cli("list", f"127.0.0.1:{port}", "--timeout", "0.3")
    assert_one_line_failure(done, 1, f"no answer from 127.0.0.1:{port} within 0.3 s")
    assert done.stdout == ""


def test_list_reports_an_unknown_host() -> None:
    done = run_cli("list", "no.such.host.invalid:7009")
    assert_one_line_failure(done, 1, "cannot resolve 'no.such.host.invalid'")


# ----------------------------------------------- list: a peer that is not ours


def reply_header(request: bytes, ptype: int) -> bytes:
    """The header of an answer to ``request``: same connection and call, server's side."""
    epoch, cid, callno, _seq, serial, _type, _flags, _status, secidx, _cksum, service = (
        HEADER.unpack_from(request))
    return HEADER.pack(epoch, cid, callno, 0, serial, ptype, 0, 0, secidx, 0, service)


ANSWERS: dict[str, Callable[[bytes], bytes]] = {
    # What OpenAFS sends for a DEBUG request type it does not know: RX_DEBUGI_BADTYPE twice.
    "rxdebug bad type": lambda req: reply_header(req, PacketType.DEBUG) + struct.pack(
        ">ii", -8, -8),
    "abort": lambda req: reply_header(req, PacketType.ABORT) + struct.pack(">i", -1),
    "binary DEBUG reply": lambda req: reply_header(req, PacketType.DEBUG) + bytes(range(200,
                                                                                        256)),
    "JSON that is no listing": lambda req: reply_header(req, PacketType.DEBUG) + b'{"a": 1}',
    "not Rx at all": lambda req: b"hello",
    "an Rx BUSY": lambda req: reply_header(req, PacketType.BUSY),
}


@pytest.fixture
def impostor(request: pytest.FixtureRequest) -> Iterator[tuple[int, list[bytes]]]:
    """A UDP responder that answers every datagram with ``ANSWERS[request.param]``.

    Yields its port and the list of requests it received.
    """
    answer = ANSWERS[request.param]
    received: list[bytes] = []
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    sock.settimeout(0.1)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                data, peer = sock.recvfrom(65536)
            except TimeoutError:
                continue
            received.append(data)
            sock.sendto(answer(data), peer)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield int(sock.getsockname()[1]), received
    finally:
        stop.set()
        thread.join()
        sock.close()


@pytest.mark.parametrize("impostor", list(ANSWERS), indirect=True)
def test_list_recognises_a_peer_that_is_not_trio_rxrpc(impostor: tuple[int, list[bytes]]
                                                       ) -> None:
    port, received = impostor
    done = run_cli("list", f"127.0.0.1:{port}", "--timeout", "30")
    assert_one_line_failure(done, 3, f"127.0.0.1:{port} is not a trio-rxrpc endpoint",
                            f"try: rxdebug 127.0.0.1 {port}")
    assert done.stdout == ""
    assert len(received) == 1  # it gave up after the first answer
    assert HEADER.unpack_from(received[0])[5] == PacketType.DEBUG
    assert len(received[0]) == HEADER_SIZE + 8


@pytest.mark.parametrize("server", ["pt", "vl"])
def test_list_against_openafs_suggests_rxdebug(openafs_cell_noauth: CellEnv,
                                               server: str) -> None:
    host, port = openafs_cell_noauth.address(server)
    done = run_cli("list", f"{host}:{port}")
    line = assert_one_line_failure(done, 3, f"{host}:{port} is not a trio-rxrpc endpoint",
                                   f"try: rxdebug {host} {port}")
    assert "OpenAFS" in line  # its answer is rxdebug's "bad request type" record
    assert done.stdout == ""


def test_group_without_a_command_is_a_usage_error() -> None:
    done = run_cli("group", "-n", "2")
    assert_one_line_failure(done, 2, "group: error:", "no worker command")
    done = run_cli("group", "-n", "0", "--", "true")
    assert_one_line_failure(done, 2, "group: error:", "number of workers")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="endpoint groups need Linux")
def test_group_on_a_port_others_share_is_refused() -> None:
    import trio_rxrpc

    sockets = trio_rxrpc.make_group_sockets(("127.0.0.1", 0), 2)
    try:
        port = str(sockets[0].getsockname()[1])
        done = run_cli("group", "-n", "2", "--address", "127.0.0.1", "--port", port, "--",
                       "true")
        assert_one_line_failure(done, 1, "group: cannot make the group:", "does not steer")
    finally:
        for sock in sockets:
            sock.close()
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as plain:
        plain.bind(("127.0.0.1", 0))
        port = str(plain.getsockname()[1])
        done = run_cli("group", "-n", "2", "--address", "127.0.0.1", "--port", port, "--",
                       "true")
        assert_one_line_failure(done, 1, "group: cannot serve:", "in use")


def test_group_with_a_command_that_cannot_start_fails_in_one_line() -> None:
    done = run_cli("group", "-n", "2", "--address", "127.0.0.1", "--", "/nonexistent/worker")
    assert_one_line_failure(done, 1, "group: cannot serve:", "/nonexistent/worker")
