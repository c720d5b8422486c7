"""The ``trio_rxrpc`` logger: rate-limited reports of what a peer or the network did.

The library logs nothing unless the application configures logging (the package's logger
has a :class:`logging.NullHandler`, as libraries should).  When it does, an endpoint reports
dropped datagrams, BUSY answers, dead peers, timeouts, evicted connections and security
failures as *summaries*: at most one record per kind every ``interval`` seconds, saying how
many happened since the last one and, for drops, why.  A flood of garbage therefore costs a
few log lines, not one per packet; the first event of a quiet period is reported at once.

The reporter only compares counters, and only once a second at most (after each batch of
work the endpoint compares the time with :attr:`Reporter.check_at` and calls
:meth:`Reporter.report` when it has come), so it costs nothing per packet.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._proto.counters import Counters

logger = logging.getLogger("trio_rxrpc")
"""The package's logger (a child of the root logger; silent unless configured)."""
logger.addHandler(logging.NullHandler())

_QUIET_DROPS = frozenset({"call_complete", "not_for_us"})
"""Drop reasons that are part of normal operation (late packets for finished calls, NAT
keepalives): counted, but not worth a log record."""


class Reporter:
    """Turns one endpoint's counters into rate-limited log records."""

    def __init__(self, name: str, counters: Counters, *, interval: float = 10.0,
                 now: float = 0.0) -> None:
        self.name = name
        self.counters = counters
        self.interval = interval
        self.check_at = now
        """When :meth:`report` should next look at the counters."""
        self._last: dict[str, int] = {}
        self._last_drops: dict[str, int] = dict(counters.dropped())
        self._reported_at: dict[str, float] = {}

    def report(self, now: float) -> None:
        """Log what changed since the last report of each kind, if that was long enough ago."""
        self.check_at = now + 1.0
        if not logger.isEnabledFor(logging.WARNING):
            return
        c = self.counters
        if logger.isEnabledFor(logging.INFO):
            self._report_drops(now)
        for key, level, what in (
                ("busy_sent", logging.INFO, "BUSY sent (the accept queue or a table was full)"),
                ("busy_received", logging.INFO, "BUSY received from servers"),
                ("dead_peers", logging.INFO, "calls ended: the peer fell silent"),
                ("timeouts", logging.INFO, "calls aborted by their hard or idle timeout"),
                ("evictions", logging.WARNING,
                 "unproven connections evicted to make room (a flood of new clients?)"),
                ("security_failures", logging.WARNING, "security checks failed"),
                ("internal_errors", logging.ERROR, "internal errors (calls failed; a bug)")):
            self._report_count(now, key, int(getattr(c, key)), level, what)

    def _due(self, now: float, key: str) -> bool:
        last = self._reported_at.get(key)
        return last is None or now - last >= self.interval

    def _report_count(self, now: float, key: str, value: int, level: int, what: str) -> None:
        delta = value - self._last.get(key, 0)
        if delta <= 0 or not self._due(now, key) or not logger.isEnabledFor(level):
            return
        self._last[key] = value
        self._reported_at[key] = now
        logger.log(level, "%s: %d %s", self.name, delta, what)

    def _report_drops(self, now: float) -> None:
        if not self._due(now, "dropped"):
            return
        current = self.counters.dropped()
        changes = {reason: count - self._last_drops.get(reason, 0)
                   for reason, count in current.items() if reason not in _QUIET_DROPS}
        changes = {reason: n for reason, n in changes.items() if n > 0}
        if not changes:
            return
        self._last_drops = current
        self._reported_at["dropped"] = now
        detail = ", ".join(f"{reason} {n}" for reason, n in sorted(
            changes.items(), key=lambda item: -item[1]))
        logger.info("%s: dropped %d datagrams (%s)", self.name, sum(changes.values()), detail)
