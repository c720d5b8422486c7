"""Call: one Rx call as a trio half-closeable byte stream with an abort.

A call is a request (client to server) and then a reply (server to client): half-duplex in
phases.  Each side sends its phase with :meth:`Call.send_all` and ends it with
:meth:`Call.send_eof` (the last packet, end of record), and reads the other side's phase with
:meth:`Call.receive_some` until it returns ``b""``.  As a :class:`trio.abc.HalfCloseableStream`
a call is therefore a one-way stream at a time: the client's request first, then the
server's reply.  Sending out of phase raises: after :meth:`~Call.send_eof`,
:class:`trio.ClosedResourceError`; a server replying before the whole request has arrived,
:class:`~trio_rxrpc.LocalProtocolError`.

A call is used inside ``async with``.  Leaving the block normally completes the call
gracefully (the request or reply is ended if it was not, and a client waits for the rest of
the reply) and raises the call's failure if it failed unseen; leaving it by an exception,
cancellation included, aborts the call at once with ``RX_USER_ABORT`` (-6), and the peer sees
the ABORT.  Every blocking method is a checkpoint and says what cancellation does; the
``nowait`` methods are synchronous and either finish at once or raise :exc:`trio.WouldBlock`.

Errors follow trio: whatever the peer or the network does ends in a :class:`CallError`
(a :class:`trio.BrokenResourceError`) naming how the call ended and its abort code;
misusing the call locally raises where the mistake is made: :class:`TypeError` and
:class:`ValueError` for bad arguments, :class:`trio.ClosedResourceError` once the call was
closed or aborted here, :class:`trio.BusyResourceError` when two tasks send (or receive) at
once.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Self, final

import trio

from . import _filestream, _leave, _receive, _write
from ._errors import CallError, LocalProtocolError, error_for_completion
from ._proto.call import CallCore, CallState, Completion
from ._proto.codes import AbortCode
from ._statistics import CallStatistics, call_statistics
from ._validate import check_abort_code, check_max_bytes, check_max_size, check_seconds

if TYPE_CHECKING:
    from types import TracebackType

    from ._admission import _Waiting
    from ._client import StartOptions
    from ._endpoint import Endpoint
    from ._filestream import FileLike
    from ._proto.connection import Address
    from ._socket import BoundSocket

UserID = object
"""User call IDs are any hashable value chosen by the application."""

_SUCCEEDED = Completion.SUCCEEDED


@final
class _Parked:
    """The abort function of a task parked on a call (:meth:`Call._wait`): trio's
    cancellation takes the task off the call's list.  (One object, where a closure
    would make four.)"""

    __slots__ = ("task", "waiters")

    def __init__(self, waiters: list[trio.lowlevel.Task], task: trio.lowlevel.Task) -> None:
        self.waiters = waiters
        self.task = task

    def __call__(self, _: object) -> trio.lowlevel.Abort:
        self.waiters.remove(self.task)
        return trio.lowlevel.Abort.SUCCEEDED


@final
class Call(trio.abc.HalfCloseableStream):
    """One call.  Made by :meth:`BoundSocket.call` or :meth:`BoundSocket.accept`."""

    def __init__(self, *, _endpoint: Endpoint, _socket: BoundSocket, user_id: UserID,
                 core: CallCore | None = None) -> None:
        self._endpoint = _endpoint
        self._socket = _socket
        self._user_id = user_id
        self._core = core
        self._waiters: list[trio.lowlevel.Task] | None = None  # (made when a task parks)
        """Tasks parked in :meth:`_wait` (a sender and a receiver at most)."""
        # trio's conflict rule: one task sends and one task receives at a time.
        self._sending = False
        self._receiving = False
        self._closed = False
        self._released = False
        self._failure_reported = False
        self._enter_quietly = False
        """Set by serve() on a call it hands a new task, whose first step has just been taken:
        ``async with`` then adds no scheduler pass of its own."""
        self._pending_start: StartOptions | None = None
        self._admission: _Waiting | None = None
        """While the call waits for admission to its bundle: what abort() cancels."""
        # Message-API bookkeeping (calls driven by sendmsg/recvmsg rather than this object).
        self._message_mode = False
        self._announced = False
        self._rx_end_reported = False
        if core is not None:
            core.waiter = self

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
        """The Rx service the call is to (client) or was made to (server).

        After a service upgrade (see :meth:`BoundSocket.listen`'s ``upgrade``), both sides see
        the new service here: a client once the server's first packet has arrived."""
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

    @property
    def closed(self) -> bool:
        """Whether the call was closed or aborted here (every operation then raises
        :class:`trio.ClosedResourceError`)."""
        return self._closed

    def statistics(self) -> CallStatistics:
        """Counters and protocol state of this call (a frozen snapshot).

        Raises:
            LocalProtocolError: the call has not started (use it in ``async with`` first).
        """
        return call_statistics(self._started())

    def _started(self) -> CallCore:
        if self._core is None:
            raise LocalProtocolError("the call has not started: use it in 'async with'")
        return self._core

    def _usable(self) -> CallCore:
        """The core, if the application may still use the call."""
        core = self._started()
        if self._closed:
            raise trio.ClosedResourceError("the call was closed")
        return core

    def _failure(self, core: CallCore) -> CallError:
        """The exception for a call that ended badly; it counts as reported."""
        assert core.completion is not None
        self._failure_reported = True
        return error_for_completion(core.completion, core.abort_code, core.error)

    # ------------------------------------------------------------- life cycle

    async def __aenter__(self) -> Self:
        if self._closed:
            raise trio.ClosedResourceError("the call was closed")
        if self._core is None:
            quietly, self._enter_quietly = self._enter_quietly, False
            await self._socket._start_client_call(self, quietly=quietly)
        elif self._enter_quietly:
            self._enter_quietly = False
            await trio.lowlevel.checkpoint_if_cancelled()
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
            if self._closed:
                await trio.lowlevel.checkpoint()
            else:
                await _leave.finish(self, self._started())
        except BaseException:
            self.abort(AbortCode.RX_USER_ABORT)
            raise
        finally:
            self._closed = True
            self._release()

    async def aclose(self) -> None:
        """Close the call: finish our own phase, abandon the peer's.

        A client still sending its request ends it (as :meth:`send_eof`) and waits for the
        reply to complete, discarding it.  A client that had already ended its request
        abandons the reply: the call is aborted unless it has completed.  A server ends its
        reply (an empty one if it sent none) once the whole request has arrived; if the request
        is still arriving, the call is aborted.  Either way the call is closed: every
        operation then raises :class:`trio.ClosedResourceError`, and closing again does
        nothing.  A failure of the call is not raised here (leaving ``async with`` reports
        one nobody has seen).  Checkpoint.  If cancelled, the call is aborted with
        ``RX_USER_ABORT`` and closed all the same.
        """
        core = self._core
        if self._closed or core is None:
            self._closed = True
            self._release()
            await trio.lowlevel.checkpoint()
            return
        self._closed = True
        self._wake()  # operations blocked in other tasks raise ClosedResourceError
        try:
            await _leave.close_gracefully(self, core)
        except CallError:
            pass  # the call failed meanwhile: it is closed all the same
        except BaseException:
            self.abort(AbortCode.RX_USER_ABORT)
            raise
        finally:
            self._release()

    def abort(self, code: int = AbortCode.RX_USER_ABORT) -> None:
        """Abort the call with ``code`` (default ``RX_USER_ABORT``, -6) and close it.

        Synchronous and never a checkpoint: the ABORT is queued and sent by the endpoint even
        if the caller is being cancelled.  Does nothing if the call has already ended, except
        close it: every operation then raises :class:`trio.ClosedResourceError`.

        Raises:
            TypeError: ``code`` is not an integer.
            ValueError: ``code`` is 0 (which means "no error") or not a signed 32-bit value.
        """
        check_abort_code(code)
        self._closed = True
        if self._admission is not None:
            self._admission.cancel()
        self._abort_core(code)
        self._wake()
        if not self._message_mode:
            self._release()  # (a message-API call is released when recvmsg collects its end)

    def _abort_core(self, code: int) -> bool:
        core = self._core
        if core is None or core.completion is not None:
            return False
        self._endpoint._core.abort(core, code, self._endpoint._now(),
                                   f"the call was aborted locally ({code})")
        self._endpoint._pump()
        return True

    def set_timeouts(self, *, normal: float | None = None, idle: float | None = None,
                     hard: float | None = None) -> None:
        """Change this call's timeouts, counted from now (as ``RXRPC_SET_CALL_TIMEOUT``).

        ``normal``: how long the peer may stay silent before the call fails with
        :class:`NetworkError` (a live peer answers our pings).  ``idle``: how long the call
        may wait on the peer without it making progress (a packet's worth of data, the end of
        its phase, or acknowledging ours) before it is aborted with ``RX_CALL_TIMEOUT``
        (:class:`CallTimeout`).  ``hard``: how much longer the call may last at all.
        ``math.inf`` turns the idle or hard timeout off; ``None`` (the default) leaves a
        timeout as it is.  Synchronous.

        Raises:
            TypeError, ValueError: a timeout is not a positive number of seconds (or
                ``math.inf`` for ``idle`` and ``hard``).
        """
        core = self._usable()
        new_normal = None if normal is None else check_seconds("normal", normal)
        new_idle = None if idle is None or idle == math.inf else check_seconds("idle", idle)
        new_hard = None if hard is None or hard == math.inf else check_seconds("hard", hard)
        core.set_timeouts(self._endpoint._now(), normal=new_normal, idle=new_idle, hard=new_hard,
                          change_idle=idle is not None, change_hard=hard is not None)
        self._endpoint._pump()

    def _release(self) -> None:
        if not self._released:
            self._released = True
            self._socket._release_call(self)
            if self._core is not None:
                self._core.waiter = None  # no reference cycle for the collector to find

    def _wake(self) -> None:
        self._unpark()
        if self._message_mode:
            self._socket._call_ready(self)

    def _unpark(self) -> None:
        waiters = self._waiters
        if waiters:
            self._waiters = None
            for task in waiters:
                trio.lowlevel.reschedule(task)

    async def _wait(self) -> None:
        """Park until the call's state changes (:meth:`_wake`).  Cancellation unparks the
        task and propagates."""
        task = trio.lowlevel.current_task()
        waiters = self._waiters
        if waiters is None:
            waiters = self._waiters = []
        waiters.append(task)
        await trio.lowlevel.wait_task_rescheduled(_Parked(waiters, task))

    # ------------------------------------------------------------------ sending

    async def send_all(self, data: bytes | bytearray | memoryview) -> None:
        """Send ``data`` as more of this phase (the request, or the reply); more may follow.

        Full packets go out as the window allows; a part-filled last packet is kept back for
        a moment (``EndpointConfig.flush_delay``) in case more data or :meth:`send_eof`
        follows, so that a small request and its end share one packet.  :meth:`flush` sends
        it at once.  Waits while the send window is full; ``data`` is read as packets are
        cut, so do not change a mutable buffer until this returns.  Checkpoint.  Cancellation
        mid-way aborts the call (``RX_USER_ABORT``), since the peer would otherwise see a
        truncated stream.

        Raises:
            trio.BusyResourceError: another task is sending on this call.
            trio.ClosedResourceError: the call was closed, or this side's phase already
                ended (:meth:`send_eof`).
            LocalProtocolError: a server sending before the whole request has arrived.
            ValueError: the call declared its request size (``tx_length``) and this send
                would go past it, or (:meth:`send_eof`) end short of it; nothing is sent.
            CallError: the call ended unsuccessfully.
        """
        core = self._begin_send()
        try:
            await self._send(core, data, eor=False)
        finally:
            self._sending = False

    def send_nowait(self, data: bytes | bytearray | memoryview, *, eof: bool = False) -> None:
        """Queue all of ``data`` as more of this phase at once, or none of it; with ``eof``,
        end the phase after it (as :meth:`send_eof`).

        As :meth:`send_all`, but synchronous and never a checkpoint (as trio's
        ``send_nowait``): it takes ``data`` only if the send window has room for all of it
        now, and raises :exc:`trio.WouldBlock` otherwise, having taken nothing.  A handler
        whose reply fits the window (the usual case for a small call) replies without a
        scheduler pass.  ``data`` is copied before this returns.

        Raises:
            trio.WouldBlock: the send window has no room for all of ``data``.
            TypeError: ``data`` is not a buffer of bytes.
            trio.BusyResourceError, trio.ClosedResourceError, LocalProtocolError,
                ValueError, CallError: as :meth:`send_all`.
        """
        core = self._begin_send()
        try:
            _write.write_nowait(self, core, memoryview(data).cast("B"), eof)
        finally:
            self._sending = False

    def _queue(self, data: bytes | bytearray | memoryview, *, pump: bool) -> None:
        """:meth:`send_nowait` ``(data, eof=True)``, leaving the pump to the caller unless
        ``pump`` (a quick function's reply, or a request started by admission: the pump
        that did it flushes it, see _serve.py and _admission.py)."""
        core = self._begin_send()
        try:
            _write.write_nowait(self, core, memoryview(data).cast("B"), True, pump=pump)
        finally:
            self._sending = False

    async def send_eof(self) -> None:
        """End this side's phase: the peer sees the last packet (end of record).

        After it a client reads the reply, and a server's call is complete once the client
        acknowledges.  Ending an already ended phase again does nothing.  Checkpoint;
        cancellation aborts the call.

        Raises:
            As :meth:`send_all`.
        """
        core = self._begin_send()
        try:
            await self._send(core, b"", eor=True)
        finally:
            self._sending = False

    async def wait_send_all_might_not_block(self) -> None:
        """Wait until :meth:`send_all` has window space for at least part of its data.

        Returns at once if the call has ended or its phase is over (the next
        :meth:`send_all` says why).  Checkpoint; cancellation leaves the call alone.

        Raises:
            trio.BusyResourceError: another task is sending on this call.
            trio.ClosedResourceError: the call was closed.
        """
        core = self._begin_send()
        try:
            await trio.lowlevel.checkpoint_if_cancelled()
            while True:
                if self._closed:
                    raise trio.ClosedResourceError("the call was closed")
                if core.completion is not None or not core.is_sending or core.tx_space() > 0:
                    break
                await self._wait()
            await trio.lowlevel.cancel_shielded_checkpoint()
        finally:
            self._sending = False

    def flush(self) -> None:
        """Send a part-filled packet that :meth:`send_all` kept back, now.

        Use it when the peer should see what was sent so far without waiting (an interactive
        stream); ``send_eof`` needs none.  Synchronous and never a checkpoint.

        Raises:
            trio.ClosedResourceError: the call was closed, or this side's phase ended.
            CallError: the call ended unsuccessfully.
        """
        core = self._usable()
        if core.completion is not None and core.completion is not Completion.SUCCEEDED:
            raise self._failure(core)
        if not core.is_sending:
            raise trio.ClosedResourceError("this side of the call has ended its data")
        if core.flush(self._endpoint._now()):
            self._endpoint._pump()

    def _begin_send(self) -> CallCore:
        """Claim the sending side for this task; the caller clears ``_sending`` after."""
        if self._sending:
            raise trio.BusyResourceError("another task is already sending on this call")
        core = self._core
        if core is None or self._closed:
            core = self._usable()  # raises
        self._sending = True
        return core

    def _begin_receive(self) -> CallCore:
        """Claim the receiving side for this task; the caller clears ``_receiving`` after."""
        if self._receiving:
            raise trio.BusyResourceError("another task is already receiving on this call")
        core = self._core
        if core is None or self._closed:
            core = self._usable()  # raises
        self._receiving = True
        return core

    async def _send(self, core: CallCore, data: bytes | bytearray | memoryview, *, eor: bool,
                    closing: bool = False, settle: bool = True) -> None:
        """Queue ``data`` (and the end of the phase with ``eor``): see :func:`._write.write`.

        Raises:
            TypeError: ``data`` is not a buffer of bytes.
        """
        # No copy: the core copies into packets as the window allows, and (as with a
        # socket's send) the buffer must not change until the send returns.
        await _write.write(self, core, memoryview(data).cast("B"), eor, closing, settle)

    async def sendfile(self, file: FileLike, offset: int = 0, count: int | None = None, *,
                       error_code: int = AbortCode.RX_USER_ABORT) -> int:
        """Send ``count`` bytes of a file from ``offset`` (to its end when ``None``).

        The bytes are more of this phase; end it with :meth:`send_eof`.  ``file`` is a binary
        file object or a descriptor.  The file is read in blocks of up to 256 KiB that the
        send window has room for (directly while each read takes under 5 ms, as from the
        page cache; after a slower one, one worker-thread hop per block, never per packet),
        so memory stays bounded whatever the file's size.  Checkpoint; cancellation aborts the call.
        Returns the number of bytes sent.

        If reading the file fails, or it ends before ``count`` bytes, the call is aborted
        with ``error_code`` (default ``RX_USER_ABORT``; a service may prefer its own I/O
        error code).

        Raises:
            CallError: the call ended; its ``bytes_transferred`` says how much went out.
            LocalAbort: the file ended before ``count`` bytes (the call is aborted).
            trio.BusyResourceError, trio.ClosedResourceError: as :meth:`send_all`.
        """
        check_abort_code(error_code)
        core = self._begin_send()
        try:
            return await _filestream.send_file(self, core, file, offset, count, error_code)
        finally:
            self._sending = False

    async def splice(self, target: FileLike, count: int | None = None, *,
                     error_code: int = AbortCode.RX_USER_ABORT) -> int:
        """Write the peer's data to a file, pipe or socket as it arrives.

        Runs until the peer's end of record (or ``count`` bytes).  Partial writes are
        completed; a non-blocking pipe or socket is waited on with trio, so a slow reader
        holds the sender back through the Rx window instead of filling memory.  Regular files
        are written as each batch of received data arrives, directly while every write takes
        under 5 ms (the page cache) and from a worker thread after a slower one; blocking
        descriptors always from a worker thread, one hop per batch.  Checkpoint; cancellation
        leaves the call alive (data already taken is written first only if the write had
        started).  Returns the number of bytes written.

        A failed write aborts the call with ``error_code`` (default ``RX_USER_ABORT``).

        Raises:
            CallError: the call ended unsuccessfully; ``bytes_transferred`` says how much
                was written.
            LocalAbort: the write failed (closed pipe, full disk): the call is aborted and the
                peer sees the ABORT.
            trio.BusyResourceError, trio.ClosedResourceError: as :meth:`receive_some`.
        """
        check_abort_code(error_code)
        core = self._begin_receive()
        try:
            return await _filestream.splice_to(self, core, target, count, error_code)
        finally:
            self._receiving = False

    # ---------------------------------------------------------------- receiving

    async def receive_some(self, max_bytes: int | None = None) -> bytes:
        """Return the next received bytes of the peer's phase (at most ``max_bytes``).

        Returns ``b""`` once the peer's last packet has been read.  A client call that is
        still sending ends its request first (as :meth:`send_eof` would).  Checkpoint, and
        cancel-safe: a cancelled call takes no data, and the call is not aborted.

        Raises:
            TypeError: ``max_bytes`` is not an integer.
            ValueError: ``max_bytes`` is less than 1.
            trio.BusyResourceError: another task is receiving on this call.
            trio.ClosedResourceError: the call was closed.
            CallError: the call ended unsuccessfully (data not yet read is discarded).
        """
        max_bytes = check_max_bytes(max_bytes)
        core = self._begin_receive()
        try:
            return await self._receive(core, max_bytes)
        finally:
            self._receiving = False

    def receive_some_nowait(self, max_bytes: int | None = None) -> bytes:
        """Like :meth:`receive_some`, but only what has already arrived: never waits.

        Returns ``b""`` once the peer's last packet has been read, as :meth:`receive_some`
        does.  Synchronous and never a checkpoint (as trio's ``receive_nowait``), so a reader
        that has what it needs can check for the end of the phase without a scheduler pass.

        Raises:
            trio.WouldBlock: nothing has arrived yet; on a client, also while the request is
                still open (no reply comes before it ends; :meth:`receive_some` ends it).
            TypeError, ValueError, trio.BusyResourceError, trio.ClosedResourceError,
                CallError: as :meth:`receive_some`.
        """
        max_bytes = check_max_bytes(max_bytes)
        core = self._begin_receive()
        try:
            return _receive.read_nowait(self, core, max_bytes)
        finally:
            self._receiving = False

    async def _receive(self, core: CallCore, max_bytes: int | None) -> bytes:
        await self._start_receiving(core)
        return await _receive.read_some(self, core, max_bytes)

    async def _start_receiving(self, core: CallCore) -> None:
        """A client reading the reply ends its request first (as send_eof would); otherwise
        just a cancellation point.  Never the caller's only yield: the receive after it
        parks or yields, so ending the request costs no scheduler pass of its own."""
        if not (core.is_client and core.is_sending):
            await trio.lowlevel.checkpoint_if_cancelled()
            return
        self._begin_send()
        try:
            await self._send(core, b"", eor=True, settle=False)
        finally:
            self._sending = False

    async def receive_all(self, max_size: int | None = None) -> bytes:
        """Read the peer's whole phase, up to its end of record.

        With ``max_size``, a peer that sends more is refused: the call is aborted with
        ``RXGEN_SS_UNMARSHAL`` (-453) on a server call, ``RXGEN_CC_UNMARSHAL`` (-451) on a
        client call, as OpenAFS's stubs do for arguments they cannot take, and
        :class:`DataTooLarge` is raised.  Checkpoint.  Cancellation leaves the call alive but
        loses what this method had already read; wrap it only in scopes that also abandon
        the call.

        Raises:
            DataTooLarge: more than ``max_size`` bytes arrived (the call is aborted).
            CallError: the call ended unsuccessfully.
            trio.BusyResourceError, trio.ClosedResourceError: as :meth:`receive_some`.
        """
        max_size = check_max_size(max_size)
        core = self._begin_receive()
        try:
            await self._start_receiving(core)
            return await _receive.read_all(self, core, max_size)
        finally:
            self._receiving = False

    def receive_all_nowait(self, max_size: int | None = None) -> bytes:
        """Like :meth:`receive_all`, but only if the peer's whole phase has already arrived.

        Synchronous and never a checkpoint, as :meth:`receive_some_nowait`: a handler whose
        request arrived whole (the usual case for a small call) reads it without a scheduler
        pass.  ``max_size`` as :meth:`receive_all`: a larger phase aborts the call.

        Raises:
            trio.WouldBlock: some of the phase has not arrived yet, and nothing was taken; on
                a client, also while the request is still open.
            DataTooLarge, CallError, trio.BusyResourceError, trio.ClosedResourceError: as
                :meth:`receive_all`.
        """
        max_size = check_max_size(max_size)
        core = self._begin_receive()
        try:
            return _receive.read_all_nowait(self, core, max_size)
        finally:
            self._receiving = False
