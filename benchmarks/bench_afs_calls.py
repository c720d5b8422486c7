"""Calls per second of the generated AFS clients against OpenAFS's ptserver, next to ``pts``.

Run ``python benchmarks/bench_afs_calls.py`` on a machine where the repository's test cell is
running (``interop/openafs/cell-up.sh DIR --noauth``, as root), or pass ``--pt HOST:PORT``
and ``--config DIR`` for another cell whose ptserver takes unauthenticated calls.  Figures:

* ``PR_NameToID`` calls per second made with :class:`trio_rxrpc.afs.pt.Client`, one call
  in flight and sixteen (sixteen tasks sharing one client);
* ``examine``: ``pts examine admin`` per second, one after another: by the handler of
  ``trio-rxrpc afs pts examine`` (the same seven calls as OpenAFS's: ``NameToID`` twice,
  ``IDToName``, ``ListEntry``, ``IDToName``, ``NameToID``, ``IsAMemberOf``, and the same
  text, which is checked), and by OpenAFS's own ``pts`` in ``interactive`` mode reading the
  command ``--examines`` times from its input, so process start-up is counted once (and
  then taken out: the time of an interactive session with no command is subtracted).

Each figure is the median of ``--runs`` runs, taking turns, so a slow phase of this shared
machine hits both alike.  MB and rates are per second of wall-clock time.
"""

from __future__ import annotations

import argparse
import io
import shutil
import statistics
import subprocess
import sys
import time
from typing import TYPE_CHECKING

import _bootstrap  # noqa: F401  # before trio_rxrpc: makes the checkout importable
import trio

import trio_rxrpc as rx
from trio_rxrpc.__main__ import build_parser
from trio_rxrpc.afs import pt
from trio_rxrpc.afs._commands import Context, invoke, make_context_parts

if TYPE_CHECKING:
    from collections.abc import Sequence

NAME = "admin"


def host_port(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    return host or "127.0.0.1", int(port)


async def name_to_id_rate(address: tuple[str, int], in_flight: int, seconds: float) -> float:
    async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
        client = pt.Client(ep.socket(), address)
        await client.NameToID([NAME])  # warm: the connection exists before timing
        done = 0
        deadline = time.perf_counter() + seconds

        async def worker() -> None:
            nonlocal done
            while time.perf_counter() < deadline:
                await client.NameToID([NAME])
                done += 1

        start = time.perf_counter()
        async with trio.open_nursery() as nursery:
            for _ in range(in_flight):
                nursery.start_soon(worker)
        return done / (time.perf_counter() - start)


async def examine_rate(config: str, count: int) -> tuple[float, str]:
    """Examines per second by our command's handler, and the text of one."""
    args = build_parser().parse_args(["afs", "pts", "examine", NAME, "-noauth",
                                      "-config", config])
    cell, security = make_context_parts(args)
    async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
        out = io.StringIO()
        ctx = Context(cell, security, ep.socket(), args, out)
        await invoke(ctx, args)
        text = out.getvalue()
        start = time.perf_counter()
        for _ in range(count):
            await invoke(ctx, args)
        return count / (time.perf_counter() - start), text


def pts_examine(pts: str, config: str) -> str:
    """What OpenAFS's ``pts examine`` prints."""
    done = subprocess.run([pts, "examine", NAME, "-noauth", "-config", config],
                          capture_output=True, text=True, timeout=60, check=False)
    return done.stdout


def pts_session(pts: str, config: str, count: int) -> float:
    """Seconds of one ``pts interactive`` session running ``examine`` ``count`` times."""
    commands = "".join(f"examine {NAME}\n" for _ in range(count)) + "quit\n"
    start = time.perf_counter()
    done = subprocess.run([pts, "interactive", "-noauth", "-config", config],
                          input=commands, capture_output=True, text=True, timeout=600,
                          check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0 or (count and done.stdout.count("Name: ") != count):
        raise RuntimeError(f"pts interactive failed: {done.stderr.strip()[:300]}")
    return elapsed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else "")
    parser.add_argument("--pt", type=host_port, default=("127.0.0.1", 7002),
                        help="the ptserver (default 127.0.0.1:7002)")
    parser.add_argument("--config", default="/etc/openafs",
                        help="OpenAFS client configuration for pts (default /etc/openafs)")
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--examines", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)

    pts = shutil.which("pts")
    figures: dict[str, list[float]] = {"NameToID, 1 in flight": [],
                                       "NameToID, 16 in flight": [],
                                       "examine, trio-rxrpc": [], "examine, OpenAFS pts": []}
    for _ in range(args.runs):
        figures["NameToID, 1 in flight"].append(
            trio.run(name_to_id_rate, args.pt, 1, args.seconds))
        figures["NameToID, 16 in flight"].append(
            trio.run(name_to_id_rate, args.pt, 16, args.seconds))
        rate, text = trio.run(examine_rate, args.config, args.examines)
        figures["examine, trio-rxrpc"].append(rate)
        if pts is not None:
            if pts_examine(pts, args.config) != text:
                raise SystemExit(f"pts examine prints something else than ours:\n{text}")
            empty = pts_session(pts, args.config, 0)
            full = pts_session(pts, args.config, args.examines)
            figures["examine, OpenAFS pts"].append(args.examines / max(full - empty, 1e-9))
    print(f"ptserver {args.pt[0]}:{args.pt[1]}; medians of {args.runs} runs")
    for name, values in figures.items():
        if values:
            print(f"{name:28} {statistics.median(values):10,.0f} /s")
        else:
            print(f"{name:28} {'-':>10}    (pts not found)")
    ours, theirs = figures["examine, trio-rxrpc"], figures["examine, OpenAFS pts"]
    if ours and theirs:
        print(f"{'examine ratio (ours / pts)':28} "
              f"{statistics.median(ours) / statistics.median(theirs):10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
