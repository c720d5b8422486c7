"""rxkad, the fcrypt-based Rx security class (index 2): its pure building blocks.

Theory of operation
-------------------
This module holds every rxkad computation that needs no connection state; the connection
object that strings them together lives elsewhere.  Section numbers refer to
spec/security.md.

* **Per connection (3.2).** Once the session key is known, both sides build its
  :class:`~._fcrypt.FcryptSchedule` and derive the checksum IV :func:`compute_csum_iv` from the
  epoch, the cid and the security index.
* **Per DATA packet (3.3, 3.4).** :func:`header_checksum` gives the 16-bit value for the
  header's cksum field at every level.  :func:`seal_packet` / :func:`unseal_packet` add and
  remove the level-1 (4-byte header, first block encrypted) or level-2 (8-byte header,
  everything PCBC-encrypted) protection.  Level 1 pads only up to 8 bytes in total, as
  OpenAFS does; both sides accept any padding.
* **Handshake (3.5).** The server's :class:`Challenge` comes in the old (8-byte) or v2 (16-byte)
  form.  The client answers with :func:`make_response`; the server checks the answer with
  :func:`verify_response`, which runs OpenAFS's checks in OpenAFS's order so that the abort
  codes match, and yields the ticket's identity and the negotiated level.
* **Tickets (3.6, 3.9).** A Kerberos-4 style ticket is a short record sealed with DES-PCBC under
  the server key (:func:`make_ticket`, :func:`decode_ticket`, :func:`check_ticket_times`).  With
  kvno field 213 or 256 the ticket is Kerberos 5 DER instead (:func:`decode_k5_ticket`), and
  non-DES session keys go through the rxkad-kdf (:func:`derive_des_session_key`).
* **-localauth (3.7).** :func:`forge_localauth_token` makes the token an OpenAFS tool makes
  from the server's own key; :func:`localauth_token` picks the key the same way it does.

Every failure raises :class:`RxkadError` with the RXKAD* code a peer expects in the ABORT.
Times are Unix wall-clock seconds and randomness is a ``random_bytes(n)`` callable, both passed
in; nothing here reads a clock or an entropy source.
"""

from __future__ import annotations

import enum
import hmac
import struct
from typing import TYPE_CHECKING, Final

import attrs

from trio_rxrpc._proto.codes import AbortCode
from trio_rxrpc._proto.security import _des, _krb5
from trio_rxrpc._proto.security._fcrypt import FcryptSchedule
from trio_rxrpc._proto.security.base import SecurityFailure
from trio_rxrpc._proto.security.keyfile import KEY_TYPE_RXKAD_KRB5, Keyring

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = [
    "CHALLENGE_VERSION",
    "CLOCK_SKEW",
    "LIFETIME_TABLE",
    "MAX_TICKET_LEN",
    "MAX_TICKET_LIFETIME",
    "MIN_TICKET_LEN",
    "NEVER_DATE",
    "RXKADBADKEY",
    "RXKADBADTICKET",
    "RXKADDATALEN",
    "RXKADEXPIRED",
    "RXKADILLEGALLEVEL",
    "RXKADINCONSISTENCY",
    "RXKADLEVELFAIL",
    "RXKADNOAUTH",
    "RXKADOUTOFSEQUENCE",
    "RXKADPACKETSHORT",
    "RXKADSEALEDINCON",
    "RXKADTICKETLEN",
    "RXKADUNKNOWNKEY",
    "SECURITY_INDEX",
    "SECURITY_INDEX_KAE",
    "TICKET_TYPE_KERBEROS_V5",
    "TICKET_TYPE_KERBEROS_V5_ENCPART_ONLY",
    "Challenge",
    "Level",
    "ResponseContents",
    "RxkadError",
    "SealedResponse",
    "TicketContents",
    "Token",
    "VerifiedResponse",
    "check_ticket_times",
    "compute_csum_iv",
    "decode_challenge",
    "decode_k5_ticket",
    "decode_response",
    "decode_ticket",
    "derive_des_session_key",
    "encode_challenge",
    "forge_localauth_token",
    "forge_localauth_token_k5",
    "header_checksum",
    "life_to_time",
    "localauth_token",
    "make_response",
    "make_ticket",
    "max_data_size",
    "open_response",
    "open_ticket",
    "response_checksum",
    "seal_packet",
    "sealed_size",
    "time_to_life",
    "unseal_packet",
    "verify_response",
]

SECURITY_INDEX: Final = 2
SECURITY_INDEX_KAE: Final = 3  # rxkad again, on servers that insist on level crypt


class Level(enum.IntEnum):
    """rxkad protection levels (the same numbers on the wire and in every API)."""

    CLEAR = 0  # header checksum only
    AUTH = 1  # plus a sealed 4-byte header and the first 4 data bytes encrypted
    CRYPT = 2  # the whole payload encrypted


# The rxkad abort codes (com_err table "RXK").
RXKADINCONSISTENCY: Final = AbortCode.RXKADINCONSISTENCY
RXKADPACKETSHORT: Final = AbortCode.RXKADPACKETSHORT
RXKADLEVELFAIL: Final = AbortCode.RXKADLEVELFAIL
RXKADTICKETLEN: Final = AbortCode.RXKADTICKETLEN
RXKADOUTOFSEQUENCE: Final = AbortCode.RXKADOUTOFSEQUENCE
RXKADNOAUTH: Final = AbortCode.RXKADNOAUTH
RXKADBADKEY: Final = AbortCode.RXKADBADKEY
RXKADBADTICKET: Final = AbortCode.RXKADBADTICKET
RXKADUNKNOWNKEY: Final = AbortCode.RXKADUNKNOWNKEY
RXKADEXPIRED: Final = AbortCode.RXKADEXPIRED
RXKADSEALEDINCON: Final = AbortCode.RXKADSEALEDINCON
RXKADDATALEN: Final = AbortCode.RXKADDATALEN
RXKADILLEGALLEVEL: Final = AbortCode.RXKADILLEGALLEVEL

CHALLENGE_VERSION: Final = 2
TICKET_TYPE_KERBEROS_V5: Final = 256  # the response's kvno field: a full DER Ticket
TICKET_TYPE_KERBEROS_V5_ENCPART_ONLY: Final = 213  # the kvno field: a DER EncryptedData
MIN_TICKET_LEN: Final = 32
MAX_TICKET_LEN: Final = 12000
NEVER_DATE: Final = 0xFFFFFFFF
CLOCK_SKEW: Final = 900
MAX_TICKET_LIFETIME: Final = 30 * 24 * 3600

_MAX_NAME: Final = 63  # names, instances, realms: at most 63 bytes plus the NUL
_CALL_NUMBER_LIMIT: Final = 0x7FFFFFFF
_V2_RESPONSE_SIZE: Final = 56
_OLD_RESPONSE_SIZE: Final = 16
_DES_KEY_TYPES: Final = frozenset({1, 2, 3})  # des-cbc-crc, des-cbc-md4, des-cbc-md5
_DES3_KEY_TYPES: Final = frozenset({5, 7, 16})
_REJECTED_KEY_TYPES: Final = frozenset({0, 4, 6, 8, 9, 10, 11, 12, 13, 14, 15})

# Seconds of lifetime for life codes 0x80..0xBF (OpenAFS lifetimes.h).
LIFETIME_TABLE: Final = (
    38400, 41055, 43894, 46929, 50174, 53643, 57352, 61318,
    65558, 70091, 74937, 80119, 85658, 91581, 97914, 104684,
    111922, 119661, 127935, 136781, 146239, 156350, 167161, 178720,
    191077, 204289, 218415, 233517, 249664, 266926, 285383, 305116,
    326213, 348769, 372885, 398668, 426234, 455705, 487215, 520904,
    556921, 595430, 636601, 680618, 727680, 777995, 831789, 889303,
    950794, 1016537, 1086825, 1161973, 1242318, 1328218, 1420057, 1518247,
    1623226, 1735464, 1855462, 1983758, 2120925, 2267576, 2424367, 2592000,
)  # fmt: skip
_LIFE_MIN_FIXED: Final = 0x80
_LIFE_MAX_FIXED: Final = 0xBF
_LIFE_NO_EXPIRE: Final = 0xFF


class RxkadError(SecurityFailure):
    """An rxkad check failed; ``code`` is the RXKAD* abort code to send.

    Args:
        code: the abort code (one of the ``RXKAD*`` constants).
        message: what went wrong, for logs.
    """


def _fail(code: int, message: str) -> RxkadError:
    return RxkadError(code, message)


def _u32(data: bytes, offset: int) -> int:
    value: int = struct.unpack_from(">I", data, offset)[0]
    return value


# -- per-connection and per-packet protection ----------------------------------------------------


def compute_csum_iv(
    schedule: FcryptSchedule, *, epoch: int, cid: int, security_index: int = SECURITY_INDEX
) -> bytes:
    """The connection's 8-byte checksum IV ("preSeq" in OpenAFS, ``csum_iv`` in Linux).

    The last 8 bytes of PCBC(session key, IV = session key) over
    ``epoch || cid & ~3 || 0 || security_index``.
    """
    block = struct.pack(">IIII", epoch & 0xFFFFFFFF, cid & 0xFFFFFFFC, 0, security_index)
    return schedule.pcbc_encrypt(schedule.key, block)[8:]


def header_checksum(
    schedule: FcryptSchedule, csum_iv: bytes, *, call_number: int, channel: int, seq: int
) -> int:
    """The 16-bit header checksum of a DATA packet (never 0).

    Args:
        schedule: the session key schedule.
        csum_iv: from :func:`compute_csum_iv`.
        call_number: the packet's call number.
        channel: the channel, i.e. ``cid & 3`` (a whole cid works too; only its low bits count).
        seq: the packet's sequence number (only its low 30 bits count).
    """
    iv_left, iv_right = struct.unpack(">II", csum_iv)
    _, right = schedule.encrypt_words(
        (call_number & 0xFFFFFFFF) ^ iv_left,
        (((channel & 3) << 30) | (seq & 0x3FFFFFFF)) ^ iv_right,
    )
    return (right >> 16) or 1


def sealed_size(level: int, data_size: int) -> int:
    """The payload size :func:`seal_packet` produces for ``data_size`` bytes of data."""
    if level == Level.CRYPT:
        return (data_size + 8 + 7) & ~7
    if level == Level.AUTH:
        return max(8, data_size + 4)
    return data_size


def max_data_size(level: int, payload_size: int) -> int:
    """How many data bytes fit a DATA payload of ``payload_size`` bytes at ``level``."""
    if level == Level.CRYPT:
        return max(0, (payload_size & ~7) - 8)
    if level == Level.AUTH:
        return max(0, payload_size - 4)
    return payload_size


def _word0(call_number: int, seq: int, size: int) -> int:
    if size > 0xFFFF:
        raise ValueError("rxkad cannot seal more than 65535 bytes in one packet")
    return (((seq ^ call_number) & 0xFFFF) << 16) | size


def seal_header(call_number: int, seq: int, data: bytes) -> bytes:
    """The 8-byte header that level 2 (crypt) encrypts in front of a packet's data."""
    return struct.pack(">II", _word0(call_number, seq, len(data)), 0)


def seal_packet(
    level: int, schedule: FcryptSchedule, *, call_number: int, seq: int, data: bytes
) -> bytes:
    """Protect one DATA packet's data at ``level``; return the wire payload.

    Level 0 returns the data unchanged.  Level 1 prefixes the 4-byte sealed header, pads to 8
    bytes in total if shorter and encrypts the first block.  Level 2 prefixes the 8-byte header,
    zero-pads to a multiple of 8 and PCBC-encrypts everything with the session key as IV.
    """
    if level == Level.CLEAR:
        return bytes(data)
    word0 = _word0(call_number, seq, len(data))
    if level == Level.AUTH:
        first = int.from_bytes(bytes(data[:4]).ljust(4, b"\0"), "big")
        left, right = schedule.encrypt_words(word0, first)
        return struct.pack(">II", left, right) + bytes(data[4:])
    if level == Level.CRYPT:
        return schedule.pcbc_encrypt(schedule.key, struct.pack(">II", word0, 0) + bytes(data))
    raise ValueError(f"no rxkad level {level}")


def unseal_packet(
    level: int,
    schedule: FcryptSchedule,
    *,
    call_number: int,
    seq: int,
    payload: bytes | bytearray | memoryview,
) -> bytes:
    """Check and strip one received DATA payload's protection; return the data.

    At level 2 a payload that is not a multiple of 8 bytes (a jumbogram sub-packet) is
    decrypted up to its last whole block.

    Raises:
        RxkadError: RXKADSEALEDINCON for a short payload or a sealed header that does not match
            this packet; RXKADDATALEN when the sealed length exceeds the payload.
    """
    if level == Level.CLEAR:
        return bytes(payload)
    if len(payload) < 8:
        raise _fail(RXKADSEALEDINCON, "rxkad payload shorter than 8 bytes")
    if level == Level.AUTH:
        word0, first = schedule.decrypt_words(*struct.unpack_from(">II", payload))
        header = 4
        room = len(payload) - header
    elif level == Level.CRYPT:
        usable = len(payload) & ~7
        plain = schedule.pcbc_decrypt(schedule.key, bytes(payload[:usable]))
        word0 = _u32(plain, 0)
        header = 8
        room = usable - header
    else:
        raise ValueError(f"no rxkad level {level}")
    if word0 >> 16 != (seq ^ call_number) & 0xFFFF:
        raise _fail(RXKADSEALEDINCON, "rxkad sealed header does not match the packet")
    size = word0 & 0xFFFF
    if size > room:
        raise _fail(RXKADDATALEN, f"rxkad sealed length {size} exceeds the payload")
    if level == Level.AUTH:
        return (first.to_bytes(4, "big") + bytes(payload[8:]))[:size]
    return plain[header : header + size]


# -- challenge and response -----------------------------------------------------------------------


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


def decode_challenge(payload: bytes | bytearray | memoryview) -> Challenge:
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


def decode_response(payload: bytes | bytearray | memoryview, *, v2: bool) -> SealedResponse:
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


# -- tickets --------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class TicketContents:
    """Who a ticket speaks for, its session key and its validity (Unix seconds)."""

    name: str
    instance: str = ""
    realm: str = ""
    host: int = 0  # IPv4 address of the requester, as an integer; never checked
    session_key: bytes = attrs.field(repr=False)
    start: int
    end: int  # NEVER_DATE for "no expiry"
    service: str = "afs"
    service_instance: str = ""


def life_to_time(start: int, life: int) -> int:
    """The end time a Kerberos-4 lifetime code gives for a ticket issued at ``start``."""
    if life == _LIFE_NO_EXPIRE:
        return NEVER_DATE
    if life < _LIFE_MIN_FIXED:
        return (start + life * 300) & 0xFFFFFFFF
    if life > _LIFE_MAX_FIXED:
        return (start + MAX_TICKET_LIFETIME) & 0xFFFFFFFF
    return (start + LIFETIME_TABLE[life - _LIFE_MIN_FIXED]) & 0xFFFFFFFF


def time_to_life(start: int, end: int) -> int:
    """The lifetime code for ``start``..``end`` (rounding up); 0 if no code can express it."""
    if end == NEVER_DATE:
        return _LIFE_NO_EXPIRE
    lifetime = end - start
    if lifetime <= 0 or lifetime > MAX_TICKET_LIFETIME:
        return 0
    if lifetime < LIFETIME_TABLE[0]:
        return -(-lifetime // 300)
    for index, seconds in enumerate(LIFETIME_TABLE):
        if seconds >= lifetime:
            return _LIFE_MIN_FIXED + index
    return 0  # pragma: no cover - the table ends at the maximum lifetime


def _ticket_time_status(start: int, end: int, now: int) -> int:
    """OpenAFS's verdict on ticket times: -2 bad, -1 recently expired, 0 not yet valid,
    1 valid without expiry, 2 valid."""
    if start >= end:
        return -2
    if start > now + CLOCK_SKEW + MAX_TICKET_LIFETIME:
        return -2
    if start != 0 and end != NEVER_DATE and end - start > MAX_TICKET_LIFETIME:
        return -2
    if end != NEVER_DATE and end + CLOCK_SKEW < now:
        if start != 0 and now - start > MAX_TICKET_LIFETIME + 24 * 3600:
            return -2
        return -1
    # Unsigned as in OpenAFS: a start time below the skew wraps and is "not yet valid".
    active = start == 0 or (start - CLOCK_SKEW) & 0xFFFFFFFF <= now
    if start == 0 or end == NEVER_DATE:
        return int(active)
    return 2 * int(active)


def check_ticket_times(start: int, end: int, *, now: int) -> None:
    """Check a ticket's times against ``now`` (Unix seconds), allowing 15 minutes of skew.

    Raises:
        RxkadError: RXKADNOAUTH (not yet valid), RXKADEXPIRED (expired) or RXKADBADTICKET
            (inconsistent times, or long expired).
    """
    status = _ticket_time_status(start, end, now)
    if status == 0:
        raise _fail(RXKADNOAUTH, "ticket not yet valid")
    if status == -1:
        raise _fail(RXKADEXPIRED, "ticket expired")
    if status < -1:
        raise _fail(RXKADBADTICKET, "ticket times are inconsistent")


def _check_server_key(key: bytes) -> None:
    try:
        _des.check_key(key)
    except _des.DESKeyError as exc:
        raise _fail(RXKADBADKEY, f"server key refused: {exc}") from None


def _cstring(text: str, minimum: int, what: str) -> bytes:
    raw = text.encode("utf-8", "surrogateescape")
    if b"\0" in raw or not minimum <= len(raw) <= _MAX_NAME:
        raise ValueError(f"ticket {what} must be {minimum}..{_MAX_NAME} bytes without NUL")
    return raw + b"\0"


def make_ticket(
    server_key: bytes,
    *,
    name: str,
    instance: str = "",
    realm: str = "",
    host: int = 0,
    session_key: bytes,
    start: int,
    end: int,
    service: str = "afs",
    service_instance: str = "",
) -> bytes:
    """Build and seal a Kerberos-4 style ticket (DES-PCBC, key and IV = ``server_key``).

    ``end`` is stored as a lifetime code, so the decoded end time is ``end`` rounded up to
    what the code can express (exact for :data:`NEVER_DATE` and multiples of 5 minutes).

    Raises:
        RxkadError: RXKADBADKEY if the server key has bad parity or is weak.
        ValueError: a name that does not fit, a session key that is not 8 bytes, or a lifetime
            that no code can express.
    """
    _check_server_key(server_key)
    if len(session_key) != 8:
        raise ValueError("the session key is 8 bytes")
    life = time_to_life(start, end)
    if life == 0:
        raise ValueError(f"no ticket lifetime code for {start}..{end}")
    plain = b"".join(
        (
            b"\0",  # flags: big-endian integers
            _cstring(name, 1, "name"),
            _cstring(instance, 0, "instance"),
            _cstring(realm, 0, "realm"),
            struct.pack(">I", host & 0xFFFFFFFF),
            bytes(session_key),
            bytes((life,)),
            struct.pack(">I", start & 0xFFFFFFFF),
            _cstring(service, 1, "service name"),
            _cstring(service_instance, 0, "service instance"),
        )
    )
    plain += bytes(-len(plain) % 8)
    return _des.pcbc_encrypt(server_key, server_key, plain)


def decode_ticket(server_key: bytes, ticket: bytes) -> TicketContents:
    """Unseal and parse a Kerberos-4 style ticket; its times are not checked here.

    Raises:
        RxkadError: RXKADBADKEY if the server key has bad parity or is weak; RXKADBADTICKET if
            the ticket's size or contents are wrong (often a sign of the wrong key).
    """
    size = len(ticket)
    if not MIN_TICKET_LEN <= size <= MAX_TICKET_LEN or size % 8:
        raise _fail(RXKADBADTICKET, f"rxkad ticket of {size} bytes")
    _check_server_key(server_key)
    plain = _des.pcbc_decrypt(server_key, server_key, bytes(ticket))
    little_endian = plain[0] & 1
    pos = 1

    def string(minimum: int) -> str:
        nonlocal pos
        end = plain.find(b"\0", pos, pos + _MAX_NAME + 1)
        if end < 0 or end - pos < minimum:
            raise _fail(RXKADBADTICKET, "malformed name in rxkad ticket")
        text = plain[pos:end].decode("utf-8", "surrogateescape")
        pos = end + 1
        return text

    def integer() -> int:
        nonlocal pos
        if pos + 4 > size:
            raise _fail(RXKADBADTICKET, "rxkad ticket truncated")
        value = int.from_bytes(plain[pos : pos + 4], "little" if little_endian else "big")
        pos += 4
        return value

    name, instance, realm = string(1), string(0), string(0)
    host = integer()
    if pos + 9 > size:
        raise _fail(RXKADBADTICKET, "rxkad ticket truncated")
    session_key, life = plain[pos : pos + 8], plain[pos + 8]
    pos += 9
    start = integer()
    service, service_instance = string(1), string(0)
    if -(-pos // 8) * 8 != size and size != 56:
        raise _fail(RXKADBADTICKET, "rxkad ticket length does not match its contents")
    return TicketContents(
        name=name,
        instance=instance,
        realm=realm,
        host=host,
        session_key=session_key,
        start=start,
        end=life_to_time(start, life),
        service=service,
        service_instance=service_instance,
    )


# Kerberos 5 principals whose first component names a well-known service map to the Kerberos 4
# name on the left; with the flag set the instance becomes the host part before the first dot.
_K5_SERVICE_NAMES: Final = (
    ("kadmin", "kadmin", False), ("rcmd", "host", True), ("discuss", "discuss", True),
    ("rvdsrv", "rvdsrv", True), ("sample", "sample", True), ("olc", "olc", True),
    ("pop", "pop", True), ("sis", "sis", True), ("rfs", "rfs", True), ("imap", "imap", True),
    ("ftp", "ftp", True), ("ecat", "ecat", True), ("daemon", "daemon", True),
    ("gnats", "gnats", True), ("moira", "moira", True), ("prms", "prms", True),
    ("mandarin", "mandarin", True), ("register", "register", True),
    ("changepw", "changepw", True), ("sms", "sms", True), ("afpserver", "afpserver", True),
    ("gdss", "gdss", True), ("news", "news", True), ("abs", "abs", True), ("nfs", "nfs", True),
    ("tftp", "tftp", True), ("zephyr", "zephyr", False), ("http", "http", True),
    ("khttp", "khttp", True), ("pgpsigner", "pgpsigner", True), ("irc", "irc", True),
    ("mandarin-agent", "mandarin-agent", True), ("write", "write", True),
    ("palladium", "palladium", True), ("smtp", "smtp", True), ("lmtp", "lmtp", True),
    ("ldap", "ldap", True), ("acap", "acap", True), ("argus", "argus", True),
    ("mupdate", "mupdate", True),
)  # fmt: skip


def _k5_identity(cname: _krb5.PrincipalName, *, allow_dotted: bool) -> tuple[str, str]:
    components = cname.components
    if len(components) == 1:
        name, instance = components[0], ""
    elif len(components) == 2:
        name, instance = components
        for v4_name, v5_name, strip_domain in _K5_SERVICE_NAMES:
            if components[0] == v5_name:
                name = v4_name
                if strip_domain:
                    host, dot, _ = components[1].partition(".")
                    if not dot:
                        raise _fail(RXKADBADTICKET, "service principal without a domain")
                    instance = host
                break
    else:
        raise _fail(RXKADBADTICKET, f"principal with {len(components)} components")
    if not allow_dotted and "." in components[0]:
        raise _fail(RXKADBADTICKET, "principal name contains a dot")
    for part in (name, instance):
        if len(part.encode("utf-8", "surrogateescape")) > _MAX_NAME:
            raise _fail(RXKADBADTICKET, "principal component too long")
    return name, instance


def derive_des_session_key(key_type: int, key: bytes) -> bytes:
    """The 8-byte rxkad session key for a Kerberos 5 session key (rxkad-kdf).

    DES keys are used as they are.  Triple-DES keys first lose their parity bits (21 bytes).
    Other key types go straight into the KDF: ``HMAC-MD5(key, counter || "rxkad" || 0 ||
    00000040)``, truncated to 8 bytes with odd parity, trying counters 1..255 until the result
    is not a weak DES key.

    Raises:
        RxkadError: RXKADBADTICKET for a key type that is refused or a key of the wrong size.
    """
    key = bytes(key)
    if key_type in _DES_KEY_TYPES:
        if len(key) != 8:
            raise _fail(RXKADBADTICKET, "DES session key is not 8 bytes")
        return key
    if key_type in _REJECTED_KEY_TYPES or key_type < 0:
        raise _fail(RXKADBADTICKET, f"session key type {key_type} is not usable with rxkad")
    if key_type in _DES3_KEY_TYPES:
        if len(key) != 24:
            raise _fail(RXKADBADTICKET, "triple-DES session key is not 24 bytes")
        compressed = bytearray()
        for pos in range(0, 24, 8):
            group = key[pos : pos + 8]
            compressed += bytes(
                (group[i] & 0xFE) | ((group[7] >> (i + 1)) & 1) for i in range(7)
            )
        key = bytes(compressed)
    elif len(key) < 7:
        raise _fail(RXKADBADTICKET, "session key too short for rxkad-kdf")
    for counter in range(1, 256):
        label = bytes((counter,)) + b"rxkad\0" + struct.pack(">I", 64)
        candidate = _des.set_odd_parity(hmac.digest(key, label, "md5")[:8])
        if not _des.is_weak_key(candidate):
            return candidate
    raise _fail(RXKADBADTICKET, "rxkad-kdf found no usable key")  # pragma: no cover


def decode_k5_ticket(
    ticket: bytes,
    keyring: Keyring,
    *,
    kvno_field: int,
    now: int,
    allow_dotted_principals: bool = False,
) -> TicketContents:
    """Decrypt and interpret an rxkad-k5 ticket (response kvno field 213 or 256).

    The service key is found by the enc-part's (kvno, enctype) among the keyring's rxkad-krb5
    keys and the enc-part is decrypted with key usage 2.  Only AES enctypes (17, 18) are
    supported; DES-encrypted tickets report RXKADUNKNOWNKEY.

    Raises:
        RxkadError: RXKADUNKNOWNKEY (no key for the enc-part), RXKADBADTICKET (undecodable,
            bad principal or session key), RXKADNOAUTH (ticket marked invalid) or RXKADEXPIRED
            (``now`` past its end time).
    """
    try:
        if kvno_field == TICKET_TYPE_KERBEROS_V5:
            full = _krb5.decode_ticket(ticket)
            if full.tkt_vno != 5:
                raise _fail(RXKADBADTICKET, f"Kerberos ticket version {full.tkt_vno}")
            enc_part = full.enc_part
            service = full.sname.components
        elif kvno_field == TICKET_TYPE_KERBEROS_V5_ENCPART_ONLY:
            enc_part = _krb5.decode_encrypted_data(ticket)
            service = ("afs",)
        else:
            raise ValueError(f"kvno field {kvno_field} is not a Kerberos 5 ticket type")
    except _krb5.DERError as exc:
        raise _fail(RXKADBADTICKET, f"undecodable Kerberos 5 ticket: {exc}") from None
    kvno = 0 if enc_part.kvno is None else enc_part.kvno
    key = keyring.get(KEY_TYPE_RXKAD_KRB5, kvno, enc_part.etype)
    if key is None:
        raise _fail(RXKADUNKNOWNKEY, f"no key for kvno {kvno} enctype {enc_part.etype}")
    try:
        _krb5.key_size(enc_part.etype)
    except ValueError:
        raise _fail(RXKADUNKNOWNKEY, f"unsupported ticket enctype {enc_part.etype}") from None
    try:
        plain = _krb5.decrypt(enc_part.etype, key, _krb5.KEY_USAGE_TICKET, enc_part.cipher)
        part = _krb5.decode_enc_ticket_part(plain)
    except (_krb5.IntegrityError, _krb5.DERError, ValueError) as exc:
        raise _fail(RXKADBADTICKET, f"undecryptable Kerberos 5 ticket: {exc}") from None
    if len(part.crealm.encode("utf-8", "surrogateescape")) > _MAX_NAME:
        raise _fail(RXKADBADTICKET, "realm too long")
    name, instance = _k5_identity(part.cname, allow_dotted=allow_dotted_principals)
    session_key = derive_des_session_key(part.key_type, part.key_value)
    start = part.authtime if part.starttime is None else part.starttime
    if part.flags & _krb5.TICKET_FLAG_INVALID:
        raise _fail(RXKADNOAUTH, "Kerberos ticket is marked invalid")
    if now > part.endtime:
        raise _fail(RXKADEXPIRED, "Kerberos ticket expired")
    return TicketContents(
        name=name,
        instance=instance,
        realm=part.crealm,
        session_key=session_key,
        start=start,
        end=part.endtime,
        service=service[0] if service else "",
        service_instance=service[1] if len(service) > 1 else "",
    )


def open_ticket(
    ticket: bytes,
    kvno: int,
    keyring: Keyring,
    *,
    now: int,
    allow_dotted_principals: bool = False,
) -> TicketContents:
    """Server side: decode any rxkad ticket by its kvno field and check its times.

    Raises:
        RxkadError: RXKADUNKNOWNKEY, RXKADBADKEY, RXKADBADTICKET, RXKADNOAUTH or RXKADEXPIRED.
    """
    if kvno in (TICKET_TYPE_KERBEROS_V5, TICKET_TYPE_KERBEROS_V5_ENCPART_ONLY):
        contents = decode_k5_ticket(
            ticket, keyring, kvno_field=kvno, now=now,
            allow_dotted_principals=allow_dotted_principals,
        )  # fmt: skip
    else:
        key = keyring.rxkad.get(kvno)
        if key is None:
            raise _fail(RXKADUNKNOWNKEY, f"no server key with kvno {kvno}")
        contents = decode_ticket(key, ticket)
        check_ticket_times(contents.start, contents.end, now=now)
    status = _ticket_time_status(contents.start, contents.end, now)
    if status == -1:
        raise _fail(RXKADEXPIRED, "ticket expired")
    if status <= 0:
        raise _fail(RXKADNOAUTH, "ticket not valid now")
    return contents


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
    sealed = decode_response(payload, v2=v2)
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


# -- tokens and -localauth ------------------------------------------------------------------------


@attrs.frozen
class Token:
    """What a client needs to speak rxkad: a session key, a ticket and its kvno field."""

    session_key: bytes = attrs.field(repr=False)
    kvno: int
    ticket: bytes = attrs.field(repr=lambda b: f"<{len(b)} bytes>")
    start: int = 0
    end: int = NEVER_DATE


def forge_localauth_token(
    key: bytes,
    kvno: int,
    *,
    now: int,
    random_bytes: Callable[[int], bytes],
    lifetime: int | None = None,
) -> Token:
    """Make the token an OpenAFS tool makes with ``-localauth`` from the server's DES key.

    The ticket names ``afs`` (the superuser) in the local cell with a fresh random session key.
    By default it is exactly OpenAFS's: start 0 and no expiry.  Linux AF_RXRPC servers reject
    that form as expired; pass ``lifetime`` (seconds, at most 38100) to get a ticket starting
    5 minutes before ``now`` with an ordinary lifetime code instead.

    Args:
        key: the server's DES key (from its KeyFile).
        kvno: that key's version number.
        now: the current Unix time (used only with ``lifetime``).
        random_bytes: a source of random bytes, e.g. :func:`secrets.token_bytes`.
        lifetime: see above.

    Raises:
        RxkadError: RXKADBADKEY if the key has bad parity or is weak.
    """
    session_key = _des.random_key(random_bytes)
    if lifetime is None:
        start, end = 0, NEVER_DATE
    else:
        if not 0 < lifetime <= 127 * 300:
            raise ValueError("a Linux-compatible lifetime is 1..38100 seconds")
        start = now - 300
        end = life_to_time(start, time_to_life(start, start + lifetime))
    ticket = make_ticket(key, name="afs", session_key=session_key, start=start, end=end)
    return Token(session_key=session_key, kvno=kvno, ticket=ticket, start=start, end=end)


def forge_localauth_token_k5(
    key: bytes,
    kvno: int,
    enctype: int,
    *,
    random_bytes: Callable[[int], bytes],
) -> Token:
    """Make the Kerberos 5 ``-localauth`` token OpenAFS makes from an rxkad-krb5 key.

    The ticket is an ``EncryptedData`` (kvno field 213) holding an ``EncTicketPart`` for
    ``afs`` in the local cell with a random DES session key, auth time 0 and end time
    0x7fffffff, encrypted with key usage 2.
    """
    session_key = _des.random_key(random_bytes)
    end = 0x7FFFFFFF
    part = _krb5.EncTicketPart(
        flags=_krb5.TICKET_FLAG_TRANSITED_POLICY_CHECKED,
        key_type=1,  # des-cbc-crc
        key_value=session_key,
        crealm="",
        cname=_krb5.PrincipalName(1, ("afs",)),
        authtime=0,
        endtime=end,
    )
    cipher = _krb5.encrypt(
        enctype, key, _krb5.KEY_USAGE_TICKET, _krb5.encode_enc_ticket_part(part),
        confounder=random_bytes(16),
    )  # fmt: skip
    ticket = _krb5.encode_encrypted_data(_krb5.EncryptedData(enctype, kvno, cipher))
    return Token(
        session_key=session_key,
        kvno=TICKET_TYPE_KERBEROS_V5_ENCPART_ONLY,
        ticket=ticket,
        start=0,
        end=end,
    )


def localauth_token(
    keyring: Keyring, *, now: int, random_bytes: Callable[[int], bytes]
) -> Token:
    """Forge a ``-localauth`` token from the key OpenAFS would choose (see
    :meth:`~.keyfile.Keyring.localauth_key`).

    Raises:
        LookupError: the keyring has no usable key.
        RxkadError: RXKADBADKEY if the chosen DES key has bad parity or is weak.
    """
    chosen = keyring.localauth_key()
    if chosen is None:
        raise LookupError("no key to forge a -localauth token with")
    if chosen.type == KEY_TYPE_RXKAD_KRB5:
        return forge_localauth_token_k5(
            chosen.key, chosen.kvno, chosen.subtype, random_bytes=random_bytes
        )
    return forge_localauth_token(chosen.key, chosen.kvno, now=now, random_bytes=random_bytes)
