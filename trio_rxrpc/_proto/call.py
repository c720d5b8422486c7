"""One Rx call: its state machine, its transmit half and its receive half.

Theory of operation
-------------------
A call is a request (client to server) followed by a reply (server to client), each a
stream of DATA packets numbered from seq 1 and ended by one packet flagged LAST_PACKET.
States carry the Linux kernel's names (``CLIENT_SEND_REQUEST`` ... ``COMPLETE``) so traces
read alike; which event moves a call from which state to which is the table in
:mod:`.transitions`.  The call ends once, with a :class:`Completion`; after that it sends
nothing but what its channel repeats for stray packets.

Transmit half.  :meth:`CallCore.write` cuts application bytes into packets and secures
them; sending, acknowledgement and loss repair live in :mod:`.call_tx`, congestion control
in the call's controller ``cc`` (:mod:`.congestion`).
Timers: the normal timeout (the peer silent: RX_CALL_DEAD), the idle timeout (the peer
making no progress while the call waits on it: RX_CALL_TIMEOUT), the hard timeout, keepalive
pings, delayed ACKs, and the short delay before a part-filled packet is pushed out.

Receive half.  :meth:`CallCore.read` hands the application what has arrived in order;
checking and filing arriving DATA lives in :mod:`.call_rx`.

Nothing here performs I/O: datagrams go to the endpoint's output list, timers are absolute
times on the ``now`` clock that the caller passes in.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Final

from . import call_timers
from .ack import MAX_ACKS, pack_ack
from .codes import AbortCode
from .congestion import CongestionController, RenoController
from .states import CallState as CallState, Completion as Completion
from .transitions import RECEIVING_STATES, SENDING_STATES, START_STATES, CallEvent, advance
from .wire import (
    CLIENT_INITIATED,
    JUMBO_DATALEN,
    LAST_PACKET,
    AckReason,
    PacketType,
)

if TYPE_CHECKING:
    from .boundary import CallWaiter, Listener
    from .callhost import CallHost
    from .connection import Connection, Peer

_INF: Final = float("inf")
_DATA: Final = int(PacketType.DATA)
_ACK: Final = int(PacketType.ACK)
_ABORT: Final = int(PacketType.ABORT)


_ACK_PRIORITY: Final = {
    0: 0, AckReason.IDLE: 1, AckReason.DELAY: 2, AckReason.REQUESTED: 3,
    AckReason.DUPLICATE: 4, AckReason.EXCEEDS_WINDOW: 5, AckReason.NOSPACE: 6,
    AckReason.OUT_OF_SEQUENCE: 7,
}


class CallCore:
    """The protocol state of one call.  Created by :class:`EndpointCore`, never by users."""

    __slots__ = (
        "_header_fixed",
        "_max_data",
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
        "cc",
        "channel",
        "completion",
        "conn",
        "dead_at",
        "error",
        "expected_tx_length",
        "hard_at",
        "heard",
        "host",
        "idle_at",
        "idle_bytes",
        "idle_timeout",
        "is_client",
        "keepalive",
        "last_ack_first",
        "last_ack_prev",
        "last_recv",
        "listener",
        "packets_received",
        "packets_sent",
        "peer",
        "peer_rwind",
        "ping_at",
        "ping_sent_at",
        "ping_serial",
        "probe_at",
        "probe_resend",
        "probe_tail",
        "push_at",
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
        "state",
        "tail_probe_rto",
        "timeout",
        "tx_base",
        "tx_big",
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
        "waiter",
    )

    def __init__(
        self, host: CallHost, conn: Connection, channel: int, call_number: int, *,
        is_client: bool, now: float, timeout: float | None = None,
        hard_timeout: float | None = None, idle_timeout: float | None = None,
        tx_length: int | None = None, upgrade: bool = False, listener: Listener | None = None,
    ) -> None:
        cfg = host.config
        self.host = host
        self.conn = conn
        self.peer: Peer = conn.peer
        self.channel = channel
        self.call_number = call_number
        self.service_id = conn.service_id
        self.is_client = is_client
        self.state = START_STATES[is_client]
        self.completion: Completion | None = None
        self.abort_code = 0
        self.error = ""
        self.listener = listener
        """A server call's listener, until the call is accepted (its accept queue place)."""
        self.waiter: CallWaiter | None = None
        """The application object woken when this call changes (see :mod:`.boundary`)."""
        self.accepted = False
        self.user_status = 1 if upgrade else 0
        self.upgrade = upgrade
        self.expected_tx_length = tx_length
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
        self.tx_big = False  # jumbograms went out since the last retransmission timeout
        self.tx_queued_bytes = 0
        self.peer_rwind = 16
        # Until a server call's client shows it receives our packets, a forged request from
        # someone else's address must not draw a burst of reply packets to that address.
        self.cc: CongestionController = RenoController(
            cfg.tx_window, cfg.initial_cwnd, self.peer.cwnd_hint,
            unproven=not is_client and not conn.proven)
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
        self.heard = False
        """Whether any packet of the peer's reached this call (ICMP cannot fail it then)."""
        self.rtt_probe_serial = 0
        self.rtt_probe_at = 0.0
        self.ping_serial = 0
        self.ping_sent_at = 0.0
        self.probe_resend = False
        """A retransmission timeout fired: follow the resent packets with a PING."""
        self.probe_at = 0.0
        """When that PING went out (0: none outstanding); see :func:`.call_tx.on_ack`."""
        self.probe_tail = False
        """The outstanding PING follows a tail-loss probe, not a timeout (see
        :func:`.call_tx.tail_probe`)."""
        self.tail_probe_rto = 0.0
        """While ``resend_at`` is a tail-loss probe's time: the retransmission timeout's,
        which ``resend_at`` becomes once the probe has gone (0.0 otherwise)."""
        self.last_recv = now
        self.busy_count = 0
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
        # Compared one by one: min() of six would box each float for a generic call when
        # compiled, and this runs for every packet a call takes.
        d = self.ack_at
        if self.resend_at < d:
            d = self.resend_at
        if self.ping_at < d:
            d = self.ping_at
        if self.dead_at < d:
            d = self.dead_at
        if self.hard_at < d:
            d = self.hard_at
        if self.idle_at < d:
            d = self.idle_at
        return d

    @property
    def is_sending(self) -> bool:
        """Whether the application may still queue data on this call."""
        return self.completion is None and not self._tx_closed and (
            self.state in SENDING_STATES)

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
        window = self.host.tx_window
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
            advance(self, CallEvent.REPLY_WRITTEN)
        elif self.state not in SENDING_STATES:
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
        if pending and take == len(data):
            if self.push_at == _INF:
                # Keep a part-filled packet back briefly in case more data or the end follows.
                self.push_at = now + self.host.flush_delay
                self.host.want_push(self)
        elif self.push_at != _INF:
            # Nothing held back, or the writer is still waiting to give more (the window is
            # full): there is nothing to push out early.
            self.push_at = _INF
            self.host.cancel_push(self)
        if finish:
            self._tx_closed = True
            self.tx_last = True
            if self.expected_tx_length not in (None, self.tx_queued_bytes):
                self.local_abort(AbortCode.RX_USER_ABORT, now,
                                 "declared transmit length does not match what was sent")
                return take
        self.host.want_transmit(self)
        return take

    def end_request_early(self) -> None:
        """The server's reply began before our last packet: end the request here."""
        if self.push_at != _INF:
            self.push_at = _INF
            self.host.cancel_push(self)
        self.tx_pending.clear()
        self._tx_closed = True
        self.tx_last = True

    def flush(self, now: float) -> bool:
        """Send a part-filled packet kept back by :meth:`write` now, as it is.

        Returns whether there was one.  It goes out without LAST_PACKET: the phase still
        ends with a later write (an empty last packet if nothing more follows).
        """
        if self.push_at != _INF:
            self.push_at = _INF
            self.host.cancel_push(self)
        pending = self.tx_pending
        if not pending or self.completion is not None or self._tx_closed:
            return False
        self._queue_packets([bytes(pending)], 0)
        pending.clear()
        self.host.want_transmit(self)
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
            self.keepalive = min(self.host.config.keepalive_time, normal / 3)
            if self.dead_at != _INF:
                self.dead_at = now + normal
                self.ping_at = min(self.ping_at, now + self.keepalive)
        if change_idle:
            self.idle_timeout = idle
            self.idle_at = now + idle if idle else _INF
        if change_hard:
            self.hard_at = now + hard if hard else _INF
        self.host.schedule(self)

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
        if state in RECEIVING_STATES:
            # The peer owes data, unless our own reader left the window full.
            return self.rx_top - self.rx_consumed < self.host.rx_window
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
                    self.rx_top - self.rx_consumed >= self.host.rx_window):
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
                self.rx_top - self.rx_consumed_acked >= self.host.rx_window // 2):
            self.request_ack(AckReason.IDLE, 0, now, immediate=True)

    # ------------------------------------------------------------ network -> core

    def on_abort(self, code: int, now: float) -> None:
        """The peer aborted the call."""
        if self.completion is None:
            self._complete(Completion.REMOTELY_ABORTED, code, now,
                           error="the peer aborted the call")

    # ------------------------------------------------------------------- timers

    def handle_timers(self, now: float) -> None:
        """Run whichever of this call's timers have expired (see :mod:`.call_timers`)."""
        call_timers.expire(self, now)

    def send_ping(self, now: float) -> None:
        """Send a PING (an ACK asking for an immediate PING_RESPONSE)."""
        serial = self.host.send_ack(self, AckReason.PING, 0, now)
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
            self.host.want_ack(self)
        elif self.ack_at == _INF:
            self.ack_at = now + self.host.ack_delay
            self.host.schedule(self)

    def build_ack(self, reason: int, serial: int) -> bytes:
        """The body of an ACK describing our receive state now, about to be sent.

        Whatever ACK was owed is settled by it: the owed reason, the delayed-ACK timer and
        the count of packets not yet acknowledged are cleared.
        """
        self.ack_reason = 0
        self.ack_unsent = 0
        self.ack_at = _INF
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
        return pack_ack(first, self.rx_top, serial, reason, acks,
                        self.host.ack_trailers[self.peer.pmtud_peer])

    def cancel_ack(self) -> None:
        """Forget the ACK owed: nothing is to be sent for it (a timer still set finds none)."""
        self.ack_reason = 0

    # ------------------------------------------------------------- DATA output

    # -------------------------------------------------------------- completion

    def local_abort(self, code: int, now: float, why: str = "") -> None:
        """Abort the call from our side: send ABORT ``code`` and complete it."""
        if self.completion is not None:
            return
        self.host.send_abort(self, code, now)
        self._complete(Completion.LOCALLY_ABORTED, code, now,
                       error=why or f"the call was aborted locally ({code})")

    def fail(self, completion: Completion, code: int, now: float, why: str) -> None:
        """Complete the call without sending anything (e.g. the connection died)."""
        if self.completion is None:
            self._complete(completion, code, now, error=why)

    def _complete(self, completion: Completion, code: int, now: float, *, error: str = "") -> None:
        advance(self, CallEvent.FAILED if completion is not Completion.SUCCEEDED else
                CallEvent.LAST_REPLY_DATA if self.is_client else CallEvent.REPLY_ACKED)
        self.completion = completion
        self.abort_code = code
        self.error = error
        self.resend_at = self.ping_at = self.dead_at = self.hard_at = self.ack_at = _INF
        self.peer.cwnd_hint = self.cc.hint()
        self.host.call_completed(self, now)
        # Free the queues: nothing of them will be sent or delivered again.
        del self.tx_bufs[:], self.tx_flags[:], self.tx_cksum[:], self.tx_sent_at[:]
        del self.tx_sacked[:], self.tx_lost[:]
        self.rx_bufs.clear()
        self.rx_unverified.clear()

