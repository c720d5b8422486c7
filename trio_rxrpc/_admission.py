"""Admission of new client calls: at most ``max_calls_per_bundle`` live calls per bundle.

The core counts each bundle's live calls and says whether one is full; this module makes the
calls that find it full wait, first come first served.  A bundle with waiting calls has a
queue: a :class:`trio.lowlevel.ParkingLot` of the waiting tasks, and the number of slots
already granted to tasks that were woken but have not yet run (so a newcomer cannot take a
slot that was meant for a call that waited).  When a call of a watched bundle ends, the
endpoint's pump calls :meth:`Admission.grant`, which wakes as many waiters as there are free
slots.  A call that finds its bundle below the cap and nobody waiting goes ahead at once,
without a checkpoint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
import trio

if TYPE_CHECKING:
    from collections.abc import Hashable, Iterable

    from ._call import Call
    from ._proto.endpoint import EndpointCore


@attrs.define(eq=False)
class _Queue:
    lot: trio.lowlevel.ParkingLot = attrs.Factory(trio.lowlevel.ParkingLot)
    granted: int = 0
    """Waiters woken for a slot that have not yet started their call."""


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
        return sum(len(queue.lot) for queue in self._queues.values())

    def must_wait(self, key: Hashable) -> bool:
        """Whether a new call of bundle ``key`` has to wait (someone waits, or it is full)."""
        return key in self._queues or self._core.bundle_full(key)

    async def admit(self, call: Call, key: Hashable) -> Hashable | None:
        """Wait while the bundle ``key`` is full; return the key if the call waited (the
        caller must then start the call and :meth:`grant` the key, whatever happens), else
        ``None``, without a checkpoint.

        Cancellation leaves the queue cleanly; :meth:`Call.abort <trio_rxrpc.Call.abort>`
        (closing the socket does it) ends the wait with :class:`trio.ClosedResourceError`.
        """
        if not self.must_wait(key):
            return None
        with trio.CancelScope() as scope:
            call._admission = scope
            try:
                await self.wait(key)
            finally:
                call._admission = None
        if scope.cancelled_caught:
            raise trio.ClosedResourceError("the call was closed while it waited for admission")
        return key

    async def wait(self, key: Hashable) -> None:
        """Wait until a call of bundle ``key`` may start; the caller must then start it, or
        call :meth:`grant` if it does not (so the slot passes on).

        Cancellation while waiting leaves the queue: no slot is taken and the call behind
        moves up.  Once woken the task holds its slot; nothing it could be cancelled in lies
        between waking and starting the call.
        """
        queue = self._queues.get(key)
        if queue is None:
            queue = self._queues[key] = _Queue()
            self._core.watched_bundles.add(key)
        self.waited += 1
        try:
            await queue.lot.park()
        except BaseException:
            self.grant((key,))  # (drops the queue if it was the last waiter)
            raise
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
            lot = queue.lot
            if lot:
                free = (len(lot) if cap is None
                        else cap - core.bundle_calls.get(key, 0) - queue.granted)
                if free > 0:
                    woken = len(lot.unpark(count=free))
                    queue.granted += woken
            if not lot and not queue.granted:
                del self._queues[key]
                core.watched_bundles.discard(key)

    def close(self) -> None:
        """Wake every waiter (the endpoint is closing; they find it closed)."""
        for queue in self._queues.values():
            queue.granted += len(queue.lot.unpark_all())
