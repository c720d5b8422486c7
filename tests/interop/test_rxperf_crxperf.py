"""rxperf against crxperf (OpenAFS's Rx library in C), both directions, over loopback.

Our client runs against ``crxperf server -p PORT -u 4096 -N <calls>``, which exits once it
has served the calls and prints a ``SERVER`` line we check.  crxperf's client runs against
``python -m trio_rxrpc rxperf server``; it is strict (it fails a call whose reply is longer
than declared or has a wrong end cookie), and with ``-V`` both sides check the payload
pattern.  The abort codes of the two servers for malformed requests are compared directly.
"""

from __future__ import annotations

import re
import select
import signal
import socket
import struct
import subprocess
import sys
from contextlib import contextmanager
from typing import TYPE_CHECKING

import attrs
import pytest
import trio

import trio_rxrpc as rx
from trio_rxrpc import _rxperf as rxperf
from trio_rxrpc.security import Level, RxkadClientSecurity, forge_localauth_token

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

pytestmark = pytest.mark.interop

LOOPBACK = "127.0.0.1"
KERNEL_KEY = "a7838acbc783ec94"
"""crxperf's default rxkad key (the Linux rxperf server's)."""
OUR_RESULT = re.compile(
    r"^RESULT op=\w+ calls=\d+ failed=\d+ bytes=\d+ seconds=[0-9.]+ calls_per_s=[0-9.]+ "
    r"MB_per_s=[0-9.]+$")


def fields(line: str) -> dict[str, str]:
    """The ``key=value`` words of a RESULT/READY/SERVER line."""
    return dict(word.split("=", 1) for word in line.split()[1:] if "=" in word)


def line_of(text: str, kind: str) -> str:
    lines = [line for line in text.splitlines() if line.startswith(kind + " ")]
    assert len(lines) == 1, f"expected one {kind} line in:\n{text}"
    return lines[0]


def free_udp_port() -> int:
    """A UDP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind((LOOPBACK, 0))
        port: int = sock.getsockname()[1]
        return port


def run(argv: list[str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          timeout=timeout, check=False)


def our_client(port: int, *argv: str) -> subprocess.CompletedProcess[str]:
    return run([sys.executable, "-m", "trio_rxrpc", "rxperf", "client", "--server", LOOPBACK,
                "--port", str(port), *argv])


def c_client(crxperf: Path, port: int, *argv: str) -> subprocess.CompletedProcess[str]:
    return run([str(crxperf), "client", "-s", LOOPBACK, "-p", str(port), "-t", "100", *argv])


@attrs.define
class Server:
    """A server process: its port, and what it printed after READY once it has exited."""

    port: int
    ready: str
    output: str = ""
    errors: str = ""


def _ready_line(proc: subprocess.Popen[str], timeout: float) -> str:
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    line = proc.stdout.readline() if ready else ""
    assert line.startswith("READY "), f"no READY line: {line!r}"
    return line


@contextmanager
def server_process(argv: list[str], port: int | None, *,
                   stop: bool) -> Iterator[Server]:
    """Run a server until the block ends; then SIGTERM it (``stop``) or wait for it to exit.

    It must exit with status 0.
    """
    with subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True) as proc:
        assert proc.stdout is not None
        assert proc.stderr is not None
        try:
            ready = _ready_line(proc, 30)
            server = Server(int(fields(ready)["port"]) if port is None else port, ready)
            yield server
            if stop:
                proc.send_signal(signal.SIGTERM)
            proc.wait(30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        server.output = proc.stdout.read()
        server.errors = proc.stderr.read()
    assert proc.returncode == 0, server.errors


@contextmanager
def crxperf_server(crxperf: Path, calls: int, *extra: str) -> Iterator[Server]:
    """``crxperf server -p PORT -u 4096 -N calls``: it exits by itself after ``calls``."""
    port = free_udp_port()
    argv = [str(crxperf), "server", "-p", str(port), "-u", "4096", "-N", str(calls), *extra]
    with server_process(argv, port, stop=False) as server:
        yield server


@contextmanager
def our_server(*extra: str, stop: bool = True) -> Iterator[Server]:
    """``python -m trio_rxrpc rxperf server --port 0``, stopped with SIGTERM at the end
    (unless ``stop`` is false: then it must exit by itself, e.g. after ``--count``)."""
    argv = [sys.executable, "-m", "trio_rxrpc", "rxperf", "server", "--port", "0", *extra]
    with server_process(argv, None, stop=stop) as server:
        yield server


def check_our_result(done: subprocess.CompletedProcess[str], op: str, calls: int,
                     per_call: int) -> dict[str, str]:
    assert done.returncode == 0, done.stdout + done.stderr
    assert OUR_RESULT.match(done.stdout.strip()), done.stdout
    result = fields(line_of(done.stdout, "RESULT"))
    assert result["op"] == op
    assert (int(result["calls"]), int(result["failed"])) == (calls, 0)
    assert int(result["bytes"]) == calls * per_call
    return result


def check_c_result(done: subprocess.CompletedProcess[str], op: str, calls: int,
                   per_call: int) -> dict[str, str]:
    assert done.returncode == 0, done.stdout + done.stderr
    result = fields(line_of(done.stdout, "RESULT"))
    assert result["op"] == op
    assert (int(result["ok"]), int(result["failed"]), result["error"]) == (calls, 0, "0")
    assert int(result["bytes"]) == calls * per_call
    return result


# ---------------------------------------------------------------- our client, C server

OUR_CLIENT_CASES = [
    pytest.param("rpc", ("-n", "300"), 8, id="rpc-T1"),
    pytest.param("rpc", ("-n", "2000", "-T", "16"), 8, id="rpc-T16"),
    pytest.param("rpc", ("-n", "64", "-T", "16", "-S", "70000", "-R", "1300000"),
                 1_370_000, id="rpc-T16-large"),
    pytest.param("send", ("-b", "4M", "-n", "3"), 4 << 20, id="send-4M"),
    pytest.param("recv", ("-b", "4M", "-n", "3"), 4 << 20, id="recv-4M"),
    pytest.param("send", ("-b", "1M", "-n", "32", "-T", "16"), 1 << 20, id="send-1M-T16"),
    pytest.param("recv", ("-b", "1M", "-n", "32", "-T", "16"), 1 << 20, id="recv-1M-T16"),
]


@pytest.mark.parametrize(("op", "argv", "per_call"), OUR_CLIENT_CASES)
def test_our_client_against_crxperf_server(crxperf: Path, op: str, argv: tuple[str, ...],
                                           per_call: int) -> None:
    calls = int(argv[argv.index("-n") + 1])
    with crxperf_server(crxperf, calls, "-V") as server:
        done = our_client(server.port, "-c", op, "--verify", *argv)
    check_our_result(done, op, calls, per_call)
    totals = fields(line_of(server.output, "SERVER"))
    assert (int(totals["calls"]), int(totals["failed"]), int(totals[op])) == (calls, 0, calls)


def test_our_client_file_against_crxperf_server(crxperf: Path) -> None:
    with crxperf_server(crxperf, 3) as server:
        done = our_client(server.port, "-c", "file", "-F", "100,2000,0,30000", "-n", "3")
    check_our_result(done, "file", 3, 4 * 32100)
    assert fields(line_of(server.output, "SERVER"))["file"] == "3"


@pytest.mark.parametrize("level", ["clear", "auth", "crypt"])
def test_our_client_rxkad_against_crxperf_server(crxperf: Path, level: str) -> None:
    with crxperf_server(crxperf, 40, "-V") as server:
        done = our_client(server.port, "-c", "rpc", "-n", "40", "-T", "4", "-S", "5000",
                          "-R", "9000", "--verify", "--level", level, "--key", KERNEL_KEY)
    check_our_result(done, "rpc", 40, 14000)
    assert fields(line_of(server.output, "SERVER"))[f"sec_{level}"] == "40"


def test_our_client_fails_on_pattern_mismatch(crxperf: Path) -> None:
    """crxperf without -V replies zeros: our --verify client must fail and exit 1."""
    with crxperf_server(crxperf, 1) as server:
        done = our_client(server.port, "-c", "recv", "-b", "100k", "-n", "1", "--verify")
    assert done.returncode == 1, done.stdout + done.stderr
    result = fields(line_of(done.stdout, "RESULT"))
    assert (result["calls"], result["failed"]) == ("1", "1")


# ---------------------------------------------------------------- C client, our server

C_CLIENT_CASES = [
    pytest.param("rpc", ("-n", "300"), 8, id="rpc-T1"),
    pytest.param("rpc", ("-n", "3000", "-T", "16"), 8, id="rpc-T16"),
    pytest.param("rpc", ("-n", "2000", "-T", "64", "-u", "4096"), 8, id="rpc-T64"),
    pytest.param("rpc", ("-n", "64", "-T", "16", "-S", "70000", "-R", "1300000"),
                 1_370_000, id="rpc-T16-large"),
    pytest.param("send", ("-b", "4M", "-n", "3"), 4 << 20, id="send-4M"),
    pytest.param("recv", ("-b", "4M", "-n", "3"), 4 << 20, id="recv-4M"),
    pytest.param("send", ("-b", "1M", "-n", "32", "-T", "16"), 1 << 20, id="send-1M-T16"),
    pytest.param("recv", ("-b", "1M", "-n", "32", "-T", "16"), 1 << 20, id="recv-1M-T16"),
]


@pytest.mark.parametrize(("op", "argv", "per_call"), C_CLIENT_CASES)
def test_crxperf_client_against_our_server(crxperf: Path, op: str, argv: tuple[str, ...],
                                           per_call: int) -> None:
    calls = int(argv[argv.index("-n") + 1])
    # --count: the server exits by itself once every call has finished on its side too
    # (stopping it as soon as the client is done could catch the last call mid-way).
    with our_server("--verify", "--count", str(calls), stop=False) as server:
        done = c_client(crxperf, server.port, "-c", op, "-V", *argv)
    check_c_result(done, op, calls, per_call)
    totals = fields(line_of(server.output, "SERVER"))
    assert (int(totals["calls"]), int(totals["failed"]), int(totals[op])) == (calls, 0, calls)


@pytest.mark.parametrize("threads", ["1", "16"])
def test_crxperf_client_rpc_answered_with_no_task(crxperf: Path, threads: str) -> None:
    """Served without ``--count``, our server answers each small RPC from its quick function
    (``serve(quick=...)``): every one of crxperf's calls, checked with ``-V``, is counted
    as answered so."""
    with our_server("--verify") as server:
        done = c_client(crxperf, server.port, "-c", "rpc", "-n", "2000", "-T", threads,
                        "-S", "100", "-R", "1000", "-V")
    check_c_result(done, "rpc", 2000, 1100)
    totals = fields(line_of(server.output, "SERVER"))
    assert (int(totals["rpc"]), int(totals["quick"]), int(totals["failed"])) == (2000, 2000, 0)


def test_crxperf_client_file_against_our_server(crxperf: Path) -> None:
    with our_server() as server:
        done = c_client(crxperf, server.port, "-c", "file", "-F", "100,2000,0,30000", "-n", "3")
        bad = c_client(crxperf, server.port, "-c", "file", "-F", "10,0,20,0,5", "-n", "1")
    check_c_result(done, "file", 3, 4 * 32100)
    assert bad.returncode == 1  # a second turn cannot work in Rx: the call is aborted
    assert fields(line_of(bad.stdout, "RESULT"))["error"] == "-453"


@pytest.mark.parametrize("level", ["clear", "auth", "crypt"])
def test_crxperf_client_rxkad_against_our_server(crxperf: Path, level: str) -> None:
    with our_server("--key", KERNEL_KEY, "--verify") as server:
        done = c_client(crxperf, server.port, "-c", "rpc", "-n", "40", "-T", "4", "-S", "5000",
                        "-R", "9000", "-V", "-x", level)
    result = check_c_result(done, "rpc", 40, 14000)
    assert result["sec"] == level
    assert fields(line_of(server.output, "SERVER"))[f"sec_{level}"] == "40"


def test_crxperf_client_fails_on_pattern_mismatch(crxperf: Path) -> None:
    """Our server without --verify replies zeros: crxperf -V must fail the call."""
    with our_server() as server:
        done = c_client(crxperf, server.port, "-c", "recv", "-b", "100k", "-n", "1", "-V")
    assert done.returncode == 1, done.stdout + done.stderr
    assert fields(line_of(done.stdout, "RESULT"))["failed"] == "1"


# ------------------------------------------------ busy polling (EndpointConfig.busy_poll)

BUSY_CASES = [
    pytest.param("rpc", ("-n", "500"), 8, id="rpc-T1"),
    pytest.param("rpc", ("-n", "2000", "-T", "16"), 8, id="rpc-T16"),
    pytest.param("recv", ("-b", "4M", "-n", "3"), 4 << 20, id="recv-4M"),
    pytest.param("send", ("-b", "4M", "-n", "3"), 4 << 20, id="send-4M"),
]


def check_busy_polling(stats: dict[str, str], argv: tuple[str, ...]) -> None:
    """A spin is counted each time the run was about to sleep, a hit when a datagram ended
    it.  With one call in flight every reply (or request) comes while the side that waits
    for it spins; with 16 in flight a side may have work all the time and never spin."""
    hits, spins = int(stats["busy_poll_hits"]), int(stats["busy_polls"])
    assert 0 <= hits <= spins
    if "-T" not in argv:
        assert hits > 0


@pytest.mark.parametrize(("op", "argv", "per_call"), BUSY_CASES)
def test_our_busy_polling_client_against_crxperf_server(
        crxperf: Path, op: str, argv: tuple[str, ...], per_call: int) -> None:
    """Every call completes with its data checked; with one call in flight, replies from
    the C process were seen while our client watched its socket instead of sleeping."""
    calls = int(argv[argv.index("-n") + 1])
    with crxperf_server(crxperf, calls, "-V") as server:
        done = our_client(server.port, "-c", op, "--verify", "--busy-poll", "200", "-v",
                          *argv)
    check_our_result(done, op, calls, per_call)
    check_busy_polling(fields(line_of(done.stderr, "DETAIL")), argv)
    totals = fields(line_of(server.output, "SERVER"))
    assert (int(totals["calls"]), int(totals["failed"]), int(totals[op])) == (calls, 0, calls)


@pytest.mark.parametrize(("op", "argv", "per_call"), BUSY_CASES)
def test_crxperf_client_against_our_busy_polling_server(
        crxperf: Path, op: str, argv: tuple[str, ...], per_call: int) -> None:
    calls = int(argv[argv.index("-n") + 1])
    with our_server("--verify", "--count", str(calls), "--busy-poll", "200", "-v",
                    stop=False) as server:
        assert fields(server.ready)["busypoll"] == "200"
        done = c_client(crxperf, server.port, "-c", op, "-V", *argv)
    check_c_result(done, op, calls, per_call)
    totals = fields(line_of(server.output, "SERVER"))
    assert (int(totals["calls"]), int(totals["failed"]), int(totals[op])) == (calls, 0, calls)
    check_busy_polling(fields(line_of(server.errors, "RXSTATS")), argv)


# ------------------------------------------------------- both servers: the same aborts

HEADER = struct.Struct(">iiii")
BAD_REQUESTS = [
    pytest.param(HEADER.pack(2, 3, 4, 4) + struct.pack(">ii", 0, 0), id="bad-version"),
    pytest.param(HEADER.pack(3, 7, 4, 4) + struct.pack(">ii", 0, 0), id="unknown-op"),
    pytest.param(HEADER.pack(3, 2, 4, 4), id="op-2"),
    pytest.param(HEADER.pack(3, 3, 4, 4) + struct.pack(">ii", 4, 0) + b"12345",
                 id="rpc-longer"),
    pytest.param(HEADER.pack(3, 3, 4, 4) + struct.pack(">ii", 4, 0) + b"123", id="rpc-shorter"),
    pytest.param(HEADER.pack(3, 1, 4, 4) + struct.pack(">i", 0) + b"x", id="recv-trailing"),
    pytest.param(HEADER.pack(3, 0, 4, 4) + struct.pack(">i", 8) + b"1234", id="send-shorter"),
    pytest.param(HEADER.pack(3, 0, 4, 4)[:9], id="short-header"),
]


async def abort_code_of(port: int, request: bytes) -> int | None:
    """The abort code a server at ``port`` answers ``request`` with (None: it replied)."""
    with trio.fail_after(20):
        async with rx.open_endpoint((LOOPBACK, 0)) as ep:
            try:
                async with ep.socket().call((LOOPBACK, port), rxperf.SERVICE,
                                            timeout=10) as call:
                    await call.send_all(request)
                    await call.send_eof()
                    await call.receive_all()
            except rx.RemoteAbort as exc:
                return exc.abort_code
    return None


@pytest.mark.parametrize("request_bytes", BAD_REQUESTS)
async def test_servers_abort_bad_requests_alike(crxperf: Path, request_bytes: bytes) -> None:
    with crxperf_server(crxperf, 1) as c_server:
        c_code = await abort_code_of(c_server.port, request_bytes)
    with our_server() as server:
        our_code = await abort_code_of(server.port, request_bytes)
    assert c_code is not None
    assert our_code == c_code


# ----------------------------------------------------- the C server's rxkad options

async def rxperf_rpc_outcome(port: int, security: RxkadClientSecurity,
                             ) -> bytes | tuple[str, int | None]:
    """The reply to an empty rxperf RPC under ``security``, or who aborted it and how."""
    request = HEADER.pack(3, rxperf.OP_RPC, 4, 4) + struct.pack(">ii", 0, 0)
    with trio.fail_after(20):
        async with rx.open_endpoint((LOOPBACK, 0)) as ep:
            try:
                async with ep.socket().call((LOOPBACK, port), rxperf.SERVICE,
                                            security=security, timeout=10) as call:
                    await call.send_all(request)
                    await call.send_eof()
                    return await call.receive_all()
            except rx.CallError as exc:
                return type(exc).__name__, exc.abort_code


async def test_crxperf_server_enforces_its_level_and_kvno(crxperf: Path) -> None:
    """``-l auth -K 3``: a call below auth, or with another kvno, is refused before it runs.

    The server's challenge announces its lowest level, so our client gives up on a clear
    call itself; a ticket under another kvno is refused by the server's key lookup.
    """
    key = bytes.fromhex(KERNEL_KEY)
    cases = {"clear": (3, Level.CLEAR), "other-kvno": (4, Level.CRYPT),
             "auth": (3, Level.AUTH), "crypt": (3, Level.CRYPT)}
    outcomes: dict[str, bytes | tuple[str, int | None]] = {}
    # -N 2: only the two calls that pass reach the service and count.
    with crxperf_server(crxperf, 2, "-l", "auth", "-K", "3") as server:
        for name, (kvno, level) in cases.items():
            security = RxkadClientSecurity(forge_localauth_token(key, kvno), level)
            outcomes[name] = await rxperf_rpc_outcome(server.port, security)
    assert outcomes == {"clear": ("LocalAbort", rx.AbortCode.RXKADLEVELFAIL),
                        "other-kvno": ("RemoteAbort", rx.AbortCode.RXKADUNKNOWNKEY),
                        "auth": rxperf.COOKIE_BYTES, "crypt": rxperf.COOKIE_BYTES}
    totals = fields(line_of(server.output, "SERVER"))
    assert (totals["calls"], totals["sec_auth"], totals["sec_crypt"]) == ("2", "1", "1")
