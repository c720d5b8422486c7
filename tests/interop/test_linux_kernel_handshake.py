"""A lost CHALLENGE or RESPONSE against Linux's in-kernel rxperf server (Linux 7.3 in qemu).

Linux's server challenges a connection once and never again.  Our client repeats a RESPONSE
the server shows no sign of having, and ends calls whose CHALLENGE never came (the server
acknowledges the request and answers pings, but can never run the call) with a
:class:`~trio_rxrpc.NetworkError` instead of waiting for ever.  The loss is made here: the
endpoint's UDP socket is wrapped (``lossy.py``) so that one chosen datagram is lost.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import pytest
import rxperf_module
import trio
from lossy import DroppingNetwork, packet_type

import trio_rxrpc as rx
from trio_rxrpc import _rxperf as rxperf
from trio_rxrpc._proto.handshake import CHALLENGE_WAIT

if TYPE_CHECKING:
    from collections.abc import Callable

    from trio_rxrpc.security import ClientSecurity

pytestmark = pytest.mark.interop

CHALLENGE, RESPONSE = 6, 7
ZEROS = rxperf.Payload.create(verify=False)
PLAN = rxperf.Plan.create(rxperf.OP_RPC, size=2000, request_size=100, reply_size=2000,
                          rsize=rxperf.CHUNK_MAX, wsize=rxperf.CHUNK_MAX, payload=ZEROS,
                          file_words=(4, 0, 4), dialect="linux")


def first_of(ptype: int, incoming: bool, seen: list[float]) -> Callable[[bool, bytes], bool]:
    """Lose the first datagram of ``ptype`` going the ``incoming`` way; note when each of
    that type and direction passed."""
    def choose(datagram_incoming: bool, data: bytes) -> bool:
        if datagram_incoming != incoming or packet_type(data) != ptype:
            return False
        seen.append(time.monotonic())
        return len(seen) == 1
    return choose


def security() -> ClientSecurity | None:
    return rxperf.client_security(rxperf.LEVELS["clear"],
                                  bytes.fromhex(rxperf_module.RXPERF_RXKAD_KEY), 2)


async def test_a_lost_response_is_sent_again(linux_rxperf: tuple[str, int]) -> None:
    seen: list[float] = []
    network = DroppingNetwork(first_of(RESPONSE, False, seen))
    start = time.monotonic()
    with trio.fail_after(30):
        async with rx.open_endpoint(("127.0.0.1", 0), network=network) as ep:
            moved = await rxperf.client_call(ep.socket(), linux_rxperf, PLAN, ZEROS,
                                             security=security(), dead_after=30)
    assert moved == PLAN.size_out + PLAN.size_in
    first, repeat = seen  # the dropped one, and the one the kernel took
    assert repeat - first >= 2.0
    assert repeat - start < 12.0


async def test_a_lost_challenge_ends_the_call_and_the_next_one_succeeds(
    linux_rxperf: tuple[str, int],
) -> None:
    seen: list[float] = []
    network = DroppingNetwork(first_of(CHALLENGE, True, seen))
    with trio.fail_after(60):
        async with rx.open_endpoint(("127.0.0.1", 0), network=network) as ep:
            sock = ep.socket()
            start = time.monotonic()
            with pytest.raises(rx.NetworkError) as caught:
                await rxperf.client_call(sock, linux_rxperf, PLAN, ZEROS,
                                         security=security(), dead_after=30)
            waited = time.monotonic() - start
            moved = await rxperf.client_call(sock, linux_rxperf, PLAN, ZEROS,
                                             security=security(), dead_after=30)
    assert "CHALLENGE never came" in str(caught.value)
    assert caught.value.abort_code == rx.AbortCode.RX_CALL_DEAD
    assert CHALLENGE_WAIT <= waited < CHALLENGE_WAIT + 12.0
    assert moved == PLAN.size_out + PLAN.size_in
    assert len(seen) == 2  # the lost one, and the new connection's

