"""A client for ``file_server.py``: fetch, store and list files.

::

    python examples/file_client.py put notes.pdf              # store as 'notes.pdf'
    python examples/file_client.py put notes.pdf docs/n.pdf   # store under another name
    python examples/file_client.py ls
    python examples/file_client.py get docs/n.pdf             # into ./n.pdf
    python examples/file_client.py get docs/n.pdf /tmp/       # into /tmp/n.pdf

Options (``--address``, ``--port``, ``--service``, ``--timeout``, ``--progress``) go after the
command.  The protocol is described in ``file_server.py``, which this script imports.

While a file moves, a progress bar (bytes, percentage, MB/s, where 1 MB = 10^6 bytes) is
redrawn in place up to ten times a second, if standard output is a terminal; ``--progress``
forces it on and ``--no-progress`` off.  Either way one summary line follows.  Every
transfer is checked end to end with SHA-256: ``get`` hashes the file as it is written and
compares the digest the server sends after the data, and ``put`` compares the digest of the
file the server stored.  ``get`` writes to a hidden temporary file beside the destination
and renames it only once the digest matched, so a failed transfer leaves nothing behind.

Any failure ends the program with status 1 and a message on standard error that names the
server's abort code, such as ``BAD_NAME (2): the name is not allowed``.  A bad option gives
status 2, and Ctrl-C status 130 (the call is aborted and a partial download removed).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import ipaddress
import os
import stat
import sys
import time
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Final, TextIO

import trio
from example_cli import (
    EXIT_FAILURE,
    EXIT_INTERRUPTED,
    EXIT_OK,
    USAGE_ROW,
    check_resolves,
    exit_statuses,
    run as run_program,
    seconds,
    service_id,
    udp_port,
)
from file_server import (
    DEFAULT_PORT,
    DEFAULT_SERVICE,
    DIGEST_SIZE,
    SIZE_BYTES,
    FileAbort,
    Op,
    abort_text,
    create_temporary,
    decode_listing,
    decode_size,
    encode_request,
    read_exactly,
    receive_file,
    send_file,
)

import trio_rxrpc as rx

if TYPE_CHECKING:
    from collections.abc import Callable

REDRAW_INTERVAL: Final = 0.1
"""Seconds between progress-bar redraws: at most ten a second."""
MAX_LISTING: Final = 64 << 20
"""The largest LIST reply accepted."""


class FileServiceError(Exception):
    """A request failed; the message says why.  ``code`` is the server's abort code, if any."""

    def __init__(self, message: str, code: int | None = None) -> None:
        super().__init__(message)
        self.code = code


@dataclasses.dataclass(frozen=True)
class Transfer:
    """What a finished ``get`` or ``put`` moved."""

    name: str
    """The name on the server."""
    path: Path
    """The local file."""
    size: int
    seconds: float
    sha256: str
    """The digest both sides agree on, in hex."""


class Progress:
    """Shows how a transfer goes.

    With ``live`` set, a bar is redrawn in place (with ``\\r``) at most every
    :data:`REDRAW_INTERVAL` seconds and once more at the end; otherwise nothing is drawn.
    """

    def __init__(self, out: TextIO, label: str, *, live: bool,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.out = out
        self.label = label if len(label) <= 24 else "..." + label[-21:]
        self.live = live
        self.clock = clock
        self.total = 0
        self.done = 0
        self.started = 0.0
        self.running = False
        self.redraws = 0
        self._drawn_at = -REDRAW_INTERVAL
        self._width = 0

    def start(self, total: int) -> None:
        self.total = total
        self.started = self.clock()
        self.running = True
        self._draw()

    def update(self, done: int) -> None:
        self.done = done
        if self.clock() - self._drawn_at >= REDRAW_INTERVAL:
            self._draw()

    def finish(self) -> None:
        """Draw the final state and end the line (only if live and started; only once)."""
        if self.live and self.running:
            self.running = False
            self._draw()
            self.out.write("\n")
            self.out.flush()

    def _draw(self) -> None:
        if not self.live:
            return
        now = self.clock()
        self._drawn_at = now
        self.redraws += 1
        fraction = self.done / self.total if self.total else 1.0
        filled = int(fraction * 20)
        elapsed = now - self.started
        rate = f"{self.done / elapsed / 1e6:7.1f} MB/s" if elapsed > 0 else " " * 12
        line = (f"{self.label} [{'#' * filled}{'-' * (20 - filled)}] {fraction:4.0%} "
                f"{self.done / 1e6:,.1f}/{self.total / 1e6:,.1f} MB {rate}")
        self.out.write("\r" + line.ljust(self._width))
        self.out.flush()
        self._width = len(line)


class FileClient:
    """Makes file-service calls from one bound socket to one server."""

    def __init__(self, sock: rx.BoundSocket, server: tuple[str, int], *,
                 service: int = DEFAULT_SERVICE, timeout: float | None = None) -> None:
        self.sock = sock
        self.server = server
        self.service = service
        self.timeout = timeout
        """How long the server may stay silent during a call (default: the endpoint's)."""

    def _call(self) -> rx.Call:
        return self.sock.call(self.server, self.service, timeout=self.timeout)

    async def get(self, name: str, dest: Path, progress: Progress | None = None) -> Transfer:
        """Fetch ``name`` into the file ``dest``, replacing it once the transfer checks out.

        Raises:
            FileServiceError: the server refused, or its reply was wrong or did not match.
            rx.RxRPCError: the call failed otherwise (no answer, for one).
            OSError: the destination could not be written.
        """
        fd = -1
        temporary = None
        try:
            try:
                async with self._call() as call:
                    await call.send_all(encode_request(Op.GET, name))
                    await call.send_eof()
                    header = await read_exactly(call, SIZE_BYTES)
                    if len(header) < SIZE_BYTES:
                        raise FileServiceError("the server's reply ended inside its header")
                    size = decode_size(header)
                    fd, temporary = create_temporary(dest)
                    start = time.perf_counter()
                    if progress is not None:
                        progress.start(size)
                    got, digest = await receive_file(
                        call, fd, size, progress.update if progress is not None else None)
                    if got < size:
                        raise FileServiceError(
                            f"the server's reply ended after {got:,} of {size:,} bytes")
                    theirs = await read_exactly(call, DIGEST_SIZE)
                    if len(theirs) < DIGEST_SIZE or await call.receive_some(1):
                        raise FileServiceError("the server's reply has the wrong length")
                seconds = time.perf_counter() - start
            except rx.RemoteAbort as exc:
                raise refusal("get", name, exc) from exc
            finally:
                if progress is not None:
                    progress.finish()
            if digest != theirs:
                raise FileServiceError(
                    f"SHA-256 mismatch: the server sent {theirs.hex()}, the {size:,} bytes "
                    f"received hash to {digest.hex()}; {dest} was left as it was")
            await trio.to_thread.run_sync(os.fsync, fd)
            os.replace(temporary, dest)
            temporary = None
        finally:
            if fd >= 0:
                os.close(fd)
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
        return Transfer(name, dest, size, seconds, digest.hex())

    async def put(self, path: Path, name: str, progress: Progress | None = None) -> Transfer:
        """Store the file ``path`` on the server as ``name``.

        Raises:
            FileServiceError: the server refused, or what it stored does not match.
            rx.RxRPCError: the call failed otherwise.
            OSError: ``path`` could not be read.
        """
        fd = await trio.to_thread.run_sync(os.open, path, os.O_RDONLY)
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise FileServiceError(f"{path} is not a regular file")
            size = info.st_size
            try:
                async with self._call() as call:
                    await call.send_all(encode_request(Op.PUT, name))
                    start = time.perf_counter()
                    if progress is not None:
                        progress.start(size)
                    digest = await send_file(
                        call, fd, size, progress.update if progress is not None else None)
                    await call.send_eof()
                    reply = await call.receive_all(max_size=SIZE_BYTES + DIGEST_SIZE)
                seconds = time.perf_counter() - start
            except rx.RemoteAbort as exc:
                raise refusal("put", name, exc) from exc
            except rx.LocalProtocolError as exc:  # receive_all(max_size=) overflowed
                raise FileServiceError("the server's reply is too long") from exc
            finally:
                if progress is not None:
                    progress.finish()
        finally:
            os.close(fd)
        if len(reply) != SIZE_BYTES + DIGEST_SIZE:
            raise FileServiceError("the server's reply has the wrong length")
        stored, theirs = decode_size(reply[:SIZE_BYTES]), reply[SIZE_BYTES:]
        if stored != size or theirs != digest:
            raise FileServiceError(
                f"the server stored {stored:,} bytes with SHA-256 {theirs.hex()}, but "
                f"{size:,} bytes with SHA-256 {digest.hex()} were sent (did {path} change?)")
        return Transfer(name, path, size, seconds, digest.hex())

    async def list(self) -> list[tuple[str, int]]:
        """The server's files and their sizes, sorted by name.

        Raises:
            FileServiceError: the server refused, or its reply is not a listing.
            rx.RxRPCError: the call failed otherwise.
        """
        try:
            async with self._call() as call:
                await call.send_all(encode_request(Op.LIST, ""))
                await call.send_eof()
                reply = await call.receive_all(max_size=MAX_LISTING)
        except rx.RemoteAbort as exc:
            raise refusal("ls", "", exc) from exc
        except rx.LocalProtocolError as exc:
            raise FileServiceError(f"the listing is larger than {MAX_LISTING:,} bytes") from exc
        try:
            return decode_listing(reply)
        except ValueError as exc:
            raise FileServiceError(f"the server's listing is garbled: {exc}") from exc


def refusal(command: str, name: str, exc: rx.RemoteAbort) -> FileServiceError:
    """The error for a call the server aborted, naming its code."""
    code = exc.abort_code or 0
    subject = f"{command} {name!r}" if name else command
    verb = "refused" if code in set(FileAbort) else "aborted"
    return FileServiceError(f"the server {verb} {subject}: {abort_text(code)}", code)


def wants_progress(choice: bool | None, out: TextIO) -> bool:
    """Whether to draw the bar: as ``--progress``/``--no-progress`` say, else on a terminal."""
    if choice is not None:
        return choice
    isatty = getattr(out, "isatty", None)
    return bool(isatty and isatty())


def local_address(server_host: str) -> tuple[str, int]:
    """Where the client's own endpoint binds: any port, in the family of the server."""
    try:
        ip = ipaddress.ip_address(server_host)
    except ValueError:
        return ("::", 0)  # a host name may resolve to either family; "::" takes both
    return ("0.0.0.0", 0) if ip.version == 4 else ("::", 0)


def summary(verb: str, transfer: Transfer, detail: str) -> str:
    rate = (f" ({transfer.size / transfer.seconds / 1e6:,.1f} MB/s)"
            if transfer.seconds > 0 else "")
    return (f"{verb}: {transfer.size:,} bytes in {transfer.seconds:.3f} s{rate}; "
            f"SHA-256 {transfer.sha256} {detail}")


async def run(args: argparse.Namespace, out: TextIO) -> None:
    """Do what the command line asks, printing to ``out``.  Raises on any failure."""
    live = wants_progress(args.progress, out)
    await check_resolves(args.address)
    async with rx.open_endpoint(local_address(args.address)) as endpoint:
        client = FileClient(endpoint.socket(), (args.address, args.port),
                            service=args.service, timeout=args.timeout)
        if args.command == "get":
            dest = Path(args.dest) if args.dest else Path(PurePosixPath(args.name).name or ".")
            if dest.is_dir():
                dest /= PurePosixPath(args.name).name
            if not dest.name or dest.is_dir():
                raise FileServiceError(f"cannot tell what to call the file: give DEST for "
                                       f"{args.name!r}")
            if not dest.parent.is_dir():
                raise FileServiceError(f"there is no folder {str(dest.parent)!r} to write "
                                       f"{dest.name!r} into")
            bar = Progress(out, f"get {args.name}", live=live)
            transfer = await client.get(args.name, dest, bar)
            print(summary(f"got {args.name!r} into {dest}", transfer, "verified"), file=out)
        elif args.command == "put":
            path = Path(args.path)
            name = args.name if args.name is not None else path.name
            bar = Progress(out, f"put {name}", live=live)
            transfer = await client.put(path, name, bar)
            print(summary(f"put {str(path)!r} as {name!r}", transfer, "matches the server's"),
                  file=out)
        else:
            entries = await client.list()
            for name, size in entries:
                print(f"{size:>15,}  {name}", file=out)
            total = sum(size for _, size in entries)
            print(f"{len(entries)} file{'' if len(entries) == 1 else 's'}, {total:,} bytes",
                  file=out)


def describe(exc: Exception) -> str:
    """A message for an error that ends the program."""
    if isinstance(exc, FileServiceError) or (isinstance(exc, OSError) and exc.errno is None):
        return str(exc)  # our own words (an OSError without errno: "cannot resolve ...")
    if isinstance(exc, rx.NetworkError):
        return f"network error: {exc}"
    if isinstance(exc, rx.ServerBusy):
        return "the server is too busy; try again later"
    if isinstance(exc, rx.CallError) and exc.abort_code is not None:
        return f"the call failed, {abort_text(exc.abort_code)}: {exc}"
    return f"{type(exc).__name__}: {exc}"


async def main(args: argparse.Namespace) -> int:
    try:
        await run(args, sys.stdout)
    except (FileServiceError, rx.RxRPCError, OSError) as exc:
        sys.stdout.flush()
        print(f"file_client: {args.command}: {describe(exc)}", file=sys.stderr)
        return EXIT_FAILURE
    return EXIT_OK


EXIT_STATUS = exit_statuses(
    (EXIT_OK, "done: the transfer checked out end to end, or the listing was printed"),
    (EXIT_FAILURE, "it failed: the server refused or did not answer, a digest did not "
                   "match, a local file could not be read or written, or the host is "
                   "unknown"),
    USAGE_ROW,
    (EXIT_INTERRUPTED, "interrupted by Ctrl-C: the call was aborted and a partial download "
                       "removed"),
)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--address", default="127.0.0.1",
                        help="the server's address or host name (default: %(default)s)")
    common.add_argument("--port", type=udp_port(), default=DEFAULT_PORT,
                        help="the server's UDP port (default: %(default)s)")
    common.add_argument("--service", type=service_id, default=DEFAULT_SERVICE,
                        help="the Rx service ID to call (default: %(default)s)")
    common.add_argument("--timeout", type=seconds(), default=10.0, metavar="SECONDS",
                        help="give up when the server is silent this long during a call "
                             "(default: %(default)s)")
    common.add_argument("--progress", action=argparse.BooleanOptionalAction,
                        help="draw a progress bar (default: only on a terminal)")
    parser = argparse.ArgumentParser(description="Fetch, store and list files on an Rx file "
                                                 "server (examples/file_server.py).",
                                     epilog=EXIT_STATUS,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    raw = argparse.RawDescriptionHelpFormatter
    get = commands.add_parser("get", parents=[common], help="fetch a file", epilog=EXIT_STATUS,
                              formatter_class=raw,
                              description="Fetch NAME from the server into DEST.")
    get.add_argument("name", metavar="NAME", help="the file's name on the server")
    get.add_argument("dest", metavar="DEST", nargs="?",
                     help="the file or folder to write to (default: NAME's last part, here)")
    put = commands.add_parser("put", parents=[common], help="store a file", epilog=EXIT_STATUS,
                              formatter_class=raw,
                              description="Store the local file PATH on the server as NAME.")
    put.add_argument("path", metavar="PATH", help="the local file")
    put.add_argument("name", metavar="NAME", nargs="?",
                     help="the name to store it under (default: PATH's last part)")
    commands.add_parser("ls", parents=[common], help="list the server's files",
                        epilog=EXIT_STATUS, formatter_class=raw,
                        description="List the server's files and their sizes.")
    return parser.parse_args(argv)


if __name__ == "__main__":
    # On Ctrl-C the call is aborted and any partial download removed on the way out.
    sys.exit(run_program("file_client", main, parse_args(),
                         on_interrupt="interrupted; the call was aborted"))
