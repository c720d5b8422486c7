"""Messages of the AF_RXRPC-style message API.

:meth:`BoundSocket.recvmsg` returns one :class:`Message` at a time, each about one call bound
to the socket.  A message carries some of the call's data, or the call's terminal
information, or both.  The terminal message has ``end_of_record`` set (AF_RXRPC's MSG_EOR):
after it the call is gone and its user ID may be used again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
import trio

from ._proto.call import Completion

if TYPE_CHECKING:
    from collections.abc import Hashable

    from ._call import Call
    from ._socket import BoundSocket

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


def message_from(sock: BoundSocket, call: Call, max_bytes: int | None) -> Message | None:
    """The next message about ``call`` for ``sock``'s recvmsg(), or ``None`` if it has none.

    The terminal message (end of record) also forgets the call, freeing its user ID.
    """
    core = call._started()
    new = not call._announced
    call._announced = True
    base = Message(user_id=call.user_id, service_id=core.service_id,
                   peer=core.peer.address, new_call=new)
    completion = core.completion
    if completion is not None and completion is not Completion.SUCCEEDED:
        _collect(sock, call)
        return attrs.evolve(base, end_of_record=True, completion=completion,
                            abort_code=core.abort_code or None, error=core.error)
    data = core.read(max_bytes, trio.current_time()) or b""
    phase_done = core.rx_done()
    if completion is Completion.SUCCEEDED and (phase_done or not core.is_client):
        _collect(sock, call)
        return attrs.evolve(base, data=data, end_of_record=True, completion=completion)
    if data or new or (phase_done and not call._rx_end_reported):
        if phase_done:
            call._rx_end_reported = True
        return attrs.evolve(base, data=data, more=not phase_done)
    return None

def _collect(sock: BoundSocket, call: Call) -> None:
    """The terminal message was taken: forget the call and free its ID."""
    call._released = True
    if call._core is not None:
        call._core.waiter = None
    sock._calls.pop(call.user_id, None)
    sock._ready.pop(call.user_id, None)
    if sock._select_recv == call.user_id:
        sock._select_recv = None
    if sock._select_send == call.user_id:
        sock._select_send = None
