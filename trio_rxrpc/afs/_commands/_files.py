"""``trio-rxrpc afs ls|stat|get|put|mkdir|rm|acl PATH``: files in AFS, without a cache manager.

Each command opens a :class:`~trio_rxrpc.afs.files.FileClient` for the cell its path names
(``/afs/CELL/...``; ``/afs/.CELL/...`` for the read/write root), anonymously unless
``-localauth`` is given, does its one thing and gives the fileservers' callbacks back.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from typing import TYPE_CHECKING, Final

import trio

from ..._cli import EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, cancel_on_ctrl_c
from ..._errors import NetworkError, RxRPCError
from ..acl import ACL, ACLError, parse_rights, rights_text
from ..cell import Cell
from ..cellconfig import CLIENT_CONFIG_DIR, SERVER_CONFIG_DIR, CellConfigError, UnknownCellError
from ..credentials import CredentialsError, localauth, localauth_as
from ..paths import AfsPathError, parse_path
from . import _sole, fail

if TYPE_CHECKING:
    import argparse
    from collections.abc import Awaitable, Callable

    from ..._proto.security.base import ClientSecurity
    from ..files import FileClient


def _common(parser: argparse.ArgumentParser, *, json_output: bool = False) -> None:
    parser.add_argument("-config", metavar="DIR", default=None,
                        help=f"client configuration directory with CellServDB (default: "
                             f"{CLIENT_CONFIG_DIR}; with -localauth, {SERVER_CONFIG_DIR})")
    auth = parser.add_mutually_exclusive_group()
    auth.add_argument("-noauth", action="store_true", help="anonymous calls (the default)")
    auth.add_argument("-localauth", action="store_true",
                      help="use the server's own keys (KeyFile/KeyFileExt): the afs "
                           "superuser, who has no rights on files of its own; see -as-user")
    parser.add_argument("-as-user", dest="as_user", metavar="NAME",
                        help="with the server's keys, act as user NAME (e.g. admin): what "
                             "the fileserver's ACLs grant NAME")
    parser.add_argument("-encrypt", action="store_true",
                        help="encrypt the calls (rxkad crypt level; with -localauth)")
    parser.add_argument("-timeout", type=float, default=30.0, metavar="SECONDS",
                        help="how long a server may stay silent (default 30)")
    if json_output:
        parser.add_argument("--json", action="store_true", help="print JSON for scripts")


class _Command:
    """One ``afs`` file command: its name, summary, options and handler."""

    def __init__(self, name: str, summary: str,
                 options: Callable[[argparse.ArgumentParser], None],
                 handler: Callable[[FileClient, argparse.Namespace], Awaitable[int]],
                 *, json_output: bool = False) -> None:
        self.TOOL = name
        self.SUMMARY = summary
        self._options = options
        self._handler = handler
        self._json = json_output

    def configure_tool(self, parser: argparse.ArgumentParser) -> None:
        parser.description = self.SUMMARY + "."
        self._options(parser)
        _common(parser, json_output=self._json)
        parser.set_defaults(run=self.run, handler=self._handler)

    def run(self, args: argparse.Namespace) -> int:
        return run(args)


def run(args: argparse.Namespace) -> int:
    """Open a file client for the path's cell and run the command's handler."""
    from ..files import open_file_client

    try:
        path = parse_path(args.path)
        config = args.config or (SERVER_CONFIG_DIR if args.localauth or args.as_user
                                 else CLIENT_CONFIG_DIR)
        cell = Cell.from_config(path.cell, config)
        keys = args.config or SERVER_CONFIG_DIR
        level = "crypt" if args.encrypt else "clear"
        if args.as_user:
            security: ClientSecurity | None = localauth_as(args.as_user, keys, level)
        elif args.localauth:
            security = localauth(keys, level)
        else:
            security = None
    except (AfsPathError, CellConfigError, UnknownCellError, CredentialsError) as exc:
        return fail(str(exc))

    async def main() -> int:
        async with open_file_client(cell, security=security, config_dir=config,
                                    timeout=args.timeout) as client:
            return int(await args.handler(client, args))

    try:
        stopped, status = trio.run(cancel_on_ctrl_c, main)
    except BaseException as exc:
        error = _sole(exc)
        if isinstance(error, NetworkError):
            return fail(f"{args.path}: a server did not answer: {error}")
        if isinstance(error, RxRPCError):
            return fail(f"{args.path}: {error}")
        if isinstance(error, OSError):
            return fail(f"{error.filename or args.path}: {error.strerror or error}")
        if isinstance(error, AfsPathError | ACLError | ValueError):
            return fail(str(error))
        raise
    if stopped:
        print("afs: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    return EXIT_OK if status is None else status


def _dump(value: object) -> None:
    json.dump(value, sys.stdout, indent=2)
    sys.stdout.write("\n")


class _Meter:
    """A progress line on a terminal: bytes done, of how many, and the rate."""

    def __init__(self, label: str, enabled: bool) -> None:
        self.label = label
        self.enabled = enabled
        self.start = time.monotonic()
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        elapsed = max(time.monotonic() - self.start, 1e-6)
        share = f"{100 * done / total:5.1f}%" if total else "100.0%"
        print(f"\r{self.label}: {done / 2**20:9.1f} of {total / 2**20:.1f} MiB {share} "
              f"{done / 2**20 / elapsed:7.1f} MiB/s", end="", file=sys.stderr, flush=True)
        self.shown = True

    def close(self) -> None:
        if self.shown:
            print(file=sys.stderr)


def _progress_wanted(args: argparse.Namespace) -> bool:
    if args.progress is not None:
        return bool(args.progress)
    return sys.stderr.isatty()


async def _file_md5(path: str) -> str:
    def digest() -> str:
        with open(path, "rb") as f:
            return hashlib.file_digest(f, "md5").hexdigest()

    return await trio.to_thread.run_sync(digest)


# ------------------------------------------------------------------------------ handlers

async def _ls(client: FileClient, args: argparse.Namespace) -> int:
    entries = await client.listdir(args.path)
    if args.json:
        _dump([{"name": name, **status.to_json()} for name, status in entries])
    elif args.long:
        for name, status in entries:
            print(status.long_line(name))
    else:
        for name, status in entries:
            print(name + ("/" if status.is_dir else ""))
    return EXIT_OK


async def _stat(client: FileClient, args: argparse.Namespace) -> int:
    status = await client.stat(args.path, follow=not args.no_follow)
    if args.json:
        _dump({"path": args.path, **status.to_json()})
        return EXIT_OK
    for key, value in status.to_json().items():
        if value is not None:
            print(f"{key + ':':18} {value}")
    return EXIT_OK


async def _get(client: FileClient, args: argparse.Namespace) -> int:
    local = args.local or (parse_path(args.path).name or ".")
    if os.path.isdir(local):  # noqa: ASYNC240 - one stat before the transfer
        local = os.path.join(local, parse_path(args.path).name)
    if local == "-" and args.md5:
        return fail("--md5 needs a local file, not standard output")
    meter = _Meter(f"get {args.path}", _progress_wanted(args) and local != "-")
    try:
        await client.get(args.path, sys.stdout.buffer if local == "-" else local,
                         progress=meter)
    finally:
        meter.close()
    if args.md5:
        print(f"{await _file_md5(local)}  {local}")
    return EXIT_OK


async def _put(client: FileClient, args: argparse.Namespace) -> int:
    meter = _Meter(f"put {args.path}", _progress_wanted(args))
    try:
        await client.put(args.local, args.path, progress=meter)
    finally:
        meter.close()
    if args.md5 or args.verify:
        local = await _file_md5(args.local)
        if args.verify:
            remote = await client.digest(args.path, "md5")
            if remote != local:
                return fail(f"{args.path}: the stored file reads back with MD5 {remote}, "
                            f"the local file has {local}")
        print(f"{local}  {args.path}")
    return EXIT_OK


async def _mkdir(client: FileClient, args: argparse.Namespace) -> int:
    await client.mkdir(args.path)
    return EXIT_OK


async def _rm(client: FileClient, args: argparse.Namespace) -> int:
    await client.remove(args.path)
    return EXIT_OK


async def _acl(client: FileClient, args: argparse.Namespace) -> int:
    words = list(args.entries or [])
    if len(words) % 2:
        print("afs acl: error: give NAME RIGHTS pairs", file=sys.stderr)
        return EXIT_USAGE
    if words or args.clear:
        acl = ACL() if args.clear else await client.get_acl(args.path)
        for name, rights in zip(words[::2], words[1::2], strict=True):
            acl = acl.with_entry(name, parse_rights(rights), negative=args.negative)
        await client.set_acl(args.path, acl)
    acl = await client.get_acl(args.path)
    if args.json:
        _dump(acl.to_json())
        return EXIT_OK
    print(f"Access list for {args.path} is")
    for title, side in (("Normal rights:", acl.positive), ("Negative rights:", acl.negative)):
        if side:
            print(title)
            for who, bits in side:
                print(f"  {who} {rights_text(bits)}")
    return EXIT_OK


# ------------------------------------------------------------------------------ parsers

def _path(parser: argparse.ArgumentParser, *, what: str = "the path, /afs/CELL/...") -> None:
    parser.add_argument("path", metavar="PATH", help=what)


def _ls_options(parser: argparse.ArgumentParser) -> None:
    _path(parser, what="the directory, /afs/CELL/...")
    parser.add_argument("-l", dest="long", action="store_true",
                        help="long listing: mode, links, owner, group, size, time, name")


def _stat_options(parser: argparse.ArgumentParser) -> None:
    _path(parser)
    parser.add_argument("--no-follow", action="store_true",
                        help="the status of a link or mount point itself")


def _progress_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--progress", action="store_true", default=None,
                        help="show progress (the default on a terminal)")
    parser.add_argument("--no-progress", dest="progress", action="store_false")


def _get_options(parser: argparse.ArgumentParser) -> None:
    _path(parser, what="the file in AFS")
    parser.add_argument("local", nargs="?", metavar="LOCAL",
                        help="where to write it: a file, a directory, or - for standard "
                             "output (default: its name, here)")
    parser.add_argument("--md5", action="store_true", help="print the MD5 of what was read")
    _progress_option(parser)


def _put_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("local", metavar="LOCAL", help="the local file to store")
    _path(parser, what="where in AFS to store it (created or replaced)")
    parser.add_argument("--md5", action="store_true", help="print the MD5 of what was stored")
    parser.add_argument("--verify", action="store_true",
                        help="read the stored file back and compare MD5s")
    _progress_option(parser)


def _acl_options(parser: argparse.ArgumentParser) -> None:
    _path(parser, what="the directory")
    parser.add_argument("entries", nargs="*", metavar="NAME RIGHTS",
                        help="entries to set (rights: letters of rlidwkaABCDEFGH, or read, "
                             "write, all, none); without them, the ACL is shown")
    parser.add_argument("--negative", action="store_true", help="set negative entries")
    parser.add_argument("--clear", action="store_true",
                        help="start from an empty ACL instead of the current one")


COMMANDS: Final[tuple[_Command, ...]] = (
    _Command("ls", "List a directory in AFS", _ls_options, _ls, json_output=True),
    _Command("stat", "Show the fileserver's status of a file, directory or link",
             _stat_options, _stat, json_output=True),
    _Command("get", "Copy a file out of AFS", _get_options, _get),
    _Command("put", "Copy a local file into AFS", _put_options, _put),
    _Command("mkdir", "Make a directory in AFS", _path, _mkdir),
    _Command("rm", "Remove a file, link, mount point or empty directory in AFS", _path, _rm),
    _Command("acl", "Show or change a directory's access control list", _acl_options, _acl,
             json_output=True),
)
"""The file commands, each a single-command ``afs`` tool."""
