"""Path-MTU discovery between two endpoints over the simulated network's path MTU.

The transfers are echoed (both directions carry bulk data, so both ends search), their bytes
are checked, and the wire is checked: a datagram bigger than its path is only ever a probe
(a PING ACK padded to the size under test), never DATA.
"""

from __future__ import annotations

import errno
import json
import os
import random
import shlex
import shutil
import socket
import subprocess
import sys
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import trio
import trio.testing

import trio_rxrpc as rx
from trio_rxrpc._listing import format_table
from trio_rxrpc._proto.pmtud import BASE_SIZE, RAISE_TIME, count_for, size_of
from trio_rxrpc._proto.wire import AckReason, PacketType
from trio_rxrpc._sender import Sender
from trio_rxrpc._transport import udp_socket
from trio_rxrpc.testing import SimulatedNetwork

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from trio_rxrpc._listing import PeerRow

SERVICE = 1234
SERVER = ("10.0.0.1", 7000)
CLIENT = ("10.0.0.2", 7001)
MAX_COUNT = 46
_ACK = int(PacketType.ACK)
_DATA = int(PacketType.DATA)


async def echo(call: rx.Call) -> None:
    await call.send_all(await call.receive_all())
    await call.send_eof()


@asynccontextmanager
async def pair(net: SimulatedNetwork) -> AsyncIterator[tuple[rx.Endpoint, rx.Endpoint]]:
    async with rx.open_endpoint(SERVER, network=net, rng=random.Random(3)) as sep, \
            sep.socket() as sock, rx.open_endpoint(CLIENT, network=net,
                                                   rng=random.Random(4)) as cep:
        sock.listen([SERVICE], backlog=8)
        async with trio.open_nursery() as nursery:
            await nursery.start(sock.serve, echo)
            yield sep, cep
            nursery.cancel_scope.cancel()


async def transfer(cep: rx.Endpoint, size: int, seed: int) -> None:
    payload = random.Random(seed).randbytes(size)
    async with cep.socket().call(SERVER, SERVICE) as call:
        await call.send_all(payload)
        await call.send_eof()
        assert await call.receive_all() == payload


def peer_row(ep: rx.Endpoint, remote: tuple[str, int]) -> PeerRow:
    (row,) = [r for r in ep.list_peers() if r.remote == f"{remote[0]}:{remote[1]}"]
    return row


def settled(row: PeerRow) -> bool:
    return not row.probing and row.pmtu_bad in (0, size_of(row.tx_jumbo + 1))


async def transfer_until_settled(sep: rx.Endpoint, cep: rx.Endpoint, *, limit: int = 40,
                                 size: int = 400_000) -> None:
    """Echo calls a second apart until both ends' searches are over."""
    for i in range(limit):
        await transfer(cep, size, i)
        if settled(peer_row(cep, SERVER)) and settled(peer_row(sep, CLIENT)):
            return
        await trio.sleep(1.0)
    raise AssertionError("the search did not settle")


def oversized(net: SimulatedNetwork) -> list[bytes]:
    """The datagrams the path was too small for."""
    return [entry.datagram.data for entry in net.trace
            if len(entry.datagram.data) > net.path_payload(entry.datagram.src,
                                                           entry.datagram.dst)]


def is_probe(data: bytes) -> bool:
    return data[20] == _ACK and data[28 + 16] == AckReason.PING and len(data) > BASE_SIZE


@pytest.mark.parametrize("ip_mtu", [1500, 4000, 9000, 65535])
async def test_converges_to_the_path(ip_mtu: int,
                                     autojump_clock: trio.testing.MockClock) -> None:
    net = SimulatedNetwork(seed=1, delay=0.002, path_mtu=ip_mtu, record=True)
    expected = min(count_for(ip_mtu - 28), MAX_COUNT)
    with trio.fail_after(600):
        async with pair(net) as (sep, cep):
            await transfer_until_settled(sep, cep)
            for row in (peer_row(cep, SERVER), peer_row(sep, CLIENT)):
                assert row.tx_jumbo == expected  # within one jumbo step of the path
                assert row.pmtu == size_of(expected)
                assert row.pmtu <= max(ip_mtu - 28, BASE_SIZE)
            stats = cep.statistics()
            assert stats.pmtu_probes_sent >= 1
            assert stats.pmtu_probes_confirmed >= (expected > 1)
    assert all(is_probe(data) for data in oversized(net))
    assert net.statistics().too_big == len(oversized(net))


@pytest.mark.parametrize("icmp", [False, True], ids=["silent", "too_big_signals"])
async def test_a_path_that_shrinks_mid_transfer(icmp: bool,
                                                autojump_clock: trio.testing.MockClock) -> None:
    net = SimulatedNetwork(seed=2, delay=0.002, path_mtu=9000, icmp_too_big=icmp)
    with trio.fail_after(900):
        async with pair(net) as (sep, cep):
            await transfer_until_settled(sep, cep)
            assert peer_row(cep, SERVER).tx_jumbo == 6
            before = cep.statistics()
            shrunk = trio.Event()

            async def shrink() -> None:
                await trio.sleep(0.05)
                net.path_mtu = 1500
                shrunk.set()
            async with trio.open_nursery() as nursery:
                nursery.start_soon(shrink)
                await transfer(cep, 4_000_000, 99)
                assert shrunk.is_set()  # the path shrank while the transfer ran
            after = cep.statistics()
            row = peer_row(cep, SERVER)
            assert row.tx_jumbo == 1
            assert row.pmtu == BASE_SIZE
            if icmp:
                assert after.pmtu_too_big > before.pmtu_too_big
            else:
                assert after.pmtu_black_holes > before.pmtu_black_holes
            # Only probes were too big from now on.
            net.record = True
            await transfer(cep, 1_000_000, 100)
            assert all(is_probe(data) for data in oversized(net))


async def test_datagrams_the_local_stack_refuses_shrink_the_path(
        autojump_clock: trio.testing.MockClock) -> None:
    """An interface MTU of 4000: sendmsg refuses bigger datagrams with EMSGSIZE (as Linux
    does with IP_PMTUDISC_PROBE), which is a "too big" for that peer, not a failure."""
    net = SimulatedNetwork(seed=5, delay=0.002, mtu=4000 - 28)
    with trio.fail_after(600):
        async with pair(net) as (sep, cep):
            await transfer_until_settled(sep, cep)
            assert peer_row(cep, SERVER).tx_jumbo == 2
            stats = cep.statistics()
            assert stats.pmtu_too_big >= 1
            assert stats.send_errors == stats.pmtu_too_big


def test_sender_reports_too_big_destinations() -> None:
    class Refusing:
        udp_gso = False

        def sendmsg(self, buffers: list[bytes], ancdata: object, flags: int,
                    address: tuple[str, int]) -> int:
            if sum(map(len, buffers)) > 1500:
                raise OSError(errno.EMSGSIZE, "Message too long")
            return sum(map(len, buffers))
    sender = Sender(Refusing(), gso=False)  # type: ignore[arg-type]
    assert sender.send([([b"x" * 100], SERVER), ([b"x" * 2000], CLIENT)]) is None
    assert sender.too_big == [CLIENT]
    assert sender.send_errors == 1


async def test_a_path_that_grows_is_found_after_the_raise_timer(
        autojump_clock: trio.testing.MockClock) -> None:
    net = SimulatedNetwork(seed=3, delay=0.002, path_mtu=4000)
    with trio.fail_after(3 * RAISE_TIME):
        async with pair(net) as (sep, cep):
            await transfer_until_settled(sep, cep)
            assert peer_row(cep, SERVER).tx_jumbo == 2
            net.path_mtu = 9000
            await transfer(cep, 400_000, 1)
            assert peer_row(cep, SERVER).tx_jumbo == 2  # not yet: the search rests
            await trio.sleep(RAISE_TIME)
            await transfer_until_settled(sep, cep)
            assert peer_row(cep, SERVER).tx_jumbo == 6
            assert peer_row(cep, SERVER).pmtu == size_of(6)


async def test_listing_and_statistics_show_the_state(
        autojump_clock: trio.testing.MockClock) -> None:
    net = SimulatedNetwork(seed=4, delay=0.002, path_mtu=9000)
    with trio.fail_after(600):
        async with pair(net) as (sep, cep):
            await transfer_until_settled(sep, cep)
            row = peer_row(cep, SERVER)
            assert (row.pmtu, row.pmtu_bad, row.probing, row.tx_jumbo) == (
                size_of(6), size_of(7), False, 6)
            assert (row.max_mtu, row.jumbo) == (size_of(MAX_COUNT), MAX_COUNT)
            header = format_table([row]).splitlines()[0].split()
            assert {"PMTU", "PMTU_BAD", "PROBING", "TX_JUMBO"} <= set(header)
            stats = cep.statistics()
            assert stats.pmtu_probes_confirmed >= 1
            assert stats.pmtu_probes_sent >= stats.pmtu_probes_confirmed + (
                stats.pmtu_probes_lost)
            assert stats.pmtu_probes_lost >= 2  # 46, 46 again, then the bisection


@pytest.mark.skipif(sys.platform != "linux", reason="Linux socket options")
@pytest.mark.parametrize("host", ["127.0.0.1", "::1"])
def test_udp_sockets_set_df_without_the_cached_path_mtu(host: str) -> None:
    """IP_PMTUDISC_PROBE: DF set, and the kernel refuses only what the interface cannot
    carry, so our probes above a path MTU it cached still go out."""
    try:
        sock = udp_socket((host, 0))
    except OSError:
        pytest.skip(f"no {host} here")
    with sock:
        probe = getattr(socket, "IP_PMTUDISC_PROBE", 3)
        assert sock.getsockopt(socket.IPPROTO_IP, getattr(socket, "IP_MTU_DISCOVER", 10)) == (
            probe)
        if sock.family == socket.AF_INET6:
            option = getattr(socket, "IPV6_MTU_DISCOVER", 23)
            assert sock.getsockopt(socket.IPPROTO_IPV6, option) == probe


LO_MTU_SCRIPT = Path(__file__).with_name("pmtud_lo_mtu.py")


@pytest.mark.skipif(sys.platform != "linux", reason="Linux network namespaces")
@pytest.mark.skipif(shutil.which("unshare") is None or shutil.which("ip") is None,
                    reason="needs unshare and ip")
def test_real_sockets_on_a_small_mtu_loopback() -> None:
    """The kernel refuses our too-big probes (EMSGSIZE, and the same error in the socket's
    error queue, which must be drained or the socket stays readable for ever); the search
    settles on the interface's size and the transfers come back intact."""
    repo = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ, PYTHONPATH=repo)
    command = (f"ip link set lo mtu 4000 up && exec {shlex.quote(sys.executable)} "
               f"{shlex.quote(str(LO_MTU_SCRIPT))} 12")
    try:
        done = subprocess.run(["unshare", "--net", "--map-root-user", "sh", "-c", command],
                              capture_output=True, text=True, timeout=120, env=env)
    except subprocess.TimeoutExpired:
        pytest.fail("the transfers did not finish: is the socket spinning on its errors?")
    if done.returncode and "unshare" in done.stderr:
        pytest.skip(f"no network namespace here: {done.stderr.strip()}")
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["tx_jumbo"] == count_for(4000 - 28) == 2
    assert found["pmtu"] == size_of(2)
    assert found["too_big"] >= 1
