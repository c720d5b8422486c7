"""Split procedures: data streamed through a call between its arguments and its results.

An rxgen ``split`` procedure sends its IN arguments, then lets both sides move data of
their own through the call (a file's contents for AFS ``FetchData``/``StoreData``), and only
then carries the OUT values back.  :class:`SplitStream` is that middle part: a stream with
the call's ``send_all``/``receive_some``/``sendfile``/``splice``, which knows that reading
ends the client's sending phase and that the results follow the streamed data.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Generic, Self, TypeVar

import trio

from .._errors import RemoteAbort
from ._client import decode_reply, typed_abort

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import TracebackType

    from .._call import Call
    from .._filestream import FileLike

__all__ = ["SplitCall", "SplitStream"]

R = TypeVar("R")


class SplitStream:
    """The streamed part of a split call, on either side.

    Reading returns the peer's streamed bytes; on the client it first ends the request, as
    OpenAFS's stubs do when a split call turns from writing to reading.  Bytes that arrived
    with the arguments but belong to the stream are returned first.
    """

    def __init__(self, call: Call, pending: bytes = b"") -> None:
        self.call = call
        self._pending = pending

    async def send_all(self, data: bytes | bytearray | memoryview) -> None:
        """Stream ``data`` to the peer.  Cancellation aborts the call."""
        try:
            await self.call.send_all(data)
        except RemoteAbort as exc:
            raise typed_abort(exc) from None

    async def send_eof(self) -> None:
        """End this side's streamed data (the client's request; the server's reply)."""
        try:
            await self.call.send_eof()
        except RemoteAbort as exc:
            raise typed_abort(exc) from None

    async def sendfile(self, file: FileLike, offset: int = 0, count: int | None = None) -> int:
        """Stream ``count`` bytes of ``file`` from ``offset`` (see :meth:`Call.sendfile`)."""
        try:
            return await self.call.sendfile(file, offset, count)
        except RemoteAbort as exc:
            raise typed_abort(exc) from None

    async def receive_some(self, max_bytes: int | None = None) -> bytes:
        """Up to ``max_bytes`` of the peer's streamed data (``b""`` at its end)."""
        if self._pending:
            n = len(self._pending) if max_bytes is None else max_bytes
            out, self._pending = self._pending[:n], self._pending[n:]
            await trio.lowlevel.checkpoint()
            return out
        try:
            return await self.call.receive_some(max_bytes)
        except RemoteAbort as exc:
            raise typed_abort(exc) from None

    async def receive_exactly(self, count: int) -> bytes:
        """Exactly ``count`` streamed bytes.

        Raises:
            trio.BrokenResourceError: the peer's data ended first (a :class:`CallError`
                when the call failed; otherwise a plain ``BrokenResourceError``).
        """
        parts: list[bytes] = []
        need = count
        while need > 0:
            chunk = await self.receive_some(need)
            if not chunk:
                raise trio.BrokenResourceError(
                    f"the streamed data ended {need} bytes short of {count}")
            parts.append(chunk)
            need -= len(chunk)
        return b"".join(parts)

    async def splice(self, target: FileLike, count: int) -> int:
        """Write exactly ``count`` streamed bytes to a file or descriptor as they arrive.

        Returns ``count``.  The call's own :meth:`~trio_rxrpc.Call.splice` moves the data;
        bytes that came with the arguments are written first.
        """
        written = 0
        if self._pending:
            head, self._pending = self._pending[:count], self._pending[count:]
            fd = target if isinstance(target, int) else target.fileno()
            view = memoryview(head)
            while view:
                n = await trio.to_thread.run_sync(os.write, fd, view)
                view = view[n:]
            written = len(head)
        if written < count:
            try:
                written += await self.call.splice(target, count - written)
            except RemoteAbort as exc:
                raise typed_abort(exc) from None
        return written

    def _take_pending(self) -> bytes:
        out, self._pending = self._pending, b""
        return out


class SplitCall(SplitStream, Generic[R]):
    """A client's split call: ``async with client.Proc(...) as stream``.

    Entering sends the arguments; then stream data with the :class:`SplitStream` methods;
    :meth:`finish` returns the OUT values.  Leaving the block without :meth:`finish`
    (by an exception or cancellation) aborts the call.
    """

    def __init__(self, call: Call, request: bytes, decode: Callable[[bytes], R],
                 what: str) -> None:
        super().__init__(call)
        self._request = request
        self._decode = decode
        self._what = what

    async def __aenter__(self) -> Self:
        await self.call.__aenter__()
        try:
            await self.call.send_all(self._request)
        except RemoteAbort as exc:
            await self.call.__aexit__(type(exc), exc, exc.__traceback__)
            raise typed_abort(exc) from None
        except BaseException as exc:
            await self.call.__aexit__(type(exc), exc, exc.__traceback__)
            raise
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None,
                        exc: BaseException | None, tb: TracebackType | None) -> bool | None:
        try:
            await self.call.__aexit__(exc_type, exc, tb)
        except RemoteAbort as failure:
            raise typed_abort(failure) from None
        return None

    async def finish(self) -> R:
        """End the request if still open, read the rest of the reply, return the OUT values.

        Streamed data not yet read counts as the start of the results, so read the stream to
        the length the procedure defines before finishing.  Cancellation aborts the call.

        Raises:
            RPCError: the server failed the call with a code of the interface.
            CallError: the call failed otherwise.
        """
        try:
            rest = await self.call.receive_all()
        except RemoteAbort as exc:
            raise typed_abort(exc) from None
        reply = self._take_pending() + rest
        return decode_reply(self.call, self._decode, reply, self._what)
