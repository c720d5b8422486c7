"""Putting an endpoint's datagrams on its transport, counting what happened.

Normally each datagram is one ``sendmsg``.  Where the transport offers Linux's UDP
segmentation offload (GSO), a run of consecutive datagrams of one connection to the same
address whose sizes are all equal (the last of the run may be shorter) goes out in one
``sendmsg`` (the receiving kernel may choose a socket once for the whole run, so a run
never mixes connections): the runs'
scatter lists are concatenated (the payload bytes are never copied) and a ``UDP_SEGMENT``
control message tells the kernel where to cut.  If the kernel refuses such a send as
unsupported, the sender stops grouping for good and sends that run one datagram at a time.
"""

from __future__ import annotations

import errno
import struct
from itertools import islice
from typing import TYPE_CHECKING, Final, final

from ._transport import SOL_UDP, UDP_SEGMENT

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ._transport import Address, DatagramTransport

Datagram = tuple[list[bytes | memoryview], "Address"]

SEND_FAILURES: Final = (OSError, OverflowError, ValueError, TypeError)
"""What ``sendmsg`` may raise for one datagram: counted as a send error, never raised."""

GSO_MAX_SEGMENTS: Final = 64
"""The most datagrams in one GSO send (the kernel's oldest limit)."""
GSO_MAX_BYTES: Final = 65000
"""The most bytes in one GSO send: the whole must fit in one (unfragmented) UDP datagram."""

_GSO_REFUSED: Final = frozenset({errno.EINVAL, errno.EIO, errno.ENOPROTOOPT, errno.EOPNOTSUPP})
"""Errors meaning "no GSO here" (an old kernel, a device or route that cannot segment)."""

_SEGMENT_SIZE: Final = struct.Struct("=H")


@final
class Sender:
    """Sends batches of datagrams on one transport and keeps the send counters."""

    def __init__(self, transport: DatagramTransport, *, gso: bool) -> None:
        self._transport = transport
        self.gso = gso and bool(getattr(transport, "udp_gso", False))
        """Whether runs of datagrams are sent with UDP GSO (cleared if the kernel refuses)."""
        self.bytes_sent = 0
        self.send_errors = 0
        """Datagrams the kernel refused to send."""
        self.send_calls = 0
        """``sendmsg`` calls made (each may have carried several datagrams)."""
        self.gso_refused = 0
        """GSO sends the kernel refused as unsupported (grouping stops after the first)."""
        self.too_big: list[Address] = []
        """Destinations of datagrams refused as too big (EMSGSIZE) since the endpoint last
        took them: their path MTU is smaller than what we sent."""

    def send(self, out: Sequence[Datagram], start: int = 0) -> int | None:
        """Send ``out[start:]`` in order.

        Returns the index of the first datagram not sent because the socket's buffer is full
        (it and the rest are still to send), or None once all were sent or counted as errors.
        """
        if self.gso:
            if len(out) == 1 and not start:
                # One datagram (a small call's request, reply or ACK): no run to build.
                parts, addr = out[0]
                return 0 if self._send_run(parts, addr, 1, 0) else None
            return self._send_grouped(out, start)
        sendmsg = self._transport.sendmsg
        sent = 0
        n = len(out)
        for i, (parts, addr) in enumerate(islice(out, start, None) if start else out, start):
            try:
                sent += sendmsg(parts, (), 0, addr)
            except BlockingIOError:
                self.bytes_sent += sent
                self.send_calls += i + 1 - start
                return i
            except SEND_FAILURES as exc:
                # The kernel refused this datagram (unreachable, too big...): count it; the
                # protocol's timers deal with the loss like any other.
                self.send_errors += 1
                if isinstance(exc, OSError) and exc.errno == errno.EMSGSIZE:
                    self.too_big.append(addr)
        self.bytes_sent += sent
        self.send_calls += n - start
        return None

    def _send_grouped(self, out: Sequence[Datagram], start: int) -> int | None:
        # One pass over the batch: datagrams join the current run while they go to the same
        # address with the same size; anything else sends the run and starts a new one.
        run: list[bytes | memoryview] = []
        run_addr: Address | None = None
        run_conn: bytes | memoryview = b""
        run_start = start
        size = count = limit = 0
        for i, (parts, addr) in enumerate(islice(out, start, None) if start else out, start):
            length = (len(parts[0]) + len(parts[1]) if len(parts) == 2
                      else sum(map(len, parts)))
            # The epoch and connection ID: a run never mixes connections, because the
            # receiving host may pick a socket per run (an endpoint group steers on the
            # connection ID of a run's first datagram, see _group.py).
            conn = parts[0][:8]
            if count:
                if (count < limit and 0 < length <= size
                        and (addr is run_addr or addr == run_addr) and conn == run_conn):
                    # Join the run (a new list: the datagram's own stays as it is).
                    if count == 1:
                        run = run + parts
                    else:
                        run += parts
                    count += 1
                    if length == size:
                        continue
                    length = -1  # a shorter datagram ends the run: send it now
                status = self._send_run(run, run_addr, count, size)
                if status is not None:
                    return run_start if status else self.send(out, run_start)
                if length < 0:
                    count = 0
                    continue
            run, run_addr, run_start, run_conn = parts, addr, i, conn
            size, count = length, 1
            limit = min(GSO_MAX_SEGMENTS, GSO_MAX_BYTES // max(length, 1))
        if count:
            status = self._send_run(run, run_addr, count, size)
            if status is not None:
                return run_start if status else self.send(out, run_start)
        return None

    def _send_run(self, parts: list[bytes | memoryview], addr: Address | None, count: int,
                  size: int) -> bool | None:
        """Send one run: None when done (or counted as failed); True when the buffer is
        full; False when the kernel refused GSO (now off: the caller resends the run)."""
        self.send_calls += 1
        try:
            if count == 1:
                self.bytes_sent += self._transport.sendmsg(parts, (), 0, addr)
            else:
                self.bytes_sent += self._transport.sendmsg(
                    parts, [(SOL_UDP, UDP_SEGMENT, _SEGMENT_SIZE.pack(size))], 0, addr)
        except BlockingIOError:
            return True
        except OSError as exc:
            if count > 1 and exc.errno in _GSO_REFUSED:
                self.gso = False
                self.gso_refused += 1
                return False
            self.send_errors += count
            if exc.errno == errno.EMSGSIZE and addr is not None:
                self.too_big.append(addr)
        except SEND_FAILURES:
            self.send_errors += count
        return None
