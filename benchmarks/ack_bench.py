"""The sender's cost per ACK from a C receiver: the sans-I/O core alone, no trio, no sockets.

Run ``python benchmarks/ack_bench.py [--runs N]``.  One client core uploads ``--bulk-mib``
MiB to a simulated receiver that answers as OpenAFS's rx does on loopback: a plain ACK every
second DATA packet (soft-acknowledging what arrived beyond the hard-ACK point, which follows
the receiving application a little behind), with the 16-byte trailer of a C peer that takes
no jumbograms (crxperf with ``-j``), so every packet is a datagram of its own.  The simulated
receiver reads the datagrams the core sends, and its ACKs go back in batches (``--batch``
datagrams, as the endpoint's receive loop drains its socket) through ``receive_datagram``,
each batch followed by one ``datagrams_to_send``: the same calls, in the same order, as a
real endpoint makes.

Each figure is CPU time of this process (``time.process_time``) spent in the core's calls
alone (the simulated receiver is not counted), warm-up first, then ``--runs`` counted runs,
median and range:

* ``ack_path``: microseconds of core CPU per ACK taken (everything the core does in the
  upload, transmit included, divided by the ACKs: the number a change to the ACK path
  moves);
* ``ack_upload``: MB of payload per CPU-second of the sending core.

An upload to ``crxperf`` receives about one ACK for every three and a half DATA packets;
this figure is the part of that cost the compiled core can change.  It prints which build
of the core ran (``trio_rxrpc._proto.COMPILED``).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from typing import TYPE_CHECKING

import _bootstrap  # noqa: F401  # before trio_rxrpc: makes the checkout importable

from trio_rxrpc import _proto
from trio_rxrpc._proto.ack import ACK_TRAILER, pack_ack
from trio_rxrpc._proto.endpoint import EndpointCore
from trio_rxrpc._proto.header import HEADER
from trio_rxrpc._proto.wire import LAST_PACKET, AckReason, PacketType

if TYPE_CHECKING:
    from collections.abc import Sequence

    from trio_rxrpc._proto.call import CallCore

SERVICE = 147
RECEIVER = ("127.0.0.1", 7000)
C_TRAILER = ACK_TRAILER.pack(1444, 1444, 255, 1)
"""The ACK trailer of crxperf's rx on loopback with jumbograms off: max MTU, interface MTU,
window 255, one packet per datagram.  (With jumbograms on it takes up to four packets a
datagram and ACKs about once per datagram: fewer ACKs for the same data, each costing the
same.)"""
READ_LAG = 8
"""Packets the simulated receiving application lags behind what has arrived."""


class Receiver:
    """What a C receiver sends back for the DATA it gets: plain ACKs, two packets apart."""

    def __init__(self) -> None:
        self.top = 0  # highest in-order sequence number received
        self.serial = 0
        self.unacked = 0

    def take(self, datagram: bytes, out: list[bytes]) -> bool:
        """One DATA datagram (jumbograms are not sent to this receiver); True at the end."""
        (epoch, cid, callno, seq, serial, ptype, flags, _us, secidx, _ck,
         service) = HEADER.unpack_from(datagram)
        if ptype != PacketType.DATA:
            return False
        if seq == self.top + 1:
            self.top = seq
        self.unacked += 1
        last = bool(flags & LAST_PACKET)
        if self.unacked >= 2 or last:
            self.unacked = 0
            consumed = self.top if last else max(0, self.top - READ_LAG)
            self.serial += 1
            body = pack_ack(consumed + 1, self.top, serial, AckReason.REQUESTED if last
                            else AckReason.IDLE, b"\x01" * (self.top - consumed), C_TRAILER,
                            buffer_space=0)
            hdr = HEADER.pack(epoch, cid, callno, 0, self.serial, PacketType.ACK,
                              0, 0, secidx, 0, service)
            out.append(hdr + body)
        return last


def upload(mib: int, batch: int) -> tuple[float, float]:
    """One upload: (CPU microseconds per ACK, MB per CPU-second)."""
    core = EndpointCore(rng=random.Random(1))
    receiver = Receiver()
    size = mib << 20
    now = 0.0
    call: CallCore = core.start_call(RECEIVER, SERVICE, now=now)
    pending = memoryview(bytes(size))
    acks = 0
    done = False
    clock = time.process_time
    spent = 0.0
    while not done:
        start = clock()
        if pending and call.is_sending:
            taken = call.write(pending, eor=True, now=now)
            pending = pending[taken:]
        core.take_dirty()
        out = core.datagrams_to_send(now=now)
        spent += clock() - start
        replies: list[bytes] = []
        for datagram, _addr in out:
            done = receiver.take(b"".join(datagram), replies) or done
        taken_any = bool(replies)
        while replies:
            taking = replies[:batch]
            del replies[:batch]
            start = clock()
            for reply in taking:
                core.receive_datagram(reply, RECEIVER, now=now)
            core.take_dirty()
            out = core.datagrams_to_send(now=now)
            spent += clock() - start
            acks += len(taking)
            for datagram, _addr in out:
                done = receiver.take(b"".join(datagram), replies) or done
        now += 0.0001
        if not out and not taken_any and not (pending and call.is_sending):
            now = max(now, core.next_deadline())
            core.handle_timers(now=now)
    return spent / max(acks, 1) * 1e6, size / 1e6 / spent


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="counted runs")
    parser.add_argument("--bulk-mib", type=int, default=16, help="upload size in MiB")
    parser.add_argument("--batch", type=int, default=8,
                        help="ACKs taken per receive batch (default 8)")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.bulk_mib < 1 or args.batch < 1:
        parser.error("--runs, --bulk-mib and --batch must be at least 1")
    print(f"core: {'compiled' if _proto.COMPILED else 'pure Python'}")
    upload(args.bulk_mib, args.batch)
    runs = [upload(args.bulk_mib, args.batch) for _ in range(args.runs)]
    for index, name, unit in ((0, "ack_path", "us/ack"), (1, "ack_upload", "MB/CPU-s")):
        values = [run[index] for run in runs]
        print(f"RESULT name={name} median={statistics.median(values):.2f} unit={unit} "
              f"runs={len(values)} min={min(values):.2f} max={max(values):.2f}", flush=True)


if __name__ == "__main__":
    main()
