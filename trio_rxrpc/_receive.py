"""Reading a call's incoming phase without a scheduler pass per piece.

:meth:`~trio_rxrpc.Call.receive_all` gathers the whole phase in one pass over what has
arrived, parking only when it has to wait for more, and
:meth:`~trio_rxrpc.Call.receive_some_nowait` takes what has arrived without waiting at all
(so a reader that has what it needs can see the end of the phase for free).  These are the
bodies of :class:`~trio_rxrpc.Call` methods; the caller owns the call and has claimed its
receiving side.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import trio

from ._errors import DataTooLarge
from ._proto.call import CallCore, Completion
from ._proto.codes import AbortCode

if TYPE_CHECKING:
    from ._call import Call

_SUCCEEDED = Completion.SUCCEEDED


def read_nowait(call: Call, core: CallCore, max_bytes: int | None) -> bytes:
    """What has arrived of the peer's phase (up to ``max_bytes``), ``b""`` at its end.

    Raises:
        trio.WouldBlock: nothing to read yet (or, on a client, the request is still open).
        trio.ClosedResourceError: the call was closed.
        CallError: the call ended unsuccessfully.
    """
    if call._closed:
        raise trio.ClosedResourceError("the call was closed")
    if core.completion is not None and core.completion is not _SUCCEEDED:
        raise call._failure(core)
    if core.is_client and core.is_sending:
        raise trio.WouldBlock  # no reply before the request ends (receive_some ends it)
    data = core.read(max_bytes, trio.current_time())
    if data is None:
        raise trio.WouldBlock
    call._endpoint._pump()  # window updates for what was read
    return data


async def read_all(call: Call, core: CallCore, max_size: int | None) -> bytes:
    """The rest of the peer's phase, up to its end of record.

    Yields exactly once when everything has already arrived; otherwise parks until more
    does.  Cancellation loses what was read so far (the call stays alive).

    Raises:
        DataTooLarge: more than ``max_size`` bytes arrived (the call is aborted).
        trio.ClosedResourceError: the call was closed.
        CallError: the call ended unsuccessfully.
    """
    parts: list[bytes] = []
    size = 0
    parked = False
    while True:
        if call._closed:
            raise trio.ClosedResourceError("the call was closed")
        if core.completion is not None and core.completion is not _SUCCEEDED:
            raise call._failure(core)
        data = core.read(None, trio.current_time())
        if data is None:
            call._endpoint._pump()  # window updates for what was read
            await call._wait()
            parked = True
            continue
        if not data:
            break
        parts.append(data)
        size += len(data)
        if max_size is not None and size > max_size:
            code = (AbortCode.RXGEN_CC_UNMARSHAL if core.is_client
                    else AbortCode.RXGEN_SS_UNMARSHAL)
            call._abort_core(code)
            call._failure_reported = True
            raise DataTooLarge(
                f"the peer sent more than {max_size} bytes; the call was aborted",
                abort_code=code)
    call._endpoint._pump()
    if not parked:
        await trio.lowlevel.cancel_shielded_checkpoint()
    return b"".join(parts)
