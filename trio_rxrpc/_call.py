"""Call: one Rx call as a trio half-closeable byte stream with an abort.

A call is used inside ``async with``.  Leaving the block normally completes the call
gracefully (the request or reply is ended if it was not, and a client waits for the rest of
the reply); leaving it by an exception, cancellation included, aborts the call at once with
``RX_USER_ABORT`` (-6), and the peer sees the ABORT.  Every blocking method is a checkpoint
and says what cancellation does.
"""

from __future__ import annotations

import os
import stat
from typing import TYPE_CHECKING, Final, Protocol, Self, final

import trio

from ._errors import CallError, LocalProtocolError, error_for_completion
from ._proto.call import CallCore, CallState, Completion
from ._proto.codes import AbortCode

if TYPE_CHECKING:
    from types import TracebackType

    from ._endpoint import Endpoint
    from ._proto.connection import Address
    from ._socket import BoundSocket

UserID = object
"""User call IDs are any hashable value chosen by the application."""

_SEND_CHUNK: Final = 1 << 20
_FILE_BLOCK: Final = 256 * 1024


class _HasFileno(Protocol):
    def fileno(self) -> int: ...


FileLike = int | _HasFileno
"""A file descriptor, or an object with ``fileno()``."""


def _fileno(file: FileLike) -> int:
    return file if isinstance(file, int) else file.fileno()


@final
class Call:
    """One call.  Made by :meth:`BoundSocket.call` or :meth:`BoundSocket.accept`."""

    def __init__(self, *, _endpoint: Endpoint, _socket: BoundSocket, user_id: UserID,
                 core: CallCore | None = None) -> None:
        self._endpoint = _endpoint
        self._socket = _socket
        self._user_id = user_id
        self._core = core
        self._lot = trio.lowlevel.ParkingLot()
        self._sending = False
        self._released = False
        self._aborted_by_user = False
        self._pending_start: tuple[tuple[object, ...], int, dict[str, object]] | None = None
        # Message-API bookkeeping (calls driven by sendmsg/recvmsg rather than this object).
        self._message_mode = False
        self._announced = False
        self._rx_end_reported = False
        if core is not None:
            core.owner = self

    def __repr__(self) -> str:
        state = self._core.state.value if self._core is not None else "NEW"
        return f"<trio_rxrpc.Call user_id={self._user_id!r} {state}>"

    # ------------------------------------------------------------------ identity

    @property
    def user_id(self) -> UserID:
        """This call's user call ID on its socket."""
        return self._user_id

    @property
    def service_id(self) -> int:
        """The Rx service the call is to (client) or was made to (server)."""
        return self._started().service_id

    @property
    def peer(self) -> Address:
        """The remote transport address."""
        return self._started().peer.address

    @property
    def is_client(self) -> bool:
        """Whether we made this call."""
        return self._started().is_client

    @property
    def state(self) -> CallState:
        """The protocol state (``COMPLETE`` once it has ended)."""
        return self._started().state

    @property
    def completion(self) -> Completion | None:
        """How the call ended, or ``None`` while it runs."""
        return self._started().completion

    @property
    def abort_code(self) -> int | None:
        """The abort code the call ended with, if it was aborted."""
        core = self._started()
        return core.abort_code if core.completion is not None and core.abort_code else None

    @property
    def socket(self) -> BoundSocket:
        """The bound socket the call belongs to."""
        return self._socket

    def _started(self) -> CallCore:
        if self._core is None:
            raise LocalProtocolError("the call has not started: use it in 'async with'")
        return self._core

    # ------------------------------------------------------------- life cycle

    async def __aenter__(self) -> Self:
        if self._core is None:
            await self._socket._start_client_call(self)
        else:
            await trio.lowlevel.checkpoint()
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None,
                        exc: BaseException | None, tb: TracebackType | None) -> None:
        if exc is not None:
            self.abort(AbortCode.RX_USER_ABORT)
            self._release()
            return
        try:
            await self.aclose()
        except BaseException:
            self.abort(AbortCode.RX_USER_ABORT)
            raise
        finally:
            self._release()

    async def aclose(self) -> None:
        """Complete the call gracefully.

        A call still sending has its phase ended (as by :meth:`send_eof`).  A client call then
        waits for the rest of the reply and discards it; a server call returns once its reply
        is queued (the protocol finishes delivering it).  Checkpoint.  If cancelled while
        waiting, the call is aborted with ``RX_USER_ABORT``.

        Raises:
            CallError: the call ended unsuccessfully.
        """
        core = self._started()
        if core.completion is Completion.LOCALLY_ABORTED and self._aborted_by_user:
            # The application ended the call itself: nothing more to report.
            await trio.lowlevel.checkpoint()
            return
        checkpointed = False
        if core.completion is None and core.is_sending:
            await self.send_eof()
            checkpointed = True
        if core.is_client:
            while core.completion is None:
                await self._wait()
            # Discard what was not read.
            core.rx_ready.clear()
            core.rx_ready_bytes = 0
        elif not checkpointed:
            await trio.lowlevel.checkpoint()
        self._raise_if_failed(core, allow_succeeded=True)

    def abort(self, code: int = AbortCode.RX_USER_ABORT) -> None:
        """Abort the call with ``code`` (default ``RX_USER_ABORT``, -6).

        Synchronous and never a checkpoint: the ABORT is queued and sent by the endpoint even
        if the caller is being cancelled.  Does nothing if the call has already ended.
        """
        core = self._core
        if core is None or core.completion is not None:
            return
        self._aborted_by_user = True
        self._endpoint._core.abort(core, code, trio.current_time(),
                                   f"the call was aborted locally ({code})")
        self._endpoint._pump()

    def _release(self) -> None:
        if not self._released:
            self._released = True
            self._socket._release_call(self)
            if self._core is not None:
                self._core.owner = None  # no reference cycle for the collector to find

    def _wake(self) -> None:
        self._lot.unpark_all()
        if self._message_mode:
            self._socket._call_ready(self)

    async def _wait(self) -> None:
        await self._lot.park()

    def _raise_if_failed(self, core: CallCore, *, allow_succeeded: bool) -> None:
        if core.completion is None or (core.completion is Completion.SUCCEEDED
                                       and allow_succeeded):
            return
        raise error_for_completion(core.completion, core.abort_code, core.error)

    # ------------------------------------------------------------------ sending

    async def send_all(self, data: bytes | bytearray | memoryview) -> None:
        """Send ``data`` as more of this phase (the request, or the reply); more may follow.

        Waits while the send window is full; ``data`` is read as packets are cut, so do not
        change a mutable buffer until this returns.  Checkpoint.  Cancellation mid-way aborts
        the call (``RX_USER_ABORT``), since the peer would otherwise see a truncated stream.

        Raises:
            trio.BusyResourceError: another task is sending on this call.
            CallError: the call ended unsuccessfully.
            LocalProtocolError: this side's phase already ended (after :meth:`send_eof`).
        """
        await self._send(data, eor=False)

    async def send_eof(self) -> None:
        """End this side's phase: the peer sees the last packet (end of record).

        After it a client reads the reply, and a server's call is complete once the client
        acknowledges.  Checkpoint; cancellation aborts the call.
        """
        await self._send(b"", eor=True)

    async def _send(self, data: bytes | bytearray | memoryview, *, eor: bool) -> None:
        core = self._started()
        if self._sending:
            raise trio.BusyResourceError("another task is already sending on this call")
        self._sending = True
        try:
            await trio.lowlevel.checkpoint_if_cancelled()
            # No copy here: the core copies into packets as the window allows, and (as with
            # a socket's send) the buffer must not change until send_all() returns.
            view = memoryview(data).cast("B")
            endpoint = self._endpoint
            offset = 0
            total = len(view)
            while True:
                self._raise_if_failed(core, allow_succeeded=False)
                if not core.is_sending:
                    if core.completion is not None:
                        raise LocalProtocolError("the call has completed; nothing more can be sent")
                    raise LocalProtocolError("this side of the call has already ended its data")
                space = core.tx_space()
                if space > 0 or (offset == total and eor):
                    chunk = view[offset:offset + min(space, _SEND_CHUNK)]
                    offset += core.write(chunk, eor=eor and offset + len(chunk) == total,
                                         now=trio.current_time())
                    endpoint._pump()
                    if offset == total and (not eor or not core.is_sending):
                        break
                    continue
                try:
                    await self._wait()
                except BaseException:
                    self.abort(AbortCode.RX_USER_ABORT)
                    raise
            await trio.lowlevel.cancel_shielded_checkpoint()
        finally:
            self._sending = False

    async def sendfile(self, file: FileLike, offset: int = 0, count: int | None = None, *,
                       error_code: int = AbortCode.RX_USER_ABORT) -> int:
        """Send ``count`` bytes of a file from ``offset`` (to its end when ``None``).

        The bytes are more of this phase; end it with :meth:`send_eof`.  ``file`` is a binary
        file object or a descriptor.  The file is read in blocks that the send window has
        room for (one thread hop per block of up to 256 KiB, never per packet), so memory
        stays bounded whatever the file's size.  Checkpoint; cancellation aborts the call.
        Returns the number of bytes sent.

        If reading the file fails, or it ends before ``count`` bytes, the call is aborted
        with ``error_code`` (default ``RX_USER_ABORT``; a service may prefer its own I/O
        error code).

        Raises:
            CallError: the call ended; its ``bytes_transferred`` says how much went out.
            LocalAbort: the file ended before ``count`` bytes (the call is aborted).
        """
        fd = _fileno(file)
        sent = 0
        try:
            while count is None or sent < count:
                want = _FILE_BLOCK if count is None else min(_FILE_BLOCK, count - sent)
                try:
                    block = await trio.to_thread.run_sync(os.pread, fd, want, offset + sent)
                except OSError as exc:
                    self.abort(error_code)
                    raise error_for_completion(
                        Completion.LOCAL_ERROR, error_code,
                        f"reading the file failed after {sent} bytes: {exc}") from exc
                if not block:
                    if count is not None:
                        self.abort(error_code)
                        raise error_for_completion(
                            Completion.LOCALLY_ABORTED, error_code,
                            f"the file ended after {sent} of {count} bytes")
                    break
                await self.send_all(block)
                sent += len(block)
        except CallError as exc:
            exc.bytes_transferred = sent
            raise
        return sent

    async def splice(self, target: FileLike, count: int | None = None, *,
                     error_code: int = AbortCode.RX_USER_ABORT) -> int:
        """Write the peer's data to a file, pipe or socket as it arrives.

        Runs until the peer's end of record (or ``count`` bytes).  Partial writes are
        completed; a non-blocking pipe or socket is waited on with trio, so a slow reader
        holds the sender back through the Rx window instead of filling memory.  Regular files
        and blocking descriptors are written from a worker thread, one hop per batch of
        received data.  Checkpoint; cancellation leaves the call alive (data already taken is
        written first only if the write had started).  Returns the number of bytes written.

        A failed write aborts the call with ``error_code`` (default ``RX_USER_ABORT``).

        Raises:
            CallError: the call ended unsuccessfully; ``bytes_transferred`` says how much
                was written.
            LocalAbort: the write failed (closed pipe, full disk): the call is aborted and the
                peer sees the ABORT.
        """
        fd = _fileno(target)
        mode = os.fstat(fd).st_mode
        direct = not stat.S_ISREG(mode) and not os.get_blocking(fd)
        written = 0
        try:
            while count is None or written < count:
                limit = None if count is None else count - written
                data = await self.receive_some(limit)
                if not data:
                    break
                view = memoryview(data)
                while view:
                    try:
                        if direct:
                            try:
                                n = os.write(fd, view)
                            except BlockingIOError:
                                await trio.lowlevel.wait_writable(fd)
                                continue
                        else:
                            n = await trio.to_thread.run_sync(os.write, fd, view)
                    except OSError as exc:
                        self.abort(error_code)
                        raise error_for_completion(
                            Completion.LOCAL_ERROR, error_code,
                            f"writing the data failed after {written} bytes: {exc}") from exc
                    view = view[n:]
                    written += n
        except CallError as exc:
            exc.bytes_transferred = written
            raise
        return written

    # ---------------------------------------------------------------- receiving

    async def receive_some(self, max_bytes: int | None = None) -> bytes:
        """Return the next received bytes of the peer's phase (at most ``max_bytes``).

        Returns ``b""`` once the peer's last packet has been read.  A client call that is
        still sending ends its request first (as :meth:`send_eof` would).  Checkpoint, and
        cancel-safe: a cancelled call takes no data, and the call is not aborted.

        Raises:
            CallError: the call ended unsuccessfully (data not yet read is discarded).
        """
        core = self._started()
        if max_bytes is not None and max_bytes < 1:
            raise ValueError("max_bytes must be at least 1")
        if core.is_client and core.is_sending:
            await self.send_eof()
        else:
            await trio.lowlevel.checkpoint_if_cancelled()
        while True:
            if core.completion is not None and core.completion is not Completion.SUCCEEDED:
                self._raise_if_failed(core, allow_succeeded=False)
            data = core.read(max_bytes, trio.current_time())
            if data is not None:
                self._endpoint._pump()
                await trio.lowlevel.cancel_shielded_checkpoint()
                return data
            await self._wait()

    async def receive_all(self, max_size: int | None = None) -> bytes:
        """Read the peer's whole phase, up to its end of record.

        Checkpoint.  Cancellation leaves the call alive but loses what this method had
        already read; wrap it only in scopes that also abandon the call.

        Raises:
            CallError: the call ended unsuccessfully.
            LocalProtocolError: more than ``max_size`` bytes arrived (the call is aborted).
        """
        core = self._started()
        if core.is_client and core.is_sending:
            await self.send_eof()
        else:
            await trio.lowlevel.checkpoint_if_cancelled()
        parts: list[bytes] = []
        size = 0
        parked = False
        while True:
            if core.completion is not None and core.completion is not Completion.SUCCEEDED:
                self._raise_if_failed(core, allow_succeeded=False)
            data = core.read(None, trio.current_time())
            if data is None:
                self._endpoint._pump()  # window updates for what was read
                await self._wait()
                parked = True
                continue
            if not data:
                break
            parts.append(data)
            size += len(data)
            if max_size is not None and size > max_size:
                self.abort(AbortCode.RX_PROTOCOL_ERROR)
                raise LocalProtocolError(f"more than {max_size} bytes received")
        self._endpoint._pump()
        if not parked:
            await trio.lowlevel.cancel_shielded_checkpoint()
        return b"".join(parts)
