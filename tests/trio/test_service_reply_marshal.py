"""A generated service whose method returns what its reply cannot carry.

The call is aborted with ``RXGEN_SS_MARSHAL`` (-452), as OpenAFS's server stubs do, and the
mistake propagates out of ``serve`` as the service bug it is: a value of the wrong type is a
``TypeError``, a number outside its field's range an ``XDRError`` (a ``ValueError``).
"""

from __future__ import annotations

import pytest
import trio

import trio_rxrpc as rx
from trio_rxrpc.afs import vl
from trio_rxrpc.rpc import XDRError

RXGEN_SS_MARSHAL = -452


class WrongReplies(vl.Service):
    async def GetNewVolumeId(self, call: rx.Call, bumpcount: int) -> int:
        return 1 << 40 if bumpcount == 1 else "not a number"  # type: ignore[return-value]


@pytest.mark.parametrize(("bumpcount", "bug"), [(1, XDRError), (2, TypeError)])
async def test_a_reply_that_does_not_encode_aborts_and_propagates(
        bumpcount: int, bug: type[Exception]) -> None:
    failures: list[BaseExceptionGroup[Exception]] = []
    failed = trio.Event()

    async def serve(sock: rx.BoundSocket, *, task_status: trio.TaskStatus[None]) -> None:
        try:
            await WrongReplies().serve(sock, task_status=task_status)
        except* Exception as group:
            failures.append(group)
            failed.set()

    with trio.fail_after(10):
        async with rx.open_endpoint(("127.0.0.1", 0)) as server_ep, \
                rx.open_endpoint(("127.0.0.1", 0)) as client_ep, trio.open_nursery() as nursery:
            sock = server_ep.socket()
            sock.listen([vl.SERVICE_ID])
            await nursery.start(serve, sock)
            client = vl.Client(client_ep.socket(), ("127.0.0.1", server_ep.address[1]))
            with pytest.raises(rx.RemoteAbort) as info:
                await client.GetNewVolumeId(bumpcount)
            await failed.wait()
    assert info.value.abort_code == RXGEN_SS_MARSHAL
    assert pytest.RaisesGroup(bug, flatten_subgroups=True).matches(failures[0])
