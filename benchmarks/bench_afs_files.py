"""Reading and writing a big file in AFS: ``trio-rxrpc afs get|put`` next to OpenAFS's afsio.

Run ``python benchmarks/bench_afs_files.py`` as root on a machine where the repository's test
cell is running (``interop/openafs/cell-up.sh DIR --noauth``); ``--config DIR`` is that cell's
``DIR/etc`` (default: ``/etc/openafs``, which cell-up.sh also writes).  Each run moves the
same ``--mib`` MiB file (random bytes) in four ways, taking turns so that a slow phase of a
shared machine hits all of them alike:

* ``put``: ``trio-rxrpc afs put LOCAL /afs/.CELL/bench-file``;
* ``afsio write``: OpenAFS's ``afsio write`` of the same bytes over the same file, in
  pieces of 64 MiB (``write`` then ``append``: afsio 1.8.9 misplaces everything after the
  first 64 MiB of one command);
* ``get``: ``trio-rxrpc afs get /afs/CELL/bench-file LOCAL``;
* ``afsio read``: ``afsio read`` of the same file into a local file.

Then the same put and get with :class:`~trio_rxrpc.afs.files.FileClient` inside this
process, timed around the calls, as a program that moves many files would see them.

Each is a whole process, timed from outside (start-up included: about 0.35 s of Python for
ours, from cached bytecode, next to nothing for afsio), with its peak resident memory.  Figures
are medians of ``--runs`` runs; the rate is MiB per second of wall-clock time.  A second,
smaller file (``--small-mib``) is read and written once more to show that our peak memory
does not grow with the file.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

import _bootstrap  # noqa: F401  # before trio_rxrpc: makes the checkout importable

if TYPE_CHECKING:
    from collections.abc import Callable

REPO = Path(__file__).resolve().parents[1]
AFSIO = REPO / "interop" / "openafs" / "afsio.sh"
PIECE = 64 << 20


def _high_water(pid: int) -> int:
    """The process's peak resident memory so far (KiB, VmHWM), or 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run(argv: list[str], *, stdin: Path | None = None, stdout: Path | None = None,
        env: dict[str, str] | None = None) -> tuple[float, int]:
    """Run ``argv``; its wall-clock seconds and peak resident memory (KiB).

    The peak is read from ``/proc`` while the program runs (``wait4``'s ``ru_maxrss`` would
    also count the memory of this process, which the child shares until it execs)."""
    source = stdin.open("rb") if stdin else None
    sink = stdout.open("wb") if stdout else None
    try:
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdin=source or subprocess.DEVNULL,
                                   stdout=sink or subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, env=env)
        peak = 0
        while process.poll() is None:
            peak = max(peak, _high_water(process.pid))
            time.sleep(0.01)
        elapsed = time.perf_counter() - start
        assert process.stderr is not None
        err = process.stderr.read()
    finally:
        for f in (source, sink):
            if f is not None:
                f.close()
    if process.returncode != 0 or (argv[0] == str(AFSIO) and err.strip()):
        raise SystemExit(f"{' '.join(argv)} failed ({process.returncode}): "
                         f"{err.decode(errors='replace')}")
    return elapsed, peak


def ours(*argv: str) -> list[str]:
    return [sys.executable, "-m", "trio_rxrpc", "afs", *argv]


def md5(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "md5").hexdigest()


def afsio_write(path: str, source: Path, scratch: Path, empty_first: list[str],
                env: dict[str, str]) -> tuple[float, int]:
    """afsio write (and append) of ``source`` in 64 MiB pieces; summed time, peak memory.

    afsio never makes a file shorter and appends at the end, so the file is emptied first
    (with ``empty_first``, not timed)."""
    run(empty_first, env=env)
    size = source.stat().st_size
    total, peak = 0.0, 0
    with source.open("rb") as f:
        for start in range(0, max(size, 1), PIECE):
            piece = scratch / "piece"
            piece.write_bytes(f.read(PIECE))
            verb = ["write", path, "-force"] if start == 0 else ["append", path]
            elapsed, rss = run([str(AFSIO), *verb], stdin=piece)
            total += elapsed
            peak = max(peak, rss)
    return total, peak


def in_process(config: str, cell: str, local: Path, target: Path, runs: int,
               ) -> tuple[float, float]:
    """Median seconds of ``FileClient.put`` and ``get`` of ``local``, in this process
    (a program that moves many files pays the start-up once)."""
    import trio

    from trio_rxrpc.afs.files import open_file_client

    puts: list[float] = []
    gets: list[float] = []

    async def main() -> None:
        async with open_file_client(cell, config_dir=config) as afs:
            for _ in range(runs):
                start = time.perf_counter()
                await afs.put(local, f"/afs/.{cell}/bench-file")
                puts.append(time.perf_counter() - start)
                start = time.perf_counter()
                await afs.get(f"/afs/{cell}/bench-file", target)
                gets.append(time.perf_counter() - start)

    trio.run(main)
    if md5(target) != md5(local):
        raise SystemExit("in process: the file read back differs")
    return statistics.median(puts), statistics.median(gets)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", default="/etc/openafs",
                        help="the cell's configuration directory (CellServDB, ThisCell)")
    parser.add_argument("--cell", default=None, help="the cell (default: ThisCell)")
    parser.add_argument("--mib", type=int, default=256, help="file size in MiB (256)")
    parser.add_argument("--small-mib", type=int, default=32,
                        help="the second file's size, for the memory comparison (32)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each (3)")
    args = parser.parse_args(argv)
    cell = args.cell or (Path(args.config) / "ThisCell").read_text().split()[0]
    config = ["-config", args.config, "--no-progress"]
    # Our commands start as an installed program does: from cached bytecode (kept in a
    # scratch directory, whatever PYTHONDONTWRITEBYTECODE says here), not compiling every
    # module at each start.
    env = dict(os.environ, PYTHONPATH=str(REPO))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        env["PYTHONPYCACHEPREFIX"] = str(scratch / "bytecode")
        run(ours("ls", f"/afs/{cell}/", "-config", args.config), env=env)  # fills the cache
        local = scratch / "source"
        with local.open("wb") as f:
            for _ in range(args.mib):
                f.write(os.urandom(1 << 20))
        digest = md5(local)
        (scratch / "empty").write_bytes(b"")
        rw = f"/afs/.{cell}/bench-file"
        empty = ours("put", str(scratch / "empty"), rw, *config)
        empty = ours("put", str(scratch / "empty"), rw, *config)
        ro = f"/afs/{cell}/bench-file"
        times: dict[str, list[float]] = {k: [] for k in ("put", "afsio write", "get",
                                                         "afsio read")}
        peaks: dict[str, int] = dict.fromkeys(times, 0)
        jobs: list[tuple[str, Callable[[], tuple[float, int]]]] = [
            ("put", lambda: run(ours("put", str(local), rw, *config), env=env)),
            ("afsio write", lambda: afsio_write(ro, local, scratch, empty, env)),
            ("get", lambda: run(ours("get", ro, str(scratch / "got"), *config), env=env)),
            ("afsio read", lambda: run([str(AFSIO), "read", ro], stdout=scratch / "read")),
        ]
        for _ in range(args.runs):
            for name, job in jobs:
                elapsed, rss = job()
                times[name].append(elapsed)
                peaks[name] = max(peaks[name], rss)
            for produced in ("got", "read"):
                if md5(scratch / produced) != digest:
                    raise SystemExit(f"{produced}: the file read back differs")
        put_here, get_here = in_process(args.config, cell, local, scratch / "got", args.runs)
        small = scratch / "small"
        with small.open("wb") as f:
            f.write(os.urandom(args.small_mib << 20))
        _t, small_put = run(ours("put", str(small), f"/afs/.{cell}/bench-small", *config),
                            env=env)
        _t, small_get = run(ours("get", f"/afs/{cell}/bench-small", str(scratch / "sg"),
                                 *config), env=env)

    size = args.mib
    print(f"{size} MiB file, medians of {args.runs} runs (whole processes):")
    print(f"{'':14}{'seconds':>9}{'MiB/s':>9}{'peak RSS MiB':>14}")
    rates = {}
    for name, values in times.items():
        median = statistics.median(values)
        rates[name] = size / median
        print(f"{name:14}{median:9.2f}{rates[name]:9.1f}{peaks[name] / 1024:14.1f}")
    print(f"get / afsio read:  {rates['get'] / rates['afsio read']:.2f}x")
    print(f"put / afsio write: {rates['put'] / rates['afsio write']:.2f}x")
    print(f"in one process (FileClient, no start-up): put {size / put_here:.1f} MiB/s "
          f"({size / put_here / rates['afsio write']:.2f}x afsio write), get "
          f"{size / get_here:.1f} MiB/s ({size / get_here / rates['afsio read']:.2f}x "
          "afsio read)")
    print(f"peak RSS of ours, {args.small_mib} MiB file: put {small_put / 1024:.1f} MiB, "
          f"get {small_get / 1024:.1f} MiB (vs {peaks['put'] / 1024:.1f} and "
          f"{peaks['get'] / 1024:.1f} MiB at {size} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
