"""``trio-rxrpc afs pts``: users, groups and memberships in the protection database.

``examine``, ``membership`` and ``listentries`` print what OpenAFS 1.8's ``pts`` prints for
the same data (stdout and the stderr lines alike), or JSON with ``--json``.  The credentials
follow ``pts``: ``-localauth`` uses the server's keys at rxkad level crypt, ``-noauth`` makes
unauthenticated calls, and without either ``pts`` looks for a token, finds none here and
says so before going on unauthenticated; ``-encrypt`` asks for a token at level crypt,
which pts then cannot build, so it fails the same way.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Final

from ..._cli import EXIT_FAILURE, EXIT_OK, EXIT_USAGE
from ..._errors import RxRPCError
from .. import pt
from . import add_common
from ._comerr import error_code
from ._ptslookup import (
    ANONYMOUSID,
    PRGROUPS,
    PRUSERS,
    RXGEN_OPCODE,
    SYSADMINID,
    Named,
    PtsError,
    access_flags,
    checked,
    complain,
    expanded_members,
    id_to_names,
    is_administrator,
    list_elements,
    list_supergroups,
    named,
    resolve,
)

if TYPE_CHECKING:
    import argparse

    from . import Context

TOOL: Final = "pts"
SUMMARY: Final = "the protection database: users, groups and their memberships (OpenAFS pts)"

NO_SECURITY_CLASS: Final = "unable to build security class"
"""OpenAFS's message for AFSCONF_NO_SECURITY_CLASS (no token to build rxkad from)."""


def configure(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add this tool's commands."""
    examine = subparsers.add_parser(
        "examine", aliases=["check"], help="show a user's or group's entry",
        description="Show each entry as 'pts examine' does: name, id, owner, creator, "
                    "membership count, privacy flags and group quota.")
    _names(examine)
    examine.set_defaults(handler=examine_command)

    membership = subparsers.add_parser(
        "membership", aliases=["groups"], help="list a group's members or a user's groups",
        description="For a group, list its members; for a user, the groups it belongs to.")
    _names(membership)
    membership.add_argument("-supergroups", action="store_true",
                            help="also list the groups each group belongs to")
    membership.add_argument("-expandgroups", action="store_true",
                            help="expand nested groups (members of member groups, "
                                 "or the supergroups of a user's groups)")
    membership.set_defaults(handler=membership_command)

    listentries = subparsers.add_parser(
        "listentries", help="list the users and/or groups of the database",
        description="List every user (the default), every group (-groups) or both.")
    listentries.add_argument("-users", action="store_true", help="list the users")
    listentries.add_argument("-groups", action="store_true", help="list the groups")
    listentries.set_defaults(handler=listentries_command)

    for parser in (examine, membership, listentries):
        add_common(parser, default_level="crypt")


def _names(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("names", nargs="*", metavar="NAME_OR_ID",
                        help="user or group names or ids")
    parser.add_argument("-nameorid", nargs="+", action="extend", default=[],
                        metavar="NAME_OR_ID", help="the same, as pts spells it")


def _items(args: argparse.Namespace) -> list[str] | None:
    items: list[str] = [*args.names, *args.nameorid]
    if not items:
        print(f"{TOOL} {args.command}: error: give at least one NAME_OR_ID", file=sys.stderr)
        return None
    return items


def _client(ctx: Context) -> pt.Client | None:
    """The ptserver client, or ``None`` (having said why, as pts does) for ``-encrypt``."""
    args = ctx.args
    if args.encrypt:
        # pts -encrypt wants the user's token at level crypt, even with -localauth.
        print(f"libprot: {NO_SECURITY_CLASS} (getting token)", file=sys.stderr)
        print(f"{TOOL}: {NO_SECURITY_CLASS} while initializing", file=sys.stderr)
        return None
    if not args.noauth and not args.localauth:
        print(f"libprot: {NO_SECURITY_CLASS} (getting token)", file=sys.stderr)
        print("libprot: Could not get afs tokens, running unauthenticated", file=sys.stderr)
    return pt.Client(ctx.socket, ctx.cell.pt_servers(deadline=args.timeout),
                     security=ctx.security)


def _entry_json(entry: pt.prcheckentry | pt.prlistentries) -> dict[str, object]:
    return {"name": entry.name, "id": entry.id, "flags": access_flags(entry.flags),
            "flags_value": entry.flags, "group_quota": entry.ngroups,
            "foreign_quota": entry.nusers, "membership": entry.count}


# ------------------------------------------------------------------------- examine


async def examine_command(ctx: Context, args: argparse.Namespace) -> int:
    """``pts examine``.  Cancellation abandons the calls under way."""
    items = _items(args)
    if items is None:
        return EXIT_USAGE
    client = _client(ctx)
    if client is None:
        return EXIT_FAILURE
    entries = await resolve(client, items)
    if entries is None:
        return EXIT_FAILURE
    status = EXIT_FAILURE  # pts's answer when every argument was skipped
    admin = False
    found: list[dict[str, object]] = []
    for item in entries:
        if item.id == ANONYMOUSID:
            continue
        status = EXIT_OK
        try:
            entry = await client.ListEntry(item.id)
            checked([entry.name])
        except (RxRPCError, PtsError) as exc:
            status = EXIT_FAILURE
            complain(_code(exc), f"; unable to find entry for (id: {item.id})")
            continue
        try:
            owner, creator = (await id_to_names(client, [entry.owner, entry.creator]))[:2]
        except (PtsError, ValueError) as exc:
            status = EXIT_FAILURE
            complain(_code(exc), f"translating owner ({entry.owner}) and creator "
                                 f"({entry.creator}) ids")
            continue
        this_admin = entry.id == SYSADMINID
        if not this_admin and (ctx.json or not admin):
            this_admin = await is_administrator(client, entry.name)
        # pts never clears its "admin" flag: once an entry showed an unlimited quota, every
        # later one in the same command does too.  The text keeps that; JSON says the truth.
        admin = admin or this_admin
        if ctx.json:
            found.append({**_entry_json(entry),
                          "owner": {"id": entry.owner, "name": owner},
                          "creator": {"id": entry.creator, "name": creator},
                          "administrator": this_admin})
            continue
        ctx.print(f"Name: {entry.name}, id: {entry.id}, owner: {owner}, creator: {creator},")
        quota = "unlimited" if admin else str(entry.ngroups)
        ctx.print(f"  membership: {entry.count}, flags: {access_flags(entry.flags)}, "
                  f"group quota: {quota}.")
    if ctx.json:
        ctx.emit_json(found)
    return status


def _code(exc: BaseException) -> int:
    return exc.code if isinstance(exc, PtsError) else error_code(exc)


# ---------------------------------------------------------------------- membership


async def membership_command(ctx: Context, args: argparse.Namespace) -> int:
    """``pts membership``.  Cancellation abandons the calls under way."""
    items = _items(args)
    if items is None:
        return EXIT_USAGE
    client = _client(ctx)
    if client is None:
        return EXIT_FAILURE
    entries = await resolve(client, items)
    if entries is None:
        return EXIT_FAILURE
    found: list[dict[str, object]] = []
    for item in entries:
        if item.id == ANONYMOUSID:
            continue
        try:
            if args.expandgroups:
                listed = await expanded_members(client, item.id)
            else:
                listed = await named(client, await list_elements(client, item.id))
        except PtsError as exc:
            complain(exc.code, f"; unable to get membership of {item.name} (id: {item.id})")
            continue
        record: dict[str, object] = {
            "name": item.name, "id": item.id, "expanded": bool(args.expandgroups),
            "members" if item.id < 0 else "groups": [_named_json(n) for n in listed]}
        found.append(record)
        if not ctx.json:
            heading = (f"Members of {item.name} (id: {item.id}) are:" if item.id < 0 else
                       f"Groups {item.name} (id: {item.id}) is a member of:")
            ctx.print(("Expanded " if args.expandgroups else "") + heading)
            for member in listed:
                ctx.print(f"  {member.name}")
        if args.supergroups and item.id < 0:
            supergroups = await _supergroups(client, item)
            if supergroups is None:
                continue
            record["groups"] = [_named_json(n) for n in supergroups]
            if not ctx.json:
                ctx.print(f"Groups {item.name} (id: {item.id}) is a member of:")
                for group in supergroups:
                    ctx.print(f"  {group.name}")
    if ctx.json:
        ctx.emit_json(found)
    return EXIT_OK


async def _supergroups(client: pt.Client, item: Named) -> list[Named] | None:
    try:
        return await named(client, await list_supergroups(client, item.id))
    except PtsError as exc:
        if exc.code != RXGEN_OPCODE:  # a server built without supergroups: nothing to say
            complain(exc.code, f"; unable to get supergroups of {item.name} (id: {item.id})")
        return None


def _named_json(item: Named) -> dict[str, object]:
    return {"id": item.id, "name": item.name}


# --------------------------------------------------------------------- listentries


async def listentries_command(ctx: Context, args: argparse.Namespace) -> int:
    """``pts listentries``.  Cancellation abandons the call under way."""
    client = _client(ctx)
    if client is None:
        return EXIT_FAILURE
    flags = PRGROUPS if args.groups else PRUSERS
    if args.users:
        flags |= PRUSERS
    if not ctx.json:
        ctx.print("Name                          ID  Owner Creator")
    found: list[dict[str, object]] = []
    status = EXIT_OK
    start = 0
    while start != -1:
        try:
            page = await client.ListEntries(flags, start)
            checked([e.name for e in page.bulkentries])
        except (RxRPCError, PtsError) as exc:
            complain(_code(exc), "; unable to list entries")
            status = EXIT_FAILURE
            break
        for entry in page.bulkentries:
            if ctx.json:
                found.append({**_entry_json(entry), "owner": entry.owner,
                              "creator": entry.creator})
            else:
                ctx.print(f"{_pad(entry.name, 25)} {entry.id:6d} {entry.owner:6d} "
                          f"{entry.creator:7d} ")
        start = page.nextstartindex
    if ctx.json:
        ctx.emit_json(found)
    return status


def _pad(name: str, width: int) -> str:
    """``%-25s``: pad to ``width`` bytes, as C counts them."""
    size = len(name.encode("utf-8", "surrogateescape"))
    return name + " " * max(0, width - size)
