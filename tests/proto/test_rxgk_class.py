"""yfs-rxgk connection security end to end through two sans-I/O cores (no trio, no sockets),
driven by :class:`coreharness.CorePair`, plus round trips of the packet protection alone."""

from __future__ import annotations

import json
import random
import struct
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import pytest
from coreharness import (
    ABORT,
    CHALLENGE,
    DATA,
    RESPONSE,
    WALL,
    CorePair,
    Sent,
    WallClock,
    data_subpackets,
    localauth,
    rand,
)
from hypothesis import given, settings, strategies as st

from trio_rxrpc._proto.call import Completion
from trio_rxrpc._proto.codes import RxgkAbortCode
from trio_rxrpc._proto.security import rxgk_handshake, rxgk_wire
from trio_rxrpc._proto.security._enctypes import ENCTYPES, enctype
from trio_rxrpc._proto.security.keyfile import (
    KEY_TYPE_RXGK,
    Keyring,
    ServerKey,
    encode_keyfile_ext,
)
from trio_rxrpc._proto.security.rxgk_class import (
    RxgkClientConnection,
    RxgkIdentity,
    RxgkServerConnection,
)
from trio_rxrpc._proto.security.rxgk_wire import Level
from trio_rxrpc._proto.wire import HEADER_SIZE, JUMBO_DATALEN
from trio_rxrpc.security import (
    Level as RxkadLevel,
    RxgkClientSecurity,
    RxgkServerSecurity,
    RxgkToken,
    RxkadClientSecurity,
    caller_identity,
    forge_rxgk_token,
)

if TYPE_CHECKING:
    from trio_rxrpc._proto.call import CallCore

ENCTYPE_NUMBERS = sorted(ENCTYPES)
LEVELS = list(Level)
KVNO = 1


def server_key(number: int) -> bytes:
    """The key Linux's rxperf server holds for an enctype: 0, 1, 2, ..."""
    return bytes(range(enctype(number).key_size))


def keys_for(*numbers: int) -> dict[tuple[int, int], bytes]:
    return {(KVNO, n): server_key(n) for n in numbers}


def token(number: int = 17, level: int = Level.CRYPT, *, seed: int = 3, key: bytes | None = None,
          kvno: int = KVNO, **options: int) -> RxgkToken:
    return forge_rxgk_token(server_key(number) if key is None else key, number, kvno=kvno,
                            level=level, start=WALL - 60, random_bytes=rand(seed),
                            **options)  # type: ignore[arg-type]


def rxgk_pair(*numbers: int, min_level: int = Level.CLEAR, listener_min_level: int = 0,
              clock: WallClock | None = None) -> CorePair:
    clock = clock or WallClock()
    server = RxgkServerSecurity(keys_for(*(numbers or ENCTYPE_NUMBERS)), min_level=min_level,
                                clock=clock, random_bytes=rand(11))
    pair = CorePair(securities=[server], min_level=listener_min_level)
    pair.clock = clock
    return pair


def client(tok: RxgkToken, pair: CorePair, seed: int = 12) -> RxgkClientSecurity:
    return RxgkClientSecurity(tok, clock=pair.clock, random_bytes=rand(seed))


def server_side(call: CallCore) -> RxgkServerConnection:
    security = call.conn.security
    assert isinstance(security, RxgkServerConnection)
    return security


def all_subpackets(pair: CorePair) -> list[tuple[bool, int, int, bytes]]:
    """(to_server, seq, cksum, payload) of every DATA sub-packet that crossed."""
    return [(s.to_server, seq, cksum, payload) for s in pair.packets(DATA)
            for seq, _flags, cksum, payload in data_subpackets(s)]


# ------------------------------------------------------------------------- the happy paths


@pytest.mark.parametrize("level", LEVELS, ids=lambda lv: lv.name)
@pytest.mark.parametrize("number", ENCTYPE_NUMBERS)
def test_call_at_each_level_and_enctype(number: int, level: Level) -> None:
    pair = rxgk_pair(number)
    tok = token(number, level)
    request = random.Random(number).randbytes(20_000)
    call = pair.call(request, client(tok, pair))
    pair.finish(call)
    assert call.completion is Completion.SUCCEEDED
    assert pair.replies[call] == request[::-1]
    [served] = pair.accepted
    assert pair.requests[served] == request

    # The handshake: a 20-byte nonce, answered with the token as minted, at key number 0.
    [challenge] = pair.packets(CHALLENGE)
    [response] = pair.packets(RESPONSE)
    assert len(challenge.payload) == rxgk_wire.NONCE_LEN
    assert response.header[9] == 0
    assert rxgk_wire.Response.decode_untrusted(response.payload).token == tok.token
    assert {s.header[8] for s in pair.trace} == {rxgk_wire.SECURITY_INDEX_YFS_RXGK}

    identity = caller_identity_of(served)
    assert (identity.level, identity.kvno, identity.enctype) == (level, KVNO, number)
    assert call.conn.security.level == served.conn.security.level == level

    # On the wire: full packets are 1412 bytes at every level; crypt hides the data.
    subpackets = all_subpackets(pair)
    assert {cksum for _to, _seq, cksum, _p in subpackets} == {0}  # key number 0 throughout
    lengths = {len(p) for _to, _seq, _ck, p in subpackets}
    assert max(lengths) == JUMBO_DATALEN
    wire = b"".join(s.payload for s in pair.packets(DATA))
    assert (request[100:132] in wire) == (level != Level.CRYPT)
    checksum = enctype(number).checksum_size
    overhead = {Level.CLEAR: 0, Level.AUTH: checksum, Level.CRYPT: 16 + checksum + 24}[level]
    assert call.conn.security.max_data(JUMBO_DATALEN) == JUMBO_DATALEN - overhead


def caller_identity_of(call: CallCore) -> RxgkIdentity:
    identity = server_side(call).identity
    assert identity is not None
    return identity


def test_connection_is_reused_and_identity_is_public() -> None:
    pair = rxgk_pair(18)
    security = client(token(18, Level.AUTH), pair)
    first = pair.call(b"one", security)
    pair.finish(first)
    second = pair.call(b"two", security)
    pair.finish(second)
    assert pair.replies[second] == b"owt"
    assert first.conn is second.conn
    assert len(pair.packets(CHALLENGE)) == len(pair.packets(RESPONSE)) == 1
    assert caller_identity.__name__ == "caller_identity"


@pytest.mark.parametrize("level", [Level.AUTH, Level.CRYPT], ids=lambda lv: lv.name)
def test_rekeying_by_bytes_both_ways(level: Level) -> None:
    """A token with a 4 KiB byte life: both sides move to new key numbers as the bytes pass,
    and the receivers follow."""
    pair = rxgk_pair(19)
    tok = token(19, level, rekey_after_bytes_log2=12)
    request = random.Random(5).randbytes(100_000)
    call = pair.call(request, client(tok, pair))
    pair.finish(call)
    assert pair.replies[call] == request[::-1]
    numbers = {to: [ck for t, _seq, ck, _p in all_subpackets(pair) if t == to]
               for to in (True, False)}
    for seen in numbers.values():
        assert seen == sorted(seen) or max(seen) > 10
        assert max(seen) >= 10  # 100 kB at 4 KiB per key
    security = call.conn.security
    assert isinstance(security, RxgkClientConnection)
    assert security.key_number >= 20


def test_rekeying_by_time() -> None:
    pair = rxgk_pair(17)
    tok = token(17, Level.AUTH, rekey_after_seconds=30)
    security = client(tok, pair)
    first = pair.call(b"a" * 3000, security)
    pair.finish(first)
    pair.clock.t += 31
    second = pair.call(b"b" * 3000, security)
    pair.finish(second)
    assert pair.replies[second] == b"b" * 3000
    keys = [ck for to, _seq, ck, _p in all_subpackets(pair) if to]
    assert keys[0] == 0
    assert keys[-1] == 1


# --------------------------------------------------------------------------- bad credentials


def wrong_key_token() -> RxgkToken:
    return token(17, key=bytes(16))


def unknown_kvno_token() -> RxgkToken:
    return token(17, kvno=9)


def wrong_k0_token() -> RxgkToken:
    return attrs.evolve(token(17), key=bytes(16))


@pytest.mark.parametrize(
    ("make_token", "code"),
    [
        (wrong_key_token, RxgkAbortCode.RXGK_SEALEDINCON),
        (unknown_kvno_token, RxgkAbortCode.RXGK_NOTAUTH),
        (wrong_k0_token, RxgkAbortCode.RXGK_SEALEDINCON),
        (lambda: token(17, Level.AUTH), RxgkAbortCode.RXGK_BADLEVEL),
    ],
    ids=["wrong-server-key", "unknown-kvno", "wrong-k0", "level-below-minimum"],
)
def test_bad_credentials_abort_the_connection(make_token: object, code: int) -> None:
    assert callable(make_token)
    pair = rxgk_pair(17, min_level=Level.CRYPT)
    tok = make_token()
    assert isinstance(tok, RxgkToken)
    call = pair.call(b"x" * 3000, client(tok, pair))
    pair.finish(call)
    assert (call.completion, call.abort_code) == (Completion.REMOTELY_ABORTED, code)
    aborts = pair.packets(ABORT, to_server=False)
    assert [(a.call_number, struct.unpack(">i", a.payload)[0]) for a in aborts] == [(0, code)]
    assert pair.accepted == []
    assert pair.requests == {}


def test_expired_token() -> None:
    """The server refuses a token past its expiration time; a client holding one does not
    even answer the challenge."""
    clock = WallClock()
    pair = rxgk_pair(17, clock=clock)
    tok = forge_rxgk_token(server_key(17), 17, start=WALL - 7200, lifetime=3600,
                           random_bytes=rand(4))
    stale_client = RxgkClientSecurity(tok, clock=WallClock(WALL - 3700), random_bytes=rand(5))
    call = pair.call(b"x", stale_client)
    pair.finish(call)
    assert (call.completion, call.abort_code) == (Completion.REMOTELY_ABORTED,
                                                  RxgkAbortCode.RXGK_EXPIRED)
    assert pair.accepted == []
    honest = pair.call(b"y", client(tok, pair))
    pair.finish(honest)
    assert honest.abort_code == RxgkAbortCode.RXGK_EXPIRED
    assert not pair.packets(RESPONSE, to_server=True)[1:]  # only the stale client answered


def test_expiry_ends_an_authenticated_connection() -> None:
    pair = rxgk_pair(17)
    tok = forge_rxgk_token(server_key(17), 17, start=WALL - 60, lifetime=600,
                           random_bytes=rand(4))
    security = client(tok, pair)
    first = pair.call(b"before", security)
    pair.finish(first)
    pair.clock.t = WALL + 600
    second = pair.call(b"after", RxgkClientSecurity(tok, clock=WallClock(),
                                                   random_bytes=rand(6)))
    pair.finish(second)
    assert second.conn is first.conn
    assert (second.completion, second.abort_code) == (Completion.REMOTELY_ABORTED,
                                                      RxgkAbortCode.RXGK_EXPIRED)


def test_listener_minimum_level_uses_rxgk_code() -> None:
    pair = rxgk_pair(17, listener_min_level=Level.CRYPT)
    low = pair.call(b"low", client(token(17, Level.AUTH), pair))
    high = pair.call(b"high", client(token(17, Level.CRYPT, seed=4), pair))
    pair.finish(low, high)
    assert (low.completion, low.abort_code) == (Completion.REMOTELY_ABORTED,
                                                RxgkAbortCode.RXGK_BADLEVEL)
    assert pair.replies[high] == b"hgih"
    assert [pair.requests[c] for c in pair.accepted] == [b"high"]


def test_client_level_must_be_the_tokens() -> None:
    tok = token(17, Level.AUTH)
    with pytest.raises(ValueError, match="level"):
        RxgkClientSecurity(tok, Level.CRYPT)
    assert RxgkClientSecurity(tok, Level.AUTH).level == Level.AUTH
    with pytest.raises(ValueError, match="enctype"):
        RxgkServerSecurity({(1, 99): b"x"})
    with pytest.raises(ValueError, match="bytes"):
        RxgkServerSecurity({(1, 17): b"x"})


# ---------------------------------------------------------------------- tampering


@pytest.mark.parametrize(("level", "where", "code"), [
    (Level.AUTH, "payload", RxgkAbortCode.RXGK_SEALEDINCON),
    (Level.CRYPT, "payload", RxgkAbortCode.RXGK_SEALEDINCON),
    (Level.CLEAR, "keyno", RxgkAbortCode.RXGK_BADKEYNO),
    (Level.CRYPT, "keyno", RxgkAbortCode.RXGK_BADKEYNO),
    (Level.CRYPT, "cut", RxgkAbortCode.RXGK_PACKETSHORT),
], ids=lambda v: getattr(v, "name", str(v)))
def test_tampered_packet_is_refused_and_nothing_is_delivered(level: Level, where: str,
                                                             code: int) -> None:
    pair = rxgk_pair(20)

    def tamper(sent: Sent) -> bytes | None:
        if sent.type != DATA or not sent.to_server or sent.header[3] != 3:
            return sent.data
        data = bytearray(sent.data)
        if where == "payload":
            data[HEADER_SIZE + 40] ^= 0x01
        elif where == "keyno":
            data[24:26] = struct.pack(">H", 5)
        else:
            del data[HEADER_SIZE + 20:]
        return bytes(data)

    pair.policy = tamper
    request = random.Random(9).randbytes(30_000)
    call = pair.call(request, client(token(20, level), pair))
    pair.finish(call)
    assert (call.completion, call.abort_code) == (Completion.REMOTELY_ABORTED, code)
    assert pair.requests == {}
    for served in pair.accepted:
        assert served.abort_code == code
        assert served.rx_seq < 3


def test_tampered_reply_is_refused_by_the_client() -> None:
    pair = rxgk_pair(25)

    def tamper(sent: Sent) -> bytes | None:
        if sent.type == DATA and not sent.to_server:
            data = bytearray(sent.data)
            data[-1] ^= 0x80
            return bytes(data)
        return sent.data

    pair.policy = tamper
    call = pair.call(b"request", client(token(25, Level.CRYPT), pair))
    pair.finish(call)
    assert (call.completion, call.abort_code) == (Completion.LOCALLY_ABORTED,
                                                  RxgkAbortCode.RXGK_SEALEDINCON)
    assert call not in pair.replies


def test_response_replayed_on_another_connection_is_refused() -> None:
    pair = rxgk_pair(17)
    tok = token(17, Level.AUTH)
    first = pair.call(b"1", client(tok, pair))
    pair.finish(first)
    [captured] = pair.packets(RESPONSE)

    def replay(sent: Sent) -> bytes | None:
        if sent.type == RESPONSE:
            return sent.data[:HEADER_SIZE] + captured.payload
        return sent.data

    pair.policy = replay
    second = pair.call(b"2", client(tok, pair), exclusive=True)
    pair.finish(second)
    # The authenticator was sealed with the first connection's transport key (its cid is
    # in the key's seed), so it does not even open here.
    assert second.abort_code == RxgkAbortCode.RXGK_SEALEDINCON
    assert [pair.requests[c] for c in pair.accepted] == [b"1"]


def test_authenticator_for_another_challenge_or_level_is_refused() -> None:
    clock = WallClock()
    tok = token(17, Level.AUTH)
    client_conn = RxgkClientSecurity(tok, clock=clock, random_bytes=rand(1)).new_connection(
        epoch=5, cid=0x40, now=0.0)
    server = RxgkServerSecurity(keys_for(17), clock=clock, random_bytes=rand(2))
    old = server.new_connection(epoch=5, cid=0x40, now=0.0, random_bytes=bytes(16))
    new = server.new_connection(epoch=5, cid=0x40, now=0.0, random_bytes=bytes(16))
    body = client_conn.respond_to_challenge(old.issue_challenge(), now=0.0,
                                            call_numbers=(3, 0, 0, 0))
    with pytest.raises(rxgk_handshake.RxgkError) as info:
        new.verify_response(body, now=0.0, call_numbers=(0, 0, 0, 0))  # another nonce
    assert info.value.code == RxgkAbortCode.RXGK_NOTAUTH
    with pytest.raises(rxgk_handshake.RxgkError) as info:
        old.verify_response(body, now=0.0, call_numbers=(4, 0, 0, 0))  # calls went back
    assert info.value.code == RxgkAbortCode.RXGK_NOTAUTH
    forged = attrs.evolve(tok, level=Level.CRYPT)  # claims crypt; the token says auth
    lying = RxgkClientSecurity(forged, clock=clock, random_bytes=rand(1)).new_connection(
        epoch=5, cid=0x40, now=0.0)
    body = lying.respond_to_challenge(old.issue_challenge(), now=0.0,
                                      call_numbers=(3, 0, 0, 0))
    with pytest.raises(rxgk_handshake.RxgkError) as info:
        old.verify_response(body, now=0.0, call_numbers=(3, 0, 0, 0))
    assert info.value.code == RxgkAbortCode.RXGK_NOTAUTH
    assert not old.authenticated


@pytest.mark.parametrize("mangle", ["short", "misaligned", "token"])
def test_malformed_responses(mangle: str) -> None:
    clock = WallClock()
    client_conn = RxgkClientSecurity(token(17), clock=clock, random_bytes=rand(1)
                                     ).new_connection(epoch=5, cid=0x40, now=0.0)
    server = RxgkServerSecurity(keys_for(17), clock=clock, random_bytes=rand(2))
    conn = server.new_connection(epoch=5, cid=0x40, now=0.0, random_bytes=bytes(16))
    body = client_conn.respond_to_challenge(conn.issue_challenge(), now=0.0,
                                            call_numbers=(1, 0, 0, 0))
    response = rxgk_wire.Response.decode_untrusted(body)
    if mangle == "short":
        body, code = body[:30], RxgkAbortCode.RXGK_PACKETSHORT
    elif mangle == "misaligned":
        body = body[:-len(response.sealed_authenticator) - 4] + struct.pack(
            ">I", len(response.sealed_authenticator) - 1) + response.sealed_authenticator
        code = RxgkAbortCode.RXGK_INCONSISTENCY
    else:
        body = attrs.evolve(response, token=response.token[:9]).encode()
        code = RxgkAbortCode.RXGK_PACKETSHORT
    with pytest.raises(rxgk_handshake.RxgkError) as info:
        conn.verify_response(body, now=0.0, call_numbers=(0, 0, 0, 0))
    assert info.value.code == code


def test_the_kernels_recorded_challenge_is_answered() -> None:
    """The CHALLENGE Linux 7.3's rxperf server sent: our answer carries its nonce, sealed
    with the transport key of that connection, and the kernel's server key would open it."""
    recorded = json.loads((Path(__file__).parent.parent / "data" / "linux"
                           / "rxgk-challenge.json").read_text())
    packet = bytes.fromhex(recorded["challenge"])
    epoch, cid = struct.unpack_from(">II", packet)
    clock = WallClock()
    tok = token(17, Level.CRYPT)
    conn = RxgkClientSecurity(tok, clock=clock, random_bytes=rand(1)).new_connection(
        epoch=epoch, cid=cid, now=0.0)
    body = conn.respond_to_challenge(packet[HEADER_SIZE:], now=0.0, call_numbers=(1, 0, 0, 0))
    response = rxgk_wire.Response.decode_untrusted(body)
    assert response.token == tok.token
    etype = enctype(17)
    tk = rxgk_handshake.derive_transport_key(etype, tok.key, epoch=epoch, cid=cid,
                                             start_time=response.start_time, key_number=0)
    plain = etype.decrypt(etype.derive(tk, rxgk_wire.KEY_USAGE_CLIENT_ENC_RESPONSE),
                          response.sealed_authenticator)
    auth = rxgk_wire.Authenticator.decode_untrusted(plain)
    assert auth.nonce == packet[HEADER_SIZE:HEADER_SIZE + rxgk_wire.NONCE_LEN]
    assert (auth.level, auth.epoch, auth.cid, auth.call_numbers) == (
        Level.CRYPT, epoch, cid & ~3, (1, 0, 0, 0))
    # What the kernel does with it, done by our server with the rxperf server's key.
    verified = rxgk_handshake.verify_response(
        body, keys=keys_for(17), nonce=auth.nonce, epoch=epoch, cid=cid,
        min_level=Level.CLEAR, call_floor=(1, 0, 0, 0), unix_now=WALL)
    assert verified.level == Level.CRYPT
    assert verified.transport_key == tk


# ------------------------------------------------------------- packet protection alone


def connected(number: int, level: Level, *,
              bytelife: int = 0) -> tuple[RxgkClientConnection, RxgkServerConnection]:
    """A client and a server connection object that completed the handshake."""
    clock = WallClock()
    tok = token(number, level, rekey_after_bytes_log2=bytelife)
    client_conn = RxgkClientSecurity(tok, clock=clock, random_bytes=rand(1)).new_connection(
        epoch=0x12345678, cid=0x40, now=0.0)
    server = RxgkServerSecurity(keys_for(number), clock=clock, random_bytes=rand(2))
    server_conn = server.new_connection(epoch=0x12345678, cid=0x40, now=0.0,
                                        random_bytes=bytes(16))
    body = client_conn.respond_to_challenge(server_conn.issue_challenge(), now=0.0,
                                            call_numbers=(1, 0, 0, 0))
    server_conn.verify_response(body, now=0.0, call_numbers=(1, 0, 0, 0))
    assert server_conn.authenticated
    return client_conn, server_conn


@settings(max_examples=30, deadline=None)
@given(number=st.sampled_from(ENCTYPE_NUMBERS), level=st.sampled_from(LEVELS),
       datas=st.lists(st.binary(max_size=1400), min_size=1, max_size=6),
       channel=st.integers(0, 3), first_seq=st.integers(1, 1000), bytelife=st.sampled_from([0, 11]))
def test_sealing_round_trips(number: int, level: Level, datas: list[bytes], channel: int,
                             first_seq: int, bytelife: int) -> None:
    client_conn, server_conn = connected(number, level, bytelife=bytelife)
    datas = [d[:client_conn.max_data(JUMBO_DATALEN)] for d in datas]
    secured = client_conn.secure_packets(7, channel, first_seq, datas)
    assert all(len(p) <= JUMBO_DATALEN for _ck, p in secured)
    packets: list[tuple[int, int, bytes | memoryview]] = [
        (first_seq + i, ck, p) for i, (ck, p) in enumerate(secured)]
    assert [bytes(d) for d in server_conn.verify_packets(7, channel, packets)] == datas
    # And one by one, the other way.
    for i, data in enumerate(datas):
        cksum, payload = server_conn.secure_packet(7, channel, first_seq + i, data)
        assert bytes(client_conn.verify_packet(
            7, channel, first_seq + i, cksum, payload)) == data


@pytest.mark.parametrize("number", ENCTYPE_NUMBERS)
def test_a_packet_for_another_seq_or_call_is_refused(number: int) -> None:
    client_conn, server_conn = connected(number, Level.CRYPT)
    [(cksum, payload)] = client_conn.secure_packets(7, 0, 1, [b"hello"])
    for call_number, seq in ((7, 2), (8, 1)):
        with pytest.raises(rxgk_handshake.RxgkError) as info:
            server_conn.verify_packet(call_number, 0, seq, cksum, payload)
        assert info.value.code == RxgkAbortCode.RXGK_SEALEDINCON
    assert bytes(server_conn.verify_packet(7, 0, 1, cksum, payload)) == b"hello"


@pytest.mark.parametrize(("client_prf", "server_prf"), [
    ("linux", "linux"), ("rfc6803", "rfc6803"), ("linux", "rfc6803")])
def test_camellia256_prf_variants(client_prf: str, server_prf: str) -> None:
    """Linux's enctype-26 PRF gives other transport keys than RFC 6803's: both ends must agree
    (other enctypes ignore the setting)."""
    clock = WallClock()
    server = RxgkServerSecurity(keys_for(26, 17), clock=clock, random_bytes=rand(11),
                                camellia256_prf=server_prf)
    pair = CorePair(securities=[server])
    pair.clock = clock
    calls = [pair.call(b"x" * 2000, RxgkClientSecurity(
        token(number, Level.CRYPT), clock=clock, random_bytes=rand(12),
        camellia256_prf=client_prf)) for number in (26, 17)]
    pair.finish(*calls)
    assert pair.replies[calls[1]] == b"x" * 2000
    if client_prf == server_prf:
        assert pair.replies[calls[0]] == b"x" * 2000
    else:
        assert calls[0].abort_code == RxgkAbortCode.RXGK_SEALEDINCON
    etype = enctype(26)
    keys = {variant: rxgk_handshake.derive_transport_key(
        etype, bytes(32), epoch=1, cid=4, start_time=5, key_number=0, camellia256_prf=variant)
        for variant in ("linux", "rfc6803")}
    assert keys["linux"] != keys["rfc6803"]
    with pytest.raises(ValueError, match="camellia256_prf"):
        RxgkClientSecurity(token(26), camellia256_prf="mit")


def test_server_keys_from_a_keyfile_ext_beside_rxkad() -> None:
    """One listener offers rxkad and rxgk, the rxgk keys coming from a ``KeyFileExt``."""
    clock = WallClock()
    ext = encode_keyfile_ext([ServerKey(KEY_TYPE_RXGK, 4, 18, server_key(18)),
                              ServerKey(KEY_TYPE_RXGK, 5, 25, server_key(25))])
    keyring = Keyring.from_files(keyfile_ext=ext)
    rxgk_server = RxgkServerSecurity(keyring, clock=clock, random_bytes=rand(1))
    assert sorted(rxgk_server.keys) == [(4, 18), (5, 25)]
    pair = CorePair(securities=[CorePair().securities[0], rxgk_server])
    pair.clock = clock
    calls = [pair.call(b"18", client(token(18, kvno=4), pair)),
             pair.call(b"25", client(token(25, Level.AUTH, kvno=5), pair)),
             pair.call(b"kad", RxkadClientSecurity(localauth(), RxkadLevel.CRYPT))]
    pair.finish(*calls)
    assert [pair.replies[c] for c in calls] == [b"81", b"52", b"dak"]
    assert {c.conn.security_index for c in calls} == {2, 6}


@pytest.mark.parametrize(("inner_enctype", "level", "code"), [
    (99, 0, rxgk_wire.KRB5_PROG_KEYTYPE_NOSUPP),
    (17, 7, RxgkAbortCode.RXGK_NOTAUTH),
], ids=["unknown-k0-enctype", "unknown-level"])
def test_tokens_the_server_cannot_use(inner_enctype: int, level: int, code: int) -> None:
    """Tokens that open but name an enctype or level the server does not have."""
    sealer = enctype(17)
    plain = rxgk_wire.Token(inner_enctype, bytes(16), level, 0, 0, 0).encode()
    sealed = sealer.encrypt(sealer.derive(server_key(17), rxgk_wire.KEY_USAGE_SERVER_ENC_TOKEN),
                            plain, bytes(16))
    container = rxgk_wire.TokenContainer(KVNO, 17, sealed).encode()
    body = rxgk_wire.Response(0, container, bytes(rxgk_wire.MIN_SEALED_AUTHENTICATOR)).encode()
    with pytest.raises(rxgk_handshake.RxgkError) as info:
        rxgk_handshake.verify_response(body, keys=keys_for(17), nonce=bytes(20), epoch=1,
                                       cid=4, min_level=0, call_floor=(0, 0, 0, 0),
                                       unix_now=WALL)
    assert info.value.code == code


@settings(max_examples=40, deadline=None)
@given(number=st.sampled_from(ENCTYPE_NUMBERS), level=st.sampled_from([Level.AUTH, Level.CRYPT]),
       data=st.binary(min_size=1, max_size=300), where=st.integers(0, 10_000),
       bit=st.integers(0, 7))
def test_any_flipped_bit_is_refused(number: int, level: Level, data: bytes, where: int,
                                    bit: int) -> None:
    client_conn, server_conn = connected(number, level)
    [(cksum, payload)] = client_conn.secure_packets(3, 1, 9, [data])
    changed = bytearray(payload)
    changed[where % len(changed)] ^= 1 << bit
    with pytest.raises(rxgk_handshake.RxgkError) as info:
        server_conn.verify_packet(3, 1, 9, cksum, bytes(changed))
    assert info.value.code == RxgkAbortCode.RXGK_SEALEDINCON
