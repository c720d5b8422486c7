"""Busy polling: watching the endpoints' sockets for a moment before trio sleeps.

When every task of a trio run waits, trio asks the kernel for I/O events with a timeout
and the thread sleeps.  The datagram that ends the wait must then wake it, and the kernel
usually does that on another CPU, which may have gone idle: on virtual machines that costs
tens of microseconds per datagram, more than the Rx work of a small call.  With
:attr:`~trio_rxrpc.EndpointConfig.busy_poll` set, an endpoint instead keeps its thread
awake for up to that long each time the run is about to sleep, asking the kernel with a
zero-timeout ``poll`` whether its socket has become readable, and lets trio sleep only if
nothing came.  A request answered within the spin then costs no wake-up at either end.

It is the idea of Linux's ``SO_BUSY_POLL`` (which needs a NIC driver that supports it,
so it does nothing on loopback) done in user space, and the trade is the same: latency for
CPU.  The thread spins rather than sleeps during those moments, and the rest of the run's
I/O (other sockets, threads handing work back) is noticed at the end of the spin, up to
``busy_poll`` late.  Timers are not delayed: a spin never lasts past the run's next
deadline.

One :class:`BusyPoll` instrument per trio run (:func:`register`) watches every endpoint
that asked for busy polling, spinning for the longest time any of them asked.  It is a
:class:`trio.abc.Instrument`, so the run pays nothing for it when no endpoint asks.
"""

from __future__ import annotations

import select
import time
from typing import TYPE_CHECKING, final

import trio

if TYPE_CHECKING:
    import socket
    from collections.abc import Callable


@final
class Watch:
    """One endpoint's socket, watched by its run's :class:`BusyPoll`."""

    def __init__(self, fd: int, seconds: float) -> None:
        self.fd = fd
        self.seconds = seconds
        self.spins = 0
        """Times the run was about to sleep and spun, watching this socket."""
        self.hits = 0
        """Spins that ended because a datagram came to this socket."""


@final
class BusyPoll(trio.abc.Instrument):
    """Spins over the watched sockets before the run sleeps (see the module docstring)."""

    def __init__(self, clock: Callable[[], float] = time.perf_counter) -> None:
        self._clock = clock
        self._poll = select.poll()
        self._watches: dict[int, Watch] = {}
        self._seconds = 0.0

    def add(self, watch: Watch) -> None:
        self._watches[watch.fd] = watch
        self._poll.register(watch.fd, select.POLLIN)
        self._seconds = max(w.seconds for w in self._watches.values())

    def remove(self, watch: Watch) -> bool:
        """Stop watching; whether any socket is still watched."""
        if self._watches.get(watch.fd) is watch:
            del self._watches[watch.fd]
            self._poll.unregister(watch.fd)
        watches = self._watches
        self._seconds = max((w.seconds for w in watches.values()), default=0.0)
        return bool(watches)

    def before_io_wait(self, timeout: float) -> None:
        """Spin for up to the watched sockets' time, but not past ``timeout`` (the run's
        next deadline), until one of them is readable.  Returns at once when tasks are
        runnable (``timeout`` 0)."""
        if timeout <= 0.0:
            return
        watches = self._watches
        for watch in watches.values():
            watch.spins += 1
        clock = self._clock
        poll = self._poll.poll
        end = clock() + min(self._seconds, timeout)
        while True:
            ready = poll(0)
            if ready:  # (an error report ends the spin too: trio's wait hands it over)
                for fd, events in ready:
                    hit = watches.get(fd)
                    if hit is not None and events & _POLLIN:
                        hit.hits += 1
                return
            if clock() >= end:
                return


_POLLIN = select.POLLIN

_RUN_POLL: trio.lowlevel.RunVar[BusyPoll | None] = trio.lowlevel.RunVar(
    "trio_rxrpc_busy_poll", default=None)


def register(sock: socket.socket, seconds: float) -> Watch:
    """Watch ``sock`` for ``seconds`` each time the current run is about to sleep, until
    :func:`unregister`.  Installs the run's instrument on first use."""
    watch = Watch(sock.fileno(), seconds)
    poller = _RUN_POLL.get()
    if poller is None:
        poller = BusyPoll()
        _RUN_POLL.set(poller)
        trio.lowlevel.add_instrument(poller)
    poller.add(watch)
    return watch


def unregister(watch: Watch) -> None:
    """Stop watching (before the socket closes); the last one removes the instrument."""
    poller = _RUN_POLL.get()
    if poller is None or poller.remove(watch):
        return
    _RUN_POLL.set(None)
    try:
        trio.lowlevel.remove_instrument(poller)
    except KeyError:  # pragma: no cover - trio dropped an instrument that raised
        pass
