"""An endpoint group of 1 worker against one of 2, driven by OpenAFS's C rx (crxperf).

Run ``python benchmarks/group_scaling.py [--runs 3]`` on Linux.  For each group size it
starts ``trio-rxrpc group -n SIZE -- python -m trio_rxrpc rxperf server`` on a loopback
port and measures, in the same run, taking turns:

* **rpc**: ``--clients`` crxperf client processes at once, each with ``--per-client`` calls
  in flight (64 in all by default), 16-byte requests and replies; the figure is the calls
  of all clients divided by the wall time until the last one finished;
* **bulk**: ``--bulk-clients`` transfers of ``--bulk-mib`` MiB each at once (``-c send``),
  from ``--bulk-processes`` crxperf processes (2 by default) with a thread and a connection
  per transfer; MB/s (10^6 bytes) of all of them over the same wall time.

The kernel steers each connection to one worker by its connection ID, so the load spreads
only across connections.  OpenAFS numbers a process's connections 4 apart, so the
connections of one crxperf process alternate between the two workers: each RPC client
(``-C 4``, two connections for 8 calls) and each bulk process (``-C 1``, an even number of
transfers) split evenly.  Separate processes start their connection IDs from the time they
start, so a few one-connection processes could split unevenly (say 3 to 1).  The
2 / 1 column is the 2-worker figure over the 1-worker one; both are medians of ``--runs``
rounds.  crxperf is built from the repository's ``interop/crxperf`` as
``compare_crxperf.py`` does.

It also accounts for the CPU of each measurement: the workers' (from ``/proc/PID/stat``),
the clients' (the children's times of this process, as they are reaped) and how busy the
machine was (``/proc/stat``).  From those it prints, per figure, the CPU µs per call (or per
MB) of the workers, of the clients and of the whole machine (``m``: those two, the kernel's
softirq work and anything else), and two limits on the 2 / 1 ratio.  With N CPUs all busy,
the 2-worker group can go no faster than ``N / m`` units a second:

* **bound** takes ``m`` from the 2-worker run and divides ``N / m`` by the 1-worker figure;
  a ratio near it means the machine was the limit, not the workers;
* **ideal** takes ``m`` from the 1-worker run: the ratio if splitting the load cost nothing
  per call.  A lone worker keeps one CPU busy, so this is about ``N w / m`` (``w`` the
  workers' CPU per unit): below N by the share of the clients and the kernel.
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
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from compare_crxperf import DEFAULT_SRC, find_crxperf, parse_result

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

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


TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def process_cpu(pid: int) -> float:
    """CPU seconds (user and system) a live process has used; 0 if it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICK


def child_pids(pid: int) -> list[int]:
    """The direct children of a process (the workers of a group's supervisor)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found.extend(int(word) for word in (task / "children").read_text().split())
        except OSError:
            continue
    return found


def machine_busy() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, from ``/proc/stat``."""
    words = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    ticks = [int(word) for word in words[:8]]
    idle = ticks[3] + ticks[4]
    return (sum(ticks) - idle) / TICK, sum(ticks) / TICK


class CpuMeter:
    """The CPU one measurement used: the group's workers, the clients, the machine."""

    def __init__(self, group_pid: int) -> None:
        self.workers = child_pids(group_pid)
        if not self.workers:
            raise SystemExit(f"cannot find the workers of the group (pid {group_pid}): this "
                             "kernel has no /proc/PID/task/TID/children")
        self.worker0 = sum(process_cpu(pid) for pid in self.workers)
        times = os.times()
        self.client0 = times.children_user + times.children_system
        self.busy0, self.total0 = machine_busy()

    def stop(self) -> tuple[float, float, float]:
        """(workers' CPU seconds, clients' CPU seconds, machine busy fraction)."""
        worker = sum(process_cpu(pid) for pid in self.workers) - self.worker0
        times = os.times()
        client = times.children_user + times.children_system - self.client0
        busy, total = machine_busy()
        return worker, client, (busy - self.busy0) / max(total - self.total0, 1e-9)


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


def rpc_calls(crxperf: Path, port: int, clients: int, per_client: int,
              calls: int) -> tuple[float, float]:
    """(calls made, wall seconds) of one RPC measurement."""
    each = max(calls // clients, 1)
    wall, _ = run_clients(crxperf, port, [
        ["-c", "rpc", "-S", "16", "-R", "16", "-n", str(each), "-T", str(per_client),
         "-u", "4096"] for _ in range(clients)])
    return each * clients, wall


def bulk_mbytes(crxperf: Path, port: int, clients: int, processes: int,
                mib: float) -> tuple[float, float]:
    """(MB sent, wall seconds) of one bulk measurement."""
    size = int(mib * MIB)
    shares = [clients // processes + (i < clients % processes) for i in range(processes)]
    wall, _ = run_clients(crxperf, port, [
        ["-c", "send", "-b", str(size), "-n", str(n), "-T", str(n), "-C", "1",
         "-W", "255", "-u", "4096"] for n in shares if n])
    return size * clients / 1e6, wall


class Sample:
    """One measurement: its rate and the CPU it took per unit (call or MB)."""

    def __init__(self, units: float, wall: float, cpu: tuple[float, float, float]) -> None:
        worker, client, busy = cpu
        ncpu = os.cpu_count() or 1
        self.rate = units / wall
        self.worker = worker / units
        self.client = client / units
        self.machine = busy * ncpu * wall / units
        self.worker_cores = worker / wall
        self.busy = busy


def measure(group: Group, run: Callable[[], tuple[float, float]]) -> Sample:
    meter = CpuMeter(group.proc.pid)
    units, wall = run()
    return Sample(units, wall, meter.stop())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else "")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--per-client", type=int, default=8)
    parser.add_argument("--calls", type=int, default=40000,
                        help="rpc calls per run, all clients together")
    parser.add_argument("--bulk-clients", type=int, default=4)
    parser.add_argument("--bulk-processes", type=int, default=2)
    parser.add_argument("--bulk-mib", type=float, default=64.0)
    parser.add_argument("--crxperf", default=None)
    args = parser.parse_args(argv)
    if args.bulk_processes < 1 or args.bulk_clients < 1:
        parser.error("--bulk-processes and --bulk-clients must be at least 1")
    if sys.platform != "linux":
        print("endpoint groups need Linux")
        return 1

    with tempfile.TemporaryDirectory(prefix="group-scaling-") as tmp:
        crxperf, how = find_crxperf(args.crxperf, DEFAULT_SRC, Path(tmp))
        if crxperf is None:
            print(f"crxperf is not available: {how}")
            return 1
        figures: dict[tuple[str, int], list[Sample]] = {}
        groups = {size: Group(size) for size in (1, 2)}
        try:
            for _ in range(args.runs):
                for size, group in groups.items():
                    figures.setdefault(("rpc", size), []).append(measure(group, partial(
                        rpc_calls, crxperf, group.port, args.clients, args.per_client,
                        args.calls)))
                    figures.setdefault(("bulk", size), []).append(measure(group, partial(
                        bulk_mbytes, crxperf, group.port, args.bulk_clients, args.bulk_processes,
                        args.bulk_mib)))
        finally:
            for group in groups.values():
                group.stop()
    ncpu = os.cpu_count() or 1
    print(f"crxperf ({how}) against trio-rxrpc rxperf groups on {HOST}; "
          f"{ncpu} CPUs; medians of {args.runs} rounds")
    print(f"{'figure':44} {'1 worker':>12} {'2 workers':>12} {'2 / 1':>7} {'bound':>7} "
          f"{'ideal':>7}")
    rows = (("rpc", f"rpc calls/s, {args.clients} clients x {args.per_client} in flight", 1e6,
             "µs/call"),
            ("bulk", f"bulk MB/s, {args.bulk_clients} x {args.bulk_mib:g} MiB, "
                     f"{args.bulk_processes} processes", 1e3, "ms/MB"))
    for key, label, scale, unit in rows:
        one, two = figures[(key, 1)], figures[(key, 2)]

        def med(samples: list[Sample], field: str) -> float:
            return float(statistics.median(getattr(sample, field) for sample in samples))

        rate1, rate2 = med(one, "rate"), med(two, "rate")
        bound = ncpu / med(two, "machine") / rate1
        ideal = ncpu / med(one, "machine") / rate1
        print(f"{label:44} {rate1:12,.1f} {rate2:12,.1f} {rate2 / rate1:7.2f} {bound:7.2f} "
              f"{ideal:7.2f}")
        for name, field in (("  workers' CPU", "worker"), ("  clients' CPU", "client"),
                            ("  all CPU of the machine", "machine")):
            print(f"{name + ', ' + unit:44} {med(one, field) * scale:12.1f} "
                  f"{med(two, field) * scale:12.1f}")
        print(f"{'  cores the workers kept busy':44} {med(one, 'worker_cores'):12.2f} "
              f"{med(two, 'worker_cores'):12.2f}")
        print(f"{'  machine busy':44} {med(one, 'busy'):12.0%} {med(two, 'busy'):12.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
