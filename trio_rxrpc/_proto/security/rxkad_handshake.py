"""rxkad's connection handshake: the CHALLENGE and the RESPONSE.

Theory of operation
-------------------
A server that does not yet know a connection's session key holds the client's first packets
and sends a :class:`Challenge`: a random nonce and the lowest level it will accept, in the old
8-byte form or the v2 16-byte form.  The client answers in the same form
(:func:`make_response`): its ticket and kvno field in clear, and, encrypted under the session
key, the nonce plus one and the level it chose.  A v2 answer also seals the connection's epoch,
cid and security index and the latest call number on each channel, under a checksum
(:func:`response_checksum`), so it cannot be moved to another connection or used to replay
older calls.

On the server, :func:`verify_response` does the whole job: it reads the clear fields
(:func:`decode_response_untrusted`), opens the ticket with a server key to learn the session
key (:func:`.rxkad_ticket.open_ticket`), decrypts the sealed part (:func:`open_response`) and
compares it with what the server sent.  The checks run in the order OpenAFS runs them, so a
bad RESPONSE earns the same RXKAD* abort code from us as from OpenAFS.  The resulting
:class:`VerifiedResponse` names the ticket's principal and the level, and carries the key
schedule and checksum IV that :mod:`.rxkad`'s packet protection needs.

Like the rest of rxkad's computations, this is pure: the time for the ticket check is a
parameter.
"""

from __future__ import annotations

import struct
from typing import TYPE_CHECKING, Final

import attrs

from trio_rxrpc._proto.security._fcrypt import FcryptSchedule
from trio_rxrpc._proto.security.rxkad import (
    CHALLENGE_VERSION,
    MAX_TICKET_LEN,
    MIN_TICKET_LEN,
    RXKADINCONSISTENCY,
    RXKADLEVELFAIL,
    RXKADOUTOFSEQUENCE,
    RXKADPACKETSHORT,
    RXKADSEALEDINCON,
    RXKADTICKETLEN,
    SECURITY_INDEX,
    Level,
    _fail,
    _u32,
    compute_csum_iv,
)
from trio_rxrpc._proto.security.rxkad_ticket import TicketContents, open_ticket

if TYPE_CHECKING:
    from collections.abc import Sequence

    from trio_rxrpc._proto.security.keyfile import Keyring

__all__ = [
    "Challenge",
    "ResponseContents",
    "SealedResponse",
    "VerifiedResponse",
    "decode_challenge_untrusted",
    "decode_response_untrusted",
    "encode_challenge",
    "make_response",
    "open_response",
    "response_checksum",
    "verify_response",
]

_CALL_NUMBER_LIMIT: Final = 0x7FFFFFFF
_V2_RESPONSE_SIZE: Final = 56
_OLD_RESPONSE_SIZE: Final = 16


@attrs.frozen
class Challenge:
    """A CHALLENGE body.  ``version`` is 2 for the 16-byte form, 0 for the old 8-byte form."""

    nonce: int
    min_level: int
    version: int = CHALLENGE_VERSION


def encode_challenge(challenge: Challenge) -> bytes:
    """The CHALLENGE payload: v2 (16 bytes) unless ``version`` is 0 (old, 8 bytes)."""
    if challenge.version == 0:
        return struct.pack(">Ii", challenge.nonce, challenge.min_level)
    return struct.pack(">IIiI", challenge.version, challenge.nonce, challenge.min_level, 0)


def decode_challenge_untrusted(payload: bytes | bytearray | memoryview) -> Challenge:
    """Read a CHALLENGE payload the way OpenAFS clients do (longer than 8 bytes means v2).

    Raises:
        RxkadError: RXKADPACKETSHORT if the payload is too short for its form.
    """
    payload = bytes(payload)
    if len(payload) > 8:
        if len(payload) < 16:
            raise _fail(RXKADPACKETSHORT, "v2 rxkad challenge shorter than 16 bytes")
        version, nonce, level = struct.unpack_from(">IIi", payload)
        return Challenge(nonce=nonce, min_level=level, version=version)
    if len(payload) < 8:
        raise _fail(RXKADPACKETSHORT, "rxkad challenge shorter than 8 bytes")
    nonce, level = struct.unpack(">Ii", payload)
    return Challenge(nonce=nonce, min_level=level, version=0)


def response_checksum(response: bytes) -> int:
    """The v2 response checksum over its first 56 bytes in clear, bytes 16..19 taken as 0."""
    data = bytes(response[:_V2_RESPONSE_SIZE])
    data = data[:16] + bytes(4) + data[20:]
    value = 1000003
    for byte in data:
        value = (value * 0x10204081 + byte) & 0xFFFFFFFF
    return value


def make_response(
    challenge: Challenge,
    schedule: FcryptSchedule,
    *,
    level: int,
    kvno: int,
    ticket: bytes,
    epoch: int,
    cid: int,
    call_numbers: Sequence[int],
    security_index: int = SECURITY_INDEX,
) -> bytes:
    """Client side: the RESPONSE payload answering ``challenge``, in the challenge's format.

    Args:
        challenge: the decoded CHALLENGE.
        schedule: the token's session key schedule.
        level: the level this connection will run at.
        kvno: the token's kvno field (a key version, or 213/256 for Kerberos 5 tickets).
        ticket: the token's ticket, sent as is.
        epoch: the connection's epoch.
        cid: the connection id (channel bits are cleared here).
        call_numbers: the highest call number used so far on each of the 4 channels.
        security_index: the connection's security index (2, or 3 for KAE).

    Raises:
        RxkadError: RXKADLEVELFAIL if the server's minimum level is above ``level``;
            RXKADINCONSISTENCY for a call number that does not fit 31 bits.
    """
    if challenge.min_level > level:
        raise _fail(RXKADLEVELFAIL, f"server requires level {challenge.min_level}, not {level}")
    nonce = (challenge.nonce + 1) & 0xFFFFFFFF
    if challenge.version == 0:
        sealed = schedule.encrypt_block(struct.pack(">Ii", nonce, level))
        return sealed + struct.pack(">II", kvno, len(ticket)) + bytes(ticket)
    calls = tuple(call_numbers)
    if len(calls) != 4 or not all(0 <= c <= _CALL_NUMBER_LIMIT for c in calls):
        raise _fail(RXKADINCONSISTENCY, f"bad call number vector {calls}")
    head = struct.pack(
        ">IIIIIIIIIIIiII",
        CHALLENGE_VERSION, 0, epoch & 0xFFFFFFFF, cid & 0xFFFFFFFC, 0, security_index,
        *calls, nonce, level, kvno, len(ticket),
    )  # fmt: skip
    head = head[:16] + struct.pack(">I", response_checksum(head)) + head[20:]
    sealed = schedule.pcbc_encrypt(schedule.key, head[8:48])
    return head[:8] + sealed + head[48:] + bytes(ticket)


@attrs.frozen
class SealedResponse:
    """A RESPONSE with its clear fields read and its encrypted part still sealed."""

    version: int  # 2, or 0 for the old format
    kvno: int
    ticket: bytes = attrs.field(repr=lambda b: f"<{len(b)} bytes>")
    clear_head: bytes = attrs.field(repr=False)  # v2: bytes 0..7; old: empty
    sealed: bytes = attrs.field(repr=False)  # v2: bytes 8..47; old: bytes 0..7
    clear_tail: bytes = attrs.field(repr=False)  # kvno || ticketLen


@attrs.frozen
class ResponseContents:
    """The opened encrypted part of a RESPONSE.  The v2-only fields are ``None`` for old ones."""

    nonce: int  # the challenge nonce + 1, as the client sent it
    level: int
    epoch: int | None = None
    cid: int | None = None
    security_index: int | None = None
    call_numbers: tuple[int, int, int, int] | None = None


def decode_response_untrusted(payload: bytes | bytearray | memoryview, *,
                              v2: bool) -> SealedResponse:
    """Server side: read the clear parts of a RESPONSE in the format the challenge asked for.

    Raises:
        RxkadError: RXKADPACKETSHORT for a payload too short (v2) or of the wrong length (old);
            RXKADTICKETLEN for a ticket length outside 32..12000.
    """
    payload = bytes(payload)
    size = _V2_RESPONSE_SIZE if v2 else _OLD_RESPONSE_SIZE
    if len(payload) < size:
        raise _fail(RXKADPACKETSHORT, f"rxkad response shorter than {size} bytes")
    kvno, ticket_len = struct.unpack_from(">iI", payload, size - 8)
    if (len(payload) < size + ticket_len) if v2 else (len(payload) != size + ticket_len):
        raise _fail(RXKADPACKETSHORT, "rxkad response length disagrees with its ticket length")
    if not MIN_TICKET_LEN <= ticket_len <= MAX_TICKET_LEN:
        raise _fail(RXKADTICKETLEN, f"rxkad ticket length {ticket_len}")
    return SealedResponse(
        version=CHALLENGE_VERSION if v2 else 0,
        kvno=kvno,
        ticket=payload[size : size + ticket_len],
        clear_head=payload[:8] if v2 else b"",
        sealed=payload[8:48] if v2 else payload[:8],
        clear_tail=payload[size - 8 : size],
    )


def open_response(response: SealedResponse, schedule: FcryptSchedule) -> ResponseContents:
    """Decrypt a RESPONSE's encrypted part with the session key and check its checksum.

    Raises:
        RxkadError: RXKADSEALEDINCON if the v2 checksum does not match.
    """
    if response.version == 0:
        nonce, level = struct.unpack(">Ii", schedule.decrypt_block(response.sealed))
        return ResponseContents(nonce=nonce, level=level)
    plain = schedule.pcbc_decrypt(schedule.key, response.sealed)
    whole = response.clear_head + plain + response.clear_tail
    if _u32(plain, 8) != response_checksum(whole):
        raise _fail(RXKADSEALEDINCON, "rxkad response checksum mismatch")
    epoch, cid, _, index, c0, c1, c2, c3, nonce, level = struct.unpack(">IIIIiiiiIi", plain)
    return ResponseContents(
        nonce=nonce,
        level=level,
        epoch=epoch,
        cid=cid,
        security_index=index,
        call_numbers=(c0, c1, c2, c3),
    )


# -- the server's verdict -------------------------------------------------------------------------


@attrs.frozen
class VerifiedResponse:
    """What a server learns from a valid RESPONSE."""

    ticket: TicketContents
    kvno: int
    level: Level
    schedule: FcryptSchedule = attrs.field(eq=False)
    csum_iv: bytes = attrs.field(repr=False)
    call_numbers: tuple[int, int, int, int] | None  # None after an old-format handshake


def verify_response(
    payload: bytes | bytearray | memoryview,
    *,
    v2: bool,
    keyring: Keyring,
    nonce: int,
    min_level: int,
    epoch: int,
    cid: int,
    security_index: int = SECURITY_INDEX,
    now: int,
    allow_dotted_principals: bool = False,
) -> VerifiedResponse:
    """Server side: run every check on a RESPONSE, in OpenAFS's order.

    Args:
        payload: the RESPONSE payload.
        v2: whether the challenge sent was v2 (the response must then be v2).
        keyring: the server keys.
        nonce: the challenge's nonce.
        min_level: the lowest level the server accepts.
        epoch: the connection's epoch.
        cid: the connection's cid (channel bits ignored).
        security_index: the connection's security index.
        now: the current Unix time, for the ticket's validity.
        allow_dotted_principals: accept Kerberos 5 names whose first component has a dot.

    Raises:
        RxkadError: with the code OpenAFS would abort the connection with.
    """
    sealed = decode_response_untrusted(payload, v2=v2)
    ticket = open_ticket(
        sealed.ticket, sealed.kvno, keyring, now=now,
        allow_dotted_principals=allow_dotted_principals,
    )  # fmt: skip
    schedule = FcryptSchedule(ticket.session_key)
    contents = open_response(sealed, schedule)
    if contents.call_numbers is not None:
        if (contents.epoch, contents.cid, contents.security_index) != (
            epoch & 0xFFFFFFFF, cid & 0xFFFFFFFC, security_index,
        ):  # fmt: skip
            raise _fail(RXKADSEALEDINCON, "rxkad response is for another connection")
        if any(c < 0 for c in contents.call_numbers):
            raise _fail(RXKADSEALEDINCON, "negative call number in rxkad response")
    if contents.nonce != (nonce + 1) & 0xFFFFFFFF:
        raise _fail(RXKADOUTOFSEQUENCE, "rxkad response answers another challenge")
    if not min_level <= contents.level <= Level.CRYPT:
        raise _fail(RXKADLEVELFAIL, f"rxkad level {contents.level} not acceptable")
    return VerifiedResponse(
        ticket=ticket,
        kvno=sealed.kvno,
        level=Level(contents.level),
        schedule=schedule,
        csum_iv=compute_csum_iv(schedule, epoch=epoch, cid=cid, security_index=security_index),
        call_numbers=contents.call_numbers,
    )
