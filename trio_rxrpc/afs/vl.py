"""The VL interface, generated from vl.xg: written by trio-rxrpc rxgen.

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

PACKAGE: Final = 'VL_'
STATINDEX: Final = 15
SERVICE_ID: Final = 52

VLDBVERSION_4: Final = 4
VLDBVERSION: Final = 3
OVLDBVERSION: Final = 2
VL_MAXNAMELEN: Final = 65
OMAXNSERVERS: Final = 8
NMAXNSERVERS: Final = 13
MAXTYPES: Final = 3
VLUPDATE_VOLUMENAME: Final = 1
VLUPDATE_FLAGS: Final = 4
VLUPDATE_READONLYID: Final = 8
VLUPDATE_BACKUPID: Final = 16
VLUPDATE_REPSITES: Final = 32
VLUPDATE_CLONEID: Final = 128
VLUPDATE_VOLNAMEHASH: Final = 256
VLUPDATE_RWID: Final = 512
VLUPDATE_REPS_DELETE: Final = 256
VLUPDATE_REPS_ADD: Final = 512
VLUPDATE_REPS_MODSERV: Final = 1024
VLUPDATE_REPS_MODPART: Final = 2048
VLUPDATE_REPS_MODFLAG: Final = 4096
DEFAULTBULK: Final = 10000
VLLIST_SERVER: Final = 1
VLLIST_PARTITION: Final = 2
VLLIST_VOLUMEID: Final = 8
VLLIST_FLAG: Final = 16
VLADDR_IPADDR: Final = 1
VLADDR_INDEX: Final = 2
VLADDR_UUID: Final = 4
MAX_NUMBER_OPCODES: Final = 50
VLOP_MOVE: Final = 16
VLOP_RELEASE: Final = 32
VLOP_BACKUP: Final = 64
VLOP_DELETE: Final = 128
VLOP_DUMP: Final = 256
VLOP_ADDSITE: Final = 128
VLOP_RESTORE: Final = 256
VLOP_ALLOPERS: Final = 496
VLF_RWEXISTS: Final = 4096
VLF_ROEXISTS: Final = 8192
VLF_BACKEXISTS: Final = 16384
VLF_DFSFILESET: Final = 32768
VLSF_NEWREPSITE: Final = 1
VLSF_ROVOL: Final = 2
VLSF_RWVOL: Final = 4
VLSF_BACKVOL: Final = 8
VLSF_UUID: Final = 16
VLSF_DONTUSE: Final = 32
VLSF_RWREPLICA: Final = 64


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
class VldbUpdateEntry:
    """``struct VldbUpdateEntry`` (vl.xg:35)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('Mask', 'name', 'spares3', 'flags', 'ReadOnlyId', 'BackupId', 'cloneId', 'nModifiedRepsites', 'RepsitesMask', 'RepsitesTargetServer', 'RepsitesTargetPart', 'RepsitesNewServer', 'RepsitesNewPart', 'RepsitesNewFlags',)

    Mask: int = 0
    name: str = ""
    spares3: int = 0
    flags: int = 0
    ReadOnlyId: int = 0
    BackupId: int = 0
    cloneId: int = 0
    nModifiedRepsites: int = 0
    RepsitesMask: Sequence[int] = (0,) * 8
    RepsitesTargetServer: Sequence[int] = (0,) * 8
    RepsitesTargetPart: Sequence[int] = (0,) * 8
    RepsitesNewServer: Sequence[int] = (0,) * 8
    RepsitesNewPart: Sequence[int] = (0,) * 8
    RepsitesNewFlags: Sequence[int] = (0,) * 8

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_VldbUpdateEntry, self, 'VldbUpdateEntry')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> VldbUpdateEntry:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_VldbUpdateEntry, data, 'VldbUpdateEntry')


bulk: TypeAlias = 'bytes'

@attrs.frozen
class VldbListByAttributes:
    """``struct VldbListByAttributes`` (vl.xg:74)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('Mask', 'server', 'partition', 'spares3', 'volumeid', 'flag',)

    Mask: int = 0
    server: int = 0
    partition: int = 0
    spares3: int = 0
    volumeid: int = 0
    flag: int = 0

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_VldbListByAttributes, self, 'VldbListByAttributes')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> VldbListByAttributes:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_VldbListByAttributes, data, 'VldbListByAttributes')


@attrs.frozen
class vldbentry:
    """``struct vldbentry`` (vl.xg:90)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('name', 'spares3', 'nServers', 'serverNumber', 'serverPartition', 'serverFlags', 'volumeId', 'cloneId', 'flags',)

    name: str = ""
    spares3: int = 0
    nServers: int = 0
    serverNumber: Sequence[int] = (0,) * 8
    serverPartition: Sequence[int] = (0,) * 8
    serverFlags: Sequence[int] = (0,) * 8
    volumeId: Sequence[int] = (0,) * 3
    cloneId: int = 0
    flags: int = 0

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_vldbentry, self, 'vldbentry')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> vldbentry:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_vldbentry, data, 'vldbentry')


@attrs.frozen
class nvldbentry:
    """``struct nvldbentry`` (vl.xg:103)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('name', 'nServers', 'serverNumber', 'serverPartition', 'serverFlags', 'volumeId', 'cloneId', 'flags', 'matchindex', 'spares2', 'spares3', 'spares4', 'spares5', 'spares6', 'spares7', 'spares8', 'spares9',)

    name: str = ""
    nServers: int = 0
    serverNumber: Sequence[int] = (0,) * 13
    serverPartition: Sequence[int] = (0,) * 13
    serverFlags: Sequence[int] = (0,) * 13
    volumeId: Sequence[int] = (0,) * 3
    cloneId: int = 0
    flags: int = 0
    matchindex: int = 0
    spares2: int = 0
    spares3: int = 0
    spares4: int = 0
    spares5: int = 0
    spares6: int = 0
    spares7: int = 0
    spares8: int = 0
    spares9: int = 0

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_nvldbentry, self, 'nvldbentry')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> nvldbentry:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_nvldbentry, data, 'nvldbentry')


@attrs.frozen
class ListAddrByAttributes:
    """``struct ListAddrByAttributes`` (vl.xg:124)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('Mask', 'ipaddr', 'index', 'spare1', 'uuid',)

    Mask: int = 0
    ipaddr: int = 0
    index: int = 0
    spare1: int = 0
    uuid: afsUUID = attrs.field(factory=lambda: afsUUID())

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_ListAddrByAttributes, self, 'ListAddrByAttributes')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> ListAddrByAttributes:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_ListAddrByAttributes, data, 'ListAddrByAttributes')


@attrs.frozen
class uvldbentry:
    """``struct uvldbentry`` (vl.xg:138)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('name', 'nServers', 'serverNumber', 'serverUnique', 'serverPartition', 'serverFlags', 'volumeId', 'cloneId', 'flags', 'matchindex', 'spares2', 'spares3', 'spares4', 'spares5', 'spares6', 'spares7', 'spares8', 'spares9',)

    name: str = ""
    nServers: int = 0
    serverNumber: Sequence[afsUUID] = attrs.field(factory=lambda: (afsUUID(),) * 13)
    serverUnique: Sequence[int] = (0,) * 13
    serverPartition: Sequence[int] = (0,) * 13
    serverFlags: Sequence[int] = (0,) * 13
    volumeId: Sequence[int] = (0,) * 3
    cloneId: int = 0
    flags: int = 0
    matchindex: int = 0
    spares2: int = 0
    spares3: int = 0
    spares4: int = 0
    spares5: int = 0
    spares6: int = 0
    spares7: int = 0
    spares8: int = 0
    spares9: int = 0

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_uvldbentry, self, 'uvldbentry')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> uvldbentry:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_uvldbentry, data, 'uvldbentry')


@attrs.frozen
class vital_vlheader:
    """``struct vital_vlheader`` (vl.xg:160)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('vldbversion', 'headersize', 'freePtr', 'eofPtr', 'allocs', 'frees', 'MaxVolumeId', 'totalEntries',)

    vldbversion: int = 0
    headersize: int = 0
    freePtr: int = 0
    eofPtr: int = 0
    allocs: int = 0
    frees: int = 0
    MaxVolumeId: int = 0
    totalEntries: Sequence[int] = (0,) * 3

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_vital_vlheader, self, 'vital_vlheader')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> vital_vlheader:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_vital_vlheader, data, 'vital_vlheader')


@attrs.frozen
class vldstats:
    """``struct vldstats`` (vl.xg:173)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('start_time', 'requests', 'aborts', 'reserved',)

    start_time: int = 0
    requests: Sequence[int] = (0,) * 50
    aborts: Sequence[int] = (0,) * 50
    reserved: Sequence[int] = (0,) * 5

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_vldstats, self, 'vldstats')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> vldstats:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_vldstats, data, 'vldstats')


bulkentries: TypeAlias = 'Sequence[vldbentry]'

nbulkentries: TypeAlias = 'Sequence[nvldbentry]'

ubulkentries: TypeAlias = 'Sequence[uvldbentry]'

bulkaddrs: TypeAlias = 'Sequence[int]'

@attrs.frozen
class VLCallBack:
    """``struct VLCallBack`` (vl.xg:213)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('CallBackVersion', 'ExpirationTime', 'CallBackType', 'Handle',)

    CallBackVersion: int = 0
    ExpirationTime: int = 0
    CallBackType: int = 0
    Handle: int = 0

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_VLCallBack, self, 'VLCallBack')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> VLCallBack:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_VLCallBack, data, 'VLCallBack')


vldblist: TypeAlias = 'single_vldbentry | None'

@attrs.frozen
class single_vldbentry:
    """``struct single_vldbentry`` (vl.xg:223)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('VldbEntry', 'next_vldb',)

    VldbEntry: vldbentry = attrs.field(factory=lambda: vldbentry())
    next_vldb: single_vldbentry | None = None

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_single_vldbentry, self, 'single_vldbentry')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> single_vldbentry:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_single_vldbentry, data, 'single_vldbentry')


@attrs.frozen
class vldb_list:
    """``struct vldb_list`` (vl.xg:228)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('node',)

    node: single_vldbentry | None = None

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_vldb_list, self, 'vldb_list')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> vldb_list:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_vldb_list, data, 'vldb_list')


nvldblist: TypeAlias = 'single_nvldbentry | None'

@attrs.frozen
class single_nvldbentry:
    """``struct single_nvldbentry`` (vl.xg:234)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('VldbEntry', 'next_vldb',)

    VldbEntry: nvldbentry = attrs.field(factory=lambda: nvldbentry())
    next_vldb: single_nvldbentry | None = None

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_single_nvldbentry, self, 'single_nvldbentry')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> single_nvldbentry:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_single_nvldbentry, data, 'single_nvldbentry')


@attrs.frozen
class nvldb_list:
    """``struct nvldb_list`` (vl.xg:239)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('node',)

    node: single_nvldbentry | None = None

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_nvldb_list, self, 'nvldb_list')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> nvldb_list:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_nvldb_list, data, 'nvldb_list')


_S0 = struct.Struct('>IIIii24s')
_S1 = struct.Struct('>I260siiIIIiIIIIIIIIiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii')
_S2 = struct.Struct('>IiiiIi')
_S3 = struct.Struct('>260siiiiiiiiiiiiiiiiiiiiiiiiiiIIIIi')
_S4 = struct.Struct('>260siiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiIIIIiiiiiiiiii')
_S5 = struct.Struct('>iIiiIIIii24s')
_S6 = struct.Struct('>260siIIIii24sIIIii24sIIIii24sIIIii24sIIIii24sIIIii24sIIIii24sIIIii24sIIIii24sIIIii24sIIIii24sIIIii24sIIIii24siiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiIIIIiiiiiiiiii')
_S7 = struct.Struct('>iiiiiiIiii')
_S8 = struct.Struct('>Iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii')
_S9 = struct.Struct('>IIII')
_S10 = struct.Struct('>Ii')
_S11 = struct.Struct('>I')
_S12 = struct.Struct('>Ii260siiiiiiiiiiiiiiiiiiiiiiiiiiIIIIii')
_S13 = struct.Struct('>IiI260siiIIIiIIIIIIIIiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii')
_S14 = struct.Struct('>Iii')
_S15 = struct.Struct('>ii260siiiiiiiiiiiiiiiiiiiiiiiiiiIIIIi')
_S16 = struct.Struct('>i')
_S17 = struct.Struct('>IiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiIiii')
_S18 = struct.Struct('>IIIIi')
_S19 = struct.Struct('>ii')
_S20 = struct.Struct('>II')
_S21 = struct.Struct('>Ii260siiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiIIIIiiiiiiiiiii')
_S22 = struct.Struct('>ii260siiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiIIIIiiiiiiiiii')
_S23 = struct.Struct('>I260siiIIIiIIIIIIIIiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii')
_S24 = struct.Struct('>IIIii24si')
_S25 = struct.Struct('>IIIii24sii')


def _b_afsUUID(t: tuple[int, int, int, int, int, bytes]) -> afsUUID:
    return afsUUID(t[0], t[1], t[2], t[3], t[4], bytes_decode(t[5]))


def _f_afsUUID(v: afsUUID) -> tuple[object, ...]:
    return (v.time_low, v.time_mid, v.time_hi_and_version, v.clock_seq_hi_and_reserved, v.clock_seq_low, bytes_encode(v.node, 6, 'afsUUID.node'),)


def _d_afsUUID(d: bytes | memoryview, o: int) -> tuple[afsUUID, int]:
    return _b_afsUUID(_S0.unpack_from(d, o)), o + 44


def _e_afsUUID(b: bytearray, v: afsUUID) -> None:
    b += _S0.pack(*_f_afsUUID(v))


def _b_VldbUpdateEntry(t: tuple[int, bytes, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int]) -> VldbUpdateEntry:
    return VldbUpdateEntry(t[0], cstr_decode(t[1]), t[2], t[3], t[4], t[5], t[6], t[7], t[8:16], t[16:24], t[24:32], t[32:40], t[40:48], t[48:56])


def _f_VldbUpdateEntry(v: VldbUpdateEntry) -> tuple[object, ...]:
    return (v.Mask, cstr_encode(v.name, 65, 'VldbUpdateEntry.name'), v.spares3, v.flags, v.ReadOnlyId, v.BackupId, v.cloneId, v.nModifiedRepsites, *fixed(v.RepsitesMask, 8, 'VldbUpdateEntry.RepsitesMask'), *fixed(v.RepsitesTargetServer, 8, 'VldbUpdateEntry.RepsitesTargetServer'), *fixed(v.RepsitesTargetPart, 8, 'VldbUpdateEntry.RepsitesTargetPart'), *fixed(v.RepsitesNewServer, 8, 'VldbUpdateEntry.RepsitesNewServer'), *fixed(v.RepsitesNewPart, 8, 'VldbUpdateEntry.RepsitesNewPart'), *fixed(v.RepsitesNewFlags, 8, 'VldbUpdateEntry.RepsitesNewFlags'),)


def _d_VldbUpdateEntry(d: bytes | memoryview, o: int) -> tuple[VldbUpdateEntry, int]:
    return _b_VldbUpdateEntry(_S1.unpack_from(d, o)), o + 480


def _e_VldbUpdateEntry(b: bytearray, v: VldbUpdateEntry) -> None:
    b += _S1.pack(*_f_VldbUpdateEntry(v))


def _b_VldbListByAttributes(t: tuple[int, int, int, int, int, int]) -> VldbListByAttributes:
    return VldbListByAttributes(t[0], t[1], t[2], t[3], t[4], t[5])


def _f_VldbListByAttributes(v: VldbListByAttributes) -> tuple[object, ...]:
    return (v.Mask, v.server, v.partition, v.spares3, v.volumeid, v.flag,)


def _d_VldbListByAttributes(d: bytes | memoryview, o: int) -> tuple[VldbListByAttributes, int]:
    return _b_VldbListByAttributes(_S2.unpack_from(d, o)), o + 24


def _e_VldbListByAttributes(b: bytearray, v: VldbListByAttributes) -> None:
    b += _S2.pack(*_f_VldbListByAttributes(v))


def _b_vldbentry(t: tuple[bytes, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int]) -> vldbentry:
    return vldbentry(cstr_decode(t[0]), t[1], t[2], t[3:11], t[11:19], t[19:27], t[27:30], t[30], t[31])


def _f_vldbentry(v: vldbentry) -> tuple[object, ...]:
    return (cstr_encode(v.name, 65, 'vldbentry.name'), v.spares3, v.nServers, *fixed(v.serverNumber, 8, 'vldbentry.serverNumber'), *fixed(v.serverPartition, 8, 'vldbentry.serverPartition'), *fixed(v.serverFlags, 8, 'vldbentry.serverFlags'), *fixed(v.volumeId, 3, 'vldbentry.volumeId'), v.cloneId, v.flags,)


def _d_vldbentry(d: bytes | memoryview, o: int) -> tuple[vldbentry, int]:
    return _b_vldbentry(_S3.unpack_from(d, o)), o + 384


def _e_vldbentry(b: bytearray, v: vldbentry) -> None:
    b += _S3.pack(*_f_vldbentry(v))


def _b_nvldbentry(t: tuple[bytes, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int]) -> nvldbentry:
    return nvldbentry(cstr_decode(t[0]), t[1], t[2:15], t[15:28], t[28:41], t[41:44], t[44], t[45], t[46], t[47], t[48], t[49], t[50], t[51], t[52], t[53], t[54])


def _f_nvldbentry(v: nvldbentry) -> tuple[object, ...]:
    return (cstr_encode(v.name, 65, 'nvldbentry.name'), v.nServers, *fixed(v.serverNumber, 13, 'nvldbentry.serverNumber'), *fixed(v.serverPartition, 13, 'nvldbentry.serverPartition'), *fixed(v.serverFlags, 13, 'nvldbentry.serverFlags'), *fixed(v.volumeId, 3, 'nvldbentry.volumeId'), v.cloneId, v.flags, v.matchindex, v.spares2, v.spares3, v.spares4, v.spares5, v.spares6, v.spares7, v.spares8, v.spares9,)


def _d_nvldbentry(d: bytes | memoryview, o: int) -> tuple[nvldbentry, int]:
    return _b_nvldbentry(_S4.unpack_from(d, o)), o + 476


def _e_nvldbentry(b: bytearray, v: nvldbentry) -> None:
    b += _S4.pack(*_f_nvldbentry(v))


def _b_ListAddrByAttributes(t: tuple[int, int, int, int, int, int, int, int, int, bytes]) -> ListAddrByAttributes:
    return ListAddrByAttributes(t[0], t[1], t[2], t[3], _b_afsUUID(t[4:10]))


def _f_ListAddrByAttributes(v: ListAddrByAttributes) -> tuple[object, ...]:
    return (v.Mask, v.ipaddr, v.index, v.spare1, *_f_afsUUID(v.uuid),)


def _d_ListAddrByAttributes(d: bytes | memoryview, o: int) -> tuple[ListAddrByAttributes, int]:
    return _b_ListAddrByAttributes(_S5.unpack_from(d, o)), o + 60


def _e_ListAddrByAttributes(b: bytearray, v: ListAddrByAttributes) -> None:
    b += _S5.pack(*_f_ListAddrByAttributes(v))


def _b_uvldbentry(t: tuple[bytes, int, int, int, int, int, int, bytes, int, int, int, int, int, bytes, int, int, int, int, int, bytes, int, int, int, int, int, bytes, int, int, int, int, int, bytes, int, int, int, int, int, bytes, int, int, int, int, int, bytes, int, int, int, int, int, bytes, int, int, int, int, int, bytes, int, int, int, int, int, bytes, int, int, int, int, int, bytes, int, int, int, int, int, bytes, int, int, int, int, int, bytes, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int]) -> uvldbentry:
    return uvldbentry(cstr_decode(t[0]), t[1], (_b_afsUUID(t[2:8]), _b_afsUUID(t[8:14]), _b_afsUUID(t[14:20]), _b_afsUUID(t[20:26]), _b_afsUUID(t[26:32]), _b_afsUUID(t[32:38]), _b_afsUUID(t[38:44]), _b_afsUUID(t[44:50]), _b_afsUUID(t[50:56]), _b_afsUUID(t[56:62]), _b_afsUUID(t[62:68]), _b_afsUUID(t[68:74]), _b_afsUUID(t[74:80]),), t[80:93], t[93:106], t[106:119], t[119:122], t[122], t[123], t[124], t[125], t[126], t[127], t[128], t[129], t[130], t[131], t[132])


def _f_uvldbentry(v: uvldbentry) -> tuple[object, ...]:
    return (cstr_encode(v.name, 65, 'uvldbentry.name'), v.nServers, *[_y for _x1 in fixed(v.serverNumber, 13, 'uvldbentry.serverNumber') for _y in (*_f_afsUUID(_x1),)], *fixed(v.serverUnique, 13, 'uvldbentry.serverUnique'), *fixed(v.serverPartition, 13, 'uvldbentry.serverPartition'), *fixed(v.serverFlags, 13, 'uvldbentry.serverFlags'), *fixed(v.volumeId, 3, 'uvldbentry.volumeId'), v.cloneId, v.flags, v.matchindex, v.spares2, v.spares3, v.spares4, v.spares5, v.spares6, v.spares7, v.spares8, v.spares9,)


def _d_uvldbentry(d: bytes | memoryview, o: int) -> tuple[uvldbentry, int]:
    return _b_uvldbentry(_S6.unpack_from(d, o)), o + 1048


def _e_uvldbentry(b: bytearray, v: uvldbentry) -> None:
    b += _S6.pack(*_f_uvldbentry(v))


def _b_vital_vlheader(t: tuple[int, int, int, int, int, int, int, int, int, int]) -> vital_vlheader:
    return vital_vlheader(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7:10])


def _f_vital_vlheader(v: vital_vlheader) -> tuple[object, ...]:
    return (v.vldbversion, v.headersize, v.freePtr, v.eofPtr, v.allocs, v.frees, v.MaxVolumeId, *fixed(v.totalEntries, 3, 'vital_vlheader.totalEntries'),)


def _d_vital_vlheader(d: bytes | memoryview, o: int) -> tuple[vital_vlheader, int]:
    return _b_vital_vlheader(_S7.unpack_from(d, o)), o + 40


def _e_vital_vlheader(b: bytearray, v: vital_vlheader) -> None:
    b += _S7.pack(*_f_vital_vlheader(v))


def _b_vldstats(t: tuple[int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int]) -> vldstats:
    return vldstats(t[0], t[1:51], t[51:101], t[101:106])


def _f_vldstats(v: vldstats) -> tuple[object, ...]:
    return (v.start_time, *fixed(v.requests, 50, 'vldstats.requests'), *fixed(v.aborts, 50, 'vldstats.aborts'), *fixed(v.reserved, 5, 'vldstats.reserved'),)


def _d_vldstats(d: bytes | memoryview, o: int) -> tuple[vldstats, int]:
    return _b_vldstats(_S8.unpack_from(d, o)), o + 424


def _e_vldstats(b: bytearray, v: vldstats) -> None:
    b += _S8.pack(*_f_vldstats(v))


def _b_VLCallBack(t: tuple[int, int, int, int]) -> VLCallBack:
    return VLCallBack(t[0], t[1], t[2], t[3])


def _f_VLCallBack(v: VLCallBack) -> tuple[object, ...]:
    return (v.CallBackVersion, v.ExpirationTime, v.CallBackType, v.Handle,)


def _d_VLCallBack(d: bytes | memoryview, o: int) -> tuple[VLCallBack, int]:
    return _b_VLCallBack(_S9.unpack_from(d, o)), o + 16


def _e_VLCallBack(b: bytearray, v: VLCallBack) -> None:
    b += _S9.pack(*_f_VLCallBack(v))


def _d_single_vldbentry(d: bytes | memoryview, o: int) -> tuple[single_vldbentry, int]:
    _t2 = _S3.unpack_from(d, o)
    f_VldbEntry = _b_vldbentry(_t2)
    o += 384
    _p3, o = optional_tag(d, o, 'single_vldbentry.next_vldb')
    if _p3:
        f_next_vldb, o = _d_single_vldbentry(d, o)
    else:
        f_next_vldb = None
    return single_vldbentry(f_VldbEntry, f_next_vldb), o


def _e_single_vldbentry(b: bytearray, v: single_vldbentry) -> None:
    b += _S3.pack(*_f_vldbentry(v.VldbEntry))
    if v.next_vldb is None:
        b += FALSE
    else:
        b += TRUE
        _e_single_vldbentry(b, v.next_vldb)


def _d_vldb_list(d: bytes | memoryview, o: int) -> tuple[vldb_list, int]:
    _p4, o = optional_tag(d, o, 'vldb_list.node')
    if _p4:
        f_node, o = _d_single_vldbentry(d, o)
    else:
        f_node = None
    return vldb_list(f_node), o


def _e_vldb_list(b: bytearray, v: vldb_list) -> None:
    if v.node is None:
        b += FALSE
    else:
        b += TRUE
        _e_single_vldbentry(b, v.node)


def _d_single_nvldbentry(d: bytes | memoryview, o: int) -> tuple[single_nvldbentry, int]:
    _t5 = _S4.unpack_from(d, o)
    f_VldbEntry = _b_nvldbentry(_t5)
    o += 476
    _p6, o = optional_tag(d, o, 'single_nvldbentry.next_vldb')
    if _p6:
        f_next_vldb, o = _d_single_nvldbentry(d, o)
    else:
        f_next_vldb = None
    return single_nvldbentry(f_VldbEntry, f_next_vldb), o


def _e_single_nvldbentry(b: bytearray, v: single_nvldbentry) -> None:
    b += _S4.pack(*_f_nvldbentry(v.VldbEntry))
    if v.next_vldb is None:
        b += FALSE
    else:
        b += TRUE
        _e_single_nvldbentry(b, v.next_vldb)


def _d_nvldb_list(d: bytes | memoryview, o: int) -> tuple[nvldb_list, int]:
    _p7, o = optional_tag(d, o, 'nvldb_list.node')
    if _p7:
        f_node, o = _d_single_nvldbentry(d, o)
    else:
        f_node = None
    return nvldb_list(f_node), o


def _e_nvldb_list(b: bytearray, v: nvldb_list) -> None:
    if v.node is None:
        b += FALSE
    else:
        b += TRUE
        _e_single_nvldbentry(b, v.node)


def _o_CreateEntry(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_CreateEntry(data: bytes) -> None:
    return decode_all(_o_CreateEntry, data, 'VL_CreateEntry reply')


def _i_CreateEntry(d: bytes | memoryview, o: int) -> tuple[tuple[vldbentry], int]:
    _t8 = _S3.unpack_from(d, o)
    a_newentry = _b_vldbentry(_t8)
    o += 384
    return (a_newentry, ), o


def _w_CreateEntry(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_DeleteEntry(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_DeleteEntry(data: bytes) -> None:
    return decode_all(_o_DeleteEntry, data, 'VL_DeleteEntry reply')


def _i_DeleteEntry(d: bytes | memoryview, o: int) -> tuple[tuple[int, int], int]:
    _t9 = _S10.unpack_from(d, o)
    a_Volid = _t9[0]
    a_voltype = _t9[1]
    o += 8
    return (a_Volid, a_voltype, ), o


def _w_DeleteEntry(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_GetEntryByID(d: bytes | memoryview, o: int) -> tuple[vldbentry, int]:
    _t10 = _S3.unpack_from(d, o)
    r_entry = _b_vldbentry(_t10)
    o += 384
    return r_entry, o


def _r_GetEntryByID(data: bytes) -> vldbentry:
    return decode_all(_o_GetEntryByID, data, 'VL_GetEntryByID reply')


def _i_GetEntryByID(d: bytes | memoryview, o: int) -> tuple[tuple[int, int], int]:
    _t11 = _S10.unpack_from(d, o)
    a_Volid = _t11[0]
    a_voltype = _t11[1]
    o += 8
    return (a_Volid, a_voltype, ), o


def _w_GetEntryByID(r: vldbentry) -> bytes:
    b = bytearray()
    b += _S3.pack(*_f_vldbentry(r))
    return bytes(b)


def _o_GetEntryByNameO(d: bytes | memoryview, o: int) -> tuple[vldbentry, int]:
    _t12 = _S3.unpack_from(d, o)
    r_entry = _b_vldbentry(_t12)
    o += 384
    return r_entry, o


def _r_GetEntryByNameO(data: bytes) -> vldbentry:
    return decode_all(_o_GetEntryByNameO, data, 'VL_GetEntryByNameO reply')


def _i_GetEntryByNameO(d: bytes | memoryview, o: int) -> tuple[tuple[str], int]:
    a_volumename, o = string_decode(d, o, 65, 'VL_GetEntryByNameO.volumename')
    return (a_volumename, ), o


def _w_GetEntryByNameO(r: vldbentry) -> bytes:
    b = bytearray()
    b += _S3.pack(*_f_vldbentry(r))
    return bytes(b)


def _o_GetNewVolumeId(d: bytes | memoryview, o: int) -> tuple[int, int]:
    _t13 = _S11.unpack_from(d, o)
    r_newvolumid = _t13[0]
    o += 4
    return r_newvolumid, o


def _r_GetNewVolumeId(data: bytes) -> int:
    return decode_all(_o_GetNewVolumeId, data, 'VL_GetNewVolumeId reply')


def _i_GetNewVolumeId(d: bytes | memoryview, o: int) -> tuple[tuple[int], int]:
    _t14 = _S11.unpack_from(d, o)
    a_bumpcount = _t14[0]
    o += 4
    return (a_bumpcount, ), o


def _w_GetNewVolumeId(r: int) -> bytes:
    b = bytearray()
    b += _S11.pack(r)
    return bytes(b)


def _o_ReplaceEntry(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_ReplaceEntry(data: bytes) -> None:
    return decode_all(_o_ReplaceEntry, data, 'VL_ReplaceEntry reply')


def _i_ReplaceEntry(d: bytes | memoryview, o: int) -> tuple[tuple[int, int, vldbentry, int], int]:
    _t15 = _S12.unpack_from(d, o)
    a_Volid = _t15[0]
    a_voltype = _t15[1]
    a_newentry = _b_vldbentry(_t15[2:34])
    a_ReleaseType = _t15[34]
    o += 396
    return (a_Volid, a_voltype, a_newentry, a_ReleaseType, ), o


def _w_ReplaceEntry(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_UpdateEntry(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_UpdateEntry(data: bytes) -> None:
    return decode_all(_o_UpdateEntry, data, 'VL_UpdateEntry reply')


def _i_UpdateEntry(d: bytes | memoryview, o: int) -> tuple[tuple[int, int, VldbUpdateEntry, int], int]:
    _t16 = _S13.unpack_from(d, o)
    a_Volid = _t16[0]
    a_voltype = _t16[1]
    a_UpdateEntry = _b_VldbUpdateEntry(_t16[2:58])
    a_ReleaseType = _t16[58]
    o += 492
    return (a_Volid, a_voltype, a_UpdateEntry, a_ReleaseType, ), o


def _w_UpdateEntry(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_SetLock(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_SetLock(data: bytes) -> None:
    return decode_all(_o_SetLock, data, 'VL_SetLock reply')


def _i_SetLock(d: bytes | memoryview, o: int) -> tuple[tuple[int, int, int], int]:
    _t17 = _S14.unpack_from(d, o)
    a_Volid = _t17[0]
    a_voltype = _t17[1]
    a_voloper = _t17[2]
    o += 12
    return (a_Volid, a_voltype, a_voloper, ), o


def _w_SetLock(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_ReleaseLock(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_ReleaseLock(data: bytes) -> None:
    return decode_all(_o_ReleaseLock, data, 'VL_ReleaseLock reply')


def _i_ReleaseLock(d: bytes | memoryview, o: int) -> tuple[tuple[int, int, int], int]:
    _t18 = _S14.unpack_from(d, o)
    a_Volid = _t18[0]
    a_voltype = _t18[1]
    a_ReleaseType = _t18[2]
    o += 12
    return (a_Volid, a_voltype, a_ReleaseType, ), o


def _w_ReleaseLock(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


class ListEntryResult(NamedTuple):
    """The OUT values of VL_ListEntry."""

    count_: int
    next_index: int
    entry: vldbentry


def _o_ListEntry(d: bytes | memoryview, o: int) -> tuple[ListEntryResult, int]:
    _t19 = _S15.unpack_from(d, o)
    r_count = _t19[0]
    r_next_index = _t19[1]
    r_entry = _b_vldbentry(_t19[2:34])
    o += 392
    return ListEntryResult(r_count, r_next_index, r_entry), o


def _r_ListEntry(data: bytes) -> ListEntryResult:
    return decode_all(_o_ListEntry, data, 'VL_ListEntry reply')


def _i_ListEntry(d: bytes | memoryview, o: int) -> tuple[tuple[int], int]:
    _t20 = _S16.unpack_from(d, o)
    a_previous_index = _t20[0]
    o += 4
    return (a_previous_index, ), o


def _w_ListEntry(r: ListEntryResult) -> bytes:
    b = bytearray()
    b += _S15.pack(r[0], r[1], *_f_vldbentry(r[2]))
    return bytes(b)


class ListAttributesResult(NamedTuple):
    """The OUT values of VL_ListAttributes."""

    nentries: int
    blkentries: Sequence[vldbentry]


def _o_ListAttributes(d: bytes | memoryview, o: int) -> tuple[ListAttributesResult, int]:
    _t21 = _S16.unpack_from(d, o)
    r_nentries = _t21[0]
    o += 4
    _n22, o = count_decode(d, o, None, 'VL_ListAttributes.blkentries')
    need(d, o, _n22 * 384, 'VL_ListAttributes.blkentries')
    r_blkentries = tuple([_b_vldbentry(_t23) for _t23 in _S3.iter_unpack(d[o:o + _n22 * 384])])
    o += _n22 * 384
    return ListAttributesResult(r_nentries, r_blkentries), o


def _r_ListAttributes(data: bytes) -> ListAttributesResult:
    return decode_all(_o_ListAttributes, data, 'VL_ListAttributes reply')


def _i_ListAttributes(d: bytes | memoryview, o: int) -> tuple[tuple[VldbListByAttributes], int]:
    _t24 = _S2.unpack_from(d, o)
    a_attributes = _b_VldbListByAttributes(_t24)
    o += 24
    return (a_attributes, ), o


def _w_ListAttributes(r: ListAttributesResult) -> bytes:
    b = bytearray()
    b += _S16.pack(r[0])
    _n25 = counted(r[1], None, 'VL_ListAttributes.blkentries')
    b += U32.pack(_n25)
    for _x26 in r[1]:
        b += _S3.pack(*_f_vldbentry(_x26))
    return bytes(b)


class LinkedListResult(NamedTuple):
    """The OUT values of VL_LinkedList."""

    nentries: int
    linkedentries: vldb_list


def _o_LinkedList(d: bytes | memoryview, o: int) -> tuple[LinkedListResult, int]:
    _t27 = _S16.unpack_from(d, o)
    r_nentries = _t27[0]
    o += 4
    r_linkedentries, o = _d_vldb_list(d, o)
    return LinkedListResult(r_nentries, r_linkedentries), o


def _r_LinkedList(data: bytes) -> LinkedListResult:
    return decode_all(_o_LinkedList, data, 'VL_LinkedList reply')


def _i_LinkedList(d: bytes | memoryview, o: int) -> tuple[tuple[VldbListByAttributes], int]:
    _t28 = _S2.unpack_from(d, o)
    a_attributes = _b_VldbListByAttributes(_t28)
    o += 24
    return (a_attributes, ), o


def _w_LinkedList(r: LinkedListResult) -> bytes:
    b = bytearray()
    b += _S16.pack(r[0])
    _e_vldb_list(b, r[1])
    return bytes(b)


class GetStatsResult(NamedTuple):
    """The OUT values of VL_GetStats."""

    stats: vldstats
    vital_header: vital_vlheader


def _o_GetStats(d: bytes | memoryview, o: int) -> tuple[GetStatsResult, int]:
    _t29 = _S17.unpack_from(d, o)
    r_stats = _b_vldstats(_t29[0:106])
    r_vital_header = _b_vital_vlheader(_t29[106:116])
    o += 464
    return GetStatsResult(r_stats, r_vital_header), o


def _r_GetStats(data: bytes) -> GetStatsResult:
    return decode_all(_o_GetStats, data, 'VL_GetStats reply')


def _i_GetStats(d: bytes | memoryview, o: int) -> tuple[tuple[()], int]:
    return (), o


def _w_GetStats(r: GetStatsResult) -> bytes:
    b = bytearray()
    b += _S17.pack(*_f_vldstats(r[0]), *_f_vital_vlheader(r[1]))
    return bytes(b)


def _o_ProbeServer(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_ProbeServer(data: bytes) -> None:
    return decode_all(_o_ProbeServer, data, 'VL_ProbeServer reply')


def _i_ProbeServer(d: bytes | memoryview, o: int) -> tuple[tuple[()], int]:
    return (), o


def _w_ProbeServer(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


class GetAddrsResult(NamedTuple):
    """The OUT values of VL_GetAddrs."""

    spare3: VLCallBack
    nentries: int
    blkaddrs: Sequence[int]


def _o_GetAddrs(d: bytes | memoryview, o: int) -> tuple[GetAddrsResult, int]:
    _t30 = _S18.unpack_from(d, o)
    r_spare3 = _b_VLCallBack(_t30[0:4])
    r_nentries = _t30[4]
    o += 20
    _n31, o = count_decode(d, o, 500, 'VL_GetAddrs.blkaddrs')
    need(d, o, _n31 * 4, 'VL_GetAddrs.blkaddrs')
    r_blkaddrs = words('I', _n31).unpack_from(d, o)
    o += _n31 * 4
    return GetAddrsResult(r_spare3, r_nentries, r_blkaddrs), o


def _r_GetAddrs(data: bytes) -> GetAddrsResult:
    return decode_all(_o_GetAddrs, data, 'VL_GetAddrs reply')


def _i_GetAddrs(d: bytes | memoryview, o: int) -> tuple[tuple[int, int], int]:
    _t32 = _S19.unpack_from(d, o)
    a_Handle = _t32[0]
    a_spare2 = _t32[1]
    o += 8
    return (a_Handle, a_spare2, ), o


def _w_GetAddrs(r: GetAddrsResult) -> bytes:
    b = bytearray()
    b += _S18.pack(*_f_VLCallBack(r[0]), r[1])
    _n33 = counted(r[2], 500, 'VL_GetAddrs.blkaddrs')
    b += U32.pack(_n33)
    b += words('I', _n33).pack(*r[2])
    return bytes(b)


def _o_ChangeAddr(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_ChangeAddr(data: bytes) -> None:
    return decode_all(_o_ChangeAddr, data, 'VL_ChangeAddr reply')


def _i_ChangeAddr(d: bytes | memoryview, o: int) -> tuple[tuple[int, int], int]:
    _t34 = _S20.unpack_from(d, o)
    a_ip1 = _t34[0]
    a_ip2 = _t34[1]
    o += 8
    return (a_ip1, a_ip2, ), o


def _w_ChangeAddr(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_CreateEntryN(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_CreateEntryN(data: bytes) -> None:
    return decode_all(_o_CreateEntryN, data, 'VL_CreateEntryN reply')


def _i_CreateEntryN(d: bytes | memoryview, o: int) -> tuple[tuple[nvldbentry], int]:
    _t35 = _S4.unpack_from(d, o)
    a_newentry = _b_nvldbentry(_t35)
    o += 476
    return (a_newentry, ), o


def _w_CreateEntryN(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_GetEntryByIDN(d: bytes | memoryview, o: int) -> tuple[nvldbentry, int]:
    _t36 = _S4.unpack_from(d, o)
    r_entry = _b_nvldbentry(_t36)
    o += 476
    return r_entry, o


def _r_GetEntryByIDN(data: bytes) -> nvldbentry:
    return decode_all(_o_GetEntryByIDN, data, 'VL_GetEntryByIDN reply')


def _i_GetEntryByIDN(d: bytes | memoryview, o: int) -> tuple[tuple[int, int], int]:
    _t37 = _S10.unpack_from(d, o)
    a_Volid = _t37[0]
    a_voltype = _t37[1]
    o += 8
    return (a_Volid, a_voltype, ), o


def _w_GetEntryByIDN(r: nvldbentry) -> bytes:
    b = bytearray()
    b += _S4.pack(*_f_nvldbentry(r))
    return bytes(b)


def _o_GetEntryByNameN(d: bytes | memoryview, o: int) -> tuple[nvldbentry, int]:
    _t38 = _S4.unpack_from(d, o)
    r_entry = _b_nvldbentry(_t38)
    o += 476
    return r_entry, o


def _r_GetEntryByNameN(data: bytes) -> nvldbentry:
    return decode_all(_o_GetEntryByNameN, data, 'VL_GetEntryByNameN reply')


def _i_GetEntryByNameN(d: bytes | memoryview, o: int) -> tuple[tuple[str], int]:
    a_volumename, o = string_decode(d, o, 65, 'VL_GetEntryByNameN.volumename')
    return (a_volumename, ), o


def _w_GetEntryByNameN(r: nvldbentry) -> bytes:
    b = bytearray()
    b += _S4.pack(*_f_nvldbentry(r))
    return bytes(b)


def _o_ReplaceEntryN(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_ReplaceEntryN(data: bytes) -> None:
    return decode_all(_o_ReplaceEntryN, data, 'VL_ReplaceEntryN reply')


def _i_ReplaceEntryN(d: bytes | memoryview, o: int) -> tuple[tuple[int, int, nvldbentry, int], int]:
    _t39 = _S21.unpack_from(d, o)
    a_Volid = _t39[0]
    a_voltype = _t39[1]
    a_newentry = _b_nvldbentry(_t39[2:57])
    a_ReleaseType = _t39[57]
    o += 488
    return (a_Volid, a_voltype, a_newentry, a_ReleaseType, ), o


def _w_ReplaceEntryN(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


class ListEntryNResult(NamedTuple):
    """The OUT values of VL_ListEntryN."""

    count_: int
    next_index: int
    entry: nvldbentry


def _o_ListEntryN(d: bytes | memoryview, o: int) -> tuple[ListEntryNResult, int]:
    _t40 = _S22.unpack_from(d, o)
    r_count = _t40[0]
    r_next_index = _t40[1]
    r_entry = _b_nvldbentry(_t40[2:57])
    o += 484
    return ListEntryNResult(r_count, r_next_index, r_entry), o


def _r_ListEntryN(data: bytes) -> ListEntryNResult:
    return decode_all(_o_ListEntryN, data, 'VL_ListEntryN reply')


def _i_ListEntryN(d: bytes | memoryview, o: int) -> tuple[tuple[int], int]:
    _t41 = _S16.unpack_from(d, o)
    a_previous_index = _t41[0]
    o += 4
    return (a_previous_index, ), o


def _w_ListEntryN(r: ListEntryNResult) -> bytes:
    b = bytearray()
    b += _S22.pack(r[0], r[1], *_f_nvldbentry(r[2]))
    return bytes(b)


class ListAttributesNResult(NamedTuple):
    """The OUT values of VL_ListAttributesN."""

    nentries: int
    blkentries: Sequence[nvldbentry]


def _o_ListAttributesN(d: bytes | memoryview, o: int) -> tuple[ListAttributesNResult, int]:
    _t42 = _S16.unpack_from(d, o)
    r_nentries = _t42[0]
    o += 4
    _n43, o = count_decode(d, o, None, 'VL_ListAttributesN.blkentries')
    need(d, o, _n43 * 476, 'VL_ListAttributesN.blkentries')
    r_blkentries = tuple([_b_nvldbentry(_t44) for _t44 in _S4.iter_unpack(d[o:o + _n43 * 476])])
    o += _n43 * 476
    return ListAttributesNResult(r_nentries, r_blkentries), o


def _r_ListAttributesN(data: bytes) -> ListAttributesNResult:
    return decode_all(_o_ListAttributesN, data, 'VL_ListAttributesN reply')


def _i_ListAttributesN(d: bytes | memoryview, o: int) -> tuple[tuple[VldbListByAttributes], int]:
    _t45 = _S2.unpack_from(d, o)
    a_attributes = _b_VldbListByAttributes(_t45)
    o += 24
    return (a_attributes, ), o


def _w_ListAttributesN(r: ListAttributesNResult) -> bytes:
    b = bytearray()
    b += _S16.pack(r[0])
    _n46 = counted(r[1], None, 'VL_ListAttributesN.blkentries')
    b += U32.pack(_n46)
    for _x47 in r[1]:
        b += _S4.pack(*_f_nvldbentry(_x47))
    return bytes(b)


class LinkedListNResult(NamedTuple):
    """The OUT values of VL_LinkedListN."""

    nentries: int
    linkedentries: nvldb_list


def _o_LinkedListN(d: bytes | memoryview, o: int) -> tuple[LinkedListNResult, int]:
    _t48 = _S16.unpack_from(d, o)
    r_nentries = _t48[0]
    o += 4
    r_linkedentries, o = _d_nvldb_list(d, o)
    return LinkedListNResult(r_nentries, r_linkedentries), o


def _r_LinkedListN(data: bytes) -> LinkedListNResult:
    return decode_all(_o_LinkedListN, data, 'VL_LinkedListN reply')


def _i_LinkedListN(d: bytes | memoryview, o: int) -> tuple[tuple[VldbListByAttributes], int]:
    _t49 = _S2.unpack_from(d, o)
    a_attributes = _b_VldbListByAttributes(_t49)
    o += 24
    return (a_attributes, ), o


def _w_LinkedListN(r: LinkedListNResult) -> bytes:
    b = bytearray()
    b += _S16.pack(r[0])
    _e_nvldb_list(b, r[1])
    return bytes(b)


def _o_UpdateEntryByName(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_UpdateEntryByName(data: bytes) -> None:
    return decode_all(_o_UpdateEntryByName, data, 'VL_UpdateEntryByName reply')


def _i_UpdateEntryByName(d: bytes | memoryview, o: int) -> tuple[tuple[str, VldbUpdateEntry, int], int]:
    a_volumename, o = string_decode(d, o, 65, 'VL_UpdateEntryByName.volumename')
    _t50 = _S23.unpack_from(d, o)
    a_UpdateEntry = _b_VldbUpdateEntry(_t50[0:56])
    a_ReleaseType = _t50[56]
    o += 484
    return (a_volumename, a_UpdateEntry, a_ReleaseType, ), o


def _w_UpdateEntryByName(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_GetEntryByNameU(d: bytes | memoryview, o: int) -> tuple[uvldbentry, int]:
    _t51 = _S6.unpack_from(d, o)
    r_entry = _b_uvldbentry(_t51)
    o += 1048
    return r_entry, o


def _r_GetEntryByNameU(data: bytes) -> uvldbentry:
    return decode_all(_o_GetEntryByNameU, data, 'VL_GetEntryByNameU reply')


def _i_GetEntryByNameU(d: bytes | memoryview, o: int) -> tuple[tuple[str], int]:
    a_volumename, o = string_decode(d, o, 65, 'VL_GetEntryByNameU.volumename')
    return (a_volumename, ), o


def _w_GetEntryByNameU(r: uvldbentry) -> bytes:
    b = bytearray()
    b += _S6.pack(*_f_uvldbentry(r))
    return bytes(b)


def _o_RegisterAddrs(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_RegisterAddrs(data: bytes) -> None:
    return decode_all(_o_RegisterAddrs, data, 'VL_RegisterAddrs reply')


def _i_RegisterAddrs(d: bytes | memoryview, o: int) -> tuple[tuple[afsUUID, int, Sequence[int]], int]:
    _t52 = _S24.unpack_from(d, o)
    a_uuidp = _b_afsUUID(_t52[0:6])
    a_spare1 = _t52[6]
    o += 48
    _n53, o = count_decode(d, o, 500, 'VL_RegisterAddrs.ipaddr')
    need(d, o, _n53 * 4, 'VL_RegisterAddrs.ipaddr')
    a_ipaddr = words('I', _n53).unpack_from(d, o)
    o += _n53 * 4
    return (a_uuidp, a_spare1, a_ipaddr, ), o


def _w_RegisterAddrs(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


class GetAddrsUResult(NamedTuple):
    """The OUT values of VL_GetAddrsU."""

    uuidp1: afsUUID
    uniquifier: int
    nentries: int
    blkaddrs: Sequence[int]


def _o_GetAddrsU(d: bytes | memoryview, o: int) -> tuple[GetAddrsUResult, int]:
    _t54 = _S25.unpack_from(d, o)
    r_uuidp1 = _b_afsUUID(_t54[0:6])
    r_uniquifier = _t54[6]
    r_nentries = _t54[7]
    o += 52
    _n55, o = count_decode(d, o, 500, 'VL_GetAddrsU.blkaddrs')
    need(d, o, _n55 * 4, 'VL_GetAddrsU.blkaddrs')
    r_blkaddrs = words('I', _n55).unpack_from(d, o)
    o += _n55 * 4
    return GetAddrsUResult(r_uuidp1, r_uniquifier, r_nentries, r_blkaddrs), o


def _r_GetAddrsU(data: bytes) -> GetAddrsUResult:
    return decode_all(_o_GetAddrsU, data, 'VL_GetAddrsU reply')


def _i_GetAddrsU(d: bytes | memoryview, o: int) -> tuple[tuple[ListAddrByAttributes], int]:
    _t56 = _S5.unpack_from(d, o)
    a_inaddr = _b_ListAddrByAttributes(_t56)
    o += 60
    return (a_inaddr, ), o


def _w_GetAddrsU(r: GetAddrsUResult) -> bytes:
    b = bytearray()
    b += _S25.pack(*_f_afsUUID(r[0]), r[1], r[2])
    _n57 = counted(r[3], 500, 'VL_GetAddrsU.blkaddrs')
    b += U32.pack(_n57)
    b += words('I', _n57).pack(*r[3])
    return bytes(b)


class ListAttributesN2Result(NamedTuple):
    """The OUT values of VL_ListAttributesN2."""

    nentries: int
    blkentries: Sequence[nvldbentry]
    nextstartindex: int


def _o_ListAttributesN2(d: bytes | memoryview, o: int) -> tuple[ListAttributesN2Result, int]:
    _t58 = _S16.unpack_from(d, o)
    r_nentries = _t58[0]
    o += 4
    _n59, o = count_decode(d, o, None, 'VL_ListAttributesN2.blkentries')
    need(d, o, _n59 * 476, 'VL_ListAttributesN2.blkentries')
    r_blkentries = tuple([_b_nvldbentry(_t60) for _t60 in _S4.iter_unpack(d[o:o + _n59 * 476])])
    o += _n59 * 476
    _t61 = _S16.unpack_from(d, o)
    r_nextstartindex = _t61[0]
    o += 4
    return ListAttributesN2Result(r_nentries, r_blkentries, r_nextstartindex), o


def _r_ListAttributesN2(data: bytes) -> ListAttributesN2Result:
    return decode_all(_o_ListAttributesN2, data, 'VL_ListAttributesN2 reply')


def _i_ListAttributesN2(d: bytes | memoryview, o: int) -> tuple[tuple[VldbListByAttributes, str, int], int]:
    _t62 = _S2.unpack_from(d, o)
    a_attributes = _b_VldbListByAttributes(_t62)
    o += 24
    a_volumename, o = string_decode(d, o, 65, 'VL_ListAttributesN2.volumename')
    _t63 = _S16.unpack_from(d, o)
    a_startindex = _t63[0]
    o += 4
    return (a_attributes, a_volumename, a_startindex, ), o


def _w_ListAttributesN2(r: ListAttributesN2Result) -> bytes:
    b = bytearray()
    b += _S16.pack(r[0])
    _n64 = counted(r[1], None, 'VL_ListAttributesN2.blkentries')
    b += U32.pack(_n64)
    for _x65 in r[1]:
        b += _S4.pack(*_f_nvldbentry(_x65))
    b += _S16.pack(r[2])
    return bytes(b)


class Client(_rpc.Client):
    """Calls the VL_ procedures on a server."""

    SERVICE_ID = 52

    async def CreateEntry(self, newentry: vldbentry) -> None:
        """VL_CreateEntry (opcode 501, vl.xg:245). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x01\xf5')
        try:
            b += _S3.pack(*_f_vldbentry(newentry))
        except struct.error as exc:
            raise encode_error(exc, 'VL_CreateEntry') from None
        return await self._invoke('VL_CreateEntry', bytes(b), _r_CreateEntry)

    async def DeleteEntry(self, Volid: int, voltype: int) -> None:
        """VL_DeleteEntry (opcode 502, vl.xg:247). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x01\xf6')
        try:
            b += _S10.pack(Volid, voltype)
        except struct.error as exc:
            raise encode_error(exc, 'VL_DeleteEntry') from None
        return await self._invoke('VL_DeleteEntry', bytes(b), _r_DeleteEntry)

    async def GetEntryByID(self, Volid: int, voltype: int) -> vldbentry:
        """VL_GetEntryByID (opcode 503, vl.xg:249). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x01\xf7')
        try:
            b += _S10.pack(Volid, voltype)
        except struct.error as exc:
            raise encode_error(exc, 'VL_GetEntryByID') from None
        return await self._invoke('VL_GetEntryByID', bytes(b), _r_GetEntryByID)

    async def GetEntryByNameO(self, volumename: str) -> vldbentry:
        """VL_GetEntryByNameO (opcode 504, vl.xg:252). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x01\xf8')
        try:
            string_encode(b, volumename, 65, 'VL_GetEntryByNameO.volumename')
        except struct.error as exc:
            raise encode_error(exc, 'VL_GetEntryByNameO') from None
        return await self._invoke('VL_GetEntryByNameO', bytes(b), _r_GetEntryByNameO)

    async def GetNewVolumeId(self, bumpcount: int) -> int:
        """VL_GetNewVolumeId (opcode 505, vl.xg:256). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x01\xf9')
        try:
            b += _S11.pack(bumpcount)
        except struct.error as exc:
            raise encode_error(exc, 'VL_GetNewVolumeId') from None
        return await self._invoke('VL_GetNewVolumeId', bytes(b), _r_GetNewVolumeId)

    async def ReplaceEntry(self, Volid: int, voltype: int, newentry: vldbentry, ReleaseType: int) -> None:
        """VL_ReplaceEntry (opcode 506, vl.xg:259). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x01\xfa')
        try:
            b += _S12.pack(Volid, voltype, *_f_vldbentry(newentry), ReleaseType)
        except struct.error as exc:
            raise encode_error(exc, 'VL_ReplaceEntry') from None
        return await self._invoke('VL_ReplaceEntry', bytes(b), _r_ReplaceEntry)

    async def UpdateEntry(self, Volid: int, voltype: int, UpdateEntry: VldbUpdateEntry, ReleaseType: int) -> None:
        """VL_UpdateEntry (opcode 507, vl.xg:262). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x01\xfb')
        try:
            b += _S13.pack(Volid, voltype, *_f_VldbUpdateEntry(UpdateEntry), ReleaseType)
        except struct.error as exc:
            raise encode_error(exc, 'VL_UpdateEntry') from None
        return await self._invoke('VL_UpdateEntry', bytes(b), _r_UpdateEntry)

    async def SetLock(self, Volid: int, voltype: int, voloper: int) -> None:
        """VL_SetLock (opcode 508, vl.xg:265). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x01\xfc')
        try:
            b += _S14.pack(Volid, voltype, voloper)
        except struct.error as exc:
            raise encode_error(exc, 'VL_SetLock') from None
        return await self._invoke('VL_SetLock', bytes(b), _r_SetLock)

    async def ReleaseLock(self, Volid: int, voltype: int, ReleaseType: int) -> None:
        """VL_ReleaseLock (opcode 509, vl.xg:268). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x01\xfd')
        try:
            b += _S14.pack(Volid, voltype, ReleaseType)
        except struct.error as exc:
            raise encode_error(exc, 'VL_ReleaseLock') from None
        return await self._invoke('VL_ReleaseLock', bytes(b), _r_ReleaseLock)

    async def ListEntry(self, previous_index: int) -> ListEntryResult:
        """VL_ListEntry (opcode 510, vl.xg:272). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x01\xfe')
        try:
            b += _S16.pack(previous_index)
        except struct.error as exc:
            raise encode_error(exc, 'VL_ListEntry') from None
        return await self._invoke('VL_ListEntry', bytes(b), _r_ListEntry)

    async def ListAttributes(self, attributes: VldbListByAttributes) -> ListAttributesResult:
        """VL_ListAttributes (opcode 511, vl.xg:276). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x01\xff')
        try:
            b += _S2.pack(*_f_VldbListByAttributes(attributes))
        except struct.error as exc:
            raise encode_error(exc, 'VL_ListAttributes') from None
        return await self._invoke('VL_ListAttributes', bytes(b), _r_ListAttributes)

    async def LinkedList(self, attributes: VldbListByAttributes) -> LinkedListResult:
        """VL_LinkedList (opcode 512, vl.xg:280). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x02\x00')
        try:
            b += _S2.pack(*_f_VldbListByAttributes(attributes))
        except struct.error as exc:
            raise encode_error(exc, 'VL_LinkedList') from None
        return await self._invoke('VL_LinkedList', bytes(b), _r_LinkedList)

    async def GetStats(self) -> GetStatsResult:
        """VL_GetStats (opcode 513, vl.xg:284). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x02\x01')
        return await self._invoke('VL_GetStats', bytes(b), _r_GetStats)

    async def ProbeServer(self) -> None:
        """VL_ProbeServer (opcode 514, vl.xg:287). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x02\x02')
        return await self._invoke('VL_ProbeServer', bytes(b), _r_ProbeServer)

    async def GetAddrs(self, Handle: int, spare2: int) -> GetAddrsResult:
        """VL_GetAddrs (opcode 515, vl.xg:289). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x02\x03')
        try:
            b += _S19.pack(Handle, spare2)
        except struct.error as exc:
            raise encode_error(exc, 'VL_GetAddrs') from None
        return await self._invoke('VL_GetAddrs', bytes(b), _r_GetAddrs)

    async def ChangeAddr(self, ip1: int, ip2: int) -> None:
        """VL_ChangeAddr (opcode 516, vl.xg:293). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x02\x04')
        try:
            b += _S20.pack(ip1, ip2)
        except struct.error as exc:
            raise encode_error(exc, 'VL_ChangeAddr') from None
        return await self._invoke('VL_ChangeAddr', bytes(b), _r_ChangeAddr)

    async def CreateEntryN(self, newentry: nvldbentry) -> None:
        """VL_CreateEntryN (opcode 517, vl.xg:295). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x02\x05')
        try:
            b += _S4.pack(*_f_nvldbentry(newentry))
        except struct.error as exc:
            raise encode_error(exc, 'VL_CreateEntryN') from None
        return await self._invoke('VL_CreateEntryN', bytes(b), _r_CreateEntryN)

    async def GetEntryByIDN(self, Volid: int, voltype: int) -> nvldbentry:
        """VL_GetEntryByIDN (opcode 518, vl.xg:297). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x02\x06')
        try:
            b += _S10.pack(Volid, voltype)
        except struct.error as exc:
            raise encode_error(exc, 'VL_GetEntryByIDN') from None
        return await self._invoke('VL_GetEntryByIDN', bytes(b), _r_GetEntryByIDN)

    async def GetEntryByNameN(self, volumename: str) -> nvldbentry:
        """VL_GetEntryByNameN (opcode 519, vl.xg:300). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x02\x07')
        try:
            string_encode(b, volumename, 65, 'VL_GetEntryByNameN.volumename')
        except struct.error as exc:
            raise encode_error(exc, 'VL_GetEntryByNameN') from None
        return await self._invoke('VL_GetEntryByNameN', bytes(b), _r_GetEntryByNameN)

    async def ReplaceEntryN(self, Volid: int, voltype: int, newentry: nvldbentry, ReleaseType: int) -> None:
        """VL_ReplaceEntryN (opcode 520, vl.xg:303). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x02\x08')
        try:
            b += _S21.pack(Volid, voltype, *_f_nvldbentry(newentry), ReleaseType)
        except struct.error as exc:
            raise encode_error(exc, 'VL_ReplaceEntryN') from None
        return await self._invoke('VL_ReplaceEntryN', bytes(b), _r_ReplaceEntryN)

    async def ListEntryN(self, previous_index: int) -> ListEntryNResult:
        """VL_ListEntryN (opcode 521, vl.xg:306). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x02\t')
        try:
            b += _S16.pack(previous_index)
        except struct.error as exc:
            raise encode_error(exc, 'VL_ListEntryN') from None
        return await self._invoke('VL_ListEntryN', bytes(b), _r_ListEntryN)

    async def ListAttributesN(self, attributes: VldbListByAttributes) -> ListAttributesNResult:
        """VL_ListAttributesN (opcode 522, vl.xg:310). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x02\n')
        try:
            b += _S2.pack(*_f_VldbListByAttributes(attributes))
        except struct.error as exc:
            raise encode_error(exc, 'VL_ListAttributesN') from None
        return await self._invoke('VL_ListAttributesN', bytes(b), _r_ListAttributesN)

    async def LinkedListN(self, attributes: VldbListByAttributes) -> LinkedListNResult:
        """VL_LinkedListN (opcode 523, vl.xg:314). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x02\x0b')
        try:
            b += _S2.pack(*_f_VldbListByAttributes(attributes))
        except struct.error as exc:
            raise encode_error(exc, 'VL_LinkedListN') from None
        return await self._invoke('VL_LinkedListN', bytes(b), _r_LinkedListN)

    async def UpdateEntryByName(self, volumename: str, UpdateEntry: VldbUpdateEntry, ReleaseType: int) -> None:
        """VL_UpdateEntryByName (opcode 524, vl.xg:318). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x02\x0c')
        try:
            string_encode(b, volumename, 65, 'VL_UpdateEntryByName.volumename')
            b += _S23.pack(*_f_VldbUpdateEntry(UpdateEntry), ReleaseType)
        except struct.error as exc:
            raise encode_error(exc, 'VL_UpdateEntryByName') from None
        return await self._invoke('VL_UpdateEntryByName', bytes(b), _r_UpdateEntryByName)

    async def GetEntryByNameU(self, volumename: str) -> uvldbentry:
        """VL_GetEntryByNameU (opcode 527, vl.xg:324). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x02\x0f')
        try:
            string_encode(b, volumename, 65, 'VL_GetEntryByNameU.volumename')
        except struct.error as exc:
            raise encode_error(exc, 'VL_GetEntryByNameU') from None
        return await self._invoke('VL_GetEntryByNameU', bytes(b), _r_GetEntryByNameU)

    async def RegisterAddrs(self, uuidp: afsUUID, spare1: int, ipaddr: Sequence[int]) -> None:
        """VL_RegisterAddrs (opcode 532, vl.xg:328). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x02\x14')
        try:
            b += _S24.pack(*_f_afsUUID(uuidp), spare1)
            _n66 = counted(ipaddr, 500, 'VL_RegisterAddrs.ipaddr')
            b += U32.pack(_n66)
            b += words('I', _n66).pack(*ipaddr)
        except struct.error as exc:
            raise encode_error(exc, 'VL_RegisterAddrs') from None
        return await self._invoke('VL_RegisterAddrs', bytes(b), _r_RegisterAddrs)

    async def GetAddrsU(self, inaddr: ListAddrByAttributes) -> GetAddrsUResult:
        """VL_GetAddrsU (opcode 533, vl.xg:331). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x02\x15')
        try:
            b += _S5.pack(*_f_ListAddrByAttributes(inaddr))
        except struct.error as exc:
            raise encode_error(exc, 'VL_GetAddrsU') from None
        return await self._invoke('VL_GetAddrsU', bytes(b), _r_GetAddrsU)

    async def ListAttributesN2(self, attributes: VldbListByAttributes, volumename: str, startindex: int) -> ListAttributesN2Result:
        """VL_ListAttributesN2 (opcode 534, vl.xg:340). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x02\x16')
        try:
            b += _S2.pack(*_f_VldbListByAttributes(attributes))
            string_encode(b, volumename, 65, 'VL_ListAttributesN2.volumename')
            b += _S16.pack(startindex)
        except struct.error as exc:
            raise encode_error(exc, 'VL_ListAttributesN2') from None
        return await self._invoke('VL_ListAttributesN2', bytes(b), _r_ListAttributesN2)


class Service(_rpc.Service):
    """Serves the VL_ procedures: subclass and override."""

    SERVICE_ID = 52
    PROCEDURES: ClassVar[dict[int, Procedure]] = {501: Procedure('CreateEntry', 501, False, _i_CreateEntry, _w_CreateEntry), 502: Procedure('DeleteEntry', 502, False, _i_DeleteEntry, _w_DeleteEntry), 503: Procedure('GetEntryByID', 503, False, _i_GetEntryByID, _w_GetEntryByID), 504: Procedure('GetEntryByNameO', 504, False, _i_GetEntryByNameO, _w_GetEntryByNameO), 505: Procedure('GetNewVolumeId', 505, False, _i_GetNewVolumeId, _w_GetNewVolumeId), 506: Procedure('ReplaceEntry', 506, False, _i_ReplaceEntry, _w_ReplaceEntry), 507: Procedure('UpdateEntry', 507, False, _i_UpdateEntry, _w_UpdateEntry), 508: Procedure('SetLock', 508, False, _i_SetLock, _w_SetLock), 509: Procedure('ReleaseLock', 509, False, _i_ReleaseLock, _w_ReleaseLock), 510: Procedure('ListEntry', 510, False, _i_ListEntry, _w_ListEntry), 511: Procedure('ListAttributes', 511, False, _i_ListAttributes, _w_ListAttributes), 512: Procedure('LinkedList', 512, False, _i_LinkedList, _w_LinkedList), 513: Procedure('GetStats', 513, False, _i_GetStats, _w_GetStats), 514: Procedure('ProbeServer', 514, False, _i_ProbeServer, _w_ProbeServer), 515: Procedure('GetAddrs', 515, False, _i_GetAddrs, _w_GetAddrs), 516: Procedure('ChangeAddr', 516, False, _i_ChangeAddr, _w_ChangeAddr), 517: Procedure('CreateEntryN', 517, False, _i_CreateEntryN, _w_CreateEntryN), 518: Procedure('GetEntryByIDN', 518, False, _i_GetEntryByIDN, _w_GetEntryByIDN), 519: Procedure('GetEntryByNameN', 519, False, _i_GetEntryByNameN, _w_GetEntryByNameN), 520: Procedure('ReplaceEntryN', 520, False, _i_ReplaceEntryN, _w_ReplaceEntryN), 521: Procedure('ListEntryN', 521, False, _i_ListEntryN, _w_ListEntryN), 522: Procedure('ListAttributesN', 522, False, _i_ListAttributesN, _w_ListAttributesN), 523: Procedure('LinkedListN', 523, False, _i_LinkedListN, _w_LinkedListN), 524: Procedure('UpdateEntryByName', 524, False, _i_UpdateEntryByName, _w_UpdateEntryByName), 527: Procedure('GetEntryByNameU', 527, False, _i_GetEntryByNameU, _w_GetEntryByNameU), 532: Procedure('RegisterAddrs', 532, False, _i_RegisterAddrs, _w_RegisterAddrs), 533: Procedure('GetAddrsU', 533, False, _i_GetAddrsU, _w_GetAddrsU), 534: Procedure('ListAttributesN2', 534, False, _i_ListAttributesN2, _w_ListAttributesN2)}

    async def CreateEntry(self, call: Call, newentry: vldbentry) -> None:
        """VL_CreateEntry (opcode 501): override to implement."""
        raise NotImplementedError

    async def DeleteEntry(self, call: Call, Volid: int, voltype: int) -> None:
        """VL_DeleteEntry (opcode 502): override to implement."""
        raise NotImplementedError

    async def GetEntryByID(self, call: Call, Volid: int, voltype: int) -> vldbentry:
        """VL_GetEntryByID (opcode 503): override to implement."""
        raise NotImplementedError

    async def GetEntryByNameO(self, call: Call, volumename: str) -> vldbentry:
        """VL_GetEntryByNameO (opcode 504): override to implement."""
        raise NotImplementedError

    async def GetNewVolumeId(self, call: Call, bumpcount: int) -> int:
        """VL_GetNewVolumeId (opcode 505): override to implement."""
        raise NotImplementedError

    async def ReplaceEntry(self, call: Call, Volid: int, voltype: int, newentry: vldbentry, ReleaseType: int) -> None:
        """VL_ReplaceEntry (opcode 506): override to implement."""
        raise NotImplementedError

    async def UpdateEntry(self, call: Call, Volid: int, voltype: int, UpdateEntry: VldbUpdateEntry, ReleaseType: int) -> None:
        """VL_UpdateEntry (opcode 507): override to implement."""
        raise NotImplementedError

    async def SetLock(self, call: Call, Volid: int, voltype: int, voloper: int) -> None:
        """VL_SetLock (opcode 508): override to implement."""
        raise NotImplementedError

    async def ReleaseLock(self, call: Call, Volid: int, voltype: int, ReleaseType: int) -> None:
        """VL_ReleaseLock (opcode 509): override to implement."""
        raise NotImplementedError

    async def ListEntry(self, call: Call, previous_index: int) -> ListEntryResult:
        """VL_ListEntry (opcode 510): override to implement."""
        raise NotImplementedError

    async def ListAttributes(self, call: Call, attributes: VldbListByAttributes) -> ListAttributesResult:
        """VL_ListAttributes (opcode 511): override to implement."""
        raise NotImplementedError

    async def LinkedList(self, call: Call, attributes: VldbListByAttributes) -> LinkedListResult:
        """VL_LinkedList (opcode 512): override to implement."""
        raise NotImplementedError

    async def GetStats(self, call: Call) -> GetStatsResult:
        """VL_GetStats (opcode 513): override to implement."""
        raise NotImplementedError

    async def ProbeServer(self, call: Call) -> None:
        """VL_ProbeServer (opcode 514): override to implement."""
        raise NotImplementedError

    async def GetAddrs(self, call: Call, Handle: int, spare2: int) -> GetAddrsResult:
        """VL_GetAddrs (opcode 515): override to implement."""
        raise NotImplementedError

    async def ChangeAddr(self, call: Call, ip1: int, ip2: int) -> None:
        """VL_ChangeAddr (opcode 516): override to implement."""
        raise NotImplementedError

    async def CreateEntryN(self, call: Call, newentry: nvldbentry) -> None:
        """VL_CreateEntryN (opcode 517): override to implement."""
        raise NotImplementedError

    async def GetEntryByIDN(self, call: Call, Volid: int, voltype: int) -> nvldbentry:
        """VL_GetEntryByIDN (opcode 518): override to implement."""
        raise NotImplementedError

    async def GetEntryByNameN(self, call: Call, volumename: str) -> nvldbentry:
        """VL_GetEntryByNameN (opcode 519): override to implement."""
        raise NotImplementedError

    async def ReplaceEntryN(self, call: Call, Volid: int, voltype: int, newentry: nvldbentry, ReleaseType: int) -> None:
        """VL_ReplaceEntryN (opcode 520): override to implement."""
        raise NotImplementedError

    async def ListEntryN(self, call: Call, previous_index: int) -> ListEntryNResult:
        """VL_ListEntryN (opcode 521): override to implement."""
        raise NotImplementedError

    async def ListAttributesN(self, call: Call, attributes: VldbListByAttributes) -> ListAttributesNResult:
        """VL_ListAttributesN (opcode 522): override to implement."""
        raise NotImplementedError

    async def LinkedListN(self, call: Call, attributes: VldbListByAttributes) -> LinkedListNResult:
        """VL_LinkedListN (opcode 523): override to implement."""
        raise NotImplementedError

    async def UpdateEntryByName(self, call: Call, volumename: str, UpdateEntry: VldbUpdateEntry, ReleaseType: int) -> None:
        """VL_UpdateEntryByName (opcode 524): override to implement."""
        raise NotImplementedError

    async def GetEntryByNameU(self, call: Call, volumename: str) -> uvldbentry:
        """VL_GetEntryByNameU (opcode 527): override to implement."""
        raise NotImplementedError

    async def RegisterAddrs(self, call: Call, uuidp: afsUUID, spare1: int, ipaddr: Sequence[int]) -> None:
        """VL_RegisterAddrs (opcode 532): override to implement."""
        raise NotImplementedError

    async def GetAddrsU(self, call: Call, inaddr: ListAddrByAttributes) -> GetAddrsUResult:
        """VL_GetAddrsU (opcode 533): override to implement."""
        raise NotImplementedError

    async def ListAttributesN2(self, call: Call, attributes: VldbListByAttributes, volumename: str, startindex: int) -> ListAttributesN2Result:
        """VL_ListAttributesN2 (opcode 534): override to implement."""
        raise NotImplementedError


OPCODES: Final[dict[str, int]] = {'CreateEntry': 501, 'DeleteEntry': 502, 'GetEntryByID': 503, 'GetEntryByNameO': 504, 'GetNewVolumeId': 505, 'ReplaceEntry': 506, 'UpdateEntry': 507, 'SetLock': 508, 'ReleaseLock': 509, 'ListEntry': 510, 'ListAttributes': 511, 'LinkedList': 512, 'GetStats': 513, 'ProbeServer': 514, 'GetAddrs': 515, 'ChangeAddr': 516, 'CreateEntryN': 517, 'GetEntryByIDN': 518, 'GetEntryByNameN': 519, 'ReplaceEntryN': 520, 'ListEntryN': 521, 'ListAttributesN': 522, 'LinkedListN': 523, 'UpdateEntryByName': 524, 'GetEntryByNameU': 527, 'RegisterAddrs': 532, 'GetAddrsU': 533, 'ListAttributesN2': 534}
"""Every procedure's opcode, by name."""
