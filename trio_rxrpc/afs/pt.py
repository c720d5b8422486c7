"""The PR interface, generated from pt.xg: written by trio-rxrpc rxgen.

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

PACKAGE: Final = 'PR_'
STATINDEX: Final = 8
SERVICE_ID: Final = 73

PRSUCCESS: Final = 0
PR_MAXNAMELEN: Final = 64
PR_MAXGROUPS: Final = 5000
PR_MAXLIST: Final = 5000
PRSIZE: Final = 10
COSIZE: Final = 39
PRUPDATE_NAME: Final = 1
PRUPDATE_ID: Final = 2
PRUPDATE_FLAGS: Final = 4
PRUPDATE_NAMEHASH: Final = 8
PRUPDATE_IDHASH: Final = 16
PR_SF_ALLBITS: Final = 255
PR_SF_NGROUPS: Final = 2147483648
PR_SF_NUSERS: Final = 1073741824
OPENAFS_MAXPRLIST: Final = 500000


@attrs.frozen
class prdebugentry:
    """``struct prdebugentry`` (pt.xg:26)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('flags', 'id', 'cellid', 'next', 'reserved', 'entries', 'nextID', 'nextname', 'owner', 'creator', 'ngroups', 'nusers', 'count', 'instance', 'owned', 'nextOwned', 'parent', 'sibling', 'child', 'name',)

    flags: int = 0
    id: int = 0
    cellid: int = 0
    next: int = 0
    reserved: Sequence[int] = (0,) * 5
    entries: Sequence[int] = (0,) * 10
    nextID: int = 0
    nextname: int = 0
    owner: int = 0
    creator: int = 0
    ngroups: int = 0
    nusers: int = 0
    count: int = 0
    instance: int = 0
    owned: int = 0
    nextOwned: int = 0
    parent: int = 0
    sibling: int = 0
    child: int = 0
    name: str = ""

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_prdebugentry, self, 'prdebugentry')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> prdebugentry:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_prdebugentry, data, 'prdebugentry')


@attrs.frozen
class prcheckentry:
    """``struct prcheckentry`` (pt.xg:50)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('flags', 'id', 'owner', 'creator', 'ngroups', 'nusers', 'count', 'reserved', 'name',)

    flags: int = 0
    id: int = 0
    owner: int = 0
    creator: int = 0
    ngroups: int = 0
    nusers: int = 0
    count: int = 0
    reserved: Sequence[int] = (0,) * 5
    name: str = ""

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_prcheckentry, self, 'prcheckentry')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> prcheckentry:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_prcheckentry, data, 'prcheckentry')


@attrs.frozen
class prlistentries:
    """``struct prlistentries`` (pt.xg:63)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('flags', 'id', 'owner', 'creator', 'ngroups', 'nusers', 'count', 'reserved', 'name',)

    flags: int = 0
    id: int = 0
    owner: int = 0
    creator: int = 0
    ngroups: int = 0
    nusers: int = 0
    count: int = 0
    reserved: Sequence[int] = (0,) * 5
    name: str = ""

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_prlistentries, self, 'prlistentries')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> prlistentries:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_prlistentries, data, 'prlistentries')


@attrs.frozen
class PrUpdateEntry:
    """``struct PrUpdateEntry`` (pt.xg:76)."""

    __xdr_fields__: ClassVar[tuple[str, ...]] = ('Mask', 'flags', 'id', 'owner', 'creator', 'ngroups', 'nusers', 'count', 'reserved', 'name',)

    Mask: int = 0
    flags: int = 0
    id: int = 0
    owner: int = 0
    creator: int = 0
    ngroups: int = 0
    nusers: int = 0
    count: int = 0
    reserved: Sequence[int] = (0,) * 5
    name: str = ""

    def encode(self) -> bytes:
        """This value as XDR; raises TypeError or XDRError (a ValueError)."""
        return encode_value(_e_PrUpdateEntry, self, 'PrUpdateEntry')

    @classmethod
    def decode(cls, data: bytes | bytearray | memoryview) -> PrUpdateEntry:
        """Decode one whole value; raises XDRError (a ValueError) if malformed."""
        return decode_all(_d_PrUpdateEntry, data, 'PrUpdateEntry')


prname: TypeAlias = 'str'

namelist: TypeAlias = 'Sequence[str]'

idlist: TypeAlias = 'Sequence[int]'

prlist: TypeAlias = 'Sequence[int]'

prentries: TypeAlias = 'Sequence[prlistentries]'

_S0 = struct.Struct('>iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii256s')
_S1 = struct.Struct('>iiiiiiiiiiii256s')
_S2 = struct.Struct('>Iiiiiiiiiiiii256s')
_S3 = struct.Struct('>ii')
_S4 = struct.Struct('>i')
_S5 = struct.Struct('>256s')
_S6 = struct.Struct('>iiiiiii')


def _b_prdebugentry(t: tuple[int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, int, bytes]) -> prdebugentry:
    return prdebugentry(t[0], t[1], t[2], t[3], t[4:9], t[9:19], t[19], t[20], t[21], t[22], t[23], t[24], t[25], t[26], t[27], t[28], t[29], t[30], t[31], cstr_decode(t[32]))


def _f_prdebugentry(v: prdebugentry) -> tuple[object, ...]:
    return (v.flags, v.id, v.cellid, v.next, *fixed(v.reserved, 5, 'prdebugentry.reserved'), *fixed(v.entries, 10, 'prdebugentry.entries'), v.nextID, v.nextname, v.owner, v.creator, v.ngroups, v.nusers, v.count, v.instance, v.owned, v.nextOwned, v.parent, v.sibling, v.child, cstr_encode(v.name, 64, 'prdebugentry.name'),)


def _d_prdebugentry(d: bytes | memoryview, o: int) -> tuple[prdebugentry, int]:
    return _b_prdebugentry(_S0.unpack_from(d, o)), o + 384


def _e_prdebugentry(b: bytearray, v: prdebugentry) -> None:
    b += _S0.pack(*_f_prdebugentry(v))


def _b_prcheckentry(t: tuple[int, int, int, int, int, int, int, int, int, int, int, int, bytes]) -> prcheckentry:
    return prcheckentry(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7:12], cstr_decode(t[12]))


def _f_prcheckentry(v: prcheckentry) -> tuple[object, ...]:
    return (v.flags, v.id, v.owner, v.creator, v.ngroups, v.nusers, v.count, *fixed(v.reserved, 5, 'prcheckentry.reserved'), cstr_encode(v.name, 64, 'prcheckentry.name'),)


def _d_prcheckentry(d: bytes | memoryview, o: int) -> tuple[prcheckentry, int]:
    return _b_prcheckentry(_S1.unpack_from(d, o)), o + 304


def _e_prcheckentry(b: bytearray, v: prcheckentry) -> None:
    b += _S1.pack(*_f_prcheckentry(v))


def _b_prlistentries(t: tuple[int, int, int, int, int, int, int, int, int, int, int, int, bytes]) -> prlistentries:
    return prlistentries(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7:12], cstr_decode(t[12]))


def _f_prlistentries(v: prlistentries) -> tuple[object, ...]:
    return (v.flags, v.id, v.owner, v.creator, v.ngroups, v.nusers, v.count, *fixed(v.reserved, 5, 'prlistentries.reserved'), cstr_encode(v.name, 64, 'prlistentries.name'),)


def _d_prlistentries(d: bytes | memoryview, o: int) -> tuple[prlistentries, int]:
    return _b_prlistentries(_S1.unpack_from(d, o)), o + 304


def _e_prlistentries(b: bytearray, v: prlistentries) -> None:
    b += _S1.pack(*_f_prlistentries(v))


def _b_PrUpdateEntry(t: tuple[int, int, int, int, int, int, int, int, int, int, int, int, int, bytes]) -> PrUpdateEntry:
    return PrUpdateEntry(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8:13], cstr_decode(t[13]))


def _f_PrUpdateEntry(v: PrUpdateEntry) -> tuple[object, ...]:
    return (v.Mask, v.flags, v.id, v.owner, v.creator, v.ngroups, v.nusers, v.count, *fixed(v.reserved, 5, 'PrUpdateEntry.reserved'), cstr_encode(v.name, 64, 'PrUpdateEntry.name'),)


def _d_PrUpdateEntry(d: bytes | memoryview, o: int) -> tuple[PrUpdateEntry, int]:
    return _b_PrUpdateEntry(_S2.unpack_from(d, o)), o + 308


def _e_PrUpdateEntry(b: bytearray, v: PrUpdateEntry) -> None:
    b += _S2.pack(*_f_PrUpdateEntry(v))


def _o_INewEntry(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_INewEntry(data: bytes) -> None:
    return decode_all(_o_INewEntry, data, 'PR_INewEntry reply')


def _i_INewEntry(d: bytes | memoryview, o: int) -> tuple[tuple[str, int, int], int]:
    a_name, o = string_decode(d, o, 64, 'PR_INewEntry.name')
    _t1 = _S3.unpack_from(d, o)
    a_id = _t1[0]
    a_oid = _t1[1]
    o += 8
    return (a_name, a_id, a_oid, ), o


def _w_INewEntry(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_WhereIsIt(d: bytes | memoryview, o: int) -> tuple[int, int]:
    _t2 = _S4.unpack_from(d, o)
    r_ps = _t2[0]
    o += 4
    return r_ps, o


def _r_WhereIsIt(data: bytes) -> int:
    return decode_all(_o_WhereIsIt, data, 'PR_WhereIsIt reply')


def _i_WhereIsIt(d: bytes | memoryview, o: int) -> tuple[tuple[int], int]:
    _t3 = _S4.unpack_from(d, o)
    a_id = _t3[0]
    o += 4
    return (a_id, ), o


def _w_WhereIsIt(r: int) -> bytes:
    b = bytearray()
    b += _S4.pack(r)
    return bytes(b)


def _o_DumpEntry(d: bytes | memoryview, o: int) -> tuple[prdebugentry, int]:
    _t4 = _S0.unpack_from(d, o)
    r_entry = _b_prdebugentry(_t4)
    o += 384
    return r_entry, o


def _r_DumpEntry(data: bytes) -> prdebugentry:
    return decode_all(_o_DumpEntry, data, 'PR_DumpEntry reply')


def _i_DumpEntry(d: bytes | memoryview, o: int) -> tuple[tuple[int], int]:
    _t5 = _S4.unpack_from(d, o)
    a_pos = _t5[0]
    o += 4
    return (a_pos, ), o


def _w_DumpEntry(r: prdebugentry) -> bytes:
    b = bytearray()
    b += _S0.pack(*_f_prdebugentry(r))
    return bytes(b)


def _o_AddToGroup(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_AddToGroup(data: bytes) -> None:
    return decode_all(_o_AddToGroup, data, 'PR_AddToGroup reply')


def _i_AddToGroup(d: bytes | memoryview, o: int) -> tuple[tuple[int, int], int]:
    _t6 = _S3.unpack_from(d, o)
    a_uid = _t6[0]
    a_gid = _t6[1]
    o += 8
    return (a_uid, a_gid, ), o


def _w_AddToGroup(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_NameToID(d: bytes | memoryview, o: int) -> tuple[Sequence[int], int]:
    _n7, o = count_decode(d, o, 500000, 'PR_NameToID.ilist')
    need(d, o, _n7 * 4, 'PR_NameToID.ilist')
    r_ilist = words('i', _n7).unpack_from(d, o)
    o += _n7 * 4
    return r_ilist, o


def _r_NameToID(data: bytes) -> Sequence[int]:
    return decode_all(_o_NameToID, data, 'PR_NameToID reply')


def _i_NameToID(d: bytes | memoryview, o: int) -> tuple[tuple[Sequence[str]], int]:
    _n8, o = count_decode(d, o, 500000, 'PR_NameToID.nlist')
    need(d, o, _n8 * 256, 'PR_NameToID.nlist')
    a_nlist = tuple([cstr_decode(_t9[0]) for _t9 in _S5.iter_unpack(d[o:o + _n8 * 256])])
    o += _n8 * 256
    return (a_nlist, ), o


def _w_NameToID(r: Sequence[int]) -> bytes:
    b = bytearray()
    _n10 = counted(r, 500000, 'PR_NameToID.ilist')
    b += U32.pack(_n10)
    b += words('i', _n10).pack(*r)
    return bytes(b)


def _o_IDToName(d: bytes | memoryview, o: int) -> tuple[Sequence[str], int]:
    _n11, o = count_decode(d, o, 500000, 'PR_IDToName.nlist')
    need(d, o, _n11 * 256, 'PR_IDToName.nlist')
    r_nlist = tuple([cstr_decode(_t12[0]) for _t12 in _S5.iter_unpack(d[o:o + _n11 * 256])])
    o += _n11 * 256
    return r_nlist, o


def _r_IDToName(data: bytes) -> Sequence[str]:
    return decode_all(_o_IDToName, data, 'PR_IDToName reply')


def _i_IDToName(d: bytes | memoryview, o: int) -> tuple[tuple[Sequence[int]], int]:
    _n13, o = count_decode(d, o, 500000, 'PR_IDToName.ilist')
    need(d, o, _n13 * 4, 'PR_IDToName.ilist')
    a_ilist = words('i', _n13).unpack_from(d, o)
    o += _n13 * 4
    return (a_ilist, ), o


def _w_IDToName(r: Sequence[str]) -> bytes:
    b = bytearray()
    _n14 = counted(r, 500000, 'PR_IDToName.nlist')
    b += U32.pack(_n14)
    for _x15 in r:
        b += _S5.pack(cstr_encode(_x15, 64, 'PR_IDToName.nlist'))
    return bytes(b)


def _o_Delete(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_Delete(data: bytes) -> None:
    return decode_all(_o_Delete, data, 'PR_Delete reply')


def _i_Delete(d: bytes | memoryview, o: int) -> tuple[tuple[int], int]:
    _t16 = _S4.unpack_from(d, o)
    a_id = _t16[0]
    o += 4
    return (a_id, ), o


def _w_Delete(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_RemoveFromGroup(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_RemoveFromGroup(data: bytes) -> None:
    return decode_all(_o_RemoveFromGroup, data, 'PR_RemoveFromGroup reply')


def _i_RemoveFromGroup(d: bytes | memoryview, o: int) -> tuple[tuple[int, int], int]:
    _t17 = _S3.unpack_from(d, o)
    a_id = _t17[0]
    a_gid = _t17[1]
    o += 8
    return (a_id, a_gid, ), o


def _w_RemoveFromGroup(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


class GetCPSResult(NamedTuple):
    """The OUT values of PR_GetCPS."""

    elist: Sequence[int]
    over: int


def _o_GetCPS(d: bytes | memoryview, o: int) -> tuple[GetCPSResult, int]:
    _n18, o = count_decode(d, o, 500000, 'PR_GetCPS.elist')
    need(d, o, _n18 * 4, 'PR_GetCPS.elist')
    r_elist = words('i', _n18).unpack_from(d, o)
    o += _n18 * 4
    _t19 = _S4.unpack_from(d, o)
    r_over = _t19[0]
    o += 4
    return GetCPSResult(r_elist, r_over), o


def _r_GetCPS(data: bytes) -> GetCPSResult:
    return decode_all(_o_GetCPS, data, 'PR_GetCPS reply')


def _i_GetCPS(d: bytes | memoryview, o: int) -> tuple[tuple[int], int]:
    _t20 = _S4.unpack_from(d, o)
    a_id = _t20[0]
    o += 4
    return (a_id, ), o


def _w_GetCPS(r: GetCPSResult) -> bytes:
    b = bytearray()
    _n21 = counted(r[0], 500000, 'PR_GetCPS.elist')
    b += U32.pack(_n21)
    b += words('i', _n21).pack(*r[0])
    b += _S4.pack(r[1])
    return bytes(b)


def _o_NewEntry(d: bytes | memoryview, o: int) -> tuple[int, int]:
    _t22 = _S4.unpack_from(d, o)
    r_id = _t22[0]
    o += 4
    return r_id, o


def _r_NewEntry(data: bytes) -> int:
    return decode_all(_o_NewEntry, data, 'PR_NewEntry reply')


def _i_NewEntry(d: bytes | memoryview, o: int) -> tuple[tuple[str, int, int], int]:
    a_name, o = string_decode(d, o, 64, 'PR_NewEntry.name')
    _t23 = _S3.unpack_from(d, o)
    a_flag = _t23[0]
    a_oid = _t23[1]
    o += 8
    return (a_name, a_flag, a_oid, ), o


def _w_NewEntry(r: int) -> bytes:
    b = bytearray()
    b += _S4.pack(r)
    return bytes(b)


class ListMaxResult(NamedTuple):
    """The OUT values of PR_ListMax."""

    uid: int
    gid: int


def _o_ListMax(d: bytes | memoryview, o: int) -> tuple[ListMaxResult, int]:
    _t24 = _S3.unpack_from(d, o)
    r_uid = _t24[0]
    r_gid = _t24[1]
    o += 8
    return ListMaxResult(r_uid, r_gid), o


def _r_ListMax(data: bytes) -> ListMaxResult:
    return decode_all(_o_ListMax, data, 'PR_ListMax reply')


def _i_ListMax(d: bytes | memoryview, o: int) -> tuple[tuple[()], int]:
    return (), o


def _w_ListMax(r: ListMaxResult) -> bytes:
    b = bytearray()
    b += _S3.pack(r[0], r[1])
    return bytes(b)


def _o_SetMax(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_SetMax(data: bytes) -> None:
    return decode_all(_o_SetMax, data, 'PR_SetMax reply')


def _i_SetMax(d: bytes | memoryview, o: int) -> tuple[tuple[int, int], int]:
    _t25 = _S3.unpack_from(d, o)
    a_id = _t25[0]
    a_gflag = _t25[1]
    o += 8
    return (a_id, a_gflag, ), o


def _w_SetMax(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


def _o_ListEntry(d: bytes | memoryview, o: int) -> tuple[prcheckentry, int]:
    _t26 = _S1.unpack_from(d, o)
    r_entry = _b_prcheckentry(_t26)
    o += 304
    return r_entry, o


def _r_ListEntry(data: bytes) -> prcheckentry:
    return decode_all(_o_ListEntry, data, 'PR_ListEntry reply')


def _i_ListEntry(d: bytes | memoryview, o: int) -> tuple[tuple[int], int]:
    _t27 = _S4.unpack_from(d, o)
    a_id = _t27[0]
    o += 4
    return (a_id, ), o


def _w_ListEntry(r: prcheckentry) -> bytes:
    b = bytearray()
    b += _S1.pack(*_f_prcheckentry(r))
    return bytes(b)


def _o_ChangeEntry(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_ChangeEntry(data: bytes) -> None:
    return decode_all(_o_ChangeEntry, data, 'PR_ChangeEntry reply')


def _i_ChangeEntry(d: bytes | memoryview, o: int) -> tuple[tuple[int, str, int, int], int]:
    _t28 = _S4.unpack_from(d, o)
    a_id = _t28[0]
    o += 4
    a_name, o = string_decode(d, o, 64, 'PR_ChangeEntry.name')
    _t29 = _S3.unpack_from(d, o)
    a_oid = _t29[0]
    a_newid = _t29[1]
    o += 8
    return (a_id, a_name, a_oid, a_newid, ), o


def _w_ChangeEntry(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


class ListElementsResult(NamedTuple):
    """The OUT values of PR_ListElements."""

    elist: Sequence[int]
    over: int


def _o_ListElements(d: bytes | memoryview, o: int) -> tuple[ListElementsResult, int]:
    _n30, o = count_decode(d, o, 500000, 'PR_ListElements.elist')
    need(d, o, _n30 * 4, 'PR_ListElements.elist')
    r_elist = words('i', _n30).unpack_from(d, o)
    o += _n30 * 4
    _t31 = _S4.unpack_from(d, o)
    r_over = _t31[0]
    o += 4
    return ListElementsResult(r_elist, r_over), o


def _r_ListElements(data: bytes) -> ListElementsResult:
    return decode_all(_o_ListElements, data, 'PR_ListElements reply')


def _i_ListElements(d: bytes | memoryview, o: int) -> tuple[tuple[int], int]:
    _t32 = _S4.unpack_from(d, o)
    a_id = _t32[0]
    o += 4
    return (a_id, ), o


def _w_ListElements(r: ListElementsResult) -> bytes:
    b = bytearray()
    _n33 = counted(r[0], 500000, 'PR_ListElements.elist')
    b += U32.pack(_n33)
    b += words('i', _n33).pack(*r[0])
    b += _S4.pack(r[1])
    return bytes(b)


def _o_IsAMemberOf(d: bytes | memoryview, o: int) -> tuple[int, int]:
    _t34 = _S4.unpack_from(d, o)
    r_flag = _t34[0]
    o += 4
    return r_flag, o


def _r_IsAMemberOf(data: bytes) -> int:
    return decode_all(_o_IsAMemberOf, data, 'PR_IsAMemberOf reply')


def _i_IsAMemberOf(d: bytes | memoryview, o: int) -> tuple[tuple[int, int], int]:
    _t35 = _S3.unpack_from(d, o)
    a_uid = _t35[0]
    a_gid = _t35[1]
    o += 8
    return (a_uid, a_gid, ), o


def _w_IsAMemberOf(r: int) -> bytes:
    b = bytearray()
    b += _S4.pack(r)
    return bytes(b)


def _o_SetFieldsEntry(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_SetFieldsEntry(data: bytes) -> None:
    return decode_all(_o_SetFieldsEntry, data, 'PR_SetFieldsEntry reply')


def _i_SetFieldsEntry(d: bytes | memoryview, o: int) -> tuple[tuple[int, int, int, int, int, int, int], int]:
    _t36 = _S6.unpack_from(d, o)
    a_id = _t36[0]
    a_mask = _t36[1]
    a_flags = _t36[2]
    a_ngroups = _t36[3]
    a_nusers = _t36[4]
    a_spare1 = _t36[5]
    a_spare2 = _t36[6]
    o += 28
    return (a_id, a_mask, a_flags, a_ngroups, a_nusers, a_spare1, a_spare2, ), o


def _w_SetFieldsEntry(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


class ListOwnedResult(NamedTuple):
    """The OUT values of PR_ListOwned."""

    elist: Sequence[int]
    lastp: int


def _o_ListOwned(d: bytes | memoryview, o: int) -> tuple[ListOwnedResult, int]:
    _n37, o = count_decode(d, o, 500000, 'PR_ListOwned.elist')
    need(d, o, _n37 * 4, 'PR_ListOwned.elist')
    r_elist = words('i', _n37).unpack_from(d, o)
    o += _n37 * 4
    _t38 = _S4.unpack_from(d, o)
    r_lastp = _t38[0]
    o += 4
    return ListOwnedResult(r_elist, r_lastp), o


def _r_ListOwned(data: bytes) -> ListOwnedResult:
    return decode_all(_o_ListOwned, data, 'PR_ListOwned reply')


def _i_ListOwned(d: bytes | memoryview, o: int) -> tuple[tuple[int, int], int]:
    _t39 = _S3.unpack_from(d, o)
    a_id = _t39[0]
    a_lastp = _t39[1]
    o += 8
    return (a_id, a_lastp, ), o


def _w_ListOwned(r: ListOwnedResult) -> bytes:
    b = bytearray()
    _n40 = counted(r[0], 500000, 'PR_ListOwned.elist')
    b += U32.pack(_n40)
    b += words('i', _n40).pack(*r[0])
    b += _S4.pack(r[1])
    return bytes(b)


class GetCPS2Result(NamedTuple):
    """The OUT values of PR_GetCPS2."""

    elist: Sequence[int]
    over: int


def _o_GetCPS2(d: bytes | memoryview, o: int) -> tuple[GetCPS2Result, int]:
    _n41, o = count_decode(d, o, 500000, 'PR_GetCPS2.elist')
    need(d, o, _n41 * 4, 'PR_GetCPS2.elist')
    r_elist = words('i', _n41).unpack_from(d, o)
    o += _n41 * 4
    _t42 = _S4.unpack_from(d, o)
    r_over = _t42[0]
    o += 4
    return GetCPS2Result(r_elist, r_over), o


def _r_GetCPS2(data: bytes) -> GetCPS2Result:
    return decode_all(_o_GetCPS2, data, 'PR_GetCPS2 reply')


def _i_GetCPS2(d: bytes | memoryview, o: int) -> tuple[tuple[int, int], int]:
    _t43 = _S3.unpack_from(d, o)
    a_id = _t43[0]
    a_host = _t43[1]
    o += 8
    return (a_id, a_host, ), o


def _w_GetCPS2(r: GetCPS2Result) -> bytes:
    b = bytearray()
    _n44 = counted(r[0], 500000, 'PR_GetCPS2.elist')
    b += U32.pack(_n44)
    b += words('i', _n44).pack(*r[0])
    b += _S4.pack(r[1])
    return bytes(b)


class GetHostCPSResult(NamedTuple):
    """The OUT values of PR_GetHostCPS."""

    elist: Sequence[int]
    over: int


def _o_GetHostCPS(d: bytes | memoryview, o: int) -> tuple[GetHostCPSResult, int]:
    _n45, o = count_decode(d, o, 500000, 'PR_GetHostCPS.elist')
    need(d, o, _n45 * 4, 'PR_GetHostCPS.elist')
    r_elist = words('i', _n45).unpack_from(d, o)
    o += _n45 * 4
    _t46 = _S4.unpack_from(d, o)
    r_over = _t46[0]
    o += 4
    return GetHostCPSResult(r_elist, r_over), o


def _r_GetHostCPS(data: bytes) -> GetHostCPSResult:
    return decode_all(_o_GetHostCPS, data, 'PR_GetHostCPS reply')


def _i_GetHostCPS(d: bytes | memoryview, o: int) -> tuple[tuple[int], int]:
    _t47 = _S4.unpack_from(d, o)
    a_host = _t47[0]
    o += 4
    return (a_host, ), o


def _w_GetHostCPS(r: GetHostCPSResult) -> bytes:
    b = bytearray()
    _n48 = counted(r[0], 500000, 'PR_GetHostCPS.elist')
    b += U32.pack(_n48)
    b += words('i', _n48).pack(*r[0])
    b += _S4.pack(r[1])
    return bytes(b)


def _o_UpdateEntry(d: bytes | memoryview, o: int) -> tuple[None, int]:
    return None, o


def _r_UpdateEntry(data: bytes) -> None:
    return decode_all(_o_UpdateEntry, data, 'PR_UpdateEntry reply')


def _i_UpdateEntry(d: bytes | memoryview, o: int) -> tuple[tuple[int, str, PrUpdateEntry], int]:
    _t49 = _S4.unpack_from(d, o)
    a_id = _t49[0]
    o += 4
    a_name, o = string_decode(d, o, 64, 'PR_UpdateEntry.name')
    _t50 = _S2.unpack_from(d, o)
    a_uentry = _b_PrUpdateEntry(_t50)
    o += 308
    return (a_id, a_name, a_uentry, ), o


def _w_UpdateEntry(r: None) -> bytes:
    b = bytearray()
    return bytes(b)


class ListEntriesResult(NamedTuple):
    """The OUT values of PR_ListEntries."""

    bulkentries: Sequence[prlistentries]
    nextstartindex: int


def _o_ListEntries(d: bytes | memoryview, o: int) -> tuple[ListEntriesResult, int]:
    _n51, o = count_decode(d, o, 500000, 'PR_ListEntries.bulkentries')
    need(d, o, _n51 * 304, 'PR_ListEntries.bulkentries')
    r_bulkentries = tuple([_b_prlistentries(_t52) for _t52 in _S1.iter_unpack(d[o:o + _n51 * 304])])
    o += _n51 * 304
    _t53 = _S4.unpack_from(d, o)
    r_nextstartindex = _t53[0]
    o += 4
    return ListEntriesResult(r_bulkentries, r_nextstartindex), o


def _r_ListEntries(data: bytes) -> ListEntriesResult:
    return decode_all(_o_ListEntries, data, 'PR_ListEntries reply')


def _i_ListEntries(d: bytes | memoryview, o: int) -> tuple[tuple[int, int], int]:
    _t54 = _S3.unpack_from(d, o)
    a_flags = _t54[0]
    a_startindex = _t54[1]
    o += 8
    return (a_flags, a_startindex, ), o


def _w_ListEntries(r: ListEntriesResult) -> bytes:
    b = bytearray()
    _n55 = counted(r[0], 500000, 'PR_ListEntries.bulkentries')
    b += U32.pack(_n55)
    for _x56 in r[0]:
        b += _S1.pack(*_f_prlistentries(_x56))
    b += _S4.pack(r[1])
    return bytes(b)


class ListSuperGroupsResult(NamedTuple):
    """The OUT values of PR_ListSuperGroups."""

    elist: Sequence[int]
    over: int


def _o_ListSuperGroups(d: bytes | memoryview, o: int) -> tuple[ListSuperGroupsResult, int]:
    _n57, o = count_decode(d, o, 500000, 'PR_ListSuperGroups.elist')
    need(d, o, _n57 * 4, 'PR_ListSuperGroups.elist')
    r_elist = words('i', _n57).unpack_from(d, o)
    o += _n57 * 4
    _t58 = _S4.unpack_from(d, o)
    r_over = _t58[0]
    o += 4
    return ListSuperGroupsResult(r_elist, r_over), o


def _r_ListSuperGroups(data: bytes) -> ListSuperGroupsResult:
    return decode_all(_o_ListSuperGroups, data, 'PR_ListSuperGroups reply')


def _i_ListSuperGroups(d: bytes | memoryview, o: int) -> tuple[tuple[int], int]:
    _t59 = _S4.unpack_from(d, o)
    a_id = _t59[0]
    o += 4
    return (a_id, ), o


def _w_ListSuperGroups(r: ListSuperGroupsResult) -> bytes:
    b = bytearray()
    _n60 = counted(r[0], 500000, 'PR_ListSuperGroups.elist')
    b += U32.pack(_n60)
    b += words('i', _n60).pack(*r[0])
    b += _S4.pack(r[1])
    return bytes(b)


class Client(_rpc.Client):
    """Calls the PR_ procedures on a server."""

    SERVICE_ID = 73

    async def INewEntry(self, name: str, id: int, oid: int) -> None:
        """PR_INewEntry (opcode 500, pt.xg:113). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x01\xf4')
        try:
            string_encode(b, name, 64, 'PR_INewEntry.name')
            b += _S3.pack(id, oid)
        except struct.error as exc:
            raise encode_error(exc, 'PR_INewEntry') from None
        return await self._invoke('PR_INewEntry', bytes(b), _r_INewEntry)

    async def WhereIsIt(self, id: int) -> int:
        """PR_WhereIsIt (opcode 501, pt.xg:117). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x01\xf5')
        try:
            b += _S4.pack(id)
        except struct.error as exc:
            raise encode_error(exc, 'PR_WhereIsIt') from None
        return await self._invoke('PR_WhereIsIt', bytes(b), _r_WhereIsIt)

    async def DumpEntry(self, pos: int) -> prdebugentry:
        """PR_DumpEntry (opcode 502, pt.xg:119). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x01\xf6')
        try:
            b += _S4.pack(pos)
        except struct.error as exc:
            raise encode_error(exc, 'PR_DumpEntry') from None
        return await self._invoke('PR_DumpEntry', bytes(b), _r_DumpEntry)

    async def AddToGroup(self, uid: int, gid: int) -> None:
        """PR_AddToGroup (opcode 503, pt.xg:121). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x01\xf7')
        try:
            b += _S3.pack(uid, gid)
        except struct.error as exc:
            raise encode_error(exc, 'PR_AddToGroup') from None
        return await self._invoke('PR_AddToGroup', bytes(b), _r_AddToGroup)

    async def NameToID(self, nlist: Sequence[str]) -> Sequence[int]:
        """PR_NameToID (opcode 504, pt.xg:124). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x01\xf8')
        try:
            _n61 = counted(nlist, 500000, 'PR_NameToID.nlist')
            b += U32.pack(_n61)
            for _x62 in nlist:
                b += _S5.pack(cstr_encode(_x62, 64, 'PR_NameToID.nlist'))
        except struct.error as exc:
            raise encode_error(exc, 'PR_NameToID') from None
        return await self._invoke('PR_NameToID', bytes(b), _r_NameToID)

    async def IDToName(self, ilist: Sequence[int]) -> Sequence[str]:
        """PR_IDToName (opcode 505, pt.xg:126). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x01\xf9')
        try:
            _n63 = counted(ilist, 500000, 'PR_IDToName.ilist')
            b += U32.pack(_n63)
            b += words('i', _n63).pack(*ilist)
        except struct.error as exc:
            raise encode_error(exc, 'PR_IDToName') from None
        return await self._invoke('PR_IDToName', bytes(b), _r_IDToName)

    async def Delete(self, id: int) -> None:
        """PR_Delete (opcode 506, pt.xg:128). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x01\xfa')
        try:
            b += _S4.pack(id)
        except struct.error as exc:
            raise encode_error(exc, 'PR_Delete') from None
        return await self._invoke('PR_Delete', bytes(b), _r_Delete)

    async def RemoveFromGroup(self, id: int, gid: int) -> None:
        """PR_RemoveFromGroup (opcode 507, pt.xg:130). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x01\xfb')
        try:
            b += _S3.pack(id, gid)
        except struct.error as exc:
            raise encode_error(exc, 'PR_RemoveFromGroup') from None
        return await self._invoke('PR_RemoveFromGroup', bytes(b), _r_RemoveFromGroup)

    async def GetCPS(self, id: int) -> GetCPSResult:
        """PR_GetCPS (opcode 508, pt.xg:133). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x01\xfc')
        try:
            b += _S4.pack(id)
        except struct.error as exc:
            raise encode_error(exc, 'PR_GetCPS') from None
        return await self._invoke('PR_GetCPS', bytes(b), _r_GetCPS)

    async def NewEntry(self, name: str, flag: int, oid: int) -> int:
        """PR_NewEntry (opcode 509, pt.xg:136). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x01\xfd')
        try:
            string_encode(b, name, 64, 'PR_NewEntry.name')
            b += _S3.pack(flag, oid)
        except struct.error as exc:
            raise encode_error(exc, 'PR_NewEntry') from None
        return await self._invoke('PR_NewEntry', bytes(b), _r_NewEntry)

    async def ListMax(self) -> ListMaxResult:
        """PR_ListMax (opcode 510, pt.xg:140). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x01\xfe')
        return await self._invoke('PR_ListMax', bytes(b), _r_ListMax)

    async def SetMax(self, id: int, gflag: int) -> None:
        """PR_SetMax (opcode 511, pt.xg:142). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x01\xff')
        try:
            b += _S3.pack(id, gflag)
        except struct.error as exc:
            raise encode_error(exc, 'PR_SetMax') from None
        return await self._invoke('PR_SetMax', bytes(b), _r_SetMax)

    async def ListEntry(self, id: int) -> prcheckentry:
        """PR_ListEntry (opcode 512, pt.xg:144). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x02\x00')
        try:
            b += _S4.pack(id)
        except struct.error as exc:
            raise encode_error(exc, 'PR_ListEntry') from None
        return await self._invoke('PR_ListEntry', bytes(b), _r_ListEntry)

    async def ChangeEntry(self, id: int, name: str, oid: int, newid: int) -> None:
        """PR_ChangeEntry (opcode 513, pt.xg:147). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x02\x01')
        try:
            b += _S4.pack(id)
            string_encode(b, name, 64, 'PR_ChangeEntry.name')
            b += _S3.pack(oid, newid)
        except struct.error as exc:
            raise encode_error(exc, 'PR_ChangeEntry') from None
        return await self._invoke('PR_ChangeEntry', bytes(b), _r_ChangeEntry)

    async def ListElements(self, id: int) -> ListElementsResult:
        """PR_ListElements (opcode 514, pt.xg:150). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x02\x02')
        try:
            b += _S4.pack(id)
        except struct.error as exc:
            raise encode_error(exc, 'PR_ListElements') from None
        return await self._invoke('PR_ListElements', bytes(b), _r_ListElements)

    async def IsAMemberOf(self, uid: int, gid: int) -> int:
        """PR_IsAMemberOf (opcode 515, pt.xg:153). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x02\x03')
        try:
            b += _S3.pack(uid, gid)
        except struct.error as exc:
            raise encode_error(exc, 'PR_IsAMemberOf') from None
        return await self._invoke('PR_IsAMemberOf', bytes(b), _r_IsAMemberOf)

    async def SetFieldsEntry(self, id: int, mask: int, flags: int, ngroups: int, nusers: int, spare1: int, spare2: int) -> None:
        """PR_SetFieldsEntry (opcode 516, pt.xg:156). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x02\x04')
        try:
            b += _S6.pack(id, mask, flags, ngroups, nusers, spare1, spare2)
        except struct.error as exc:
            raise encode_error(exc, 'PR_SetFieldsEntry') from None
        return await self._invoke('PR_SetFieldsEntry', bytes(b), _r_SetFieldsEntry)

    async def ListOwned(self, id: int, lastp: int) -> ListOwnedResult:
        """PR_ListOwned (opcode 517, pt.xg:161). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x02\x05')
        try:
            b += _S3.pack(id, lastp)
        except struct.error as exc:
            raise encode_error(exc, 'PR_ListOwned') from None
        return await self._invoke('PR_ListOwned', bytes(b), _r_ListOwned)

    async def GetCPS2(self, id: int, host: int) -> GetCPS2Result:
        """PR_GetCPS2 (opcode 518, pt.xg:165). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x02\x06')
        try:
            b += _S3.pack(id, host)
        except struct.error as exc:
            raise encode_error(exc, 'PR_GetCPS2') from None
        return await self._invoke('PR_GetCPS2', bytes(b), _r_GetCPS2)

    async def GetHostCPS(self, host: int) -> GetHostCPSResult:
        """PR_GetHostCPS (opcode 519, pt.xg:168). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x02\x07')
        try:
            b += _S4.pack(host)
        except struct.error as exc:
            raise encode_error(exc, 'PR_GetHostCPS') from None
        return await self._invoke('PR_GetHostCPS', bytes(b), _r_GetHostCPS)

    async def UpdateEntry(self, id: int, name: str, uentry: PrUpdateEntry) -> None:
        """PR_UpdateEntry (opcode 520, pt.xg:171). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x02\x08')
        try:
            b += _S4.pack(id)
            string_encode(b, name, 64, 'PR_UpdateEntry.name')
            b += _S2.pack(*_f_PrUpdateEntry(uentry))
        except struct.error as exc:
            raise encode_error(exc, 'PR_UpdateEntry') from None
        return await self._invoke('PR_UpdateEntry', bytes(b), _r_UpdateEntry)

    async def ListEntries(self, flags: int, startindex: int) -> ListEntriesResult:
        """PR_ListEntries (opcode 521, pt.xg:175). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x02\t')
        try:
            b += _S3.pack(flags, startindex)
        except struct.error as exc:
            raise encode_error(exc, 'PR_ListEntries') from None
        return await self._invoke('PR_ListEntries', bytes(b), _r_ListEntries)

    async def ListSuperGroups(self, id: int) -> ListSuperGroupsResult:
        """PR_ListSuperGroups (opcode 530, pt.xg:180). Cancellation aborts the call."""
        b = bytearray(b'\x00\x00\x02\x12')
        try:
            b += _S4.pack(id)
        except struct.error as exc:
            raise encode_error(exc, 'PR_ListSuperGroups') from None
        return await self._invoke('PR_ListSuperGroups', bytes(b), _r_ListSuperGroups)


class Service(_rpc.Service):
    """Serves the PR_ procedures: subclass and override."""

    SERVICE_ID = 73
    PROCEDURES: ClassVar[dict[int, Procedure]] = {500: Procedure('INewEntry', 500, False, _i_INewEntry, _w_INewEntry), 501: Procedure('WhereIsIt', 501, False, _i_WhereIsIt, _w_WhereIsIt), 502: Procedure('DumpEntry', 502, False, _i_DumpEntry, _w_DumpEntry), 503: Procedure('AddToGroup', 503, False, _i_AddToGroup, _w_AddToGroup), 504: Procedure('NameToID', 504, False, _i_NameToID, _w_NameToID), 505: Procedure('IDToName', 505, False, _i_IDToName, _w_IDToName), 506: Procedure('Delete', 506, False, _i_Delete, _w_Delete), 507: Procedure('RemoveFromGroup', 507, False, _i_RemoveFromGroup, _w_RemoveFromGroup), 508: Procedure('GetCPS', 508, False, _i_GetCPS, _w_GetCPS), 509: Procedure('NewEntry', 509, False, _i_NewEntry, _w_NewEntry), 510: Procedure('ListMax', 510, False, _i_ListMax, _w_ListMax), 511: Procedure('SetMax', 511, False, _i_SetMax, _w_SetMax), 512: Procedure('ListEntry', 512, False, _i_ListEntry, _w_ListEntry), 513: Procedure('ChangeEntry', 513, False, _i_ChangeEntry, _w_ChangeEntry), 514: Procedure('ListElements', 514, False, _i_ListElements, _w_ListElements), 515: Procedure('IsAMemberOf', 515, False, _i_IsAMemberOf, _w_IsAMemberOf), 516: Procedure('SetFieldsEntry', 516, False, _i_SetFieldsEntry, _w_SetFieldsEntry), 517: Procedure('ListOwned', 517, False, _i_ListOwned, _w_ListOwned), 518: Procedure('GetCPS2', 518, False, _i_GetCPS2, _w_GetCPS2), 519: Procedure('GetHostCPS', 519, False, _i_GetHostCPS, _w_GetHostCPS), 520: Procedure('UpdateEntry', 520, False, _i_UpdateEntry, _w_UpdateEntry), 521: Procedure('ListEntries', 521, False, _i_ListEntries, _w_ListEntries), 530: Procedure('ListSuperGroups', 530, False, _i_ListSuperGroups, _w_ListSuperGroups)}

    async def INewEntry(self, call: Call, name: str, id: int, oid: int) -> None:
        """PR_INewEntry (opcode 500): override to implement."""
        raise NotImplementedError

    async def WhereIsIt(self, call: Call, id: int) -> int:
        """PR_WhereIsIt (opcode 501): override to implement."""
        raise NotImplementedError

    async def DumpEntry(self, call: Call, pos: int) -> prdebugentry:
        """PR_DumpEntry (opcode 502): override to implement."""
        raise NotImplementedError

    async def AddToGroup(self, call: Call, uid: int, gid: int) -> None:
        """PR_AddToGroup (opcode 503): override to implement."""
        raise NotImplementedError

    async def NameToID(self, call: Call, nlist: Sequence[str]) -> Sequence[int]:
        """PR_NameToID (opcode 504): override to implement."""
        raise NotImplementedError

    async def IDToName(self, call: Call, ilist: Sequence[int]) -> Sequence[str]:
        """PR_IDToName (opcode 505): override to implement."""
        raise NotImplementedError

    async def Delete(self, call: Call, id: int) -> None:
        """PR_Delete (opcode 506): override to implement."""
        raise NotImplementedError

    async def RemoveFromGroup(self, call: Call, id: int, gid: int) -> None:
        """PR_RemoveFromGroup (opcode 507): override to implement."""
        raise NotImplementedError

    async def GetCPS(self, call: Call, id: int) -> GetCPSResult:
        """PR_GetCPS (opcode 508): override to implement."""
        raise NotImplementedError

    async def NewEntry(self, call: Call, name: str, flag: int, oid: int) -> int:
        """PR_NewEntry (opcode 509): override to implement."""
        raise NotImplementedError

    async def ListMax(self, call: Call) -> ListMaxResult:
        """PR_ListMax (opcode 510): override to implement."""
        raise NotImplementedError

    async def SetMax(self, call: Call, id: int, gflag: int) -> None:
        """PR_SetMax (opcode 511): override to implement."""
        raise NotImplementedError

    async def ListEntry(self, call: Call, id: int) -> prcheckentry:
        """PR_ListEntry (opcode 512): override to implement."""
        raise NotImplementedError

    async def ChangeEntry(self, call: Call, id: int, name: str, oid: int, newid: int) -> None:
        """PR_ChangeEntry (opcode 513): override to implement."""
        raise NotImplementedError

    async def ListElements(self, call: Call, id: int) -> ListElementsResult:
        """PR_ListElements (opcode 514): override to implement."""
        raise NotImplementedError

    async def IsAMemberOf(self, call: Call, uid: int, gid: int) -> int:
        """PR_IsAMemberOf (opcode 515): override to implement."""
        raise NotImplementedError

    async def SetFieldsEntry(self, call: Call, id: int, mask: int, flags: int, ngroups: int, nusers: int, spare1: int, spare2: int) -> None:
        """PR_SetFieldsEntry (opcode 516): override to implement."""
        raise NotImplementedError

    async def ListOwned(self, call: Call, id: int, lastp: int) -> ListOwnedResult:
        """PR_ListOwned (opcode 517): override to implement."""
        raise NotImplementedError

    async def GetCPS2(self, call: Call, id: int, host: int) -> GetCPS2Result:
        """PR_GetCPS2 (opcode 518): override to implement."""
        raise NotImplementedError

    async def GetHostCPS(self, call: Call, host: int) -> GetHostCPSResult:
        """PR_GetHostCPS (opcode 519): override to implement."""
        raise NotImplementedError

    async def UpdateEntry(self, call: Call, id: int, name: str, uentry: PrUpdateEntry) -> None:
        """PR_UpdateEntry (opcode 520): override to implement."""
        raise NotImplementedError

    async def ListEntries(self, call: Call, flags: int, startindex: int) -> ListEntriesResult:
        """PR_ListEntries (opcode 521): override to implement."""
        raise NotImplementedError

    async def ListSuperGroups(self, call: Call, id: int) -> ListSuperGroupsResult:
        """PR_ListSuperGroups (opcode 530): override to implement."""
        raise NotImplementedError


OPCODES: Final[dict[str, int]] = {'INewEntry': 500, 'WhereIsIt': 501, 'DumpEntry': 502, 'AddToGroup': 503, 'NameToID': 504, 'IDToName': 505, 'Delete': 506, 'RemoveFromGroup': 507, 'GetCPS': 508, 'NewEntry': 509, 'ListMax': 510, 'SetMax': 511, 'ListEntry': 512, 'ChangeEntry': 513, 'ListElements': 514, 'IsAMemberOf': 515, 'SetFieldsEntry': 516, 'ListOwned': 517, 'GetCPS2': 518, 'GetHostCPS': 519, 'UpdateEntry': 520, 'ListEntries': 521, 'ListSuperGroups': 530}
"""Every procedure's opcode, by name."""
