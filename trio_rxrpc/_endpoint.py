"""Endpoint: one UDP socket, its receive loop and timers, under a trio nursery.

The endpoint is the thin trio shell around :class:`~trio_rxrpc._proto.endpoint.EndpointCore`.
It runs two tasks.  The receive task drains the non-blocking socket until it would block,
feeding the datagrams to the core in batches (one ``now`` and one pump each, see
:mod:`._pump`) and only then awaits readability.  The timer task sleeps until the core's
next deadline.  Everything that changes the core (a datagram, a timer, a user command) is
followed by one *pump*: flush the core's datagrams with ``sendmsg``, wake the tasks whose
calls changed, hand new calls to accept queues, and pull the timer in if the deadline moved
earlier.
"""

from __future__ import annotations

import errno
import ipaddress
import json
import random
import secrets
import socket as _stdlib_socket
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, cast, final

import trio

from . import _busypoll as busypoll
from ._admission import Admission
from ._group import GroupMember, member_transport
from ._listing import ListingMixin
from ._listquery import KINDS, MEMBER_DTYPE, STATISTICS_DTYPE, listing_page, listing_types
from ._proto.codes import AbortCode
from ._proto.config import EndpointConfig
from ._proto.endpoint import EndpointCore
from ._proto.wire import PacketType
from ._pump import BATCH, Pump
from ._reporting import Reporter
from ._sender import Sender
from ._socket import BoundSocket
from ._statistics import EndpointStatistics, endpoint_statistics
from ._transport import DatagramNetwork, DatagramTransport, UDPNetwork, UDPTransport
from ._validate import check_address

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable, Sequence

    from ._proto.call import CallCore
    from ._proto.callhost import RandomSource
    from ._proto.connection import Address
    from ._serve import AcceptGroup


@final
class Endpoint(ListingMixin):
    """A local Rx endpoint.  Made by :func:`open_endpoint`."""

    def __init__(self, *, _transport: DatagramTransport, _core: EndpointCore) -> None:
        self._transport = _transport
        self._core = _core
        # The run's clock, asked directly: trio.current_time() is three Python calls deep,
        # and a small call reads the clock about a dozen times.
        self._now = trio.lowlevel.current_clock().current_time
        self._sockets: list[BoundSocket] = []
        self._closed = False
        self._resolved: dict[tuple[object, ...], Address] = {}
        self._sender = Sender(_transport, gso=_core.config.udp_gso)
        self._admission = Admission(_core)
        _core.listing_types = listing_types()
        reporter = Reporter(f"endpoint {self._local_name()}", _core.counters, now=self._now())
        self._engine = engine = Pump(self, _core, self._sender, self._now, self._admission,
                                     reporter)
        """The pump, the receive loop, the timer's scope and the send backlog (_pump.py)."""
        self._pump: Callable[[], None] = engine.pump
        """Flush, hand over, wake and rearm: after anything that changed the core."""
        self._admission.flush = engine.pump
        self._pump_if_busy: Callable[[], None] = engine.pump_if_busy
        """Pump if the core has work, else only rearm the timer (after a read)."""
        self._busy_watch: busypoll.Watch | None = None
        """This endpoint's socket as the run's busy poller watches it (``busy_poll``)."""
        real = cast("object", _transport)
        if _core.config.busy_poll > 0 and isinstance(real, UDPTransport):
            self._busy_watch = busypoll.register(real.socket, _core.config.busy_poll)

    def __repr__(self) -> str:
        return f"<trio_rxrpc.Endpoint {self.address}>"

    @property
    def address(self) -> Address:
        """The local address the UDP socket is bound to."""
        return self._transport.getsockname()

    @property
    def receive_errors(self) -> int:
        """Errors reading the socket (counted, never raised)."""
        return self._engine.receive_errors

    @property
    def send_errors(self) -> int:
        """Datagrams the kernel refused to send (counted, never raised)."""
        return self._sender.send_errors

    @property
    def config(self) -> EndpointConfig:
        """The protocol parameters in force."""
        return self._core.config

    def _local_name(self) -> str:
        try:
            address = self._transport.getsockname()
        except OSError:  # pragma: no cover - a closed socket
            return "?"
        return f"{address[0]}:{address[1]}"

    def statistics(self) -> EndpointStatistics:
        """Counters since the endpoint opened: packets and bytes each way, retransmissions,
        drops by reason, BUSY and ABORTs each way, table sizes, RTT (a frozen snapshot)."""
        sender = self._sender
        watch = self._busy_watch
        return endpoint_statistics(self._core, bytes_sent=sender.bytes_sent,
                                   send_errors=sender.send_errors,
                                   receive_errors=self.receive_errors,
                                   send_calls=sender.send_calls, udp_gso=sender.gso,
                                   gso_refused=sender.gso_refused,
                                   admission_waited=self._admission.waited,
                                   admission_waiting=self._admission.waiting,
                                   busy_polls=watch.spins if watch else 0,
                                   busy_poll_hits=watch.hits if watch else 0)

    def _answer_listings(self, requests: Sequence[tuple[bytes, Address, int, int]]) -> None:
        """Answer the listing requests of the last receive batch, from this layer's data."""
        core = self._core
        for header, addr, dtype, page in requests:
            body = self._listing_page(dtype, page)
            if body is not None:
                core.send_raw_reply(memoryview(header), addr, PacketType.DEBUG, body,
                                    keep_flags=True)

    def _listing_page(self, dtype: int, page: int) -> bytes | None:
        if dtype == MEMBER_DTYPE:
            index, size = self._core.cid_group
            return json.dumps([{"index": index, "size": size}] if page == 0 else []).encode()
        if dtype == STATISTICS_DTYPE:
            from ._groupstats import statistics_row

            return json.dumps([statistics_row(self.statistics())] if page == 0
                              else []).encode()
        for kind, (code, _row) in KINDS.items():
            if code == dtype:
                rows = getattr(self, f"list_{kind}")()
                return listing_page(rows, page)
        return None

    def socket(self) -> BoundSocket:
        """A new bound socket on this endpoint, with its own user call ID space.

        Raises:
            trio.ClosedResourceError: the endpoint has closed.
        """
        self._check_open()
        sock = BoundSocket(_endpoint=self)
        self._sockets.append(sock)
        return sock

    def _check_open(self) -> None:
        if self._closed:
            raise trio.ClosedResourceError("the endpoint is closed")

    async def _resolve(self, address: tuple[object, ...]) -> Address:
        if len(address) < 2:
            raise ValueError(f"not a (host, port) address: {address!r}")
        family = self._transport.family
        cached = self._resolved.get(address)
        if cached is not None:
            await trio.lowlevel.checkpoint()
            return cached
        normal = normalize_address(address, family)
        if normal is not None:
            if len(self._resolved) < 4096:
                self._resolved[address] = normal  # numeric: cannot change meaning
            await trio.lowlevel.checkpoint()
            return normal
        if not isinstance(cast("object", self._transport), UDPTransport):
            await trio.lowlevel.checkpoint()
            return (str(address[0]), int(str(address[1])))
        infos = await trio.socket.getaddrinfo(str(address[0]), int(str(address[1])),
                                              type=_stdlib_socket.SOCK_DGRAM)
        for fam, _type, _proto, _name, sockaddr in infos:
            if fam in (family, _stdlib_socket.AF_INET):
                resolved = normalize_address(sockaddr, family)
                if resolved is not None:
                    return resolved
        raise OSError(f"cannot resolve {address[0]!r} to an address this endpoint can reach")

    # ------------------------------------------------------------------ the pump

    def _too_big(self) -> None:
        """Datagrams were refused as too big: shrink the paths they were for (the next pump
        sends accordingly).  The refusal also waits in the socket's error queue, which
        would otherwise keep it readable: read it now."""
        core = self._core
        sender = self._sender
        now = self._now()
        addresses, sender.too_big = sender.too_big, []
        for address in dict.fromkeys(addresses):
            core.path_too_big(address, None, now=now)
        self._read_errors(now)

    def _dispatch_new_calls(self, calls: Sequence[CallCore], now: float) -> None:
        """Offer each new call to its listener's accept queue; refuse those it cannot take."""
        core = self._core
        for call in calls:
            listener = call.listener
            queue = listener.queue if listener is not None else None
            if queue is None:
                core.call_not_queued(call, AbortCode.RX_INVALID_OPERATION, now, "no listener")
            elif not queue.offer(call):
                core.call_not_queued(call, AbortCode.RX_CALL_DEAD, now,
                                     "the accept queue is unavailable")
        out = core.datagrams_to_send(now=now)
        if out:
            self._engine.send(out)

    def _close_group(self, group: AcceptGroup) -> None:
        core = self._core
        core.unlisten(group.listener)
        group.send.close()
        now = self._now()
        while True:
            try:
                call = group.receive.receive_nowait()
            except (trio.WouldBlock, trio.EndOfChannel, trio.ClosedResourceError):
                break
            core.abort(call, AbortCode.RX_CALL_DEAD, now, "no socket is left to accept the call")
        group.receive.close()
        self._pump()

    # ------------------------------------------------------------------ tasks

    def _network_error(self, exc: OSError, now: float) -> None:
        """An ICMP error surfaced on the socket: act on what the error queue says."""
        if self._read_errors(now):
            self._pump()

    def _read_errors(self, now: float) -> int:
        """Empty the socket's error queue: "too big" shrinks the path to the destination it
        names, anything else fails the calls to it that have heard nothing yet.  Returns how
        many errors there were."""
        read_error = getattr(self._transport, "read_error", None)
        if read_error is None:
            return 0
        core = self._core
        for count in range(BATCH):
            report = read_error()
            if report is None:
                return count
            address, error, mtu = report
            if error.errno == errno.EMSGSIZE:
                core.path_too_big(address, mtu, now=now)
            else:
                core.peer_unreachable(address, f"{error.strerror or error} (ICMP)", now=now)
        return BATCH

    async def _timer_loop(self) -> None:
        core = self._core
        engine = self._engine
        while True:
            with trio.CancelScope(deadline=core.next_deadline()) as scope:
                engine.timer_scope = scope
                await trio.sleep_forever()
            engine.timer_scope = None
            core.handle_timers(now=self._now())
            self._pump()

    async def _backlog_loop(self) -> None:
        transport = self._transport
        engine = self._engine
        backlog = engine.backlog
        send = self._sender.send
        while True:
            await engine.backlog_event.wait()
            engine.backlog_event = trio.Event()
            while backlog:
                await transport.wait_writable()
                while backlog:
                    batch = [backlog.popleft() for _ in range(min(len(backlog), BATCH))]
                    rest = send(batch)
                    if self._sender.too_big:
                        self._too_big()
                    if rest is not None:
                        backlog.extendleft(reversed(batch[rest:]))
                        break

    def _shutdown(self) -> None:
        if self._closed:
            return
        if self._busy_watch is not None:
            busypoll.unregister(self._busy_watch)
        for sock in list(self._sockets):
            sock.close()
        self._core.close(now=self._now())
        self._closed = True
        self._admission.close()
        backlog = self._engine.backlog
        out = list(backlog) + self._core.datagrams_to_send(now=self._now())
        backlog.clear()
        sender = self._sender
        # Last chance: a datagram that finds the buffer full is counted as an error.
        rest = sender.send(out)
        while rest is not None:
            sender.send_errors += 1
            rest = sender.send(out, rest + 1)
        for call in [*self._core.live_calls, *self._core.take_dirty()]:
            waiter = call.waiter
            if waiter is not None:
                waiter._wake()


@asynccontextmanager
async def open_endpoint(
    address: tuple[str, int] | None = None, *, config: EndpointConfig | None = None,
    network: DatagramNetwork | None = None, rng: RandomSource | None = None,
    group: GroupMember | None = None,
) -> AsyncIterator[Endpoint]:
    """Open an Rx endpoint on a UDP socket bound to ``address`` (default ``("::", 0)``).

    The endpoint's receive loop and timers run in a nursery inside this context.  On exit,
    live calls are aborted (``RX_CALL_DEAD``; servers' fully sent replies simply end), the
    ABORTs are flushed, and the socket is closed.  ``network`` replaces the real UDP network
    (for example with :class:`trio_rxrpc.testing.SimulatedNetwork`), and ``rng`` the random
    source for epochs and connection IDs (default: the system's).

    ``group`` opens the endpoint as one member of an endpoint group (see
    :func:`trio_rxrpc.make_group_sockets`): on a duplicate of the member's socket, which is
    already bound (``address``, if given, must name its port or port 0), and with client
    connection IDs that the group steers back to this member.

    Raises:
        TypeError, ValueError: ``address`` is not a ``(host, port)`` tuple with a port in
            0..65535, or ``config`` is not an :class:`EndpointConfig`.
        OSError: the address cannot be bound.
        ValueError: ``group`` names something other than a bound UDP group socket, or is
            given with ``network``.
    """
    if address is not None:
        check_address(address, port_zero=True)
    if config is not None and not isinstance(config, EndpointConfig):
        raise TypeError(f"config must be an EndpointConfig, not {type(config).__name__}")
    cfg = config or EndpointConfig()
    cid_group = (0, 1)
    transport: DatagramTransport
    if group is not None:
        if network is not None:
            raise ValueError("a group member uses its group's socket, not another network")
        transport = cast("DatagramTransport", member_transport(group, address=address))
        cid_group = (group.index, group.size)
    else:
        net = network if network is not None else UDPNetwork()
        transport = cast("DatagramTransport",
                         net.bind(address if address is not None else ("::", 0),
                                  buffer_size=cfg.udp_buffer_size))
    source: RandomSource = rng if rng is not None else random.Random(secrets.randbits(64))
    try:
        core = EndpointCore(config=cfg, rng=source, now=trio.current_time(),
                            cid_group=cid_group)
    except BaseException:
        transport.close()
        raise
    endpoint = Endpoint(_transport=transport, _core=core)
    single: BaseException | None = None
    try:
        async with trio.open_nursery() as nursery:
            nursery.start_soon(endpoint._engine.receive_loop, transport,
                               name=f"{endpoint!r}: receive loop")
            nursery.start_soon(endpoint._timer_loop, name=f"{endpoint!r}: timer loop")
            nursery.start_soon(endpoint._backlog_loop, name=f"{endpoint!r}: backlog loop")
            try:
                yield endpoint
            finally:
                endpoint._shutdown()
                nursery.cancel_scope.cancel()
    except BaseExceptionGroup as group:
        # The background tasks never raise, so the group holds the body's exception (and
        # perhaps Cancelled): re-raise that one, outside this handler, so callers see
        # exactly what they raised.
        single = _single_exception(group)
        if single is None:
            raise
    finally:
        endpoint._shutdown()
        transport.close()
    if single is not None:
        raise single

def _leaves(group: BaseExceptionGroup[BaseException]) -> list[BaseException]:
    found: list[BaseException] = []
    for exc in group.exceptions:
        if isinstance(exc, BaseExceptionGroup):
            found.extend(_leaves(exc))
        else:
            found.append(exc)
    return found


def _single_exception(group: BaseExceptionGroup[BaseException]) -> BaseException | None:
    leaves = _leaves(group)
    errors = [exc for exc in leaves if not isinstance(exc, trio.Cancelled)]
    if len(errors) == 1:
        return errors[0]
    if not errors and leaves:
        return leaves[0]
    return None


def normalize_address(address: tuple[object, ...], family: int) -> Address | None:
    """Turn a numeric ``(host, port)`` into what a socket of ``family`` reports, or None."""
    host = str(address[0])
    port = int(str(address[1]))
    try:
        ip = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return None
    if family == _stdlib_socket.AF_INET6:
        if isinstance(ip, ipaddress.IPv4Address):
            return (f"::ffff:{ip}", port, 0, 0)
        flow = int(str(address[2])) if len(address) > 2 else 0
        scope = int(str(address[3])) if len(address) > 3 else 0
        return (str(ip), port, flow, scope)
    if isinstance(ip, ipaddress.IPv6Address):
        mapped = ip.ipv4_mapped
        if mapped is None:
            raise ValueError(f"an IPv4 endpoint cannot reach {host}")
        return (str(mapped), port)
    return (str(ip), port)
