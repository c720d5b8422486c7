"""Calls to a ubik-replicated database: try the cell's database servers in turn.

The volume location and protection databases of a cell are replicated by ubik on every
database server.  Any server answers reads; writes succeed only on the synchronization site,
and the others refuse them with ``UNOTSYNC``.  OpenAFS's ubik client (``ubik_Call`` and the
``ubik_*`` stubs rxgen generates) decides from each call's result code what to do next:

* a negative code (an Rx error: the server is dead or timed out, ``RX_CALL_DEAD``,
  ``RXGEN_OPCODE``...) marks the server down and moves on to the next one;
* ``UNOTSYNC`` (not the sync site) and ``UNOQUORUM`` (no quorum elected) move on, without
  marking the server down; after an ``UNOTSYNC`` the sync site, once known, is tried next;
* anything else, success or an application code (``VL_NOENT``, ``PRPERM``, an ``RXKAD*``
  code...), is the answer, returned at once; the server counts as up again.

Servers marked down are tried only after all the others.  :class:`UbikServers` follows those
rules, with these differences:

* it starts from the server that answered last, rather than from a list shuffled once;
* a down mark lasts ``dead_for`` seconds (OpenAFS keeps it until the server answers);
* each server is tried at most once per call (OpenAFS's second pass retries every server);
* time is bounded: each attempt by ``attempt_timeout`` (except the last candidate's, which
  may use the rest of the call's time) and the whole call by ``deadline``;
* a ``ServerBusy`` (the server kept answering BUSY) moves on and marks the server down,
  as OpenAFS does when such a call ends in a negative Rx code (it waits out BUSY answers);
* a call that is not idempotent moves on only after failures that show the server did not
  run it (``UNOTSYNC``, ``UNOQUORUM``, BUSY, an unknown procedure or service, an address
  that does not resolve); after one that leaves this unknown (a timeout, a dead peer) its
  error is raised.
"""

from __future__ import annotations

import math
from collections import deque
from typing import TYPE_CHECKING, TypeVar

import attrs
import trio

from .._errors import CallError, NetworkError, RemoteAbort, ServerBusy
from .._proto.codes import AbortCode
from .._validate import check_address, check_seconds

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Iterable

__all__ = [
    "UNOQUORUM",
    "UNOSERVERS",
    "UNOTSYNC",
    "NoServerAnswered",
    "ServerFailure",
    "UbikServers",
    "Verdict",
    "classify",
]

T = TypeVar("T")
Address = tuple[str, int]

UNOQUORUM = 5376
"""Ubik error: no quorum elected (com_err table ``U``, entry 0)."""
UNOTSYNC = 5377
"""Ubik error: this server is not the synchronization site (writes must go there)."""
UNOSERVERS = 5389
"""Ubik error: no servers appear to be up (what OpenAFS returns when none could be tried)."""

_NOT_RUN_CODES = frozenset({
    AbortCode.RX_INVALID_OPERATION,  # no such service
    AbortCode.RX_RESTARTING,
    AbortCode.RXGEN_SS_UNMARSHAL,  # the server could not decode the arguments
    AbortCode.RXGEN_DECODE,
    AbortCode.RXGEN_OPCODE,  # no such procedure
})
"""Negative abort codes sent by a server that never started the procedure."""


@attrs.frozen
class Verdict:
    """What one attempt's exception means for a ubik call (see :func:`classify`)."""

    retry: bool
    """Another server may do better: move on.  ``False``: this is the server's answer."""
    down: bool = False
    """Mark the server down (try it after the others for a while)."""
    not_run: bool = False
    """The server certainly did not run the procedure (so even a write may move on)."""


_ANSWER = Verdict(retry=False)
_NEXT = Verdict(retry=True, not_run=True)
_DOWN = Verdict(retry=True, down=True)
_DOWN_NOT_RUN = Verdict(retry=True, down=True, not_run=True)


def classify(exc: BaseException) -> Verdict | None:
    """How ubik's client rules treat ``exc``, raised by an attempt on one server.

    Returns ``None`` for exceptions that say nothing about the server (a bug, a bad argument,
    cancellation): they propagate at once.
    """
    if isinstance(exc, ServerBusy):
        return _DOWN_NOT_RUN
    if isinstance(exc, NetworkError):
        return _DOWN
    if isinstance(exc, CallError):
        code = exc.abort_code
        if code in (UNOTSYNC, UNOQUORUM) and isinstance(exc, RemoteAbort):
            return _NEXT
        if code is None:
            return _DOWN
        if code < 0:
            if isinstance(exc, RemoteAbort) and code in _NOT_RUN_CODES:
                return _DOWN_NOT_RUN
            return _DOWN
        return _ANSWER
    if isinstance(exc, OSError):  # the address did not resolve, or could not be sent to
        return _DOWN_NOT_RUN
    return None


@attrs.frozen
class ServerFailure:
    """Why one server did not give the answer, in one call."""

    address: Address
    reason: str
    error: BaseException | None = attrs.field(default=None, eq=False, repr=False)

    def __str__(self) -> str:
        return f"{self.address[0]}:{self.address[1]}: {self.reason}"


class NoServerAnswered(NetworkError):
    """No database server gave an answer, within the call's deadline or at all.

    Attributes:
        failures: what happened at each server tried, in order.
        deadline_passed: whether the call's ``deadline`` ended it.
    """

    def __init__(self, failures: Iterable[ServerFailure], *, deadline: float | None = None,
                 deadline_passed: bool = False) -> None:
        self.failures = tuple(failures)
        self.deadline_passed = deadline_passed
        head = ("no database server answered"
                + (f" within {deadline:g} s" if deadline_passed and deadline else ""))
        detail = "; ".join(map(str, self.failures)) or "no server was tried"
        super().__init__(f"{head}: {detail}")


def _describe(exc: BaseException) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


@attrs.define(eq=False)
class ServerTable:
    """Which server to try first, which are down, and which is the sync site (pure state).

    Times are seconds on any monotonic clock; :class:`UbikServers` uses trio's.
    """

    count: int
    dead_for: float = 60.0
    preferred: int = 0
    """The server that answered last (tried first while it is up)."""
    sync_site: int | None = None
    """The server that last took a call after another said ``UNOTSYNC``."""
    down_until: list[float] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        self.down_until = [-math.inf] * self.count

    def is_down(self, index: int, now: float) -> bool:
        return self.down_until[index] > now

    def order(self, now: float) -> list[int]:
        """The servers in the order to try them: the up ones from the preferred, then the
        down ones (in the same rotation)."""
        rotated = [(self.preferred + k) % self.count for k in range(self.count)]
        up = [i for i in rotated if not self.is_down(i, now)]
        return up + [i for i in rotated if self.is_down(i, now)]

    def answered(self, index: int, *, after_unotsync: bool = False) -> None:
        """``index`` gave the call's answer: prefer it, and it is up."""
        self.preferred = index
        self.down_until[index] = -math.inf
        if after_unotsync:
            self.sync_site = index

    def failed(self, index: int, now: float, verdict: Verdict) -> None:
        """``index`` failed as ``verdict`` says."""
        if verdict.down:
            self.down_until[index] = now + self.dead_for
        if self.sync_site == index:
            self.sync_site = None


class UbikServers:
    """A :class:`~trio_rxrpc.rpc.Target` that makes each call on one of several ubik servers.

    Args:
        addresses: the database servers' ``(host, port)`` for the service called, in the
            order to try them at first.
        deadline: seconds the whole call may take, every server tried included (``None``:
            no limit beyond the servers' own).
        attempt_timeout: seconds one server may take before the next is tried (``None``: no
            limit, so a silent server holds the call until the client's ``timeout`` fails
            it).  The last candidate is not cut short: it may use what is left of
            ``deadline``.
        dead_for: seconds a server that failed (dead, timed out, Rx error) is tried only
            after the others.

    The object remembers between calls which server answered last and which failed, and
    may be shared by concurrent calls.

    Raises:
        TypeError, ValueError: no addresses, a bad address or a bad number of seconds.
    """

    def __init__(self, addresses: Iterable[Address], *, deadline: float | None = 30.0,
                 attempt_timeout: float | None = 10.0, dead_for: float = 60.0) -> None:
        if isinstance(addresses, tuple) and len(addresses) == 2 and isinstance(addresses[0],
                                                                               str):
            raise TypeError("addresses must be a list of (host, port) tuples, not one tuple")
        self.addresses: tuple[Address, ...] = tuple(
            check_address(a, what="a server address")[:2] for a in addresses)
        if not self.addresses:
            raise ValueError("a ubik target needs at least one server address")
        self.deadline = check_seconds("deadline", deadline, allow_none=True)
        self.attempt_timeout = check_seconds("attempt_timeout", attempt_timeout, allow_none=True)
        self.dead_for = check_seconds("dead_for", dead_for)
        self._table = ServerTable(len(self.addresses), dead_for=self.dead_for)

    def __repr__(self) -> str:
        servers = ", ".join(f"{h}:{p}" for h, p in self.addresses)
        return f"UbikServers([{servers}], deadline={self.deadline}, " \
               f"attempt_timeout={self.attempt_timeout})"

    def primary(self) -> Address:
        """The server the next call will try first (for split calls, which go to one server).

        Call it from within trio (it reads trio's clock to know which servers are down).
        """
        return self.addresses[self._table.order(trio.current_time())[0]]

    def is_down(self, address: Address) -> bool:
        """Whether ``address`` is currently marked down (call from within trio)."""
        now = trio.current_time()
        return any(self._table.is_down(i, now)
                   for i, a in enumerate(self.addresses) if a == address)

    async def run(self, attempt: Callable[[Address], Awaitable[T]], *,
                  idempotent: bool) -> T:
        """Make a call through ``attempt(address)``, trying servers by ubik's rules.

        Returns what the first answering server's attempt returns; an application error
        (``VL_NOENT``, ``PRPERM``...) from a server is its answer, raised at once.

        Cancellation: cancelling the caller cancels the attempt in progress (which aborts
        its Rx call) and leaves this object's memory of the servers as it was.  An attempt
        cut short by ``attempt_timeout`` is cancelled the same way, and its server marked
        down.

        Raises:
            NoServerAnswered: every server failed without an answer (dead, timed out, Rx
                errors), or ``deadline`` passed.
            RemoteAbort: the application's answer; or, when every server failed and at least
                one of them answered with a ubik or Rx error (``UNOQUORUM``, ``UNOTSYNC``,
                ``RXGEN_OPCODE``...), the last such answer, with a note listing every
                server's failure.
            CallError: for a call that is not idempotent, the failure after which it cannot
                be known whether the server ran it.
        """
        failures: list[ServerFailure] = []
        current: Address | None = None
        with trio.move_on_after(math.inf if self.deadline is None else self.deadline) as whole:
            remaining = deque(self._table.order(trio.current_time()))
            unotsync = False
            while remaining:
                index = remaining.popleft()
                current = self.addresses[index]
                limit = self.attempt_timeout if remaining and self.attempt_timeout else math.inf
                with trio.move_on_after(limit) as one:
                    try:
                        result = await attempt(current)
                    except Exception as exc:
                        verdict = classify(exc)
                        if verdict is None:
                            raise
                        if not verdict.retry:
                            self._table.answered(index)
                            raise
                        self._table.failed(index, trio.current_time(), verdict)
                        failures.append(ServerFailure(current, _describe(exc), exc))
                        if not (idempotent or verdict.not_run):
                            _add_notes(exc, failures[:-1])
                            exc.add_note(_NOT_RETRIED)
                            raise
                        if _code(exc) == UNOTSYNC:
                            unotsync = True
                            _move_to_front(remaining, self._table.sync_site)
                        continue
                    self._table.answered(index, after_unotsync=unotsync)
                    return result
                # Only this attempt's own time limit ends up here.
                assert one.cancelled_caught
                self._table.failed(index, trio.current_time(), _DOWN)
                failures.append(ServerFailure(current, f"no answer within {limit:g} s"))
                if not idempotent:
                    error = NoServerAnswered(failures)
                    error.add_note(_NOT_RETRIED)
                    raise error
            current = None
        if whole.cancelled_caught and current is not None:
            failures.append(ServerFailure(current, "cut short by the call's deadline"))
        raise _give_up(failures, self.deadline, whole.cancelled_caught)


_NOT_RETRIED = "not tried on another server: the call is not idempotent and may have run"


def _code(exc: BaseException) -> int | None:
    """The abort code an exception carries, if any."""
    code = getattr(exc, "abort_code", None)
    return code if isinstance(code, int) else None


def _move_to_front(remaining: deque[int], index: int | None) -> None:
    if index is not None and index in remaining:
        remaining.remove(index)
        remaining.appendleft(index)


def _add_notes(exc: BaseException, failures: list[ServerFailure]) -> None:
    if failures:
        exc.add_note("earlier servers: " + "; ".join(map(str, failures)))


def _give_up(failures: list[ServerFailure], deadline: float | None,
             deadline_passed: bool) -> BaseException:
    """The most informative error once no server gave an answer."""
    answers = [f for f in failures if isinstance(f.error, RemoteAbort)]
    if answers and not deadline_passed:
        error = answers[-1].error
        assert error is not None
        error.add_note("servers tried: " + "; ".join(map(str, failures)))
        return error
    return NoServerAnswered(failures, deadline=deadline, deadline_passed=deadline_passed)
