"""What the core hands the application: changed calls in order, new calls, and the accept
queue place a new server call holds until the application takes it (or cannot queue it)."""

from __future__ import annotations

import random

from coreharness import CLIENT_ADDR, SERVER_ADDR, SERVICE

from trio_rxrpc._proto.call import CallCore, Completion
from trio_rxrpc._proto.clientside import bundle_key
from trio_rxrpc._proto.codes import AbortCode
from trio_rxrpc._proto.config import EndpointConfig
from trio_rxrpc._proto.endpoint import EndpointCore


class Waiter:
    """Stands in for the application's call object (the core's CallWaiter protocol)."""

    def __init__(self) -> None:
        self.woken = 0

    def _wake(self) -> None:
        self.woken += 1


class Queue:
    """Stands in for the application's accept queue (the core's AcceptQueue protocol)."""

    def __init__(self, room: int) -> None:
        self.room = room
        self.calls: list[CallCore] = []

    def offer(self, call: CallCore) -> bool:
        if len(self.calls) >= self.room:
            return False
        self.calls.append(call)
        return True


def test_calls_are_handed_over_in_the_order_they_changed() -> None:
    ep = EndpointCore(rng=random.Random(3))
    calls = [ep.start_call(SERVER_ADDR, SERVICE, now=0.0) for _ in range(40)]
    order = calls[:]
    random.Random(5).shuffle(order)
    for call in order:
        ep.abort(call, AbortCode.RX_USER_ABORT, 0.0)
    ep.abort(order[0], AbortCode.RX_USER_ABORT, 0.0)  # (already over: no second entry)
    assert list(ep.take_dirty()) == order
    assert list(ep.take_dirty()) == []


def test_a_call_that_changes_again_keeps_its_first_place() -> None:
    client = EndpointCore(rng=random.Random(1))
    first = client.start_call(SERVER_ADDR, SERVICE, now=0.0)
    second = client.start_call(SERVER_ADDR, SERVICE, now=0.0)
    client.dirty[first] = None
    client.abort(second, AbortCode.RX_USER_ABORT, 0.0)
    client.abort(first, AbortCode.RX_USER_ABORT, 0.0)
    assert list(client.take_dirty()) == [first, second]


class Served:
    """A server core that has received ``count`` one-packet calls, each on its own
    connection, and the client calls they came from (in the order they were sent)."""

    def __init__(self, count: int, *, queue: Queue | None = None) -> None:
        client = EndpointCore(rng=random.Random(1))
        self.server = EndpointCore(rng=random.Random(2))
        self.listener = self.server.listen([SERVICE], backlog=8, queue=queue)
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
    assert all(call.listener is served.listener for call in served.calls)
    assert list(served.server.take_new_calls()) == []


def test_a_new_call_holds_its_listener_place_until_accepted_once() -> None:
    served = Served(1)
    server, listener, (call,) = served.server, served.listener, served.calls
    assert listener.pending == 1
    assert (call.listener, call.accepted) == (listener, False)
    server.call_accepted(call)
    assert (call.listener, call.accepted, listener.pending) == (None, True, 0)
    server.call_accepted(call)  # accepting twice gives the place back only once
    assert listener.pending == 0
    assert server.counters.calls_accepted == 2


def test_a_call_the_application_cannot_queue_frees_its_place_and_is_aborted() -> None:
    queue = Queue(room=1)
    served = Served(2, queue=queue)
    server, listener, (taken, refused) = served.server, served.listener, served.calls
    assert listener.queue is queue
    assert listener.pending == 2
    assert queue.offer(taken)
    assert not queue.offer(refused)
    server.call_not_queued(refused, AbortCode.RX_CALL_DEAD, 0.0, "no room")
    assert listener.pending == 1
    assert refused.listener is None
    assert refused.completion is Completion.LOCALLY_ABORTED
    assert refused.abort_code == AbortCode.RX_CALL_DEAD
    server.call_accepted(refused)  # a late accept must not free a second place
    assert listener.pending == 1
    server.call_accepted(taken)
    assert listener.pending == 0


def test_the_waiter_slot_holds_what_the_application_gave_it() -> None:
    ep = EndpointCore(rng=random.Random(3))
    call = ep.start_call(SERVER_ADDR, SERVICE, now=0.0)
    waiter = Waiter()
    call.waiter = waiter
    ep.abort(call, AbortCode.RX_USER_ABORT, 0.0)
    for changed in ep.take_dirty():
        if changed.waiter is not None:
            changed.waiter._wake()
    assert waiter.woken == 1


def test_live_calls_are_counted_per_bundle_and_freed_bundles_reported() -> None:
    ep = EndpointCore(rng=random.Random(2), config=EndpointConfig(max_calls_per_bundle=3))
    key = bundle_key(SERVER_ADDR, SERVICE, None, False)
    other = bundle_key(SERVER_ADDR, SERVICE + 1, None, False)
    calls = [ep.start_call(SERVER_ADDR, SERVICE, now=0.0) for _ in range(3)]
    ep.start_call(SERVER_ADDR, SERVICE, now=0.0, exclusive=True)  # no bundle: not counted
    assert ep.bundle_calls == {key: 3}
    assert ep.bundle_full(key)
    assert not ep.bundle_full(other)
    ep.abort(calls[0], AbortCode.RX_USER_ABORT, 0.0)  # not watched: nothing reported
    assert not ep.bundle_full(key)
    assert list(ep.take_freed_bundles()) == []
    ep.watched_bundles.add(key)
    ep.abort(calls[1], AbortCode.RX_USER_ABORT, 0.0)
    ep.abort(calls[2], AbortCode.RX_USER_ABORT, 0.0)
    ep.abort(calls[2], AbortCode.RX_USER_ABORT, 0.0)  # (already over: counted once)
    assert list(ep.take_freed_bundles()) == [key]
    assert list(ep.take_freed_bundles()) == []
    assert ep.bundle_calls == {}
    unlimited = EndpointCore(config=EndpointConfig(max_calls_per_bundle=None))
    for _ in range(1000):
        unlimited.start_call(SERVER_ADDR, SERVICE, now=0.0)
    assert not unlimited.bundle_full(key)
