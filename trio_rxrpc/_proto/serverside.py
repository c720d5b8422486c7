"""The server side of the endpoint core: new connections and calls, and their security.

Theory of operation
-------------------
A connection's first DATA packet is checked against everything that could refuse its call
(unknown service or security class, a full accept queue, a full table) *before* anything is
created, so a refused call costs nothing that outlives the packet: it is answered with a raw
ABORT or BUSY that echoes its IDs.  Only then are a peer record and an unproven connection
made (see :mod:`.tables`), possibly evicting the least recently active unproven one.

A connection whose security class needs a handshake (rxkad) holds the DATA of its calls
(within per-connection and endpoint-wide limits) and challenges the client; a valid RESPONSE
proves the connection, and the held DATA is replayed into the calls, which only then reach
the accept queue.  No data reaches the application before its security check passes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from . import call_life, call_rx, call_tx, handshake, pmtud
from .call import CallCore
from .codes import AbortCode
from .connection import Connection
from .handshake import call_numbers
from .header import HEADER_SIZE, abort_code_untrusted
from .security.base import SecurityFailure
from .states import CallState, Completion
from .wire import PacketType

if TYPE_CHECKING:
    from collections.abc import Callable, Hashable

    from .connection import Address
    from .endpoint import EndpointCore

_ABORT: Final = int(PacketType.ABORT)
_CHALLENGE: Final = int(PacketType.CHALLENGE)
_RESPONSE: Final = int(PacketType.RESPONSE)
CHALLENGE_INTERVAL: Final = 2.0
"""Seconds before a connection whose calls wait on security is sent its CHALLENGE again."""
_MAX_HELD_PER_CONN: Final = 64


def check_first_packet(ep: EndpointCore, data: memoryview, addr: Address, secidx: int,
                       service: int) -> str:
    """Whether a connection's first DATA can start a call ("" if so; else why not).

    Everything that would refuse the call is checked before anything is created, so a
    refused call costs nothing that outlives this packet.
    """
    listener = ep.listeners.get(service)
    if listener is None or listener.closed:
        ep.refuse(data, addr, AbortCode.RX_INVALID_OPERATION)
        return "unknown_service"
    security = listener.securities.get(secidx)
    if security is None:
        ep.refuse(data, addr, AbortCode.RX_INVALID_OPERATION)
        return "unknown_security_class"
    if secidx == 0 and listener.min_level > 0:
        ep.refuse(data, addr, AbortCode.RXKADLEVELFAIL)
        return "security_refused"
    if listener.pending >= listener.backlog:
        ep.send_busy(data, addr)
        listener.busy_sent += 1
        return "backlog_full"
    if not ep.conns.has_room():
        ep.send_busy(data, addr)
        return "connection_table_full"
    return ""


def new_server_connection(ep: EndpointCore, data: memoryview, addr: Address, key: Hashable,
                          epoch: int, conn_id: int, secidx: int, service: int,
                          now: float, *, upgrade_to: int = 0) -> Connection | str:
    """Make the server connection of a first DATA that :func:`check_first_packet` let in
    (with the service ID ``upgrade_to`` instead of ``service`` if that is given: a service
    upgrade, see :mod:`.upgrade`); a string says why none was made."""
    listener = ep.listeners[service]
    security = listener.securities[secidx]
    peer = ep.peer_table.obtain(addr, now)
    if peer is None:
        ep.send_busy(data, addr)
        return "peer_table_full"
    random_bytes = ep.rng.getrandbits(128).to_bytes(16, "big")
    try:
        conn_sec = security.new_connection(epoch=epoch, cid=conn_id, now=now,
                                           random_bytes=random_bytes)
    except SecurityFailure as exc:
        ep.refuse(data, addr, exc.code)
        return "security_refused"
    victim = ep.conns.make_room(now)
    if victim is not None:
        # An idle connection (or else the least recently active unproven one) gave up its
        # place.  An idle one is simply forgotten: its client's next call starts a new one.
        ep.counters.evictions += 1
        if victim.has_live_calls():
            kill_connection(ep, victim, AbortCode.RX_CALL_DEAD, now, send=True,
                            why="the connection was dropped to make room for new clients")
    conn = Connection(peer=peer, epoch=epoch, cid=conn_id, service_id=upgrade_to or service,
                      orig_service_id=service, security_index=secidx, security=conn_sec,
                      is_client=False, last_used=now, server_security=security)
    ep.conns.add_server(key, conn)
    return conn


def new_server_call(ep: EndpointCore, conn: Connection, channel: int, callno: int,
                    data: memoryview, addr: Address, now: float) -> CallCore | str:
    """Start a call on a server connection (a higher call number ends the previous one)."""
    ch = conn.channels[channel]
    old = ch.call
    if old is not None:
        # A higher call number ends the previous call on the channel.
        if old.state is CallState.SERVER_AWAIT_ACK:
            call_tx.on_ackall(old, now)
        else:
            old.fail(Completion.NETWORK_ERROR, AbortCode.RX_CALL_DEAD, now,
                     "the client started a new call on the channel")
    if conn.dead_code:
        ep.send_conn_abort(conn, conn.dead_code)
        return "connection_aborted"
    listener = ep.listeners.get(conn.service_id)
    if listener is None or listener.closed:
        ep.refuse(data, addr, AbortCode.RX_INVALID_OPERATION)
        return "unknown_service"
    if listener.pending >= listener.backlog:
        ep.send_busy(data, addr)
        listener.busy_sent += 1
        return "backlog_full"
    if conn.security.level < listener.min_level and conn.security.authenticated:
        ep.refuse(data, addr, conn.security.level_fail_code)
        return "security_refused"
    ch.call_number = callno
    ep.conns.became_busy(conn)
    call = CallCore(ep, conn, channel, callno, is_client=False, now=now,
                    idle_timeout=ep.config.server_idle_timeout, listener=listener)
    conn.peer.calls += 1
    ch.call = call
    ep.live_calls[call] = None
    if conn.security.authenticated:
        listener.pending += 1
        ep.new_calls.append(call)
        if not conn.peer.trailer_asked:
            pmtud.ask_trailer(call, now)
    else:
        call_life.needs_securing(call)
        if conn.challenge_body is None:
            send_challenge(ep, conn, now)
    ep.schedule(call)
    return call


def hold(ep: EndpointCore, conn: Connection, call: CallCore, data: memoryview, seq: int, flags: int,
         serial: int, cksum: int, now: float) -> str:
    """Keep DATA for a call whose connection is still authenticating (within limits)."""
    payload = bytes(data[HEADER_SIZE:])
    if (len(conn.held) >= _MAX_HELD_PER_CONN
            or ep.held_bytes + len(payload) > ep.config.max_held_bytes):
        return "held_data_full"  # the client will send it again after authenticating
    conn.held.append((call, seq, flags, serial, cksum, payload))
    ep.held_bytes += len(payload)
    call_life.data_held(call, now)
    if now - conn.challenge_sent_at >= CHALLENGE_INTERVAL:
        send_challenge(ep, conn, now)
    return "data"


def release_held(ep: EndpointCore, conn: Connection, keep: Callable[[CallCore], bool]) -> None:
    """Drop held DATA of calls ``keep`` rejects, and account for the memory."""
    kept = [entry for entry in conn.held if keep(entry[0])]
    ep.held_bytes -= sum(len(entry[5]) for entry in conn.held) - sum(
        len(entry[5]) for entry in kept)
    conn.held = kept


def send_challenge(ep: EndpointCore, conn: Connection, now: float) -> None:
    """Send (or repeat) the connection's CHALLENGE (never on an aborted connection)."""
    if conn.dead_code:
        return
    body = conn.security.issue_challenge()
    if body is None:
        return
    conn.challenge_body = body
    conn.challenge_sent_at = now
    conn.challenge_tries += 1
    hdr = ep.header(conn, 0, 0, _CHALLENGE, 0, conn.next_serial())
    ep.out.append(([hdr, body], conn.peer.address))


def dead_connection_packet(ep: EndpointCore, conn: Connection, ptype: int, now: float) -> str:
    """Any packet on a server connection that was aborted: the packet itself is ignored and
    answered with the connection's ABORT (as OpenAFS does, once per packet), except an ABORT,
    which is never answered.  Nothing on the connection runs again: no RESPONSE is checked,
    no call starts and the code the connection was first aborted with stays.

    The connection is kept while its client goes on using it, so that the client is not
    challenged again on a new one.
    """
    conn.last_used = now
    if ptype != _ABORT:
        ep.send_conn_abort(conn, conn.dead_code)
    return "connection_aborted"


def connection_packet(ep: EndpointCore, conn: Connection, data: memoryview, ptype: int,
                      now: float) -> str:
    """A connection-level packet (call number 0): ABORT, CHALLENGE or RESPONSE."""
    if ptype == _ABORT:
        code = abort_code_untrusted(data, HEADER_SIZE)
        if code is None:
            return "malformed"
        ep.counters.abort_received(code)
        kill_connection(ep, conn, code, now, send=False)
        return "abort"
    if ptype == _CHALLENGE and conn.is_client:
        if not conn.has_live_calls():
            return "unexpected"  # never act as an oracle for idle connections
        handshake.answer_challenge(ep, conn, bytes(data[HEADER_SIZE:]), now)
        return "challenge"
    if ptype == _RESPONSE and not conn.is_client:
        if conn.challenge_body is None or conn.security.authenticated:
            return "unexpected"
        try:
            conn.security.verify_response(bytes(data[HEADER_SIZE:]), now=now,
                                          call_numbers=call_numbers(conn))
        except SecurityFailure as exc:
            ep.counters.security_failures += 1
            kill_connection(ep, conn, exc.code, now, send=True,
                                  why=f"the client's response failed: {exc.message}")
            return "response"
        authenticated(ep, conn, now)
        return "response"
    return "unexpected"


def authenticated(ep: EndpointCore, conn: Connection, now: float) -> None:
    """The client answered our challenge: replay held DATA and queue the calls."""
    ep.conns.prove(conn)  # the client answered our random challenge
    listener = ep.listeners.get(conn.service_id)
    held, conn.held = conn.held, []
    ep.held_bytes -= sum(len(entry[5]) for entry in held)
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
            call_life.security_abort(call, conn.security.level_fail_code, now,
                                     "security level too low")
            continue
        call_life.secured(call)
        if listener is None or listener.closed or listener.pending >= listener.backlog:
            call.local_abort(AbortCode.RX_CALL_DEAD if listener is None
                             else AbortCode.RX_INVALID_OPERATION, now, "cannot queue call")
            continue
        listener.pending += 1
        ep.new_calls.append(call)
    for call, seq, flags, serial, cksum, payload in held:
        if call.completion is None:
            call_rx.on_payload_untrusted(call, payload, seq, flags, serial, cksum, now)
            ep.schedule(call)


def kill_connection(ep: EndpointCore, conn: Connection, code: int, now: float, *, send: bool,
                    why: str = "") -> None:
    """Abort a whole connection: every call on it ends, and it takes no new ones.

    The first abort is the one that counts: a connection already aborted keeps its code.  An
    aborted server connection never challenges again (see :func:`dead_connection_packet`).
    """
    if conn.dead_code:
        return
    conn.dead_code = code or AbortCode.RX_CALL_DEAD
    conn.challenge_body = None
    if send:
        ep.send_conn_abort(conn, conn.dead_code)
    for call in conn.live_calls():
        kind = Completion.LOCALLY_ABORTED if send else Completion.REMOTELY_ABORTED
        call.fail(kind, code, now, why or f"the connection was aborted ({code})")
    if conn.held:
        release_held(ep, conn, keep=lambda _call: False)
    ep.conns.unbundle(conn)

