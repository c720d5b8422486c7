"""Cell and UbikServers against the real OpenAFS 1.8 database servers of the test cell.

The acceptance point: with one of two database servers unreachable (a bound UDP port that
never answers, listed first), ubik calls to the real ptserver and vlserver still succeed
within their deadline.  The calls are made by hand (request bytes built here, the reply
decoded here), as the ``attempt`` a generated client would pass.

Facts seen against the cell while writing these tests:

* an unknown volume name: VL_GetEntryByNameN aborts with VL_NOENT (363524);
* an opcode the vlserver does not have: RXGEN_OPCODE (-455), which ubik's rules treat as a
  failed server (negative code), so the call moves on;
* an rxkad ticket sealed with a key the server does not have is refused with an RXKAD
  code, which is an answer: no other server is tried.
"""

from __future__ import annotations

import socket
from contextlib import asynccontextmanager, contextmanager
from typing import TYPE_CHECKING

import pytest
import trio

import trio_rxrpc as rx
from trio_rxrpc.afs import Cell, from_token, localauth, noauth
from trio_rxrpc.security import ClientSecurity, forge_token
from trio_rxrpc.xdr import XDRDecoder, XDREncoder

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Awaitable, Callable, Iterator

    from conftest import CellEnv

pytestmark = pytest.mark.interop

PR_SERVICE, PR_NAME_TO_ID = 73, 504
VL_SERVICE, VL_GET_ENTRY_BY_NAME_N = 52, 519
VL_NOENT = 363524
RXGEN_OPCODE = -455
CALL_TIMEOUT = 5.0
DEADLINE = 10.0
ATTEMPT_TIMEOUT = 2.0



def name_to_id_request(names: list[str]) -> bytes:
    enc = XDREncoder()
    enc.write_int32(PR_NAME_TO_ID)
    enc.write_array(names, lambda name: enc.write_char_vector(name.encode(), 64))
    return enc.getvalue()


def name_to_id_reply(data: bytes) -> list[int]:
    dec = XDRDecoder(data)
    ids = dec.read_array(dec.read_int32)
    dec.done()
    return ids


def get_entry_request(volume: str, opcode: int = VL_GET_ENTRY_BY_NAME_N) -> bytes:
    enc = XDREncoder()
    enc.write_int32(opcode)
    enc.write_string(volume, max_length=65)
    return enc.getvalue()


def entry_name(data: bytes) -> bytes:
    """The ``name`` of the nvldbentry a VL_GetEntryByNameN reply starts with."""
    return XDRDecoder(data).read_char_vector(65)


def raw(sock: rx.BoundSocket, service: int, request: bytes, *,
        security: ClientSecurity | None = None) -> Callable[[tuple[str, int]], Awaitable[bytes]]:
    async def attempt(address: tuple[str, int]) -> bytes:
        async with sock.call(address, service, security=security,
                             timeout=CALL_TIMEOUT) as call:
            await call.send_all(request)
            await call.send_eof()
            return await call.receive_all()
    return attempt


@contextmanager
def silent_port() -> Iterator[tuple[str, int]]:
    """A database server that is down without anyone saying so: bound, never read."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
        udp.bind(("127.0.0.1", 0))
        host, port = udp.getsockname()
        yield host, port


@asynccontextmanager
async def counting_server(service: int, reply: bytes = b"from the stand-in",
                          ) -> AsyncIterator[tuple[tuple[str, int], list[bytes]]]:
    """A trio-rxrpc server on ``service`` that answers every call; yields its address and the
    requests it got."""
    requests: list[bytes] = []

    async def handle(call: rx.Call) -> None:
        requests.append(await call.receive_all())
        await call.send_all(reply)

    async with rx.open_endpoint(("127.0.0.1", 0)) as ep, trio.open_nursery() as nursery:
        sock = ep.socket()
        sock.listen([service])
        await nursery.start(sock.serve, handle)
        yield ("127.0.0.1", ep.address[1]), requests
        nursery.cancel_scope.cancel()


@asynccontextmanager
async def client() -> AsyncIterator[rx.BoundSocket]:
    async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
        yield ep.socket()


def test_the_cells_configuration(openafs_cell_noauth: CellEnv) -> None:
    env = openafs_cell_noauth
    cell = Cell.from_config(config_dir=env.config_dir)
    assert cell.name == env.cell
    assert cell.addresses("pt") == (env.address("pt"),)
    assert cell.addresses("vl") == (env.address("vl"),)
    assert Cell.from_config("TEST", env.config_dir) == cell


async def test_pt_and_vl_calls_succeed_with_the_first_server_unreachable(
        openafs_cell_noauth: CellEnv) -> None:
    env = openafs_cell_noauth
    with silent_port() as dead:
        cell = Cell(env.cell, [dead, env.host])
        pt = cell.pt_servers(deadline=DEADLINE, attempt_timeout=ATTEMPT_TIMEOUT)
        vl = cell.vl_servers(deadline=DEADLINE, attempt_timeout=ATTEMPT_TIMEOUT)
        assert pt.addresses == (dead, env.address("pt"))
        async with client() as sock:
            start = trio.current_time()
            reply = await pt.run(raw(sock, PR_SERVICE, name_to_id_request(["admin", "user1"])),
                                 idempotent=True)
            assert name_to_id_reply(reply) == [1, 2]
            assert ATTEMPT_TIMEOUT <= trio.current_time() - start < DEADLINE

            start = trio.current_time()
            reply = await vl.run(raw(sock, VL_SERVICE, get_entry_request("root.afs")),
                                 idempotent=True)
            assert entry_name(reply) == b"root.afs"
            assert ATTEMPT_TIMEOUT <= trio.current_time() - start < DEADLINE

            # The unreachable server is now marked down: the next calls go straight through.
            start = trio.current_time()
            reply = await pt.run(raw(sock, PR_SERVICE, name_to_id_request(["user1"])),
                                 idempotent=True)
            assert name_to_id_reply(reply) == [2]
            assert trio.current_time() - start < ATTEMPT_TIMEOUT
            assert pt.is_down(dead)
            assert pt.primary() == env.address("pt")


async def test_an_application_error_from_the_vlserver_is_final(
        openafs_cell_noauth: CellEnv) -> None:
    env = openafs_cell_noauth
    async with counting_server(VL_SERVICE) as (stand_in, requests), client() as sock:
        vl = Cell(env.cell, [env.host, stand_in]).vl_servers(deadline=DEADLINE)
        with pytest.raises(rx.RemoteAbort) as info:
            await vl.run(raw(sock, VL_SERVICE, get_entry_request("no.such.volume")),
                         idempotent=True)
        assert info.value.abort_code == VL_NOENT
        assert requests == []


async def test_an_rx_error_from_the_vlserver_moves_on(openafs_cell_noauth: CellEnv) -> None:
    env = openafs_cell_noauth
    async with counting_server(VL_SERVICE) as (stand_in, requests), client() as sock:
        vl = Cell(env.cell, [env.host, stand_in]).vl_servers(deadline=DEADLINE)
        request = get_entry_request("root.afs", opcode=9999)
        assert await vl.run(raw(sock, VL_SERVICE, request), idempotent=False) == (
            b"from the stand-in")
        assert requests == [request]
        assert vl.is_down(env.address("vl"))


async def test_noauth_security_works_with_a_noauth_cell(openafs_cell_noauth: CellEnv) -> None:
    env = openafs_cell_noauth
    async with client() as sock:
        pt = Cell.from_config(config_dir=env.config_dir).pt_servers(deadline=DEADLINE)
        reply = await pt.run(raw(sock, PR_SERVICE, name_to_id_request(["admin"]),
                                 security=noauth()), idempotent=True)
        assert name_to_id_reply(reply) == [1]


@pytest.mark.parametrize("level", ["clear", "crypt"])
async def test_localauth_calls_through_ubik_with_the_first_server_unreachable(
        openafs_cell_auth: CellEnv, level: str) -> None:
    env = openafs_cell_auth
    security = localauth(env.config_dir, level)
    with silent_port() as dead:
        pt = Cell(env.cell, [dead, env.host]).pt_servers(deadline=DEADLINE,
                                                         attempt_timeout=ATTEMPT_TIMEOUT)
        async with client() as sock:
            reply = await pt.run(raw(sock, PR_SERVICE, name_to_id_request(["admin", "user1"]),
                                     security=security), idempotent=True)
            assert name_to_id_reply(reply) == [1, 2]


async def test_a_refused_ticket_is_final(openafs_cell_auth: CellEnv) -> None:
    env = openafs_cell_auth
    wrong_key = bytes.fromhex("fedcba9876543210")
    security = from_token(forge_token(wrong_key, env.kvno, "admin"), "crypt")
    async with counting_server(PR_SERVICE) as (stand_in, requests), client() as sock:
        pt = Cell(env.cell, [env.host, stand_in]).pt_servers(deadline=DEADLINE)
        with pytest.raises(rx.CallError) as info:
            await pt.run(raw(sock, PR_SERVICE, name_to_id_request(["admin"]),
                             security=security), idempotent=True)
        code = info.value.abort_code
        assert code is not None
        assert 19270400 <= code <= 19270412, rx.abort_code_name(code)
        assert requests == []
