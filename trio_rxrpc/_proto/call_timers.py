"""A call's timers: what happens when one of them expires.

A call has six: the hard limit on its whole life (``hard_at``), the peer's silence
(``dead_at``), the idle timeout (``idle_at``: no progress while waiting on the peer), the
retransmission timer (``resend_at``; for a client, first the time of its tail-loss probe,
while ``tail_probe_rto`` keeps the timeout's own), the delayed ACK (``ack_at``) and the
keepalive ping (``ping_at``).  The endpoint keeps each live call in its timer heap at the
earliest of them (:meth:`.CallCore.deadline`) and calls :func:`expire` when that time has
come; :func:`expire` runs whichever have expired, in that order (a call that ends stops
there), and files the call again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from . import call_tx
from .codes import AbortCode
from .states import Completion

if TYPE_CHECKING:
    from .call import CallCore

_INF: Final = float("inf")


def expire(call: CallCore, now: float) -> None:
    """Run whichever of ``call``'s timers have expired by ``now``."""
    if call.completion is not None:
        return
    busy = call.busy_count and not call.packets_received
    if busy and (now >= call.hard_at or now >= call.dead_at):
        # Only BUSY came back: the server never took the call (nothing to abort there).
        call._complete(Completion.BUSY, 0, now,
                       error=f"the server stayed busy for {call.busy_count} tries")
        return
    if now >= call.hard_at:
        call.local_abort(AbortCode.RX_CALL_TIMEOUT, now, "the call exceeded its time limit")
        return
    if now >= call.dead_at:
        call.host.send_abort(call, AbortCode.RX_CALL_DEAD, now)
        call._complete(Completion.NETWORK_ERROR, AbortCode.RX_CALL_DEAD, now,
                       error=f"no answer from {call.peer.address} for {call.timeout:g} s")
        return
    if now >= call.idle_at:
        if call._waiting_on_peer():
            call.local_abort(
                AbortCode.RX_CALL_TIMEOUT, now,
                f"the peer made no progress for {call.idle_timeout:g} s (idle timeout)")
            return
        call._progress(now)  # we were the slow side: the peer's time starts now
    if now >= call.resend_at and call.tail_probe_rto:
        call_tx.tail_probe(call, now)
    if now >= call.resend_at:
        call.resend_at = _INF
        if call.busy_count and not call.packets_received:
            call.host.want_transmit(call)
        elif call.tx_inflight > 0 or 1 in call.tx_lost:
            if call.tx_big:
                call.tx_big = False
                call.host.path_stalled(call, now)
            call.peer.rtt.on_timeout(now)
            call.cc.on_timeout()
            call_tx.mark_all_lost(call)
            call.probe_resend = call.heard
            call.probe_tail = False  # a timeout's PING, whatever a lost probe's was
            call.host.want_transmit(call)
    if now >= call.ack_at:
        call.ack_at = _INF
        if call.ack_reason:
            call.host.want_ack(call)
    if now >= call.ping_at:
        # (Compare sums, not differences: rounding must not leave ping_at <= now.)
        quiet_until = call.last_recv + call.keepalive
        if not call.heard or (call.busy_count and not call.packets_received):
            # The peer has not heard of this call yet (none of its DATA reached it), or
            # only answered BUSY (it holds no call): an ACK could only draw an ABORT for
            # an unknown call (Linux and we send one), so the DATA retransmissions alone
            # probe the peer until it answers.
            call.ping_at = now + call.keepalive
        elif now >= quiet_until:
            call.send_ping(now)
            call.ping_at = now + call.keepalive
        else:
            call.ping_at = quiet_until
    call.host.schedule(call)
