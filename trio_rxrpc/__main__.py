"""The command line: ``trio-rxrpc COMMAND`` (or ``python -m trio_rxrpc COMMAND``).

This module only dispatches.  Each command lives in a module of its own that provides:

``NAME``
    The command's word on the command line.
``SUMMARY``
    One line for ``--help``.
``configure(parser)``
    Adds the command's options to its :class:`~trio_rxrpc._cli.CommandParser`, and its
    exit statuses to the parser's epilog.
``run(args)``
    Does the work and returns the exit status.  Failures it expects are reported in one
    line on stderr, never as a traceback.

To add a command, write such a module and list it in :data:`COMMANDS`; mypy checks that it
has all four.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Protocol

from . import __version__, _demo, _group_cli, _listcmd, _rxgen_cli, _rxperf_cli
from ._cli import (
    EXIT_FAILURE,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    INTERRUPTED_ROW,
    USAGE_ROW,
    CommandParser,
    exit_status_text,
    interrupted,
    program_name,
)
from ._proto import COMPILED
from .afs import _commands as _afs_cli

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence


class Command(Protocol):
    """What a command module provides (see the module docstring).

    ``NAME`` and ``SUMMARY`` are read-only properties here so that a module's ``Final``
    constants satisfy them.
    """

    @property
    def NAME(self) -> str: ...

    @property
    def SUMMARY(self) -> str: ...

    def configure(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


COMMANDS: tuple[Command, ...] = (_demo, _listcmd, _rxperf_cli, _rxgen_cli, _afs_cli,
                                 _group_cli)
"""The commands, in the order ``--help`` lists them."""


EPILOG = exit_status_text(
    (EXIT_OK, "the command did what it was asked"),
    (EXIT_FAILURE, "it failed (the one-line message on stderr says why)"),
    USAGE_ROW,
    INTERRUPTED_ROW,
) + "\n\nSome commands have more: see COMMAND --help."


def build_parser(prog: str | None = None) -> argparse.ArgumentParser:
    """The parser for the whole command line, one subparser per command.

    Args:
        prog: the program's name in messages (default: how it was started, see
            :func:`~trio_rxrpc._cli.program_name`).
    """
    parser = CommandParser(
        prog=prog or program_name(),
        description="RxRPC, the Rx protocol of AFS, over UDP for trio programs.",
        epilog=EPILOG)
    build = "compiled core" if COMPILED else "pure-Python core"
    parser.add_argument("--version", action="version",
                        version=f"trio-rxrpc {__version__} ({build})")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)
    for command in COMMANDS:
        sub = subparsers.add_parser(command.NAME, help=command.SUMMARY,
                                    description=command.SUMMARY)
        command.configure(sub)
        sub.set_defaults(run=command.run)
    return parser


def main(argv: Sequence[str] | None = None, *, prog: str | None = None) -> int:
    """Parse ``argv`` (default: ``sys.argv[1:]``), run the command, return its exit status.

    A usage error is one line on stderr and status 2.  Ctrl-C that a command does not handle
    itself ends it with status 130 and one line.
    """
    parser = build_parser(prog)
    try:
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # --help, --version, or a usage error (already printed)
            return exc.code if isinstance(exc.code, int) else EXIT_USAGE
        status: int = args.run(args)
    except BaseException as exc:
        if not interrupted(exc):
            raise
        print(f"{parser.prog}: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    return status


if __name__ == "__main__":
    sys.exit(main(prog="python -m trio_rxrpc"))
