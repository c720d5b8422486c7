"""rxperf's two request dialects: OpenAFS's (a request ends with its payload) and Linux's (the
end cookie ``00 00 47 11`` follows it).  Our server takes both, for every operation; our
client speaks either.

A recording server here stands in for Linux's (which needs a rebuilt kernel module): it keeps
each request's bytes, so the tests see exactly where the client put the cookie.
"""

from __future__ import annotations

import argparse
import io
import struct
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

import pytest
import trio

import trio_rxrpc as rx
from trio_rxrpc import _rxperf as rxperf, _rxperf_cli as rxperf_cli
from trio_rxrpc._rxperf import COOKIE_BYTES

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

LOOPBACK = "127.0.0.1"
HEADER = struct.Struct(">iiii")
ZEROS = rxperf.Payload.create(verify=False)
BIG = 200_000  # more than SMALL_REQUEST: streamed after the header, not sent with it


@asynccontextmanager
async def our_server() -> AsyncIterator[tuple[rxperf.Server, tuple[str, int]]]:
    async with rx.open_endpoint((LOOPBACK, 0)) as ep:
        sock = ep.socket()
        sock.listen([rxperf.SERVICE], backlog=64)
        server = rxperf.Server(sock, ZEROS)
        async with trio.open_nursery() as nursery:
            await nursery.start(server.serve)
            yield server, (LOOPBACK, ep.address[1])
            nursery.cancel_scope.cancel()


def reply_size(request: bytes) -> int:
    """How many bytes the reply to ``request`` carries, before any cookie."""
    _version, op, _r, _w = HEADER.unpack_from(request)
    if op == rxperf.OP_RECV:
        return int(struct.unpack_from(">i", request, 16)[0])
    if op == rxperf.OP_RPC:
        return int(struct.unpack_from(">i", request, 20)[0])
    if op == rxperf.OP_FILE:
        (count,) = struct.unpack_from(">I", request, 16)
        words = struct.unpack_from(f">{count}I", request, 20)
        return 4 * sum(words[words.index(0) + 1:]) if 0 in words else 0
    return 0


@asynccontextmanager
async def recording_server() -> AsyncIterator[tuple[list[bytes], tuple[str, int]]]:
    """Answers each call with zeros (and the cookie, but for FILE) and keeps its request."""
    requests: list[bytes] = []

    async def answer(call: rx.Call) -> None:
        async with call:
            request = await call.receive_all()
            requests.append(request)
            cookie = b"" if HEADER.unpack_from(request)[1] == rxperf.OP_FILE else COOKIE_BYTES
            await call.send_all(bytes(reply_size(request)) + cookie)
            await call.send_eof()

    async with rx.open_endpoint((LOOPBACK, 0)) as ep, trio.open_nursery() as nursery:
        sock = ep.socket()
        sock.listen([rxperf.SERVICE])

        async def serve() -> None:
            while True:
                nursery.start_soon(answer, await sock.accept())

        nursery.start_soon(serve)
        yield requests, (LOOPBACK, ep.address[1])
        nursery.cancel_scope.cancel()


def plan(op: int, dialect: str, size: int = 0) -> rxperf.Plan:
    return rxperf.Plan.create(op, size=size, request_size=size, reply_size=7, rsize=1, wsize=1,
                              payload=ZEROS, file_words=(3, 2, 0, 5), dialect=dialect)


CASES = [(rxperf.OP_RPC, 5), (rxperf.OP_RPC, BIG), (rxperf.OP_SEND, 0), (rxperf.OP_SEND, BIG),
         (rxperf.OP_RECV, 9), (rxperf.OP_FILE, 0)]
CASE_IDS = ["rpc", "rpc-streamed", "send-empty", "send-streamed", "recv", "file"]


def test_plan_in_each_dialect() -> None:
    openafs = plan(rxperf.OP_RPC, "openafs", 5)
    linux = plan(rxperf.OP_RPC, "linux", 5)
    assert openafs.request == struct.pack(">6i", 3, 3, 1, 1, 5, 7) + bytes(5)
    assert linux.request == openafs.request + COOKIE_BYTES
    assert openafs.trailer == linux.trailer == b""
    streamed = plan(rxperf.OP_SEND, "linux", BIG)
    assert (streamed.request, streamed.trailer) == (struct.pack(">5i", 3, 0, 1, 1, BIG),
                                                    COOKIE_BYTES)
    assert plan(rxperf.OP_FILE, "linux").trailer == COOKIE_BYTES
    assert plan(rxperf.OP_FILE, "openafs").trailer == b""
    with pytest.raises(ValueError, match="dialect"):
        plan(rxperf.OP_RPC, "afs")


@pytest.mark.parametrize(("op", "size"), CASES, ids=CASE_IDS)
@pytest.mark.parametrize("dialect", rxperf.DIALECTS)
async def test_our_client_puts_the_cookie_where_the_dialect_says(op: int, size: int,
                                                                 dialect: str) -> None:
    the_plan = plan(op, dialect, size)
    with trio.fail_after(30):
        async with recording_server() as (requests, address), rx.open_endpoint(
                (LOOPBACK, 0)) as ep:
            await rxperf.client_call(ep.socket(), address, the_plan, ZEROS, security=None,
                                     dead_after=10)
    (request,) = requests
    cookie = COOKIE_BYTES if dialect == "linux" else b""
    if op == rxperf.OP_FILE:
        words_sent = struct.pack(">I4I", 4, 3, 2, 0, 5)
        assert request == HEADER.pack(3, op, 1, 1) + words_sent + bytes(20) + cookie
        return
    words = {rxperf.OP_RPC: 2, rxperf.OP_SEND: 1, rxperf.OP_RECV: 1}[op]
    sent = 0 if op == rxperf.OP_RECV else size
    assert len(request) == 16 + 4 * words + sent + len(cookie)
    assert request.endswith(bytes(min(sent, 8)) + cookie)


@pytest.mark.parametrize(("op", "size"), CASES, ids=CASE_IDS)
@pytest.mark.parametrize("dialect", rxperf.DIALECTS)
async def test_our_client_in_each_dialect_against_our_server(op: int, size: int,
                                                             dialect: str) -> None:
    the_plan = plan(op, dialect, size)
    with trio.fail_after(30):
        async with our_server() as (server, address), rx.open_endpoint((LOOPBACK, 0)) as ep:
            for _ in range(2):
                await rxperf.client_call(ep.socket(), address, the_plan, ZEROS, security=None,
                                         dead_after=10)
            await trio.sleep(0.05)
    assert (server.stats.calls, server.stats.failed, server.stats.by_op[op]) == (2, 0, 2)


async def raw_call(address: tuple[str, int], request: bytes) -> bytes:
    async with rx.open_endpoint((LOOPBACK, 0)) as ep, ep.socket().call(
            address, rxperf.SERVICE, timeout=10) as call:
        await call.send_all(request)
        await call.send_eof()
        return await call.receive_all()


@pytest.mark.parametrize(("request_bytes", "reply"), [
    (HEADER.pack(3, rxperf.OP_SEND, 1, 1) + struct.pack(">i", 3) + b"abc", COOKIE_BYTES),
    (HEADER.pack(3, rxperf.OP_RECV, 1, 1) + struct.pack(">i", 2), bytes(2) + COOKIE_BYTES),
    (HEADER.pack(3, rxperf.OP_RPC, 1, 1) + struct.pack(">ii", 0, 1), bytes(1) + COOKIE_BYTES),
    (HEADER.pack(3, rxperf.OP_FILE, 1, 1) + struct.pack(">i3I", 3, 1, 0, 2) + bytes(4),
     bytes(8)),
], ids=["send", "recv", "rpc", "file"])
@pytest.mark.parametrize("dialect", rxperf.DIALECTS)
async def test_our_server_takes_raw_requests_of_both_dialects(request_bytes: bytes,
                                                              reply: bytes,
                                                              dialect: str) -> None:
    cookie = COOKIE_BYTES if dialect == "linux" else b""
    with trio.fail_after(20):
        async with our_server() as (server, address):
            assert await raw_call(address, request_bytes + cookie) == reply
    assert (server.stats.calls, server.stats.failed) == (1, 0)


@pytest.mark.parametrize("tail", [COOKIE_BYTES + b"x", b"\x00\x00\x47\x12", COOKIE_BYTES * 2,
                                  COOKIE_BYTES[:3]],
                         ids=["cookie-then-more", "wrong-cookie", "two-cookies", "cut-cookie"])
async def test_only_the_cookie_may_follow_a_request(tail: bytes) -> None:
    request = HEADER.pack(3, rxperf.OP_RPC, 1, 1) + struct.pack(">ii", 2, 0) + b"ab"
    with trio.fail_after(20):
        async with our_server() as (server, address):
            with pytest.raises(rx.RemoteAbort) as info:
                await raw_call(address, request + tail)
    assert info.value.abort_code == -453  # RXGEN_SS_UNMARSHAL
    assert server.stats.rejected == {-453: 1}


@pytest.mark.parametrize("dialect", rxperf.DIALECTS)
async def test_command_line_dialect(dialect: str) -> None:
    parser = argparse.ArgumentParser()
    rxperf_cli.configure(parser)
    with trio.fail_after(30):
        async with recording_server() as (requests, address):
            args = parser.parse_args(["client", "-s", address[0], "-p", str(address[1]),
                                      "-c", "rpc", "-n", "2", "--dialect", dialect])
            out, err = io.StringIO(), io.StringIO()
            status = await rxperf_cli.run_client(args, out=out, err=err)
    assert status == 0, err.getvalue()
    assert "RESULT op=rpc calls=2 failed=0" in out.getvalue()
    assert len(requests) == 2
    assert all(r.endswith(COOKIE_BYTES) == (dialect == "linux") for r in requests)


def test_command_line_default_dialect_is_openafs() -> None:
    parser = argparse.ArgumentParser()
    rxperf_cli.configure(parser)
    assert parser.parse_args(["client", "-c", "rpc"]).dialect == "openafs"
    with pytest.raises(SystemExit):
        parser.parse_args(["client", "-c", "rpc", "--dialect", "afs"])
