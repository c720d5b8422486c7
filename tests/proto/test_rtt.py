"""The retransmission timeout's backoff, shared by every call to a peer.

One silence of the peer is one event, however many calls notice it: when a hundred calls time
out together, the peer's RTO doubles once, not a hundred times (which would put it at the
60-second ceiling and leave every later loss on that peer unrepaired for a minute, past the
peer's own idle timeout).
"""

from __future__ import annotations

import pytest

from trio_rxrpc._proto.endpoint import EndpointCore
from trio_rxrpc._proto.rtt import RTTEstimator

PEER = ("127.0.0.1", 7000)


def test_one_call_timing_out_again_and_again_doubles_each_time() -> None:
    rtt = RTTEstimator(initial_rto=1.0, max_rto=60.0)
    now = 0.0
    for expected in (2.0, 4.0, 8.0, 16.0, 32.0, 60.0, 60.0):
        now += rtt.rto()  # the call waited a whole RTO in vain
        rtt.on_timeout(now)
        assert rtt.rto() == expected


def test_timeouts_within_one_rto_count_once() -> None:
    rtt = RTTEstimator(initial_rto=1.0)
    for i in range(100):
        rtt.on_timeout(1.0 + i * 0.01)  # a hundred calls noticing the same silence
    assert rtt.rto() == 2.0
    rtt.on_timeout(3.0)  # a whole (doubled) RTO later: still silent
    assert rtt.rto() == 4.0
    rtt.add_sample(0.5)  # the peer answers
    assert rtt.backoff == 0
    rtt.on_timeout(3.1)
    assert rtt.backoff == 1


def test_a_hundred_calls_timing_out_together_double_the_peer_rto_once() -> None:
    core = EndpointCore(now=0.0)
    calls = [core.start_call(PEER, 1, now=0.0) for _ in range(100)]
    for call in calls:
        call.write(b"request", eor=True, now=0.0)
    assert len(core.datagrams_to_send(now=0.0)) == 100  # and no answer ever comes
    peer = calls[0].peer
    assert all(call.peer is peer for call in calls)
    first = peer.rtt.rto()
    now = first + 0.001
    core.handle_timers(now=now)
    assert len(core.datagrams_to_send(now=now)) == 100  # every call resends...
    assert peer.rtt.rto() == 2 * first  # ...and the RTO doubled once
    for call in calls:
        assert call.resend_at == pytest.approx(now + 2 * first)
