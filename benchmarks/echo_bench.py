"""Echo and bulk benchmark of trio_rxrpc: a client and a server in two processes on loopback.

Run ``python benchmarks/echo_bench.py [options]``.  It starts
``python benchmarks/echo_bench.py server --port 0`` as a subprocess, waits until the server
answers a call, measures from this process, and stops the server with SIGTERM.  Everything
stays on 127.0.0.1.

The two sides speak the rxperf protocol (service 147, described in the
``trio_rxrpc._rxperf`` package), so either side can be swapped for the C peer ``crxperf``
(``compare_crxperf.py`` does that).  The figures:

* ``echo_seq``: calls/s with one call in flight (default 5000 calls).  Each call is an rxperf
  RPC whose request carries a 16-byte payload and whose reply is the same payload followed by
  the end cookie: the Python server echoes it.  Both sides make the call as
  ``docs/streams.rst`` advises for small calls: the server answers a whole request from
  ``serve``'s ``quick`` function, with no task, and the client makes the call with
  ``BoundSocket.request``, whose only scheduler pass is the wait for the reply.
* ``echo_c64``: the same with 64 calls in flight (``--concurrency``; default 20000 calls).
* ``send_64MiB``: one call uploads 64 MiB (``--bulk-mib``) and gets the 4-byte cookie back.
* ``recv_64MiB``: one call sends a short request and downloads 64 MiB plus the cookie.

Bulk rates are MB/s with MB = 10^6 bytes of payload.  Each figure is one warm-up run plus
``--runs`` counted runs (default 5).  Every run is timed inside this process, from the start of
the first call to the end of the last, so process start-up and the first connection set-up are
outside it.  Each run also reports how busy each process was: CPU seconds (user + system) over
the run's wall time, as % of one core (the client from ``getrusage``, the server from
``/proc/PID/stat``, which has 10 ms resolution).  The output is one table, then one line per
figure for machines: ``RESULT name=... median=... unit=... runs=... min=... max=...``.

Other options: ``--only`` picks figures; ``--connect PORT`` measures against an rxperf server
already listening on 127.0.0.1:PORT (crxperf, say) instead of starting one; ``--no-gc``
disables Python's cyclic garbage collector in both processes, to see what it costs;
``--no-quick`` makes the server answer every call from a handler task, where it otherwise
answers a small RPC with ``BoundSocket.serve``'s ``quick`` function, with no task;
``--async-with`` makes the client's echo calls with ``async with sock.call(...)``, where it
otherwise makes each with ``BoundSocket.request`` (one scheduler pass fewer);
``--profile DIR`` runs the client under cProfile and asks the server to do the same (the
profiles land in ``DIR/client.prof`` and ``DIR/server.prof``; cProfile slows Python down about
twofold, so rates measured that way are not the real ones).  For sampling profiles of both
processes use py-spy, as ``profile_summary.py`` explains.  To measure another copy of the
code, put it first on ``PYTHONPATH``: the server subprocess inherits it.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import gc
import os
import resource
import select
import signal
import statistics
import struct
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Self

import _bootstrap  # noqa: F401  # before trio_rxrpc: makes the checkout importable
import trio

import trio_rxrpc
from trio_rxrpc import EndpointConfig, RxRPCError

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Sequence

    from trio_rxrpc import BoundSocket, Call

HOST = "127.0.0.1"
SERVICE = 147
RXPERF_VERSION = 3
OP_SEND = 0
OP_RECV = 1
OP_RPC = 3
COOKIE = b"\x00\x00\x47\x11"
CHUNK_HINT = 512 * 1024
"""The rsize/wsize hints our client sends (what OpenAFS's client sends by default)."""
RX_USER_ABORT = -6
RXGEN_OPCODE = -455
RXGEN_SS_UNMARSHAL = -453
MIB = 1 << 20

_PARAMS = struct.Struct(">iiii")
_WORD = struct.Struct(">I")
_TWO_WORDS = struct.Struct(">II")


# --------------------------------------------------------------------------- requests


def rpc_request(payload: bytes, reply_size: int) -> bytes:
    """An rxperf RPC request: parameters, request and reply sizes, then the payload."""
    return (_PARAMS.pack(RXPERF_VERSION, OP_RPC, CHUNK_HINT, CHUNK_HINT)
            + _TWO_WORDS.pack(len(payload), reply_size) + payload)


def send_request_head(nbytes: int) -> bytes:
    """The start of an rxperf SEND request (``nbytes`` of payload follow it)."""
    return _PARAMS.pack(RXPERF_VERSION, OP_SEND, CHUNK_HINT, CHUNK_HINT) + _WORD.pack(nbytes)


def recv_request(nbytes: int) -> bytes:
    """An rxperf RECV request for ``nbytes``."""
    return _PARAMS.pack(RXPERF_VERSION, OP_RECV, CHUNK_HINT, CHUNK_HINT) + _WORD.pack(nbytes)


_ZEROS: dict[int, bytes] = {}


def zeros(nbytes: int) -> bytes:
    """``nbytes`` zero bytes, made once per size (bulk payloads are never looked at)."""
    block = _ZEROS.get(nbytes)
    if block is None:
        block = _ZEROS[nbytes] = bytes(nbytes)
    return block


# --------------------------------------------------------------------------- server


class _ShortRequest(Exception):
    """The request ended before its declared length."""


class _Reader:
    """Reads a call's request in exact pieces, over ``receive_some``."""

    def __init__(self, call: Call) -> None:
        self._call = call
        self._buf = bytearray()

    async def exactly(self, size: int) -> bytes:
        while len(self._buf) < size:
            try:  # what has arrived is read without a scheduler pass
                data = self._call.receive_some_nowait()
            except trio.WouldBlock:
                data = await self._call.receive_some()
            if not data:
                raise _ShortRequest
            self._buf += data
        piece = bytes(self._buf[:size])
        del self._buf[:size]
        return piece

    async def skip(self, size: int) -> None:
        take = min(size, len(self._buf))
        del self._buf[:take]
        size -= take
        while size > 0:
            data = await self._call.receive_some()
            if not data:
                raise _ShortRequest
            if len(data) > size:
                self._buf += data[size:]
                size = 0
            else:
                size -= len(data)

    async def at_end(self) -> bool:
        if self._buf:
            return False
        try:  # the end has usually arrived with the data: no scheduler pass to see it
            data = self._call.receive_some_nowait()
        except trio.WouldBlock:
            data = await self._call.receive_some()
        if data:
            self._buf += data
            return False
        return True


@dataclass
class ServerStats:
    """What the server did, printed when it stops."""

    calls: int = 0
    failed: int = 0
    bytes_in: int = 0
    bytes_out: int = 0


async def _serve_call(call: Call, stats: ServerStats) -> None:
    """Serve one call inside its ``async with`` (``BoundSocket.serve`` enters and leaves it;
    leaving ends the reply)."""
    try:
        reader = _Reader(call)
        version, op, _rsize, _wsize = _PARAMS.unpack(await reader.exactly(16))
        if version != RXPERF_VERSION:
            call.abort(RX_USER_ABORT)
            return
        if op == OP_RPC:
            qsize, psize = _TWO_WORDS.unpack(await reader.exactly(8))
            payload = await reader.exactly(qsize)
            if not await reader.at_end():
                call.abort(RXGEN_SS_UNMARSHAL)
                return
            # Echo: the reply payload is the request's (zero-padded or cut to size).
            reply = payload[:psize] if psize <= qsize else payload + bytes(psize - qsize)
            reply += COOKIE
            try:
                # A small reply and its end fit the window: no scheduler pass, and its packet
                # leaves at once rather than when the call is left.
                call.send_nowait(reply, eof=True)
            except trio.WouldBlock:
                await call.send_all(reply)
            stats.bytes_in += qsize
            stats.bytes_out += psize
        elif op == OP_SEND:
            (nbytes,) = _WORD.unpack(await reader.exactly(4))
            await reader.skip(nbytes)
            if not await reader.at_end():
                call.abort(RXGEN_SS_UNMARSHAL)
                return
            await call.send_all(COOKIE)
            stats.bytes_in += nbytes
        elif op == OP_RECV:
            (nbytes,) = _WORD.unpack(await reader.exactly(4))
            if not await reader.at_end():
                call.abort(RXGEN_SS_UNMARSHAL)
                return
            await call.send_all(zeros(nbytes))
            await call.send_all(COOKIE)
            stats.bytes_out += nbytes
        else:
            call.abort(RXGEN_OPCODE)
            return
        stats.calls += 1
    except _ShortRequest:
        call.abort(RXGEN_SS_UNMARSHAL)
        stats.failed += 1
    except RxRPCError:
        stats.failed += 1


def _quick_call(call: Call, request: bytes, stats: ServerStats) -> bytes | None:
    """Echo a whole RPC request at once (``BoundSocket.serve``'s ``quick``: no task);
    ``None`` for anything else, which :func:`_serve_call` then takes."""
    if len(request) < _RPC_HEAD.size:
        return None
    version, op, _rsize, _wsize, qsize, psize = _RPC_HEAD.unpack_from(request)
    if (version != RXPERF_VERSION or op != OP_RPC or qsize != len(request) - _RPC_HEAD.size
            or psize > _QUICK_REPLY_MAX):
        return None
    payload = request[_RPC_HEAD.size:]
    reply = payload[:psize] if psize <= qsize else payload + bytes(psize - qsize)
    stats.calls += 1
    stats.bytes_in += qsize
    stats.bytes_out += psize
    return reply + COOKIE


_RPC_HEAD = struct.Struct(">IIIIII")
_QUICK_REPLY_MAX = 64 * 1024
"""Larger replies are left to :func:`_serve_call`, which sends them as the window opens."""


async def serve(port: int, config: EndpointConfig, stats: ServerStats, lifetime: float,
                quick: bool = True) -> None:
    """Serve rxperf on ``HOST:port`` until SIGTERM/SIGINT or ``lifetime`` seconds pass;
    with ``quick``, small RPCs are answered without a task (``serve(quick=...)``)."""
    async with trio_rxrpc.open_endpoint((HOST, port), config=config) as endpoint:
        sock = endpoint.socket()
        sock.listen([SERVICE], backlog=1024)
        print(f"READY port={endpoint.address[1]} pid={os.getpid()}", flush=True)
        with trio.move_on_after(lifetime):
            async with trio.open_nursery() as nursery:
                nursery.start_soon(_stop_on_signal, nursery.cancel_scope)
                await sock.serve(functools.partial(_serve_call, stats=stats),
                                 quick=functools.partial(_quick_call, stats=stats)
                                 if quick else None)


async def _stop_on_signal(scope: trio.CancelScope) -> None:
    with trio.open_signal_receiver(signal.SIGTERM, signal.SIGINT) as signals:
        async for _ in signals:
            scope.cancel()
            return


def server_main(args: argparse.Namespace) -> None:
    """The ``server`` subcommand."""
    config = make_config(args.window, args.jumbo, gso=not args.no_gso,
                         busy_poll_us=args.busy_poll)
    stats = ServerStats()
    if args.no_gc:
        gc.disable()
    profiler = cProfile.Profile() if args.profile else None
    if profiler is not None:
        profiler.enable()
    try:
        trio.run(serve, args.port, config, stats, args.lifetime, not args.no_quick)
    finally:
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(args.profile)
        usage = resource.getrusage(resource.RUSAGE_SELF)
        print(f"SERVER calls={stats.calls} failed={stats.failed} bytes_in={stats.bytes_in} "
              f"bytes_out={stats.bytes_out} cpu_user={usage.ru_utime:.3f} "
              f"cpu_sys={usage.ru_stime:.3f}", flush=True)


# --------------------------------------------------------------------------- client


class BenchmarkError(RuntimeError):
    """A reply was not what the protocol says it must be."""


ASYNC_WITH = False
"""``--async-with``: make each call with ``async with sock.call(...)`` instead of
``sock.request``."""


async def one_call(sock: BoundSocket, address: tuple[str, int], request: bytes) -> bytes:
    """Make one call: send ``request``, end it, return the whole reply (with
    ``async with`` under ``--async-with``, or on a copy of trio_rxrpc older than
    ``BoundSocket.request``, as ``compare_builds.py`` may measure)."""
    if not ASYNC_WITH and hasattr(sock, "request"):
        return await sock.request(address, SERVICE, request)
    async with sock.call(address, SERVICE) as call:
        try:  # the request and its end in one write: its packet leaves at once
            call.send_nowait(request, eof=True)
        except trio.WouldBlock:
            await call.send_all(request)
        return await call.receive_all()  # (ends the request if send_all sent it)


async def echo_calls(sock: BoundSocket, address: tuple[str, int], calls: int, concurrency: int,
                     payload: bytes, *, echo: bool = True) -> None:
    """Make ``calls`` RPC calls, ``concurrency`` at a time, and check every reply.

    With ``echo`` the reply must repeat the payload; otherwise (a C rxperf server, which
    replies zeros) only its length and end cookie are checked.
    """
    request = rpc_request(payload, len(payload))
    expected = payload + COOKIE
    remaining = calls

    async def worker() -> None:
        nonlocal remaining
        while remaining > 0:
            remaining -= 1
            reply = await one_call(sock, address, request)
            if reply != expected and (echo or len(reply) != len(expected)
                                      or not reply.endswith(COOKIE)):
                raise BenchmarkError(f"unexpected reply {reply[:40]!r} ({len(reply)} bytes)")

    async with trio.open_nursery() as nursery:
        for _ in range(min(concurrency, calls)):
            nursery.start_soon(worker)


async def bulk_send(sock: BoundSocket, address: tuple[str, int], nbytes: int) -> None:
    """Upload ``nbytes`` in one call (rxperf SEND) and check the cookie."""
    async with sock.call(address, SERVICE) as call:
        await call.send_all(send_request_head(nbytes))
        await call.send_all(zeros(nbytes))
        reply = await call.receive_all()
    if reply != COOKIE:
        raise BenchmarkError(f"SEND: unexpected reply {reply[:40]!r} ({len(reply)} bytes)")


async def bulk_recv(sock: BoundSocket, address: tuple[str, int], nbytes: int) -> None:
    """Download ``nbytes`` in one call (rxperf RECV); count them without keeping them."""
    got = 0
    tail = b""
    async with sock.call(address, SERVICE) as call:
        await call.send_all(recv_request(nbytes))
        while True:
            data = await call.receive_some()
            if not data:
                break
            got += len(data)
            tail = (tail + data)[-4:] if len(data) < 4 else data[-4:]
    if got != nbytes + 4 or tail != COOKIE:
        raise BenchmarkError(f"RECV: got {got} bytes ending {tail!r}, "
                             f"expected {nbytes} + the cookie")


async def wait_until_answering(sock: BoundSocket, address: tuple[str, int],
                               attempts: int = 30) -> None:
    """Make small calls until one succeeds (the server may still be starting)."""
    request = rpc_request(b"", 0)
    for _ in range(attempts):
        with trio.move_on_after(1.0):
            try:
                await one_call(sock, address, request)
            except RxRPCError:
                await trio.sleep(0.1)
            else:
                return
    raise BenchmarkError(f"no rxperf server answers at {address}")


# --------------------------------------------------------------------------- measuring


def cpu_seconds_of(pid: int | None) -> float | None:
    """User + system CPU seconds of process ``pid`` so far (None if unknown)."""
    if pid is None:
        return None
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def own_cpu_seconds() -> float:
    """User + system CPU seconds of this process so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


@dataclass
class Sample:
    """One run of one figure."""

    value: float
    wall: float
    client_cpu: float | None
    server_cpu: float | None


@dataclass
class Figure:
    """A figure: its name for RESULT lines, a label, a unit, and its runs."""

    name: str
    label: str
    unit: str
    warmup: Sample | None = None
    samples: list[Sample] = field(default_factory=list)

    @property
    def values(self) -> list[float]:
        return [s.value for s in self.samples]

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    def result_line(self) -> str:
        values = self.values
        return (f"RESULT name={self.name} median={self.median:.1f} unit={self.unit} "
                f"runs={len(values)} min={min(values):.1f} max={max(values):.1f}")


async def measure(work: Callable[[], Awaitable[None]], amount: float,
                  server_pid: int | None) -> Sample:
    """Run ``work`` once; its rate is ``amount`` per second of wall time."""
    server_before = cpu_seconds_of(server_pid)
    client_before = own_cpu_seconds()
    start = time.perf_counter()
    await work()
    wall = time.perf_counter() - start
    client = own_cpu_seconds() - client_before
    server_after = cpu_seconds_of(server_pid)
    server = (server_after - server_before
              if server_after is not None and server_before is not None else None)
    return Sample(value=amount / wall, wall=wall, client_cpu=client, server_cpu=server)


class Table:
    """The one table every run goes into, printed as runs finish."""

    def __init__(self, out: Callable[[str], None] = print, *, label_width: int = 28) -> None:
        self._out = out
        self._w = label_width

    def header(self) -> None:
        head = (f"{'figure':<{self._w}} {'run':>7} {'value':>12} {'unit':<8} {'wall s':>8} "
                f"{'client CPU':>10} {'server CPU':>10}")
        self._out(head)
        self._out("-" * len(head))

    @staticmethod
    def _busy(cpu: float | None, wall: float) -> str:
        return f"{100 * cpu / wall:9.0f}%" if cpu is not None and wall > 0 else f"{'-':>10}"

    def row(self, figure: Figure, run: str, sample: Sample) -> None:
        self._out(f"{figure.label:<{self._w}} {run:>7} {sample.value:12.1f} {figure.unit:<8} "
                  f"{sample.wall:8.3f} {self._busy(sample.client_cpu, sample.wall)} "
                  f"{self._busy(sample.server_cpu, sample.wall)}")

    def median(self, figure: Figure) -> None:
        values = figure.values
        self._out(f"{figure.label:<{self._w}} {'median':>7} {figure.median:12.1f} "
                  f"{figure.unit:<8}   (of {len(values)}: {min(values):.1f} .. "
                  f"{max(values):.1f})")


async def run_figure(table: Table, figure: Figure, work: Callable[[], Awaitable[None]],
                     amount: float, runs: int, server_pid: int | None) -> Figure:
    """One warm-up and ``runs`` counted runs of ``work``, each printed as it ends."""
    figure.warmup = await measure(work, amount, server_pid)
    table.row(figure, "warm-up", figure.warmup)
    for i in range(runs):
        sample = await measure(work, amount, server_pid)
        figure.samples.append(sample)
        table.row(figure, str(i + 1), sample)
    table.median(figure)
    return figure


# --------------------------------------------------------------------------- the figures


FIGURES = ("seq", "conc", "send", "recv")


@dataclass
class Plan:
    """Which figures to measure and how big each run is."""

    runs: int = 5
    calls: int = 5000
    concurrent_calls: int = 20000
    concurrency: int = 64
    payload: int = 16
    bulk_bytes: int = 64 * MIB
    only: Sequence[str] = FIGURES

    def figures(self) -> list[tuple[str, Figure, float]]:
        """(key, figure, amount per run) for every chosen figure, in order."""
        mib = self.bulk_bytes / MIB
        size = f"{mib:g}MiB"
        table = {
            "seq": (Figure("echo_seq", "echo, 1 in flight", "calls/s"), self.calls),
            "conc": (Figure(f"echo_c{self.concurrency}",
                            f"echo, {self.concurrency} in flight", "calls/s"),
                     self.concurrent_calls),
            "send": (Figure(f"send_{size}", f"bulk send {size} (upload)", "MB/s"),
                     self.bulk_bytes / 1e6),
            "recv": (Figure(f"recv_{size}", f"bulk recv {size} (download)", "MB/s"),
                     self.bulk_bytes / 1e6),
        }
        return [(key, *table[key]) for key in FIGURES if key in self.only]

    def work(self, key: str, sock: BoundSocket, address: tuple[str, int],
             echo: bool = True) -> Callable[[], Awaitable[None]]:
        """The coroutine function of one run of figure ``key``."""
        payload = bytes(i % 251 for i in range(self.payload))
        if key == "seq":
            return lambda: echo_calls(sock, address, self.calls, 1, payload, echo=echo)
        if key == "conc":
            return lambda: echo_calls(sock, address, self.concurrent_calls, self.concurrency,
                                      payload, echo=echo)
        if key == "send":
            return lambda: bulk_send(sock, address, self.bulk_bytes)
        if key == "recv":
            return lambda: bulk_recv(sock, address, self.bulk_bytes)
        raise ValueError(key)


async def client_main(plan: Plan, config: EndpointConfig, address: tuple[str, int],
                      server_pid: int | None, table: Table, echo: bool = True) -> list[Figure]:
    """Measure every figure of ``plan`` against the server at ``address``.

    ``echo``: the server is ours and echoes RPC payloads (else only lengths are checked).
    """
    async with trio_rxrpc.open_endpoint((HOST, 0), config=config) as endpoint:
        sock = endpoint.socket()
        await wait_until_answering(sock, address)
        table.header()
        figures = [await run_figure(table, figure, plan.work(key, sock, address, echo),
                                    amount, plan.runs, server_pid)
                   for key, figure, amount in plan.figures()]
        stats = endpoint.statistics()
        # (compare_builds.py runs this script against older trees, which lack the field.)
        probes = getattr(stats, "tail_probes", "no")
        print(f"client endpoint: {stats.data_packets_sent} DATA packets sent, "
              f"{stats.retransmits} sent again, {probes} tail-loss probes")
        return figures


# --------------------------------------------------------------------------- processes


def add_busy_poll_argument(parser: argparse.ArgumentParser, what: str) -> None:
    """``--busy-poll USEC``: ``EndpointConfig.busy_poll`` in whole microseconds, 0 to
    10,000 (0, the default: off), as ``trio-rxrpc rxperf --busy-poll`` takes it.  ``what``
    says which sides it applies to."""
    def microseconds(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = -1
        if not 0 <= value <= 10_000:
            raise argparse.ArgumentTypeError(
                f"wants whole microseconds from 0 to 10000, not {text!r}")
        return value

    parser.add_argument("--busy-poll", type=microseconds, default=0, metavar="USEC",
                        help=f"EndpointConfig.busy_poll in microseconds, {what} (default 0: "
                             "off)")


def make_config(window: int | None, jumbo: int | None, *, gso: bool = True,
                busy_poll_us: int = 0) -> EndpointConfig:
    """The endpoint configuration both sides use (library defaults where not given)."""
    default = EndpointConfig()
    window = window if window is not None else default.rx_window
    return EndpointConfig(rx_window=window, tx_window=window,
                          max_jumbo=jumbo if jumbo is not None else default.max_jumbo,
                          udp_gso=gso, busy_poll=busy_poll_us * 1e-6)


class ServerProcess:
    """A server in a child process, started and stopped by the caller.

    ``command`` must print a line starting with ``READY port=N`` once it listens.
    """

    def __init__(self, command: Sequence[str], *, startup_limit: float = 30.0) -> None:
        self.command = list(command)
        self.proc = subprocess.Popen(self.command, stdout=subprocess.PIPE, text=True)
        self.port = self._read_port(startup_limit)
        self.last_lines: list[str] = []

    @property
    def pid(self) -> int:
        return self.proc.pid

    def _read_port(self, limit: float) -> int:
        stdout = self.proc.stdout
        assert stdout is not None
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            ready, _, _ = select.select([stdout], [], [], deadline - time.monotonic())
            if not ready:
                break
            line = stdout.readline()
            if not line:
                break
            if line.startswith("READY"):
                words = dict(w.split("=", 1) for w in line.split()[1:] if "=" in w)
                return int(words["port"])
        self.stop()
        raise BenchmarkError(f"the server did not start: {' '.join(self.command)}")

    def stop(self) -> list[str]:
        """SIGTERM, then collect what the server printed last."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            out, _ = self.proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            out, _ = self.proc.communicate()
        self.last_lines = [line for line in (out or "").splitlines() if line.strip()]
        return self.last_lines

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def python_server_command(window: int | None, jumbo: int | None,
                          profile: str | None = None, *, no_gc: bool = False,
                          gso: bool = True, busy_poll_us: int = 0,
                          quick: bool = True) -> list[str]:
    """The command line that starts this file's server on a free port."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "server", "--port", "0"]
    if not quick:
        cmd.append("--no-quick")
    if busy_poll_us:
        cmd += ["--busy-poll", str(busy_poll_us)]
    if no_gc:
        cmd.append("--no-gc")
    if not gso:
        cmd.append("--no-gso")
    if window is not None:
        cmd += ["--window", str(window)]
    if jumbo is not None:
        cmd += ["--jumbo", str(jumbo)]
    if profile is not None:
        cmd += ["--profile", profile]
    return cmd


def bench_main(args: argparse.Namespace) -> None:
    """The default command: start a server, measure, stop it, summarize."""
    plan = Plan(runs=args.runs, calls=args.calls, concurrent_calls=args.concurrent_calls,
                concurrency=args.concurrency, payload=args.payload,
                bulk_bytes=int(args.bulk_mib * MIB), only=args.only or FIGURES)
    config = make_config(args.window, args.jumbo, gso=not args.no_gso,
                         busy_poll_us=args.busy_poll)
    profile_dir = Path(args.profile) if args.profile else None
    if profile_dir is not None:
        profile_dir.mkdir(parents=True, exist_ok=True)
    server_profile = str(profile_dir / "server.prof") if profile_dir else None
    table = Table()
    print(f"trio_rxrpc {trio_rxrpc.__version__} echo/bulk benchmark on {HOST}, "
          f"Python {sys.version.split()[0]}, trio {trio.__version__}")
    print(f"config: rx_window={config.rx_window} tx_window={config.tx_window} "
          f"max_jumbo={config.max_jumbo} initial_cwnd={config.initial_cwnd} "
          f"udp_buffer_size={config.udp_buffer_size} udp_gso={config.udp_gso} "
          f"busy_poll={config.busy_poll * 1e6:g}us; "
          f"payload {plan.payload} B; "
          f"1 warm-up + {plan.runs} runs per figure; CPU columns: % of one core"
          + ("; cyclic GC disabled" if args.no_gc else ""))
    server: ServerProcess | None = None
    if args.connect is None:
        server = ServerProcess(python_server_command(args.window, args.jumbo, server_profile,
                                                     no_gc=args.no_gc, gso=not args.no_gso,
                                                     busy_poll_us=args.busy_poll,
                                                     quick=not args.no_quick))
        port, server_pid = server.port, server.pid
        print(f"server: pid {server.pid}, port {server.port}; client: pid {os.getpid()}")
    else:
        port, server_pid = args.connect, None
        print(f"server: already running at {HOST}:{port} (replies checked for length and "
              f"cookie only); client: pid {os.getpid()}")
    print()
    if args.no_gc:
        gc.disable()
    profiler = cProfile.Profile() if profile_dir is not None else None
    try:
        if profiler is not None:
            profiler.enable()
        figures = trio.run(client_main, plan, config, (HOST, port), server_pid, table,
                           server is not None)
    finally:
        if profiler is not None and profile_dir is not None:
            profiler.disable()
            profiler.dump_stats(profile_dir / "client.prof")
        if server is not None:
            server.stop()
    print()
    for line in server.last_lines if server is not None else []:
        print(f"server said: {line}")
    for figure in figures:
        print(figure.result_line())


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description="trio_rxrpc echo and bulk benchmark (client and server processes).")
    sub = parser.add_subparsers(dest="command")
    srv = sub.add_parser("server", help="run only the rxperf echo server (used internally)")
    srv.add_argument("--port", type=int, default=0, help="UDP port (0: any; printed)")
    srv.add_argument("--lifetime", type=float, default=3600.0,
                     help="exit after this many seconds at the latest")
    for p in (parser, srv):
        p.add_argument("--window", type=int, default=None,
                       help="rx_window and tx_window in packets (default: library default)")
        p.add_argument("--jumbo", type=int, default=None,
                       help="max_jumbo, sub-packets per jumbogram; 1 disables (default: "
                            "library default)")
        p.add_argument("--profile", default=None,
                       help="cProfile output (server: a file; benchmark: a directory)")
        p.add_argument("--no-gc", action="store_true",
                       help="disable Python's cyclic garbage collector (to see what it costs)")
        p.add_argument("--no-gso", action="store_true",
                       help="one sendmsg per datagram (EndpointConfig.udp_gso off)")
        p.add_argument("--async-with", action="store_true",
                       help="the client makes each echo call with async with sock.call() "
                            "(no BoundSocket.request)")
        p.add_argument("--no-quick", action="store_true",
                       help="the server answers every call from a handler task (no "
                            "serve(quick=...))")
        add_busy_poll_argument(p, "both sides (the server's only when this script starts "
                                  "it)")
    parser.add_argument("--runs", type=int, default=5, help="counted runs per figure")
    parser.add_argument("--calls", type=int, default=5000,
                        help="calls per run with 1 call in flight")
    parser.add_argument("--concurrent-calls", type=int, default=20000,
                        help="calls per run with --concurrency calls in flight")
    parser.add_argument("--concurrency", type=int, default=64, help="calls in flight")
    parser.add_argument("--payload", type=int, default=16, help="echo payload bytes")
    parser.add_argument("--bulk-mib", type=float, default=64.0, help="bulk size in MiB")
    parser.add_argument("--only", action="append", choices=FIGURES,
                        help="measure only this figure (repeatable)")
    parser.add_argument("--connect", type=int, default=None, metavar="PORT",
                        help=f"use the rxperf server already listening on {HOST}:PORT (for "
                             "example crxperf) instead of starting one")
    return parser


def main(argv: Sequence[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    if args.command == "server":
        server_main(args)
    else:
        if min(args.runs, args.calls, args.concurrent_calls, args.concurrency) < 1:
            raise SystemExit("--runs, --calls, --concurrent-calls and --concurrency must be >= 1")
        global ASYNC_WITH
        ASYNC_WITH = args.async_with
        bench_main(args)


if __name__ == "__main__":
    main()
