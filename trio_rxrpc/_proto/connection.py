"""Peers, connections and their four call channels.

Theory of operation
-------------------
A *peer* is a remote UDP address; it holds what every call to that address shares: the RTT
estimator, the largest packet and jumbogram the peer accepts, and a congestion window hint
that seeds the next call.  A *connection* is (epoch, connection ID) plus one security index
and one service ID for its whole life (a service upgrade may change the latter once, on its
first packet: see :mod:`.upgrade`); it owns a serial-number counter for the packets we
send on it and four *channels*.  A channel carries one call at a time; call numbers on a
channel only go up.  When a call on a channel ends, the channel remembers its number and how
it ended, so a stray packet for it can be answered with the same final ACK or ABORT (the
peer may have missed ours) instead of starting something new.

Client connections are ours: we pick the epoch (one per endpoint) and the connection ID, and
group connections into bundles keyed by (peer, service, security identity), so calls with
different security never share one.  Server connections are the peer's: we find them by
(epoch, connection ID), plus the peer address unless the epoch's top bit says the client
accepts being matched by IDs alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from .pmtud import PathMTU
from .wire import RX_MAXCALLS

if TYPE_CHECKING:
    from collections.abc import Hashable

    from .call import CallCore
    from .rtt import RTTEstimator
    from .security.base import ConnectionSecurity, ServerSecurity

Address = tuple[str, int] | tuple[str, int, int, int]
"""A socket address as the :mod:`socket` module gives it (IPv4 or IPv6); the one
definition, which the trio layer imports too."""
Datagram = tuple[list[bytes | memoryview], Address]
"""One datagram to send: the pieces of a scatter list, and where to."""


@attrs.define(eq=False)
class Peer:
    """What we know of one remote address."""

    address: Address
    rtt: RTTEstimator
    max_mtu: int = 1444
    """The largest packet (header included) the peer says it accepts."""
    jumbo_max: int = 1
    """Most jumbogram sub-packets the peer accepts (1 until an ACK trailer says more)."""
    pmtud_peer: bool = False
    """The peer's latest ACK trailer said jumbo maximum 0 ("I discover path MTUs", Linux):
    our ACKs to it say the same, with our full max MTU (see :mod:`.ack`)."""
    trailer_asked: bool = False
    """We have seen the peer's ACK trailer, or pinged it once to see one (see
    :func:`.pmtud.ask_trailer`)."""
    pmtu: PathMTU = attrs.Factory(PathMTU)
    """Path-MTU discovery towards the peer: how big our DATA datagrams may be."""
    cwnd_hint: int = 0
    """Congestion window the last call to this peer ended with (0: none yet)."""
    last_heard: float = 0.0
    unused_since: float = 0.0
    """When the last connection stopped pointing here (see :mod:`.tables`)."""
    conns: set[Connection] = attrs.Factory(set)
    """The connections that point at this peer."""
    calls: int = 0
    bytes_sent: int = 0
    bytes_received: int = 0
    packets_sent: int = 0
    packets_received: int = 0
    retransmits: int = 0


@attrs.define(eq=False, slots=True)
class Channel:
    """One of a connection's four call slots.

    While a call runs, :attr:`call` is it.  Once it has ended the channel lets go of the call
    and keeps only what a stray packet for it needs (the peer may have missed our final ACK
    or ABORT): how it ended and where its incoming data stopped.
    """

    call: CallCore | None = None
    call_number: int = 0
    """The highest call number seen or used on the channel."""
    final_succeeded: bool = False
    """The channel's last call ended well (a stray DATA or PING gets the final ACK again)."""
    final_abort: int = 0
    """The channel's last call was aborted by us with this code (0: it was not)."""
    final_rx_seq: int = 0
    """The last DATA seq the channel's last call received."""


@attrs.define(eq=False)
class Connection:
    """One Rx connection (either direction)."""

    peer: Peer
    epoch: int
    cid: int
    """Connection ID with the channel bits clear."""
    service_id: int
    security_index: int
    security: ConnectionSecurity
    is_client: bool
    orig_service_id: int = attrs.field()
    """The service ID the connection started with (``service_id`` differs after an upgrade)."""
    upgrade: bool = False
    """A client connection that asks the server for a service upgrade (see :mod:`.upgrade`)."""
    upgrade_settled: bool = False
    """Such a connection knows whether the server upgraded it (it has had DATA from it)."""
    bundle_key: Hashable | None = None
    key: Hashable = None
    """A server connection's key in the endpoint's table."""
    channels: list[Channel] = attrs.Factory(lambda: [Channel() for _ in range(RX_MAXCALLS)])
    serial: int = 0
    """Last serial number we stamped on a packet of this connection."""
    last_used: float = 0.0
    proven: bool = False
    """The peer has shown it receives our packets (see :mod:`.tables`)."""
    dead_code: int = 0
    """Non-zero once the connection was aborted (its calls can no longer run)."""
    # Server side, before the security class is satisfied:
    server_security: ServerSecurity | None = None
    challenge_body: bytes | None = None
    challenge_sent_at: float = 0.0
    challenge_tries: int = 0
    held: list[tuple[CallCore, int, int, int, int, bytes]] = attrs.Factory(list)
    """DATA that arrived before authentication: (call, seq, flags, serial, cksum, payload)."""
    # Client side:
    responded: bool = False

    @orig_service_id.default
    def _orig_service_id(self) -> int:
        return self.service_id

    def next_serial(self, count: int = 1) -> int:
        """Reserve ``count`` consecutive serials; return the first."""
        first = self.serial + 1
        self.serial += count
        return first & 0xFFFFFFFF

    def live_calls(self) -> list[CallCore]:
        """Calls on this connection that have not completed."""
        return [ch.call for ch in self.channels if ch.call is not None]

    def has_live_calls(self) -> bool:
        """Whether any channel carries a call that has not completed."""
        c = self.channels
        return not (c[0].call is None and c[1].call is None and c[2].call is None
                    and c[3].call is None)

    def securing_calls(self) -> bool:
        """Whether a call waits for the connection's security handshake (server side)."""
        return self.challenge_body is not None and not self.security.authenticated and (
            self.has_live_calls())

    def free_channel(self) -> int | None:
        """A channel that can carry a new call now, if any (client side)."""
        for index, ch in enumerate(self.channels):
            if ch.call is None:
                return index
        return None
