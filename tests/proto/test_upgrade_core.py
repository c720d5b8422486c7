"""Service upgrade in the core, against a peer that behaves as Linux 7.3's server does: its
ACKs (its first PING too) carry the old service ID, only its DATA the new one, and it aborts
any packet with the old ID once it has upgraded the connection."""

from __future__ import annotations

import random

from coreharness import ACK, DATA, SERVER_ADDR, SERVICE, CorePair, Sent

from trio_rxrpc._proto.ack import pack_ack
from trio_rxrpc._proto.endpoint import EndpointCore
from trio_rxrpc._proto.states import Completion
from trio_rxrpc._proto.wire import HEADER, REQUEST_ACK, AckReason

NEW = 2500


def upgrading_pair() -> CorePair:
    pair = CorePair(securities=[])
    pair.server = EndpointCore(rng=random.Random(9))
    pair.server.listen([SERVICE, NEW], backlog=8, upgrade=(SERVICE, NEW))
    return pair


def service(sent: Sent) -> int:
    return sent.header[10]


def like_linux(sent: Sent) -> bytes | None:
    """The server's ACKs go out with the old service ID."""
    if not sent.to_server and sent.type == ACK:
        return sent.data[:26] + SERVICE.to_bytes(2, "big") + sent.data[28:]
    return sent.data


def test_no_ack_goes_out_before_the_server_has_answered() -> None:
    pair = upgrading_pair()
    pair.policy = like_linux
    call = pair.call(b"request", None, upgrade=True)
    [(parts, _addr)] = pair.client.datagrams_to_send(now=0.0)
    first = b"".join(bytes(p) for p in parts)
    epoch, cid, callno, seq, _serial, ptype, _flags, status, *_rest, svc = HEADER.unpack_from(first)
    assert (ptype, seq, status, svc) == (DATA, 1, 1, SERVICE)
    # The server's PING arrives (with the old ID, as Linux sends it) before its reply.
    ping = HEADER.pack(epoch, cid, callno, 0, 1, ACK, REQUEST_ACK, 0, 0, 0, SERVICE) + pack_ack(
        1, 0, 0, AckReason.PING, b"", b"")
    pair.client.receive_datagram(ping, SERVER_ADDR, now=0.001)
    assert pair.client.datagrams_to_send(now=0.001) == []  # not answered: it would be aborted
    assert call.service_id == SERVICE
    # The request reaches the server after all (as if it had been delivered then).
    pair.server.receive_datagram(first, ("10.0.0.2", 1000), now=0.002)
    pair.now = 0.002
    pair.finish(call)
    assert call.completion is Completion.SUCCEEDED
    assert call.service_id == NEW
    assert pair.replies[call] == b"request"[::-1]
    ours = [sent for sent in pair.trace if sent.to_server]
    assert ours
    assert all(service(sent) == NEW for sent in ours)
    assert pair.client.counters.disposition["wrong_service"] == 0  # old-ID ACKs are taken


def test_a_connection_that_asked_for_no_upgrade_acks_as_usual() -> None:
    pair = upgrading_pair()
    call = pair.call(b"x" * 20_000, None)
    pair.finish(call)
    assert call.completion is Completion.SUCCEEDED
    assert call.service_id == SERVICE
    assert pair.packets(ACK, to_server=True)
    assert {service(sent) for sent in pair.trace} == {SERVICE}


def test_after_the_reply_the_client_acks_with_the_new_id() -> None:
    pair = upgrading_pair()
    pair.policy = like_linux
    call = pair.call(b"y" * 20_000, None, upgrade=True)
    pair.finish(call)
    assert call.completion is Completion.SUCCEEDED
    assert call.service_id == NEW
    acks = pair.packets(ACK, to_server=True)
    assert acks
    assert all(service(sent) == NEW for sent in acks)
    # (Its request DATA went out with the old ID: only our own server takes that.)
    assert {service(s) for s in pair.packets(DATA, to_server=True)} == {SERVICE}
