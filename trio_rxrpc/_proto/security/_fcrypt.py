"""fcrypt, the 64-bit block cipher of rxkad, in ECB and PCBC modes.

Theory of operation
-------------------
fcrypt is a 16-round Feistel cipher on two 32-bit big-endian halves ``L || R`` with a 56-bit
key (the low bit of each key byte is ignored, so parity never matters).  Round ``i`` computes
``F(half ^ round_key[i])``, where ``F`` pushes each byte of its input through one of four
S-boxes, places the four results in a fixed byte order and rotates the word right by 5 bits.
The key schedule is the 56-bit key rotated right by 11 bits between rounds, taking the low 32
bits each time (OpenAFS's ``src/rxkad/fcrypt.c`` rotates by 11 too, although a comment there
says 3).

Because the rotation is a permutation of bit positions, ``F`` is the XOR of one independent
contribution per input byte: four 256-entry tables give ``F`` in four lookups.  These small
tables stay in the CPU caches between packets, so single blocks (header checksums, level-1
sealing) and short packets use them.  Any two contributions also combine into one table
indexed by 16 bits, so ``F(x) == high[x >> 16] ^ low[x & 0xFFFF]``: two lookups per
half-round, faster over a long buffer once those two 65536-entry tables (about 5 MB of ints,
built on first use and shared by every key) are hot.

PCBC encryption is inherently serial (each block's input depends on the previous ciphertext),
so :meth:`FcryptSchedule.pcbc_encrypt` runs an unrolled scalar loop over 32-bit ints.  PCBC
decryption is not: every block can be deciphered on its own and the chaining XORs are a prefix
XOR over the blocks.  For buffers of more than a few blocks the decryption therefore works on
all blocks at once in a *byte-planar* layout: plane ``j`` holds byte ``j`` of every block, a
half-round is eight ``bytes.translate`` calls (the key XOR, the S-box and the share of the
rotated output that lands in one output byte, folded into one 256-byte table per key byte) and
the XOR into the other half is done on the planes as one big integer.  The chaining is then a
logarithmic prefix XOR over 64-bit lanes of one integer.  The same planar rounds encrypt many
independent buffers in lock step (:meth:`FcryptSchedule.pcbc_encrypt_many`), one block
position at a time, which pays off once a dozen or so packets are sealed together.

In a compiled build all of this gives way to the scalar loops of :mod:`._fcrypt_native`,
which a compiler turns into machine-integer code; the choice is made once, at import.

rxkad always starts a fresh chain per operation, with the session key or zero as IV; chaining
never carries over between calls.  Nothing here knows about Rx.
"""

from __future__ import annotations

import struct
from typing import TYPE_CHECKING, Final, final

from . import _fcrypt_native as _native

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["SBOXES", "FcryptSchedule"]

# The four S-boxes of fcrypt (OpenAFS src/rxkad/sboxes.h), byte i of each string is entry i.
SBOXES: Final[tuple[bytes, bytes, bytes, bytes]] = (
    bytes.fromhex(
        "ea7fb2649db0d911cd8686910ab293060e06d26573c52860f220b5387eda9fe3"
        "d2cfc43c61ff4a4a35acaa5f2bbbbc534e9d78a3dc093210c66f66d6aba9affd"
        "3b95e8349a8172809cf3ecda9f2676153e554dde84eeadc7f16b3dd30449aa24"
        "0b8a83bafa85a0a8b1d401d87064f051d2c3a7758ca564ef104eb7c66103eb44"
        "3de5b35baed5ad1dfa5a1e33ab93a2b7e7a845a4cd296344b6697e2e6203c8e0"
        "17bbc7f33f36ba718e97656069b6f6e66ee08159e8afdd952299fd63197461b1"
        "b65bae54b370ffc63b3ec1d7e10e76e5364f59c7086e82a693c4aa2649e02164"
        "079f64819cbff9d143f8b6b9f1247503e4b099463df5d1397212f6ba0c0d422e"
    ),
    bytes.fromhex(
        "7714a6feb25e8c3e676ca10dc2a2c1856c7b67c623e3f289509c03b773e6e139"
        "312c279fa56944d62383987d3cb42d991c1f8c20037c5fadf4fa95ca7644cdb6"
        "b8a1a1be9e548f0b1674318a231704fa7984b1f513abb52eaa0c606b5bc44bbc"
        "e2af4573fac949cd00927d977a18603dcf5bdec6e2e6bb8b06da08151b886a17"
        "89d0a9c1c9706be543f468c8d384280a5266a3caf2e37f7a31f788945e9c63d5"
        "2466fcb35725be8944c4e08f233c1252f51ef4cb18331ff869109dd3f728f830"
        "055e32c0d519bd458b5bfdbce25ca996ef70cfc22ab361ad804881b71d43d9d7"
        "45f0d88a597c57c179c734d643dfe4781606da927651e1d47003e02f96918280"
    ),
    bytes.fromhex(
        "f03724532a038386d1ec50f042782f6dbf80872795e2c55df96fdbb4656ee724"
        "c81abb49b50a7db9e8dcb7d945201bce599d6bbd0e8fa3a9bc74a6f67f5fb168"
        "84bca9fd5550e9b6135e07b89502c0d06a1a85bdb6fdfe173f09a38dfbedda1d"
        "6d1c6c015ae5713e8b6bbe29eb121934cdb3bd35ea4bd5ae2a795aa532127bdc"
        "2cd0224bb1855980c0309f73d3144840072d8f800fce0b5eb75eac24944a1815"
        "05e80277a9c7404589d1eade0c792a996c3e95dd8c7dad6fdcfffd6247b3218a"
        "ec8e1918b46e3dfd74541e0485d8bc1f56e73a5667d6c8a5f38edeae3749b7fa"
        "c8f41fe02a9b15d1340eb5e044788459566877a51406f52f8c8a738076b41086"
    ),
    bytes.fromhex(
        "a92a4851847e49e2b5b742337d5da61244486d28aa206d57d66b5d72f0925a1b"
        "538024709acca766a101a54197413182f114cf530da010cc2a7dd2bf4b1adb16"
        "47f65136edf3b91aa7df2943015470a4bfd40b5344609e23a118684ff02f82c2"
        "2a41b2420ced0c1d133a3c6e35dc606585e964029a3f9f8796dfbef2cbe56cd4"
        "5a83bf921b940042cf4b0075ba8f765f5d3a4d091208389517e4011d4ca9cc85"
        "824c9d2f3b66a13410cd5989a531cf05c884fac7ba4e8b1a19f1a13b181217b0"
        "988d0b23c33a2d20df13a0a84c0d6c2f471313521f2df5793da254bd69c86bf3"
        "0528f1164640b011d3b79549cfc31d8fd8e173dbadc8c9a9a1c2c5e3bafc0e25"
    ),
)


def _ror5(word: int) -> int:
    return ((word >> 5) | (word << 27)) & 0xFFFFFFFF


def _byte_contributions() -> tuple[list[int], list[int], list[int], list[int]]:
    """``F``'s output for each value of one input byte, the other three bytes contributing 0.

    Index 0 is the most significant input byte.  Its S-box result lands in bits 15..8 before
    the rotation; the second byte's in bits 7..0, the third's in 23..16, the last's in 31..24.
    """
    s0, s1, s2, s3 = SBOXES
    return (
        [_ror5(s0[v] << 8) for v in range(256)],
        [_ror5(s1[v]) for v in range(256)],
        [_ror5(s2[v] << 16) for v in range(256)],
        [_ror5(s3[v] << 24) for v in range(256)],
    )


_CONTRIB: Final = _byte_contributions()

_NATIVE: Final = _native.COMPILED
"""Route the work to the compiled scalar loops of :mod:`._fcrypt_native`."""

# F(x) == C0[x >> 24] ^ C1[(x >> 16) & 255] ^ C2[(x >> 8) & 255] ^ C3[x & 255]: four small
# tables (a few kB) that stay in the CPU caches between packets.
_C0, _C1, _C2, _C3 = _CONTRIB

_wide_tables: tuple[list[int], list[int]] | None = None


def _wide() -> tuple[list[int], list[int]]:
    """``(high, low)`` with ``F(x) == high[x >> 16] ^ low[x & 0xFFFF]``, built on first use.

    Two lookups instead of four per half-round, which pays off over long buffers, when the
    tables (about 5 MB of ints) are hot in the caches; for a few blocks the four small tables
    are faster.
    """
    global _wide_tables
    if _wide_tables is None:
        c0, c1, c2, c3 = _CONTRIB
        _wide_tables = ([c0[i >> 8] | c1[i & 0xFF] for i in range(65536)],
                        [c2[i >> 8] | c3[i & 0xFF] for i in range(65536)])
    return _wide_tables


def _xor_tables() -> tuple[bytes, ...]:
    """``_XOR[k]`` maps byte ``v`` to ``v ^ k`` (for ``bytes.translate``)."""
    identity = int.from_bytes(bytes(range(256)), "big")
    return tuple(
        (identity ^ int.from_bytes(bytes((k,)) * 256, "big")).to_bytes(256, "big")
        for k in range(256)
    )


_XOR: Final = _xor_tables()

# Planar rounds.  Each input byte's contribution to F occupies parts of exactly two output
# bytes, and each output byte receives parts of exactly two input bytes.  For output bytes
# 0..3 (0 = most significant), _FIRST_SOURCE and _SECOND_SOURCE name the input bytes whose
# contributions reach it; _PLANE_BASE[out][in] is that share as a byte table.
_FIRST_SOURCE: Final = (1, 3, 2, 0)
_SECOND_SOURCE: Final = (3, 2, 0, 1)
_PLANE_BASE: Final = tuple(
    tuple(
        bytes((_CONTRIB[src][v] >> (24 - 8 * out)) & 0xFF for v in range(256)) for src in range(4)
    )
    for out in range(4)
)


def _check_plane_sources() -> None:
    # Every (output byte, input byte) share not named above must be empty.
    for out in range(4):
        for src in range(4):
            if src not in (_FIRST_SOURCE[out], _SECOND_SOURCE[out]) and any(_PLANE_BASE[out][src]):
                raise AssertionError("fcrypt plane sources are inconsistent")  # pragma: no cover


_check_plane_sources()

# Tables for one round key: the first-source table of output bytes 0..3, then the
# second-source table of output bytes 0..3.
_RoundTables = tuple[bytes, bytes, bytes, bytes, bytes, bytes, bytes, bytes]


def _round_tables(round_key: int) -> _RoundTables:
    key_bytes = round_key.to_bytes(4, "big")
    first, second = (
        [_XOR[key_bytes[src]].translate(_PLANE_BASE[out][src]) for out, src in enumerate(sources)]
        for sources in (_FIRST_SOURCE, _SECOND_SOURCE)
    )
    return (first[0], first[1], first[2], first[3], second[0], second[1], second[2], second[3])


def _planar_rounds(a: int, b: int, tables: Sequence[_RoundTables], lanes: int) -> tuple[int, int]:
    """Run Feistel half-rounds on planar halves: ``a ^= F(b ^ k0); b ^= F(a ^ k1); ...``.

    ``a`` and ``b`` are the big-endian integers of four concatenated byte planes of ``lanes``
    bytes each, most significant plane first.  ``tables`` holds one entry per half-round.
    """
    n1, n2, n3, n4 = lanes, 2 * lanes, 3 * lanes, 4 * lanes
    from_bytes = int.from_bytes
    it = iter(tables)
    for t0, t1 in zip(it, it, strict=True):
        f0, f1, f2, f3, s0, s1, s2, s3 = t0
        x = b.to_bytes(n4, "big")
        x0, x1, x2, x3 = x[:n1], x[n1:n2], x[n2:n3], x[n3:]
        a ^= from_bytes(
            x1.translate(f0) + x3.translate(f1) + x2.translate(f2) + x0.translate(f3), "big"
        ) ^ from_bytes(
            x3.translate(s0) + x2.translate(s1) + x0.translate(s2) + x1.translate(s3), "big"
        )
        f0, f1, f2, f3, s0, s1, s2, s3 = t1
        x = a.to_bytes(n4, "big")
        x0, x1, x2, x3 = x[:n1], x[n1:n2], x[n2:n3], x[n3:]
        b ^= from_bytes(
            x1.translate(f0) + x3.translate(f1) + x2.translate(f2) + x0.translate(f3), "big"
        ) ^ from_bytes(
            x3.translate(s0) + x2.translate(s1) + x0.translate(s2) + x1.translate(s3), "big"
        )
    return a, b


# Up to this many blocks pcbc_encrypt uses the small tables (see _wide).
_WIDE_MIN_BLOCKS: Final = 8
# Below this many blocks the scalar decryption is faster than the planar one.
_PLANAR_MIN_BLOCKS: Final = 4
# Below this many buffers pcbc_encrypt_many encrypts them one by one.
_PLANAR_MIN_BUFFERS: Final = 12
# pcbc_decrypt_many deciphers at most about this many blocks in one planar pass.
_PLANAR_GROUP_BLOCKS: Final = 6000
# Below this many blocks encrypt_words_many encrypts them one by one.
_PLANAR_MIN_WORD_BLOCKS: Final = 10


@final
class FcryptSchedule:
    """The expanded form of one fcrypt key; build it once per session key and reuse it.

    Objects are immutable in behaviour: the only state added after construction is a cache
    of lookup tables for the planar code paths, built on first use.  The key is kept out of
    :func:`repr`.

    Args:
        key: 8 key bytes (the parity bits are ignored).

    Raises:
        ValueError: ``key`` is not 8 bytes long.
    """

    __slots__ = ("_key", "_planar", "_round_keys", "_rounds")

    def __init__(self, key: bytes) -> None:
        if len(key) != 8:
            raise ValueError("an fcrypt key is 8 bytes")
        self._key = bytes(key)
        k = 0
        for byte in key:
            k = (k << 7) | (byte >> 1)
        keys = []
        for _ in range(16):
            keys.append(k & 0xFFFFFFFF)
            k = (k >> 11) | ((k & 0x7FF) << 45)
        self._round_keys: tuple[int, ...] = tuple(keys)
        self._planar: tuple[_RoundTables, ...] | None = None
        self._rounds: _native.Rounds | None = _native.Rounds(keys, SBOXES) if _NATIVE else None

    def __repr__(self) -> str:
        return "<FcryptSchedule>"

    @property
    def key(self) -> bytes:
        """The 8-byte key this schedule was made from (rxkad also uses it as a PCBC IV)."""
        return self._key

    @property
    def round_keys(self) -> tuple[int, ...]:
        """The 16 32-bit round keys."""
        return self._round_keys

    @property
    def rounds(self) -> _native.Rounds:
        """The round keys and S-boxes as :mod:`._fcrypt_native`'s loops take them."""
        rounds = self._rounds
        if rounds is None:
            rounds = self._rounds = _native.Rounds(self._round_keys, SBOXES)
        return rounds

    def _planar_tables(self) -> tuple[_RoundTables, ...]:
        tables = self._planar
        if tables is None:
            tables = self._planar = tuple(_round_tables(k) for k in self._round_keys)
        return tables

    # -- single blocks ---------------------------------------------------------------------

    def encrypt_words(self, left: int, right: int) -> tuple[int, int]:
        """Encrypt one block given as two 32-bit words; return the two output words."""
        if _NATIVE:
            return _native.encrypt_words(self.rounds, left, right)
        c0, c1, c2, c3 = _C0, _C1, _C2, _C3
        k = self._round_keys
        for i in range(0, 16, 2):
            x = right ^ k[i]
            left ^= c0[x >> 24] ^ c1[(x >> 16) & 255] ^ c2[(x >> 8) & 255] ^ c3[x & 255]
            x = left ^ k[i + 1]
            right ^= c0[x >> 24] ^ c1[(x >> 16) & 255] ^ c2[(x >> 8) & 255] ^ c3[x & 255]
        return left, right

    def decrypt_words(self, left: int, right: int) -> tuple[int, int]:
        """Decrypt one block given as two 32-bit words; return the two output words."""
        if _NATIVE:
            return _native.decrypt_words(self.rounds, left, right)
        c0, c1, c2, c3 = _C0, _C1, _C2, _C3
        k = self._round_keys
        for i in range(15, 0, -2):
            x = left ^ k[i]
            right ^= c0[x >> 24] ^ c1[(x >> 16) & 255] ^ c2[(x >> 8) & 255] ^ c3[x & 255]
            x = right ^ k[i - 1]
            left ^= c0[x >> 24] ^ c1[(x >> 16) & 255] ^ c2[(x >> 8) & 255] ^ c3[x & 255]
        return left, right

    def encrypt_block(self, block: bytes) -> bytes:
        """ECB-encrypt one 8-byte block."""
        left, right = struct.unpack(">II", block)
        return struct.pack(">II", *self.encrypt_words(left, right))

    def decrypt_block(self, block: bytes) -> bytes:
        """ECB-decrypt one 8-byte block."""
        left, right = struct.unpack(">II", block)
        return struct.pack(">II", *self.decrypt_words(left, right))

    # -- PCBC over whole buffers -----------------------------------------------------------

    def pcbc_encrypt(self, iv: bytes, data: bytes) -> bytes:
        """PCBC-encrypt ``data`` with a fresh chain starting at ``iv``.

        A short final block is padded with zero bytes, so the result is ``data`` rounded up to
        a multiple of 8 bytes.
        """
        if len(data) % 8:
            data = bytes(data) + bytes(8 - len(data) % 8)
        if _NATIVE:
            return _native.pcbc_encrypt(self.rounds, iv, bytes(data))
        count = len(data) // 4
        words = struct.unpack(f">{count}I", data)
        chain_l, chain_r = struct.unpack(">II", iv)
        if count <= 2 * _WIDE_MIN_BLOCKS:
            encrypt = self.encrypt_words
            short: list[int] = []
            it = iter(words)
            for plain_l, plain_r in zip(it, it, strict=True):
                left, right = encrypt(plain_l ^ chain_l, plain_r ^ chain_r)
                short += (left, right)
                chain_l = plain_l ^ left
                chain_r = plain_r ^ right
            return struct.pack(f">{count}I", *short)
        hi, lo = _wide()
        k0, k1, k2, k3, k4, k5, k6, k7, k8, k9, k10, k11, k12, k13, k14, k15 = self._round_keys
        out: list[int] = []
        append = out.append
        it = iter(words)
        for plain_l, plain_r in zip(it, it, strict=True):
            left = plain_l ^ chain_l
            right = plain_r ^ chain_r
            x = right ^ k0
            left ^= hi[x >> 16] ^ lo[x & 0xFFFF]
            x = left ^ k1
            right ^= hi[x >> 16] ^ lo[x & 0xFFFF]
            x = right ^ k2
            left ^= hi[x >> 16] ^ lo[x & 0xFFFF]
            x = left ^ k3
            right ^= hi[x >> 16] ^ lo[x & 0xFFFF]
            x = right ^ k4
            left ^= hi[x >> 16] ^ lo[x & 0xFFFF]
            x = left ^ k5
            right ^= hi[x >> 16] ^ lo[x & 0xFFFF]
            x = right ^ k6
            left ^= hi[x >> 16] ^ lo[x & 0xFFFF]
            x = left ^ k7
            right ^= hi[x >> 16] ^ lo[x & 0xFFFF]
            x = right ^ k8
            left ^= hi[x >> 16] ^ lo[x & 0xFFFF]
            x = left ^ k9
            right ^= hi[x >> 16] ^ lo[x & 0xFFFF]
            x = right ^ k10
            left ^= hi[x >> 16] ^ lo[x & 0xFFFF]
            x = left ^ k11
            right ^= hi[x >> 16] ^ lo[x & 0xFFFF]
            x = right ^ k12
            left ^= hi[x >> 16] ^ lo[x & 0xFFFF]
            x = left ^ k13
            right ^= hi[x >> 16] ^ lo[x & 0xFFFF]
            x = right ^ k14
            left ^= hi[x >> 16] ^ lo[x & 0xFFFF]
            x = left ^ k15
            right ^= hi[x >> 16] ^ lo[x & 0xFFFF]
            append(left)
            append(right)
            chain_l = plain_l ^ left
            chain_r = plain_r ^ right
        return struct.pack(f">{count}I", *out)

    def pcbc_decrypt(self, iv: bytes, data: bytes) -> bytes:
        """PCBC-decrypt ``data`` with a fresh chain starting at ``iv``.

        Raises:
            ValueError: ``len(data)`` is not a multiple of 8.
        """
        size = len(data)
        if size % 8:
            raise ValueError("PCBC decryption needs whole 8-byte blocks")
        if _NATIVE:
            return _native.pcbc_decrypt(self.rounds, iv, bytes(data))
        blocks = size // 8
        if blocks < _PLANAR_MIN_BLOCKS:
            return self._pcbc_decrypt_scalar(iv, data)
        # Decipher every block at once, then undo the chaining:
        #   plain[i] = D(c[i]) ^ chain[i],  chain[i + 1] = plain[i] ^ c[i]
        # so chain[i] = iv ^ (XOR over j < i of D(c[j]) ^ c[j]), a prefix XOR over 64-bit lanes.
        deciphered = int.from_bytes(self._ecb_decrypt_planar(data, blocks), "big")
        prefix = deciphered ^ int.from_bytes(data, "big")
        shift, width = 64, 64 * blocks
        while shift < width:
            prefix ^= prefix >> shift
            shift <<= 1
        plain = deciphered ^ (prefix >> 64) ^ int.from_bytes(bytes(iv) * blocks, "big")
        return plain.to_bytes(size, "big")

    def _pcbc_decrypt_scalar(self, iv: bytes, data: bytes) -> bytes:
        count = len(data) // 4
        words = struct.unpack(f">{count}I", data)
        chain_l, chain_r = struct.unpack(">II", iv)
        decrypt = self.decrypt_words
        out: list[int] = []
        it = iter(words)
        for cipher_l, cipher_r in zip(it, it, strict=True):
            left, right = decrypt(cipher_l, cipher_r)
            left ^= chain_l
            right ^= chain_r
            out += (left, right)
            chain_l = left ^ cipher_l
            chain_r = right ^ cipher_r
        return struct.pack(f">{count}I", *out)

    def _ecb_decrypt_planar(self, data: bytes, blocks: int) -> bytearray:
        from_bytes = int.from_bytes
        left = from_bytes(b"".join((data[0::8], data[1::8], data[2::8], data[3::8])), "big")
        right = from_bytes(b"".join((data[4::8], data[5::8], data[6::8], data[7::8])), "big")
        # Decryption is encryption with the round keys reversed and the halves' roles swapped.
        right, left = _planar_rounds(right, left, self._planar_tables()[::-1], blocks)
        return _interleave(left, right, blocks, 8 * blocks, 8)

    def pcbc_decrypt_many(
        self, iv: bytes, buffers: Sequence[bytes | bytearray | memoryview],
    ) -> list[bytes]:
        """PCBC-decrypt each buffer separately (each with a fresh chain from ``iv``).

        Equivalent to ``[self.pcbc_decrypt(iv, b) for b in buffers]``.  All blocks of all
        buffers are deciphered in one planar pass, so the per-operation cost of the planar
        rounds is shared by every packet of a receive batch; the chaining is then undone with
        one prefix XOR over everything, corrected at each buffer's start.

        Raises:
            ValueError: a buffer's length is not a multiple of 8.
        """
        sizes = [len(b) for b in buffers]
        if any(size % 8 for size in sizes):
            raise ValueError("PCBC decryption needs whole 8-byte blocks")
        if _NATIVE:
            rounds = self.rounds
            return [_native.pcbc_decrypt(rounds, iv, bytes(b)) for b in buffers]
        total = sum(sizes)
        blocks = total // 8
        if len(buffers) < 2 or blocks < _PLANAR_MIN_BLOCKS * 4:
            return [self.pcbc_decrypt(iv, bytes(b)) for b in buffers]
        if blocks <= _PLANAR_GROUP_BLOCKS:
            return self._pcbc_decrypt_group(iv, buffers, sizes, total)
        # Very large integers fall out of the CPU caches: work in groups of buffers.
        out: list[bytes] = []
        start = 0
        group = 0
        for index, size in enumerate(sizes):
            if group and group + size > 8 * _PLANAR_GROUP_BLOCKS:
                out += self._pcbc_decrypt_group(iv, buffers[start:index], sizes[start:index],
                                                group)
                start = index
                group = 0
            group += size
        out += self._pcbc_decrypt_group(iv, buffers[start:], sizes[start:], group)
        return out

    def _pcbc_decrypt_group(self, iv: bytes, buffers: Sequence[bytes | bytearray | memoryview],
                            sizes: list[int], total: int) -> list[bytes]:
        blocks = total // 8
        if not blocks:
            return [b"" for _ in sizes]
        data = b"".join(buffers)
        from_bytes = int.from_bytes
        deciphered = from_bytes(self._ecb_decrypt_planar(data, blocks), "big")
        # chain[i] = iv ^ XOR of (D(c[j]) ^ c[j]) for the blocks j of the same buffer before
        # block i.  Compute the prefix over everything and cancel, for each buffer, what the
        # buffers before it contributed.
        prefix = deciphered ^ from_bytes(data, "big")
        shift, width = 64, 64 * blocks
        while shift < width:
            prefix ^= prefix >> shift
            shift <<= 1
        exclusive = prefix >> 64
        carried = exclusive.to_bytes(total, "big")
        iv_word = from_bytes(iv, "big")
        pieces = []
        start = 0
        for size in sizes:
            if size:
                before = from_bytes(carried[start:start + 8], "big") ^ iv_word
                pieces.append(before.to_bytes(8, "big") * (size // 8))
            start += size
        out: list[bytes] = []
        plain = (deciphered ^ exclusive ^ from_bytes(b"".join(pieces), "big")).to_bytes(
            total, "big")
        start = 0
        for size in sizes:
            out.append(plain[start:start + size])
            start += size
        return out

    def encrypt_words_many(self, lefts: Sequence[int], rights: Sequence[int]) -> list[int]:
        """ECB-encrypt many blocks given as 32-bit word pairs; return the right output words.

        This is what rxkad's header checksums need (only the right half is used).  With
        enough blocks they go through the planar rounds together.
        """
        if _NATIVE:
            return _native.encrypt_rights(self.rounds, lefts, rights)
        lanes = len(lefts)
        if lanes < _PLANAR_MIN_WORD_BLOCKS:
            encrypt = self.encrypt_words
            return [encrypt(left, right)[1] for left, right in zip(lefts, rights, strict=True)]
        pack = struct.Struct(f">{lanes}I").pack
        from_bytes = int.from_bytes
        lb = pack(*lefts)
        rb = pack(*rights)
        left = from_bytes(b"".join((lb[0::4], lb[1::4], lb[2::4], lb[3::4])), "big")
        right = from_bytes(b"".join((rb[0::4], rb[1::4], rb[2::4], rb[3::4])), "big")
        _, right = _planar_rounds(left, right, self._planar_tables(), lanes)
        planes = right.to_bytes(4 * lanes, "big")
        words = bytearray(4 * lanes)
        for j in range(4):
            words[j::4] = planes[j * lanes:(j + 1) * lanes]
        return list(struct.unpack(f">{lanes}I", words))

    def pcbc_encrypt_many(self, iv: bytes, buffers: Sequence[bytes]) -> list[bytes]:
        """PCBC-encrypt each buffer separately (each with a fresh chain from ``iv``).

        Equivalent to ``[self.pcbc_encrypt(iv, b) for b in buffers]``, but with enough
        buffers the blocks at one position of every buffer go through the rounds together,
        which is several times faster than one buffer at a time.
        """
        if _NATIVE or len(buffers) < _PLANAR_MIN_BUFFERS:
            return [self.pcbc_encrypt(iv, b) for b in buffers]
        lanes = len(buffers)
        stride = max(len(b) for b in buffers)
        stride += -stride % 8
        # Pad everything to one length: PCBC is causal, so bytes appended after a buffer's
        # end never change the ciphertext of the bytes before it.
        source = b"".join(bytes(b) + bytes(stride - len(b)) for b in buffers)
        sink = bytearray(len(source))
        tables = self._planar_tables()
        from_bytes = int.from_bytes
        chain_l = from_bytes(b"".join(bytes((v,)) * lanes for v in iv[:4]), "big")
        chain_r = from_bytes(b"".join(bytes((v,)) * lanes for v in iv[4:8]), "big")
        for pos in range(0, stride, 8):
            plain_l = from_bytes(
                b"".join((source[pos::stride], source[pos + 1 :: stride],
                          source[pos + 2 :: stride], source[pos + 3 :: stride])),
                "big",
            )
            plain_r = from_bytes(
                b"".join((source[pos + 4 :: stride], source[pos + 5 :: stride],
                          source[pos + 6 :: stride], source[pos + 7 :: stride])),
                "big",
            )
            left, right = _planar_rounds(plain_l ^ chain_l, plain_r ^ chain_r, tables, lanes)
            _scatter(sink, pos, stride, left, right, lanes)
            chain_l = plain_l ^ left
            chain_r = plain_r ^ right
        out = []
        for index, buffer in enumerate(buffers):
            start = index * stride
            size = len(buffer) + (-len(buffer) % 8)
            out.append(bytes(sink[start : start + size]))
        return out


def _interleave(left: int, right: int, lanes: int, size: int, stride: int) -> bytearray:
    """Turn planar halves back into consecutive blocks (``stride`` bytes apart)."""
    out = bytearray(size)
    _scatter(out, 0, stride, left, right, lanes)
    return out


def _scatter(out: bytearray, pos: int, stride: int, left: int, right: int, lanes: int) -> None:
    n1, n2, n3, n4 = lanes, 2 * lanes, 3 * lanes, 4 * lanes
    lb = left.to_bytes(n4, "big")
    rb = right.to_bytes(n4, "big")
    out[pos::stride] = lb[:n1]
    out[pos + 1 :: stride] = lb[n1:n2]
    out[pos + 2 :: stride] = lb[n2:n3]
    out[pos + 3 :: stride] = lb[n3:]
    out[pos + 4 :: stride] = rb[:n1]
    out[pos + 5 :: stride] = rb[n1:n2]
    out[pos + 6 :: stride] = rb[n2:n3]
    out[pos + 7 :: stride] = rb[n3:]
