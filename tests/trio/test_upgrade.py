"""Service upgrade both ways, exclusive calls and a declared transmit length (our own peers)."""

from __future__ import annotations

import random
import struct
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

import pytest
import trio
import trio.testing

import trio_rxrpc as rx
from trio_rxrpc._proto.wire import HEADER_SIZE, split_header_untrusted
from trio_rxrpc.testing import SimulatedNetwork, Verdict

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from trio_rxrpc.testing import Datagram

OLD, NEW = 1, 2500
SERVER = ("10.0.0.1", 7000)


async def say_service(call: rx.Call) -> None:
    """Echo the request after two bytes that name the service the server saw."""
    data = await call.receive_all()
    await call.send_all(struct.pack(">H", call.service_id) + data)
    await call.send_eof()


@asynccontextmanager
async def server(network: SimulatedNetwork | None, services: list[int],
                 upgrade: tuple[int, int] | None,
                 address: tuple[str, int] = SERVER) -> AsyncIterator[rx.Endpoint]:
    async with rx.open_endpoint(address, network=network, rng=random.Random(1)) as ep:
        sock = ep.socket()
        sock.listen(services, upgrade=upgrade)

        async def run(call: rx.Call) -> None:
            try:
                async with call:
                    await say_service(call)
            except rx.CallError:
                pass  # (the tests that break calls look at the client side)

        async def serve() -> None:
            async with trio.open_nursery() as calls:
                while True:
                    calls.start_soon(run, await sock.accept())

        async with trio.open_nursery() as nursery:
            nursery.start_soon(serve)
            yield ep
            nursery.cancel_scope.cancel()


async def ask(client: rx.BoundSocket, address: tuple[object, ...], service: int,
              payload: bytes, **options: object) -> tuple[int, int, bytes]:
    """(the service the server saw, the client call's service ID afterwards, the echo)."""
    async with client.call(address, service, **options) as call:  # type: ignore[arg-type]
        await call.send_all(payload)
        await call.send_eof()
        reply = await call.receive_all()
        return struct.unpack(">H", reply[:2])[0], call.service_id, reply[2:]


def headers(network: SimulatedNetwork, src_host: str) -> list[tuple[int, ...]]:
    """(ptype, seq, userStatus, service) of every Rx packet a host sent."""
    found: list[tuple[int, ...]] = []
    for entry in network.trace:
        if entry.datagram.src[0] != src_host:
            continue
        header = split_header_untrusted(memoryview(entry.datagram.data))
        assert header is not None
        _e, _c, _n, seq, _s, ptype, _f, status, _x, _k, service = header
        found.append((ptype, seq, status, service))
    return found


@pytest.mark.parametrize("size", [10, 100_000])
async def test_upgrade_over_simulated_network(autojump_clock: trio.testing.MockClock,
                                              size: int) -> None:
    net = SimulatedNetwork(seed=4, delay=0.005, record=True)
    payload = random.Random(size).randbytes(size)
    with trio.fail_after(60):
        async with server(net, [OLD, NEW], (OLD, NEW)) as sep, rx.open_endpoint(
                ("10.0.0.2", 0), network=net, rng=random.Random(2)) as cep:
            client = cep.socket()
            seen, mine, echo = await ask(client, SERVER, OLD, payload, upgrade_service=True)
            assert (seen, mine, echo == payload) == (NEW, NEW, True)
            # A second call on the same (upgraded) connection goes to the new service at once.
            assert (await ask(client, SERVER, OLD, b"x", upgrade_service=True))[:2] == (NEW, NEW)
            [conn] = [row for row in cep.list_connections() if row.side == "client"]
            assert conn.service_id == NEW
            [sconn] = [row for row in sep.list_connections() if row.side == "server"]
            assert sconn.service_id == NEW
            assert sep.statistics().dropped["wrong_service"] == 0
            assert cep.statistics().dropped["wrong_service"] == 0
    ours = headers(net, "10.0.0.2")
    assert ours[0][:3] == (1, 1, 1)  # the first DATA asks for the upgrade ...
    assert ours[0][3] == OLD  # ... of the service it was made to
    if size > 10:
        # The client went on sending with the old ID until it heard from the server.
        assert sum(service == OLD for *_, service in ours) > 1
    assert {service for *_, service in headers(net, "10.0.0.1")} == {NEW}


async def test_upgrade_over_real_udp() -> None:
    with trio.fail_after(30):
        async with server(None, [NEW, OLD], (OLD, NEW), ("127.0.0.1", 0)) as sep, \
                rx.open_endpoint(("127.0.0.1", 0)) as cep:
            client = cep.socket()
            result = await ask(client, sep.address, OLD, b"hello", upgrade_service=True)
            assert result == (NEW, NEW, b"hello")
            # A call that does not ask stays where it was sent (on a connection of its own).
            assert await ask(client, sep.address, OLD, b"hi") == (OLD, OLD, b"hi")


@pytest.mark.parametrize(("services", "rule", "service", "upgrade"), [
    ([OLD, NEW], None, OLD, True),  # no rule: the request is ignored
    ([OLD, NEW], (OLD, NEW), OLD, False),  # a rule, but the client does not ask
    ([OLD, NEW], (OLD, NEW), NEW, True),  # the rule is for the other service
    ([OLD, NEW], (NEW, OLD), OLD, True),  # ... the other way round
])
async def test_no_upgrade(autojump_clock: trio.testing.MockClock, services: list[int],
                          rule: tuple[int, int] | None, service: int, upgrade: bool) -> None:
    net = SimulatedNetwork(seed=1, delay=0.002)
    async with server(net, services, rule) as sep, rx.open_endpoint(
            ("10.0.0.2", 0), network=net, rng=random.Random(2)) as cep:
        result = await ask(cep.socket(), SERVER, service, b"data", upgrade_service=upgrade)
        assert result == (service, service, b"data")
        assert [row.service_id for row in sep.list_connections()] == [service]


async def test_the_reverse_rule_upgrades(autojump_clock: trio.testing.MockClock) -> None:
    net = SimulatedNetwork(seed=1, delay=0.002)
    async with server(net, [OLD, NEW], (NEW, OLD)) as _sep, rx.open_endpoint(
            ("10.0.0.2", 0), network=net, rng=random.Random(2)) as cep:
        result = await ask(cep.socket(), SERVER, NEW, b"data", upgrade_service=True)
        assert result == (OLD, OLD, b"data")


def _rewrite_service(service: int, from_host: str) -> object:
    def policy(datagram: Datagram) -> Verdict | None:
        data = datagram.data
        if datagram.src[0] != from_host or len(data) < HEADER_SIZE:
            return None
        return Verdict(data=data[:26] + struct.pack(">H", service) + data[28:])
    return policy


async def test_a_service_change_not_asked_for_is_dropped(
        autojump_clock: trio.testing.MockClock) -> None:
    """The server's packets carry another service ID, but the client asked for no upgrade:
    they are dropped (and the call times out)."""
    net = SimulatedNetwork(seed=1, delay=0.002)
    net.policy = _rewrite_service(NEW, "10.0.0.1")  # type: ignore[assignment]
    async with server(net, [OLD, NEW], None) as _sep, rx.open_endpoint(
            ("10.0.0.2", 0), network=net, rng=random.Random(2)) as cep:
        with pytest.raises(rx.CallError):
            await ask(cep.socket(), SERVER, OLD, b"data", timeout=5)
        assert cep.statistics().dropped["wrong_service"] > 0


async def test_a_client_switching_service_is_dropped(
        autojump_clock: trio.testing.MockClock) -> None:
    """After its first packet, the client's packets carry a service ID that is neither the
    connection's nor the one it started with: the server drops them."""
    net = SimulatedNetwork(seed=1, delay=0.002)
    first: list[bool] = []

    def policy(datagram: Datagram) -> Verdict | None:
        if datagram.src[0] != "10.0.0.2":
            return None
        if not first:
            first.append(True)
            return None
        data = datagram.data
        return Verdict(data=data[:26] + struct.pack(">H", 7) + data[28:])

    net.policy = policy
    async with server(net, [OLD, NEW], (OLD, NEW)) as sep, rx.open_endpoint(
            ("10.0.0.2", 0), network=net, rng=random.Random(2)) as cep:
        with pytest.raises(rx.CallError):
            await ask(cep.socket(), SERVER, OLD, random.Random(1).randbytes(20_000), timeout=5)
        assert sep.statistics().dropped["wrong_service"] > 0


@pytest.mark.parametrize(("rule", "error"), [
    ((OLD, 3), ValueError),  # 3 is not served
    ((OLD, OLD), ValueError),
    ((OLD, 0), ValueError),
    ((OLD, 70000), ValueError),
    (OLD, TypeError),
    ((OLD, NEW, 3), TypeError),
    (("1", NEW), TypeError),
    ((OLD, 2.0), TypeError),
])
async def test_bad_upgrade_rules(rule: object, error: type[Exception]) -> None:
    async with rx.open_endpoint(("10.0.0.1", 1), network=SimulatedNetwork()) as ep:
        sock = ep.socket()
        with pytest.raises(error):
            sock.listen([OLD, NEW], upgrade=rule)  # type: ignore[arg-type]
        sock.listen([OLD, NEW], upgrade=[OLD, NEW])  # type: ignore[arg-type]  # a list will do
        assert sock.service_ids == {OLD, NEW}


# ------------------------------------------------------------------ exclusive calls


async def test_exclusive_calls_get_connections_of_their_own(
        autojump_clock: trio.testing.MockClock) -> None:
    net = SimulatedNetwork(seed=1, delay=0.002)
    async with server(net, [OLD], None) as _sep, rx.open_endpoint(
            ("10.0.0.2", 0), network=net, rng=random.Random(2)) as cep:
        client = cep.socket()
        for exclusive, expected in ((False, 1), (True, 2)):
            calls = [client.call(SERVER, OLD, exclusive=exclusive) for _ in range(2)]
            async with calls[0], calls[1]:
                for call in calls:
                    await call.send_all(b"open")
                    call.flush()
                rows = [row for row in cep.list_connections() if row.live_calls]
                assert len(rows) == expected, (exclusive, rows)
                for call in calls:
                    await call.send_eof()
                    await call.receive_all()


# ---------------------------------------------------------------- declared tx length


async def test_declared_length(autojump_clock: trio.testing.MockClock) -> None:
    net = SimulatedNetwork(seed=1, delay=0.002)
    async with server(net, [OLD], None) as _sep, rx.open_endpoint(
            ("10.0.0.2", 0), network=net, rng=random.Random(2)) as cep:
        client = cep.socket()
        # Exactly the declared length, in pieces.
        async with client.call(SERVER, OLD, tx_length=5000) as call:
            await call.send_all(b"a" * 3000)
            await call.send_all(b"b" * 2000)
            await call.send_eof()
            assert (await call.receive_all())[2:] == b"a" * 3000 + b"b" * 2000
        # A send past it fails before anything of it is taken; the call goes on.
        async with client.call(SERVER, OLD, tx_length=10) as call:
            await call.send_all(b"12345")
            with pytest.raises(ValueError, match="exceed"):
                await call.send_all(b"678901")
            # Ending short fails too, and leaves the call open for the rest.
            with pytest.raises(ValueError, match="end after 5"):
                await call.send_eof()
            await call.send_all(b"67890")
            await call.send_eof()
            assert (await call.receive_all())[2:] == b"1234567890"
        # Data and the end in one send that exceeds: nothing of it is sent.
        async with client.call(SERVER, OLD, tx_length=0) as call:
            with pytest.raises(ValueError, match="exceed"):
                await call.send_all(b"x")
            await call.send_eof()
            assert await call.receive_all() == struct.pack(">H", OLD)


async def test_a_call_closed_short_of_its_declared_length_fails(
        autojump_clock: trio.testing.MockClock) -> None:
    net = SimulatedNetwork(seed=1, delay=0.002)
    async with server(net, [OLD], None) as _sep, rx.open_endpoint(
            ("10.0.0.2", 0), network=net, rng=random.Random(2)) as cep:
        client = cep.socket()
        with pytest.raises(rx.LocalAbort, match="declared transmit length") as info:
            async with client.call(SERVER, OLD, tx_length=100) as call:
                await call.send_all(b"only this")
        assert info.value.abort_code == rx.AbortCode.RX_USER_ABORT


async def test_upgrade_through_the_message_api(autojump_clock: trio.testing.MockClock) -> None:
    net = SimulatedNetwork(seed=2, delay=0.002)
    async with server(net, [OLD, NEW], (OLD, NEW)) as _sep, rx.open_endpoint(
            ("10.0.0.2", 0), network=net, rng=random.Random(2)) as cep:
        sock = cep.socket()
        await sock.sendmsg("probe", b"caps?", end_of_record=True, address=SERVER,
                           service_id=OLD, upgrade_service=True)
        messages: list[rx.Message] = []
        while not messages or not messages[-1].end_of_record:
            messages.append(await sock.recvmsg())
        assert b"".join(m.data for m in messages) == struct.pack(">H", NEW) + b"caps?"
        assert {m.service_id for m in messages} == {NEW}
        assert messages[-1].succeeded
