"""The rxperf protocol: its constants, the payloads, reading a request, the security.

See the package's description for the requests and replies.
"""

from __future__ import annotations

import functools
import struct
from collections.abc import Callable
from typing import TYPE_CHECKING, Final

import attrs
import trio

from .. import _soon
from .._errors import DataTooLarge
from ..security import (
    Level,
    RxgkClientSecurity,
    RxgkServerSecurity,
    RxkadClientSecurity,
    RxkadServerSecurity,
    forge_localauth_token,
    forge_rxgk_token,
)

if TYPE_CHECKING:

    from .._call import Call
    from ..security import ClientSecurity, ServerSecurity


PORT: Final = 7009
SERVICE: Final = 147
VERSION: Final = 3
OP_SEND: Final = 0
OP_RECV: Final = 1
OP_RPC: Final = 3
OP_FILE: Final = 4
COOKIE: Final = 0x00004711
COOKIE_BYTES: Final = COOKIE.to_bytes(4, "big")
DIALECTS: Final = ("openafs", "linux")
"""How a client ends its requests: ``openafs`` with the last payload byte (OpenAFS's rxperf
and crxperf), ``linux`` with the end cookie after it (what Linux's in-kernel server wants)."""
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
SMALL_REQUEST: Final = 64 * 1024
"""Payloads up to this size go out in one write with the request header or the reply's end
cookie."""

Progress = Callable[[int], None]
"""Told how many payload bytes a call just moved (for a progress display)."""

WORD = struct.Struct(">i")
REQUEST_HEADER = struct.Struct(">iiii")
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

    Data is taken as it arrives, with no scheduler pass when some has already arrived (the
    library's ``_soon`` reads); what a read did not need is kept for the next one.  A small
    phase can be taken whole first (:meth:`take_whole`, :meth:`read_whole`): the reads then
    come from it without asking the call again.
    """

    def __init__(self, call: Call) -> None:
        self._call = call
        self._data = b""
        self._pos = 0
        self._ended = False

    @classmethod
    def of(cls, data: bytes) -> Reader:
        """A reader of a phase already taken whole (``data``), with no call behind it."""
        reader = cls.__new__(cls)
        reader._data = data
        reader._pos = 0
        reader._ended = True
        return reader

    def take_whole(self) -> bool:
        """Take the rest of the phase now if all of it has arrived (synchronous, never a
        checkpoint); return whether it had.  Nothing is taken otherwise."""
        try:
            data = self._call.receive_all_nowait()
        except trio.WouldBlock:
            return False
        self._keep_whole(data)
        return True

    async def read_whole(self, max_size: int) -> bool:
        """Wait for the rest of the phase and take it, if it is at most ``max_size`` bytes;
        return False, having aborted the call, if it is longer.  Cancellation as
        :meth:`~trio_rxrpc.Call.receive_all`."""
        try:
            data = await _soon.receive_all(self._call, max_size)
        except DataTooLarge:
            return False
        self._keep_whole(data)
        return True

    def _keep_whole(self, data: bytes) -> None:
        self._data = self._data[self._pos:] + data if self._pos < len(self._data) else data
        self._pos = 0
        self._ended = True

    async def _fill(self) -> bool:
        if self._ended:
            return False
        data = await _soon.receive_some(self._call)
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
        return None if raw is None else int(WORD.unpack(raw)[0])

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
        """Whether the phase ends here (waits for the peer's last packet).

        When the end has already arrived this takes no scheduler pass (the reads before it
        were checkpoints), so a small call costs its reader one yield, not two.
        """
        if self._pos < len(self._data):
            return False
        if self._ended:
            return True
        try:
            data = self._call.receive_some_nowait()
        except trio.WouldBlock:
            return not await self._fill()
        self._data = data
        self._pos = 0
        return not data

    async def at_request_end(self) -> bool:
        """Whether the request ends here, in either dialect: right away (OpenAFS's) or after
        the end cookie and nothing more (Linux's).  Returns ``False`` for anything else."""
        if await self.at_end():
            return True
        return await self.exact(len(COOKIE_BYTES)) == COOKIE_BYTES and await self.at_end()


# ------------------------------------------------------------------------------ security


def odd_parity(key: bytes) -> bytes:
    """``key`` with each byte's low bit set for odd parity, as crxperf does with ``-k``.

    DES and fcrypt ignore those bits, so this changes nothing on the wire; it only lets keys
    typed without parity through the weak/parity check.
    """
    return bytes((b & 0xFE) | (bin(b & 0xFE).count("1") + 1) % 2 for b in key)


def client_security(level: int, key: bytes | None, kvno: int, *,
                    rxgk_key: bytes | None = None, enctype: int = 17,
                    dialect: str = "openafs", rxgk_flavour: str = "yfs",
                    ) -> ClientSecurity | None:
    """The security for client calls at ``level`` (``None``: rxnull).

    For rxkad a ticket is forged with the server's ``key``, as OpenAFS ``-localauth`` does,
    but with an ordinary 8-hour lifetime (as crxperf), which Linux servers accept too.  With
    ``rxgk_key`` (an rxgk server key of ``enctype``) an rxgk token for ``level`` is forged
    with it instead, in ``rxgk_flavour``: ``"yfs"`` (index 6) or ``"openafs"`` (index 4); the
    ``linux`` dialect derives enctype-26 keys as Linux does.

    Raises:
        ValueError: a level without a key, a weak key, an rxgk key that does not fit, or a
            level the flavour cannot run with the enctype.
    """
    if level < 0:
        return None
    if rxgk_key is not None:
        rxgk_token = forge_rxgk_token(rxgk_key, enctype, kvno=kvno, level=level,
                                      lifetime=_TICKET_LIFETIME, flavour=rxgk_flavour)
        return RxgkClientSecurity(rxgk_token, camellia256_prf="linux" if dialect == "linux"
                                  else "rfc6803", flavour=rxgk_flavour)
    if key is None:
        raise ValueError("an rxkad level needs --key (the server's DES key)")
    token = forge_localauth_token(odd_parity(key), kvno, lifetime=_TICKET_LIFETIME)
    return RxkadClientSecurity(token, Level(level))


def server_securities(key: bytes | None, kvno: int | None, *, rxgk_key: bytes | None = None,
                      enctype: int = 17, rxgk_flavour: str = "yfs") -> list[ServerSecurity]:
    """rxkad (any level) for ``key`` and rxgk for ``rxgk_key`` (an ``enctype`` key, kvno
    ``kvno`` or 1) next to rxnull; with neither key: rxnull only.  ``rxgk_flavour`` is
    ``"yfs"`` (index 6), ``"openafs"`` (index 4) or ``"both"``.

    Raises:
        ValueError: an rxgk key that does not fit its enctype, or an unknown flavour.
    """
    securities: list[ServerSecurity] = []
    if key is not None:
        securities.append(RxkadServerSecurity(odd_parity(key), kvno=kvno,
                                              min_level=Level.CLEAR))
    if rxgk_key is not None:
        keys = {(1 if kvno is None else kvno, enctype): rxgk_key}
        flavours = ("yfs", "openafs") if rxgk_flavour == "both" else (rxgk_flavour,)
        securities.extend(RxgkServerSecurity(keys, flavour=flavour) for flavour in flavours)
    return securities
