"""The AFSVol interface, generated from vol.xg: written by trio-rxrpc rxgen.

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

PACKAGE: Final = 'AFSVol'
STATINDEX: Final = 16
SERVICE_ID: Final = 4

VOLDUMPV2_OMITDIRS: Final = 1
SIZE: Final = 1024
NMAXNSERVERS: Final = 13
VNAMESIZE: Final = 32
VOLINT_STATS_NUM_RWINFO_FIELDS: Final = 4
VOLINT_STATS_SAME_NET: Final = 0
VOLINT_STATS_SAME_NET_AUTH: Final = 1
VOLINT_STATS_DIFF_NET: Final = 2
VOLINT_STATS_DIFF_NET_AUTH: Final = 3
VOLINT_STATS_NUM_TIME_RANGES: Final = 6
VOLINT_STATS_TIME_CAP_0: Final = 60
VOLINT_STATS_TIME_CAP_1: Final = 600
VOLINT_STATS_TIME_CAP_2: Final = 3600
VOLINT_STATS_TIME_CAP_3: Final = 86400
VOLINT_STATS_TIME_CAP_4: Final = 604800
VOLINT_STATS_NUM_TIME_FIELDS: Final = 6
VOLINT_STATS_TIME_IDX_0: Final = 0
VOLINT_STATS_TIME_IDX_1: Final = 1
VOLINT_STATS_TIME_IDX_2: Final = 2
VOLINT_STATS_TIME_IDX_3: Final = 3
VOLINT_STATS_TIME_IDX_4: Final = 4
VOLINT_STATS_TIME_IDX_5: Final = 5


@attrs.frozen
class volser_status:
    """``struct volser_status`` (vol.xg:26)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('volID', 'nextUnique', 'type', 'parentID', 'cloneID', 'backupID', 'restoredFromID', 'maxQuota', 'minQuota', 'owner', 'creationDate', 'accessDate', 'updateDate', 'expirationDate', 'backupDate', 'copyDate',)

    volID: int = 0
    nextUnique: int = 0
    type: int = 0
    parentID: int = 0
    cloneID: int = 0
    backupID: int = 0
    restoredFromID: int = 0
    maxQuota: int = 0
    minQuota: int = 0
    owner: int = 0
    creationDate: int = 0
    accessDate: int = 0
    updateDate: int = 0
    expirationDate: int = 0
    backupDate: int = 0
    copyDate: int = 0

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_volser_status, self, 'volser_status')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> volser_status:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_volser_status, data, 'volser_status')


@attrs.frozen
class destServer:
    """``struct destServer`` (vol.xg:46)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('destHost', 'destPort', 'destSSID',)

    destHost: int = 0
    destPort: int = 0
    destSSID: int = 0

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_destServer, self, 'destServer')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> destServer:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_destServer, data, 'destServer')


@attrs.frozen
class volintInfo:
    """``struct volintInfo`` (vol.xg:53)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('name', 'volid', 'type', 'backupID', 'parentID', 'cloneID', 'status', 'copyDate', 'inUse', 'needsSalvaged', 'destroyMe', 'creationDate', 'accessDate', 'updateDate', 'backupDate', 'dayUse', 'filecount', 'maxquota', 'size', 'flags', 'spare0', 'spare1', 'spare2', 'spare3',)

    name: str = ""
    volid: int = 0
    type: int = 0
    backupID: int = 0
    parentID: int = 0
    cloneID: int = 0
    status: int = 0
    copyDate: int = 0
    inUse: int = 0
    needsSalvaged: int = 0
    destroyMe: int = 0
    creationDate: int = 0
    accessDate: int = 0
    updateDate: int = 0
    backupDate: int = 0
    dayUse: int = 0
    filecount: int = 0
    maxquota: int = 0
    size: int = 0
    flags: int = 0
    spare0: int = 0
    spare1: int = 0
    spare2: int = 0
    spare3: int = 0

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_volintInfo, self, 'volintInfo')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> volintInfo:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_volintInfo, data, 'volintInfo')


@attrs.frozen
class volintXInfo:
    """``struct volintXInfo`` (vol.xg:107)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('name', 'volid', 'type', 'backupID', 'parentID', 'cloneID', 'status', 'copyDate', 'inUse', 'creationDate', 'accessDate', 'updateDate', 'backupDate', 'dayUse', 'filecount', 'maxquota', 'size', 'stat_reads', 'stat_writes', 'stat_fileSameAuthor', 'stat_fileDiffAuthor', 'stat_dirSameAuthor', 'stat_dirDiffAuthor',)

    name: str = ""
    volid: int = 0
    type: int = 0
    backupID: int = 0
    parentID: int = 0
    cloneID: int = 0
    status: int = 0
    copyDate: int = 0
    inUse: int = 0
    creationDate: int = 0
    accessDate: int = 0
    updateDate: int = 0
    backupDate: int = 0
    dayUse: int = 0
    filecount: int = 0
    maxquota: int = 0
    size: int = 0
    stat_reads: Sequence[int] = (0,) * 4
    stat_writes: Sequence[int] = (0,) * 4
    stat_fileSameAuthor: Sequence[int] = (0,) * 6
    stat_fileDiffAuthor: Sequence[int] = (0,) * 6
    stat_dirSameAuthor: Sequence[int] = (0,) * 6
    stat_dirDiffAuthor: Sequence[int] = (0,) * 6

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_volintXInfo, self, 'volintXInfo')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> volintXInfo:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_volintXInfo, data, 'volintXInfo')


@attrs.frozen
class transDebugInfo:
    """``struct transDebugInfo`` (vol.xg:134)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('tid', 'time', 'creationTime', 'returnCode', 'volid', 'partition', 'iflags', 'vflags', 'tflags', 'lastProcName', 'callValid', 'readNext', 'transmitNext', 'lastSendTime', 'lastReceiveTime',)

    tid: int = 0
    time: int = 0
    creationTime: int = 0
    returnCode: int = 0
    volid: int = 0
    partition: int = 0
    iflags: int = 0
    vflags: int = 0
    tflags: int = 0
    lastProcName: str = ""
    callValid: int = 0
    readNext: int = 0
    transmitNext: int = 0
    lastSendTime: int = 0
    lastReceiveTime: int = 0

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_transDebugInfo, self, 'transDebugInfo')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> transDebugInfo:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_transDebugInfo, data, 'transDebugInfo')


@attrs.frozen
class pIDs:
    """``struct pIDs`` (vol.xg:153)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('partIds',)

    partIds: Sequence[int] = (0,) * 26

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_pIDs, self, 'pIDs')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> pIDs:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_pIDs, data, 'pIDs')


@attrs.frozen
class diskPartition:
    """``struct diskPartition`` (vol.xg:158)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('name', 'devName', 'lock_fd', 'totalUsable', 'free', 'minFree',)

    name: str = ""
    devName: str = ""
    lock_fd: int = 0
    totalUsable: int = 0
    free: int = 0
    minFree: int = 0

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_diskPartition, self, 'diskPartition')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> diskPartition:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_diskPartition, data, 'diskPartition')


@attrs.frozen
class diskPartition64:
    """``struct diskPartition64`` (vol.xg:168)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('name', 'devName', 'lock_fd', 'totalUsable', 'free', 'minFree',)

    name: str = ""
    devName: str = ""
    lock_fd: int = 0
    totalUsable: int = 0
    free: int = 0
    minFree: int = 0

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_diskPartition64, self, 'diskPartition64')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> diskPartition64:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_diskPartition64, data, 'diskPartition64')


@attrs.frozen
class restoreCookie:
    """``struct restoreCookie`` (vol.xg:178)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('name', 'type', 'clone', 'parent',)

    name: str = ""
    type: int = 0
    clone: int = 0
    parent: int = 0

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_restoreCookie, self, 'restoreCookie')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> restoreCookie:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_restoreCookie, data, 'restoreCookie')


@attrs.frozen
class replica:
    """``struct replica`` (vol.xg:185)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('trans', 'server',)

    trans: int = 0
    server: destServer = attrs.field(factory=lambda: destServer())

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_replica, self, 'replica')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> replica:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_replica, data, 'replica')


@attrs.frozen
class volintSize:
    """``struct volintSize`` (vol.xg:191)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('dump_size',)

    dump_size: int = 0

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_volintSize, self, 'volintSize')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> volintSize:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_volintSize, data, 'volintSize')


manyDests: TypeAlias = 'Sequence[replica]'

manyResults: TypeAlias = 'Sequence[int]'

transDebugEntries: TypeAlias = 'Sequence[transDebugInfo]'

volEntries: TypeAlias = 'Sequence[volintInfo]'

partEntries: TypeAlias = 'Sequence[int]'

volXEntries: TypeAlias = 'Sequence[volintXInfo]'

_S0 = struct.Struct('>IiiIIIIiiiiiiiii')
_S1 = struct.Struct('>iii')
_S2 = struct.Struct('>128sIiIIIiiIIIiiiiiiiiiiiii')
_S3 = struct.Struct('>128sIiIIIiiIiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii')
_S4 = struct.Struct('>iiiiIiiii120siiiii')
_S5 = struct.Struct('>iiiiiiiiiiiiiiiiiiiiiiiiii')
_S6 = struct.Struct('>128s128siiii')
_S7 = struct.Struct('>1024s1024siqqq')
_S8 = struct.Struct('>128siII')
_S9 = struct.Struct('>iiii')
_S10 = struct.Struct('>Q')
_S11 = struct.Struct('>Ii')
_S12 = struct.Struct('>i')
_S13 = struct.Struct('>iII')
_S14 = struct.Struct('>ii128siII')
_S15 = struct.Struct('>iiiiii128siII')
_S16 = struct.Struct('>I')
_S17 = struct.Struct('>iIi')
_S18 = struct.Struct('>ii')
_S19 = struct.Struct('>Iii')
_S20 = struct.Struct('>iIII')
_S21 = struct.Struct('>iI')
_S22 = struct.Struct('>i128sIiIIIiiIIIiiiiiiiiiiiii')
_S23 = struct.Struct('>i128siII')
_S24 = struct.Struct('>IIIi')


def _b_volser_status(t: tuple[int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int]) -> volser_status:
    return volser_status(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9], t[10], t[11], t[12], t[13], t[14], t[15])


def _f_volser_status(v: volser_status) -> tuple[object, ...]:
    return (v.volID, v.nextUnique, v.type, v.parentID, v.cloneID, v.backupID, v.restoredFromID, v.maxQuota, v.minQuota, v.owner, v.creationDate, v.accessDate, v.updateDate, v.expirationDate, v.backupDate, v.copyDate,)


def _d_volser_status(d: bytes | memoryview, o: int) -> tuple[volser_status, int]:
    return _b_volser_status(_S0.unpack_from(d, o)), o + 64


def _e_volser_status(b: bytearray, v: volser_status) -> None:
    b += _S0.pack(*_f_volser_status(v))


def _b_destServer(t: tuple[int, int, int]) -> destServer:
    return destServer(t[0], t[1], t[2])


def _f_destServer(v: destServer) -> tuple[object, ...]:
    return (v.destHost, v.destPort, v.destSSID,)


def _d_destServer(d: bytes | memoryview, o: int) -> tuple[destServer, int]:
    return _b_destServer(_S1.unpack_from(d, o)), o + 12


def _e_destServer(b: bytearray, v: destServer) -> None:
    b += _S1.pack(*_f_destServer(v))


def _b_volintInfo(t: tuple[bytes, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int]) -> volintInfo:
    return volintInfo(cstr_decode(t[0]), t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9], t[10], t[11], t[12], t[13], t[14], t[15], t[16], t[17], t[18], t[19], t[20], t[21], t[22], t[23])


def _f_volintInfo(v: volintInfo) -> tuple[object, ...]:
    return (cstr_encode(v.name, 32, 'volintInfo.name'), v.volid, v.type, v.backupID, v.parentID, v.cloneID, v.status, v.copyDate, v.inUse, v.needsSalvaged, v.destroyMe, v.creationDate, v.accessDate, v.updateDate, v.backupDate, v.dayUse, v.filecount, v.maxquota, v.size, v.flags, v.spare0, v.spare1, v.spare2, v.spare3,)


def _d_volintInfo(d: bytes | memoryview, o: int) -> tuple[volintInfo, int]:
    return _b_volintInfo(_S2.unpack_from(d, o)), o + 220


def _e_volintInfo(b: bytearray, v: volintInfo) -> None:
    b += _S2.pack(*_f_volintInfo(v))


def _b_volintXInfo(t: tuple[bytes, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int]) -> volintXInfo:
    return volintXInfo(cstr_decode(t[0]), t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9], t[10], t[11], t[12], t[13], t[14], t[15], t[16], t[17:21], t[21:25], t[25:31], t[31:37], t[37:43], t[43:49])


def _f_volintXInfo(v: volintXInfo) -> tuple[object, ...]:
    return (cstr_encode(v.name, 32, 'volintXInfo.name'), v.volid, v.type, v.backupID, v.parentID, v.cloneID, v.status, v.copyDate, v.inUse, v.creationDate, v.accessDate, v.updateDate, v.backupDate, v.dayUse, v.filecount, v.maxquota, v.size, *fixed(v.stat_reads, 4, 'volintXInfo.stat_reads'), *fixed(v.stat_writes, 4, 'volintXInfo.stat_writes'), *fixed(v.stat_fileSameAuthor, 6, 'volintXInfo.stat_fileSameAuthor'), *fixed(v.stat_fileDiffAuthor, 6, 'volintXInfo.stat_fileDiffAuthor'), *fixed(v.stat_dirSameAuthor, 6, 'volintXInfo.stat_dirSameAuthor'), *fixed(v.stat_dirDiffAuthor, 6, 'volintXInfo.stat_dirDiffAuthor'),)


def _d_volintXInfo(d: bytes | memoryview, o: int) -> tuple[volintXInfo, int]:
    return _b_volintXInfo(_S3.unpack_from(d, o)), o + 320


def _e_volintXInfo(b: bytearray, v: volintXInfo) -> None:
    b += _S3.pack(*_f_volintXInfo(v))


def _b_transDebugInfo(t: tuple[int, int, int, int, int, int, int, int, int, bytes, int, int, int, int, int]) -> transDebugInfo:
    return transDebugInfo(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], cstr_decode(t[9]), t[10], t[11], t[12], t[13], t[14])


def _f_transDebugInfo(v: transDebugInfo) -> tuple[object, ...]:
    return (v.tid, v.time, v.creationTime, v.returnCode, v.volid, v.partition, v.iflags, v.vflags, v.tflags, cstr_encode(v.lastProcName, 30, 'transDebugInfo.lastProcName'), v.callValid, v.readNext, v.transmitNext, v.lastSendTime, v.lastReceiveTime,)


def _d_transDebugInfo(d: bytes | memoryview, o: int) -> tuple[transDebugInfo, int]:
    return _b_transDebugInfo(_S4.unpack_from(d, o)), o + 176


def _e_transDebugInfo(b: bytearray, v: transDebugInfo) -> None:
    b += _S4.pack(*_f_transDebugInfo(v))


def _b_pIDs(t: tuple[int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int]) -> pIDs:
    return pIDs(t[0:26])


def _f_pIDs(v: pIDs) -> tuple[object, ...]:
    return (*fixed(v.partIds, 26, 'pIDs.partIds'),)


def _d_pIDs(d: bytes | memoryview, o: int) -> tuple[pIDs, int]:
    return _b_pIDs(_S5.unpack_from(d, o)), o + 104


def _e_pIDs(b: bytearray, v: pIDs) -> None:
    b += _S5.pack(*_f_pIDs(v))


def _b_diskPartition(t: tuple[bytes, bytes, int, int, int, int]) -> diskPartition:
    return diskPartition(cstr_decode(t[0]), cstr_decode(t[1]), t[2], t[3], t[4], t[5])


def _f_diskPartition(v: diskPartition) -> tuple[object, ...]:
    return (cstr_encode(v.name, 32, 'diskPartition.name'), cstr_encode(v.devName, 32, 'diskPartition.devName'), v.lock_fd, v.totalUsable, v.free, v.minFree,)


def _d_diskPartition(d: bytes | memoryview, o: int) -> tuple[diskPartition, int]:
    return _b_diskPartition(_S6.unpack_from(d, o)), o + 272


def _e_diskPartition(b: bytearray, v: diskPartition) -> None:
    b += _S6.pack(*_f_diskPartition(v))


def _b_diskPartition64(t: tuple[bytes, bytes, int, int, int, int]) -> diskPartition64:
    return diskPartition64(cstr_decode(t[0]), cstr_decode(t[1]), t[2], t[3], t[4], t[5])


def _f_diskPartition64(v: diskPartition64) -> tuple[object, ...]:
    return (cstr_encode(v.name, 256, 'diskPartition64.name'), cstr_encode(v.devName, 256, 'diskPartition64.devName'), v.lock_fd, v.totalUsable, v.free, v.minFree,)


def _d_diskPartition64(d: bytes | memoryview, o: int) -> tuple[diskPartition64, int]:
    return _b_diskPartition64(_S7.unpack_from(d, o)), o + 2076


def _e_diskPartition64(b: bytearray, v: diskPartition64) -> None:
    b += _S7.pack(*_f_diskPartition64(v))


def _b_restoreCookie(t: tuple[bytes, int, int, int]) -> restoreCookie:
    return restoreCookie(cstr_decode(t[0]), t[1], t[2], t[3])


def _f_restoreCookie(v: restoreCookie) -> tuple[object, ...]:
    return (cstr_encode(v.name, 32, 'restoreCookie.name'), v.type, v.clone, v.parent,)


def _d_restoreCookie(d: bytes | memoryview, o: int) -> tuple[restoreCookie, int]:
    return _b_restoreCookie(_S8.unpack_from(d, o)), o + 140


def _e_restoreCookie(b: bytearray, v: restoreCookie) -> None:
    b += _S8.pack(*_f_restoreCookie(v))


def _b_replica(t: tuple[int, int, int, int]) -> replica:
    return replica(t[0], _b_destServer(t[1:4]))


def _f_replica(v: replica) -> tuple[object, ...]:
    return (v.trans, *_f_destServer(v.server),)


def _d_replica(d: bytes | memoryview, o: int) -> tuple[replica, int]:
    return _b_replica(_S9.unpack_from(d, o)), o + 16


def _e_replica(b: bytearray, v: replica) -> None:
    b += _S9.pack(*_f_replica(v))


def _b_volintSize(t: tuple[int]) -> volintSize:
    return volintSize(t[0])


def _f_volintSize(v: volintSize) -> tuple[object, ...]:
    return (v.dump_size,)


def _d_volintSize(d: bytes | memoryview, o: int) -> tuple[volintSize, int]:
    return _b_volintSize(_S10.unpack_from(d, o)), o + 8


def _e_volintSize(b: bytearray, v: volintSize) -> None:
    b += _S10.pack(*_f_volintSize(v))


class CreateVolumeResult(NamedTuple):
    """The OUT values of AFSVolCreateVolume."""

    volid: int
    trans: int


def _o_CreateVolume(d: bytes | memoryview, o: int) -> tuple[CreateVolumeResult, int]:
    _t1 = _S11.unpack_from(d, o)
    r_volid = _t1[0]
    r_trans = _t1[1]
    o += 8
    return CreateVolumeResult(r_volid, r_trans), o


def _r_CreateVolume(data: bytes) -> CreateVolumeResult:
    return decode_all(_o_CreateVolume, data, 'AFSVolCreateVolume reply')


def _i_CreateVolume(d: bytes | memoryview, o: int) -> tuple[tuple[int, str, int, int, int], int]:
    _t2 = _S12.unpack_from(d, o)
    a_partition = _t2[0]
    o += 4
    a_name, o = string_decode(d, o, 32, 'AFSVolCreateVolume.name')
    _t3 = _S13.unpack_from(d, o)
    a_type = _t3[0]
    a_parent = _t3[1]
    a_volid = _t3[2]
    o += 12
    return (a_partition, a_name, a_type, a_parent, a_volid, ), o


def _w_CreateVolume(r: CreateVolumeResult) -> bytes:
    b = bytearray()
    b += _S11.pack(r[0], r[1])
    return bytes(b)


def _o_DeleteVolume(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_DeleteVolume(data: bytes) -> None:
    return decode_all(_o_DeleteVolume, data, 'AFSVolDeleteVolume reply')


def _i_DeleteVolume(d: bytes | memoryview, o: int) -> tuple[tuple[int], int]:
    _t4 = _S12.unpack_from(d, o)
    a_trans = _t4[0]
    o += 4
    return (a_trans, ), o


def _w_DeleteVolume(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_Restore(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_Restore(data: bytes) -> None:
    return decode_all(_o_Restore, data, 'AFSVolRestore reply')


def _i_Restore(d: bytes | memoryview, o: int) -> tuple[tuple[int, int, restoreCookie], int]:
    _t5 = _S14.unpack_from(d, o)
    a_toTrans = _t5[0]
    a_flags = _t5[1]
    a_cookie = _b_restoreCookie(_t5[2:6])
    o += 148
    return (a_toTrans, a_flags, a_cookie, ), o


def _w_Restore(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_Forward(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_Forward(data: bytes) -> None:
    return decode_all(_o_Forward, data, 'AFSVolForward reply')


def _i_Forward(d: bytes | memoryview, o: int) -> tuple[tuple[int, int, destServer, int, restoreCookie], int]:
    _t6 = _S15.unpack_from(d, o)
    a_fromTrans = _t6[0]
    a_fromDate = _t6[1]
    a_destination = _b_destServer(_t6[2:5])
    a_destTrans = _t6[5]
    a_cookie = _b_restoreCookie(_t6[6:10])
    o += 164
    return (a_fromTrans, a_fromDate, a_destination, a_destTrans, a_cookie, ), o


def _w_Forward(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_EndTrans(d: bytes | memoryview, o: int) -> tuple[int, int]:
    _t7 = _S12.unpack_from(d, o)
    r_rcode = _t7[0]
    o += 4
    return r_rcode, o


def _r_EndTrans(data: bytes) -> int:
    return decode_all(_o_EndTrans, data, 'AFSVolEndTrans reply')


def _i_EndTrans(d: bytes | memoryview, o: int) -> tuple[tuple[int], int]:
    _t8 = _S12.unpack_from(d, o)
    a_trans = _t8[0]
    o += 4
    return (a_trans, ), o


def _w_EndTrans(r: int) -> bytes:
    b = bytearray()
    b += _S12.pack(r)
    return bytes(b)


def _o_Clone(d: bytes | memoryview, o: int) -> tuple[int, int]:
    _t9 = _S16.unpack_from(d, o)
    r_newVol = _t9[0]
    o += 4
    return r_newVol, o


def _r_Clone(data: bytes) -> int:
    return decode_all(_o_Clone, data, 'AFSVolClone reply')


def _i_Clone(d: bytes | memoryview, o: int) -> tuple[tuple[int, int, int, str, int], int]:
    _t10 = _S17.unpack_from(d, o)
    a_trans = _t10[0]
    a_purgeVol = _t10[1]
    a_newType = _t10[2]
    o += 12
    a_newName, o = string_decode(d, o, 32, 'AFSVolClone.newName')
    _t11 = _S16.unpack_from(d, o)
    a_newVol = _t11[0]
    o += 4
    return (a_trans, a_purgeVol, a_newType, a_newName, a_newVol, ), o


def _w_Clone(r: int) -> bytes:
    b = bytearray()
    b += _S16.pack(r)
    return bytes(b)


def _o_SetFlags(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_SetFlags(data: bytes) -> None:
    return decode_all(_o_SetFlags, data, 'AFSVolSetFlags reply')


def _i_SetFlags(d: bytes | memoryview, o: int) -> tuple[tuple[int, int], int]:
    _t12 = _S18.unpack_from(d, o)
    a_trans = _t12[0]
    a_flags = _t12[1]
    o += 8
    return (a_trans, a_flags, ), o


def _w_SetFlags(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_GetFlags(d: bytes | memoryview, o: int) -> tuple[int, int]:
    _t13 = _S12.unpack_from(d, o)
    r_flags = _t13[0]
    o += 4
    return r_flags, o


def _r_GetFlags(data: bytes) -> int:
    return decode_all(_o_GetFlags, data, 'AFSVolGetFlags reply')


def _i_GetFlags(d: bytes | memoryview, o: int) -> tuple[tuple[int], int]:
    _t14 = _S12.unpack_from(d, o)
    a_trans = _t14[0]
    o += 4
    return (a_trans, ), o


def _w_GetFlags(r: int) -> bytes:
    b = bytearray()
    b += _S12.pack(r)
    return bytes(b)


def _o_TransCreate(d: bytes | memoryview, o: int) -> tuple[int, int]:
    _t15 = _S12.unpack_from(d, o)
    r_trans = _t15[0]
    o += 4
    return r_trans, o


def _r_TransCreate(data: bytes) -> int:
    return decode_all(_o_TransCreate, data, 'AFSVolTransCreate reply')


def _i_TransCreate(d: bytes | memoryview, o: int) -> tuple[tuple[int, int, int], int]:
    _t16 = _S19.unpack_from(d, o)
    a_volume = _t16[0]
    a_partition = _t16[1]
    a_flags = _t16[2]
    o += 12
    return (a_volume, a_partition, a_flags, ), o


def _w_TransCreate(r: int) -> bytes:
    b = bytearray()
    b += _S12.pack(r)
    return bytes(b)


def _o_Dump(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_Dump(data: bytes) -> None:
    return decode_all(_o_Dump, data, 'AFSVolDump reply')


def _i_Dump(d: bytes | memoryview, o: int) -> tuple[tuple[int, int], int]:
    _t17 = _S18.unpack_from(d, o)
    a_fromTrans = _t17[0]
    a_fromDate = _t17[1]
    o += 8
    return (a_fromTrans, a_fromDate, ), o


def _w_Dump(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


class GetNthVolumeResult(NamedTuple):
    """The OUT values of AFSVolGetNthVolume."""

    volume: int
    partition: int


def _o_GetNthVolume(d: bytes | memoryview, o: int) -> tuple[GetNthVolumeResult, int]:
    _t18 = _S11.unpack_from(d, o)
    r_volume = _t18[0]
    r_partition = _t18[1]
    o += 8
    return GetNthVolumeResult(r_volume, r_partition), o


def _r_GetNthVolume(data: bytes) -> GetNthVolumeResult:
    return decode_all(_o_GetNthVolume, data, 'AFSVolGetNthVolume reply')


def _i_GetNthVolume(d: bytes | memoryview, o: int) -> tuple[tuple[int], int]:
    _t19 = _S12.unpack_from(d, o)
    a_index = _t19[0]
    o += 4
    return (a_index, ), o


def _w_GetNthVolume(r: GetNthVolumeResult) -> bytes:
    b = bytearray()
    b += _S11.pack(r[0], r[1])
    return bytes(b)


def _o_SetForwarding(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_SetForwarding(data: bytes) -> None:
    return decode_all(_o_SetForwarding, data, 'AFSVolSetForwarding reply')


def _i_SetForwarding(d: bytes | memoryview, o: int) -> tuple[tuple[int, int], int]:
    _t20 = _S18.unpack_from(d, o)
    a_tid = _t20[0]
    a_newsite = _t20[1]
    o += 8
    return (a_tid, a_newsite, ), o


def _w_SetForwarding(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_GetName(d: bytes | memoryview, o: int) -> tuple[str, int]:
    r_tname, o = string_decode(d, o, 256, 'AFSVolGetName.tname')
    return r_tname, o


def _r_GetName(data: bytes) -> str:
    return decode_all(_o_GetName, data, 'AFSVolGetName reply')


def _i_GetName(d: bytes | memoryview, o: int) -> tuple[tuple[int], int]:
    _t21 = _S12.unpack_from(d, o)
    a_tid = _t21[0]
    o += 4
    return (a_tid, ), o


def _w_GetName(r: str) -> bytes:
    b = bytearray()
    string_encode(b, r, 256, 'AFSVolGetName.tname')
    return bytes(b)


def _o_GetStatus(d: bytes | memoryview, o: int) -> tuple[volser_status, int]:
    _t22 = _S0.unpack_from(d, o)
    r_status = _b_volser_status(_t22)
    o += 64
    return r_status, o


def _r_GetStatus(data: bytes) -> volser_status:
    return decode_all(_o_GetStatus, data, 'AFSVolGetStatus reply')


def _i_GetStatus(d: bytes | memoryview, o: int) -> tuple[tuple[int], int]:
    _t23 = _S12.unpack_from(d, o)
    a_tid = _t23[0]
    o += 4
    return (a_tid, ), o


def _w_GetStatus(r: volser_status) -> bytes:
    b = bytearray()
    b += _S0.pack(*_f_volser_status(r))
    return bytes(b)


def _o_SignalRestore(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_SignalRestore(data: bytes) -> None:
    return decode_all(_o_SignalRestore, data, 'AFSVolSignalRestore reply')


def _i_SignalRestore(d: bytes | memoryview, o: int) -> tuple[tuple[str, int, int, int], int]:
    a_name, o = string_decode(d, o, 32, 'AFSVolSignalRestore.name')
    _t24 = _S13.unpack_from(d, o)
    a_type = _t24[0]
    a_pid = _t24[1]
    a_cloneid = _t24[2]
    o += 12
    return (a_name, a_type, a_pid, a_cloneid, ), o


def _w_SignalRestore(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_ListPartitions(d: bytes | memoryview, o: int) -> tuple[pIDs, int]:
    _t25 = _S5.unpack_from(d, o)
    r_partIDs = _b_pIDs(_t25)
    o += 104
    return r_partIDs, o


def _r_ListPartitions(data: bytes) -> pIDs:
    return decode_all(_o_ListPartitions, data, 'AFSVolListPartitions reply')


def _i_ListPartitions(d: bytes | memoryview, o: int) -> tuple[tuple[()], int]:
    return (), o


def _w_ListPartitions(r: pIDs) -> bytes:
    b = bytearray()
    b += _S5.pack(*_f_pIDs(r))
    return bytes(b)


def _o_ListVolumes(d: bytes | memoryview, o: int) -> tuple[Sequence[volintInfo], int]:
    _n26, o = count_decode(d, o, None, 'AFSVolListVolumes.resultEntries')
    need(d, o, _n26 * 220, 'AFSVolListVolumes.resultEntries')
    r_resultEntries = tuple([_b_volintInfo(_t27) for _t27 in _S2.iter_unpack(d[o:o + _n26 * 220])])
    o += _n26 * 220
    return r_resultEntries, o


def _r_ListVolumes(data: bytes) -> Sequence[volintInfo]:
    return decode_all(_o_ListVolumes, data, 'AFSVolListVolumes reply')


def _i_ListVolumes(d: bytes | memoryview, o: int) -> tuple[tuple[int, int], int]:
    _t28 = _S18.unpack_from(d, o)
    a_partID = _t28[0]
    a_flags = _t28[1]
    o += 8
    return (a_partID, a_flags, ), o


def _w_ListVolumes(r: Sequence[volintInfo]) -> bytes:
    b = bytearray()
    _n29 = counted(r, None, 'AFSVolListVolumes.resultEntries')
    b += U32.pack(_n29)
    for _x30 in r:
        b += _S2.pack(*_f_volintInfo(_x30))
    return bytes(b)


def _o_SetIdsTypes(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_SetIdsTypes(data: bytes) -> None:
    return decode_all(_o_SetIdsTypes, data, 'AFSVolSetIdsTypes reply')


def _i_SetIdsTypes(d: bytes | memoryview, o: int) -> tuple[tuple[int, str, int, int, int, int], int]:
    _t31 = _S12.unpack_from(d, o)
    a_tId = _t31[0]
    o += 4
    a_name, o = string_decode(d, o, 32, 'AFSVolSetIdsTypes.name')
    _t32 = _S20.unpack_from(d, o)
    a_type = _t32[0]
    a_pId = _t32[1]
    a_cloneId = _t32[2]
    a_backupId = _t32[3]
    o += 16
    return (a_tId, a_name, a_type, a_pId, a_cloneId, a_backupId, ), o


def _w_SetIdsTypes(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_Monitor(d: bytes | memoryview, o: int) -> tuple[Sequence[transDebugInfo], int]:
    _n33, o = count_decode(d, o, None, 'AFSVolMonitor.result')
    need(d, o, _n33 * 176, 'AFSVolMonitor.result')
    r_result = tuple([_b_transDebugInfo(_t34) for _t34 in _S4.iter_unpack(d[o:o + _n33 * 176])])
    o += _n33 * 176
    return r_result, o


def _r_Monitor(data: bytes) -> Sequence[transDebugInfo]:
    return decode_all(_o_Monitor, data, 'AFSVolMonitor reply')


def _i_Monitor(d: bytes | memoryview, o: int) -> tuple[tuple[()], int]:
    return (), o


def _w_Monitor(r: Sequence[transDebugInfo]) -> bytes:
    b = bytearray()
    _n35 = counted(r, None, 'AFSVolMonitor.result')
    b += U32.pack(_n35)
    for _x36 in r:
        b += _S4.pack(*_f_transDebugInfo(_x36))
    return bytes(b)


def _o_PartitionInfo(d: bytes | memoryview, o: int) -> tuple[diskPartition, int]:
    _t37 = _S6.unpack_from(d, o)
    r_partition = _b_diskPartition(_t37)
    o += 272
    return r_partition, o


def _r_PartitionInfo(data: bytes) -> diskPartition:
    return decode_all(_o_PartitionInfo, data, 'AFSVolPartitionInfo reply')


def _i_PartitionInfo(d: bytes | memoryview, o: int) -> tuple[tuple[str], int]:
    a_name, o = string_decode(d, o, 4096, 'AFSVolPartitionInfo.name')
    return (a_name, ), o


def _w_PartitionInfo(r: diskPartition) -> bytes:
    b = bytearray()
    b += _S6.pack(*_f_diskPartition(r))
    return bytes(b)


def _o_ReClone(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_ReClone(data: bytes) -> None:
    return decode_all(_o_ReClone, data, 'AFSVolReClone reply')


def _i_ReClone(d: bytes | memoryview, o: int) -> tuple[tuple[int, int], int]:
    _t38 = _S21.unpack_from(d, o)
    a_tid = _t38[0]
    a_cloneID = _t38[1]
    o += 8
    return (a_tid, a_cloneID, ), o


def _w_ReClone(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_ListOneVolume(d: bytes | memoryview, o: int) -> tuple[Sequence[volintInfo], int]:
    _n39, o = count_decode(d, o, None, 'AFSVolListOneVolume.resultEntries')
    need(d, o, _n39 * 220, 'AFSVolListOneVolume.resultEntries')
    r_resultEntries = tuple([_b_volintInfo(_t40) for _t40 in _S2.iter_unpack(d[o:o + _n39 * 220])])
    o += _n39 * 220
    return r_resultEntries, o


def _r_ListOneVolume(data: bytes) -> Sequence[volintInfo]:
    return decode_all(_o_ListOneVolume, data, 'AFSVolListOneVolume reply')


def _i_ListOneVolume(d: bytes | memoryview, o: int) -> tuple[tuple[int, int], int]:
    _t41 = _S21.unpack_from(d, o)
    a_partID = _t41[0]
    a_volid = _t41[1]
    o += 8
    return (a_partID, a_volid, ), o


def _w_ListOneVolume(r: Sequence[volintInfo]) -> bytes:
    b = bytearray()
    _n42 = counted(r, None, 'AFSVolListOneVolume.resultEntries')
    b += U32.pack(_n42)
    for _x43 in r:
        b += _S2.pack(*_f_volintInfo(_x43))
    return bytes(b)


def _o_NukeVolume(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_NukeVolume(data: bytes) -> None:
    return decode_all(_o_NukeVolume, data, 'AFSVolNukeVolume reply')


def _i_NukeVolume(d: bytes | memoryview, o: int) -> tuple[tuple[int, int], int]:
    _t44 = _S21.unpack_from(d, o)
    a_partID = _t44[0]
    a_volID = _t44[1]
    o += 8
    return (a_partID, a_volID, ), o


def _w_NukeVolume(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_SetDate(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_SetDate(data: bytes) -> None:
    return decode_all(_o_SetDate, data, 'AFSVolSetDate reply')


def _i_SetDate(d: bytes | memoryview, o: int) -> tuple[tuple[int, int], int]:
    _t45 = _S18.unpack_from(d, o)
    a_tid = _t45[0]
    a_newDate = _t45[1]
    o += 8
    return (a_tid, a_newDate, ), o


def _w_SetDate(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_XListVolumes(d: bytes | memoryview, o: int) -> tuple[Sequence[volintXInfo], int]:
    _n46, o = count_decode(d, o, None, 'AFSVolXListVolumes.resultXEntriesP')
    need(d, o, _n46 * 320, 'AFSVolXListVolumes.resultXEntriesP')
    r_resultXEntriesP = tuple([_b_volintXInfo(_t47) for _t47 in _S3.iter_unpack(d[o:o + _n46 * 320])])
    o += _n46 * 320
    return r_resultXEntriesP, o


def _r_XListVolumes(data: bytes) -> Sequence[volintXInfo]:
    return decode_all(_o_XListVolumes, data, 'AFSVolXListVolumes reply')


def _i_XListVolumes(d: bytes | memoryview, o: int) -> tuple[tuple[int, int], int]:
    _t48 = _S18.unpack_from(d, o)
    a_partID = _t48[0]
    a_flags = _t48[1]
    o += 8
    return (a_partID, a_flags, ), o


def _w_XListVolumes(r: Sequence[volintXInfo]) -> bytes:
    b = bytearray()
    _n49 = counted(r, None, 'AFSVolXListVolumes.resultXEntriesP')
    b += U32.pack(_n49)
    for _x50 in r:
        b += _S3.pack(*_f_volintXInfo(_x50))
    return bytes(b)


def _o_XListOneVolume(d: bytes | memoryview, o: int) -> tuple[Sequence[volintXInfo], int]:
    _n51, o = count_decode(d, o, None, 'AFSVolXListOneVolume.resultXEntries')
    need(d, o, _n51 * 320, 'AFSVolXListOneVolume.resultXEntries')
    r_resultXEntries = tuple([_b_volintXInfo(_t52) for _t52 in _S3.iter_unpack(d[o:o + _n51 * 320])])
    o += _n51 * 320
    return r_resultXEntries, o


def _r_XListOneVolume(data: bytes) -> Sequence[volintXInfo]:
    return decode_all(_o_XListOneVolume, data, 'AFSVolXListOneVolume reply')


def _i_XListOneVolume(d: bytes | memoryview, o: int) -> tuple[tuple[int, int], int]:
    _t53 = _S21.unpack_from(d, o)
    a_partID = _t53[0]
    a_volid = _t53[1]
    o += 8
    return (a_partID, a_volid, ), o


def _w_XListOneVolume(r: Sequence[volintXInfo]) -> bytes:
    b = bytearray()
    _n54 = counted(r, None, 'AFSVolXListOneVolume.resultXEntries')
    b += U32.pack(_n54)
    for _x55 in r:
        b += _S3.pack(*_f_volintXInfo(_x55))
    return bytes(b)


def _o_SetInfo(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_SetInfo(data: bytes) -> None:
    return decode_all(_o_SetInfo, data, 'AFSVolSetInfo reply')


def _i_SetInfo(d: bytes | memoryview, o: int) -> tuple[tuple[int, volintInfo], int]:
    _t56 = _S22.unpack_from(d, o)
    a_tid = _t56[0]
    a_status = _b_volintInfo(_t56[1:25])
    o += 224
    return (a_tid, a_status, ), o


def _w_SetInfo(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_XListPartitions(d: bytes | memoryview, o: int) -> tuple[Sequence[int], int]:
    _n57, o = count_decode(d, o, None, 'AFSVolXListPartitions.partIDs')
    need(d, o, _n57 * 4, 'AFSVolXListPartitions.partIDs')
    r_partIDs = words('i', _n57).unpack_from(d, o)
    o += _n57 * 4
    return r_partIDs, o


def _r_XListPartitions(data: bytes) -> Sequence[int]:
    return decode_all(_o_XListPartitions, data, 'AFSVolXListPartitions reply')


def _i_XListPartitions(d: bytes | memoryview, o: int) -> tuple[tuple[()], int]:
    return (), o


def _w_XListPartitions(r: Sequence[int]) -> bytes:
    b = bytearray()
    _n58 = counted(r, None, 'AFSVolXListPartitions.partIDs')
    b += U32.pack(_n58)
    b += words('i', _n58).pack(*r)
    return bytes(b)


def _o_ForwardMultiple(d: bytes | memoryview, o: int) -> tuple[Sequence[int], int]:
    _n59, o = count_decode(d, o, None, 'AFSVolForwardMultiple.results')
    need(d, o, _n59 * 4, 'AFSVolForwardMultiple.results')
    r_results = words('i', _n59).unpack_from(d, o)
    o += _n59 * 4
    return r_results, o


def _r_ForwardMultiple(data: bytes) -> Sequence[int]:
    return decode_all(_o_ForwardMultiple, data, 'AFSVolForwardMultiple reply')


def _i_ForwardMultiple(d: bytes | memoryview, o: int) -> tuple[tuple[int, int, Sequence[replica], int, restoreCookie], int]:
    _t60 = _S18.unpack_from(d, o)
    a_fromTrans = _t60[0]
    a_fromDate = _t60[1]
    o += 8
    _n61, o = count_decode(d, o, 13, 'AFSVolForwardMultiple.destinations')
    need(d, o, _n61 * 16, 'AFSVolForwardMultiple.destinations')
    a_destinations = tuple([_b_replica(_t62) for _t62 in _S9.iter_unpack(d[o:o + _n61 * 16])])
    o += _n61 * 16
    _t63 = _S23.unpack_from(d, o)
    a_spare = _t63[0]
    a_cookie = _b_restoreCookie(_t63[1:5])
    o += 144
    return (a_fromTrans, a_fromDate, a_destinations, a_spare, a_cookie, ), o


def _w_ForwardMultiple(r: Sequence[int]) -> bytes:
    b = bytearray()
    _n64 = counted(r, None, 'AFSVolForwardMultiple.results')
    b += U32.pack(_n64)
    b += words('i', _n64).pack(*r)
    return bytes(b)


def _o_ConvertROtoRWvolume(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_ConvertROtoRWvolume(data: bytes) -> None:
    return decode_all(_o_ConvertROtoRWvolume, data, 'AFSVolConvertROtoRWvolume reply')


def _i_ConvertROtoRWvolume(d: bytes | memoryview, o: int) -> tuple[tuple[int, int], int]:
    _t65 = _S21.unpack_from(d, o)
    a_partid = _t65[0]
    a_volid = _t65[1]
    o += 8
    return (a_partid, a_volid, ), o


def _w_ConvertROtoRWvolume(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_GetSize(d: bytes | memoryview, o: int) -> tuple[volintSize, int]:
    _t66 = _S10.unpack_from(d, o)
    r_size = _b_volintSize(_t66)
    o += 8
    return r_size, o


def _r_GetSize(data: bytes) -> volintSize:
    return decode_all(_o_GetSize, data, 'AFSVolGetSize reply')


def _i_GetSize(d: bytes | memoryview, o: int) -> tuple[tuple[int, int], int]:
    _t67 = _S18.unpack_from(d, o)
    a_fromTrans = _t67[0]
    a_fromDate = _t67[1]
    o += 8
    return (a_fromTrans, a_fromDate, ), o


def _w_GetSize(r: volintSize) -> bytes:
    b = bytearray()
    b += _S10.pack(*_f_volintSize(r))
    return bytes(b)


def _o_DumpV2(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_DumpV2(data: bytes) -> None:
    return decode_all(_o_DumpV2, data, 'AFSVolDumpV2 reply')


def _i_DumpV2(d: bytes | memoryview, o: int) -> tuple[tuple[int, int, int], int]:
    _t68 = _S1.unpack_from(d, o)
    a_fromTrans = _t68[0]
    a_fromDate = _t68[1]
    a_flags = _t68[2]
    o += 12
    return (a_fromTrans, a_fromDate, a_flags, ), o


def _w_DumpV2(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_PartitionInfo64(d: bytes | memoryview, o: int) -> tuple[diskPartition64, int]:
    _t69 = _S7.unpack_from(d, o)
    r_partition = _b_diskPartition64(_t69)
    o += 2076
    return r_partition, o


def _r_PartitionInfo64(data: bytes) -> diskPartition64:
    return decode_all(_o_PartitionInfo64, data, 'AFSVolPartitionInfo64 reply')


def _i_PartitionInfo64(d: bytes | memoryview, o: int) -> tuple[tuple[str], int]:
    a_name, o = string_decode(d, o, 4096, 'AFSVolPartitionInfo64.name')
    return (a_name, ), o


def _w_PartitionInfo64(r: diskPartition64) -> bytes:
    b = bytearray()
    b += _S7.pack(*_f_diskPartition64(r))
    return bytes(b)


def _o_SplitVolume(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_SplitVolume(data: bytes) -> None:
    return decode_all(_o_SplitVolume, data, 'AFSVolSplitVolume reply')


def _i_SplitVolume(d: bytes | memoryview, o: int) -> tuple[tuple[int, int, int, int], int]:
    _t70 = _S24.unpack_from(d, o)
    a_vid = _t70[0]
    a_newid = _t70[1]
    a_where = _t70[2]
    a_verbose = _t70[3]
    o += 16
    return (a_vid, a_newid, a_where, a_verbose, ), o


def _w_SplitVolume(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


class Client(_rpc.Client):
    """Calls the AFSVol procedures on a server."""

    SERVICE_ID = 4

    async def CreateVolume(self, partition: int, name: str, type: int, parent: int, volid: int) -> CreateVolumeResult:
        """AFSVolCreateVolume (opcode 100, vol.xg:205). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00d')
        try:
            b += _S12.pack(partition)
            string_encode(b, name, 32, 'AFSVolCreateVolume.name')
            b += _S13.pack(type, parent, volid)
        except struct.error as exc:
            raise encode_error(exc, 'AFSVolCreateVolume') from None
        return await self._invoke('AFSVolCreateVolume', bytes(b), _r_CreateVolume)

    async def DeleteVolume(self, trans: int) -> None:
        """AFSVolDeleteVolume (opcode 101, vol.xg:209). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00e')
        try:
            b += _S12.pack(trans)
        except struct.error as exc:
            raise encode_error(exc, 'AFSVolDeleteVolume') from None
        return await self._invoke('AFSVolDeleteVolume', bytes(b), _r_DeleteVolume)

    def Restore(self, toTrans: int, flags: int, cookie: restoreCookie) -> SplitCall[None]:
        """AFSVolRestore (opcode 102, vol.xg:213).

        Use with ``async with``: entering sends the arguments; stream the
        data, then ``await stream.finish()`` returns the OUT values.
        """
        b = bytearray(b'\x00\x00\x00f')
        try:
            b += _S14.pack(toTrans, flags, *_f_restoreCookie(cookie))
        except struct.error as exc:
            raise encode_error(exc, 'AFSVolRestore') from None
        return self._split('AFSVolRestore', bytes(b), _r_Restore)

    async def Forward(self, fromTrans: int, fromDate: int, destination: destServer, destTrans: int, cookie: restoreCookie) -> None:
        """AFSVolForward (opcode 103, vol.xg:217). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00g')
        try:
            b += _S15.pack(fromTrans, fromDate, *_f_destServer(destination), destTrans, *_f_restoreCookie(cookie))
        except struct.error as exc:
            raise encode_error(exc, 'AFSVolForward') from None
        return await self._invoke('AFSVolForward', bytes(b), _r_Forward)

    async def EndTrans(self, trans: int) -> int:
        """AFSVolEndTrans (opcode 104, vol.xg:221). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00h')
        try:
            b += _S12.pack(trans)
        except struct.error as exc:
            raise encode_error(exc, 'AFSVolEndTrans') from None
        return await self._invoke('AFSVolEndTrans', bytes(b), _r_EndTrans)

    async def Clone(self, trans: int, purgeVol: int, newType: int, newName: str, newVol: int) -> int:
        """AFSVolClone (opcode 105, vol.xg:223). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00i')
        try:
            b += _S17.pack(trans, purgeVol, newType)
            string_encode(b, newName, 32, 'AFSVolClone.newName')
            b += _S16.pack(newVol)
        except struct.error as exc:
            raise encode_error(exc, 'AFSVolClone') from None
        return await self._invoke('AFSVolClone', bytes(b), _r_Clone)

    async def SetFlags(self, trans: int, flags: int) -> None:
        """AFSVolSetFlags (opcode 106, vol.xg:227). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00j')
        try:
            b += _S18.pack(trans, flags)
        except struct.error as exc:
            raise encode_error(exc, 'AFSVolSetFlags') from None
        return await self._invoke('AFSVolSetFlags', bytes(b), _r_SetFlags)

    async def GetFlags(self, trans: int) -> int:
        """AFSVolGetFlags (opcode 107, vol.xg:229). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00k')
        try:
            b += _S12.pack(trans)
        except struct.error as exc:
            raise encode_error(exc, 'AFSVolGetFlags') from None
        return await self._invoke('AFSVolGetFlags', bytes(b), _r_GetFlags)

    async def TransCreate(self, volume: int, partition: int, flags: int) -> int:
        """AFSVolTransCreate (opcode 108, vol.xg:232). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00l')
        try:
            b += _S19.pack(volume, partition, flags)
        except struct.error as exc:
            raise encode_error(exc, 'AFSVolTransCreate') from None
        return await self._invoke('AFSVolTransCreate', bytes(b), _r_TransCreate)

    def Dump(self, fromTrans: int, fromDate: int) -> SplitCall[None]:
        """AFSVolDump (opcode 109, vol.xg:237).

        Use with ``async with``: entering sends the arguments; stream the
        data, then ``await stream.finish()`` returns the OUT values.
        """
        b = bytearray(b'\x00\x00\x00m')
        try:
            b += _S18.pack(fromTrans, fromDate)
        except struct.error as exc:
            raise encode_error(exc, 'AFSVolDump') from None
        return self._split('AFSVolDump', bytes(b), _r_Dump)

    async def GetNthVolume(self, index: int) -> GetNthVolumeResult:
        """AFSVolGetNthVolume (opcode 110, vol.xg:239). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00n')
        try:
            b += _S12.pack(index)
        except struct.error as exc:
            raise encode_error(exc, 'AFSVolGetNthVolume') from None
        return await self._invoke('AFSVolGetNthVolume', bytes(b), _r_GetNthVolume)

    async def SetForwarding(self, tid: int, newsite: int) -> None:
        """AFSVolSetForwarding (opcode 111, vol.xg:243). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00o')
        try:
            b += _S18.pack(tid, newsite)
        except struct.error as exc:
            raise encode_error(exc, 'AFSVolSetForwarding') from None
        return await self._invoke('AFSVolSetForwarding', bytes(b), _r_SetForwarding)

    async def GetName(self, tid: int) -> str:
        """AFSVolGetName (opcode 112, vol.xg:245). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00p')
        try:
            b += _S12.pack(tid)
        except struct.error as exc:
            raise encode_error(exc, 'AFSVolGetName') from None
        return await self._invoke('AFSVolGetName', bytes(b), _r_GetName)

    async def GetStatus(self, tid: int) -> volser_status:
        """AFSVolGetStatus (opcode 113, vol.xg:247). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00q')
        try:
            b += _S12.pack(tid)
        except struct.error as exc:
            raise encode_error(exc, 'AFSVolGetStatus') from None
        return await self._invoke('AFSVolGetStatus', bytes(b), _r_GetStatus)

    async def SignalRestore(self, name: str, type: int, pid: int, cloneid: int) -> None:
        """AFSVolSignalRestore (opcode 114, vol.xg:249). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00r')
        try:
            string_encode(b, name, 32, 'AFSVolSignalRestore.name')
            b += _S13.pack(type, pid, cloneid)
        except struct.error as exc:
            raise encode_error(exc, 'AFSVolSignalRestore') from None
        return await self._invoke('AFSVolSignalRestore', bytes(b), _r_SignalRestore)

    async def ListPartitions(self) -> pIDs:
        """AFSVolListPartitions (opcode 115, vol.xg:252). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00s')
        return await self._invoke('AFSVolListPartitions', bytes(b), _r_ListPartitions)

    async def ListVolumes(self, partID: int, flags: int) -> Sequence[volintInfo]:
        """AFSVolListVolumes (opcode 116, vol.xg:255). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00t')
        try:
            b += _S18.pack(partID, flags)
        except struct.error as exc:
            raise encode_error(exc, 'AFSVolListVolumes') from None
        return await self._invoke('AFSVolListVolumes', bytes(b), _r_ListVolumes)

    async def SetIdsTypes(self, tId: int, name: str, type: int, pId: int, cloneId: int, backupId: int) -> None:
        """AFSVolSetIdsTypes (opcode 117, vol.xg:258). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00u')
        try:
            b += _S12.pack(tId)
            string_encode(b, name, 32, 'AFSVolSetIdsTypes.name')
            b += _S20.pack(type, pId, cloneId, backupId)
        except struct.error as exc:
            raise encode_error(exc, 'AFSVolSetIdsTypes') from None
        return await self._invoke('AFSVolSetIdsTypes', bytes(b), _r_SetIdsTypes)

    async def Monitor(self) -> Sequence[transDebugInfo]:
        """AFSVolMonitor (opcode 118, vol.xg:263). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00v')
        return await self._invoke('AFSVolMonitor', bytes(b), _r_Monitor)

    async def PartitionInfo(self, name: str) -> diskPartition:
        """AFSVolPartitionInfo (opcode 119, vol.xg:265). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00w')
        try:
            string_encode(b, name, 4096, 'AFSVolPartitionInfo.name')
        except struct.error as exc:
            raise encode_error(exc, 'AFSVolPartitionInfo') from None
        return await self._invoke('AFSVolPartitionInfo', bytes(b), _r_PartitionInfo)

    async def ReClone(self, tid: int, cloneID: int) -> None:
        """AFSVolReClone (opcode 120, vol.xg:268). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00x')
        try:
            b += _S21.pack(tid, cloneID)
        except struct.error as exc:
            raise encode_error(exc, 'AFSVolReClone') from None
        return await self._invoke('AFSVolReClone', bytes(b), _r_ReClone)

    async def ListOneVolume(self, partID: int, volid: int) -> Sequence[volintInfo]:
        """AFSVolListOneVolume (opcode 121, vol.xg:270). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00y')
        try:
            b += _S21.pack(partID, volid)
        except struct.error as exc:
            raise encode_error(exc, 'AFSVolListOneVolume') from None
        return await self._invoke('AFSVolListOneVolume', bytes(b), _r_ListOneVolume)

    async def NukeVolume(self, partID: int, volID: int) -> None:
        """AFSVolNukeVolume (opcode 122, vol.xg:274). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00z')
        try:
            b += _S21.pack(partID, volID)
        except struct.error as exc:
            raise encode_error(exc, 'AFSVolNukeVolume') from None
        return await self._invoke('AFSVolNukeVolume', bytes(b), _r_NukeVolume)

    async def SetDate(self, tid: int, newDate: int) -> None:
        """AFSVolSetDate (opcode 123, vol.xg:276). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00{')
        try:
            b += _S18.pack(tid, newDate)
        except struct.error as exc:
            raise encode_error(exc, 'AFSVolSetDate') from None
        return await self._invoke('AFSVolSetDate', bytes(b), _r_SetDate)

    async def XListVolumes(self, partID: int, flags: int) -> Sequence[volintXInfo]:
        """AFSVolXListVolumes (opcode 124, vol.xg:278). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00|')
        try:
            b += _S18.pack(partID, flags)
        except struct.error as exc:
            raise encode_error(exc, 'AFSVolXListVolumes') from None
        return await self._invoke('AFSVolXListVolumes', bytes(b), _r_XListVolumes)

    async def XListOneVolume(self, partID: int, volid: int) -> Sequence[volintXInfo]:
        """AFSVolXListOneVolume (opcode 125, vol.xg:281). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00}')
        try:
            b += _S21.pack(partID, volid)
        except struct.error as exc:
            raise encode_error(exc, 'AFSVolXListOneVolume') from None
        return await self._invoke('AFSVolXListOneVolume', bytes(b), _r_XListOneVolume)

    async def SetInfo(self, tid: int, status: volintInfo) -> None:
        """AFSVolSetInfo (opcode 126, vol.xg:284). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00~')
        try:
            b += _S22.pack(tid, *_f_volintInfo(status))
        except struct.error as exc:
            raise encode_error(exc, 'AFSVolSetInfo') from None
        return await self._invoke('AFSVolSetInfo', bytes(b), _r_SetInfo)

    async def XListPartitions(self) -> Sequence[int]:
        """AFSVolXListPartitions (opcode 127, vol.xg:287). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\x7f')
        return await self._invoke('AFSVolXListPartitions', bytes(b), _r_XListPartitions)

    async def ForwardMultiple(self, fromTrans: int, fromDate: int, destinations: Sequence[replica], spare: int, cookie: restoreCookie) -> Sequence[int]:
        """AFSVolForwardMultiple (opcode 128, vol.xg:290). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\x80')
        try:
            b += _S18.pack(fromTrans, fromDate)
            _n71 = counted(destinations, 13, 'AFSVolForwardMultiple.destinations')
            b += U32.pack(_n71)
            for _x72 in destinations:
                b += _S9.pack(*_f_replica(_x72))
            b += _S23.pack(spare, *_f_restoreCookie(cookie))
        except struct.error as exc:
            raise encode_error(exc, 'AFSVolForwardMultiple') from None
        return await self._invoke('AFSVolForwardMultiple', bytes(b), _r_ForwardMultiple)

    async def ConvertROtoRWvolume(self, partid: int, volid: int) -> None:
        """AFSVolConvertROtoRWvolume (opcode 65536, vol.xg:297). Cancellation aborts the call."""
        b = bytearray(b'\x00\x01\x00\x00')
        try:
            b += _S21.pack(partid, volid)
        except struct.error as exc:
            raise encode_error(exc, 'AFSVolConvertROtoRWvolume') from None
        return await self._invoke('AFSVolConvertROtoRWvolume', bytes(b), _r_ConvertROtoRWvolume)

    async def GetSize(self, fromTrans: int, fromDate: int) -> volintSize:
        """AFSVolGetSize (opcode 65537, vol.xg:299). Cancellation aborts the call."""
        b = bytearray(b'\x00\x01\x00\x01')
        try:
            b += _S18.pack(fromTrans, fromDate)
        except struct.error as exc:
            raise encode_error(exc, 'AFSVolGetSize') from None
        return await self._invoke('AFSVolGetSize', bytes(b), _r_GetSize)

    def DumpV2(self, fromTrans: int, fromDate: int, flags: int) -> SplitCall[None]:
        """AFSVolDumpV2 (opcode 65538, vol.xg:303).

        Use with ``async with``: entering sends the arguments; stream the
        data, then ``await stream.finish()`` returns the OUT values.
        """
        b = bytearray(b'\x00\x01\x00\x02')
        try:
            b += _S1.pack(fromTrans, fromDate, flags)
        except struct.error as exc:
            raise encode_error(exc, 'AFSVolDumpV2') from None
        return self._split('AFSVolDumpV2', bytes(b), _r_DumpV2)

    async def PartitionInfo64(self, name: str) -> diskPartition64:
        """AFSVolPartitionInfo64 (opcode 65539, vol.xg:306). Cancellation aborts the call."""
        b = bytearray(b'\x00\x01\x00\x03')
        try:
            string_encode(b, name, 4096, 'AFSVolPartitionInfo64.name')
        except struct.error as exc:
            raise encode_error(exc, 'AFSVolPartitionInfo64') from None
        return await self._invoke('AFSVolPartitionInfo64', bytes(b), _r_PartitionInfo64)

    def SplitVolume(self, vid: int, newid: int, where: int, verbose: int) -> SplitCall[None]:
        """AFSVolSplitVolume (opcode 65547, vol.xg:313).

        Use with ``async with``: entering sends the arguments; stream the
        data, then ``await stream.finish()`` returns the OUT values.
        """
        b = bytearray(b'\x00\x01\x00\x0b')
        try:
            b += _S24.pack(vid, newid, where, verbose)
        except struct.error as exc:
            raise encode_error(exc, 'AFSVolSplitVolume') from None
        return self._split('AFSVolSplitVolume', bytes(b), _r_SplitVolume)


class Service(_rpc.Service):
    """Serves the AFSVol procedures: subclass and override."""

    SERVICE_ID = 4
    PROCEDURES: ClassVar[dict[int, Procedure]] = {100: Procedure('CreateVolume', 100, False, _i_CreateVolume, _w_CreateVolume), 101: Procedure('DeleteVolume', 101, False, _i_DeleteVolume, _w_DeleteVolume), 102: Procedure('Restore', 102, True, _i_Restore, _w_Restore), 103: Procedure('Forward', 103, False, _i_Forward, _w_Forward), 104: Procedure('EndTrans', 104, False, _i_EndTrans, _w_EndTrans), 105: Procedure('Clone', 105, False, _i_Clone, _w_Clone), 106: Procedure('SetFlags', 106, False, _i_SetFlags, _w_SetFlags), 107: Procedure('GetFlags', 107, False, _i_GetFlags, _w_GetFlags), 108: Procedure('TransCreate', 108, False, _i_TransCreate, _w_TransCreate), 109: Procedure('Dump', 109, True, _i_Dump, _w_Dump), 110: Procedure('GetNthVolume', 110, False, _i_GetNthVolume, _w_GetNthVolume), 111: Procedure('SetForwarding', 111, False, _i_SetForwarding, _w_SetForwarding), 112: Procedure('GetName', 112, False, _i_GetName, _w_GetName), 113: Procedure('GetStatus', 113, False, _i_GetStatus, _w_GetStatus), 114: Procedure('SignalRestore', 114, False, _i_SignalRestore, _w_SignalRestore), 115: Procedure('ListPartitions', 115, False, _i_ListPartitions, _w_ListPartitions), 116: Procedure('ListVolumes', 116, False, _i_ListVolumes, _w_ListVolumes), 117: Procedure('SetIdsTypes', 117, False, _i_SetIdsTypes, _w_SetIdsTypes), 118: Procedure('Monitor', 118, False, _i_Monitor, _w_Monitor), 119: Procedure('PartitionInfo', 119, False, _i_PartitionInfo, _w_PartitionInfo), 120: Procedure('ReClone', 120, False, _i_ReClone, _w_ReClone), 121: Procedure('ListOneVolume', 121, False, _i_ListOneVolume, _w_ListOneVolume), 122: Procedure('NukeVolume', 122, False, _i_NukeVolume, _w_NukeVolume), 123: Procedure('SetDate', 123, False, _i_SetDate, _w_SetDate), 124: Procedure('XListVolumes', 124, False, _i_XListVolumes, _w_XListVolumes), 125: Procedure('XListOneVolume', 125, False, _i_XListOneVolume, _w_XListOneVolume), 126: Procedure('SetInfo', 126, False, _i_SetInfo, _w_SetInfo), 127: Procedure('XListPartitions', 127, False, _i_XListPartitions, _w_XListPartitions), 128: Procedure('ForwardMultiple', 128, False, _i_ForwardMultiple, _w_ForwardMultiple), 65536: Procedure('ConvertROtoRWvolume', 65536, False, _i_ConvertROtoRWvolume, _w_ConvertROtoRWvolume), 65537: Procedure('GetSize', 65537, False, _i_GetSize, _w_GetSize), 65538: Procedure('DumpV2', 65538, True, _i_DumpV2, _w_DumpV2), 65539: Procedure('PartitionInfo64', 65539, False, _i_PartitionInfo64, _w_PartitionInfo64), 65547: Procedure('SplitVolume', 65547, True, _i_SplitVolume, _w_SplitVolume)}

    async def CreateVolume(self, call: Call, partition: int, name: str, type: int, parent: int, volid: int) -> CreateVolumeResult:
        """AFSVolCreateVolume (opcode 100): override to implement."""
        raise NotImplementedError

    async def DeleteVolume(self, call: Call, trans: int) -> None:
        """AFSVolDeleteVolume (opcode 101): override to implement."""
        raise NotImplementedError

    async def Restore(self, stream: SplitStream, toTrans: int, flags: int, cookie: restoreCookie) -> None:
        """AFSVolRestore (opcode 102): override to implement."""
        raise NotImplementedError

    async def Forward(self, call: Call, fromTrans: int, fromDate: int, destination: destServer, destTrans: int, cookie: restoreCookie) -> None:
        """AFSVolForward (opcode 103): override to implement."""
        raise NotImplementedError

    async def EndTrans(self, call: Call, trans: int) -> int:
        """AFSVolEndTrans (opcode 104): override to implement."""
        raise NotImplementedError

    async def Clone(self, call: Call, trans: int, purgeVol: int, newType: int, newName: str, newVol: int) -> int:
        """AFSVolClone (opcode 105): override to implement."""
        raise NotImplementedError

    async def SetFlags(self, call: Call, trans: int, flags: int) -> None:
        """AFSVolSetFlags (opcode 106): override to implement."""
        raise NotImplementedError

    async def GetFlags(self, call: Call, trans: int) -> int:
        """AFSVolGetFlags (opcode 107): override to implement."""
        raise NotImplementedError

    async def TransCreate(self, call: Call, volume: int, partition: int, flags: int) -> int:
        """AFSVolTransCreate (opcode 108): override to implement."""
        raise NotImplementedError

    async def Dump(self, stream: SplitStream, fromTrans: int, fromDate: int) -> None:
        """AFSVolDump (opcode 109): override to implement."""
        raise NotImplementedError

    async def GetNthVolume(self, call: Call, index: int) -> GetNthVolumeResult:
        """AFSVolGetNthVolume (opcode 110): override to implement."""
        raise NotImplementedError

    async def SetForwarding(self, call: Call, tid: int, newsite: int) -> None:
        """AFSVolSetForwarding (opcode 111): override to implement."""
        raise NotImplementedError

    async def GetName(self, call: Call, tid: int) -> str:
        """AFSVolGetName (opcode 112): override to implement."""
        raise NotImplementedError

    async def GetStatus(self, call: Call, tid: int) -> volser_status:
        """AFSVolGetStatus (opcode 113): override to implement."""
        raise NotImplementedError

    async def SignalRestore(self, call: Call, name: str, type: int, pid: int, cloneid: int) -> None:
        """AFSVolSignalRestore (opcode 114): override to implement."""
        raise NotImplementedError

    async def ListPartitions(self, call: Call) -> pIDs:
        """AFSVolListPartitions (opcode 115): override to implement."""
        raise NotImplementedError

    async def ListVolumes(self, call: Call, partID: int, flags: int) -> Sequence[volintInfo]:
        """AFSVolListVolumes (opcode 116): override to implement."""
        raise NotImplementedError

    async def SetIdsTypes(self, call: Call, tId: int, name: str, type: int, pId: int, cloneId: int, backupId: int) -> None:
        """AFSVolSetIdsTypes (opcode 117): override to implement."""
        raise NotImplementedError

    async def Monitor(self, call: Call) -> Sequence[transDebugInfo]:
        """AFSVolMonitor (opcode 118): override to implement."""
        raise NotImplementedError

    async def PartitionInfo(self, call: Call, name: str) -> diskPartition:
        """AFSVolPartitionInfo (opcode 119): override to implement."""
        raise NotImplementedError

    async def ReClone(self, call: Call, tid: int, cloneID: int) -> None:
        """AFSVolReClone (opcode 120): override to implement."""
        raise NotImplementedError

    async def ListOneVolume(self, call: Call, partID: int, volid: int) -> Sequence[volintInfo]:
        """AFSVolListOneVolume (opcode 121): override to implement."""
        raise NotImplementedError

    async def NukeVolume(self, call: Call, partID: int, volID: int) -> None:
        """AFSVolNukeVolume (opcode 122): override to implement."""
        raise NotImplementedError

    async def SetDate(self, call: Call, tid: int, newDate: int) -> None:
        """AFSVolSetDate (opcode 123): override to implement."""
        raise NotImplementedError

    async def XListVolumes(self, call: Call, partID: int, flags: int) -> Sequence[volintXInfo]:
        """AFSVolXListVolumes (opcode 124): override to implement."""
        raise NotImplementedError

    async def XListOneVolume(self, call: Call, partID: int, volid: int) -> Sequence[volintXInfo]:
        """AFSVolXListOneVolume (opcode 125): override to implement."""
        raise NotImplementedError

    async def SetInfo(self, call: Call, tid: int, status: volintInfo) -> None:
        """AFSVolSetInfo (opcode 126): override to implement."""
        raise NotImplementedError

    async def XListPartitions(self, call: Call) -> Sequence[int]:
        """AFSVolXListPartitions (opcode 127): override to implement."""
        raise NotImplementedError

    async def ForwardMultiple(self, call: Call, fromTrans: int, fromDate: int, destinations: Sequence[replica], spare: int, cookie: restoreCookie) -> Sequence[int]:
        """AFSVolForwardMultiple (opcode 128): override to implement."""
        raise NotImplementedError

    async def ConvertROtoRWvolume(self, call: Call, partid: int, volid: int) -> None:
        """AFSVolConvertROtoRWvolume (opcode 65536): override to implement."""
        raise NotImplementedError

    async def GetSize(self, call: Call, fromTrans: int, fromDate: int) -> volintSize:
        """AFSVolGetSize (opcode 65537): override to implement."""
        raise NotImplementedError

    async def DumpV2(self, stream: SplitStream, fromTrans: int, fromDate: int, flags: int) -> None:
        """AFSVolDumpV2 (opcode 65538): override to implement."""
        raise NotImplementedError

    async def PartitionInfo64(self, call: Call, name: str) -> diskPartition64:
        """AFSVolPartitionInfo64 (opcode 65539): override to implement."""
        raise NotImplementedError

    async def SplitVolume(self, stream: SplitStream, vid: int, newid: int, where: int, verbose: int) -> None:
        """AFSVolSplitVolume (opcode 65547): override to implement."""
        raise NotImplementedError


OPCODES: Final[dict[str, int]] = {'CreateVolume': 100, 'DeleteVolume': 101, 'Restore': 102, 'Forward': 103, 'EndTrans': 104, 'Clone': 105, 'SetFlags': 106, 'GetFlags': 107, 'TransCreate': 108, 'Dump': 109, 'GetNthVolume': 110, 'SetForwarding': 111, 'GetName': 112, 'GetStatus': 113, 'SignalRestore': 114, 'ListPartitions': 115, 'ListVolumes': 116, 'SetIdsTypes': 117, 'Monitor': 118, 'PartitionInfo': 119, 'ReClone': 120, 'ListOneVolume': 121, 'NukeVolume': 122, 'SetDate': 123, 'XListVolumes': 124, 'XListOneVolume': 125, 'SetInfo': 126, 'XListPartitions': 127, 'ForwardMultiple': 128, 'ConvertROtoRWvolume': 65536, 'GetSize': 65537, 'DumpV2': 65538, 'PartitionInfo64': 65539, 'SplitVolume': 65547}
"""Every procedure's opcode, by name."""
