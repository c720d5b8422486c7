"""Generated marshalling against hand-written XDR: a 1,000-entry VL_ListAttributesN2 reply.

Run ``python benchmarks/bench_marshal.py [--entries 1000] [--runs 7]``.  It encodes and
decodes the OUT values of ``VL_ListAttributesN2`` (``nentries``, an array of
``nvldbentry``, ``nextstartindex``) two ways:

* **generated**: the functions of :mod:`trio_rxrpc.afs.vl`, which the rxgen compiler wrote
  from ``vl.xg`` (one precompiled :class:`struct.Struct` per entry);
* **hand**: :mod:`trio_rxrpc.xdr`'s encoder and decoder called item by item, as a careful
  hand-written stub does (the way ``tests/interop/afsrpc.py`` decodes this reply).

Both produce and accept the same bytes (checked before timing).  Each figure is the median
of ``--runs`` timings of ``--loops`` repetitions; the last column is hand / generated, so
above 1 means the generated code is faster.
"""

from __future__ import annotations

import argparse
import statistics
import time
from typing import TYPE_CHECKING

import _bootstrap  # noqa: F401 -- the checkout's trio_rxrpc

from trio_rxrpc.afs import vl
from trio_rxrpc.xdr import XDRDecoder, XDREncoder

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

SITES = vl.NMAXNSERVERS
NAME = vl.VL_MAXNAMELEN


def sample(n: int) -> vl.ListAttributesN2Result:
    """``n`` VLDB entries as a real cell has them: a name, three sites, RW/RO/BK ids."""
    entries = []
    for i in range(n):
        servers = [0x7F000001, 0x7F000002, 0x7F000003] + [0] * (SITES - 3)
        entries.append(vl.nvldbentry(
            f"user.volume{i:05d}", 3, servers, [0, 1, 2] + [0] * (SITES - 3),
            [4, 8, 8] + [0] * (SITES - 3), [536870912 + 3 * i, 536870913 + 3 * i,
                                             536870914 + 3 * i],
            0, 0x7000, -1, 0, 0, 0, 0, 0, 0, 0, 0))
    return vl.ListAttributesN2Result(n, entries, -1)


def hand_encode(result: vl.ListAttributesN2Result) -> bytes:
    enc = XDREncoder()
    enc.write_int32(result.nentries)
    enc.write_uint32(len(result.blkentries))
    for e in result.blkentries:
        enc.write_char_vector(e.name.encode(), NAME)
        enc.write_int32(e.nServers)
        for x in e.serverNumber:
            enc.write_uint32(x)
        for x in e.serverPartition:
            enc.write_int32(x)
        for x in e.serverFlags:
            enc.write_int32(x)
        for x in e.volumeId:
            enc.write_uint32(x)
        enc.write_uint32(e.cloneId)
        enc.write_int32(e.flags)
        enc.write_int32(e.matchindex)
        for x in (e.spares2, e.spares3, e.spares4, e.spares5, e.spares6, e.spares7,
                  e.spares8, e.spares9):
            enc.write_int32(x)
    enc.write_int32(result.nextstartindex)
    return enc.getvalue()


def hand_decode(data: bytes) -> vl.ListAttributesN2Result:
    dec = XDRDecoder(data)
    nentries = dec.read_int32()

    def entry() -> vl.nvldbentry:
        name = dec.read_char_vector(NAME).decode()
        nservers = dec.read_int32()
        servers = dec.read_array_fixed(SITES, dec.read_uint32)
        partitions = dec.read_array_fixed(SITES, dec.read_int32)
        flags = dec.read_array_fixed(SITES, dec.read_int32)
        ids = dec.read_array_fixed(vl.MAXTYPES, dec.read_uint32)
        clone = dec.read_uint32()
        entry_flags = dec.read_int32()
        match = dec.read_int32()
        spares = dec.read_array_fixed(8, dec.read_int32)
        return vl.nvldbentry(name, nservers, servers, partitions, flags, ids, clone,
                             entry_flags, match, *spares)

    entries = dec.read_array(entry)
    nxt = dec.read_int32()
    dec.done()
    return vl.ListAttributesN2Result(nentries, entries, nxt)


def generated_encode(result: vl.ListAttributesN2Result) -> bytes:
    return vl._w_ListAttributesN2(result)


def generated_decode(data: bytes) -> vl.ListAttributesN2Result:
    return vl._r_ListAttributesN2(data)


def timed(fn: Callable[[], object], loops: int, runs: int) -> float:
    """Median seconds per call of ``fn``."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        for _ in range(loops):
            fn()
        samples.append((time.perf_counter() - start) / loops)
    return statistics.median(samples)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else "")
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--loops", type=int, default=20)
    args = parser.parse_args(argv)

    value = sample(args.entries)
    wire = generated_encode(value)
    if wire != hand_encode(value):
        raise SystemExit("the two encoders disagree")
    normal = vl.ListAttributesN2Result(value.nentries, tuple(
        vl.nvldbentry(e.name, e.nServers, tuple(e.serverNumber), tuple(e.serverPartition),
                      tuple(e.serverFlags), tuple(e.volumeId), e.cloneId, e.flags,
                      e.matchindex, 0, 0, 0, 0, 0, 0, 0, 0) for e in value.blkentries), -1)
    if generated_decode(wire) != normal or hand_decode(wire).nentries != normal.nentries:
        raise SystemExit("the two decoders disagree")

    print(f"VL_ListAttributesN2 reply: {args.entries} entries, {len(wire):,} bytes; "
          f"medians of {args.runs} runs x {args.loops} loops")
    print(f"{'':8} {'generated':>12} {'hand':>12} {'hand/generated':>15}")
    for what, gen, hand in (
        ("encode", lambda: generated_encode(value), lambda: hand_encode(value)),
        ("decode", lambda: generated_decode(wire), lambda: hand_decode(wire)),
    ):
        g = timed(gen, args.loops, args.runs)
        h = timed(hand, args.loops, args.runs)
        print(f"{what:8} {g * 1e3:9.2f} ms {h * 1e3:9.2f} ms {h / g:14.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
