"""Admission of client calls: at most ``max_calls_per_bundle`` live calls per bundle, the
rest waiting in order, over real UDP sockets on loopback."""

from __future__ import annotations

from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

import pytest
import trio
import trio.testing

import trio_rxrpc as rx

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from trio_rxrpc._proto.connection import Address

LOOPBACK = "127.0.0.1"
SERVICE = 1234
OTHER_SERVICE = 1235


class Gate:
    """Server handlers that hold their calls until ``open`` is set, counting them."""

    def __init__(self) -> None:
        self.open = trio.Event()
        self.live = 0
        self.most_live = 0
        self.served = 0

    async def handler(self, call: rx.Call) -> None:
        self.live += 1
        self.most_live = max(self.most_live, self.live)
        try:
            request = await call.receive_all(max_size=64)
            if call.service_id == SERVICE:
                await self.open.wait()
            await call.send_all(request[::-1])
            await call.send_eof()
            self.served += 1
        finally:
            self.live -= 1


@asynccontextmanager
async def gated_server(gate: Gate) -> AsyncIterator[rx.Endpoint]:
    async with rx.open_endpoint((LOOPBACK, 0)) as ep, trio.open_nursery() as nursery:
        sock = ep.socket()
        sock.listen([SERVICE, OTHER_SERVICE], backlog=256)
        await nursery.start(sock.serve, gate.handler)
        yield ep
        nursery.cancel_scope.cancel()


async def echo(sock: rx.BoundSocket, address: Address, payload: bytes, *,
               service: int = SERVICE, exclusive: bool = False, whole: bool = False) -> bytes:
    """One call; with ``whole``, made with ``request()`` (which waits with its request)."""
    if whole:
        return await sock.request(address, service, payload, exclusive=exclusive)
    async with sock.call(address, service, exclusive=exclusive) as call:
        await call.send_all(payload)
        await call.send_eof()
        return await call.receive_all()


ASYNC_WITH_OR_REQUEST = pytest.mark.parametrize("whole", [False, True],
                                                ids=["async-with", "request"])


def assert_no_admission_left(ep: rx.Endpoint) -> None:
    stats = ep.statistics()
    assert stats.admission_waiting == 0
    assert stats.calls_live == 0
    assert not ep._admission._queues
    assert not ep._core.watched_bundles
    assert not ep._core.bundle_calls


def test_config_checks_the_cap() -> None:
    assert rx.EndpointConfig().max_calls_per_bundle == 256
    assert rx.EndpointConfig(max_calls_per_bundle=None).max_calls_per_bundle is None
    with pytest.raises(ValueError, match="at least 1"):
        rx.EndpointConfig(max_calls_per_bundle=0)
    with pytest.raises(TypeError):
        rx.EndpointConfig(max_calls_per_bundle=2.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        rx.EndpointConfig(max_calls_per_bundle=True)


async def test_100_calls_with_a_cap_of_8_run_8_at_a_time_in_order() -> None:
    count, cap = 100, 8
    gate = Gate()
    admitted: list[int] = []
    most_live_client = 0
    async with gated_server(gate) as server, rx.open_endpoint(
            (LOOPBACK, 0), config=rx.EndpointConfig(max_calls_per_bundle=cap)) as client_ep:
        client = client_ep.socket()
        replies: list[bytes | None] = [None] * count

        async def one(i: int) -> None:
            nonlocal most_live_client
            async with client.call(server.address, SERVICE) as call:
                admitted.append(i)
                # First come, first served: every call still waiting came after this one.
                # (Calls woken together may run in any order, so this is what shows it.)
                assert client_ep.statistics().admission_waiting <= count - 1 - i
                most_live_client = max(most_live_client, client_ep.statistics().calls_live)
                await call.send_all(b"call %d" % i)
                await call.send_eof()
                replies[i] = await call.receive_all()

        with trio.fail_after(30):
            async with trio.open_nursery() as nursery:
                for i in range(count):
                    nursery.start_soon(one, i)
                    await trio.testing.wait_all_tasks_blocked()
                stats = client_ep.statistics()
                assert stats.admission_waiting == count - cap
                assert stats.admission_waited == count - cap
                assert gate.live == cap
                gate.open.set()
        assert replies == [(b"call %d" % i)[::-1] for i in range(count)]
        assert sorted(admitted) == list(range(count))
        assert admitted[:cap] == list(range(cap))
        assert gate.most_live == cap
        assert most_live_client == cap
        assert client_ep.statistics().admission_waited == count - cap
        assert client_ep.statistics().client_connections == cap // 4
        assert_no_admission_left(client_ep)


@ASYNC_WITH_OR_REQUEST
async def test_a_cancelled_waiting_call_leaves_the_queue_cleanly(whole: bool) -> None:
    gate = Gate()
    async with gated_server(gate) as server, rx.open_endpoint(
            (LOOPBACK, 0), config=rx.EndpointConfig(max_calls_per_bundle=2)) as client_ep:
        client = client_ep.socket()
        results: dict[str, bytes] = {}
        cancelled: list[str] = []

        async def one(name: str, scope: trio.CancelScope) -> None:
            with scope:
                results[name] = await echo(client, server.address, name.encode(),
                                           whole=whole)
            if scope.cancelled_caught:
                cancelled.append(name)

        scopes = {name: trio.CancelScope() for name in ("a", "b", "c", "d", "e")}
        with trio.fail_after(30):
            async with trio.open_nursery() as nursery:
                for name, scope in scopes.items():
                    nursery.start_soon(one, name, scope)
                    await trio.testing.wait_all_tasks_blocked()
                assert client_ep.statistics().admission_waiting == 3
                sent = client_ep.statistics().datagrams_sent
                scopes["c"].cancel()
                scopes["e"].cancel()
                await trio.testing.wait_all_tasks_blocked()
                assert sorted(cancelled) == ["c", "e"]
                assert client_ep.statistics().admission_waiting == 1
                assert client_ep.statistics().datagrams_sent == sent  # nothing for them
                assert client.statistics().calls == 3  # their user IDs are free again
                gate.open.set()
        assert results == {name: name.encode()[::-1] for name in ("a", "b", "d")}
        assert gate.served == 3
        assert client_ep.statistics().calls_started == 3
        assert_no_admission_left(client_ep)


async def test_aborting_a_waiting_call_ends_its_wait() -> None:
    gate = Gate()
    async with gated_server(gate) as server, rx.open_endpoint(
            (LOOPBACK, 0), config=rx.EndpointConfig(max_calls_per_bundle=1)) as client_ep:
        client = client_ep.socket()
        held = client.call(server.address, SERVICE)
        waiting = client.call(server.address, SERVICE)
        outcome: list[BaseException] = []

        async def wait_for_admission() -> None:
            try:
                async with waiting:
                    pass
            except trio.ClosedResourceError as exc:
                outcome.append(exc)

        with trio.fail_after(30):
            async with held, trio.open_nursery() as nursery:
                await held.send_all(b"x")
                nursery.start_soon(wait_for_admission)
                await trio.testing.wait_all_tasks_blocked()
                assert client_ep.statistics().admission_waiting == 1
                waiting.abort()
                await trio.testing.wait_all_tasks_blocked()
                assert len(outcome) == 1
                assert client_ep.statistics().admission_waiting == 0
                held.abort()
        assert_no_admission_left(client_ep)


async def test_other_bundles_are_not_held_up_by_a_full_one() -> None:
    gate = Gate()
    async with gated_server(gate) as server, rx.open_endpoint(
            (LOOPBACK, 0), config=rx.EndpointConfig(max_calls_per_bundle=1)) as client_ep:
        client = client_ep.socket()
        with trio.fail_after(30):
            async with trio.open_nursery() as nursery:
                nursery.start_soon(echo, client, server.address, b"held")
                await trio.testing.wait_all_tasks_blocked()
                nursery.start_soon(echo, client, server.address, b"waits")
                await trio.testing.wait_all_tasks_blocked()
                assert client_ep.statistics().admission_waiting == 1
                # Another service is another bundle; so is an exclusive call.
                assert await echo(client, server.address, b"other",
                                  service=OTHER_SERVICE) == b"rehto"
                assert await echo(client, server.address, b"own", exclusive=True,
                                  service=OTHER_SERVICE) == b"nwo"
                assert client_ep.statistics().admission_waited == 1
                gate.open.set()
        assert_no_admission_left(client_ep)


@ASYNC_WITH_OR_REQUEST
async def test_closing_the_endpoint_wakes_waiting_calls(whole: bool) -> None:
    gate = Gate()
    outcome: list[BaseException] = []
    async with gated_server(gate) as server:
        with trio.fail_after(30):
            async with trio.open_nursery() as nursery, rx.open_endpoint(
                    (LOOPBACK, 0), config=rx.EndpointConfig(max_calls_per_bundle=1)) as client_ep:
                client = client_ep.socket()

                async def one(payload: bytes) -> None:
                    try:
                        await echo(client, server.address, payload, whole=whole)
                    except (trio.ClosedResourceError, rx.CallError) as exc:
                        outcome.append(exc)

                nursery.start_soon(one, b"held")
                await trio.testing.wait_all_tasks_blocked()
                nursery.start_soon(one, b"waits")
                await trio.testing.wait_all_tasks_blocked()
                assert client_ep.statistics().admission_waiting == 1
        gate.open.set()
    assert len(outcome) == 2


# ------------------------------------------------------- whole calls: request()


class Holder:
    """Server handlers that answer at once, except a request starting with ``hold``, which
    waits until :meth:`release` of its payload; the requests in the order they arrived, and
    the abort codes of calls that failed."""

    def __init__(self) -> None:
        self.arrived: list[bytes] = []
        self.failed: dict[bytes, int | None] = {}
        self._release: dict[bytes, trio.Event] = {}

    def release(self, payload: bytes) -> None:
        self._release.setdefault(payload, trio.Event()).set()

    async def handler(self, call: rx.Call) -> None:
        request = await call.receive_all(max_size=1 << 21)
        self.arrived.append(request[:16])
        try:
            if request.startswith(b"hold"):
                await self._release.setdefault(request, trio.Event()).wait()
                await call.send_all(b"ok")  # (fails if the client has aborted the call)
            else:
                await call.send_all(request[::-1])
            await call.send_eof()
        except rx.CallError as exc:
            self.failed[request] = exc.abort_code


def quick_reverse(call: rx.Call, request: bytes) -> bytes:
    return request[::-1]


@asynccontextmanager
async def holding_server(holder: Holder, *, quick: bool = False,
                         ) -> AsyncIterator[rx.Endpoint]:
    async with rx.open_endpoint((LOOPBACK, 0)) as ep, trio.open_nursery() as nursery:
        sock = ep.socket()
        sock.listen([SERVICE], backlog=256)
        await nursery.start(lambda task_status: sock.serve(
            holder.handler, quick=quick_reverse if quick else None, task_status=task_status))
        yield ep
        nursery.cancel_scope.cancel()


class StepCounter(trio.abc.Instrument):
    """Task steps per task."""

    def __init__(self) -> None:
        self.steps: dict[trio.lowlevel.Task, int] = {}

    def before_task_step(self, task: trio.lowlevel.Task) -> None:
        self.steps[task] = self.steps.get(task, 0) + 1


async def test_waiting_requests_are_started_in_order_by_the_pump() -> None:
    holder = Holder()
    async with holding_server(holder) as server, rx.open_endpoint(
            (LOOPBACK, 0), config=rx.EndpointConfig(max_calls_per_bundle=1)) as client_ep:
        client = client_ep.socket()
        replies: dict[bytes, bytes] = {}

        async def one(payload: bytes) -> None:
            replies[payload] = await client.request(server.address, SERVICE, payload)

        names = [b"hold %d" % i for i in range(5)]
        with trio.fail_after(30):
            async with trio.open_nursery() as nursery:
                for name in names:
                    nursery.start_soon(one, name)
                    await trio.testing.wait_all_tasks_blocked()
                assert client_ep.statistics().admission_waiting == 4
                assert client.statistics().calls == 5  # each waiting one holds its user ID
                for i, name in enumerate(names):
                    assert holder.arrived == names[:i + 1]  # one at a time, first come first
                    holder.release(name)
                    await trio.testing.wait_all_tasks_blocked()
                    assert replies.keys() == set(names[:i + 1])
        assert replies == dict.fromkeys(names, b"ok")
        assert client_ep.statistics().admission_waited == 4
        assert_no_admission_left(client_ep)


async def test_a_request_admitted_later_takes_no_more_task_steps() -> None:
    # The pump that frees a slot starts the next request's call and sends its request: its
    # task is not woken for that, only by the reply.
    holder = Holder()
    counter = StepCounter()
    async with holding_server(holder, quick=True) as server, rx.open_endpoint(
            (LOOPBACK, 0), config=rx.EndpointConfig(max_calls_per_bundle=2)) as client_ep:
        client = client_ep.socket()
        tasks: list[trio.lowlevel.Task] = []
        replies: list[bytes] = []

        async def one(payload: bytes) -> None:
            tasks.append(trio.lowlevel.current_task())
            replies.append(await client.request(server.address, SERVICE, payload))

        with trio.fail_after(30):
            await client.request(server.address, SERVICE, b"warm")  # (the connection)
            trio.lowlevel.add_instrument(counter)
            try:
                async with trio.open_nursery() as nursery:
                    for i in range(20):
                        nursery.start_soon(one, b"%02d" % i)
            finally:
                trio.lowlevel.remove_instrument(counter)
        assert sorted(replies) == sorted((b"%02d" % i)[::-1] for i in range(20))
        assert client_ep.statistics().admission_waited == 18
        steps = [counter.steps[task] for task in tasks]
        assert steps == [2] * 20, steps  # to its first wait, and after its reply
        assert_no_admission_left(client_ep)


async def test_cancelling_a_request_the_pump_started_aborts_its_call() -> None:
    holder = Holder()
    async with holding_server(holder) as server, rx.open_endpoint(
            (LOOPBACK, 0), config=rx.EndpointConfig(max_calls_per_bundle=1)) as client_ep:
        client = client_ep.socket()
        scope = trio.CancelScope()
        outcome: list[object] = []

        async def second() -> None:
            with scope:
                outcome.append(await client.request(server.address, SERVICE, b"hold second"))
            outcome.append(scope.cancelled_caught)

        with trio.fail_after(30):
            async with trio.open_nursery() as nursery:
                nursery.start_soon(client.request, server.address, SERVICE, b"hold first")
                await trio.testing.wait_all_tasks_blocked()
                nursery.start_soon(second)
                await trio.testing.wait_all_tasks_blocked()
                assert client_ep.statistics().admission_waiting == 1
                holder.release(b"hold first")
                await trio.testing.wait_all_tasks_blocked()
                # The pump started the second call and sent its request; its task still waits.
                assert holder.arrived == [b"hold first", b"hold second"]
                assert client_ep.statistics().admission_waiting == 0
                assert outcome == []
                scope.cancel()
                await trio.testing.wait_all_tasks_blocked()
                assert outcome == [True]
                assert client.statistics().calls == 0
                holder.release(b"hold second")
                await trio.testing.wait_all_tasks_blocked()
        assert holder.failed == {b"hold second": rx.AbortCode.RX_USER_ABORT}
        assert_no_admission_left(client_ep)


async def test_a_waiting_request_too_big_for_the_window_is_sent_by_its_task() -> None:
    holder = Holder()
    big = bytes(range(256)) * 4096  # 1 MiB: far more than a new call's send window
    async with holding_server(holder) as server, rx.open_endpoint(
            (LOOPBACK, 0), config=rx.EndpointConfig(max_calls_per_bundle=1)) as client_ep:
        client = client_ep.socket()
        replies: list[bytes] = []

        async def one(payload: bytes) -> None:
            replies.append(await client.request(server.address, SERVICE, payload,
                                                max_size=len(big)))

        with trio.fail_after(30):
            async with trio.open_nursery() as nursery:
                nursery.start_soon(one, b"hold first")
                await trio.testing.wait_all_tasks_blocked()
                nursery.start_soon(one, big)
                await trio.testing.wait_all_tasks_blocked()
                assert client_ep.statistics().admission_waiting == 1
                holder.release(b"hold first")
        assert replies == [b"ok", big[::-1]]
        assert_no_admission_left(client_ep)


async def test_closing_the_socket_ends_a_waiting_request() -> None:
    holder = Holder()
    async with holding_server(holder) as server, rx.open_endpoint(
            (LOOPBACK, 0), config=rx.EndpointConfig(max_calls_per_bundle=1)) as client_ep:
        client = client_ep.socket()
        outcome: dict[bytes, BaseException] = {}

        async def one(payload: bytes) -> None:
            try:
                await client.request(server.address, SERVICE, payload)
            except (trio.ClosedResourceError, rx.CallError) as exc:
                outcome[payload] = exc

        with trio.fail_after(30):
            async with trio.open_nursery() as nursery:
                nursery.start_soon(one, b"hold first")
                await trio.testing.wait_all_tasks_blocked()
                nursery.start_soon(one, b"hold second")
                await trio.testing.wait_all_tasks_blocked()
                client.close()
        assert isinstance(outcome[b"hold second"], trio.ClosedResourceError)
        assert holder.arrived == [b"hold first"]  # the waiting one sent nothing
        assert client_ep.statistics().admission_waiting == 0
