"""``BoundSocket.request``: a whole client call in one operation.

It is the ``async with sock.call(...)`` form with ``send_all`` and ``receive_all``, with the
same errors and wire traffic, but its only scheduler pass is the wait for the reply.  These
tests check the reply, every way the call can fail, cancellation at each point, bad
arguments (refused before anything is sent), and real sockets.
"""

from __future__ import annotations

import random
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

import pytest
import trio
import trio.testing

import trio_rxrpc as rx
from trio_rxrpc.testing import SimulatedNetwork

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Awaitable, Callable

SERVICE = 1234
SERVER = ("10.0.0.1", 7000)
RX_USER_ABORT = -6
RXGEN_CC_UNMARSHAL = -451


async def echo(call: rx.Call) -> None:
    await call.send_all(await call.receive_all())


@asynccontextmanager
async def serving(handler: Callable[[rx.Call], Awaitable[None]], *,
                  config: rx.EndpointConfig | None = None,
                  ) -> AsyncIterator[tuple[rx.Endpoint, rx.Endpoint, rx.BoundSocket]]:
    """A server running ``handler`` and a client endpoint; yields (server, client, socket)."""
    net = SimulatedNetwork()
    async with rx.open_endpoint(SERVER, network=net, config=config,
                                rng=random.Random(1)) as server, \
            rx.open_endpoint(("10.0.0.2", 0), network=net, config=config,
                             rng=random.Random(2)) as client, \
            trio.open_nursery() as nursery:
        sock = server.socket()
        sock.listen([SERVICE])
        await nursery.start(sock.serve, handler)
        yield server, client, client.socket()
        nursery.cancel_scope.cancel()


async def test_request_returns_the_whole_reply_and_frees_the_call(
        autojump_clock: trio.testing.MockClock) -> None:
    async with serving(echo) as (_server, _client, sock):
        for size in (0, 1, 1412, 5000, 100_000):
            request = bytes(range(256)) * (size // 256) + bytes(size % 256)
            assert await sock.request(SERVER, SERVICE, request) == request
        assert sock.calls() == {}
        assert await sock.request(SERVER, SERVICE, bytearray(b"ab")) == b"ab"
        assert await sock.request(SERVER, SERVICE, memoryview(b"abcd")[1:3]) == b"bc"


async def test_a_request_larger_than_the_window_is_sent_whole(
        autojump_clock: trio.testing.MockClock) -> None:
    request = bytes(range(256)) * 4096  # 1 MiB through an 8-packet window
    async with serving(echo, config=rx.EndpointConfig(tx_window=8, rx_window=8)) as (
            _server, _client, sock):
        assert await sock.request(SERVER, SERVICE, request) == request


async def test_a_remote_abort_names_its_code(autojump_clock: trio.testing.MockClock) -> None:
    async def refuse(call: rx.Call) -> None:
        await call.receive_all()
        call.abort(-4711)

    async with serving(refuse) as (_server, _client, sock):
        with pytest.raises(rx.RemoteAbort) as info:
            await sock.request(SERVER, SERVICE, b"please")
        assert info.value.abort_code == -4711
        assert sock.calls() == {}


async def test_a_reply_over_max_size_aborts_the_call(
        autojump_clock: trio.testing.MockClock) -> None:
    async def big(call: rx.Call) -> None:
        await call.receive_all()
        await call.send_all(bytes(100_000))

    async with serving(big) as (server, _client, sock):
        with pytest.raises(rx.DataTooLarge) as info:
            await sock.request(SERVER, SERVICE, b"x", max_size=1000)
        assert info.value.abort_code == RXGEN_CC_UNMARSHAL
        await trio.sleep(1)
        assert server.statistics().aborts_received == {RXGEN_CC_UNMARSHAL: 1}
        assert sock.calls() == {}


async def test_cancelled_while_waiting_for_the_reply_aborts_the_call(
        autojump_clock: trio.testing.MockClock) -> None:
    async def slow(call: rx.Call) -> None:
        await call.receive_all()
        await trio.sleep(60)

    async with serving(slow) as (server, client, sock):
        with trio.move_on_after(5) as scope:
            await sock.request(SERVER, SERVICE, b"wait")
        assert scope.cancelled_caught
        assert sock.calls() == {}
        await trio.sleep(1)
        assert client.statistics().aborts_sent == {RX_USER_ABORT: 1}
        assert server.statistics().aborts_received == {RX_USER_ABORT: 1}


async def test_cancelled_before_it_starts_sends_nothing(
        autojump_clock: trio.testing.MockClock) -> None:
    async with serving(echo) as (_server, client, sock):
        assert await sock.request(SERVER, SERVICE, b"warm") == b"warm"  # address known
        sent = client.statistics().datagrams_sent
        with trio.CancelScope() as scope:
            scope.cancel()
            await sock.request(SERVER, SERVICE, b"never sent")
        assert scope.cancelled_caught
        assert client.statistics().datagrams_sent == sent
        assert sock.calls() == {}


async def test_bad_arguments_fail_before_anything_is_sent(
        autojump_clock: trio.testing.MockClock) -> None:
    async with serving(echo) as (_server, client, sock):
        sent = client.statistics().datagrams_sent
        with pytest.raises(TypeError, match="buffer of bytes, not str"):
            await sock.request(SERVER, SERVICE, "text")  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="contiguous buffer of bytes, not memoryview"):
            await sock.request(SERVER, SERVICE, memoryview(b"abcdef")[::2])
        with pytest.raises(ValueError, match="max_size"):
            await sock.request(SERVER, SERVICE, b"x", max_size=-1)
        with pytest.raises(ValueError, match="service"):
            await sock.request(SERVER, -1, b"x")
        with pytest.raises(TypeError):
            await sock.request("10.0.0.1", SERVICE, b"x")  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            await sock.request(SERVER, SERVICE, b"x", security="rxkad")  # type: ignore[arg-type]
        assert client.statistics().datagrams_sent == sent
        assert sock.calls() == {}
        sock.close()
        with pytest.raises(trio.ClosedResourceError):
            await sock.request(SERVER, SERVICE, b"x")


async def test_request_over_real_udp() -> None:
    """Real sockets on loopback: many requests, one at a time and 16 at once, all intact."""
    with trio.fail_after(20):
        async with rx.open_endpoint(("127.0.0.1", 0)) as server, \
                rx.open_endpoint(("127.0.0.1", 0)) as client, trio.open_nursery() as nursery:
            ssock = server.socket()
            ssock.listen([SERVICE])
            await nursery.start(ssock.serve, echo)
            sock = client.socket()
            address = ("127.0.0.1", server.address[1])
            for i in range(50):
                assert await sock.request(address, SERVICE, b"%d" % i * i) == b"%d" % i * i

            async def worker(n: int) -> None:
                for i in range(20):
                    request = b"%d-%d" % (n, i) * 100
                    assert await sock.request(address, SERVICE, request) == request

            async with trio.open_nursery() as workers:
                for n in range(16):
                    workers.start_soon(worker, n)
            assert sock.calls() == {}
            nursery.cancel_scope.cancel()
