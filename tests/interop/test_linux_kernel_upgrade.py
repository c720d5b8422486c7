"""Service upgrade both ways, exclusive calls and a declared transmit length, against the
Linux kernel's AF_RXRPC (Linux 7.3 in the qemu guest of ``interop/linux``).

The guest runs a second kecho server that binds two services to one socket and lets clients
upgrade from the first to the second (``RXRPC_UPGRADEABLE_SERVICE``); ``kecho call -U`` asks
for an upgrade (``RXRPC_UPGRADE_SERVICE``) and prints the service ID its reply came from.
"""

from __future__ import annotations

import os
import re

import kernel_guest
import pytest
import trio

import trio_rxrpc as rx

pytestmark = pytest.mark.interop

OLD = kernel_guest.ECHO_SERVICE
NEW = kernel_guest.UPGRADE_SERVICE
CALL_TIMEOUT = 60.0


def upgrade_server(guest: kernel_guest.Guest) -> tuple[str, int]:
    """Where the guest's upgradeable echo server answers on the host."""
    ports = [host for host, port in guest.settings().forwards
             if port == kernel_guest.UPGRADE_PORT]
    assert ports, "the guest was started without a forward to its upgradeable echo server"
    return "127.0.0.1", ports[0]


def echo_server(guest: kernel_guest.Guest) -> tuple[str, int]:
    return "127.0.0.1", guest.settings().host_port


async def guest_run(guest: kernel_guest.Guest, command: str, seconds: float = 60) -> str:
    """Run ``command`` in the guest from a thread (our trio tasks keep running)."""
    result = await trio.to_thread.run_sync(lambda: guest.run(command, timeout=seconds))
    return f"[exit {result.status}]\n{result.output}"


async def echo(sock: rx.BoundSocket, address: tuple[str, int], service: int, request: bytes,
               **options: object) -> tuple[bytes, int]:
    """The reply, and the call's service ID at the end."""
    async with sock.call(address, service, timeout=CALL_TIMEOUT,
                         **options) as call:  # type: ignore[arg-type]
        await call.send_all(request)
        await call.send_eof()
        return await call.receive_all(), call.service_id


# ------------------------------------------------------------------- service upgrade


async def test_our_client_upgrades_at_the_kernel_server(linux_kernel: kernel_guest.Guest) -> None:
    address = upgrade_server(linux_kernel)
    request = os.urandom(1000)  # one packet (see the next test)
    with trio.fail_after(60):
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
            sock = ep.socket()
            assert await echo(sock, address, OLD, request, upgrade_service=True) == (
                request, NEW)
            # The upgraded connection serves the next such call at once from the new service.
            assert await echo(sock, address, OLD, b"again", upgrade_service=True) == (
                b"again", NEW)
            # A call that does not ask stays with the service it was made to.
            assert await echo(sock, address, OLD, b"plain") == (b"plain", OLD)
            services = sorted(row.service_id for row in ep.list_connections())
            assert services == [OLD, NEW]
            assert ep.statistics().dropped["wrong_service"] == 0


async def test_the_kernel_server_aborts_a_longer_upgraded_request(
    linux_kernel: kernel_guest.Guest,
) -> None:
    """Linux 7.3 aborts every packet with the old service ID once it has upgraded the
    connection, and nothing it sends before its reply tells the client the new ID: so a
    first request of more than one packet cannot be upgraded there (docs/af_rxrpc.rst)."""
    with trio.fail_after(60):
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
            with pytest.raises(rx.RemoteAbort) as caught:
                await echo(ep.socket(), upgrade_server(linux_kernel), OLD, os.urandom(5000),
                           upgrade_service=True)
    assert caught.value.abort_code == rx.AbortCode.RX_PROTOCOL_ERROR


async def test_the_kernel_client_at_the_kernel_server_is_a_race(
    linux_kernel: kernel_guest.Guest,
) -> None:
    """Linux 7.3 with itself: the server PINGs each new call, and the client answers that
    PING with the old service ID, which the server aborts (the client sees -EIO) unless the
    reply has reached the client first; then the call succeeds on the new service.  Which
    comes first depends on timing (and on the build of the module), so each call must end
    in one of those two ways, and in no other.  (Our client holds its ACKs back until it
    knows: above.)"""
    outcomes = set()
    for _ in range(5):
        output = await guest_run(linux_kernel, f"kecho call -a 127.0.0.1 -p "
                                               f"{kernel_guest.UPGRADE_PORT} -s {OLD} -U -m hello")
        found = re.search(r"^KECHO call n=1 size=5 result=(\S+) .*service=(\d+)", output,
                          re.MULTILINE)
        assert found, output
        outcome = (found[1], int(found[2]))
        assert outcome in {("abort=-5", OLD), ("ok", NEW)}, output
        outcomes.add(outcome)
    print("kernel client to kernel server, asking for an upgrade:", sorted(outcomes))


async def test_our_client_asks_a_kernel_server_without_a_rule(
    linux_kernel: kernel_guest.Guest,
) -> None:
    with trio.fail_after(60):
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
            reply = await echo(ep.socket(), echo_server(linux_kernel), OLD, b"no rule",
                               upgrade_service=True)
    assert reply == (b"no rule", OLD)


async def serve(sock: rx.BoundSocket, seen: list[int],
                task_status: trio.TaskStatus[None] = trio.TASK_STATUS_IGNORED) -> None:
    """Echo every call, noting the service ID each call has on our side."""

    async def answer(call: rx.Call) -> None:
        async with call:
            seen.append(call.service_id)
            await call.send_all(await call.receive_all())
            await call.send_eof()

    async with trio.open_nursery() as nursery:
        task_status.started()
        while True:
            nursery.start_soon(answer, await sock.accept())


@pytest.mark.parametrize(("flag", "expected"), [("-U", NEW), ("", OLD)])
async def test_kernel_client_upgrades_at_our_server(
    linux_kernel: kernel_guest.Guest, flag: str, expected: int
) -> None:
    seen: list[int] = []
    with trio.fail_after(60):
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep, trio.open_nursery() as nursery:
            sock = ep.socket()
            sock.listen([OLD, NEW], upgrade=(OLD, NEW))
            await nursery.start(serve, sock, seen)
            output = await guest_run(
                linux_kernel, f"kecho call -a {kernel_guest.HOST_ALIAS} -p {ep.address[1]} "
                              f"-s {OLD} {flag} -z 3000 -n 2 -t 30")
            nursery.cancel_scope.cancel()
    results = re.findall(r"^KECHO call n=\d+ .*result=(\S+) .* service=(\d+)$", output,
                         re.MULTILINE)
    # The kernel client saw the reply come from the new service (srx_service of recvmsg).
    assert results == [("ok", str(expected))] * 2, output
    assert seen == [expected] * 2


# ------------------------------------------------------------------- exclusive calls


async def guest_connections(guest: kernel_guest.Guest) -> set[str]:
    """The connection IDs of the guest's service connections (/proc/net/rxrpc/conns)."""
    output = await guest_run(guest, "cat /proc/net/rxrpc/conns")
    # Proto Local Remote SvID ConnID End ...; preallocated ones have no addresses yet.
    return {fields[4] for fields in map(str.split, output.splitlines())
            if len(fields) > 5 and fields[0] == "UDP" and fields[5] == "Svc"
            and fields[1] != "no_local"}


@pytest.mark.parametrize(("exclusive", "expected"), [(False, 1), (True, 2)])
async def test_exclusive_calls_to_the_kernel(
    linux_kernel: kernel_guest.Guest, exclusive: bool, expected: int
) -> None:
    address = echo_server(linux_kernel)
    requests = [os.urandom(2000 + i) for i in range(2)]
    with trio.fail_after(60):
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
            sock = ep.socket()
            before = await guest_connections(linux_kernel)
            calls = [sock.call(address, OLD, timeout=CALL_TIMEOUT, exclusive=exclusive)
                     for _ in requests]
            async with calls[0], calls[1]:
                ours = [row for row in ep.list_connections() if row.live_calls]
                assert len(ours) == expected
                for call, request in zip(calls, requests, strict=True):
                    await call.send_all(request)
                    await call.send_eof()
                for call, request in zip(calls, requests, strict=True):
                    assert await call.receive_all() == request
            after = await guest_connections(linux_kernel)
    # The kernel made as many service connections for them as we used.
    assert len(after - before) == expected, (before, after)


@pytest.mark.parametrize(("flag", "expected"), [("", 1), ("-X", 2)])
async def test_exclusive_calls_from_the_kernel(
    linux_kernel: kernel_guest.Guest, flag: str, expected: int
) -> None:
    """kecho call -X (RXRPC_EXCLUSIVE_CALL): two concurrent calls come on two connections."""
    seen: list[int] = []
    with trio.fail_after(60):
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep, trio.open_nursery() as nursery:
            sock = ep.socket()
            sock.listen([OLD])
            await nursery.start(serve, sock, seen)
            output = await guest_run(
                linux_kernel, f"kecho call -a {kernel_guest.HOST_ALIAS} -p {ep.address[1]} "
                              f"-s {OLD} {flag} -z 3000 -n 2 -c 2 -t 30")
            conns = [row for row in ep.list_connections() if row.side == "server"]
            nursery.cancel_scope.cancel()
    assert "KECHO done ok=2 failed=0" in output, output
    assert len(conns) == expected, conns


# ------------------------------------------------------------ declared transmit length


async def test_declared_length_to_the_kernel(linux_kernel: kernel_guest.Guest) -> None:
    address = echo_server(linux_kernel)
    request = os.urandom(30_000)
    with trio.fail_after(60):
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
            sock = ep.socket()
            assert await echo(sock, address, OLD, request, tx_length=len(request)) == (
                request, OLD)
            async with sock.call(address, OLD, timeout=CALL_TIMEOUT, tx_length=10) as call:
                await call.send_all(b"0123456789")
                with pytest.raises(ValueError, match="exceed"):
                    await call.send_all(b"!")
                await call.send_eof()
                assert await call.receive_all() == b"0123456789"
            with pytest.raises(rx.LocalAbort, match="declared transmit length"):
                async with sock.call(address, OLD, timeout=CALL_TIMEOUT, tx_length=10) as call:
                    await call.send_all(b"short")
                    with pytest.raises(ValueError, match="end after 5"):
                        await call.send_eof()
