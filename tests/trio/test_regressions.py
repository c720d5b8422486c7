"""Regression tests for what a new user and a hostile peer found (one test per finding).

Each of these failed before the hardening: a peer killing ``serve()``, a trickling client
holding a handler forever, BUSY failing calls within a second, part-filled packets never
sent, arguments accepted and failing later deep inside the endpoint, and trio's conventions
(resource errors, async context managers, ``statistics()``, logging) missing.
"""

from __future__ import annotations

import logging
import math
import random
import socket
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

import attrs
import pytest
import trio
import trio.testing

import trio_rxrpc as rx
from trio_rxrpc.testing import SimulatedNetwork

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Awaitable, Callable

SERVICE = 1234
SERVER = ("10.0.0.1", 7000)


@asynccontextmanager
async def serving(handler: Callable[[rx.Call], Awaitable[object]], *,
                  network: SimulatedNetwork | None = None, address: tuple[str, int] = SERVER,
                  config: rx.EndpointConfig | None = None,
                  backlog: int = 16) -> AsyncIterator[rx.Endpoint]:
    async with rx.open_endpoint(address, network=network, config=config,
                                rng=random.Random(3)) as ep, ep.socket() as sock:
        sock.listen([SERVICE], backlog=backlog)
        async with trio.open_nursery() as nursery:
            await nursery.start(sock.serve, handler)
            yield ep
            nursery.cancel_scope.cancel()


async def limited_echo(call: rx.Call) -> None:
    request = await call.receive_all(max_size=256)
    await call.send_all(request)


# ------------------------------------------------------------------ 1. one client, one call


async def test_oversized_request_aborts_only_its_call(
        autojump_clock: trio.testing.MockClock) -> None:
    net = SimulatedNetwork(seed=1, delay=0.001)
    with trio.fail_after(30):
        async with serving(limited_echo, network=net) as sep, rx.open_endpoint(
                ("10.0.0.2", 0), network=net) as cep:
            client = cep.socket()
            with pytest.raises(rx.RemoteAbort) as info:
                async with client.call(sep.address, SERVICE) as call:
                    await call.send_all(b"x" * 1000)
                    await call.receive_all()
            assert info.value.abort_code == rx.AbortCode.RXGEN_SS_UNMARSHAL
            # serve() is still serving.
            async with client.call(sep.address, SERVICE) as call:
                await call.send_all(b"fits")
                assert await call.receive_all() == b"fits"
            assert sep.statistics().aborts_sent[rx.AbortCode.RXGEN_SS_UNMARSHAL] == 1


async def test_data_too_large_names_itself(autojump_clock: trio.testing.MockClock) -> None:
    net = SimulatedNetwork(seed=2, delay=0.001)
    seen: list[BaseException] = []

    async def handler(call: rx.Call) -> None:
        try:
            await call.receive_all(max_size=10)
        except rx.DataTooLarge as exc:
            seen.append(exc)
            raise

    with trio.fail_after(30):
        async with serving(handler, network=net) as sep, rx.open_endpoint(
                ("10.0.0.2", 0), network=net) as cep:
            with pytest.raises(rx.RemoteAbort):
                async with cep.socket().call(sep.address, SERVICE) as call:
                    await call.send_all(b"y" * 11)
                    await call.receive_all()
    [exc] = seen
    assert isinstance(exc, rx.LocalAbort)
    assert exc.abort_code == rx.AbortCode.RXGEN_SS_UNMARSHAL


# ------------------------------------------------------------------ 3. idle timeout


async def test_trickling_client_is_cut_off(autojump_clock: trio.testing.MockClock) -> None:
    """One byte a second, pushed out each time: less than a packet's worth of progress in
    the idle timeout, so the server aborts the call with RX_CALL_TIMEOUT."""
    net = SimulatedNetwork(seed=3, delay=0.001)
    outcome: list[BaseException] = []

    async def handler(call: rx.Call) -> None:
        try:
            await call.receive_all()
        except rx.CallError as exc:
            outcome.append(exc)
            raise

    config = rx.EndpointConfig(server_idle_timeout=20.0)
    with trio.fail_after(600):
        async with serving(handler, network=net, config=config) as sep, rx.open_endpoint(
                ("10.0.0.2", 0), network=net) as cep:
            start = trio.current_time()
            with pytest.raises(rx.RemoteAbort) as info:
                async with cep.socket().call(sep.address, SERVICE) as call:
                    for _ in range(3600):
                        await call.send_all(b"x")
                        call.flush()
                        await trio.sleep(1)
            elapsed = trio.current_time() - start
    assert info.value.abort_code == rx.AbortCode.RX_CALL_TIMEOUT
    assert 20.0 <= elapsed <= 41.0, elapsed
    [exc] = outcome
    assert isinstance(exc, rx.CallTimeout)
    assert "idle" in str(exc)


async def test_client_that_only_answers_pings_is_cut_off(
        autojump_clock: trio.testing.MockClock) -> None:
    net = SimulatedNetwork(seed=4, delay=0.001)
    failed_at: list[float] = []

    async def handler(call: rx.Call) -> None:
        try:
            await call.receive_all()
        except rx.CallTimeout:
            failed_at.append(trio.current_time())
            raise

    with trio.fail_after(600):
        async with serving(handler, network=net) as sep, rx.open_endpoint(
                ("10.0.0.2", 0), network=net) as cep:
            start = trio.current_time()
            with pytest.raises(rx.RemoteAbort) as info:
                async with cep.socket().call(sep.address, SERVICE) as call:
                    await call.send_all(b"x")
                    call.flush()
                    await trio.sleep(120)  # the endpoint still answers the server's pings
                    assert call.completion is rx.Completion.REMOTELY_ABORTED
            assert sep.statistics().timeouts == 1
    assert info.value.abort_code == rx.AbortCode.RX_CALL_TIMEOUT
    # The default idle timeout frees the call within a minute.
    [when] = failed_at
    assert when - start <= 60.0


async def test_client_idle_timeout_and_set_timeouts(
        autojump_clock: trio.testing.MockClock) -> None:
    net = SimulatedNetwork(seed=5, delay=0.001)

    async def slow(call: rx.Call) -> None:
        await call.receive_all()
        await trio.sleep(100)
        await call.send_all(b"late")

    with trio.fail_after(600):
        async with serving(slow, network=net) as sep, rx.open_endpoint(
                ("10.0.0.2", 0), network=net) as cep:
            client = cep.socket()
            with pytest.raises(rx.CallTimeout):
                async with client.call(sep.address, SERVICE, idle_timeout=5.0) as call:
                    await call.send_eof()
                    await call.receive_all()
            # Without one, the client waits as long as the server computes.
            async with client.call(sep.address, SERVICE) as call:
                await call.send_eof()
                assert await call.receive_all() == b"late"
            # set_timeouts changes a live call: a hard limit from now.
            start = trio.current_time()
            with pytest.raises(rx.CallTimeout):
                async with client.call(sep.address, SERVICE) as call:
                    await call.send_eof()
                    call.set_timeouts(hard=7.0)
                    await call.receive_all()
            assert trio.current_time() - start == pytest.approx(7.0, abs=0.1)


# ------------------------------------------------------------------ 4. BUSY


async def test_busy_is_retried_until_served(autojump_clock: trio.testing.MockClock) -> None:
    """A burst far past the backlog: every call is served in the end, none fails on BUSY."""
    net = SimulatedNetwork(seed=6, delay=0.001)

    async def echo(call: rx.Call) -> None:
        await call.send_all(await call.receive_all())

    with trio.fail_after(600):
        async with serving(echo, network=net, backlog=4) as sep, rx.open_endpoint(
                ("10.0.0.2", 0), network=net) as cep:
            client = cep.socket()
            replies: dict[int, bytes] = {}

            async def one(i: int) -> None:
                async with client.call(sep.address, SERVICE) as call:
                    await call.send_all(b"%d" % i)
                    replies[i] = await call.receive_all()

            async with trio.open_nursery() as nursery:
                for i in range(400):
                    nursery.start_soon(one, i)
            assert replies == {i: b"%d" % i for i in range(400)}
            assert cep.statistics().busy_received > 0
            assert sep.statistics().busy_sent == cep.statistics().busy_received


# ------------------------------------------------------------------ 5. flushing


async def test_flush_and_the_delayed_push(autojump_clock: trio.testing.MockClock) -> None:
    net = SimulatedNetwork(seed=7, delay=0.001)
    arrivals: list[tuple[bytes, float]] = []

    async def record(call: rx.Call) -> None:
        while data := await call.receive_some():
            arrivals.append((data, trio.current_time()))

    config = rx.EndpointConfig(flush_delay=0.5)
    with trio.fail_after(60):
        async with serving(record, network=net) as sep, rx.open_endpoint(
                ("10.0.0.2", 0), network=net, config=config) as cep, cep.socket().call(
                sep.address, SERVICE) as call:
            start = trio.current_time()
            await call.send_all(b"a")
            call.flush()  # at once
            await trio.sleep(2)
            await call.send_all(b"b")  # by itself after flush_delay
            await trio.sleep(2)
    (a, at_a), (b, at_b) = arrivals
    assert (a, b) == (b"a", b"b")
    assert at_a - start < 0.1
    assert at_b - (start + 2) == pytest.approx(0.5 + 0.001, abs=0.01)


async def test_unended_reply_is_delivered_whole(autojump_clock: trio.testing.MockClock) -> None:
    net = SimulatedNetwork(seed=8, delay=0.001)

    async def stream_then_wait(call: rx.Call) -> None:
        await call.receive_all()
        await call.send_all(bytes(65536))
        await trio.sleep(5)
        await call.send_eof()

    with trio.fail_after(60):
        async with serving(stream_then_wait, network=net) as sep, rx.open_endpoint(
                ("10.0.0.2", 0), network=net) as cep, cep.socket().call(
                sep.address, SERVICE) as call:
            await call.send_eof()
            got = 0
            with trio.move_on_after(4):  # before the server ends its reply
                while got < 65536:
                    got += len(await call.receive_some())
            assert got == 65536
            assert await call.receive_some() == b""


# ------------------------------------------------------------------ 6. arguments


async def test_arguments_are_checked_where_given() -> None:
    async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
        sock = ep.socket()
        with pytest.raises(TypeError, match=r"\('127.0.0.1', 7100\)"):
            sock.call("127.0.0.1:7100", SERVICE)  # type: ignore[arg-type]
        for port in (70000, -1, 0):
            with pytest.raises(ValueError, match="port"):
                sock.call(("127.0.0.1", port), SERVICE)
        with pytest.raises(TypeError, match="port"):
            sock.call(("127.0.0.1", "7100"), SERVICE)  # type: ignore[arg-type]
        for service in (0, 65536):
            with pytest.raises(ValueError, match="service_id"):
                sock.call(("127.0.0.1", 7100), service)
        with pytest.raises(TypeError, match="service_id"):
            sock.call(("127.0.0.1", 7100), "1234")  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="timeout"):
            sock.call(("127.0.0.1", 7100), SERVICE, timeout=-1)
        with pytest.raises(TypeError, match="hashable"):
            sock.call(("127.0.0.1", 7100), SERVICE, user_id=[1])  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="backlog"):
            sock.listen([SERVICE], backlog=0)
        with pytest.raises(ValueError, match="service_id"):
            sock.listen([0])
        with pytest.raises(TypeError):
            sock.listen(SERVICE)  # type: ignore[arg-type]
        # Nothing was registered by the failed calls: the endpoint is unharmed.
        assert sock.statistics().calls == 0
        assert ep.statistics().send_errors == 0
    with pytest.raises(ValueError, match="port"):
        async with rx.open_endpoint(("127.0.0.1", 70000)):
            pass
    with pytest.raises(TypeError):
        async with rx.open_endpoint("127.0.0.1:0"):  # type: ignore[arg-type]
            pass
    with pytest.raises(ValueError, match="server_idle_timeout"):
        rx.EndpointConfig(server_idle_timeout=0)
    with pytest.raises(TypeError):
        rx.EndpointConfig(max_connections=1.5)  # type: ignore[arg-type]


async def test_abort_code_is_checked() -> None:
    async with rx.open_endpoint(("127.0.0.1", 0)) as sep, rx.open_endpoint(
            ("127.0.0.1", 0)) as cep:
        server = sep.socket()
        server.listen([SERVICE])
        async with cep.socket().call(sep.address[:2], SERVICE) as call:
            await call.send_all(b"x")
            with pytest.raises(ValueError, match="0"):
                call.abort(0)
            with pytest.raises(ValueError, match="abort code"):
                call.abort(1 << 40)
            with pytest.raises(TypeError):
                call.abort("-6")  # type: ignore[arg-type]
            call.abort(7)
            with pytest.raises(trio.ClosedResourceError):
                await call.send_all(b"after abort")


# ------------------------------------------------------------------ 7. trio's conventions


async def test_socket_is_an_async_context_manager() -> None:
    async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
        async with ep.socket() as sock:
            sock.listen([SERVICE])
            assert not sock.statistics().closed
        assert sock.statistics().closed
        with pytest.raises(trio.ClosedResourceError):
            sock.listen([SERVICE + 1])
        with pytest.raises(trio.ClosedResourceError):
            await sock.accept()


async def test_statistics_are_frozen_snapshots() -> None:
    async with rx.open_endpoint(("127.0.0.1", 0)) as sep, rx.open_endpoint(
            ("127.0.0.1", 0)) as cep:
        server = sep.socket()
        server.listen([SERVICE], backlog=3)
        client = cep.socket()
        before = cep.statistics()
        async with client.call(sep.address[:2], SERVICE) as call:
            await call.send_all(b"hello")
            await call.send_eof()
            accepted = await server.accept()
            async with accepted:
                assert await accepted.receive_all() == b"hello"
                await accepted.send_all(b"world")
                server_call = accepted.statistics()
            assert await call.receive_all() == b"world"
            client_call = call.statistics()
        after = cep.statistics()
        assert before.datagrams_sent == 0
        assert after.datagrams_sent >= 1
        assert after.bytes_sent > 0
        assert after.calls_started == 1
        assert after.datagrams_received == sum(after.taken.values()) + sum(
            after.dropped.values())
        assert (client_call.bytes_sent, client_call.bytes_received) == (5, 5)
        assert client_call.is_client
        assert not server_call.is_client
        assert client_call.completion is rx.Completion.SUCCEEDED
        sock_stats = server.statistics()
        assert (sock_stats.service_ids, sock_stats.backlog) == (frozenset({SERVICE}), 3)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            after.datagrams_sent = 0  # type: ignore[misc]
        with pytest.raises(TypeError):
            after.taken["data"] = 0  # type: ignore[index]
        assert not hasattr(sep, "core"), "tools use statistics(), not the protocol core"


async def test_logging_is_rate_limited(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="trio_rxrpc")
    async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as garbage:
            for burst in range(3):
                for _ in range(100):
                    garbage.sendto(b"\xff" * 40, ep.address[:2])
                    garbage.sendto(b"short", ep.address[:2])
                while ep.statistics().datagrams_received < 200 * (burst + 1):  # noqa: ASYNC110
                    await trio.sleep(0.01)  # (counters have no event to wait on)
                await trio.sleep(1.1)  # past the reporter's once-a-second check
        stats = ep.statistics()
        assert stats.dropped["short"] == 300
        assert stats.dropped["unknown_type"] == 300
    records = [r for r in caplog.records if r.name == "trio_rxrpc" and "dropped" in r.message]
    assert len(records) == 1, [r.message for r in records]  # one per ten seconds at most
    assert "short 100" in records[0].message
    assert "unknown_type 100" in records[0].message


async def test_library_is_silent_by_default() -> None:
    logger = logging.getLogger("trio_rxrpc")
    assert any(isinstance(h, logging.NullHandler) for h in logger.handlers)


async def test_set_timeouts_turns_the_idle_timeout_off(
        autojump_clock: trio.testing.MockClock) -> None:
    """A handler that expects a slow client lifts the idle timeout for its call."""
    net = SimulatedNetwork(seed=9, delay=0.001)

    async def patient(call: rx.Call) -> None:
        call.set_timeouts(idle=math.inf)
        with pytest.raises(ValueError, match="normal"):
            call.set_timeouts(normal=math.inf)
        await call.send_all(await call.receive_all())

    config = rx.EndpointConfig(server_idle_timeout=5.0)
    with trio.fail_after(600):
        async with serving(patient, network=net, config=config) as sep, rx.open_endpoint(
                ("10.0.0.2", 0), network=net) as cep, cep.socket().call(
                sep.address, SERVICE) as call:
            for _ in range(30):  # a byte every second, far less than the idle timeout wants
                await call.send_all(b"x")
                call.flush()
                await trio.sleep(1)
            await call.send_eof()
            assert await call.receive_all() == b"x" * 30


async def test_a_refused_call_leaves_no_connection(
        autojump_clock: trio.testing.MockClock) -> None:
    """Calls answered BUSY (a full accept queue) or ABORT (an unknown service) create no
    connection or peer record on the server: nothing they leave can fill its tables."""
    net = SimulatedNetwork(seed=10, delay=0.001)
    with trio.fail_after(120):
        async with rx.open_endpoint(SERVER, network=net) as sep:
            server = sep.socket()
            server.listen([SERVICE], backlog=1)
            async with rx.open_endpoint(("10.0.0.2", 0), network=net) as first_ep, \
                    first_ep.socket().call(sep.address, SERVICE) as first:
                await first.send_all(b"queued, never accepted")
                await first.send_eof()
                await trio.sleep(0.5)
                assert sep.statistics().server_connections == 1
                for i in range(20):
                    async with rx.open_endpoint((f"10.0.1.{i + 1}", 0), network=net) as ep:
                        with pytest.raises(rx.ServerBusy):
                            async with ep.socket().call(sep.address, SERVICE,
                                                        timeout=1.0) as call:
                                await call.send_all(b"refused")
                                await call.receive_all()
                        with pytest.raises(rx.RemoteAbort):
                            async with ep.socket().call(sep.address, SERVICE + 1) as call:
                                await call.send_all(b"nobody serves this")
                                await call.receive_all()
                stats = sep.statistics()
                assert stats.dropped["backlog_full"] >= 20
                assert stats.dropped["unknown_service"] == 20
                assert stats.server_connections == 1
                assert stats.peers == 1
                first.abort()


async def test_a_reply_before_our_last_packet_ends_the_request() -> None:
    """OpenAFS's servers start replying as soon as they have read the arguments; a request
    that went out ahead of its LAST packet (held back, then flushed) still gets its reply."""
    from trio_rxrpc._proto.wire import HEADER, LAST_PACKET, PacketType

    with trio.fail_after(10):
        server = trio.socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        await server.bind(("127.0.0.1", 0))
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep, \
                ep.socket().call(server.getsockname(), 9) as call:
            await call.send_all(b"args")
            call.flush()  # the request's data goes out without LAST_PACKET
            while True:
                data, source = await server.recvfrom(2048)
                fields = HEADER.unpack_from(data)
                if fields[5] == PacketType.DATA:
                    break
            epoch, cid, number, _seq, _serial, _type, flags = fields[:7]
            assert not flags & LAST_PACKET
            assert data[HEADER.size:] == b"args"
            reply = HEADER.pack(epoch, cid, number, 1, 1, PacketType.DATA, LAST_PACKET,
                                0, 0, 0, 9) + b"result"
            await server.sendto(reply, source)
            # The reply is taken in before the application ends its request.
            while call.statistics().packets_received == 0:  # noqa: ASYNC110
                await trio.sleep(0.01)
            assert await call.receive_all() == b"result"
            await call.send_eof()  # the request already ended: nothing more to send
        server.close()
