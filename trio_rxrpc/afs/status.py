"""What a fileserver says about a file, directory or link, in Python terms.

``AFSFetchStatus`` comes back from nearly every fileserver call; :class:`FileStatus` is the
same facts with Python names, the 64-bit size and data version put together, and the kind
of object spelled out (a symbolic link whose mode is ``0644`` and whose target reads like
``#volume.`` is a mount point).
"""

from __future__ import annotations

import stat as stat_module
import time
from typing import TYPE_CHECKING, Final, Literal

import attrs

from .acl import rights_text

if TYPE_CHECKING:
    from . import fs

__all__ = ["FileStatus", "Kind", "fid_text"]

Kind = Literal["file", "directory", "symlink", "mountpoint"]

FILE: Final = 1
DIRECTORY: Final = 2
SYMLINK: Final = 3

_KINDS: Final[dict[int, Kind]] = {FILE: "file", DIRECTORY: "directory", SYMLINK: "symlink"}
_MODE_TYPE: Final = {"file": stat_module.S_IFREG, "directory": stat_module.S_IFDIR,
                     "symlink": stat_module.S_IFLNK, "mountpoint": stat_module.S_IFLNK}


def fid_text(volume: int, vnode: int, unique: int) -> str:
    """A FID as ``fs examine`` prints it: ``536870915.1.1``."""
    return f"{volume}.{vnode}.{unique}"


@attrs.frozen
class FileStatus:
    """The status of one object in AFS."""

    fid: tuple[int, int, int]
    """``(volume, vnode, unique)``."""
    kind: Kind
    size: int
    data_version: int
    mode: int
    """The permission bits (``0o755``...)."""
    owner: int
    group: int
    links: int
    modified: int
    """When the data last changed, as the writer's client said (Unix seconds)."""
    server_modified: int
    """When the fileserver stored the last change."""
    caller_access: int
    """The rights the caller has here (ACL bits, see :mod:`~trio_rxrpc.afs.acl`)."""
    anonymous_access: int
    parent: tuple[int, int]
    """The parent directory's ``(vnode, unique)``."""
    target: str | None = None
    """A link's target or a mount point's text; None for files and directories."""

    @classmethod
    def from_wire(cls, fid: tuple[int, int, int], raw: fs.AFSFetchStatus,
                  target: str | None = None, *, mount_point: bool = False) -> FileStatus:
        kind = _KINDS.get(raw.FileType, "file")
        if kind == "symlink" and mount_point:
            kind = "mountpoint"
        return cls(
            fid=fid, kind=kind, size=(raw.Length_hi << 32) | raw.Length,
            data_version=(raw.dataVersionHigh << 32) | raw.DataVersion,
            mode=raw.UnixModeBits & 0o7777, owner=raw.Owner, group=raw.Group,
            links=raw.LinkCount, modified=raw.ClientModTime,
            server_modified=raw.ServerModTime, caller_access=raw.CallerAccess,
            anonymous_access=raw.AnonymousAccess,
            parent=(raw.ParentVnode, raw.ParentUnique), target=target)

    @property
    def fid_text(self) -> str:
        return fid_text(*self.fid)

    @property
    def is_dir(self) -> bool:
        return self.kind == "directory"

    @property
    def st_mode(self) -> int:
        """The mode as ``os.stat`` gives it (type bits included)."""
        return _MODE_TYPE[self.kind] | self.mode

    def mode_text(self) -> str:
        """``drwxr-xr-x`` and the like, as ``ls -l`` prints it."""
        return stat_module.filemode(self.st_mode)

    def long_line(self, name: str) -> str:
        """One ``ls -l`` style line for this object under ``name``."""
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(self.modified))
        line = (f"{self.mode_text()} {self.links:3d} {self.owner:>6} {self.group:>6} "
                f"{self.size:>12} {when} {name}")
        if self.target is not None:
            line += f" -> {self.target}"
        return line

    def to_json(self) -> dict[str, object]:
        return {
            "fid": self.fid_text, "kind": self.kind, "size": self.size,
            "data_version": self.data_version, "mode": f"{self.mode:04o}",
            "owner": self.owner, "group": self.group, "links": self.links,
            "modified": self.modified, "server_modified": self.server_modified,
            "caller_access": rights_text(self.caller_access),
            "anonymous_access": rights_text(self.anonymous_access),
            "parent": f"{self.parent[0]}.{self.parent[1]}", "target": self.target,
        }
