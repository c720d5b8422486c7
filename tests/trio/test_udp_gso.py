"""Linux UDP GSO: runs of equal-size datagrams leave in one sendmsg, and nothing else changes.

Real UDP on loopback: bulk calls between two endpoints, a raw socket comparing what arrives
with and without GSO, and a transport that refuses GSO so the endpoint must fall back.
"""

from __future__ import annotations

import errno
import random
import socket
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, cast

import pytest
import trio

import trio_rxrpc as rx
from trio_rxrpc._sender import GSO_MAX_SEGMENTS, Sender
from trio_rxrpc._transport import UDP_SEGMENT, UDPNetwork, UDPTransport
from trio_rxrpc.testing import SimulatedNetwork

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Sequence

    from typing_extensions import Buffer

    from trio_rxrpc._transport import Address, DatagramNetwork, DatagramTransport

LOOPBACK = "127.0.0.1"
SERVICE = 1234


def payload_of(size: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(size)


@asynccontextmanager
async def server_endpoint(
    *, address: tuple[str, int], network: SimulatedNetwork | None = None,
    config: rx.EndpointConfig | None = None,
) -> AsyncIterator[rx.Endpoint]:
    """An endpoint that echoes every call of SERVICE."""
    async with rx.open_endpoint(address, network=network, config=config,
                                rng=random.Random(1)) as ep:
        sock = ep.socket()
        sock.listen([SERVICE])

        async def echo(call: rx.Call) -> None:
            async with call:
                data = await call.receive_all()
                await call.send_all(data)
                await call.send_eof()

        async with trio.open_nursery() as nursery:
            async def serve() -> None:
                while True:
                    nursery.start_soon(echo, await sock.accept())

            nursery.start_soon(serve)
            yield ep
            nursery.cancel_scope.cancel()


async def echo_call(client: rx.BoundSocket, server: rx.Endpoint, payload: bytes) -> bytes:
    async with client.call(server.address, SERVICE) as call:
        await call.send_all(payload)
        await call.send_eof()
        return await call.receive_all()


def gso_available() -> bool:
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        return UDPTransport(sock).udp_gso
    finally:
        sock.close()


needs_gso = pytest.mark.skipif(not gso_available(), reason="no UDP GSO on this system")


class CountingTransport(UDPTransport):
    """A real UDP transport that counts sendmsg calls, and may refuse GSO sends."""

    def __init__(self, sock: socket.socket, *, refuse: int | None = None,
                 block: int = 0) -> None:
        super().__init__(sock)
        self.refuse = refuse
        self.block = block
        self.calls = 0
        self.gso_calls = 0
        self.refused = 0
        self._real_sendmsg = sock.sendmsg
        self.sendmsg = self._sendmsg  # type: ignore[assignment]

    def _sendmsg(self, buffers: Sequence[Buffer], ancdata: Sequence[object] = (),
                 flags: int = 0, address: Address | None = None, /) -> int:
        self.calls += 1
        if ancdata:
            self.gso_calls += 1
            if self.refuse is not None:
                self.refused += 1
                raise OSError(self.refuse, "refused")
            if self.block:
                self.block -= 1
                raise BlockingIOError(errno.EAGAIN, "full")
        return self._real_sendmsg(buffers, ancdata, flags, address)  # type: ignore[arg-type]


class CountingNetwork:
    """Binds :class:`CountingTransport`s and keeps them for the test to look at."""

    def __init__(self, *, refuse: int | None = None, block: int = 0) -> None:
        self.refuse = refuse
        self.block = block
        self.transports: list[CountingTransport] = []

    def bind(self, address: Address, *, buffer_size: int | None = None) -> CountingTransport:
        plain = UDPNetwork().bind(address, buffer_size=buffer_size)
        transport = CountingTransport(plain.socket, refuse=self.refuse, block=self.block)
        self.transports.append(transport)
        return transport


async def bulk(client_network: CountingNetwork | None, size: int, *, host: str = LOOPBACK,
               config: rx.EndpointConfig | None = None) -> tuple[rx.Endpoint, rx.Endpoint]:
    """One echo call of ``size`` bytes; returns the endpoints (closed) for their figures.

    Jumbograms are off by default, as with OpenAFS's fileserver: one Rx packet a datagram.
    """
    config = config or rx.EndpointConfig(max_jumbo=1)
    payload = payload_of(size, 7)
    with trio.fail_after(60):
        async with server_endpoint(address=(host, 0), config=config) as server, \
                rx.open_endpoint((host, 0), network=cast("DatagramNetwork | None", client_network),
                                 config=config) as client:
            assert await echo_call(client.socket(), server, payload) == payload
    return client, server


@needs_gso
@pytest.mark.parametrize("host", [LOOPBACK, "::1"])
async def test_bulk_call_with_gso_uses_far_fewer_sendmsg_calls(host: str) -> None:
    if host == "::1" and not socket.has_ipv6:
        pytest.skip("no IPv6 on this machine")
    network = CountingNetwork()
    client, server = await bulk(network, 4 << 20, host=host)
    stats = client.statistics()
    transport = network.transports[0]
    assert stats.udp_gso
    assert stats.gso_refused == 0
    assert stats.send_errors == 0
    assert stats.send_calls == transport.calls
    assert transport.gso_calls > 0
    # The server saw every datagram on its own; the client made far fewer sendmsg calls.
    assert server.statistics().datagrams_received >= stats.datagrams_sent - stats.retransmits
    assert stats.send_calls * 3 < stats.datagrams_sent
    # The server sent the echo back with GSO as well.
    assert server.statistics().send_calls * 3 < server.statistics().datagrams_sent


@needs_gso
async def test_switch_turns_gso_off() -> None:
    network = CountingNetwork()
    config = rx.EndpointConfig(udp_gso=False, max_jumbo=1)
    client, _server = await bulk(network, 1 << 20, config=config)
    stats = client.statistics()
    assert not stats.udp_gso
    assert network.transports[0].gso_calls == 0
    assert stats.send_calls == stats.datagrams_sent == network.transports[0].calls


@needs_gso
@pytest.mark.parametrize("code", [errno.EINVAL, errno.EIO, errno.EOPNOTSUPP])
async def test_refused_gso_falls_back_and_still_delivers(code: int) -> None:
    network = CountingNetwork(refuse=code)
    client, _server = await bulk(network, 2 << 20)
    stats = client.statistics()
    transport = network.transports[0]
    assert transport.refused == 1 == transport.gso_calls
    assert stats.gso_refused == 1
    assert not stats.udp_gso
    assert stats.send_errors == 0
    # The refused call is counted; every datagram then went out on its own.
    assert stats.send_calls == transport.calls == stats.datagrams_sent + 1


@needs_gso
async def test_full_buffer_on_a_run_goes_to_the_backlog() -> None:
    network = CountingNetwork(block=3)
    client, _server = await bulk(network, 2 << 20)
    stats = client.statistics()
    assert network.transports[0].block == 0
    assert stats.udp_gso
    assert stats.send_errors == 0
    assert stats.send_calls * 3 < stats.datagrams_sent


async def test_simulated_network_has_no_gso(autojump_clock: trio.testing.MockClock) -> None:
    net = SimulatedNetwork(seed=3, delay=0.001)
    payload = payload_of(300_000, 1)
    async with server_endpoint(address=("10.0.0.1", 7000), network=net) as server, rx.open_endpoint(
            ("10.0.0.2", 0), network=net) as client:
        assert await echo_call(client.socket(), server, payload) == payload
        stats = client.statistics()
    assert not stats.udp_gso
    assert stats.send_calls == stats.datagrams_sent


# --------------------------------------------------------------------------- the sender


def receive_all(sock: socket.socket) -> list[bytes]:
    got = []
    while True:
        try:
            got.append(sock.recv(70000))
        except BlockingIOError:
            return got


def mixed_batch(a: Address, b: Address) -> list[tuple[list[bytes | memoryview], Address]]:
    """DATA-like runs of full datagrams, short last ones, other addresses, tiny ACK-likes."""
    rng = random.Random(5)
    body = memoryview(rng.randbytes(1 << 20))
    out: list[tuple[list[bytes | memoryview], Address]] = []
    pos = 0

    def data(addr: Address, size: int) -> None:
        nonlocal pos
        # One connection per address: the same epoch and connection ID, the rest varies.
        conn = b"\x12\x34\x56\x78\x00\x00\x10\x04" if addr == a else b"\x0a" * 8
        out.append(([conn + rng.randbytes(20), body[pos:pos + size - 28]], addr))
        pos += size - 28

    for _ in range(GSO_MAX_SEGMENTS + 10):
        data(a, 1444)
    data(a, 700)
    data(a, 1444)
    for _ in range(5):
        data(b, 1444)
    out.append(([rng.randbytes(60)], a))
    for _ in range(3):
        data(b, 1444)
        data(a, 1444)
    for _ in range(20):
        data(a, 9000)  # jumbogram-sized: fewer per send
    data(a, 9001)
    data(a, 30000)
    data(a, 30000)
    data(a, 29000)
    out.append(([b"", b""], a))
    return out


@needs_gso
@pytest.mark.parametrize("gso", [True, False])
def test_raw_receiver_sees_the_same_datagrams(gso: bool) -> None:
    receivers = [socket.socket(socket.AF_INET, socket.SOCK_DGRAM) for _ in range(2)]
    sender_sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        for sock in receivers:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
            sock.bind((LOOPBACK, 0))
            sock.setblocking(False)
        sender_sock.bind((LOOPBACK, 0))
        a, b = (sock.getsockname() for sock in receivers)
        out = mixed_batch(a, b)
        sender = Sender(cast("DatagramTransport", UDPTransport(sender_sock)), gso=gso)
        assert sender.send(out) is None
        assert sender.send_errors == 0
        assert sender.gso == gso
        expected = {addr: [b"".join(parts) for parts, to in out if to == addr]
                    for addr in (a, b)}
        assert sender.bytes_sent == sum(len(d) for ds in expected.values() for d in ds)
        if gso:
            assert sender.send_calls < len(out) // 4
        else:
            assert sender.send_calls == len(out)
        for sock, addr in zip(receivers, (a, b), strict=True):
            assert receive_all(sock) == expected[addr]
    finally:
        for sock in [*receivers, sender_sock]:
            sock.close()


class FakeTransport:
    """Records sends; raises what the test queues, one error per call."""

    udp_gso = True

    def __init__(self, errors: Sequence[BaseException | None]) -> None:
        self.errors = list(errors)
        self.sends: list[tuple[int, int]] = []

    def sendmsg(self, buffers: Sequence[Buffer], ancdata: Sequence[object] = (),
                flags: int = 0, address: Address | None = None, /) -> int:
        error = self.errors.pop(0) if self.errors else None
        if error is not None:
            raise error
        total = sum(len(memoryview(b)) for b in buffers)
        segment = int.from_bytes(ancdata[0][2], "little") if ancdata else total  # type: ignore[index]
        self.sends.append((total, segment))
        return total


def test_a_full_buffer_stops_at_the_start_of_the_run() -> None:
    addr = (LOOPBACK, 1)
    out: list[tuple[list[bytes | memoryview], Address]] = [
        ([b"x" * 100], addr), ([b"y" * 10], (LOOPBACK, 2))]
    out += [([b"h" * 28, b"d" * 72], addr) for _ in range(5)]
    transport = FakeTransport([None, None, BlockingIOError()])
    sender = Sender(transport, gso=True)  # type: ignore[arg-type]
    assert sender.send(out) == 2
    assert sender.bytes_sent == 110
    assert sender.send_calls == 3
    assert sender.send(out, 2) is None
    assert transport.sends[-1] == (500, 100)
    assert sender.bytes_sent == 610
    assert sender.send_errors == 0


def test_other_errors_count_every_datagram_of_the_run() -> None:
    addr = (LOOPBACK, 1)
    out: list[tuple[list[bytes | memoryview], Address]] = [([b"d" * 50], addr)] * 4
    sender = Sender(FakeTransport([OSError(errno.ECONNREFUSED, "refused")]),  # type: ignore[arg-type]
                    gso=True)
    assert sender.send(out) is None
    assert sender.send_errors == 4
    assert sender.gso
    assert sender.gso_refused == 0


def test_udp_segment_constant() -> None:
    assert getattr(socket, "UDP_SEGMENT", 103) == UDP_SEGMENT


def test_a_run_never_mixes_connections() -> None:
    """The receiving host may choose a socket once per run (an endpoint group steers each
    run by its first datagram's connection ID), so datagrams of different connections to
    one address are never sent together."""
    transport = FakeTransport([])
    sender = Sender(cast("DatagramTransport", transport), gso=True)
    addr: Address = ("127.0.0.1", 7000)
    first = b"\x00\x00\x00\x01\x00\x00\x00\x04"
    second = b"\x00\x00\x00\x01\x00\x00\x00\x08"

    def datagram(conn: bytes) -> tuple[list[bytes | memoryview], Address]:
        return [conn + bytes(20), bytes(1416)], addr

    interleaved = [datagram(conn) for _ in range(5) for conn in (first, second)]
    assert sender.send(interleaved) is None
    assert sender.send_calls == len(interleaved)
    runs = [datagram(first) for _ in range(5)] + [datagram(second) for _ in range(5)]
    assert sender.send(runs) is None
    assert sender.send_calls == len(interleaved) + 2
