"""What a file client keeps between calls: cached status and directories, and server sets.

A fileserver's callback promises that a cached status or directory stays right until the
server says otherwise (a ``CallBack`` call) or the promise expires.  :class:`DirectoryCache`
keeps an object's status while its promise holds and a directory's parsed contents for as
long as its data version is current.  :class:`ServerSet` makes a call on one of the
fileservers that hold a volume copy, moving to the next when one cannot be reached.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, TypeVar

import trio

from .._errors import NetworkError, RemoteAbort
from .vice_errors import VBUSY, VOFFLINE, VSALVAGING

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from ._volumes import Site
    from .directory import Directory
    from .status import FileStatus

__all__ = ["DirectoryCache", "ServerSet"]

T = TypeVar("T")

CALLBACK_DROPPED: Final = 3
"""``CallBackType`` of a status that comes with no promise."""
EXPIRY_MARGIN: Final = 10.0
"""Seconds before a promise's expiry at which it is no longer trusted."""
RETRY_CODES: Final = frozenset({VBUSY.code, VSALVAGING.code, -100})
"""Codes that mean "this volume, a moment later": busy, being salvaged, server restarting."""
RETRY_FOR: Final = 60.0
"""How long calls keep being retried on a busy volume."""
MAX_DIRECTORIES: Final = 1024
MAX_STATUSES: Final = 65536

Fid = tuple[int, int, int]


class DirectoryCache:
    """Statuses under callback promises, and parsed directories by data version."""

    def __init__(self) -> None:
        self._status: dict[Fid, tuple[FileStatus, float]] = {}
        self._dirs: dict[Fid, tuple[int, Directory]] = {}

    def status(self, fid: Fid) -> FileStatus | None:
        found = self._status.get(fid)
        if found is None:
            return None
        status, expires = found
        if trio.current_time() >= expires:
            del self._status[fid]
            return None
        return status

    def put_status(self, fid: Fid, status: FileStatus, expiration: int,
                   callback_type: int) -> None:
        if callback_type == CALLBACK_DROPPED or expiration <= EXPIRY_MARGIN:
            self._status.pop(fid, None)
            return
        if len(self._status) >= MAX_STATUSES:
            self._status.clear()
        self._status[fid] = (status, trio.current_time() + expiration - EXPIRY_MARGIN)

    def directory(self, fid: Fid, data_version: int) -> Directory | None:
        found = self._dirs.get(fid)
        if found is None or found[0] != data_version:
            return None
        return found[1]

    def put_directory(self, fid: Fid, data_version: int, directory: Directory) -> None:
        if len(self._dirs) >= MAX_DIRECTORIES:
            self._dirs.pop(next(iter(self._dirs)))
        self._dirs[fid] = (data_version, directory)

    def broken(self, key: Fid | None) -> None:
        """Forget ``key`` (a whole volume for ``(volume, 0, 0)``; everything for None)."""
        if key is None:
            self._status.clear()
            self._dirs.clear()
        elif key[1] == 0 and key[2] == 0:
            for table in (self._status, self._dirs):
                for fid in [f for f in table if f[0] == key[0]]:
                    del table[fid]
        else:
            self._status.pop(key, None)
            self._dirs.pop(key, None)


class ServerSet:
    """The fileservers holding one volume copy; calls go to the first that answers."""

    def __init__(self, site: Site, cell: str) -> None:
        self.site = site
        self.cell = cell
        self._order = list(site.servers)

    @property
    def volume_id(self) -> int:
        return self.site.volume_id

    @property
    def read_only(self) -> bool:
        return self.site.read_only

    async def run(self, attempt: Callable[[tuple[str, int]], Awaitable[T]]) -> T:
        """``attempt(address)`` on each server in turn until one neither cannot be reached
        (:class:`~trio_rxrpc.NetworkError`) nor has the volume offline; that one is tried
        first next time.  A busy volume (``VBUSY``, as while it is being written or moved)
        is asked again after a pause that grows to a second, for up to :data:`RETRY_FOR`
        seconds, as a cache manager does.  Cancellation propagates."""
        give_up = trio.current_time() + RETRY_FOR
        pause = 0.02
        while True:
            failure: NetworkError | RemoteAbort | None = None
            busy = False
            for address in list(self._order):
                try:
                    result = await attempt(address)
                except NetworkError as exc:
                    failure = exc
                    continue
                except RemoteAbort as exc:
                    if exc.abort_code == VOFFLINE.code:
                        failure = exc
                        continue
                    if exc.abort_code not in RETRY_CODES:
                        raise
                    failure, busy = exc, True
                    continue
                if self._order[0] != address:
                    self._order.remove(address)
                    self._order.insert(0, address)
                return result
            assert failure is not None
            if not busy or trio.current_time() + pause > give_up:
                raise failure
            await trio.sleep(pause)
            pause = min(pause * 2, 1.0)
