"""Tests for trio_rxrpc.xdr: known encodings, limits, and hypothesis round-trips."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from hypothesis import assume, given, strategies as st

from trio_rxrpc.xdr import XDRDecoder, XDREncoder, XDRError

if TYPE_CHECKING:
    from collections.abc import Callable

INT32 = st.integers(-(2**31), 2**31 - 1)
UINT32 = st.integers(0, 2**32 - 1)
INT64 = st.integers(-(2**63), 2**63 - 1)
UINT64 = st.integers(0, 2**64 - 1)


def encode(write: Callable[[XDREncoder], object]) -> bytes:
    enc = XDREncoder()
    write(enc)
    return enc.getvalue()


# --------------------------------------------------------------------- known encodings


@pytest.mark.parametrize(
    ("write", "expected"),
    [
        (lambda e: e.write_int32(-1), "ffffffff"),
        (lambda e: e.write_int32(504), "000001f8"),
        (lambda e: e.write_uint32(2**32 - 1), "ffffffff"),
        (lambda e: e.write_int64(-2), "fffffffffffffffe"),
        (lambda e: e.write_uint64(2**40 + 1), "0000010000000001"),
        (lambda e: e.write_bool(True), "00000001"),
        (lambda e: e.write_bool(False), "00000000"),
        (lambda e: e.write_opaque_fixed(b"abcde"), "6162636465000000"),
        (lambda e: e.write_opaque_fixed(b"abcd", 4), "61626364"),
        (lambda e: e.write_opaque(b""), "00000000"),
        (lambda e: e.write_opaque(b"abc"), "0000000361626300"),
        (lambda e: e.write_string("sillyprog"), "0000000973696c6c7970726f67000000"),
        (lambda e: e.write_char_vector(b"ab\xff", 4), "0000006100000062ffffffff00000000"),
        (lambda e: e.write_array([1, -1], e.write_int32), "0000000200000001ffffffff"),
        (lambda e: e.write_array_fixed([7, 8], e.write_uint32, 2), "0000000700000008"),
    ],
)
def test_known_encodings(write: Callable[[XDREncoder], object], expected: str) -> None:
    assert encode(write).hex() == expected


def test_encoder_keeps_appending_and_reports_length() -> None:
    enc = XDREncoder()
    enc.write_uint32(1)
    assert enc.getvalue() == bytes.fromhex("00000001")
    enc.write_bool(True)
    assert len(enc) == 8
    assert enc.getvalue() == bytes.fromhex("0000000100000001")


@pytest.mark.parametrize(
    "write",
    [
        lambda e: e.write_int32(2**31),
        lambda e: e.write_int32(-(2**31) - 1),
        lambda e: e.write_uint32(-1),
        lambda e: e.write_uint32(2**32),
        lambda e: e.write_int64(2**63),
        lambda e: e.write_uint64(-1),
        lambda e: e.write_opaque_fixed(b"abc", 4),
        lambda e: e.write_opaque(b"abcde", max_length=4),
        lambda e: e.write_string("abcde", max_length=4),
        lambda e: e.write_char_vector(b"abcde", 4),
        lambda e: e.write_array([1, 2, 3], e.write_int32, max_length=2),
        lambda e: e.write_array_fixed([1, 2, 3], e.write_int32, 2),
        lambda e: e.write_array([1, 2**40], e.write_int32),
        lambda e: e.write_array_fixed([1, 2**40], e.write_int32),
    ],
)
def test_encoder_rejects_and_appends_nothing(write: Callable[[XDREncoder], object]) -> None:
    enc = XDREncoder()
    enc.write_uint32(0xA5A5A5A5)
    with pytest.raises(XDRError):
        write(enc)
    assert enc.getvalue() == bytes.fromhex("a5a5a5a5")


def test_xdr_error_is_a_value_error() -> None:
    assert issubclass(XDRError, ValueError)


# ---------------------------------------------------------------------------- decoding


@pytest.mark.parametrize(
    ("data", "read"),
    [
        ("", lambda d: d.read_int32()),
        ("000000", lambda d: d.read_uint32()),
        ("00000000000000", lambda d: d.read_int64()),
        ("0000000000", lambda d: d.read_uint64()),
        ("00000002", lambda d: d.read_bool()),
        ("ffffffff", lambda d: d.read_bool()),
        ("616263", lambda d: d.read_opaque_fixed(3)),  # padding missing
        ("61626301", lambda d: d.read_opaque_fixed(3)),  # padding not zero
        ("00000000", lambda d: d.read_opaque_fixed(-1)),
        ("0000000561626364", lambda d: d.read_opaque()),  # short data
        ("0000000561626364650000", lambda d: d.read_opaque()),  # short padding
        ("0000000561626364650000", lambda d: d.read_opaque(max_length=4)),
        ("ffffffff", lambda d: d.read_opaque()),  # huge length
        ("00000002c3280000", lambda d: d.read_string()),  # not UTF-8
        ("0000000561626364650000", lambda d: d.read_string(max_length=4)),
        ("0000006100000062", lambda d: d.read_char_vector(3)),
        ("0000006100000100", lambda d: d.read_char_vector(2)),  # 256 is not a char
        ("00000061ffffff7f", lambda d: d.read_char_vector(2)),  # -129 is not a char
        ("0000000200000001", lambda d: d.read_array(d.read_int32)),
        ("000000020000000100000002", lambda d: d.read_array(d.read_int32, max_length=1)),
        ("ffffffff", lambda d: d.read_array(d.read_int32)),  # forged count
        ("0000000100000001", lambda d: d.read_array_fixed(3, d.read_int32)),
        ("0000000100000002", lambda d: d.read_array(d.read_bool)),  # bad element
    ],
)
def test_decoder_rejects_and_consumes_nothing(
    data: str, read: Callable[[XDRDecoder], object]
) -> None:
    dec = XDRDecoder(bytes.fromhex(data))
    with pytest.raises(XDRError):
        read(dec)
    assert dec.offset == 0
    assert dec.remaining == len(data) // 2


def test_decoder_reads_in_order_and_done_checks_leftovers() -> None:
    dec = XDRDecoder(bytes.fromhex("000001f80000000361626300ffffffff00"))
    assert dec.read_int32() == 504
    assert dec.read_opaque() == b"abc"
    assert dec.remaining == 5
    assert dec.read_int32() == -1
    with pytest.raises(XDRError, match="1 unexpected bytes"):
        dec.done()
    assert dec.offset == 16


def test_decoder_accepts_bytearray_and_memoryview() -> None:
    data = bytes.fromhex("0000000200000001ffffffff")
    for source in (bytearray(data), memoryview(data)):
        dec = XDRDecoder(source)
        assert dec.read_array(dec.read_int32) == [1, -1]
        dec.done()


def test_char_vector_stops_at_nul_and_maps_signed_chars() -> None:
    dec = XDRDecoder(encode(lambda e: e.write_char_vector(b"a\xe9", 4)))
    assert dec.read_char_vector(4) == b"a\xe9"
    dec.done()
    # A full-length field has no NUL; an unsigned-char peer sends 0xe9 as 233.
    dec = XDRDecoder(bytes.fromhex("00000061000000e9"))
    assert dec.read_char_vector(2) == b"a\xe9"


# --------------------------------------------------------------------------- properties

CHAR_FIELD = 8
"""Size of the ``char x[8]`` field the properties use."""

Value = int | bool | bytes | str | list[int]
Item = tuple[str, Value]

ITEMS: st.SearchStrategy[Item] = st.one_of(
    st.tuples(st.just("int32"), INT32),
    st.tuples(st.just("uint32"), UINT32),
    st.tuples(st.just("int64"), INT64),
    st.tuples(st.just("uint64"), UINT64),
    st.tuples(st.just("bool"), st.booleans()),
    st.tuples(st.just("opaque_fixed"), st.binary(max_size=11)),
    st.tuples(st.just("opaque"), st.binary(max_size=11)),
    st.tuples(st.just("string"), st.text(max_size=6)),
    st.tuples(
        st.just("char_vector"),
        st.binary(max_size=CHAR_FIELD).map(lambda b: b.replace(b"\0", b"x")),
    ),
    st.tuples(st.just("array"), st.lists(INT32, max_size=5)),
    st.tuples(st.just("array_fixed"), st.lists(UINT32, max_size=5)),
)
KINDS = ["int32", "uint32", "int64", "uint64", "bool", "opaque_fixed", "opaque", "string",
         "char_vector", "array", "array_fixed"]  # fmt: skip


def write_item(enc: XDREncoder, kind: str, value: Value) -> None:
    match value:
        case bool():
            enc.write_bool(value)
        case int() if kind == "int32":
            enc.write_int32(value)
        case int() if kind == "uint32":
            enc.write_uint32(value)
        case int() if kind == "int64":
            enc.write_int64(value)
        case int():
            enc.write_uint64(value)
        case bytes() if kind == "opaque_fixed":
            enc.write_opaque_fixed(value, len(value))
        case bytes() if kind == "opaque":
            enc.write_opaque(value, max_length=11)
        case bytes():
            enc.write_char_vector(value, CHAR_FIELD)
        case str():
            enc.write_string(value, max_length=4 * 6)
        case list() if kind == "array":
            enc.write_array(value, enc.write_int32, max_length=5)
        case list():
            enc.write_array_fixed(value, enc.write_uint32, len(value))


def read_item(dec: XDRDecoder, kind: str, size: int) -> Value:
    """Read one item of ``kind``; ``size`` is the length a fixed-size item was declared with."""
    readers: dict[str, Callable[[], Value]] = {
        "int32": dec.read_int32,
        "uint32": dec.read_uint32,
        "int64": dec.read_int64,
        "uint64": dec.read_uint64,
        "bool": dec.read_bool,
        "opaque_fixed": lambda: dec.read_opaque_fixed(size),
        "opaque": lambda: dec.read_opaque(max_length=11),
        "string": lambda: dec.read_string(max_length=4 * 6),
        "char_vector": lambda: dec.read_char_vector(CHAR_FIELD),
        "array": lambda: dec.read_array(dec.read_int32, max_length=5),
        "array_fixed": lambda: dec.read_array_fixed(size, dec.read_uint32),
    }
    return readers[kind]()


def declared_size(value: Value) -> int:
    return len(value) if isinstance(value, bytes | list) else 0


def decode_all(data: bytes, items: list[Item]) -> list[Value]:
    dec = XDRDecoder(data)
    decoded = [read_item(dec, kind, declared_size(value)) for kind, value in items]
    dec.done()
    return decoded


@given(st.lists(ITEMS, max_size=12))
def test_round_trip(items: list[Item]) -> None:
    enc = XDREncoder()
    for kind, value in items:
        write_item(enc, kind, value)
    data = enc.getvalue()
    assert len(data) % 4 == 0
    assert decode_all(data, items) == [value for _, value in items]


@given(st.lists(ITEMS, min_size=1, max_size=8), st.data())
def test_truncated_input_raises_xdr_error(items: list[Item], data: st.DataObject) -> None:
    enc = XDREncoder()
    for kind, value in items:
        write_item(enc, kind, value)
    encoded = enc.getvalue()
    assume(encoded)
    cut = data.draw(st.integers(0, len(encoded) - 1), label="cut")
    with pytest.raises(XDRError):
        decode_all(encoded[:cut], items)


@given(
    st.binary(max_size=64),
    st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 9)), max_size=10),
)
def test_decoding_any_bytes_raises_only_xdr_error(
    data: bytes, reads: list[tuple[str, int]]
) -> None:
    dec = XDRDecoder(data)
    for kind, size in reads:
        before = dec.offset
        try:
            read_item(dec, kind, size)
        except XDRError:
            assert dec.offset == before
            return
        assert dec.offset > before or (kind in ("opaque_fixed", "array_fixed") and size == 0)
