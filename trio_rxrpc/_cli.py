"""What the commands of ``trio-rxrpc`` share: exit statuses, one-line errors, the parser.

Every command ends with one of a few exit statuses, and says why in one line on stderr when
it fails, the way Unix tools do.  :class:`CommandParser` is the :class:`argparse.ArgumentParser`
they all use: its usage errors are one line too, options and positional arguments mix in any
order, and an exit-status table in an epilog keeps its layout.
"""

from __future__ import annotations

import argparse
import math
import os
import signal
import sys
import textwrap
from typing import TYPE_CHECKING, Final, NoReturn, TypeVar

import trio

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Sequence

T = TypeVar("T")

EXIT_OK: Final = 0
EXIT_FAILURE: Final = 1
EXIT_USAGE: Final = 2
EXIT_INTERRUPTED: Final = 130
"""What a shell reports for a program stopped by SIGINT (128 + 2)."""

USAGE_ROW: Final = (EXIT_USAGE, "usage error: a bad option or argument (the message names it)")
INTERRUPTED_ROW: Final = (EXIT_INTERRUPTED, "interrupted by Ctrl-C (SIGINT)")


def exit_status_text(*rows: tuple[int, str]) -> str:
    """An "exit status" table for a ``--help`` epilog: one row per status, in order given."""
    lines = ["exit status:"]
    for status, meaning in rows:
        lines.extend(textwrap.wrap(meaning, width=78, initial_indent=f"  {status:<4} ",
                                   subsequent_indent=" " * 7))
    return "\n".join(lines)


def program_name(argv0: str | None = None) -> str:
    """How the user started the program: ``trio-rxrpc``, or ``python -m trio_rxrpc``.

    ``argv0`` defaults to ``sys.argv[0]``: the console script's path, or the path of
    ``__main__.py`` when Python runs the package as a module.
    """
    path = sys.argv[0] if argv0 is None else argv0
    name = os.path.basename(path)
    if not name or name in ("__main__.py", "-c"):
        return "python -m trio_rxrpc"
    return name


def interrupted(exc: BaseException) -> bool:
    """Whether ``exc`` is Ctrl-C: a KeyboardInterrupt, alone or inside trio's exception groups.

    trio wraps what escapes a nursery in an exception group, so Ctrl-C may arrive as a
    ``BaseExceptionGroup`` holding the ``KeyboardInterrupt`` (next to the ``Cancelled``-caused
    failures of other tasks).
    """
    if isinstance(exc, BaseExceptionGroup):
        return exc.subgroup(KeyboardInterrupt) is not None
    return isinstance(exc, KeyboardInterrupt)


async def cancel_on_ctrl_c(fn: Callable[[], Awaitable[T]]) -> tuple[bool, T | None]:
    """Run ``fn()``, cancelling it on Ctrl-C: ``(True, None)`` if that happened.

    Returns ``(False, result)`` otherwise.  Cancelling stops trio code cleanly (calls in
    flight are aborted as their ``async with`` blocks are left); a KeyboardInterrupt raised
    wherever the program happens to be can land inside trio's own bookkeeping.
    """
    result: T | None = None
    finished = False
    with trio.open_signal_receiver(signal.SIGINT) as signals:
        async with trio.open_nursery() as nursery:

            async def on_ctrl_c() -> None:
                async for _ in signals:
                    nursery.cancel_scope.cancel()

            nursery.start_soon(on_ctrl_c)
            result = await fn()
            finished = True
            nursery.cancel_scope.cancel()
    return not finished, result


class HelpFormatter(argparse.HelpFormatter):
    """Wraps text as usual, but keeps indented lines (an exit-status table) as written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        parts = []
        for paragraph in text.split("\n\n"):
            if "\n " in paragraph:
                parts.append(textwrap.indent(paragraph, indent))
            else:
                parts.append(super()._fill_text(paragraph, width, indent))
        return "\n\n".join(parts)


class CommandParser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and whose positionals mix with options.

    ``list ADDR --json calls`` works: unless the parser has subcommands, arguments are parsed
    with :meth:`~argparse.ArgumentParser.parse_known_intermixed_args`.  Subparsers made from
    it are of this class too.
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._intermixing = False

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None,
    ) -> tuple[argparse.Namespace, list[str]]:
        nested = any(action.nargs in (argparse.PARSER, argparse.REMAINDER)
                     for action in self._actions)
        if nested or self._intermixing:
            # parse_known_intermixed_args calls back here; subcommands cannot be intermixed.
            return super().parse_known_args(args, namespace)
        self._intermixing = True
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._intermixing = False

    def error(self, message: str) -> NoReturn:
        """Print ``PROG: error: MESSAGE (see --help)`` on stderr and exit with status 2."""
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see --help)\n")


# ------------------------------------------------------------------ option types


def int_range(low: int, high: int, what: str) -> Callable[[str], int]:
    """An argparse ``type=`` for a whole number in ``low..high`` (``what`` names it)."""
    def parse(text: str) -> int:
        value = _whole_number(text)
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"wants {what}, a whole number from {low} to {high}, not {text!r}")
        return value
    return parse


def _whole_number(text: str) -> int | None:
    """``text`` as a decimal (or ``0x`` hexadecimal) whole number, or ``None``."""
    for base in (10, 0):
        try:
            return int(text, base)
        except ValueError:
            pass
    return None


def seconds(*, zero: bool = False) -> Callable[[str], float]:
    """An argparse ``type=`` for a finite number of seconds, more than 0 (or at least 0)."""
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not math.isfinite(value) or value < 0 or (value == 0 and not zero):
            bound = "at least 0" if zero else "more than 0"
            raise argparse.ArgumentTypeError(
                f"wants a number of seconds {bound}, not {text!r}")
        return value
    return parse
