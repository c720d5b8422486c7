"""Moving file data through a call: the bodies of ``Call.sendfile`` and ``Call.splice``.

Both keep memory bounded whatever the file's size: ``sendfile`` reads blocks only as the
send window has room for them, and ``splice`` writes what has arrived before reading more,
so a slow disk or pipe holds the peer back through the Rx window.  A regular file is read
or written directly as long as each read or write takes under :data:`QUICK_IO` (the page
cache takes a block in well under a millisecond; a thread hop costs more than that, and
while the event loop is busy the hop's return can wait for the GIL for milliseconds, which
stalls the call); after the first slower one, and for other blocking descriptors, the I/O
runs in a worker thread, one hop per block (never per packet).  A non-blocking pipe or
socket is waited on with trio.  The
caller holds the call's send (or receive) guard.
"""

from __future__ import annotations

import os
import stat
import time
from typing import TYPE_CHECKING, Final, Protocol

import trio

from ._errors import CallError, error_for_completion
from ._proto.call import Completion

if TYPE_CHECKING:
    from ._call import Call
    from ._proto.call import CallCore

_FILE_BLOCK: Final = 256 * 1024
QUICK_IO: Final = 0.005
"""Seconds a read or write of a regular file may take on the event loop's thread; after a
slower one, :func:`send_file` or :func:`splice_to` goes on from a worker thread."""


class _HasFileno(Protocol):
    def fileno(self) -> int: ...


FileLike = int | _HasFileno
"""A file descriptor, or an object with ``fileno()``."""


def fileno(file: FileLike) -> int:
    """The descriptor of ``file``.

    Raises:
        TypeError: ``file`` is neither a descriptor nor has ``fileno()``.
    """
    if isinstance(file, bool):
        raise TypeError("a file descriptor or a file object is needed, not a bool")
    if isinstance(file, int):
        return file
    method = getattr(file, "fileno", None)
    if method is None:
        raise TypeError(f"a file descriptor or a file object is needed, not {file!r}")
    fd = method()
    if not isinstance(fd, int):
        raise TypeError(f"{file!r}.fileno() did not return a descriptor")
    return fd


async def send_file(call: Call, core: CallCore, file: FileLike, offset: int,
                    count: int | None, error_code: int) -> int:
    """The body of :meth:`Call.sendfile` (see there)."""
    fd = fileno(file)
    if offset < 0 or (count is not None and count < 0):
        raise ValueError("offset and count must not be negative")
    sent = 0
    # As in splice_to: read on this thread while reads are quick (the page cache), from a
    # worker thread after the first slow one.
    inline = stat.S_ISREG(os.fstat(fd).st_mode)
    try:
        while count is None or sent < count:
            want = _FILE_BLOCK if count is None else min(_FILE_BLOCK, count - sent)
            try:
                if inline:
                    started = time.perf_counter()
                    block = os.pread(fd, want, offset + sent)
                    if time.perf_counter() - started > QUICK_IO:
                        inline = False
                else:
                    block = await trio.to_thread.run_sync(os.pread, fd, want, offset + sent)
            except OSError as exc:
                call._abort_core(error_code)
                raise error_for_completion(
                    Completion.LOCAL_ERROR, error_code,
                    f"reading the file failed after {sent} bytes: {exc}") from exc
            if not block:
                if count is not None:
                    call._abort_core(error_code)
                    raise error_for_completion(
                        Completion.LOCALLY_ABORTED, error_code,
                        f"the file ended after {sent} of {count} bytes")
                break
            await call._send(core, block, eor=False)
            sent += len(block)
    except CallError as exc:
        exc.bytes_transferred = sent
        call._failure_reported = True
        raise
    return sent


async def splice_to(call: Call, core: CallCore, target: FileLike, count: int | None,
                    error_code: int) -> int:
    """The body of :meth:`Call.splice` (see there)."""
    fd = fileno(target)
    if count is not None and count < 0:
        raise ValueError("count must not be negative")
    mode = os.fstat(fd).st_mode
    direct = not stat.S_ISREG(mode) and not os.get_blocking(fd)
    # A regular file is written from this thread while its writes are quick (they land in
    # the page cache); a thread hop per batch costs more than such a write, and holds up
    # the taking of the next batch.  The first slow write (a disk that is behind, a remote
    # file system) moves the rest of the transfer to a worker thread.
    inline = stat.S_ISREG(mode)
    written = 0
    try:
        while count is None or written < count:
            limit = None if count is None else count - written
            data = await call._receive(core, limit)
            if not data:
                break
            view = memoryview(data)
            while view:
                try:
                    if direct:
                        try:
                            n = os.write(fd, view)
                        except BlockingIOError:
                            await trio.lowlevel.wait_writable(fd)
                            continue
                    elif inline:
                        started = time.perf_counter()
                        n = os.write(fd, view)
                        if time.perf_counter() - started > QUICK_IO:
                            inline = False
                    else:
                        n = await trio.to_thread.run_sync(os.write, fd, view)
                except OSError as exc:
                    call._abort_core(error_code)
                    raise error_for_completion(
                        Completion.LOCAL_ERROR, error_code,
                        f"writing the data failed after {written} bytes: {exc}") from exc
                view = view[n:]
                written += n
    except CallError as exc:
        exc.bytes_transferred = written
        call._failure_reported = True
        raise
    return written
