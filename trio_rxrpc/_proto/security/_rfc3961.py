"""Kerberos encryption types: the RFC 3961 framework every enctype here plugs into.

Theory of operation
-------------------
RFC 3961 describes an encryption type ("enctype") as a bundle of operations over a base key:
derive per-usage keys, encrypt with a random confounder and an integrity tag, decrypt and
check, compute a keyed checksum (a MIC), a pseudo-random function (PRF) and string-to-key.
The enctypes rxgk needs (17 and 18 from RFC 3962, 19 and 20 from RFC 8009, 25 and 26 from
RFC 6803) share one shape:

* three keys per key usage ``u``, derived from the base key with the constant ``u`` as four
  big-endian bytes followed by 0x99 (``Kc``, checksums), 0xAA (``Ke``, encryption) or 0x55
  (``Ki``, integrity);
* the ciphertext is ``CTS(Ke, IV 0, confounder || plaintext)`` followed by a truncated MAC
  under ``Ki``; the MAC covers the plaintext (RFC 3961 simplified profile, RFC 6803) or the
  zero IV and the ciphertext (RFC 8009, encrypt-then-MAC);
* the checksum is a truncated MAC under ``Kc``.

:class:`Enctype` implements that shape once; subclasses supply the key derivation, the block
cipher and the MAC.  :meth:`Enctype.derive` returns :class:`UsageKeys` holding prepared
cipher and MAC objects, so encrypting or checking a packet derives nothing.  Confounders are
parameters: nothing here draws random bytes.  The enctypes themselves are in
:mod:`._aes_enctypes` and :mod:`._camellia_enctypes`; :mod:`._enctypes` maps numbers to them.

The module also holds the primitives the enctypes share: n-fold (RFC 3961 section 5.1),
ciphertext stealing over any 16-byte-block CBC (RFC 3962 section 5, "CBC-CS3"), AES-CTS on
pycryptodome, and PRF+ (RFC 4402, with the 4-byte counter rxgk uses).
"""

from __future__ import annotations

import abc
import hmac
import math
from typing import TYPE_CHECKING, ClassVar, Final, Protocol

import attrs
from Crypto.Cipher import AES

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "BLOCK",
    "CONFOUNDER_SIZE",
    "Enctype",
    "IntegrityError",
    "UsageKeys",
    "aes_cts_decrypt",
    "aes_cts_encrypt",
    "aes_ecb",
    "cts_decrypt",
    "cts_encrypt",
    "n_fold",
]

BLOCK: Final = 16  # the block size of AES and Camellia
CONFOUNDER_SIZE: Final = 16  # one block, for every enctype here
_ZERO_IV: Final = bytes(BLOCK)


class IntegrityError(ValueError):
    """A Kerberos ciphertext or checksum failed its check (wrong key, usage or tampering)."""


class _Cipher(Protocol):
    """The part of a pycryptodome cipher object used here (the library is untyped)."""

    def encrypt(self, data: bytes, /) -> bytes: ...
    def decrypt(self, data: bytes, /) -> bytes: ...


def aes_ecb(key: bytes) -> _Cipher:
    """A reusable AES-ECB object (ECB keeps no state between calls)."""
    return AES.new(bytes(key), AES.MODE_ECB)


# -- n-fold ---------------------------------------------------------------------------------------


def n_fold(data: bytes, size: int) -> bytes:
    """RFC 3961 n-fold: stretch or shrink ``data`` to ``size`` bytes.

    The input is repeated up to the least common multiple of both lengths, each copy rotated
    13 bits further right, and the ``size``-byte chunks are summed with end-around carry.
    """
    in_bits = len(data) * 8
    if not in_bits or size <= 0:
        raise ValueError("n-fold needs non-empty input and output")
    total = math.lcm(len(data), size)
    value = int.from_bytes(data, "big")
    mask = (1 << in_bits) - 1
    stream = 0
    for copy in range(total // len(data)):
        turn = (13 * copy) % in_bits
        rotated = ((value >> turn) | (value << (in_bits - turn))) & mask
        stream = (stream << in_bits) | rotated
    out_bits = size * 8
    out_mask = (1 << out_bits) - 1
    acc = 0
    for chunk in range(total // size):
        acc += (stream >> (out_bits * chunk)) & out_mask
    while acc >> out_bits:
        acc = (acc & out_mask) + (acc >> out_bits)
    return acc.to_bytes(size, "big")


# -- ciphertext stealing --------------------------------------------------------------------------


def cts_encrypt(cbc_encrypt: Callable[[bytes], bytes], plaintext: bytes) -> bytes:
    """CBC with ciphertext stealing (at least one block of input).

    ``cbc_encrypt`` enciphers whole blocks in CBC mode from the wanted IV, afresh on each
    call.  The input is zero-padded to whole blocks and enciphered; then the last two
    ciphertext blocks are swapped (even when the input filled its last block) and the output is
    cut back to the input's length.
    """
    size = len(plaintext)
    if size < BLOCK:
        raise ValueError("ciphertext stealing needs at least 16 bytes")
    padding = -size % BLOCK
    sealed = cbc_encrypt(bytes(plaintext) + bytes(padding) if padding else bytes(plaintext))
    if size == BLOCK:
        return sealed
    tail = BLOCK - padding  # bytes in the final, possibly partial, block
    return sealed[: -2 * BLOCK] + sealed[-BLOCK:] + sealed[-2 * BLOCK : -2 * BLOCK + tail]


def cts_decrypt(
    cbc_decrypt: Callable[[bytes], bytes], ecb_decrypt: Callable[[bytes], bytes], ciphertext: bytes
) -> bytes:
    """Invert :func:`cts_encrypt`; ``ecb_decrypt`` deciphers one block without chaining."""
    size = len(ciphertext)
    if size < BLOCK:
        raise ValueError("ciphertext stealing needs at least 16 bytes")
    if size == BLOCK:
        return cbc_decrypt(bytes(ciphertext))
    blocks = -(-size // BLOCK)
    tail = size - BLOCK * (blocks - 1)
    cut = BLOCK * (blocks - 2)
    head = bytes(ciphertext[:cut])
    last_full = bytes(ciphertext[cut : cut + BLOCK])
    stolen = bytes(ciphertext[cut + BLOCK :])
    # last_full deciphers to (final plaintext block, zero-padded) XOR the block before it in
    # CBC order; that block's missing bytes are exactly the deciphered padding positions.
    mixed = ecb_decrypt(last_full)
    previous = stolen + mixed[tail:]
    mask = int.from_bytes(previous[:tail], "big")
    final = (int.from_bytes(mixed[:tail], "big") ^ mask).to_bytes(tail, "big")
    return cbc_decrypt(head + previous) + final


def aes_cts_encrypt(key: bytes, plaintext: bytes, iv: bytes = _ZERO_IV) -> bytes:
    """AES in CBC mode with ciphertext stealing (RFC 3962; at least one block of input)."""
    return cts_encrypt(AES.new(bytes(key), AES.MODE_CBC, iv=bytes(iv)).encrypt, plaintext)


def aes_cts_decrypt(key: bytes, ciphertext: bytes, iv: bytes = _ZERO_IV) -> bytes:
    """Invert :func:`aes_cts_encrypt`."""
    cbc = AES.new(bytes(key), AES.MODE_CBC, iv=bytes(iv))
    return cts_decrypt(cbc.decrypt, aes_ecb(key).decrypt, ciphertext)


# -- the enctype framework -------------------------------------------------------------------------


@attrs.frozen(eq=False)
class UsageKeys:
    """The keys of one key usage, with their prepared cipher and MAC operations.

    ``seal``/``unseal`` are CTS under ``Ke`` with a zero IV; ``integrity`` and ``checksum`` are
    the MACs under ``Ki`` and ``Kc``, already truncated to the enctype's checksum size.  The
    prepared objects are meant for one thread (the event loop's): each call starts its own
    CBC and MAC state, but an ECB context is shared.
    """

    usage: int
    kc: bytes = attrs.field(repr=False)
    ke: bytes = attrs.field(repr=False)
    ki: bytes = attrs.field(repr=False)
    seal: Callable[[bytes], bytes] = attrs.field(repr=False)
    unseal: Callable[[bytes], bytes] = attrs.field(repr=False)
    integrity: Callable[[bytes], bytes] = attrs.field(repr=False)
    checksum: Callable[[bytes], bytes] = attrs.field(repr=False)


class Enctype(abc.ABC):
    """One Kerberos encryption type: sizes plus the RFC 3961 operations.

    Subclasses set the class attributes and implement :meth:`derive_key`, :meth:`prf`,
    :meth:`string_to_key` and the three ``_prepare_*`` hooks.
    """

    number: ClassVar[int]
    name: ClassVar[str]
    key_size: ClassVar[int]
    """Bytes of a base key (and of ``Ke``)."""
    mac_key_size: ClassVar[int]
    """Bytes of ``Kc`` and ``Ki``."""
    checksum_size: ClassVar[int]
    """Bytes of the integrity tag and of a MIC."""
    prf_size: ClassVar[int]
    """Bytes of one PRF output."""
    default_iterations: ClassVar[int]
    """The string-to-key iteration count when the caller gives none."""
    mac_over_ciphertext: ClassVar[bool] = False
    """RFC 8009's encrypt-then-MAC (over IV || C) instead of a MAC over the plaintext."""
    confounder_size: ClassVar[int] = CONFOUNDER_SIZE

    def __repr__(self) -> str:
        return f"<Enctype {self.number} {self.name}>"

    # -- what each enctype supplies

    @abc.abstractmethod
    def derive_key(self, base: bytes, constant: bytes, size: int | None = None) -> bytes:
        """The raw key derivation of ``size`` bytes (default: the key size) for ``constant``."""

    @abc.abstractmethod
    def prf(self, key: bytes, data: bytes) -> bytes:
        """The enctype's pseudo-random function (:attr:`prf_size` bytes)."""

    @abc.abstractmethod
    def string_to_key(self, password: bytes, salt: bytes, iterations: int | None = None) -> bytes:
        """Turn a password and salt into a base key."""

    @abc.abstractmethod
    def _prepare_cts(self, ke: bytes) -> tuple[Callable[[bytes], bytes], Callable[[bytes], bytes]]:
        """``(seal, unseal)``: CTS encryption and decryption under ``ke`` with a zero IV."""

    @abc.abstractmethod
    def _prepare_mac(self, key: bytes) -> Callable[[bytes], bytes]:
        """The MAC under ``key``, truncated to :attr:`checksum_size`."""

    # -- shared operations

    def check_key(self, key: bytes) -> bytes:
        """Return ``key`` as bytes after checking its length.

        Raises:
            ValueError: the key is not :attr:`key_size` bytes.
        """
        if len(key) != self.key_size:
            raise ValueError(f"enctype {self.number} keys are {self.key_size} bytes")
        return bytes(key)

    def random_to_key(self, data: bytes) -> bytes:
        """RFC 3961 random-to-key: the identity for these enctypes (length checked)."""
        return self.check_key(data)

    def derive(self, base: bytes, usage: int) -> UsageKeys:
        """Derive ``Kc``/``Ke``/``Ki`` for ``usage`` and prepare their cipher and MACs.

        Raises:
            ValueError: the base key has the wrong length.
        """
        base = self.check_key(base)
        prefix = usage.to_bytes(4, "big")
        kc = self.derive_key(base, prefix + b"\x99", self.mac_key_size)
        ke = self.derive_key(base, prefix + b"\xaa", self.key_size)
        ki = self.derive_key(base, prefix + b"\x55", self.mac_key_size)
        return self.usage_keys(usage, kc=kc, ke=ke, ki=ki)

    def usage_keys(self, usage: int, *, kc: bytes, ke: bytes, ki: bytes) -> UsageKeys:
        """Prepare :class:`UsageKeys` from already derived ``Kc``/``Ke``/``Ki``.

        Raises:
            ValueError: a key has the wrong length.
        """
        if (len(kc), len(ke), len(ki)) != (self.mac_key_size, self.key_size, self.mac_key_size):
            raise ValueError(f"wrong derived key length for enctype {self.number}")
        kc, ke, ki = bytes(kc), bytes(ke), bytes(ki)
        seal, unseal = self._prepare_cts(ke)
        return UsageKeys(
            usage, kc, ke, ki, seal, unseal, self._prepare_mac(ki), self._prepare_mac(kc)
        )

    def encrypt(self, keys: UsageKeys, plaintext: bytes, confounder: bytes) -> bytes:
        """Seal ``plaintext``: CTS of confounder || plaintext, then the integrity tag."""
        if len(confounder) != self.confounder_size:
            raise ValueError(f"the confounder is {self.confounder_size} bytes")
        data = bytes(confounder) + bytes(plaintext)
        sealed = keys.seal(data)
        if self.mac_over_ciphertext:
            return sealed + keys.integrity(_ZERO_IV + sealed)
        return sealed + keys.integrity(data)

    def decrypt(self, keys: UsageKeys, data: bytes) -> bytes:
        """Check and open what :meth:`encrypt` made; return the plaintext without confounder.

        Raises:
            IntegrityError: the tag does not match, or the ciphertext is too short.
        """
        size = self.checksum_size
        if len(data) < self.confounder_size + size:
            raise IntegrityError("Kerberos ciphertext too short")
        data = bytes(data)
        sealed, tag = data[:-size], data[-size:]
        if self.mac_over_ciphertext:
            if not hmac.compare_digest(keys.integrity(_ZERO_IV + sealed), tag):
                raise IntegrityError("Kerberos ciphertext failed its integrity check")
            return keys.unseal(sealed)[self.confounder_size :]
        plain = keys.unseal(sealed)
        if not hmac.compare_digest(keys.integrity(plain), tag):
            raise IntegrityError("Kerberos ciphertext failed its integrity check")
        return plain[self.confounder_size :]

    def mic(self, keys: UsageKeys, data: bytes) -> bytes:
        """The keyed checksum of ``data`` under ``Kc`` (:attr:`checksum_size` bytes)."""
        return keys.checksum(bytes(data))

    def verify_mic(self, keys: UsageKeys, data: bytes, mic: bytes) -> None:
        """Check a checksum made by :meth:`mic` in constant time.

        Raises:
            IntegrityError: it does not match.
        """
        if not hmac.compare_digest(keys.checksum(bytes(data)), bytes(mic)):
            raise IntegrityError("Kerberos checksum does not match")

    def prf_plus(self, key: bytes, size: int, seed: bytes, *, first: int = 1) -> bytes:
        """RFC 4402 PRF+: the first ``size`` bytes of PRF(key, n || seed) for n = first, ...

        The counter ``n`` is four big-endian bytes.  rxgk (OpenAFS and Linux) counts from 1,
        the default; MIT Kerberos's ``gss_pseudo_random`` counts from 0.
        """
        if size < 0:
            raise ValueError("PRF+ output size is negative")
        out = bytearray()
        counter = first
        while len(out) < size:
            out += self.prf(key, counter.to_bytes(4, "big") + bytes(seed))
            counter += 1
        return bytes(out[:size])
