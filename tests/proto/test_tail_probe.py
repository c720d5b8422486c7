"""The tail-loss probe: a client's request that loses the packets at the end of its flight
draws no ACK that could show the loss, so twice the round-trip time after the last ACK (and
25 ms more once the request's last packet is out) the client resends its highest
unacknowledged packet, with a PING behind it, instead of
waiting for the retransmission timeout (Linux's server aborts a request whose DATA pauses
for 250 ms).  Two sans-I/O cores on a lossless clock, driven by
:class:`coreharness.CorePair`."""

from __future__ import annotations

from coreharness import ACK, DATA, SERVER_ADDR, CorePair, Policy, Sent

from trio_rxrpc._proto.call import Completion
from trio_rxrpc._proto.wire import JUMBO_DATALEN, LAST_PACKET, REQUEST_ACK, AckReason

PACKETS = 40
REQUEST = bytes(range(256)) * ((PACKETS - 1) * JUMBO_DATALEN // 256 + 1)
PROBE_TIME = 0.035  # twice the round trip, at least 10 ms (the harness's round trip is 0),
# and 25 ms more once the request's last packet is out (a server may delay that ACK)
MIN_RTO = 0.2


def seq_of(sent: Sent) -> int:
    return sent.header[3]


def drop(seqs: set[int], times: int, drops: list[Sent]) -> Policy:
    """Lose the first ``times`` transmissions of each of the request's packets ``seqs``."""
    def policy(sent: Sent) -> bytes | None:
        if sent.type == DATA and sent.to_server and seq_of(sent) in seqs and sum(
                1 for d in drops if seq_of(d) == seq_of(sent)) < times:
            drops.append(sent)
            return None
        return sent.data
    return policy


def delivered(pair: CorePair, seq: int) -> list[Sent]:
    """The transmissions of the request's packet ``seq`` that reached the server."""
    return [s for s in pair.packets(DATA, to_server=True) if seq_of(s) == seq]


def pings_to_server(pair: CorePair) -> list[Sent]:
    return [s for s in pair.packets(ACK, to_server=True) if s.payload[16] == AckReason.PING]


def run(seqs: set[int], times: int) -> tuple[CorePair, list[Sent]]:
    pair = CorePair(handler=lambda request: request[:3])
    drops: list[Sent] = []
    pair.policy = drop(seqs, times, drops)
    call = pair.call(REQUEST, None)
    pair.finish(call)
    assert call.completion is Completion.SUCCEEDED
    assert pair.requests[pair.accepted[0]] == REQUEST
    assert seq_of(pair.packets(DATA, to_server=True)[-1]) <= PACKETS
    return pair, drops


def test_a_lost_last_packet_goes_again_at_the_probe_not_the_timeout() -> None:
    pair, [lost] = run({PACKETS}, 1)
    [probe] = delivered(pair, PACKETS)
    assert probe.t == lost.t + PROBE_TIME
    assert probe.flags & REQUEST_ACK
    assert pair.client.counters.tail_probes == 1
    assert pair.client.counters.data_resent == 1
    assert [p.t for p in pings_to_server(pair)] == [probe.t]


def test_a_lost_probe_is_found_by_the_ping_behind_it() -> None:
    pair, [first, probe] = run({PACKETS}, 2)
    [third] = delivered(pair, PACKETS)
    assert probe.t == first.t + PROBE_TIME
    # The PING's answer lacks the packet: it goes again at once, and well before even
    # the shortest timeout.
    assert third.t == probe.t < first.t + MIN_RTO
    assert pair.client.counters.tail_probes == 1


def test_a_lost_tail_of_several_packets_goes_again_after_one_probe() -> None:
    tail = set(range(PACKETS - 4, PACKETS + 1))
    pair, drops = run(tail, 1)
    assert len(drops) == len(tail)
    sent_at = drops[0].t
    for seq in tail:
        [again] = delivered(pair, seq)
        assert again.t == sent_at + PROBE_TIME
    # One probe (the highest packet) found the rest.
    assert pair.client.counters.tail_probes == 1
    assert pair.client.counters.data_resent == len(tail)
    (call,) = pair.accepted
    assert call.completion is Completion.SUCCEEDED


def test_no_probe_when_nothing_is_lost() -> None:
    pair, drops = run(set(), 0)
    assert drops == []
    assert pair.client.counters.tail_probes == 0
    assert pair.client.counters.data_resent == 0
    # A request of many packets asks for an ACK on its last one, so the probe is not sent
    # while the server works on the call.
    last = pair.packets(DATA, to_server=True)[-1]
    assert seq_of(last) == PACKETS
    assert last.flags & LAST_PACKET
    assert last.flags & REQUEST_ACK


def test_no_probe_while_a_slow_server_holds_its_ack_of_the_request() -> None:
    """The server's application is busy for 100 ms; the server acknowledges the end of the
    request after its ACK delay (here 20 ms, twice the default), before the probe would
    go."""
    pair = CorePair(handler=lambda request: request[:3])
    pair.server.ack_delay = 0.02
    pair.server_busy_until = 0.1
    # Seventeen packets: the first flight is sixteen (the initial window), so the last
    # packet goes alone, once the ACK of the first flight has measured the round trip.
    call = pair.call(REQUEST[:16 * JUMBO_DATALEN + 100], None)
    pair.finish(call)
    assert call.completion is Completion.SUCCEEDED
    assert pair.client.counters.tail_probes == 0
    assert pair.client.counters.data_resent == 0
    [reply] = pair.packets(DATA, to_server=False)
    assert reply.t == 0.1


def test_a_single_packet_request_does_not_ask_for_an_ack_once_the_rtt_is_known() -> None:
    pair = CorePair(handler=lambda request: request[:3])
    first = pair.call(REQUEST, None)  # its ACKs measure the round trip
    pair.finish(first)
    assert pair.client.peers[SERVER_ADDR].rtt.samples
    second = pair.call(b"small", None)
    pair.finish(second)
    request = [s for s in pair.packets(DATA, to_server=True)
               if s.call_number == second.call_number]
    assert len(request) == 1
    assert request[0].flags & LAST_PACKET
    assert not request[0].flags & REQUEST_ACK
    assert pair.client.counters.tail_probes == 0


def test_a_reply_that_carries_the_ack_measures_the_round_trip() -> None:
    """A server whose reply is ready within its ACK delay lets the reply acknowledge the
    request: the client's request for an ACK goes unanswered, and the time to the reply is
    its first round-trip sample, so later requests stop asking."""
    pair = CorePair(handler=lambda request: request[:3])
    first = pair.call(b"one", None)
    pair.finish(first)
    assert pair.packets(DATA, to_server=True)[0].flags & REQUEST_ACK
    assert [s for s in pair.packets(ACK, to_server=False)
            if s.payload[16] == AckReason.REQUESTED] == []
    assert pair.client.peers[SERVER_ADDR].rtt.samples == 1
    second = pair.call(b"two", None)
    pair.finish(second)
    assert not pair.packets(DATA, to_server=True)[-1].flags & REQUEST_ACK


def test_a_slow_reply_is_no_round_trip_sample() -> None:
    """Only a sample that makes the timeout shorter than the unmeasured default is taken:
    a reply after a second of work says little about the path."""
    pair = CorePair(handler=lambda request: request[:3])
    pair.server_busy_until = 0.5
    # The server's ACKs are lost: only its reply, half a second later, reaches the client.
    pair.policy = lambda sent: None if sent.type == ACK and not sent.to_server else sent.data
    call = pair.call(b"one", None)
    pair.finish(call)
    assert call.completion is Completion.SUCCEEDED
    assert pair.client.peers[SERVER_ADDR].rtt.samples == 0
