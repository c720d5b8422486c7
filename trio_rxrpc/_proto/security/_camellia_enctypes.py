"""The Camellia enctypes 25 and 26 (RFC 6803: camellia128-cts-cmac, camellia256-cts-cmac).

Theory of operation
-------------------
RFC 6803 reuses the RFC 3961 simplified-profile layout with Camellia in place of AES and CMAC
in place of HMAC:

* keys are derived with the SP 800-108 feedback-mode KDF over CMAC:
  ``K(i) = CMAC(key, K(i-1) || i || constant || 00 || bits)`` with ``K(0)`` one zero block
  and ``i`` four big-endian bytes, the output being ``K(1) || K(2) ...`` cut to ``bits``;
  ``Kc``, ``Ke`` and ``Ki`` all have the key's length;
* encryption is Camellia-CTS under ``Ke`` with a zero IV; the integrity tag is the whole
  16-byte ``CMAC(Ki, confounder || plaintext)``, and a checksum is ``CMAC(Kc, data)``;
* the PRF is ``CMAC(DK(key, "prf"), input)``; string-to-key runs PBKDF2-HMAC-SHA1 (as in
  RFC 3962) over ``name || 00 || salt`` (32768 iterations by default) and derives with "kerberos".

pycryptodome has no Camellia, so this module uses the ``cryptography`` package, an optional
dependency (the ``rxgk`` extra).  It is imported when a key is first prepared; without it every
operation raises :class:`CamelliaUnavailableError`, which names the package.  Cipher contexts
are keyed once per derived key: ECB and CMAC objects are reused (CMAC by copying), and each
message only starts a CBC context from the prepared cipher.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, ClassVar, Final

from ._rfc3961 import BLOCK, Enctype, cts_decrypt, cts_encrypt

if TYPE_CHECKING:
    from collections.abc import Callable

    from cryptography.hazmat.primitives.ciphers import BlockCipherAlgorithm

__all__ = ["CAMELLIA128_CTS_CMAC", "CAMELLIA256_CTS_CMAC", "CamelliaUnavailableError"]

_ZERO_IV: Final = bytes(BLOCK)


class CamelliaUnavailableError(RuntimeError):
    """Enctypes 25 and 26 were used without the optional ``cryptography`` package."""


def _camellia(key: bytes) -> BlockCipherAlgorithm:
    """The ``cryptography`` Camellia algorithm object for ``key``.

    Raises:
        CamelliaUnavailableError: the ``cryptography`` package cannot be imported.
    """
    try:
        from cryptography.hazmat.decrepit.ciphers.algorithms import Camellia
    except ImportError:
        try:
            from cryptography.hazmat.primitives.ciphers.algorithms import (
                Camellia,
            )
        except ImportError:
            raise CamelliaUnavailableError(
                "Camellia enctypes 25 and 26 need the 'cryptography' package "
                "(pip install 'trio-rxrpc[rxgk]')"
            ) from None
    return Camellia(bytes(key))


def _cmac(key: bytes) -> Callable[[bytes], bytes]:
    """The whole 16-byte Camellia-CMAC under ``key``, keyed once and copied per call."""
    from cryptography.hazmat.primitives.cmac import CMAC

    base = CMAC(_camellia(key))

    def mac(data: bytes) -> bytes:
        state = base.copy()
        state.update(data)
        return state.finalize()

    return mac


class _CamelliaCmac(Enctype):
    """RFC 6803: Camellia-CTS with CMAC (enctypes 25 and 26)."""

    checksum_size: ClassVar[int] = 16
    prf_size: ClassVar[int] = 16
    default_iterations: ClassVar[int] = 32768

    def derive_key(self, base: bytes, constant: bytes, size: int | None = None) -> bytes:
        size = self.key_size if size is None else size
        mac = _cmac(base)
        suffix = bytes(constant) + b"\x00" + (8 * size).to_bytes(4, "big")
        block = _ZERO_IV
        out = b""
        counter = 1
        while len(out) < size:
            block = mac(block + counter.to_bytes(4, "big") + suffix)
            out += block
            counter += 1
        return out[:size]

    def prf(self, key: bytes, data: bytes) -> bytes:
        return _cmac(self.derive_key(self.check_key(key), b"prf"))(bytes(data))

    def string_to_key(self, password: bytes, salt: bytes, iterations: int | None = None) -> bytes:
        count = self.default_iterations if iterations is None else iterations
        salted = self.name.encode("ascii") + b"\x00" + bytes(salt)
        seed = hashlib.pbkdf2_hmac("sha1", bytes(password), salted, count, self.key_size)
        return self.derive_key(seed, b"kerberos")

    def _prepare_cts(self, ke: bytes) -> tuple[Callable[[bytes], bytes], Callable[[bytes], bytes]]:
        from cryptography.hazmat.primitives.ciphers import Cipher, modes

        algorithm = _camellia(ke)
        cbc = Cipher(algorithm, modes.CBC(_ZERO_IV))
        ecb_decrypt = Cipher(algorithm, modes.ECB()).decryptor().update

        def seal(data: bytes) -> bytes:
            return cts_encrypt(cbc.encryptor().update, data)

        def unseal(data: bytes) -> bytes:
            return cts_decrypt(cbc.decryptor().update, ecb_decrypt, data)

        return seal, unseal

    def _prepare_mac(self, key: bytes) -> Callable[[bytes], bytes]:
        return _cmac(key)


class _Camellia128(_CamelliaCmac):
    number: ClassVar[int] = 25
    name: ClassVar[str] = "camellia128-cts-cmac"
    key_size: ClassVar[int] = 16
    mac_key_size: ClassVar[int] = 16


class _Camellia256(_CamelliaCmac):
    number: ClassVar[int] = 26
    name: ClassVar[str] = "camellia256-cts-cmac"
    key_size: ClassVar[int] = 32
    mac_key_size: ClassVar[int] = 32


CAMELLIA128_CTS_CMAC: Final[Enctype] = _Camellia128()
CAMELLIA256_CTS_CMAC: Final[Enctype] = _Camellia256()
