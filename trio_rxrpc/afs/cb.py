"""The RXAFSCB interface, generated from afscbint.xg: written by trio-rxrpc rxgen.

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
import trio_rxrpc.afs.vice_errors  # noqa: F401 -- registers its error classes

PACKAGE: Final = 'RXAFSCB_'
STATINDEX: Final = 6
SERVICE_ID: Final = 1

CB_EXCLUSIVE: Final = 1
CB_SHARED: Final = 2
CB_DROPPED: Final = 3
AFSNAMEMAX: Final = 256
AFSPATHMAX: Final = 1024
AFSOPAQUEMAX: Final = 1024
AFSCBMAX: Final = 50
AFSCB_XSTAT_VERSION: Final = 2
AFS_XSTAT_VERSION: Final = 2
AFSCB_MAX_XSTAT_LONGS: Final = 2048
AFS_MAX_XSTAT_LONGS: Final = 1024
AFSCB_XSTATSCOLL_CALL_INFO: Final = 0
AFSCB_XSTATSCOLL_PERF_INFO: Final = 1
AFSCB_XSTATSCOLL_FULL_PERF_INFO: Final = 2
AFS_XSTATSCOLL_CALL_INFO: Final = 0
AFS_XSTATSCOLL_PERF_INFO: Final = 1
AFS_XSTATSCOLL_FULL_PERF_INFO: Final = 2
AFS_XSTATSCOLL_CBSTATS: Final = 3
AFS_DISKNAMESIZE: Final = 32
CALLBACK_VERSION: Final = 1
AFS_MAX_INTERFACE_ADDR: Final = 32
AFSMAXCELLHOSTS: Final = 8
AFSCAPABILITIESMAX: Final = 196
VICED_CAPABILITY_ERRORTRANS: Final = 1
VICED_CAPABILITY_64BITFILES: Final = 2
VICED_CAPABILITY_WRITELOCKACL: Final = 4
VICED_CAPABILITY_SANEACLS: Final = 8
CLIENT_CAPABILITY_ERRORTRANS: Final = 1


@attrs.frozen
class afsUUID:
    """``struct afsUUID`` (afsuuid.xg:14)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('time_low', 'time_mid', 'time_hi_and_version', 'clock_seq_hi_and_reserved', 'clock_seq_low', 'node',)

    time_low: int = 0
    time_mid: int = 0
    time_hi_and_version: int = 0
    clock_seq_hi_and_reserved: int = 0
    clock_seq_low: int = 0
    node: bytes = b"\x00" * 6

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_afsUUID, self, 'afsUUID')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> afsUUID:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_afsUUID, data, 'afsUUID')


@attrs.frozen
class AFSFid:
    """``struct AFSFid`` (afs_common.xg:17)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('Volume', 'Vnode', 'Unique',)

    Volume: int = 0
    Vnode: int = 0
    Unique: int = 0

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_AFSFid, self, 'AFSFid')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> AFSFid:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_AFSFid, data, 'AFSFid')


@attrs.frozen
class AFSCallBack:
    """``struct AFSCallBack`` (afs_common.xg:23)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('CallBackVersion', 'ExpirationTime', 'CallBackType',)

    CallBackVersion: int = 0
    ExpirationTime: int = 0
    CallBackType: int = 0

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_AFSCallBack, self, 'AFSCallBack')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> AFSCallBack:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_AFSCallBack, data, 'AFSCallBack')


@attrs.frozen
class AFSDBLockDesc:
    """``struct AFSDBLockDesc`` (afs_common.xg:30)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('waitStates', 'exclLocked', 'readersReading', 'numWaiting', 'spare', 'pid_last_reader', 'pid_writer', 'src_indicator',)

    waitStates: int = 0
    exclLocked: int = 0
    readersReading: int = 0
    numWaiting: int = 0
    spare: int = 0
    pid_last_reader: int = 0
    pid_writer: int = 0
    src_indicator: int = 0

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_AFSDBLockDesc, self, 'AFSDBLockDesc')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> AFSDBLockDesc:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_AFSDBLockDesc, data, 'AFSDBLockDesc')


@attrs.frozen
class AFSDBCacheEntry:
    """``struct AFSDBCacheEntry`` (afs_common.xg:42)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('addr', 'cell', 'netFid', 'Length', 'DataVersion', 'lock', 'callback', 'cbExpires', 'refCount', 'opens', 'writers', 'mvstat', 'states',)

    addr: int = 0
    cell: int = 0
    netFid: AFSFid = attrs.field(factory=lambda: AFSFid())
    Length: int = 0
    DataVersion: int = 0
    lock: AFSDBLockDesc = attrs.field(factory=lambda: AFSDBLockDesc())
    callback: int = 0
    cbExpires: int = 0
    refCount: int = 0
    opens: int = 0
    writers: int = 0
    mvstat: int = 0
    states: int = 0

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_AFSDBCacheEntry, self, 'AFSDBCacheEntry')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> AFSDBCacheEntry:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_AFSDBCacheEntry, data, 'AFSDBCacheEntry')


@attrs.frozen
class AFSDBCacheEntry64:
    """``struct AFSDBCacheEntry64`` (afs_common.xg:59)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('addr', 'cell', 'netFid', 'Length', 'DataVersion', 'lock', 'callback', 'cbExpires', 'refCount', 'opens', 'writers', 'mvstat', 'states',)

    addr: int = 0
    cell: int = 0
    netFid: AFSFid = attrs.field(factory=lambda: AFSFid())
    Length: int = 0
    DataVersion: int = 0
    lock: AFSDBLockDesc = attrs.field(factory=lambda: AFSDBLockDesc())
    callback: int = 0
    cbExpires: int = 0
    refCount: int = 0
    opens: int = 0
    writers: int = 0
    mvstat: int = 0
    states: int = 0

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_AFSDBCacheEntry64, self, 'AFSDBCacheEntry64')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> AFSDBCacheEntry64:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_AFSDBCacheEntry64, data, 'AFSDBCacheEntry64')


@attrs.frozen
class AFSDBLock:
    """``struct AFSDBLock`` (afs_common.xg:76)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('name', 'lock',)

    name: str = ""
    lock: AFSDBLockDesc = attrs.field(factory=lambda: AFSDBLockDesc())

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_AFSDBLock, self, 'AFSDBLock')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> AFSDBLock:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_AFSDBLock, data, 'AFSDBLock')


@attrs.frozen
class AFSDEntry:
    """``struct AFSDEntry`` (afs_common.xg:82)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('addr', 'cell', 'netFid', 'Length', 'DataVersion', 'lock', 'callback', 'cbExpires', 'refCount', 'opens', 'writers', 'mvstat', 'states',)

    addr: int = 0
    cell: int = 0
    netFid: AFSFid = attrs.field(factory=lambda: AFSFid())
    Length: int = 0
    DataVersion: int = 0
    lock: AFSDBLockDesc = attrs.field(factory=lambda: AFSDBLockDesc())
    callback: int = 0
    cbExpires: int = 0
    refCount: int = 0
    opens: int = 0
    writers: int = 0
    mvstat: int = 0
    states: int = 0

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_AFSDEntry, self, 'AFSDEntry')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> AFSDEntry:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_AFSDEntry, data, 'AFSDEntry')


AFSOpaque: TypeAlias = 'bytes'

AFSCBFids: TypeAlias = 'Sequence[AFSFid]'

AFSCBs: TypeAlias = 'Sequence[AFSCallBack]'

AFSCB_CollData: TypeAlias = 'Sequence[int]'

AFS_CollData: TypeAlias = 'Sequence[int]'

VolumeId: TypeAlias = 'int'

VolId: TypeAlias = 'int'

VnodeId: TypeAlias = 'int'

Unique: TypeAlias = 'int'

UserId: TypeAlias = 'int'

FileVersion: TypeAlias = 'int'

ErrorCode: TypeAlias = 'int'

Rights: TypeAlias = 'int'

DiskName: TypeAlias = 'bytes'

@attrs.frozen
class interfaceAddr:
    """``struct interfaceAddr`` (afs_common.xg:148)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('numberOfInterfaces', 'uuid', 'addr_in', 'subnetmask', 'mtu',)

    numberOfInterfaces: int = 0
    uuid: afsUUID = attrs.field(factory=lambda: afsUUID())
    addr_in: Sequence[int] = (0,) * 32
    subnetmask: Sequence[int] = (0,) * 32
    mtu: Sequence[int] = (0,) * 32

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_interfaceAddr, self, 'interfaceAddr')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> interfaceAddr:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_interfaceAddr, data, 'interfaceAddr')


serverList: TypeAlias = 'Sequence[int]'

cacheConfig: TypeAlias = 'Sequence[int]'

Capabilities: TypeAlias = 'Sequence[int]'

_S0 = struct.Struct('>IIIii24s')
_S1 = struct.Struct('>III')
_S2 = struct.Struct('>iiiiiiii')
_S3 = struct.Struct('>iiIIIiiiiiiiiiiiiiiiii')
_S4 = struct.Struct('>iiIIIqiiiiiiiiiiiiiiii')
_S5 = struct.Struct('>64siiiiiiii')
_S6 = struct.Struct('>iIIIii24siiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii')
_S7 = struct.Struct('>i')
_S8 = struct.Struct('>ii')
_S9 = struct.Struct('>II')
_S10 = struct.Struct('>I')


def _b_afsUUID(t: tuple[int, int, int, int, int, bytes]) -> afsUUID:
    return afsUUID(t[0], t[1], t[2], t[3], t[4], bytes_decode(t[5]))


def _f_afsUUID(v: afsUUID) -> tuple[object, ...]:
    return (v.time_low, v.time_mid, v.time_hi_and_version, v.clock_seq_hi_and_reserved, v.clock_seq_low, bytes_encode(v.node, 6, 'afsUUID.node'),)


def _d_afsUUID(d: bytes | memoryview, o: int) -> tuple[afsUUID, int]:
    return _b_afsUUID(_S0.unpack_from(d, o)), o + 44


def _e_afsUUID(b: bytearray, v: afsUUID) -> None:
    b += _S0.pack(*_f_afsUUID(v))


def _b_AFSFid(t: tuple[int, int, int]) -> AFSFid:
    return AFSFid(t[0], t[1], t[2])


def _f_AFSFid(v: AFSFid) -> tuple[object, ...]:
    return (v.Volume, v.Vnode, v.Unique,)


def _d_AFSFid(d: bytes | memoryview, o: int) -> tuple[AFSFid, int]:
    return _b_AFSFid(_S1.unpack_from(d, o)), o + 12


def _e_AFSFid(b: bytearray, v: AFSFid) -> None:
    b += _S1.pack(*_f_AFSFid(v))


def _b_AFSCallBack(t: tuple[int, int, int]) -> AFSCallBack:
    return AFSCallBack(t[0], t[1], t[2])


def _f_AFSCallBack(v: AFSCallBack) -> tuple[object, ...]:
    return (v.CallBackVersion, v.ExpirationTime, v.CallBackType,)


def _d_AFSCallBack(d: bytes | memoryview, o: int) -> tuple[AFSCallBack, int]:
    return _b_AFSCallBack(_S1.unpack_from(d, o)), o + 12


def _e_AFSCallBack(b: bytearray, v: AFSCallBack) -> None:
    b += _S1.pack(*_f_AFSCallBack(v))


def _b_AFSDBLockDesc(t: tuple[int, int, int, int, int, int, int, int]) -> AFSDBLockDesc:
    return AFSDBLockDesc(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7])


def _f_AFSDBLockDesc(v: AFSDBLockDesc) -> tuple[object, ...]:
    return (v.waitStates, v.exclLocked, v.readersReading, v.numWaiting, v.spare, v.pid_last_reader, v.pid_writer, v.src_indicator,)


def _d_AFSDBLockDesc(d: bytes | memoryview, o: int) -> tuple[AFSDBLockDesc, int]:
    return _b_AFSDBLockDesc(_S2.unpack_from(d, o)), o + 32


def _e_AFSDBLockDesc(b: bytearray, v: AFSDBLockDesc) -> None:
    b += _S2.pack(*_f_AFSDBLockDesc(v))


def _b_AFSDBCacheEntry(t: tuple[int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int]) -> AFSDBCacheEntry:
    return AFSDBCacheEntry(t[0], t[1], _b_AFSFid(t[2:5]), t[5], t[6], _b_AFSDBLockDesc(t[7:15]), t[15], t[16], t[17], t[18], t[19], t[20], t[21])


def _f_AFSDBCacheEntry(v: AFSDBCacheEntry) -> tuple[object, ...]:
    return (v.addr, v.cell, *_f_AFSFid(v.netFid), v.Length, v.DataVersion, *_f_AFSDBLockDesc(v.lock), v.callback, v.cbExpires, v.refCount, v.opens, v.writers, v.mvstat, v.states,)


def _d_AFSDBCacheEntry(d: bytes | memoryview, o: int) -> tuple[AFSDBCacheEntry, int]:
    return _b_AFSDBCacheEntry(_S3.unpack_from(d, o)), o + 88


def _e_AFSDBCacheEntry(b: bytearray, v: AFSDBCacheEntry) -> None:
    b += _S3.pack(*_f_AFSDBCacheEntry(v))


def _b_AFSDBCacheEntry64(t: tuple[int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int]) -> AFSDBCacheEntry64:
    return AFSDBCacheEntry64(t[0], t[1], _b_AFSFid(t[2:5]), t[5], t[6], _b_AFSDBLockDesc(t[7:15]), t[15], t[16], t[17], t[18], t[19], t[20], t[21])


def _f_AFSDBCacheEntry64(v: AFSDBCacheEntry64) -> tuple[object, ...]:
    return (v.addr, v.cell, *_f_AFSFid(v.netFid), v.Length, v.DataVersion, *_f_AFSDBLockDesc(v.lock), v.callback, v.cbExpires, v.refCount, v.opens, v.writers, v.mvstat, v.states,)


def _d_AFSDBCacheEntry64(d: bytes | memoryview, o: int) -> tuple[AFSDBCacheEntry64, int]:
    return _b_AFSDBCacheEntry64(_S4.unpack_from(d, o)), o + 92


def _e_AFSDBCacheEntry64(b: bytearray, v: AFSDBCacheEntry64) -> None:
    b += _S4.pack(*_f_AFSDBCacheEntry64(v))


def _b_AFSDBLock(t: tuple[bytes, int, int, int, int, int, int, int, int]) -> AFSDBLock:
    return AFSDBLock(cstr_decode(t[0]), _b_AFSDBLockDesc(t[1:9]))


def _f_AFSDBLock(v: AFSDBLock) -> tuple[object, ...]:
    return (cstr_encode(v.name, 16, 'AFSDBLock.name'), *_f_AFSDBLockDesc(v.lock),)


def _d_AFSDBLock(d: bytes | memoryview, o: int) -> tuple[AFSDBLock, int]:
    return _b_AFSDBLock(_S5.unpack_from(d, o)), o + 96


def _e_AFSDBLock(b: bytearray, v: AFSDBLock) -> None:
    b += _S5.pack(*_f_AFSDBLock(v))


def _b_AFSDEntry(t: tuple[int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int]) -> AFSDEntry:
    return AFSDEntry(t[0], t[1], _b_AFSFid(t[2:5]), t[5], t[6], _b_AFSDBLockDesc(t[7:15]), t[15], t[16], t[17], t[18], t[19], t[20], t[21])


def _f_AFSDEntry(v: AFSDEntry) -> tuple[object, ...]:
    return (v.addr, v.cell, *_f_AFSFid(v.netFid), v.Length, v.DataVersion, *_f_AFSDBLockDesc(v.lock), v.callback, v.cbExpires, v.refCount, v.opens, v.writers, v.mvstat, v.states,)


def _d_AFSDEntry(d: bytes | memoryview, o: int) -> tuple[AFSDEntry, int]:
    return _b_AFSDEntry(_S3.unpack_from(d, o)), o + 88


def _e_AFSDEntry(b: bytearray, v: AFSDEntry) -> None:
    b += _S3.pack(*_f_AFSDEntry(v))


def _b_interfaceAddr(t: tuple[int, int, int, int, int, int, bytes, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int]) -> interfaceAddr:
    return interfaceAddr(t[0], _b_afsUUID(t[1:7]), t[7:39], t[39:71], t[71:103])


def _f_interfaceAddr(v: interfaceAddr) -> tuple[object, ...]:
    return (v.numberOfInterfaces, *_f_afsUUID(v.uuid), *fixed(v.addr_in, 32, 'interfaceAddr.addr_in'), *fixed(v.subnetmask, 32, 'interfaceAddr.subnetmask'), *fixed(v.mtu, 32, 'interfaceAddr.mtu'),)


def _d_interfaceAddr(d: bytes | memoryview, o: int) -> tuple[interfaceAddr, int]:
    return _b_interfaceAddr(_S6.unpack_from(d, o)), o + 432


def _e_interfaceAddr(b: bytearray, v: interfaceAddr) -> None:
    b += _S6.pack(*_f_interfaceAddr(v))


def _o_CallBack(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_CallBack(data: bytes) -> None:
    return decode_all(_o_CallBack, data, 'RXAFSCB_CallBack reply')


def _i_CallBack(d: bytes | memoryview, o: int) -> tuple[tuple[Sequence[AFSFid], Sequence[AFSCallBack]], int]:
    _n1, o = count_decode(d, o, 50, 'RXAFSCB_CallBack.Fids_Array')
    need(d, o, _n1 * 12, 'RXAFSCB_CallBack.Fids_Array')
    a_Fids_Array = tuple([_b_AFSFid(_t2) for _t2 in _S1.iter_unpack(d[o:o + _n1 * 12])])
    o += _n1 * 12
    _n3, o = count_decode(d, o, 50, 'RXAFSCB_CallBack.CallBacks_Array')
    need(d, o, _n3 * 12, 'RXAFSCB_CallBack.CallBacks_Array')
    a_CallBacks_Array = tuple([_b_AFSCallBack(_t4) for _t4 in _S1.iter_unpack(d[o:o + _n3 * 12])])
    o += _n3 * 12
    return (a_Fids_Array, a_CallBacks_Array, ), o


def _w_CallBack(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_InitCallBackState(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_InitCallBackState(data: bytes) -> None:
    return decode_all(_o_InitCallBackState, data, 'RXAFSCB_InitCallBackState reply')


def _i_InitCallBackState(d: bytes | memoryview, o: int) -> tuple[tuple[()], int]:
    return (), o


def _w_InitCallBackState(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_Probe(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_Probe(data: bytes) -> None:
    return decode_all(_o_Probe, data, 'RXAFSCB_Probe reply')


def _i_Probe(d: bytes | memoryview, o: int) -> tuple[tuple[()], int]:
    return (), o


def _w_Probe(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_GetLock(d: bytes | memoryview, o: int) -> tuple[AFSDBLock, int]:
    _t5 = _S5.unpack_from(d, o)
    r_lock = _b_AFSDBLock(_t5)
    o += 96
    return r_lock, o


def _r_GetLock(data: bytes) -> AFSDBLock:
    return decode_all(_o_GetLock, data, 'RXAFSCB_GetLock reply')


def _i_GetLock(d: bytes | memoryview, o: int) -> tuple[tuple[int], int]:
    _t6 = _S7.unpack_from(d, o)
    a_index = _t6[0]
    o += 4
    return (a_index, ), o


def _w_GetLock(r: AFSDBLock) -> bytes:
    b = bytearray()
    b += _S5.pack(*_f_AFSDBLock(r))
    return bytes(b)


def _o_GetCE(d: bytes | memoryview, o: int) -> tuple[AFSDBCacheEntry, int]:
    _t7 = _S3.unpack_from(d, o)
    r_ce = _b_AFSDBCacheEntry(_t7)
    o += 88
    return r_ce, o


def _r_GetCE(data: bytes) -> AFSDBCacheEntry:
    return decode_all(_o_GetCE, data, 'RXAFSCB_GetCE reply')


def _i_GetCE(d: bytes | memoryview, o: int) -> tuple[tuple[int], int]:
    _t8 = _S7.unpack_from(d, o)
    a_index = _t8[0]
    o += 4
    return (a_index, ), o


def _w_GetCE(r: AFSDBCacheEntry) -> bytes:
    b = bytearray()
    b += _S3.pack(*_f_AFSDBCacheEntry(r))
    return bytes(b)


def _o_XStatsVersion(d: bytes | memoryview, o: int) -> tuple[int, int]:
    _t9 = _S7.unpack_from(d, o)
    r_versionNumberP = _t9[0]
    o += 4
    return r_versionNumberP, o


def _r_XStatsVersion(data: bytes) -> int:
    return decode_all(_o_XStatsVersion, data, 'RXAFSCB_XStatsVersion reply')


def _i_XStatsVersion(d: bytes | memoryview, o: int) -> tuple[tuple[()], int]:
    return (), o


def _w_XStatsVersion(r: int) -> bytes:
    b = bytearray()
    b += _S7.pack(r)
    return bytes(b)


class GetXStatsResult(NamedTuple):
    """The OUT values of RXAFSCB_GetXStats."""

    srvVersionNumberP: int
    timeP: int
    dataP: Sequence[int]


def _o_GetXStats(d: bytes | memoryview, o: int) -> tuple[GetXStatsResult, int]:
    _t10 = _S8.unpack_from(d, o)
    r_srvVersionNumberP = _t10[0]
    r_timeP = _t10[1]
    o += 8
    _n11, o = count_decode(d, o, 2048, 'RXAFSCB_GetXStats.dataP')
    need(d, o, _n11 * 4, 'RXAFSCB_GetXStats.dataP')
    r_dataP = words('i', _n11).unpack_from(d, o)
    o += _n11 * 4
    return GetXStatsResult(r_srvVersionNumberP, r_timeP, r_dataP), o


def _r_GetXStats(data: bytes) -> GetXStatsResult:
    return decode_all(_o_GetXStats, data, 'RXAFSCB_GetXStats reply')


def _i_GetXStats(d: bytes | memoryview, o: int) -> tuple[tuple[int, int], int]:
    _t12 = _S8.unpack_from(d, o)
    a_clientVersionNumber = _t12[0]
    a_collectionNumber = _t12[1]
    o += 8
    return (a_clientVersionNumber, a_collectionNumber, ), o


def _w_GetXStats(r: GetXStatsResult) -> bytes:
    b = bytearray()
    b += _S8.pack(r[0], r[1])
    _n13 = counted(r[2], 2048, 'RXAFSCB_GetXStats.dataP')
    b += U32.pack(_n13)
    b += words('i', _n13).pack(*r[2])
    return bytes(b)


def _o_InitCallBackState2(d: bytes | memoryview, o: int) -> tuple[interfaceAddr, int]:
    _t14 = _S6.unpack_from(d, o)
    r_addr = _b_interfaceAddr(_t14)
    o += 432
    return r_addr, o


def _r_InitCallBackState2(data: bytes) -> interfaceAddr:
    return decode_all(_o_InitCallBackState2, data, 'RXAFSCB_InitCallBackState2 reply')


def _i_InitCallBackState2(d: bytes | memoryview, o: int) -> tuple[tuple[()], int]:
    return (), o


def _w_InitCallBackState2(r: interfaceAddr) -> bytes:
    b = bytearray()
    b += _S6.pack(*_f_interfaceAddr(r))
    return bytes(b)


def _o_WhoAreYou(d: bytes | memoryview, o: int) -> tuple[interfaceAddr, int]:
    _t15 = _S6.unpack_from(d, o)
    r_addr = _b_interfaceAddr(_t15)
    o += 432
    return r_addr, o


def _r_WhoAreYou(data: bytes) -> interfaceAddr:
    return decode_all(_o_WhoAreYou, data, 'RXAFSCB_WhoAreYou reply')


def _i_WhoAreYou(d: bytes | memoryview, o: int) -> tuple[tuple[()], int]:
    return (), o


def _w_WhoAreYou(r: interfaceAddr) -> bytes:
    b = bytearray()
    b += _S6.pack(*_f_interfaceAddr(r))
    return bytes(b)


def _o_InitCallBackState3(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_InitCallBackState3(data: bytes) -> None:
    return decode_all(_o_InitCallBackState3, data, 'RXAFSCB_InitCallBackState3 reply')


def _i_InitCallBackState3(d: bytes | memoryview, o: int) -> tuple[tuple[afsUUID], int]:
    _t16 = _S0.unpack_from(d, o)
    a_serverUuid = _b_afsUUID(_t16)
    o += 44
    return (a_serverUuid, ), o


def _w_InitCallBackState3(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_ProbeUuid(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_ProbeUuid(data: bytes) -> None:
    return decode_all(_o_ProbeUuid, data, 'RXAFSCB_ProbeUuid reply')


def _i_ProbeUuid(d: bytes | memoryview, o: int) -> tuple[tuple[afsUUID], int]:
    _t17 = _S0.unpack_from(d, o)
    a_clientUuid = _b_afsUUID(_t17)
    o += 44
    return (a_clientUuid, ), o


def _w_ProbeUuid(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


class GetServerPrefsResult(NamedTuple):
    """The OUT values of RXAFSCB_GetServerPrefs."""

    srvrAddr: int
    srvrRank: int


def _o_GetServerPrefs(d: bytes | memoryview, o: int) -> tuple[GetServerPrefsResult, int]:
    _t18 = _S8.unpack_from(d, o)
    r_srvrAddr = _t18[0]
    r_srvrRank = _t18[1]
    o += 8
    return GetServerPrefsResult(r_srvrAddr, r_srvrRank), o


def _r_GetServerPrefs(data: bytes) -> GetServerPrefsResult:
    return decode_all(_o_GetServerPrefs, data, 'RXAFSCB_GetServerPrefs reply')


def _i_GetServerPrefs(d: bytes | memoryview, o: int) -> tuple[tuple[int], int]:
    _t19 = _S7.unpack_from(d, o)
    a_serverIndex = _t19[0]
    o += 4
    return (a_serverIndex, ), o


def _w_GetServerPrefs(r: GetServerPrefsResult) -> bytes:
    b = bytearray()
    b += _S8.pack(r[0], r[1])
    return bytes(b)


class GetCellServDBResult(NamedTuple):
    """The OUT values of RXAFSCB_GetCellServDB."""

    cellName: str
    cellHosts: Sequence[int]


def _o_GetCellServDB(d: bytes | memoryview, o: int) -> tuple[GetCellServDBResult, int]:
    r_cellName, o = string_decode(d, o, 256, 'RXAFSCB_GetCellServDB.cellName')
    _n20, o = count_decode(d, o, 8, 'RXAFSCB_GetCellServDB.cellHosts')
    need(d, o, _n20 * 4, 'RXAFSCB_GetCellServDB.cellHosts')
    r_cellHosts = words('i', _n20).unpack_from(d, o)
    o += _n20 * 4
    return GetCellServDBResult(r_cellName, r_cellHosts), o


def _r_GetCellServDB(data: bytes) -> GetCellServDBResult:
    return decode_all(_o_GetCellServDB, data, 'RXAFSCB_GetCellServDB reply')


def _i_GetCellServDB(d: bytes | memoryview, o: int) -> tuple[tuple[int], int]:
    _t21 = _S7.unpack_from(d, o)
    a_cellIndex = _t21[0]
    o += 4
    return (a_cellIndex, ), o


def _w_GetCellServDB(r: GetCellServDBResult) -> bytes:
    b = bytearray()
    string_encode(b, r[0], 256, 'RXAFSCB_GetCellServDB.cellName')
    _n22 = counted(r[1], 8, 'RXAFSCB_GetCellServDB.cellHosts')
    b += U32.pack(_n22)
    b += words('i', _n22).pack(*r[1])
    return bytes(b)


def _o_GetLocalCell(d: bytes | memoryview, o: int) -> tuple[str, int]:
    r_cellName, o = string_decode(d, o, 256, 'RXAFSCB_GetLocalCell.cellName')
    return r_cellName, o


def _r_GetLocalCell(data: bytes) -> str:
    return decode_all(_o_GetLocalCell, data, 'RXAFSCB_GetLocalCell reply')


def _i_GetLocalCell(d: bytes | memoryview, o: int) -> tuple[tuple[()], int]:
    return (), o


def _w_GetLocalCell(r: str) -> bytes:
    b = bytearray()
    string_encode(b, r, 256, 'RXAFSCB_GetLocalCell.cellName')
    return bytes(b)


class GetCacheConfigResult(NamedTuple):
    """The OUT values of RXAFSCB_GetCacheConfig."""

    serverVersion: int
    configCount: int
    config: Sequence[int]


def _o_GetCacheConfig(d: bytes | memoryview, o: int) -> tuple[GetCacheConfigResult, int]:
    _t23 = _S9.unpack_from(d, o)
    r_serverVersion = _t23[0]
    r_configCount = _t23[1]
    o += 8
    _n24, o = count_decode(d, o, None, 'RXAFSCB_GetCacheConfig.config')
    need(d, o, _n24 * 4, 'RXAFSCB_GetCacheConfig.config')
    r_config = words('I', _n24).unpack_from(d, o)
    o += _n24 * 4
    return GetCacheConfigResult(r_serverVersion, r_configCount, r_config), o


def _r_GetCacheConfig(data: bytes) -> GetCacheConfigResult:
    return decode_all(_o_GetCacheConfig, data, 'RXAFSCB_GetCacheConfig reply')


def _i_GetCacheConfig(d: bytes | memoryview, o: int) -> tuple[tuple[int], int]:
    _t25 = _S10.unpack_from(d, o)
    a_callerVersion = _t25[0]
    o += 4
    return (a_callerVersion, ), o


def _w_GetCacheConfig(r: GetCacheConfigResult) -> bytes:
    b = bytearray()
    b += _S9.pack(r[0], r[1])
    _n26 = counted(r[2], None, 'RXAFSCB_GetCacheConfig.config')
    b += U32.pack(_n26)
    b += words('I', _n26).pack(*r[2])
    return bytes(b)


def _o_GetCE64(d: bytes | memoryview, o: int) -> tuple[AFSDBCacheEntry64, int]:
    _t27 = _S4.unpack_from(d, o)
    r_ce = _b_AFSDBCacheEntry64(_t27)
    o += 92
    return r_ce, o


def _r_GetCE64(data: bytes) -> AFSDBCacheEntry64:
    return decode_all(_o_GetCE64, data, 'RXAFSCB_GetCE64 reply')


def _i_GetCE64(d: bytes | memoryview, o: int) -> tuple[tuple[int], int]:
    _t28 = _S7.unpack_from(d, o)
    a_index = _t28[0]
    o += 4
    return (a_index, ), o


def _w_GetCE64(r: AFSDBCacheEntry64) -> bytes:
    b = bytearray()
    b += _S4.pack(*_f_AFSDBCacheEntry64(r))
    return bytes(b)


class GetCellByNumResult(NamedTuple):
    """The OUT values of RXAFSCB_GetCellByNum."""

    cellName: str
    cellHosts: Sequence[int]


def _o_GetCellByNum(d: bytes | memoryview, o: int) -> tuple[GetCellByNumResult, int]:
    r_cellName, o = string_decode(d, o, 256, 'RXAFSCB_GetCellByNum.cellName')
    _n29, o = count_decode(d, o, 8, 'RXAFSCB_GetCellByNum.cellHosts')
    need(d, o, _n29 * 4, 'RXAFSCB_GetCellByNum.cellHosts')
    r_cellHosts = words('i', _n29).unpack_from(d, o)
    o += _n29 * 4
    return GetCellByNumResult(r_cellName, r_cellHosts), o


def _r_GetCellByNum(data: bytes) -> GetCellByNumResult:
    return decode_all(_o_GetCellByNum, data, 'RXAFSCB_GetCellByNum reply')


def _i_GetCellByNum(d: bytes | memoryview, o: int) -> tuple[tuple[int], int]:
    _t30 = _S7.unpack_from(d, o)
    a_cellNumber = _t30[0]
    o += 4
    return (a_cellNumber, ), o


def _w_GetCellByNum(r: GetCellByNumResult) -> bytes:
    b = bytearray()
    string_encode(b, r[0], 256, 'RXAFSCB_GetCellByNum.cellName')
    _n31 = counted(r[1], 8, 'RXAFSCB_GetCellByNum.cellHosts')
    b += U32.pack(_n31)
    b += words('i', _n31).pack(*r[1])
    return bytes(b)


class TellMeAboutYourselfResult(NamedTuple):
    """The OUT values of RXAFSCB_TellMeAboutYourself."""

    addr: interfaceAddr
    capabilities: Sequence[int]


def _o_TellMeAboutYourself(d: bytes | memoryview, o: int) -> tuple[TellMeAboutYourselfResult, int]:
    _t32 = _S6.unpack_from(d, o)
    r_addr = _b_interfaceAddr(_t32)
    o += 432
    _n33, o = count_decode(d, o, 196, 'RXAFSCB_TellMeAboutYourself.capabilities')
    need(d, o, _n33 * 4, 'RXAFSCB_TellMeAboutYourself.capabilities')
    r_capabilities = words('I', _n33).unpack_from(d, o)
    o += _n33 * 4
    return TellMeAboutYourselfResult(r_addr, r_capabilities), o


def _r_TellMeAboutYourself(data: bytes) -> TellMeAboutYourselfResult:
    return decode_all(_o_TellMeAboutYourself, data, 'RXAFSCB_TellMeAboutYourself reply')


def _i_TellMeAboutYourself(d: bytes | memoryview, o: int) -> tuple[tuple[()], int]:
    return (), o


def _w_TellMeAboutYourself(r: TellMeAboutYourselfResult) -> bytes:
    b = bytearray()
    b += _S6.pack(*_f_interfaceAddr(r[0]))
    _n34 = counted(r[1], 196, 'RXAFSCB_TellMeAboutYourself.capabilities')
    b += U32.pack(_n34)
    b += words('I', _n34).pack(*r[1])
    return bytes(b)


class Client(_rpc.Client):
    """Calls the RXAFSCB_ procedures on a server."""

    SERVICE_ID = 1

    async def CallBack(self, Fids_Array: Sequence[AFSFid], CallBacks_Array: Sequence[AFSCallBack]) -> None:
        """RXAFSCB_CallBack (opcode 204, afscbint.xg:22). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\xcc')
        try:
            _n35 = counted(Fids_Array, 50, 'RXAFSCB_CallBack.Fids_Array')
            b += U32.pack(_n35)
            for _x36 in Fids_Array:
                b += _S1.pack(*_f_AFSFid(_x36))
            _n37 = counted(CallBacks_Array, 50, 'RXAFSCB_CallBack.CallBacks_Array')
            b += U32.pack(_n37)
            for _x38 in CallBacks_Array:
                b += _S1.pack(*_f_AFSCallBack(_x38))
        except struct.error as exc:
            raise encode_error(exc, 'RXAFSCB_CallBack') from None
        return await self._invoke('RXAFSCB_CallBack', bytes(b), _r_CallBack)

    async def InitCallBackState(self) -> None:
        """RXAFSCB_InitCallBackState (opcode 205, afscbint.xg:25). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\xcd')
        return await self._invoke('RXAFSCB_InitCallBackState', bytes(b), _r_InitCallBackState)

    async def Probe(self) -> None:
        """RXAFSCB_Probe (opcode 206, afscbint.xg:28). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\xce')
        return await self._invoke('RXAFSCB_Probe', bytes(b), _r_Probe)

    async def GetLock(self, index: int) -> AFSDBLock:
        """RXAFSCB_GetLock (opcode 207, afscbint.xg:30). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\xcf')
        try:
            b += _S7.pack(index)
        except struct.error as exc:
            raise encode_error(exc, 'RXAFSCB_GetLock') from None
        return await self._invoke('RXAFSCB_GetLock', bytes(b), _r_GetLock)

    async def GetCE(self, index: int) -> AFSDBCacheEntry:
        """RXAFSCB_GetCE (opcode 208, afscbint.xg:32). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\xd0')
        try:
            b += _S7.pack(index)
        except struct.error as exc:
            raise encode_error(exc, 'RXAFSCB_GetCE') from None
        return await self._invoke('RXAFSCB_GetCE', bytes(b), _r_GetCE)

    async def XStatsVersion(self) -> int:
        """RXAFSCB_XStatsVersion (opcode 209, afscbint.xg:34). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\xd1')
        return await self._invoke('RXAFSCB_XStatsVersion', bytes(b), _r_XStatsVersion)

    async def GetXStats(self, clientVersionNumber: int, collectionNumber: int) -> GetXStatsResult:
        """RXAFSCB_GetXStats (opcode 210, afscbint.xg:36). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\xd2')
        try:
            b += _S8.pack(clientVersionNumber, collectionNumber)
        except struct.error as exc:
            raise encode_error(exc, 'RXAFSCB_GetXStats') from None
        return await self._invoke('RXAFSCB_GetXStats', bytes(b), _r_GetXStats)

    async def InitCallBackState2(self) -> interfaceAddr:
        """RXAFSCB_InitCallBackState2 (opcode 211, afscbint.xg:41). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\xd3')
        return await self._invoke('RXAFSCB_InitCallBackState2', bytes(b), _r_InitCallBackState2)

    async def WhoAreYou(self) -> interfaceAddr:
        """RXAFSCB_WhoAreYou (opcode 212, afscbint.xg:43). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\xd4')
        return await self._invoke('RXAFSCB_WhoAreYou', bytes(b), _r_WhoAreYou)

    async def InitCallBackState3(self, serverUuid: afsUUID) -> None:
        """RXAFSCB_InitCallBackState3 (opcode 213, afscbint.xg:46). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\xd5')
        try:
            b += _S0.pack(*_f_afsUUID(serverUuid))
        except struct.error as exc:
            raise encode_error(exc, 'RXAFSCB_InitCallBackState3') from None
        return await self._invoke('RXAFSCB_InitCallBackState3', bytes(b), _r_InitCallBackState3)

    async def ProbeUuid(self, clientUuid: afsUUID) -> None:
        """RXAFSCB_ProbeUuid (opcode 214, afscbint.xg:49). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\xd6')
        try:
            b += _S0.pack(*_f_afsUUID(clientUuid))
        except struct.error as exc:
            raise encode_error(exc, 'RXAFSCB_ProbeUuid') from None
        return await self._invoke('RXAFSCB_ProbeUuid', bytes(b), _r_ProbeUuid)

    async def GetServerPrefs(self, serverIndex: int) -> GetServerPrefsResult:
        """RXAFSCB_GetServerPrefs (opcode 215, afscbint.xg:51). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\xd7')
        try:
            b += _S7.pack(serverIndex)
        except struct.error as exc:
            raise encode_error(exc, 'RXAFSCB_GetServerPrefs') from None
        return await self._invoke('RXAFSCB_GetServerPrefs', bytes(b), _r_GetServerPrefs)

    async def GetCellServDB(self, cellIndex: int) -> GetCellServDBResult:
        """RXAFSCB_GetCellServDB (opcode 216, afscbint.xg:54). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\xd8')
        try:
            b += _S7.pack(cellIndex)
        except struct.error as exc:
            raise encode_error(exc, 'RXAFSCB_GetCellServDB') from None
        return await self._invoke('RXAFSCB_GetCellServDB', bytes(b), _r_GetCellServDB)

    async def GetLocalCell(self) -> str:
        """RXAFSCB_GetLocalCell (opcode 217, afscbint.xg:57). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\xd9')
        return await self._invoke('RXAFSCB_GetLocalCell', bytes(b), _r_GetLocalCell)

    async def GetCacheConfig(self, callerVersion: int) -> GetCacheConfigResult:
        """RXAFSCB_GetCacheConfig (opcode 218, afscbint.xg:59). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\xda')
        try:
            b += _S10.pack(callerVersion)
        except struct.error as exc:
            raise encode_error(exc, 'RXAFSCB_GetCacheConfig') from None
        return await self._invoke('RXAFSCB_GetCacheConfig', bytes(b), _r_GetCacheConfig)

    async def GetCE64(self, index: int) -> AFSDBCacheEntry64:
        """RXAFSCB_GetCE64 (opcode 65536, afscbint.xg:62). Cancellation aborts the call."""
        b = bytearray(b'\x00\x01\x00\x00')
        try:
            b += _S7.pack(index)
        except struct.error as exc:
            raise encode_error(exc, 'RXAFSCB_GetCE64') from None
        return await self._invoke('RXAFSCB_GetCE64', bytes(b), _r_GetCE64)

    async def GetCellByNum(self, cellNumber: int) -> GetCellByNumResult:
        """RXAFSCB_GetCellByNum (opcode 65537, afscbint.xg:64). Cancellation aborts the call."""
        b = bytearray(b'\x00\x01\x00\x01')
        try:
            b += _S7.pack(cellNumber)
        except struct.error as exc:
            raise encode_error(exc, 'RXAFSCB_GetCellByNum') from None
        return await self._invoke('RXAFSCB_GetCellByNum', bytes(b), _r_GetCellByNum)

    async def TellMeAboutYourself(self) -> TellMeAboutYourselfResult:
        """RXAFSCB_TellMeAboutYourself (opcode 65538, afscbint.xg:68). Cancellation aborts the call."""
        b = bytearray(b'\x00\x01\x00\x02')
        return await self._invoke('RXAFSCB_TellMeAboutYourself', bytes(b), _r_TellMeAboutYourself)


class Service(_rpc.Service):
    """Serves the RXAFSCB_ procedures: subclass and override."""

    SERVICE_ID = 1
    PROCEDURES: ClassVar[dict[int, Procedure]] = {204: Procedure('CallBack', 204, False, _i_CallBack, _w_CallBack), 205: Procedure('InitCallBackState', 205, False, _i_InitCallBackState, _w_InitCallBackState), 206: Procedure('Probe', 206, False, _i_Probe, _w_Probe), 207: Procedure('GetLock', 207, False, _i_GetLock, _w_GetLock), 208: Procedure('GetCE', 208, False, _i_GetCE, _w_GetCE), 209: Procedure('XStatsVersion', 209, False, _i_XStatsVersion, _w_XStatsVersion), 210: Procedure('GetXStats', 210, False, _i_GetXStats, _w_GetXStats), 211: Procedure('InitCallBackState2', 211, False, _i_InitCallBackState2, _w_InitCallBackState2), 212: Procedure('WhoAreYou', 212, False, _i_WhoAreYou, _w_WhoAreYou), 213: Procedure('InitCallBackState3', 213, False, _i_InitCallBackState3, _w_InitCallBackState3), 214: Procedure('ProbeUuid', 214, False, _i_ProbeUuid, _w_ProbeUuid), 215: Procedure('GetServerPrefs', 215, False, _i_GetServerPrefs, _w_GetServerPrefs), 216: Procedure('GetCellServDB', 216, False, _i_GetCellServDB, _w_GetCellServDB), 217: Procedure('GetLocalCell', 217, False, _i_GetLocalCell, _w_GetLocalCell), 218: Procedure('GetCacheConfig', 218, False, _i_GetCacheConfig, _w_GetCacheConfig), 65536: Procedure('GetCE64', 65536, False, _i_GetCE64, _w_GetCE64), 65537: Procedure('GetCellByNum', 65537, False, _i_GetCellByNum, _w_GetCellByNum), 65538: Procedure('TellMeAboutYourself', 65538, False, _i_TellMeAboutYourself, _w_TellMeAboutYourself)}

    async def CallBack(self, call: Call, Fids_Array: Sequence[AFSFid], CallBacks_Array: Sequence[AFSCallBack]) -> None:
        """RXAFSCB_CallBack (opcode 204): override to implement."""
        raise NotImplementedError

    async def InitCallBackState(self, call: Call) -> None:
        """RXAFSCB_InitCallBackState (opcode 205): override to implement."""
        raise NotImplementedError

    async def Probe(self, call: Call) -> None:
        """RXAFSCB_Probe (opcode 206): override to implement."""
        raise NotImplementedError

    async def GetLock(self, call: Call, index: int) -> AFSDBLock:
        """RXAFSCB_GetLock (opcode 207): override to implement."""
        raise NotImplementedError

    async def GetCE(self, call: Call, index: int) -> AFSDBCacheEntry:
        """RXAFSCB_GetCE (opcode 208): override to implement."""
        raise NotImplementedError

    async def XStatsVersion(self, call: Call) -> int:
        """RXAFSCB_XStatsVersion (opcode 209): override to implement."""
        raise NotImplementedError

    async def GetXStats(self, call: Call, clientVersionNumber: int, collectionNumber: int) -> GetXStatsResult:
        """RXAFSCB_GetXStats (opcode 210): override to implement."""
        raise NotImplementedError

    async def InitCallBackState2(self, call: Call) -> interfaceAddr:
        """RXAFSCB_InitCallBackState2 (opcode 211): override to implement."""
        raise NotImplementedError

    async def WhoAreYou(self, call: Call) -> interfaceAddr:
        """RXAFSCB_WhoAreYou (opcode 212): override to implement."""
        raise NotImplementedError

    async def InitCallBackState3(self, call: Call, serverUuid: afsUUID) -> None:
        """RXAFSCB_InitCallBackState3 (opcode 213): override to implement."""
        raise NotImplementedError

    async def ProbeUuid(self, call: Call, clientUuid: afsUUID) -> None:
        """RXAFSCB_ProbeUuid (opcode 214): override to implement."""
        raise NotImplementedError

    async def GetServerPrefs(self, call: Call, serverIndex: int) -> GetServerPrefsResult:
        """RXAFSCB_GetServerPrefs (opcode 215): override to implement."""
        raise NotImplementedError

    async def GetCellServDB(self, call: Call, cellIndex: int) -> GetCellServDBResult:
        """RXAFSCB_GetCellServDB (opcode 216): override to implement."""
        raise NotImplementedError

    async def GetLocalCell(self, call: Call) -> str:
        """RXAFSCB_GetLocalCell (opcode 217): override to implement."""
        raise NotImplementedError

    async def GetCacheConfig(self, call: Call, callerVersion: int) -> GetCacheConfigResult:
        """RXAFSCB_GetCacheConfig (opcode 218): override to implement."""
        raise NotImplementedError

    async def GetCE64(self, call: Call, index: int) -> AFSDBCacheEntry64:
        """RXAFSCB_GetCE64 (opcode 65536): override to implement."""
        raise NotImplementedError

    async def GetCellByNum(self, call: Call, cellNumber: int) -> GetCellByNumResult:
        """RXAFSCB_GetCellByNum (opcode 65537): override to implement."""
        raise NotImplementedError

    async def TellMeAboutYourself(self, call: Call) -> TellMeAboutYourselfResult:
        """RXAFSCB_TellMeAboutYourself (opcode 65538): override to implement."""
        raise NotImplementedError


OPCODES: Final[dict[str, int]] = {'CallBack': 204, 'InitCallBackState': 205, 'Probe': 206, 'GetLock': 207, 'GetCE': 208, 'XStatsVersion': 209, 'GetXStats': 210, 'InitCallBackState2': 211, 'WhoAreYou': 212, 'InitCallBackState3': 213, 'ProbeUuid': 214, 'GetServerPrefs': 215, 'GetCellServDB': 216, 'GetLocalCell': 217, 'GetCacheConfig': 218, 'GetCE64': 65536, 'GetCellByNum': 65537, 'TellMeAboutYourself': 65538}
"""Every procedure's opcode, by name."""
