"""What the core hands the application: the calls that changed, in order, and new calls."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from coreharness import CLIENT_ADDR, SERVER_ADDR, SERVICE

from trio_rxrpc._proto.codes import AbortCode
from trio_rxrpc._proto.endpoint import EndpointCore

if TYPE_CHECKING:
    from trio_rxrpc._proto.call import CallCore


def test_calls_are_handed_over_in_the_order_they_changed() -> None:
    ep = EndpointCore(rng=random.Random(3))
    calls = [ep.start_call(SERVER_ADDR, SERVICE, now=0.0) for _ in range(40)]
    order = calls[:]
    random.Random(5).shuffle(order)
    for call in order:
        ep.abort(call, AbortCode.RX_USER_ABORT, 0.0)
    ep.abort(order[0], AbortCode.RX_USER_ABORT, 0.0)  # (already over: no second entry)
    assert ep.take_dirty() == order
    assert ep.take_dirty() == []


def test_a_call_that_changes_again_keeps_its_first_place() -> None:
    client = EndpointCore(rng=random.Random(1))
    first = client.start_call(SERVER_ADDR, SERVICE, now=0.0)
    second = client.start_call(SERVER_ADDR, SERVICE, now=0.0)
    client.dirty[first] = None
    client.abort(second, AbortCode.RX_USER_ABORT, 0.0)
    client.abort(first, AbortCode.RX_USER_ABORT, 0.0)
    assert client.take_dirty() == [first, second]


class Served:
    """A server core that has received ``count`` one-packet calls, each on its own
    connection, and the client calls they came from (in the order they were sent)."""

    def __init__(self, count: int) -> None:
        client = EndpointCore(rng=random.Random(1))
        self.server = EndpointCore(rng=random.Random(2))
        self.listener = self.server.listen([SERVICE], backlog=8)
        self.sent: list[CallCore] = []
        for _ in range(count):
            call = client.start_call(SERVER_ADDR, SERVICE, now=0.0, exclusive=True)
            call.write(b"request", eor=True, now=0.0)
            self.sent.append(call)
        for parts, _addr in client.datagrams_to_send(now=0.0):
            self.server.receive_datagram(b"".join(bytes(p) for p in parts), CLIENT_ADDR,
                                         now=0.0)
        self.calls = self.server.take_new_calls()


def test_new_calls_are_taken_once_in_arrival_order() -> None:
    served = Served(5)
    assert [call.conn.cid for call in served.calls] == [call.conn.cid for call in served.sent]
    assert served.server.take_new_calls() == []
