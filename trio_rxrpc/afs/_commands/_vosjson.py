"""``--json`` forms of VLDB entries and volume headers for ``trio-rxrpc afs vos``.

The same facts the text shows, with names and numbers apart: a VLDB entry's ids by type,
its sites (address, printed name, partition name and number, RW or RO, release state) and
locks; a volume header's fields as the volume server sent them, plus the type and status
spelled out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

import attrs

from .. import vl
from ._servers import address_text, partition_name
from ._vosformat import (
    BACKVOL,
    ROVOL,
    RWVOL,
    TYPE_NAMES,
    VBUSY,
    VOK,
    lock_names,
    site_count,
    site_release,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .. import vol


class SiteJSON(TypedDict):
    """One site of a VLDB entry, as ``--json`` shows it."""

    server: str
    server_name: str
    partition: str
    partition_id: int
    type: str
    flags: int
    release: str | None


class EntryJSON(TypedDict):
    """A VLDB entry, as ``--json`` shows it."""

    name: str
    volume_ids: dict[str, int]
    exists: list[str]
    clone_id: int
    flags: int
    locked_for: list[str]
    sites: list[SiteJSON]


def entry_json(entry: vl.nvldbentry, names: Mapping[int, str]) -> EntryJSON:
    """A VLDB entry."""
    exists = [name for bit, name in ((vl.VLF_RWEXISTS, "RW"), (vl.VLF_ROEXISTS, "RO"),
                                     (vl.VLF_BACKEXISTS, "BK")) if entry.flags & bit]
    sites: list[SiteJSON] = []
    for i in range(site_count(entry)):
        address = entry.serverNumber[i] & 0xFFFFFFFF
        sites.append({
            "server": address_text(address),
            "server_name": names.get(address, address_text(address)),
            "partition": partition_name(entry.serverPartition[i]),
            "partition_id": entry.serverPartition[i],
            "type": "RW" if entry.serverFlags[i] & vl.VLSF_RWVOL else "RO",
            "flags": entry.serverFlags[i],
            "release": site_release(entry, i),
        })
    return {
        "name": entry.name,
        "volume_ids": {"RW": entry.volumeId[RWVOL], "RO": entry.volumeId[ROVOL],
                       "BK": entry.volumeId[BACKVOL]},
        "exists": exists,
        "clone_id": entry.cloneId,
        "flags": entry.flags,
        "locked_for": lock_names(entry.flags & vl.VLOP_ALLOPERS),
        "sites": sites,
    }


def volume_json(info: vol.volintInfo | vol.volintXInfo, *, address: int | None = None,
                server_name: str | None = None, partition: int | None = None
                ) -> dict[str, object]:
    """A volume header (``volintInfo`` or ``volintXInfo`` fields), with where it lives."""
    out: dict[str, object] = {}
    if address is not None:
        out["server"] = address_text(address)
        out["server_name"] = server_name if server_name is not None else out["server"]
    if partition is not None:
        out["partition"] = partition_name(partition)
    out.update(attrs.asdict(info))
    out["type_name"] = TYPE_NAMES.get(info.type)
    out["status_name"] = ("OK" if info.status == VOK else "BUSY" if info.status == VBUSY
                          else "UNATTACHABLE")
    return out
