"""OpenAFS server key files: ``KeyFile`` (DES keys) and ``KeyFileExt`` (every other key type).

Theory of operation
-------------------
An OpenAFS server keeps its keys in its configuration directory (``/usr/afs/etc``, or
``/etc/openafs/server`` on Debian); the formats are those of OpenAFS's ``src/auth/keys.c``, all
integers 32-bit big-endian:

* ``KeyFile``: ``count || count x (kvno || 8-byte DES key)``.  Readers take exactly ``count``
  entries and ignore what follows, because old writers dumped a fixed-size structure.
* ``KeyFileExt``: ``count || count x record`` where a record is ``metalen || type || kvno ||
  subtype || (metalen - 16 bytes of future metadata) || keylen || key``.  ``metalen`` counts
  its own four bytes and the three after it, so it is at least 16.  ``type`` is 1 for rxgk or 2
  for rxkad-krb5, and ``subtype`` is then a Kerberos enctype.

Both parse into :class:`ServerKey` values, collected in a :class:`Keyring` that answers the two
questions a server and the ``-localauth`` client ask: "which key has this kvno (and enctype)?"
and "which key is the latest?".  The module works on bytes; reading the files is the caller's
business.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Mapping
from typing import Final

import attrs

__all__ = [
    "KEY_TYPE_RXGK",
    "KEY_TYPE_RXKAD",
    "KEY_TYPE_RXKAD_KRB5",
    "KeyFileError",
    "Keyring",
    "ServerKey",
    "encode_keyfile",
    "encode_keyfile_ext",
    "parse_keyfile",
    "parse_keyfile_ext",
]

KEY_TYPE_RXKAD: Final = 0  # afsconf_rxkad: single DES, stored in KeyFile
KEY_TYPE_RXGK: Final = 1  # afsconf_rxgk
KEY_TYPE_RXKAD_KRB5: Final = 2  # afsconf_rxkad_krb5: Kerberos 5 service keys for rxkad-k5

# -localauth prefers rxkad-krb5 keys of these enctypes, in this order (aes256, aes128, rc4,
# des3), and skips DES kvno 999, which OpenAFS reserves for another use.
_LOCALAUTH_ENCTYPES: Final = (18, 17, 23, 16)
_RESERVED_KVNO: Final = 999
_MIN_METALEN: Final = 16


class KeyFileError(ValueError):
    """A key file that cannot be parsed (truncated, or a record that makes no sense)."""


@attrs.frozen
class ServerKey:
    """One server key: its type, version number, subtype (an enctype, or 0 for DES) and bytes."""

    type: int
    kvno: int
    subtype: int
    key: bytes = attrs.field(repr=False)


def _read_u32(data: bytes, pos: int, what: str) -> int:
    if pos + 4 > len(data):
        raise KeyFileError(f"truncated key file: no room for {what}")
    value: int = struct.unpack_from(">I", data, pos)[0]
    return value


def parse_keyfile(data: bytes) -> list[ServerKey]:
    """Parse a ``KeyFile`` into DES keys (trailing bytes after the last entry are ignored).

    Raises:
        KeyFileError: the file is shorter than its count says.
    """
    data = bytes(data)
    count = _read_u32(data, 0, "the key count")
    if 4 + 12 * count > len(data):
        raise KeyFileError(f"KeyFile claims {count} keys but holds {(len(data) - 4) // 12}")
    keys = []
    for index in range(count):
        pos = 4 + 12 * index
        kvno = struct.unpack_from(">I", data, pos)[0]
        keys.append(ServerKey(KEY_TYPE_RXKAD, kvno, 0, data[pos + 4 : pos + 12]))
    return keys


def parse_keyfile_ext(data: bytes) -> list[ServerKey]:
    """Parse a ``KeyFileExt``.

    Raises:
        KeyFileError: truncated data or a metadata length below 16.
    """
    data = bytes(data)
    count = _read_u32(data, 0, "the key count")
    pos = 4
    keys = []
    for _ in range(count):
        metalen = _read_u32(data, pos, "a record's metadata length")
        if metalen < _MIN_METALEN:
            raise KeyFileError(f"KeyFileExt record with metadata length {metalen}")
        key_type = _read_u32(data, pos + 4, "a key type")
        kvno = _read_u32(data, pos + 8, "a kvno")
        subtype = _read_u32(data, pos + 12, "a key subtype")
        pos += metalen
        keylen = _read_u32(data, pos, "a key length")
        pos += 4
        if pos + keylen > len(data):
            raise KeyFileError("truncated KeyFileExt: key runs past the end")
        keys.append(ServerKey(key_type, kvno, subtype, data[pos : pos + keylen]))
        pos += keylen
    return keys


def encode_keyfile(keys: Iterable[ServerKey] | Mapping[int, bytes]) -> bytes:
    """Write a ``KeyFile`` holding DES keys (given as :class:`ServerKey` or ``{kvno: key}``).

    Raises:
        ValueError: a key is not a DES (type 0) key of 8 bytes.
    """
    if isinstance(keys, Mapping):
        keys = [ServerKey(KEY_TYPE_RXKAD, kvno, 0, key) for kvno, key in keys.items()]
    entries = []
    for key in keys:
        if key.type != KEY_TYPE_RXKAD or len(key.key) != 8:
            raise ValueError("KeyFile holds only 8-byte DES keys")
        entries.append(struct.pack(">I", key.kvno) + key.key)
    return struct.pack(">I", len(entries)) + b"".join(entries)


def encode_keyfile_ext(keys: Iterable[ServerKey]) -> bytes:
    """Write a ``KeyFileExt`` (metadata length 16, no extra metadata)."""
    records = [
        struct.pack(">IIIII", _MIN_METALEN, k.type, k.kvno, k.subtype, len(k.key)) + k.key
        for k in keys
    ]
    return struct.pack(">I", len(records)) + b"".join(records)


def _key_tuple(keys: Iterable[ServerKey]) -> tuple[ServerKey, ...]:
    return tuple(keys)


@attrs.frozen
class Keyring:
    """A server's keys, looked up the way OpenAFS looks them up.

    Build one with :meth:`from_files` or directly from :class:`ServerKey` values.  When two keys
    share type, kvno and subtype, the later one wins.
    """

    keys: tuple[ServerKey, ...] = attrs.field(converter=_key_tuple)

    @classmethod
    def from_files(cls, keyfile: bytes | None = None, keyfile_ext: bytes | None = None) -> Keyring:
        """Parse the contents of ``KeyFile`` and/or ``KeyFileExt``.

        Raises:
            KeyFileError: either file is malformed.
        """
        keys = parse_keyfile(keyfile) if keyfile is not None else []
        if keyfile_ext is not None:
            keys += parse_keyfile_ext(keyfile_ext)
        return cls(keys)

    @classmethod
    def from_des_key(cls, key: bytes, kvno: int) -> Keyring:
        """A keyring holding one DES (rxkad) key."""
        return cls([ServerKey(KEY_TYPE_RXKAD, kvno, 0, bytes(key))])

    @property
    def rxkad(self) -> dict[int, bytes]:
        """DES keys by kvno (the ``KeyFile`` keys)."""
        return {k.kvno: k.key for k in self.keys if k.type == KEY_TYPE_RXKAD}

    @property
    def rxkad_krb5(self) -> dict[tuple[int, int], bytes]:
        """Kerberos 5 service keys for rxkad-k5 by ``(kvno, enctype)``."""
        return {(k.kvno, k.subtype): k.key for k in self.keys if k.type == KEY_TYPE_RXKAD_KRB5}

    @property
    def rxgk(self) -> dict[tuple[int, int], bytes]:
        """rxgk keys by ``(kvno, enctype)``."""
        return {(k.kvno, k.subtype): k.key for k in self.keys if k.type == KEY_TYPE_RXGK}

    def get(self, key_type: int, kvno: int, subtype: int = 0) -> bytes | None:
        """The key with this type, kvno and subtype, or ``None``."""
        found = None
        for k in self.keys:
            if (k.type, k.kvno, k.subtype) == (key_type, kvno, subtype):
                found = k.key
        return found

    def latest(self, key_type: int, subtype: int | None = None) -> ServerKey | None:
        """The key of this type (and subtype, if given) with the highest kvno, or ``None``."""
        best: ServerKey | None = None
        for k in self.keys:
            if k.type != key_type or (subtype is not None and k.subtype != subtype):
                continue
            if key_type == KEY_TYPE_RXKAD and k.kvno == _RESERVED_KVNO:
                continue
            if best is None or k.kvno >= best.kvno:
                best = k
        return best

    def localauth_key(self) -> ServerKey | None:
        """The key an OpenAFS ``-localauth`` client would forge its token with.

        An rxkad-krb5 key is preferred, trying enctypes 18, 17, 23 and 16 in that order and
        taking the highest kvno of the first enctype present; otherwise the DES key with the
        highest kvno (never kvno 999).
        """
        for enctype in _LOCALAUTH_ENCTYPES:
            key = self.latest(KEY_TYPE_RXKAD_KRB5, enctype)
            if key is not None:
                return key
        return self.latest(KEY_TYPE_RXKAD)
