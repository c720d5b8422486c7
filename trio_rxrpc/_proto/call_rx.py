"""The receive half of a call: DATA arriving, checked, and filed for the reader.

Theory of operation
-------------------
A DATA packet inside the receive window is checked by the connection's security class,
then filed: in order onto the ready queue the reader takes from, or aside in a dict keyed by
seq until the gap before it fills.  Classes whose checks vectorize across packets (rxkad)
set packets aside until the endpoint has drained its socket, and :func:`verify_batch` checks
them together; either way no data reaches the application before its check passes, and one
failure aborts the call with the class's code.  The hard-ACK point (``firstPacket`` in our
ACKs) advances only as the application consumes packets (:meth:`CallCore.read`), so memory
stays bounded by the window we advertise.  ACKs are not sent per packet: arrivals set a
pending reason and the endpoint emits at most one ACK per call per flush.

The half's state is a :class:`CallRx` (the call's ``rx``), which knows neither the call's
state machine nor the endpoint; the events are functions of a :class:`~.call.CallCore`,
like :mod:`.call_tx`, since they also move the call's state and timers.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from . import call_tx
from .codes import AbortCode
from .security.base import SecurityFailure
from .states import CallState, Completion
from .transitions import CallEvent, advance
from .wire import (
    JUMBO_DATALEN,
    JUMBO_HEADER,
    JUMBO_PACKET,
    JUMBO_SUBPKTLEN,
    LAST_PACKET,
    REQUEST_ACK,
    AckReason,
)

if TYPE_CHECKING:
    from .call import CallCore


class CallRx:
    """Where a call's incoming phase stands, and the data waiting in it.

    Sequence numbers: :attr:`seq` is the last packet received in order, :attr:`top` the
    highest received at all, :attr:`last` the phase's final packet once known (else 0),
    :attr:`consumed` the last one the application has read to its end and
    :attr:`consumed_acked` the hard-ACK point our latest ACK gave the peer.
    """

    __slots__ = ("bufs", "consumed", "consumed_acked", "last", "ready", "ready_bytes", "seq",
                 "top", "unverified")

    def __init__(self) -> None:
        self.bufs: dict[int, bytes | memoryview] = {}
        """Packets that arrived beyond a gap, by seq, until the gap fills."""
        self.unverified: dict[int, tuple[int, int, int, bytes | memoryview]] = {}
        """``seq -> (flags, serial, cksum, payload)`` waiting for :func:`verify_batch`."""
        self.ready: deque[bytes | memoryview] = deque()
        """Checked, in-order data the application has not read yet."""
        self.ready_bytes = 0
        self.seq = 0
        self.consumed = 0
        self.consumed_acked = 0
        self.top = 0
        self.last = 0

    def done(self) -> bool:
        """Whether every byte of the incoming phase has been read."""
        return self.last != 0 and self.consumed >= self.last and not self.ready

    def ack_table(self, complete: bool, max_acks: int) -> tuple[int, bytes]:
        """``(firstPacket, soft-ACK table)`` for an ACK sent now, which tells the peer our
        hard-ACK point (noted in :attr:`consumed_acked`).  A ``complete`` phase claims
        everything up to its last packet and describes nothing beyond."""
        first = self.consumed + 1
        if complete:
            first = max(first, self.last + 1)
            acks = b""
        else:
            n = min(self.top - self.consumed, max_acks)
            if n <= 0:
                acks = b""
            else:
                held = min(self.seq - self.consumed, n)
                if held == n:
                    acks = b"\x01" * n
                else:
                    table = bytearray(b"\x01" * held)
                    bufs = self.bufs
                    for seq in range(self.consumed + held + 1, self.consumed + n + 1):
                        table.append(1 if seq in bufs else 0)
                    acks = bytes(table)
        self.consumed_acked = first - 1
        return first, acks


def on_data(call: CallCore, seq: int, flags: int, serial: int, cksum: int,
            payload: bytes | memoryview, now: float) -> None:
    """One DATA packet (or jumbogram sub-packet) for this call."""
    call.last_recv = now
    call.dead_at = now + call.timeout
    call.packets_received += 1
    if call.is_client:
        if call.state is CallState.CLIENT_SEND_REQUEST or (
                call.state is CallState.CLIENT_AWAIT_REPLY):
            if not call.tx.last:
                # A server may start its reply once it has read all it needs, before our
                # LAST packet (OpenAFS's servers do, when a small request went out ahead of
                # its end): the reply ends the request.  Anything still held back was not
                # needed, and the application's later end of phase is a no-op.
                call.end_request_early()
            call_tx.request_done(call)
            advance(call, CallEvent.FIRST_REPLY_DATA)
    elif call.state not in (CallState.SERVER_RECV_REQUEST, CallState.SERVER_SECURING):
        # Request retransmission after we started replying: just let it be.
        if seq <= call.rx.last:
            call.request_ack(AckReason.DUPLICATE, serial, now, immediate=True)
        return
    rx = call.rx
    if seq <= rx.seq or seq in rx.bufs or seq in rx.unverified:
        call.host.counters.duplicates += 1
        call.request_ack(AckReason.DUPLICATE, serial, now, immediate=True)
        return
    if seq > rx.consumed + call.host.config.rx_window:
        call.host.counters.out_of_window += 1
        call.request_ack(AckReason.EXCEEDS_WINDOW, serial, now, immediate=True)
        return
    security = call.conn.security
    if security.batch_verify:
        # Checked together with the rest of this receive batch (see verify_batch).
        rx.unverified[seq] = (flags, serial, cksum, payload)
        call.host.want_verify(call)
        return
    try:
        data = security.verify_packet(call.call_number, call.channel, seq, cksum, payload)
    except SecurityFailure as exc:
        call.security_failed = True
        call.local_abort(exc.code, now, f"security check failed: {exc.message}")
        return
    accept_data(call, seq, flags, serial, data, now)


def on_payload_untrusted(call: CallCore, payload: bytes, seq: int, flags: int, serial: int,
                         cksum: int, now: float) -> str:
    """Deliver one DATA packet's payload to :func:`on_data`, a jumbogram split into its
    sub-packets; returns how the datagram is counted (``"data"`` or ``"malformed"``).

    Checks: seq 0 is malformed; every sub-packet that claims a successor must hold its full
    1412 bytes plus the 4-byte jumbo header and must not be flagged LAST_PACKET, or the rest
    of the datagram is dropped as malformed.  Never raises for any payload.
    """
    if seq == 0:
        return "malformed"
    if not flags & JUMBO_PACKET:
        on_data(call, seq, flags, serial, cksum, payload, now)
        return "data"
    body = memoryview(payload)
    off = 0
    size = len(payload)
    while flags & JUMBO_PACKET:
        if size - off < JUMBO_SUBPKTLEN or flags & LAST_PACKET:
            return "malformed"  # (the sub-packets before the fault were delivered)
        on_data(call, seq, flags, serial, cksum, body[off:off + JUMBO_DATALEN], now)
        if call.completion is not None:
            return "data"
        flags, _pad, cksum = JUMBO_HEADER.unpack_from(body, off + JUMBO_DATALEN)
        off += JUMBO_SUBPKTLEN
        seq = (seq + 1) & 0xFFFFFFFF
        serial = (serial + 1) & 0xFFFFFFFF
    on_data(call, seq, flags, serial, cksum, body[off:], now)
    return "data"


def verify_batch(call: CallCore, now: float) -> None:
    """Check the packets :meth:`on_data` set aside, all in one go, and accept them.

    Security classes whose checks vectorize across packets (rxkad decrypts every block of
    a batch in one pass) set ``batch_verify``; their packets wait here until the endpoint
    has drained its socket.  Nothing reaches the application before this check.
    """
    pending = call.rx.unverified
    if not pending:
        return
    # (A completed call has nothing set aside: completing empties this.)
    items = list(pending.items())
    pending.clear()
    try:
        datas = call.conn.security.verify_packets(
            call.call_number, call.channel,
            [(seq, cksum, payload) for seq, (_f, _s, cksum, payload) in items])
    except SecurityFailure as exc:
        call.security_failed = True
        call.local_abort(exc.code, now, f"security check failed: {exc.message}")
        return
    for (seq, (flags, serial, _cksum, _payload)), data in zip(items, datas, strict=True):
        accept_data(call, seq, flags, serial, data, now)


def accept_data(call: CallCore, seq: int, flags: int, serial: int, data: bytes | memoryview,
                 now: float) -> None:
    """File one verified DATA packet: in order onto the ready queue, or aside."""
    if call.completion is not None:
        return
    rx = call.rx
    if flags & LAST_PACKET:
        if rx.last and seq != rx.last:
            call.local_abort(AbortCode.RX_PROTOCOL_ERROR, now, "two different last packets")
            return
        if seq < rx.top:
            call.local_abort(AbortCode.RX_PROTOCOL_ERROR, now, "last packet below data seen")
            return
        rx.last = seq
    elif rx.last and seq > rx.last:
        call.local_abort(AbortCode.RX_PROTOCOL_ERROR, now, "data beyond the last packet")
        return
    size = len(data)
    call.bytes_received += size
    if call.idle_timeout:
        # A packet's worth of data (or the end of the phase) is progress: the idle timer
        # starts again.  (Inline: this runs for every packet.)
        progress = call.idle_bytes + size
        if progress >= call._max_data or flags & LAST_PACKET:
            call.idle_bytes = 0
            call.idle_at = now + call.idle_timeout
        else:
            call.idle_bytes = progress
    if seq > rx.top:
        rx.top = seq
    if seq == rx.seq + 1:
        ready = rx.ready
        ready.append(data)
        rx.ready_bytes += size
        seq += 1
        bufs = rx.bufs
        while bufs and seq in bufs:
            more = bufs.pop(seq)
            ready.append(more)
            rx.ready_bytes += len(more)
            seq += 1
        rx.seq = seq - 1
        call.host.changed(call)
        if flags & REQUEST_ACK:
            # A server that now has the whole request answers the ACK request a little
            # later: if its reply is quicker, the reply itself acknowledges the request.
            call.request_ack(AckReason.REQUESTED, serial, now,
                             immediate=call.is_client or not flags & LAST_PACKET)
        else:
            call.ack_unsent += 1
            call.request_ack(AckReason.IDLE if call.ack_unsent >= 2 else AckReason.DELAY,
                             serial, now, immediate=call.ack_unsent >= 2)
    else:
        rx.bufs[seq] = data
        call.request_ack(AckReason.OUT_OF_SEQUENCE, serial, now, immediate=True)
    if rx.last and rx.seq == rx.last:
        rx_phase_complete(call, now)


def rx_phase_complete(call: CallCore, now: float) -> None:
    if call.is_client:
        # The reply is all here: the call has succeeded.  Send the final ACK now so a
        # Linux server (which needs a hard ACK) completes promptly too.
        call.request_ack(AckReason.IDLE, 0, now, immediate=True, final=True)
        call._complete(Completion.SUCCEEDED, 0, now)
    elif call.state is CallState.SERVER_RECV_REQUEST:
        advance(call, CallEvent.LAST_REQUEST_DATA)
        call.host.changed(call)
