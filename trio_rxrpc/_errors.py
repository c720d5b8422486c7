"""The exceptions trio-rxrpc raises.

Two kinds, kept apart:

* **What the peer or the network did** ends, at worst, the one call it concerns: the call's
  operations raise a :class:`CallError` subclass carrying how the call ended and, where there
  is one, the abort code.  :class:`CallError` is a :class:`trio.BrokenResourceError`, so
  generic trio stream code treats a failed call as a broken stream.
* **What the local program did wrong** raises where the mistake is made, with trio's
  meanings: :class:`TypeError` and :class:`ValueError` for bad arguments,
  :class:`trio.ClosedResourceError` for a call, socket or endpoint that was closed,
  :class:`trio.BusyResourceError` when two tasks send (or receive) on one call at once, and
  :class:`LocalProtocolError` for an operation the protocol does not allow in the current
  state (replying before the request has arrived, accepting on a socket that does not
  listen).

Cancellation is never wrapped.
"""

from __future__ import annotations

import trio

from ._proto.call import Completion
from ._proto.codes import AbortCode


class RxRPCError(Exception):
    """Base class of every trio-rxrpc error."""


class CallError(RxRPCError, trio.BrokenResourceError):
    """A call ended unsuccessfully.

    Attributes:
        completion: how the call ended.
        abort_code: the Rx abort code, or ``None`` when no code applies.
    """

    completion: Completion = Completion.LOCAL_ERROR

    def __init__(self, message: str, *, abort_code: int | None = None,
                 completion: Completion | None = None) -> None:
        super().__init__(message)
        self.abort_code = abort_code
        self.bytes_transferred: int | None = None
        """For sendfile()/splice(): how many bytes had moved when the call failed."""
        if completion is not None:
            self.completion = completion


class RemoteAbort(CallError):
    """The peer aborted the call; ``abort_code`` is its code (often an application result)."""

    completion = Completion.REMOTELY_ABORTED


class LocalAbort(CallError):
    """We aborted the call: by cancellation, :meth:`Call.abort`, or a fault we detected."""

    completion = Completion.LOCALLY_ABORTED


class DataTooLarge(LocalAbort):
    """The peer sent more than ``receive_all(max_size=...)`` allows; we aborted the call.

    The abort code is ``RXGEN_SS_UNMARSHAL`` (-453) on a server call and
    ``RXGEN_CC_UNMARSHAL`` (-451) on a client call.
    """


class CallTimeout(LocalAbort):
    """The call's hard or idle timeout passed; we aborted it with ``RX_CALL_TIMEOUT`` (-3)."""


class NetworkError(CallError):
    """The peer stopped answering (dead peer, RX_CALL_DEAD) or the network failed."""

    completion = Completion.NETWORK_ERROR


class ServerBusy(CallError):
    """The server answered BUSY and never took the call; retrying later is safe."""

    completion = Completion.BUSY


class ProtocolError(RxRPCError):
    """A protocol rule was broken.  ``abort_code`` is the code such a fault is reported with."""

    abort_code: int = -5


class LocalProtocolError(ProtocolError):
    """The application used the API in a way the protocol does not allow."""


class RemoteProtocolError(ProtocolError):
    """The peer broke the protocol."""


class SecurityError(ProtocolError):
    """A security class (rxkad, rxgk) check failed; ``abort_code`` is its RXKAD*/RXGK* code."""

    def __init__(self, message: str, *, abort_code: int) -> None:
        super().__init__(message)
        self.abort_code = abort_code


def error_for_completion(completion: Completion, code: int, message: str) -> CallError:
    """The exception that describes a failed completion."""
    from .rpc._errors import describe

    text = message or f"the call failed: {completion.value}"
    if code:
        described = describe(code)
        if described.split(":", 1)[0] not in text:
            text = f"{text} [{described}]"
    if completion is Completion.REMOTELY_ABORTED:
        return RemoteAbort(text, abort_code=code)
    if completion is Completion.LOCALLY_ABORTED:
        if code == AbortCode.RX_CALL_TIMEOUT:
            return CallTimeout(text, abort_code=code)
        return LocalAbort(text, abort_code=code)
    if completion is Completion.NETWORK_ERROR:
        return NetworkError(text, abort_code=code or None)
    if completion is Completion.BUSY:
        return ServerBusy(text)
    return CallError(text, abort_code=code or None, completion=completion)
