"""Decode the real OpenAFS traffic in tests/data/captures with our codec (no tshark needed).

Every UDP payload in every capture must decode, re-encode to the very same bytes, and look
like what OpenAFS 1.8 sends (the README.md beside the captures describes each file).
"""

from __future__ import annotations

import hashlib
import struct
from collections import Counter
from typing import TYPE_CHECKING

import pytest
from recorded import CAPTURES, JSON, capture, capture_entries, capture_path, capture_paths, ids

from trio_rxrpc._proto.wire import (
    CLIENT_INITIATED,
    HEADER_SIZE,
    JUMBO_DATALEN,
    JUMBO_HEADER_SIZE,
    VERSION_REPLY_SIZE,
    AbortPacket,
    AckPacket,
    ControlPacket,
    DataPacket,
    MalformedPacket,
    Packet,
    PacketType,
    decode_datagram_untrusted,
    encode_packet,
)
from trio_rxrpc.testing._pcapng import UDPDatagram, read_udp_datagrams

if TYPE_CHECKING:
    from pathlib import Path

# OpenAFS 1.8 sends at most 1444-byte Rx packets unless jumbograms are on: 1416 data bytes.
OPENAFS_MAX_DATA = JUMBO_DATALEN + JUMBO_HEADER_SIZE


CAPTURE_FILES = capture_paths()
BULK = capture_entries(bulk=True)
FETCH_DATA, STORE_DATA = 130, 133
BULK_CALL_BYTES = 65536
"""afsio moves a file in FetchData/StoreData calls of 64 KiB each."""


def _decode_file(path: Path) -> list[tuple[UDPDatagram, list[Packet]]]:
    decoded = []
    for datagram in read_udp_datagrams(path):
        try:
            packets = decode_datagram_untrusted(datagram.payload)
        except MalformedPacket as exc:
            pytest.fail(f"{path.name} frame {datagram.index}: {exc}")
        decoded.append((datagram, packets))
    return decoded


def _types(decoded: list[tuple[UDPDatagram, list[Packet]]]) -> Counter[str]:
    return Counter(PacketType(p.header.type).name for _, packets in decoded for p in packets)


def test_captures_are_present() -> None:
    # The manifest and the directory agree, and each file is the one that was recorded.
    assert {p.name for p in CAPTURES.glob("*.pcapng")} == {p.name for p in CAPTURE_FILES}
    assert len(CAPTURE_FILES) >= 14
    for path in CAPTURE_FILES:
        assert hashlib.sha256(path.read_bytes()).hexdigest() == capture(path.name)["sha256"]
        assert len(list(read_udp_datagrams(path))) == capture(path.name)["datagrams"]


@pytest.mark.parametrize("path", CAPTURE_FILES, ids=lambda p: p.stem)
def test_every_datagram_decodes_and_reencodes(path: Path) -> None:
    decoded = _decode_file(path)
    assert decoded, f"{path.name} holds no UDP datagrams"
    for datagram, packets in decoded:
        where = f"{path.name} frame {datagram.index}"
        # One of the two ports is always an OpenAFS server port.
        assert 7000 <= datagram.src[1] <= 7009 or 7000 <= datagram.dst[1] <= 7009, where
        assert len(packets) == 1, f"{where}: unexpected jumbogram"
        [packet] = packets
        # OpenAFS zeroes its padding, so the codec reproduces every datagram byte for byte.
        assert encode_packet(packet) == datagram.payload, where
        header = packet.header
        from_client = bool(header.flags & CLIENT_INITIATED)
        if header.type in (PacketType.VERSION, PacketType.DEBUG):
            continue  # connectionless: no epoch/serial discipline
        assert header.epoch & 0x80000000, f"{where}: OpenAFS epochs have bit 31 set"
        assert header.serial != 0, f"{where}: connection packets carry a serial"
        if header.type == PacketType.DATA:
            assert header.seq >= 1, where
            assert header.call_number != 0, where
        else:
            assert header.seq == 0, where
        if header.type == PacketType.CHALLENGE:
            assert not from_client, where
            assert header.call_number == 0, where
        if header.type == PacketType.RESPONSE:
            assert from_client, where
            assert header.call_number == 0, where


@pytest.mark.parametrize("path", CAPTURE_FILES, ids=lambda p: p.stem)
def test_acks_have_first_packet_and_full_trailer(path: Path) -> None:
    acks = [
        (datagram, packet)
        for datagram, packets in _decode_file(path)
        for packet in packets
        if isinstance(packet, AckPacket)
    ]
    for datagram, packet in acks:
        where = f"{path.name} frame {datagram.index}"
        ack = packet.ack
        assert ack.first_packet >= 1, where
        # OpenAFS always sends all four trailer words.
        assert ack.trailer is not None, where
        assert ack.trailer.rwind is not None, where
        assert ack.trailer.jumbo_max is not None, where
        assert 1 <= ack.trailer.jumbo_max <= 64, where
        assert set(ack.acks) <= {0, 1}, where
        assert len(datagram.payload) == HEADER_SIZE + 18 + len(ack.acks) + 3 + 16, where


@pytest.mark.parametrize("path", CAPTURE_FILES, ids=lambda p: p.stem)
def test_openafs_data_fits_one_standard_packet(path: Path) -> None:
    for datagram, packets in _decode_file(path):
        for packet in packets:
            if isinstance(packet, DataPacket):
                assert len(packet.payload) <= OPENAFS_MAX_DATA, (
                    f"{path.name} frame {datagram.index}: {len(packet.payload)} bytes"
                )


def test_rxdebug_version() -> None:
    decoded = _decode_file(capture_path("rxdebug-version"))
    assert _types(decoded) == {"VERSION": 2}
    (_, [request]), (_, [reply]) = decoded
    assert isinstance(request, ControlPacket)
    assert isinstance(reply, ControlPacket)
    assert request.header.flags & CLIENT_INITIATED
    assert not reply.header.flags & CLIENT_INITIATED
    assert reply.header.call_number == request.header.call_number
    assert len(request.body) == 1
    assert len(reply.body) == VERSION_REPLY_SIZE
    text = reply.body.rstrip(b"\0")
    assert text.startswith(b"OpenAFS 1.8.9")
    assert b"\0" not in text
    assert reply.body == text.ljust(VERSION_REPLY_SIZE, b"\0")


def test_rxdebug_rxstats() -> None:
    decoded = _decode_file(capture_path("rxdebug-rxstats"))
    assert _types(decoded) == {"DEBUG": 4}
    directions = [bool(p.header.flags & CLIENT_INITIATED) for _, [p] in decoded]
    assert directions == [True, False, True, False]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # 7 PR calls, each one request DATA, one reply DATA and a delay ACK.
        ("rxnull-pts-examine", {"DATA": 14, "ACK": 7}),
        ("rxkad-crypt-pts-examine", {"DATA": 14, "ACK": 7, "CHALLENGE": 1, "RESPONSE": 1}),
        ("rxkad-k5-crypt-pts-examine", {"DATA": 14, "ACK": 7, "CHALLENGE": 1, "RESPONSE": 1}),
        # One request, a two-packet reply with an ACK between and one after.
        ("rxnull-vos-listvldb", {"DATA": 3, "ACK": 2}),
        ("rxkad-clear-vos-listvldb", {"DATA": 3, "ACK": 2, "CHALLENGE": 1, "RESPONSE": 1}),
        ("rxkad-crypt-vos-listvldb", {"DATA": 3, "ACK": 2, "CHALLENGE": 1, "RESPONSE": 1}),
        ("rxkad-k5-clear-vos-listvldb", {"DATA": 3, "ACK": 2, "CHALLENGE": 1, "RESPONSE": 1}),
        # The last call of each BOZO listing is answered by an ABORT.
        (
            "rxkad-clear-bos-listhosts",
            {"DATA": 5, "ACK": 2, "CHALLENGE": 1, "RESPONSE": 1, "ABORT": 1},
        ),
        (
            "rxkad-crypt-bos-listkeys",
            {"DATA": 3, "ACK": 1, "CHALLENGE": 1, "RESPONSE": 1, "ABORT": 1},
        ),
    ],
)
def test_packet_type_counts(name: str, expected: dict[str, int]) -> None:
    assert _types(_decode_file(capture_path(name))) == expected


def test_vos_listvldb_two_packet_reply() -> None:
    decoded = _decode_file(capture_path("rxnull-vos-listvldb"))
    replies = [
        p
        for _, [p] in decoded
        if isinstance(p, DataPacket) and not p.header.flags & CLIENT_INITIATED
    ]
    assert [p.header.seq for p in replies] == [1, 2]
    assert len(replies[0].payload) == OPENAFS_MAX_DATA  # a full 1444-byte Rx packet
    assert [bool(p.header.flags & 0x04) for p in replies] == [False, True]  # LAST_PACKET


def test_bos_abort_ends_the_listing() -> None:
    decoded = _decode_file(capture_path("rxkad-clear-bos-listhosts"))
    aborts = [p for _, [p] in decoded if isinstance(p, AbortPacket)]
    assert len(aborts) == 1
    assert aborts[0].header.call_number != 0
    assert not aborts[0].header.flags & CLIENT_INITIATED  # the server aborts
    assert aborts[0].code == 39429  # the bosserver's "index out of range" end of list


def test_bulk_captures_are_listed() -> None:
    assert {entry["bulk"]["opcode"] for entry in BULK} == {FETCH_DATA, STORE_DATA}


@pytest.mark.parametrize("entry", BULK, ids=ids(BULK))
def test_bulk_transfers_use_full_packets(entry: dict[str, JSON]) -> None:
    size, opcode = entry["bulk"]["bytes"], entry["bulk"]["opcode"]
    decoded = _decode_file(CAPTURES / entry["file"])
    data = [p for _, [p] in decoded if isinstance(p, DataPacket)]
    sizes = [len(p.payload) for p in data]
    # The file is moved in 64 KiB calls, each 46 full 1416-byte packets and a short one.
    assert sum(sizes) > size
    assert sizes.count(OPENAFS_MAX_DATA) >= size // BULK_CALL_BYTES * 46
    # Call by call: the calls that move the file ask for 64 KiB each at successive positions
    # (the others read directories), and the direction that carries the file (the reply of a
    # FetchData, the request of a StoreData) is exactly 46 full packets and a short one.
    position_at = {FETCH_DATA: 16, STORE_DATA: 40}[opcode]  # after the fid (and store status)
    calls: dict[tuple[int, int, int], list[DataPacket]] = {}
    for p in data:
        calls.setdefault((p.header.epoch, p.header.cid, p.header.call_number), []).append(p)
    carried: dict[int, list[int]] = {}
    for packets in calls.values():
        packets.sort(key=lambda p: p.header.seq)
        request = [p for p in packets if p.header.flags & CLIENT_INITIATED]
        if not request or request[0].payload[:4] != opcode.to_bytes(4, "big"):
            continue
        position, length = struct.unpack_from(">II", request[0].payload, position_at)
        if length != BULK_CALL_BYTES:
            continue
        reply = [p for p in packets if not p.header.flags & CLIENT_INITIATED]
        carried[position] = [len(p.payload) for p in (request if opcode == STORE_DATA else reply)]
    assert sorted(carried) == list(range(0, size, BULK_CALL_BYTES))
    for call_sizes in carried.values():
        assert call_sizes[:-1] == [OPENAFS_MAX_DATA] * 46
        assert 0 < call_sizes[-1] < OPENAFS_MAX_DATA
