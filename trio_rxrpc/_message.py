"""Messages of the AF_RXRPC-style message API.

:meth:`BoundSocket.recvmsg` returns one :class:`Message` at a time, each about one call bound
to the socket.  A message carries some of the call's data, or the call's terminal
information, or both.  The terminal message has ``end_of_record`` set (AF_RXRPC's MSG_EOR):
after it the call is gone and its user ID may be used again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from ._proto.call import Completion

if TYPE_CHECKING:
    from collections.abc import Hashable

_EMPTY = b""


def _short(data: bytes) -> str:
    return f"<{len(data)} bytes>"


@attrs.frozen(kw_only=True)
class Message:
    """One message from :meth:`~trio_rxrpc.BoundSocket.recvmsg`.

    Attributes:
        user_id: the call the message is about.
        data: some of the peer's data (possibly empty).
        more: more data of the peer's current phase is still to come (AF_RXRPC MSG_MORE).
        end_of_record: this is the call's terminal message (MSG_EOR); the user ID is free.
        completion: on the terminal message, how the call ended.
        abort_code: on a terminal abort, the code; else ``None``.
        error: on an unsuccessful terminal message, a readable description.
        new_call: the first message of an incoming call this socket took from the accept
            queue (tagged with one of the socket's charged user IDs).
        service_id: the call's service.
        peer: the remote address.
    """

    user_id: Hashable
    data: bytes = attrs.field(default=_EMPTY, repr=_short)
    more: bool = False
    end_of_record: bool = False
    completion: Completion | None = None
    abort_code: int | None = None
    error: str | None = None
    new_call: bool = False
    service_id: int = 0
    peer: tuple[object, ...] = ()

    @property
    def succeeded(self) -> bool:
        """Whether this is the terminal message of a call that ended well."""
        return self.completion is Completion.SUCCEEDED
