"""Endpoint configuration: the tunable protocol parameters, validated once."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from collections.abc import Callable

from .wire import JUMBO_DATALEN, JUMBO_SUBPKTLEN, MAX_ACKS, MAX_JUMBO_PACKETS


def _seconds(name: str, value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{name} must be a number of seconds, not {value!r}")
    if not value > 0 or value != value or value == float("inf"):
        raise ValueError(f"{name} must be a positive, finite number, not {value!r}")


def _positive(_inst: object, attr: attrs.Attribute[float], value: float) -> None:
    _seconds(attr.name, value)


def _positive_or_none(_inst: object, attr: attrs.Attribute[float] | attrs.Attribute[float | None],
                      value: float | None) -> None:
    if value is not None:
        _seconds(attr.name, value)


MAX_BUSY_POLL = 0.01
"""The longest :attr:`EndpointConfig.busy_poll` allowed, in seconds: longer spins would
stall the rest of the trio run."""


def _busy_poll(_inst: object, attr: attrs.Attribute[float], value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{attr.name} must be a number of seconds, not {value!r}")
    if not 0 <= value <= MAX_BUSY_POLL:
        raise ValueError(f"{attr.name} must be between 0 and {MAX_BUSY_POLL} seconds, "
                         f"not {value!r}")


def _count_or_none(_inst: object, attr: attrs.Attribute[int] | attrs.Attribute[int | None],
                   value: int | None) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{attr.name} must be an integer or None, not {value!r}")
    if value < 1:
        raise ValueError(f"{attr.name} must be at least 1, not {value!r}")


def _count(low: int) -> Callable[[object, attrs.Attribute[int], int], None]:
    def check(_inst: object, attr: attrs.Attribute[int], value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{attr.name} must be an integer, not {value!r}")
        if value < low:
            raise ValueError(f"{attr.name} must be at least {low}, not {value!r}")
    return check


@attrs.frozen(kw_only=True)
class EndpointConfig:
    """Protocol parameters of an :class:`~trio_rxrpc.Endpoint`.  All times are seconds."""

    rx_window: int = attrs.field(
        default=255, validator=attrs.validators.in_(range(1, MAX_ACKS + 1)))
    """Packets we let a peer have outstanding towards us per call (advertised as rwind)."""
    tx_window: int = attrs.field(
        default=255, validator=attrs.validators.in_(range(1, MAX_ACKS + 1)))
    """The most packets we keep unacknowledged per call, whatever the peer advertises.

    A sending call queues up to twice this many packets (the second window sealed and
    ready), so it holds at most about ``2 * tx_window * 1.4`` kB of outgoing data."""
    max_jumbo: int = attrs.field(
        default=MAX_JUMBO_PACKETS, validator=attrs.validators.in_(range(1, MAX_JUMBO_PACKETS + 1)))
    """Most sub-packets per jumbogram we send or invite (1 disables jumbograms)."""
    initial_cwnd: int = attrs.field(default=16, validator=attrs.validators.in_(range(1, 256)))
    """Congestion window of a call to a peer we know nothing about yet."""
    dead_time: float = attrs.field(default=20.0, validator=_positive)
    """The *normal* timeout: silence from the peer, during a call, after which the call fails
    with :class:`~trio_rxrpc.NetworkError` (``RX_CALL_DEAD``).  A live peer answers our pings,
    so this is how long a vanished peer (crashed, unplugged) holds a call.  Per call:
    ``timeout=``."""
    keepalive_time: float = attrs.field(default=3.0, validator=_positive)
    """A PING goes out when a live call has heard nothing for this long."""
    hard_timeout: float | None = attrs.field(default=None, validator=_positive_or_none)
    """Default upper limit on any call's lifetime, or ``None`` for no limit.  A call past it is
    aborted with ``RX_CALL_TIMEOUT`` (:class:`~trio_rxrpc.CallTimeout`).  Per call:
    ``hard_timeout=``."""
    server_idle_timeout: float | None = attrs.field(default=30.0, validator=_positive_or_none)
    """The *idle* timeout of incoming calls: how long a call that waits on its client may go
    without the client making progress (delivering a packet's worth of data, ending its
    request, or acknowledging our reply) before it is aborted with ``RX_CALL_TIMEOUT``.  This
    frees a server from a client that trickles its request, or only answers pings.  ``None``
    disables it.  Per call: :meth:`~trio_rxrpc.Call.set_timeouts`."""
    client_idle_timeout: float | None = attrs.field(default=None, validator=_positive_or_none)
    """The idle timeout of calls we make (see ``server_idle_timeout``).  Off by default: a
    server may rightly take long to compute a reply.  Per call: ``idle_timeout=``."""
    flush_delay: float = attrs.field(default=0.01, validator=_positive)
    """How long ``send_all`` keeps a part-filled packet back in case more data or the end of
    the phase follows; after it the packet goes out as it is.  ``Call.flush()`` sends one at
    once."""
    ack_delay: float = attrs.field(default=0.01, validator=_positive)
    """How long an ACK that nothing requested may wait to be combined with others."""
    initial_rto: float = attrs.field(default=1.0, validator=_positive)
    min_rto: float = attrs.field(default=0.2, validator=_positive)
    max_rto: float = attrs.field(default=60.0, validator=_positive)
    busy_retry_limit: float = attrs.field(default=1.0, validator=_positive)
    """The longest wait between tries (give or take half, at random) of a call the server
    answered with BUSY.  Like OpenAFS
    and Linux, a call never fails on BUSY alone: it keeps trying (after the retransmission
    timeout, doubling up to this limit) until its normal timeout (``dead_time``) or hard
    timeout passes, and then fails with :class:`~trio_rxrpc.ServerBusy`."""
    connection_idle_time: float = attrs.field(default=600.0, validator=_positive)
    """A connection without calls is forgotten after this long (unproven ones sooner)."""
    unproven_connection_time: float = attrs.field(default=10.0, validator=_positive)
    """How long a server connection whose client has not yet shown it receives our packets
    (no call completed, no security handshake) is kept once it has no live call."""
    max_connections: int = attrs.field(default=20_000, validator=_count(1))
    """Server connections kept at most.  When the table is full, a new connection replaces the
    least recently active unproven one; when every one is proven, new clients get BUSY."""
    max_peers: int = attrs.field(default=20_000, validator=_count(1))
    """Peer records (remote addresses) kept at most; records no connection uses go first."""
    max_calls_per_bundle: int | None = attrs.field(default=256, validator=_count_or_none)
    """Live client calls at most per *bundle* (calls to one address and service with the
    same security and service-upgrade request: they share up to
    ``max_calls_per_bundle / 4`` connections), or ``None`` for no limit.  A further call
    waits, in ``async with`` (or the ``sendmsg`` that starts it), until a call of its bundle
    ends; waiting calls are admitted in the order they came.  Nothing is sent for a waiting
    call and its timeouts start when it is admitted.  Exclusive calls (``exclusive=True``)
    have a connection of their own, outside any bundle: they neither count nor wait.  Like
    Linux's AF_RXRPC, this keeps a burst of calls from flooding the server with first
    packets."""
    peer_idle_time: float = attrs.field(default=60.0, validator=_positive)
    """A peer record no connection uses is forgotten after this long."""
    max_held_bytes: int = attrs.field(default=4 * 1024 * 1024, validator=_count(0))
    """DATA bytes held, over all connections, for calls whose security handshake is still
    under way; past it such DATA is dropped (the client sends it again)."""
    udp_buffer_size: int | None = 4 * 1024 * 1024
    """SO_RCVBUF/SO_SNDBUF asked of the kernel (it may cap it)."""
    udp_gso: bool = True
    """Send runs of equal-size datagrams to one peer with a single ``sendmsg`` through Linux's
    UDP segmentation offload, where the socket supports it (off: one ``sendmsg`` each)."""
    busy_poll: float = attrs.field(default=0.0, validator=_busy_poll)
    """Seconds to keep watching the socket, each time the trio run is about to sleep,
    before letting it sleep (0, the default: never).  A datagram that comes within that
    time is read without waking a sleeping thread, which roughly doubles the rate of calls
    made one at a time; the time should cover the peer's turnaround (``200e-6`` does for
    small calls between two trio-rxrpc processes).  The price is a CPU kept busy while
    waiting, and other I/O in the run noticed up to this late; timers are not delayed.
    Only real UDP sockets are watched.  At most 0.01.  See :ref:`busy-polling`."""
    version_string: str = "trio-rxrpc 0.1.0"
    """What we answer to an rxdebug VERSION request."""
    remote_listing: bool = False
    """Answer ``python -m trio_rxrpc list`` from other hosts too (default: loopback only)."""

    @property
    def max_mtu(self) -> int:
        """The largest Rx packet we accept, advertised in our ACK trailers."""
        return 28 + JUMBO_DATALEN + (self.max_jumbo - 1) * JUMBO_SUBPKTLEN
