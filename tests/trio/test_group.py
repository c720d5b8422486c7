"""Endpoint groups: members sharing one UDP port, steered by connection ID (real UDP, Linux)."""

from __future__ import annotations

import functools
import json
import os
import shutil
import socket
import struct
import sys
from contextlib import AsyncExitStack, asynccontextmanager
from typing import TYPE_CHECKING

import pytest
import trio

import trio_rxrpc as rx
from trio_rxrpc._group import GroupMember, member_for, steering_program
from trio_rxrpc._listquery import query
from trio_rxrpc._proto import clientside
from trio_rxrpc._proto.endpoint import EndpointCore

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="endpoint groups need Linux")

SERVICE = 1234
LOCAL = ("127.0.0.1", 0)


async def echo_forever(sock: rx.BoundSocket) -> None:
    async def run(call: rx.Call) -> None:
        try:
            async with call:
                data = await call.receive_all()
                await call.send_all(data)
                await call.send_eof()
        except rx.CallError:
            pass

    async with trio.open_nursery() as calls:
        while True:
            calls.start_soon(run, await sock.accept())


@asynccontextmanager
async def group_of(size: int) -> AsyncIterator[tuple[int, list[rx.Endpoint]]]:
    """``size`` member endpoints serving echo on one port; yields (port, members)."""
    sockets = rx.make_group_sockets(LOCAL, size)
    try:
        async with trio.open_nursery() as nursery, AsyncExitStack() as stack:
            members = []
            for index, sock in enumerate(sockets):
                member = GroupMember(index=index, size=size, fileno=sock.fileno())
                ep = await stack.enter_async_context(rx.open_endpoint(group=member))
                bound = ep.socket()
                bound.listen([SERVICE], backlog=256)
                nursery.start_soon(echo_forever, bound)
                members.append(ep)
            yield sockets[0].getsockname()[1], members
            nursery.cancel_scope.cancel()
    finally:
        for sock in sockets:
            sock.close()


def server_cids(ep: rx.Endpoint) -> list[tuple[int, int]]:
    return [(row.epoch, row.cid) for row in ep.list_connections() if row.side == "server"]


def test_steering_rule() -> None:
    header = struct.Struct(">IIIIIBBBBHH")
    data = header.pack(1, 7 << 2 | 3, 1, 1, 1, 1, 0, 0, 0, 0, SERVICE)
    assert member_for(data, 3) == 7 % 3
    assert member_for(data[:27], 3) == 0
    assert member_for(header.pack(1, 5 << 2, 0, 0, 0, 13, 0, 0, 0, 0, 0), 3) == 0
    # DEBUG follows the connection ID: rxdebug's 0 reaches member 0, `list` picks a member.
    assert member_for(header.pack(1, 5 << 2, 0, 0, 0, 8, 0, 0, 0, 0, 0), 3) == 5 % 3
    assert member_for(header.pack(1, 0, 0, 0, 0, 8, 0, 0, 0, 0, 0), 3) == 0
    assert member_for(header.pack(1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0), 3) == 0
    assert len(steering_program(5)) == 9
    with pytest.raises(ValueError, match="group size"):
        steering_program(0)


def test_core_numbers_connections_for_its_member() -> None:
    core = EndpointCore(cid_group=(2, 5))
    cids = [core.start_call(("10.0.0.1", 7000), SERVICE, now=0.0, exclusive=True).conn.cid
            for _ in range(50)]
    assert len(set(cids)) == 50
    assert all(cid & 3 == 0 and (cid >> 2) % 5 == 2 for cid in cids)
    # Wrapping past the last connection number stays in the member's residue class.
    core.next_cid = ((1 << 30) - 2) << 2
    assert [clientside.take_cid(core) >> 2 for _ in range(3)] == [(1 << 30) - 2, 2, 7]
    zero = EndpointCore(cid_group=(0, 4))
    zero.next_cid = ((1 << 30) - 4) << 2
    assert [clientside.take_cid(zero) >> 2 for _ in range(2)] == [(1 << 30) - 4, 4]
    with pytest.raises(ValueError, match="out of range"):
        EndpointCore(cid_group=(3, 3))


def test_the_default_core_numbers_connections_as_before() -> None:
    import random

    core = EndpointCore(rng=random.Random(7))
    rng = random.Random(7)
    rng.getrandbits(32)
    first = rng.getrandbits(32) & 0x3FFFFFFC or 4
    assert clientside.take_cid(core) == first
    assert clientside.take_cid(core) == first + 4


async def test_calls_to_the_group_are_steered_by_connection_id() -> None:
    size = 3
    replies: list[bytes] = []
    async with group_of(size) as (port, members):

        async def client(n: int) -> None:
            async with rx.open_endpoint(LOCAL) as ep, ep.socket() as sock:
                for i in range(6):
                    payload = f"{n}:{i}".encode()
                    async with sock.call(("127.0.0.1", port), SERVICE, exclusive=True) as call:
                        await call.send_all(payload)
                        await call.send_eof()
                        replies.append(await call.receive_all())

        with trio.fail_after(30):
            async with trio.open_nursery() as nursery:
                for n in range(5):
                    nursery.start_soon(client, n)
        expected = sorted(f"{n}:{i}".encode() for n in range(5) for i in range(6))
        assert sorted(replies) == expected
        seen: dict[tuple[int, int], int] = {}
        for index, ep in enumerate(members):
            for key in server_cids(ep):
                assert (key[1] >> 2) % size == index
                assert key not in seen, f"connection {key} on members {seen[key]} and {index}"
                seen[key] = index
            assert ep.statistics().dropped["no_connection"] == 0
        assert len(seen) == 30  # each exclusive call its own connection, served by one member
        assert sum(1 for ep in members if server_cids(ep)) >= 2


async def test_a_members_own_calls_come_back_to_it() -> None:
    size = 3
    async with rx.open_endpoint(LOCAL) as server, group_of(size) as (port, members):
        bound = server.socket()
        bound.listen([SERVICE], backlog=64)
        async with trio.open_nursery() as nursery:
            nursery.start_soon(echo_forever, bound)
            with trio.fail_after(20):
                for index, ep in enumerate(members):
                    async with ep.socket() as sock:
                        for i in range(4):
                            async with sock.call(server.address[:2], SERVICE,
                                                 exclusive=True) as call:
                                await call.send_all(b"x" * (i * 3000))
                                await call.send_eof()
                                assert await call.receive_all() == b"x" * (i * 3000)
                    clients = [row.cid for row in ep.list_connections() if row.side == "client"]
                    assert len(clients) == 4
                    assert all((cid >> 2) % size == index for cid in clients)
                    # A member calling the group's own port reaches itself.
                    async with ep.socket() as sock, sock.call(("127.0.0.1", port),
                                                               SERVICE) as call:
                        await call.send_all(b"loop")
                        await call.send_eof()
                        assert await call.receive_all() == b"loop"
            nursery.cancel_scope.cancel()
    assert all(ep.statistics().dropped["no_connection"] == 0 for ep in members)


async def test_version_and_debug_go_to_member_zero() -> None:
    async with group_of(3) as (port, members):
        header = struct.Struct(">IIIIIBBBBHH")
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.settimeout(5)
            for cid in (0, 1 << 2, 2 << 2):
                probe.sendto(header.pack(1, cid, 0, 0, 0, 13, 1, 0, 0, 0, 0),
                             ("127.0.0.1", port))
                data = await trio.to_thread.run_sync(probe.recv, 2048)
                assert data[20] == 13
            if shutil.which("rxdebug"):
                done = await trio.run_process(["rxdebug", "127.0.0.1", str(port), "-version"],
                                              capture_stdout=True, check=False)
                assert done.returncode == 0, done
                done = await trio.run_process(["rxdebug", "127.0.0.1", str(port), "-noconns"],
                                              capture_stdout=True, check=False)
                assert done.returncode == 0, done
        taken = [ep.statistics().taken for ep in members]
        assert taken[0]["version"] >= 3
        assert [t["version"] + t["debug"] for t in taken[1:]] == [0, 0]
        if shutil.which("rxdebug"):
            assert taken[0]["debug"] >= 1


async def test_list_asks_every_member() -> None:
    size = 3
    async with group_of(size) as (port, members):
        address = ("127.0.0.1", port)
        with trio.fail_after(30):
            async with rx.open_endpoint(LOCAL) as ep, ep.socket() as sock:
                for _ in range(9):
                    async with sock.call(address, SERVICE, exclusive=True) as call:
                        await call.send_all(b"x")
                        await call.send_eof()
                        await call.receive_all()
            for index, member in enumerate(members):
                info = await trio.to_thread.run_sync(
                    functools.partial(query, address, "member", member=index))
                assert info == [{"index": index, "size": size}]
                rows = await trio.to_thread.run_sync(
                    functools.partial(query, address, "connections", member=index))
                listed = {(r["epoch"], r["cid"]) for r in rows if r["side"] == "server"}
                assert listed == set(server_cids(member))
            done = await trio.run_process(
                [sys.executable, "-m", "trio_rxrpc", "list", f"127.0.0.1:{port}",
                 "connections", "--json"], capture_stdout=True, capture_stderr=True)
            rows = json.loads(done.stdout)["connections"]
            by_member = {(r["epoch"], r["cid"]): r["member"] for r in rows
                         if r["side"] == "server"}
            assert by_member == {key: index for index, member in enumerate(members)
                                 for key in server_cids(member)}
            done = await trio.run_process(
                [sys.executable, "-m", "trio_rxrpc", "list", f"127.0.0.1:{port}", "peers"],
                capture_stdout=True, capture_stderr=True)
            text = done.stdout.decode()
            for index in range(size):
                assert f"peers of group member {index} of {size}:" in text


def test_a_port_with_other_members_is_refused() -> None:
    sockets = rx.make_group_sockets(LOCAL, 2)
    try:
        with pytest.raises(rx.GroupUnavailable, match="does not steer"):
            rx.make_group_sockets(("127.0.0.1", sockets[0].getsockname()[1]), 2)
    finally:
        for sock in sockets:
            sock.close()


def test_group_member_arguments() -> None:
    with pytest.raises(ValueError, match="index"):
        GroupMember(index=3, size=3, fileno=0)
    with pytest.raises(ValueError, match="size"):
        GroupMember(index=0, size=0, fileno=0)
    member = GroupMember(index=1, size=4, fileno=9)
    assert GroupMember.from_environment(member.environment()) == member
    assert GroupMember.from_environment({}) is None
    with pytest.raises(ValueError, match="together"):
        GroupMember.from_environment({"TRIO_RXRPC_GROUP_FD": "3"})
    with pytest.raises(ValueError, match="integers"):
        GroupMember.from_environment({"TRIO_RXRPC_GROUP_FD": "x", "TRIO_RXRPC_GROUP_INDEX": "0",
                                      "TRIO_RXRPC_GROUP_SIZE": "1"})
    with pytest.raises(ValueError, match="group"):
        rx.make_group_sockets(LOCAL, 0)


async def test_open_endpoint_refuses_what_is_not_a_group_socket() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as plain:
        plain.bind(LOCAL)
        with pytest.raises(ValueError, match="reuseport"):
            async with rx.open_endpoint(group=GroupMember(index=0, size=1,
                                                          fileno=plain.fileno())):
                pass
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as stream, \
            pytest.raises(ValueError, match="not a UDP socket"):
            async with rx.open_endpoint(group=GroupMember(index=0, size=1,
                                                          fileno=stream.fileno())):
                pass
    sockets = rx.make_group_sockets(LOCAL, 1)
    try:
        member = GroupMember(index=0, size=1, fileno=sockets[0].fileno())
        with pytest.raises(ValueError, match="port"):
            async with rx.open_endpoint(("127.0.0.1", 1), group=member):
                pass
        async with rx.open_endpoint(group=member) as ep:
            assert ep.address == sockets[0].getsockname()
        # The endpoint closed its duplicate only: the group's socket is still open.
        assert os.fstat(sockets[0].fileno())
    finally:
        sockets[0].close()


async def test_a_dual_stack_group_steers_ipv4_and_ipv6_clients() -> None:
    size = 2
    sockets = rx.make_group_sockets(("::", 0), size)
    try:
        async with trio.open_nursery() as nursery, AsyncExitStack() as stack:
            members = []
            for index, group_sock in enumerate(sockets):
                ep = await stack.enter_async_context(rx.open_endpoint(
                    group=GroupMember(index=index, size=size, fileno=group_sock.fileno())))
                bound = ep.socket()
                bound.listen([SERVICE], backlog=64)
                nursery.start_soon(echo_forever, bound)
                members.append(ep)
            port = sockets[0].getsockname()[1]
            with trio.fail_after(20):
                for local, target in ((("127.0.0.1", 0), "127.0.0.1"), (("::1", 0), "::1")):
                    async with rx.open_endpoint(local) as client, client.socket() as sock:
                        for _ in range(4):
                            async with sock.call((target, port), SERVICE,
                                                 exclusive=True) as call:
                                await call.send_all(b"both")
                                await call.send_eof()
                                assert await call.receive_all() == b"both"
            for index, ep in enumerate(members):
                keys = server_cids(ep)
                assert len(keys) == 4
                assert all((cid >> 2) % size == index for _epoch, cid in keys)
            nursery.cancel_scope.cancel()
    finally:
        for group_sock in sockets:
            group_sock.close()


async def test_a_member_never_starts_another_members_connection() -> None:
    sockets = rx.make_group_sockets(LOCAL, 1)
    try:
        # Told it is member 1 of 2, this endpoint receives everything (the group has one
        # socket), so the connections whose numbers are even are not its own.
        member = GroupMember(index=1, size=2, fileno=sockets[0].fileno())
        async with rx.open_endpoint(group=member) as ep, trio.open_nursery() as nursery:
            bound = ep.socket()
            bound.listen([SERVICE], backlog=16)
            nursery.start_soon(echo_forever, bound)
            header = struct.Struct(">IIIIIBBBBHH")
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as peer:
                for cid in (2 << 2, 3 << 2):
                    packet = header.pack(0x80000001, cid, 1, 1, 1, 1, 0x01 | 0x04, 0, 0, 0,
                                         SERVICE)
                    peer.sendto(packet + b"hi", ("127.0.0.1", sockets[0].getsockname()[1]))
                for _ in range(1000):
                    if ep.statistics().datagrams_received >= 2:
                        break
                    await trio.sleep(0.01)
            assert [cid for _epoch, cid in server_cids(ep)] == [3 << 2]
            assert ep.statistics().dropped["wrong_member"] == 1
            nursery.cancel_scope.cancel()
    finally:
        sockets[0].close()
