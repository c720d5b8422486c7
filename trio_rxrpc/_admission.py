"""Admission of new client calls: at most ``max_calls_per_bundle`` live calls per bundle.

The core counts each bundle's live calls and says whether one is full; this module makes the
calls that find it full wait, first come first served.  A bundle with waiting calls has a
queue: the waiting tasks in arrival order, and the number of slots
already granted to tasks that were woken but have not yet run (so a newcomer cannot take a
slot that was meant for a call that waited).  When a call of a watched bundle ends, the
endpoint's pump calls :meth:`Admission.grant`, which wakes as many waiters as there are free
slots.  A call that finds its bundle below the cap and nobody waiting goes ahead at once,
without a checkpoint.

A whole call (:meth:`BoundSocket.request`) waits with its request: when its turn comes, the
pump that frees the slot starts the call and queues the request itself, and the task stays
parked, now on the call, until the reply wakes it.  So a call that had to wait costs its
task no scheduler pass more than one that did not.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING, final

import attrs
import trio

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable, Iterable

    from ._call import Call
    from ._proto.connection import Address
    from ._proto.endpoint import EndpointCore
    from ._socket import BoundSocket

_CLOSED_WHILE_WAITING = "the call was closed while it waited for admission"


def _no_pump() -> None:
    """The flush of an admission whose endpoint has no pump yet."""


@attrs.define(eq=False)
class _Queue:
    waiters: OrderedDict[trio.lowlevel.Task, _Waiting] = attrs.Factory(OrderedDict)
    """The waiting tasks, first come first."""
    granted: int = 0
    """Waiters woken for a slot that have not yet started their call."""


@final
class _Waiting:
    """A call waiting for admission: :meth:`cancel` (from ``Call.abort``) ends its wait,
    which then raises :class:`trio.ClosedResourceError`.

    With ``request`` (the request of a whole call), the pump starts the call when its turn
    comes (:meth:`BoundSocket._admit_request`): ``started`` is then set, ``sent`` too if the
    request was queued, and the task, still parked, waits on the call; ``error`` is what
    starting it raised."""

    __slots__ = ("call", "closed", "error", "key", "queue", "request", "resolved", "sent",
                 "socket", "started", "task")

    def __init__(self, queue: _Queue, key: Hashable, task: trio.lowlevel.Task,
                 call: Call) -> None:
        self.queue = queue
        self.key = key
        self.task = task
        self.call = call
        self.closed = False
        self.request: bytes | bytearray | memoryview | None = None
        self.resolved: Address | None = None
        self.socket: BoundSocket | None = None
        self.started = False
        self.sent = False
        self.error: Exception | None = None

    def __call__(self, _: object) -> trio.lowlevel.Abort:
        """The wait's abort function (trio's cancellation): leave the queue, or, once the
        pump has started the call, stop waiting on it."""
        if self.started:
            waiters = self.call._waiters
            if waiters is not None and self.task in waiters:
                waiters.remove(self.task)
        else:
            del self.queue.waiters[self.task]
        return trio.lowlevel.Abort.SUCCEEDED

    def cancel(self) -> None:
        waiters = self.queue.waiters
        if self.task in waiters:  # still waiting: not yet woken for a slot
            del waiters[self.task]
            self.closed = True
            trio.lowlevel.reschedule(self.task)


class Admission:
    """The admission queues of one endpoint's bundles."""

    def __init__(self, core: EndpointCore) -> None:
        self._core = core
        self._queues: dict[Hashable, _Queue] = {}
        self.flush: Callable[[], None] = _no_pump
        """The endpoint's pump (set once it has one)."""
        self.waited = 0
        """Calls that had to wait for admission, since the endpoint opened."""

    @property
    def waiting(self) -> int:
        """Calls waiting for admission now."""
        return sum(len(queue.waiters) for queue in self._queues.values())

    def must_wait(self, key: Hashable) -> bool:
        """Whether a new call of bundle ``key`` has to wait (someone waits, or it is full)."""
        return key in self._queues or self._core.bundle_full(key)

    def enqueue(self, key: Hashable, call: Call, *, socket: BoundSocket | None = None,
                resolved: Address | None = None,
                request: bytes | bytearray | memoryview | None = None) -> _Waiting:
        """Queue ``call`` (of bundle ``key``, which :meth:`must_wait`), first come first.

        The caller then parks with the returned record as its abort function,
        ``await trio.lowlevel.wait_task_rescheduled(waiting)``, in its own frame (no
        coroutine of this module's stays on the stack while thousands of calls wait), and
        calls :meth:`woken` when that returns or :meth:`gave_up` when it raises.

        With ``request`` (and the ``socket`` and ``resolved`` address to start the call
        with), the pump starts the call when its turn comes and queues the request if it
        fits the send window; the task then goes on waiting, on the call, until the call
        changes (:meth:`Call._wake`).

        Cancellation while queued leaves the queue: no slot is taken and the call behind
        moves up.  So does ``call.abort()``, which makes :meth:`woken` raise
        :class:`trio.ClosedResourceError`.  A task woken for a slot holds it; nothing it
        could be cancelled in lies between waking and starting the call.  Cancellation of
        a call the pump has started ends the wait with the call running: the caller aborts
        it.
        """
        queue = self._queues.get(key)
        if queue is None:
            queue = self._queues[key] = _Queue()
            self._core.watched_bundles.add(key)
        self.waited += 1
        task = trio.lowlevel.current_task()
        # (The waiting object is its own abort function, where a closure would add three
        # objects for the cyclic collector to walk while thousands of calls wait.)
        call._admission = waiting = _Waiting(queue, key, task, call)
        if request is not None:
            waiting.request = request
            waiting.socket = socket
            waiting.resolved = resolved
        queue.waiters[task] = waiting
        return waiting

    def woken(self, waiting: _Waiting) -> bool:
        """The wait of :meth:`enqueue` returned: whether the pump started the call and
        sent its request (``call._core`` is set if it started it; if the request did not
        fit, the caller sends it).  If it did not start it, the call may start now: the
        caller starts it and then calls :meth:`pass_on` (which passes the slot on if the
        start failed).

        Raises:
            trio.ClosedResourceError: ``call.abort()`` ended the wait.
            Exception: what starting the call (in the pump) raised.
        """
        waiting.call._admission = None
        if waiting.closed or waiting.error is not None:
            self.pass_on(waiting.key)  # (drops the queue if it was the last waiter)
            if waiting.error is not None:
                raise waiting.error
            raise trio.ClosedResourceError(_CLOSED_WHILE_WAITING)
        if waiting.started:
            return waiting.sent
        waiting.queue.granted -= 1
        return False

    def gave_up(self, waiting: _Waiting) -> None:
        """The wait of :meth:`enqueue` raised (cancellation): leave nothing behind.  A call
        the pump had already started is the caller's to abort."""
        waiting.call._admission = None
        if not waiting.started:
            self.pass_on(waiting.key)  # (drops the queue if it was the last waiter)

    def pass_on(self, key: Hashable) -> None:
        """:meth:`grant` for bundle ``key`` from a task (a slot it did not use passes on),
        and a pump if that started requests."""
        if self.grant((key,)):
            self.flush()

    def grant(self, keys: Iterable[Hashable]) -> bool:
        """Wake the waiters of bundles ``keys`` that free slots allow; forget idle queues.
        Returns whether it started requests (:meth:`enqueue`) whose packets the caller must
        flush (with a pump).

        Call after start_call for the admitted call (or instead of it)."""
        core = self._core
        cap = core.config.max_calls_per_bundle
        started = False
        for key in keys:
            queue = self._queues.get(key)
            if queue is None:
                continue
            waiters = queue.waiters
            while waiters:
                free = (len(waiters) if cap is None
                        else cap - core.bundle_calls.get(key, 0) - queue.granted)
                if free <= 0:
                    break
                started |= self._wake(queue, free)
            if not waiters and not queue.granted:
                del self._queues[key]
                core.watched_bundles.discard(key)
        return started

    @staticmethod
    def _wake(queue: _Queue, count: int) -> bool:
        """Let the first ``count`` waiters of ``queue`` go (fewer if fewer wait): wake a
        task that starts its own call (it holds a granted slot until it does), start a
        request's call here.  Returns whether it started any."""
        waiters = queue.waiters
        started = False
        while waiters and count > 0:
            task, waiting = waiters.popitem(last=False)
            count -= 1
            socket = waiting.socket
            if socket is None:
                trio.lowlevel.reschedule(task)
                queue.granted += 1
            elif socket._admit_request(waiting):
                started = True
        return started

    def close(self) -> None:
        """Wake every waiter (the endpoint is closing; they find it closed)."""
        for queue in self._queues.values():
            waiters = queue.waiters
            queue.granted += len(waiters)
            while waiters:
                task, _ = waiters.popitem(last=False)
                trio.lowlevel.reschedule(task)
