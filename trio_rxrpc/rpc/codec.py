"""XDR pieces that generated interface modules call (their runtime codec).

Generated code packs runs of fixed-size items with one :class:`struct.Struct` each and calls
these helpers for the rest: counted arrays, strings, opaque data, and the rxgen convention of
sending a C ``char`` array as one 32-bit word per character.  Decoders take the input and an
offset and return ``(value, new_offset)``; encoders append to a :class:`bytearray`.

Every decoding failure is an :class:`~trio_rxrpc.xdr.XDRError` (a :class:`ValueError`);
:class:`XDRShort` says the input ended early, which a streaming reader can fix by reading
more.  Every encoding failure is a :class:`TypeError` (a value of the wrong type) or an
:class:`XDRError` (a value out of range, a sequence of the wrong length).
"""

from __future__ import annotations

import struct
from functools import lru_cache
from typing import TYPE_CHECKING, TypeVar

from ..xdr import XDRError

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = [
    "XDRError", "XDRShort", "bytes_decode", "bytes_encode", "cstr_decode",
    "cstr_encode", "decode_all", "fixed", "opaque_decode", "opaque_encode", "string_decode",
    "string_encode", "words",
]

T = TypeVar("T")

_WORD = struct.Struct(">I")
_PAD = (b"", b"\0\0\0", b"\0\0", b"\0")


class XDRShort(XDRError):
    """The input ended before the value did."""


def decode_all(decode: Callable[[bytes | memoryview, int], tuple[T, int]],
               data: bytes | bytearray | memoryview, what: str) -> T:
    """Decode one whole value from ``data``; anything left over is an error."""
    buf = data if isinstance(data, bytes) else bytes(data)
    try:
        value, end = decode(buf, 0)
    except XDRError:
        raise
    except struct.error as exc:
        raise XDRShort(f"{what}: the data ends early ({len(buf)} bytes)") from exc
    except (ValueError, IndexError, UnicodeError) as exc:
        raise XDRError(f"{what}: {exc}") from exc
    except RecursionError:
        raise XDRError(f"{what}: nested too deeply to decode") from None
    if end != len(buf):
        raise XDRError(f"{what}: {len(buf) - end} bytes left over after the value")
    return value


def encode_error(exc: Exception, what: str) -> Exception:
    """The error to raise for a :class:`struct.error` or similar while encoding ``what``."""
    text = str(exc)
    if ("integer" in text and "range" not in text) or "must be" in text:
        return TypeError(f"{what}: {text}")
    return XDRError(f"{what}: {text}")


def fixed(values: Sequence[T], n: int, what: str) -> Sequence[T]:
    """A fixed-size array's values, checked to be exactly ``n``."""
    if len(values) != n:
        raise XDRError(f"{what}: needs exactly {n} items, not {len(values)}")
    return values


def counted(values: Sequence[T], limit: int | None, what: str) -> int:
    """A variable array's length, checked against its bound."""
    n = len(values)
    if limit is not None and n > limit:
        raise XDRError(f"{what}: {n} items, more than the {limit} allowed")
    return n


@lru_cache(maxsize=256)
def words(fmt: str, n: int) -> struct.Struct:
    """A :class:`struct.Struct` for ``n`` repetitions of ``fmt`` (big-endian)."""
    return struct.Struct(">" + fmt * n)


def count_decode(d: bytes | memoryview, o: int, limit: int | None, what: str) -> tuple[int, int]:
    """Read an array or string length word at ``o``."""
    (n,) = _WORD.unpack_from(d, o)
    if limit is not None and n > limit:
        raise XDRError(f"{what}: length {n}, more than the {limit} allowed")
    return n, o + 4


def opaque_decode(d: bytes | memoryview, o: int, limit: int | None,
                  what: str) -> tuple[bytes, int]:
    """A counted ``opaque<N>``."""
    n, o = count_decode(d, o, limit, what)
    end = o + n
    if end + (-n % 4) > len(d):
        raise XDRShort(f"{what}: the data ends early")
    return bytes(d[o:end]), end + (-n % 4)


def opaque_encode(b: bytearray, v: bytes | bytearray | memoryview, limit: int | None,
                  what: str) -> None:
    """Append a counted ``opaque<N>``."""
    if not isinstance(v, bytes | bytearray | memoryview):
        raise TypeError(f"{what}: expected bytes, not {type(v).__name__}")
    n = len(v)
    if limit is not None and n > limit:
        raise XDRError(f"{what}: {n} bytes, more than the {limit} allowed")
    b += _WORD.pack(n)
    b += v
    b += _PAD[n % 4]


def string_decode(d: bytes | memoryview, o: int, limit: int | None,
                  what: str) -> tuple[str, int]:
    """A counted ``string<N>``, as text (UTF-8; undecodable bytes kept as surrogates)."""
    raw, o = opaque_decode(d, o, limit, what)
    return raw.decode("utf-8", "surrogateescape"), o


def string_encode(b: bytearray, v: str, limit: int | None, what: str) -> None:
    """Append a counted ``string<N>``."""
    if not isinstance(v, str):
        raise TypeError(f"{what}: expected str, not {type(v).__name__}")
    opaque_encode(b, v.encode("utf-8", "surrogateescape"), limit, what)


def cstr_decode(blob: bytes) -> str:
    """A C ``char x[N]`` from its ``4*N`` wire bytes: text up to the first NUL."""
    raw = blob[3::4]
    cut = raw.find(0)
    if cut >= 0:
        raw = raw[:cut]
    return raw.decode("utf-8", "surrogateescape")


_SIGN = bytes(0xFF if i > 0x7F else 0 for i in range(256))
"""For each byte, the upper bytes of its word when a signed char widens to 32 bits."""


def cstr_encode(v: str, n: int, what: str) -> bytes:
    """The ``4*N`` wire bytes of a C ``char x[N]`` holding ``v`` (which must leave room for
    its NUL).

    ``char`` is signed, so bytes above 0x7F go sign-extended (``0xFFFFFF80`` for 0x80), as
    OpenAFS's ``xdr_char`` sends them.
    """
    if not isinstance(v, str):
        raise TypeError(f"{what}: expected str, not {type(v).__name__}")
    raw = v.encode("utf-8", "surrogateescape")
    if len(raw) >= n:
        raise XDRError(f"{what}: {len(raw)} bytes do not fit in char[{n}] with its NUL")
    padded = raw.ljust(n, b"\0")
    out = bytearray(4 * n)
    out[3::4] = padded
    if not padded.isascii():
        sign = padded.translate(_SIGN)
        out[0::4] = out[1::4] = out[2::4] = sign
    return bytes(out)


def bytes_decode(blob: bytes) -> bytes:
    """A C ``unsigned char x[N]`` from its ``4*N`` wire bytes: all ``N`` bytes."""
    return blob[3::4]


def bytes_encode(v: bytes | bytearray, n: int, what: str) -> bytes:
    """The ``4*N`` wire bytes of a C ``unsigned char x[N]``; ``v`` must be exactly ``N``."""
    if not isinstance(v, bytes | bytearray):
        raise TypeError(f"{what}: expected bytes, not {type(v).__name__}")
    if len(v) != n:
        raise XDRError(f"{what}: needs exactly {n} bytes, not {len(v)}")
    out = bytearray(4 * n)
    out[3::4] = v
    return bytes(out)


def as_bool(x: int, what: str) -> bool:
    """An XDR boolean: 0 or 1 only."""
    if x == 1:
        return True
    if x == 0:
        return False
    raise XDRError(f"{what}: {x} is not a boolean")


def as_enum(cls: Callable[[int], T], x: int, what: str) -> T:
    """An enum member from its wire value; unknown values are errors."""
    try:
        return cls(x)
    except ValueError:
        raise XDRError(f"{what}: {x} is not one of its values") from None


def optional_tag(d: bytes | memoryview, o: int, what: str) -> tuple[bool, int]:
    """The "is present" word before an optional value."""
    (x,) = _WORD.unpack_from(d, o)
    return as_bool(x, what), o + 4



def need(d: bytes | memoryview, o: int, nbytes: int, what: str) -> None:
    """Check that ``nbytes`` more bytes are there, before allocating for them."""
    if o + nbytes > len(d):
        raise XDRShort(f"{what}: the data ends early")


def fixed_opaque(v: bytes | bytearray, n: int, what: str) -> bytes | bytearray:
    """A fixed ``opaque x[N]`` value, checked to be exactly ``N`` bytes."""
    if not isinstance(v, bytes | bytearray):
        raise TypeError(f"{what}: expected bytes, not {type(v).__name__}")
    if len(v) != n:
        raise XDRError(f"{what}: needs exactly {n} bytes, not {len(v)}")
    return v


U32 = struct.Struct(">I")
TRUE = U32.pack(1)
FALSE = U32.pack(0)


def encode_value(encode: Callable[[bytearray, T], None], value: T, what: str) -> bytes:
    """``value`` as XDR, by a generated encoder.

    Raises:
        TypeError: a field holds a value of the wrong type.
        XDRError: a field is out of range or a sequence has the wrong length.
    """
    b = bytearray()
    try:
        encode(b, value)
    except struct.error as exc:
        raise encode_error(exc, what) from None
    return bytes(b)
