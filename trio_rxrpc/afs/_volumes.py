"""Where a volume lives: the volume location database, as a file client reads it.

A mount point names a volume; the VL server says which volume IDs it has (read/write,
read-only, backup) and which fileservers hold each.  :class:`VolumeLocator` asks once per
volume and remembers the answer (for at most :data:`MAX_ENTRIES` volumes) for the client's
lifetime.
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING, Final, Literal

import attrs

from . import vl
from .paths import split_volume_name

if TYPE_CHECKING:
    from .._proto.security.base import ClientSecurity
    from .._socket import BoundSocket
    from .cell import Cell

__all__ = ["Site", "VolumeEntry", "VolumeLocator", "VolumeType"]

VolumeType = Literal["rw", "ro", "bk"]

MAX_ENTRIES: Final = 4096
"""Volume entries remembered per cell (a path tree may name any number of volumes)."""

_TYPE_INDEX: Final = {"rw": 0, "ro": 1, "bk": 2}
_SITE_FLAG: Final = {"rw": vl.VLSF_RWVOL, "ro": vl.VLSF_ROVOL, "bk": vl.VLSF_RWVOL}
_EXISTS_FLAG: Final = {"rw": vl.VLF_RWEXISTS, "ro": vl.VLF_ROEXISTS, "bk": vl.VLF_BACKEXISTS}


@attrs.frozen
class Site:
    """One copy of a volume: which volume ID, on which fileserver."""

    volume_id: int
    type: VolumeType
    servers: tuple[tuple[str, int], ...]
    """The fileservers that hold it, ``(host, port)``, in the order to try them."""

    @property
    def read_only(self) -> bool:
        return self.type != "rw"


@attrs.frozen
class VolumeEntry:
    """A volume's VLDB entry, reduced to what a file client needs."""

    name: str
    ids: tuple[int, int, int]
    """The read/write, read-only and backup volume IDs."""
    flags: int
    sites: tuple[tuple[str, int], ...]
    """``(host, site flags)`` for each server of the entry."""

    def exists(self, kind: VolumeType) -> bool:
        return bool(self.flags & _EXISTS_FLAG[kind])

    def site(self, kind: VolumeType, port: int) -> Site:
        """The copy of type ``kind`` (``rw``, ``ro``, ``bk``) and the servers holding it.

        Raises:
            LookupError: the volume has no such copy.
        """
        if not self.exists(kind):
            raise LookupError(f"volume {self.name!r} has no {_NAMES[kind]} copy")
        want = _SITE_FLAG[kind]
        hosts = tuple((host, port) for host, flags in self.sites
                      if flags & want and not flags & vl.VLSF_DONTUSE)
        if not hosts:
            raise LookupError(f"no server holds the {_NAMES[kind]} copy of {self.name!r}")
        return Site(self.ids[_TYPE_INDEX[kind]], kind, hosts)


_NAMES: Final = {"rw": "read/write", "ro": "read-only", "bk": "backup"}


class VolumeLocator:
    """Looks volumes up in one cell's VLDB, remembering what it found."""

    def __init__(self, socket: BoundSocket, cell: Cell, *,
                 security: ClientSecurity | None = None) -> None:
        self.cell = cell
        self._client = vl.Client(socket, cell.vl_servers(), security=security)
        self._entries: dict[str, VolumeEntry] = {}
        self.lookups = 0

    async def entry(self, name: str) -> VolumeEntry:
        """The VLDB entry of volume ``name`` (a name or a numeric ID).

        A ``.readonly`` or ``.backup`` suffix is looked up under the base name.
        Cancellation abandons the lookup.

        Raises:
            trio_rxrpc.afs.errors.VL_NOENT: no such volume.
            RxRPCError: no VL server answered, or another failure.
        """
        key = split_volume_name(name)[0]
        cached = self._entries.get(key)
        if cached is not None:
            return cached
        self.lookups += 1
        if key.isdigit():
            raw = await self._client.GetEntryByIDN(int(key), -1)
        else:
            raw = await self._client.GetEntryByNameN(key)
        count = max(0, min(raw.nServers, len(raw.serverNumber)))
        sites = tuple((str(ipaddress.IPv4Address(raw.serverNumber[i] & 0xFFFFFFFF)),
                       raw.serverFlags[i]) for i in range(count))
        entry = VolumeEntry(raw.name, (raw.volumeId[0], raw.volumeId[1], raw.volumeId[2]),
                            raw.flags, sites)
        if len(self._entries) >= MAX_ENTRIES:
            self._entries.clear()
        self._entries[key] = entry
        for volume_id in entry.ids:
            if volume_id:
                self._entries[str(volume_id)] = entry
        return entry
