"""The body of :meth:`BoundSocket.serve <trio_rxrpc.BoundSocket.serve>`: a task per call.

A serving socket takes calls from its accept queue like any other, but while it is the only
socket on that queue and the queue is empty, a new call does not go through the queue at
all: the endpoint's pump adopts it for the socket and starts its handler task there and
then (:class:`DirectStart`).  That saves the accept loop a wake-up, and the call a
scheduler pass, per call.  Whenever the shortcut does not apply (the serve scope is being
cancelled, other sockets share the queue, calls are already waiting in it) the call is
queued as usual, and the accept loop takes it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NoReturn, final

import trio

from ._errors import CallError

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from ._call import Call
    from ._proto.call import CallCore
    from ._socket import BoundSocket, _AcceptGroup


@final
class DirectStart:
    """Starts a serving socket's handler task for a new call straight from the pump."""

    def __init__(self, sock: BoundSocket, group: _AcceptGroup, nursery: trio.Nursery,
                 run: Callable[[Call], Awaitable[None]]) -> None:
        self._sock = sock
        self._group = group
        self._nursery = nursery
        self._run = run

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
        self._nursery.start_soon(self._run, call)
        return True


async def serve_forever(sock: BoundSocket, group: _AcceptGroup,
                        handler: Callable[[Call], Awaitable[object]],
                        task_status: trio.TaskStatus[None]) -> NoReturn:
    """Accept calls on ``sock`` forever, each in a task of its own (see ``serve``).

    Cancellation stops accepting and cancels the handlers, whose calls are then aborted;
    calls still queued stay in the queue.
    """

    async def run(call: Call) -> None:
        # A new task's first step is a scheduler pass already: entering the call needs no
        # second one (cancellation is still checked).
        call._enter_quietly = True
        try:
            async with call:
                await handler(call)
        except CallError:
            pass

    async with trio.open_nursery() as nursery:
        direct = DirectStart(sock, group, nursery, run)
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
