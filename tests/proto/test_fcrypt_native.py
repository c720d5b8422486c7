"""The scalar fcrypt loops a compiled build runs (``_fcrypt_native``) give fcrypt's answers.

They are checked in both test passes: interpreted (where :class:`FcryptSchedule` uses its own
paths, so the two implementations are compared with each other) and compiled (where the
schedule routes its work to them).  In both, they are also compared with a reference written
here straight from the cipher's definition, and with the known-answer vectors.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st
from recorded import vectors

from trio_rxrpc import _proto
from trio_rxrpc._proto.security import _fcrypt, _fcrypt_native as native
from trio_rxrpc._proto.security._fcrypt import SBOXES, FcryptSchedule

H = bytes.fromhex
FCRYPT = vectors("fcrypt.json")
MASK = 0xFFFFFFFF


def reference_f(x: int) -> int:
    """F from its definition: four S-boxes, bytes placed 15..8, 7..0, 23..16, 31..24, then
    rotated right by 5 bits."""
    s0, s1, s2, s3 = SBOXES
    y = (s0[x >> 24] << 8) | s1[(x >> 16) & 255] | (s2[(x >> 8) & 255] << 16) | (
        s3[x & 255] << 24)
    return ((y >> 5) | (y << 27)) & MASK


def reference_encrypt(keys: tuple[int, ...], left: int, right: int) -> tuple[int, int]:
    for i in range(0, 16, 2):
        left ^= reference_f(right ^ keys[i])
        right ^= reference_f(left ^ keys[i + 1])
    return left, right


def reference_pcbc(keys: tuple[int, ...], iv: bytes, data: bytes) -> bytes:
    chain = int.from_bytes(iv, "big")
    out = bytearray()
    for pos in range(0, len(data), 8):
        plain = int.from_bytes(data[pos:pos + 8], "big")
        value = plain ^ chain
        left, right = reference_encrypt(keys, value >> 32, value & MASK)
        sealed = (left << 32) | right
        out += sealed.to_bytes(8, "big")
        chain = plain ^ sealed
    return bytes(out)


def test_the_compiled_build_routes_to_it() -> None:
    """The schedule uses these loops exactly when the core was compiled (one build makes
    both), so the compiled test pass runs rxkad through them."""
    assert native.COMPILED is _proto.COMPILED
    assert _fcrypt._NATIVE is native.COMPILED


@pytest.mark.parametrize("vector", FCRYPT["pcbc"], ids=[v["source"] for v in FCRYPT["pcbc"]])
def test_vectors(vector: dict[str, str]) -> None:
    keys = FcryptSchedule(H(vector["key"])).round_keys
    plain, sealed, iv = H(vector["plain"]), H(vector["cipher"]), H(vector["iv"])
    if len(plain) % 8:
        plain += bytes(-len(plain) % 8)  # the schedule pads; these loops take whole blocks
    rounds = native.Rounds(keys, SBOXES)
    assert native.pcbc_encrypt(rounds, iv, plain) == sealed
    assert native.pcbc_decrypt(rounds, iv, sealed) == plain


keys8 = st.binary(min_size=8, max_size=8)
blocks = st.integers(min_value=0, max_value=40).flatmap(
    lambda n: st.binary(min_size=8 * n, max_size=8 * n))
words = st.integers(min_value=0, max_value=MASK)


@settings(max_examples=80, deadline=None)
@given(key=keys8, iv=keys8, data=blocks)
def test_pcbc_matches_the_definition_and_the_schedule(key: bytes, iv: bytes, data: bytes) -> None:
    schedule = FcryptSchedule(key)
    keys = schedule.round_keys
    rounds = native.Rounds(keys, SBOXES)
    sealed = native.pcbc_encrypt(rounds, iv, data)
    assert sealed == reference_pcbc(keys, iv, data)
    assert sealed == schedule.pcbc_encrypt(iv, data)
    assert native.pcbc_decrypt(rounds, iv, sealed) == data
    assert schedule.pcbc_decrypt(iv, sealed) == data


@settings(max_examples=80, deadline=None)
@given(key=keys8, pairs=st.lists(st.tuples(words, words), max_size=30))
def test_blocks_match_the_definition_and_the_schedule(
        key: bytes, pairs: list[tuple[int, int]]) -> None:
    schedule = FcryptSchedule(key)
    keys = schedule.round_keys
    lefts = [left for left, _ in pairs]
    rights = [right for _, right in pairs]
    rounds = schedule.rounds
    expected = [reference_encrypt(keys, left, right) for left, right in pairs]
    assert [native.encrypt_words(rounds, *pair) for pair in pairs] == expected
    assert [native.decrypt_words(rounds, *out) for out in expected] == pairs
    assert [native.encrypt_right(rounds, *pair) for pair in pairs] == [r for _, r in expected]
    assert native.encrypt_rights(rounds, lefts, rights) == [r for _, r in expected]
    assert schedule.encrypt_words_many(lefts, rights) == [r for _, r in expected]


@settings(max_examples=80, deadline=None)
@given(key=keys8, iv=keys8, head=st.tuples(words, words), data=st.binary(max_size=100))
def test_seal_is_pcbc_over_the_header_block_and_the_padded_data(
        key: bytes, iv: bytes, head: tuple[int, int], data: bytes) -> None:
    """seal() is PCBC over the header block and the data zero-padded to whole blocks; unseal()
    undoes it, giving back the header word and the data cut to the header's length."""
    schedule = FcryptSchedule(key)
    keys = schedule.round_keys
    iv_left, iv_right = int.from_bytes(iv[:4], "big"), int.from_bytes(iv[4:], "big")
    plain = head[0].to_bytes(4, "big") + head[1].to_bytes(4, "big") + data
    plain += bytes(-len(plain) % 8)
    sealed = native.seal(schedule.rounds, iv_left, iv_right, head[0], head[1], data)
    assert sealed == reference_pcbc(keys, iv, plain)
    word, body = native.unseal(schedule.rounds, iv_left, iv_right, sealed)
    assert word == head[0]
    assert body == plain[8:8 + (head[0] & 0xFFFF)]


def test_unseal_reads_whole_blocks_only() -> None:
    """A payload's tail beyond its last whole block is left alone; less than a block gives
    nothing."""
    rounds = FcryptSchedule(bytes(range(8))).rounds
    sealed = native.seal(rounds, 1, 2, 5, 0, b"hello")
    assert native.unseal(rounds, 1, 2, sealed + b"pad!") == (5, b"hello")
    assert native.unseal(rounds, 1, 2, sealed[:7]) == (0, b"")


def test_bad_input_is_refused() -> None:
    keys = FcryptSchedule(bytes(8)).round_keys
    rounds = native.Rounds(keys, SBOXES)
    with pytest.raises(ValueError, match="whole 8-byte blocks"):
        native.pcbc_encrypt(rounds, bytes(8), bytes(9))
    with pytest.raises(ValueError, match="whole 8-byte blocks"):
        native.pcbc_decrypt(rounds, bytes(8), bytes(7))
    with pytest.raises(ValueError, match="16 round keys"):
        native.Rounds(keys[:15], SBOXES)
    with pytest.raises(ValueError, match="four 256-byte S-boxes"):
        native.Rounds(keys, SBOXES[:3])
    with pytest.raises(ValueError, match="32-bit word"):
        native.Rounds((1 << 32, *keys[1:]), SBOXES)
    with pytest.raises(ValueError, match="as many left words"):
        native.encrypt_rights(rounds, [1, 2], [3])
    with pytest.raises(ValueError, match="IV is 8 bytes"):
        native.pcbc_encrypt(rounds, bytes(7), bytes(8))
    with pytest.raises(ValueError, match="IV is 8 bytes"):
        native.pcbc_decrypt(rounds, bytes(9), bytes(8))
