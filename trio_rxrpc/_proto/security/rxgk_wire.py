"""rxgk wire formats: what yfs-rxgk (Linux, security index 6) and rxgk put in packets.

Sans-I/O and without cryptography: typed encoders and decoders for the bytes on the wire and
for the plaintexts that the RFC 3961 layer encrypts or checksums.  Decoders of untrusted bytes
(``*_untrusted``) raise nothing but :class:`RxgkMalformed`, a :class:`MalformedPacket` that
carries the abort code Linux sends for the same fault.

rxgk wire formats
-----------------
Every structure is XDR (RFC 4506): big-endian 4-byte units, ``hyper`` is 8 bytes, ``opaque<>``
is a 4-byte length, the bytes and zero padding to a multiple of 4.

* **Security index** (the Rx header's ``securityIndex``): 4 is rxgk as OpenAFS implements it,
  6 is YFS's variant, the only one Linux implements (``RXRPC_SECURITY_RXGK`` and
  ``RXRPC_SECURITY_YFS_RXGK`` in Linux's ``include/uapi/linux/rxrpc.h``).
* **Key number** (the Rx header's 16-bit ``cksum`` field): the low 16 bits of the sender's
  transport-key number on every DATA packet and on the RESPONSE; 0 on the CHALLENGE.  The
  receiver widens it against its own number: the same, one back or one ahead (a rekey), else
  ``RXGK_BADKEYNO`` (Linux ``rxgk.c``, ``rxgk_get_key``).  :func:`resolve_key_number`.
* **CHALLENGE** body: ``opaque nonce[20]``, nothing else (Linux ``rxgk_issue_challenge``,
  which sends exactly 20 random bytes; a receiver reads the first 20, ``RXGK_PACKETSHORT`` if
  fewer).  :class:`Challenge`.
* **RESPONSE** body: ``hyper start_time; opaque token<>; opaque authenticator<>``, the
  authenticator being encrypted with the transport key (key usage 1030)
  (Linux ``rxgk_construct_response``, ``rxgk_verify_response``).  :class:`Response`.
* **Authenticator** plaintext: ``opaque nonce[20]; opaque appdata<>; int level; uint epoch;
  uint cid; uint call_numbers<>``, with the connection's cid (channel bits clear) and one call
  number per channel (Linux ``rxgk_construct_authenticator``, ``rxgk_verify_authenticator``;
  draft-wilkinson-afs3-rxgk).  :class:`Authenticator`.
* **Token container** (the RESPONSE's ``token``): ``int kvno; int enctype; opaque
  encrypted_token<>``; the server picks its long-term key by (service, security index, kvno,
  enctype) and opens the token with key usage 1036 (draft-wilkinson-afs3-rxgk-afs section 6.1;
  Linux ``rxgk_extract_token``).  :class:`TokenContainer`.
* **Token** plaintext: ``int enctype; opaque K0<>; int level; [hyper starttime;] int lifetime;
  int bytelife; hyper expirationtime; AuthName identities<>``, ``AuthName`` being ``int kind;
  opaque data<>; opaque display<>``.  The token is private to the server that minted it, and
  here the implementations differ: Linux's default decoder (``rxgk_yfs_decode_ticket`` in
  ``rxgk_app.c``, the form its rxperf server accepts) has ``starttime``; OpenAFS's
  ``RXGK_Token`` (``src/rxgk/rxgk_int.xg``) has not.  :class:`Token`, :class:`TokenForm`.
* **Pseudo-header** of a DATA packet at level 1 and 2: ``uint epoch; uint cid; uint
  callNumber; uint seq; uint securityIndex; uint length`` (24 bytes), with the packet's full
  cid (channel bits included) and the user-data length.  At level 1 it is checksummed with the
  data and never sent; at level 2 it is encrypted in front of the data (Linux ``struct
  rxgk_header`` in ``protocol.h``; ``rxgk_secure_packet_integrity`` and ``_encrypted``).
  :class:`PseudoHeader`.  The index in it is the connection's own (6 for Linux).
* **Transport-key seed**: ``uint epoch; uint cid; hyper start_time; uint key_number``
  (20 bytes, cid with channel bits clear; Linux ``rxgk_derive_transport_key``).
  :func:`transport_key_seed`.
* **Abort codes**: Linux numbers rxgk's table YFS's way, which differs from OpenAFS's from
  offset 3 on (:class:`~trio_rxrpc._proto.codes.RxgkAbortCode` and
  :class:`~trio_rxrpc._proto.codes.OpenAfsRxgkAbortCode`).  What Linux sends for each fault
  (``rxgk.c``, ``rxgk_app.c``, ``rxgk_common.h``; the decoders here raise the same codes):

  - CHALLENGE shorter than 20 bytes: ``RXGK_PACKETSHORT``; a CHALLENGE to a client without
    a key: ``RX_PROTOCOL_ERROR``, with an expired one: ``RXGK_EXPIRED``;
  - RESPONSE or token container shorter than its lengths, or a sealed authenticator under
    56 bytes: ``RXGK_PACKETSHORT``; an authenticator length not a multiple of 4:
    ``RXGK_INCONSISTENCY``;
  - no server key for (kvno, enctype): ``RXGK_BADKEYNO`` if the lookup says ENOKEY (or the
    key is rejected, expired or revoked), ``RXGK_NOTAUTH`` for any other lookup error (the
    keyring search in 7.3 says EAGAIN, so a wrong kvno gets this in practice); an enctype
    the kernel lacks: ``KRB5_PROG_KEYTYPE_NOSUPP``;
  - a token that does not decrypt: ``RXGK_SEALEDINCON`` (bad checksum), ``RXGK_PACKETSHORT``
    (too short for the enctype) or ``RXGK_INCONSISTENCY`` (other); an authenticator that
    does not: ``RXGK_SEALEDINCON``; a token plaintext shorter than its fields:
    ``RXGK_INCONSISTENCY``;
  - an authenticator that is short, or whose nonce, level, epoch, cid or call numbers do not
    match (more than 4, above 2^31 - 1, or going backwards): ``RXGK_NOTAUTH``;
  - a DATA packet whose key number is not the current one, one back or one ahead:
    ``RXGK_BADKEYNO``; too short for its MIC or encryption: ``RXGK_PACKETSHORT``; a bad MIC,
    a failed decryption or a pseudo-header that does not match: ``RXGK_SEALEDINCON``;
  - a call at index 6 to a server with no rxgk key: ``RXGK_NOTAUTH``.

Between index 4 (OpenAFS) and index 6 (Linux/YFS) the CHALLENGE, RESPONSE, authenticator,
token container, pseudo-header and transport-key seed have the same layouts; what differs is
the token plaintext (``starttime``), the abort-code numbering, and the index value that goes
into the header and the pseudo-header.  The codes above are Linux's; the decoders always raise
them, and :mod:`.rxgk_flavour` says which code the OpenAFS flavour sends instead.
"""

from __future__ import annotations

import enum
import struct
from typing import Final

import attrs

from trio_rxrpc._proto.codes import RxgkAbortCode
from trio_rxrpc._proto.malformed import MalformedPacket

__all__ = [
    "KEY_USAGE_CLIENT_ENC_PACKET",
    "KEY_USAGE_CLIENT_ENC_RESPONSE",
    "KEY_USAGE_CLIENT_MIC_PACKET",
    "KEY_USAGE_SERVER_ENC_PACKET",
    "KEY_USAGE_SERVER_ENC_TOKEN",
    "KEY_USAGE_SERVER_MIC_PACKET",
    "KRB5_PROG_KEYTYPE_NOSUPP",
    "MIN_SEALED_AUTHENTICATOR",
    "NONCE_LEN",
    "PSEUDO_HEADER_LEN",
    "SECURITY_INDEX_RXGK",
    "SECURITY_INDEX_YFS_RXGK",
    "AuthName",
    "Authenticator",
    "Challenge",
    "Level",
    "PseudoHeader",
    "Response",
    "RxgkMalformed",
    "Token",
    "TokenContainer",
    "TokenForm",
    "key_number_field",
    "resolve_key_number",
    "transport_key_seed",
]

SECURITY_INDEX_RXGK: Final = 4
"""rxgk as OpenAFS implements it."""
SECURITY_INDEX_YFS_RXGK: Final = 6
"""YFS's rxgk, the one Linux implements."""

NONCE_LEN: Final = 20
PSEUDO_HEADER_LEN: Final = 24
MIN_SEALED_AUTHENTICATOR: Final = 20 + 9 * 4
"""Linux refuses a sealed authenticator shorter than this with ``RXGK_PACKETSHORT``."""
MAX_CALL_NUMBERS: Final = 4
"""One call number per channel; Linux refuses more with ``RXGK_NOTAUTH``."""

KEY_USAGE_CLIENT_ENC_PACKET: Final = 1026
KEY_USAGE_CLIENT_MIC_PACKET: Final = 1027
KEY_USAGE_SERVER_ENC_PACKET: Final = 1028
KEY_USAGE_SERVER_MIC_PACKET: Final = 1029
KEY_USAGE_CLIENT_ENC_RESPONSE: Final = 1030
KEY_USAGE_SERVER_ENC_TOKEN: Final = 1036

KRB5_PROG_KEYTYPE_NOSUPP: Final = -1765328233
"""Kerberos' "unsupported key type" code, which Linux sends when it lacks the enctype."""

_U32: Final = 0xFFFFFFFF


class Level(enum.IntEnum):
    """``RXGK_Level``: what protects DATA packets."""

    CLEAR = 0
    AUTH = 1
    CRYPT = 2


class TokenForm(enum.Enum):
    """Which token plaintext: Linux's/YFS's (with ``starttime``) or OpenAFS's (without)."""

    YFS = "yfs"
    OPENAFS = "openafs"


class RxgkMalformed(MalformedPacket):
    """Untrusted rxgk bytes that do not decode; ``code`` is the abort code Linux sends.

    Args:
        code: an :class:`~trio_rxrpc._proto.codes.RxgkAbortCode` value.
        message: what was wrong, for logs.
    """

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code


# ----------------------------------------------------------------------------------- XDR


def _pad(length: int) -> bytes:
    return bytes(-length % 4)


def _opaque(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data + _pad(len(data))


class _Reader:
    """Walks XDR from untrusted bytes; every fault is an :class:`RxgkMalformed` with ``code``."""

    def __init__(self, data: bytes, code: int, what: str) -> None:
        self.data = data
        self.at = 0
        self.code = code
        self.what = what

    def fail(self, message: str) -> RxgkMalformed:
        return RxgkMalformed(self.code, f"{self.what}: {message}")

    @property
    def left(self) -> int:
        return len(self.data) - self.at

    def take(self, count: int) -> bytes:
        if count > self.left:
            raise self.fail(f"{count} bytes wanted at offset {self.at}, {self.left} left")
        chunk = self.data[self.at:self.at + count]
        self.at += count
        return chunk

    def u32(self) -> int:
        value: int = struct.unpack(">I", self.take(4))[0]
        return value

    def i32(self) -> int:
        value: int = struct.unpack(">i", self.take(4))[0]
        return value

    def i64(self) -> int:
        value: int = struct.unpack(">q", self.take(8))[0]
        return value

    def opaque(self, limit: int | None = None) -> bytes:
        length = self.u32()
        if limit is not None and length > limit:
            raise self.fail(f"opaque of {length} bytes exceeds {limit}")
        if length + (-length % 4) > self.left:
            raise self.fail(f"opaque of {length} bytes, {self.left} left")
        data = self.take(length)
        self.take(-length % 4)
        return data


def _check_u32(name: str, value: int) -> None:
    if not 0 <= value <= _U32:
        raise ValueError(f"{name} {value} does not fit 32 unsigned bits")


# ----------------------------------------------------------------------------- CHALLENGE


@attrs.frozen
class Challenge:
    """The CHALLENGE body: a random 20-byte nonce."""

    nonce: bytes

    def __attrs_post_init__(self) -> None:
        if len(self.nonce) != NONCE_LEN:
            raise ValueError(f"an rxgk nonce is {NONCE_LEN} bytes, not {len(self.nonce)}")

    def encode(self) -> bytes:
        return self.nonce

    @classmethod
    def decode_untrusted(cls, payload: bytes | bytearray | memoryview) -> Challenge:
        """Read a CHALLENGE body as Linux does: its first 20 bytes; more are ignored.

        Raises:
            RxgkMalformed: ``RXGK_PACKETSHORT``, fewer than 20 bytes.
        """
        data = bytes(payload)
        if len(data) < NONCE_LEN:
            raise RxgkMalformed(RxgkAbortCode.RXGK_PACKETSHORT,
                                f"rxgk challenge of {len(data)} bytes, not {NONCE_LEN}")
        return cls(data[:NONCE_LEN])


# ------------------------------------------------------------------------------ RESPONSE


@attrs.frozen
class Response:
    """The RESPONSE body: the client's start time, its token (a :class:`TokenContainer`'s
    bytes) and the sealed authenticator."""

    start_time: int
    """100 ns units; picked by the client when it made the connection."""
    token: bytes
    sealed_authenticator: bytes

    def encode(self) -> bytes:
        return (struct.pack(">q", self.start_time) + _opaque(self.token)
                + _opaque(self.sealed_authenticator))

    @classmethod
    def decode_untrusted(cls, payload: bytes | bytearray | memoryview) -> Response:
        """Read a RESPONSE body with Linux's checks.

        Raises:
            RxgkMalformed: ``RXGK_PACKETSHORT`` if a part is missing or the sealed
                authenticator is shorter than :data:`MIN_SEALED_AUTHENTICATOR`;
                ``RXGK_INCONSISTENCY`` if its length is not a multiple of 4.
        """
        reader = _Reader(bytes(payload), RxgkAbortCode.RXGK_PACKETSHORT, "rxgk response")
        start_time = reader.i64()
        token = reader.opaque()
        length = reader.u32()
        if length > reader.left:
            raise reader.fail(f"authenticator of {length} bytes, {reader.left} left")
        if length % 4:
            raise RxgkMalformed(RxgkAbortCode.RXGK_INCONSISTENCY,
                                f"rxgk response: authenticator of {length} bytes is not "
                                "XDR-aligned")
        if length < MIN_SEALED_AUTHENTICATOR:
            raise reader.fail(f"authenticator of {length} bytes is too short to be sealed")
        return cls(start_time, token, reader.take(length))


@attrs.frozen
class Authenticator:
    """The authenticator's plaintext, sealed into the RESPONSE with key usage 1030."""

    nonce: bytes
    appdata: bytes
    level: int
    epoch: int
    cid: int
    """The connection's id: the channel bits are clear."""
    call_numbers: tuple[int, ...]
    """The last call number on each of the connection's channels."""

    def __attrs_post_init__(self) -> None:
        if len(self.nonce) != NONCE_LEN:
            raise ValueError(f"an rxgk nonce is {NONCE_LEN} bytes, not {len(self.nonce)}")
        if len(self.call_numbers) > MAX_CALL_NUMBERS:
            raise ValueError(f"{len(self.call_numbers)} call numbers, at most 4")
        for name, value in (("epoch", self.epoch), ("cid", self.cid),
                            *(("call number", n) for n in self.call_numbers)):
            _check_u32(name, value)

    def encode(self) -> bytes:
        return b"".join([
            self.nonce, _opaque(self.appdata),
            struct.pack(">iIII", self.level, self.epoch, self.cid, len(self.call_numbers)),
            *(struct.pack(">I", number) for number in self.call_numbers)])

    @classmethod
    def decode_untrusted(cls, plaintext: bytes | bytearray | memoryview) -> Authenticator:
        """Read an authenticator's plaintext; trailing bytes are ignored (cipher padding).

        Raises:
            RxgkMalformed: ``RXGK_NOTAUTH`` (as Linux) if it is short or has more than four
                call numbers.
        """
        reader = _Reader(bytes(plaintext), RxgkAbortCode.RXGK_NOTAUTH, "rxgk authenticator")
        nonce = reader.take(NONCE_LEN)
        appdata = reader.opaque()
        level, epoch, cid, count = reader.i32(), reader.u32(), reader.u32(), reader.u32()
        if count > MAX_CALL_NUMBERS:
            raise reader.fail(f"{count} call numbers")
        return cls(nonce, appdata, level, epoch, cid, tuple(reader.u32() for _ in range(count)))


# --------------------------------------------------------------------------------- token


@attrs.frozen
class TokenContainer:
    """What the client presents as its token: which server key opens it, and the sealed
    token (key usage 1036)."""

    kvno: int
    enctype: int
    encrypted_token: bytes

    def encode(self) -> bytes:
        return struct.pack(">ii", self.kvno, self.enctype) + _opaque(self.encrypted_token)

    @classmethod
    def decode_untrusted(cls, data: bytes | bytearray | memoryview) -> TokenContainer:
        """Read a token container with Linux's bounds.

        Raises:
            RxgkMalformed: ``RXGK_PACKETSHORT`` if it is shorter than its fields say.
        """
        reader = _Reader(bytes(data), RxgkAbortCode.RXGK_PACKETSHORT, "rxgk token container")
        kvno, enctype = reader.i32(), reader.i32()
        return cls(kvno, enctype, reader.opaque())


@attrs.frozen
class AuthName:
    """One identity in a token (``RXGK_AuthName``; OpenAFS calls it ``PrAuthName``)."""

    kind: int
    data: bytes
    display: bytes

    def encode(self) -> bytes:
        return struct.pack(">i", self.kind) + _opaque(self.data) + _opaque(self.display)


MAX_AUTHNAME_DATA: Final = 2048
"""The bound on an identity's ``data`` and ``display`` (``AUTHDATAMAX``/``AUTHPRINTABLEMAX``)."""


@attrs.frozen
class Token:
    """A token's plaintext: the master key K0 and what the connection may do with it."""

    enctype: int
    key: bytes
    """K0."""
    level: int
    lifetime: int
    """Seconds a transport key may be used before a rekey (Linux; OpenAFS ignores it)."""
    bytelife: int
    """log2 of the bytes a transport key may protect; 0 means no limit (Linux)."""
    expiration_time: int
    """100 ns units since 1970; 0 means never."""
    identities: tuple[AuthName, ...] = ()
    start_time: int = 0
    """Only in :attr:`TokenForm.YFS` tokens."""

    def encode(self, form: TokenForm = TokenForm.YFS) -> bytes:
        head = struct.pack(">i", self.enctype) + _opaque(self.key) + struct.pack(">i", self.level)
        if form is TokenForm.YFS:
            head += struct.pack(">q", self.start_time)
        return b"".join([
            head, struct.pack(">iiqI", self.lifetime, self.bytelife, self.expiration_time,
                              len(self.identities)),
            *(name.encode() for name in self.identities)])

    @classmethod
    def decode_untrusted(cls, plaintext: bytes | bytearray | memoryview,
                         form: TokenForm = TokenForm.YFS) -> Token:
        """Read a token's plaintext; trailing bytes are ignored (cipher padding).

        Raises:
            RxgkMalformed: ``RXGK_INCONSISTENCY`` (as Linux's decoder) if it is short or an
                identity is longer than :data:`MAX_AUTHNAME_DATA`.
        """
        reader = _Reader(bytes(plaintext), RxgkAbortCode.RXGK_INCONSISTENCY, "rxgk token")
        enctype = reader.i32()
        key = reader.opaque()
        level = reader.i32()
        start_time = reader.i64() if form is TokenForm.YFS else 0
        lifetime, bytelife, expiration = reader.i32(), reader.i32(), reader.i64()
        count = reader.u32()
        if count * 12 > reader.left:  # each identity takes at least 12 bytes
            raise reader.fail(f"{count} identities in {reader.left} bytes")
        names = tuple(AuthName(reader.i32(), reader.opaque(MAX_AUTHNAME_DATA),
                               reader.opaque(MAX_AUTHNAME_DATA)) for _ in range(count))
        return cls(enctype, key, level, lifetime, bytelife, expiration, names, start_time)


# --------------------------------------------------------------------------- DATA packets


@attrs.frozen
class PseudoHeader:
    """What levels 1 and 2 bind to a DATA packet's data."""

    epoch: int
    cid: int
    """The packet's cid, channel bits included."""
    call_number: int
    seq: int
    security_index: int
    data_len: int

    def __attrs_post_init__(self) -> None:
        for name in ("epoch", "cid", "call_number", "seq", "security_index", "data_len"):
            _check_u32(name, getattr(self, name))

    def encode(self) -> bytes:
        return struct.pack(">6I", self.epoch, self.cid, self.call_number, self.seq,
                           self.security_index, self.data_len)

    @classmethod
    def decode_untrusted(cls, plaintext: bytes | bytearray | memoryview) -> PseudoHeader:
        """Read the pseudo-header at the front of a decrypted level-2 payload.

        Raises:
            RxgkMalformed: ``RXGK_PACKETSHORT``, fewer than 24 bytes.
        """
        data = bytes(plaintext[:PSEUDO_HEADER_LEN])
        if len(data) < PSEUDO_HEADER_LEN:
            raise RxgkMalformed(RxgkAbortCode.RXGK_PACKETSHORT,
                                f"rxgk pseudo-header of {len(data)} bytes")
        return cls(*struct.unpack(">6I", data))


def key_number_field(key_number: int) -> int:
    """The Rx header's ``cksum`` value for a 32-bit transport-key number: its low 16 bits."""
    _check_u32("key number", key_number)
    return key_number & 0xFFFF


def resolve_key_number(field: int, current: int) -> int:
    """Widen a received header's 16-bit key number against ``current``, as Linux does.

    Returns ``current``, ``current - 1`` (the previous key) or ``current + 1`` (the peer has
    rekeyed).

    Raises:
        RxgkMalformed: ``RXGK_BADKEYNO`` for any other value, or a step past either end of
            the 32-bit range (OpenAFS answers that last case with ``RXGK_INCONSISTENCY``).
    """
    _check_u32("current key number", current)
    for candidate in (current, current - 1, current + 1):
        if 0 <= candidate <= _U32 and candidate & 0xFFFF == field:
            return candidate
    raise RxgkMalformed(RxgkAbortCode.RXGK_BADKEYNO,
                        f"key number field {field:#06x} is not near key {current}")


def transport_key_seed(epoch: int, cid: int, start_time: int, key_number: int) -> bytes:
    """The 20 bytes from which a transport key is derived (PRF+ of K0 over them)."""
    _check_u32("epoch", epoch)
    _check_u32("cid", cid)
    _check_u32("key number", key_number)
    return struct.pack(">IIqI", epoch, cid & ~3 & _U32, start_time, key_number)
