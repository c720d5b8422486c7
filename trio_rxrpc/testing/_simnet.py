"""An in-memory UDP network for deterministic tests: :class:`SimulatedNetwork`.

Theory of operation
-------------------
Every bound ``(host, port)`` is a node, a :class:`SimulatedTransport`.  A node owns two
queues:

* ``_in_flight``, a heap of datagrams on their way to it, ordered by arrival time and then by
  a network-wide sequence number, so copies that arrive at the same instant keep their send
  order;
* ``_ready``, the datagrams that have arrived and wait to be read: the socket's receive
  buffer, bounded in bytes.

``sendmsg`` decides everything about a datagram at once, when it is sent: the policy (or the
seeded random treatment) says how many copies travel, how long each takes and what bytes each
carries, and the copies go into the destination's heap.  Nothing runs in the background.
Copies move from the heap to the receive buffer lazily, whenever the receiver (or
:meth:`SimulatedNetwork.statistics`) looks at the node with the current ``trio.current_time()``.
That is exact, not an approximation: the receive buffer only shrinks when its owner reads,
and every read first moves everything that has arrived by then, in arrival order, so a copy
overflows the buffer in this lazy scheme exactly when it would have overflowed on arrival.

Because time comes from ``trio.current_time()`` and randomness from one
``random.Random(seed)`` consumed in send order, a test under :class:`trio.testing.MockClock`
replays identically for a given seed and sequence of sends.

Waiting for a datagram parks on a :class:`trio.lowlevel.ParkingLot` inside a cancel scope
whose deadline is the earliest arrival; a send that becomes the new earliest arrival unparks
the waiter so it can sleep less.  No polling.
"""

from __future__ import annotations

import errno
import heapq
import ipaddress
import math
import os
import random
import socket
from collections import deque
from typing import TYPE_CHECKING, Final, TypeAlias, final

import attrs
import trio

from trio_rxrpc.testing._simrecords import (
    Datagram as Datagram,
    Delivery as Delivery,
    NetworkStatistics as NetworkStatistics,
    TraceEntry as TraceEntry,
    Verdict as Verdict,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    # collections.abc.Buffer is new in Python 3.12.
    from typing_extensions import Buffer

    from trio_rxrpc._transport import Address, ErrorReport

    # An ICMP error coming back to the sender: the errno it raises and, for "too big", the
    # largest payload the path carries.
    _Notice: TypeAlias = tuple[int, int | None]
    # A heap entry: (arrival time, sequence number, source, payload or notice).
    _InFlight: TypeAlias = tuple[float, int, Address, bytes | _Notice]

DEFAULT_BUFFER_SIZE: Final = 4 * 1024 * 1024
"""Default receive buffer of each node, in bytes of queued payload."""

_IP_UDP_HEADERS: Final[dict[int, int]] = {socket.AF_INET: 28, socket.AF_INET6: 48}
_MAX_ERRORS: Final = 64
"""Errors a node's error queue holds at most (older ones are forgotten)."""

_EPHEMERAL_LOW: Final = 40000
_EPHEMERAL_HIGH: Final = 65535


def _os_error(code: int) -> OSError:
    # OSError's constructor picks the subclass (BlockingIOError, ConnectionRefusedError, ...).
    return OSError(code, os.strerror(code))


_probability = attrs.validators.and_(attrs.validators.ge(0.0), attrs.validators.le(1.0))
_non_negative = attrs.validators.ge(0.0)  # NaN fails too
_positive = attrs.validators.gt(0)


def _canonical_host(host: str) -> str:
    if not host:
        return "0.0.0.0"
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        return host  # any name is a valid node: "client", "fileserver-1", ...


def _with_port(address: Address, port: int) -> Address:
    if len(address) == 4:
        return (address[0], port, address[2], address[3])
    return (address[0], port)


def _normalize(address: object) -> tuple[int, Address]:
    """Check a socket address and return its family and canonical form."""
    if not isinstance(address, tuple) or len(address) not in (2, 4):
        raise TypeError(
            f"address must be (host, port) or (host, port, flowinfo, scope_id), not {address!r}"
        )
    host = address[0]
    port = address[1]
    if not isinstance(host, str) or not isinstance(port, int):
        raise TypeError(f"address must start with a str host and an int port: {address!r}")
    if not 0 <= port <= 0xFFFF:
        raise OverflowError("port must be 0-65535.")
    host = _canonical_host(host)
    if ":" not in host:
        if len(address) != 2:
            raise TypeError(f"an IPv4 address must be a (host, port) pair: {address!r}")
        return socket.AF_INET, (host, port)
    flowinfo = scope_id = 0
    if len(address) == 4:
        flowinfo, scope_id = address[2], address[3]
    return socket.AF_INET6, (host, port, flowinfo, scope_id)


@final
@attrs.define(eq=False, kw_only=True)
class SimulatedNetwork:
    """An in-memory UDP network: pass it to ``open_endpoint`` instead of the real one.

    It implements :class:`~trio_rxrpc._transport.DatagramNetwork`.  Each ``bind`` creates a
    node; any host string names a node (``("10.0.0.1", 7000)``, ``("server", 7000)``,
    ``("::1", 7000)``), and there is no wildcard routing: a datagram reaches exactly the
    node bound at its destination ``(host, port)``.  Hosts containing ``:`` are IPv6 and have
    4-tuple addresses.

    Every datagram gets, in this order and from one ``random.Random(seed)``: loss, then
    duplication (a second copy), then per copy a delay of ``delay + uniform(0, jitter)``,
    possibly an extra ``uniform(0, reorder_delay)`` (reordering), and possibly corruption
    (one byte flipped or the tail cut off).  Copies are delivered in order of arrival time,
    then of sending.  A :attr:`policy` may decide instead, datagram by datagram.

    Independently of that, a datagram bigger than its path's MTU (:attr:`path_mtu`,
    :meth:`set_path_mtu`) is dropped on the way, and may come back to its sender as an ICMP
    "too big" (:attr:`icmp_too_big`).

    The impairment attributes may be changed between sends (for example ``loss = 1.0`` to
    partition the network for a while); ``seed`` only matters at construction.

    All methods are synchronous and never checkpoint.  Time is ``trio.current_time()``, so
    under :class:`trio.testing.MockClock` (``autojump_threshold=0``) delays cost nothing and
    arrival times are exact.
    """

    seed: int = 0
    """Seed of the network's ``random.Random``."""
    loss: float = attrs.field(default=0.0, validator=_probability)
    """Probability that a datagram is dropped."""
    duplicate: float = attrs.field(default=0.0, validator=_probability)
    """Probability that a datagram is delivered twice."""
    reorder: float = attrs.field(default=0.0, validator=_probability)
    """Probability, per copy, of an extra ``uniform(0, reorder_delay)`` delay, which lets
    datagrams sent after it overtake it."""
    corrupt: float = attrs.field(default=0.0, validator=_probability)
    """Probability, per copy, that one byte is flipped or the datagram is truncated."""
    delay: float = attrs.field(default=0.0, validator=_non_negative)
    """One-way latency in seconds."""
    jitter: float = attrs.field(default=0.0, validator=_non_negative)
    """Each copy's latency is ``delay + uniform(0, jitter)``."""
    reorder_delay: float = attrs.field(default=0.01, validator=_non_negative)
    """Largest extra delay, in seconds, given to a reordered copy."""
    mtu: int = attrs.field(default=65535, validator=_positive)
    """Largest datagram ``sendmsg`` accepts; bigger ones raise ``OSError(EMSGSIZE)``."""
    path_mtu: int = attrs.field(default=65535, validator=_positive)
    """Largest IP packet the network carries between two nodes: a datagram whose payload,
    plus 28 bytes of IPv4 and UDP headers (48 for IPv6), is bigger is dropped on the way
    (``sendmsg`` succeeds; compare :attr:`mtu`).  :meth:`set_path_mtu` overrides it for one
    direction between two nodes."""
    icmp_too_big: bool = False
    """If true, a datagram dropped for the path MTU comes back to its sender (after one
    ``delay``) as a router's ICMP "fragmentation needed" does on Linux with ``IP_RECVERR``:
    the next ``recvfrom_into`` raises ``OSError(EMSGSIZE)`` and ``read_error()`` tells the
    destination and the largest payload the path carries."""
    policy: Callable[[Datagram], Verdict | None] | None = None
    """Called with every sent datagram: a :class:`Verdict` decides its fate, None leaves it to
    the random treatment.  It must not raise; whatever it raises propagates out of
    ``sendmsg``."""
    icmp_unreachable: bool = False
    """If true, a datagram to an address nobody bound makes the sender's next
    ``recvfrom_into`` (after one round trip of ``delay``) raise ``ConnectionRefusedError``,
    as Linux reports ICMP port unreachable on a socket with ``IP_RECVERR``.  If false such
    datagrams vanish silently."""
    buffer_size: int = attrs.field(default=DEFAULT_BUFFER_SIZE, validator=_positive)
    """Default receive buffer per node, in bytes of payload; ``bind(buffer_size=)`` overrides
    it.  Arrivals that do not fit are dropped."""
    record: bool = False
    """If true, append a :class:`TraceEntry` to :attr:`trace` for every sent datagram."""

    trace: list[TraceEntry] = attrs.field(init=False, factory=list)
    """Every sent datagram and its fate, oldest first (only with ``record=True``)."""

    _random: random.Random = attrs.field(
        init=False,
        repr=False,
        default=attrs.Factory(lambda self: random.Random(self.seed), takes_self=True),
    )
    _nodes: dict[tuple[str, int], SimulatedTransport] = attrs.field(
        init=False, repr=False, factory=dict
    )
    _port_cursor: int = attrs.field(init=False, repr=False, default=0)
    _seq: int = attrs.field(init=False, repr=False, default=0)
    _sent: int = attrs.field(init=False, repr=False, default=0)
    _delivered: int = attrs.field(init=False, repr=False, default=0)
    _dropped: int = attrs.field(init=False, repr=False, default=0)
    _duplicated: int = attrs.field(init=False, repr=False, default=0)
    _corrupted: int = attrs.field(init=False, repr=False, default=0)
    _reordered: int = attrs.field(init=False, repr=False, default=0)
    _unroutable: int = attrs.field(init=False, repr=False, default=0)
    _overflowed: int = attrs.field(init=False, repr=False, default=0)
    _too_big: int = attrs.field(init=False, repr=False, default=0)
    _path_mtus: dict[tuple[Address, Address], int] = attrs.field(
        init=False, repr=False, factory=dict)
    _in_flight: int = attrs.field(init=False, repr=False, default=0)

    def bind(self, address: Address, *, buffer_size: int | None = None) -> SimulatedTransport:
        """Create a transport bound to ``address``.  Not a checkpoint.

        Args:
            address: ``(host, port)``, or ``(host, port, flowinfo, scope_id)`` for an IPv6
                host (one containing ``:``).  Port 0 picks a free port from 40000 up.
                ``""`` means ``"0.0.0.0"``; it is a node like any other.
            buffer_size: receive buffer in bytes, instead of :attr:`buffer_size` (None or 0
                keeps the default, as :class:`~trio_rxrpc._transport.UDPNetwork` does).

        Returns:
            The new :class:`SimulatedTransport`.

        Raises:
            OSError: ``EADDRINUSE`` if a live transport is bound there already, or no
                ephemeral port is free.
            TypeError: ``address`` is not a socket address.
            OverflowError: the port is out of range.
            ValueError: ``buffer_size`` is negative.
        """
        family, local = _normalize(address)
        host, port = local[0], local[1]
        if buffer_size is not None and buffer_size < 0:
            raise ValueError(f"buffer_size must not be negative, not {buffer_size!r}")
        if port == 0:
            port = self._free_port(host)
            local = _with_port(local, port)
        elif (host, port) in self._nodes:
            raise _os_error(errno.EADDRINUSE)
        transport = SimulatedTransport(self, family, local, buffer_size or self.buffer_size)
        self._nodes[host, port] = transport
        return transport

    def statistics(self) -> NetworkStatistics:
        """Return the network's counters.  Not a checkpoint.

        Inside ``trio.run`` it first moves every copy that has arrived by now into its
        receive buffer, so ``delivered`` and ``in_flight`` are up to date.
        """
        try:
            now = trio.current_time()
        except RuntimeError:
            pass  # outside trio.run: report what is known
        else:
            for node in list(self._nodes.values()):
                node._arrive(now)
        return NetworkStatistics(
            sent=self._sent,
            delivered=self._delivered,
            dropped=self._dropped,
            duplicated=self._duplicated,
            corrupted=self._corrupted,
            reordered=self._reordered,
            unroutable=self._unroutable,
            overflowed=self._overflowed,
            too_big=self._too_big,
            in_flight=self._in_flight,
        )

    def set_path_mtu(self, src: Address, dst: Address, mtu: int | None) -> None:
        """Make the path from ``src`` to ``dst`` carry IP packets of ``mtu`` bytes at most
        (``None``: the network's :attr:`path_mtu` again).  Not a checkpoint.

        Raises:
            ValueError: ``mtu`` is not positive.
        """
        key = (_normalize(src)[1], _normalize(dst)[1])
        if mtu is None:
            self._path_mtus.pop(key, None)
        elif mtu <= 0:
            raise ValueError(f"a path MTU must be positive, not {mtu!r}")
        else:
            self._path_mtus[key] = mtu

    def path_payload(self, src: Address, dst: Address) -> int:
        """The largest UDP payload the path from ``src`` to ``dst`` carries now."""
        family, to = _normalize(dst)
        mtu = self._path_mtus.get((_normalize(src)[1], to), self.path_mtu)
        return mtu - _IP_UDP_HEADERS[family]

    def _free_port(self, host: str) -> int:
        span = _EPHEMERAL_HIGH - _EPHEMERAL_LOW + 1
        for step in range(span):
            offset = (self._port_cursor + step) % span
            port = _EPHEMERAL_LOW + offset
            if (host, port) not in self._nodes:
                # Rotate, so a closed port is not handed out again at once.
                self._port_cursor = (offset + 1) % span
                return port
        raise _os_error(errno.EADDRINUSE)

    def _unbind(self, node: SimulatedTransport) -> None:
        address = node.getsockname()
        del self._nodes[address[0], address[1]]
        lost = sum(1 for entry in node._in_flight if isinstance(entry[3], bytes))
        self._in_flight -= lost
        self._dropped += lost

    def _send(self, sender: SimulatedTransport, data: bytes, address: Address) -> None:
        family, dst = _normalize(address)
        if family != sender.family:
            raise _os_error(errno.EAFNOSUPPORT)
        if dst[1] == 0:
            raise _os_error(errno.EINVAL)
        now = trio.current_time()
        datagram = Datagram(sender.getsockname(), dst, data, now)
        limit = self.path_payload(datagram.src, dst)
        if len(data) > limit:
            self._sent += 1
            self._too_big += 1
            self._dropped += 1
            if self.record:
                routed = (dst[0], dst[1]) in self._nodes
                self.trace.append(TraceEntry(datagram=datagram, verdict=None, deliveries=(),
                                             routed=routed))
            if self.icmp_too_big:
                self._push(sender, now + self.delay, dst, (errno.EMSGSIZE, limit))
            return
        verdict = self.policy(datagram) if self.policy is not None else None
        self._sent += 1  # only now: if the policy raised, nothing was sent
        if verdict is None:
            deliveries = self._random_treatment(data, now)
        else:
            deliveries = self._apply(verdict, data, now)
        receiver = self._nodes.get((dst[0], dst[1]))
        if self.record:
            self.trace.append(
                TraceEntry(
                    datagram=datagram,
                    verdict=verdict,
                    routed=receiver is not None,
                    deliveries=tuple(deliveries) if receiver is not None else (),
                )
            )
        if not deliveries:
            return
        if receiver is None:
            self._unroutable += len(deliveries)
            self._dropped += len(deliveries)
            if self.icmp_unreachable:
                self._push(sender, now + 2 * self.delay, dst, (errno.ECONNREFUSED, None))
            return
        for copy in deliveries:
            self._in_flight += 1
            self._push(receiver, copy.time, datagram.src, copy.data)

    def _push(
        self, node: SimulatedTransport, time: float, src: Address, data: bytes | _Notice
    ) -> None:
        self._seq += 1
        entry: _InFlight = (time, self._seq, src, data)
        heapq.heappush(node._in_flight, entry)
        if node._in_flight[0] is entry:
            # The earliest arrival moved earlier: a waiter must recompute its deadline.
            node._lot.unpark_all()

    def _apply(self, verdict: Verdict, data: bytes, now: float) -> list[Delivery]:
        if not verdict.deliver or verdict.copies == 0:
            self._dropped += 1
            return []
        copies = verdict.copies
        self._duplicated += copies - 1
        if verdict.data is not None and verdict.data != data:
            self._corrupted += copies
            data = verdict.data
        if verdict.extra_delay > 0:
            self._reordered += copies
        return [Delivery(now + self.delay + verdict.extra_delay, data)] * copies

    def _random_treatment(self, data: bytes, now: float) -> list[Delivery]:
        # Draw only for impairments that are switched on, always in the same order, so a
        # run is a pure function of the seed and the sends.
        rng = self._random
        if self.loss and rng.random() < self.loss:
            self._dropped += 1
            return []
        copies = 2 if self.duplicate and rng.random() < self.duplicate else 1
        self._duplicated += copies - 1
        deliveries = []
        for _ in range(copies):
            latency = self.delay
            if self.jitter:
                latency += rng.uniform(0.0, self.jitter)
            if self.reorder and rng.random() < self.reorder:
                latency += rng.uniform(0.0, self.reorder_delay)
                self._reordered += 1
            payload = data
            if data and self.corrupt and rng.random() < self.corrupt:
                payload = self._mangle(data)
                self._corrupted += 1
            deliveries.append(Delivery(now + latency, payload))
        return deliveries

    def _mangle(self, data: bytes) -> bytes:
        rng = self._random
        if rng.random() < 0.5:
            return data[: rng.randrange(len(data))]
        mangled = bytearray(data)
        mangled[rng.randrange(len(data))] ^= rng.randrange(1, 256)
        return bytes(mangled)


@final
class SimulatedTransport:
    """One bound node of a :class:`SimulatedNetwork`; made by :meth:`SimulatedNetwork.bind`.

    It implements :class:`~trio_rxrpc._transport.DatagramTransport` with the semantics of a
    non-blocking UDP socket.  Only ``wait_readable`` and ``wait_writable`` are checkpoints.
    """

    def __init__(
        self, network: SimulatedNetwork, family: int, address: Address, buffer_size: int
    ) -> None:
        self._network = network
        self._family = family
        self._address = address
        self._capacity = buffer_size
        self._in_flight: list[_InFlight] = []
        self._ready: deque[tuple[Address, bytes]] = deque()
        self._ready_bytes = 0
        self._error: OSError | None = None
        self._errors: deque[ErrorReport] = deque(maxlen=_MAX_ERRORS)
        self._lot = trio.lowlevel.ParkingLot()
        self._closed = False

    def __repr__(self) -> str:
        state = " closed" if self._closed else ""
        return f"<SimulatedTransport {self._address!r}{state}>"

    @property
    def family(self) -> int:
        """``socket.AF_INET`` or ``socket.AF_INET6``."""
        return self._family

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` has been called."""
        return self._closed

    def getsockname(self) -> Address:
        """Return the bound address (the port is filled in if 0 was asked for)."""
        return self._address

    def recvfrom_into(self, buffer: Buffer, nbytes: int = 0, /) -> tuple[int, Address]:
        """Read one datagram that has arrived, without blocking.  Not a checkpoint.

        A datagram longer than ``nbytes`` (or the buffer) is truncated and the rest
        discarded, as UDP sockets do.

        Args:
            buffer: a writable buffer.
            nbytes: how many bytes to write at most; 0 means ``len(buffer)``.

        Returns:
            The number of bytes written and the sender's address.

        Raises:
            BlockingIOError: no datagram has arrived yet.
            ConnectionRefusedError: an ICMP port unreachable is pending (``icmp_unreachable``);
                it is reported once.
            OSError: ``EBADF`` after :meth:`close`.
            ValueError: ``nbytes`` is negative or larger than the buffer.
        """
        if self._closed:
            raise _os_error(errno.EBADF)
        with memoryview(buffer) as raw, raw.cast("B") as view:
            if view.readonly:
                raise TypeError("recvfrom_into() needs a writable buffer")
            if nbytes < 0:
                raise ValueError("negative buffersize in recvfrom_into")
            if nbytes > len(view):
                raise ValueError("nbytes is greater than the length of the buffer")
            limit = nbytes or len(view)
            self._arrive(trio.current_time())
            if self._error is not None:
                error, self._error = self._error, None
                raise error
            if not self._ready:
                raise _os_error(errno.EAGAIN)
            src, data = self._ready.popleft()
            self._ready_bytes -= len(data)
            count = min(len(data), limit)
            view[:count] = data[:count]
        return count, src

    def sendmsg(
        self,
        buffers: Sequence[Buffer],
        ancdata: Sequence[object] = (),
        flags: int = 0,
        address: Address | None = None,
        /,
    ) -> int:
        """Send one datagram made of ``buffers`` joined.  Not a checkpoint.

        The bytes are copied, so the caller may reuse its buffers at once.  ``ancdata`` and
        ``flags`` are accepted and ignored.  Sending to an address nobody bound succeeds (the
        datagram is lost), as with UDP.

        Returns:
            The number of bytes sent.

        Raises:
            OSError: ``EMSGSIZE`` if the datagram exceeds the network's ``mtu``,
                ``EDESTADDRREQ`` without ``address``, ``EAFNOSUPPORT`` for an address of
                the other family, ``EINVAL`` for port 0, ``EBADF`` after :meth:`close`.
        """
        if self._closed:
            raise _os_error(errno.EBADF)
        if address is None:
            raise _os_error(errno.EDESTADDRREQ)
        data = b"".join(buffers)
        if len(data) > self._network.mtu:
            raise _os_error(errno.EMSGSIZE)
        self._network._send(self, data, address)
        return len(data)

    def read_error(self) -> ErrorReport | None:
        """Take the oldest queued ICMP error, as :class:`~trio_rxrpc._transport.UDPTransport`
        does: the destination of the datagram it concerns, the error, and for EMSGSIZE the
        largest payload the path carries.  ``None`` when there is none.  Not a checkpoint."""
        self._arrive(trio.current_time())
        return self._errors.popleft() if self._errors else None

    async def wait_readable(self) -> None:
        """Wait until a datagram (or a pending error) can be read.  Always a checkpoint.

        With delays it sleeps until the earliest arrival, waking earlier if a new datagram
        will arrive sooner.  Cancellation leaves everything queued.

        Raises:
            trio.ClosedResourceError: the transport is, or becomes, closed.
        """
        while True:
            if self._closed:
                raise trio.ClosedResourceError("the simulated transport was closed")
            self._arrive(trio.current_time())
            if self._ready or self._error is not None:
                await trio.lowlevel.checkpoint()
                return
            deadline = self._in_flight[0][0] if self._in_flight else math.inf
            with trio.move_on_at(deadline):
                await self._lot.park()

    async def wait_writable(self) -> None:
        """Return at once: the simulated send buffer is never full.  Always a checkpoint.

        Raises:
            trio.ClosedResourceError: the transport is closed.
        """
        await trio.lowlevel.checkpoint()
        if self._closed:
            raise trio.ClosedResourceError("the simulated transport was closed")

    def close(self) -> None:
        """Unbind and discard everything queued; idempotent.  Not a checkpoint.

        Tasks in :meth:`wait_readable` raise :class:`trio.ClosedResourceError`.  Copies still
        in flight to this transport are counted as dropped, and its address is free again.
        """
        if self._closed:
            return
        self._closed = True
        self._network._unbind(self)
        self._in_flight.clear()
        self._ready.clear()
        self._ready_bytes = 0
        self._error = None
        self._errors.clear()
        self._lot.unpark_all()

    def _arrive(self, now: float) -> None:
        """Move every copy that has arrived by ``now`` into the receive buffer."""
        network = self._network
        heap = self._in_flight
        while heap and heap[0][0] <= now:
            _, _, src, data = heapq.heappop(heap)
            if not isinstance(data, bytes):
                # Linux keeps one pending socket error (a newer one replaces it) and, with
                # IP_RECVERR, queues each with the destination it concerns.
                code, payload_mtu = data
                self._error = _os_error(code)
                self._errors.append((src, self._error, payload_mtu))
                continue
            network._in_flight -= 1
            if self._ready_bytes + len(data) > self._capacity:
                network._overflowed += 1
                network._dropped += 1
                continue
            self._ready.append((src, data))
            self._ready_bytes += len(data)
            network._delivered += 1
