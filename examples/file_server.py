"""An Rx file server: fetch, store and list the files of one directory.

Start it on a directory, then talk to it with ``file_client.py`` from another terminal::

    python examples/file_server.py /srv/share
    python examples/file_client.py put notes.pdf
    python examples/file_client.py ls
    python examples/file_client.py get notes.pdf copy.pdf

The server sends files with :meth:`Call.sendfile` and stores uploads with :meth:`Call.splice`
into a temporary file beside the target.  That file is synced and then renamed over the
target, so nobody ever sees half an upload.  Ctrl-C (or SIGTERM) stops the server: calls in
progress are aborted (their clients see ``RX_USER_ABORT``, -6) and half-written uploads are
removed.  The exit status is 0 after such a stop, 1 if it cannot serve (the port is taken,
say), 2 for a bad option and 130 for a Ctrl-C while it is still starting.

The protocol
------------
One call per operation, on Rx service 1235 (UDP port 7010 unless told otherwise).  Integers
are unsigned and big-endian.  Every request starts with the same header::

    u32 opcode        1 GET, 2 PUT, 3 LIST
    u32 length        of the name, at most 1024
    name              that many bytes of UTF-8 (no padding); empty for LIST

``GET``  request: the header alone.
         reply: ``u64 size``, then exactly ``size`` bytes of the file, then the 32-byte
         SHA-256 of those bytes, so the client can check what it stored end to end.
``PUT``  request: the header, then the file's bytes up to the end of the request.
         reply: ``u64 size`` and the 32-byte SHA-256 of the file as stored (read back).
``LIST`` request: the header with an empty name.
         reply: ``u32 count``, then for each file ``u32 length``, the name, ``u64 size``:
         every regular file under the directory that GET can fetch, sorted by name.

The server turns a request down by aborting the call with an application abort code (the
negative codes belong to Rx itself):

    1 NOT_FOUND    no such file (GET), or no such folder to store into (PUT)
    2 BAD_NAME     the name is not allowed: see below
    3 IO_ERROR     the server could not read or write the file
    4 BAD_REQUEST  an unknown opcode, a request cut short, or data where none belongs

A name is a relative path with ``/`` between its parts.  No part may be empty or start with
``.`` (so ``.`` and ``..`` never appear, and hidden files, the server's temporary files among
them, are out of reach); control characters, NUL included, are refused; and the path, with
symbolic links resolved, must lead to somewhere inside the directory.  PUT makes no folders.
"""

from __future__ import annotations

import argparse
import contextlib
import enum
import errno
import hashlib
import os
import secrets
import signal
import stat
import struct
import sys
import time
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Final, NoReturn, Protocol

import trio
from example_cli import (
    EXIT_FAILURE,
    EXIT_INTERRUPTED,
    EXIT_OK,
    USAGE_ROW,
    exit_statuses,
    run,
    service_id,
    udp_port,
    whole_number,
)

import trio_rxrpc as rx

if TYPE_CHECKING:
    from collections.abc import Callable

DEFAULT_PORT: Final = 7010
DEFAULT_SERVICE: Final = 1235
MAX_NAME_BYTES: Final = 1024
DIGEST_SIZE: Final = 32
"""Bytes in a SHA-256 digest."""
CHUNK: Final = 256 * 1024
"""Bytes moved between progress reports (and hashed in one worker-thread hop)."""

_HEADER: Final = struct.Struct(">II")
_SIZE: Final = struct.Struct(">Q")
_COUNT: Final = struct.Struct(">I")


class Op(enum.IntEnum):
    """Request opcodes."""

    GET = 1
    PUT = 2
    LIST = 3


class FileAbort(enum.IntEnum):
    """The application abort codes of the file service."""

    NOT_FOUND = 1
    BAD_NAME = 2
    IO_ERROR = 3
    BAD_REQUEST = 4


_MEANINGS: Final = {
    FileAbort.NOT_FOUND: "no such file or folder",
    FileAbort.BAD_NAME: "the name is not allowed",
    FileAbort.IO_ERROR: "the server could not read or write the file",
    FileAbort.BAD_REQUEST: "the server did not understand the request",
}


def abort_text(code: int) -> str:
    """``BAD_NAME (2): the name is not allowed``; Rx's own codes by their Rx names."""
    try:
        known = FileAbort(code)
    except ValueError:
        return rx.abort_code_name(code)
    return f"{known.name} ({known.value}): {_MEANINGS[known]}"


class Refused(Exception):
    """A request the server turns down: the call is aborted with ``code``."""

    def __init__(self, code: FileAbort, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


# ------------------------------------------------------------------------- encoding


def encode_request(op: Op, name: str) -> bytes:
    """The header of a request.

    A name from the command line may hold lone surrogates (bytes that were not UTF-8); it
    is still encoded (``surrogatepass``), and the server refuses it as not UTF-8.
    """
    raw = name.encode("utf-8", "surrogatepass")
    return _HEADER.pack(op, len(raw)) + raw


def encode_listing(entries: list[tuple[str, int]]) -> bytes:
    """A LIST reply."""
    parts = [_COUNT.pack(len(entries))]
    for name, size in entries:
        raw = name.encode()
        parts += (_COUNT.pack(len(raw)), raw, _SIZE.pack(size))
    return b"".join(parts)


def decode_listing(data: bytes) -> list[tuple[str, int]]:
    """Parse a LIST reply.

    Raises:
        ValueError: it is not one.
    """
    view = memoryview(data)
    try:
        (count,) = _COUNT.unpack_from(view, 0)
        offset = _COUNT.size
        entries = []
        for _ in range(count):
            (length,) = _COUNT.unpack_from(view, offset)
            offset += _COUNT.size
            raw = bytes(view[offset:offset + length])
            if len(raw) != length:
                raise ValueError("a name runs past the end of the reply")
            offset += length
            (size,) = _SIZE.unpack_from(view, offset)
            offset += _SIZE.size
            entries.append((raw.decode(), size))
    except struct.error as exc:
        raise ValueError(f"the listing is cut short: {exc}") from exc
    if offset != len(data):
        raise ValueError(f"{len(data) - offset} bytes follow the listing")
    return entries


def encode_size(size: int) -> bytes:
    return _SIZE.pack(size)


def decode_size(data: bytes) -> int:
    (size,) = _SIZE.unpack(data)
    return int(size)


SIZE_BYTES: Final = _SIZE.size


# ---------------------------------------------------------------------- moving bytes


async def read_exactly(call: rx.Call, size: int) -> bytes:
    """Read ``size`` bytes of the peer's data, fewer only if its data ends first."""
    buffer = bytearray()
    while len(buffer) < size:
        data = await call.receive_some(size - len(buffer))
        if not data:
            break
        buffer += data
    return bytes(buffer)


class Digest(Protocol):
    """What :func:`hash_block` feeds: a :mod:`hashlib` object."""

    def update(self, data: bytes, /) -> None: ...


def hash_block(digest: Digest, fd: int, offset: int, size: int) -> None:
    """Add ``size`` bytes of ``fd`` from ``offset`` to ``digest`` (run in a worker thread)."""
    while size > 0:
        block = os.pread(fd, min(size, 1 << 20), offset)
        if not block:
            return  # the file shrank: the digest will not match, which is the point
        digest.update(block)
        offset += len(block)
        size -= len(block)


async def send_file(call: rx.Call, fd: int, size: int,
                    progress: Callable[[int], None] | None = None) -> bytes:
    """Send ``size`` bytes of ``fd`` with sendfile; return their SHA-256.

    The file goes out a chunk at a time, so progress can be shown and memory stays bounded.
    Each chunk is read again and hashed once it is sent (the page cache still holds it), so
    a file that changes under the transfer gives a digest the receiver will not match.

    Raises:
        rx.CallError: the call failed (a file that shrinks aborts it).
    """
    digest = hashlib.sha256()
    done = 0
    while done < size:
        count = min(CHUNK, size - done)
        await call.sendfile(fd, done, count)
        await trio.to_thread.run_sync(hash_block, digest, fd, done, count)
        done += count
        if progress is not None:
            progress(done)
    return digest.digest()


async def receive_file(call: rx.Call, fd: int, size: int,
                       progress: Callable[[int], None] | None = None) -> tuple[int, bytes]:
    """Splice up to ``size`` bytes of the peer's data into ``fd`` (a new, empty file).

    Returns how many bytes arrived (fewer than ``size`` if the data ended first) and the
    SHA-256 of what was written, read back from the file chunk by chunk.
    """
    digest = hashlib.sha256()
    done = 0
    while done < size:
        written = await call.splice(fd, min(CHUNK, size - done))
        if not written:
            break
        await trio.to_thread.run_sync(hash_block, digest, fd, done, written)
        done += written
        if progress is not None:
            progress(done)
    return done, digest.digest()


def create_temporary(target: Path) -> tuple[int, Path]:
    """Create a new, empty, hidden file beside ``target``: ``(fd, path)``.

    It is opened for reading and writing, with the permissions a new file gets (the umask
    applies), and named ``.NAME.RANDOM.part``.
    """
    while True:
        path = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:  # pragma: no cover - 32 random bits collided
            continue
        return fd, path


def address_text(address: tuple[object, ...]) -> str:
    """``host:port``, or ``[host]:port`` for IPv6."""
    host = str(address[0]).removeprefix("::ffff:")
    return f"[{host}]:{address[1]}" if ":" in host else f"{host}:{address[1]}"


# ---------------------------------------------------------------------------- names


def check_name(name: str) -> tuple[str, ...]:
    """The parts of an acceptable name.

    Raises:
        Refused: ``BAD_NAME``, saying what is wrong with it.
    """
    if not name:
        raise Refused(FileAbort.BAD_NAME, "the name is empty")
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in name):
        raise Refused(FileAbort.BAD_NAME, "the name holds control characters")
    if name.startswith("/"):
        raise Refused(FileAbort.BAD_NAME, "the name is an absolute path")
    parts = tuple(name.split("/"))
    for part in parts:
        if not part:
            raise Refused(FileAbort.BAD_NAME, "the name has an empty part")
        if part.startswith("."):
            raise Refused(FileAbort.BAD_NAME, f"a part of the name starts with '.': {part!r}")
    return parts


class FileServer:
    """Serves the files under ``root``; :meth:`handle` is one call."""

    def __init__(self, root: Path, *, log: Callable[[str], None] | None = None) -> None:
        self.root = root.resolve(strict=True)
        self.log = log
        self.served = 0
        self.refused = 0
        self.failed = 0

    async def serve(self, sock: rx.BoundSocket, *,
                    task_status: trio.TaskStatus[None] = trio.TASK_STATUS_IGNORED) -> NoReturn:
        """Serve the calls ``sock`` (a listening socket) accepts, each in a task of its own."""
        await sock.serve(self.handle, task_status=task_status)

    # Blocking file-system work runs in worker threads (these helpers), except the small,
    # quick cleanups that must still happen when the handler is being cancelled.

    def locate(self, name: str) -> Path:
        """Where ``name`` leads, symbolic links resolved.

        Raises:
            Refused: ``BAD_NAME`` if the name is not allowed or leads out of the directory.
        """
        try:
            path = self.root.joinpath(*check_name(name)).resolve()
        except RuntimeError:  # how Python before 3.13 reports a loop of symbolic links
            raise Refused(FileAbort.BAD_NAME, "the name leads into a loop of links") from None
        if path == self.root or not path.is_relative_to(self.root):
            raise Refused(FileAbort.BAD_NAME, "the name leads outside the directory")
        return path

    def open_for_get(self, name: str) -> tuple[int, int]:
        """Open the file to send: ``(fd, size)``."""
        path = self.locate(name)
        try:
            fd = os.open(path, os.O_RDONLY)
        except (FileNotFoundError, NotADirectoryError):
            raise Refused(FileAbort.NOT_FOUND, "no such file") from None
        except OSError as exc:
            if exc.errno != errno.ELOOP:
                raise
            # Python 3.13's resolve() leaves a loop in place for open() to find.
            raise Refused(FileAbort.BAD_NAME, "the name leads into a loop of links") from None
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            os.close(fd)
            raise Refused(FileAbort.NOT_FOUND, "not a regular file")
        return fd, info.st_size

    def open_for_put(self, name: str) -> tuple[Path, int, Path]:
        """The target, and a new temporary file beside it: ``(target, fd, temporary path)``."""
        target = self.locate(name)
        if not target.parent.is_dir():
            raise Refused(FileAbort.NOT_FOUND, f"no folder {target.parent.name!r} to store into")
        if target.is_dir():
            raise Refused(FileAbort.BAD_NAME, "the name is a folder")
        # The leading '.' hides the file from LIST and puts it out of reach of any name.
        fd, temporary = create_temporary(target)
        return target, fd, temporary

    def list_files(self) -> list[tuple[str, int]]:
        """Every file GET would serve, with its size, sorted by name."""
        entries = []
        for folder, dirs, files in os.walk(self.root):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for file in files:
                relative = PurePosixPath(Path(folder, file).relative_to(self.root)).as_posix()
                try:
                    if len(relative.encode()) > MAX_NAME_BYTES:
                        continue
                    path = self.locate(relative)
                    if path.is_file():
                        entries.append((relative, path.stat().st_size))
                except (Refused, OSError, UnicodeError):
                    continue  # hidden, unnamable, leading outside, or gone meanwhile
        entries.sort()
        return entries

    # ---------------------------------------------------------------- the calls

    async def handle(self, call: rx.Call) -> None:
        """Serve one call: read the header, then do what it asks, or abort with a code."""
        what = "a request"
        try:
            op, name = await self.read_header(call)
            what = f"{op.name} {name!r}" if op is not Op.LIST else op.name
            if op is Op.GET:
                outcome = await self.serve_get(call, name)
            elif op is Op.PUT:
                outcome = await self.serve_put(call, name)
            else:
                outcome = await self.serve_list(call, name)
            self.served += 1
        except Refused as exc:
            self.refused += 1
            call.abort(exc.code)
            outcome = f"refused with {exc.code.name} ({exc.code.value}): {exc.reason}"
        except OSError as exc:
            self.failed += 1
            code = FileAbort.IO_ERROR
            call.abort(code)
            outcome = f"failed, aborted with {code.name} ({code.value}): {exc}"
        except rx.CallError as exc:
            self.failed += 1
            outcome = f"failed: {type(exc).__name__}: {exc}"
        if self.log is not None:
            self.log(f"{address_text(call.peer)} {what}: {outcome}")

    async def read_header(self, call: rx.Call) -> tuple[Op, str]:
        header = await read_exactly(call, _HEADER.size)
        if len(header) < _HEADER.size:
            raise Refused(FileAbort.BAD_REQUEST, "the request ended inside its header")
        opcode, length = _HEADER.unpack(header)
        try:
            op = Op(opcode)
        except ValueError:
            raise Refused(FileAbort.BAD_REQUEST, f"unknown opcode {opcode}") from None
        if length > MAX_NAME_BYTES:
            raise Refused(FileAbort.BAD_NAME, f"the name is longer than {MAX_NAME_BYTES} bytes")
        raw = await read_exactly(call, length)
        if len(raw) < length:
            raise Refused(FileAbort.BAD_REQUEST, "the request ended inside the name")
        try:
            return op, raw.decode()
        except UnicodeDecodeError:
            raise Refused(FileAbort.BAD_NAME, "the name is not UTF-8") from None

    async def expect_end(self, call: rx.Call) -> None:
        if await call.receive_some(1):
            raise Refused(FileAbort.BAD_REQUEST, "data follows the name")

    async def serve_get(self, call: rx.Call, name: str) -> str:
        await self.expect_end(call)
        start = time.perf_counter()
        fd, size = await trio.to_thread.run_sync(self.open_for_get, name)
        try:
            await call.send_all(encode_size(size))
            digest = await send_file(call, fd, size)
            await call.send_all(digest)
            await call.send_eof()
        finally:
            os.close(fd)
        return f"sent {size:,} bytes{rate_text(size, time.perf_counter() - start)}"

    async def serve_put(self, call: rx.Call, name: str) -> str:
        start = time.perf_counter()
        target, fd, temporary = await trio.to_thread.run_sync(self.open_for_put, name)
        try:
            size = await call.splice(fd)
            digest = await trio.to_thread.run_sync(self.seal, fd, size)
            os.replace(temporary, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
        finally:
            os.close(fd)
        await call.send_all(encode_size(size) + digest)
        await call.send_eof()
        return f"stored {size:,} bytes{rate_text(size, time.perf_counter() - start)}"

    @staticmethod
    def seal(fd: int, size: int) -> bytes:
        """Make an upload durable; return the SHA-256 of what is on disk."""
        os.fsync(fd)
        digest = hashlib.sha256()
        hash_block(digest, fd, 0, size)
        return digest.digest()

    async def serve_list(self, call: rx.Call, name: str) -> str:
        if name:
            raise Refused(FileAbort.BAD_REQUEST, "LIST takes an empty name")
        await self.expect_end(call)
        entries = await trio.to_thread.run_sync(self.list_files)
        await call.send_all(encode_listing(entries))
        await call.send_eof()
        return f"listed {len(entries)} file{'' if len(entries) == 1 else 's'}"


def rate_text(size: int, seconds: float) -> str:
    """`` in 0.071 s (118.2 MB/s)``, leaving the rate out for tiny transfers."""
    if size < 1 << 20 or seconds <= 0:
        return f" in {seconds:.3f} s"
    return f" in {seconds:.3f} s ({size / seconds / 1e6:,.1f} MB/s)"


async def wait_for_stop_signal(ready: str) -> None:
    """Print ``ready``, then return on the first Ctrl-C (SIGINT) or SIGTERM.

    The signals are caught from before ``ready`` is printed, so a Ctrl-C that follows it
    always gets the graceful stop.
    """
    with trio.open_signal_receiver(signal.SIGINT, signal.SIGTERM) as signals:
        print(ready, flush=True)
        async for _ in signals:
            return


async def main(args: argparse.Namespace) -> None:
    server = FileServer(Path(args.root), log=None if args.quiet else print_now)
    async with rx.open_endpoint((args.address, args.port)) as endpoint:
        sock = endpoint.socket()
        sock.listen([args.service], backlog=args.backlog)
        async with trio.open_nursery() as nursery:
            await nursery.start(server.serve, sock)
            await wait_for_stop_signal(f"file server for {server.root} listening on "
                                       f"{address_text(endpoint.address)}, service "
                                       f"{args.service} (Ctrl-C stops it)")
            # Cancelling serve() aborts the calls in progress; their handlers clean up.
            nursery.cancel_scope.cancel()
    print_now(f"stopped: {server.served} requests served, {server.refused} refused, "
              f"{server.failed} failed")


def print_now(text: str) -> None:
    print(text, flush=True)


EXIT_STATUS = exit_statuses(
    (EXIT_OK, "stopped by Ctrl-C or SIGTERM"),
    (EXIT_FAILURE, "could not serve: the address is unknown or the port is taken"),
    USAGE_ROW,
    (EXIT_INTERRUPTED, "interrupted by Ctrl-C before it was serving"),
)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Serve the files of one directory over Rx.",
                                     epilog=EXIT_STATUS,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("root", help="the directory to serve")
    parser.add_argument("--address", default="127.0.0.1",
                        help="address to listen on; '::' for every interface, IPv4 and "
                             "IPv6 (default: %(default)s)")
    parser.add_argument("--port", type=udp_port(any_port=True), default=DEFAULT_PORT,
                        help="UDP port, 0 for any (default: %(default)s)")
    parser.add_argument("--service", type=service_id, default=DEFAULT_SERVICE,
                        help="Rx service ID to serve (default: %(default)s)")
    parser.add_argument("--backlog", type=whole_number(1), default=64,
                        help="calls that may wait to be accepted; more are answered BUSY "
                             "(default: %(default)s)")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="do not print a line per request")
    args = parser.parse_args(argv)
    if not Path(args.root).is_dir():
        parser.error(f"{args.root} is not a directory")
    return args


if __name__ == "__main__":
    sys.exit(run("file_server", main, parse_args(), failure="cannot serve",
                 on_interrupt="stopped at once"))
