"""rxkad through the trio layer: the simulated network (mock clock) and real loopback UDP."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

import pytest
import trio
import trio.testing

import trio_rxrpc as rx
from trio_rxrpc._proto.security.keyfile import (
    KEY_TYPE_RXKAD_KRB5,
    ServerKey,
    encode_keyfile,
    encode_keyfile_ext,
)
from trio_rxrpc.security import (
    RXNULL,
    Keyring,
    Level,
    RxkadClientSecurity,
    RxkadServerSecurity,
    caller_identity,
    forge_localauth_token,
    forge_token,
    load_keyring,
    localauth_token,
)
from trio_rxrpc.testing import SimulatedNetwork

if TYPE_CHECKING:
    from pathlib import Path

    from trio_rxrpc.security import ServerSecurity

SERVICE = 4321
KEY = bytes.fromhex("0123456789abcdef")
KVNO = 3
WALL = 1_750_000_000
SERVER = ("10.0.0.1", 7000)

Handler = Callable[[rx.Call], Awaitable[None]]


def mock_wall_clock() -> float:
    """Unix time that moves with trio's (mock) clock."""
    return WALL + trio.current_time()


def rand(seed: int) -> Callable[[int], bytes]:
    return random.Random(seed).randbytes


async def whoami(call: rx.Call) -> None:
    """Echo the request, prefixed with who the caller is and at which level."""
    request = await call.receive_all()
    identity = caller_identity(call)
    who = b"anonymous" if identity is None else (
        f"{identity.principal}/{identity.level.name}".encode())
    await call.send_all(who + b":" + request)
    await call.send_eof()


@asynccontextmanager
async def server(
    *, network: SimulatedNetwork | None, address: tuple[str, int] = SERVER,
    security: list[ServerSecurity] | None = None, min_level: int = 0, handler: Handler = whoami,
) -> AsyncIterator[rx.Endpoint]:
    if security is None:
        security = [RxkadServerSecurity(Keyring.from_des_key(KEY, KVNO), clock=mock_wall_clock)]
    async with rx.open_endpoint(address, network=network, rng=random.Random(1)) as ep:
        sock = ep.socket()
        sock.listen([SERVICE], backlog=32, security=security, min_level=min_level)

        async def run(call: rx.Call) -> None:
            try:
                async with call:
                    await handler(call)
            except rx.CallError:
                pass

        async with trio.open_nursery() as nursery:

            async def serve() -> None:
                while True:
                    nursery.start_soon(run, await sock.accept())

            nursery.start_soon(serve)
            yield ep
            nursery.cancel_scope.cancel()


async def ask(sock: rx.BoundSocket, address: tuple[str, int], request: bytes,
              **options: object) -> bytes:
    async with sock.call(address, SERVICE, **options) as call:  # type: ignore[arg-type]
        await call.send_all(request)
        await call.send_eof()
        return await call.receive_all()


@pytest.mark.parametrize("level", list(Level), ids=lambda lv: lv.name)
async def test_lossy_network_at_each_level(level: Level,
                                           autojump_clock: trio.testing.MockClock) -> None:
    net = SimulatedNetwork(seed=int(level) + 1, loss=0.1, duplicate=0.02, reorder=0.05,
                           delay=0.003)
    security = RxkadClientSecurity(forge_localauth_token(KEY, KVNO, random_bytes=rand(1)), level)
    with trio.fail_after(300):
        async with server(network=net), rx.open_endpoint(
                ("10.0.0.2", 0), network=net, rng=random.Random(2)) as cep:
            sock = cep.socket()
            payloads = [random.Random(n).randbytes(n) for n in (0, 1, 1400, 1412, 30_000)]
            for payload in payloads:
                reply = await ask(sock, SERVER, payload, security=security)
                assert reply == b"afs/" + level.name.encode() + b":" + payload
            assert net.statistics().dropped > 0
            [conn] = cep._core.client_conns.values()
            assert conn.security.level == level


async def test_concurrent_calls_with_different_keys_and_levels(
        autojump_clock: trio.testing.MockClock) -> None:
    net = SimulatedNetwork(seed=5, delay=0.01)
    alice = forge_token(KEY, KVNO, "alice", start=WALL - 60, random_bytes=rand(3))
    bob = forge_token(KEY, KVNO, "bob", instance="admin", realm="TEST.EXAMPLE",
                      start=WALL - 60, random_bytes=rand(4))
    choices: list[tuple[object, bytes]] = [
        (RxkadClientSecurity(alice, Level.CRYPT), b"alice/CRYPT"),
        (RxkadClientSecurity(alice, Level.CLEAR), b"alice/CLEAR"),
        (RxkadClientSecurity(bob, Level.AUTH), b"bob.admin@TEST.EXAMPLE/AUTH"),
        (RXNULL, b"anonymous"),
    ]
    results: dict[int, bytes] = {}
    with trio.fail_after(60):
        async with server(network=net), rx.open_endpoint(
                ("10.0.0.2", 0), network=net, rng=random.Random(2)) as cep:
            sock = cep.socket()
            gate = trio.Event()

            async def one(i: int) -> None:
                security, _ = choices[i % len(choices)]
                async with sock.call(SERVER, SERVICE, security=security) as call:  # type: ignore[arg-type]
                    await call.send_all(b"#%d" % i)
                    await gate.wait()  # every call is open at once
                    await call.send_eof()
                    results[i] = await call.receive_all()

            async with trio.open_nursery() as nursery:
                for i in range(8):
                    nursery.start_soon(one, i)
                await trio.sleep(1)
                # Eight calls, four securities: four connections, two calls on each.
                conns = list(cep._core.client_conns.values())
                assert len(conns) == 4
                assert sorted(len(c.live_calls()) for c in conns) == [2, 2, 2, 2]
                gate.set()
    for i, reply in results.items():
        assert reply == choices[i % len(choices)][1] + b":#%d" % i
    assert len(results) == 8


async def test_default_security_of_a_socket(autojump_clock: trio.testing.MockClock) -> None:
    net = SimulatedNetwork(seed=6)
    token = forge_localauth_token(KEY, KVNO, random_bytes=rand(5))
    with trio.fail_after(60):
        async with server(network=net), rx.open_endpoint(
                ("10.0.0.2", 0), network=net) as cep:
            sock = cep.socket()
            sock.default_security = RxkadClientSecurity(token, Level.AUTH)
            assert await ask(sock, SERVER, b"x") == b"afs/AUTH:x"
            assert await ask(sock, SERVER, b"y", security=RXNULL) == b"anonymous:y"


async def test_minimum_level_of_a_listener(autojump_clock: trio.testing.MockClock) -> None:
    net = SimulatedNetwork(seed=7)
    token = forge_localauth_token(KEY, KVNO, random_bytes=rand(6))
    with trio.fail_after(60):
        async with server(network=net, min_level=Level.AUTH), rx.open_endpoint(
                ("10.0.0.2", 0), network=net) as cep:
            sock = cep.socket()
            for security in (None, RxkadClientSecurity(token, Level.CLEAR)):
                with pytest.raises(rx.RemoteAbort) as caught:
                    await ask(sock, SERVER, b"x", security=security)
                assert caught.value.abort_code == rx.AbortCode.RXKADLEVELFAIL
            for level in (Level.AUTH, Level.CRYPT):
                reply = await ask(sock, SERVER, b"x", security=RxkadClientSecurity(token, level))
                assert reply == b"afs/" + level.name.encode() + b":x"


async def test_server_security_minimum_level_fails_the_client_locally(
        autojump_clock: trio.testing.MockClock) -> None:
    net = SimulatedNetwork(seed=8)
    strict = RxkadServerSecurity(KEY, kvno=KVNO, clock=mock_wall_clock, min_level=Level.CRYPT)
    token = forge_localauth_token(KEY, KVNO, random_bytes=rand(7))
    with trio.fail_after(60):
        async with server(network=net, security=[strict]), rx.open_endpoint(
                ("10.0.0.2", 0), network=net) as cep:
            with pytest.raises(rx.LocalAbort) as caught:
                await ask(cep.socket(), SERVER, b"x",
                          security=RxkadClientSecurity(token, Level.AUTH))
            assert caught.value.abort_code == rx.AbortCode.RXKADLEVELFAIL


@pytest.mark.parametrize(
    ("token_args", "code"),
    [
        ({"key": bytes.fromhex("fedcba9876543210")}, rx.AbortCode.RXKADBADTICKET),
        ({"kvno": 99}, rx.AbortCode.RXKADUNKNOWNKEY),
        ({"start": WALL - 7200, "lifetime": 3600}, rx.AbortCode.RXKADEXPIRED),
    ],
    ids=["wrong-key", "unknown-kvno", "expired"],
)
async def test_bad_tokens(token_args: dict[str, int | bytes], code: int,
                          autojump_clock: trio.testing.MockClock) -> None:
    net = SimulatedNetwork(seed=9)
    key = token_args.get("key", KEY)
    kvno = token_args.get("kvno", KVNO)
    assert isinstance(key, bytes)
    assert isinstance(kvno, int)
    start = token_args.get("start", WALL - 60)
    lifetime = token_args.get("lifetime", 3600)
    assert isinstance(start, int)
    assert isinstance(lifetime, int)
    token = forge_token(key, kvno, "afs", start=start, lifetime=lifetime, random_bytes=rand(8))
    with trio.fail_after(60):
        async with server(network=net), rx.open_endpoint(("10.0.0.2", 0), network=net) as cep:
            with pytest.raises(rx.RemoteAbort) as caught:
                await ask(cep.socket(), SERVER, b"x",
                          security=RxkadClientSecurity(token, Level.CRYPT))
            assert caught.value.abort_code == code
            assert rx.abort_code_name(code) in str(caught.value)


async def test_ticket_expires_during_the_connection(
        autojump_clock: trio.testing.MockClock) -> None:
    net = SimulatedNetwork(seed=10)
    token = forge_token(KEY, KVNO, "afs", start=WALL - 60, lifetime=600, random_bytes=rand(9))
    security = RxkadClientSecurity(token, Level.CLEAR)
    with trio.fail_after(3600):
        async with server(network=net), rx.open_endpoint(("10.0.0.2", 0), network=net) as cep:
            sock = cep.socket()
            assert await ask(sock, SERVER, b"now") == b"anonymous:now"
            assert await ask(sock, SERVER, b"now", security=security) == b"afs/CLEAR:now"
            await trio.sleep(token.end - WALL)
            with pytest.raises(rx.RemoteAbort) as caught:
                await ask(sock, SERVER, b"later", security=security)
            assert caught.value.abort_code == rx.AbortCode.RXKADEXPIRED


async def test_keyfile_and_localauth_token(tmp_path: Path,
                                           autojump_clock: trio.testing.MockClock) -> None:
    """A server configured from KeyFile/KeyFileExt; clients forge -localauth tokens from it."""
    aes = bytes(range(32))
    (tmp_path / "KeyFile").write_bytes(encode_keyfile({1: bytes.fromhex("0123456789abcdef"),
                                                       KVNO: KEY}))
    keyring = load_keyring(tmp_path)
    assert sorted(keyring.rxkad) == [1, KVNO]
    assert load_keyring(tmp_path / "KeyFile") == keyring
    des_token = localauth_token(keyring, random_bytes=rand(10))
    assert des_token.kvno == KVNO  # the newest DES key, as OpenAFS picks it
    (tmp_path / "KeyFileExt").write_bytes(
        encode_keyfile_ext([ServerKey(KEY_TYPE_RXKAD_KRB5, 5, 18, aes)]))
    keyring = load_keyring(tmp_path)
    assert load_keyring(tmp_path / "KeyFileExt").rxkad_krb5 == {(5, 18): aes}
    k5_token = localauth_token(keyring, random_bytes=rand(11))
    assert k5_token.kvno == 213  # a Kerberos 5 ticket once an rxkad-krb5 key exists
    net = SimulatedNetwork(seed=11)
    with trio.fail_after(60):
        async with server(network=net, security=[RxkadServerSecurity(keyring)]), \
                rx.open_endpoint(("10.0.0.2", 0), network=net) as cep:
            sock = cep.socket()
            for token in (des_token, k5_token):
                reply = await ask(sock, SERVER, b"k", security=RxkadClientSecurity(token))
                assert reply == b"afs/CRYPT:k"
    (tmp_path / "KeyFile").unlink()
    assert load_keyring(tmp_path).rxkad == {}  # KeyFileExt alone
    with pytest.raises(FileNotFoundError):
        load_keyring(tmp_path / "nowhere")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(FileNotFoundError):
        load_keyring(empty)


def test_token_forging_refuses_bad_keys() -> None:
    with pytest.raises(ValueError, match="refused"):
        forge_localauth_token(bytes.fromhex("0123456789abcdee"), 1)
    with pytest.raises(ValueError, match="refused"):
        forge_token(bytes(8), 1, "afs")
    with pytest.raises(ValueError, match="lifetime"):
        forge_token(KEY, 1, "afs", lifetime=0)
    with pytest.raises(LookupError):
        localauth_token(Keyring([]))
    with pytest.raises(ValueError, match="refused"):
        localauth_token(Keyring.from_des_key(bytes.fromhex("0101010101010101"), 1))
    token = forge_localauth_token(KEY, 7, lifetime=3600, now=WALL)
    assert (token.start, token.kvno) == (WALL - 300, 7)
    assert token.end >= WALL + 3300


async def test_real_loopback_udp() -> None:
    security = RxkadClientSecurity(forge_localauth_token(KEY, KVNO), Level.CRYPT)
    with trio.fail_after(30):
        async with server(network=None, address=("127.0.0.1", 0),
                          security=[RxkadServerSecurity(KEY, kvno=KVNO)]) as sep, \
                rx.open_endpoint(("127.0.0.1", 0)) as cep:
            address = ("127.0.0.1", sep.address[1])
            sock = cep.socket()
            payload = random.Random(3).randbytes(50_000)
            reply = await ask(sock, address, payload, security=security)
            assert reply == b"afs/CRYPT:" + payload
            async with sock.call(address, SERVICE, security=security) as call:
                assert caller_identity(call) is None  # only incoming calls have callers
                await call.send_eof()
                assert await call.receive_all() == b"afs/CRYPT:"
            reply = await ask(sock, address, b"clear", security=security.with_level(Level.CLEAR))
            assert reply == b"afs/CLEAR:clear"
