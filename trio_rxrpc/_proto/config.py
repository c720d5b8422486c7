"""Endpoint configuration: the tunable protocol parameters, validated once."""

from __future__ import annotations

import attrs

from .wire import JUMBO_DATALEN, JUMBO_SUBPKTLEN, MAX_ACKS, MAX_JUMBO_PACKETS


def _positive(_inst: object, attr: attrs.Attribute[float], value: float) -> None:
    if not value > 0:
        raise ValueError(f"{attr.name} must be positive, not {value!r}")


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
    """Silence from the peer, during a call, after which the call fails (RX_CALL_DEAD)."""
    keepalive_time: float = attrs.field(default=3.0, validator=_positive)
    """A PING goes out when a live call has heard nothing for this long."""
    hard_timeout: float | None = None
    """Default upper limit on any call's lifetime, or ``None`` for no limit."""
    ack_delay: float = attrs.field(default=0.01, validator=_positive)
    """How long an ACK that nothing requested may wait to be combined with others."""
    initial_rto: float = attrs.field(default=1.0, validator=_positive)
    min_rto: float = attrs.field(default=0.2, validator=_positive)
    max_rto: float = attrs.field(default=60.0, validator=_positive)
    busy_retries: int = attrs.field(default=3, validator=attrs.validators.ge(0))
    """BUSY answers a call tolerates (retrying after a backoff) before failing with ServerBusy."""
    connection_idle_time: float = attrs.field(default=600.0, validator=_positive)
    """An unused connection is forgotten after this long."""
    max_connections: int = attrs.field(default=100_000, validator=attrs.validators.ge(1))
    """Server connections kept at most; new ones past it are answered with BUSY."""
    udp_buffer_size: int | None = 4 * 1024 * 1024
    """SO_RCVBUF/SO_SNDBUF asked of the kernel (it may cap it)."""
    version_string: str = "trio-rxrpc 0.1.0"
    """What we answer to an rxdebug VERSION request."""
    remote_listing: bool = False
    """Answer ``python -m trio_rxrpc list`` from other hosts too (default: loopback only)."""

    @property
    def max_mtu(self) -> int:
        """The largest Rx packet we accept, advertised in our ACK trailers."""
        return 28 + JUMBO_DATALEN + (self.max_jumbo - 1) * JUMBO_SUBPKTLEN
