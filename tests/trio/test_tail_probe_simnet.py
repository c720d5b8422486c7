"""The tail-loss probe through the whole stack: two endpoints on the simulated network under
trio's ``MockClock``, so call times are the protocol's own.  A request that loses the end of
its last flight is repaired two round trips later by the probe, not by the retransmission
timeout; and ``benchmarks/loss_latency.py``, which measures this, runs."""

from __future__ import annotations

import importlib.util
import random
import re
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import trio
import trio.testing

import trio_rxrpc as rx
from trio_rxrpc.testing import Datagram, SimulatedNetwork, Verdict

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable

SERVICE = 77
SERVER = ("10.0.0.1", 7000)
CLIENT = ("10.0.0.2", 7001)
DELAY = 0.005  # one way
REQUEST = random.Random(5).randbytes(60_000)  # 43 packets
DATA, LAST_PACKET = 1, 0x04


def lose_tail(lost: list[bytes], *, tail: int) -> Callable[[Datagram], Verdict | None]:
    """Lose, once each, the last ``tail`` DATA packets of the second call's request."""
    def policy(d: Datagram) -> Verdict | None:
        data = d.data
        if d.src != CLIENT or data[20] != DATA or int.from_bytes(data[8:12], "big") != 2:
            return Verdict()
        seq = int.from_bytes(data[12:16], "big")
        if seq > 43 - tail and all(int.from_bytes(x[12:16], "big") != seq for x in lost):
            lost.append(data)
            return Verdict(deliver=False)
        return Verdict()
    return policy


async def echo_length(call: rx.Call) -> None:
    got = await call.receive_all()
    await call.send_all(len(got).to_bytes(4, "big"))
    await call.send_eof()


@asynccontextmanager
async def client_of_a_server(net: SimulatedNetwork) -> AsyncIterator[rx.Endpoint]:
    """A client endpoint, and a server answering each request with its length."""
    async with rx.open_endpoint(SERVER, network=net, rng=random.Random(1)) as sep, \
            sep.socket() as listener, rx.open_endpoint(CLIENT, network=net,
                                                       rng=random.Random(2)) as cep:
        listener.listen([SERVICE], backlog=4)
        async with trio.open_nursery() as nursery:
            await nursery.start(listener.serve, echo_length)
            yield cep
            nursery.cancel_scope.cancel()


async def timed_call(sock: rx.BoundSocket) -> float:
    start = trio.current_time()
    async with sock.call(SERVER, SERVICE) as call:
        await call.send_all(REQUEST)
        await call.send_eof()
        assert await call.receive_all() == len(REQUEST).to_bytes(4, "big")
    return trio.current_time() - start


@pytest.mark.parametrize("tail", [1, 5])
async def test_a_lost_tail_costs_a_probe_not_a_timeout(
        tail: int, autojump_clock: trio.testing.MockClock) -> None:
    lost: list[bytes] = []
    net = SimulatedNetwork(seed=1, delay=DELAY, policy=lose_tail(lost, tail=tail))
    async with client_of_a_server(net) as cep:
        sock = cep.socket()
        clean = await timed_call(sock)  # measures the round trip, too
        lossy = await timed_call(sock)
        stats = cep.statistics()
    assert len(lost) == tail
    assert stats.tail_probes == 1
    assert stats.retransmits == tail
    # The probe goes 2 round trips and the 25 ms a server may hold its ACK (45 ms) after the
    # lost tail; it and the packets its PING shows missing arrive a round trip later.  The
    # shortest timeout alone is 200 ms.
    assert clean == pytest.approx(4 * DELAY)
    assert lossy - clean < 0.1


async def test_small_calls_alone_measure_the_round_trip(
        autojump_clock: trio.testing.MockClock) -> None:
    """Our server lets a quick reply acknowledge the request, so the client's request for an
    ACK goes unanswered: the reply's time is its first round-trip sample, and the
    retransmission timeout leaves its unmeasured default of 1 s."""
    async with client_of_a_server(SimulatedNetwork(seed=1, delay=DELAY)) as cep:
        sock = cep.socket()
        for _ in range(3):
            async with sock.call(SERVER, SERVICE) as call:
                await call.send_all(b"small")
                await call.send_eof()
                assert await call.receive_all() == (5).to_bytes(4, "big")
        (peer,) = cep.list_peers()
    assert peer.rtt_ms == pytest.approx(2 * DELAY * 1000)
    assert peer.rto_ms == 200.0  # the shortest timeout, not the default


def test_the_loss_benchmark_runs(capsys: pytest.CaptureFixture[str]) -> None:
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "loss_latency.py"
    spec = importlib.util.spec_from_file_location("loss_latency", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(["--calls", "50", "--seed", "3"])
    out = capsys.readouterr().out
    assert "failed calls: none" in out
    found = re.search(r"(\d+) sent again, (\d+) tail-loss probes", out)
    assert found is not None
    assert int(found[2]) > 0
    assert "RESULT name=loss_p99 " in out
