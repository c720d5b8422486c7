"""Two or more copies of trio_rxrpc measured in turn with ``echo_bench.py``: which is faster.

Run ``python benchmarks/compare_builds.py --tree pure=DIR1 --tree compiled=DIR2 [options]``.
Each ``DIR`` is a checkout (its ``trio_rxrpc`` package is put first on ``PYTHONPATH``, so both
the client and the server subprocess use it).  The usual pair is the pure-Python package and
a copy of it whose core was compiled in place with mypyc (``benchmarks/PROFILE.md``,
section 7, gives the command).

For each round and each figure every tree runs ``echo_bench.py --runs 1`` (one warm-up, one
counted run) in turn, so a slow phase of a shared machine hits all trees alike.  The summary
gives each tree's median, range and the median of the round-by-round ratios against the first
tree ("paired"), which is the figure to trust on a noisy machine, for the rate and for the
rate per CPU-second of both processes.  Options this script does not know go to every
``echo_bench.py`` run (``--calls 2000 --concurrent-calls 8000`` shortens the echo figures).
The ``echo_bench.py`` used is this checkout's, whatever the trees.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

ECHO_BENCH = Path(__file__).resolve().parent / "echo_bench.py"
"""The benchmark run for every sample."""

FIGURES = ("seq", "conc", "send", "recv")
"""``echo_bench.py --only`` keys, in the order they are reported."""

_RESULT = re.compile(r"RESULT name=(\S+) median=([0-9.]+) unit=(\S+)")
_COUNTED_ROW = re.compile(r".*\s1\s+[0-9.]+ \S+\s+[0-9.]+\s+([0-9.]+)%\s+(?:([0-9.]+)%|-)$")
"""The table row of the counted run: its client and server CPU (% of one core); the server's
is ``-`` when ``echo_bench.py --connect`` drives a server it did not start (a C one, say)."""


def which_build(tree: Path) -> str:
    """``compiled`` or ``pure``, as the tree's own ``trio_rxrpc._proto`` reports it."""
    code = ("import trio_rxrpc._proto as p; "
            "print('compiled' if getattr(p, 'COMPILED', False) else 'pure')")
    env = dict(os.environ, PYTHONPATH=str(tree))
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=tree,
                          capture_output=True, text=True, check=True)
    return done.stdout.strip()


def one_sample(tree: Path, figure: str, extra: Sequence[str]) -> tuple[float, float, str]:
    """One counted run of ``figure`` against ``tree``: its rate, rate per CPU-second, unit.

    The rate per CPU-second divides the rate by the CPU both processes used (client plus
    server, as a share of one core); it moves less than the rate when other work takes the
    CPUs, since time spent waiting for a CPU is not in it.
    """
    env = dict(os.environ, PYTHONPATH=str(tree))
    cmd = [sys.executable, str(ECHO_BENCH), "--runs", "1", "--only", figure, *extra]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    cpu = None
    for line in done.stdout.splitlines():
        row = _COUNTED_ROW.match(line)
        if row:
            cpu = (float(row.group(1)) + float(row.group(2) or 0)) / 100
        match = _RESULT.match(line)
        if match and cpu:
            value = float(match.group(2))
            return value, value / cpu, match.group(3)
    raise RuntimeError(f"no RESULT from {' '.join(cmd)}:\n{done.stdout}\n{done.stderr}")


def summary(label: str, got: list[float], base: list[float], unit: str) -> str:
    """One row: median and range of ``got`` and its paired ratio against ``base``."""
    ratios = [a / b for a, b in zip(got, base, strict=True)]
    return (f"{label:22} {statistics.median(got):10.1f} {min(got):10.1f}-{max(got):<10.1f} "
            f"x{statistics.median(ratios):.2f} ({min(ratios):.2f}-{max(ratios):.2f}) {unit}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", action="append", required=True, metavar="NAME=DIR",
                        help="a checkout to measure (give two or more; the first is the base)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds (samples per tree)")
    parser.add_argument("--only", action="append", choices=FIGURES,
                        help="figures to measure (repeatable; default all)")
    args, extra = parser.parse_known_args(argv)
    trees: list[tuple[str, Path]] = []
    for item in args.tree:
        name, sep, path = item.partition("=")
        if not sep:
            parser.error(f"--tree wants NAME=DIR, got {item!r}")
        trees.append((name, Path(path).resolve()))
    for name, tree in trees:
        print(f"{name}: {tree} ({which_build(tree)})", flush=True)
    figures = [f for f in FIGURES if f in (args.only or FIGURES)]
    values: dict[tuple[str, str], list[float]] = {}
    per_cpu: dict[tuple[str, str], list[float]] = {}
    units: dict[str, str] = {}
    for rnd in range(args.rounds):
        for figure in figures:
            for name, tree in trees:
                value, efficiency, units[figure] = one_sample(tree, figure, extra)
                values.setdefault((figure, name), []).append(value)
                per_cpu.setdefault((figure, name), []).append(efficiency)
                print(f"round {rnd + 1} {figure:5} {name:10} {value:10.1f} {units[figure]}"
                      f" ({efficiency:.1f} per CPU-second)", flush=True)
    base = trees[0][0]
    print(f"\n{'figure, tree':22} {'median':>10} {'range':>21}  paired ratio vs {base}")
    for figure in figures:
        for name, _tree in trees:
            print(summary(f"{figure} {name}", values[figure, name], values[figure, base],
                          units[figure]))
        for name, _tree in trees:
            print(summary(f"{figure} {name} per CPU", per_cpu[figure, name],
                          per_cpu[figure, base], units[figure] + " per CPU-second"))

if __name__ == "__main__":
    main()
