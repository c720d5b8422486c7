"""Writing the application's data into a call: the body of every send on a call.

:meth:`~trio_rxrpc.Call.send_all`, :meth:`~trio_rxrpc.Call.send_eof`, the end of a request
that a client's first receive implies, leaving a call, ``sendfile`` and a socket's
``sendmsg`` all come here (:meth:`~trio_rxrpc.Call.send_nowait` to :func:`write_nowait`).
The data goes into the call's core as the send window allows (the core copies it into
packets; nothing is copied here), and the endpoint pumps after each piece, so what the
window lets out leaves at once.  Compiled with the core; the caller owns the call and has
claimed its sending side.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import trio

from ._errors import LocalProtocolError
from ._leave import request_incoming
from ._proto.call import CallCore, Completion
from ._proto.codes import AbortCode
from ._validate import check_declared_length

if TYPE_CHECKING:
    from ._call import Call

CHUNK: Final = 1 << 20
"""The most bytes handed to the core in one go (it takes only what the window allows)."""

OUT_OF_PHASE: Final = ("a server replies only after the whole request has arrived: read it "
                       "to its end (receive_some() returns b'') first")

_SUCCEEDED: Final = Completion.SUCCEEDED


async def write(call: Call, core: CallCore, view: memoryview, eor: bool, closing: bool,
                settle: bool) -> None:
    """Queue ``view`` (bytes; with ``eor``, the end of the phase after them), waiting for
    window space.

    Always checks for cancellation first.  It yields to the scheduler at least once (a
    full checkpoint) when ``settle`` is true; callers that reach a yield of their own
    straight after (a receive that follows the implicit end of a request) pass false.
    ``closing`` lets the end of the phase go out on a call the application has closed.
    Cancellation while waiting for space aborts the call (``RX_USER_ABORT``), since the
    peer would otherwise see a truncated stream.

    Raises:
        trio.ClosedResourceError: the call was closed, or this side's phase has ended.
        LocalProtocolError: a server replying before the whole request has arrived.
        ValueError: past (or, ending, short of) the call's declared size (``tx_length``).
        CallError: the call ended unsuccessfully.
    """
    await trio.lowlevel.checkpoint_if_cancelled()
    parked = False
    declared = core.expected_tx_length
    if declared is not None and not closing and core.is_sending:
        check_declared_length(declared, core.tx_queued_bytes + len(core.tx_pending),
                              len(view), eor)
    endpoint = call._endpoint
    offset = 0
    total = len(view)
    while True:
        if not _phase_open(call, core, closing, eor, total):
            break  # the phase has already ended: nothing more to do
        space = core.tx_space()
        if space > 0 or (offset == total and eor):
            chunk = view[offset:offset + min(space, CHUNK)]
            offset += core.write(chunk, eor=eor and offset + len(chunk) == total,
                                 now=endpoint._now())
            endpoint._pump()
            if offset == total and (not eor or not core.is_sending):
                break
            continue
        try:
            await call._wait()
        except BaseException:
            call.abort(AbortCode.RX_USER_ABORT)
            raise
        parked = True
    if settle and not parked:
        await trio.lowlevel.cancel_shielded_checkpoint()


def write_nowait(call: Call, core: CallCore, view: memoryview, eor: bool, *,
                 pump: bool = True) -> None:
    """Queue all of ``view`` (with ``eor``, and the end of the phase after it) now, or
    nothing: ``trio.WouldBlock`` if the send window has no room for all of it.  Never
    yields; the endpoint pumps before this returns, unless ``pump`` is false (the caller
    is inside a pump that flushes afterwards).

    Raises:
        trio.WouldBlock: the window has no room for all of ``view``; nothing was queued.
        trio.ClosedResourceError, LocalProtocolError, ValueError, CallError: as :func:`write`.
    """
    total = len(view)
    if not _phase_open(call, core, False, eor, total):
        return  # the phase has already ended: nothing more to do
    declared = core.expected_tx_length
    if declared is not None:
        check_declared_length(declared, core.tx_queued_bytes + len(core.tx_pending), total,
                              eor)
    if not total and not eor:
        return
    if total and core.tx_space() < total:
        raise trio.WouldBlock
    endpoint = call._endpoint
    core.write(view, eor=eor, now=endpoint._now())
    if pump:
        endpoint._pump()


def _phase_open(call: Call, core: CallCore, closing: bool, eor: bool, total: int) -> bool:
    """Whether this side's phase can take ``total`` more bytes (and with ``eor`` its end);
    false when it has already ended and only its end (no data) was asked for.

    Raises:
        trio.ClosedResourceError: the call was closed (unless ``closing``), or this side's
            phase has ended.
        CallError: the call ended unsuccessfully.
        LocalProtocolError: a server replying before the whole request has arrived.
    """
    if call._closed and not closing:
        raise trio.ClosedResourceError("the call was closed")
    completion = core.completion
    if completion is not None and completion is not _SUCCEEDED:
        raise call._failure(core)
    if request_incoming(core):
        raise LocalProtocolError(OUT_OF_PHASE)
    if not core.is_sending:
        if eor and not total and (completion is not None or core.tx_last):
            return False
        raise trio.ClosedResourceError("this side of the call has ended its data")
    return True
