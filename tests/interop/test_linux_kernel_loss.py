"""Lost DATA against Linux's in-kernel rxperf server (Linux 7.3 in qemu).

Linux's server aborts a call with ``RX_CALL_TIMEOUT`` when its request's DATA pauses for
250 ms (its one-second default, counted in jiffies and read as milliseconds).  Our shortest
retransmission timeout is 200 ms, and earlier losses or a slow path raise it further, so a
lost tail of a request must be repaired before the timeout: the tail-loss probe resends the
last packet after twice the round trip, and the PING behind it shows a round trip later
what else is missing.  The endpoint's UDP socket is wrapped (``lossy.py``) so that exactly
the chosen datagrams are lost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
import trio
from lossy import DroppingNetwork, packet_flags, packet_type

import trio_rxrpc as rx
from trio_rxrpc import _rxperf as rxperf

if TYPE_CHECKING:
    from collections.abc import Callable

pytestmark = pytest.mark.interop

DATA, ACK = 1, 2
LAST_PACKET = 0x04
PING = 6  # an ACK's reason, at offset 16 of its body
DATALEN = 1412  # the payload of a full packet at rxnull
ZEROS = rxperf.Payload.create(verify=False)
SEND = rxperf.Plan.create(rxperf.OP_SEND, size=60_000, request_size=60_000, reply_size=0,
                          rsize=rxperf.CHUNK_MAX, wsize=rxperf.CHUNK_MAX, payload=ZEROS,
                          file_words=(4, 0, 4), dialect="linux")


def seq_of(data: bytes) -> int:
    return int.from_bytes(data[12:16], "big")


def the_last_packet_twice(lost: list[bytes], pings: list[bytes]) -> Callable[[bool, bytes], bool]:
    def choose(incoming: bool, data: bytes) -> bool:
        if incoming:
            return False
        if packet_type(data) == ACK and len(data) > 44 and data[28 + 16] == PING:
            pings.append(data)
        if packet_type(data) == DATA and packet_flags(data) & LAST_PACKET and len(lost) < 2:
            lost.append(data)
            return True
        return False
    return choose


async def test_a_request_survives_losing_its_last_packet_twice(
    linux_rxperf: tuple[str, int],
) -> None:
    lost: list[bytes] = []
    pings: list[bytes] = []
    network = DroppingNetwork(the_last_packet_twice(lost, pings))
    config = rx.EndpointConfig(max_jumbo=1)  # one packet per datagram: the last is alone
    with trio.fail_after(30):
        async with rx.open_endpoint(("127.0.0.1", 0), config=config, network=network) as ep:
            moved = await rxperf.client_call(ep.socket(), linux_rxperf, SEND, ZEROS,
                                             security=None, dead_after=30)
    assert moved == SEND.size_out + SEND.size_in
    assert len(lost) == 2
    assert pings  # the PING behind the retransmission


def the_tail_once(tail: set[int], lost: list[bytes]) -> Callable[[bool, bytes], bool]:
    """Lose the first transmission of each of the request's packets ``tail``."""
    def choose(incoming: bool, data: bytes) -> bool:
        if incoming or packet_type(data) != DATA or seq_of(data) not in tail:
            return False
        if any(seq_of(d) == seq_of(data) for d in lost):
            return False
        lost.append(data)
        return True
    return choose


async def test_a_lost_tail_is_repaired_before_a_long_timeout(
    linux_rxperf: tuple[str, int],
) -> None:
    """The last five packets of a request are lost while the retransmission timeout is
    500 ms (as after earlier losses, or on a slow path): only the tail-loss probe, 10 ms
    later, keeps Linux from aborting the call."""
    last = -(-SEND.size_out // DATALEN)
    tail = set(range(last - 4, last + 1))
    lost: list[bytes] = []
    network = DroppingNetwork(the_tail_once(tail, lost))
    config = rx.EndpointConfig(max_jumbo=1, min_rto=0.5)
    with trio.fail_after(30):
        async with rx.open_endpoint(("127.0.0.1", 0), config=config, network=network) as ep:
            moved = await rxperf.client_call(ep.socket(), linux_rxperf, SEND, ZEROS,
                                             security=None, dead_after=30)
            stats = ep.statistics()
    assert moved == SEND.size_out + SEND.size_in
    assert sorted(seq_of(d) for d in lost) == sorted(tail)
    assert stats.tail_probes == 1
    assert stats.retransmits == len(tail)
