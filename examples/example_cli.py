"""The command-line plumbing the example programs share: option checks, exit statuses, Ctrl-C.

Every example ends with one of a few exit statuses, like a Unix tool:

==  ============================================================================
0   it did its job (a server: it was stopped by Ctrl-C or SIGTERM, and said so)
1   it failed; one line on stderr says why (no answer, a refused call, an
    unknown host, a port that is taken...)
2   a bad option or argument; argparse names it
130 interrupted by Ctrl-C (a client), or a server's second Ctrl-C
==  ============================================================================

:func:`run` runs an example's trio ``main`` and turns the failures it expects, and Ctrl-C,
into those statuses.  Ctrl-C cancels ``main`` the trio way, through a signal receiver, so every
call in flight is aborted as its ``async with`` block is left; a server that opens a receiver
of its own for a graceful stop gets the first Ctrl-C itself.

The ``type=`` functions check options as argparse parses them, so a bad value is a usage
error that names the option instead of a traceback later.
"""

from __future__ import annotations

import argparse
import math
import signal
import sys
import textwrap
from typing import TYPE_CHECKING, Final, TypeVarTuple

import trio

import trio_rxrpc as rx
from trio_rxrpc.security import KeyFileError, Keyring, load_keyring

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

EXIT_OK: Final = 0
EXIT_FAILURE: Final = 1
EXIT_USAGE: Final = 2
EXIT_INTERRUPTED: Final = 130
"""What a shell reports for a program stopped by SIGINT (128 + 2)."""


def exit_statuses(*rows: tuple[int, str]) -> str:
    """An "exit status" table for an argparse epilog (use ``RawDescriptionHelpFormatter``)."""
    lines = ["exit status:"]
    for status, meaning in rows:
        lines.extend(textwrap.wrap(meaning, width=78, initial_indent=f"  {status:<4} ",
                                   subsequent_indent=" " * 7))
    return "\n".join(lines)


USAGE_ROW: Final = (EXIT_USAGE, "a bad option or argument (the message names it)")


# ---------------------------------------------------------------- option types


def whole_number(low: int, high: int | None = None) -> Callable[[str], int]:
    """An argparse ``type=`` for a whole number from ``low`` (to ``high``, if given)."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or value < low or (high is not None and value > high):
            wanted = f"from {low} to {high}" if high is not None else f"of at least {low}"
            raise argparse.ArgumentTypeError(f"wants a whole number {wanted}, not {text!r}")
        return value
    return parse


def udp_port(*, any_port: bool = False) -> Callable[[str], int]:
    """An argparse ``type=`` for a UDP port (with ``any_port``, 0 too: any free port)."""
    return whole_number(0 if any_port else 1, 65535)


service_id = whole_number(1, 65535)
"""An argparse ``type=`` for an Rx service ID (16 bits; 0 is not a service)."""


def seconds(*, zero: bool = False) -> Callable[[str], float]:
    """An argparse ``type=`` for a finite number of seconds, above 0 (or from 0)."""
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not math.isfinite(value) or value < 0 or (value == 0 and not zero):
            bound = "of at least 0" if zero else "above 0"
            raise argparse.ArgumentTypeError(f"wants a number of seconds {bound}, not {text!r}")
        return value
    return parse


def server_keys(path: str) -> Keyring:
    """An argparse ``type=`` for an AFS server's key directory (or one key file): its keys.

    The directory holds ``KeyFile`` (DES keys) and/or ``KeyFileExt``, as
    ``/etc/openafs/server`` does; see :func:`trio_rxrpc.security.load_keyring`.
    """
    try:
        return load_keyring(path)
    except (OSError, KeyFileError) as exc:
        why = f"{path!r}: {exc.strerror}" if isinstance(exc, OSError) and exc.strerror else exc
        raise argparse.ArgumentTypeError(
            f"wants a directory holding KeyFile or KeyFileExt (or one of those files): {why}",
        ) from None


# ------------------------------------------------------------------- running


def interrupted(exc: BaseException) -> bool:
    """Whether ``exc`` is Ctrl-C: a KeyboardInterrupt, alone or inside exception groups.

    trio wraps what escapes a nursery in an exception group, so a KeyboardInterrupt raised
    while tasks run comes out of :func:`trio.run` inside one.
    """
    if isinstance(exc, BaseExceptionGroup):
        return exc.subgroup(KeyboardInterrupt) is not None
    return isinstance(exc, KeyboardInterrupt)


Args = TypeVarTuple("Args")

def _only_failure(exc: BaseException) -> BaseException:
    while isinstance(exc, BaseExceptionGroup) and len(exc.exceptions) == 1:
        exc = exc.exceptions[0]
    return exc


async def _cancel_on_ctrl_c(main: Callable[[*Args], Awaitable[int | None]],
                            *args: *Args) -> int | None:
    """Run ``main(*args)``; on SIGINT cancel it and return :data:`EXIT_INTERRUPTED`.

    Cancelling is how trio stops work cleanly.  A KeyboardInterrupt raised wherever the
    program happens to be is not: it can land inside trio's own bookkeeping.
    """
    status: int | None = EXIT_INTERRUPTED
    with trio.open_signal_receiver(signal.SIGINT) as signals:
        async with trio.open_nursery() as nursery:

            async def on_ctrl_c() -> None:
                async for _ in signals:
                    nursery.cancel_scope.cancel()

            nursery.start_soon(on_ctrl_c)
            status = await main(*args)
            nursery.cancel_scope.cancel()
    return status


def run(name: str, main: Callable[[*Args], Awaitable[int | None]], *args: *Args,
        failure: str = "", on_interrupt: str = "interrupted") -> int:
    """``trio.run(main, *args)``, returning the exit status for :func:`sys.exit`.

    ``main`` returns a status (``None`` is 0).  An ``OSError`` or Rx error that escapes it
    is printed as one line, ``NAME: FAILURE: ERROR``, and gives status 1; Ctrl-C cancels it,
    prints ``NAME: ON_INTERRUPT`` and gives 130.  Anything else is a bug and keeps its
    traceback.
    """
    try:
        status = trio.run(_cancel_on_ctrl_c, main, *args)
    except BaseException as exc:
        if interrupted(exc):  # Ctrl-C before the signal receiver was in place
            print(f"{name}: {on_interrupt}", file=sys.stderr)
            return EXIT_INTERRUPTED
        error = _only_failure(exc)
        if not isinstance(error, OSError | rx.RxRPCError):
            raise
        prefix = f"{failure}: " if failure else ""
        print(f"{name}: {prefix}{error}", file=sys.stderr)
        return EXIT_FAILURE
    if status == EXIT_INTERRUPTED:
        print(f"{name}: {on_interrupt}", file=sys.stderr)
    return EXIT_OK if status is None else status


async def check_resolves(host: str) -> None:
    """Make sure the server's ``host`` has an address, before any call is made.

    Raises:
        OSError: it does not (the message names the host).
    """
    try:
        await trio.socket.getaddrinfo(host, None, type=trio.socket.SOCK_DGRAM)
    except OSError as exc:
        raise OSError(f"cannot resolve {host!r}: {exc.strerror or exc}") from None
