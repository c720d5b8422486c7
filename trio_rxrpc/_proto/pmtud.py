"""Path-MTU discovery towards one peer, in the manner of RFC 8899 (datagram PLPMTUD).

Theory of operation
-------------------
DATA datagrams only come in jumbogram sizes: *n* sub-packets take ``28 + 1412 + (n - 1) *
1416`` bytes of UDP payload.  So the search runs over sub-packet counts, not bytes: a
:class:`PathMTU` keeps

* ``good``, the largest count known to reach the peer (1 stands for the base size of 1444
  bytes, which every path is assumed to carry);
* ``bad``, the smallest count known not to (0 while none is known);
* ``ceiling``, the most the peer accepts (its advertised max MTU and jumbo maximum) and we
  are configured to send.

While ``good < ceiling`` and a count between ``good`` and ``bad`` is untried, a *probe* of
that size goes out: a PING ACK on one of the peer's live calls, padded with zero bytes to
the size, which the peer answers with a PING_RESPONSE naming the probe's serial.  The first
trial is the ceiling itself (on a good path, loopback for instance, one round trip settles
everything); after a loss the search bisects between ``good`` and ``bad``.  One probe is in
flight per peer.  An ACK on the probe's connection that names the probe's serial confirms
it; one that names a later serial (the peer answers pings at once, so the answer would have
come first) or ``2 * RTO`` of silence counts it lost.  A size lost once is tried once more,
then it is ``bad``.  When nothing is left to try below ``bad``, the search rests for
:data:`RAISE_TIME` and then looks above ``good`` again (the path may have grown).

The path may also shrink.  :func:`black_hole` handles a call whose jumbograms went
unanswered until its retransmission timer fired, or until its tail-loss probe showed them
lost: the size drops to the base and the old size
is bad, so the search restarts below it.  :func:`too_big` takes a "packet too big" report
(ICMP, or the local stack refusing a datagram): the size drops to what it names, at least
the base.

The search itself sends nothing, reads no clock and draws no random number: the endpoint
calls :func:`next_probe` when :attr:`PathMTU.next_at` has passed (checked once per transmit
pass of a call), sends what it is told and reports back through :func:`probe_sent` and
:func:`on_ack`.  The last three functions are that glue, for the endpoint's receive and
transmit paths.  Time passes lazily: a lost probe is noticed at the first transmit pass
after its deadline on a call that could carry the next probe (one with DATA of its phase
still to send, see :func:`maybe_probe`), which is soon enough, since only such sending needs
the answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from .wire import JUMBO_DATALEN, JUMBO_SUBPKTLEN, AckReason

if TYPE_CHECKING:
    from .call import CallCore
    from .connection import Address, Peer
    from .counters import Counters
    from .endpoint import EndpointCore

BASE_SIZE: Final = 1444
"""The datagram size every path is assumed to carry (bytes of UDP payload)."""
RAISE_TIME: Final = 600.0
"""Seconds after a finished search before it looks above the confirmed size again."""
_FIRST: Final = 28 + JUMBO_DATALEN  # a one-packet datagram
_INF: Final = float("inf")
_HALF: Final = 0x80000000


def size_of(count: int) -> int:
    """The datagram size (UDP payload bytes) of a jumbogram of ``count`` sub-packets; the
    base size for a count of 1."""
    return BASE_SIZE if count <= 1 else _FIRST + (count - 1) * JUMBO_SUBPKTLEN


def count_for(size: int) -> int:
    """The most sub-packets a datagram of at most ``size`` bytes holds (at least 1)."""
    return 1 if size < _FIRST + JUMBO_SUBPKTLEN else (size - _FIRST) // JUMBO_SUBPKTLEN + 1


class PathMTU:
    """The search state of one peer (see the module docstring)."""

    __slots__ = ("bad", "ceiling", "good", "lost_once", "next_at", "probe_conn",
                 "probe_serial", "timeout", "trial")

    def __init__(self) -> None:
        self.good = 1
        """Confirmed sub-packet count: the size DATA datagrams to the peer may have."""
        self.bad = 0
        """Smallest count known not to reach the peer (0: none known)."""
        self.ceiling = 1
        """Most sub-packets the peer accepts and we send (1: nothing to discover)."""
        self.trial = 0
        """The count being probed, or about to be (0: none)."""
        self.lost_once = False
        """The trial was lost once already (one more loss makes it bad)."""
        self.probe_serial = 0
        """Packet serial of the probe in flight (0: none in flight)."""
        self.probe_conn: object = None
        """The connection that carried the probe (serials are per connection)."""
        self.next_at = _INF
        """When :func:`next_probe` has something to do: a probe is due, the one in flight
        is overdue, or the raise timer fires."""
        self.timeout = _INF
        """Deadline of the probe in flight."""

    def __repr__(self) -> str:
        return (f"PathMTU(good={self.good}, bad={self.bad}, ceiling={self.ceiling}, "
                f"trial={self.trial}, probing={self.probing}, next_at={self.next_at})")

    @property
    def probing(self) -> bool:
        """Whether a probe is in flight."""
        return self.probe_serial != 0

    @property
    def size(self) -> int:
        """The confirmed size in bytes."""
        return size_of(self.good)

    @property
    def bad_size(self) -> int:
        """The smallest size known not to pass, in bytes (0: none known)."""
        return size_of(self.bad) if self.bad else 0


def _candidate(p: PathMTU) -> int:
    """The count to probe next, 0 when nothing is left to try below ``bad``."""
    if p.trial:
        return p.trial  # a pending trial, or one lost once and tried again
    if p.bad == 0:
        return p.ceiling if p.ceiling > p.good else 0
    upper = min(p.bad, p.ceiling + 1)
    return (p.good + upper) // 2 if upper - p.good > 1 else 0


def _plan(p: PathMTU, now: float) -> None:
    """Set :attr:`PathMTU.next_at` after a change (no probe in flight)."""
    if _candidate(p):
        p.next_at = now
    elif p.good < p.ceiling:
        p.next_at = now + RAISE_TIME
    else:
        p.next_at = _INF


def _drop_probe(p: PathMTU) -> None:
    p.trial = 0
    p.lost_once = False
    p.probe_serial = 0
    p.probe_conn = None
    p.timeout = _INF


def set_ceiling(p: PathMTU, count: int, now: float) -> None:
    """The most sub-packets the peer takes changed (its ACK trailer said so)."""
    if count == p.ceiling:
        return
    p.ceiling = count
    if p.good > count:
        p.good = count
    if p.trial > count:
        _drop_probe(p)
    if not p.probe_serial:
        _plan(p, now)


def next_probe(p: PathMTU, now: float) -> int:
    """Called once :attr:`PathMTU.next_at` has passed: the size of the probe to send now, or
    0.  Returns -1 when the probe in flight has just been counted lost (and nothing is due
    yet), so the caller can count it; the next call may then ask for a probe."""
    if now < p.next_at:
        return 0
    if p.probe_serial:
        _lost(p, now)
        return -1
    count = _candidate(p)
    if not count:
        if p.good >= p.ceiling:
            p.next_at = _INF
            return 0
        p.bad = 0  # the raise timer: look above the confirmed size again
        count = _candidate(p)
        if not count:  # pragma: no cover - good < ceiling always leaves the ceiling to try
            p.next_at = _INF
            return 0
    p.trial = count
    return size_of(count)


def probe_sent(p: PathMTU, conn: object, serial: int, now: float, timeout: float) -> None:
    """The probe :func:`next_probe` asked for went out on ``conn`` with ``serial``."""
    p.probe_conn = conn
    p.probe_serial = serial or 1
    p.timeout = p.next_at = now + timeout


def on_ack(p: PathMTU, conn: object, acked_serial: int, now: float, *,
           conclusive: bool = True) -> int:
    """An ACK on ``conn`` named ``acked_serial``: 1 if it confirms the probe in flight, -1 if
    it shows the probe lost (it names a later packet and is ``conclusive``: an answer to one
    packet, REQUESTED or PING_RESPONSE), else 0."""
    if conn is not p.probe_conn or not p.probe_serial or not acked_serial:
        return 0
    distance = (acked_serial - p.probe_serial) & 0xFFFFFFFF
    if distance == 0:
        p.good = max(p.good, min(p.trial, p.ceiling))
        _drop_probe(p)
        _plan(p, now)
        return 1
    if distance < _HALF and conclusive:
        _lost(p, now)
        return -1
    return 0


def _lost(p: PathMTU, now: float) -> None:
    trial = p.trial
    p.probe_serial = 0
    p.probe_conn = None
    p.timeout = _INF
    if p.lost_once:
        _drop_probe(p)
        if trial > p.good and (p.bad == 0 or trial < p.bad):
            p.bad = trial
    else:
        p.lost_once = True  # try the same size once more
    _plan(p, now)


def black_hole(p: PathMTU, now: float) -> bool:
    """Datagrams above the base size went unanswered until a retransmission timeout (or a
    tail-loss probe found them lost): assume the path shrank.  Returns whether the confirmed
    size dropped."""
    if p.good <= 1:
        return False
    p.bad = p.good
    p.good = 1
    if p.trial >= p.bad:
        _drop_probe(p)
    if not p.probe_serial:
        _plan(p, now)
    return True


def too_big(p: PathMTU, size: int | None, now: float) -> None:
    """The network says a datagram to the peer was too big; ``size`` is the largest it
    carries (UDP payload bytes), ``None`` when it did not say."""
    if size is not None:
        limit = count_for(size)
    elif p.trial > p.good:
        limit = p.trial - 1  # the probe is the likely culprit
    else:
        limit = max(p.good - 1, 1)
    if p.good > limit:
        p.good = limit
    if p.bad == 0 or p.bad > limit + 1:
        p.bad = limit + 1
    if p.trial > limit:
        _drop_probe(p)
    if not p.probe_serial:
        _plan(p, now)


# --------------------------------------------------------------- the endpoint's side


def trailer_seen(peer: Peer, jumbo_word: int | None, now: float) -> None:
    """A peer's ACK trailer was applied to it (max MTU and jumbo maximum, clamped); the
    raw jumbo word says which trailer our ACKs to it carry."""
    peer.pmtud_peer = jumbo_word == 0
    peer.trailer_asked = True
    jumbo = peer.jumbo_max
    count = count_for(peer.max_mtu)
    if jumbo < count:
        count = jumbo
    if count != peer.pmtu.ceiling:
        set_ceiling(peer.pmtu, count, now)


def ask_trailer(call: CallCore, now: float) -> None:
    """A new incoming call from a peer whose ACK trailer we have not seen yet: ping it once.

    A client sending us a request sends no ACKs, so without this we would learn whether it
    discovers path MTUs only from the reply's ACKs, and Linux 7.x neither probes nor sends
    jumbograms to a peer until that peer's ACKs say "jumbo maximum 0" back.  The
    PING_RESPONSE carries the trailer within a round trip.  (Linux's own servers ping every
    new call.)  Once per peer record, not per call.
    """
    peer = call.peer
    if not peer.trailer_asked:
        peer.trailer_asked = True
        call.send_ping(now)


def ack_seen(counters: Counters, peer: Peer, conn: object, acked_serial: int, reason: int,
             now: float) -> None:
    """An ACK from the peer on ``conn`` while a probe is in flight."""
    result = on_ack(peer.pmtu, conn, acked_serial, now,
                    conclusive=reason == AckReason.PING_RESPONSE
                    or reason == AckReason.REQUESTED)
    if result > 0:
        counters.pmtu_probes_confirmed += 1
    elif result < 0:
        counters.pmtu_probes_lost += 1


def maybe_probe(ep: EndpointCore, call: CallCore, now: float) -> None:
    """The peer's :attr:`PathMTU.next_at` has passed: send a probe on ``call`` if one is
    due (a call the peer has heard of, so that its answer is a PING_RESPONSE).

    Never once the call has sent the last packet of its phase: a probe must not be the last
    thing the peer hears on a call.  An OpenAFS client that gets a PING just as it ends the
    call may answer it only once the call's slot carries its next call, and then take the old
    PING's ACK fields for the new call's: it believes packets acknowledged that never left
    and ignores every later ACK until the call dies (RX_CALL_DEAD).  A probe sent before the
    last DATA is handled while the call is still open.  The check comes first so that the
    search state is left for a call that may probe.
    """
    if call.tx_last and call.tx_next > call.tx_top:
        return
    path = call.peer.pmtu
    size = next_probe(path, now)
    if size < 0:
        ep.counters.pmtu_probes_lost += 1
        size = next_probe(path, now)
    if size <= 0 or not call.heard or call.completion is not None:
        return
    serial = ep.send_ack(call, AckReason.PING, 0, now, pad_to=size)
    probe_sent(path, call.conn, serial, now, 2 * call.peer.rtt.rto())
    ep.counters.pmtu_probes_sent += 1


def path_too_big(ep: EndpointCore, address: Address, mtu: int | None, now: float) -> None:
    """A "too big" report for ``address`` (``mtu``: the largest UDP payload, if known):
    shrink the paths it concerns.  The local stack names the host alone (port 0): then every
    peer on that host."""
    peer = ep.peers.get(address)
    if peer is not None:
        peers = [peer]
    elif address[1] == 0:
        peers = [p for a, p in ep.peers.items() if a[0] == address[0]]
    else:
        return
    ep.counters.pmtu_too_big += 1
    for peer in peers:
        too_big(peer.pmtu, mtu, now)
