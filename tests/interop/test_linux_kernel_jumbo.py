"""Jumbograms between trio-rxrpc and Linux 7.3 (qemu guest), counted by the kernel itself.

The guest's link has a 9000-byte MTU (``kernel_guest.GuestSettings.link_mtu``).  Linux 7.x
sends jumbograms only to a peer whose ACKs say "jumbo max 0" (the peer does path-MTU
discovery), and only after its own padded PING probes found room for two sub-packets or more;
only such a peer is offered a max MTU above 1444, so only such a peer may send it jumbograms.
The kernel counts every DATA packet it sends and receives by sub-packet count
(``/proc/net/rxrpc/stats``, read through ``interop/linux/rxstats.py``); each test compares a
reading before its calls with one after.

trio-rxrpc advertises "jumbo max 0" to a peer whose own ACKs say so, answers the kernel's
probes, and probes the kernel in turn (``trio_rxrpc._proto.pmtud``), so jumbograms flow both
ways.
"""

from __future__ import annotations

import os
import re

import kernel_guest
import pytest
import rxstats
import trio

import trio_rxrpc as rx

SERVICE = kernel_guest.ECHO_SERVICE
SIZE = 4_000_000
"""Bytes each way per call: thousands of packets, time enough for the kernel's probing."""
CALL_TIMEOUT = 60.0
BASE_MTU = 1444
"""What Linux offers a peer that does not do path-MTU discovery."""


class NoJumbograms(AssertionError):
    """The kernel's counters (or our peer record) show no jumbograms where there should be."""


def check_jumbograms(delta: rxstats.RxStats, our_mtu_view: int) -> None:
    """Raise :class:`NoJumbograms` unless the kernel both sent and received jumbograms and
    we saw it offer an MTU above the base one."""
    if delta.rx.jumbograms == 0 or delta.tx.jumbograms == 0:
        raise NoJumbograms(f"the kernel's DATA packets by sub-packets: {delta.summary()}")
    if our_mtu_view <= BASE_MTU:
        raise NoJumbograms(f"the kernel offered us an MTU of only {our_mtu_view}")


async def read_stats(guest: kernel_guest.Guest) -> rxstats.RxStats:
    """The guest's counters, read in a thread (uncancellable: the read has its own limit)."""
    return await trio.to_thread.run_sync(rxstats.read_stats, guest)


def peer_mtu(ep: rx.Endpoint, port: int | None = None) -> int:
    """The max MTU our endpoint holds for the guest (by the guest's port, if given)."""
    mtus = [row.max_mtu for row in ep.list_peers()
            if port is None or row.remote.endswith(f":{port}")]
    assert mtus, f"no peer in {ep.list_peers()}"
    return max(mtus)


async def echo_call(sock: rx.BoundSocket, address: tuple[str, int], request: bytes) -> bytes:
    async with sock.call(address, SERVICE, timeout=CALL_TIMEOUT) as call:
        await call.send_all(request)
        await call.send_eof()
        return await call.receive_all()


async def serve_echo(sock: rx.BoundSocket, received: list[int], *,
                     task_status: trio.TaskStatus[None] = trio.TASK_STATUS_IGNORED) -> None:
    """Echo every call on ``sock`` (recording request sizes) until cancelled."""

    async def answer(call: rx.Call) -> None:
        async with call:
            data = await call.receive_all()
            received.append(len(data))
            await call.send_all(data)
            await call.send_eof()

    sock.listen([SERVICE])
    async with trio.open_nursery() as nursery:
        task_status.started()
        while True:
            nursery.start_soon(answer, await sock.accept())


# ------------------------------------------------------------------ parsing (no guest)

SAMPLE = """\
Data     : send=2952 sendf=0 fail=0 emsz=0
Data-Tx  : nr=2952 retrans=3 uf=0 cwr=0
Data-Rx  : nr=3100 reqack=301 jumbo=41
Ack      : fill=10 send=500 skip=2
Why-Req-A: acklost=0 mrtt=4 ortt=0 stall=1 jwin=0
Why-Req-A: nolast=0 retx=3 slows=20 smtxw=0
Jumbo-Tx : 2800,10,0,0,3,0,0,0,0,0
Jumbo-Rx : 2900,0,0,0,0,0,0,0,0,41
Buffers  : txb=0 rxb=0
"""


def test_parse_stats_reads_both_histograms_and_the_counters() -> None:
    stats = rxstats.parse_stats(SAMPLE)
    assert stats.tx.counts == (2800, 10, 0, 0, 3, 0, 0, 0, 0, 0)
    assert (stats.tx.singles, stats.tx.jumbograms, stats.tx.largest) == (2800, 13, 5)
    assert (stats.rx.jumbograms, stats.rx.largest) == (41, 10)
    assert stats.counters["Data-Rx"] == {"nr": 3100, "reqack": 301, "jumbo": 41}
    assert stats.counters["Why-Req-A"]["jwin"] == 0
    assert stats.counters["Why-Req-A"]["retx"] == 3


def test_stats_difference() -> None:
    before = rxstats.parse_stats(SAMPLE)
    after = rxstats.parse_stats(SAMPLE.replace("2800,10,", "2805,12,").replace("jumbo=41",
                                                                              "jumbo=50"))
    delta = after.since(before)
    assert delta.tx.counts == (5, 2, 0, 0, 0, 0, 0, 0, 0, 0)
    assert delta.tx.sub_packets == 9
    assert delta.rx.jumbograms == 0
    assert delta.counters["Data-Rx"]["jumbo"] == 9


def test_parse_stats_refuses_a_file_without_histograms() -> None:
    with pytest.raises(rxstats.StatsError):
        rxstats.parse_stats("Data     : send=1\n")
    with pytest.raises(rxstats.StatsError):
        rxstats.parse_stats(SAMPLE.replace("Jumbo-Rx : 2900,", "Jumbo-Rx : "))


# ----------------------------------------------------------------- against the guest


async def test_the_guest_link_has_room_for_jumbograms(linux_kernel: kernel_guest.Guest) -> None:
    result = await trio.to_thread.run_sync(
        lambda: linux_kernel.run("cat /sys/class/net/eth0/mtu", timeout=30))
    assert int(result.output) == linux_kernel.settings().link_mtu == 9000
    # The counters are there and parse (a 7.x kernel).
    await read_stats(linux_kernel)


async def test_our_client_and_the_kernel_server_exchange_jumbograms(
    linux_kernel: kernel_guest.Guest,
) -> None:
    request = os.urandom(SIZE)
    port = linux_kernel.settings().host_port
    before = await read_stats(linux_kernel)
    with trio.fail_after(180):
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
            reply = await echo_call(ep.socket(), ("127.0.0.1", port), request)
            mtu = peer_mtu(ep, port)
    delta = (await read_stats(linux_kernel)).since(before)
    assert reply == request
    check_jumbograms(delta, mtu)


async def test_the_kernel_client_and_our_server_exchange_jumbograms(
    linux_kernel: kernel_guest.Guest,
) -> None:
    received: list[int] = []
    before = await read_stats(linux_kernel)
    with trio.fail_after(180):
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep, trio.open_nursery() as nursery:
            await nursery.start(serve_echo, ep.socket(), received)
            command = (f"kecho call -a {kernel_guest.HOST_ALIAS} -p {ep.address[1]} "
                       f"-s {SERVICE} -z {SIZE} -n 1 -t 150")
            result = await trio.to_thread.run_sync(
                lambda: linux_kernel.run(command, timeout=170))
            mtu = peer_mtu(ep)
            nursery.cancel_scope.cancel()
    delta = (await read_stats(linux_kernel)).since(before)
    # kecho checks the echo byte for byte.
    assert re.search(r"^KECHO call n=\d+ .*result=ok", result.output, re.MULTILINE), result.output
    assert result.status == 0, result.output
    assert received == [SIZE]
    check_jumbograms(delta, mtu)


async def test_max_jumbo_1_sends_the_kernel_no_jumbograms(linux_kernel: kernel_guest.Guest,
                                                          ) -> None:
    request = os.urandom(SIZE)
    port = linux_kernel.settings().host_port
    config = rx.EndpointConfig(max_jumbo=1)
    before = await read_stats(linux_kernel)
    with trio.fail_after(180):
        async with rx.open_endpoint(("127.0.0.1", 0), config=config) as ep:
            reply = await echo_call(ep.socket(), ("127.0.0.1", port), request)
    delta = (await read_stats(linux_kernel)).since(before)
    assert reply == request
    # Every DATA packet the kernel received (from us: nothing else runs) was a single one.
    assert delta.rx.jumbograms == 0, delta.summary()
    assert delta.rx.singles >= SIZE // 1412, delta.summary()
