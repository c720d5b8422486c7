"""The text OpenAFS 1.8's ``vos`` prints for VLDB entries and volume headers.

Each function returns text (newlines included) built the way ``vos`` builds it, trailing
blanks and all, so that the output of ``trio-rxrpc afs vos`` can be compared with OpenAFS's
byte for byte.  Server names are looked up beforehand and passed in as a mapping from the
address (host order) to the printed name.  Times are printed as C's ``ctime`` does, in the
local time zone.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Final

import attrs

from .. import vl
from ._servers import address_text, partition_name

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .. import vol

RWVOL: Final = 0
ROVOL: Final = 1
BACKVOL: Final = 2
"""Indexes of ``volumeId`` in a VLDB entry (and the volume types of the volume server)."""

VOK: Final = 0x02
VBUSY: Final = 110
"""A volume's ``status`` in volume server listings: attached, or busy."""
DESTROY_ME: Final = 0xD3
"""``destroyMe`` of a volume marked for deletion."""

TYPE_NAMES: Final = {RWVOL: "RW", ROVOL: "RO", BACKVOL: "BK"}

LOCKS: Final = (
    (vl.VLOP_MOVE, "move"),
    (vl.VLOP_RELEASE, "release"),
    (vl.VLOP_BACKUP, "backup"),
    (vl.VLOP_DELETE, "delete/misc"),
    (vl.VLOP_DUMP, "dump/restore"),
)
"""The VLDB entry lock bits and what ``vos`` calls each operation."""


def ctime(seconds: int) -> str:
    """C's ``ctime()`` without its newline: ``"Wed Dec  2 19:31:37 2026"``."""
    return time.ctime(seconds)


def lock_names(flags: int) -> list[str]:
    """The operations a VLDB entry's ``flags`` say it is locked for."""
    return [name for bit, name in LOCKS if flags & bit]


def site_count(entry: vl.nvldbentry) -> int:
    """How many sites of a VLDB entry there are to show (``nServers``, within bounds)."""
    return max(0, min(entry.nServers, len(entry.serverNumber)))


def site_servers(entry: vl.nvldbentry) -> list[int]:
    """The server address (host order) of each site of a VLDB entry."""
    return [entry.serverNumber[i] & 0xFFFFFFFF for i in range(site_count(entry))]


def site_release(entry: vl.nvldbentry, index: int) -> str | None:
    """What ``vos`` notes about site ``index``'s release: ``"New release"``,
    ``"Old release"``, ``"Not released"``, or None."""
    flags = entry.serverFlags[index]
    mixed = any(entry.serverFlags[i] & vl.VLSF_NEWREPSITE for i in range(site_count(entry)))
    if mixed:
        if flags & vl.VLSF_NEWREPSITE:
            return "New release"
        if not flags & vl.VLSF_RWVOL:
            return "Old release"
        return None
    return "Not released" if flags & vl.VLSF_DONTUSE else None


def sub_enumerate_entry(entry: vl.nvldbentry, names: Mapping[int, str]) -> str:
    """A VLDB entry without its name line: the ids, then one line per site."""
    out = []
    if entry.flags & vl.VLF_RWEXISTS:
        out.append(f"    RWrite: {entry.volumeId[RWVOL]:<10}")
    if entry.flags & vl.VLF_ROEXISTS:
        out.append(f"    ROnly: {entry.volumeId[ROVOL]:<10}")
    if entry.flags & vl.VLF_BACKEXISTS:
        out.append(f"    Backup: {entry.volumeId[BACKVOL]:<10}")
    if entry.cloneId != 0 and entry.flags & vl.VLF_ROEXISTS:
        out.append(f"    RClone: {entry.cloneId:<10}")
    out.append("\n")
    out.append(f"    number of sites -> {entry.nServers}\n")
    for i, server in enumerate(site_servers(entry)):
        out.append(f"       server {names[server]} partition "
                   f"{partition_name(entry.serverPartition[i])} ")
        out.append("RW Site " if entry.serverFlags[i] & vl.VLSF_RWVOL else "RO Site ")
        note = site_release(entry, i)
        if note is not None:
            out.append(f" -- {note}")
        out.append("\n")
    return "".join(out)


def enumerate_entry(entry: vl.nvldbentry, names: Mapping[int, str]) -> str:
    """A VLDB entry as ``vos listvldb`` prints it: a blank line, the name, the rest."""
    return f"\n{entry.name} \n" + sub_enumerate_entry(entry, names)


def locked(flags: int) -> str:
    """The lines ``vos`` adds under an entry locked for some operation."""
    names = lock_names(flags & vl.VLOP_ALLOPERS)
    if not names:
        return ""
    return "    Volume is currently LOCKED  \n" + "".join(
        f"    Volume is locked for a {name} operation\n" for name in names)


# ------------------------------------------------------------------ volume headers


@attrs.define
class Totals:
    """What a volume listing counts: attached, not attached, and busy volumes."""

    ok: int = 0
    not_ok: int = 0
    busy: int = 0
    busy_ids: list[int] = attrs.Factory(list)
    not_ok_ids: list[int] = attrs.Factory(list)

    def count(self, info: vol.volintInfo | vol.volintXInfo) -> None:
        """Count one volume as the listings do."""
        if info.status != VOK:
            _problem(info, self, False)
        elif info.inUse == 1:
            self.ok += 1
        else:
            self.not_ok += 1

    def problems(self, *, machine: bool = False) -> str:
        """The lines naming busy and unattachable volumes, last seen first (as ``vos``)."""
        if machine:
            busy, bad = "BUSY_VOL\t{}\n", "COULD_NOT_ATTACH\t{}\n"
        else:
            busy, bad = "**** Volume {} is busy ****\n", "**** Could not attach volume {} ****\n"
        return ("".join(busy.format(i) for i in reversed(self.busy_ids))
                + "".join(bad.format(i) for i in reversed(self.not_ok_ids)))


def _type(info: vol.volintInfo | vol.volintXInfo) -> str:
    name = TYPE_NAMES.get(info.type)
    return "" if name is None else name + " "


def _problem(info: vol.volintInfo | vol.volintXInfo, totals: Totals, show: bool) -> str:
    """Count a volume that is not OK; its line, if ``show``."""
    if info.status == VBUSY:
        totals.busy += 1
        totals.busy_ids.append(info.volid)
        return f"**** Volume {info.volid} is busy ****\n" if show else ""
    totals.not_ok += 1
    totals.not_ok_ids.append(info.volid)
    return f"**** Could not attach volume {info.volid} ****\n" if show else ""


def _online(info: vol.volintInfo | vol.volintXInfo, totals: Totals) -> str:
    if info.inUse == 1:
        totals.ok += 1
        return "On-line"
    totals.not_ok += 1
    return "Off-line"


def _dates(info: vol.volintInfo | vol.volintXInfo) -> str:
    out = [f"    Creation    {ctime(info.creationDate)}\n",
           f"    Copy        {ctime(info.copyDate)}\n"]
    out.append("    Backup      Never\n" if not info.backupDate
               else f"    Backup      {ctime(info.backupDate)}\n")
    if info.accessDate:
        out.append(f"    Last Access {ctime(info.accessDate)}\n")
    out.append("    Last Update Never\n" if not info.updateDate
               else f"    Last Update {ctime(info.updateDate)}\n")
    out.append(f"    {info.dayUse} accesses in the past day (i.e., vnode references)\n")
    return "".join(out)


def _long_body(info: vol.volintInfo | vol.volintXInfo, server: str, partition: int) -> str:
    return (f"    {server} {partition_name(partition)} \n"
            f"    RWrite {info.parentID:10} ROnly {info.cloneID:10} Backup {info.backupID:10} \n"
            f"    MaxQuota {info.maxquota:10} K \n" + _dates(info))


def volume(info: vol.volintInfo, server: str, partition: int, totals: Totals, *,
           fast: bool = False, long: bool = False, show_problems: bool = False) -> str:
    """One volume of ``vos listvol`` (``long``: as ``vos examine`` shows it too)."""
    if fast:
        return f"{info.volid:<10}\n"
    if info.status != VOK:
        text = _problem(info, totals, show_problems)
        return text + "\n" if long else text
    head = f"{info.name:<32} {info.volid:10} {_type(info)}{info.size:10} K "
    if not long:
        text = head + _online(info, totals)
        return text + ("**needs salvage**" if info.needsSalvaged == 1 else "") + "\n"
    text = head + " " + _online(info, totals)
    text += "**needs salvage**" if info.needsSalvaged == 1 else ""
    return text + "\n" + _long_body(info, server, partition) + "\n"


_STATS_HEAD: Final = (
    "\n                      Raw Read/Write Stats\n"
    "          |-------------------------------------------|\n"
    "          |    Same Network     |    Diff Network     |\n"
    "          |----------|----------|----------|----------|\n"
    "          |  Total   |   Auth   |   Total  |   Auth   |\n"
    "          |----------|----------|----------|----------|\n")
_AUTHOR_HEAD: Final = (
    "                   Writes Affecting Authorship\n"
    "          |-------------------------------------------|\n"
    "          |   File Authorship   | Directory Authorship|\n"
    "          |----------|----------|----------|----------|\n"
    "          |   Same   |   Diff   |    Same  |   Diff   |\n"
    "          |----------|----------|----------|----------|\n")
_RULE: Final = "          |-------------------------------------------|\n"
TIME_RANGES: Final = ("0-60 sec  ", "1-10 min  ", "10min-1hr ", "1hr-1day  ", "1day-1wk  ",
                      "> 1wk     ")


def _row(label: str, *values: int) -> str:
    return f"{label}| " + " | ".join(f"{v:8}" for v in values) + " |\n"


def _stats(info: vol.volintXInfo) -> str:
    out = [_STATS_HEAD,
           _row("Reads     ", *info.stat_reads[:4]),
           _row("Writes    ", *info.stat_writes[:4]),
           _RULE + "\n", _AUTHOR_HEAD]
    for i, label in enumerate(TIME_RANGES):
        out.append(_row(label, info.stat_fileSameAuthor[i], info.stat_fileDiffAuthor[i],
                        info.stat_dirSameAuthor[i], info.stat_dirDiffAuthor[i]))
    out.append(_RULE)
    return "".join(out)


def xvolume(info: vol.volintXInfo, server: str, partition: int, totals: Totals, *,
            show_problems: bool = False) -> str:
    """One volume of ``vos listvol -extended`` or ``vos examine -extended``."""
    if info.status != VOK:
        return _problem(info, totals, show_problems) + "\n"
    head = (f"{info.name:<32} {info.volid:10} {_type(info)}{info.size:10} K used "
            f"{info.filecount} files {_online(info, totals)}\n")
    return head + _long_body(info, server, partition) + _stats(info) + "\n"


def _dated(label: str, seconds: int) -> str:
    return f"{label}{seconds & 0xFFFFFFFF:<9}\t{ctime(seconds)}\n"


def _machine_dates(info: vol.volintInfo | vol.volintXInfo) -> str:
    return (_dated("creationDate\t", info.creationDate) + _dated("accessDate\t", info.accessDate)
            + _dated("updateDate\t", info.updateDate) + _dated("backupDate\t", info.backupDate)
            + _dated("copyDate\t", info.copyDate))


def _machine_type(info: vol.volintInfo | vol.volintXInfo) -> str:
    return f"type\t\t{TYPE_NAMES.get(info.type, '?')}\n"


def volume_machine(info: vol.volintInfo, address: int, server: str, partition: int) -> str:
    """One volume in ``-format`` (machine readable) form."""
    u32 = 0xFFFFFFFF
    out = [f"name\t\t{info.name}\n"] if info.status == VOK else []
    out.append(f"id\t\t{info.volid}\n"
               f"serv\t\t{address_text(address)}\t{server}\n"
               f"part\t\t{partition_name(partition)}\n")
    if info.status == VBUSY:
        return "".join(out) + "status\t\tBUSY\n"
    if info.status != VOK:
        return "".join(out) + "status\t\tUNATTACHABLE\n"
    out.append("status\t\tOK\n"
               f"backupID\t{info.backupID}\n"
               f"parentID\t{info.parentID}\n"
               f"cloneID\t\t{info.cloneID}\n"
               f"inUse\t\t{'Y' if info.inUse else 'N'}\n"
               f"needsSalvaged\t{'Y' if info.needsSalvaged else 'N'}\n"
               f"destroyMe\t{'Y' if info.destroyMe == DESTROY_ME else 'N'}\n")
    out.append(_machine_type(info) + _machine_dates(info))
    out.append(f"flags\t\t{info.flags & u32:#x}\t(Optional)\n" if info.flags
               else "flags\t\t0\t(Optional)\n")
    out.append(f"diskused\t{info.size & u32}\n"
               f"maxquota\t{info.maxquota & u32}\n"
               f"minquota\t{info.spare0 & u32}\t(Optional)\n"
               f"filecount\t{info.filecount & u32}\n"
               f"dayUse\t\t{info.dayUse & u32}\n"
               f"weekUse\t\t{info.spare1 & u32}\t(Optional)\n"
               f"spare2\t\t{info.spare2 & u32}\t(Optional)\n"
               f"spare3\t\t{info.spare3 & u32}\t(Optional)\n")
    return "".join(out)


def xvolume_machine(info: vol.volintXInfo, address: int, server: str, partition: int,
                    totals: Totals) -> str:
    """One volume of ``vos listvol -extended -format``."""
    u32 = 0xFFFFFFFF
    if info.status != VOK:
        _problem(info, totals, False)
        return ""
    out = [f"name\t\t{info.name}\n"
           f"id\t\t{info.volid}\n"
           f"serv\t\t{address_text(address)}\t{server}\n"
           f"part\t\t{partition_name(partition)}\n"
           "status\t\tOK\n"
           f"backupID\t{info.backupID}\n"
           f"parentID\t{info.parentID}\n"
           f"cloneID\t\t{info.cloneID}\n"
           f"inUse\t\t{'Y' if info.inUse else 'N'}\n",
           _machine_type(info), _machine_dates(info),
           f"diskused\t{info.size & u32}\n"
           f"maxquota\t{info.maxquota & u32}\n"
           f"filecount\t{info.filecount & u32}\n"
           f"dayUse\t\t{info.dayUse & u32}\n"]
    for label, values in (("reads", info.stat_reads), ("writes", info.stat_writes)):
        for j, where in enumerate(("same_net", "same_net_auth", "diff_net", "diff_net_auth")):
            out.append(f"{label}_{where}\t{values[j]:8}\n")
    out.extend(f"file_same_author_idx_{i + 1}\t{info.stat_fileSameAuthor[i]:8}\n"
               f"file_diff_author_idx_{i + 1}\t{info.stat_fileDiffAuthor[i]:8}\n"
               f"dir_same_author_idx_{i + 1}\t{info.stat_dirSameAuthor[i]:8}\n"
               f"dir_dif_author_idx_{i + 1}\t{info.stat_dirDiffAuthor[i]:8}\n" for i in range(5))
    # vos counts no attached volume here, so its VOLUMES_ONLINE line always says 0.
    return "".join(out)
