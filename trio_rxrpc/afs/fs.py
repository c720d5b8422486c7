"""The RXAFS interface, generated from afsint.xg: written by trio-rxrpc rxgen.

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

PACKAGE: Final = 'RXAFS_'
STATINDEX: Final = 7
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
VICECONNBAD: Final = 1234
VICETOKENDEAD: Final = 1235
AFS_LOCKWAIT: Final = 300
Invalid: Final = 0
File: Final = 1
Directory: Final = 2
SymbolicLink: Final = 3
AFS_SETMODTIME: Final = 1
AFS_SETOWNER: Final = 2
AFS_SETGROUP: Final = 4
AFS_SETMODE: Final = 8
AFS_SETSEGSIZE: Final = 16
AFS_FSYNC: Final = 1024
ReadOnly: Final = 0
ReadWrite: Final = 1
AFS_SETMINQUOTA: Final = 1
AFS_SETMAXQUOTA: Final = 2
LockRead: Final = 0
LockWrite: Final = 1
LockExtend: Final = 2
LockRelease: Final = 3
NoSalvage: Final = 0
Salvage: Final = 1
MAXCMDINT64S: Final = 3
MAXCMDINT32S: Final = 200
MAXCMDCHARS: Final = 256
CMD_GETRESIDENCIES: Final = 1
CMD_CHANGERESIDENCIES: Final = 2
CMD_IMPORTRESIDENCIES: Final = 3
CMD_GETEXTVOLATTR: Final = 4
CMD_SETEXTVOLATTR: Final = 5
CMD_GETACCESSHISTORY: Final = 6
CMD_MIGRATEFILE: Final = 7
CMD_CHECKHSMMETADATA: Final = 8
CMD_FETCHSTATUS: Final = 9
VOLATTR_DESIREDRESIDENCYMASK: Final = 1
VOLATTR_UNDESIREDRESIDENCYMASK: Final = 2
VOLATTR_SETSPECIALACCESSFLAG: Final = 4
FLUSHMAX: Final = 10
STATS64_CURRENTTIME: Final = 0
STATS64_BOOTTIME: Final = 1
STATS64_STARTTIME: Final = 2
STATS64_CURRENTCONNECTIONS: Final = 3
STATS64_TOTALFETCHES: Final = 4
STATS64_FETCHDATAS: Final = 5
STATS64_FETCHEDBYTES: Final = 6
STATS64_FETCHDATARATE: Final = 7
STATS64_TOTALSTORES: Final = 8
STATS64_STOREDATAS: Final = 9
STATS64_STOREDBYTES: Final = 10
STATS64_STOREDATARATE: Final = 11
STATS64_TOTALVICECALLS: Final = 12
STATS64_WORKSTATIONS: Final = 13
STATS64_ACTIVEWORKSTATIONS: Final = 14
STATS64_PROCESSSIZE: Final = 15
STATS64_VERSION: Final = 16
PRSFS_READ: Final = 1
PRSFS_WRITE: Final = 2
PRSFS_INSERT: Final = 4
PRSFS_LOOKUP: Final = 8
PRSFS_DELETE: Final = 16
PRSFS_LOCK: Final = 32
PRSFS_ADMINISTER: Final = 64
PRSFS_USR0: Final = 16777216
PRSFS_USR1: Final = 33554432
PRSFS_USR2: Final = 67108864
PRSFS_USR3: Final = 134217728
PRSFS_USR4: Final = 268435456
PRSFS_USR5: Final = 536870912
PRSFS_USR6: Final = 1073741824
PRSFS_USR7: Final = 2147483648


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

ViceDataType: TypeAlias = 'int'

@attrs.frozen
class BD:
    """``struct BD`` (afsint.xg:39)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('host', 'portal', 'session',)

    host: int = 0
    portal: int = 0
    session: int = 0

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_BD, self, 'BD')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> BD:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_BD, data, 'BD')


@attrs.frozen
class AFSVolSync:
    """``struct AFSVolSync`` (afsint.xg:46)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('spare1', 'spare2', 'spare3', 'spare4', 'spare5', 'spare6',)

    spare1: int = 0
    spare2: int = 0
    spare3: int = 0
    spare4: int = 0
    spare5: int = 0
    spare6: int = 0

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_AFSVolSync, self, 'AFSVolSync')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> AFSVolSync:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_AFSVolSync, data, 'AFSVolSync')


@attrs.frozen
class AFSOldFetchStatus:
    """``struct AFSOldFetchStatus`` (afsint.xg:56)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('InterfaceVersion', 'FileType', 'LinkCount', 'Length', 'DataVersion', 'Author', 'Owner', 'CallerAccess', 'AnonymousAccess', 'UnixModeBits', 'ParentVnode', 'ParentUnique', 'SegSize', 'ClientModTime', 'ServerModTime', 'Group',)

    InterfaceVersion: int = 0
    FileType: int = 0
    LinkCount: int = 0
    Length: int = 0
    DataVersion: int = 0
    Author: int = 0
    Owner: int = 0
    CallerAccess: int = 0
    AnonymousAccess: int = 0
    UnixModeBits: int = 0
    ParentVnode: int = 0
    ParentUnique: int = 0
    SegSize: int = 0
    ClientModTime: int = 0
    ServerModTime: int = 0
    Group: int = 0

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_AFSOldFetchStatus, self, 'AFSOldFetchStatus')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> AFSOldFetchStatus:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_AFSOldFetchStatus, data, 'AFSOldFetchStatus')


@attrs.frozen
class AFSFetchStatus:
    """``struct AFSFetchStatus`` (afsint.xg:76)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('InterfaceVersion', 'FileType', 'LinkCount', 'Length', 'DataVersion', 'Author', 'Owner', 'CallerAccess', 'AnonymousAccess', 'UnixModeBits', 'ParentVnode', 'ParentUnique', 'ResidencyMask', 'ClientModTime', 'ServerModTime', 'Group', 'SyncCounter', 'dataVersionHigh', 'lockCount', 'Length_hi', 'errorCode',)

    InterfaceVersion: int = 0
    FileType: int = 0
    LinkCount: int = 0
    Length: int = 0
    DataVersion: int = 0
    Author: int = 0
    Owner: int = 0
    CallerAccess: int = 0
    AnonymousAccess: int = 0
    UnixModeBits: int = 0
    ParentVnode: int = 0
    ParentUnique: int = 0
    ResidencyMask: int = 0
    ClientModTime: int = 0
    ServerModTime: int = 0
    Group: int = 0
    SyncCounter: int = 0
    dataVersionHigh: int = 0
    lockCount: int = 0
    Length_hi: int = 0
    errorCode: int = 0

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_AFSFetchStatus, self, 'AFSFetchStatus')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> AFSFetchStatus:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_AFSFetchStatus, data, 'AFSFetchStatus')


@attrs.frozen
class AFSStoreStatus:
    """``struct AFSStoreStatus`` (afsint.xg:101)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('Mask', 'ClientModTime', 'Owner', 'Group', 'UnixModeBits', 'SegSize',)

    Mask: int = 0
    ClientModTime: int = 0
    Owner: int = 0
    Group: int = 0
    UnixModeBits: int = 0
    SegSize: int = 0

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_AFSStoreStatus, self, 'AFSStoreStatus')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> AFSStoreStatus:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_AFSStoreStatus, data, 'AFSStoreStatus')


ViceVolumeType: TypeAlias = 'int'

@attrs.frozen
class ViceDisk:
    """``struct ViceDisk`` (afsint.xg:122)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('BlocksAvailable', 'TotalBlocks', 'Name',)

    BlocksAvailable: int = 0
    TotalBlocks: int = 0
    Name: bytes = b"\x00" * 32

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_ViceDisk, self, 'ViceDisk')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> ViceDisk:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_ViceDisk, data, 'ViceDisk')


@attrs.frozen
class ViceStatistics:
    """``struct ViceStatistics`` (afsint.xg:129)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('CurrentMsgNumber', 'OldestMsgNumber', 'CurrentTime', 'BootTime', 'StartTime', 'CurrentConnections', 'TotalViceCalls', 'TotalFetchs', 'FetchDatas', 'FetchedBytes', 'FetchDataRate', 'TotalStores', 'StoreDatas', 'StoredBytes', 'StoreDataRate', 'TotalRPCBytesSent', 'TotalRPCBytesReceived', 'TotalRPCPacketsSent', 'TotalRPCPacketsReceived', 'TotalRPCPacketsLost', 'TotalRPCBogusPackets', 'SystemCPU', 'UserCPU', 'NiceCPU', 'IdleCPU', 'TotalIO', 'ActiveVM', 'TotalVM', 'EtherNetTotalErrors', 'EtherNetTotalWrites', 'EtherNetTotalInterupts', 'EtherNetGoodReads', 'EtherNetTotalBytesWritten', 'EtherNetTotalBytesRead', 'ProcessSize', 'WorkStations', 'ActiveWorkStations', 'Spare1', 'Spare2', 'Spare3', 'Spare4', 'Spare5', 'Spare6', 'Spare7', 'Spare8', 'Disk1', 'Disk2', 'Disk3', 'Disk4', 'Disk5', 'Disk6', 'Disk7', 'Disk8', 'Disk9', 'Disk10',)

    CurrentMsgNumber: int = 0
    OldestMsgNumber: int = 0
    CurrentTime: int = 0
    BootTime: int = 0
    StartTime: int = 0
    CurrentConnections: int = 0
    TotalViceCalls: int = 0
    TotalFetchs: int = 0
    FetchDatas: int = 0
    FetchedBytes: int = 0
    FetchDataRate: int = 0
    TotalStores: int = 0
    StoreDatas: int = 0
    StoredBytes: int = 0
    StoreDataRate: int = 0
    TotalRPCBytesSent: int = 0
    TotalRPCBytesReceived: int = 0
    TotalRPCPacketsSent: int = 0
    TotalRPCPacketsReceived: int = 0
    TotalRPCPacketsLost: int = 0
    TotalRPCBogusPackets: int = 0
    SystemCPU: int = 0
    UserCPU: int = 0
    NiceCPU: int = 0
    IdleCPU: int = 0
    TotalIO: int = 0
    ActiveVM: int = 0
    TotalVM: int = 0
    EtherNetTotalErrors: int = 0
    EtherNetTotalWrites: int = 0
    EtherNetTotalInterupts: int = 0
    EtherNetGoodReads: int = 0
    EtherNetTotalBytesWritten: int = 0
    EtherNetTotalBytesRead: int = 0
    ProcessSize: int = 0
    WorkStations: int = 0
    ActiveWorkStations: int = 0
    Spare1: int = 0
    Spare2: int = 0
    Spare3: int = 0
    Spare4: int = 0
    Spare5: int = 0
    Spare6: int = 0
    Spare7: int = 0
    Spare8: int = 0
    Disk1: ViceDisk = attrs.field(factory=lambda: ViceDisk())
    Disk2: ViceDisk = attrs.field(factory=lambda: ViceDisk())
    Disk3: ViceDisk = attrs.field(factory=lambda: ViceDisk())
    Disk4: ViceDisk = attrs.field(factory=lambda: ViceDisk())
    Disk5: ViceDisk = attrs.field(factory=lambda: ViceDisk())
    Disk6: ViceDisk = attrs.field(factory=lambda: ViceDisk())
    Disk7: ViceDisk = attrs.field(factory=lambda: ViceDisk())
    Disk8: ViceDisk = attrs.field(factory=lambda: ViceDisk())
    Disk9: ViceDisk = attrs.field(factory=lambda: ViceDisk())
    Disk10: ViceDisk = attrs.field(factory=lambda: ViceDisk())

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_ViceStatistics, self, 'ViceStatistics')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> ViceStatistics:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_ViceStatistics, data, 'ViceStatistics')


@attrs.frozen
class VolumeStatus:
    """``struct VolumeStatus`` (afsint.xg:188)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('Vid', 'ParentId', 'Online', 'InService', 'Blessed', 'NeedsSalvage', 'Type', 'MinQuota', 'MaxQuota', 'BlocksInUse', 'PartBlocksAvail', 'PartMaxBlocks',)

    Vid: int = 0
    ParentId: int = 0
    Online: int = 0
    InService: int = 0
    Blessed: int = 0
    NeedsSalvage: int = 0
    Type: int = 0
    MinQuota: int = 0
    MaxQuota: int = 0
    BlocksInUse: int = 0
    PartBlocksAvail: int = 0
    PartMaxBlocks: int = 0

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_VolumeStatus, self, 'VolumeStatus')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> VolumeStatus:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_VolumeStatus, data, 'VolumeStatus')


@attrs.frozen
class AFSFetchVolumeStatus:
    """``struct AFSFetchVolumeStatus`` (afsint.xg:204)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('Vid', 'ParentId', 'Online', 'InService', 'Blessed', 'NeedsSalvage', 'Type', 'MinQuota', 'MaxQuota', 'BlocksInUse', 'PartBlocksAvail', 'PartMaxBlocks',)

    Vid: int = 0
    ParentId: int = 0
    Online: int = 0
    InService: int = 0
    Blessed: int = 0
    NeedsSalvage: int = 0
    Type: int = 0
    MinQuota: int = 0
    MaxQuota: int = 0
    BlocksInUse: int = 0
    PartBlocksAvail: int = 0
    PartMaxBlocks: int = 0

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_AFSFetchVolumeStatus, self, 'AFSFetchVolumeStatus')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> AFSFetchVolumeStatus:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_AFSFetchVolumeStatus, data, 'AFSFetchVolumeStatus')


@attrs.frozen
class AFSStoreVolumeStatus:
    """``struct AFSStoreVolumeStatus`` (afsint.xg:220)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('Mask', 'MinQuota', 'MaxQuota',)

    Mask: int = 0
    MinQuota: int = 0
    MaxQuota: int = 0

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_AFSStoreVolumeStatus, self, 'AFSStoreVolumeStatus')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> AFSStoreVolumeStatus:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_AFSStoreVolumeStatus, data, 'AFSStoreVolumeStatus')


@attrs.frozen
class AFSVolumeInfo:
    """``struct AFSVolumeInfo`` (afsint.xg:230)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('Vid', 'Type', 'Type0', 'Type1', 'Type2', 'Type3', 'Type4', 'ServerCount', 'Server0', 'Server1', 'Server2', 'Server3', 'Server4', 'Server5', 'Server6', 'Server7', 'Port0', 'Port1', 'Port2', 'Port3', 'Port4', 'Port5', 'Port6', 'Port7',)

    Vid: int = 0
    Type: int = 0
    Type0: int = 0
    Type1: int = 0
    Type2: int = 0
    Type3: int = 0
    Type4: int = 0
    ServerCount: int = 0
    Server0: int = 0
    Server1: int = 0
    Server2: int = 0
    Server3: int = 0
    Server4: int = 0
    Server5: int = 0
    Server6: int = 0
    Server7: int = 0
    Port0: int = 0
    Port1: int = 0
    Port2: int = 0
    Port3: int = 0
    Port4: int = 0
    Port5: int = 0
    Port6: int = 0
    Port7: int = 0

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_AFSVolumeInfo, self, 'AFSVolumeInfo')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> AFSVolumeInfo:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_AFSVolumeInfo, data, 'AFSVolumeInfo')


@attrs.frozen
class VolumeInfo:
    """``struct VolumeInfo`` (afsint.xg:258)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('Vid', 'Type', 'Type0', 'Type1', 'Type2', 'Type3', 'Type4', 'ServerCount', 'Server0', 'Server1', 'Server2', 'Server3', 'Server4', 'Server5', 'Server6', 'Server7',)

    Vid: int = 0
    Type: int = 0
    Type0: int = 0
    Type1: int = 0
    Type2: int = 0
    Type3: int = 0
    Type4: int = 0
    ServerCount: int = 0
    Server0: int = 0
    Server1: int = 0
    Server2: int = 0
    Server3: int = 0
    Server4: int = 0
    Server5: int = 0
    Server6: int = 0
    Server7: int = 0

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_VolumeInfo, self, 'VolumeInfo')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> VolumeInfo:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_VolumeInfo, data, 'VolumeInfo')


ViceLockType: TypeAlias = 'int'

AFSBulkStats: TypeAlias = 'Sequence[AFSFetchStatus]'

ViceOfflineType: TypeAlias = 'int'

@attrs.frozen
class ExtendedVolAttrInputs:
    """``struct ExtendedVolAttrInputs`` (afsint.xg:309)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('Mask', 'Volume', 'DesiredResidencyMask', 'Spare1', 'UnDesiredResidencyMask', 'Spare2', 'SpecialAccessFlag',)

    Mask: int = 0
    Volume: int = 0
    DesiredResidencyMask: int = 0
    Spare1: Sequence[int] = (0,) * 10
    UnDesiredResidencyMask: int = 0
    Spare2: Sequence[int] = (0,) * 9
    SpecialAccessFlag: int = 0

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_ExtendedVolAttrInputs, self, 'ExtendedVolAttrInputs')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> ExtendedVolAttrInputs:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_ExtendedVolAttrInputs, data, 'ExtendedVolAttrInputs')


@attrs.frozen
class ExtendedVolAttrOutputs:
    """``struct ExtendedVolAttrOutputs`` (afsint.xg:319)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('DesiredResidencyMask', 'Spare1', 'UnDesiredResidencyMask', 'Spare2', 'SpecialAccessFlag',)

    DesiredResidencyMask: int = 0
    Spare1: Sequence[int] = (0,) * 10
    UnDesiredResidencyMask: int = 0
    Spare2: Sequence[int] = (0,) * 9
    SpecialAccessFlag: int = 0

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_ExtendedVolAttrOutputs, self, 'ExtendedVolAttrOutputs')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> ExtendedVolAttrOutputs:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_ExtendedVolAttrOutputs, data, 'ExtendedVolAttrOutputs')


@attrs.frozen
class TagsArray:
    """``struct TagsArray`` (afsint.xg:328)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('TagsArray_len', 'TagsArray_val',)

    TagsArray_len: int = 0
    TagsArray_val: Sequence[int] = (0,) * 184

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_TagsArray, self, 'TagsArray')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> TagsArray:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_TagsArray, data, 'TagsArray')


@attrs.frozen
class AccessHistory:
    """``struct AccessHistory`` (afsint.xg:333)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('Size', 'ModTime', 'NonSpoolingFetches', 'UserSpoolingFetches', 'MigratorSpoolingFetches', 'LastUserMigrationEvent', 'MigrateMe', 'Time0', 'Type0', 'LocalAccess0', 'Residency0', 'Time1', 'Type1', 'LocalAccess1', 'Residency1', 'Time2', 'Type2', 'LocalAccess2', 'Residency2', 'Time3', 'Type3', 'LocalAccess3', 'Residency3', 'Time4', 'Type4', 'LocalAccess4', 'Residency4',)

    Size: int = 0
    ModTime: int = 0
    NonSpoolingFetches: int = 0
    UserSpoolingFetches: int = 0
    MigratorSpoolingFetches: int = 0
    LastUserMigrationEvent: int = 0
    MigrateMe: int = 0
    Time0: int = 0
    Type0: int = 0
    LocalAccess0: int = 0
    Residency0: int = 0
    Time1: int = 0
    Type1: int = 0
    LocalAccess1: int = 0
    Residency1: int = 0
    Time2: int = 0
    Type2: int = 0
    LocalAccess2: int = 0
    Residency2: int = 0
    Time3: int = 0
    Type3: int = 0
    LocalAccess3: int = 0
    Residency3: int = 0
    Time4: int = 0
    Type4: int = 0
    LocalAccess4: int = 0
    Residency4: int = 0

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_AccessHistory, self, 'AccessHistory')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> AccessHistory:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_AccessHistory, data, 'AccessHistory')


@attrs.frozen
class AccessHistoryOld:
    """``struct AccessHistoryOld`` (afsint.xg:363)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('Size', 'ModTime', 'NonSpoolingFetches', 'UserSpoolingFetches', 'MigratorSpoolingFetches', 'LastUserMigrationEvent', 'MigrateMe', 'Time0', 'Type0', 'LocalAccess0', 'Residency0', 'Time1', 'Type1', 'LocalAccess1', 'Residency1', 'Time2', 'Type2', 'LocalAccess2', 'Residency2', 'Time3', 'Type3', 'LocalAccess3', 'Residency3', 'Time4', 'Type4', 'LocalAccess4', 'Residency4',)

    Size: int = 0
    ModTime: int = 0
    NonSpoolingFetches: int = 0
    UserSpoolingFetches: int = 0
    MigratorSpoolingFetches: int = 0
    LastUserMigrationEvent: int = 0
    MigrateMe: int = 0
    Time0: int = 0
    Type0: int = 0
    LocalAccess0: int = 0
    Residency0: int = 0
    Time1: int = 0
    Type1: int = 0
    LocalAccess1: int = 0
    Residency1: int = 0
    Time2: int = 0
    Type2: int = 0
    LocalAccess2: int = 0
    Residency2: int = 0
    Time3: int = 0
    Type3: int = 0
    LocalAccess3: int = 0
    Residency3: int = 0
    Time4: int = 0
    Type4: int = 0
    LocalAccess4: int = 0
    Residency4: int = 0

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_AccessHistoryOld, self, 'AccessHistoryOld')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> AccessHistoryOld:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_AccessHistoryOld, data, 'AccessHistoryOld')


@attrs.frozen
class FsCmdInputs:
    """``struct FsCmdInputs`` (afsint.xg:393)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('command', 'fid', 'int64s', 'int32s', 'chars',)

    command: int = 0
    fid: AFSFid = attrs.field(factory=lambda: AFSFid())
    int64s: Sequence[int] = (0,) * 3
    int32s: Sequence[int] = (0,) * 200
    chars: str = ""

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_FsCmdInputs, self, 'FsCmdInputs')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> FsCmdInputs:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_FsCmdInputs, data, 'FsCmdInputs')


@attrs.frozen
class FsCmdOutputs:
    """``struct FsCmdOutputs`` (afsint.xg:401)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('code', 'status', 'int64s', 'int32s', 'chars',)

    code: int = 0
    status: AFSFetchStatus = attrs.field(factory=lambda: AFSFetchStatus())
    int64s: Sequence[int] = (0,) * 3
    int32s: Sequence[int] = (0,) * 200
    chars: str = ""

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_FsCmdOutputs, self, 'FsCmdOutputs')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> FsCmdOutputs:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_FsCmdOutputs, data, 'FsCmdOutputs')


ViceIds: TypeAlias = 'Sequence[int]'

IPAddrs: TypeAlias = 'Sequence[int]'

ViceStatistics64: TypeAlias = 'Sequence[int]'

_S0 = struct.Struct('>IIIii24s')
_S1 = struct.Struct('>III')
_S2 = struct.Struct('>iiiiiiii')
_S3 = struct.Struct('>iiIIIiiiiiiiiiiiiiiiii')
_S4 = struct.Struct('>iiIIIqiiiiiiiiiiiiiiii')
_S5 = struct.Struct('>64siiiiiiii')
_S6 = struct.Struct('>iIIIii24siiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii')
_S7 = struct.Struct('>iii')
_S8 = struct.Struct('>IIIIII')
_S9 = struct.Struct('>IIIIIIIIIIIIIIII')
_S10 = struct.Struct('>IIIIIIIIIIIIIIIIIIIII')
_S11 = struct.Struct('>ii32s')
_S12 = struct.Struct('>IIIIIiIIIIiIIIiIIIIIIiiiiiiiiiiiiiiiiiiiiiiiiii32sii32sii32sii32sii32sii32sii32sii32sii32sii32s')
_S13 = struct.Struct('>iiiiiiiiiiii')
_S14 = struct.Struct('>IiIIIIIIIIIIIIIIIIIIIIII')
_S15 = struct.Struct('>IiIIIIIIIIIIIIII')
_S16 = struct.Struct('>IIIIIIIIIIIIIIIIIIIIIIII')
_S17 = struct.Struct('>IIIIIIIIIIIIIIIIIIIIII')
_S18 = struct.Struct('>IIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIII')
_S19 = struct.Struct('>QIIIIIIIIIIIIIIIIIIIIIIIIII')
_S20 = struct.Struct('>IIIIIIIIIIIIIIIIIIIIIIIIIII')
_S21 = struct.Struct('>iIIIqqqIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIII1024s')
_S22 = struct.Struct('>iIIIIIIIIIIIIIIIIIIIIIqqqIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIII1024s')
_S23 = struct.Struct('>IIIIIIIIIIIIIIIIIIIIIIIIIIIIII')
_S24 = struct.Struct('>IIIii')
_S25 = struct.Struct('>IIIIIIIIIIII')
_S26 = struct.Struct('>IIIIIIIII')
_S27 = struct.Struct('>IIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIII')
_S28 = struct.Struct('>IIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIII')
_S29 = struct.Struct('>IIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIII')
_S30 = struct.Struct('>IIIiIIIIII')
_S31 = struct.Struct('>i')
_S32 = struct.Struct('>iiii')
_S33 = struct.Struct('>II')
_S34 = struct.Struct('>IIIi')
_S35 = struct.Struct('>ii')
_S36 = struct.Struct('>IIIiIIIqqqIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIII1024s')
_S37 = struct.Struct('>IIIqq')
_S38 = struct.Struct('>IIIIIIIIIQQQ')


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


def _b_BD(t: tuple[int, int, int]) -> BD:
    return BD(t[0], t[1], t[2])


def _f_BD(v: BD) -> tuple[object, ...]:
    return (v.host, v.portal, v.session,)


def _d_BD(d: bytes | memoryview, o: int) -> tuple[BD, int]:
    return _b_BD(_S7.unpack_from(d, o)), o + 12


def _e_BD(b: bytearray, v: BD) -> None:
    b += _S7.pack(*_f_BD(v))


def _b_AFSVolSync(t: tuple[int, int, int, int, int, int]) -> AFSVolSync:
    return AFSVolSync(t[0], t[1], t[2], t[3], t[4], t[5])


def _f_AFSVolSync(v: AFSVolSync) -> tuple[object, ...]:
    return (v.spare1, v.spare2, v.spare3, v.spare4, v.spare5, v.spare6,)


def _d_AFSVolSync(d: bytes | memoryview, o: int) -> tuple[AFSVolSync, int]:
    return _b_AFSVolSync(_S8.unpack_from(d, o)), o + 24


def _e_AFSVolSync(b: bytearray, v: AFSVolSync) -> None:
    b += _S8.pack(*_f_AFSVolSync(v))


def _b_AFSOldFetchStatus(t: tuple[int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int]) -> AFSOldFetchStatus:
    return AFSOldFetchStatus(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9], t[10], t[11], t[12], t[13], t[14], t[15])


def _f_AFSOldFetchStatus(v: AFSOldFetchStatus) -> tuple[object, ...]:
    return (v.InterfaceVersion, v.FileType, v.LinkCount, v.Length, v.DataVersion, v.Author, v.Owner, v.CallerAccess, v.AnonymousAccess, v.UnixModeBits, v.ParentVnode, v.ParentUnique, v.SegSize, v.ClientModTime, v.ServerModTime, v.Group,)


def _d_AFSOldFetchStatus(d: bytes | memoryview, o: int) -> tuple[AFSOldFetchStatus, int]:
    return _b_AFSOldFetchStatus(_S9.unpack_from(d, o)), o + 64


def _e_AFSOldFetchStatus(b: bytearray, v: AFSOldFetchStatus) -> None:
    b += _S9.pack(*_f_AFSOldFetchStatus(v))


def _b_AFSFetchStatus(t: tuple[int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int]) -> AFSFetchStatus:
    return AFSFetchStatus(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9], t[10], t[11], t[12], t[13], t[14], t[15], t[16], t[17], t[18], t[19], t[20])


def _f_AFSFetchStatus(v: AFSFetchStatus) -> tuple[object, ...]:
    return (v.InterfaceVersion, v.FileType, v.LinkCount, v.Length, v.DataVersion, v.Author, v.Owner, v.CallerAccess, v.AnonymousAccess, v.UnixModeBits, v.ParentVnode, v.ParentUnique, v.ResidencyMask, v.ClientModTime, v.ServerModTime, v.Group, v.SyncCounter, v.dataVersionHigh, v.lockCount, v.Length_hi, v.errorCode,)


def _d_AFSFetchStatus(d: bytes | memoryview, o: int) -> tuple[AFSFetchStatus, int]:
    return _b_AFSFetchStatus(_S10.unpack_from(d, o)), o + 84


def _e_AFSFetchStatus(b: bytearray, v: AFSFetchStatus) -> None:
    b += _S10.pack(*_f_AFSFetchStatus(v))


def _b_AFSStoreStatus(t: tuple[int, int, int, int, int, int]) -> AFSStoreStatus:
    return AFSStoreStatus(t[0], t[1], t[2], t[3], t[4], t[5])


def _f_AFSStoreStatus(v: AFSStoreStatus) -> tuple[object, ...]:
    return (v.Mask, v.ClientModTime, v.Owner, v.Group, v.UnixModeBits, v.SegSize,)


def _d_AFSStoreStatus(d: bytes | memoryview, o: int) -> tuple[AFSStoreStatus, int]:
    return _b_AFSStoreStatus(_S8.unpack_from(d, o)), o + 24


def _e_AFSStoreStatus(b: bytearray, v: AFSStoreStatus) -> None:
    b += _S8.pack(*_f_AFSStoreStatus(v))


def _b_ViceDisk(t: tuple[int, int, bytes]) -> ViceDisk:
    return ViceDisk(t[0], t[1], t[2])


def _f_ViceDisk(v: ViceDisk) -> tuple[object, ...]:
    return (v.BlocksAvailable, v.TotalBlocks, fixed_opaque(v.Name, 32, 'ViceDisk.Name'),)


def _d_ViceDisk(d: bytes | memoryview, o: int) -> tuple[ViceDisk, int]:
    return _b_ViceDisk(_S11.unpack_from(d, o)), o + 40


def _e_ViceDisk(b: bytearray, v: ViceDisk) -> None:
    b += _S11.pack(*_f_ViceDisk(v))


def _b_ViceStatistics(t: tuple[int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, bytes, int, int, bytes, int, int, bytes, int, int, bytes, int, int, bytes, int, int, bytes, int, int, bytes, int, int, bytes, int, int, bytes, int, int, bytes]) -> ViceStatistics:
    return ViceStatistics(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9], t[10], t[11], t[12], t[13], t[14], t[15], t[16], t[17], t[18], t[19], t[20], t[21], t[22], t[23], t[24], t[25], t[26], t[27], t[28], t[29], t[30], t[31], t[32], t[33], t[34], t[35], t[36], t[37], t[38], t[39], t[40], t[41], t[42], t[43], t[44], _b_ViceDisk(t[45:48]), _b_ViceDisk(t[48:51]), _b_ViceDisk(t[51:54]), _b_ViceDisk(t[54:57]), _b_ViceDisk(t[57:60]), _b_ViceDisk(t[60:63]), _b_ViceDisk(t[63:66]), _b_ViceDisk(t[66:69]), _b_ViceDisk(t[69:72]), _b_ViceDisk(t[72:75]))


def _f_ViceStatistics(v: ViceStatistics) -> tuple[object, ...]:
    return (v.CurrentMsgNumber, v.OldestMsgNumber, v.CurrentTime, v.BootTime, v.StartTime, v.CurrentConnections, v.TotalViceCalls, v.TotalFetchs, v.FetchDatas, v.FetchedBytes, v.FetchDataRate, v.TotalStores, v.StoreDatas, v.StoredBytes, v.StoreDataRate, v.TotalRPCBytesSent, v.TotalRPCBytesReceived, v.TotalRPCPacketsSent, v.TotalRPCPacketsReceived, v.TotalRPCPacketsLost, v.TotalRPCBogusPackets, v.SystemCPU, v.UserCPU, v.NiceCPU, v.IdleCPU, v.TotalIO, v.ActiveVM, v.TotalVM, v.EtherNetTotalErrors, v.EtherNetTotalWrites, v.EtherNetTotalInterupts, v.EtherNetGoodReads, v.EtherNetTotalBytesWritten, v.EtherNetTotalBytesRead, v.ProcessSize, v.WorkStations, v.ActiveWorkStations, v.Spare1, v.Spare2, v.Spare3, v.Spare4, v.Spare5, v.Spare6, v.Spare7, v.Spare8, *_f_ViceDisk(v.Disk1), *_f_ViceDisk(v.Disk2), *_f_ViceDisk(v.Disk3), *_f_ViceDisk(v.Disk4), *_f_ViceDisk(v.Disk5), *_f_ViceDisk(v.Disk6), *_f_ViceDisk(v.Disk7), *_f_ViceDisk(v.Disk8), *_f_ViceDisk(v.Disk9), *_f_ViceDisk(v.Disk10),)


def _d_ViceStatistics(d: bytes | memoryview, o: int) -> tuple[ViceStatistics, int]:
    return _b_ViceStatistics(_S12.unpack_from(d, o)), o + 580


def _e_ViceStatistics(b: bytearray, v: ViceStatistics) -> None:
    b += _S12.pack(*_f_ViceStatistics(v))


def _b_VolumeStatus(t: tuple[int, int, int, int, int, int, int, int, int, int, int, int]) -> VolumeStatus:
    return VolumeStatus(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9], t[10], t[11])


def _f_VolumeStatus(v: VolumeStatus) -> tuple[object, ...]:
    return (v.Vid, v.ParentId, v.Online, v.InService, v.Blessed, v.NeedsSalvage, v.Type, v.MinQuota, v.MaxQuota, v.BlocksInUse, v.PartBlocksAvail, v.PartMaxBlocks,)


def _d_VolumeStatus(d: bytes | memoryview, o: int) -> tuple[VolumeStatus, int]:
    return _b_VolumeStatus(_S13.unpack_from(d, o)), o + 48


def _e_VolumeStatus(b: bytearray, v: VolumeStatus) -> None:
    b += _S13.pack(*_f_VolumeStatus(v))


def _b_AFSFetchVolumeStatus(t: tuple[int, int, int, int, int, int, int, int, int, int, int, int]) -> AFSFetchVolumeStatus:
    return AFSFetchVolumeStatus(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9], t[10], t[11])


def _f_AFSFetchVolumeStatus(v: AFSFetchVolumeStatus) -> tuple[object, ...]:
    return (v.Vid, v.ParentId, v.Online, v.InService, v.Blessed, v.NeedsSalvage, v.Type, v.MinQuota, v.MaxQuota, v.BlocksInUse, v.PartBlocksAvail, v.PartMaxBlocks,)


def _d_AFSFetchVolumeStatus(d: bytes | memoryview, o: int) -> tuple[AFSFetchVolumeStatus, int]:
    return _b_AFSFetchVolumeStatus(_S13.unpack_from(d, o)), o + 48


def _e_AFSFetchVolumeStatus(b: bytearray, v: AFSFetchVolumeStatus) -> None:
    b += _S13.pack(*_f_AFSFetchVolumeStatus(v))


def _b_AFSStoreVolumeStatus(t: tuple[int, int, int]) -> AFSStoreVolumeStatus:
    return AFSStoreVolumeStatus(t[0], t[1], t[2])


def _f_AFSStoreVolumeStatus(v: AFSStoreVolumeStatus) -> tuple[object, ...]:
    return (v.Mask, v.MinQuota, v.MaxQuota,)


def _d_AFSStoreVolumeStatus(d: bytes | memoryview, o: int) -> tuple[AFSStoreVolumeStatus, int]:
    return _b_AFSStoreVolumeStatus(_S7.unpack_from(d, o)), o + 12


def _e_AFSStoreVolumeStatus(b: bytearray, v: AFSStoreVolumeStatus) -> None:
    b += _S7.pack(*_f_AFSStoreVolumeStatus(v))


def _b_AFSVolumeInfo(t: tuple[int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int]) -> AFSVolumeInfo:
    return AFSVolumeInfo(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9], t[10], t[11], t[12], t[13], t[14], t[15], t[16], t[17], t[18], t[19], t[20], t[21], t[22], t[23])


def _f_AFSVolumeInfo(v: AFSVolumeInfo) -> tuple[object, ...]:
    return (v.Vid, v.Type, v.Type0, v.Type1, v.Type2, v.Type3, v.Type4, v.ServerCount, v.Server0, v.Server1, v.Server2, v.Server3, v.Server4, v.Server5, v.Server6, v.Server7, v.Port0, v.Port1, v.Port2, v.Port3, v.Port4, v.Port5, v.Port6, v.Port7,)


def _d_AFSVolumeInfo(d: bytes | memoryview, o: int) -> tuple[AFSVolumeInfo, int]:
    return _b_AFSVolumeInfo(_S14.unpack_from(d, o)), o + 96


def _e_AFSVolumeInfo(b: bytearray, v: AFSVolumeInfo) -> None:
    b += _S14.pack(*_f_AFSVolumeInfo(v))


def _b_VolumeInfo(t: tuple[int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int]) -> VolumeInfo:
    return VolumeInfo(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9], t[10], t[11], t[12], t[13], t[14], t[15])


def _f_VolumeInfo(v: VolumeInfo) -> tuple[object, ...]:
    return (v.Vid, v.Type, v.Type0, v.Type1, v.Type2, v.Type3, v.Type4, v.ServerCount, v.Server0, v.Server1, v.Server2, v.Server3, v.Server4, v.Server5, v.Server6, v.Server7,)


def _d_VolumeInfo(d: bytes | memoryview, o: int) -> tuple[VolumeInfo, int]:
    return _b_VolumeInfo(_S15.unpack_from(d, o)), o + 64


def _e_VolumeInfo(b: bytearray, v: VolumeInfo) -> None:
    b += _S15.pack(*_f_VolumeInfo(v))


def _b_ExtendedVolAttrInputs(t: tuple[int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int]) -> ExtendedVolAttrInputs:
    return ExtendedVolAttrInputs(t[0], t[1], t[2], t[3:13], t[13], t[14:23], t[23])


def _f_ExtendedVolAttrInputs(v: ExtendedVolAttrInputs) -> tuple[object, ...]:
    return (v.Mask, v.Volume, v.DesiredResidencyMask, *fixed(v.Spare1, 10, 'ExtendedVolAttrInputs.Spare1'), v.UnDesiredResidencyMask, *fixed(v.Spare2, 9, 'ExtendedVolAttrInputs.Spare2'), v.SpecialAccessFlag,)


def _d_ExtendedVolAttrInputs(d: bytes | memoryview, o: int) -> tuple[ExtendedVolAttrInputs, int]:
    return _b_ExtendedVolAttrInputs(_S16.unpack_from(d, o)), o + 96


def _e_ExtendedVolAttrInputs(b: bytearray, v: ExtendedVolAttrInputs) -> None:
    b += _S16.pack(*_f_ExtendedVolAttrInputs(v))


def _b_ExtendedVolAttrOutputs(t: tuple[int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int]) -> ExtendedVolAttrOutputs:
    return ExtendedVolAttrOutputs(t[0], t[1:11], t[11], t[12:21], t[21])


def _f_ExtendedVolAttrOutputs(v: ExtendedVolAttrOutputs) -> tuple[object, ...]:
    return (v.DesiredResidencyMask, *fixed(v.Spare1, 10, 'ExtendedVolAttrOutputs.Spare1'), v.UnDesiredResidencyMask, *fixed(v.Spare2, 9, 'ExtendedVolAttrOutputs.Spare2'), v.SpecialAccessFlag,)


def _d_ExtendedVolAttrOutputs(d: bytes | memoryview, o: int) -> tuple[ExtendedVolAttrOutputs, int]:
    return _b_ExtendedVolAttrOutputs(_S17.unpack_from(d, o)), o + 88


def _e_ExtendedVolAttrOutputs(b: bytearray, v: ExtendedVolAttrOutputs) -> None:
    b += _S17.pack(*_f_ExtendedVolAttrOutputs(v))


def _b_TagsArray(t: tuple[int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int]) -> TagsArray:
    return TagsArray(t[0], t[1:185])


def _f_TagsArray(v: TagsArray) -> tuple[object, ...]:
    return (v.TagsArray_len, *fixed(v.TagsArray_val, 184, 'TagsArray.TagsArray_val'),)


def _d_TagsArray(d: bytes | memoryview, o: int) -> tuple[TagsArray, int]:
    return _b_TagsArray(_S18.unpack_from(d, o)), o + 740


def _e_TagsArray(b: bytearray, v: TagsArray) -> None:
    b += _S18.pack(*_f_TagsArray(v))


def _b_AccessHistory(t: tuple[int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int]) -> AccessHistory:
    return AccessHistory(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9], t[10], t[11], t[12], t[13], t[14], t[15], t[16], t[17], t[18], t[19], t[20], t[21], t[22], t[23], t[24], t[25], t[26])


def _f_AccessHistory(v: AccessHistory) -> tuple[object, ...]:
    return (v.Size, v.ModTime, v.NonSpoolingFetches, v.UserSpoolingFetches, v.MigratorSpoolingFetches, v.LastUserMigrationEvent, v.MigrateMe, v.Time0, v.Type0, v.LocalAccess0, v.Residency0, v.Time1, v.Type1, v.LocalAccess1, v.Residency1, v.Time2, v.Type2, v.LocalAccess2, v.Residency2, v.Time3, v.Type3, v.LocalAccess3, v.Residency3, v.Time4, v.Type4, v.LocalAccess4, v.Residency4,)


def _d_AccessHistory(d: bytes | memoryview, o: int) -> tuple[AccessHistory, int]:
    return _b_AccessHistory(_S19.unpack_from(d, o)), o + 112


def _e_AccessHistory(b: bytearray, v: AccessHistory) -> None:
    b += _S19.pack(*_f_AccessHistory(v))


def _b_AccessHistoryOld(t: tuple[int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int]) -> AccessHistoryOld:
    return AccessHistoryOld(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9], t[10], t[11], t[12], t[13], t[14], t[15], t[16], t[17], t[18], t[19], t[20], t[21], t[22], t[23], t[24], t[25], t[26])


def _f_AccessHistoryOld(v: AccessHistoryOld) -> tuple[object, ...]:
    return (v.Size, v.ModTime, v.NonSpoolingFetches, v.UserSpoolingFetches, v.MigratorSpoolingFetches, v.LastUserMigrationEvent, v.MigrateMe, v.Time0, v.Type0, v.LocalAccess0, v.Residency0, v.Time1, v.Type1, v.LocalAccess1, v.Residency1, v.Time2, v.Type2, v.LocalAccess2, v.Residency2, v.Time3, v.Type3, v.LocalAccess3, v.Residency3, v.Time4, v.Type4, v.LocalAccess4, v.Residency4,)


def _d_AccessHistoryOld(d: bytes | memoryview, o: int) -> tuple[AccessHistoryOld, int]:
    return _b_AccessHistoryOld(_S20.unpack_from(d, o)), o + 108


def _e_AccessHistoryOld(b: bytearray, v: AccessHistoryOld) -> None:
    b += _S20.pack(*_f_AccessHistoryOld(v))


def _b_FsCmdInputs(t: tuple[int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, bytes]) -> FsCmdInputs:
    return FsCmdInputs(t[0], _b_AFSFid(t[1:4]), t[4:7], t[7:207], cstr_decode(t[207]))


def _f_FsCmdInputs(v: FsCmdInputs) -> tuple[object, ...]:
    return (v.command, *_f_AFSFid(v.fid), *fixed(v.int64s, 3, 'FsCmdInputs.int64s'), *fixed(v.int32s, 200, 'FsCmdInputs.int32s'), cstr_encode(v.chars, 256, 'FsCmdInputs.chars'),)


def _d_FsCmdInputs(d: bytes | memoryview, o: int) -> tuple[FsCmdInputs, int]:
    return _b_FsCmdInputs(_S21.unpack_from(d, o)), o + 1864


def _e_FsCmdInputs(b: bytearray, v: FsCmdInputs) -> None:
    b += _S21.pack(*_f_FsCmdInputs(v))


def _b_FsCmdOutputs(t: tuple[int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, bytes]) -> FsCmdOutputs:
    return FsCmdOutputs(t[0], _b_AFSFetchStatus(t[1:22]), t[22:25], t[25:225], cstr_decode(t[225]))


def _f_FsCmdOutputs(v: FsCmdOutputs) -> tuple[object, ...]:
    return (v.code, *_f_AFSFetchStatus(v.status), *fixed(v.int64s, 3, 'FsCmdOutputs.int64s'), *fixed(v.int32s, 200, 'FsCmdOutputs.int32s'), cstr_encode(v.chars, 256, 'FsCmdOutputs.chars'),)


def _d_FsCmdOutputs(d: bytes | memoryview, o: int) -> tuple[FsCmdOutputs, int]:
    return _b_FsCmdOutputs(_S22.unpack_from(d, o)), o + 1936


def _e_FsCmdOutputs(b: bytearray, v: FsCmdOutputs) -> None:
    b += _S22.pack(*_f_FsCmdOutputs(v))


class FetchDataResult(NamedTuple):
    """The OUT values of RXAFS_FetchData."""

    OutStatus: AFSFetchStatus
    CallBack: AFSCallBack
    Sync: AFSVolSync


def _o_FetchData(d: bytes | memoryview, o: int) -> tuple[FetchDataResult, int]:
    _t1 = _S23.unpack_from(d, o)
    r_OutStatus = _b_AFSFetchStatus(_t1[0:21])
    r_CallBack = _b_AFSCallBack(_t1[21:24])
    r_Sync = _b_AFSVolSync(_t1[24:30])
    o += 120
    return FetchDataResult(r_OutStatus, r_CallBack, r_Sync), o


def _r_FetchData(data: bytes) -> FetchDataResult:
    return decode_all(_o_FetchData, data, 'RXAFS_FetchData reply')


def _i_FetchData(d: bytes | memoryview, o: int) -> tuple[tuple[AFSFid, int, int], int]:
    _t2 = _S24.unpack_from(d, o)
    a_Fid = _b_AFSFid(_t2[0:3])
    a_Pos = _t2[3]
    a_Length = _t2[4]
    o += 20
    return (a_Fid, a_Pos, a_Length, ), o


def _w_FetchData(r: FetchDataResult) -> bytes:
    b = bytearray()
    b += _S23.pack(*_f_AFSFetchStatus(r[0]), *_f_AFSCallBack(r[1]), *_f_AFSVolSync(r[2]))
    return bytes(b)


class FetchACLResult(NamedTuple):
    """The OUT values of RXAFS_FetchACL."""

    AccessList: bytes
    OutStatus: AFSFetchStatus
    Sync: AFSVolSync


def _o_FetchACL(d: bytes | memoryview, o: int) -> tuple[FetchACLResult, int]:
    r_AccessList, o = opaque_decode(d, o, 1024, 'RXAFS_FetchACL.AccessList')
    _t3 = _S20.unpack_from(d, o)
    r_OutStatus = _b_AFSFetchStatus(_t3[0:21])
    r_Sync = _b_AFSVolSync(_t3[21:27])
    o += 108
    return FetchACLResult(r_AccessList, r_OutStatus, r_Sync), o


def _r_FetchACL(data: bytes) -> FetchACLResult:
    return decode_all(_o_FetchACL, data, 'RXAFS_FetchACL reply')


def _i_FetchACL(d: bytes | memoryview, o: int) -> tuple[tuple[AFSFid], int]:
    _t4 = _S1.unpack_from(d, o)
    a_Fid = _b_AFSFid(_t4)
    o += 12
    return (a_Fid, ), o


def _w_FetchACL(r: FetchACLResult) -> bytes:
    b = bytearray()
    opaque_encode(b, r[0], 1024, 'RXAFS_FetchACL.AccessList')
    b += _S20.pack(*_f_AFSFetchStatus(r[1]), *_f_AFSVolSync(r[2]))
    return bytes(b)


class FetchStatusResult(NamedTuple):
    """The OUT values of RXAFS_FetchStatus."""

    OutStatus: AFSFetchStatus
    CallBack: AFSCallBack
    Sync: AFSVolSync


def _o_FetchStatus(d: bytes | memoryview, o: int) -> tuple[FetchStatusResult, int]:
    _t5 = _S23.unpack_from(d, o)
    r_OutStatus = _b_AFSFetchStatus(_t5[0:21])
    r_CallBack = _b_AFSCallBack(_t5[21:24])
    r_Sync = _b_AFSVolSync(_t5[24:30])
    o += 120
    return FetchStatusResult(r_OutStatus, r_CallBack, r_Sync), o


def _r_FetchStatus(data: bytes) -> FetchStatusResult:
    return decode_all(_o_FetchStatus, data, 'RXAFS_FetchStatus reply')


def _i_FetchStatus(d: bytes | memoryview, o: int) -> tuple[tuple[AFSFid], int]:
    _t6 = _S1.unpack_from(d, o)
    a_Fid = _b_AFSFid(_t6)
    o += 12
    return (a_Fid, ), o


def _w_FetchStatus(r: FetchStatusResult) -> bytes:
    b = bytearray()
    b += _S23.pack(*_f_AFSFetchStatus(r[0]), *_f_AFSCallBack(r[1]), *_f_AFSVolSync(r[2]))
    return bytes(b)


class StoreDataResult(NamedTuple):
    """The OUT values of RXAFS_StoreData."""

    OutStatus: AFSFetchStatus
    Sync: AFSVolSync


def _o_StoreData(d: bytes | memoryview, o: int) -> tuple[StoreDataResult, int]:
    _t7 = _S20.unpack_from(d, o)
    r_OutStatus = _b_AFSFetchStatus(_t7[0:21])
    r_Sync = _b_AFSVolSync(_t7[21:27])
    o += 108
    return StoreDataResult(r_OutStatus, r_Sync), o


def _r_StoreData(data: bytes) -> StoreDataResult:
    return decode_all(_o_StoreData, data, 'RXAFS_StoreData reply')


def _i_StoreData(d: bytes | memoryview, o: int) -> tuple[tuple[AFSFid, AFSStoreStatus, int, int, int], int]:
    _t8 = _S25.unpack_from(d, o)
    a_Fid = _b_AFSFid(_t8[0:3])
    a_InStatus = _b_AFSStoreStatus(_t8[3:9])
    a_Pos = _t8[9]
    a_Length = _t8[10]
    a_FileLength = _t8[11]
    o += 48
    return (a_Fid, a_InStatus, a_Pos, a_Length, a_FileLength, ), o


def _w_StoreData(r: StoreDataResult) -> bytes:
    b = bytearray()
    b += _S20.pack(*_f_AFSFetchStatus(r[0]), *_f_AFSVolSync(r[1]))
    return bytes(b)


class StoreACLResult(NamedTuple):
    """The OUT values of RXAFS_StoreACL."""

    OutStatus: AFSFetchStatus
    Sync: AFSVolSync


def _o_StoreACL(d: bytes | memoryview, o: int) -> tuple[StoreACLResult, int]:
    _t9 = _S20.unpack_from(d, o)
    r_OutStatus = _b_AFSFetchStatus(_t9[0:21])
    r_Sync = _b_AFSVolSync(_t9[21:27])
    o += 108
    return StoreACLResult(r_OutStatus, r_Sync), o


def _r_StoreACL(data: bytes) -> StoreACLResult:
    return decode_all(_o_StoreACL, data, 'RXAFS_StoreACL reply')


def _i_StoreACL(d: bytes | memoryview, o: int) -> tuple[tuple[AFSFid, bytes], int]:
    _t10 = _S1.unpack_from(d, o)
    a_Fid = _b_AFSFid(_t10)
    o += 12
    a_AccessList, o = opaque_decode(d, o, 1024, 'RXAFS_StoreACL.AccessList')
    return (a_Fid, a_AccessList, ), o


def _w_StoreACL(r: StoreACLResult) -> bytes:
    b = bytearray()
    b += _S20.pack(*_f_AFSFetchStatus(r[0]), *_f_AFSVolSync(r[1]))
    return bytes(b)


class StoreStatusResult(NamedTuple):
    """The OUT values of RXAFS_StoreStatus."""

    OutStatus: AFSFetchStatus
    Sync: AFSVolSync


def _o_StoreStatus(d: bytes | memoryview, o: int) -> tuple[StoreStatusResult, int]:
    _t11 = _S20.unpack_from(d, o)
    r_OutStatus = _b_AFSFetchStatus(_t11[0:21])
    r_Sync = _b_AFSVolSync(_t11[21:27])
    o += 108
    return StoreStatusResult(r_OutStatus, r_Sync), o


def _r_StoreStatus(data: bytes) -> StoreStatusResult:
    return decode_all(_o_StoreStatus, data, 'RXAFS_StoreStatus reply')


def _i_StoreStatus(d: bytes | memoryview, o: int) -> tuple[tuple[AFSFid, AFSStoreStatus], int]:
    _t12 = _S26.unpack_from(d, o)
    a_Fid = _b_AFSFid(_t12[0:3])
    a_InStatus = _b_AFSStoreStatus(_t12[3:9])
    o += 36
    return (a_Fid, a_InStatus, ), o


def _w_StoreStatus(r: StoreStatusResult) -> bytes:
    b = bytearray()
    b += _S20.pack(*_f_AFSFetchStatus(r[0]), *_f_AFSVolSync(r[1]))
    return bytes(b)


class RemoveFileResult(NamedTuple):
    """The OUT values of RXAFS_RemoveFile."""

    OutStatus: AFSFetchStatus
    Sync: AFSVolSync


def _o_RemoveFile(d: bytes | memoryview, o: int) -> tuple[RemoveFileResult, int]:
    _t13 = _S20.unpack_from(d, o)
    r_OutStatus = _b_AFSFetchStatus(_t13[0:21])
    r_Sync = _b_AFSVolSync(_t13[21:27])
    o += 108
    return RemoveFileResult(r_OutStatus, r_Sync), o


def _r_RemoveFile(data: bytes) -> RemoveFileResult:
    return decode_all(_o_RemoveFile, data, 'RXAFS_RemoveFile reply')


def _i_RemoveFile(d: bytes | memoryview, o: int) -> tuple[tuple[AFSFid, str], int]:
    _t14 = _S1.unpack_from(d, o)
    a_DirFid = _b_AFSFid(_t14)
    o += 12
    a_Name, o = string_decode(d, o, 256, 'RXAFS_RemoveFile.Name')
    return (a_DirFid, a_Name, ), o


def _w_RemoveFile(r: RemoveFileResult) -> bytes:
    b = bytearray()
    b += _S20.pack(*_f_AFSFetchStatus(r[0]), *_f_AFSVolSync(r[1]))
    return bytes(b)


class CreateFileResult(NamedTuple):
    """The OUT values of RXAFS_CreateFile."""

    OutFid: AFSFid
    OutFidStatus: AFSFetchStatus
    OutDirStatus: AFSFetchStatus
    CallBack: AFSCallBack
    Sync: AFSVolSync


def _o_CreateFile(d: bytes | memoryview, o: int) -> tuple[CreateFileResult, int]:
    _t15 = _S27.unpack_from(d, o)
    r_OutFid = _b_AFSFid(_t15[0:3])
    r_OutFidStatus = _b_AFSFetchStatus(_t15[3:24])
    r_OutDirStatus = _b_AFSFetchStatus(_t15[24:45])
    r_CallBack = _b_AFSCallBack(_t15[45:48])
    r_Sync = _b_AFSVolSync(_t15[48:54])
    o += 216
    return CreateFileResult(r_OutFid, r_OutFidStatus, r_OutDirStatus, r_CallBack, r_Sync), o


def _r_CreateFile(data: bytes) -> CreateFileResult:
    return decode_all(_o_CreateFile, data, 'RXAFS_CreateFile reply')


def _i_CreateFile(d: bytes | memoryview, o: int) -> tuple[tuple[AFSFid, str, AFSStoreStatus], int]:
    _t16 = _S1.unpack_from(d, o)
    a_DirFid = _b_AFSFid(_t16)
    o += 12
    a_Name, o = string_decode(d, o, 256, 'RXAFS_CreateFile.Name')
    _t17 = _S8.unpack_from(d, o)
    a_InStatus = _b_AFSStoreStatus(_t17)
    o += 24
    return (a_DirFid, a_Name, a_InStatus, ), o


def _w_CreateFile(r: CreateFileResult) -> bytes:
    b = bytearray()
    b += _S27.pack(*_f_AFSFid(r[0]), *_f_AFSFetchStatus(r[1]), *_f_AFSFetchStatus(r[2]), *_f_AFSCallBack(r[3]), *_f_AFSVolSync(r[4]))
    return bytes(b)


class RenameResult(NamedTuple):
    """The OUT values of RXAFS_Rename."""

    OutOldDirStatus: AFSFetchStatus
    OutNewDirStatus: AFSFetchStatus
    Sync: AFSVolSync


def _o_Rename(d: bytes | memoryview, o: int) -> tuple[RenameResult, int]:
    _t18 = _S28.unpack_from(d, o)
    r_OutOldDirStatus = _b_AFSFetchStatus(_t18[0:21])
    r_OutNewDirStatus = _b_AFSFetchStatus(_t18[21:42])
    r_Sync = _b_AFSVolSync(_t18[42:48])
    o += 192
    return RenameResult(r_OutOldDirStatus, r_OutNewDirStatus, r_Sync), o


def _r_Rename(data: bytes) -> RenameResult:
    return decode_all(_o_Rename, data, 'RXAFS_Rename reply')


def _i_Rename(d: bytes | memoryview, o: int) -> tuple[tuple[AFSFid, str, AFSFid, str], int]:
    _t19 = _S1.unpack_from(d, o)
    a_OldDirFid = _b_AFSFid(_t19)
    o += 12
    a_OldName, o = string_decode(d, o, 256, 'RXAFS_Rename.OldName')
    _t20 = _S1.unpack_from(d, o)
    a_NewDirFid = _b_AFSFid(_t20)
    o += 12
    a_NewName, o = string_decode(d, o, 256, 'RXAFS_Rename.NewName')
    return (a_OldDirFid, a_OldName, a_NewDirFid, a_NewName, ), o


def _w_Rename(r: RenameResult) -> bytes:
    b = bytearray()
    b += _S28.pack(*_f_AFSFetchStatus(r[0]), *_f_AFSFetchStatus(r[1]), *_f_AFSVolSync(r[2]))
    return bytes(b)


class SymlinkResult(NamedTuple):
    """The OUT values of RXAFS_Symlink."""

    OutFid: AFSFid
    OutFidStatus: AFSFetchStatus
    OutDirStatus: AFSFetchStatus
    Sync: AFSVolSync


def _o_Symlink(d: bytes | memoryview, o: int) -> tuple[SymlinkResult, int]:
    _t21 = _S29.unpack_from(d, o)
    r_OutFid = _b_AFSFid(_t21[0:3])
    r_OutFidStatus = _b_AFSFetchStatus(_t21[3:24])
    r_OutDirStatus = _b_AFSFetchStatus(_t21[24:45])
    r_Sync = _b_AFSVolSync(_t21[45:51])
    o += 204
    return SymlinkResult(r_OutFid, r_OutFidStatus, r_OutDirStatus, r_Sync), o


def _r_Symlink(data: bytes) -> SymlinkResult:
    return decode_all(_o_Symlink, data, 'RXAFS_Symlink reply')


def _i_Symlink(d: bytes | memoryview, o: int) -> tuple[tuple[AFSFid, str, str, AFSStoreStatus], int]:
    _t22 = _S1.unpack_from(d, o)
    a_DirFid = _b_AFSFid(_t22)
    o += 12
    a_Name, o = string_decode(d, o, 256, 'RXAFS_Symlink.Name')
    a_LinkContents, o = string_decode(d, o, 1024, 'RXAFS_Symlink.LinkContents')
    _t23 = _S8.unpack_from(d, o)
    a_InStatus = _b_AFSStoreStatus(_t23)
    o += 24
    return (a_DirFid, a_Name, a_LinkContents, a_InStatus, ), o


def _w_Symlink(r: SymlinkResult) -> bytes:
    b = bytearray()
    b += _S29.pack(*_f_AFSFid(r[0]), *_f_AFSFetchStatus(r[1]), *_f_AFSFetchStatus(r[2]), *_f_AFSVolSync(r[3]))
    return bytes(b)


class LinkResult(NamedTuple):
    """The OUT values of RXAFS_Link."""

    OutFidStatus: AFSFetchStatus
    OutDirStatus: AFSFetchStatus
    Sync: AFSVolSync


def _o_Link(d: bytes | memoryview, o: int) -> tuple[LinkResult, int]:
    _t24 = _S28.unpack_from(d, o)
    r_OutFidStatus = _b_AFSFetchStatus(_t24[0:21])
    r_OutDirStatus = _b_AFSFetchStatus(_t24[21:42])
    r_Sync = _b_AFSVolSync(_t24[42:48])
    o += 192
    return LinkResult(r_OutFidStatus, r_OutDirStatus, r_Sync), o


def _r_Link(data: bytes) -> LinkResult:
    return decode_all(_o_Link, data, 'RXAFS_Link reply')


def _i_Link(d: bytes | memoryview, o: int) -> tuple[tuple[AFSFid, str, AFSFid], int]:
    _t25 = _S1.unpack_from(d, o)
    a_DirFid = _b_AFSFid(_t25)
    o += 12
    a_Name, o = string_decode(d, o, 256, 'RXAFS_Link.Name')
    _t26 = _S1.unpack_from(d, o)
    a_ExistingFid = _b_AFSFid(_t26)
    o += 12
    return (a_DirFid, a_Name, a_ExistingFid, ), o


def _w_Link(r: LinkResult) -> bytes:
    b = bytearray()
    b += _S28.pack(*_f_AFSFetchStatus(r[0]), *_f_AFSFetchStatus(r[1]), *_f_AFSVolSync(r[2]))
    return bytes(b)


class MakeDirResult(NamedTuple):
    """The OUT values of RXAFS_MakeDir."""

    OutFid: AFSFid
    OutFidStatus: AFSFetchStatus
    OutDirStatus: AFSFetchStatus
    CallBack: AFSCallBack
    Sync: AFSVolSync


def _o_MakeDir(d: bytes | memoryview, o: int) -> tuple[MakeDirResult, int]:
    _t27 = _S27.unpack_from(d, o)
    r_OutFid = _b_AFSFid(_t27[0:3])
    r_OutFidStatus = _b_AFSFetchStatus(_t27[3:24])
    r_OutDirStatus = _b_AFSFetchStatus(_t27[24:45])
    r_CallBack = _b_AFSCallBack(_t27[45:48])
    r_Sync = _b_AFSVolSync(_t27[48:54])
    o += 216
    return MakeDirResult(r_OutFid, r_OutFidStatus, r_OutDirStatus, r_CallBack, r_Sync), o


def _r_MakeDir(data: bytes) -> MakeDirResult:
    return decode_all(_o_MakeDir, data, 'RXAFS_MakeDir reply')


def _i_MakeDir(d: bytes | memoryview, o: int) -> tuple[tuple[AFSFid, str, AFSStoreStatus], int]:
    _t28 = _S1.unpack_from(d, o)
    a_DirFid = _b_AFSFid(_t28)
    o += 12
    a_Name, o = string_decode(d, o, 256, 'RXAFS_MakeDir.Name')
    _t29 = _S8.unpack_from(d, o)
    a_InStatus = _b_AFSStoreStatus(_t29)
    o += 24
    return (a_DirFid, a_Name, a_InStatus, ), o


def _w_MakeDir(r: MakeDirResult) -> bytes:
    b = bytearray()
    b += _S27.pack(*_f_AFSFid(r[0]), *_f_AFSFetchStatus(r[1]), *_f_AFSFetchStatus(r[2]), *_f_AFSCallBack(r[3]), *_f_AFSVolSync(r[4]))
    return bytes(b)


class RemoveDirResult(NamedTuple):
    """The OUT values of RXAFS_RemoveDir."""

    OutDirStatus: AFSFetchStatus
    Sync: AFSVolSync


def _o_RemoveDir(d: bytes | memoryview, o: int) -> tuple[RemoveDirResult, int]:
    _t30 = _S20.unpack_from(d, o)
    r_OutDirStatus = _b_AFSFetchStatus(_t30[0:21])
    r_Sync = _b_AFSVolSync(_t30[21:27])
    o += 108
    return RemoveDirResult(r_OutDirStatus, r_Sync), o


def _r_RemoveDir(data: bytes) -> RemoveDirResult:
    return decode_all(_o_RemoveDir, data, 'RXAFS_RemoveDir reply')


def _i_RemoveDir(d: bytes | memoryview, o: int) -> tuple[tuple[AFSFid, str], int]:
    _t31 = _S1.unpack_from(d, o)
    a_DirFid = _b_AFSFid(_t31)
    o += 12
    a_Name, o = string_decode(d, o, 256, 'RXAFS_RemoveDir.Name')
    return (a_DirFid, a_Name, ), o


def _w_RemoveDir(r: RemoveDirResult) -> bytes:
    b = bytearray()
    b += _S20.pack(*_f_AFSFetchStatus(r[0]), *_f_AFSVolSync(r[1]))
    return bytes(b)


def _o_OldSetLock(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_OldSetLock(data: bytes) -> None:
    return decode_all(_o_OldSetLock, data, 'RXAFS_OldSetLock reply')


def _i_OldSetLock(d: bytes | memoryview, o: int) -> tuple[tuple[AFSFid, int, AFSVolSync], int]:
    _t32 = _S30.unpack_from(d, o)
    a_Fid = _b_AFSFid(_t32[0:3])
    a_Type = _t32[3]
    a_Sync = _b_AFSVolSync(_t32[4:10])
    o += 40
    return (a_Fid, a_Type, a_Sync, ), o


def _w_OldSetLock(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_OldExtendLock(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_OldExtendLock(data: bytes) -> None:
    return decode_all(_o_OldExtendLock, data, 'RXAFS_OldExtendLock reply')


def _i_OldExtendLock(d: bytes | memoryview, o: int) -> tuple[tuple[AFSFid, AFSVolSync], int]:
    _t33 = _S26.unpack_from(d, o)
    a_Fid = _b_AFSFid(_t33[0:3])
    a_Sync = _b_AFSVolSync(_t33[3:9])
    o += 36
    return (a_Fid, a_Sync, ), o


def _w_OldExtendLock(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_OldReleaseLock(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_OldReleaseLock(data: bytes) -> None:
    return decode_all(_o_OldReleaseLock, data, 'RXAFS_OldReleaseLock reply')


def _i_OldReleaseLock(d: bytes | memoryview, o: int) -> tuple[tuple[AFSFid, AFSVolSync], int]:
    _t34 = _S26.unpack_from(d, o)
    a_Fid = _b_AFSFid(_t34[0:3])
    a_Sync = _b_AFSVolSync(_t34[3:9])
    o += 36
    return (a_Fid, a_Sync, ), o


def _w_OldReleaseLock(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_GetStatistics(d: bytes | memoryview, o: int) -> tuple[ViceStatistics, int]:
    _t35 = _S12.unpack_from(d, o)
    r_Statistics = _b_ViceStatistics(_t35)
    o += 580
    return r_Statistics, o


def _r_GetStatistics(data: bytes) -> ViceStatistics:
    return decode_all(_o_GetStatistics, data, 'RXAFS_GetStatistics reply')


def _i_GetStatistics(d: bytes | memoryview, o: int) -> tuple[tuple[()], int]:
    return (), o


def _w_GetStatistics(r: ViceStatistics) -> bytes:
    b = bytearray()
    b += _S12.pack(*_f_ViceStatistics(r))
    return bytes(b)


def _o_GiveUpCallBacks(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_GiveUpCallBacks(data: bytes) -> None:
    return decode_all(_o_GiveUpCallBacks, data, 'RXAFS_GiveUpCallBacks reply')


def _i_GiveUpCallBacks(d: bytes | memoryview, o: int) -> tuple[tuple[Sequence[AFSFid], Sequence[AFSCallBack]], int]:
    _n36, o = count_decode(d, o, 50, 'RXAFS_GiveUpCallBacks.Fids_Array')
    need(d, o, _n36 * 12, 'RXAFS_GiveUpCallBacks.Fids_Array')
    a_Fids_Array = tuple([_b_AFSFid(_t37) for _t37 in _S1.iter_unpack(d[o:o + _n36 * 12])])
    o += _n36 * 12
    _n38, o = count_decode(d, o, 50, 'RXAFS_GiveUpCallBacks.CallBacks_Array')
    need(d, o, _n38 * 12, 'RXAFS_GiveUpCallBacks.CallBacks_Array')
    a_CallBacks_Array = tuple([_b_AFSCallBack(_t39) for _t39 in _S1.iter_unpack(d[o:o + _n38 * 12])])
    o += _n38 * 12
    return (a_Fids_Array, a_CallBacks_Array, ), o


def _w_GiveUpCallBacks(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_GetVolumeInfo(d: bytes | memoryview, o: int) -> tuple[VolumeInfo, int]:
    _t40 = _S15.unpack_from(d, o)
    r_Volumeinfo = _b_VolumeInfo(_t40)
    o += 64
    return r_Volumeinfo, o


def _r_GetVolumeInfo(data: bytes) -> VolumeInfo:
    return decode_all(_o_GetVolumeInfo, data, 'RXAFS_GetVolumeInfo reply')


def _i_GetVolumeInfo(d: bytes | memoryview, o: int) -> tuple[tuple[str], int]:
    a_VolumeName, o = string_decode(d, o, 256, 'RXAFS_GetVolumeInfo.VolumeName')
    return (a_VolumeName, ), o


def _w_GetVolumeInfo(r: VolumeInfo) -> bytes:
    b = bytearray()
    b += _S15.pack(*_f_VolumeInfo(r))
    return bytes(b)


class GetVolumeStatusResult(NamedTuple):
    """The OUT values of RXAFS_GetVolumeStatus."""

    Volumestatus: AFSFetchVolumeStatus
    Name: str
    OfflineMsg: str
    Motd: str


def _o_GetVolumeStatus(d: bytes | memoryview, o: int) -> tuple[GetVolumeStatusResult, int]:
    _t41 = _S13.unpack_from(d, o)
    r_Volumestatus = _b_AFSFetchVolumeStatus(_t41)
    o += 48
    r_Name, o = string_decode(d, o, 256, 'RXAFS_GetVolumeStatus.Name')
    r_OfflineMsg, o = string_decode(d, o, 1024, 'RXAFS_GetVolumeStatus.OfflineMsg')
    r_Motd, o = string_decode(d, o, 1024, 'RXAFS_GetVolumeStatus.Motd')
    return GetVolumeStatusResult(r_Volumestatus, r_Name, r_OfflineMsg, r_Motd), o


def _r_GetVolumeStatus(data: bytes) -> GetVolumeStatusResult:
    return decode_all(_o_GetVolumeStatus, data, 'RXAFS_GetVolumeStatus reply')


def _i_GetVolumeStatus(d: bytes | memoryview, o: int) -> tuple[tuple[int], int]:
    _t42 = _S31.unpack_from(d, o)
    a_Volumeid = _t42[0]
    o += 4
    return (a_Volumeid, ), o


def _w_GetVolumeStatus(r: GetVolumeStatusResult) -> bytes:
    b = bytearray()
    b += _S13.pack(*_f_AFSFetchVolumeStatus(r[0]))
    string_encode(b, r[1], 256, 'RXAFS_GetVolumeStatus.Name')
    string_encode(b, r[2], 1024, 'RXAFS_GetVolumeStatus.OfflineMsg')
    string_encode(b, r[3], 1024, 'RXAFS_GetVolumeStatus.Motd')
    return bytes(b)


def _o_SetVolumeStatus(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_SetVolumeStatus(data: bytes) -> None:
    return decode_all(_o_SetVolumeStatus, data, 'RXAFS_SetVolumeStatus reply')


def _i_SetVolumeStatus(d: bytes | memoryview, o: int) -> tuple[tuple[int, AFSStoreVolumeStatus, str, str, str], int]:
    _t43 = _S32.unpack_from(d, o)
    a_Volumeid = _t43[0]
    a_Volumestatus = _b_AFSStoreVolumeStatus(_t43[1:4])
    o += 16
    a_Name, o = string_decode(d, o, 256, 'RXAFS_SetVolumeStatus.Name')
    a_OfflineMsg, o = string_decode(d, o, 1024, 'RXAFS_SetVolumeStatus.OfflineMsg')
    a_Motd, o = string_decode(d, o, 1024, 'RXAFS_SetVolumeStatus.Motd')
    return (a_Volumeid, a_Volumestatus, a_Name, a_OfflineMsg, a_Motd, ), o


def _w_SetVolumeStatus(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_GetRootVolume(d: bytes | memoryview, o: int) -> tuple[str, int]:
    r_VolumeName, o = string_decode(d, o, 256, 'RXAFS_GetRootVolume.VolumeName')
    return r_VolumeName, o


def _r_GetRootVolume(data: bytes) -> str:
    return decode_all(_o_GetRootVolume, data, 'RXAFS_GetRootVolume reply')


def _i_GetRootVolume(d: bytes | memoryview, o: int) -> tuple[tuple[()], int]:
    return (), o


def _w_GetRootVolume(r: str) -> bytes:
    b = bytearray()
    string_encode(b, r, 256, 'RXAFS_GetRootVolume.VolumeName')
    return bytes(b)


def _o_CheckToken(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_CheckToken(data: bytes) -> None:
    return decode_all(_o_CheckToken, data, 'RXAFS_CheckToken reply')


def _i_CheckToken(d: bytes | memoryview, o: int) -> tuple[tuple[int, bytes], int]:
    _t44 = _S31.unpack_from(d, o)
    a_ViceId = _t44[0]
    o += 4
    a_token, o = opaque_decode(d, o, 1024, 'RXAFS_CheckToken.token')
    return (a_ViceId, a_token, ), o


def _w_CheckToken(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


class GetTimeResult(NamedTuple):
    """The OUT values of RXAFS_GetTime."""

    Seconds: int
    USeconds: int


def _o_GetTime(d: bytes | memoryview, o: int) -> tuple[GetTimeResult, int]:
    _t45 = _S33.unpack_from(d, o)
    r_Seconds = _t45[0]
    r_USeconds = _t45[1]
    o += 8
    return GetTimeResult(r_Seconds, r_USeconds), o


def _r_GetTime(data: bytes) -> GetTimeResult:
    return decode_all(_o_GetTime, data, 'RXAFS_GetTime reply')


def _i_GetTime(d: bytes | memoryview, o: int) -> tuple[tuple[()], int]:
    return (), o


def _w_GetTime(r: GetTimeResult) -> bytes:
    b = bytearray()
    b += _S33.pack(r[0], r[1])
    return bytes(b)


def _o_NGetVolumeInfo(d: bytes | memoryview, o: int) -> tuple[AFSVolumeInfo, int]:
    _t46 = _S14.unpack_from(d, o)
    r_stuff = _b_AFSVolumeInfo(_t46)
    o += 96
    return r_stuff, o


def _r_NGetVolumeInfo(data: bytes) -> AFSVolumeInfo:
    return decode_all(_o_NGetVolumeInfo, data, 'RXAFS_NGetVolumeInfo reply')


def _i_NGetVolumeInfo(d: bytes | memoryview, o: int) -> tuple[tuple[str], int]:
    a_VolumeName, o = string_decode(d, o, 256, 'RXAFS_NGetVolumeInfo.VolumeName')
    return (a_VolumeName, ), o


def _w_NGetVolumeInfo(r: AFSVolumeInfo) -> bytes:
    b = bytearray()
    b += _S14.pack(*_f_AFSVolumeInfo(r))
    return bytes(b)


class BulkStatusResult(NamedTuple):
    """The OUT values of RXAFS_BulkStatus."""

    StatArray: Sequence[AFSFetchStatus]
    CBArray: Sequence[AFSCallBack]
    Sync: AFSVolSync


def _o_BulkStatus(d: bytes | memoryview, o: int) -> tuple[BulkStatusResult, int]:
    _n47, o = count_decode(d, o, 50, 'RXAFS_BulkStatus.StatArray')
    need(d, o, _n47 * 84, 'RXAFS_BulkStatus.StatArray')
    r_StatArray = tuple([_b_AFSFetchStatus(_t48) for _t48 in _S10.iter_unpack(d[o:o + _n47 * 84])])
    o += _n47 * 84
    _n49, o = count_decode(d, o, 50, 'RXAFS_BulkStatus.CBArray')
    need(d, o, _n49 * 12, 'RXAFS_BulkStatus.CBArray')
    r_CBArray = tuple([_b_AFSCallBack(_t50) for _t50 in _S1.iter_unpack(d[o:o + _n49 * 12])])
    o += _n49 * 12
    _t51 = _S8.unpack_from(d, o)
    r_Sync = _b_AFSVolSync(_t51)
    o += 24
    return BulkStatusResult(r_StatArray, r_CBArray, r_Sync), o


def _r_BulkStatus(data: bytes) -> BulkStatusResult:
    return decode_all(_o_BulkStatus, data, 'RXAFS_BulkStatus reply')


def _i_BulkStatus(d: bytes | memoryview, o: int) -> tuple[tuple[Sequence[AFSFid]], int]:
    _n52, o = count_decode(d, o, 50, 'RXAFS_BulkStatus.FidsArray')
    need(d, o, _n52 * 12, 'RXAFS_BulkStatus.FidsArray')
    a_FidsArray = tuple([_b_AFSFid(_t53) for _t53 in _S1.iter_unpack(d[o:o + _n52 * 12])])
    o += _n52 * 12
    return (a_FidsArray, ), o


def _w_BulkStatus(r: BulkStatusResult) -> bytes:
    b = bytearray()
    _n54 = counted(r[0], 50, 'RXAFS_BulkStatus.StatArray')
    b += U32.pack(_n54)
    for _x55 in r[0]:
        b += _S10.pack(*_f_AFSFetchStatus(_x55))
    _n56 = counted(r[1], 50, 'RXAFS_BulkStatus.CBArray')
    b += U32.pack(_n56)
    for _x57 in r[1]:
        b += _S1.pack(*_f_AFSCallBack(_x57))
    b += _S8.pack(*_f_AFSVolSync(r[2]))
    return bytes(b)


def _o_SetLock(d: bytes | memoryview, o: int) -> tuple[AFSVolSync, int]:
    _t58 = _S8.unpack_from(d, o)
    r_Sync = _b_AFSVolSync(_t58)
    o += 24
    return r_Sync, o


def _r_SetLock(data: bytes) -> AFSVolSync:
    return decode_all(_o_SetLock, data, 'RXAFS_SetLock reply')


def _i_SetLock(d: bytes | memoryview, o: int) -> tuple[tuple[AFSFid, int], int]:
    _t59 = _S34.unpack_from(d, o)
    a_Fid = _b_AFSFid(_t59[0:3])
    a_Type = _t59[3]
    o += 16
    return (a_Fid, a_Type, ), o


def _w_SetLock(r: AFSVolSync) -> bytes:
    b = bytearray()
    b += _S8.pack(*_f_AFSVolSync(r))
    return bytes(b)


def _o_ExtendLock(d: bytes | memoryview, o: int) -> tuple[AFSVolSync, int]:
    _t60 = _S8.unpack_from(d, o)
    r_Sync = _b_AFSVolSync(_t60)
    o += 24
    return r_Sync, o


def _r_ExtendLock(data: bytes) -> AFSVolSync:
    return decode_all(_o_ExtendLock, data, 'RXAFS_ExtendLock reply')


def _i_ExtendLock(d: bytes | memoryview, o: int) -> tuple[tuple[AFSFid], int]:
    _t61 = _S1.unpack_from(d, o)
    a_Fid = _b_AFSFid(_t61)
    o += 12
    return (a_Fid, ), o


def _w_ExtendLock(r: AFSVolSync) -> bytes:
    b = bytearray()
    b += _S8.pack(*_f_AFSVolSync(r))
    return bytes(b)


def _o_ReleaseLock(d: bytes | memoryview, o: int) -> tuple[AFSVolSync, int]:
    _t62 = _S8.unpack_from(d, o)
    r_Sync = _b_AFSVolSync(_t62)
    o += 24
    return r_Sync, o


def _r_ReleaseLock(data: bytes) -> AFSVolSync:
    return decode_all(_o_ReleaseLock, data, 'RXAFS_ReleaseLock reply')


def _i_ReleaseLock(d: bytes | memoryview, o: int) -> tuple[tuple[AFSFid], int]:
    _t63 = _S1.unpack_from(d, o)
    a_Fid = _b_AFSFid(_t63)
    o += 12
    return (a_Fid, ), o


def _w_ReleaseLock(r: AFSVolSync) -> bytes:
    b = bytearray()
    b += _S8.pack(*_f_AFSVolSync(r))
    return bytes(b)


def _o_XStatsVersion(d: bytes | memoryview, o: int) -> tuple[int, int]:
    _t64 = _S31.unpack_from(d, o)
    r_versionNumberP = _t64[0]
    o += 4
    return r_versionNumberP, o


def _r_XStatsVersion(data: bytes) -> int:
    return decode_all(_o_XStatsVersion, data, 'RXAFS_XStatsVersion reply')


def _i_XStatsVersion(d: bytes | memoryview, o: int) -> tuple[tuple[()], int]:
    return (), o


def _w_XStatsVersion(r: int) -> bytes:
    b = bytearray()
    b += _S31.pack(r)
    return bytes(b)


class GetXStatsResult(NamedTuple):
    """The OUT values of RXAFS_GetXStats."""

    srvVersionNumberP: int
    timeP: int
    dataP: Sequence[int]


def _o_GetXStats(d: bytes | memoryview, o: int) -> tuple[GetXStatsResult, int]:
    _t65 = _S35.unpack_from(d, o)
    r_srvVersionNumberP = _t65[0]
    r_timeP = _t65[1]
    o += 8
    _n66, o = count_decode(d, o, 1024, 'RXAFS_GetXStats.dataP')
    need(d, o, _n66 * 4, 'RXAFS_GetXStats.dataP')
    r_dataP = words('i', _n66).unpack_from(d, o)
    o += _n66 * 4
    return GetXStatsResult(r_srvVersionNumberP, r_timeP, r_dataP), o


def _r_GetXStats(data: bytes) -> GetXStatsResult:
    return decode_all(_o_GetXStats, data, 'RXAFS_GetXStats reply')


def _i_GetXStats(d: bytes | memoryview, o: int) -> tuple[tuple[int, int], int]:
    _t67 = _S35.unpack_from(d, o)
    a_clientVersionNumber = _t67[0]
    a_collectionNumber = _t67[1]
    o += 8
    return (a_clientVersionNumber, a_collectionNumber, ), o


def _w_GetXStats(r: GetXStatsResult) -> bytes:
    b = bytearray()
    b += _S35.pack(r[0], r[1])
    _n68 = counted(r[2], 1024, 'RXAFS_GetXStats.dataP')
    b += U32.pack(_n68)
    b += words('i', _n68).pack(*r[2])
    return bytes(b)


class LookupResult(NamedTuple):
    """The OUT values of RXAFS_Lookup."""

    OutFid: AFSFid
    OutFidStatus: AFSFetchStatus
    OutDirStatus: AFSFetchStatus
    CallBack: AFSCallBack
    Sync: AFSVolSync


def _o_Lookup(d: bytes | memoryview, o: int) -> tuple[LookupResult, int]:
    _t69 = _S27.unpack_from(d, o)
    r_OutFid = _b_AFSFid(_t69[0:3])
    r_OutFidStatus = _b_AFSFetchStatus(_t69[3:24])
    r_OutDirStatus = _b_AFSFetchStatus(_t69[24:45])
    r_CallBack = _b_AFSCallBack(_t69[45:48])
    r_Sync = _b_AFSVolSync(_t69[48:54])
    o += 216
    return LookupResult(r_OutFid, r_OutFidStatus, r_OutDirStatus, r_CallBack, r_Sync), o


def _r_Lookup(data: bytes) -> LookupResult:
    return decode_all(_o_Lookup, data, 'RXAFS_Lookup reply')


def _i_Lookup(d: bytes | memoryview, o: int) -> tuple[tuple[AFSFid, str], int]:
    _t70 = _S1.unpack_from(d, o)
    a_DirFid = _b_AFSFid(_t70)
    o += 12
    a_Name, o = string_decode(d, o, 256, 'RXAFS_Lookup.Name')
    return (a_DirFid, a_Name, ), o


def _w_Lookup(r: LookupResult) -> bytes:
    b = bytearray()
    b += _S27.pack(*_f_AFSFid(r[0]), *_f_AFSFetchStatus(r[1]), *_f_AFSFetchStatus(r[2]), *_f_AFSCallBack(r[3]), *_f_AFSVolSync(r[4]))
    return bytes(b)


class FlushCPSResult(NamedTuple):
    """The OUT values of RXAFS_FlushCPS."""

    spare2: int
    spare3: int


def _o_FlushCPS(d: bytes | memoryview, o: int) -> tuple[FlushCPSResult, int]:
    _t71 = _S35.unpack_from(d, o)
    r_spare2 = _t71[0]
    r_spare3 = _t71[1]
    o += 8
    return FlushCPSResult(r_spare2, r_spare3), o


def _r_FlushCPS(data: bytes) -> FlushCPSResult:
    return decode_all(_o_FlushCPS, data, 'RXAFS_FlushCPS reply')


def _i_FlushCPS(d: bytes | memoryview, o: int) -> tuple[tuple[Sequence[int], Sequence[int], int], int]:
    _n72, o = count_decode(d, o, 10, 'RXAFS_FlushCPS.IdsArray')
    need(d, o, _n72 * 4, 'RXAFS_FlushCPS.IdsArray')
    a_IdsArray = words('i', _n72).unpack_from(d, o)
    o += _n72 * 4
    _n73, o = count_decode(d, o, 10, 'RXAFS_FlushCPS.AddrsArray')
    need(d, o, _n73 * 4, 'RXAFS_FlushCPS.AddrsArray')
    a_AddrsArray = words('i', _n73).unpack_from(d, o)
    o += _n73 * 4
    _t74 = _S31.unpack_from(d, o)
    a_spare1 = _t74[0]
    o += 4
    return (a_IdsArray, a_AddrsArray, a_spare1, ), o


def _w_FlushCPS(r: FlushCPSResult) -> bytes:
    b = bytearray()
    b += _S35.pack(r[0], r[1])
    return bytes(b)


class DFSSymlinkResult(NamedTuple):
    """The OUT values of RXAFS_DFSSymlink."""

    OutFid: AFSFid
    OutFidStatus: AFSFetchStatus
    OutDirStatus: AFSFetchStatus
    CallBack: AFSCallBack
    Sync: AFSVolSync


def _o_DFSSymlink(d: bytes | memoryview, o: int) -> tuple[DFSSymlinkResult, int]:
    _t75 = _S27.unpack_from(d, o)
    r_OutFid = _b_AFSFid(_t75[0:3])
    r_OutFidStatus = _b_AFSFetchStatus(_t75[3:24])
    r_OutDirStatus = _b_AFSFetchStatus(_t75[24:45])
    r_CallBack = _b_AFSCallBack(_t75[45:48])
    r_Sync = _b_AFSVolSync(_t75[48:54])
    o += 216
    return DFSSymlinkResult(r_OutFid, r_OutFidStatus, r_OutDirStatus, r_CallBack, r_Sync), o


def _r_DFSSymlink(data: bytes) -> DFSSymlinkResult:
    return decode_all(_o_DFSSymlink, data, 'RXAFS_DFSSymlink reply')


def _i_DFSSymlink(d: bytes | memoryview, o: int) -> tuple[tuple[AFSFid, str, str, AFSStoreStatus], int]:
    _t76 = _S1.unpack_from(d, o)
    a_DirFid = _b_AFSFid(_t76)
    o += 12
    a_Name, o = string_decode(d, o, 256, 'RXAFS_DFSSymlink.Name')
    a_LinkContents, o = string_decode(d, o, 1024, 'RXAFS_DFSSymlink.LinkContents')
    _t77 = _S8.unpack_from(d, o)
    a_InStatus = _b_AFSStoreStatus(_t77)
    o += 24
    return (a_DirFid, a_Name, a_LinkContents, a_InStatus, ), o


def _w_DFSSymlink(r: DFSSymlinkResult) -> bytes:
    b = bytearray()
    b += _S27.pack(*_f_AFSFid(r[0]), *_f_AFSFetchStatus(r[1]), *_f_AFSFetchStatus(r[2]), *_f_AFSCallBack(r[3]), *_f_AFSVolSync(r[4]))
    return bytes(b)


def _o_FsCmd(d: bytes | memoryview, o: int) -> tuple[FsCmdOutputs, int]:
    _t78 = _S22.unpack_from(d, o)
    r_Outputs = _b_FsCmdOutputs(_t78)
    o += 1936
    return r_Outputs, o


def _r_FsCmd(data: bytes) -> FsCmdOutputs:
    return decode_all(_o_FsCmd, data, 'RXAFS_FsCmd reply')


def _i_FsCmd(d: bytes | memoryview, o: int) -> tuple[tuple[AFSFid, FsCmdInputs], int]:
    _t79 = _S36.unpack_from(d, o)
    a_Fid = _b_AFSFid(_t79[0:3])
    a_Inputs = _b_FsCmdInputs(_t79[3:211])
    o += 1876
    return (a_Fid, a_Inputs, ), o


def _w_FsCmd(r: FsCmdOutputs) -> bytes:
    b = bytearray()
    b += _S22.pack(*_f_FsCmdOutputs(r))
    return bytes(b)


class InlineBulkStatusResult(NamedTuple):
    """The OUT values of RXAFS_InlineBulkStatus."""

    StatArray: Sequence[AFSFetchStatus]
    CBArray: Sequence[AFSCallBack]
    Sync: AFSVolSync


def _o_InlineBulkStatus(d: bytes | memoryview, o: int) -> tuple[InlineBulkStatusResult, int]:
    _n80, o = count_decode(d, o, 50, 'RXAFS_InlineBulkStatus.StatArray')
    need(d, o, _n80 * 84, 'RXAFS_InlineBulkStatus.StatArray')
    r_StatArray = tuple([_b_AFSFetchStatus(_t81) for _t81 in _S10.iter_unpack(d[o:o + _n80 * 84])])
    o += _n80 * 84
    _n82, o = count_decode(d, o, 50, 'RXAFS_InlineBulkStatus.CBArray')
    need(d, o, _n82 * 12, 'RXAFS_InlineBulkStatus.CBArray')
    r_CBArray = tuple([_b_AFSCallBack(_t83) for _t83 in _S1.iter_unpack(d[o:o + _n82 * 12])])
    o += _n82 * 12
    _t84 = _S8.unpack_from(d, o)
    r_Sync = _b_AFSVolSync(_t84)
    o += 24
    return InlineBulkStatusResult(r_StatArray, r_CBArray, r_Sync), o


def _r_InlineBulkStatus(data: bytes) -> InlineBulkStatusResult:
    return decode_all(_o_InlineBulkStatus, data, 'RXAFS_InlineBulkStatus reply')


def _i_InlineBulkStatus(d: bytes | memoryview, o: int) -> tuple[tuple[Sequence[AFSFid]], int]:
    _n85, o = count_decode(d, o, 50, 'RXAFS_InlineBulkStatus.FidsArray')
    need(d, o, _n85 * 12, 'RXAFS_InlineBulkStatus.FidsArray')
    a_FidsArray = tuple([_b_AFSFid(_t86) for _t86 in _S1.iter_unpack(d[o:o + _n85 * 12])])
    o += _n85 * 12
    return (a_FidsArray, ), o


def _w_InlineBulkStatus(r: InlineBulkStatusResult) -> bytes:
    b = bytearray()
    _n87 = counted(r[0], 50, 'RXAFS_InlineBulkStatus.StatArray')
    b += U32.pack(_n87)
    for _x88 in r[0]:
        b += _S10.pack(*_f_AFSFetchStatus(_x88))
    _n89 = counted(r[1], 50, 'RXAFS_InlineBulkStatus.CBArray')
    b += U32.pack(_n89)
    for _x90 in r[1]:
        b += _S1.pack(*_f_AFSCallBack(_x90))
    b += _S8.pack(*_f_AFSVolSync(r[2]))
    return bytes(b)


class FetchData64Result(NamedTuple):
    """The OUT values of RXAFS_FetchData64."""

    OutStatus: AFSFetchStatus
    CallBack: AFSCallBack
    Sync: AFSVolSync


def _o_FetchData64(d: bytes | memoryview, o: int) -> tuple[FetchData64Result, int]:
    _t91 = _S23.unpack_from(d, o)
    r_OutStatus = _b_AFSFetchStatus(_t91[0:21])
    r_CallBack = _b_AFSCallBack(_t91[21:24])
    r_Sync = _b_AFSVolSync(_t91[24:30])
    o += 120
    return FetchData64Result(r_OutStatus, r_CallBack, r_Sync), o


def _r_FetchData64(data: bytes) -> FetchData64Result:
    return decode_all(_o_FetchData64, data, 'RXAFS_FetchData64 reply')


def _i_FetchData64(d: bytes | memoryview, o: int) -> tuple[tuple[AFSFid, int, int], int]:
    _t92 = _S37.unpack_from(d, o)
    a_Fid = _b_AFSFid(_t92[0:3])
    a_Pos = _t92[3]
    a_Length = _t92[4]
    o += 28
    return (a_Fid, a_Pos, a_Length, ), o


def _w_FetchData64(r: FetchData64Result) -> bytes:
    b = bytearray()
    b += _S23.pack(*_f_AFSFetchStatus(r[0]), *_f_AFSCallBack(r[1]), *_f_AFSVolSync(r[2]))
    return bytes(b)


class StoreData64Result(NamedTuple):
    """The OUT values of RXAFS_StoreData64."""

    OutStatus: AFSFetchStatus
    Sync: AFSVolSync


def _o_StoreData64(d: bytes | memoryview, o: int) -> tuple[StoreData64Result, int]:
    _t93 = _S20.unpack_from(d, o)
    r_OutStatus = _b_AFSFetchStatus(_t93[0:21])
    r_Sync = _b_AFSVolSync(_t93[21:27])
    o += 108
    return StoreData64Result(r_OutStatus, r_Sync), o


def _r_StoreData64(data: bytes) -> StoreData64Result:
    return decode_all(_o_StoreData64, data, 'RXAFS_StoreData64 reply')


def _i_StoreData64(d: bytes | memoryview, o: int) -> tuple[tuple[AFSFid, AFSStoreStatus, int, int, int], int]:
    _t94 = _S38.unpack_from(d, o)
    a_Fid = _b_AFSFid(_t94[0:3])
    a_InStatus = _b_AFSStoreStatus(_t94[3:9])
    a_Pos = _t94[9]
    a_Length = _t94[10]
    a_FileLength = _t94[11]
    o += 60
    return (a_Fid, a_InStatus, a_Pos, a_Length, a_FileLength, ), o


def _w_StoreData64(r: StoreData64Result) -> bytes:
    b = bytearray()
    b += _S20.pack(*_f_AFSFetchStatus(r[0]), *_f_AFSVolSync(r[1]))
    return bytes(b)


def _o_GiveUpAllCallBacks(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_GiveUpAllCallBacks(data: bytes) -> None:
    return decode_all(_o_GiveUpAllCallBacks, data, 'RXAFS_GiveUpAllCallBacks reply')


def _i_GiveUpAllCallBacks(d: bytes | memoryview, o: int) -> tuple[tuple[()], int]:
    return (), o


def _w_GiveUpAllCallBacks(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_GetCapabilities(d: bytes | memoryview, o: int) -> tuple[Sequence[int], int]:
    _n95, o = count_decode(d, o, 196, 'RXAFS_GetCapabilities.capabilities')
    need(d, o, _n95 * 4, 'RXAFS_GetCapabilities.capabilities')
    r_capabilities = words('I', _n95).unpack_from(d, o)
    o += _n95 * 4
    return r_capabilities, o


def _r_GetCapabilities(data: bytes) -> Sequence[int]:
    return decode_all(_o_GetCapabilities, data, 'RXAFS_GetCapabilities reply')


def _i_GetCapabilities(d: bytes | memoryview, o: int) -> tuple[tuple[()], int]:
    return (), o


def _w_GetCapabilities(r: Sequence[int]) -> bytes:
    b = bytearray()
    _n96 = counted(r, 196, 'RXAFS_GetCapabilities.capabilities')
    b += U32.pack(_n96)
    b += words('I', _n96).pack(*r)
    return bytes(b)


def _o_CallBackRxConnAddr(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_CallBackRxConnAddr(data: bytes) -> None:
    return decode_all(_o_CallBackRxConnAddr, data, 'RXAFS_CallBackRxConnAddr reply')


def _i_CallBackRxConnAddr(d: bytes | memoryview, o: int) -> tuple[tuple[int], int]:
    _t97 = _S31.unpack_from(d, o)
    a_addr = _t97[0]
    o += 4
    return (a_addr, ), o


def _w_CallBackRxConnAddr(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_GetStatistics64(d: bytes | memoryview, o: int) -> tuple[Sequence[int], int]:
    _n98, o = count_decode(d, o, 16, 'RXAFS_GetStatistics64.Statistics')
    need(d, o, _n98 * 8, 'RXAFS_GetStatistics64.Statistics')
    r_Statistics = words('Q', _n98).unpack_from(d, o)
    o += _n98 * 8
    return r_Statistics, o


def _r_GetStatistics64(data: bytes) -> Sequence[int]:
    return decode_all(_o_GetStatistics64, data, 'RXAFS_GetStatistics64 reply')


def _i_GetStatistics64(d: bytes | memoryview, o: int) -> tuple[tuple[int], int]:
    _t99 = _S31.unpack_from(d, o)
    a_statsVersion = _t99[0]
    o += 4
    return (a_statsVersion, ), o


def _w_GetStatistics64(r: Sequence[int]) -> bytes:
    b = bytearray()
    _n100 = counted(r, 16, 'RXAFS_GetStatistics64.Statistics')
    b += U32.pack(_n100)
    b += words('Q', _n100).pack(*r)
    return bytes(b)


class Client(_rpc.Client):
    """Calls the RXAFS_ procedures on a server."""

    SERVICE_ID = 1

    def FetchData(self, Fid: AFSFid, Pos: int, Length: int) -> SplitCall[FetchDataResult]:
        """RXAFS_FetchData (opcode 130, afsint.xg:455).

        Use with ``async with``: entering sends the arguments; stream the
        data, then ``await stream.finish()`` returns the OUT values.
        """
        b = bytearray(b'\x00\x00\x00\x82')
        try:
            b += _S24.pack(*_f_AFSFid(Fid), Pos, Length)
        except struct.error as exc:
            raise encode_error(exc, 'RXAFS_FetchData') from None
        return self._split('RXAFS_FetchData', bytes(b), _r_FetchData)

    async def FetchACL(self, Fid: AFSFid) -> FetchACLResult:
        """RXAFS_FetchACL (opcode 131, afsint.xg:459). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\x83')
        try:
            b += _S1.pack(*_f_AFSFid(Fid))
        except struct.error as exc:
            raise encode_error(exc, 'RXAFS_FetchACL') from None
        return await self._invoke('RXAFS_FetchACL', bytes(b), _r_FetchACL)

    async def FetchStatus(self, Fid: AFSFid) -> FetchStatusResult:
        """RXAFS_FetchStatus (opcode 132, afsint.xg:462). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\x84')
        try:
            b += _S1.pack(*_f_AFSFid(Fid))
        except struct.error as exc:
            raise encode_error(exc, 'RXAFS_FetchStatus') from None
        return await self._invoke('RXAFS_FetchStatus', bytes(b), _r_FetchStatus)

    def StoreData(self, Fid: AFSFid, InStatus: AFSStoreStatus, Pos: int, Length: int, FileLength: int) -> SplitCall[StoreDataResult]:
        """RXAFS_StoreData (opcode 133, afsint.xg:466).

        Use with ``async with``: entering sends the arguments; stream the
        data, then ``await stream.finish()`` returns the OUT values.
        """
        b = bytearray(b'\x00\x00\x00\x85')
        try:
            b += _S25.pack(*_f_AFSFid(Fid), *_f_AFSStoreStatus(InStatus), Pos, Length, FileLength)
        except struct.error as exc:
            raise encode_error(exc, 'RXAFS_StoreData') from None
        return self._split('RXAFS_StoreData', bytes(b), _r_StoreData)

    async def StoreACL(self, Fid: AFSFid, AccessList: bytes) -> StoreACLResult:
        """RXAFS_StoreACL (opcode 134, afsint.xg:470). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\x86')
        try:
            b += _S1.pack(*_f_AFSFid(Fid))
            opaque_encode(b, AccessList, 1024, 'RXAFS_StoreACL.AccessList')
        except struct.error as exc:
            raise encode_error(exc, 'RXAFS_StoreACL') from None
        return await self._invoke('RXAFS_StoreACL', bytes(b), _r_StoreACL)

    async def StoreStatus(self, Fid: AFSFid, InStatus: AFSStoreStatus) -> StoreStatusResult:
        """RXAFS_StoreStatus (opcode 135, afsint.xg:473). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\x87')
        try:
            b += _S26.pack(*_f_AFSFid(Fid), *_f_AFSStoreStatus(InStatus))
        except struct.error as exc:
            raise encode_error(exc, 'RXAFS_StoreStatus') from None
        return await self._invoke('RXAFS_StoreStatus', bytes(b), _r_StoreStatus)

    async def RemoveFile(self, DirFid: AFSFid, Name: str) -> RemoveFileResult:
        """RXAFS_RemoveFile (opcode 136, afsint.xg:476). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\x88')
        try:
            b += _S1.pack(*_f_AFSFid(DirFid))
            string_encode(b, Name, 256, 'RXAFS_RemoveFile.Name')
        except struct.error as exc:
            raise encode_error(exc, 'RXAFS_RemoveFile') from None
        return await self._invoke('RXAFS_RemoveFile', bytes(b), _r_RemoveFile)

    async def CreateFile(self, DirFid: AFSFid, Name: str, InStatus: AFSStoreStatus) -> CreateFileResult:
        """RXAFS_CreateFile (opcode 137, afsint.xg:479). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\x89')
        try:
            b += _S1.pack(*_f_AFSFid(DirFid))
            string_encode(b, Name, 256, 'RXAFS_CreateFile.Name')
            b += _S8.pack(*_f_AFSStoreStatus(InStatus))
        except struct.error as exc:
            raise encode_error(exc, 'RXAFS_CreateFile') from None
        return await self._invoke('RXAFS_CreateFile', bytes(b), _r_CreateFile)

    async def Rename(self, OldDirFid: AFSFid, OldName: str, NewDirFid: AFSFid, NewName: str) -> RenameResult:
        """RXAFS_Rename (opcode 138, afsint.xg:484). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\x8a')
        try:
            b += _S1.pack(*_f_AFSFid(OldDirFid))
            string_encode(b, OldName, 256, 'RXAFS_Rename.OldName')
            b += _S1.pack(*_f_AFSFid(NewDirFid))
            string_encode(b, NewName, 256, 'RXAFS_Rename.NewName')
        except struct.error as exc:
            raise encode_error(exc, 'RXAFS_Rename') from None
        return await self._invoke('RXAFS_Rename', bytes(b), _r_Rename)

    async def Symlink(self, DirFid: AFSFid, Name: str, LinkContents: str, InStatus: AFSStoreStatus) -> SymlinkResult:
        """RXAFS_Symlink (opcode 139, afsint.xg:488). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\x8b')
        try:
            b += _S1.pack(*_f_AFSFid(DirFid))
            string_encode(b, Name, 256, 'RXAFS_Symlink.Name')
            string_encode(b, LinkContents, 1024, 'RXAFS_Symlink.LinkContents')
            b += _S8.pack(*_f_AFSStoreStatus(InStatus))
        except struct.error as exc:
            raise encode_error(exc, 'RXAFS_Symlink') from None
        return await self._invoke('RXAFS_Symlink', bytes(b), _r_Symlink)

    async def Link(self, DirFid: AFSFid, Name: str, ExistingFid: AFSFid) -> LinkResult:
        """RXAFS_Link (opcode 140, afsint.xg:492). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\x8c')
        try:
            b += _S1.pack(*_f_AFSFid(DirFid))
            string_encode(b, Name, 256, 'RXAFS_Link.Name')
            b += _S1.pack(*_f_AFSFid(ExistingFid))
        except struct.error as exc:
            raise encode_error(exc, 'RXAFS_Link') from None
        return await self._invoke('RXAFS_Link', bytes(b), _r_Link)

    async def MakeDir(self, DirFid: AFSFid, Name: str, InStatus: AFSStoreStatus) -> MakeDirResult:
        """RXAFS_MakeDir (opcode 141, afsint.xg:496). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\x8d')
        try:
            b += _S1.pack(*_f_AFSFid(DirFid))
            string_encode(b, Name, 256, 'RXAFS_MakeDir.Name')
            b += _S8.pack(*_f_AFSStoreStatus(InStatus))
        except struct.error as exc:
            raise encode_error(exc, 'RXAFS_MakeDir') from None
        return await self._invoke('RXAFS_MakeDir', bytes(b), _r_MakeDir)

    async def RemoveDir(self, DirFid: AFSFid, Name: str) -> RemoveDirResult:
        """RXAFS_RemoveDir (opcode 142, afsint.xg:501). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\x8e')
        try:
            b += _S1.pack(*_f_AFSFid(DirFid))
            string_encode(b, Name, 256, 'RXAFS_RemoveDir.Name')
        except struct.error as exc:
            raise encode_error(exc, 'RXAFS_RemoveDir') from None
        return await self._invoke('RXAFS_RemoveDir', bytes(b), _r_RemoveDir)

    async def OldSetLock(self, Fid: AFSFid, Type: int, Sync: AFSVolSync) -> None:
        """RXAFS_OldSetLock (opcode 143, afsint.xg:505). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\x8f')
        try:
            b += _S30.pack(*_f_AFSFid(Fid), Type, *_f_AFSVolSync(Sync))
        except struct.error as exc:
            raise encode_error(exc, 'RXAFS_OldSetLock') from None
        return await self._invoke('RXAFS_OldSetLock', bytes(b), _r_OldSetLock)

    async def OldExtendLock(self, Fid: AFSFid, Sync: AFSVolSync) -> None:
        """RXAFS_OldExtendLock (opcode 144, afsint.xg:506). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\x90')
        try:
            b += _S26.pack(*_f_AFSFid(Fid), *_f_AFSVolSync(Sync))
        except struct.error as exc:
            raise encode_error(exc, 'RXAFS_OldExtendLock') from None
        return await self._invoke('RXAFS_OldExtendLock', bytes(b), _r_OldExtendLock)

    async def OldReleaseLock(self, Fid: AFSFid, Sync: AFSVolSync) -> None:
        """RXAFS_OldReleaseLock (opcode 145, afsint.xg:507). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\x91')
        try:
            b += _S26.pack(*_f_AFSFid(Fid), *_f_AFSVolSync(Sync))
        except struct.error as exc:
            raise encode_error(exc, 'RXAFS_OldReleaseLock') from None
        return await self._invoke('RXAFS_OldReleaseLock', bytes(b), _r_OldReleaseLock)

    async def GetStatistics(self) -> ViceStatistics:
        """RXAFS_GetStatistics (opcode 146, afsint.xg:509). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\x92')
        return await self._invoke('RXAFS_GetStatistics', bytes(b), _r_GetStatistics)

    async def GiveUpCallBacks(self, Fids_Array: Sequence[AFSFid], CallBacks_Array: Sequence[AFSCallBack]) -> None:
        """RXAFS_GiveUpCallBacks (opcode 147, afsint.xg:512). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\x93')
        try:
            _n101 = counted(Fids_Array, 50, 'RXAFS_GiveUpCallBacks.Fids_Array')
            b += U32.pack(_n101)
            for _x102 in Fids_Array:
                b += _S1.pack(*_f_AFSFid(_x102))
            _n103 = counted(CallBacks_Array, 50, 'RXAFS_GiveUpCallBacks.CallBacks_Array')
            b += U32.pack(_n103)
            for _x104 in CallBacks_Array:
                b += _S1.pack(*_f_AFSCallBack(_x104))
        except struct.error as exc:
            raise encode_error(exc, 'RXAFS_GiveUpCallBacks') from None
        return await self._invoke('RXAFS_GiveUpCallBacks', bytes(b), _r_GiveUpCallBacks)

    async def GetVolumeInfo(self, VolumeName: str) -> VolumeInfo:
        """RXAFS_GetVolumeInfo (opcode 148, afsint.xg:514). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\x94')
        try:
            string_encode(b, VolumeName, 256, 'RXAFS_GetVolumeInfo.VolumeName')
        except struct.error as exc:
            raise encode_error(exc, 'RXAFS_GetVolumeInfo') from None
        return await self._invoke('RXAFS_GetVolumeInfo', bytes(b), _r_GetVolumeInfo)

    async def GetVolumeStatus(self, Volumeid: int) -> GetVolumeStatusResult:
        """RXAFS_GetVolumeStatus (opcode 149, afsint.xg:516). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\x95')
        try:
            b += _S31.pack(Volumeid)
        except struct.error as exc:
            raise encode_error(exc, 'RXAFS_GetVolumeStatus') from None
        return await self._invoke('RXAFS_GetVolumeStatus', bytes(b), _r_GetVolumeStatus)

    async def SetVolumeStatus(self, Volumeid: int, Volumestatus: AFSStoreVolumeStatus, Name: str, OfflineMsg: str, Motd: str) -> None:
        """RXAFS_SetVolumeStatus (opcode 150, afsint.xg:520). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\x96')
        try:
            b += _S32.pack(Volumeid, *_f_AFSStoreVolumeStatus(Volumestatus))
            string_encode(b, Name, 256, 'RXAFS_SetVolumeStatus.Name')
            string_encode(b, OfflineMsg, 1024, 'RXAFS_SetVolumeStatus.OfflineMsg')
            string_encode(b, Motd, 1024, 'RXAFS_SetVolumeStatus.Motd')
        except struct.error as exc:
            raise encode_error(exc, 'RXAFS_SetVolumeStatus') from None
        return await self._invoke('RXAFS_SetVolumeStatus', bytes(b), _r_SetVolumeStatus)

    async def GetRootVolume(self) -> str:
        """RXAFS_GetRootVolume (opcode 151, afsint.xg:524). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\x97')
        return await self._invoke('RXAFS_GetRootVolume', bytes(b), _r_GetRootVolume)

    async def CheckToken(self, ViceId: int, token: bytes) -> None:
        """RXAFS_CheckToken (opcode 152, afsint.xg:526). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\x98')
        try:
            b += _S31.pack(ViceId)
            opaque_encode(b, token, 1024, 'RXAFS_CheckToken.token')
        except struct.error as exc:
            raise encode_error(exc, 'RXAFS_CheckToken') from None
        return await self._invoke('RXAFS_CheckToken', bytes(b), _r_CheckToken)

    async def GetTime(self) -> GetTimeResult:
        """RXAFS_GetTime (opcode 153, afsint.xg:529). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\x99')
        return await self._invoke('RXAFS_GetTime', bytes(b), _r_GetTime)

    async def NGetVolumeInfo(self, VolumeName: str) -> AFSVolumeInfo:
        """RXAFS_NGetVolumeInfo (opcode 154, afsint.xg:531). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\x9a')
        try:
            string_encode(b, VolumeName, 256, 'RXAFS_NGetVolumeInfo.VolumeName')
        except struct.error as exc:
            raise encode_error(exc, 'RXAFS_NGetVolumeInfo') from None
        return await self._invoke('RXAFS_NGetVolumeInfo', bytes(b), _r_NGetVolumeInfo)

    async def BulkStatus(self, FidsArray: Sequence[AFSFid]) -> BulkStatusResult:
        """RXAFS_BulkStatus (opcode 155, afsint.xg:534). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\x9b')
        try:
            _n105 = counted(FidsArray, 50, 'RXAFS_BulkStatus.FidsArray')
            b += U32.pack(_n105)
            for _x106 in FidsArray:
                b += _S1.pack(*_f_AFSFid(_x106))
        except struct.error as exc:
            raise encode_error(exc, 'RXAFS_BulkStatus') from None
        return await self._invoke('RXAFS_BulkStatus', bytes(b), _r_BulkStatus)

    async def SetLock(self, Fid: AFSFid, Type: int) -> AFSVolSync:
        """RXAFS_SetLock (opcode 156, afsint.xg:537). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\x9c')
        try:
            b += _S34.pack(*_f_AFSFid(Fid), Type)
        except struct.error as exc:
            raise encode_error(exc, 'RXAFS_SetLock') from None
        return await self._invoke('RXAFS_SetLock', bytes(b), _r_SetLock)

    async def ExtendLock(self, Fid: AFSFid) -> AFSVolSync:
        """RXAFS_ExtendLock (opcode 157, afsint.xg:538). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\x9d')
        try:
            b += _S1.pack(*_f_AFSFid(Fid))
        except struct.error as exc:
            raise encode_error(exc, 'RXAFS_ExtendLock') from None
        return await self._invoke('RXAFS_ExtendLock', bytes(b), _r_ExtendLock)

    async def ReleaseLock(self, Fid: AFSFid) -> AFSVolSync:
        """RXAFS_ReleaseLock (opcode 158, afsint.xg:539). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\x9e')
        try:
            b += _S1.pack(*_f_AFSFid(Fid))
        except struct.error as exc:
            raise encode_error(exc, 'RXAFS_ReleaseLock') from None
        return await self._invoke('RXAFS_ReleaseLock', bytes(b), _r_ReleaseLock)

    async def XStatsVersion(self) -> int:
        """RXAFS_XStatsVersion (opcode 159, afsint.xg:541). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\x9f')
        return await self._invoke('RXAFS_XStatsVersion', bytes(b), _r_XStatsVersion)

    async def GetXStats(self, clientVersionNumber: int, collectionNumber: int) -> GetXStatsResult:
        """RXAFS_GetXStats (opcode 160, afsint.xg:543). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\xa0')
        try:
            b += _S35.pack(clientVersionNumber, collectionNumber)
        except struct.error as exc:
            raise encode_error(exc, 'RXAFS_GetXStats') from None
        return await self._invoke('RXAFS_GetXStats', bytes(b), _r_GetXStats)

    async def Lookup(self, DirFid: AFSFid, Name: str) -> LookupResult:
        """RXAFS_Lookup (opcode 161, afsint.xg:548). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\xa1')
        try:
            b += _S1.pack(*_f_AFSFid(DirFid))
            string_encode(b, Name, 256, 'RXAFS_Lookup.Name')
        except struct.error as exc:
            raise encode_error(exc, 'RXAFS_Lookup') from None
        return await self._invoke('RXAFS_Lookup', bytes(b), _r_Lookup)

    async def FlushCPS(self, IdsArray: Sequence[int], AddrsArray: Sequence[int], spare1: int) -> FlushCPSResult:
        """RXAFS_FlushCPS (opcode 162, afsint.xg:553). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\xa2')
        try:
            _n107 = counted(IdsArray, 10, 'RXAFS_FlushCPS.IdsArray')
            b += U32.pack(_n107)
            b += words('i', _n107).pack(*IdsArray)
            _n108 = counted(AddrsArray, 10, 'RXAFS_FlushCPS.AddrsArray')
            b += U32.pack(_n108)
            b += words('i', _n108).pack(*AddrsArray)
            b += _S31.pack(spare1)
        except struct.error as exc:
            raise encode_error(exc, 'RXAFS_FlushCPS') from None
        return await self._invoke('RXAFS_FlushCPS', bytes(b), _r_FlushCPS)

    async def DFSSymlink(self, DirFid: AFSFid, Name: str, LinkContents: str, InStatus: AFSStoreStatus) -> DFSSymlinkResult:
        """RXAFS_DFSSymlink (opcode 163, afsint.xg:556). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\xa3')
        try:
            b += _S1.pack(*_f_AFSFid(DirFid))
            string_encode(b, Name, 256, 'RXAFS_DFSSymlink.Name')
            string_encode(b, LinkContents, 1024, 'RXAFS_DFSSymlink.LinkContents')
            b += _S8.pack(*_f_AFSStoreStatus(InStatus))
        except struct.error as exc:
            raise encode_error(exc, 'RXAFS_DFSSymlink') from None
        return await self._invoke('RXAFS_DFSSymlink', bytes(b), _r_DFSSymlink)

    async def FsCmd(self, Fid: AFSFid, Inputs: FsCmdInputs) -> FsCmdOutputs:
        """RXAFS_FsCmd (opcode 220, afsint.xg:562). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x00\xdc')
        try:
            b += _S36.pack(*_f_AFSFid(Fid), *_f_FsCmdInputs(Inputs))
        except struct.error as exc:
            raise encode_error(exc, 'RXAFS_FsCmd') from None
        return await self._invoke('RXAFS_FsCmd', bytes(b), _r_FsCmd)

    async def InlineBulkStatus(self, FidsArray: Sequence[AFSFid]) -> InlineBulkStatusResult:
        """RXAFS_InlineBulkStatus (opcode 65536, afsint.xg:566). Cancellation aborts the call."""
        b = bytearray(b'\x00\x01\x00\x00')
        try:
            _n109 = counted(FidsArray, 50, 'RXAFS_InlineBulkStatus.FidsArray')
            b += U32.pack(_n109)
            for _x110 in FidsArray:
                b += _S1.pack(*_f_AFSFid(_x110))
        except struct.error as exc:
            raise encode_error(exc, 'RXAFS_InlineBulkStatus') from None
        return await self._invoke('RXAFS_InlineBulkStatus', bytes(b), _r_InlineBulkStatus)

    def FetchData64(self, Fid: AFSFid, Pos: int, Length: int) -> SplitCall[FetchData64Result]:
        """RXAFS_FetchData64 (opcode 65537, afsint.xg:571).

        Use with ``async with``: entering sends the arguments; stream the
        data, then ``await stream.finish()`` returns the OUT values.
        """
        b = bytearray(b'\x00\x01\x00\x01')
        try:
            b += _S37.pack(*_f_AFSFid(Fid), Pos, Length)
        except struct.error as exc:
            raise encode_error(exc, 'RXAFS_FetchData64') from None
        return self._split('RXAFS_FetchData64', bytes(b), _r_FetchData64)

    def StoreData64(self, Fid: AFSFid, InStatus: AFSStoreStatus, Pos: int, Length: int, FileLength: int) -> SplitCall[StoreData64Result]:
        """RXAFS_StoreData64 (opcode 65538, afsint.xg:575).

        Use with ``async with``: entering sends the arguments; stream the
        data, then ``await stream.finish()`` returns the OUT values.
        """
        b = bytearray(b'\x00\x01\x00\x02')
        try:
            b += _S38.pack(*_f_AFSFid(Fid), *_f_AFSStoreStatus(InStatus), Pos, Length, FileLength)
        except struct.error as exc:
            raise encode_error(exc, 'RXAFS_StoreData64') from None
        return self._split('RXAFS_StoreData64', bytes(b), _r_StoreData64)

    async def GiveUpAllCallBacks(self) -> None:
        """RXAFS_GiveUpAllCallBacks (opcode 65539, afsint.xg:580). Cancellation aborts the call."""
        b = bytearray(b'\x00\x01\x00\x03')
        return await self._invoke('RXAFS_GiveUpAllCallBacks', bytes(b), _r_GiveUpAllCallBacks)

    async def GetCapabilities(self) -> Sequence[int]:
        """RXAFS_GetCapabilities (opcode 65540, afsint.xg:582). Cancellation aborts the call."""
        b = bytearray(b'\x00\x01\x00\x04')
        return await self._invoke('RXAFS_GetCapabilities', bytes(b), _r_GetCapabilities)

    async def CallBackRxConnAddr(self, addr: int) -> None:
        """RXAFS_CallBackRxConnAddr (opcode 65541, afsint.xg:584). Cancellation aborts the call."""
        b = bytearray(b'\x00\x01\x00\x05')
        try:
            b += _S31.pack(addr)
        except struct.error as exc:
            raise encode_error(exc, 'RXAFS_CallBackRxConnAddr') from None
        return await self._invoke('RXAFS_CallBackRxConnAddr', bytes(b), _r_CallBackRxConnAddr)

    async def GetStatistics64(self, statsVersion: int) -> Sequence[int]:
        """RXAFS_GetStatistics64 (opcode 65542, afsint.xg:586). Cancellation aborts the call."""
        b = bytearray(b'\x00\x01\x00\x06')
        try:
            b += _S31.pack(statsVersion)
        except struct.error as exc:
            raise encode_error(exc, 'RXAFS_GetStatistics64') from None
        return await self._invoke('RXAFS_GetStatistics64', bytes(b), _r_GetStatistics64)


class Service(_rpc.Service):
    """Serves the RXAFS_ procedures: subclass and override."""

    SERVICE_ID = 1
    PROCEDURES: ClassVar[dict[int, Procedure]] = {130: Procedure('FetchData', 130, True, _i_FetchData, _w_FetchData), 131: Procedure('FetchACL', 131, False, _i_FetchACL, _w_FetchACL), 132: Procedure('FetchStatus', 132, False, _i_FetchStatus, _w_FetchStatus), 133: Procedure('StoreData', 133, True, _i_StoreData, _w_StoreData), 134: Procedure('StoreACL', 134, False, _i_StoreACL, _w_StoreACL), 135: Procedure('StoreStatus', 135, False, _i_StoreStatus, _w_StoreStatus), 136: Procedure('RemoveFile', 136, False, _i_RemoveFile, _w_RemoveFile), 137: Procedure('CreateFile', 137, False, _i_CreateFile, _w_CreateFile), 138: Procedure('Rename', 138, False, _i_Rename, _w_Rename), 139: Procedure('Symlink', 139, False, _i_Symlink, _w_Symlink), 140: Procedure('Link', 140, False, _i_Link, _w_Link), 141: Procedure('MakeDir', 141, False, _i_MakeDir, _w_MakeDir), 142: Procedure('RemoveDir', 142, False, _i_RemoveDir, _w_RemoveDir), 143: Procedure('OldSetLock', 143, False, _i_OldSetLock, _w_OldSetLock), 144: Procedure('OldExtendLock', 144, False, _i_OldExtendLock, _w_OldExtendLock), 145: Procedure('OldReleaseLock', 145, False, _i_OldReleaseLock, _w_OldReleaseLock), 146: Procedure('GetStatistics', 146, False, _i_GetStatistics, _w_GetStatistics), 147: Procedure('GiveUpCallBacks', 147, False, _i_GiveUpCallBacks, _w_GiveUpCallBacks), 148: Procedure('GetVolumeInfo', 148, False, _i_GetVolumeInfo, _w_GetVolumeInfo), 149: Procedure('GetVolumeStatus', 149, False, _i_GetVolumeStatus, _w_GetVolumeStatus), 150: Procedure('SetVolumeStatus', 150, False, _i_SetVolumeStatus, _w_SetVolumeStatus), 151: Procedure('GetRootVolume', 151, False, _i_GetRootVolume, _w_GetRootVolume), 152: Procedure('CheckToken', 152, False, _i_CheckToken, _w_CheckToken), 153: Procedure('GetTime', 153, False, _i_GetTime, _w_GetTime), 154: Procedure('NGetVolumeInfo', 154, False, _i_NGetVolumeInfo, _w_NGetVolumeInfo), 155: Procedure('BulkStatus', 155, False, _i_BulkStatus, _w_BulkStatus), 156: Procedure('SetLock', 156, False, _i_SetLock, _w_SetLock), 157: Procedure('ExtendLock', 157, False, _i_ExtendLock, _w_ExtendLock), 158: Procedure('ReleaseLock', 158, False, _i_ReleaseLock, _w_ReleaseLock), 159: Procedure('XStatsVersion', 159, False, _i_XStatsVersion, _w_XStatsVersion), 160: Procedure('GetXStats', 160, False, _i_GetXStats, _w_GetXStats), 161: Procedure('Lookup', 161, False, _i_Lookup, _w_Lookup), 162: Procedure('FlushCPS', 162, False, _i_FlushCPS, _w_FlushCPS), 163: Procedure('DFSSymlink', 163, False, _i_DFSSymlink, _w_DFSSymlink), 220: Procedure('FsCmd', 220, False, _i_FsCmd, _w_FsCmd), 65536: Procedure('InlineBulkStatus', 65536, False, _i_InlineBulkStatus, _w_InlineBulkStatus), 65537: Procedure('FetchData64', 65537, True, _i_FetchData64, _w_FetchData64), 65538: Procedure('StoreData64', 65538, True, _i_StoreData64, _w_StoreData64), 65539: Procedure('GiveUpAllCallBacks', 65539, False, _i_GiveUpAllCallBacks, _w_GiveUpAllCallBacks), 65540: Procedure('GetCapabilities', 65540, False, _i_GetCapabilities, _w_GetCapabilities), 65541: Procedure('CallBackRxConnAddr', 65541, False, _i_CallBackRxConnAddr, _w_CallBackRxConnAddr), 65542: Procedure('GetStatistics64', 65542, False, _i_GetStatistics64, _w_GetStatistics64)}

    async def FetchData(self, stream: SplitStream, Fid: AFSFid, Pos: int, Length: int) -> FetchDataResult:
        """RXAFS_FetchData (opcode 130): override to implement."""
        raise NotImplementedError

    async def FetchACL(self, call: Call, Fid: AFSFid) -> FetchACLResult:
        """RXAFS_FetchACL (opcode 131): override to implement."""
        raise NotImplementedError

    async def FetchStatus(self, call: Call, Fid: AFSFid) -> FetchStatusResult:
        """RXAFS_FetchStatus (opcode 132): override to implement."""
        raise NotImplementedError

    async def StoreData(self, stream: SplitStream, Fid: AFSFid, InStatus: AFSStoreStatus, Pos: int, Length: int, FileLength: int) -> StoreDataResult:
        """RXAFS_StoreData (opcode 133): override to implement."""
        raise NotImplementedError

    async def StoreACL(self, call: Call, Fid: AFSFid, AccessList: bytes) -> StoreACLResult:
        """RXAFS_StoreACL (opcode 134): override to implement."""
        raise NotImplementedError

    async def StoreStatus(self, call: Call, Fid: AFSFid, InStatus: AFSStoreStatus) -> StoreStatusResult:
        """RXAFS_StoreStatus (opcode 135): override to implement."""
        raise NotImplementedError

    async def RemoveFile(self, call: Call, DirFid: AFSFid, Name: str) -> RemoveFileResult:
        """RXAFS_RemoveFile (opcode 136): override to implement."""
        raise NotImplementedError

    async def CreateFile(self, call: Call, DirFid: AFSFid, Name: str, InStatus: AFSStoreStatus) -> CreateFileResult:
        """RXAFS_CreateFile (opcode 137): override to implement."""
        raise NotImplementedError

    async def Rename(self, call: Call, OldDirFid: AFSFid, OldName: str, NewDirFid: AFSFid, NewName: str) -> RenameResult:
        """RXAFS_Rename (opcode 138): override to implement."""
        raise NotImplementedError

    async def Symlink(self, call: Call, DirFid: AFSFid, Name: str, LinkContents: str, InStatus: AFSStoreStatus) -> SymlinkResult:
        """RXAFS_Symlink (opcode 139): override to implement."""
        raise NotImplementedError

    async def Link(self, call: Call, DirFid: AFSFid, Name: str, ExistingFid: AFSFid) -> LinkResult:
        """RXAFS_Link (opcode 140): override to implement."""
        raise NotImplementedError

    async def MakeDir(self, call: Call, DirFid: AFSFid, Name: str, InStatus: AFSStoreStatus) -> MakeDirResult:
        """RXAFS_MakeDir (opcode 141): override to implement."""
        raise NotImplementedError

    async def RemoveDir(self, call: Call, DirFid: AFSFid, Name: str) -> RemoveDirResult:
        """RXAFS_RemoveDir (opcode 142): override to implement."""
        raise NotImplementedError

    async def OldSetLock(self, call: Call, Fid: AFSFid, Type: int, Sync: AFSVolSync) -> None:
        """RXAFS_OldSetLock (opcode 143): override to implement."""
        raise NotImplementedError

    async def OldExtendLock(self, call: Call, Fid: AFSFid, Sync: AFSVolSync) -> None:
        """RXAFS_OldExtendLock (opcode 144): override to implement."""
        raise NotImplementedError

    async def OldReleaseLock(self, call: Call, Fid: AFSFid, Sync: AFSVolSync) -> None:
        """RXAFS_OldReleaseLock (opcode 145): override to implement."""
        raise NotImplementedError

    async def GetStatistics(self, call: Call) -> ViceStatistics:
        """RXAFS_GetStatistics (opcode 146): override to implement."""
        raise NotImplementedError

    async def GiveUpCallBacks(self, call: Call, Fids_Array: Sequence[AFSFid], CallBacks_Array: Sequence[AFSCallBack]) -> None:
        """RXAFS_GiveUpCallBacks (opcode 147): override to implement."""
        raise NotImplementedError

    async def GetVolumeInfo(self, call: Call, VolumeName: str) -> VolumeInfo:
        """RXAFS_GetVolumeInfo (opcode 148): override to implement."""
        raise NotImplementedError

    async def GetVolumeStatus(self, call: Call, Volumeid: int) -> GetVolumeStatusResult:
        """RXAFS_GetVolumeStatus (opcode 149): override to implement."""
        raise NotImplementedError

    async def SetVolumeStatus(self, call: Call, Volumeid: int, Volumestatus: AFSStoreVolumeStatus, Name: str, OfflineMsg: str, Motd: str) -> None:
        """RXAFS_SetVolumeStatus (opcode 150): override to implement."""
        raise NotImplementedError

    async def GetRootVolume(self, call: Call) -> str:
        """RXAFS_GetRootVolume (opcode 151): override to implement."""
        raise NotImplementedError

    async def CheckToken(self, call: Call, ViceId: int, token: bytes) -> None:
        """RXAFS_CheckToken (opcode 152): override to implement."""
        raise NotImplementedError

    async def GetTime(self, call: Call) -> GetTimeResult:
        """RXAFS_GetTime (opcode 153): override to implement."""
        raise NotImplementedError

    async def NGetVolumeInfo(self, call: Call, VolumeName: str) -> AFSVolumeInfo:
        """RXAFS_NGetVolumeInfo (opcode 154): override to implement."""
        raise NotImplementedError

    async def BulkStatus(self, call: Call, FidsArray: Sequence[AFSFid]) -> BulkStatusResult:
        """RXAFS_BulkStatus (opcode 155): override to implement."""
        raise NotImplementedError

    async def SetLock(self, call: Call, Fid: AFSFid, Type: int) -> AFSVolSync:
        """RXAFS_SetLock (opcode 156): override to implement."""
        raise NotImplementedError

    async def ExtendLock(self, call: Call, Fid: AFSFid) -> AFSVolSync:
        """RXAFS_ExtendLock (opcode 157): override to implement."""
        raise NotImplementedError

    async def ReleaseLock(self, call: Call, Fid: AFSFid) -> AFSVolSync:
        """RXAFS_ReleaseLock (opcode 158): override to implement."""
        raise NotImplementedError

    async def XStatsVersion(self, call: Call) -> int:
        """RXAFS_XStatsVersion (opcode 159): override to implement."""
        raise NotImplementedError

    async def GetXStats(self, call: Call, clientVersionNumber: int, collectionNumber: int) -> GetXStatsResult:
        """RXAFS_GetXStats (opcode 160): override to implement."""
        raise NotImplementedError

    async def Lookup(self, call: Call, DirFid: AFSFid, Name: str) -> LookupResult:
        """RXAFS_Lookup (opcode 161): override to implement."""
        raise NotImplementedError

    async def FlushCPS(self, call: Call, IdsArray: Sequence[int], AddrsArray: Sequence[int], spare1: int) -> FlushCPSResult:
        """RXAFS_FlushCPS (opcode 162): override to implement."""
        raise NotImplementedError

    async def DFSSymlink(self, call: Call, DirFid: AFSFid, Name: str, LinkContents: str, InStatus: AFSStoreStatus) -> DFSSymlinkResult:
        """RXAFS_DFSSymlink (opcode 163): override to implement."""
        raise NotImplementedError

    async def FsCmd(self, call: Call, Fid: AFSFid, Inputs: FsCmdInputs) -> FsCmdOutputs:
        """RXAFS_FsCmd (opcode 220): override to implement."""
        raise NotImplementedError

    async def InlineBulkStatus(self, call: Call, FidsArray: Sequence[AFSFid]) -> InlineBulkStatusResult:
        """RXAFS_InlineBulkStatus (opcode 65536): override to implement."""
        raise NotImplementedError

    async def FetchData64(self, stream: SplitStream, Fid: AFSFid, Pos: int, Length: int) -> FetchData64Result:
        """RXAFS_FetchData64 (opcode 65537): override to implement."""
        raise NotImplementedError

    async def StoreData64(self, stream: SplitStream, Fid: AFSFid, InStatus: AFSStoreStatus, Pos: int, Length: int, FileLength: int) -> StoreData64Result:
        """RXAFS_StoreData64 (opcode 65538): override to implement."""
        raise NotImplementedError

    async def GiveUpAllCallBacks(self, call: Call) -> None:
        """RXAFS_GiveUpAllCallBacks (opcode 65539): override to implement."""
        raise NotImplementedError

    async def GetCapabilities(self, call: Call) -> Sequence[int]:
        """RXAFS_GetCapabilities (opcode 65540): override to implement."""
        raise NotImplementedError

    async def CallBackRxConnAddr(self, call: Call, addr: int) -> None:
        """RXAFS_CallBackRxConnAddr (opcode 65541): override to implement."""
        raise NotImplementedError

    async def GetStatistics64(self, call: Call, statsVersion: int) -> Sequence[int]:
        """RXAFS_GetStatistics64 (opcode 65542): override to implement."""
        raise NotImplementedError


OPCODES: Final[dict[str, int]] = {'FetchData': 130, 'FetchACL': 131, 'FetchStatus': 132, 'StoreData': 133, 'StoreACL': 134, 'StoreStatus': 135, 'RemoveFile': 136, 'CreateFile': 137, 'Rename': 138, 'Symlink': 139, 'Link': 140, 'MakeDir': 141, 'RemoveDir': 142, 'OldSetLock': 143, 'OldExtendLock': 144, 'OldReleaseLock': 145, 'GetStatistics': 146, 'GiveUpCallBacks': 147, 'GetVolumeInfo': 148, 'GetVolumeStatus': 149, 'SetVolumeStatus': 150, 'GetRootVolume': 151, 'CheckToken': 152, 'GetTime': 153, 'NGetVolumeInfo': 154, 'BulkStatus': 155, 'SetLock': 156, 'ExtendLock': 157, 'ReleaseLock': 158, 'XStatsVersion': 159, 'GetXStats': 160, 'Lookup': 161, 'FlushCPS': 162, 'DFSSymlink': 163, 'FsCmd': 220, 'InlineBulkStatus': 65536, 'FetchData64': 65537, 'StoreData64': 65538, 'GiveUpAllCallBacks': 65539, 'GetCapabilities': 65540, 'CallBackRxConnAddr': 65541, 'GetStatistics64': 65542}
"""Every procedure's opcode, by name."""
