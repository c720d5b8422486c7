"""XDR (RFC 4506) encoding and decoding for the payloads of AFS remote procedure calls.

Rx moves opaque bytes; the AFS services (ptserver, vlserver, fileserver, ...) put their
arguments and results in those bytes as XDR, the way OpenAFS's ``rxgen`` lays them out. This
module is the small codec such callers need:

* :class:`XDREncoder` appends items to a growing buffer; :meth:`XDREncoder.getvalue` returns the
  bytes to send.
* :class:`XDRDecoder` reads items from received bytes in order; :meth:`XDRDecoder.done` checks
  that nothing is left over.

Every item takes a multiple of four bytes, big-endian, and padding is zero bytes. Decoders are
fed bytes from the network, so they check everything (lengths, limits, padding, booleans) and
raise only :class:`XDRError`, which is a :class:`ValueError`.

One rxgen convention is not plain RFC 4506 and is easy to get wrong: a C ``char name[N]`` field
(for example ``prname`` in the protection service, ``name`` in a VLDB entry) is sent as ``N``
separate 32-bit integers, one per character, not as ``opaque[N]``.
:meth:`XDREncoder.write_char_vector` and :meth:`XDRDecoder.read_char_vector` handle it.

Example::

    enc = XDREncoder()
    enc.write_int32(504)
    enc.write_array([b"admin"], lambda name: enc.write_char_vector(name, 64))
    request = enc.getvalue()

    dec = XDRDecoder(reply)
    ids = dec.read_array(dec.read_int32)
    dec.done()
"""

from __future__ import annotations

import struct
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = ["XDRDecoder", "XDREncoder", "XDRError"]

T = TypeVar("T")

_INT32 = struct.Struct(">i")
_UINT32 = struct.Struct(">I")
_INT64 = struct.Struct(">q")
_UINT64 = struct.Struct(">Q")

_UNIT = 4
"""XDR's basic block: every item is padded to a multiple of four bytes."""

_PADDING = bytes(_UNIT)


def _padding_for(length: int) -> int:
    return -length % _UNIT


class XDRError(ValueError):
    """The bytes are not valid XDR for what was asked, or a value cannot be encoded.

    A decoder raises it for short input, a length beyond its limit, non-zero padding, a boolean
    other than 0 or 1, bytes left over at :meth:`XDRDecoder.done`, or text that does not decode.
    An encoder raises it for an integer out of range or data longer than allowed.
    """


class XDREncoder:
    """Builds an XDR byte string item by item.

    Each ``write_*`` method appends one item; :meth:`getvalue` returns everything written so
    far. The encoder can be reused after :meth:`getvalue`: it keeps appending. A write that
    raises appends nothing.
    """

    __slots__ = ("_buffer",)

    def __init__(self) -> None:
        self._buffer = bytearray()

    def __len__(self) -> int:
        """Return the number of bytes written so far."""
        return len(self._buffer)

    def getvalue(self) -> bytes:
        """Return the bytes written so far."""
        return bytes(self._buffer)

    def _pack(self, codec: struct.Struct, value: int, what: str) -> None:
        try:
            self._buffer += codec.pack(value)
        except struct.error:
            raise XDRError(f"{what} out of range: {value!r}") from None

    def write_int32(self, value: int) -> None:
        """Append a signed 32-bit integer ("int").

        Raises:
            XDRError: ``value`` is outside -2**31 .. 2**31 - 1.
        """
        self._pack(_INT32, value, "int32")

    def write_uint32(self, value: int) -> None:
        """Append an unsigned 32-bit integer ("unsigned int").

        Raises:
            XDRError: ``value`` is outside 0 .. 2**32 - 1.
        """
        self._pack(_UINT32, value, "uint32")

    def write_int64(self, value: int) -> None:
        """Append a signed 64-bit integer ("hyper").

        Raises:
            XDRError: ``value`` is outside -2**63 .. 2**63 - 1.
        """
        self._pack(_INT64, value, "int64")

    def write_uint64(self, value: int) -> None:
        """Append an unsigned 64-bit integer ("unsigned hyper").

        Raises:
            XDRError: ``value`` is outside 0 .. 2**64 - 1.
        """
        self._pack(_UINT64, value, "uint64")

    def write_bool(self, value: bool) -> None:
        """Append a boolean: the integer 1 for true, 0 for false."""
        self._buffer += _UINT32.pack(1 if value else 0)

    def write_opaque_fixed(self, data: bytes, length: int | None = None) -> None:
        """Append fixed-length opaque data ("opaque[n]"): the bytes, then zero padding.

        Args:
            data: the bytes.
            length: the declared size ``n``; if given, ``data`` must have exactly that length.

        Raises:
            XDRError: ``data`` is not ``length`` bytes long.
        """
        if length is not None and len(data) != length:
            raise XDRError(f"fixed opaque needs {length} bytes, got {len(data)}")
        self._buffer += data
        self._buffer += _PADDING[: _padding_for(len(data))]

    def write_opaque(self, data: bytes, *, max_length: int | None = None) -> None:
        """Append variable-length opaque data ("opaque<m>"): a length word, the bytes, padding.

        Args:
            data: the bytes.
            max_length: the declared maximum ``m``, or None for no limit beyond 2**32 - 1.

        Raises:
            XDRError: ``data`` is longer than ``max_length`` or than 2**32 - 1 bytes.
        """
        if max_length is not None and len(data) > max_length:
            raise XDRError(f"opaque of {len(data)} bytes exceeds its limit of {max_length}")
        self._pack(_UINT32, len(data), "opaque length")
        self.write_opaque_fixed(data)

    def write_string(self, text: str | bytes, *, max_length: int | None = None) -> None:
        """Append a string ("string<m>"): encoded like variable-length opaque data.

        Args:
            text: the string; a :class:`str` is encoded as UTF-8 (ASCII in practice for AFS).
            max_length: the declared maximum ``m`` in bytes, or None.

        Raises:
            XDRError: the encoded string is longer than ``max_length``.
        """
        data = text.encode() if isinstance(text, str) else text
        self.write_opaque(data, max_length=max_length)

    def write_char_vector(self, text: str | bytes, length: int) -> None:
        """Append an rxgen ``char x[length]`` field: one 32-bit integer per character.

        ``text`` is zero-filled to ``length`` characters, so a C string gets its terminating NUL
        when it is shorter than the field. Bytes above 0x7F are sent sign-extended, as OpenAFS
        does on Linux/x86, where ``char`` is signed.

        Args:
            text: the characters; a :class:`str` is encoded as UTF-8.
            length: the size of the C array.

        Raises:
            XDRError: ``text`` is longer than ``length`` bytes.
        """
        data = text.encode() if isinstance(text, str) else text
        if len(data) > length:
            raise XDRError(f"{len(data)} characters do not fit in char[{length}]")
        padded = data.ljust(length, b"\0")
        self._buffer += struct.pack(f">{length}i", *(b - 256 if b > 0x7F else b for b in padded))

    def write_array_fixed(
        self, items: Sequence[T], write_item: Callable[[T], object], length: int | None = None
    ) -> None:
        """Append a fixed-length array ("type x[n]"): the items, with no count.

        Args:
            items: the elements.
            write_item: writes one element, e.g. ``encoder.write_int32``.
            length: the declared size ``n``; if given, ``items`` must have exactly that many.

        Raises:
            XDRError: ``items`` does not have ``length`` elements, or ``write_item`` raised it.
        """
        if length is not None and len(items) != length:
            raise XDRError(f"fixed array needs {length} elements, got {len(items)}")
        self._write_items(items, write_item, len(self._buffer))

    def _write_items(
        self, items: Sequence[T], write_item: Callable[[T], object], mark: int
    ) -> None:
        # All or nothing: if one element fails, drop the array written since mark.
        try:
            for item in items:
                write_item(item)
        except BaseException:
            del self._buffer[mark:]
            raise

    def write_array(
        self,
        items: Sequence[T],
        write_item: Callable[[T], object],
        *,
        max_length: int | None = None,
    ) -> None:
        """Append a variable-length array ("type x<m>"): a count word, then the items.

        Args:
            items: the elements.
            write_item: writes one element, e.g. ``encoder.write_uint32``.
            max_length: the declared maximum ``m``, or None.

        Raises:
            XDRError: there are more than ``max_length`` items, or ``write_item`` raised it.
        """
        if max_length is not None and len(items) > max_length:
            raise XDRError(f"array of {len(items)} elements exceeds its limit of {max_length}")
        mark = len(self._buffer)
        self._pack(_UINT32, len(items), "array count")
        self._write_items(items, write_item, mark)


class XDRDecoder:
    """Reads XDR items, in order, from received bytes.

    Each ``read_*`` method consumes one item and returns it. Nothing is consumed when a read
    fails, but a failed decode usually means the whole payload is bad: callers should give up
    on it (for an RPC, abort the call) rather than try again with another type.

    Args:
        data: the bytes to decode (any bytes-like object; it is not copied, so do not change it
            while decoding).
    """

    __slots__ = ("_data", "_offset")

    def __init__(self, data: bytes | bytearray | memoryview) -> None:
        self._data = memoryview(data).cast("B")
        self._offset = 0

    @property
    def remaining(self) -> int:
        """How many bytes have not been read yet."""
        return len(self._data) - self._offset

    @property
    def offset(self) -> int:
        """How many bytes have been read so far."""
        return self._offset

    def done(self) -> None:
        """Check that every byte has been read.

        Raises:
            XDRError: bytes are left over.
        """
        if self._offset != len(self._data):
            raise XDRError(f"{self.remaining} unexpected bytes after the last item")

    def _take(self, size: int, what: str) -> memoryview:
        end = self._offset + size
        if size < 0 or end > len(self._data):
            raise XDRError(f"{what} needs {size} bytes, only {self.remaining} left")
        view = self._data[self._offset : end]
        self._offset = end
        return view

    def _unpack(self, codec: struct.Struct, what: str) -> int:
        value: int = codec.unpack(self._take(codec.size, what))[0]
        return value

    def read_int32(self) -> int:
        """Read a signed 32-bit integer.

        Raises:
            XDRError: fewer than 4 bytes are left.
        """
        return self._unpack(_INT32, "int32")

    def read_uint32(self) -> int:
        """Read an unsigned 32-bit integer.

        Raises:
            XDRError: fewer than 4 bytes are left.
        """
        return self._unpack(_UINT32, "uint32")

    def read_int64(self) -> int:
        """Read a signed 64-bit integer.

        Raises:
            XDRError: fewer than 8 bytes are left.
        """
        return self._unpack(_INT64, "int64")

    def read_uint64(self) -> int:
        """Read an unsigned 64-bit integer.

        Raises:
            XDRError: fewer than 8 bytes are left.
        """
        return self._unpack(_UINT64, "uint64")

    def read_bool(self) -> bool:
        """Read a boolean.

        Raises:
            XDRError: fewer than 4 bytes are left, or the value is neither 0 nor 1.
        """
        start = self._offset
        value = self._unpack(_UINT32, "bool")
        if value > 1:
            self._offset = start
            raise XDRError(f"bool must be 0 or 1, got {value}")
        return value == 1

    def read_opaque_fixed(self, length: int) -> bytes:
        """Read fixed-length opaque data of ``length`` bytes (and skip its padding).

        Raises:
            XDRError: the data or its padding is short, or the padding is not zero.
        """
        if length < 0:
            raise XDRError(f"opaque length must not be negative, got {length}")
        start = self._offset
        padded = self._take(length + _padding_for(length), f"opaque[{length}]")
        if any(padded[length:]):
            self._offset = start
            raise XDRError(f"non-zero padding after opaque[{length}]")
        return bytes(padded[:length])

    def read_opaque(self, *, max_length: int | None = None) -> bytes:
        """Read variable-length opaque data.

        Args:
            max_length: the declared maximum, or None.

        Raises:
            XDRError: the length exceeds ``max_length``, or the data is short or badly padded.
        """
        start = self._offset
        length = self._unpack(_UINT32, "opaque length")
        try:
            if max_length is not None and length > max_length:
                raise XDRError(f"opaque of {length} bytes exceeds its limit of {max_length}")
            return self.read_opaque_fixed(length)
        except XDRError:
            self._offset = start
            raise

    def read_string(self, *, max_length: int | None = None) -> str:
        """Read a string and decode it as UTF-8.

        Use :meth:`read_opaque` instead for names that may not be UTF-8.

        Args:
            max_length: the declared maximum in bytes, or None.

        Raises:
            XDRError: as for :meth:`read_opaque`, or the bytes are not UTF-8.
        """
        start = self._offset
        data = self.read_opaque(max_length=max_length)
        try:
            return data.decode()
        except UnicodeDecodeError as exc:
            self._offset = start
            raise XDRError(f"string is not UTF-8: {exc}") from None

    def read_char_vector(self, length: int) -> bytes:
        """Read an rxgen ``char x[length]`` field (one 32-bit integer per character).

        Returns:
            The characters up to the first NUL (all of them if there is none), as bytes.

        Raises:
            XDRError: fewer than ``4 * length`` bytes are left, or a word is not a char value
                (-128 .. 255).
        """
        start = self._offset
        raw = self._take(_UNIT * length, f"char[{length}]")
        words = struct.unpack(f">{length}i", raw)
        if any(not -128 <= w <= 255 for w in words):
            self._offset = start
            raise XDRError(f"char[{length}] holds a value that is not a char")
        chars = bytes(w & 0xFF for w in words)
        end = chars.find(b"\0")
        return chars if end < 0 else chars[:end]

    def read_array_fixed(self, length: int, read_item: Callable[[], T]) -> list[T]:
        """Read a fixed-length array of ``length`` items.

        Args:
            length: the declared size.
            read_item: reads one element, e.g. ``decoder.read_int32``.

        Raises:
            XDRError: an element could not be read.
        """
        start = self._offset
        try:
            return [read_item() for _ in range(length)]
        except XDRError:
            self._offset = start
            raise

    def read_array(self, read_item: Callable[[], T], *, max_length: int | None = None) -> list[T]:
        """Read a variable-length array: a count word, then that many items.

        The count is checked against ``max_length`` and against the bytes left (each XDR item
        takes at least four bytes) before anything is read, so a forged count cannot make the
        decoder loop or allocate for long.

        Args:
            read_item: reads one element, e.g. ``decoder.read_uint32``.
            max_length: the declared maximum, or None.

        Raises:
            XDRError: the count exceeds ``max_length`` or what the bytes left can hold, or an
                element could not be read.
        """
        start = self._offset
        count = self._unpack(_UINT32, "array count")
        try:
            if max_length is not None and count > max_length:
                raise XDRError(f"array of {count} elements exceeds its limit of {max_length}")
            if count > self.remaining // _UNIT:
                raise XDRError(f"array of {count} elements cannot fit in {self.remaining} bytes")
            return self.read_array_fixed(count, read_item)
        except XDRError:
            self._offset = start
            raise
