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

These are functions of a :class:`~.call.CallCore`, like :mod:`.call_tx`.
"""

from __future__ import annotations

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


def on_data(call: CallCore, seq: int, flags: int, serial: int, cksum: int,
            payload: bytes | memoryview, now: float) -> None:
    """One DATA packet (or jumbogram sub-packet) for this call."""
    call.last_recv = now
    call.dead_at = now + call.timeout
    call.packets_received += 1
    if call.is_client:
        if call.state is CallState.CLIENT_SEND_REQUEST or (
                call.state is CallState.CLIENT_AWAIT_REPLY):
            if not call.tx_last:
                # A server may start its reply once it has read all it needs, before our
                # LAST packet (OpenAFS's servers do, when a small request went out ahead of
                # its end): the reply ends the request.  Anything still held back was not
                # needed, and the application's later end of phase is a no-op.
                call.end_request_early()
            if call.rtt_probe_serial:
                _reply_rtt_sample(call, now)
            call_tx.request_done(call)
            advance(call, CallEvent.FIRST_REPLY_DATA)
    elif call.state not in (CallState.SERVER_RECV_REQUEST, CallState.SERVER_SECURING):
        # Request retransmission after we started replying: just let it be.
        if seq <= call.rx_last:
            call.request_ack(AckReason.DUPLICATE, serial, now, immediate=True)
        return
    if seq <= call.rx_seq or seq in call.rx_bufs or seq in call.rx_unverified:
        call.host.counters.duplicates += 1
        call.request_ack(AckReason.DUPLICATE, serial, now, immediate=True)
        return
    if seq > call.rx_consumed + call.host.rx_window:
        call.host.counters.out_of_window += 1
        call.request_ack(AckReason.EXCEEDS_WINDOW, serial, now, immediate=True)
        return
    security = call.conn.security
    if security.batch_verify:
        # Checked together with the rest of this receive batch (see verify_batch).
        call.rx_unverified[seq] = (flags, serial, cksum, payload)
        call.host.want_verify(call)
        return
    _verify_and_accept(call, seq, flags, serial, cksum, payload, now)


def _verify_and_accept(call: CallCore, seq: int, flags: int, serial: int, cksum: int,
                       payload: bytes | memoryview, now: float) -> None:
    """Check one DATA packet with its connection's security and accept it, or abort the
    call with the check's code."""
    try:
        data = call.conn.security.verify_packet(call.call_number, call.channel, seq, cksum,
                                                payload)
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
    pending = call.rx_unverified
    if not pending:
        return
    # (A completed call has nothing set aside: completing empties this.)
    if len(pending) == 1:
        # A small call's lone packet: no lists to build.
        seq, (flags, serial, cksum, payload) = pending.popitem()
        _verify_and_accept(call, seq, flags, serial, cksum, payload, now)
        return
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
    if flags & LAST_PACKET:
        if call.rx_last and seq != call.rx_last:
            call.local_abort(AbortCode.RX_PROTOCOL_ERROR, now, "two different last packets")
            return
        if seq < call.rx_top:
            call.local_abort(AbortCode.RX_PROTOCOL_ERROR, now, "last packet below data seen")
            return
        call.rx_last = seq
    elif call.rx_last and seq > call.rx_last:
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
    if seq > call.rx_top:
        call.rx_top = seq
    if seq == call.rx_seq + 1:
        ready = call.rx_ready
        ready.append(data)
        call.rx_ready_bytes += size
        seq += 1
        bufs = call.rx_bufs
        while bufs and seq in bufs:
            more = bufs.pop(seq)
            ready.append(more)
            call.rx_ready_bytes += len(more)
            seq += 1
        call.rx_seq = seq - 1
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
        call.rx_bufs[seq] = data
        call.request_ack(AckReason.OUT_OF_SEQUENCE, serial, now, immediate=True)
    if call.rx_last and call.rx_seq == call.rx_last:
        rx_phase_complete(call, now)


def _reply_rtt_sample(call: CallCore, now: float) -> None:
    """The reply came before any ACK answered the request's ACK request: the server let its
    reply acknowledge the request (ours does when the reply is ready within its ACK delay).
    While the peer's round trip is unmeasured, the time to the reply is the best sample
    there is; it includes the server's turnaround, so it is taken only if it makes the
    retransmission timeout shorter than the unmeasured default."""
    rtt = call.peer.rtt
    sample = now - call.rtt_probe_at
    call.rtt_probe_serial = 0
    if not rtt.samples and 3 * sample < rtt.initial_rto:
        rtt.add_sample(sample)


def rx_phase_complete(call: CallCore, now: float) -> None:
    if call.is_client:
        # The reply is all here: the call has succeeded.  Send the final ACK now so a
        # Linux server (which needs a hard ACK) completes promptly too.
        call.request_ack(AckReason.IDLE, 0, now, immediate=True, final=True)
        call._complete(Completion.SUCCEEDED, 0, now)
    elif call.state is CallState.SERVER_RECV_REQUEST:
        advance(call, CallEvent.LAST_REQUEST_DATA)
        call.host.changed(call)
