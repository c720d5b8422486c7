"""The rxperf server: serving one call, and a server that serves until stopped."""

from __future__ import annotations

import resource
import struct
from typing import TYPE_CHECKING, TextIO

import attrs
import trio

from .. import _soon
from .._errors import RxRPCError
from .._proto.call import Completion
from .._proto.codes import AbortCode, format_abort_code
from ..security import (
    caller_identity,
)

if TYPE_CHECKING:

    from .._call import Call
    from .._endpoint import Endpoint
    from .._socket import BoundSocket
from .protocol import (
    COOKIE_BYTES,
    FILE_LIST_MAX,
    LEVELS,
    OP_FILE,
    OP_NAMES,
    OP_RECV,
    OP_RPC,
    OP_SEND,
    REQUEST_HEADER,
    SMALL_REQUEST,
    VERSION,
    Payload,
    PayloadMismatch,
    Reader,
    zero_payload,
)

_SUCCEEDED = Completion.SUCCEEDED
_LEVEL_NAMES = ("clear", "auth", "crypt")
"""rxkad's and rxgk's levels by number, as the per-level counts name them."""

# -------------------------------------------------------------------------------- server


class Reject(Exception):
    """The request is bad: abort the call with ``code``."""

    def __init__(self, code: int, why: str) -> None:
        super().__init__(why)
        self.code = code


@attrs.define
class ServerStats:
    """What a server has served (printed as its ``SERVER`` line on the way out)."""

    calls: int = 0
    failed: int = 0
    by_op: dict[int, int] = attrs.Factory(lambda: dict.fromkeys(OP_NAMES, 0))
    bytes_in: int = 0
    bytes_out: int = 0
    rejected: dict[int, int] = attrs.Factory(dict)
    """Calls we aborted, by abort code."""
    by_level: dict[str, int] = attrs.Factory(lambda: dict.fromkeys(LEVELS, 0))
    """Calls by the security they really ran at (``null`` or an rxkad level)."""
    quick: int = 0
    """Calls answered by :meth:`Server.quick`, with no task."""

    def line(self) -> str:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        ops = " ".join(f"{name}={self.by_op[op]}" for op, name in OP_NAMES.items())
        levels = " ".join(f"sec_{name}={count}" for name, count in self.by_level.items())
        return (f"SERVER calls={self.calls} failed={self.failed} {ops} {levels} "
                f"bytes_in={self.bytes_in} bytes_out={self.bytes_out} quick={self.quick} "
                f"cpu_user={usage.ru_utime:.3f} cpu_sys={usage.ru_stime:.3f}")


async def serve_request(call: Call, payload: Payload) -> tuple[int, int, int]:
    """Serve one rxperf call; return ``(operation, bytes in, bytes out)``.

    Run it inside ``async with call``: leaving the block ends the reply.

    Raises:
        Reject: the request is malformed (the caller aborts with its code).
        PayloadMismatch: ``--verify`` found a wrong byte.
    """
    reader = Reader(call)
    reader.take_whole()  # a small request has all arrived: read it in one go
    block = await reader.exact(REQUEST_HEADER.size)
    if block is None:
        raise Reject(AbortCode.RXGEN_SS_UNMARSHAL, "request shorter than its header")
    version, op, _rsize, _wsize = REQUEST_HEADER.unpack(block)
    # rsize/wsize only say how the peer chunks its reads and writes: ignored, as Linux does.
    if version != VERSION:
        raise Reject(AbortCode.RX_USER_ABORT, f"version {version}, not {VERSION}")
    if op == OP_FILE:
        return await _serve_file(call, reader)
    size_in: int | None
    size_out: int | None
    if op == OP_SEND:
        size_in, size_out = await reader.word(), 0
    elif op == OP_RECV:
        size_in, size_out = 0, await reader.word()
    elif op == OP_RPC:
        size_in, size_out = await reader.word(), await reader.word()
    else:
        raise Reject(AbortCode.RXGEN_OPCODE, f"unknown operation {op}")
    if size_in is None or size_out is None or size_in < 0 or size_out < 0:
        raise Reject(AbortCode.RXGEN_SS_UNMARSHAL, "bad or missing length words")
    if not await reader.consume(size_in, payload):
        raise Reject(AbortCode.RXGEN_SS_UNMARSHAL, "request shorter than declared")
    if not await reader.at_request_end():
        raise Reject(AbortCode.RXGEN_SS_UNMARSHAL, "request longer than declared")
    if size_out <= SMALL_REQUEST:
        # One write that ends the reply, queued at once if the window has room: its last
        # packet leaves now, not when the caller leaves ``async with call``.
        await _soon.send(call, payload.block[:size_out] + COOKIE_BYTES, eof=True)
    else:
        await payload.send(call, size_out)
        await call.send_all(COOKIE_BYTES)
        # The reply ends when the caller leaves ``async with call`` (no scheduler pass of
        # its own).
    return op, size_in, size_out


async def _serve_file(call: Call, reader: Reader) -> tuple[int, int, int]:
    payload = zero_payload()  # FILE payloads are never patterned (as crxperf)
    count = await reader.word()
    if count is None or not 0 <= count <= FILE_LIST_MAX:
        raise Reject(AbortCode.RXGEN_SS_UNMARSHAL, "bad FILE word count")
    raw = await reader.exact(4 * count)
    if raw is None:
        raise Reject(AbortCode.RXGEN_SS_UNMARSHAL, "FILE list shorter than declared")
    words = struct.unpack(f">{count}I", raw)
    reading = True  # the client sends first
    size_in = size_out = 0
    for word in words:
        if word == 0:
            reading = not reading
            if not reading and not await reader.at_request_end():
                raise Reject(AbortCode.RXGEN_SS_UNMARSHAL, "request continues past its part")
        size = word * 4
        if reading:
            if not await reader.consume(size, payload):
                raise Reject(AbortCode.RXGEN_SS_UNMARSHAL, "FILE data shorter than its list")
            size_in += size
        else:
            await payload.send(call, size)
            size_out += size
    if reading and not await reader.at_request_end():
        raise Reject(AbortCode.RXGEN_SS_UNMARSHAL, "request longer than its FILE list")
    await call.send_eof()
    return OP_FILE, size_in, size_out


_RPC_HEAD = struct.Struct(">iiiiii")
"""An RPC request's header and its two length words."""


class Server:
    """Accepts rxperf calls on a listening socket and serves each in a task of its own."""

    def __init__(self, sock: BoundSocket, payload: Payload, *, count: int | None = None,
                 log: TextIO | None = None) -> None:
        self.sock = sock
        self.payload = payload
        self.count = count
        """Stop accepting after this many calls (``None``: serve until cancelled)."""
        self.stats = ServerStats()
        self.done = trio.Event()
        """Set when ``count`` calls have been served."""
        self._log = log

    async def serve(self, *, task_status: trio.TaskStatus[None] = trio.TASK_STATUS_IGNORED,
                    ) -> None:
        """Accept and serve calls until cancelled, or until ``count`` calls were taken.

        Without a ``count`` this is :meth:`BoundSocket.serve` running :meth:`handle`, so a
        call's handler task starts as the call arrives, and a small RPC whose request has
        all arrived is answered by :meth:`quick` with no task at all.  Cancellation stops
        accepting and aborts the calls being served.
        """
        if self.count is None:
            await self.sock.serve(self.handle, quick=self.quick, task_status=task_status)
        async with trio.open_nursery() as nursery:
            task_status.started()
            taken = 0
            while taken < self.count:
                call = await self.sock.accept()
                taken += 1
                nursery.start_soon(self._enter_and_handle, call)

    async def _enter_and_handle(self, call: Call) -> None:
        try:
            async with call:
                await self.handle(call)
        except RxRPCError:
            pass  # handle() has counted it

    def quick(self, call: Call, request: bytes) -> bytes | None:
        """The reply to a whole, well-formed RPC request of at most 64 KiB each way, at once
        (``BoundSocket.serve``'s ``quick``); ``None`` for anything else, which
        :meth:`handle` then serves (or rejects) as usual."""
        if len(request) < _RPC_HEAD.size:
            return None
        version, op, _rsize, _wsize, size_in, size_out = _RPC_HEAD.unpack_from(request)
        if (version != VERSION or op != OP_RPC or size_in != len(request) - _RPC_HEAD.size
                or not 0 <= size_out <= SMALL_REQUEST
                or not self.payload.matches(request, _RPC_HEAD.size, size_in, 0)):
            return None
        self.stats.quick += 1
        self._count(call, (OP_RPC, size_in, size_out))
        return self.payload.block[:size_out] + COOKIE_BYTES

    async def handle(self, call: Call) -> None:
        """Serve one call inside its ``async with`` (as :meth:`BoundSocket.serve` runs a
        handler) and account for it.  The reply ends when the caller leaves the block."""
        stats = self.stats
        peer = call.peer
        result: tuple[int, int, int] | None = None
        try:
            result = await serve_request(call, self.payload)
        except Reject as exc:
            stats.rejected[exc.code] = stats.rejected.get(exc.code, 0) + 1
            self._note(f"aborted a call from {peer} with {format_abort_code(exc.code)}: {exc}")
            call.abort(exc.code)
        except PayloadMismatch as exc:
            self._note(f"aborted a call from {peer}: {exc}")
            call.abort(AbortCode.RXGEN_SS_UNMARSHAL)
        except RxRPCError:
            pass
        completion = call.completion
        if result is not None and completion is not None and completion is not _SUCCEEDED:
            self._note(f"a call from {peer} failed: {completion.name}, abort code "
                       f"{call.abort_code}")
            result = None
        self._count(call, result)

    def _count(self, call: Call, result: tuple[int, int, int] | None) -> None:
        """Account for one call served: its operation and bytes, or a failure (None)."""
        stats = self.stats
        stats.calls += 1
        identity = caller_identity(call)
        stats.by_level["null" if identity is None else _LEVEL_NAMES[identity.level]] += 1
        if result is None:
            stats.failed += 1
        else:
            op, size_in, size_out = result
            stats.by_op[op] += 1
            stats.bytes_in += size_in
            stats.bytes_out += size_out
        if self.count is not None and stats.calls >= self.count:
            self.done.set()

    def _note(self, text: str) -> None:
        if self._log is not None:
            print(f"rxperf server: {text}", file=self._log, flush=True)


async def drain(ep: Endpoint, limit: float) -> None:
    """Wait (up to ``limit`` seconds) until the endpoint has no live calls left."""
    with trio.move_on_after(limit):
        # There is no event for "no live calls"; a short poll at shutdown is enough.
        while ep.statistics().calls_live:  # noqa: ASYNC110
            await trio.sleep(0.01)
