"""Peak memory and speed of a large sendfile -> splice transfer, in two processes.

``python benchmarks/file_memory.py [--gib 1]`` makes a sparse file of that size, starts a
receiver process that splices one call's data into a file, and sends the file from this
process with ``Call.sendfile``.  Each side prints its peak resident memory (``ru_maxrss``)
and the transfer rate, so the claim "memory stays bounded by the send window, whatever the
file size" can be checked: the figure should not grow with ``--gib``.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _bootstrap  # noqa: F401  - makes the checkout importable when run as a script
import trio

import trio_rxrpc as rx

SERVICE = 1236


def peak_mib() -> float:
    """Peak resident set of this process, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def receiver(target: int) -> None:
    async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
        sock = ep.socket()
        sock.listen([SERVICE])
        print(f"READY {ep.address[1]}", flush=True)
        call = await sock.accept()
        start = time.perf_counter()
        async with call:
            received = await call.splice(target)
            await call.send_all(str(received).encode())
        elapsed = time.perf_counter() - start
    print(f"RECEIVER bytes={received} seconds={elapsed:.2f} "
          f"MB_per_s={received / elapsed / 1e6:.1f} peak_MiB={peak_mib():.1f}", flush=True)


async def sender(port: int, source: int, size: int) -> None:
    async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
        start = time.perf_counter()
        async with ep.socket().call(("127.0.0.1", port), SERVICE) as call:
            sent = await call.sendfile(source)
            await call.send_eof()
            reply = await call.receive_all()
        elapsed = time.perf_counter() - start
    assert sent == size == int(reply), (sent, size, reply)
    print(f"SENDER bytes={sent} seconds={elapsed:.2f} MB_per_s={sent / elapsed / 1e6:.1f} "
          f"peak_MiB={peak_mib():.1f}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gib", type=float, default=1.0, help="file size in GiB (default 1)")
    parser.add_argument("--receive", metavar="TARGET", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.receive:
        with open(args.receive, "wb") as out:
            trio.run(receiver, out.fileno())
        return 0
    size = int(args.gib * (1 << 30))
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "source"
        with source.open("wb") as f:
            f.truncate(size)  # sparse: reading it costs no disk, only the protocol's work
        target = Path(tmp) / "target"
        child = subprocess.Popen([sys.executable, __file__, "--receive", str(target)],
                                 stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None
        ready = child.stdout.readline().split()
        with source.open("rb") as f:
            trio.run(sender, int(ready[1]), f.fileno(), size)
        print(child.stdout.read().strip(), flush=True)
        status = child.wait()
        if os.path.getsize(target) != size:
            print("size mismatch")
            return 1
        return status


if __name__ == "__main__":
    sys.exit(main())
