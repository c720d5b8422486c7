"""ACKs that arrive in one batch: a call's plain ACKs are applied once, at the batch's end.

A C peer ACKs every second DATA packet, so a sender draining its socket finds several ACKs
for the same call in one batch.  A *plain* ACK (every packet it lists was received, it
answers no ping, carries no RTT sample and acknowledges nothing beyond what was sent) is
kept by :mod:`trio_rxrpc._proto.inbound` until the batch ends (``datagrams_to_send``), and a
later plain ACK that says all it says (not older, its table reaching as far) replaces it.
Anything else (a NACK, a ping, an older ACK, a packet of another type for the call) first
applies the kept one, so the order is the peer's.

These tests feed the same ACKs once as one batch and once one at a time, and check that
the call ends up in the same state."""

from __future__ import annotations

import random

import pytest
from coreharness import SERVER_ADDR, SERVICE
from hypothesis import given, settings, strategies as st

from trio_rxrpc._proto.call import CallCore, Completion
from trio_rxrpc._proto.endpoint import EndpointCore
from trio_rxrpc._proto.inbound import apply_deferred_acks
from trio_rxrpc._proto.wire import (
    ABORT_BODY,
    ACK_BODY,
    ACK_TRAILER,
    HEADER,
    AckReason,
    PacketType,
)

PACKETS = 12


def _sender() -> tuple[EndpointCore, CallCore]:
    """A client call with ``PACKETS`` request packets out (its window opened wide)."""
    ep = EndpointCore(rng=random.Random(1))
    call = ep.start_call(SERVER_ADDR, SERVICE, now=0.0, security=None)
    call.cc.cwnd = 64
    call.write(b"x" * (1412 * PACKETS), eor=False, now=0.0)
    ep.datagrams_to_send(now=0.0)
    assert call.tx_next - 1 >= PACKETS - 1
    return ep, call


def _ack(call: CallCore, first: int, table: bytes, *, serial: int = 0,
         reason: int = AckReason.IDLE, packet_serial: int = 9, prev: int = 0) -> bytes:
    conn = call.conn
    header = HEADER.pack(conn.epoch, conn.cid | call.channel, call.call_number, 0,
                         packet_serial, PacketType.ACK, 0, 0, conn.security_index, 0,
                         conn.service_id)
    body = ACK_BODY.pack(0, 0, first, prev, serial, reason, len(table)) + table + b"\0" * 3
    return header + body + ACK_TRAILER.pack(1444, 1444, 64, 4)


def _state(call: CallCore) -> tuple[object, ...]:
    return (call.tx_base, bytes(call.tx_sacked), bytes(call.tx_lost), call.tx_inflight,
            call.tx_next, call.last_ack_first, call.cc.cwnd, call.completion)


def _feed(batches: list[list[bytes]]) -> tuple[EndpointCore, CallCore]:
    ep, call = _sender()
    for batch in batches:
        for datagram in batch:
            ep.receive_datagram(datagram, SERVER_ADDR, now=0.1)
        ep.datagrams_to_send(now=0.1)
    return ep, call


def _both(acks: list[tuple[int, bytes]],
          ) -> tuple[tuple[EndpointCore, CallCore], tuple[EndpointCore, CallCore]]:
    """The same ACKs fed as one batch, and one batch each (both calls start alike)."""
    _, probe = _sender()
    datagrams = [_ack(probe, first, table) for first, table in acks]
    return _feed([datagrams]), _feed([[d] for d in datagrams])


SEQUENCES = [
    # cumulative progress, soft ACKs growing, as OpenAFS sends them every second packet
    ([(1, b"\x01\x01"), (1, b"\x01\x01\x01\x01"), (3, b"\x01\x01\x01\x01"), (7, b"\x01\x01")],
     3),
    # hard ACKs only, the last acknowledging a packet never sent (ignored, as alone)
    ([(3, b""), (5, b""), (9, b""), (13, b"")], 2),
    # an older ACK after a newer one (reordered on the way): it changes nothing
    ([(5, b"\x01"), (3, b"\x01\x01\x01")], 0),
    # a NACK in the middle: the kept ACK is applied first, the NACK at once
    ([(1, b"\x01\x01"), (1, b"\x01\x00\x01\x01"), (1, b"\x01\x01\x01\x01\x01")], 0),
]


@pytest.mark.parametrize(("acks", "superseded"), SEQUENCES)
def test_a_batch_of_acks_leaves_the_call_as_one_at_a_time_would(
        acks: list[tuple[int, bytes]], superseded: int) -> None:
    (batched_ep, batched), (single_ep, single) = _both(acks)
    assert _state(batched) == _state(single)
    assert single_ep.counters.acks_superseded == 0
    assert batched_ep.counters.acks_superseded == superseded
    assert batched_ep.counters.disposition["ack"] == len(acks)


def test_plain_acks_wait_for_the_end_of_the_batch() -> None:
    ep, call = _sender()
    ep.receive_datagram(_ack(call, 5, b"\x01"), SERVER_ADDR, now=0.1)
    assert call.tx_base == 0  # kept, not applied yet
    ep.datagrams_to_send(now=0.1)
    assert call.tx_base == 4
    assert bytes(call.tx_sacked[:1]) == b"\x01"


def test_an_rtt_sample_is_taken_from_its_own_ack() -> None:
    """The ACK answering our RTT probe is applied at once, even if a later one follows."""
    ep, call = _sender()
    probe = call.rtt_probe_serial
    assert probe, "the first flight asks for an ACK"
    samples = call.peer.rtt.samples
    ep.receive_datagram(_ack(call, 2, b"\x01", serial=probe, reason=AckReason.REQUESTED),
                        SERVER_ADDR, now=0.1)
    ep.receive_datagram(_ack(call, 4, b"\x01"), SERVER_ADDR, now=0.1)
    ep.datagrams_to_send(now=0.1)
    assert call.peer.rtt.samples == samples + 1
    assert call.tx_base == 3


def test_a_ping_is_answered_in_order() -> None:
    ep, call = _sender()
    ep.receive_datagram(_ack(call, 3, b""), SERVER_ADDR, now=0.1)
    ep.receive_datagram(_ack(call, 3, b"", reason=AckReason.PING), SERVER_ADDR, now=0.1)
    assert call.tx_base == 2  # the kept ACK went first
    out = ep.datagrams_to_send(now=0.1)
    assert any(d[0][0][20] == PacketType.ACK for d in out)  # the PING_RESPONSE


def test_another_packet_of_the_call_applies_the_kept_ack_first() -> None:
    ep, call = _sender()
    conn = call.conn
    abort = HEADER.pack(conn.epoch, conn.cid | call.channel, call.call_number, 0, 10,
                        PacketType.ABORT, 0, 0, conn.security_index, 0,
                        conn.service_id) + ABORT_BODY.pack(123)
    ep.receive_datagram(_ack(call, 7, b"\x01\x01"), SERVER_ADDR, now=0.1)
    ep.receive_datagram(abort, SERVER_ADDR, now=0.1)
    assert call.tx_base == 6  # applied before the ABORT ended the call
    assert call.completion is Completion.REMOTELY_ABORTED
    assert call.abort_code == 123
    assert not ep.deferred_acks
    ep.datagrams_to_send(now=0.1)


_tables = st.binary(max_size=PACKETS).map(lambda b: bytes(x & 1 for x in b))
_acks = st.lists(st.tuples(st.integers(0, PACKETS + 2), _tables,
                           st.sampled_from([AckReason.IDLE, AckReason.DELAY,
                                            AckReason.REQUESTED, AckReason.DUPLICATE,
                                            AckReason.OUT_OF_SEQUENCE]),
                           st.integers(0, 20)),
                 min_size=1, max_size=8)


@given(_acks)
@settings(max_examples=300, deadline=None)
def test_any_batch_of_acks_ends_as_one_at_a_time(
        acks: list[tuple[int, bytes, int, int]]) -> None:
    """Whatever ACKs arrive together (NACKs, reordering, ones beyond what was sent), the
    transmit state is what applying each on arrival gives; only congestion avoidance may
    grow the window less, since it grows per applied ACK."""
    _, probe = _sender()
    datagrams = [_ack(probe, first, table, reason=reason, prev=prev)
                 for first, table, reason, prev in acks]
    one_ep, one = _sender()
    for datagram in datagrams:  # each applied as it arrives
        one_ep.receive_datagram(datagram, SERVER_ADDR, now=0.1)
        apply_deferred_acks(one_ep, 0.1)
    batch_ep, batch = _sender()
    for datagram in datagrams:
        batch_ep.receive_datagram(datagram, SERVER_ADDR, now=0.1)
    apply_deferred_acks(batch_ep, 0.1)
    assert _state(batch)[:-2] == _state(one)[:-2]
    assert batch.completion == one.completion
    assert batch.cc.cwnd <= one.cc.cwnd
    assert batch.cc.nack_count == one.cc.nack_count  # type: ignore[attr-defined]
    assert batch_ep.counters.disposition == one_ep.counters.disposition
