"""A generated Service and Client talking over loopback, in one process.

Typed errors cross the wire as their own classes; unimplemented procedures, requests that
are cut short and requests too short for an opcode abort with OpenAFS's rxgen codes; a
split procedure streams a file up with ``sendfile`` and back down with ``splice`` inside
one call.
"""

from __future__ import annotations

import os
import struct
from typing import TYPE_CHECKING, Protocol

import pytest
import trio
from xgmodel import load

import trio_rxrpc as rx
from trio_rxrpc import rpc
from trio_rxrpc.rpc import RPCError, SplitStream, abort, describe
from trio_rxrpc.rxgen import parse_error_table_source

if TYPE_CHECKING:
    from collections.abc import AsyncIterator
    from pathlib import Path
    from types import ModuleType

    from trio_rxrpc.rpc import SplitCall

SERVICE_ID = 2345

INTERFACE = """
package LB_
const LB_MAXNAME = 64;

struct fileinfo {
    string name<LB_MAXNAME>;
    afs_uint64 size;
};

Echo(IN string text<>, afs_int32 times, OUT string back<>) = 1;
Fail(IN afs_int32 how) = 2;
Missing(IN afs_int32 x, OUT afs_int32 *y) = 3;
split Exchange(IN string name<LB_MAXNAME>, afs_uint64 size, OUT fileinfo *info) = 4;
split Refuse(IN afs_int32 code, OUT afs_int32 *never) = 5;
"""

TABLE = """error_table LBT
    ec LB_NOSUCH, "No such thing"
    ec LB_BUSY, "Try again later"
end
"""


class Loopback(Protocol):
    """The generated ``Client`` of the interface above."""

    socket: rx.BoundSocket
    target: tuple[str, int]

    async def Echo(self, text: str, times: int) -> str: ...

    async def Fail(self, how: int) -> None: ...

    async def Missing(self, x: int) -> int: ...

    def Exchange(self, name: str, size: int) -> SplitCall[object]: ...

    def Refuse(self, code: int) -> SplitCall[int]: ...


@pytest.fixture(scope="module")
def lb(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    table = parse_error_table_source(TABLE, "lb.et")
    return load(INTERFACE, tmp_path_factory.mktemp("loopback"), service_id=SERVICE_ID,
                filename="lb.xg", error_tables=[table])[1]


def implementation(lb: ModuleType, store: Path) -> rpc.Service:
    class Impl(lb.Service):  # type: ignore[name-defined,misc]
        async def Echo(self, call: rx.Call, text: str, times: int) -> str:
            return text * times

        async def Fail(self, call: rx.Call, how: int) -> None:
            if how == 1:
                raise lb.LB_NOSUCH()
            if how == 2:
                raise lb.LB_BUSY("busy with something else")
            raise abort(how)

        async def Exchange(self, stream: SplitStream, name: str, size: int) -> object:
            # Take the upload into a file, then stream the file back: both directions.
            path = store / name
            with path.open("wb") as out:
                assert await stream.splice(out, size) == size
            assert await stream.receive_some() == b""
            with path.open("rb") as source:
                assert await stream.sendfile(source, 0, size) == size
            return lb.fileinfo(name, size)

        async def Refuse(self, stream: SplitStream, code: int) -> int:
            raise abort(code)

    return Impl()


@pytest.fixture
async def client(lb: ModuleType, tmp_path: Path) -> AsyncIterator[Loopback]:
    store = tmp_path / "store"
    store.mkdir()
    async with rx.open_endpoint(("127.0.0.1", 0)) as endpoint, trio.open_nursery() as nursery:
        sock = endpoint.socket()
        sock.listen([SERVICE_ID])
        await nursery.start(implementation(lb, store).serve, sock)
        yield lb.Client(endpoint.socket(), ("127.0.0.1", endpoint.address[1]))
        nursery.cancel_scope.cancel()


async def test_a_call_and_its_reply(client: Loopback) -> None:
    assert await client.Echo("ab", 3) == "ababab"
    assert await client.Echo("é", 0) == ""


async def test_a_typed_error_reaches_the_client_as_its_class(lb: ModuleType,
                                                              client: Loopback) -> None:
    with pytest.raises(lb.LB_NOSUCH) as caught:
        await client.Fail(1)
    assert isinstance(caught.value, rx.RemoteAbort)
    assert isinstance(caught.value, RPCError)
    assert caught.value.abort_code == lb.LB_NOSUCH.code
    assert str(caught.value) == f"LB_NOSUCH ({lb.LB_NOSUCH.code}): No such thing"
    assert describe(lb.LB_BUSY.code) == f"LB_BUSY ({lb.LB_BUSY.code}): Try again later"
    with pytest.raises(lb.LB_BUSY):
        await client.Fail(2)


async def test_an_untyped_abort_code_is_a_remote_abort(client: Loopback) -> None:
    with pytest.raises(rx.RemoteAbort) as caught:
        await client.Fail(70007)
    assert caught.value.abort_code == 70007
    assert not isinstance(caught.value, RPCError)


async def test_an_unimplemented_procedure_aborts_with_rxgen_opcode(client: Loopback) -> None:
    with pytest.raises(rx.RemoteAbort) as caught:
        await client.Missing(5)
    assert caught.value.abort_code == -455
    assert caught.value.abort_code == rx.AbortCode.RXGEN_OPCODE


async def raw(client: Loopback, request: bytes) -> int | None:
    """Send ``request`` as a whole call by hand; the abort code it ends with."""
    try:
        async with client.socket.call(client.target, SERVICE_ID) as call:
            await call.send_all(request)
            await call.send_eof()
            await call.receive_all()
    except rx.RemoteAbort as exc:
        return exc.abort_code
    return None


async def test_requests_built_by_hand_abort_with_rxgen_codes(client: Loopback) -> None:
    # Echo's string says 100 bytes, but only 3 follow: cut short.
    truncated = struct.pack(">iI", 1, 100) + b"abc"
    assert await raw(client, truncated) == -453  # RXGEN_SS_UNMARSHAL
    assert await raw(client, struct.pack(">i", 1)) == -453
    assert await raw(client, struct.pack(">iI", 4, 3) + b"ab") == -453  # split: cut short
    assert await raw(client, b"\0\0") == -454  # RXGEN_DECODE: no whole opcode
    assert await raw(client, b"") == -454
    assert await raw(client, struct.pack(">i", 99)) == -455  # RXGEN_OPCODE: unknown
    # The service is still there.
    assert await client.Echo("x", 2) == "xx"


async def test_a_split_call_streams_both_ways_with_sendfile_and_splice(
        lb: ModuleType, client: Loopback, tmp_path: Path) -> None:
    size = 300_007
    source = tmp_path / "up.bin"
    source.write_bytes(os.urandom(size))
    back = tmp_path / "down.bin"
    with source.open("rb") as up, back.open("wb") as down:
        async with client.Exchange("copy.bin", size) as stream:
            assert await stream.sendfile(up, 0, size) == size
            await stream.send_eof()
            assert await stream.splice(down, size) == size
            info = await stream.finish()
    assert info == lb.fileinfo("copy.bin", size)
    assert back.read_bytes() == source.read_bytes()
    assert (tmp_path / "store" / "copy.bin").read_bytes() == source.read_bytes()


async def test_a_split_call_fails_with_the_services_code(client: Loopback) -> None:
    with pytest.raises(rx.RemoteAbort) as caught:
        async with client.Refuse(4242) as stream:
            await stream.finish()
    assert caught.value.abort_code == 4242
