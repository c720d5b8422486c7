"""Count trio task steps per small call, on each side, in one process.

``python benchmarks/task_steps.py [--calls 2000] [--concurrency 1 --concurrency 64]`` opens a
client endpoint and a server endpoint in one trio run, over real loopback UDP, and makes
``--calls`` echo calls (16-byte request, the same bytes back) with each chosen number in
flight.  A :class:`trio.abc.Instrument` counts every task step by the kind of task that
takes it, and every time trio waits for I/O (``before_io_wait``: an epoll wait, even with a
zero timeout).  The counts are deterministic apart from how datagrams happen to batch, so
they show what a change in the trio layer costs or saves, where calls/s on this noisy
machine only hint at it.

The client does what ``echo_bench.py --async-with`` does: ``async with sock.call(...)``,
``send_nowait(..., eof=True)`` (``send_all`` if the window has no room), then
``receive_all``; with ``--request`` it makes each call with ``BoundSocket.request``, as
``echo_bench.py`` does by default.  The server runs ``sock.serve(handler)``, and the
handler reads the request with ``receive_all_nowait`` (``receive_all`` if it has not all
arrived), then
``send_nowait``s it back with its end (``send_all`` if it does not fit; leaving
``async with`` then ends the reply).  ``--awaiting`` uses the
awaiting operations throughout (``receive_all`` and ``send_all``, each a checkpoint), to
show what the ``nowait`` ones save.  Task kinds:

* ``client call``: the client workers, each running one call after another;
* ``handler``: the server's per-call tasks (``serve`` spawns one per call);
* ``accept``: the task running ``serve`` (accepting, and spawning the handlers);
* ``client recv`` / ``server recv``: each endpoint's receive loop;
* ``client timer`` / ``server timer``: each endpoint's timer loop;
* ``other``: anything else (trio's own tasks, the backlog loops, the benchmark's main task).

Output: one table per concurrency, steps per call, then ``RESULT`` lines for machines.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from typing import TYPE_CHECKING

import _bootstrap  # noqa: F401  # before trio_rxrpc: makes the checkout importable
import trio

import trio_rxrpc as rx

if TYPE_CHECKING:
    from trio.lowlevel import Task

SERVICE = 4321
PAYLOAD = bytes(range(16))
KINDS = ("client call", "client recv", "client timer", "handler", "accept", "server recv",
         "server timer", "other")
CLIENT_KINDS = ("client call", "client recv", "client timer")
SERVER_KINDS = ("handler", "accept", "server recv", "server timer")


class StepCounter(trio.abc.Instrument):
    """Counts task steps by kind, and I/O waits, while ``counting`` is set."""

    def __init__(self) -> None:
        self.counting = False
        self.steps: Counter[str] = Counter()
        self.io_waits = 0
        self.kind_of: dict[Task, str] = {}
        self.endpoint_side: dict[str, str] = {}
        """repr(Endpoint) -> "client" or "server"."""
        self.worker_names: set[str] = set()
        self.accept_names: set[str] = set()
        self.handler_names: set[str] = set()

    def reset(self) -> None:
        self.steps.clear()
        self.io_waits = 0

    def _classify(self, task: Task) -> str:
        # An endpoint names its loops "<endpoint's repr>: receive loop" (and "timer loop").
        owner, _, loop = task.name.rpartition(": ")
        if loop in ("receive loop", "timer loop"):
            side = self.endpoint_side.get(owner, "?")
            return f"{side} {'recv' if loop == 'receive loop' else 'timer'}"
        code = getattr(task.coro, "cr_code", None)
        name = code.co_qualname if code is not None else ""
        if name in self.worker_names:
            return "client call"
        if name in self.handler_names:
            return "handler"
        if name in self.accept_names:
            return "accept"
        return "other"

    def before_task_step(self, task: Task) -> None:
        if not self.counting:
            return
        kind = self.kind_of.get(task)
        if kind is None:
            kind = self.kind_of[task] = self._classify(task)
        self.steps[kind] += 1

    def task_exited(self, task: Task) -> None:
        self.kind_of.pop(task, None)

    def before_io_wait(self, timeout: float) -> None:
        if self.counting:
            self.io_waits += 1


async def handler(call: rx.Call) -> None:
    """Echo the request, with no scheduler pass when it has arrived and the reply fits."""
    try:
        request = call.receive_all_nowait(max_size=1 << 16)
    except trio.WouldBlock:
        request = await call.receive_all(max_size=1 << 16)
    try:
        call.send_nowait(request, eof=True)
    except trio.WouldBlock:
        await call.send_all(request)


async def awaiting_handler(call: rx.Call) -> None:
    """Echo the request with the awaiting operations (each a checkpoint)."""
    request = await call.receive_all(max_size=1 << 16)
    await call.send_all(request)


async def run_calls(sock: rx.BoundSocket, address: tuple[str, int], calls: int,
                    concurrency: int, *, awaiting: bool = False,
                    request: bool = False) -> None:
    """Make ``calls`` echo calls, ``concurrency`` at a time, checking each reply."""
    remaining = calls

    async def worker() -> None:
        nonlocal remaining
        while remaining > 0:
            remaining -= 1
            if request:
                if await sock.request(address, SERVICE, PAYLOAD) != PAYLOAD:
                    raise RuntimeError("unexpected reply")
                continue
            async with sock.call(address, SERVICE) as call:
                if awaiting:
                    await call.send_all(PAYLOAD)
                else:
                    call.send_nowait(PAYLOAD, eof=True)  # 16 bytes: the window has room
                reply = await call.receive_all()
            if reply != PAYLOAD:
                raise RuntimeError(f"unexpected reply {reply!r}")

    async with trio.open_nursery() as nursery:
        for _ in range(min(concurrency, calls)):
            nursery.start_soon(worker)


async def measure(counter: StepCounter, calls: int, concurrencies: list[int],
                  awaiting: bool, request: bool = False) -> list[str]:
    """Run each concurrency (after a warm-up) and return the report lines."""
    lines: list[str] = []
    async with rx.open_endpoint(("127.0.0.1", 0)) as server, \
            rx.open_endpoint(("127.0.0.1", 0)) as client:
        counter.endpoint_side[repr(server)] = "server"
        counter.endpoint_side[repr(client)] = "client"
        ssock = server.socket()
        ssock.listen([SERVICE], backlog=1024)
        csock = client.socket()
        address = (str(server.address[0]), int(server.address[1]))
        async with trio.open_nursery() as nursery:
            await nursery.start(ssock.serve, awaiting_handler if awaiting else handler)
            for concurrency in concurrencies:
                await run_calls(csock, address, min(calls, 200), concurrency,  # warm-up
                                awaiting=awaiting, request=request)
                counter.reset()
                counter.counting = True
                start = time.perf_counter()
                await run_calls(csock, address, calls, concurrency, awaiting=awaiting,
                                request=request)
                wall = time.perf_counter() - start
                counter.counting = False
                lines.extend(report(counter, calls, concurrency, wall))
            nursery.cancel_scope.cancel()
    return lines


def report(counter: StepCounter, calls: int, concurrency: int, wall: float) -> list[str]:
    """The table for one concurrency, then its RESULT lines."""
    per = {kind: counter.steps[kind] / calls for kind in KINDS}
    client = sum(per[k] for k in CLIENT_KINDS)
    server = sum(per[k] for k in SERVER_KINDS)
    lines = [f"{calls} calls, {concurrency} in flight: {calls / wall:,.0f} calls/s "
             f"(one process runs both sides; a hint only)"]
    lines.extend(f"  {kind:<13} {per[kind]:6.2f} steps/call" for kind in KINDS)
    lines.append(f"  {'client total':<13} {client:6.2f}    server total {server:6.2f}    "
                 f"io waits {counter.io_waits / calls:.2f}/call")
    tag = f"steps.c{concurrency}"
    lines.append(f"RESULT name={tag}.client value={client:.2f} unit=steps/call")
    lines.append(f"RESULT name={tag}.server value={server:.2f} unit=steps/call")
    lines.extend(f"RESULT name={tag}.{kind.replace(' ', '_')} value={per[kind]:.2f} "
                 f"unit=steps/call" for kind in KINDS)
    lines.append(f"RESULT name={tag}.io_waits value={counter.io_waits / calls:.2f} "
                 f"unit=waits/call")
    lines.append(f"RESULT name={tag}.rate value={calls / wall:.0f} unit=calls/s")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--calls", type=int, default=2000, help="calls per concurrency")
    parser.add_argument("--concurrency", type=int, action="append",
                        help="calls in flight (repeat for several; default 1 and 64)")
    parser.add_argument("--awaiting", action="store_true",
                        help="receive_all and send_all (checkpoints) instead of the nowait "
                             "operations")
    parser.add_argument("--request", action="store_true",
                        help="the client makes each call with BoundSocket.request (one "
                             "operation) instead of async with sock.call()")
    args = parser.parse_args()
    if args.awaiting and args.request:
        parser.error("--awaiting and --request do not go together")
    counter = StepCounter()
    counter.worker_names.add("run_calls.<locals>.worker")
    # (serve() kept its loop in _socket.py before it moved to _serve.py: both are known.)
    counter.handler_names.update(("BoundSocket.serve.<locals>.run",
                                  "serve_forever.<locals>.run"))
    counter.accept_names.update(("BoundSocket.serve", "serve_forever"))
    lines = trio.run(measure, counter, args.calls, args.concurrency or [1, 64],
                     args.awaiting, args.request, instruments=[counter])
    for line in lines:
        print(line)


if __name__ == "__main__":
    main()
