"""The round-trip estimator and the retransmission timeout it gives (``_proto/rtt.py``).

First the backoff, shared by every call to a peer.  One silence of the peer is one event,
however many calls notice it: when a hundred calls time out together, the peer's RTO doubles
once, not a hundred times (which would put it at the 60-second ceiling and leave every later
loss on that peer unrepaired for a minute, past the peer's own idle timeout).

Then the estimator alone: the first sample, the smoothing of later ones, the RTO's bounds,
and how the backoff grows and is reset.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

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


# ------------------------------------------------------------- the estimator on its own


def test_before_any_sample_the_rto_is_the_initial_one() -> None:
    rtt = RTTEstimator(initial_rto=1.5)
    assert (rtt.samples, rtt.srtt, rtt.rttvar) == (0, 0.0, 0.0)
    assert rtt.rto() == 1.5
    assert RTTEstimator(initial_rto=0.05).rto() == 0.2  # clamped like any other RTO
    assert RTTEstimator(initial_rto=100.0).rto() == 60.0


def test_the_first_sample_sets_the_mean_and_half_of_it_as_the_deviation() -> None:
    rtt = RTTEstimator()
    rtt.add_sample(0.4)
    assert (rtt.samples, rtt.srtt, rtt.rttvar) == (1, 0.4, 0.2)
    assert rtt.rto() == pytest.approx(0.4 + 4 * 0.2)


def test_later_samples_are_smoothed_with_gains_of_an_eighth_and_a_quarter() -> None:
    rtt = RTTEstimator()
    rtt.add_sample(0.4)
    rtt.add_sample(0.8)
    # The deviation uses the mean from before this sample (RFC 6298, 2.3).
    assert rtt.rttvar == pytest.approx(0.2 + (abs(0.4 - 0.8) - 0.2) / 4)  # 0.25
    assert rtt.srtt == pytest.approx(0.4 + (0.8 - 0.4) / 8)  # 0.45
    assert rtt.rto() == pytest.approx(0.45 + 4 * 0.25)
    for _ in range(200):  # a steady round trip: the mean settles on it, the deviation fades
        rtt.add_sample(0.3)
    assert rtt.srtt == pytest.approx(0.3)
    assert rtt.rttvar == pytest.approx(0.0, abs=1e-9)
    assert rtt.samples == 202


def test_a_zero_or_negative_sample_counts_as_a_microsecond() -> None:
    rtt = RTTEstimator()
    rtt.add_sample(0.0)
    assert rtt.srtt == 1e-6
    rtt.add_sample(-5.0)
    assert rtt.srtt == pytest.approx(1e-6)


def test_the_rto_is_kept_between_its_bounds() -> None:
    fast = RTTEstimator(min_rto=0.2, max_rto=60.0)
    fast.add_sample(0.001)  # a LAN: 3 ms computed, 200 ms used
    assert fast.rto() == 0.2
    slow = RTTEstimator(min_rto=0.2, max_rto=60.0)
    slow.add_sample(30.0)  # 90 s computed
    assert slow.rto() == 60.0
    custom = RTTEstimator(min_rto=0.5, max_rto=2.0)
    custom.add_sample(0.1)
    assert custom.rto() == 0.5
    custom.on_timeout(0.0)
    assert custom.rto() == 1.0
    custom.on_timeout(10.0)
    custom.on_timeout(20.0)
    assert custom.rto() == 2.0  # the backoff stops at the ceiling too


def test_the_backoff_doubles_from_the_estimate_and_stops_at_1024_times() -> None:
    rtt = RTTEstimator(min_rto=0.001, max_rto=1e9)
    rtt.add_sample(0.001)  # rto 3 ms
    base = rtt.rto()
    now = 0.0
    for n in range(1, 14):
        rtt.on_timeout(now)
        now += 1e6  # each timeout well after the last
        assert rtt.backoff == n
        assert rtt.rto() == pytest.approx(base * (1 << min(n, 10)))


def test_reset_backoff_returns_to_the_estimate_and_lets_the_next_timeout_count() -> None:
    rtt = RTTEstimator(initial_rto=1.0)
    rtt.on_timeout(5.0)
    assert (rtt.backoff, rtt.backoff_until) == (1, 7.0)
    rtt.on_timeout(6.0)  # the same silence
    assert rtt.backoff == 1
    rtt.reset_backoff()  # newly acknowledged data: the peer is there
    assert (rtt.backoff, rtt.backoff_until) == (0, float("-inf"))
    assert rtt.rto() == 1.0
    assert rtt.samples == 0  # (no sample was taken)
    rtt.on_timeout(6.1)  # a new silence counts at once
    assert rtt.backoff == 1


def test_a_sample_resets_the_backoff() -> None:
    rtt = RTTEstimator(initial_rto=1.0)
    rtt.on_timeout(1.0)
    rtt.on_timeout(3.0)
    assert rtt.rto() == 4.0
    rtt.add_sample(0.25)
    assert rtt.backoff == 0
    assert rtt.rto() == pytest.approx(0.25 + 4 * 0.125)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.floats(-1.0, 120.0), st.none()), max_size=40),
       st.floats(0.01, 1.0), st.floats(1.0, 120.0))
def test_the_rto_stays_within_its_bounds_whatever_happens(
        events: list[float | None], min_rto: float, max_rto: float) -> None:
    rtt = RTTEstimator(min_rto=min_rto, max_rto=max_rto)
    now = 0.0
    for event in events:
        if event is None:
            now += rtt.rto()
            rtt.on_timeout(now)
        else:
            rtt.add_sample(event)
        assert min_rto <= rtt.rto() <= max_rto
        assert rtt.srtt >= 0.0
        assert rtt.rttvar >= 0.0
