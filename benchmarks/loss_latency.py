"""How long calls take on a path that loses datagrams, in the protocol's own time.

Run ``python benchmarks/loss_latency.py [--loss 0.02] [--delay 0.005] [--calls 300]``.

A client and a server endpoint talk over :class:`trio_rxrpc.testing.SimulatedNetwork` (a
seeded loss rate each way, a one-way delay) under trio's ``MockClock``, so every figure is
the time the protocol itself took: its round trips, its retransmission timeouts, its
tail-loss probes.  The machine's speed plays no part, and a run replays exactly for a given
seed.  Each call sends ``--request`` bytes and gets ``--reply`` bytes back, one call at a
time.  The output gives the median, 90th and 99th percentile and the longest call, and the
client's retransmissions and tail-loss probes.  Calls that fail are counted and named.

``PYTHONPATH=OTHER_CHECKOUT python benchmarks/loss_latency.py`` measures another version of
the package the same way, to compare the two.
"""

from __future__ import annotations

import argparse
import random
import statistics
from typing import TYPE_CHECKING

import trio
import trio.testing

import trio_rxrpc as rx
from trio_rxrpc.testing import SimulatedNetwork

if TYPE_CHECKING:
    from collections.abc import Sequence

SERVICE = 4000
SERVER = ("10.0.0.1", 7000)
CLIENT = ("10.0.0.2", 7001)


async def answer(call: rx.Call, reply: bytes) -> None:
    await call.receive_all()
    await call.send_all(reply)
    await call.send_eof()


async def measure(args: argparse.Namespace) -> None:
    net = SimulatedNetwork(seed=args.seed, loss=args.loss, delay=args.delay)
    request = random.Random(1).randbytes(args.request)
    reply = random.Random(2).randbytes(args.reply)
    times: list[float] = []
    failures: dict[str, int] = {}
    async with rx.open_endpoint(SERVER, network=net, rng=random.Random(3)) as sep, \
            sep.socket() as listener, rx.open_endpoint(CLIENT, network=net,
                                                       rng=random.Random(4)) as cep:
        listener.listen([SERVICE], backlog=8)

        async def handler(call: rx.Call) -> None:
            await answer(call, reply)
        async with trio.open_nursery() as nursery:
            await nursery.start(listener.serve, handler)
            sock = cep.socket()
            for i in range(args.calls):
                start = trio.current_time()
                try:
                    async with sock.call(SERVER, SERVICE) as call:
                        await call.send_all(request)
                        await call.send_eof()
                        got = await call.receive_all()
                    if got != reply:
                        raise AssertionError(f"call {i}: the reply came back different")
                    times.append(trio.current_time() - start)
                except rx.CallError as exc:
                    failures[type(exc).__name__] = failures.get(type(exc).__name__, 0) + 1
                if (i + 1) % max(args.calls // 10, 1) == 0:
                    print(f"  {i + 1} of {args.calls} calls", flush=True)
            nursery.cancel_scope.cancel()
        stats = cep.statistics()
    times.sort()

    def pct(p: float) -> float:
        return times[min(int(p * len(times)), len(times) - 1)] * 1000

    print(f"{args.calls} calls of {args.request} bytes out, {args.reply} back; "
          f"{args.loss:.1%} loss each way, {args.delay * 1000:g} ms one way, seed {args.seed}")
    if times:
        print(f"call time (ms): median {statistics.median(times) * 1000:.1f}, "
              f"p90 {pct(0.90):.1f}, p99 {pct(0.99):.1f}, longest {times[-1] * 1000:.1f}")
    probes = getattr(stats, "tail_probes", "no")  # older versions lack the field
    print(f"client: {stats.data_packets_sent} DATA packets sent, {stats.retransmits} sent "
          f"again, {probes} tail-loss probes; failed calls: "
          f"{', '.join(f'{n} {name}' for name, n in failures.items()) or 'none'}")
    print(f"RESULT name=loss_p99 median={pct(0.99) if times else 0:.1f} unit=ms")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("--request", type=int, default=60_000, help="bytes per request")
    parser.add_argument("--reply", type=int, default=100, help="bytes per reply")
    parser.add_argument("--loss", type=float, default=0.02, help="loss rate each way")
    parser.add_argument("--delay", type=float, default=0.005, help="one-way delay (s)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.calls < 1 or not 0 <= args.loss < 1 or args.delay < 0:
        parser.error("--calls must be positive, --loss in [0, 1), --delay not negative")
    trio.run(measure, args, clock=trio.testing.MockClock(autojump_threshold=0))


if __name__ == "__main__":
    main()
