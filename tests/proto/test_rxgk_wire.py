"""rxgk's wire formats: round trips, and the bounds and abort codes of untrusted decoders."""

from __future__ import annotations

import struct

import pytest
from hypothesis import given, strategies as st

from trio_rxrpc._proto.codes import OpenAfsRxgkAbortCode, RxgkAbortCode
from trio_rxrpc._proto.malformed import MalformedPacket
from trio_rxrpc._proto.security import rxgk_wire as w

u32 = st.integers(0, 0xFFFFFFFF)
i32 = st.integers(-(2**31), 2**31 - 1)
i64 = st.integers(-(2**63), 2**63 - 1)
nonces = st.binary(min_size=20, max_size=20)
blobs = st.binary(max_size=64)
names = st.builds(w.AuthName, i32, blobs, blobs)
tokens = st.builds(w.Token, i32, blobs, i32, i32, i32, i64, st.tuples() | st.lists(
    names, max_size=3).map(tuple), i64)
authenticators = st.builds(w.Authenticator, nonces, blobs, i32, u32, u32,
                           st.lists(u32, max_size=4).map(tuple))


@given(nonces)
def test_challenge_round_trip(nonce: bytes) -> None:
    assert w.Challenge.decode_untrusted(w.Challenge(nonce).encode()) == w.Challenge(nonce)


@given(i64, blobs, st.binary(min_size=14, max_size=40).map(lambda b: b * 4))
def test_response_round_trip(start: int, token: bytes, sealed: bytes) -> None:
    response = w.Response(start, token, sealed)
    encoded = response.encode()
    assert len(encoded) % 4 == 0
    assert w.Response.decode_untrusted(encoded) == response


@given(authenticators)
def test_authenticator_round_trip(auth: w.Authenticator) -> None:
    encoded = auth.encode()
    assert len(encoded) % 4 == 0
    assert w.Authenticator.decode_untrusted(encoded + bytes(7)) == auth  # padding ignored


@given(i32, i32, blobs)
def test_token_container_round_trip(kvno: int, enctype: int, sealed: bytes) -> None:
    container = w.TokenContainer(kvno, enctype, sealed)
    assert w.TokenContainer.decode_untrusted(container.encode()) == container


@given(tokens)
def test_token_round_trip_in_both_forms(token: w.Token) -> None:
    assert w.Token.decode_untrusted(token.encode()) == token
    openafs = w.Token.decode_untrusted(token.encode(w.TokenForm.OPENAFS), w.TokenForm.OPENAFS)
    assert openafs == w.Token(token.enctype, token.key, token.level, token.lifetime,
                              token.bytelife, token.expiration_time, token.identities)
    assert len(token.encode()) == len(token.encode(w.TokenForm.OPENAFS)) + 8


@given(st.builds(w.PseudoHeader, u32, u32, u32, u32, u32, u32))
def test_pseudo_header_round_trip(hdr: w.PseudoHeader) -> None:
    assert len(hdr.encode()) == w.PSEUDO_HEADER_LEN
    assert w.PseudoHeader.decode_untrusted(hdr.encode() + b"data") == hdr


@given(st.binary(max_size=200))
def test_untrusted_decoders_raise_only_malformed(data: bytes) -> None:
    for decode in (w.Challenge.decode_untrusted, w.Response.decode_untrusted,
                   w.Authenticator.decode_untrusted, w.TokenContainer.decode_untrusted,
                   w.Token.decode_untrusted, w.PseudoHeader.decode_untrusted,
                   lambda d: w.Token.decode_untrusted(d, w.TokenForm.OPENAFS)):
        error: w.RxgkMalformed | None = None
        try:
            decode(data)
        except w.RxgkMalformed as exc:
            error = exc
        assert error is None or error.code in set(RxgkAbortCode)


def test_rxgk_faults_are_malformed_packets() -> None:
    assert issubclass(w.RxgkMalformed, MalformedPacket)


def code_of(decode: object, data: bytes) -> int:
    assert callable(decode)
    with pytest.raises(w.RxgkMalformed) as caught:
        decode(data)
    return caught.value.code


def test_codes_follow_linux() -> None:
    assert code_of(w.Challenge.decode_untrusted, bytes(19)) == RxgkAbortCode.RXGK_PACKETSHORT
    short = w.Response(0, b"tok", bytes(52)).encode()
    assert code_of(w.Response.decode_untrusted, short) == RxgkAbortCode.RXGK_PACKETSHORT
    unaligned = struct.pack(">qI", 0, 0) + struct.pack(">I", 57) + bytes(60)
    assert code_of(w.Response.decode_untrusted, unaligned) == RxgkAbortCode.RXGK_INCONSISTENCY
    five = bytes(20) + struct.pack(">IiIII", 0, 2, 1, 4, 5) + bytes(20)
    assert code_of(w.Authenticator.decode_untrusted, five) == RxgkAbortCode.RXGK_NOTAUTH
    assert code_of(w.Token.decode_untrusted, bytes(36)) == RxgkAbortCode.RXGK_INCONSISTENCY
    assert code_of(w.TokenContainer.decode_untrusted,
                   struct.pack(">iiI", 1, 17, 8) + bytes(4)) == RxgkAbortCode.RXGK_PACKETSHORT


def test_the_two_abort_tables_part_at_offset_three() -> None:
    linux = {code.value: code.name for code in RxgkAbortCode}
    openafs = {code.value: code.name for code in OpenAfsRxgkAbortCode}
    assert min(linux) == min(openafs) == 1233242880
    assert [v for v in linux if linux[v] != openafs[v]] == list(range(1233242883, 1233242891))
    assert int(RxgkAbortCode.RXGK_BADKEYNO) == int(OpenAfsRxgkAbortCode.RXGK_NOTAUTH)


@pytest.mark.parametrize(("field", "current", "expected"), [
    (5, 5, 5), (4, 5, 4), (6, 5, 6), (0, 0xFFFF, 0x10000), (0xFFFF, 0x10000, 0xFFFF),
    (1, 0, 1), (0xFFFF, 0xFFFFFFFE, 0xFFFFFFFF)])
def test_key_numbers_widen_by_one_step(field: int, current: int, expected: int) -> None:
    assert w.resolve_key_number(field, current) == expected
    assert w.key_number_field(expected) == field


@pytest.mark.parametrize(("field", "current"), [(7, 5), (0xFFFF, 0), (0, 0xFFFFFFFF)])
def test_other_key_numbers_are_refused(field: int, current: int) -> None:
    with pytest.raises(w.RxgkMalformed) as caught:
        w.resolve_key_number(field, current)
    assert caught.value.code == RxgkAbortCode.RXGK_BADKEYNO


def test_transport_key_seed_clears_the_channel_bits() -> None:
    seed = w.transport_key_seed(0x80000001, 0x1237, -2, 3)
    assert seed == bytes.fromhex("80000001 00001234 fffffffffffffffe 00000003")
