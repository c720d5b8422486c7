"""Summarize a py-spy profile of the echo benchmark, one section per process.

Record with py-spy (``pip install py-spy``), following the server subprocess too::

    py-spy record --subprocesses --nonblocking -r 400 -f raw -o conc.raw -- \\
        python benchmarks/echo_bench.py --only conc --runs 3
    python benchmarks/profile_summary.py conc.raw

``-f raw`` writes collapsed stacks (``frame;frame;... count``) whose first frames name the
process; py-spy counts only samples in which the thread was running (not waiting in
``epoll``), so percentages are shares of each process's CPU.  For every process this prints
where the CPU went by area (trio's run loop, trio_rxrpc's trio layer, the sans-I/O core, the
benchmark itself), then the functions with the most *self* time (the innermost Python frame:
time spent in a C function such as ``socket.sendmsg`` is charged to the line that called it,
so ``--lines`` shows those lines), then those with the most *inclusive* time.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict
from pathlib import Path

_PROCESS = re.compile(r'^process (\d+):"(.*)"$')
_FRAME = re.compile(r"^(.*) \(([^()]*?)(?::(\d+))?\)$")


def area(frame: str) -> str:
    """Which part of the program a frame belongs to."""
    match = _FRAME.match(frame)
    path = match.group(2) if match else frame
    if "trio_rxrpc/_proto/" in path:
        return "sans-I/O core (trio_rxrpc/_proto)"
    if "trio_rxrpc/" in path:
        return "trio layer (trio_rxrpc/_*.py)"
    if "trio/" in path:
        return "trio itself (run loop, parking, channels)"
    if "echo_bench" in path:
        return "benchmark code (echo_bench.py)"
    if "attr" in path:
        return "attrs"
    return "other (stdlib and the rest)"


def strip_line(frame: str) -> str:
    """``f (file.py:12)`` -> ``f (file.py)``."""
    match = _FRAME.match(frame)
    if not match:
        return frame
    return f"{match.group(1)} ({match.group(2)})"


def short(frame: str) -> str:
    """Drop directories from the file part of a frame."""
    match = _FRAME.match(frame)
    if not match:
        return frame
    name = match.group(2)
    for prefix in ("trio_rxrpc/", "trio/"):
        if prefix in name:
            name = prefix + name.split(prefix, 1)[1]
            break
    else:
        name = Path(name).name
    line = f":{match.group(3)}" if match.group(3) else ""
    return f"{match.group(1)} ({name}{line})"


def summarize(path: Path, top: int, lines: bool, callers: str | None) -> None:
    """Print the report for one raw profile."""
    stacks: dict[str, list[tuple[list[str], int]]] = defaultdict(list)
    names: dict[str, str] = {}
    for raw in path.read_text().splitlines():
        body, _, count = raw.rpartition(" ")
        if not body or not count.isdigit():
            continue
        frames = body.split(";")
        procs = [f for f in frames if _PROCESS.match(f)]
        rest = [f for f in frames if not _PROCESS.match(f)]
        match = _PROCESS.match(procs[-1]) if procs else None
        if match is not None:
            pid, cmd = match.group(1), match.group(2)
        elif rest and rest[0].startswith("<module>"):
            pid, cmd = "-", "(one process recorded)"  # recorded without --subprocesses
        else:
            continue  # a sample py-spy could not attribute (it counts those as errors)
        names[pid] = cmd
        stacks[pid].append((rest, int(count)))
    for pid, entries in stacks.items():
        total = sum(n for _, n in entries)
        role = "server" if " server" in names[pid] else (
            "client" if pid != "-" else "process")
        print(f"== {role} (pid {pid}): {total} samples while running")
        areas: Counter[str] = Counter()
        selfs: Counter[str] = Counter()
        inclusive: Counter[str] = Counter()
        parents: Counter[str] = Counter()
        for frames, n in entries:
            if not frames:
                continue
            if callers is not None:
                for i, f in enumerate(frames[1:], 1):
                    if callers in f:
                        parents[frames[i - 1]] += n
                        break
            leaf = frames[-1]
            areas[area(leaf)] += n
            selfs[leaf if lines else strip_line(leaf)] += n
            for name in {strip_line(f) for f in frames}:
                inclusive[name] += n
        print("  by area (self time):")
        for name, n in areas.most_common():
            print(f"    {100 * n / total:5.1f}%  {name}")
        print(f"  top {top} by self time:")
        for name, n in selfs.most_common(top):
            print(f"    {100 * n / total:5.1f}%  {short(name)}")
        print(f"  top {top} by inclusive time:")
        for name, n in inclusive.most_common(top):
            print(f"    {100 * n / total:5.1f}%  {short(name)}")
        if callers is not None:
            print(f"  callers of frames matching {callers!r} (inclusive time):")
            for name, n in parents.most_common(top):
                print(f"    {100 * n / total:5.1f}%  {short(name)}")
        print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("raw", type=Path, nargs="+", help="py-spy -f raw output files")
    parser.add_argument("--top", type=int, default=20, help="rows per list")
    parser.add_argument("--lines", action="store_true",
                        help="self time per source line rather than per function")
    parser.add_argument("--callers", default=None,
                        help="also list the callers of frames containing this text")
    args = parser.parse_args()
    for path in args.raw:
        print(f"### {path}")
        summarize(path, args.top, args.lines, args.callers)


if __name__ == "__main__":
    main()
