"""Frozen snapshots of counters: what ``statistics()`` returns.

:meth:`Endpoint.statistics`, :meth:`BoundSocket.statistics` and :meth:`Call.statistics`
each return one of the classes here, as trio's objects do (``MemoryChannelStatistics``).  A
snapshot never changes; ask again for fresh figures.  Everything a monitoring tool needs is
here, so nothing outside the library has to look into the protocol core.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ._proto.call import CallCore, CallState, Completion
    from ._proto.connection import Address
    from ._proto.endpoint import EndpointCore


@attrs.frozen(kw_only=True)
class EndpointStatistics:
    """Counters of an :class:`~trio_rxrpc.Endpoint` since it opened.

    Every datagram received is either taken (by a call, a connection, or as an rxdebug
    request we answered) or dropped, so
    ``datagrams_received == sum(taken.values()) + sum(dropped.values())``.
    """

    datagrams_received: int
    bytes_received: int
    datagrams_sent: int
    bytes_sent: int
    taken: Mapping[str, int]
    """Datagrams taken, by kind: ``data``, ``ack``, ``busy``, ``abort``, ``ackall``,
    ``challenge``, ``response``, ``debug``, ``version``."""
    dropped: Mapping[str, int]
    """Datagrams dropped, by reason (every reason is present; see ``DROP_REASONS`` in
    ``trio_rxrpc._proto.counters`` for what each means)."""
    data_packets_sent: int
    data_packets_received: int
    retransmits: int
    """DATA packets sent again (tail-loss probes included)."""
    tail_probes: int = 0
    """Tail-loss probes sent: a client call's last unacknowledged packet, resent when no
    ACK came for about two round trips (see :doc:`design`)."""
    duplicates: int
    """DATA packets that a call already had."""
    out_of_window: int
    """DATA packets beyond a call's receive window."""
    bad_acks: int
    """ACKs that acknowledged packets never sent (ignored)."""
    acks_superseded: int
    """Plain ACKs (no NACK, ping or RTT sample in them) that a later ACK of the same call in
    the same receive batch made redundant: only the newest of a batch is applied."""
    acks_sent: int
    busy_sent: int
    busy_received: int
    aborts_sent: Mapping[int, int]
    """ABORT packets sent, by abort code."""
    aborts_received: Mapping[int, int]
    """ABORT packets received, by abort code (bounded: see ``MAX_CODES_COUNTED``)."""
    security_failures: int
    dead_peers: int
    """Calls that ended because the peer fell silent for the normal timeout."""
    timeouts: int
    """Calls aborted by their hard or idle timeout."""
    evictions: int
    """Connections dropped to make room for new ones (idle ones first, then unproven ones)."""
    rebinds: int
    """Connections that followed their client to a new address."""
    internal_errors: int
    send_errors: int
    """Datagrams the operating system refused to send."""
    send_calls: int = 0
    """``sendmsg`` calls made: fewer than ``datagrams_sent`` when UDP GSO grouped them."""
    udp_gso: bool = False
    """Whether runs of equal-size datagrams go out with one ``sendmsg`` (Linux UDP GSO)."""
    gso_refused: int = 0
    """GSO sends the kernel refused as unsupported (the endpoint then stopped using GSO)."""
    receive_errors: int
    """Errors reading the socket (ICMP reports included)."""
    pmtu_probes_sent: int = 0
    """Path-MTU probes (PINGs padded to the size under test) sent."""
    pmtu_probes_confirmed: int = 0
    """Probes the peer answered: the path carries their size."""
    pmtu_probes_lost: int = 0
    """Probes that went unanswered (each size is tried twice before it counts as too big)."""
    pmtu_too_big: int = 0
    """"Too big" reports: ICMP "fragmentation needed", or the kernel refusing a datagram."""
    pmtu_black_holes: int = 0
    """Retransmission timeouts after jumbograms that made a path's size drop to the base."""
    busy_polls: int = 0
    """Times the trio run was about to sleep and watched this endpoint's socket first
    (:attr:`~trio_rxrpc.EndpointConfig.busy_poll`)."""
    busy_poll_hits: int = 0
    """Of those, the ones that ended because a datagram came: a wake-up saved."""
    calls_live: int
    calls_started: int
    admission_waited: int = 0
    """Client calls that had to wait to start because their bundle had
    :attr:`~trio_rxrpc.EndpointConfig.max_calls_per_bundle` live calls."""
    admission_waiting: int = 0
    """Client calls waiting for admission now."""
    calls_accepted: int
    server_connections: int
    client_connections: int
    peers: int
    held_bytes: int
    """DATA held for calls whose security handshake is under way."""
    smoothed_rtt: float | None
    """The mean smoothed round-trip time over peers that have one, in seconds."""


@attrs.frozen(kw_only=True)
class SocketStatistics:
    """The state of a :class:`~trio_rxrpc.BoundSocket`."""

    service_ids: frozenset[int]
    calls: int
    """Calls bound to this socket."""
    accept_queue: int
    """Calls waiting in the accept queue this socket shares."""
    backlog: int
    """The accept queue's capacity (0 if the socket does not listen)."""
    recv_queue: int
    """Message-API calls with something for :meth:`~trio_rxrpc.BoundSocket.recvmsg`."""
    charges: int
    """User call IDs charged for incoming calls."""
    busy_sent: int
    """BUSY answers sent because the accept queue was full."""
    quick_replies: int = 0
    """Calls answered by ``serve()``'s ``quick`` function."""
    closed: bool


@attrs.frozen(kw_only=True)
class CallStatistics:
    """Counters and protocol state of one :class:`~trio_rxrpc.Call`."""

    state: CallState
    completion: Completion | None
    abort_code: int | None
    is_client: bool
    service_id: int
    peer: Address
    bytes_sent: int
    """Bytes of this side's phase queued to send so far."""
    bytes_received: int
    packets_sent: int
    packets_received: int
    retransmits: int
    packets_in_flight: int
    congestion_window: int
    busy_count: int
    """BUSY answers this (client) call has had."""
    smoothed_rtt: float | None
    """The peer's smoothed round-trip time, in seconds, once measured."""
    rto: float
    """The peer's retransmission timeout, in seconds."""
    timeout: float
    """The normal timeout: how long the peer may stay silent."""
    idle_timeout: float | None


def endpoint_statistics(core: EndpointCore, *, bytes_sent: int, send_errors: int,
                        receive_errors: int, send_calls: int = 0, udp_gso: bool = False,
                        gso_refused: int = 0, admission_waited: int = 0,
                        admission_waiting: int = 0, busy_polls: int = 0,
                        busy_poll_hits: int = 0) -> EndpointStatistics:
    """Snapshot an endpoint core's counters (the trio layer adds its socket figures)."""
    c = core.counters
    rtts = [p.rtt.srtt for p in core.peers.values() if p.rtt.samples]
    return EndpointStatistics(
        datagrams_received=c.datagrams_received, bytes_received=c.bytes_received,
        datagrams_sent=c.datagrams_sent, bytes_sent=bytes_sent,
        taken=MappingProxyType(c.taken()), dropped=MappingProxyType(c.dropped()),
        data_packets_sent=c.data_sent,
        data_packets_received=c.data_received + sum(
            call.packets_received for call in core.live_calls),
        retransmits=c.data_resent, tail_probes=c.tail_probes, duplicates=c.duplicates,
        out_of_window=c.out_of_window,
        bad_acks=c.bad_acks, acks_superseded=c.acks_superseded, acks_sent=c.acks_sent,
        busy_sent=c.busy_sent, busy_received=c.busy_received,
        aborts_sent=MappingProxyType(dict(c.aborts_sent)),
        aborts_received=MappingProxyType(dict(c.aborts_received)),
        security_failures=c.security_failures, dead_peers=c.dead_peers, timeouts=c.timeouts,
        evictions=c.evictions, rebinds=c.rebinds, internal_errors=c.internal_errors,
        send_errors=send_errors, receive_errors=receive_errors, send_calls=send_calls,
        udp_gso=udp_gso, gso_refused=gso_refused,
        pmtu_probes_sent=c.pmtu_probes_sent, pmtu_probes_confirmed=c.pmtu_probes_confirmed,
        pmtu_probes_lost=c.pmtu_probes_lost, pmtu_too_big=c.pmtu_too_big,
        pmtu_black_holes=c.pmtu_black_holes,
        calls_live=len(core.live_calls), calls_started=c.calls_started,
        admission_waited=admission_waited, admission_waiting=admission_waiting,
        busy_polls=busy_polls, busy_poll_hits=busy_poll_hits,
        calls_accepted=c.calls_accepted, server_connections=len(core.server_conns),
        client_connections=len(core.client_conns), peers=len(core.peers),
        held_bytes=core.held_bytes,
        smoothed_rtt=sum(rtts) / len(rtts) if rtts else None)


def call_statistics(core: CallCore) -> CallStatistics:
    """Snapshot one call's counters and state."""
    rtt = core.peer.rtt
    return CallStatistics(
        state=core.state, completion=core.completion,
        abort_code=core.abort_code if core.completion is not None and core.abort_code else None,
        is_client=core.is_client, service_id=core.service_id, peer=core.peer.address,
        bytes_sent=core.tx_queued_bytes, bytes_received=core.bytes_received,
        packets_sent=core.packets_sent, packets_received=core.packets_received,
        retransmits=core.retransmits, packets_in_flight=core.tx_inflight,
        congestion_window=core.cc.cwnd, busy_count=core.busy_count,
        smoothed_rtt=rtt.srtt if rtt.samples else None, rto=rtt.rto(),
        timeout=core.timeout, idle_timeout=core.idle_timeout)
