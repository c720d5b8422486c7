"""The base of generated clients: one method call is one Rx call.

A generated ``Client`` method encodes its arguments, hands the opcode and the bytes to
:meth:`Client._invoke`, and gets back the decoded reply.  Where the call goes is the
client's *target*: a ``(host, port)`` tuple, or any :class:`Target`, such as the ubik server
set of an AFS cell (:class:`trio_rxrpc.afs.UbikServers`), which may try several servers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, TypeVar

from .._errors import LocalAbort, RemoteAbort
from .._proto.codes import AbortCode
from .._proto.security.base import ClientSecurity
from .._validate import check_address, check_seconds, check_service_id
from ._errors import error_class
from .codec import XDRError

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from .._call import Call
    from .._socket import BoundSocket
    from ._split import SplitCall

__all__ = ["Client", "Target", "decode_reply", "typed_abort"]

T = TypeVar("T")

MAX_REPLY = 64 << 20
"""Default limit of a reply's size (bytes); a server that sends more fails the call."""


class Target(Protocol):
    """Where a client's calls go, when that is more than one fixed address.

    ``run`` makes the call through ``attempt(address)``, which performs the whole call with
    one server and returns its result or raises; a target may call it again with other
    servers, by its own rules, as long as ``idempotent`` allows retrying.
    """

    async def run(self, attempt: Callable[[tuple[str, int]], Awaitable[T]], *,
                  idempotent: bool) -> T: ...


def typed_abort(exc: RemoteAbort) -> RemoteAbort:
    """The registered error for a remote abort's code (or ``exc`` itself)."""
    code = exc.abort_code
    if code is None:
        return exc
    cls = error_class(code)
    if cls is None or isinstance(exc, cls):
        return exc
    typed = cls()
    typed.__cause__ = exc
    typed.__suppress_context__ = True
    return typed


def decode_reply(call: Call | None, decode: Callable[[bytes], T], reply: bytes,
                 what: str) -> T:
    """Decode a reply; one that does not decode aborts ``call`` if it still runs."""
    try:
        return decode(reply)
    except XDRError as exc:
        if call is not None:
            call.abort(AbortCode.RXGEN_CC_UNMARSHAL)
        raise LocalAbort(f"{what}: the reply does not decode: {exc}",
                         abort_code=AbortCode.RXGEN_CC_UNMARSHAL) from exc


class Client:
    """Calls an interface's procedures on a server (the base of every generated ``Client``).

    Args:
        socket: the :class:`~trio_rxrpc.BoundSocket` the calls are made on.
        target: the server's ``(host, port)``, or a :class:`Target`.
        service_id: the Rx service ID (default: the interface's own, where it has one).
        security: the calls' key and level (default: the socket's default, else rxnull).
        timeout: how long the server may stay silent before a call fails with
            :class:`~trio_rxrpc.NetworkError` (default: the endpoint's ``dead_time``).
        max_reply: the largest reply accepted, in bytes.

    Methods are coroutines; cancelling one aborts its call.
    """

    SERVICE_ID: int | None = None
    """The interface's usual service ID, if the generated module was given one."""

    def __init__(self, socket: BoundSocket, target: tuple[str, int] | Target, *,
                 service_id: int | None = None, security: ClientSecurity | None = None,
                 timeout: float | None = None, max_reply: int = MAX_REPLY) -> None:
        from .._socket import BoundSocket

        if not isinstance(socket, BoundSocket):
            raise TypeError(f"socket must be a BoundSocket, not {socket!r}")
        if isinstance(target, tuple):
            check_address(target)
        elif not callable(getattr(target, "run", None)):
            raise TypeError(f"target must be a (host, port) tuple or a Target, not {target!r}")
        if service_id is None:
            service_id = self.SERVICE_ID
        if service_id is None:
            raise TypeError("this interface has no usual service ID: pass service_id=")
        check_service_id(service_id)
        if security is not None and not isinstance(security, ClientSecurity):
            raise TypeError(f"security must be a client security object, not {security!r}")
        if timeout is not None:
            check_seconds("timeout", timeout)
        self.socket = socket
        self.target = target
        self.service_id = service_id
        self.security = security
        self.timeout = timeout
        self.max_reply = max_reply

    def __repr__(self) -> str:
        return f"<{type(self).__module__}.{type(self).__qualname__} to {self.target!r}>"

    async def _invoke(self, what: str, request: bytes, decode: Callable[[bytes], T], *,
                      idempotent: bool = True) -> T:
        """Send ``request`` (opcode and arguments), return ``decode(reply)``."""

        async def attempt(address: tuple[str, int]) -> T:
            try:
                # The whole call in one operation: its only scheduler pass is the wait for
                # the reply.
                reply = await self.socket.request(
                    address, self.service_id, request, security=self.security,
                    timeout=self.timeout, max_size=self.max_reply)
            except RemoteAbort as exc:
                raise typed_abort(exc) from None
            return decode_reply(None, decode, reply, what)

        if isinstance(self.target, tuple):
            return await attempt(self.target)
        return await self.target.run(attempt, idempotent=idempotent)

    def _split_address(self) -> tuple[str, int]:
        if isinstance(self.target, tuple):
            return self.target
        pick = getattr(self.target, "primary", None)
        if pick is None:
            raise TypeError("split procedures need a (host, port) target")
        address: tuple[str, int] = pick()
        return address

    def _split(self, what: str, request: bytes, decode: Callable[[bytes], T]) -> SplitCall[T]:
        """A split call's context manager (see :class:`~trio_rxrpc.rpc.SplitCall`)."""
        from ._split import SplitCall

        call = self.socket.call(self._split_address(), self.service_id,
                                security=self.security, timeout=self.timeout)
        return SplitCall(call, request, decode, what)
