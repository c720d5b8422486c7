"""Running OpenAFS's administration tools and ``trio-rxrpc afs`` side by side.

:func:`run_tool` runs a program and captures its output; :func:`run_ours` runs a
``trio-rxrpc afs`` command in this process (parsed by the real command line parser, with the
context :func:`trio_rxrpc.afs._commands.run` would make), which is much quicker than a new
Python each time; :func:`run_ours_process` runs it as a program, for what only a process
shows (the exit status of usage errors, one-line failures).
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import sys
from pathlib import Path

import attrs
import trio
from conftest import peer_missing

from trio_rxrpc import open_endpoint
from trio_rxrpc.__main__ import build_parser
from trio_rxrpc.afs._commands import Context, invoke, make_context_parts

REPO = Path(__file__).resolve().parents[2]
TOOL_TIMEOUT = 60.0


@attrs.frozen
class ToolRun:
    status: int
    stdout: str
    stderr: str


def openafs_tool(name: str) -> Path:
    """The path of an OpenAFS client tool (``vos``, ``bos``...), or skip: it is missing."""
    found = shutil.which(name)
    path = Path(found) if found else Path("/usr/bin") / name
    if not path.is_file():
        peer_missing(f"{name} (OpenAFS client, package openafs-client) not found")
    return path


async def run_tool(*argv: str | Path) -> ToolRun:
    """Run a program; its exit status, stdout and stderr (carriage returns dropped)."""
    with trio.fail_after(TOOL_TIMEOUT):
        done = await trio.run_process([str(arg) for arg in argv], capture_stdout=True,
                                      capture_stderr=True, check=False)
    return ToolRun(done.returncode, done.stdout.decode(),
                   done.stderr.decode().replace("\r", ""))


async def run_ours(*argv: str) -> ToolRun:
    """``trio-rxrpc afs ARGV...`` in this process; stderr is what it wrote there."""
    args = build_parser("trio-rxrpc").parse_args(["afs", *argv])
    cell, security = make_context_parts(args)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), trio.fail_after(TOOL_TIMEOUT):
        async with open_endpoint() as endpoint:
            ctx = Context(cell, security, endpoint.socket(), args, out=out)
            status = await invoke(ctx, args)
    return ToolRun(status, out.getvalue(), err.getvalue())


async def run_ours_process(*argv: str) -> ToolRun:
    """``python -m trio_rxrpc afs ARGV...`` as a program, using this checkout."""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    with trio.fail_after(TOOL_TIMEOUT):
        done = await trio.run_process([sys.executable, "-m", "trio_rxrpc", "afs", *argv],
                                      capture_stdout=True, capture_stderr=True, check=False,
                                      env=env)
    return ToolRun(done.returncode, done.stdout.decode(), done.stderr.decode())
