"""A retransmission that is lost again: the PING that follows a timeout's retransmissions
finds it a round trip later, instead of a doubled timeout later (Linux's server aborts a
request whose DATA pauses for 250 ms).  Two sans-I/O cores, driven by
:class:`coreharness.CorePair`."""

from __future__ import annotations

from coreharness import ACK, DATA, CorePair, Policy, Sent

from trio_rxrpc._proto.call import Completion
from trio_rxrpc._proto.wire import JUMBO_DATALEN, AckReason

REQUEST = bytes(range(256)) * (3 * JUMBO_DATALEN // 256 + 1)  # four packets


def seq_of(sent: Sent) -> int:
    return sent.header[3]


def drop_seq(seq: int, times: int, drops: list[Sent]) -> Policy:
    """Lose the first ``times`` transmissions of the request's packet ``seq``."""
    def policy(sent: Sent) -> bytes | None:
        if sent.type == DATA and sent.to_server and seq_of(sent) == seq and len(drops) < times:
            drops.append(sent)
            return None
        return sent.data
    return policy


def pings_to_server(pair: CorePair) -> list[Sent]:
    return [s for s in pair.packets(ACK, to_server=True) if s.payload[16] == AckReason.PING]


def test_a_lost_retransmission_goes_again_when_the_ping_behind_it_is_answered() -> None:
    pair = CorePair(handler=lambda request: request[:3])
    drops: list[Sent] = []
    pair.policy = drop_seq(2, 2, drops)
    call = pair.call(REQUEST, None)
    pair.finish(call)
    assert call.completion is Completion.SUCCEEDED
    assert pair.requests[pair.accepted[0]] == REQUEST
    first, resent = drops
    delivered = [s for s in pair.packets(DATA, to_server=True) if seq_of(s) == 2]
    [third] = delivered
    # The timeout resent seq 2 (lost again) with a PING right behind it; the answer showed
    # seq 2 still missing, so it went again at once, not after a doubled timeout.
    assert resent.t > first.t
    assert third.t == resent.t
    assert [p.t for p in pings_to_server(pair)] == [resent.t]
    assert call.retransmits == 2


def test_a_retransmission_that_arrives_is_not_sent_again() -> None:
    pair = CorePair(handler=lambda request: request[:3])
    drops: list[Sent] = []
    pair.policy = drop_seq(2, 1, drops)
    call = pair.call(REQUEST, None)
    pair.finish(call)
    assert pair.requests[pair.accepted[0]] == REQUEST
    assert call.retransmits == 1
    assert len(pings_to_server(pair)) == 1  # the probe, answered with seq 2 received


def test_no_probe_before_the_peer_has_answered() -> None:
    """Until the peer has answered the call, a PING could only draw an ABORT for a call it
    does not know: the timeout's retransmissions go alone."""
    pair = CorePair(handler=lambda request: request[:3])
    pair.policy = lambda sent: sent.data if sent.t >= 1.5 or not sent.to_server else None
    call = pair.call(REQUEST, None)
    pair.finish(call)
    assert call.completion is Completion.SUCCEEDED
    assert pings_to_server(pair) == []
