"""Leaving a call: finishing it when ``async with`` ends, and closing it with ``aclose()``.

Both end our own phase if it is still open and deal with the peer's: leaving ``async with``
reads the rest of it (a server must have the whole request before it may reply; a client
waits for the reply to complete), while ``aclose()`` abandons it, aborting the call when
the peer is still sending.  Neither is a checkpoint unless it has to wait for the peer, so
leaving a call that has already completed costs no scheduler pass.  These are the bodies
of :class:`~trio_rxrpc.Call` methods; the caller owns the call.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import trio

from ._proto.call import CallCore, CallState, Completion
from ._proto.codes import AbortCode

if TYPE_CHECKING:
    from ._call import Call

_RECV_REQUEST: Final = CallState.SERVER_RECV_REQUEST
_SECURING: Final = CallState.SERVER_SECURING


def request_incoming(core: CallCore) -> bool:
    """Whether a server call's request is still arriving (so it may not reply yet)."""
    state = core.state
    return not core.is_client and (state is _RECV_REQUEST or state is _SECURING)


async def finish(call: Call, core: CallCore) -> None:
    """Complete the call gracefully and raise its failure if nobody saw it yet.

    Cancellation propagates; the caller then aborts the call.
    """
    if core.completion is None and request_incoming(core):
        # The handler left before the request ended: take the rest, then reply.
        await discard_incoming(call, core)
    if core.completion is None and core.is_sending:
        await call._send(core, b"", eor=True, closing=True, settle=False)
    if core.is_client:
        await discard_incoming(call, core)
    if core.completion not in (None, Completion.SUCCEEDED) and not call._failure_reported:
        raise call._failure(core)


async def discard_incoming(call: Call, core: CallCore) -> None:
    """Read and drop the peer's phase until it ends (or, for a client, the call does).

    Not a checkpoint unless it has to wait for the peer; cancellation propagates.
    """
    while True:
        if core.completion is not None and core.completion is not Completion.SUCCEEDED:
            return
        data = core.read(None, call._endpoint._now())
        if data:
            if core.completion is None:
                call._endpoint._pump_if_busy()  # the window opened
            continue
        if data is not None and not core.is_client:
            return  # the request has ended
        if core.is_client and core.completion is not None:
            return
        await call._wait()


async def close_gracefully(call: Call, core: CallCore) -> None:
    """The body of ``aclose()`` for a started call (see :meth:`~trio_rxrpc.Call.aclose`).

    Checkpoint; cancellation propagates and the caller aborts the call.
    """
    if core.completion is not None:
        await trio.lowlevel.checkpoint()
        return
    if request_incoming(core):
        call._abort_core(AbortCode.RX_USER_ABORT)  # we will not read the rest
        await trio.lowlevel.checkpoint()
        return
    if core.is_sending and not call._sending:
        await call._send(core, b"", eor=True, closing=True)
        if core.is_client:
            await discard_incoming(call, core)
        return
    if core.is_client or call._sending:
        call._abort_core(AbortCode.RX_USER_ABORT)  # abandon the reply, or a send cut short
    await trio.lowlevel.checkpoint()
