"""The BOZO interface, generated from bos.xg: written by trio-rxrpc rxgen.

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
import trio_rxrpc.afs.errors  # noqa: F401 -- registers its error classes

PACKAGE: Final = 'BOZO_'
STATINDEX: Final = 1
SERVICE_ID: Final = 1

BOZO_BSSIZE: Final = 256
BOZO_HASCORE: Final = 1
BOZO_ERRORSTOP: Final = 2
BOZO_BADDIRACCESS: Final = 4
BOZO_PRUNEOLD: Final = 1
BOZO_PRUNEBAK: Final = 2
BOZO_PRUNECORE: Final = 4


bstring: TypeAlias = 'int'

@attrs.frozen
class bozo_netKTime:
    """``struct bozo_netKTime`` (bos.xg:21)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('mask', 'hour', 'min', 'sec', 'day',)

    mask: int = 0
    hour: int = 0
    min: int = 0
    sec: int = 0
    day: int = 0

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_bozo_netKTime, self, 'bozo_netKTime')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> bozo_netKTime:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_bozo_netKTime, data, 'bozo_netKTime')


@attrs.frozen
class bozo_key:
    """``struct bozo_key`` (bos.xg:33)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('data',)

    data: bytes = b"\x00" * 8

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_bozo_key, self, 'bozo_key')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> bozo_key:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_bozo_key, data, 'bozo_key')


@attrs.frozen
class bozo_keyInfo:
    """``struct bozo_keyInfo`` (bos.xg:38)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('mod_sec', 'mod_usec', 'keyCheckSum', 'spare2',)

    mod_sec: int = 0
    mod_usec: int = 0
    keyCheckSum: int = 0
    spare2: int = 0

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_bozo_keyInfo, self, 'bozo_keyInfo')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> bozo_keyInfo:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_bozo_keyInfo, data, 'bozo_keyInfo')


@attrs.frozen
class bozo_status:
    """``struct bozo_status`` (bos.xg:46)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('goal', 'fileGoal', 'procStartTime', 'procStarts', 'lastAnyExit', 'lastErrorExit', 'errorCode', 'errorSignal', 'flags', 'spare',)

    goal: int = 0
    fileGoal: int = 0
    procStartTime: int = 0
    procStarts: int = 0
    lastAnyExit: int = 0
    lastErrorExit: int = 0
    errorCode: int = 0
    errorSignal: int = 0
    flags: int = 0
    spare: Sequence[int] = (0,) * 8

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_bozo_status, self, 'bozo_status')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> bozo_status:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_bozo_status, data, 'bozo_status')


_S0 = struct.Struct('>iiiii')
_S1 = struct.Struct('>32s')
_S2 = struct.Struct('>iiIi')
_S3 = struct.Struct('>iiiiiiiiiiiiiiiii')
_S4 = struct.Struct('>i')
_S5 = struct.Struct('>i32siiIi')
_S6 = struct.Struct('>i32s')
_S7 = struct.Struct('>I')
_S8 = struct.Struct('>iii')
_S9 = struct.Struct('>iiiiii')


def _b_bozo_netKTime(t: tuple[int, int, int, int, int]) -> bozo_netKTime:
    return bozo_netKTime(t[0], t[1], t[2], t[3], t[4])


def _f_bozo_netKTime(v: bozo_netKTime) -> tuple[object, ...]:
    return (v.mask, v.hour, v.min, v.sec, v.day,)


def _d_bozo_netKTime(d: bytes | memoryview, o: int) -> tuple[bozo_netKTime, int]:
    return _b_bozo_netKTime(_S0.unpack_from(d, o)), o + 20


def _e_bozo_netKTime(b: bytearray, v: bozo_netKTime) -> None:
    b += _S0.pack(*_f_bozo_netKTime(v))


def _b_bozo_key(t: tuple[bytes]) -> bozo_key:
    return bozo_key(bytes_decode(t[0]))


def _f_bozo_key(v: bozo_key) -> tuple[object, ...]:
    return (bytes_encode(v.data, 8, 'bozo_key.data'),)


def _d_bozo_key(d: bytes | memoryview, o: int) -> tuple[bozo_key, int]:
    return _b_bozo_key(_S1.unpack_from(d, o)), o + 32


def _e_bozo_key(b: bytearray, v: bozo_key) -> None:
    b += _S1.pack(*_f_bozo_key(v))


def _b_bozo_keyInfo(t: tuple[int, int, int, int]) -> bozo_keyInfo:
    return bozo_keyInfo(t[0], t[1], t[2], t[3])


def _f_bozo_keyInfo(v: bozo_keyInfo) -> tuple[object, ...]:
    return (v.mod_sec, v.mod_usec, v.keyCheckSum, v.spare2,)


def _d_bozo_keyInfo(d: bytes | memoryview, o: int) -> tuple[bozo_keyInfo, int]:
    return _b_bozo_keyInfo(_S2.unpack_from(d, o)), o + 16


def _e_bozo_keyInfo(b: bytearray, v: bozo_keyInfo) -> None:
    b += _S2.pack(*_f_bozo_keyInfo(v))


def _b_bozo_status(t: tuple[int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int]) -> bozo_status:
    return bozo_status(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9:17])


def _f_bozo_status(v: bozo_status) -> tuple[object, ...]:
    return (v.goal, v.fileGoal, v.procStartTime, v.procStarts, v.lastAnyExit, v.lastErrorExit, v.errorCode, v.errorSignal, v.flags, *fixed(v.spare, 8, 'bozo_status.spare'),)


def _d_bozo_status(d: bytes | memoryview, o: int) -> tuple[bozo_status, int]:
    return _b_bozo_status(_S3.unpack_from(d, o)), o + 68


def _e_bozo_status(b: bytearray, v: bozo_status) -> None:
    b += _S3.pack(*_f_bozo_status(v))


def _o_CreateBnode(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_CreateBnode(data: bytes) -> None:
    return decode_all(_o_CreateBnode, data, 'BOZO_CreateBnode reply')


def _i_CreateBnode(d: bytes | memoryview, o: int) -> tuple[tuple[str, str, str, str, str, str, str, str], int]:
    a_type, o = string_decode(d, o, 256, 'BOZO_CreateBnode.type')
    a_instance, o = string_decode(d, o, 256, 'BOZO_CreateBnode.instance')
    a_p1, o = string_decode(d, o, 256, 'BOZO_CreateBnode.p1')
    a_p2, o = string_decode(d, o, 256, 'BOZO_CreateBnode.p2')
    a_p3, o = string_decode(d, o, 256, 'BOZO_CreateBnode.p3')
    a_p4, o = string_decode(d, o, 256, 'BOZO_CreateBnode.p4')
    a_p5, o = string_decode(d, o, 256, 'BOZO_CreateBnode.p5')
    a_p6, o = string_decode(d, o, 256, 'BOZO_CreateBnode.p6')
    return (a_type, a_instance, a_p1, a_p2, a_p3, a_p4, a_p5, a_p6, ), o


def _w_CreateBnode(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_DeleteBnode(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_DeleteBnode(data: bytes) -> None:
    return decode_all(_o_DeleteBnode, data, 'BOZO_DeleteBnode reply')


def _i_DeleteBnode(d: bytes | memoryview, o: int) -> tuple[tuple[str], int]:
    a_instance, o = string_decode(d, o, 256, 'BOZO_DeleteBnode.instance')
    return (a_instance, ), o


def _w_DeleteBnode(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_SetStatus(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_SetStatus(data: bytes) -> None:
    return decode_all(_o_SetStatus, data, 'BOZO_SetStatus reply')


def _i_SetStatus(d: bytes | memoryview, o: int) -> tuple[tuple[str, int], int]:
    a_instance, o = string_decode(d, o, 256, 'BOZO_SetStatus.instance')
    _t1 = _S4.unpack_from(d, o)
    a_status = _t1[0]
    o += 4
    return (a_instance, a_status, ), o


def _w_SetStatus(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


class GetStatusResult(NamedTuple):
    """The OUT values of BOZO_GetStatus."""

    intStat: int
    statdescr: str


def _o_GetStatus(d: bytes | memoryview, o: int) -> tuple[GetStatusResult, int]:
    _t2 = _S4.unpack_from(d, o)
    r_intStat = _t2[0]
    o += 4
    r_statdescr, o = string_decode(d, o, 256, 'BOZO_GetStatus.statdescr')
    return GetStatusResult(r_intStat, r_statdescr), o


def _r_GetStatus(data: bytes) -> GetStatusResult:
    return decode_all(_o_GetStatus, data, 'BOZO_GetStatus reply')


def _i_GetStatus(d: bytes | memoryview, o: int) -> tuple[tuple[str], int]:
    a_instance, o = string_decode(d, o, 256, 'BOZO_GetStatus.instance')
    return (a_instance, ), o


def _w_GetStatus(r: GetStatusResult) -> bytes:
    b = bytearray()
    b += _S4.pack(r[0])
    string_encode(b, r[1], 256, 'BOZO_GetStatus.statdescr')
    return bytes(b)


def _o_EnumerateInstance(d: bytes | memoryview, o: int) -> tuple[str, int]:
    r_iname, o = string_decode(d, o, 256, 'BOZO_EnumerateInstance.iname')
    return r_iname, o


def _r_EnumerateInstance(data: bytes) -> str:
    return decode_all(_o_EnumerateInstance, data, 'BOZO_EnumerateInstance reply')


def _i_EnumerateInstance(d: bytes | memoryview, o: int) -> tuple[tuple[int], int]:
    _t3 = _S4.unpack_from(d, o)
    a_instance = _t3[0]
    o += 4
    return (a_instance, ), o


def _w_EnumerateInstance(r: str) -> bytes:
    b = bytearray()
    string_encode(b, r, 256, 'BOZO_EnumerateInstance.iname')
    return bytes(b)


class GetInstanceInfoResult(NamedTuple):
    """The OUT values of BOZO_GetInstanceInfo."""

    type: str
    status: bozo_status


def _o_GetInstanceInfo(d: bytes | memoryview, o: int) -> tuple[GetInstanceInfoResult, int]:
    r_type, o = string_decode(d, o, 256, 'BOZO_GetInstanceInfo.type')
    _t4 = _S3.unpack_from(d, o)
    r_status = _b_bozo_status(_t4)
    o += 68
    return GetInstanceInfoResult(r_type, r_status), o


def _r_GetInstanceInfo(data: bytes) -> GetInstanceInfoResult:
    return decode_all(_o_GetInstanceInfo, data, 'BOZO_GetInstanceInfo reply')


def _i_GetInstanceInfo(d: bytes | memoryview, o: int) -> tuple[tuple[str], int]:
    a_instance, o = string_decode(d, o, 256, 'BOZO_GetInstanceInfo.instance')
    return (a_instance, ), o


def _w_GetInstanceInfo(r: GetInstanceInfoResult) -> bytes:
    b = bytearray()
    string_encode(b, r[0], 256, 'BOZO_GetInstanceInfo.type')
    b += _S3.pack(*_f_bozo_status(r[1]))
    return bytes(b)


def _o_GetInstanceParm(d: bytes | memoryview, o: int) -> tuple[str, int]:
    r_parm, o = string_decode(d, o, 256, 'BOZO_GetInstanceParm.parm')
    return r_parm, o


def _r_GetInstanceParm(data: bytes) -> str:
    return decode_all(_o_GetInstanceParm, data, 'BOZO_GetInstanceParm reply')


def _i_GetInstanceParm(d: bytes | memoryview, o: int) -> tuple[tuple[str, int], int]:
    a_instance, o = string_decode(d, o, 256, 'BOZO_GetInstanceParm.instance')
    _t5 = _S4.unpack_from(d, o)
    a_num = _t5[0]
    o += 4
    return (a_instance, a_num, ), o


def _w_GetInstanceParm(r: str) -> bytes:
    b = bytearray()
    string_encode(b, r, 256, 'BOZO_GetInstanceParm.parm')
    return bytes(b)


def _o_AddSUser(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_AddSUser(data: bytes) -> None:
    return decode_all(_o_AddSUser, data, 'BOZO_AddSUser reply')


def _i_AddSUser(d: bytes | memoryview, o: int) -> tuple[tuple[str], int]:
    a_name, o = string_decode(d, o, 256, 'BOZO_AddSUser.name')
    return (a_name, ), o


def _w_AddSUser(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_DeleteSUser(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_DeleteSUser(data: bytes) -> None:
    return decode_all(_o_DeleteSUser, data, 'BOZO_DeleteSUser reply')


def _i_DeleteSUser(d: bytes | memoryview, o: int) -> tuple[tuple[str], int]:
    a_name, o = string_decode(d, o, 256, 'BOZO_DeleteSUser.name')
    return (a_name, ), o


def _w_DeleteSUser(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_ListSUsers(d: bytes | memoryview, o: int) -> tuple[str, int]:
    r_name, o = string_decode(d, o, 256, 'BOZO_ListSUsers.name')
    return r_name, o


def _r_ListSUsers(data: bytes) -> str:
    return decode_all(_o_ListSUsers, data, 'BOZO_ListSUsers reply')


def _i_ListSUsers(d: bytes | memoryview, o: int) -> tuple[tuple[int], int]:
    _t6 = _S4.unpack_from(d, o)
    a_an = _t6[0]
    o += 4
    return (a_an, ), o


def _w_ListSUsers(r: str) -> bytes:
    b = bytearray()
    string_encode(b, r, 256, 'BOZO_ListSUsers.name')
    return bytes(b)


class ListKeysResult(NamedTuple):
    """The OUT values of BOZO_ListKeys."""

    kvno: int
    key: bozo_key
    keyinfo: bozo_keyInfo


def _o_ListKeys(d: bytes | memoryview, o: int) -> tuple[ListKeysResult, int]:
    _t7 = _S5.unpack_from(d, o)
    r_kvno = _t7[0]
    r_key = _b_bozo_key(_t7[1:2])
    r_keyinfo = _b_bozo_keyInfo(_t7[2:6])
    o += 52
    return ListKeysResult(r_kvno, r_key, r_keyinfo), o


def _r_ListKeys(data: bytes) -> ListKeysResult:
    return decode_all(_o_ListKeys, data, 'BOZO_ListKeys reply')


def _i_ListKeys(d: bytes | memoryview, o: int) -> tuple[tuple[int], int]:
    _t8 = _S4.unpack_from(d, o)
    a_an = _t8[0]
    o += 4
    return (a_an, ), o


def _w_ListKeys(r: ListKeysResult) -> bytes:
    b = bytearray()
    b += _S5.pack(r[0], *_f_bozo_key(r[1]), *_f_bozo_keyInfo(r[2]))
    return bytes(b)


def _o_AddKey(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_AddKey(data: bytes) -> None:
    return decode_all(_o_AddKey, data, 'BOZO_AddKey reply')


def _i_AddKey(d: bytes | memoryview, o: int) -> tuple[tuple[int, bozo_key], int]:
    _t9 = _S6.unpack_from(d, o)
    a_an = _t9[0]
    a_key = _b_bozo_key(_t9[1:2])
    o += 36
    return (a_an, a_key, ), o


def _w_AddKey(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_DeleteKey(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_DeleteKey(data: bytes) -> None:
    return decode_all(_o_DeleteKey, data, 'BOZO_DeleteKey reply')


def _i_DeleteKey(d: bytes | memoryview, o: int) -> tuple[tuple[int], int]:
    _t10 = _S4.unpack_from(d, o)
    a_an = _t10[0]
    o += 4
    return (a_an, ), o


def _w_DeleteKey(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_SetCellName(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_SetCellName(data: bytes) -> None:
    return decode_all(_o_SetCellName, data, 'BOZO_SetCellName reply')


def _i_SetCellName(d: bytes | memoryview, o: int) -> tuple[tuple[str], int]:
    a_name, o = string_decode(d, o, 256, 'BOZO_SetCellName.name')
    return (a_name, ), o


def _w_SetCellName(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_GetCellName(d: bytes | memoryview, o: int) -> tuple[str, int]:
    r_name, o = string_decode(d, o, 256, 'BOZO_GetCellName.name')
    return r_name, o


def _r_GetCellName(data: bytes) -> str:
    return decode_all(_o_GetCellName, data, 'BOZO_GetCellName reply')


def _i_GetCellName(d: bytes | memoryview, o: int) -> tuple[tuple[()], int]:
    return (), o


def _w_GetCellName(r: str) -> bytes:
    b = bytearray()
    string_encode(b, r, 256, 'BOZO_GetCellName.name')
    return bytes(b)


def _o_GetCellHost(d: bytes | memoryview, o: int) -> tuple[str, int]:
    r_name, o = string_decode(d, o, 256, 'BOZO_GetCellHost.name')
    return r_name, o


def _r_GetCellHost(data: bytes) -> str:
    return decode_all(_o_GetCellHost, data, 'BOZO_GetCellHost reply')


def _i_GetCellHost(d: bytes | memoryview, o: int) -> tuple[tuple[int], int]:
    _t11 = _S7.unpack_from(d, o)
    a_awhich = _t11[0]
    o += 4
    return (a_awhich, ), o


def _w_GetCellHost(r: str) -> bytes:
    b = bytearray()
    string_encode(b, r, 256, 'BOZO_GetCellHost.name')
    return bytes(b)


def _o_AddCellHost(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_AddCellHost(data: bytes) -> None:
    return decode_all(_o_AddCellHost, data, 'BOZO_AddCellHost reply')


def _i_AddCellHost(d: bytes | memoryview, o: int) -> tuple[tuple[str], int]:
    a_name, o = string_decode(d, o, 256, 'BOZO_AddCellHost.name')
    return (a_name, ), o


def _w_AddCellHost(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_DeleteCellHost(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_DeleteCellHost(data: bytes) -> None:
    return decode_all(_o_DeleteCellHost, data, 'BOZO_DeleteCellHost reply')


def _i_DeleteCellHost(d: bytes | memoryview, o: int) -> tuple[tuple[str], int]:
    a_name, o = string_decode(d, o, 256, 'BOZO_DeleteCellHost.name')
    return (a_name, ), o


def _w_DeleteCellHost(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_SetTStatus(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_SetTStatus(data: bytes) -> None:
    return decode_all(_o_SetTStatus, data, 'BOZO_SetTStatus reply')


def _i_SetTStatus(d: bytes | memoryview, o: int) -> tuple[tuple[str, int], int]:
    a_instance, o = string_decode(d, o, 256, 'BOZO_SetTStatus.instance')
    _t12 = _S4.unpack_from(d, o)
    a_status = _t12[0]
    o += 4
    return (a_instance, a_status, ), o


def _w_SetTStatus(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_ShutdownAll(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_ShutdownAll(data: bytes) -> None:
    return decode_all(_o_ShutdownAll, data, 'BOZO_ShutdownAll reply')


def _i_ShutdownAll(d: bytes | memoryview, o: int) -> tuple[tuple[()], int]:
    return (), o


def _w_ShutdownAll(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_RestartAll(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_RestartAll(data: bytes) -> None:
    return decode_all(_o_RestartAll, data, 'BOZO_RestartAll reply')


def _i_RestartAll(d: bytes | memoryview, o: int) -> tuple[tuple[()], int]:
    return (), o


def _w_RestartAll(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_StartupAll(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_StartupAll(data: bytes) -> None:
    return decode_all(_o_StartupAll, data, 'BOZO_StartupAll reply')


def _i_StartupAll(d: bytes | memoryview, o: int) -> tuple[tuple[()], int]:
    return (), o


def _w_StartupAll(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_SetNoAuthFlag(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_SetNoAuthFlag(data: bytes) -> None:
    return decode_all(_o_SetNoAuthFlag, data, 'BOZO_SetNoAuthFlag reply')


def _i_SetNoAuthFlag(d: bytes | memoryview, o: int) -> tuple[tuple[int], int]:
    _t13 = _S4.unpack_from(d, o)
    a_flag = _t13[0]
    o += 4
    return (a_flag, ), o


def _w_SetNoAuthFlag(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_ReBozo(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_ReBozo(data: bytes) -> None:
    return decode_all(_o_ReBozo, data, 'BOZO_ReBozo reply')


def _i_ReBozo(d: bytes | memoryview, o: int) -> tuple[tuple[()], int]:
    return (), o


def _w_ReBozo(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_Restart(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_Restart(data: bytes) -> None:
    return decode_all(_o_Restart, data, 'BOZO_Restart reply')


def _i_Restart(d: bytes | memoryview, o: int) -> tuple[tuple[str], int]:
    a_instance, o = string_decode(d, o, 256, 'BOZO_Restart.instance')
    return (a_instance, ), o


def _w_Restart(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_Install(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_Install(data: bytes) -> None:
    return decode_all(_o_Install, data, 'BOZO_Install reply')


def _i_Install(d: bytes | memoryview, o: int) -> tuple[tuple[str, int, int, int], int]:
    a_path, o = string_decode(d, o, 256, 'BOZO_Install.path')
    _t14 = _S8.unpack_from(d, o)
    a_size = _t14[0]
    a_flags = _t14[1]
    a_date = _t14[2]
    o += 12
    return (a_path, a_size, a_flags, a_date, ), o


def _w_Install(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_UnInstall(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_UnInstall(data: bytes) -> None:
    return decode_all(_o_UnInstall, data, 'BOZO_UnInstall reply')


def _i_UnInstall(d: bytes | memoryview, o: int) -> tuple[tuple[str], int]:
    a_path, o = string_decode(d, o, 256, 'BOZO_UnInstall.path')
    return (a_path, ), o


def _w_UnInstall(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


class GetDatesResult(NamedTuple):
    """The OUT values of BOZO_GetDates."""

    newtime: int
    baktime: int
    oldtime: int


def _o_GetDates(d: bytes | memoryview, o: int) -> tuple[GetDatesResult, int]:
    _t15 = _S8.unpack_from(d, o)
    r_newtime = _t15[0]
    r_baktime = _t15[1]
    r_oldtime = _t15[2]
    o += 12
    return GetDatesResult(r_newtime, r_baktime, r_oldtime), o


def _r_GetDates(data: bytes) -> GetDatesResult:
    return decode_all(_o_GetDates, data, 'BOZO_GetDates reply')


def _i_GetDates(d: bytes | memoryview, o: int) -> tuple[tuple[str], int]:
    a_path, o = string_decode(d, o, 256, 'BOZO_GetDates.path')
    return (a_path, ), o


def _w_GetDates(r: GetDatesResult) -> bytes:
    b = bytearray()
    b += _S8.pack(r[0], r[1], r[2])
    return bytes(b)


def _o_Exec(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_Exec(data: bytes) -> None:
    return decode_all(_o_Exec, data, 'BOZO_Exec reply')


def _i_Exec(d: bytes | memoryview, o: int) -> tuple[tuple[str], int]:
    a_cmd, o = string_decode(d, o, 256, 'BOZO_Exec.cmd')
    return (a_cmd, ), o


def _w_Exec(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_Prune(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_Prune(data: bytes) -> None:
    return decode_all(_o_Prune, data, 'BOZO_Prune reply')


def _i_Prune(d: bytes | memoryview, o: int) -> tuple[tuple[int], int]:
    _t16 = _S4.unpack_from(d, o)
    a_flags = _t16[0]
    o += 4
    return (a_flags, ), o


def _w_Prune(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_SetRestartTime(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_SetRestartTime(data: bytes) -> None:
    return decode_all(_o_SetRestartTime, data, 'BOZO_SetRestartTime reply')


def _i_SetRestartTime(d: bytes | memoryview, o: int) -> tuple[tuple[int, bozo_netKTime], int]:
    _t17 = _S9.unpack_from(d, o)
    a_type = _t17[0]
    a_restartTime = _b_bozo_netKTime(_t17[1:6])
    o += 24
    return (a_type, a_restartTime, ), o


def _w_SetRestartTime(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_GetRestartTime(d: bytes | memoryview, o: int) -> tuple[bozo_netKTime, int]:
    _t18 = _S0.unpack_from(d, o)
    r_restartTime = _b_bozo_netKTime(_t18)
    o += 20
    return r_restartTime, o


def _r_GetRestartTime(data: bytes) -> bozo_netKTime:
    return decode_all(_o_GetRestartTime, data, 'BOZO_GetRestartTime reply')


def _i_GetRestartTime(d: bytes | memoryview, o: int) -> tuple[tuple[int], int]:
    _t19 = _S4.unpack_from(d, o)
    a_type = _t19[0]
    o += 4
    return (a_type, ), o


def _w_GetRestartTime(r: bozo_netKTime) -> bytes:
    b = bytearray()
    b += _S0.pack(*_f_bozo_netKTime(r))
    return bytes(b)


def _o_GetLog(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_GetLog(data: bytes) -> None:
    return decode_all(_o_GetLog, data, 'BOZO_GetLog reply')


def _i_GetLog(d: bytes | memoryview, o: int) -> tuple[tuple[str], int]:
    a_name, o = string_decode(d, o, 256, 'BOZO_GetLog.name')
    return (a_name, ), o


def _w_GetLog(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_WaitAll(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_WaitAll(data: bytes) -> None:
    return decode_all(_o_WaitAll, data, 'BOZO_WaitAll reply')


def _i_WaitAll(d: bytes | memoryview, o: int) -> tuple[tuple[()], int]:
    return (), o


def _w_WaitAll(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


class GetInstanceStringsResult(NamedTuple):
    """The OUT values of BOZO_GetInstanceStrings."""

    errorName: str
    spare1: str
    spare2: str
    spare3: str


def _o_GetInstanceStrings(d: bytes | memoryview, o: int) -> tuple[GetInstanceStringsResult, int]:
    r_errorName, o = string_decode(d, o, 256, 'BOZO_GetInstanceStrings.errorName')
    r_spare1, o = string_decode(d, o, 256, 'BOZO_GetInstanceStrings.spare1')
    r_spare2, o = string_decode(d, o, 256, 'BOZO_GetInstanceStrings.spare2')
    r_spare3, o = string_decode(d, o, 256, 'BOZO_GetInstanceStrings.spare3')
    return GetInstanceStringsResult(r_errorName, r_spare1, r_spare2, r_spare3), o


def _r_GetInstanceStrings(data: bytes) -> GetInstanceStringsResult:
    return decode_all(_o_GetInstanceStrings, data, 'BOZO_GetInstanceStrings reply')


def _i_GetInstanceStrings(d: bytes | memoryview, o: int) -> tuple[tuple[str], int]:
    a_instance, o = string_decode(d, o, 256, 'BOZO_GetInstanceStrings.instance')
    return (a_instance, ), o


def _w_GetInstanceStrings(r: GetInstanceStringsResult) -> bytes:
    b = bytearray()
    string_encode(b, r[0], 256, 'BOZO_GetInstanceStrings.errorName')
    string_encode(b, r[1], 256, 'BOZO_GetInstanceStrings.spare1')
    string_encode(b, r[2], 256, 'BOZO_GetInstanceStrings.spare2')
    string_encode(b, r[3], 256, 'BOZO_GetInstanceStrings.spare3')
    return bytes(b)


def _o_GetRestrictedMode(d: bytes | memoryview, o: int) -> tuple[int, int]:
    _t20 = _S4.unpack_from(d, o)
    r_restmode = _t20[0]
    o += 4
    return r_restmode, o


def _r_GetRestrictedMode(data: bytes) -> int:
    return decode_all(_o_GetRestrictedMode, data, 'BOZO_GetRestrictedMode reply')


def _i_GetRestrictedMode(d: bytes | memoryview, o: int) -> tuple[tuple[()], int]:
    return (), o


def _w_GetRestrictedMode(r: int) -> bytes:
    b = bytearray()
    b += _S4.pack(r)
    return bytes(b)


def _o_SetRestrictedMode(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_SetRestrictedMode(data: bytes) -> None:
    return decode_all(_o_SetRestrictedMode, data, 'BOZO_SetRestrictedMode reply')


def _i_SetRestrictedMode(d: bytes | memoryview, o: int) -> tuple[tuple[int], int]:
    _t21 = _S4.unpack_from(d, o)
    a_restmode = _t21[0]
    o += 4
    return (a_restmode, ), o


def _w_SetRestrictedMode(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


class Client(_rpc.Client):
    """Calls the BOZO_ procedures on a server."""

    SERVICE_ID = 1

    async def CreateBnode(self, type: str, instance: str, p1: str, p2: str, p3: str, p4: str, p5: str, p6: str) -> None:
        """BOZO_CreateBnode (opcode 80, bos.xg:77). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00P')
        try:
            string_encode(b, type, 256, 'BOZO_CreateBnode.type')
            string_encode(b, instance, 256, 'BOZO_CreateBnode.instance')
            string_encode(b, p1, 256, 'BOZO_CreateBnode.p1')
            string_encode(b, p2, 256, 'BOZO_CreateBnode.p2')
            string_encode(b, p3, 256, 'BOZO_CreateBnode.p3')
            string_encode(b, p4, 256, 'BOZO_CreateBnode.p4')
            string_encode(b, p5, 256, 'BOZO_CreateBnode.p5')
            string_encode(b, p6, 256, 'BOZO_CreateBnode.p6')
        except struct.error as exc:
            raise encode_error(exc, 'BOZO_CreateBnode') from None
        return await self._invoke('BOZO_CreateBnode', bytes(b), _r_CreateBnode)

    async def DeleteBnode(self, instance: str) -> None:
        """BOZO_DeleteBnode (opcode 81, bos.xg:86). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00Q')
        try:
            string_encode(b, instance, 256, 'BOZO_DeleteBnode.instance')
        except struct.error as exc:
            raise encode_error(exc, 'BOZO_DeleteBnode') from None
        return await self._invoke('BOZO_DeleteBnode', bytes(b), _r_DeleteBnode)

    async def SetStatus(self, instance: str, status: int) -> None:
        """BOZO_SetStatus (opcode 82, bos.xg:89). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00R')
        try:
            string_encode(b, instance, 256, 'BOZO_SetStatus.instance')
            b += _S4.pack(status)
        except struct.error as exc:
            raise encode_error(exc, 'BOZO_SetStatus') from None
        return await self._invoke('BOZO_SetStatus', bytes(b), _r_SetStatus)

    async def GetStatus(self, instance: str) -> GetStatusResult:
        """BOZO_GetStatus (opcode 83, bos.xg:91). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00S')
        try:
            string_encode(b, instance, 256, 'BOZO_GetStatus.instance')
        except struct.error as exc:
            raise encode_error(exc, 'BOZO_GetStatus') from None
        return await self._invoke('BOZO_GetStatus', bytes(b), _r_GetStatus)

    async def EnumerateInstance(self, instance: int) -> str:
        """BOZO_EnumerateInstance (opcode 84, bos.xg:95). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00T')
        try:
            b += _S4.pack(instance)
        except struct.error as exc:
            raise encode_error(exc, 'BOZO_EnumerateInstance') from None
        return await self._invoke('BOZO_EnumerateInstance', bytes(b), _r_EnumerateInstance)

    async def GetInstanceInfo(self, instance: str) -> GetInstanceInfoResult:
        """BOZO_GetInstanceInfo (opcode 85, bos.xg:98). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00U')
        try:
            string_encode(b, instance, 256, 'BOZO_GetInstanceInfo.instance')
        except struct.error as exc:
            raise encode_error(exc, 'BOZO_GetInstanceInfo') from None
        return await self._invoke('BOZO_GetInstanceInfo', bytes(b), _r_GetInstanceInfo)

    async def GetInstanceParm(self, instance: str, num: int) -> str:
        """BOZO_GetInstanceParm (opcode 86, bos.xg:103). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00V')
        try:
            string_encode(b, instance, 256, 'BOZO_GetInstanceParm.instance')
            b += _S4.pack(num)
        except struct.error as exc:
            raise encode_error(exc, 'BOZO_GetInstanceParm') from None
        return await self._invoke('BOZO_GetInstanceParm', bytes(b), _r_GetInstanceParm)

    async def AddSUser(self, name: str) -> None:
        """BOZO_AddSUser (opcode 87, bos.xg:107). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00W')
        try:
            string_encode(b, name, 256, 'BOZO_AddSUser.name')
        except struct.error as exc:
            raise encode_error(exc, 'BOZO_AddSUser') from None
        return await self._invoke('BOZO_AddSUser', bytes(b), _r_AddSUser)

    async def DeleteSUser(self, name: str) -> None:
        """BOZO_DeleteSUser (opcode 88, bos.xg:109). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00X')
        try:
            string_encode(b, name, 256, 'BOZO_DeleteSUser.name')
        except struct.error as exc:
            raise encode_error(exc, 'BOZO_DeleteSUser') from None
        return await self._invoke('BOZO_DeleteSUser', bytes(b), _r_DeleteSUser)

    async def ListSUsers(self, an: int) -> str:
        """BOZO_ListSUsers (opcode 89, bos.xg:111). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00Y')
        try:
            b += _S4.pack(an)
        except struct.error as exc:
            raise encode_error(exc, 'BOZO_ListSUsers') from None
        return await self._invoke('BOZO_ListSUsers', bytes(b), _r_ListSUsers)

    async def ListKeys(self, an: int) -> ListKeysResult:
        """BOZO_ListKeys (opcode 90, bos.xg:114). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00Z')
        try:
            b += _S4.pack(an)
        except struct.error as exc:
            raise encode_error(exc, 'BOZO_ListKeys') from None
        return await self._invoke('BOZO_ListKeys', bytes(b), _r_ListKeys)

    async def AddKey(self, an: int, key: bozo_key) -> None:
        """BOZO_AddKey (opcode 91, bos.xg:118). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00[')
        try:
            b += _S6.pack(an, *_f_bozo_key(key))
        except struct.error as exc:
            raise encode_error(exc, 'BOZO_AddKey') from None
        return await self._invoke('BOZO_AddKey', bytes(b), _r_AddKey)

    async def DeleteKey(self, an: int) -> None:
        """BOZO_DeleteKey (opcode 92, bos.xg:120). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\\')
        try:
            b += _S4.pack(an)
        except struct.error as exc:
            raise encode_error(exc, 'BOZO_DeleteKey') from None
        return await self._invoke('BOZO_DeleteKey', bytes(b), _r_DeleteKey)

    async def SetCellName(self, name: str) -> None:
        """BOZO_SetCellName (opcode 93, bos.xg:123). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00]')
        try:
            string_encode(b, name, 256, 'BOZO_SetCellName.name')
        except struct.error as exc:
            raise encode_error(exc, 'BOZO_SetCellName') from None
        return await self._invoke('BOZO_SetCellName', bytes(b), _r_SetCellName)

    async def GetCellName(self) -> str:
        """BOZO_GetCellName (opcode 94, bos.xg:125). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00^')
        return await self._invoke('BOZO_GetCellName', bytes(b), _r_GetCellName)

    async def GetCellHost(self, awhich: int) -> str:
        """BOZO_GetCellHost (opcode 95, bos.xg:127). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00_')
        try:
            b += _S7.pack(awhich)
        except struct.error as exc:
            raise encode_error(exc, 'BOZO_GetCellHost') from None
        return await self._invoke('BOZO_GetCellHost', bytes(b), _r_GetCellHost)

    async def AddCellHost(self, name: str) -> None:
        """BOZO_AddCellHost (opcode 96, bos.xg:129). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00`')
        try:
            string_encode(b, name, 256, 'BOZO_AddCellHost.name')
        except struct.error as exc:
            raise encode_error(exc, 'BOZO_AddCellHost') from None
        return await self._invoke('BOZO_AddCellHost', bytes(b), _r_AddCellHost)

    async def DeleteCellHost(self, name: str) -> None:
        """BOZO_DeleteCellHost (opcode 97, bos.xg:131). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00a')
        try:
            string_encode(b, name, 256, 'BOZO_DeleteCellHost.name')
        except struct.error as exc:
            raise encode_error(exc, 'BOZO_DeleteCellHost') from None
        return await self._invoke('BOZO_DeleteCellHost', bytes(b), _r_DeleteCellHost)

    async def SetTStatus(self, instance: str, status: int) -> None:
        """BOZO_SetTStatus (opcode 98, bos.xg:134). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00b')
        try:
            string_encode(b, instance, 256, 'BOZO_SetTStatus.instance')
            b += _S4.pack(status)
        except struct.error as exc:
            raise encode_error(exc, 'BOZO_SetTStatus') from None
        return await self._invoke('BOZO_SetTStatus', bytes(b), _r_SetTStatus)

    async def ShutdownAll(self) -> None:
        """BOZO_ShutdownAll (opcode 99, bos.xg:136). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00c')
        return await self._invoke('BOZO_ShutdownAll', bytes(b), _r_ShutdownAll)

    async def RestartAll(self) -> None:
        """BOZO_RestartAll (opcode 100, bos.xg:138). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00d')
        return await self._invoke('BOZO_RestartAll', bytes(b), _r_RestartAll)

    async def StartupAll(self) -> None:
        """BOZO_StartupAll (opcode 101, bos.xg:140). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00e')
        return await self._invoke('BOZO_StartupAll', bytes(b), _r_StartupAll)

    async def SetNoAuthFlag(self, flag: int) -> None:
        """BOZO_SetNoAuthFlag (opcode 102, bos.xg:142). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00f')
        try:
            b += _S4.pack(flag)
        except struct.error as exc:
            raise encode_error(exc, 'BOZO_SetNoAuthFlag') from None
        return await self._invoke('BOZO_SetNoAuthFlag', bytes(b), _r_SetNoAuthFlag)

    async def ReBozo(self) -> None:
        """BOZO_ReBozo (opcode 103, bos.xg:145). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00g')
        return await self._invoke('BOZO_ReBozo', bytes(b), _r_ReBozo)

    async def Restart(self, instance: str) -> None:
        """BOZO_Restart (opcode 104, bos.xg:147). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00h')
        try:
            string_encode(b, instance, 256, 'BOZO_Restart.instance')
        except struct.error as exc:
            raise encode_error(exc, 'BOZO_Restart') from None
        return await self._invoke('BOZO_Restart', bytes(b), _r_Restart)

    def Install(self, path: str, size: int, flags: int, date: int) -> SplitCall[None]:
        """BOZO_Install (opcode 105, bos.xg:150).

        Use with ``async with``: entering sends the arguments; stream the
        data, then ``await stream.finish()`` returns the OUT values.
        """
        b = bytearray(b'\x00\x00\x00i')
        try:
            string_encode(b, path, 256, 'BOZO_Install.path')
            b += _S8.pack(size, flags, date)
        except struct.error as exc:
            raise encode_error(exc, 'BOZO_Install') from None
        return self._split('BOZO_Install', bytes(b), _r_Install)

    async def UnInstall(self, path: str) -> None:
        """BOZO_UnInstall (opcode 106, bos.xg:154). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00j')
        try:
            string_encode(b, path, 256, 'BOZO_UnInstall.path')
        except struct.error as exc:
            raise encode_error(exc, 'BOZO_UnInstall') from None
        return await self._invoke('BOZO_UnInstall', bytes(b), _r_UnInstall)

    async def GetDates(self, path: str) -> GetDatesResult:
        """BOZO_GetDates (opcode 107, bos.xg:157). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00k')
        try:
            string_encode(b, path, 256, 'BOZO_GetDates.path')
        except struct.error as exc:
            raise encode_error(exc, 'BOZO_GetDates') from None
        return await self._invoke('BOZO_GetDates', bytes(b), _r_GetDates)

    async def Exec(self, cmd: str) -> None:
        """BOZO_Exec (opcode 108, bos.xg:160). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00l')
        try:
            string_encode(b, cmd, 256, 'BOZO_Exec.cmd')
        except struct.error as exc:
            raise encode_error(exc, 'BOZO_Exec') from None
        return await self._invoke('BOZO_Exec', bytes(b), _r_Exec)

    async def Prune(self, flags: int) -> None:
        """BOZO_Prune (opcode 109, bos.xg:162). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00m')
        try:
            b += _S4.pack(flags)
        except struct.error as exc:
            raise encode_error(exc, 'BOZO_Prune') from None
        return await self._invoke('BOZO_Prune', bytes(b), _r_Prune)

    async def SetRestartTime(self, type: int, restartTime: bozo_netKTime) -> None:
        """BOZO_SetRestartTime (opcode 110, bos.xg:165). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00n')
        try:
            b += _S9.pack(type, *_f_bozo_netKTime(restartTime))
        except struct.error as exc:
            raise encode_error(exc, 'BOZO_SetRestartTime') from None
        return await self._invoke('BOZO_SetRestartTime', bytes(b), _r_SetRestartTime)

    async def GetRestartTime(self, type: int) -> bozo_netKTime:
        """BOZO_GetRestartTime (opcode 111, bos.xg:167). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00o')
        try:
            b += _S4.pack(type)
        except struct.error as exc:
            raise encode_error(exc, 'BOZO_GetRestartTime') from None
        return await self._invoke('BOZO_GetRestartTime', bytes(b), _r_GetRestartTime)

    def GetLog(self, name: str) -> SplitCall[None]:
        """BOZO_GetLog (opcode 112, bos.xg:170).

        Use with ``async with``: entering sends the arguments; stream the
        data, then ``await stream.finish()`` returns the OUT values.
        """
        b = bytearray(b'\x00\x00\x00p')
        try:
            string_encode(b, name, 256, 'BOZO_GetLog.name')
        except struct.error as exc:
            raise encode_error(exc, 'BOZO_GetLog') from None
        return self._split('BOZO_GetLog', bytes(b), _r_GetLog)

    async def WaitAll(self) -> None:
        """BOZO_WaitAll (opcode 113, bos.xg:173). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00q')
        return await self._invoke('BOZO_WaitAll', bytes(b), _r_WaitAll)

    async def GetInstanceStrings(self, instance: str) -> GetInstanceStringsResult:
        """BOZO_GetInstanceStrings (opcode 114, bos.xg:175). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00r')
        try:
            string_encode(b, instance, 256, 'BOZO_GetInstanceStrings.instance')
        except struct.error as exc:
            raise encode_error(exc, 'BOZO_GetInstanceStrings') from None
        return await self._invoke('BOZO_GetInstanceStrings', bytes(b), _r_GetInstanceStrings)

    async def GetRestrictedMode(self) -> int:
        """BOZO_GetRestrictedMode (opcode 115, bos.xg:181). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00s')
        return await self._invoke('BOZO_GetRestrictedMode', bytes(b), _r_GetRestrictedMode)

    async def SetRestrictedMode(self, restmode: int) -> None:
        """BOZO_SetRestrictedMode (opcode 116, bos.xg:183). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00t')
        try:
            b += _S4.pack(restmode)
        except struct.error as exc:
            raise encode_error(exc, 'BOZO_SetRestrictedMode') from None
        return await self._invoke('BOZO_SetRestrictedMode', bytes(b), _r_SetRestrictedMode)


class Service(_rpc.Service):
    """Serves the BOZO_ procedures: subclass and override."""

    SERVICE_ID = 1
    PROCEDURES: ClassVar[dict[int, Procedure]] = {80: Procedure('CreateBnode', 80, False, _i_CreateBnode, _w_CreateBnode), 81: Procedure('DeleteBnode', 81, False, _i_DeleteBnode, _w_DeleteBnode), 82: Procedure('SetStatus', 82, False, _i_SetStatus, _w_SetStatus), 83: Procedure('GetStatus', 83, False, _i_GetStatus, _w_GetStatus), 84: Procedure('EnumerateInstance', 84, False, _i_EnumerateInstance, _w_EnumerateInstance), 85: Procedure('GetInstanceInfo', 85, False, _i_GetInstanceInfo, _w_GetInstanceInfo), 86: Procedure('GetInstanceParm', 86, False, _i_GetInstanceParm, _w_GetInstanceParm), 87: Procedure('AddSUser', 87, False, _i_AddSUser, _w_AddSUser), 88: Procedure('DeleteSUser', 88, False, _i_DeleteSUser, _w_DeleteSUser), 89: Procedure('ListSUsers', 89, False, _i_ListSUsers, _w_ListSUsers), 90: Procedure('ListKeys', 90, False, _i_ListKeys, _w_ListKeys), 91: Procedure('AddKey', 91, False, _i_AddKey, _w_AddKey), 92: Procedure('DeleteKey', 92, False, _i_DeleteKey, _w_DeleteKey), 93: Procedure('SetCellName', 93, False, _i_SetCellName, _w_SetCellName), 94: Procedure('GetCellName', 94, False, _i_GetCellName, _w_GetCellName), 95: Procedure('GetCellHost', 95, False, _i_GetCellHost, _w_GetCellHost), 96: Procedure('AddCellHost', 96, False, _i_AddCellHost, _w_AddCellHost), 97: Procedure('DeleteCellHost', 97, False, _i_DeleteCellHost, _w_DeleteCellHost), 98: Procedure('SetTStatus', 98, False, _i_SetTStatus, _w_SetTStatus), 99: Procedure('ShutdownAll', 99, False, _i_ShutdownAll, _w_ShutdownAll), 100: Procedure('RestartAll', 100, False, _i_RestartAll, _w_RestartAll), 101: Procedure('StartupAll', 101, False, _i_StartupAll, _w_StartupAll), 102: Procedure('SetNoAuthFlag', 102, False, _i_SetNoAuthFlag, _w_SetNoAuthFlag), 103: Procedure('ReBozo', 103, False, _i_ReBozo, _w_ReBozo), 104: Procedure('Restart', 104, False, _i_Restart, _w_Restart), 105: Procedure('Install', 105, True, _i_Install, _w_Install), 106: Procedure('UnInstall', 106, False, _i_UnInstall, _w_UnInstall), 107: Procedure('GetDates', 107, False, _i_GetDates, _w_GetDates), 108: Procedure('Exec', 108, False, _i_Exec, _w_Exec), 109: Procedure('Prune', 109, False, _i_Prune, _w_Prune), 110: Procedure('SetRestartTime', 110, False, _i_SetRestartTime, _w_SetRestartTime), 111: Procedure('GetRestartTime', 111, False, _i_GetRestartTime, _w_GetRestartTime), 112: Procedure('GetLog', 112, True, _i_GetLog, _w_GetLog), 113: Procedure('WaitAll', 113, False, _i_WaitAll, _w_WaitAll), 114: Procedure('GetInstanceStrings', 114, False, _i_GetInstanceStrings, _w_GetInstanceStrings), 115: Procedure('GetRestrictedMode', 115, False, _i_GetRestrictedMode, _w_GetRestrictedMode), 116: Procedure('SetRestrictedMode', 116, False, _i_SetRestrictedMode, _w_SetRestrictedMode)}

    async def CreateBnode(self, call: Call, type: str, instance: str, p1: str, p2: str, p3: str, p4: str, p5: str, p6: str) -> None:
        """BOZO_CreateBnode (opcode 80): override to implement."""
        raise NotImplementedError

    async def DeleteBnode(self, call: Call, instance: str) -> None:
        """BOZO_DeleteBnode (opcode 81): override to implement."""
        raise NotImplementedError

    async def SetStatus(self, call: Call, instance: str, status: int) -> None:
        """BOZO_SetStatus (opcode 82): override to implement."""
        raise NotImplementedError

    async def GetStatus(self, call: Call, instance: str) -> GetStatusResult:
        """BOZO_GetStatus (opcode 83): override to implement."""
        raise NotImplementedError

    async def EnumerateInstance(self, call: Call, instance: int) -> str:
        """BOZO_EnumerateInstance (opcode 84): override to implement."""
        raise NotImplementedError

    async def GetInstanceInfo(self, call: Call, instance: str) -> GetInstanceInfoResult:
        """BOZO_GetInstanceInfo (opcode 85): override to implement."""
        raise NotImplementedError

    async def GetInstanceParm(self, call: Call, instance: str, num: int) -> str:
        """BOZO_GetInstanceParm (opcode 86): override to implement."""
        raise NotImplementedError

    async def AddSUser(self, call: Call, name: str) -> None:
        """BOZO_AddSUser (opcode 87): override to implement."""
        raise NotImplementedError

    async def DeleteSUser(self, call: Call, name: str) -> None:
        """BOZO_DeleteSUser (opcode 88): override to implement."""
        raise NotImplementedError

    async def ListSUsers(self, call: Call, an: int) -> str:
        """BOZO_ListSUsers (opcode 89): override to implement."""
        raise NotImplementedError

    async def ListKeys(self, call: Call, an: int) -> ListKeysResult:
        """BOZO_ListKeys (opcode 90): override to implement."""
        raise NotImplementedError

    async def AddKey(self, call: Call, an: int, key: bozo_key) -> None:
        """BOZO_AddKey (opcode 91): override to implement."""
        raise NotImplementedError

    async def DeleteKey(self, call: Call, an: int) -> None:
        """BOZO_DeleteKey (opcode 92): override to implement."""
        raise NotImplementedError

    async def SetCellName(self, call: Call, name: str) -> None:
        """BOZO_SetCellName (opcode 93): override to implement."""
        raise NotImplementedError

    async def GetCellName(self, call: Call) -> str:
        """BOZO_GetCellName (opcode 94): override to implement."""
        raise NotImplementedError

    async def GetCellHost(self, call: Call, awhich: int) -> str:
        """BOZO_GetCellHost (opcode 95): override to implement."""
        raise NotImplementedError

    async def AddCellHost(self, call: Call, name: str) -> None:
        """BOZO_AddCellHost (opcode 96): override to implement."""
        raise NotImplementedError

    async def DeleteCellHost(self, call: Call, name: str) -> None:
        """BOZO_DeleteCellHost (opcode 97): override to implement."""
        raise NotImplementedError

    async def SetTStatus(self, call: Call, instance: str, status: int) -> None:
        """BOZO_SetTStatus (opcode 98): override to implement."""
        raise NotImplementedError

    async def ShutdownAll(self, call: Call) -> None:
        """BOZO_ShutdownAll (opcode 99): override to implement."""
        raise NotImplementedError

    async def RestartAll(self, call: Call) -> None:
        """BOZO_RestartAll (opcode 100): override to implement."""
        raise NotImplementedError

    async def StartupAll(self, call: Call) -> None:
        """BOZO_StartupAll (opcode 101): override to implement."""
        raise NotImplementedError

    async def SetNoAuthFlag(self, call: Call, flag: int) -> None:
        """BOZO_SetNoAuthFlag (opcode 102): override to implement."""
        raise NotImplementedError

    async def ReBozo(self, call: Call) -> None:
        """BOZO_ReBozo (opcode 103): override to implement."""
        raise NotImplementedError

    async def Restart(self, call: Call, instance: str) -> None:
        """BOZO_Restart (opcode 104): override to implement."""
        raise NotImplementedError

    async def Install(self, stream: SplitStream, path: str, size: int, flags: int, date: int) -> None:
        """BOZO_Install (opcode 105): override to implement."""
        raise NotImplementedError

    async def UnInstall(self, call: Call, path: str) -> None:
        """BOZO_UnInstall (opcode 106): override to implement."""
        raise NotImplementedError

    async def GetDates(self, call: Call, path: str) -> GetDatesResult:
        """BOZO_GetDates (opcode 107): override to implement."""
        raise NotImplementedError

    async def Exec(self, call: Call, cmd: str) -> None:
        """BOZO_Exec (opcode 108): override to implement."""
        raise NotImplementedError

    async def Prune(self, call: Call, flags: int) -> None:
        """BOZO_Prune (opcode 109): override to implement."""
        raise NotImplementedError

    async def SetRestartTime(self, call: Call, type: int, restartTime: bozo_netKTime) -> None:
        """BOZO_SetRestartTime (opcode 110): override to implement."""
        raise NotImplementedError

    async def GetRestartTime(self, call: Call, type: int) -> bozo_netKTime:
        """BOZO_GetRestartTime (opcode 111): override to implement."""
        raise NotImplementedError

    async def GetLog(self, stream: SplitStream, name: str) -> None:
        """BOZO_GetLog (opcode 112): override to implement."""
        raise NotImplementedError

    async def WaitAll(self, call: Call) -> None:
        """BOZO_WaitAll (opcode 113): override to implement."""
        raise NotImplementedError

    async def GetInstanceStrings(self, call: Call, instance: str) -> GetInstanceStringsResult:
        """BOZO_GetInstanceStrings (opcode 114): override to implement."""
        raise NotImplementedError

    async def GetRestrictedMode(self, call: Call) -> int:
        """BOZO_GetRestrictedMode (opcode 115): override to implement."""
        raise NotImplementedError

    async def SetRestrictedMode(self, call: Call, restmode: int) -> None:
        """BOZO_SetRestrictedMode (opcode 116): override to implement."""
        raise NotImplementedError


OPCODES: Final[dict[str, int]] = {'CreateBnode': 80, 'DeleteBnode': 81, 'SetStatus': 82, 'GetStatus': 83, 'EnumerateInstance': 84, 'GetInstanceInfo': 85, 'GetInstanceParm': 86, 'AddSUser': 87, 'DeleteSUser': 88, 'ListSUsers': 89, 'ListKeys': 90, 'AddKey': 91, 'DeleteKey': 92, 'SetCellName': 93, 'GetCellName': 94, 'GetCellHost': 95, 'AddCellHost': 96, 'DeleteCellHost': 97, 'SetTStatus': 98, 'ShutdownAll': 99, 'RestartAll': 100, 'StartupAll': 101, 'SetNoAuthFlag': 102, 'ReBozo': 103, 'Restart': 104, 'Install': 105, 'UnInstall': 106, 'GetDates': 107, 'Exec': 108, 'Prune': 109, 'SetRestartTime': 110, 'GetRestartTime': 111, 'GetLog': 112, 'WaitAll': 113, 'GetInstanceStrings': 114, 'GetRestrictedMode': 115, 'SetRestrictedMode': 116}
"""Every procedure's opcode, by name."""
