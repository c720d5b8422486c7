"""One Rx call: its state machine, its transmit half and its receive half.

Theory of operation
-------------------
A call is a request (client to server) followed by a reply (server to client), each a
stream of DATA packets numbered from seq 1 and ended by one packet flagged LAST_PACKET.
States carry the Linux kernel's names (``CLIENT_SEND_REQUEST`` ... ``COMPLETE``) so traces
read alike.  The call ends once, with a :class:`Completion`; after that it sends nothing but
what its channel repeats for stray packets.

Transmit half.  Application bytes are cut into packets of the connection's payload size
(1412 bytes on the wire, less the security class's overhead), secured once, and kept in
parallel lists indexed by ``seq - tx_base - 1`` until the peer hard-ACKs them.  A packet may
be sent when it lies inside the peer's receive window (counted from the hard-ACK point) and
the congestion window has room.  Full packets that go out together are grouped into
jumbograms when the peer said it accepts them.  Loss is repaired two ways: a packet NACKed
below one the peer already holds is resent after three such ACKs (fast retransmit), and the
retransmission timer resends everything unacknowledged after an RTO.  Congestion control is
slow start then additive increase, halving on fast retransmit and falling to one packet on a
timeout.

Receive half.  Payloads are verified by the security class as they arrive, then queued in
order for the reader; out-of-order ones wait in a dict keyed by seq.  The hard-ACK point
(``firstPacket`` in our ACKs) advances only as the application consumes packets, so memory
stays bounded by our advertised window.  ACKs are not sent per packet: arrivals set a pending
reason and the endpoint emits at most one ACK per call per flush.

Nothing here performs I/O: datagrams go to the endpoint's output list, timers are absolute
times on the ``now`` clock that the caller passes in.
"""

from __future__ import annotations

import enum
from collections import deque
from typing import TYPE_CHECKING

from .codes import AbortCode
from .security.base import SecurityFailure
from .wire import (
    ACK_BODY,
    ACK_TRAILER,
    CLIENT_INITIATED,
    HEADER,
    JUMBO_DATALEN,
    JUMBO_HEADER,
    JUMBO_PACKET,
    LAST_PACKET,
    MAX_ACKS,
    REQUEST_ACK,
    AckReason,
    PacketType,
)

if TYPE_CHECKING:
    from .config import EndpointConfig
    from .connection import Connection, Datagram, Peer
    from .endpoint import EndpointCore

_INF = float("inf")
_DATA = int(PacketType.DATA)
_ACK = int(PacketType.ACK)
_ABORT = int(PacketType.ABORT)
_NACK_THRESHOLD = 3
_REPLY_SUBSUMES = frozenset({AckReason.IDLE, AckReason.DELAY, AckReason.REQUESTED})
_PAD3 = b"\0\0\0"


class CallState(enum.Enum):
    """Where a call is in its life (names as in Linux ``net/rxrpc``)."""

    CLIENT_SEND_REQUEST = "CLIENT_SEND_REQUEST"
    CLIENT_AWAIT_REPLY = "CLIENT_AWAIT_REPLY"
    CLIENT_RECV_REPLY = "CLIENT_RECV_REPLY"
    SERVER_SECURING = "SERVER_SECURING"
    SERVER_RECV_REQUEST = "SERVER_RECV_REQUEST"
    SERVER_ACK_REQUEST = "SERVER_ACK_REQUEST"
    SERVER_SEND_REPLY = "SERVER_SEND_REPLY"
    SERVER_AWAIT_ACK = "SERVER_AWAIT_ACK"
    COMPLETE = "COMPLETE"


class Completion(enum.Enum):
    """How a call ended."""

    SUCCEEDED = "SUCCEEDED"
    REMOTELY_ABORTED = "REMOTELY_ABORTED"
    LOCALLY_ABORTED = "LOCALLY_ABORTED"
    LOCAL_ERROR = "LOCAL_ERROR"
    NETWORK_ERROR = "NETWORK_ERROR"
    BUSY = "BUSY"


_RECEIVING_STATES = frozenset({CallState.SERVER_RECV_REQUEST, CallState.CLIENT_AWAIT_REPLY,
                               CallState.CLIENT_RECV_REPLY})
_SENDING_STATES = frozenset({CallState.CLIENT_SEND_REQUEST, CallState.SERVER_SEND_REPLY,
                             CallState.SERVER_ACK_REQUEST, CallState.SERVER_RECV_REQUEST})
_ACK_PRIORITY = {
    0: 0, AckReason.IDLE: 1, AckReason.DELAY: 2, AckReason.REQUESTED: 3,
    AckReason.DUPLICATE: 4, AckReason.EXCEEDS_WINDOW: 5, AckReason.NOSPACE: 6,
    AckReason.OUT_OF_SEQUENCE: 7,
}


class CallCore:
    """The protocol state of one call.  Created by :class:`EndpointCore`, never by users."""

    __slots__ = (
        "_header_fixed",
        "_max_data",
        "_scheduled",
        "_tx_closed",
        "abort_code",
        "accepted",
        "ack_at",
        "ack_reason",
        "ack_serial",
        "ack_unsent",
        "busy_count",
        "bytes_received",
        "bytes_sent",
        "call_number",
        "channel",
        "completion",
        "conn",
        "cwnd",
        "dead_at",
        "ep",
        "error",
        "expected_tx_length",
        "hard_at",
        "idle_at",
        "idle_bytes",
        "idle_timeout",
        "in_recovery",
        "is_client",
        "keepalive",
        "last_ack_first",
        "last_ack_prev",
        "last_recv",
        "nack_count",
        "owner",
        "packets_received",
        "packets_sent",
        "peer",
        "peer_rwind",
        "ping_at",
        "ping_sent_at",
        "ping_serial",
        "push_at",
        "recovery_point",
        "resend_at",
        "retransmits",
        "rtt_probe_at",
        "rtt_probe_serial",
        "rx_bufs",
        "rx_consumed",
        "rx_consumed_acked",
        "rx_last",
        "rx_ready",
        "rx_ready_bytes",
        "rx_seq",
        "rx_top",
        "rx_unverified",
        "security_failed",
        "service_id",
        "ssthresh",
        "state",
        "timeout",
        "tx_base",
        "tx_bufs",
        "tx_cksum",
        "tx_flags",
        "tx_inflight",
        "tx_last",
        "tx_lost",
        "tx_next",
        "tx_pending",
        "tx_queued_bytes",
        "tx_sacked",
        "tx_sent_at",
        "tx_top",
        "upgrade",
        "user_status",
    )

    def __init__(
        self, ep: EndpointCore, conn: Connection, channel: int, call_number: int, *,
        is_client: bool, now: float, timeout: float | None = None,
        hard_timeout: float | None = None, idle_timeout: float | None = None,
    ) -> None:
        cfg = ep.config
        self.ep = ep
        self.conn = conn
        self.peer: Peer = conn.peer
        self.channel = channel
        self.call_number = call_number
        self.service_id = conn.service_id
        self.is_client = is_client
        self.state = CallState.CLIENT_SEND_REQUEST if is_client else CallState.SERVER_RECV_REQUEST
        self.completion: Completion | None = None
        self.abort_code = 0
        self.error = ""
        self.owner: object = None
        self.accepted = False
        self.user_status = 0
        self.upgrade = False
        self.expected_tx_length: int | None = None
        self.timeout = timeout if timeout is not None else cfg.dead_time
        # Ping often enough that a silent but healthy peer answers well before we give up.
        self.keepalive = min(cfg.keepalive_time, self.timeout / 3)
        self._max_data = conn.security.max_data(JUMBO_DATALEN)
        flags = CLIENT_INITIATED if is_client else 0
        self._header_fixed = (conn.epoch, conn.cid | channel, call_number, flags,
                              conn.security_index, conn.service_id)
        # transmit half
        self.tx_pending = bytearray()
        self.tx_bufs: list[bytes | memoryview] = []
        self.tx_flags: list[int] = []
        self.tx_cksum: list[int] = []
        self.tx_sent_at: list[float] = []
        self.tx_sacked = bytearray()
        self.tx_lost = bytearray()
        self.tx_base = 0
        self.tx_top = 0
        self.tx_next = 1
        self.tx_last = False
        self._tx_closed = False
        self.tx_inflight = 0
        self.tx_queued_bytes = 0
        self.peer_rwind = 16
        self.cwnd = max(cfg.initial_cwnd, self.peer.cwnd_hint)
        self.ssthresh = cfg.tx_window
        self.nack_count = 0
        self.in_recovery = False
        self.recovery_point = 0
        self.last_ack_first = 0
        self.last_ack_prev = 0
        # receive half
        self.rx_bufs: dict[int, bytes | memoryview] = {}
        # seq -> (flags, serial, cksum, payload), waiting for verify_batch
        self.rx_unverified: dict[int, tuple[int, int, int, bytes | memoryview]] = {}
        self.rx_ready: deque[bytes | memoryview] = deque()
        self.rx_ready_bytes = 0
        self.rx_seq = 0
        self.rx_consumed = 0
        self.rx_consumed_acked = 0
        self.rx_top = 0
        self.rx_last = 0
        self.ack_reason = 0
        self.ack_serial = 0
        self.ack_unsent = 0
        # timers and probes
        self.ack_at = _INF
        self.resend_at = _INF
        # A client call's peer hears of it only with its first packet: its liveness timers
        # start then.
        self.ping_at = _INF if is_client else now + self.keepalive
        self.dead_at = _INF if is_client else now + self.timeout
        hard = hard_timeout if hard_timeout is not None else cfg.hard_timeout
        self.hard_at = now + hard if hard else _INF
        self.idle_timeout = idle_timeout
        self.idle_at = now + idle_timeout if idle_timeout else _INF
        self.idle_bytes = 0
        self.push_at = _INF
        self.security_failed = False
        self.rtt_probe_serial = 0
        self.rtt_probe_at = 0.0
        self.ping_serial = 0
        self.ping_sent_at = 0.0
        self.last_recv = now
        self.busy_count = 0
        self._scheduled = _INF
        # statistics
        self.bytes_sent = 0
        self.bytes_received = 0
        self.packets_sent = 0
        self.packets_received = 0
        self.retransmits = 0

    def __repr__(self) -> str:
        side = "client" if self.is_client else "server"
        return (f"<CallCore {side} cid={self.conn.cid | self.channel:#x} "
                f"call={self.call_number} {self.state.value}>")

    # ------------------------------------------------------------------ queries

    def deadline(self) -> float:
        """The earliest of this call's timers."""
        if self.completion is not None:
            return _INF
        return min(self.ack_at, self.resend_at, self.ping_at, self.dead_at, self.hard_at,
                   self.idle_at, self.push_at)

    @property
    def is_sending(self) -> bool:
        """Whether the application may still queue data on this call."""
        return self.completion is None and not self._tx_closed and (
            self.state in _SENDING_STATES)

    def tx_space(self) -> int:
        """Bytes ``write`` would accept right now (0: wait for the window to open).

        The queue holds up to two windows of packets: one in flight and one secured and
        ready behind it.  Once more than a window is queued, space is only offered again
        when half a window is free, so the writer refills (and a security class seals) in
        large batches while a full window is still ready to go out.
        """
        if self.completion is not None:
            return 0
        queued = self.tx_top - self.tx_base
        window = self.ep.config.tx_window
        free = 2 * window - queued
        if free <= 0 or (queued > window and free < window // 2):
            return 0
        return free * self._max_data - len(self.tx_pending)

    def rx_done(self) -> bool:
        """Whether every byte of the incoming phase has been read."""
        return self.rx_last != 0 and self.rx_consumed >= self.rx_last and not self.rx_ready

    # --------------------------------------------------------------- app -> core

    def write(self, data: bytes | memoryview, *, eor: bool, now: float) -> int:
        """Queue up to ``tx_space()`` bytes; with ``eor`` and everything taken, end the phase.

        Returns the number of bytes taken.  Raises ``RuntimeError`` when the call cannot send.
        """
        if self.completion is not None or self._tx_closed:
            raise RuntimeError("the call is not sending")
        if self.state is CallState.SERVER_RECV_REQUEST or (
                self.state is CallState.SERVER_ACK_REQUEST):
            self.state = CallState.SERVER_SEND_REPLY
        elif self.state not in _SENDING_STATES:
            raise RuntimeError(f"cannot send in state {self.state.value}")
        take = min(len(data), max(self.tx_space(), 0))
        if self.tx_top == self.tx_base and take and self.idle_timeout:
            self._progress(now)  # the peer had nothing of ours to acknowledge: its turn starts
        view = memoryview(data)[:take]
        finish = eor and take == len(data)
        maxd = self._max_data
        pending = self.tx_pending  # a partial packet kept from earlier writes
        chunks: list[bytes] = []
        # A full packet is only cut once more data or the end follows it: the last packet
        # must carry LAST_PACKET, so one that might be the last is held back.
        off = 0
        if pending:
            off = min(maxd - len(pending), take)
            pending += view[:off]
            if len(pending) == maxd and (off < take or finish):
                chunks.append(bytes(pending))
                pending.clear()
        if not pending:
            # Full packets straight from the caller's buffer: one copy per byte.
            while take - off > maxd or (take - off == maxd and finish):
                chunks.append(bytes(view[off:off + maxd]))
                off += maxd
            pending += view[off:]
        if finish and (pending or not chunks):
            chunks.append(bytes(pending))
            pending.clear()
        if chunks:
            self._queue_packets(chunks, LAST_PACKET if finish else 0)
        if pending:
            if self.push_at == _INF:
                # Keep a part-filled packet back briefly in case more data or the end follows.
                self.push_at = now + self.ep.config.flush_delay
                self.ep.schedule(self)
        else:
            self.push_at = _INF
        if finish:
            self._tx_closed = True
            self.tx_last = True
            if self.expected_tx_length not in (None, self.tx_queued_bytes):
                self.local_abort(AbortCode.RX_USER_ABORT, now,
                                 "declared transmit length does not match what was sent")
                return take
        self.ep.want_transmit(self)
        return take

    def flush(self, now: float) -> bool:
        """Send a part-filled packet kept back by :meth:`write` now, as it is.

        Returns whether there was one.  It goes out without LAST_PACKET: the phase still
        ends with a later write (an empty last packet if nothing more follows).
        """
        self.push_at = _INF
        pending = self.tx_pending
        if not pending or self.completion is not None or self._tx_closed:
            return False
        self._queue_packets([bytes(pending)], 0)
        pending.clear()
        self.ep.want_transmit(self)
        return True

    def set_timeouts(self, now: float, *, normal: float | None, idle: float | None,
                     hard: float | None, change_idle: bool, change_hard: bool) -> None:
        """Change the call's timeouts (as ``RXRPC_SET_CALL_TIMEOUT`` does), counted from now.

        ``normal`` (``None``: unchanged) is how long the peer may be silent; ``idle`` and
        ``hard`` (``None``: off) apply only where ``change_idle``/``change_hard`` say so.
        """
        if self.completion is not None:
            return
        if normal is not None:
            self.timeout = normal
            self.keepalive = min(self.ep.config.keepalive_time, normal / 3)
            if self.dead_at != _INF:
                self.dead_at = now + normal
                self.ping_at = min(self.ping_at, now + self.keepalive)
        if change_idle:
            self.idle_timeout = idle
            self.idle_at = now + idle if idle else _INF
        if change_hard:
            self.hard_at = now + hard if hard else _INF
        self.ep.schedule(self)

    def _progress(self, now: float) -> None:
        """The data path moved: the idle timeout starts again."""
        self.idle_bytes = 0
        self.idle_at = now + self.idle_timeout if self.idle_timeout else _INF

    def _waiting_on_peer(self) -> bool:
        """Whether the call's next step is the peer's (only then may the idle timer end it)."""
        state = self.state
        if state is CallState.SERVER_ACK_REQUEST:
            return False  # the application owes the reply
        if self.tx_top > self.tx_base:
            return True  # our data waits for the peer's acknowledgement or window
        if state in _RECEIVING_STATES:
            # The peer owes data, unless our own reader left the window full.
            return self.rx_top - self.rx_consumed < self.ep.config.rx_window
        return state is CallState.SERVER_SECURING  # the client owes its RESPONSE

    def _queue_packets(self, chunks: list[bytes], last_flags: int) -> None:
        """Secure and queue consecutive packets; ``last_flags`` goes on the final one."""
        first = self.tx_top + 1
        secured = self.conn.security.secure_packets(self.call_number, self.channel, first,
                                                    chunks)
        count = len(chunks)
        for cksum, wire in secured:
            self.tx_bufs.append(wire)
            self.tx_cksum.append(cksum)
        self.tx_flags.extend([0] * (count - 1))
        self.tx_flags.append(last_flags)
        self.tx_sent_at.extend([-1.0] * count)  # never sent
        self.tx_sacked.extend(bytes(count))
        self.tx_lost.extend(bytes(count))
        self.tx_top = first + count - 1
        self.tx_queued_bytes += sum(len(c) for c in chunks)

    def read(self, max_bytes: int | None, now: float) -> bytes | None:
        """Take up to ``max_bytes`` of received data.

        Returns ``None`` if nothing is available yet, ``b""`` once the phase has ended and
        everything was read.
        """
        ready = self.rx_ready
        if not ready:
            if self.rx_last and self.rx_consumed >= self.rx_last:
                return b""
            return None
        limit = self.rx_ready_bytes if max_bytes is None else max_bytes
        parts: list[bytes | memoryview] = []
        got = 0
        consumed = 0
        while ready and got < limit:
            head = ready[0]
            size = len(head)
            if got + size <= limit:
                ready.popleft()
                parts.append(head)
                got += size
                consumed += 1
            else:
                want = limit - got
                parts.append(head[:want])
                ready[0] = head[want:]
                got += want
        if not got and not consumed:
            # Only empty packets (or max_bytes == 0); consume the empty ones.
            while ready and not len(ready[0]):
                ready.popleft()
                consumed += 1
        self.rx_ready_bytes -= got
        if consumed:
            if self.idle_timeout and (
                    self.rx_top - self.rx_consumed >= self.ep.config.rx_window):
                self._progress(now)  # the peer was waiting for our reader: its turn again
            self.rx_consumed += consumed
            self._after_consume(now)
        if not got:
            if self.rx_last and self.rx_consumed >= self.rx_last:
                return b""
            return None if not ready else b""
        return parts[0] if len(parts) == 1 and isinstance(parts[0], bytes) else b"".join(parts)

    def _after_consume(self, now: float) -> None:
        if self.completion is not None or (self.rx_last and self.rx_seq >= self.rx_last):
            return
        # Tell the sender its window opened once enough was consumed.
        if self.rx_consumed - self.rx_consumed_acked >= 2 or (
                self.rx_top - self.rx_consumed_acked >= self.ep.config.rx_window // 2):
            self.request_ack(AckReason.IDLE, 0, now, immediate=True)

    # ------------------------------------------------------------ network -> core

    def on_data(self, seq: int, flags: int, serial: int, cksum: int,
                payload: bytes | memoryview, now: float) -> None:
        """One DATA packet (or jumbogram sub-packet) for this call."""
        self.last_recv = now
        self.dead_at = now + self.timeout
        self.packets_received += 1
        if self.is_client:
            if self.state is CallState.CLIENT_SEND_REQUEST or (
                    self.state is CallState.CLIENT_AWAIT_REPLY):
                if not self.tx_last:
                    self.local_abort(AbortCode.RX_PROTOCOL_ERROR, now,
                                     "reply data arrived before the request was complete")
                    return
                self._request_done()
                self.state = CallState.CLIENT_RECV_REPLY
        elif self.state not in (CallState.SERVER_RECV_REQUEST, CallState.SERVER_SECURING):
            # Request retransmission after we started replying: just let it be.
            if seq <= self.rx_last:
                self.request_ack(AckReason.DUPLICATE, serial, now, immediate=True)
            return
        if seq <= self.rx_seq or seq in self.rx_bufs or seq in self.rx_unverified:
            self.ep.counters.duplicates += 1
            self.request_ack(AckReason.DUPLICATE, serial, now, immediate=True)
            return
        if seq > self.rx_consumed + self.ep.config.rx_window:
            self.ep.counters.out_of_window += 1
            self.request_ack(AckReason.EXCEEDS_WINDOW, serial, now, immediate=True)
            return
        self.ep.counters.data_received += 1
        security = self.conn.security
        if security.batch_verify:
            # Checked together with the rest of this receive batch (see verify_batch).
            self.rx_unverified[seq] = (flags, serial, cksum, payload)
            self.ep.want_verify(self)
            return
        try:
            data = security.verify_packet(self.call_number, self.channel, seq, cksum, payload)
        except SecurityFailure as exc:
            self.security_failed = True
            self.local_abort(exc.code, now, f"security check failed: {exc.message}")
            return
        self._accept_data(seq, flags, serial, data, now)

    def verify_batch(self, now: float) -> None:
        """Check the packets :meth:`on_data` set aside, all in one go, and accept them.

        Security classes whose checks vectorize across packets (rxkad decrypts every block of
        a batch in one pass) set ``batch_verify``; their packets wait here until the endpoint
        has drained its socket.  Nothing reaches the application before this check.
        """
        pending = self.rx_unverified
        if not pending:
            return
        # (A completed call has nothing set aside: call_completed empties this.)
        items = list(pending.items())
        pending.clear()
        try:
            datas = self.conn.security.verify_packets(
                self.call_number, self.channel,
                [(seq, cksum, payload) for seq, (_f, _s, cksum, payload) in items])
        except SecurityFailure as exc:
            self.security_failed = True
            self.local_abort(exc.code, now, f"security check failed: {exc.message}")
            return
        for (seq, (flags, serial, _cksum, _payload)), data in zip(items, datas, strict=True):
            self._accept_data(seq, flags, serial, data, now)

    def _accept_data(self, seq: int, flags: int, serial: int, data: bytes | memoryview,
                     now: float) -> None:
        """File one verified DATA packet: in order onto the ready queue, or aside."""
        if self.completion is not None:
            return
        if flags & LAST_PACKET:
            if self.rx_last and seq != self.rx_last:
                self.local_abort(AbortCode.RX_PROTOCOL_ERROR, now, "two different last packets")
                return
            if seq < self.rx_top:
                self.local_abort(AbortCode.RX_PROTOCOL_ERROR, now, "last packet below data seen")
                return
            self.rx_last = seq
        elif self.rx_last and seq > self.rx_last:
            self.local_abort(AbortCode.RX_PROTOCOL_ERROR, now, "data beyond the last packet")
            return
        self.bytes_received += len(data)
        if self.idle_timeout:
            self.idle_bytes += len(data)
            if self.idle_bytes >= self._max_data or flags & LAST_PACKET:
                self._progress(now)
        if seq > self.rx_top:
            self.rx_top = seq
        if seq == self.rx_seq + 1:
            ready = self.rx_ready
            ready.append(data)
            self.rx_ready_bytes += len(data)
            seq += 1
            bufs = self.rx_bufs
            while bufs and seq in bufs:
                more = bufs.pop(seq)
                ready.append(more)
                self.rx_ready_bytes += len(more)
                seq += 1
            self.rx_seq = seq - 1
            self.ep.dirty.add(self)
            if flags & REQUEST_ACK:
                # A server that now has the whole request answers the ACK request a little
                # later: if its reply is quicker, the reply itself acknowledges the request.
                self.request_ack(AckReason.REQUESTED, serial, now,
                                 immediate=self.is_client or not flags & LAST_PACKET)
            else:
                self.ack_unsent += 1
                self.request_ack(AckReason.IDLE if self.ack_unsent >= 2 else AckReason.DELAY,
                                 serial, now, immediate=self.ack_unsent >= 2)
        else:
            self.rx_bufs[seq] = data
            self.request_ack(AckReason.OUT_OF_SEQUENCE, serial, now, immediate=True)
        if self.rx_last and self.rx_seq == self.rx_last:
            self._rx_phase_complete(now)

    def _rx_phase_complete(self, now: float) -> None:
        if self.is_client:
            # The reply is all here: the call has succeeded.  Send the final ACK now so a
            # Linux server (which needs a hard ACK) completes promptly too.
            self.request_ack(AckReason.IDLE, 0, now, immediate=True, final=True)
            self._complete(Completion.SUCCEEDED, 0, now)
        elif self.state is CallState.SERVER_RECV_REQUEST:
            self.state = CallState.SERVER_ACK_REQUEST
            self.ep.dirty.add(self)

    def on_ack(self, first: int, prev: int, serial: int, reason: int, acks: memoryview,
               flags: int, packet_serial: int, now: float) -> None:
        """An ACK for this call (trailer already applied to the peer by the endpoint)."""
        self.last_recv = now
        self.dead_at = now + self.timeout
        if reason == AckReason.PING:
            self.ep.send_ack(self, AckReason.PING_RESPONSE, packet_serial, now)
        elif reason == AckReason.PING_RESPONSE and serial and serial == self.ping_serial:
            self.peer.rtt.add_sample(now - self.ping_sent_at)
            self.ping_serial = 0
        # Validity: drop ACKs older than the newest accepted one.
        if first < self.last_ack_first:
            return
        if first == self.last_ack_first and prev < self.last_ack_prev and not (
                prev > first + MAX_ACKS):
            return
        self.last_ack_first = first
        self.last_ack_prev = prev
        if self.completion is not None or self.state is CallState.CLIENT_RECV_REPLY:
            return
        if first == 0 or first - 1 > self.tx_top or first + len(acks) - 1 > self.tx_top:
            # Acknowledges packets we never sent: ignore it (a confused or hostile peer).
            self.ep.counters.bad_acks += 1
            return
        if (self.rtt_probe_serial and serial == self.rtt_probe_serial
                and reason != AckReason.DELAY and reason != AckReason.PING_RESPONSE):
            self.peer.rtt.add_sample(now - self.rtt_probe_at)
            self.rtt_probe_serial = 0
        newly = 0
        base = self.tx_base
        hard = first - 1
        if hard > base:
            n = hard - base
            sent_at = self.tx_sent_at
            sacked = self.tx_sacked
            lost = self.tx_lost
            for i in range(min(n, len(sent_at))):
                if sent_at[i] >= 0 and not sacked[i]:
                    newly += 1
                    if not lost[i]:
                        self.tx_inflight -= 1
            del self.tx_bufs[:n], self.tx_flags[:n], self.tx_cksum[:n], sent_at[:n]
            del sacked[:n], lost[:n]
            self.tx_base = base = hard
            if self.tx_next <= hard:
                self.tx_next = hard + 1
        # Soft ACKs and NACKs.
        negative = False
        highest_sacked = 0
        sacked = self.tx_sacked
        sent_at = self.tx_sent_at
        lost = self.tx_lost
        offset = first - 1 - base  # index of seq `first` in the tx lists
        start = -offset if offset < 0 else 0  # entries below our hard-ACK point: ignore
        end = min(len(acks), len(sent_at) - offset)
        if end > start:
            table = bytes(acks[start:end])
            if max(table) > 1:
                table = bytes(a & 1 for a in table)  # only bit 0 is defined
            known = bytes(sacked[offset + start:offset + end])
            if table != known:
                # Walk only from the first entry that changed: usually the newly arrived tail.
                for i in range(_first_difference(table, known), len(table)):
                    idx = offset + start + i
                    if table[i]:
                        if not sacked[idx]:
                            sacked[idx] = 1
                            if sent_at[idx] >= 0:
                                newly += 1
                                if lost[idx]:
                                    lost[idx] = 0
                                else:
                                    self.tx_inflight -= 1
                    elif sacked[idx]:
                        sacked[idx] = 0  # reneged: the peer dropped it after all
                        if sent_at[idx] >= 0:
                            lost[idx] = 1
            last = table.rfind(1)
            if last >= 0:
                highest_sacked = first + start + last
                hole = table.find(0)
                negative = 0 <= hole < last
        if negative and highest_sacked:
            self.nack_count += 1
        elif newly:
            self.nack_count = 0
        if newly:
            self.peer.rtt.reset_backoff()
            self._grow_cwnd(newly)
            if self.idle_timeout:
                self._progress(now)
        if self.in_recovery and first > self.recovery_point:
            self.in_recovery = False
            self.cwnd = max(self.ssthresh, 2)
        if self.nack_count >= _NACK_THRESHOLD and highest_sacked:
            self._fast_retransmit(first, highest_sacked, now)
        if self.tx_inflight < 0:  # pragma: no cover - defensive bookkeeping repair
            self.tx_inflight = 0
        self._after_tx_progress(now, newly > 0)

    def _grow_cwnd(self, newly: int) -> None:
        limit = self.ep.config.tx_window
        if self.in_recovery:
            return
        if self.cwnd < self.ssthresh:
            self.cwnd = min(self.cwnd + newly, limit)
        else:
            self.cwnd = min(self.cwnd + max(1, newly // max(self.cwnd, 1)), limit)

    def _fast_retransmit(self, first: int, highest_sacked: int, now: float) -> None:
        self.nack_count = 0
        base = self.tx_base
        sacked = self.tx_sacked
        lost = self.tx_lost
        sent_at = self.tx_sent_at
        min_age = self.peer.rtt.srtt if self.peer.rtt.samples else 0.0
        marked = 0
        for seq in range(first, highest_sacked):
            idx = seq - base - 1
            if (0 <= idx < len(sent_at) and sent_at[idx] >= 0 and not sacked[idx]
                    and not lost[idx] and now - sent_at[idx] >= min_age):
                lost[idx] = 1
                self.tx_inflight -= 1
                marked += 1
        if marked:
            if not self.in_recovery:
                self.in_recovery = True
                self.recovery_point = self.tx_next - 1
                self.ssthresh = max(self.cwnd // 2, 2)
                self.cwnd = self.ssthresh + 3
            self.ep.want_transmit(self)

    def _after_tx_progress(self, now: float, progress: bool) -> None:
        if self.tx_last and self.tx_base >= self.tx_top:
            self._tx_phase_acked(now)
            return
        if not self.is_client and self.tx_last and self.tx_next > self.tx_top and (
                0 not in self.tx_sacked):
            # Every reply packet is at least soft-ACKed: OpenAFS counts that as done.
            self._tx_phase_acked(now)
            return
        if self.tx_inflight > 0:
            if progress or self.resend_at == _INF:
                self.resend_at = now + self.peer.rtt.rto()
        else:
            self.resend_at = _INF
        if self.tx_next <= self.tx_top or 1 in self.tx_lost:
            self.ep.want_transmit(self)
        if self.tx_space() > 0 and not self._tx_closed:
            self.ep.dirty.add(self)
        self.ep.schedule(self)

    def _request_done(self) -> None:
        """The whole request is acknowledged (implicitly by reply data, or explicitly)."""
        n = self.tx_top - self.tx_base
        if n:
            del self.tx_bufs[:], self.tx_flags[:], self.tx_cksum[:], self.tx_sent_at[:]
            del self.tx_sacked[:], self.tx_lost[:]
            self.tx_base = self.tx_top
        self.tx_next = self.tx_top + 1
        self.tx_inflight = 0
        self.resend_at = _INF

    def _tx_phase_acked(self, now: float) -> None:
        self._request_done()
        if self.is_client:
            if self.state is CallState.CLIENT_SEND_REQUEST:
                self.state = CallState.CLIENT_AWAIT_REPLY
            self.ep.schedule(self)
        else:
            self._complete(Completion.SUCCEEDED, 0, now)

    def on_ackall(self, now: float) -> None:
        """ACKALL: everything we sent is hard-acknowledged."""
        self.last_recv = now
        if self.completion is not None:
            return
        if self.tx_last and (self.state is CallState.SERVER_SEND_REPLY
                             or self.state is CallState.SERVER_AWAIT_ACK
                             or self.state is CallState.CLIENT_AWAIT_REPLY
                             or self.state is CallState.CLIENT_SEND_REQUEST):
            self._tx_phase_acked(now)

    def on_abort(self, code: int, now: float) -> None:
        """The peer aborted the call."""
        if self.completion is None:
            self._complete(Completion.REMOTELY_ABORTED, code, now,
                           error="the peer aborted the call")

    def on_busy(self, now: float) -> None:
        """The server answered BUSY: it did not take the call (yet).

        As OpenAFS and Linux do, BUSY alone never fails the call: it tries again after the
        retransmission timeout, doubling up to ``busy_retry_limit``, until its normal or hard
        timeout passes (see :meth:`handle_timers`).
        """
        if self.completion is not None or not self.is_client or self.packets_received:
            return
        self.ep.counters.busy_received += 1
        self.busy_count += 1
        # Try again later, as if every packet had been lost.
        self._mark_all_lost()
        delay = self.peer.rtt.rto() * (1 << min(self.busy_count - 1, 10))
        self.resend_at = now + min(delay, self.ep.config.busy_retry_limit)
        self.ep.schedule(self)

    def _mark_all_lost(self) -> None:
        sent_at = self.tx_sent_at
        for i in range(len(sent_at)):
            if sent_at[i] >= 0 and not self.tx_sacked[i] and not self.tx_lost[i]:
                self.tx_lost[i] = 1
        self.tx_inflight = 0

    # ------------------------------------------------------------------- timers

    def handle_timers(self, now: float) -> None:
        """Run whichever of this call's timers have expired."""
        if self.completion is not None:
            return
        busy = self.busy_count and not self.packets_received
        if busy and (now >= self.hard_at or now >= self.dead_at):
            # Only BUSY came back: the server never took the call (nothing to abort there).
            self._complete(Completion.BUSY, 0, now,
                           error=f"the server stayed busy for {self.busy_count} tries")
            return
        if now >= self.hard_at:
            self.local_abort(AbortCode.RX_CALL_TIMEOUT, now, "the call exceeded its time limit")
            return
        if now >= self.dead_at:
            self.ep.send_abort(self, AbortCode.RX_CALL_DEAD, now)
            self._complete(Completion.NETWORK_ERROR, AbortCode.RX_CALL_DEAD, now,
                           error=f"no answer from {self.peer.address} for {self.timeout:g} s")
            return
        if now >= self.idle_at:
            if self._waiting_on_peer():
                self.local_abort(
                    AbortCode.RX_CALL_TIMEOUT, now,
                    f"the peer made no progress for {self.idle_timeout:g} s (idle timeout)")
                return
            self._progress(now)  # we were the slow side: the peer's time starts now
        if now >= self.push_at:
            self.flush(now)
        if now >= self.resend_at:
            self.resend_at = _INF
            if self.busy_count and not self.packets_received:
                self.ep.want_transmit(self)
            elif self.tx_inflight > 0 or 1 in self.tx_lost:
                self.peer.rtt.on_timeout(now)
                self.ssthresh = max(self.cwnd // 2, 2)
                self.cwnd = 1
                self.in_recovery = False
                self.nack_count = 0
                self._mark_all_lost()
                self.ep.want_transmit(self)
        if now >= self.ack_at:
            self.ack_at = _INF
            if self.ack_reason:
                self.ep.want_ack(self)
        if now >= self.ping_at:
            # (Compare sums, not differences: rounding must not leave ping_at <= now.)
            quiet_until = self.last_recv + self.keepalive
            if now >= quiet_until:
                self.send_ping(now)
                self.ping_at = now + self.keepalive
            else:
                self.ping_at = quiet_until
        self.ep.schedule(self)

    def send_ping(self, now: float) -> None:
        """Send a PING (an ACK asking for an immediate PING_RESPONSE)."""
        serial = self.ep.send_ack(self, AckReason.PING, 0, now)
        if not self.ping_serial or now - self.ping_sent_at > 1.0:
            self.ping_serial = serial
            self.ping_sent_at = now

    # --------------------------------------------------------------- ACK output

    def request_ack(self, reason: int, serial: int, now: float, *, immediate: bool,
                    final: bool = False) -> None:
        """Note that an ACK is owed; the endpoint sends at most one per call per flush."""
        if final or _ACK_PRIORITY.get(reason, 0) >= _ACK_PRIORITY.get(self.ack_reason, 0):
            self.ack_reason = reason
            self.ack_serial = serial
        if immediate or final:
            self.ep.want_ack(self)
        elif self.ack_at == _INF:
            self.ack_at = now + self.ep.config.ack_delay
            self.ep.schedule(self)

    def build_ack(self, reason: int, serial: int) -> bytes:
        """The body of an ACK describing our receive state now."""
        cfg = self.ep.config
        first = self.rx_consumed + 1
        top = self.rx_top
        if self.completion is Completion.SUCCEEDED or (
                self.rx_last and self.rx_seq >= self.rx_last and self.is_client):
            # Phase complete: everything is ours, describe nothing more.  (A call that failed
            # describes only what it really has: it must never claim a reply it lacks.)
            first = max(first, self.rx_last + 1)
            acks = b""
        else:
            n = min(top - self.rx_consumed, MAX_ACKS)
            if n <= 0:
                acks = b""
            else:
                held = min(self.rx_seq - self.rx_consumed, n)
                if held == n:
                    acks = b"\x01" * n
                else:
                    table = bytearray(b"\x01" * held)
                    bufs = self.rx_bufs
                    for seq in range(self.rx_consumed + held + 1, self.rx_consumed + n + 1):
                        table.append(1 if seq in bufs else 0)
                    acks = bytes(table)
        self.rx_consumed_acked = first - 1
        prev = self.rx_top
        # rwind is our whole window, counted (as OpenAFS does) from the hard-ACK point.
        trailer = ACK_TRAILER.pack(cfg.max_mtu, 1444, cfg.rx_window, cfg.max_jumbo)
        return b"".join((ACK_BODY.pack(0, 0, first, prev, serial, reason, len(acks)), acks,
                         _PAD3, trailer))

    # ------------------------------------------------------------- DATA output

    def transmit(self, now: float, out: list[Datagram]) -> None:
        """Append the DATA datagrams the windows allow to ``out``."""
        if self.completion is not None:
            return
        if (self.busy_count and not self.packets_received
                and now < self.resend_at != _INF):
            return  # waiting out a BUSY before trying again
        conn = self.conn
        peer = self.peer
        addr = peer.address
        base = self.tx_base
        bufs = self.tx_bufs
        flags_l = self.tx_flags
        cks = self.tx_cksum
        sent_at = self.tx_sent_at
        lost = self.tx_lost
        epoch, cid, callno, fixed_flags, secidx, service = self._header_fixed
        user_status = self.user_status
        sent_any = False
        last_datagram: list[bytes | memoryview] | None = None
        last_datagram_packets = 0
        is_retrans_burst = False
        no_request_ack_on_last = not self.is_client
        packets_before = self.packets_sent
        retransmits_before = self.retransmits
        nbytes = 0
        cwnd = self.cwnd
        # 1. Retransmissions, one packet per datagram.
        if 1 in lost:
            for idx in range(len(lost)):
                if not lost[idx]:
                    continue
                if self.tx_inflight >= cwnd:
                    break
                lost[idx] = 0
                seq = base + 1 + idx
                f = flags_l[idx] | fixed_flags | REQUEST_ACK
                if no_request_ack_on_last and f & LAST_PACKET:
                    f &= ~REQUEST_ACK
                serial = conn.next_serial()
                hdr = HEADER.pack(epoch, cid, callno, seq, serial, _DATA, f,
                                  user_status if seq == 1 else 0, secidx, cks[idx], service)
                out.append(([hdr, bufs[idx]], addr))
                sent_at[idx] = now
                self.tx_inflight += 1
                self.retransmits += 1
                peer.retransmits += 1
                self.packets_sent += 1
                nbytes += len(bufs[idx])
                sent_any = True
                is_retrans_burst = True
                if f & REQUEST_ACK:
                    self.rtt_probe_serial = 0  # ambiguous sample: skip
        # 2. New packets within the peer's window and the congestion window.
        window_end = base + min(self.peer_rwind, self.ep.config.tx_window)
        jumbo = min(peer.jumbo_max, self.ep.config.max_jumbo)
        if jumbo > 1:
            jumbo = min(jumbo, (peer.max_mtu - 28 - JUMBO_DATALEN) // 1416 + 1)
        top = min(self.tx_top, window_end)
        seq = self.tx_next
        while seq <= top and self.tx_inflight < cwnd:
            room = min(cwnd - self.tx_inflight, top - seq + 1, max(jumbo, 1))
            idx = seq - base - 1
            n = 1
            # Group full packets into one jumbogram (the last may be short or LAST).
            while n < room and len(bufs[idx + n - 1]) == JUMBO_DATALEN and not (
                    flags_l[idx + n - 1] & LAST_PACKET):
                n += 1
            serial = conn.next_serial(n)
            parts: list[bytes | memoryview] = []
            for k in range(n):
                i = idx + k
                f = flags_l[i] | fixed_flags
                if k < n - 1:
                    f |= JUMBO_PACKET
                if k == 0:
                    parts.append(HEADER.pack(epoch, cid, callno, seq, serial, _DATA, f,
                                             user_status if seq == 1 else 0, secidx, cks[i],
                                             service))
                else:
                    parts.append(JUMBO_HEADER.pack(f, 0, cks[i]))
                parts.append(bufs[i])
                nbytes += len(bufs[i])
                sent_at[i] = now
            out.append((parts, addr))
            last_datagram = parts
            last_datagram_packets = n
            self.tx_inflight += n
            self.packets_sent += n
            seq += n
            sent_any = True
        self.tx_next = seq
        if last_datagram is not None:
            # Ask for an ACK on the burst's last packet (not on a server's final packet).
            last_flags_index = len(last_datagram) - 2
            last_seq = seq - 1
            idx = last_seq - base - 1
            f = flags_l[idx]
            # Like OpenAFS, do not ask for an ACK on a phase's last packet: the reply (or the
            # client's final ACK) answers it anyway, and a server must not ask (pitfall 4).
            # A client still asks while it has no RTT sample for the peer.
            want = not f & LAST_PACKET or (not no_request_ack_on_last and not peer.rtt.samples)
            if want:
                if last_datagram_packets == 1:
                    first_hdr = bytearray(last_datagram[0])
                    first_hdr[21] |= REQUEST_ACK
                    last_datagram[0] = bytes(first_hdr)
                    serial = HEADER.unpack_from(first_hdr)[4]
                else:
                    jf = f | fixed_flags | REQUEST_ACK
                    last_datagram[last_flags_index] = JUMBO_HEADER.pack(jf, 0, cks[idx])
                    serial = conn.serial
                if not is_retrans_burst and (
                        not self.rtt_probe_serial or now - self.rtt_probe_at > 1.0):
                    self.rtt_probe_serial = serial
                    self.rtt_probe_at = now
        if sent_any:
            if not self.is_client and self.ack_reason in _REPLY_SUBSUMES:
                self.ack_reason = 0  # reply data acknowledges the whole request
                self.ack_at = _INF
            if self.dead_at == _INF:
                self.dead_at = now + self.timeout
                self.ping_at = now + self.keepalive
                self.last_recv = now
            peer.packets_sent += self.packets_sent - packets_before
            peer.bytes_sent += nbytes
            self.bytes_sent += nbytes
            counters = self.ep.counters
            counters.data_sent += self.packets_sent - packets_before
            counters.data_resent += self.retransmits - retransmits_before
            if self.resend_at == _INF:
                self.resend_at = now + peer.rtt.rto()
            if self.state is CallState.CLIENT_SEND_REQUEST and self.tx_last and (
                    self.tx_next > self.tx_top):
                self.state = CallState.CLIENT_AWAIT_REPLY
            elif self.state is CallState.SERVER_SEND_REPLY and self.tx_last and (
                    self.tx_next > self.tx_top):
                self.state = CallState.SERVER_AWAIT_ACK
            self.ep.schedule(self)

    # -------------------------------------------------------------- completion

    def local_abort(self, code: int, now: float, why: str = "") -> None:
        """Abort the call from our side: send ABORT ``code`` and complete it."""
        if self.completion is not None:
            return
        self.ep.send_abort(self, code, now)
        self._complete(Completion.LOCALLY_ABORTED, code, now,
                       error=why or f"the call was aborted locally ({code})")

    def fail(self, completion: Completion, code: int, now: float, why: str) -> None:
        """Complete the call without sending anything (e.g. the connection died)."""
        if self.completion is None:
            self._complete(completion, code, now, error=why)

    def _complete(self, completion: Completion, code: int, now: float, *, error: str = "") -> None:
        self.completion = completion
        self.abort_code = code
        self.error = error
        self.state = CallState.COMPLETE
        self.resend_at = self.ping_at = self.dead_at = self.hard_at = self.ack_at = _INF
        self._scheduled = _INF  # its heap entries are now stale and will be dropped
        self.peer.cwnd_hint = max(4, min(self.cwnd, 64))
        self.ep.call_completed(self, now)


def build_final_ack(config: EndpointConfig, last_seq: int, reason: int, serial: int) -> bytes:
    """The body of an ACK saying every packet up to ``last_seq`` arrived (a call that ended)."""
    trailer = ACK_TRAILER.pack(config.max_mtu, 1444, config.rx_window, config.max_jumbo)
    return b"".join((ACK_BODY.pack(0, 0, last_seq + 1, last_seq, serial, reason, 0), _PAD3,
                     trailer))


def _first_difference(a: bytes, b: bytes) -> int:
    """Index of the first byte where two equally long, unequal strings differ."""
    lo, hi = 0, len(a) - 1
    while lo < hi:  # bisect on prefix equality: a few C-level compares, no Python loop
        mid = (lo + hi) // 2
        if a[lo:mid + 1] == b[lo:mid + 1]:
            lo = mid + 1
        else:
            hi = mid
    return lo
