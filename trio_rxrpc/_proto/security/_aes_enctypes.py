"""The AES enctypes: 17 and 18 (RFC 3962) and 19 and 20 (RFC 8009).

Theory of operation
-------------------
All four encrypt with AES-CTS under ``Ke`` with a zero IV (:mod:`._rfc3961`) and differ in
key derivation, MAC and PRF:

* 17 (aes128-cts-hmac-sha1-96) and 18 (aes256-cts-hmac-sha1-96), the RFC 3961 simplified
  profile: ``DK(key, c)`` chains AES-ECB from ``n-fold(c)`` to 16 bytes and keeps the first
  key-size bytes; the MAC is HMAC-SHA1 cut to 12 bytes over confounder || plaintext; the PRF
  is ``AES-ECB(DK(key, "prf"), SHA-1(s)[:16])``; string-to-key is
  ``DK(PBKDF2-HMAC-SHA1(password, salt, iterations), "kerberos")``, 4096 iterations by default.
* 19 (aes128-cts-hmac-sha256-128) and 20 (aes256-cts-hmac-sha384-192): the SP 800-108
  counter-mode KDF ``HMAC(key, 00000001 || label || 00 || context || bits)`` cut to ``bits``;
  ``Kc``/``Ki`` are 16 or 24 bytes; the MAC is HMAC-SHA256 cut to 16 bytes or HMAC-SHA384
  cut to 24, computed over the zero IV and the ciphertext (encrypt-then-MAC); the PRF is the
  KDF with label "prf" and the input as context, whole (32 or 48 bytes); string-to-key runs
  PBKDF2 with the same hash over ``name || 00 || salt`` (32768 iterations by default) and
  then the KDF with label "kerberos".

The HMAC key schedule is done once per derived key and copied per message.  AES comes from
pycryptodome, or from the optional ``cryptography`` package when it is installed (faster per
packet: its cipher objects keep their key schedule).
"""

from __future__ import annotations

import hashlib
import hmac
from typing import TYPE_CHECKING, ClassVar, Final

from Crypto.Cipher import AES

from ._rfc3961 import BLOCK, Enctype, aes_ecb, cts_decrypt, cts_encrypt, n_fold

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["AES128_CTS_HMAC_SHA1_96", "AES128_CTS_HMAC_SHA256_128",
           "AES256_CTS_HMAC_SHA1_96", "AES256_CTS_HMAC_SHA384_192"]  # fmt: skip

_ZERO_IV: Final = bytes(BLOCK)


def _aes_cts(ke: bytes) -> tuple[Callable[[bytes], bytes], Callable[[bytes], bytes]]:
    """CTS seal/unseal under ``ke`` with a zero IV; the ECB object is shared by every call.

    With the optional ``cryptography`` package the key schedule is done once here and each
    call only starts a CBC context (about three times cheaper per packet than pycryptodome's
    ``AES.new``); without it, pycryptodome does the work.
    """
    try:
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
    except ImportError:
        return _aes_cts_pycryptodome(ke)
    algorithm = algorithms.AES(ke)
    cbc = Cipher(algorithm, modes.CBC(_ZERO_IV))
    ecb_decrypt_fast = Cipher(algorithm, modes.ECB()).decryptor().update

    def seal_fast(data: bytes) -> bytes:
        return cts_encrypt(cbc.encryptor().update, data)

    def unseal_fast(data: bytes) -> bytes:
        return cts_decrypt(cbc.decryptor().update, ecb_decrypt_fast, data)

    return seal_fast, unseal_fast


def _aes_cts_pycryptodome(
    ke: bytes,
) -> tuple[Callable[[bytes], bytes], Callable[[bytes], bytes]]:
    """:func:`_aes_cts` on pycryptodome alone."""
    ecb_decrypt = aes_ecb(ke).decrypt

    def seal(data: bytes) -> bytes:
        return cts_encrypt(AES.new(ke, AES.MODE_CBC, iv=_ZERO_IV).encrypt, data)

    def unseal(data: bytes) -> bytes:
        return cts_decrypt(AES.new(ke, AES.MODE_CBC, iv=_ZERO_IV).decrypt, ecb_decrypt, data)

    return seal, unseal


def _hmac(key: bytes, digest: str, size: int) -> Callable[[bytes], bytes]:
    """HMAC under ``key`` cut to ``size`` bytes, keyed once and copied per call."""
    base = hmac.new(key, digestmod=digest)

    def mac(data: bytes) -> bytes:
        state = base.copy()
        state.update(data)
        return state.digest()[:size]

    return mac


class _AesSha1(Enctype):
    """RFC 3962: AES-CTS with HMAC-SHA1-96 (enctypes 17 and 18)."""

    checksum_size: ClassVar[int] = 12
    prf_size: ClassVar[int] = 16
    default_iterations: ClassVar[int] = 4096

    def derive_key(self, base: bytes, constant: bytes, size: int | None = None) -> bytes:
        size = self.key_size if size is None else size
        cipher = aes_ecb(base)
        block = n_fold(bytes(constant), BLOCK)
        out = b""
        while len(out) < size:
            block = cipher.encrypt(block)
            out += block
        return out[:size]

    def prf(self, key: bytes, data: bytes) -> bytes:
        inner = aes_ecb(self.derive_key(self.check_key(key), b"prf"))
        return inner.encrypt(hashlib.sha1(bytes(data)).digest()[:BLOCK])

    def string_to_key(self, password: bytes, salt: bytes, iterations: int | None = None) -> bytes:
        count = self.default_iterations if iterations is None else iterations
        seed = hashlib.pbkdf2_hmac("sha1", bytes(password), bytes(salt), count, self.key_size)
        return self.derive_key(seed, b"kerberos")

    def _prepare_cts(self, ke: bytes) -> tuple[Callable[[bytes], bytes], Callable[[bytes], bytes]]:
        return _aes_cts(ke)

    def _prepare_mac(self, key: bytes) -> Callable[[bytes], bytes]:
        return _hmac(key, "sha1", self.checksum_size)


class _Aes128Sha1(_AesSha1):
    number: ClassVar[int] = 17
    name: ClassVar[str] = "aes128-cts-hmac-sha1-96"
    key_size: ClassVar[int] = 16
    mac_key_size: ClassVar[int] = 16


class _Aes256Sha1(_AesSha1):
    number: ClassVar[int] = 18
    name: ClassVar[str] = "aes256-cts-hmac-sha1-96"
    key_size: ClassVar[int] = 32
    mac_key_size: ClassVar[int] = 32


class _AesSha2(Enctype):
    """RFC 8009: AES-CTS with HMAC-SHA2, encrypt-then-MAC (enctypes 19 and 20)."""

    digest: ClassVar[str]
    default_iterations: ClassVar[int] = 32768
    mac_over_ciphertext: ClassVar[bool] = True

    def kdf(self, key: bytes, label: bytes, bits: int, context: bytes = b"") -> bytes:
        """SP 800-108 counter mode with one HMAC block, as RFC 8009 section 3 defines it."""
        message = b"\x00\x00\x00\x01" + bytes(label) + b"\x00" + bytes(context)
        full = hmac.digest(bytes(key), message + bits.to_bytes(4, "big"), self.digest)
        return full[: bits // 8]

    def derive_key(self, base: bytes, constant: bytes, size: int | None = None) -> bytes:
        size = self.key_size if size is None else size
        return self.kdf(base, constant, 8 * size)

    def prf(self, key: bytes, data: bytes) -> bytes:
        return self.kdf(self.check_key(key), b"prf", 8 * self.prf_size, bytes(data))

    def string_to_key(self, password: bytes, salt: bytes, iterations: int | None = None) -> bytes:
        count = self.default_iterations if iterations is None else iterations
        salted = self.name.encode("ascii") + b"\x00" + bytes(salt)
        seed = hashlib.pbkdf2_hmac(self.digest, bytes(password), salted, count, self.key_size)
        return self.kdf(seed, b"kerberos", 8 * self.key_size)

    def _prepare_cts(self, ke: bytes) -> tuple[Callable[[bytes], bytes], Callable[[bytes], bytes]]:
        return _aes_cts(ke)

    def _prepare_mac(self, key: bytes) -> Callable[[bytes], bytes]:
        return _hmac(key, self.digest, self.checksum_size)


class _Aes128Sha256(_AesSha2):
    number: ClassVar[int] = 19
    name: ClassVar[str] = "aes128-cts-hmac-sha256-128"
    digest: ClassVar[str] = "sha256"
    key_size: ClassVar[int] = 16
    mac_key_size: ClassVar[int] = 16
    checksum_size: ClassVar[int] = 16
    prf_size: ClassVar[int] = 32


class _Aes256Sha384(_AesSha2):
    number: ClassVar[int] = 20
    name: ClassVar[str] = "aes256-cts-hmac-sha384-192"
    digest: ClassVar[str] = "sha384"
    key_size: ClassVar[int] = 32
    mac_key_size: ClassVar[int] = 24
    checksum_size: ClassVar[int] = 24
    prf_size: ClassVar[int] = 48


AES128_CTS_HMAC_SHA1_96: Final[Enctype] = _Aes128Sha1()
AES256_CTS_HMAC_SHA1_96: Final[Enctype] = _Aes256Sha1()
AES128_CTS_HMAC_SHA256_128: Final[Enctype] = _Aes128Sha256()
AES256_CTS_HMAC_SHA384_192: Final[Enctype] = _Aes256Sha384()
