"""Tools for testing code that speaks RxRPC, without a real network.

:class:`SimulatedNetwork` is an in-memory UDP network with seeded loss, duplication, delay,
jitter, reordering and corruption, plus a per-datagram :class:`Verdict` policy.  Hand it to
``open_endpoint`` in place of the real network and run the test under
:class:`trio.testing.MockClock`: every run with the same seed is the same.

:func:`read_udp_datagrams` reads the UDP datagrams of a pcapng capture, so recorded traffic
can be replayed through the codec.
"""

from __future__ import annotations

from trio_rxrpc.testing._pcapng import (
    CaptureFormatError as CaptureFormatError,
    UDPDatagram as UDPDatagram,
    read_udp_datagrams as read_udp_datagrams,
)
from trio_rxrpc.testing._simnet import (
    DEFAULT_BUFFER_SIZE as DEFAULT_BUFFER_SIZE,
    Datagram as Datagram,
    Delivery as Delivery,
    NetworkStatistics as NetworkStatistics,
    SimulatedNetwork as SimulatedNetwork,
    SimulatedTransport as SimulatedTransport,
    TraceEntry as TraceEntry,
    Verdict as Verdict,
)
