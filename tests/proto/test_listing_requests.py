"""Listing requests (our own DEBUG request types) in the core: queued for the application to
answer when it next flushes, never answered from inside the receive, bounded, and refused
for types the application does not answer or for remote askers unless allowed."""

from __future__ import annotations

import random
import struct

from trio_rxrpc._proto.config import EndpointConfig
from trio_rxrpc._proto.endpoint import EndpointCore
from trio_rxrpc._proto.rxdebug import (
    LISTING_DEBUG_BASE,
    MAX_LISTING_REQUESTS,
    debug_request_untrusted,
)
from trio_rxrpc._proto.wire import CLIENT_INITIATED, HEADER, LAST_PACKET, PacketType

KNOWN = LISTING_DEBUG_BASE + 1
LOCAL = ("127.0.0.1", 4000)
REMOTE = ("192.0.2.7", 4000)


def request(dtype: int, page: int = 0, serial: int = 9) -> bytes:
    return HEADER.pack(999, 0, serial, 0, 0, PacketType.DEBUG, CLIENT_INITIATED | LAST_PACKET,
                       0, 0, 0, 0) + struct.pack(">II", dtype, page)


def core(*, remote_listing: bool = False) -> EndpointCore:
    ep = EndpointCore(config=EndpointConfig(remote_listing=remote_listing),
                      rng=random.Random(1))
    ep.listing_types = frozenset({KNOWN})
    return ep


def test_a_listing_request_waits_for_the_application() -> None:
    ep = core()
    ep.receive_datagram(request(KNOWN, page=2), LOCAL, now=1.0)
    assert ep.datagrams_to_send(now=1.0) == []  # nothing answered from inside the receive
    (header, addr, dtype, page), = ep.listing_requests
    assert (addr, dtype, page) == (LOCAL, KNOWN, 2)
    assert HEADER.unpack_from(header)[2] == 9  # the request's call number, for the answer
    assert ep.counters.disposition["debug"] == 1


def test_unknown_types_and_remote_askers_are_refused() -> None:
    ep = core()
    ep.receive_datagram(request(KNOWN + 1), LOCAL, now=1.0)
    ep.receive_datagram(request(KNOWN), REMOTE, now=1.0)
    assert ep.listing_requests == []
    assert ep.counters.disposition["unexpected"] == 2
    allowed = core(remote_listing=True)
    allowed.receive_datagram(request(KNOWN), REMOTE, now=1.0)
    assert len(allowed.listing_requests) == 1


def test_the_queue_is_bounded() -> None:
    ep = core()
    for serial in range(MAX_LISTING_REQUESTS + 10):
        ep.receive_datagram(request(KNOWN, serial=serial), LOCAL, now=1.0)
    assert len(ep.listing_requests) == MAX_LISTING_REQUESTS
    assert ep.counters.disposition["unexpected"] == 10


def test_a_debug_request_cut_short_is_malformed() -> None:
    """The request parser refuses a body shorter than its two words, reads any values
    otherwise (extra bytes ignored), and never raises."""
    whole = request(KNOWN, page=3)
    for cut in range(len(whole)):
        assert debug_request_untrusted(whole[:cut]) is None
    assert debug_request_untrusted(memoryview(whole + b"\xff")) == (KNOWN, 3)
    ep = core()
    ep.receive_datagram(whole[:-1], LOCAL, now=1.0)
    assert ep.counters.disposition["malformed"] == 1
    assert not ep.listing_requests
