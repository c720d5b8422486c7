"""rxkad connection security end to end through two sans-I/O cores (no trio, no sockets),
driven by :class:`coreharness.CorePair`."""

from __future__ import annotations

import random
import struct
from typing import TYPE_CHECKING

import attrs
import pytest
from coreharness import (
    ABORT,
    ACK,
    CHALLENGE,
    CLIENT_ADDR,
    DATA,
    KEY,
    KVNO,
    LEVELS,
    RESPONSE,
    SERVER_ADDR,
    WALL,
    CorePair,
    Sent,
    WallClock,
    check_wire,
    data_subpackets,
    deliver_all,
    localauth,
    rand,
    server_conn,
)

from trio_rxrpc._proto.call import Completion
from trio_rxrpc._proto.codes import AbortCode
from trio_rxrpc._proto.security import rxkad, rxkad_handshake, rxkad_ticket
from trio_rxrpc._proto.security.keyfile import KEY_TYPE_RXKAD, KEY_TYPE_RXKAD_KRB5, ServerKey
from trio_rxrpc._proto.security.rxkad_class import RxkadClientConnection, RxkadServerConnection
from trio_rxrpc._proto.wire import (
    ACK_BODY,
    CLIENT_INITIATED,
    HEADER_SIZE,
    JUMBO_DATALEN,
    JUMBO_HEADER,
    JUMBO_PACKET,
    JUMBO_SUBPKTLEN,
    AckReason,
)
from trio_rxrpc.security import (
    RXNULL,
    Keyring,
    Level,
    RxkadClientSecurity,
    RxkadServerSecurity,
    Token,
    forge_localauth_token,
    forge_token,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from trio_rxrpc._proto.security.rxkad_packets import PacketCodec

# ------------------------------------------------------------------------- the happy paths


@pytest.mark.parametrize("challenge_version", [2, 0], ids=["v2", "old"])
@pytest.mark.parametrize("level", LEVELS, ids=lambda lv: lv.name)
def test_call_at_each_level(level: Level, challenge_version: int) -> None:
    server_sec = RxkadServerSecurity(Keyring.from_des_key(KEY, KVNO), clock=WallClock(),
                                     challenge_version=challenge_version)
    pair = CorePair(securities=[server_sec])
    token = localauth()
    request = random.Random(1).randbytes(20_000)
    call = pair.call(request, RxkadClientSecurity(token, level))
    pair.finish(call)
    assert call.completion is Completion.SUCCEEDED
    assert pair.replies[call] == request[::-1]
    [served] = pair.accepted
    assert pair.requests[served] == request

    # The handshake: one challenge in the form asked for, answered in the same form.
    [challenge] = pair.packets(CHALLENGE)
    [response] = pair.packets(RESPONSE)
    assert len(challenge.payload) == (16 if challenge_version else 8)
    assert rxkad_handshake.decode_challenge_untrusted(challenge.payload).min_level == 0
    assert len(response.payload) == (56 if challenge_version else 16) + len(token.ticket)
    assert challenge.call_number == response.call_number == 0
    assert response.flags & CLIENT_INITIATED

    # What the server learned from the ticket.
    identity = server_conn(served).identity
    assert identity is not None
    assert (identity.name, identity.instance, identity.realm) == ("afs", "", "")
    assert identity.principal == "afs"
    assert (identity.level, identity.kvno, identity.security_index) == (level, KVNO, 2)
    assert identity.end == rxkad.NEVER_DATE
    assert call.conn.security.level == served.conn.security.level == level

    # On the wire: every DATA packet checksummed and sealed at the level; crypt hides data.
    assert check_wire(pair, token, level) >= 30
    subpackets = [sub for s in pair.packets(DATA) for sub in data_subpackets(s)]
    full = [payload for _seq, _flags, _ck, payload in subpackets if len(payload) >= 1400]
    expected_size = {Level.CLEAR: 1412, Level.AUTH: 1412, Level.CRYPT: 1408}[level]
    assert full
    assert {len(p) for p in full} == {expected_size}
    if level == Level.CRYPT:
        assert all(request[100:116] not in s.payload for s in pair.packets(DATA))
    else:
        assert any(request[100:116] in s.payload for s in pair.packets(DATA))


def test_second_call_reuses_the_authenticated_connection() -> None:
    pair = CorePair()
    security = RxkadClientSecurity(localauth(), Level.AUTH)
    first = pair.call(b"one", security)
    pair.finish(first)
    second = pair.call(b"two", security)
    pair.finish(second)
    assert pair.replies[second] == b"owt"
    assert first.conn is second.conn
    assert len(pair.packets(CHALLENGE)) == len(pair.packets(RESPONSE)) == 1
    assert second.call_number == 2


def test_no_application_data_before_the_response_is_verified() -> None:
    pair = CorePair()
    pair.policy = lambda s: None if s.type == RESPONSE else s.data
    call = pair.call(b"secret request", RxkadClientSecurity(localauth(), Level.CLEAR))
    pair.run(lambda: pair.now >= 10)
    # The request reached the server (and was held), the challenge went out repeatedly, but
    # no call was handed to the application and none of the data was acknowledged (the only
    # ACKs are keepalive PINGs and their answers).
    assert pair.packets(DATA, to_server=True)
    assert len(pair.packets(CHALLENGE)) >= 3
    assert pair.accepted == []
    acks = pair.packets(ACK, to_server=False)
    assert acks
    for ack in acks:
        _space, _skew, first, _prev, _serial, reason, nacks = ACK_BODY.unpack_from(ack.payload)
        assert (first, nacks) == (1, 0)
        assert reason in (AckReason.PING, AckReason.PING_RESPONSE)
    assert call.completion is None
    pair.policy = deliver_all
    pair.finish(call)
    assert pair.replies[call] == b"tseuqer terces"


@pytest.mark.parametrize("level", LEVELS, ids=lambda lv: lv.name)
def test_jumbograms(level: Level) -> None:
    """Full clear and auth packets travel in jumbograms both ways; crypt ones never do."""
    pair = CorePair(handler=lambda req: req * 2)
    token = localauth()
    security = RxkadClientSecurity(token, level)
    # Both peers learn each other's jumbo size, and probes confirm what the path carries.
    warm = pair.call(b"x" * 100_000, security)
    pair.finish(warm)
    pair.trace.clear()
    request = random.Random(2).randbytes(60_000)
    call = pair.call(request, security)
    pair.finish(call)
    assert pair.replies[call] == request * 2
    jumbo = [s for s in pair.packets(DATA) if s.flags & JUMBO_PACKET]
    if level == Level.CRYPT:
        assert jumbo == []
    else:
        assert {s.to_server for s in jumbo} == {True, False}
        assert check_wire(pair, token, level) > len(pair.packets(DATA))


def test_crypt_jumbogram_in_linux_form_is_accepted() -> None:
    """Linux sends full crypt packets as 1408 sealed bytes plus 4 bytes of padding, jumbo-ed.

    The client's first two (non-jumbo) crypt packets are rewritten into that form.
    """
    pair = CorePair()
    request = random.Random(3).randbytes(5000)
    rewritten: list[Sent] = []

    def merge(sent: Sent) -> bytes | None:
        if not sent.to_server or sent.type != DATA or rewritten:
            return sent.data
        if sent.header[3] == 1:
            rewritten.append(sent)
            return None  # held back until seq 2 comes by
        return sent.data

    def combine(sent: Sent) -> bytes | None:
        if rewritten and sent.to_server and sent.type == DATA and sent.header[3] == 2:
            first = rewritten.pop()
            hdr = bytearray(first.data[:HEADER_SIZE])
            hdr[21] |= JUMBO_PACKET
            _e, _c, _n, _seq, _sr, _t, flags, _u, _i, cksum, _sv = sent.header
            body = first.payload + bytes(4) + JUMBO_HEADER.pack(flags, 0, cksum) + sent.payload
            assert len(first.payload) == 1408
            return bytes(hdr) + body
        return merge(sent)

    pair.policy = combine
    call = pair.call(request, RxkadClientSecurity(localauth(), Level.CRYPT))
    pair.finish(call)
    assert pair.replies[call] == request[::-1]
    assert any(s.flags & JUMBO_PACKET for s in pair.packets(DATA, to_server=True))


def test_kerberos5_ticket_with_rxkad_krb5_key() -> None:
    aes_key = bytes(range(32))
    keyring = Keyring([ServerKey(KEY_TYPE_RXKAD, KVNO, 0, KEY),
                       ServerKey(KEY_TYPE_RXKAD_KRB5, 4, 18, aes_key)])
    pair = CorePair(securities=[RxkadServerSecurity(keyring, clock=WallClock())])
    token = rxkad_ticket.forge_localauth_token_k5(aes_key, 4, 18, random_bytes=rand(5))
    assert token.kvno == rxkad.TICKET_TYPE_KERBEROS_V5_ENCPART_ONLY
    call = pair.call(b"k5", RxkadClientSecurity(token, Level.CRYPT))
    pair.finish(call)
    assert pair.replies[call] == b"5k"
    identity = server_conn(pair.accepted[0]).identity
    assert identity is not None
    assert (identity.name, identity.kvno) == ("afs", 213)


def test_single_key_for_any_kvno() -> None:
    """Like the Linux kernel's rxperf server: one key, whatever kvno the ticket names."""
    pair = CorePair(securities=[RxkadServerSecurity(KEY, clock=WallClock())])
    calls = [pair.call(b"kv%d" % kvno, RxkadClientSecurity(
        forge_localauth_token(KEY, kvno, random_bytes=rand(kvno)), Level.AUTH))
        for kvno in (1, 7, 200)]
    pair.finish(*calls)
    assert [pair.replies[c] for c in calls] == [b"1vk", b"7vk", b"002vk"]
    fixed = RxkadServerSecurity(KEY, kvno=7, clock=WallClock())
    assert fixed.keyring.rxkad == {7: KEY}


def test_kae_security_index_3_requires_crypt() -> None:
    pair = CorePair(securities=[RxkadServerSecurity(KEY, kvno=KVNO, clock=WallClock(),
                                                    security_index=3)])
    token = localauth()
    good = pair.call(b"kae", RxkadClientSecurity(token, Level.CRYPT, security_index=3))
    weak = pair.call(b"kae", RxkadClientSecurity(token, Level.CLEAR, security_index=3))
    pair.finish(good, weak)
    assert pair.replies[good] == b"eak"
    assert good.conn.security_index == 3
    assert weak.completion is Completion.LOCALLY_ABORTED
    assert weak.abort_code == AbortCode.RXKADLEVELFAIL


# ------------------------------------------------------------------------------ lost packets


def test_lost_challenge_is_repeated() -> None:
    pair = CorePair()
    dropped: list[float] = []

    def drop_first_challenge(sent: Sent) -> bytes | None:
        if sent.type == CHALLENGE and not dropped:
            dropped.append(sent.t)
            return None
        return sent.data

    pair.policy = drop_first_challenge
    call = pair.call(b"abc", RxkadClientSecurity(localauth(), Level.CRYPT))
    pair.finish(call)
    assert pair.replies[call] == b"cba"
    assert dropped == [0.0]
    # The request is held unacknowledged, so the client resends it (RTO 1 s, then 2 s later);
    # the first resend at least 2 s after the first challenge brings the challenge again.
    [challenge] = pair.packets(CHALLENGE)
    resends = [s.t for s in pair.packets(DATA, to_server=True)]
    assert resends == [0.0, 1.0, 3.0]
    assert challenge.t == 3.0
    assert pair.packets(RESPONSE)[0].t == 3.0


def test_lost_response_is_answered_again() -> None:
    pair = CorePair()
    dropped: list[Sent] = []

    def drop_first_response(sent: Sent) -> bytes | None:
        if sent.type == RESPONSE and not dropped:
            dropped.append(sent)
            return None
        return sent.data

    pair.policy = drop_first_response
    call = pair.call(b"abc", RxkadClientSecurity(localauth(), Level.AUTH))
    pair.finish(call)
    assert pair.replies[call] == b"cba"
    [response] = pair.packets(RESPONSE)
    assert response.payload == dropped[0].payload  # same challenge, same call numbers
    assert [c.t for c in pair.packets(CHALLENGE)] == [0.0, 3.0]


def test_lost_challenge_at_a_server_with_idle_housekeeping() -> None:
    """Even without client resends, housekeeping repeats the challenge within 5 s."""
    pair = CorePair()
    seen: list[float] = []

    def drop_data_resends_and_first_challenge(sent: Sent) -> bytes | None:
        if sent.type == CHALLENGE:
            seen.append(sent.t)
            return None if len(seen) == 1 else sent.data
        if sent.type == DATA and sent.to_server and sent.t > 0:
            return None
        return sent.data

    pair.policy = drop_data_resends_and_first_challenge
    call = pair.call(b"abc", RxkadClientSecurity(localauth(), Level.CLEAR))
    pair.finish(call)
    assert pair.replies[call] == b"cba"
    assert seen[:2] == [0.0, 5.0]


# ------------------------------------------------------------------------- per-call security


def test_per_call_security_uses_separate_connections() -> None:
    pair = CorePair(handler=lambda req: req)
    alice = forge_token(KEY, KVNO, "alice", start=WALL - 60, random_bytes=rand(11))
    bob = forge_token(KEY, KVNO, "bob", start=WALL - 60, random_bytes=rand(12))
    a_crypt = RxkadClientSecurity(alice, Level.CRYPT)
    a_clear = RxkadClientSecurity(alice, Level.CLEAR)
    b_crypt = RxkadClientSecurity(bob, Level.CRYPT)
    calls = [pair.call(b"1", a_crypt), pair.call(b"2", a_clear), pair.call(b"3", b_crypt),
             pair.call(b"4", a_crypt), pair.call(b"5", RXNULL), pair.call(b"6", None)]
    pair.finish(*calls)
    assert [pair.replies[c] for c in calls] == [b"1", b"2", b"3", b"4", b"5", b"6"]
    conns = [c.conn for c in calls]
    # Same token and level: one connection, two channels.  Everything else: its own.
    assert conns[0] is conns[3]
    assert (calls[0].channel, calls[3].channel) == (0, 1)
    assert len({id(c) for c in conns[:5]}) == 4
    assert conns[4] is conns[5]  # rxnull, explicit or by default
    assert [c.security_index for c in conns[:5]] == [2, 2, 2, 2, 0]
    by_request = {pair.requests[c]: c for c in pair.accepted}
    who = {}
    for request, served in by_request.items():
        identity = getattr(served.conn.security, "identity", None)
        who[request] = None if identity is None else (identity.name, identity.level)
    assert who == {
        b"1": ("alice", Level.CRYPT), b"2": ("alice", Level.CLEAR),
        b"3": ("bob", Level.CRYPT), b"4": ("alice", Level.CRYPT), b"5": None, b"6": None,
    }
    # The server challenged each rxkad connection once.
    assert len(pair.packets(CHALLENGE)) == 3


def test_identity_names_key_kvno_and_level() -> None:
    token = localauth()
    same = RxkadClientSecurity(Token(session_key=token.session_key, kvno=token.kvno,
                                     ticket=token.ticket), Level.AUTH)
    base = RxkadClientSecurity(token, Level.AUTH)
    assert base.identity == same.identity
    assert base.identity != base.with_level(Level.CRYPT).identity
    assert base.identity != RxkadClientSecurity(attrs.evolve(token, kvno=4), Level.AUTH).identity
    assert base.identity != RxkadClientSecurity(localauth(seed=2), Level.AUTH).identity
    assert token.session_key.hex() not in repr(base.identity)
    assert "session_key" not in repr(base)


def test_bad_arguments() -> None:
    token = localauth()
    with pytest.raises(ValueError, match="level"):
        RxkadClientSecurity(token, 3)
    with pytest.raises(ValueError, match="security index"):
        RxkadClientSecurity(token, Level.CLEAR, security_index=4)
    with pytest.raises(ValueError, match="8 bytes"):
        RxkadClientSecurity(attrs.evolve(token, session_key=b"short"), Level.CLEAR)
    with pytest.raises(ValueError, match="challenge_version"):
        RxkadServerSecurity(KEY, challenge_version=1)
    with pytest.raises(ValueError, match="8 bytes"):
        RxkadServerSecurity(b"1234")
    with pytest.raises(ValueError, match="keyring"):
        RxkadServerSecurity(Keyring.from_des_key(KEY, 1), kvno=1)
    with pytest.raises(ValueError, match="level"):
        RxkadServerSecurity(KEY, min_level=5)


# -------------------------------------------------------------------------------- levels


def test_server_minimum_level_is_announced_and_the_client_refuses() -> None:
    server_sec = RxkadServerSecurity(KEY, kvno=KVNO, clock=WallClock(), min_level=Level.AUTH)
    pair = CorePair(securities=[server_sec])
    token = localauth()
    low = pair.call(b"low", RxkadClientSecurity(token, Level.CLEAR))
    high = pair.call(b"high", RxkadClientSecurity(token, Level.CRYPT))
    pair.finish(low, high)
    challenge = rxkad_handshake.decode_challenge_untrusted(pair.packets(CHALLENGE)[0].payload)
    assert challenge.min_level == Level.AUTH
    assert (low.completion, low.abort_code) == (Completion.LOCALLY_ABORTED,
                                                AbortCode.RXKADLEVELFAIL)
    assert pair.replies[high] == b"hgih"
    assert [pair.requests[c] for c in pair.accepted] == [b"high"]


def test_server_checks_the_level_in_the_response() -> None:
    """A client that ignores the challenge's minimum gets its connection aborted."""
    server_sec = RxkadServerSecurity(KEY, kvno=KVNO, clock=WallClock(), min_level=Level.CRYPT)
    pair = CorePair(securities=[server_sec])

    def lower_the_bar(sent: Sent) -> bytes | None:
        if sent.type == CHALLENGE:
            return sent.data[:HEADER_SIZE] + rxkad_handshake.encode_challenge(
                attrs.evolve(rxkad_handshake.decode_challenge_untrusted(sent.payload), min_level=0))
        return sent.data

    pair.policy = lower_the_bar
    call = pair.call(b"x", RxkadClientSecurity(localauth(), Level.AUTH))
    pair.finish(call)
    assert (call.completion, call.abort_code) == (Completion.REMOTELY_ABORTED,
                                                  AbortCode.RXKADLEVELFAIL)
    [abort] = pair.packets(ABORT, to_server=False)
    assert abort.call_number == 0  # the whole connection
    assert pair.accepted == []


def test_listener_minimum_level() -> None:
    pair = CorePair(min_level=Level.AUTH)
    token = localauth()
    calls = [pair.call(b"n", None), pair.call(b"c", RxkadClientSecurity(token, Level.CLEAR)),
             pair.call(b"a", RxkadClientSecurity(token, Level.AUTH)),
             pair.call(b"e", RxkadClientSecurity(token, Level.CRYPT))]
    pair.finish(*calls)
    codes = [(c.completion, c.abort_code) for c in calls]
    fail = (Completion.REMOTELY_ABORTED, AbortCode.RXKADLEVELFAIL)
    assert codes[:2] == [fail, fail]
    assert [pair.replies.get(c) for c in calls[2:]] == [b"a", b"e"]
    assert sorted(pair.requests[c] for c in pair.accepted) == [b"a", b"e"]


# --------------------------------------------------------------------------- bad credentials


def expired_token() -> Token:
    return forge_token(KEY, KVNO, "afs", start=WALL - 7200, lifetime=3600, random_bytes=rand(3))


def not_yet_valid_token() -> Token:
    return forge_token(KEY, KVNO, "afs", start=WALL + 3600, lifetime=3600, random_bytes=rand(3))


def wrong_session_key(token: Token) -> Token:
    return attrs.evolve(token, session_key=bytes(b ^ 0x0E for b in token.session_key))


@pytest.mark.parametrize(
    ("make_token", "code"),
    [
        (lambda: forge_localauth_token(bytes.fromhex("fedcba9876543210"), KVNO,
                                       random_bytes=rand(1)), AbortCode.RXKADBADTICKET),
        (lambda: forge_localauth_token(KEY, 9, random_bytes=rand(1)), AbortCode.RXKADUNKNOWNKEY),
        (expired_token, AbortCode.RXKADEXPIRED),
        (not_yet_valid_token, AbortCode.RXKADNOAUTH),
        (lambda: wrong_session_key(localauth()), AbortCode.RXKADSEALEDINCON),
        (lambda: attrs.evolve(localauth(), ticket=localauth().ticket[:16]),
         AbortCode.RXKADTICKETLEN),
    ],
    ids=["wrong-key", "unknown-kvno", "expired", "not-yet-valid", "wrong-session-key",
         "short-ticket"],
)
def test_bad_credentials_abort_the_connection(make_token: Callable[[], Token],
                                              code: int) -> None:
    pair = CorePair()
    call = pair.call(b"x" * 3000, RxkadClientSecurity(make_token(), Level.CRYPT))
    other = pair.call(b"y", RxkadClientSecurity(make_token(), Level.CRYPT))
    pair.finish(call, other)
    assert (call.completion, call.abort_code) == (Completion.REMOTELY_ABORTED, code)
    assert (other.completion, other.abort_code) == (Completion.REMOTELY_ABORTED, code)
    aborts = pair.packets(ABORT, to_server=False)
    assert [(a.call_number, struct.unpack(">i", a.payload)[0]) for a in aborts] == [(0, code)]
    assert pair.accepted == []


def test_bad_server_key_gives_badkey() -> None:
    odd = bytes.fromhex("0123456789abcdee")  # last byte has even parity
    pair = CorePair(securities=[RxkadServerSecurity(odd, kvno=KVNO, clock=WallClock())])
    call = pair.call(b"x", RxkadClientSecurity(localauth(), Level.CLEAR))
    pair.finish(call)
    assert call.abort_code == AbortCode.RXKADBADKEY


def test_ticket_expiry_ends_an_authenticated_connection() -> None:
    pair = CorePair()
    token = forge_token(KEY, KVNO, "afs", start=WALL - 60, lifetime=600, random_bytes=rand(8))
    security = RxkadClientSecurity(token, Level.AUTH)
    first = pair.call(b"before", security)
    pair.finish(first)
    assert pair.replies[first] == b"erofeb"
    pair.clock.t = token.end  # the ticket runs out
    second = pair.call(b"after", security)
    pair.finish(second)
    assert second.conn is first.conn
    assert (second.completion, second.abort_code) == (Completion.REMOTELY_ABORTED,
                                                      AbortCode.RXKADEXPIRED)


# ---------------------------------------------------------------------- tampering and replay


def test_tampered_header_checksum_is_refused() -> None:
    pair = CorePair()

    def corrupt_reply_cksum(sent: Sent) -> bytes | None:
        if sent.type == DATA and not sent.to_server:
            data = bytearray(sent.data)
            data[24] ^= 0x40
            return bytes(data)
        return sent.data

    pair.policy = corrupt_reply_cksum
    call = pair.call(b"x", RxkadClientSecurity(localauth(), Level.CLEAR))
    pair.finish(call)
    assert (call.completion, call.abort_code) == (Completion.LOCALLY_ABORTED,
                                                  AbortCode.RXKADSEALEDINCON)


def test_zero_checksum_after_checksums_were_seen_is_refused() -> None:
    pair = CorePair()
    seen: list[int] = []

    def zero_second_packet(sent: Sent) -> bytes | None:
        if sent.type == DATA and sent.to_server:
            seen.append(sent.header[3])
            if sent.header[3] == 2:
                return sent.data[:24] + b"\0\0" + sent.data[26:]
        return sent.data

    pair.policy = zero_second_packet
    call = pair.call(b"z" * 3000, RxkadClientSecurity(localauth(), Level.CLEAR))
    pair.finish(call)
    assert call.completion is Completion.REMOTELY_ABORTED
    assert call.abort_code == AbortCode.RXKADSEALEDINCON


@pytest.mark.parametrize("level", [Level.AUTH, Level.CRYPT], ids=lambda lv: lv.name)
def test_tampered_sealed_header_is_refused(level: Level) -> None:
    pair = CorePair()

    def corrupt_first_block(sent: Sent) -> bytes | None:
        if sent.type == DATA and sent.to_server:
            data = bytearray(sent.data)
            data[HEADER_SIZE + 1] ^= 0x01
            return bytes(data)
        return sent.data

    pair.policy = corrupt_first_block
    call = pair.call(b"request", RxkadClientSecurity(localauth(), level))
    pair.finish(call)
    assert call.completion is Completion.REMOTELY_ABORTED
    assert call.abort_code == AbortCode.RXKADSEALEDINCON


@pytest.mark.parametrize("challenge_version", [2, 0], ids=["v2", "old"])
def test_response_replayed_on_another_connection(challenge_version: int) -> None:
    """A RESPONSE captured on one connection does not open another one."""
    server_sec = RxkadServerSecurity(KEY, kvno=KVNO, clock=WallClock(),
                                     challenge_version=challenge_version)
    pair = CorePair(securities=[server_sec])
    token = localauth()
    first = pair.call(b"1", RxkadClientSecurity(token, Level.CLEAR))
    pair.finish(first)
    [captured] = pair.packets(RESPONSE)

    def replay(sent: Sent) -> bytes | None:
        if sent.type == RESPONSE:
            return sent.data[:HEADER_SIZE] + captured.payload
        return sent.data

    pair.policy = replay
    second = pair.call(b"2", RxkadClientSecurity(token, Level.CLEAR), exclusive=True)
    pair.finish(second)
    assert second.conn is not first.conn
    expected = AbortCode.RXKADSEALEDINCON if challenge_version else AbortCode.RXKADOUTOFSEQUENCE
    assert (second.completion, second.abort_code) == (Completion.REMOTELY_ABORTED, expected)


def test_replayed_call_into_a_reauthenticated_connection_is_refused() -> None:
    """After a server restart, an attacker replays an old call while the client makes a new
    one; the client's RESPONSE says which calls are current, and the old one is refused."""
    pair = CorePair()
    security = RxkadClientSecurity(localauth(), Level.AUTH)
    rounds = []
    for _ in range(2):
        a, b = pair.call(b"a", security), pair.call(b"b-request", security)
        pair.finish(a, b)
        rounds.append((a, b))
    assert [c.channel for c in rounds[0]] == [0, 1]
    assert [c.call_number for c in rounds[1]] == [2, 2]
    old_b = rounds[0][1]
    [captured] = [s for s in pair.packets(DATA, to_server=True)
                  if s.call_number == 1 and s.header[1] & 3 == 1]

    pair.restart_server()
    injected: list[bool] = []

    def inject_before_the_new_call(sent: Sent) -> bytes | None:
        if not injected and sent.to_server:
            injected.append(True)
            pair.server.receive_datagram(captured.data, CLIENT_ADDR, now=pair.now)
        return sent.data

    pair.policy = inject_before_the_new_call
    pair.accepted.clear()
    pair.requests.clear()
    new = pair.call(b"c", security)
    assert new.conn is old_b.conn
    assert (new.channel, new.call_number) == (0, 3)
    pair.finish(new)
    assert pair.replies[new] == b"c"
    replayed = [c for c in pair.accepted if c.call_number == 1]
    assert replayed, "the replayed call was held and released with the new one"
    assert all(c.completion is Completion.LOCALLY_ABORTED for c in replayed)
    assert all(c.abort_code == AbortCode.RXKADSEALEDINCON for c in replayed)
    assert list(pair.requests.values()) == [b"c"]


def test_client_ignores_a_challenge_for_an_idle_connection() -> None:
    pair = CorePair()
    security = RxkadClientSecurity(localauth(), Level.CLEAR)
    call = pair.call(b"x", security)
    pair.finish(call)
    conn_security = call.conn.security
    assert isinstance(conn_security, RxkadClientConnection)
    assert conn_security.challenges_answered == 1
    [challenge] = pair.packets(CHALLENGE)
    pair.client.receive_datagram(challenge.data, SERVER_ADDR, now=pair.now)
    pair.exchange()
    assert conn_security.challenges_answered == 1
    assert len(pair.packets(RESPONSE)) == 1


# ------------------------------------------------------------------------------- odd corners


def test_unauthenticated_server_connection_refuses_data() -> None:
    server_sec = RxkadServerSecurity(KEY, kvno=KVNO, clock=WallClock())
    conn = server_sec.new_connection(epoch=1, cid=4, now=0.0, random_bytes=bytes(16))
    assert not conn.authenticated
    assert conn.max_data(JUMBO_DATALEN) == 1400  # the level is not known yet: assume crypt
    for attempt in (lambda: conn.secure_packet(1, 0, 1, b"x"),
                    lambda: conn.verify_packet(1, 0, 1, 0, b"x" * 8)):
        with pytest.raises(rxkad.RxkadError) as caught:
            attempt()
        assert caught.value.code == AbortCode.RXKADEXPIRED
    with pytest.raises(rxkad.RxkadError) as caught:
        server_sec.new_connection(epoch=1, cid=4, now=0.0, random_bytes=b"")
    assert caught.value.code == AbortCode.RXKADSEALEDINCON
    assert repr(server_sec) == ("RxkadServerSecurity(keys=1, min_level=CLEAR, "
                                "security_index=2)")


def test_extra_response_after_authentication_is_ignored() -> None:
    pair = CorePair()
    call = pair.call(b"x", RxkadClientSecurity(localauth(), Level.CLEAR))
    pair.finish(call)
    served = server_conn(pair.accepted[0])
    identity = served.identity
    [response] = pair.packets(RESPONSE)
    served.verify_response(b"garbage", now=0.0, call_numbers=(1, 0, 0, 0))
    assert served.authenticated
    assert served.identity is identity
    assert len(response.payload) == 56 + 32


def test_long_challenge_of_another_version_is_answered_in_v2_form() -> None:
    """OpenAFS clients go by the challenge's length, not its version field."""
    pair = CorePair()

    def version_3(sent: Sent) -> bytes | None:
        if sent.type == CHALLENGE:
            return sent.data[:HEADER_SIZE] + struct.pack(">I", 3) + sent.payload[4:]
        return sent.data

    pair.policy = version_3
    call = pair.call(b"v3", RxkadClientSecurity(localauth(), Level.AUTH))
    pair.finish(call)
    assert pair.replies[call] == b"3v"
    assert struct.unpack_from(">I", pair.packets(RESPONSE)[0].payload)[0] == 2


@pytest.mark.parametrize(
    ("rewrite", "code"),
    [(lambda payload: payload[:20], AbortCode.RXKADPACKETSHORT),
     # A DES ticket labelled as Kerberos 5 fails DER decoding (as in OpenAFS's ticket5.c).
     (lambda payload: payload[:48] + struct.pack(">i", 213) + payload[52:],
      AbortCode.RXKADBADTICKET)],
    ids=["short", "kerberos5-kvno"],
)
def test_single_key_server_and_odd_responses(rewrite: Callable[[bytes], bytes],
                                             code: int) -> None:
    pair = CorePair(securities=[RxkadServerSecurity(KEY, clock=WallClock())])

    def mangle(sent: Sent) -> bytes | None:
        if sent.type == RESPONSE:
            return sent.data[:HEADER_SIZE] + rewrite(sent.payload)
        return sent.data

    pair.policy = mangle
    call = pair.call(b"x", RxkadClientSecurity(localauth(), Level.CLEAR))
    pair.finish(call)
    assert (call.completion, call.abort_code) == (Completion.REMOTELY_ABORTED, code)


@pytest.mark.parametrize(("level", "tamper"), [
    (Level.CLEAR, "cksum"), (Level.AUTH, "cksum"), (Level.CRYPT, "cksum"),
    (Level.AUTH, "sealed"), (Level.CRYPT, "sealed"),
])
def test_one_bad_packet_in_a_receive_batch_fails_the_call(level: Level, tamper: str) -> None:
    """A batch is verified as a whole: one bad packet in it aborts the call, and none of the
    request reaches the server's application."""
    pair = CorePair()
    batch_sizes: list[int] = []
    original = RxkadServerConnection._install

    def counting_install(self: RxkadServerConnection, codec: PacketCodec) -> None:
        # The keyed connection's entry point is its codec's method, set on the instance.
        original(self, codec)
        verify = self.verify_packets

        def counting(call_number: int, channel: int,
                     packets: list[tuple[int, int, bytes | memoryview]],
                     ) -> list[bytes | memoryview]:
            batch_sizes.append(len(packets))
            return verify(call_number, channel, packets)

        self.verify_packets = counting  # type: ignore[method-assign]

    def corrupt_packet_20(sent: Sent) -> bytes | None:
        # Clear and auth packets travel in jumbograms: find seq 20 among the sub-packets.
        if sent.type != DATA or not sent.to_server:
            return sent.data
        index = 20 - sent.header[3]
        if not 0 <= index < len(data_subpackets(sent)):
            return sent.data
        data = bytearray(sent.data)
        start = HEADER_SIZE + index * JUMBO_SUBPKTLEN
        if tamper == "sealed":
            data[start + 2] ^= 0x01
        elif index == 0:
            data[24] ^= 0x10  # the Rx header's cksum field
        else:
            data[start - JUMBO_HEADER.size + 2] ^= 0x10  # the jumbo header's cksum field
        return bytes(data)

    pair.policy = corrupt_packet_20
    request = random.Random(20).randbytes(60_000)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(RxkadServerConnection, "_install", counting_install)
        call = pair.call(request, RxkadClientSecurity(localauth(), level))
        pair.finish(call)
    assert (call.completion, call.abort_code) == (Completion.REMOTELY_ABORTED,
                                                  AbortCode.RXKADSEALEDINCON)
    assert max(batch_sizes) > 1  # the bad packet really was checked as part of a batch
    assert pair.requests == {}
    (server_call,) = pair.accepted
    assert server_call.abort_code == AbortCode.RXKADSEALEDINCON
    assert server_call.rx_seq < 20


@pytest.mark.parametrize("level", LEVELS, ids=lambda lv: lv.name)
def test_batch_paths_match_packet_by_packet(level: Level) -> None:
    """secure_packets() and verify_packets() (vectorized) give exactly what secure_packet()
    and verify_packet() give, packet for packet."""
    server_sec = RxkadServerSecurity(Keyring.from_des_key(KEY, KVNO), clock=WallClock())
    pair = CorePair(securities=[server_sec])
    call = pair.call(b"x" * 100, RxkadClientSecurity(localauth(), level))
    pair.finish(call)
    client_side = call.conn.security
    server_side = server_conn(pair.accepted[0])
    rng = random.Random(7)
    datas = [rng.randbytes(rng.choice([0, 1, 7, 8, 1400, 1408])) for _ in range(40)]
    sealed = client_side.secure_packets(call.call_number, call.channel, 5, datas)
    assert sealed == [client_side.secure_packet(call.call_number, call.channel, 5 + i, d)
                      for i, d in enumerate(datas)]
    packets: list[tuple[int, int, bytes | memoryview]] = [
        (5 + i, cksum, wire) for i, (cksum, wire) in enumerate(sealed)]
    batch = server_side.verify_packets(call.call_number, call.channel, packets)
    assert [bytes(b) for b in batch] == datas
    single = [server_side.verify_packet(call.call_number, call.channel, seq, cksum, wire)
              for seq, cksum, wire in packets]
    assert [bytes(b) for b in single] == datas
