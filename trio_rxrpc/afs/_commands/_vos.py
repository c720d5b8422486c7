"""``trio-rxrpc afs vos``: the volume location database and the volume servers.

* ``listvldb [-name V] [-server S] [-partition P] [-locked] [-quiet] [-nosort]``: VLDB
  entries (VL_GetEntryByNameN for one, VL_ListAttributesN2 pages for a selection).
* ``examine V [-extended] [-format]``: a volume's header from each server that holds it
  (AFSVolListOneVolume or AFSVolXListOneVolume), then its VLDB entry.
* ``listvol S [P] [-fast] [-long] [-quiet] [-extended] [-format]``: the volumes on a
  server's partitions (AFSVolXListPartitions, AFSVolListVolumes or AFSVolXListVolumes).

Each prints what OpenAFS 1.8's ``vos`` prints for the same data (:mod:`._vosformat`), or
JSON with ``--json`` (:mod:`._vosjson`).  Unlike that ``vos``, ``-server`` may name a
loopback address.
"""

from __future__ import annotations

import errno
import sys
from typing import TYPE_CHECKING, Final

from ..._errors import CallError
from ...rpc import describe
from .. import vl, vol
from . import _vosformat as fmt, add_common, fail
from ._cmdargs import Param, add_params
from ._servers import (
    address_int,
    address_text,
    host_names,
    parse_partition,
    partition_name,
    resolve_server,
)
from ._vosjson import entry_json, volume_json

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

    from . import Context

TOOL: Final = "vos"
SUMMARY: Final = "the volume location database and the volume servers"

RXGEN_OPCODE: Final = -455


def _add_noresolve(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-noresolve", action="store_true",
                        help="print server addresses, not their host names")


def configure(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add this tool's commands."""
    p = subparsers.add_parser("listvldb", help="list VLDB entries",
                              description="List the VLDB entries of the cell, or one.")
    add_params(p, Param("-name", "a volume name or ID: just its entry", "VOLUME"),
               Param("-server", "only entries with a site on this server", "SERVER"),
               Param("-partition", "only entries with a site on this partition", "PARTITION"))
    p.add_argument("-locked", action="store_true", help="only locked entries")
    p.add_argument("-quiet", action="store_true", help="no header, no total")
    p.add_argument("-nosort", action="store_true", help="in VLDB order, not by name")
    _add_noresolve(p)
    add_common(p)
    p.set_defaults(handler=listvldb)

    p = subparsers.add_parser("examine", aliases=["volinfo", "e"],
                              help="a volume's header and VLDB entry",
                              description="Show a volume as its servers and the VLDB see it.")
    add_params(p, Param("-id", "the volume's name or ID", "VOLUME", required=True))
    p.add_argument("-extended", action="store_true", help="with read and write statistics")
    p.add_argument("-format", action="store_true", help="machine readable")
    _add_noresolve(p)
    add_common(p)
    p.set_defaults(handler=examine)

    p = subparsers.add_parser("listvol", help="the volumes on a server",
                              description="List the volumes on a server's partitions, "
                                          "asking the volume server (not the VLDB).")
    add_params(p, Param("-server", "the server machine", "SERVER", required=True),
               Param("-partition", "only this partition", "PARTITION"))
    p.add_argument("-fast", action="store_true", help="volume IDs only")
    p.add_argument("-long", action="store_true", help="every header field")
    p.add_argument("-quiet", action="store_true", help="no header, no totals")
    p.add_argument("-extended", action="store_true", help="with read and write statistics")
    p.add_argument("-format", action="store_true", help="machine readable")
    _add_noresolve(p)
    add_common(p)
    p.set_defaults(handler=listvol)


def _vl(ctx: Context) -> vl.Client:
    return vl.Client(ctx.socket, ctx.cell.vl_servers(deadline=ctx.args.timeout),
                     security=ctx.security)


def _vol(ctx: Context, address: str) -> vol.Client:
    return vol.Client(ctx.socket, (address, ctx.cell.port("vol")), security=ctx.security,
                      timeout=ctx.args.timeout)


def _stderr(text: str) -> None:
    sys.stderr.write(text)


# ------------------------------------------------------------------------- listvldb


async def _list_entries(client: vl.Client, attributes: vl.VldbListByAttributes
                        ) -> list[vl.nvldbentry]:
    """Every entry matching ``attributes``, page by page (VL_ListAttributesN2), or in one
    go from a server without that call (VL_ListAttributesN).  Cancellation aborts the call
    in flight."""
    entries: list[vl.nvldbentry] = []
    index = 0
    while index != -1:
        try:
            page = await client.ListAttributesN2(attributes, "", index)
        except CallError as exc:
            if exc.abort_code != RXGEN_OPCODE:
                raise
            count, found = await client.ListAttributesN(attributes)
            return list(found[:max(0, count)])
        entries.extend(page.blkentries[:max(0, page.nentries)])
        index = page.nextstartindex
    return entries


async def listvldb(ctx: Context, args: argparse.Namespace) -> int:
    """``vos listvldb``: one entry (``-name``) or a selection, sorted by name unless
    ``-nosort``.  Cancellation aborts the call in flight."""
    client = _vl(ctx)
    if args.name is not None:
        if args.locked:
            return fail("illegal use of '-locked' switch, need to specify server and/or "
                        "partition")
        entry = await client.GetEntryByNameN(args.name)
        names = await host_names(fmt.site_servers(entry), resolve=not args.noresolve)
        if ctx.json:
            ctx.emit_json(entry_json(entry, names))
        else:
            ctx.out.write(fmt.enumerate_entry(entry, names) + fmt.locked(entry.flags))
        return 0

    mask = server = partition = flag = 0
    if args.server is not None:
        address = await resolve_server(args.server)
        if address is None:
            return fail(f"server '{args.server}' not found in host table")
        server = address_int(address)
        server -= (server & 0x80000000) << 1  # the field is a signed 32-bit int
        mask |= vl.VLLIST_SERVER
    if args.partition is not None:
        number = parse_partition(args.partition)
        if number is None:
            return fail(f"could not interpret partition name '{args.partition}'")
        partition = number
        mask |= vl.VLLIST_PARTITION
    if args.locked:
        mask |= vl.VLLIST_FLAG
        flag = vl.VLOP_ALLOPERS
    attributes = vl.VldbListByAttributes(mask, server, partition, 0, 0, flag)
    entries = await _list_entries(client, attributes)
    if not args.nosort:
        entries.sort(key=lambda e: e.name.encode("utf-8", "surrogateescape"))
    names = await host_names((a for e in entries for a in fmt.site_servers(e)),
                             resolve=not args.noresolve)
    if ctx.json:
        ctx.emit_json({"server": args.server, "partition":
                       None if args.partition is None else partition_name(partition),
                       "locked_only": bool(args.locked),
                       "entries": [entry_json(e, names) for e in entries],
                       "total": len(entries)})
        return 0
    out = []
    if not args.quiet:
        out.append("VLDB entries for {} {}{}{} {}\n".format(
            "server" if args.server is not None else "all",
            args.server if args.server is not None else "servers",
            " partition " if args.partition is not None else "",
            partition_name(partition) if args.partition is not None else "",
            "which are locked:" if args.locked else ""))
    out.extend(fmt.enumerate_entry(e, names) + fmt.locked(e.flags) for e in entries)
    if not args.quiet:
        out.append(f"\nTotal entries: {len(entries)}\n")
    ctx.out.write("".join(out))
    return 0


# -------------------------------------------------------------------------- examine


async def _volume_id(client: vl.Client, text: str) -> int:
    """A volume's ID from its number or name (``.readonly``/``.backup`` pick that one).
    Cancellation aborts the VLDB call in flight.

    Raises:
        RemoteAbort: VL_NOENT and such, for a name the VLDB does not know.
    """
    if text.isascii() and text.isdigit() and int(text) < 0xFFFFFFFF:
        return int(text)
    for suffix, kind in ((".readonly", fmt.ROVOL), (".backup", fmt.BACKVOL)):
        if text.endswith(suffix):
            entry = await client.GetEntryByNameN(text[:-len(suffix)])
            return entry.volumeId[kind]
    entry = await client.GetEntryByNameN(text)
    return entry.volumeId[fmt.RWVOL]


def _sites_of(entry: vl.nvldbentry, kind: int) -> Sequence[int]:
    """The sites of ``entry`` that hold a volume of ``kind`` (a backup lives with the RW)."""
    wanted = vl.VLSF_ROVOL if kind == fmt.ROVOL else vl.VLSF_RWVOL
    sites = [i for i in range(fmt.site_count(entry)) if entry.serverFlags[i] & wanted]
    return sites if kind == fmt.ROVOL else sites[:1]


async def examine(ctx: Context, args: argparse.Namespace) -> int:
    """``vos examine``: the volume's header from each server the VLDB names for it, then
    its VLDB entry; status 1 if a server could not show it.  Cancellation aborts the call
    in flight."""
    client = _vl(ctx)
    volid = await _volume_id(client, args.id)
    entry = await client.GetEntryByIDN(volid, -1)
    if entry.volumeId[fmt.RWVOL] == volid:
        kind = fmt.RWVOL
    elif entry.volumeId[fmt.BACKVOL] == volid:
        kind = fmt.BACKVOL
    else:
        kind = fmt.ROVOL
    names = await host_names(fmt.site_servers(entry), resolve=not args.noresolve)
    resolved = names if not args.noresolve else await host_names(fmt.site_servers(entry))
    backup_missing = kind == fmt.BACKVOL and not entry.flags & vl.VLF_BACKEXISTS

    failed = found_server = entry_shown = False
    out: list[str] = []
    sites: list[dict[str, object]] = []
    site_indexes = _sites_of(entry, kind)
    if not site_indexes:
        _stderr(f"Volume {args.id} does not exist in VLDB\n\n")
        failed = True
    for i in site_indexes:
        address = entry.serverNumber[i] & 0xFFFFFFFF
        part = entry.serverPartition[i]
        server = resolved[address]
        site: dict[str, object] = {"server": address_text(address), "server_name": server,
                                "partition": partition_name(part), "volume": None,
                                "error": None}
        sites.append(site)
        volserver = _vol(ctx, address_text(address))
        try:
            if args.extended:
                xinfos = await volserver.XListOneVolume(part, volid)
                info: vol.volintInfo | vol.volintXInfo = xinfos[0]
            else:
                info = (await volserver.ListOneVolume(part, volid))[0]
        except CallError as exc:
            failed = True
            site["error"] = str(exc)
            _stderr("[UV_XListOneVolume] Couldn't fetch the volume information\n"
                    if args.extended else
                    f"Could not fetch the information about volume {volid} from the server\n")
            _stderr((str(exc) if exc.abort_code is None else describe(exc.abort_code)) + "\n")
            if exc.abort_code == errno.ENODEV:
                _stderr(f"Volume {args.id} does not exist\n" if backup_missing else
                        f"Volume does not exist on server {server} as indicated by the "
                        "VLDB\n")
            else:
                _stderr("Error in vos examine command.\n")
            out.append("\n")
            continue
        found_server = True
        site["volume"] = volume_json(info, address=address, server_name=server,
                                     partition=part)
        totals = fmt.Totals()
        if isinstance(info, vol.volintXInfo):
            out.append(fmt.xvolume(info, server, part, totals, show_problems=True))
        elif args.format:
            # vos -format follows each volume with the whole VLDB entry, and not after all.
            out.append(fmt.volume_machine(info, address, server, part)
                       + fmt.enumerate_entry(entry, names))
            entry_shown = True
        else:
            out.append(fmt.volume(info, server, part, totals, long=True, show_problems=True))
        if backup_missing:
            _stderr(f"Volume {args.id} does not exist in VLDB\n")
            failed = True
    if not found_server:
        _stderr("Dump only information from VLDB\n\n")
        out.append(f"{entry.name} \n")
    if not entry_shown:
        out.append(fmt.sub_enumerate_entry(entry, names) + fmt.locked(entry.flags))
    if ctx.json:
        ctx.emit_json({"volume": args.id, "id": volid, "type": fmt.TYPE_NAMES[kind],
                       "sites": sites, "vldb": entry_json(entry, names)})
    else:
        ctx.out.write("".join(out))
    return 1 if failed else 0


# -------------------------------------------------------------------------- listvol


async def _partitions(client: vol.Client) -> list[int]:
    """The server's partitions (AFSVolXListPartitions, or the older ListPartitions).
    Cancellation aborts the call in flight."""
    try:
        return list(await client.XListPartitions())
    except CallError as exc:
        if exc.abort_code != RXGEN_OPCODE:
            raise
    return [p for p in (await client.ListPartitions()).partIds if p != -1]


async def listvol(ctx: Context, args: argparse.Namespace) -> int:
    """``vos listvol``: each partition's volumes, sorted by name (by ID with ``-fast``).
    Cancellation aborts the call in flight."""
    if args.fast and args.extended:
        return fail("Can't use the -fast and -extended flags together")
    wanted = None
    if args.partition is not None:
        wanted = parse_partition(args.partition)
        if wanted is None:
            return fail(f"could not interpret partition name '{args.partition}'")
    address = await resolve_server(args.server)
    if address is None:
        return fail(f"server '{args.server}' not found in host table")
    number = address_int(address)
    client = _vol(ctx, address)
    partitions = await _partitions(client)
    if wanted is not None:
        if wanted not in partitions:
            return fail(f"partition {args.partition} does not exist on the server")
        partitions = [wanted]
    server = (await host_names([number]))[number]
    listing = []
    for part in partitions:
        if args.extended:
            volumes: Sequence[vol.volintInfo | vol.volintXInfo] = await client.XListVolumes(
                part, 1)
        else:
            volumes = await client.ListVolumes(part, 0 if args.fast else 1)
        if args.fast:
            volumes = sorted(volumes, key=lambda v: v.volid)
        else:
            volumes = sorted(volumes, key=lambda v: v.name.encode("utf-8", "surrogateescape"))
        listing.append((part, volumes))

    if ctx.json:
        out_json = []
        for part, volumes in listing:
            totals = fmt.Totals()
            for v in volumes:
                totals.count(v)
            out_json.append({"partition": partition_name(part), "partition_id": part,
                             "volumes": [volume_json(v) for v in volumes],
                             "online": totals.ok, "offline": totals.not_ok,
                             "busy": totals.busy})
        ctx.emit_json({"server": args.server, "address": address, "server_name": server,
                       "partitions": out_json})
        return 0
    for part, volumes in listing:
        if not args.quiet:
            ctx.out.write(f"Total number of volumes on server {args.server} partition "
                          f"{partition_name(part)}: {len(volumes)} \n")
        ctx.out.write(_listing(args, volumes, number, server, part))
    return 0


def _listing(args: argparse.Namespace, volumes: Sequence[vol.volintInfo | vol.volintXInfo],
             address: int, server: str, part: int) -> str:
    """One partition's volumes, in the form the flags ask for."""
    totals = fmt.Totals()
    out = []
    for v in volumes:
        if isinstance(v, vol.volintXInfo):
            if args.format:
                out.append("BEGIN_OF_ENTRY\n" + fmt.xvolume_machine(v, address, server, part,
                                                                    totals) + "END_OF_ENTRY\n")
            else:
                out.append(fmt.xvolume(v, server, part, totals))
        elif args.format:
            out.append("BEGIN_OF_ENTRY\n" + fmt.volume_machine(v, address, server, part)
                       + "END_OF_ENTRY\n\n")
        else:
            out.append(fmt.volume(v, server, part, totals, fast=args.fast, long=args.long))
    if args.format and not args.extended:
        return "".join(out)
    out.append(totals.problems(machine=args.format))
    if not args.quiet:
        out.append("\n")
        if args.format:
            out.append(f"VOLUMES_ONLINE\t{totals.ok}\nVOLUMES_OFFLINE\t{totals.not_ok}\n"
                       f"VOLUMES_BUSY\t{totals.busy}\n")
        elif args.extended:
            out.append(f"Total volumes: {totals.ok} on-line, {totals.not_ok} off-line, "
                       f"{totals.busy}  busyd\n\n")
        elif not args.fast:
            out.append(f"Total volumes onLine {totals.ok} ; Total volumes offLine "
                       f"{totals.not_ok} ; Total busy {totals.busy}\n\n")
    return "".join(out)
