"""The transmit half of a call: sending DATA, and what ACKs, ACKALL and BUSY do to it.

Theory of operation
-------------------
Application bytes are cut into packets of the connection's payload size (1412 bytes on the
wire, less the security class's overhead), secured once, and kept in parallel lists indexed
by ``seq - tx_base - 1`` until the peer hard-ACKs them (see :meth:`CallCore.write`).  A
packet may be sent when it lies inside the peer's receive window (counted from the hard-ACK
point) and the congestion window has room.  Full packets that go out together are grouped
into jumbograms as large as path-MTU discovery confirmed (see :mod:`.pmtud`; single packets
until a probe confirms more); retransmissions always go one packet per datagram, which fits
any path.  Loss is repaired two ways: a packet NACKed below one the peer already holds is
resent after three such ACKs (fast retransmit), and the retransmission timer resends
everything unacknowledged after an RTO.  Congestion
control lives in the call's controller (``call.cc``, see :mod:`.congestion`): this module
reads its window before sending and reports each ACK and fast retransmit to it, and the
call's retransmission timer reports timeouts (slow start then additive increase, halving on
fast retransmit, one packet after a timeout).

These are functions of a :class:`~.call.CallCore` rather than methods, so that the call's
state lives in one class while its two halves live in modules of their own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from .ack import OLD_PEER_RWIND
from .states import CallState, Completion
from .transitions import CallEvent, advance
from .wire import (
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
    from .call import CallCore
    from .connection import Datagram

_INF: Final = float("inf")
_DATA: Final = int(PacketType.DATA)
_REPLY_SUBSUMES: Final = frozenset({AckReason.IDLE, AckReason.DELAY, AckReason.REQUESTED})
_TAIL_PROBE_MIN: Final = 0.01
"""The shortest wait before a tail-loss probe (seconds): twice the smoothed RTT, at least
this (the floor RFC 8985 gives TCP's probe timeout)."""
_TAIL_ACK_DELAY: Final = 0.025
"""Added to that wait once the request's last packet is out: a server may hold its ACK of
a request's end a while (ours for its ACK delay, 10 ms by default), so that the reply
acknowledges the request instead."""

def on_ack(call: CallCore, first: int, prev: int, serial: int, reason: int, acks: memoryview,
           flags: int, packet_serial: int, rwind: int | None, now: float) -> None:
    """An ACK for this call (the peer's MTU and jumbo limits already applied to the peer).

    ``rwind`` is the peer's receive window from the trailer, already bounded; 0 if the
    trailer lacks that word (the window stays), ``None`` if the ACK has no trailer (an old
    peer: assume at least :data:`~.ack.OLD_PEER_RWIND`).
    """
    if rwind is None:
        if call.peer_rwind < OLD_PEER_RWIND:
            call.peer_rwind = OLD_PEER_RWIND
    elif rwind:
        call.peer_rwind = rwind
    call.last_recv = now
    call.dead_at = now + call.timeout
    if reason == AckReason.PING:
        call.host.send_ack(call, AckReason.PING_RESPONSE, packet_serial, now)
    probe_at = 0.0
    if reason == AckReason.PING_RESPONSE and serial and serial == call.ping_serial:
        call.peer.rtt.add_sample(now - call.ping_sent_at)
        call.ping_serial = 0
        probe_at = call.probe_at
        call.probe_at = 0.0
    # Validity: drop ACKs older than the newest accepted one.
    if first < call.last_ack_first:
        return
    if first == call.last_ack_first and prev < call.last_ack_prev and not (
            prev > first + MAX_ACKS):
        return
    call.last_ack_first = first
    call.last_ack_prev = prev
    if call.completion is not None or call.state is CallState.CLIENT_RECV_REPLY:
        return
    if first == 0 or first - 1 > call.tx_top or first + len(acks) - 1 > call.tx_top:
        # Acknowledges packets we never sent: ignore it (a confused or hostile peer).
        call.host.counters.bad_acks += 1
        return
    if (call.rtt_probe_serial and serial == call.rtt_probe_serial
            and reason != AckReason.DELAY and reason != AckReason.PING_RESPONSE):
        call.peer.rtt.add_sample(now - call.rtt_probe_at)
        call.rtt_probe_serial = 0
    newly = 0
    base = call.tx_base
    hard = first - 1
    if hard > base:
        n = hard - base
        sent_at = call.tx_sent_at
        sacked = call.tx_sacked
        lost = call.tx_lost
        for i in range(min(n, len(sent_at))):
            if sent_at[i] >= 0 and not sacked[i]:
                newly += 1
                if not lost[i]:
                    call.tx_inflight -= 1
        del call.tx_bufs[:n], call.tx_flags[:n], call.tx_cksum[:n], sent_at[:n]
        del sacked[:n], lost[:n]
        call.tx_base = base = hard
        if call.tx_next <= hard:
            call.tx_next = hard + 1
    # Soft ACKs and NACKs.
    negative = False
    highest_sacked = 0
    sacked = call.tx_sacked
    sent_at = call.tx_sent_at
    lost = call.tx_lost
    offset = first - 1 - base  # index of seq `first` in the tx lists
    start = -offset if offset < 0 else 0  # entries below our hard-ACK point: ignore
    end = min(len(acks), len(sent_at) - offset)
    if end > start:
        table = bytes(acks[start:end])
        if table.translate(None, b"\x00\x01"):  # an entry above 1 (one pass in C)
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
                                call.tx_inflight -= 1
                elif sacked[idx]:
                    sacked[idx] = 0  # reneged: the peer dropped it after all
                    if sent_at[idx] >= 0:
                        lost[idx] = 1
        last = table.rfind(1)
        if last >= 0:
            highest_sacked = first + start + last
            hole = table.find(0)
            negative = 0 <= hole < last
    if newly:
        call.peer.rtt.reset_backoff()
        if call.idle_timeout:
            call.idle_bytes = 0  # progress: the idle timer starts again
            call.idle_at = now + call.idle_timeout
    if call.cc.on_ack(newly, first, negative, highest_sacked):
        fast_retransmit(call, first, highest_sacked, now)
    if probe_at:
        _lost_before_probe(call, probe_at)
        call.probe_tail = False
    if call.tx_inflight < 0:  # pragma: no cover - defensive bookkeeping repair
        call.tx_inflight = 0
    after_tx_progress(call, now, newly > 0)

def fast_retransmit(call: CallCore, first: int, highest_sacked: int, now: float) -> None:
    """Mark lost the unacknowledged packets below ``highest_sacked`` that have been out
    for at least a smoothed RTT, and resend them (the controller said it is time)."""
    min_age = call.peer.rtt.srtt if call.peer.rtt.samples else 0.0
    base = call.tx_base
    if _mark_lost(call, first - base - 1, highest_sacked - base - 1, now, min_age):
        call.cc.on_fast_retransmit(call.tx_next - 1)
        call.host.want_transmit(call)


def _lost_before_probe(call: CallCore, probe_at: float) -> None:
    """The answer to the PING that followed a timeout's retransmissions: the peer sent it
    after our PING arrived, so a packet sent no later than the PING that it still lacks was
    lost (on a path that keeps order), and goes again now rather than a doubled timeout
    later.  Linux's server aborts a request whose DATA pauses for 250 ms, so a second loss
    of the same packet must not wait for the next timeout."""
    if _mark_lost(call, 0, len(call.tx_sent_at), probe_at, 0.0):
        if call.probe_tail:
            # Found by a tail-loss probe, not a timeout: the window is halved, as for a
            # fast retransmit (a timeout already cut it to one packet).  Lost jumbograms
            # are what a timeout would have found: the path may have shrunk.
            call.cc.on_fast_retransmit(call.tx_next - 1)
            if call.tx_big:
                call.tx_big = False
                call.host.path_stalled(call, probe_at)
        call.host.want_transmit(call)


def arm_resend(call: CallCore, now: float) -> None:
    """Start the retransmission timer at ``now``; for a client whose peer has answered
    the call, a tail-loss probe comes first (see :func:`tail_probe`)."""
    rtt = call.peer.rtt
    rto = rtt.rto()
    call.resend_at = now + rto
    call.tail_probe_rto = 0.0
    if call.is_client and call.heard and rtt.samples:
        pto = 2 * rtt.srtt
        if pto < _TAIL_PROBE_MIN:
            pto = _TAIL_PROBE_MIN
        if call.tx_last and call.tx_next > call.tx_top:
            pto += _TAIL_ACK_DELAY
        if pto < rto:
            call.tail_probe_rto = call.resend_at
            call.resend_at = now + pto


def tail_probe(call: CallCore, now: float) -> None:
    """The tail-loss probe's time came with no ACK since: resend the highest packet still
    unacknowledged, asking for an ACK, with a PING behind it.

    Lost packets at the tail of a flight draw no ACK that could reveal them, so only the
    retransmission timeout would repair them.  Linux's server aborts a request whose DATA
    pauses for 250 ms (``RX_CALL_TIMEOUT``), which a timeout raised by earlier losses can
    exceed.  The resent packet is DATA, so it restarts that wait at the server; the PING's
    answer then shows what of the flight is missing (see :func:`_lost_before_probe`).  The
    retransmission timeout itself keeps its time.
    """
    call.resend_at = call.tail_probe_rto
    call.tail_probe_rto = 0.0
    sent_at = call.tx_sent_at
    sacked = call.tx_sacked
    lost = call.tx_lost
    for idx in range(len(sent_at) - 1, -1, -1):
        if sent_at[idx] >= 0 and not sacked[idx]:
            if not lost[idx]:
                lost[idx] = 1
                call.tx_inflight -= 1
            call.probe_resend = True
            call.probe_tail = True
            call.host.want_transmit(call)
            return


def _mark_lost(call: CallCore, start: int, end: int, now: float, min_age: float) -> int:
    """Mark lost the sent, unacknowledged packets at indexes ``start`` to ``end`` (clipped
    to the send queue) that went out at least ``min_age`` before ``now``; return how many."""
    sent_at = call.tx_sent_at
    sacked = call.tx_sacked
    lost = call.tx_lost
    marked = 0
    for idx in range(max(start, 0), min(end, len(sent_at))):
        if (sent_at[idx] >= 0 and not sacked[idx] and not lost[idx]
                and now - sent_at[idx] >= min_age):
            lost[idx] = 1
            marked += 1
    call.tx_inflight -= marked
    return marked


def after_tx_progress(call: CallCore, now: float, progress: bool) -> None:
    if call.tx_last and call.tx_base >= call.tx_top:
        tx_phase_acked(call, now)
        return
    if not call.is_client and call.tx_last and call.tx_next > call.tx_top and (
            0 not in call.tx_sacked):
        # Every reply packet is at least soft-ACKed: OpenAFS counts that as done.
        tx_phase_acked(call, now)
        return
    if call.tx_inflight > 0:
        if progress or call.resend_at == _INF:
            arm_resend(call, now)
    else:
        call.resend_at = _INF
        call.tail_probe_rto = 0.0
    if call.tx_next <= call.tx_top or 1 in call.tx_lost:
        call.host.want_transmit(call)
    if call.tx_space() > 0 and not call._tx_closed:
        call.host.changed(call)
    call.host.schedule(call)

def request_done(call: CallCore) -> None:
    """The whole request is acknowledged (implicitly by reply data, or explicitly)."""
    n = call.tx_top - call.tx_base
    if n:
        del call.tx_bufs[:], call.tx_flags[:], call.tx_cksum[:], call.tx_sent_at[:]
        del call.tx_sacked[:], call.tx_lost[:]
        call.tx_base = call.tx_top
    call.tx_next = call.tx_top + 1
    call.tx_inflight = 0
    call.resend_at = _INF
    call.tail_probe_rto = 0.0

def tx_phase_acked(call: CallCore, now: float) -> None:
    request_done(call)
    if call.is_client:
        advance(call, CallEvent.REQUEST_ACKED)
        call.host.schedule(call)
    else:
        call._complete(Completion.SUCCEEDED, 0, now)

def on_ackall(call: CallCore, now: float) -> None:
    """ACKALL: everything we sent is hard-acknowledged."""
    call.last_recv = now
    if call.completion is not None:
        return
    if call.tx_last and (call.state is CallState.SERVER_SEND_REPLY
                         or call.state is CallState.SERVER_AWAIT_ACK
                         or call.state is CallState.CLIENT_AWAIT_REPLY
                         or call.state is CallState.CLIENT_SEND_REQUEST):
        tx_phase_acked(call, now)

def on_busy(call: CallCore, now: float) -> None:
    """The server answered BUSY: it did not take the call (yet).

    As OpenAFS and Linux do, BUSY alone never fails the call: it tries again after the
    retransmission timeout, doubling up to ``busy_retry_limit``, until its normal or hard
    timeout passes (see :meth:`handle_timers`).
    """
    if call.completion is not None or not call.is_client or call.packets_received:
        return
    call.host.counters.busy_received += 1
    call.busy_count += 1
    # Try again later, as if every packet had been lost.
    mark_all_lost(call)
    delay = min(call.peer.rtt.rto() * (1 << min(call.busy_count - 1, 10)),
                call.host.config.busy_retry_limit)
    # Jitter (0.5 to 1.5 times): calls refused together must not all return together.
    call.resend_at = now + delay * (0.5 + call.host.rng.getrandbits(16) / 65536)
    call.tail_probe_rto = 0.0
    call.host.schedule(call)

def mark_all_lost(call: CallCore) -> None:
    sent_at = call.tx_sent_at
    for i in range(len(sent_at)):
        if sent_at[i] >= 0 and not call.tx_sacked[i] and not call.tx_lost[i]:
            call.tx_lost[i] = 1
    call.tx_inflight = 0

def transmit(call: CallCore, now: float, out: list[Datagram]) -> None:
    """Append the DATA datagrams the windows allow to ``out``."""
    if call.completion is not None:
        return
    if (call.busy_count and not call.packets_received
            and now < call.resend_at != _INF):
        return  # waiting out a BUSY before trying again
    conn = call.conn
    peer = call.peer
    addr = peer.address
    base = call.tx_base
    bufs = call.tx_bufs
    flags_l = call.tx_flags
    cks = call.tx_cksum
    sent_at = call.tx_sent_at
    lost = call.tx_lost
    epoch, cid, callno, fixed_flags, secidx, service = call._header_fixed
    user_status = call.user_status
    sent_any = False
    last_datagram: list[bytes | memoryview] | None = None
    last_datagram_packets = 0
    is_retrans_burst = False
    no_request_ack_on_last = not call.is_client
    packets_before = call.packets_sent
    retransmits_before = call.retransmits
    nbytes = 0
    cwnd = call.cc.cwnd
    # 1. Retransmissions, one packet per datagram.
    if 1 in lost:
        for idx in range(len(lost)):
            if not lost[idx]:
                continue
            if call.tx_inflight >= cwnd:
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
            call.tx_inflight += 1
            call.retransmits += 1
            peer.retransmits += 1
            call.packets_sent += 1
            nbytes += len(bufs[idx])
            sent_any = True
            is_retrans_burst = True
            if f & REQUEST_ACK:
                call.rtt_probe_serial = 0  # ambiguous sample: skip
    # 2. New packets within the peer's window and the congestion window.
    window_end = base + min(call.peer_rwind, call.host.tx_window)
    # What path-MTU discovery confirmed, already bounded by the peer's max MTU and jumbo
    # maximum and by ours (see pmtud.py): until a probe confirms more, single packets.
    jumbo = peer.pmtu.good
    top = min(call.tx_top, window_end)
    seq = call.tx_next
    while seq <= top and call.tx_inflight < cwnd:
        room = min(min(cwnd - call.tx_inflight, top - seq + 1), max(jumbo, 1))
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
        if n > 1:
            call.tx_big = True
        last_datagram = parts
        last_datagram_packets = n
        call.tx_inflight += n
        call.packets_sent += n
        seq += n
        sent_any = True
    call.tx_next = seq
    if last_datagram is not None:
        # Ask for an ACK on the burst's last packet (not on a server's final packet).
        last_flags_index = len(last_datagram) - 2
        last_seq = seq - 1
        idx = last_seq - base - 1
        f = flags_l[idx]
        # Like OpenAFS, do not ask for an ACK on a phase's last packet: the reply (or the
        # client's final ACK) answers it anyway.  A server must never ask: an OpenAFS client
        # answers such a request at once with a soft ACK and may never send the hard ACK the
        # server is waiting for.
        # A client still asks while it has no RTT sample for the peer, and at the end of a
        # request of more than one packet: the tail-loss probe waits on that ACK.
        want = not f & LAST_PACKET or (not no_request_ack_on_last and (
            not peer.rtt.samples or last_seq > 1))
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
                    not call.rtt_probe_serial or now - call.rtt_probe_at > 1.0):
                call.rtt_probe_serial = serial
                call.rtt_probe_at = now
    if sent_any:
        if not call.is_client and call.ack_reason in _REPLY_SUBSUMES:
            call.ack_reason = 0  # reply data acknowledges the whole request
            call.ack_at = _INF
        if call.dead_at == _INF:
            call.dead_at = now + call.timeout
            call.ping_at = now + call.keepalive
            call.last_recv = now
        peer.packets_sent += call.packets_sent - packets_before
        peer.bytes_sent += nbytes
        call.bytes_sent += nbytes
        counters = call.host.counters
        counters.data_sent += call.packets_sent - packets_before
        counters.data_resent += call.retransmits - retransmits_before
        if call.resend_at == _INF:
            arm_resend(call, now)
        if call.probe_resend and is_retrans_burst:
            # After a timeout's retransmissions or a tail-loss probe, a PING behind them:
            # its answer tells whether they arrived a round trip from now (see
            # _lost_before_probe).
            call.probe_resend = False
            call.ping_serial = call.host.send_ack(call, AckReason.PING, 0, now)
            call.ping_sent_at = call.probe_at = now
            if call.probe_tail:
                counters.tail_probes += 1
        if call.state is CallState.CLIENT_SEND_REQUEST and call.tx_last and (
                call.tx_next > call.tx_top):
            advance(call, CallEvent.REQUEST_SENT)
        elif call.state is CallState.SERVER_SEND_REPLY and call.tx_last and (
                call.tx_next > call.tx_top):
            advance(call, CallEvent.REPLY_SENT)
        call.host.schedule(call)


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
