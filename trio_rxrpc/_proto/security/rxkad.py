"""rxkad, the fcrypt-based Rx security class (index 2): its vocabulary and packet protection.

Theory of operation
-------------------
rxkad's stateless computations live in three modules; the per-connection objects that drive
them are in :mod:`.rxkad_class`.

* This module is the base the other two build on: the security indices, :class:`Level`, the
  RXKAD* abort codes, the public limits and kvno markers, and :class:`RxkadError` with its
  helpers.  It also owns the work done per connection and per DATA packet once a session key
  is agreed.
* :mod:`.rxkad_handshake` is the CHALLENGE/RESPONSE exchange that agrees the key.
* :mod:`.rxkad_ticket` is how the key reaches the server: tickets, and the tokens clients
  carry them in.

Protection after the handshake:

* **Per connection.** Both sides expand the session key into an
  :class:`~._fcrypt.FcryptSchedule` and derive the checksum IV with :func:`compute_csum_iv`
  from the epoch, the cid and the security index.
* **Per DATA packet.** :func:`header_checksum` fills the header's 16-bit cksum field
  at every level.  :func:`seal_packet` and :func:`unseal_packet` apply and remove the rest:
  at level 1 a 4-byte sealed header plus encryption of the first block, at level 2 an 8-byte
  header and PCBC encryption of the whole payload.  Like OpenAFS, level 1 pads a payload only
  up to 8 bytes; on receipt any padding is accepted.

Every failure raises :class:`RxkadError` carrying the RXKAD* code a peer expects to see in the
ABORT.  Nothing here keeps state, reads a clock or draws randomness.
"""

from __future__ import annotations

import enum
import struct
from typing import TYPE_CHECKING, Final

from trio_rxrpc._proto.codes import AbortCode
from trio_rxrpc._proto.security.base import SecurityFailure

if TYPE_CHECKING:
    from collections.abc import Sequence

    from trio_rxrpc._proto.security._fcrypt import FcryptSchedule

__all__ = [
    "CHALLENGE_VERSION",
    "CLOCK_SKEW",
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
    "Level",
    "RxkadError",
    "compute_csum_iv",
    "header_checksum",
    "header_checksums",
    "max_data_size",
    "seal_packet",
    "sealed_header_word",
    "sealed_length",
    "sealed_size",
    "unseal_crypt_packets",
    "unseal_packet",
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
    right = schedule.encrypt_words(
        (call_number & 0xFFFFFFFF) ^ iv_left,
        (((channel & 3) << 30) | (seq & 0x3FFFFFFF)) ^ iv_right,
    )[1]
    return (right >> 16) or 1


def header_checksums(
    schedule: FcryptSchedule, csum_iv: bytes, *, call_number: int, channel: int,
    seqs: Sequence[int],
) -> list[int]:
    """:func:`header_checksum` of several packets of one call, computed side by side."""
    iv_left, iv_right = struct.unpack(">II", csum_iv)
    chan = (channel & 3) << 30
    rights = schedule.encrypt_words_many(
        [(call_number & 0xFFFFFFFF) ^ iv_left] * len(seqs),
        [(chan | (seq & 0x3FFFFFFF)) ^ iv_right for seq in seqs],
    )
    return [(right >> 16) or 1 for right in rights]


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


def sealed_header_word(call_number: int, seq: int, size: int) -> int:
    """The first word of a sealed header: the low 16 bits of ``seq ^ call_number``, then
    the data length.

    Raises:
        ValueError: more than 65535 bytes.
    """
    if size > 0xFFFF:
        raise ValueError("rxkad cannot seal more than 65535 bytes in one packet")
    return (((seq ^ call_number) & 0xFFFF) << 16) | size


def seal_header(call_number: int, seq: int, data: bytes) -> bytes:
    """The 8-byte header that level 2 (crypt) encrypts in front of a packet's data."""
    return struct.pack(">II", sealed_header_word(call_number, seq, len(data)), 0)


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
    word0 = sealed_header_word(call_number, seq, len(data))
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
    if level == Level.CRYPT:
        return unseal_crypt_packets(schedule, call_number=call_number,
                                    packets=((seq, payload),))[0]
    if level != Level.AUTH:
        raise ValueError(f"no rxkad level {level}")
    if len(payload) < 8:
        raise _fail(RXKADSEALEDINCON, "rxkad payload shorter than 8 bytes")
    word0, first = schedule.decrypt_words(*struct.unpack_from(">II", payload))
    size = sealed_length(word0, call_number=call_number, seq=seq, room=len(payload) - 4)
    return (first.to_bytes(4, "big") + bytes(payload[8:]))[:size]


def unseal_crypt_packets(
    schedule: FcryptSchedule,
    *,
    call_number: int,
    packets: Sequence[tuple[int, bytes | bytearray | memoryview]],
) -> list[bytes]:
    """:func:`unseal_packet` at level 2 for several ``(seq, payload)`` of one call at once.

    Every block of every payload is deciphered in one pass
    (:meth:`~._fcrypt.FcryptSchedule.pcbc_decrypt_many`).

    Raises:
        RxkadError: as :func:`unseal_packet`, for the first packet that fails.
    """
    for _seq, payload in packets:
        if len(payload) < 8:
            raise _fail(RXKADSEALEDINCON, "rxkad payload shorter than 8 bytes")
    # Whole blocks only: a Linux jumbogram sub-packet carries 4 bytes of padding after its
    # 1408 sealed bytes.
    plains = schedule.pcbc_decrypt_many(
        schedule.key, [payload[:len(payload) & ~7] for _seq, payload in packets])
    out = []
    for (seq, _payload), plain in zip(packets, plains, strict=True):
        size = sealed_length(_u32(plain, 0), call_number=call_number, seq=seq,
                              room=len(plain) - 8)
        out.append(plain[8:8 + size])
    return out


def sealed_length(word0: int, *, call_number: int, seq: int, room: int) -> int:
    """Check a sealed header's first word against its packet; return the data length."""
    if word0 >> 16 != (seq ^ call_number) & 0xFFFF:
        raise _fail(RXKADSEALEDINCON, "rxkad sealed header does not match the packet")
    size = word0 & 0xFFFF
    if size > room:
        raise _fail(RXKADDATALEN, f"rxkad sealed length {size} exceeds the payload")
    return size
