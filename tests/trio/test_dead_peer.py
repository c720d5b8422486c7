"""Dead peers in both directions, with real processes killed by SIGKILL in the middle of a call.

A killed process sends nothing more: no ABORT, no ACK.  What the survivor learns depends on
the path.  If the peer's host is still up, its kernel answers our next packet with an ICMP
"port unreachable"; if the host vanished (or a firewall eats ICMP), nothing comes back at
all, which a relay that stays bound imitates here.  Either way the call must end with an error
within the dead time (``EndpointConfig.dead_time``) or, for a server call, the idle timeout if
that is shorter, and a server must go on serving.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import trio
from hostile import LOOPBACK, SERVICE, Address, echo_call, relay, serving

import trio_rxrpc as rx

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

REPO = Path(__file__).resolve().parents[2]
PEER = Path(__file__).with_name("peer_process.py")
DEAD_TIME = 2.0
BOUND = 5
"""How many dead times (or idle timeouts) the survivor may take to notice, at most."""


class PeerProcess:
    """A running ``peer_process.py``: read its stdout line by line, and kill it."""

    def __init__(self, process: trio.Process) -> None:
        self.process = process
        self._buffer = b""

    async def line(self) -> str:
        """The next line the peer printed (fails if it exits first)."""
        stdout = self.process.stdout
        assert stdout is not None
        while b"\n" not in self._buffer:
            chunk = await stdout.receive_some()
            assert chunk, f"the peer process exited ({await self.process.wait()})"
            self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return line.decode()

    async def kill(self) -> None:
        """SIGKILL the process and reap it."""
        self.process.kill()
        assert await self.process.wait() == -signal.SIGKILL


@asynccontextmanager
async def peer_process(*args: str) -> AsyncIterator[PeerProcess]:
    """Run ``peer_process.py args`` with this checkout's ``trio_rxrpc``; kill it at the end."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH")) if p)
    process = await trio.lowlevel.open_process(
        [sys.executable, str(PEER), *args], stdout=subprocess.PIPE, env=env)
    try:
        yield PeerProcess(process)
    finally:
        process.kill()
        with trio.CancelScope(shield=True):
            await process.wait()
            if process.stdout is not None:
                await process.stdout.aclose()


@pytest.mark.parametrize("path", ["port_closed", "host_silent"])
async def test_client_call_ends_when_the_server_process_is_killed(path: str) -> None:
    """Our client is waiting for its reply when the server process dies: NetworkError
    (RX_CALL_DEAD) at once from ICMP, or after the dead time when nothing comes back."""
    config = rx.EndpointConfig(dead_time=DEAD_TIME)
    with trio.fail_after(30):
        async with peer_process("server") as server, AsyncExitStack() as stack:
            ready = (await server.line()).split()
            assert ready[0] == "READY"
            address: Address = (LOOPBACK, int(ready[1]))
            if path == "host_silent":
                address = (await stack.enter_async_context(relay(address))).address
            ep = await stack.enter_async_context(rx.open_endpoint((LOOPBACK, 0), config=config))
            async with ep.socket().call(address, SERVICE) as call:
                await call.send_all(b"a request")
                await call.send_eof()
                assert await server.line() == "GOT 9"  # the server is in the middle of it
                await server.kill()
                with pytest.raises(rx.NetworkError) as info, trio.fail_after(BOUND * DEAD_TIME):
                    await call.receive_all()
    assert info.value.abort_code == rx.AbortCode.RX_CALL_DEAD
    if path == "host_silent":
        # Nothing at all came back: only the dead time could tell.
        assert "no answer" in str(info.value), str(info.value)


@pytest.mark.parametrize(
    ("dead_time", "idle_timeout", "error", "code"),
    [pytest.param(DEAD_TIME, None, rx.NetworkError, rx.AbortCode.RX_CALL_DEAD, id="dead_time"),
     pytest.param(20.0, 1.0, rx.CallTimeout, rx.AbortCode.RX_CALL_TIMEOUT, id="idle_timeout")])
async def test_server_handler_sees_the_killed_client(
        dead_time: float, idle_timeout: float | None, error: type[rx.CallError],
        code: int) -> None:
    """A client process dies halfway through its request: the handler's receive_all fails
    within the dead time (NetworkError) or the shorter idle timeout (CallTimeout), and
    serve() goes on serving."""
    config = rx.EndpointConfig(dead_time=dead_time, server_idle_timeout=idle_timeout)
    limit = min(dead_time, idle_timeout or dead_time)
    seen: list[rx.CallError] = []
    failed = trio.Event()

    async def handler(call: rx.Call) -> None:
        try:
            request = await call.receive_all(max_size=100_000)
        except rx.CallError as exc:
            seen.append(exc)
            failed.set()
            raise
        await call.send_all(request)
        await call.send_eof()

    with trio.fail_after(60):
        # (On LOOPBACK: the peer process is given only the port.)
        async with serving(handler, config=config, host=LOOPBACK) as server:
            async with peer_process("client", str(server.address[1])) as client:
                assert await client.line() == "SENT"
                # Wait for the first two packets of the request (nothing signals their arrival).
                while server.endpoint.statistics().data_packets_received < 2:  # noqa: ASYNC110
                    await trio.sleep(0.01)
                await client.kill()
                with trio.fail_after(BOUND * limit):
                    await failed.wait()
            async with rx.open_endpoint((LOOPBACK, 0)) as ep:
                assert await echo_call(ep.socket(), server.address, b"next") == b"next"
            assert server.serving
            stats = server.endpoint.statistics()
    [exc] = seen
    assert type(exc) is error, repr(exc)
    assert exc.abort_code == code
    assert stats.calls_accepted == 2
