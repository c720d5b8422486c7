"""The DISK interface, generated from ubik_disk.xg: written by trio-rxrpc rxgen.

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

PACKAGE: Final = 'DISK_'
STATINDEX: Final = 12
SERVICE_ID: Final = 51

UBIK_MAX_INTERFACE_ADDR: Final = 256
BULK_ERROR: Final = 1
IOVEC_MAXBUF: Final = 65536
IOVEC_MAXWRT: Final = 64


@attrs.frozen
class BDesc:
    """``struct BDesc`` (ubik_common.xg:16)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('host', 'portal', 'session',)

    host: int = 0
    portal: int = 0
    session: int = 0

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_BDesc, self, 'BDesc')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> BDesc:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_BDesc, data, 'BDesc')


@attrs.frozen
class ubik_version:
    """``struct ubik_version`` (ubik_common.xg:24)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('epoch', 'counter',)

    epoch: int = 0
    counter: int = 0

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_ubik_version, self, 'ubik_version')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> ubik_version:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_ubik_version, data, 'ubik_version')


@attrs.frozen
class ubik_tid:
    """``struct ubik_tid`` (ubik_common.xg:30)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('epoch', 'counter',)

    epoch: int = 0
    counter: int = 0

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_ubik_tid, self, 'ubik_tid')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> ubik_tid:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_ubik_tid, data, 'ubik_tid')


@attrs.frozen
class ubik_debug:
    """``struct ubik_debug`` (ubik_common.xg:38)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('now', 'lastYesTime', 'lastYesHost', 'lastYesState', 'lastYesClaim', 'lowestHost', 'lowestTime', 'syncHost', 'syncTime', 'syncVersion', 'syncTid', 'amSyncSite', 'syncSiteUntil', 'nServers', 'lockedPages', 'writeLockedPages', 'localVersion', 'activeWrite', 'tidCounter', 'anyReadLocks', 'anyWriteLocks', 'recoveryState', 'currentTrans', 'writeTrans', 'epochTime', 'interfaceAddr',)

    now: int = 0
    lastYesTime: int = 0
    lastYesHost: int = 0
    lastYesState: int = 0
    lastYesClaim: int = 0
    lowestHost: int = 0
    lowestTime: int = 0
    syncHost: int = 0
    syncTime: int = 0
    syncVersion: ubik_version = attrs.field(factory=lambda: ubik_version())
    syncTid: ubik_tid = attrs.field(factory=lambda: ubik_tid())
    amSyncSite: int = 0
    syncSiteUntil: int = 0
    nServers: int = 0
    lockedPages: int = 0
    writeLockedPages: int = 0
    localVersion: ubik_version = attrs.field(factory=lambda: ubik_version())
    activeWrite: int = 0
    tidCounter: int = 0
    anyReadLocks: int = 0
    anyWriteLocks: int = 0
    recoveryState: int = 0
    currentTrans: int = 0
    writeTrans: int = 0
    epochTime: int = 0
    interfaceAddr: Sequence[int] = (0,) * 256

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_ubik_debug, self, 'ubik_debug')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> ubik_debug:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_ubik_debug, data, 'ubik_debug')


@attrs.frozen
class ubik_sdebug:
    """``struct ubik_sdebug`` (ubik_common.xg:80)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('addr', 'lastVoteTime', 'lastBeaconSent', 'lastVote', 'remoteVersion', 'currentDB', 'beaconSinceDown', 'up', 'altAddr',)

    addr: int = 0
    lastVoteTime: int = 0
    lastBeaconSent: int = 0
    lastVote: int = 0
    remoteVersion: ubik_version = attrs.field(factory=lambda: ubik_version())
    currentDB: int = 0
    beaconSinceDown: int = 0
    up: int = 0
    altAddr: Sequence[int] = (0,) * 255

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_ubik_sdebug, self, 'ubik_sdebug')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> ubik_sdebug:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_ubik_sdebug, data, 'ubik_sdebug')


@attrs.frozen
class ubik_debug_old:
    """``struct ubik_debug_old`` (ubik_common.xg:93)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('now', 'lastYesTime', 'lastYesHost', 'lastYesState', 'lastYesClaim', 'lowestHost', 'lowestTime', 'syncHost', 'syncTime', 'syncVersion', 'syncTid', 'amSyncSite', 'syncSiteUntil', 'nServers', 'lockedPages', 'writeLockedPages', 'localVersion', 'activeWrite', 'tidCounter', 'anyReadLocks', 'anyWriteLocks', 'recoveryState', 'currentTrans', 'writeTrans', 'epochTime',)

    now: int = 0
    lastYesTime: int = 0
    lastYesHost: int = 0
    lastYesState: int = 0
    lastYesClaim: int = 0
    lowestHost: int = 0
    lowestTime: int = 0
    syncHost: int = 0
    syncTime: int = 0
    syncVersion: ubik_version = attrs.field(factory=lambda: ubik_version())
    syncTid: ubik_tid = attrs.field(factory=lambda: ubik_tid())
    amSyncSite: int = 0
    syncSiteUntil: int = 0
    nServers: int = 0
    lockedPages: int = 0
    writeLockedPages: int = 0
    localVersion: ubik_version = attrs.field(factory=lambda: ubik_version())
    activeWrite: int = 0
    tidCounter: int = 0
    anyReadLocks: int = 0
    anyWriteLocks: int = 0
    recoveryState: int = 0
    currentTrans: int = 0
    writeTrans: int = 0
    epochTime: int = 0

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_ubik_debug_old, self, 'ubik_debug_old')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> ubik_debug_old:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_ubik_debug_old, data, 'ubik_debug_old')


@attrs.frozen
class ubik_sdebug_old:
    """``struct ubik_sdebug_old`` (ubik_common.xg:122)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('addr', 'lastVoteTime', 'lastBeaconSent', 'lastVote', 'remoteVersion', 'currentDB', 'beaconSinceDown', 'up',)

    addr: int = 0
    lastVoteTime: int = 0
    lastBeaconSent: int = 0
    lastVote: int = 0
    remoteVersion: ubik_version = attrs.field(factory=lambda: ubik_version())
    currentDB: int = 0
    beaconSinceDown: int = 0
    up: int = 0

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_ubik_sdebug_old, self, 'ubik_sdebug_old')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> ubik_sdebug_old:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_ubik_sdebug_old, data, 'ubik_sdebug_old')


@attrs.frozen
class UbikInterfaceAddr:
    """``struct UbikInterfaceAddr`` (ubik_common.xg:134)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('hostAddr',)

    hostAddr: Sequence[int] = (0,) * 256

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_UbikInterfaceAddr, self, 'UbikInterfaceAddr')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> UbikInterfaceAddr:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_UbikInterfaceAddr, data, 'UbikInterfaceAddr')


bulkdata: TypeAlias = 'bytes'

iovec_buf: TypeAlias = 'bytes'

@attrs.frozen
class ubik_iovec:
    """``struct ubik_iovec`` (ubik_common.xg:150)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('file', 'position', 'length',)

    file: int = 0
    position: int = 0
    length: int = 0

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_ubik_iovec, self, 'ubik_iovec')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> ubik_iovec:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_ubik_iovec, data, 'ubik_iovec')


iovec_wrt: TypeAlias = 'Sequence[ubik_iovec]'

_S0 = struct.Struct('>iii')
_S1 = struct.Struct('>ii')
_S2 = struct.Struct('>iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii')
_S3 = struct.Struct('>iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii')
_S4 = struct.Struct('>iiiiiiiiiiiiiiiiiiiiiiiiiiii')
_S5 = struct.Struct('>iiiiiiiii')
_S6 = struct.Struct('>iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii')
_S7 = struct.Struct('>iiiiii')
_S8 = struct.Struct('>iiii')
_S9 = struct.Struct('>i')


def _b_BDesc(t: tuple[int, int, int]) -> BDesc:
    return BDesc(t[0], t[1], t[2])


def _f_BDesc(v: BDesc) -> tuple[object, ...]:
    return (v.host, v.portal, v.session,)


def _d_BDesc(d: bytes | memoryview, o: int) -> tuple[BDesc, int]:
    return _b_BDesc(_S0.unpack_from(d, o)), o + 12


def _e_BDesc(b: bytearray, v: BDesc) -> None:
    b += _S0.pack(*_f_BDesc(v))


def _b_ubik_version(t: tuple[int, int]) -> ubik_version:
    return ubik_version(t[0], t[1])


def _f_ubik_version(v: ubik_version) -> tuple[object, ...]:
    return (v.epoch, v.counter,)


def _d_ubik_version(d: bytes | memoryview, o: int) -> tuple[ubik_version, int]:
    return _b_ubik_version(_S1.unpack_from(d, o)), o + 8


def _e_ubik_version(b: bytearray, v: ubik_version) -> None:
    b += _S1.pack(*_f_ubik_version(v))


def _b_ubik_tid(t: tuple[int, int]) -> ubik_tid:
    return ubik_tid(t[0], t[1])


def _f_ubik_tid(v: ubik_tid) -> tuple[object, ...]:
    return (v.epoch, v.counter,)


def _d_ubik_tid(d: bytes | memoryview, o: int) -> tuple[ubik_tid, int]:
    return _b_ubik_tid(_S1.unpack_from(d, o)), o + 8


def _e_ubik_tid(b: bytearray, v: ubik_tid) -> None:
    b += _S1.pack(*_f_ubik_tid(v))


def _b_ubik_debug(t: tuple[int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int]) -> ubik_debug:
    return ubik_debug(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], _b_ubik_version(t[9:11]), _b_ubik_tid(t[11:13]), t[13], t[14], t[15], t[16], t[17], _b_ubik_version(t[18:20]), t[20], t[21], t[22], t[23], t[24], t[25], t[26], t[27], t[28:284])


def _f_ubik_debug(v: ubik_debug) -> tuple[object, ...]:
    return (v.now, v.lastYesTime, v.lastYesHost, v.lastYesState, v.lastYesClaim, v.lowestHost, v.lowestTime, v.syncHost, v.syncTime, *_f_ubik_version(v.syncVersion), *_f_ubik_tid(v.syncTid), v.amSyncSite, v.syncSiteUntil, v.nServers, v.lockedPages, v.writeLockedPages, *_f_ubik_version(v.localVersion), v.activeWrite, v.tidCounter, v.anyReadLocks, v.anyWriteLocks, v.recoveryState, v.currentTrans, v.writeTrans, v.epochTime, *fixed(v.interfaceAddr, 256, 'ubik_debug.interfaceAddr'),)


def _d_ubik_debug(d: bytes | memoryview, o: int) -> tuple[ubik_debug, int]:
    return _b_ubik_debug(_S2.unpack_from(d, o)), o + 1136


def _e_ubik_debug(b: bytearray, v: ubik_debug) -> None:
    b += _S2.pack(*_f_ubik_debug(v))


def _b_ubik_sdebug(t: tuple[int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int]) -> ubik_sdebug:
    return ubik_sdebug(t[0], t[1], t[2], t[3], _b_ubik_version(t[4:6]), t[6], t[7], t[8], t[9:264])


def _f_ubik_sdebug(v: ubik_sdebug) -> tuple[object, ...]:
    return (v.addr, v.lastVoteTime, v.lastBeaconSent, v.lastVote, *_f_ubik_version(v.remoteVersion), v.currentDB, v.beaconSinceDown, v.up, *fixed(v.altAddr, 255, 'ubik_sdebug.altAddr'),)


def _d_ubik_sdebug(d: bytes | memoryview, o: int) -> tuple[ubik_sdebug, int]:
    return _b_ubik_sdebug(_S3.unpack_from(d, o)), o + 1056


def _e_ubik_sdebug(b: bytearray, v: ubik_sdebug) -> None:
    b += _S3.pack(*_f_ubik_sdebug(v))


def _b_ubik_debug_old(t: tuple[int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int]) -> ubik_debug_old:
    return ubik_debug_old(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], _b_ubik_version(t[9:11]), _b_ubik_tid(t[11:13]), t[13], t[14], t[15], t[16], t[17], _b_ubik_version(t[18:20]), t[20], t[21], t[22], t[23], t[24], t[25], t[26], t[27])


def _f_ubik_debug_old(v: ubik_debug_old) -> tuple[object, ...]:
    return (v.now, v.lastYesTime, v.lastYesHost, v.lastYesState, v.lastYesClaim, v.lowestHost, v.lowestTime, v.syncHost, v.syncTime, *_f_ubik_version(v.syncVersion), *_f_ubik_tid(v.syncTid), v.amSyncSite, v.syncSiteUntil, v.nServers, v.lockedPages, v.writeLockedPages, *_f_ubik_version(v.localVersion), v.activeWrite, v.tidCounter, v.anyReadLocks, v.anyWriteLocks, v.recoveryState, v.currentTrans, v.writeTrans, v.epochTime,)


def _d_ubik_debug_old(d: bytes | memoryview, o: int) -> tuple[ubik_debug_old, int]:
    return _b_ubik_debug_old(_S4.unpack_from(d, o)), o + 112


def _e_ubik_debug_old(b: bytearray, v: ubik_debug_old) -> None:
    b += _S4.pack(*_f_ubik_debug_old(v))


def _b_ubik_sdebug_old(t: tuple[int, int, int, int, int, int, int, int, int]) -> ubik_sdebug_old:
    return ubik_sdebug_old(t[0], t[1], t[2], t[3], _b_ubik_version(t[4:6]), t[6], t[7], t[8])


def _f_ubik_sdebug_old(v: ubik_sdebug_old) -> tuple[object, ...]:
    return (v.addr, v.lastVoteTime, v.lastBeaconSent, v.lastVote, *_f_ubik_version(v.remoteVersion), v.currentDB, v.beaconSinceDown, v.up,)


def _d_ubik_sdebug_old(d: bytes | memoryview, o: int) -> tuple[ubik_sdebug_old, int]:
    return _b_ubik_sdebug_old(_S5.unpack_from(d, o)), o + 36


def _e_ubik_sdebug_old(b: bytearray, v: ubik_sdebug_old) -> None:
    b += _S5.pack(*_f_ubik_sdebug_old(v))


def _b_UbikInterfaceAddr(t: tuple[int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int]) -> UbikInterfaceAddr:
    return UbikInterfaceAddr(t[0:256])


def _f_UbikInterfaceAddr(v: UbikInterfaceAddr) -> tuple[object, ...]:
    return (*fixed(v.hostAddr, 256, 'UbikInterfaceAddr.hostAddr'),)


def _d_UbikInterfaceAddr(d: bytes | memoryview, o: int) -> tuple[UbikInterfaceAddr, int]:
    return _b_UbikInterfaceAddr(_S6.unpack_from(d, o)), o + 1024


def _e_UbikInterfaceAddr(b: bytearray, v: UbikInterfaceAddr) -> None:
    b += _S6.pack(*_f_UbikInterfaceAddr(v))


def _b_ubik_iovec(t: tuple[int, int, int]) -> ubik_iovec:
    return ubik_iovec(t[0], t[1], t[2])


def _f_ubik_iovec(v: ubik_iovec) -> tuple[object, ...]:
    return (v.file, v.position, v.length,)


def _d_ubik_iovec(d: bytes | memoryview, o: int) -> tuple[ubik_iovec, int]:
    return _b_ubik_iovec(_S0.unpack_from(d, o)), o + 12


def _e_ubik_iovec(b: bytearray, v: ubik_iovec) -> None:
    b += _S0.pack(*_f_ubik_iovec(v))


def _o_Begin(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_Begin(data: bytes) -> None:
    return decode_all(_o_Begin, data, 'DISK_Begin reply')


def _i_Begin(d: bytes | memoryview, o: int) -> tuple[tuple[ubik_tid], int]:
    _t1 = _S1.unpack_from(d, o)
    a_tid = _b_ubik_tid(_t1)
    o += 8
    return (a_tid, ), o


def _w_Begin(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_Commit(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_Commit(data: bytes) -> None:
    return decode_all(_o_Commit, data, 'DISK_Commit reply')


def _i_Commit(d: bytes | memoryview, o: int) -> tuple[tuple[ubik_tid], int]:
    _t2 = _S1.unpack_from(d, o)
    a_tid = _b_ubik_tid(_t2)
    o += 8
    return (a_tid, ), o


def _w_Commit(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_Lock(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_Lock(data: bytes) -> None:
    return decode_all(_o_Lock, data, 'DISK_Lock reply')


def _i_Lock(d: bytes | memoryview, o: int) -> tuple[tuple[ubik_tid, int, int, int, int], int]:
    _t3 = _S7.unpack_from(d, o)
    a_tid = _b_ubik_tid(_t3[0:2])
    a_file = _t3[2]
    a_position = _t3[3]
    a_length = _t3[4]
    a_type = _t3[5]
    o += 24
    return (a_tid, a_file, a_position, a_length, a_type, ), o


def _w_Lock(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_Write(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_Write(data: bytes) -> None:
    return decode_all(_o_Write, data, 'DISK_Write reply')


def _i_Write(d: bytes | memoryview, o: int) -> tuple[tuple[ubik_tid, int, int, bytes], int]:
    _t4 = _S8.unpack_from(d, o)
    a_tid = _b_ubik_tid(_t4[0:2])
    a_file = _t4[2]
    a_position = _t4[3]
    o += 16
    a_data, o = opaque_decode(d, o, 20000, 'DISK_Write.data')
    return (a_tid, a_file, a_position, a_data, ), o


def _w_Write(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_GetVersion(d: bytes | memoryview, o: int) -> tuple[ubik_version, int]:
    _t5 = _S1.unpack_from(d, o)
    r_Version = _b_ubik_version(_t5)
    o += 8
    return r_Version, o


def _r_GetVersion(data: bytes) -> ubik_version:
    return decode_all(_o_GetVersion, data, 'DISK_GetVersion reply')


def _i_GetVersion(d: bytes | memoryview, o: int) -> tuple[tuple[()], int]:
    return (), o


def _w_GetVersion(r: ubik_version) -> bytes:
    b = bytearray()
    b += _S1.pack(*_f_ubik_version(r))
    return bytes(b)


def _o_GetFile(d: bytes | memoryview, o: int) -> tuple[ubik_version, int]:
    _t6 = _S1.unpack_from(d, o)
    r_Version = _b_ubik_version(_t6)
    o += 8
    return r_Version, o


def _r_GetFile(data: bytes) -> ubik_version:
    return decode_all(_o_GetFile, data, 'DISK_GetFile reply')


def _i_GetFile(d: bytes | memoryview, o: int) -> tuple[tuple[int], int]:
    _t7 = _S9.unpack_from(d, o)
    a_file = _t7[0]
    o += 4
    return (a_file, ), o


def _w_GetFile(r: ubik_version) -> bytes:
    b = bytearray()
    b += _S1.pack(*_f_ubik_version(r))
    return bytes(b)


def _o_SendFile(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_SendFile(data: bytes) -> None:
    return decode_all(_o_SendFile, data, 'DISK_SendFile reply')


def _i_SendFile(d: bytes | memoryview, o: int) -> tuple[tuple[int, int, ubik_version], int]:
    _t8 = _S8.unpack_from(d, o)
    a_file = _t8[0]
    a_length = _t8[1]
    a_Version = _b_ubik_version(_t8[2:4])
    o += 16
    return (a_file, a_length, a_Version, ), o


def _w_SendFile(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_Abort(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_Abort(data: bytes) -> None:
    return decode_all(_o_Abort, data, 'DISK_Abort reply')


def _i_Abort(d: bytes | memoryview, o: int) -> tuple[tuple[ubik_tid], int]:
    _t9 = _S1.unpack_from(d, o)
    a_tid = _b_ubik_tid(_t9)
    o += 8
    return (a_tid, ), o


def _w_Abort(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_ReleaseLocks(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_ReleaseLocks(data: bytes) -> None:
    return decode_all(_o_ReleaseLocks, data, 'DISK_ReleaseLocks reply')


def _i_ReleaseLocks(d: bytes | memoryview, o: int) -> tuple[tuple[ubik_tid], int]:
    _t10 = _S1.unpack_from(d, o)
    a_tid = _b_ubik_tid(_t10)
    o += 8
    return (a_tid, ), o


def _w_ReleaseLocks(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_Truncate(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_Truncate(data: bytes) -> None:
    return decode_all(_o_Truncate, data, 'DISK_Truncate reply')


def _i_Truncate(d: bytes | memoryview, o: int) -> tuple[tuple[ubik_tid, int, int], int]:
    _t11 = _S8.unpack_from(d, o)
    a_tid = _b_ubik_tid(_t11[0:2])
    a_file = _t11[2]
    a_length = _t11[3]
    o += 16
    return (a_tid, a_file, a_length, ), o


def _w_Truncate(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_Probe(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_Probe(data: bytes) -> None:
    return decode_all(_o_Probe, data, 'DISK_Probe reply')


def _i_Probe(d: bytes | memoryview, o: int) -> tuple[tuple[()], int]:
    return (), o


def _w_Probe(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_WriteV(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_WriteV(data: bytes) -> None:
    return decode_all(_o_WriteV, data, 'DISK_WriteV reply')


def _i_WriteV(d: bytes | memoryview, o: int) -> tuple[tuple[ubik_tid, Sequence[ubik_iovec], bytes], int]:
    _t12 = _S1.unpack_from(d, o)
    a_tid = _b_ubik_tid(_t12)
    o += 8
    _n13, o = count_decode(d, o, 64, 'DISK_WriteV.io_vector')
    need(d, o, _n13 * 12, 'DISK_WriteV.io_vector')
    a_io_vector = tuple([_b_ubik_iovec(_t14) for _t14 in _S0.iter_unpack(d[o:o + _n13 * 12])])
    o += _n13 * 12
    a_io_buffer, o = opaque_decode(d, o, 65536, 'DISK_WriteV.io_buffer')
    return (a_tid, a_io_vector, a_io_buffer, ), o


def _w_WriteV(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_UpdateInterfaceAddr(d: bytes | memoryview, o: int) -> tuple[UbikInterfaceAddr, int]:
    _t15 = _S6.unpack_from(d, o)
    r_outAddr = _b_UbikInterfaceAddr(_t15)
    o += 1024
    return r_outAddr, o


def _r_UpdateInterfaceAddr(data: bytes) -> UbikInterfaceAddr:
    return decode_all(_o_UpdateInterfaceAddr, data, 'DISK_UpdateInterfaceAddr reply')


def _i_UpdateInterfaceAddr(d: bytes | memoryview, o: int) -> tuple[tuple[UbikInterfaceAddr], int]:
    _t16 = _S6.unpack_from(d, o)
    a_inAddr = _b_UbikInterfaceAddr(_t16)
    o += 1024
    return (a_inAddr, ), o


def _w_UpdateInterfaceAddr(r: UbikInterfaceAddr) -> bytes:
    b = bytearray()
    b += _S6.pack(*_f_UbikInterfaceAddr(r))
    return bytes(b)


def _o_SetVersion(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_SetVersion(data: bytes) -> None:
    return decode_all(_o_SetVersion, data, 'DISK_SetVersion reply')


def _i_SetVersion(d: bytes | memoryview, o: int) -> tuple[tuple[ubik_tid, ubik_version, ubik_version], int]:
    _t17 = _S7.unpack_from(d, o)
    a_tid = _b_ubik_tid(_t17[0:2])
    a_OldVersion = _b_ubik_version(_t17[2:4])
    a_NewVersion = _b_ubik_version(_t17[4:6])
    o += 24
    return (a_tid, a_OldVersion, a_NewVersion, ), o


def _w_SetVersion(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


class Client(_rpc.Client):
    """Calls the DISK_ procedures on a server."""

    SERVICE_ID = 51

    async def Begin(self, tid: ubik_tid) -> None:
        """DISK_Begin (opcode 20000, ubik_disk.xg:17). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00N ')
        try:
            b += _S1.pack(*_f_ubik_tid(tid))
        except struct.error as exc:
            raise encode_error(exc, 'DISK_Begin') from None
        return await self._invoke('DISK_Begin', bytes(b), _r_Begin)

    async def Commit(self, tid: ubik_tid) -> None:
        """DISK_Commit (opcode 20001, ubik_disk.xg:19). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00N!')
        try:
            b += _S1.pack(*_f_ubik_tid(tid))
        except struct.error as exc:
            raise encode_error(exc, 'DISK_Commit') from None
        return await self._invoke('DISK_Commit', bytes(b), _r_Commit)

    async def Lock(self, tid: ubik_tid, file: int, position: int, length: int, type: int) -> None:
        """DISK_Lock (opcode 20002, ubik_disk.xg:21). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00N"')
        try:
            b += _S7.pack(*_f_ubik_tid(tid), file, position, length, type)
        except struct.error as exc:
            raise encode_error(exc, 'DISK_Lock') from None
        return await self._invoke('DISK_Lock', bytes(b), _r_Lock)

    async def Write(self, tid: ubik_tid, file: int, position: int, data: bytes) -> None:
        """DISK_Write (opcode 20003, ubik_disk.xg:24). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00N#')
        try:
            b += _S8.pack(*_f_ubik_tid(tid), file, position)
            opaque_encode(b, data, 20000, 'DISK_Write.data')
        except struct.error as exc:
            raise encode_error(exc, 'DISK_Write') from None
        return await self._invoke('DISK_Write', bytes(b), _r_Write)

    async def GetVersion(self) -> ubik_version:
        """DISK_GetVersion (opcode 20004, ubik_disk.xg:27). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00N$')
        return await self._invoke('DISK_GetVersion', bytes(b), _r_GetVersion)

    def GetFile(self, file: int) -> SplitCall[ubik_version]:
        """DISK_GetFile (opcode 20005, ubik_disk.xg:31).

        Use with ``async with``: entering sends the arguments; stream the
        data, then ``await stream.finish()`` returns the OUT values.
        """
        b = bytearray(b'\x00\x00N%')
        try:
            b += _S9.pack(file)
        except struct.error as exc:
            raise encode_error(exc, 'DISK_GetFile') from None
        return self._split('DISK_GetFile', bytes(b), _r_GetFile)

    def SendFile(self, file: int, length: int, Version: ubik_version) -> SplitCall[None]:
        """DISK_SendFile (opcode 20006, ubik_disk.xg:34).

        Use with ``async with``: entering sends the arguments; stream the
        data, then ``await stream.finish()`` returns the OUT values.
        """
        b = bytearray(b'\x00\x00N&')
        try:
            b += _S8.pack(file, length, *_f_ubik_version(Version))
        except struct.error as exc:
            raise encode_error(exc, 'DISK_SendFile') from None
        return self._split('DISK_SendFile', bytes(b), _r_SendFile)

    async def Abort(self, tid: ubik_tid) -> None:
        """DISK_Abort (opcode 20007, ubik_disk.xg:37). Cancellation aborts the call."""
        b = bytearray(b"\x00\x00N'")
        try:
            b += _S1.pack(*_f_ubik_tid(tid))
        except struct.error as exc:
            raise encode_error(exc, 'DISK_Abort') from None
        return await self._invoke('DISK_Abort', bytes(b), _r_Abort)

    async def ReleaseLocks(self, tid: ubik_tid) -> None:
        """DISK_ReleaseLocks (opcode 20008, ubik_disk.xg:39). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00N(')
        try:
            b += _S1.pack(*_f_ubik_tid(tid))
        except struct.error as exc:
            raise encode_error(exc, 'DISK_ReleaseLocks') from None
        return await self._invoke('DISK_ReleaseLocks', bytes(b), _r_ReleaseLocks)

    async def Truncate(self, tid: ubik_tid, file: int, length: int) -> None:
        """DISK_Truncate (opcode 20009, ubik_disk.xg:41). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00N)')
        try:
            b += _S8.pack(*_f_ubik_tid(tid), file, length)
        except struct.error as exc:
            raise encode_error(exc, 'DISK_Truncate') from None
        return await self._invoke('DISK_Truncate', bytes(b), _r_Truncate)

    async def Probe(self) -> None:
        """DISK_Probe (opcode 20010, ubik_disk.xg:43). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00N*')
        return await self._invoke('DISK_Probe', bytes(b), _r_Probe)

    async def WriteV(self, tid: ubik_tid, io_vector: Sequence[ubik_iovec], io_buffer: bytes) -> None:
        """DISK_WriteV (opcode 20011, ubik_disk.xg:46). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00N+')
        try:
            b += _S1.pack(*_f_ubik_tid(tid))
            _n18 = counted(io_vector, 64, 'DISK_WriteV.io_vector')
            b += U32.pack(_n18)
            for _x19 in io_vector:
                b += _S0.pack(*_f_ubik_iovec(_x19))
            opaque_encode(b, io_buffer, 65536, 'DISK_WriteV.io_buffer')
        except struct.error as exc:
            raise encode_error(exc, 'DISK_WriteV') from None
        return await self._invoke('DISK_WriteV', bytes(b), _r_WriteV)

    async def UpdateInterfaceAddr(self, inAddr: UbikInterfaceAddr) -> UbikInterfaceAddr:
        """DISK_UpdateInterfaceAddr (opcode 20012, ubik_disk.xg:50). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00N,')
        try:
            b += _S6.pack(*_f_UbikInterfaceAddr(inAddr))
        except struct.error as exc:
            raise encode_error(exc, 'DISK_UpdateInterfaceAddr') from None
        return await self._invoke('DISK_UpdateInterfaceAddr', bytes(b), _r_UpdateInterfaceAddr)

    async def SetVersion(self, tid: ubik_tid, OldVersion: ubik_version, NewVersion: ubik_version) -> None:
        """DISK_SetVersion (opcode 20013, ubik_disk.xg:53). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00N-')
        try:
            b += _S7.pack(*_f_ubik_tid(tid), *_f_ubik_version(OldVersion), *_f_ubik_version(NewVersion))
        except struct.error as exc:
            raise encode_error(exc, 'DISK_SetVersion') from None
        return await self._invoke('DISK_SetVersion', bytes(b), _r_SetVersion)


class Service(_rpc.Service):
    """Serves the DISK_ procedures: subclass and override."""

    SERVICE_ID = 51
    PROCEDURES: ClassVar[dict[int, Procedure]] = {20000: Procedure('Begin', 20000, False, _i_Begin, _w_Begin), 20001: Procedure('Commit', 20001, False, _i_Commit, _w_Commit), 20002: Procedure('Lock', 20002, False, _i_Lock, _w_Lock), 20003: Procedure('Write', 20003, False, _i_Write, _w_Write), 20004: Procedure('GetVersion', 20004, False, _i_GetVersion, _w_GetVersion), 20005: Procedure('GetFile', 20005, True, _i_GetFile, _w_GetFile), 20006: Procedure('SendFile', 20006, True, _i_SendFile, _w_SendFile), 20007: Procedure('Abort', 20007, False, _i_Abort, _w_Abort), 20008: Procedure('ReleaseLocks', 20008, False, _i_ReleaseLocks, _w_ReleaseLocks), 20009: Procedure('Truncate', 20009, False, _i_Truncate, _w_Truncate), 20010: Procedure('Probe', 20010, False, _i_Probe, _w_Probe), 20011: Procedure('WriteV', 20011, False, _i_WriteV, _w_WriteV), 20012: Procedure('UpdateInterfaceAddr', 20012, False, _i_UpdateInterfaceAddr, _w_UpdateInterfaceAddr), 20013: Procedure('SetVersion', 20013, False, _i_SetVersion, _w_SetVersion)}

    async def Begin(self, call: Call, tid: ubik_tid) -> None:
        """DISK_Begin (opcode 20000): override to implement."""
        raise NotImplementedError

    async def Commit(self, call: Call, tid: ubik_tid) -> None:
        """DISK_Commit (opcode 20001): override to implement."""
        raise NotImplementedError

    async def Lock(self, call: Call, tid: ubik_tid, file: int, position: int, length: int, type: int) -> None:
        """DISK_Lock (opcode 20002): override to implement."""
        raise NotImplementedError

    async def Write(self, call: Call, tid: ubik_tid, file: int, position: int, data: bytes) -> None:
        """DISK_Write (opcode 20003): override to implement."""
        raise NotImplementedError

    async def GetVersion(self, call: Call) -> ubik_version:
        """DISK_GetVersion (opcode 20004): override to implement."""
        raise NotImplementedError

    async def GetFile(self, stream: SplitStream, file: int) -> ubik_version:
        """DISK_GetFile (opcode 20005): override to implement."""
        raise NotImplementedError

    async def SendFile(self, stream: SplitStream, file: int, length: int, Version: ubik_version) -> None:
        """DISK_SendFile (opcode 20006): override to implement."""
        raise NotImplementedError

    async def Abort(self, call: Call, tid: ubik_tid) -> None:
        """DISK_Abort (opcode 20007): override to implement."""
        raise NotImplementedError

    async def ReleaseLocks(self, call: Call, tid: ubik_tid) -> None:
        """DISK_ReleaseLocks (opcode 20008): override to implement."""
        raise NotImplementedError

    async def Truncate(self, call: Call, tid: ubik_tid, file: int, length: int) -> None:
        """DISK_Truncate (opcode 20009): override to implement."""
        raise NotImplementedError

    async def Probe(self, call: Call) -> None:
        """DISK_Probe (opcode 20010): override to implement."""
        raise NotImplementedError

    async def WriteV(self, call: Call, tid: ubik_tid, io_vector: Sequence[ubik_iovec], io_buffer: bytes) -> None:
        """DISK_WriteV (opcode 20011): override to implement."""
        raise NotImplementedError

    async def UpdateInterfaceAddr(self, call: Call, inAddr: UbikInterfaceAddr) -> UbikInterfaceAddr:
        """DISK_UpdateInterfaceAddr (opcode 20012): override to implement."""
        raise NotImplementedError

    async def SetVersion(self, call: Call, tid: ubik_tid, OldVersion: ubik_version, NewVersion: ubik_version) -> None:
        """DISK_SetVersion (opcode 20013): override to implement."""
        raise NotImplementedError


OPCODES: Final[dict[str, int]] = {'Begin': 20000, 'Commit': 20001, 'Lock': 20002, 'Write': 20003, 'GetVersion': 20004, 'GetFile': 20005, 'SendFile': 20006, 'Abort': 20007, 'ReleaseLocks': 20008, 'Truncate': 20009, 'Probe': 20010, 'WriteV': 20011, 'UpdateInterfaceAddr': 20012, 'SetVersion': 20013}
"""Every procedure's opcode, by name."""
