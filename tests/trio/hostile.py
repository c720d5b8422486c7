"""Tools for the hostile-peer tests: a serving endpoint, datagram accounting, recorded and
mutated packets, and floods paced so that the kernel drops nothing.

Everything here runs over real UDP sockets on loopback.  A flood is sent in bursts that fit
the server socket's receive buffer, and after each burst the sender waits until the endpoint's
``datagrams_received`` has caught up, so every datagram sent is one the endpoint must account
for: taken or dropped, never lost in the kernel.
"""

from __future__ import annotations

import socket
import struct
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from contextlib import ExitStack, asynccontextmanager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Self

import attrs
import trio

import trio_rxrpc as rx
from trio_rxrpc._proto.wire import (
    ACK_BODY_SIZE,
    CLIENT_INITIATED,
    HEADER,
    HEADER_SIZE,
    JUMBO_DATALEN,
    JUMBO_PACKET,
    JUMBO_SUBPKTLEN,
    LAST_PACKET,
    REQUEST_ACK,
    AckBody,
    AckReason,
    AckTrailer,
    PacketType,
    encode_ack_body,
)

if TYPE_CHECKING:
    import random

SERVICE = 4242
LOOPBACK = "127.0.0.1"
SERVER_HOST = "127.99.0.1"
"""Where :func:`serving` binds: a loopback address no other test uses, so a datagram meant
for an earlier test's port there (a peer process of the interop tests may still send to
one) cannot reach a server whose received datagrams are counted."""
Handler = Callable[[rx.Call], Awaitable[object]]
Address = tuple[str, int]


async def bounded_echo(call: rx.Call, max_size: int = 256) -> None:
    """Echo a request of at most ``max_size`` bytes (a bigger one aborts the call, -453)."""
    data = await call.receive_all(max_size=max_size)
    await call.send_all(data)
    await call.send_eof()


async def echo_call(sock: rx.BoundSocket, address: tuple[object, ...], payload: bytes,
                    **options: object) -> bytes:
    """Make one call that sends ``payload`` and returns the whole reply."""
    async with sock.call(address, SERVICE, **options) as call:  # type: ignore[arg-type]
        await call.send_all(payload)
        await call.send_eof()
        return await call.receive_all()


@attrs.define
class Server:
    """An endpoint running ``BoundSocket.serve()``; ``serving`` turns false if serve() ends."""

    endpoint: rx.Endpoint
    serving: bool = False

    @property
    def address(self) -> Address:
        address = self.endpoint.address
        return (str(address[0]), int(address[1]))


@asynccontextmanager
async def serving(handler: Handler, *, config: rx.EndpointConfig | None = None,
                  backlog: int = 64, host: str = SERVER_HOST) -> AsyncIterator[Server]:
    """An endpoint on loopback (``host``) that serves ``SERVICE`` with ``handler`` until the
    block ends."""
    async with rx.open_endpoint((host, 0), config=config) as ep:
        sock = ep.socket()
        sock.listen([SERVICE], backlog=backlog)
        server = Server(ep)

        async def serve(*, task_status: trio.TaskStatus[None] = trio.TASK_STATUS_IGNORED,
                        ) -> None:
            server.serving = True
            try:
                await sock.serve(handler, task_status=task_status)
            finally:
                server.serving = False

        async with trio.open_nursery() as nursery:
            await nursery.start(serve)
            yield server
            nursery.cancel_scope.cancel()


def assert_accounted(stats: rx.EndpointStatistics) -> None:
    """Every datagram received was either taken or dropped, with a reason."""
    taken = sum(stats.taken.values())
    dropped = sum(stats.dropped.values())
    assert stats.datagrams_received == taken + dropped, (
        f"{stats.datagrams_received} datagrams received, but {taken} taken + {dropped} "
        f"dropped: taken={dict(stats.taken)} dropped={dict(stats.dropped)}")


def kernel_drops(port: int) -> int | None:
    """Datagrams the kernel dropped for the IPv4 UDP socket bound to ``port`` (Linux only)."""
    try:
        lines = Path("/proc/net/udp").read_text().splitlines()[1:]
    except OSError:
        return None
    for line in lines:
        fields = line.split()
        if int(fields[1].rsplit(":", 1)[1], 16) == port:
            return int(fields[-1])
    return None


def receive_buffer_size(config: rx.EndpointConfig) -> int:
    """The receive buffer the kernel grants a socket that asks what an endpoint asks."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        if config.udp_buffer_size:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, config.udp_buffer_size)
        return probe.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF)


class Flooder:
    """Sends datagrams at a server in bursts the server's socket buffer can hold.

    After each burst it waits until the server has read everything sent so far (its own
    datagrams plus those ``extra_sent()`` reports, such as a genuine client's), so the kernel
    never drops one, and then runs ``after_burst()`` (a check, or a genuine call).  ``sent``
    counts this flooder's datagrams.
    """

    def __init__(self, server: Server, *, extra_sent: Callable[[], int] = lambda: 0,
                 burst: int = 1000) -> None:
        self.server = server
        self.extra_sent = extra_sent
        # Budget a burst to half the buffer, at a pessimistic kernel cost per datagram.
        self.budget = receive_buffer_size(server.endpoint.config) // 2
        self.burst = burst
        self.sent = 0

    def expected(self) -> int:
        """Datagrams the server should have received by now."""
        return self.sent + self.extra_sent()

    async def send(self, datagrams: Sequence[bytes], source: Callable[[int], socket.socket],
                   *, after_burst: Callable[[], Awaitable[None]] | None = None) -> None:
        """Send ``datagrams[i]`` from ``source(i)``, in bursts the server reads in full."""
        i = 0
        address = self.server.address
        while i < len(datagrams):
            used = 0
            count = 0
            while i < len(datagrams) and count < self.burst:
                cost = 2 * len(datagrams[i]) + 1024  # (pessimistic: the kernel rounds up)
                if count and used + cost > self.budget:
                    break
                source(i).sendto(datagrams[i], address)
                used += cost
                count += 1
                i += 1
            self.sent += count
            await self.wait_caught_up()
            if after_burst is not None:
                await after_burst()

    async def wait_caught_up(self, *, stall: float = 2.0) -> None:
        """Wait until the server has read every datagram sent to it, then check that it has.

        Gives up when ``datagrams_received`` stops moving for ``stall`` seconds, and fails
        naming the kernel's drop count for the server's socket.
        """
        ep = self.server.endpoint
        last = -1
        last_change = trio.current_time()
        while True:
            received = ep.statistics().datagrams_received
            if received >= self.expected():
                break
            now = trio.current_time()
            if received != last:
                last, last_change = received, now
            elif now - last_change > stall:
                break
            await trio.sleep(0.002)
        received = ep.statistics().datagrams_received
        assert received == self.expected(), (
            f"the server read {received} datagrams of {self.expected()} sent; the kernel "
            f"dropped {kernel_drops(self.server.address[1])} at its socket")


def round_robin(sockets: Sequence[socket.socket]) -> Callable[[int], socket.socket]:
    """A ``source`` for :meth:`Flooder.send` that cycles through ``sockets``."""
    return lambda i: sockets[i % len(sockets)]


class FreshSources:
    """A ``source`` for :meth:`Flooder.send` that gives every datagram its own address.

    Each datagram goes out from a new socket bound to one of ``hosts`` loopback addresses
    (127.<net>.x.y) and a port the kernel picks; no (address, port) pair is used twice.  The
    sockets are closed after each burst (:meth:`close_all`), so only a burst's worth is open.
    """

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        for sock in self.open:
            sock.close()

    def __init__(self, *, net: int, hosts: int) -> None:
        self.hosts = [f"127.{net}.{1 + i // 250}.{1 + i % 250}" for i in range(hosts)]
        self.used: set[Address] = set()
        self.open: list[socket.socket] = []

    def __call__(self, i: int) -> socket.socket:
        while True:
            sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            sock.bind((self.hosts[i % len(self.hosts)], 0))
            name = sock.getsockname()
            if name not in self.used:
                break
            sock.close()
        self.used.add(name)
        self.open.append(sock)
        return sock

    async def close_all(self) -> None:
        for sock in self.open:
            sock.close()
        self.open.clear()
        await trio.lowlevel.checkpoint()


@contextmanager
def source_sockets(count: int, *, net: int) -> Iterator[list[socket.socket]]:
    """``count`` UDP sockets on 127.<net>.x.y addresses (Linux routes all of 127/8 to lo)."""
    with ExitStack() as stack:
        sockets = []
        for i in range(count):
            sock = stack.enter_context(socket.socket(socket.AF_INET, socket.SOCK_DGRAM))
            sock.bind((f"127.{net}.{1 + i // 250}.{1 + i % 250}", 0))
            sockets.append(sock)
        yield sockets


# ------------------------------------------------------------------- recording real packets


@attrs.define
class Relay:
    """What :func:`relay` yields: its address, and what it saw."""

    address: Address
    records: list[bytes] = attrs.Factory(list)
    """Every datagram the relay received, from both sides, in order."""
    forwarded: int = 0
    """Datagrams forwarded to the target."""


@asynccontextmanager
async def relay(target: Address) -> AsyncIterator[Relay]:
    """A UDP relay in front of ``target`` that records every datagram it forwards.

    Calls made to the relay's address reach ``target``, and its answers come back through
    the relay to the last address that sent something other than the target.
    """
    with trio.socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        await sock.bind((LOOPBACK, 0))
        state = Relay(sock.getsockname())

        async def forward() -> None:
            client: Address | None = None
            while True:
                try:
                    data, source = await sock.recvfrom(65536)
                except OSError:
                    continue  # an ICMP report on an earlier datagram: one side has gone
                state.records.append(data)
                try:
                    if source == target:
                        if client is not None:
                            await sock.sendto(data, client)
                    else:
                        client = source
                        await sock.sendto(data, target)
                        state.forwarded += 1
                except OSError:
                    pass  # as a lost datagram

        async with trio.open_nursery() as nursery:
            nursery.start_soon(forward)
            yield state
            nursery.cancel_scope.cancel()


async def record_calls(server: Server, payloads: Sequence[bytes]) -> Relay:
    """The datagrams of real calls (both directions) carrying ``payloads`` to ``server``.

    Calls the server refuses (too large, say) are recorded as well: their ABORTs are packets
    too.  The client uses one connection, so its later calls know the server's jumbogram
    limit and send jumbograms.
    """
    async with relay(server.address) as recorder:
        async with rx.open_endpoint((LOOPBACK, 0)) as ep:
            client = ep.socket()
            for payload in payloads:
                try:
                    reply = await echo_call(client, recorder.address, payload)
                except rx.RemoteAbort:
                    continue
                assert reply == payload
        await trio.sleep(0.05)  # let the last datagrams through
    return recorder


def synthetic_packets(template: bytes, rng: random.Random) -> list[bytes]:
    """Packets of every type built with the wire layout, on ``template``'s connection."""
    (epoch, cid, callno, _seq, _serial, _t, _flags, _us, secidx, _ck,
     service) = HEADER.unpack_from(template)
    out = []
    for ptype in range(16):
        for flags in (0, CLIENT_INITIATED, CLIENT_INITIATED | REQUEST_ACK | LAST_PACKET):
            for number in (0, callno, callno + 1):
                header = HEADER.pack(epoch, cid, number, 1 if ptype == PacketType.DATA else 0,
                                     rng.getrandbits(32), ptype, flags, 0, secidx, 0, service)
                body_size = rng.choice((0, 1, 4, 8, 18, 40, 200))
                out.append(header + rng.randbytes(body_size))
    return out


# ------------------------------------------------------------------------------ mutation

_FIELDS = ("epoch", "cid", "call", "seq", "serial", "type", "flags", "status", "secidx",
           "cksum", "service")


def _interesting(rng: random.Random, bits: int, old: int) -> int:
    top = (1 << bits) - 1
    return rng.choice((0, 1, top, top >> 1, (old + 1) & top, (old - 1) & top,
                       rng.getrandbits(bits), old ^ (1 << rng.randrange(bits))))


def _set_field(data: bytearray, rng: random.Random) -> None:
    if len(data) < HEADER_SIZE:
        return
    values = list(HEADER.unpack_from(data))
    index = rng.randrange(len(_FIELDS))
    name = _FIELDS[index]
    bits = 32 if index < 5 else 8 if index < 9 else 16
    if name == "type":
        values[index] = rng.choice((rng.randrange(16), rng.randrange(256), 1, 2, 3, 4, 5))
    elif name == "flags":
        values[index] = rng.choice((rng.getrandbits(8), values[index] ^ CLIENT_INITIATED,
                                    values[index] | JUMBO_PACKET, values[index] ^ LAST_PACKET))
    elif name == "cid":
        values[index] = rng.choice((values[index] ^ rng.randrange(1, 4),
                                    _interesting(rng, 32, values[index])))
    elif name == "epoch":
        values[index] = rng.choice((values[index] ^ 0x80000000,
                                    _interesting(rng, 32, values[index])))
    else:
        values[index] = _interesting(rng, bits, values[index])
    HEADER.pack_into(data, 0, *values)


def _flip_bits(data: bytearray, rng: random.Random) -> None:
    if not data:
        return
    for _ in range(rng.randint(1, 8)):
        data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)


def _truncate(data: bytearray, rng: random.Random) -> None:
    if data:
        del data[rng.randrange(len(data)):]


def _extend(data: bytearray, rng: random.Random) -> None:
    data += rng.randbytes(rng.choice((1, 3, 4, 16, 200, JUMBO_SUBPKTLEN)))


def _ack_body(data: bytearray, rng: random.Random) -> None:
    """Disturb an ACK body: SACK table length, first/previous packet, reason, trailer."""
    base = HEADER_SIZE
    if len(data) < base:
        return
    if len(data) < base + ACK_BODY_SIZE:
        data[20] = PacketType.ACK
        data += bytes(base + ACK_BODY_SIZE - len(data))
    what = rng.randrange(5)
    if what == 0:
        data[base + 17] = rng.choice((0, 1, 255, rng.randrange(256)))  # nAcks
    elif what == 1:
        struct.pack_into(">I", data, base + 4, _interesting(rng, 32, 1))  # firstPacket
    elif what == 2:
        struct.pack_into(">I", data, base + 8, _interesting(rng, 32, 1))  # previousPacket
    elif what == 3:
        data[base + 16] = rng.randrange(12)  # reason, PING included
    else:
        n = data[base + 17]
        trailer = base + ACK_BODY_SIZE + n + 3
        if len(data) < trailer + 16:
            data += bytes(trailer + 16 - len(data))
        word = rng.randrange(4)
        struct.pack_into(">I", data, trailer + 4 * word, rng.choice((0, 1, 0xFFFFFFFF, 65536)))


def _jumbo(data: bytearray, rng: random.Random) -> None:
    """Make a jumbogram of sorts: set the flag, resize the body, or break a jumbo header."""
    if len(data) < HEADER_SIZE:
        return
    data[20] = PacketType.DATA
    data[21] |= JUMBO_PACKET
    what = rng.randrange(3)
    body = len(data) - HEADER_SIZE
    if what == 0:
        target = rng.randint(1, 3) * JUMBO_SUBPKTLEN + rng.choice((-1, 0, 1, 100))
        if body < target:
            data += rng.randbytes(target - body)
        else:
            del data[HEADER_SIZE + target:]
    elif what == 1 and body >= JUMBO_SUBPKTLEN:
        at = HEADER_SIZE + JUMBO_DATALEN
        data[at] = rng.choice((JUMBO_PACKET, LAST_PACKET, JUMBO_PACKET | LAST_PACKET,
                               rng.getrandbits(8)))
    else:
        data[21] |= rng.choice((0, LAST_PACKET))


_MUTATORS = (_set_field, _set_field, _flip_bits, _truncate, _extend, _ack_body, _jumbo)


MAX_UDP_PAYLOAD = 65507
"""The largest IPv4 UDP datagram's payload."""


def mutate(records: Sequence[bytes], rng: random.Random) -> bytes:
    """A copy of one recorded packet with one to three mutations (or two spliced)."""
    data = bytearray(rng.choice(records))
    if rng.random() < 0.05:
        other = rng.choice(records)
        data = data[:HEADER_SIZE] + bytearray(other[HEADER_SIZE:])
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        rng.choice(_MUTATORS)(data, rng)
    # A mutation may grow a recorded path-MTU probe (a padded PING of up to 65160 bytes)
    # past what one UDP datagram can hold.
    return bytes(data[:MAX_UDP_PAYLOAD])


def random_datagram(rng: random.Random) -> bytes:
    """Random bytes: mostly noise, some with a plausible header in front of noise."""
    size = rng.choice((rng.randrange(HEADER_SIZE), rng.randrange(HEADER_SIZE, 200),
                       rng.randrange(HEADER_SIZE, 1500), rng.randrange(HEADER_SIZE, 1500)))
    data = bytearray(rng.randbytes(size))
    if size >= HEADER_SIZE and rng.random() < 0.5:
        data[20] = rng.randint(1, 13)  # a known packet type
        data[23] = rng.choice((0, 0, 0, rng.randrange(256)))  # usually rxnull
        if rng.random() < 0.5:
            struct.pack_into(">H", data, 26, SERVICE)
    return bytes(data)


# ------------------------------------------------------------------------- forged packets


def forged_ack(epoch: int, cid: int, call_number: int, rng: random.Random) -> bytes:
    """An ACK on a client's connection, as anyone who knows its IDs could send it.

    Its body is plausible but says nothing true: a ping, or an ACK of nothing sent yet, with
    a trailer that tries to shrink or inflate what the server may send.
    """
    reason = rng.choice((AckReason.PING, AckReason.REQUESTED, AckReason.DELAY,
                         AckReason.IDLE))
    flags = CLIENT_INITIATED | (REQUEST_ACK if reason == AckReason.PING else 0)
    header = HEADER.pack(epoch, cid, call_number, 0, rng.getrandbits(32), PacketType.ACK,
                         flags, 0, 0, 0, SERVICE)
    body = encode_ack_body(AckBody(
        first_packet=1, previous_packet=rng.getrandbits(32), serial=rng.getrandbits(32),
        reason=reason, acks=b"", trailer=AckTrailer(
            max_mtu=rng.choice((0, 576, 65535)), if_mtu=rng.choice((0, 1444)),
            rwind=rng.choice((0, 1, 255, 0xFFFFFFFF)), jumbo_max=rng.choice((0, 1, 46, 1000)))))
    return header + body


def forged_first_data(rng: random.Random) -> bytes:
    """The first DATA packet of a call on a new connection, from a client that never
    answers: a random epoch (half with the "match by IDs" bit), connection ID and channel."""
    epoch = rng.getrandbits(32) | rng.choice((0, 0x80000000))
    flags = CLIENT_INITIATED | rng.choice((0, LAST_PACKET, LAST_PACKET | REQUEST_ACK))
    header = HEADER.pack(epoch, rng.getrandbits(32), rng.randint(1, 3), 1, 1,
                         PacketType.DATA, flags, 0, 0, 0, SERVICE)
    return header + rng.randbytes(rng.choice((0, 10, 100, 300)))
