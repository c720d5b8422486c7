"""The endpoint's timer heap lets go of completed calls.

A heap entry that is no longer current (its call completed, or a nearer deadline superseded
it) used to stay until its deadline came to the top, keeping its call and the call's buffers
alive.  At thousands of calls a second that was thousands of completed calls held for
seconds, for the cyclic collector to walk again and again.  The heap is now compacted
whenever its stale entries outnumber its live ones.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coreharness import CorePair, reverse

from trio_rxrpc._proto.codes import AbortCode
from trio_rxrpc._proto.endpoint import _STALE_TIMER_SLACK as SLACK
from trio_rxrpc._proto.states import Completion

if TYPE_CHECKING:
    from trio_rxrpc._proto.endpoint import EndpointCore


def _within_bounds(core: EndpointCore) -> bool:
    return len(core._timers) <= 2 * len(core._scheduled) + SLACK


def test_completed_calls_leave_the_timer_heap() -> None:
    # Each call waits a few milliseconds of its own timers (30 s for all of them), far less
    # than the deadlines its heap entries were filed for, which the old way waited out.
    pair = CorePair(securities=[])
    calls = []
    for n in range(3000):
        request = n.to_bytes(4, "big")
        call = pair.call(request, None)
        pair.finish(call)
        assert pair.replies[call] == reverse(request)
        calls.append(call)
        assert _within_bounds(pair.client), (n, len(pair.client._timers))
        assert _within_bounds(pair.server), (n, len(pair.server._timers))
    assert all(c.completion is Completion.SUCCEEDED for c in calls)
    live = set(pair.client._scheduled) | set(pair.server._scheduled)
    held = {entry[2] for core in (pair.client, pair.server) for entry in core._timers}
    assert len(held - live) <= 2 * SLACK


def test_calls_completing_inside_the_timer_run_keep_the_heap_sound() -> None:
    # Six hundred calls to a server that never answers all die in one handle_timers() run:
    # each completion may compact the heap under the loop that is popping it.
    pair = CorePair(securities=[])
    pair.policy = lambda sent: None if sent.to_server else sent.data
    calls = [pair.call(bytes(8), None, timeout=5.0) for _ in range(600)]
    pair.finish(*calls, limit=60.0)
    for call in calls:
        assert call.completion is Completion.NETWORK_ERROR
        assert call.abort_code == AbortCode.RX_CALL_DEAD
    assert _within_bounds(pair.client)
    assert not pair.client._scheduled
    # A call made afterwards still gets its timers: it dies on time as well.
    late = pair.call(bytes(8), None, timeout=5.0)
    started = pair.now
    pair.finish(late, limit=started + 60.0)
    assert late.completion is Completion.NETWORK_ERROR
    assert started + 5.0 <= pair.now <= started + 10.0
