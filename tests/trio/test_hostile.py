"""Hostile peers over real UDP on loopback: a peer can end at most its own call."""

from __future__ import annotations

import random

import trio
from hostile import Flooder, bounded_echo, forged_first_data, round_robin, serving, source_sockets


async def test_serve_starts_every_queued_call_in_one_pass() -> None:
    """5,000 new calls in bursts, queued a receive batch (256 datagrams) at a time: serve()
    keeps up, so a backlog of 1024 never fills and nobody is answered BUSY."""
    rng = random.Random(5)
    async with serving(bounded_echo, backlog=1024) as server:
        flooder = Flooder(server)
        with source_sockets(10, net=33) as sources, trio.fail_after(60):
            forged = [forged_first_data(rng) for _ in range(5000)]
            await flooder.send(forged, round_robin(sources))
            stats = server.endpoint.statistics()
    assert stats.dropped["backlog_full"] == 0
    assert stats.busy_sent == 0
    assert stats.taken["data"] == 5000
