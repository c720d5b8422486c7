"""``trio-rxrpc group``: run a service as N worker processes sharing one UDP port.

The command after ``--`` is started ``-n`` times under a :class:`GroupSupervisor`; each
worker finds its socket through the environment (:meth:`GroupMember.from_environment`),
so the service opens its endpoint with ``open_endpoint(..., group=member)``.
"""

from __future__ import annotations

import argparse
import signal
import sys
from typing import Final

import trio

from ._cli import (
    EXIT_FAILURE,
    EXIT_OK,
    EXIT_USAGE,
    USAGE_ROW,
    exit_status_text,
    int_range,
    program_name,
    seconds,
)
from ._group import MAX_GROUP_SIZE, GroupUnavailable
from ._supervisor import GroupSupervisor

NAME: Final = "group"
SUMMARY: Final = "run a service as worker processes sharing one UDP port (Linux)"

EXIT_STATUS = exit_status_text(
    (EXIT_OK, "stopped by SIGTERM or Ctrl-C (the workers had the grace period to finish)"),
    (EXIT_FAILURE, "the group could not be made: no reuseport steering here, the port is "
                   "taken, or the command cannot be started"),
    USAGE_ROW,
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.usage = "%(prog)s -n N [--address HOST] [--port PORT] [--grace SECONDS] -- COMMAND..."
    parser.add_argument("-n", "--workers", required=True, metavar="N",
                        type=int_range(1, MAX_GROUP_SIZE, "the number of workers"),
                        help="how many worker processes serve the port")
    parser.add_argument("--address", default="::",
                        help="the address to serve ('::' is every interface, IPv4 and IPv6; "
                             "default: %(default)s)")
    parser.add_argument("--port", type=int_range(0, 65535, "a UDP port"), default=0,
                        help="the UDP port (default: 0, any free port; the port is printed)")
    parser.add_argument("--grace", type=seconds(zero=True), default=10.0, metavar="SECONDS",
                        help="after SIGTERM, how long workers may finish their calls before "
                             "they are killed (default: %(default)s)")
    parser.add_argument("command", nargs=argparse.REMAINDER, metavar="COMMAND",
                        help="the worker's command line, after --")
    parser.epilog = EXIT_STATUS


def run(args: argparse.Namespace) -> int:
    """Run the group until SIGTERM or Ctrl-C; see :data:`EXIT_STATUS`."""
    command: list[str] = list(args.command)
    if command[:1] == ["--"]:
        command = command[1:]
    if not command:
        print(f"{program_name()} {NAME}: error: no worker command after -- (see --help)",
              file=sys.stderr)
        return EXIT_USAGE
    supervisor = GroupSupervisor(command, size=args.workers, address=(args.address, args.port),
                                 grace=args.grace)
    try:
        trio.run(_serve, supervisor)
    except (OSError, BaseExceptionGroup) as exc:
        error = _os_error(exc)
        if error is None:
            raise
        what = "make the group" if isinstance(error, GroupUnavailable) else "serve"
        why = error.strerror or str(error)
        if error.filename is not None:
            why = f"{why}: {error.filename}"
        print(f"{NAME}: cannot {what}: {why}", file=sys.stderr)
        return EXIT_FAILURE
    return EXIT_OK


def _os_error(exc: BaseException) -> OSError | None:
    """``exc`` if it is an OSError, or the one OSError that trio's nurseries wrapped."""
    while isinstance(exc, BaseExceptionGroup) and len(exc.exceptions) == 1:
        exc = exc.exceptions[0]
    return exc if isinstance(exc, OSError) else None


async def _serve(supervisor: GroupSupervisor) -> None:
    with trio.open_signal_receiver(signal.SIGTERM, signal.SIGINT) as signals:
        async with trio.open_nursery() as outer:

            async def on_signals() -> None:
                count = 0
                async for _ in signals:
                    count += 1
                    if count == 1:
                        print(f"{NAME}: stopping; workers have {supervisor.grace:g} s to finish "
                              f"(signal again: kill them now)", file=sys.stderr, flush=True)
                    supervisor.stop(grace=None if count == 1 else 0.0)

            outer.start_soon(on_signals)
            async with trio.open_nursery() as inner:
                await inner.start(supervisor.run)
                host, port = supervisor.address[:2]
                where = f"[{host}]:{port}" if ":" in str(host) else f"{host}:{port}"
                print(f"{NAME}: {supervisor.size} workers serving UDP {where} "
                      f"(SIGTERM or Ctrl-C stops them)", file=sys.stderr, flush=True)
            outer.cancel_scope.cancel()
