"""fcrypt's block and PCBC loops in the form a compiled build runs fastest.

The paths of :mod:`._fcrypt` are shaped for CPython's interpreter: few bytecodes per block,
wide lookup tables of Python ints, byte-planar rounds on big integers.  Compiled with mypyc
those shapes gain little, because every table entry is still a Python object.  What a
compiled build runs fast is plain scalar code: each S-box lookup indexes a ``bytes`` object
directly, and every word stays in a 64-bit machine integer (the ``i64`` annotations), so the
rounds make no Python object (only the output words become ints, packed once per buffer).
:class:`~._fcrypt.FcryptSchedule` calls these functions when this module was loaded compiled
(:data:`COMPILED`); interpreted they give the same results, several times slower than the
interpreter-shaped paths, so only the tests call them then.

``i64`` comes from ``mypy_extensions`` and is imported for type checking only: interpreted
code never evaluates the annotations, so the package needs no extra dependency.  The values
never leave 32 bits (and a shifted word never 59), so no native integer can overflow.

The round function ``F`` is the one of :mod:`._fcrypt`: byte 0 (most significant) of its
input goes through S-box 0 into bits 15..8, byte 1 through S-box 1 into bits 7..0, byte 2
through S-box 2 into bits 23..16, byte 3 through S-box 3 into bits 31..24, and the word is
rotated right by 5 bits.
"""

from __future__ import annotations

import struct
from typing import TYPE_CHECKING

from .. import is_compiled

if TYPE_CHECKING:
    from collections.abc import Sequence

    from mypy_extensions import i64

    Keys = tuple[
        i64, i64, i64, i64, i64, i64, i64, i64,
        i64, i64, i64, i64, i64, i64, i64, i64,
    ]

__all__ = ["COMPILED", "decrypt_words", "encrypt_rights", "encrypt_words", "pcbc_decrypt",
           "pcbc_encrypt"]

COMPILED: bool = is_compiled(__name__)
"""Whether this module runs compiled (then :mod:`._fcrypt` routes its work here)."""


def _f(x: i64, s0: bytes, s1: bytes, s2: bytes, s3: bytes) -> i64:
    a: i64 = s0[x >> 24]
    b: i64 = s1[(x >> 16) & 255]
    c: i64 = s2[(x >> 8) & 255]
    d: i64 = s3[x & 255]
    y = (a << 8) | b | (c << 16) | (d << 24)
    return ((y >> 5) | (y << 27)) & 0xFFFFFFFF


def _encrypt(left: i64, right: i64, k: Keys,
             s0: bytes, s1: bytes, s2: bytes, s3: bytes) -> tuple[i64, i64]:
    left ^= _f(right ^ k[0], s0, s1, s2, s3)
    right ^= _f(left ^ k[1], s0, s1, s2, s3)
    left ^= _f(right ^ k[2], s0, s1, s2, s3)
    right ^= _f(left ^ k[3], s0, s1, s2, s3)
    left ^= _f(right ^ k[4], s0, s1, s2, s3)
    right ^= _f(left ^ k[5], s0, s1, s2, s3)
    left ^= _f(right ^ k[6], s0, s1, s2, s3)
    right ^= _f(left ^ k[7], s0, s1, s2, s3)
    left ^= _f(right ^ k[8], s0, s1, s2, s3)
    right ^= _f(left ^ k[9], s0, s1, s2, s3)
    left ^= _f(right ^ k[10], s0, s1, s2, s3)
    right ^= _f(left ^ k[11], s0, s1, s2, s3)
    left ^= _f(right ^ k[12], s0, s1, s2, s3)
    right ^= _f(left ^ k[13], s0, s1, s2, s3)
    left ^= _f(right ^ k[14], s0, s1, s2, s3)
    right ^= _f(left ^ k[15], s0, s1, s2, s3)
    return left, right


def _decrypt(left: i64, right: i64, k: Keys,
             s0: bytes, s1: bytes, s2: bytes, s3: bytes) -> tuple[i64, i64]:
    right ^= _f(left ^ k[15], s0, s1, s2, s3)
    left ^= _f(right ^ k[14], s0, s1, s2, s3)
    right ^= _f(left ^ k[13], s0, s1, s2, s3)
    left ^= _f(right ^ k[12], s0, s1, s2, s3)
    right ^= _f(left ^ k[11], s0, s1, s2, s3)
    left ^= _f(right ^ k[10], s0, s1, s2, s3)
    right ^= _f(left ^ k[9], s0, s1, s2, s3)
    left ^= _f(right ^ k[8], s0, s1, s2, s3)
    right ^= _f(left ^ k[7], s0, s1, s2, s3)
    left ^= _f(right ^ k[6], s0, s1, s2, s3)
    right ^= _f(left ^ k[5], s0, s1, s2, s3)
    left ^= _f(right ^ k[4], s0, s1, s2, s3)
    right ^= _f(left ^ k[3], s0, s1, s2, s3)
    left ^= _f(right ^ k[2], s0, s1, s2, s3)
    right ^= _f(left ^ k[1], s0, s1, s2, s3)
    left ^= _f(right ^ k[0], s0, s1, s2, s3)
    return left, right


def _word(data: bytes, offset: i64) -> i64:
    """The big-endian 32-bit word at ``offset`` (read byte by byte: no object is made)."""
    a: i64 = data[offset]
    b: i64 = data[offset + 1]
    c: i64 = data[offset + 2]
    d: i64 = data[offset + 3]
    return (a << 24) | (b << 16) | (c << 8) | d


def _check(iv: bytes, data: bytes) -> int:
    """Refuse what PCBC here cannot take; return the number of 32-bit words in ``data``."""
    if len(data) % 8:
        raise ValueError("PCBC here needs whole 8-byte blocks")
    if len(iv) != 8:
        raise ValueError("the PCBC IV is 8 bytes")
    return len(data) // 4


def _keys(keys: Sequence[int]) -> Keys:
    if len(keys) != 16:
        raise ValueError("fcrypt has 16 round keys")
    return (keys[0], keys[1], keys[2], keys[3], keys[4], keys[5], keys[6], keys[7],
            keys[8], keys[9], keys[10], keys[11], keys[12], keys[13], keys[14], keys[15])


def encrypt_words(keys: Sequence[int], sboxes: Sequence[bytes],
                  left: int, right: int) -> tuple[int, int]:
    """ECB-encrypt one block given as two 32-bit words."""
    s0, s1, s2, s3 = sboxes
    return _encrypt(left, right, _keys(keys), s0, s1, s2, s3)


def decrypt_words(keys: Sequence[int], sboxes: Sequence[bytes],
                  left: int, right: int) -> tuple[int, int]:
    """ECB-decrypt one block given as two 32-bit words."""
    s0, s1, s2, s3 = sboxes
    return _decrypt(left, right, _keys(keys), s0, s1, s2, s3)


def encrypt_rights(keys: Sequence[int], sboxes: Sequence[bytes],
                   lefts: Sequence[int], rights: Sequence[int]) -> list[int]:
    """ECB-encrypt the blocks ``(lefts[i], rights[i])``; return each one's right output word."""
    if len(lefts) != len(rights):
        raise ValueError("as many left words as right words are needed")
    s0, s1, s2, s3 = sboxes
    k = _keys(keys)
    out: list[int] = []
    for index in range(len(lefts)):
        _, right = _encrypt(lefts[index], rights[index], k, s0, s1, s2, s3)
        out.append(right)
    return out


def pcbc_encrypt(keys: Sequence[int], sboxes: Sequence[bytes], iv: bytes, data: bytes) -> bytes:
    """PCBC-encrypt ``data`` (whole 8-byte blocks) with a fresh chain from ``iv``."""
    words = _check(iv, data)
    s0, s1, s2, s3 = sboxes
    k = _keys(keys)
    chain_l = _word(iv, 0)
    chain_r = _word(iv, 4)
    # The output goes through a list and one struct.pack: item assignment to a bytearray
    # is a generic (slow) operation in a compiled build, reading bytes is not.
    out: list[int] = [0] * words
    i: i64 = 0
    while i < words:
        plain_l = _word(data, 4 * i)
        plain_r = _word(data, 4 * i + 4)
        left, right = _encrypt(plain_l ^ chain_l, plain_r ^ chain_r, k, s0, s1, s2, s3)
        out[i] = left
        out[i + 1] = right
        chain_l = plain_l ^ left
        chain_r = plain_r ^ right
        i += 2
    return struct.pack(f">{words}I", *out)


def pcbc_decrypt(keys: Sequence[int], sboxes: Sequence[bytes], iv: bytes, data: bytes) -> bytes:
    """PCBC-decrypt ``data`` (whole 8-byte blocks) with a fresh chain from ``iv``."""
    words = _check(iv, data)
    s0, s1, s2, s3 = sboxes
    k = _keys(keys)
    chain_l = _word(iv, 0)
    chain_r = _word(iv, 4)
    out: list[int] = [0] * words
    i: i64 = 0
    while i < words:
        cipher_l = _word(data, 4 * i)
        cipher_r = _word(data, 4 * i + 4)
        left, right = _decrypt(cipher_l, cipher_r, k, s0, s1, s2, s3)
        left ^= chain_l
        right ^= chain_r
        out[i] = left
        out[i + 1] = right
        chain_l = left ^ cipher_l
        chain_r = right ^ cipher_r
        i += 2
    return struct.pack(f">{words}I", *out)
