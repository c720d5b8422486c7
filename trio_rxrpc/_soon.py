"""Reading and writing a call with no scheduler pass when none is needed.

The library's own handlers and stubs (the rxperf tools, and the RPC services and clients
that rxgen's code builds on) make a small call in as few trio task steps as the API allows:
a request or reply that has already arrived is taken, and one that fits the send window
queued, with the ``nowait`` operations, and the yield is left to the next operation that
has to wait (entering a client call, waiting for the reply, a new handler's start).  Each
falls back to the awaiting operation when it cannot finish at once, so the data and the
errors are those of :meth:`~trio_rxrpc.Call.receive_some`,
:meth:`~trio_rxrpc.Call.receive_all` and :meth:`~trio_rxrpc.Call.send_all`.  Only the
public operations of a call are used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import trio

if TYPE_CHECKING:
    from ._call import Call


async def receive_some(call: Call, max_bytes: int | None = None) -> bytes:
    """What has arrived of the peer's phase (``b""`` at its end), else wait for some as
    :meth:`~trio_rxrpc.Call.receive_some` does.  Cancellation as there, and only checked
    when it has to wait."""
    try:
        return call.receive_some_nowait(max_bytes)
    except trio.WouldBlock:
        return await call.receive_some(max_bytes)


async def receive_all(call: Call, max_size: int | None = None) -> bytes:
    """The peer's whole phase if it has arrived, else wait for it as
    :meth:`~trio_rxrpc.Call.receive_all` does.  Cancellation as there, and only checked
    when it has to wait."""
    try:
        return call.receive_all_nowait(max_size)
    except trio.WouldBlock:
        return await call.receive_all(max_size)


async def send(call: Call, data: bytes | bytearray | memoryview, *, eof: bool = False) -> None:
    """Queue ``data`` (and, with ``eof``, the end of the phase) at once if the send window
    has room for all of it, else send it as :meth:`~trio_rxrpc.Call.send_all` (and
    :meth:`~trio_rxrpc.Call.send_eof`) do.  Cancellation as there, and only checked when it
    has to wait."""
    try:
        call.send_nowait(data, eof=eof)
    except trio.WouldBlock:
        await call.send_all(data)
        if eof:
            await call.send_eof()
