"""Tests for the Rx wire codec (``trio_rxrpc._proto.wire``): no trio, no sockets.

Three kinds of checks live here:

* robustness: whatever bytes arrive, the ``*_untrusted`` decoders return packets or raise
  :class:`MalformedPacket`, never anything else (random bytes, plus near-valid datagrams that
  reach the deeper branches: a correct header over a random body, cut-off jumbograms, ACKs
  whose SACK count lies);
* round trips of the record face, for every packet type and for jumbograms of 1..46
  sub-packets;
* layout: the precompiled ``struct.Struct`` objects (the fast face) agree with the records,
  and both agree with the byte offsets OpenAFS puts on the wire (``rxi_EncodePacketHeader`` in
  its ``src/rx/rx_packet.c`` for the header, ``struct rx_ackPacket`` in ``src/rx/rx.h`` for the
  ACK body).
"""

from __future__ import annotations

import random
import struct

import attrs
import pytest
from hypothesis import example, given, settings, strategies as st

from trio_rxrpc._proto.wire import (
    ABORT_BODY,
    ACK_BODY,
    ACK_BODY_SIZE,
    ACK_PADDING,
    ACK_TRAILER,
    CLIENT_INITIATED,
    HEADER,
    HEADER_SIZE,
    JUMBO_DATALEN,
    JUMBO_HEADER,
    JUMBO_HEADER_SIZE,
    JUMBO_PACKET,
    JUMBO_SUBPKTLEN,
    LAST_PACKET,
    MAX_ACKS,
    MAX_DATAGRAM,
    MAX_JUMBO_PACKETS,
    MORE_PACKETS,
    REQUEST_ACK,
    SLOW_START_OK,
    VERSION_REPLY_SIZE,
    AbortPacket,
    AckBody,
    AckPacket,
    AckReason,
    AckTrailer,
    ControlPacket,
    DataPacket,
    Header,
    MalformedPacket,
    Packet,
    PacketFlags,
    PacketType,
    abort_code_untrusted,
    decode_ack_untrusted,
    decode_datagram_untrusted,
    decode_header_untrusted,
    encode_ack_body,
    encode_jumbogram,
    encode_packet,
    encode_version_reply,
    split_header_untrusted,
)

U8 = st.integers(0, 0xFF)
U16 = st.integers(0, 0xFFFF)
U32 = st.integers(0, 0xFFFFFFFF)
S32 = st.integers(-(2**31), 2**31 - 1)
MASK32 = 0xFFFFFFFF

KNOWN_TYPES = [int(t) for t in PacketType]
UNKNOWN_TYPES = [0, *range(14, 256)]
CONTROL_TYPES = [
    int(t) for t in PacketType if t not in (PacketType.DATA, PacketType.ACK, PacketType.ABORT)
]

PACKET_CLASSES = (DataPacket, AckPacket, AbortPacket, ControlPacket)
ANY_KNOWN_TYPE = st.sampled_from(KNOWN_TYPES)


# --------------------------------------------------------------------------------------------
# Strategies


@st.composite
def headers(
    draw: st.DrawFn,
    ptype: st.SearchStrategy[int] = ANY_KNOWN_TYPE,
    flags: st.SearchStrategy[int] = U8,
) -> Header:
    return Header(
        epoch=draw(U32),
        cid=draw(U32),
        call_number=draw(U32),
        seq=draw(U32),
        serial=draw(U32),
        type=draw(ptype),
        flags=draw(flags),
        user_status=draw(U8),
        security_index=draw(U8),
        cksum=draw(U16),
        service_id=draw(U16),
    )


@st.composite
def ack_trailers(draw: st.DrawFn) -> AckTrailer | None:
    """No trailer, or one with 2, 3 or 4 words (every length older peers may send)."""
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
def ack_bodies(draw: st.DrawFn) -> AckBody:
    return AckBody(
        buffer_space=draw(U16),
        max_skew=draw(U16),
        first_packet=draw(U32),
        previous_packet=draw(U32),
        serial=draw(U32),
        reason=draw(U8),
        acks=draw(st.binary(max_size=MAX_ACKS)),
        trailer=draw(ack_trailers()),
    )


def data_packets() -> st.SearchStrategy[DataPacket]:
    # A lone DATA packet must not claim that a jumbogram sub-packet follows.
    return st.builds(
        DataPacket,
        header=headers(
            ptype=st.just(int(PacketType.DATA)), flags=U8.map(lambda f: f & ~JUMBO_PACKET)
        ),
        payload=st.binary(max_size=2 * JUMBO_SUBPKTLEN),
    )


def ack_packets() -> st.SearchStrategy[AckPacket]:
    # The 0x20 bit means SLOW_START_OK on an ACK, so any flags byte is fine here.
    return st.builds(
        AckPacket, header=headers(ptype=st.just(int(PacketType.ACK))), ack=ack_bodies()
    )


def abort_packets() -> st.SearchStrategy[AbortPacket]:
    return st.builds(AbortPacket, header=headers(ptype=st.just(int(PacketType.ABORT))), code=S32)


def control_packets() -> st.SearchStrategy[ControlPacket]:
    return st.builds(
        ControlPacket,
        header=headers(ptype=st.sampled_from(CONTROL_TYPES)),
        body=st.binary(max_size=300),
    )


def any_packets() -> st.SearchStrategy[Packet]:
    return st.one_of(data_packets(), ack_packets(), abort_packets(), control_packets())


@st.composite
def jumbo_inputs(draw: st.DrawFn, max_count: int = MAX_JUMBO_PACKETS) -> list[DataPacket]:
    """Consecutive DATA packets that encode_jumbogram accepts.

    Payloads come from a seeded generator: 45 x 1412 drawn bytes would overflow hypothesis'
    example buffer, and their content does not matter beyond being distinguishable.
    """
    count = draw(st.integers(1, max_count))
    first = draw(headers(ptype=st.just(int(PacketType.DATA))))
    rng = random.Random(draw(U32))
    final_len = draw(st.integers(0, JUMBO_DATALEN))
    packets = []
    for i in range(count):
        last = i == count - 1
        flags = first.flags if i == 0 else draw(U8)
        # Non-final sub-packets carry JUMBO_PACKET and never LAST_PACKET; the final one
        # must not carry JUMBO_PACKET.
        flags = flags & ~JUMBO_PACKET if last else (flags | JUMBO_PACKET) & ~LAST_PACKET
        header = attrs.evolve(
            first,
            seq=(first.seq + i) & MASK32,
            serial=(first.serial + i) & MASK32,
            flags=flags,
            cksum=first.cksum if i == 0 else draw(U16),
            user_status=first.user_status if i == 0 else draw(U8),
        )
        payload = rng.randbytes(final_len if last else JUMBO_DATALEN)
        packets.append(DataPacket(header=header, payload=payload))
    return packets


def expected_from_jumbogram(packets: list[DataPacket]) -> list[DataPacket]:
    """What a receiver sees: OpenAFS clears user_status on every sub-packet after the first,
    and each sub-packet inherits the first header with seq and serial + i."""
    first = packets[0].header
    return [
        DataPacket(
            header=attrs.evolve(
                first,
                seq=(first.seq + i) & MASK32,
                serial=(first.serial + i) & MASK32,
                flags=p.header.flags,
                cksum=p.header.cksum,
                user_status=first.user_status if i == 0 else 0,
            ),
            payload=p.payload,
        )
        for i, p in enumerate(packets)
    ]


def raw_header(ptype: int, flags: int = 0, **fields: int) -> bytes:
    """A 28-byte header with the given type and flags; other fields default to small values."""
    h = Header(
        epoch=fields.get("epoch", 0x80001234),
        cid=fields.get("cid", 0x00ABCD04),
        call_number=fields.get("call_number", 1),
        seq=fields.get("seq", 1),
        serial=fields.get("serial", 1),
        type=ptype,
        flags=flags,
    )
    return h.pack()


def assert_decodes_or_malformed(data: bytes | bytearray | memoryview) -> list[Packet] | None:
    """Decode untrusted bytes; only a list of packets or MalformedPacket is acceptable."""
    try:
        packets = decode_datagram_untrusted(data)
    except MalformedPacket:
        return None
    assert isinstance(packets, list)
    assert packets, "a datagram that decodes holds at least one packet"
    for p in packets:
        assert isinstance(p, PACKET_CLASSES)
    return packets


# --------------------------------------------------------------------------------------------
# Robustness: any bytes give packets or MalformedPacket


@given(st.binary(max_size=3 * JUMBO_SUBPKTLEN))
@example(b"")
@example(b"\0" * 27)
@example(b"\0" * 28)
def test_decode_datagram_arbitrary_bytes(data: bytes) -> None:
    packets = assert_decodes_or_malformed(data)
    if packets is not None:
        assert len(data) >= HEADER_SIZE
        assert packets[0].header.type == data[20]


@given(st.binary(max_size=64))
def test_decode_header_arbitrary_bytes(data: bytes) -> None:
    try:
        header = decode_header_untrusted(data)
    except MalformedPacket:
        assert len(data) < HEADER_SIZE or data[20] not in KNOWN_TYPES
        return
    assert isinstance(header, Header)
    assert attrs.astuple(header) == HEADER.unpack_from(data)


@given(st.binary(max_size=MAX_ACKS + 64))
@example(b"")
@example(b"\0" * (ACK_BODY_SIZE - 1))
def test_decode_ack_arbitrary_bytes(body: bytes) -> None:
    try:
        ack = decode_ack_untrusted(body)
    except MalformedPacket:
        assert len(body) < ACK_BODY_SIZE or len(body) < ACK_BODY_SIZE + body[17]
        return
    assert isinstance(ack, AckBody)
    assert len(ack.acks) == body[17]


@given(headers(ptype=U8), st.binary(max_size=200))
def test_decode_valid_header_random_body(header: Header, body: bytes) -> None:
    packets = assert_decodes_or_malformed(header.pack() + body)
    if header.type not in KNOWN_TYPES:
        assert packets is None
        return
    jumbo = header.type == PacketType.DATA and header.flags & JUMBO_PACKET
    short_abort = header.type == PacketType.ABORT and len(body) < ABORT_BODY.size
    if jumbo or short_abort:
        # A jumbogram needs at least 1416 body bytes, more than drawn here.
        assert packets is None
        return
    short_ack = header.type == PacketType.ACK and (
        len(body) < ACK_BODY_SIZE or len(body) < ACK_BODY_SIZE + body[17]
    )
    if short_ack:
        assert packets is None
        return
    assert packets is not None
    assert len(packets) == 1
    assert packets[0].header == header
    if header.type == PacketType.DATA:
        assert packets[0] == DataPacket(header=header, payload=body)
    elif header.type not in (PacketType.ACK, PacketType.ABORT):
        assert packets[0] == ControlPacket(header=header, body=body)


@given(jumbo_inputs(max_count=6), st.data())
def test_decode_truncated_jumbogram(packets: list[DataPacket], data: st.DataObject) -> None:
    datagram = encode_jumbogram(packets)
    cut = data.draw(st.integers(0, len(datagram)), label="cut")
    decoded = assert_decodes_or_malformed(datagram[:cut])
    # Every non-final sub-packet needs its full 1412 bytes plus the next jumbo header.
    complete = HEADER_SIZE + (len(packets) - 1) * JUMBO_SUBPKTLEN
    if cut < complete:
        assert decoded is None
    else:
        expected = expected_from_jumbogram(packets)
        last = expected[-1]
        expected[-1] = attrs.evolve(last, payload=last.payload[: cut - complete])
        assert decoded == expected


@given(jumbo_inputs(max_count=4), st.data())
def test_decode_jumbogram_with_random_jumbo_headers(
    packets: list[DataPacket], data: st.DataObject
) -> None:
    """Overwrite the 4-byte jumbo headers with random bytes (any flags, non-zero pad)."""
    datagram = bytearray(encode_jumbogram(packets))
    for i in range(1, len(packets)):
        at = HEADER_SIZE + i * JUMBO_SUBPKTLEN - JUMBO_HEADER_SIZE
        datagram[at : at + JUMBO_HEADER_SIZE] = data.draw(st.binary(min_size=4, max_size=4))
    decoded = assert_decodes_or_malformed(datagram)
    if decoded is not None:
        assert len(decoded) <= len(packets)
        for p in decoded[:-1]:
            assert p.header.flags & JUMBO_PACKET
            assert not p.header.flags & LAST_PACKET
        assert not decoded[-1].header.flags & JUMBO_PACKET


@given(ack_bodies(), st.integers(0, MAX_ACKS), st.binary(max_size=40))
def test_decode_ack_with_lying_nacks(ack: AckBody, claimed: int, tail: bytes) -> None:
    """Rewrite nAcks to a value that need not match the SACK table that follows."""
    fixed = ACK_BODY.pack(
        ack.buffer_space,
        ack.max_skew,
        ack.first_packet,
        ack.previous_packet,
        ack.serial,
        ack.reason,
        claimed,
    )
    body = fixed + ack.acks + tail
    datagram = raw_header(PacketType.ACK) + body
    decoded = assert_decodes_or_malformed(datagram)
    if len(body) < ACK_BODY_SIZE + claimed:
        assert decoded is None
        with pytest.raises(MalformedPacket):
            decode_ack_untrusted(body)
        return
    assert decoded is not None
    [packet] = decoded
    assert isinstance(packet, AckPacket)
    got = packet.ack
    assert got.acks == body[ACK_BODY_SIZE : ACK_BODY_SIZE + claimed]
    # Whatever follows the table and its 3 padding bytes is read as trailer words.
    after = body[ACK_BODY_SIZE + claimed + ACK_PADDING :]
    words = [struct.unpack_from(">I", after, 4 * i)[0] for i in range(min(len(after) // 4, 4))]
    if len(words) < 2:
        assert got.trailer is None
    else:
        assert got.trailer == AckTrailer(
            max_mtu=words[0],
            if_mtu=words[1],
            rwind=words[2] if len(words) > 2 else None,
            jumbo_max=words[3] if len(words) > 3 else None,
        )


@given(any_packets())
def test_decode_accepts_bytes_bytearray_memoryview(packet: Packet) -> None:
    raw = encode_packet(packet)
    assert decode_datagram_untrusted(bytearray(raw)) == [packet]
    assert decode_datagram_untrusted(memoryview(raw)) == [packet]
    assert decode_header_untrusted(memoryview(raw)) == packet.header
    if isinstance(packet, AckPacket):
        assert decode_ack_untrusted(memoryview(raw)[HEADER_SIZE:]) == packet.ack


# --------------------------------------------------------------------------------------------
# Round trips


@given(data_packets())
def test_round_trip_data(packet: DataPacket) -> None:
    assert decode_datagram_untrusted(encode_packet(packet)) == [packet]


@given(ack_packets())
def test_round_trip_ack(packet: AckPacket) -> None:
    raw = encode_packet(packet)
    n = len(packet.ack.acks)
    trailer_words = (
        0
        if packet.ack.trailer is None
        else 2
        + sum(w is not None for w in (packet.ack.trailer.rwind, packet.ack.trailer.jumbo_max))
    )
    assert len(raw) == HEADER_SIZE + ACK_BODY_SIZE + n + ACK_PADDING + 4 * trailer_words
    assert raw[HEADER_SIZE + ACK_BODY_SIZE + n :][:ACK_PADDING] == b"\0" * ACK_PADDING
    assert decode_datagram_untrusted(raw) == [packet]
    assert decode_ack_untrusted(raw[HEADER_SIZE:]) == packet.ack


@given(abort_packets())
@example(
    AbortPacket(
        header=Header(
            epoch=1, cid=4, call_number=0, seq=0, serial=1, type=PacketType.ABORT, flags=0
        ),
        code=-1,
    )
)
def test_round_trip_abort(packet: AbortPacket) -> None:
    raw = encode_packet(packet)
    assert len(raw) == HEADER_SIZE + 4
    assert raw[HEADER_SIZE:] == struct.pack(">i", packet.code)
    assert decode_datagram_untrusted(raw) == [packet]


@given(control_packets())
def test_round_trip_control(packet: ControlPacket) -> None:
    assert decode_datagram_untrusted(encode_packet(packet)) == [packet]


@given(jumbo_inputs())
@settings(deadline=None)
def test_round_trip_jumbogram(packets: list[DataPacket]) -> None:
    raw = encode_jumbogram(packets)
    assert len(raw) == HEADER_SIZE + (len(packets) - 1) * JUMBO_SUBPKTLEN + len(packets[-1].payload)
    assert len(raw) <= MAX_DATAGRAM
    assert decode_datagram_untrusted(raw) == expected_from_jumbogram(packets)


def _full_jumbogram(count: int) -> list[DataPacket]:
    first = Header(
        epoch=0x80000001,
        cid=0x100,
        call_number=7,
        seq=MASK32 - 1,
        serial=MASK32,
        type=PacketType.DATA,
        flags=CLIENT_INITIATED | JUMBO_PACKET,
        user_status=9,
        cksum=1,
    )
    packets = []
    for i in range(count):
        last = i == count - 1
        flags = CLIENT_INITIATED | (LAST_PACKET if last else JUMBO_PACKET)
        header = attrs.evolve(
            first,
            seq=(first.seq + i) & MASK32,
            serial=(first.serial + i) & MASK32,
            flags=flags,
            cksum=i + 1,
            user_status=first.user_status if i == 0 else 0,
        )
        packets.append(DataPacket(header=header, payload=bytes([i]) * JUMBO_DATALEN))
    return packets


def test_largest_jumbogram_fits_a_datagram_and_wraps_seq() -> None:
    packets = _full_jumbogram(MAX_JUMBO_PACKETS)
    raw = encode_jumbogram(packets)
    assert len(raw) == 28 + 1412 + 45 * 1416 == 65160
    decoded = decode_datagram_untrusted(raw)
    assert decoded == packets
    # seq and serial wrap modulo 2**32 across sub-packets.
    assert [p.header.seq for p in decoded[:3]] == [MASK32 - 1, MASK32, 0]
    assert [p.header.serial for p in decoded[:2]] == [MASK32, 0]


def test_single_packet_jumbogram_is_a_plain_datagram() -> None:
    packet = DataPacket(
        header=Header(
            epoch=1,
            cid=4,
            call_number=1,
            seq=1,
            serial=1,
            type=PacketType.DATA,
            flags=LAST_PACKET,
            user_status=3,
        ),
        payload=b"hello",
    )
    assert encode_jumbogram([packet]) == encode_packet(packet)


# --------------------------------------------------------------------------------------------
# Layout: fast face == record face == the byte offsets on the wire


def test_struct_sizes() -> None:
    assert HEADER.size == HEADER_SIZE == 28
    assert ACK_BODY.size == ACK_BODY_SIZE == 18
    assert ACK_TRAILER.size == 16
    assert JUMBO_HEADER.size == JUMBO_HEADER_SIZE == 4
    assert JUMBO_SUBPKTLEN == JUMBO_DATALEN + JUMBO_HEADER_SIZE == 1416
    assert ABORT_BODY.size == 4
    assert HEADER_SIZE + JUMBO_DATALEN + (MAX_JUMBO_PACKETS - 1) * JUMBO_SUBPKTLEN <= MAX_DATAGRAM


def test_header_field_offsets() -> None:
    """Every header field at its wire offset; in particular cksum at 24-25, serviceId 26-27.

    OpenAFS's in-memory ``struct rx_header`` lists serviceId before the spare/cksum field, but
    the encoder writes the checksum first; code that copies the C struct gets this wrong.
    """
    header = Header(
        epoch=0x01020304,
        cid=0x05060708,
        call_number=0x090A0B0C,
        seq=0x0D0E0F10,
        serial=0x11121314,
        type=0x15,
        flags=0x16,
        user_status=0x17,
        security_index=0x18,
        cksum=0x191A,
        service_id=0x1B1C,
    )
    raw = header.pack()
    assert raw == bytes(range(1, 29))
    assert raw[0:4] == b"\x01\x02\x03\x04"  # epoch
    assert raw[4:8] == b"\x05\x06\x07\x08"  # cid
    assert raw[8:12] == b"\x09\x0a\x0b\x0c"  # call number
    assert raw[12:16] == b"\x0d\x0e\x0f\x10"  # seq
    assert raw[16:20] == b"\x11\x12\x13\x14"  # serial
    assert raw[20] == 0x15  # type
    assert raw[21] == 0x16  # flags
    assert raw[22] == 0x17  # user status
    assert raw[23] == 0x18  # security index
    assert raw[24:26] == b"\x19\x1a"  # cksum ("spare") comes first ...
    assert raw[26:28] == b"\x1b\x1c"  # ... then the service ID


def test_header_known_answer() -> None:
    """A VL request header written out by hand, field by field."""
    raw = bytes.fromhex(
        "b3ffde2a"  # epoch
        "b40002ac"  # cid (channel 0)
        "00000002"  # call number
        "00000001"  # seq
        "00000003"  # serial
        "01"  # DATA
        "05"  # LAST_PACKET | CLIENT_INITIATED
        "00"  # user status
        "02"  # rxkad
        "8a5e"  # cksum
        "0034"  # service 52 (VL)
    )
    header = decode_header_untrusted(raw)
    assert header == Header(
        epoch=0xB3FFDE2A,
        cid=0xB40002AC,
        call_number=2,
        seq=1,
        serial=3,
        type=1,
        flags=LAST_PACKET | CLIENT_INITIATED,
        user_status=0,
        security_index=2,
        cksum=0x8A5E,
        service_id=52,
    )
    assert header.channel == 0
    assert header.conn_id == 0xB40002AC
    assert header.pack() == raw


@given(headers(ptype=U8))
def test_header_struct_agrees_with_record(header: Header) -> None:
    raw = header.pack()
    assert HEADER.unpack(raw) == attrs.astuple(header)
    assert HEADER.pack(*attrs.astuple(header)) == raw
    assert header.channel == header.cid & 3
    assert header.conn_id | header.channel == header.cid
    if header.type in KNOWN_TYPES:
        assert decode_header_untrusted(raw) == header


@given(ack_bodies())
def test_ack_structs_agree_with_record(ack: AckBody) -> None:
    raw = encode_ack_body(ack)
    n = len(ack.acks)
    assert ACK_BODY.unpack_from(raw) == (
        ack.buffer_space,
        ack.max_skew,
        ack.first_packet,
        ack.previous_packet,
        ack.serial,
        ack.reason,
        n,
    )
    assert raw[ACK_BODY_SIZE : ACK_BODY_SIZE + n] == ack.acks
    t = ack.trailer
    trailer_at = ACK_BODY_SIZE + n + ACK_PADDING
    if t is not None and t.rwind is not None and t.jumbo_max is not None:
        assert len(raw) == trailer_at + ACK_TRAILER.size
        assert ACK_TRAILER.unpack_from(raw, trailer_at) == (
            t.max_mtu,
            t.if_mtu,
            t.rwind,
            t.jumbo_max,
        )
    # And the other way: bytes built with the fast structs decode to the same record.
    rebuilt = ACK_BODY.pack(*ACK_BODY.unpack_from(raw)) + raw[ACK_BODY_SIZE:]
    assert decode_ack_untrusted(rebuilt) == ack


def test_ack_known_answer() -> None:
    """An OpenAFS "delay" ACK body with two SACK entries and the full four-word trailer."""
    body = bytes.fromhex(
        "0000"  # buffer space
        "0000"  # max skew
        "00000002"  # first packet
        "00000003"  # previous packet
        "00000000"  # serial
        "08"  # reason DELAY
        "02"  # nAcks
        "0001"  # acks: seq 2 missing, seq 3 held
        "000000"  # padding
        "0000163c"  # maxMTU 5692
        "000005a4"  # ifMTU 1444
        "00000020"  # rwind 32
        "00000004"  # jumbo max 4
    )
    ack = AckBody(
        first_packet=2,
        previous_packet=3,
        serial=0,
        reason=AckReason.DELAY,
        acks=b"\0\1",
        trailer=AckTrailer(max_mtu=5692, if_mtu=1444, rwind=32, jumbo_max=4),
    )
    assert decode_ack_untrusted(body) == ack
    assert encode_ack_body(ack) == body


@given(jumbo_inputs(max_count=8))
def test_jumbo_header_struct_agrees_with_record(packets: list[DataPacket]) -> None:
    raw = encode_jumbogram(packets)
    assert HEADER.unpack_from(raw) == attrs.astuple(packets[0].header)
    for i, packet in enumerate(packets[1:], start=1):
        at = HEADER_SIZE + i * JUMBO_SUBPKTLEN - JUMBO_HEADER_SIZE
        assert JUMBO_HEADER.unpack_from(raw, at) == (packet.header.flags, 0, packet.header.cksum)
        assert raw[at + JUMBO_HEADER_SIZE :][:JUMBO_DATALEN] == packet.payload[:JUMBO_DATALEN]


def test_constants_match_spec() -> None:
    assert {t.name: t.value for t in PacketType} == {
        "DATA": 1,
        "ACK": 2,
        "BUSY": 3,
        "ABORT": 4,
        "ACKALL": 5,
        "CHALLENGE": 6,
        "RESPONSE": 7,
        "DEBUG": 8,
        "PARAMS": 9,
        "PARAMS_2": 10,
        "PARAMS_3": 11,
        "PARAMS_4": 12,
        "VERSION": 13,
    }
    assert (CLIENT_INITIATED, REQUEST_ACK, LAST_PACKET, MORE_PACKETS) == (1, 2, 4, 8)
    assert JUMBO_PACKET == SLOW_START_OK == 0x20
    assert PacketFlags.JUMBO_PACKET.value == PacketFlags.SLOW_START_OK.value == JUMBO_PACKET
    assert [r.value for r in AckReason] == list(range(1, 10))


# --------------------------------------------------------------------------------------------
# Edge cases


def test_short_datagrams_are_malformed() -> None:
    for n in range(HEADER_SIZE):
        with pytest.raises(MalformedPacket):
            decode_datagram_untrusted(raw_header(PacketType.DATA)[:n])
        with pytest.raises(MalformedPacket):
            decode_header_untrusted(b"\x01" * n)


def test_unknown_types_are_malformed() -> None:
    for ptype in UNKNOWN_TYPES:
        raw = raw_header(ptype) + b"\0" * 64
        with pytest.raises(MalformedPacket):
            decode_header_untrusted(raw)
        with pytest.raises(MalformedPacket):
            decode_datagram_untrusted(raw)
    for ptype in KNOWN_TYPES:
        assert decode_header_untrusted(raw_header(ptype)).type == ptype


@pytest.mark.parametrize("length", [0, 1, 2, 3])
def test_short_abort_is_malformed(length: int) -> None:
    with pytest.raises(MalformedPacket):
        decode_datagram_untrusted(raw_header(PacketType.ABORT) + b"\xff" * length)


def test_abort_code_is_signed_and_extra_bytes_ignored() -> None:
    [packet] = decode_datagram_untrusted(raw_header(PacketType.ABORT) + b"\xff\xff\xff\xfe\x00")
    assert isinstance(packet, AbortPacket)
    assert packet.code == -2


def test_short_ack_is_malformed() -> None:
    for n in range(ACK_BODY_SIZE):
        with pytest.raises(MalformedPacket):
            decode_ack_untrusted(b"\0" * n)
        with pytest.raises(MalformedPacket):
            decode_datagram_untrusted(raw_header(PacketType.ACK) + b"\0" * n)


@pytest.mark.parametrize("claimed", [1, 2, 100, MAX_ACKS])
def test_ack_table_one_byte_short_is_malformed(claimed: int) -> None:
    """nAcks says N but only N-1 table bytes follow (and nothing else): malformed.  With
    exactly N bytes (even without the padding) the table is read whole."""
    fixed = ACK_BODY.pack(0, 0, 1, 0, 0, AckReason.REQUESTED, claimed)
    with pytest.raises(MalformedPacket):
        decode_ack_untrusted(fixed + b"\1" * (claimed - 1))
    with pytest.raises(MalformedPacket):
        decode_datagram_untrusted(raw_header(PacketType.ACK) + fixed + b"\1" * (claimed - 1))
    ack = decode_ack_untrusted(fixed + b"\1" * claimed)
    assert ack.acks == b"\1" * claimed
    assert ack.trailer is None


def test_ack_partial_trailers() -> None:
    """Trailer words are read only when complete: 0-7 bytes give none, 8 give two words..."""
    fixed = ACK_BODY.pack(0, 0, 1, 1, 0, AckReason.IDLE, 0) + b"\0" * ACK_PADDING
    words = struct.pack(">IIII", 1444, 1400, 32, 4)
    expected: dict[int, AckTrailer | None] = {
        0: None,
        4: None,
        7: None,
        8: AckTrailer(max_mtu=1444, if_mtu=1400),
        11: AckTrailer(max_mtu=1444, if_mtu=1400),
        12: AckTrailer(max_mtu=1444, if_mtu=1400, rwind=32),
        15: AckTrailer(max_mtu=1444, if_mtu=1400, rwind=32),
        16: AckTrailer(max_mtu=1444, if_mtu=1400, rwind=32, jumbo_max=4),
    }
    for length, trailer in expected.items():
        assert decode_ack_untrusted(fixed + words[:length]).trailer == trailer, length
    # No padding at all is tolerated (old peers).
    assert decode_ack_untrusted(fixed[:ACK_BODY_SIZE]).trailer is None


def test_ack_with_slow_start_flag_is_not_split() -> None:
    """0x20 is SLOW_START_OK on an ACK, not JUMBO_PACKET."""
    packet = AckPacket(
        header=Header(
            epoch=1,
            cid=4,
            call_number=1,
            seq=0,
            serial=2,
            type=PacketType.ACK,
            flags=SLOW_START_OK | CLIENT_INITIATED,
        ),
        ack=AckBody(
            first_packet=2,
            previous_packet=1,
            serial=0,
            reason=AckReason.DELAY,
            trailer=AckTrailer(max_mtu=5692, if_mtu=1444, rwind=32, jumbo_max=4),
        ),
    )
    assert decode_datagram_untrusted(encode_packet(packet)) == [packet]


def _jumbo_datagram(first_flags: int, *sub_flags: int) -> bytes:
    """A DATA datagram: a header, then one 1412-byte block per jumbo header, then a tail."""
    parts = [raw_header(PacketType.DATA, first_flags)]
    for flags in sub_flags:
        parts.append(b"\xaa" * JUMBO_DATALEN)
        parts.append(JUMBO_HEADER.pack(flags, 0, 0))
    parts.append(b"tail")
    return b"".join(parts)


def test_last_packet_on_non_final_jumbo_subpacket_is_malformed() -> None:
    # On the first sub-packet (flags from the Rx header) ...
    with pytest.raises(MalformedPacket):
        decode_datagram_untrusted(_jumbo_datagram(JUMBO_PACKET | LAST_PACKET, LAST_PACKET))
    # ... and on a middle one (flags from a jumbo header).
    with pytest.raises(MalformedPacket):
        decode_datagram_untrusted(_jumbo_datagram(JUMBO_PACKET, JUMBO_PACKET | LAST_PACKET, 0))
    # LAST_PACKET on the final sub-packet is the normal end of a call.
    packets = decode_datagram_untrusted(_jumbo_datagram(JUMBO_PACKET, JUMBO_PACKET, LAST_PACKET))
    assert [p.header.flags for p in packets] == [JUMBO_PACKET, JUMBO_PACKET, LAST_PACKET]
    assert [len(p.payload) for p in packets if isinstance(p, DataPacket)] == [1412, 1412, 4]


def test_jumbogram_with_empty_final_subpacket() -> None:
    raw = _jumbo_datagram(JUMBO_PACKET, LAST_PACKET)[: -len(b"tail")]
    packets = decode_datagram_untrusted(raw)
    assert len(packets) == 2
    assert isinstance(packets[1], DataPacket)
    assert packets[1].payload == b""


def test_jumbo_flag_without_room_is_malformed() -> None:
    for body_len in (0, 1, JUMBO_DATALEN, JUMBO_SUBPKTLEN - 1):
        with pytest.raises(MalformedPacket):
            decode_datagram_untrusted(raw_header(PacketType.DATA, JUMBO_PACKET) + b"\0" * body_len)


def _plain(flags: int = 0, payload: bytes = b"\0" * JUMBO_DATALEN) -> DataPacket:
    header = Header(
        epoch=1, cid=4, call_number=1, seq=1, serial=1, type=PacketType.DATA, flags=flags
    )
    return DataPacket(header=header, payload=payload)


@pytest.mark.parametrize(
    ("packets", "why"),
    [
        ([], "empty"),
        ([_plain(JUMBO_PACKET)], "lone packet flagged JUMBO"),
        ([_plain(0), _plain(0)], "non-final packet without JUMBO"),
        ([_plain(JUMBO_PACKET), _plain(JUMBO_PACKET)], "final packet flagged JUMBO"),
        ([_plain(JUMBO_PACKET, b"\0" * 1411), _plain(0)], "short non-final payload"),
        ([_plain(JUMBO_PACKET, b"\0" * 1413), _plain(0)], "long non-final payload"),
        (
            [_plain(JUMBO_PACKET), _plain(JUMBO_PACKET, b""), _plain(0)],
            "empty middle payload",
        ),
    ],
)
def test_encode_jumbogram_refuses_bad_input(packets: list[DataPacket], why: str) -> None:
    with pytest.raises(ValueError, match=r"."):
        encode_jumbogram(packets)


def test_encode_jumbogram_refuses_last_packet_on_non_final() -> None:
    """Our own decoder (and Linux) rejects LAST_PACKET before the final sub-packet, so the
    encoder must not produce such a datagram."""
    packets = [_plain(JUMBO_PACKET | LAST_PACKET), _plain(LAST_PACKET, b"x")]
    with pytest.raises(ValueError, match=r"."):
        encode_jumbogram(packets)


def test_encode_jumbogram_refuses_more_than_max_subpackets() -> None:
    """47 sub-packets make a 66576-byte datagram: more than UDP can carry."""
    packets = [_plain(JUMBO_PACKET)] * MAX_JUMBO_PACKETS + [_plain(0, b"")]
    with pytest.raises(ValueError, match=r"."):
        encode_jumbogram(packets)


def test_encode_ack_body_refuses_too_many_acks() -> None:
    ack = AckBody(first_packet=1, previous_packet=0, serial=0, reason=1, acks=b"\1" * 256)
    with pytest.raises(ValueError, match="255"):
        encode_ack_body(ack)
    assert len(encode_ack_body(attrs.evolve(ack, acks=b"\1" * 255))) == 18 + 255 + 3


@pytest.mark.parametrize(
    "version",
    ["", "OpenAFS 1.8.9-1+deb12u1-debian 2024-12-25", "x" * 64, "y" * 65, "z" * 200, "caf\u00e9"],
)
def test_encode_version_reply(version: str) -> None:
    body = encode_version_reply(version)
    assert len(body) == VERSION_REPLY_SIZE == 65
    text = body.rstrip(b"\0")
    assert body == text.ljust(65, b"\0")
    assert body[-1] == 0, "always NUL-terminated"
    assert len(text) <= 64
    expected = version.encode("ascii", "replace")[:64]
    assert text == expected


def test_version_reply_round_trips_as_control_packet() -> None:
    header = Header(
        epoch=999,
        cid=0,
        call_number=101,
        seq=0,
        serial=0,
        type=PacketType.VERSION,
        flags=LAST_PACKET,
    )
    packet = ControlPacket(header=header, body=encode_version_reply("trio-rxrpc 0.1"))
    raw = encode_packet(packet)
    assert len(raw) == HEADER_SIZE + 65
    assert decode_datagram_untrusted(raw) == [packet]


# --------------------------------------------------------------------------------------------
# The receive path's lean decoders


@given(st.binary(max_size=40))
@example(b"")
@example(b"\0" * (HEADER_SIZE - 1))
def test_split_header_agrees_with_the_record(data: bytes) -> None:
    """The receive path's header split never raises; it refuses exactly what is too short
    and otherwise gives the fields the record decoder reads (any type: the caller checks)."""
    fields = split_header_untrusted(data)
    if len(data) < HEADER_SIZE:
        assert fields is None
        return
    assert fields == HEADER.unpack_from(data)
    if data[20] in KNOWN_TYPES:
        assert fields == attrs.astuple(decode_header_untrusted(data))


@given(st.binary(max_size=12), st.integers(0, 6))
def test_abort_code_agrees_with_the_record(body: bytes, offset: int) -> None:
    data = raw_header(PacketType.ABORT) + body
    code = abort_code_untrusted(memoryview(data), HEADER_SIZE)
    assert abort_code_untrusted(bytes(offset) + data, HEADER_SIZE + offset) == code
    try:
        [packet] = decode_datagram_untrusted(data)
    except MalformedPacket:
        assert code is None
        assert len(body) < ABORT_BODY.size
        return
    assert isinstance(packet, AbortPacket)
    assert code == packet.code
