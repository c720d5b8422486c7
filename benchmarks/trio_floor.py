"""How fast a small call could be on trio at all: skeletons with no Rx in them.

Run ``python benchmarks/trio_floor.py [--runs N] [--calls N]``.  It measures three things,
taking turns, between two processes on loopback, one call in flight:

* ``pingpong``: one datagram each way, one task on each side that reads the socket and
  answers at once.  The fewest scheduler passes and system calls a trio round trip can take.
* ``skeleton``: the shape of an Rx call as ``echo_bench.py`` makes it, with none of its work:
  three datagrams a call (request, reply, final acknowledgement), one task step a call in the
  server and two in the client besides the receive loops.  The server's receive loop starts a
  task per request (as ``BoundSocket.serve`` does), which sends the reply and ends in its
  first step (as a handler that reads with ``receive_all_nowait`` and replies with
  ``send_nowait`` does).  The client's call task yields where entering the call would, sends
  the request (``send_nowait``) and waits for the reply; the client's receive loop sends the
  final acknowledgement and wakes it.
* ``rx``: the real thing, ``echo_bench.py``'s echo with 1 call in flight (16-byte payloads).

With ``--crxperf`` (or ``$CRXPERF`` / ``interop/crxperf`` built with ``make``) it adds C/C
echo, crxperf against itself, and prints each figure's ratio to it.  The skeleton's ratio is
the ceiling for ``trio_rxrpc``'s echo while it keeps trio's checkpoint rules and its own
task structure: everything between the skeleton and ``rx`` is the library's own work.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import _bootstrap  # noqa: F401  # before trio_rxrpc: makes the checkout importable
import trio
from compare_crxperf import (
    _free_udp_port,
    add_crxperf_arguments,
    find_crxperf,
    parse_result,
)
from echo_bench import (
    HOST,
    BenchmarkError,
    ServerProcess,
    cpu_seconds_of,
    echo_calls,
    make_config,
    own_cpu_seconds,
    python_server_command,
    wait_until_answering,
)

import trio_rxrpc
from trio_rxrpc._proto import COMPILED

if TYPE_CHECKING:
    from collections.abc import Sequence

REPO = Path(__file__).resolve().parent.parent
SHAPES = ("pingpong", "skeleton")
_REQUEST = b"q" * 60  # about the size of a small Rx DATA packet
_REPLY = b"r" * 60
_ACK = b"a" * 80


def _socket(port: int = 0) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setblocking(False)
    sock.bind((HOST, port))
    return sock


# --------------------------------------------------------------------------- servers


async def _pingpong_server(sock: socket.socket) -> None:
    buf = bytearray(2048)
    while True:
        while True:
            try:
                _n, addr = sock.recvfrom_into(buf)
            except BlockingIOError:
                break
            sock.sendto(_REPLY, addr)
        await trio.lowlevel.wait_readable(sock)


async def _skeleton_handler(sock: socket.socket, addr: tuple[str, int]) -> None:
    # The request has arrived (receive_some_nowait) and the reply fits (send_nowait).
    sock.sendto(_REPLY, addr)
    # (leaving the call ends the task)


async def _skeleton_server(sock: socket.socket) -> None:
    buf = bytearray(2048)
    async with trio.open_nursery() as nursery:
        while True:
            while True:
                try:
                    n, addr = sock.recvfrom_into(buf)
                except BlockingIOError:
                    break
                if buf[0] == _REQUEST[0] and n == len(_REQUEST):
                    nursery.start_soon(_skeleton_handler, sock, addr)
                # (a final acknowledgement needs nothing more)
            await trio.lowlevel.wait_readable(sock)


def server_main(shape: str) -> None:
    sock = _socket()
    print(f"READY port={sock.getsockname()[1]}", flush=True)
    serve = _pingpong_server if shape == "pingpong" else _skeleton_server
    try:
        trio.run(serve, sock)
    except KeyboardInterrupt:
        pass


# --------------------------------------------------------------------------- clients


async def _pingpong_calls(port: int, calls: int) -> None:
    sock = _socket()
    addr = (HOST, port)
    buf = bytearray(2048)
    with sock:
        for _ in range(calls):
            sock.sendto(_REQUEST, addr)
            while True:
                try:
                    sock.recvfrom_into(buf)
                    break
                except BlockingIOError:
                    await trio.lowlevel.wait_readable(sock)


async def _skeleton_calls(port: int, calls: int) -> None:
    sock = _socket()
    addr = (HOST, port)
    waiter: list[trio.lowlevel.Task] = []
    replies = 0  # arrived and not yet taken by the call task

    async def receive_loop() -> None:
        nonlocal replies
        buf = bytearray(2048)
        while True:
            while True:
                try:
                    sock.recvfrom_into(buf)
                except BlockingIOError:
                    break
                sock.sendto(_ACK, addr)  # the final acknowledgement, from the receive loop
                replies += 1
                if waiter:
                    trio.lowlevel.reschedule(waiter.pop())
            await trio.lowlevel.wait_readable(sock)

    def abort(_: object) -> trio.lowlevel.Abort:
        waiter.clear()
        return trio.lowlevel.Abort.SUCCEEDED

    with sock:
        async with trio.open_nursery() as nursery:
            nursery.start_soon(receive_loop)
            for _ in range(calls):
                await trio.lowlevel.cancel_shielded_checkpoint()  # entering the call
                sock.sendto(_REQUEST, addr)  # send_nowait
                if not replies:  # (it may have come while this task yielded)
                    waiter.append(trio.lowlevel.current_task())
                    await trio.lowlevel.wait_task_rescheduled(abort)  # the reply
                replies -= 1
            nursery.cancel_scope.cancel()


Run = tuple[float, float]
"""One run's rate (calls/s) and the client's CPU seconds."""


def measure_shape(shape: str, port: int, calls: int) -> Run:
    client = _pingpong_calls if shape == "pingpong" else _skeleton_calls
    cpu = own_cpu_seconds()
    start = time.perf_counter()
    trio.run(client, port, calls)
    return calls / (time.perf_counter() - start), own_cpu_seconds() - cpu


def measure_rx(port: int, calls: int) -> Run:
    """echo_bench's own client (one call in flight, every reply checked) against its own
    server."""

    async def run() -> Run:
        async with trio_rxrpc.open_endpoint((HOST, 0), config=make_config(None, None)) as ep:
            sock = ep.socket()
            await wait_until_answering(sock, (HOST, port))
            cpu = own_cpu_seconds()
            start = time.perf_counter()
            await echo_calls(sock, (HOST, port), calls, 1, b"x" * 16)
            return calls / (time.perf_counter() - start), own_cpu_seconds() - cpu

    return trio.run(run)


def measure_c(crxperf: Path, port: int, calls: int) -> Run:
    """crxperf's client (one call in flight, 16-byte payloads) against crxperf's server."""
    done = subprocess.run([str(crxperf), "client", "-s", HOST, "-p", str(port), "-t", "600",
                           "-c", "rpc", "-S", "16", "-R", "16", "-n", str(calls), "-T", "1",
                           "-u", "4096"], capture_output=True, text=True, check=False)
    words = parse_result(done.stdout)
    if done.returncode != 0 or words.get("failed") != "0":
        raise BenchmarkError(f"crxperf client failed: {done.stdout.strip()[-300:]}")
    return (float(words["calls_per_s"]),
            float(words["cpu_user"]) + float(words["cpu_sys"]))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="trio's floor for a small call on loopback.")
    sub = parser.add_subparsers(dest="command")
    server = sub.add_parser("server", help="run one skeleton server (used internally)")
    server.add_argument("shape", choices=SHAPES)
    parser.add_argument("--runs", type=int, default=5, help="counted rounds")
    parser.add_argument("--calls", type=int, default=5000, help="calls per run")
    add_crxperf_arguments(parser)
    parser.add_argument("--no-c", action="store_true", help="leave out C/C")
    args = parser.parse_args(argv)
    if args.command == "server":
        server_main(args.shape)
        return
    if min(args.runs, args.calls) < 1:
        raise SystemExit("--runs and --calls must be >= 1")
    here = str(Path(__file__).resolve())
    print(f"trio_rxrpc {trio_rxrpc.__version__} ({'compiled' if COMPILED else 'pure-Python'} "
          f"core), trio {trio.__version__}, Python {sys.version.split()[0]}, on {HOST}")
    with tempfile.TemporaryDirectory(prefix="trio-floor-") as tmp:
        crxperf: Path | None = None
        if not args.no_c:
            crxperf, how = find_crxperf(args.crxperf, args.crxperf_src, Path(tmp))
            how = how.replace(f"{REPO}{os.sep}", "")  # (the repository's own copy)
            print(f"crxperf: {how}" if crxperf else f"C/C SKIPPED: {how}")
        servers = {shape: ServerProcess([sys.executable, here, "server", shape])
                   for shape in SHAPES}
        servers["rx"] = ServerProcess(python_server_command(None, None))
        if crxperf is not None:
            port = _free_udp_port()
            servers["C/C"] = ServerProcess([str(crxperf), "server", "-a", HOST, "-p", str(port),
                                            "-t", "3600", "-u", "4096", "-W", "255"])
        try:
            figures: dict[str, Figure] = {
                "pingpong": (lambda n: measure_shape("pingpong", servers["pingpong"].port, n),
                             servers["pingpong"].pid),
                "skeleton": (lambda n: measure_shape("skeleton", servers["skeleton"].port, n),
                             servers["skeleton"].pid),
                "rx": (lambda n: measure_rx(servers["rx"].port, n), servers["rx"].pid),
            }
            if crxperf is not None:
                c_path = crxperf
                figures["C/C"] = (lambda n: measure_c(c_path, servers["C/C"].port, n),
                                  servers["C/C"].pid)
            results = run_rounds(figures, args.runs, args.calls)
        finally:
            for proc in servers.values():
                proc.stop()
    report(results)


Figure = tuple[Callable[[int], Run], int]
"""How to make one run of a figure, and its server's process ID."""
Sample = tuple[float, float, float]
"""calls/s, client and server CPU microseconds per call."""


def run_rounds(figures: dict[str, Figure], runs: int, calls: int) -> dict[str, list[Sample]]:
    """One warm-up each, then ``runs`` rounds in which the figures take turns."""
    print(f"{calls} calls per run, 1 in flight; 1 warm-up + {runs} rounds, taking turns; "
          "CPU in microseconds per call")
    for name, (run, _pid) in figures.items():
        run(max(calls // 5, 100))
        print(f"  warm-up {name}")
    results: dict[str, list[Sample]] = {name: [] for name in figures}
    for i in range(runs):
        for name, (run, pid) in figures.items():
            before = cpu_seconds_of(pid) or 0.0
            rate, client_cpu = run(calls)
            server_cpu = (cpu_seconds_of(pid) or 0.0) - before
            sample = (rate, 1e6 * client_cpu / calls, 1e6 * server_cpu / calls)
            results[name].append(sample)
            print(f"  round {i + 1} {name:<9} {rate:10.0f} calls/s   client {sample[1]:5.0f}"
                  f"   server {sample[2]:5.0f}", flush=True)
    return results


def report(results: dict[str, list[Sample]]) -> None:
    c = [rate for rate, _c, _s in results["C/C"]] if "C/C" in results else None
    print()
    print(f"{'figure':<10} {'calls/s':>10} {'range':>20} {'client us':>10} {'server us':>10}"
          + (f" {'x C/C':>7}" if c else ""))
    lines: list[str] = []
    for name, samples in results.items():
        rates = [rate for rate, _c, _s in samples]
        median = statistics.median(rates)
        client = statistics.median(cpu for _r, cpu, _s in samples)
        server = statistics.median(cpu for _r, _c, cpu in samples)
        row = (f"{name:<10} {median:10.0f} {min(rates):9.0f} .. {max(rates):7.0f}"
               f" {client:10.0f} {server:10.0f}")
        line = (f"RESULT name=floor_{name.replace('/', '_')} median={median:.1f} unit=calls/s"
                f" runs={len(rates)} client_us={client:.0f} server_us={server:.0f}")
        if c:
            ratio = statistics.median(a / b for a, b in zip(rates, c, strict=True))
            row += f" {ratio:7.2f}"
            line += f" ratio_to_c={ratio:.3f}"
        print(row)
        lines.append(line)
    print()
    for line in lines:
        print(line)



if __name__ == "__main__":
    main()
