"""Round trips and tampering for every Kerberos enctype (17, 18, 19, 20, 25, 26).

Every plaintext size from 0 to 3000 bytes goes through encrypt/decrypt and mic/verify_mic
once per enctype; hypothesis then draws keys, usages, confounders and data, and checks that
flipping any single bit of a ciphertext or a checksum is an :class:`IntegrityError`.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings, strategies as st

from trio_rxrpc._proto.security._enctypes import ENCTYPES
from trio_rxrpc._proto.security._rfc3961 import Enctype, IntegrityError

NUMBERS = sorted(ENCTYPES)
MAX_SIZE = 3000


@pytest.mark.parametrize("number", NUMBERS)
def test_every_size_round_trips(number: int) -> None:
    kind = ENCTYPES[number]
    draw = random.Random(number)
    keys = kind.derive(draw.randbytes(kind.key_size), 1027)
    data = draw.randbytes(MAX_SIZE)
    overhead = kind.confounder_size + kind.checksum_size
    for size in range(MAX_SIZE + 1):
        plain = data[:size]
        sealed = kind.encrypt(keys, plain, draw.randbytes(16))
        assert len(sealed) == size + overhead
        assert kind.decrypt(keys, sealed) == plain
        mic = kind.mic(keys, plain)
        assert len(mic) == kind.checksum_size
        kind.verify_mic(keys, plain, mic)


def _flip(data: bytes, bit: int) -> bytes:
    changed = bytearray(data)
    changed[bit // 8] ^= 1 << (bit % 8)
    return bytes(changed)


@st.composite
def _case(draw: st.DrawFn, kind: Enctype) -> tuple[bytes, int, bytes, bytes]:
    key = draw(st.binary(min_size=kind.key_size, max_size=kind.key_size))
    usage = draw(st.integers(0, 2**32 - 1))
    confounder = draw(st.binary(min_size=16, max_size=16))
    plain = draw(st.binary(max_size=MAX_SIZE))
    return key, usage, confounder, plain


@pytest.mark.parametrize("number", NUMBERS)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_round_trip_and_any_flipped_bit_is_caught(number: int, data: st.DataObject) -> None:
    kind = ENCTYPES[number]
    key, usage, confounder, plain = data.draw(_case(kind))
    keys = kind.derive(key, usage)
    sealed = kind.encrypt(keys, plain, confounder)
    assert kind.decrypt(keys, sealed) == plain
    # The same plaintext under the same key and confounder always seals the same way.
    assert kind.encrypt(kind.derive(key, usage), plain, confounder) == sealed
    bit = data.draw(st.integers(0, 8 * len(sealed) - 1), label="flipped ciphertext bit")
    with pytest.raises(IntegrityError):
        kind.decrypt(keys, _flip(sealed, bit))
    mic = kind.mic(keys, plain)
    kind.verify_mic(keys, plain, mic)
    bit = data.draw(st.integers(0, 8 * len(mic) - 1), label="flipped checksum bit")
    with pytest.raises(IntegrityError):
        kind.verify_mic(keys, plain, _flip(mic, bit))
    if plain:
        bit = data.draw(st.integers(0, 8 * len(plain) - 1), label="flipped data bit")
        with pytest.raises(IntegrityError):
            kind.verify_mic(keys, _flip(plain, bit), mic)


@pytest.mark.parametrize("number", NUMBERS)
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_other_usage_or_key_does_not_open(number: int, data: st.DataObject) -> None:
    kind = ENCTYPES[number]
    key, usage, confounder, plain = data.draw(_case(kind))
    sealed = kind.encrypt(kind.derive(key, usage), plain, confounder)
    with pytest.raises(IntegrityError):
        kind.decrypt(kind.derive(key, usage ^ 1), sealed)
    with pytest.raises(IntegrityError):
        kind.decrypt(kind.derive(_flip(key, 0), usage), sealed)


@pytest.mark.parametrize("number", NUMBERS)
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_cts_round_trips_at_any_length(number: int, data: st.DataObject) -> None:
    kind = ENCTYPES[number]
    keys = kind.derive(bytes(kind.key_size), 1)
    plain = data.draw(st.binary(min_size=16, max_size=200))
    sealed = keys.seal(plain)
    assert len(sealed) == len(plain)
    assert keys.unseal(sealed) == plain
