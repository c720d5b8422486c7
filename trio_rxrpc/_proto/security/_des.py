"""Single DES helpers for rxkad: key hygiene and the ECB, CBC and PCBC modes.

Theory of operation
-------------------
rxkad seals its Kerberos-4 style tickets with DES in PCBC mode under the server key, with the
key itself as IV, and makes its session keys as random DES keys.  pycryptodome provides the
block cipher (ECB); the modes are built on it here.  PCBC decryption deciphers all blocks in
one ECB call and then undoes the chaining with a prefix XOR over 64-bit lanes; encryption is
serial by nature and goes block by block.

pycryptodome ignores the parity bits and accepts the weak and semi-weak keys.  OpenAFS refuses
both when it schedules a DES key (a server answers RXKADBADKEY), so :func:`check_key` makes the
same two checks and the rxkad layer calls it where OpenAFS would.  Randomness is a parameter
(:func:`random_key`), never drawn here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, Protocol

from Crypto.Cipher import DES

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "WEAK_KEYS",
    "DESKeyError",
    "cbc_decrypt",
    "cbc_encrypt",
    "check_key",
    "ecb_decrypt",
    "ecb_encrypt",
    "has_odd_parity",
    "is_weak_key",
    "pcbc_decrypt",
    "pcbc_encrypt",
    "random_key",
    "set_odd_parity",
]

# The 4 weak and 12 semi-weak DES keys (FIPS 74), written with odd parity.
WEAK_KEYS: Final[frozenset[bytes]] = frozenset(
    bytes.fromhex(h)
    for h in (
        "0101010101010101",
        "fefefefefefefefe",
        "1f1f1f1f0e0e0e0e",
        "e0e0e0e0f1f1f1f1",
        "01fe01fe01fe01fe",
        "fe01fe01fe01fe01",
        "1fe01fe00ef10ef1",
        "e01fe01ff10ef10e",
        "01e001e001f101f1",
        "e001e001f101f101",
        "1ffe1ffe0efe0efe",
        "fe1ffe1ffe0efe0e",
        "011f011f010e010e",
        "1f011f010e010e01",
        "e0fee0fef1fef1fe",
        "fee0fee0fef1fef1",
    )
)

# _ODD[b] is b with its low bit chosen so that the byte has an odd number of 1 bits.
_ODD: Final = bytes((b & 0xFE) | (1 - (bin(b >> 1).count("1") & 1)) for b in range(256))


class DESKeyError(ValueError):
    """A DES key that OpenAFS would refuse to schedule (bad parity, weak or wrong size)."""


def set_odd_parity(key: bytes) -> bytes:
    """Return ``key`` with each byte's low bit set to give the byte odd parity."""
    return bytes(key).translate(_ODD)


def has_odd_parity(key: bytes) -> bool:
    """Whether every byte of ``key`` has an odd number of 1 bits."""
    return bytes(key).translate(_ODD) == bytes(key)


def is_weak_key(key: bytes) -> bool:
    """Whether ``key`` is one of the 16 weak or semi-weak keys (parity bits ignored)."""
    return set_odd_parity(key) in WEAK_KEYS


def check_key(key: bytes) -> None:
    """Refuse what OpenAFS refuses to schedule: wrong size, bad parity, weak keys.

    Raises:
        DESKeyError: the key fails one of the checks.
    """
    if len(key) != 8:
        raise DESKeyError(f"a DES key is 8 bytes, not {len(key)}")
    if not has_odd_parity(key):
        raise DESKeyError("DES key has a byte with even parity")
    if is_weak_key(key):
        raise DESKeyError("weak or semi-weak DES key")


def random_key(random_bytes: Callable[[int], bytes]) -> bytes:
    """Draw a random DES key with odd parity that is not weak.

    Args:
        random_bytes: returns that many random bytes (e.g. :func:`secrets.token_bytes`).
    """
    while True:
        key = set_odd_parity(random_bytes(8))
        if key not in WEAK_KEYS:
            return key


class _BlockCipher(Protocol):
    """The part of a pycryptodome ECB cipher object used here (the library is untyped)."""

    def encrypt(self, data: bytes, /) -> bytes: ...
    def decrypt(self, data: bytes, /) -> bytes: ...


def _cipher(key: bytes) -> _BlockCipher:
    if len(key) != 8:
        raise DESKeyError(f"a DES key is 8 bytes, not {len(key)}")
    return DES.new(bytes(key), DES.MODE_ECB)


def _check_blocks(data: bytes) -> None:
    if len(data) % 8:
        raise ValueError("DES works on whole 8-byte blocks")


def ecb_encrypt(key: bytes, data: bytes) -> bytes:
    """DES-ECB encrypt whole blocks."""
    _check_blocks(data)
    return _cipher(key).encrypt(bytes(data))


def ecb_decrypt(key: bytes, data: bytes) -> bytes:
    """DES-ECB decrypt whole blocks."""
    _check_blocks(data)
    return _cipher(key).decrypt(bytes(data))


def cbc_encrypt(key: bytes, iv: bytes, data: bytes) -> bytes:
    """DES-CBC encrypt whole blocks."""
    _check_blocks(data)
    cipher = _cipher(key)
    chain = int.from_bytes(iv, "big")
    out = bytearray()
    for pos in range(0, len(data), 8):
        block = int.from_bytes(data[pos : pos + 8], "big") ^ chain
        sealed = cipher.encrypt(block.to_bytes(8, "big"))
        out += sealed
        chain = int.from_bytes(sealed, "big")
    return bytes(out)


def cbc_decrypt(key: bytes, iv: bytes, data: bytes) -> bytes:
    """DES-CBC decrypt whole blocks."""
    _check_blocks(data)
    if not data:
        return b""
    deciphered = int.from_bytes(_cipher(key).decrypt(bytes(data)), "big")
    previous = int.from_bytes(bytes(iv) + bytes(data[:-8]), "big")
    return (deciphered ^ previous).to_bytes(len(data), "big")


def pcbc_encrypt(key: bytes, iv: bytes, data: bytes) -> bytes:
    """DES-PCBC encrypt whole blocks: ``c = E(p ^ chain)``, then ``chain = p ^ c``."""
    _check_blocks(data)
    cipher = _cipher(key)
    chain = int.from_bytes(iv, "big")
    out = bytearray()
    for pos in range(0, len(data), 8):
        plain = int.from_bytes(data[pos : pos + 8], "big")
        sealed = cipher.encrypt((plain ^ chain).to_bytes(8, "big"))
        out += sealed
        chain = plain ^ int.from_bytes(sealed, "big")
    return bytes(out)


def pcbc_decrypt(key: bytes, iv: bytes, data: bytes) -> bytes:
    """DES-PCBC decrypt whole blocks: ``p = D(c) ^ chain``, then ``chain = p ^ c``."""
    _check_blocks(data)
    blocks = len(data) // 8
    if not blocks:
        return b""
    deciphered = int.from_bytes(_cipher(key).decrypt(bytes(data)), "big")
    # chain[i] = iv ^ XOR over j < i of (D(c[j]) ^ c[j]): a prefix XOR over 64-bit lanes.
    prefix = deciphered ^ int.from_bytes(data, "big")
    shift = 64
    while shift < 64 * blocks:
        prefix ^= prefix >> shift
        shift <<= 1
    plain = deciphered ^ (prefix >> 64) ^ int.from_bytes(bytes(iv) * blocks, "big")
    return plain.to_bytes(len(data), "big")
