"""The command line: ``python -m trio_rxrpc COMMAND`` (installed as ``trio-rxrpc`` too).

This module only dispatches.  Each command lives in a module of its own that provides:

``NAME``
    The command's word on the command line.
``SUMMARY``
    One line for ``--help``.
``configure(parser)``
    Adds the command's options to its :class:`argparse.ArgumentParser`.
``run(args)``
    Does the work and returns the exit status.

To add a command, write such a module and list it in :data:`COMMANDS`; mypy checks that it
has all four.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Protocol

from . import __version__, _demo, _listcmd, _rxperf

if TYPE_CHECKING:
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


COMMANDS: tuple[Command, ...] = (_demo, _listcmd, _rxperf)
"""The commands, in the order ``--help`` lists them."""


def build_parser() -> argparse.ArgumentParser:
    """The parser for the whole command line, one subparser per command."""
    parser = argparse.ArgumentParser(
        prog="python -m trio_rxrpc",
        description="RxRPC, the Rx protocol of AFS, over UDP for trio programs.")
    parser.add_argument("--version", action="version", version=f"trio-rxrpc {__version__}")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)
    for command in COMMANDS:
        sub = subparsers.add_parser(command.NAME, help=command.SUMMARY,
                                    description=command.SUMMARY)
        command.configure(sub)
        sub.set_defaults(run=command.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` (default: ``sys.argv[1:]``), run the command, return its exit status."""
    args = build_parser().parse_args(argv)
    try:
        status: int = args.run(args)
    except KeyboardInterrupt:
        return 130  # as a shell reports a program stopped by SIGINT
    return status


if __name__ == "__main__":
    sys.exit(main())
