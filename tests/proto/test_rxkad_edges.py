"""rxkad and fcrypt corners that the main suites leave out.

These tests pin down behaviour at the edges of the batched rxkad paths (several DATA packets
verified together) and of the pure helpers under them: zero header checksums before the first
real one, short or over-long sealed payloads inside a batch, ticket expiry and the call-number
floor of a v2 RESPONSE at both verification entry points, the largest packet rxkad can seal,
and argument checks.  The end-to-end cases reuse the sans-I/O :class:`CorePair` of
``test_rxkad_class`` (two cores, explicit ``now``, a per-datagram policy).
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

import pytest
from coreharness import (
    DATA,
    KEY,
    KVNO,
    WALL,
    CorePair,
    Sent,
    localauth,
    rand,
    server_conn,
)
from hypothesis import given, settings, strategies as st

from trio_rxrpc._proto.call import Completion
from trio_rxrpc._proto.codes import AbortCode
from trio_rxrpc._proto.security import rxkad
from trio_rxrpc._proto.security._fcrypt import FcryptSchedule
from trio_rxrpc._proto.security.rxkad_packets import PacketCodec
from trio_rxrpc._proto.wire import HEADER_SIZE
from trio_rxrpc.security import Level, RxkadClientSecurity, forge_token

if TYPE_CHECKING:
    from collections.abc import Callable

# A request of this size is four CRYPT packets (1400 data bytes each): enough for the server to
# verify them as one batch once the handshake releases them.
MULTI_PACKET = 5000

# ------------------------------------------------------------------------------------ fcrypt


@pytest.mark.parametrize("size", [0, 7, 9, 16])
def test_fcrypt_key_must_be_8_bytes(size: int) -> None:
    with pytest.raises(ValueError, match="8 bytes"):
        FcryptSchedule(bytes(size))


@pytest.mark.parametrize(
    "tail", [[b""], [b"", b""], [b"", bytes(range(24))]], ids=["one-empty", "two-empty", "mixed"])
def test_decrypt_many_after_a_buffer_bigger_than_one_pass(tail: list[bytes]) -> None:
    """One buffer larger than a whole planar pass, then empty buffers: the group that follows
    the big buffer may hold no blocks at all, and must still give one result per buffer."""
    rng = random.Random(11)
    schedule = FcryptSchedule(rng.randbytes(8))
    big = rng.randbytes(8 * 6001)  # more blocks than one planar pass takes
    plain = [big, *tail]
    sealed = [schedule.pcbc_encrypt(schedule.key, b) for b in plain]
    assert schedule.pcbc_decrypt_many(schedule.key, sealed) == plain
    assert schedule.pcbc_decrypt_many(schedule.key, sealed) == [
        schedule.pcbc_decrypt(schedule.key, s) for s in sealed]


# ------------------------------------------------------------------------- rxkad primitives


def test_the_largest_sealable_packet_and_one_byte_more() -> None:
    """The sealed header's length field is 16 bits: 65535 bytes fit, 65536 do not."""
    schedule = FcryptSchedule(bytes.fromhex("0123456789abcdef"))
    most = bytes(range(256)) * 255 + bytes(range(255))
    assert len(most) == 0xFFFF
    for level in (Level.AUTH, Level.CRYPT):
        sealed = rxkad.seal_packet(level, schedule, call_number=7, seq=3, data=most)
        assert rxkad.unseal_packet(level, schedule, call_number=7, seq=3, payload=sealed) == most
        with pytest.raises(ValueError, match="65535"):
            rxkad.seal_packet(level, schedule, call_number=7, seq=3, data=most + b"!")
    with pytest.raises(ValueError, match="65535"):
        rxkad.seal_header(7, 3, most + b"!")
    # Level 0 has no sealed header, so it has no such limit.
    assert rxkad.seal_packet(Level.CLEAR, schedule, call_number=7, seq=3,
                             data=most + b"!") == most + b"!"


@pytest.mark.parametrize("level", [3, -1])
def test_seal_and_unseal_refuse_unknown_levels(level: int) -> None:
    schedule = FcryptSchedule(bytes(8))
    with pytest.raises(ValueError, match="no rxkad level"):
        rxkad.seal_packet(level, schedule, call_number=1, seq=1, data=b"data")
    with pytest.raises(ValueError, match="no rxkad level"):
        rxkad.unseal_packet(level, schedule, call_number=1, seq=1, payload=bytes(16))


# ------------------------------------------------------------------ the per-packet codec

_CODEC_KEY = bytes.fromhex("0123456789abcdef")


def _codec(level: int) -> tuple[PacketCodec, FcryptSchedule, bytes]:
    schedule = FcryptSchedule(_CODEC_KEY)
    csum_iv = rxkad.compute_csum_iv(schedule, epoch=0x5F00_0001, cid=0x1234_5678)
    return PacketCodec(level, schedule, csum_iv), schedule, csum_iv


@settings(max_examples=60, deadline=None)
@given(level=st.sampled_from(list(Level)), call_number=st.integers(1, 0xFFFF_FFFF),
       channel=st.integers(0, 3), seq=st.integers(1, 0x7FFF_FFFF),
       datas=st.lists(st.binary(max_size=40), min_size=1, max_size=4))
def test_the_codec_gives_the_rxkad_functions_answers(
        level: Level, call_number: int, channel: int, seq: int, datas: list[bytes]) -> None:
    """Whatever way a codec takes (one packet or several; in a compiled build its own loops),
    it sends what :mod:`.rxkad`'s functions make and takes back what they read."""
    codec, schedule, csum_iv = _codec(level)
    seqs = [seq + i for i in range(len(datas))]
    expected = [
        (rxkad.header_checksum(schedule, csum_iv, call_number=call_number, channel=channel,
                               seq=s),
         rxkad.seal_packet(level, schedule, call_number=call_number, seq=s, data=data))
        for s, data in zip(seqs, datas, strict=True)]
    assert codec.secure_packet(call_number, channel, seq, datas[0]) == expected[0]
    assert codec.secure_packets(call_number, channel, seq, datas) == expected
    packets: list[tuple[int, int, bytes | memoryview]] = [
        (s, cksum, wire) for s, (cksum, wire) in zip(seqs, expected, strict=True)]
    assert codec.verify_packet(call_number, channel, seq, expected[0][0],
                               memoryview(expected[0][1])) == datas[0]
    assert codec.verify_packets(call_number, channel, packets) == datas


@pytest.mark.parametrize("many", [False, True], ids=["one", "batch"])
@pytest.mark.parametrize(
    ("damage", "code"),
    [("seq", AbortCode.RXKADSEALEDINCON), ("short", AbortCode.RXKADSEALEDINCON),
     ("length", AbortCode.RXKADDATALEN), ("padding", None)],
)
def test_the_codec_refuses_a_bad_crypt_payload_as_rxkad_does(
        damage: str, code: int | None, many: bool) -> None:
    """A crypt payload read under the wrong seq, cut below one block or cut after its sealed
    header fails with the code OpenAFS sends; 4 bytes of padding after the last whole block
    (a Linux jumbogram sub-packet) are ignored."""
    codec, _schedule, _iv = _codec(Level.CRYPT)
    data = bytes(range(20))
    cksum, wire = codec.secure_packet(9, 1, 5, data)
    seq = 6 if damage == "seq" else 5
    payload = {"short": wire[:7], "length": wire[:16], "padding": wire + b"\0" * 4}.get(
        damage, wire)
    checked = codec.checksum(9, 1, seq)
    next_cksum, next_wire = codec.secure_packet(9, 1, seq + 1, data)

    def verify() -> list[bytes | memoryview]:
        if many:
            return codec.verify_packets(9, 1, [(seq, checked, payload),
                                               (seq + 1, next_cksum, next_wire)])[:1]
        return [codec.verify_packet(9, 1, seq, checked, payload)]
    if code is None:
        assert verify() == [data]
        return
    with pytest.raises(rxkad.RxkadError) as info:
        verify()
    assert info.value.code == code
    assert cksum


# --------------------------------------------------------- rxkad connections, end to end


def _set_cksum(data: bytes, cksum: int) -> bytes:
    return data[:24] + cksum.to_bytes(2, "big") + data[26:]


@pytest.mark.parametrize(
    ("size", "zeroed"),
    [(100, {1}), (MULTI_PACKET, {1, 2, 3, 4}), (MULTI_PACKET, {1})],
    ids=["single-packet", "whole-batch", "first-of-batch"],
)
def test_zero_checksums_are_accepted_before_the_first_real_one(size: int,
                                                                zeroed: set[int]) -> None:
    """OpenAFS only insists on header checksums once a packet of the connection carried one,
    so DATA without checksums (from old clients) is accepted until then, one by one or in a
    batch."""
    pair = CorePair()
    rewritten: list[int] = []

    def zero(sent: Sent) -> bytes | None:
        seq = sent.header[3]
        if sent.type == DATA and sent.to_server and seq in zeroed:
            rewritten.append(seq)
            return _set_cksum(sent.data, 0)
        return sent.data

    pair.policy = zero
    request = random.Random(4).randbytes(size)
    call = pair.call(request, RxkadClientSecurity(localauth(), Level.CRYPT))
    pair.finish(call)
    assert call.completion is Completion.SUCCEEDED
    assert pair.replies[call] == request[::-1]
    assert sorted(set(rewritten)) == sorted(zeroed)


def test_zero_checksum_after_a_real_one_in_the_same_batch_is_refused() -> None:
    pair = CorePair()

    def zero_third(sent: Sent) -> bytes | None:
        if sent.type == DATA and sent.to_server and sent.header[3] == 3:
            return _set_cksum(sent.data, 0)
        return sent.data

    pair.policy = zero_third
    call = pair.call(bytes(MULTI_PACKET), RxkadClientSecurity(localauth(), Level.CRYPT))
    pair.finish(call)
    assert (call.completion, call.abort_code) == (Completion.REMOTELY_ABORTED,
                                                  AbortCode.RXKADSEALEDINCON)
    assert pair.accepted[0].completion is Completion.LOCALLY_ABORTED
    assert pair.requests == {}


@pytest.mark.parametrize(
    ("keep", "code"),
    [(4, AbortCode.RXKADSEALEDINCON), (16, AbortCode.RXKADDATALEN)],
    ids=["shorter-than-a-block", "sealed-length-too-big"],
)
def test_cut_crypt_payload_in_a_batch_is_refused(keep: int, code: int) -> None:
    """One DATA packet of a batch loses the end of its payload on the way.

    Cut below 8 bytes nothing can be decrypted (RXKADSEALEDINCON); cut to two blocks, the
    sealed header still decrypts but names more bytes than are left (RXKADDATALEN).  Either
    way the whole batch is refused and nothing reaches the server application.
    """
    pair = CorePair()

    def cut_first(sent: Sent) -> bytes | None:
        # Call 1, seq 1: the sealed header's first half-word is seq ^ call number == 0, the
        # value a zero-length "decryption" would give, so only the length check catches it.
        if sent.type == DATA and sent.to_server and sent.header[2:4] == (1, 1):
            return sent.data[:HEADER_SIZE + keep]
        return sent.data

    pair.policy = cut_first
    call = pair.call(bytes(MULTI_PACKET), RxkadClientSecurity(localauth(), Level.CRYPT))
    pair.finish(call)
    assert (call.completion, call.abort_code) == (Completion.REMOTELY_ABORTED, code)
    [served] = pair.accepted
    assert (served.completion, served.abort_code) == (Completion.LOCALLY_ABORTED, code)
    assert served.bytes_received == 0
    assert pair.requests == {}


def test_server_connection_checks_expiry_and_call_floor_at_both_entry_points() -> None:
    """Ticket expiry and the v2 RESPONSE's call-number floor hold for ``verify_packet`` as well
    as for ``verify_packets`` (the core uses the batch entry point for rxkad, but the
    per-packet one is part of the security-class interface and must not be weaker)."""
    pair = CorePair()
    token = forge_token(KEY, KVNO, "afs", start=WALL - 60, lifetime=600, random_bytes=rand(8))
    security = RxkadClientSecurity(token, Level.AUTH)
    first = pair.call(b"one", security)
    pair.finish(first)
    # The server forgets the connection; the client's next call re-authenticates it, and its
    # v2 RESPONSE says channel 0 is at call 2.
    pair.restart_server()
    second = pair.call(b"two", security)
    pair.finish(second)
    assert pair.replies[second] == b"owt"
    assert second.conn is first.conn
    assert (second.channel, second.call_number) == (0, 2)
    served = server_conn(pair.accepted[-1])
    sender = second.conn.security

    def packet(call_number: int, seq: int) -> tuple[int, int, bytes]:
        cksum, payload = sender.secure_packet(call_number, 0, seq, b"data %d" % seq)
        return seq, cksum, payload

    def single(call_number: int, seq: int) -> bytes | memoryview:
        return served.verify_packet(call_number, 0, *packet(call_number, seq))

    def batch(call_number: int, seqs: list[int]) -> list[bytes | memoryview]:
        return served.verify_packets(call_number, 0, [packet(call_number, s) for s in seqs])

    assert single(2, 5) == b"data 5"
    assert batch(2, [6, 7]) == [b"data 6", b"data 7"]
    refusals: list[tuple[str, Callable[[], object]]] = [
        ("single", lambda: single(1, 1)),
        ("batch of one", lambda: batch(1, [1])),
        ("batch", lambda: batch(1, [1, 2])),
    ]
    for what, attempt in refusals:
        with pytest.raises(rxkad.RxkadError) as caught:
            attempt()
        assert caught.value.code == AbortCode.RXKADSEALEDINCON, what

    pair.clock.t = token.end - 1
    assert single(2, 8) == b"data 8"
    pair.clock.t = token.end
    refusals = [("single", lambda: single(2, 9)), ("batch", lambda: batch(2, [9, 10]))]
    for what, attempt in refusals:
        with pytest.raises(rxkad.RxkadError) as caught:
            attempt()
        assert caught.value.code == AbortCode.RXKADEXPIRED, what
