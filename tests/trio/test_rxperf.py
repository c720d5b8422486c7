"""rxperf: our client against our server over loopback UDP, in-process and as commands.

The in-process tests drive the module's pieces (the server, one client call, the whole client
run) on real loopback sockets; the command tests run ``python -m trio_rxrpc rxperf`` as
processes, the way outside tests and benchmarks use it.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import select
import signal
import struct
import subprocess
import sys
import time
from contextlib import asynccontextmanager, contextmanager
from typing import TYPE_CHECKING

import attrs
import pytest
import trio

import trio_rxrpc as rx
from trio_rxrpc import _rxperf as rxperf, _rxperf_cli as rxperf_cli

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator

RESULT = re.compile(
    r"^RESULT op=(?P<op>\w+) calls=(?P<calls>\d+) failed=(?P<failed>\d+) bytes=(?P<bytes>\d+) "
    r"seconds=(?P<seconds>[0-9.]+) calls_per_s=(?P<calls_per_s>[0-9.]+) "
    r"MB_per_s=(?P<MB_per_s>[0-9.]+)$")
"""The client's RESULT line, field for field, as scripts that read it expect it."""

LOOPBACK = "127.0.0.1"


def parse_result(text: str) -> dict[str, str]:
    """The fields of the one RESULT line in ``text`` (which must have exactly one)."""
    lines = [line for line in text.splitlines() if line.startswith("RESULT")]
    assert len(lines) == 1, text
    match = RESULT.match(lines[0])
    assert match is not None, lines[0]
    return match.groupdict()


def parse_args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    rxperf_cli.configure(parser)
    return parser.parse_args(argv)


# --------------------------------------------------------------------------- pure parts


@pytest.mark.parametrize(("text", "value"), [
    ("0", 0), ("123", 123), ("0x10", 16), ("4k", 4096), ("4K", 4096), ("16M", 16 << 20),
    ("1G", 1 << 30), ("64m", 64 << 20),
])
def test_parse_size_accepts_crxperf_suffixes(text: str, value: int) -> None:
    assert rxperf.parse_size(text) == value


@pytest.mark.parametrize("text", ["", "-1", "12X", "k", "1.5M"])
def test_parse_size_rejects_junk(text: str) -> None:
    with pytest.raises(ValueError, match="byte count"):
        rxperf.parse_size(text)


def test_result_line_format() -> None:
    line = rxperf_cli.result_line("rpc", calls=10, ok=9, moved=72, seconds=0.5)
    assert line == ("RESULT op=rpc calls=10 failed=1 bytes=72 seconds=0.500000 "
                    "calls_per_s=18.0 MB_per_s=0.000")
    assert parse_result(line)["failed"] == "1"


def test_plan_lays_out_requests_as_the_spec_does() -> None:
    zeros = rxperf.Payload.create(verify=False)
    plan = rxperf.Plan.create(rxperf.OP_RPC, size=0, request_size=5, reply_size=7,
                              rsize=100, wsize=200, payload=zeros)
    assert plan.request == struct.pack(">6i", 3, 3, 100, 200, 5, 7) + bytes(5)
    assert (plan.size_out, plan.size_in, plan.stream_out) == (5, 7, 0)
    big = rxperf.Plan.create(rxperf.OP_SEND, size=1 << 20, request_size=0, reply_size=0,
                             rsize=1, wsize=1, payload=zeros)
    assert big.request == struct.pack(">5i", 3, 0, 1, 1, 1 << 20)
    assert big.stream_out == 1 << 20
    recv = rxperf.Plan.create(rxperf.OP_RECV, size=9, request_size=0, reply_size=0,
                              rsize=1, wsize=1, payload=zeros)
    assert recv.request == struct.pack(">5i", 3, 1, 1, 1, 9)
    assert (recv.size_out, recv.size_in) == (0, 9)


def test_pattern_is_crxperf_pattern_at_any_offset() -> None:
    pattern = rxperf.Payload.create(verify=True)
    assert pattern.block[:300] == bytes(i % 251 for i in range(300))
    data = bytes(i % 251 for i in range(1000, 1000 + 700_000))
    assert pattern.matches(data, 0, len(data), 1000)
    assert pattern.matches(data, 10, 500, 1010)
    assert not pattern.matches(data, 0, len(data), 1001)
    broken = data[:600_000] + b"\xff" + data[600_001:]
    assert not pattern.matches(broken, 0, len(broken), 1000)
    assert rxperf.Payload.create(verify=False).matches(broken, 0, len(broken), 3)


# ----------------------------------------------------------------- in-process, over UDP


@asynccontextmanager
async def rxperf_server(*, verify: bool = False,
                        count: int | None = None) -> AsyncIterator[rxperf.Server]:
    """Our rxperf server on a loopback endpoint; ``server.sock.endpoint.address`` is its
    address."""
    async with rx.open_endpoint((LOOPBACK, 0)) as ep:
        sock = ep.socket()
        sock.listen([rxperf.SERVICE], backlog=64)
        server = rxperf.Server(sock, rxperf.Payload.create(verify=verify), count=count)
        async with trio.open_nursery() as nursery:
            await nursery.start(server.serve)
            yield server
            nursery.cancel_scope.cancel()


def server_address(server: rxperf.Server) -> tuple[str, int]:
    host, port = server.sock.endpoint.address[:2]
    return str(host), int(port)


@pytest.mark.parametrize(("op", "size", "request_size", "reply_size"), [
    (rxperf.OP_RPC, 0, 4, 4),
    (rxperf.OP_RPC, 0, 0, 0),
    (rxperf.OP_RPC, 0, 100_000, 3),
    (rxperf.OP_RPC, 0, 3, 1_300_000),
    (rxperf.OP_SEND, 3 << 20, 0, 0),
    (rxperf.OP_SEND, 0, 0, 0),
    (rxperf.OP_RECV, 3 << 20, 0, 0),
    (rxperf.OP_RECV, 1413, 0, 0),
])
@pytest.mark.parametrize("verify", [False, True])
async def test_client_call_against_our_server(op: int, size: int, request_size: int,
                                              reply_size: int, verify: bool) -> None:
    payload = rxperf.Payload.create(verify=verify)
    plan = rxperf.Plan.create(op, size=size, request_size=request_size, reply_size=reply_size,
                              rsize=rxperf.CHUNK_MAX, wsize=rxperf.CHUNK_MAX, payload=payload)
    with trio.fail_after(30):
        async with rxperf_server(verify=verify) as server, rx.open_endpoint((LOOPBACK, 0)) as ep:
            sock = ep.socket()
            for _ in range(2):
                moved = await rxperf.client_call(sock, server_address(server), plan, payload,
                                                 security=None, dead_after=10)
                assert moved == plan.size_out + plan.size_in
            await trio.sleep(0.05)
    stats = server.stats
    assert (stats.calls, stats.failed, stats.by_op[op]) == (2, 0, 2)
    assert stats.bytes_in == 2 * plan.size_out
    assert stats.bytes_out == 2 * plan.size_in


async def raw_call(address: tuple[str, int], request: bytes) -> bytes:
    """Send ``request`` as a whole call to the rxperf service; return the reply."""
    async with rx.open_endpoint((LOOPBACK, 0)) as ep, ep.socket().call(
            address, rxperf.SERVICE, timeout=10) as call:
        await call.send_all(request)
        await call.send_eof()
        return await call.receive_all()


HEADER = struct.Struct(">iiii")


@pytest.mark.parametrize(("request_bytes", "code"), [
    (HEADER.pack(2, rxperf.OP_RPC, 4, 4) + struct.pack(">ii", 0, 0), -6),      # bad version
    (HEADER.pack(3, 2, 4, 4) + struct.pack(">ii", 0, 0), -455),                # unused op 2
    (HEADER.pack(3, 99, 4, 4), -455),                                           # unknown op
    (HEADER.pack(3, rxperf.OP_RPC, 4, 4) + struct.pack(">ii", 4, 0) + b"12345", -453),  # long
    (HEADER.pack(3, rxperf.OP_RPC, 4, 4) + struct.pack(">ii", 4, 0) + b"123", -453),    # short
    (HEADER.pack(3, rxperf.OP_SEND, 4, 4) + struct.pack(">i", 10), -453),      # no payload
    (HEADER.pack(3, rxperf.OP_RECV, 4, 4) + struct.pack(">i", 0) + b"x", -453),  # trailing
    (HEADER.pack(3, rxperf.OP_RECV, 4, 4), -453),                              # no length
    (HEADER.pack(3, rxperf.OP_RPC, 4, 4) + struct.pack(">ii", -1, 0), -453),   # negative
    (HEADER.pack(3, rxperf.OP_SEND, 4, 4)[:10], -453),                          # short header
    (HEADER.pack(3, rxperf.OP_FILE, 4, 4) + struct.pack(">iI", 2, 1), -453),   # short list
])
async def test_server_aborts_bad_requests(request_bytes: bytes, code: int) -> None:
    with trio.fail_after(20):
        async with rxperf_server() as server:
            with pytest.raises(rx.RemoteAbort) as info:
                await raw_call(server_address(server), request_bytes)
    assert info.value.abort_code == code
    assert (server.stats.calls, server.stats.failed) == (1, 1)
    assert server.stats.rejected == {code: 1}


async def test_server_reply_is_payload_then_cookie() -> None:
    request = HEADER.pack(3, rxperf.OP_RPC, 1, 1) + struct.pack(">ii", 2, 5) + b"ab"
    with trio.fail_after(20):
        async with rxperf_server() as server:
            reply = await raw_call(server_address(server), request)
            recv = await raw_call(server_address(server),
                                  HEADER.pack(3, rxperf.OP_RECV, 1, 1) + struct.pack(">i", 0))
    assert reply == bytes(5) + b"\x00\x00\x47\x11"
    assert recv == b"\x00\x00\x47\x11"


async def test_server_file_op_one_turn() -> None:
    words = (3, 5, 0, 2)  # client sends 8+20 bytes, then receives 8
    request = HEADER.pack(3, rxperf.OP_FILE, 1, 1) + struct.pack(">i4I", 4, *words)
    with trio.fail_after(20):
        async with rxperf_server() as server:
            reply = await raw_call(server_address(server), request + bytes(32))
    assert reply == bytes(8)
    assert (server.stats.bytes_in, server.stats.bytes_out) == (32, 8)


async def test_verifying_server_rejects_zero_payload() -> None:
    zeros = rxperf.Payload.create(verify=False)
    plan = rxperf.Plan.create(rxperf.OP_SEND, size=5000, request_size=0, reply_size=0,
                              rsize=1, wsize=1, payload=zeros)
    with trio.fail_after(20):
        async with rxperf_server(verify=True) as server, rx.open_endpoint((LOOPBACK, 0)) as ep:
            with pytest.raises(rx.RemoteAbort) as info:
                await rxperf.client_call(ep.socket(), server_address(server), plan, zeros,
                                         security=None, dead_after=10)
    assert info.value.abort_code == -453


async def test_client_rejects_a_bad_cookie_and_a_long_reply() -> None:
    """A reply that breaks the rxperf rules fails the call on the client."""
    replies = [bytes(4) + b"\x00\x00\x47\x12", bytes(4) + b"\x00\x00\x47\x11" + b"x",
               bytes(6)]
    async with rx.open_endpoint((LOOPBACK, 0)) as sep:
        listener = sep.socket()
        listener.listen([rxperf.SERVICE])

        async def liar() -> None:
            for reply in replies:
                call = await listener.accept()
                with contextlib.suppress(rx.CallError):
                    async with call:
                        await call.receive_all()
                        await call.send_all(reply)
                        await call.send_eof()

        zeros = rxperf.Payload.create(verify=False)
        plan = rxperf.Plan.create(rxperf.OP_RPC, size=0, request_size=4, reply_size=4,
                                  rsize=1, wsize=1, payload=zeros)
        with trio.fail_after(20):
            async with trio.open_nursery() as nursery, rx.open_endpoint((LOOPBACK, 0)) as ep:
                nursery.start_soon(liar)
                address = (LOOPBACK, int(sep.address[1]))
                for expected in ("bad end cookie", "longer than requested",
                                 "before the end cookie"):
                    with pytest.raises(rxperf.CallFailed, match=expected):
                        await rxperf.client_call(ep.socket(), address, plan, zeros,
                                                 security=None, dead_after=10)


@pytest.mark.parametrize("argv", [
    ("-c", "rpc", "-n", "300", "-T", "8", "-S", "100", "-R", "2000"),
    ("-c", "send", "-b", "2M", "-n", "3", "-T", "2", "--verify"),
    ("-c", "recv", "-b", "2M", "-n", "3", "--verify"),
    ("-c", "rpc", "-n", "5", "--window", "8", "--no-jumbo"),
    ("-c", "file", "-F", "10,0,20", "-n", "2"),
])
async def test_run_client_prints_result(argv: tuple[str, ...]) -> None:
    with trio.fail_after(60):
        async with rxperf_server(verify="--verify" in argv) as server:
            host, port = server_address(server)
            args = parse_args("client", "-s", host, "-p", str(port), *argv)
            out, err = io.StringIO(), io.StringIO()
            status = await rxperf_cli.run_client(args, out=out, err=err)
    assert status == 0, err.getvalue()
    fields = parse_result(out.getvalue())
    calls = int(argv[argv.index("-n") + 1])
    assert fields["op"] == argv[1]
    assert (int(fields["calls"]), int(fields["failed"])) == (calls, 0)
    assert float(fields["seconds"]) > 0
    assert server.stats.calls == calls
    per_call = {"rpc": int(args.request_bytes) + int(args.reply_bytes),
                "send": args.bytes, "recv": args.bytes, "file": 120}[argv[1]]
    assert int(fields["bytes"]) == calls * per_call


async def test_run_client_failure_counts_and_status() -> None:
    with trio.fail_after(30):
        async with rxperf_server(verify=True) as server:
            host, port = server_address(server)
            args = parse_args("client", "-s", host, "-p", str(port), "-c", "send", "-b", "10k",
                              "-n", "6", "-T", "2")
            out, err = io.StringIO(), io.StringIO()
            status = await rxperf_cli.run_client(args, out=out, err=err)
    assert status == 1
    fields = parse_result(out.getvalue())
    assert (fields["calls"], fields["failed"], fields["bytes"]) == ("6", "6", "0")
    assert "RXGEN_SS_UNMARSHAL (-453)" in err.getvalue()
    assert server.stats.failed == 2  # each worker stops at its first failure


async def test_server_count_stops_after_the_last_reply() -> None:
    """``Server(count=N)`` takes N calls, and the drain lets the last reply reach its client."""
    zeros = rxperf.Payload.create(verify=False)
    plan = rxperf.Plan.create(rxperf.OP_RECV, size=200_000, request_size=0, reply_size=0,
                              rsize=1, wsize=1, payload=zeros)
    with trio.fail_after(20):
        async with rxperf_server(count=3) as server, rx.open_endpoint((LOOPBACK, 0)) as ep:
            for _ in range(3):
                await rxperf.client_call(ep.socket(), server_address(server), plan, zeros,
                                         security=None, dead_after=5)
            await server.done.wait()
    assert server.stats.calls == 3


KERNEL_KEY = bytes.fromhex("a7838acbc783ec94")
"""The rxkad key the Linux in-kernel rxperf server (and crxperf by default) uses."""


@pytest.mark.parametrize("level", ["clear", "auth", "crypt"])
async def test_rxkad_levels_against_our_server(level: str) -> None:
    with trio.fail_after(30):
        async with rx.open_endpoint((LOOPBACK, 0)) as sep:
            sock = sep.socket()
            sock.listen([rxperf.SERVICE], security=rxperf.server_securities(KERNEL_KEY, None))
            server = rxperf.Server(sock, rxperf.Payload.create(verify=True))
            async with trio.open_nursery() as nursery:
                await nursery.start(server.serve)
                args = parse_args("client", "-p", str(sep.address[1]), "-c", "rpc", "-n", "20",
                                  "-T", "4", "-S", "3000", "-R", "5000", "--verify",
                                  "--level", level, "--key", KERNEL_KEY.hex(), "--kvno", "1")
                out, err = io.StringIO(), io.StringIO()
                status = await rxperf_cli.run_client(args, out=out, err=err)
                nursery.cancel_scope.cancel()
    assert status == 0, err.getvalue()
    assert parse_result(out.getvalue())["failed"] == "0"
    assert server.stats.by_level == {"null": 0, "clear": 0, "auth": 0, "crypt": 0, level: 20}


async def test_rxkad_wrong_key_fails_the_calls() -> None:
    with trio.fail_after(30):
        async with rx.open_endpoint((LOOPBACK, 0)) as sep:
            sock = sep.socket()
            sock.listen([rxperf.SERVICE], security=rxperf.server_securities(KERNEL_KEY, 1))
            server = rxperf.Server(sock, rxperf.Payload.create(verify=False))
            async with trio.open_nursery() as nursery:
                await nursery.start(server.serve)
                args = parse_args("client", "-p", str(sep.address[1]), "-c", "rpc", "-n", "2",
                                  "--level", "crypt", "--key", "0123456789abcdef")
                out, err = io.StringIO(), io.StringIO()
                status = await rxperf_cli.run_client(args, out=out, err=err)
                nursery.cancel_scope.cancel()
    assert status == 1
    assert parse_result(out.getvalue())["failed"] == "2"
    assert "RXKADBADTICKET" in err.getvalue()


def test_odd_parity_is_crxperf_parity() -> None:
    assert rxperf.odd_parity(KERNEL_KEY) == KERNEL_KEY  # already odd
    assert rxperf.odd_parity(bytes.fromhex("0022446688aaccee")) == bytes.fromhex(
        "0123456789abcdef")
    assert all(bin(b).count("1") % 2 == 1 for b in rxperf.odd_parity(bytes(range(8))))


# ------------------------------------------------------------------- as processes (CLI)


def rxperf_command(*argv: str) -> list[str]:
    return [sys.executable, "-m", "trio_rxrpc", "rxperf", *argv]


def run_command(*argv: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(rxperf_command(*argv), stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, timeout=timeout, check=False)


def read_line(proc: subprocess.Popen[str], timeout: float) -> str:
    """One line of the process's stdout, within ``timeout`` seconds."""
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    if not ready:
        raise AssertionError(f"no output within {timeout} s")
    return proc.stdout.readline()


@attrs.define
class ServerProcess:
    proc: subprocess.Popen[str]
    port: int
    output: str = ""
    """Everything it printed after READY (set once it has exited)."""
    errors: str = ""


@contextmanager
def server_process(*argv: str) -> Iterator[ServerProcess]:
    """``rxperf server --port 0 ...`` as a process, with the port from its READY line.

    On the way out it is stopped with SIGTERM (if still running) and must exit 0; its
    remaining output is then in ``output`` and ``errors``.
    """
    with subprocess.Popen(rxperf_command("server", "--port", "0", *argv),
                          stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True) as proc:
        assert proc.stdout is not None
        assert proc.stderr is not None
        try:
            line = read_line(proc, 30)
            match = re.match(r"READY port=(\d+) ", line)
            assert match is not None, line
            server = ServerProcess(proc, int(match.group(1)))
            yield server
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                raise
        server.output = proc.stdout.read()
        server.errors = proc.stderr.read()
    assert proc.returncode == 0, server.errors


@pytest.mark.parametrize("argv", [
    ("-c", "rpc", "-n", "200", "-T", "4"),
    ("-c", "send", "-b", "4M", "-n", "2", "--verify"),
    ("-c", "recv", "-b", "4M", "-n", "2", "--verify"),
])
def test_command_client_against_command_server(argv: tuple[str, ...]) -> None:
    with server_process(*(("--verify",) if "--verify" in argv else ())) as server:
        done = run_command("client", "--server", LOOPBACK, "--port", str(server.port), *argv)
    assert done.returncode == 0, done.stdout + done.stderr
    fields = parse_result(done.stdout)
    assert fields["op"] == argv[1]
    assert fields["failed"] == "0"
    assert done.stdout.count("\n") == 1  # exactly one line on stdout


def test_command_client_exits_nonzero_when_the_server_aborts() -> None:
    with server_process("--verify") as server:
        done = run_command("client", "--port", str(server.port), "-c", "rpc", "-S", "100",
                           "-n", "5")
    assert done.returncode == 1, done.stdout + done.stderr
    fields = parse_result(done.stdout)
    assert (fields["calls"], fields["failed"], fields["calls_per_s"]) == ("5", "5", "0.0")
    assert "-453" in done.stderr


def test_command_server_count_exits_by_itself_with_totals() -> None:
    with server_process("--count", "3") as server:
        done = run_command("client", "--port", str(server.port), "-c", "rpc", "-n", "3")
        assert done.returncode == 0, done.stdout + done.stderr
        server.proc.wait(10)  # no signal needed
    assert server.output.startswith("SERVER calls=3 failed=0 send=0 recv=0 rpc=3 file=0 "
                                    "sec_null=3 "), server.output


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_command_server_stops_cleanly_on_signals(sig: signal.Signals) -> None:
    with server_process() as server:
        done = run_command("client", "--port", str(server.port), "-c", "rpc", "-n", "2")
        assert done.returncode == 0, done.stdout + done.stderr
        start = time.monotonic()
        server.proc.send_signal(sig)
        server.proc.wait(10)
        assert time.monotonic() - start < 5
    assert server.output.startswith("SERVER calls=2 failed=0 "), server.output
    assert server.errors == ""


def test_command_usage_errors_exit_2() -> None:
    assert run_command("client", "-c", "nope").returncode == 2
    assert run_command("client", "-c", "rpc", "-b", "12X").returncode == 2
    assert run_command("client", "-c", "rpc", "-r", "0").returncode == 2
    assert run_command("client", "-c", "rpc", "-w", str(rxperf.CHUNK_MAX + 1)).returncode == 2
    assert run_command("client").returncode == 2


def test_command_rxkad_errors_exit_2_and_rxnull_ignores_the_key() -> None:
    done = run_command("client", "-c", "rpc", "--level", "auth")
    assert done.returncode == 2
    assert "needs --key" in done.stderr
    done = run_command("client", "-c", "rpc", "--level", "auth", "--key", "0101010101010101")
    assert done.returncode == 2  # a weak DES key
    with server_process("--key", KERNEL_KEY.hex()) as server:
        port = server.port
        done = run_command("client", "--port", str(port), "-c", "rpc", "-n", "1",
                           "--level", "null", "--key", KERNEL_KEY.hex())
        assert done.returncode == 0, done.stderr
        done = run_command("client", "--port", str(port), "-c", "recv", "-b", "100k", "-n", "2",
                           "--level", "crypt", "--key", KERNEL_KEY.hex())
        assert done.returncode == 0, done.stderr
        assert parse_result(done.stdout)["bytes"] == str(200 * 1024)
