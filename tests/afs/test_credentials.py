"""credentials: -noauth, -localauth and token security objects, and rxkad level names."""

from __future__ import annotations

import struct
from typing import TYPE_CHECKING

import pytest
import trio

import trio_rxrpc as rx
from trio_rxrpc.afs import CredentialsError, from_token, localauth, noauth, parse_level
from trio_rxrpc.security import (
    RXNULL,
    Keyring,
    Level,
    RxkadClientSecurity,
    RxkadIdentity,
    RxkadServerSecurity,
    caller_identity,
    forge_token,
)

if TYPE_CHECKING:
    from pathlib import Path

KEY = bytes.fromhex("0123456789abcdef")
KVNO = 3
SERVICE = 4321


def write_keyfile(directory: Path, keys: dict[int, bytes]) -> None:
    data = struct.pack(">I", len(keys)) + b"".join(
        struct.pack(">I", kvno) + key for kvno, key in keys.items())
    (directory / "KeyFile").write_bytes(data)


@pytest.mark.parametrize(("spec", "level"), [
    ("clear", Level.CLEAR), ("AUTH", Level.AUTH), (" crypt ", Level.CRYPT),
    ("encrypt", Level.CRYPT), (0, Level.CLEAR), (2, Level.CRYPT), (Level.AUTH, Level.AUTH),
])
def test_parse_level(spec: Level | int | str, level: Level) -> None:
    assert parse_level(spec) is level


@pytest.mark.parametrize(("spec", "error"), [
    ("secure", ValueError), (3, ValueError), (-1, ValueError), (True, TypeError),
    (None, TypeError), (1.0, TypeError),
])
def test_bad_levels(spec: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        parse_level(spec)  # type: ignore[arg-type]


def test_noauth_is_rxnull() -> None:
    assert noauth() is RXNULL


def test_from_token() -> None:
    token = forge_token(KEY, KVNO, "admin")
    security = from_token(token)
    assert isinstance(security, RxkadClientSecurity)
    assert security.level is Level.CLEAR
    assert security.token is token
    assert from_token(token, "crypt").level is Level.CRYPT
    with pytest.raises(TypeError, match="Token"):
        from_token(b"not a token")  # type: ignore[arg-type]


def test_localauth_reads_the_server_keys(tmp_path: Path) -> None:
    write_keyfile(tmp_path, {1: bytes.fromhex("0102040810204080"), KVNO: KEY})
    security = localauth(tmp_path)
    assert security.level is Level.CLEAR
    assert security.token.kvno == KVNO  # the newest key
    assert localauth(tmp_path, "crypt").level is Level.CRYPT
    assert localauth(tmp_path).token.session_key != security.token.session_key


def test_localauth_errors(tmp_path: Path) -> None:
    with pytest.raises(CredentialsError, match="no KeyFile or KeyFileExt in"):
        localauth(tmp_path)
    (tmp_path / "KeyFile").write_bytes(b"\x00\x00\x00\x05")
    with pytest.raises(CredentialsError, match="cannot use the server keys"):
        localauth(tmp_path)
    write_keyfile(tmp_path, {})
    with pytest.raises(CredentialsError, match="cannot use the server keys"):
        localauth(tmp_path)
    with pytest.raises(ValueError, match="unknown rxkad level"):
        localauth(tmp_path, "loud")


def test_localauth_unreadable_keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: object) -> Keyring:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("trio_rxrpc.afs.credentials.load_keyring", refuse)
    with pytest.raises(CredentialsError, match=r"permission denied .*root only"):
        localauth(tmp_path)


@pytest.mark.parametrize("level", ["clear", "auth", "crypt"])
async def test_localauth_is_the_superuser_to_a_server_with_the_keys(tmp_path: Path,
                                                                    level: str) -> None:
    """Over real UDP: a server holding the cell key sees ``afs`` at the level asked for."""
    write_keyfile(tmp_path, {KVNO: KEY})
    seen: list[tuple[str, Level]] = []

    async def whoami(call: rx.Call) -> None:
        await call.receive_all()
        identity = caller_identity(call)
        assert isinstance(identity, RxkadIdentity)
        seen.append((identity.principal, identity.level))
        await call.send_all(b"ok")

    server_security = [RxkadServerSecurity(Keyring.from_des_key(KEY, KVNO))]
    async with rx.open_endpoint(("127.0.0.1", 0)) as server, \
            rx.open_endpoint(("127.0.0.1", 0)) as client, trio.open_nursery() as nursery:
        sock = server.socket()
        sock.listen([SERVICE], security=server_security)
        await nursery.start(sock.serve, whoami)
        async with client.socket().call(server.address, SERVICE, security=localauth(
                tmp_path, level), timeout=5) as call:
            await call.send_all(b"who am I?")
            await call.send_eof()
            assert await call.receive_all() == b"ok"
        nursery.cancel_scope.cancel()
    assert seen == [("afs", parse_level(level))]
