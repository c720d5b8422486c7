"""Tests of trio_rxrpc.testing.SimulatedNetwork, the in-memory UDP network.

Every test that awaits runs under ``trio.fail_after``; the few that never await cannot hang
(and flake8-async rejects a timeout around code with no checkpoint).  They are still async
because the network reads ``trio.current_time()``.
"""

from __future__ import annotations

import errno
import socket
from typing import TYPE_CHECKING

import attrs
import pytest
import trio
import trio.testing

from trio_rxrpc.testing import (
    Datagram,
    NetworkStatistics,
    SimulatedNetwork,
    SimulatedTransport,
    TraceEntry,
    Verdict,
)

if TYPE_CHECKING:
    from trio_rxrpc._transport import Address, DatagramNetwork, DatagramTransport

A = ("10.0.0.1", 7000)
B = ("10.0.0.2", 7001)


def pair(network: SimulatedNetwork) -> tuple[SimulatedTransport, SimulatedTransport]:
    return network.bind(A), network.bind(B)


def drain(transport: SimulatedTransport, size: int = 65536) -> list[tuple[bytes, Address]]:
    """Read everything deliverable right now."""
    buf = bytearray(size)
    out: list[tuple[bytes, Address]] = []
    while True:
        try:
            n, src = transport.recvfrom_into(buf)
        except BlockingIOError:
            return out
        out.append((bytes(buf[:n]), src))


async def receive_all(transport: SimulatedTransport, count: int) -> list[bytes]:
    """Wait for and read ``count`` datagrams."""
    received: list[bytes] = []
    while len(received) < count:
        await transport.wait_readable()
        received.extend(data for data, _ in drain(transport))
    return received


def check_invariant(stats: NetworkStatistics) -> None:
    assert stats.sent + stats.duplicated == stats.delivered + stats.dropped + stats.in_flight


async def test_implements_the_transport_protocols() -> None:
    network: DatagramNetwork = SimulatedNetwork()
    transport: DatagramTransport = network.bind(A)
    assert transport.family == socket.AF_INET
    assert transport.getsockname() == A
    transport.close()


async def test_delivery() -> None:
    with trio.fail_after(1):
        network = SimulatedNetwork()
        a, b = pair(network)
        with pytest.raises(BlockingIOError):
            b.recvfrom_into(bytearray(10))
        scratch = bytearray(b"world")
        assert a.sendmsg([b"hello ", memoryview(scratch)], (), 0, B) == 11
        scratch[:] = b"XXXXX"  # the network must have copied the bytes
        buf = bytearray(100)
        assert b.recvfrom_into(buf) == (11, A)
        assert buf[:11] == b"hello world"
        await a.wait_writable()
        with pytest.raises(BlockingIOError):
            b.recvfrom_into(buf)
        # Empty datagrams are datagrams too.
        b.sendmsg([], (), 0, A)
        await a.wait_readable()
        assert drain(a) == [(b"", B)]
        stats = network.statistics()
        assert (stats.sent, stats.delivered, stats.dropped, stats.in_flight) == (2, 2, 0, 0)
        check_invariant(stats)


async def test_send_requires_an_address() -> None:
    a = SimulatedNetwork().bind(A)
    with pytest.raises(OSError, match=r".") as info:
        a.sendmsg([b"x"])
    assert info.value.errno == errno.EDESTADDRREQ
    with pytest.raises(OSError, match=r".") as info:
        a.sendmsg([b"x"], (), 0, ("10.0.0.2", 0))
    assert info.value.errno == errno.EINVAL


async def test_sync_methods_do_not_checkpoint_and_async_ones_do() -> None:
    with trio.fail_after(1):
        network = SimulatedNetwork()
        a, b = pair(network)
        with trio.testing.assert_no_checkpoints():
            a.sendmsg([b"x"], (), 0, B)
            network.statistics()
        with trio.testing.assert_checkpoints():
            await b.wait_readable()  # already readable: still a checkpoint
        with trio.testing.assert_no_checkpoints():
            b.recvfrom_into(bytearray(1))
        with trio.testing.assert_checkpoints():
            await a.wait_writable()
        with trio.testing.assert_no_checkpoints():
            a.close()


async def test_loss_rate_is_roughly_as_configured() -> None:
    with trio.fail_after(1):
        network = SimulatedNetwork(seed=1, loss=0.3)
        a, b = pair(network)
        for i in range(2000):
            a.sendmsg([i.to_bytes(2, "big")], (), 0, B)
        await b.wait_readable()
        received = drain(b)
        stats = network.statistics()
        assert stats.delivered == len(received)
        assert stats.dropped == 2000 - len(received)
        assert 0.25 < stats.dropped / 2000 < 0.35
        check_invariant(stats)
        # What arrives keeps its order: there is no delay or reordering.
        numbers = [int.from_bytes(data, "big") for data, _ in received]
        assert numbers == sorted(numbers)


async def run_bad_network(seed: int) -> tuple[list[TraceEntry], list[tuple[float, bytes]]]:
    network = SimulatedNetwork(
        seed=seed,
        loss=0.1,
        duplicate=0.1,
        reorder=0.2,
        corrupt=0.1,
        delay=0.05,
        jitter=0.02,
        record=True,
    )
    a, b = pair(network)
    arrivals: list[tuple[float, bytes]] = []
    for i in range(200):
        a.sendmsg([b"packet %d" % i], (), 0, B)
        if i % 10 == 9:
            await trio.sleep(0.01)
    with trio.move_on_after(1):
        while True:
            await b.wait_readable()
            arrivals.extend((trio.current_time(), data) for data, _ in drain(b))
    return network.trace, arrivals


async def test_reproducible_for_a_seed(autojump_clock: trio.testing.MockClock) -> None:
    with trio.fail_after(10):
        start = trio.current_time()
        trace1, arrivals1 = await run_bad_network(seed=42)
        offset = trio.current_time() - start
        trace2, arrivals2 = await run_bad_network(seed=42)
        # Same seed, same sends: the same fate for every datagram, shifted in time.
        assert [(e.verdict, e.deliveries and [d.data for d in e.deliveries]) for e in trace1] == [
            (e.verdict, e.deliveries and [d.data for d in e.deliveries]) for e in trace2
        ]
        assert [d for _, d in arrivals1] == [d for _, d in arrivals2]
        assert [t2 - t1 for (t1, _), (t2, _) in zip(arrivals1, arrivals2, strict=True)] == (
            pytest.approx([offset] * len(arrivals1))
        )
        _, arrivals3 = await run_bad_network(seed=43)
        assert [d for _, d in arrivals3] != [d for _, d in arrivals1]


async def test_delay_and_jitter_give_exact_times(autojump_clock: trio.testing.MockClock) -> None:
    with trio.fail_after(10):
        network = SimulatedNetwork(delay=0.25)
        a, b = pair(network)
        start = trio.current_time()
        a.sendmsg([b"x"], (), 0, B)
        with pytest.raises(BlockingIOError):
            b.recvfrom_into(bytearray(1))
        await b.wait_readable()
        assert trio.current_time() == start + 0.25
        assert drain(b) == [(b"x", A)]

        network = SimulatedNetwork(seed=5, delay=0.5, jitter=0.125, record=True)
        a, b = pair(network)
        for i in range(20):
            a.sendmsg([bytes([i])], (), 0, B)
        start = trio.current_time()
        seen: list[tuple[float, bytes]] = []
        while len(seen) < 20:
            await b.wait_readable()
            seen.extend((trio.current_time(), data) for data, _ in drain(b))
        expected = sorted(
            ((d.time, d.data) for e in network.trace for d in e.deliveries),
            key=lambda item: item[0],
        )
        assert seen == expected  # each arrives at exactly its scheduled time, in time order
        assert all(start + 0.5 <= when <= start + 0.625 for when, _ in seen)
        assert [data for _, data in seen] != [bytes([i]) for i in range(20)]  # jitter reorders


async def test_waiter_wakes_early_for_a_sooner_datagram(
    autojump_clock: trio.testing.MockClock,
) -> None:
    def slow_first(datagram: Datagram) -> Verdict | None:
        return Verdict(extra_delay=10.0) if datagram.data == b"slow" else None

    with trio.fail_after(20):
        network = SimulatedNetwork(delay=1.0, policy=slow_first)
        a, b = pair(network)
        start = trio.current_time()
        a.sendmsg([b"slow"], (), 0, B)
        async with trio.open_nursery() as nursery:
            nursery.start_soon(b.wait_readable)
            await trio.sleep(0.5)  # the waiter is parked until start + 11
            a.sendmsg([b"fast"], (), 0, B)
        assert trio.current_time() == start + 1.5
        assert drain(b) == [(b"fast", A)]
        await b.wait_readable()
        assert trio.current_time() == start + 11.0
        assert drain(b) == [(b"slow", A)]


async def test_cancelled_wait_loses_nothing(autojump_clock: trio.testing.MockClock) -> None:
    with trio.fail_after(10):
        network = SimulatedNetwork(delay=2.0)
        a, b = pair(network)
        a.sendmsg([b"x"], (), 0, B)
        with trio.move_on_after(1.0) as scope:
            await b.wait_readable()
        assert scope.cancelled_caught
        await b.wait_readable()
        assert drain(b) == [(b"x", A)]


async def test_reordering_happens() -> None:
    with trio.fail_after(10):
        network = SimulatedNetwork(seed=3, reorder=0.2)
        a, b = pair(network)
        for i in range(200):
            a.sendmsg([i.to_bytes(2, "big")], (), 0, B)
        received = await receive_all(b, 200)
        numbers = [int.from_bytes(data, "big") for data in received]
        assert sorted(numbers) == list(range(200))
        assert numbers != list(range(200))
        stats = network.statistics()
        assert 20 < stats.reordered < 60
        assert stats.delivered == 200


async def test_duplication() -> None:
    with trio.fail_after(1):
        network = SimulatedNetwork(seed=4, duplicate=0.25)
        a, b = pair(network)
        for i in range(400):
            a.sendmsg([i.to_bytes(2, "big")], (), 0, B)
        await b.wait_readable()
        numbers = [int.from_bytes(data, "big") for data, _ in drain(b)]
        stats = network.statistics()
        assert 70 < stats.duplicated < 130
        assert len(numbers) == 400 + stats.duplicated
        assert set(numbers) == set(range(400))
        assert numbers == sorted(numbers)  # no delay: a copy follows its original
        check_invariant(stats)


async def test_corruption() -> None:
    with trio.fail_after(1):
        network = SimulatedNetwork(seed=5, corrupt=1.0)
        a, b = pair(network)
        original = bytes(range(64))
        for _ in range(100):
            a.sendmsg([original], (), 0, B)
        await b.wait_readable()
        received = [data for data, _ in drain(b)]
        assert len(received) == 100
        truncated = flipped = 0
        for data in received:
            if len(data) < len(original):
                assert original.startswith(data)
                truncated += 1
            else:
                assert sum(x != y for x, y in zip(data, original, strict=True)) == 1
                flipped += 1
        assert truncated > 20
        assert flipped > 20
        assert network.statistics().corrupted == 100


async def test_truncation_into_a_small_buffer() -> None:
    with trio.fail_after(1):
        network = SimulatedNetwork()
        a, b = pair(network)
        a.sendmsg([bytes(range(100))], (), 0, B)
        a.sendmsg([bytes(range(100))], (), 0, B)
        await b.wait_readable()
        small = bytearray(10)
        assert b.recvfrom_into(small) == (10, A)
        assert small == bytes(range(10))
        big = bytearray(100)
        assert b.recvfrom_into(big, 5) == (5, A)  # nbytes limits it too
        assert big[:6] == bytes([0, 1, 2, 3, 4, 0])
        with pytest.raises(BlockingIOError):  # the rest of each datagram is gone
            b.recvfrom_into(big)
        with pytest.raises(ValueError, match="nbytes"):
            b.recvfrom_into(small, 11)


async def test_emsgsize() -> None:
    network = SimulatedNetwork(mtu=1000)
    a, _ = pair(network)
    assert a.sendmsg([bytes(600), bytes(400)], (), 0, B) == 1000
    with pytest.raises(OSError, match=r".") as info:
        a.sendmsg([bytes(600), bytes(401)], (), 0, B)
    assert info.value.errno == errno.EMSGSIZE
    assert network.statistics().sent == 1


async def test_address_in_use() -> None:
    network = SimulatedNetwork()
    a = network.bind(A)
    with pytest.raises(OSError, match=r".") as info:
        network.bind(A)
    assert info.value.errno == errno.EADDRINUSE
    network.bind(("10.0.0.9", A[1])).close()  # another host, same port: fine
    a.close()
    network.bind(A).close()  # free again once closed


async def test_port_zero_allocation() -> None:
    network = SimulatedNetwork()
    first = network.bind(("10.0.0.1", 0))
    second = network.bind(("10.0.0.1", 0))
    assert first.getsockname() == ("10.0.0.1", 40000)
    assert second.getsockname() == ("10.0.0.1", 40001)
    network.bind(("10.0.0.1", 40002))
    assert network.bind(("10.0.0.1", 0)).getsockname() == ("10.0.0.1", 40003)
    first.close()
    # Ports rotate rather than being reused at once.
    assert network.bind(("10.0.0.1", 0)).getsockname() == ("10.0.0.1", 40004)
    assert network.bind(("", 0)).getsockname() == ("0.0.0.0", 40005)
    with pytest.raises(OverflowError):
        network.bind(("10.0.0.1", 65536))


async def test_close_wakes_a_waiter() -> None:
    with trio.fail_after(1):
        network = SimulatedNetwork()
        a, b = pair(network)
        assert a.sendmsg([b"x"], (), 0, B) == 1
        await b.wait_readable()
        b.recvfrom_into(bytearray(1))
        got: list[BaseException] = []

        async def waiter() -> None:
            try:
                await b.wait_readable()
            except trio.ClosedResourceError as exc:
                got.append(exc)

        async with trio.open_nursery() as nursery:
            nursery.start_soon(waiter)
            await trio.testing.wait_all_tasks_blocked()
            b.close()
        assert len(got) == 1
        b.close()  # idempotent
        assert b.closed
        with pytest.raises(trio.ClosedResourceError):
            await b.wait_readable()
        with pytest.raises(trio.ClosedResourceError):
            await b.wait_writable()
        with pytest.raises(OSError, match=r".") as info:
            b.recvfrom_into(bytearray(1))
        assert info.value.errno == errno.EBADF
        with pytest.raises(OSError, match=r".") as info:
            b.sendmsg([b"x"], (), 0, A)
        assert info.value.errno == errno.EBADF


async def test_close_drops_what_is_in_flight(autojump_clock: trio.testing.MockClock) -> None:
    with trio.fail_after(10):
        network = SimulatedNetwork(delay=1.0)
        a, b = pair(network)
        a.sendmsg([b"x"], (), 0, B)
        a.sendmsg([b"y"], (), 0, B)
        assert network.statistics().in_flight == 2
        b.close()
        b2 = network.bind(B)
        await trio.sleep(2.0)
        assert drain(b2) == []
        stats = network.statistics()
        assert (stats.dropped, stats.in_flight) == (2, 0)
        check_invariant(stats)


async def test_policy_drops_a_chosen_datagram(autojump_clock: trio.testing.MockClock) -> None:
    count = 0

    def drop_third(datagram: Datagram) -> Verdict | None:
        nonlocal count
        if datagram.dst == B:
            count += 1
            if count == 3:
                return Verdict(deliver=False)
        return None

    with trio.fail_after(1):
        network = SimulatedNetwork(policy=drop_third, record=True)
        a, b = pair(network)
        for i in range(6):
            a.sendmsg([bytes([i])], (), 0, B)
        b.sendmsg([b"reply"], (), 0, A)
        await b.wait_readable()
        assert [data for data, _ in drain(b)] == [bytes([i]) for i in (0, 1, 3, 4, 5)]
        assert drain(a) == [(b"reply", B)]
        verdicts = [entry.verdict for entry in network.trace]
        assert verdicts == [None, None, Verdict(deliver=False), None, None, None, None]
        assert network.trace[2].deliveries == ()
        assert network.trace[2].datagram == Datagram(A, B, b"\x02", trio.current_time())
        assert network.statistics().dropped == 1


async def test_policy_copies_delay_and_replacement(
    autojump_clock: trio.testing.MockClock,
) -> None:
    with trio.fail_after(10):
        network = SimulatedNetwork(
            delay=0.5,
            loss=1.0,  # a verdict overrides the random treatment entirely
            policy=lambda d: Verdict(copies=3, extra_delay=0.25, data=d.data.upper()),
        )
        a, b = pair(network)
        start = trio.current_time()
        a.sendmsg([b"abc"], (), 0, B)
        await b.wait_readable()
        assert trio.current_time() == start + 0.75
        assert drain(b) == [(b"ABC", A)] * 3
        stats = network.statistics()
        assert (stats.duplicated, stats.corrupted, stats.reordered) == (2, 3, 3)
        check_invariant(stats)
        with pytest.raises(ValueError, match="copies"):
            Verdict(copies=-1)
        with pytest.raises(ValueError, match="extra_delay"):
            Verdict(extra_delay=-1.0)


async def test_ipv6_addresses() -> None:
    with trio.fail_after(1):
        network = SimulatedNetwork()
        a = network.bind(("::1", 7000))
        b = network.bind(("fe80::2", 0, 0, 3))
        assert a.family == b.family == socket.AF_INET6
        assert a.getsockname() == ("::1", 7000, 0, 0)
        assert b.getsockname() == ("fe80::2", 40000, 0, 3)
        # Addresses are compared in canonical form, and a pair works for sending.
        assert a.sendmsg([b"hi"], (), 0, ("FE80:0::2", 40000)) == 2
        await b.wait_readable()
        assert drain(b) == [(b"hi", ("::1", 7000, 0, 0))]
        b.sendmsg([b"yo"], (), 0, ("::1", 7000, 0, 0))
        assert drain(a) == [(b"yo", ("fe80::2", 40000, 0, 3))]
        with pytest.raises(OSError, match=r".") as info:
            a.sendmsg([b"x"], (), 0, B)
        assert info.value.errno == errno.EAFNOSUPPORT
        v4 = network.bind(A)
        with pytest.raises(TypeError):
            v4.sendmsg([b"x"], (), 0, ("10.0.0.2", 7001, 0, 0))


async def test_names_are_hosts_too() -> None:
    with trio.fail_after(1):
        network = SimulatedNetwork()
        server = network.bind(("fileserver", 7000))
        client = network.bind(("client", 0))
        client.sendmsg([b"ping"], (), 0, ("fileserver", 7000))
        await server.wait_readable()
        assert drain(server) == [(b"ping", ("client", 40000))]


async def test_unroutable_is_silent_by_default() -> None:
    network = SimulatedNetwork(record=True)
    a = network.bind(A)
    assert a.sendmsg([b"x"], (), 0, B) == 1
    assert drain(a) == []
    stats = network.statistics()
    assert (stats.dropped, stats.unroutable) == (1, 1)
    assert not network.trace[0].routed


async def test_icmp_unreachable(autojump_clock: trio.testing.MockClock) -> None:
    with trio.fail_after(10):
        network = SimulatedNetwork(delay=0.5, icmp_unreachable=True)
        a = network.bind(A)
        start = trio.current_time()
        a.sendmsg([b"x"], (), 0, B)
        with pytest.raises(BlockingIOError):
            a.recvfrom_into(bytearray(10))
        await a.wait_readable()
        assert trio.current_time() == start + 1.0  # one round trip
        with pytest.raises(ConnectionRefusedError):
            a.recvfrom_into(bytearray(10))
        with pytest.raises(BlockingIOError):  # reported once
            a.recvfrom_into(bytearray(10))


async def test_receive_buffer_overflow_drops() -> None:
    with trio.fail_after(1):
        network = SimulatedNetwork()
        a = network.bind(A)
        b = network.bind(B, buffer_size=1000)
        for i in range(15):
            a.sendmsg([bytes([i]) * 100], (), 0, B)
        stats = network.statistics()
        assert (stats.delivered, stats.overflowed, stats.dropped) == (10, 5, 5)
        await b.wait_readable()
        assert [data[0] for data, _ in drain(b)] == list(range(10))
        a.sendmsg([b"more"], (), 0, B)  # reading made room
        assert drain(b) == [(b"more", A)]
        check_invariant(network.statistics())


async def test_impairments_can_change_between_sends() -> None:
    with trio.fail_after(1):
        network = SimulatedNetwork()
        a, b = pair(network)
        network.loss = 1.0
        a.sendmsg([b"lost"], (), 0, B)
        network.loss = 0.0
        a.sendmsg([b"kept"], (), 0, B)
        await b.wait_readable()
        assert drain(b) == [(b"kept", A)]
        with pytest.raises(ValueError, match="loss"):
            network.loss = 1.5
        with pytest.raises(ValueError, match="delay"):
            SimulatedNetwork(delay=-1.0)


def test_records_are_frozen() -> None:
    verdict = Verdict()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        verdict.deliver = False  # type: ignore[misc]  # checking the runtime guard
    assert repr(Datagram(A, B, bytes(40), 0.0)).count("40 bytes") == 1


def test_statistics_outside_trio_run() -> None:
    stats = SimulatedNetwork().statistics()
    assert stats == NetworkStatistics(
        sent=0,
        delivered=0,
        dropped=0,
        duplicated=0,
        corrupted=0,
        reordered=0,
        unroutable=0,
        overflowed=0,
        in_flight=0,
    )


async def test_bad_arguments() -> None:
    network = SimulatedNetwork()
    a, b = pair(network)
    bad_addresses: list[object] = [["10.0.0.2", 7001], ("10.0.0.2",), (7001, "10.0.0.2")]
    for bad in bad_addresses:
        with pytest.raises(TypeError):
            a.sendmsg([b"x"], (), 0, bad)  # type: ignore[arg-type]  # runtime check
        with pytest.raises(TypeError):
            network.bind(bad)  # type: ignore[arg-type]  # runtime check
    with pytest.raises(ValueError, match="buffer_size"):
        network.bind(("10.0.0.3", 1), buffer_size=-1)
    a.sendmsg([b"x"], (), 0, B)
    with pytest.raises(TypeError):
        b.recvfrom_into(b"read-only")
    with pytest.raises(ValueError, match="negative"):
        b.recvfrom_into(bytearray(1), -1)
    assert b.recvfrom_into(bytearray(1)) == (1, A)  # a bad call loses nothing


async def test_policy_that_raises_sends_nothing() -> None:
    def broken(datagram: Datagram) -> Verdict | None:
        raise RuntimeError("policy bug")

    network = SimulatedNetwork(policy=broken)
    a, b = pair(network)
    with pytest.raises(RuntimeError, match="policy bug"):
        a.sendmsg([b"x"], (), 0, B)
    assert network.statistics().sent == 0
    assert drain(b) == []


async def test_ephemeral_ports_run_out() -> None:
    network = SimulatedNetwork()
    for _ in range(40000, 65536):
        network.bind(("h", 0))
    with pytest.raises(OSError, match=r".") as info:
        network.bind(("h", 0))
    assert info.value.errno == errno.EADDRINUSE
    assert network.bind(("other", 0)).getsockname() == ("other", 40000)
