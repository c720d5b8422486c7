"""How many scheduler passes a small call takes, and that the operations are still checkpoints.

A small echo call over the simulated network should take three task steps on each side:
the client's ``async with`` entry, ``send_all`` and the wait for the reply; the server
handler's first step (up to ``receive_all``'s yield), ``send_all``, and leaving the call.
``serve()`` starts the handler from the endpoint itself, so its accept loop takes none.
With ``receive_all_nowait`` and ``send_nowait`` (as the generated services use them) the
handler takes one step and the client two; with ``serve(quick=...)`` (as the rxperf server
uses it) the server takes none, and with ``BoundSocket.request`` (as the rxperf client and
the generated stubs use it) the client takes one: the wait for the reply.
"""

from __future__ import annotations

import random
from collections import Counter
from typing import TYPE_CHECKING

import pytest
import trio
import trio.testing

import trio_rxrpc as rx
from trio_rxrpc.testing import SimulatedNetwork

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from trio.lowlevel import Task

SERVICE = 1234
SERVER = ("10.0.0.1", 7000)


class Steps(trio.abc.Instrument):
    """Counts the steps of tasks whose coroutine has one of the watched names."""

    def __init__(self, *names: str) -> None:
        self.names = names
        self.counts: Counter[str] = Counter()
        self.on = False

    def before_task_step(self, task: Task) -> None:
        if self.on:
            code = getattr(task.coro, "cr_code", None)
            name = code.co_qualname if code is not None else ""
            for watched in self.names:
                if name.endswith(watched):
                    self.counts[watched] += 1


async def count_steps(service_id: int, start_serving: Callable[[trio.Nursery, rx.BoundSocket],
                                                                Awaitable[object]],
                      client_calls: Callable[[rx.BoundSocket], Awaitable[None]]) -> Counter[str]:
    """The task steps of ``client_calls`` (in a task of its own), the handlers and the accept
    loop, after a warm-up round of the same calls (connection, RTT)."""
    net = SimulatedNetwork()
    steps = Steps("client_calls", "serve_forever.<locals>.run", "serve_forever")
    async with rx.open_endpoint(SERVER, network=net, rng=random.Random(1)) as server, \
            rx.open_endpoint(("10.0.0.2", 0), network=net, rng=random.Random(2)) as client:
        ssock = server.socket()
        ssock.listen([service_id])
        csock = client.socket()
        async with trio.open_nursery() as nursery:
            await start_serving(nursery, ssock)
            await client_calls(csock)  # warm up
            trio.lowlevel.add_instrument(steps)
            steps.on = True
            async with trio.open_nursery() as calling:  # a task of its own, to count
                calling.start_soon(client_calls, csock)
            steps.on = False
            trio.lowlevel.remove_instrument(steps)
            nursery.cancel_scope.cancel()
    return steps.counts


def serving(handler: Callable[[rx.Call], Awaitable[None]]) -> Callable[
        [trio.Nursery, rx.BoundSocket], Awaitable[object]]:
    async def start(nursery: trio.Nursery, sock: rx.BoundSocket) -> object:
        return await nursery.start(sock.serve, handler)
    return start


CALLS = 20


async def echo(call: rx.Call) -> None:
    await call.send_all(await call.receive_all())


async def test_small_call_takes_three_steps_a_side(
        autojump_clock: trio.testing.MockClock) -> None:
    async def client_calls(sock: rx.BoundSocket) -> None:
        for i in range(CALLS):
            async with sock.call(SERVER, SERVICE) as call:
                await call.send_all(b"x" * i)
                assert await call.receive_all() == b"x" * i

    counts = await count_steps(SERVICE, serving(echo), client_calls)
    assert counts["client_calls"] == 3 * CALLS + 1  # + the task's start
    assert counts["serve_forever.<locals>.run"] == 3 * CALLS
    assert counts["serve_forever"] == 0  # the accept loop never woke


async def echo_nowait(call: rx.Call) -> None:
    """The handler of ``docs/streams.rst``'s "Small calls without needless scheduler
    passes"."""
    try:
        request = call.receive_all_nowait(max_size=65536)
    except trio.WouldBlock:  # not all of it has arrived: wait for the rest
        request = await call.receive_all(max_size=65536)
    try:
        call.send_nowait(request)
    except trio.WouldBlock:
        await call.send_all(request)


async def test_small_call_without_needless_passes_takes_one_step_in_the_handler(
        autojump_clock: trio.testing.MockClock) -> None:
    """With ``receive_all_nowait`` and ``send_nowait`` the handler reads the request,
    replies and leaves in the step it starts in; the client only enters and waits."""
    async def client_calls(sock: rx.BoundSocket) -> None:
        for i in range(1, CALLS + 1):
            async with sock.call(SERVER, SERVICE) as call:
                call.send_nowait(b"x" * i)
                assert await call.receive_all() == b"x" * i

    counts = await count_steps(SERVICE, serving(echo_nowait), client_calls)
    assert counts["client_calls"] == 2 * CALLS + 1  # + the task's start
    assert counts["serve_forever.<locals>.run"] == CALLS
    assert counts["serve_forever"] == 0


async def test_rxperf_rpc_takes_no_step_in_the_server_and_one_in_the_client(
        autojump_clock: trio.testing.MockClock) -> None:
    """The rxperf server (``Server.serve``) answers a small RPC from its ``quick`` function,
    with no handler task at all, and the client makes it with ``BoundSocket.request`` in
    one step (the wait for the reply)."""
    from trio_rxrpc._rxperf import OP_RPC, SERVICE as RXPERF, Payload, Plan, Server, client_call

    payload = Payload.create(verify=True)
    plan = Plan.create(OP_RPC, size=0, request_size=16, reply_size=16, rsize=0, wsize=0,
                       payload=payload)
    servers: list[Server] = []

    async def start_serving(nursery: trio.Nursery, sock: rx.BoundSocket) -> object:
        servers.append(Server(sock, payload))
        return await nursery.start(servers[0].serve)

    async def client_calls(sock: rx.BoundSocket) -> None:
        for _ in range(CALLS):
            assert await client_call(sock, SERVER, plan, payload, security=None,
                                     dead_after=30) == 32

    counts = await count_steps(RXPERF, start_serving, client_calls)
    assert counts["client_calls"] == CALLS + 1  # + the task's start
    assert counts["serve_forever.<locals>.run"] == 0  # Server.quick answered every call
    assert counts["serve_forever"] == 0
    assert (servers[0].stats.calls, servers[0].stats.failed) == (2 * CALLS, 0)


async def test_generated_service_answers_a_small_call_in_one_handler_step(
        autojump_clock: trio.testing.MockClock) -> None:
    """A service and client stub generated by rxgen (here the VL interface): the handler
    reads the request, runs the procedure and queues the reply in the step it starts in,
    and the stub's call takes one (the wait for the reply: ``BoundSocket.request``)."""
    from trio_rxrpc.afs import vl

    class Numbers(vl.Service):
        async def GetNewVolumeId(self, call: rx.Call, bumpcount: int) -> int:
            return 536870912 + bumpcount

    async def start_serving(nursery: trio.Nursery, sock: rx.BoundSocket) -> object:
        return await nursery.start(Numbers().serve, sock)

    async def client_calls(sock: rx.BoundSocket) -> None:
        stub = vl.Client(sock, SERVER)
        for i in range(CALLS):
            assert await stub.GetNewVolumeId(i) == 536870912 + i

    counts = await count_steps(vl.SERVICE_ID, start_serving, client_calls)
    assert counts["client_calls"] == CALLS + 1  # + the task's start
    assert counts["serve_forever.<locals>.run"] == CALLS
    assert counts["serve_forever"] == 0


async def test_request_takes_one_step_and_the_async_with_form_two(
        autojump_clock: trio.testing.MockClock) -> None:
    """``BoundSocket.request`` makes the same call as ``async with`` plus ``send_nowait``
    and ``receive_all``, without the scheduler pass of entering the call."""
    async def client_calls(sock: rx.BoundSocket) -> None:
        for i in range(1, CALLS + 1):
            assert await sock.request(SERVER, SERVICE, b"x" * i) == b"x" * i

    counts = await count_steps(SERVICE, serving(echo_nowait), client_calls)
    assert counts["client_calls"] == CALLS + 1  # + the task's start
    assert counts["serve_forever.<locals>.run"] == CALLS


async def test_operations_are_still_checkpoints(autojump_clock: trio.testing.MockClock) -> None:
    net = SimulatedNetwork()
    seen: list[str] = []

    async def handler(call: rx.Call) -> None:
        with trio.testing.assert_checkpoints():
            data = await call.receive_all()  # already here: yields all the same
        with trio.testing.assert_checkpoints():
            await call.send_all(data)
        seen.append("handler")

    async with rx.open_endpoint(SERVER, network=net, rng=random.Random(1)) as server, \
            rx.open_endpoint(("10.0.0.2", 0), network=net, rng=random.Random(2)) as client:
        ssock = server.socket()
        ssock.listen([SERVICE])
        csock = client.socket()
        async with trio.open_nursery() as nursery:
            await nursery.start(ssock.serve, handler)
            call = csock.call(SERVER, SERVICE)
            with trio.testing.assert_checkpoints():
                await call.__aenter__()
            with trio.testing.assert_checkpoints():
                await call.send_all(b"hello")
            with trio.testing.assert_checkpoints():
                assert await call.receive_all() == b"hello"
            await call.__aexit__(None, None, None)
            with trio.testing.assert_checkpoints():
                assert await csock.request(SERVER, SERVICE, b"again") == b"again"
            nursery.cancel_scope.cancel()
    assert seen == ["handler", "handler"]


async def test_cancelled_receive_that_ends_the_request_aborts_nothing_it_should_not(
        autojump_clock: trio.testing.MockClock) -> None:
    """A receive cancelled before it starts neither ends the request nor aborts the call."""
    net = SimulatedNetwork()
    async with rx.open_endpoint(SERVER, network=net, rng=random.Random(1)) as server, \
            rx.open_endpoint(("10.0.0.2", 0), network=net, rng=random.Random(2)) as client:
        ssock = server.socket()
        ssock.listen([SERVICE])
        csock = client.socket()
        async with trio.open_nursery() as nursery:
            await nursery.start(ssock.serve, echo)
            async with csock.call(SERVER, SERVICE) as call:
                await call.send_all(b"abc")
                with trio.CancelScope() as scope:
                    scope.cancel()
                    await call.receive_all()
                assert call.state is rx.CallState.CLIENT_SEND_REQUEST
                assert await call.receive_all() == b"abc"
            nursery.cancel_scope.cancel()


async def test_serve_queues_calls_while_its_scope_is_cancelled(
        autojump_clock: trio.testing.MockClock) -> None:
    """A call arriving while serve() is being cancelled waits in the accept queue (no handler
    is started for it), and the next accept() takes it."""
    net = SimulatedNetwork()
    started: list[rx.Call] = []
    first_started = trio.Event()
    release = trio.Event()

    async def slow(call: rx.Call) -> None:
        started.append(call)
        first_started.set()
        await call.receive_all()
        with trio.CancelScope(shield=True):
            await release.wait()  # keeps serve() inside its nursery, being cancelled

    async with rx.open_endpoint(SERVER, network=net, rng=random.Random(1)) as server, \
            rx.open_endpoint(("10.0.0.2", 0), network=net, rng=random.Random(2)) as client:
        ssock = server.socket()
        ssock.listen([SERVICE])
        csock = client.socket()
        async with trio.open_nursery() as outer:
            serving = trio.CancelScope()

            async def run_serve() -> None:
                with serving:
                    await ssock.serve(slow)

            outer.start_soon(run_serve)
            first = csock.call(SERVER, SERVICE)
            await first.__aenter__()
            await first.send_all(b"1")
            await first.send_eof()
            await first_started.wait()
            serving.cancel()
            await trio.sleep(0.1)
            async with csock.call(SERVER, SERVICE) as second:
                await second.send_all(b"2")
                await second.send_eof()
                await trio.sleep(1)
                assert len(started) == 1  # not started: queued instead
                accepted = await ssock.accept()
                async with accepted:
                    assert await accepted.receive_all() == b"2"
                    await accepted.send_all(b"two")
                assert await second.receive_all() == b"two"
            release.set()
            with pytest.raises(rx.CallError):
                await first.receive_all()  # its handler was cancelled: the call aborted
            first.abort()
            await first.__aexit__(None, None, None)
