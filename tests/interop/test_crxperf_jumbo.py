"""Jumbograms with OpenAFS's C Rx (crxperf), both directions, over loopback.

OpenAFS advertises a count of jumbogram sub-packets in its ACK trailers (never the "jumbo
maximum 0" of Linux 7.x), so trio-rxrpc keeps advertising its own count (46) to it and gets
OpenAFS's jumbograms; in the other direction our path-MTU probes confirm what loopback
carries and our DATA goes out in jumbograms of up to what OpenAFS accepts.  The counts come
from our endpoint's own statistics and peer listing.
"""

from __future__ import annotations

import subprocess
from typing import TYPE_CHECKING

import pytest
import trio
from test_rxperf_crxperf import LOOPBACK, crxperf_server, fields, line_of

import trio_rxrpc as rx
from trio_rxrpc import _rxperf as rxperf
from trio_rxrpc._rxperf.client import Plan, client_call
from trio_rxrpc._rxperf.protocol import OP_SEND, Payload
from trio_rxrpc._rxperf.server import Server

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.interop

SIZE = 4 << 20


async def test_our_data_to_openafs_goes_in_jumbograms(crxperf: Path) -> None:
    payload = Payload.create(verify=True)
    plan = Plan.create(OP_SEND, size=SIZE, request_size=0, reply_size=0, rsize=4096,
                       wsize=4096, payload=payload)
    with crxperf_server(crxperf, 3, "-V") as server:
        with trio.fail_after(60):
            async with rx.open_endpoint((LOOPBACK, 0)) as ep, ep.socket() as sock:
                for _ in range(3):
                    moved = await client_call(sock, (LOOPBACK, server.port), plan, payload,
                                              security=None, dead_after=20)
                    assert moved == SIZE
                (peer,) = [p for p in ep.list_peers() if p.remote.endswith(f":{server.port}")]
                stats = ep.statistics()
    totals = fields(line_of(server.output, "SERVER"))
    assert (int(totals["calls"]), int(totals["failed"])) == (3, 0)
    # OpenAFS says how many sub-packets it takes; our probes confirmed loopback carries them.
    assert peer.jumbo > 1, peer
    assert peer.tx_jumbo == peer.jumbo, peer
    assert peer.pmtu > 1444, peer
    assert stats.pmtu_probes_confirmed >= 1
    data_datagrams = stats.datagrams_sent - stats.acks_sent
    assert stats.data_packets_sent > 1.5 * data_datagrams, stats


async def test_openafs_data_to_us_comes_in_jumbograms(crxperf: Path) -> None:
    payload = Payload.create(verify=True)
    with trio.fail_after(60):
        async with rx.open_endpoint((LOOPBACK, 0)) as ep, ep.socket() as sock:
            sock.listen([rxperf.SERVICE])
            server = Server(sock, payload, count=3)
            async with trio.open_nursery() as nursery:
                await nursery.start(server.serve)
                done = await trio.run_process(
                    [str(crxperf), "client", "-s", LOOPBACK, "-p", str(ep.address[1]),
                     "-t", "100", "-c", "send", "-b", str(SIZE), "-n", "3", "-V"],
                    capture_stdout=True, capture_stderr=True, check=False,
                    stdin=subprocess.DEVNULL)
                await server.done.wait()
            (peer,) = ep.list_peers()
            stats = ep.statistics()
    assert done.returncode == 0, done.stdout + done.stderr
    assert (server.stats.calls, server.stats.failed) == (3, 0)
    assert server.stats.bytes_in == 3 * SIZE
    # We still advertise our count to OpenAFS (not 0, which would mean "none" to it) ...
    assert peer.jumbo > 1, peer
    # ... so its DATA arrived in jumbograms: more DATA packets than DATA datagrams.
    assert stats.data_packets_received > 1.5 * stats.taken["data"], stats
