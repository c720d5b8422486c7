"""Moving file data between local files and a fileserver, in bounded memory.

A file is read with ``RXAFS_FetchData64`` calls and written with ``RXAFS_StoreData64``
calls, one call per chunk (64 MiB by default).  Inside a call the data goes straight between
the Rx call and the local file: :meth:`~trio_rxrpc.rpc.SplitStream.splice` writes what has
arrived before more is acknowledged, :meth:`~trio_rxrpc.rpc.SplitStream.sendfile` reads
only what the send window has room for.  So memory is bounded by the Rx windows and the
file blocks in flight, not by the chunk or the file.

``FetchData64``'s streamed data starts with the length the server is about to send (64
bits), then the bytes; ``StoreData64``'s arguments carry the position, the length of this
chunk and the file's new total length, then the bytes follow.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Final, TypeAlias

import trio

from .._errors import RemoteProtocolError
from .._filestream import fileno
from . import fs

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from .._filestream import FileLike
    from ..rpc import SplitStream
    from ._fsstate import ServerSet
    from .files import FileClient
    from .status import FileStatus

__all__ = ["DEFAULT_CHUNK", "Progress", "digest_remote", "fetch_to_file", "read_all",
           "store_from_file"]

DEFAULT_CHUNK: Final = 64 << 20
"""Bytes moved per FetchData64/StoreData64 call."""
PROGRESS_INTERVAL: Final = 0.25
MAX_SMALL_READ: Final = 64 << 20
"""The most :func:`read_all` takes into memory (a directory is at most 2 MiB)."""

Progress: TypeAlias = Callable[[int, int], None]
"""Called with ``(bytes done, bytes in all)`` as a transfer goes on."""


def _fid(fid: tuple[int, int, int]) -> fs.AFSFid:
    return fs.AFSFid(*fid)


async def _length(stream: SplitStream, asked: int) -> int:
    header = await stream.receive_exactly(8)
    length = int.from_bytes(header, "big", signed=True)
    if not 0 <= length <= asked:
        raise RemoteProtocolError(
            f"the fileserver announced {length} bytes where at most {asked} were asked for")
    return length


async def read_all(client: fs.Client, fid: tuple[int, int, int],
                   limit: int) -> tuple[bytes, fs.FetchData64Result]:
    """The whole of a small object (a directory or a link's target, up to ``limit`` bytes)
    in memory, with the status it had when it was read."""
    if limit > MAX_SMALL_READ:
        raise ValueError(f"{limit} bytes is too much to hold in memory")
    async with client.FetchData64(_fid(fid), 0, limit) as stream:
        length = await _length(stream, limit)
        data = await stream.receive_exactly(length)
        result = await stream.finish()
    return data, result


@contextlib.asynccontextmanager
async def _ticker(progress: Callable[[int, int], None] | None, base: int, total: int,
                  stream: SplitStream, sending: bool) -> AsyncIterator[None]:
    """Report progress from the call's counters while the body runs."""
    if progress is None:
        yield
        return

    async def tick() -> None:
        while True:
            await trio.sleep(PROGRESS_INTERVAL)
            stats = stream.call.statistics()
            moved = stats.bytes_sent if sending else max(0, stats.bytes_received - 8)
            progress(min(total, base + moved), total)

    async with trio.open_nursery() as nursery:
        nursery.start_soon(tick)
        try:
            yield
        finally:
            nursery.cancel_scope.cancel()


class _Target:
    """Where fetched data goes: a caller's open file, or ``NAME.part`` that becomes ``NAME``
    when all the data is there (and is removed otherwise)."""

    def __init__(self, target: str | os.PathLike[str] | FileLike) -> None:
        self.final: Path | None = None
        self.part: Path | None = None
        if isinstance(target, str | os.PathLike):
            self.final = Path(target)
            self.part = self.final.with_name(self.final.name + ".part")
            self.fd = os.open(self.part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        else:
            self.fd = fileno(target)

    def commit(self, size: int) -> None:
        """The data is complete: cut the file to ``size`` and give it its name."""
        if self.final is not None and self.part is not None:
            os.ftruncate(self.fd, size)
            os.close(self.fd)
            os.replace(self.part, self.final)
            self.final = self.part = None

    def discard(self) -> None:
        """The transfer failed: close and remove the partial file (if this made one)."""
        if self.part is not None:
            os.close(self.fd)
            with contextlib.suppress(OSError):
                os.unlink(self.part)
            self.final = self.part = None


async def fetch_to_file(client: FileClient, site: ServerSet, status: FileStatus,
                        target: str | os.PathLike[str] | FileLike, *,
                        progress: Callable[[int, int], None] | None = None,
                        chunk_size: int | None = None) -> int:
    """Copy the file ``status`` describes into ``target``; returns the bytes written.

    The local file is created only once the fileserver has agreed to send the data, as
    ``target.part``, renamed to ``target`` at the end and removed if anything fails.
    """
    chunk = chunk_size or DEFAULT_CHUNK
    if chunk <= 0:
        raise ValueError("chunk_size must be positive")
    total = status.size
    fid = status.fid
    opened: list[_Target] = []
    position = 0

    async def one_chunk(address: tuple[str, int]) -> int:
        length = min(chunk, total - position)
        server = client.server(address, site.cell)
        async with server.FetchData64(_fid(fid), position, length) as stream:
            count = await _length(stream, length)
            if not opened:
                opened.append(_Target(target))
            fd = opened[0].fd
            with contextlib.suppress(OSError):
                os.lseek(fd, position, os.SEEK_SET)
            async with _ticker(progress, position, total, stream, sending=False):
                await stream.splice(fd, count)
            await stream.finish()
        return count

    try:
        while True:
            count = await site.run(one_chunk)
            position += count
            if progress is not None:
                progress(position, total)
            if count == 0 or position >= total:
                break
        if opened:
            opened[0].commit(position)
    finally:
        if opened:
            opened[0].discard()  # nothing left to do after a commit
    return position


async def store_from_file(client: FileClient, site: ServerSet, fid: tuple[int, int, int],
                          source: str | os.PathLike[str] | FileLike, *,
                          progress: Callable[[int, int], None] | None = None,
                          chunk_size: int | None = None,
                          ) -> tuple[int, fs.AFSFetchStatus]:
    """Replace the file ``fid`` with the contents of regular file ``source``; returns the
    bytes stored and the file's new status."""
    chunk = chunk_size or DEFAULT_CHUNK
    if chunk <= 0:
        raise ValueError("chunk_size must be positive")
    own = isinstance(source, str | os.PathLike)
    fd = os.open(source, os.O_RDONLY) if own else fileno(source)  # type: ignore[arg-type]
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("only a regular file can be stored (its size must be known)")
        total = info.st_size
        position = 0
        mtime = int(time.time())
        outcome: list[fs.AFSFetchStatus] = []
        while True:
            length = min(chunk, total - position)

            async def one_chunk(address: tuple[str, int], length: int = length,
                                position: int = position) -> None:
                server = client.server(address, site.cell)
                store = fs.AFSStoreStatus(Mask=fs.AFS_SETMODTIME, ClientModTime=mtime)
                async with server.StoreData64(_fid(fid), store, position, length,
                                              total) as stream:
                    if length:
                        async with _ticker(progress, position, total, stream, sending=True):
                            await stream.sendfile(fd, position, length)
                    result = await stream.finish()
                outcome[:] = [result.OutStatus]

            await site.run(one_chunk)
            position += length
            if progress is not None:
                progress(position, total)
            if position >= total:
                break
        return total, outcome[0]
    finally:
        if own:
            os.close(fd)


async def digest_remote(client: FileClient, site: ServerSet, status: FileStatus,
                        algorithm: str, *, chunk_size: int | None = None) -> str:
    """The hex digest of a file's contents as the fileserver sends them (nothing stored)."""
    import hashlib

    hasher = hashlib.new(algorithm)
    chunk = chunk_size or DEFAULT_CHUNK
    total = status.size
    position = 0

    async def one_chunk(address: tuple[str, int]) -> int:
        length = min(chunk, total - position)
        server = client.server(address, site.cell)
        async with server.FetchData64(_fid(status.fid), position, length) as stream:
            count = await _length(stream, length)
            left = count
            while left:
                data = await stream.receive_some(min(left, 1 << 20))
                if not data:
                    raise RemoteProtocolError("the fileserver's data ended early")
                hasher.update(data)
                left -= len(data)
            await stream.finish()
        return count

    while True:
        count = await site.run(one_chunk)
        position += count
        if count == 0 or position >= total:
            return hasher.hexdigest()
