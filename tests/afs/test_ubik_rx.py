"""UbikServers against real Rx servers on this machine's UDP: trio-rxrpc endpoints that answer
or abort like ubik database servers, and a bound UDP socket that never reads (a server that
is down without anyone saying so)."""

from __future__ import annotations

import socket
from contextlib import asynccontextmanager, contextmanager
from typing import TYPE_CHECKING

import pytest
import trio

import trio_rxrpc as rx
from trio_rxrpc.afs import UNOQUORUM, UNOTSYNC, Cell, NoServerAnswered, UbikServers
from trio_rxrpc.rpc import Client

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Awaitable, Callable, Iterator

SERVICE = 73
PRNOENT = 267268
CALL_TIMEOUT = 5.0
"""The client's own silence timeout: longer than the attempt timeouts, so they act first."""


class FakeServer:
    """A ubik-like server: replies ``b"answer from NAME"`` or aborts with ``abort``."""

    def __init__(self, name: str, abort: int | None = None) -> None:
        self.name = name
        self.abort = abort
        self.calls = 0
        self.address = ("127.0.0.1", 0)

    async def handle(self, call: rx.Call) -> None:
        await call.receive_all()
        self.calls += 1
        if self.abort is not None:
            call.abort(self.abort)
            return
        await call.send_all(f"answer from {self.name}".encode())


@asynccontextmanager
async def running(*servers: FakeServer) -> AsyncIterator[None]:
    async with trio.open_nursery() as nursery:
        for server in servers:
            ep = await nursery.start(_serve, server)
            server.address = ("127.0.0.1", ep.address[1])
        yield
        nursery.cancel_scope.cancel()


async def _serve(server: FakeServer, *,
                 task_status: trio.TaskStatus[rx.Endpoint] = trio.TASK_STATUS_IGNORED) -> None:
    async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
        sock = ep.socket()
        sock.listen([SERVICE])
        task_status.started(ep)
        await sock.serve(server.handle)


@contextmanager
def silent_server() -> Iterator[tuple[str, int]]:
    """A UDP port that is bound, so nothing answers ICMP unreachable, and never read."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        udp.bind(("127.0.0.1", 0))
        host, port = udp.getsockname()
        yield host, port


@asynccontextmanager
async def client() -> AsyncIterator[rx.BoundSocket]:
    async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
        yield ep.socket()


def raw_attempt(sock: rx.BoundSocket, request: bytes = b"request",
                ) -> Callable[[tuple[str, int]], Awaitable[bytes]]:
    async def attempt(address: tuple[str, int]) -> bytes:
        async with sock.call(address, SERVICE, timeout=CALL_TIMEOUT) as call:
            await call.send_all(request)
            await call.send_eof()
            return await call.receive_all()
    return attempt


async def test_a_silent_first_server_is_skipped_within_the_deadline() -> None:
    good = FakeServer("good")
    with silent_server() as dead:
        async with running(good), client() as sock:
            target = UbikServers([dead, good.address], deadline=10.0, attempt_timeout=1.0)
            start = trio.current_time()
            assert await target.run(raw_attempt(sock), idempotent=True) == b"answer from good"
            took = trio.current_time() - start
            assert 1.0 <= took < 5.0
            assert target.is_down(dead)
            # The next call goes straight to the server that answered.
            start = trio.current_time()
            assert await target.run(raw_attempt(sock), idempotent=True) == b"answer from good"
            assert trio.current_time() - start < 0.9
    assert good.calls == 2


async def test_unotsync_and_unoquorum_servers_are_passed_over() -> None:
    a = FakeServer("a", abort=UNOTSYNC)
    b = FakeServer("b", abort=UNOQUORUM)
    c = FakeServer("c")
    async with running(a, b, c), client() as sock:
        target = UbikServers([a.address, b.address, c.address], deadline=10.0)
        assert await target.run(raw_attempt(sock), idempotent=False) == b"answer from c"
        assert not target.is_down(a.address)
        assert not target.is_down(b.address)
        assert target.primary() == c.address
    assert (a.calls, b.calls, c.calls) == (1, 1, 1)


async def test_an_application_abort_is_the_answer() -> None:
    a = FakeServer("a", abort=PRNOENT)
    b = FakeServer("b")
    async with running(a, b), client() as sock:
        target = UbikServers([a.address, b.address], deadline=10.0)
        with pytest.raises(rx.RemoteAbort) as info:
            await target.run(raw_attempt(sock), idempotent=True)
        assert info.value.abort_code == PRNOENT
    assert b.calls == 0


async def test_a_server_without_the_service_is_marked_down() -> None:
    a = FakeServer("a")
    b = FakeServer("b")
    async with running(a, b), client() as sock:
        async def attempt(address: tuple[str, int]) -> bytes:
            # b is right, a does not offer this service: RX_INVALID_OPERATION (-2)
            service = SERVICE if address == b.address else SERVICE + 1
            async with sock.call(address, service, timeout=CALL_TIMEOUT) as call:
                await call.send_all(b"x")
                await call.send_eof()
                return await call.receive_all()

        target = UbikServers([a.address, b.address], deadline=10.0)
        assert await target.run(attempt, idempotent=False) == b"answer from b"
        assert target.is_down(a.address)


async def test_all_servers_silent_ends_at_the_deadline() -> None:
    with silent_server() as one, silent_server() as two:
        async with client() as sock:
            target = UbikServers([one, two], deadline=2.5, attempt_timeout=1.0)
            start = trio.current_time()
            with pytest.raises(NoServerAnswered) as info:
                await target.run(raw_attempt(sock), idempotent=True)
            took = trio.current_time() - start
    assert 2.5 <= took < 4.0
    assert info.value.deadline_passed
    assert [f.address for f in info.value.failures] == [one, two]


async def test_a_generated_style_client_calls_through_a_cell() -> None:
    """rpc.Client with a Cell's ubik target: the path generated clients will take."""

    class EchoClient(Client):
        SERVICE_ID = SERVICE

        async def ask(self) -> bytes:
            return await self._invoke("ask", b"\x00\x00\x01\xf8", bytes)

    good = FakeServer("good")
    with silent_server() as dead:
        async with running(good), client() as sock:
            cell = Cell("test.example", [dead, good.address])
            target = cell.pt_servers(deadline=10.0, attempt_timeout=1.0)
            assert target.addresses == (dead, good.address)
            pts = EchoClient(sock, target, timeout=CALL_TIMEOUT)
            assert await pts.ask() == b"answer from good"
            assert pts._split_address() == good.address
