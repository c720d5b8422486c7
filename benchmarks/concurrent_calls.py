"""Many calls at once from one endpoint: time, calls/s and both processes' peak memory.

``python benchmarks/concurrent_calls.py [--calls 10000] [--size 16] [--runs 3]`` starts
``python benchmarks/concurrent_calls.py --serve`` as a subprocess (an echo server on
127.0.0.1), then, in this process, starts all ``--calls`` calls at once from one client
endpoint and waits for every reply, checking each one.  A run is timed from the first call's
start to the last reply, on a fresh client endpoint each time (new connections: the client
admits ``max_calls_per_bundle`` calls at a time, four to a connection).  The server keeps
running between runs.  As in ``echo_bench.py``, each call is one ``BoundSocket.request``
(``--async-with``: ``async with sock.call()``, ``send_nowait`` and ``receive_all``) and the
server answers a request that arrived whole from ``serve()``'s ``quick`` function, with no
task (``--no-quick``: from a handler task).  ``--busy-poll USEC`` sets
``EndpointConfig.busy_poll`` on both sides.

The output is one line per run, then ``RESULT`` lines for machines:
``RESULT name=concurrent.<calls>.rate median=... unit=calls/s runs=... min=... max=...``, and
the peak resident memory of each process (``ru_maxrss`` here, ``VmHWM`` from ``/proc`` for the
server) as ``RESULT name=concurrent.<calls>.client_peak value=... unit=MiB``.  Calls that fail
are counted and reported; the exit status is 1 if any did.
"""

from __future__ import annotations

import argparse
import functools
import resource
import signal
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import _bootstrap  # noqa: F401  # before trio_rxrpc: makes the checkout importable
import trio
from echo_bench import add_busy_poll_argument, make_config

import trio_rxrpc as rx

HOST = "127.0.0.1"
SERVICE = 4243


def client_peak_mib() -> float:
    """Peak resident set of this process, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def process_peak_mib(pid: int) -> float | None:
    """Peak resident set of process ``pid`` (``VmHWM``), in MiB, or None where unknown."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


# ------------------------------------------------------------------------------- server


async def reverse(call: rx.Call) -> None:
    """Reply with the request reversed; no scheduler pass when it has all arrived and the
    reply fits the send window (``docs/streams.rst``)."""
    try:
        request = call.receive_all_nowait(max_size=1 << 16)
    except trio.WouldBlock:
        request = await call.receive_all(max_size=1 << 16)
    try:
        call.send_nowait(request[::-1], eof=True)
    except trio.WouldBlock:
        await call.send_all(request[::-1])
        await call.send_eof()


def reverse_quick(call: rx.Call, request: bytes) -> bytes:
    """``serve()``'s ``quick`` function: the reply to a request that arrived whole, with no
    task (``docs/streams.rst``)."""
    return request[::-1]


def config(busy_poll_us: int) -> rx.EndpointConfig:
    """The library's defaults, with ``--busy-poll`` if given."""
    return make_config(None, None, busy_poll_us=busy_poll_us)


async def serve(backlog: int, busy_poll_us: int, quick: bool) -> None:
    """Echo (reversed) on HOST until SIGTERM or SIGINT; with ``quick``, a request that has
    arrived whole is answered with no task."""
    with trio.open_signal_receiver(signal.SIGTERM, signal.SIGINT) as signals:
        async with rx.open_endpoint((HOST, 0), config=config(busy_poll_us)) as ep, \
                trio.open_nursery() as nursery:
            sock = ep.socket()
            sock.listen([SERVICE], backlog=backlog)
            await nursery.start(functools.partial(
                sock.serve, reverse, quick=reverse_quick if quick else None))
            print(f"READY {ep.address[1]}", flush=True)
            async for _ in signals:
                nursery.cancel_scope.cancel()
                break


# ------------------------------------------------------------------------------- client


def payload_of(i: int, size: int) -> bytes:
    """Call ``i``'s request: its number, repeated (the reply must be it reversed)."""
    return i.to_bytes(8, "big") * (size // 8) + bytes(size % 8)


async def one_call(sock: rx.BoundSocket, port: int, i: int, size: int,
                   failures: Counter[str], async_with: bool) -> None:
    """Make call ``i`` and check its reply, counting a failure in ``failures``: one
    ``request()``, or with ``async_with`` an ``async with sock.call()``."""
    payload = payload_of(i, size)
    try:
        if async_with:
            async with sock.call((HOST, port), SERVICE) as c:
                try:
                    c.send_nowait(payload, eof=True)  # a small one fits the window
                except trio.WouldBlock:
                    await c.send_all(payload)
                reply = await c.receive_all()  # (ends the request if it is open)
        else:
            reply = await sock.request((HOST, port), SERVICE, payload)
    except rx.CallError as exc:
        failures[type(exc).__name__] += 1
        return
    if reply != payload[::-1]:
        failures["wrong reply"] += 1


async def reference_run(port: int, calls: int, size: int, busy_poll_us: int, in_flight: int,
                        ) -> tuple[float, Counter[str]]:
    """The same number of calls made ``in_flight`` at a time on a fresh endpoint (as
    ``echo_bench.py``'s figure with 64 in flight: each of ``in_flight`` tasks makes its share
    one after another); the wall time and the failures."""
    failures: Counter[str] = Counter()
    async with rx.open_endpoint((HOST, 0), config=config(busy_poll_us)) as ep:
        sock = ep.socket()

        async def worker(first: int) -> None:
            for i in range(first, calls, in_flight):
                await one_call(sock, port, i, size, failures, async_with=False)

        start = time.perf_counter()
        async with trio.open_nursery() as nursery:
            for first in range(min(in_flight, calls)):
                nursery.start_soon(worker, first)
        wall = time.perf_counter() - start
    return wall, failures


async def one_run(port: int, calls: int, size: int, busy_poll_us: int, async_with: bool,
                  ) -> tuple[float, Counter[str]]:
    """Make ``calls`` calls at once on a fresh endpoint; the wall time and the failures."""
    failures: Counter[str] = Counter()
    async with rx.open_endpoint((HOST, 0), config=config(busy_poll_us)) as ep:
        sock = ep.socket()

        start = time.perf_counter()
        async with trio.open_nursery() as nursery:
            for i in range(calls):
                nursery.start_soon(one_call, sock, port, i, size, failures, async_with)
        wall = time.perf_counter() - start
    return wall, failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=10_000,
                        help="calls started at once per run (default 10000)")
    parser.add_argument("--size", type=int, default=16,
                        help="request (and reply) bytes per call (default 16)")
    parser.add_argument("--runs", type=int, default=3, help="counted runs (default 3)")
    parser.add_argument("--backlog", type=int, default=1024,
                        help="the server's accept backlog (default 1024)")
    add_busy_poll_argument(parser, "both sides")
    parser.add_argument("--async-with", action="store_true",
                        help="each call made with async with sock.call() (no "
                             "BoundSocket.request)")
    parser.add_argument("--no-quick", action="store_true",
                        help="the server answers every call from a handler task (no "
                             "serve(quick=...))")
    parser.add_argument("--in-flight", type=int, default=64, metavar="N",
                        help="before each run, make the same calls N at a time on a fresh "
                             "endpoint, the rate to compare with (default 64; 0: skip)")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        trio.run(serve, args.backlog, args.busy_poll, not args.no_quick)
        return 0
    if min(args.calls, args.runs) < 1 or min(args.size, args.in_flight) < 0:
        parser.error("--calls and --runs must be at least 1, --size and --in-flight at "
                     "least 0")
    server = subprocess.Popen([sys.executable, __file__, "--serve", "--backlog",
                               str(args.backlog), "--busy-poll", str(args.busy_poll),
                               *(["--no-quick"] if args.no_quick else [])],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        ready = server.stdout.readline().split()
        if ready[:1] != ["READY"]:
            print(f"the server did not start: {ready!r}", file=sys.stderr)
            return 1
        port = int(ready[1])
        rates: list[float] = []
        references: list[float] = []
        failed = 0
        for run in range(1, args.runs + 1):
            if args.in_flight:
                wall, failures = trio.run(reference_run, port, args.calls, args.size,
                                          args.busy_poll, args.in_flight)
                references.append(args.calls / wall)
                failed += sum(failures.values())
                print(f"run {run}: {args.calls} calls, {args.in_flight} in flight, in "
                      f"{wall:.2f} s = {references[-1]:.0f} calls/s; failed: "
                      f"{dict(failures) or 0}", flush=True)
            wall, failures = trio.run(one_run, port, args.calls, args.size, args.busy_poll,
                                      args.async_with)
            rates.append(args.calls / wall)
            failed += sum(failures.values())
            print(f"run {run}: {args.calls} calls of {args.size} bytes in {wall:.2f} s = "
                  f"{rates[-1]:.0f} calls/s; failed: {dict(failures) or 0}", flush=True)
        server_peak = process_peak_mib(server.pid)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    name = f"concurrent.{args.calls}"
    print(f"RESULT name={name}.rate median={statistics.median(rates):.1f} unit=calls/s "
          f"runs={len(rates)} min={min(rates):.1f} max={max(rates):.1f}")
    if references:
        ratios = [rate / reference for rate, reference in zip(rates, references, strict=True)]
        print(f"RESULT name={name}.reference median={statistics.median(references):.1f} "
              f"unit=calls/s runs={len(references)} in_flight={args.in_flight} "
              f"min={min(references):.1f} max={max(references):.1f}")
        print(f"RESULT name={name}.ratio median={statistics.median(ratios):.3f} unit=x "
              f"min={min(ratios):.3f} max={max(ratios):.3f}")
    print(f"RESULT name={name}.client_peak value={client_peak_mib():.1f} unit=MiB")
    if server_peak is not None:
        print(f"RESULT name={name}.server_peak value={server_peak:.1f} unit=MiB")
    print(f"RESULT name={name}.failed value={failed} unit=calls")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
