"""Listings of an endpoint's sockets, calls, connections and peers.

These mirror the Linux kernel's ``/proc/net/rxrpc/{sockets,calls,conns,peers}`` files: each
``list_*`` method returns frozen rows, and :func:`format_table` renders any of them as the
readable text table the command line prints.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from collections.abc import Hashable, Sequence

    from ._proto.call import CallCore
    from ._proto.connection import Address
    from ._proto.endpoint import EndpointCore
    from ._socket import BoundSocket



def _addr(address: tuple[object, ...]) -> str:
    host = str(address[0])
    if host.startswith("::ffff:"):
        host = host[7:]
    return f"[{host}]:{address[1]}" if ":" in host else f"{host}:{address[1]}"


@attrs.frozen(kw_only=True)
class SocketRow:
    """One bound socket (``/proc/net/rxrpc/sockets``)."""

    local: str
    service_ids: tuple[int, ...]
    calls: int
    """Calls bound to the socket."""
    accept_queue: int
    """Calls waiting in the accept queue the socket shares."""
    recv_queue: int
    """Calls with a message waiting to be read by the socket."""
    charges: int


@attrs.frozen(kw_only=True)
class CallRow:
    """One call (``/proc/net/rxrpc/calls``)."""

    local: str
    remote: str
    service_id: int
    cid: int
    call_number: int
    side: str
    state: str
    completion: str
    abort_code: int
    user_id: str
    tx_base: int
    tx_top: int
    rx_consumed: int
    rx_top: int
    bytes_sent: int
    bytes_received: int
    packets_sent: int
    packets_received: int
    retransmits: int


@attrs.frozen(kw_only=True)
class ConnectionRow:
    """One connection (``/proc/net/rxrpc/conns``)."""

    local: str
    remote: str
    service_id: int
    side: str
    epoch: int
    cid: int
    security_index: int
    level: int
    call_numbers: tuple[int, int, int, int]
    live_calls: int
    serial: int


@attrs.frozen(kw_only=True)
class PeerRow:
    """One peer (``/proc/net/rxrpc/peers``)."""

    local: str
    remote: str
    connections: int
    calls: int
    rtt_ms: float
    rto_ms: float
    max_mtu: int
    """The largest packet the peer says it accepts."""
    jumbo: int
    """Most sub-packets per jumbogram the peer accepts."""
    pmtu: int = 1444
    """The size path-MTU discovery confirmed: our DATA datagrams to the peer are no larger."""
    pmtu_bad: int = 0
    """The smallest size found not to reach the peer (0: none known)."""
    probing: bool = False
    """A path-MTU probe to the peer is in flight."""
    tx_jumbo: int = 1
    """Sub-packets per DATA datagram we send the peer now (what fits ``pmtu``)."""
    packets_sent: int
    packets_received: int
    retransmits: int


def format_table(rows: Sequence[attrs.AttrsInstance]) -> str:
    """Render rows of one kind as an aligned text table (header line first)."""
    if not rows:
        return "(none)"
    names = [f.name for f in attrs.fields(type(rows[0]))]
    cells = [[_cell(getattr(r, n)) for n in names] for r in rows]
    widths = [max(len(n), *(len(c[i]) for c in cells)) for i, n in enumerate(names)]
    lines = ["  ".join(n.upper().ljust(w) for n, w in zip(names, widths, strict=True)).rstrip()]
    lines.extend("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
                 for row in cells)
    return "\n".join(lines)


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    if isinstance(value, tuple):
        return ",".join(str(v) for v in value)
    return str(value)


class ListingMixin:
    """The listing methods of :class:`~trio_rxrpc.Endpoint`."""

    _core: EndpointCore
    _sockets: list[BoundSocket]

    @property
    def address(self) -> Address:
        """The local address (provided by the endpoint)."""
        raise NotImplementedError

    @property
    def _local(self) -> str:
        return _addr(self.address)  # Endpoint provides it

    def list_sockets(self) -> list[SocketRow]:
        """Every open bound socket: services, calls bound, queued for accept, unread."""
        rows = []
        for sock in self._sockets:
            group = sock._group
            pending = group.listener.pending if group is not None else 0
            rows.append(SocketRow(
                local=self._local, service_ids=tuple(sorted(sock.service_ids)),
                calls=len(sock._calls), accept_queue=pending,
                recv_queue=sock._recv_queue_len(), charges=len(sock._charges)))
        return rows

    def list_calls(self) -> list[CallRow]:
        """Every live call, and completed calls still held by a socket."""
        # A call's user ID is the one it has on the socket holding it; calls no socket holds
        # (waiting to be accepted, or let go) show "-".
        seen: dict[CallCore, Hashable] = dict.fromkeys(self._core.live_calls, "-")
        for sock in self._sockets:
            for call in sock._calls.values():
                if call._core is not None:
                    seen[call._core] = call.user_id
        rows = []
        for core, user_id in seen.items():
            rows.append(CallRow(
                local=self._local, remote=_addr(core.peer.address),
                service_id=core.service_id, cid=core.conn.cid | core.channel,
                call_number=core.call_number,
                side="client" if core.is_client else "server",
                state=core.state.value,
                completion=core.completion.value if core.completion else "-",
                abort_code=core.abort_code, user_id=repr(user_id),
                tx_base=core.tx_base, tx_top=core.tx_top,
                rx_consumed=core.rx_consumed, rx_top=core.rx_top,
                bytes_sent=core.tx_queued_bytes,
                bytes_received=core.bytes_received,
                packets_sent=core.packets_sent,
                packets_received=core.packets_received,
                retransmits=core.retransmits))
        return rows

    def list_connections(self) -> list[ConnectionRow]:
        """Every connection this endpoint knows, client and server."""
        rows = []
        core = self._core
        for conn in [*core.client_conns.values(), *core.server_conns.values()]:
            nums = tuple(ch.call_number for ch in conn.channels)
            rows.append(ConnectionRow(
                local=self._local, remote=_addr(conn.peer.address), service_id=conn.service_id,
                side="client" if conn.is_client else "server", epoch=conn.epoch, cid=conn.cid,
                security_index=conn.security_index, level=conn.security.level,
                call_numbers=(nums[0], nums[1], nums[2], nums[3]),
                live_calls=len(conn.live_calls()), serial=conn.serial))
        return rows

    def list_peers(self) -> list[PeerRow]:
        """Every remote address this endpoint talks to, with RTT and packet counts."""
        rows = []
        for peer in self._core.peers.values():
            rtt = peer.rtt
            rows.append(PeerRow(
                local=self._local, remote=_addr(peer.address), connections=len(peer.conns),
                calls=peer.calls, rtt_ms=rtt.srtt * 1000, rto_ms=rtt.rto() * 1000,
                max_mtu=peer.max_mtu, jumbo=peer.jumbo_max, pmtu=peer.pmtu.size,
                pmtu_bad=peer.pmtu.bad_size, probing=peer.pmtu.probing,
                tx_jumbo=peer.pmtu.good, packets_sent=peer.packets_sent,
                packets_received=peer.packets_received, retransmits=peer.retransmits))
        return rows
