"""A retransmission that is lost again: the PING that follows a timeout's retransmissions
finds it a round trip later, instead of a doubled timeout later (Linux's server aborts a
request whose DATA pauses for 250 ms).  The losses are in the server's reply: a client's
request has a tail-loss probe before its timeout (see ``test_tail_probe.py``).  Two sans-I/O
cores, driven by :class:`coreharness.CorePair`."""

from __future__ import annotations

from coreharness import ACK, DATA, CorePair, Policy, Sent

from trio_rxrpc._proto.call import Completion
from trio_rxrpc._proto.wire import JUMBO_DATALEN, AckReason

REPLY = bytes(range(256)) * (3 * JUMBO_DATALEN // 256 + 1)  # four packets


def seq_of(sent: Sent) -> int:
    return sent.header[3]


def drop_seq(seq: int, times: int, drops: list[Sent]) -> Policy:
    """Lose the first ``times`` transmissions of the reply's packet ``seq``."""
    def policy(sent: Sent) -> bytes | None:
        if (sent.type == DATA and not sent.to_server and seq_of(sent) == seq
                and len(drops) < times):
            drops.append(sent)
            return None
        return sent.data
    return policy


def pings(pair: CorePair, *, to_server: bool) -> list[Sent]:
    """The PINGs one side sent after the start (a server pings a new client at once, to
    measure the round trip)."""
    return [s for s in pair.packets(ACK, to_server=to_server)
            if s.payload[16] == AckReason.PING and s.t > 0]


def reply_losing_seq_2(times: int) -> tuple[CorePair, list[Sent]]:
    """A call whose reply loses the first ``times`` transmissions of its packet 2; the
    pair once the call is over, and the lost datagrams."""
    pair = CorePair(handler=lambda request: REPLY)
    drops: list[Sent] = []
    pair.policy = drop_seq(2, times, drops)
    call = pair.call(b"ask", None)
    pair.finish(call)
    assert call.completion is Completion.SUCCEEDED
    assert pair.replies[call] == REPLY
    return pair, drops


def test_a_lost_retransmission_goes_again_when_the_ping_behind_it_is_answered() -> None:
    pair, (first, resent) = reply_losing_seq_2(2)
    delivered = [s for s in pair.packets(DATA, to_server=False) if seq_of(s) == 2]
    [third] = delivered
    # The timeout resent seq 2 (lost again) with a PING right behind it; the answer showed
    # seq 2 still missing, so it went again at once, not after a doubled timeout.
    assert resent.t >= first.t + 0.2  # the shortest retransmission timeout
    assert third.t == resent.t
    assert [p.t for p in pings(pair, to_server=False)] == [resent.t]
    assert pair.accepted[0].retransmits == 2


def test_a_retransmission_that_arrives_is_not_sent_again() -> None:
    pair, [_] = reply_losing_seq_2(1)
    assert pair.accepted[0].retransmits == 1
    assert len(pings(pair, to_server=False)) == 1  # the probe, answered with seq 2 received


def test_no_probe_before_the_peer_has_answered() -> None:
    """Until the peer has answered the call, a PING could only draw an ABORT for a call it
    does not know: the timeout's retransmissions go alone."""
    pair = CorePair(handler=lambda request: request[:3])
    pair.policy = lambda sent: sent.data if sent.t >= 1.5 or not sent.to_server else None
    call = pair.call(REPLY, None)
    pair.finish(call)
    assert call.completion is Completion.SUCCEEDED
    assert pings(pair, to_server=True) == []
    assert pair.client.counters.tail_probes == 0
