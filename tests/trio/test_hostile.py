"""Hostile peers over real UDP on loopback: a peer can end at most its own call.

Each test attacks a serving endpoint the way a hostile or broken peer could: requests larger
than the handler accepts, floods of garbage and of mutated real packets, forged ACKs from
thousands of addresses, a hundred thousand one-packet connections, ten thousand calls at
once.  Each checks that the endpoint accounted for every datagram it read (taken or dropped,
by reason), that its tables stayed within their caps, and that genuine calls kept working.
"""

from __future__ import annotations

import gc
import random
import tracemalloc

import pytest
import trio
from hostile import (
    LOOPBACK,
    Flooder,
    FreshSources,
    Server,
    assert_accounted,
    bounded_echo,
    echo_call,
    forged_ack,
    forged_first_data,
    mutate,
    random_datagram,
    record_calls,
    round_robin,
    serving,
    source_sockets,
    synthetic_packets,
)

import trio_rxrpc as rx

RXGEN_SS_UNMARSHAL = -453


def sent_by(ep: rx.Endpoint) -> int:
    """Datagrams ``ep`` has sent (it must not have had a send fail)."""
    stats = ep.statistics()
    assert stats.send_errors == 0
    return stats.datagrams_sent


# ------------------------------------------------------------------ 1. oversized requests


async def test_oversized_requests_are_refused_and_normal_calls_go_on() -> None:
    """100 clients send 1000-byte requests to a handler that takes 256: each gets -453."""
    rng = random.Random(1)
    refused: list[int] = []
    answered: list[int] = []

    async def oversized(server: Server, size: int) -> None:
        async with rx.open_endpoint((LOOPBACK, 0)) as ep:
            with pytest.raises(rx.RemoteAbort) as info:
                await echo_call(ep.socket(), server.address, rng.randbytes(size))
        assert info.value.abort_code == RXGEN_SS_UNMARSHAL
        refused.append(size)

    async def normal(client: rx.BoundSocket, server: Server) -> None:
        payload = rng.randbytes(rng.randint(0, 256))
        assert await echo_call(client, server.address, payload) == payload
        answered.append(len(payload))

    with trio.fail_after(60):
        async with serving(bounded_echo, backlog=256) as server, rx.open_endpoint(
                (LOOPBACK, 0)) as normal_ep:
            client = normal_ep.socket()
            async with trio.open_nursery() as nursery:
                for _ in range(100):
                    nursery.start_soon(oversized, server, 1000)
                # A few far larger ones: the ABORT arrives while the client is still sending.
                for _ in range(5):
                    nursery.start_soon(oversized, server, 200_000)
                for _ in range(100):
                    nursery.start_soon(normal, client, server)
            for _ in range(20):  # and afterwards
                await normal(client, server)
            assert server.serving
            stats = server.endpoint.statistics()
    assert sorted(refused) == [1000] * 100 + [200_000] * 5
    assert len(answered) == 120
    assert stats.aborts_sent.get(RXGEN_SS_UNMARSHAL, 0) >= 105  # (repeated for strays)
    assert stats.calls_accepted == 225
    assert_accounted(stats)


# ----------------------------------------------------------------------------- 2. garbage


async def test_garbage_and_mutated_packets_are_all_accounted_for() -> None:
    """100,000 random and 100,000 mutated real datagrams: each one counted, genuine calls
    unharmed, tables within their caps, memory flat once the tables are full."""
    config = rx.EndpointConfig(max_connections=100, max_peers=100, dead_time=2.0,
                               server_idle_timeout=1.0, unproven_connection_time=1.0,
                               connection_idle_time=5.0, peer_idle_time=2.0)
    rng = random.Random(20251126)

    async def handler(call: rx.Call) -> None:
        await bounded_echo(call, max_size=2048)

    async with serving(handler, config=config, backlog=256) as server, rx.open_endpoint(
            (LOOPBACK, 0)) as client_ep:
        client = client_ep.socket()
        # Real calls through a recording relay: empty, small, multi-packet, jumbograms, and
        # refused ones (-453); both directions' packets are kept.
        recorded = await record_calls(server, [
            b"", b"a" * 100, bytes(range(256)) * 4, b"b" * 1500, b"c" * 20_000, b"d" * 20_000])
        records = recorded.records + synthetic_packets(recorded.records[0], rng)
        assert len(recorded.records) > 20
        flooder = Flooder(server, extra_sent=lambda: recorded.forwarded + sent_by(client_ep))
        genuine = 0

        async def between_bursts() -> None:
            nonlocal genuine
            stats = server.endpoint.statistics()
            assert stats.server_connections <= config.max_connections
            assert stats.peers <= config.max_peers
            if flooder.sent >= 10_000 * (genuine + 1):  # a genuine call every 10,000
                payload = rng.randbytes(rng.randrange(2048))
                with trio.fail_after(10):
                    assert await echo_call(client, server.address, payload) == payload
                genuine += 1
                await flooder.wait_caught_up()

        def flood(rounds: int) -> list[bytes]:
            batch = [random_datagram(rng) for _ in range(rounds * 1000)]
            batch += [mutate(records, rng) for _ in range(rounds * 1000)]
            rng.shuffle(batch)
            return batch

        with source_sockets(16, net=21) as sources, trio.fail_after(120):
            # The first half fills the tables; over the second, memory must stay flat.
            await flooder.send(flood(50), round_robin(sources), after_burst=between_bursts)
            gc.collect()
            tracemalloc.start()
            try:
                await flooder.send(flood(50), round_robin(sources), after_burst=between_bursts)
                gc.collect()
                growth = tracemalloc.get_traced_memory()[0]
            finally:
                tracemalloc.stop()
            for _ in range(3):
                payload = rng.randbytes(rng.randrange(2048))
                assert await echo_call(client, server.address, payload) == payload
            await flooder.wait_caught_up()
            stats = server.endpoint.statistics()
            assert server.serving
    assert flooder.sent == 200_000
    assert stats.datagrams_received == flooder.expected()
    assert_accounted(stats)
    assert stats.internal_errors == 0, dict(stats.dropped)
    assert genuine == 20
    # Mutated packets did reach calls and connections (not just the first checks).
    assert stats.taken["data"] > 100
    assert stats.calls_accepted > 100
    assert stats.server_connections <= config.max_connections
    assert stats.peers <= config.max_peers
    # 100,000 datagrams may not leave more than ~80 bytes each behind.
    assert growth < 8 * 2**20, f"memory grew by {growth} bytes over 100,000 datagrams"


# ------------------------------------------------------------------------ 3. forged floods


async def test_forged_acks_from_20000_addresses_keep_the_peer_table_capped() -> None:
    """A live connection with a random epoch (the server follows its address) and 20,000
    forged ACKs with its IDs, each from another address: the peer table stays capped and
    the genuine client is served."""
    config = rx.EndpointConfig(max_peers=500)
    rng = random.Random(3)
    holding = trio.Event()
    release = trio.Event()

    async def handler(call: rx.Call) -> None:
        request = await call.receive_all(max_size=256)
        if request == b"hold":
            holding.set()
            await release.wait()
        await call.send_all(request)
        await call.send_eof()

    held_reply = b""
    peak = genuine = 0
    sources = FreshSources(net=31, hosts=200)
    async with serving(handler, config=config) as server, rx.open_endpoint(
            (LOOPBACK, 0), config=rx.EndpointConfig(dead_time=6.0)) as client_ep:
        client = client_ep.socket()

        async def held_call() -> None:
            nonlocal held_reply
            held_reply = await echo_call(client, server.address, b"hold")

        async def genuine_call() -> None:
            nonlocal genuine
            payload = rng.randbytes(100)
            with trio.fail_after(10):
                assert await echo_call(client, server.address, payload) == payload
            genuine += 1

        with trio.fail_after(60):
            async with trio.open_nursery() as nursery:
                nursery.start_soon(held_call)
                await holding.wait()
                [conn] = client_ep.list_connections()
                [call] = client_ep.list_calls()
                assert conn.epoch & 0x80000000, "the server must match the client by IDs"
                forged = [forged_ack(conn.epoch, call.cid, call.call_number, rng)
                          for _ in range(20_000)]
                flooder = Flooder(server, extra_sent=lambda: sent_by(client_ep))
                before = server.endpoint.statistics()

                async def between_bursts() -> None:
                    nonlocal peak
                    await sources.close_all()
                    stats = server.endpoint.statistics()
                    peak = max(peak, stats.peers)
                    assert stats.peers <= config.max_peers
                    if flooder.sent >= 5000 * (genuine + 1):  # genuine calls meanwhile
                        await genuine_call()
                        await flooder.wait_caught_up()

                with sources:
                    await flooder.send(forged, sources, after_burst=between_bursts)
                release.set()
                await genuine_call()  # (which also points the connection back at us)
            await genuine_call()
            await flooder.wait_caught_up()
            stats = server.endpoint.statistics()
            assert server.serving
    assert held_reply == b"hold"
    assert genuine == 6
    assert len(sources.used) == 20_000
    # Every forged ACK reached the connection and moved it to its address...
    assert stats.taken["ack"] - before.taken["ack"] >= 20_000
    assert stats.rebinds - before.rebinds >= 20_000
    # ...yet the table never held more than its cap (and did fill up to it).
    assert peak == config.max_peers
    assert stats.datagrams_received == flooder.expected()
    assert_accounted(stats)


async def test_100000_one_packet_connections_keep_the_connection_table_capped() -> None:
    """100,000 first DATA packets, each a new connection from a client that never answers:
    the table stays within max_connections, and a genuine call afterwards takes < 1 s."""
    config = rx.EndpointConfig(max_connections=2000)
    rng = random.Random(4)
    peak = 0
    async with serving(bounded_echo, config=config, backlog=1024) as server:
        flooder = Flooder(server)

        async def between_bursts() -> None:
            nonlocal peak
            stats = server.endpoint.statistics()
            peak = max(peak, stats.server_connections)
            assert stats.server_connections <= config.max_connections

        with source_sockets(500, net=32) as sources, trio.fail_after(120):
            forged = [forged_first_data(rng) for _ in range(100_000)]
            await flooder.send(forged, round_robin(sources), after_burst=between_bursts)
            flooded = server.endpoint.statistics()
            async with rx.open_endpoint((LOOPBACK, 0)) as client_ep:
                payload = rng.randbytes(200)
                with trio.fail_after(1):
                    assert await echo_call(client_ep.socket(), server.address,
                                           payload) == payload
                flooder.extra_sent = lambda: sent_by(client_ep)
                await flooder.wait_caught_up()
            stats = server.endpoint.statistics()
            assert server.serving
    assert peak == config.max_connections
    assert stats.server_connections <= config.max_connections
    # Nearly every forged packet started a connection and a call (a few collide by chance).
    assert flooded.taken["data"] >= 99_000
    assert flooded.evictions >= 97_000
    assert stats.datagrams_received == flooder.expected()
    assert_accounted(stats)


async def test_idle_proven_connections_do_not_lock_new_clients_out() -> None:
    """One client completes a call on each of max_connections connections of its own: a
    new client must still be served (an idle connection gives up its place)."""
    await lock_out_attempt()


async def lock_out_attempt() -> None:
    config = rx.EndpointConfig(max_connections=20)
    refused: rx.CallError | None = None
    async with serving(bounded_echo, config=config) as server:
        with trio.fail_after(30):
            async with rx.open_endpoint((LOOPBACK, 0)) as greedy_ep:
                greedy = greedy_ep.socket()
                for _ in range(config.max_connections):
                    assert await echo_call(greedy, server.address, b"mine", exclusive=True)
            stats = server.endpoint.statistics()
            assert stats.server_connections == config.max_connections
            assert stats.calls_live == 0
            async with rx.open_endpoint(
                    (LOOPBACK, 0), config=rx.EndpointConfig(dead_time=2.0)) as client_ep:
                try:
                    assert await echo_call(client_ep.socket(), server.address, b"me") == b"me"
                except rx.ServerBusy as exc:
                    refused = exc
            after = server.endpoint.statistics()
    assert refused is None, f"a new client was refused: {refused!r}"
    assert after.server_connections == config.max_connections
    assert after.evictions == 1


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


# --------------------------------------------------------------------- 5. concurrent calls


async def test_10000_concurrent_calls_from_one_endpoint() -> None:
    """10,000 calls at once from one endpoint: every reply is the right one."""
    count = 10_000
    replies: list[bytes | None] = [None] * count

    async def handler(call: rx.Call) -> None:
        request = await call.receive_all(max_size=64)
        await call.send_all(request[::-1])
        await call.send_eof()

    # The client admits 256 calls at a time to the server (max_calls_per_bundle): the rest
    # wait their turn and send nothing, so the server's socket is not flooded with first
    # packets whose loss would leave their calls backing off for tens of seconds.
    async with serving(handler, backlog=512) as server, rx.open_endpoint(
            (LOOPBACK, 0)) as client_ep:
        client = client_ep.socket()

        async def one(i: int) -> None:
            replies[i] = await echo_call(client, server.address, b"call %d" % i)

        with trio.fail_after(300):
            async with trio.open_nursery() as nursery:
                for i in range(count):
                    nursery.start_soon(one, i)
        stats = server.endpoint.statistics()
        assert client_ep.statistics().admission_waited > 0
    wrong = [i for i in range(count) if replies[i] != (b"call %d" % i)[::-1]]
    assert not wrong, f"{len(wrong)} calls got a wrong reply, e.g. call {wrong[0]}"
    assert stats.calls_accepted == count
    assert_accounted(stats)
