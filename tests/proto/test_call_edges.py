"""CallCore corners: the transmit space of an ended call, received DATA that a call must
refuse or drop after the security check (batched for rxkad, per packet for rxnull), and the
ACK a call owed when it was aborted.

A reply's DATA packets are rewritten on their way to the client: LAST_PACKET moved onto an
earlier packet, packets reordered or withheld.  The packet flags are not covered by rxkad's
checksum or seal, so the rewritten packets still pass the security check and the call's own
bookkeeping has to catch the inconsistency.  The cores are driven by the sans-I/O
:class:`CorePair` of ``test_rxkad_class`` (explicit ``now``, a per-datagram policy).
"""

from __future__ import annotations

import random
import struct

import pytest
from coreharness import (
    CLIENT_ADDR,
    DATA,
    SERVER_ADDR,
    SERVICE,
    CorePair,
    Sent,
    localauth,
)
from hypothesis import given, settings, strategies as st

from trio_rxrpc._proto.call import CallCore, CallState, Completion
from trio_rxrpc._proto.codes import AbortCode
from trio_rxrpc._proto.endpoint import EndpointCore
from trio_rxrpc._proto.wire import (
    ABORT_BODY,
    ACK_BODY,
    ACK_TRAILER,
    HEADER,
    JUMBO_PACKET,
    LAST_PACKET,
    AckReason,
    PacketType,
)
from trio_rxrpc.security import Level, RxkadClientSecurity

# -------------------------------------------------------------------------------- tx_space


def test_tx_space_is_zero_once_a_call_has_ended() -> None:
    pair = CorePair()
    call = pair.client.start_call(SERVER_ADDR, 100, now=0.0, security=None)
    assert call.tx_space() > 0
    assert call.write(b"partial", eor=False, now=0.0) == 7
    pair.client.abort(call, AbortCode.RX_USER_ABORT, 0.0)
    assert call.completion is Completion.LOCALLY_ABORTED
    assert call.tx_space() == 0
    with pytest.raises(RuntimeError, match="not sending"):
        call.write(b"more", eor=True, now=0.0)


def test_tx_space_is_zero_after_a_successful_call() -> None:
    pair = CorePair()
    call = pair.call(b"ping", None)
    pair.finish(call)
    assert call.completion is Completion.SUCCEEDED
    assert call.tx_space() == 0
    [served] = pair.accepted
    assert served.completion is Completion.SUCCEEDED
    assert served.tx_space() == 0


# ----------------------------------------------------------------- received data, refused

REPLY_PACKETS = 4


def _reply_size(security: RxkadClientSecurity | None) -> int:
    """A reply of REPLY_PACKETS packets: three full ones and a short last one."""
    per_packet = 1400 if security is not None else 1412  # rxkad crypt: 8-byte sealed header
    return per_packet * (REPLY_PACKETS - 1) + 100


def _with_flags(data: bytes, flags: int) -> bytes:
    return data[:21] + bytes((flags,)) + data[22:]


def _abort_for(data: bytes, code: int) -> bytes:
    """An ABORT from the server for the call a server DATA datagram belongs to."""
    epoch, cid, callno, _seq, serial, _t, _flags, _us, secidx, _ck, service = (
        HEADER.unpack_from(data))
    return HEADER.pack(epoch, cid, callno, 0, serial + 1000, int(PacketType.ABORT), 0, 0,
                       secidx, 0, service) + ABORT_BODY.pack(code)


SECURITIES = [
    pytest.param(None, id="rxnull-per-packet"),
    pytest.param(RxkadClientSecurity(localauth(), Level.CRYPT), id="rxkad-batched"),
]


@pytest.mark.parametrize("security", SECURITIES)
@pytest.mark.parametrize(
    ("order", "error"),
    [
        # seq 3 says it is the last packet, then seq 2 says so too.
        ([(3, True), (2, True), (4, True)], "two different last packets"),
        # seq 2 claims to be last (seq 1 still missing), then seq 3 follows it.
        ([(2, True), (3, False), (4, True)], "data beyond the last packet"),
        # seq 3 has arrived, then seq 2 claims to be the last packet.
        ([(3, False), (2, True), (4, True)], "last packet below data seen"),
    ],
    ids=["two-last-packets", "data-beyond-last", "last-below-seen"],
)
def test_inconsistent_last_packet_aborts_the_call(
        security: RxkadClientSecurity | None, order: list[tuple[int, bool]],
        error: str) -> None:
    """The first transmission of the reply arrives rewritten and reordered as ``order`` says
    (seq 1 withheld); the client aborts the call with RX_PROTOCOL_ERROR, whether the packets
    are checked one by one or as one batch, and the application gets none of the reply."""
    pair = CorePair(handler=lambda req: bytes(_reply_size(security)))
    first_flight: dict[int, bytes] = {}
    trace_at_batch: list[int] = []

    def rewrite(sent: Sent) -> bytes | None:
        if sent.to_server or sent.type != DATA or len(first_flight) == REPLY_PACKETS:
            return sent.data
        assert not sent.flags & JUMBO_PACKET
        first_flight[sent.header[3]] = sent.data
        if len(first_flight) < REPLY_PACKETS:
            return None
        # The whole first flight is in: deliver it in the chosen order, all in one batch.
        assert first_flight[REPLY_PACKETS][21] & LAST_PACKET
        trace_at_batch.append(len(pair.trace))
        for seq, last in order:
            data = first_flight[seq]
            flags = (data[21] | LAST_PACKET) if last else (data[21] & ~LAST_PACKET)
            pair.client.receive_datagram(_with_flags(data, flags), SERVER_ADDR, now=pair.now)
        return None

    pair.policy = rewrite
    call = pair.call(b"request", security)
    pair.finish(call)
    assert len(first_flight) == REPLY_PACKETS
    assert (call.completion, call.abort_code) == (Completion.LOCALLY_ABORTED,
                                                  AbortCode.RX_PROTOCOL_ERROR)
    assert error in call.error
    assert call not in pair.replies
    assert call.read(None, pair.now) is None
    [served] = pair.accepted
    assert (served.completion, served.abort_code) == (Completion.REMOTELY_ABORTED,
                                                      AbortCode.RX_PROTOCOL_ERROR)
    # The first thing the client says about the call after the bad batch is its ABORT, and
    # the ended call keeps none of the data (packets behind the offending one included).
    [start] = trace_at_batch
    answers = [s.type for s in pair.trace[start:]
               if s.to_server and s.call_number == call.call_number]
    assert answers[0] == int(PacketType.ABORT)
    assert not call.rx_bufs
    assert not call.rx_ready


def test_abort_before_the_batch_check_discards_the_unverified_data() -> None:
    """Reply DATA set aside for rxkad's batch check, then an ABORT in the same receive batch:
    the call ends remotely aborted and the set-aside data is dropped unchecked."""
    security = RxkadClientSecurity(localauth(), Level.CRYPT)
    pair = CorePair(handler=lambda req: random.Random(1).randbytes(_reply_size(security)))
    sent_abort: list[CallCore] = []
    trace_at_abort: list[int] = []

    def data_then_abort(sent: Sent) -> bytes | None:
        if sent.to_server or sent.type != DATA or sent_abort:
            return sent.data
        [client_call] = pair.client.live_calls
        pair.client.receive_datagram(sent.data, SERVER_ADDR, now=pair.now)
        assert client_call.state is CallState.CLIENT_RECV_REPLY
        assert client_call.rx_unverified  # waiting for the batch check
        pair.client.receive_datagram(_abort_for(sent.data, 4242), SERVER_ADDR, now=pair.now)
        sent_abort.append(client_call)
        trace_at_abort.append(len(pair.trace))
        return None

    pair.policy = data_then_abort
    call = pair.call(b"request", security)
    pair.finish(call)
    assert sent_abort == [call]
    assert (call.completion, call.abort_code) == (Completion.REMOTELY_ABORTED, 4242)
    assert call.packets_received >= 1
    assert call.bytes_received == 0
    assert call.rx_unverified == {}
    assert call.read(None, pair.now) is None
    assert call not in pair.replies
    # Nothing went back to the server about the dropped data (no ACK, no ABORT of our own).
    [start] = trace_at_abort
    assert not [s for s in pair.trace[start:] if s.to_server and s.call_number == call.call_number]


def test_a_call_aborted_with_an_ack_pending_sends_only_its_abort() -> None:
    """An ACK noted before a local abort must not go out after it: claiming the whole reply
    (firstPacket past the last packet) would let the server finish the call as a success
    while the client's call failed, should the ABORT be lost."""
    client = EndpointCore(rng=random.Random(1))
    server = EndpointCore(rng=random.Random(2))
    server.listen([SERVICE], backlog=4)
    now = 0.0
    call = client.start_call(SERVER_ADDR, SERVICE, now=now, security=None)
    call.write(b"request", eor=True, now=now)
    for parts, _addr in client.datagrams_to_send(now=now):
        server.receive_datagram(b"".join(bytes(p) for p in parts), CLIENT_ADDR, now=now)
    (served,) = server.new_calls
    server.call_accepted(served)
    while served.read(None, now):
        pass
    served.write(bytes(1412 * 2 + 10), eor=True, now=now)  # the reply: seq 1, 2 and 3
    reply = [b"".join(bytes(p) for p in parts)
             for parts, _addr in server.datagrams_to_send(now=now)]
    data = [r for r in reply if r[20] == PacketType.DATA]
    assert [HEADER.unpack_from(r)[3] for r in data] == [1, 2, 3]
    for datagram in data[1:]:  # seq 1 is lost; 2 and 3 arrive and an ACK is owed
        client.receive_datagram(datagram, SERVER_ADDR, now=now)
    assert call.ack_reason
    client.abort(call, AbortCode.RX_USER_ABORT, now)
    out = [b"".join(bytes(p) for p in parts)
           for parts, _addr in client.datagrams_to_send(now=now)]
    assert [o[20] for o in out] == [PacketType.ABORT]
    assert (call.completion, call.abort_code) == (Completion.LOCALLY_ABORTED,
                                                  AbortCode.RX_USER_ABORT)
    # Even an ACK built for the failed call describes only what it has: seq 1 is missing.
    _bs, _sk, first, _prev, _serial, _reason, count = ACK_BODY.unpack_from(
        call.build_ack(AckReason.IDLE, 0), 0)
    assert first == 1
    assert count == 3
    for datagram in out:
        server.receive_datagram(datagram, CLIENT_ADDR, now=now)
    assert (served.completion, served.abort_code) == (Completion.REMOTELY_ABORTED,
                                                      AbortCode.RX_USER_ABORT)


# ------------------------------------------------------------------ the ACK trailer, applied


def _ack_to(call: CallCore, body: bytes) -> bytes:
    """An ACK datagram from the server for the client's ``call``."""
    conn = call.conn
    return HEADER.pack(conn.epoch, conn.cid | call.channel, call.call_number, 0, 9,
                       PacketType.ACK, 0, 0, conn.security_index, 0, conn.service_id) + body


def test_an_acks_trailer_bounds_the_peer_and_the_call_window() -> None:
    client = EndpointCore(rng=random.Random(1))
    call = client.start_call(SERVER_ADDR, SERVICE, now=0.0, security=None)
    call.write(b"request", eor=False, now=0.0)
    client.datagrams_to_send(now=0.0)
    peer = call.peer
    fixed = ACK_BODY.pack(0, 0, 1, 0, 0, AckReason.IDLE, 0) + b"\0" * 3
    disposition = client.counters.disposition

    def feed(trailer: bytes) -> None:
        client.receive_datagram(_ack_to(call, fixed + trailer), SERVER_ADDR, now=0.0)
        client.datagrams_to_send(now=0.0)  # the end of the batch: its ACKs are applied

    feed(ACK_TRAILER.pack(5692, 1444, 32, 4))
    assert (peer.max_mtu, peer.jumbo_max, call.peer_rwind) == (5692, 4, 32)
    feed(struct.pack(">II", 9000, 1444))  # two words: the window and jumbo limit stay
    assert (peer.max_mtu, peer.jumbo_max, call.peer_rwind) == (9000, 4, 32)
    feed(ACK_TRAILER.pack(0, 0, 0, 0xFFFFFFFF))  # out of range: bounded
    assert (peer.max_mtu, peer.jumbo_max, call.peer_rwind) == (
        520, client.config.max_jumbo, 1)
    feed(b"")  # no trailer (an old peer): a window of at least 16
    assert call.peer_rwind == 16
    feed(ACK_TRAILER.pack(65535, 1444, 255, 0))  # jumbo 0: sized by the MTU
    assert (peer.max_mtu, peer.jumbo_max, call.peer_rwind) == (
        65535, min(46, client.config.max_jumbo), 255)
    feed(b"")
    assert call.peer_rwind == 255
    assert disposition["ack"] == 6
    # A SACK count beyond the datagram: dropped whole, the trailer-like bytes unread.
    lying = ACK_BODY.pack(0, 0, 1, 0, 0, AckReason.IDLE, 30) + ACK_TRAILER.pack(600, 0, 2, 2)
    client.receive_datagram(_ack_to(call, lying), SERVER_ADDR, now=0.0)
    assert disposition["malformed"] == 1
    assert (peer.max_mtu, peer.jumbo_max, call.peer_rwind) == (
        65535, min(46, client.config.max_jumbo), 255)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=320), st.integers(0, 255), st.integers(0, 255))
def test_any_ack_body_for_a_live_call_is_taken_or_dropped_never_a_bug(
        tail: bytes, n_acks: int, reason: int) -> None:
    """Whatever an ACK's body holds, the receive path takes it or drops it as malformed: the
    last line of defence (counted in ``internal_errors``) is never reached."""
    client = EndpointCore(rng=random.Random(1))
    call = client.start_call(SERVER_ADDR, SERVICE, now=0.0, security=None)
    call.write(bytes(5000), eor=False, now=0.0)
    client.datagrams_to_send(now=0.0)
    for body in (tail, ACK_BODY.pack(0, 0, 1, 0, 0, reason, n_acks) + tail,
                 ACK_BODY.pack(0, 0, 2, 3, 1, reason, n_acks) + tail):
        client.receive_datagram(_ack_to(call, body), SERVER_ADDR, now=0.0)
        client.datagrams_to_send(now=0.0)
    assert client.counters.internal_errors == 0
    taken = {kind for kind, count in client.counters.disposition.items() if count}
    assert taken <= {"ack", "malformed"}, taken


def test_a_call_the_peer_never_heard_of_is_probed_by_its_data_not_by_pings() -> None:
    """A client call whose first DATA goes unanswered sends no PING (an ACK for a call the
    peer does not know draws an ABORT from Linux): only retransmitted DATA, until the peer
    answers."""
    core = EndpointCore(now=0.0)
    call = core.start_call(("192.0.2.1", 7000), 1, now=0.0)
    call.write(b"request", eor=True, now=0.0)
    sent = [HEADER.unpack_from(b"".join(d[0]))[5] for d in core.datagrams_to_send(now=0.0)]
    now = 0.0
    while now < 15.0:
        now = max(core.next_deadline(), now + 0.01)
        core.handle_timers(now=now)
        sent += [HEADER.unpack_from(b"".join(d[0]))[5] for d in core.datagrams_to_send(now=now)]
    assert call.completion is None
    assert int(PacketType.ACK) not in sent
    assert sent.count(int(PacketType.DATA)) >= 3  # the first send and its retransmissions
