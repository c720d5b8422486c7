"""A note store built on an interface of its own: ``notes.xg``, compiled by rxgen.

``notes_rpc.py`` is generated from ``notes.xg`` and ``notes.et``; this script is the rest::

    python examples/notes.py serve                       # a server on 127.0.0.1:7042
    python examples/notes.py put shopping "eggs, milk"   # small notes travel in the call
    python examples/notes.py get shopping
    python examples/notes.py upload big.iso disk.img     # any size: streamed (sendfile)
    python examples/notes.py download disk.img copy.img  # streamed back (splice)
    python examples/notes.py list
    python examples/notes.py delete shopping
    python examples/notes.py demo                        # a server and a client, one process

The server implements the generated ``notes_rpc.Service`` by overriding its methods and
raises the generated error classes (``NOTE_NOENT``...), which reach the client as the same
classes.  ``Upload`` and ``Download`` are split procedures: their data streams through the
call between the arguments and the results.  Failures end with status 1 and one line naming
the error, e.g. ``notes: NOTE_NOENT (955581696): No such note``.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Final

import notes_rpc as rpc
import trio
from example_cli import EXIT_FAILURE, EXIT_OK, USAGE_ROW, exit_statuses, run, udp_port

import trio_rxrpc as rx

if TYPE_CHECKING:
    from collections.abc import Sequence

    from trio_rxrpc.rpc import SplitStream

DEFAULT_PORT: Final = 7042
LENGTH: Final = 8
"""Download streams the body's length as a 64-bit big-endian number, then the body."""


class NoteStore(rpc.Service):
    """The server: notes in memory, by title."""

    def __init__(self) -> None:
        self.notes: dict[str, tuple[rpc.noteinfo, bytes]] = {}

    def _store(self, title: str, kind: rpc.notekind, body: bytes) -> rpc.noteinfo:
        old = self.notes.get(title)
        version = 1 if old is None else old[0].version + 1
        info = rpc.noteinfo(title, kind, len(body), version)
        self.notes[title] = (info, body)
        return info

    def _find(self, title: str) -> tuple[rpc.noteinfo, bytes]:
        try:
            return self.notes[title]
        except KeyError:
            raise rpc.NOTE_NOENT() from None

    async def Put(self, call: rx.Call, title: str, kind: rpc.notekind, body: bytes) -> int:
        return self._store(title, kind, body).version

    async def Get(self, call: rx.Call, title: str) -> rpc.GetResult:
        info, body = self._find(title)
        if len(body) > rpc.NOTES_MAXBODY:
            raise rpc.NOTE_TOOBIG()
        return rpc.GetResult(info, body)

    async def List(self, call: rx.Call, prefix: str, start: int) -> rpc.ListResult:
        titles = sorted(t for t in self.notes if t.startswith(prefix))[max(start, 0):]
        page = titles[:rpc.NOTES_MAXLIST]
        more = len(titles) > len(page)
        return rpc.ListResult(page, start + len(page) if more else -1)

    async def Upload(self, stream: SplitStream, title: str, kind: rpc.notekind,
                     size: int) -> rpc.noteinfo:
        try:
            body = await stream.receive_exactly(size)
        except trio.BrokenResourceError:
            raise rpc.NOTE_BADSIZE() from None
        if await stream.receive_some(1):
            raise rpc.NOTE_BADSIZE()
        return self._store(title, kind, body)

    async def Download(self, stream: SplitStream, title: str) -> rpc.noteinfo:
        info, body = self._find(title)
        await stream.send_all(len(body).to_bytes(LENGTH, "big"))
        await stream.send_all(body)
        return info

    async def Delete(self, call: rx.Call, title: str) -> None:
        self._find(title)
        del self.notes[title]


async def upload(client: rpc.Client, title: str, path: Path) -> rpc.noteinfo:
    """Stream a file into a note with ``sendfile`` (no copy through Python per packet)."""
    with path.open("rb") as file:
        size = os.fstat(file.fileno()).st_size
        async with client.Upload(title, rpc.NOTE_BINARY, size) as stream:
            await stream.sendfile(file, 0, size)
            return await stream.finish()


async def download(client: rpc.Client, title: str, path: Path) -> rpc.noteinfo:
    """Stream a note into a file with ``splice``."""
    async with client.Download(title) as stream:
        size = int.from_bytes(await stream.receive_exactly(LENGTH), "big")
        with path.open("wb") as file:
            await stream.splice(file, size)
        return await stream.finish()


async def serve(address: str, port: int) -> None:
    async with rx.open_endpoint((address, port)) as endpoint:
        sock = endpoint.socket()
        sock.listen([rpc.SERVICE_ID])
        print(f"notes: serving on {address}:{endpoint.address[1]}", flush=True)
        await NoteStore().serve(sock)


async def client_command(args: argparse.Namespace) -> int:
    async with rx.open_endpoint() as endpoint:
        client = rpc.Client(endpoint.socket(), (args.address, args.port))
        await command(client, args)
    return 0


async def command(client: rpc.Client, args: argparse.Namespace) -> None:
    if args.command == "put":
        version = await client.Put(args.title, rpc.NOTE_TEXT, args.text.encode())
        print(f"{args.title}: version {version}")
    elif args.command == "get":
        info, body = await client.Get(args.title)
        print(body.decode(errors="replace") if info.kind == rpc.NOTE_TEXT else body.hex())
    elif args.command == "list":
        start = 0
        while start >= 0:
            titles, start = await client.List(args.prefix, start)
            for title in titles:
                print(title)
    elif args.command == "upload":
        info = await upload(client, args.title, Path(args.file))
        print(f"{info.title}: {info.size} bytes, version {info.version}")
    elif args.command == "download":
        info = await download(client, args.title, Path(args.file))
        print(f"{info.title}: {info.size} bytes written to {args.file}")
    elif args.command == "delete":
        await client.Delete(args.title)


async def demo() -> int:
    """A server and a client in one process: every procedure once, and a typed error."""
    async with rx.open_endpoint(("127.0.0.1", 0)) as endpoint, trio.open_nursery() as nursery:
        sock = endpoint.socket()
        sock.listen([rpc.SERVICE_ID])
        await nursery.start(NoteStore().serve, sock)
        client = rpc.Client(endpoint.socket(), ("127.0.0.1", endpoint.address[1]))
        print("Put:", await client.Put("hello", rpc.NOTE_TEXT, b"hello, notes"))
        info, body = await client.Get("hello")
        print("Get:", info, body)
        data = os.urandom(300_000)
        async with client.Upload("big", rpc.NOTE_BINARY, len(data)) as up:
            await up.send_all(data)
            print("Upload:", await up.finish())
        async with client.Download("big") as down:
            size = int.from_bytes(await down.receive_exactly(LENGTH), "big")
            same = await down.receive_exactly(size) == data
            print("Download:", await down.finish(), "same bytes:", same)
        print("List:", await client.List("", 0))
        try:
            await client.Get("big")
        except rpc.NOTE_TOOBIG as exc:
            print("Get big:", exc)
        await client.Delete("hello")
        try:
            await client.Delete("hello")
        except rpc.NOTE_NOENT as exc:
            print("Delete twice:", exc)
        nursery.cancel_scope.cancel()
    return 0


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="notes", description="A note store over Rx, from the interface in notes.xg.",
        epilog=exit_statuses((EXIT_OK, "done"),
                             (EXIT_FAILURE, "the call failed (one line says why)"), USAGE_ROW),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--address", default="127.0.0.1", help="server address")
    parser.add_argument("--port", type=udp_port(), default=DEFAULT_PORT, help="server port")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("serve", help="run the server")
    commands.add_parser("demo", help="run a server and a client in one process")
    put = commands.add_parser("put", help="store a small text note")
    put.add_argument("title")
    put.add_argument("text")
    for name in ("get", "delete"):
        commands.add_parser(name, help=f"{name} a note").add_argument("title")
    listing = commands.add_parser("list", help="list titles")
    listing.add_argument("prefix", nargs="?", default="")
    for name, what in (("upload", "stream a file into a note"),
                       ("download", "stream a note into a file")):
        sub = commands.add_parser(name, help=what)
        sub.add_argument("title")
        sub.add_argument("file")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.command == "serve":
        return run("notes", serve, args.address, args.port)
    if args.command == "demo":
        return run("notes", demo)
    return run("notes", client_command, args)


if __name__ == "__main__":
    sys.exit(main())
