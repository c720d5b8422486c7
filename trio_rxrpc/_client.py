"""The client side of a bound socket: making calls.

:meth:`~trio_rxrpc.BoundSocket.call` makes a call to use with ``async with``, whose entry
starts it (resolving the address, waiting for admission to its bundle, choosing a
connection and channel in the core).  :meth:`~trio_rxrpc.BoundSocket.request` makes a whole
call in one operation: the request out, the whole reply back, with the wait for the reply as
its only scheduler pass.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple, cast

import trio

from . import _soon
from ._call import Call
from ._errors import SecurityError
from ._proto.clientside import bundle_key
from ._proto.security.base import ClientSecurity, SecurityFailure
from ._validate import (
    check_address,
    check_int,
    check_max_size,
    check_seconds,
    check_service_id,
    check_user_id,
)

if TYPE_CHECKING:
    from collections.abc import Hashable

    from ._admission import _Waiting
    from ._endpoint import Endpoint
    from ._proto.connection import Address
    from ._socket import BoundSocket


class StartOptions(NamedTuple):
    """What a client call was made with, kept until ``async with`` starts it."""

    address: tuple[object, ...]
    service_id: int
    security: ClientSecurity | None
    timeout: float | None
    hard_timeout: float | None
    idle_timeout: float | None
    exclusive: bool
    upgrade: bool
    tx_length: int | None


class ClientMixin:
    """The client methods of :class:`~trio_rxrpc.BoundSocket`."""

    _endpoint: Endpoint
    _calls: dict[Hashable, Call]
    default_security: ClientSecurity | None

    if TYPE_CHECKING:  # BoundSocket provides them
        def _check_open(self) -> None: ...
        def _new_user_id(self) -> Hashable: ...
        def _release_call(self, call: Call) -> None: ...

    def call(
        self, address: tuple[str, int] | Address, service_id: int, *,
        user_id: Hashable | None = None, security: ClientSecurity | None = None,
        timeout: float | None = None, hard_timeout: float | None = None,
        idle_timeout: float | None = None,
        exclusive: bool = False, upgrade_service: bool = False, tx_length: int | None = None,
    ) -> Call:
        """Make a client call to ``service_id`` at ``address``; use it with ``async with``.

        Nothing is sent until data is.  ``security`` chooses the call's key and level
        (default: the socket's :attr:`default_security`, else rxnull); calls with different
        security never share a connection.  ``timeout`` is how long the peer may stay silent
        before the call fails with :class:`NetworkError` (default: the endpoint's
        ``dead_time``), ``hard_timeout`` a limit on the whole call.  ``exclusive`` gives the
        call a connection of its own, ``upgrade_service`` asks for a service upgrade (the
        call's :attr:`~Call.service_id` changes if the server grants it), and ``tx_length``
        declares the request size in advance (a send past it, or a ``send_eof`` short of it,
        raises ``ValueError``).  ``idle_timeout`` (default: the
        endpoint's ``client_idle_timeout``, off) aborts the call when the server makes no
        progress for that long.  Synchronous.

        ``async with`` starts the call; while its bundle (same address, service, security
        and ``upgrade_service``) already has the endpoint's
        :attr:`~EndpointConfig.max_calls_per_bundle` live calls, it waits, first come first
        served, for one of them to end (cancellation there leaves cleanly, nothing sent).
        The call's timeouts run from when it is admitted.

        Raises:
            TypeError: the address is not a ``(host, port)`` tuple, or another argument has
                the wrong type.
            ValueError: the user ID is in use, or a port, service ID or timeout is out of
                range.
            trio.ClosedResourceError: the socket or endpoint was closed.
        """
        self._check_open()
        check_address(address)
        check_service_id(service_id)
        if timeout is not None:
            check_seconds("timeout", timeout)
        if hard_timeout is not None:
            check_seconds("hard_timeout", hard_timeout)
        if idle_timeout is not None:
            check_seconds("idle_timeout", idle_timeout)
        if security is not None and ClientSecurity not in type(security).__mro__ and (
                not isinstance(security, ClientSecurity)):  # (the MRO first: no ABC hook)
            raise TypeError(f"security must be a client security object, not {security!r}")
        if tx_length is not None:
            check_int("tx_length", tx_length, 0, 1 << 62)
        if user_id is not None:
            check_user_id(user_id)
        if user_id is None:
            user_id = self._new_user_id()
        elif user_id in self._calls:
            raise ValueError(f"user call ID {user_id!r} is already in use on this socket")
        call = Call(_endpoint=self._endpoint, _socket=cast("BoundSocket", self), user_id=user_id)
        call._pending_start = StartOptions(
            address=address, service_id=service_id,
            security=security if security is not None else self.default_security,
            timeout=timeout, hard_timeout=hard_timeout, idle_timeout=idle_timeout,
            exclusive=bool(exclusive), upgrade=bool(upgrade_service), tx_length=tx_length)
        self._calls[user_id] = call
        return call

    async def request(
        self, address: tuple[str, int] | Address, service_id: int,
        data: bytes | bytearray | memoryview, *, max_size: int | None = None,
        security: ClientSecurity | None = None,
        timeout: float | None = None,  # noqa: ASYNC109 - the peer's silence, as in call()
        hard_timeout: float | None = None, idle_timeout: float | None = None,
        exclusive: bool = False, upgrade_service: bool = False,
    ) -> bytes:
        """Make a whole call: send ``data`` as the request, and return the whole reply.

        The same as ``async with sock.call(address, service_id, ...) as call:``, then
        ``await call.send_all(data)`` and ``return await call.receive_all(max_size)``, with
        the same arguments, errors and wire traffic, in one operation whose only scheduler
        pass is the wait for the reply (the ``async with`` form takes one more, to enter
        the call).  The request and its end leave in the same packets at once when they fit
        the send window, as :meth:`Call.send_nowait` sends them.  A call that has to wait
        for admission to its bundle (see :attr:`~EndpointConfig.max_calls_per_bundle`) waits
        with its request: when its turn comes, the endpoint starts the call and sends the
        request itself, and the task is woken by the reply, so that wait adds no scheduler
        pass either.  A peer's reply larger than ``max_size`` aborts the call
        (``RXGEN_CC_UNMARSHAL``) and raises :class:`DataTooLarge`.  The call is not seen by
        the message API (:meth:`recvmsg`), but is listed in :meth:`calls` while it runs.

        Checkpoint.  Cancellation aborts the call with ``RX_USER_ABORT``, as leaving a
        call's ``async with`` by cancellation does; if it comes while the call waits for
        admission to its bundle, nothing has been sent.

        Raises:
            TypeError: ``data`` is not a contiguous buffer of bytes, or as :meth:`call`.
            ValueError, trio.ClosedResourceError: as :meth:`call`.
            DataTooLarge: the reply was larger than ``max_size``.
            CallError: the call failed (:class:`RemoteAbort` names the peer's abort code).
        """
        try:
            memoryview(data).cast("B")  # what the send does with it: refused before the call
        except TypeError:
            raise TypeError("data must be a contiguous buffer of bytes, not "
                            f"{type(data).__name__}") from None
        max_size = check_max_size(max_size)
        call = self.call(address, service_id, security=security, timeout=timeout,
                         hard_timeout=hard_timeout, idle_timeout=idle_timeout,
                         exclusive=exclusive, upgrade_service=upgrade_service)
        # What ``async with call`` does to start the call (as _start_client_call, quietly:
        # the reply's wait is this operation's scheduler pass), inline, with the request:
        # a call that waits for admission then holds no coroutine but this one (the
        # cyclic collector walks them all while thousands of calls wait).
        start = call._pending_start
        assert start is not None
        waiting = None
        try:
            resolved = self._endpoint._resolved.get(start.address)
            if resolved is not None:
                await trio.lowlevel.checkpoint_if_cancelled()
            else:
                resolved = await self._endpoint._resolve(start.address)
            waiting = self._begin_or_enqueue(call, start, resolved, data)
            if waiting is not None:
                await trio.lowlevel.wait_task_rescheduled(waiting)
        except BaseException:
            self._not_started(call, waiting)
            raise
        sent = waiting is not None and self._after_admission(call, start, resolved, waiting)
        try:
            if sent:  # (by the pump that admitted the call: this task has waited already)
                reply = await _soon.receive_all(call, max_size)
            else:
                await _soon.send(call, data, eof=True)
                reply = await call.receive_all(max_size)
        except BaseException as exc:
            await call.__aexit__(type(exc), exc, exc.__traceback__)
            raise
        await call.__aexit__(None, None, None)
        return reply

    async def _start_client_call(self, call: Call, *, quietly: bool = False) -> None:
        """Start a client call: resolve, admit, and set it up in the core.  A checkpoint,
        or with ``quietly`` only a cancellation point unless the address has to be looked
        up or the bundle is full.  Cancellation before the call has started releases it.
        (:meth:`request` takes the same steps inline.)"""
        start = call._pending_start
        assert start is not None
        waiting = None
        try:
            resolved = self._endpoint._resolved.get(start.address) if quietly else None
            if resolved is not None:
                await trio.lowlevel.checkpoint_if_cancelled()
            else:
                resolved = await self._endpoint._resolve(start.address)
            waiting = self._begin_or_enqueue(call, start, resolved, None)
            if waiting is not None:
                await trio.lowlevel.wait_task_rescheduled(waiting)
        except BaseException:
            self._not_started(call, waiting)
            raise
        if waiting is not None:
            self._after_admission(call, start, resolved, waiting)

    def _begin_or_enqueue(self, call: Call, start: StartOptions, resolved: Address,
                          request: bytes | bytearray | memoryview | None) -> _Waiting | None:
        """Start ``call`` now, or queue it for admission to its bundle and return the
        record to wait with (see :meth:`Admission.enqueue`; with ``request``, the pump
        that admits the call starts it and sends the request, :meth:`_admit_request`).

        Raises:
            trio.ClosedResourceError: the socket or the endpoint is closed.
            SecurityError: the call's security could not be set up.
        """
        self._check_open()
        if not start.exclusive:
            key = bundle_key(resolved, start.service_id, start.security, start.upgrade)
            admission = self._endpoint._admission
            if admission.must_wait(key):
                if request is None:
                    return admission.enqueue(key, call)
                return admission.enqueue(key, call, socket=cast("BoundSocket", self),
                                         resolved=resolved, request=request)
        self._begin_client_call(call, start, resolved)
        return None

    def _not_started(self, call: Call, waiting: _Waiting | None) -> None:
        """Starting ``call`` failed or was cancelled: leave the admission queue, and abort
        the call if the pump had started it meanwhile, else release it (its user ID is free
        again)."""
        if waiting is not None:
            self._endpoint._admission.gave_up(waiting)
        if call._core is not None:
            call.abort()
        else:
            self._release_call(call)

    def _after_admission(self, call: Call, start: StartOptions, resolved: Address,
                         waiting: _Waiting) -> bool:
        """The wait for admission ended: start ``call`` unless the pump did.  Returns
        whether the pump sent the request too.  On failure the call is released (or
        aborted, if it started).

        Raises:
            trio.ClosedResourceError: the call, the socket or the endpoint was closed.
            SecurityError: the call's security could not be set up.
        """
        admission = self._endpoint._admission
        try:
            sent = admission.woken(waiting)
            if call._core is not None:  # started by the pump
                return sent
            try:
                self._check_open()
                if call._closed:
                    raise trio.ClosedResourceError(
                        "the call was closed while it waited for admission")
                self._begin_client_call(call, start, resolved)
            finally:
                admission.pass_on(waiting.key)  # (an unused slot passes on)
        except BaseException:
            self._not_started(call, None)
            raise
        return False

    def _begin_client_call(self, call: Call, start: StartOptions, resolved: Address) -> None:
        """Set up ``call`` in the core (admitted, ``start`` resolved to ``resolved``).

        Raises:
            SecurityError: the call's security could not be set up.
        """
        try:
            core = self._endpoint._core.start_call(
                resolved, start.service_id, now=self._endpoint._now(), security=start.security,
                timeout=start.timeout, hard_timeout=start.hard_timeout,
                idle_timeout=start.idle_timeout, exclusive=start.exclusive,
                upgrade=start.upgrade, tx_length=start.tx_length)
        except SecurityFailure as exc:
            raise SecurityError(f"cannot set up the call's security: {exc.message}",
                                abort_code=exc.code) from None
        core.waiter = call
        call._core = core
        call._pending_start = None

    def _admit_request(self, waiting: _Waiting) -> bool:
        """Start the call of a :meth:`request` whose turn has come (from
        :meth:`Admission.grant`, in a pump) and queue its request, leaving the flush to the
        caller.  The task stays parked, on the call, if the request was queued; it is woken
        to send the request itself if it did not fit the send window, and to raise the
        error if the call could not start.  Returns whether the call holds a slot now."""
        call = waiting.call
        task = waiting.task
        start = call._pending_start
        resolved, request = waiting.resolved, waiting.request
        assert start is not None
        assert resolved is not None
        assert request is not None
        call._admission = None
        try:
            self._begin_client_call(call, start, resolved)
        except Exception as exc:  # (the task raises it, and releases the call)
            waiting.error = exc
            trio.lowlevel.reschedule(task)
            return False
        waiting.started = True
        try:
            call._queue(request, pump=False)
        except Exception:  # (WouldBlock, or the call failed at once: the task finds out)
            trio.lowlevel.reschedule(task)
            return True
        waiting.sent = True
        waiters = call._waiters
        if waiters is None:
            call._waiters = [task]
        else:
            waiters.append(task)
        return True
