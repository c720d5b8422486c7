"""The endpoint's pump and receive loop: what runs after every datagram batch, timer and
command, compiled with the core.

A *pump* flushes the core's datagrams with ``sendmsg`` (or leaves them to the backlog task
when the socket's buffer is full), hands new server calls to their accept queues, wakes the
tasks whose calls changed, passes freed connection slots to waiting callers, and pulls the
timer task's deadline in if a timer moved earlier.  The receive loop drains the
non-blocking socket until it would block, feeding every datagram to the core with one
``now`` and pumping once per batch (at most :data:`BATCH` datagrams or
:data:`BATCH_BYTES` bytes, after which it yields to the woken tasks and reads on), and
only then waits for the socket to become readable again.

:class:`Pump` holds what these steps touch on every call (the core, the sender, the clock)
as typed fields, so a compiled build calls the core directly; the rarer steps (listing
requests, new calls, refused datagrams, socket errors) are the endpoint's.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Final, final

import trio

if TYPE_CHECKING:
    from collections.abc import Callable

    from ._admission import Admission
    from ._endpoint import Endpoint
    from ._proto.endpoint import EndpointCore
    from ._reporting import Reporter
    from ._sender import Datagram, Sender
    from ._transport import DatagramTransport

RECV_BUFFER: Final = 65536 + 64
"""Bytes of the receive buffer: any UDP datagram fits."""
BATCH: Final = 256
"""Datagrams read (or sent from the backlog) before yielding to other tasks."""
BATCH_BYTES: Final = 65536
"""Bytes read before the receive loop pumps and yields, even if more are waiting.

Bulk data arrives in jumbograms of up to 64 KiB, so a full window (255 packets, about
360 kB) is only six datagrams: read in one batch, nothing of it would be handed to the
reading task, consumed and so hard-acknowledged until all of it had been processed, and the
sender would wait out every batch with its window full.  Pumping after each 64 KiB lets the
reader free a sixth of the window while the rest is still being read.  Small datagrams (a
batch of ACKs or of small calls) stay within :data:`BATCH` datagrams per pass."""


@final
class Pump:
    """Flushes and wakes for one endpoint; runs its receive loop."""

    def __init__(self, endpoint: Endpoint, core: EndpointCore, sender: Sender,
                 clock: Callable[[], float], admission: Admission,
                 reporter: Reporter) -> None:
        self.endpoint = endpoint
        self.core = core
        self.sender = sender
        self.now = clock
        self.admission = admission
        self.reporter = reporter
        self.timer_scope: trio.CancelScope | None = None
        """The timer task's scope while it sleeps (its deadline is the core's next one)."""
        self.backlog: deque[Datagram] = deque()
        """Datagrams waiting for room in the socket's send buffer, in order."""
        self.backlog_event = trio.Event()
        """Set when the backlog gains datagrams (the backlog task then waits to write)."""
        self.receive_errors = 0
        """Errors reading the socket (ICMP reports surfacing as ``recvfrom`` errors)."""

    def pump(self) -> None:
        """Flush, hand over, wake and rearm (see the module docstring).  Never blocks."""
        core = self.core
        now = self.now()
        if core.listing_requests:
            self.endpoint._answer_listings(core.take_listing_requests())
        out = core.datagrams_to_send(now=now)  # (may free bundles: it verifies DATA)
        if core.freed_bundles and self.admission.grant(core.take_freed_bundles()):
            more = core.datagrams_to_send(now=now)  # the requests of the calls it started
            if more:
                out = out + more  # (a new list: an empty ``out`` may be the core's own)
        if out:
            self.send(out)
        if core.new_calls:
            self.endpoint._dispatch_new_calls(core.take_new_calls(), now)
        if core.dirty:
            for call in core.take_dirty():
                waiter = call.waiter
                if waiter is not None:
                    waiter._wake()
        self.rearm()
        reporter = self.reporter
        if now >= reporter.check_at:
            reporter.report(now)

    def pump_if_busy(self) -> None:
        """Pump when the core has work; otherwise only bring the timer forward if a timer
        was set earlier (what reading, which rarely sends anything, needs)."""
        if self.core.has_work():
            self.pump()
        else:
            self.rearm()

    def rearm(self) -> None:
        """Bring the timer task's deadline forward to the core's next one, if a timer moved
        earlier.  Only a timer set earlier than the last deadline asked for can make the
        timer task wake sooner; anything else at most wakes it early, and it asks again."""
        scope = self.timer_scope
        core = self.core
        if scope is not None and core.timers_moved:
            deadline = core.next_deadline()
            if deadline < scope.deadline:
                scope.deadline = deadline

    def send(self, out: list[Datagram]) -> None:
        """Send ``out`` now, or after the backlog that is already waiting."""
        backlog = self.backlog
        if backlog:
            backlog.extend(out)
            return
        sender = self.sender
        rest = sender.send(out)
        if rest is not None:
            backlog.extend(out[rest:])
            self.backlog_event.set()
        if sender.too_big:
            self.endpoint._too_big()

    async def receive_loop(self, transport: DatagramTransport) -> None:
        """Read datagrams until cancelled: a batch at a time, then one pump; wait once the
        socket is drained, else yield and read on.

        Cancellation (the endpoint closing) ends the loop while it waits or yields; a
        datagram already read is always fed to the core first.
        """
        recv = transport.recvfrom_into
        buf = bytearray(RECV_BUFFER)
        view = memoryview(buf)
        core = self.core
        clock = self.now
        while True:
            now = clock()
            count = 0
            taken = 0
            drained = False
            while count < BATCH and taken < BATCH_BYTES:
                try:
                    n, addr = recv(buf)
                except BlockingIOError:
                    drained = True
                    break
                except OSError as exc:
                    self.receive_errors += 1
                    self.endpoint._network_error(exc, now)
                    continue
                count += 1
                taken += n
                core.receive_datagram(view[:n], addr, now=now)
            if count:
                self.pump()
            if drained:
                await transport.wait_readable()
            else:
                await trio.lowlevel.checkpoint()
