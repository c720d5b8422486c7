"""trio_rxrpc against the C yardstick crxperf (OpenAFS's Rx library), on loopback.

Run ``python benchmarks/compare_crxperf.py [options]``.  It measures the four figures of
``echo_bench.py`` for each pairing of client and server:

* ``py/py``: trio_rxrpc client, trio_rxrpc server (exactly what ``echo_bench.py`` measures);
* ``C/C``: crxperf client, crxperf server;
* ``py->C`` and ``C->py``: the mixed pairs (``--no-mixed`` leaves them out).  They show which
  side of the Python pair limits it.

Both programs speak rxperf, so the C client drives the Python server and the reverse.  The C
commands are those of the brief: RPC with ``-T 1`` and ``-T 64`` (16-byte request and reply
payloads, ``-S 16 -R 16``, like the Python echo), SEND and RECV of 64 MiB with ``-W 255``, all
with ``-u 4096`` (4 MiB UDP buffers, what trio_rxrpc asks for by default).  The C server runs
with ``-W 255 -u 4096``.

Each figure gets one warm-up per pairing, then ``--runs`` rounds in which the pairings take
turns (py/py, C/C, py->C, C->py), so slow phases of this shared machine hit all of them alike.
In a bulk figure each counted run follows an uncounted run of the same pairing: the first
transfer after another pairing's is slower by up to a fifth (py->C straight after C/C ran at
460-570 MB/s where the next transfers ran at 600-640, whatever the pause between them), and
without the extra run that would count against whichever pairing comes after the other's.
The summary gives each pairing's median and the py/py : C/C ratio twice: as the ratio of the
medians, and as the median of the round-by-round ratios ("paired").

crxperf comes from ``--crxperf PATH`` or is built from ``--crxperf-src`` (default
``$CRXPERF_SRC`` or the repository's ``interop/crxperf``) in a temporary directory with
``make``; it needs libopenafs-dev and Heimdal's hcrypto/roken (see that directory's README).
If it cannot be built or run, the C part is skipped with a message saying why, and only py/py
is measured.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import _bootstrap  # noqa: F401  # before trio_rxrpc: makes the checkout importable
import trio
from echo_bench import (
    FIGURES,
    HOST,
    MIB,
    BenchmarkError,
    Figure,
    Plan,
    Sample,
    ServerProcess,
    Table,
    add_busy_poll_argument,
    cpu_seconds_of,
    make_config,
    measure,
    python_server_command,
    wait_until_answering,
)

import trio_rxrpc

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Sequence

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SRC = Path(os.environ.get("CRXPERF_SRC", REPO / "interop" / "crxperf"))
C_SERVER_OPTIONS = ["-u", "4096", "-W", "255"]
BULK = ("send", "recv")
"""The figures whose runs are each preceded by an uncounted one (see the module docstring)."""
C_WATCHDOG = "600"


# --------------------------------------------------------------------------- crxperf


def add_crxperf_arguments(parser: argparse.ArgumentParser) -> None:
    """``--crxperf`` and ``--crxperf-src``, for :func:`find_crxperf`."""
    parser.add_argument("--crxperf", default=None, help="a crxperf binary to use")
    parser.add_argument("--crxperf-src", type=Path, default=DEFAULT_SRC,
                        help="crxperf source directory to build from (default %(default)s)")


def find_crxperf(binary: str | None, source: Path, workdir: Path) -> tuple[Path | None, str]:
    """A runnable crxperf and how it was found, or None and why not."""
    if binary is not None:
        path = Path(binary)
        if not os.access(path, os.X_OK):
            return None, f"{path} is not an executable file"
        return path, f"given: {path}"
    if not (source / "crxperf.c").is_file():
        return None, f"no crxperf source at {source} (set --crxperf-src or CRXPERF_SRC)"
    if shutil.which("make") is None:
        return None, "make is not installed"
    build = workdir / "crxperf-build"
    shutil.copytree(source, build, ignore=shutil.ignore_patterns("*.o", "crxperf"))
    done = subprocess.run(["make", "-C", str(build)], capture_output=True, text=True,
                          check=False)
    path = build / "crxperf"
    if done.returncode != 0 or not path.is_file():
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        return None, ("make failed (needs libopenafs-dev, libhcrypto5-heimdal, "
                      "libroken19-heimdal): " + " | ".join(tail))
    return path, f"built from {source}"


def parse_result(text: str) -> dict[str, str]:
    """The key=value words of crxperf's RESULT line."""
    for line in text.splitlines():
        if line.startswith("RESULT "):
            return dict(w.split("=", 1) for w in line.split()[1:] if "=" in w)
    raise BenchmarkError(f"crxperf printed no RESULT line: {text.strip()[-300:]!r}")


def c_client_args(key: str, plan: Plan) -> list[str]:
    """crxperf client options for figure ``key``."""
    size = str(plan.payload)
    if key == "seq":
        return ["-c", "rpc", "-S", size, "-R", size, "-n", str(plan.calls), "-T", "1",
                "-u", "4096"]
    if key == "conc":
        return ["-c", "rpc", "-S", size, "-R", size, "-n", str(plan.concurrent_calls),
                "-T", str(plan.concurrency), "-u", "4096"]
    if key in ("send", "recv"):
        return ["-c", key, "-b", str(plan.bulk_bytes), "-W", "255", "-u", "4096"]
    raise ValueError(key)


async def measure_c_client(crxperf: Path, key: str, plan: Plan, port: int,
                           server_pid: int) -> Sample:
    """One run of the crxperf client; rate, wall and client CPU come from its RESULT line."""
    cmd = [str(crxperf), "client", "-s", HOST, "-p", str(port), "-t", C_WATCHDOG,
           "-L", key, *c_client_args(key, plan)]
    server_before = cpu_seconds_of(server_pid)
    done = await trio.run_process(cmd, capture_stdout=True, capture_stderr=True, check=False)
    server_after = cpu_seconds_of(server_pid)
    out = done.stdout.decode(errors="replace")
    words = parse_result(out)
    if done.returncode != 0 or words.get("failed") != "0":
        raise BenchmarkError(f"crxperf client failed ({done.returncode}): "
                             f"{out.strip()} {done.stderr.decode(errors='replace').strip()}")
    value = float(words["calls_per_s"] if key in ("seq", "conc") else words["MB_per_s"])
    return Sample(
        value=value, wall=float(words["seconds"]),
        client_cpu=float(words["cpu_user"]) + float(words["cpu_sys"]),
        server_cpu=(server_after - server_before
                    if server_after is not None and server_before is not None else None))


# --------------------------------------------------------------------------- pairings


@dataclass
class Pairing:
    """A client/server combination and how to run one measurement with it."""

    key: str
    label: str
    run: Callable[[str], Awaitable[Sample]]
    figures: dict[str, Figure] = field(default_factory=dict)


def _ratio(a: float, b: float) -> float:
    return a / b if b else float("nan")


async def compare(plan: Plan, crxperf: Path | None, py_server: ServerProcess,
                  c_server: ServerProcess | None, mixed: bool, table: Table,
                  config: trio_rxrpc.EndpointConfig) -> list[Pairing]:
    """Measure every figure with every pairing, the pairings taking turns."""
    async with trio_rxrpc.open_endpoint((HOST, 0), config=config) as endpoint:
        sock = endpoint.socket()
        py_addr = (HOST, py_server.port)
        await wait_until_answering(sock, py_addr)

        def python_client(addr: tuple[str, int], server_pid: int, echo: bool,
                          ) -> Callable[[str], Awaitable[Sample]]:
            def run(key: str) -> Awaitable[Sample]:
                amount = (plan.calls if key == "seq" else plan.concurrent_calls
                          if key == "conc" else plan.bulk_bytes / 1e6)
                return measure(plan.work(key, sock, addr, echo=echo), amount, server_pid)
            return run

        def c_client(port: int, server_pid: int) -> Callable[[str], Awaitable[Sample]]:
            assert crxperf is not None
            return lambda key: measure_c_client(crxperf, key, plan, port, server_pid)

        pairings = [Pairing("py/py", "py client, py server",
                            python_client(py_addr, py_server.pid, True))]
        if crxperf is not None and c_server is not None:
            c_addr = (HOST, c_server.port)
            await wait_until_answering(sock, c_addr)
            pairings.append(Pairing("C/C", "C client, C server",
                                    c_client(c_server.port, c_server.pid)))
            if mixed:
                pairings.append(Pairing("py->C", "py client, C server",
                                        python_client(c_addr, c_server.pid, False)))
                pairings.append(Pairing("C->py", "C client, py server",
                                        c_client(py_server.port, py_server.pid)))
        table.header()
        for key, template, _amount in plan.figures():
            for pairing in pairings:
                figure = Figure(f"{template.name}.{pairing.key}",
                                f"{template.label} [{pairing.key}]", template.unit)
                pairing.figures[key] = figure
                figure.warmup = await pairing.run(key)
                table.row(figure, "warm-up", figure.warmup)
            for i in range(plan.runs):
                for pairing in pairings:
                    figure = pairing.figures[key]
                    if key in BULK:
                        await pairing.run(key)  # settles the pairing in: not counted
                    sample = await pairing.run(key)
                    figure.samples.append(sample)
                    table.row(figure, str(i + 1), sample)
            for pairing in pairings:
                table.median(pairing.figures[key])
        return pairings


def summarize(plan: Plan, pairings: list[Pairing]) -> list[str]:
    """The summary table, then the RESULT lines (returned for the caller to print)."""
    keys = [p.key for p in pairings]
    head = f"{'figure':<28} {'unit':<8}" + "".join(f" {k:>10}" for k in keys)
    has_c = "C/C" in keys
    if has_c:
        head += f" {'py/C ratio':>11} {'paired':>7}"
    lines = ["", "Medians" + (" and py/py : C/C ratios" if has_c else ""), head,
             "-" * len(head)]
    results: list[str] = []
    for key, template, _amount in plan.figures():
        row = f"{template.label:<28} {template.unit:<8}"
        for pairing in pairings:
            figure = pairing.figures[key]
            row += f" {figure.median:10.1f}"
            results.append(figure.result_line())
        if has_c:
            py = pairings[0].figures[key]
            c = next(p for p in pairings if p.key == "C/C").figures[key]
            of_medians = _ratio(py.median, c.median)
            paired = statistics.median(_ratio(a, b) for a, b in zip(py.values, c.values,
                                                                     strict=True))
            row += f" {of_medians:11.3f} {paired:7.3f}"
            results.append(f"RESULT name={template.name}.ratio median={paired:.3f} unit=x "
                           f"of_medians={of_medians:.3f}")
        lines.append(row)
    return [*lines, "", *results]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="trio_rxrpc against crxperf on loopback.")
    parser.add_argument("--runs", type=int, default=5, help="counted rounds per figure")
    parser.add_argument("--calls", type=int, default=5000, help="calls per run, 1 in flight")
    parser.add_argument("--concurrent-calls", type=int, default=20000,
                        help="calls per run with --concurrency in flight")
    parser.add_argument("--concurrency", type=int, default=64, help="calls in flight")
    parser.add_argument("--payload", type=int, default=16, help="RPC payload bytes each way")
    parser.add_argument("--bulk-mib", type=float, default=64.0, help="bulk size in MiB")
    parser.add_argument("--window", type=int, default=None,
                        help="trio_rxrpc rx/tx window (default: library default)")
    parser.add_argument("--jumbo", type=int, default=None,
                        help="trio_rxrpc max_jumbo (default: library default)")
    parser.add_argument("--only", action="append", choices=FIGURES,
                        help="measure only this figure (repeatable)")
    add_crxperf_arguments(parser)
    parser.add_argument("--no-mixed", action="store_true",
                        help="leave out the mixed pairs (py->C and C->py)")
    parser.add_argument("--no-gso", action="store_true",
                        help="trio_rxrpc sends one datagram per sendmsg (udp_gso off)")
    add_busy_poll_argument(parser, "every trio_rxrpc side")
    args = parser.parse_args(argv)
    if min(args.runs, args.calls, args.concurrent_calls, args.concurrency) < 1:
        raise SystemExit("--runs, --calls, --concurrent-calls and --concurrency must be >= 1")
    plan = Plan(runs=args.runs, calls=args.calls, concurrent_calls=args.concurrent_calls,
                concurrency=args.concurrency, payload=args.payload,
                bulk_bytes=int(args.bulk_mib * MIB), only=args.only or FIGURES)
    config = make_config(args.window, args.jumbo, gso=not args.no_gso,
                         busy_poll_us=args.busy_poll)

    with tempfile.TemporaryDirectory(prefix="compare-crxperf-") as tmp:
        crxperf, how = find_crxperf(args.crxperf, args.crxperf_src, Path(tmp))
        print(f"trio_rxrpc {trio_rxrpc.__version__} against crxperf on {HOST}, "
              f"Python {sys.version.split()[0]}")
        if crxperf is None:
            print(f"C part SKIPPED: crxperf is not available ({how}); measuring py/py only.")
        else:
            print(f"crxperf: {how}; C server options {' '.join(C_SERVER_OPTIONS)}")
        print(f"trio_rxrpc config: rx_window={config.rx_window} tx_window={config.tx_window} "
              f"max_jumbo={config.max_jumbo} udp_buffer_size={config.udp_buffer_size} "
              f"udp_gso={config.udp_gso} busy_poll={config.busy_poll * 1e6:g}us; "
              f"1 warm-up + {plan.runs} rounds; CPU columns: % of one core")
        with ServerProcess(python_server_command(args.window, args.jumbo,
                                                 gso=not args.no_gso,
                                                 busy_poll_us=args.busy_poll)) as py_server:
            c_server: ServerProcess | None = None
            if crxperf is not None:
                try:
                    c_server = ServerProcess([str(crxperf), "server", "-a", HOST, "-p",
                                              str(_free_udp_port()), "-t", "3600",
                                              *C_SERVER_OPTIONS])
                except BenchmarkError as exc:
                    print(f"C part SKIPPED: {exc}")
                    crxperf = None
            try:
                print(f"servers: py pid {py_server.pid} port {py_server.port}"
                      + (f"; C pid {c_server.pid} port {c_server.port}" if c_server else ""))
                print()
                pairings = trio.run(compare, plan, crxperf, py_server, c_server,
                                    not args.no_mixed, Table(label_width=36), config)
            finally:
                if c_server is not None:
                    c_server.stop()
    for line in summarize(plan, pairings):
        print(line)


def _free_udp_port() -> int:
    """A UDP port on HOST that nothing is bound to right now (crxperf needs a number)."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


if __name__ == "__main__":
    main()
