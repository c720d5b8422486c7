"""BoundSocket: an application's handle onto an endpoint, with its own user call IDs.

Several bound sockets can share one endpoint (one UDP socket).  A socket that listens on
services owns an accept group: the services, and a trio memory channel of calls waiting to
be accepted whose capacity is the listen backlog.  :meth:`BoundSocket.bind_channel` makes
another socket on the same group, so a pool of workers pulls from one queue (multiqueue).
Each socket has its own space of user call IDs; a call belongs to the socket that accepted
it, or the socket that made it, and closing a socket aborts its calls.
"""

from __future__ import annotations

import itertools
from collections import deque
from typing import TYPE_CHECKING, NoReturn, Self, final

import trio

from . import _serve
from ._call import Call
from ._client import ClientMixin
from ._errors import LocalProtocolError
from ._message import Message, message_from
from ._proto.codes import AbortCode
from ._proto.security.base import ClientSecurity, ServerSecurity
from ._serve import AcceptGroup
from ._statistics import SocketStatistics
from ._validate import (
    check_abort_code,
    check_int,
    check_service_id,
    check_upgrade_rule,
    check_user_id,
)

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Hashable, Iterable
    from types import TracebackType

    from ._endpoint import Endpoint
    from ._filestream import FileLike
    from ._proto.call import CallCore
    from ._proto.connection import Address


@final
class BoundSocket(ClientMixin):
    """A user-call-ID space on an :class:`Endpoint`.  Made by :meth:`Endpoint.socket`."""

    def __init__(self, *, _endpoint: Endpoint, _group: AcceptGroup | None = None) -> None:
        self._endpoint = _endpoint
        self._group = _group
        self._receive: trio.MemoryReceiveChannel[CallCore] | None = None
        if _group is not None:
            self._receive = _group.receive.clone()
            _group.sockets.append(self)
        self._calls: dict[Hashable, Call] = {}
        self._charges: deque[Hashable] = deque()
        self._lot = trio.lowlevel.ParkingLot()
        self._ready: dict[Hashable, None] = {}
        """Message-mode calls that may have something for recvmsg(), in the order they woke."""
        self._select_recv: Hashable | None = None
        self._select_send: Hashable | None = None
        self._fresh_ids = itertools.count(1)
        self._closed = False
        self._quick_replies = 0
        self.default_security: ClientSecurity | None = None
        """Security for client calls that do not choose their own, or ``None`` for rxnull."""

    def __repr__(self) -> str:
        services = sorted(self._group.listener.service_ids) if self._group else []
        return f"<trio_rxrpc.BoundSocket services={services} calls={len(self._calls)}>"

    @property
    def endpoint(self) -> Endpoint:
        """The endpoint this socket belongs to."""
        return self._endpoint

    @property
    def service_ids(self) -> frozenset[int]:
        """The services this socket accepts calls for (empty if it does not listen)."""
        return self._group.listener.service_ids if self._group else frozenset()

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called."""
        return self._closed

    async def __aenter__(self) -> Self:
        await trio.lowlevel.checkpoint()
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None,
                        exc: BaseException | None, tb: TracebackType | None) -> None:
        await self.aclose()

    def statistics(self) -> SocketStatistics:
        """The socket's calls, queues and charges (a frozen snapshot)."""
        group = self._group
        return SocketStatistics(
            service_ids=self.service_ids, calls=len(self._calls),
            accept_queue=group.listener.pending if group is not None else 0,
            backlog=group.listener.backlog if group is not None else 0,
            recv_queue=self._recv_queue_len(), charges=len(self._charges),
            busy_sent=group.listener.busy_sent if group is not None else 0,
            quick_replies=self._quick_replies, closed=self._closed)

    def calls(self) -> dict[Hashable, Call]:
        """The live calls bound to this socket, by user call ID (a copy)."""
        return dict(self._calls)

    def _check_open(self) -> None:
        if self._closed:
            raise trio.ClosedResourceError("the socket is closed")
        self._endpoint._check_open()

    # ------------------------------------------------------------------ server

    def listen(self, service_ids: Iterable[int], backlog: int = 16, *,
               security: Iterable[ServerSecurity] = (), min_level: int = 0,
               upgrade: tuple[int, int] | None = None) -> None:
        """Accept calls to ``service_ids`` on this socket, queueing up to ``backlog``.

        Calls arriving while ``backlog`` calls already wait are answered BUSY.  rxnull is
        always accepted unless ``min_level`` is above 0; pass rxkad server objects in
        ``security`` to accept those too.  ``upgrade=(old, new)``, two of ``service_ids``,
        upgrades a new connection to service ``new`` when its client asks for a service
        upgrade on a call to ``old`` (like Linux's ``RXRPC_UPGRADEABLE_SERVICE``): the
        accepted call's :attr:`~Call.service_id` is then ``new``.  Synchronous.

        Raises:
            TypeError: a service ID or the backlog is not an integer, a security object
                is not a server security class, or ``upgrade`` is not a pair of integers.
            ValueError: no services, a service ID out of range or already served on this
                endpoint, a backlog below 1, a level outside 0..2, or an ``upgrade`` rule
                that is not between two different services of ``service_ids``.
            LocalProtocolError: this socket already listens.
            trio.ClosedResourceError: the socket or endpoint was closed.
        """
        self._check_open()
        if self._group is not None:
            raise LocalProtocolError("this socket already listens; use bind_channel() for more")
        if isinstance(service_ids, int):
            raise TypeError("service_ids must be a collection of service IDs, e.g. [1234]")
        service_ids = [check_service_id(sid) for sid in service_ids]
        if not service_ids:
            raise ValueError("listen() needs at least one service ID")
        check_int("backlog", backlog, 1, 1 << 20)
        check_int("min_level", min_level, 0, 2)
        security = list(security)
        for sec in security:
            if not isinstance(sec, ServerSecurity):
                raise TypeError(f"security must hold server security objects, not {sec!r}")
        rule = check_upgrade_rule(upgrade)
        listener = self._endpoint._core.listen(service_ids, backlog=backlog,
                                               securities=security, min_level=min_level,
                                               upgrade=rule)
        send, receive = trio.open_memory_channel["CallCore"](backlog)
        self._group = AcceptGroup(listener=listener, send=send, receive=receive)
        listener.queue = self._group
        self._receive = receive.clone()
        self._group.sockets.append(self)

    def bind_channel(self) -> BoundSocket:
        """A new socket that serves the same services and pulls from the same accept queue.

        It has its own user call ID space.  Synchronous.

        Raises:
            LocalProtocolError: this socket does not listen.
        """
        self._check_open()
        if self._group is None:
            raise LocalProtocolError("bind_channel() needs a listening socket")
        sock = BoundSocket(_endpoint=self._endpoint, _group=self._group)
        self._endpoint._sockets.append(sock)
        return sock

    def _new_user_id(self) -> Hashable:
        while True:
            candidate = next(self._fresh_ids)
            if candidate not in self._calls and candidate not in self._charges:
                return candidate

    def charge_accept(self, user_id: Hashable) -> None:
        """Make ``user_id`` available for the next call this socket accepts.  Synchronous.

        Raises:
            TypeError: the ID is not hashable.
            ValueError: the ID is in use by a live call of this socket or already charged.
        """
        self._check_open()
        check_user_id(user_id)
        if user_id in self._calls or user_id in self._charges:
            raise ValueError(f"user call ID {user_id!r} is already in use on this socket")
        self._charges.append(user_id)

    async def accept(self) -> Call:
        """Take the next incoming call from the shared accept queue.

        The call is tagged with this socket's first charged user ID (a fresh ID is charged
        when none is) and belongs to this socket from then on.  Checkpoint, and cancel-safe:
        if cancelled, no call is taken.

        Raises:
            LocalProtocolError: this socket does not listen.
            trio.ClosedResourceError: the socket or endpoint was closed.
        """
        self._check_open()
        if self._receive is None:
            raise LocalProtocolError("accept() needs a listening socket")
        try:
            core = await self._receive.receive()
        except trio.EndOfChannel:
            raise trio.ClosedResourceError("the socket's services were closed") from None
        return self._take(core)

    def _accept_nowait(self) -> Call | None:
        """The next queued call, if one is waiting (for serve(), which drains the queue)."""
        assert self._receive is not None
        try:
            core = self._receive.receive_nowait()
        except trio.WouldBlock:
            return None
        except trio.EndOfChannel:
            raise trio.ClosedResourceError("the socket's services were closed") from None
        return self._take(core)

    def _take(self, core: CallCore) -> Call:
        """Adopt an accepted call under this socket's first charged user ID (or a fresh one)."""
        user_id = self._charges.popleft() if self._charges else self._new_user_id()
        return self._adopt(core, user_id)

    async def serve(
        self, handler: Callable[[Call], Awaitable[object]], *,
        quick: Callable[[Call, bytes], bytes | bytearray | memoryview | None] | None = None,
        task_status: trio.TaskStatus[None] = trio.TASK_STATUS_IGNORED,
    ) -> NoReturn:
        """Accept calls forever, running ``handler(call)`` for each in a task of its own.

        Each call is entered with ``async with`` around the handler, so a handler that returns
        completes its call gracefully and one that raises aborts it (``RX_USER_ABORT``).
        Whatever the peer does ends at most its own call: a :class:`CallError` from a call
        (the peer aborted or vanished, sent more than ``receive_all(max_size=...)`` allows, a
        timeout passed, a security check failed) is absorbed, and serving goes on.  Any other
        exception from a handler is a bug in the handler: it propagates and stops serving, as
        :func:`trio.serve_tcp` does.  Signals ``task_status.started()`` once accepting.
        While this socket is the only one on its accept queue, a new call skips the queue:
        its handler task is started as soon as the call arrives.  Cancel the surrounding
        scope to stop: live calls are then aborted, and calls arriving meanwhile stay queued.

        ``quick``, a plain function, answers small calls with no task (:ref:`quick-serve`):
        ``quick(call, request)`` is tried first for each call whose whole request has
        arrived when it is taken, and returns the whole reply (sent at once, with its end)
        or ``None`` to leave the call, its request unread, to ``handler``.  It runs in the
        endpoint's receive loop, so it must not block.  An exception from it (or a reply
        that is not bytes-like) aborts its call and propagates, as a handler's does.

        Raises:
            LocalProtocolError: this socket does not listen.
            trio.ClosedResourceError: the socket or endpoint was closed.
            TypeError: ``handler`` or ``quick`` is not callable.
        """
        self._check_open()
        if self._receive is None or self._group is None:
            raise LocalProtocolError("serve() needs a listening socket")
        if not callable(handler):
            raise TypeError(f"handler must be an async function, not {handler!r}")
        if quick is not None and not callable(quick):
            raise TypeError(f"quick must be a function or None, not {quick!r}")

        await _serve.serve_forever(self, self._group, handler, quick, task_status)

    def _adopt(self, core: CallCore, user_id: Hashable) -> Call:
        self._endpoint._core.call_accepted(core)
        call = Call(_endpoint=self._endpoint, _socket=self, user_id=user_id, core=core)
        self._calls[user_id] = call
        return call

    def _recv_queue_len(self) -> int:
        return sum(1 for uid in self._ready if uid in self._calls)

    # ------------------------------------------------------------ message API

    def _call_ready(self, call: Call) -> None:
        if self._calls.get(call.user_id) is call:
            self._ready[call.user_id] = None
            self._lot.unpark_all()

    def _bound_call(self, user_id: Hashable) -> Call:
        call = self._calls.get(user_id)
        if call is None:
            raise LocalProtocolError(f"no call with user ID {user_id!r} is bound to this socket")
        return call

    def select_call_for_recv(self, user_id: Hashable | None) -> None:
        """Restrict :meth:`recvmsg` (and :meth:`splice`) to one call, or lift it with ``None``.

        The selection clears by itself when that call's terminal message (end of record) is
        collected.  Synchronous.

        Raises:
            LocalProtocolError: no call with that ID is bound to this socket.
        """
        self._check_open()
        if user_id is not None:
            self._bound_call(user_id)
        self._select_recv = user_id
        self._lot.unpark_all()

    def select_call_for_send(self, user_id: Hashable | None) -> None:
        """Name the call that :meth:`sendfile` feeds, or clear it with ``None``.  Synchronous.

        Raises:
            LocalProtocolError: no call with that ID is bound to this socket.
        """
        self._check_open()
        if user_id is not None:
            self._bound_call(user_id)
        self._select_send = user_id

    @property
    def selected_for_recv(self) -> Hashable | None:
        """The call :meth:`recvmsg` is restricted to, if any."""
        return self._select_recv

    @property
    def selected_for_send(self) -> Hashable | None:
        """The call :meth:`sendfile` feeds, if any."""
        return self._select_send

    async def sendmsg(
        self, user_id: Hashable, data: bytes | bytearray | memoryview = b"", *,
        end_of_record: bool = False, address: tuple[str, int] | Address | None = None,
        service_id: int | None = None, security: ClientSecurity | None = None,
        timeout: float | None = None,  # noqa: ASYNC109 - a per-call protocol timer
        hard_timeout: float | None = None, idle_timeout: float | None = None,
        exclusive: bool = False, upgrade_service: bool = False, tx_length: int | None = None,
    ) -> None:
        """Send data on the call ``user_id``, or start a client call with that ID.

        With an unused ID, ``address`` and ``service_id`` start a new client call (the other
        keywords are its per-call options, as for :meth:`call`).  ``end_of_record`` ends this
        side's phase (the request, or a server's reply); without it more data is expected
        (AF_RXRPC's MSG_MORE).  Checkpoint; waits while the send window is full, and a new
        call first waits for admission while its bundle is full (as :meth:`call`).
        Cancellation mid-way aborts the call.

        Raises:
            LocalProtocolError: an unknown ID without an address, or options on a known one.
            ValueError: the send would go past the call's ``tx_length``, or end short of it.
            CallError: the call ended unsuccessfully.
        """
        self._check_open()
        call = self._calls.get(user_id)
        if call is None:
            if address is None or service_id is None:
                raise LocalProtocolError(
                    f"no call {user_id!r}: give address and service_id to start one")
            call = self.call(address, service_id, user_id=user_id, security=security,
                             timeout=timeout, hard_timeout=hard_timeout,
                             idle_timeout=idle_timeout, exclusive=exclusive,
                             upgrade_service=upgrade_service, tx_length=tx_length)
            call._message_mode = True
            call._announced = True
            try:
                await self._start_client_call(call)
            except BaseException:
                self._calls.pop(user_id, None)
                raise
        elif address is not None or service_id is not None:
            raise LocalProtocolError(f"call {user_id!r} already exists; address not allowed")
        core = call._begin_send()
        try:
            await call._send(core, data, eor=end_of_record)
        finally:
            call._sending = False

    def abort(self, user_id: Hashable, code: int = AbortCode.RX_USER_ABORT) -> None:
        """Abort the call ``user_id`` with ``code``.  Synchronous; its terminal message follows.

        Raises:
            LocalProtocolError: no such call on this socket.
            ValueError: ``code`` is 0 or not a signed 32-bit value.
        """
        check_abort_code(code)
        self._bound_call(user_id).abort(code)

    async def recvmsg(self, max_bytes: int | None = None) -> Message:
        """The next message of any message-API call bound to this socket, in arrival order.

        Calls made with :meth:`sendmsg` and calls this socket takes from the accept queue
        (only while it has charged user IDs: see :meth:`charge_accept`) speak through here;
        :class:`Call` objects from :meth:`call` and :meth:`accept` do not.  While a call is
        selected with :meth:`select_call_for_recv`, only its messages are returned.
        Checkpoint, and cancel-safe: a cancelled recvmsg takes nothing.

        Raises:
            LocalProtocolError: nothing could ever arrive (no message-API calls, no charges,
                no selection).
            trio.ClosedResourceError: the socket was closed.
        """
        self._check_open()
        if max_bytes is not None and max_bytes < 1:
            raise ValueError("max_bytes must be at least 1")
        await trio.lowlevel.checkpoint_if_cancelled()
        while True:
            msg = self._next_message(max_bytes)
            if msg is not None:
                self._endpoint._pump()
                await trio.lowlevel.cancel_shielded_checkpoint()
                return msg
            if self._select_recv is None and not self._charges and not any(
                    c._message_mode for c in self._calls.values()):
                raise LocalProtocolError(
                    "recvmsg() would wait forever: no message-API calls and no charged IDs")
            await self._lot.park()
            self._check_open()

    def _next_message(self, max_bytes: int | None) -> Message | None:
        selected = self._select_recv
        if selected is not None:
            call = self._calls.get(selected)
            if call is None:
                self._select_recv = None
                return None
            return message_from(self, call, max_bytes)
        for uid in list(self._ready):
            call = self._calls.get(uid)
            if call is None or not call._message_mode:
                del self._ready[uid]
                continue
            msg = message_from(self, call, max_bytes)
            if msg is not None:
                return msg
            del self._ready[uid]
        if self._charges and self._receive is not None:
            try:
                core = self._receive.receive_nowait()
            except (trio.WouldBlock, trio.EndOfChannel, trio.ClosedResourceError):
                return None
            call = self._adopt(core, self._charges.popleft())
            call._message_mode = True
            return message_from(self, call, max_bytes)
        return None

    async def splice(self, target: FileLike, count: int | None = None) -> int:
        """Write the data of the call chosen with :meth:`select_call_for_recv` to ``target``.

        As :meth:`Call.splice`.  The call's completion is still collected with
        :meth:`recvmsg` (which also clears the selection).

        Raises:
            LocalProtocolError: no call is selected for receiving.
        """
        self._check_open()
        if self._select_recv is None:
            raise LocalProtocolError("no call is selected for receiving (select_call_for_recv)")
        return await self._bound_call(self._select_recv).splice(target, count)

    async def sendfile(self, file: FileLike, offset: int = 0, count: int | None = None) -> int:
        """Stream a file into the call chosen with :meth:`select_call_for_send`.

        The phase is not ended (as if MSG_MORE were set): finish it with
        ``sendmsg(user_id, end_of_record=True)``.  Checkpoint; cancellation aborts the call.

        Raises:
            LocalProtocolError: no call is selected for sending.
        """
        self._check_open()
        if self._select_send is None:
            raise LocalProtocolError("no call is selected for sending (select_call_for_send)")
        return await self._bound_call(self._select_send).sendfile(file, offset, count)

    def _release_call(self, call: Call) -> None:
        if self._calls.get(call.user_id) is call:
            del self._calls[call.user_id]

    # ------------------------------------------------------------------ closing

    def close(self) -> None:
        """Close the socket: abort its calls (``RX_CALL_DEAD``), release its charges.

        When the last socket of an accept group closes, the calls still waiting to be
        accepted are aborted too and the services stop being offered.  Synchronous and
        idempotent.
        """
        if self._closed:
            return
        self._closed = True
        for call in list(self._calls.values()):
            call.abort(AbortCode.RX_CALL_DEAD)
            call._unpark()
        self._calls.clear()
        self._ready.clear()
        self._lot.unpark_all()
        self._charges.clear()
        group = self._group
        if group is not None:
            if self in group.sockets:
                group.sockets.remove(self)
            if self._receive is not None:
                self._receive.close()
            if not group.sockets:
                self._endpoint._close_group(group)
        if self in self._endpoint._sockets:
            self._endpoint._sockets.remove(self)

    async def aclose(self) -> None:
        """As :meth:`close`, then a checkpoint."""
        self.close()
        await trio.lowlevel.checkpoint()
