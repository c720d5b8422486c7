"""Where the core meets the application above it: two small protocols and the listener.

The core never imports the layer that drives it.  It still has to remember two things of
that layer: who waits on a call (to be told when the call's visible state changes) and where
a listener's new calls wait to be accepted.  Each is a slot typed by one of these protocols,
so the core states exactly what it expects of the application and nothing more:

* a call's :attr:`~.call.CallCore.waiter` is a :class:`CallWaiter`; the endpoint hands the
  calls that changed to the application (:meth:`~.endpoint.EndpointCore.take_dirty`), which
  wakes their waiters;
* a :class:`Listener`'s :attr:`~Listener.queue` is an :class:`AcceptQueue`; new calls come
  out of :meth:`~.endpoint.EndpointCore.take_new_calls` and the application offers each to
  the queue of the listener it arrived on (:attr:`~.call.CallCore.listener`).  The call
  holds a place in that listener's backlog (:attr:`Listener.pending`) until the application
  accepts it or cannot queue it; the endpoint then gives the place back, once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

import attrs

if TYPE_CHECKING:
    from .call import CallCore
    from .security.base import ServerSecurity


class CallWaiter(Protocol):
    """The application's side of one call."""

    def _wake(self) -> None:
        """The call's state changed: let whatever waits on it look again (never blocks)."""


class AcceptQueue(Protocol):
    """The application's side of a listener: where its new calls wait to be accepted."""

    def offer(self, call: CallCore) -> bool:
        """Queue ``call`` for accepting without blocking; False if it cannot be queued."""


@attrs.define(eq=False)
class Listener:
    """A set of services whose new calls share one accept queue."""

    service_ids: frozenset[int]
    backlog: int
    securities: dict[int, ServerSecurity]
    min_level: int = 0
    upgrade: tuple[int, int] | None = None
    """A service upgrade rule (from, to): see :mod:`.upgrade`."""
    pending: int = 0
    """Calls handed to the accept queue and not yet taken from it."""
    busy_sent: int = 0
    queue: AcceptQueue | None = None
    """The application's accept queue for these services."""
    closed: bool = False
