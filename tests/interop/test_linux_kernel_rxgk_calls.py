"""Our rxperf client with yfs-rxgk against Linux 7.3's in-kernel rxperf server (qemu guest).

The server holds an rxgk key ``147:6:1:ENCTYPE`` for each enctype in
``rxperf_module.RXPERF_RXGK_ENCTYPES`` (the bytes 0, 1, 2, ... of the key's length); we forge a
token with it, as a token-granting service would, and make calls at each level.  Linux runs
the connection at the token's level, and derives enctype-26 transport keys with its own
Camellia PRF (``camellia256_prf="linux"``).  ``linux_rxperf`` skips these tests until
``interop/linux/rxperf_module.py`` has built the modules.
"""

from __future__ import annotations

import argparse
import io
import struct
import time

import pytest
import rxperf_module
import trio
from test_linux_kernel import relay

import trio_rxrpc as rx
from trio_rxrpc import _rxperf as rxperf, _rxperf_cli as rxperf_cli
from trio_rxrpc._proto.codes import RxgkAbortCode
from trio_rxrpc._proto.security._enctypes import enctype
from trio_rxrpc.security import Level, RxgkClientSecurity, RxgkToken, forge_rxgk_token

pytestmark = pytest.mark.interop

ZEROS = rxperf.Payload.create(verify=False)
LEVELS = [Level.CLEAR, Level.AUTH, Level.CRYPT]


def rxperf_key(number: int) -> bytes:
    return bytes(range(enctype(number).key_size))


def plan(op: int, out: int, into: int) -> rxperf.Plan:
    size = out if op == rxperf.OP_SEND else into
    return rxperf.Plan.create(op, size=size, request_size=out, reply_size=into,
                              rsize=rxperf.CHUNK_MAX, wsize=rxperf.CHUNK_MAX, payload=ZEROS,
                              file_words=(4, 0, 4), dialect="linux")


def linux_client(token: RxgkToken) -> RxgkClientSecurity:
    return RxgkClientSecurity(token, camellia256_prf="linux")


async def calls(server: tuple[str, int], security: RxgkClientSecurity,
                plans: list[rxperf.Plan]) -> None:
    async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
        sock = ep.socket()
        for the_plan in plans:
            moved = await rxperf.client_call(sock, server, the_plan, ZEROS, security=security,
                                             dead_after=30)
            assert moved == the_plan.size_out + the_plan.size_in


@pytest.mark.parametrize("level", LEVELS, ids=lambda lv: lv.name)
@pytest.mark.parametrize("number", rxperf_module.RXPERF_RXGK_ENCTYPES)
async def test_rpc_at_every_level_and_enctype(linux_rxperf: tuple[str, int], number: int,
                                              level: Level) -> None:
    token = forge_rxgk_token(rxperf_key(number), number, level=level)
    with trio.fail_after(60):
        await calls(linux_rxperf, linux_client(token),
                    [plan(rxperf.OP_RPC, 100, 2000), plan(rxperf.OP_RPC, 5000, 100)])


@pytest.mark.parametrize(("number", "level"), [
    (17, Level.CLEAR), (17, Level.AUTH), *((n, Level.CRYPT)
                                           for n in rxperf_module.RXPERF_RXGK_ENCTYPES)])
async def test_bulk_both_ways(linux_rxperf: tuple[str, int], number: int, level: Level) -> None:
    token = forge_rxgk_token(rxperf_key(number), number, level=level)
    with trio.fail_after(180):
        await calls(linux_rxperf, linux_client(token),
                    [plan(rxperf.OP_RPC, 2_000_000, 2_000_000),
                     plan(rxperf.OP_SEND, 3_000_000, 0), plan(rxperf.OP_RECV, 0, 3_000_000)])


async def test_rekeying_with_the_kernel(linux_rxperf: tuple[str, int]) -> None:
    """A token whose transport keys last 1 MiB: both sides rekey several times in one call
    (more than a window of packets per key, so a retransmission never lags two keys)."""
    token = forge_rxgk_token(rxperf_key(18), 18, level=Level.CRYPT, rekey_after_bytes_log2=20)
    with trio.fail_after(120):
        await calls(linux_rxperf, linux_client(token),
                    [plan(rxperf.OP_RPC, 4_000_000, 4_000_000)])


async def test_camellia256_needs_the_linux_prf(linux_rxperf: tuple[str, int]) -> None:
    """With RFC 6803's PRF our transport key differs from Linux's: the kernel cannot open the
    authenticator."""
    token = forge_rxgk_token(rxperf_key(26), 26, level=Level.CLEAR)
    with trio.fail_after(60):
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
            with pytest.raises(rx.RemoteAbort) as caught:
                await rxperf.client_call(ep.socket(), linux_rxperf,
                                         plan(rxperf.OP_RPC, 100, 100), ZEROS,
                                         security=RxgkClientSecurity(token), dead_after=30)
    assert caught.value.abort_code == RxgkAbortCode.RXGK_SEALEDINCON


async def test_wrong_key_is_refused(linux_rxperf: tuple[str, int]) -> None:
    token = forge_rxgk_token(bytes(16), 17, level=Level.CRYPT)
    with trio.fail_after(60):
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
            with pytest.raises(rx.RemoteAbort) as caught:
                await rxperf.client_call(ep.socket(), linux_rxperf,
                                         plan(rxperf.OP_RPC, 100, 100), ZEROS,
                                         security=linux_client(token), dead_after=30)
    assert caught.value.abort_code == RxgkAbortCode.RXGK_SEALEDINCON


@pytest.mark.parametrize("number", [17, 26])
async def test_the_rxperf_command_with_rxgk(linux_rxperf: tuple[str, int], number: int) -> None:
    """``trio-rxrpc rxperf client --dialect linux --rxgk-key ... --enctype N --level crypt``."""
    parser = argparse.ArgumentParser()
    rxperf_cli.configure(parser)
    args = parser.parse_args([
        "client", "-s", linux_rxperf[0], "-p", str(linux_rxperf[1]), "-c", "rpc", "-n", "20",
        "-T", "4", "-S", "200000", "-R", "300000", "--dialect", "linux", "--level", "crypt",
        "--rxgk-key", rxperf_key(number).hex(), "--enctype", str(number)])
    out, err = io.StringIO(), io.StringIO()
    with trio.fail_after(120):
        status = await rxperf_cli.run_client(args, out=out, err=err)
    assert status == 0, err.getvalue()
    assert " failed=0 " in out.getvalue() + " "


@pytest.mark.parametrize(("level", "where", "code"), [
    (Level.AUTH, "payload", RxgkAbortCode.RXGK_SEALEDINCON),
    (Level.CRYPT, "payload", RxgkAbortCode.RXGK_SEALEDINCON),
    (Level.CRYPT, "keyno", RxgkAbortCode.RXGK_BADKEYNO),
], ids=["auth-payload", "crypt-payload", "crypt-keyno"])
async def test_the_kernel_refuses_a_tampered_packet(linux_rxperf: tuple[str, int], level: Level,
                                                    where: str, code: int) -> None:
    """The third DATA packet of the request is changed on its way to the kernel."""

    def tamper(data: bytes) -> bytes:
        if len(data) < 28 or data[20] != 1 or struct.unpack_from(">I", data, 12)[0] != 3:
            return data
        changed = bytearray(data)
        if where == "payload":
            changed[28 + 40] ^= 0x01
        else:
            changed[24:26] = struct.pack(">H", 7)  # the key number
        return bytes(changed)

    token = forge_rxgk_token(rxperf_key(18), 18, level=level)
    with trio.fail_after(60):
        async with trio.open_nursery() as nursery:
            address = await nursery.start(relay, linux_rxperf, tamper)
            async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
                with pytest.raises(rx.RemoteAbort) as caught:
                    await rxperf.client_call(ep.socket(), address,
                                             plan(rxperf.OP_RPC, 30_000, 100), ZEROS,
                                             security=linux_client(token), dead_after=30)
            nursery.cancel_scope.cancel()
    assert caught.value.abort_code == code


async def test_an_expired_token_is_not_refused_with_an_rxgk_code(
        linux_rxperf: tuple[str, int]) -> None:
    """Linux has no rxgk abort code for an expired token: it aborts the call with
    RX_CALL_DEAD (-1), as seen here.  Our server says RXGK_EXPIRED instead, and our client
    does not answer a challenge with an expired token (its clock is set back here so that it
    does)."""
    now = time.time()
    token = forge_rxgk_token(rxperf_key(17), 17, level=Level.AUTH, start=now - 7200,
                             lifetime=3600)
    security = RxgkClientSecurity(token, clock=lambda: now - 7000)
    with trio.fail_after(60):
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
            with pytest.raises(rx.RemoteAbort) as caught:
                await rxperf.client_call(ep.socket(), linux_rxperf,
                                         plan(rxperf.OP_RPC, 100, 100), ZEROS,
                                         security=security, dead_after=20)
    assert caught.value.abort_code == rx.AbortCode.RX_CALL_DEAD
