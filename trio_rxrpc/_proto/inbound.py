"""The receive path of the endpoint core: from a datagram to the call or connection it is for.

Theory of operation
-------------------
:func:`receive` parses the header once and demultiplexes as OpenAFS does.  A packet with
CLIENT_INITIATED belongs to a server connection found by (epoch, connection ID) — plus the
source address unless the epoch's top bit lets the client move, in which case the connection
follows it to its new address — and any other packet to one of our client connections, found
by connection ID and checked against our epoch and the server's port.  Within a connection,
the channel's current call takes the packet; a packet for the call the channel carried last
is answered with that call's final ACK or ABORT (the peer may have missed it); a higher call
number on a server connection starts a new call (see :mod:`.serverside`).

Every path returns how the datagram is counted (a kind it was taken as, or the reason it was
dropped; see :mod:`.counters`).  DATA is copied out of the receive buffer once, here, and a
jumbogram is split into its sub-packets without further copies.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from . import call_life, call_rx, call_tx, pmtud, rxdebug, serverside, upgrade
from .ack import ACK_BODY_SIZE, build_final_ack, clamp_trailer, parse_ack_untrusted
from .codes import AbortCode
from .header import ABORT_BODY, HEADER_SIZE, abort_code_untrusted, split_header_untrusted
from .wire import (
    CLIENT_INITIATED,
    EPOCH_RANDOM_BIT,
    RX_CID_MASK,
    SLOW_START_OK,
    AckReason,
    PacketType,
)

if TYPE_CHECKING:
    from collections.abc import Hashable

    from .call import CallCore
    from .connection import Address, Connection
    from .endpoint import EndpointCore

_DATA: Final = int(PacketType.DATA)
_ACK: Final = int(PacketType.ACK)
_BUSY: Final = int(PacketType.BUSY)
_ABORT: Final = int(PacketType.ABORT)
_ACKALL: Final = int(PacketType.ACKALL)
_PING: Final = int(AckReason.PING)
_PING_RESPONSE: Final = int(AckReason.PING_RESPONSE)
_RESPONSE: Final = int(PacketType.RESPONSE)
_DEBUG: Final = int(PacketType.DEBUG)
_VERSION: Final = int(PacketType.VERSION)
_ACKS_AT: Final = HEADER_SIZE + ACK_BODY_SIZE
_SET_ASIDE: Final = "ack set aside"
"""What :func:`ack` returns for a plain ACK kept for the end of the batch (counted as "ack")."""
"""Where an ACK's SACK table starts in its datagram."""


def receive(ep: EndpointCore, data: memoryview, addr: Address, now: float) -> str:
    """Take one datagram from ``addr``; return how it is counted.  Never raises for any bytes
    (a bug inside a call is contained to that call by :meth:`EndpointCore.contain`)."""
    header = split_header_untrusted(data)
    if header is None:
        return "short"
    (epoch, cid, callno, seq, serial, ptype, flags, user_status, secidx, cksum,
     service) = header
    if ptype < 14:
        ep.received_by_type[ptype] += 1
    if ptype in (_VERSION, _DEBUG):
        return rxdebug.answer(ep, data, addr, ptype, flags, now)
    if not _DATA <= ptype <= _RESPONSE:
        return "unknown_type"
    conn_id = cid & RX_CID_MASK
    moved = False
    if flags & CLIENT_INITIATED:
        key: Hashable = (epoch, conn_id) if epoch & EPOCH_RANDOM_BIT else (
            epoch, conn_id, addr)
        conn = ep.server_conns.get(key)
        if conn is None:
            if ptype != _DATA or callno == 0:
                if callno and ptype == _ACK and _is_ping(data):
                    # A client waiting on a call we know nothing of (we restarted, or a
                    # worker of our group died): say the call is dead rather than let it
                    # wait out its dead time.
                    ep.refuse(data, addr, AbortCode.RX_CALL_DEAD)
                return "no_connection"
            if not _starts_call(ep, seq):
                # DATA from the middle of a call from before a restart.
                ep.refuse(data, addr, AbortCode.RX_CALL_DEAD)
                return "invalid_new_call"
            index, size = ep.cid_group
            if (conn_id >> 2) % size != index:
                # Another member of our group owns this connection: never start it here.
                return "wrong_member"
            refused = serverside.check_first_packet(ep, data, addr, secidx, service)
            if refused:
                return refused
            created = serverside.new_server_connection(
                ep, data, addr, key, epoch, conn_id, secidx, service, now,
                upgrade_to=upgrade.server_service(ep.listeners[service], service, seq,
                                                  user_status))
            if isinstance(created, str):
                return created
            conn = created
        else:
            moved = conn.peer.address != addr
    else:
        conn = ep.client_conns.get(conn_id)
        if conn is None or conn.epoch != epoch:
            return "no_connection"
        if conn.peer.address != addr and conn.peer.address[1] != addr[1]:
            return "wrong_address"
    if secidx != conn.security_index:
        return "wrong_security_index"
    if service != conn.service_id and ptype != _ABORT:
        # (An ABORT is taken whatever service ID it carries: OpenAFS answers a call to a
        # service it does not offer with an ABORT that has a service ID of its own.)
        why = upgrade.other_service(conn, service)
        if why:
            return why
    if ptype == _DATA and conn.is_client:
        conn.upgrade_settled = True  # the server's DATA carries the service it chose
    if conn.dead_code and not conn.is_client:
        return serverside.dead_connection_packet(ep, conn, ptype, now)
    channel = cid & 3
    ch = conn.channels[channel]
    call = ch.call
    new_call = False
    if callno and (call is None or callno != call.call_number):
        if callno == ch.call_number and call is None:
            return stray(ep, conn, channel, data, ptype, serial, now)
        if conn.is_client or callno < ch.call_number:
            return "stale_call"
        if ptype != _DATA or not _starts_call(ep, seq):
            # Only a call's first DATA can start it (and so end the channel's previous call).
            return "invalid_new_call"
        new_call = True
    if moved:
        # The client moved (NAT rebinding); its epoch says we may follow it.  Only a packet
        # that is taken moves the connection: a stale or mismatched one changes nothing.
        peer = ep.peer_table.obtain(addr, now)
        if peer is None:
            return "peer_table_full"
        ep.conns.rebind(conn, peer, now)
        ep.counters.rebinds += 1
    if not conn.proven:
        ep.conns.touch(conn)  # (only a packet that is taken keeps it off the eviction line)
    peer = conn.peer
    peer.last_heard = now
    peer.packets_received += 1
    peer.bytes_received += len(data)
    conn.last_used = now
    if callno == 0:
        return serverside.connection_packet(ep, conn, data, ptype, now)
    if new_call:
        created_call = serverside.new_server_call(ep, conn, channel, callno, data, addr, now)
        if isinstance(created_call, str):
            return created_call
        call = created_call
    assert call is not None
    if not call.heard:
        call_life.heard(call)
    try:
        if ptype != _ACK and call in ep.deferred_acks:
            apply_deferred_ack(call, ep.deferred_acks.pop(call), now)  # keep the order
        if ptype == _DATA:
            kind = take_data(ep, conn, call, data, seq, flags, serial, cksum, now)
        elif ptype == _ACK:
            kind = ack(ep, call, data, flags, serial, now)
            if kind == _SET_ASIDE:
                # Nothing of the call has changed yet: applying it at the end of the batch
                # reschedules the call (apply_deferred_acks).
                return "ack"
        elif ptype == _ABORT:
            code = abort_code_untrusted(data, HEADER_SIZE)
            if code is None:
                return "malformed"
            ep.counters.abort_received(code)
            call.on_abort(code, now)
            kind = "abort"
        elif ptype == _ACKALL:
            call_tx.on_ackall(call, now)
            kind = "ackall"
        elif ptype == _BUSY:
            call_tx.on_busy(call, now)
            kind = "busy"
        else:
            kind = "unexpected"  # call-level CHALLENGE/RESPONSE: not meaningful
    except Exception as exc:  # pragma: no cover
        # Last line of defence for a call's packet: every byte was validated above, so only
        # a bug lands here; it ends this call alone (counted in internal_errors by contain).
        ep.contain(call, exc, now)
        kind = "internal_error"
    if call.completion is None:
        ep.schedule(call)
    return kind


def _is_ping(data: memoryview) -> bool:
    """Whether an ACK datagram asks for a PING_RESPONSE."""
    fields = parse_ack_untrusted(data, HEADER_SIZE)
    return fields is not None and fields[5] == AckReason.PING


def _starts_call(ep: EndpointCore, seq: int) -> bool:
    """Whether a DATA packet with ``seq`` may start a call: one of the first window's worth
    (a higher one belongs to a call from before a restart, as OpenAFS reasons)."""
    return 0 < seq <= ep.rx_window + 1


def take_data(ep: EndpointCore, conn: Connection, call: CallCore, data: memoryview, seq: int,
              flags: int, serial: int, cksum: int, now: float) -> str:
    """DATA for a call: held until its connection is authenticated, else delivered."""
    if not conn.is_client and not conn.security.authenticated:
        return serverside.hold(ep, conn, call, data, seq, flags, serial, cksum, now)
    return call_rx.on_payload_untrusted(call, bytes(data[HEADER_SIZE:]), seq, flags, serial,
                                        cksum, now)


def ack(ep: EndpointCore, call: CallCore, data: memoryview, flags: int, serial: int,
        now: float) -> str:
    """An ACK for a call: its trailer bounds the peer, the rest goes to the transmit half."""
    fields = parse_ack_untrusted(data, HEADER_SIZE)
    if fields is None:
        return "malformed"
    _bs, _skew, first, prev, aserial, reason, nacks, max_mtu, _if_mtu, rwind, word4 = fields
    peer = call.peer
    if max_mtu is None:
        window = None
    else:
        peer.max_mtu, window, jumbo = clamp_trailer(max_mtu, rwind, word4, ep.max_jumbo)
        if jumbo:
            peer.jumbo_max = jumbo
        pmtud.trailer_seen(peer, word4, now)
    if peer.pmtu.probe_serial:
        pmtud.ack_seen(ep.counters, peer, call.conn, aserial, reason, now)
    table = bytes(data[_ACKS_AT:_ACKS_AT + nacks])
    deferred = ep.deferred_acks
    if (reason != _PING and reason != _PING_RESPONSE and call.completion is None
            and table.count(1) == len(table) and 0 < first <= call.tx_top + 1 - nacks
            and not (call.rtt_probe_serial and aserial == call.rtt_probe_serial)):
        # A plain ACK: everything it lists was received, all of it was sent, it answers no
        # ping and carries no RTT sample.  It is kept until the batch is in (a C peer ACKs
        # every second packet), and a later one that says all it says replaces it: one
        # that is not older and whose table reaches at least as far.
        older = deferred.get(call)
        if older is not None:
            if (first + nacks >= older[0] + len(older[4])
                    and (first > older[0] or (first == older[0] and prev >= older[1]))):
                ep.counters.acks_superseded += 1
            else:
                apply_deferred_ack(call, older, now)
        deferred[call] = (first, prev, aserial, reason, table, flags, serial, window)
        return _SET_ASIDE
    if call in deferred:
        apply_deferred_ack(call, deferred.pop(call), now)
    call_tx.on_ack(call, first, prev, aserial, reason, memoryview(table), flags, serial,
                   window, now)
    return "ack"


DeferredAck = tuple[int, int, int, int, bytes, int, int, "int | None"]
"""A plain ACK waiting for the end of its batch: the arguments of :func:`call_tx.on_ack`."""


def apply_deferred_ack(call: CallCore, pending: DeferredAck, now: float) -> None:
    first, prev, aserial, reason, table, flags, serial, window = pending
    call_tx.on_ack(call, first, prev, aserial, reason, memoryview(table), flags, serial,
                   window, now)


def apply_deferred_acks(ep: EndpointCore, now: float) -> None:
    """The end of a batch of datagrams: apply each call's newest plain ACK."""
    deferred = ep.deferred_acks
    while deferred:
        call, pending = deferred.popitem()
        try:
            apply_deferred_ack(call, pending, now)
        except Exception as exc:  # pragma: no cover - a bug; contain it to the call
            ep.contain(call, exc, now)
        if call.completion is None:
            ep.schedule(call)


def stray(ep: EndpointCore, conn: Connection, channel: int, data: memoryview, ptype: int,
          serial: int, now: float) -> str:
    """A packet for the call a channel last carried, which has ended.

    Repeat how it ended where that helps the peer (it may have missed our final packet);
    never answer an ABORT.
    """
    ch = conn.channels[channel]
    if ptype == _ABORT:
        return "call_complete"
    fields = parse_ack_untrusted(data, HEADER_SIZE) if ptype == _ACK else None
    if fields is not None and conn.peer.pmtu.probe_serial:
        # The answer to a path-MTU probe sent on the call's last transmit pass.
        pmtud.ack_seen(ep.counters, conn.peer, conn, fields[4], fields[5], now)
    if fields is not None and fields[5] == AckReason.PING_RESPONSE:
        return "call_complete"  # the answer to a ping of ours: nothing to repeat
    if ch.final_succeeded:
        ping = fields is not None and fields[5] == AckReason.PING
        if ping or (ptype == _DATA and conn.is_client):
            # A ping, or reply DATA again (our final ACK was lost): say we have it all.
            reason = AckReason.PING_RESPONSE if ping else AckReason.DUPLICATE
            hdr = ep.header(conn, ch.call_number, channel, _ACK, SLOW_START_OK,
                               conn.next_serial())
            trailer = ep.ack_trailers[conn.peer.pmtud_peer]
            ep.out.append(([hdr, build_final_ack(trailer, ch.final_rx_seq, reason, serial)],
                           conn.peer.address))
            ep.counters.acks_sent += 1
    elif ch.final_abort:
        hdr = ep.header(conn, ch.call_number, channel, _ABORT, 0, conn.next_serial())
        ep.out.append(([hdr, ABORT_BODY.pack(ch.final_abort)], conn.peer.address))
        ep.counters.abort_sent(ch.final_abort)
    return "call_complete"
