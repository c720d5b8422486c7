"""Round-trip time estimation and the retransmission timeout.

Theory of operation
-------------------
One :class:`RTTEstimator` lives on each peer, so every call to the same address shares what
the others learned.  Samples come only from ACKs that answer a packet we asked to be
acknowledged at once (REQUEST_ACK DATA, or a PING answered by PING_RESPONSE): DELAY ACKs are
late on purpose and would inflate the estimate.  The smoothing is the Jacobson/Karels
estimator of RFC 6298 (gain 1/8 for the mean, 1/4 for the deviation), and the RTO is clamped
to ``[min_rto, max_rto]``; a timeout doubles a backoff factor that the next fresh sample (or
newly acknowledged data) resets.

The backoff belongs to the peer, but a silence of the peer is one event however many calls
notice it: it doubles at most once per RTO.  Were every call's timeout to double it, a few
dozen calls losing packets together would push the RTO to ``max_rto`` at once, and every
loss on that peer would then go unrepaired for that long (past the peer's idle timeout).
"""

from __future__ import annotations

import attrs


@attrs.define(eq=False)
class RTTEstimator:
    """Smoothed RTT, its deviation, and the retransmission timeout derived from them."""

    initial_rto: float = 1.0
    min_rto: float = 0.2
    max_rto: float = 60.0
    srtt: float = 0.0
    rttvar: float = 0.0
    samples: int = 0
    backoff: int = 0
    backoff_until: float = float("-inf")
    """Timeouts before this time belong to the silence the backoff already counts."""

    def add_sample(self, rtt: float) -> None:
        """Feed one measured round trip (seconds)."""
        rtt = max(rtt, 1e-6)
        if self.samples == 0:
            self.srtt = rtt
            self.rttvar = rtt / 2
        else:
            self.rttvar += (abs(self.srtt - rtt) - self.rttvar) / 4
            self.srtt += (rtt - self.srtt) / 8
        self.samples += 1
        self.reset_backoff()

    def rto(self) -> float:
        """The current retransmission timeout, backoff included."""
        base = self.srtt + 4 * self.rttvar if self.samples else self.initial_rto
        base = min(max(base, self.min_rto), self.max_rto)
        return min(base * (1 << min(self.backoff, 10)), self.max_rto)

    def on_timeout(self, now: float) -> None:
        """Note a retransmission timeout at ``now``: the RTO doubles, unless another call's
        timeout already doubled it within the last RTO."""
        if now >= self.backoff_until:
            self.backoff += 1
            self.backoff_until = now + self.rto()

    def reset_backoff(self) -> None:
        """The peer answered: the RTO is its estimate again."""
        self.backoff = 0
        self.backoff_until = float("-inf")
