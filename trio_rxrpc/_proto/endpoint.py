"""The endpoint core: one UDP socket's worth of Rx, without the socket.

Theory of operation
-------------------
:class:`EndpointCore` owns every connection, call and peer of one local transport address.
Its inputs are datagrams (:meth:`~EndpointCore.receive_datagram`), the passage of time
(:meth:`~EndpointCore.handle_timers`) and commands from the application (start a call, write,
read, abort).  Its outputs are datagrams (:meth:`~EndpointCore.datagrams_to_send`), the
calls whose application-visible state changed (:meth:`~EndpointCore.take_dirty`), new
incoming calls (:meth:`~EndpointCore.take_new_calls`) and the next time it needs attention
(:meth:`~EndpointCore.next_deadline`, ``math.inf`` when idle).  What it keeps of the
application (who waits on a call, where a listener's calls queue) is typed in
:mod:`.boundary`.

Work is batched.  Receiving a datagram only updates state and *marks* calls that owe DATA or
an ACK; the datagrams themselves are built when the caller asks for output, once per batch of
input, so a burst of arrivals produces one ACK per call rather than one per packet.  Timers
live in a heap keyed by each call's earliest deadline; entries are lazily invalidated, and a
call is re-pushed only when its deadline moves earlier.

The receive path lives in :mod:`.inbound` (demultiplexing, DATA, ACK, stray packets) and
:mod:`.serverside` (new connections and calls, the security handshake); the call's two
halves in :mod:`.call` and :mod:`.call_tx`; the tables of peers and connections in
:mod:`.tables`.

Nothing a peer sends can raise out of here or grow a table without bound (see
:mod:`.tables` and :mod:`.counters`): every datagram is either taken or dropped with a
reason, and a fault inside a call's processing fails that call alone.
"""

from __future__ import annotations

import heapq
import random
from typing import TYPE_CHECKING, Final

from . import (
    call_life,
    call_rx,
    call_tx,
    clientside,
    ended,
    handshake,
    inbound,
    pmtud,
    rxdebug,
    serverside,
)
from .ack import our_trailer, pmtud_trailer
from .boundary import Listener as Listener
from .call import CallCore, CallState, Completion
from .callhost import CallHost
from .codes import AbortCode
from .config import EndpointConfig
from .counters import Counters
from .security.null import NullServerSecurity
from .tables import ConnectionTable, PeerTable
from .upgrade import check_rule as check_upgrade_rule, holding_back as upgrade_holding_back
from .wire import (
    ABORT_BODY,
    CLIENT_INITIATED,
    EPOCH_RANDOM_BIT,
    HEADER,
    HEADER_SIZE,
    REQUEST_ACK,
    SLOW_START_OK,
    AckReason,
    PacketType,
)

if TYPE_CHECKING:
    from collections.abc import Hashable, Iterable, Sequence

    from .boundary import AcceptQueue
    from .callhost import RandomSource
    from .connection import Address, Connection, Datagram, Peer
    from .inbound import DeferredAck
    from .security.base import ClientSecurity, ServerSecurity

_INF: Final = float("inf")
_ACK: Final = int(PacketType.ACK)
_BUSY: Final = int(PacketType.BUSY)
_ABORT: Final = int(PacketType.ABORT)
_HOUSEKEEPING_INTERVAL: Final = 5.0
_MAX_GROUP: Final = 1024
"""The most members an endpoint group may have (``cid_group``'s size)."""
_STALE_TIMER_SLACK: Final = 256
"""Stale entries the timer heap may hold beyond its live ones before it is compacted."""
_NOTHING: tuple[()] = ()
"""What a ``take_*`` method returns when there is nothing to take (no list made per pump)."""
_ZEROS: Final = memoryview(bytes(65536))
"""Padding for path-MTU probes (sliced, never copied)."""

LISTING_DEBUG_BASE: Final = rxdebug.LISTING_DEBUG_BASE


class EndpointCore(CallHost):
    """The sans-I/O Rx endpoint.  See the module docstring."""

    def __init__(self, *, config: EndpointConfig | None = None,
                 rng: RandomSource | None = None, now: float = 0.0,
                 cid_group: tuple[int, int] = (0, 1)) -> None:
        self.config = config or EndpointConfig()
        cfg = self.config
        self.rx_window = cfg.rx_window
        self.tx_window = cfg.tx_window
        self.max_jumbo = cfg.max_jumbo
        self.ack_delay = cfg.ack_delay
        self.flush_delay = cfg.flush_delay
        self.rng = rng if rng is not None else random.Random(0)
        self.epoch = (self.rng.getrandbits(32) | EPOCH_RANDOM_BIT) & ~0x40000000
        index, size = cid_group
        if not 0 <= index < size <= _MAX_GROUP:
            raise ValueError(f"group member {index} of {size} is out of range")
        self.cid_group = (index, size)
        """``(index, size)``: our client connections' numbers (``cid >> 2``) are all
        ``index`` modulo ``size``, so a group that steers by them sends replies back here."""
        first = (self.rng.getrandbits(32) & 0x3FFFFFFC) >> 2
        self.next_cid = (first - first % size + index or size) << 2
        self.peer_table = PeerTable(self.config)
        self.conns = ConnectionTable(self.config, self.peer_table)
        self.peers: dict[Address, Peer] = self.peer_table.by_address
        self.client_conns: dict[int, Connection] = self.conns.client
        self.server_conns: dict[Hashable, Connection] = self.conns.server
        self.bundles: dict[Hashable, list[Connection]] = self.conns.bundles
        self.listeners: dict[int, Listener] = {}
        self.dirty: dict[CallCore, None] = {}
        """Calls whose application-visible state changed, in the order they first did (an
        ordered set: the application wakes them in that order, see :meth:`take_dirty`)."""
        self.new_calls: list[CallCore] = []
        self.out: list[Datagram] = []
        self.ack_trailers = (our_trailer(self.config), pmtud_trailer(self.config))
        """Our ACKs' two trailers, by the peer's ``pmtud_peer`` (the config never changes)."""
        self._want_tx: dict[CallCore, None] = {}
        self._want_ack: dict[CallCore, None] = {}
        self._want_verify: dict[CallCore, None] = {}
        self.deferred_acks: dict[CallCore, DeferredAck] = {}
        """Each call's newest plain ACK of the batch, applied at its end (see inbound.ack)."""
        self._timers: list[tuple[float, int, CallCore]] = []
        self._pushes: dict[CallCore, None] = {}
        """Calls keeping a part-filled packet back (see :meth:`want_push`)."""
        self._push_at = _INF
        """No call's push is due before this (a lower bound: entries are dropped lazily)."""
        self._timer_seq = 0
        self._scheduled: dict[CallCore, float] = {}
        """When each call's one valid heap entry is due (other entries of it are stale)."""
        self._housekeeping_at = now + _HOUSEKEEPING_INTERVAL
        self.timers_moved = False
        """A timer was set since :meth:`next_deadline` last answered (which clears this), so
        the application may have to bring its wake-up forward."""
        self.held_bytes = 0
        """DATA bytes held for connections still authenticating (capped by the config)."""
        self.live_calls: dict[CallCore, None] = {}
        self.bundle_calls: dict[Hashable, int] = {}
        """Live client calls by bundle key (see :mod:`.clientside`); absent when none."""
        self.watched_bundles: set[Hashable] = set()
        """Bundles the application holds calls back for: when a call of one ends, its key is
        put in :attr:`freed_bundles`."""
        self.freed_bundles: dict[Hashable, None] = {}
        """Watched bundles in which a call ended since :meth:`take_freed_bundles`."""
        self.counters = Counters()
        self._disposition = self.counters.disposition
        self.received_by_type = [0] * 14
        """Datagrams received, by packet type (index = type, 0 unused), for rxdebug."""
        self.listing_types: frozenset[int] = frozenset()
        """The listing DEBUG request types the application answers (none by default)."""
        self.listing_requests: list[tuple[bytes, Address, int, int]] = []
        """Listing requests of this batch, for the application to answer when it next
        flushes: ``(request header, address, type, page)``.  At most
        :data:`MAX_LISTING_REQUESTS` wait; more are dropped."""
        self.debug_conns: dict[int, tuple[float, list[Connection]]] = {}
        self.debug_peers: tuple[float, list[Peer]] | None = None

    # ------------------------------------------------------------------- helpers

    def want_transmit(self, call: CallCore) -> None:
        """Note that ``call`` may have DATA to send at the next flush."""
        self._want_tx[call] = None

    def want_verify(self, call: CallCore) -> None:
        """``call`` set DATA aside for a batched security check (run before any output)."""
        self._want_verify[call] = None

    def want_ack(self, call: CallCore) -> None:
        """Note that ``call`` owes an ACK at the next flush."""
        self._want_ack[call] = None

    def want_push(self, call: CallCore) -> None:
        """``call`` keeps a part-filled packet back until its ``push_at``.

        Pushes live beside the timer heap, not in it: nearly every small call arms one and
        cancels it a moment later (its end follows), so they cost two dict operations.
        """
        self._pushes[call] = None
        if call.push_at < self._push_at:
            self._push_at = call.push_at
            self.timers_moved = True

    def cancel_push(self, call: CallCore) -> None:
        """``call`` no longer keeps a packet back."""
        self._pushes.pop(call, None)

    def _run_pushes(self, now: float) -> None:
        due = [call for call in self._pushes if call.push_at <= now]
        for call in due:
            del self._pushes[call]
            call.flush(now)  # (a call that completed meanwhile only forgets its push)
        self._push_at = min((call.push_at for call in self._pushes), default=_INF)

    def schedule(self, call: CallCore) -> None:
        """Make sure the timer heap wakes ``call`` no later than its deadline."""
        d = call.deadline()
        scheduled = self._scheduled
        if d < scheduled.get(call, _INF):
            scheduled[call] = d
            self._timer_seq += 1
            heapq.heappush(self._timers, (d, self._timer_seq, call))
            self.timers_moved = True

    # ------------------------------------------------------------- services

    def listen(self, service_ids: Iterable[int], *, backlog: int,
               securities: Iterable[ServerSecurity] = (), min_level: int = 0,
               queue: AcceptQueue | None = None,
               upgrade: tuple[int, int] | None = None) -> Listener:
        """Start accepting calls for ``service_ids``; they share one accept queue.

        ``upgrade`` (from, to) upgrades new connections that ask for it from the first
        service to the second (see :mod:`.upgrade`).

        Raises:
            ValueError: a service ID is out of range or already served here, or the upgrade
                rule is not between two of ``service_ids``.
        """
        ids = frozenset(service_ids)
        check_upgrade_rule(ids, upgrade)
        for sid in ids:
            if not 1 <= sid <= 0xFFFF:
                raise ValueError(f"service ID {sid} is not in 1..65535")
            if sid in self.listeners:
                raise ValueError(f"service {sid} is already being served on this endpoint")
        secs: dict[int, ServerSecurity] = {0: NullServerSecurity()}
        for sec in securities:
            secs[sec.security_index] = sec
        listener = Listener(service_ids=ids, backlog=backlog, securities=secs,
                            min_level=min_level, queue=queue, upgrade=upgrade)
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
        """The application took ``call`` from the accept queue: its place there is free."""
        self._release_listener(call)
        call_life.accepted_by_app(call)
        self.counters.calls_accepted += 1

    def call_not_queued(self, call: CallCore, code: int, now: float, why: str) -> None:
        """The application could not queue a new call: free its place and abort it."""
        self._release_listener(call)
        self.abort(call, code, now, why)

    @staticmethod
    def _release_listener(call: CallCore) -> None:
        """Give back the accept queue place a new server call holds (once: the slot empties)."""
        listener = call_life.leave_accept_queue(call)
        if listener is not None:
            listener.pending -= 1

    # ------------------------------------------------------- for the application

    def has_work(self) -> bool:
        """Whether a flush would do more than look at the timers: something to send or
        check, new calls, calls to wake, bundles freed or listings asked for."""
        return bool(self.out or self._want_tx or self._want_ack or self._want_verify
                    or self.deferred_acks or self.new_calls or self.dirty
                    or self.freed_bundles or self.listing_requests)

    def changed(self, call: CallCore) -> None:
        """Mark a call for the application to look at again (:meth:`take_dirty` returns it);
        a call marked already keeps its place."""
        self.dirty[call] = None

    def take_dirty(self) -> Sequence[CallCore]:
        """The calls whose application-visible state changed since the last take, in the
        order they first changed; the application wakes their waiters."""
        dirty = self.dirty
        if not dirty:
            return _NOTHING
        calls = list(dirty)
        dirty.clear()
        return calls

    def take_new_calls(self) -> Sequence[CallCore]:
        """The server calls ready for their listeners' accept queues since the last take,
        in arrival order (see :meth:`call_accepted` and :meth:`call_not_queued`)."""
        calls = self.new_calls
        if not calls:
            return _NOTHING
        self.new_calls = []
        return calls

    def take_listing_requests(self) -> Sequence[tuple[bytes, Address, int, int]]:
        """The listing requests waiting for an answer (see :attr:`listing_requests`)."""
        requests = self.listing_requests
        if not requests:
            return _NOTHING
        self.listing_requests = []
        return requests

    # --------------------------------------------------------- client calls

    def start_call(
        self, address: Address, service_id: int, *, now: float,
        security: ClientSecurity | None = None, exclusive: bool = False,
        timeout: float | None = None, hard_timeout: float | None = None,
        idle_timeout: float | None = None,
        upgrade: bool = False, tx_length: int | None = None,
    ) -> CallCore:
        """Create a client call to ``(address, service_id)``; nothing is sent until data is.

        ``timeout``, ``idle_timeout`` and ``hard_timeout`` default to the config's
        ``dead_time``, ``client_idle_timeout`` and ``hard_timeout``.

        Raises:
            ValueError: the service ID is out of range.
            SecurityFailure: the security object cannot set up a connection.
        """
        if not 1 <= service_id <= 0xFFFF:
            raise ValueError(f"service ID {service_id} is not in 1..65535")
        conn, channel = clientside.connection_for(self, address, service_id, security,
                                                  exclusive=exclusive, upgrade=upgrade, now=now)
        ch = conn.channels[channel]
        ch.call_number += 1
        call = CallCore(self, conn, channel, ch.call_number, is_client=True, now=now,
                        timeout=timeout, hard_timeout=hard_timeout,
                        idle_timeout=(idle_timeout if idle_timeout is not None
                                      else self.config.client_idle_timeout),
                        tx_length=tx_length, upgrade=upgrade)
        ch.call = call
        conn.last_used = now
        self.live_calls[call] = None
        key = conn.bundle_key
        if key is not None:
            self.bundle_calls[key] = self.bundle_calls.get(key, 0) + 1
        self.counters.calls_started += 1
        conn.peer.calls += 1
        self.schedule(call)
        return call

    def bundle_full(self, key: Hashable) -> bool:
        """Whether the bundle ``key`` already has ``max_calls_per_bundle`` live calls."""
        cap = self.config.max_calls_per_bundle
        return cap is not None and self.bundle_calls.get(key, 0) >= cap

    def take_freed_bundles(self) -> Sequence[Hashable]:
        """The watched bundles in which a call ended since the last time (then cleared)."""
        freed = list(self.freed_bundles)
        self.freed_bundles.clear()
        return freed

    def peer_unreachable(self, address: Address, why: str, *, now: float) -> None:
        """The network says ``address`` cannot be reached: fail our client calls to it that
        have heard nothing from it yet (see :func:`.clientside.peer_unreachable`)."""
        clientside.peer_unreachable(self, address, why, now)

    def path_too_big(self, address: Address, mtu: int | None, *, now: float) -> None:
        """The network says a datagram to ``address`` was too big (ICMP "fragmentation
        needed" or the local stack refusing it); ``mtu`` is the largest UDP payload it
        carries, ``None`` if unknown.  Our DATA to that peer shrinks (never below the base
        size of :mod:`.pmtud`); nothing fails."""
        pmtud.path_too_big(self, address, mtu, now)

    def path_stalled(self, call: CallCore, now: float) -> None:
        """See :meth:`.callhost.CallHost.path_stalled`."""
        if pmtud.black_hole(call.peer.pmtu, now):
            self.counters.pmtu_black_holes += 1

    def abort(self, call: CallCore, code: int, now: float, why: str = "") -> None:
        """Abort ``call`` with ``code`` (an ABORT goes out at the next flush)."""
        if code == 0:
            raise ValueError("abort code 0 means no error and cannot be sent")
        call.local_abort(code, now, why or f"the call was aborted locally ({code})")

    def call_completed(self, call: CallCore, now: float) -> None:
        """Bookkeeping when a call ends (called by the call itself; the connection's, the
        channel's and the counters' share is in :mod:`.ended`)."""
        self.dirty[call] = None
        self.live_calls.pop(call, None)
        self._want_tx.pop(call, None)
        self._pushes.pop(call, None)
        self._scheduled.pop(call, None)  # its heap entries are now stale
        if len(self._timers) > 2 * len(self._scheduled) + _STALE_TIMER_SLACK:
            self._compact_timers()
        if call.completion is not Completion.SUCCEEDED:
            # A failed call's ABORT says all there is; an ACK it still owed must not follow
            # (only a call that succeeded sends a final ACK).
            self._want_ack.pop(call, None)
            call.cancel_ack()
        ended.call_ended(self, call, now)

    # ------------------------------------------------------------- output

    def header(self, conn: Connection, call_number: int, channel: int, ptype: int, flags: int,
                serial: int, seq: int = 0) -> bytes:
        if conn.is_client:
            flags |= CLIENT_INITIATED
        return HEADER.pack(conn.epoch, conn.cid | channel, call_number, seq, serial, ptype, flags,
                           0, conn.security_index, 0, conn.service_id)

    def send_ack(self, call: CallCore, reason: int, serial: int, now: float, *,
                 pad_to: int = 0) -> int:
        """Queue an ACK for ``call`` right now; return its serial.  ``pad_to`` pads the
        datagram with zeros to that many bytes (a path-MTU probe).

        On a client connection still waiting to learn whether the server upgraded its
        service, the ACK is not sent (see :mod:`.upgrade`).
        """
        conn = call.conn
        pkt_serial = conn.next_serial()
        if conn.upgrade and upgrade_holding_back(conn):
            return pkt_serial
        flags = SLOW_START_OK | (REQUEST_ACK if reason == AckReason.PING else 0)
        body = call.build_ack(reason, serial)
        parts: list[bytes | memoryview] = [
            self.header(conn, call.call_number, call.channel, _ACK, flags, pkt_serial), body]
        if pad_to > HEADER_SIZE + len(body):
            parts.append(_ZEROS[:pad_to - HEADER_SIZE - len(body)])
        self.out.append((parts, call.peer.address))
        self._want_ack.pop(call, None)
        self.counters.acks_sent += 1
        return pkt_serial

    def send_abort(self, call: CallCore, code: int, now: float) -> None:
        """Queue an ABORT for ``call``."""
        conn = call.conn
        hdr = self.header(conn, call.call_number, call.channel, _ABORT, 0, conn.next_serial())
        self.out.append(([hdr, ABORT_BODY.pack(code)], call.peer.address))
        self.counters.abort_sent(code)

    def send_conn_abort(self, conn: Connection, code: int) -> None:
        hdr = self.header(conn, 0, 0, _ABORT, 0, conn.next_serial())
        self.out.append(([hdr, ABORT_BODY.pack(code)], conn.peer.address))
        self.counters.abort_sent(code)

    def send_raw_reply(self, data: memoryview, addr: Address, ptype: int, body: bytes,
                       *, keep_flags: bool = False) -> None:
        """Answer a packet that has no connection here: echo its IDs, serial 0."""
        (epoch, cid, callno, _seq, _serial, _t, flags, _us, secidx, _ck,
         service) = HEADER.unpack_from(data)
        out_flags = (flags & ~CLIENT_INITIATED) if keep_flags else (
            0 if flags & CLIENT_INITIATED else CLIENT_INITIATED)
        hdr = HEADER.pack(epoch, cid, callno, 0, 0, ptype, out_flags, 0, secidx, 0, service)
        self.out.append(([hdr, body], addr))

    def refuse(self, data: memoryview, addr: Address, code: int) -> None:
        """Answer a would-be call with a raw ABORT (nothing is created for it)."""
        self.send_raw_reply(data, addr, _ABORT, ABORT_BODY.pack(code))
        self.counters.abort_sent(code)

    def send_busy(self, data: memoryview, addr: Address) -> None:
        self.send_raw_reply(data, addr, _BUSY, b"")
        self.counters.busy_sent += 1

    def datagrams_to_send(self, *, now: float) -> list[Datagram]:
        """Build and return everything that should go out now.

        Call it after each batch of :meth:`receive_datagram` calls: DATA whose security check
        runs per batch is checked (and reaches the calls) here, and each call's newest plain
        ACK of the batch is applied.
        """
        if self.deferred_acks:
            inbound.apply_deferred_acks(self, now)
        if self._want_verify:
            calls = list(self._want_verify)
            self._want_verify.clear()
            for call in calls:
                try:
                    call_rx.verify_batch(call, now)
                except Exception as exc:  # pragma: no cover - a bug; contain it to the call
                    self.contain(call, exc, now)
        if self._want_tx:
            out = self.out
            calls = list(self._want_tx)
            self._want_tx.clear()
            for call in calls:
                try:
                    call_tx.transmit(call, now, out)
                    if now >= call.peer.pmtu.next_at:
                        pmtud.maybe_probe(self, call, now)
                except Exception as exc:  # pragma: no cover - a bug; contain it to the call
                    self.contain(call, exc, now)
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
                    call.cancel_ack()
                    continue
                self.send_ack(call, reason, call.ack_serial, now)
        out = self.out
        if out:
            self.out = []
            self.counters.datagrams_sent += len(out)
        return out

    # -------------------------------------------------------------- timers

    def next_deadline(self) -> float:
        """When :meth:`handle_timers` should next run (``math.inf``: nothing pending)."""
        timers = self._timers
        scheduled = self._scheduled
        while timers:
            when, _n, call = timers[0]
            if scheduled.get(call) != when:
                heapq.heappop(timers)  # stale: superseded, or the call completed
                continue
            actual = call.deadline()
            if actual <= when:
                break
            # The call's timers moved later since this entry was filed: re-file it rather
            # than waking up for nothing.
            heapq.heappop(timers)
            del scheduled[call]
            self.schedule(call)
        first = timers[0][0] if timers else _INF
        self.timers_moved = False  # (after the re-filing above, which sets it)
        return min(min(first, self._housekeeping_at), self._push_at)

    def _compact_timers(self) -> None:
        """Drop the heap's stale entries (of completed calls, or superseded), in place.

        A stale entry is otherwise dropped only when it comes to the top, at its deadline,
        and until then it keeps its call alive: at thousands of calls a second, that was
        thousands of completed calls (and their buffers) for the collector to walk.  This
        runs when stale entries outnumber live ones, so each costs O(1) amortized.
        """
        timers = self._timers
        scheduled = self._scheduled
        timers[:] = [entry for entry in timers if scheduled.get(entry[2]) == entry[0]]
        heapq.heapify(timers)

    def handle_timers(self, *, now: float) -> None:
        """Run every timer that has expired by ``now``."""
        timers = self._timers
        scheduled = self._scheduled
        handled: list[CallCore] = []
        while timers and timers[0][0] <= now:
            when, _n, call = heapq.heappop(timers)
            if scheduled.get(call) != when:
                continue
            del scheduled[call]
            try:
                call.handle_timers(now)
            except Exception as exc:  # pragma: no cover - a bug; contain it to the call
                self.contain(call, exc, now)
            handled.append(call)
        # Re-arm after the loop, so a timer that stays due runs once per call here, not forever.
        for call in handled:
            self.schedule(call)
        if now >= self._push_at:
            self._run_pushes(now)
        if now >= self._housekeeping_at:
            self._housekeeping_at = now + _HOUSEKEEPING_INTERVAL
            self._housekeeping(now)

    def _housekeeping(self, now: float) -> None:
        for conn in self.conns.expire(now):
            if conn.is_client:
                handshake.watch(self, conn, now)
                continue
            if conn.security.authenticated:
                continue
            if (conn.securing_calls()
                    and now - conn.challenge_sent_at >= serverside.CHALLENGE_INTERVAL):
                serverside.send_challenge(self, conn, now)
        self.peer_table.expire(now)
        self.debug_conns.clear()
        self.debug_peers = None

    def contain(self, call: CallCore, exc: Exception, now: float) -> None:
        self.counters.internal_errors += 1
        if call.completion is None:
            self.send_abort(call, AbortCode.RX_PROTOCOL_ERROR, now)
            call.fail(Completion.LOCAL_ERROR, AbortCode.RX_PROTOCOL_ERROR, now,
                      f"internal error while processing the call: {exc!r}")

    # ----------------------------------------------------------- input

    def receive_datagram(self, data: memoryview | bytes, addr: Address, *, now: float) -> None:
        """Process one datagram from ``addr``.  Never raises for bad input."""
        counters = self.counters
        counters.datagrams_received += 1
        counters.bytes_received += len(data)
        if len(data) < HEADER_SIZE:
            self._disposition["short"] += 1
            return
        view = data if isinstance(data, memoryview) else memoryview(data)
        try:
            kind = inbound.receive(self, view, addr, now)
        except Exception:  # pragma: no cover
            # Last line of defence for this entry point: the bytes are validated where they
            # are read, so only a bug outside a call lands here; it must not stop receiving.
            counters.internal_errors += 1
            kind = "internal_error"
        self._disposition[kind] += 1

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
