"""Congestion control: how many packets a call may have unacknowledged in the network.

Theory of operation
-------------------
Each call owns one controller (``call.cc``).  The call reads its ``cwnd`` before sending
(:mod:`.call_tx`) and reports each ACK, fast retransmit and retransmission timeout to it; the
controller never sees the call, the endpoint or a packet, only counts and sequence numbers,
so it can be tested alone and another algorithm can take its place behind the same few
methods.

:class:`CongestionController` is that interface.  :class:`RenoController` is the one Rx uses:

* **Start.**  A call begins with ``max(initial, hint)`` packets, where the hint is what the
  last call to the same peer ended with (see :meth:`~CongestionController.hint`).  A server
  call on a connection whose client has not yet shown it receives our packets starts with at
  most :data:`UNPROVEN_CWND`, so a forged request cannot draw a burst at someone else's
  address.  ``ssthresh`` starts at the configured maximum: the first phase is slow start.
* **Growth.**  Below ``ssthresh`` the window grows by one per newly acknowledged packet
  (doubling per round trip); at or above it, by ``newly // cwnd`` (at least one) per ACK.
  Growth never passes the configured maximum, and stops during recovery.
* **Fast retransmit.**  An ACK that leaves a hole below a packet it acknowledges counts as a
  NACK; an ACK that acknowledges new data without a hole clears the count.  After
  :data:`NACK_THRESHOLD` such ACKs the call resends the holes; if that marked anything,
  ``ssthresh`` becomes half the window (at least 2) and the window ``ssthresh + 3``, and the
  highest packet sent so far is the recovery point.  Recovery ends with the first ACK that
  hard-acknowledges the recovery point; the window is then ``ssthresh`` (at least 2).
* **Timeout.**  The retransmission timer firing halves ``ssthresh`` (at least 2), ends any
  recovery and drops the window to one packet.

Every method is called at most once per ACK or timer and allocates nothing.
"""

from __future__ import annotations

from typing import Final

UNPROVEN_CWND: Final = 4
"""Largest starting window of a server call whose client has not proven its address (the
Linux kernel starts every call with this window)."""
NACK_THRESHOLD: Final = 3
"""ACKs with a hole below an acknowledged packet that trigger a fast retransmit."""
HINT_MIN: Final = 4
HINT_MAX: Final = 64
"""Bounds of the window a finished call leaves its peer for the next call to start with."""


class CongestionController:
    """The interface between a call's transmit half and its congestion control.

    ``cwnd`` is in packets; the transmit half keeps no more than that many in flight.
    Subclasses implement the event methods and keep ``cwnd >= 1``.
    """

    __slots__ = ("cwnd", "in_recovery", "ssthresh")

    cwnd: int
    """Packets the call may have in flight now."""
    ssthresh: int
    """The window below which it grows exponentially (slow start)."""
    in_recovery: bool
    """Whether a fast retransmit is being repaired (the window does not grow meanwhile)."""

    def on_ack(self, newly: int, first: int, hole: bool, highest_sacked: int) -> bool:
        """One valid ACK arrived; return whether a fast retransmit is due now.

        ``newly`` is how many packets it acknowledged for the first time (hard or soft),
        ``first`` its first sequence number (everything below is hard-acknowledged),
        ``hole`` whether it NACKs a packet below one it soft-ACKs, and ``highest_sacked``
        the highest packet it soft-ACKs (0: none).  When it returns true the NACK count has
        restarted; the caller then resends the holes and, if it resent any, calls
        :meth:`on_fast_retransmit`.
        """
        raise NotImplementedError

    def on_fast_retransmit(self, highest_sent: int) -> None:
        """Packets were marked lost and are being resent; ``highest_sent`` is the highest
        sequence number sent so far."""
        raise NotImplementedError

    def on_timeout(self) -> None:
        """The retransmission timer fired with packets in flight: all are taken as lost."""
        raise NotImplementedError

    def hint(self) -> int:
        """The window the peer keeps for the next call's start (the call is over)."""
        return max(HINT_MIN, min(self.cwnd, HINT_MAX))


class RenoController(CongestionController):
    """Slow start, additive increase, halving on fast retransmit, one packet on a timeout.

    ``maximum`` caps growth (the configured transmit window); ``initial`` is the configured
    starting window and ``hint`` the peer's (0: none); ``unproven`` caps the start at
    :data:`UNPROVEN_CWND`.  A start above ``maximum`` is allowed: the first growth brings the
    window back to it.
    """

    __slots__ = ("maximum", "nack_count", "recovery_point")

    def __init__(self, maximum: int, initial: int, hint: int = 0, *,
                 unproven: bool = False) -> None:
        cwnd = max(max(initial, hint), 1)
        if unproven:
            cwnd = min(cwnd, UNPROVEN_CWND)
        self.cwnd = cwnd
        self.ssthresh = maximum
        self.in_recovery = False
        self.maximum = maximum
        self.nack_count = 0
        """Consecutive ACKs with a hole (reset by an ACK of new data without one)."""
        self.recovery_point = 0
        """The highest packet sent when recovery began: once it is hard-ACKed, recovery ends."""

    def __repr__(self) -> str:
        return (f"<RenoController cwnd={self.cwnd} ssthresh={self.ssthresh}"
                f"{' recovering' if self.in_recovery else ''}>")

    def on_ack(self, newly: int, first: int, hole: bool, highest_sacked: int) -> bool:
        if hole:
            self.nack_count += 1
        elif newly:
            self.nack_count = 0
        if self.in_recovery:
            if first > self.recovery_point:
                self.in_recovery = False
                self.cwnd = max(self.ssthresh, 2)
        elif newly:
            cwnd = self.cwnd
            if cwnd < self.ssthresh:
                cwnd += newly
            else:
                cwnd += max(1, newly // cwnd)
            self.cwnd = min(cwnd, self.maximum)
        if self.nack_count >= NACK_THRESHOLD and highest_sacked:
            self.nack_count = 0
            return True
        return False

    def on_fast_retransmit(self, highest_sent: int) -> None:
        if not self.in_recovery:
            self.in_recovery = True
            self.recovery_point = highest_sent
            self.ssthresh = max(self.cwnd // 2, 2)
            self.cwnd = self.ssthresh + 3

    def on_timeout(self) -> None:
        self.ssthresh = max(self.cwnd // 2, 2)
        self.cwnd = 1
        self.in_recovery = False
        self.nack_count = 0
