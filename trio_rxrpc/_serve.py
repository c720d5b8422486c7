"""The accept queue a listening socket shares (:class:`AcceptGroup`), and the body of
:meth:`BoundSocket.serve <trio_rxrpc.BoundSocket.serve>`: a task per call, or none for a call
its quick function answers.

A serving socket takes calls from its accept queue like any other, but while it is the only
socket on that queue and the queue is empty, a new call does not go through the queue at
all: the endpoint's pump adopts it for the socket and starts its handler task there and
then (:class:`DirectStart`).  That saves the accept loop a wake-up, and the call a
scheduler pass, per call.  Whenever the shortcut does not apply (the serve scope is being
cancelled, other sockets share the queue, calls are already waiting in it) the call is
queued as usual, and the accept loop takes it.

A *quick* function (``serve(handler, quick=...)``) is tried first for a call whose whole
request has arrived when it is taken.  Called from the pump, it answers the call there and
then: the reply goes out in the same pass that read the request, with no task started and
no scheduler pass of the call's own.  When it declines (``None``), the request is still
unread and the handler gets the call as usual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NoReturn, final

import attrs
import trio
from trio import ClosedResourceError

from ._errors import CallError
from ._proto.codes import AbortCode

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from ._call import Call
    from ._proto.boundary import Listener
    from ._proto.call import CallCore
    from ._socket import BoundSocket


@attrs.define(eq=False)
class AcceptGroup:
    """Services plus the accept queue shared by bound sockets."""

    listener: Listener
    send: trio.MemorySendChannel[CallCore]
    receive: trio.MemoryReceiveChannel[CallCore]
    sockets: list[BoundSocket] = attrs.Factory(list)
    direct: DirectStart | None = None
    """A serving socket that starts handlers for new calls itself (see ``_serve``)."""
    maybe_queued: bool = False
    """False only when the queue is surely empty: :meth:`offer` is the only one to put calls
    in, and sets this when it does (so the queue's statistics need not be asked each time)."""

    def offer(self, call: CallCore) -> bool:
        """Queue a new call for the group's sockets (the core's accept queue protocol)."""
        direct = self.direct
        if direct is not None and direct.start(call):
            return True
        try:
            self.send.send_nowait(call)
        except (trio.WouldBlock, trio.BrokenResourceError, trio.ClosedResourceError):
            return False
        self.maybe_queued = True
        for sock in self.sockets:
            sock._lot.unpark_all()  # recvmsg() callers with charges may take it
        return True


@final
class DirectStart:
    """Starts a serving socket's handler task for a new call straight from the pump."""

    def __init__(self, sock: BoundSocket, group: AcceptGroup, nursery: trio.Nursery,
                 run: Callable[[Call, bool], Awaitable[None]],
                 quick: Callable[[Call, bytes], object] | None = None) -> None:
        self._sock = sock
        self._group = group
        self._nursery = nursery
        self._run = run
        self._quick = quick

    def start(self, core: CallCore) -> bool:
        """Adopt ``core`` and start its handler, if the shortcut applies (else False: the
        caller queues the call)."""
        sock = self._sock
        group = self._group
        # A new call must not overtake calls already queued.  The listener counts the calls
        # handed to the queue and not yet taken, this one included: at 1 the queue is surely
        # empty.  Otherwise ask the channel, unless nothing was queued since it last said it
        # was empty (a burst of new calls would ask once per call).
        if (sock._closed or self._nursery.cancel_scope.cancel_called
                or len(group.sockets) != 1):
            return False
        if group.listener.pending != 1 and group.maybe_queued:
            if group.send.statistics().current_buffer_used:
                return False
            group.maybe_queued = False
        call = sock._take(core)
        quick = self._quick
        if quick is not None:
            try:
                # (Called from the endpoint's dispatch of new calls, which flushes after.)
                answered = try_quick(call, quick, pump=False)
            except Exception as exc:
                # A bug in the quick function: it ends serving, as a handler's would (the
                # call is aborted already).  Never raised into the receive loop.
                self._nursery.start_soon(_reraise, exc)
                return True
            if answered is True:
                return True
            if isinstance(answered, bytes):
                self._nursery.start_soon(_send_reply, call, answered)
                return True
            if answered is False:
                self._nursery.start_soon(self._run, call, True)  # (offered once is enough)
                return True
        self._nursery.start_soon(self._run, call, False)
        return True


def try_quick(call: Call, quick: Callable[[Call, bytes], object], *,
              pump: bool) -> bool | bytes | None:
    """Offer ``call`` to ``quick`` if its whole request has arrived.  Without ``pump``,
    the reply is only queued: the caller is inside the pump, which flushes it with the
    rest of its batch.

    Returns True when the call was dealt with (answered, or aborted by ``quick``); the
    reply when it did not fit the send window at once (a task must send it); False when
    ``quick`` declined it, and None when the request has not all arrived: either way the
    handler is to take the call (the request unread).  An exception from ``quick``, or a
    reply that is not bytes-like, aborts the call (``RX_USER_ABORT``) and propagates.
    """
    core = call._core
    request = _peek_request(call)
    if core is None or request is None:
        return None
    try:
        reply = quick(call, request)
        if reply is None:
            return call._closed
        if not isinstance(reply, (bytes, bytearray, memoryview)):
            raise TypeError(f"a quick function returns bytes or None, not {reply!r}")
        if call._closed:
            raise ClosedResourceError("a quick function closed its call and returned a reply")
        now = call._endpoint._now()
        while core.read(None, now):  # take the request, already looked at (the reply's
            pass                     # pump below sends any window update)
        try:
            call._queue(reply, pump=pump)
        except trio.WouldBlock:
            return bytes(reply)
    except CallError:
        call.abort(AbortCode.RX_USER_ABORT)
        return True  # the call failed meanwhile: it ends like a handler's would
    except BaseException:
        call.abort(AbortCode.RX_USER_ABORT)
        raise
    call._closed = True
    call._release()
    call._socket._quick_replies += 1
    return True


def _peek_request(call: Call) -> bytes | None:
    """A server call's whole request, if it has all arrived, left unread; else None."""
    core = call._core
    if core is None or core.completion is not None or call._closed:
        return None
    last = core.rx_last
    ready = core.rx_ready
    if not last or core.rx_consumed + len(ready) < last:
        return None
    return b"".join(ready)


async def _send_reply(call: Call, reply: bytes) -> None:
    """Send a quick function's reply that did not fit the window at once, and end it."""
    call._enter_quietly = True
    try:
        async with call:
            await call.send_all(reply)
    except CallError:
        pass


async def _reraise(exc: Exception) -> NoReturn:
    raise exc


async def serve_forever(sock: BoundSocket, group: AcceptGroup,
                        handler: Callable[[Call], Awaitable[object]],
                        quick: Callable[[Call, bytes], object] | None,
                        task_status: trio.TaskStatus[None]) -> NoReturn:
    """Accept calls on ``sock`` forever, each in a task of its own unless ``quick`` answers
    it (see ``serve``).

    Cancellation stops accepting and cancels the handlers, whose calls are then aborted;
    calls still queued stay in the queue.
    """

    async def run(call: Call, offered: bool = False) -> None:
        if quick is not None and not offered:
            answered = try_quick(call, quick, pump=True)
            if answered is True:
                return  # (this task's start was its scheduler pass)
            if isinstance(answered, bytes):
                await _send_reply(call, answered)
                return
        # A new task's first step is a scheduler pass already: entering the call needs no
        # second one (cancellation is still checked).
        call._enter_quietly = True
        try:
            async with call:
                await handler(call)
        except CallError:
            pass

    async with trio.open_nursery() as nursery:
        direct = DirectStart(sock, group, nursery, run, quick)
        if group.direct is None:
            group.direct = direct
        try:
            task_status.started()
            while True:
                nursery.start_soon(run, await sock.accept())
                # Take every call already queued in this same pass.  The receive loop queues
                # new calls a whole batch of datagrams at a time; taking one per scheduler
                # pass would let the queue fill under a burst of new calls and answer the
                # rest BUSY, even though the handlers are idle.
                while (call := sock._accept_nowait()) is not None:
                    nursery.start_soon(run, call)
        finally:
            if group.direct is direct:
                group.direct = None
