"""What a call's end leaves behind in the endpoint's tables.

When a call completes, its connection's bundle count drops (and an application waiting for
room in the bundle hears of it), its channel forgets the call but remembers what a stray
packet for it needs (how it ended, where its data stopped), data held for it while the
connection authenticates is let go, an idle server connection starts its expiry, a server
connection whose client acknowledged a whole reply counts as proven, and the endpoint's
counters take the call's figures.  :meth:`.EndpointCore.call_completed` calls this once
per call, after dropping the call from its own work lists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import handshake, serverside
from .codes import AbortCode
from .states import Completion

if TYPE_CHECKING:
    from .call import CallCore
    from .endpoint import EndpointCore


def call_ended(ep: EndpointCore, call: CallCore, now: float) -> None:
    """Settle the tables after ``call`` completed at ``now``."""
    conn = call.conn
    key = conn.bundle_key
    if key is not None and conn.is_client:
        left = ep.bundle_calls[key] - 1
        if left:
            ep.bundle_calls[key] = left
        else:
            del ep.bundle_calls[key]
        if key in ep.watched_bundles:
            ep.freed_bundles[key] = None
    conn.last_used = now
    ch = conn.channels[call.channel]
    completion = call.completion
    if ch.call is call:
        # The channel keeps only what a stray packet for this call needs.
        ch.call = None
        ch.final_succeeded = completion is Completion.SUCCEEDED
        ch.final_abort = call.abort_code if completion is Completion.LOCALLY_ABORTED else 0
        ch.final_rx_seq = call.rx_last or call.rx_seq
    if conn.held:
        serverside.release_held(ep, conn, keep=lambda held: held is not call)
    counters = ep.counters
    counters.data_received += call.packets_received
    if not conn.is_client and not conn.has_live_calls():
        ep.conns.became_idle(conn)
    if completion is Completion.SUCCEEDED:
        if not conn.is_client:
            ep.conns.prove(conn)  # the client acknowledged our whole reply
        elif not conn.handshake_done:
            handshake.done(conn)  # a reply came: the server had what it wanted
    elif call.abort_code == AbortCode.RX_CALL_DEAD and completion is Completion.NETWORK_ERROR:
        counters.dead_peers += 1
    elif call.abort_code == AbortCode.RX_CALL_TIMEOUT:
        counters.timeouts += 1
    elif call.security_failed:
        counters.security_failures += 1
