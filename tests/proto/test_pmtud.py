"""Path-MTU discovery: the search state machine, probes between two cores, the per-peer ACK
trailer and padded probes from a peer."""

from __future__ import annotations

import random
import struct
from typing import TYPE_CHECKING

import pytest
from coreharness import ACK, CLIENT_ADDR, DATA, SERVER_ADDR, CorePair, Sent, deliver_all
from hypothesis import given, strategies as st

from trio_rxrpc._proto import pmtud
from trio_rxrpc._proto.ack import ACK_TRAILER, pack_ack, parse_ack_untrusted, pmtud_trailer
from trio_rxrpc._proto.config import EndpointConfig
from trio_rxrpc._proto.pmtud import BASE_SIZE, RAISE_TIME, PathMTU, count_for, size_of
from trio_rxrpc._proto.wire import HEADER, HEADER_SIZE, LAST_PACKET, REQUEST_ACK, AckReason

if TYPE_CHECKING:
    from collections.abc import Callable

CONN = object()
MAX_COUNT = 46


def search(path_limit: int, *, ceiling: int = MAX_COUNT, now: float = 0.0,
           p: PathMTU | None = None) -> tuple[PathMTU, list[int]]:
    """Run a search against a path carrying ``path_limit`` bytes: probes that fit are
    answered, the others time out.  Returns the state and the probe sizes sent."""
    if p is None:
        p = PathMTU()
        pmtud.set_ceiling(p, ceiling, now)
    sizes: list[int] = []
    serial = 0
    for _ in range(100):
        size = pmtud.next_probe(p, now)
        if size < 0:
            continue
        if size == 0:
            if p.next_at > now + 1:
                return p, sizes
            now = p.next_at
            continue
        serial += 1
        sizes.append(size)
        pmtud.probe_sent(p, CONN, serial, now, 2.0)
        if size <= path_limit:
            assert pmtud.on_ack(p, CONN, serial, now + 0.1) == 1
            now += 0.1
        else:
            now = p.next_at  # the probe times out
    raise AssertionError("the search never ended")


@pytest.mark.parametrize("ip_mtu", [1500, 4000, 9000, 65535])
def test_search_converges_to_the_path(ip_mtu: int) -> None:
    limit = ip_mtu - 28  # IPv4 and UDP headers
    p, sizes = search(limit)
    assert p.good == min(count_for(limit), MAX_COUNT)
    assert p.size <= max(limit, BASE_SIZE)
    assert p.good == MAX_COUNT or size_of(p.good + 1) > limit  # within one jumbo step
    assert sizes[0] == size_of(MAX_COUNT)  # the peer's maximum is tried first
    assert all(size > BASE_SIZE for size in sizes)
    assert not p.probing


def test_loopback_confirms_in_one_probe() -> None:
    p, sizes = search(65507)
    assert sizes == [size_of(MAX_COUNT)]
    assert p.good == MAX_COUNT
    assert p.next_at == float("inf")


def test_a_lost_probe_is_tried_once_more_then_bad() -> None:
    p = PathMTU()
    pmtud.set_ceiling(p, 10, 0.0)
    size = pmtud.next_probe(p, 0.0)
    assert size == size_of(10)
    pmtud.probe_sent(p, CONN, 5, 0.0, 1.0)
    assert pmtud.next_probe(p, 0.5) == 0  # not overdue yet
    assert pmtud.next_probe(p, 1.0) == -1  # lost once
    assert pmtud.next_probe(p, 1.0) == size  # the same size again
    pmtud.probe_sent(p, CONN, 6, 1.0, 1.0)
    # An answer to a later packet overtakes the probe: lost a second time, so bad.
    assert pmtud.on_ack(p, CONN, 7, 1.1, conclusive=False) == 0
    assert pmtud.on_ack(p, CONN, 7, 1.1) == -1
    assert p.bad == 10
    assert p.good == 1
    assert pmtud.next_probe(p, 1.1) == size_of(5)  # bisecting
    # An ACK on another connection, or naming an older packet, says nothing.
    pmtud.probe_sent(p, CONN, 9, 1.1, 1.0)
    assert pmtud.on_ack(p, object(), 9, 1.2) == 0
    assert pmtud.on_ack(p, CONN, 8, 1.2) == 0
    assert pmtud.on_ack(p, CONN, 9, 1.2) == 1
    assert p.good == 5


def test_raise_timer_finds_a_grown_path() -> None:
    p, _ = search(9000 - 28)
    assert p.good == 6
    assert p.bad == 7
    rested = p.next_at
    assert RAISE_TIME <= rested <= RAISE_TIME + 60
    assert pmtud.next_probe(p, rested - 1) == 0
    p, sizes = search(65507, p=p, now=rested)
    assert p.good == MAX_COUNT
    assert sizes[0] == size_of(MAX_COUNT)


def test_no_search_without_room_above_the_base() -> None:
    p = PathMTU()
    pmtud.set_ceiling(p, 1, 0.0)  # an OpenAFS peer advertising 1444
    assert p.next_at == float("inf")
    assert pmtud.next_probe(p, 1e9) == 0


def test_too_big_and_black_hole_shrink_the_size() -> None:
    p, _ = search(65507)
    pmtud.too_big(p, 9000 - 28, 10.0)
    assert p.good == 6
    assert p.bad == 7
    assert p.size <= 8972
    pmtud.too_big(p, 100, 11.0)  # never below the base
    assert p.good == 1
    assert p.size == BASE_SIZE
    p, _ = search(65507, p=p, now=11.0 + RAISE_TIME)
    assert p.good == MAX_COUNT
    assert pmtud.black_hole(p, 20.0)
    assert p.good == 1
    assert p.bad == MAX_COUNT
    assert not pmtud.black_hole(p, 20.0)
    p, _ = search(1500 - 28, p=p, now=20.0)
    assert p.good == 1
    # Unknown size: the probe in flight was too big.
    p = PathMTU()
    pmtud.set_ceiling(p, 8, 0.0)
    assert pmtud.next_probe(p, 0.0) == size_of(8)
    pmtud.probe_sent(p, CONN, 1, 0.0, 1.0)
    pmtud.too_big(p, None, 0.1)
    assert p.bad == 8
    assert not p.probing
    assert pmtud.next_probe(p, 0.1) == size_of(4)


def test_a_lower_ceiling_lowers_the_size() -> None:
    p, _ = search(65507)
    pmtud.set_ceiling(p, 4, 1.0)
    assert p.good == 4


# ------------------------------------------------------------------ the ACK parser


@given(padding=st.integers(0, 9000), n_acks=st.integers(0, 40), words=st.integers(0, 4))
def test_padding_after_the_trailer_is_ignored(padding: int, n_acks: int, words: int) -> None:
    trailer = ACK_TRAILER.pack(65160, 1444, 255, 0)[:4 * words]
    body = pack_ack(3, 9, 77, AckReason.PING, b"\1" * n_acks, trailer)
    plain = parse_ack_untrusted(body)
    padded = parse_ack_untrusted(body + bytes(padding)) if words == 4 else plain
    assert plain is not None
    assert padded == plain
    assert plain[4] == 77
    assert plain[5] == AckReason.PING


# ------------------------------------------------------------------ between two cores


def _limit_path(pair: CorePair, limit: int) -> list[Sent]:
    dropped: list[Sent] = []

    def policy(sent: Sent) -> bytes | None:
        if len(sent.data) > limit:
            dropped.append(sent)
            return None
        return sent.data
    pair.policy = policy
    return dropped


def _is_probe(sent: Sent) -> bool:
    return sent.type == ACK and sent.payload[16] == AckReason.PING and (
        len(sent.data) > BASE_SIZE)


def _transfer_until(pair: CorePair, done: Callable[[], bool], size: int = 300_000) -> None:
    """Calls one after another, a second apart (a lost probe takes two RTOs to count),
    until ``done()``; each must come back intact."""
    for i in range(60):
        request = random.Random(i).randbytes(size)
        call = pair.call(request, None)
        pair.finish(call, limit=pair.now + 120)
        assert pair.replies[call] == pair.handler(request)
        if done():
            return
        pair.now += 1.0
    raise AssertionError("the search did not converge")


@pytest.mark.parametrize("ip_mtu", [1500, 4000, 9000, 65535])
def test_cores_find_the_path(ip_mtu: int) -> None:
    pair = CorePair(handler=lambda req: req)
    limit = ip_mtu - 28
    dropped = _limit_path(pair, limit)
    expected = min(count_for(limit), MAX_COUNT)

    def converged() -> bool:
        client = pair.client.peers[SERVER_ADDR].pmtu
        server = pair.server.peers[CLIENT_ADDR].pmtu
        return all(not p.probing and p.next_at > pair.now + 60 for p in (client, server))
    _transfer_until(pair, converged)
    for core, addr in ((pair.client, SERVER_ADDR), (pair.server, CLIENT_ADDR)):
        path = core.peers[addr].pmtu
        assert path.good == expected
        assert core.counters.pmtu_probes_confirmed + core.counters.pmtu_probes_lost >= 1
    # Only probes were ever too big for the path; DATA never was.
    assert all(_is_probe(s) for s in dropped)
    assert all(len(s.data) <= max(limit, BASE_SIZE) for s in pair.packets(DATA))


def test_a_path_that_shrinks_silently() -> None:
    pair = CorePair(handler=lambda req: req[:10])
    _limit_path(pair, 9000 - 28)
    _transfer_until(pair, lambda: pair.client.peers[SERVER_ADDR].pmtu.good == 6)
    pair.trace.clear()
    dropped = _limit_path(pair, 1500 - 28)
    request = random.Random(3).randbytes(3_000_000)
    call = pair.call(request, None)
    pair.finish(call, limit=600.0)
    assert pair.replies[call] == request[:10]
    assert pair.requests[pair.accepted[-1]] == request
    path = pair.client.peers[SERVER_ADDR].pmtu
    assert path.good == 1
    assert 0 < path.bad <= 6
    assert pair.client.counters.pmtu_black_holes >= 1
    assert any(s.type == DATA for s in dropped)  # the jumbograms that fell in the hole


def test_too_big_reports_shrink_the_path() -> None:
    pair = CorePair(handler=lambda req: b"ok")
    _transfer_until(pair, lambda: pair.client.peers[SERVER_ADDR].pmtu.good == MAX_COUNT)
    assert pair.client.peers[SERVER_ADDR].pmtu.good == MAX_COUNT
    pair.trace.clear()
    pair.client.path_too_big(SERVER_ADDR, 4000 - 28, now=pair.now)
    pair.client.path_too_big(("10.9.9.9", 1), 1000, now=pair.now)  # no such peer: ignored
    assert pair.client.counters.pmtu_too_big == 1
    assert pair.client.peers[SERVER_ADDR].pmtu.good == 2
    _limit_path(pair, 4000 - 28)
    call = pair.call(b"r" * 500_000, None)
    pair.finish(call)
    assert pair.replies[call] == b"ok"
    big = [s for s in pair.packets(DATA, to_server=True) if len(s.data) > size_of(2)]
    assert big == []


def _probes_after_last_data(trace: list[Sent]) -> list[Sent]:
    """Probes sent on a call after the sender's LAST_PACKET DATA of that call."""
    ended: set[tuple[bool, int]] = set()
    late = []
    for sent in trace:
        key = (sent.to_server, sent.call_number)
        if sent.type == DATA and sent.flags & LAST_PACKET:
            ended.add(key)
        elif _is_probe(sent) and key in ended:
            late.append(sent)
    return late


@pytest.mark.parametrize("size", [10, 9000, 300_000])
def test_a_probe_never_follows_the_last_packet_of_a_phase(size: int) -> None:
    """A PING that reaches an OpenAFS client as it ends a call can stall the client's next
    call on that channel (see :func:`pmtud.maybe_probe`): probes go out only while the
    sender still has DATA of the phase to send, and small calls never probe."""
    pair = CorePair(handler=lambda req: req)
    for i in range(4):
        request = random.Random(i).randbytes(size)
        call = pair.call(request, None)
        pair.finish(call, limit=pair.now + 60)
        assert pair.replies[call] == request
        pair.now += 1.0
    assert _probes_after_last_data(pair.trace) == []
    probes = [s for s in pair.trace if _is_probe(s)]
    if size == 300_000:
        assert probes  # each side's first transfer is long enough to probe in the middle
        for core, addr in ((pair.client, SERVER_ADDR), (pair.server, CLIENT_ADDR)):
            assert core.peers[addr].pmtu.good == MAX_COUNT
    elif size == 10:
        assert probes == []


# ---------------------------------------------------- what we advertise, probes we answer


def _trailers(pair: CorePair, *, to_server: bool) -> list[tuple[int | None, ...]]:
    out: list[tuple[int | None, ...]] = []
    for s in pair.packets(ACK, to_server=to_server):
        fields = parse_ack_untrusted(s.data, HEADER_SIZE)
        assert fields is not None
        out.append(fields[7:])
    return out


def _client_call_header(pair: CorePair, call_number: int, serial: int, flags: int) -> bytes:
    conn = next(iter(pair.server.server_conns.values()))
    return HEADER.pack(conn.epoch, conn.cid, call_number, 0, serial, ACK,
                       flags | 1, 0, 0, 0, conn.service_id)


def test_trailer_follows_the_peer_and_padded_pings_are_answered() -> None:
    config = EndpointConfig()
    pair = CorePair(handler=lambda req: req * 40)
    # The reply is held back (its DATA lost) so that the server's call stays live.
    pair.policy = lambda sent: None if sent.type == DATA and not sent.to_server else sent.data
    call = pair.call(b"x" * 3000, None)
    pair.run(lambda: bool(pair.accepted))
    assert _trailers(pair, to_server=False)[-1] == (
        config.max_mtu, 1444, config.rx_window, config.max_jumbo)
    # The peer says jumbo maximum 0 (as Linux does) and pings with 8000 bytes of padding.
    server_call = pair.accepted[-1]
    body = pack_ack(1, 0, 0, AckReason.PING, b"", ACK_TRAILER.pack(1444, 1444, 255, 0))
    ping = _client_call_header(pair, server_call.call_number, 5000, REQUEST_ACK) + body
    pair.server.receive_datagram(ping + bytes(8000), CLIENT_ADDR, now=pair.now)
    answers = pair.server.datagrams_to_send(now=pair.now)
    replies = [b"".join(bytes(p) for p in parts) for parts, _ in answers]
    acks = [r for r in replies if r[20] == ACK]
    assert acks
    fields = parse_ack_untrusted(acks[-1], HEADER_SIZE)
    assert fields is not None
    assert fields[4] == 5000  # the ping's serial: this confirms the peer's probe
    assert fields[5] == AckReason.PING_RESPONSE
    assert fields[7:] == (config.max_mtu, config.max_mtu, config.rx_window, 0)
    for parts, addr in answers:
        pair.client.receive_datagram(b"".join(bytes(p) for p in parts), addr, now=pair.now)
    pair.policy = deliver_all
    # From now on the client behaves like Linux too: every ACK of it says 0.
    pair.client.ack_trailers = (pmtud_trailer(config), pmtud_trailer(config))
    pair.trace.clear()
    pair.finish(call)
    pair.run(lambda: server_call.completion is not None)
    assert pair.replies[call] == b"x" * 3000 * 40
    assert {t[3] for t in _trailers(pair, to_server=False)} == {0}
    # Its final ACK, repeated for a stray ping, says 0 too; and the endpoint's other peers
    # still get the count.
    stray = _client_call_header(pair, call.call_number, 9000, REQUEST_ACK) + body
    pair.server.receive_datagram(stray, CLIENT_ADDR, now=pair.now)
    finals = [b"".join(bytes(p) for p in parts)
              for parts, _ in pair.server.datagrams_to_send(now=pair.now)]
    assert [f[20] for f in finals] == [ACK]
    fields = parse_ack_untrusted(finals[0], HEADER_SIZE)
    assert fields is not None
    assert fields[5] == AckReason.PING_RESPONSE
    assert fields[10] == 0
    assert pair.server.peers[CLIENT_ADDR].pmtud_peer
    assert struct.unpack(">I", pair.server.ack_trailers[False][12:])[0] == config.max_jumbo


def test_a_new_peer_is_pinged_once_for_its_trailer() -> None:
    """A client sends no ACKs while it sends its request: the server pings the first call of
    a peer it has no trailer from, so that (for Linux) its ACKs can say "jumbo maximum 0"
    while the request is still arriving.  Only once per peer."""
    pair = CorePair()
    calls = [pair.call(b"x" * 100, None) for _ in range(3)]
    pair.finish(*calls)
    pings = []
    for sent in pair.packets(ACK, to_server=False):
        fields = parse_ack_untrusted(sent.data, HEADER_SIZE)
        assert fields is not None
        padded = len(sent.data) > HEADER_SIZE + 18 + fields[6] + 3 + 16  # a path-MTU probe
        if fields[5] == AckReason.PING and not padded:
            pings.append(fields)
    assert len(pings) == 1
    assert pair.server.peers[CLIENT_ADDR].trailer_asked
    assert all(pair.replies[c] == b"x" * 100 for c in calls)
