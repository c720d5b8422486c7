"""Admission of new client calls: at most ``max_calls_per_bundle`` live calls per bundle.

The core counts each bundle's live calls and says whether one is full; this module makes the
calls that find it full wait, first come first served.  A bundle with waiting calls has a
queue: the waiting tasks in arrival order, and the number of slots
already granted to tasks that were woken but have not yet run (so a newcomer cannot take a
slot that was meant for a call that waited).  When a call of a watched bundle ends, the
endpoint's pump calls :meth:`Admission.grant`, which wakes as many waiters as there are free
slots.  A call that finds its bundle below the cap and nobody waiting goes ahead at once,
without a checkpoint.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING, final

import attrs
import trio

if TYPE_CHECKING:
    from collections.abc import Hashable, Iterable

    from ._call import Call
    from ._proto.endpoint import EndpointCore

_CLOSED_WHILE_WAITING = "the call was closed while it waited for admission"


@attrs.define(eq=False)
class _Queue:
    waiters: OrderedDict[trio.lowlevel.Task, None] = attrs.Factory(OrderedDict)
    """The waiting tasks, first come first."""
    granted: int = 0
    """Waiters woken for a slot that have not yet started their call."""


@final
class _Waiting:
    """A call waiting for admission: :meth:`cancel` (from ``Call.abort``) ends its wait,
    which then raises :class:`trio.ClosedResourceError`."""

    __slots__ = ("closed", "queue", "task")

    def __init__(self, queue: _Queue, task: trio.lowlevel.Task) -> None:
        self.queue = queue
        self.task = task
        self.closed = False

    def __call__(self, _: object) -> trio.lowlevel.Abort:
        """The wait's abort function (trio's cancellation): leave the queue."""
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
        self.waited = 0
        """Calls that had to wait for admission, since the endpoint opened."""

    @property
    def waiting(self) -> int:
        """Calls waiting for admission now."""
        return sum(len(queue.waiters) for queue in self._queues.values())

    def must_wait(self, key: Hashable) -> bool:
        """Whether a new call of bundle ``key`` has to wait (someone waits, or it is full)."""
        return key in self._queues or self._core.bundle_full(key)

    async def wait(self, key: Hashable, call: Call) -> None:
        """Wait until a call of bundle ``key`` may start; the caller must then start it, or
        call :meth:`grant` if it does not (so the slot passes on).

        Cancellation while waiting leaves the queue: no slot is taken and the call behind
        moves up.  So does ``call.abort()``, which ends the wait with
        :class:`trio.ClosedResourceError`.  Once woken the task holds its slot; nothing it
        could be cancelled in lies between waking and starting the call.
        """
        queue = self._queues.get(key)
        if queue is None:
            queue = self._queues[key] = _Queue()
            self._core.watched_bundles.add(key)
        self.waited += 1
        task = trio.lowlevel.current_task()
        queue.waiters[task] = None
        # (The waiting object is its own abort function, where a closure would add three
        # objects for the cyclic collector to walk while thousands of calls wait.)
        call._admission = waiting = _Waiting(queue, task)
        try:
            await trio.lowlevel.wait_task_rescheduled(waiting)
            if waiting.closed:
                raise trio.ClosedResourceError(_CLOSED_WHILE_WAITING)
        except BaseException:
            self.grant((key,))  # (drops the queue if it was the last waiter)
            raise
        finally:
            call._admission = None
        queue.granted -= 1

    def grant(self, keys: Iterable[Hashable]) -> None:
        """Wake the waiters of bundles ``keys`` that free slots allow; forget idle queues.

        Call after start_call for the admitted call (or instead of it)."""
        core = self._core
        cap = core.config.max_calls_per_bundle
        for key in keys:
            queue = self._queues.get(key)
            if queue is None:
                continue
            waiters = queue.waiters
            if waiters:
                free = (len(waiters) if cap is None
                        else cap - core.bundle_calls.get(key, 0) - queue.granted)
                if free > 0:
                    queue.granted += self._wake(waiters, free)
            if not waiters and not queue.granted:
                del self._queues[key]
                core.watched_bundles.discard(key)

    @staticmethod
    def _wake(waiters: OrderedDict[trio.lowlevel.Task, None], count: int) -> int:
        """Wake the first ``count`` waiters (fewer if fewer wait); return how many."""
        woken = 0
        while waiters and woken < count:
            task, _ = waiters.popitem(last=False)
            trio.lowlevel.reschedule(task)
            woken += 1
        return woken

    def close(self) -> None:
        """Wake every waiter (the endpoint is closing; they find it closed)."""
        for queue in self._queues.values():
            queue.granted += self._wake(queue.waiters, len(queue.waiters))
