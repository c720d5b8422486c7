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

A key's 16 round keys and the four S-boxes live in a :class:`Rounds` object made once per
key: compiled, its fields are machine words read straight from the object, so a block costs
no unboxing.  :func:`seal` and :func:`unseal` do a whole small rxkad packet in one call (its
8-byte header block and data, read with zero padding, sealed into one new ``bytes``), and
:func:`encrypt_right` a header checksum's block, so the per-packet work of a small call
makes one object per direction.

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
from typing import TYPE_CHECKING, Final, final

from .. import is_compiled

if TYPE_CHECKING:
    from collections.abc import Sequence

    from mypy_extensions import i64

__all__ = ["COMPILED", "Rounds", "decrypt_words", "encrypt_right", "encrypt_rights",
           "encrypt_words", "pcbc_decrypt", "pcbc_encrypt", "seal", "unseal"]

COMPILED: bool = is_compiled(__name__)
"""Whether this module runs compiled (then :mod:`._fcrypt` routes its work here)."""

MASK: Final = 0xFFFFFFFF


@final
class Rounds:
    """One key's 16 round keys and fcrypt's four S-boxes, as the loops here read them.

    Raises:
        ValueError: not 16 round keys or not four 256-byte S-boxes.
    """

    def __init__(self, keys: Sequence[int], sboxes: Sequence[bytes]) -> None:
        if len(keys) != 16:
            raise ValueError("fcrypt has 16 round keys")
        if len(sboxes) != 4 or any(len(box) != 256 for box in sboxes):
            raise ValueError("fcrypt has four 256-byte S-boxes")
        if any(not 0 <= key <= MASK for key in keys):
            raise ValueError("a round key is a 32-bit word")
        self.k0: i64 = keys[0]
        self.k1: i64 = keys[1]
        self.k2: i64 = keys[2]
        self.k3: i64 = keys[3]
        self.k4: i64 = keys[4]
        self.k5: i64 = keys[5]
        self.k6: i64 = keys[6]
        self.k7: i64 = keys[7]
        self.k8: i64 = keys[8]
        self.k9: i64 = keys[9]
        self.k10: i64 = keys[10]
        self.k11: i64 = keys[11]
        self.k12: i64 = keys[12]
        self.k13: i64 = keys[13]
        self.k14: i64 = keys[14]
        self.k15: i64 = keys[15]
        self.s0: bytes = bytes(sboxes[0])
        self.s1: bytes = bytes(sboxes[1])
        self.s2: bytes = bytes(sboxes[2])
        self.s3: bytes = bytes(sboxes[3])


_PACKERS: dict[int, struct.Struct] = {}
"""Packers of ``n`` big-endian words, by ``n``, for buffers of up to :data:`_PACKED_MAX`
words (a ``Struct`` made once skips formatting and parsing its format on every packet)."""

_PACKED_MAX: Final = 512


def _pack(out: list[int]) -> bytes:
    """``out``'s 32-bit words, big-endian, as bytes."""
    words = len(out)
    if words > _PACKED_MAX:
        return struct.pack(f">{words}I", *out)
    packer = _PACKERS.get(words)
    if packer is None:
        packer = _PACKERS[words] = struct.Struct(f">{words}I")
    return packer.pack(*out)


def _f(x: i64, s0: bytes, s1: bytes, s2: bytes, s3: bytes) -> i64:
    a: i64 = s0[x >> 24]
    b: i64 = s1[(x >> 16) & 255]
    c: i64 = s2[(x >> 8) & 255]
    d: i64 = s3[x & 255]
    y = (a << 8) | b | (c << 16) | (d << 24)
    return ((y >> 5) | (y << 27)) & 0xFFFFFFFF


def _encrypt(left: i64, right: i64, r: Rounds) -> tuple[i64, i64]:
    s0, s1, s2, s3 = r.s0, r.s1, r.s2, r.s3
    left ^= _f(right ^ r.k0, s0, s1, s2, s3)
    right ^= _f(left ^ r.k1, s0, s1, s2, s3)
    left ^= _f(right ^ r.k2, s0, s1, s2, s3)
    right ^= _f(left ^ r.k3, s0, s1, s2, s3)
    left ^= _f(right ^ r.k4, s0, s1, s2, s3)
    right ^= _f(left ^ r.k5, s0, s1, s2, s3)
    left ^= _f(right ^ r.k6, s0, s1, s2, s3)
    right ^= _f(left ^ r.k7, s0, s1, s2, s3)
    left ^= _f(right ^ r.k8, s0, s1, s2, s3)
    right ^= _f(left ^ r.k9, s0, s1, s2, s3)
    left ^= _f(right ^ r.k10, s0, s1, s2, s3)
    right ^= _f(left ^ r.k11, s0, s1, s2, s3)
    left ^= _f(right ^ r.k12, s0, s1, s2, s3)
    right ^= _f(left ^ r.k13, s0, s1, s2, s3)
    left ^= _f(right ^ r.k14, s0, s1, s2, s3)
    right ^= _f(left ^ r.k15, s0, s1, s2, s3)
    return left, right


def _decrypt(left: i64, right: i64, r: Rounds) -> tuple[i64, i64]:
    s0, s1, s2, s3 = r.s0, r.s1, r.s2, r.s3
    right ^= _f(left ^ r.k15, s0, s1, s2, s3)
    left ^= _f(right ^ r.k14, s0, s1, s2, s3)
    right ^= _f(left ^ r.k13, s0, s1, s2, s3)
    left ^= _f(right ^ r.k12, s0, s1, s2, s3)
    right ^= _f(left ^ r.k11, s0, s1, s2, s3)
    left ^= _f(right ^ r.k10, s0, s1, s2, s3)
    right ^= _f(left ^ r.k9, s0, s1, s2, s3)
    left ^= _f(right ^ r.k8, s0, s1, s2, s3)
    right ^= _f(left ^ r.k7, s0, s1, s2, s3)
    left ^= _f(right ^ r.k6, s0, s1, s2, s3)
    right ^= _f(left ^ r.k5, s0, s1, s2, s3)
    left ^= _f(right ^ r.k4, s0, s1, s2, s3)
    right ^= _f(left ^ r.k3, s0, s1, s2, s3)
    left ^= _f(right ^ r.k2, s0, s1, s2, s3)
    right ^= _f(left ^ r.k1, s0, s1, s2, s3)
    left ^= _f(right ^ r.k0, s0, s1, s2, s3)
    return left, right


def _word(data: bytes, offset: i64) -> i64:
    """The big-endian 32-bit word at ``offset`` (read byte by byte: no object is made)."""
    a: i64 = data[offset]
    b: i64 = data[offset + 1]
    c: i64 = data[offset + 2]
    d: i64 = data[offset + 3]
    return (a << 24) | (b << 16) | (c << 8) | d


def _padded_word(data: bytes, offset: i64, size: i64) -> i64:
    """:func:`_word`, reading the bytes at ``size`` and beyond as zeros."""
    if offset + 4 <= size:
        return _word(data, offset)
    value: i64 = 0
    i: i64 = 0
    while i < 4:
        value <<= 8
        if offset + i < size:
            byte: i64 = data[offset + i]
            value |= byte
        i += 1
    return value


def _check(iv: bytes, data: bytes) -> int:
    """Refuse what PCBC here cannot take; return the number of 32-bit words in ``data``."""
    if len(data) % 8:
        raise ValueError("PCBC here needs whole 8-byte blocks")
    if len(iv) != 8:
        raise ValueError("the PCBC IV is 8 bytes")
    return len(data) // 4


def encrypt_words(rounds: Rounds, left: int, right: int) -> tuple[int, int]:
    """ECB-encrypt one block given as two 32-bit words."""
    return _encrypt(left, right, rounds)


def decrypt_words(rounds: Rounds, left: int, right: int) -> tuple[int, int]:
    """ECB-decrypt one block given as two 32-bit words."""
    return _decrypt(left, right, rounds)


def encrypt_right(rounds: Rounds, left: int, right: int) -> int:
    """The right output word of one block's ECB encryption (what a checksum keeps)."""
    _, out = _encrypt(left, right, rounds)
    return out


def encrypt_rights(rounds: Rounds, lefts: Sequence[int], rights: Sequence[int]) -> list[int]:
    """ECB-encrypt the blocks ``(lefts[i], rights[i])``; return each one's right output word."""
    if len(lefts) != len(rights):
        raise ValueError("as many left words as right words are needed")
    out: list[int] = []
    for index in range(len(lefts)):
        _, right = _encrypt(lefts[index], rights[index], rounds)
        out.append(right)
    return out


def pcbc_encrypt(rounds: Rounds, iv: bytes, data: bytes) -> bytes:
    """PCBC-encrypt ``data`` (whole 8-byte blocks) with a fresh chain from ``iv``."""
    words = _check(iv, data)
    chain_l = _word(iv, 0)
    chain_r = _word(iv, 4)
    # The output goes through a list and one struct.pack: item assignment to a bytearray
    # is a generic (slow) operation in a compiled build, reading bytes is not.
    out: list[int] = [0] * words
    i: i64 = 0
    while i < words:
        plain_l = _word(data, 4 * i)
        plain_r = _word(data, 4 * i + 4)
        left, right = _encrypt(plain_l ^ chain_l, plain_r ^ chain_r, rounds)
        out[i] = left
        out[i + 1] = right
        chain_l = plain_l ^ left
        chain_r = plain_r ^ right
        i += 2
    return _pack(out)


def pcbc_decrypt(rounds: Rounds, iv: bytes, data: bytes) -> bytes:
    """PCBC-decrypt ``data`` (whole 8-byte blocks) with a fresh chain from ``iv``."""
    words = _check(iv, data)
    chain_l = _word(iv, 0)
    chain_r = _word(iv, 4)
    out: list[int] = [0] * words
    i: i64 = 0
    while i < words:
        cipher_l = _word(data, 4 * i)
        cipher_r = _word(data, 4 * i + 4)
        left, right = _decrypt(cipher_l, cipher_r, rounds)
        left ^= chain_l
        right ^= chain_r
        out[i] = left
        out[i + 1] = right
        chain_l = left ^ cipher_l
        chain_r = right ^ cipher_r
        i += 2
    return _pack(out)


def seal(rounds: Rounds, iv_left: int, iv_right: int, head_left: int, head_right: int,
         data: bytes) -> bytes:
    """PCBC-encrypt the block ``(head_left, head_right)`` followed by ``data`` zero-padded to
    whole blocks, with a fresh chain from the IV words; ``8 + len(data)`` rounded up to a
    multiple of 8 bytes come back."""
    size: i64 = len(data)
    words: i64 = 2 + ((size + 7) >> 3) * 2
    out: list[int] = [0] * words
    left, right = _encrypt(head_left ^ iv_left, head_right ^ iv_right, rounds)
    out[0] = left
    out[1] = right
    chain_l = head_left ^ left
    chain_r = head_right ^ right
    i: i64 = 2
    while i < words:
        plain_l = _padded_word(data, 4 * i - 8, size)
        plain_r = _padded_word(data, 4 * i - 4, size)
        left, right = _encrypt(plain_l ^ chain_l, plain_r ^ chain_r, rounds)
        out[i] = left
        out[i + 1] = right
        chain_l = plain_l ^ left
        chain_r = plain_r ^ right
        i += 2
    return _pack(out)


def unseal(rounds: Rounds, iv_left: int, iv_right: int, payload: bytes) -> tuple[int, bytes]:
    """PCBC-decrypt the whole blocks of ``payload`` with a fresh chain from the IV words.

    Returns the first plaintext word (rxkad's sealed header: seq and length) and the
    plaintext after the first block, cut to the length that word's low 16 bits give (or to
    what there is, if it gives more; the caller refuses that).  A payload shorter than one
    block gives ``(0, b"")``.
    """
    words: i64 = (len(payload) >> 3) * 2
    if words == 0:
        return 0, b""
    out: list[int] = [0] * (words - 2)
    chain_l: i64 = iv_left
    chain_r: i64 = iv_right
    head: i64 = 0
    i: i64 = 0
    while i < words:
        cipher_l = _word(payload, 4 * i)
        cipher_r = _word(payload, 4 * i + 4)
        left, right = _decrypt(cipher_l, cipher_r, rounds)
        left ^= chain_l
        right ^= chain_r
        if i == 0:
            head = left
        else:
            out[i - 2] = left
            out[i - 1] = right
        chain_l = left ^ cipher_l
        chain_r = right ^ cipher_r
        i += 2
    plain = _pack(out)
    size: i64 = head & 0xFFFF
    if size < len(plain):
        plain = plain[:size]
    return head, plain
