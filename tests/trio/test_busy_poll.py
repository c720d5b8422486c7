"""Busy polling (``EndpointConfig.busy_poll``): the configuration, the run's instrument,
and calls over real UDP sockets with it on.  A C peer in another process is in
``tests/interop/test_busy_poll_crxperf.py``."""

from __future__ import annotations

import math
import socket
from typing import TYPE_CHECKING

import pytest
import trio

import trio_rxrpc as rx
from trio_rxrpc import _busypoll as busypoll
from trio_rxrpc.testing import SimulatedNetwork

if TYPE_CHECKING:
    from collections.abc import Iterator

LOOPBACK = "127.0.0.1"
SERVICE = 1234


# ------------------------------------------------------------------ the configuration

@pytest.mark.parametrize("value", [0, 0.0, 50e-6, 0.01])
def test_config_takes_zero_to_ten_milliseconds(value: float) -> None:
    assert rx.EndpointConfig(busy_poll=value).busy_poll == value


def test_config_is_off_by_default() -> None:
    assert rx.EndpointConfig().busy_poll == 0


@pytest.mark.parametrize("value", [-1e-6, 0.0101, 1.0, math.inf, math.nan])
def test_config_refuses_values_out_of_range(value: float) -> None:
    with pytest.raises(ValueError, match=r"busy_poll must be between 0 and 0\.01 seconds"):
        rx.EndpointConfig(busy_poll=value)


@pytest.mark.parametrize("value", ["50us", None, True])
def test_config_refuses_what_is_not_a_number(value: object) -> None:
    with pytest.raises(TypeError, match="busy_poll must be a number of seconds"):
        rx.EndpointConfig(busy_poll=value)  # type: ignore[arg-type]


# ------------------------------------------------------------------ the instrument

class StepClock:
    """A clock that moves ``step`` seconds each time it is read."""

    def __init__(self, step: float) -> None:
        self.now = 0.0
        self.step = step
        self.reads = 0

    def __call__(self) -> float:
        self.reads += 1
        self.now += self.step
        return self.now


@pytest.fixture
def udp_pair() -> Iterator[tuple[socket.socket, socket.socket]]:
    """A bound receiving socket and a socket that can send to it."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as rx_sock, \
            socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as tx_sock:
        rx_sock.bind((LOOPBACK, 0))
        rx_sock.setblocking(False)
        yield rx_sock, tx_sock


def test_no_spin_when_tasks_are_runnable(udp_pair: tuple[socket.socket, socket.socket]) -> None:
    clock = StepClock(1e-6)
    poller = busypoll.BusyPoll(clock)
    watch = busypoll.Watch(udp_pair[0].fileno(), 0.01)
    poller.add(watch)
    poller.before_io_wait(0.0)
    assert (watch.spins, watch.hits, clock.reads) == (0, 0, 0)


def test_spin_stops_at_the_runs_next_deadline(
        udp_pair: tuple[socket.socket, socket.socket]) -> None:
    """Nothing arrives: the spin lasts until the shorter of its time and the timeout."""
    clock = StepClock(1e-6)
    poller = busypoll.BusyPoll(clock)
    watch = busypoll.Watch(udp_pair[0].fileno(), 0.01)
    poller.add(watch)
    poller.before_io_wait(100e-6)  # a timer is due in 100 us: stop there, not at 10 ms
    assert (watch.spins, watch.hits) == (1, 0)
    assert 100 <= clock.reads <= 102
    clock.reads = 0
    poller.before_io_wait(1.0)  # a far deadline: the watch's own 10 ms
    assert 10_000 <= clock.reads <= 10_002
    assert (watch.spins, watch.hits) == (2, 0)


def test_spin_ends_when_a_datagram_is_waiting(
        udp_pair: tuple[socket.socket, socket.socket]) -> None:
    rx_sock, tx_sock = udp_pair
    clock = StepClock(1e-6)
    poller = busypoll.BusyPoll(clock)
    other = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    other.bind((LOOPBACK, 0))
    try:
        watch = busypoll.Watch(rx_sock.fileno(), 0.01)
        quiet = busypoll.Watch(other.fileno(), 0.001)
        poller.add(watch)
        poller.add(quiet)
        tx_sock.sendto(b"x", rx_sock.getsockname())
        poller.before_io_wait(1.0)
        # The datagram was seen at once (the socket is not read: trio's wait does that).
        assert clock.reads <= 2
        assert (watch.spins, watch.hits, quiet.spins, quiet.hits) == (1, 1, 1, 0)
        assert rx_sock.recv(16) == b"x"
        assert poller.remove(watch)  # the other socket is still watched
        clock.reads = 0
        poller.before_io_wait(1.0)  # now the longest time asked is 1 ms
        assert 1_000 <= clock.reads <= 1_002
        assert not poller.remove(quiet)
    finally:
        other.close()


# ------------------------------------------------------------------ endpoints

async def echo_handler(call: rx.Call) -> None:
    request = await call.receive_all(max_size=4096)
    call.send_nowait(request[::-1], eof=True)


def run_poller() -> busypoll.BusyPoll | None:
    return busypoll._RUN_POLL.get()


async def test_calls_over_udp_with_busy_polling() -> None:
    """Calls complete, each once and whole; the server's socket was seen readable while
    the run was about to sleep, and the instrument goes when the last endpoint closes."""
    config = rx.EndpointConfig(busy_poll=200e-6)
    async with rx.open_endpoint((LOOPBACK, 0), config=config) as server, \
            trio.open_nursery() as nursery:
        sock = server.socket()
        sock.listen([SERVICE])
        await nursery.start(sock.serve, echo_handler)
        async with rx.open_endpoint((LOOPBACK, 0), config=config) as client:
            poller = run_poller()
            assert poller is not None
            for i in range(50):
                payload = f"request {i}".encode() * (i + 1)
                async with client.socket().call(server.address, SERVICE) as call:
                    call.send_nowait(payload, eof=True)
                    assert await call.receive_all() == payload[::-1]
            stats = client.statistics()
            assert stats.busy_polls > 0
            assert stats.busy_poll_hits > 0  # the server's replies, seen while spinning
            assert stats.busy_poll_hits <= stats.busy_polls
        assert run_poller() is poller  # the server still has its watch
        served = server.statistics()
        assert served.busy_poll_hits > 0
        assert served.calls_accepted == 50
        nursery.cancel_scope.cancel()
    assert run_poller() is None


async def test_an_endpoint_without_busy_polling_adds_nothing() -> None:
    async with rx.open_endpoint((LOOPBACK, 0)) as ep:
        assert run_poller() is None
        stats = ep.statistics()
        assert (stats.busy_polls, stats.busy_poll_hits) == (0, 0)


async def test_simulated_sockets_are_not_watched() -> None:
    """Only a real UDP socket can become readable while the run spins."""
    net = SimulatedNetwork()
    config = rx.EndpointConfig(busy_poll=1e-3)
    async with rx.open_endpoint(("10.0.0.1", 7000), config=config, network=net) as server, \
            trio.open_nursery() as nursery:
        sock = server.socket()
        sock.listen([SERVICE])
        await nursery.start(sock.serve, echo_handler)
        async with rx.open_endpoint(("10.0.0.2", 7001), config=config,
                                    network=net) as client:
            assert run_poller() is None
            async with client.socket().call(server.address, SERVICE) as call:
                call.send_nowait(b"hello", eof=True)
                assert await call.receive_all() == b"olleh"
            assert client.statistics().busy_polls == 0
        nursery.cancel_scope.cancel()


async def test_endpoint_closing_by_error_stops_the_watch() -> None:
    config = rx.EndpointConfig(busy_poll=50e-6)
    with pytest.raises(KeyError):
        async with rx.open_endpoint((LOOPBACK, 0), config=config):
            assert run_poller() is not None
            raise KeyError("the body failed")
    assert run_poller() is None
    await trio.sleep(0.001)  # the run sleeps again without the instrument
