"""Kerberos 5 pieces for rxkad-k5: AES-CTS-HMAC-SHA1-96 (RFC 3961/3962) and a small DER codec.

Theory of operation
-------------------
An OpenAFS server accepts Kerberos 5 tickets inside rxkad RESPONSEs (rxkad-k5, in OpenAFS's
``src/rxkad/ticket5.c``).  To read one we need the RFC 3961 "simplified profile" for
enctypes 17 (aes128-cts-hmac-sha1-96) and 18 (aes256-cts-hmac-sha1-96).  The cryptography
itself lives with the other enctypes (:mod:`._rfc3961`, :mod:`._aes_enctypes`); this module
keeps the per-call interface the ticket code uses (enctype number, base key and key usage in,
bytes out), limited to those two enctypes:

* ``DK(base, constant)`` chains AES-ECB from the n-folded constant to derive the per-usage keys
  ``Kc``/``Ke``/``Ki`` (constant = usage as 4 bytes + 0x99/0xAA/0x55);
* ``encrypt`` is AES-CTS(Ke, IV 0, confounder || plaintext) followed by the first 12 bytes
  of HMAC-SHA1(Ki, confounder || plaintext); ``decrypt`` reverses it and checks the HMAC in
  constant time.

The DER side reads and writes just the ASN.1 the tickets use: ``EncryptedData``,
``Ticket`` (``[APPLICATION 1]``) and ``EncTicketPart`` (``[APPLICATION 3]``), definite lengths
only, with single-byte tags.  Decoders raise :class:`DERError` on anything malformed; callers
turn that into the protocol's own error.  Confounders are parameters: nothing here draws
random bytes.
"""

from __future__ import annotations

import calendar
import datetime
from typing import TYPE_CHECKING, Final

import attrs

from ._enctypes import enctype as _lookup
from ._rfc3961 import IntegrityError, aes_cts_decrypt, aes_cts_encrypt, n_fold

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ._rfc3961 import Enctype

__all__ = [
    "ENCTYPE_AES128_CTS_HMAC_SHA1_96",
    "ENCTYPE_AES256_CTS_HMAC_SHA1_96",
    "KEY_USAGE_TICKET",
    "TICKET_FLAG_INVALID",
    "TICKET_FLAG_TRANSITED_POLICY_CHECKED",
    "DERError",
    "EncTicketPart",
    "EncryptedData",
    "IntegrityError",
    "PrincipalName",
    "Ticket",
    "aes_cts_decrypt",
    "aes_cts_encrypt",
    "checksum",
    "decode_enc_ticket_part",
    "decode_encrypted_data",
    "decode_ticket",
    "decrypt",
    "derive_key",
    "encode_enc_ticket_part",
    "encode_encrypted_data",
    "encode_ticket",
    "encrypt",
    "key_size",
    "n_fold",
    "prf",
    "string_to_key",
]

ENCTYPE_AES128_CTS_HMAC_SHA1_96: Final = 17
ENCTYPE_AES256_CTS_HMAC_SHA1_96: Final = 18
KEY_USAGE_TICKET: Final = 2  # KRB5_KU_TICKET: the enc-part of a service ticket

_SUPPORTED: Final = (ENCTYPE_AES128_CTS_HMAC_SHA1_96, ENCTYPE_AES256_CTS_HMAC_SHA1_96)


class DERError(ValueError):
    """Bytes that are not the DER encoding this module expects."""


def _enctype(number: int) -> Enctype:
    if number not in _SUPPORTED:
        raise ValueError(f"unsupported Kerberos enctype {number}")
    return _lookup(number)


def key_size(enctype: int) -> int:
    """Key length in bytes of a supported enctype.

    Raises:
        ValueError: the enctype is not 17 or 18.
    """
    return _enctype(enctype).key_size


# -- RFC 3961 operations for enctypes 17 and 18 ------------------------------------------------


def derive_key(enctype: int, base_key: bytes, constant: bytes) -> bytes:
    """RFC 3961 ``DK(base_key, constant)`` for the AES enctypes (random-to-key is identity)."""
    kind = _enctype(enctype)
    return kind.derive_key(kind.check_key(base_key), constant)


def string_to_key(enctype: int, password: bytes, salt: bytes, iterations: int = 4096) -> bytes:
    """RFC 3962 string-to-key: ``DK(PBKDF2-HMAC-SHA1(password, salt, iterations), "kerberos")``."""
    return _enctype(enctype).string_to_key(password, salt, iterations)


def encrypt(enctype: int, key: bytes, usage: int, plaintext: bytes, *, confounder: bytes) -> bytes:
    """RFC 3961 authenticated encryption with a caller-chosen 16-byte random confounder."""
    kind = _enctype(enctype)
    return kind.encrypt(kind.derive(key, usage), plaintext, confounder)


def decrypt(enctype: int, key: bytes, usage: int, ciphertext: bytes) -> bytes:
    """Invert :func:`encrypt` and return the plaintext without its confounder.

    Raises:
        IntegrityError: the HMAC does not match, or the ciphertext is too short.
    """
    kind = _enctype(enctype)
    return kind.decrypt(kind.derive(key, usage), ciphertext)


def checksum(enctype: int, key: bytes, usage: int, data: bytes) -> bytes:
    """The keyed checksum (MIC) ``HMAC-SHA1(Kc, data)[:12]``."""
    kind = _enctype(enctype)
    return kind.mic(kind.derive(key, usage), data)


def prf(enctype: int, key: bytes, data: bytes) -> bytes:
    """RFC 3962 PRF: ``AES-ECB(DK(key, "prf"), SHA-1(data)[:16])``."""
    return _enctype(enctype).prf(key, data)


# -- DER ------------------------------------------------------------------------------------------

_INTEGER: Final = 0x02
_BIT_STRING: Final = 0x03
_OCTET_STRING: Final = 0x04
_SEQUENCE: Final = 0x30
_GENERALIZED_TIME: Final = 0x18
_GENERAL_STRING: Final = 0x1B
_APPLICATION_TICKET: Final = 0x61
_APPLICATION_ENC_TICKET_PART: Final = 0x63


# Ticket flags as bits of EncTicketPart.flags (flag n is bit 31 - n).
TICKET_FLAG_INVALID: Final = 1 << (31 - 7)
TICKET_FLAG_TRANSITED_POLICY_CHECKED: Final = 1 << (31 - 12)


def _context(number: int) -> int:
    return 0xA0 | number


@attrs.frozen
class PrincipalName:
    """A Kerberos principal name: its type and components (``afs``, or ``admin``/``admin``)."""

    name_type: int
    components: tuple[str, ...]


@attrs.frozen
class EncryptedData:
    """``EncryptedData``: an enctype, the key version (``None`` when absent), the ciphertext."""

    etype: int
    kvno: int | None
    cipher: bytes = attrs.field(repr=lambda b: f"<{len(b)} bytes>")


@attrs.frozen
class Ticket:
    """A full Kerberos 5 ``Ticket`` (``[APPLICATION 1]``)."""

    tkt_vno: int
    realm: str
    sname: PrincipalName
    enc_part: EncryptedData


@attrs.frozen(kw_only=True)
class EncTicketPart:
    """The decrypted part of a ticket, with times as Unix seconds.

    ``flags`` holds the first 32 ticket-flag bits, bit 0 (``reserved``) being the most
    significant, as they appear on the wire.
    """

    flags: int
    key_type: int
    key_value: bytes = attrs.field(repr=False)
    crealm: str
    cname: PrincipalName
    transited_type: int = 0
    transited_contents: bytes = b""
    authtime: int
    starttime: int | None = None
    endtime: int
    renew_till: int | None = None


class _Reader:
    """Walks the TLVs of one DER value's contents."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def done(self) -> bool:
        return self.pos >= len(self.data)

    def peek_tag(self) -> int | None:
        return None if self.done() else self.data[self.pos]

    def read(self, tag: int) -> bytes:
        """Read one TLV that must carry ``tag``; return its contents."""
        data, pos = self.data, self.pos
        if pos + 2 > len(data):
            raise DERError("truncated DER value")
        if data[pos] != tag:
            raise DERError(f"expected DER tag {tag:#04x}, found {data[pos]:#04x}")
        length = data[pos + 1]
        pos += 2
        if length & 0x80:
            count = length & 0x7F
            if count == 0 or count > 4:
                raise DERError("indefinite or oversized DER length")
            if pos + count > len(data):
                raise DERError("truncated DER length")
            length = int.from_bytes(data[pos : pos + count], "big")
            pos += count
        if pos + length > len(data):
            raise DERError("DER value runs past its container")
        self.pos = pos + length
        return data[pos : pos + length]

    def optional(self, tag: int) -> bytes | None:
        return self.read(tag) if self.peek_tag() == tag else None

    def finish(self) -> None:
        if not self.done():
            raise DERError("unexpected data after the last DER field")


def _only(data: bytes, tag: int) -> _Reader:
    """Parse ``data`` as exactly one TLV with ``tag``; return a reader over its contents."""
    outer = _Reader(data)
    inner = _Reader(outer.read(tag))
    outer.finish()
    return inner


def _integer(contents: bytes) -> int:
    if not contents:
        raise DERError("empty INTEGER")
    return int.from_bytes(contents, "big", signed=True)


def _explicit_integer(reader: _Reader, number: int) -> int:
    return _integer(_only(reader.read(_context(number)), _INTEGER).data)


def _general_string(contents: bytes) -> str:
    try:
        return contents.decode("utf-8")
    except UnicodeDecodeError:
        raise DERError("GeneralString is not UTF-8") from None


def _explicit_string(reader: _Reader, number: int) -> str:
    inner = _Reader(reader.read(_context(number)))
    value = _general_string(inner.read(_GENERAL_STRING))
    inner.finish()
    return value


def _explicit_time(contents: bytes) -> int:
    inner = _Reader(contents)
    text = inner.read(_GENERALIZED_TIME)
    inner.finish()
    if len(text) != 15 or text[14:] != b"Z" or not text[:14].isdigit():
        raise DERError("GeneralizedTime is not YYYYMMDDHHMMSSZ")
    fields = [int(text[0:4]), *(int(text[i : i + 2]) for i in range(4, 14, 2))]
    year, month, day, hour, minute, second = fields
    if not (1 <= month <= 12 and 1 <= day <= 31 and hour < 24 and minute < 60 and second < 61):
        raise DERError("GeneralizedTime out of range")
    return calendar.timegm((year, month, day, hour, minute, second, 0, 0, 0))


def _principal(contents: bytes) -> PrincipalName:
    seq = _only(contents, _SEQUENCE)
    name_type = _explicit_integer(seq, 0)
    names = _only(seq.read(_context(1)), _SEQUENCE)
    components = []
    while not names.done():
        components.append(_general_string(names.read(_GENERAL_STRING)))
    seq.finish()
    return PrincipalName(name_type, tuple(components))


def _encrypted_data(reader: _Reader) -> EncryptedData:
    etype = _explicit_integer(reader, 0)
    kvno_field = reader.optional(_context(1))
    kvno = None if kvno_field is None else _integer(_only(kvno_field, _INTEGER).data)
    cipher = _only(reader.read(_context(2)), _OCTET_STRING).data
    reader.finish()
    return EncryptedData(etype, None if kvno is None else kvno & 0xFFFFFFFF, cipher)


def decode_encrypted_data(der: bytes) -> EncryptedData:
    """Decode a DER ``EncryptedData`` (the rxkad-k5 ticket of kvno field 213).

    Raises:
        DERError: malformed input.
    """
    return _encrypted_data(_only(bytes(der), _SEQUENCE))


def decode_ticket(der: bytes) -> Ticket:
    """Decode a DER ``Ticket`` (the rxkad-k5 ticket of kvno field 256).

    Raises:
        DERError: malformed input.
    """
    seq = _only(_only(bytes(der), _APPLICATION_TICKET).data, _SEQUENCE)
    tkt_vno = _explicit_integer(seq, 0)
    realm = _explicit_string(seq, 1)
    sname = _principal(seq.read(_context(2)))
    enc_part = _encrypted_data(_only(seq.read(_context(3)), _SEQUENCE))
    seq.finish()
    return Ticket(tkt_vno, realm, sname, enc_part)


def decode_enc_ticket_part(der: bytes) -> EncTicketPart:
    """Decode a DER ``EncTicketPart`` (``[APPLICATION 3]``).

    Trailing bytes after the value are rejected; the optional address and authorization-data
    fields are skipped.

    Raises:
        DERError: malformed input.
    """
    outer = _Reader(bytes(der))
    seq = _only(outer.read(_APPLICATION_ENC_TICKET_PART), _SEQUENCE)
    outer.finish()
    bits = _only(seq.read(_context(0)), _BIT_STRING).data
    if not bits or bits[0] > 7:
        raise DERError("bad ticket-flags BIT STRING")
    flags = int.from_bytes((bits[1:] + bytes(4))[:4], "big")
    key = _only(seq.read(_context(1)), _SEQUENCE)
    key_type = _explicit_integer(key, 0)
    key_value = _only(key.read(_context(1)), _OCTET_STRING).data
    key.finish()
    crealm = _explicit_string(seq, 2)
    cname = _principal(seq.read(_context(3)))
    transited = _only(seq.read(_context(4)), _SEQUENCE)
    transited_type = _explicit_integer(transited, 0)
    transited_contents = _only(transited.read(_context(1)), _OCTET_STRING).data
    transited.finish()
    authtime = _explicit_time(seq.read(_context(5)))
    start = seq.optional(_context(6))
    endtime = _explicit_time(seq.read(_context(7)))
    renew = seq.optional(_context(8))
    for number in (9, 10):
        seq.optional(_context(number))
    seq.finish()
    return EncTicketPart(
        flags=flags,
        key_type=key_type,
        key_value=key_value,
        crealm=crealm,
        cname=cname,
        transited_type=transited_type,
        transited_contents=transited_contents,
        authtime=authtime,
        starttime=None if start is None else _explicit_time(start),
        endtime=endtime,
        renew_till=None if renew is None else _explicit_time(renew),
    )


# DER writing, for building tickets (the -localauth path and tests).


def _tlv(tag: int, contents: bytes) -> bytes:
    size = len(contents)
    if size < 0x80:
        return bytes((tag, size)) + contents
    width = (size.bit_length() + 7) // 8
    return bytes((tag, 0x80 | width)) + size.to_bytes(width, "big") + contents


def _der_integer(value: int) -> bytes:
    width = value.bit_length() // 8 + 1  # room for the sign bit
    return _tlv(_INTEGER, value.to_bytes(width, "big", signed=True))


def _der_time(unix: int) -> bytes:
    text = datetime.datetime.fromtimestamp(unix, datetime.UTC).strftime("%Y%m%d%H%M%SZ")
    return _tlv(_GENERALIZED_TIME, text.encode("ascii"))


def _explicit(number: int, inner: bytes) -> bytes:
    return _tlv(_context(number), inner)


def _der_principal(name: PrincipalName) -> bytes:
    strings = b"".join(_tlv(_GENERAL_STRING, c.encode("utf-8")) for c in name.components)
    return _tlv(
        _SEQUENCE,
        _explicit(0, _der_integer(name.name_type)) + _explicit(1, _tlv(_SEQUENCE, strings)),
    )


def encode_encrypted_data(value: EncryptedData) -> bytes:
    """DER-encode an ``EncryptedData``."""
    fields = _explicit(0, _der_integer(value.etype))
    if value.kvno is not None:
        fields += _explicit(1, _der_integer(value.kvno))
    fields += _explicit(2, _tlv(_OCTET_STRING, value.cipher))
    return _tlv(_SEQUENCE, fields)


def encode_ticket(value: Ticket) -> bytes:
    """DER-encode a full ``Ticket``."""
    fields = (
        _explicit(0, _der_integer(value.tkt_vno))
        + _explicit(1, _tlv(_GENERAL_STRING, value.realm.encode("utf-8")))
        + _explicit(2, _der_principal(value.sname))
        + _explicit(3, encode_encrypted_data(value.enc_part))
    )
    return _tlv(_APPLICATION_TICKET, _tlv(_SEQUENCE, fields))


def encode_enc_ticket_part(value: EncTicketPart) -> bytes:
    """DER-encode an ``EncTicketPart`` (32 flag bits; no addresses or authorization data)."""

    def parts() -> Iterator[bytes]:
        yield _explicit(0, _tlv(_BIT_STRING, b"\x00" + value.flags.to_bytes(4, "big")))
        key = _explicit(0, _der_integer(value.key_type)) + _explicit(
            1, _tlv(_OCTET_STRING, value.key_value)
        )
        yield _explicit(1, _tlv(_SEQUENCE, key))
        yield _explicit(2, _tlv(_GENERAL_STRING, value.crealm.encode("utf-8")))
        yield _explicit(3, _der_principal(value.cname))
        transited = _explicit(0, _der_integer(value.transited_type)) + _explicit(
            1, _tlv(_OCTET_STRING, value.transited_contents)
        )
        yield _explicit(4, _tlv(_SEQUENCE, transited))
        yield _explicit(5, _der_time(value.authtime))
        if value.starttime is not None:
            yield _explicit(6, _der_time(value.starttime))
        yield _explicit(7, _der_time(value.endtime))
        if value.renew_till is not None:
            yield _explicit(8, _der_time(value.renew_till))

    return _tlv(_APPLICATION_ENC_TICKET_PART, _tlv(_SEQUENCE, b"".join(parts())))
