"""The call's transition table: complete, consistent, and the only way real calls move.

The table is checked as data (every pair decided once, every state reachable, ``COMPLETE``
absorbing), with random event sequences against :func:`next_state` and :func:`advance`,
and against real client and server :class:`CallCore` objects driven by :class:`CorePair`:
every state a call passes through must be one step of the table.
"""

from __future__ import annotations

import itertools
import random
from collections import defaultdict
from types import SimpleNamespace
from typing import cast

import pytest
from coreharness import DATA, CorePair, Sent, localauth
from hypothesis import given, strategies as st

from trio_rxrpc._proto import COMPILED
from trio_rxrpc._proto.call import CallCore
from trio_rxrpc._proto.codes import AbortCode
from trio_rxrpc._proto.states import CallState, Completion
from trio_rxrpc._proto.transitions import (
    CLIENT_STATES,
    EVENT_TEXT,
    REFUSED,
    SERVER_STATES,
    START_STATES,
    STATE_TEXT,
    TRANSITIONS,
    CallEvent,
    InvalidTransition,
    advance,
    next_state,
)
from trio_rxrpc.security import Level, RxkadClientSecurity

ALL_PAIRS = set(itertools.product(CallState, CallEvent))

# ------------------------------------------------------------------------- the table as data


def test_every_pair_is_a_transition_or_refused_exactly_once() -> None:
    assert set(TRANSITIONS).isdisjoint(REFUSED)
    assert set(TRANSITIONS) | set(REFUSED) == ALL_PAIRS
    assert all(REFUSED.values())  # each refusal says why


def test_every_state_and_event_is_described() -> None:
    assert set(STATE_TEXT) == set(CallState)
    assert set(EVENT_TEXT) == set(CallEvent)
    assert set(CLIENT_STATES) | set(SERVER_STATES) | {CallState.COMPLETE} == set(CallState)


def test_every_event_moves_some_call() -> None:
    assert {event for _state, event in TRANSITIONS} == set(CallEvent)


def _reachable(start: CallState) -> set[CallState]:
    seen = {start}
    todo = [start]
    while todo:
        state = todo.pop()
        for (source, _event), target in TRANSITIONS.items():
            if source is state and target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def test_every_state_is_reachable_from_a_start_state() -> None:
    client = _reachable(START_STATES[True])
    server = _reachable(START_STATES[False])
    assert client == {*CLIENT_STATES, CallState.COMPLETE}
    assert server == {*SERVER_STATES, CallState.COMPLETE}
    assert client | server == set(CallState)


def test_complete_is_reachable_from_every_state_and_absorbing() -> None:
    for state in CallState:
        assert CallState.COMPLETE in _reachable(state)
    assert _reachable(CallState.COMPLETE) == {CallState.COMPLETE}
    for event in CallEvent:
        with pytest.raises(InvalidTransition, match="the call has ended"):
            next_state(CallState.COMPLETE, event)


def test_the_sides_never_mix() -> None:
    for (state, _event), target in TRANSITIONS.items():
        if state in CLIENT_STATES:
            assert target in (*CLIENT_STATES, CallState.COMPLETE)
        else:
            assert target in (*SERVER_STATES, CallState.COMPLETE)


@given(st.booleans(), st.lists(st.sampled_from(list(CallEvent)), max_size=40))
def test_random_event_sequences_follow_the_table_or_are_refused(
        is_client: bool, events: list[CallEvent]) -> None:
    state = START_STATES[is_client]
    fake = SimpleNamespace(state=state)
    call = cast("CallCore", fake)
    for event in events:
        if (state, event) in TRANSITIONS:
            state = next_state(state, event)
            advance(call, event)
            assert fake.state is state
        else:
            assert (state, event) in REFUSED
            with pytest.raises(InvalidTransition) as info:
                next_state(state, event)
            assert REFUSED[state, event] in str(info.value)
            assert (info.value.state, info.value.event) == (state, event)
            with pytest.raises(InvalidTransition):
                advance(call, event)
            assert fake.state is state  # a refused event changes nothing
        assert state in (*(CLIENT_STATES if is_client else SERVER_STATES), CallState.COMPLETE)


def test_invalid_transition_is_a_runtime_error() -> None:
    assert issubclass(InvalidTransition, RuntimeError)
    with pytest.raises(RuntimeError, match="REPLY_SENT in state CLIENT_SEND_REQUEST"):
        next_state(CallState.CLIENT_SEND_REQUEST, CallEvent.REPLY_SENT)


# -------------------------------------------------------------------------------- real calls


@pytest.fixture
def history(monkeypatch: pytest.MonkeyPatch) -> dict[CallCore, list[CallState]]:
    """Every value each call's ``state`` is given, from construction on.

    The slot is wrapped in a property for the test, so even an assignment that bypassed
    :func:`advance` would be seen.  A compiled core reads and writes the slot directly, past
    any property put on the class, so there the tests that use this are skipped (the
    pure-Python build runs them).
    """
    if COMPILED:
        pytest.skip("a compiled CallCore cannot be watched through a property")
    seen: dict[CallCore, list[CallState]] = defaultdict(list)
    slot = CallCore.__dict__["state"]

    def get(call: CallCore) -> CallState:
        value: CallState = slot.__get__(call, CallCore)
        return value

    def put(call: CallCore, value: CallState) -> None:
        seen[call].append(value)
        slot.__set__(call, value)

    monkeypatch.setattr(CallCore, "state", property(get, put))
    return seen


def _check_steps(history: dict[CallCore, list[CallState]]) -> set[tuple[CallState, CallState]]:
    steps: set[tuple[CallState, CallState]] = set()
    table_steps = {(source, target) for (source, _e), target in TRANSITIONS.items()}
    for call, states in history.items():
        assert states[0] is START_STATES[call.is_client]
        for a, b in itertools.pairwise(states):
            assert (a, b) in table_steps, f"{call!r}: {a.value} -> {b.value} is not in the table"
            steps.add((a, b))
        if call.completion is not None:
            assert states[-1] is CallState.COMPLETE
    return steps


SIZES = [0, 1, 1412, 5000, 100_000]


@pytest.mark.parametrize("secured", [False, True], ids=["rxnull", "rxkad"])
def test_real_calls_move_only_along_the_table(
        history: dict[CallCore, list[CallState]], secured: bool) -> None:
    pair = CorePair()
    token = localauth()
    calls = [pair.call(bytes(size), RxkadClientSecurity(token, Level.CRYPT) if secured else None)
             for size in SIZES]
    pair.finish(*calls)
    assert all(c.completion is Completion.SUCCEEDED for c in calls)
    steps = _check_steps(history)
    expected = {
        (CallState.CLIENT_SEND_REQUEST, CallState.CLIENT_AWAIT_REPLY),
        (CallState.CLIENT_AWAIT_REPLY, CallState.CLIENT_RECV_REPLY),
        (CallState.CLIENT_RECV_REPLY, CallState.COMPLETE),
        (CallState.SERVER_RECV_REQUEST, CallState.SERVER_ACK_REQUEST),
        (CallState.SERVER_ACK_REQUEST, CallState.SERVER_SEND_REPLY),
        (CallState.SERVER_SEND_REPLY, CallState.SERVER_AWAIT_ACK),
    }
    if secured:
        expected |= {(CallState.SERVER_RECV_REQUEST, CallState.SERVER_SECURING),
                     (CallState.SERVER_SECURING, CallState.SERVER_RECV_REQUEST)}
    assert expected <= steps


@pytest.mark.parametrize("seed", range(6))
def test_real_calls_under_loss_and_aborts_move_only_along_the_table(
        history: dict[CallCore, list[CallState]], seed: int) -> None:
    rng = random.Random(seed)
    pair = CorePair(seed=seed)

    def lossy(sent: Sent) -> bytes | None:
        return None if sent.type == DATA and rng.random() < 0.2 else sent.data

    pair.policy = lossy
    security = RxkadClientSecurity(localauth(seed + 1), Level.AUTH) if seed % 2 else None
    calls = [pair.call(bytes(size), security) for size in (300_000, *rng.sample(SIZES, 3))]
    pair.exchange()
    # A client aborts its large call mid-request, and a server one of the calls it serves.
    assert calls[0].state is not CallState.COMPLETE
    pair.client.abort(calls[0], AbortCode.RX_USER_ABORT, pair.now)
    served = [c for c in pair.accepted if c.completion is None and c.call_number != 1]
    if served:
        pair.server.abort(served[0], AbortCode.RX_USER_ABORT, pair.now)
    pair.finish(*calls, limit=600.0)
    assert calls[0].completion is Completion.LOCALLY_ABORTED
    _check_steps(history)
    assert history[calls[0]][-2] in CLIENT_STATES  # aborted before the reply completed it
