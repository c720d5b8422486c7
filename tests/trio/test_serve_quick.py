"""``BoundSocket.serve(handler, quick=...)``: small calls answered with no task.

The quick function is tried for each call whose whole request has arrived when the call is
taken.  What it returns is the whole reply; ``None`` leaves the call, its request unread,
to the handler.  An exception from it aborts its call (``RX_USER_ABORT``) and propagates
out of ``serve()``, as a handler's would, without touching the receive loop.
"""

from __future__ import annotations

import random
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import pytest
import trio
import trio.testing

import trio_rxrpc as rx
from trio_rxrpc.testing import SimulatedNetwork

SERVICE = 1234
SERVER = ("10.0.0.1", 7000)
RX_USER_ABORT = -6

Quick = Callable[[rx.Call, bytes], "bytes | bytearray | memoryview | None"]


class Served:
    """What the handler and the quick function saw."""

    def __init__(self) -> None:
        self.quick: list[bytes] = []
        self.handled: list[bytes] = []


def quick_upper(served: Served) -> Quick:
    """Answers a request that starts with ``q`` with its upper case; declines the rest."""
    def quick(call: rx.Call, request: bytes) -> bytes | None:
        served.quick.append(request)
        return request.upper() if request.startswith(b"q") else None
    return quick


def echo_handler(served: Served) -> Callable[[rx.Call], Awaitable[None]]:
    async def handler(call: rx.Call) -> None:
        request = await call.receive_all()
        served.handled.append(request)
        await call.send_all(request)
    return handler


@asynccontextmanager
async def serving(handler: Callable[[rx.Call], Awaitable[None]], quick: object, *,
                  config: rx.EndpointConfig | None = None,
                  net: SimulatedNetwork | None = None,
                  ) -> AsyncIterator[tuple[rx.BoundSocket, tuple[str, int]]]:
    """A server serving with ``quick``, and a client socket; yields (client, address)."""
    net = SimulatedNetwork() if net is None else net
    async with rx.open_endpoint(SERVER, network=net, config=config,
                                rng=random.Random(1)) as server, \
            rx.open_endpoint(("10.0.0.2", 0), network=net, config=config,
                             rng=random.Random(2)) as client, \
            trio.open_nursery() as nursery:
        sock = server.socket()
        sock.listen([SERVICE])
        await nursery.start(
            lambda task_status: sock.serve(handler, quick=quick,  # type: ignore[arg-type]
                                           task_status=task_status))
        yield client.socket(), SERVER
        nursery.cancel_scope.cancel()


async def call(sock: rx.BoundSocket, address: tuple[str, int], request: bytes) -> bytes:
    async with sock.call(address, SERVICE) as c:
        c.send_nowait(request, eof=True)
        return await c.receive_all()


async def test_quick_answers_and_declines(autojump_clock: trio.testing.MockClock) -> None:
    served = Served()
    async with serving(echo_handler(served), quick_upper(served)) as (sock, address):
        assert await call(sock, address, b"quick one") == b"QUICK ONE"
        assert await call(sock, address, b"slow one") == b"slow one"
        assert await call(sock, address, b"quick two") == b"QUICK TWO"
    assert served.quick == [b"quick one", b"slow one", b"quick two"]
    # The declined call reached the handler with its request still unread.
    assert served.handled == [b"slow one"]


async def test_quick_answers_without_a_task(autojump_clock: trio.testing.MockClock) -> None:
    """No handler task runs for a call the quick function answers."""
    started: list[trio.lowlevel.Task] = []

    class Spawns(trio.abc.Instrument):
        def task_spawned(self, task: trio.lowlevel.Task) -> None:
            started.append(task)

    served = Served()
    async with serving(echo_handler(served), quick_upper(served)) as (sock, address):
        assert await call(sock, address, b"q warm-up") == b"Q WARM-UP"
        spawns = Spawns()
        trio.lowlevel.add_instrument(spawns)
        for i in range(20):
            assert await call(sock, address, b"q%d" % i) == b"Q%d" % i
        trio.lowlevel.remove_instrument(spawns)
    assert started == []
    assert served.handled == []


async def test_a_request_still_arriving_goes_to_the_handler_or_quick_later(
        autojump_clock: trio.testing.MockClock) -> None:
    """A request of many packets is not whole when its first packet makes the call: the call
    gets a task, which offers it to the quick function only once all of it is there (or the
    handler takes it).  Either way the reply is complete and in order."""
    served = Served()
    big = b"q" + bytes(range(256)) * 400  # about 100 kB: many packets
    async with serving(echo_handler(served), quick_upper(served)) as (sock, address), \
            sock.call(address, SERVICE) as c:
        await c.send_all(big)
        await c.send_eof()
        reply = await c.receive_all()
    if served.quick:  # offered once, whole, and answered
        assert (served.quick, served.handled, reply) == ([big], [], big.upper())
    else:
        assert (served.handled, reply) == ([big], big)


async def test_a_reply_larger_than_the_window_is_sent_whole(
        autojump_clock: trio.testing.MockClock) -> None:
    """A quick reply the send window cannot take at once goes out from a task, whole."""
    reply = bytes(range(256)) * 4096  # 1 MiB
    config = rx.EndpointConfig(tx_window=8, rx_window=8)

    def quick(call: rx.Call, request: bytes) -> bytes:
        return reply

    async def handler(call: rx.Call) -> None:
        raise AssertionError("the quick function takes every call")

    async with serving(handler, quick, config=config) as (sock, address):
        for _ in range(2):
            assert await call(sock, address, b"give") == reply


@pytest.mark.parametrize("kind", [bytearray, memoryview])
async def test_a_bytes_like_reply_is_taken(kind: type[bytearray | memoryview],
                                           autojump_clock: trio.testing.MockClock) -> None:
    def quick(call: rx.Call, request: bytes) -> bytearray | memoryview:
        return kind(request[::-1])

    async with serving(echo_handler(Served()), quick) as (sock, address):
        assert await call(sock, address, b"abc") == b"cba"


async def test_quick_may_abort_its_call(autojump_clock: trio.testing.MockClock) -> None:
    served = Served()

    def quick(call: rx.Call, request: bytes) -> None:
        call.abort(-4711)

    async with serving(echo_handler(served), quick) as (sock, address):
        for _ in range(2):
            with pytest.raises(rx.RemoteAbort) as info:
                await call(sock, address, b"no")
            assert info.value.abort_code == -4711
    assert served.handled == []


class QuickBug(Exception):
    pass


@pytest.mark.parametrize(("answer", "bug"), [
    ("raise", QuickBug), ("not bytes", TypeError), ("abort and reply", trio.ClosedResourceError),
])
async def test_a_quick_bug_aborts_its_call_and_stops_serving(
        answer: str, bug: type[Exception], autojump_clock: trio.testing.MockClock) -> None:
    """The call gets ``RX_USER_ABORT``, the error ends ``serve()``, and the endpoint's
    receive loop goes on (a later call to another socket still works)."""
    def quick(call: rx.Call, request: bytes) -> object:
        if answer == "raise":
            raise QuickBug("a bug in the quick function")
        if answer == "not bytes":
            return 42
        call.abort(-1)
        return b"a reply after all"

    failures: list[BaseExceptionGroup[Exception]] = []
    net = SimulatedNetwork()
    async with rx.open_endpoint(SERVER, network=net, rng=random.Random(1)) as server, \
            rx.open_endpoint(("10.0.0.2", 0), network=net, rng=random.Random(2)) as client, \
            trio.open_nursery() as nursery:
        sock = server.socket()
        sock.listen([SERVICE])
        other = server.socket()
        other.listen([SERVICE + 1])
        done = trio.Event()

        async def serve(task_status: trio.TaskStatus[None]) -> None:
            try:
                await sock.serve(echo_handler(Served()), quick=quick,  # type: ignore[arg-type]
                                 task_status=task_status)
            except* Exception as group:
                failures.append(group)
            done.set()

        async def serve_other(task_status: trio.TaskStatus[None]) -> None:
            await other.serve(echo_handler(Served()), task_status=task_status)

        await nursery.start(serve)
        await nursery.start(serve_other)
        csock = client.socket()
        with pytest.raises(rx.RemoteAbort) as info:
            await call(csock, SERVER, b"boom")
        assert info.value.abort_code == (-1 if answer == "abort and reply" else RX_USER_ABORT)
        await done.wait()
        async with csock.call(SERVER, SERVICE + 1) as c:
            c.send_nowait(b"still serving", eof=True)
            assert await c.receive_all() == b"still serving"
        nursery.cancel_scope.cancel()
    assert pytest.RaisesGroup(bug, flatten_subgroups=True).matches(failures[0])


async def test_quick_must_be_callable() -> None:
    async with rx.open_endpoint(SERVER, network=SimulatedNetwork()) as ep:
        sock = ep.socket()
        sock.listen([SERVICE])
        with pytest.raises(TypeError, match="quick must be a function"):
            await sock.serve(echo_handler(Served()), quick=b"reply")  # type: ignore[arg-type]


async def test_quick_over_real_udp() -> None:
    """Real sockets on loopback: quick and declined calls interleaved, all intact."""
    served = Served()
    with trio.fail_after(20):
        async with rx.open_endpoint(("127.0.0.1", 0)) as server, \
                rx.open_endpoint(("127.0.0.1", 0)) as client, trio.open_nursery() as nursery:
            sock = server.socket()
            sock.listen([SERVICE])
            await nursery.start(
                lambda task_status: sock.serve(echo_handler(served), quick=quick_upper(served),
                                               task_status=task_status))
            csock = client.socket()
            address = ("127.0.0.1", server.address[1])
            for i in range(50):
                request = b"q-%d" % i if i % 3 else b"s-%d" % i
                expected = request.upper() if i % 3 else request
                assert await call(csock, address, request) == expected
            assert sock.statistics().quick_replies == 50 - 17
            nursery.cancel_scope.cancel()
    assert len(served.quick) == 50
    assert served.handled == [b"s-%d" % i for i in range(0, 50, 3)]
