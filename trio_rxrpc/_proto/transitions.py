"""The call's state machine as data: which event moves a call from which state to which.

Theory of operation
-------------------
A call changes state only through :func:`advance`, which looks the pair (current state,
event) up in :data:`TRANSITIONS`.  The code that notices an event (the transmit half, the
receive half, the server side's security handshake, completion) keeps its own cheap checks
of *when* the event happened; the table alone says *where* the call goes.  Transitions
happen a few times per call, never per packet, so one dict lookup each is all they cost.

Every pair that is not a transition is refused, with a reason in :data:`REFUSED`: the
other side's events (a client call never needs securing), everything once the call is
``COMPLETE`` (that state is absorbing: a call ends once), and the same-side pairs that the
code never produces, listed per state (the request cannot be sent again once the reply is
arriving).
A refused pair reaching :func:`advance` is a bug in the core; it raises
:class:`InvalidTransition` before anything about the call changes.  Where an event can
legitimately repeat (the peer acknowledges the whole request again), the table says the
call stays where it is.

The texts describing states and events are data too: the documentation's state tables are
generated from them (``docs/gen_states.py``).
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from .states import CallState

if TYPE_CHECKING:
    from .call import CallCore

_S = CallState


class CallEvent(enum.Enum):
    """What can move a call on (each documented in :data:`EVENT_TEXT`)."""

    __hash__ = object.__hash__  # (as CallState's: by identity, in C)

    REQUEST_SENT = "REQUEST_SENT"
    REQUEST_ACKED = "REQUEST_ACKED"
    FIRST_REPLY_DATA = "FIRST_REPLY_DATA"
    LAST_REPLY_DATA = "LAST_REPLY_DATA"
    NEEDS_SECURING = "NEEDS_SECURING"
    SECURED = "SECURED"
    LAST_REQUEST_DATA = "LAST_REQUEST_DATA"
    REPLY_WRITTEN = "REPLY_WRITTEN"
    REPLY_SENT = "REPLY_SENT"
    REPLY_ACKED = "REPLY_ACKED"
    FAILED = "FAILED"


_E = CallEvent

CLIENT_STATES = (_S.CLIENT_SEND_REQUEST, _S.CLIENT_AWAIT_REPLY, _S.CLIENT_RECV_REPLY)
"""A client call's states before it completes, in the order it passes through them."""
SERVER_STATES = (_S.SERVER_SECURING, _S.SERVER_RECV_REQUEST, _S.SERVER_ACK_REQUEST,
                 _S.SERVER_SEND_REPLY, _S.SERVER_AWAIT_ACK)
"""A server call's states before it completes, in the order it passes through them."""
START_STATES = {True: _S.CLIENT_SEND_REQUEST, False: _S.SERVER_RECV_REQUEST}
"""Where a new call starts, by ``is_client``."""
RECEIVING_STATES = frozenset({_S.SERVER_RECV_REQUEST, _S.CLIENT_AWAIT_REPLY, _S.CLIENT_RECV_REPLY})
"""States in which the peer owes us data (unless our own reader has left the window full)."""
SENDING_STATES = frozenset({_S.CLIENT_SEND_REQUEST, _S.SERVER_SEND_REPLY, _S.SERVER_ACK_REQUEST,
                            _S.SERVER_RECV_REQUEST})
"""States in which the application may write (a server's reply may begin before the request
has all arrived)."""
CLIENT_EVENTS = (_E.REQUEST_SENT, _E.REQUEST_ACKED, _E.FIRST_REPLY_DATA, _E.LAST_REPLY_DATA)
SERVER_EVENTS = (_E.NEEDS_SECURING, _E.SECURED, _E.LAST_REQUEST_DATA, _E.REPLY_WRITTEN,
                 _E.REPLY_SENT, _E.REPLY_ACKED)

TRANSITIONS: dict[tuple[CallState, CallEvent], CallState] = {
    # client calls
    (_S.CLIENT_SEND_REQUEST, _E.REQUEST_SENT): _S.CLIENT_AWAIT_REPLY,
    (_S.CLIENT_SEND_REQUEST, _E.REQUEST_ACKED): _S.CLIENT_AWAIT_REPLY,
    (_S.CLIENT_SEND_REQUEST, _E.FIRST_REPLY_DATA): _S.CLIENT_RECV_REPLY,
    (_S.CLIENT_AWAIT_REPLY, _E.REQUEST_ACKED): _S.CLIENT_AWAIT_REPLY,
    (_S.CLIENT_AWAIT_REPLY, _E.FIRST_REPLY_DATA): _S.CLIENT_RECV_REPLY,
    (_S.CLIENT_RECV_REPLY, _E.REQUEST_ACKED): _S.CLIENT_RECV_REPLY,
    (_S.CLIENT_RECV_REPLY, _E.LAST_REPLY_DATA): _S.COMPLETE,
    # server calls
    (_S.SERVER_RECV_REQUEST, _E.NEEDS_SECURING): _S.SERVER_SECURING,
    (_S.SERVER_SECURING, _E.SECURED): _S.SERVER_RECV_REQUEST,
    (_S.SERVER_RECV_REQUEST, _E.LAST_REQUEST_DATA): _S.SERVER_ACK_REQUEST,
    (_S.SERVER_RECV_REQUEST, _E.REPLY_WRITTEN): _S.SERVER_SEND_REPLY,
    (_S.SERVER_ACK_REQUEST, _E.REPLY_WRITTEN): _S.SERVER_SEND_REPLY,
    (_S.SERVER_SEND_REPLY, _E.REPLY_SENT): _S.SERVER_AWAIT_ACK,
    (_S.SERVER_SEND_REPLY, _E.REPLY_ACKED): _S.COMPLETE,
    (_S.SERVER_AWAIT_ACK, _E.REPLY_ACKED): _S.COMPLETE,
    # either side: the call ends without success
    **{(state, _E.FAILED): _S.COMPLETE for state in (*CLIENT_STATES, *SERVER_STATES)},
}
"""(state, event) -> the next state.  A pair whose next state is its own state is a "stay"."""

_SAME_SIDE_REFUSALS: dict[CallState, tuple[tuple[CallEvent, ...], str]] = {
    _S.CLIENT_SEND_REQUEST: ((_E.LAST_REPLY_DATA,), "the reply starts with its first packet"),
    _S.CLIENT_AWAIT_REPLY: ((_E.REQUEST_SENT, _E.LAST_REPLY_DATA),
                            "the request is out and the reply has not started"),
    _S.CLIENT_RECV_REPLY: ((_E.REQUEST_SENT, _E.FIRST_REPLY_DATA),
                           "the reply has started, which ended the request"),
    _S.SERVER_SECURING: ((_E.NEEDS_SECURING, _E.LAST_REQUEST_DATA, _E.REPLY_WRITTEN,
                          _E.REPLY_SENT, _E.REPLY_ACKED),
                         "the request is held and the call not accepted until it is secured"),
    _S.SERVER_RECV_REQUEST: ((_E.SECURED, _E.REPLY_SENT, _E.REPLY_ACKED),
                             "no reply has been written yet"),
    _S.SERVER_ACK_REQUEST: ((_E.NEEDS_SECURING, _E.SECURED, _E.LAST_REQUEST_DATA,
                             _E.REPLY_SENT, _E.REPLY_ACKED),
                            "the whole request is here and no reply has been written yet"),
    _S.SERVER_SEND_REPLY: ((_E.NEEDS_SECURING, _E.SECURED, _E.LAST_REQUEST_DATA,
                            _E.REPLY_WRITTEN), "the reply is being written"),
    _S.SERVER_AWAIT_ACK: ((_E.NEEDS_SECURING, _E.SECURED, _E.LAST_REQUEST_DATA,
                           _E.REPLY_WRITTEN, _E.REPLY_SENT), "the whole reply is out"),
}


def _refusals() -> dict[tuple[CallState, CallEvent], str]:
    refused: dict[tuple[CallState, CallEvent], str] = {}
    for event in CallEvent:
        refused[_S.COMPLETE, event] = "the call has ended"
    for state in CLIENT_STATES:
        for event in SERVER_EVENTS:
            refused[state, event] = "only server calls have this event"
    for state in SERVER_STATES:
        for event in CLIENT_EVENTS:
            refused[state, event] = "only client calls have this event"
    for state, (events, why) in _SAME_SIDE_REFUSALS.items():
        for event in events:
            refused[state, event] = why
    return refused


REFUSED: dict[tuple[CallState, CallEvent], str] = _refusals()
"""(state, event) pairs that are not transitions, each with the reason.  Together with
:data:`TRANSITIONS` they cover every pair exactly once (the tests check it)."""


class InvalidTransition(RuntimeError):
    """An event reached a call in a state that refuses it: a bug in the core."""

    def __init__(self, state: CallState, event: CallEvent) -> None:
        why = REFUSED.get((state, event), "the pair is in no table")
        super().__init__(f"call event {event.value} in state {state.value}: {why}")
        self.state = state
        self.event = event


def next_state(state: CallState, event: CallEvent) -> CallState:
    """Where ``event`` takes a call in ``state``.

    Raises:
        InvalidTransition: the state refuses the event.
    """
    try:
        return TRANSITIONS[state, event]
    except KeyError:
        raise InvalidTransition(state, event) from None


def advance(call: CallCore, event: CallEvent) -> None:
    """Move ``call`` on by ``event``: the only place a call's state changes after it is made.

    Raises:
        InvalidTransition: the call's state refuses the event (the call is left unchanged).
    """
    try:
        call.state = TRANSITIONS[call.state, event]
    except KeyError:
        raise InvalidTransition(call.state, event) from None


STATE_TEXT: dict[CallState, str] = {
    _S.CLIENT_SEND_REQUEST:
        "The application is writing the request.  The call starts here, when ``async with``"
        " starts it.",
    _S.CLIENT_AWAIT_REPLY:
        "The whole request is out; waiting for the server.  Keepalive pings check that the"
        " server is still there.",
    _S.CLIENT_RECV_REPLY:
        "Reply packets are arriving; ``receive_some()`` reads them.",
    _S.SERVER_SECURING:
        "Only for a security class that authenticates its connections (a CHALLENGE and a"
        " RESPONSE).  Data that arrives meanwhile is held.  With rxnull (no security) calls"
        " skip this state.",
    _S.SERVER_RECV_REQUEST:
        "A new server call starts here.  Request packets are arriving; the call waits in the"
        " accept queue and then is read by the handler.",
    _S.SERVER_ACK_REQUEST:
        "The whole request has arrived and no reply has been written yet.",
    _S.SERVER_SEND_REPLY:
        "The handler is writing the reply.",
    _S.SERVER_AWAIT_ACK:
        "The whole reply is out, waiting for the client to acknowledge it.",
    _S.COMPLETE:
        "Finished; :attr:`Call.completion <trio_rxrpc.Call.completion>` says how.  Nothing"
        " moves a call on from here.",
}
"""What each state means (the documentation's state tables show these)."""

EVENT_TEXT: dict[CallEvent, str] = {
    _E.REQUEST_SENT: "the last request packet has been sent (``send_eof()`` queues it)",
    _E.REQUEST_ACKED: "the server acknowledged the whole request (or sent ACKALL)",
    _E.FIRST_REPLY_DATA:
        "the first reply packet arrived (it acknowledges the request implicitly, and ends"
        " it if the server replies before the request's last packet)",
    _E.LAST_REPLY_DATA:
        "the packet marked last has arrived: the client sends a final ACK at once and the"
        " call has succeeded",
    _E.NEEDS_SECURING: "the new call's connection has not yet answered its CHALLENGE",
    _E.SECURED: "the RESPONSE checked out: the call goes on to the accept queue",
    _E.LAST_REQUEST_DATA: "the request packet marked last has arrived",
    _E.REPLY_WRITTEN: "the handler wrote the first reply data",
    _E.REPLY_SENT: "the last reply packet has been sent",
    _E.REPLY_ACKED:
        "the client acknowledged the whole reply (or sent ACKALL, or started its next call"
        " on the channel): the call has succeeded",
    _E.FAILED:
        "the call was aborted (by either side), timed out, stayed busy, or its connection or"
        " network failed",
}
"""What each event is, in the words of the documentation."""
