"""Lost DATA against Linux's in-kernel rxperf server (Linux 7.3 in qemu).

Linux's server aborts a call with ``RX_CALL_TIMEOUT`` when its request's DATA pauses for
250 ms (its one-second default, counted in jiffies and read as milliseconds).  Our shortest
retransmission timeout is 200 ms, so losing a request's last packet and then its
retransmission would end the call, were the retransmission not followed by a PING whose
answer shows it missing a round trip later.  The endpoint's UDP socket is wrapped
(``lossy.py``) so that exactly those two datagrams are lost.
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
ZEROS = rxperf.Payload.create(verify=False)
SEND = rxperf.Plan.create(rxperf.OP_SEND, size=60_000, request_size=60_000, reply_size=0,
                          rsize=rxperf.CHUNK_MAX, wsize=rxperf.CHUNK_MAX, payload=ZEROS,
                          file_words=(4, 0, 4), dialect="linux")


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
