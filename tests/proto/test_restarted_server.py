"""Packets about calls one side no longer has, or never had.

A server that lost its connections (a restart, or a dead worker of a group) tells a waiting
client its call is dead at the client's next keepalive, instead of letting it wait out its
dead time; an ABORT ends a client's call whatever service ID it carries; and a late answer
to one of our pings draws nothing."""

from __future__ import annotations

from coreharness import ABORT, ACK, CLIENT_ADDR, DATA, SERVER_ADDR, CorePair, Sent

from trio_rxrpc._proto.ack import pack_ack
from trio_rxrpc._proto.codes import AbortCode
from trio_rxrpc._proto.wire import (
    ABORT_BODY,
    CLIENT_INITIATED,
    HEADER,
    HEADER_SIZE,
    REQUEST_ACK,
    AckReason,
)


def _no_reply_data(sent: Sent) -> bytes | None:
    return None if sent.type == DATA and not sent.to_server else sent.data


def test_a_client_waiting_on_a_restarted_server_hears_its_call_is_dead() -> None:
    pair = CorePair()
    pair.policy = _no_reply_data
    call = pair.call(b"request", None)
    # The server has the request and has acknowledged it (its reply is lost).
    pair.run(lambda: pair.now >= 5.0)
    assert pair.packets(ACK, to_server=False)
    assert call.completion is None
    started = pair.now
    pair.restart_server()
    pair.policy = lambda sent: sent.data
    pair.finish(call, limit=started + 60)
    assert not pair.replies
    assert call.abort_code == AbortCode.RX_CALL_DEAD
    # Told at its first keepalive, long before its own dead time.
    assert pair.now - started < pair.client.config.dead_time / 2
    aborts = pair.packets(ABORT, to_server=False)
    assert len(aborts) == 1
    assert ABORT_BODY.unpack_from(aborts[0].data, HEADER_SIZE)[0] == AbortCode.RX_CALL_DEAD
    assert pair.server.received_by_type[ACK] >= 1


def _client_packet(ptype: int, seq: int, body: bytes, callno: int = 1) -> bytes:
    return HEADER.pack(0x1234, 0x400, callno, seq, 9, ptype, CLIENT_INITIATED | REQUEST_ACK,
                       0, 0, 0, 100) + body


def _answers(pair: CorePair) -> list[bytes]:
    return [b"".join(bytes(p) for p in parts)
            for parts, _addr in pair.server.datagrams_to_send(now=pair.now)]


def test_only_pings_and_late_data_of_unknown_calls_are_answered() -> None:
    pair = CorePair()
    ping = pack_ack(1, 0, 0, AckReason.PING, b"", b"")
    idle = pack_ack(1, 0, 0, AckReason.IDLE, b"", b"")
    late_data = _client_packet(DATA, 1000, b"x" * 100)
    for packet in (_client_packet(ACK, 0, ping), late_data):
        pair.server.receive_datagram(packet, CLIENT_ADDR, now=0.0)
        (answer,) = _answers(pair)
        fields = HEADER.unpack_from(answer)
        assert fields[5] == ABORT
        assert fields[:3] == (0x1234, 0x400, 1)  # the call's own IDs, echoed
        assert ABORT_BODY.unpack_from(answer, HEADER_SIZE)[0] == AbortCode.RX_CALL_DEAD
    # A plain ACK (a final ACK that arrived late, say) and a connection-level PING are not.
    for packet in (_client_packet(ACK, 0, idle), _client_packet(ACK, 0, ping, callno=0)):
        pair.server.receive_datagram(packet, CLIENT_ADDR, now=0.0)
        assert _answers(pair) == []
    assert not pair.server.conns.server


def test_an_abort_is_taken_whatever_service_id_it_carries() -> None:
    """OpenAFS answers a call to a service it does not offer with an ABORT whose service ID
    is not the call's; the call must end with that code, not wait out its dead time."""
    pair = CorePair()
    pair.policy = lambda sent: None if not sent.to_server else sent.data
    call = pair.call(b"request", None)
    pair.exchange()
    request = pair.packets(DATA, to_server=True)[0].data
    fields = list(HEADER.unpack_from(request))
    fields[4] = 1  # serial
    fields[5] = ABORT
    fields[6] = 0  # flags: from the server
    fields[10] = 0  # a service ID of its own
    abort = HEADER.pack(*fields) + ABORT_BODY.pack(AbortCode.RX_INVALID_OPERATION)
    pair.client.receive_datagram(abort, SERVER_ADDR, now=pair.now)
    assert call.abort_code == AbortCode.RX_INVALID_OPERATION


def test_a_late_ping_response_for_an_aborted_call_is_not_answered() -> None:
    """The server pings a new peer's first call; the answer may arrive after the server has
    aborted that call.  It is not a reason to send the ABORT again."""
    pair = CorePair()
    pair.policy = _no_reply_data
    pair.call(b"request", None)
    pair.run(lambda: bool(pair.accepted))
    (server_call,) = pair.accepted
    pair.server.abort(server_call, AbortCode.RXGEN_SS_UNMARSHAL, pair.now)
    assert [a for a in _answers(pair) if a[20] == ABORT]
    answer = pack_ack(1, 0, 1, AckReason.PING_RESPONSE, b"", b"")
    header = HEADER.pack(*HEADER.unpack_from(pair.packets(DATA, to_server=True)[0].data))
    late = bytearray(header + answer)
    late[20] = ACK
    pair.server.receive_datagram(bytes(late), CLIENT_ADDR, now=pair.now)
    assert _answers(pair) == []
    assert pair.server.counters.aborts_sent[AbortCode.RXGEN_SS_UNMARSHAL] == 1
