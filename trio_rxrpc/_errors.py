"""The exceptions trio-rxrpc raises.

Every error is an :class:`RxRPCError`.  A call that ends badly raises a :class:`CallError`
subclass carrying the completion kind and, where there is one, the abort code; misuse and
protocol faults are :class:`ProtocolError` subclasses.  trio's own exceptions keep their
meanings: :class:`trio.ClosedResourceError` after you closed something,
:class:`trio.BusyResourceError` when two tasks send on one call at once, and cancellation is
never wrapped.
"""

from __future__ import annotations

from ._proto.call import Completion
from ._proto.codes import abort_code_name


class RxRPCError(Exception):
    """Base class of every trio-rxrpc error."""


class CallError(RxRPCError):
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
    text = message or f"the call failed: {completion.value}"
    if code and abort_code_name(code) not in text:
        text = f"{text} [{abort_code_name(code)}]"
    if completion is Completion.REMOTELY_ABORTED:
        return RemoteAbort(text, abort_code=code)
    if completion is Completion.LOCALLY_ABORTED:
        return LocalAbort(text, abort_code=code)
    if completion is Completion.NETWORK_ERROR:
        return NetworkError(text, abort_code=code or None)
    if completion is Completion.BUSY:
        return ServerBusy(text)
    return CallError(text, abort_code=code or None, completion=completion)
