"""rxkad between trio-rxrpc and the Linux kernel's AF_RXRPC (Linux 7.3 in a qemu guest).

The guest's echo server holds an rxkad server key (``rxrpc_s`` key ``1234:2``); we forge a
ticket sealed with that key.  Both ways, at every level: our client calls the kernel's server,
and the kernel's client, given our ticket and session key as an ``rxrpc`` key, calls our
server.
"""

from __future__ import annotations

import contextlib
import os
import re
import struct
import time

import kernel_guest
import pytest
import trio

import trio_rxrpc as rx
from trio_rxrpc.security import (
    Level,
    RxkadClientSecurity,
    RxkadIdentity,
    RxkadServerSecurity,
    Token,
    caller_identity,
    forge_token,
)

pytestmark = pytest.mark.interop

SERVICE = kernel_guest.ECHO_SERVICE
RXKADBADTICKET = 19270407
ABORT, CHALLENGE = 4, 6
LEVELS = list(Level)
LEVEL_IDS = [level.name.lower() for level in LEVELS]


def server_key(guest: kernel_guest.Guest) -> bytes:
    return bytes.fromhex(guest.settings().rxkad_key)


def token_for(key: bytes) -> Token:
    # Issued a little in the past: the kernel refuses a ticket issued in the future, and the
    # guest's clock is the host's clock read once at boot.
    return forge_token(key, 1, "tester", start=int(time.time()) - 600, lifetime=3600)


@pytest.mark.parametrize("level", LEVELS, ids=LEVEL_IDS)
async def test_our_rxkad_client_calls_the_kernel_server(
    linux_kernel: kernel_guest.Guest, level: Level
) -> None:
    security = RxkadClientSecurity(token_for(server_key(linux_kernel)), level)
    address = ("127.0.0.1", linux_kernel.settings().host_port)
    requests = [os.urandom(size) for size in (0, 3000, 200_000)]
    with trio.fail_after(60):
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
            sock = ep.socket()
            for request in requests:
                async with sock.call(address, SERVICE, security=security, timeout=30) as call:
                    await call.send_all(request)
                    await call.send_eof()
                    assert await call.receive_all() == request
            (conn,) = [c for c in ep.list_connections() if c.side == "client"]
    assert (conn.security_index, conn.level) == (2, level)


async def test_kernel_server_refuses_a_ticket_sealed_with_another_key(
    linux_kernel: kernel_guest.Guest,
) -> None:
    security = RxkadClientSecurity(token_for(bytes.fromhex("fedcba9876543210")), Level.CRYPT)
    address = ("127.0.0.1", linux_kernel.settings().host_port)
    with trio.fail_after(60):
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
            with pytest.raises(rx.RemoteAbort) as caught:
                async with ep.socket().call(address, SERVICE, security=security,
                                            timeout=30) as call:
                    await call.send_all(b"not for you")
                    await call.send_eof()
                    await call.receive_all()
    # The kernel cannot make sense of the decrypted ticket (its trace says rxkad-resp-tk-aname)
    # and aborts the connection with RXKADBADTICKET.
    assert caught.value.abort_code == RXKADBADTICKET


@pytest.mark.parametrize("level", LEVELS, ids=LEVEL_IDS)
async def test_kernel_rxkad_client_calls_our_server(
    linux_kernel: kernel_guest.Guest, level: Level
) -> None:
    key = server_key(linux_kernel)
    token = token_for(key)
    callers: list[object] = []

    async def answer(call: rx.Call) -> None:
        async with call:
            data = await call.receive_all()
            callers.append(caller_identity(call))
            await call.send_all(data)
            await call.send_eof()

    async def serve(sock: rx.BoundSocket) -> None:
        async with trio.open_nursery() as nursery:
            while True:
                nursery.start_soon(answer, await sock.accept())

    with trio.fail_after(90):
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep, trio.open_nursery() as nursery:
            sock = ep.socket()
            sock.listen([SERVICE], security=[RxkadServerSecurity(key, kvno=1)],
                        min_level=level)
            nursery.start_soon(serve, sock)
            command = (f"kecho call -a {kernel_guest.HOST_ALIAS} -p {ep.address[1]} "
                       f"-s {SERVICE} -z 30000 -n 3 -c 3 -t 60 -l {int(level)} "
                       f"-K {token.session_key.hex()} -T {token.ticket.hex()} -V 1")
            result = await trio.to_thread.run_sync(
                lambda: linux_kernel.run(command, timeout=80))
            nursery.cancel_scope.cancel()
    assert result.status == 0, result.output
    assert "KECHO done ok=3 failed=0" in result.output, result.output
    assert len(callers) == 3
    for identity in callers:
        assert isinstance(identity, RxkadIdentity)
        assert (identity.name, identity.level) == ("tester", level)


def call_results(output: str) -> list[str]:
    return re.findall(r"^KECHO call n=\d+ .*result=(\S+)", output, re.MULTILINE)


class Relay:
    """A UDP relay between the guest's client and our server that notes what our server
    sends: the guest talks to the port :meth:`bind` returns."""

    def __init__(self) -> None:
        self.outer = trio.socket.socket(trio.socket.AF_INET, trio.socket.SOCK_DGRAM)
        self.inner = trio.socket.socket(trio.socket.AF_INET, trio.socket.SOCK_DGRAM)
        self.client: tuple[str, int] | None = None
        self.from_server: list[tuple[int, int, int]] = []
        """(connection ID, packet type, abort code or 0) of each packet our server sent."""

    def close(self) -> None:
        self.outer.close()
        self.inner.close()

    async def bind(self) -> int:
        await self.outer.bind(("127.0.0.1", 0))
        await self.inner.bind(("127.0.0.1", 0))
        port: int = self.outer.getsockname()[1]
        return port

    async def run(self, server: tuple[str, int]) -> None:
        async with trio.open_nursery() as nursery:
            nursery.start_soon(self._inward, server)
            while True:
                data, _addr = await self.inner.recvfrom(65536)
                code = struct.unpack_from(">i", data, 28)[0] if data[20] == ABORT else 0
                cid = struct.unpack_from(">I", data, 4)[0] & ~3
                self.from_server.append((cid, data[20], code))
                if self.client is not None:
                    await self.outer.sendto(data, self.client)

    async def _inward(self, server: tuple[str, int]) -> None:
        while True:
            data, self.client = await self.outer.recvfrom(65536)
            await self.inner.sendto(data, server)


async def test_our_server_refuses_the_kernel_client_a_ticket_under_another_key(
    linux_kernel: kernel_guest.Guest,
) -> None:
    """The connection is aborted with RXKADBADTICKET once, and then stays dead: no CHALLENGE
    after the ABORT however long we wait, and no other abort code."""
    key = server_key(linux_kernel)
    token = token_for(bytes.fromhex("fedcba9876543210"))
    accepted: list[rx.Call] = []

    async def serve(sock: rx.BoundSocket) -> None:
        while True:
            accepted.append(await sock.accept())

    relay = Relay()
    with trio.fail_after(120), contextlib.closing(relay):
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep, trio.open_nursery() as nursery:
            sock = ep.socket()
            sock.listen([SERVICE], security=[RxkadServerSecurity(key, kvno=1)])
            nursery.start_soon(serve, sock)
            port = await relay.bind()
            nursery.start_soon(relay.run, ("127.0.0.1", ep.address[1]))
            command = (f"kecho call -a {kernel_guest.HOST_ALIAS} -p {port} "
                       f"-s {SERVICE} -z 3000 -n 3 -c 3 -t 60 -l {int(Level.CRYPT)} "
                       f"-K {token.session_key.hex()} -T {token.ticket.hex()} -V 1")
            result = await trio.to_thread.run_sync(
                lambda: linux_kernel.run(command, timeout=80))
            await trio.sleep(15)  # three housekeeping intervals, seven challenge intervals
            statistics = ep.statistics()
            nursery.cancel_scope.cancel()
    assert "KECHO done ok=0 failed=3" in result.output, result.output
    # A call the kernel had not sent yet when the ABORT came fails to send (ECONNABORTED, or
    # ESHUTDOWN once the connection is gone).
    for outcome in call_results(result.output):
        assert outcome in (f"abort={RXKADBADTICKET}", "send-error=103", "send-error=108"), (
            result.output)
    assert accepted == []
    sent = relay.from_server
    # The kernel may start a call the aborted connection could not take on a new connection,
    # which is challenged (and refused) in turn: look at each connection on its own.
    for cid in {cid for cid, _ptype, _code in sent}:
        types = [ptype for c, ptype, _code in sent if c == cid]
        assert ABORT in types, sent
        assert CHALLENGE not in types[types.index(ABORT):], sent
    assert {code for _cid, ptype, code in sent if ptype == ABORT} == {RXKADBADTICKET}, sent
    assert set(statistics.aborts_sent) == {RXKADBADTICKET}
    assert statistics.security_failures >= 1
