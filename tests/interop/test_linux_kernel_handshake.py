"""A lost CHALLENGE or RESPONSE against Linux's in-kernel rxperf server (Linux 7.3 in qemu).

Linux's server challenges a connection once and never again.  Our client repeats a RESPONSE
the server shows no sign of having, and ends calls whose CHALLENGE never came (the server
acknowledges the request and answers pings, but can never run the call) with a
:class:`~trio_rxrpc.NetworkError` instead of waiting for ever.  The loss is made here: the
endpoint's UDP socket is wrapped so that one chosen datagram is dropped.
"""

from __future__ import annotations

import struct
import time
from typing import TYPE_CHECKING

import pytest
import rxperf_module
import trio

import trio_rxrpc as rx
from trio_rxrpc import _rxperf as rxperf
from trio_rxrpc._proto.handshake import CHALLENGE_WAIT
from trio_rxrpc._transport import UDPNetwork, UDPTransport

if TYPE_CHECKING:
    from collections.abc import Sequence

    from typing_extensions import Buffer

    from trio_rxrpc._transport import Address
    from trio_rxrpc.security import ClientSecurity

pytestmark = pytest.mark.interop

CHALLENGE, RESPONSE = 6, 7
ZEROS = rxperf.Payload.create(verify=False)
PLAN = rxperf.Plan.create(rxperf.OP_RPC, size=2000, request_size=100, reply_size=2000,
                          rsize=rxperf.CHUNK_MAX, wsize=rxperf.CHUNK_MAX, payload=ZEROS,
                          file_words=(4, 0, 4), dialect="linux")


def packet_type(data: bytes | memoryview) -> int:
    return data[20] if len(data) >= 28 else -1


class DropOne:
    """A real UDP socket that drops the first datagram of one packet type, in one direction,
    and counts the datagrams of that type it saw."""

    def __init__(self, transport: UDPTransport, ptype: int, *, incoming: bool) -> None:
        self._transport = transport
        self._ptype = ptype
        self._incoming = incoming
        self.seen: list[float] = []
        self.udp_gso = False  # one datagram per sendmsg, so each can be looked at
        self.family = transport.family
        self.getsockname = transport.getsockname
        self.wait_readable = transport.wait_readable
        self.wait_writable = transport.wait_writable
        self.read_error = transport.read_error
        self.close = transport.close

    def _drop(self, data: bytes | memoryview) -> bool:
        if packet_type(data) != self._ptype:
            return False
        self.seen.append(time.monotonic())
        return len(self.seen) == 1

    def recvfrom_into(self, buffer: Buffer, nbytes: int = 0, /) -> tuple[int, Address]:
        while True:
            n, address = self._transport.recvfrom_into(buffer, nbytes)
            if not (self._incoming and self._drop(memoryview(buffer)[:n])):
                return n, address

    def sendmsg(self, buffers: Sequence[Buffer], ancdata: Sequence[object] = (),
                flags: int = 0, address: Address | None = None, /) -> int:
        assert not ancdata  # no UDP_SEGMENT: udp_gso is off
        data = b"".join(bytes(buffer) for buffer in buffers)
        if not self._incoming and self._drop(data):
            return len(data)
        return self._transport.sendmsg([data], (), flags, address)


class DroppingNetwork:
    def __init__(self, ptype: int, *, incoming: bool) -> None:
        self._ptype = ptype
        self._incoming = incoming
        self.transport: DropOne | None = None

    def bind(self, address: Address, *, buffer_size: int | None = None) -> DropOne:
        self.transport = DropOne(UDPNetwork().bind(address, buffer_size=buffer_size),
                                 self._ptype, incoming=self._incoming)
        return self.transport


def security() -> ClientSecurity | None:
    return rxperf.client_security(rxperf.LEVELS["clear"],
                                  bytes.fromhex(rxperf_module.RXPERF_RXKAD_KEY), 2)


async def test_a_lost_response_is_sent_again(linux_rxperf: tuple[str, int]) -> None:
    network = DroppingNetwork(RESPONSE, incoming=False)
    start = time.monotonic()
    with trio.fail_after(30):
        async with rx.open_endpoint(("127.0.0.1", 0), network=network) as ep:
            moved = await rxperf.client_call(ep.socket(), linux_rxperf, PLAN, ZEROS,
                                             security=security(), dead_after=30)
    assert moved == PLAN.size_out + PLAN.size_in
    assert network.transport is not None
    first, repeat = network.transport.seen  # the dropped one, and the one the kernel took
    assert repeat - first >= 2.0
    assert repeat - start < 12.0


async def test_a_lost_challenge_ends_the_call_and_the_next_one_succeeds(
    linux_rxperf: tuple[str, int],
) -> None:
    network = DroppingNetwork(CHALLENGE, incoming=True)
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
    assert network.transport is not None
    assert len(network.transport.seen) == 2  # the lost one, and the new connection's


def test_packet_type_reads_the_header() -> None:
    header = struct.pack(">IIIIIBBBBHH", 1, 2, 3, 4, 5, CHALLENGE, 0, 0, 2, 0, 147)
    assert packet_type(header) == CHALLENGE
    assert packet_type(b"short") == -1
