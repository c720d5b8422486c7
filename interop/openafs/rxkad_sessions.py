"""rxkad handshakes of our own against the cell's ptserver, recorded byte for byte.

The OpenAFS tools only ever use rxkad levels clear and crypt, always answer v2 challenges and
only send the tickets ``-localauth`` forges.  To have OpenAFS's answer to everything else
(level auth, the old 8-byte challenge, tickets with every field set, Kerberos 5 tickets with
AES and triple-DES session keys, whose rxkad key comes from the rxkad-kdf), this module plays
the client itself: a plain UDP socket, packets built with trio_rxrpc's rxkad functions, one
call per connection.  The ptserver's reply, sealed and checksummed by OpenAFS with the session
key it derived, is the known answer; the request and RESPONSE show what it accepted.

A connection whose first DATA packet carries no header checksum gets the old challenge: that
is how the ptserver tells old clients apart (``cksumSeen`` in rxkad's server code).
"""

from __future__ import annotations

import socket
import struct
import time
from typing import Final

import attrs

from trio_rxrpc._proto.security import _des, _krb5, rxkad, rxkad_handshake, rxkad_ticket
from trio_rxrpc._proto.security._fcrypt import FcryptSchedule

PTSERVER: Final = ("127.0.0.1", 7002)
PR_SERVICE: Final = 73
PR_NAME_TO_ID: Final = 504
PR_LIST_ENTRIES: Final = 521

HEADER: Final = struct.Struct(">5I4B2H")
T_DATA, T_ACK, T_ABORT, T_CHALLENGE, T_RESPONSE = 1, 2, 4, 6, 7
F_CLIENT, F_REQUEST_ACK, F_LAST = 0x01, 0x02, 0x04
ACK_REQUESTED, ACK_PING, ACK_PING_RESPONSE, ACK_IDLE = 1, 6, 7, 9


class SessionFailed(Exception):
    """The ptserver did not answer the call the way a session needs."""


@attrs.frozen
class Token:
    """What the client presents: the ticket, the RESPONSE's kvno field, the rxkad key."""

    ticket: bytes
    kvno_field: int
    session_key: bytes


@attrs.frozen
class Exchange:
    """The packets of one recorded session (whole Rx datagrams, header included)."""

    request: bytes
    challenge: bytes
    response: bytes
    replies: tuple[bytes, ...]
    time: int


def _header(epoch: int, cid: int, call: int, seq: int, serial: int, ptype: int, flags: int,
            cksum: int = 0) -> bytes:
    return HEADER.pack(epoch, cid, call, seq, serial, ptype, flags, 0, rxkad.SECURITY_INDEX,
                       cksum, PR_SERVICE)


def _ack(epoch: int, cid: int, serial: int, first: int, acked: int, reason: int) -> bytes:
    body = struct.pack(">HHIIIBB", 0, 0, first, first - 1, acked, reason, 0)
    body += bytes(3) + struct.pack(">4I", 1444, 1444, 32, 1)
    return _header(epoch, cid, 1 if reason != ACK_PING_RESPONSE else 0, 0, serial, T_ACK,
                   F_CLIENT) + body


def run_session(token: Token, *, level: int, old_challenge: bool, request: bytes, epoch: int,
                cid: int, timeout: float = 20.0) -> Exchange:
    """Make one call on a new rxkad connection and return the packets that mattered.

    Raises:
        SessionFailed: an ABORT, a second challenge format, or no reply in ``timeout`` s.
    """
    schedule = FcryptSchedule(token.session_key)
    csum_iv = rxkad.compute_csum_iv(schedule, epoch=epoch, cid=cid)
    cksum = 0 if old_challenge else rxkad.header_checksum(schedule, csum_iv, call_number=1,
                                                          channel=cid & 3, seq=1)
    sealed = rxkad.seal_packet(level, schedule, call_number=1, seq=1, data=request)
    serial = 0

    def data_packet() -> bytes:
        nonlocal serial
        serial += 1
        return _header(epoch, cid, 1, 1, serial, T_DATA, F_CLIENT | F_REQUEST_ACK | F_LAST,
                       cksum) + sealed

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.settimeout(0.5)
        first = data_packet()
        sock.sendto(first, PTSERVER)
        challenge = b""
        response = b""
        replies: dict[int, bytes] = {}
        last: int | None = None
        started = int(time.time())
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                datagram, _ = sock.recvfrom(65536)
            except TimeoutError:
                # Nothing for a while: the first DATA packet was dropped before the handshake,
                # or is lost; send it again (a new serial, the same call and checksum).
                sock.sendto(response or data_packet(), PTSERVER)
                if response:
                    sock.sendto(data_packet(), PTSERVER)
                continue
            fields = HEADER.unpack_from(datagram)
            ptype, flags, payload = fields[5], fields[6], datagram[HEADER.size:]
            if ptype == T_CHALLENGE:
                if challenge and challenge != datagram:
                    raise SessionFailed("the ptserver changed its challenge")
                challenge = datagram
                decoded = rxkad_handshake.decode_challenge_untrusted(payload)
                if (decoded.version == 0) != old_challenge:
                    raise SessionFailed(f"unexpected challenge format {payload.hex()}")
                serial += 1
                response = _header(epoch, cid, 0, 0, serial, T_RESPONSE, F_CLIENT) + (
                    rxkad_handshake.make_response(
                        decoded, schedule, level=level, kvno=token.kvno_field,
                        ticket=token.ticket, epoch=epoch, cid=cid, call_numbers=(1, 0, 0, 0),
                    ))  # fmt: skip
                sock.sendto(response, PTSERVER)
                sock.sendto(data_packet(), PTSERVER)  # the server dropped it unauthenticated
            elif ptype == T_ABORT:
                raise SessionFailed(f"aborted: {struct.unpack_from('>i', payload)[0]}")
            elif ptype == T_ACK and len(payload) > 16 and payload[16] == ACK_PING:
                serial += 1
                sock.sendto(_ack(epoch, cid, serial, 1, fields[4], ACK_PING_RESPONSE), PTSERVER)
            elif ptype == T_DATA and not flags & F_CLIENT:
                if not response:
                    raise SessionFailed("a reply before any handshake")
                replies[fields[3]] = datagram
                if flags & F_LAST:
                    last = fields[3]
                if last is not None and len(replies) == last:
                    serial += 1
                    sock.sendto(_ack(epoch, cid, serial, last + 1, fields[4], ACK_IDLE),
                                PTSERVER)
                    return Exchange(first, challenge, response,
                                    tuple(replies[i] for i in range(1, last + 1)), started)
                if flags & F_REQUEST_ACK:
                    serial += 1
                    sock.sendto(_ack(epoch, cid, serial, len(replies) + 1, fields[4],
                                     ACK_REQUESTED), PTSERVER)
    raise SessionFailed(f"no complete reply within {timeout} s")


# ------------------------------------------------------------------------ what gets recorded


def describe(exchange: Exchange, token: Token, *, level: int, request: bytes) -> dict[str, object]:
    """The manifest entry of a session: its packets, and what trio_rxrpc reads out of them.

    The derived values (csum IV, the RESPONSE's opened part, unsealed replies) are checked here
    against what OpenAFS put on the wire: the reply's header checksum must be the one computed
    from the session key, and the reply must unseal at the session's level.
    """
    schedule = FcryptSchedule(token.session_key)
    epoch, cid = HEADER.unpack_from(exchange.request)[:2]
    csum_iv = rxkad.compute_csum_iv(schedule, epoch=epoch, cid=cid)
    challenge = rxkad_handshake.decode_challenge_untrusted(exchange.challenge[HEADER.size:])
    v2 = challenge.version != 0
    sealed = rxkad_handshake.decode_response_untrusted(exchange.response[HEADER.size:], v2=v2)
    if v2:
        response_plain = schedule.pcbc_decrypt(schedule.key, sealed.sealed)
    else:
        response_plain = schedule.decrypt_block(sealed.sealed)
    reply_data = b""
    unsealed = []
    for packet in exchange.replies:
        fields = HEADER.unpack_from(packet)
        call, seq, cksum = fields[2], fields[3], fields[9]
        expected = rxkad.header_checksum(schedule, csum_iv, call_number=call, channel=cid & 3,
                                         seq=seq)
        if cksum != expected:
            raise SessionFailed(f"reply checksum {cksum:04x}, expected {expected:04x}")
        payload = packet[HEADER.size:]
        reply_data += rxkad.unseal_packet(level, schedule, call_number=call, seq=seq,
                                          payload=payload)
        if level == rxkad.Level.CRYPT:
            unsealed.append(schedule.pcbc_decrypt(schedule.key, payload).hex())
        elif level == rxkad.Level.AUTH:
            unsealed.append((schedule.decrypt_block(payload[:8]) + payload[8:]).hex())
    entry: dict[str, object] = {
        "level": level,
        "challenge_format": "v2" if v2 else "old",
        "session_key": token.session_key.hex(),
        "epoch": epoch,
        "cid": cid,
        "time": exchange.time,
        "kvno_field": token.kvno_field,
        "ticket": token.ticket.hex(),
        "csum_iv": csum_iv.hex(),
        "request_user_data": request.hex(),
        "request_packet": exchange.request.hex(),
        "challenge_payload": exchange.challenge[HEADER.size:].hex(),
        "response_packet": exchange.response.hex(),
        "response_plain": response_plain.hex(),
        "reply_packets": [packet.hex() for packet in exchange.replies],
        "reply_user_data": reply_data.hex(),
    }
    if v2:
        entry["response_checksum"] = struct.unpack_from(">I", response_plain, 8)[0]
    if unsealed:
        entry["reply_unsealed_payloads"] = unsealed
    return entry


def v4_token(server_key: bytes, session_key: bytes, *, realm: str, now: int) -> tuple[
        Token, dict[str, object]]:
    """A Kerberos 4 style ticket for ``admin`` with every field in use: realm, host address,
    a start time and a 10-hour lifetime (code 120)."""
    start = now - 60
    fields: dict[str, object] = {
        "name": "admin", "instance": "", "realm": realm, "host": 0x7F000001,
        "start": start, "life": 120, "service": "afs", "service_instance": "",
    }  # fmt: skip
    ticket = rxkad_ticket.make_ticket(
        server_key, name="admin", realm=realm, host=0x7F000001, session_key=session_key,
        start=start, end=rxkad_ticket.life_to_time(start, 120),
    )  # fmt: skip
    fields["plain"] = _des.pcbc_decrypt(server_key, server_key, ticket).hex()
    return Token(ticket, 3, session_key), fields


def k5_token(
    service_key: bytes, service_kvno: int, enctype: int, *, full_ticket: bool, realm: str,
    cell: str, cname: tuple[str, ...], session_type: int, session_key: bytes,
    confounder: bytes, now: int,
) -> tuple[Token, dict[str, object]]:
    """A Kerberos 5 ticket as a KDC would issue it, in either rxkad form: the bare
    ``EncryptedData`` (kvno field 213) or the whole ``Ticket`` (256)."""
    part = _krb5.EncTicketPart(
        flags=_krb5.TICKET_FLAG_TRANSITED_POLICY_CHECKED, key_type=session_type,
        key_value=session_key, crealm=realm, cname=_krb5.PrincipalName(1, cname),
        authtime=now - 60, endtime=now + 36000,
    )  # fmt: skip
    plain = _krb5.encode_enc_ticket_part(part)
    cipher = _krb5.encrypt(enctype, service_key, _krb5.KEY_USAGE_TICKET, plain,
                           confounder=confounder)
    enc = _krb5.EncryptedData(enctype, service_kvno, cipher)
    if full_ticket:
        sname = _krb5.PrincipalName(2, ("afs", cell))
        ticket = _krb5.encode_ticket(_krb5.Ticket(5, realm, sname, enc))
        kvno_field = rxkad.TICKET_TYPE_KERBEROS_V5
    else:
        ticket = _krb5.encode_encrypted_data(enc)
        kvno_field = rxkad.TICKET_TYPE_KERBEROS_V5_ENCPART_ONLY
    rxkad_key = rxkad_ticket.derive_des_session_key(session_type, session_key)
    fields: dict[str, object] = {
        "form": "Ticket" if full_ticket else "EncryptedData",
        "enc_ticket_part": plain.hex(),
        "confounder": confounder.hex(),
        "ticket_session_key_type": session_type,
        "ticket_session_key": session_key.hex(),
        "crealm": realm,
        "cname": list(cname),
    }
    return Token(ticket, kvno_field, rxkad_key), fields
