"""Multiqueue: bound sockets sharing one accept queue, charging, the message API, listings."""

from __future__ import annotations

import functools
import itertools
import random
from collections import Counter
from typing import TYPE_CHECKING

import pytest
import trio
import trio.testing

import trio_rxrpc as rx
from trio_rxrpc.testing import SimulatedNetwork

if TYPE_CHECKING:
    from collections.abc import Hashable

SERVICE = 1234
SERVER = ("10.0.0.1", 7000)


async def message_worker(sock: rx.BoundSocket, name: str, served: list[tuple[str, bytes]],
                         ids_seen: set[Hashable], *, charges: int = 1) -> None:
    """Serve echo calls through recvmsg/sendmsg, charging one fresh ID per finished call."""
    fresh = itertools.count()
    for _ in range(charges):
        sock.charge_accept((name, next(fresh)))
    requests: dict[Hashable, bytearray] = {}
    while True:
        msg = await sock.recvmsg()
        if msg.new_call:
            assert msg.user_id not in ids_seen, "a user ID was reused while live"
            ids_seen.add(msg.user_id)
            requests[msg.user_id] = bytearray()
        if msg.end_of_record:
            ids_seen.discard(msg.user_id)
            requests.pop(msg.user_id, None)
            sock.charge_accept((name, next(fresh)))
            continue
        requests[msg.user_id] += msg.data
        if not msg.more:
            body = bytes(requests[msg.user_id])
            served.append((name, body))
            await sock.sendmsg(msg.user_id, body, end_of_record=True)


async def test_four_bound_sockets_serve_each_call_exactly_once(
        autojump_clock: trio.testing.MockClock) -> None:
    net = SimulatedNetwork(seed=21, delay=0.002, jitter=0.001)
    served: list[tuple[str, bytes]] = []
    with trio.fail_after(600):
        async with rx.open_endpoint(SERVER, network=net, rng=random.Random(1)) as sep, \
                rx.open_endpoint(("10.0.0.2", 0), network=net, rng=random.Random(2)) as cep:
            first = sep.socket()
            first.listen([SERVICE], backlog=32)
            workers = [first] + [first.bind_channel() for _ in range(3)]
            idle = first.bind_channel()  # never charges: must never get a call
            async with trio.open_nursery() as nursery:
                for i, sock in enumerate(workers):
                    nursery.start_soon(functools.partial(message_worker, sock, f"w{i}", served,
                                                         set(), charges=2))
                client = cep.socket()
                config_busy = 0

                async def one(i: int) -> None:
                    nonlocal config_busy
                    payload = f"request {i}".encode() * (1 + i % 7)
                    while True:
                        try:
                            async with client.call(sep.address, SERVICE) as call:
                                await call.send_all(payload)
                                assert await call.receive_all() == payload
                            return
                        except rx.ServerBusy:
                            config_busy += 1
                            await trio.sleep(0.05)

                async with trio.open_nursery() as calls:
                    for i in range(1000):
                        calls.start_soon(one, i)
                assert len(idle.calls()) == 0
                nursery.cancel_scope.cancel()
    bodies = Counter(body for _, body in served)
    assert len(served) == 1000, "every call served exactly once"
    assert all(n == 1 for n in bodies.values())
    by_worker = Counter(name for name, _ in served)
    assert set(by_worker) == {"w0", "w1", "w2", "w3"}, f"calls spread over workers: {by_worker}"


async def test_charging_is_flow_control(autojump_clock: trio.testing.MockClock) -> None:
    net = SimulatedNetwork(seed=22, delay=0.001)
    with trio.fail_after(60):
        async with rx.open_endpoint(SERVER, network=net) as sep, rx.open_endpoint(
                ("10.0.0.2", 0), network=net) as cep:
            worker = sep.socket()
            worker.listen([SERVICE], backlog=2)
            others = [worker.bind_channel() for _ in range(2)]  # uncharged
            worker.charge_accept("only")
            client = cep.socket()
            # The charged worker takes the first call and sits on it.
            await client.sendmsg("c1", b"first", end_of_record=True, address=sep.address,
                                 service_id=SERVICE)
            msg = await worker.recvmsg()
            assert (msg.user_id, msg.new_call, msg.data, msg.more) == ("only", True, b"first",
                                                                       False)
            # Two more fill the backlog and wait; nobody has a charge.
            for name in ("c2", "c3"):
                await client.sendmsg(name, b"queued", end_of_record=True, address=sep.address,
                                     service_id=SERVICE)
            await trio.sleep(0.5)
            rows = {row.calls: row for row in sep.list_sockets()}
            assert all(row.accept_queue == 2 for row in sep.list_sockets())
            assert [len(s.calls()) for s in others] == [0, 0]
            assert rows[1].calls == 1
            # A fourth is past the backlog: the client sees BUSY.
            await client.sendmsg("c4", b"too many", end_of_record=True, address=sep.address,
                                 service_id=SERVICE, timeout=2.0)
            terminal = await client.recvmsg()
            assert terminal.user_id == "c4"
            assert terminal.end_of_record
            assert terminal.completion is rx.Completion.BUSY
            assert sep.statistics().busy_sent >= 1
            # Charging again lets service continue, in queue order.
            await worker.sendmsg("only", b"reply 1", end_of_record=True)
            others[0].charge_accept("late")
            msg = await others[0].recvmsg()
            assert (msg.user_id, msg.data) == ("late", b"queued")
            await others[0].sendmsg("late", b"reply 2", end_of_record=True)
            replies: dict[Hashable, rx.Message] = {}
            while len(replies) < 2:
                msg = await client.recvmsg()
                replies[msg.user_id] = msg
            assert replies["c1"].data == b"reply 1"
            assert replies["c1"].end_of_record
            assert replies["c1"].succeeded
            assert replies["c2"].data == b"reply 2"


async def test_select_call_for_recv_until_end_of_record(
        autojump_clock: trio.testing.MockClock) -> None:
    net = SimulatedNetwork(seed=23, delay=0.001)
    with trio.fail_after(60):
        async with rx.open_endpoint(SERVER, network=net) as sep, rx.open_endpoint(
                ("10.0.0.2", 0), network=net) as cep:
            server = sep.socket()
            server.listen([SERVICE])
            client = cep.socket()
            for uid in ("a", "b"):
                await client.sendmsg(uid, uid.encode(), end_of_record=True,
                                     address=sep.address, service_id=SERVICE)
            handled = 0
            async with trio.open_nursery() as nursery:
                async def answer() -> None:
                    nonlocal handled
                    while handled < 2:
                        call = await server.accept()
                        async with call:
                            data = await call.receive_all()
                            await trio.sleep(0.2 if data == b"a" else 0.0)
                            await call.send_all(data * 3000)  # several packets
                        handled += 1

                nursery.start_soon(answer)
                with pytest.raises(rx.LocalProtocolError):
                    client.select_call_for_recv("nope")
                client.select_call_for_recv("a")
                got = bytearray()
                while True:
                    msg = await client.recvmsg(max_bytes=1000)
                    assert msg.user_id == "a", "selection restricts recvmsg to call a"
                    got += msg.data
                    if msg.end_of_record:
                        break
                assert got == b"a" * 3000
                assert client.selected_for_recv is None, "end of record clears the selection"
                msg = await client.recvmsg()
                assert msg.user_id == "b"


async def test_closing_bound_sockets_aborts_their_calls(
        autojump_clock: trio.testing.MockClock) -> None:
    net = SimulatedNetwork(seed=24, delay=0.001)
    with trio.fail_after(60):
        async with rx.open_endpoint(SERVER, network=net) as sep, rx.open_endpoint(
                ("10.0.0.2", 0), network=net) as cep:
            first = sep.socket()
            first.listen([SERVICE], backlog=4)
            second = first.bind_channel()
            first.charge_accept(1)
            client = cep.socket()
            await client.sendmsg("x", b"to first", end_of_record=True, address=sep.address,
                                 service_id=SERVICE)
            msg = await first.recvmsg()
            assert msg.new_call
            first.close()
            terminal = await client.recvmsg()
            assert terminal.user_id == "x"
            assert terminal.completion is rx.Completion.REMOTELY_ABORTED
            assert terminal.abort_code == rx.AbortCode.RX_CALL_DEAD
            # The other socket still serves.
            await client.sendmsg("y", b"to second", end_of_record=True, address=sep.address,
                                 service_id=SERVICE)
            call = await second.accept()
            async with call:
                assert await call.receive_all() == b"to second"
                await call.send_all(b"still here")
            msg = await client.recvmsg()
            assert (msg.user_id, msg.data, msg.succeeded) == ("y", b"still here", True)
            # A queued call is aborted when the last socket of the group closes.
            await client.sendmsg("z", b"queued", end_of_record=True, address=sep.address,
                                 service_id=SERVICE)
            await trio.sleep(0.1)
            assert sep.list_sockets()[0].accept_queue == 1
            second.close()
            terminal = await client.recvmsg()
            assert (terminal.user_id, terminal.abort_code) == ("z", rx.AbortCode.RX_CALL_DEAD)


async def test_message_api_and_call_api_share_a_socket(
        autojump_clock: trio.testing.MockClock) -> None:
    net = SimulatedNetwork(seed=25, delay=0.001)
    with trio.fail_after(60):
        async with rx.open_endpoint(SERVER, network=net) as sep, rx.open_endpoint(
                ("10.0.0.2", 0), network=net) as cep:
            server = sep.socket()
            server.listen([SERVICE])
            both = cep.socket()

            async def serve() -> None:
                while True:
                    call = await server.accept()
                    async with call:
                        await call.send_all(b"echo:" + await call.receive_all())

            async with trio.open_nursery() as nursery:
                nursery.start_soon(serve)
                await both.sendmsg(7, b"by message", end_of_record=True, address=sep.address,
                                   service_id=SERVICE)
                with pytest.raises(ValueError, match="already in use"):
                    both.call(sep.address, SERVICE, user_id=7)
                async with both.call(sep.address, SERVICE, user_id=8) as call:
                    await call.send_all(b"by call")
                    assert await call.receive_all() == b"echo:by call"
                msg = await both.recvmsg()
                assert (msg.user_id, msg.data, msg.end_of_record) == (7, b"echo:by message",
                                                                      True)
                assert both.calls() == {}
                nursery.cancel_scope.cancel()


async def test_listings_count_queued_bound_and_waiting(
        autojump_clock: trio.testing.MockClock) -> None:
    net = SimulatedNetwork(seed=26, delay=0.001)
    with trio.fail_after(60):
        async with rx.open_endpoint(SERVER, network=net) as sep, rx.open_endpoint(
                ("10.0.0.2", 0), network=net) as cep:
            server = sep.socket()
            server.listen([SERVICE, SERVICE + 1], backlog=8)
            worker = server.bind_channel()
            worker.charge_accept("w")
            client = cep.socket()
            for i in range(3):
                await client.sendmsg(i, b"hi", end_of_record=True, address=sep.address,
                                     service_id=SERVICE)
            await trio.sleep(0.5)
            msg = await worker.recvmsg()  # binds one call to the worker, its data read
            assert msg.new_call
            rows = sep.list_sockets()
            assert [(r.service_ids, r.calls, r.accept_queue) for r in rows] == [
                ((SERVICE, SERVICE + 1), 0, 2), ((SERVICE, SERVICE + 1), 1, 2)]
            calls = sep.list_calls()
            assert len(calls) == 3
            assert {c.state for c in calls} == {"SERVER_ACK_REQUEST"}
            client_rows = cep.list_sockets()
            assert [(r.calls, r.recv_queue) for r in client_rows] == [(3, 0)]
            await worker.sendmsg("w", b"answer", end_of_record=True)
            await trio.sleep(0.5)
            assert cep.list_sockets()[0].recv_queue == 1
            conns = cep.list_connections()
            assert len(conns) == 1
            assert conns[0].live_calls == 2
            peers = cep.list_peers()
            assert len(peers) == 1
            assert peers[0].packets_received > 0
            table = rx.format_table(sep.list_sockets())
            assert "ACCEPT_QUEUE" in table
            assert "1234,1235" in table


class RefusingQueue:
    """An accept queue that never takes a call (as a full or closed one would)."""

    def __init__(self) -> None:
        self.offered = 0

    def offer(self, call: object) -> bool:
        self.offered += 1
        return False


async def test_a_call_the_accept_queue_refuses_is_aborted_and_frees_its_place(
        autojump_clock: trio.testing.MockClock) -> None:
    net = SimulatedNetwork(seed=5, delay=0.002)
    with trio.fail_after(60):
        async with rx.open_endpoint(SERVER, network=net, rng=random.Random(1)) as sep, \
                rx.open_endpoint(("10.0.0.2", 0), network=net, rng=random.Random(2)) as cep:
            server = sep.socket()
            server.listen([SERVICE], backlog=1)
            assert server._group is not None
            listener = server._group.listener
            refusing = RefusingQueue()
            listener.queue = refusing
            client = cep.socket()
            for _ in range(3):  # with its place kept, the second call would get BUSY
                with pytest.raises(rx.RemoteAbort) as caught:
                    async with client.call(SERVER, SERVICE) as call:
                        await call.send_all(b"hello")
                        await call.send_eof()
                        await call.receive_all()
                assert caught.value.abort_code == rx.AbortCode.RX_CALL_DEAD
                assert listener.pending == 0
            assert refusing.offered == 3
