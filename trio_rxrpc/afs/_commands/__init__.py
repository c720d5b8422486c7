"""``trio-rxrpc afs TOOL COMMAND``: OpenAFS's administration commands, in Python.

Each tool is a module of this package with a ``TOOL`` name, a ``SUMMARY`` and
``configure(subparsers)``, which adds the tool's commands; each command's parser gets
:func:`add_common` options and a ``handler`` default: ``async def handler(ctx, args) ->
int``.  :func:`run` builds the :class:`Context` (the cell, the credentials, a socket) and
calls the handler inside an endpoint.  Output is what the OpenAFS tool prints for the same
data, or JSON with ``--json``.

A tool that is a single command with no cell (``udebug``) has ``configure_tool(parser)``
instead, which gets the tool's own parser and sets a ``run`` default of its own.
"""

from __future__ import annotations

import json
import os
import sys
from typing import TYPE_CHECKING, Final, Protocol, TextIO

import attrs
import trio

from ..._cli import (
    EXIT_FAILURE,
    EXIT_INTERRUPTED,
    EXIT_OK,
    USAGE_ROW,
    cancel_on_ctrl_c,
    exit_status_text,
)
from ..._errors import RxRPCError
from ..cell import Cell
from ..cellconfig import CLIENT_CONFIG_DIR, SERVER_CONFIG_DIR, CellConfigError, UnknownCellError
from ..credentials import CredentialsError, localauth, noauth

if TYPE_CHECKING:
    import argparse
    from collections.abc import Awaitable, Callable

    from ..._proto.security.base import ClientSecurity
    from ..._socket import BoundSocket

NAME: Final = "afs"
SUMMARY: Final = ("AFS administration commands (vos, pts, bos, udebug) and files (ls, get, "
                  "put...) against a real cell")

EXIT_STATUS: Final = exit_status_text(
    (EXIT_OK, "the command did what it was asked"),
    (EXIT_FAILURE, "it failed: the one line on stderr names the error (e.g. "
                   "VL_NOENT (363524): No such entry)"),
    USAGE_ROW,
    (EXIT_INTERRUPTED, "interrupted by Ctrl-C"),
)


class Tool(Protocol):
    @property
    def TOOL(self) -> str: ...

    @property
    def SUMMARY(self) -> str: ...

    def configure(self,
                  subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None: ...


class SingleCommand(Protocol):
    """A tool that is one command (``udebug``, each file command)."""

    @property
    def TOOL(self) -> str: ...

    @property
    def SUMMARY(self) -> str: ...

    def configure_tool(self, parser: argparse.ArgumentParser) -> None: ...


@attrs.define
class Context:
    """What a command handler works with."""

    cell: Cell
    security: ClientSecurity | None
    socket: BoundSocket
    args: argparse.Namespace
    out: TextIO = sys.stdout

    @property
    def json(self) -> bool:
        return bool(self.args.json)

    def print(self, *parts: object) -> None:
        print(*parts, file=self.out)

    def emit_json(self, value: object) -> None:
        json.dump(value, self.out, indent=2, default=_jsonable)
        self.out.write("\n")


def _jsonable(value: object) -> object:
    if attrs.has(type(value)):
        return attrs.asdict(value)  # type: ignore[arg-type]
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, tuple):
        return list(value)
    raise TypeError(f"cannot turn {type(value).__name__} into JSON")





def add_common(parser: argparse.ArgumentParser, *, default_level: str = "clear") -> None:
    """The options every command takes, spelled as OpenAFS's tools spell them."""
    parser.add_argument("-cell", metavar="CELL", help="the cell (default: ThisCell)")
    parser.add_argument("-config", metavar="DIR", default=None,
                        help="client configuration directory with ThisCell and CellServDB "
                             f"(default: {CLIENT_CONFIG_DIR}; with -localauth, "
                             f"{SERVER_CONFIG_DIR})")
    auth = parser.add_mutually_exclusive_group()
    auth.add_argument("-noauth", action="store_true", help="make unauthenticated calls")
    auth.add_argument("-localauth", action="store_true",
                      help="use the server's own keys (KeyFile/KeyFileExt): the superuser")
    parser.add_argument("-encrypt", action="store_true",
                        help="encrypt the calls (rxkad crypt level; with -localauth)")
    parser.add_argument("-timeout", type=float, default=30.0, metavar="SECONDS",
                        help="give up on the servers after this long (default 30)")
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")
    parser.set_defaults(default_level=default_level)


def configure(parser: argparse.ArgumentParser) -> None:
    from . import _bos, _files, _pts, _udebug, _vos

    parser.description = (
        "The commands of OpenAFS's vos, pts, bos and udebug, made with trio-rxrpc's "
        "generated AFS interfaces.  They print what the OpenAFS tool prints for the same "
        "data, or JSON with --json, and take -cell, -config, -noauth, -localauth and "
        "-encrypt as the OpenAFS tools do.  ls, stat, get, put, mkdir, rm and acl work "
        "on files: /afs/CELL/... paths, read and written without a cache manager.")
    parser.epilog = EXIT_STATUS
    tools = parser.add_subparsers(dest="tool", metavar="TOOL", required=True)
    several: tuple[Tool, ...] = (_vos, _pts, _bos)
    for tool in several:
        sub = tools.add_parser(tool.TOOL, help=tool.SUMMARY, description=tool.SUMMARY)
        tool.configure(sub.add_subparsers(dest="command", metavar="COMMAND", required=True))
    single: tuple[SingleCommand, ...] = (_udebug, *_files.COMMANDS)
    for one in single:
        one.configure_tool(tools.add_parser(one.TOOL, help=one.SUMMARY,
                                            description=one.SUMMARY))


def fail(message: str) -> int:
    print(f"{NAME}: {message}", file=sys.stderr)
    return EXIT_FAILURE


def make_context_parts(args: argparse.Namespace) -> tuple[Cell, ClientSecurity | None]:
    """The cell and the credentials the options ask for.

    Raises:
        CellConfigError, UnknownCellError, CredentialsError: as their messages say.
    """
    config = args.config
    if config is None:
        config = SERVER_CONFIG_DIR if args.localauth else CLIENT_CONFIG_DIR
    cell = Cell.from_config(args.cell or os.environ.get("AFSCELL"), config)
    level = "crypt" if args.encrypt else args.default_level
    if args.localauth:
        return cell, localauth(SERVER_CONFIG_DIR if args.config is None else args.config,
                               level)
    if args.noauth:
        return cell, noauth()
    # Without tokens of our own (no cache manager), an unauthenticated call is what
    # OpenAFS's tools fall back to as well.
    return cell, noauth()


async def invoke(ctx: Context, args: argparse.Namespace) -> int:
    """Run the command's handler; a failed call ends it with one line naming the error
    (``afs: VL_NOENT (363524): No such entry``) and status 1.  Cancellation propagates."""
    handler: Callable[[Context, argparse.Namespace], Awaitable[int]] = args.handler
    try:
        return await handler(ctx, args)
    except RxRPCError as exc:
        return fail(str(exc))


def run(args: argparse.Namespace) -> int:
    """Run the chosen command; the exit status is as :data:`EXIT_STATUS` says."""
    from ... import open_endpoint

    try:
        cell, security = make_context_parts(args)
    except (CellConfigError, UnknownCellError, CredentialsError) as exc:
        return fail(str(exc))

    async def main() -> int:
        async with open_endpoint() as endpoint:
            ctx = Context(cell, security, endpoint.socket(), args)
            with trio.fail_after(args.timeout + 5):
                return await invoke(ctx, args)

    try:
        stopped, status = trio.run(cancel_on_ctrl_c, main)
    except BaseException as exc:
        # Failures come out of cancel_on_ctrl_c's nursery inside an exception group.
        error = _sole(exc)
        if isinstance(error, RxRPCError):
            return fail(str(error))
        if isinstance(error, trio.TooSlowError):
            return fail(f"no answer within {args.timeout:g} s")
        if isinstance(error, OSError):
            return fail(str(error))
        raise
    if stopped:
        print(f"{NAME}: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    return EXIT_OK if status is None else status


def _sole(exc: BaseException) -> BaseException:
    """The one exception inside (nested) single-member exception groups."""
    while isinstance(exc, BaseExceptionGroup) and len(exc.exceptions) == 1:
        exc = exc.exceptions[0]
    return exc
