"""The states a call passes through and the ways it can end (names as in Linux)."""

from __future__ import annotations

import enum


class CallState(enum.Enum):
    """Where a call is in its life (names as in Linux ``net/rxrpc``)."""

    # Members are singletons compared by identity: hash them so too, in C (Enum's own hash
    # is a Python function, and the transition table looks states up by hash).
    __hash__ = object.__hash__

    CLIENT_SEND_REQUEST = "CLIENT_SEND_REQUEST"
    CLIENT_AWAIT_REPLY = "CLIENT_AWAIT_REPLY"
    CLIENT_RECV_REPLY = "CLIENT_RECV_REPLY"
    SERVER_SECURING = "SERVER_SECURING"
    SERVER_RECV_REQUEST = "SERVER_RECV_REQUEST"
    SERVER_ACK_REQUEST = "SERVER_ACK_REQUEST"
    SERVER_SEND_REPLY = "SERVER_SEND_REPLY"
    SERVER_AWAIT_ACK = "SERVER_AWAIT_ACK"
    COMPLETE = "COMPLETE"


class Completion(enum.Enum):
    """How a call ended."""

    SUCCEEDED = "SUCCEEDED"
    REMOTELY_ABORTED = "REMOTELY_ABORTED"
    LOCALLY_ABORTED = "LOCALLY_ABORTED"
    LOCAL_ERROR = "LOCAL_ERROR"
    NETWORK_ERROR = "NETWORK_ERROR"
    BUSY = "BUSY"
