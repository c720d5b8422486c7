"""A call is a trio HalfCloseableStream, one direction at a time: trio's generic stream checks.

Rx is half-duplex in phases: the client's request, then the server's reply.  So a call is
checked as a one-way stream twice, with trio's own ``check_one_way_stream``: for the request
direction (the client call sends, the server call receives) and for the reply direction (the
server call sends, the client call receives).  The checks run over real UDP on loopback.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

import pytest
import trio
import trio.testing

import trio_rxrpc as rx

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Awaitable, Callable

SERVICE = 4321
Pair = tuple[rx.Call, rx.Call]


@asynccontextmanager
async def endpoints() -> AsyncIterator[tuple[rx.BoundSocket, rx.BoundSocket, rx.Endpoint]]:
    async with rx.open_endpoint(("127.0.0.1", 0)) as sep, rx.open_endpoint(
            ("127.0.0.1", 0)) as cep:
        server = sep.socket()
        server.listen([SERVICE], backlog=16)
        yield server, cep.socket(), sep


async def _request_pair(server: rx.BoundSocket, client: rx.BoundSocket,
                        address: tuple[str, int]) -> Pair:
    """(client call, server call): the request direction, with the call under way."""
    call = client.call(address, SERVICE)
    await call.__aenter__()
    # The server learns of a call from its first packet: send one byte and take it.
    await call.send_all(b"p")
    call.flush()
    accepted = await server.accept()
    assert await accepted.receive_some(1) == b"p"
    return call, accepted


async def _reply_pair(server: rx.BoundSocket, client: rx.BoundSocket,
                      address: tuple[str, int]) -> Pair:
    """(server call, client call): the reply direction, the request read in full."""
    call = client.call(address, SERVICE)
    await call.__aenter__()
    await call.send_all(b"request")
    await call.send_eof()
    accepted = await server.accept()
    assert await accepted.receive_all() == b"request"
    return accepted, call


async def _clog(sender: rx.Call) -> None:
    """Send until the window is full and the receiver (not reading) holds a window too."""
    for _ in range(50):
        space = sender._core.tx_space() if sender._core is not None else 0
        if space:
            await sender.send_all(b"z" * space)
        await trio.sleep(0.05)  # let the window fill at the receiver
        if sender._core is not None and not sender._core.tx_space():
            return
    raise AssertionError("the call never clogged")


def _makers(direction: str, server: rx.BoundSocket, client: rx.BoundSocket,
            address: tuple[str, int]) -> tuple[Callable[[], Awaitable[Pair]],
                                              Callable[[], Awaitable[Pair]]]:
    make = _request_pair if direction == "request" else _reply_pair

    async def stream_maker() -> Pair:
        return await make(server, client, address)

    async def clogged_stream_maker() -> Pair:
        sender, receiver = await make(server, client, address)
        await _clog(sender)
        return sender, receiver

    return stream_maker, clogged_stream_maker


@pytest.mark.parametrize("direction", ["request", "reply"])
async def test_trio_one_way_stream_checks(direction: str) -> None:
    with trio.fail_after(120):
        async with endpoints() as (server, client, sep):
            address = sep.address[:2]
            stream_maker, clogged = _makers(direction, server, client, address)
            await trio.testing.check_one_way_stream(stream_maker, clogged)


async def test_call_is_a_half_closeable_stream() -> None:
    with trio.fail_after(10):
        async with endpoints() as (server, client, sep):
            call = client.call(sep.address[:2], SERVICE)
            assert isinstance(call, trio.abc.HalfCloseableStream)
            assert isinstance(call, trio.abc.Stream)
            async with call:
                await call.send_all(b"hi")
                await call.send_eof()
                accepted = await server.accept()
                assert isinstance(accepted, trio.abc.HalfCloseableStream)
                async with accepted:
                    assert await accepted.receive_all() == b"hi"
                    await accepted.send_all(b"ok")
                assert await call.receive_all() == b"ok"


async def test_sending_out_of_phase() -> None:
    """A server may not reply before the whole request has arrived; after send_eof, sending
    is closed; a failed call is broken (a CallError is a BrokenResourceError)."""
    with trio.fail_after(10):
        async with endpoints() as (server, client, sep):
            async with client.call(sep.address[:2], SERVICE) as call:
                await call.send_all(b"part one")
                call.flush()
                accepted = await server.accept()
                assert await accepted.receive_some() == b"part one"
                with pytest.raises(rx.LocalProtocolError, match="whole request"):
                    await accepted.send_all(b"too early")
                await call.send_eof()
                assert await accepted.receive_some() == b""
                await accepted.send_all(b"reply")
                await accepted.send_eof()
                await accepted.send_eof()  # ending an ended phase again does nothing
                with pytest.raises(trio.ClosedResourceError):
                    await accepted.send_all(b"more")
                with pytest.raises(trio.ClosedResourceError):
                    await call.send_all(b"the request has ended")
                assert await call.receive_all() == b"reply"
            # The call has completed and was closed by leaving the block.
            with pytest.raises(trio.ClosedResourceError):
                await call.send_all(b"x")
            with pytest.raises(trio.ClosedResourceError):
                await call.receive_some()

            async with client.call(sep.address[:2], SERVICE) as call:
                await call.send_eof()
                accepted = await server.accept()
                accepted.abort(42)
                with pytest.raises(rx.RemoteAbort) as info:
                    await call.receive_all()
                assert isinstance(info.value, trio.BrokenResourceError)
                assert info.value.abort_code == 42
                with pytest.raises(trio.ClosedResourceError):
                    await accepted.receive_some()  # abort() closed it here


async def test_concurrent_use_is_busy() -> None:
    with trio.fail_after(10):
        async with endpoints() as (server, client, sep), client.call(
                sep.address[:2], SERVICE) as call:
            await call.send_eof()
            accepted = await server.accept()
            errors: list[BaseException] = []

            async def receive() -> None:
                try:
                    await call.receive_some()
                except trio.BusyResourceError as exc:
                    errors.append(exc)

            async with trio.open_nursery() as nursery:
                nursery.start_soon(receive)
                nursery.start_soon(receive)
                await trio.testing.wait_all_tasks_blocked()
                assert len(errors) == 1, "the second receiver must get BusyResourceError"
                async with accepted:
                    await accepted.receive_all()
                    await accepted.send_all(b"done")


async def test_receive_some_nowait_takes_only_what_has_arrived() -> None:
    with trio.fail_after(10):
        async with endpoints() as (server, client, sep):
            address = sep.address[:2]
            async with client.call(address, SERVICE) as call:
                await call.send_all(b"part one")
                with pytest.raises(trio.WouldBlock):
                    call.receive_some_nowait()  # a client's request is still open
                call.flush()
                accepted = await server.accept()
                assert await accepted.receive_some() == b"part one"
                with pytest.raises(trio.WouldBlock):
                    accepted.receive_some_nowait()  # nothing more yet: no waiting
                with pytest.raises(ValueError, match="at least 1"):
                    accepted.receive_some_nowait(0)
                with pytest.raises(TypeError):
                    accepted.receive_some_nowait(1.5)  # type: ignore[arg-type]
                await call.send_all(b"+two")
                await call.send_eof()
                while True:  # the end arrives with (or right after) the last data
                    try:
                        piece = accepted.receive_some_nowait(2)
                    except trio.WouldBlock:
                        await trio.sleep(0.01)
                        continue
                    if not piece:
                        break
                    assert piece in (b"+t", b"wo")
                assert accepted.receive_some_nowait() == b""  # the end stays the end
                async with accepted:
                    await accepted.send_all(b"reply")
                assert await call.receive_all() == b"reply"
                assert call.receive_some_nowait() == b""


async def test_receive_some_nowait_reports_the_call_ending() -> None:
    with trio.fail_after(10):
        async with endpoints() as (server, client, sep):
            call = client.call(sep.address[:2], SERVICE)
            await call.__aenter__()
            await call.send_eof()
            accepted = await server.accept()
            accepted.abort(77)
            with pytest.raises(trio.ClosedResourceError):
                accepted.receive_some_nowait()  # closed here
            while call.completion is None:
                with pytest.raises(trio.WouldBlock):
                    call.receive_some_nowait()  # nothing yet, and no waiting for it
                await trio.sleep(0.01)
            with pytest.raises(rx.RemoteAbort) as info:
                call.receive_some_nowait()
            assert info.value.abort_code == 77
            await call.__aexit__(None, None, None)


async def test_receive_some_nowait_is_busy_while_another_task_receives() -> None:
    with trio.fail_after(10):
        async with endpoints() as (server, client, sep), client.call(
                sep.address[:2], SERVICE) as call:
            await call.send_eof()
            accepted = await server.accept()
            async with trio.open_nursery() as nursery:
                nursery.start_soon(call.receive_some)
                await trio.testing.wait_all_tasks_blocked()
                with pytest.raises(trio.BusyResourceError):
                    call.receive_some_nowait()
                async with accepted:
                    await accepted.receive_all()
                    await accepted.send_all(b"done")


async def test_send_nowait_takes_all_or_nothing() -> None:
    """A reply that fits the window goes in at once; one that does not is refused whole."""
    with trio.fail_after(10):
        async with endpoints() as (server, client, sep):
            async with client.call(sep.address[:2], SERVICE) as call:
                call.send_nowait(b"req")
                call.send_nowait(memoryview(b"--uest")[2:])  # any buffer of bytes
                call.send_nowait(b"")  # nothing to queue: no error either
                with pytest.raises(TypeError):
                    call.send_nowait("text")  # type: ignore[arg-type]
                accepted = await server.accept()
                with pytest.raises(rx.LocalProtocolError, match="whole request"):
                    accepted.send_nowait(b"too early")  # the request is still open
                await call.send_eof()
                assert await accepted.receive_all() == b"request"
                assert call._core is not None
                assert accepted._core is not None
                room = accepted._core.tx_space()
                with pytest.raises(trio.WouldBlock):
                    accepted.send_nowait(bytes(room + 1))  # more than the window holds
                assert accepted._core.tx_queued_bytes == 0  # and none of it was taken
                buffer = bytearray(b"reply")
                accepted.send_nowait(buffer)
                buffer[:] = b"XXXXX"  # taken (copied) before send_nowait returned
                async with accepted:
                    pass  # leaving ends the reply
                assert await call.receive_all() == b"reply"
                with pytest.raises(trio.ClosedResourceError):
                    call.send_nowait(b"the request has ended")
            with pytest.raises(trio.ClosedResourceError):
                accepted.send_nowait(b"x")  # left: closed


async def test_send_nowait_is_busy_while_another_task_sends() -> None:
    with trio.fail_after(10):
        async with endpoints() as (_server, client, sep):
            call = client.call(sep.address[:2], SERVICE)
            await call.__aenter__()
            await _clog(call)  # the request fills the window: send_all waits
            with trio.CancelScope() as scope:
                async with trio.open_nursery() as nursery:
                    nursery.start_soon(call.send_all, b"more")
                    await trio.testing.wait_all_tasks_blocked()
                    with pytest.raises(trio.BusyResourceError):
                        call.send_nowait(b"x")
                    scope.cancel()  # a send cancelled while it waits aborts the call
            assert call.abort_code == rx.AbortCode.RX_USER_ABORT
            with pytest.raises(trio.ClosedResourceError):
                call.send_nowait(b"x")  # the abort closed it
            await call.__aexit__(None, None, None)


async def test_send_nowait_reports_the_peer_ending_the_call() -> None:
    with trio.fail_after(10):
        async with endpoints() as (server, client, sep):
            call = client.call(sep.address[:2], SERVICE)
            await call.__aenter__()
            call.send_nowait(b"p")
            call.flush()
            accepted = await server.accept()
            accepted.abort(77)
            with pytest.raises(rx.RemoteAbort) as info:  # once the ABORT has arrived
                while True:
                    call.send_nowait(b"x")
                    await trio.sleep(0.01)
            assert info.value.abort_code == 77
            await call.__aexit__(None, None, None)


async def test_receive_all_nowait_takes_the_whole_phase_or_nothing() -> None:
    with trio.fail_after(10):
        async with endpoints() as (server, client, sep), client.call(
                sep.address[:2], SERVICE) as call:
            with pytest.raises(trio.WouldBlock):
                call.receive_all_nowait()  # a client's request is still open
            await call.send_all(b"part one")
            call.flush()
            accepted = await server.accept()  # with the packet of "part one"
            with pytest.raises(trio.WouldBlock):
                accepted.receive_all_nowait()  # the end has not arrived
            with pytest.raises(ValueError, match="negative"):
                accepted.receive_all_nowait(-1)
            with pytest.raises(TypeError):
                accepted.receive_all_nowait(1.5)  # type: ignore[arg-type]
            call.send_nowait(b" and two", eof=True)
            while True:
                try:
                    request = accepted.receive_all_nowait()
                except trio.WouldBlock:  # nothing was taken: all of it comes at once
                    await trio.sleep(0.01)
                    continue
                break
            assert request == b"part one and two"
            assert accepted.receive_all_nowait() == b""  # the end stays the end
            accepted.send_nowait(b"reply", eof=True)
            accepted.send_nowait(b"", eof=True)  # ending an ended phase does nothing
            with pytest.raises(trio.ClosedResourceError):
                accepted.send_nowait(b"more")
            await accepted.aclose()
            assert await call.receive_all() == b"reply"


async def test_receive_all_nowait_refuses_too_much() -> None:
    with trio.fail_after(10):
        async with endpoints() as (server, client, sep):
            call = client.call(sep.address[:2], SERVICE)
            await call.__aenter__()
            call.send_nowait(b"x" * 100, eof=True)
            accepted = await server.accept()
            with pytest.raises(rx.DataTooLarge) as too_large:
                while True:
                    try:
                        accepted.receive_all_nowait(max_size=99)
                    except trio.WouldBlock:
                        await trio.sleep(0.01)  # not all of it yet
            assert too_large.value.abort_code == rx.AbortCode.RXGEN_SS_UNMARSHAL
            with pytest.raises(rx.RemoteAbort) as info:
                await call.receive_all()
            assert info.value.abort_code == rx.AbortCode.RXGEN_SS_UNMARSHAL
            await call.aclose()
