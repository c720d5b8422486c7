"""OpenAFS-flavour rxgk (security index 4) through the trio layer over real loopback UDP: our
client against our server, beside yfs-rxgk (index 6) and rxkad on the same listener.

No real OpenAFS rxgk peer has checked any of this (see docs/security.rst)."""

from __future__ import annotations

import random
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

import pytest
import trio

import trio_rxrpc as rx
from trio_rxrpc._proto.codes import OpenAfsRxgkAbortCode as Code
from trio_rxrpc.security import (
    Keyring,
    Level,
    RxgkClientSecurity,
    RxgkServerSecurity,
    RxgkToken,
    RxkadClientSecurity,
    RxkadServerSecurity,
    ServerSecurity,
    caller_identity,
    forge_localauth_token,
    forge_rxgk_token,
)

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable

SERVICE = 4322
LOOPBACK = "127.0.0.1"
AES128 = bytes(range(16))
DES = bytes.fromhex("0123456789abcdef")
KVNO = 5
LEVELS = ["CLEAR", "AUTH", "CRYPT"]


def rand(seed: int) -> Callable[[int], bytes]:
    return random.Random(seed).randbytes


async def whoami(call: rx.Call) -> None:
    """Echo the request, prefixed with the connection's index, level and whether the caller
    counts as the superuser."""
    request = await call.receive_all()
    identity = caller_identity(call)
    assert identity is not None
    index = getattr(identity, "security_index", 2)
    superuser = getattr(identity, "superuser", False)
    await call.send_all(f"{index}/{identity.level.name}/{superuser}:".encode() + request)
    await call.send_eof()


@asynccontextmanager
async def server(security: list[ServerSecurity], min_level: int = 0,
                 ) -> AsyncIterator[tuple[str, int]]:
    async with rx.open_endpoint((LOOPBACK, 0)) as ep:
        sock = ep.socket()
        sock.listen([SERVICE], security=security, min_level=min_level)

        async def run(call: rx.Call) -> None:
            try:
                async with call:
                    await whoami(call)
            except rx.CallError:
                pass

        async with trio.open_nursery() as nursery:

            async def serve() -> None:
                while True:
                    nursery.start_soon(run, await sock.accept())

            nursery.start_soon(serve)
            yield (LOOPBACK, ep.address[1])
            nursery.cancel_scope.cancel()


async def ask(address: tuple[str, int], request: bytes, security: object) -> bytes:
    async with rx.open_endpoint((LOOPBACK, 0)) as cep:
        sock = cep.socket()
        async with sock.call(address, SERVICE, security=security) as call:  # type: ignore[arg-type]
            await call.send_all(request)
            await call.send_eof()
            return await call.receive_all()


def token(level: str, *, flavour: str = "openafs", key: bytes = AES128,
          seed: int = 1) -> RxgkToken:
    return forge_rxgk_token(key, 17, kvno=KVNO, level=getattr(Level, level),
                            random_bytes=rand(seed), flavour=flavour)


def openafs_server(min_level: int = 0) -> RxgkServerSecurity:
    return RxgkServerSecurity({(KVNO, 17): AES128}, flavour="openafs", min_level=min_level)


@pytest.mark.parametrize("level", LEVELS)
async def test_each_level_over_udp(level: str) -> None:
    payload = random.Random(3).randbytes(50_000)
    with trio.fail_after(30):
        async with server([openafs_server()]) as address:
            reply = await ask(address, payload,
                              RxgkClientSecurity(token(level), flavour="openafs"))
    assert reply == f"4/{level}/True:".encode() + payload


async def test_index_4_beside_index_6_and_rxkad() -> None:
    listener: list[ServerSecurity] = [
        openafs_server(), RxgkServerSecurity({(KVNO, 17): AES128}),
        RxkadServerSecurity(Keyring.from_des_key(DES, 3))]
    with trio.fail_after(30):
        async with server(listener) as address:
            four = await ask(address, b"a", RxgkClientSecurity(token("CRYPT"), flavour="openafs"))
            six = await ask(address, b"b", RxgkClientSecurity(token("AUTH", flavour="yfs")))
            two = await ask(address, b"c", RxkadClientSecurity(
                forge_localauth_token(DES, 3, random_bytes=rand(2)), Level.CRYPT))
    assert (four, six, two) == (b"4/CRYPT/True:a", b"6/AUTH/False:b", b"2/CRYPT/False:c")


@pytest.mark.parametrize(("case", "code"), [
    ("wrong-key", Code.RXGK_SEALED_INCON),
    ("below-minimum", Code.RXGK_BADLEVEL),
])
async def test_refusals_carry_openafs_codes(case: str, code: int) -> None:
    if case == "wrong-key":
        security = RxgkClientSecurity(token("CRYPT", key=bytes(16)), flavour="openafs")
    else:
        security = RxgkClientSecurity(token("AUTH"), flavour="openafs")
    with trio.fail_after(30):
        async with server([openafs_server(min_level=Level.CRYPT)]) as address:
            with pytest.raises(rx.RemoteAbort) as caught:
                await ask(address, b"x", security)
    assert caught.value.abort_code == code
