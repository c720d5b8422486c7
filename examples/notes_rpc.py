"""The NOTES interface, generated from notes.xg: written by trio-rxrpc rxgen.

Do not edit: regenerate with ``trio-rxrpc rxgen``.
"""
# ruff: noqa

from __future__ import annotations

import enum
import struct
from collections.abc import Sequence
from typing import ClassVar, Final, NamedTuple, TypeAlias, cast

import attrs

from trio_rxrpc import Call, rpc as _rpc
from trio_rxrpc.rpc import Procedure, SplitCall, SplitStream
from trio_rxrpc.rpc.codec import (
    FALSE, TRUE, U32, XDRError, as_bool, as_enum, bytes_decode, bytes_encode,
    count_decode, counted, cstr_decode, cstr_encode, decode_all, encode_error,
    encode_value, fixed, fixed_opaque, need, opaque_decode, opaque_encode,
    optional_tag, string_decode, string_encode, words,
)

PACKAGE: Final = 'NOTES_'
STATINDEX: Final = 99
SERVICE_ID: Final = 4242

NOTES_MAXTITLE: Final = 64
NOTES_MAXBODY: Final = 4096
NOTES_MAXLIST: Final = 1000


notetitle: TypeAlias = 'str'

titlelist: TypeAlias = 'Sequence[str]'

class notekind(enum.IntEnum):
    """``enum notekind`` (notes.xg:23)."""

    NOTE_TEXT = 1
    NOTE_BINARY = 2


NOTE_TEXT: Final = notekind.NOTE_TEXT
NOTE_BINARY: Final = notekind.NOTE_BINARY


@attrs.frozen
class noteinfo:
    """``struct noteinfo`` (notes.xg:28)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('title', 'kind', 'size', 'version',)

    title: str = ""
    kind: notekind = attrs.field(factory=lambda: notekind.NOTE_TEXT)
    size: int = 0
    version: int = 0

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_noteinfo, self, 'noteinfo')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> noteinfo:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_noteinfo, data, 'noteinfo')


_S0 = struct.Struct('>256siQI')
_S1 = struct.Struct('>I')
_S2 = struct.Struct('>256si')
_S3 = struct.Struct('>256s')
_S4 = struct.Struct('>i')
_S5 = struct.Struct('>256siQ')


def _b_noteinfo(t: tuple[bytes, int, int, int]) -> noteinfo:
    return noteinfo(cstr_decode(t[0]), as_enum(notekind, t[1], 'noteinfo.kind'), t[2], t[3])


def _f_noteinfo(v: noteinfo) -> tuple[object, ...]:
    return (cstr_encode(v.title, 64, 'noteinfo.title'), v.kind, v.size, v.version,)


def _d_noteinfo(d: bytes | memoryview, o: int) -> tuple[noteinfo, int]:
    return _b_noteinfo(_S0.unpack_from(d, o)), o + 272


def _e_noteinfo(b: bytearray, v: noteinfo) -> None:
    b += _S0.pack(*_f_noteinfo(v))


def _o_Put(d: bytes | memoryview, o: int) -> tuple[int, int]:
    _t1 = _S1.unpack_from(d, o)
    r_version = _t1[0]
    o += 4
    return r_version, o


def _r_Put(data: bytes) -> int:
    return decode_all(_o_Put, data, 'NOTES_Put reply')


def _i_Put(d: bytes | memoryview, o: int) -> tuple[tuple[str, notekind, bytes], int]:
    _t2 = _S2.unpack_from(d, o)
    a_title = cstr_decode(_t2[0])
    a_kind = as_enum(notekind, _t2[1], 'NOTES_Put.kind')
    o += 260
    a_body, o = opaque_decode(d, o, 4096, 'NOTES_Put.body')
    return (a_title, a_kind, a_body, ), o


def _w_Put(r: int) -> bytes:
    b = bytearray()
    b += _S1.pack(r)
    return bytes(b)


class GetResult(NamedTuple):
    """The OUT values of NOTES_Get."""

    info: noteinfo
    body: bytes


def _o_Get(d: bytes | memoryview, o: int) -> tuple[GetResult, int]:
    _t3 = _S0.unpack_from(d, o)
    r_info = _b_noteinfo(_t3)
    o += 272
    r_body, o = opaque_decode(d, o, 4096, 'NOTES_Get.body')
    return GetResult(r_info, r_body), o


def _r_Get(data: bytes) -> GetResult:
    return decode_all(_o_Get, data, 'NOTES_Get reply')


def _i_Get(d: bytes | memoryview, o: int) -> tuple[tuple[str], int]:
    _t4 = _S3.unpack_from(d, o)
    a_title = cstr_decode(_t4[0])
    o += 256
    return (a_title, ), o


def _w_Get(r: GetResult) -> bytes:
    b = bytearray()
    b += _S0.pack(*_f_noteinfo(r[0]))
    opaque_encode(b, r[1], 4096, 'NOTES_Get.body')
    return bytes(b)


class ListResult(NamedTuple):
    """The OUT values of NOTES_List."""

    titles: Sequence[str]
    next: int


def _o_List(d: bytes | memoryview, o: int) -> tuple[ListResult, int]:
    _n5, o = count_decode(d, o, 1000, 'NOTES_List.titles')
    need(d, o, _n5 * 256, 'NOTES_List.titles')
    r_titles = tuple([cstr_decode(_t6[0]) for _t6 in _S3.iter_unpack(d[o:o + _n5 * 256])])
    o += _n5 * 256
    _t7 = _S4.unpack_from(d, o)
    r_next = _t7[0]
    o += 4
    return ListResult(r_titles, r_next), o


def _r_List(data: bytes) -> ListResult:
    return decode_all(_o_List, data, 'NOTES_List reply')


def _i_List(d: bytes | memoryview, o: int) -> tuple[tuple[str, int], int]:
    a_prefix, o = string_decode(d, o, 64, 'NOTES_List.prefix')
    _t8 = _S4.unpack_from(d, o)
    a_start = _t8[0]
    o += 4
    return (a_prefix, a_start, ), o


def _w_List(r: ListResult) -> bytes:
    b = bytearray()
    _n9 = counted(r[0], 1000, 'NOTES_List.titles')
    b += U32.pack(_n9)
    for _x10 in r[0]:
        b += _S3.pack(cstr_encode(_x10, 64, 'NOTES_List.titles'))
    b += _S4.pack(r[1])
    return bytes(b)


def _o_Upload(d: bytes | memoryview, o: int) -> tuple[noteinfo, int]:
    _t11 = _S0.unpack_from(d, o)
    r_info = _b_noteinfo(_t11)
    o += 272
    return r_info, o


def _r_Upload(data: bytes) -> noteinfo:
    return decode_all(_o_Upload, data, 'NOTES_Upload reply')


def _i_Upload(d: bytes | memoryview, o: int) -> tuple[tuple[str, notekind, int], int]:
    _t12 = _S5.unpack_from(d, o)
    a_title = cstr_decode(_t12[0])
    a_kind = as_enum(notekind, _t12[1], 'NOTES_Upload.kind')
    a_size = _t12[2]
    o += 268
    return (a_title, a_kind, a_size, ), o


def _w_Upload(r: noteinfo) -> bytes:
    b = bytearray()
    b += _S0.pack(*_f_noteinfo(r))
    return bytes(b)


def _o_Download(d: bytes | memoryview, o: int) -> tuple[noteinfo, int]:
    _t13 = _S0.unpack_from(d, o)
    r_info = _b_noteinfo(_t13)
    o += 272
    return r_info, o


def _r_Download(data: bytes) -> noteinfo:
    return decode_all(_o_Download, data, 'NOTES_Download reply')


def _i_Download(d: bytes | memoryview, o: int) -> tuple[tuple[str], int]:
    _t14 = _S3.unpack_from(d, o)
    a_title = cstr_decode(_t14[0])
    o += 256
    return (a_title, ), o


def _w_Download(r: noteinfo) -> bytes:
    b = bytearray()
    b += _S0.pack(*_f_noteinfo(r))
    return bytes(b)


def _o_Delete(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_Delete(data: bytes) -> None:
    return decode_all(_o_Delete, data, 'NOTES_Delete reply')


def _i_Delete(d: bytes | memoryview, o: int) -> tuple[tuple[str], int]:
    _t15 = _S3.unpack_from(d, o)
    a_title = cstr_decode(_t15[0])
    o += 256
    return (a_title, ), o


def _w_Delete(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


class NOTE_NOENT(_rpc.RPCError):
    """955581696 (NOTE): No such note"""

    code = 955581696
    error_name = 'NOTE_NOENT'
    error_message = 'No such note'
    table = 'NOTE'


class NOTE_EXISTS(_rpc.RPCError):
    """955581697 (NOTE): A note with that title exists"""

    code = 955581697
    error_name = 'NOTE_EXISTS'
    error_message = 'A note with that title exists'
    table = 'NOTE'


class NOTE_TOOBIG(_rpc.RPCError):
    """955581698 (NOTE): The body does not fit: use Upload and Download"""

    code = 955581698
    error_name = 'NOTE_TOOBIG'
    error_message = 'The body does not fit: use Upload and Download'
    table = 'NOTE'


class NOTE_BADSIZE(_rpc.RPCError):
    """955581699 (NOTE): The streamed body is not the size announced"""

    code = 955581699
    error_name = 'NOTE_BADSIZE'
    error_message = 'The streamed body is not the size announced'
    table = 'NOTE'


ERRORS: Final[tuple[type[_rpc.RPCError], ...]] = (NOTE_NOENT, NOTE_EXISTS, NOTE_TOOBIG, NOTE_BADSIZE,)
"""The error classes of this module, one per code."""
_rpc.register(ERRORS)


class Client(_rpc.Client):
    """Calls the NOTES_ procedures on a server."""

    SERVICE_ID = 4242

    async def Put(self, title: str, kind: notekind, body: bytes) -> int:
        """NOTES_Put (opcode 1, notes.xg:36). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\x01')
        try:
            b += _S2.pack(cstr_encode(title, 64, 'NOTES_Put.title'), kind)
            opaque_encode(b, body, 4096, 'NOTES_Put.body')
        except struct.error as exc:
            raise encode_error(exc, 'NOTES_Put') from None
        return await self._invoke('NOTES_Put', bytes(b), _r_Put)

    async def Get(self, title: str) -> GetResult:
        """NOTES_Get (opcode 2, notes.xg:40). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\x02')
        try:
            b += _S3.pack(cstr_encode(title, 64, 'NOTES_Get.title'))
        except struct.error as exc:
            raise encode_error(exc, 'NOTES_Get') from None
        return await self._invoke('NOTES_Get', bytes(b), _r_Get)

    async def List(self, prefix: str, start: int) -> ListResult:
        """NOTES_List (opcode 3, notes.xg:43). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\x03')
        try:
            string_encode(b, prefix, 64, 'NOTES_List.prefix')
            b += _S4.pack(start)
        except struct.error as exc:
            raise encode_error(exc, 'NOTES_List') from None
        return await self._invoke('NOTES_List', bytes(b), _r_List)

    def Upload(self, title: str, kind: notekind, size: int) -> SplitCall[noteinfo]:
        """NOTES_Upload (opcode 4, notes.xg:47).

        Use with ``async with``: entering sends the arguments; stream the
        data, then ``await stream.finish()`` returns the OUT values.
        """
        b = bytearray(b'\x00\x00\x00\x04')
        try:
            b += _S5.pack(cstr_encode(title, 64, 'NOTES_Upload.title'), kind, size)
        except struct.error as exc:
            raise encode_error(exc, 'NOTES_Upload') from None
        return self._split('NOTES_Upload', bytes(b), _r_Upload)

    def Download(self, title: str) -> SplitCall[noteinfo]:
        """NOTES_Download (opcode 5, notes.xg:50).

        Use with ``async with``: entering sends the arguments; stream the
        data, then ``await stream.finish()`` returns the OUT values.
        """
        b = bytearray(b'\x00\x00\x00\x05')
        try:
            b += _S3.pack(cstr_encode(title, 64, 'NOTES_Download.title'))
        except struct.error as exc:
            raise encode_error(exc, 'NOTES_Download') from None
        return self._split('NOTES_Download', bytes(b), _r_Download)

    async def Delete(self, title: str) -> None:
        """NOTES_Delete (opcode 6, notes.xg:52). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\x06')
        try:
            b += _S3.pack(cstr_encode(title, 64, 'NOTES_Delete.title'))
        except struct.error as exc:
            raise encode_error(exc, 'NOTES_Delete') from None
        return await self._invoke('NOTES_Delete', bytes(b), _r_Delete)


class Service(_rpc.Service):
    """Serves the NOTES_ procedures: subclass and override."""

    SERVICE_ID = 4242
    PROCEDURES: ClassVar[dict[int, Procedure]] = {1: Procedure('Put', 1, False, _i_Put, _w_Put), 2: Procedure('Get', 2, False, _i_Get, _w_Get), 3: Procedure('List', 3, False, _i_List, _w_List), 4: Procedure('Upload', 4, True, _i_Upload, _w_Upload), 5: Procedure('Download', 5, True, _i_Download, _w_Download), 6: Procedure('Delete', 6, False, _i_Delete, _w_Delete)}

    async def Put(self, call: Call, title: str, kind: notekind, body: bytes) -> int:
        """NOTES_Put (opcode 1): override to implement."""
        raise NotImplementedError

    async def Get(self, call: Call, title: str) -> GetResult:
        """NOTES_Get (opcode 2): override to implement."""
        raise NotImplementedError

    async def List(self, call: Call, prefix: str, start: int) -> ListResult:
        """NOTES_List (opcode 3): override to implement."""
        raise NotImplementedError

    async def Upload(self, stream: SplitStream, title: str, kind: notekind, size: int) -> noteinfo:
        """NOTES_Upload (opcode 4): override to implement."""
        raise NotImplementedError

    async def Download(self, stream: SplitStream, title: str) -> noteinfo:
        """NOTES_Download (opcode 5): override to implement."""
        raise NotImplementedError

    async def Delete(self, call: Call, title: str) -> None:
        """NOTES_Delete (opcode 6): override to implement."""
        raise NotImplementedError


OPCODES: Final[dict[str, int]] = {'Put': 1, 'Get': 2, 'List': 3, 'Upload': 4, 'Download': 5, 'Delete': 6}
"""Every procedure's opcode, by name."""
