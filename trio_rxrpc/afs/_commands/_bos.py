"""``trio-rxrpc afs bos``: the basic overseer (bosserver) of a server machine.

* ``status SERVER [-instance NAME...] [-long]``: each process instance (bnode) the
  bosserver runs, and how it is doing (BOZO_EnumerateInstance, BOZO_GetInstanceInfo,
  BOZO_GetStatus; with ``-long`` also BOZO_GetInstanceStrings and BOZO_GetInstanceParm).

It prints what OpenAFS 1.8's ``bos`` prints for the same data, or JSON with ``--json``.
"""

from __future__ import annotations

import signal
import sys
from typing import TYPE_CHECKING, Final

from ..._errors import CallError
from ...rpc import RPCError
from .. import bos
from ..errors import BZDOM
from . import add_common, fail
from ._cmdargs import Param, add_params
from ._servers import resolve_server
from ._vosformat import ctime

if TYPE_CHECKING:
    import argparse

    from . import Context

TOOL: Final = "bos"
SUMMARY: Final = "the basic overseer (bosserver) of a server machine"

STATES: Final = {0: "shutdown", 1: "running normally", 2: "shutting down", 3: "starting up"}
"""A bnode's running state (BOZO_GetStatus), as ``bos status`` words it."""
NOTIFIER_PARM: Final = 999
"""BOZO_GetInstanceParm's index for the notifier program."""


def configure(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add this tool's commands."""
    p = subparsers.add_parser("status", help="the bosserver's process instances",
                              description="Show the process instances (bnodes) a bosserver "
                                          "runs and their state.")
    add_params(p, Param("-server", "the server machine", "SERVER", required=True),
               Param("-instance", "only these instances", "INSTANCE", many=True))
    p.add_argument("-long", action="store_true",
                   help="also the type, start and exit times, commands and notifier")
    add_common(p, default_level="clear")
    p.set_defaults(handler=status)


async def _client(ctx: Context, args: argparse.Namespace) -> bos.Client | None:
    """A client for the bosserver of ``-server``; None if that names no host.  Cancellation
    abandons the host name lookup."""
    address = await resolve_server(args.server)
    if address is None:
        return None
    if not args.noauth and not args.localauth:
        # These commands have no tokens to use, so they fall back as bos does.
        print("bos: running unauthenticated", file=sys.stderr)
    return bos.Client(ctx.socket, (address, ctx.cell.port("bos")), security=ctx.security,
                      timeout=args.timeout)


def _stderr(text: str) -> None:
    sys.stderr.write(text)


def _em(exc: CallError) -> str:
    """A failed call's error as bos words it: the error table's message alone."""
    if isinstance(exc, RPCError):
        return exc.error_message
    if exc.abort_code == -1:
        return "communications failure (-1)"
    if exc.abort_code == -3:
        return "communications timeout (-3)"
    return str(exc)


async def _instance(client: bos.Client, name: str, *, long: bool, first: bool
                    ) -> tuple[str, dict[str, object] | None]:
    """One instance as ``bos status`` shows it, and as JSON (None if it could not be had).

    Failures of the calls go to stderr, as bos reports them.  Cancellation aborts the call
    in flight.
    """
    try:
        kind, st = await client.GetInstanceInfo(name)
    except CallError as exc:
        _stderr(f"bos: failed to get instance info for '{name}' ({_em(exc)})\n")
        return "", None
    found: dict[str, object] = {
        "name": name, "type": kind, "goal": st.goal, "file_goal": st.fileGoal,
        "flags": st.flags, "has_core": bool(st.flags & bos.BOZO_HASCORE),
        "stopped_for_errors": bool(st.flags & bos.BOZO_ERRORSTOP),
        "bad_dir_access": bool(st.flags & bos.BOZO_BADDIRACCESS),
        "process_start_time": st.procStartTime, "process_starts": st.procStarts,
        "last_exit_time": st.lastAnyExit, "last_error_exit_time": st.lastErrorExit,
        "error_code": st.errorCode, "error_signal": st.errorSignal,
    }
    out = []
    if first and long and st.flags & bos.BOZO_BADDIRACCESS:
        out.append("Bosserver reports inappropriate access on server directories\n")
    out.append(f"Instance {name}, ")
    if long:
        out.append(f"(type is {kind}) ")
    if st.fileGoal == st.goal:
        if not st.goal:
            out.append("disabled, ")
    else:
        out.append("temporarily disabled, " if st.fileGoal else "temporarily enabled, ")
    if st.flags & bos.BOZO_ERRORSTOP:
        out.append("stopped for too many errors, ")
    if st.flags & bos.BOZO_HASCORE:
        out.append("has core file, ")
    try:
        state, description = await client.GetStatus(name)
    except CallError as exc:
        _stderr(f"bos: failed to get status for instance '{name}' ({_em(exc)})\n")
        found.update(state=None, state_name=None, auxiliary_status=None)
    else:
        found.update(state=state, state_name=STATES.get(state), auxiliary_status=description)
        out.append("currently ")
        if state in STATES:
            out.append(f"{STATES[state]}.\n")
        if description:
            out.append(f"    Auxiliary status is: {description}.\n")
    if not long:
        return "".join(out), found

    if st.procStartTime:
        out.append(f"    Process last started at {ctime(st.procStartTime)} "
                   f"({st.procStarts} proc starts)\n")
    if st.lastAnyExit:
        out.append(f"    Last exit at {ctime(st.lastAnyExit)}\n")
    if st.lastErrorExit:
        out.append(f"    Last error exit at {ctime(st.lastErrorExit)}, ")
        try:
            strings = await client.GetInstanceStrings(name)
        except CallError:
            pass  # an older server may not have the call; bos says nothing either
        else:
            if strings.errorName:
                out.append(f"by {strings.errorName}, ")
        if st.errorSignal:
            out.append("due to shutdown request\n" if st.errorSignal == signal.SIGTERM
                       else f"due to signal {st.errorSignal}\n")
        else:
            out.append(f"by exiting with code {st.errorCode}\n")
    commands: list[str] = []
    while True:
        try:
            commands.append(await client.GetInstanceParm(name, len(commands)))
        except CallError:
            break
        out.append(f"    Command {len(commands)} is '{commands[-1]}'\n")
    try:
        notifier: str | None = await client.GetInstanceParm(name, NOTIFIER_PARM)
    except CallError:
        notifier = None
    else:
        out.append(f"    Notifier  is '{notifier}'\n")
    out.append("\n")
    found.update(commands=commands, notifier=notifier)
    return "".join(out), found


async def status(ctx: Context, args: argparse.Namespace) -> int:
    """``bos status``: every instance, or those named; status 1 if one could not be shown.
    Cancellation aborts the call in flight."""
    client = await _client(ctx, args)
    if client is None:
        return fail(f"can't find address for host '{args.server}'")
    shown = []
    failed = False
    names = list(args.instance or [])
    index = 0
    while True:
        if args.instance:
            if index == len(names):
                break
            name = names[index]
        else:
            try:
                name = await client.EnumerateInstance(index)
            except BZDOM:
                break
            except CallError as exc:
                _stderr(f"bos: failed to contact host's bosserver ({_em(exc)}).\n")
                failed = True
                break
        text, found = await _instance(client, name, long=args.long, first=index == 0)
        failed = failed or found is None
        if ctx.json:
            if found is not None:
                shown.append(found)
        else:
            ctx.out.write(text)
        index += 1
    if ctx.json:
        ctx.emit_json({"server": args.server, "instances": shown})
    return 1 if failed else 0
