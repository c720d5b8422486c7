"""Endpoint statistics as group members send them, and what a hostile answer gets."""

from __future__ import annotations

import json

import pytest
import trio

import trio_rxrpc as rx
from trio_rxrpc._groupstats import (
    GroupStatistics,
    format_statistics,
    statistics_from_row,
    statistics_row,
)
from trio_rxrpc._listquery import NotAnEndpoint


async def test_a_lone_endpoint_is_a_group_of_one() -> None:
    with trio.fail_after(20):
        async with rx.open_endpoint(("127.0.0.1", 0)) as server, \
                rx.open_endpoint(("127.0.0.1", 0)) as client:
            sock = server.socket()
            sock.listen([7])

            async def echo(call: rx.Call) -> None:
                await call.send_all(await call.receive_all())

            async with trio.open_nursery() as nursery:
                await nursery.start(sock.serve, echo)
                async with client.socket().call(server.address, 7) as call:
                    await call.send_all(b"x" * 5000)
                    await call.send_eof()
                    assert await call.receive_all() == b"x" * 5000
                stats = await rx.group_statistics(server.address[:2])
                nursery.cancel_scope.cancel()
            mine = server.statistics()
    assert stats.size == stats.answered == 1
    (member,) = stats.members
    assert member is not None
    assert member.calls_accepted == mine.calls_accepted == 1
    assert member.data_packets_received == mine.data_packets_received


def test_statistics_survive_json() -> None:
    stats = rx.EndpointStatistics(
        datagrams_received=5, bytes_received=500, datagrams_sent=4, bytes_sent=400,
        taken={"data": 3}, dropped={"short": 1}, data_packets_sent=2,
        data_packets_received=3, retransmits=0, duplicates=0, out_of_window=0, bad_acks=0,
        acks_superseded=0, acks_sent=1, busy_sent=0, busy_received=0, aborts_sent={-6: 2},
        aborts_received={}, security_failures=0, dead_peers=0, timeouts=0, evictions=0,
        rebinds=0, internal_errors=0, send_errors=0, receive_errors=0, calls_live=0,
        calls_started=1, calls_accepted=0, server_connections=0, client_connections=1,
        peers=1, held_bytes=0, smoothed_rtt=0.001)
    row = json.loads(json.dumps(statistics_row(stats)))
    assert statistics_from_row(row) == stats
    group = GroupStatistics((stats, None, stats))
    assert group.answered == 2
    assert group.total("datagrams_received") == 10
    assert group.dropped() == {"short": 2}
    with pytest.raises(TypeError):
        group.total("taken")
    table = format_statistics([{**row, "member": 0}, {**row, "member": 1}])
    assert [line.split()[0] for line in table.splitlines()] == ["member", "0", "1", "all"]


@pytest.mark.parametrize("change", [
    {"calls_live": -1}, {"calls_live": "3"}, {"calls_live": True}, {"taken": [1]},
    {"aborts_sent": {"x": 1}}, {"smoothed_rtt": "fast"}, {"udp_gso": 1},
])
def test_a_hostile_statistics_row_is_refused(change: dict[str, object]) -> None:
    row = statistics_row(rx.EndpointStatistics(
        datagrams_received=0, bytes_received=0, datagrams_sent=0, bytes_sent=0, taken={},
        dropped={}, data_packets_sent=0, data_packets_received=0, retransmits=0,
        duplicates=0, out_of_window=0, bad_acks=0, acks_superseded=0, acks_sent=0, busy_sent=0,
        busy_received=0, aborts_sent={}, aborts_received={}, security_failures=0,
        dead_peers=0, timeouts=0, evictions=0, rebinds=0, internal_errors=0, send_errors=0,
        receive_errors=0, calls_live=0, calls_started=0, calls_accepted=0,
        server_connections=0, client_connections=0, peers=0, held_bytes=0,
        smoothed_rtt=None))
    with pytest.raises(NotAnEndpoint):
        statistics_from_row({**row, **change})
    del row["calls_live"]
    with pytest.raises(NotAnEndpoint, match="lack calls_live"):
        statistics_from_row(row)
