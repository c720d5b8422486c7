"""What one datagram costs the endpoint's sender, with and without UDP GSO.

Run ``python benchmarks/bench_udp_gso.py [--packets N] [--size BYTES] [--runs R]``.  The
batch is what a bulk call hands the sender: ``N`` datagrams of ``size`` bytes (a 28-byte
header and a payload view) to one address, in batches of 256.  Two figures per mode, in
nanoseconds per datagram (median of ``--runs``):

* ``python``: the sender's own work, on a transport whose ``sendmsg`` does nothing (the
  price of grouping, without the system calls it saves);
* ``loopback``: sending to a real UDP socket on 127.0.0.1 (the whole cost of sending,
  Python and kernel).  Nobody reads that socket, so once its buffer is full the kernel
  drops what arrives; the figure is the sender's side only.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import time
from typing import TYPE_CHECKING, cast

import _bootstrap  # noqa: F401  # before trio_rxrpc: makes the checkout importable

from trio_rxrpc._sender import Datagram, Sender
from trio_rxrpc._transport import UDPTransport

if TYPE_CHECKING:
    from collections.abc import Sequence

    from typing_extensions import Buffer

    from trio_rxrpc._transport import Address, DatagramTransport

BATCH = 256


class NullTransport:
    """Takes every datagram and does nothing with it."""

    udp_gso = True

    def sendmsg(self, buffers: Sequence[Buffer], ancdata: Sequence[object] = (),
                flags: int = 0, address: Address | None = None, /) -> int:
        return 0


def batches(address: Address, packets: int, size: int) -> list[list[Datagram]]:
    payload = memoryview(bytes(size * BATCH))
    out: list[list[Datagram]] = []
    for start in range(0, packets, BATCH):
        count = min(BATCH, packets - start)
        out.append([([bytes(28), payload[k * size:(k + 1) * size - 28]], address)
                    for k in range(count)])
    return out


def time_sender(transport: object, work: list[list[Datagram]], *, gso: bool) -> float:
    sender = Sender(cast("DatagramTransport", transport), gso=gso)
    started = time.perf_counter()
    for batch in work:
        rest = sender.send(batch)
        while rest is not None:  # the receiver fell behind: wait a moment, as the backlog would
            time.sleep(0.0001)
            rest = sender.send(batch, rest)
    elapsed = time.perf_counter() - started
    if gso and not sender.gso:
        raise SystemExit("the kernel refused UDP GSO on loopback")
    return elapsed * 1e9 / sum(len(b) for b in work)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packets", type=int, default=50_000)
    parser.add_argument("--size", type=int, default=1444, help="datagram bytes")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    receiver = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    receiver.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
    receiver.bind(("127.0.0.1", 0))
    sender_sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sender_sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4 << 20)
    sender_sock.bind(("127.0.0.1", 0))
    real = UDPTransport(sender_sock)
    work = batches(receiver.getsockname(), args.packets, args.size)
    modes = [("one sendmsg each", False)] + ([("UDP GSO", True)] if real.udp_gso else [])
    results: dict[tuple[str, str], list[float]] = {}
    try:
        for _ in range(args.runs):
            for name, gso in modes:
                results.setdefault((name, "python"), []).append(
                    time_sender(NullTransport(), work, gso=gso))
                results.setdefault((name, "loopback"), []).append(
                    time_sender(real, work, gso=gso))
    finally:
        receiver.close()
        sender_sock.close()
    print(f"{args.packets} datagrams of {args.size} bytes in batches of {BATCH}; "
          f"ns per datagram, median of {args.runs}")
    for name, _gso in modes:
        print(f"{name:18}  python {statistics.median(results[name, 'python']):7.0f}  "
              f"loopback {statistics.median(results[name, 'loopback']):7.0f}")


if __name__ == "__main__":
    main()
