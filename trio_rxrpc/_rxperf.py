"""The rxperf benchmark: its protocol, the server's calls and the client's calls.

The command line (``trio-rxrpc rxperf server|client``, its options and output lines) is in
:mod:`._rxperf_cli`.

rxperf is the benchmark that OpenAFS and the Linux kernel both speak: Rx service 147, default
UDP port 7009, one operation per call.  A request starts with four big-endian 32-bit words
(version 3, the operation, and the client's read and write chunk sizes, which are only hints),
then the operation's own words:

=========  ===================================  ====================================
operation  request after the 16-byte block      reply
=========  ===================================  ====================================
SEND (0)   ``N``, then N payload bytes          the end cookie ``00 00 47 11``
RECV (1)   ``N``                                N payload bytes, then the cookie
RPC (3)    ``Q``, ``P``, then Q payload bytes   P payload bytes, then the cookie
FILE (4)   ``K``, then K words                  (a scripted transfer, no cookie)
=========  ===================================  ====================================

The server is strict the way the Linux server and crxperf are: a version other than 3 is
aborted with ``RX_USER_ABORT`` (-6), an unknown operation with ``RXGEN_OPCODE`` (-455), and a
request shorter or longer than it declared with ``RXGEN_SS_UNMARSHAL`` (-453).  The client
checks the end cookie and that nothing follows it.

Payloads are streamed: one zero (or, with ``--verify``, pattern) buffer is made once and sent
over and over, and received data is counted (and checked) as it arrives, so a 64 MiB
transfer never builds a 64 MiB object.  The ``--verify`` pattern is crxperf's ``-V``: the
byte at payload offset ``i`` is ``i % 251``, per call and per direction.
"""

from __future__ import annotations

import functools
import resource
import struct
from collections.abc import Callable
from typing import TYPE_CHECKING, Final, TextIO

import attrs
import trio

from ._errors import RxRPCError
from ._proto.codes import AbortCode, format_abort_code
from .security import (
    Level,
    RxkadClientSecurity,
    RxkadServerSecurity,
    caller_identity,
    forge_localauth_token,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ._call import Call
    from ._endpoint import Endpoint
    from ._socket import BoundSocket
    from .security import ClientSecurity, ServerSecurity

NAME: Final = "rxperf"
SUMMARY: Final = "the rxperf benchmark (OpenAFS / Linux / crxperf compatible): server or client"

PORT: Final = 7009
SERVICE: Final = 147
VERSION: Final = 3
OP_SEND: Final = 0
OP_RECV: Final = 1
OP_RPC: Final = 3
OP_FILE: Final = 4
COOKIE: Final = 0x00004711
COOKIE_BYTES: Final = COOKIE.to_bytes(4, "big")
CHUNK_MAX: Final = 512 * 1024
"""The largest rsize/wsize an OpenAFS server accepts (and the default both clients send)."""
FILE_LIST_MAX: Final = 1 << 20
"""Most words of a FILE list we accept (crxperf's bound)."""
MAX_LENGTH: Final = 0x7FFFFFFF
"""Lengths are signed 32-bit on the wire."""

OP_NAMES: Final = {OP_SEND: "send", OP_RECV: "recv", OP_RPC: "rpc", OP_FILE: "file"}
OP_CODES: Final = {name: op for op, name in OP_NAMES.items()}
LEVELS: Final = {"null": -1, "clear": 0, "auth": 1, "crypt": 2}
"""rxkad levels by name (-1: rxnull, no rxkad)."""

_PERIOD: Final = 251
_BLOCK: Final = _PERIOD * 2048
"""Bytes per send: 514048, a multiple of the pattern period, so every full block that starts
at a multiple of it carries the same bytes and one buffer serves every send."""
_SMALL_REQUEST: Final = 64 * 1024
"""Payloads up to this size go out in one write with the request header or the reply's end
cookie."""

Progress = Callable[[int], None]
"""Told how many payload bytes a call just moved (for a progress display)."""

_WORD = struct.Struct(">i")
_HEADER = struct.Struct(">iiii")
_TICKET_LIFETIME: Final = 8 * 3600


# ---------------------------------------------------------------------------- payloads


def parse_size(text: str) -> int:
    """Parse a byte count like crxperf does: ``123``, ``0x10``, ``64k``, ``16M``, ``1G``.

    Suffixes are binary (k = 1024).

    Raises:
        ValueError: not a non-negative count.
    """
    body = text.strip()
    scale = 1
    if body and body[-1] in "kKmMgG":
        scale = 1 << {"k": 10, "m": 20, "g": 30}[body[-1].lower()]
        body = body[:-1]
    try:
        value = int(body, 0)
    except ValueError:
        raise ValueError(f"not a byte count: {text!r}") from None
    if value < 0:
        raise ValueError(f"not a byte count: {text!r}")
    return value * scale


@attrs.frozen
class Payload:
    """The bytes a side sends, and the check of the bytes it receives.

    ``block`` is built once: zeros, or the pattern from phase 0 when ``verify`` is set.
    """

    verify: bool
    block: bytes = attrs.field(repr=False)
    _pattern: bytes = attrs.field(repr=False)

    @classmethod
    def create(cls, *, verify: bool) -> Payload:
        """Build the shared send buffer (and, with ``verify``, the reference pattern)."""
        if not verify:
            return cls(False, bytes(_BLOCK), b"")
        period = bytes(range(_PERIOD))
        pattern = period * (_BLOCK // _PERIOD + 1)
        return cls(True, pattern[:_BLOCK], pattern)

    async def send(self, call: Call, total: int, progress: Progress | None = None) -> None:
        """Send ``total`` payload bytes on ``call`` (more of the current phase).

        ``progress`` is told the size of each block once ``call`` has taken it.
        """
        block = self.block
        sent = 0
        while total - sent >= _BLOCK:
            await call.send_all(block)
            sent += _BLOCK
            if progress is not None:
                progress(_BLOCK)
        if sent < total:
            await call.send_all(memoryview(block)[:total - sent])
            if progress is not None:
                progress(total - sent)

    def matches(self, data: bytes, start: int, length: int, offset: int) -> bool:
        """Whether ``data[start:start+length]`` is the payload at ``offset`` (always, unless
        ``verify``)."""
        if not self.verify:
            return True
        pattern = self._pattern
        done = 0
        while done < length:
            phase = (offset + done) % _PERIOD
            piece = min(length - done, _BLOCK)
            if data[start + done:start + done + piece] != pattern[phase:phase + piece]:
                return False
            done += piece
        return True


@functools.cache
def zero_payload() -> Payload:
    """The shared zero payload (for FILE, which crxperf never patterns)."""
    return Payload.create(verify=False)


class PayloadMismatch(Exception):
    """Received payload bytes differ from the ``--verify`` pattern."""


class Reader:
    """Reads one phase of a call: exact-size words, counted payload, and the end check.

    Data is taken with :meth:`Call.receive_some` as it arrives; what a read did not need is
    kept for the next one.
    """

    def __init__(self, call: Call) -> None:
        self._call = call
        self._data = b""
        self._pos = 0

    async def _fill(self) -> bool:
        data = await self._call.receive_some()
        self._data = data
        self._pos = 0
        return bool(data)

    async def exact(self, size: int) -> bytes | None:
        """The next ``size`` bytes, or ``None`` if the phase ends first."""
        pos = self._pos
        if len(self._data) - pos >= size:
            self._pos = pos + size
            return self._data[pos:pos + size]
        parts = [self._data[pos:]]
        got = len(parts[0])
        while got < size:
            if not await self._fill():
                return None
            take = min(size - got, len(self._data))
            parts.append(self._data[:take])
            self._pos = take
            got += take
        return b"".join(parts)

    async def word(self) -> int | None:
        """The next signed big-endian 32-bit word, or ``None`` at the end of the phase."""
        raw = await self.exact(4)
        return None if raw is None else int(_WORD.unpack(raw)[0])

    async def consume(self, total: int, payload: Payload,
                      progress: Progress | None = None) -> bool:
        """Take ``total`` payload bytes, checking them against ``payload``.

        Returns ``False`` if the phase ends first.  ``progress`` is told the size of each
        piece taken.

        Raises:
            PayloadMismatch: a byte differs from the ``--verify`` pattern.
        """
        offset = 0
        while offset < total:
            avail = len(self._data) - self._pos
            if not avail:
                if not await self._fill():
                    return False
                continue
            take = min(avail, total - offset)
            if not payload.matches(self._data, self._pos, take, offset):
                raise PayloadMismatch(f"payload differs from the pattern near offset {offset}")
            self._pos += take
            offset += take
            if progress is not None:
                progress(take)
        return True

    async def at_end(self) -> bool:
        """Whether the phase ends here (waits for the peer's last packet)."""
        if self._pos < len(self._data):
            return False
        return not await self._fill()


# ------------------------------------------------------------------------------ security


def odd_parity(key: bytes) -> bytes:
    """``key`` with each byte's low bit set for odd parity, as crxperf does with ``-k``.

    DES and fcrypt ignore those bits, so this changes nothing on the wire; it only lets keys
    typed without parity through the weak/parity check.
    """
    return bytes((b & 0xFE) | (bin(b & 0xFE).count("1") + 1) % 2 for b in key)


def client_security(level: int, key: bytes | None, kvno: int) -> ClientSecurity | None:
    """The security for client calls at ``level`` (``None``: rxnull).

    For rxkad a ticket is forged with the server's ``key``, as OpenAFS ``-localauth`` does,
    but with an ordinary 8-hour lifetime (as crxperf), which Linux servers accept too.

    Raises:
        ValueError: an rxkad level without a key, or a weak key.
    """
    if level < 0:
        return None
    if key is None:
        raise ValueError("an rxkad level needs --key (the server's DES key)")
    token = forge_localauth_token(odd_parity(key), kvno, lifetime=_TICKET_LIFETIME)
    return RxkadClientSecurity(token, Level(level))


def server_securities(key: bytes | None, kvno: int | None) -> list[ServerSecurity]:
    """rxkad (any level) for ``key`` next to rxnull; none without a key: rxnull only."""
    if key is None:
        return []
    return [RxkadServerSecurity(odd_parity(key), kvno=kvno, min_level=Level.CLEAR)]


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

    def line(self) -> str:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        ops = " ".join(f"{name}={self.by_op[op]}" for op, name in OP_NAMES.items())
        levels = " ".join(f"sec_{name}={count}" for name, count in self.by_level.items())
        return (f"SERVER calls={self.calls} failed={self.failed} {ops} {levels} "
                f"bytes_in={self.bytes_in} bytes_out={self.bytes_out} "
                f"cpu_user={usage.ru_utime:.3f} cpu_sys={usage.ru_stime:.3f}")


async def serve_request(call: Call, payload: Payload) -> tuple[int, int, int]:
    """Serve one rxperf call; return ``(operation, bytes in, bytes out)``.

    Raises:
        Reject: the request is malformed (the caller aborts with its code).
        PayloadMismatch: ``--verify`` found a wrong byte.
    """
    reader = Reader(call)
    block = await reader.exact(_HEADER.size)
    if block is None:
        raise Reject(AbortCode.RXGEN_SS_UNMARSHAL, "request shorter than its header")
    version, op, _rsize, _wsize = _HEADER.unpack(block)
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
    if not await reader.at_end():
        raise Reject(AbortCode.RXGEN_SS_UNMARSHAL, "request longer than declared")
    if size_out <= _SMALL_REQUEST:  # one write: fewer trips through the endpoint
        await call.send_all(payload.block[:size_out] + COOKIE_BYTES)
    else:
        await payload.send(call, size_out)
        await call.send_all(COOKIE_BYTES)
    await call.send_eof()
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
            if not reading and not await reader.at_end():
                raise Reject(AbortCode.RXGEN_SS_UNMARSHAL, "request continues past its part")
        size = word * 4
        if reading:
            if not await reader.consume(size, payload):
                raise Reject(AbortCode.RXGEN_SS_UNMARSHAL, "FILE data shorter than its list")
            size_in += size
        else:
            await payload.send(call, size)
            size_out += size
    if reading and not await reader.at_end():
        raise Reject(AbortCode.RXGEN_SS_UNMARSHAL, "request longer than its FILE list")
    await call.send_eof()
    return OP_FILE, size_in, size_out


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
        """Accept and serve calls until cancelled, or until ``count`` calls were taken."""
        async with trio.open_nursery() as nursery:
            task_status.started()
            taken = 0
            while self.count is None or taken < self.count:
                call = await self.sock.accept()
                taken += 1
                nursery.start_soon(self.handle, call)

    async def handle(self, call: Call) -> None:
        """Serve one accepted call and account for it."""
        stats = self.stats
        peer = call.peer
        result: tuple[int, int, int] | None = None
        try:
            async with call:
                try:
                    result = await serve_request(call, self.payload)
                except Reject as exc:
                    stats.rejected[exc.code] = stats.rejected.get(exc.code, 0) + 1
                    self._note(f"aborted a call from {peer} with {format_abort_code(exc.code)}: "
                               f"{exc}")
                    call.abort(exc.code)
                except PayloadMismatch as exc:
                    self._note(f"aborted a call from {peer}: {exc}")
                    call.abort(AbortCode.RXGEN_SS_UNMARSHAL)
        except RxRPCError as exc:
            if result is not None:
                self._note(f"a call from {peer} failed: {exc}")
            result = None
        stats.calls += 1
        identity = caller_identity(call)
        stats.by_level["null" if identity is None else identity.level.name.lower()] += 1
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


async def _drain(ep: Endpoint, limit: float) -> None:
    """Wait (up to ``limit`` seconds) until the endpoint has no live calls left."""
    with trio.move_on_after(limit):
        # There is no event for "no live calls"; a short poll at shutdown is enough.
        while ep.statistics().calls_live:  # noqa: ASYNC110
            await trio.sleep(0.01)


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

    @classmethod
    def create(cls, op: int, *, size: int, request_size: int, reply_size: int,
               rsize: int, wsize: int, payload: Payload,
               file_words: Sequence[int] = ()) -> Plan:
        """Lay out the request of ``op`` with the sizes the command line gave."""
        head = _HEADER.pack(VERSION, op, rsize, wsize)
        if op == OP_SEND:
            head, out, into = head + _WORD.pack(size), size, 0
        elif op == OP_RECV:
            head, out, into = head + _WORD.pack(size), 0, size
        elif op == OP_RPC:
            head += struct.pack(">ii", request_size, reply_size)
            out, into = request_size, reply_size
        else:
            words = tuple(file_words)
            head += struct.pack(f">I{len(words)}I", len(words), *words)
            return cls(op, head, 0, 0, 0, words)
        if out <= _SMALL_REQUEST:
            return cls(op, head + payload.block[:out], 0, out, into)
        return cls(op, head, out, out, into)


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
    async with sock.call(address, SERVICE, security=security, timeout=dead_after) as call:
        await call.send_all(plan.request)
        if plan.op == OP_FILE:
            return await _client_file(call, plan, progress)
        if progress is not None and plan.size_out > plan.stream_out:
            progress(plan.size_out - plan.stream_out)  # sent with the request header
        if plan.stream_out:
            await payload.send(call, plan.stream_out, progress)
        await call.send_eof()
        reader = Reader(call)
        try:
            if not await reader.consume(plan.size_in, payload, progress):
                raise CallFailed("the reply is shorter than requested")
        except PayloadMismatch as exc:
            call.abort(AbortCode.RX_USER_ABORT)
            raise CallFailed(str(exc)) from None
        cookie = await reader.exact(4)
        if cookie is None:
            raise CallFailed("the reply ended before the end cookie")
        if cookie != COOKIE_BYTES:
            call.abort(AbortCode.RX_USER_ABORT)
            raise CallFailed(f"bad end cookie {cookie.hex()}")
        if not await reader.at_end():
            call.abort(AbortCode.RX_USER_ABORT)
            raise CallFailed("the reply is longer than requested")
    return plan.size_out + plan.size_in


async def _client_file(call: Call, plan: Plan, progress: Progress | None) -> int:
    payload = zero_payload()  # FILE payloads are never patterned (as crxperf)
    sending = True
    moved = 0
    reader = Reader(call)
    for word in plan.file_words:
        if word == 0:
            sending = not sending
        size = word * 4
        if sending:
            await payload.send(call, size, progress)
        elif not await reader.consume(size, payload, progress):
            raise CallFailed("the FILE reply is shorter than its list")
        moved += size
    if sending:
        await call.send_eof()
    if not await reader.at_end():
        call.abort(AbortCode.RX_USER_ABORT)
        raise CallFailed("the FILE reply is longer than its list")
    return moved


def rx_stats(ep: Endpoint) -> str:
    """The endpoint's packet counters, as ``key=value`` words."""
    stats = ep.statistics()
    return (f"dgrams_out={stats.datagrams_sent} dgrams_in={stats.datagrams_received} "
            f"acks_out={stats.acks_sent} resent={stats.retransmits} busy_out={stats.busy_sent} "
            f"send_errors={ep.send_errors}")
