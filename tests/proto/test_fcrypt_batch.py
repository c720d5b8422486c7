"""The batched fcrypt paths agree with the one-buffer, one-block paths they speed up.

rxkad decrypts a whole receive batch in one planar pass (:meth:`pcbc_decrypt_many`) and
computes the header checksums of many packets together (:meth:`encrypt_words_many`); any
difference from the scalar code would corrupt data or refuse good packets, so both are checked
against the scalar code on random inputs, including the sizes where they switch strategy.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings, strategies as st

from trio_rxrpc._proto.security._fcrypt import FcryptSchedule

keys = st.binary(min_size=8, max_size=8)
buffers = st.lists(
    st.integers(min_value=0, max_value=200).flatmap(
        lambda blocks: st.binary(min_size=8 * blocks, max_size=8 * blocks)),
    max_size=24,
)


@settings(max_examples=60, deadline=None)
@given(key=keys, iv=keys, bufs=buffers)
def test_decrypt_many_equals_one_by_one(key: bytes, iv: bytes, bufs: list[bytes]) -> None:
    schedule = FcryptSchedule(key)
    assert schedule.pcbc_decrypt_many(iv, bufs) == [schedule.pcbc_decrypt(iv, b) for b in bufs]


@settings(max_examples=30, deadline=None)
@given(key=keys, bufs=buffers)
def test_decrypt_many_inverts_encrypt_many(key: bytes, bufs: list[bytes]) -> None:
    schedule = FcryptSchedule(key)
    sealed = schedule.pcbc_encrypt_many(key, bufs)
    assert schedule.pcbc_decrypt_many(key, sealed) == bufs


def test_decrypt_many_takes_memoryviews_and_refuses_partial_blocks() -> None:
    schedule = FcryptSchedule(bytes(range(8)))
    rng = random.Random(3)
    plain = [rng.randbytes(1400) for _ in range(20)]
    sealed = schedule.pcbc_encrypt_many(schedule.key, plain)
    views = [memoryview(b"junk" + s)[4:] for s in sealed]
    assert schedule.pcbc_decrypt_many(schedule.key, views) == plain
    with pytest.raises(ValueError, match="whole 8-byte blocks"):
        schedule.pcbc_decrypt_many(schedule.key, [sealed[0], sealed[1][:-1]])


def test_decrypt_many_in_groups() -> None:
    """A batch bigger than one planar pass is split into groups, empty buffers anywhere."""
    rng = random.Random(5)
    schedule = FcryptSchedule(rng.randbytes(8))
    plain = [rng.randbytes(rng.choice([0, 0, 8, 1400, 1408, 4000])) for _ in range(120)]
    plain[-5:] = [b""] * 5
    sealed = schedule.pcbc_encrypt_many(schedule.key, plain)
    assert sum(len(s) for s in sealed) > 8 * 6000 * 2
    assert schedule.pcbc_decrypt_many(schedule.key, sealed) == plain


@pytest.mark.parametrize("count", [0, 1, 9, 10, 11, 64, 300])
def test_encrypt_words_many_equals_one_by_one(count: int) -> None:
    rng = random.Random(count)
    schedule = FcryptSchedule(rng.randbytes(8))
    lefts = [rng.getrandbits(32) for _ in range(count)]
    rights = [rng.getrandbits(32) for _ in range(count)]
    expected = [schedule.encrypt_words(a, b)[1] for a, b in zip(lefts, rights, strict=True)]
    assert schedule.encrypt_words_many(lefts, rights) == expected
