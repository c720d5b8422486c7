"""What the core tells the application about its next flush.

The trio layer skips the whole flush after a read when :meth:`EndpointCore.has_work` says
there is nothing to send, check, start or wake, and then only brings its timer forward when
:attr:`EndpointCore.timers_moved` says a timer was set earlier.  If either said "nothing"
wrongly, an ACK or a timer would wait for some unrelated event: these tests pin both
answers through a whole call between two cores.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from coreharness import CLIENT_ADDR, SERVER_ADDR

from trio_rxrpc._proto.endpoint import EndpointCore

if TYPE_CHECKING:
    from trio_rxrpc._proto.connection import Address


def _flush(core: EndpointCore, now: float) -> list[tuple[bytes, Address]]:
    """What the application does on a flush: send, take new calls and wake-ups, ask for
    the next deadline (which clears ``timers_moved``)."""
    out = [(b"".join(parts), addr) for parts, addr in core.datagrams_to_send(now=now)]
    core.take_new_calls()
    core.take_dirty()
    core.take_listing_requests()
    core.take_freed_bundles()
    core.next_deadline()
    assert not core.timers_moved
    assert not core.has_work()
    return out


def _moved(core: EndpointCore) -> bool:
    """``core.timers_moved`` (read through a call, so that the type checker does not carry
    what an earlier assertion said past the calls that change it)."""
    return core.timers_moved


def test_a_fresh_core_has_no_work() -> None:
    core = EndpointCore(rng=random.Random(1))
    assert not core.has_work()


def test_work_and_moved_timers_are_reported_through_a_call() -> None:
    client = EndpointCore(rng=random.Random(1))
    server = EndpointCore(rng=random.Random(2))
    server.listen([100], backlog=4)
    call = client.start_call(SERVER_ADDR, 100, now=0.0)
    _flush(client, 0.0)

    call.write(b"request", eor=True, now=0.0)
    assert client.has_work()  # the request is to be sent
    sent = client.datagrams_to_send(now=0.0)
    assert len(sent) == 1
    assert client.timers_moved  # sending it armed the call's retransmission timer
    _flush(client, 0.0)
    request = [(b"".join(parts), addr) for parts, addr in sent]

    server.receive_datagram(request[0][0], CLIENT_ADDR, now=0.001)
    assert server.has_work()  # a new call for the listener
    (incoming,) = server.take_new_calls()
    server.call_accepted(incoming)
    _flush(server, 0.001)

    # Reading the request sets no earlier timer and owes nothing at once: nothing to do.
    assert incoming.read(None, 0.002) == b"request"
    assert not server.has_work()
    incoming.write(b"reply", eor=True, now=0.002)
    assert server.has_work()
    reply = _flush(server, 0.002)
    assert len(reply) == 1

    client.receive_datagram(reply[0][0], SERVER_ADDR, now=0.003)
    assert client.has_work()  # the final ACK, and the call to wake
    assert len(_flush(client, 0.003)) == 1  # the final ACK
    assert call.read(None, 0.004) == b"reply"


def test_a_timer_set_earlier_is_reported_once() -> None:
    core = EndpointCore(rng=random.Random(3))
    call = core.start_call(SERVER_ADDR, 100, now=0.0)
    _flush(core, 0.0)
    call.write(b"x" * 10, eor=False, now=0.0)  # part of a packet, kept back for a while
    assert _moved(core)
    before = core.next_deadline()
    assert not _moved(core)  # asking cleared it
    call.write(b"y" * 10, eor=False, now=0.0)  # the same push: no earlier timer
    assert not _moved(core)
    assert core.next_deadline() == before
