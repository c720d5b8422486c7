"""The congestion controller alone (no call, no endpoint), then as a call uses it.

The unit tests drive :class:`RenoController` with the events a call reports (ACKs with their
counts, fast retransmits, timeouts) and check the window after each.  The property tests run
arbitrary event sequences: the bounds hold, and the controller does exactly what a plain
step-by-step model of the Rx algorithm does.  The last tests run calls (between two cores, or
one core fed ACKs by hand) and check that a call starts its controller, reports to it and
leaves its hint behind as described.
"""

from __future__ import annotations

from typing import TypeAlias

import attrs
from coreharness import CorePair
from hypothesis import given, settings, strategies as st

from trio_rxrpc._proto import call_tx
from trio_rxrpc._proto.call import CallCore, Completion
from trio_rxrpc._proto.congestion import (
    HINT_MAX,
    HINT_MIN,
    NACK_THRESHOLD,
    UNPROVEN_CWND,
    CongestionController,
    RenoController,
)
from trio_rxrpc._proto.endpoint import EndpointCore
from trio_rxrpc._proto.wire import JUMBO_DATALEN, AckReason

MAX = 255
PEER = ("127.0.0.1", 7000)

# --------------------------------------------------------------------------------- start


def test_a_call_starts_in_slow_start_with_the_configured_window() -> None:
    cc = RenoController(MAX, 16)
    assert (cc.cwnd, cc.ssthresh, cc.in_recovery) == (16, MAX, False)
    assert isinstance(cc, CongestionController)


def test_the_peers_hint_is_used_when_it_is_larger() -> None:
    assert RenoController(MAX, 16, 40).cwnd == 40
    assert RenoController(MAX, 16, 8).cwnd == 16
    assert RenoController(MAX, 16, 0).cwnd == 16


def test_an_unproven_server_connection_starts_small() -> None:
    assert RenoController(MAX, 16, 64, unproven=True).cwnd == UNPROVEN_CWND == 4
    assert RenoController(MAX, 2, unproven=True).cwnd == 2  # a cap, not a floor
    assert RenoController(MAX, 16, 64, unproven=False).cwnd == 64


def test_a_start_above_the_maximum_comes_back_to_it_on_the_first_growth() -> None:
    cc = RenoController(8, 16)
    assert cc.cwnd == 16
    cc.on_ack(1, 2, False, 0)
    assert cc.cwnd == 8

# ----------------------------------------------------------------------------- growth


def test_slow_start_doubles_the_window_each_round_trip() -> None:
    cc = RenoController(MAX, 4)
    first = 1
    for expected in (8, 16, 32, 64, 128, MAX):
        newly = cc.cwnd  # a whole window acknowledged
        first += newly
        assert cc.on_ack(newly, first, False, 0) is False
        assert cc.cwnd == expected
    cc.on_ack(MAX, first + MAX, False, 0)
    assert cc.cwnd == MAX  # never past the maximum


def test_slow_start_grows_by_one_per_newly_acknowledged_packet() -> None:
    cc = RenoController(MAX, 4)
    for i in range(1, 5):
        cc.on_ack(1, 1 + i, False, 0)
        assert cc.cwnd == 4 + i


def test_an_ack_of_nothing_new_does_not_grow_the_window() -> None:
    cc = RenoController(MAX, 10)
    cc.on_ack(0, 1, False, 0)
    assert cc.cwnd == 10


def test_congestion_avoidance_adds_about_one_packet_per_round_trip() -> None:
    cc = RenoController(MAX, 40)
    cc.on_timeout()  # ssthresh 20, cwnd 1
    cc.cwnd = 20  # (as if slow start had reached ssthresh)
    assert cc.ssthresh == 20
    cc.on_ack(5, 6, False, 0)  # a quarter window in one ACK: still one packet
    assert cc.cwnd == 21
    cc.on_ack(21, 27, False, 0)  # a whole window in one ACK
    assert cc.cwnd == 22
    cc.on_ack(66, 93, False, 0)  # three windows at once
    assert cc.cwnd == 25
    for _ in range(25):  # one packet per ACK for a window
        cc.on_ack(1, 94, False, 0)
    assert cc.cwnd == 50


def test_avoidance_stops_at_the_maximum() -> None:
    cc = RenoController(30, 40)
    cc.on_timeout()
    cc.cwnd = 29
    cc.on_ack(29, 30, False, 0)
    cc.on_ack(29, 59, False, 0)
    assert cc.cwnd == 30

# -------------------------------------------------------------------- fast retransmit


def test_the_third_ack_with_a_hole_calls_for_a_fast_retransmit() -> None:
    cc = RenoController(MAX, 16)
    assert NACK_THRESHOLD == 3
    assert cc.on_ack(1, 1, True, 3) is False
    assert cc.on_ack(1, 1, True, 4) is False
    assert cc.on_ack(1, 1, True, 5) is True
    # The count restarts: three more such ACKs before the next one.
    assert cc.on_ack(0, 1, True, 5) is False
    assert cc.on_ack(0, 1, True, 5) is False
    assert cc.on_ack(0, 1, True, 5) is True


def test_new_data_without_a_hole_clears_the_nack_count() -> None:
    cc = RenoController(MAX, 16)
    cc.on_ack(1, 1, True, 3)
    cc.on_ack(1, 1, True, 4)
    cc.on_ack(1, 6, False, 0)
    assert cc.on_ack(1, 6, True, 8) is False
    assert cc.on_ack(1, 6, True, 9) is False
    assert cc.on_ack(1, 6, True, 10) is True


def test_an_ack_with_nothing_new_and_no_hole_keeps_the_nack_count() -> None:
    cc = RenoController(MAX, 16)
    cc.on_ack(1, 1, True, 3)
    cc.on_ack(1, 1, True, 4)
    cc.on_ack(0, 1, False, 0)  # a duplicate, or an ACK of nothing new
    assert cc.on_ack(0, 1, True, 4) is True


def test_fast_retransmit_halves_the_window_and_enters_recovery() -> None:
    cc = RenoController(MAX, 40)
    cc.on_fast_retransmit(50)
    assert (cc.ssthresh, cc.cwnd, cc.in_recovery, cc.recovery_point) == (20, 23, True, 50)
    # A second fast retransmit in the same recovery changes nothing.
    cc.on_fast_retransmit(60)
    assert (cc.ssthresh, cc.cwnd, cc.recovery_point) == (20, 23, 50)


def test_fast_retransmit_of_a_tiny_window_keeps_ssthresh_at_two() -> None:
    cc = RenoController(MAX, 3)
    cc.on_fast_retransmit(3)
    assert (cc.ssthresh, cc.cwnd) == (2, 5)


def test_the_window_does_not_grow_in_recovery_and_recovery_ends_at_its_point() -> None:
    cc = RenoController(MAX, 40)
    cc.on_fast_retransmit(50)
    cc.on_ack(10, 30, False, 0)
    cc.on_ack(10, 50, False, 0)  # hard-ACKs up to 49: not yet the recovery point
    assert (cc.cwnd, cc.in_recovery) == (23, True)
    cc.on_ack(1, 51, False, 0)  # everything sent when recovery began is acknowledged
    assert (cc.cwnd, cc.in_recovery) == (20, False)
    cc.on_ack(1, 52, False, 0)  # growth again: avoidance, since cwnd == ssthresh
    assert cc.cwnd == 21


def test_recovery_ends_even_on_an_ack_of_nothing_new() -> None:
    cc = RenoController(MAX, 40)
    cc.on_fast_retransmit(50)
    cc.on_ack(0, 51, False, 0)
    assert (cc.cwnd, cc.in_recovery) == (20, False)


def test_leaving_recovery_keeps_at_least_two_packets() -> None:
    cc = RenoController(MAX, 16)
    cc.on_fast_retransmit(10)
    cc.ssthresh = 1  # (another controller state; the floor still holds)
    cc.on_ack(0, 11, False, 0)
    assert cc.cwnd == 2

# ------------------------------------------------------------------------------ timeout


def test_a_timeout_collapses_the_window_to_one_packet() -> None:
    cc = RenoController(MAX, 40)
    cc.on_ack(0, 1, True, 3)
    cc.on_ack(0, 1, True, 3)
    cc.on_timeout()
    assert (cc.cwnd, cc.ssthresh, cc.in_recovery, cc.nack_count) == (1, 20, False, 0)
    cc.on_timeout()  # again, with nothing acknowledged in between
    assert (cc.cwnd, cc.ssthresh) == (1, 2)


def test_a_timeout_ends_recovery() -> None:
    cc = RenoController(MAX, 40)
    cc.on_fast_retransmit(50)
    cc.on_timeout()
    assert (cc.cwnd, cc.ssthresh, cc.in_recovery) == (1, 11, False)
    cc.on_ack(3, 4, False, 0)  # slow start again, up to the new ssthresh
    assert cc.cwnd == 4

# --------------------------------------------------------------------------------- hint


def test_the_hint_is_the_window_clamped_to_4_to_64() -> None:
    assert (HINT_MIN, HINT_MAX) == (4, 64)
    cc = RenoController(MAX, 16)
    assert cc.hint() == 16
    cc.on_timeout()
    assert cc.hint() == 4
    cc.cwnd = 200
    assert cc.hint() == 64
    cc.cwnd = 64
    assert cc.hint() == 64
    cc.cwnd = 4
    assert cc.hint() == 4

# ------------------------------------------------------------------- property tests

Event: TypeAlias = tuple[str, int, int, bool, int]


@attrs.define
class StepModel:
    """The Rx algorithm written out step by step, as the call ran it inline."""

    maximum: int
    cwnd: int
    ssthresh: int
    in_recovery: bool = False
    recovery_point: int = 0
    nack_count: int = 0

    def ack(self, newly: int, first: int, negative: bool, highest_sacked: int) -> bool:
        if negative and highest_sacked:
            self.nack_count += 1
        elif newly:
            self.nack_count = 0
        if newly and not self.in_recovery:
            if self.cwnd < self.ssthresh:
                self.cwnd = min(self.cwnd + newly, self.maximum)
            else:
                self.cwnd = min(self.cwnd + max(1, newly // max(self.cwnd, 1)), self.maximum)
        if self.in_recovery and first > self.recovery_point:
            self.in_recovery = False
            self.cwnd = max(self.ssthresh, 2)
        if self.nack_count >= 3 and highest_sacked:
            self.nack_count = 0
            return True
        return False

    def fast_retransmit(self, highest_sent: int) -> None:
        if not self.in_recovery:
            self.in_recovery = True
            self.recovery_point = highest_sent
            self.ssthresh = max(self.cwnd // 2, 2)
            self.cwnd = self.ssthresh + 3

    def timeout(self) -> None:
        self.ssthresh = max(self.cwnd // 2, 2)
        self.cwnd = 1
        self.in_recovery = False
        self.nack_count = 0


# (Sequence numbers from a small range, so that ACKs land on a recovery point often.)
events = st.lists(st.one_of(
    st.tuples(st.just("ack"), st.integers(0, 300), st.integers(1, 40), st.booleans(),
              st.integers(0, 40)),
    st.tuples(st.just("fast"), st.integers(0, 40), st.just(0), st.just(False), st.just(0)),
    st.tuples(st.just("timeout"), st.just(0), st.just(0), st.just(False), st.just(0)),
), max_size=60)


def _apply(cc: RenoController, event: Event) -> bool:
    kind, a, b, hole, sacked = event
    if kind == "ack":
        # (A hole lies below a soft-ACKed packet: the ACK then soft-acknowledges something.)
        return cc.on_ack(a, b, hole and sacked > 0, sacked)
    if kind == "fast":
        cc.on_fast_retransmit(a)
    else:
        cc.on_timeout()
    return False


@settings(max_examples=300, deadline=None)
@given(maximum=st.integers(5, 255), data=st.data(), events=events)
def test_the_window_stays_within_one_and_the_maximum(
        maximum: int, data: st.DataObject, events: list[Event]) -> None:
    initial = data.draw(st.integers(1, maximum))
    hint = data.draw(st.integers(0, maximum))
    cc = RenoController(maximum, initial, hint, unproven=data.draw(st.booleans()))
    for event in events:
        _apply(cc, event)
        assert 1 <= cc.cwnd <= maximum
        assert cc.ssthresh >= 2
        assert HINT_MIN <= cc.hint() <= HINT_MAX


@settings(max_examples=300, deadline=None)
@given(maximum=st.integers(1, 255), initial=st.integers(1, 255), hint=st.integers(0, 64),
       unproven=st.booleans(), events=events)
def test_any_configuration_keeps_its_bounds(maximum: int, initial: int, hint: int,
                                            unproven: bool, events: list[Event]) -> None:
    """A start above the maximum (a large initial window or hint, a small transmit window)
    is kept until the first growth; a fast retransmit may leave 5 packets in a window
    smaller than that.  Nothing else passes the maximum."""
    cc = RenoController(maximum, initial, hint, unproven=unproven)
    bound = max(maximum, cc.cwnd, 5)
    for event in events:
        _apply(cc, event)
        assert 1 <= cc.cwnd <= bound
        assert cc.ssthresh >= min(2, maximum)


@settings(max_examples=500, deadline=None)
@given(maximum=st.integers(1, 255), initial=st.integers(1, 255), hint=st.integers(0, 64),
       unproven=st.booleans(), events=events)
def test_the_controller_matches_the_step_by_step_model(
        maximum: int, initial: int, hint: int, unproven: bool, events: list[Event]) -> None:
    cc = RenoController(maximum, initial, hint, unproven=unproven)
    start = max(initial, hint)
    model = StepModel(maximum, min(start, 4) if unproven else start, maximum)
    for event in events:
        kind, a, b, hole, sacked = event
        if kind == "ack":
            assert cc.on_ack(a, b, hole and sacked > 0, sacked) is model.ack(
                a, b, hole and sacked > 0, sacked)
        elif kind == "fast":
            cc.on_fast_retransmit(a)
            model.fast_retransmit(a)
        else:
            cc.on_timeout()
            model.timeout()
        assert (cc.cwnd, cc.ssthresh, cc.in_recovery, cc.nack_count) == (
            model.cwnd, model.ssthresh, model.in_recovery, model.nack_count)
        if cc.in_recovery:
            assert cc.recovery_point == model.recovery_point

# ------------------------------------------------------------------- as a call uses it


def test_a_server_call_on_a_new_connection_starts_capped_and_later_ones_use_the_hint(
) -> None:
    starts: list[int] = []

    def handler(request: bytes) -> bytes:
        # The request is complete and the reply not yet written: the window is its start.
        starts.append(pair.accepted[-1].cc.cwnd)
        return bytes(100_000)

    pair = CorePair(handler=handler)
    cfg = pair.client.config
    first = pair.call(bytes(200_000), None)
    assert (first.cc.cwnd, first.cc.ssthresh) == (cfg.initial_cwnd, cfg.tx_window)
    pair.finish(first)
    assert first.completion is Completion.SUCCEEDED
    server_first = pair.accepted[0]
    assert starts == [UNPROVEN_CWND]
    assert server_first.conn.proven
    # Each side's peer keeps the window its call ended with, clamped, for the next call.
    assert first.peer.cwnd_hint == first.cc.hint()
    assert server_first.peer.cwnd_hint == server_first.cc.hint()
    assert first.cc.cwnd > cfg.initial_cwnd  # (the hint is more than the default)
    second = pair.call(b"again", None)
    assert second.cc.cwnd == max(cfg.initial_cwnd, first.peer.cwnd_hint)
    assert second.cc.ssthresh == cfg.tx_window
    pair.finish(second)
    assert second.completion is Completion.SUCCEEDED
    assert starts[1] == max(cfg.initial_cwnd, server_first.cc.hint())


def _sending_call(size: int) -> tuple[EndpointCore, CallCore]:
    core = EndpointCore(now=0.0)
    call = core.start_call(PEER, 1, now=0.0)
    call.write(bytes(size), eor=True, now=0.0)
    assert core.datagrams_to_send(now=0.0)
    return core, call


def _ack(call: CallCore, first: int, acks: bytes, now: float) -> None:
    call_tx.on_ack(call, first, 0, 0, AckReason.OUT_OF_SEQUENCE, memoryview(acks), 0, 0, 0,
                    now)


def _state(cc: CongestionController) -> tuple[int, int, bool]:
    return cc.cwnd, cc.ssthresh, cc.in_recovery


def test_three_acks_with_a_hole_halve_the_window_and_recovery_ends_at_its_point() -> None:
    core, call = _sending_call(100 * JUMBO_DATALEN)
    cc = call.cc
    assert isinstance(cc, RenoController)
    start, top = cc.cwnd, cc.ssthresh
    assert call.tx_next - 1 == start  # a window of packets went out
    _ack(call, 1, b"\0" + b"\1" * 5, 1.0)  # packet 1 missing, 2..6 arrived
    _ack(call, 1, b"\0" + b"\1" * 6, 1.0)
    # Slow start (one more per packet newly acknowledged), no recovery yet.
    assert _state(cc) == (start + 6, top, False)
    _ack(call, 1, b"\0" + b"\1" * 7, 1.0)  # the third: fast retransmit
    half = (start + 7) // 2
    assert _state(cc) == (half + 3, half, True)
    sent_before = call.tx_next - 1
    assert cc.recovery_point == sent_before
    assert call.tx_lost[0] == 1
    assert core.datagrams_to_send(now=1.0)
    assert call.retransmits == 1
    # The hole is filled; recovery ends once everything sent before it is acknowledged.
    _ack(call, sent_before, b"", 1.1)
    assert _state(cc) == (half + 3, half, True)
    _ack(call, sent_before + 1, b"", 1.2)
    assert _state(cc) == (half, half, False)


def test_a_retransmission_timeout_drops_the_window_to_one() -> None:
    core, call = _sending_call(20 * JUMBO_DATALEN)
    start = call.cc.cwnd
    now = call.resend_at
    core.handle_timers(now=now)
    assert (call.cc.cwnd, call.cc.ssthresh) == (1, max(start // 2, 2))
    assert not call.cc.in_recovery
    core.datagrams_to_send(now=now)
    assert call.retransmits == 1  # one packet goes out again, not the whole window
