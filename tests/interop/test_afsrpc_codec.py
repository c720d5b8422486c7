"""The afsrpc codecs reproduce real OpenAFS traffic byte for byte (captures only, no peer).

Each capture is split into calls: the DATA payloads (after the 28-byte Rx header) of each
direction, ordered by sequence number and joined, are the request and the reply. rxkad at
level clear leaves payloads as they are, so those captures carry the same bytes as rxnull.
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING

import afsrpc
import pytest
from hypothesis import given, strategies as st
from recorded import capture_path, manifest

from trio_rxrpc._proto.wire import HEADER_SIZE, PacketFlags, PacketType, decode_header_untrusted
from trio_rxrpc.testing._pcapng import read_udp_datagrams
from trio_rxrpc.xdr import XDRError

if TYPE_CHECKING:
    from pathlib import Path

VL_CAPTURES = [
    "rxnull-vos-listvldb.pcapng",
    "rxkad-clear-vos-listvldb.pcapng",
    "rxkad-k5-clear-vos-listvldb.pcapng",
]


def calls_in(capture: Path) -> dict[int, tuple[bytes, list[bytes]]]:
    """Map each call number to its request and its reply's packet payloads, in seq order.

    Retransmitted DATA packets (same call and seq) are counted once. The captures hold one
    connection each, so the call number identifies a call.
    """
    requests: dict[int, dict[int, bytes]] = {}
    replies: dict[int, dict[int, bytes]] = {}
    for datagram in read_udp_datagrams(capture):
        header = decode_header_untrusted(datagram.payload)
        if header.type != PacketType.DATA:
            continue
        side = requests if header.flags & PacketFlags.CLIENT_INITIATED else replies
        side.setdefault(header.call_number, {})[header.seq] = datagram.payload[HEADER_SIZE:]
    calls: dict[int, tuple[bytes, list[bytes]]] = {}
    for call, request in requests.items():
        reply = replies.get(call, {})
        calls[call] = (
            b"".join(request[seq] for seq in sorted(request)),
            [reply[seq] for seq in sorted(reply)],
        )
    return calls


# ---------------------------------------------------------------------- PR_NameToID

# What `pts examine admin` asked: PR_NameToID on calls 1, 2 and 6 of its connection.
PTS_EXAMINE_NAME_TO_ID = {
    1: (["admin"], [1]),
    2: (["admin"], [1]),
    6: (["admin", "system:administrators"], [1, -204]),
}


def test_name_to_id_matches_pts_examine() -> None:
    calls = calls_in(capture_path("rxnull-pts-examine"))
    name_to_id = {
        call: (request, reply)
        for call, (request, reply) in calls.items()
        if request[:4] == afsrpc.PR_NAME_TO_ID.to_bytes(4, "big")
    }
    assert sorted(name_to_id) == sorted(PTS_EXAMINE_NAME_TO_ID)
    for call, (names, ids) in PTS_EXAMINE_NAME_TO_ID.items():
        request, reply = name_to_id[call]
        assert afsrpc.encode_name_to_id_request(names) == request, f"call {call}"
        assert len(reply) == 1, f"call {call}: one reply packet"
        assert afsrpc.decode_name_to_id_reply(reply[0]) == ids, f"call {call}"


def test_name_to_id_request_layout() -> None:
    request = afsrpc.encode_name_to_id_request([b"ab"])
    # opcode, count, then char[64] as 64 words: 'a', 'b', 62 NULs.
    assert len(request) == 4 + 4 + 64 * 4
    assert request[:16] == bytes.fromhex("000001f8000000010000006100000062")
    assert not any(request[16:])


def test_name_to_id_rejects_names_without_room_for_nul() -> None:
    afsrpc.encode_name_to_id_request(["x" * 63])
    with pytest.raises(XDRError):
        afsrpc.encode_name_to_id_request(["x" * 64])


@pytest.mark.parametrize(
    "reply",
    [
        "",
        "0000000200000001",  # one id short
        "000000010000000100000000",  # a word too many
        "00001389" + "00000000" * 5001,  # more than PR_MAXLISTSIZE
    ],
)
def test_name_to_id_reply_rejects_malformed(reply: str) -> None:
    with pytest.raises(XDRError):
        afsrpc.decode_name_to_id_reply(bytes.fromhex(reply))


# --------------------------------------------------------------- VL_ListAttributesN2


def vos_listvldb(name: str) -> tuple[bytes, list[bytes]]:
    calls = calls_in(capture_path(name))
    assert list(calls) == [1], "vos listvldb makes one call"
    return calls[1]


def expected_entry(name: str, rw_id: int) -> afsrpc.NVLDBEntry:
    host = ipaddress.IPv4Address(manifest()["cell"]["host"])
    return afsrpc.NVLDBEntry(
        name=name,
        sites=(afsrpc.VLSite(host, partition=0, flags=0x4),),
        volume_ids=(rw_id, rw_id + 1, rw_id + 2),
        clone_id=0,
        flags=0x1000,
        match_index=0x40000,
    )


@pytest.mark.parametrize("capture", VL_CAPTURES)
def test_list_attributes_n2_request_matches_vos_listvldb(capture: str) -> None:
    request, _ = vos_listvldb(capture)
    assert afsrpc.encode_list_attributes_n2_request() == request


@pytest.mark.parametrize("capture", VL_CAPTURES)
def test_list_attributes_n2_reply_matches_vos_listvldb(capture: str) -> None:
    _, packets = vos_listvldb(capture)
    assert [len(p) for p in packets] == [1416, 24], "the reply spans two DATA packets"
    reply = afsrpc.decode_list_attributes_n2_reply(b"".join(packets))
    volumes = manifest()["cell"]["volumes"]
    assert reply == afsrpc.ListAttributesN2Reply(
        n_entries=3,
        entries=[
            expected_entry("root.afs", volumes["root.afs"]),
            expected_entry("root.cell", volumes["root.cell"]),
            expected_entry("test.vol", volumes["test.vol"]),
        ],
        next_start_index=-1,
    )
    # Neither packet is a whole reply on its own.
    for part in packets:
        with pytest.raises(XDRError):
            afsrpc.decode_list_attributes_n2_reply(part)


def test_list_attributes_n2_request_with_filter() -> None:
    where = afsrpc.VldbListByAttributes(
        mask=afsrpc.VLLIST_SERVER | afsrpc.VLLIST_PARTITION,
        server=int(ipaddress.IPv4Address("127.0.0.1")),
        partition=0,
    )
    request = afsrpc.encode_list_attributes_n2_request(where, "root.*", start_index=2)
    assert request.hex() == (
        "00000216"  # opcode 534
        "00000003"
        "7f000001"
        "00000000"
        "00000000"
        "00000000"
        "00000000"  # attributes
        "00000006"
        "726f6f742e2a0000"  # "root.*", padded
        "00000002"  # start index
    )
    with pytest.raises(XDRError):
        afsrpc.encode_list_attributes_n2_request(volume_name="v" * 66)


def test_list_attributes_n2_reply_rejects_bad_server_count() -> None:
    _, packets = vos_listvldb(VL_CAPTURES[0])
    reply = bytearray(b"".join(packets))
    # nServers of the first entry: after nentries, the array count and char name[65].
    offset = 4 + 4 + 65 * 4
    assert reply[offset : offset + 4] == bytes.fromhex("00000001")
    reply[offset : offset + 4] = (14).to_bytes(4, "big")
    with pytest.raises(XDRError, match="14 servers"):
        afsrpc.decode_list_attributes_n2_reply(bytes(reply))


@given(st.binary(max_size=2048))
def test_reply_decoders_raise_only_xdr_error(data: bytes) -> None:
    for decode in (afsrpc.decode_name_to_id_reply, afsrpc.decode_list_attributes_n2_reply):
        try:
            decode(data)
        except XDRError:
            pass
