"""A pool of workers sharing one accept queue (multiqueue), each with its own bound socket.

Run it as ``python examples/worker_pool.py``.  It starts an endpoint on loopback that serves
service 1234 with N worker tasks.  The first worker's socket listens; the others join it with
``bind_channel()``, so all of them pull from one queue of incoming calls.  Each worker charges
one user call ID at a time: it only takes a new call once it has finished the last one, which
is how a pool limits itself.  A client endpoint then makes many calls, and the program prints
how the calls spread over the workers and the socket listing while calls are in flight.

The exit status is 0 once every call was served, 2 for a bad option and 130 after Ctrl-C.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections import Counter

import trio
from example_cli import (
    EXIT_FAILURE,
    EXIT_INTERRUPTED,
    EXIT_OK,
    USAGE_ROW,
    exit_statuses,
    run,
    seconds,
    whole_number,
)

import trio_rxrpc as rx

SERVICE = 1234


async def worker(sock: rx.BoundSocket, name: str, served: Counter[str], delay: float) -> None:
    """Serve calls one at a time through the message API."""
    ids = itertools.count()
    sock.charge_accept((name, next(ids)))
    request = bytearray()
    while True:
        msg = await sock.recvmsg()
        if msg.end_of_record:
            # The call is over (our reply was acknowledged, or it failed): take another.
            sock.charge_accept((name, next(ids)))
            continue
        request += msg.data
        if not msg.more:
            await trio.sleep(delay)  # pretend to work
            served[name] += 1
            await sock.sendmsg(msg.user_id, b"done by " + name.encode() + b": " + request,
                               end_of_record=True)
            request.clear()


async def main(workers: int, calls: int, concurrency: int, delay: float) -> None:
    served: Counter[str] = Counter()
    async with rx.open_endpoint(("127.0.0.1", 0)) as server_ep, \
            rx.open_endpoint(("127.0.0.1", 0)) as client_ep:
        first = server_ep.socket()
        first.listen([SERVICE], backlog=64)
        sockets = [first] + [first.bind_channel() for _ in range(workers - 1)]
        print(f"{workers} workers serve service {SERVICE}; making {calls} calls, "
              f"{concurrency} at a time", flush=True)
        async with trio.open_nursery() as nursery:
            for i, sock in enumerate(sockets):
                nursery.start_soon(worker, sock, f"worker-{i}", served, delay)
            client = client_ep.socket()
            limiter = trio.CapacityLimiter(concurrency)
            shown = False

            async def one(i: int) -> None:
                nonlocal shown
                async with limiter, client.call(server_ep.address, SERVICE) as call:
                    await call.send_all(f"job {i}".encode())
                    reply = await call.receive_all()
                    assert reply.endswith(f"job {i}".encode())
                    if i == calls // 2 and not shown:
                        shown = True
                        print("Sockets while calls are in flight:")
                        print(rx.format_table(server_ep.list_sockets()))
                        print()

            start = trio.current_time()
            async with trio.open_nursery() as calls_nursery:
                for i in range(calls):
                    calls_nursery.start_soon(one, i)
            elapsed = trio.current_time() - start
            nursery.cancel_scope.cancel()
    print(f"{calls} calls in {elapsed:.2f} s over {workers} workers:")
    for name in sorted(served):
        print(f"  {name}: {served[name]} calls")


EXIT_STATUS = exit_statuses(
    (EXIT_OK, "every call was served"),
    (EXIT_FAILURE, "the endpoints could not be opened"),
    USAGE_ROW,
    (EXIT_INTERRUPTED, "interrupted by Ctrl-C"),
)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], epilog=EXIT_STATUS,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=whole_number(1), default=4,
                        help="worker tasks, each with its own socket (default: %(default)s)")
    parser.add_argument("--calls", type=whole_number(1), default=400,
                        help="calls the client makes (default: %(default)s)")
    parser.add_argument("--concurrency", type=whole_number(1), default=32,
                        help="calls in flight at once (default: %(default)s)")
    parser.add_argument("--delay", type=seconds(zero=True), default=0.002,
                        help="work per call, seconds (default: %(default)s)")
    return parser.parse_args()


if __name__ == "__main__":
    options = parse_args()
    sys.exit(run("worker_pool", main, options.workers, options.calls, options.concurrency,
                 options.delay))
