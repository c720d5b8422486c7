"""Putting an endpoint's datagrams on its transport, counting what happened.

Normally each datagram is one ``sendmsg``.  Where the transport offers Linux's UDP
segmentation offload (GSO), a run of consecutive datagrams to the same address whose sizes
are all equal (the last of the run may be shorter) goes out in one ``sendmsg``: the runs'
scatter lists are concatenated (the payload bytes are never copied) and a ``UDP_SEGMENT``
control message tells the kernel where to cut.  If the kernel refuses such a send as
unsupported, the sender stops grouping for good and sends that run one datagram at a time.
"""

from __future__ import annotations

import errno
import struct
from typing import TYPE_CHECKING, final

from ._transport import SOL_UDP, UDP_SEGMENT

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ._transport import Address, DatagramTransport

Datagram = tuple[list[bytes | memoryview], "Address"]

SEND_FAILURES = (OSError, OverflowError, ValueError, TypeError)
"""What ``sendmsg`` may raise for one datagram: counted as a send error, never raised."""

GSO_MAX_SEGMENTS = 64
"""The most datagrams in one GSO send (the kernel's oldest limit)."""
GSO_MAX_BYTES = 65000
"""The most bytes in one GSO send: the whole must fit in one (unfragmented) UDP datagram."""

_GSO_REFUSED = frozenset({errno.EINVAL, errno.EIO, errno.ENOPROTOOPT, errno.EOPNOTSUPP})
"""Errors meaning "no GSO here" (an old kernel, a device or route that cannot segment)."""

_SEGMENT_SIZE = struct.Struct("=H")


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

    def send(self, out: Sequence[Datagram], start: int = 0) -> int | None:
        """Send ``out[start:]`` in order.

        Returns the index of the first datagram not sent because the socket's buffer is full
        (it and the rest are still to send), or None once all were sent or counted as errors.
        """
        if self.gso:
            return self._send_grouped(out, start)
        sendmsg = self._transport.sendmsg
        sent = 0
        n = len(out)
        for i in range(start, n):
            parts, addr = out[i]
            try:
                sent += sendmsg(parts, (), 0, addr)
            except BlockingIOError:
                self.bytes_sent += sent
                self.send_calls += i + 1 - start
                return i
            except SEND_FAILURES:
                # The kernel refused this datagram (unreachable, too big...): count it; the
                # protocol's timers deal with the loss like any other.
                self.send_errors += 1
        self.bytes_sent += sent
        self.send_calls += n - start
        return None

    def _send_grouped(self, out: Sequence[Datagram], start: int) -> int | None:
        sendmsg = self._transport.sendmsg
        n = len(out)
        i = start
        sent = 0
        calls = 0
        try:
            while i < n:
                parts, addr = out[i]
                j = i + 1
                run = parts
                size = 0
                if j < n:
                    size = sum(map(len, parts))
                    end = min(n, i + min(GSO_MAX_SEGMENTS, GSO_MAX_BYTES // max(size, 1)))
                    while j < end:
                        more, to = out[j]
                        if to is not addr and to != addr:
                            break
                        length = sum(map(len, more))
                        if length > size or length == 0:
                            break
                        if run is parts:
                            run = parts + more  # a new list: the datagram's own stays as is
                        else:
                            run += more
                        j += 1
                        if length < size:
                            break  # a shorter datagram ends the run
                calls += 1
                if j == i + 1:
                    try:
                        sent += sendmsg(parts, (), 0, addr)
                    except BlockingIOError:
                        return i
                    except SEND_FAILURES:
                        self.send_errors += 1
                    i = j
                    continue
                try:
                    sent += sendmsg(run, [(SOL_UDP, UDP_SEGMENT, _SEGMENT_SIZE.pack(size))],
                                    0, addr)
                except BlockingIOError:
                    return i
                except OSError as exc:
                    if exc.errno in _GSO_REFUSED:
                        self.gso = False
                        self.gso_refused += 1
                        return self.send(out, i)
                    self.send_errors += j - i
                except SEND_FAILURES:
                    self.send_errors += j - i
                i = j
        finally:
            self.bytes_sent += sent
            self.send_calls += calls
        return None
