"""The sans-I/O core alone: two ``EndpointCore`` objects in one process, no trio, no sockets.

Run ``python benchmarks/core_bench.py [--runs N]``.  The client core starts echo calls (16-byte
request and reply) in batches of 1 and of 64, and one call that uploads 16 MiB; datagrams go
from one core to the other as bytes, and the clock only moves when both cores are idle and a
timer is due.  Each figure is CPU time of this process (``time.process_time``) per call, or MB
per CPU-second for the upload: one warm-up, then ``--runs`` counted runs, median and range.
``--level clear|auth|crypt`` makes the calls under rxkad at that level (one connection, so
the handshake happens once), to show what rxkad adds to each call.  The core takes one
datagram at a time here, so rxkad's batched decryption never gets more than one packet:
the crypt upload figure is the unbatched path's, far below a real endpoint's.

This is the share of a real call that a compiled build of ``trio_rxrpc._proto`` can speed up;
``echo_bench.py`` measures the rest too (trio, sockets, the kernel).  It prints which build of
the core it ran (``trio_rxrpc._proto.COMPILED``).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from typing import TYPE_CHECKING

import _bootstrap  # noqa: F401  # before trio_rxrpc: makes the checkout importable

from trio_rxrpc import _proto
from trio_rxrpc._proto.endpoint import EndpointCore
from trio_rxrpc._proto.security.rxkad_class import RxkadServerSecurity
from trio_rxrpc._rxperf.protocol import client_security, odd_parity

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from trio_rxrpc._proto.call import CallCore
    from trio_rxrpc._proto.security.base import ClientSecurity, ServerSecurity

SERVICE = 147
CLIENT_ADDR = ("127.0.0.1", 7001)
SERVER_ADDR = ("127.0.0.1", 7000)
KEY = bytes.fromhex("a7838acbc783ec94")
"""The server's rxkad key with ``--level``: the Linux kernel's rxperf key, as elsewhere."""
LEVELS = {"null": -1, "clear": 0, "auth": 1, "crypt": 2}


class Pair:
    """A client and a server core; the server echoes each request."""

    def __init__(self, level: int = -1) -> None:
        self.now = 0.0
        self.client = EndpointCore(rng=random.Random(1))
        self.server = EndpointCore(rng=random.Random(2))
        self.security: ClientSecurity | None = None
        securities: list[ServerSecurity] = []
        if level >= 0:
            wall = time.time()
            self.security = client_security(level, KEY, 1)
            securities.append(RxkadServerSecurity(odd_parity(KEY), kvno=None,
                                                  clock=lambda: wall))
        self.server.listen([SERVICE], backlog=1024, securities=securities)
        self.outgoing: dict[CallCore, memoryview] = {}
        self.incoming: dict[CallCore, bytearray] = {}

    def start(self, request: bytes) -> CallCore:
        call = self.client.start_call(SERVER_ADDR, SERVICE, now=self.now,
                                      security=self.security)
        self.outgoing[call] = memoryview(request)
        self.incoming[call] = bytearray()
        return call

    def _app(self) -> None:
        now = self.now
        for call in self.server.take_new_calls():
            self.server.call_accepted(call)
            self.incoming[call] = bytearray()
        for call, pending in list(self.outgoing.items()):
            if call.completion is not None:
                del self.outgoing[call]
            elif call.is_sending:
                taken = call.write(pending, eor=True, now=now)
                if taken == len(pending):
                    del self.outgoing[call]
                else:
                    self.outgoing[call] = pending[taken:]
        for call, received in list(self.incoming.items()):
            while (data := call.read(None, now)):
                received += data
            if data == b"":
                del self.incoming[call]
                if not call.is_client:
                    self.outgoing[call] = memoryview(bytes(received))
        self.client.take_dirty()
        self.server.take_dirty()

    def run(self, done: Callable[[], bool]) -> None:
        """Move datagrams, and time when both cores are idle, until ``done()``."""
        client, server = self.client, self.server
        while True:
            self._app()
            moved = False
            for datagram, _addr in client.datagrams_to_send(now=self.now):
                server.receive_datagram(b"".join(datagram), CLIENT_ADDR, now=self.now)
                moved = True
            for datagram, _addr in server.datagrams_to_send(now=self.now):
                client.receive_datagram(b"".join(datagram), SERVER_ADDR, now=self.now)
                moved = True
            if moved:
                continue
            if done():
                return
            self.now = max(self.now, min(client.next_deadline(), server.next_deadline()))
            client.handle_timers(now=self.now)
            server.handle_timers(now=self.now)


def echo(pair: Pair, calls: int, in_flight: int) -> float:
    """CPU microseconds per echo call, ``in_flight`` calls at a time."""
    start = time.process_time()
    for _ in range(calls // in_flight):
        batch = [pair.start(bytes(16)) for _ in range(in_flight)]
        pair.run(lambda: all(c.completion is not None for c in batch))  # noqa: B023
    return (time.process_time() - start) / calls * 1e6


def upload(pair: Pair, mib: int) -> float:
    """MB (10^6 bytes) per CPU-second for one call that sends ``mib`` MiB."""
    size = mib << 20
    start = time.process_time()
    call = pair.start(bytes(size))
    pair.run(lambda: call.completion is not None)
    return size / 1e6 / (time.process_time() - start)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="counted runs per figure")
    parser.add_argument("--calls", type=int, default=4096, help="echo calls per run")
    parser.add_argument("--bulk-mib", type=int, default=16, help="upload size in MiB")
    parser.add_argument("--level", choices=LEVELS, default="null",
                        help="security of the calls: rxnull, or rxkad at clear/auth/crypt")
    args = parser.parse_args(argv)
    level = LEVELS[args.level]
    print(f"core: {'compiled' if _proto.COMPILED else 'pure Python'}, security {args.level}")
    figures: list[tuple[str, str, Callable[[], float]]] = [
        ("core_echo_1", "us/call", lambda: echo(Pair(level), args.calls, 1)),
        ("core_echo_64", "us/call", lambda: echo(Pair(level), args.calls, 64)),
        ("core_upload", "MB/CPU-s", lambda: upload(Pair(level), args.bulk_mib)),
    ]
    for name, unit, work in figures:
        work()
        values = [work() for _ in range(args.runs)]
        print(f"RESULT name={name} median={statistics.median(values):.1f} unit={unit} "
              f"runs={len(values)} min={min(values):.1f} max={max(values):.1f}", flush=True)


if __name__ == "__main__":
    main()
