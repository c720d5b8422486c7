"""rxkad against real OpenAFS 1.8.9 traffic (tests/data/captures, see its README).

For each rxkad capture: recover the session key from the RESPONSE's ticket with the server
key, run the server's whole RESPONSE check, verify the header checksum of every DATA packet in
both directions, and unseal every payload.  The decrypted traffic is then compared with the
rxnull captures of the same commands, which must carry the very same RPC bytes.
"""

from __future__ import annotations

import struct
from typing import NamedTuple

import pytest
from recorded import capture, capture_entries, capture_path, manifest

from trio_rxrpc._proto.security import rxkad, rxkad_handshake
from trio_rxrpc._proto.security._fcrypt import FcryptSchedule
from trio_rxrpc._proto.security.keyfile import (
    KEY_TYPE_RXKAD,
    KEY_TYPE_RXKAD_KRB5,
    Keyring,
    ServerKey,
)
from trio_rxrpc.testing._pcapng import read_udp_datagrams

# The cell's keys, as the manifest records them.
KEYS = manifest()["keys"]
KVNO = KEYS["rxkad"]["kvno"]
KEYRING = Keyring(
    [
        ServerKey(KEY_TYPE_RXKAD, KVNO, 0, bytes.fromhex(KEYS["rxkad"]["key"])),
        ServerKey(KEY_TYPE_RXKAD_KRB5, KEYS["rxkad_krb5"]["kvno"], KEYS["rxkad_krb5"]["enctype"],
                  bytes.fromhex(KEYS["rxkad_krb5"]["key"])),
    ]
)

DATA, CHALLENGE, RESPONSE = 1, 6, 7
CLIENT_INITIATED = 0x01


class Capture(NamedTuple):
    file: str
    level: int
    kvno: int  # the response's kvno field
    opcodes: frozenset[int]  # RPC opcodes the client's calls start with


CASES = [
    Capture("rxkad-clear-vos-listvldb.pcapng", 0, KVNO, frozenset({534})),
    Capture("rxkad-crypt-vos-listvldb.pcapng", 2, KVNO, frozenset({534})),
    Capture("rxkad-crypt-pts-examine.pcapng", 2, KVNO, frozenset({504, 505, 512, 515})),
    Capture("rxkad-clear-bos-listhosts.pcapng", 0, KVNO, frozenset({94, 95})),
    Capture("rxkad-crypt-bos-listkeys.pcapng", 2, KVNO, frozenset({90})),
    Capture("rxkad-k5-clear-vos-listvldb.pcapng", 0, 213, frozenset({534})),
    Capture("rxkad-k5-crypt-pts-examine.pcapng", 2, 213, frozenset({504, 505, 512, 515})),
]


class Packet(NamedTuple):
    epoch: int
    cid: int
    call_number: int
    seq: int
    type: int
    flags: int
    security_index: int
    cksum: int
    payload: bytes
    timestamp: float


def _packets(name: str) -> list[Packet]:
    packets = []
    for datagram in read_udp_datagrams(capture_path(name)):
        raw = datagram.payload
        assert len(raw) >= 28
        epoch, cid, call, seq, _serial, ptype, flags, _status, index, cksum, _service = (
            struct.unpack(">IIIIIBBBBHH", raw[:28])
        )
        packets.append(
            Packet(epoch, cid, call, seq, ptype, flags, index, cksum, raw[28:], datagram.timestamp)
        )
    return packets


def _manifest_session_key(name: str) -> bytes:
    return bytes.fromhex(capture(name)["rxkad"]["session_key"])


def _handshake(packets: list[Packet]) -> tuple[Packet, rxkad_handshake.VerifiedResponse]:
    """Run the server's RESPONSE check on the capture's one handshake."""
    (challenge_packet,) = [p for p in packets if p.type == CHALLENGE]
    (response_packet,) = [p for p in packets if p.type == RESPONSE]
    assert challenge_packet.security_index == rxkad.SECURITY_INDEX
    challenge = rxkad_handshake.decode_challenge_untrusted(challenge_packet.payload)
    verified = rxkad_handshake.verify_response(
        response_packet.payload,
        v2=challenge.version == rxkad.CHALLENGE_VERSION,
        keyring=KEYRING,
        nonce=challenge.nonce,
        min_level=challenge.min_level,
        epoch=response_packet.epoch,
        cid=response_packet.cid,
        now=int(response_packet.timestamp),
    )
    return response_packet, verified


def _user_data(name: str, level: int | None = None) -> list[tuple[bool, bytes]]:
    """Every DATA packet's (from client?, application bytes), unsealed when ``level`` is set."""
    packets = _packets(name)
    schedule = _handshake(packets)[1].schedule if level is not None else None
    out = []
    for p in packets:
        if p.type != DATA:
            continue
        data = p.payload
        if schedule is not None and level is not None:
            data = rxkad.unseal_packet(
                level, schedule, call_number=p.call_number, seq=p.seq, payload=p.payload
            )
        out.append((bool(p.flags & CLIENT_INITIATED), data))
    return out


def test_every_rxkad_capture_is_a_case() -> None:
    assert {e["file"] for e in capture_entries(rxkad=True)} == {c.file for c in CASES}


@pytest.mark.parametrize("case", CASES, ids=[c.file for c in CASES])
def test_response_ticket_yields_manifest_session_key(case: Capture) -> None:
    packets = _packets(case.file)
    response_packet, verified = _handshake(packets)
    assert verified.ticket.session_key == _manifest_session_key(case.file)
    assert verified.kvno == case.kvno
    assert verified.level == case.level
    ticket = verified.ticket
    assert (ticket.name, ticket.instance, ticket.realm) == ("afs", "", "")
    assert verified.call_numbers == (1, 0, 0, 0)
    sealed = rxkad_handshake.decode_response_untrusted(response_packet.payload, v2=True)
    if case.kvno == rxkad.TICKET_TYPE_KERBEROS_V5_ENCPART_ONLY:
        assert len(sealed.ticket) == 154
    else:
        assert len(sealed.ticket) == 32  # the 29-byte -localauth ticket, padded


@pytest.mark.parametrize("case", CASES, ids=[c.file for c in CASES])
def test_every_data_packet_has_a_valid_header_checksum(case: Capture) -> None:
    packets = _packets(case.file)
    _, verified = _handshake(packets)
    data = [p for p in packets if p.type == DATA]
    assert data
    assert {p.flags & CLIENT_INITIATED for p in data} == {0, CLIENT_INITIATED}  # both ways
    for p in data:
        assert p.security_index == rxkad.SECURITY_INDEX
        expected = rxkad.header_checksum(
            verified.schedule, verified.csum_iv,
            call_number=p.call_number, channel=p.cid, seq=p.seq,
        )  # fmt: skip
        assert p.cksum == expected, f"call {p.call_number} seq {p.seq}"
    # A wrong session key gives different checksums.
    other = FcryptSchedule(bytes.fromhex("0123456789abcdef"))
    other_iv = rxkad.compute_csum_iv(other, epoch=data[0].epoch, cid=data[0].cid)
    mismatches = [
        p for p in data
        if rxkad.header_checksum(other, other_iv, call_number=p.call_number,
                                 channel=p.cid, seq=p.seq) != p.cksum
    ]  # fmt: skip
    assert mismatches


@pytest.mark.parametrize("case", CASES, ids=[c.file for c in CASES])
def test_every_payload_unseals(case: Capture) -> None:
    packets = _packets(case.file)
    _, verified = _handshake(packets)
    schedule = verified.schedule
    first_words = set()
    for p in packets:
        if p.type != DATA:
            continue
        data = rxkad.unseal_packet(
            case.level, schedule, call_number=p.call_number, seq=p.seq, payload=p.payload
        )
        if case.level == rxkad.Level.CRYPT:
            size = len(p.payload)
            assert size % 8 == 0
            assert size >= 8
            plain = schedule.pcbc_decrypt(schedule.key, p.payload)
            word0, reserved = struct.unpack_from(">II", plain)
            assert word0 >> 16 == (p.seq ^ p.call_number) & 0xFFFF
            assert word0 & 0xFFFF == len(data)
            assert reserved == 0
            assert size == rxkad.sealed_size(case.level, len(data))  # OpenAFS pads minimally
            assert plain[8 : 8 + len(data)] == data
        else:
            assert data == p.payload
        if p.flags & CLIENT_INITIATED and p.seq == 1:
            first_words.add(struct.unpack_from(">I", data)[0])
    assert first_words == case.opcodes


@pytest.mark.parametrize("case", CASES, ids=[c.file for c in CASES])
def test_batched_paths_agree_with_the_capture(case: Capture) -> None:
    """What a receive batch does (all checksums at once, all payloads in one planar pass)
    gives OpenAFS's checksums and the same plaintext as packet-by-packet decryption."""
    packets = _packets(case.file)
    _, verified = _handshake(packets)
    schedule = verified.schedule
    data = [p for p in packets if p.type == DATA]
    iv_left, iv_right = struct.unpack(">II", verified.csum_iv)
    rights = schedule.encrypt_words_many(
        [p.call_number ^ iv_left for p in data],
        [(((p.cid & 3) << 30) | (p.seq & 0x3FFFFFFF)) ^ iv_right for p in data])
    assert [(r >> 16) or 1 for r in rights] == [p.cksum for p in data]
    if case.level == rxkad.Level.CRYPT:
        payloads = [p.payload for p in data]
        batch = schedule.pcbc_decrypt_many(schedule.key, payloads)
        assert batch == [schedule.pcbc_decrypt(schedule.key, q) for q in payloads]


@pytest.mark.parametrize(
    ("sealed_file", "level", "plain_file"),
    [
        ("rxkad-crypt-pts-examine.pcapng", 2, "rxnull-pts-examine.pcapng"),
        ("rxkad-k5-crypt-pts-examine.pcapng", 2, "rxnull-pts-examine.pcapng"),
        ("rxkad-crypt-vos-listvldb.pcapng", 2, "rxnull-vos-listvldb.pcapng"),
        ("rxkad-clear-vos-listvldb.pcapng", 0, "rxnull-vos-listvldb.pcapng"),
        ("rxkad-k5-clear-vos-listvldb.pcapng", 0, "rxnull-vos-listvldb.pcapng"),
    ],
)
def test_unsealed_traffic_matches_rxnull_run(sealed_file: str, level: int, plain_file: str) -> None:
    sealed = _user_data(sealed_file, level)
    plain = _user_data(plain_file)

    # Packet boundaries differ with the level (less room per packet), so compare each
    # direction's byte stream.
    def stream(items: list[tuple[bool, bytes]], from_client: bool) -> bytes:
        return b"".join(data for client, data in items if client == from_client)

    assert stream(sealed, True) == stream(plain, True)
    assert stream(sealed, False) == stream(plain, False)
    if level == rxkad.Level.CRYPT and "pts" in sealed_file:
        assert sealed == plain  # one packet per message: identical packet by packet


def test_bos_listkeys_reply_carries_the_server_key() -> None:
    replies = [data for client, data in _user_data("rxkad-crypt-bos-listkeys.pcapng", 2)
               if not client]  # fmt: skip
    (reply,) = replies
    kvno, *chars = struct.unpack_from(">I8i", reply)  # bozo_key: 8 XDR chars
    assert kvno == KVNO
    assert bytes(c & 0xFF for c in chars) == KEYRING.rxkad[KVNO]


def test_wrong_server_key_is_refused() -> None:
    packets = _packets("rxkad-crypt-pts-examine.pcapng")
    (challenge_packet,) = [p for p in packets if p.type == CHALLENGE]
    (response_packet,) = [p for p in packets if p.type == RESPONSE]
    challenge = rxkad_handshake.decode_challenge_untrusted(challenge_packet.payload)
    wrong = Keyring.from_des_key(bytes.fromhex("5e1a2a3d4c6e7080"), KVNO)
    with pytest.raises(rxkad.RxkadError) as caught:
        rxkad_handshake.verify_response(
            response_packet.payload, v2=True, keyring=wrong, nonce=challenge.nonce,
            min_level=0, epoch=response_packet.epoch, cid=response_packet.cid,
            now=int(response_packet.timestamp),
        )  # fmt: skip
    assert caught.value.code == rxkad.RXKADBADTICKET
