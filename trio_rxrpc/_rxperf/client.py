"""The rxperf client: what every call of a run sends and expects, and one call."""

from __future__ import annotations

import struct
from typing import TYPE_CHECKING

import attrs

from .. import _soon
from .._errors import DataTooLarge
from .._proto.codes import AbortCode

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .._call import Call
    from .._endpoint import Endpoint
    from .._socket import BoundSocket
    from ..security import ClientSecurity
from .protocol import (
    COOKIE_BYTES,
    DIALECTS,
    OP_FILE,
    OP_RECV,
    OP_RPC,
    OP_SEND,
    REQUEST_HEADER,
    SERVICE,
    SMALL_REQUEST,
    VERSION,
    WORD,
    Payload,
    PayloadMismatch,
    Progress,
    Reader,
    zero_payload,
)

# -------------------------------------------------------------------------------- client


@attrs.frozen
class Plan:
    """What every call of a client run sends and expects."""

    op: int
    request: bytes
    """The header words, plus the whole request payload when it is small."""
    stream_out: int
    """Request payload bytes streamed after ``request``."""
    size_out: int
    size_in: int
    file_words: tuple[int, ...] = ()
    trailer: bytes = b""
    """Sent after the streamed payload, or when a FILE call stops sending: the end cookie in
    the ``linux`` dialect (when the request is small, it ends ``request`` instead)."""

    @classmethod
    def create(cls, op: int, *, size: int, request_size: int, reply_size: int,
               rsize: int, wsize: int, payload: Payload,
               file_words: Sequence[int] = (), dialect: str = "openafs") -> Plan:
        """Lay out the request of ``op`` with the sizes the command line gave, in ``dialect``
        (one of :data:`~.protocol.DIALECTS`).

        Raises:
            ValueError: an unknown dialect.
        """
        if dialect not in DIALECTS:
            raise ValueError(f"unknown rxperf dialect {dialect!r}, not one of {DIALECTS}")
        cookie = COOKIE_BYTES if dialect == "linux" else b""
        head = REQUEST_HEADER.pack(VERSION, op, rsize, wsize)
        if op == OP_SEND:
            head, out, into = head + WORD.pack(size), size, 0
        elif op == OP_RECV:
            head, out, into = head + WORD.pack(size), 0, size
        elif op == OP_RPC:
            head += struct.pack(">ii", request_size, reply_size)
            out, into = request_size, reply_size
        else:
            words = tuple(file_words)
            head += struct.pack(f">I{len(words)}I", len(words), *words)
            return cls(op, head, 0, 0, 0, words, cookie)
        if out <= SMALL_REQUEST:
            return cls(op, head + payload.block[:out] + cookie, 0, out, into)
        return cls(op, head, out, out, into, trailer=cookie)


SMALL_REPLY_LIMIT = SMALL_REQUEST + 2 * len(COOKIE_BYTES)
"""The most a small reply (one of at most :data:`SMALL_REQUEST` payload bytes) is read
whole up to; a longer one is refused as a reply longer than requested."""


class CallFailed(Exception):
    """A call's reply broke the rxperf rules (the call is aborted if it still runs)."""


async def client_call(sock: BoundSocket, address: tuple[str, int], plan: Plan,
                      payload: Payload, *, security: ClientSecurity | None,
                      dead_after: float, progress: Progress | None = None) -> int:
    """Make one rxperf call; return the payload bytes it moved (both ways).

    ``progress`` is told of the payload bytes as they go out and come in.

    Raises:
        CallFailed: the reply was short, long, or had a wrong cookie or pattern.
        RxRPCError: the call failed (abort, busy, dead peer...).
    """
    whole = plan.op != OP_FILE and not plan.stream_out and not plan.trailer
    if progress is not None and whole and plan.size_out:
        progress(plan.size_out)  # sent with the request header
    if whole and plan.size_in <= SMALL_REQUEST:
        # Small both ways: the whole call in one operation, whose only scheduler pass is
        # the wait for the reply.  One past the limit aborts the call.
        try:
            reply = await sock.request(address, SERVICE, plan.request, security=security,
                                       timeout=dead_after, max_size=SMALL_REPLY_LIMIT)
        except DataTooLarge:
            raise CallFailed("the reply is longer than requested") from None
        await _check_reply(Reader.of(reply), None, plan, payload, progress)
        return plan.size_out + plan.size_in
    async with sock.call(address, SERVICE, security=security, timeout=dead_after) as call:
        # A request that is all in its first write ends with it, so its last packet leaves
        # at once.  The window has room: no scheduler pass.
        await _soon.send(call, plan.request, eof=whole)
        if plan.op == OP_FILE:
            return await _client_file(call, plan, progress)
        if not whole and progress is not None and plan.size_out > plan.stream_out:
            progress(plan.size_out - plan.stream_out)  # sent with the request header
        if plan.stream_out:
            await payload.send(call, plan.stream_out, progress)
        if plan.trailer:
            await call.send_all(plan.trailer)
        reader = Reader(call)  # its first receive ends the request (as send_eof would)
        if plan.size_in <= SMALL_REQUEST and not await reader.read_whole(SMALL_REPLY_LIMIT):
            # A small reply is read whole, in one go; one past the limit aborted the call.
            raise CallFailed("the reply is longer than requested")
        await _check_reply(reader, call, plan, payload, progress)
    return plan.size_out + plan.size_in


async def _check_reply(reader: Reader, call: Call | None, plan: Plan, payload: Payload,
                       progress: Progress | None) -> None:
    """Read the reply (payload, then the end cookie, then its end) and check it; a bad one
    aborts ``call`` if it is still running.

    Raises:
        CallFailed: the reply was short, long, or had a wrong cookie or pattern.
    """
    try:
        if not await reader.consume(plan.size_in, payload, progress):
            raise CallFailed("the reply is shorter than requested")
    except PayloadMismatch as exc:
        _abort(call)
        raise CallFailed(str(exc)) from None
    cookie = await reader.exact(4)
    if cookie is None:
        raise CallFailed("the reply ended before the end cookie")
    if cookie != COOKIE_BYTES:
        _abort(call)
        raise CallFailed(f"bad end cookie {cookie.hex()}")
    if not await reader.at_end():
        _abort(call)
        raise CallFailed("the reply is longer than requested")


def _abort(call: Call | None) -> None:
    if call is not None:
        call.abort(AbortCode.RX_USER_ABORT)


async def _client_file(call: Call, plan: Plan, progress: Progress | None) -> int:
    payload = zero_payload()  # FILE payloads are never patterned (as crxperf)
    sending = True
    moved = 0
    reader = Reader(call)
    for word in plan.file_words:
        if word == 0:
            if sending and plan.trailer:
                await call.send_all(plan.trailer)
            sending = not sending
        size = word * 4
        if sending:
            await payload.send(call, size, progress)
        elif not await reader.consume(size, payload, progress):
            raise CallFailed("the FILE reply is shorter than its list")
        moved += size
    if sending:
        if plan.trailer:
            await call.send_all(plan.trailer)
        await call.send_eof()
    if not await reader.at_end():
        call.abort(AbortCode.RX_USER_ABORT)
        raise CallFailed("the FILE reply is longer than its list")
    return moved


def rx_stats(ep: Endpoint) -> str:
    """The endpoint's packet counters, as ``key=value`` words (with busy polling's when
    it is on)."""
    stats = ep.statistics()
    words = (f"dgrams_out={stats.datagrams_sent} dgrams_in={stats.datagrams_received} "
             f"acks_out={stats.acks_sent} resent={stats.retransmits} busy_out={stats.busy_sent} "
             f"send_errors={ep.send_errors}")
    if ep.config.busy_poll:
        words += f" busy_polls={stats.busy_polls} busy_poll_hits={stats.busy_poll_hits}"
    return words
