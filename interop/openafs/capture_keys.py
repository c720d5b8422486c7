"""Read a capture of OpenAFS tools back and record what a test needs to check it.

For an rxkad capture that means the session key: the ticket in the RESPONSE is opened with
the cell's server key (trio_rxrpc's ticket code), and the key is accepted only if the header
checksum OpenAFS put on every DATA packet, in both directions, is the one that key gives and
every payload unseals.  Alongside go the values a known-answer test compares with: the
checksum IV, the ticket's and the RESPONSE's plaintext, and the first request and reply of
the connection, sealed and unsealed.
"""

from __future__ import annotations

import struct
from collections import Counter
from typing import TYPE_CHECKING, Final

from trio_rxrpc._proto.security import _des, _krb5, rxkad, rxkad_handshake
from trio_rxrpc._proto.security.keyfile import KEY_TYPE_RXKAD_KRB5
from trio_rxrpc._proto.wire import PacketType, decode_datagram_untrusted
from trio_rxrpc.testing._pcapng import UDPDatagram, read_udp_datagrams

if TYPE_CHECKING:
    from pathlib import Path

    from trio_rxrpc._proto.security.keyfile import Keyring

HEADER: Final = struct.Struct(">5I4B2H")
CLIENT_INITIATED: Final = 0x01


class BadCapture(Exception):
    """The capture is not clean enough to commit (the caller records it again)."""


def packet_counts(datagrams: list[UDPDatagram]) -> dict[str, int]:
    """Packets by type name; every datagram must decode."""
    counts: Counter[str] = Counter()
    for datagram in datagrams:
        for packet in decode_datagram_untrusted(datagram.payload):
            counts[PacketType(packet.header.type).name] += 1
    return dict(sorted(counts.items()))


def check_clean(datagrams: list[UDPDatagram], *, one_connection: bool) -> None:
    """Refuse retransmitted DATA packets and, if asked, traffic of more than one connection.

    Raises:
        BadCapture: what was wrong.
    """
    if not datagrams:
        raise BadCapture("no datagrams")
    seen: set[tuple[int, ...]] = set()
    connections: set[tuple[int, int]] = set()
    for datagram in datagrams:
        fields = HEADER.unpack_from(datagram.payload)
        epoch, cid, call, seq, _, ptype, flags = fields[:7]
        if ptype in (PacketType.VERSION, PacketType.DEBUG):
            continue
        connections.add((epoch, cid & ~3))
        if ptype == PacketType.DATA:
            key = (epoch, cid, call, seq, flags & CLIENT_INITIATED)
            if key in seen:
                raise BadCapture(f"DATA call {call} seq {seq} sent twice (a retransmission)")
            seen.add(key)
    if one_connection and len(connections) > 1:
        raise BadCapture(f"{len(connections)} connections where one was expected")


def recover_session(path: Path, keyring: Keyring) -> dict[str, object]:
    """Open the one rxkad handshake of ``path`` and return what the manifest records of it.

    Raises:
        BadCapture: no single handshake, or a key that does not explain OpenAFS's checksums.
    """
    datagrams = list(read_udp_datagrams(path))
    challenges = [d for d in datagrams if d.payload[20] == PacketType.CHALLENGE]
    responses = [d for d in datagrams if d.payload[20] == PacketType.RESPONSE]
    if len(challenges) != 1 or len(responses) != 1:
        raise BadCapture(f"{len(challenges)} challenges and {len(responses)} responses")
    challenge_payload = challenges[0].payload[HEADER.size:]
    response = responses[0]
    epoch, cid = HEADER.unpack_from(response.payload)[:2]
    challenge = rxkad_handshake.decode_challenge_untrusted(challenge_payload)
    v2 = challenge.version != 0
    verified = rxkad_handshake.verify_response(
        response.payload[HEADER.size:], v2=v2, keyring=keyring, nonce=challenge.nonce,
        min_level=challenge.min_level, epoch=epoch, cid=cid, now=int(response.timestamp),
    )  # fmt: skip
    schedule = verified.schedule
    level = int(verified.level)
    data = [d for d in datagrams if d.payload[20] == PacketType.DATA
            and HEADER.unpack_from(d.payload)[:2] == (epoch, cid)]  # fmt: skip
    firsts: dict[bool, dict[str, object]] = {}
    for datagram in data:
        fields = HEADER.unpack_from(datagram.payload)
        call, seq, flags, cksum = fields[2], fields[3], fields[6], fields[9]
        expected = rxkad.header_checksum(schedule, verified.csum_iv, call_number=call,
                                         channel=cid & 3, seq=seq)
        if cksum != expected:
            raise BadCapture(f"frame {datagram.index}: checksum {cksum:04x}, key gives "
                             f"{expected:04x}")
        payload = datagram.payload[HEADER.size:]
        user_data = rxkad.unseal_packet(level, schedule, call_number=call, seq=seq,
                                        payload=payload)
        from_client = bool(flags & CLIENT_INITIATED)
        if from_client not in firsts:
            first: dict[str, object] = {
                "frame": datagram.index, "call": call, "seq": seq, "cksum": cksum,
                "user_data": user_data.hex(),
            }  # fmt: skip
            if level == rxkad.Level.CRYPT:
                first["unsealed_payload"] = schedule.pcbc_decrypt(schedule.key, payload).hex()
            firsts[from_client] = first
    if set(firsts) != {False, True}:
        raise BadCapture("DATA in only one direction")
    sealed = rxkad_handshake.decode_response_untrusted(response.payload[HEADER.size:], v2=v2)
    response_plain = schedule.pcbc_decrypt(schedule.key, sealed.sealed)
    entry: dict[str, object] = {
        "session_key": verified.ticket.session_key.hex(),
        "level": level,
        "response_kvno": sealed.kvno,
        "ticket_length": len(sealed.ticket),
        "epoch": epoch,
        "cid": cid,
        "time": int(response.timestamp),
        "csum_iv": verified.csum_iv.hex(),
        "response_plain": response_plain.hex(),
        "response_checksum": struct.unpack_from(">I", response_plain, 8)[0],
        "first_request": firsts[True],
        "first_reply": firsts[False],
    }
    if sealed.kvno in (rxkad.TICKET_TYPE_KERBEROS_V5, rxkad.TICKET_TYPE_KERBEROS_V5_ENCPART_ONLY):
        enc = _krb5.decode_encrypted_data(sealed.ticket)
        service_key = keyring.get(KEY_TYPE_RXKAD_KRB5, enc.kvno or 0, enc.etype)
        if service_key is None:
            raise BadCapture(f"no rxkad-krb5 key kvno {enc.kvno} enctype {enc.etype}")
        entry["enc_ticket_part"] = _krb5.decrypt(enc.etype, service_key, _krb5.KEY_USAGE_TICKET,
                                                 enc.cipher).hex()
    else:
        server_key = keyring.rxkad[sealed.kvno]
        entry["ticket_plain"] = _des.pcbc_decrypt(server_key, server_key, sealed.ticket).hex()
    return entry
