"""The guest kernel's Rx counters (``/proc/net/rxrpc/stats``, Linux 7.x), parsed.

The file has one line per group of counters, ``Name : key=value key=value ...``, and two
histograms of the DATA packets the kernel sent and received, by sub-packet count::

    Data-Rx  : nr=120 reqack=31 jumbo=12
    Jumbo-Tx : 40,3,0,2,0,0,0,0,0,1
    Jumbo-Rx : 108,0,0,0,0,0,0,0,0,12

Entry ``i`` of ``Jumbo-Tx``/``Jumbo-Rx`` counts packets of ``i + 1`` sub-packets; the last one
counts every packet of ten or more.  A packet of one sub-packet is an ordinary DATA packet;
two or more make a jumbogram.  Retransmissions count again.  The counters cover the whole
guest (every socket, the loopback too) and only grow (until someone writes to the file), so
a test reads them before and after its calls and looks at the difference
(:meth:`RxStats.since`).

Command line::

    python3 interop/linux/rxstats.py DIR    # the histograms of the guest started in DIR

Standard library only.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import kernel_guest

STATS_FILE = "/proc/net/rxrpc/stats"
BUCKETS = 10
"""Entries per histogram; the last one counts packets of ``BUCKETS`` sub-packets or more."""


class StatsError(RuntimeError):
    """The stats file could not be read or did not look as expected."""


@dataclass(frozen=True)
class JumboHistogram:
    """DATA packets by sub-packet count: ``counts[i]`` packets had ``i + 1`` sub-packets."""

    counts: tuple[int, ...] = (0,) * BUCKETS

    @property
    def singles(self) -> int:
        """Plain DATA packets (one sub-packet)."""
        return self.counts[0]

    @property
    def jumbograms(self) -> int:
        """Packets of two sub-packets or more."""
        return sum(self.counts[1:])

    @property
    def largest(self) -> int:
        """The most sub-packets seen in one packet (``BUCKETS`` means that many or more);
        0 when there were no packets."""
        return max((i + 1 for i, n in enumerate(self.counts) if n), default=0)

    @property
    def sub_packets(self) -> int:
        """Sub-packets in all (a lower bound when the last bucket is not empty)."""
        return sum((i + 1) * n for i, n in enumerate(self.counts))

    def __add__(self, other: JumboHistogram) -> JumboHistogram:
        return JumboHistogram(tuple(a + b for a, b in zip(self.counts, other.counts,
                                                          strict=True)))

    def __sub__(self, earlier: JumboHistogram) -> JumboHistogram:
        return JumboHistogram(tuple(a - b for a, b in zip(self.counts, earlier.counts,
                                                          strict=True)))

    def __str__(self) -> str:
        return ",".join(str(n) for n in self.counts)


@dataclass(frozen=True)
class RxStats:
    """One reading of the stats file."""

    tx: JumboHistogram
    """DATA packets the kernel sent (``Jumbo-Tx``)."""
    rx: JumboHistogram
    """DATA packets the kernel received (``Jumbo-Rx``)."""
    counters: dict[str, dict[str, int]] = field(default_factory=dict)
    """The other lines: ``counters["Data-Rx"]["jumbo"]``.  A name that appears on two lines
    (``Why-Req-A``) has the keys of both."""

    def since(self, earlier: RxStats) -> RxStats:
        """What happened between ``earlier`` and this reading."""
        counters = {
            name: {key: value - earlier.counters.get(name, {}).get(key, 0)
                   for key, value in values.items()}
            for name, values in self.counters.items()}
        return RxStats(self.tx - earlier.tx, self.rx - earlier.rx, counters)

    def summary(self) -> str:
        """One line: both histograms."""
        return f"Jumbo-Tx {self.tx}  Jumbo-Rx {self.rx}"


def parse_stats(text: str) -> RxStats:
    """Parse the text of ``/proc/net/rxrpc/stats``.

    Raises:
        StatsError: the jumbogram histograms are missing or malformed (a kernel before 6.2
            has no stats file at all).
    """
    histograms: dict[str, JumboHistogram] = {}
    counters: dict[str, dict[str, int]] = {}
    for line in text.splitlines():
        name, sep, rest = line.partition(":")
        name = name.strip()
        if not sep or not name:
            continue
        if name in ("Jumbo-Tx", "Jumbo-Rx"):
            try:
                counts = tuple(int(word) for word in rest.split(","))
            except ValueError:
                raise StatsError(f"bad histogram line {line!r}") from None
            if len(counts) != BUCKETS:
                raise StatsError(f"{name} has {len(counts)} entries, not {BUCKETS}: {line!r}")
            histograms[name] = JumboHistogram(counts)
            continue
        values = counters.setdefault(name, {})
        for word in rest.split():
            key, eq, value = word.partition("=")
            if eq and value.isdigit():
                values[key] = int(value)
    if len(histograms) != 2:
        raise StatsError(f"no Jumbo-Tx/Jumbo-Rx lines in:\n{text[:2000]}")
    return RxStats(histograms["Jumbo-Tx"], histograms["Jumbo-Rx"], counters)


def read_stats(guest: kernel_guest.Guest, timeout: float = 30.0) -> RxStats:
    """Read and parse the guest kernel's stats file (``guest.run``, so it blocks).

    Raises:
        StatsError: the file could not be read, or :func:`parse_stats` failed.
        kernel_guest.GuestError: the guest is not running or did not answer in time.
    """
    result = guest.run(f"cat {STATS_FILE}", timeout=timeout)
    if result.status != 0:
        raise StatsError(f"cat {STATS_FILE} failed (exit {result.status}): {result.output}")
    return parse_stats(result.output)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: rxstats.py DIR  (the state directory of a running guest)", file=sys.stderr)
        return 2
    try:
        stats = read_stats(kernel_guest.Guest(Path(args[0])))
    except (StatsError, kernel_guest.GuestError) as exc:
        print(f"rxstats: {exc}", file=sys.stderr)
        return 1
    for label, hist in (("sent", stats.tx), ("received", stats.rx)):
        print(f"{label:8}  {hist}  (jumbograms {hist.jumbograms}, largest {hist.largest})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
