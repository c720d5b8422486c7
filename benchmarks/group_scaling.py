"""An endpoint group of 1 worker against one of 2, driven by OpenAFS's C rx (crxperf).

Run ``python benchmarks/group_scaling.py [--runs 3]`` on Linux.  For each group size it
starts ``trio-rxrpc group -n SIZE -- python -m trio_rxrpc rxperf server`` on a loopback
port and measures, in the same run, taking turns:

* **rpc**: ``--clients`` crxperf client processes at once, each with ``--per-client`` calls
  in flight (64 in all by default), 16-byte requests and replies; the figure is the calls
  of all clients divided by the wall time until the last one finished;
* **bulk**: ``--bulk-clients`` crxperf clients each sending ``--bulk-mib`` MiB at once
  (``-c send``); MB/s (10^6 bytes) of all of them over the same wall time.

The kernel steers each connection to one worker by its connection ID, so the load spreads
only across connections: each crxperf process is one connection, hence several clients.
With few connections the split can be uneven (say 3 to 1), which the figures show as they
are.  The last column is the 2-worker figure over the 1-worker one; both are medians of
``--runs`` rounds.  crxperf is built from the repository's ``interop/crxperf`` as
``compare_crxperf.py`` does.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from compare_crxperf import DEFAULT_SRC, find_crxperf, parse_result

if TYPE_CHECKING:
    from collections.abc import Sequence

HOST = "127.0.0.1"
MIB = 1 << 20


def free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


class Group:
    """``trio-rxrpc group -n SIZE`` serving rxperf on a port of its own."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.port = free_udp_port()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "trio_rxrpc", "group", "-n", str(size), "--address", HOST,
             "--port", str(self.port), "--grace", "2", "--", sys.executable, "-m",
             "trio_rxrpc", "rxperf", "server"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        ready = 0
        deadline = time.monotonic() + 60
        assert self.proc.stdout is not None
        while ready < size:
            line = self.proc.stdout.readline()
            if not line or time.monotonic() > deadline:
                raise SystemExit(f"the group of {size} did not start")
            ready += line.startswith("READY ")

    def stop(self) -> None:
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.communicate()


def run_clients(crxperf: Path, port: int,
                args_list: list[list[str]]) -> tuple[float, list[dict[str, str]]]:
    """Run crxperf clients at once; (wall seconds, their RESULT words)."""
    start = time.perf_counter()
    procs = [subprocess.Popen([str(crxperf), "client", "-s", HOST, "-p", str(port),
                               "-t", "600", *extra], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for extra in args_list]
    outputs = [p.communicate(timeout=900) for p in procs]
    wall = time.perf_counter() - start
    results = []
    for proc, (out, err) in zip(procs, outputs, strict=True):
        words = parse_result(out)
        if proc.returncode != 0 or words.get("failed") != "0":
            raise SystemExit(f"crxperf failed ({proc.returncode}): {out.strip()} {err.strip()}")
        results.append(words)
    return wall, results


def rpc_rate(crxperf: Path, port: int, clients: int, per_client: int, calls: int) -> float:
    each = max(calls // clients, 1)
    wall, _ = run_clients(crxperf, port, [
        ["-c", "rpc", "-S", "16", "-R", "16", "-n", str(each), "-T", str(per_client),
         "-u", "4096"] for _ in range(clients)])
    return each * clients / wall


def bulk_rate(crxperf: Path, port: int, clients: int, mib: float) -> float:
    size = int(mib * MIB)
    wall, _ = run_clients(crxperf, port, [
        ["-c", "send", "-b", str(size), "-W", "255", "-u", "4096"] for _ in range(clients)])
    return size * clients / wall / 1e6


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else "")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--per-client", type=int, default=8)
    parser.add_argument("--calls", type=int, default=40000,
                        help="rpc calls per run, all clients together")
    parser.add_argument("--bulk-clients", type=int, default=4)
    parser.add_argument("--bulk-mib", type=float, default=64.0)
    parser.add_argument("--crxperf", default=None)
    args = parser.parse_args(argv)
    if sys.platform != "linux":
        print("endpoint groups need Linux")
        return 1

    with tempfile.TemporaryDirectory(prefix="group-scaling-") as tmp:
        crxperf, how = find_crxperf(args.crxperf, DEFAULT_SRC, Path(tmp))
        if crxperf is None:
            print(f"crxperf is not available: {how}")
            return 1
        figures: dict[tuple[str, int], list[float]] = {}
        groups = {size: Group(size) for size in (1, 2)}
        try:
            for _ in range(args.runs):
                for size, group in groups.items():
                    figures.setdefault(("rpc", size), []).append(rpc_rate(
                        crxperf, group.port, args.clients, args.per_client, args.calls))
                    figures.setdefault(("bulk", size), []).append(bulk_rate(
                        crxperf, group.port, args.bulk_clients, args.bulk_mib))
        finally:
            for group in groups.values():
                group.stop()
    print(f"crxperf ({how}) against trio-rxrpc rxperf groups on {HOST}; "
          f"{os.cpu_count()} CPUs; medians of {args.runs} rounds")
    print(f"{'figure':44} {'1 worker':>12} {'2 workers':>12} {'2 / 1':>7}")
    rows = (("rpc", f"rpc calls/s, {args.clients} clients x {args.per_client} in flight"),
            ("bulk", f"bulk MB/s, {args.bulk_clients} x {args.bulk_mib:g} MiB sends"))
    for key, label in rows:
        one = statistics.median(figures[(key, 1)])
        two = statistics.median(figures[(key, 2)])
        print(f"{label:44} {one:12,.1f} {two:12,.1f} {two / one:7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
