"""How OpenAFS's ``pts`` reads its NAME_OR_ID arguments and decodes what the ptserver says.

The protection library (OpenAFS ``ptuser.c``) and ``pts.c`` have rules of their own, kept
here so the commands print what ``pts`` prints:

* an argument is a name if the ptserver knows it as one; otherwise, if it reads as a
  number (decimal, octal with a leading ``0``, hex with ``0x``, an optional ``-``), it is an
  ID; otherwise a name after all (which then fails to resolve, and is reported);
* names are lowercased (ASCII only) before they are looked up;
* the names come first, in order, then the IDs, in order;
* a name of 64 bytes or more is refused (``PRNAMETOOLONG``), on the way out and on the way in;
* unknown names resolve to the anonymous ID (32766), which the commands skip.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Final

import attrs

from ..._errors import RxRPCError
from ..errors import PRNAMETOOLONG, PRNOENT
from ._comerr import PTS_TABLES, com_err, error_code

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..pt import Client

ANONYMOUSID: Final = 32766
SYSADMINID: Final = -204
PRUSERS: Final = 0x1
PRGROUPS: Final = 0x2
RXGEN_OPCODE: Final = -455

ADMINISTRATORS: Final = "system:administrators"
WHOAMI: Final = "pts"

_UPPER: Final = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_LOWER_TABLE: Final = str.maketrans(_UPPER, _UPPER.lower())
_ID_HASH_SIZE: Final = 1024


class PtsError(Exception):
    """A failure already decoded to the code ``pts`` would have got."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def complain(code: int, text: str) -> None:
    """Print one of pts's error lines on stderr."""
    print(com_err(WHOAMI, code, text, PTS_TABLES), file=sys.stderr)


def warn(text: str) -> None:
    """Print a line pts writes on stderr without a code (``fprintf(stderr, ...)``)."""
    print(text, file=sys.stderr)


def lower(name: str) -> str:
    """``name`` with ASCII capitals lowercased, as the C library does in the C locale."""
    return name.translate(_LOWER_TABLE)


def too_long(name: str) -> bool:
    """Whether ``name`` does not fit a ``prname`` (64 bytes with its NUL)."""
    return len(name.encode("utf-8", "surrogateescape")) >= 64


def parse_int32(text: str) -> int | None:
    """``text`` as OpenAFS's ``util_GetInt32`` reads it, or ``None`` if it is not a number.

    Leading blanks, a ``-``, then hex (``0x``), octal (``0``) or decimal digits; the result
    wraps to 32 bits as the C arithmetic does.  (An empty number reads as 0.)
    """
    rest = text.lstrip(" \t")
    negative = rest.startswith("-")
    if negative:
        rest = rest[1:]
    base = 10
    if rest.startswith("0"):
        rest = rest[1:]
        base = 8
        if rest[:1] in ("x", "X"):
            rest = rest[1:]
            base = 16
    digits = "0123456789abcdefABCDEF"[: {8: 8, 10: 10, 16: 22}[base]]
    total = 0
    for char in rest:
        if char not in digits:
            return None
        total = total * base + int(char, 16)
    if negative:
        total = -total
    total &= 0xFFFFFFFF
    return total - (1 << 32) if total & 0x80000000 else total


def checked(names: Sequence[str]) -> list[str]:
    """Names from the server, refused as the library refuses an unterminated one."""
    for name in names:
        if too_long(name):
            raise PtsError(PRNAMETOOLONG.code)
    return list(names)


async def name_to_ids(client: Client, names: Sequence[str]) -> list[int]:
    """``pr_NameToId``: the IDs of ``names`` (lowercased first).

    Raises:
        PtsError: a name is too long, or the call failed.
    """
    lowered = []
    for name in names:
        if too_long(name):
            raise PtsError(PRNAMETOOLONG.code)
        lowered.append(lower(name))
    try:
        return list(await client.NameToID(lowered))
    except RxRPCError as exc:
        raise PtsError(error_code(exc)) from exc


async def id_to_names(client: Client, ids: Sequence[int]) -> list[str]:
    """``pr_IdToName``: the names of ``ids`` (unknown IDs come back as their number).

    Raises:
        PtsError: the call failed, or the server sent a name that is too long.
    """
    try:
        names = await client.IDToName(list(ids))
    except RxRPCError as exc:
        raise PtsError(error_code(exc)) from exc
    return checked(names)


@attrs.frozen
class Named:
    """One user or group: its ID and its name."""

    id: int
    name: str


async def resolve(client: Client, items: Sequence[str]) -> list[Named] | None:
    """``GetNameOrId``: the entries the arguments name, names first, then IDs.

    Unknown names are reported on stderr and come back with the anonymous ID (the commands
    skip those).  Returns ``None`` when nothing could be looked up at all: the command then
    fails (pts returns PRBADARG, so exits 1), having said why.
    """
    names: list[str] = []
    ids: list[int] = []
    for item in items:
        try:
            known = (await name_to_ids(client, [item]))[0] != ANONYMOUSID
        except (PtsError, IndexError):
            known = False
        number = None if known else parse_int32(item)
        if number is None:
            names.append(item)
        else:
            ids.append(number)

    found: list[Named] = []
    good = 0
    failed = False
    try:
        name_ids = await name_to_ids(client, names)
    except PtsError as exc:
        complain(exc.code, "so couldn't look up names")
        failed = True
    else:
        for name, found_id in zip((lower(n) for n in names), name_ids, strict=False):
            if found_id == ANONYMOUSID:
                complain(PRNOENT.code, f"so couldn't look up id for {name}")
            else:
                good += 1
            found.append(Named(found_id, name))
    if not failed:
        try:
            id_names = await id_to_names(client, ids)
        except PtsError as exc:
            complain(exc.code, "translating ids")
            failed = True
        else:
            good += 1
            found.extend(Named(i, n) for i, n in zip(ids, id_names, strict=False))
    if failed or good == 0:
        return None
    return found


async def is_administrator(client: Client, name: str) -> bool:
    """Whether ``name`` is in system:administrators (errors count as no, as in pts)."""
    try:
        uid, gid = await name_to_ids(client, [name, ADMINISTRATORS])
        return bool(await client.IsAMemberOf(uid, gid))
    except (PtsError, RxRPCError, ValueError):
        return False


async def list_elements(client: Client, gid: int) -> list[int]:
    """``PR_ListElements``: members of a group, or the groups a user is in."""
    try:
        result = await client.ListElements(gid)
    except RxRPCError as exc:
        raise PtsError(error_code(exc)) from exc
    if result.over:
        warn(f"membership list for id {gid} exceeds display limit")
    return list(result.elist)


async def list_supergroups(client: Client, gid: int, *, quiet_opcode: bool = False,
                           what: str = "supergroup") -> list[int]:
    """``PR_ListSuperGroups``: the groups a group is in.

    With ``quiet_opcode``, a server without supergroups (RXGEN_OPCODE) gives an empty list.
    """
    try:
        result = await client.ListSuperGroups(gid)
    except RxRPCError as exc:
        code = error_code(exc)
        if quiet_opcode and code == RXGEN_OPCODE:
            return []
        raise PtsError(code) from exc
    if result.over:
        warn(f"{what} list for id {gid} exceeds display limit")
    return list(result.elist)


async def expanded_members(client: Client, aid: int) -> list[Named]:
    """``pr_IDListExpandedMembers``: a group's users through nested groups, or a user's
    groups through supergroups, in the order pts prints them.

    pts collects the IDs in a hash table of 1024 chains (index ``abs(id) % 1024``, each chain
    newest first) and lists them chain by chain; this does the same.

    Raises:
        PtsError: a call failed.
    """
    chains: list[list[int]] = [[] for _ in range(_ID_HASH_SIZE)]
    seen: set[int] = set()
    stack = [aid]
    first = True
    while stack:
        gid = stack.pop()
        if first or aid < 0:
            first = False
            elements = await list_elements(client, gid)
        else:
            elements = await list_supergroups(client, gid, quiet_opcode=True,
                                              what="membership")
        for member in elements:
            if member in seen:
                continue
            seen.add(member)
            chains[abs(member) % _ID_HASH_SIZE].insert(0, member)
            if member < 0:
                stack.append(member)
    want_groups = aid >= 0
    ids = [i for chain in chains for i in chain if (i < 0) == want_groups]
    if not ids:
        return []
    names = await id_to_names(client, ids)
    return [Named(i, n) for i, n in zip(ids, names, strict=False)]


async def named(client: Client, ids: Sequence[int]) -> list[Named]:
    """``ids`` with their names (``pr_IdToName``).

    Raises:
        PtsError: the call failed.
    """
    names = await id_to_names(client, ids)
    return [Named(i, n) for i, n in zip(ids, names, strict=False)]


def access_flags(flags: int) -> str:
    """The five privacy letters ``pts examine`` shows (``S----``, ``SOMar``...).

    From the lowest bits up: r (1 bit), a (2), m (2), O (1), s (2); a two-bit field is 1 for
    the lowercase letter, 2 for the capital, 3 for ``X``.
    """
    upper, lower_ = "SOMA ", "s mar"
    widths = (2, 1, 2, 2, 1)
    letters = [""] * 5
    for j in range(4, -1, -1):
        value = flags & (1 if widths[j] == 1 else 3)
        if value == 0:
            letter = "-"
        elif value == 1:
            letter = upper[j] if lower_[j] == " " else lower_[j]
        elif value == 2:
            letter = upper[j]
        else:
            letter = "X"
        letters[j] = letter
        flags >>= widths[j]
    return "".join(letters)
