"""Reading a call's incoming phase without a scheduler pass per piece.

:meth:`~trio_rxrpc.Call.receive_all` gathers the whole phase in one pass over what has
arrived, parking only when it has to wait for more, and
:meth:`~trio_rxrpc.Call.receive_some_nowait` takes what has arrived without waiting at all
(so a reader that has what it needs can see the end of the phase for free).  These are the
bodies of :class:`~trio_rxrpc.Call` methods; the caller owns the call and has claimed its
receiving side.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import trio

from ._errors import DataTooLarge
from ._proto.call import CallCore, Completion
from ._proto.codes import AbortCode

if TYPE_CHECKING:
    from ._call import Call

_SUCCEEDED: Final = Completion.SUCCEEDED


def _take(call: Call, core: CallCore, max_bytes: int | None) -> bytes | None:
    """The next piece of the peer's phase (``b""`` at its end), ``None`` if none has arrived.

    Raises:
        trio.ClosedResourceError: the call was closed.
        CallError: the call ended unsuccessfully.
    """
    _check_open(call, core)
    return core.read(max_bytes, call._endpoint._now())


def _check_open(call: Call, core: CallCore) -> None:
    """Raise if the call was closed here or ended unsuccessfully."""
    if call._closed:
        raise trio.ClosedResourceError("the call was closed")
    if core.completion is not None and core.completion is not _SUCCEEDED:
        raise call._failure(core)


def read_nowait(call: Call, core: CallCore, max_bytes: int | None) -> bytes:
    """What has arrived of the peer's phase (up to ``max_bytes``), ``b""`` at its end.

    Raises:
        trio.WouldBlock: nothing to read yet (or, on a client, the request is still open).
        trio.ClosedResourceError: the call was closed.
        CallError: the call ended unsuccessfully.
    """
    if core.is_client and core.is_sending and not call._closed:
        raise trio.WouldBlock  # no reply before the request ends (receive_some ends it)
    data = _take(call, core, max_bytes)
    if data is None:
        raise trio.WouldBlock
    call._endpoint._pump_if_busy()  # window updates for what was read
    return data


async def read_some(call: Call, core: CallCore, max_bytes: int | None) -> bytes:
    """The next piece of the peer's phase, waiting for it if need be (the caller has
    ended a client's request).  One scheduler pass: the wait, or a yield if none.
    Cancel-safe: a cancelled read takes no data."""
    parked = False
    while True:
        data = _take(call, core, max_bytes)
        if data is not None:
            call._endpoint._pump_if_busy()  # window updates for what was read
            if not parked:  # (waiting was this read's yield)
                await trio.lowlevel.cancel_shielded_checkpoint()
            return data
        await call._wait()
        parked = True


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
        data = _take(call, core, None)
        if data is None:
            call._endpoint._pump_if_busy()  # window updates for what was read
            await call._wait()
            parked = True
            continue
        if not data:
            break
        parts.append(data)
        size += len(data)
        if max_size is not None and size > max_size:
            raise _too_large(call, core, max_size)
    call._endpoint._pump_if_busy()
    if not parked:
        await trio.lowlevel.cancel_shielded_checkpoint()
    return b"".join(parts)


def read_all_nowait(call: Call, core: CallCore, max_size: int | None) -> bytes:
    """The rest of the peer's phase if all of it has arrived, taken without waiting.

    Raises:
        trio.WouldBlock: some of it has not arrived yet (nothing was taken); on a client,
            also while the request is still open.
        DataTooLarge, trio.ClosedResourceError, CallError: as :func:`read_all`.
    """
    if core.is_client and core.is_sending and not call._closed:
        raise trio.WouldBlock  # no reply before the request ends (receive_all ends it)
    _check_open(call, core)
    last = core.rx_last
    if not last or core.rx_consumed + len(core.rx_ready) < last:
        raise trio.WouldBlock
    if max_size is not None and core.rx_ready_bytes > max_size:
        raise _too_large(call, core, max_size)
    parts: list[bytes] = []
    while data := _take(call, core, None):
        parts.append(data)
    call._endpoint._pump_if_busy()
    return b"".join(parts)


def _too_large(call: Call, core: CallCore, max_size: int) -> DataTooLarge:
    """Abort a call whose peer sent more than ``max_size`` bytes; the error to raise."""
    code = AbortCode.RXGEN_CC_UNMARSHAL if core.is_client else AbortCode.RXGEN_SS_UNMARSHAL
    call._abort_core(code)
    call._failure_reported = True
    return DataTooLarge(f"the peer sent more than {max_size} bytes; the call was aborted",
                        abort_code=code)
