"""Tests for the ACK module (``trio_rxrpc._proto.ack``) on its own: no endpoint, no trio.

The module has two faces over one layout function: :func:`parse_ack_untrusted` (the receive
path: a tuple or ``None``, never an exception) and :func:`decode_ack_untrusted` (tools: an
:class:`AckBody` or :class:`MalformedPacket`).  These tests check that both accept exactly
the same bodies and read them alike, that encoding and decoding round-trip, that every cut
of a body and every lying SACK count is handled, and how a peer's trailer is bounded.
"""

from __future__ import annotations

import random
import struct

import pytest
from hypothesis import example, given, strategies as st

from trio_rxrpc._proto import ack as ack_module, wire
from trio_rxrpc._proto.ack import (
    ACK_BODY,
    ACK_BODY_SIZE,
    ACK_PADDING,
    ACK_TRAILER,
    MAX_ACKS,
    MAX_PEER_MTU,
    MIN_PEER_MTU,
    OUR_IF_MTU,
    build_final_ack,
    clamp_trailer,
    our_trailer,
    pack_ack,
    parse_ack_untrusted,
    pmtud_trailer,
)
from trio_rxrpc._proto.config import EndpointConfig
from trio_rxrpc._proto.endpoint import EndpointCore
from trio_rxrpc._proto.malformed import MalformedPacket
from trio_rxrpc._proto.wire import (
    AckBody,
    AckReason,
    AckTrailer,
    decode_ack_untrusted,
    encode_ack_body,
)

U8 = st.integers(0, 0xFF)
U16 = st.integers(0, 0xFFFF)
U32 = st.integers(0, 0xFFFFFFFF)


@st.composite
def trailers(draw: st.DrawFn) -> AckTrailer | None:
    words = draw(st.sampled_from([0, 2, 3, 4]))
    if words == 0:
        return None
    return AckTrailer(
        max_mtu=draw(U32),
        if_mtu=draw(U32),
        rwind=draw(U32) if words >= 3 else None,
        jumbo_max=draw(U32) if words == 4 else None,
    )


@st.composite
def bodies(draw: st.DrawFn) -> AckBody:
    return AckBody(
        buffer_space=draw(U16),
        max_skew=draw(U16),
        first_packet=draw(U32),
        previous_packet=draw(U32),
        serial=draw(U32),
        reason=draw(U8),
        acks=draw(st.binary(max_size=MAX_ACKS)),
        trailer=draw(trailers()),
    )


def as_record(data: bytes | memoryview, offset: int = 0) -> AckBody | None:
    """What the receive path's tuple says, as a record (``None`` where it refuses)."""
    fields = parse_ack_untrusted(data, offset)
    if fields is None:
        return None
    bs, skew, first, prev, serial, reason, n_acks, max_mtu, if_mtu, rwind, jumbo = fields
    start = offset + ACK_BODY_SIZE
    trailer = None
    if max_mtu is not None:
        assert if_mtu is not None
        trailer = AckTrailer(max_mtu=max_mtu, if_mtu=if_mtu, rwind=rwind, jumbo_max=jumbo)
    else:
        assert (if_mtu, rwind, jumbo) == (None, None, None)
    if rwind is None:
        assert jumbo is None  # words are read in order: a later one never without an earlier
    return AckBody(buffer_space=bs, max_skew=skew, first_packet=first, previous_packet=prev,
                   serial=serial, reason=reason, acks=bytes(data[start:start + n_acks]),
                   trailer=trailer)


def tool_decode(data: bytes) -> AckBody | None:
    try:
        return decode_ack_untrusted(data)
    except MalformedPacket:
        return None


# ------------------------------------------------------------------------ round trips


@given(bodies())
def test_round_trip(ack: AckBody) -> None:
    raw = encode_ack_body(ack)
    assert decode_ack_untrusted(raw) == ack
    assert decode_ack_untrusted(memoryview(raw)) == ack
    assert decode_ack_untrusted(bytearray(raw)) == ack
    assert as_record(raw) == ack


@given(bodies(), st.binary(max_size=40))
def test_hot_path_and_tool_agree_on_valid_bodies(ack: AckBody, prefix: bytes) -> None:
    """The receive path reads a body inside its datagram; the tools read the body alone."""
    raw = encode_ack_body(ack)
    assert as_record(memoryview(prefix + raw), len(prefix)) == decode_ack_untrusted(raw) == ack


@given(bodies())
def test_layout(ack: AckBody) -> None:
    raw = encode_ack_body(ack)
    n = len(ack.acks)
    assert ACK_BODY.unpack_from(raw) == (ack.buffer_space, ack.max_skew, ack.first_packet,
                                         ack.previous_packet, ack.serial, ack.reason, n)
    assert raw[ACK_BODY_SIZE:ACK_BODY_SIZE + n] == ack.acks
    assert raw[ACK_BODY_SIZE + n:ACK_BODY_SIZE + n + ACK_PADDING] == b"\0" * ACK_PADDING
    t = ack.trailer
    words = [] if t is None else [w for w in (t.max_mtu, t.if_mtu, t.rwind, t.jumbo_max)
                                  if w is not None]
    assert raw[ACK_BODY_SIZE + n + ACK_PADDING:] == struct.pack(f">{len(words)}I", *words)


def test_pack_refuses_too_many_acks() -> None:
    with pytest.raises(ValueError, match="255"):
        pack_ack(1, 0, 0, 1, b"\1" * (MAX_ACKS + 1), b"")
    assert len(pack_ack(1, 0, 0, 1, b"\1" * MAX_ACKS, b"")) == ACK_BODY_SIZE + MAX_ACKS + 3


def test_our_trailer_and_final_ack() -> None:
    config = EndpointConfig()
    assert ACK_TRAILER.unpack(our_trailer(config)) == (
        config.max_mtu, OUR_IF_MTU, config.rx_window, config.max_jumbo)
    small = EndpointConfig(max_jumbo=4, rx_window=64)
    assert EndpointCore(config=small, rng=random.Random(1)).ack_trailers == (
        our_trailer(small), pmtud_trailer(small))
    assert ACK_TRAILER.unpack(our_trailer(small))[2:] == (64, 4)
    assert ACK_TRAILER.unpack(pmtud_trailer(small)) == (small.max_mtu, small.max_mtu, 64, 0)
    final = build_final_ack(our_trailer(config), 7, AckReason.DUPLICATE, 99)
    assert decode_ack_untrusted(final) == AckBody(
        first_packet=8, previous_packet=7, serial=99, reason=AckReason.DUPLICATE,
        trailer=AckTrailer(max_mtu=config.max_mtu, if_mtu=OUR_IF_MTU,
                           rwind=config.rx_window, jumbo_max=config.max_jumbo))


def test_wire_repeats_the_ack_names() -> None:
    """Tools and tests that import the ACK layout from the wire module get the same objects
    (the record classes built on it live in the wire module itself)."""
    for name in ("ACK_BODY", "ACK_BODY_SIZE", "ACK_PADDING", "ACK_TRAILER", "MAX_ACKS"):
        assert getattr(wire, name) == getattr(ack_module, name), name
    assert wire.MalformedPacket is MalformedPacket


def test_jumbo_sizes_agree_with_wire() -> None:
    assert ack_module._JUMBO_FIRST == wire.HEADER_SIZE + wire.JUMBO_DATALEN
    assert ack_module._JUMBO_NEXT == wire.JUMBO_SUBPKTLEN


# ------------------------------------------------------------------------ hostile input


@given(st.binary(max_size=MAX_ACKS + 64), st.integers(0, 8))
@example(b"", 0)
@example(b"\0" * (ACK_BODY_SIZE - 1), 0)
def test_arbitrary_bytes(data: bytes, offset: int) -> None:
    """Any bytes: the tool face raises only MalformedPacket, the receive path never raises,
    and both refuse exactly the bodies too short for their fixed part or SACK table."""
    body = data[offset:]
    decoded = tool_decode(body)
    parsed = as_record(memoryview(data), offset)
    assert parsed == decoded
    short = len(body) < ACK_BODY_SIZE or len(body) < ACK_BODY_SIZE + body[17]
    assert (decoded is None) == short
    if decoded is not None:
        assert len(decoded.acks) == body[17]


@given(bodies())
def test_every_truncation(ack: AckBody) -> None:
    raw = encode_ack_body(ack)
    n = len(ack.acks)
    table_end = ACK_BODY_SIZE + n
    trailer_at = table_end + ACK_PADDING
    for cut in range(len(raw) + 1):
        decoded = tool_decode(raw[:cut])
        assert as_record(raw[:cut]) == decoded, cut
        if cut < table_end:
            assert decoded is None, cut
            continue
        assert decoded is not None
        assert decoded.acks == ack.acks
        words = max(0, cut - trailer_at) // 4
        if words < 2:
            assert decoded.trailer is None, cut
        else:
            assert ack.trailer is not None
            assert decoded.trailer == AckTrailer(
                max_mtu=ack.trailer.max_mtu, if_mtu=ack.trailer.if_mtu,
                rwind=ack.trailer.rwind if words >= 3 else None,
                jumbo_max=ack.trailer.jumbo_max if words >= 4 else None), cut


@given(bodies(), st.integers(0, MAX_ACKS), st.binary(max_size=40))
def test_lying_sack_count(ack: AckBody, claimed: int, tail: bytes) -> None:
    """nAcks rewritten to a value that need not match the table that follows."""
    raw = bytearray(encode_ack_body(ack)[:ACK_BODY_SIZE + len(ack.acks)] + tail)
    raw[17] = claimed
    decoded = tool_decode(bytes(raw))
    assert as_record(bytes(raw)) == decoded
    if len(raw) < ACK_BODY_SIZE + claimed:
        assert decoded is None
    else:
        assert decoded is not None
        assert decoded.acks == bytes(raw[ACK_BODY_SIZE:ACK_BODY_SIZE + claimed])


@pytest.mark.parametrize("claimed", [1, 2, 100, MAX_ACKS])
def test_sack_count_beyond_the_body(claimed: int) -> None:
    fixed = ACK_BODY.pack(0, 0, 1, 0, 0, AckReason.REQUESTED, claimed)
    short = fixed + b"\1" * (claimed - 1)
    assert parse_ack_untrusted(short) is None
    with pytest.raises(MalformedPacket):
        decode_ack_untrusted(short)
    # Inside a datagram the check is against the datagram's end, not past it.
    assert parse_ack_untrusted(b"\0" * 28 + short, 28) is None
    whole = decode_ack_untrusted(fixed + b"\1" * claimed)
    assert (whole.acks, whole.trailer) == (b"\1" * claimed, None)


def test_trailer_absent_or_partial() -> None:
    fixed = ACK_BODY.pack(0, 0, 1, 1, 0, AckReason.IDLE, 0)
    words = struct.pack(">IIII", 1444, 1400, 32, 4)
    # No padding at all, or padding alone: no trailer.
    for extra in (b"", b"\0", b"\0" * ACK_PADDING, b"\0" * ACK_PADDING + words[:7]):
        fields = parse_ack_untrusted(fixed + extra)
        assert fields is not None
        assert fields[7:] == (None, None, None, None)
    pad = b"\0" * ACK_PADDING
    expected = {8: (1444, 1400, None, None), 11: (1444, 1400, None, None),
                12: (1444, 1400, 32, None), 15: (1444, 1400, 32, None),
                16: (1444, 1400, 32, 4), 20: (1444, 1400, 32, 4)}
    for length, trailer in expected.items():
        fields = parse_ack_untrusted(fixed + pad + (words + b"\xff" * 4)[:length])
        assert fields is not None
        assert fields[7:] == trailer, length


# ------------------------------------------------------------------------ clamping


@pytest.mark.parametrize(("sent", "kept"), [(0, MIN_PEER_MTU), (519, MIN_PEER_MTU),
                                            (520, 520), (1444, 1444), (65535, MAX_PEER_MTU),
                                            (65536, MAX_PEER_MTU), (0xFFFFFFFF, MAX_PEER_MTU)])
def test_clamp_mtu(sent: int, kept: int) -> None:
    assert clamp_trailer(sent, None, None, 46) == (kept, 0, 0)


@pytest.mark.parametrize(("sent", "kept"), [(None, 0), (0, 1), (1, 1), (32, 32),
                                            (255, 255), (256, 255), (0xFFFFFFFF, 255)])
def test_clamp_rwind(sent: int | None, kept: int) -> None:
    assert clamp_trailer(1444, sent, None, 46)[1] == kept


@pytest.mark.parametrize(("mtu", "sent", "limit", "kept"), [
    (1444, None, 46, 0),  # no jumbo word: nothing to change
    (1444, 1, 46, 1),
    (1444, 4, 46, 4),
    (1444, 46, 46, 46),
    (1444, 47, 46, 46),
    (1444, 0xFFFFFFFF, 4, 4),
    (1444, 0, 46, 1),  # 0: size by the MTU; 1444 holds one packet
    (28 + 1412 + 3 * 1416, 0, 46, 4),
    (65535, 0, 46, 46),
    (65535, 0, 8, 8),
    (0, 0, 46, 1),  # the MTU is raised to 520 first, which holds less than one packet
])
def test_clamp_jumbo(mtu: int, sent: int | None, limit: int, kept: int) -> None:
    assert clamp_trailer(mtu, 32, sent, limit)[2] == kept


@given(U32, st.none() | U32, st.none() | U32, st.integers(1, 46))
def test_clamp_bounds(mtu: int, rwind: int | None, jumbo: int | None, limit: int) -> None:
    got_mtu, got_rwind, got_jumbo = clamp_trailer(mtu, rwind, jumbo, limit)
    assert MIN_PEER_MTU <= got_mtu <= MAX_PEER_MTU
    assert got_rwind == 0 if rwind is None else 1 <= got_rwind <= MAX_ACKS
    assert got_jumbo == 0 if jumbo is None else 1 <= got_jumbo <= limit
