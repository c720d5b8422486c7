"""The VOTE interface, generated from ubik.xg: written by trio-rxrpc rxgen.

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

PACKAGE: Final = 'VOTE_'
STATINDEX: Final = 11
SERVICE_ID: Final = 50

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
_S8 = struct.Struct('>i')
_S9 = struct.Struct('>iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii')
_S10 = struct.Struct('>iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii')


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


def _o_Beacon(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_Beacon(data: bytes) -> None:
    return decode_all(_o_Beacon, data, 'VOTE_Beacon reply')


def _i_Beacon(d: bytes | memoryview, o: int) -> tuple[tuple[int, int, ubik_version, ubik_tid], int]:
    _t1 = _S7.unpack_from(d, o)
    a_state = _t1[0]
    a_voteStart = _t1[1]
    a_Version = _b_ubik_version(_t1[2:4])
    a_tid = _b_ubik_tid(_t1[4:6])
    o += 24
    return (a_state, a_voteStart, a_Version, a_tid, ), o


def _w_Beacon(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_DebugOld(d: bytes | memoryview, o: int) -> tuple[ubik_debug_old, int]:
    _t2 = _S4.unpack_from(d, o)
    r_db = _b_ubik_debug_old(_t2)
    o += 112
    return r_db, o


def _r_DebugOld(data: bytes) -> ubik_debug_old:
    return decode_all(_o_DebugOld, data, 'VOTE_DebugOld reply')


def _i_DebugOld(d: bytes | memoryview, o: int) -> tuple[tuple[()], int]:
    return (), o


def _w_DebugOld(r: ubik_debug_old) -> bytes:
    b = bytearray()
    b += _S4.pack(*_f_ubik_debug_old(r))
    return bytes(b)


def _o_SDebugOld(d: bytes | memoryview, o: int) -> tuple[ubik_sdebug_old, int]:
    _t3 = _S5.unpack_from(d, o)
    r_db = _b_ubik_sdebug_old(_t3)
    o += 36
    return r_db, o


def _r_SDebugOld(data: bytes) -> ubik_sdebug_old:
    return decode_all(_o_SDebugOld, data, 'VOTE_SDebugOld reply')


def _i_SDebugOld(d: bytes | memoryview, o: int) -> tuple[tuple[int], int]:
    _t4 = _S8.unpack_from(d, o)
    a_which = _t4[0]
    o += 4
    return (a_which, ), o


def _w_SDebugOld(r: ubik_sdebug_old) -> bytes:
    b = bytearray()
    b += _S5.pack(*_f_ubik_sdebug_old(r))
    return bytes(b)


def _o_GetSyncSite(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_GetSyncSite(data: bytes) -> None:
    return decode_all(_o_GetSyncSite, data, 'VOTE_GetSyncSite reply')


def _i_GetSyncSite(d: bytes | memoryview, o: int) -> tuple[tuple[int], int]:
    _t5 = _S8.unpack_from(d, o)
    a_site = _t5[0]
    o += 4
    return (a_site, ), o


def _w_GetSyncSite(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_Debug(d: bytes | memoryview, o: int) -> tuple[ubik_debug, int]:
    _t6 = _S2.unpack_from(d, o)
    r_db = _b_ubik_debug(_t6)
    o += 1136
    return r_db, o


def _r_Debug(data: bytes) -> ubik_debug:
    return decode_all(_o_Debug, data, 'VOTE_Debug reply')


def _i_Debug(d: bytes | memoryview, o: int) -> tuple[tuple[()], int]:
    return (), o


def _w_Debug(r: ubik_debug) -> bytes:
    b = bytearray()
    b += _S2.pack(*_f_ubik_debug(r))
    return bytes(b)


def _o_SDebug(d: bytes | memoryview, o: int) -> tuple[ubik_sdebug, int]:
    _t7 = _S3.unpack_from(d, o)
    r_db = _b_ubik_sdebug(_t7)
    o += 1056
    return r_db, o


def _r_SDebug(data: bytes) -> ubik_sdebug:
    return decode_all(_o_SDebug, data, 'VOTE_SDebug reply')


def _i_SDebug(d: bytes | memoryview, o: int) -> tuple[tuple[int], int]:
    _t8 = _S8.unpack_from(d, o)
    a_which = _t8[0]
    o += 4
    return (a_which, ), o


def _w_SDebug(r: ubik_sdebug) -> bytes:
    b = bytearray()
    b += _S3.pack(*_f_ubik_sdebug(r))
    return bytes(b)


class XDebugResult(NamedTuple):
    """The OUT values of VOTE_XDebug."""

    db: ubik_debug
    isClone: int


def _o_XDebug(d: bytes | memoryview, o: int) -> tuple[XDebugResult, int]:
    _t9 = _S9.unpack_from(d, o)
    r_db = _b_ubik_debug(_t9[0:284])
    r_isClone = _t9[284]
    o += 1140
    return XDebugResult(r_db, r_isClone), o


def _r_XDebug(data: bytes) -> XDebugResult:
    return decode_all(_o_XDebug, data, 'VOTE_XDebug reply')


def _i_XDebug(d: bytes | memoryview, o: int) -> tuple[tuple[()], int]:
    return (), o


def _w_XDebug(r: XDebugResult) -> bytes:
    b = bytearray()
    b += _S9.pack(*_f_ubik_debug(r[0]), r[1])
    return bytes(b)


class XSDebugResult(NamedTuple):
    """The OUT values of VOTE_XSDebug."""

    db: ubik_sdebug
    isClone: int


def _o_XSDebug(d: bytes | memoryview, o: int) -> tuple[XSDebugResult, int]:
    _t10 = _S10.unpack_from(d, o)
    r_db = _b_ubik_sdebug(_t10[0:264])
    r_isClone = _t10[264]
    o += 1060
    return XSDebugResult(r_db, r_isClone), o


def _r_XSDebug(data: bytes) -> XSDebugResult:
    return decode_all(_o_XSDebug, data, 'VOTE_XSDebug reply')


def _i_XSDebug(d: bytes | memoryview, o: int) -> tuple[tuple[int], int]:
    _t11 = _S8.unpack_from(d, o)
    a_which = _t11[0]
    o += 4
    return (a_which, ), o


def _w_XSDebug(r: XSDebugResult) -> bytes:
    b = bytearray()
    b += _S10.pack(*_f_ubik_sdebug(r[0]), r[1])
    return bytes(b)


class Client(_rpc.Client):
    """Calls the VOTE_ procedures on a server."""

    SERVICE_ID = 50

    async def Beacon(self, state: int, voteStart: int, Version: ubik_version, tid: ubik_tid) -> None:
        """VOTE_Beacon (opcode 10000, ubik.xg:21). Cancellation aborts the call."""
        b = bytearray(b"\x00\x00'\x10")
        try:
            b += _S7.pack(state, voteStart, *_f_ubik_version(Version), *_f_ubik_tid(tid))
        except struct.error as exc:
            raise encode_error(exc, 'VOTE_Beacon') from None
        return await self._invoke('VOTE_Beacon', bytes(b), _r_Beacon)

    async def DebugOld(self) -> ubik_debug_old:
        """VOTE_DebugOld (opcode 10001, ubik.xg:24). Cancellation aborts the call."""
        b = bytearray(b"\x00\x00'\x11")
        return await self._invoke('VOTE_DebugOld', bytes(b), _r_DebugOld)

    async def SDebugOld(self, which: int) -> ubik_sdebug_old:
        """VOTE_SDebugOld (opcode 10002, ubik.xg:26). Cancellation aborts the call."""
        b = bytearray(b"\x00\x00'\x12")
        try:
            b += _S8.pack(which)
        except struct.error as exc:
            raise encode_error(exc, 'VOTE_SDebugOld') from None
        return await self._invoke('VOTE_SDebugOld', bytes(b), _r_SDebugOld)

    async def GetSyncSite(self, site: int) -> None:
        """VOTE_GetSyncSite (opcode 10003, ubik.xg:33). Cancellation aborts the call."""
        b = bytearray(b"\x00\x00'\x13")
        try:
            b += _S8.pack(site)
        except struct.error as exc:
            raise encode_error(exc, 'VOTE_GetSyncSite') from None
        return await self._invoke('VOTE_GetSyncSite', bytes(b), _r_GetSyncSite)

    async def Debug(self) -> ubik_debug:
        """VOTE_Debug (opcode 10004, ubik.xg:35). Cancellation aborts the call."""
        b = bytearray(b"\x00\x00'\x14")
        return await self._invoke('VOTE_Debug', bytes(b), _r_Debug)

    async def SDebug(self, which: int) -> ubik_sdebug:
        """VOTE_SDebug (opcode 10005, ubik.xg:38). Cancellation aborts the call."""
        b = bytearray(b"\x00\x00'\x15")
        try:
            b += _S8.pack(which)
        except struct.error as exc:
            raise encode_error(exc, 'VOTE_SDebug') from None
        return await self._invoke('VOTE_SDebug', bytes(b), _r_SDebug)

    async def XDebug(self) -> XDebugResult:
        """VOTE_XDebug (opcode 10006, ubik.xg:41). Cancellation aborts the call."""
        b = bytearray(b"\x00\x00'\x16")
        return await self._invoke('VOTE_XDebug', bytes(b), _r_XDebug)

    async def XSDebug(self, which: int) -> XSDebugResult:
        """VOTE_XSDebug (opcode 10007, ubik.xg:43). Cancellation aborts the call."""
        b = bytearray(b"\x00\x00'\x17")
        try:
            b += _S8.pack(which)
        except struct.error as exc:
            raise encode_error(exc, 'VOTE_XSDebug') from None
        return await self._invoke('VOTE_XSDebug', bytes(b), _r_XSDebug)


class Service(_rpc.Service):
    """Serves the VOTE_ procedures: subclass and override."""

    SERVICE_ID = 50
    PROCEDURES: ClassVar[dict[int, Procedure]] = {10000: Procedure('Beacon', 10000, False, _i_Beacon, _w_Beacon), 10001: Procedure('DebugOld', 10001, False, _i_DebugOld, _w_DebugOld), 10002: Procedure('SDebugOld', 10002, False, _i_SDebugOld, _w_SDebugOld), 10003: Procedure('GetSyncSite', 10003, False, _i_GetSyncSite, _w_GetSyncSite), 10004: Procedure('Debug', 10004, False, _i_Debug, _w_Debug), 10005: Procedure('SDebug', 10005, False, _i_SDebug, _w_SDebug), 10006: Procedure('XDebug', 10006, False, _i_XDebug, _w_XDebug), 10007: Procedure('XSDebug', 10007, False, _i_XSDebug, _w_XSDebug)}

    async def Beacon(self, call: Call, state: int, voteStart: int, Version: ubik_version, tid: ubik_tid) -> None:
        """VOTE_Beacon (opcode 10000): override to implement."""
        raise NotImplementedError

    async def DebugOld(self, call: Call) -> ubik_debug_old:
        """VOTE_DebugOld (opcode 10001): override to implement."""
        raise NotImplementedError

    async def SDebugOld(self, call: Call, which: int) -> ubik_sdebug_old:
        """VOTE_SDebugOld (opcode 10002): override to implement."""
        raise NotImplementedError

    async def GetSyncSite(self, call: Call, site: int) -> None:
        """VOTE_GetSyncSite (opcode 10003): override to implement."""
        raise NotImplementedError

    async def Debug(self, call: Call) -> ubik_debug:
        """VOTE_Debug (opcode 10004): override to implement."""
        raise NotImplementedError

    async def SDebug(self, call: Call, which: int) -> ubik_sdebug:
        """VOTE_SDebug (opcode 10005): override to implement."""
        raise NotImplementedError

    async def XDebug(self, call: Call) -> XDebugResult:
        """VOTE_XDebug (opcode 10006): override to implement."""
        raise NotImplementedError

    async def XSDebug(self, call: Call, which: int) -> XSDebugResult:
        """VOTE_XSDebug (opcode 10007): override to implement."""
        raise NotImplementedError


OPCODES: Final[dict[str, int]] = {'Beacon': 10000, 'DebugOld': 10001, 'SDebugOld': 10002, 'GetSyncSite': 10003, 'Debug': 10004, 'SDebug': 10005, 'XDebug': 10006, 'XSDebug': 10007}
"""Every procedure's opcode, by name."""
