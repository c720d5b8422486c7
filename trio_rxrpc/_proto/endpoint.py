"""The endpoint core: one UDP socket's worth of Rx, without the socket.

Theory of operation
-------------------
:class:`EndpointCore` owns every connection, call and peer of one local transport address.
Its inputs are datagrams (:meth:`~EndpointCore.receive_datagram`), the passage of time
(:meth:`~EndpointCore.handle_timers`) and commands from the application (start a call, write,
read, abort).  Its outputs are datagrams (:meth:`~EndpointCore.datagrams_to_send`), the set
of calls whose application-visible state changed (:attr:`~EndpointCore.dirty`), new incoming
calls (:attr:`~EndpointCore.new_calls`) and the next time it needs attention
(:meth:`~EndpointCore.next_deadline`, ``math.inf`` when idle).

Work is batched.  Receiving a datagram only updates state and *marks* calls that owe DATA or
an ACK; the datagrams themselves are built when the caller asks for output, once per batch of
input, so a burst of arrivals produces one ACK per call rather than one per packet.  Timers
live in a heap keyed by each call's earliest deadline; entries are lazily invalidated, and a
call is re-pushed only when its deadline moves earlier.

Demultiplexing follows OpenAFS: a packet with CLIENT_INITIATED belongs to a server
connection found by (epoch, connection ID) — plus the source address unless the epoch's top
bit allows matching without it — and any other packet to one of our client connections, found
by connection ID and checked against our epoch.  New calls arise only from DATA.  Bad input
of any kind is counted and dropped, or answered with an ABORT; it never raises out of here.
"""

from __future__ import annotations

import heapq
import random
from typing import TYPE_CHECKING, Protocol

import attrs

from .call import CallCore, CallState, Completion
from .codes import AbortCode
from .config import EndpointConfig
from .connection import Address, Connection, Datagram, Peer
from .rtt import RTTEstimator
from .security.base import ClientSecurity, SecurityFailure, ServerSecurity
from .security.null import NULL_CONNECTION, NullServerSecurity
from .wire import (
    ABORT_BODY,
    ACK_BODY,
    ACK_BODY_SIZE,
    ACK_PADDING,
    CLIENT_INITIATED,
    DEBUG_REQUEST,
    EPOCH_RANDOM_BIT,
    HEADER,
    HEADER_SIZE,
    JUMBO_DATALEN,
    JUMBO_HEADER,
    JUMBO_PACKET,
    JUMBO_SUBPKTLEN,
    LAST_PACKET,
    MAX_ACKS,
    REQUEST_ACK,
    RX_CID_MASK,
    SLOW_START_OK,
    AckReason,
    PacketType,
    encode_version_reply,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable, Iterable

_INF = float("inf")
_DATA = int(PacketType.DATA)
_ACK = int(PacketType.ACK)
_BUSY = int(PacketType.BUSY)
_ABORT = int(PacketType.ABORT)
_ACKALL = int(PacketType.ACKALL)
_CHALLENGE = int(PacketType.CHALLENGE)
_RESPONSE = int(PacketType.RESPONSE)
_DEBUG = int(PacketType.DEBUG)
_VERSION = int(PacketType.VERSION)
_HOUSEKEEPING_INTERVAL = 5.0
_CHALLENGE_INTERVAL = 2.0
_CHALLENGE_MAX_TRIES = 50
_MAX_HELD_PER_CONN = 1024



class RandomSource(Protocol):
    """What the core needs of a random generator (``random.Random`` or ``SystemRandom``)."""

    def getrandbits(self, k: int, /) -> int: ...


@attrs.define(eq=False)
class Listener:
    """A set of services whose new calls share one accept queue."""

    service_ids: frozenset[int]
    backlog: int
    securities: dict[int, ServerSecurity]
    min_level: int = 0
    pending: int = 0
    """Calls handed to the accept queue and not yet taken from it."""
    busy_sent: int = 0
    owner: object = None
    closed: bool = False


@attrs.define(eq=False)
class _Stats:
    datagrams_received: int = 0
    datagrams_sent: int = 0
    malformed: int = 0
    dropped: int = 0
    busy_sent: int = 0
    aborts_sent: int = 0
    aborts_received: int = 0
    acks_sent: int = 0
    internal_errors: int = 0
    data_sent: int = 0
    data_resent: int = 0
    packets_read: list[int] = attrs.Factory(lambda: [0] * 14)
    """Datagrams received, by packet type (index = type, 0 unused)."""


class EndpointCore:
    """The sans-I/O Rx endpoint.  See the module docstring."""

    def __init__(self, *, config: EndpointConfig | None = None,
                 rng: RandomSource | None = None, now: float = 0.0) -> None:
        self.config = config or EndpointConfig()
        self.rng: RandomSource = rng if rng is not None else random.Random(0)
        self.epoch = (self.rng.getrandbits(32) | EPOCH_RANDOM_BIT) & ~0x40000000
        self._next_cid = self.rng.getrandbits(32) & 0x3FFFFFFC or 4
        self.peers: dict[Address, Peer] = {}
        self.client_conns: dict[int, Connection] = {}
        self.bundles: dict[Hashable, list[Connection]] = {}
        self.server_conns: dict[Hashable, Connection] = {}
        self.listeners: dict[int, Listener] = {}
        self.dirty: set[CallCore] = set()
        self.new_calls: list[CallCore] = []
        self._out: list[Datagram] = []
        self._want_tx: dict[CallCore, None] = {}
        self._want_ack: dict[CallCore, None] = {}
        self._want_verify: dict[CallCore, None] = {}
        self._timers: list[tuple[float, int, CallCore]] = []
        self._timer_seq = 0
        self._housekeeping_at = now + _HOUSEKEEPING_INTERVAL
        self.live_calls: dict[CallCore, None] = {}
        self.stats = _Stats()
        self.stats_duplicates = 0
        self.stats_bad_acks = 0
        self.stats_busy_received = 0
        self.calls_started = 0
        self.calls_accepted = 0
        self.listing_provider: Callable[[int, int], bytes | None] | None = None
        """Answers our own listing DEBUG requests: (type, page) -> body, or None."""

    # ------------------------------------------------------------------- helpers

    def peer_for(self, address: Address) -> Peer:
        """The peer record for an address (created on first use)."""
        peer = self.peers.get(address)
        if peer is None:
            cfg = self.config
            peer = Peer(address=address, rtt=RTTEstimator(
                initial_rto=cfg.initial_rto, min_rto=cfg.min_rto, max_rto=cfg.max_rto))
            self.peers[address] = peer
        return peer

    def want_transmit(self, call: CallCore) -> None:
        """Note that ``call`` may have DATA to send at the next flush."""
        self._want_tx[call] = None

    def want_verify(self, call: CallCore) -> None:
        """``call`` set DATA aside for a batched security check (run before any output)."""
        self._want_verify[call] = None

    def want_ack(self, call: CallCore) -> None:
        """Note that ``call`` owes an ACK at the next flush."""
        self._want_ack[call] = None

    def schedule(self, call: CallCore) -> None:
        """Make sure the timer heap wakes ``call`` no later than its deadline."""
        d = call.deadline()
        if d < call._scheduled:
            call._scheduled = d
            self._timer_seq += 1
            heapq.heappush(self._timers, (d, self._timer_seq, call))

    # ------------------------------------------------------------- services

    def listen(self, service_ids: Iterable[int], *, backlog: int,
               securities: Iterable[ServerSecurity] = (), min_level: int = 0,
               owner: object = None) -> Listener:
        """Start accepting calls for ``service_ids``; they share one accept queue.

        Raises:
            ValueError: a service ID is out of range or already served here.
        """
        ids = frozenset(service_ids)
        for sid in ids:
            if not 1 <= sid <= 0xFFFF:
                raise ValueError(f"service ID {sid} is not in 1..65535")
            if sid in self.listeners:
                raise ValueError(f"service {sid} is already being served on this endpoint")
        secs: dict[int, ServerSecurity] = {0: NullServerSecurity()}
        for sec in securities:
            secs[sec.security_index] = sec
        listener = Listener(service_ids=ids, backlog=backlog, securities=secs,
                            min_level=min_level, owner=owner)
        for sid in ids:
            self.listeners[sid] = listener
        return listener

    def unlisten(self, listener: Listener) -> None:
        """Stop accepting new calls for a listener's services."""
        listener.closed = True
        for sid in listener.service_ids:
            if self.listeners.get(sid) is listener:
                del self.listeners[sid]

    def call_accepted(self, call: CallCore) -> None:
        """The application took ``call`` from the accept queue."""
        listener = call.owner
        if isinstance(listener, Listener) and not call.accepted:
            listener.pending -= 1
        call.accepted = True
        self.calls_accepted += 1

    # --------------------------------------------------------- client calls

    def start_call(
        self, address: Address, service_id: int, *, now: float,
        security: ClientSecurity | None = None, exclusive: bool = False,
        timeout: float | None = None, hard_timeout: float | None = None,
        upgrade: bool = False, tx_length: int | None = None,
    ) -> CallCore:
        """Create a client call to ``(address, service_id)``; nothing is sent until data is.

        Raises:
            ValueError: the service ID is out of range.
            SecurityFailure: the security object cannot set up a connection.
        """
        if not 1 <= service_id <= 0xFFFF:
            raise ValueError(f"service ID {service_id} is not in 1..65535")
        peer = self.peer_for(address)
        sec_index = security.security_index if security is not None else 0
        identity = security.identity if security is not None else ("rxnull",)
        key: Hashable = (address, service_id, sec_index, identity, upgrade)
        conn: Connection | None = None
        channel: int | None = None
        if not exclusive:
            for candidate in self.bundles.get(key, ()):
                if candidate.dead_code:
                    continue
                channel = candidate.free_channel()
                if channel is not None:
                    conn = candidate
                    break
        if conn is None or channel is None:
            cid = self._next_cid
            self._next_cid = (self._next_cid + 4) & 0xFFFFFFFC or 4
            while cid in self.client_conns:
                cid = self._next_cid
                self._next_cid = (self._next_cid + 4) & 0xFFFFFFFC or 4
            conn_sec = (security.new_connection(epoch=self.epoch, cid=cid, now=now)
                        if security is not None else NULL_CONNECTION)
            conn = Connection(peer=peer, epoch=self.epoch, cid=cid, service_id=service_id,
                              security_index=sec_index, security=conn_sec, is_client=True,
                              bundle_key=None if exclusive else key, last_used=now)
            self.client_conns[cid] = conn
            peer.connections += 1
            if not exclusive:
                self.bundles.setdefault(key, []).append(conn)
            channel = 0
        ch = conn.channels[channel]
        ch.call_number += 1
        call = CallCore(self, conn, channel, ch.call_number, is_client=True, now=now,
                        timeout=timeout, hard_timeout=hard_timeout)
        call.expected_tx_length = tx_length
        if upgrade:
            call.upgrade = True
            call.user_status = 1
        ch.call = call
        conn.last_used = now
        self.live_calls[call] = None
        self.calls_started += 1
        peer.calls += 1
        self.schedule(call)
        return call

    def peer_unreachable(self, address: Address, why: str, *, now: float) -> None:
        """The network says ``address`` cannot be reached: fail our client calls to it.

        Only calls that have heard nothing from the peer yet are failed: a peer that has
        answered is alive, whatever a (possibly stale or forged) ICMP message says.
        """
        peer = self.peers.get(address)
        if peer is None:
            return
        for call in list(self.live_calls):
            if call.peer is peer and call.is_client and not call.packets_received:
                call.fail(Completion.NETWORK_ERROR, AbortCode.RX_CALL_DEAD, now,
                          f"{address[0]} port {address[1]} is unreachable: {why}")

    def abort(self, call: CallCore, code: int, now: float, why: str = "") -> None:
        """Abort ``call`` with ``code`` (an ABORT goes out at the next flush)."""
        if code == 0:
            raise ValueError("abort code 0 means no error and cannot be sent")
        call.local_abort(code, now, why or f"the call was aborted locally ({code})")

    def call_completed(self, call: CallCore, now: float) -> None:
        """Bookkeeping when a call ends (called by the call itself)."""
        self.dirty.add(call)
        self.live_calls.pop(call, None)
        self._want_tx.pop(call, None)
        call.conn.last_used = now
        # Free the transmit queue: nothing of it will be sent again.
        del call.tx_bufs[:], call.tx_flags[:], call.tx_cksum[:], call.tx_sent_at[:]
        del call.tx_sacked[:], call.tx_lost[:]
        call.rx_bufs.clear()
        call.rx_unverified.clear()
        if call.completion is not Completion.SUCCEEDED:
            # A failed call's ABORT says all there is; an ACK it still owed must not follow
            # (only a call that succeeded sends a final ACK).
            self._want_ack.pop(call, None)
            call.ack_reason = 0

    # ------------------------------------------------------------- output

    def _header(self, conn: Connection, call_number: int, channel: int, ptype: int, flags: int,
                serial: int, seq: int = 0) -> bytes:
        if conn.is_client:
            flags |= CLIENT_INITIATED
        return HEADER.pack(conn.epoch, conn.cid | channel, call_number, seq, serial, ptype, flags,
                           0, conn.security_index, 0, conn.service_id)

    def send_ack(self, call: CallCore, reason: int, serial: int, now: float) -> int:
        """Queue an ACK for ``call`` right now; return its serial."""
        conn = call.conn
        pkt_serial = conn.next_serial()
        flags = SLOW_START_OK | (REQUEST_ACK if reason == AckReason.PING else 0)
        body = call.build_ack(reason, serial)
        self._out.append(([self._header(conn, call.call_number, call.channel, _ACK, flags,
                                        pkt_serial), body], call.peer.address))
        call.ack_reason = 0
        call.ack_unsent = 0
        call.ack_at = _INF
        self._want_ack.pop(call, None)
        self.stats.acks_sent += 1
        return pkt_serial

    def send_abort(self, call: CallCore, code: int, now: float) -> None:
        """Queue an ABORT for ``call``."""
        conn = call.conn
        hdr = self._header(conn, call.call_number, call.channel, _ABORT, 0, conn.next_serial())
        self._out.append(([hdr, ABORT_BODY.pack(code)], call.peer.address))
        self.stats.aborts_sent += 1

    def _send_conn_abort(self, conn: Connection, code: int) -> None:
        hdr = self._header(conn, 0, 0, _ABORT, 0, conn.next_serial())
        self._out.append(([hdr, ABORT_BODY.pack(code)], conn.peer.address))
        self.stats.aborts_sent += 1

    def _send_raw_reply(self, data: memoryview, addr: Address, ptype: int, body: bytes,
                        *, keep_flags: bool = False) -> None:
        """Answer a packet that has no connection here: echo its IDs, serial 0."""
        (epoch, cid, callno, _seq, _serial, _t, flags, _us, secidx, _ck,
         service) = HEADER.unpack_from(data)
        out_flags = (flags & ~CLIENT_INITIATED) if keep_flags else (
            0 if flags & CLIENT_INITIATED else CLIENT_INITIATED)
        hdr = HEADER.pack(epoch, cid, callno, 0, 0, ptype, out_flags, 0, secidx, 0, service)
        self._out.append(([hdr, body], addr))

    def datagrams_to_send(self, *, now: float) -> list[Datagram]:
        """Build and return everything that should go out now.

        Call it after each batch of :meth:`receive_datagram` calls: DATA whose security check
        runs per batch is checked (and reaches the calls) here.
        """
        if self._want_verify:
            calls = list(self._want_verify)
            self._want_verify.clear()
            for call in calls:
                try:
                    call.verify_batch(now)
                except Exception as exc:  # pragma: no cover - a bug; contain it to the call
                    self._contain(call, exc, now)
        if self._want_tx:
            out = self._out
            calls = list(self._want_tx)
            self._want_tx.clear()
            for call in calls:
                call.transmit(now, out)
        if self._want_ack:
            calls = list(self._want_ack)
            self._want_ack.clear()
            for call in calls:
                reason = call.ack_reason
                if not reason:
                    continue
                if (not call.is_client and call.tx_next > 1 and call.completion is None
                        and reason in (AckReason.IDLE, AckReason.DELAY, AckReason.REQUESTED)):
                    # Our reply data already acknowledges the whole request.
                    call.ack_reason = 0
                    continue
                self.send_ack(call, reason, call.ack_serial, now)
        out = self._out
        if out:
            self._out = []
            self.stats.datagrams_sent += len(out)
        return out

    # -------------------------------------------------------------- timers

    def next_deadline(self) -> float:
        """When :meth:`handle_timers` should next run (``math.inf``: nothing pending)."""
        timers = self._timers
        while timers:
            when, _n, call = timers[0]
            if call._scheduled != when:
                heapq.heappop(timers)  # stale: superseded, or the call completed
                continue
            actual = call.deadline()
            if actual <= when:
                break
            # The call's timers moved later since this entry was filed: re-file it rather
            # than waking up for nothing.
            heapq.heappop(timers)
            call._scheduled = _INF
            self.schedule(call)
        first = timers[0][0] if timers else _INF
        return min(first, self._housekeeping_at)

    def handle_timers(self, *, now: float) -> None:
        """Run every timer that has expired by ``now``."""
        timers = self._timers
        handled: list[CallCore] = []
        while timers and timers[0][0] <= now:
            when, _n, call = heapq.heappop(timers)
            if call._scheduled != when:
                continue
            call._scheduled = _INF
            try:
                call.handle_timers(now)
            except Exception as exc:  # pragma: no cover - a bug; contain it to the call
                self._contain(call, exc, now)
            handled.append(call)
        # Re-arm after the loop, so a timer that stays due runs once per call here, not forever.
        for call in handled:
            self.schedule(call)
        if now >= self._housekeeping_at:
            self._housekeeping_at = now + _HOUSEKEEPING_INTERVAL
            self._housekeeping(now)

    def _housekeeping(self, now: float) -> None:
        idle = self.config.connection_idle_time
        tables: list[dict[Hashable, Connection]] = [
            self.client_conns, self.server_conns]  # type: ignore[list-item]  # keys differ
        for table in tables:
            for key, conn in list(table.items()):
                if conn.challenge_body is not None and conn.held and not (
                        conn.security.authenticated):
                    if conn.challenge_tries >= _CHALLENGE_MAX_TRIES:
                        self._kill_connection(conn, AbortCode.RX_CALL_DEAD, now, send=True)
                    elif now - conn.challenge_sent_at >= _CHALLENGE_INTERVAL:
                        self._send_challenge(conn, now)
                if now - conn.last_used >= idle and not conn.live_calls():
                    del table[key]
                    if conn.bundle_key is not None:
                        bundle = self.bundles.get(conn.bundle_key)
                        if bundle is not None and conn in bundle:
                            bundle.remove(conn)
                            if not bundle:
                                del self.bundles[conn.bundle_key]
        for addr, peer in list(self.peers.items()):
            if now - peer.last_heard >= idle and not any(
                    c.peer is peer for c in self.live_calls):
                del self.peers[addr]

    def _contain(self, call: CallCore, exc: Exception, now: float) -> None:
        self.stats.internal_errors += 1
        if call.completion is None:
            self.send_abort(call, AbortCode.RX_PROTOCOL_ERROR, now)
            call.fail(Completion.LOCAL_ERROR, AbortCode.RX_PROTOCOL_ERROR, now,
                      f"internal error while processing the call: {exc!r}")

    # ----------------------------------------------------------- input

    def receive_datagram(self, data: memoryview | bytes, addr: Address, *, now: float) -> None:
        """Process one datagram from ``addr``.  Never raises for bad input."""
        stats = self.stats
        stats.datagrams_received += 1
        if len(data) < HEADER_SIZE:
            stats.malformed += 1
            return
        view = data if isinstance(data, memoryview) else memoryview(data)
        try:
            self._receive(view, addr, now)
        except Exception:  # pragma: no cover - a bug must not kill the receive loop
            stats.internal_errors += 1

    def _receive(self, data: memoryview, addr: Address, now: float) -> None:
        (epoch, cid, callno, seq, serial, ptype, flags, _us, secidx, cksum,
         service) = HEADER.unpack_from(data)
        stats = self.stats
        if ptype <= _VERSION:
            stats.packets_read[ptype] += 1
        if ptype in (_VERSION, _DEBUG):
            self._answer_debug(data, addr, ptype, flags)
            return
        if not _DATA <= ptype <= _RESPONSE:
            stats.dropped += 1
            return
        conn_id = cid & RX_CID_MASK
        if flags & CLIENT_INITIATED:
            key: Hashable = (epoch, conn_id) if epoch & EPOCH_RANDOM_BIT else (
                epoch, conn_id, addr)
            conn = self.server_conns.get(key)
            if conn is None:
                if ptype != _DATA or callno == 0:
                    stats.dropped += 1
                    return
                conn = self._new_server_connection(data, addr, key, epoch, conn_id, secidx,
                                                   service, now)
                if conn is None:
                    return
            elif conn.peer.address != addr:
                self._rebind(conn, addr)
        else:
            conn = self.client_conns.get(conn_id)
            if conn is None or conn.epoch != epoch:
                stats.dropped += 1
                return
        if secidx != conn.security_index:
            stats.dropped += 1
            return
        peer = conn.peer
        peer.last_heard = now
        peer.packets_received += 1
        peer.bytes_received += len(data)
        conn.last_used = now
        if callno == 0:
            self._connection_packet(conn, data, ptype, serial, now)
            return
        channel = cid & 3
        ch = conn.channels[channel]
        call = ch.call
        if call is None or callno != call.call_number:
            if conn.is_client or callno < ch.call_number:
                stats.dropped += 1
                return
            # A new call on a server connection.
            call = self._new_server_call(conn, channel, callno, data, ptype, seq, addr, now)
            if call is None:
                return
        if call.completion is not None:
            self._stray(call, data, ptype, flags, serial, now)
            return
        try:
            if ptype == _DATA:
                self._data(conn, call, data, seq, flags, serial, cksum, now)
            elif ptype == _ACK:
                self._ack(call, data, flags, serial, now)
            elif ptype == _ABORT:
                if len(data) < HEADER_SIZE + 4:
                    stats.malformed += 1
                    return
                stats.aborts_received += 1
                call.on_abort(ABORT_BODY.unpack_from(data, HEADER_SIZE)[0], now)
            elif ptype == _ACKALL:
                call.on_ackall(now)
            elif ptype == _BUSY:
                call.on_busy(now)
            else:
                stats.dropped += 1  # call-level CHALLENGE/RESPONSE: not meaningful
        except Exception as exc:  # pragma: no cover - contain bugs to the call
            self._contain(call, exc, now)
        if call.completion is None:
            self.schedule(call)

    def _rebind(self, conn: Connection, addr: Address) -> None:
        """A client (random epoch) moved to a new address: follow it."""
        peer = self.peer_for(addr)
        conn.peer = peer
        for ch in conn.channels:
            if ch.call is not None:
                ch.call.peer = peer

    def _data(self, conn: Connection, call: CallCore, data: memoryview, seq: int, flags: int,
              serial: int, cksum: int, now: float) -> None:
        if not conn.is_client and not conn.security.authenticated:
            self._hold(conn, call, data, seq, flags, serial, cksum, now)
            return
        self._data_payload(call, bytes(data[HEADER_SIZE:]), seq, flags, serial, cksum, now)

    def _data_payload(self, call: CallCore, payload: bytes, seq: int, flags: int, serial: int,
                      cksum: int, now: float) -> None:
        """Deliver one DATA payload, a jumbogram split into its sub-packets."""
        if seq == 0:
            self.stats.malformed += 1
            return
        if not flags & JUMBO_PACKET:
            call.on_data(seq, flags, serial, cksum, payload, now)
            return
        body = memoryview(payload)
        off = 0
        size = len(payload)
        while flags & JUMBO_PACKET:
            if size - off < JUMBO_SUBPKTLEN or flags & LAST_PACKET:
                self.stats.malformed += 1
                return
            call.on_data(seq, flags, serial, cksum, body[off:off + JUMBO_DATALEN], now)
            if call.completion is not None:
                return
            flags, _pad, cksum = JUMBO_HEADER.unpack_from(body, off + JUMBO_DATALEN)
            off += JUMBO_SUBPKTLEN
            seq = (seq + 1) & 0xFFFFFFFF
            serial = (serial + 1) & 0xFFFFFFFF
        call.on_data(seq, flags, serial, cksum, body[off:], now)

    def _ack(self, call: CallCore, data: memoryview, flags: int, serial: int, now: float) -> None:
        n = len(data)
        if n < HEADER_SIZE + ACK_BODY_SIZE:
            self.stats.malformed += 1
            return
        _bs, _skew, first, prev, aserial, reason, nacks = ACK_BODY.unpack_from(data, HEADER_SIZE)
        start = HEADER_SIZE + ACK_BODY_SIZE
        end = start + nacks
        if n < end:
            self.stats.malformed += 1
            return
        t = end + ACK_PADDING
        if n >= t + 8:
            peer = call.peer
            max_mtu = int.from_bytes(data[t:t + 4], "big")
            peer.max_mtu = min(max(max_mtu, 520), 65535)
            if n >= t + 12:
                rwind = int.from_bytes(data[t + 8:t + 12], "big")
                call.peer_rwind = min(max(rwind, 1), MAX_ACKS)
            if n >= t + 16:
                jumbo = int.from_bytes(data[t + 12:t + 16], "big")
                if jumbo == 0:  # "I do path-MTU discovery": size jumbograms by maxMTU
                    jumbo = (peer.max_mtu - HEADER_SIZE - JUMBO_DATALEN) // JUMBO_SUBPKTLEN + 1
                peer.jumbo_max = min(max(jumbo, 1), self.config.max_jumbo)
        else:
            call.peer_rwind = max(call.peer_rwind, 16)
        call.on_ack(first, prev, aserial, reason, data[start:end], flags, serial, now)

    def _stray(self, call: CallCore, data: memoryview, ptype: int, flags: int, serial: int,
               now: float) -> None:
        """A packet for a call that has ended: repeat how it ended, where that helps."""
        if ptype == _ABORT:
            return
        if (ptype == _ACK and len(data) >= HEADER_SIZE + ACK_BODY_SIZE
                and data[HEADER_SIZE + 16] == AckReason.PING
                and call.completion is Completion.SUCCEEDED):
            self.send_ack(call, AckReason.PING_RESPONSE, serial, now)
            return
        if call.completion is Completion.SUCCEEDED:
            if ptype == _DATA and call.is_client:
                # Our final ACK was lost: say again that we have it all.
                self.send_ack(call, AckReason.DUPLICATE, serial, now)
            return
        if call.completion is Completion.LOCALLY_ABORTED and call.abort_code:
            self.send_abort(call, call.abort_code, now)

    # ------------------------------------------------- server connections and calls

    def _new_server_connection(self, data: memoryview, addr: Address, key: Hashable, epoch: int,
                               conn_id: int, secidx: int, service: int,
                               now: float) -> Connection | None:
        listener = self.listeners.get(service)
        if listener is None or listener.closed:
            self._send_raw_reply(data, addr, _ABORT, ABORT_BODY.pack(
                AbortCode.RX_INVALID_OPERATION))
            self.stats.aborts_sent += 1
            return None
        security = listener.securities.get(secidx)
        if security is None:
            self._send_raw_reply(data, addr, _ABORT, ABORT_BODY.pack(
                AbortCode.RX_INVALID_OPERATION))
            self.stats.aborts_sent += 1
            return None
        if len(self.server_conns) >= self.config.max_connections:
            self._send_raw_reply(data, addr, _BUSY, b"")
            self.stats.busy_sent += 1
            return None
        random_bytes = self.rng.getrandbits(128).to_bytes(16, "big")
        try:
            conn_sec = security.new_connection(epoch=epoch, cid=conn_id, now=now,
                                               random_bytes=random_bytes)
        except SecurityFailure as exc:
            self._send_raw_reply(data, addr, _ABORT, ABORT_BODY.pack(exc.code))
            self.stats.aborts_sent += 1
            return None
        peer = self.peer_for(addr)
        conn = Connection(peer=peer, epoch=epoch, cid=conn_id, service_id=service,
                          security_index=secidx, security=conn_sec, is_client=False,
                          last_used=now, server_security=security)
        peer.connections += 1
        self.server_conns[key] = conn
        return conn

    def _new_server_call(self, conn: Connection, channel: int, callno: int, data: memoryview,
                         ptype: int, seq: int, addr: Address, now: float) -> CallCore | None:
        ch = conn.channels[channel]
        old = ch.call
        if old is not None and old.completion is None:
            # A higher call number ends the previous call on the channel.
            if old.state is CallState.SERVER_AWAIT_ACK:
                old.on_ackall(now)
            else:
                old.fail(Completion.NETWORK_ERROR, AbortCode.RX_CALL_DEAD, now,
                         "the client started a new call on the channel")
        if ptype != _DATA or seq == 0 or seq > self.config.rx_window + 1:
            self.stats.dropped += 1
            return None
        if conn.dead_code:
            self._send_conn_abort(conn, conn.dead_code)
            return None
        listener = self.listeners.get(conn.service_id)
        if listener is None or listener.closed:
            self._send_raw_reply(data, addr, _ABORT, ABORT_BODY.pack(
                AbortCode.RX_INVALID_OPERATION))
            self.stats.aborts_sent += 1
            return None
        if listener.pending >= listener.backlog:
            self._send_raw_reply(data, addr, _BUSY, b"")
            listener.busy_sent += 1
            self.stats.busy_sent += 1
            return None
        if conn.security.level < listener.min_level and conn.security.authenticated:
            self._send_raw_reply(data, addr, _ABORT, ABORT_BODY.pack(
                AbortCode.RXKADLEVELFAIL))
            self.stats.aborts_sent += 1
            return None
        ch.call_number = callno
        call = CallCore(self, conn, channel, callno, is_client=False, now=now)
        conn.peer.calls += 1
        call.owner = listener
        ch.call = call
        self.live_calls[call] = None
        if conn.security.authenticated:
            listener.pending += 1
            self.new_calls.append(call)
        else:
            call.state = CallState.SERVER_SECURING
            if conn.challenge_body is None:
                self._send_challenge(conn, now)
        self.schedule(call)
        return call

    def _hold(self, conn: Connection, call: CallCore, data: memoryview, seq: int, flags: int,
              serial: int, cksum: int, now: float) -> None:
        if len(conn.held) >= _MAX_HELD_PER_CONN:
            self.stats.dropped += 1
            return
        conn.held.append((call, seq, flags, serial, cksum, bytes(data[HEADER_SIZE:])))
        call.last_recv = now
        if now - conn.challenge_sent_at >= _CHALLENGE_INTERVAL:
            self._send_challenge(conn, now)

    def _send_challenge(self, conn: Connection, now: float) -> None:
        body = conn.security.issue_challenge()
        if body is None:
            return
        conn.challenge_body = body
        conn.challenge_sent_at = now
        conn.challenge_tries += 1
        hdr = self._header(conn, 0, 0, _CHALLENGE, 0, conn.next_serial())
        self._out.append(([hdr, body], conn.peer.address))

    def _connection_packet(self, conn: Connection, data: memoryview, ptype: int, serial: int,
                           now: float) -> None:
        if ptype == _ABORT:
            if len(data) >= HEADER_SIZE + 4:
                code = ABORT_BODY.unpack_from(data, HEADER_SIZE)[0]
                self.stats.aborts_received += 1
                self._kill_connection(conn, code, now, send=False)
            return
        if ptype == _CHALLENGE and conn.is_client:
            if not conn.live_calls():
                return  # never act as an oracle for idle connections
            try:
                body = conn.security.respond_to_challenge(
                    bytes(data[HEADER_SIZE:]), now=now, call_numbers=_call_numbers(conn))
            except SecurityFailure as exc:
                for call in conn.live_calls():
                    call.local_abort(exc.code, now, f"cannot answer the challenge: {exc.message}")
                return
            except Exception as exc:  # a bad token or a bug: end the calls, do not hang them
                self.stats.internal_errors += 1
                for call in conn.live_calls():
                    self.send_abort(call, AbortCode.RX_PROTOCOL_ERROR, now)
                    call.fail(Completion.LOCAL_ERROR, AbortCode.RX_PROTOCOL_ERROR, now,
                              f"cannot answer the challenge: {exc!r}")
                return
            hdr = self._header(conn, 0, 0, _RESPONSE, 0, conn.next_serial())
            self._out.append(([hdr, body], conn.peer.address))
            conn.responded = True
            return
        if ptype == _RESPONSE and not conn.is_client:
            if conn.challenge_body is None or conn.security.authenticated:
                return
            try:
                conn.security.verify_response(bytes(data[HEADER_SIZE:]), now=now,
                                              call_numbers=_call_numbers(conn))
            except SecurityFailure as exc:
                self._kill_connection(conn, exc.code, now, send=True)
                return
            self._authenticated(conn, now)
            return
        self.stats.dropped += 1

    def _authenticated(self, conn: Connection, now: float) -> None:
        listener = self.listeners.get(conn.service_id)
        held, conn.held = conn.held, []
        seen: dict[CallCore, None] = {}
        for call, *_ in held:
            seen[call] = None
        for ch in conn.channels:
            if ch.call is not None and ch.call.state is CallState.SERVER_SECURING:
                seen[ch.call] = None
        for call in seen:
            if call.completion is not None:
                continue
            if conn.security.level < (listener.min_level if listener else 0):
                call.local_abort(AbortCode.RXKADLEVELFAIL, now, "security level too low")
                continue
            # The packet size was guessed before the level was known; nothing was sent yet.
            call._max_data = conn.security.max_data(JUMBO_DATALEN)
            call.state = CallState.SERVER_RECV_REQUEST
            if listener is None or listener.closed or listener.pending >= listener.backlog:
                call.local_abort(AbortCode.RX_CALL_DEAD if listener is None
                                 else AbortCode.RX_INVALID_OPERATION, now, "cannot queue call")
                continue
            listener.pending += 1
            self.new_calls.append(call)
        for call, seq, flags, serial, cksum, payload in held:
            if call.completion is None:
                self._data_payload(call, payload, seq, flags, serial, cksum, now)
                self.schedule(call)

    def _kill_connection(self, conn: Connection, code: int, now: float, *, send: bool) -> None:
        conn.dead_code = code or AbortCode.RX_CALL_DEAD
        if send:
            self._send_conn_abort(conn, conn.dead_code)
        for call in conn.live_calls():
            kind = Completion.LOCALLY_ABORTED if send else Completion.REMOTELY_ABORTED
            call.fail(kind, code, now,
                      f"the connection was aborted ({code})")
        if conn.bundle_key is not None:
            bundle = self.bundles.get(conn.bundle_key)
            if bundle is not None and conn in bundle:
                bundle.remove(conn)

    # ------------------------------------------------------------ rxdebug

    def _answer_debug(self, data: memoryview, addr: Address, ptype: int, flags: int) -> None:
        if not flags & CLIENT_INITIATED:
            return  # NAT keepalives and replies: never answer
        if ptype == _VERSION:
            if len(data) > HEADER_SIZE and data[HEADER_SIZE] != 0:
                return
            self._send_raw_reply(data, addr, _VERSION,
                                 encode_version_reply(self.config.version_string),
                                 keep_flags=True)
            return
        if len(data) < HEADER_SIZE + DEBUG_REQUEST.size:
            self.stats.malformed += 1
            return
        dtype, index = DEBUG_REQUEST.unpack_from(data, HEADER_SIZE)
        if dtype >= LISTING_DEBUG_BASE:
            provider = self.listing_provider
            listing = provider(dtype, index) if provider is not None and (
                self.config.remote_listing or _is_loopback(addr)) else None
            if listing is not None:
                self._send_raw_reply(data, addr, _DEBUG, listing, keep_flags=True)
            return
        body = self._debug_record(dtype, index)
        self._send_raw_reply(data, addr, _DEBUG, body, keep_flags=True)

    def _debug_record(self, dtype: int, index: int) -> bytes:
        from . import rxdebug  # only rxdebug users pay for importing it

        return rxdebug.debug_record(self, dtype, index)

    # ------------------------------------------------------------ shutdown

    def close(self, *, now: float) -> None:
        """Abort every live call (servers' finished replies just end) and stop listening."""
        for call in list(self.live_calls):
            if call.completion is not None:
                continue
            if call.state is CallState.SERVER_AWAIT_ACK:
                call.fail(Completion.SUCCEEDED, 0, now, "")
            else:
                call.local_abort(AbortCode.RX_CALL_DEAD, now, "the endpoint was closed")
        for listener in set(self.listeners.values()):
            self.unlisten(listener)


def _call_numbers(conn: Connection) -> tuple[int, int, int, int]:
    c = conn.channels
    return (c[0].call_number, c[1].call_number, c[2].call_number, c[3].call_number)


LISTING_DEBUG_BASE = 0x7478_0000
"""DEBUG request types from here up ask for our own listings (rxdebug never sends them)."""


def _is_loopback(addr: Address) -> bool:
    host = addr[0]
    return host.startswith(("127.", "::ffff:127.")) or host in ("::1", "localhost")
