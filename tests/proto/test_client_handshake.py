"""The client side of the security handshake against a server that challenges only once (as
Linux's does): a lost RESPONSE is repeated, and a CHALLENGE that never comes ends the calls
with a clear error instead of leaving them waiting for ever.  Two sans-I/O cores, driven by
:class:`coreharness.CorePair`; ``tests/interop/test_linux_kernel_handshake.py`` does the same
against the kernel."""

from __future__ import annotations

from coreharness import (
    ABORT,
    ACK,
    CHALLENGE,
    DATA,
    RESPONSE,
    SERVER_ADDR,
    CorePair,
    Sent,
    localauth,
)

from trio_rxrpc._proto import handshake
from trio_rxrpc._proto.call import CallCore, Completion
from trio_rxrpc._proto.codes import AbortCode
from trio_rxrpc._proto.wire import HEADER, AckBody, AckReason, encode_ack_body
from trio_rxrpc.security import Level, RxkadClientSecurity


def only_the_first_challenge(sent: Sent, seen: list[Sent]) -> bool:
    """Whether ``sent`` is a CHALLENGE after the first (a server that challenges once)."""
    if sent.type != CHALLENGE:
        return False
    seen.append(sent)
    return len(seen) > 1


def test_a_lost_response_is_repeated_until_the_server_answers() -> None:
    pair = CorePair()
    challenges: list[Sent] = []
    dropped: list[Sent] = []

    def policy(sent: Sent) -> bytes | None:
        if only_the_first_challenge(sent, challenges):
            return None
        if sent.type == RESPONSE and not dropped:
            dropped.append(sent)
            return None
        return sent.data

    pair.policy = policy
    call = pair.call(b"abc", RxkadClientSecurity(localauth(), Level.CLEAR))
    pair.finish(call)
    assert pair.replies[call] == b"cba"
    [repeat] = pair.packets(RESPONSE)
    assert repeat.payload == dropped[0].payload  # the same answer to the same challenge
    assert repeat.t - dropped[0].t >= handshake.RESPONSE_REPEAT_INTERVAL
    assert call.conn.handshake_done
    assert call.conn.response is None  # nothing left to repeat

    # Once a reply has come, the connection's later calls need nothing repeated.
    second = pair.call(b"xyz", RxkadClientSecurity(localauth(), Level.CLEAR))
    assert second.conn is call.conn
    pair.finish(second)
    pair.run(lambda: pair.now >= repeat.t + 30, limit=repeat.t + 31)
    assert pair.packets(RESPONSE) == [repeat]


def hard_ack(call: CallCore, serial: int) -> bytes:
    """An ACK from the server taking the whole of ``call``'s one-packet request (what
    Linux's server sends before it has secured the connection)."""
    conn = call.conn
    header = HEADER.pack(conn.epoch, conn.cid | call.channel, call.call_number, 0, serial,
                         ACK, 0, 0, conn.security_index, 0, conn.service_id)
    return header + encode_ack_body(AckBody(first_packet=2, previous_packet=1, serial=0,
                                            reason=int(AckReason.IDLE)))


def test_a_challenge_that_never_comes_ends_the_calls_and_retires_the_connection() -> None:
    pair = CorePair()
    pair.policy = lambda sent: None if sent.type == CHALLENGE else sent.data
    security = RxkadClientSecurity(localauth(), Level.CLEAR)
    call = pair.call(b"abc", security)
    pair.exchange()
    pair.client.receive_datagram(hard_ack(call, 1), SERVER_ADDR, now=pair.now)
    pair.finish(call)
    assert call.completion is Completion.NETWORK_ERROR
    assert call.abort_code == AbortCode.RX_CALL_DEAD
    assert "CHALLENGE" in call.error
    gave_up = pair.now
    assert handshake.CHALLENGE_WAIT <= gave_up <= handshake.CHALLENGE_WAIT + 2 * 5.0
    [abort] = pair.packets(ABORT, to_server=True)
    assert abort.call_number == call.call_number
    assert pair.packets(RESPONSE) == []
    # The server never took the call, and a new call is challenged on a new connection.
    assert pair.accepted == []
    pair.policy = lambda sent: sent.data
    again = pair.call(b"abc", security)
    assert again.conn is not call.conn
    pair.finish(again)
    assert pair.replies[again] == b"cba"


def test_a_call_the_server_has_not_answered_is_left_to_its_own_timers() -> None:
    """No CHALLENGE and nothing else heard from the server either: that is a dead peer, for
    the call's dead timer, not a lost CHALLENGE."""
    pair = CorePair()
    pair.policy = lambda sent: None if not sent.to_server else sent.data
    call = pair.call(b"abc", RxkadClientSecurity(localauth(), Level.CLEAR))
    pair.finish(call, limit=300)
    assert call.completion is Completion.NETWORK_ERROR
    assert "CHALLENGE" not in call.error
    assert [s for s in pair.packets(DATA, to_server=True) if s.t > 0]  # it kept trying
