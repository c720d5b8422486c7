"""Our rxperf client against Linux's in-kernel rxperf server (Linux 7.3 in a qemu guest).

The module is not in Debian's kernel: ``interop/linux/rxperf_module.py`` builds it, and the
``linux_rxperf`` fixture skips these tests until it has.  Linux's server wants each request to
end with the end cookie (the ``linux`` dialect) and answers with zeros (so no ``--verify``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
import rxperf_module
import trio

import trio_rxrpc as rx
from trio_rxrpc import _rxperf as rxperf

if TYPE_CHECKING:
    from trio_rxrpc.security import ClientSecurity

pytestmark = pytest.mark.interop

ZEROS = rxperf.Payload.create(verify=False)
RXGEN_SS_UNMARSHAL = -453
RXGEN_OPCODE = -455
CASES = [(rxperf.OP_RPC, 100, 2000), (rxperf.OP_RPC, 300_000, 1_000_000),
         (rxperf.OP_SEND, 300_000, 0), (rxperf.OP_RECV, 0, 300_000)]
CASE_IDS = ["rpc", "rpc-big", "send", "recv"]


def plan(op: int, out: int, into: int, dialect: str) -> rxperf.Plan:
    size = out if op == rxperf.OP_SEND else into
    return rxperf.Plan.create(op, size=size, request_size=out, reply_size=into,
                              rsize=rxperf.CHUNK_MAX, wsize=rxperf.CHUNK_MAX, payload=ZEROS,
                              file_words=(4, 0, 4), dialect=dialect)


@pytest.mark.parametrize("level", ["null", "clear", "crypt"])
@pytest.mark.parametrize(("op", "out", "into"), CASES, ids=CASE_IDS)
async def test_linux_dialect_against_the_kernel_server(linux_rxperf: tuple[str, int], op: int,
                                                       out: int, into: int,
                                                       level: str) -> None:
    security = rxperf.client_security(rxperf.LEVELS[level],
                                      bytes.fromhex(rxperf_module.RXPERF_RXKAD_KEY), 2)
    the_plan = plan(op, out, into, "linux")
    with trio.fail_after(60):
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
            sock = ep.socket()
            for _ in range(2):
                moved = await call_once_more_if_never_challenged(
                    sock, linux_rxperf, the_plan, security)
                assert moved == the_plan.size_out + the_plan.size_in


async def call_once_more_if_never_challenged(sock: rx.BoundSocket, server: tuple[str, int],
                                             the_plan: rxperf.Plan,
                                             security: ClientSecurity | None) -> int:
    """One rxperf call, made again (once) if the kernel's CHALLENGE was lost on the way.

    Linux challenges a connection only once, so when the guest's network drops that packet
    the call ends with a NetworkError saying the server cannot have run it (see
    ``test_linux_kernel_handshake.py``), and making it again on a new connection is what an
    application should do.  Any other failure, or a second one, fails the test.
    """
    try:
        return await rxperf.client_call(sock, server, the_plan, ZEROS, security=security,
                                        dead_after=30)
    except rx.NetworkError as exc:
        if "CHALLENGE never came" not in str(exc):
            raise
    return await rxperf.client_call(sock, server, the_plan, ZEROS, security=security,
                                    dead_after=30)


@pytest.mark.parametrize(("op", "out", "into"), CASES[:1], ids=CASE_IDS[:1])
async def test_openafs_dialect_is_refused_by_the_kernel_server(
    linux_rxperf: tuple[str, int], op: int, out: int, into: int,
) -> None:
    with trio.fail_after(60):
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
            with pytest.raises(rx.RemoteAbort) as caught:
                await rxperf.client_call(ep.socket(), linux_rxperf, plan(op, out, into, "openafs"),
                                         ZEROS, security=None, dead_after=30)
    assert caught.value.abort_code == RXGEN_SS_UNMARSHAL


async def test_the_kernel_server_has_no_file_operation(linux_rxperf: tuple[str, int]) -> None:
    with trio.fail_after(60):
        async with rx.open_endpoint(("127.0.0.1", 0)) as ep:
            with pytest.raises(rx.RemoteAbort) as caught:
                await rxperf.client_call(ep.socket(), linux_rxperf,
                                         plan(rxperf.OP_FILE, 0, 0, "linux"), ZEROS,
                                         security=None, dead_after=30)
    assert caught.value.abort_code == RXGEN_OPCODE
