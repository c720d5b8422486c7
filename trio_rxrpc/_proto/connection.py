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


class Peer:
    """What we know of one remote address."""

    def __init__(self, *, address: Address, rtt: RTTEstimator) -> None:
        self.address = address
        self.rtt = rtt
        self.max_mtu = 1444
        """The largest packet (header included) the peer says it accepts."""
        self.jumbo_max = 1
        """Most jumbogram sub-packets the peer accepts (1 until an ACK trailer says more)."""
        self.pmtud_peer = False
        """The peer's latest ACK trailer said jumbo maximum 0 ("I discover path MTUs",
        Linux): our ACKs to it say the same, with our full max MTU (see :mod:`.ack`)."""
        self.trailer_asked = False
        """We have seen the peer's ACK trailer, or pinged it once to see one (see
        :func:`.pmtud.ask_trailer`)."""
        self.pmtu = PathMTU()
        """Path-MTU discovery towards the peer: how big our DATA datagrams may be."""
        self.cwnd_hint = 0
        """Congestion window the last call to this peer ended with (0: none yet)."""
        self.last_heard = 0.0
        self.unused_since = 0.0
        """When the last connection stopped pointing here (see :mod:`.tables`)."""
        self.conns: set[Connection] = set()
        """The connections that point at this peer."""
        self.calls = 0
        self.bytes_sent = 0
        self.bytes_received = 0
        self.packets_sent = 0
        self.packets_received = 0
        self.retransmits = 0

    def __repr__(self) -> str:
        return f"<Peer {self.address!r} conns={len(self.conns)} calls={self.calls}>"


class Channel:
    """One of a connection's four call slots.

    While a call runs, :attr:`call` is it.  Once it has ended the channel lets go of the call
    and keeps only what a stray packet for it needs (the peer may have missed our final ACK
    or ABORT): how it ended and where its incoming data stopped.
    """

    __slots__ = ("call", "call_number", "final_abort", "final_rx_seq", "final_succeeded")

    def __init__(self) -> None:
        self.call: CallCore | None = None
        self.call_number = 0
        """The highest call number seen or used on the channel."""
        self.final_succeeded = False
        """The channel's last call ended well (a stray DATA or PING gets the final ACK
        again)."""
        self.final_abort = 0
        """The channel's last call was aborted by us with this code (0: it was not)."""
        self.final_rx_seq = 0
        """The last DATA seq the channel's last call received."""

    def __repr__(self) -> str:
        return (f"<Channel call_number={self.call_number} "
                f"{'busy' if self.call is not None else 'free'}>")


class Connection:
    """One Rx connection (either direction)."""

    def __init__(self, *, peer: Peer, epoch: int, cid: int, service_id: int,
                 security_index: int, security: ConnectionSecurity, is_client: bool,
                 orig_service_id: int | None = None, upgrade: bool = False,
                 bundle_key: Hashable | None = None, last_used: float = 0.0,
                 server_security: ServerSecurity | None = None) -> None:
        self.peer = peer
        self.epoch = epoch
        self.cid = cid
        """Connection ID with the channel bits clear."""
        self.service_id = service_id
        self.security_index = security_index
        self.security = security
        self.is_client = is_client
        self.orig_service_id = service_id if orig_service_id is None else orig_service_id
        """The service ID the connection started with (``service_id`` differs after an
        upgrade)."""
        self.upgrade = upgrade
        """A client connection that asks the server for a service upgrade (see
        :mod:`.upgrade`)."""
        self.upgrade_settled = False
        """Such a connection knows whether the server upgraded it (it has had DATA from
        it)."""
        self.bundle_key = bundle_key
        self.key: Hashable = None
        """A server connection's key in the endpoint's table."""
        self.channels = [Channel() for _ in range(RX_MAXCALLS)]
        self.serial = 0
        """Last serial number we stamped on a packet of this connection."""
        self.last_used = last_used
        self.proven = False
        """The peer has shown it receives our packets (see :mod:`.tables`)."""
        self.dead_code = 0
        """Non-zero once the connection was aborted (its calls can no longer run)."""
        # Server side, before the security class is satisfied:
        self.server_security = server_security
        self.challenge_body: bytes | None = None
        self.challenge_sent_at = 0.0
        self.challenge_tries = 0
        self.held: list[tuple[CallCore, int, int, int, int, bytes]] = []
        """DATA that arrived before authentication: (call, seq, flags, serial, cksum,
        payload)."""
        # Client side (see :mod:`.handshake`):
        self.response: bytes | None = None
        """The RESPONSE we last answered a CHALLENGE with, repeated until the server shows
        it has it."""
        self.response_sent_at = 0.0
        self.response_repeats = 0
        self.handshake_done = False
        """The server has sent DATA on this connection, so it has our RESPONSE."""
        self.unchallenged_since = 0.0
        """When housekeeping first found the calls answered without a CHALLENGE (0: not)."""

    def __repr__(self) -> str:
        side = "client" if self.is_client else "server"
        return (f"<Connection {side} epoch={self.epoch:#x} cid={self.cid:#x} "
                f"service={self.service_id} security={self.security_index}>")

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
