"""A server connection that was aborted stays dead: it sends nothing but the ABORTs the rules
call for, never challenges again, and keeps the abort code it was first given.

The client here is stubborn (as Linux's is): it keeps sending its DATA, its RESPONSE and new
calls on the connection long after the server refused its credentials.
"""

from __future__ import annotations

import struct

from coreharness import (
    ABORT,
    CHALLENGE,
    CLIENT_ADDR,
    DATA,
    KVNO,
    RESPONSE,
    CorePair,
    Sent,
    rand,
)

from trio_rxrpc._proto.codes import AbortCode
from trio_rxrpc._proto.wire import HEADER, HEADER_SIZE
from trio_rxrpc.security import Level, RxkadClientSecurity, forge_localauth_token

WRONG_KEY = bytes.fromhex("fedcba9876543210")


def _rejected_pair() -> tuple[CorePair, list[Sent]]:
    """A client whose ticket is under the wrong key, up to the server's connection ABORT;
    returns the pair and what the client sent (to replay)."""
    pair = CorePair()
    token = forge_localauth_token(WRONG_KEY, KVNO, random_bytes=rand(1))
    call = pair.call(b"x" * 3000, RxkadClientSecurity(token, Level.CRYPT))
    pair.finish(call)
    assert call.abort_code == AbortCode.RXKADBADTICKET
    return pair, [s for s in pair.trace if s.to_server]


def _with_call_number(data: bytes, callno: int, seq: int = 1) -> bytes:
    fields = list(HEADER.unpack_from(data))
    fields[2] = callno
    fields[3] = seq
    return HEADER.pack(*fields) + data[HEADER_SIZE:]


def _server_sent(pair: CorePair) -> list[bytes]:
    return [b"".join(bytes(p) for p in parts)
            for parts, _addr in pair.server.datagrams_to_send(now=pair.now)]


def test_a_rejected_connection_never_challenges_again_and_keeps_its_first_code() -> None:
    pair, sent = _rejected_pair()
    conn = next(iter(pair.server.conns.server.values()))
    first = AbortCode.RXKADBADTICKET
    assert conn.dead_code == first
    data = [s.data for s in sent if s.type == DATA]
    response = next(s.data for s in sent if s.type == RESPONSE)
    short_response = response[:HEADER_SIZE + 4]  # would fail with a different code
    peer_abort = bytearray(response[:HEADER_SIZE] + struct.pack(">i", AbortCode.RX_CALL_DEAD))
    peer_abort[20] = ABORT
    answers: list[bytes] = []
    asked = 0
    failures = pair.server.counters.security_failures
    callno = 10
    for _round in range(12):  # a minute: many housekeeping and challenge intervals
        pair.now += 5.0
        pair.server.handle_timers(now=pair.now)
        answers += _server_sent(pair)
        callno += 1
        for packet in [*data, response, short_response, bytes(peer_abort),
                       _with_call_number(data[0], callno)]:
            pair.server.receive_datagram(packet, CLIENT_ADDR, now=pair.now)
            answers += _server_sent(pair)
            asked += packet[20] != ABORT
        pair.server.handle_timers(now=pair.now)
        answers += _server_sent(pair)
    kinds = {a[20] for a in answers}
    assert CHALLENGE not in kinds
    assert kinds <= {ABORT}
    assert {struct.unpack_from(">i", a, HEADER_SIZE)[0] for a in answers} == {first}
    assert conn.dead_code == first
    assert not conn.securing_calls()
    # Once per packet, for the whole connection, and no RESPONSE was checked again.
    assert len(answers) == asked
    assert {HEADER.unpack_from(a)[2] for a in answers} == {0}
    assert pair.server.counters.security_failures == failures


def test_a_rejected_connection_is_forgotten_once_its_client_goes_quiet() -> None:
    pair, _sent = _rejected_pair()
    assert len(pair.server.conns.server) == 1
    for _ in range(6):
        pair.now += 5.0
        pair.server.handle_timers(now=pair.now)
    assert _server_sent(pair) == []
    assert len(pair.server.conns.server) == 0
