"""yfs-rxgk at each level next to rxkad, between two trio_rxrpc processes on loopback.

Run ``python benchmarks/compare_rxgk.py [options]``.  Both sides are ``python -m trio_rxrpc
rxperf``, each in its own process.  The figures are:

* ``send`` and ``recv``: one call moving ``--bulk-mb`` MB (10^6 bytes, default 16), an upload
  (client op ``send``) and a download (op ``recv``), in MB/s;
* ``rpc``: ``--calls`` RPC calls (default 2000, one in flight, 4 bytes each way), in calls/s.

Each figure is measured under each *security*: rxkad at crypt (the yardstick: the issue asks
that rxgk crypt bulk be at least as fast), and yfs-rxgk at clear, auth and crypt for each
``--enctype`` (default 17, 18 and 20; 25 and 26 need the ``cryptography`` package).  One
server per enctype holds the rxkad key and that enctype's rxgk key; the client forges its
rxgk token with the same key, as a token service would.  Options::

    --runs N          counted runs per figure and security (default 5); the table gives medians
    --warmups N       uncounted runs first (default 1)
    --only FIGURE     measure only this figure (repeatable: send, recv, rpc)
    --enctype N       an rxgk enctype to measure (repeatable)

Within a figure the securities take turns run by run, so a slow phase of a shared machine
hits all of them alike.  The summary gives each security's median and range, and its ratio
to rxkad crypt.  A client that exits non-zero or reports failed calls stops the benchmark.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import _bootstrap  # noqa: F401  # before trio_rxrpc: makes the checkout importable
from compare_rxkad import (
    KERNEL_KEY,
    WATCHDOG,
    Figure,
    free_udp_port,
    python_command,
    run_client,
    start_server,
)
from echo_bench import HOST, BenchmarkError, ServerProcess

import trio_rxrpc
from trio_rxrpc._proto.security._enctypes import enctype

if TYPE_CHECKING:
    from collections.abc import Sequence

FIGURES = (
    Figure("send", "bulk upload", "send", ""),
    Figure("recv", "bulk download", "recv", ""),
    Figure("rpc", "RPC, 1 in flight", "rpc", ""),
)
DEFAULT_ENCTYPES = (17, 18, 20)


def rxgk_key(number: int) -> str:
    """The server's rxgk key for ``number``: the bytes 0, 1, 2, ... of the key's length."""
    return bytes(range(enctype(number).key_size)).hex()


@dataclass
class Security:
    """A security class and level, and the server that offers it."""

    key: str
    level: str
    server: ServerProcess
    enctype: int | None = None
    samples: dict[str, list[float]] = field(default_factory=dict)

    def command(self, figure: Figure, args: argparse.Namespace) -> list[str]:
        words = ["client", "--server", HOST, "--port", str(self.server.port), "-c",
                 figure.op, "--level", self.level]
        if figure.bulk:
            words += ["-b", str(int(args.bulk_mb * 1e6)), "-n", "1"]
        else:
            words += ["-S", "4", "-R", "4", "-n", str(args.calls), "-T", "1"]
        if self.enctype is None:
            words += ["--key", KERNEL_KEY]
        else:
            words += ["--rxgk-key", rxgk_key(self.enctype), "--enctype", str(self.enctype)]
        return python_command(*words, "--watchdog", str(WATCHDOG))


def measure(figures: Sequence[Figure], securities: list[Security],
            args: argparse.Namespace, cwd: Path) -> None:
    print(f"\n{'figure':<6} {'security':<14} {'run':>7} {'rate':>10}")
    for figure in figures:
        for sec in securities:
            sec.samples[figure.key] = []
            for _ in range(args.warmups):
                value = run_client(sec.command(figure, args), figure, cwd, sec.server)
                print(f"{figure.key:<6} {sec.key:<14} {'warm-up':>7} {value:10.1f} "
                      f"{figure.unit}", flush=True)
        for i in range(args.runs):
            for sec in securities:
                value = run_client(sec.command(figure, args), figure, cwd, sec.server)
                sec.samples[figure.key].append(value)
                print(f"{figure.key:<6} {sec.key:<14} {i + 1:>7} {value:10.1f} "
                      f"{figure.unit}", flush=True)


def summarize(figures: Sequence[Figure], securities: list[Security], runs: int) -> list[str]:
    lines = ["", f"Medians of {runs} runs; ratio = median : rxkad crypt median"]
    results: list[str] = []
    for figure in figures:
        base = statistics.median(securities[0].samples[figure.key])
        lines += ["", f"{figure.label} ({figure.unit})",
                  f"  {'security':<14} {'median':>10} {'range':>19} {'ratio':>6}"]
        for sec in securities:
            values = sec.samples[figure.key]
            median = statistics.median(values)
            ratio = median / base if base else float("nan")
            lines.append(f"  {sec.key:<14} {median:10.1f} "
                         f"{min(values):9.1f}-{max(values):<9.1f} {ratio:6.2f}")
            results.append(f"RESULT name=rxgk.{figure.key}.{sec.key} unit={figure.unit} "
                           f"median={median:.1f} ratio_to_rxkad_crypt={ratio:.3f}")
    return [*lines, "", *results]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description="yfs-rxgk at each level next to rxkad crypt, trio_rxrpc on both sides.")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--warmups", type=int, default=1)
    parser.add_argument("--bulk-mb", type=float, default=16.0)
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--only", action="append", choices=[f.key for f in FIGURES])
    parser.add_argument("--enctype", type=int, action="append",
                        choices=(17, 18, 19, 20, 25, 26))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if min(args.runs, args.calls) < 1 or args.warmups < 0 or args.bulk_mb <= 0:
        raise SystemExit("--runs and --calls must be >= 1, --warmups >= 0, --bulk-mb > 0")
    numbers = tuple(dict.fromkeys(args.enctype or DEFAULT_ENCTYPES))
    figures = [f for f in FIGURES if not args.only or f.key in args.only]
    package_root = Path(trio_rxrpc.__file__).resolve().parent.parent
    print(f"rxgk: trio_rxrpc {trio_rxrpc.__version__} ({package_root}), py/py on {HOST}; "
          f"{args.warmups} warm-up + {args.runs} counted runs; bulk {args.bulk_mb:g} MB, "
          f"RPC {args.calls} calls")
    servers: list[ServerProcess] = []
    try:
        print("servers:")
        securities: list[Security] = []
        for number in numbers:
            server = start_server(f"enctype {number}", python_command(
                "server", "--address", HOST, "--port", str(free_udp_port()),
                "--key", KERNEL_KEY, "--rxgk-key", rxgk_key(number),
                "--enctype", str(number)), package_root)
            servers.append(server)
            if not securities:
                securities.append(Security("rxkad-crypt", "crypt", server))
            securities += [Security(f"rxgk{number}-{level}", level, server, number)
                           for level in ("clear", "auth", "crypt")]
        measure(figures, securities, args, package_root)
    except BenchmarkError as exc:
        print(f"\ncompare_rxgk: {exc}", file=sys.stderr)
        return 1
    finally:
        for server in servers:
            server.stop()
    for line in summarize(figures, securities, args.runs):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
