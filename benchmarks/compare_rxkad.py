"""trio_rxrpc against crxperf (OpenAFS's C Rx library) at each rxkad level, on loopback.

Run ``python benchmarks/compare_rxkad.py [options]``.  Both sides are the rxperf tools,
each in its own process: ``python -m trio_rxrpc rxperf`` and crxperf.  The figures are:

* ``crypt-recv`` and ``crypt-send``: one call moving ``--bulk-mb`` MB (10^6 bytes, default
  16) at the rxkad crypt level, a download (client op ``recv``) and an upload (op ``send``),
  in MB/s;
* ``rpc-null``, ``rpc-clear``, ``rpc-auth`` and ``rpc-crypt``: ``--calls`` RPC calls (default
  2000, one in flight, ``--rpc-bytes`` of request and of reply, default 4) under rxnull and
  under rxkad at clear, auth and crypt, in calls/s.

Each figure is measured with two pairings: ``py/py`` (trio_rxrpc client, trio_rxrpc server)
and ``C/C`` (crxperf client, crxperf server).  ``--mixed`` adds ``py->C`` (trio_rxrpc client,
crxperf server) and ``C->py`` (crxperf client, trio_rxrpc server), which show which side of
the Python pair is the limit.  Options::

    --runs N          counted runs per figure and pairing (default 5); the table gives medians
    --warmups N       uncounted runs first (default 1)
    --only FIGURE     measure only this figure (repeatable)
    --key HEX16       the rxkad server key (default a7838acbc783ec94, the key of the Linux
                      kernel's rxperf server, which crxperf calls ``kernel``)
    --crxperf PATH    use this crxperf binary; otherwise it is built from --crxperf-src
                      (default $CRXPERF_SRC or the repository's interop/crxperf) with
                      ``make`` in a temporary directory

Two servers are started once, on free ports, and serve every figure: a trio_rxrpc server
(``rxperf server --key``) and a crxperf server (``-k KEY -u 4096 -W 255``).  Both accept
rxnull and rxkad at any level, so one server per implementation covers all levels.  The C
server runs without ``-q`` because its ``READY`` line is how we know it listens.  The C
client gets ``-u 4096 -W 255`` (4 MiB UDP buffers and a 255-packet window); those are the
trio_rxrpc defaults, so the Python commands need no tuning options.  The servers are
stopped on the way out, also after an error or Ctrl-C, and their closing ``SERVER`` lines
(calls served per security level) are printed.

Within a figure, the pairings take turns run by run, so a slow phase of a shared machine
hits all of them alike.  The summary gives each pairing's median and the py/py : C/C ratio
twice: as the ratio of the medians and as the median of the run-by-run ratios ("paired").
A client that exits non-zero or reports failed calls stops the benchmark with its output.
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import socket
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import _bootstrap  # noqa: F401  # before trio_rxrpc: makes the checkout importable
from compare_crxperf import add_crxperf_arguments, find_crxperf, parse_result
from echo_bench import HOST, BenchmarkError, ServerProcess, add_busy_poll_argument

import trio_rxrpc

if TYPE_CHECKING:
    from collections.abc import Sequence

KERNEL_KEY = "a7838acbc783ec94"
"""The DES key of the Linux kernel's rxperf server (crxperf's ``-k kernel``)."""

C_TUNING = ["-u", "4096", "-W", "255"]
"""Rx tuning for both crxperf sides: trio_rxrpc's defaults (4 MiB UDP buffers, window 255)."""

WATCHDOG = 600
"""Seconds after which a client gives up on its run (both tools take ``-t``)."""


# --------------------------------------------------------------------------- figures


@dataclass(frozen=True)
class Figure:
    """One thing to measure: an rxperf operation at a security level."""

    key: str
    label: str
    op: str
    level: str

    @property
    def bulk(self) -> bool:
        return self.op in ("send", "recv")

    @property
    def unit(self) -> str:
        return "MB/s" if self.bulk else "calls/s"


FIGURES = (
    Figure("crypt-recv", "crypt, download", "recv", "crypt"),
    Figure("crypt-send", "crypt, upload", "send", "crypt"),
    Figure("rpc-null", "RPC, rxnull", "rpc", "null"),
    Figure("rpc-clear", "RPC, clear", "rpc", "clear"),
    Figure("rpc-auth", "RPC, auth", "rpc", "auth"),
    Figure("rpc-crypt", "RPC, crypt", "rpc", "crypt"),
)


@dataclass(frozen=True)
class Plan:
    """Sizes and repetitions, shared by every pairing."""

    runs: int
    warmups: int
    bulk_bytes: int
    calls: int
    rpc_bytes: int
    key: str
    figures: tuple[Figure, ...]
    busy_poll_us: int = 0
    """``--busy-poll`` for both trio_rxrpc sides (0: off)."""


# --------------------------------------------------------------------------- commands


def python_command(*words: str) -> list[str]:
    """``python -m trio_rxrpc rxperf`` with ``words``, in this interpreter."""
    return [sys.executable, "-m", "trio_rxrpc", "rxperf", *words]


def python_server_command(port: int, key: str, busy_poll_us: int = 0) -> list[str]:
    return python_command("server", "--address", HOST, "--port", str(port), "--key", key,
                          *_busy_poll(busy_poll_us))


def _busy_poll(busy_poll_us: int) -> list[str]:
    return ["--busy-poll", str(busy_poll_us)] if busy_poll_us else []


def c_server_command(crxperf: Path, port: int, key: str) -> list[str]:
    # -t: a lifetime, so the server also goes away if this script is killed outright.
    return [str(crxperf), "server", "-a", HOST, "-p", str(port), "-k", key, *C_TUNING,
            "-t", "7200"]


def python_client_command(figure: Figure, plan: Plan, port: int) -> list[str]:
    words = ["client", "--server", HOST, "--port", str(port), "-c", figure.op]
    if figure.bulk:
        words += ["-b", str(plan.bulk_bytes), "-n", "1"]
    else:
        size = str(plan.rpc_bytes)
        words += ["-S", size, "-R", size, "-n", str(plan.calls), "-T", "1"]
    words += ["--level", figure.level]
    if figure.level != "null":
        words += ["--key", plan.key]
    return python_command(*words, "--watchdog", str(WATCHDOG), *_busy_poll(plan.busy_poll_us))


def c_client_command(crxperf: Path, figure: Figure, plan: Plan, port: int) -> list[str]:
    cmd = [str(crxperf), "client", "-s", HOST, "-p", str(port), "-c", figure.op]
    if figure.bulk:
        cmd += ["-b", str(plan.bulk_bytes), "-n", "1"]
    else:
        size = str(plan.rpc_bytes)
        cmd += ["-S", size, "-R", size, "-n", str(plan.calls), "-T", "1"]
    cmd += ["-x", figure.level]
    if figure.level != "null":
        cmd += ["-k", plan.key]
    return [*cmd, *C_TUNING, "-t", str(WATCHDOG), "-q"]


def free_udp_port() -> int:
    """A UDP port on HOST that nothing is bound to right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def start_server(kind: str, command: list[str], cwd: Path) -> ServerProcess:
    """Start a server and wait for its READY line."""
    print(f"  {kind} server: {shlex.join(command)}", flush=True)
    # ServerProcess starts the child in our current directory.  Move to ``cwd`` just long
    # enough to start it, so ``python -m trio_rxrpc`` finds the copy we imported (this
    # changes nothing for crxperf).
    here = Path.cwd()
    os.chdir(cwd)
    try:
        return ServerProcess(command)
    finally:
        os.chdir(here)


# --------------------------------------------------------------------------- measuring


@dataclass
class Pairing:
    """A client implementation against a running server."""

    key: str
    client: str
    server: ServerProcess
    crxperf: Path | None
    samples: dict[str, list[float]] = field(default_factory=dict)

    def command(self, figure: Figure, plan: Plan) -> list[str]:
        if self.client == "C":
            assert self.crxperf is not None
            return c_client_command(self.crxperf, figure, plan, self.server.port)
        return python_client_command(figure, plan, self.server.port)

    def median(self, figure: Figure) -> float:
        return statistics.median(self.samples[figure.key])


def run_client(command: list[str], figure: Figure, cwd: Path, server: ServerProcess) -> float:
    """Run one client to completion; its rate (MB/s or calls/s) from the RESULT line."""
    try:
        done = subprocess.run(command, capture_output=True, text=True, cwd=cwd, check=False,
                              timeout=WATCHDOG + 60)
    except subprocess.TimeoutExpired as exc:
        raise BenchmarkError(f"client hung: {shlex.join(command)}") from exc
    output = f"{done.stdout.strip()} {done.stderr.strip()}".strip()
    try:
        words = parse_result(done.stdout)
    except BenchmarkError:
        words = {}
    if done.returncode != 0 or words.get("failed") != "0":
        raise BenchmarkError(f"client failed (exit status {done.returncode}, "
                             f"failed={words.get('failed', '?')}): {shlex.join(command)}\n"
                             f"{output[-1500:]}")
    if server.proc.poll() is not None:
        raise BenchmarkError(f"the server exited (status {server.proc.returncode}): "
                             f"{shlex.join(server.command)}")
    return float(words["MB_per_s" if figure.bulk else "calls_per_s"])


def measure(plan: Plan, pairings: list[Pairing], cwd: Path) -> None:
    """Every figure with every pairing: warm-ups, then counted runs taken in turn."""
    print(f"\n{'figure':<16} {'pairing':<7} {'run':>7} {'rate':>10}")
    for figure in plan.figures:
        for pairing in pairings:
            pairing.samples.setdefault(figure.key, [])
            for _ in range(plan.warmups):
                value = run_client(pairing.command(figure, plan), figure, cwd, pairing.server)
                print(f"{figure.key:<16} {pairing.key:<7} {'warm-up':>7} {value:10.1f} "
                      f"{figure.unit}", flush=True)
        for i in range(plan.runs):
            for pairing in pairings:
                value = run_client(pairing.command(figure, plan), figure, cwd, pairing.server)
                pairing.samples[figure.key].append(value)
                print(f"{figure.key:<16} {pairing.key:<7} {i + 1:>7} {value:10.1f} "
                      f"{figure.unit}", flush=True)


# --------------------------------------------------------------------------- report


def _ratio(a: float, b: float) -> float:
    return a / b if b else float("nan")


def _rate(value: float) -> str:
    return f"{value:10.1f}" if value < 1000 else f"{value:10.0f}"


def _span(low: float, high: float) -> str:
    digits = 1 if high < 1000 else 0
    return f"{low:.{digits}f}-{high:.{digits}f}"


def summarize(plan: Plan, pairings: list[Pairing]) -> list[str]:
    """The table of medians and py/py : C/C ratios, then one RESULT line per figure."""
    head = f"{'figure':<18} {'unit':<8}" + "".join(f" {p.key:>10}" for p in pairings)
    head += f" {'py/C':>6} {'paired':>6} {'py/py range':>17} {'C/C range':>17}"
    lines = ["", f"Medians of {plan.runs} runs; py/C = py/py median : C/C median, "
             "paired = median of the run-by-run ratios", head, "-" * len(head)]
    results: list[str] = []
    py, c = pairings[0], pairings[1]
    for figure in plan.figures:
        row = f"{figure.label:<18} {figure.unit:<8}"
        row += "".join(f" {_rate(p.median(figure))}" for p in pairings)
        py_values, c_values = py.samples[figure.key], c.samples[figure.key]
        of_medians = _ratio(py.median(figure), c.median(figure))
        paired = statistics.median(_ratio(a, b) for a, b in zip(py_values, c_values,
                                                                 strict=True))
        row += f" {of_medians:6.2f} {paired:6.2f}"
        for values in (py_values, c_values):
            row += f" {_span(min(values), max(values)):>17}"
        lines.append(row.rstrip())
        medians = " ".join(f"{p.key}={p.median(figure):.1f}" for p in pairings)
        spans = " ".join(f"min.{p.key}={min(p.samples[figure.key]):.1f} "
                         f"max.{p.key}={max(p.samples[figure.key]):.1f}" for p in pairings)
        results.append(f"RESULT name=rxkad.{figure.key} unit={figure.unit} {medians} "
                       f"ratio={of_medians:.3f} paired={paired:.3f} {spans}")
    return [*lines, "", *results]


def header(plan: Plan, crxperf: Path, how: str, package_root: Path) -> list[str]:
    cpus = os.cpu_count()
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        usable = cpus or 0
    return [
        f"rxkad: trio_rxrpc {trio_rxrpc.__version__} ({package_root}) against crxperf, "
        f"on {HOST}",
        f"machine: {platform.node()}, {platform.machine()}, nproc {usable} (of {cpus}), "
        f"{platform.system()} {platform.release()}",
        f"python: {sys.version.split()[0]} ({sys.executable})",
        f"crxperf: {crxperf} ({how})",
        f"key: {plan.key}; {plan.warmups} warm-up + {plan.runs} counted runs per figure "
        f"and pairing; bulk {plan.bulk_bytes} bytes (MB = 10^6 bytes); "
        f"RPC {plan.calls} calls, 1 in flight, {plan.rpc_bytes} bytes each way; "
        f"trio_rxrpc busy_poll {plan.busy_poll_us} us",
    ]


def print_commands(plan: Plan, pairings: list[Pairing]) -> None:
    print("client commands:")
    for figure in plan.figures:
        for pairing in pairings:
            print(f"  {figure.key:<11} {pairing.key:<6} "
                  f"{shlex.join(pairing.command(figure, plan))}")


# --------------------------------------------------------------------------- main


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description="trio_rxrpc against crxperf at each rxkad level, on loopback.")
    parser.add_argument("--runs", type=int, default=5,
                        help="counted runs per figure and pairing (default 5)")
    parser.add_argument("--warmups", type=int, default=1,
                        help="uncounted runs before them (default 1)")
    parser.add_argument("--bulk-mb", type=float, default=16.0,
                        help="bytes per bulk call, in MB of 10^6 bytes (default 16)")
    parser.add_argument("--calls", type=int, default=2000,
                        help="RPC calls per run, one in flight (default 2000)")
    parser.add_argument("--rpc-bytes", type=int, default=4,
                        help="RPC request and reply payload bytes (default 4)")
    parser.add_argument("--key", default=KERNEL_KEY,
                        help=f"rxkad server key, 16 hex digits (default {KERNEL_KEY})")
    parser.add_argument("--only", action="append", choices=[f.key for f in FIGURES],
                        help="measure only this figure (repeatable)")
    parser.add_argument("--mixed", action="store_true",
                        help="also measure py client -> C server and C client -> py server")
    add_busy_poll_argument(parser, "both trio_rxrpc sides (rxperf --busy-poll)")
    add_crxperf_arguments(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if min(args.runs, args.calls) < 1 or args.warmups < 0 or args.rpc_bytes < 0:
        raise SystemExit("--runs and --calls must be >= 1, --warmups and --rpc-bytes >= 0")
    try:
        if len(bytes.fromhex(args.key)) != 8:
            raise ValueError
    except ValueError:
        raise SystemExit("--key takes 16 hex digits") from None
    bulk_bytes = int(args.bulk_mb * 1e6)
    if not 0 < bulk_bytes < 2**31:
        raise SystemExit("--bulk-mb must be above 0 and below 2147 (rxperf sizes are int32)")
    only = set(args.only or ())
    plan = Plan(runs=args.runs, warmups=args.warmups, bulk_bytes=bulk_bytes,
                calls=args.calls, rpc_bytes=args.rpc_bytes, key=args.key.lower(),
                figures=tuple(f for f in FIGURES if not only or f.key in only),
                busy_poll_us=args.busy_poll)
    # ``python -m`` looks in the current directory first: run the Python side from the
    # directory that holds the trio_rxrpc we imported, so both measure the same code.
    package_root = Path(trio_rxrpc.__file__).resolve().parent.parent

    with tempfile.TemporaryDirectory(prefix="compare-rxkad-") as tmp:
        given = str(Path(args.crxperf).resolve()) if args.crxperf is not None else None
        crxperf, how = find_crxperf(given, args.crxperf_src.resolve(), Path(tmp))
        if crxperf is None:
            print(f"compare_rxkad: crxperf is not available: {how}", file=sys.stderr)
            return 1
        for line in header(plan, crxperf, how, package_root):
            print(line)
        servers: list[ServerProcess] = []
        try:
            print("servers:")
            py_server = start_server(
                "py", python_server_command(free_udp_port(), plan.key, plan.busy_poll_us),
                package_root)
            servers.append(py_server)
            c_server = start_server(
                "C", c_server_command(crxperf, free_udp_port(), plan.key), package_root)
            servers.append(c_server)
            pairings = [Pairing("py/py", "py", py_server, crxperf),
                        Pairing("C/C", "C", c_server, crxperf)]
            if args.mixed:
                pairings += [Pairing("py->C", "py", c_server, crxperf),
                             Pairing("C->py", "C", py_server, crxperf)]
            print_commands(plan, pairings)
            measure(plan, pairings, package_root)
        except BenchmarkError as exc:
            print(f"\ncompare_rxkad: {exc}", file=sys.stderr)
            return 1
        finally:
            closing = [line for server in servers for line in server.stop()
                       if line.startswith("SERVER")]
    for line in summarize(plan, pairings):
        print(line)
    print("\nservers on the way out (py, then C):")
    for line in closing:
        print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
