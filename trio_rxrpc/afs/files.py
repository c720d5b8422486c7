"""Files in AFS from a trio program: list, stat, read, write, make and remove them.

:func:`open_file_client` gives a :class:`FileClient`: it behaves toward fileservers as a
cache manager must (it answers their callback calls on its own endpoint, with a UUID that
stays the same for its lifetime, and gives its callbacks up when it closes), walks
``/afs/CELL/...`` paths through directories and mount points, and streams file data
straight between local files and Rx calls (``splice`` and ``sendfile``), so memory stays
bounded whatever a file's size::

    async with open_file_client() as afs:
        for name, status in await afs.listdir("/afs/example.com/"):
            print(name, status.kind, status.size)
        await afs.get("/afs/example.com/README", "README")
        await afs.put("notes.txt", "/afs/example.com/tmp/notes.txt")

What a fileserver refuses comes back as the :class:`~trio_rxrpc.rpc.RPCError` of its code
(``EACCES``, ``VNOVOL``...); a name that is not there as :class:`FileNotFoundError`, and so
on, as for local files.  Cancelling any method aborts the calls it has running.
"""

from __future__ import annotations

import errno
import os
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Final

import attrs
import trio

from .. import open_endpoint
from .._errors import RxRPCError
from . import fs
from ._fsstate import DirectoryCache, ServerSet
from ._transfer import Progress, digest_remote, fetch_to_file, read_all, store_from_file
from ._volumes import VolumeLocator, VolumeType
from .acl import ACL, parse_acl
from .callbacks import CallbackService
from .cell import Cell
from .cellconfig import CLIENT_CONFIG_DIR
from .directory import parse_directory
from .paths import (
    MOUNT_POINT_MODE,
    AfsPath,
    AfsPathError,
    MountPoint,
    is_mount_point_mode,
    parse_mount_point,
    parse_path,
    split_volume_name,
)
from .status import SYMLINK, FileStatus

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from .._endpoint import Endpoint
    from .._filestream import FileLike
    from .._proto.security.base import ClientSecurity
    from .._socket import BoundSocket
    from .cb import afsUUID
    from .directory import Directory

__all__ = ["FileClient", "FileClientStatistics", "open_file_client"]

CALLBACK_SERVICE_ID: Final = 1
MAX_LINK_DEPTH: Final = 16
MAX_LINK_TEXT: Final = 1024
"""The longest link target read (AFS limits them to 1,024 bytes)."""
MAX_DIRECTORY: Final = 1023 * 2048
"""The largest directory: 1,023 pages of 2 KiB."""
BULK_STATUS_MAX: Final = 50
"""FIDs per ``InlineBulkStatus`` call (``AFSCBMAX``)."""


def _oserror(cls: type[OSError], code: int, path: object) -> OSError:
    return cls(code, os.strerror(code), str(path))


@attrs.frozen
class _Node:
    """A resolved object: its status and the volume copy it lives in."""

    path: AfsPath
    status: FileStatus
    site: ServerSet


@attrs.define
class FileClientStatistics:
    """Counters of a :class:`FileClient`."""

    fetched_bytes: int = 0
    stored_bytes: int = 0
    directory_fetches: int = 0
    cache_hits: int = 0
    callbacks_broken: int = 0
    callback_calls: int = 0
    volume_lookups: int = 0


class FileClient:
    """A client of AFS fileservers (see the module's description).

    Made by :func:`open_file_client`; its methods may run concurrently.
    """

    def __init__(self, socket: BoundSocket, cell: Cell, *,
                 security: ClientSecurity | None, callbacks: CallbackService,
                 config_dir: str | os.PathLike[str], timeout: float | None) -> None:
        self._socket = socket
        self._cell = cell
        self._cells: dict[str, Cell] = {cell.name: cell}
        self._locators: dict[str, VolumeLocator] = {}
        self._security = security
        self._config_dir = config_dir
        self._timeout = timeout
        self._callbacks = callbacks
        self._cache = DirectoryCache()
        self._servers: dict[tuple[str, int], fs.Client] = {}
        self._stats = FileClientStatistics()

    @property
    def cell(self) -> Cell:
        """The home cell: paths name it by default, credentials are used only in it."""
        return self._cell

    @property
    def uuid(self) -> afsUUID:
        """The identity this client gives fileservers."""
        return self._callbacks.uuid

    def statistics(self) -> FileClientStatistics:
        """A copy of the counters."""
        cb = self._callbacks.statistics()
        return attrs.evolve(self._stats, callbacks_broken=cb.breaks,
                            callback_calls=cb.calls,
                            volume_lookups=sum(v.lookups for v in self._locators.values()))

    def _on_break(self, key: tuple[int, int, int] | None) -> None:
        self._cache.broken(key)

    # ------------------------------------------------------------------ servers and volumes

    def server(self, address: tuple[str, int], cell: str) -> fs.Client:
        """The fileserver client for ``address`` (the home cell's credentials in it only)."""
        client = self._servers.get(address)
        if client is None:
            security = self._security if cell == self._cell.name else None
            client = fs.Client(self._socket, address, security=security, timeout=self._timeout)
            self._servers[address] = client
        return client

    def _cell_named(self, name: str) -> Cell:
        cell = self._cells.get(name)
        if cell is None:
            cell = Cell.from_config(name, self._config_dir, ports=self._cell.ports)
            self._cells[name] = self._cells[cell.name] = cell
        return cell

    def _locator(self, cell: Cell) -> VolumeLocator:
        locator = self._locators.get(cell.name)
        if locator is None:
            security = self._security if cell.name == self._cell.name else None
            locator = VolumeLocator(self._socket, cell, security=security)
            self._locators[cell.name] = locator
        return locator

    async def _volume_root(self, path: AfsPath, cell: Cell, volume: str, *,
                           read_write: bool, parent_read_only: bool) -> _Node:
        entry = await self._locator(cell).entry(volume)
        kind: VolumeType
        explicit = split_volume_name(volume)[1]
        if explicit == "readonly":
            kind = "ro"
        elif explicit == "backup":
            kind = "bk"
        elif not read_write and parent_read_only and entry.exists("ro"):
            kind = "ro"
        else:
            kind = "rw"
        site = ServerSet(entry.site(kind, cell.port("fs")), cell.name)
        status = await self._status(site, (site.volume_id, 1, 1), path)
        return _Node(path, status, site)

    # ------------------------------------------------------------------ status and directories

    async def _status(self, site: ServerSet, fid: tuple[int, int, int],
                      path: AfsPath) -> FileStatus:
        cached = self._cache.status(fid)
        if cached is not None:
            self._stats.cache_hits += 1
            return cached
        result = await site.run(lambda address: self.server(address, site.cell).FetchStatus(
            fs.AFSFid(*fid)))
        return await self._remember(site, fid, result.OutStatus, result.CallBack, path)

    async def _remember(self, site: ServerSet, fid: tuple[int, int, int],
                        raw: fs.AFSFetchStatus, callback: fs.AFSCallBack,
                        path: AfsPath) -> FileStatus:
        target = None
        mount = False
        if raw.FileType == SYMLINK:
            text = await self._read_small(site, fid, raw, path)
            target = text.decode("utf-8", "surrogateescape")
            mount = is_mount_point_mode(raw.UnixModeBits) and \
                parse_mount_point(text) is not None
        status = FileStatus.from_wire(fid, raw, target, mount_point=mount)
        self._cache.put_status(fid, status, callback.ExpirationTime, callback.CallBackType)
        return status

    async def _read_small(self, site: ServerSet, fid: tuple[int, int, int],
                          raw: fs.AFSFetchStatus, path: AfsPath) -> bytes:
        size = (raw.Length_hi << 32) | raw.Length
        if size > MAX_LINK_TEXT:
            raise _oserror(OSError, errno.ENAMETOOLONG, path)

        async def fetch(address: tuple[str, int]) -> bytes:
            return (await read_all(self.server(address, site.cell), fid, MAX_LINK_TEXT))[0]

        return await site.run(fetch)

    async def _directory(self, node: _Node) -> Directory:
        fid = node.status.fid
        cached = self._cache.directory(fid, node.status.data_version)
        if cached is not None:
            self._stats.cache_hits += 1
            return cached
        self._stats.directory_fetches += 1

        async def fetch(address: tuple[str, int]) -> tuple[bytes, fs.FetchData64Result]:
            # Ask for the largest directory there can be: it may have grown since its
            # status was fetched, and the status that comes with the data is the one that
            # matches it.
            return await read_all(self.server(address, node.site.cell), fid, MAX_DIRECTORY)

        data, result = await node.site.run(fetch)
        directory = parse_directory(data)
        status = FileStatus.from_wire(fid, result.OutStatus)
        self._cache.put_directory(fid, status.data_version, directory)
        if status.data_version == node.status.data_version:
            return directory
        self._cache.put_status(fid, status, result.CallBack.ExpirationTime,
                               result.CallBack.CallBackType)
        return directory

    # ------------------------------------------------------------------ walking paths

    def path(self, text: str | AfsPath) -> AfsPath:
        """``text`` parsed as an AFS path (``/afs/CELL/...``).

        Raises:
            AfsPathError: not a path in AFS.
        """
        return text if isinstance(text, AfsPath) else parse_path(text)

    async def _root(self, path: AfsPath) -> _Node:
        cell = self._cell_named(path.cell)
        root = attrs.evolve(path, names=())
        return await self._volume_root(root, cell, "root.cell", read_write=path.read_write,
                                       parent_read_only=True)

    async def _resolve(self, path: AfsPath, *, follow: bool = True, depth: int = 0) -> _Node:
        if depth > MAX_LINK_DEPTH:
            raise _oserror(OSError, errno.ELOOP, path)
        node = await self._root(path)
        for index, name in enumerate(path.names):
            last = index == len(path.names) - 1
            if not node.status.is_dir:
                raise _oserror(NotADirectoryError, errno.ENOTDIR, node.path)
            entry = (await self._directory(node)).lookup(name)
            here = attrs.evolve(path, names=path.names[: index + 1])
            if entry is None:
                raise _oserror(FileNotFoundError, errno.ENOENT, here)
            fid = (node.site.volume_id, entry.vnode, entry.unique)
            status = await self._status(node.site, fid, here)
            child = _Node(here, status, node.site)
            if status.kind == "mountpoint" and (follow or not last):
                mount = parse_mount_point(status.target or "")
                assert mount is not None
                cell = self._cell_named(mount.cell) if mount.cell else \
                    self._cell_named(node.site.cell)
                child = await self._volume_root(here, cell, mount.volume,
                                                read_write=mount.read_write,
                                                parent_read_only=node.site.read_only)
            elif status.kind == "symlink" and (follow or not last):
                target = parse_path(status.target or "", cwd=node.path)
                rest = path.names[index + 1:]
                return await self._resolve(attrs.evolve(target, names=target.names + rest),
                                           follow=follow, depth=depth + 1)
            node = child
        return node

    # ------------------------------------------------------------------ the public operations

    async def stat(self, path: str | AfsPath, *, follow: bool = True) -> FileStatus:
        """The status of ``path``; with ``follow=False`` a link or mount point's own."""
        return (await self._resolve(self.path(path), follow=follow)).status

    async def listdir(self, path: str | AfsPath) -> list[tuple[str, FileStatus]]:
        """The entries of directory ``path`` (without ``.`` and ``..``) and their status,
        sorted by name; links and mount points are not followed."""
        node = await self._resolve(self.path(path))
        if not node.status.is_dir:
            raise _oserror(NotADirectoryError, errno.ENOTDIR, node.path)
        directory = await self._directory(node)
        names = sorted(directory.entries(skip_dots=True), key=lambda e: e.name)
        out: list[tuple[str, FileStatus]] = []
        for start in range(0, len(names), BULK_STATUS_MAX):
            batch = names[start:start + BULK_STATUS_MAX]
            fids = [(node.site.volume_id, e.vnode, e.unique) for e in batch]
            wire = [fs.AFSFid(*f) for f in fids]

            async def bulk(address: tuple[str, int], wire: list[fs.AFSFid] = wire,
                           ) -> fs.InlineBulkStatusResult:
                return await self.server(address, node.site.cell).InlineBulkStatus(wire)

            result = await node.site.run(bulk)
            for entry, fid, raw, callback in zip(batch, fids, result.StatArray,
                                                 result.CBArray, strict=False):
                child = node.path.child(entry.name)
                if raw.errorCode:
                    status = await self._status(node.site, fid, child)
                else:
                    status = await self._remember(node.site, fid, raw, callback, child)
                out.append((entry.name, status))
        return out

    async def get(self, path: str | AfsPath, target: str | os.PathLike[str] | FileLike, *,
                  progress: Progress | None = None, chunk_size: int | None = None,
                  ) -> FileStatus:
        """Copy file ``path`` to ``target`` (a local path or an open file/descriptor).

        A local path is written as ``target.part`` first and renamed when all the data is
        there; if the fileserver refuses (no read right, say) nothing local is created.
        Cancellation aborts the transfer and removes the partial file.
        """
        node = await self._resolve(self.path(path))
        if node.status.is_dir:
            raise _oserror(IsADirectoryError, errno.EISDIR, node.path)
        done = await fetch_to_file(self, node.site, node.status, target, progress=progress,
                                   chunk_size=chunk_size)
        self._stats.fetched_bytes += done
        return node.status

    async def digest(self, path: str | AfsPath, algorithm: str = "md5") -> str:
        """The hex digest (``hashlib`` name ``algorithm``) of file ``path``'s contents,
        streamed from the fileserver through the hash; nothing is stored locally."""
        node = await self._resolve(self.path(path))
        if node.status.is_dir:
            raise _oserror(IsADirectoryError, errno.EISDIR, node.path)
        return await digest_remote(self, node.site, node.status, algorithm)

    async def put(self, source: str | os.PathLike[str] | FileLike, path: str | AfsPath, *,
                  mode: int = 0o644, progress: Progress | None = None,
                  chunk_size: int | None = None) -> FileStatus:
        """Copy local ``source`` (a path or an open file) to ``path``, creating or replacing
        the file.  Cancellation aborts the store in flight (the file keeps what the
        fileserver had stored by then)."""
        where = self.path(path)
        if not where.names:
            raise _oserror(IsADirectoryError, errno.EISDIR, where)
        parent = await self._resolve(where.parent)
        directory = await self._directory(parent)
        site = parent.site
        if directory.lookup(where.name) is None:
            made = await site.run(
                lambda address: self.server(address, site.cell).CreateFile(
                    fs.AFSFid(*parent.status.fid), where.name,
                    fs.AFSStoreStatus(Mask=fs.AFS_SETMODE, UnixModeBits=mode)))
            self._cache.broken(parent.status.fid)
            fid = (made.OutFid.Volume, made.OutFid.Vnode, made.OutFid.Unique)
        else:
            # An existing name: the file it leads to (through links) is replaced.
            node = await self._resolve(where)
            if node.status.is_dir:
                raise _oserror(IsADirectoryError, errno.EISDIR, node.path)
            fid, site = node.status.fid, node.site
        stored, raw = await store_from_file(self, site, fid, source,
                                            progress=progress, chunk_size=chunk_size)
        self._stats.stored_bytes += stored
        self._cache.broken(fid)
        return FileStatus.from_wire(fid, raw)

    async def mkdir(self, path: str | AfsPath, *, mode: int = 0o755) -> FileStatus:
        """Make directory ``path`` (its parent must exist)."""
        where = self.path(path)
        parent = await self._resolve(where.parent)
        made = await parent.site.run(
            lambda address: self.server(address, parent.site.cell).MakeDir(
                fs.AFSFid(*parent.status.fid), where.name,
                fs.AFSStoreStatus(Mask=fs.AFS_SETMODE, UnixModeBits=mode)))
        self._cache.broken(parent.status.fid)
        fid = (made.OutFid.Volume, made.OutFid.Vnode, made.OutFid.Unique)
        return FileStatus.from_wire(fid, made.OutFidStatus)

    async def symlink(self, target: str, path: str | AfsPath) -> FileStatus:
        """Make ``path`` a symbolic link to ``target`` (mode 0755)."""
        return await self._link(path, target, 0o755)

    async def make_mount_point(self, path: str | AfsPath, volume: str, *,
                               cell: str | None = None, read_write: bool = False,
                               ) -> FileStatus:
        """Mount ``volume`` (of ``cell``; default: the directory's own) at ``path``.

        A regular mount point (``#``) leads to a read-only copy when one exists and the
        path above it is read-only; ``read_write`` makes a ``%`` one, always read/write.
        """
        text = str(MountPoint(volume, cell, read_write))
        if parse_mount_point(text) is None:
            raise AfsPathError(f"{volume!r} cannot be mounted: bad volume or cell name")
        return await self._link(path, text, MOUNT_POINT_MODE)

    async def _link(self, path: str | AfsPath, contents: str, mode: int) -> FileStatus:
        where = self.path(path)
        parent = await self._resolve(where.parent)
        made = await parent.site.run(
            lambda address: self.server(address, parent.site.cell).Symlink(
                fs.AFSFid(*parent.status.fid), where.name, contents,
                fs.AFSStoreStatus(Mask=fs.AFS_SETMODE, UnixModeBits=mode)))
        self._cache.broken(parent.status.fid)
        fid = (made.OutFid.Volume, made.OutFid.Vnode, made.OutFid.Unique)
        return FileStatus.from_wire(fid, made.OutFidStatus, contents,
                                    mount_point=mode == MOUNT_POINT_MODE)

    async def rename(self, old: str | AfsPath, new: str | AfsPath) -> None:
        """Rename ``old`` to ``new`` (in the same volume), replacing a file there."""
        source, target = self.path(old), self.path(new)
        if not source.names or not target.names:
            raise _oserror(PermissionError, errno.EPERM, source if not source.names
                           else target)
        old_dir = await self._resolve(source.parent)
        new_dir = await self._resolve(target.parent)
        if old_dir.site.volume_id != new_dir.site.volume_id:
            raise _oserror(OSError, errno.EXDEV, target)
        await old_dir.site.run(
            lambda address: self.server(address, old_dir.site.cell).Rename(
                fs.AFSFid(*old_dir.status.fid), source.name,
                fs.AFSFid(*new_dir.status.fid), target.name))
        self._cache.broken(old_dir.status.fid)
        self._cache.broken(new_dir.status.fid)

    async def remove(self, path: str | AfsPath) -> None:
        """Remove the file, link, mount point or empty directory ``path``."""
        where = self.path(path)
        if not where.names:
            raise _oserror(PermissionError, errno.EPERM, where)
        parent = await self._resolve(where.parent)
        node = await self._resolve(where, follow=False)
        dir_fid = fs.AFSFid(*parent.status.fid)
        if node.status.is_dir:
            await parent.site.run(lambda address: self.server(address, parent.site.cell)
                                  .RemoveDir(dir_fid, where.name))
        else:
            await parent.site.run(lambda address: self.server(address, parent.site.cell)
                                  .RemoveFile(dir_fid, where.name))
        self._cache.broken(parent.status.fid)
        self._cache.broken(node.status.fid)

    async def get_acl(self, path: str | AfsPath) -> ACL:
        """The access control list of directory ``path`` (of its directory, for a file)."""
        node = await self._resolve(self.path(path))
        result = await node.site.run(lambda address: self.server(address, node.site.cell)
                                     .FetchACL(fs.AFSFid(*node.status.fid)))
        return parse_acl(result.AccessList)

    async def set_acl(self, path: str | AfsPath, acl: ACL) -> None:
        """Replace the access control list of directory ``path``."""
        text = acl.to_text().encode() + b"\0"
        node = await self._resolve(self.path(path))
        await node.site.run(lambda address: self.server(address, node.site.cell)
                            .StoreACL(fs.AFSFid(*node.status.fid), text))
        self._cache.broken(node.status.fid)

    async def give_up_callbacks(self) -> None:
        """Tell every fileserver used that this client wants no more callbacks.

        Servers that do not answer are skipped.  Cancellation stops the round.
        """
        for client in list(self._servers.values()):
            try:
                with trio.move_on_after(2):
                    await client.GiveUpAllCallBacks()
            except RxRPCError:
                pass  # a server we cannot reach holds nothing we need
        self._cache.broken(None)


@asynccontextmanager
async def open_file_client(cell: Cell | str | None = None, *,
                           security: ClientSecurity | None = None,
                           config_dir: str | os.PathLike[str] = CLIENT_CONFIG_DIR,
                           endpoint: Endpoint | None = None, uuid: afsUUID | None = None,
                           timeout: float | None = None,  # noqa: ASYNC109 - per call
                           ) -> AsyncIterator[FileClient]:
    """A :class:`FileClient` for the duration of an ``async with`` block.

    Args:
        cell: the home cell: a :class:`~trio_rxrpc.afs.Cell`, a name looked up in
            ``config_dir``, or None for the one ``ThisCell`` names.
        security: credentials for the home cell (:mod:`~trio_rxrpc.afs.credentials`);
            None for anonymous calls.  Other cells are always called anonymously.
        config_dir: where ``ThisCell`` and ``CellServDB`` are.
        endpoint: the endpoint to use; None opens one on an ephemeral port.
        uuid: the identity to give fileservers (default: a new random one).
        timeout: how long a server may stay silent before a call fails.

    The callback service runs for the whole block; leaving it gives the fileservers'
    callbacks back and stops the service.  Cancellation of the block does the same.
    """
    if not isinstance(cell, Cell):
        cell = Cell.from_config(cell, config_dir)
    async with _endpoint_for(endpoint) as ep, trio.open_nursery() as nursery:
        listener = ep.socket()
        listener.listen([CALLBACK_SERVICE_ID])
        service = CallbackService(uuid=uuid)
        client = FileClient(ep.socket(), cell, security=security, callbacks=service,
                            config_dir=config_dir, timeout=timeout)
        service.set_break_handler(client._on_break)
        await nursery.start(service.serve, listener)
        try:
            yield client
        finally:
            with trio.CancelScope(shield=True):
                await client.give_up_callbacks()
            nursery.cancel_scope.cancel()


@asynccontextmanager
async def _endpoint_for(endpoint: Endpoint | None) -> AsyncIterator[Endpoint]:
    if endpoint is not None:
        yield endpoint
        return
    async with open_endpoint() as opened:
        yield opened
